//! A filter whose condition reads no column is decided before other rules move it, as
//! Spark's `ConstantFolding` and `PruneFilters` decide it: a condition that is true drops
//! the filter, and one that is false or NULL leaves no rows.
//!
//! Without this, DataFusion's `push_down_filter` moves such a condition below a global
//! aggregate (its columns, none, are all grouping columns), where it empties the
//! aggregate's input instead of removing the aggregate's one row:
//! `df.groupBy().count().filter(lit(None).cast("boolean")).filter(lit(True))` gave one
//! row with a count of 0, where Spark gives none.
use datafusion::common::tree_node::Transformed;
use datafusion::common::ScalarValue;
use datafusion::error::Result;
use datafusion::logical_expr::simplify::SimplifyContext;
use datafusion::logical_expr::{EmptyRelation, Expr, LogicalPlan};
use datafusion::optimizer::simplify_expressions::ExprSimplifier;
use datafusion::optimizer::{ApplyOrder, OptimizerConfig, OptimizerRule};

/// The logical rule; it runs before DataFusion's own.
#[derive(Debug, Default)]
pub struct ConstantFilters;

impl OptimizerRule for ConstantFilters {
    fn name(&self) -> &str {
        "decide_constant_filters"
    }

    fn apply_order(&self) -> Option<ApplyOrder> {
        Some(ApplyOrder::TopDown)
    }

    fn rewrite(&self, plan: LogicalPlan, config: &dyn OptimizerConfig) -> Result<Transformed<LogicalPlan>> {
        let LogicalPlan::Filter(filter) = &plan else { return Ok(Transformed::no(plan)) };
        if !filter.predicate.column_refs().is_empty() || filter.predicate.is_volatile() {
            return Ok(Transformed::no(plan));
        }
        let context = SimplifyContext::builder()
            .with_schema(filter.input.schema().clone())
            .with_config_options(config.options())
            .build();
        // A condition that fails to evaluate stays, and fails when the rows reach it.
        let Ok(value) = ExprSimplifier::new(context).simplify(filter.predicate.clone()) else {
            return Ok(Transformed::no(plan));
        };
        match value {
            Expr::Literal(ScalarValue::Boolean(Some(true)), _) => Ok(Transformed::yes(filter.input.as_ref().clone())),
            Expr::Literal(ScalarValue::Boolean(_) | ScalarValue::Null, _) => {
                Ok(Transformed::yes(LogicalPlan::EmptyRelation(EmptyRelation { produce_one_row: false, schema: plan.schema().clone() })))
            }
            _ => Ok(Transformed::no(plan)),
        }
    }
}
