//! The `pyspark._native` module: thin pyo3 wrappers over the local engine, Python ⇄ Arrow
//! conversion and the mapping of engine errors to `pyspark.errors` classes.
//!
//! Every engine call releases the GIL and checks for Ctrl-C about every 100 ms
//! (datafusion-python's `wait_for_future`); an interrupt drops the running query and the
//! session keeps its state.

mod combine;
mod convert;
mod jobs;
mod python_udf;
mod rdd;
mod remote;

use std::collections::BTreeMap;
use std::future::Future;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

use datafusion::arrow::datatypes::SchemaRef;
use datafusion::arrow::record_batch::RecordBatch;

use crate::engine::local::io_write::{self, SaveMode};
use crate::engine::local::types::{arrow_schema_from_json, spark_json_schema};
use crate::engine::local::{EngineError, LocalSession};
use crate::jobs::JobHandle;
use crate::plan::{relation_from_json, Relation};
use crate::render::spark_text;

/// Turns an engine error into the matching `pyspark.errors` exception.
pub fn to_python_error(py: Python<'_>, error: EngineError) -> PyErr {
    match error {
        EngineError::Spark { class, condition, message, parameters } => spark_error(py, class.python_name(), Some(&condition), &message, &parameters),
        EngineError::Python(traceback) => {
            let msg = "An exception was thrown from the Python worker";
            let parameters = BTreeMap::from([("msg".to_string(), msg.to_string()), ("traceback".to_string(), traceback.clone())]);
            spark_error(py, "PythonException", Some("PYTHON_EXCEPTION"), &format!("{msg}: {traceback}"), &parameters)
        }
        other => spark_error(py, "SparkRuntimeException", None, &other.to_string(), &BTreeMap::new()),
    }
}

/// The `pyspark.errors` exception `class` (else `UnknownException`) with `message`, and
/// Spark's `condition` and its parameters when there is one.
pub(crate) fn spark_error(py: Python<'_>, class: &str, condition: Option<&str>, message: &str, parameters: &BTreeMap<String, String>) -> PyErr {
    let build = || -> PyResult<PyErr> {
        let module = py.import("pyspark.errors")?;
        let exception_class = module.getattr(class).or_else(|_| module.getattr("UnknownException"))?;
        let kwargs = PyDict::new(py);
        kwargs.set_item("message", message)?;
        if let Some(condition) = condition {
            kwargs.set_item("errorClass", condition)?;
            kwargs.set_item("messageParameters", parameters.clone().into_pyobject(py)?)?;
        }
        Ok(PyErr::from_value(exception_class.call((), Some(&kwargs))?))
    };
    build().unwrap_or_else(|e| e)
}

/// Arrow batches as a list of `pyspark.sql.Row` objects.
pub(crate) fn rows_to_python<'py>(py: Python<'py>, schema: &SchemaRef, batches: &[RecordBatch]) -> PyResult<Bound<'py, PyList>> {
    let create_row = py.import("pyspark.sql.types")?.getattr("_create_row")?;
    let names = PyList::new(py, schema.fields().iter().map(|f| f.name().clone()))?;
    let rows = PyList::empty(py);
    for batch in batches {
        for row in 0..batch.num_rows() {
            let values = batch.columns().iter().map(|c| convert::value_to_python(py, c, row, &create_row)).collect::<PyResult<Vec<_>>>()?;
            rows.append(create_row.call1((&names, PyList::new(py, values)?))?)?;
        }
    }
    Ok(rows)
}

/// `show()` on a terminal: Spark's cells of the first `n` rows in a comfy-table `width`
/// columns wide, with Spark's footer when there are more.
pub(crate) fn terminal_table(schema: &SchemaRef, batches: &[RecordBatch], has_more: bool, n: usize, truncate: usize, width: u16, color: bool) -> String {
    let header = spark_text::show_header(schema, truncate);
    let rows = spark_text::show_cells(batches, header.len(), n, truncate);
    let numeric: Vec<bool> = schema.fields().iter().map(|f| f.data_type().is_numeric()).collect();
    let footer = has_more.then(|| format!("only showing top {n} {}", if n == 1 { "row" } else { "rows" }));
    crate::render::table::unicode_table(&header, &rows, &numeric, width, color, footer.as_deref())
}

/// Runs an engine future on the engine's threads with the GIL released, checking for
/// Ctrl-C every 100 ms; an interrupt aborts the task (dropping its DataFusion streams) and
/// raises `KeyboardInterrupt`, leaving the session as it was.
fn wait<T: Send + 'static>(
    py: Python<'_>,
    session: &LocalSession,
    future: impl Future<Output = crate::engine::local::Result<T>> + Send + 'static,
) -> PyResult<T> {
    wait_for(py, session, future, None)
}

/// Runs an action (collect, count, a write) as a job of the jobs model: its stages report
/// their tasks (`stages::instrument`), progress handlers hear of it while it runs and
/// once at its end, and a cancel (`cancelJobGroup`, `interruptTag`...) stops it with
/// Spark's `SPARK_JOB_CANCELLED`.
fn run_action<T: Send + 'static, F>(py: Python<'_>, session: &LocalSession, action: impl FnOnce(usize) -> F) -> PyResult<T>
where
    F: Future<Output = crate::engine::local::Result<T>> + Send + 'static,
{
    let registry = crate::jobs::registry();
    let job = registry.start_job_with(jobs::thread_properties(py)?);
    let outcome = wait_for(py, session, action(job.job_id), Some(&job));
    registry.finish_job(job.job_id, outcome.is_ok());
    registry.report(&job, true);
    outcome
}

fn wait_for<T: Send + 'static>(
    py: Python<'_>,
    session: &LocalSession,
    future: impl Future<Output = crate::engine::local::Result<T>> + Send + 'static,
    job: Option<&JobHandle>,
) -> PyResult<T> {
    let outcome: Result<crate::engine::local::Result<T>, PyErr> = py.detach(|| {
        session.block_on(async {
            let mut task = session.spawn(future);
            loop {
                tokio::select! {
                    joined = &mut task => {
                        return Ok(joined.unwrap_or_else(|e| Err(EngineError::internal(format!("engine task failed: {e}")))));
                    }
                    _ = tokio::time::sleep(Duration::from_millis(100)) => {
                        if let Err(interrupt) = Python::attach(|py| py.check_signals()) {
                            task.abort();
                            return Err(interrupt);
                        }
                        if let Some(job) = job {
                            if let Some(reason) = job.cancelled() {
                                task.abort();
                                return Ok(Err(EngineError::job_cancelled(job.job_id, &reason)));
                            }
                            crate::jobs::registry().report(job, false);
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

/// A Spark session on the embedded engine (Python: `pyspark._native.Session`).
#[pyclass(frozen, module = "pyspark._native")]
pub struct Session {
    inner: Arc<LocalSession>,
}

impl Session {
    /// The first `n` rows of a plan, and whether it has more (what `show()` prints).
    fn first_rows(&self, py: Python<'_>, plan: &str, n: usize) -> PyResult<(SchemaRef, Vec<RecordBatch>, bool)> {
        let relation = relation(py, plan)?;
        let limited = Relation::Limit { plan_id: 0, input: Box::new(relation), limit: n + 1 };
        let session = self.inner.clone();
        let (schema, batches) = run_action(py, &self.inner, move |job| async move { session.collect(&limited, job).await })?;
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
        Ok((schema, kept, total > n))
    }
}

#[pymethods]
impl Session {
    /// A session for `master` (`local`, `local[N]`, `local[*]`), parsed by the same rule
    /// as the command line's `--master`.
    #[new]
    fn new(master: &str) -> PyResult<Self> {
        let parallelism = crate::settings::parse_master(master).map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))?;
        let inner = LocalSession::new(parallelism).map_err(|e| PyRuntimeError::new_err(e.to_string()))?;
        inner.set_python_runner(Arc::new(python_udf::EmbeddedPython));
        Ok(Self { inner: Arc::new(inner) })
    }

    /// `spark.udf.register`: makes the Python UDF of `udf` (a `PythonUdf` expression, as
    /// JSON) callable from SQL as `name`.
    fn register_udf(&self, py: Python<'_>, name: &str, udf: &str) -> PyResult<()> {
        let udf = python_udf_of_json(udf)?;
        self.inner.register_python_udf(name, &udf).map_err(|e| to_python_error(py, e))
    }

    /// `local[N]`'s N.
    #[getter]
    fn parallelism(&self) -> usize {
        self.inner.parallelism()
    }

    /// Resolves a plan and returns its schema in Spark's JSON format.
    fn schema_json(&self, py: Python<'_>, plan: &str) -> PyResult<String> {
        let relation = relation(py, plan)?;
        let session = self.inner.clone();
        let schema = wait(py, &self.inner, async move { session.schema(&relation).await })?;
        Ok(spark_json_schema(&schema).to_string())
    }

    /// Spark's `printSchema` text of a plan.
    fn tree_string(&self, py: Python<'_>, plan: &str) -> PyResult<String> {
        let relation = relation(py, plan)?;
        let session = self.inner.clone();
        let schema = wait(py, &self.inner, async move { session.schema(&relation).await })?;
        Ok(spark_text::tree_string(&schema))
    }

    /// The engine's plans of a plan: (logical, optimized logical, physical) as text.
    fn explain(&self, py: Python<'_>, plan: &str) -> PyResult<(String, String, String)> {
        let relation = relation(py, plan)?;
        let session = self.inner.clone();
        wait(py, &self.inner, async move { session.explain(&relation).await })
    }

    /// Spark's `show()` text: the first `n` rows, truncated at `truncate` characters.
    fn show_string(&self, py: Python<'_>, plan: &str, n: usize, truncate: usize, vertical: bool) -> PyResult<String> {
        let (schema, kept, has_more) = self.first_rows(py, plan, n)?;
        Ok(spark_text::show_string(&kept, &schema, n, truncate, vertical, has_more))
    }

    /// `show()` on a terminal: Spark's cells in a comfy-table `width` columns wide.
    fn show_table(&self, py: Python<'_>, plan: &str, n: usize, truncate: usize, width: u16, color: bool) -> PyResult<String> {
        let (schema, kept, has_more) = self.first_rows(py, plan, n)?;
        Ok(terminal_table(&schema, &kept, has_more, n, truncate, width, color))
    }

    /// Runs a plan and returns its rows as `pyspark.sql.Row` objects.
    fn collect<'py>(&self, py: Python<'py>, plan: &str) -> PyResult<Bound<'py, PyList>> {
        let relation = relation(py, plan)?;
        let session = self.inner.clone();
        let (schema, batches) = run_action(py, &self.inner, move |job| async move { session.collect(&relation, job).await })?;
        rows_to_python(py, &schema, &batches)
    }

    /// Counts a plan's rows.
    fn count(&self, py: Python<'_>, plan: &str) -> PyResult<i64> {
        let relation = relation(py, plan)?;
        let session = self.inner.clone();
        run_action(py, &self.inner, move |job| async move { session.count(&relation, job).await })
    }

    /// Keeps rows of Python values (tuples in schema order) and returns their relation id.
    fn create_local_relation(&self, rows: &Bound<'_, PyList>, schema_json: &str) -> PyResult<u64> {
        let py = rows.py();
        let value: serde_json::Value = serde_json::from_str(schema_json).map_err(|e| PyRuntimeError::new_err(e.to_string()))?;
        let schema = Arc::new(arrow_schema_from_json(&value).map_err(|e| to_python_error(py, e))?);
        let batch = convert::rows_to_batch(rows, &schema)?;
        self.inner.add_local_relation(schema, vec![batch]).map_err(|e| to_python_error(py, e))
    }

    /// `createOrReplaceTempView` / `createTempView`.
    fn create_temp_view(&self, py: Python<'_>, name: &str, plan: &str, replace: bool) -> PyResult<()> {
        let relation = relation(py, plan)?;
        let session = self.inner.clone();
        let name = name.to_string();
        wait(py, &self.inner, async move { session.create_temp_view(&name, &relation, replace).await })
    }

    /// `spark.catalog.dropTempView`; returns whether the view existed.
    fn drop_temp_view(&self, py: Python<'_>, name: &str) -> PyResult<bool> {
        self.inner.drop_temp_view(name).map_err(|e| to_python_error(py, e))
    }

    /// The names of the temporary views.
    fn temp_view_names(&self, py: Python<'_>) -> PyResult<Vec<String>> {
        self.inner.temp_view_names().map_err(|e| to_python_error(py, e))
    }

    /// `DataFrameWriter.save`: computes the rows, then writes them with Spark's layout.
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
        let relation = relation(py, plan)?;
        let mode = SaveMode::parse(mode).map_err(|e| to_python_error(py, e))?;
        let target = Path::new(path).to_path_buf();
        if mode == SaveMode::Ignore && target.exists() {
            return Ok(());
        }
        if mode == SaveMode::ErrorIfExists {
            io_write::prepare_target(&target, mode).map_err(|e| to_python_error(py, e))?;
        }
        let session = self.inner.clone();
        let (schema, batches) = run_action(py, &self.inner, move |job| async move { session.collect(&relation, job).await })?;
        let format = format.to_lowercase();
        py.detach(|| -> crate::engine::local::Result<()> {
            if io_write::prepare_target(&target, mode)? {
                io_write::write(&target, &format, &schema, &batches, &options, &partition_by)?;
            }
            Ok(())
        })
        .map_err(|e| to_python_error(py, e))
    }
}

/// The native module `pyspark._native` (registered as `_ember_native` before start-up).
#[pymodule]
#[pyo3(name = "_ember_native")]
pub fn ember_native(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_class::<Session>()?;
    module.add_class::<rdd::RddContext>()?;
    module.add_class::<remote::RemoteSession>()?;
    module.add_function(wrap_pyfunction!(combine::combine_by_key, module)?)?;
    module.add_function(wrap_pyfunction!(rdd::read_text_split, module)?)?;
    module.add_function(wrap_pyfunction!(jobs::set_progress_hook, module)?)?;
    module.add_function(wrap_pyfunction!(jobs::configure_progress_bar, module)?)?;
    module.add_function(wrap_pyfunction!(jobs::jobs_info, module)?)?;
    module.add_function(wrap_pyfunction!(jobs::stage_info, module)?)?;
    module.add_function(wrap_pyfunction!(jobs::active_stage_ids, module)?)?;
    module.add_function(wrap_pyfunction!(jobs::cancel_jobs, module)?)?;
    module.add("EMBEDDED", true)?;
    Ok(())
}
