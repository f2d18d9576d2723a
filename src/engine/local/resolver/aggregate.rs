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
    /// `groupBy(grouping).agg(aggregates)`, `rollup` or `cube` (Spark's `GroupType`): the
    /// grouping columns, then the aggregates. Rollup and cube group by
    /// DataFusion's grouping sets; the grouping columns are NULL where rolled up.
    pub(super) fn aggregate_grouped(&self, input: LogicalPlan, grouping: &[Expression], aggregates: &[Expression], group_type: Option<&str>, sets: Option<&[Vec<Expression>]>, shuffled: bool) -> Result<LogicalPlan> {
        let schema = input.schema().clone();
        let grouping = self.output_expressions(grouping, &schema)?;
        let mut outputs = grouping.clone();
        for aggregate in aggregates {
            outputs.push(named(self.expression(aggregate, &schema)?));
        }
        let rollup = |keys: Vec<Expr>| GroupingSet::Rollup(keys);
        let cube = |keys: Vec<Expr>| GroupingSet::Cube(keys);
        // `groupingSets(sets, *cols)`: each set names some of the grouping columns.
        let mut resolved_sets = Vec::new();
        for set in sets.unwrap_or_default() {
            resolved_sets.push(set.iter().map(|e| self.expression(e, &schema).map(|e| e.unalias())).collect::<Result<Vec<_>>>()?);
        }
        let explicit = move |_keys: Vec<Expr>| GroupingSet::GroupingSets(resolved_sets.clone());
        let set: Option<&dyn Fn(Vec<Expr>) -> GroupingSet> = match group_type.map(str::to_lowercase).as_deref() {
            None | Some("groupby") => None,
            Some("rollup") => Some(&rollup),
            Some("cube") => Some(&cube),
            Some("grouping_sets") => Some(&explicit),
            Some(other) => return Err(EngineError::internal(format!("unknown group type {other}"))),
        };
        self.aggregate_with(input, grouping, set, outputs, Some(shuffled))
    }

    /// `groupBy(grouping).pivot(column, values).agg(aggregates)`: Spark's `Pivot`, one
    /// aggregate per value and aggregate expression, each counting only the rows whose
    /// pivot column equals the value (`EqualNullSafe`), as an aggregate `FILTER`.
    pub(super) fn pivot(&self, input: LogicalPlan, grouping: &[Expression], aggregates: &[Expression], pivot: &Pivot, shuffled: bool) -> Result<LogicalPlan> {
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
                // A cell with no rows is NULL, as Spark's pivot gives, even for count.
                let rows = {
                    use datafusion::execution::FunctionRegistry;
                    let mut count = match self.session().context().udaf("count")?.call(vec![Expr::Literal(datafusion::common::ScalarValue::Int32(Some(1)), None)]) {
                        Expr::AggregateFunction(function) => function,
                        _ => return Err(crate::engine::local::error::EngineError::internal("count is not an aggregate")),
                    };
                    count.params.filter = Some(Box::new(condition.clone()));
                    Expr::AggregateFunction(count)
                };
                let zero = Expr::Literal(datafusion::common::ScalarValue::Int64(Some(0)), None);
                let filtered = Expr::Case(datafusion::logical_expr::expr::Case::new(None, vec![(Box::new(rows.gt(zero)), Box::new(filtered))], None));
                let output_name = if aggregates.len() == 1 { name.clone() } else { format!("{name}_{aggregate_name}") };
                outputs.push(filtered.alias(output_name));
            }
        }
        self.aggregate_with(input, grouping, None, outputs, Some(shuffled))
    }

    /// Builds Aggregate + Project for resolved grouping keys and output expressions.
    pub(super) fn aggregate_resolved(&self, input: LogicalPlan, grouping: Vec<Expr>, outputs: Vec<Expr>) -> Result<LogicalPlan> {
        self.aggregate_with(input, grouping, None, outputs, None)
    }

    /// Aggregate + Project, grouping by the keys or by a grouping set made of them. A
    /// grouping set's output has DataFusion's `__grouping_id` after the keys.
    /// `shuffled`: give the groups Spark's order (see `ordering`), the input shuffled by
    /// the keys or not; `None` leaves DataFusion's order.
    fn aggregate_with(&self, input: LogicalPlan, grouping: Vec<Expr>, set: Option<&dyn Fn(Vec<Expr>) -> GroupingSet>, outputs: Vec<Expr>, shuffled: Option<bool>) -> Result<LogicalPlan> {
        use datafusion::logical_expr::ExprSchemable;
        let keys: Vec<Expr> = grouping.iter().map(|g| g.clone().unalias()).collect();
        let ordered = match shuffled {
            Some(shuffled) if set.is_none() && !keys.is_empty() => {
                let mut hashable = true;
                for key in &keys {
                    hashable &= super::ordering::hashable(&key.get_type(input.schema())?);
                }
                hashable.then_some(shuffled)
            }
            _ => None,
        };
        let input = if ordered.is_some() { super::ordering::numbered_for_groups(input)? } else { input };
        // Spark's grouping_id() is the grouping bits of every key, first key highest.
        let outputs = outputs
            .into_iter()
            .map(|output| {
                output
                    .transform_up(|e| match e {
                        Expr::AggregateFunction(mut function) if function.func.name() == "grouping" && function.params.args.is_empty() => {
                            function.params.args = keys.clone();
                            Ok(Transformed::yes(Expr::AggregateFunction(function)))
                        }
                        // grouping_id(c1, c2, ...) names the grouping columns, in their order.
                        Expr::AggregateFunction(function) if function.func.name() == "grouping" && function.params.args.len() > 1 && function.params.args != keys => {
                            let names = |exprs: &[Expr]| exprs.iter().map(crate::engine::local::naming::spark_name).collect::<Vec<_>>().join(",");
                            Err(datafusion::error::DataFusionError::External(Box::new(EngineError::analysis(
                                "GROUPING_ID_COLUMN_MISMATCH",
                                format!("Columns of grouping_id ({}) does not match grouping columns ({}).", names(&function.params.args), names(&keys)),
                                &[("groupingIdColumn", names(&function.params.args)), ("groupByColumns", names(&keys))],
                            ))))
                        }
                        other => Ok(Transformed::no(other)),
                    })
                    .map(|t| t.data)
            })
            .collect::<std::result::Result<Vec<_>, _>>()?;
        let aggregates = find_aggregate_exprs(outputs.iter());
        nondeterministic_arguments(&aggregates)?;
        let (group_by, offset) = match set {
            Some(set) => (vec![Expr::GroupingSet(set(keys.clone()))], keys.len() + 1),
            None => (grouping.iter().map(|g| named(g.clone())).collect(), keys.len()),
        };
        let operator = super::ordering::group_operator(&aggregates, input.schema())?;
        let mut computed = distinct_names(&aggregates);
        if ordered.is_some() {
            computed.extend(super::ordering::first_row());
        }
        let plan = LogicalPlanBuilder::from(input).aggregate(group_by, computed)?.build()?;
        let schema = plan.schema().clone();
        let outputs = outputs
            .into_iter()
            .map(|output| {
                let output = replace_with_columns(output, &aggregates, &schema, offset)?;
                replace_with_columns(output, &keys, &schema, 0)
            })
            .collect::<Result<Vec<_>>>()?;
        let outputs = super::project::distinct_qualifiers(outputs);
        match ordered {
            Some(shuffled) => super::ordering::ordered_groups(self.session(), plan, outputs, offset, shuffled, operator),
            None => Ok(LogicalPlanBuilder::from(plan).project(outputs)?.build()?),
        }
    }
}

/// Spark's `AGGREGATE_FUNCTION_WITH_NONDETERMINISTIC_EXPRESSION` (its `CheckAnalysis`) for
/// an aggregate whose arguments are not deterministic (`max(rand(1))`), which would give
/// different results as the rows are split between partial aggregates; a nondeterministic
/// grouping key is allowed, computed in a projection below the aggregate.
fn nondeterministic_arguments(aggregates: &[Expr]) -> Result<()> {
    for aggregate in aggregates {
        let Expr::AggregateFunction(function) = aggregate else { continue };
        if function.params.args.iter().any(|argument| argument.is_volatile()) {
            let shown = format!("\"{}\"", crate::engine::local::naming::spark_name(aggregate));
            return Err(EngineError::analysis(
                "AGGREGATE_FUNCTION_WITH_NONDETERMINISTIC_EXPRESSION",
                format!("Non-deterministic expression {shown} should not appear in the arguments of an aggregate function."),
                &[("sqlExpr", shown)],
            ));
        }
    }
    Ok(())
}

/// The aggregates, each whose engine name repeats another's aliased by its position: two
/// aggregates the engine names alike (`sum(id)` and `sum(CAST(id AS INT))`, both `sum(id)`
/// to DataFusion) are two columns in Spark. The outputs find them by position.
fn distinct_names(aggregates: &[Expr]) -> Vec<Expr> {
    let names: Vec<String> = aggregates.iter().map(|a| a.schema_name().to_string()).collect();
    aggregates
        .iter()
        .enumerate()
        .map(|(position, aggregate)| {
            if names.iter().filter(|name| **name == names[position]).count() > 1 {
                aggregate.clone().alias(format!("__ember_aggregate_{position}"))
            } else {
                aggregate.clone()
            }
        })
        .collect()
}
