//! `orderBy`/`sort`: Spark puts NULLs first when ascending and last when descending.
use datafusion::logical_expr::{LogicalPlan, LogicalPlanBuilder};

use super::PlanResolver;
use crate::engine::local::error::Result;
use crate::plan::SortOrder;

impl PlanResolver<'_> {
    pub(super) fn sort(&self, input: LogicalPlan, order: &[SortOrder]) -> Result<LogicalPlan> {
        let schema = input.schema().clone();
        let keys = order.iter().map(|o| self.sort_expression(o, &schema)).collect::<Result<Vec<_>>>()?;
        Ok(LogicalPlanBuilder::from(input).sort(keys)?.build()?)
    }
}
