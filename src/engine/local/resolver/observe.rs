//! `DataFrame.observe`: the aggregate that computes a `CollectMetrics` node's metrics,
//! checked as Spark's `CheckAnalysis` checks observed metrics (`INVALID_OBSERVED_METRICS`).
use datafusion::common::tree_node::{TreeNode, TreeNodeRecursion};
use datafusion::logical_expr::{Expr, LogicalPlan};

use super::project::named;
use super::PlanResolver;
use crate::engine::local::error::{EngineError, Result};
use crate::engine::local::naming::spark_name;
use crate::plan::{Expression, Relation};

/// `INVALID_OBSERVED_METRICS.<sub>` with its one `expr` parameter.
fn invalid(sub: &str, detail: &str, expr: String) -> EngineError {
    EngineError::analysis(
        &format!("INVALID_OBSERVED_METRICS.{sub}"),
        format!("Invalid observed metrics. {}", detail.replace("<expr>", &expr)),
        &[("expr", expr)],
    )
}

/// The text Spark quotes in these messages: the whole metric's SQL, with its output name
/// when it is not a plain column (`"count(DISTINCT age) AS `count(DISTINCT age)`"`).
fn quoted(output: &Expr) -> String {
    match output {
        Expr::Alias(alias) => format!("\"{} AS `{}`\"", spark_name(&alias.expr), alias.name),
        Expr::Column(column) => format!("\"{}\"", column.name),
        other => format!("\"{}\"", spark_name(other)),
    }
}

/// Fails unless every column reference and non-deterministic call of `expr` sits
/// inside an aggregate function, no aggregate is DISTINCT, filtered or nested, and no
/// window function appears (Spark's rules for `CollectMetrics`).
fn check(expr: &Expr, output: &Expr, inside_aggregate: bool) -> Result<()> {
    match expr {
        Expr::AggregateFunction(aggregate) => {
            if inside_aggregate {
                return Err(invalid("NESTED_AGGREGATES_UNSUPPORTED", "Nested aggregates are not allowed in observed metrics, but found: <expr>.", quoted(output)));
            }
            if aggregate.params.distinct {
                return Err(invalid("AGGREGATE_EXPRESSION_WITH_DISTINCT_UNSUPPORTED", "Aggregate expressions with DISTINCT are not allowed in observed metrics, but found: <expr>.", quoted(output)));
            }
            if aggregate.params.filter.is_some() {
                return Err(invalid("AGGREGATE_EXPRESSION_WITH_FILTER_UNSUPPORTED", "Aggregate expression with FILTER predicate are not allowed in observed metrics, but found: <expr>.", quoted(output)));
            }
            return aggregate.params.args.iter().try_for_each(|argument| check(argument, output, true));
        }
        Expr::WindowFunction(_) => {
            return Err(invalid("WINDOW_EXPRESSIONS_UNSUPPORTED", "Window expressions are not allowed in observed metrics, but found: <expr>.", quoted(output)));
        }
        Expr::Column(_) if !inside_aggregate => {
            return Err(invalid("NON_AGGREGATE_FUNC_ARG_IS_ATTRIBUTE", "Attribute <expr> can only be used as an argument to an aggregate function.", quoted(output)));
        }
        Expr::ScalarFunction(call) if !inside_aggregate && call.func.signature().volatility == datafusion::logical_expr::Volatility::Volatile => {
            return Err(invalid("NON_AGGREGATE_FUNC_ARG_IS_NON_DETERMINISTIC", "Non-deterministic expression <expr> can only be used as an argument to an aggregate function.", quoted(output)));
        }
        _ => {}
    }
    let mut failure = None;
    expr.apply_children(|child| match check(child, output, inside_aggregate) {
        Ok(()) => Ok(TreeNodeRecursion::Continue),
        Err(error) => {
            failure = Some(error);
            Ok(TreeNodeRecursion::Stop)
        }
    })?;
    failure.map_or(Ok(()), Err)
}

impl PlanResolver<'_> {
    /// The one-row aggregate of `metrics` over `input`, after checking them as Spark does.
    pub(super) fn metrics_aggregate(&self, input: LogicalPlan, metrics: &[Expression]) -> Result<LogicalPlan> {
        let schema = input.schema().clone();
        let mut outputs = Vec::with_capacity(metrics.len());
        for metric in metrics {
            let output = named(self.expression(metric, &schema)?);
            let inner = match &output {
                Expr::Alias(alias) => alias.expr.as_ref(),
                other => other,
            };
            check(inner, &output, false)?;
            outputs.push(output);
        }
        self.aggregate_resolved(input, Vec::new(), outputs)
    }

    /// The plan computing the metrics of a `CollectMetrics` node, for the session to run
    /// after an action over a plan that holds it.
    pub async fn metrics_plan(&self, node: &Relation) -> Result<LogicalPlan> {
        let Relation::CollectMetrics { input, metrics, .. } = node else {
            return Err(EngineError::internal("metrics_plan needs a CollectMetrics node"));
        };
        let input = self.resolve(input).await?;
        self.metrics_aggregate(input, metrics)
    }
}
