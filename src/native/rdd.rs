//! `pyspark._native.RddContext`: the thin pyo3 wrapper over Ember's RDD engine that
//! `SparkContext` and `RDD` call. Jobs run with the GIL released; tasks that run in the
//! driver take it back for each Python call.
use std::path::PathBuf;

use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyTuple};

use crate::rdd::lineage::Block;
use crate::rdd::text::{read_split, TextSplit};
use crate::rdd::worker::Output;
use crate::rdd::{Execution, RddEngine, RddError};

use super::guarded;

/// Turns an RDD engine error into a `pyspark.errors` exception: a user function's failure
/// or a dead worker is a `PythonException` (Spark's task failure), bad input a
/// `PySparkRuntimeError`; `KeyboardInterrupt` passes through.
pub(super) fn to_python_error(py: Python<'_>, error: RddError) -> PyErr {
    let (class, message) = match error {
        RddError::Python(error) => return error,
        RddError::Task(traceback) => ("PythonException", format!("\n  An exception was thrown from the Python worker. Please see the stack trace below.\n{traceback}")),
        RddError::WorkerDied(report) => ("PythonException", format!("\n  {report}")),
        RddError::Cancelled { job_id, reason } => return super::backend_error(py, crate::engine::backend::SparkError::job_cancelled(job_id, &reason)),
        RddError::Internal(error) => return super::backend_error(py, error),
        other => ("PySparkRuntimeError", other.to_string()),
    };
    let build = || -> PyResult<PyErr> {
        let kwargs = PyDict::new(py);
        kwargs.set_item("message", &message)?;
        let instance = py.import("pyspark.errors")?.getattr(class)?.call((), Some(&kwargs))?;
        Ok(PyErr::from_value(instance))
    };
    build().unwrap_or_else(|e| e)
}

/// Runs `work`, turning a panic (on this thread or a task's) into Spark's
/// `INTERNAL_ERROR`, so that the session goes on.
pub(crate) fn without_panics<T>(work: impl FnOnce() -> Result<T, RddError>) -> Result<T, RddError> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)).unwrap_or_else(|payload| Err(RddError::Internal(crate::spark::error::SparkError::from_panic(payload.as_ref()))))
}

/// The session's RDD engine (Python: `pyspark._native.RddContext`).
#[pyclass(frozen, module = "pyspark._native")]
pub struct RddContext {
    engine: RddEngine,
}

fn blocks_to_python<'py>(py: Python<'py>, blocks: &[Block]) -> PyResult<Bound<'py, PyList>> {
    let list = PyList::empty(py);
    for block in blocks {
        let bytes = block.bytes()?;
        list.append((block.kind.tag(), PyBytes::new(py, &bytes)))?;
    }
    Ok(list)
}

/// The lines of `\n`-ended UTF-8 text as a list of `str`, without their line ends; bytes
/// that are not UTF-8 become U+FFFD. The same list as Python's
/// `data.decode("utf-8", "replace").split("\n")[:-1]`, built without the decoded copy of
/// the whole text and the scan that splits it.
#[pyfunction]
pub fn text_lines<'py>(py: Python<'py>, data: &[u8]) -> PyResult<Bound<'py, PyList>> {
    guarded(|| {
        let lines = PyList::empty(py);
        if data.is_empty() {
            return Ok(lines);
        }
        let body = data.strip_suffix(b"\n").unwrap_or(data);
        for line in body.split(|&b| b == b'\n') {
            match std::str::from_utf8(line) {
                Ok(text) => lines.append(pyo3::types::PyString::new(py, text))?,
                Err(_) => lines.append(pyo3::types::PyString::new(py, &String::from_utf8_lossy(line)))?,
            }
        }
        Ok(lines)
    })
}

/// The lines of a text file's split (`path`, byte `start`, byte `length`) as `str`s (see
/// `text_lines`), read as Hadoop's `LineRecordReader` reads a `FileSplit`: a worker reads
/// its task's split itself.
#[pyfunction]
pub fn read_text_split_lines<'py>(py: Python<'py>, path: PathBuf, start: u64, length: u64) -> PyResult<Bound<'py, PyList>> {
    guarded(|| {
        let split = TextSplit { path, start, length };
        let bytes = py.detach(|| read_split(&split))?;
        text_lines(py, &bytes)
    })
}

#[pymethods]
impl RddContext {
    /// An engine whose tasks run in `workers` worker processes (0: in the driver), which
    /// get `python_path` as their `sys.path`; shuffles keep `shuffle_memory` bytes in
    /// memory and spill the rest under `spill_directory`.
    /// A failed task runs again up to `max_failures` attempts in all (F of `local[N,F]`).
    #[new]
    #[pyo3(signature = (workers, python_path, shuffle_memory, spill_directory, max_failures=1))]
    fn new(workers: usize, python_path: String, shuffle_memory: usize, spill_directory: String, max_failures: usize) -> PyResult<Self> {
        guarded(|| Ok({
            let execution = if workers == 0 { Execution::InProcess } else { Execution::Workers { workers, python_path } };
            RddContext { engine: RddEngine::new(execution, shuffle_memory, PathBuf::from(spill_directory)).with_max_failures(max_failures) }
        }))
    }

    /// Starts the worker processes ahead of the first job.
    fn start_workers(&self) -> PyResult<()> {
        guarded(|| {
            self.engine.start_workers();
            Ok(())
        })
    }

    /// Makes SQL Python UDFs run in this context's worker processes (when it has them).
    fn serve_udfs(&self) -> PyResult<()> {
        guarded(|| {
            if let Execution::Workers { workers, .. } = self.engine.execution() {
                if let Some((pool, python_path)) = self.engine.worker_pool() {
                    super::python_udf::serve_udfs_from(&pool, python_path, *workers);
                }
            }
            Ok(())
        })
    }

    /// Whether tasks run in worker processes.
    #[getter]
    fn uses_workers(&self) -> PyResult<bool> {
        guarded(|| Ok(matches!(self.engine.execution(), Execution::Workers { .. })))
    }

    fn parallelize(&self, py: Python<'_>, batches: Vec<Vec<u8>>, slices: usize) -> PyResult<usize> {
        guarded(|| self.engine.parallelize(batches, slices).map_err(|e| to_python_error(py, e)))
    }

    fn text_file(&self, py: Python<'_>, files: Vec<String>, min_partitions: usize) -> PyResult<usize> {
        guarded(|| self.engine.text_file(files.into_iter().map(PathBuf::from).collect(), min_partitions).map_err(|e| to_python_error(py, e)))
    }

    fn map_partitions(&self, py: Python<'_>, parent: usize, command: Vec<u8>) -> PyResult<usize> {
        guarded(|| self.engine.map_partitions(parent, command).map_err(|e| to_python_error(py, e)))
    }

    fn shuffle(&self, py: Python<'_>, parent: usize, partitions: usize, command: Vec<u8>) -> PyResult<usize> {
        guarded(|| self.engine.shuffle(parent, partitions, command).map_err(|e| to_python_error(py, e)))
    }

    fn union(&self, py: Python<'_>, parents: Vec<usize>) -> PyResult<usize> {
        guarded(|| self.engine.union(parents).map_err(|e| to_python_error(py, e)))
    }

    fn coalesce(&self, py: Python<'_>, parent: usize, partitions: usize) -> PyResult<usize> {
        guarded(|| self.engine.coalesce(parent, partitions).map_err(|e| to_python_error(py, e)))
    }

    fn zip(&self, py: Python<'_>, left: usize, right: usize, command: Vec<u8>) -> PyResult<usize> {
        guarded(|| self.engine.zip(left, right, command).map_err(|e| to_python_error(py, e)))
    }

    fn cartesian(&self, py: Python<'_>, left: usize, right: usize, command: Vec<u8>) -> PyResult<usize> {
        guarded(|| self.engine.cartesian(left, right, command).map_err(|e| to_python_error(py, e)))
    }

    fn num_partitions(&self, py: Python<'_>, id: usize) -> PyResult<usize> {
        guarded(|| self.engine.rdd(id).map(|r| r.partitions).map_err(|e| to_python_error(py, e)))
    }

    /// The RDDs marked as cached: `(id, partitions, cached partitions, memory bytes,
    /// disk bytes)`, for the web UI's storage page.
    fn cached_rdds(&self, py: Python<'_>) -> PyResult<Vec<(usize, usize, usize, u64, u64)>> {
        guarded(|| self.engine.cached_rdds().map_err(|e| to_python_error(py, e)))
    }

    fn persist(&self, py: Python<'_>, id: usize, cached: bool) -> PyResult<()> {
        guarded(|| self.engine.set_cached(id, cached).map_err(|e| to_python_error(py, e)))
    }

    fn debug_string(&self, py: Python<'_>, id: usize) -> PyResult<String> {
        guarded(|| self.engine.debug_string(id).map_err(|e| to_python_error(py, e)))
    }

    /// Runs a job over `partitions` (all when `None`) and returns, per partition, its
    /// blocks as `(kind, bytes)` pairs, and the pickled accumulator updates of its tasks.
    #[pyo3(signature = (id, partitions=None))]
    fn run_job<'py>(&self, py: Python<'py>, id: usize, partitions: Option<Vec<usize>>) -> PyResult<Bound<'py, PyTuple>> {
        guarded(|| {
            let partitions = match partitions {
                Some(partitions) => partitions,
                None => (0..self.engine.rdd(id).map_err(|e| to_python_error(py, e))?.partitions).collect(),
            };
            let properties = super::jobs::thread_properties(py)?;
            let result = py.detach(|| without_panics(|| self.engine.run_job(id, &partitions, Output::Pickled, properties))).map_err(|e| to_python_error(py, e))?;
            let parts = PyList::empty(py);
            for blocks in &result.partitions {
                parts.append(blocks_to_python(py, blocks)?)?;
            }
            let updates = PyList::new(py, result.accumulators.iter().map(|u| PyBytes::new(py, u)))?;
            PyTuple::new(py, [parts.into_any(), updates.into_any()])
        })
    }

    /// `saveAsTextFile`; returns the accumulator updates.
    fn save_as_text_file<'py>(&self, py: Python<'py>, id: usize, path: &str) -> PyResult<Bound<'py, PyList>> {
        guarded(|| {
            let path = PathBuf::from(path);
            let properties = super::jobs::thread_properties(py)?;
            let updates = py.detach(|| without_panics(|| self.engine.save_as_text_file(id, &path, properties))).map_err(|e| to_python_error(py, e))?;
            PyList::new(py, updates.iter().map(|u| PyBytes::new(py, u)))
        })
    }

    /// How many jobs have run.
    fn jobs(&self) -> PyResult<usize> {
        guarded(|| Ok(self.engine.jobs_run()))
    }
}
