//! Spark's functions that fail a query on purpose: `raise_error(msg)` (Spark's
//! `RaiseError`) and `assert_true(cond, msg)` (`AssertTrue`, NULL while `cond` holds).
//! Both raise `USER_RAISED_EXCEPTION` with the row's message.
use std::sync::Arc;

use datafusion::arrow::array::{new_null_array, Array, AsArray};
use datafusion::arrow::datatypes::DataType;
use datafusion::error::{DataFusionError, Result};
use datafusion::logical_expr::{ColumnarValue, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature, Volatility};
use datafusion::prelude::SessionContext;

use crate::engine::local::error::{EngineError, ErrorClass};

/// Registers the functions of this module under their Spark names.
pub fn register(context: &SessionContext) {
    context.register_udf(ScalarUDF::from(Raise { name: "raise_error", signature: Signature::any(1, Volatility::Volatile) }));
    context.register_udf(ScalarUDF::from(Raise { name: "assert_true", signature: Signature::any(2, Volatility::Volatile) }));
}

#[derive(Debug, PartialEq, Eq, Hash)]
struct Raise {
    name: &'static str,
    signature: Signature,
}

/// Spark's `USER_RAISED_EXCEPTION` with `message`.
fn raised(message: &str) -> DataFusionError {
    DataFusionError::External(Box::new(EngineError::spark(ErrorClass::Runtime, "USER_RAISED_EXCEPTION", message.to_string(), &[("errorMessage", message.to_string())])))
}

impl ScalarUDFImpl for Raise {
    fn name(&self) -> &str {
        self.name
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Null)
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let rows = args.number_rows;
        let arrays = ColumnarValue::values_to_arrays(&args.args)?;
        let messages = datafusion::arrow::compute::cast(&arrays[arrays.len() - 1], &DataType::Utf8)?;
        let messages = messages.as_string::<i32>();
        let message = |row: usize| if messages.is_null(row) { "null".to_string() } else { messages.value(row).to_string() };
        if self.name == "raise_error" {
            if rows > 0 {
                return Err(raised(&message(0)));
            }
        } else {
            let holds = datafusion::arrow::compute::cast(&arrays[0], &DataType::Boolean)?;
            let holds = holds.as_boolean();
            if let Some(row) = (0..rows).find(|&row| holds.is_null(row) || !holds.value(row)) {
                return Err(raised(&message(row)));
            }
        }
        Ok(ColumnarValue::Array(Arc::new(new_null_array(&DataType::Null, rows))))
    }
}
