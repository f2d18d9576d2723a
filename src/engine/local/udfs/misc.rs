//! Spark's miscellaneous functions that describe their argument rather than compute on
//! it: `typeof` (Spark's `TypeOf`).
use datafusion::arrow::datatypes::DataType;
use datafusion::common::ScalarValue;
use datafusion::error::Result;
use datafusion::logical_expr::{ColumnarValue, ScalarFunctionArgs, ScalarUDFImpl, Signature, Volatility};

/// Spark's `typeof(expr)`: the `simpleString` of the argument's type (`int`, `bigint`,
/// `decimal(12,1)`, `array<string>`), one value per row. The type is read when the
/// function runs, after Spark's typing rules have rewritten the argument, so that
/// `typeof(1 + 1.0)` answers the decimal Spark computes.
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct TypeOf {
    signature: Signature,
}

impl Default for TypeOf {
    fn default() -> Self {
        TypeOf { signature: Signature::any(1, Volatility::Immutable) }
    }
}

impl ScalarUDFImpl for TypeOf {
    fn name(&self) -> &str {
        "typeof"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Utf8)
    }

    /// Never NULL: the type of a NULL value is still named.
    fn return_field_from_args(&self, _args: datafusion::logical_expr::ReturnFieldArgs) -> Result<datafusion::arrow::datatypes::FieldRef> {
        Ok(std::sync::Arc::new(datafusion::arrow::datatypes::Field::new(self.name(), DataType::Utf8, false)))
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        // An ANSI interval is named with its fields (`interval month`).
        if let Some(fields) = args.arg_fields.first().and_then(|f| super::intervals::fields_of(f)) {
            return Ok(ColumnarValue::Scalar(ScalarValue::Utf8(Some(format!("interval {fields}")))));
        }
        let data_type = args.args.first().map(ColumnarValue::data_type).unwrap_or(DataType::Null);
        let name = crate::spark::type_text::spark_simple_string(&super::super::types::normalize_type(&data_type));
        Ok(ColumnarValue::Scalar(ScalarValue::Utf8(Some(name))))
    }
}
