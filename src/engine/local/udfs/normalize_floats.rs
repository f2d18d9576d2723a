//! Spark's `NormalizeFloatingNumbers` for keys that place, order and compare rows: -0.0
//! becomes 0.0 and every NaN the one positive NaN, so that a window's partitions, a sort
//! and a comparison see what Spark's see. The engine orders and compares floating-point
//! numbers by their total order, which tells -0.0 from 0.0 and puts the NaN that x86
//! arithmetic makes (sign bit set) below -Infinity.
use std::sync::Arc;

use datafusion::arrow::array::{Array, ArrayRef, AsArray, Float32Array, Float64Array};
use datafusion::arrow::datatypes::{DataType, Float32Type, Float64Type};
use datafusion::error::Result;
use datafusion::logical_expr::{ColumnarValue, Expr, ExprSchemable, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature, Volatility};
use datafusion::common::DFSchema;

/// The function's name; `naming` shows its argument in its place.
pub const NAME: &str = "ember_normalize_float";

#[derive(Debug, PartialEq, Eq, Hash)]
struct NormalizeFloat {
    signature: Signature,
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
        Ok(DataType::Float32 | DataType::Float64) => {
            ScalarUDF::from(NormalizeFloat { signature: Signature::any(1, Volatility::Immutable) }).call(vec![key])
        }
        _ => key,
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
        NAME
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
        Ok(Arc::new(datafusion::arrow::datatypes::Field::new(NAME, field.0, field.1)))
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let arrays = ColumnarValue::values_to_arrays(&args.args)?;
        let input = &arrays[0];
        let output: ArrayRef = match input.data_type() {
            DataType::Float64 => Arc::new(input.as_primitive::<Float64Type>().iter().map(|v| v.map(normal64)).collect::<Float64Array>()),
            DataType::Float32 => Arc::new(input.as_primitive::<Float32Type>().iter().map(|v| v.map(normal32)).collect::<Float32Array>()),
            _ => input.clone(),
        };
        debug_assert_eq!(output.len(), input.len());
        Ok(ColumnarValue::Array(output))
    }
}
