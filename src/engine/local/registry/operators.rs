//! Spark's operators as functions (`+`, `==`, `and`, `between`, `like`, `getField`, ...):
//! the DataFrame API sends a column operator as a call by its symbol.
use datafusion::arrow::datatypes::DataType;
use datafusion::logical_expr::expr::InList;
use datafusion::logical_expr::{binary_expr, Between, Expr, Operator};

use super::{function, Call, Function};
use crate::engine::local::error::{EngineError, Result};

pub const FUNCTIONS: &[Function] = &[
    function(&["+"]).build(plus),
    function(&["-"]).build(minus),
    function(&["*"]).build(multiply),
    function(&["/"]).build(divide),
    function(&["%", "mod"]).build(modulo),
    function(&["==", "="]).build(equal),
    function(&["!=", "<>"]).build(not_equal),
    function(&["<"]).build(less),
    function(&["<="]).build(less_or_equal),
    function(&[">"]).build(greater),
    function(&[">="]).build(greater_or_equal),
    function(&["<=>", "eqnullsafe"]).build(null_safe_equal),
    function(&["and"]).build(and),
    function(&["or"]).build(or),
    function(&["&", "bitwiseand"]).build(bitwise_and),
    function(&["|", "bitwiseor"]).build(bitwise_or),
    function(&["^", "bitwisexor"]).build(bitwise_xor),
    function(&["bitwise_not"]).display("~{}"),
    function(&["not", "!"]).build(not),
    function(&["negative"]).build(negative).display("negative({})"),
    function(&["negate"]).build(negative),
    function(&["positive"]).build(positive).display("(+ {})"),
    function(&["isnull"]).build(is_null),
    function(&["isnotnull"]).build(is_not_null),
    function(&["in", "isin"]).build(is_in),
    function(&["between"]).arity(3).build(between),
    function(&["like"]).build(like),
    function(&["ilike"]).build(ilike),
    function(&["rlike"]).build(rlike).display("RLIKE({})"),
    function(&["regexp"]).build(rlike).display("REGEXP({})"),
    function(&["regexp_like"]).build(rlike).display("REGEXP_LIKE({})"),
    function(&["get_field"]).build(get_field),
];

/// `+`, `-`, `*`, `/` and `%` with Spark's rules: decimal result types, datetime arithmetic
/// and ANSI checks (the same rewrite as SQL's, `sql::spark_rules`).
fn arithmetic(call: Call, op: Operator) -> Result<Expr> {
    let schema = call.schema;
    let expr = binary(call, op)?;
    Ok(crate::engine::local::sql::spark_rules(expr, schema)?.data)
}

/// A comparison, with floating-point operands compared as Spark compares them
/// (`sql::spark_comparison`).
fn comparison(call: Call, op: Operator) -> Result<Expr> {
    let schema = call.schema;
    let (left, right) = call.pair()?;
    Ok(crate::engine::local::sql::spark_comparison(left, op, right, schema))
}

fn binary(call: Call, op: Operator) -> Result<Expr> {
    let (left, right) = call.pair()?;
    Ok(binary_expr(left, op, right))
}

fn plus(call: Call) -> Result<Expr> {
    arithmetic(call, Operator::Plus)
}

fn minus(call: Call) -> Result<Expr> {
    if call.arguments.len() == 1 {
        return negative(call);
    }
    arithmetic(call, Operator::Minus)
}

fn multiply(call: Call) -> Result<Expr> {
    arithmetic(call, Operator::Multiply)
}

fn divide(call: Call) -> Result<Expr> {
    arithmetic(call, Operator::Divide)
}

fn modulo(call: Call) -> Result<Expr> {
    arithmetic(call, Operator::Modulo)
}

fn equal(call: Call) -> Result<Expr> {
    comparison(call, Operator::Eq)
}

fn not_equal(call: Call) -> Result<Expr> {
    comparison(call, Operator::NotEq)
}

fn less(call: Call) -> Result<Expr> {
    comparison(call, Operator::Lt)
}

fn less_or_equal(call: Call) -> Result<Expr> {
    comparison(call, Operator::LtEq)
}

fn greater(call: Call) -> Result<Expr> {
    comparison(call, Operator::Gt)
}

fn greater_or_equal(call: Call) -> Result<Expr> {
    comparison(call, Operator::GtEq)
}

fn null_safe_equal(call: Call) -> Result<Expr> {
    comparison(call, Operator::IsNotDistinctFrom)
}

fn and(call: Call) -> Result<Expr> {
    binary(call, Operator::And)
}

fn or(call: Call) -> Result<Expr> {
    binary(call, Operator::Or)
}

fn bitwise_and(call: Call) -> Result<Expr> {
    binary(call, Operator::BitwiseAnd)
}

fn bitwise_or(call: Call) -> Result<Expr> {
    binary(call, Operator::BitwiseOr)
}

fn bitwise_xor(call: Call) -> Result<Expr> {
    binary(call, Operator::BitwiseXor)
}

fn not(call: Call) -> Result<Expr> {
    Ok(Expr::Not(Box::new(call.only()?)))
}

fn negative(call: Call) -> Result<Expr> {
    Ok(Expr::Negative(Box::new(call.only()?)))
}

fn positive(call: Call) -> Result<Expr> {
    call.only()
}

fn is_null(call: Call) -> Result<Expr> {
    Ok(Expr::IsNull(Box::new(call.only()?)))
}

fn is_not_null(call: Call) -> Result<Expr> {
    Ok(Expr::IsNotNull(Box::new(call.only()?)))
}

/// Spark's `In`: the first argument against the list of the others.
fn is_in(call: Call) -> Result<Expr> {
    let mut arguments = call.arguments.into_iter();
    let expr = arguments.next().ok_or_else(|| EngineError::internal("in without operand"))?;
    Ok(Expr::InList(InList::new(Box::new(expr), arguments.collect(), false)))
}

fn between(call: Call) -> Result<Expr> {
    let schema = call.schema;
    let mut arguments = call.arguments.into_iter();
    let (Some(expr), Some(low), Some(high)) = (arguments.next(), arguments.next(), arguments.next()) else {
        return Err(EngineError::internal("between without operands"));
    };
    let normal = |e: Expr| crate::engine::local::udfs::normalize_floats::normalized_key(e, schema);
    Ok(Expr::Between(Between::new(Box::new(normal(expr)), false, Box::new(normal(low)), Box::new(normal(high)))))
}

fn like(call: Call) -> Result<Expr> {
    Ok(crate::engine::local::udfs::string::spark_like("like", call.arguments))
}

fn ilike(call: Call) -> Result<Expr> {
    Ok(crate::engine::local::udfs::string::spark_like("ilike", call.arguments))
}

/// Spark's RLike: a Java regular expression, matched anywhere in the text.
fn rlike(mut call: Call) -> Result<Expr> {
    if let Some(pattern) = call.arguments.pop() {
        call.arguments.push(crate::engine::local::udfs::string::java_pattern(pattern));
    }
    binary(call, Operator::RegexMatch)
}

/// `col[i]` / `getItem(i)` on an array is Spark's 0-based GetArrayItem; on a map a key
/// lookup; on a struct a field (DataFusion's get_field). A struct field or map value taken
/// from a column (`getField`, `getItem`, `df.s.f`) is named `s.f` or `m[k]` (Spark's
/// `ExtractValue`), where `col("s.f")` names it by the field alone.
fn get_field(call: Call) -> Result<Expr> {
    if call.arguments.len() != 2 {
        return call.engine();
    }
    let container = call.type_of(&call.arguments[0])?;
    if matches!(container, DataType::List(_) | DataType::LargeList(_)) {
        let (array, index) = call.pair()?;
        return Ok(crate::engine::local::udfs::collection::subscript(array, index));
    }
    let base = crate::engine::local::naming::spark_name(&call.arguments[0]);
    let key = crate::engine::local::naming::spark_name(&call.arguments[1]);
    let name = match container {
        DataType::Map(..) => format!("{base}[{key}]"),
        _ => format!("{base}.{key}"),
    };
    let field = call.scalar("get_field", call.arguments.clone())?;
    Ok(crate::engine::local::udfs::spark_named::spark_named(field, name))
}
