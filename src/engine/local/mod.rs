//! The embedded engine: resolves Spark plans to DataFusion and runs them on `local[N]`
//! threads.
//!
//! `LocalSession` owns the DataFusion `SessionContext`, the rows created from Python data,
//! and the temporary views. The resolver (`resolver/`) holds the Spark semantics.

pub mod argument_types;
pub mod arithmetic;
pub mod backend;
pub mod cache;
pub mod cast;
pub mod charsets;
pub mod constant_folding;
pub mod catalog;
pub mod csv_source;
pub mod error;
pub mod file_order;
pub mod file_table;
pub mod io_read;
pub mod io_write;
pub mod join_strategy;
pub mod generators;
pub mod interval_literals;
pub mod json_source;
pub mod orc_source;
pub mod plan_graph;
pub mod xml_source;
pub mod json_value;
pub mod lambda_indices;
pub mod memory;
pub mod naming;
pub mod float_semantics;
pub mod python_aggregate;
pub mod python_udf;
pub mod extract_calls;
pub mod python_iterator;
pub mod python_udf_batches;
pub mod range_source;
pub mod registry;
pub mod resolver;
pub mod sql;
pub mod sql_calls;
pub mod sql_commands;
pub mod stages;
pub mod types;
pub mod udfs;

use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use datafusion::arrow::datatypes::SchemaRef;
use datafusion::arrow::record_batch::RecordBatch;
use datafusion::catalog::view::ViewTable;
use datafusion::logical_expr::LogicalPlan;
use datafusion::prelude::{SessionConfig, SessionContext};
use futures::StreamExt;

pub use error::{EngineError, Result};

use crate::plan::Relation;

/// Rows created from Python data (`createDataFrame`), by id.
pub type LocalRelations = HashMap<u64, (SchemaRef, Vec<RecordBatch>)>;

/// One Spark session on the embedded engine.
pub struct LocalSession {
    context: SessionContext,
    runtime: Arc<tokio::runtime::Runtime>,
    local_relations: Mutex<LocalRelations>,
    next_id: AtomicU64,
    /// Temporary views by lower-case name: the resolved plan and the name as given.
    temp_views: Mutex<BTreeMap<String, (String, LogicalPlan)>>,
    /// The databases, tables, global temporary views and cache, shared with the sessions
    /// made by `new_session`.
    pub catalog: Arc<catalog::Catalog>,
    /// The database bare table names resolve in (`USE db`).
    current_database: Mutex<String>,
    /// The names Python UDFs were registered under (`spark.udf.register`), as given.
    python_udf_names: Mutex<std::collections::BTreeSet<String>>,
    parallelism: usize,
    /// `spark.sql.shuffle.partitions`: the partitions of a shuffle without a number
    /// (`repartition(col)`, `repartitionByRange(col)`).
    shuffle_partitions: std::sync::atomic::AtomicUsize,
    /// Runs Python UDFs; set by the native layer, absent in engine-only tests.
    python: std::sync::OnceLock<Arc<dyn python_udf::PythonRunner>>,
    /// The metrics of `observe` by name, from the last action over each observed plan.
    observed: Mutex<HashMap<String, (SchemaRef, Vec<RecordBatch>)>>,
}

impl LocalSession {
    /// A session running on `parallelism` threads (`local[N]`), with a catalog of its own
    /// and the default memory settings (`memory::MemorySettings`); for the engine's tests.
    #[cfg(test)]
    pub fn new(parallelism: usize) -> Result<Arc<Self>> {
        let memory = memory::MemorySettings::from_conf(|_| None).map_err(|e| EngineError::Internal(e.message))?;
        Self::with_memory(parallelism, &memory)
    }

    /// A session running on `parallelism` threads, whose queries share the memory pool
    /// and spill folders of `memory` with the sessions `new_session` makes from it.
    pub fn with_memory(parallelism: usize, memory: &memory::MemorySettings) -> Result<Arc<Self>> {
        let parallelism = parallelism.max(1);
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(parallelism)
            .thread_name("ember-engine")
            .enable_all()
            .build()?;
        Self::with_shared(parallelism, Arc::new(runtime), Arc::new(catalog::Catalog::default()), memory.runtime_env()?)
    }

    /// `SparkSession.newSession()`: a session with its own temporary views, current
    /// database and UDF registrations that shares this one's threads, catalog and cache.
    pub fn new_session(&self) -> Result<Arc<Self>> {
        let session = Self::with_shared(self.parallelism, self.runtime.clone(), self.catalog.clone(), self.context.runtime_env())?;
        if let Some(runner) = self.python.get() {
            session.set_python_runner(runner.clone());
        }
        Ok(session)
    }

    fn with_shared(parallelism: usize, runtime: Arc<tokio::runtime::Runtime>, shared: Arc<catalog::Catalog>, environment: Arc<datafusion::execution::runtime_env::RuntimeEnv>) -> Result<Arc<Self>> {
        let mut config = SessionConfig::new()
            .with_target_partitions(parallelism)
            .with_information_schema(false)
            .with_batch_size(8192)
            .with_default_catalog_and_schema(catalog::SPARK_CATALOG, catalog::provider::SESSION_SCHEMA);
        let options = config.options_mut();
        options.sql_parser.default_null_ordering = "nulls_min".to_string();
        options.sql_parser.map_string_types_to_utf8view = false;
        // Spark reads `1.5` in SQL as a decimal literal.
        options.sql_parser.parse_float_as_decimal = true;
        options.sql_parser.dialect = datafusion::config::Dialect::Hive;
        // DataFusion 55's leaf-expression pushdown moves a struct field access below a
        // projection that redefines the struct's name, where it reads the old column:
        // `withColumn("a", col("a").withField("d", ...)).select("a.d")` fails with "Field d
        // not found in struct".
        options.optimizer.enable_leaf_expression_pushdown = false;
        options.execution.parquet.schema_force_view_types = false;
        // Instants are tagged UTC (`now()` and friends give zoned timestamps, Spark's
        // TIMESTAMP rather than TIMESTAMP_NTZ); the session zone is applied by Ember's casts
        // and datetime functions (`spark::session_zone`).
        options.execution.time_zone = Some("UTC".to_string());
        // Spark 4's default, spark.sql.ansi.enabled=true, for datafusion-spark's functions.
        options.execution.enable_ansi_mode = true;
        // Rows keep their input order between operators, as in Spark's pipelined stages, so
        // `show()` and ties in a stable `orderBy` print what Spark prints (see resolver::ordering).
        options.optimizer.enable_round_robin_repartition = false;
        // DataFusion's physical rules, with Spark's sort-merge join for joins too large to
        // build in memory placed where partitioned joins have their inputs, and Ember's
        // rules for Python functions and lambdas last.
        let mut physical_rules = datafusion::physical_optimizer::optimizer::PhysicalOptimizer::new().rules;
        if let datafusion::execution::memory_pool::MemoryLimit::Finite(pool) = environment.memory_pool.memory_limit() {
            let at = physical_rules.iter().position(|rule| rule.name() == "EnsureRequirements").map_or(physical_rules.len(), |i| i + 1);
            physical_rules.insert(at, Arc::new(join_strategy::SortMergeLargeJoins::new(pool)));
        }
        physical_rules.push(Arc::new(python_iterator::PythonIterators));
        physical_rules.push(Arc::new(python_udf_batches::PythonUdfBatches::new(parallelism)));
        physical_rules.push(Arc::new(lambda_indices::LambdaVariableIndices));
        Ok(Arc::new_cyclic(|weak| {
            let state = datafusion::execution::SessionStateBuilder::new()
                .with_config(config)
                .with_runtime_env(environment)
                .with_default_features()
                .with_optimizer_rules(optimizer_rules())
                .with_physical_optimizer_rules(physical_rules)
                .build();
            let context = SessionContext::new_with_state(state);
            context.register_catalog(catalog::SPARK_CATALOG, Arc::new(catalog::provider::SparkCatalogProvider::new(weak.clone())));
            udfs::register(&context);
            Self {
                context,
                runtime,
                local_relations: Mutex::new(HashMap::new()),
                next_id: AtomicU64::new(1),
                temp_views: Mutex::new(BTreeMap::new()),
                catalog: shared,
                current_database: Mutex::new("default".to_string()),
                python_udf_names: Mutex::new(std::collections::BTreeSet::new()),
                parallelism,
                shuffle_partitions: std::sync::atomic::AtomicUsize::new(200),
                python: std::sync::OnceLock::new(),
                observed: Mutex::new(HashMap::new()),
            }
        }))
    }

    /// Gives the session the runner of its Python UDFs (once; later calls are ignored).
    pub fn set_python_runner(&self, runner: Arc<dyn python_udf::PythonRunner>) {
        let _ = self.python.set(runner);
    }

    /// A Python UDF of the plan as a DataFusion scalar function (Spark's `PythonUDF`).
    pub fn python_udf(&self, udf: &crate::plan::PythonUdf) -> Result<datafusion::logical_expr::ScalarUDF> {
        Ok(datafusion::logical_expr::ScalarUDF::from(self.python_function(udf)?))
    }

    /// A grouped-aggregate pandas UDF (`SQL_GROUPED_AGG_PANDAS_UDF`) as an aggregate.
    pub fn python_aggregate(&self, udf: &crate::plan::PythonUdf) -> Result<datafusion::logical_expr::AggregateUDF> {
        let (runner, command, return_type) = self.python_parts(udf)?;
        Ok(datafusion::logical_expr::AggregateUDF::from(python_aggregate::PythonAggregate::new(&udf.name, command, return_type, runner)))
    }

    fn python_function(&self, udf: &crate::plan::PythonUdf) -> Result<python_udf::PythonUdf> {
        let (runner, command, return_type) = self.python_parts(udf)?;
        Ok(python_udf::PythonUdf::new(&udf.name, command, udf.eval_type, return_type, udf.deterministic, runner))
    }

    /// What running a Python UDF of the plan takes: the session's runner, the decoded
    /// pickled command and the return type.
    fn python_parts(&self, udf: &crate::plan::PythonUdf) -> Result<(Arc<dyn python_udf::PythonRunner>, Vec<u8>, datafusion::arrow::datatypes::DataType)> {
        use base64::Engine as _;
        let runner = self.python.get().cloned().ok_or_else(|| EngineError::internal("this session has no Python runner for UDFs"))?;
        let command = base64::engine::general_purpose::STANDARD
            .decode(&udf.command)
            .map_err(|e| EngineError::internal(format!("a Python UDF command is not base64: {e}")))?;
        Ok((runner, command, types::parse_spark_type(&udf.return_type)?))
    }

    /// `spark.udf.register(name, f)`: makes a Python UDF callable from SQL by `name`
    /// (case-insensitive, as Spark's function registry).
    pub fn register_python_udf(&self, name: &str, udf: &crate::plan::PythonUdf) -> Result<()> {
        let named = crate::plan::PythonUdf { name: name.to_string(), ..udf.clone() };
        if matches!(udf.eval_type, 202 | 217 | 252 | 254) {
            // A grouped-aggregate pandas or Arrow UDF is an aggregate function in SQL.
            let lower = name.to_lowercase();
            let aggregate = self.python_aggregate(&named)?;
            // DataFusion's aliases are static strings: the lower-case spelling of each
            // registered name is kept for the life of the process (a few bytes each).
            let aggregate = if lower != name { aggregate.with_aliases([&*Box::leak(lower.clone().into_boxed_str())]) } else { aggregate };
            // A name takes one kind of function at a time, as in Spark's registry.
            self.context.deregister_udf(name);
            self.context.deregister_udf(&lower);
            self.context.register_udaf(aggregate);
            self.python_udf_names.lock().map_err(|_| EngineError::internal("session state poisoned"))?.insert(name.to_string());
            return Ok(());
        }
        let function = self.python_function(&named)?;
        self.context.deregister_udaf(name);
        self.context.deregister_udaf(&name.to_lowercase());
        // SQL folds unquoted names to lower case, so that spelling is registered too.
        let lower = name.to_lowercase();
        if lower != name {
            self.context.register_udf(datafusion::logical_expr::ScalarUDF::from(function.renamed(&lower)));
        }
        self.context.register_udf(datafusion::logical_expr::ScalarUDF::from(function));
        self.python_udf_names.lock().map_err(|_| EngineError::internal("session state poisoned"))?.insert(name.to_string());
        Ok(())
    }

    /// The names of the session's Python UDFs (`Catalog.listFunctions`).
    pub fn python_udf_names(&self) -> Result<Vec<String>> {
        let names = self.python_udf_names.lock().map_err(|_| EngineError::internal("session state poisoned"))?;
        // A table function is listed by the name it was registered under.
        Ok(names.iter().map(|name| name.strip_prefix(sql::PYTHON_TABLE_FUNCTION).unwrap_or(name).to_string()).collect())
    }

    /// `spark.sql.shuffle.partitions`.
    pub fn shuffle_partitions(&self) -> usize {
        self.shuffle_partitions.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Sets `spark.sql.shuffle.partitions` (a value that is not a positive number leaves it).
    pub fn set_shuffle_partitions(&self, value: Option<&str>) {
        let partitions = value.and_then(|v| v.trim().parse::<usize>().ok()).filter(|n| *n > 0).unwrap_or(200);
        self.shuffle_partitions.store(partitions, std::sync::atomic::Ordering::Relaxed);
    }

    /// The number of threads (`sc.defaultParallelism`).
    pub fn parallelism(&self) -> usize {
        self.parallelism
    }

    /// The DataFusion context.
    pub fn context(&self) -> &SessionContext {
        &self.context
    }

    /// The tokio runtime plans run on.
    pub fn tokio_runtime(&self) -> &tokio::runtime::Runtime {
        &self.runtime
    }

    /// Keeps rows created from Python data and returns their id for a `LocalRelation`.
    pub fn add_local_relation(&self, schema: SchemaRef, batches: Vec<RecordBatch>) -> Result<u64> {
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        self.local_relations
            .lock()
            .map_err(|_| EngineError::internal("local relation store poisoned"))?
            .insert(id, (schema, batches));
        Ok(id)
    }

    /// The rows of a `LocalRelation`.
    pub fn local_relation(&self, id: u64) -> Result<(SchemaRef, Vec<RecordBatch>)> {
        self.local_relations
            .lock()
            .map_err(|_| EngineError::internal("local relation store poisoned"))?
            .get(&id)
            .cloned()
            .ok_or_else(|| EngineError::internal(format!("no local relation {id}")))
    }

    /// Resolves a Spark plan to a DataFusion logical plan.
    pub async fn resolve(&self, relation: &Relation) -> Result<LogicalPlan> {
        let plan = resolver::PlanResolver::new(self).resolve(relation).await?;
        argument_types::check(&plan)?;
        Ok(plan)
    }

    /// The output schema of a plan, with Spark's types.
    pub async fn schema(&self, relation: &Relation) -> Result<SchemaRef> {
        let plan = self.resolve(relation).await?;
        Ok(spark_schema(&plan))
    }

    /// Runs a plan as job `job_id` and returns its rows as Arrow batches with Spark's types;
    /// the cached plans inside it are computed first (`fill_caches`).
    pub async fn collect(&self, relation: &Relation, job_id: usize) -> Result<(SchemaRef, Vec<RecordBatch>)> {
        self.fill_caches(relation, job_id).await?;
        let plan = self.resolve(relation).await?;
        check_batch_only(relation)?;
        let rows = self.collect_plan(plan, job_id).await?;
        self.record_metrics(relation, job_id).await?;
        Ok(rows)
    }

    /// Computes the metrics of the `observe` nodes inside `relation` once its action has
    /// run, and keeps them by name (Spark publishes a `CollectMetrics` node's row when the
    /// query finishes). Here they are a second pass over the node's input.
    pub async fn record_metrics(&self, relation: &Relation, job_id: usize) -> Result<()> {
        for node in crate::plan::nodes_of_kind::<Relation>(relation, "CollectMetrics") {
            let Relation::CollectMetrics { name, .. } = &node else { continue };
            let plan = resolver::PlanResolver::new(self).metrics_plan(&node).await?;
            let rows = self.collect_plan(plan, job_id).await?;
            self.observed.lock().map_err(|_| EngineError::internal("metrics store poisoned"))?.insert(name.clone(), rows);
        }
        Ok(())
    }

    /// The metrics last published under `name` by `observe`, as one row.
    pub fn observed_metrics(&self, name: &str) -> Result<Option<(SchemaRef, Vec<RecordBatch>)>> {
        Ok(self.observed.lock().map_err(|_| EngineError::internal("metrics store poisoned"))?.get(name).cloned())
    }

    /// Computes and keeps the rows of the cached plans inside `relation` that have none
    /// yet (Spark's cache is filled by the first action that reads it).
    pub async fn fill_caches(&self, relation: &Relation, job_id: usize) -> Result<()> {
        for pending in self.catalog.cache.pending_within(relation)? {
            let plan = self.resolve(&pending).await?;
            let rows = self.collect_plan(plan, job_id).await?;
            self.catalog.cache.fill(&pending, rows)?;
        }
        Ok(())
    }

    /// Runs a resolved plan as job `job_id` and returns its rows with Spark's types.
    pub async fn collect_plan(&self, plan: LogicalPlan, job_id: usize) -> Result<(SchemaRef, Vec<RecordBatch>)> {
        let schema = spark_schema(&plan);
        // A limit on top (`show`, `take`, `limit(n).collect()`) reads the first rows in
        // partition order, as Spark's CollectLimit does; the engine's own limit would take
        // them from whichever partition answers first.
        let (plan, fetch) = top_limit(plan)?;
        let frame = self.context.execute_logical_plan(plan).await?;
        let mut stream = self.execute(frame, job_id).await?;
        let mut batches = Vec::new();
        let mut remaining = fetch.unwrap_or(usize::MAX);
        while remaining > 0 {
            let Some(batch) = stream.next().await else { break };
            let batch = batch?;
            let batch = if batch.num_rows() > remaining { batch.slice(0, remaining) } else { batch };
            remaining -= batch.num_rows();
            if batch.num_rows() > 0 {
                batches.push(conform_batch(&batch, &schema)?);
            }
        }
        Ok((schema, batches))
    }

    /// Plans a DataFrame and starts it, its stages reporting to job `job_id`
    /// (`stages::instrument`); DataFusion's `DataFrame::execute_stream` with the stages.
    async fn execute(&self, frame: datafusion::dataframe::DataFrame, job_id: usize) -> Result<datafusion::physical_plan::SendableRecordBatchStream> {
        let task_context = Arc::new(frame.task_ctx());
        let physical = frame.create_physical_plan().await?;
        let plan_text = datafusion::physical_plan::displayable(physical.as_ref()).indent(false).to_string();
        let physical = stages::instrument(physical, job_id)?;
        crate::jobs::registry().add_plan(job_id, plan_text, Arc::new(plan_graph::PhysicalPlanView(physical.clone())));
        let partitions = physical.properties().output_partitioning().partition_count();
        if partitions <= 1 {
            return Ok(datafusion::physical_plan::execute_stream(physical, task_context)?);
        }
        // Spark's collect concatenates the partitions' rows in partition order: every
        // partition runs at once, a few batches ahead, and is read in turn.
        let streams = (0..partitions)
            .map(|partition| Ok(datafusion::physical_plan::common::spawn_buffered(physical.execute(partition, task_context.clone())?, 2)))
            .collect::<Result<Vec<_>>>()?;
        let stream = futures::stream::iter(streams).flatten();
        Ok(Box::pin(datafusion::physical_plan::stream::RecordBatchStreamAdapter::new(physical.schema(), stream)))
    }

    /// The engine's own plans for a Spark plan, as text: DataFusion's resolved logical
    /// plan, its optimized form, the physical plan (`DataFrame.explain`, `%explain`), and
    /// the result's estimated statistics in Spark's form (`explain(mode="cost")`).
    pub async fn explain(&self, relation: &Relation) -> Result<(String, String, String, String)> {
        let plan = self.resolve(relation).await?;
        let state = self.context.state();
        let optimized = state.optimize(&plan)?;
        let physical = state.create_physical_plan(&plan).await?;
        let statistics = datafusion::physical_plan::statistics::StatisticsContext::new().compute(physical.as_ref(), &datafusion::physical_plan::statistics::StatisticsArgs::new())?;
        let statistics = spark_statistics(statistics.total_byte_size.get_value().copied(), statistics.num_rows.get_value().copied());
        let physical = datafusion::physical_plan::displayable(physical.as_ref()).indent(false).to_string();
        let logical = plan.display_indent().to_string();
        let optimized = optimized.display_indent().to_string();
        Ok((logical, optimized, physical, statistics))
    }

    /// The plan's optimized logical plan with its output names left out: equal texts mean
    /// the same rows from the same sources (Spark's `sameSemantics` and `semanticHash`
    /// compare canonicalized plans, where aliases do not count).
    pub async fn semantic_text(&self, relation: &Relation) -> Result<String> {
        use datafusion::common::tree_node::{Transformed, TreeNode};
        let plan = self.context.state().optimize(&self.resolve(relation).await?)?;
        let canonical = plan
            .transform_up(|node| node.map_expressions(|expr| expr.transform_up(|e| Ok(match e {
                datafusion::logical_expr::Expr::Alias(alias) => Transformed::yes(*alias.expr),
                other => Transformed::no(other),
            }))))?
            .data;
        let text = canonical.display_indent().to_string();
        Ok(text)
    }

    /// Counts the rows of a plan as job `job_id` (`DataFrame.count`; DataFusion's
    /// `DataFrame::count` aggregate, run with its stages).
    pub async fn count(&self, relation: &Relation, job_id: usize) -> Result<i64> {
        use datafusion::functions_aggregate::expr_fn::count;
        self.fill_caches(relation, job_id).await?;
        let plan = self.resolve(relation).await?;
        check_batch_only(relation)?;
        let frame = self.context.execute_logical_plan(plan).await?;
        let counted = frame.aggregate(vec![], vec![count(datafusion::prelude::lit(1)).alias("count")])?;
        let mut stream = self.execute(counted, job_id).await?;
        let mut total = 0i64;
        while let Some(batch) = stream.next().await {
            let batch = batch?;
            if let Some(column) = batch.column(0).as_any().downcast_ref::<datafusion::arrow::array::Int64Array>() {
                total += column.iter().flatten().sum::<i64>();
            }
        }
        self.record_metrics(relation, job_id).await?;
        Ok(total)
    }

    /// Registers a temporary view (`createOrReplaceTempView`); Spark resolves it at creation.
    pub async fn create_temp_view(&self, name: &str, relation: &Relation, replace: bool) -> Result<()> {
        let plan = self.resolve(relation).await?;
        self.register_temp_view(name, plan, replace)
    }

    /// Registers a resolved plan as a temporary view (`createTempView`, SQL's
    /// `CREATE TEMPORARY VIEW`); `TEMP_TABLE_OR_VIEW_ALREADY_EXISTS` unless `replace`.
    pub fn register_temp_view(&self, name: &str, plan: LogicalPlan, replace: bool) -> Result<()> {
        let key = name.to_lowercase();
        let mut views = self.temp_views.lock().map_err(|_| EngineError::internal("view store poisoned"))?;
        if !replace && views.contains_key(&key) {
            return Err(EngineError::analysis(
                "TEMP_TABLE_OR_VIEW_ALREADY_EXISTS",
                format!("Cannot create the temporary view `{name}` because it already exists."),
                &[("relationName", format!("`{name}`"))],
            ));
        }
        let table = ViewTable::new(plan.clone(), None);
        self.context.deregister_table(key.as_str())?;
        self.context.register_table(key.as_str(), Arc::new(table))?;
        views.insert(key, (name.to_string(), plan));
        Ok(())
    }

    /// Drops a temporary view; returns whether it existed.
    pub fn drop_temp_view(&self, name: &str) -> Result<bool> {
        let key = name.to_lowercase();
        let mut views = self.temp_views.lock().map_err(|_| EngineError::internal("view store poisoned"))?;
        let existed = views.remove(&key).is_some();
        if existed {
            self.context.deregister_table(key.as_str())?;
        }
        Ok(existed)
    }

    /// The temporary views, by their names as given, without the ones Ember makes for
    /// itself (`__ember_...`: the DataFrames of `spark.sql`'s `{df}` fields and of table
    /// function calls), which Spark's catalog does not list.
    pub fn temp_view_names(&self) -> Result<Vec<String>> {
        let views = self.temp_views.lock().map_err(|_| EngineError::internal("view store poisoned"))?;
        Ok(views.values().map(|(name, _)| name.clone()).filter(|name| !name.starts_with("__ember_")).collect())
    }

    /// The resolved plan of a temporary view.
    pub fn temp_view(&self, name: &str) -> Result<Option<LogicalPlan>> {
        let views = self.temp_views.lock().map_err(|_| EngineError::internal("view store poisoned"))?;
        Ok(views.get(&name.to_lowercase()).map(|(_, plan)| plan.clone()))
    }

    /// The columns of every temporary view, used to resolve SQL identifiers case-insensitively.
    pub fn temp_view_columns(&self) -> Result<Vec<String>> {
        let views = self.temp_views.lock().map_err(|_| EngineError::internal("view store poisoned"))?;
        Ok(views.values().flat_map(|(_, plan)| plan.schema().fields().iter().map(|f| f.name().clone()).collect::<Vec<_>>()).collect())
    }
}

/// The Arrow schema of a resolved plan with Spark's types (string views become strings).
pub fn spark_schema(plan: &LogicalPlan) -> SchemaRef {
    let fields: Vec<_> = plan
        .schema()
        .fields()
        .iter()
        .map(|f| {
            datafusion::arrow::datatypes::Field::new(f.name(), types::normalize_type(f.data_type()), f.is_nullable()).with_metadata(f.metadata().clone())
        })
        .collect();
    Arc::new(datafusion::arrow::datatypes::Schema::new(fields))
}

/// Casts a batch's columns to the Spark types of `schema` where DataFusion used other
/// Arrow encodings (views, dictionaries), keeping the schema's names and nullability.
pub fn conform_batch(batch: &RecordBatch, schema: &SchemaRef) -> Result<RecordBatch> {
    let mut columns = Vec::with_capacity(batch.num_columns());
    for (column, field) in batch.columns().iter().zip(schema.fields()) {
        if column.data_type() == field.data_type() {
            columns.push(column.clone());
        } else {
            columns.push(datafusion::arrow::compute::cast(column, field.data_type()).map_err(datafusion::error::DataFusionError::from)?);
        }
    }
    let options = datafusion::arrow::record_batch::RecordBatchOptions::new().with_row_count(Some(batch.num_rows()));
    let relaxed = Arc::new(datafusion::arrow::datatypes::Schema::new(
        schema.fields().iter().map(|f| f.as_ref().clone().with_nullable(true)).collect::<Vec<_>>(),
    ));
    let batch = RecordBatch::try_new_with_options(relaxed, columns, &options).map_err(datafusion::error::DataFusionError::from)?;
    Ok(batch)
}

/// A plan's top `LIMIT n` (with no offset) taken off: the plan under it and `n`.
fn top_limit(plan: LogicalPlan) -> Result<(LogicalPlan, Option<usize>)> {
    use datafusion::logical_expr::{FetchType, SkipType};
    if let LogicalPlan::Limit(limit) = &plan {
        if let (SkipType::Literal(0), FetchType::Literal(Some(fetch))) = (limit.get_skip_type()?, limit.get_fetch_type()?) {
            return Ok((limit.input.as_ref().clone(), Some(fetch)));
        }
    }
    Ok((plan, None))
}

/// Spark's `Statistics.simpleString`: the estimated size as `Utils.bytesToString` writes it
/// (an unknown size is Spark's default, `Long.MaxValue` bytes) and the row count when known.
fn spark_statistics(bytes: Option<usize>, rows: Option<usize>) -> String {
    let size = bytes.map(|b| b as u128).unwrap_or(i64::MAX as u128);
    let units: [(u32, &str); 6] = [(60, "EiB"), (50, "PiB"), (40, "TiB"), (30, "GiB"), (20, "MiB"), (10, "KiB")];
    let text = units
        .iter()
        .find(|(shift, _)| size >= 2u128 << shift)
        .map(|(shift, unit)| format!("{:.1} {unit}", size as f64 / (1u128 << shift) as f64))
        .unwrap_or_else(|| format!("{:.1} B", size as f64));
    match rows {
        Some(rows) => format!("Statistics(sizeInBytes={text}, rowCount={rows})"),
        None => format!("Statistics(sizeInBytes={text})"),
    }
}

/// Refuses, before it runs, a batch plan holding an operator only streaming plans may
/// run (Spark's `UnsupportedOperationChecker.checkForBatch`).
fn check_batch_only(relation: &Relation) -> Result<()> {
    let within_watermark = crate::plan::nodes_of_kind::<Relation>(relation, "Deduplicate").iter().any(|node| matches!(node, Relation::Deduplicate { within_watermark: true, .. }));
    if within_watermark {
        return Err(EngineError::analysis("_LEGACY_ERROR_TEMP_3102", "dropDuplicatesWithinWatermark is not supported with batch DataFrames/DataSets;", &[]));
    }
    Ok(())
}



/// The logical optimizer's rules: Ember's [`constant_folding::ConstantFilters`] first,
/// then DataFusion's, then [`float_semantics::SparkFloats`],
/// [`constant_folding::ConstantErrors`] and the rule that gives
/// scalar iterator UDFs projections of their own.
fn optimizer_rules() -> Vec<Arc<dyn datafusion::optimizer::OptimizerRule + Send + Sync>> {
    let mut rules: Vec<Arc<dyn datafusion::optimizer::OptimizerRule + Send + Sync>> = vec![Arc::new(constant_folding::ConstantFilters)];
    rules.extend(datafusion::optimizer::Optimizer::new().rules);
    rules.push(Arc::new(float_semantics::SparkFloats));
    rules.push(Arc::new(constant_folding::ConstantErrors));
    rules.push(Arc::new(python_iterator::ExtractIteratorCalls));
    rules
}
