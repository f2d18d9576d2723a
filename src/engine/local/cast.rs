//! Spark's `Cast` where DataFusion's differs (Spark's `Cast.scala` and `DateTimeUtils`):
//! values to text in Spark's forms, timestamps to and from seconds, strings to dates and
//! timestamps by Spark's accepted shapes, and strings and doubles to decimals by their
//! decimal text with HALF_UP rounding. Malformed input raises `CAST_INVALID_INPUT` unless
//! the cast is a `try_cast`, which gives NULL.
use std::sync::Arc;

use datafusion::arrow::array::{
    Array, ArrayRef, AsArray, Date32Array, Decimal128Array, Float64Array, Int64Array, StringArray, TimestampMicrosecondArray,
};
use datafusion::arrow::datatypes::{DataType, Float64Type, Int64Type, TimeUnit, TimestampMicrosecondType};
use datafusion::error::{DataFusionError, Result};
use datafusion::logical_expr::{Cast, ColumnarValue, Expr, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature, Volatility};

use super::error::{EngineError, ErrorClass};
use super::types::spark_sql_type_name as spark_sql_name;

/// The expression casting `expr` (of type `from`) to `to` with Spark's rules; `try_cast`
/// turns malformed input into NULL instead of an error.
pub fn spark_cast(expr: Expr, from: &DataType, to: &DataType, try_cast: bool) -> Expr {
    if from == to {
        return expr;
    }
    // Each step keeps the nullability Spark gives the whole cast (`Cast.forceNullable`).
    let forced = may_give_null(from, to);
    let call = |kind: CastKind, expr: Expr| ScalarUDF::from(SparkCast::new(kind, to.clone(), try_cast).forced_nullable(forced)).call(vec![expr]);
    let plain = |expr: Expr| {
        if try_cast {
            Expr::TryCast(datafusion::logical_expr::TryCast::new(Box::new(expr), to.clone()))
        } else if forced {
            // The engine's cast, stated nullable as Spark states it.
            call(CastKind::Plain, expr)
        } else {
            Expr::Cast(Cast::new(Box::new(expr), to.clone()))
        }
    };
    match (from, to) {
        (DataType::Date32, t) if t.is_numeric() => call(CastKind::Forbidden, expr),
        (DataType::Float32 | DataType::Float64 | DataType::Timestamp(..) | DataType::List(_) | DataType::LargeList(_) | DataType::Map(..) | DataType::Struct(_) | DataType::Binary, DataType::Utf8) => {
            call(CastKind::ToString, expr)
        }
        // An instant and a wall-clock time or a date meet in the session time zone.
        (DataType::Timestamp(_, Some(_)), DataType::Timestamp(_, None)) => call(CastKind::InstantToWall, expr),
        (DataType::Timestamp(_, Some(_)), DataType::Date32) => call(CastKind::InstantToDate, expr),
        (DataType::Timestamp(_, None) | DataType::Date32, DataType::Timestamp(_, Some(_))) => call(CastKind::WallToInstant, expr),
        (DataType::Timestamp(..), t) if t.is_integer() => plain(call(CastKind::TimestampToSeconds, expr)),
        (DataType::Timestamp(..), DataType::Float64 | DataType::Float32) => plain(call(CastKind::TimestampToSeconds, expr)),
        (f, DataType::Timestamp(..)) if f.is_numeric() => call(CastKind::SecondsToTimestamp, expr),
        (DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View, t) if t.is_integer() || matches!(t, DataType::Float32 | DataType::Float64) => {
            call(CastKind::StringToNumber, expr)
        }
        (DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View, DataType::Date32) => call(CastKind::StringToDate, expr),
        (DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View, DataType::Timestamp(..)) => call(CastKind::StringToTimestamp, expr),
        (DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View | DataType::Float64 | DataType::Float32, DataType::Decimal128(..)) => {
            call(CastKind::TextToDecimal, expr)
        }
        // Spark's decimal to boolean (whether the value is not zero) and boolean to decimal
        // (1 or 0). Arrow has neither cast; the plain step goes through DOUBLE, where no
        // value but zero becomes 0.0, and through BIGINT.
        (DataType::Decimal128(..), DataType::Boolean) | (DataType::Boolean, DataType::Decimal128(..)) if !try_cast => call(CastKind::Plain, expr),
        _ => plain(expr),
    }
}

/// The name of Spark's implicit widening of a number to a wider numeric type (a branch
/// of a CASE to the CASE's type); column names do not show it, as Spark's names do not
/// show its implicit casts.
pub const IMPLICIT_WIDEN: &str = "ember_implicit_widen";

/// `expr`, a number, widened to the numeric type `target` (Arrow's cast, which is exact
/// for the widenings Spark's `findWiderTypeForTwo` picks).
pub fn implicit_widen(expr: Expr, target: DataType) -> Expr {
    ScalarUDF::from(ImplicitWiden { signature: Signature::any(1, Volatility::Immutable), target }).call(vec![expr])
}

#[derive(Debug, PartialEq, Eq, Hash)]
struct ImplicitWiden {
    signature: Signature,
    target: DataType,
}

impl ScalarUDFImpl for ImplicitWiden {
    fn name(&self) -> &str {
        IMPLICIT_WIDEN
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(self.target.clone())
    }

    /// Nullable exactly when the number is.
    fn return_field_from_args(&self, args: datafusion::logical_expr::ReturnFieldArgs) -> Result<datafusion::arrow::datatypes::FieldRef> {
        let nullable = args.arg_fields.first().is_none_or(|f| f.is_nullable());
        Ok(Arc::new(datafusion::arrow::datatypes::Field::new(IMPLICIT_WIDEN, self.target.clone(), nullable)))
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        match &args.args[0] {
            ColumnarValue::Array(array) => Ok(ColumnarValue::Array(datafusion::arrow::compute::cast(array, &self.target)?)),
            ColumnarValue::Scalar(value) => Ok(ColumnarValue::Scalar(value.cast_to(&self.target)?)),
        }
    }
}

/// The name of the timestamp-to-seconds step of a cast.
pub const TIMESTAMP_SECONDS: &str = "ember_timestamp_seconds";
/// The name of the step that reads an instant as the session zone's wall-clock time
/// (named by its argument: it stands inside `hour(ts)`, `date_trunc(u, ts)`).
pub const LOCAL_TIME: &str = "ember_local_time";
/// The name of the step that reads a wall-clock time in the session zone as an instant.
pub const ZONE_INSTANT: &str = "ember_zone_instant";

/// An instant (TIMESTAMP) as the session zone's wall-clock time (TIMESTAMP_NTZ), for
/// DataFusion's field and truncation kernels, which read a timestamp's fields as UTC.
pub fn local_time(expr: Expr) -> Expr {
    ScalarUDF::from(SparkCast::step(CastKind::InstantToWall, DataType::Timestamp(TimeUnit::Microsecond, None), LOCAL_TIME)).call(vec![expr])
}

/// A wall-clock time (TIMESTAMP_NTZ) read in the session zone as an instant (TIMESTAMP).
pub fn zone_instant(expr: Expr) -> Expr {
    ScalarUDF::from(SparkCast::step(CastKind::WallToInstant, super::types::timestamp_type(), ZONE_INSTANT)).call(vec![expr])
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum CastKind {
    /// A cast Spark's analyzer refuses (`DATATYPE_MISMATCH.CAST_WITH_FUNC_SUGGESTION`).
    Forbidden,
    ToString,
    TimestampToSeconds,
    SecondsToTimestamp,
    StringToNumber,
    StringToDate,
    StringToTimestamp,
    TextToDecimal,
    /// TIMESTAMP to TIMESTAMP_NTZ: the wall-clock time in the session zone.
    InstantToWall,
    /// TIMESTAMP to DATE: the date in the session zone.
    InstantToDate,
    /// TIMESTAMP_NTZ or DATE (its midnight) to TIMESTAMP, read in the session zone.
    WallToInstant,
    /// The engine's own cast (Arrow's, raising on overflow).
    Plain,
}

/// One of Spark's cast rules as a DataFusion scalar function of one argument.
#[derive(Debug, PartialEq, Eq, Hash)]
struct SparkCast {
    kind: CastKind,
    to: DataType,
    try_cast: bool,
    /// Nullable whatever its input (Spark's `Cast.forceNullable` of the whole cast).
    forced: bool,
    name: String,
    signature: Signature,
}

impl SparkCast {
    fn new(kind: CastKind, to: DataType, try_cast: bool) -> Self {
        // The name carries the target type, from which `naming` writes Spark's
        // `CAST(x AS TYPE)`; the seconds step sits inside a plain cast and names nothing.
        let name = match kind {
            CastKind::TimestampToSeconds => TIMESTAMP_SECONDS.to_string(),
            _ => format!("{} AS {}", if try_cast { "TRY_CAST" } else { "CAST" }, spark_sql_name(&to)),
        };
        Self { kind, to, try_cast, forced: false, name, signature: Signature::any(1, Volatility::Immutable) }
    }

    /// This cast, nullable for any input when `forced`.
    fn forced_nullable(mut self, forced: bool) -> Self {
        self.forced = forced;
        self
    }

    /// A cast step that is not a cast the user wrote, under a fixed name.
    fn step(kind: CastKind, to: DataType, name: &str) -> Self {
        Self { kind, to, try_cast: false, forced: false, name: name.to_string(), signature: Signature::any(1, Volatility::Immutable) }
    }

    /// Every row of a string array read by `parse`: NULL stays NULL, and text `parse`
    /// rejects is NULL for `try_cast`, else `CAST_INVALID_INPUT`.
    fn parse_rows<T>(&self, input: &ArrayRef, parse: impl Fn(&str) -> Option<T>) -> Result<Vec<Option<T>>> {
        let text = datafusion::arrow::compute::cast(input, &DataType::Utf8)?;
        let text = text.as_string::<i32>();
        let mut values = Vec::with_capacity(text.len());
        for row in 0..text.len() {
            if text.is_null(row) {
                values.push(None);
                continue;
            }
            match parse(text.value(row)) {
                Some(value) => values.push(Some(value)),
                None if self.try_cast => values.push(None),
                None => return Err(self.invalid(text.value(row), "STRING")),
            }
        }
        Ok(values)
    }

    fn invalid(&self, value: &str, from: &str) -> DataFusionError {
        let class = if matches!(self.to, DataType::Date32 | DataType::Timestamp(..)) { ErrorClass::DateTime } else { ErrorClass::NumberFormat };
        invalid_input(class, value, from, &spark_sql_name(&self.to)).into()
    }
}

/// Spark's `CAST_INVALID_INPUT`: `value` of the type `from` is not text a cast to `target`
/// (Spark's type names, `STRING`, `TIMESTAMP`) can read.
pub fn invalid_input(class: ErrorClass, value: &str, from: &str, target: &str) -> EngineError {
    EngineError::spark(
        class,
        "CAST_INVALID_INPUT",
        format!("The value '{value}' of the type \"{from}\" cannot be cast to \"{target}\" because it is malformed. Correct the value as per the syntax, or change its target type. Use `try_cast` to tolerate malformed input and return NULL instead."),
        &[("expression", format!("'{value}'")), ("sourceType", format!("\"{from}\"")), ("targetType", format!("\"{target}\""))],
    )
}

/// Spark's refusal of a cast its analyzer does not allow under ANSI mode (Spark's
/// `Cast.canAnsiCast` and its `typeCheckFailureMessage`), for the cast of `child` written
/// by the user (`try_cast` refuses the same): `DATATYPE_MISMATCH.CAST_WITH_FUNC_SUGGESTION`
/// where a function converts instead, `CAST_WITH_CONF_SUGGESTION` where only a plain cast
/// in non-ANSI mode casts, and `CAST_WITHOUT_SUGGESTION` otherwise.
pub fn cast_refusal(child: &Expr, from: &DataType, to: &DataType, try_cast: bool) -> Option<EngineError> {
    use DataType::*;
    // A cast to TIME needs `spark.sql.timeType.enabled` (`udfs::time_of_day`).
    if matches!(to, Time64(_)) && !super::udfs::time_of_day::enabled() {
        return Some(super::udfs::time_of_day::unsupported());
    }
    enum Refusal {
        Function(&'static str),
        Configuration,
        Plain,
    }
    let integral = from.is_integer();
    let number = from.is_numeric();
    let wall_clock = |t: &DataType| matches!(t, Timestamp(_, None));
    let instant = |t: &DataType| matches!(t, Timestamp(_, Some(_)));
    let refusal = match (from, to) {
        (Binary | LargeBinary, t) if !matches!(t, Utf8 | LargeUtf8 | Utf8View | Binary | LargeBinary) => Refusal::Plain,
        _ if number && *to == Date32 => Refusal::Function("DATE_FROM_UNIX_DATE"),
        _ if number && wall_clock(to) => Refusal::Plain,
        _ if integral && matches!(to, Binary) => Refusal::Configuration,
        _ if number && matches!(to, Binary) => Refusal::Plain,
        (Date32, t) if t.is_numeric() => Refusal::Function("UNIX_DATE"),
        (Date32 | Timestamp(..), Boolean) => Refusal::Configuration,
        (Date32 | Timestamp(..), Binary) => Refusal::Plain,
        (Boolean, t) if instant(t) => Refusal::Configuration,
        (Boolean, Date32 | Binary) => Refusal::Plain,
        (Boolean, t) if wall_clock(t) => Refusal::Plain,
        _ => return None,
    };
    let (source, target) = (spark_sql_name(from), spark_sql_name(to));
    let refusal = match refusal {
        Refusal::Configuration if try_cast => Refusal::Plain,
        other => other,
    };
    let sql = format!("\"{}({} AS {target})\"", if try_cast { "TRY_CAST" } else { "CAST" }, super::naming::spark_name(child));
    let head = format!("Cannot resolve {sql} due to data type mismatch: cannot cast \"{source}\" to \"{target}\"");
    let mut parameters = vec![("sqlExpr", sql.clone()), ("srcType", format!("\"{source}\"")), ("targetType", format!("\"{target}\""))];
    let (condition, message) = match refusal {
        Refusal::Function(function) => {
            parameters.push(("functionNames", format!("`{function}`")));
            ("CAST_WITH_FUNC_SUGGESTION", format!("{head}.\nTo convert values from \"{source}\" to \"{target}\", you can use the functions `{function}` instead."))
        }
        Refusal::Configuration => {
            parameters.push(("config", "\"spark.sql.ansi.enabled\"".to_string()));
            parameters.push(("configVal", "'false'".to_string()));
            ("CAST_WITH_CONF_SUGGESTION", format!("{head} with ANSI mode on.\nIf you have to cast \"{source}\" to \"{target}\", you can set \"spark.sql.ansi.enabled\" as 'false'."))
        }
        Refusal::Plain => ("CAST_WITHOUT_SUGGESTION", format!("{head}.")),
    };
    Some(EngineError::analysis(&format!("DATATYPE_MISMATCH.{condition}"), message, &parameters))
}

/// Whether Spark counts a cast from `from` to `to` as able to give NULL for a non-NULL
/// value (Spark's `Cast.forceNullable`): text read as anything but text or bytes, anything
/// read as a date but a timestamp, a date read as anything but text or a (zoned)
/// timestamp, fractions read as integers or timestamps, and numbers and timestamps
/// narrowed to a decimal.
pub(crate) fn may_give_null(from: &DataType, to: &DataType) -> bool {
    let text = |t: &DataType| matches!(t, DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View);
    let fraction = |t: &DataType| matches!(t, DataType::Float32 | DataType::Float64 | DataType::Decimal128(..) | DataType::Decimal256(..));
    match (from, to) {
        (DataType::Null, _) => false,
        _ if from == to => false,
        (f, t) if text(f) => !text(t) && !matches!(t, DataType::Binary | DataType::LargeBinary),
        (_, t) if text(t) => false,
        (DataType::Timestamp(..), DataType::Date32) => false,
        (_, DataType::Date32) => true,
        (DataType::Date32, DataType::Timestamp(_, Some(_))) => false,
        (DataType::Date32, _) => true,
        (DataType::Float32 | DataType::Float64, DataType::Timestamp(..)) => true,
        (DataType::Timestamp(..), DataType::Int8 | DataType::Int16 | DataType::Int32) => true,
        (f, t) if fraction(f) && t.is_integer() => true,
        (f, DataType::Decimal128(precision, scale)) if f.is_integer() => {
            let digits = match f {
                DataType::Int8 => 3,
                DataType::Int16 => 5,
                DataType::Int32 => 10,
                _ => 20,
            };
            i16::from(*precision) - i16::from(*scale) < digits
        }
        (DataType::Decimal128(from_precision, from_scale), DataType::Decimal128(precision, scale)) => {
            i16::from(*precision) - i16::from(*scale) < i16::from(*from_precision) - i16::from(*from_scale) || scale < from_scale
        }
        (DataType::Float32 | DataType::Float64 | DataType::Timestamp(..), DataType::Decimal128(..)) => true,
        _ => false,
    }
}

impl ScalarUDFImpl for SparkCast {
    fn name(&self) -> &str {
        &self.name
    }

    /// Nullable as Spark's `Cast.nullable`: for NULL input, for `try_cast`, and for the
    /// pairs of types whose cast Spark marks as able to give NULL ([`may_give_null`]).
    fn return_field_from_args(&self, args: datafusion::logical_expr::ReturnFieldArgs) -> Result<datafusion::arrow::datatypes::FieldRef> {
        let data_type = self.return_type(&args.arg_fields.iter().map(|f| f.data_type().clone()).collect::<Vec<_>>())?;
        let from = args.arg_fields.first().map(|f| f.data_type().clone()).unwrap_or(DataType::Null);
        let nullable = self.try_cast || self.forced || args.arg_fields.iter().any(|f| f.is_nullable()) || may_give_null(&from, &data_type);
        Ok(std::sync::Arc::new(datafusion::arrow::datatypes::Field::new(self.name(), data_type, nullable)))
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(match self.kind {
            CastKind::Forbidden => self.to.clone(),
            CastKind::ToString => DataType::Utf8,
            CastKind::TimestampToSeconds if self.to.is_integer() => DataType::Int64,
            CastKind::TimestampToSeconds => DataType::Float64,
            CastKind::SecondsToTimestamp | CastKind::StringToTimestamp => match &self.to {
                DataType::Timestamp(_, zone) => DataType::Timestamp(TimeUnit::Microsecond, zone.clone()),
                other => other.clone(),
            },
            CastKind::StringToDate | CastKind::InstantToDate => DataType::Date32,
            CastKind::InstantToWall => DataType::Timestamp(TimeUnit::Microsecond, None),
            CastKind::WallToInstant => super::types::timestamp_type(),
            CastKind::StringToNumber => self.to.clone(),
            CastKind::TextToDecimal | CastKind::Plain => self.to.clone(),
        })
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let arrays = ColumnarValue::values_to_arrays(&args.args)?;
        let Some(input) = arrays.first() else {
            return Err(DataFusionError::Internal("a cast takes one argument".into()));
        };
        let rows = 0..input.len();
        let result: ArrayRef = match self.kind {
            CastKind::Forbidden => {
                let (from, to) = (spark_sql_name(input.data_type()), spark_sql_name(&self.to));
                return Err(DataFusionError::External(Box::new(EngineError::analysis(
                    "DATATYPE_MISMATCH.CAST_WITH_FUNC_SUGGESTION",
                    format!("Cannot resolve \"CAST\" due to data type mismatch: cannot cast \"{from}\" to \"{to}\". To convert values from \"{from}\" to \"{to}\", you can use the functions `UNIX_DATE` instead."),
                    &[("srcType", format!("\"{from}\"")), ("targetType", format!("\"{to}\"")), ("functionNames", "`UNIX_DATE`".to_string())],
                ))));
            }
            CastKind::Plain => {
                let options = datafusion::arrow::compute::CastOptions { safe: false, ..Default::default() };
                let input = match (input.data_type(), &self.to) {
                    (DataType::Decimal128(..), DataType::Boolean) => &datafusion::arrow::compute::cast(input, &DataType::Float64)?,
                    (DataType::Boolean, DataType::Decimal128(..)) => &datafusion::arrow::compute::cast(input, &DataType::Int64)?,
                    _ => input,
                };
                datafusion::arrow::compute::cast_with_options(input, &self.to, &options)?
            }
            CastKind::ToString => {
                // Instants are written in the session zone.
                let input = &crate::spark::session_zone::zoned_array(input);
                Arc::new(rows.map(|i| (!input.is_null(i)).then(|| crate::spark::value_text::cast_string(input, i))).collect::<StringArray>())
            }
            CastKind::InstantToWall | CastKind::InstantToDate | CastKind::WallToInstant => {
                let zone = crate::spark::session_zone::current();
                let micros = match input.data_type() {
                    DataType::Date32 => {
                        let days = input.as_primitive::<datafusion::arrow::datatypes::Date32Type>();
                        days.iter().map(|d| d.map(|d| i64::from(d) * 86_400_000_000)).collect::<Vec<_>>()
                    }
                    _ => {
                        let micros = datafusion::arrow::compute::cast(input, &DataType::Timestamp(TimeUnit::Microsecond, None))?;
                        micros.as_primitive::<TimestampMicrosecondType>().iter().collect()
                    }
                };
                match self.kind {
                    CastKind::InstantToWall => Arc::new(TimestampMicrosecondArray::from(micros.into_iter().map(|m| m.map(|m| zone.to_local(m))).collect::<Vec<_>>())),
                    CastKind::InstantToDate => Arc::new(micros.into_iter().map(|m| m.map(|m| zone.to_local(m).div_euclid(86_400_000_000) as i32)).collect::<Date32Array>()),
                    _ => timestamps(micros.into_iter().map(|m| m.map(|m| zone.to_instant(m))).collect(), &super::types::timestamp_type()),
                }
            }
            CastKind::TimestampToSeconds => {
                let micros = datafusion::arrow::compute::cast(input, &DataType::Timestamp(TimeUnit::Microsecond, None))?;
                let micros = micros.as_primitive::<TimestampMicrosecondType>();
                if self.to.is_integer() {
                    Arc::new(rows.map(|i| (!micros.is_null(i)).then(|| micros.value(i).div_euclid(1_000_000))).collect::<Int64Array>())
                } else {
                    Arc::new(rows.map(|i| (!micros.is_null(i)).then(|| micros.value(i) as f64 / 1e6)).collect::<Float64Array>())
                }
            }
            CastKind::SecondsToTimestamp => {
                let values: Vec<Option<i64>> = if input.data_type().is_integer() {
                    let seconds = datafusion::arrow::compute::cast(input, &DataType::Int64)?;
                    let seconds = seconds.as_primitive::<Int64Type>();
                    rows.map(|i| (!seconds.is_null(i)).then(|| seconds.value(i).saturating_mul(1_000_000))).collect()
                } else {
                    let seconds = datafusion::arrow::compute::cast(input, &DataType::Float64)?;
                    let seconds = seconds.as_primitive::<Float64Type>();
                    rows.map(|i| (!seconds.is_null(i) && seconds.value(i).is_finite()).then(|| (seconds.value(i) * 1e6) as i64)).collect()
                };
                timestamps(values, &self.to)
            }
            CastKind::StringToNumber if self.to.is_integer() => {
                let values = self.parse_rows(input, |text| text.trim().parse::<i64>().ok().filter(|v| fits(*v, &self.to)))?;
                datafusion::arrow::compute::cast(&Int64Array::from(values), &self.to)?
            }
            CastKind::StringToNumber => {
                let values = self.parse_rows(input, |text| parse_double(text.trim()))?;
                datafusion::arrow::compute::cast(&Float64Array::from(values), &self.to)?
            }
            CastKind::StringToDate => Arc::new(Date32Array::from(self.parse_rows(input, parse_date)?)),
            CastKind::StringToTimestamp => {
                let local = matches!(self.to, DataType::Timestamp(_, None));
                timestamps(self.parse_rows(input, |text| parse_timestamp(text, local))?, &self.to)
            }
            CastKind::TextToDecimal => {
                let DataType::Decimal128(precision, scale) = self.to else {
                    return Err(DataFusionError::Internal("a decimal cast without a decimal type".into()));
                };
                let from = spark_sql_name(input.data_type());
                let texts: Vec<Option<String>> = match input.data_type() {
                    DataType::Float64 | DataType::Float32 => {
                        let doubles = datafusion::arrow::compute::cast(input, &DataType::Float64)?;
                        let doubles = doubles.as_primitive::<Float64Type>();
                        rows.map(|i| (!doubles.is_null(i)).then(|| format!("{}", doubles.value(i)))).collect()
                    }
                    _ => {
                        let text = datafusion::arrow::compute::cast(input, &DataType::Utf8)?;
                        let text = text.as_string::<i32>();
                        rows.map(|i| (!text.is_null(i)).then(|| text.value(i).to_string())).collect()
                    }
                };
                let mut values = Vec::with_capacity(texts.len());
                for text in texts {
                    let Some(text) = text else {
                        values.push(None);
                        continue;
                    };
                    let from_text = matches!(input.data_type(), DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View);
                    match parse_decimal(&text, scale) {
                        Some(_) if from_text && integral_digits(&text) > 38 => {
                            if self.try_cast {
                                values.push(None);
                            } else {
                                return Err(unsupported_numeric(&text).into());
                            }
                        }
                        Some(unscaled) if unscaled.unsigned_abs() < 10u128.pow(u32::from(precision)) => values.push(Some(unscaled)),
                        Some(_) if self.try_cast => values.push(None),
                        Some(_) => return Err(out_of_range(&text, precision, scale)),
                        None if self.try_cast || !from_text => values.push(None),
                        None => return Err(self.invalid(&text, &from)),
                    }
                }
                Arc::new(Decimal128Array::from(values).with_precision_and_scale(precision, scale)?)
            }
        };
        Ok(ColumnarValue::Array(result))
    }
}

/// Whether an integer fits the integer type `to`.
fn fits(value: i64, to: &DataType) -> bool {
    match to {
        DataType::Int8 => i8::try_from(value).is_ok(),
        DataType::Int16 => i16::try_from(value).is_ok(),
        DataType::Int32 => i32::try_from(value).is_ok(),
        _ => true,
    }
}

/// A double from text as Spark's cast reads it (Java's `Double.parseDouble` with the
/// `d`/`f` suffixes, and the special words).
fn parse_double(text: &str) -> Option<f64> {
    // Spark's `processFloatingPointSpecialLiterals`: inf, infinity and nan in any case.
    match text.to_ascii_lowercase().as_str() {
        "nan" => return Some(f64::NAN),
        "inf" | "+inf" | "infinity" | "+infinity" => return Some(f64::INFINITY),
        "-inf" | "-infinity" => return Some(f64::NEG_INFINITY),
        _ => {}
    }
    let text = text.strip_suffix(['d', 'D', 'f', 'F']).unwrap_or(text);
    match text {
        other if other.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '+' | '-')) => other.parse().ok(),
        _ => None,
    }
}

fn timestamps(values: Vec<Option<i64>>, to: &DataType) -> ArrayRef {
    let array = TimestampMicrosecondArray::from(values);
    match to {
        DataType::Timestamp(_, Some(zone)) => Arc::new(array.with_timezone(zone.clone())),
        _ => Arc::new(array),
    }
}

/// The text of an unscaled decimal value (`-1234` at scale 2 is `-12.34`).
pub fn decimal_text(unscaled: impl std::fmt::Display, scale: i8) -> String {
    let digits = unscaled.to_string();
    let (sign, digits) = digits.strip_prefix('-').map_or(("", digits.as_str()), |d| ("-", d));
    let scale = scale.max(0) as usize;
    let padded = format!("{digits:0>width$}", width = scale + 1);
    let (whole, fraction) = padded.split_at(padded.len() - scale);
    if scale == 0 {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}.{fraction}")
    }
}

/// Spark's `NUMERIC_VALUE_OUT_OF_RANGE` for a value too wide for its decimal type.
pub fn out_of_range(text: &str, precision: u8, scale: i8) -> DataFusionError {
    out_of_range_error(text, precision, scale).into()
}

/// [`out_of_range`] as the engine's error.
pub fn out_of_range_error(text: &str, precision: u8, scale: i8) -> EngineError {
    EngineError::spark(
        ErrorClass::Arithmetic,
        "NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION",
        format!("{text} cannot be represented as Decimal({precision}, {scale}). If necessary set \"spark.sql.ansi.enabled\" to \"false\" to bypass this error, and return NULL instead."),
        &[("value", text.to_string()), ("precision", precision.to_string()), ("scale", scale.to_string()), ("config", "\"spark.sql.ansi.enabled\"".to_string())],
    )
}

/// Spark's `NUMERIC_OUT_OF_SUPPORTED_RANGE`: decimal text whose integral part has more
/// digits than any decimal type holds (Spark's `Decimal.fromStringANSI`).
fn unsupported_numeric(text: &str) -> EngineError {
    EngineError::spark(
        ErrorClass::Arithmetic,
        "NUMERIC_OUT_OF_SUPPORTED_RANGE",
        format!("The value {text} cannot be interpreted as a numeric since it has more than 38 digits."),
        &[("value", text.to_string())],
    )
}

/// The number of digits of the integral part of decimal text that [`parse_decimal`]
/// reads, as Java's `BigDecimal.precision() - scale()`: 3 for `123.45`, 41 for `1e40`,
/// 0 for `0.5` and for zero.
fn integral_digits(text: &str) -> i64 {
    let text = text.trim().trim_start_matches(['-', '+']);
    let (mantissa, exponent) = match text.find(['e', 'E']) {
        Some(at) => (&text[..at], text[at + 1..].parse::<i64>().unwrap_or(0)),
        None => (text, 0),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let whole = whole.trim_start_matches('0');
    if !whole.is_empty() {
        return whole.len() as i64 + exponent;
    }
    match fraction.find(|c: char| c != '0') {
        Some(zeros) => exponent - zeros as i64,
        None => 0,
    }
}

/// The unscaled value of decimal text (`-12.5`, `1e3`, ` 7 `) at `scale`, rounded HALF_UP
/// as Java's `BigDecimal.setScale`; `None` when the text is not a number.
pub fn parse_decimal(text: &str, scale: i8) -> Option<i128> {
    let text = text.trim();
    let (negative, rest) = match text.as_bytes().first()? {
        b'-' => (true, &text[1..]),
        b'+' => (false, &text[1..]),
        _ => (false, text),
    };
    let (mantissa, exponent) = match rest.find(['e', 'E']) {
        Some(at) => (&rest[..at], rest[at + 1..].parse::<i32>().ok()?),
        None => (rest, 0),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    if (whole.is_empty() && fraction.is_empty()) || !whole.bytes().chain(fraction.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    // digits × 10^(exponent - fraction digits), brought to `scale` fraction digits.
    let digits: String = format!("{whole}{fraction}");
    let digits = digits.trim_start_matches('0');
    let shift = i64::from(exponent) - fraction.len() as i64 + i64::from(scale);
    let mut value: i128 = 0;
    if shift < 0 && shift.unsigned_abs() > digits.len() as u64 {
        // Every digit falls below the last kept place, and so does the rounding digit:
        // 5E-324 at two places is 0.00.
        return Some(0);
    }
    let kept = if shift >= 0 { digits.len() } else { digits.len() - shift.unsigned_abs() as usize };
    // A number too large for 128 bits is still a number: the largest magnitude stands for
    // it, which no decimal precision holds (`NUMERIC_VALUE_OUT_OF_RANGE`, not malformed).
    let huge = Some(if negative { -i128::MAX } else { i128::MAX });
    for digit in digits.bytes().take(kept) {
        match value.checked_mul(10).and_then(|v| v.checked_add(i128::from(digit - b'0'))) {
            Some(v) => value = v,
            None => return huge,
        }
    }
    if shift > 0 && value != 0 {
        match u32::try_from(shift).ok().and_then(|s| 10i128.checked_pow(s)).and_then(|f| value.checked_mul(f)) {
            Some(v) => value = v,
            None => return huge,
        }
    } else if shift < 0 && kept < digits.len() && digits.as_bytes()[kept] >= b'5' {
        value = value.checked_add(1)?;
    }
    Some(if negative { -value } else { value })
}

/// Days since the epoch of a date string in one of Spark's accepted shapes (`yyyy`,
/// `yyyy-[m]m`, `yyyy-[m]m-[d]d`, optionally followed by ` ` or `T` and anything).
pub fn parse_date(text: &str) -> Option<i32> {
    let text = text.trim();
    let (date_part, _) = match text.find([' ', 'T']) {
        Some(at) => text.split_at(at),
        None => (text, ""),
    };
    let mut fields = date_part.splitn(3, '-');
    let year = fields.next()?;
    if !(4..=7).contains(&year.len()) || !year.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let number = |field: Option<&str>| -> Option<u32> {
        match field {
            None => Some(1),
            Some(f) if (1..=2).contains(&f.len()) && f.bytes().all(|b| b.is_ascii_digit()) => f.parse().ok(),
            Some(_) => None,
        }
    };
    let (month, day) = (number(fields.next())?, number(fields.next())?);
    let date = chrono::NaiveDate::from_ymd_opt(year.parse().ok()?, month, day)?;
    let epoch = chrono::NaiveDate::from_ymd_opt(1970, 1, 1)?;
    i32::try_from((date - epoch).num_days()).ok()
}

/// Microseconds since the epoch (UTC) of a timestamp string in Spark's accepted shapes:
/// a date as in [`parse_date`], then ` ` or `T`, `[h]h:[m]m[:[s]s[.fraction]]`, then an
/// optional zone (`Z`, `UTC`, `+hh:mm`, `-hhmm`, `GMT+1`, a region id). Text without a
/// zone is a wall-clock time in the session zone. `local` ignores the zone and gives the
/// wall-clock time (TIMESTAMP_NTZ).
pub fn parse_timestamp(text: &str, local: bool) -> Option<i64> {
    let (wall, zone) = parse_wall_time(text)?;
    if local {
        return Some(wall);
    }
    match zone {
        None => Some(crate::spark::session_zone::current().to_instant(wall)),
        Some(zone) => Some(crate::spark::session_zone::instant_micros(&crate::spark::session_zone::parse(zone)?, wall)),
    }
}

/// The wall-clock microseconds of a timestamp string and its zone text, if it has one.
fn parse_wall_time(text: &str) -> Option<(i64, Option<&str>)> {
    let text = text.trim();
    let Some(at) = text.find([' ', 'T']) else {
        return Some((i64::from(parse_date(text)?) * 86_400_000_000, None));
    };
    let days = i64::from(parse_date(&text[..at])?);
    let rest = text[at + 1..].trim_start();
    if rest.is_empty() {
        return Some((days * 86_400_000_000, None));
    }
    let zone_at = rest.find(|c: char| !(c.is_ascii_digit() || c == ':' || c == '.')).unwrap_or(rest.len());
    let (time, zone) = (rest[..zone_at].trim_end(), rest[zone_at..].trim());
    let mut fields = time.splitn(3, ':');
    let two = |f: &str| -> Option<i64> { ((1..=2).contains(&f.len()) && f.bytes().all(|b| b.is_ascii_digit())).then(|| f.parse().ok()).flatten() };
    let hour = two(fields.next()?)?;
    let minute = two(fields.next()?)?;
    let (second, micros) = match fields.next() {
        None => (0, 0),
        Some(field) => {
            let (whole, fraction) = field.split_once('.').unwrap_or((field, ""));
            if !fraction.bytes().all(|b| b.is_ascii_digit()) || fraction.len() > 9 {
                return None;
            }
            let padded = format!("{:0<6}", &fraction[..fraction.len().min(6)]);
            (two(whole)?, padded.parse::<i64>().ok()?)
        }
    };
    if hour > 23 || minute > 59 || second > 59 {
        return None;
    }
    let wall = ((days * 24 + hour) * 60 + minute) * 60_000_000 + second * 1_000_000 + micros;
    Some((wall, (!zone.is_empty()).then_some(zone)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integral_digits_are_javas_precision_less_scale() {
        for (text, digits) in [("123.45", 3), ("1e40", 41), (" -1111111111111111111111111111111111111111 ", 40), ("0.5", 0), ("0.05e3", 2), ("0.001", -2), ("000", 0), ("1E-50", -49)] {
            assert_eq!(integral_digits(text), digits, "{text}");
        }
    }

    #[test]
    fn decimals_parse_with_exponents_and_round_half_up() {
        assert_eq!(parse_decimal("1e3", 2), Some(100_000));
        assert_eq!(parse_decimal("1.005", 2), Some(101));
        assert_eq!(parse_decimal("-1.005", 2), Some(-101));
        assert_eq!(parse_decimal(" 12.344 ", 2), Some(1234));
        assert_eq!(parse_decimal("abc", 2), None);
        assert_eq!(parse_decimal("1.5E-1", 1), Some(2));
        // The rounding digit lies above every digit of the text: nothing rounds up.
        assert_eq!(parse_decimal("5e-324", 2), Some(0));
        assert_eq!(parse_decimal("0.0000007", 2), Some(0));
        assert_eq!(parse_decimal("0.005", 2), Some(1));
        assert_eq!(parse_decimal("0.0049", 2), Some(0));
        // Too large for 128 bits: a number still, of the largest magnitude.
        assert_eq!(parse_decimal("-1e308", 2), Some(-i128::MAX));
        assert_eq!(parse_decimal("0e400", 2), Some(0));
    }

    #[test]
    fn dates_take_spark_shapes() {
        assert_eq!(parse_date("1970-01-02"), Some(1));
        assert_eq!(parse_date("1970"), Some(0));
        assert_eq!(parse_date("1970-2"), Some(31));
        assert_eq!(parse_date("19700101"), None);
        assert_eq!(parse_date("1970-01-01 12:00:00"), Some(0));
    }

    #[test]
    fn timestamps_take_spark_shapes_and_zones() {
        assert_eq!(parse_timestamp("1970-01-01 00:00:01", false), Some(1_000_000));
        assert_eq!(parse_timestamp("1970-01-01T00:00:01.5Z", false), Some(1_500_000));
        assert_eq!(parse_timestamp("1970-01-01 01:00:00+01:00", false), Some(0));
        assert_eq!(parse_timestamp("1970-01-02", false), Some(86_400_000_000));
        assert_eq!(parse_timestamp("nope", false), None);
    }
}
