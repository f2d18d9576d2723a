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

/// A Spark engine a session runs plans on. Plans are Ember's unresolved plan
/// (`crate::plan`, Spark Connect's relations); schemas and batches carry Spark's types.
#[async_trait]
pub trait Backend: Send + Sync {
    /// The tokio runtime the engine's futures run on.
    fn runtime(&self) -> &tokio::runtime::Runtime;

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
    async fn explain(&self, plan: Relation) -> Result<(String, String, String)>;

    /// `DataFrame.isLocal` and `isStreaming` (`streaming` picks which); `None` where the
    /// engine has no answer of its own.
    async fn plan_flag(&self, plan: Relation, streaming: bool) -> Result<Option<bool>>;

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

    /// `createTempView` (`replace` false) and `createOrReplaceTempView`.
    async fn create_temp_view(&self, name: String, plan: Relation, replace: bool, job: Job) -> Result<()>;

    /// `spark.sql` of a command that runs at once (`CREATE TEMPORARY VIEW`, `DROP VIEW`):
    /// runs it and returns true; false when `query` is a query to plan. A Spark Connect
    /// server runs commands itself, so the default runs nothing.
    async fn run_sql_command(&self, _query: String) -> Result<bool> {
        Ok(false)
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
