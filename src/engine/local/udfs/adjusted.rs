//! DataFusion functions whose result Spark types or fills differently, run as they are and
//! then adjusted: `array_position` is 0
//! when the element is absent (Spark's `ArrayPosition`), `isnan(NULL)` is false (Spark's
//! `IsNaN`), `date_trunc` reads Spark's unit names and gives Spark's TIMESTAMP (session
//! zone) for any input, NULL for a unit Spark does not know (Spark's `TruncTimestamp`), and
//! `next_day` with an unknown day name raises `ILLEGAL_DAY_OF_WEEK` (Spark's `NextDay`
//! under ANSI mode), and `regexp_count` is an INT (Spark's `RegExpCount`).
use std::sync::Arc;

use datafusion::arrow::array::{Array, ArrayRef, AsArray, BooleanArray, Int64Array};
use datafusion::arrow::datatypes::{DataType, Field, Int64Type};
use datafusion::error::Result;
use datafusion::execution::FunctionRegistry;
use datafusion::logical_expr::{ColumnarValue, ReturnFieldArgs, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature};
use datafusion::prelude::SessionContext;

use crate::engine::local::types::timestamp_type;

/// Registers the adjusted functions over DataFusion's (or datafusion-spark's) own.
pub fn register(context: &SessionContext) {
    for name in ["array_position", "isnan", "date_trunc", "next_day", "regexp_count"] {
        if let Ok(inner) = context.udf(name) {
            let signature = inner.signature().clone();
            context.register_udf(ScalarUDF::from(Adjusted { name, inner, signature }));
        }
    }
}

/// The engine's unit of a unit name Spark's `date_trunc` reads (`TruncTimestamp`), in
/// any case; `None` for a name it does not know.
pub(crate) fn truncation_unit(name: &str) -> Option<&'static str> {
    Some(match name.to_ascii_lowercase().as_str() {
        "yyyy" | "yy" | "year" => "year",
        "quarter" => "quarter",
        "mon" | "mm" | "month" => "month",
        "week" => "week",
        "dd" | "day" => "day",
        "hour" => "hour",
        "minute" => "minute",
        "second" => "second",
        "millisecond" => "millisecond",
        "microsecond" => "microsecond",
        _ => return None,
    })
}

#[derive(Debug, PartialEq, Eq, Hash)]
struct Adjusted {
    name: &'static str,
    inner: Arc<ScalarUDF>,
    signature: Signature,
}

impl Adjusted {
    fn adjusted_type(&self, inner: &DataType) -> DataType {
        match self.name {
            "array_position" => DataType::Int64,
            "date_trunc" => timestamp_type(),
            "regexp_count" => DataType::Int32,
            _ => inner.clone(),
        }
    }
}

impl ScalarUDFImpl for Adjusted {
    fn name(&self) -> &str {
        self.name
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        self.inner.coerce_types(arg_types)
    }

    fn return_type(&self, arg_types: &[DataType]) -> Result<DataType> {
        Ok(self.adjusted_type(&self.inner.return_type(arg_types)?))
    }

    fn return_field_from_args(&self, args: ReturnFieldArgs) -> Result<datafusion::arrow::datatypes::FieldRef> {
        // Spark's RegExpCount is NULL only for a NULL input.
        let nullable = self.name != "regexp_count" || args.arg_fields.iter().any(|f| f.is_nullable());
        let inner = self.inner.return_field_from_args(args)?;
        Ok(Arc::new(Field::new(self.name, self.adjusted_type(inner.data_type()), nullable)))
    }

    fn invoke_with_args(&self, mut args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        if self.name == "date_trunc" {
            if let Some(ColumnarValue::Scalar(unit)) = args.args.first() {
                match unit.try_as_str().flatten().map(truncation_unit) {
                    Some(Some(unit)) => args.args[0] = ColumnarValue::Scalar(datafusion::common::ScalarValue::Utf8(Some(unit.to_string()))),
                    // An unknown unit (or a NULL one) truncates nothing: NULL.
                    _ => return Ok(ColumnarValue::Scalar(datafusion::common::ScalarValue::try_from(args.return_field.data_type())?)),
                }
            }
        }
        let arrays = ColumnarValue::values_to_arrays(&args.args)?;
        let inner_field = self.inner.return_field_from_args(ReturnFieldArgs {
            arg_fields: &args.arg_fields,
            scalar_arguments: &args.args.iter().map(|a| match a {
                ColumnarValue::Scalar(s) => Some(s),
                ColumnarValue::Array(_) => None,
            }).collect::<Vec<_>>(),
        })?;
        let inner_args = ScalarFunctionArgs { args: args.args.clone(), arg_fields: args.arg_fields.clone(), number_rows: args.number_rows, return_field: inner_field, config_options: args.config_options.clone() };
        let result = self.inner.invoke_with_args(inner_args)?.into_array(args.number_rows)?;
        let adjusted: ArrayRef = match self.name {
            "isnan" => Arc::new(result.as_boolean().iter().map(|v| Some(v.unwrap_or(false))).collect::<BooleanArray>()),
            "array_position" => {
                let positions = datafusion::arrow::compute::cast(&result, &DataType::Int64)?;
                let positions = positions.as_primitive::<Int64Type>();
                let (array, element) = (&arrays[0], arrays.get(1));
                Arc::new(
                    (0..positions.len())
                        .map(|i| {
                            let absent = array.is_null(i) || element.is_some_and(|e| e.is_null(i));
                            if absent { None } else { Some(if positions.is_null(i) { 0 } else { positions.value(i) }) }
                        })
                        .collect::<Int64Array>(),
                )
            }
            "next_day" => {
                let days = datafusion::arrow::compute::cast(&arrays[1], &DataType::Utf8)?;
                let days = days.as_string::<i32>();
                for row in 0..result.len() {
                    if result.is_null(row) && !arrays[0].is_null(row) && !days.is_null(row) {
                        let day = days.value(row);
                        return Err(datafusion::error::DataFusionError::External(Box::new(crate::engine::local::error::EngineError::spark(
                            crate::engine::local::error::ErrorClass::IllegalArgument,
                            "ILLEGAL_DAY_OF_WEEK",
                            format!("Illegal input for day of week: {day}."),
                            &[("string", day.to_string())],
                        ))));
                    }
                }
                result
            }
            _ => datafusion::arrow::compute::cast(&result, args.return_field.data_type())?,
        };
        Ok(ColumnarValue::Array(adjusted))
    }
}
