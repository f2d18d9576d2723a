//! Moves chosen function calls out of an operator into a projection below it, which adds
//! one column per distinct call, named as the call, so the operator's output keeps its
//! names (`max(rand(1))` reads the column `rand(1)`). Spark's analyzer does this for
//! nondeterministic expressions (`PullOutNondeterministic`) and its optimizer for Python
//! UDFs (`ExtractPythonUDFs`): both must run in a projection, once per row of the input.
use std::sync::Arc;

use datafusion::common::tree_node::{Transformed, TreeNode, TreeNodeRecursion};
use datafusion::common::Column;
use datafusion::error::Result;
use datafusion::logical_expr::{Expr, LogicalPlan, Projection};

/// `plan` with the outermost calls `chosen` picks moved into a projection below it. A
/// projection, a node without exactly one input, or one without such calls is returned
/// as it is; a node passing its input's columns on (a filter, a sort) is topped with a
/// projection dropping the added ones again.
pub fn extract_calls(plan: LogicalPlan, chosen: impl Fn(&Expr) -> bool) -> Result<Transformed<LogicalPlan>> {
    if matches!(plan, LogicalPlan::Projection(_)) || plan.inputs().len() != 1 {
        return Ok(Transformed::no(plan));
    }
    let expressions = plan.expressions();
    let mut calls: Vec<Expr> = Vec::new();
    for expression in &expressions {
        expression.apply(|node| {
            if !chosen(node) {
                return Ok(TreeNodeRecursion::Continue);
            }
            if !calls.contains(node) {
                calls.push(node.clone());
            }
            Ok(TreeNodeRecursion::Jump)
        })?;
    }
    if calls.is_empty() {
        return Ok(Transformed::no(plan));
    }
    let input = plan.inputs()[0].clone();
    let names = calls
        .iter()
        .enumerate()
        .map(|(i, call)| {
            let name = call.schema_name().to_string();
            if input.schema().has_column_with_unqualified_name(&name) { format!("__ember_call_{i}") } else { name }
        })
        .collect::<Vec<_>>();
    let mut projected = input.schema().columns().into_iter().map(Expr::Column).collect::<Vec<_>>();
    projected.extend(calls.iter().zip(&names).map(|(call, name)| call.clone().alias(name)));
    let below = LogicalPlan::Projection(Projection::try_new(projected, Arc::new(input))?);
    let rewritten = expressions
        .into_iter()
        .map(|expression| {
            expression
                .transform_down(|node| match calls.iter().position(|call| call == &node) {
                    Some(i) => Ok(Transformed::new(Expr::Column(Column::new_unqualified(&names[i])), true, TreeNodeRecursion::Jump)),
                    None => Ok(Transformed::no(node)),
                })
                .map(|t| t.data)
        })
        .collect::<Result<Vec<_>>>()?;
    let node = plan.with_new_exprs(rewritten, vec![below])?;
    if node.schema().fields().len() == plan.schema().fields().len() {
        return Ok(Transformed::yes(node));
    }
    let kept = plan.schema().columns().into_iter().map(Expr::Column).collect();
    Ok(Transformed::yes(LogicalPlan::Projection(Projection::try_new(kept, Arc::new(node))?)))
}
