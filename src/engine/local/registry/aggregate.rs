//! Spark's aggregate and window functions with rules of their own: literal flags
//! (`first(col, true)`), DISTINCT forms, `listagg`'s joining, and the sketch aggregates'
//! defaults.
use datafusion::common::ScalarValue;
use datafusion::execution::FunctionRegistry;
use datafusion::logical_expr::expr::{NullTreatment, WindowFunction};
use datafusion::logical_expr::{when, Cast, Expr, ExprFunctionExt, WindowFunctionDefinition};

use super::{flag, function, Call, Default, Function};
use crate::engine::local::error::{EngineError, Result};

const LG_K: (usize, Default) = (1, Default::Int(12));
const SUM_MODE: Default = Default::Text("sum");

pub const FUNCTIONS: &[Function] = &[
    function(&["count"]).build(count),
    function(&["countdistinct", "count_distinct"]).build(count_distinct),
    function(&["sumdistinct", "sum_distinct"]).build(sum_distinct),
    function(&["first", "first_value", "last", "last_value", "any_value"]).build(first_or_last),
    function(&["nth_value"]).build(nth_value),
    function(&["mode"]).build(mode),
    function(&["percentile"]).build(percentile),
    function(&["approx_count_distinct"]).build(approx_count_distinct),
    function(&["grouping_id"]).build(grouping_id).display("grouping_id({})"),
    function(&["grouping"]).build(grouping).display("grouping({})"),
    function(&["listagg"]).defaults(&[(1, Default::Null)]).build(listagg).display("listagg({})"),
    function(&["string_agg"]).defaults(&[(1, Default::Null)]).build(listagg).display("string_agg({})"),
    function(&["listagg_distinct"]).defaults(&[(1, Default::Null)]).build(listagg).display("listagg(DISTINCT {})"),
    function(&["string_agg_distinct"]).defaults(&[(1, Default::Null)]).build(listagg).display("string_agg(DISTINCT {})"),
    function(&["hll_sketch_agg"]).defaults(&[LG_K]),
    function(&["hll_union_agg"]).defaults(&[(1, Default::Bool(false))]),
    function(&["theta_sketch_agg"]).defaults(&[LG_K]),
    function(&["theta_union_agg"]).defaults(&[LG_K]),
    function(&["tuple_sketch_agg_double"]).defaults(&[(2, Default::Int(12)), (3, SUM_MODE)]),
    function(&["tuple_sketch_agg_integer"]).defaults(&[(2, Default::Int(12)), (3, SUM_MODE)]),
    function(&["tuple_union_agg_double"]).defaults(&[LG_K, (2, SUM_MODE)]),
    function(&["tuple_union_agg_integer"]).defaults(&[LG_K, (2, SUM_MODE)]),
    function(&["tuple_intersection_agg_double"]).defaults(&[(1, SUM_MODE)]),
    function(&["tuple_intersection_agg_integer"]).defaults(&[(1, SUM_MODE)]),
];

/// Spark's `count(*)`, `count(x)` and `count(DISTINCT a, b)`.
fn count(call: Call) -> Result<Expr> {
    let arguments = if call.arguments.is_empty() { vec![Expr::Literal(ScalarValue::Int32(Some(1)), None)] } else { call.arguments.clone() };
    // count(DISTINCT a, b) counts the distinct rows where no argument is NULL: one struct
    // per row, NULL when any field is.
    let arguments = if call.distinct && arguments.len() > 1 { vec![distinct_tuple(arguments)?] } else { arguments };
    let counted = call.aggregate("count", arguments)?;
    Ok(if call.distinct { counted.distinct().build()? } else { counted })
}

/// The arguments of a many-argument `count(DISTINCT ...)` as one value: a struct of them,
/// NULL when any of them is NULL.
fn distinct_tuple(arguments: Vec<Expr>) -> Result<Expr> {
    let any_null = arguments.iter().cloned().map(|a| Expr::IsNull(Box::new(a))).reduce(|a, b| a.or(b));
    let tuple = datafusion::functions::core::r#struct().call(arguments);
    Ok(match any_null {
        Some(condition) => when(condition, Expr::Literal(ScalarValue::Null, None)).otherwise(tuple)?,
        None => tuple,
    })
}

fn count_distinct(call: Call) -> Result<Expr> {
    Ok(call.aggregate("count", call.arguments.clone())?.distinct().build()?)
}

fn sum_distinct(call: Call) -> Result<Expr> {
    Ok(call.aggregate("sum", call.arguments.clone())?.distinct().build()?)
}

/// Spark's `first(col, ignoreNulls)` and `last(col, ignoreNulls)` (`First`, `Last`): the
/// flag is a boolean literal, and the result is named after `col` alone.
fn first_or_last(mut call: Call) -> Result<Expr> {
    if call.arguments.len() != 2 {
        return call.engine();
    }
    let Some(ignore_nulls) = flag(call.arguments.pop()) else {
        let function = match call.name.as_str() {
            "any_value" => "any_value",
            name if name.starts_with("last") => "last",
            _ => "first",
        };
        return Err(EngineError::analysis("_LEGACY_ERROR_TEMP_1210", format!("The second argument in {function} should be a boolean literal."), &[("funcName", function.to_string())]));
    };
    let value = call.aggregate(crate::spark::function_names::engine_name(&call.name), call.arguments.clone())?;
    let treatment = if ignore_nulls { NullTreatment::IgnoreNulls } else { NullTreatment::RespectNulls };
    Ok(value.null_treatment(treatment).build()?)
}

/// Spark's `nth_value(col, offset, ignoreNulls)`: the flag is a boolean literal.
fn nth_value(mut call: Call) -> Result<Expr> {
    if call.arguments.len() != 3 {
        return call.engine();
    }
    let Some(ignore_nulls) = flag(call.arguments.pop()) else {
        return Err(EngineError::analysis("DATATYPE_MISMATCH.NON_FOLDABLE_INPUT", "The third argument of nth_value must be a boolean literal.", &[("inputName", "`ignoreNulls`".to_string())]));
    };
    let window = call.context.udwf("nth_value")?;
    let value = Expr::from(WindowFunction::new(WindowFunctionDefinition::WindowUDF(window), call.arguments));
    let treatment = if ignore_nulls { NullTreatment::IgnoreNulls } else { NullTreatment::RespectNulls };
    Ok(value.null_treatment(treatment).build()?)
}

/// Spark's `mode(col, deterministic)`: the flag is a boolean literal.
fn mode(mut call: Call) -> Result<Expr> {
    if call.arguments.len() != 2 {
        return call.engine();
    }
    let name = match call.arguments.pop() {
        Some(Expr::Literal(ScalarValue::Boolean(Some(true)), _)) => crate::engine::local::udfs::value_aggregates::MODE_DETERMINISTIC,
        Some(Expr::Literal(ScalarValue::Boolean(_), _)) => "mode",
        _ => return Err(EngineError::analysis("DATATYPE_MISMATCH.NON_FOLDABLE_INPUT", "The second argument of mode must be a boolean literal.", &[("inputName", "`deterministic`".to_string())])),
    };
    call.aggregate(name, call.arguments.clone())
}

/// Spark's Percentile counts each row `frequency` times: an integral argument.
fn percentile(call: Call) -> Result<Expr> {
    if call.arguments.len() != 3 {
        return call.engine();
    }
    let found = call.type_of(&call.arguments[2])?;
    if !(found.is_integer() || found.is_null()) {
        let spark_name = crate::engine::local::naming::spark_name;
        let shown = format!("percentile({})", call.arguments.iter().map(spark_name).collect::<Vec<_>>().join(", "));
        let (argument, found) = (spark_name(&call.arguments[2]), crate::engine::local::types::spark_sql_type_name(&found));
        return Err(EngineError::analysis(
            "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
            format!("Cannot resolve \"{shown}\" due to data type mismatch: The third parameter requires the \"INTEGRAL\" type, however \"{argument}\" has the type \"{found}\"."),
            &[("paramIndex", "third".to_string()), ("requiredType", "\"INTEGRAL\"".to_string()), ("inputSql", format!("\"{argument}\"")), ("inputType", format!("\"{found}\""))],
        ));
    }
    call.aggregate("percentile", call.arguments.clone())
}

/// `approx_count_distinct(col[, rsd])`: Spark's HyperLogLog++ (`udfs::hyperloglog`), its
/// `rsd` checked here, at analysis, as Spark checks it.
fn approx_count_distinct(call: Call) -> Result<Expr> {
    if let Some(argument) = call.arguments.get(1) {
        let literal = match argument {
            Expr::Literal(value, _) => value.clone(),
            _ => ScalarValue::Null,
        };
        super::super::udfs::hyperloglog::precision_of(Some(&literal))?;
    }
    call.engine()
}

/// Spark's Grouping: whether the key is aggregated away in this row (1) or not (0), a
/// tinyint.
fn grouping(call: Call) -> Result<Expr> {
    let bit = call.aggregate("grouping", call.arguments.clone())?;
    never_null(Expr::Cast(Cast::new(Box::new(bit), datafusion::arrow::datatypes::DataType::Int8)), ScalarValue::Int8(Some(0)))
}

/// `value`, stated non-nullable as Spark states `Grouping` and `GroupingID` (the engine's
/// aggregate is typed nullable, though it never gives NULL).
fn never_null(value: Expr, zero: ScalarValue) -> Result<Expr> {
    Ok(datafusion::functions::core::expr_fn::coalesce(vec![value, Expr::Literal(zero, None)]))
}

/// Spark's GroupingID: the grouping bits of the given keys (all keys when none is given,
/// filled in by the aggregate), a bigint.
fn grouping_id(call: Call) -> Result<Expr> {
    let bits = call.aggregate("grouping", call.arguments.clone())?;
    never_null(Expr::Cast(Cast::new(Box::new(bits), datafusion::arrow::datatypes::DataType::Int64)), ScalarValue::Int64(Some(0)))
}

/// Spark's `listagg(col[, delimiter])` (also `string_agg`, and their DISTINCT forms): the
/// values joined in input order, with no delimiter when it is NULL.
fn listagg(call: Call) -> Result<Expr> {
    if call.arguments.len() != 2 {
        return call.engine();
    }
    // The engine's listagg (`udfs::listagg`) keeps DISTINCT values in input order.
    let name = if call.name.starts_with("string_agg") { "string_agg" } else { "listagg" };
    let joined = call.aggregate(name, call.arguments.clone())?;
    if call.distinct || call.name.ends_with("_distinct") {
        return Ok(joined.distinct().build()?);
    }
    Ok(joined)
}
