//! The `pyspark._native` module: one `Session` over an engine `Backend`, Python ⇄ Arrow
//! conversion and the mapping of engine errors to `pyspark.errors` classes.
//!
//! Every engine call releases the GIL and checks for Ctrl-C about every 100 ms
//! (datafusion-python's `wait_for_future`); an interrupt drops the running query and the
//! session keeps its state.

mod arrow_capsule;
mod combine;
mod convert;
mod jobs;
mod python_udf;
mod rdd;
mod ui;

use std::collections::BTreeMap;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

use datafusion::arrow::datatypes::SchemaRef;
use datafusion::arrow::record_batch::RecordBatch;

use crate::engine::backend::{Backend, CacheAction, Job, SaveMode, SparkError, SqlCommandResult, TableWriteMode, TableWriteRequest, WriteRequest};
use crate::engine::local::types::arrow_schema_from_json;
use crate::engine::local::{EngineError, LocalSession};
use crate::engine::remote::backend::RemoteBackend;
use crate::engine::remote::{ConnectUrl, RemoteSession};
use crate::jobs::JobHandle;
use crate::plan::{relation_from_json, Relation};
use crate::render::spark_text;

/// Turns an engine error into the matching `pyspark.errors` exception.
pub fn to_python_error(py: Python<'_>, error: EngineError) -> PyErr {
    backend_error(py, error.into())
}

/// Raises a [`SparkError`] as its `pyspark.errors` class.
pub(crate) fn backend_error(py: Python<'_>, error: SparkError) -> PyErr {
    spark_error(py, &error.class, error.condition.as_deref(), &error.message, &error.parameters)
}

/// The `pyspark.errors` exception `class` (else `UnknownException`) with `message`, and
/// Spark's `condition`, its parameters and its SQLSTATE when there is one.
pub(crate) fn spark_error(py: Python<'_>, class: &str, condition: Option<&str>, message: &str, parameters: &BTreeMap<String, String>) -> PyErr {
    let build = || -> PyResult<PyErr> {
        let module = py.import("pyspark.errors")?;
        let exception_class = module.getattr(class).or_else(|_| module.getattr("UnknownException"))?;
        let kwargs = PyDict::new(py);
        kwargs.set_item("message", message)?;
        if let Some(condition) = condition {
            kwargs.set_item("errorClass", condition)?;
            kwargs.set_item("messageParameters", parameters.clone().into_pyobject(py)?)?;
            if let Some(state) = crate::spark::error::sql_state(condition) {
                kwargs.set_item("sqlState", state)?;
            }
        }
        Ok(PyErr::from_value(exception_class.call((), Some(&kwargs))?))
    };
    build().unwrap_or_else(|e| e)
}

/// Arrow batches as a list of `pyspark.sql.Row` objects.
pub(crate) fn rows_to_python<'py>(py: Python<'py>, schema: &SchemaRef, batches: &[RecordBatch]) -> PyResult<Bound<'py, PyList>> {
    // Millions of new Rows (tuples with a __dict__) would set off the cyclic garbage
    // collector again and again, over objects that cannot form cycles; it is paused
    // while they are made (as pickle's loaders avoid it), then restored.
    let gc = py.import("gc")?;
    let was_enabled = gc.call_method0("isenabled")?.is_truthy()?;
    if was_enabled {
        gc.call_method0("disable")?;
    }
    let rows = build_rows(py, schema, batches);
    if was_enabled {
        gc.call_method0("enable")?;
    }
    rows
}

/// The Rows of `batches`, each batch's columns converted first (`convert::column_to_python`).
fn build_rows<'py>(py: Python<'py>, schema: &SchemaRef, batches: &[RecordBatch]) -> PyResult<Bound<'py, PyList>> {
    let create_row = py.import("pyspark.sql.types")?.getattr("_create_row")?;
    let names = PyList::new(py, schema.fields().iter().map(|f| f.name().clone()))?;
    let rows = PyList::empty(py);
    for batch in batches {
        let columns = batch.columns().iter().map(|c| convert::column_to_python(py, c, &create_row)).collect::<PyResult<Vec<_>>>()?;
        for row in 0..batch.num_rows() {
            let values = PyList::new(py, columns.iter().map(|column| &column[row]))?;
            rows.append(create_row.call1((&names, values))?)?;
        }
    }
    Ok(rows)
}

/// `show()` on a terminal: Spark's cells of the first `n` rows in a comfy-table `width`
/// columns wide, with Spark's footer when there are more.
pub(crate) fn terminal_table(schema: &SchemaRef, batches: &[RecordBatch], has_more: bool, n: usize, truncate: usize, width: u16, color: bool) -> String {
    let header = spark_text::show_header(schema);
    let rows = spark_text::show_cells(batches, header.len(), n, truncate);
    let numeric: Vec<bool> = schema.fields().iter().map(|f| f.data_type().is_numeric()).collect();
    let footer = has_more.then(|| format!("only showing top {n} {}", if n == 1 { "row" } else { "rows" }));
    crate::render::table::unicode_table(&header, &rows, &numeric, width, color, footer.as_deref())
}

/// Runs a backend call on the backend's runtime with the GIL released, checking every
/// 100 ms for Ctrl-C and, for an action, for a cancel of its job (datafusion-python's
/// `wait_for_future`). Either one drops the call (the local engine's streams stop with
/// it), asks the backend to stop the job's work, and raises `KeyboardInterrupt` or Spark's
/// `SPARK_JOB_CANCELLED`; the session keeps its state.
fn wait_for<T: Send + 'static>(
    py: Python<'_>,
    backend: &Arc<dyn Backend>,
    future: impl Future<Output = crate::engine::backend::Result<T>> + Send + 'static,
    job: Option<(&JobHandle, &Job)>,
) -> PyResult<T> {
    let runtime = backend.runtime();
    let outcome: Result<crate::engine::backend::Result<T>, PyErr> = py.detach(|| {
        runtime.block_on(async {
            let mut task = runtime.spawn(future);
            loop {
                tokio::select! {
                    joined = &mut task => {
                        return Ok(joined.unwrap_or_else(|e| {
                            Err(if e.is_panic() { SparkError::from_panic(e.into_panic().as_ref()) } else { SparkError::plain("SparkRuntimeException", format!("engine task failed: {e}")) })
                        }));
                    }
                    _ = tokio::time::sleep(Duration::from_millis(100)) => {
                        if let Err(interrupt) = Python::attach(|py| py.check_signals()) {
                            task.abort();
                            if let Some((_, job)) = job {
                                backend.interrupt(job);
                            }
                            return Err(interrupt);
                        }
                        if let Some((handle, job)) = job {
                            if let Some(reason) = handle.cancelled() {
                                task.abort();
                                backend.interrupt(job);
                                return Ok(Err(SparkError::job_cancelled(handle.job_id, &reason)));
                            }
                            crate::jobs::registry().report(handle, false);
                        }
                    }
                }
            }
        })
    });
    match outcome {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(error)) => Err(backend_error(py, error)),
        Err(interrupt) => Err(interrupt),
    }
}

/// Runs the body of one of the native layer's Python entry points (every `#[pyfunction]`
/// and `#[pymethods]` method, `tests/python/test_reliability.py` checks that none is
/// missed), so that a Rust panic on the calling thread reaches Python as Spark's
/// `INTERNAL_ERROR` (`SparkRuntimeException`, with the panic's text) and the session goes
/// on. Without it pyo3 raises its `PanicException`, which derives from `BaseException`
/// and so escapes `except Exception`. Panics on the engine's threads are caught where
/// their task is joined (`wait_for`, `rdd::without_panics`).
pub(crate) fn guarded<T>(body: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(body)).unwrap_or_else(|payload| Err(Python::attach(|py| backend_error(py, SparkError::from_panic(payload.as_ref())))))
}

fn relation(py: Python<'_>, plan: &str) -> PyResult<Relation> {
    relation_from_json(plan).map_err(|e| to_python_error(py, EngineError::from(e)))
}

/// The `PythonUdf` of an expression in JSON (what `spark.udf.register` sends).
pub(crate) fn python_udf_of_json(json: &str) -> PyResult<crate::plan::PythonUdf> {
    match serde_json::from_str::<crate::plan::Expression>(json) {
        Ok(crate::plan::Expression::PythonUdf(udf)) => Ok(*udf),
        Ok(other) => Err(PyRuntimeError::new_err(format!("not a Python UDF: {other:?}"))),
        Err(e) => Err(PyRuntimeError::new_err(format!("invalid UDF: {e}"))),
    }
}

fn url_error(py: Python<'_>, error: crate::engine::remote::url::UrlError) -> PyErr {
    let parameters: BTreeMap<String, String> = error.parameters.iter().map(|(k, v)| (k.to_string(), v.clone())).collect();
    spark_error(py, "PySparkValueError", Some(error.condition), &error.message, &parameters)
}

/// Panics inside the engine on purpose, for the tests that check a panic reaches Python
/// as `SparkRuntimeException` with `INTERNAL_ERROR` and the session goes on: `where` is
/// `engine` (a task on the engine's threads, through the one wait loop), `rdd` (the RDD
/// scheduler's guard), or `native` (this call itself, on the calling thread, through
/// `guarded`). Not part of PySpark's API.
#[pyfunction]
fn panic_for_tests(py: Python<'_>, session: &Session, r#where: &str) -> PyResult<()> {
    guarded(|| {
        let message = format!("a panic forced by a test ({where})");
        match r#where {
            "engine" => wait_for(py, &session.backend, async move { std::panic::panic_any(message) }, None),
            "rdd" => rdd::without_panics(|| std::panic::panic_any(message)).map_err(|e| rdd::to_python_error(py, e)),
            "native" => std::panic::panic_any(message),
            other => Err(pyo3::exceptions::PyValueError::new_err(format!("unknown place: {other}"))),
        }
    })
}

/// A Spark session (Python: `pyspark._native.Session`) on one [`Backend`]: the embedded
/// engine (`Session(master)`) or a Spark cluster over Spark Connect
/// (`Session.connect(url, session_id)`).
#[pyclass(frozen, module = "pyspark._native")]
pub struct Session {
    backend: Arc<dyn Backend>,
    /// The Spark Connect session, for what only a cluster has (its version, URL, artifact
    /// upload, release).
    remote: Option<Arc<RemoteSession>>,
}

impl Session {
    /// Runs an action (collect, count, a write) as a job of the jobs model: its stages
    /// report their tasks, progress handlers hear of it while it runs and once at its
    /// end, and a cancel (`cancelJobGroup`, `interruptTag`...) stops it with Spark's
    /// `SPARK_JOB_CANCELLED`.
    fn run_action<T: Send + 'static, F>(&self, py: Python<'_>, action: impl FnOnce(Arc<dyn Backend>, Job) -> F) -> PyResult<T>
    where
        F: Future<Output = crate::engine::backend::Result<T>> + Send + 'static,
    {
        let registry = crate::jobs::registry();
        let properties = jobs::thread_properties(py)?;
        let tags = properties.tags.iter().cloned().collect();
        let handle = registry.start_job_with(properties);
        let job = Job { job_id: handle.job_id, operation_id: handle.operation_id.clone(), tags };
        let future = action(self.backend.clone(), job.clone());
        let outcome = wait_for(py, &self.backend, future, Some((&handle, &job)));
        registry.finish_job(handle.job_id, outcome.is_ok());
        registry.report(&handle, true);
        outcome
    }

    /// Runs a call that is not an action (a schema, a view name).
    fn call<T: Send + 'static, F>(&self, py: Python<'_>, call: impl FnOnce(Arc<dyn Backend>) -> F) -> PyResult<T>
    where
        F: Future<Output = crate::engine::backend::Result<T>> + Send + 'static,
    {
        wait_for(py, &self.backend, call(self.backend.clone()), None)
    }

    /// The first `n` rows of a plan, and whether it has more (what `show()` prints): the
    /// plan limited to `n + 1` rows.
    fn first_rows(&self, py: Python<'_>, plan: Relation, n: usize) -> PyResult<(SchemaRef, Vec<RecordBatch>, bool)> {
        let limited = Relation::Limit { plan_id: 0, input: Box::new(plan), limit: n + 1 };
        let (schema, batches) = self.run_action(py, move |backend, job| async move { backend.collect(limited, job).await })?;
        let total: usize = batches.iter().map(|b| b.num_rows()).sum();
        let mut kept = Vec::new();
        let mut remaining = n;
        for batch in batches {
            if remaining == 0 {
                break;
            }
            let take = batch.num_rows().min(remaining);
            kept.push(batch.slice(0, take));
            remaining -= take;
        }
        // The embedded engine's instants are shown in the session time zone (a Spark
        // Connect server sends them already in it).
        if !self.backend.is_remote() {
            kept = kept.iter().map(crate::spark::session_zone::zoned_batch).collect();
        }
        Ok((schema, kept, total > n))
    }

    fn remote(&self) -> PyResult<&Arc<RemoteSession>> {
        self.remote.as_ref().ok_or_else(|| PyRuntimeError::new_err("only a Spark Connect session (--remote) has this"))
    }
}

#[pymethods]
impl Session {
    /// A session on the embedded engine for `master` (`local`, `local[N]`, `local[*]`),
    /// parsed by the same rule as the command line's `--master`, with the memory settings
    /// of the Spark configuration `conf` (key-value pairs; `engine::local::memory`).
    /// Raises `ValueError` for a master it cannot read, and Spark's errors for memory
    /// settings it cannot use (`MemorySettings::from_conf`).
    #[new]
    #[pyo3(signature = (master, conf = None))]
    fn new(py: Python<'_>, master: &str, conf: Option<Vec<(String, String)>>) -> PyResult<Self> {
        guarded(|| {
            let parallelism = crate::settings::parse_master(master).map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))?;
            let conf = conf.unwrap_or_default();
            let memory = crate::engine::local::memory::MemorySettings::from_conf(|key| conf.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v.clone()))
                .map_err(|error| backend_error(py, error))?;
            let inner = LocalSession::with_memory(parallelism, &memory).map_err(|e| PyRuntimeError::new_err(e.to_string()))?;
            inner.set_python_runner(Arc::new(python_udf::EmbeddedPython));
            Ok(Self { backend: crate::engine::local::backend::backend(inner), remote: None })
        })
    }

    /// A session on the Spark Connect server of `url` (PySpark's connection string
    /// rules); raises `PySparkValueError` (`INVALID_CONNECT_URL`,
    /// `INVALID_SESSION_UUID_ID`) for a bad URL and `SparkConnectGrpcException` when the
    /// server cannot be reached.
    #[staticmethod]
    fn connect(py: Python<'_>, url: &str, session_id: &str) -> PyResult<Self> {
        guarded(|| {
            let parsed = ConnectUrl::parse(url).map_err(|e| url_error(py, e))?;
            let session_id = parsed.session_id().map_err(|e| url_error(py, e))?.unwrap_or_else(|| session_id.to_string());
            let inner = py.detach(|| RemoteSession::connect(parsed, session_id)).map_err(|e| backend_error(py, e.into()))?;
            let backend = Arc::new(RemoteBackend::new(inner));
            let remote = backend.session.clone();
            Ok(Self { backend, remote: Some(remote) })
        })
    }

    /// Whether plans run on a Spark cluster over Spark Connect.
    #[getter]
    fn is_remote(&self) -> PyResult<bool> {
        guarded(|| Ok(self.backend.is_remote()))
    }

    /// `spark.udf.register`: makes the Python UDF of `udf` (a `PythonUdf` expression, as
    /// JSON) callable from SQL as `name`.
    fn register_udf(&self, py: Python<'_>, name: &str, udf: &str) -> PyResult<()> {
        guarded(|| {
            let udf = python_udf_of_json(udf)?;
            let name = name.to_string();
            self.call(py, move |backend| async move { backend.register_udf(name, udf).await })
        })
    }

    /// The default parallelism (`local[N]`'s N).
    #[getter]
    fn parallelism(&self) -> PyResult<usize> {
        guarded(|| Ok(self.backend.parallelism()))
    }

    /// The cached plans as `(name, storage_level, filled, rows, bytes, batches)`, for the
    /// web UI's storage page; none on Spark Connect.
    fn cached_plans(&self, py: Python<'_>) -> PyResult<Vec<(String, String, bool, u64, u64, usize)>> {
        guarded(|| {
            let plans = self.backend.cached_plans().map_err(|e| backend_error(py, e))?;
            Ok(plans.into_iter().map(|p| (p.name, p.storage_level, p.filled, p.rows, p.bytes, p.batches)).collect())
        })
    }

    /// Resolves a plan and returns its schema in Spark's JSON format.
    fn schema_json(&self, py: Python<'_>, plan: &str) -> PyResult<String> {
        guarded(|| {
            let plan = relation(py, plan)?;
            self.call(py, move |backend| async move { backend.schema_json(plan).await })
        })
    }

    /// Spark's `printSchema` text of a plan.
    fn tree_string(&self, py: Python<'_>, plan: &str) -> PyResult<String> {
        guarded(|| {
            let plan = relation(py, plan)?;
            self.call(py, move |backend| async move { backend.tree_string(plan).await })
        })
    }

    /// The engine's plans of a plan: (logical, optimized logical, physical, statistics)
    /// as text; the statistics are Spark's `Statistics(sizeInBytes=…, rowCount=…)`.
    fn explain(&self, py: Python<'_>, plan: &str) -> PyResult<(String, String, String, String)> {
        guarded(|| {
            let plan = relation(py, plan)?;
            self.call(py, move |backend| async move { backend.explain(plan).await })
        })
    }

    /// `DataFrame.isLocal` as the engine answers it; None when it has no answer.
    fn is_local(&self, py: Python<'_>, plan: &str) -> PyResult<Option<bool>> {
        guarded(|| {
            let plan = relation(py, plan)?;
            self.call(py, move |backend| async move { backend.plan_flag(plan, false).await })
        })
    }

    /// The plan's semantic text (`sameSemantics`, `semanticHash`); None when the engine
    /// has no answer.
    fn semantic_text(&self, py: Python<'_>, plan: &str) -> PyResult<Option<String>> {
        guarded(|| {
            let plan = relation(py, plan)?;
            self.call(py, move |backend| async move { backend.semantic_text(plan).await })
        })
    }

    /// Spark's number of partitions of the plan (`rdd.getNumPartitions()`); None when the
    /// engine has no answer.
    fn partition_count(&self, py: Python<'_>, plan: &str) -> PyResult<Option<usize>> {
        guarded(|| {
            let plan = relation(py, plan)?;
            self.call(py, move |backend| async move { backend.partition_count(plan).await })
        })
    }

    /// The metrics `observe` published under `name` as a list of one Row; None before an
    /// action over the observed DataFrame has run (`Observation.get`).
    fn observed_metrics<'py>(&self, py: Python<'py>, name: String) -> PyResult<Option<Bound<'py, PyList>>> {
        guarded(|| {
            let found = self.call(py, move |backend| async move { backend.observed_metrics(name).await })?;
            found.map(|(schema, batches)| rows_to_python(py, &schema, &batches)).transpose()
        })
    }

    /// `DataFrame.isStreaming` as the engine answers it; None when it has no answer.
    fn is_streaming(&self, py: Python<'_>, plan: &str) -> PyResult<Option<bool>> {
        guarded(|| {
            let plan = relation(py, plan)?;
            self.call(py, move |backend| async move { backend.plan_flag(plan, true).await })
        })
    }

    /// Spark's `show()` text: the first `n` rows, truncated at `truncate` characters.
    fn show_string(&self, py: Python<'_>, plan: &str, n: usize, truncate: usize, vertical: bool) -> PyResult<String> {
        guarded(|| {
            let plan = relation(py, plan)?;
            if self.backend.is_remote() {
                let rendered = self.run_action(py, move |backend, job| async move { backend.rendered_show(plan, n, truncate, vertical, job).await })?;
                return Ok(rendered.unwrap_or_default());
            }
            let (schema, kept, has_more) = self.first_rows(py, plan, n)?;
            Ok(spark_text::show_string(&kept, &schema, n, truncate, vertical, has_more))
        })
    }

    /// `show()` on a terminal: Spark's cells in a comfy-table `width` columns wide.
    fn show_table(&self, py: Python<'_>, plan: &str, n: usize, truncate: usize, width: u16, color: bool) -> PyResult<String> {
        guarded(|| {
            let plan = relation(py, plan)?;
            let (schema, kept, has_more) = self.first_rows(py, plan, n)?;
            Ok(terminal_table(&schema, &kept, has_more, n, truncate, width, color))
        })
    }

    /// Runs a plan and returns its rows as `pyspark.sql.Row` objects.
    fn collect<'py>(&self, py: Python<'py>, plan: &str) -> PyResult<Bound<'py, PyList>> {
        guarded(|| {
            let plan = relation(py, plan)?;
            let (schema, batches) = self.run_action(py, move |backend, job| async move { backend.collect(plan, job).await })?;
            rows_to_python(py, &schema, &batches)
        })
    }

    /// Runs a plan and hands its rows over as an Arrow C stream capsule
    /// (`DataFrame.__arrow_c_stream__`, `toArrow`), timestamps in the session time zone.
    ///
    /// With `contiguous`, numeric results come as one batch (see
    /// `arrow_capsule::contiguous`), which pyarrow hands to pandas without a copy.
    #[pyo3(signature = (plan, contiguous = false))]
    fn collect_stream<'py>(&self, py: Python<'py>, plan: &str, contiguous: bool) -> PyResult<Bound<'py, pyo3::types::PyCapsule>> {
        guarded(|| {
            let plan = relation(py, plan)?;
            let (schema, batches) = self.run_action(py, move |backend, job| async move { backend.collect(plan, job).await })?;
            let (schema, mut batches) = arrow_capsule::zoned(&schema, &batches);
            if contiguous {
                batches = py.detach(|| arrow_capsule::contiguous(&schema, batches));
            }
            arrow_capsule::stream_capsule(py, schema, batches)
        })
    }

    /// The Arrow schema of a plan's rows as an `arrow_schema` capsule
    /// (`DataFrame.__arrow_c_schema__`), without running it.
    fn arrow_schema_capsule<'py>(&self, py: Python<'py>, plan: &str) -> PyResult<Bound<'py, pyo3::types::PyCapsule>> {
        guarded(|| {
            let plan = relation(py, plan)?;
            let json = self.call(py, move |backend| async move { backend.schema_json(plan).await })?;
            let value: serde_json::Value = serde_json::from_str(&json).map_err(|e| PyRuntimeError::new_err(e.to_string()))?;
            let schema = Arc::new(arrow_schema_from_json(&value).map_err(|e| PyRuntimeError::new_err(e.to_string()))?);
            let (schema, _) = arrow_capsule::zoned(&schema, &[]);
            arrow_capsule::schema_capsule(py, &schema)
        })
    }

    /// Counts a plan's rows.
    fn count(&self, py: Python<'_>, plan: &str) -> PyResult<i64> {
        guarded(|| {
            let plan = relation(py, plan)?;
            self.run_action(py, move |backend, job| async move { backend.count(plan, job).await })
        })
    }

    /// Keeps rows of Python values (tuples in schema order) and returns their relation id.
    fn create_local_relation(&self, rows: &Bound<'_, PyList>, schema_json: &str) -> PyResult<u64> {
        guarded(|| {
            let py = rows.py();
            let value: serde_json::Value = serde_json::from_str(schema_json).map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))?;
            let schema = Arc::new(arrow_schema_from_json(&value).map_err(|e| to_python_error(py, e))?);
            let batch = convert::rows_to_batch(rows, &schema)?;
            self.backend.add_local_relation(schema, schema_json.to_string(), vec![batch]).map_err(|e| backend_error(py, e))
        })
    }

    /// Registers the rows of an Arrow C stream capsule (`createDataFrame` of a pyarrow
    /// Table or any `__arrow_c_stream__` object) as a local relation, each column cast to
    /// the Arrow type of Spark schema `schema_json`; no row passes through Python.
    fn create_arrow_relation(&self, capsule: &Bound<'_, pyo3::types::PyCapsule>, schema_json: &str) -> PyResult<u64> {
        guarded(|| {
            let py = capsule.py();
            let value: serde_json::Value = serde_json::from_str(schema_json).map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))?;
            let schema = Arc::new(arrow_schema_from_json(&value).map_err(|e| to_python_error(py, e))?);
            let batches = arrow_capsule::import_stream(capsule, &schema)?;
            self.backend.add_local_relation(schema, schema_json.to_string(), batches).map_err(|e| backend_error(py, e))
        })
    }

    /// `createOrReplaceTempView` / `createTempView`, and with `global`
    /// `createGlobalTempView` / `createOrReplaceGlobalTempView`.
    #[pyo3(signature = (name, plan, replace, global=false))]
    fn create_temp_view(&self, py: Python<'_>, name: &str, plan: &str, replace: bool, global: bool) -> PyResult<()> {
        guarded(|| {
            let plan = relation(py, plan)?;
            let name = name.to_string();
            if self.backend.is_remote() {
                return self.run_action(py, move |backend, job| async move { backend.create_temp_view(name, plan, replace, global, job).await });
            }
            let job = Job { job_id: 0, operation_id: String::new(), tags: Vec::new() };
            self.call(py, move |backend| async move { backend.create_temp_view(name, plan, replace, global, job).await })
        })
    }

    /// `spark.sql` of a command Spark runs at once (`CREATE TABLE`, `SHOW TABLES`, ...):
    /// runs it and returns 0, or the id of the local relation holding the rows it shows;
    /// None for a query, which is planned lazily.
    fn run_sql_command(&self, py: Python<'_>, query: &str) -> PyResult<Option<u64>> {
        guarded(|| {
            let query = query.to_string();
            let job = Job { job_id: 0, operation_id: String::new(), tags: Vec::new() };
            let result = self.call(py, move |backend| async move { backend.run_sql_command(query, job).await })?;
            Ok(match result {
                SqlCommandResult::Query => None,
                SqlCommandResult::Done => Some(0),
                SqlCommandResult::Rows(id) => Some(id),
            })
        })
    }

    /// `spark.catalog`'s method `operation` with JSON `arguments`; the answer as JSON text.
    fn catalog(&self, py: Python<'_>, operation: &str, arguments: &str) -> PyResult<String> {
        guarded(|| {
            let (operation, arguments) = (operation.to_string(), arguments.to_string());
            let job = Job { job_id: 0, operation_id: String::new(), tags: Vec::new() };
            self.call(py, move |backend| async move { backend.catalog(operation, arguments, job).await })
        })
    }

    /// `persist(level)` (`action` "persist"), `unpersist` and `storageLevel`: the storage
    /// level name the plan is cached at afterwards, None when not cached; raises
    /// `NotImplementedError` when the engine keeps no cache (the caller records it).
    #[pyo3(signature = (plan, action, level=None))]
    fn cache(&self, py: Python<'_>, plan: &str, action: &str, level: Option<String>) -> PyResult<Option<String>> {
        guarded(|| {
            let plan = relation(py, plan)?;
            let action = match action {
                "persist" => CacheAction::Persist(level.unwrap_or_else(|| "MEMORY_AND_DISK_DESER".into())),
                "unpersist" => CacheAction::Unpersist,
                _ => CacheAction::StorageLevel,
            };
            match self.call(py, move |backend| async move { backend.cache(plan, action).await })? {
                Some(level) => Ok(level),
                None => Err(pyo3::exceptions::PyNotImplementedError::new_err("this engine keeps no cache")),
            }
        })
    }

    /// `saveAsTable` (`how` "saveAsTable" with `mode`), `insertInto` ("insertInto",
    /// `overwrite`) and `writeTo(...)`'s "create", "replace", "createOrReplace", "append"
    /// and "overwrite".
    #[pyo3(signature = (plan, table, how, mode=None, overwrite=false, format=None, options=BTreeMap::new(), partition_by=Vec::new(), properties=BTreeMap::new()))]
    #[allow(clippy::too_many_arguments)] // DataFrameWriter's and DataFrameWriterV2's settings
    fn write_table(
        &self,
        py: Python<'_>,
        plan: &str,
        table: &str,
        how: &str,
        mode: Option<&str>,
        overwrite: bool,
        format: Option<String>,
        options: BTreeMap<String, String>,
        partition_by: Vec<String>,
        properties: BTreeMap<String, String>,
    ) -> PyResult<()> {
        guarded(|| {
            let plan = relation(py, plan)?;
            let mode = match how {
                "saveAsTable" => TableWriteMode::SaveAsTable(SaveMode::parse(mode.unwrap_or("errorifexists")).map_err(|e| backend_error(py, e))?),
                "insertInto" => TableWriteMode::InsertInto { overwrite },
                "create" => TableWriteMode::Create,
                "replace" => TableWriteMode::Replace,
                "createOrReplace" => TableWriteMode::CreateOrReplace,
                "append" => TableWriteMode::Append,
                _ => TableWriteMode::Overwrite,
            };
            let request = TableWriteRequest { table: table.to_string(), mode, format, options, partition_by, properties };
            self.run_action(py, move |backend, job| async move { backend.write_table(plan, request, job).await })
        })
    }

    /// `SparkSession.newSession()`'s engine session: its own temporary views, shared
    /// catalog and cache; None when the engine has no sessions of its own.
    fn new_session(&self, py: Python<'_>) -> PyResult<Option<Session>> {
        guarded(|| {
            let backend = self.backend.new_session().map_err(|e| backend_error(py, e))?;
            Ok(backend.map(|backend| Session { backend, remote: self.remote.clone() }))
        })
    }

    /// `spark.catalog.dropTempView`; returns whether the view existed.
    fn drop_temp_view(&self, py: Python<'_>, name: &str) -> PyResult<bool> {
        guarded(|| {
            let name = name.to_string();
            self.call(py, move |backend| async move { backend.drop_temp_view(name).await })
        })
    }

    /// The names of the temporary views.
    fn temp_view_names(&self, py: Python<'_>) -> PyResult<Vec<String>> {
        guarded(|| self.call(py, move |backend| async move { backend.temp_view_names().await }))
    }

    /// `DataFrameWriter.save`: computes the rows, then writes them with Spark's layout
    /// (the embedded engine) or has the server write them (Spark Connect). An unknown
    /// mode raises Spark's `INVALID_SAVE_MODE` before any work, on both.
    #[pyo3(signature = (plan, format, path, mode, options, partition_by))]
    #[allow(clippy::too_many_arguments)] // DataFrameWriter.save's arguments
    fn write(
        &self,
        py: Python<'_>,
        plan: &str,
        format: &str,
        path: &str,
        mode: &str,
        options: BTreeMap<String, String>,
        partition_by: Vec<String>,
    ) -> PyResult<()> {
        guarded(|| {
            let plan = relation(py, plan)?;
            let mode = SaveMode::parse(mode).map_err(|e| backend_error(py, e))?;
            let request = WriteRequest { format: format.to_lowercase(), path: std::path::PathBuf::from(path), mode, options, partition_by };
            self.run_action(py, move |backend, job| async move { backend.write(plan, request, job).await })
        })
    }

    /// Sets (`value` given) or unsets a runtime conf the engine keeps.
    #[pyo3(signature = (key, value=None))]
    fn conf_set(&self, py: Python<'_>, key: &str, value: Option<&str>) -> PyResult<()> {
        guarded(|| {
            let (key, value) = (key.to_string(), value.map(str::to_string));
            self.call(py, move |backend| async move { backend.conf_set(key, value).await })
        })
    }

    /// The engine's value of a conf, or None.
    fn conf_get(&self, py: Python<'_>, key: &str) -> PyResult<Option<String>> {
        guarded(|| {
            let key = key.to_string();
            self.call(py, move |backend| async move { backend.conf_get(key).await })
        })
    }

    /// `host:port` of the Spark Connect server.
    #[getter]
    fn endpoint(&self) -> PyResult<String> {
        guarded(|| Ok(self.remote()?.url.endpoint()))
    }

    /// The Spark Connect connection string without its token.
    #[getter]
    fn url(&self) -> PyResult<String> {
        guarded(|| Ok(self.remote()?.url.redacted()))
    }

    /// The Spark Connect session id (a UUID).
    #[getter]
    fn session_id(&self) -> PyResult<String> {
        guarded(|| Ok(self.remote()?.session_id.clone()))
    }

    /// The Spark Connect server's Spark version.
    fn spark_version(&self, py: Python<'_>) -> PyResult<String> {
        guarded(|| {
            let remote = self.remote()?.clone();
            py.detach(|| remote.spark_version()).map_err(|e| backend_error(py, e.into()))
        })
    }

    /// `spark.copyFromLocalToFs`: uploads `local_path` to `dest_path` on the server's file
    /// system.
    fn copy_from_local_to_fs(&self, py: Python<'_>, local_path: std::path::PathBuf, dest_path: &str) -> PyResult<()> {
        guarded(|| {
            let remote = self.remote()?.clone();
            py.detach(|| remote.copy_from_local_to_fs(&local_path, dest_path)).map_err(|e| backend_error(py, e.into()))
        })
    }

    /// Ends the Spark Connect session on the server; nothing for the embedded engine.
    fn release(&self, py: Python<'_>) -> PyResult<()> {
        guarded(|| {
            match &self.remote {
                Some(remote) => {
                    let remote = remote.clone();
                    py.detach(|| remote.release()).map_err(|e| backend_error(py, e.into()))
                }
                None => Ok(()),
            }
        })
    }

    fn __repr__(&self) -> PyResult<String> {
        guarded(|| Ok({
            match &self.remote {
                Some(remote) => format!("Session({})", remote.url.redacted()),
                None => format!("Session(local[{}])", self.backend.parallelism()),
            }
        }))
    }
}

/// What a master URL names (`spark::master`): `"local"` (the embedded engine) or
/// `"connect"` (a Spark Connect server); raises `ValueError` for a master Ember does not run.
#[pyfunction]
fn parse_master(master: &str) -> PyResult<&'static str> {
    guarded(|| {
        match crate::spark::master::parse(master) {
            Some(crate::spark::master::Master::Local(_)) => Ok("local"),
            Some(crate::spark::master::Master::Connect(_)) => Ok("connect"),
            None => Err(pyo3::exceptions::PyValueError::new_err(crate::settings::SettingsError::Master(master.to_string()).to_string())),
        }
    })
}

/// How many attempts a task gets on this master (`spark::master::max_failures`): F of
/// `local[N,F]`, else 1.
#[pyfunction]
fn max_task_failures(master: &str) -> PyResult<usize> {
    guarded(|| Ok(crate::spark::master::max_failures(master)))
}

/// Spark's DDL text of a schema or type (`"a INT, b ARRAY<STRING>"`) read by the one DDL
/// parser (`spark::ddl`), as Spark's JSON type form; raises the `pyspark.errors` class of
/// Spark's condition (`PARSE_SYNTAX_ERROR`, `UNSUPPORTED_DATATYPE`, ...).
#[pyfunction]
fn parse_ddl(py: Python<'_>, text: &str) -> PyResult<String> {
    guarded(|| crate::spark::ddl::parse_schema_or_type(text).map(|value| value.to_string()).map_err(|e| backend_error(py, e)))
}

/// Spark's JSON text of a VARIANT given by its Variant-encoded value and metadata
/// (`VariantVal.toJson`); raises `ValueError` for bytes that are not a variant.
#[pyfunction]
fn variant_to_json(value: &[u8], metadata: &[u8]) -> PyResult<String> {
    guarded(|| crate::engine::local::udfs::variant::json_of_bytes(value, metadata).ok_or_else(|| pyo3::exceptions::PyValueError::new_err("not a Variant-encoded value")))
}

/// The native module `pyspark._native` (registered as `_ember_native` before start-up).
#[pymodule]
#[pyo3(name = "_ember_native")]
pub fn ember_native(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_class::<Session>()?;
    module.add_class::<rdd::RddContext>()?;
    module.add_function(wrap_pyfunction!(parse_master, module)?)?;
    module.add_function(wrap_pyfunction!(max_task_failures, module)?)?;
    module.add_function(wrap_pyfunction!(parse_ddl, module)?)?;
    module.add_function(wrap_pyfunction!(variant_to_json, module)?)?;
    module.add_function(wrap_pyfunction!(combine::combine_by_key, module)?)?;
    module.add_function(wrap_pyfunction!(rdd::read_text_split_lines, module)?)?;
    module.add_function(wrap_pyfunction!(rdd::text_lines, module)?)?;
    module.add_function(wrap_pyfunction!(python_udf::evaluate_udf_batch, module)?)?;
    module.add_function(wrap_pyfunction!(jobs::set_progress_hook, module)?)?;
    module.add_function(wrap_pyfunction!(jobs::configure_progress_bar, module)?)?;
    module.add_function(wrap_pyfunction!(jobs::jobs_info, module)?)?;
    module.add_function(wrap_pyfunction!(jobs::stage_info, module)?)?;
    module.add_function(wrap_pyfunction!(jobs::active_stage_ids, module)?)?;
    module.add_function(wrap_pyfunction!(jobs::cancel_jobs, module)?)?;
    module.add_function(wrap_pyfunction!(panic_for_tests, module)?)?;
    module.add_function(wrap_pyfunction!(ui::start_ui, module)?)?;
    module.add_function(wrap_pyfunction!(ui::ui_url, module)?)?;
    module.add("EMBEDDED", true)?;
    Ok(())
}
