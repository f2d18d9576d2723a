//! Spark's `avg` of a decimal column (Spark's `Average`): the sum divided by the count,
//! rounded HALF_UP to the result scale `s + 4` (`decimal(p + 4, s + 4)`, bounded to 38
//! digits). DataFusion's own decimal average truncates the last digit instead. Other
//! inputs are averaged by DataFusion's `avg`.
use std::sync::Arc;

use datafusion::arrow::array::{Array, ArrayRef, AsArray, BooleanArray, Decimal128Array, Int64Array};
use datafusion::arrow::datatypes::{i256, DataType, Decimal128Type, Field, FieldRef, Int64Type};
use datafusion::common::ScalarValue;
use datafusion::error::{DataFusionError, Result};
use datafusion::execution::FunctionRegistry;
use datafusion::logical_expr::function::{AccumulatorArgs, StateFieldsArgs};
use datafusion::logical_expr::{Accumulator, AggregateUDF, AggregateUDFImpl, EmitTo, GroupsAccumulator, ReversedUDAF, Signature};
use datafusion::prelude::SessionContext;


/// Registers Spark's `avg` over DataFusion's, and `try_avg` (NULL where `avg` of decimals
/// overflows).
pub fn register(context: &SessionContext) {
    if let Ok(inner) = context.udaf("avg") {
        let signature = inner.signature().clone();
        context.register_udaf(AggregateUDF::from(SparkAverage { inner: inner.clone(), signature: signature.clone(), tolerant: true }));
        context.register_udaf(AggregateUDF::from(SparkAverage { inner, signature, tolerant: false }));
    }
}

#[derive(Debug, PartialEq, Eq, Hash)]
struct SparkAverage {
    inner: Arc<AggregateUDF>,
    signature: Signature,
    /// Spark's `try_avg`: an overflow gives NULL instead of `NUMERIC_VALUE_OUT_OF_RANGE`.
    tolerant: bool,
}

/// The precision and scale of a decimal input.
fn decimal_input(fields: &[FieldRef]) -> Option<(u8, i8)> {
    match fields.first().map(|f| f.data_type()) {
        Some(DataType::Decimal128(precision, scale)) => Some((*precision, *scale)),
        _ => None,
    }
}

/// Spark's `NUMERIC_VALUE_OUT_OF_RANGE` for an unscaled value at `scale` too wide for
/// `decimal(precision, result_scale)`.
fn overflow(unscaled: impl std::fmt::Display, scale: i8, precision: u8, result_scale: i8) -> DataFusionError {
    let text = crate::engine::local::cast::decimal_text(unscaled, scale);
    crate::engine::local::cast::out_of_range(&text, precision, result_scale)
}

impl AggregateUDFImpl for SparkAverage {
    fn name(&self) -> &str {
        if self.tolerant { "try_avg" } else { "avg" }
    }

    fn aliases(&self) -> &[String] {
        if self.tolerant { &[] } else { self.inner.aliases() }
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
        match decimal_input(args.input_fields) {
            Some((_, scale)) if !args.is_distinct => Ok(vec![
                Arc::new(Field::new(format!("{}[sum]", args.name), DataType::Decimal128(38, scale), true)),
                Arc::new(Field::new(format!("{}[count]", args.name), DataType::Int64, true)),
            ]),
            _ => self.inner.state_fields(args),
        }
    }

    fn accumulator(&self, args: AccumulatorArgs) -> Result<Box<dyn Accumulator>> {
        if let (Some((_, scale)), DataType::Decimal128(precision, result_scale), false) = (decimal_input(args.expr_fields), args.return_field.data_type(), args.is_distinct) {
            return Ok(Box::new(DecimalAverage { sum: 0, count: 0, scale, precision: *precision, result_scale: *result_scale, tolerant: self.tolerant, overflowed: false }));
        }
        if args.expr_fields.first().is_some_and(|f| f.data_type() == &DataType::Float64) && !args.is_distinct {
            return Ok(Box::new(super::float_sums::SequentialAverage::default()));
        }
        self.inner.accumulator(args)
    }

    fn groups_accumulator_supported(&self, args: AccumulatorArgs) -> bool {
        // Decimal averages take the rounding groups accumulator below.
        (decimal_input(args.expr_fields).is_some() && !args.is_distinct) || self.inner.groups_accumulator_supported(args)
    }

    fn create_groups_accumulator(&self, args: AccumulatorArgs) -> Result<Box<dyn GroupsAccumulator>> {
        if let (Some((_, scale)), DataType::Decimal128(precision, result_scale), false) = (decimal_input(args.expr_fields), args.return_field.data_type(), args.is_distinct) {
            let empty = DecimalAverage { sum: 0, count: 0, scale, precision: *precision, result_scale: *result_scale, tolerant: self.tolerant, overflowed: false };
            return Ok(Box::new(DecimalAverageGroups { empty, groups: Vec::new() }));
        }
        self.inner.create_groups_accumulator(args)
    }

    fn create_sliding_accumulator(&self, args: AccumulatorArgs) -> Result<Box<dyn Accumulator>> {
        if decimal_input(args.expr_fields).is_some() {
            return self.accumulator(args);
        }
        self.inner.create_sliding_accumulator(args)
    }

    fn reverse_expr(&self) -> ReversedUDAF {
        ReversedUDAF::Identical
    }

    fn default_value(&self, data_type: &DataType) -> Result<ScalarValue> {
        self.inner.default_value(data_type)
    }
}

/// A decimal sum and count, divided with HALF_UP rounding when evaluated. Values can be
/// taken out again, for sliding window frames.
#[derive(Debug, Clone)]
struct DecimalAverage {
    /// The sum, unscaled, at the input's scale.
    sum: i128,
    count: i64,
    scale: i8,
    precision: u8,
    result_scale: i8,
    /// NULL instead of an error on overflow (`try_avg`).
    tolerant: bool,
    /// The sum overflowed (`tolerant` only): the result is NULL.
    overflowed: bool,
}

impl DecimalAverage {
    /// `sum + value`, or the overflow: an error, or for `try_avg` a NULL result.
    fn add(&mut self, value: i128) -> Result<()> {
        match self.sum.checked_add(value) {
            Some(sum) => self.sum = sum,
            None if self.tolerant => self.overflowed = true,
            None => return Err(overflow(i256::from_i128(self.sum) + i256::from_i128(value), self.scale, self.precision, self.result_scale)),
        }
        Ok(())
    }

    /// Merges one partial state: its sum (NULL once it overflowed, `try_avg` only) and count.
    fn merge_state(&mut self, sum: Option<i128>, count: i64) -> Result<()> {
        match sum {
            Some(sum) => self.add(sum)?,
            None if self.tolerant && count > 0 => self.overflowed = true,
            None => {}
        }
        self.count += count;
        Ok(())
    }

    fn add_all(&mut self, values: &ArrayRef, sign: i128) -> Result<()> {
        let values = values.as_primitive::<Decimal128Type>();
        for value in values.iter().flatten() {
            self.add(sign * value)?;
            self.count += sign as i64;
        }
        Ok(())
    }
}

/// `numerator / denominator` rounded half away from zero.
fn divide_half_up(numerator: i256, denominator: i256) -> i256 {
    let quotient = numerator / denominator;
    let remainder = numerator % denominator;
    let twice = remainder.wrapping_abs().wrapping_mul(i256::from_i128(2));
    if twice >= denominator.wrapping_abs() {
        if (numerator < i256::ZERO) != (denominator < i256::ZERO) {
            quotient - i256::ONE
        } else {
            quotient + i256::ONE
        }
    } else {
        quotient
    }
}

impl Accumulator for DecimalAverage {
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
        if self.count == 0 || self.overflowed {
            return Ok(ScalarValue::Decimal128(None, self.precision, self.result_scale));
        }
        let shift = i256::from_i128(10).wrapping_pow((self.result_scale - self.scale).max(0) as u32);
        let average = divide_half_up(i256::from_i128(self.sum).wrapping_mul(shift), i256::from_i128(self.count as i128));
        let limit = i256::from_i128(10).wrapping_pow(self.precision as u32);
        match average.to_i128() {
            Some(value) if average.wrapping_abs() < limit => Ok(ScalarValue::Decimal128(Some(value), self.precision, self.result_scale)),
            _ if self.tolerant => Ok(ScalarValue::Decimal128(None, self.precision, self.result_scale)),
            _ => Err(overflow(average, self.result_scale, self.precision, self.result_scale)),
        }
    }

    fn size(&self) -> usize {
        std::mem::size_of_val(self)
    }

    fn state(&mut self) -> Result<Vec<ScalarValue>> {
        // An overflowed sum travels as NULL (`try_avg` only).
        let sum = (!self.overflowed).then_some(self.sum);
        Ok(vec![ScalarValue::Decimal128(sum, 38, self.scale), ScalarValue::Int64(Some(self.count))])
    }

    fn merge_batch(&mut self, states: &[ArrayRef]) -> Result<()> {
        let (Some(sums), Some(counts)) = (states.first(), states.get(1)) else { return Ok(()) };
        let sums = sums.as_primitive::<Decimal128Type>();
        let counts = counts.as_primitive::<Int64Type>();
        for (sum, count) in sums.iter().zip(counts.iter()) {
            self.merge_state(sum, count.unwrap_or(0))?;
        }
        Ok(())
    }
}

/// The decimal averages of many groups at once (a `GROUP BY`): one `DecimalAverage` per
/// group, indexed by group, so that a query with many groups does not go through
/// DataFusion's adapter of row accumulators, which slices every batch by group.
#[derive(Debug)]
struct DecimalAverageGroups {
    /// A group's average before any value.
    empty: DecimalAverage,
    groups: Vec<DecimalAverage>,
}

impl DecimalAverageGroups {
    /// The states of the groups `emit_to` takes: the sums (NULL once overflowed) and counts.
    fn take_state(&mut self, emit_to: EmitTo) -> Result<Vec<ArrayRef>> {
        let taken = emit_to.take_needed(&mut self.groups);
        let sums: Decimal128Array = taken.iter().map(|g| (!g.overflowed).then_some(g.sum)).collect();
        let counts: Int64Array = taken.iter().map(|g| Some(g.count)).collect();
        Ok(vec![Arc::new(sums.with_precision_and_scale(38, self.empty.scale)?), Arc::new(counts)])
    }
}

impl GroupsAccumulator for DecimalAverageGroups {
    fn update_batch(&mut self, values: &[ArrayRef], group_indices: &[usize], opt_filter: Option<&BooleanArray>, total_num_groups: usize) -> Result<()> {
        self.groups.resize(total_num_groups, self.empty.clone());
        let values = values[0].as_primitive::<Decimal128Type>();
        for (row, &group) in group_indices.iter().enumerate() {
            if values.is_null(row) || opt_filter.is_some_and(|f| !f.is_valid(row) || !f.value(row)) {
                continue;
            }
            let average = &mut self.groups[group];
            average.add(values.value(row))?;
            average.count += 1;
        }
        Ok(())
    }

    fn merge_batch(&mut self, values: &[ArrayRef], group_indices: &[usize], total_num_groups: usize) -> Result<()> {
        self.groups.resize(total_num_groups, self.empty.clone());
        let sums = values[0].as_primitive::<Decimal128Type>();
        let counts = values[1].as_primitive::<Int64Type>();
        for (row, &group) in group_indices.iter().enumerate() {
            let count = if counts.is_null(row) { 0 } else { counts.value(row) };
            self.groups[group].merge_state(sums.is_valid(row).then(|| sums.value(row)), count)?;
        }
        Ok(())
    }

    fn evaluate(&mut self, emit_to: EmitTo) -> Result<ArrayRef> {
        let mut values = Vec::new();
        for mut average in emit_to.take_needed(&mut self.groups) {
            values.push(match average.evaluate()? {
                ScalarValue::Decimal128(value, _, _) => value,
                _ => None,
            });
        }
        Ok(Arc::new(Decimal128Array::from(values).with_precision_and_scale(self.empty.precision, self.empty.result_scale)?))
    }

    fn state(&mut self, emit_to: EmitTo) -> Result<Vec<ArrayRef>> {
        self.take_state(emit_to)
    }

    /// Each row as a group of its own: its value as the sum, and a count of 1 (0 for a
    /// NULL or a row the filter leaves out).
    fn convert_to_state(&self, values: &[ArrayRef], opt_filter: Option<&BooleanArray>) -> Result<Vec<ArrayRef>> {
        let values = values[0].as_primitive::<Decimal128Type>();
        let kept = |row: usize| values.is_valid(row) && opt_filter.is_none_or(|f| f.is_valid(row) && f.value(row));
        let sums: Decimal128Array = (0..values.len()).map(|row| kept(row).then(|| values.value(row))).collect();
        let counts: Int64Array = (0..values.len()).map(|row| Some(kept(row) as i64)).collect();
        Ok(vec![Arc::new(sums.with_precision_and_scale(38, self.empty.scale)?), Arc::new(counts)])
    }

    fn size(&self) -> usize {
        self.groups.capacity() * std::mem::size_of::<DecimalAverage>()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_round_each_average_half_up() {
        let empty = DecimalAverage { sum: 0, count: 0, scale: 2, precision: 8, result_scale: 6, tolerant: false, overflowed: false };
        let mut groups = DecimalAverageGroups { empty, groups: Vec::new() };
        // 1.00, 1.00, 1.01 in group 0 (3.01 / 3 = 1.003333), NULL in group 1, 2.50 in group 2.
        let values: ArrayRef = Arc::new(Decimal128Array::from(vec![Some(100), Some(100), None, Some(101), Some(250)]).with_precision_and_scale(4, 2).unwrap());
        groups.update_batch(&[values], &[0, 0, 1, 0, 2], None, 3).unwrap();
        let state = groups.state(EmitTo::First(1)).unwrap();
        assert_eq!(state[1].as_primitive::<Int64Type>().value(0), 3);
        let mut merged = DecimalAverageGroups { empty: groups.empty.clone(), groups: Vec::new() };
        merged.merge_batch(&state, &[0], 1).unwrap();
        let averages = merged.evaluate(EmitTo::All).unwrap();
        assert_eq!(averages.as_primitive::<Decimal128Type>().value(0), 1_003_333);
        let rest = groups.evaluate(EmitTo::All).unwrap();
        assert_eq!(rest.as_primitive::<Decimal128Type>().iter().collect::<Vec<_>>(), vec![None, Some(2_500_000)]);
    }

    #[test]
    fn divides_rounding_half_away_from_zero() {
        let d = |n: i128, m: i128| divide_half_up(i256::from_i128(n), i256::from_i128(m)).to_i128();
        assert_eq!(d(635_0000, 3), Some(2116667));
        assert_eq!(d(5, 2), Some(3));
        assert_eq!(d(-5, 2), Some(-3));
        assert_eq!(d(4, 3), Some(1));
        assert_eq!(d(-7, 3), Some(-2));
    }
}
