//! Spark's input type checks (`ExpectsInputTypes`) for engine functions whose DataFusion
//! kernels assume their argument types: an array function given a number is Spark's
//! `DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE` at analysis, where the kernel would panic
//! at run time. Run over every resolved plan, from the DataFrame API and SQL alike.
use datafusion::arrow::datatypes::DataType;
use datafusion::common::tree_node::{TreeNode, TreeNodeRecursion};
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
        node.apply_expressions(|expr| {
            failure = first_mismatch(expr, schema);
            Ok(if failure.is_some() { TreeNodeRecursion::Stop } else { TreeNodeRecursion::Continue })
        })?;
        Ok(if failure.is_some() { TreeNodeRecursion::Stop } else { TreeNodeRecursion::Continue })
    })?;
    failure.map_or(Ok(()), Err)
}

/// Checks the argument types of the functions in `expr`, typed against `schema` (a call
/// the DataFrame API builds, before DataFusion plans it).
pub fn check_expr(expr: &Expr, schema: &DFSchema) -> Result<()> {
    first_mismatch(expr, schema).map_or(Ok(()), Err)
}

fn first_mismatch(expr: &Expr, schema: &DFSchema) -> Option<EngineError> {
    let mut failure = None;
    let _ = expr.apply(|sub| {
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
