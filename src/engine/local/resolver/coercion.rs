//! Spark's type coercion where it differs from DataFusion's, applied to each resolved
//! relation before DataFusion's own: under ANSI mode (Spark 4's default) a string beside a
//! number in a UNION column or among CASE branches is cast to the number's type — BIGINT
//! beside integers, DOUBLE beside fractions (`AnsiTypeCoercion.findWiderTypeForTwo`) — so
//! that text that is not a number raises `CAST_INVALID_INPUT`, where DataFusion would make
//! every value a string.
use std::sync::Arc;

use datafusion::arrow::datatypes::DataType;
use datafusion::common::tree_node::{Transformed, TreeNode};
use datafusion::common::DFSchema;
use datafusion::logical_expr::expr::Case;
use datafusion::logical_expr::{Expr, ExprSchemable, LogicalPlan, LogicalPlanBuilder, Union};

use crate::engine::local::cast::spark_cast;
use crate::engine::local::error::Result;
use crate::engine::local::types::is_string;

/// The type strings become beside `types`, when they mix strings and numbers.
fn promoted_type(types: &[DataType]) -> Option<DataType> {
    let numbers: Vec<&DataType> = types.iter().filter(|t| t.is_numeric()).collect();
    if numbers.is_empty() || !types.iter().any(is_string) {
        return None;
    }
    if numbers.iter().all(|t| t.is_integer()) {
        Some(DataType::Int64)
    } else if numbers.iter().all(|t| t.is_integer() || t.is_floating()) {
        Some(DataType::Float64)
    } else {
        None
    }
}

/// `plan` with Spark's string promotion in its UNIONs and CASE expressions.
pub fn spark_string_promotion(plan: LogicalPlan) -> Result<LogicalPlan> {
    let promoted = plan.transform_up(|node| {
        let node = match node {
            LogicalPlan::Union(union) => promote_union(union)?,
            other => other,
        };
        let schema = node.inputs().first().map(|input| input.schema().as_ref().clone());
        match schema {
            Some(schema) if !matches!(node, LogicalPlan::Union(_)) => {
                let rewritten = node.map_expressions(|expr| expr.transform_up(|e| promote_case(e, &schema)))?;
                if rewritten.transformed {
                    rewritten.map_data(|node| node.recompute_schema())
                } else {
                    Ok(rewritten)
                }
            }
            _ => Ok(Transformed::no(node)),
        }
    })?;
    Ok(promoted.data)
}

/// A UNION whose string columns beside numeric ones are cast to the promoted type.
fn promote_union(union: Union) -> datafusion::error::Result<LogicalPlan> {
    let columns = union.schema.fields().len();
    let mut targets: Vec<Option<DataType>> = Vec::with_capacity(columns);
    for index in 0..columns {
        let types: Vec<DataType> = union.inputs.iter().map(|input| input.schema().field(index).data_type().clone()).collect();
        targets.push(promoted_type(&types));
    }
    if targets.iter().all(Option::is_none) {
        return Ok(LogicalPlan::Union(union));
    }
    let mut inputs = Vec::with_capacity(union.inputs.len());
    for input in union.inputs {
        let schema = input.schema().clone();
        let needs = schema.fields().iter().zip(&targets).any(|(field, target)| target.is_some() && is_string(field.data_type()));
        if !needs {
            inputs.push(input);
            continue;
        }
        let outputs: Vec<Expr> = schema
            .iter()
            .zip(&targets)
            .map(|((qualifier, field), target)| {
                let column = Expr::Column(datafusion::common::Column::new(qualifier.cloned(), field.name()));
                match target {
                    Some(target) if is_string(field.data_type()) => spark_cast(column, field.data_type(), target, false).alias(field.name()),
                    _ => column,
                }
            })
            .collect();
        inputs.push(Arc::new(LogicalPlanBuilder::from(input.as_ref().clone()).project(outputs)?.build()?));
    }
    let mut builder = LogicalPlanBuilder::from(inputs[0].as_ref().clone());
    for input in &inputs[1..] {
        builder = builder.union(input.as_ref().clone())?;
    }
    builder.build()
}

/// A CASE whose string branches beside numeric ones are cast to the promoted type.
fn promote_case(expr: Expr, schema: &DFSchema) -> datafusion::error::Result<Transformed<Expr>> {
    let Expr::Case(case) = &expr else { return Ok(Transformed::no(expr)) };
    let mut values: Vec<&Expr> = case.when_then_expr.iter().map(|(_, then)| then.as_ref()).collect();
    values.extend(case.else_expr.as_deref());
    let Ok(types) = values.iter().map(|v| v.get_type(schema)).collect::<datafusion::error::Result<Vec<_>>>() else {
        return Ok(Transformed::no(expr));
    };
    let Some(target) = promoted_type(&types) else { return Ok(Transformed::no(expr)) };
    let Expr::Case(case) = expr else { return Ok(Transformed::no(expr)) };
    let promote = |value: Box<Expr>| -> datafusion::error::Result<Box<Expr>> {
        let from = value.get_type(schema)?;
        Ok(Box::new(if is_string(&from) { spark_cast(*value, &from, &target, false) } else { *value }))
    };
    let when_then = case.when_then_expr.into_iter().map(|(when, then)| Ok((when, promote(then)?))).collect::<datafusion::error::Result<Vec<_>>>()?;
    let otherwise = case.else_expr.map(promote).transpose()?;
    Ok(Transformed::yes(Expr::Case(Case::new(case.expr, when_then, otherwise))))
}

/// A CASE whose numeric branches of different types are widened to Spark's common type
/// (`findWiderTypeForTwo` over the branches, as Spark's type coercion widens a
/// `CaseWhen`: `when(c, 1).otherwise(x_bigint)` is a BIGINT, an INT and a FLOAT make a
/// DOUBLE). The engine names a CASE's type by its first branch until its own coercion
/// runs after resolving, so arithmetic built over the CASE was built for the wrong type
/// and failed when it ran. The widening is not named (`cast::IMPLICIT_WIDEN`).
pub fn widened_case(case: Case, schema: &DFSchema) -> Transformed<Expr> {
    let then_types: datafusion::error::Result<Vec<DataType>> = case.when_then_expr.iter().map(|(_, then)| then.get_type(schema)).collect();
    let else_type = case.else_expr.as_ref().map(|e| e.get_type(schema)).transpose();
    let (Ok(then_types), Ok(else_type)) = (then_types, else_type) else { return Transformed::no(Expr::Case(case)) };
    let all: Vec<&DataType> = then_types.iter().chain(else_type.as_ref()).collect();
    if all.iter().all(|t| *t == all[0]) || !all.iter().all(|t| t.is_numeric() || **t == DataType::Null) {
        return Transformed::no(Expr::Case(case));
    }
    let target = all.iter().try_fold(DataType::Null, |wider, t| super::set_operation::wider_type(&wider, t));
    let Some(target) = target.filter(|t| t.is_numeric()) else { return Transformed::no(Expr::Case(case)) };
    let widen = |value: Box<Expr>, from: &DataType| -> Box<Expr> {
        if *from == target { value } else { Box::new(crate::engine::local::cast::implicit_widen(*value, target.clone())) }
    };
    let when_then = case.when_then_expr.into_iter().zip(&then_types).map(|((when, then), from)| (when, widen(then, from))).collect();
    let otherwise = case.else_expr.zip(else_type.as_ref()).map(|(value, from)| widen(value, from));
    Transformed::yes(Expr::Case(Case::new(case.expr, when_then, otherwise)))
}
