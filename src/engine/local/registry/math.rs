//! Spark's math functions with rules of their own: rounding, and the random functions,
//! whose seed Spark picks when the call has none.
use datafusion::common::ScalarValue;
use datafusion::logical_expr::Expr;

use super::{function, Call, Default, Function};
use crate::engine::local::error::Result;

pub const FUNCTIONS: &[Function] = &[
    // Integer inputs of Spark's `ImplicitCastInputTypes`: a fractional number or text is
    // read as an INT or BIGINT.
    function(&["factorial"]).ints(&[0]),
    function(&["log"]).build(log),
    function(&["atan2"]).build(atan2),
    function(&["pmod"]).build(pmod).display("pmod({})"),
    function(&["nanvl"]).build(nanvl).display("nanvl({})"),
    // Spark writes the default scale into the call (`bround(d, 0)`).
    function(&["bround"]).defaults(&[(1, Default::Int(0))]),
    function(&["width_bucket"]).bigints(&[3]),
    function(&["bitmap_bit_position"]).bigints(&[0]),
    function(&["bitmap_bucket_number"]).bigints(&[0]),
    function(&["bitmap_construct_agg"]).bigints(&[0]),
    function(&["round"]).defaults(&[(1, Default::Int(0))]).build(round),
    function(&["rand", "random"]).build(random),
    function(&["randn"]).build(random),
    function(&["uniform"]).build(seeded),
    function(&["randstr"]).build(seeded),
    function(&["vector_norm"]).defaults(&[(1, Default::Float(2.0))]),
    function(&["vector_normalize"]).defaults(&[(1, Default::Float(2.0))]),
];

/// Spark's Round: HALF_UP to `scale` places (0 by default).
fn round(call: Call) -> Result<Expr> {
    call.scalar("round", call.arguments.clone())
}

/// A seed picked now, shown in the column name as Spark shows the seed it picks.
fn fresh_seed() -> Expr {
    Expr::Literal(ScalarValue::Int64(Some(crate::engine::local::udfs::random::fresh_seed())), None)
}

/// `rand()`, `random()` and `randn()`: without a seed, one is picked now
/// (`rand(-1588846976)`).
fn random(call: Call) -> Result<Expr> {
    if !call.arguments.is_empty() {
        return call.engine();
    }
    call.scalar(&call.name, vec![fresh_seed()])
}

/// `uniform(min, max[, seed])` and `randstr(length[, seed])`: the seed is picked now when
/// not given.
fn seeded(call: Call) -> Result<Expr> {
    if call.arguments.len() != if call.name == "uniform" { 2 } else { 1 } {
        return call.engine();
    }
    let mut arguments = call.arguments.clone();
    arguments.push(fresh_seed());
    call.scalar(&call.name, arguments)
}

/// Spark's one-argument `log(x)` is its `Logarithm` of base e: `LOG(E(), x)`.
/// Spark's `Pmod`: `r = a % n`, and `(r + n) % n` where `r` is negative. The remainder is
/// Spark's, so `n = 0` raises `REMAINDER_BY_ZERO` (ANSI).
fn pmod(call: Call) -> Result<Expr> {
    use datafusion::logical_expr::{binary_expr, when, Operator};
    let schema = call.schema;
    let (a, n) = call.pair()?;
    let remainder = crate::engine::local::sql::spark_rules(binary_expr(a, Operator::Modulo, n.clone()), schema)?.data;
    let zero = Expr::Literal(ScalarValue::Int32(Some(0)), None);
    let negative = binary_expr(remainder.clone(), Operator::Lt, zero);
    let shifted = binary_expr(binary_expr(remainder.clone(), Operator::Plus, n.clone()), Operator::Modulo, n);
    Ok(when(negative, shifted).otherwise(remainder)?)
}

/// Spark's `NaNvl`: `b` where `a` is NaN, else `a`; `b` is evaluated only for those rows.
fn nanvl(call: Call) -> Result<Expr> {
    let (a, b) = call.pair()?;
    let is_nan = datafusion::functions::math::expr_fn::isnan(a.clone());
    Ok(datafusion::logical_expr::when(is_nan, b).otherwise(a)?)
}

/// Spark's `Atan2`, which adds 0.0 to both arguments so that -0.0 reads as 0.0:
/// `atan2(-0.0, 1.0)` is 0.0.
fn atan2(call: Call) -> Result<Expr> {
    let arguments = call.arguments.iter().map(|a| crate::engine::local::udfs::normalize_floats::normalized_key(a.clone(), call.schema)).collect();
    call.scalar("atan2", arguments)
}

fn log(call: Call) -> Result<Expr> {
    if call.arguments.len() != 1 {
        return call.engine();
    }
    let base = call.scalar("e", Vec::new())?;
    let mut arguments = call.arguments.clone();
    arguments.insert(0, base);
    call.scalar("log", arguments)
}
