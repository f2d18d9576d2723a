//! `orderBy`/`sort`: Spark puts NULLs first when ascending and last when descending, and
//! keeps the input order of equal keys (a stable sort, see `ordering`).
use datafusion::logical_expr::{col, Expr, LogicalPlan, LogicalPlanBuilder};

use super::ordering::{sort_then_drop, with_ordinal, ORDINAL};
use super::PlanResolver;
use crate::engine::local::error::Result;
use crate::plan::SortOrder;

impl PlanResolver<'_> {
    pub(super) fn sort(&self, input: LogicalPlan, order: &[SortOrder]) -> Result<LogicalPlan> {
        let schema = input.schema().clone();
        let mut below_projection = false;
        let mut keys = Vec::with_capacity(order.len());
        for key in order {
            match self.sort_expression(key, &schema) {
                Ok(resolved) => keys.push(resolved),
                Err(error) => {
                    // Spark sorts by columns the projection dropped (`select(a).orderBy(b)`):
                    // resolve against the projection's input; DataFusion carries them along.
                    let LogicalPlan::Projection(projection) = &input else { return Err(error) };
                    match self.sort_expression(key, projection.input.schema()) {
                        Ok(resolved) => {
                            below_projection = true;
                            keys.push(resolved)
                        }
                        Err(_) => return Err(error),
                    }
                }
            }
        }
        match input {
            // Keys that read columns the projection dropped: number and sort below a widened
            // projection, then restore the projection's own columns.
            LogicalPlan::Projection(projection) if below_projection => {
                let output: Vec<Expr> = projection.schema.columns().into_iter().map(Expr::Column).collect();
                let mut widened = projection.expr.clone();
                for key in &keys {
                    for column in key.expr.column_refs() {
                        let column = Expr::Column(column.clone());
                        if !output.contains(&column) && !widened.contains(&column) {
                            widened.push(column);
                        }
                    }
                }
                widened.push(col(ORDINAL));
                let inner = with_ordinal(projection.input.as_ref().clone(), ORDINAL)?;
                let widened = LogicalPlanBuilder::from(inner).project(widened)?.build()?;
                let sorted = sort_then_drop(widened, keys, &[(ORDINAL, true)])?;
                Ok(LogicalPlanBuilder::from(sorted).project(output)?.build()?)
            }
            input => sort_then_drop(with_ordinal(input, ORDINAL)?, keys, &[(ORDINAL, true)]),
        }
    }
}
