//! `groupBy(...).agg(...)` and global aggregates: Spark's `Aggregate` node. Aggregate
//! functions nested in expressions (`round(stddev(x), 2)`) are computed first and the
//! expressions evaluated over their results.
use datafusion::logical_expr::utils::find_aggregate_exprs;
use datafusion::logical_expr::{Expr, LogicalPlan, LogicalPlanBuilder};

use super::project::{named, replace_with_columns};
use super::PlanResolver;
use crate::engine::local::error::Result;
use crate::plan::Expression;

impl PlanResolver<'_> {
    /// `groupBy(grouping).agg(aggregates)`: the grouping columns, then the aggregates.
    pub(super) fn aggregate(&self, input: LogicalPlan, grouping: &[Expression], aggregates: &[Expression]) -> Result<LogicalPlan> {
        let schema = input.schema().clone();
        let grouping = self.output_expressions(grouping, &schema)?;
        let mut outputs = grouping.clone();
        for aggregate in aggregates {
            outputs.push(named(self.expression(aggregate, &schema)?));
        }
        self.aggregate_resolved(input, grouping, outputs)
    }

    /// Builds Aggregate + Project for resolved grouping keys and output expressions.
    pub(super) fn aggregate_resolved(&self, input: LogicalPlan, grouping: Vec<Expr>, outputs: Vec<Expr>) -> Result<LogicalPlan> {
        let aggregates = find_aggregate_exprs(outputs.iter());
        let keys: Vec<Expr> = grouping.iter().map(|g| g.clone().unalias()).collect();
        let grouping_named: Vec<Expr> = grouping.iter().map(|g| named(g.clone())).collect();
        let plan = LogicalPlanBuilder::from(input).aggregate(grouping_named, aggregates.clone())?.build()?;
        let schema = plan.schema().clone();
        let outputs = outputs
            .into_iter()
            .map(|output| {
                let output = replace_with_columns(output, &aggregates, &schema, keys.len())?;
                replace_with_columns(output, &keys, &schema, 0)
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(LogicalPlanBuilder::from(plan).project(outputs)?.build()?)
    }
}
