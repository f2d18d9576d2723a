//! `orderBy`/`sort`: Spark puts NULLs first when ascending and last when descending.
use datafusion::logical_expr::{LogicalPlan, LogicalPlanBuilder};

use super::PlanResolver;
use crate::engine::local::error::Result;
use crate::plan::SortOrder;

impl PlanResolver<'_> {
    pub(super) fn sort(&self, input: LogicalPlan, order: &[SortOrder]) -> Result<LogicalPlan> {
        let schema = input.schema().clone();
        let mut keys = Vec::with_capacity(order.len());
        for key in order {
            match self.sort_expression(key, &schema) {
                Ok(resolved) => keys.push(resolved),
                Err(error) => {
                    // Spark sorts by columns the projection dropped (`select(a).orderBy(b)`):
                    // resolve against the projection's input; DataFusion carries them along.
                    let LogicalPlan::Projection(projection) = &input else { return Err(error) };
                    match self.sort_expression(key, projection.input.schema()) {
                        Ok(resolved) => keys.push(resolved),
                        Err(_) => return Err(error),
                    }
                }
            }
        }
        Ok(LogicalPlanBuilder::from(input).sort(keys)?.build()?)
    }
}
