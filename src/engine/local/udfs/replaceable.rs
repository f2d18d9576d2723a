//! Spark functions defined as other expressions (Spark's `RuntimeReplaceable`): each is
//! registered under Spark's name, so SQL and the DataFrame API both find it and name the
//! column after it (`zeroifnull(x)`), and DataFusion's simplifier replaces the call by
//! its definition before the plan runs.
use datafusion::arrow::datatypes::DataType;
use datafusion::common::ScalarValue;
use datafusion::error::{DataFusionError, Result};
use datafusion::logical_expr::simplify::{ExprSimplifyResult, SimplifyContext};
use datafusion::logical_expr::{
    binary_expr, when, ColumnarValue, Expr, ExprSchemable, Operator, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature, Volatility,
};
use datafusion::prelude::SessionContext;

/// Spark's implicit cast of a string argument to a date or a timestamp
/// (`ImplicitCastInputTypes`), which column names do not show (`year(s)`).
pub const IMPLICIT_DATE: &str = "ember_implicit_date";
pub const IMPLICIT_TIMESTAMP: &str = "ember_implicit_timestamp";
/// Spark's implicit cast of a string in arithmetic (`sql::string_arithmetic`).
pub const IMPLICIT_BIGINT: &str = "ember_implicit_bigint";
pub const IMPLICIT_DOUBLE: &str = "ember_implicit_double";
/// Spark's implicit casts to the text, INT or BIGINT input of a function
/// (`registry::Implicit`): an argument of a type the cast does not apply to is left as it
/// is, so that `substring` of binary stays binary.
pub const IMPLICIT_STRING: &str = "ember_implicit_string";
pub const IMPLICIT_INT: &str = "ember_implicit_int";

/// Whether Spark reads a value of this type as text where a function takes text: the
/// atomic types other than text and binary (`ImplicitTypeCasts.implicitCast`).
pub fn reads_as_text(data_type: &DataType) -> bool {
    data_type.is_numeric() || matches!(data_type, DataType::Boolean | DataType::Date32 | DataType::Date64 | DataType::Timestamp(..))
}

/// Whether Spark reads a value of this type as an integer of the width a function takes
/// (`ImplicitTypeCasts.implicitCast`): text and every number, integers of another width
/// included (`space(id)` reads the BIGINT as an INT).
pub fn reads_as_integer(data_type: &DataType) -> bool {
    crate::engine::local::types::is_string(data_type) || data_type.is_numeric()
}

/// The type an implicit cast gives an argument of `data_type`.
fn implicit_target(name: &str, data_type: &DataType) -> Option<DataType> {
    match name {
        IMPLICIT_STRING if reads_as_text(data_type) => Some(DataType::Utf8),
        IMPLICIT_INT if reads_as_integer(data_type) && *data_type != DataType::Int32 => Some(DataType::Int32),
        IMPLICIT_BIGINT if reads_as_integer(data_type) && *data_type != DataType::Int64 => Some(DataType::Int64),
        IMPLICIT_DATE => Some(DataType::Date32),
        IMPLICIT_TIMESTAMP => Some(crate::engine::local::types::timestamp_type()),
        IMPLICIT_DOUBLE => Some(DataType::Float64),
        _ => None,
    }
}

/// How many arguments a function of this module takes.
#[derive(Clone, Copy)]
enum Arity {
    Exact(usize),
    /// Optional trailing arguments (`overlay`'s length, `sequence`'s step, `locate`'s start).
    Variadic,
}

/// (Spark name, arguments) of the functions of this module.
const FUNCTIONS: &[(&str, Arity)] = &[
    ("zeroifnull", Arity::Exact(1)),
    ("isnull", Arity::Exact(1)),
    ("isnotnull", Arity::Exact(1)),
    ("positive", Arity::Exact(1)),
    ("startswith", Arity::Exact(2)),
    ("endswith", Arity::Exact(2)),
    ("contains", Arity::Exact(2)),
    ("nullifzero", Arity::Exact(1)),
    ("equal_null", Arity::Exact(2)),
    ("nvl2", Arity::Exact(3)),
    ("sign", Arity::Exact(1)),
    ("current_database", Arity::Exact(0)),
    ("current_schema", Arity::Exact(0)),
    ("current_catalog", Arity::Exact(0)),
    ("current_timezone", Arity::Exact(0)),
    ("current_date", Arity::Exact(0)),
    ("collation", Arity::Exact(1)),
    ("current_timestamp", Arity::Exact(0)),
    ("now", Arity::Exact(0)),
    ("localtimestamp", Arity::Exact(0)),
    ("current_user", Arity::Exact(0)),
    ("user", Arity::Exact(0)),
    ("session_user", Arity::Exact(0)),
    ("overlay", Arity::Variadic),
    ("array_append", Arity::Exact(2)),
    ("array_prepend", Arity::Exact(2)),
    ("array_size", Arity::Exact(1)),
    ("date_from_unix_date", Arity::Exact(1)),
    ("timestamp_millis", Arity::Exact(1)),
    ("timestamp_micros", Arity::Exact(1)),
    ("timestamp_seconds", Arity::Exact(1)),
    ("map_contains_key", Arity::Exact(2)),
    ("sequence", Arity::Variadic),
    ("try_element_at", Arity::Exact(2)),
    ("locate", Arity::Variadic),
    ("dayname", Arity::Exact(1)),
    ("encode", Arity::Exact(2)),
    ("decode", Arity::Exact(2)),
    ("get", Arity::Exact(2)),
    ("try_mod", Arity::Exact(2)),
    ("position", Arity::Variadic),
    ("year", Arity::Exact(1)),
    ("quarter", Arity::Exact(1)),
    ("month", Arity::Exact(1)),
    ("day", Arity::Exact(1)),
    ("dayofmonth", Arity::Exact(1)),
    ("dayofweek", Arity::Exact(1)),
    ("dayofyear", Arity::Exact(1)),
    ("weekofyear", Arity::Exact(1)),
    ("hour", Arity::Exact(1)),
    ("minute", Arity::Exact(1)),
    ("second", Arity::Exact(1)),
    (IMPLICIT_DATE, Arity::Exact(1)),
    (IMPLICIT_TIMESTAMP, Arity::Exact(1)),
    (IMPLICIT_BIGINT, Arity::Exact(1)),
    (IMPLICIT_DOUBLE, Arity::Exact(1)),
    (IMPLICIT_STRING, Arity::Exact(1)),
    (IMPLICIT_INT, Arity::Exact(1)),
];

/// Registers the functions of this module.
pub fn register(context: &SessionContext) {
    for (name, arity) in FUNCTIONS {
        let signature = match arity {
            Arity::Variadic => Signature::variadic_any(Volatility::Immutable),
            Arity::Exact(0) => Signature::nullary(Volatility::Stable),
            Arity::Exact(count) => Signature::any(*count, Volatility::Immutable),
        };
        let function = ScalarUDF::from(Replaceable { name, signature });
        // Spark's `curdate` is its CurrentDate, named `current_date()`.
        let function = if *name == "current_date" { function.with_aliases(["curdate"]) } else { function };
        context.register_udf(function);
    }
}

#[derive(Debug, PartialEq, Eq, Hash)]
struct Replaceable {
    name: &'static str,
    signature: Signature,
}

/// The user Spark runs as (Spark's `Utils.getCurrentUserName`): `SPARK_USER`, else
/// Hadoop's `HADOOP_USER_NAME`, else the operating system's login name.
fn current_user() -> String {
    ["SPARK_USER", "HADOOP_USER_NAME", "USER", "LOGNAME"]
        .iter()
        .find_map(|name| std::env::var(name).ok().filter(|v| !v.is_empty()))
        .or_else(|| std::process::Command::new("id").arg("-un").output().ok().and_then(|o| String::from_utf8(o.stdout).ok()).map(|s| s.trim().to_string()))
        .unwrap_or_default()
}

fn text(value: &str) -> Expr {
    Expr::Literal(ScalarValue::Utf8(Some(value.to_string())), None)
}

/// A zero of `data_type` (an integer 0 cast to it), for `zeroifnull` and `nullifzero`.
fn zero(data_type: &DataType) -> Result<Expr> {
    Ok(Expr::Literal(ScalarValue::Int32(Some(0)).cast_to(data_type)?, None))
}

impl ScalarUDFImpl for Replaceable {
    fn name(&self) -> &str {
        self.name
    }

    /// An implicit cast is nullable as Spark's `Cast` of its argument is; the other
    /// functions are stated nullable (`null_intolerant` narrows those Spark narrows).
    fn return_field_from_args(&self, args: datafusion::logical_expr::ReturnFieldArgs) -> Result<datafusion::arrow::datatypes::FieldRef> {
        let types: Vec<DataType> = args.arg_fields.iter().map(|f| f.data_type().clone()).collect();
        let data_type = self.return_type(&types)?;
        let nullable = match (self.name, args.arg_fields) {
            (IMPLICIT_DATE | IMPLICIT_TIMESTAMP | IMPLICIT_BIGINT | IMPLICIT_DOUBLE | IMPLICIT_STRING | IMPLICIT_INT, [argument]) => {
                argument.is_nullable() || implicit_target(self.name, argument.data_type()).is_some_and(|to| crate::engine::local::cast::may_give_null(argument.data_type(), &to))
            }
            _ => true,
        };
        Ok(std::sync::Arc::new(datafusion::arrow::datatypes::Field::new(self.name, data_type, nullable)))
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, arg_types: &[DataType]) -> Result<DataType> {
        Ok(match self.name {
            "zeroifnull" | "nullifzero" | "positive" => arg_types.first().cloned().unwrap_or(DataType::Null),
            "isnull" | "isnotnull" | "startswith" | "endswith" | "contains" => DataType::Boolean,
            "equal_null" => DataType::Boolean,
            // The wider of the two results, as Spark's `If` coerces its branches.
            "nvl2" => match (arg_types.get(1), arg_types.get(2)) {
                (Some(b), Some(c)) if b.is_null() => c.clone(),
                (Some(b), Some(c)) if c.is_null() || b == c => b.clone(),
                (Some(b), Some(c)) => datafusion::logical_expr::type_coercion::binary::comparison_coercion(b, c).unwrap_or_else(|| b.clone()),
                _ => DataType::Null,
            },
            "sign" => DataType::Float64,
            "array_append" | "array_prepend" => {
                match (arg_types.first(), arg_types.get(1)) {
                    (Some(list @ DataType::List(_)), _) => list.clone(),
                    (_, Some(element)) => DataType::new_list(element.clone(), true),
                    _ => DataType::Null,
                }
            }
            "array_size" | "locate" | "position" => DataType::Int32,
            "get" => match arg_types.first() {
                Some(DataType::List(field)) => field.data_type().clone(),
                _ => DataType::Null,
            },
            "try_mod" => {
                let types: Vec<DataType> = arg_types.iter().map(|t| if t.is_null() { DataType::Int32 } else { t.clone() }).collect();
                datafusion::logical_expr::type_coercion::binary::BinaryTypeCoercer::new(&types[0], &Operator::Modulo, &types[1]).get_result_type()?
            }
            "try_element_at" => match arg_types.first() {
                Some(DataType::List(field)) => field.data_type().clone(),
                Some(DataType::Map(entries, _)) => match entries.data_type() {
                    DataType::Struct(fields) if fields.len() == 2 => fields[1].data_type().clone(),
                    other => other.clone(),
                },
                _ => DataType::Null,
            },
            "year" | "quarter" | "month" | "day" | "dayofmonth" | "dayofweek" | "dayofyear" | "weekofyear" | "hour" | "minute" | "second" => DataType::Int32,
            IMPLICIT_DATE | IMPLICIT_TIMESTAMP | IMPLICIT_BIGINT | IMPLICIT_DOUBLE | IMPLICIT_STRING | IMPLICIT_INT => {
                let given = arg_types.first().cloned().unwrap_or(DataType::Null);
                implicit_target(self.name, &given).unwrap_or(given)
            }
            "date_from_unix_date" | "current_date" => DataType::Date32,
            "current_timestamp" | "now" => crate::engine::local::types::timestamp_type(),
            "localtimestamp" => DataType::Timestamp(datafusion::arrow::datatypes::TimeUnit::Microsecond, None),
            "current_user" | "user" | "session_user" => DataType::Utf8,
            "timestamp_millis" | "timestamp_micros" | "timestamp_seconds" => crate::engine::local::types::timestamp_type(),
            "map_contains_key" => DataType::Boolean,
            "encode" => DataType::Binary,
            // Integers of the widest type of the bounds and step, as Spark coerces them.
            "sequence" => match arg_types.first() {
                Some(DataType::Date32) => DataType::new_list(DataType::Date32, true),
                Some(t) if t.is_integer() => {
                    let widest = arg_types.iter().filter(|t| t.is_integer()).max_by_key(|t| t.primitive_width().unwrap_or(8)).unwrap_or(t);
                    DataType::new_list(widest.clone(), true)
                }
                _ => DataType::new_list(DataType::Int64, true),
            },
            _ => DataType::Utf8,
        })
    }

    fn simplify(&self, args: Vec<Expr>, info: &SimplifyContext) -> Result<ExprSimplifyResult> {
        let data_type = |expr: &Expr| info.get_data_type(expr);
        // The query's start, in microseconds: Spark's one current time for the query.
        let start = info.query_execution_start_time().map(|t| t.timestamp_micros()).unwrap_or(0);
        let replaced = match (self.name, args.as_slice()) {
            // Spark's ZeroIfNull: coalesce(x, 0); NullIfZero: nullif(x, 0).
            ("zeroifnull", [x]) => datafusion::functions::core::expr_fn::coalesce(vec![x.clone(), zero(&data_type(x)?)?]),
            ("nullifzero", [x]) => datafusion::functions::core::expr_fn::nullif(x.clone(), zero(&data_type(x)?)?),
            // Spark's EqualNull: `a <=> b`.
            ("isnull", [x]) => Expr::IsNull(Box::new(x.clone())),
            ("isnotnull", [x]) => Expr::IsNotNull(Box::new(x.clone())),
            ("positive", [x]) => x.clone(),
            // Bytes are compared in hexadecimal, two digits a byte: a match inside the
            // value must start on a byte (an even digit).
            ("startswith" | "endswith" | "contains", [a, b]) if crate::engine::local::types::is_binary(&data_type(a)?) || crate::engine::local::types::is_binary(&data_type(b)?) => {
                let hex = |e: &Expr| datafusion_spark::function::math::hex().call(vec![e.clone()]);
                let (a, b) = (hex(a), hex(b));
                match self.name {
                    "startswith" => datafusion::functions::string::expr_fn::starts_with(a, b),
                    "endswith" => datafusion::functions::string::expr_fn::ends_with(a, b),
                    _ => datafusion::functions::regex::expr_fn::regexp_like(a, datafusion::functions::string::expr_fn::concat(vec![text("^(..)*?"), b]), None),
                }
            }
            ("startswith", [a, b]) => datafusion::functions::string::expr_fn::starts_with(a.clone(), b.clone()),
            ("endswith", [a, b]) => datafusion::functions::string::expr_fn::ends_with(a.clone(), b.clone()),
            ("contains", [a, b]) => datafusion::functions::string::expr_fn::contains(a.clone(), b.clone()),
            ("equal_null", [a, b]) => binary_expr(a.clone(), Operator::IsNotDistinctFrom, b.clone()),
            // Spark's Nvl2: b when a is not NULL, else c.
            ("nvl2", [a, b, c]) => {
                let result = self.return_type(&[data_type(a)?, data_type(b)?, data_type(c)?])?;
                when(Expr::IsNotNull(Box::new(a.clone())), b.clone().cast_to(&result, info.schema().as_ref())?).otherwise(c.clone().cast_to(&result, info.schema().as_ref())?)?
            }
            // Spark's `sign` is `signum` by another name, on doubles.
            ("sign", [x]) => datafusion::functions::math::expr_fn::signum(x.clone().cast_to(&DataType::Float64, info.schema().as_ref())?),
            // The session's catalog and database: Ember's one in-memory catalog.
            ("current_database" | "current_schema", []) => text("default"),
            ("current_catalog", []) => text("spark_catalog"),
            // Spark's Collation: Ember's strings are compared byte by byte, Spark's default.
            ("collation", [_]) => text("SYSTEM.BUILTIN.UTF8_BINARY"),
            // Spark's CurrentDate: the query's start in the session zone.
            ("current_date", []) => {
                let local = crate::spark::session_zone::current().to_local(start);
                Expr::Literal(ScalarValue::Date32(Some(local.div_euclid(86_400_000_000) as i32)), None)
            }
            ("current_timezone", []) => text(crate::spark::session_zone::current().id()),
            // Spark's CurrentTimestamp (also `now`): the query's start, one instant for
            // every row; LocalTimestamp: that instant as the session zone's wall-clock time.
            ("current_timestamp" | "now", []) => {
                Expr::Literal(ScalarValue::TimestampMicrosecond(Some(start), Some("UTC".into())), None)
            }
            ("localtimestamp", []) => {
                Expr::Literal(ScalarValue::TimestampMicrosecond(Some(crate::spark::session_zone::current().to_local(start)), None), None)
            }
            // Spark's CurrentUser (also `user`, `session_user`): the user Spark runs as.
            ("current_user" | "user" | "session_user", []) => text(&current_user()),
            // Spark's Overlay: a negative (or no) length replaces as many characters as
            // the replacement has.
            ("overlay", [input, replacement, position, rest @ ..]) => {
                let text = |e: &Expr| e.clone().cast_to(&DataType::Utf8, info.schema().as_ref());
                let long = |e: &Expr| e.clone().cast_to(&DataType::Int64, info.schema().as_ref());
                let own_length = long(&datafusion::functions::unicode::expr_fn::character_length(text(replacement)?))?;
                let length = match rest {
                    [length] => when(long(length)?.lt(Expr::Literal(ScalarValue::Int64(Some(0)), None)), own_length).otherwise(long(length)?)?,
                    _ => own_length,
                };
                datafusion::functions::core::expr_fn::overlay(vec![text(input)?, text(replacement)?, long(position)?, length])
            }
            // Spark's ArrayAppend and ArrayPrepend (both `(array, element)`) are NULL for a
            // NULL array.
            ("array_append" | "array_prepend", [array, element]) => {
                let result = self.return_type(&[data_type(array)?, data_type(element)?])?;
                let element_type = match &result {
                    DataType::List(field) => field.data_type().clone(),
                    other => other.clone(),
                };
                let array = array.clone().cast_to(&result, info.schema().as_ref())?;
                let element = element.clone().cast_to(&element_type, info.schema().as_ref())?;
                let call = if self.name == "array_append" {
                    datafusion::functions_nested::expr_fn::array_append(array.clone(), element)
                } else {
                    datafusion::functions_nested::expr_fn::array_prepend(element, array.clone())
                };
                when(Expr::IsNull(Box::new(array)), Expr::Literal(ScalarValue::try_from(&result)?, None)).otherwise(call)?
            }
            // Spark's date and time fields in SQL (`year(d)`, `dayofweek(d)`: Sunday is 1),
            // ints, of a date or timestamp or of text read as one (Spark's implicit cast).
            ("year" | "quarter" | "month" | "day" | "dayofmonth" | "dayofweek" | "dayofyear" | "weekofyear" | "hour" | "minute" | "second", [x]) => {
                let of_time = matches!(self.name, "hour" | "minute" | "second");
                let argument = if crate::engine::local::types::is_string(&data_type(x)?) {
                    let marker = if of_time { IMPLICIT_TIMESTAMP } else { IMPLICIT_DATE };
                    ScalarUDF::from(Replaceable { name: marker, signature: Signature::any(1, Volatility::Immutable) }).call(vec![x.clone()])
                } else {
                    x.clone()
                };
                // An instant's fields are those of its wall-clock time in the session zone.
                let argument = match info.get_data_type(&argument) {
                    Ok(DataType::Timestamp(_, Some(_))) => crate::engine::local::cast::local_time(argument),
                    _ => argument,
                };
                let part = match self.name {
                    "day" | "dayofmonth" => "day",
                    "dayofweek" => "dow",
                    "dayofyear" => "doy",
                    "weekofyear" => "week",
                    other => other,
                };
                let value = datafusion::functions::datetime::expr_fn::date_part(text(part), argument).cast_to(&DataType::Int32, info.schema().as_ref())?;
                if part == "dow" {
                    binary_expr(value, Operator::Plus, Expr::Literal(ScalarValue::Int32(Some(1)), None))
                } else {
                    value
                }
            }
            // Spark's Cast, with its rules for date and timestamp text.
            (IMPLICIT_DATE | IMPLICIT_TIMESTAMP | IMPLICIT_BIGINT | IMPLICIT_DOUBLE | IMPLICIT_STRING | IMPLICIT_INT, [x]) => {
                match implicit_target(self.name, &x.get_type(info.schema().as_ref())?) {
                    Some(target) => crate::engine::local::sql::spark_rules(Expr::Cast(datafusion::logical_expr::Cast::new(Box::new(x.clone()), target)), info.schema().as_ref())?.data,
                    None => x.clone(),
                }
            }
            // Spark's StringLocate: the 1-based position of `substr` in `str` at or after
            // character `pos`; 0 when absent or when `pos` is below 1.
            ("locate" | "position", [substr, text, rest @ ..]) => {
                let schema = info.schema().as_ref();
                let int = |v: i64| Expr::Literal(ScalarValue::Int64(Some(v)), None);
                let start = match rest {
                    [start] => start.clone().cast_to(&DataType::Int64, schema)?,
                    _ => int(1),
                };
                let text = text.clone().cast_to(&DataType::Utf8, schema)?;
                let substr = substr.clone().cast_to(&DataType::Utf8, schema)?;
                let found = datafusion::functions::unicode::expr_fn::strpos(datafusion::functions::unicode::expr_fn::substr(text.clone(), start.clone()), substr.clone())
                    .cast_to(&DataType::Int64, schema)?;
                let position = binary_expr(binary_expr(found.clone(), Operator::Plus, start.clone()), Operator::Minus, int(1));
                // NULL for a NULL text or substring even before `pos` is read; an empty
                // substring is found at 1 (Spark's UTF8String.indexOf).
                let known = Expr::IsNotNull(Box::new(text.clone())).and(Expr::IsNotNull(Box::new(substr.clone())));
                let empty = substr.clone().eq(Expr::Literal(ScalarValue::Utf8(Some(String::new())), None));
                when(start.clone().lt(int(1)).and(known.clone()), int(0))
                    .when(empty.and(known), int(1))
                    .when(found.eq(int(0)), int(0))
                    .otherwise(position)?
                    .cast_to(&DataType::Int32, schema)?
            }
            // Spark's TryElementAt: the 1-based element of an array (from the end when
            // negative) or a map's value, NULL when there is none.
            ("try_element_at", [container, key]) => match data_type(container)? {
                DataType::Map(..) => datafusion::functions_nested::expr_fn::array_element(
                    datafusion::functions_nested::expr_fn::map_extract(container.clone(), key.clone()),
                    Expr::Literal(ScalarValue::Int64(Some(1)), None),
                ),
                _ => datafusion::functions_nested::expr_fn::array_element(container.clone(), key.clone().cast_to(&DataType::Int64, info.schema().as_ref())?),
            },
            // Spark's Encode and Decode (StringDecode) in UTF-8, the engine's own text
            // encoding; other character sets are not implemented.
            ("encode" | "decode", [value, charset]) => {
                let name = match charset {
                    Expr::Literal(ScalarValue::Utf8(Some(name)) | ScalarValue::LargeUtf8(Some(name)) | ScalarValue::Utf8View(Some(name)), _) => name.to_ascii_uppercase(),
                    _ => String::new(),
                };
                if !matches!(name.as_str(), "UTF-8" | "UTF8") {
                    let feature = format!("`{}` with the character set '{name}' in Ember", self.name);
                    return Err(crate::engine::local::error::EngineError::spark(
                        crate::engine::local::error::ErrorClass::NotImplemented,
                        "NOT_IMPLEMENTED",
                        format!("{feature} is not implemented."),
                        &[("feature", feature.clone())],
                    )
                    .into());
                }
                let target = if self.name == "encode" { DataType::Binary } else { DataType::Utf8 };
                value.clone().cast_to(&target, info.schema().as_ref())?
            }
            // Spark's DayName: the English abbreviation of the day of the week (`Mon`).
            ("dayname", [d]) => datafusion::functions::datetime::expr_fn::to_char(d.clone().cast_to(&DataType::Date32, info.schema().as_ref())?, text("%a")),
            // Spark's Get: the 0-based element of an array, NULL outside it (negative too).
            ("get", [array, index]) => {
                let index = index.clone().cast_to(&DataType::Int64, info.schema().as_ref())?;
                let element = datafusion::functions_nested::expr_fn::array_element(array.clone(), binary_expr(index.clone(), Operator::Plus, Expr::Literal(ScalarValue::Int64(Some(1)), None)));
                when(index.lt(Expr::Literal(ScalarValue::Int64(Some(0)), None)), Expr::Literal(ScalarValue::try_from(&self.return_type(&[data_type(array)?])?)?, None)).otherwise(element)?
            }
            // Spark's TryMod: the remainder, NULL for a zero divisor.
            ("try_mod", [a, b]) => {
                let result = self.return_type(&[data_type(a)?, data_type(b)?])?;
                let (a, b) = (a.clone().cast_to(&result, info.schema().as_ref())?, b.clone().cast_to(&result, info.schema().as_ref())?);
                binary_expr(a, Operator::Modulo, datafusion::functions::core::expr_fn::nullif(b, zero(&result)?))
            }
            // Spark's ArraySize is size() as an INT.
            ("array_size", [x]) => super::collection::size(x.clone()),
            // Days and instants since the epoch.
            ("date_from_unix_date", [x]) => x.clone().cast_to(&DataType::Int32, info.schema().as_ref())?.cast_to(&DataType::Date32, info.schema().as_ref())?,
            ("timestamp_millis" | "timestamp_micros", [x]) => {
                let unit = if self.name == "timestamp_millis" { 1000 } else { 1 };
                let micros = binary_expr(x.clone().cast_to(&DataType::Int64, info.schema().as_ref())?, Operator::Multiply, Expr::Literal(ScalarValue::Int64(Some(unit)), None));
                micros
                    .cast_to(&DataType::Timestamp(datafusion::arrow::datatypes::TimeUnit::Microsecond, None), info.schema().as_ref())?
                    .cast_to(&crate::engine::local::types::timestamp_type(), info.schema().as_ref())?
            }
            // Spark's SecondsToTimestamp: whole seconds exactly, fractional ones through a
            // double's microseconds, truncated.
            ("timestamp_seconds", [x]) => {
                let schema = info.schema();
                let micros = match data_type(x)? {
                    DataType::Float32 | DataType::Float64 | DataType::Decimal128(..) => binary_expr(
                        x.clone().cast_to(&DataType::Float64, schema.as_ref())?,
                        Operator::Multiply,
                        Expr::Literal(ScalarValue::Float64(Some(1e6)), None),
                    )
                    .cast_to(&DataType::Int64, schema.as_ref())?,
                    _ => binary_expr(x.clone().cast_to(&DataType::Int64, schema.as_ref())?, Operator::Multiply, Expr::Literal(ScalarValue::Int64(Some(1_000_000)), None)),
                };
                micros
                    .cast_to(&DataType::Timestamp(datafusion::arrow::datatypes::TimeUnit::Microsecond, None), schema.as_ref())?
                    .cast_to(&crate::engine::local::types::timestamp_type(), schema.as_ref())?
            }
            ("map_contains_key", [map, key]) => datafusion::functions_nested::expr_fn::array_has(datafusion::functions_nested::expr_fn::map_keys(map.clone()), key.clone()),
            // Spark's Sequence: start to stop inclusive, by step (1 or -1, or a day for dates).
            ("sequence", [start, stop, rest @ ..]) => {
                let result = self.return_type(&args.iter().map(data_type).collect::<Result<Vec<_>>>()?)?;
                let element = match &result {
                    DataType::List(field) => field.data_type().clone(),
                    other => other.clone(),
                };
                let schema = info.schema().as_ref();
                if element == DataType::Date32 {
                    let mut arguments = vec![start.clone(), stop.clone().cast_to(&DataType::Date32, schema)?];
                    arguments.extend(rest.iter().cloned());
                    super::datetime::date_sequence(arguments)
                } else {
                    let (start, stop) = (start.clone().cast_to(&DataType::Int64, schema)?, stop.clone().cast_to(&DataType::Int64, schema)?);
                    let step = match rest {
                        [step] => step.clone().cast_to(&DataType::Int64, schema)?,
                        _ => when(start.clone().gt(stop.clone()), Expr::Literal(ScalarValue::Int64(Some(-1)), None)).otherwise(Expr::Literal(ScalarValue::Int64(Some(1)), None))?,
                    };
                    datafusion::functions_nested::expr_fn::gen_series(start, stop, step).cast_to(&result, schema)?
                }
            }
            _ => return Ok(ExprSimplifyResult::Original(args)),
        };
        Ok(ExprSimplifyResult::Simplified(replaced))
    }

    fn invoke_with_args(&self, _args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        Err(DataFusionError::Internal(format!("{} is replaced by its definition before it runs", self.name)))
    }
}
