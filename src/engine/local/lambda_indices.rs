//! Keeps the lambda variables of higher-order functions (`transform`, `filter`,
//! `aggregate`, …) pointing at their parameters after the physical optimizer has changed
//! the width of the batch they are evaluated on.
//!
//! DataFusion's physical planner numbers a lambda's parameters after the columns of the
//! operator's input: in `transform(rs, x -> x + 1)` over `(rs, pos)`, `x` is column 2.
//! When the projection-pushdown rule merges that projection with one below it, the input
//! grows (`(rs, first_row, first_partition, bucket, pos)`): column references are renumbered,
//! lambda variables are not, and `x` then reads `first_partition` ("Field of physical
//! LambdaVariable ... doesn't match batch field"). This rule, run after the others, moves the
//! variables of each projection's and filter's lambdas to just past the actual input
//! columns, which is where `HigherOrderFunctionExpr` puts the parameters at run time.

use std::sync::Arc;

use datafusion::common::config::ConfigOptions;
use datafusion::common::tree_node::{Transformed, TreeNode, TreeNodeRecursion};
use datafusion::error::Result;
use datafusion::physical_expr::expressions::{LambdaExpr, LambdaVariable};
use datafusion::physical_expr::PhysicalExpr;
use datafusion::physical_optimizer::PhysicalOptimizerRule;
use datafusion::physical_plan::filter::{FilterExec, FilterExecBuilder};
use datafusion::physical_plan::projection::{ProjectionExec, ProjectionExpr};
use datafusion::physical_plan::ExecutionPlan;

/// The physical optimizer rule; see the module's note.
#[derive(Debug)]
pub struct LambdaVariableIndices;

/// The input width `lambda`'s variables were numbered against: a variable of the lambda
/// (or of one nested in it) at index `i`, being parameter `p` of the lambdas' parameters
/// in scope (outermost first), was planned over `i - p` input columns. `None` when the
/// body uses none of its variables.
fn planned_width(lambda: &LambdaExpr) -> Option<usize> {
    fn find(expr: &Arc<dyn PhysicalExpr>, scopes: &mut Vec<Vec<String>>) -> Option<usize> {
        if let Some(variable) = expr.downcast_ref::<LambdaVariable>() {
            // The innermost lambda declaring the name owns the variable.
            let owner = scopes.iter().rposition(|params| params.iter().any(|p| p == variable.name()))?;
            let before: usize = scopes[..owner].iter().map(Vec::len).sum();
            let position = scopes[owner].iter().position(|p| p == variable.name())?;
            return variable.index().checked_sub(before + position);
        }
        let nested = expr.downcast_ref::<LambdaExpr>().map(|l| l.params().to_vec());
        let entered = nested.is_some();
        if let Some(params) = nested {
            scopes.push(params);
        }
        let found = expr.children().into_iter().find_map(|child| find(child, scopes));
        if entered {
            scopes.pop();
        }
        found
    }
    find(lambda.body(), &mut vec![lambda.params().to_vec()])
}

/// `expr` with each outermost lambda's variables renumbered for an input of `width` columns.
fn realign(expr: Arc<dyn PhysicalExpr>, width: usize) -> Result<Transformed<Arc<dyn PhysicalExpr>>> {
    expr.transform_down(|node| {
        let Some(lambda) = node.downcast_ref::<LambdaExpr>() else { return Ok(Transformed::no(node)) };
        let planned = match planned_width(lambda) {
            Some(planned) if planned != width => planned,
            _ => return Ok(Transformed::new(node, false, TreeNodeRecursion::Jump)),
        };
        let body = Arc::clone(lambda.body()).transform_up(|inner| {
            let Some(variable) = inner.downcast_ref::<LambdaVariable>() else { return Ok(Transformed::no(inner)) };
            let index = variable.index() - planned + width;
            Ok(Transformed::yes(Arc::new(LambdaVariable::new(index, Arc::clone(variable.field()))) as Arc<dyn PhysicalExpr>))
        })?;
        let rebuilt = Arc::clone(&node).with_new_children(vec![body.data])?;
        Ok(Transformed::new(rebuilt, true, TreeNodeRecursion::Jump))
    })
}

impl PhysicalOptimizerRule for LambdaVariableIndices {
    fn optimize(&self, plan: Arc<dyn ExecutionPlan>, _config: &ConfigOptions) -> Result<Arc<dyn ExecutionPlan>> {
        plan.transform_up(|node| {
            if let Some(projection) = node.downcast_ref::<ProjectionExec>() {
                let width = projection.input().schema().fields().len();
                let mut changed = false;
                let mut expressions = Vec::with_capacity(projection.expr().len());
                for item in projection.expr() {
                    let realigned = realign(Arc::clone(&item.expr), width)?;
                    changed |= realigned.transformed;
                    expressions.push(ProjectionExpr { expr: realigned.data, alias: item.alias.clone() });
                }
                if changed {
                    return Ok(Transformed::yes(Arc::new(ProjectionExec::try_new(expressions, Arc::clone(projection.input()))?) as Arc<dyn ExecutionPlan>));
                }
            } else if let Some(filter) = node.downcast_ref::<FilterExec>() {
                let realigned = realign(Arc::clone(filter.predicate()), filter.input().schema().fields().len())?;
                if realigned.transformed {
                    let rebuilt = FilterExecBuilder::from(filter).with_predicate(realigned.data).build()?;
                    return Ok(Transformed::yes(Arc::new(rebuilt) as Arc<dyn ExecutionPlan>));
                }
            }
            Ok(Transformed::no(node))
        })
        .map(|t| t.data)
    }

    fn name(&self) -> &str {
        "lambda_variable_indices"
    }

    fn schema_check(&self) -> bool {
        true
    }
}
