//! Spark's DataSketches functions: HyperLogLog (`hll_*`), Theta (`theta_*`), Tuple
//! (`tuple_*`) and KLL (`kll_*`) sketches, built with the Apache DataSketches Rust crate so
//! that a sketch is the same bytes Spark's Java DataSketches reads and writes.
//!
//! This module holds what the four families share: one aggregate shape (a sketch buffer
//! fed rows, merged with partial sketches, giving serialized bytes), one scalar shape
//! (a function of whole argument arrays), the constant-argument readers and the input
//! hashing Spark uses (Java's `update(long)`, `update(double)`, `update(byte[])`).
use std::fmt::Debug;
use std::sync::Arc;

use datafusion::arrow::array::{Array, ArrayRef, AsArray, BinaryBuilder};
use datafusion::arrow::datatypes::{DataType, Field, FieldRef};
use datafusion::common::ScalarValue;
use datafusion::error::{DataFusionError, Result};
use datafusion::logical_expr::function::{AccumulatorArgs, StateFieldsArgs};
use datafusion::logical_expr::{Accumulator, AggregateUDF, AggregateUDFImpl, ColumnarValue, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature, Volatility};
use datafusion::physical_expr::expressions::Literal;
use datafusion::prelude::SessionContext;

use crate::engine::local::error::EngineError;

pub mod hll;
pub mod kll;
pub mod theta;
pub mod tuple;

/// Registers every sketch function under its Spark name.
pub fn register(context: &SessionContext) {
    hll::register(context);
    theta::register(context);
    tuple::register(context);
    kll::register(context);
}

/// Spark checks some constant arguments at analysis (`TYPE_CHECK_FAILURE_WITH_HINT`): a KLL
/// aggregate's `k`, and a Tuple function's `lgNomEntries` and mode. The Spark error of the
/// first such argument of `call` that is out of range.
pub fn constant_problem(call: &datafusion::logical_expr::Expr, sql_text: &dyn Fn(&datafusion::logical_expr::Expr) -> String) -> Option<EngineError> {
    use datafusion::logical_expr::Expr;
    let (name, arguments) = match call {
        Expr::AggregateFunction(function) => (function.func.name(), &function.params.args),
        Expr::ScalarFunction(function) => (function.func.name(), &function.args),
        _ => return None,
    };
    let constant = |index: usize| match arguments.get(index) {
        Some(Expr::Literal(value, _)) => Some(value.clone()),
        // SQL's integer literals, marked for Spark's INT typing.
        Some(Expr::ScalarFunction(f)) if f.name() == crate::engine::local::sql::INT_LITERAL => match f.args.first() {
            Some(Expr::Literal(value, _)) => Some(value.clone()),
            _ => None,
        },
        _ => None,
    };
    let base = name.trim_end_matches("_bigint").trim_end_matches("_float").trim_end_matches("_double").trim_end_matches("_integer");
    // (position of lgNomEntries or k, position of the mode)
    let (size, mode) = match base {
        "kll_sketch_agg" | "kll_merge_agg" => (Some(1), None),
        "tuple_sketch_agg" => (Some(2), Some(3)),
        "tuple_union_agg" => (Some(1), Some(2)),
        "tuple_intersection_agg" | "tuple_sketch_summary" => (None, Some(1)),
        "tuple_union" | "tuple_union_theta" => (Some(2), Some(3)),
        "tuple_intersection" | "tuple_intersection_theta" => (None, Some(2)),
        _ => return None,
    };
    let size_error = size.and_then(constant).and_then(|value| {
        let value = int_value(Some(&value), 0);
        if base.starts_with("kll") { kll::k_value(name, value).err() } else { theta::lg_nom_entries(name, value).err() }
    });
    let error = size_error.or_else(|| mode.and_then(constant).and_then(|value| tuple::Mode::parse(name, text_value(Some(&value))).err()))?;
    let DataFusionError::External(inner) = error else { return None };
    let Ok(inner) = inner.downcast::<EngineError>() else { return None };
    let EngineError::Spark { condition, message, .. } = *inner else { return None };
    let state = crate::spark::error::sql_state(&condition).map(|s| format!(" SQLSTATE: {s}")).unwrap_or_default();
    let sql = sql_text(call);
    let text = format!("[{condition}] {message}{state}");
    Some(EngineError::analysis(
        "DATATYPE_MISMATCH.TYPE_CHECK_FAILURE_WITH_HINT",
        format!("Cannot resolve \"{sql}\" due to data type mismatch: {text}."),
        &[("sqlExpr", format!("\"{sql}\"")), ("msg", text.clone()), ("hint", String::new())],
    ))
}

/// The running state of a sketch aggregate: rows go in, partial sketches merge in, and
/// the result is the serialized sketch (`None` when the aggregate has no answer yet, as an
/// intersection of nothing).
pub trait SketchBuffer: Debug + Send + Sync {
    /// Adds the rows of one batch (the aggregate's argument arrays).
    fn update(&mut self, arguments: &[ArrayRef]) -> Result<()>;
    /// Merges a partial result of this same aggregate.
    fn merge(&mut self, partial: &[u8]) -> Result<()>;
    /// Merges every sketch of a column (the update of the union, intersection and merge
    /// aggregates, whose rows are sketches).
    fn merge_column(&mut self, column: &ArrayRef) -> Result<()> {
        for bytes in sketches(column)?.iter().flatten() {
            self.merge(bytes)?;
        }
        Ok(())
    }
    /// The serialized partial sketch, for merging (`None`: nothing to merge yet).
    fn result(&mut self) -> Result<Option<Vec<u8>>>;
    /// The aggregate's answer: the serialized sketch.
    fn finish(&mut self) -> Result<Vec<u8>> {
        self.result()?.ok_or_else(|| DataFusionError::Internal("a sketch aggregate without a result".into()))
    }
}

/// Builds the buffer of one aggregate call from its arguments (constants read here).
pub type BufferFactory = fn(&str, &AccumulatorArgs) -> Result<Box<dyn SketchBuffer>>;

/// An argument that Spark's `ExpectsInputTypes` refuses: its position and the Spark
/// types it takes (`argument_types` reports it with the call's text).
#[derive(Debug, Clone, Copy)]
pub struct Mismatch {
    pub index: usize,
    pub required: &'static [&'static str],
}

/// Why a call's arguments do not fit: their count (an error now), or a type.
pub enum Invalid {
    Arity(DataFusionError),
    Type(Mismatch),
}

/// The outcome of an argument check.
pub type Checked = std::result::Result<(), Invalid>;

/// Checks the arguments of a call of the named function.
pub type TypeCheck = fn(&str, &[DataType]) -> Checked;

/// Planning's view of a check: a wrong count fails now; a wrong type is reported by
/// `argument_types`, which knows the call's text.
fn arity_only(check: Checked) -> Result<()> {
    match check {
        Err(Invalid::Arity(error)) => Err(error),
        _ => Ok(()),
    }
}

/// The argument of `expr`, a call of a sketch function, that does not fit its types.
pub fn mismatch(expr: &datafusion::logical_expr::Expr, types: &[DataType]) -> Option<Mismatch> {
    use datafusion::logical_expr::Expr;
    let (name, check) = match expr {
        Expr::AggregateFunction(call) => {
            let function = call.func.inner().downcast_ref::<SketchAggregate>()?;
            (function.name, function.check)
        }
        Expr::ScalarFunction(call) => {
            let function = call.func.inner().downcast_ref::<SketchFunction>()?;
            (function.name, function.check)
        }
        _ => return None,
    };
    match check(name, types) {
        Err(Invalid::Type(mismatch)) => Some(mismatch),
        _ => None,
    }
}

/// A sketch aggregate (Spark's `TypedImperativeAggregate` over a DataSketches buffer):
/// a binary result, a binary partial state.
#[derive(Debug)]
pub struct SketchAggregate {
    name: &'static str,
    signature: Signature,
    check: TypeCheck,
    factory: BufferFactory,
}

impl PartialEq for SketchAggregate {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
    }
}
impl Eq for SketchAggregate {}
impl std::hash::Hash for SketchAggregate {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.name.hash(state)
    }
}

impl SketchAggregate {
    pub fn udaf(name: &'static str, check: TypeCheck, factory: BufferFactory) -> AggregateUDF {
        AggregateUDF::from(SketchAggregate { name, signature: Signature::variadic_any(Volatility::Immutable), check, factory })
    }
}

impl AggregateUDFImpl for SketchAggregate {
    fn name(&self) -> &str {
        self.name
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, arg_types: &[DataType]) -> Result<DataType> {
        arity_only((self.check)(self.name, arg_types))?;
        Ok(DataType::Binary)
    }

    fn is_nullable(&self) -> bool {
        false
    }

    fn state_fields(&self, args: StateFieldsArgs) -> Result<Vec<FieldRef>> {
        Ok(vec![Arc::new(Field::new(format!("{}_sketch", args.name), DataType::Binary, true))])
    }

    fn accumulator(&self, args: AccumulatorArgs) -> Result<Box<dyn Accumulator>> {
        Ok(Box::new(SketchAccumulator { buffer: (self.factory)(self.name, &args)? }))
    }
}

#[derive(Debug)]
struct SketchAccumulator {
    buffer: Box<dyn SketchBuffer>,
}

impl Accumulator for SketchAccumulator {
    fn update_batch(&mut self, values: &[ArrayRef]) -> Result<()> {
        self.buffer.update(values)
    }

    fn merge_batch(&mut self, states: &[ArrayRef]) -> Result<()> {
        let partials = states[0].as_binary::<i32>();
        for partial in partials.iter().flatten() {
            self.buffer.merge(partial)?;
        }
        Ok(())
    }

    fn state(&mut self) -> Result<Vec<ScalarValue>> {
        Ok(vec![ScalarValue::Binary(self.buffer.result()?)])
    }

    fn evaluate(&mut self) -> Result<ScalarValue> {
        Ok(ScalarValue::Binary(Some(self.buffer.finish()?)))
    }

    fn size(&self) -> usize {
        std::mem::size_of_val(self)
    }
}

/// The kernel of a scalar sketch function: its name, the argument arrays (all of the
/// batch's length) and the row count; gives the result array.
pub type Kernel = fn(&str, &[ArrayRef], usize) -> Result<ArrayRef>;

/// Gives the result type of a scalar sketch function from its argument types.
pub type ResultType = fn(&[DataType]) -> DataType;

/// A scalar function of sketches (Spark's sketch expressions: estimates, set operations,
/// quantiles): NULL in any sketch argument gives NULL.
#[derive(Debug)]
pub struct SketchFunction {
    name: &'static str,
    signature: Signature,
    check: TypeCheck,
    result: ResultType,
    kernel: Kernel,
}

impl PartialEq for SketchFunction {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
    }
}
impl Eq for SketchFunction {}
impl std::hash::Hash for SketchFunction {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.name.hash(state)
    }
}

impl SketchFunction {
    pub fn udf(name: &'static str, check: TypeCheck, result: ResultType, kernel: Kernel) -> ScalarUDF {
        ScalarUDF::from(SketchFunction { name, signature: Signature::variadic_any(Volatility::Immutable), check, result, kernel })
    }
}

impl ScalarUDFImpl for SketchFunction {
    fn name(&self) -> &str {
        self.name
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, arg_types: &[DataType]) -> Result<DataType> {
        arity_only((self.check)(self.name, arg_types))?;
        Ok((self.result)(arg_types))
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let rows = args.number_rows;
        let scalar = args.args.iter().all(|a| matches!(a, ColumnarValue::Scalar(_)));
        let arrays = args.args.iter().map(|a| a.to_array(rows)).collect::<Result<Vec<_>>>()?;
        let result = (self.kernel)(self.name, &arrays, rows)?;
        if scalar {
            return Ok(ColumnarValue::Scalar(ScalarValue::try_from_array(&result, 0)?));
        }
        Ok(ColumnarValue::Array(result))
    }
}

/// The bytes of a sketch argument (Ember's binary reader, shared with the text encodings).
pub(crate) use super::text_encoding::bytes_of as sketches;

/// The rows of a sketch argument as Spark's estimate functions give them: `estimate` of
/// each non-NULL sketch, a BIGINT.
pub fn estimates(arrays: &[ArrayRef], rows: usize, estimate: impl Fn(&[u8]) -> Result<i64>) -> Result<ArrayRef> {
    let input = sketches(&arrays[0])?;
    let mut out = datafusion::arrow::array::Int64Builder::with_capacity(rows);
    for row in 0..rows {
        match input.is_null(row) {
            true => out.append_null(),
            false => out.append_value(estimate(input.value(row))?),
        }
    }
    Ok(Arc::new(out.finish()))
}

/// Applies `f` to the rows where every sketch argument is non-NULL, giving a binary
/// array (NULL elsewhere).
pub fn binary_rows(arrays: &[ArrayRef], rows: usize, count: usize, mut f: impl FnMut(&[&[u8]], usize) -> Result<Vec<u8>>) -> Result<ArrayRef> {
    let inputs = arrays[..count].iter().map(sketches).collect::<Result<Vec<_>>>()?;
    let mut out = BinaryBuilder::new();
    for row in 0..rows {
        if inputs.iter().any(|a| a.is_null(row)) {
            out.append_null();
            continue;
        }
        let values: Vec<&[u8]> = inputs.iter().map(|a| a.value(row)).collect();
        out.append_value(f(&values, row)?);
    }
    Ok(Arc::new(out.finish()))
}

/// The constant at argument `index` of an aggregate call, if the call has one there.
pub fn constant_argument(args: &AccumulatorArgs, index: usize) -> Option<ScalarValue> {
    args.exprs.get(index).and_then(|e| e.downcast_ref::<Literal>()).map(|l| l.value().clone())
}

/// An integral constant (NULL reads as 0, as Spark's `eval()` of NULL to an int does).
pub fn int_value(value: Option<&ScalarValue>, default: i64) -> i64 {
    match value {
        None => default,
        Some(v) => match v.cast_to(&DataType::Int64) {
            Ok(ScalarValue::Int64(Some(n))) => n,
            _ => 0,
        },
    }
}

/// A boolean constant (NULL reads as false).
pub fn bool_value(value: Option<&ScalarValue>, default: bool) -> bool {
    match value {
        None => default,
        Some(ScalarValue::Boolean(Some(b))) => *b,
        Some(_) => false,
    }
}

/// A text constant.
pub fn text_value(value: Option<&ScalarValue>) -> Option<String> {
    match value {
        Some(ScalarValue::Utf8(Some(s)) | ScalarValue::LargeUtf8(Some(s)) | ScalarValue::Utf8View(Some(s))) => Some(s.clone()),
        _ => None,
    }
}

pub use super::runtime_error;

/// Checks that argument `index`, when present, has one of the `accepted` Arrow types (or
/// is NULL); `required` names them as Spark does.
pub fn expect_type(types: &[DataType], index: usize, accepted: fn(&DataType) -> bool, required: &'static [&'static str]) -> Checked {
    match types.get(index) {
        Some(DataType::Null) | None => Ok(()),
        Some(t) if accepted(t) => Ok(()),
        Some(_) => Err(Invalid::Type(Mismatch { index, required })),
    }
}

/// Checks that argument `index`, when present, is binary (or NULL).
pub fn expect_binary(types: &[DataType], index: usize) -> Checked {
    expect_type(types, index, |t| matches!(t, DataType::Binary | DataType::LargeBinary | DataType::BinaryView), &["BINARY"])
}

/// Whether a type is a string type.
pub fn is_text(t: &DataType) -> bool {
    matches!(t, DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View)
}

/// Checks the argument count of a call, raising Spark's `WRONG_NUM_ARGS`.
pub fn expect_arguments(function: &str, types: &[DataType], range: std::ops::RangeInclusive<usize>) -> Checked {
    super::check_argument_count(function, types.len(), range).map_err(Invalid::Arity)
}

/// One value of a row, as Spark hands it to a DataSketches `update`: integers widened to
/// a long, floats widened to a double, text and bytes as their bytes.
#[derive(Debug, Clone, Copy)]
pub enum Item<'a> {
    Long(i64),
    Double(f64),
    Bytes(&'a [u8]),
}

/// Calls `f` with the row and each non-NULL value of an integer, floating-point, string or binary
/// array, and with integer arrays as their little-endian element bytes (Java's
/// `update(int[])` / `update(long[])`, NULL elements as 0).
pub fn for_each_item(array: &ArrayRef, mut f: impl FnMut(usize, Item<'_>)) -> Result<()> {
    use datafusion::arrow::datatypes as t;
    macro_rules! ints {
        ($type:ty) => {
            for (row, v) in array.as_primitive::<$type>().iter().enumerate() {
                if let Some(v) = v {
                    f(row, Item::Long(v as i64));
                }
            }
        };
    }
    match array.data_type() {
        DataType::Int8 => ints!(t::Int8Type),
        DataType::Int16 => ints!(t::Int16Type),
        DataType::Int32 => ints!(t::Int32Type),
        DataType::Int64 => ints!(t::Int64Type),
        DataType::Float32 => {
            for (row, v) in array.as_primitive::<t::Float32Type>().iter().enumerate() {
                if let Some(v) = v {
                    f(row, Item::Double(v as f64));
                }
            }
        }
        DataType::Float64 => {
            for (row, v) in array.as_primitive::<t::Float64Type>().iter().enumerate() {
                if let Some(v) = v {
                    f(row, Item::Double(v));
                }
            }
        }
        DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View | DataType::Binary | DataType::LargeBinary | DataType::BinaryView => {
            let bytes = datafusion::arrow::compute::cast(array, &DataType::Binary)?;
            for (row, v) in bytes.as_binary::<i32>().iter().enumerate() {
                if let Some(v) = v {
                    f(row, Item::Bytes(v));
                }
            }
        }
        DataType::List(element) => {
            let lists = array.as_list::<i32>();
            let wide = matches!(element.data_type(), DataType::Int64);
            for row in 0..lists.len() {
                if lists.is_null(row) {
                    continue;
                }
                let values = datafusion::arrow::compute::cast(&lists.value(row), &DataType::Int64)?;
                let values = values.as_primitive::<t::Int64Type>();
                let mut bytes = Vec::with_capacity(values.len() * 8);
                for i in 0..values.len() {
                    let v = if values.is_null(i) { 0 } else { values.value(i) };
                    if wide {
                        bytes.extend_from_slice(&v.to_le_bytes());
                    } else {
                        bytes.extend_from_slice(&(v as i32).to_le_bytes());
                    }
                }
                f(row, Item::Bytes(&bytes));
            }
        }
        DataType::Null => {}
        other => return Err(DataFusionError::Internal(format!("sketch input of type {other}"))),
    }
    Ok(())
}
