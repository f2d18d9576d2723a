//! Spark's interval values in expressions. Spark has three interval types, held here as:
//! - `YearMonthIntervalType(start, end)`: an Arrow `Interval(YearMonth)` (months);
//! - `DayTimeIntervalType(start, end)`: an Arrow `Duration` of microseconds;
//! - `CalendarIntervalType` (`make_interval`): an Arrow `Interval(MonthDayNano)`.
//!
//! The start and end fields of the two ANSI types go in field metadata
//! (`spark::type_text::INTERVAL_FIELDS`). This module has the SQL literal marker, Spark's
//! arithmetic of intervals (`DateAddYMInterval`, `TimeAdd`, `MultiplyYMInterval`,
//! `DivideDTInterval`, `MultiplyInterval`, ...), `make_ym_interval`, `make_interval` and
//! `try_make_interval`, and the interval's text as a string (`Cast(_, StringType)`).
use std::collections::HashMap;
use std::sync::Arc;

use datafusion::arrow::array::{Array, ArrayRef, AsArray, IntervalMonthDayNanoArray, IntervalYearMonthArray, StringArray};
use datafusion::arrow::datatypes::{DataType, DurationMicrosecondType, Field, FieldRef, Float64Type, Int64Type, IntervalMonthDayNano, IntervalMonthDayNanoType, IntervalUnit, IntervalYearMonthType, TimeUnit};
use datafusion::common::{DFSchema, ScalarValue};
use datafusion::error::{DataFusionError, Result};
use datafusion::logical_expr::planner::{ExprPlanner, PlannerResult, RawBinaryExpr};
use datafusion::logical_expr::{Cast, ColumnarValue, Expr, ExprSchemable, Operator, ReturnFieldArgs, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature, Volatility};
use datafusion::prelude::SessionContext;

use crate::engine::local::error::{EngineError, ErrorClass};
use crate::engine::local::interval_literals::{self, IntervalValue};
use crate::engine::local::naming::spark_name;
use crate::spark::type_text::INTERVAL_FIELDS;

/// The name of the marker of a SQL interval literal: `(text, from, to)`, the value and its
/// qualifier as written (`from` and `to` empty for units written in the text). It is typed
/// by the literal and replaced by its value after planning ([`literal`]).
pub const INTERVAL_LITERAL: &str = "ember_interval_literal";

/// The name of the identity that gives its argument the fields of an ANSI interval type.
pub const WITH_FIELDS: &str = "ember_interval_fields";

const MICROS_PER_DAY: i64 = 86_400_000_000;

/// Registers the SQL functions and the planner of interval arithmetic.
pub fn register(context: &SessionContext) {
    context.register_udf(ScalarUDF::from(LiteralMarker { signature: Signature::any(3, Volatility::Immutable) }));
    context.register_udf(ScalarUDF::from(MakeYmInterval { signature: Signature::variadic_any(Volatility::Immutable) }));
    context.register_udf(ScalarUDF::from(MakeInterval { tolerant: false, signature: Signature::variadic_any(Volatility::Immutable) }));
    context.register_udf(ScalarUDF::from(MakeInterval { tolerant: true, signature: Signature::variadic_any(Volatility::Immutable) }));
    use datafusion::execution::FunctionRegistry;
    // The planner only adds a rule; registering it cannot fail.
    let _ = context.state_ref().write().register_expr_planner(Arc::new(IntervalPlanner));
}

/// SQL text of the marker of an interval literal.
pub fn marker_text(text: &str, from: &str, to: &str) -> String {
    let quote = |s: &str| s.replace('\'', "''");
    format!("{INTERVAL_LITERAL}('{}', '{}', '{}')", quote(text), quote(from), quote(to))
}

/// The value of a marker's arguments.
fn marker_value(args: &[Expr]) -> Option<Result<IntervalValue, EngineError>> {
    let text = |e: &Expr| match e {
        Expr::Literal(ScalarValue::Utf8(Some(text)), _) => Some(text.clone()),
        _ => None,
    };
    let (value, from, to) = (text(args.first()?)?, text(args.get(1)?)?, text(args.get(2)?)?);
    Some(read(&value, &from, &to))
}

fn read(value: &str, from: &str, to: &str) -> Result<IntervalValue, EngineError> {
    if from.is_empty() {
        interval_literals::from_units(value)
    } else {
        interval_literals::from_qualified(value, from, (!to.is_empty()).then_some(to))
    }
}

/// The field metadata that names an ANSI interval type's fields.
pub fn metadata(fields: &str) -> HashMap<String, String> {
    [(INTERVAL_FIELDS.to_string(), fields.to_string())].into_iter().collect()
}

/// The literal a marker stands for, with its type's fields as metadata; `None` for other
/// expressions. A literal Spark rejects raises Spark's parse error.
pub fn literal(expr: &Expr) -> Result<Option<Expr>> {
    let Expr::ScalarFunction(function) = expr else { return Ok(None) };
    if function.name() != INTERVAL_LITERAL {
        return Ok(None);
    }
    match marker_value(&function.args) {
        Some(Ok(value)) => Ok(Some(Expr::Literal(value.value, Some(metadata(&value.fields).into())))),
        Some(Err(error)) => Err(DataFusionError::External(Box::new(error))),
        None => Ok(None),
    }
}

/// Spark's name of a marker or of an interval literal (`INTERVAL '1' YEAR`), `None` for other
/// expressions.
pub fn literal_name(expr: &Expr) -> Option<String> {
    match expr {
        Expr::ScalarFunction(function) if function.name() == INTERVAL_LITERAL => {
            let value = marker_value(&function.args)?.ok()?;
            crate::spark::value_text::ansi_interval_text(&value.value, Some(&value.fields))
        }
        Expr::Literal(value, metadata) => {
            let fields = metadata.as_ref().and_then(|m| m.inner().get(INTERVAL_FIELDS).cloned());
            crate::spark::value_text::ansi_interval_text(value, fields.as_deref())
        }
        _ => None,
    }
}

/// The fields of an ANSI interval column (`"year"`, `"day to second"`): its metadata's, or
/// the type's widest; `None` when the field is no ANSI interval.
pub fn fields_of(field: &Field) -> Option<String> {
    let widest = match field.data_type() {
        DataType::Interval(IntervalUnit::YearMonth) => "year to month",
        DataType::Duration(TimeUnit::Microsecond) => "day to second",
        _ => return None,
    };
    Some(field.metadata().get(INTERVAL_FIELDS).cloned().unwrap_or_else(|| widest.to_string()))
}

/// `expr` typed with the interval fields `fields`.
pub fn with_fields(expr: Expr, fields: &str) -> Expr {
    ScalarUDF::from(WithFields { signature: Signature::any(2, Volatility::Immutable) }).call(vec![expr, Expr::Literal(ScalarValue::Utf8(Some(fields.to_string())), None)])
}

/// The fields of the wider of two ANSI interval types of one kind (Spark's
/// `findWiderTypeForTwo`: the widest start, the narrowest end).
fn wider_fields(left: &str, right: &str) -> String {
    const ORDER: [&str; 6] = ["year", "month", "day", "hour", "minute", "second"];
    let ends = |fields: &str| {
        let (start, end) = fields.split_once(" to ").unwrap_or((fields, fields));
        (ORDER.iter().position(|f| *f == start).unwrap_or(0), ORDER.iter().position(|f| *f == end).unwrap_or(5))
    };
    let ((ls, le), (rs, re)) = (ends(left), ends(right));
    interval_literals::fields_text(ORDER[ls.min(rs)], ORDER[le.max(re)])
}

/// Spark's arithmetic with an interval operand, `None` when neither operand is an
/// interval (or the pair is not one Spark has):
/// - date ± `interval day` is `date_add(date, extractansiintervaldays(i))`;
/// - date ± another day-time interval is a timestamp (`TimeAdd` of the date as a timestamp);
/// - date or timestamp ± a year-month interval adds months (`DateAddYMInterval`,
///   `TimestampAddYMInterval`), ± a day-time interval adds time (`TimeAdd`);
/// - an ANSI interval ± one of its kind is of the wider type;
/// - an interval times or divided by a number (`MultiplyYMInterval`, `DivideDTInterval`,
///   `MultiplyInterval`, `DivideInterval`).
pub fn arithmetic(left: &Expr, op: Operator, right: &Expr, schema: &DFSchema) -> Result<Option<Expr>> {
    if !matches!(op, Operator::Plus | Operator::Minus | Operator::Multiply | Operator::Divide) {
        return Ok(None);
    }
    let (Ok((_, left_field)), Ok((_, right_field))) = (left.to_field(schema), right.to_field(schema)) else { return Ok(None) };
    let (left_type, right_type) = (left_field.data_type(), right_field.data_type());
    let (left_fields, right_fields) = (fields_of(&left_field), fields_of(&right_field));
    let calendar = |t: &DataType| matches!(t, DataType::Interval(IntervalUnit::MonthDayNano));
    let datetime = |t: &DataType| matches!(t, DataType::Date32 | DataType::Timestamp(..));
    let number = |t: &DataType| t.is_numeric();
    let symbol = match op {
        Operator::Plus => "+",
        Operator::Minus => "-",
        Operator::Multiply => "*",
        _ => "/",
    };
    let planned = match (op, &left_fields, &right_fields) {
        (Operator::Plus | Operator::Minus, Some(l), Some(r)) if interval_literals::is_year_month(l) == interval_literals::is_year_month(r) => {
            let call = ScalarUDF::from(AddIntervals { minus: op == Operator::Minus, signature: Signature::any(2, Volatility::Immutable) }).call(vec![left.clone(), right.clone()]);
            crate::engine::local::udfs::spark_named::spark_named(call, format!("({} {symbol} {})", spark_name(left), spark_name(right)))
        }
        (Operator::Plus | Operator::Minus, None, Some(fields)) if datetime(left_type) => datetime_plus(left, left_type, op, right, fields),
        (Operator::Plus, Some(fields), None) if datetime(right_type) => datetime_plus(right, right_type, op, left, fields),
        (Operator::Multiply | Operator::Divide, _, None) if (left_fields.is_some() || calendar(left_type)) && number(right_type) => {
            scale(left.clone(), right.clone(), op, false, format!("({} {symbol} {})", spark_name(left), spark_name(right)))
        }
        (Operator::Multiply, None, _) if (right_fields.is_some() || calendar(right_type)) && number(left_type) => {
            scale(right.clone(), left.clone(), op, false, format!("({} {symbol} {})", spark_name(left), spark_name(right)))
        }
        _ => return Ok(None),
    };
    Ok(Some(planned))
}

/// Spark's rules for an interval under a unary minus or in `try_divide`/`try_multiply`
/// (SQL planned by the engine); `None` for other expressions.
pub fn spark_rule(expr: &Expr, schema: &DFSchema) -> Option<Expr> {
    match expr {
        // The negation keeps the type's fields.
        Expr::Negative(inner) => {
            let (_, field) = inner.to_field(schema).ok()?;
            Some(with_fields(negate(inner.as_ref().clone()), &fields_of(&field)?))
        }
        Expr::ScalarFunction(function) => function_call(function.name(), &function.args, schema),
        _ => None,
    }
}

/// Spark's `abs`, `try_divide` and `try_multiply` of an interval; `None` for other calls.
pub fn function_call(name: &str, args: &[Expr], schema: &DFSchema) -> Option<Expr> {
    match (name, args) {
        ("abs", [interval]) => absolute(interval, schema),
        ("try_divide" | "try_multiply", _) => tolerant_scale(name, args, schema),
        _ => None,
    }
}

/// `-interval` (Spark's `UnaryMinus`, exact: overflow raises), named `(- x)`; the engine's
/// negation has no durations.
pub fn negate(interval: Expr) -> Expr {
    let name = format!("(- {})", spark_name(&interval));
    scale(interval, Expr::Literal(ScalarValue::Int64(Some(-1)), None), Operator::Multiply, false, name)
}

/// Spark's `abs` of an ANSI interval, of the same type; `None` for other arguments.
fn absolute(interval: &Expr, schema: &DFSchema) -> Option<Expr> {
    let (_, field) = interval.to_field(schema).ok()?;
    let fields = fields_of(&field)?;
    let zero = match field.data_type() {
        DataType::Interval(IntervalUnit::YearMonth) => ScalarValue::IntervalYearMonth(Some(0)),
        _ => ScalarValue::DurationMicrosecond(Some(0)),
    };
    let negative = interval.clone().lt(Expr::Literal(zero, None));
    let case = datafusion::logical_expr::Case::new(None, vec![(Box::new(negative), Box::new(negate(interval.clone())))], Some(Box::new(interval.clone())));
    let name = format!("abs({})", spark_name(interval));
    Some(crate::engine::local::udfs::spark_named::spark_named(with_fields(Expr::Case(case), &fields), name))
}

/// `try_multiply(i, n)` and `try_divide(i, n)` of an interval: NULL where `*` and `/` raise.
fn tolerant_scale(name: &str, args: &[Expr], schema: &DFSchema) -> Option<Expr> {
    let [left, right] = args else { return None };
    let (left_type, right_type) = (left.get_type(schema).ok()?, right.get_type(schema).ok()?);
    let interval = |t: &DataType| matches!(t, DataType::Interval(_) | DataType::Duration(TimeUnit::Microsecond));
    let op = if name == "try_divide" { Operator::Divide } else { Operator::Multiply };
    let written = format!("{name}({}, {})", spark_name(left), spark_name(right));
    match (interval(&left_type), interval(&right_type)) {
        (true, false) if right_type.is_numeric() => Some(scale(left.clone(), right.clone(), op, true, written)),
        (false, true) if left_type.is_numeric() && op == Operator::Multiply => Some(scale(right.clone(), left.clone(), op, true, written)),
        _ => None,
    }
}

fn scale(interval: Expr, number: Expr, op: Operator, tolerant: bool, name: String) -> Expr {
    let call = ScalarUDF::from(ScaleInterval { divide: op == Operator::Divide, tolerant, signature: Signature::any(2, Volatility::Immutable) }).call(vec![interval, number]);
    crate::engine::local::udfs::spark_named::spark_named(call, name)
}

/// A date or timestamp plus or minus an ANSI interval (Spark's `DateAdd` with
/// `ExtractANSIIntervalDays`, `DateAddYMInterval`, `TimestampAddYMInterval`, `TimeAdd`).
fn datetime_plus(datetime: &Expr, datetime_type: &DataType, op: Operator, interval: &Expr, fields: &str) -> Expr {
    let sign = if op == Operator::Minus { "-" } else { "+" };
    let name = format!("{} {sign} {}", spark_name(datetime), spark_name(interval));
    if interval_literals::is_year_month(fields) {
        let months = Expr::Cast(Cast::new(Box::new(interval.clone()), DataType::Interval(IntervalUnit::MonthDayNano)));
        let sum = Expr::BinaryExpr(datafusion::logical_expr::BinaryExpr::new(Box::new(datetime.clone()), op, Box::new(months)));
        return crate::engine::local::udfs::spark_named::spark_named(sum, name);
    }
    if matches!(datetime_type, DataType::Date32) && fields == "day" {
        let extracted = format!("extractansiintervaldays({})", spark_name(interval));
        let days = if op == Operator::Minus { format!("(- {extracted})") } else { extracted };
        let whole_days = ScalarUDF::from(WholeDays { signature: Signature::any(1, Volatility::Immutable) }).call(vec![interval.clone()]);
        let sum = Expr::BinaryExpr(datafusion::logical_expr::BinaryExpr::new(Box::new(datetime.clone()), op, Box::new(whole_days)));
        return crate::engine::local::udfs::spark_named::spark_named(sum, format!("date_add({}, {days})", spark_name(datetime)));
    }
    // Spark adds a day-time interval's whole days to the date in the session zone, then the
    // rest as exact time (`DateTimeUtils.timestampAddDayTime`): a day added across a
    // daylight-saving change keeps the hour, an hour is an hour. A date is its midnight
    // there.
    use datafusion::logical_expr::BinaryExpr;
    let time = Expr::Cast(Cast::new(Box::new(interval.clone()), DataType::Interval(IntervalUnit::MonthDayNano)));
    let instant = match datetime_type {
        DataType::Date32 => crate::engine::local::cast::zone_instant(Expr::Cast(Cast::new(Box::new(datetime.clone()), DataType::Timestamp(TimeUnit::Microsecond, None)))),
        DataType::Timestamp(_, Some(_)) => datetime.clone(),
        _ => {
            let sum = Expr::BinaryExpr(BinaryExpr::new(Box::new(datetime.clone()), op, Box::new(time)));
            return crate::engine::local::udfs::spark_named::spark_named(sum, name);
        }
    };
    let days = ScalarUDF::from(WholeDays { signature: Signature::any(1, Volatility::Immutable) }).call(vec![interval.clone()]);
    let local = Expr::BinaryExpr(BinaryExpr::new(Box::new(crate::engine::local::cast::local_time(instant.clone())), op, Box::new(days.clone())));
    let shifted = crate::engine::local::cast::zone_instant(local);
    let inverse = if op == Operator::Minus { Operator::Plus } else { Operator::Minus };
    let by_days = Expr::BinaryExpr(BinaryExpr::new(Box::new(Expr::BinaryExpr(BinaryExpr::new(Box::new(shifted), op, Box::new(time.clone())))), inverse, Box::new(days)));
    // Less than a day is exact time: the instant keeps its offset where the wall-clock
    // time repeats (Java's `ZonedDateTime.plusDays(0)` is the same instant).
    let day = |micros: i64| Expr::Literal(ScalarValue::DurationMicrosecond(Some(micros)), None);
    let within_a_day = interval.clone().lt(day(MICROS_PER_DAY)).and(interval.clone().gt(day(-MICROS_PER_DAY)));
    let exact = Expr::BinaryExpr(BinaryExpr::new(Box::new(instant), op, Box::new(time)));
    let sum = datafusion::logical_expr::when(within_a_day, exact).otherwise(by_days.clone()).unwrap_or(by_days);
    crate::engine::local::udfs::spark_named::spark_named(sum, name)
}

/// Plans SQL's `+`, `-`, `*` and `/` with an interval operand by Spark's rules
/// ([`arithmetic`]), before the engine's own typing would refuse them.
#[derive(Debug)]
struct IntervalPlanner;

impl ExprPlanner for IntervalPlanner {
    fn plan_binary_op(&self, expr: RawBinaryExpr, schema: &DFSchema) -> Result<PlannerResult<RawBinaryExpr>> {
        use datafusion::sql::sqlparser::ast::BinaryOperator;
        let op = match expr.op {
            BinaryOperator::Plus => Operator::Plus,
            BinaryOperator::Minus => Operator::Minus,
            BinaryOperator::Multiply => Operator::Multiply,
            BinaryOperator::Divide => Operator::Divide,
            _ => return Ok(PlannerResult::Original(expr)),
        };
        match arithmetic(&expr.left, op, &expr.right, schema)? {
            Some(planned) => Ok(PlannerResult::Planned(planned)),
            None => Ok(PlannerResult::Original(expr)),
        }
    }
}

/// Spark's `INTERVAL_DIVIDED_BY_ZERO`.
fn divided_by_zero() -> DataFusionError {
    DataFusionError::External(Box::new(EngineError::spark(
        ErrorClass::Arithmetic,
        "INTERVAL_DIVIDED_BY_ZERO",
        "Division by zero. Use `try_divide` to tolerate divisor being 0 and return NULL instead.",
        &[],
    )))
}

/// Spark's `INTERVAL_ARITHMETIC_OVERFLOW.WITHOUT_SUGGESTION`.
fn interval_overflow() -> DataFusionError {
    DataFusionError::External(Box::new(EngineError::spark(
        ErrorClass::Arithmetic,
        "INTERVAL_ARITHMETIC_OVERFLOW.WITHOUT_SUGGESTION",
        "Integer overflow while operating with intervals. Try devising appropriate values for the interval parameters.",
        &[],
    )))
}

/// `a / b` rounded half away from zero (Guava's `LongMath.divide(_, _, HALF_UP)`).
fn divide_half_up(a: i128, b: i128) -> i128 {
    let (quotient, remainder) = (a / b, a % b);
    if 2 * remainder.abs() >= b.abs() {
        quotient + if (a < 0) == (b < 0) { 1 } else { -1 }
    } else {
        quotient
    }
}

/// The SQL marker of an interval literal (see [`INTERVAL_LITERAL`]); it never runs.
#[derive(Debug, PartialEq, Eq, Hash)]
struct LiteralMarker {
    signature: Signature,
}

impl ScalarUDFImpl for LiteralMarker {
    fn name(&self) -> &str {
        INTERVAL_LITERAL
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Err(DataFusionError::Internal("an interval literal is typed by its value".into()))
    }

    fn return_field_from_args(&self, args: ReturnFieldArgs) -> Result<FieldRef> {
        let text = |index: usize| match args.scalar_arguments.get(index) {
            Some(Some(ScalarValue::Utf8(Some(text)))) => text.clone(),
            _ => String::new(),
        };
        let value = read(&text(0), &text(1), &text(2)).map_err(|e| DataFusionError::External(Box::new(e)))?;
        Ok(Arc::new(Field::new(self.name(), value.value.data_type(), false).with_metadata(metadata(&value.fields))))
    }

    fn invoke_with_args(&self, _args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        Err(DataFusionError::Internal("an interval literal is replaced by its value before it runs".into()))
    }
}

/// The identity, typed as an ANSI interval with the fields its second argument gives.
#[derive(Debug, PartialEq, Eq, Hash)]
struct WithFields {
    signature: Signature,
}

impl ScalarUDFImpl for WithFields {
    fn name(&self) -> &str {
        WITH_FIELDS
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, arg_types: &[DataType]) -> Result<DataType> {
        arg_types.first().cloned().ok_or_else(|| DataFusionError::Internal(format!("{WITH_FIELDS} takes an interval")))
    }

    fn return_field_from_args(&self, args: ReturnFieldArgs) -> Result<FieldRef> {
        let input = args.arg_fields.first().ok_or_else(|| DataFusionError::Internal(format!("{WITH_FIELDS} takes an interval")))?;
        let field = Field::new(self.name(), input.data_type().clone(), input.is_nullable());
        Ok(Arc::new(match args.scalar_arguments.get(1) {
            Some(Some(ScalarValue::Utf8(Some(fields)))) => field.with_metadata(metadata(fields)),
            _ => field,
        }))
    }

    fn invoke_with_args(&self, mut args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        args.args.truncate(1);
        args.args.pop().ok_or_else(|| DataFusionError::Internal(format!("{WITH_FIELDS} takes an interval")))
    }
}

/// Two ANSI intervals of one kind added or subtracted, of the wider of their types;
/// overflow raises `INTERVAL_ARITHMETIC_OVERFLOW` (Spark's exact arithmetic).
#[derive(Debug, PartialEq, Eq, Hash)]
struct AddIntervals {
    minus: bool,
    signature: Signature,
}

impl ScalarUDFImpl for AddIntervals {
    fn name(&self) -> &str {
        if self.minus { "ember_interval_subtract" } else { "ember_interval_add" }
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, arg_types: &[DataType]) -> Result<DataType> {
        arg_types.first().cloned().ok_or_else(|| DataFusionError::Internal("interval arithmetic takes two intervals".into()))
    }

    fn return_field_from_args(&self, args: ReturnFieldArgs) -> Result<FieldRef> {
        let [left, right] = args.arg_fields else {
            return Err(DataFusionError::Internal("interval arithmetic takes two intervals".into()));
        };
        let field = Field::new(self.name(), left.data_type().clone(), left.is_nullable() || right.is_nullable());
        Ok(Arc::new(match (fields_of(left), fields_of(right)) {
            (Some(l), Some(r)) => field.with_metadata(metadata(&wider_fields(&l, &r))),
            _ => field,
        }))
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        use datafusion::arrow::compute::kernels::numeric;
        let arrays = ColumnarValue::values_to_arrays(&args.args)?;
        let right = datafusion::arrow::compute::cast(&arrays[1], arrays[0].data_type())?;
        // Arrow's interval and duration kernels are checked.
        let result = if self.minus { numeric::sub(&arrays[0], &right) } else { numeric::add(&arrays[0], &right) };
        result.map(ColumnarValue::Array).map_err(|error| match error {
            datafusion::arrow::error::ArrowError::ArithmeticOverflow(_) => interval_overflow(),
            other => other.into(),
        })
    }
}

/// An interval times or divided by a number. Year-month and day-time intervals round the
/// result half up (Spark's `MultiplyYMInterval`, `DivideYMInterval`, `MultiplyDTInterval`,
/// `DivideDTInterval`); a calendar interval scales its months and days truncated, the
/// fraction of the days carried into the microseconds (Spark's `IntervalUtils.fromDoubles`).
/// A zero divisor raises `INTERVAL_DIVIDED_BY_ZERO` and overflow `ARITHMETIC_OVERFLOW`;
/// `tolerant` (`try_divide`, `try_multiply`) gives NULL instead.
#[derive(Debug, PartialEq, Eq, Hash)]
struct ScaleInterval {
    divide: bool,
    tolerant: bool,
    signature: Signature,
}

/// A number operand: exact integers, or a double.
enum Factor {
    Whole(i128),
    Fraction(f64),
}

impl ScaleInterval {
    /// `error`, or NULL when tolerant.
    fn failure<T>(&self, error: DataFusionError) -> Result<Option<T>> {
        if self.tolerant { Ok(None) } else { Err(error) }
    }

    /// `ARITHMETIC_OVERFLOW` of a `kind` (`integer`, `long`) result, or NULL when tolerant.
    fn overflow<T>(&self, kind: &str) -> Result<Option<T>> {
        let function = if self.divide { "try_divide" } else { "try_multiply" };
        self.failure(crate::engine::local::arithmetic::overflow(kind, function))
    }

    /// `value * factor` or `value / factor` rounded half up, as a `T` (`kind` names it in
    /// the overflow error).
    fn apply<T: TryFrom<i128>>(&self, value: i128, factor: &Factor, kind: &str) -> Result<Option<T>> {
        let result = match factor {
            Factor::Whole(0) | Factor::Fraction(0.0) if self.divide => return self.failure(divided_by_zero()),
            Factor::Whole(n) if self.divide => divide_half_up(value, *n),
            Factor::Whole(n) => value * n,
            Factor::Fraction(x) => {
                let exact = if self.divide { value as f64 / x } else { value as f64 * x };
                if !exact.is_finite() || exact.abs() > 9.3e18 {
                    return self.overflow(kind);
                }
                exact.round() as i128
            }
        };
        match T::try_from(result) {
            Ok(value) => Ok(Some(value)),
            Err(_) => self.overflow(kind),
        }
    }

    /// Every row of an ANSI interval array scaled by its row's factor.
    fn scale_all<T>(&self, interval: &ArrayRef, factor: impl Fn(usize) -> Option<Factor>, kind: &str) -> Result<ArrayRef>
    where
        T: datafusion::arrow::datatypes::ArrowPrimitiveType,
        T::Native: Into<i128> + TryFrom<i128>,
    {
        let values = interval.as_primitive::<T>();
        let mut out = Vec::with_capacity(values.len());
        for row in 0..values.len() {
            out.push(match (values.is_valid(row), factor(row)) {
                (true, Some(f)) => self.apply::<T::Native>(values.value(row).into(), &f, kind)?,
                _ => None,
            });
        }
        Ok(Arc::new(out.into_iter().collect::<datafusion::arrow::array::PrimitiveArray<T>>()))
    }

    /// A calendar interval scaled (Spark's `IntervalUtils.fromDoubles`).
    fn calendar(&self, value: IntervalMonthDayNano, factor: f64) -> Result<Option<IntervalMonthDayNano>> {
        if self.divide && factor == 0.0 {
            return self.failure(divided_by_zero());
        }
        let scaled = |x: f64| if self.divide { x / factor } else { x * factor };
        let (months, days, micros) = (scaled(f64::from(value.months)), scaled(f64::from(value.days)), scaled((value.nanoseconds / 1_000) as f64));
        let fits = |x: f64| x.is_finite() && x.trunc() >= f64::from(i32::MIN) && x.trunc() <= f64::from(i32::MAX);
        if !fits(months) || !fits(days) {
            return self.overflow("integer");
        }
        let micros = (micros + (days - days.trunc()) * MICROS_PER_DAY as f64).round();
        Ok(Some(IntervalMonthDayNano::new(months.trunc() as i32, days.trunc() as i32, (micros as i64).saturating_mul(1_000))))
    }
}

impl ScalarUDFImpl for ScaleInterval {
    fn name(&self) -> &str {
        match (self.divide, self.tolerant) {
            (true, false) => "ember_interval_divide",
            (true, true) => "try_divide",
            (false, false) => "ember_interval_multiply",
            (false, true) => "try_multiply",
        }
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, arg_types: &[DataType]) -> Result<DataType> {
        arg_types.first().cloned().ok_or_else(|| DataFusionError::Internal("interval scaling takes an interval".into()))
    }

    fn return_field_from_args(&self, args: ReturnFieldArgs) -> Result<FieldRef> {
        let nullable = self.tolerant || args.arg_fields.iter().any(|f| f.is_nullable());
        let data_type = args.arg_fields.first().map(|f| f.data_type().clone()).unwrap_or(DataType::Null);
        Ok(Arc::new(Field::new(self.name(), data_type, nullable)))
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let arrays = ColumnarValue::values_to_arrays(&args.args)?;
        let (interval, number) = (&arrays[0], &arrays[1]);
        let whole = number.data_type().is_integer();
        let number = datafusion::arrow::compute::cast(number, if whole { &DataType::Int64 } else { &DataType::Float64 })?;
        let factor = |row: usize| -> Option<Factor> {
            if number.is_null(row) {
                None
            } else if whole {
                Some(Factor::Whole(i128::from(number.as_primitive::<Int64Type>().value(row))))
            } else {
                Some(Factor::Fraction(number.as_primitive::<Float64Type>().value(row)))
            }
        };
        let rows = interval.len();
        let result: ArrayRef = match interval.data_type() {
            DataType::Interval(IntervalUnit::YearMonth) => self.scale_all::<IntervalYearMonthType>(interval, factor, "integer")?,
            DataType::Duration(TimeUnit::Microsecond) => self.scale_all::<DurationMicrosecondType>(interval, factor, "long")?,
            DataType::Interval(IntervalUnit::MonthDayNano) => {
                let values = interval.as_primitive::<IntervalMonthDayNanoType>();
                let mut out = Vec::with_capacity(rows);
                for row in 0..rows {
                    let factor = match factor(row) {
                        Some(Factor::Whole(n)) => Some(n as f64),
                        Some(Factor::Fraction(x)) => Some(x),
                        None => None,
                    };
                    out.push(match (values.is_valid(row), factor) {
                        (true, Some(f)) => self.calendar(values.value(row), f)?,
                        _ => None,
                    });
                }
                Arc::new(IntervalMonthDayNanoArray::from(out))
            }
            other => return Err(DataFusionError::Internal(format!("not an interval: {other}"))),
        };
        Ok(ColumnarValue::Array(result))
    }
}

/// The whole days of an `interval day` (Spark's `ExtractANSIIntervalDays`), as a calendar
/// interval of days that a date adds as days (Spark's `DateAdd`).
#[derive(Debug, PartialEq, Eq, Hash)]
struct WholeDays {
    signature: Signature,
}

impl ScalarUDFImpl for WholeDays {
    fn name(&self) -> &str {
        "extractansiintervaldays"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Interval(IntervalUnit::MonthDayNano))
    }

    fn return_field_from_args(&self, args: ReturnFieldArgs) -> Result<FieldRef> {
        Ok(Arc::new(Field::new(self.name(), DataType::Interval(IntervalUnit::MonthDayNano), args.arg_fields.iter().any(|f| f.is_nullable()))))
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let arrays = ColumnarValue::values_to_arrays(&args.args)?;
        let micros = arrays[0].as_primitive::<DurationMicrosecondType>();
        let days: IntervalMonthDayNanoArray = micros.iter().map(|v| v.map(|v| IntervalMonthDayNano::new(0, (v / MICROS_PER_DAY) as i32, 0))).collect();
        Ok(ColumnarValue::Array(Arc::new(days)))
    }
}

/// Part `index` of a constructor's row (a BIGINT, or a decimal as its unscaled value);
/// `None` when NULL, 0 when omitted. A part given as one value serves every row.
fn part(parts: &[ArrayRef], index: usize, row: usize) -> Option<i128> {
    let Some(array) = parts.get(index) else { return Some(0) };
    let row = if array.len() == 1 { 0 } else { row };
    if array.is_null(row) {
        return None;
    }
    Some(match array.data_type() {
        DataType::Decimal128(..) => array.as_primitive::<datafusion::arrow::datatypes::Decimal128Type>().value(row),
        _ => i128::from(array.as_primitive::<Int64Type>().value(row)),
    })
}

/// Spark's `make_ym_interval(years, months)`: an `interval year to month`; overflow raises
/// `INTERVAL_ARITHMETIC_OVERFLOW`.
#[derive(Debug, PartialEq, Eq, Hash)]
struct MakeYmInterval {
    signature: Signature,
}

impl ScalarUDFImpl for MakeYmInterval {
    fn name(&self) -> &str {
        "make_ym_interval"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Interval(IntervalUnit::YearMonth))
    }

    fn return_field_from_args(&self, args: ReturnFieldArgs) -> Result<FieldRef> {
        Ok(Arc::new(Field::new(self.name(), DataType::Interval(IntervalUnit::YearMonth), args.arg_fields.iter().any(|f| f.is_nullable()))))
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let rows = args.number_rows;
        let arrays = ColumnarValue::values_to_arrays(&args.args)?;
        let parts = arrays.iter().map(|a| datafusion::arrow::compute::cast(a, &DataType::Int64)).collect::<std::result::Result<Vec<_>, _>>()?;
        let mut out = Vec::with_capacity(rows);
        for row in 0..rows {
            out.push(match (part(&parts, 0, row), part(&parts, 1, row)) {
                (Some(years), Some(months)) => Some(i32::try_from(years * 12 + months).map_err(|_| interval_overflow())?),
                _ => None,
            });
        }
        Ok(ColumnarValue::Array(Arc::new(IntervalYearMonthArray::from(out))))
    }
}

/// Spark's `make_interval(years, months, weeks, days, hours, mins, secs)` and
/// `try_make_interval`: a calendar interval; omitted parts are 0, `secs` keeps six
/// fraction digits. Overflow raises `ARITHMETIC_OVERFLOW` (`tolerant`: NULL).
#[derive(Debug, PartialEq, Eq, Hash)]
struct MakeInterval {
    tolerant: bool,
    signature: Signature,
}

impl ScalarUDFImpl for MakeInterval {
    fn name(&self) -> &str {
        if self.tolerant { "try_make_interval" } else { "make_interval" }
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Interval(IntervalUnit::MonthDayNano))
    }

    fn return_field_from_args(&self, args: ReturnFieldArgs) -> Result<FieldRef> {
        let nullable = self.tolerant || args.arg_fields.iter().any(|f| f.is_nullable());
        Ok(Arc::new(Field::new(self.name(), DataType::Interval(IntervalUnit::MonthDayNano), nullable)))
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        if args.args.len() > 7 {
            return Err(DataFusionError::Plan(format!("{} takes at most 7 arguments", self.name())));
        }
        let rows = args.number_rows;
        let arrays = ColumnarValue::values_to_arrays(&args.args)?;
        let parts = arrays
            .iter()
            .enumerate()
            .map(|(index, a)| datafusion::arrow::compute::cast(a, &if index == 6 { DataType::Decimal128(18, 6) } else { DataType::Int64 }))
            .collect::<std::result::Result<Vec<_>, _>>()?;
        let mut out = Vec::with_capacity(rows);
        for row in 0..rows {
            let values: Option<Vec<i128>> = (0..7).map(|index| part(&parts, index, row)).collect();
            let Some(v) = values else {
                out.push(None);
                continue;
            };
            let months = i32::try_from(v[0] * 12 + v[1]).ok();
            let days = i32::try_from(v[2] * 7 + v[3]).ok();
            let micros = i64::try_from(v[4] * 3_600_000_000 + v[5] * 60_000_000 + v[6]).ok().and_then(|m| m.checked_mul(1_000));
            match (months, days, micros) {
                (Some(months), Some(days), Some(nanos)) => out.push(Some(IntervalMonthDayNano::new(months, days, nanos))),
                _ if self.tolerant => out.push(None),
                _ => return Err(crate::engine::local::arithmetic::overflow("integer", "try_make_interval")),
            }
        }
        Ok(ColumnarValue::Array(Arc::new(IntervalMonthDayNanoArray::from(out))))
    }
}

/// Spark's text of an ANSI interval as a string (`Cast(_, StringType)`): `INTERVAL '1' YEAR`,
/// read with the fields of its argument's type.
pub fn to_text(interval: Expr) -> Expr {
    ScalarUDF::from(IntervalText { signature: Signature::any(1, Volatility::Immutable) }).call(vec![interval])
}

#[derive(Debug, PartialEq, Eq, Hash)]
struct IntervalText {
    signature: Signature,
}

impl ScalarUDFImpl for IntervalText {
    fn name(&self) -> &str {
        "ember_interval_text"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Utf8)
    }

    fn return_field_from_args(&self, args: ReturnFieldArgs) -> Result<FieldRef> {
        Ok(Arc::new(Field::new(self.name(), DataType::Utf8, args.arg_fields.iter().any(|f| f.is_nullable()))))
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let arrays = ColumnarValue::values_to_arrays(&args.args)?;
        let field = args.arg_fields[0].as_ref();
        let array = &arrays[0];
        let text: StringArray = (0..array.len())
            .map(|row| (!array.is_null(row)).then(|| crate::spark::value_text::field_cell_string(field, array, row)))
            .collect();
        Ok(ColumnarValue::Array(Arc::new(text)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounding_and_widening_follow_spark() {
        assert_eq!(divide_half_up(12, 5), 2);
        assert_eq!(divide_half_up(10_800, 4), 2_700);
        assert_eq!(divide_half_up(-5, 2), -3);
        assert_eq!(divide_half_up(5, 2), 3);
        assert_eq!(wider_fields("year", "month"), "year to month");
        assert_eq!(wider_fields("day", "hour"), "day to hour");
        assert_eq!(wider_fields("hour to minute", "second"), "hour to second");
    }
}
