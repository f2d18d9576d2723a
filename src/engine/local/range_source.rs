//! The rows of `spark.range(start, end, step)`: a scan whose batches are filled a slice of
//! the arithmetic sequence at a time, in the order Spark's `RangeExec` gives them.
//!
//! It replaces DataFusion's `range` table function here because that one produces a value
//! at a time (a bounds check and an overflow check each); this one computes a batch as
//! `first + i * step` over `0..len`, which the compiler vectorizes.
use std::any::Any;
use std::fmt;
use std::sync::Arc;

use async_trait::async_trait;
use datafusion::arrow::array::Int64Array;
use datafusion::arrow::compute::SortOptions;
use datafusion::arrow::datatypes::{DataType, Field, Schema, SchemaRef};
use datafusion::arrow::record_batch::RecordBatch;
use datafusion::catalog::{Session, TableProvider};
use datafusion::error::Result;
use datafusion::logical_expr::{Expr, TableType};
use datafusion::physical_expr::expressions::Column;
use datafusion::physical_expr::PhysicalSortExpr;
use datafusion::physical_plan::memory::{LazyBatchGenerator, LazyMemoryExec};
use datafusion::physical_plan::ExecutionPlan;
use parking_lot::RwLock;

/// `count` values `start, start + step, ...` in one `bigint` column named `value`.
#[derive(Debug, Clone)]
pub struct RangeTable {
    start: i64,
    step: i64,
    count: u64,
    schema: SchemaRef,
}

impl RangeTable {
    /// The sequence from `start` up to (not including) `end` by `step`, which is not 0.
    pub fn new(start: i64, end: i64, step: i64) -> Self {
        let schema = Arc::new(Schema::new(vec![Field::new("value", DataType::Int64, false)]));
        Self { start, step, count: range_count(start, end, step) as u64, schema }
    }
}

/// How many values `spark.range(start, end, step)` has (0 for a step of 0 or one pointing
/// away from `end`), as Spark's `Range.numElements`.
pub fn range_count(start: i64, end: i64, step: i64) -> i128 {
    let (span, step) = (i128::from(end) - i128::from(start), i128::from(step));
    if step != 0 && span != 0 && (span > 0) == (step > 0) {
        (span + step - step.signum()) / step
    } else {
        0
    }
}

#[async_trait]
impl TableProvider for RangeTable {
    fn schema(&self) -> SchemaRef {
        self.schema.clone()
    }

    fn table_type(&self) -> TableType {
        TableType::Base
    }

    async fn scan(&self, state: &dyn Session, projection: Option<&Vec<usize>>, _filters: &[Expr], _limit: Option<usize>) -> Result<Arc<dyn ExecutionPlan>> {
        let batch_size = state.config_options().execution.batch_size.get();
        let generator = RangeBatches { table: self.clone(), batch_size, done: 0 };
        let mut exec = LazyMemoryExec::try_new(self.schema.clone(), vec![Arc::new(RwLock::new(generator))])?.with_projection(projection.cloned());
        if projection.is_none_or(|columns| columns.contains(&0)) {
            // The values are sorted, so that an ORDER BY of them needs no sort.
            let order = SortOptions { descending: self.step < 0, nulls_first: false };
            exec.add_ordering([PhysicalSortExpr::new(Arc::new(Column::new("value", 0)), order)]);
        }
        Ok(Arc::new(exec))
    }
}

/// The batches of one scan of a [`RangeTable`]: `done` values given so far.
#[derive(Debug)]
struct RangeBatches {
    table: RangeTable,
    batch_size: usize,
    done: u64,
}

impl fmt::Display for RangeBatches {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "range: start={}, step={}, count={}, batch_size={}", self.table.start, self.table.step, self.table.count, self.batch_size)
    }
}

impl LazyBatchGenerator for RangeBatches {
    fn as_any(&self) -> &dyn Any {
        self
    }

    fn generate_next_batch(&mut self) -> Result<Option<RecordBatch>> {
        let left = self.table.count - self.done;
        if left == 0 {
            return Ok(None);
        }
        let len = left.min(self.batch_size as u64);
        // Every value lies between start and end, so wrapping arithmetic is exact here.
        let first = self.table.start.wrapping_add((self.done as i64).wrapping_mul(self.table.step));
        let step = self.table.step;
        let values: Vec<i64> = (0..len as i64).map(|i| first.wrapping_add(i.wrapping_mul(step))).collect();
        let values = Int64Array::new(values.into(), None);
        self.done += len;
        Ok(Some(RecordBatch::try_new(self.table.schema.clone(), vec![Arc::new(values)])?))
    }

    fn reset_state(&self) -> Arc<RwLock<dyn LazyBatchGenerator>> {
        Arc::new(RwLock::new(RangeBatches { table: self.table.clone(), batch_size: self.batch_size, done: 0 }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(start: i64, end: i64, step: i64, batch_size: usize) -> Vec<i64> {
        let mut batches = RangeBatches { table: RangeTable::new(start, end, step), batch_size, done: 0 };
        let mut out = Vec::new();
        while let Some(batch) = batches.generate_next_batch().unwrap() {
            assert!(batch.num_rows() <= batch_size);
            out.extend(batch.column(0).as_any().downcast_ref::<Int64Array>().unwrap().values().iter().copied());
        }
        out
    }

    #[test]
    fn gives_spark_ranges_across_batches() {
        assert_eq!(values(0, 10, 3, 2), vec![0, 3, 6, 9]);
        assert_eq!(values(5, -5, -4, 8), vec![5, 1, -3]);
        assert_eq!(values(0, 0, 1, 8), Vec::<i64>::new());
        assert_eq!(values(0, 5, -1, 8), Vec::<i64>::new());
        assert_eq!(values(i64::MAX - 2, i64::MAX, 1, 1), vec![i64::MAX - 2, i64::MAX - 1]);
        assert_eq!(values(i64::MIN, i64::MAX, i64::MAX, 8), vec![i64::MIN, -1, i64::MAX - 1]);
        assert_eq!(values(0, 20_000, 1, 8192), (0..20_000).collect::<Vec<_>>());
    }
}
