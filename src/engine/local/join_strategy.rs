//! Spark's join strategy when the build side of a hash join would not fit in memory.
//!
//! Spark joins two large relations with a sort-merge join (`spark.sql.join.preferSortMergeJoin`,
//! on by default), whose sorts spill; it builds a hash table only for a side small enough to
//! broadcast. DataFusion prefers hash joins, which are faster, but a hash join's build side
//! cannot spill: under a memory limit (`spark.driver.memory`) a large one fails with
//! `UNABLE_TO_ACQUIRE_MEMORY` where Spark finishes. This rule keeps DataFusion's hash join
//! unless the build side's estimated footprint exceeds a share of the memory pool; such a
//! join becomes a sort-merge join on the same keys, with each input sorted within its
//! partitions (already hash-partitioned on those keys). TPC-H q9 at scale 10 in a 2 GiB
//! driver failed before it.

use std::sync::Arc;

use datafusion::arrow::compute::SortOptions;
use datafusion::arrow::datatypes::Schema;
use datafusion::common::config::ConfigOptions;
use datafusion::common::{JoinType, Statistics};
use datafusion::error::Result;
use datafusion::physical_expr::expressions::Column;
use datafusion::physical_expr::{LexOrdering, PhysicalSortExpr};
use datafusion::physical_optimizer::PhysicalOptimizerRule;
use datafusion::physical_plan::joins::{HashJoinExec, PartitionMode, SortMergeJoinExec};
use datafusion::physical_plan::projection::{ProjectionExec, ProjectionExpr};
use datafusion::physical_plan::sorts::sort::SortExec;
use datafusion::physical_plan::statistics::{StatisticsArgs, StatisticsContext};
use datafusion::physical_plan::execution_plan::replace_children_if_necessary;
use datafusion::physical_plan::ExecutionPlan;

/// Bytes a hash table entry takes beside the row itself (hash, chain link and slot).
const HASH_ENTRY_BYTES: usize = 24;
/// The width assumed for a value of variable length (text, binary, nested).
const VARIABLE_WIDTH: usize = 32;

/// The physical optimizer rule; see the module's note. It runs right after DataFusion's
/// `EnsureRequirements`, where partitioned hash joins have their hash-partitioned inputs.
#[derive(Debug)]
pub struct SortMergeLargeJoins {
    /// The largest build side, in estimated bytes, kept as a hash join.
    budget: usize,
}

impl SortMergeLargeJoins {
    /// The rule for a memory pool of `pool` bytes: a build side may take a third of it,
    /// as the builds of a pipeline of joins are held at once.
    pub fn new(pool: usize) -> Self {
        Self { budget: pool / 3 }
    }
}

/// The estimated bytes a hash join's build side holds: its rows at the schema's width
/// plus a hash table entry each. `None` when the row count is not known.
fn build_footprint(statistics: &Statistics, schema: &Schema) -> Option<usize> {
    let rows = *statistics.num_rows.get_value()?;
    let width: usize = schema.fields().iter().map(|f| f.data_type().primitive_width().unwrap_or(VARIABLE_WIDTH)).sum();
    let bytes = statistics.total_byte_size.get_value().copied().unwrap_or(0).max(rows.saturating_mul(width));
    Some(bytes.saturating_add(rows.saturating_mul(HASH_ENTRY_BYTES)))
}

/// The join types DataFusion's sort-merge join gives the same rows for.
fn sort_merge_supports(join_type: JoinType) -> bool {
    matches!(
        join_type,
        JoinType::Inner | JoinType::Left | JoinType::Right | JoinType::Full | JoinType::LeftSemi | JoinType::LeftAnti | JoinType::RightSemi | JoinType::RightAnti
    )
}

/// `join` as a sort-merge join over its inputs sorted on the join keys, with the hash
/// join's output projection on top.
fn sort_merge(join: &HashJoinExec) -> Result<Arc<dyn ExecutionPlan>> {
    let options = SortOptions::default();
    let sorted = |input: &Arc<dyn ExecutionPlan>, keys: Vec<PhysicalSortExpr>| -> Result<Arc<dyn ExecutionPlan>> {
        let ordering = LexOrdering::new(keys).ok_or_else(|| datafusion::error::DataFusionError::Internal("a join without keys".into()))?;
        Ok(Arc::new(SortExec::new(ordering, Arc::clone(input)).with_preserve_partitioning(true)))
    };
    let left = sorted(join.left(), join.on().iter().map(|(l, _)| PhysicalSortExpr::new(Arc::clone(l), options)).collect())?;
    let right = sorted(join.right(), join.on().iter().map(|(_, r)| PhysicalSortExpr::new(Arc::clone(r), options)).collect())?;
    let merged: Arc<dyn ExecutionPlan> =
        Arc::new(SortMergeJoinExec::try_new(left, right, join.on().to_vec(), join.filter().cloned(), *join.join_type(), vec![options; join.on().len()], join.null_equality())?);
    let Some(projection) = &join.projection else { return Ok(merged) };
    let schema = merged.schema();
    let columns = projection.iter().map(|&i| {
        let name = schema.field(i).name().clone();
        ProjectionExpr { expr: Arc::new(Column::new(&name, i)), alias: name }
    });
    Ok(Arc::new(ProjectionExec::try_new(columns, merged)?))
}

impl SortMergeLargeJoins {
    /// `plan` with its large partitioned hash joins made sort-merge joins. `ordered` says
    /// whether a parent relies on `plan`'s output order: the physical optimizer leaves out a
    /// sort that a hash join's order (its probe side's) already gives, and a sort-merge join
    /// gives another order, so such a join stays.
    fn rewrite(&self, plan: Arc<dyn ExecutionPlan>, ordered: bool, statistics: &StatisticsContext) -> Result<Arc<dyn ExecutionPlan>> {
        let required = plan.required_input_ordering();
        let maintained = plan.maintains_input_order();
        let children = plan.children();
        let mut rewritten = Vec::with_capacity(children.len());
        for (i, child) in children.into_iter().enumerate() {
            let child_ordered = required.get(i).is_some_and(Option::is_some) || (ordered && maintained.get(i).copied().unwrap_or(false));
            rewritten.push(self.rewrite(Arc::clone(child), child_ordered, statistics)?);
        }
        let plan = replace_children_if_necessary(plan, rewritten)?;
        let Some(join) = plan.downcast_ref::<HashJoinExec>() else { return Ok(plan) };
        // A null-aware anti join (`NOT IN`) and a collected (broadcast) build stay as they are.
        if ordered || *join.partition_mode() != PartitionMode::Partitioned || join.null_aware || !sort_merge_supports(*join.join_type()) || join.on().is_empty() {
            return Ok(plan);
        }
        let build = statistics.compute(join.left().as_ref(), &StatisticsArgs::new())?;
        match build_footprint(&build, &join.left().schema()) {
            // A join DataFusion's sort-merge join refuses (a filter it cannot apply to a
            // join type, say) stays a hash join.
            Some(bytes) if bytes > self.budget => Ok(sort_merge(join).unwrap_or(plan)),
            _ => Ok(plan),
        }
    }
}

impl PhysicalOptimizerRule for SortMergeLargeJoins {
    fn optimize(&self, plan: Arc<dyn ExecutionPlan>, _config: &ConfigOptions) -> Result<Arc<dyn ExecutionPlan>> {
        let ordered = plan.properties().output_ordering().is_some();
        self.rewrite(plan, ordered, &StatisticsContext::new())
    }

    fn name(&self) -> &str {
        "SortMergeLargeJoins"
    }

    fn schema_check(&self) -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use datafusion::arrow::datatypes::{DataType, Field};
    use datafusion::common::stats::Precision;

    #[test]
    fn footprint_counts_rows_at_the_schema_width_and_a_table_entry_each() {
        let schema = Schema::new(vec![Field::new("k", DataType::Int64, false), Field::new("s", DataType::Utf8, true)]);
        let mut statistics = Statistics::new_unknown(&schema);
        assert_eq!(build_footprint(&statistics, &schema), None);
        statistics.num_rows = Precision::Inexact(1000);
        assert_eq!(build_footprint(&statistics, &schema), Some(1000 * (8 + VARIABLE_WIDTH + HASH_ENTRY_BYTES)));
        // A larger byte size reported by the source wins over the width estimate.
        statistics.total_byte_size = Precision::Exact(1_000_000);
        assert_eq!(build_footprint(&statistics, &schema), Some(1_000_000 + 1000 * HASH_ENTRY_BYTES));
    }
}
