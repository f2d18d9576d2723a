//! Spark's ANSI arithmetic (Spark 4's default, `spark.sql.ansi.enabled=true`): integer
//! `+`, `-` and `*` in the wider of the two integer types raise `ARITHMETIC_OVERFLOW`
//! instead of wrapping (Spark's `Add`/`Subtract`/`Multiply` with `MathUtils.*Exact`), and
//! `%` by zero raises `REMAINDER_BY_ZERO` (Spark's `Remainder`); a decimal result wider
//! than its type raises `NUMERIC_VALUE_OUT_OF_RANGE` (Spark's `checkDecimalOverflow`).
use datafusion::arrow::array::{Array, ArrayRef, AsArray, Datum};
use datafusion::arrow::compute::kernels::numeric;
use datafusion::arrow::datatypes::{DataType, Float64Type, Int64Type};
use datafusion::arrow::error::ArrowError;
use datafusion::common::DFSchema;
use datafusion::error::{DataFusionError, Result};
use datafusion::logical_expr::{Cast, ColumnarValue, Expr, ExprSchemable, Operator, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature, Volatility};

use super::error::{EngineError, ErrorClass};

/// The Spark expression for `left op right` when Spark's checked rule applies (`+`, `-`,
/// `*` of two integers; `%` of two integers or floating-point numbers), else `None`.
pub fn checked_binary(left: &Expr, op: Operator, right: &Expr, schema: &DFSchema) -> Option<Expr> {
    let (left_type, right_type) = (left.get_type(schema).ok()?, right.get_type(schema).ok()?);
    let symbol = match op {
        Operator::Plus => '+',
        Operator::Minus => '-',
        Operator::Multiply => '*',
        Operator::Modulo => '%',
        _ => return None,
    };
    // Spark's ANSI coercion reads a string operand as a bigint next to an integer and as
    // a double next to a floating-point number (malformed text raises CAST_INVALID_INPUT).
    let string = |t: &DataType| matches!(t, DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View);
    let number_of_string = |t: &DataType| if t.is_integer() { Some(DataType::Int64) } else if matches!(t, DataType::Float32 | DataType::Float64) { Some(DataType::Float64) } else { None };
    let (left, left_type) = match (string(&left_type), number_of_string(&right_type)) {
        (true, Some(target)) => (super::cast::spark_cast(left.clone(), &left_type, &target, false), target),
        _ => (left.clone(), left_type),
    };
    let (right, right_type) = match (string(&right_type), number_of_string(&left_type)) {
        (true, Some(target)) => (super::cast::spark_cast(right.clone(), &right_type, &target, false), target),
        _ => (right.clone(), right_type),
    };
    let (left, right) = (&left, &right);
    let common = match (&left_type, &right_type) {
        (l, r) if l.is_integer() && r.is_integer() => wider_integer(l, r),
        (l, r) if symbol == '%' && is_floating_or_integer(l) && is_floating_or_integer(r) => {
            if matches!(l, DataType::Float32) && matches!(r, DataType::Float32 | DataType::Int8 | DataType::Int16) {
                DataType::Float32
            } else {
                DataType::Float64
            }
        }
        _ => return None,
    };
    let cast = |expr: &Expr, from: &DataType| {
        if *from == common {
            expr.clone()
        } else if let Some(value) = match expr {
            // A literal operand is widened as a value, so that names show it as written
            // (Spark's implicit casts are not named: `(c2 % 2)`).
            Expr::Literal(value, _) => value.cast_to(&common).ok(),
            _ => None,
        } {
            Expr::Literal(value, None)
        } else {
            Expr::Cast(Cast::new(Box::new(expr.clone()), common.clone()))
        }
    };
    Some(ScalarUDF::from(CheckedArithmetic::new(symbol)).call(vec![cast(left, &left_type), cast(right, &right_type)]))
}

fn is_floating_or_integer(data_type: &DataType) -> bool {
    data_type.is_integer() || matches!(data_type, DataType::Float32 | DataType::Float64)
}

fn wider_integer(left: &DataType, right: &DataType) -> DataType {
    let rank = |t: &DataType| match t {
        DataType::Int8 | DataType::UInt8 => 1,
        DataType::Int16 | DataType::UInt16 => 2,
        DataType::Int32 | DataType::UInt32 => 3,
        _ => 4,
    };
    match rank(left).max(rank(right)) {
        1 => DataType::Int8,
        2 => DataType::Int16,
        3 => DataType::Int32,
        _ => DataType::Int64,
    }
}

/// One checked operator of two operands of the same type; its name is the operator, so
/// that column names read `(a + b)`.
#[derive(Debug, PartialEq, Eq, Hash)]
struct CheckedArithmetic {
    symbol: char,
    name: String,
    signature: Signature,
}

impl CheckedArithmetic {
    fn new(symbol: char) -> Self {
        Self { symbol, name: symbol.to_string(), signature: Signature::any(2, Volatility::Immutable) }
    }

    fn overflow(&self, data_type: &DataType) -> DataFusionError {
        let function = match self.symbol {
            '+' => "try_add",
            '-' => "try_subtract",
            _ => "try_multiply",
        };
        if matches!(data_type, DataType::Int8 | DataType::Int16) {
            // Spark reports byte and short overflow with the operands (`100Y + 100Y`).
            let kind = if matches!(data_type, DataType::Int8) { "TINYINT" } else { "SMALLINT" };
            return DataFusionError::External(Box::new(EngineError::spark(
                ErrorClass::Arithmetic,
                "BINARY_ARITHMETIC_OVERFLOW",
                format!("{kind} {} {kind} caused overflow. Use '{function}' to tolerate overflow and return NULL instead. If necessary set \"spark.sql.ansi.enabled\" to \"false\" to bypass this error.", self.symbol),
                &[("operator", self.symbol.to_string()), ("functionName", format!("`{function}`")), ("config", "\"spark.sql.ansi.enabled\"".to_string())],
            )));
        }
        let kind = match data_type {
            DataType::Int8 => "tinyint",
            DataType::Int16 => "smallint",
            DataType::Int32 => "integer",
            _ => "long",
        };
        overflow(kind, function)
    }
}

/// Spark's `ARITHMETIC_OVERFLOW` of a `kind` (`integer`, `long`) operation whose
/// tolerant form is `function` (`try_add`, ...).
pub fn overflow(kind: &str, function: &str) -> DataFusionError {
    DataFusionError::External(Box::new(EngineError::spark(
        ErrorClass::Arithmetic,
        "ARITHMETIC_OVERFLOW",
        format!("{kind} overflow. Use '{function}' to tolerate overflow and return NULL instead. If necessary set \"spark.sql.ansi.enabled\" to \"false\" to bypass this error."),
        &[("message", format!("{kind} overflow")), ("alternative", format!(" Use '{function}' to tolerate overflow and return NULL instead.")), ("config", "\"spark.sql.ansi.enabled\"".to_string())],
    )))
}

/// Spark's `REMAINDER_BY_ZERO`.
fn remainder_by_zero() -> DataFusionError {
    DataFusionError::External(Box::new(EngineError::spark(
        ErrorClass::Arithmetic,
        "REMAINDER_BY_ZERO",
        "Remainder by zero. Use `try_mod` to tolerate divisor being 0 and return NULL instead. If necessary set \"spark.sql.ansi.enabled\" to \"false\" to bypass this error.",
        &[("config", "\"spark.sql.ansi.enabled\"".to_string())],
    )))
}

/// Whether a row has a non-NULL dividend and a zero divisor (rows with a NULL dividend
/// are NULL in Spark, not an error).
fn divides_by_zero(dividend: &ArrayRef, divisor: &ArrayRef) -> Result<bool> {
    let zero_at: Box<dyn Fn(usize) -> bool> = if divisor.data_type().is_integer() {
        let values = datafusion::arrow::compute::cast(divisor, &DataType::Int64)?;
        Box::new(move |row| values.as_primitive::<Int64Type>().value(row) == 0)
    } else {
        let values = datafusion::arrow::compute::cast(divisor, &DataType::Float64)?;
        Box::new(move |row| values.as_primitive::<Float64Type>().value(row) == 0.0)
    };
    Ok((0..divisor.len()).any(|row| !dividend.is_null(row) && !divisor.is_null(row) && zero_at(row)))
}

impl ScalarUDFImpl for CheckedArithmetic {
    fn name(&self) -> &str {
        &self.name
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, arg_types: &[DataType]) -> Result<DataType> {
        arg_types.first().cloned().ok_or_else(|| DataFusionError::Internal("an operator without operands".into()))
    }

    /// Spark's `Add`, `Subtract` and `Multiply` are NULL only for a NULL operand (ANSI
    /// overflow raises); `Remainder` is always nullable (`DivModLike`).
    fn return_field_from_args(&self, args: datafusion::logical_expr::ReturnFieldArgs) -> Result<datafusion::arrow::datatypes::FieldRef> {
        let types: Vec<DataType> = args.arg_fields.iter().map(|f| f.data_type().clone()).collect();
        let nullable = self.symbol == '%' || args.arg_fields.iter().any(|f| f.is_nullable());
        Ok(std::sync::Arc::new(datafusion::arrow::datatypes::Field::new(self.name(), self.return_type(&types)?, nullable)))
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        if self.symbol != '%' {
            return self.add_subtract_or_multiply(&args.args);
        }
        let arrays = ColumnarValue::values_to_arrays(&args.args)?;
        let (Some(left), Some(right)) = (arrays.first(), arrays.get(1)) else {
            return Err(DataFusionError::Internal("an operator takes two operands".into()));
        };
        if self.symbol == '%' && divides_by_zero(left, right)? {
            return Err(remainder_by_zero());
        }
        let result: std::result::Result<ArrayRef, ArrowError> = match self.symbol {
            '+' => numeric::add(left, right),
            '-' => numeric::sub(left, right),
            '*' => numeric::mul(left, right),
            _ => numeric::rem(left, right),
        };
        match result {
            Ok(array) => Ok(ColumnarValue::Array(array)),
            Err(ArrowError::ArithmeticOverflow(_)) => Err(self.overflow(left.data_type())),
            Err(ArrowError::DivideByZero) => Err(remainder_by_zero()),
            Err(other) => Err(other.into()),
        }
    }
}

impl CheckedArithmetic {
    /// `+`, `-` or `*` on arrow's checked kernels, a literal operand kept as one value
    /// (arrow's `Datum` scalar) rather than spread into an array as long as the batch.
    fn add_subtract_or_multiply(&self, args: &[ColumnarValue]) -> Result<ColumnarValue> {
        let [left, right] = args else {
            return Err(DataFusionError::Internal("an operator takes two operands".into()));
        };
        let datum = |value: &ColumnarValue| -> Result<Box<dyn Datum>> {
            Ok(match value {
                ColumnarValue::Array(array) => Box::new(array.clone()),
                ColumnarValue::Scalar(scalar) => Box::new(scalar.to_scalar()?),
            })
        };
        let (left_datum, right_datum) = (datum(left)?, datum(right)?);
        let (l, r) = (left_datum.as_ref(), right_datum.as_ref());
        let result = match (self.symbol, self.cannot_overflow(left, right)) {
            ('+', true) => numeric::add_wrapping(l, r),
            ('-', true) => numeric::sub_wrapping(l, r),
            (_, true) => numeric::mul_wrapping(l, r),
            ('+', false) => numeric::add(l, r),
            ('-', false) => numeric::sub(l, r),
            (_, false) => numeric::mul(l, r),
        };
        match result {
            Ok(array) if matches!((left, right), (ColumnarValue::Scalar(_), ColumnarValue::Scalar(_))) => {
                Ok(ColumnarValue::Scalar(datafusion::common::ScalarValue::try_from_array(&array, 0)?))
            }
            Ok(array) => Ok(ColumnarValue::Array(array)),
            Err(ArrowError::ArithmeticOverflow(_)) => Err(self.overflow(&left.data_type())),
            Err(other) => Err(other.into()),
        }
    }
}

impl CheckedArithmetic {
    /// Whether no row of integer operands `left` and `right` can overflow: the operator is
    /// monotonic in each operand (bilinear for `*`), so the results at the corners of the
    /// operands' ranges bound every result. Then the unchecked kernels, which vectorize,
    /// give the same values as the checked ones.
    fn cannot_overflow(&self, left: &ColumnarValue, right: &ColumnarValue) -> bool {
        let (Some((l_low, l_high)), Some((r_low, r_high))) = (integer_bounds(left), integer_bounds(right)) else {
            return false;
        };
        let Some((low, high)) = integer_limits(&left.data_type()) else { return false };
        let corners = match self.symbol {
            '+' => vec![l_low + r_low, l_high + r_high],
            '-' => vec![l_low - r_high, l_high - r_low],
            _ => vec![l_low * r_low, l_low * r_high, l_high * r_low, l_high * r_high],
        };
        corners.iter().all(|value| (low..=high).contains(value))
    }
}

/// Bounds on the values of an integer operand, widened: exact for a literal; for an array,
/// the power-of-two range that holds every value slot (NULL slots included, which only
/// widens it). `None` for a non-integer or NULL operand.
fn integer_bounds(value: &ColumnarValue) -> Option<(i128, i128)> {
    use datafusion::arrow::datatypes::{Int16Type, Int32Type, Int8Type};
    use datafusion::common::ScalarValue;
    match value {
        ColumnarValue::Scalar(scalar) => {
            let v = match scalar {
                ScalarValue::Int8(Some(v)) => i128::from(*v),
                ScalarValue::Int16(Some(v)) => i128::from(*v),
                ScalarValue::Int32(Some(v)) => i128::from(*v),
                ScalarValue::Int64(Some(v)) => i128::from(*v),
                _ => return None,
            };
            Some((v, v))
        }
        ColumnarValue::Array(array) => Some(match array.data_type() {
            DataType::Int8 => power_of_two_bounds(array.as_primitive::<Int8Type>().values()),
            DataType::Int16 => power_of_two_bounds(array.as_primitive::<Int16Type>().values()),
            DataType::Int32 => power_of_two_bounds(array.as_primitive::<Int32Type>().values()),
            DataType::Int64 => power_of_two_bounds(array.as_primitive::<Int64Type>().values()),
            _ => return None,
        }),
    }
}

/// `(-2^b, 2^b - 1)` for the least `b` that holds every value. One pass of shifts, xors and
/// ors, which vectorizes on any x86-64 (a min and a max need 64-bit compares, which SSE2
/// lacks): `v ^ (v >> 63)` is `v` for `v >= 0` and `-v - 1` below, so their or has no bit
/// above `b`.
fn power_of_two_bounds<T: Copy + Into<i64>>(values: &[T]) -> (i128, i128) {
    let magnitudes = values.iter().fold(0u64, |acc, &v| {
        let v: i64 = v.into();
        acc | (v ^ (v >> 63)) as u64
    });
    let bits = 64 - magnitudes.leading_zeros();
    let limit = 1i128 << bits;
    (-limit, limit - 1)
}

/// The range of a signed integer type.
fn integer_limits(data_type: &DataType) -> Option<(i128, i128)> {
    Some(match data_type {
        DataType::Int8 => (i128::from(i8::MIN), i128::from(i8::MAX)),
        DataType::Int16 => (i128::from(i16::MIN), i128::from(i16::MAX)),
        DataType::Int32 => (i128::from(i32::MIN), i128::from(i32::MAX)),
        DataType::Int64 => (i128::from(i64::MIN), i128::from(i64::MAX)),
        _ => return None,
    })
}

/// The name of Spark's decimal result check.
pub const DECIMAL_RESULT: &str = "ember_decimal_result";

/// `result` (a decimal `+`, `-`, `*` or `%`) as `decimal(precision, scale)`, raising
/// Spark's `NUMERIC_VALUE_OUT_OF_RANGE` where a value needs more digits (Spark's
/// `BinaryArithmetic.checkDecimalOverflow` under ANSI mode).
pub fn decimal_result(result: Expr, precision: u8, scale: i8) -> Expr {
    let cast = Expr::Cast(Cast::new(Box::new(result), DataType::Decimal128(precision, scale)));
    ScalarUDF::from(DecimalResult { signature: Signature::any(1, Volatility::Immutable) }).call(vec![cast])
}

#[derive(Debug, PartialEq, Eq, Hash)]
struct DecimalResult {
    signature: Signature,
}

impl ScalarUDFImpl for DecimalResult {
    fn name(&self) -> &str {
        DECIMAL_RESULT
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, arg_types: &[DataType]) -> Result<DataType> {
        arg_types.first().cloned().ok_or_else(|| DataFusionError::Internal("a decimal check without an operand".into()))
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let arrays = ColumnarValue::values_to_arrays(&args.args)?;
        let Some(values) = arrays.first() else {
            return Err(DataFusionError::Internal("a decimal check without an operand".into()));
        };
        if let DataType::Decimal128(precision, scale) = values.data_type() {
            let limit = 10i128.checked_pow(u32::from(*precision)).unwrap_or(i128::MAX);
            let decimals = values.as_primitive::<datafusion::arrow::datatypes::Decimal128Type>();
            if let Some(wide) = decimals.iter().flatten().find(|v| v.unsigned_abs() >= limit.unsigned_abs()) {
                let text = super::cast::decimal_text(wide, *scale);
                return Err(super::cast::out_of_range(&text, *precision, *scale));
            }
        }
        Ok(ColumnarValue::Array(values.clone()))
    }
}

/// Spark's `try_add`, `try_subtract` and `try_multiply` of numbers (`TryAdd`,
/// `TrySubtract`, `TryMultiply`): the operation in the wider of two integer types, NULL
/// where it overflows that type; with a floating-point operand, the double operation.
/// Other operand types (decimals, datetimes, intervals) are not supported yet.
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct TryArithmetic {
    name: &'static str,
    signature: Signature,
}

impl TryArithmetic {
    /// The function of Spark's name `name` (`try_add`, `try_subtract`, `try_multiply`).
    pub fn new(name: &'static str) -> Self {
        Self { name, signature: Signature::any(2, Volatility::Immutable) }
    }

    fn operate(&self, left: i64, right: i64) -> Option<i64> {
        match self.name {
            "try_add" => left.checked_add(right),
            "try_subtract" => left.checked_sub(right),
            _ => left.checked_mul(right),
        }
    }
}

impl ScalarUDFImpl for TryArithmetic {
    fn name(&self) -> &str {
        self.name
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, arg_types: &[DataType]) -> Result<DataType> {
        match arg_types {
            [DataType::Null, DataType::Null] => Ok(DataType::Int32),
            [l, r] if (l.is_integer() || l.is_null()) && (r.is_integer() || r.is_null()) => {
                Ok(wider_integer(if l.is_null() { r } else { l }, if r.is_null() { l } else { r }))
            }
            [l, r] if is_floating_or_integer(l) && is_floating_or_integer(r) => Ok(DataType::Float64),
            _ => Err(DataFusionError::External(Box::new(EngineError::spark(
                ErrorClass::Analysis,
                "UNSUPPORTED_FEATURE",
                format!("The feature is not supported: `{}` of {} operands is not supported by Ember yet.", self.name, arg_types.iter().map(super::types::spark_sql_type_name).collect::<Vec<_>>().join(" and ")),
                &[],
            )))),
        }
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let arrays = ColumnarValue::values_to_arrays(&args.args)?;
        let (Some(left), Some(right)) = (arrays.first(), arrays.get(1)) else {
            return Err(DataFusionError::Internal(format!("{} takes two operands", self.name)));
        };
        let result_type = args.return_field.data_type().clone();
        if result_type == DataType::Float64 {
            let (left, right) = (datafusion::arrow::compute::cast(left, &DataType::Float64)?, datafusion::arrow::compute::cast(right, &DataType::Float64)?);
            let result = match self.name {
                "try_add" => numeric::add(&left, &right)?,
                "try_subtract" => numeric::sub(&left, &right)?,
                _ => numeric::mul(&left, &right)?,
            };
            return Ok(ColumnarValue::Array(result));
        }
        let (left, right) = (datafusion::arrow::compute::cast(left, &DataType::Int64)?, datafusion::arrow::compute::cast(right, &DataType::Int64)?);
        let (left, right) = (left.as_primitive::<Int64Type>(), right.as_primitive::<Int64Type>());
        let (low, high) = match result_type {
            DataType::Int8 => (i8::MIN as i64, i8::MAX as i64),
            DataType::Int16 => (i16::MIN as i64, i16::MAX as i64),
            DataType::Int32 => (i32::MIN as i64, i32::MAX as i64),
            _ => (i64::MIN, i64::MAX),
        };
        let values: datafusion::arrow::array::Int64Array = (0..left.len())
            .map(|row| {
                if left.is_null(row) || right.is_null(row) {
                    return None;
                }
                self.operate(left.value(row), right.value(row)).filter(|v| (low..=high).contains(v))
            })
            .collect();
        let array: ArrayRef = std::sync::Arc::new(values);
        Ok(ColumnarValue::Array(datafusion::arrow::compute::cast(&array, &result_type)?))
    }
}

#[cfg(test)]
mod try_tests {
    use std::sync::Arc;

    use datafusion::arrow::array::{Int32Array, Int64Array};
    use datafusion::arrow::datatypes::Field;
    use datafusion::config::ConfigOptions;

    use super::*;

    fn run(name: &'static str, left: ArrayRef, right: ArrayRef) -> ArrayRef {
        let function = TryArithmetic::new(name);
        let types = [left.data_type().clone(), right.data_type().clone()];
        let result_type = function.return_type(&types).unwrap();
        let args = ScalarFunctionArgs {
            arg_fields: types.iter().map(|t| Arc::new(Field::new("x", t.clone(), true))).collect(),
            args: vec![ColumnarValue::Array(left), ColumnarValue::Array(right)],
            number_rows: 2,
            return_field: Arc::new(Field::new(name, result_type, true)),
            config_options: Arc::new(ConfigOptions::default()),
        };
        function.invoke_with_args(args).unwrap().into_array(2).unwrap()
    }

    #[test]
    fn overflow_is_null_in_the_result_type() {
        let sum = run("try_add", Arc::new(Int32Array::from(vec![Some(i32::MAX), Some(1)])), Arc::new(Int32Array::from(vec![Some(1), None])));
        assert_eq!(sum.as_primitive::<datafusion::arrow::datatypes::Int32Type>().iter().collect::<Vec<_>>(), vec![None, None]);
        let product = run("try_multiply", Arc::new(Int32Array::from(vec![3, i32::MAX])), Arc::new(Int64Array::from(vec![4, 2])));
        assert_eq!(product.as_primitive::<Int64Type>().iter().collect::<Vec<_>>(), vec![Some(12), Some(2 * i32::MAX as i64)]);
        let difference = run("try_subtract", Arc::new(Int64Array::from(vec![i64::MIN, 5])), Arc::new(Int32Array::from(vec![1, 7])));
        assert_eq!(difference.as_primitive::<Int64Type>().iter().collect::<Vec<_>>(), vec![None, Some(-2)]);
    }
}

#[cfg(test)]
mod bounds_tests {
    use super::power_of_two_bounds;

    #[test]
    fn bounds_hold_every_value_and_are_tight_to_a_power_of_two() {
        assert_eq!(power_of_two_bounds::<i64>(&[]), (-1, 0));
        assert_eq!(power_of_two_bounds(&[0i64, 5, -3]), (-8, 7));
        assert_eq!(power_of_two_bounds(&[-8i32]), (-8, 7));
        assert_eq!(power_of_two_bounds(&[8i16]), (-16, 15));
        assert_eq!(power_of_two_bounds(&[i64::MAX, 1]), (-(1i128 << 63), (1i128 << 63) - 1));
        assert_eq!(power_of_two_bounds(&[i64::MIN]), (-(1i128 << 63), (1i128 << 63) - 1));
        assert_eq!(power_of_two_bounds(&[i8::MIN, i8::MAX]), (-128, 127));
    }
}
