//! The embedded engine as a [`Backend`]: plans resolved and run on DataFusion in this
//! process, files written with Spark's layout (`io_write`).
use std::sync::Arc;

use async_trait::async_trait;
use datafusion::arrow::datatypes::SchemaRef;
use datafusion::arrow::record_batch::RecordBatch;

use super::error::ErrorClass;
use super::{io_write, types, EngineError, LocalSession};
use crate::engine::backend::{Backend, CacheAction, Job, Result, SaveMode, SparkError, SqlCommandResult, TableWriteRequest, WriteRequest};
use crate::plan::{PythonUdf, Relation};

impl From<EngineError> for SparkError {
    fn from(error: EngineError) -> Self {
        match error {
            EngineError::Spark { class, condition, message, parameters } => {
                // A Spark error without a condition (a plain IllegalArgumentException) keeps
                // only its message.
                SparkError { class: class.python_name().to_string(), condition: (!condition.is_empty()).then_some(condition), message, parameters }
            }
            // Spark's `PythonException` of a failed Python UDF, with the worker's traceback.
            EngineError::Python(traceback) => {
                let msg = "An exception was thrown from the Python worker";
                SparkError::spark("PythonException", "PYTHON_EXCEPTION", format!("{msg}: {traceback}"), &[("msg", msg.to_string()), ("traceback", traceback)])
            }
            other => SparkError::plain("SparkRuntimeException", other.to_string()),
        }
    }
}

#[async_trait]
impl Backend for LocalSession {
    fn runtime(&self) -> &tokio::runtime::Runtime {
        self.tokio_runtime()
    }

    fn is_remote(&self) -> bool {
        false
    }

    fn parallelism(&self) -> usize {
        LocalSession::parallelism(self)
    }

    async fn schema_json(&self, plan: Relation) -> Result<String> {
        let schema = self.schema(&plan).await?;
        Ok(types::spark_json_schema(&schema).to_string())
    }

    async fn tree_string(&self, plan: Relation) -> Result<String> {
        let schema = self.schema(&plan).await?;
        Ok(crate::spark::type_text::tree_string(&schema))
    }

    async fn explain(&self, plan: Relation) -> Result<(String, String, String, String)> {
        Ok(LocalSession::explain(self, &plan).await?)
    }

    async fn plan_flag(&self, _plan: Relation, _streaming: bool) -> Result<Option<bool>> {
        Ok(None)
    }

    async fn semantic_text(&self, plan: Relation) -> Result<Option<String>> {
        Ok(Some(LocalSession::semantic_text(self, &plan).await?))
    }

    async fn partition_count(&self, plan: Relation) -> Result<Option<usize>> {
        Ok(Some(crate::engine::local::resolver::PlanResolver::new(self).partition_count(&plan).await?))
    }

    async fn observed_metrics(&self, name: String) -> Result<Option<(SchemaRef, Vec<RecordBatch>)>> {
        Ok(LocalSession::observed_metrics(self, &name)?)
    }

    async fn collect(&self, plan: Relation, job: Job) -> Result<(SchemaRef, Vec<RecordBatch>)> {
        Ok(LocalSession::collect(self, &plan, job.job_id).await?)
    }

    async fn count(&self, plan: Relation, job: Job) -> Result<i64> {
        Ok(LocalSession::count(self, &plan, job.job_id).await?)
    }

    async fn rendered_show(&self, _plan: Relation, _rows: usize, _truncate: usize, _vertical: bool, _job: Job) -> Result<Option<String>> {
        Ok(None)
    }

    fn add_local_relation(&self, schema: SchemaRef, _schema_json: String, batches: Vec<RecordBatch>) -> Result<u64> {
        Ok(LocalSession::add_local_relation(self, schema, batches)?)
    }

    async fn create_temp_view(&self, name: String, plan: Relation, replace: bool, global: bool, _job: Job) -> Result<()> {
        if global {
            let plan = self.resolve(&plan).await?;
            return Ok(self.catalog.register_global_view(&name, plan, replace)?);
        }
        Ok(LocalSession::create_temp_view(self, &name, &plan, replace).await?)
    }

    async fn run_sql_command(&self, query: String, job: Job) -> Result<SqlCommandResult> {
        Ok(match super::sql_commands::run(self, &query, job.job_id).await? {
            super::sql_commands::Outcome::Query => SqlCommandResult::Query,
            super::sql_commands::Outcome::Done => SqlCommandResult::Done,
            super::sql_commands::Outcome::Rows(schema, batches) => SqlCommandResult::Rows(LocalSession::add_local_relation(self, schema, batches)?),
        })
    }

    async fn catalog(&self, operation: String, arguments: String, job: Job) -> Result<String> {
        let arguments: serde_json::Value = serde_json::from_str(&arguments).map_err(|e| EngineError::internal(format!("catalog arguments are not JSON: {e}")))?;
        Ok(super::catalog::api::call(self, &operation, &arguments, job.job_id).await?.to_string())
    }

    fn cached_plans(&self) -> Result<Vec<crate::engine::backend::CachedPlan>> {
        Ok(self.catalog.cache.summaries()?)
    }

    /// Spark's `CacheManager` (`super::cache`): the rows are kept by the first action.
    async fn cache(&self, plan: Relation, action: CacheAction) -> Result<Option<Option<String>>> {
        let cache = &self.catalog.cache;
        match action {
            CacheAction::Persist(level) => cache.register(&plan, &level, None)?,
            CacheAction::Unpersist => {
                cache.unregister(&plan)?;
            }
            CacheAction::StorageLevel => {}
        }
        Ok(Some(cache.storage_level(&plan)?))
    }

    async fn write_table(&self, plan: Relation, request: TableWriteRequest, job: Job) -> Result<()> {
        Ok(super::catalog::tables::write_table(self, plan, request, job.job_id).await?)
    }

    fn new_session(&self) -> Result<Option<Arc<dyn Backend>>> {
        Ok(Some(LocalSession::new_session(self)? as Arc<dyn Backend>))
    }

    async fn drop_temp_view(&self, name: String) -> Result<bool> {
        Ok(LocalSession::drop_temp_view(self, &name)?)
    }

    async fn temp_view_names(&self) -> Result<Vec<String>> {
        Ok(LocalSession::temp_view_names(self)?)
    }

    /// Spark's write order: an existing target fails `ErrorIfExists` before any work and
    /// is skipped by `Ignore`; the rows are computed, then written into a staging
    /// directory and published (`io_write::write_staged`), so a plan that reads the path
    /// it overwrites still sees its input, and a failed write leaves the target as it was.
    async fn write(&self, plan: Relation, request: WriteRequest, job: Job) -> Result<()> {
        if !io_write::check_target(&request.path, request.mode)? {
            return Ok(());
        }
        let (schema, batches) = LocalSession::collect(self, &plan, job.job_id).await?;
        let work = move || -> super::Result<()> {
            if !io_write::check_target(&request.path, request.mode)? {
                return Ok(());
            }
            let publish = if request.mode == SaveMode::Append { io_write::Publish::Merge { clear: None } } else { io_write::Publish::Replace };
            io_write::write_staged(&request.path, publish, |staging| io_write::write(staging, &request.format, &schema, &batches, &request.options, &request.partition_by))
        };
        match tokio::task::spawn_blocking(work).await {
            Ok(outcome) => Ok(outcome?),
            Err(e) => Err(EngineError::internal(format!("write task failed: {e}")).into()),
        }
    }

    async fn register_udf(&self, name: String, udf: PythonUdf) -> Result<()> {
        Ok(self.register_python_udf(&name, &udf)?)
    }

    /// The embedded engine keeps three runtime confs of its own: Spark's session time zone
    /// (`spark.sql.session.timeZone`; unset restores the machine's zone, Spark's default),
    /// `spark.sql.mapKeyDedupPolicy` (EXCEPTION or LAST_WIN) and
    /// `spark.sql.timeType.enabled`.
    /// A zone Java cannot read is Spark's `INVALID_CONF_VALUE.TIME_ZONE`, and the zone in
    /// force is kept. Other confs live in the Python session.
    async fn conf_set(&self, key: String, value: Option<String>) -> Result<()> {
        if key == super::catalog::WAREHOUSE_KEY {
            if let Some(path) = &value {
                self.catalog.set_warehouse(path)?;
            }
        }
        if key == super::udfs::collection::MAP_KEY_DEDUP_POLICY {
            super::udfs::collection::set_map_key_dedup_policy(value.as_deref()).map_err(|accepted| {
                let value = value.clone().unwrap_or_default();
                EngineError::spark(
                    ErrorClass::IllegalArgument,
                    "INVALID_CONF_VALUE.OUT_OF_RANGE_OF_OPTIONS",
                    format!("The value '{value}' in the config \"{key}\" is invalid. It should be one of '{accepted}'."),
                    &[("confValue", value.clone()), ("confName", format!("\"{key}\""))],
                )
            })?;
        }
        if key == super::udfs::time_of_day::TIME_TYPE_ENABLED {
            super::udfs::time_of_day::set_enabled(value.as_deref());
        }
        if key == SHUFFLE_PARTITIONS_KEY {
            self.set_shuffle_partitions(value.as_deref());
        }
        if key == TIME_ZONE_KEY {
            crate::spark::session_zone::set(value.as_deref()).map_err(|zone| {
                EngineError::spark(
                    ErrorClass::IllegalArgument,
                    "INVALID_CONF_VALUE.TIME_ZONE",
                    format!("The value '{zone}' in the config \"{TIME_ZONE_KEY}\" is invalid. Cannot resolve the given timezone."),
                    &[("confValue", zone.clone()), ("confName", format!("\"{TIME_ZONE_KEY}\""))],
                )
            })?;
        }
        Ok(())
    }

    async fn conf_get(&self, key: String) -> Result<Option<String>> {
        if key == super::catalog::WAREHOUSE_KEY {
            return Ok(Some(format!("file:{}", self.catalog.warehouse()?.display())));
        }
        if key == super::udfs::collection::MAP_KEY_DEDUP_POLICY {
            return Ok(Some(super::udfs::collection::map_key_dedup_policy().to_string()));
        }
        Ok((key == TIME_ZONE_KEY).then(|| crate::spark::session_zone::current().id().to_string()))
    }

    /// Dropping the action's future stops its DataFusion streams; Python UDF batches
    /// running in worker processes are stopped by killing those workers.
    fn interrupt(&self, _job: &Job) {
        if let Some(runner) = self.python.get() {
            runner.cancel();
        }
    }
}

/// The session as the shared [`Backend`] handle `native::Session` holds.
pub fn backend(session: Arc<LocalSession>) -> Arc<dyn Backend> {
    session
}

/// Spark's conf of the number of partitions of a shuffle.
const SHUFFLE_PARTITIONS_KEY: &str = "spark.sql.shuffle.partitions";

/// Spark's conf of the session time zone.
const TIME_ZONE_KEY: &str = "spark.sql.session.timeZone";
