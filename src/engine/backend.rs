//! The one interface a PySpark session has to an engine. The embedded DataFusion engine
//! (`local`) and a Spark cluster over Spark Connect (`remote`) both implement [`Backend`];
//! `native::Session` holds one and does the rest once: the wait loop, the job bracket,
//! the "first n + 1 rows" of `show()`, and the mapping of [`SparkError`] to
//! `pyspark.errors`.
use std::collections::BTreeMap;
use std::path::PathBuf;

use async_trait::async_trait;
use datafusion::arrow::datatypes::SchemaRef;
use datafusion::arrow::record_batch::RecordBatch;

use crate::plan::{PythonUdf, Relation};

pub use crate::spark::error::SparkError;

/// Result alias of [`Backend`] calls.
pub type Result<T> = std::result::Result<T, SparkError>;

/// The action an engine call belongs to (a job of `crate::jobs`): its id, the operation
/// id Spark Connect tags it with, and the thread's job tags.
#[derive(Debug, Clone)]
pub struct Job {
    pub job_id: usize,
    pub operation_id: String,
    pub tags: Vec<String>,
}

/// What to do when a write's target exists (Spark's `SaveMode`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveMode {
    ErrorIfExists,
    Overwrite,
    Append,
    Ignore,
}

impl SaveMode {
    /// Spark's mode names (`DataFrameWriter.mode`), case-insensitive; any other name
    /// raises Spark's `INVALID_SAVE_MODE`.
    pub fn parse(mode: &str) -> Result<Self> {
        Ok(match mode.to_lowercase().as_str() {
            "error" | "errorifexists" | "default" => SaveMode::ErrorIfExists,
            "overwrite" => SaveMode::Overwrite,
            "append" => SaveMode::Append,
            "ignore" => SaveMode::Ignore,
            other => {
                return Err(SparkError::spark(
                    "IllegalArgumentException",
                    "INVALID_SAVE_MODE",
                    format!("The specified save mode \"{other}\" is invalid. Valid save modes include \"append\", \"overwrite\", \"ignore\", \"error\", \"errorifexists\", and \"default\"."),
                    &[("mode", format!("\"{other}\""))],
                ))
            }
        })
    }
}

/// `DataFrameWriter.save`'s arguments.
#[derive(Debug, Clone)]
pub struct WriteRequest {
    /// The data source, lower-case (`parquet`, `csv`, `json`, `text`).
    pub format: String,
    pub path: PathBuf,
    pub mode: SaveMode,
    pub options: BTreeMap<String, String>,
    pub partition_by: Vec<String>,
}

/// What `spark.sql` of a text was (`Backend::run_sql_command`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SqlCommandResult {
    /// A query, planned lazily by the caller.
    Query,
    /// A command that ran and shows nothing (an empty DataFrame).
    Done,
    /// A command that ran and shows rows, kept as the local relation of this id.
    Rows(u64),
}

/// What a DataFrame's cache call does (`Backend::cache`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CacheAction {
    /// `persist(level)`/`cache()`, with Spark's storage level name.
    Persist(String),
    Unpersist,
    /// `storageLevel`: the level when cached.
    StorageLevel,
}

/// How a DataFrame is written to a catalog table (`Backend::write_table`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TableWriteMode {
    /// `saveAsTable` with its save mode.
    SaveAsTable(SaveMode),
    /// `insertInto(table, overwrite)`.
    InsertInto { overwrite: bool },
    /// `writeTo(table)`: `create`, `replace`, `createOrReplace`, `append`, `overwrite`.
    Create,
    Replace,
    CreateOrReplace,
    Append,
    Overwrite,
}

/// `saveAsTable`, `insertInto` and `writeTo`'s arguments.
#[derive(Debug, Clone)]
pub struct TableWriteRequest {
    pub table: String,
    pub mode: TableWriteMode,
    /// The data source, when given (`format(...)`, `using(...)`).
    pub format: Option<String>,
    pub options: BTreeMap<String, String>,
    pub partition_by: Vec<String>,
    /// `TBLPROPERTIES` (`writeTo(...).tableProperty`).
    pub properties: BTreeMap<String, String>,
}

/// A cached plan as the web UI's storage page shows it (Spark's `RDDStorageInfo` of an
/// `InMemoryRelation`).
#[derive(Clone, Debug, PartialEq)]
pub struct CachedPlan {
    /// The table's name, or the plan's operators.
    pub name: String,
    /// Spark's `StorageLevel` text.
    pub storage_level: String,
    /// Whether an action has computed the rows yet.
    pub filled: bool,
    pub rows: u64,
    /// The rows' Arrow memory size.
    pub bytes: u64,
    /// The Arrow batches kept (the cached "partitions").
    pub batches: usize,
}

fn not_on_this_engine(what: &str) -> SparkError {
    SparkError::spark("PySparkNotImplementedError", "NOT_IMPLEMENTED", format!("{what} is not implemented."), &[("feature", what.to_string())])
}

/// A Spark engine a session runs plans on. Plans are Ember's unresolved plan
/// (`crate::plan`, Spark Connect's relations); schemas and batches carry Spark's types.
#[async_trait]
pub trait Backend: Send + Sync {
    /// The tokio runtime the engine's futures run on.
    fn runtime(&self) -> &tokio::runtime::Runtime;

    /// The cached plans (`df.cache()`, `CACHE TABLE`); none on a Spark Connect server,
    /// whose own UI shows its storage.
    fn cached_plans(&self) -> Result<Vec<CachedPlan>> {
        Ok(Vec::new())
    }

    /// Whether plans run on a Spark cluster over Spark Connect.
    fn is_remote(&self) -> bool;

    /// The default parallelism (`local[N]`'s N; 2 for a cluster, whose is not known to a
    /// Connect client).
    fn parallelism(&self) -> usize;

    /// The resolved schema of a plan in Spark's JSON format (`StructType.json`).
    async fn schema_json(&self, plan: Relation) -> Result<String>;

    /// Spark's `printSchema` text of a plan.
    async fn tree_string(&self, plan: Relation) -> Result<String>;

    /// The plan's (parsed or logical, optimized logical, physical) plans as text.
    async fn explain(&self, plan: Relation) -> Result<(String, String, String, String)>;

    /// `DataFrame.isLocal` and `isStreaming` (`streaming` picks which); `None` where the
    /// engine has no answer of its own.
    async fn plan_flag(&self, plan: Relation, streaming: bool) -> Result<Option<bool>>;

    /// A text of the plan that two plans share when they compute the same rows
    /// (`sameSemantics`, `semanticHash`); `None` where the engine has no answer.
    async fn semantic_text(&self, _plan: Relation) -> Result<Option<String>> {
        Ok(None)
    }

    /// Spark's number of partitions of a plan (`df.rdd.getNumPartitions()`); `None` where
    /// the engine has no answer of its own.
    async fn partition_count(&self, _plan: Relation) -> Result<Option<usize>> {
        Ok(None)
    }

    /// The row of metrics `observe` last published under `name` (Spark's observed
    /// metrics); `None` before an action over the observed plan has run.
    async fn observed_metrics(&self, _name: String) -> Result<Option<(SchemaRef, Vec<RecordBatch>)>> {
        Ok(None)
    }

    /// Runs a plan as `job` and returns its rows.
    async fn collect(&self, plan: Relation, job: Job) -> Result<(SchemaRef, Vec<RecordBatch>)>;

    /// Counts a plan's rows as `job`.
    async fn count(&self, plan: Relation, job: Job) -> Result<i64>;

    /// Spark's `show()` text when the engine renders it itself (Spark Connect's
    /// ShowString); `None` asks the caller to render the first rows.
    async fn rendered_show(&self, plan: Relation, rows: usize, truncate: usize, vertical: bool, job: Job) -> Result<Option<String>>;

    /// Keeps rows given by the client (`createDataFrame`), with their Spark JSON schema as
    /// the client gave it, and returns the id a `LocalRelation` plan refers to them by.
    fn add_local_relation(&self, schema: SchemaRef, schema_json: String, batches: Vec<RecordBatch>) -> Result<u64>;

    /// `createTempView` (`replace` false), `createOrReplaceTempView` and, with `global`,
    /// `createGlobalTempView` (views of the `global_temp` database).
    async fn create_temp_view(&self, name: String, plan: Relation, replace: bool, global: bool, job: Job) -> Result<()>;

    /// `spark.sql` of a command that runs at once (`CREATE TABLE`, `SHOW TABLES`, ...):
    /// runs it; `Query` when `query` is a query to plan. A Spark Connect server runs
    /// commands itself, so the default runs nothing.
    async fn run_sql_command(&self, _query: String, _job: Job) -> Result<SqlCommandResult> {
        Ok(SqlCommandResult::Query)
    }

    /// `spark.catalog`'s method `operation` with JSON arguments; its answer as JSON.
    async fn catalog(&self, operation: String, _arguments: String, _job: Job) -> Result<String> {
        Err(not_on_this_engine(&format!("Catalog.{operation} on this engine")))
    }

    /// `cache`, `persist`, `unpersist` and `storageLevel`: the storage level the plan is
    /// cached at afterwards. `None` from an engine that keeps no cache of its own (the
    /// caller then only records the level).
    async fn cache(&self, _plan: Relation, _action: CacheAction) -> Result<Option<Option<String>>> {
        Ok(None)
    }

    /// `saveAsTable`, `insertInto` and `writeTo`: runs the plan as `job` and writes its
    /// rows to a catalog table.
    async fn write_table(&self, _plan: Relation, request: TableWriteRequest, _job: Job) -> Result<()> {
        Err(not_on_this_engine(&format!("writing to table {} on this engine", request.table)))
    }

    /// `SparkSession.newSession()`: a session with its own temporary views and conf that
    /// shares the catalog and cache; `None` when the engine has no sessions of its own.
    fn new_session(&self) -> Result<Option<std::sync::Arc<dyn Backend>>> {
        Ok(None)
    }

    /// `spark.catalog.dropTempView`: whether the view existed.
    async fn drop_temp_view(&self, name: String) -> Result<bool>;

    /// The names of the session's temporary views.
    async fn temp_view_names(&self) -> Result<Vec<String>>;

    /// `DataFrameWriter.save`: runs the plan as `job` and writes its rows.
    async fn write(&self, plan: Relation, request: WriteRequest, job: Job) -> Result<()>;

    /// `spark.udf.register`: makes a Python UDF callable from SQL as `name`.
    async fn register_udf(&self, name: String, udf: PythonUdf) -> Result<()>;

    /// Sets (`value` given) or unsets a runtime conf the engine keeps.
    async fn conf_set(&self, key: String, value: Option<String>) -> Result<()>;

    /// The engine's value of a runtime conf, `None` when it has none.
    async fn conf_get(&self, key: String) -> Result<Option<String>>;

    /// Stops the engine side of `job` after the caller dropped its future (Ctrl-C or a
    /// cancel); the local engine stops with the dropped future.
    fn interrupt(&self, job: &Job);
}
