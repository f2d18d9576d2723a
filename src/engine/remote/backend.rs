//! A Spark cluster over Spark Connect as a [`Backend`]: each call encodes the plan as
//! Spark Connect protos (`encode`) and runs it with ExecutePlan or AnalyzePlan. Actions
//! carry their job's operation id and tags, and the server's stages are reported as the
//! job's stages (`crate::jobs`).
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use async_trait::async_trait;
use datafusion::arrow::datatypes::{Schema, SchemaRef};
use datafusion::arrow::record_batch::RecordBatch;
use spark_connect_proto as pb;

use super::encode::{self, LocalData};
use super::{RemoteError, RemoteSession};
use crate::engine::backend::{Backend, Job, Result, SparkError, WriteRequest};
use crate::plan::{PythonUdf, Relation};

impl From<RemoteError> for SparkError {
    fn from(error: RemoteError) -> Self {
        match error {
            RemoteError::Server { class, condition, message, parameters } => SparkError { class, condition, message, parameters },
            RemoteError::Connection(message) => SparkError::plain("SparkConnectGrpcException", message),
            other => SparkError::plain("PySparkRuntimeError", other.to_string()),
        }
    }
}

impl From<encode::EncodeError> for SparkError {
    fn from(error: encode::EncodeError) -> Self {
        RemoteError::from(error).into()
    }
}

/// A Spark Connect session with the client-side rows of its `LocalRelation`s.
pub struct RemoteBackend {
    pub session: Arc<RemoteSession>,
    /// Rows given by the client (Arrow IPC, Spark JSON schema), by relation id.
    local: Mutex<LocalData>,
    next_id: AtomicU64,
}

impl RemoteBackend {
    pub fn new(session: RemoteSession) -> Self {
        RemoteBackend { session: Arc::new(session), local: Mutex::new(LocalData::new()), next_id: AtomicU64::new(1) }
    }

    fn proto(&self, plan: &Relation) -> Result<pb::Relation> {
        let local = self.local.lock().map_err(|_| SparkError::plain("PySparkRuntimeError", "local relations poisoned"))?;
        Ok(encode::relation_proto(plan, &local)?)
    }

    /// Runs a Plan (ExecutePlan) as `job`, with its operation id and tags, the server's
    /// stages becoming stages of the job; without a job (a call the user did not start as
    /// an action, such as `SHOW VIEWS` for `dropTempView`) under a fresh operation id and
    /// not shown as a job.
    async fn run(&self, plan: pb::Plan, job: Option<&Job>) -> Result<(SchemaRef, Vec<RecordBatch>)> {
        let Some(job) = job else {
            let (schema, batches) = self.session.execute(plan, &crate::jobs::operation_id(), Vec::new(), &|_| {}).await?;
            return Ok((schema.unwrap_or_else(|| Arc::new(Schema::empty())), batches));
        };
        let registry = crate::jobs::registry();
        let job_id = job.job_id;
        let stages: Mutex<BTreeMap<i64, usize>> = Mutex::new(BTreeMap::new());
        let progress = move |p: &pb::execute_plan_response::ExecutionProgress| {
            let Ok(mut known) = stages.lock() else { return };
            let mut inflight = p.num_inflight_tasks.max(0) as usize;
            for stage in &p.stages {
                let tasks = stage.num_tasks.max(0) as usize;
                let id = *known.entry(stage.stage_id).or_insert_with(|| registry.add_stage(job_id, tasks));
                let running = if stage.done { 0 } else { std::mem::take(&mut inflight) };
                registry.set_stage(id, tasks, stage.num_completed_tasks.max(0) as usize, running, stage.input_bytes_read.max(0) as u64, stage.done);
            }
        };
        let (schema, batches) = self.session.execute(plan, &job.operation_id, job.tags.clone(), &progress).await?;
        Ok((schema.unwrap_or_else(|| Arc::new(Schema::empty())), batches))
    }
}

/// The first string cell of a result (ShowString's one row).
fn first_string(batches: &[RecordBatch]) -> String {
    use datafusion::arrow::array::{Array, StringArray};
    batches
        .iter()
        .find(|b| b.num_rows() > 0)
        .and_then(|b| b.column(0).as_any().downcast_ref::<StringArray>().map(|a| if a.is_null(0) { String::new() } else { a.value(0).to_string() }))
        .unwrap_or_default()
}

#[async_trait]
impl Backend for RemoteBackend {
    fn runtime(&self) -> &tokio::runtime::Runtime {
        self.session.tokio_runtime()
    }

    fn is_remote(&self) -> bool {
        true
    }

    fn parallelism(&self) -> usize {
        2
    }

    /// AnalyzePlan's Schema, as PySpark Connect asks it; a type the JSON conversion does
    /// not model falls back to the Arrow schema of an empty result.
    async fn schema_json(&self, plan: Relation) -> Result<String> {
        let relation = self.proto(&plan)?;
        if let Some(json) = self.session.schema_json(relation.clone()).await? {
            return Ok(json);
        }
        let (schema, _) = self.run(encode::root(encode::limit(relation, 0)), None).await?;
        Ok(crate::spark::type_text::spark_json_schema(&schema).to_string())
    }

    async fn tree_string(&self, plan: Relation) -> Result<String> {
        Ok(self.session.tree_string(self.proto(&plan)?).await?)
    }

    /// The server's explain text cut into its parsed, optimized and physical plans.
    async fn explain(&self, plan: Relation) -> Result<(String, String, String, String)> {
        let text = self.session.explain(self.proto(&plan)?).await?;
        let section = |name: &str| -> String {
            let marker = format!("== {name} ==\n");
            text.split(&marker).nth(1).map(|rest| rest.split("\n\n== ").next().unwrap_or("").trim_end().to_string()).unwrap_or_default()
        };
        // The server's statistics appear only in its own cost-mode text.
        Ok((section("Parsed Logical Plan"), section("Optimized Logical Plan"), section("Physical Plan"), String::new()))
    }

    async fn plan_flag(&self, plan: Relation, streaming: bool) -> Result<Option<bool>> {
        Ok(Some(self.session.plan_flag(self.proto(&plan)?, streaming).await?))
    }

    async fn collect(&self, plan: Relation, job: Job) -> Result<(SchemaRef, Vec<RecordBatch>)> {
        self.run(encode::root(self.proto(&plan)?), Some(&job)).await
    }

    async fn count(&self, plan: Relation, job: Job) -> Result<i64> {
        use datafusion::arrow::array::Int64Array;
        let (_, batches) = self.run(encode::root(encode::count(self.proto(&plan)?)), Some(&job)).await?;
        Ok(batches.iter().filter_map(|b| b.column(0).as_any().downcast_ref::<Int64Array>().map(|a| a.value(0))).next().unwrap_or(0))
    }

    /// The server renders `show()` (the ShowString relation).
    async fn rendered_show(&self, plan: Relation, rows: usize, truncate: usize, vertical: bool, job: Job) -> Result<Option<String>> {
        let (_, batches) = self.run(encode::root(encode::show_string(self.proto(&plan)?, rows, truncate, vertical)), Some(&job)).await?;
        Ok(Some(first_string(&batches)))
    }

    /// The rows go to the server as Arrow IPC inside the plans that use them.
    fn add_local_relation(&self, schema: SchemaRef, schema_json: String, batches: Vec<RecordBatch>) -> Result<u64> {
        let mut data = Vec::new();
        {
            let mut writer = datafusion::arrow::ipc::writer::StreamWriter::try_new(&mut data, &schema).map_err(RemoteError::from)?;
            for batch in &batches {
                writer.write(batch).map_err(RemoteError::from)?;
            }
            writer.finish().map_err(RemoteError::from)?;
        }
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        self.local.lock().map_err(|_| SparkError::plain("PySparkRuntimeError", "local relations poisoned"))?.insert(id, (data, schema_json));
        Ok(id)
    }

    async fn create_temp_view(&self, name: String, plan: Relation, replace: bool, global: bool, job: Job) -> Result<()> {
        self.run(encode::create_view(self.proto(&plan)?, &name, replace, global), Some(&job)).await.map(|_| ())
    }

    async fn drop_temp_view(&self, name: String) -> Result<bool> {
        let existed = self.temp_view_names().await?.iter().any(|n| n.eq_ignore_ascii_case(&name));
        if existed {
            self.run(encode::root(encode::drop_view(&name)), None).await?;
        }
        Ok(existed)
    }

    /// The temporary views among the server's `SHOW VIEWS`.
    async fn temp_view_names(&self) -> Result<Vec<String>> {
        use datafusion::arrow::array::{Array, BooleanArray, StringArray};
        let (_, batches) = self.run(encode::root(encode::sql("SHOW VIEWS")), None).await?;
        let mut names = Vec::new();
        for batch in &batches {
            let (Some(name), Some(temporary)) = (batch.column_by_name("viewName"), batch.column_by_name("isTemporary")) else { continue };
            let (Some(name), Some(temporary)) = (name.as_any().downcast_ref::<StringArray>(), temporary.as_any().downcast_ref::<BooleanArray>()) else { continue };
            for row in 0..batch.num_rows() {
                if !temporary.is_null(row) && temporary.value(row) {
                    names.push(name.value(row).to_string());
                }
            }
        }
        Ok(names)
    }

    /// The server writes the files (WriteOperation).
    async fn write(&self, plan: Relation, request: WriteRequest, job: Job) -> Result<()> {
        self.run(encode::write(self.proto(&plan)?, &request), Some(&job)).await.map(|_| ())
    }

    async fn register_udf(&self, name: String, udf: PythonUdf) -> Result<()> {
        let plan = encode::register_function(&name, &udf)?;
        self.run(plan, None).await.map(|_| ())
    }

    async fn conf_set(&self, key: String, value: Option<String>) -> Result<()> {
        Ok(self.session.config_set_async(&key, value.as_deref()).await?)
    }

    async fn conf_get(&self, key: String) -> Result<Option<String>> {
        Ok(self.session.config_get_async(&key).await?)
    }

    /// Sends Interrupt for the job's operation from a thread of its own (the session's
    /// runtime may be busy with the dropped call).
    fn interrupt(&self, job: &Job) {
        let session = self.session.clone();
        let operation_id = job.operation_id.clone();
        std::thread::spawn(move || {
            let _ = session.interrupt(Some(&operation_id));
        });
    }
}
