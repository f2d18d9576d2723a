//! Spark's other functions with rules of their own: the `try_` arithmetic of dates and
//! intervals, `assert_true`'s message, `uuid`'s seed, CSV schemas read when planned, and
//! the defaults of the crypto and sketch functions.
use datafusion::arrow::datatypes::DataType;
use datafusion::common::ScalarValue;
use datafusion::logical_expr::{Expr, Operator};

use super::{function, Call, Default, Function};
use crate::engine::local::error::Result;
use crate::engine::local::udfs::spark_named::spark_named;

const LG_K_AND_MODE: &[(usize, Default)] = &[(2, Default::Int(12)), (3, Default::Text("sum"))];
const MODE: &[(usize, Default)] = &[(2, Default::Text("sum"))];
const CIPHER: &[(usize, Default)] = &[(2, Default::Text("GCM")), (3, Default::Text("DEFAULT")), (4, Default::Text(""))];

pub const FUNCTIONS: &[Function] = &[
    function(&["try_add"]).build(tolerant_datetime_arithmetic),
    function(&["try_subtract"]).build(tolerant_datetime_arithmetic),
    function(&["try_divide"]).build(try_divide),
    function(&["assert_true"]).build(assert_true),
    function(&["uuid"]).build(uuid),
    function(&["from_csv"]).build(from_csv),
    function(&["aes_encrypt"]).defaults(&[(2, Default::Text("GCM")), (3, Default::Text("DEFAULT")), (4, Default::Text("")), (5, Default::Text(""))]),
    function(&["aes_decrypt"]).defaults(CIPHER),
    function(&["try_aes_decrypt"]).defaults(CIPHER),
    function(&["hmac"]).defaults(&[(2, Default::Text("SHA-256"))]),
    function(&["hll_union"]).defaults(&[(2, Default::Bool(false))]),
    function(&["theta_union"]).defaults(&[(2, Default::Int(12))]),
    function(&["tuple_sketch_summary_double"]).defaults(&[(1, Default::Text("sum"))]),
    function(&["tuple_sketch_summary_integer"]).defaults(&[(1, Default::Text("sum"))]),
    function(&["tuple_union_double"]).defaults(LG_K_AND_MODE),
    function(&["tuple_union_integer"]).defaults(LG_K_AND_MODE),
    function(&["tuple_union_theta_double"]).defaults(LG_K_AND_MODE),
    function(&["tuple_union_theta_integer"]).defaults(LG_K_AND_MODE),
    function(&["tuple_intersection_double"]).defaults(MODE),
    function(&["tuple_intersection_integer"]).defaults(MODE),
    function(&["tuple_intersection_theta_double"]).defaults(MODE),
    function(&["tuple_intersection_theta_integer"]).defaults(MODE),
];

/// Spark's `try_add` and `try_subtract` of a date and days (`date_add`, `date_sub`), or of
/// a datetime or interval and an interval (`+` and `-` of intervals); numbers go to the
/// engine's `TryArithmetic`. Named as the call (`try_add(date, 1)`).
fn tolerant_datetime_arithmetic(call: Call) -> Result<Expr> {
    if call.arguments.len() != 2 {
        return call.engine();
    }
    let (left, right) = (&call.arguments[0], &call.arguments[1]);
    let (Ok(left_type), Ok(right_type)) = (call.type_of(left), call.type_of(right)) else { return call.engine() };
    let written = format!("{}({}, {})", call.name, crate::engine::local::naming::spark_name(left), crate::engine::local::naming::spark_name(right));
    let op = if call.name == "try_add" { Operator::Plus } else { Operator::Minus };
    if matches!(left_type, DataType::Date32) && right_type.is_integer() {
        let function = if op == Operator::Plus { "date_add" } else { "date_sub" };
        return Ok(spark_named(call.scalar(function, call.arguments.clone())?, written));
    }
    match crate::engine::local::udfs::intervals::arithmetic(left, op, right, call.schema)? {
        Some(planned) => Ok(spark_named(planned, written)),
        None => call.engine(),
    }
}

/// Spark's `try_divide`: NULL where `/` raises.
fn try_divide(call: Call) -> Result<Expr> {
    Ok(crate::engine::local::udfs::divide(false).call(call.arguments))
}

/// Spark's `assert_true(cond)` raises `'cond' is not true!`, a message written into its name.
fn assert_true(mut call: Call) -> Result<Expr> {
    if call.arguments.len() != 1 {
        return call.engine();
    }
    let message = format!("'{}' is not true!", crate::engine::local::naming::spark_name(&call.arguments[0]));
    call.arguments.push(Expr::Literal(ScalarValue::Utf8(Some(message)), None));
    call.scalar("assert_true", call.arguments.clone())
}

/// Spark's Uuid: the seed (given or picked now) is not part of its name.
fn uuid(mut call: Call) -> Result<Expr> {
    if call.arguments.len() > 1 {
        return call.engine();
    }
    if call.arguments.is_empty() {
        call.arguments.push(Expr::Literal(ScalarValue::Int64(Some(crate::engine::local::udfs::random::fresh_seed())), None));
    }
    Ok(spark_named(call.scalar("uuid", call.arguments.clone())?, "uuid()".to_string()))
}

/// A schema given as `schema_of_csv(text)` of a literal text is read now, as Spark folds
/// it, so that the struct's type is known when the query is planned.
fn from_csv(mut call: Call) -> Result<Expr> {
    if call.arguments.len() < 2 {
        return call.engine();
    }
    if let Expr::ScalarFunction(inner) = &call.arguments[1] {
        if let (true, Some(Expr::Literal(ScalarValue::Utf8(Some(text)), _))) = (inner.name() == "schema_of_csv", inner.args.first()) {
            let schema = crate::engine::local::udfs::csv::schema_of(text, &std::collections::BTreeMap::new())?;
            call.arguments[1] = Expr::Literal(ScalarValue::Utf8(Some(schema)), None);
        }
    }
    call.scalar("from_csv", call.arguments.clone())
}
