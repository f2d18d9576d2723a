//! Spark's `sum` under ANSI mode (Spark 4's default): a sum of integers is a bigint that
//! raises `ARITHMETIC_OVERFLOW` instead of wrapping (Spark's `Sum` with `Add` in ANSI
//! mode). Other inputs (doubles, decimals) are summed by DataFusion's own `sum`.
use std::sync::Arc;

use datafusion::arrow::array::{Array, ArrayRef, AsArray, BooleanArray, Int64Array};
use datafusion::arrow::buffer::NullBuffer;
use datafusion::arrow::datatypes::{DataType, FieldRef, Int64Type};
use datafusion::common::ScalarValue;
use datafusion::error::{DataFusionError, Result};
use datafusion::execution::FunctionRegistry;
use datafusion::logical_expr::function::{AccumulatorArgs, StateFieldsArgs};
use datafusion::logical_expr::{Accumulator, AggregateUDF, AggregateUDFImpl, EmitTo, GroupsAccumulator, ReversedUDAF, Signature};
use datafusion::prelude::SessionContext;

use crate::engine::local::error::{EngineError, ErrorClass};

/// Registers Spark's `sum` over DataFusion's.
pub fn register(context: &SessionContext) {
    if let Ok(inner) = context.udaf("sum") {
        let signature = inner.signature().clone();
        context.register_udaf(AggregateUDF::from(CheckedSum { inner, signature }));
    }
}

#[derive(Debug, PartialEq, Eq, Hash)]
struct CheckedSum {
    inner: Arc<AggregateUDF>,
    signature: Signature,
}

fn integral(data_type: &DataType) -> bool {
    matches!(data_type, DataType::Int8 | DataType::Int16 | DataType::Int32 | DataType::Int64)
}

fn overflow() -> DataFusionError {
    DataFusionError::External(Box::new(EngineError::spark(
        ErrorClass::Arithmetic,
        "ARITHMETIC_OVERFLOW",
        "long overflow. Use 'try_add' to tolerate overflow and return NULL instead. If necessary set \"spark.sql.ansi.enabled\" to \"false\" to bypass this error.",
        &[("message", "long overflow".to_string()), ("alternative", " Use 'try_add' to tolerate overflow and return NULL instead.".to_string()), ("config", "\"spark.sql.ansi.enabled\"".to_string())],
    )))
}

/// `sum + value`, or Spark's ARITHMETIC_OVERFLOW.
fn checked_add(sum: i64, value: i64) -> Result<i64> {
    sum.checked_add(value).ok_or_else(overflow)
}

impl AggregateUDFImpl for CheckedSum {
    fn name(&self) -> &str {
        "sum"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        self.inner.coerce_types(arg_types)
    }

    fn return_type(&self, arg_types: &[DataType]) -> Result<DataType> {
        self.inner.return_type(arg_types)
    }

    fn state_fields(&self, args: StateFieldsArgs) -> Result<Vec<FieldRef>> {
        self.inner.state_fields(args)
    }

    fn accumulator(&self, args: AccumulatorArgs) -> Result<Box<dyn Accumulator>> {
        if args.expr_fields.first().is_some_and(|f| integral(f.data_type())) && !args.is_distinct {
            return Ok(Box::new(CheckedSumAccumulator { sum: None, count: 0 }));
        }
        if args.expr_fields.first().is_some_and(|f| f.data_type() == &DataType::Float64) && !args.is_distinct {
            return Ok(Box::new(super::float_sums::SequentialSum::default()));
        }
        self.inner.accumulator(args)
    }

    fn groups_accumulator_supported(&self, args: AccumulatorArgs) -> bool {
        // Integer sums take the checked groups accumulator below.
        (!args.is_distinct && args.expr_fields.first().is_some_and(|f| integral(f.data_type()))) || self.inner.groups_accumulator_supported(args)
    }

    fn create_groups_accumulator(&self, args: AccumulatorArgs) -> Result<Box<dyn GroupsAccumulator>> {
        if !args.is_distinct && args.expr_fields.first().is_some_and(|f| integral(f.data_type())) {
            return Ok(Box::new(CheckedSumGroups::default()));
        }
        self.inner.create_groups_accumulator(args)
    }

    fn reverse_expr(&self) -> ReversedUDAF {
        ReversedUDAF::Identical
    }

    fn default_value(&self, data_type: &DataType) -> Result<ScalarValue> {
        self.inner.default_value(data_type)
    }
}

/// The checked bigint sum of many groups at once (a `GROUP BY`): one sum and one count
/// of non-NULL values per group, in vectors indexed by group, as DataFusion's own
/// `PrimitiveGroupsAccumulator` keeps them. Its state is the row accumulator's: the sum,
/// NULL for a group that saw no values.
#[derive(Debug, Default)]
struct CheckedSumGroups {
    sums: Vec<i64>,
    counts: Vec<u64>,
}

impl CheckedSumGroups {
    /// Adds `values` (cast to bigint) into the sums of `groups`, row by row, skipping
    /// NULLs and the rows `filter` leaves out; fails on overflow.
    fn add(&mut self, values: &ArrayRef, groups: &[usize], filter: Option<&BooleanArray>, total: usize) -> Result<()> {
        self.sums.resize(total, 0);
        self.counts.resize(total, 0);
        let values = datafusion::arrow::compute::cast(values, &DataType::Int64)?;
        let values = values.as_primitive::<Int64Type>();
        for (row, &group) in groups.iter().enumerate() {
            if values.is_null(row) || filter.is_some_and(|f| !f.is_valid(row) || !f.value(row)) {
                continue;
            }
            self.sums[group] = checked_add(self.sums[group], values.value(row))?;
            self.counts[group] += 1;
        }
        Ok(())
    }

    /// The sums of the groups `emit_to` takes (removed from this accumulator), NULL where
    /// a group saw no values.
    fn take(&mut self, emit_to: EmitTo) -> ArrayRef {
        let sums = emit_to.take_needed(&mut self.sums);
        let counts = emit_to.take_needed(&mut self.counts);
        let nulls = NullBuffer::from(counts.iter().map(|&c| c > 0).collect::<Vec<_>>());
        Arc::new(Int64Array::new(sums.into(), Some(nulls).filter(|n| n.null_count() > 0)))
    }
}

impl GroupsAccumulator for CheckedSumGroups {
    fn update_batch(&mut self, values: &[ArrayRef], group_indices: &[usize], opt_filter: Option<&BooleanArray>, total_num_groups: usize) -> Result<()> {
        self.add(&values[0], group_indices, opt_filter, total_num_groups)
    }

    fn merge_batch(&mut self, values: &[ArrayRef], group_indices: &[usize], total_num_groups: usize) -> Result<()> {
        // A partial sum counts as one value: a group is NULL only if every part was.
        self.add(&values[0], group_indices, None, total_num_groups)
    }

    /// Each row as a group of its own (DataFusion skips the partial aggregation when it
    /// does not reduce the rows): its value as a bigint, NULL where filtered out.
    fn convert_to_state(&self, values: &[ArrayRef], opt_filter: Option<&BooleanArray>) -> Result<Vec<ArrayRef>> {
        let sums = datafusion::arrow::compute::cast(&values[0], &DataType::Int64)?;
        Ok(vec![match opt_filter {
            Some(filter) => datafusion::arrow::compute::nullif(&sums, &datafusion::arrow::compute::not(&datafusion::arrow::compute::prep_null_mask_filter(filter))?)?,
            None => sums,
        }])
    }


    fn evaluate(&mut self, emit_to: EmitTo) -> Result<ArrayRef> {
        Ok(self.take(emit_to))
    }

    fn state(&mut self, emit_to: EmitTo) -> Result<Vec<ArrayRef>> {
        Ok(vec![self.take(emit_to)])
    }

    fn size(&self) -> usize {
        self.sums.capacity() * std::mem::size_of::<i64>() + self.counts.capacity() * std::mem::size_of::<u64>()
    }
}

/// A bigint sum that fails on overflow; NULL when no non-NULL value is in it. Values can
/// be taken out again, for sliding window frames.
#[derive(Debug)]
struct CheckedSumAccumulator {
    sum: Option<i64>,
    /// The non-NULL values summed (and not retracted).
    count: u64,
}

impl CheckedSumAccumulator {
    fn add_all(&mut self, values: &ArrayRef, sign: i64) -> Result<()> {
        let values = datafusion::arrow::compute::cast(values, &DataType::Int64)?;
        for value in values.as_primitive::<Int64Type>().iter().flatten() {
            let sum = self.sum.unwrap_or(0);
            self.sum = Some(if sign > 0 { checked_add(sum, value)? } else { sum.checked_sub(value).ok_or_else(overflow)? });
            self.count = if sign > 0 { self.count + 1 } else { self.count.saturating_sub(1) };
        }
        Ok(())
    }
}

impl Accumulator for CheckedSumAccumulator {
    fn update_batch(&mut self, values: &[ArrayRef]) -> Result<()> {
        match values.first() {
            Some(values) => self.add_all(values, 1),
            None => Ok(()),
        }
    }

    fn retract_batch(&mut self, values: &[ArrayRef]) -> Result<()> {
        match values.first() {
            Some(values) => self.add_all(values, -1),
            None => Ok(()),
        }
    }

    fn supports_retract_batch(&self) -> bool {
        true
    }

    fn evaluate(&mut self) -> Result<ScalarValue> {
        Ok(ScalarValue::Int64(if self.count == 0 { None } else { self.sum }))
    }

    fn size(&self) -> usize {
        std::mem::size_of_val(self)
    }

    fn state(&mut self) -> Result<Vec<ScalarValue>> {
        Ok(vec![ScalarValue::Int64(if self.count == 0 { None } else { self.sum })])
    }

    fn merge_batch(&mut self, states: &[ArrayRef]) -> Result<()> {
        // A partial state is a sum; NULL when its part saw no values.
        let Some(states) = states.first() else { return Ok(()) };
        let states = datafusion::arrow::compute::cast(states, &DataType::Int64)?;
        for value in states.as_primitive::<Int64Type>().iter().flatten() {
            self.sum = Some(checked_add(self.sum.unwrap_or(0), value)?);
            self.count += 1;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use datafusion::arrow::array::Int32Array;

    #[test]
    fn groups_sum_skip_nulls_and_filtered_rows() {
        let mut groups = CheckedSumGroups::default();
        let values: ArrayRef = Arc::new(Int32Array::from(vec![Some(1), None, Some(3), Some(4), Some(5)]));
        let filter = BooleanArray::from(vec![true, true, true, false, true]);
        groups.update_batch(&[values], &[0, 1, 0, 2, 2], Some(&filter), 4).unwrap();
        // Group 1 saw only a NULL, group 2's 4 is filtered out, group 3 saw nothing.
        let sums = groups.evaluate(EmitTo::All).unwrap();
        assert_eq!(sums.as_primitive::<Int64Type>().iter().collect::<Vec<_>>(), vec![Some(4), None, Some(5), None]);
    }

    #[test]
    fn groups_merge_partial_sums_and_overflow_is_an_error() {
        let mut groups = CheckedSumGroups::default();
        let partials: ArrayRef = Arc::new(Int64Array::from(vec![Some(2), None, Some(i64::MAX)]));
        groups.merge_batch(&[partials], &[0, 1, 1], 2).unwrap();
        let state = groups.state(EmitTo::First(1)).unwrap();
        assert_eq!(state[0].as_primitive::<Int64Type>().values().to_vec(), vec![2]);
        // The group left is now group 0, at i64::MAX.
        let one: ArrayRef = Arc::new(Int64Array::from(vec![1]));
        let error = groups.update_batch(&[one], &[0], None, 1).unwrap_err();
        assert!(EngineError::from(error).to_string().contains("ARITHMETIC_OVERFLOW"));
    }

    #[test]
    fn rows_convert_to_their_own_sums() {
        let groups = CheckedSumGroups::default();
        let values: ArrayRef = Arc::new(Int32Array::from(vec![Some(1), None, Some(3)]));
        let filter = BooleanArray::from(vec![Some(true), Some(true), None]);
        let state = groups.convert_to_state(&[values], Some(&filter)).unwrap();
        assert_eq!(state[0].as_primitive::<Int64Type>().iter().collect::<Vec<_>>(), vec![Some(1), None, None]);
    }
}
