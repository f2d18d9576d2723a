//! The local engine's Python UDF runner, PySpark's `pyspark.worker` for SQL UDFs
//! (`BatchEvalPythonExec`, `ArrowEvalPythonExec`): each batch of argument columns goes to
//! one of the active SparkContext's worker processes as an Arrow IPC stream, so that the
//! partitions of `local[N]` run their UDFs on N cores. Without worker processes (local[1],
//! no cloudpickle) the batch is evaluated in the embedded interpreter. Either way the
//! values cross with Spark's Python ⇄ SQL conversions (`convert`).
use std::io::Cursor;
use std::sync::{Arc, Mutex, Weak};

use datafusion::arrow::array::{ArrayRef, RecordBatch, RecordBatchOptions};
use datafusion::arrow::datatypes::{DataType, Field, Schema, SchemaRef};
use datafusion::arrow::error::ArrowError;
use datafusion::arrow::ipc::reader::StreamReader;
use datafusion::arrow::ipc::writer::StreamWriter;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyList};

use super::{convert, guarded};
use crate::engine::local::python_udf::{ArgumentBatches, PythonRunner};
use crate::engine::local::EngineError;
use crate::rdd::worker::{UdfCall, UdfStream, WorkerPool};
use crate::rdd::RddError;

/// The job id UDF batches hold their workers under, so that an interrupted action can stop
/// them (RDD jobs count up from 0).
const UDF_JOB: usize = usize::MAX;

/// A command kept in the driver (no cloudpickle): only the driver's interpreter can run it
/// (`pyspark.sql.udf._REFERENCE`).
const DRIVER_ONLY: &[u8] = b"EMBER-UDF:";

/// The worker processes SQL UDFs run in: the active SparkContext's pool, the `sys.path`
/// its workers get and how many run at once (N of `local[N]`). Weak, so that a stopped
/// context takes its workers with it.
static WORKERS: Mutex<Option<(Weak<WorkerPool>, String, usize)>> = Mutex::new(None);

/// The fewest rows a batch is cut to for evaluating its pieces in parallel.
const MIN_PIECE_ROWS: usize = 512;

/// Makes the UDFs of every session run in `pool` (Spark: the executors of the one
/// SparkContext) on `parallelism` workers at once, until the pool is dropped.
pub fn serve_udfs_from(pool: &Arc<WorkerPool>, python_path: String, parallelism: usize) {
    if let Ok(mut workers) = WORKERS.lock() {
        *workers = Some((Arc::downgrade(pool), python_path, parallelism.max(1)));
    }
}

fn workers() -> Option<(Arc<WorkerPool>, String, usize)> {
    let workers = WORKERS.lock().ok()?;
    let (pool, path, parallelism) = workers.as_ref()?;
    Some((pool.upgrade()?, path.clone(), *parallelism))
}

/// Runs Python UDFs in worker processes when the SparkContext has them, else in the
/// embedded interpreter (taking the GIL on the engine's thread).
#[derive(Debug)]
pub struct EmbeddedPython;

impl PythonRunner for EmbeddedPython {
    fn evaluate(&self, command: &[u8], eval_type: i32, arguments: &[ArrayRef], rows: usize, return_type: &DataType) -> Result<ArrayRef, EngineError> {
        match workers() {
            Some((pool, path, parallelism)) if !command.starts_with(DRIVER_ONLY) => {
                let batch = UdfBatch { pool, python_path: path.into(), command: command.into(), eval_type, return_type: return_type.clone() };
                batch.evaluate_in_pieces(arguments, rows, parallelism.min(rows / MIN_PIECE_ROWS).max(1))
            }
            _ => Python::attach(|py| evaluate_here(py, command, eval_type, &[(arguments.to_vec(), rows)], return_type)),
        }
    }

    fn evaluate_partition(&self, command: &[u8], eval_type: i32, batches: ArgumentBatches<'_>, return_type: &DataType) -> Result<Vec<ArrayRef>, EngineError> {
        match workers() {
            Some((pool, path, _)) if !command.starts_with(DRIVER_ONLY) => {
                let batch = UdfBatch { pool, python_path: path.into(), command: command.into(), eval_type, return_type: return_type.clone() };
                batch.evaluate_streamed(batches)
            }
            _ => {
                let batches = batches.collect::<Vec<_>>();
                Python::attach(|py| evaluate_here(py, command, eval_type, &batches, return_type)).map(|result| vec![result])
            }
        }
    }

    fn aggregate(&self, command: &[u8], arguments: &[ArrayRef], return_type: &DataType) -> Result<ArrayRef, EngineError> {
        Python::attach(|py| {
            let run = || -> PyResult<ArrayRef> {
                let columns = python_columns(py, arguments, arguments.first().map_or(0, |a| a.len()))?;
                let result = py.import("pyspark.sql.udf")?.getattr("_aggregate")?.call1((PyBytes::new(py, command), columns))?;
                convert::array_from_python(&[result], return_type)
            };
            run().map_err(|error| EngineError::Python(worker_message(py, &error)))
        })
    }

    fn cancel(&self) {
        if let Some((pool, ..)) = workers() {
            pool.kill_running(UDF_JOB);
        }
    }
}

/// One list of Python values per argument column (`convert::value_to_python`).
fn python_columns<'py>(py: Python<'py>, arguments: &[ArrayRef], rows: usize) -> PyResult<Bound<'py, PyList>> {
    let create_row = py.import("pyspark.sql.types")?.getattr("_create_row")?;
    let columns = PyList::empty(py);
    for array in arguments {
        let values = (0..rows).map(|row| convert::value_to_python(py, array, row, &create_row)).collect::<PyResult<Vec<_>>>()?;
        columns.append(PyList::new(py, values)?)?;
    }
    Ok(columns)
}

/// Evaluates batches in this process's interpreter (`pyspark.sql.udf._evaluate`): one
/// batch, or for a scalar iterator UDF all the batches of a partition in one call.
fn evaluate_here(py: Python<'_>, command: &[u8], eval_type: i32, batches: &[(Vec<ArrayRef>, usize)], return_type: &DataType) -> Result<ArrayRef, EngineError> {
    if VECTORIZED.contains(&eval_type) {
        if let Some(result) = evaluate_on_arrow(py, command, eval_type, batches, return_type) {
            return result;
        }
    }
    evaluate_rows(py, command, eval_type, batches, return_type)
}

/// The row-wise path: one list of Python values per argument, over the rows of every
/// batch, with the batches' sizes (`pyspark.sql.udf._evaluate`).
fn evaluate_rows(py: Python<'_>, command: &[u8], eval_type: i32, batches: &[(Vec<ArrayRef>, usize)], return_type: &DataType) -> Result<ArrayRef, EngineError> {
    let run = || -> PyResult<ArrayRef> {
        let sizes = batches.iter().map(|(_, rows)| *rows).collect::<Vec<_>>();
        let rows = sizes.iter().sum::<usize>();
        let arguments = joined_columns(batches).map_err(|e| pyo3::exceptions::PyValueError::new_err(format!("UDF batch: {e}")))?;
        let columns = python_columns(py, &arguments, rows)?;
        let results = py.import("pyspark.sql.udf")?.getattr("_evaluate")?.call1((PyBytes::new(py, command), columns, rows, eval_type, sizes))?;
        let values = results.cast::<PyList>()?.iter().collect::<Vec<_>>();
        convert::array_from_python(&values, return_type)
    };
    run().map_err(|error| EngineError::Python(worker_message(py, &error)))
}

/// Each argument's column over all `batches`, in order.
fn joined_columns(batches: &[(Vec<ArrayRef>, usize)]) -> Result<Vec<ArrayRef>, ArrowError> {
    match batches {
        [(columns, _)] => Ok(columns.clone()),
        _ => {
            let arguments = batches.first().map_or(0, |(columns, _)| columns.len());
            (0..arguments)
                .map(|i| {
                    let parts = batches.iter().map(|(columns, _)| columns[i].as_ref()).collect::<Vec<_>>();
                    datafusion::arrow::compute::concat(&parts)
                })
                .collect()
        }
    }
}

/// One batch of a UDF bound for the worker processes.
#[derive(Clone)]
struct UdfBatch {
    pool: Arc<WorkerPool>,
    python_path: Arc<str>,
    command: Arc<[u8]>,
    eval_type: i32,
    return_type: DataType,
}

impl UdfBatch {
    /// Cuts the batch into `pieces` runs of rows, evaluates them on as many workers at
    /// once and joins the results in row order: the engine hands a UDF one batch at a
    /// time, so this is where `local[N]` gets its N cores.
    fn evaluate_in_pieces(&self, arguments: &[ArrayRef], rows: usize, pieces: usize) -> Result<ArrayRef, EngineError> {
        if pieces <= 1 {
            return self.evaluate_in_worker(&[(arguments.to_vec(), rows)]);
        }
        let bounds = (0..pieces).map(|i| (rows * i / pieces, rows * (i + 1) / pieces)).collect::<Vec<_>>();
        let slice = |(from, to): (usize, usize)| arguments.iter().map(|a| a.slice(from, to - from)).collect::<Vec<_>>();
        let results = std::thread::scope(|scope| {
            let piece = |bound: (usize, usize)| self.evaluate_in_worker(&[(slice(bound), bound.1 - bound.0)]);
            let others = bounds[1..].iter().map(|&bound| scope.spawn(move || piece(bound))).collect::<Vec<_>>();
            let mut results = vec![piece(bounds[0])];
            results.extend(others.into_iter().map(|handle| handle.join().unwrap_or_else(|_| Err(EngineError::internal("a UDF batch thread panicked")))));
            results
        });
        let columns = results.into_iter().collect::<Result<Vec<_>, _>>()?;
        let parts = columns.iter().map(|c| c.as_ref()).collect::<Vec<_>>();
        datafusion::arrow::compute::concat(&parts).map_err(|e| EngineError::internal(format!("UDF batch: {e}")))
    }

    /// Sends batches to one worker for one call of the function and reads back their
    /// result column (the worker's `U` request).
    fn evaluate_in_worker(&self, batches: &[(Vec<ArrayRef>, usize)]) -> Result<ArrayRef, EngineError> {
        let ipc_error = |e: ArrowError| EngineError::internal(format!("UDF batch: {e}"));
        let (arguments, result_schema) = batch_streams(batches, &self.return_type).map_err(ipc_error)?;
        let call = UdfCall { command: &self.command, eval_type: self.eval_type, arguments: &arguments, result_schema: &result_schema };
        let result = self.in_worker(|worker| worker.evaluate_udf(&call))?;
        apply_accumulators(&result.accumulators)?;
        let bytes = result.blocks.first().map(|block| block.bytes()).transpose().map_err(|e| EngineError::internal(e.to_string()))?.unwrap_or_default();
        let column = read_ipc_stream(&bytes).map_err(ipc_error)?.into_iter().next().map(|batch| batch.column(0).clone());
        column.ok_or_else(|| EngineError::internal("a UDF worker sent no result"))
    }

    /// Calls a scalar iterator UDF once over `batches` in one worker, streaming them to it
    /// one Arrow IPC stream each while its results come back (the worker's `I` request).
    fn evaluate_streamed(&self, batches: ArgumentBatches<'_>) -> Result<Vec<ArrayRef>, EngineError> {
        let ipc_error = |e: ArrowError| EngineError::internal(format!("UDF batch: {e}"));
        let result_schema = ipc_stream(&result_schema(&self.return_type), &[]).map_err(ipc_error)?;
        let frames = batches.map_while(|batch| argument_stream(&[batch]).ok());
        let call = UdfStream { command: &self.command, eval_type: self.eval_type, result_schema: &result_schema };
        let (parts, accumulators) = self.in_worker(|worker| worker.evaluate_udf_stream(&call, frames))?;
        apply_accumulators(&accumulators)?;
        let mut columns = Vec::new();
        for part in parts {
            columns.extend(read_ipc_stream(&part).map_err(ipc_error)?.into_iter().map(|batch| batch.column(0).clone()));
        }
        Ok(columns)
    }

    /// `call` on a worker taken from the pool: given back after it answers (a Python error
    /// included, as Spark's `PythonException`), dropped when it died.
    fn in_worker<T>(&self, call: impl FnOnce(&mut crate::rdd::worker::WorkerProcess) -> crate::rdd::Result<T>) -> Result<T, EngineError> {
        let mut worker = self.pool.take(&self.python_path, UDF_JOB).map_err(|e| EngineError::internal(e.to_string()))?;
        match call(&mut worker) {
            Ok(answer) => {
                self.pool.give_back(worker);
                Ok(answer)
            }
            Err(RddError::Task(traceback)) => {
                self.pool.give_back(worker);
                Err(EngineError::Python(traceback))
            }
            Err(error) => {
                self.pool.discard(worker);
                Err(EngineError::Python(error.to_string()))
            }
        }
    }
}

/// Adds a worker's accumulator updates to the driver's accumulators.
fn apply_accumulators(updates: &[u8]) -> Result<(), EngineError> {
    if updates.is_empty() {
        return Ok(());
    }
    Python::attach(|py| -> PyResult<()> {
        let updates = PyList::new(py, [PyBytes::new(py, updates)])?;
        py.import("pyspark.accumulators")?.call_method1("_apply_updates", (updates,))?;
        Ok(())
    })
    .map_err(|e| EngineError::internal(format!("accumulator updates of a UDF: {e}")))
}

/// Batches of argument columns (named `_0`, `_1`, …) and the schema of their result
/// column, each as an Arrow IPC stream.
fn batch_streams(batches: &[(Vec<ArrayRef>, usize)], return_type: &DataType) -> Result<(Vec<u8>, Vec<u8>), ArrowError> {
    Ok((argument_stream(batches)?, ipc_stream(&result_schema(return_type), &[])?))
}

/// Batches of argument columns, named `_0`, `_1`, …, as one Arrow IPC stream.
fn argument_stream(batches: &[(Vec<ArrayRef>, usize)]) -> Result<Vec<u8>, ArrowError> {
    let first = batches.first().map(|(columns, _)| columns.as_slice()).unwrap_or_default();
    let fields = first.iter().enumerate().map(|(i, a)| Field::new(format!("_{i}"), a.data_type().clone(), true)).collect::<Vec<_>>();
    let schema = Arc::new(Schema::new(fields));
    let batches = batches
        .iter()
        .map(|(columns, rows)| RecordBatch::try_new_with_options(schema.clone(), columns.clone(), &RecordBatchOptions::new().with_row_count(Some(*rows))))
        .collect::<Result<Vec<_>, _>>()?;
    ipc_stream(&schema, &batches)
}

/// PySpark's eval types whose batches go to the function as pandas or Arrow columns.
const VECTORIZED: [i32; 4] = [200, 204, 250, 251];

/// Evaluates a pandas or Arrow UDF's batches on Arrow (`pyspark.sql._udf_batches`); `None`
/// when its column types need the row-wise path.
fn evaluate_on_arrow(py: Python<'_>, command: &[u8], eval_type: i32, batches: &[(Vec<ArrayRef>, usize)], return_type: &DataType) -> Option<Result<ArrayRef, EngineError>> {
    let ipc_error = |e: ArrowError| EngineError::internal(format!("UDF batch: {e}"));
    let run = || -> Result<Option<ArrayRef>, EngineError> {
        let (arguments, schema) = batch_streams(batches, return_type).map_err(ipc_error)?;
        let Some((ok, data)) = arrow_answer(py, command, eval_type, &arguments, &schema)? else { return Ok(None) };
        if !ok {
            return Err(EngineError::Python(String::from_utf8_lossy(&data).into_owned()));
        }
        let column = read_ipc_stream(&data).map_err(ipc_error)?.into_iter().next().map(|batch| batch.column(0).clone());
        column.map(Some).ok_or_else(|| EngineError::internal("a UDF batch without a result"))
    };
    run().transpose()
}

/// `pyspark.sql._udf_batches.evaluate` on a batch's IPC streams: `(true, result stream)`,
/// `(false, traceback)`, or `None` when its types take the row-wise path.
fn arrow_answer(py: Python<'_>, command: &[u8], eval_type: i32, arguments: &[u8], result_schema: &[u8]) -> Result<Option<(bool, Vec<u8>)>, EngineError> {
    let python_error = |e: PyErr| EngineError::Python(worker_message(py, &e));
    let module = py.import("pyspark.sql._udf_batches").map_err(python_error)?;
    let answer = module
        .call_method1("evaluate", (PyBytes::new(py, command), eval_type, PyBytes::new(py, arguments), PyBytes::new(py, result_schema)))
        .map_err(python_error)?;
    if answer.is_none() {
        return Ok(None);
    }
    answer.extract().map(Some).map_err(python_error)
}

fn result_schema(return_type: &DataType) -> SchemaRef {
    Arc::new(Schema::new(vec![Field::new("result", return_type.clone(), true)]))
}

fn ipc_stream(schema: &SchemaRef, batches: &[RecordBatch]) -> Result<Vec<u8>, ArrowError> {
    let mut buffer = Vec::new();
    let mut writer = StreamWriter::try_new(&mut buffer, schema)?;
    for batch in batches {
        writer.write(batch)?;
    }
    writer.finish()?;
    drop(writer);
    Ok(buffer)
}

fn read_ipc_stream(bytes: &[u8]) -> Result<Vec<RecordBatch>, ArrowError> {
    StreamReader::try_new(Cursor::new(bytes), None)?.collect()
}

fn ipc_schema(bytes: &[u8]) -> Result<SchemaRef, ArrowError> {
    Ok(StreamReader::try_new(Cursor::new(bytes), None)?.schema())
}

/// The worker's half of a `U` request (`pyspark._ember_worker`): evaluates the batches of
/// the Arrow IPC stream `arguments` (one, or a partition's for a scalar iterator UDF) and
/// returns `(True, result stream)`, or `(False, the traceback of Spark's
/// PYTHON_EXCEPTION)`.
#[pyfunction]
pub fn evaluate_udf_batch<'py>(py: Python<'py>, command: &[u8], eval_type: i32, arguments: &[u8], result_schema: &[u8]) -> PyResult<(bool, Bound<'py, PyBytes>)> {
    guarded(|| {
        // A pandas or Arrow batch is handed on as it came, without decoding it here.
        if VECTORIZED.contains(&eval_type) {
            match arrow_answer(py, command, eval_type, arguments, result_schema) {
                Ok(Some((ok, data))) => return Ok((ok, PyBytes::new(py, &data))),
                Ok(None) => {}
                Err(error) => return Ok((false, PyBytes::new(py, error.to_string().as_bytes()))),
            }
        }
        let ipc_error = |e: ArrowError| pyo3::exceptions::PyValueError::new_err(format!("UDF batch: {e}"));
        let schema = ipc_schema(result_schema).map_err(ipc_error)?;
        let batches = read_ipc_stream(arguments).map_err(ipc_error)?;
        if batches.is_empty() {
            return Err(pyo3::exceptions::PyValueError::new_err("UDF batch without rows"));
        }
        let batches = batches.into_iter().map(|batch| (batch.columns().to_vec(), batch.num_rows())).collect::<Vec<_>>();
        let return_type = schema.field(0).data_type().clone();
        match evaluate_rows(py, command, eval_type, &batches, &return_type) {
            Ok(column) => {
                let result = RecordBatch::try_new(schema.clone(), vec![column]).map_err(ipc_error)?;
                let bytes = ipc_stream(&schema, &[result]).map_err(ipc_error)?;
                Ok((true, PyBytes::new(py, &bytes)))
            }
            // A Python error's text is its traceback.
            Err(error) => Ok((false, PyBytes::new(py, error.to_string().as_bytes()))),
        }
    })
}

/// The traceback of Spark's `PYTHON_EXCEPTION` for a failed call: the one that
/// `pyspark.sql.udf._evaluate` formatted, or the error itself (a result Arrow cannot hold).
fn worker_message(py: Python<'_>, error: &PyErr) -> String {
    let value = error.value(py);
    if let Ok(text) = value.getattr("worker_traceback").and_then(|t| t.extract::<String>()) {
        return text;
    }
    format!("{error}")
}
