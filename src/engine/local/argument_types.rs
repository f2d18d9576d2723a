//! Spark's input type checks (`ExpectsInputTypes`) for engine functions whose DataFusion
//! kernels assume their argument types: an array function given a number is Spark's
//! `DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE` at analysis, where the kernel would panic
//! at run time. Run over every resolved plan, from the DataFrame API and SQL alike.
use datafusion::arrow::datatypes::DataType;
use std::collections::HashMap;

use datafusion::common::tree_node::{Transformed, TreeNode, TreeNodeRecursion};
use datafusion::common::DFSchema;
use datafusion::logical_expr::{Expr, ExprSchemable, LogicalPlan};

use super::error::{EngineError, Result};

/// How many leading arguments of an array function must be arrays.
fn array_parameters(name: &str) -> usize {
    match name {
        "arrays_overlap" | "array_union" | "array_intersect" | "array_except" | "array_has_all" | "array_has_any" => 2,
        "array_repeat" | "array_agg" | "make_array" | "array" => 0,
        "flatten" | "array_has" => 1,
        other if other.starts_with("array_") => 1,
        _ => 0,
    }
}

const ORDINALS: [&str; 2] = ["first", "second"];

/// Checks the argument types of the functions of every node of `plan`.
pub fn check(plan: &LogicalPlan) -> Result<()> {
    let mut failure = None;
    plan.apply(|node| {
        let inputs = node.inputs();
        let [input] = inputs.as_slice() else { return Ok(TreeNodeRecursion::Continue) };
        let schema = input.schema();
        // Above an aggregate, its results are columns; messages name the aggregates.
        let computed: HashMap<String, Expr> = match input {
            LogicalPlan::Aggregate(aggregate) => aggregate.group_expr.iter().chain(&aggregate.aggr_expr).map(|e| (e.schema_name().to_string(), e.clone().unalias())).collect(),
            _ => HashMap::new(),
        };
        node.apply_expressions(|expr| {
            failure = first_mismatch(expr, schema, &computed);
            Ok(if failure.is_some() { TreeNodeRecursion::Stop } else { TreeNodeRecursion::Continue })
        })?;
        Ok(if failure.is_some() { TreeNodeRecursion::Stop } else { TreeNodeRecursion::Continue })
    })?;
    failure.map_or(Ok(()), Err)
}

/// Checks the argument types of the functions in `expr`, typed against `schema` (a call
/// the DataFrame API builds, before DataFusion plans it).
pub fn check_expr(expr: &Expr, schema: &DFSchema) -> Result<()> {
    first_mismatch(expr, schema, &HashMap::new()).map_or(Ok(()), Err)
}

/// Spark's text of a call whose arguments may read columns `computed` below (aggregates).
fn call_text(call: &Expr, computed: &HashMap<String, Expr>) -> String {
    if computed.is_empty() {
        return super::naming::spark_name(call);
    }
    let inlined = call.clone().transform_up(|e| match &e {
        Expr::Column(column) => Ok(match computed.get(&column.name) {
            Some(expr) => Transformed::yes(expr.clone()),
            None => Transformed::no(e),
        }),
        _ => Ok(Transformed::no(e)),
    });
    super::naming::spark_name(&inlined.map(|t| t.data).unwrap_or_else(|_| call.clone()))
}

fn first_mismatch(expr: &Expr, schema: &DFSchema, computed: &HashMap<String, Expr>) -> Option<EngineError> {
    let mut failure = None;
    let _ = expr.apply(|sub| {
        if let Some(mismatch) = sketch_mismatch(sub, schema, computed).or_else(|| super::udfs::sketches::constant_problem(sub, &|call| call_text(call, computed))) {
            failure = Some(mismatch);
            return Ok(TreeNodeRecursion::Stop);
        }
        let Expr::ScalarFunction(function) = sub else { return Ok(TreeNodeRecursion::Continue) };
        if let Some(mismatch) = special_mismatch(sub, function, schema) {
            failure = Some(mismatch);
            return Ok(TreeNodeRecursion::Stop);
        }
        for (index, argument) in function.args.iter().take(array_parameters(function.name())).enumerate() {
            let Ok(data_type) = argument.get_type(schema) else { continue };
            if !matches!(data_type, DataType::List(_) | DataType::LargeList(_) | DataType::FixedSizeList(..) | DataType::Null) {
                failure = Some(unexpected_input_type(sub, index, argument, &data_type));
                return Ok(TreeNodeRecursion::Stop);
            }
        }
        Ok(TreeNodeRecursion::Continue)
    });
    failure
}

/// The input checks of single functions: `array_insert`'s value must share the array's
/// element type up to Spark's tightest common type (`ArrayInsert`), and `to_binary`'s
/// format must be one Spark knows (`ToBinary`).
fn special_mismatch(call: &Expr, function: &datafusion::logical_expr::expr::ScalarFunction, schema: &DFSchema) -> Option<EngineError> {
    let mismatch = |kind: &str, message: String| {
        let sql = super::naming::spark_name(call);
        EngineError::analysis(&format!("DATATYPE_MISMATCH.{kind}"), format!("Cannot resolve \"{sql}\" due to data type mismatch: {message}"), &[("sqlExpr", format!("\"{sql}\""))])
    };
    match (function.name(), function.args.as_slice()) {
        ("array_insert", [array, _, value]) => {
            let array_type = array.get_type(schema).ok()?;
            let value_type = value.get_type(schema).ok()?;
            let element = match &array_type {
                DataType::List(field) | DataType::LargeList(field) => field.data_type().clone(),
                _ => return None,
            };
            let numeric = |t: &DataType| matches!(t, DataType::Int8 | DataType::Int16 | DataType::Int32 | DataType::Int64 | DataType::Float32 | DataType::Float64);
            let fits = element == value_type || element == DataType::Null || value_type == DataType::Null || (numeric(&element) && numeric(&value_type));
            (!fits).then(|| {
                mismatch(
                    "ARRAY_FUNCTION_DIFF_TYPES",
                    format!(
                        "Input to `array_insert` should have been \"ARRAY\" followed by a value with same element type, but it's [\"{}\", \"{}\"].",
                        super::types::spark_sql_type_name(&array_type),
                        super::types::spark_sql_type_name(&value_type)
                    ),
                )
            })
        }
        ("to_binary" | "try_to_binary", [_, Expr::Literal(format, _)]) => {
            let text = format.to_string();
            let known = ["hex", "utf-8", "utf8", "base64"].iter().any(|f| f.eq_ignore_ascii_case(&text));
            (!format.is_null() && !known).then(|| {
                mismatch("INVALID_ARG_VALUE", format!("The fmt value must to be a case-insensitive \"STRING\" literal of 'hex', 'utf-8', 'utf8', or 'base64', but got '{text}'."))
            })
        }
        _ => None,
    }
}

/// The argument of a DataSketches function call (`udfs::sketches`) that does not have a
/// type the function takes: Spark's `DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE`, naming the
/// types it takes as Spark does (`("INT" or "BIGINT")`).
fn sketch_mismatch(call: &Expr, schema: &DFSchema, computed: &HashMap<String, Expr>) -> Option<EngineError> {
    let arguments = match call {
        Expr::AggregateFunction(function) => &function.params.args,
        Expr::ScalarFunction(function) => &function.args,
        _ => return None,
    };
    let types = arguments.iter().map(|a| a.get_type(schema).ok()).collect::<Option<Vec<_>>>()?;
    let mismatch = super::udfs::sketches::mismatch(call, &types)?;
    let sql = call_text(call, computed);
    let input = call_text(&arguments[mismatch.index], computed);
    let found = super::types::spark_sql_type_name(&types[mismatch.index]);
    let ordinal = ["first", "second", "third", "fourth"].get(mismatch.index).copied().unwrap_or("fifth");
    let quoted: Vec<String> = mismatch.required.iter().map(|t| format!("\"{t}\"")).collect();
    let required = if quoted.len() == 1 { quoted[0].clone() } else { format!("({})", quoted.join(" or ")) };
    Some(EngineError::analysis(
        "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
        format!("Cannot resolve \"{sql}\" due to data type mismatch: The {ordinal} parameter requires the {required} type, however \"{input}\" has the type \"{found}\"."),
        &[
            ("sqlExpr", format!("\"{sql}\"")),
            ("paramIndex", ordinal.to_string()),
            ("requiredType", required.clone()),
            ("inputSql", format!("\"{input}\"")),
            ("inputType", format!("\"{found}\"")),
        ],
    ))
}

/// Spark's `DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE` for an argument that is not an array.
fn unexpected_input_type(call: &Expr, index: usize, argument: &Expr, data_type: &DataType) -> EngineError {
    let sql = super::naming::spark_name(call);
    let input = super::naming::spark_name(argument);
    let found = super::types::spark_sql_type_name(data_type);
    let ordinal = ORDINALS.get(index).copied().unwrap_or("third");
    EngineError::analysis(
        "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
        format!("Cannot resolve \"{sql}\" due to data type mismatch: The {ordinal} parameter requires the \"ARRAY\" type, however \"{input}\" has the type \"{found}\"."),
        &[
            ("sqlExpr", format!("\"{sql}\"")),
            ("paramIndex", ordinal.to_string()),
            ("requiredType", "\"ARRAY\"".to_string()),
            ("inputSql", format!("\"{input}\"")),
            ("inputType", format!("\"{found}\"")),
        ],
    )
}
