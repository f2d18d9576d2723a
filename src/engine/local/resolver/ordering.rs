//! Spark's row order where DataFusion leaves it open: a stable `orderBy`, and joins that
//! emit rows in the order of Spark's physical joins, so ties print as PySpark prints them.
//!
//! Rules, as observed on Spark 4.3 with small inputs:
//! - Sorts are stable: Spark's `UnsafeExternalSorter` keeps the input order of equal keys.
//! - Hash joins (`BroadcastHashJoinExec`): rows follow the streamed side; the matches of one
//!   streamed row come from `BytesToBytesMap`, newest build row first. Left, inner, semi and
//!   anti joins stream the left side; a right join streams the right side.
//! - Full outer joins (`SortMergeJoinExec`): by join key, NULL keys first, then left rows
//!   before right rows, each side in its input order.
//! - Joins without keys (`BroadcastNestedLoopJoinExec`): left order, then right order.
use datafusion::common::Column;
use datafusion::functions_window::expr_fn::row_number;
use datafusion::logical_expr::{col, ExprFunctionExt, Expr, JoinType, LogicalPlan, LogicalPlanBuilder, SortExpr};

use crate::engine::local::error::Result;

/// The hidden ordinal column a stable sort adds to its input.
pub(super) const ORDINAL: &str = "__ember_ordinal";
/// The hidden ordinals of a join's two inputs.
pub(super) const LEFT_ORDINAL: &str = "__ember_left_ordinal";
pub(super) const RIGHT_ORDINAL: &str = "__ember_right_ordinal";
/// A row's position in the order a stable sort or a join computed.
const POSITION: &str = "__ember_position";

/// Adds `name` = the row's position in `plan`'s output (Spark's `monotonically_increasing_id`
/// order on one partition), via `row_number() OVER ()`.
pub(super) fn with_ordinal(plan: LogicalPlan, name: &str) -> Result<LogicalPlan> {
    Ok(LogicalPlanBuilder::from(plan).window(vec![row_number().alias(name)])?.build()?)
}

/// A column of `plan`'s output that is not one of the hidden ordinals.
fn visible_columns(plan: &LogicalPlan) -> Vec<Expr> {
    plan.schema()
        .iter()
        .filter(|(_, field)| ![ORDINAL, LEFT_ORDINAL, RIGHT_ORDINAL, POSITION].contains(&field.name().as_str()))
        .map(|(qualifier, field)| Expr::Column(Column::new(qualifier.cloned(), field.name())))
        .collect()
}

/// Puts `plan`'s rows in the order of `keys`, then of the hidden `ordinals`, and drops the
/// hidden columns. The order is computed as `row_number() OVER (ORDER BY ...)` rather than a
/// plain sort, because DataFusion's `EnforceSorting` drops a sort that no parent requires,
/// while a window's ordering is a requirement it keeps; the rows leave the window in order.
pub(super) fn sort_then_drop(plan: LogicalPlan, mut keys: Vec<SortExpr>, ordinals: &[(&str, bool)]) -> Result<LogicalPlan> {
    keys.extend(ordinals.iter().map(|(name, ascending)| col(*name).sort(*ascending, false)));
    let position = row_number().order_by(keys).build()?.alias(POSITION);
    let numbered = LogicalPlanBuilder::from(plan).window(vec![position])?.build()?;
    let sorted = LogicalPlanBuilder::from(numbered).sort(vec![col(POSITION).sort(true, false)])?.build()?;
    let visible = visible_columns(&sorted);
    Ok(LogicalPlanBuilder::from(sorted).project(visible)?.build()?)
}

/// The sort keys that put a join's output (which carries both hidden ordinals) in Spark's
/// physical join order: `equi_join` says whether the join has equality keys, and
/// `merge_keys` are the keys a sort-merge (full outer) join orders by.
pub(super) fn join_order(join_type: JoinType, equi_join: bool, merge_keys: Vec<Expr>) -> (Vec<SortExpr>, Vec<(&'static str, bool)>) {
    if matches!(join_type, JoinType::LeftSemi | JoinType::LeftAnti) {
        return (Vec::new(), vec![(LEFT_ORDINAL, true)]);
    }
    if !equi_join {
        return (Vec::new(), vec![(LEFT_ORDINAL, true), (RIGHT_ORDINAL, true)]);
    }
    match join_type {
        JoinType::Right => (Vec::new(), vec![(RIGHT_ORDINAL, true), (LEFT_ORDINAL, false)]),
        JoinType::Full => (
            merge_keys.into_iter().map(|key| key.sort(true, true)).collect(),
            vec![(LEFT_ORDINAL, true), (RIGHT_ORDINAL, true)],
        ),
        _ => (Vec::new(), vec![(LEFT_ORDINAL, true), (RIGHT_ORDINAL, false)]),
    }
}
