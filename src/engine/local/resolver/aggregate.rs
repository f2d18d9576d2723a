//! `groupBy(...).agg(...)` and global aggregates: Spark's `Aggregate` node. Aggregate
//! functions nested in expressions (`round(stddev(x), 2)`) are computed first and the
//! expressions evaluated over their results.
use datafusion::common::tree_node::{Transformed, TreeNode};
use datafusion::logical_expr::utils::find_aggregate_exprs;
use datafusion::logical_expr::{Expr, GroupingSet, LogicalPlan, LogicalPlanBuilder};

use super::project::{named, replace_with_columns};
use super::PlanResolver;
use crate::engine::local::error::{EngineError, Result};
use crate::plan::{Expression, Pivot};

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

    /// `groupBy`, `rollup` or `cube` (Spark's `GroupType`): rollup and cube group by
    /// DataFusion's grouping sets; the grouping columns are NULL where rolled up.
    pub(super) fn aggregate_grouped(&self, input: LogicalPlan, grouping: &[Expression], aggregates: &[Expression], group_type: Option<&str>) -> Result<LogicalPlan> {
        let kind = group_type.unwrap_or("groupby").to_lowercase();
        if kind == "groupby" {
            return self.aggregate(input, grouping, aggregates);
        }
        let schema = input.schema().clone();
        let keys: Vec<Expr> = self.output_expressions(grouping, &schema)?.into_iter().map(|k| k.unalias()).collect();
        let set = match kind.as_str() {
            "rollup" => GroupingSet::Rollup(keys.clone()),
            "cube" => GroupingSet::Cube(keys.clone()),
            other => return Err(EngineError::internal(format!("unknown group type {other}"))),
        };
        let mut aggregate_outputs = Vec::new();
        for aggregate in aggregates {
            aggregate_outputs.push(named(self.expression(aggregate, &schema)?));
        }
        let found = find_aggregate_exprs(aggregate_outputs.iter());
        let plan = LogicalPlanBuilder::from(input).aggregate(vec![Expr::GroupingSet(set)], found.clone())?.build()?;
        let out_schema = plan.schema().clone();
        // The aggregate's output: the keys, DataFusion's `__grouping_id`, then the aggregates.
        let mut outputs: Vec<Expr> = keys
            .iter()
            .enumerate()
            .map(|(i, key)| {
                let name = match key {
                    Expr::Column(column) => column.name.clone(),
                    other => other.schema_name().to_string(),
                };
                Expr::Column(datafusion::common::Column::from(out_schema.qualified_field(i))).alias(name)
            })
            .collect();
        for output in aggregate_outputs {
            let output = replace_with_columns(output, &found, &out_schema, keys.len() + 1)?;
            outputs.push(replace_with_columns(output, &keys, &out_schema, 0)?);
        }
        Ok(LogicalPlanBuilder::from(plan).project(outputs)?.build()?)
    }

    /// `groupBy(grouping).pivot(column, values).agg(aggregates)`: Spark's `Pivot`, one
    /// aggregate per value and aggregate expression, each counting only the rows whose
    /// pivot column equals the value (`EqualNullSafe`), as an aggregate `FILTER`.
    pub(super) fn pivot(&self, input: LogicalPlan, grouping: &[Expression], aggregates: &[Expression], pivot: &Pivot) -> Result<LogicalPlan> {
        let schema = input.schema().clone();
        let grouping = self.output_expressions(grouping, &schema)?;
        let column = self.expression(&pivot.column, &schema)?;
        let mut outputs = grouping.clone();
        for (value, name) in pivot.values.iter().zip(&pivot.names) {
            let value = self.expression(value, &schema)?;
            let condition = Expr::BinaryExpr(datafusion::logical_expr::BinaryExpr::new(Box::new(column.clone()), datafusion::logical_expr::Operator::IsNotDistinctFrom, Box::new(value)));
            for aggregate in aggregates {
                let resolved = named(self.expression(aggregate, &schema)?);
                let (inner, aggregate_name) = match resolved {
                    Expr::Alias(alias) => (*alias.expr, alias.name),
                    other => {
                        let name = other.schema_name().to_string();
                        (other, name)
                    }
                };
                let filtered = inner
                    .transform(|e| {
                        Ok(match e {
                            Expr::AggregateFunction(mut function) => {
                                function.params.filter = Some(Box::new(condition.clone()));
                                Transformed::yes(Expr::AggregateFunction(function))
                            }
                            other => Transformed::no(other),
                        })
                    })?
                    .data;
                let output_name = if aggregates.len() == 1 { name.clone() } else { format!("{name}_{aggregate_name}") };
                outputs.push(filtered.alias(output_name));
            }
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
