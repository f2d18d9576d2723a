//! Spark's `NormalizeFloatingNumbers` for keys that place, order and compare rows: -0.0
//! becomes 0.0 and every NaN the one positive NaN, so that a window's partitions, a sort
//! and a comparison see what Spark's see. The engine orders and compares floating-point
//! numbers by their total order, which tells -0.0 from 0.0 and puts the NaN that x86
//! arithmetic makes (sign bit set) below -Infinity.
//!
//! Its second function, [`POSITIVE_NAN`], makes every NaN of a computed value the positive
//! one and leaves -0.0 as it is (`canonical_nans`), for the functions that rank, match or
//! look up floats (`greatest`, `array_sort`, `isin`, `array_contains`, `median`, ...).
use std::sync::Arc;

use datafusion::arrow::array::{Array, ArrayRef, AsArray, Float32Array, Float64Array};
use datafusion::arrow::datatypes::{DataType, Float32Type, Float64Type};
use datafusion::error::Result;
use datafusion::logical_expr::{ColumnarValue, Expr, ExprSchemable, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature, Volatility};
use datafusion::common::DFSchema;

/// The name of the function normalizing keys; `naming` shows its argument in its place.
pub const NAME: &str = "ember_normalize_float";

/// The name of the function making NaNs positive; `naming` shows its argument in its place.
pub const POSITIVE_NAN: &str = "ember_positive_nan";

#[derive(Debug, PartialEq, Eq, Hash)]
struct NormalizeFloat {
    signature: Signature,
    /// Whether -0.0 becomes 0.0 too (keys), or only NaNs change ([`POSITIVE_NAN`]).
    zeros: bool,
}

impl NormalizeFloat {
    fn call(zeros: bool, argument: Expr) -> Expr {
        ScalarUDF::from(NormalizeFloat { signature: Signature::any(1, Volatility::Immutable), zeros }).call(vec![argument])
    }
}

/// `expr` (FLOAT or DOUBLE) with its NaNs made the one positive NaN.
pub fn with_positive_nans(expr: Expr) -> Expr {
    NormalizeFloat::call(false, expr)
}

/// Whether `expr` is a call of either function of this module.
pub fn is_normalizing(expr: &Expr) -> bool {
    matches!(expr, Expr::ScalarFunction(call) if call.func.name() == NAME || call.func.name() == POSITIVE_NAN)
}

/// Whether `expr` is already a normalized key.
pub fn is_normalized(expr: &Expr) -> bool {
    matches!(expr, Expr::ScalarFunction(call) if call.func.name() == NAME)
}

/// `key` normalized when it is a FLOAT or DOUBLE, else `key` itself.
pub fn normalized_key(key: Expr, schema: &DFSchema) -> Expr {
    if is_normalized(&key) {
        return key;
    }
    match key.get_type(schema) {
        Ok(DataType::Float32 | DataType::Float64) => NormalizeFloat::call(true, key),
        _ => key,
    }
}

/// `array` with every NaN made the one positive NaN and other values, -0.0 too, as they
/// are: for operators that rank values by the engine's total order, where the NaN that
/// x86 arithmetic makes (sign bit set) ranks below -Infinity, and Spark ranks every NaN
/// above Infinity. Arrays of other types are returned as they are.
pub fn positive_nans(array: &ArrayRef) -> ArrayRef {
    let positive64 = |v: f64| if v.is_nan() { f64::NAN } else { v };
    let positive32 = |v: f32| if v.is_nan() { f32::NAN } else { v };
    match array.data_type() {
        DataType::Float64 if array.as_primitive::<Float64Type>().values().iter().any(|v| v.is_nan() && v.is_sign_negative()) => {
            Arc::new(array.as_primitive::<Float64Type>().unary::<_, Float64Type>(positive64))
        }
        DataType::Float32 if array.as_primitive::<Float32Type>().values().iter().any(|v| v.is_nan() && v.is_sign_negative()) => {
            Arc::new(array.as_primitive::<Float32Type>().unary::<_, Float32Type>(positive32))
        }
        _ => array.clone(),
    }
}

fn normal64(v: f64) -> f64 {
    if v.is_nan() { f64::NAN } else if v == 0.0 { 0.0 } else { v }
}

fn normal32(v: f32) -> f32 {
    if v.is_nan() { f32::NAN } else if v == 0.0 { 0.0 } else { v }
}

impl ScalarUDFImpl for NormalizeFloat {
    fn name(&self) -> &str {
        if self.zeros { NAME } else { POSITIVE_NAN }
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, arg_types: &[DataType]) -> Result<DataType> {
        Ok(arg_types.first().cloned().unwrap_or(DataType::Float64))
    }

    /// Nullable exactly when the key is.
    fn return_field_from_args(&self, args: datafusion::logical_expr::ReturnFieldArgs) -> Result<datafusion::arrow::datatypes::FieldRef> {
        let field = args.arg_fields.first().map(|f| (f.data_type().clone(), f.is_nullable())).unwrap_or((DataType::Float64, true));
        Ok(Arc::new(datafusion::arrow::datatypes::Field::new(self.name(), field.0, field.1)))
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let arrays = ColumnarValue::values_to_arrays(&args.args)?;
        let input = &arrays[0];
        if !self.zeros {
            return Ok(ColumnarValue::Array(positive_nans(input)));
        }
        let output: ArrayRef = match input.data_type() {
            DataType::Float64 => Arc::new(input.as_primitive::<Float64Type>().iter().map(|v| v.map(normal64)).collect::<Float64Array>()),
            DataType::Float32 => Arc::new(input.as_primitive::<Float32Type>().iter().map(|v| v.map(normal32)).collect::<Float32Array>()),
            _ => input.clone(),
        };
        debug_assert_eq!(output.len(), input.len());
        Ok(ColumnarValue::Array(output))
    }
}
