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

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let data_type = args.args.first().map(ColumnarValue::data_type).unwrap_or(DataType::Null);
        let name = crate::spark::type_text::spark_simple_string(&super::super::types::normalize_type(&data_type));
        Ok(ColumnarValue::Scalar(ScalarValue::Utf8(Some(name))))
    }
}
