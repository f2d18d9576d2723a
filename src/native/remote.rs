//! `pyspark._native.RemoteSession`: the same methods as `Session`, run on a Spark cluster
//! through Spark Connect (`crate::engine::remote`). Each action is a job of the jobs model,
//! so tags and interrupts work as locally; the server's operation is interrupted with it.
use std::collections::BTreeMap;
use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use pyo3::prelude::*;
use pyo3::types::PyList;

use datafusion::arrow::datatypes::{Schema, SchemaRef};
use datafusion::arrow::record_batch::RecordBatch;
use spark_connect_proto as pb;

use super::{convert, jobs};
use crate::engine::local::types::{arrow_schema_from_json, spark_json_schema};
use crate::engine::remote::encode::{self, LocalData};
use crate::engine::remote::{ConnectUrl, RemoteError, RemoteSession as Remote};
use crate::plan::{relation_from_json, Relation};

/// Raises a remote error as the matching `pyspark.errors` exception.
fn to_python_error(py: Python<'_>, error: RemoteError) -> PyErr {
    match error {
        RemoteError::Server { class, condition, message, parameters } => super::spark_error(py, &class, condition.as_deref(), &message, &parameters),
        RemoteError::Connection(message) => super::spark_error(py, "SparkConnectGrpcException", None, &message, &BTreeMap::new()),
        other => super::spark_error(py, "PySparkRuntimeError", None, &other.to_string(), &BTreeMap::new()),
    }
}

fn url_error(py: Python<'_>, error: crate::engine::remote::url::UrlError) -> PyErr {
    let parameters: BTreeMap<String, String> = error.parameters.iter().map(|(k, v)| (k.to_string(), v.clone())).collect();
    super::spark_error(py, "PySparkValueError", Some(error.condition), &error.message, &parameters)
}

/// A Spark Connect session (Python: `pyspark._native.RemoteSession`).
#[pyclass(frozen, module = "pyspark._native")]
pub struct RemoteSession {
    inner: Arc<Remote>,
    local: Mutex<LocalData>,
    next_id: AtomicU64,
}

impl RemoteSession {
    fn relation(&self, py: Python<'_>, plan: &str) -> PyResult<pb::Relation> {
        let relation: Relation = relation_from_json(plan).map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))?;
        let local = self.local.lock().map_err(|_| pyo3::exceptions::PyRuntimeError::new_err("local relations poisoned"))?;
        encode::relation_proto(&relation, &local).map_err(|e| to_python_error(py, e.into()))
    }

    /// Runs `work` with the GIL released, checking Ctrl-C every 100 ms (an interrupt
    /// interrupts the server's operation too).
    fn wait<T: Send>(&self, py: Python<'_>, operation: Option<&jobs_model::JobHandle>, work: impl Future<Output = crate::engine::remote::Result<T>> + Send) -> PyResult<T> {
        let inner = self.inner.clone();
        let outcome: Result<crate::engine::remote::Result<T>, PyErr> = py.detach(|| {
            inner.block_on(async {
                tokio::pin!(work);
                loop {
                    tokio::select! {
                        done = &mut work => return Ok(done),
                        _ = tokio::time::sleep(Duration::from_millis(100)) => {
                            if let Err(interrupt) = Python::attach(|py| py.check_signals()) {
                                if let Some(job) = operation {
                                    let _ = interrupt_in_background(&inner, &job.operation_id);
                                }
                                return Err(interrupt);
                            }
                            if let Some(job) = operation {
                                jobs_model::registry().report(job, false);
                                if let Some(reason) = job.cancelled() {
                                    let _ = interrupt_in_background(&inner, &job.operation_id);
                                    return Ok(Err(RemoteError::Server {
                                        class: "SparkRuntimeException".into(),
                                        condition: Some("SPARK_JOB_CANCELLED".into()),
                                        message: format!("Job {} cancelled {reason}", job.job_id),
                                        parameters: [("jobId".to_string(), job.job_id.to_string()), ("reason".to_string(), reason)].into(),
                                    }));
                                }
                            }
                        }
                    }
                }
            })
        });
        match outcome {
            Ok(Ok(value)) => Ok(value),
            Ok(Err(error)) => Err(to_python_error(py, error)),
            Err(interrupt) => Err(interrupt),
        }
    }

    /// Runs a relation as an action (a job with an operation id and the thread's tags).
    fn run(&self, py: Python<'_>, relation: pb::Relation) -> PyResult<(Option<SchemaRef>, Vec<RecordBatch>)> {
        self.run_plan(py, pb::Plan { op_type: Some(pb::plan::OpType::Root(relation)) })
    }

    fn run_plan(&self, py: Python<'_>, plan: pb::Plan) -> PyResult<(Option<SchemaRef>, Vec<RecordBatch>)> {
        let registry = jobs_model::registry();
        let properties = jobs::thread_properties(py)?;
        let tags: Vec<String> = properties.tags.iter().cloned().collect();
        let job = registry.start_job_with(properties);
        let inner = self.inner.clone();
        let operation_id = job.operation_id.clone();
        let job_id = job.job_id;
        // The server's stages, by its stage id, as stages of this job.
        let stages: Mutex<BTreeMap<i64, usize>> = Mutex::new(BTreeMap::new());
        let progress = move |p: &pb::execute_plan_response::ExecutionProgress| {
            let Ok(mut known) = stages.lock() else { return };
            let mut inflight = p.num_inflight_tasks.max(0) as usize;
            for stage in &p.stages {
                let id = *known.entry(stage.stage_id).or_insert_with(|| registry.add_stage(job_id, stage.num_tasks.max(0) as usize));
                let running = if stage.done { 0 } else { std::mem::take(&mut inflight) };
                registry.set_stage(id, stage.num_tasks.max(0) as usize, stage.num_completed_tasks.max(0) as usize, running, stage.input_bytes_read.max(0) as u64, stage.done);
            }
        };
        let outcome = self.wait(py, Some(&job), async move { inner.execute(plan, &operation_id, tags, &progress).await });
        registry.finish_job(job.job_id, outcome.is_ok());
        registry.report(&job, true);
        outcome
    }
}

use crate::jobs as jobs_model;

/// Sends Interrupt for an operation from a thread of its own (the caller's runtime is busy).
fn interrupt_in_background(inner: &Arc<Remote>, operation_id: &str) -> std::thread::Result<()> {
    let inner = inner.clone();
    let operation_id = operation_id.to_string();
    std::thread::spawn(move || {
        let _ = inner.interrupt(Some(&operation_id));
    });
    Ok(())
}

fn first_string(batches: &[RecordBatch]) -> String {
    use datafusion::arrow::array::{Array, StringArray};
    batches
        .iter()
        .find(|b| b.num_rows() > 0)
        .and_then(|b| b.column(0).as_any().downcast_ref::<StringArray>().map(|a| if a.is_null(0) { String::new() } else { a.value(0).to_string() }))
        .unwrap_or_default()
}

#[pymethods]
impl RemoteSession {
    /// Connects to the Spark Connect server of `url` (PySpark's connection string rules);
    /// raises `PySparkValueError` (`INVALID_CONNECT_URL`, `INVALID_SESSION_UUID_ID`) for a
    /// bad URL and `SparkConnectGrpcException` when the server cannot be reached.
    #[new]
    fn new(py: Python<'_>, url: &str, session_id: &str) -> PyResult<Self> {
        let parsed = ConnectUrl::parse(url).map_err(|e| url_error(py, e))?;
        let session_id = parsed.session_id().map_err(|e| url_error(py, e))?.unwrap_or_else(|| session_id.to_string());
        let inner = py.detach(|| Remote::connect(parsed, session_id)).map_err(|e| to_python_error(py, e))?;
        Ok(Self { inner: Arc::new(inner), local: Mutex::new(LocalData::new()), next_id: AtomicU64::new(1) })
    }

    /// `host:port` of the server.
    #[getter]
    fn endpoint(&self) -> String {
        self.inner.url.endpoint()
    }

    /// The connection string without its token.
    #[getter]
    fn url(&self) -> String {
        self.inner.url.redacted()
    }

    /// The session id (a UUID).
    #[getter]
    fn session_id(&self) -> String {
        self.inner.session_id.clone()
    }

    /// The server's Spark version.
    fn spark_version(&self, py: Python<'_>) -> PyResult<String> {
        py.detach(|| self.inner.spark_version()).map_err(|e| to_python_error(py, e))
    }

    /// The default parallelism shown by `sc.defaultParallelism` (the cluster's is unknown
    /// to the client; Spark Connect has no SparkContext).
    #[getter]
    fn parallelism(&self) -> usize {
        2
    }

    /// The schema of a plan in Spark's JSON format (AnalyzePlan's Schema, as PySpark Connect asks it).
    fn schema_json(&self, py: Python<'_>, plan: &str) -> PyResult<String> {
        let relation = self.relation(py, plan)?;
        let inner = self.inner.clone();
        let analyzed = relation.clone();
        if let Some(json) = self.wait(py, None, async move { inner.schema_json(analyzed).await })? {
            return Ok(json);
        }
        // A type the JSON conversion does not model: the Arrow schema of an empty result.
        let limited = pb::Relation { common: None, rel_type: Some(pb::relation::RelType::Limit(Box::new(pb::Limit { input: Some(Box::new(relation)), limit: 0 }))) };
        let (schema, _) = self.run(py, limited)?;
        let schema = schema.unwrap_or_else(|| Arc::new(Schema::empty()));
        Ok(spark_json_schema(&schema).to_string())
    }

    /// Spark's `printSchema` text (the server's TreeString).
    fn tree_string(&self, py: Python<'_>, plan: &str) -> PyResult<String> {
        let relation = self.relation(py, plan)?;
        let inner = self.inner.clone();
        let text = self.wait(py, None, async move { inner.tree_string(relation).await })?;
        Ok(text)
    }

    /// The server's plans: (parsed logical, optimized logical, physical).
    fn explain(&self, py: Python<'_>, plan: &str) -> PyResult<(String, String, String)> {
        let relation = self.relation(py, plan)?;
        let inner = self.inner.clone();
        let text = self.wait(py, None, async move { inner.explain(relation).await })?;
        let section = |name: &str| -> String {
            let marker = format!("== {name} ==\n");
            text.split(&marker).nth(1).map(|rest| rest.split("\n\n== ").next().unwrap_or("").trim_end().to_string()).unwrap_or_default()
        };
        Ok((section("Parsed Logical Plan"), section("Optimized Logical Plan"), section("Physical Plan")))
    }

    /// `DataFrame.isLocal()` (AnalyzePlan's IsLocal).
    fn is_local(&self, py: Python<'_>, plan: &str) -> PyResult<bool> {
        let relation = self.relation(py, plan)?;
        let inner = self.inner.clone();
        self.wait(py, None, async move { inner.plan_flag(relation, false).await })
    }

    /// `DataFrame.isStreaming` (AnalyzePlan's IsStreaming).
    fn is_streaming(&self, py: Python<'_>, plan: &str) -> PyResult<bool> {
        let relation = self.relation(py, plan)?;
        let inner = self.inner.clone();
        self.wait(py, None, async move { inner.plan_flag(relation, true).await })
    }

    /// Spark's `show()` text, rendered by the server (the ShowString relation).
    fn show_string(&self, py: Python<'_>, plan: &str, n: usize, truncate: usize, vertical: bool) -> PyResult<String> {
        let relation = self.relation(py, plan)?;
        let (_, batches) = self.run(py, encode::show_string(relation, n, truncate, vertical))?;
        Ok(first_string(&batches))
    }

    /// `show()` on a terminal: the first `n` rows in a comfy-table `width` columns wide.
    fn show_table(&self, py: Python<'_>, plan: &str, n: usize, truncate: usize, width: u16, color: bool) -> PyResult<String> {
        let relation = self.relation(py, plan)?;
        let limited = pb::Relation { common: None, rel_type: Some(pb::relation::RelType::Limit(Box::new(pb::Limit { input: Some(Box::new(relation)), limit: (n + 1).min(i32::MAX as usize) as i32 }))) };
        let (schema, batches) = self.run(py, limited)?;
        let schema = schema.unwrap_or_else(|| Arc::new(Schema::empty()));
        let total: usize = batches.iter().map(|b| b.num_rows()).sum();
        Ok(super::terminal_table(&schema, &batches, total > n, n, truncate, width, color))
    }

    /// Runs a plan and returns its rows as `pyspark.sql.Row` objects.
    fn collect<'py>(&self, py: Python<'py>, plan: &str) -> PyResult<Bound<'py, PyList>> {
        let relation = self.relation(py, plan)?;
        let (schema, batches) = self.run(py, relation)?;
        let schema = schema.unwrap_or_else(|| Arc::new(Schema::empty()));
        super::rows_to_python(py, &schema, &batches)
    }

    /// Counts a plan's rows (`groupBy().count()`, as PySpark Connect does).
    fn count(&self, py: Python<'_>, plan: &str) -> PyResult<i64> {
        use datafusion::arrow::array::Int64Array;
        let relation = self.relation(py, plan)?;
        let count = pb::Expression {
            common: None,
            expr_type: Some(pb::expression::ExprType::UnresolvedFunction(pb::expression::UnresolvedFunction {
                function_name: "count".into(),
                arguments: vec![pb::Expression { common: None, expr_type: Some(pb::expression::ExprType::Literal(pb::expression::Literal { literal_type: Some(pb::expression::literal::LiteralType::Integer(1)), data_type: None })) }],
                ..Default::default()
            })),
        };
        let aggregate = pb::Relation {
            common: None,
            rel_type: Some(pb::relation::RelType::Aggregate(Box::new(pb::Aggregate { input: Some(Box::new(relation)), group_type: pb::aggregate::GroupType::Groupby as i32, aggregate_expressions: vec![count], ..Default::default() }))),
        };
        let (_, batches) = self.run(py, aggregate)?;
        Ok(batches.iter().filter_map(|b| b.column(0).as_any().downcast_ref::<Int64Array>().map(|a| a.value(0))).next().unwrap_or(0))
    }

    /// Keeps rows of Python values for a `LocalRelation` (sent as Arrow IPC); returns its id.
    fn create_local_relation(&self, rows: &Bound<'_, PyList>, schema_json: &str) -> PyResult<u64> {
        let py = rows.py();
        let value: serde_json::Value = serde_json::from_str(schema_json).map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))?;
        let schema = Arc::new(arrow_schema_from_json(&value).map_err(|e| super::to_python_error(py, e))?);
        let batch = convert::rows_to_batch(rows, &schema)?;
        let mut data = Vec::new();
        {
            let mut writer = datafusion::arrow::ipc::writer::StreamWriter::try_new(&mut data, &schema).map_err(|e| to_python_error(py, e.into()))?;
            writer.write(&batch).map_err(|e| to_python_error(py, e.into()))?;
            writer.finish().map_err(|e| to_python_error(py, e.into()))?;
        }
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        self.local.lock().map_err(|_| pyo3::exceptions::PyRuntimeError::new_err("local relations poisoned"))?.insert(id, (data, schema_json.to_string()));
        Ok(id)
    }

    /// `createOrReplaceTempView` / `createTempView` (CreateDataFrameViewCommand).
    fn create_temp_view(&self, py: Python<'_>, name: &str, plan: &str, replace: bool) -> PyResult<()> {
        let relation = self.relation(py, plan)?;
        let command = pb::Command {
            command_type: Some(pb::command::CommandType::CreateDataframeView(pb::CreateDataFrameViewCommand { input: Some(relation), name: name.to_string(), is_global: false, replace })),
        };
        self.run_plan(py, pb::Plan { op_type: Some(pb::plan::OpType::Command(command)) }).map(|_| ())
    }

    /// `spark.udf.register` (a RegisterFunction command carrying the `PythonUDF`, as
    /// PySpark Connect's `UDFRegistration.register` sends it).
    fn register_udf(&self, py: Python<'_>, name: &str, udf: &str) -> PyResult<()> {
        let udf = super::python_udf_of_json(udf)?;
        let mut function = crate::engine::remote::encode::python_udf(&udf).map_err(|e| pyo3::exceptions::PyValueError::new_err(e.0))?;
        function.function_name = name.to_string();
        let command = pb::Command { command_type: Some(pb::command::CommandType::RegisterFunction(function)) };
        self.run_plan(py, pb::Plan { op_type: Some(pb::plan::OpType::Command(command)) }).map(|_| ())
    }

    /// `spark.catalog.dropTempView`: whether the view existed.
    fn drop_temp_view(&self, py: Python<'_>, name: &str) -> PyResult<bool> {
        let existed = self.temp_view_names(py)?.iter().any(|n| n.eq_ignore_ascii_case(name));
        if existed {
            let query = format!("DROP VIEW IF EXISTS `{}`", name.replace('`', "``"));
            self.run(py, pb::Relation { common: None, rel_type: Some(pb::relation::RelType::Sql(pb::Sql { query, ..Default::default() })) })?;
        }
        Ok(existed)
    }

    /// The session's temporary views (`SHOW VIEWS`).
    fn temp_view_names(&self, py: Python<'_>) -> PyResult<Vec<String>> {
        use datafusion::arrow::array::{Array, BooleanArray, StringArray};
        let (_, batches) = self.run(py, pb::Relation { common: None, rel_type: Some(pb::relation::RelType::Sql(pb::Sql { query: "SHOW VIEWS".into(), ..Default::default() })) })?;
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

    /// `DataFrameWriter.save` (WriteOperation): the server writes the files.
    #[pyo3(signature = (plan, format, path, mode, options, partition_by))]
    #[allow(clippy::too_many_arguments)] // DataFrameWriter.save's arguments
    fn write(&self, py: Python<'_>, plan: &str, format: &str, path: &str, mode: &str, options: BTreeMap<String, String>, partition_by: Vec<String>) -> PyResult<()> {
        use pb::write_operation::SaveMode;
        let relation = self.relation(py, plan)?;
        let mode = match mode.to_lowercase().as_str() {
            "append" => SaveMode::Append,
            "overwrite" => SaveMode::Overwrite,
            "ignore" => SaveMode::Ignore,
            _ => SaveMode::ErrorIfExists,
        };
        let absolute = std::path::absolute(path).map(|p| p.to_string_lossy().to_string()).unwrap_or_else(|_| path.to_string());
        let command = pb::Command {
            command_type: Some(pb::command::CommandType::WriteOperation(pb::WriteOperation {
                input: Some(relation),
                source: Some(format.to_lowercase()),
                save_type: Some(pb::write_operation::SaveType::Path(absolute)),
                mode: mode as i32,
                options: options.into_iter().collect(),
                partitioning_columns: partition_by,
                ..Default::default()
            })),
        };
        self.run_plan(py, pb::Plan { op_type: Some(pb::plan::OpType::Command(command)) }).map(|_| ())
    }

    /// Sets (`value` given) or unsets a conf on the server.
    #[pyo3(signature = (key, value=None))]
    fn conf_set(&self, py: Python<'_>, key: &str, value: Option<&str>) -> PyResult<()> {
        py.detach(|| self.inner.config_set(key, value)).map_err(|e| to_python_error(py, e))
    }

    /// The server's value of a conf, or None.
    fn conf_get(&self, py: Python<'_>, key: &str) -> PyResult<Option<String>> {
        py.detach(|| self.inner.config_get(key)).map_err(|e| to_python_error(py, e))
    }

    /// `spark.copyFromLocalToFs`: uploads `local_path` to `dest_path` on the server's file system.
    fn copy_from_local_to_fs(&self, py: Python<'_>, local_path: std::path::PathBuf, dest_path: &str) -> PyResult<()> {
        py.detach(|| self.inner.copy_from_local_to_fs(&local_path, dest_path)).map_err(|e| to_python_error(py, e))
    }

    /// Ends the session on the server.
    fn release(&self, py: Python<'_>) -> PyResult<()> {
        py.detach(|| self.inner.release()).map_err(|e| to_python_error(py, e))
    }

    fn __repr__(&self) -> String {
        format!("RemoteSession({})", self.inner.url.redacted())
    }
}
