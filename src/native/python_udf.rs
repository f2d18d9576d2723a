//! The local engine's Python UDF runner: calls a UDF's function in the embedded
//! interpreter, one batch of rows at a time, with Spark's Python ⇄ SQL value conversions
//! (PySpark's `worker.py` for `SQL_BATCHED_UDF`, done in process instead of in a worker).
use datafusion::arrow::array::ArrayRef;
use datafusion::arrow::datatypes::DataType;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyList};

use super::convert;
use crate::engine::local::python_udf::PythonRunner;
use crate::engine::local::EngineError;

/// Runs Python UDFs with the embedded interpreter (taking the GIL on the engine's thread).
#[derive(Debug)]
pub struct EmbeddedPython;

impl PythonRunner for EmbeddedPython {
    fn evaluate(&self, command: &[u8], eval_type: i32, arguments: &[ArrayRef], rows: usize, return_type: &DataType) -> Result<ArrayRef, EngineError> {
        Python::attach(|py| {
            let run = || -> PyResult<ArrayRef> {
                let create_row = py.import("pyspark.sql.types")?.getattr("_create_row")?;
                let columns = PyList::empty(py);
                for array in arguments {
                    let values = (0..rows).map(|row| convert::value_to_python(py, array, row, &create_row)).collect::<PyResult<Vec<_>>>()?;
                    columns.append(PyList::new(py, values)?)?;
                }
                let results = py.import("pyspark.sql.udf")?.getattr("_evaluate")?.call1((PyBytes::new(py, command), columns, rows, eval_type))?;
                let values = results.cast::<PyList>()?.iter().collect::<Vec<_>>();
                convert::array_from_python(&values, return_type)
            };
            run().map_err(|error| EngineError::Python(worker_message(py, &error)))
        })
    }

    fn aggregate(&self, command: &[u8], arguments: &[ArrayRef], return_type: &DataType) -> Result<ArrayRef, EngineError> {
        Python::attach(|py| {
            let run = || -> PyResult<ArrayRef> {
                let create_row = py.import("pyspark.sql.types")?.getattr("_create_row")?;
                let columns = PyList::empty(py);
                for array in arguments {
                    let values = (0..array.len()).map(|row| convert::value_to_python(py, array, row, &create_row)).collect::<PyResult<Vec<_>>>()?;
                    columns.append(PyList::new(py, values)?)?;
                }
                let result = py.import("pyspark.sql.udf")?.getattr("_aggregate")?.call1((PyBytes::new(py, command), columns))?;
                convert::array_from_python(&[result], return_type)
            };
            run().map_err(|error| EngineError::Python(worker_message(py, &error)))
        })
    }
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
