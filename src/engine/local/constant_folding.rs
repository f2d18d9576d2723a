//! Spark's `ConstantFolding` where the engine's differs, in two optimizer rules:
//! - [`ConstantErrors`], after DataFusion's rules: a constant expression outside a conditional branch is evaluated while the plan is
//!   optimized, and its error fails the query, as in Spark: `cast('a' as int)` raises
//!   `CAST_INVALID_INPUT` even when no row reaches it (an empty table, a filter that keeps
//!   none). In a branch of `CASE`/`when`, `coalesce` or `nanvl` its error waits for a row,
//!   as Spark's `ConstantFolding` leaves a failing conditional branch unfolded. The
//!   engine's simplifier keeps such an expression and says nothing.
//! - [`ConstantFilters`], before DataFusion's rules: a filter whose condition reads no
//!   column is decided, as Spark's `PruneFilters` decides it: a condition that is true
//!   drops the filter, and one that is false or NULL leaves no rows.
//!
//! Without the second, DataFusion's `push_down_filter` moves such a condition below a global
//! aggregate (its columns, none, are all grouping columns), where it empties the
//! aggregate's input instead of removing the aggregate's one row:
//! `df.groupBy().count().filter(lit(None).cast("boolean")).filter(lit(True))` gave one
//! row with a count of 0, where Spark gives none.
use std::sync::Arc;

use datafusion::arrow::array::{RecordBatch, RecordBatchOptions};
use datafusion::arrow::datatypes::Schema;
use datafusion::common::tree_node::{Transformed, TreeNode, TreeNodeRecursion};
use datafusion::common::{DFSchema, ScalarValue};
use datafusion::logical_expr::{ColumnarValue, Volatility};
use datafusion::physical_expr::create_physical_expr;
use datafusion::error::Result;
use datafusion::logical_expr::simplify::SimplifyContext;
use datafusion::logical_expr::{EmptyRelation, Expr, LogicalPlan};
use datafusion::optimizer::simplify_expressions::ExprSimplifier;
use datafusion::optimizer::{ApplyOrder, OptimizerConfig, OptimizerRule};

/// The rule deciding column-free filters; it runs before DataFusion's own.
#[derive(Debug, Default)]
pub struct ConstantFilters;

/// The rule raising the errors of constant expressions; it runs after DataFusion's own,
/// once unused columns are pruned and `limit(0)` has emptied its input, as Spark's
/// `ColumnPruning` and `OptimizeLimitZero` run before its `ConstantFolding` reaches them.
#[derive(Debug, Default)]
pub struct ConstantErrors;

impl OptimizerRule for ConstantErrors {
    fn name(&self) -> &str {
        "raise_constant_errors"
    }

    fn apply_order(&self) -> Option<ApplyOrder> {
        Some(ApplyOrder::TopDown)
    }

    fn rewrite(&self, plan: LogicalPlan, config: &dyn OptimizerConfig) -> Result<Transformed<LogicalPlan>> {
        plan.apply_expressions(|expression| raise_constant_errors(expression, false, config).map(|()| TreeNodeRecursion::Continue))?;
        Ok(Transformed::no(plan))
    }
}

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

/// Whether Spark can fold `expr`: it reads no column and calls only deterministic
/// functions that are not Python UDFs (Spark's `foldable`). Expressions holding a
/// conditional one are not evaluated whole here: the engine evaluates `coalesce` and
/// `nanvl` operands eagerly, where Spark evaluates the branch it takes.
fn foldable(expr: &Expr) -> bool {
    !expr
        .exists(|e| {
            Ok(match e {
                Expr::Column(_)
                | Expr::OuterReferenceColumn(..)
                | Expr::AggregateFunction(_)
                | Expr::WindowFunction(_)
                | Expr::ScalarSubquery(_)
                | Expr::Exists(_)
                | Expr::InSubquery(_)
                | Expr::Placeholder(_)
                | Expr::ScalarVariable(..)
                | Expr::Unnest(_)
                | Expr::GroupingSet(_) => true,
                #[allow(deprecated)]
                Expr::Wildcard { .. } => true,
                // Left to the walk, which treats their operands as branches.
                e if conditional(e) => true,
                Expr::ScalarFunction(call) => {
                    call.func.signature().volatility != Volatility::Immutable || call.func.inner().downcast_ref::<crate::engine::local::python_udf::PythonUdf>().is_some()
                }
                _ => false,
            })
        })
        .unwrap_or(true)
}

/// Spark's conditional expressions, whose operands are conditional branches.
fn conditional(expr: &Expr) -> bool {
    match expr {
        Expr::Case(_) => true,
        Expr::ScalarFunction(call) => matches!(call.func.name(), "coalesce" | "nanvl" | "nvl" | "nvl2" | "ifnull" | "if"),
        _ => false,
    }
}

/// Evaluates each largest constant part of `expr` once and returns the Spark error of one
/// that fails outside a conditional branch.
fn raise_constant_errors(expr: &Expr, in_branch: bool, config: &dyn OptimizerConfig) -> Result<()> {
    if let Expr::Alias(alias) = expr {
        return raise_constant_errors(&alias.expr, in_branch, config);
    }
    if !matches!(expr, Expr::Literal(..)) && foldable(expr) {
        if in_branch {
            return Ok(());
        }
        // An error with a Spark condition fails the query; one without (an engine
        // function that cannot evaluate its constant alone) is left to the rows.
        return match evaluate(expr, config).map_err(crate::engine::local::error::EngineError::from) {
            Err(error @ crate::engine::local::error::EngineError::Spark { .. }) => Err(error.into()),
            _ => Ok(()),
        };
    }
    let branch = in_branch || conditional(expr);
    let mut outcome = Ok(());
    let _ = expr.apply_children(|child| {
        outcome = raise_constant_errors(child, branch, config);
        Ok(if outcome.is_ok() { TreeNodeRecursion::Continue } else { TreeNodeRecursion::Stop })
    });
    outcome
}

/// The value of a constant expression, computed on one row of no columns.
fn evaluate(expr: &Expr, config: &dyn OptimizerConfig) -> Result<ColumnarValue> {
    let schema = DFSchema::empty();
    let mut props = datafusion::logical_expr::execution_props::ExecutionProps::new();
    props.config_options = Some(config.options());
    let physical = create_physical_expr(expr, &schema, &props, &datafusion::logical_expr::physical_planning_context::PhysicalPlanningContext::default())?;
    let batch = RecordBatch::try_new_with_options(Arc::new(Schema::empty()), vec![], &RecordBatchOptions::new().with_row_count(Some(1)))?;
    physical.evaluate(&batch)
}
