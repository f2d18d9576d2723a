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
//! - Grouping (`groupBy`, `distinct`, `dropDuplicates`, `exceptAll`): each input
//!   partition (a map task) writes its groups by shuffle partition,
//!   `pmod(hash(keys), spark.sql.shuffle.partitions)`, in the order they first came;
//!   adaptive execution coalesces the shuffle into one reduce task, which fetches map
//!   output after map output, each in shuffle-partition order. What the reduce task
//!   lists depends on Spark's aggregate operator ([`GroupOperator`]):
//!   - `ObjectHashAggregateExec` (`collect_list` and other typed aggregates): groups in
//!     the order first met: by the partition of the group's first row, then shuffle
//!     partition, then first row.
//!   - `HashAggregateExec` (aggregation buffers of fixed-width values): the same, except
//!     that groups with a NULL key come after the others (its codegen'd fast hash map
//!     takes only non-NULL keys and is read first).
//!   - `SortAggregateExec` (a buffer holds a string or another variable-width value, as
//!     `first` or `max` of a string): sorted by the keys, NULLs first.
//!   An input that is one partition already (`SinglePartition`: a one-slice range,
//!   `coalesce(1)`, `limit`) is not shuffled: groups by first row (NULL keys after the
//!   others for `HashAggregateExec`), or by key for `SortAggregateExec`.
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

/// The hidden column of a group's first row (its smallest input ordinal).
pub(super) const FIRST_ROW: &str = "__ember_first_row";
/// The hidden column of the partition of a group's first row.
pub(super) const FIRST_PARTITION: &str = "__ember_first_partition";
/// The prefix of the hidden copies of a group's keys, which [`group_order`] drops.
pub(super) const GROUP_KEY: &str = "__ember_group_key";
/// The hidden column that tells a group with a NULL key.
const NULL_KEY: &str = "__ember_null_key";
/// The hidden column of a group's shuffle partition.
const BUCKET: &str = "__ember_bucket";

/// Whether Spark's Murmur3 `hash` covers values of this type (the types a group key
/// bucket is computed for; others leave the groups in DataFusion's order).
pub(super) fn hashable(data_type: &datafusion::arrow::datatypes::DataType) -> bool {
    use datafusion::arrow::datatypes::{DataType::*, TimeUnit};
    matches!(data_type, Null | Boolean | Int8 | Int16 | Int32 | Int64 | Date32 | Timestamp(TimeUnit::Microsecond, _) | Float32 | Float64 | Utf8 | LargeUtf8 | Utf8View | Binary)
        || matches!(data_type, Decimal128(precision, _) if *precision <= 18)
}

/// The aggregates that record each group's first row and its partition, over an input
/// numbered by [`with_ordinal`] under [`ORDINAL`] that carries the partition column.
pub(super) fn first_row() -> Vec<Expr> {
    use datafusion::functions_aggregate::expr_fn::min;
    vec![min(col(ORDINAL)).alias(FIRST_ROW), min(col(super::partitioning::PARTITION)).alias(FIRST_PARTITION)]
}

/// A grouping's input numbered for [`ordered_groups`]: its partition column (partition 0
/// when it has none) and the row ordinal.
pub(super) fn numbered_for_groups(input: LogicalPlan) -> Result<LogicalPlan> {
    with_ordinal(super::partitioning::with_constant_partition(input)?, ORDINAL)
}

/// The grouping's `outputs` over an aggregate `plan` (whose first `key_count` fields are
/// the keys and which computed [`first_row`]), in Spark's group order (see
/// [`group_order`]).
pub(super) fn ordered_groups(
    session: &crate::engine::local::LocalSession,
    plan: LogicalPlan,
    mut outputs: Vec<Expr>,
    key_count: usize,
    shuffled: bool,
    operator: GroupOperator,
) -> Result<LogicalPlan> {
    let schema = plan.schema().clone();
    // Hidden copies of the keys (for the group's bucket) and the group's first row.
    for i in 0..key_count {
        let (qualifier, field) = schema.qualified_field(i);
        outputs.push(Expr::Column(Column::new(qualifier.cloned(), field.name())).alias(format!("{GROUP_KEY}{i}")));
    }
    outputs.push(col(FIRST_ROW));
    outputs.push(col(FIRST_PARTITION));
    let projected = LogicalPlanBuilder::from(plan).project(outputs)?.build()?;
    let keys = (0..key_count).map(|i| col(format!("{GROUP_KEY}{i}"))).collect();
    let hash = datafusion::execution::FunctionRegistry::udf(session.context(), "hash")?;
    group_order(projected, keys, shuffled, operator, &hash, session.shuffle_partitions())
}

/// Spark's physical aggregate operator for a grouping, which decides the groups' order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum GroupOperator {
    Hash,
    ObjectHash,
    Sort,
}

/// The aggregates Spark computes with a typed (object) buffer.
const TYPED_AGGREGATES: [&str; 14] = [
    "collect_list", "collect_set", "array_agg", "percentile", "percentile_approx", "approx_percentile", "median", "mode", "histogram_numeric",
    "count_min_sketch", "bloom_filter_agg", "listagg", "string_agg", "hll_sketch_agg",
];

/// Spark's choice of aggregate operator (`AggUtils.createAggregate`): object hash for typed
/// aggregates, hash when every buffer value is fixed-width, else sort. `aggregates` are
/// the aggregate calls over `schema`.
pub(super) fn group_operator(aggregates: &[Expr], schema: &datafusion::common::DFSchema) -> Result<GroupOperator> {
    use datafusion::arrow::datatypes::DataType;
    use datafusion::logical_expr::ExprSchemable;
    let mut operator = GroupOperator::Hash;
    for aggregate in aggregates {
        let inner = match aggregate {
            Expr::Alias(alias) => alias.expr.as_ref(),
            other => other,
        };
        if let Expr::AggregateFunction(function) = inner {
            if TYPED_AGGREGATES.contains(&function.func.name()) {
                return Ok(GroupOperator::ObjectHash);
            }
        }
        let fixed = match inner.get_type(schema)? {
            DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View | DataType::Binary | DataType::LargeBinary | DataType::BinaryView => false,
            DataType::List(_) | DataType::LargeList(_) | DataType::Struct(_) | DataType::Map(..) => false,
            DataType::Decimal128(precision, _) => precision <= 18,
            _ => true,
        };
        if !fixed {
            operator = GroupOperator::Sort;
        }
    }
    Ok(operator)
}

/// Puts a grouped plan's rows (which carry [`FIRST_ROW`] and [`FIRST_PARTITION`]) in
/// Spark's group order for `operator` and drops the hidden columns. `keys` are
/// expressions over the plan's output; `shuffled` whether Spark shuffles the input.
pub(super) fn group_order(plan: LogicalPlan, keys: Vec<Expr>, shuffled: bool, operator: GroupOperator, hash: &std::sync::Arc<datafusion::logical_expr::ScalarUDF>, partitions: usize) -> Result<LogicalPlan> {
    let columns: Vec<Expr> = plan.schema().iter().map(|(q, f)| Expr::Column(Column::new(q.cloned(), f.name()))).collect();
    let mut sort_keys = Vec::new();
    let mut projected = columns.clone();
    match operator {
        GroupOperator::Sort => sort_keys.extend(keys.iter().map(|k| k.clone().sort(true, true))),
        GroupOperator::Hash | GroupOperator::ObjectHash => {
            if operator == GroupOperator::Hash && !keys.is_empty() {
                let any_null = keys.iter().skip(1).fold(keys[0].clone().is_null(), |acc, k| acc.or(k.clone().is_null()));
                projected.push(any_null.alias(NULL_KEY));
                sort_keys.push(col(NULL_KEY).sort(true, false));
            }
            if shuffled && !keys.is_empty() {
                let n = datafusion::logical_expr::lit(partitions as i32);
                let bucket = ((hash.call(keys) % n.clone()) + n.clone()) % n;
                projected.push(bucket.alias(BUCKET));
                sort_keys.push(col(FIRST_PARTITION).sort(true, false));
                sort_keys.push(col(BUCKET).sort(true, false));
            }
        }
    }
    let plan = LogicalPlanBuilder::from(plan).project(projected)?.build()?;
    sort_keys.push(col(FIRST_ROW).sort(true, false));
    let position = row_number().order_by(sort_keys).build()?.alias(POSITION);
    let numbered = LogicalPlanBuilder::from(plan).window(vec![position])?.build()?;
    let sorted = LogicalPlanBuilder::from(numbered).sort(vec![col(POSITION).sort(true, false)])?.build()?;
    let hidden = |name: &str| [FIRST_ROW, FIRST_PARTITION, BUCKET, NULL_KEY, POSITION].contains(&name) || name.starts_with(GROUP_KEY);
    let keep: Vec<Expr> = sorted.schema().iter().filter(|(_, f)| !hidden(f.name())).map(|(q, f)| Expr::Column(Column::new(q.cloned(), f.name()))).collect();
    Ok(LogicalPlanBuilder::from(sorted).project(keep)?.build()?)
}
