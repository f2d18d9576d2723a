//! Spark's `ceil(x[, scale])` and `floor(x[, scale])` (`CeilExpressionBuilder`,
//! `FloorExpressionBuilder`): with one argument, datafusion-spark's `ceil`/`floor`; with a
//! scale, Spark's `RoundCeil`/`RoundFloor`, which round a decimal to `scale` digits after
//! the point (before it when negative). A non-decimal input is first the decimal Spark
//! casts it to, and the result is `decimal(p - s + 1 + max(scale, 0), max(scale, 0))`.
use std::sync::Arc;

use datafusion::arrow::array::{Array, AsArray, Decimal128Array};
use datafusion::arrow::datatypes::{DataType, Decimal128Type};
use datafusion::common::ScalarValue;
use datafusion::error::{DataFusionError, Result};
use datafusion::logical_expr::{ColumnarValue, ReturnFieldArgs, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature, TypeSignature, Volatility};
use datafusion::arrow::datatypes::{Field, FieldRef};
use datafusion::prelude::SessionContext;

/// Registers `ceil` (alias `ceiling`) and `floor` over the engine's one-argument ones.
pub fn register(context: &SessionContext) {
    use datafusion::execution::FunctionRegistry;
    for (name, ceiling) in [("ceil", true), ("floor", false)] {
        if let Ok(inner) = context.udf(name) {
            let signature = Signature::one_of(vec![TypeSignature::Any(1), TypeSignature::Any(2)], Volatility::Immutable);
            let function = ScalarUDF::from(ScaledRounding { name, ceiling, inner, signature });
            context.register_udf(if ceiling { function.with_aliases(["ceiling"]) } else { function });
        }
    }
}

#[derive(Debug, PartialEq, Eq, Hash)]
struct ScaledRounding {
    name: &'static str,
    ceiling: bool,
    inner: Arc<ScalarUDF>,
    signature: Signature,
}

/// The decimal type Spark casts a numeric type to (`DecimalType.forType`).
fn as_decimal(data_type: &DataType) -> Option<(u8, i8)> {
    Some(match data_type {
        DataType::Decimal128(p, s) => (*p, *s),
        DataType::Int8 => (3, 0),
        DataType::Int16 => (5, 0),
        DataType::Int32 => (10, 0),
        DataType::Int64 => (20, 0),
        DataType::Float32 => (14, 7),
        DataType::Float64 => (30, 15),
        _ => return None,
    })
}

/// The scale argument: an integer literal.
fn scale_of(value: Option<&ScalarValue>) -> Option<i32> {
    match value? {
        ScalarValue::Int8(Some(v)) => Some(i32::from(*v)),
        ScalarValue::Int16(Some(v)) => Some(i32::from(*v)),
        ScalarValue::Int32(Some(v)) => Some(*v),
        ScalarValue::Int64(Some(v)) => i32::try_from(*v).ok(),
        _ => None,
    }
}

fn result_type(input: &DataType, scale: i32) -> Result<DataType> {
    let (p, s) = as_decimal(input).ok_or_else(|| DataFusionError::Plan(format!("ceil/floor with a scale takes a number, not {input}")))?;
    let target = scale.clamp(0, 38);
    let precision = (i32::from(p) - i32::from(s) + 1 + target).clamp(1, 38);
    Ok(DataType::Decimal128(precision as u8, target as i8))
}

impl ScalarUDFImpl for ScaledRounding {
    fn name(&self) -> &str {
        self.name
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Err(DataFusionError::Internal("ceil/floor type themselves from their arguments (return_field_from_args)".into()))
    }

    fn return_field_from_args(&self, args: ReturnFieldArgs) -> Result<FieldRef> {
        match args.arg_fields {
            [_] => self.inner.return_field_from_args(args),
            [x, _] => {
                let scale = scale_of(args.scalar_arguments.get(1).copied().flatten()).ok_or_else(|| {
                    DataFusionError::from(crate::engine::local::error::EngineError::analysis(
                        "DATATYPE_MISMATCH.NON_FOLDABLE_INPUT",
                        format!("Cannot resolve \"{}\" due to data type mismatch: the input `scale` should be a foldable \"INT\" expression.", self.name),
                        &[("inputName", "`scale`".to_string()), ("inputType", "\"INT\"".to_string())],
                    ))
                })?;
                Ok(Arc::new(Field::new(self.name, result_type(x.data_type(), scale)?, true)))
            }
            _ => Err(DataFusionError::Plan(format!("{} takes one or two arguments", self.name))),
        }
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        if args.args.len() == 1 {
            // Spark's Ceil/Floor of a double is a BIGINT; under ANSI mode a value beyond its
            // range raises ARITHMETIC_OVERFLOW rather than saturating.
            let input = args.args[0].to_array(args.number_rows)?;
            if matches!(input.data_type(), DataType::Float64 | DataType::Float32) {
                let doubles = datafusion::arrow::compute::cast(&input, &DataType::Float64)?;
                let beyond = doubles
                    .as_primitive::<datafusion::arrow::datatypes::Float64Type>()
                    .iter()
                    .flatten()
                    .any(|v| {
                        let rounded = if self.ceiling { v.ceil() } else { v.floor() };
                        // ±Infinity are beyond it too.
                        !rounded.is_nan() && (rounded >= 9_223_372_036_854_775_808.0 || rounded < -9_223_372_036_854_775_808.0)
                    });
                if beyond {
                    return Err(crate::engine::local::error::EngineError::spark(
                        crate::engine::local::error::ErrorClass::Arithmetic,
                        "ARITHMETIC_OVERFLOW",
                        "overflow. If necessary set \"spark.sql.ansi.enabled\" to \"false\" to bypass this error.",
                        &[("message", "overflow".to_string()), ("alternative", String::new()), ("config", "\"spark.sql.ansi.enabled\"".to_string())],
                    )
                    .into());
                }
            }
            return self.inner.invoke_with_args(args);
        }
        let scale = match &args.args[1] {
            ColumnarValue::Scalar(value) => scale_of(Some(value)),
            ColumnarValue::Array(_) => None,
        }
        .ok_or_else(|| DataFusionError::Execution(format!("{}: the scale must be an integer literal", self.name)))?;
        let input = args.args[0].to_array(args.number_rows)?;
        let (p, s) = as_decimal(input.data_type()).ok_or_else(|| DataFusionError::Execution(format!("{}: not a number", self.name)))?;
        let decimals = datafusion::arrow::compute::cast(&input, &DataType::Decimal128(p, s))?;
        let decimals = decimals.as_primitive::<Decimal128Type>();
        let DataType::Decimal128(precision, target) = args.return_field.data_type().clone() else {
            return Err(DataFusionError::Internal("ceil/floor result is not a decimal".into()));
        };
        let from = i32::from(s);
        let rounded: Decimal128Array = decimals
            .iter()
            .map(|value| {
                value.map(|v| {
                    if scale >= from {
                        return v * 10i128.pow((i32::from(target) - from).max(0) as u32);
                    }
                    let divisor = 10i128.pow((from - scale) as u32);
                    let mut quotient = v.div_euclid(divisor);
                    if self.ceiling && v.rem_euclid(divisor) != 0 {
                        quotient += 1;
                    }
                    if scale < 0 { quotient * 10i128.pow((-scale) as u32) } else { quotient }
                })
            })
            .collect();
        Ok(ColumnarValue::Array(Arc::new(rounded.with_precision_and_scale(precision, target)?)))
    }
}
