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

/// Batches of argument columns and their row counts, made one at a time.
pub type ArgumentBatches<'a> = Box<dyn Iterator<Item = (Vec<ArrayRef>, usize)> + Send + 'a>;

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

    /// Calls a scalar iterator UDF (`eval_type` 204 or 251) once over all the `batches` of
    /// a partition, each its argument columns and row count, made as they are sent, as
    /// Spark's `ArrowEvalPythonExec` streams a partition to one `pyspark.worker`. Returns
    /// the results in order, in parts, a value for every row of the batches.
    fn evaluate_partition(&self, command: &[u8], eval_type: i32, batches: ArgumentBatches<'_>, return_type: &DataType) -> std::result::Result<Vec<ArrayRef>, EngineError>;

    /// Calls the grouped-aggregate function of `command` once on a group's `arguments`
    /// (each a whole column of the group), returning a one-row array of `return_type`.
    fn aggregate(&self, command: &[u8], arguments: &[ArrayRef], return_type: &DataType) -> std::result::Result<ArrayRef, EngineError>;

    /// Stops the calls running now (an interrupted or cancelled action).
    fn cancel(&self) {}
}

/// One Python UDF as a DataFusion scalar function. Its name is the Python function's
/// (`plus_one`, `<lambda>`), so the output column is named `plus_one(n)` as in Spark.
#[derive(Debug, Clone)]
pub struct PythonUdf {
    name: String,
    command: Arc<Vec<u8>>,
    eval_type: i32,
    return_type: DataType,
    signature: Signature,
    runner: Arc<dyn PythonRunner>,
    /// The name its columns show: the registered spelling, also when SQL finds the
    /// function by its lower-case one (Spark's `PythonUDF.name`).
    shown: String,
    /// A scalar iterator UDF whose last argument is the rows' Spark partition (the
    /// resolver's hidden partition column), by which its calls are cut; hidden from its name.
    keyed: bool,
}

impl PythonUdf {
    pub fn new(name: &str, command: Vec<u8>, eval_type: i32, return_type: DataType, deterministic: bool, runner: Arc<dyn PythonRunner>) -> Self {
        let volatility = if deterministic { Volatility::Immutable } else { Volatility::Volatile };
        let signature = Signature::one_of(vec![datafusion::logical_expr::TypeSignature::VariadicAny, datafusion::logical_expr::TypeSignature::Nullary], volatility);
        Self { name: name.to_string(), command: Arc::new(command), eval_type, return_type, signature, runner, shown: name.to_string(), keyed: false }
    }
}

/// PySpark's `SQL_SCALAR_PANDAS_ITER_UDF` and `SQL_SCALAR_ARROW_ITER_UDF`: functions of an
/// iterator of batches, called once per partition.
const ITERATOR_EVAL_TYPES: [i32; 2] = [204, 251];

impl PythonUdf {
    /// Whether this is a scalar iterator UDF, which a projection calls once per partition
    /// (`super::python_iterator`) rather than once per batch.
    pub fn is_iterator(&self) -> bool {
        ITERATOR_EVAL_TYPES.contains(&self.eval_type)
    }

    /// This scalar iterator UDF taking the rows' Spark partition as an extra last argument
    /// (see `resolver::partitioning`), so that it is called once per Spark partition.
    pub fn keyed(&self) -> Self {
        Self { keyed: true, ..self.clone() }
    }

    /// Whether the last argument is the rows' Spark partition ([`Self::keyed`]).
    pub fn is_keyed(&self) -> bool {
        self.keyed
    }

    /// Spark's name of a call of it with `arguments` (their Spark names), without the
    /// hidden partition argument of a keyed call.
    pub fn call_name(&self, arguments: &[String]) -> String {
        let shown = if self.keyed { &arguments[..arguments.len().saturating_sub(1)] } else { arguments };
        format!("{}({})", self.shown, shown.join(", "))
    }

    /// The type of the function's results.
    pub fn result_type(&self) -> &DataType {
        &self.return_type
    }

    /// Calls this scalar iterator UDF once over a partition's `batches` of argument columns
    /// ([`PythonRunner::evaluate_partition`]).
    pub fn evaluate_partition(&self, batches: ArgumentBatches<'_>) -> std::result::Result<Vec<ArrayRef>, EngineError> {
        self.runner.evaluate_partition(&self.command, self.eval_type, batches, &self.return_type)
    }

    /// The same function under another name (the lower-case spelling SQL resolves).
    pub fn renamed(&self, name: &str) -> Self {
        Self { name: name.to_string(), ..self.clone() }
    }
}

/// The scalar iterator Python UDF a function is, if it is one.
pub fn iterator_udf(function: &datafusion::logical_expr::ScalarUDF) -> Option<&PythonUdf> {
    function.inner().downcast_ref::<PythonUdf>().filter(|udf| udf.is_iterator())
}

impl PartialEq for PythonUdf {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name && self.command == other.command && self.return_type == other.return_type && self.signature == other.signature && self.keyed == other.keyed
    }
}

impl Eq for PythonUdf {}

impl Hash for PythonUdf {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.name.hash(state);
        self.command.hash(state);
        self.return_type.hash(state);
        self.keyed.hash(state);
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

    /// `name(arguments)` in the registered spelling, without the hidden partition
    /// argument of a keyed call.
    fn schema_name(&self, args: &[datafusion::logical_expr::Expr]) -> Result<String> {
        let shown = if self.keyed { &args[..args.len().saturating_sub(1)] } else { args };
        let names = shown.iter().map(|a| a.schema_name().to_string()).collect::<Vec<_>>();
        Ok(format!("{}({})", self.shown, names.join(",")))
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let rows = args.number_rows;
        let arguments = args.args.iter().map(|a| a.to_array(rows)).collect::<Result<Vec<_>>>()?;
        let result = self.runner.evaluate(&self.command, self.eval_type, &arguments, rows, &self.return_type).map_err(|e| DataFusionError::External(Box::new(e)))?;
        Ok(ColumnarValue::Array(result))
    }
}
