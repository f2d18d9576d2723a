//! Python UDFs on the local engine: a DataFusion scalar UDF that hands each batch of
//! argument columns to the embedded interpreter, as Spark's `BatchEvalPythonExec` hands
//! rows to a Python worker. The engine knows nothing of Python: the native layer supplies
//! the [`PythonRunner`] that unpickles the command and calls the function.
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use datafusion::arrow::array::ArrayRef;
use datafusion::arrow::datatypes::DataType;
use datafusion::error::{DataFusionError, Result};
use datafusion::logical_expr::{ColumnarValue, ScalarFunctionArgs, ScalarUDFImpl, Signature, Volatility};

use super::error::EngineError;

/// Evaluates a pickled Python function over argument columns; implemented by the native
/// layer with the embedded interpreter.
pub trait PythonRunner: Send + Sync + std::fmt::Debug {
    /// Calls the function of `command` (a cloudpickled `(func, returnType)`) on each of the
    /// `rows` rows of `arguments`, returning an array of `return_type`. A Python exception
    /// comes back as Spark's `PythonException` ([`EngineError::Python`]).
    /// `eval_type` is PySpark's `PythonEvalType`: 100 calls the function once per row,
    /// 200 (a scalar pandas UDF) once per batch with pandas Series, 204 with an iterator of
    /// them.
    fn evaluate(&self, command: &[u8], eval_type: i32, arguments: &[ArrayRef], rows: usize, return_type: &DataType) -> std::result::Result<ArrayRef, EngineError>;

    /// Calls the grouped-aggregate function of `command` once on a group's `arguments`
    /// (each a whole column of the group), returning a one-row array of `return_type`.
    fn aggregate(&self, command: &[u8], arguments: &[ArrayRef], return_type: &DataType) -> std::result::Result<ArrayRef, EngineError>;

    /// Stops the calls running now (an interrupted or cancelled action).
    fn cancel(&self) {}
}

/// One Python UDF as a DataFusion scalar function. Its name is the Python function's
/// (`plus_one`, `<lambda>`), so the output column is named `plus_one(n)` as in Spark.
#[derive(Debug)]
pub struct PythonUdf {
    name: String,
    command: Arc<Vec<u8>>,
    eval_type: i32,
    return_type: DataType,
    signature: Signature,
    runner: Arc<dyn PythonRunner>,
}

impl PythonUdf {
    pub fn new(name: &str, command: Vec<u8>, eval_type: i32, return_type: DataType, deterministic: bool, runner: Arc<dyn PythonRunner>) -> Self {
        let volatility = if deterministic { Volatility::Immutable } else { Volatility::Volatile };
        Self { name: name.to_string(), command: Arc::new(command), eval_type, return_type, signature: Signature::one_of(vec![datafusion::logical_expr::TypeSignature::VariadicAny, datafusion::logical_expr::TypeSignature::Nullary], volatility), runner }
    }
}

impl PythonUdf {
    /// The same function under another name (the lower-case spelling SQL resolves).
    pub fn renamed(&self, name: &str) -> Self {
        Self { name: name.to_string(), command: Arc::clone(&self.command), eval_type: self.eval_type, return_type: self.return_type.clone(), signature: self.signature.clone(), runner: Arc::clone(&self.runner) }
    }
}

impl PartialEq for PythonUdf {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name && self.command == other.command && self.return_type == other.return_type && self.signature == other.signature
    }
}

impl Eq for PythonUdf {}

impl Hash for PythonUdf {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.name.hash(state);
        self.command.hash(state);
        self.return_type.hash(state);
    }
}

impl ScalarUDFImpl for PythonUdf {
    fn name(&self) -> &str {
        &self.name
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(self.return_type.clone())
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let rows = args.number_rows;
        let arguments = args.args.iter().map(|a| a.to_array(rows)).collect::<Result<Vec<_>>>()?;
        let result = self.runner.evaluate(&self.command, self.eval_type, &arguments, rows, &self.return_type).map_err(|e| DataFusionError::External(Box::new(e)))?;
        Ok(ColumnarValue::Array(result))
    }
}
