//! Spark's math functions where DataFusion's differ or are missing, computed with fdlibm
//! (`libm`) where Spark uses Java's `StrictMath`: logarithms are NULL outside their
//! domain (Spark's `Logarithm`, `Log10`, `Log2`, `Log1p`: NULL for x <= 0), and `round`
//! (HALF_UP) and `bround` (HALF_EVEN) round on the decimal text of a double (Spark's
//! `RoundBase` through `BigDecimal`), keep integers integral and give decimals Spark's
//! result scale.
use std::sync::Arc;

use datafusion::arrow::array::{Array, ArrayRef, AsArray, Decimal128Array, Float32Array, Float64Array};
use datafusion::arrow::datatypes::{DataType, Decimal128Type, Float64Type, Int64Type};
use datafusion::common::ScalarValue;
use datafusion::error::{DataFusionError, Result};
use datafusion::logical_expr::{ColumnarValue, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature, Volatility};
use datafusion::prelude::SessionContext;

/// Registers the math functions of this module under their Spark names.
/// Spark's `round(value, places)` (HALF_UP on the shortest decimal form of a double).
pub fn spark_round(value: datafusion::logical_expr::Expr, places: i32) -> datafusion::logical_expr::Expr {
    let places = datafusion::logical_expr::Expr::Literal(datafusion::common::ScalarValue::Int32(Some(places)), None);
    ScalarUDF::from(MathFunction { name: "round", signature: Signature::variadic_any(Volatility::Immutable) }).call(vec![value, places])
}

pub fn register(context: &SessionContext) {
    for name in ["ln", "log", "log10", "log2", "log1p", "round", "bround"] {
        context.register_udf(ScalarUDF::from(MathFunction { name, signature: Signature::variadic_any(Volatility::Immutable) }));
    }
    for name in ["sqrt", "csc", "sec", "e", "exp", "expm1", "cosh", "sinh", "tanh", "power"] {
        let signature = match name {
            "e" => Signature::nullary(Volatility::Immutable),
            "power" => Signature::any(2, Volatility::Immutable),
            _ => Signature::any(1, Volatility::Immutable),
        };
        context.register_udf(ScalarUDF::from(DoubleFunction { name, signature }));
    }
}

/// Spark's double functions where DataFusion has none or another rule: `sqrt` of a
/// negative number is NaN (Spark's `Sqrt` is `math.sqrt`; DataFusion raises), `csc` and
/// `sec` (Spark's `Csc`, `Sec`), Euler's number `e()` (Spark's `EulerNumber`), and the
/// functions Spark computes with Java's `StrictMath` (fdlibm, here the `libm` crate, so
/// that the last digit agrees): `exp`, `expm1`, `cosh`, `sinh`, `tanh` and `power`
/// (always a double, as Spark's `Pow`).
#[derive(Debug, PartialEq, Eq, Hash)]
struct DoubleFunction {
    name: &'static str,
    signature: Signature,
}

impl ScalarUDFImpl for DoubleFunction {
    fn name(&self) -> &str {
        self.name
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Float64)
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let Some(argument) = args.args.first() else {
            return Ok(ColumnarValue::Scalar(ScalarValue::Float64(Some(std::f64::consts::E))));
        };
        let doubles = datafusion::arrow::compute::cast(&argument.to_array(args.number_rows)?, &DataType::Float64)?;
        let doubles = doubles.as_primitive::<Float64Type>();
        if self.name == "power" {
            let Some(exponent) = args.args.get(1) else {
                return Err(DataFusionError::Plan("power takes two arguments".into()));
            };
            let exponents = datafusion::arrow::compute::cast(&exponent.to_array(args.number_rows)?, &DataType::Float64)?;
            let exponents = exponents.as_primitive::<Float64Type>();
            let result: Float64Array = doubles.iter().zip(exponents.iter()).map(|(x, y)| Some(libm::pow(x?, y?))).collect();
            return Ok(ColumnarValue::Array(Arc::new(result)));
        }
        let function: fn(f64) -> f64 = match self.name {
            "csc" => |x: f64| 1.0 / x.sin(),
            "sec" => |x: f64| 1.0 / x.cos(),
            "exp" => libm::exp,
            "expm1" => libm::expm1,
            "cosh" => libm::cosh,
            "sinh" => libm::sinh,
            "tanh" => libm::tanh,
            _ => f64::sqrt,
        };
        let result: Float64Array = doubles.iter().map(|v| v.map(function)).collect();
        Ok(ColumnarValue::Array(Arc::new(result)))
    }
}

#[derive(Debug, PartialEq, Eq, Hash)]
struct MathFunction {
    name: &'static str,
    signature: Signature,
}

/// `x` rounded HALF_UP at `digits` places, through its shortest decimal text as Spark's
/// `BigDecimal(x)` does (so 1.005 rounds to 1.01).
pub fn round_half_up(x: f64, digits: i32) -> f64 {
    if !x.is_finite() {
        return x;
    }
    let text = format!("{x}");
    let Some(unscaled) = crate::engine::local::cast::parse_decimal(&text, digits.clamp(-38, 38) as i8) else {
        return x;
    };
    let value = unscaled as f64;
    if digits >= 0 {
        format!("{value}e-{digits}").parse().unwrap_or(x)
    } else {
        value * 10f64.powi(-digits)
    }
}

/// The scale digits of the second argument (a literal in Spark), 0 when absent.
fn scale_argument(arrays: &[ArrayRef]) -> Result<i32> {
    match arrays.get(1) {
        None => Ok(0),
        Some(array) => {
            let scale = datafusion::arrow::compute::cast(array, &DataType::Int64)?;
            let scale = scale.as_primitive::<Int64Type>();
            Ok(if scale.is_empty() || scale.is_null(0) { 0 } else { scale.value(0) as i32 })
        }
    }
}

/// Spark's result type of `round(decimal(p, s), d)`.
fn decimal_round_type(precision: u8, scale: i8, digits: i32) -> (u8, i8) {
    let integral = i32::from(precision) - i32::from(scale) + 1;
    let new_scale = digits.clamp(0, i32::from(scale));
    (((integral + new_scale).min(38)) as u8, new_scale as i8)
}

impl MathFunction {
    /// `round` or `bround`.
    fn rounds(&self) -> bool {
        matches!(self.name, "round" | "bround")
    }
}

/// Whether a value cut to `quotient` with `remainder` (of a divisor `factor`) rounds away
/// from zero: at or past the half (HALF_UP), or past it, or at it with an odd quotient
/// (HALF_EVEN).
fn away_from_zero(quotient: i128, remainder: i128, factor: i128, even: bool) -> bool {
    let twice = remainder.abs().saturating_mul(2);
    if even {
        twice > factor || (twice == factor && quotient % 2 != 0)
    } else {
        twice >= factor
    }
}

impl ScalarUDFImpl for MathFunction {
    fn name(&self) -> &str {
        self.name
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, arg_types: &[DataType]) -> Result<DataType> {
        if !self.rounds() {
            return Ok(DataType::Float64);
        }
        Ok(match arg_types.first() {
            Some(DataType::Decimal128(p, s)) => {
                // The scale is only known from a literal at execution; plan with scale
                // digits 0 unless told otherwise by `return_field_from_args`.
                let (p, s) = decimal_round_type(*p, *s, 0);
                DataType::Decimal128(p, s)
            }
            Some(t) if t.is_integer() || matches!(t, DataType::Float32 | DataType::Float64) => t.clone(),
            Some(DataType::Null) | None => DataType::Float64,
            Some(_) => DataType::Float64,
        })
    }

    fn return_field_from_args(&self, args: datafusion::logical_expr::ReturnFieldArgs) -> Result<datafusion::arrow::datatypes::FieldRef> {
        let types: Vec<DataType> = args.arg_fields.iter().map(|f| f.data_type().clone()).collect();
        let mut data_type = self.return_type(&types)?;
        if let (Some(DataType::Decimal128(p, s)), Some(Some(scalar))) = (types.first(), args.scalar_arguments.get(1)) {
            let digits = scalar.cast_to(&DataType::Int64).ok().and_then(|v| if let ScalarValue::Int64(Some(v)) = v { Some(v as i32) } else { None }).unwrap_or(0);
            let (p, s) = decimal_round_type(*p, *s, digits);
            data_type = DataType::Decimal128(p, s);
        }
        Ok(Arc::new(datafusion::arrow::datatypes::Field::new(self.name, data_type, true)))
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let arrays = ColumnarValue::values_to_arrays(&args.args)?;
        let Some(first) = arrays.first() else {
            return Err(DataFusionError::Plan(format!("{} takes arguments", self.name)));
        };
        if self.rounds() {
            let digits = scale_argument(&arrays)?;
            let even = self.name == "bround";
            let round_double = |v: f64| if even { super::round_half_even(v, i64::from(digits)) } else { round_half_up(v, digits) };
            let result: ArrayRef = match first.data_type() {
                DataType::Float64 => Arc::new(first.as_primitive::<Float64Type>().iter().map(|v| v.map(round_double)).collect::<Float64Array>()),
                DataType::Float32 => {
                    let doubles = datafusion::arrow::compute::cast(first, &DataType::Float64)?;
                    Arc::new(doubles.as_primitive::<Float64Type>().iter().map(|v| v.map(|v| round_double(v) as f32)).collect::<Float32Array>())
                }
                DataType::Decimal128(_, scale) => {
                    let DataType::Decimal128(p, s) = args.return_field.data_type().clone() else {
                        return Err(DataFusionError::Internal("round of a decimal without a decimal result".into()));
                    };
                    // Digits below 0 round to tens, hundreds...: drop them, then scale back.
                    let drop = i32::from(*scale) - digits.min(i32::from(s).max(digits));
                    let factor = 10i128.pow(drop.clamp(0, 38) as u32);
                    let back = 10i128.pow((-digits).clamp(0, 38) as u32);
                    let values = first.as_primitive::<Decimal128Type>().iter().map(|v| {
                        v.map(|v| {
                            let (quotient, remainder) = (v / factor, v % factor);
                            (if factor > 1 && away_from_zero(quotient, remainder, factor, even) { quotient + v.signum() } else { quotient }) * back
                        })
                    });
                    Arc::new(values.collect::<Decimal128Array>().with_precision_and_scale(p, s)?)
                }
                t if t.is_integer() => {
                    if digits >= 0 {
                        first.clone()
                    } else {
                        let values = datafusion::arrow::compute::cast(first, &DataType::Int64)?;
                        let factor = 10i64.checked_pow((-digits) as u32).unwrap_or(i64::MAX);
                        let rounded: datafusion::arrow::array::Int64Array = values
                            .as_primitive::<Int64Type>()
                            .iter()
                            .map(|v| v.map(|v| {
                                let (q, r) = (v / factor, v % factor);
                                (if away_from_zero(i128::from(q), i128::from(r), i128::from(factor), even) { q + v.signum() } else { q }).saturating_mul(factor)
                            }))
                            .collect();
                        datafusion::arrow::compute::cast(&rounded, t)?
                    }
                }
                _ => {
                    let doubles = datafusion::arrow::compute::cast(first, &DataType::Float64)?;
                    Arc::new(doubles.as_primitive::<Float64Type>().iter().map(|v| v.map(round_double)).collect::<Float64Array>())
                }
            };
            return Ok(ColumnarValue::Array(result));
        }
        let doubles: Vec<ArrayRef> = arrays.iter().map(|a| Ok(datafusion::arrow::compute::cast(a, &DataType::Float64)?)).collect::<Result<_>>()?;
        let value = |array: &ArrayRef, row: usize| (!array.is_null(row)).then(|| array.as_primitive::<Float64Type>().value(row));
        let rows = first.len();
        let result: Float64Array = (0..rows)
            .map(|row| match (self.name, doubles.len()) {
                // NULL at or below the asymptote; NaN stays NaN (Spark compares `x <= 0`).
                ("log", 2) => {
                    let (base, x) = (value(&doubles[0], row)?, value(&doubles[1], row)?);
                    (!(base <= 0.0) && !(x <= 0.0)).then(|| libm::log(x) / libm::log(base))
                }
                ("log1p", _) => value(&doubles[0], row).filter(|x| !(*x <= -1.0)).map(libm::log1p),
                (name, _) => {
                    let x = value(&doubles[0], row).filter(|x| !(*x <= 0.0))?;
                    Some(match name {
                        "log10" => libm::log10(x),
                        // Spark's Log2 divides natural logarithms.
                        "log2" => libm::log(x) / libm::log(2.0),
                        _ => libm::log(x),
                    })
                }
            })
            .collect();
        Ok(ColumnarValue::Array(Arc::new(result)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounds_half_up_on_decimal_text() {
        assert_eq!(round_half_up(1.005, 2), 1.01);
        assert_eq!(round_half_up(2.5, 0), 3.0);
        assert_eq!(round_half_up(-2.5, 0), -3.0);
        assert_eq!(round_half_up(1234.5, -2), 1200.0);
        assert_eq!(decimal_round_type(5, 3, 2), (5, 2));
    }
}
