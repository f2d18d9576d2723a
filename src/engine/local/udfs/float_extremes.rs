//! Spark's `max` and `min` of FLOAT and DOUBLE columns per group: NaN is the greatest
//! value and ±Infinity are values (Spark's `Max`/`Min` with its double ordering).
//!
//! DataFusion's groups accumulator for these starts each group at the type's finite
//! extreme and skips NaN, so `max` of a group holding only -Infinity gave
//! -1.7976931348623157E308 and `max(NaN, 1.0)` gave 1.0. Its accumulator of one group at
//! a time (the one a global aggregate uses) orders them as Spark does; groups of floats
//! take that one. Other types keep DataFusion's groups accumulator. That accumulator
//! ranks by the total order, which puts the NaN that x86 arithmetic makes (sign bit set)
//! below -Infinity, so its input's NaNs are first made the positive one
//! ([`PositiveNans`]).
use std::sync::Arc;

use datafusion::arrow::array::ArrayRef;
use datafusion::arrow::datatypes::{DataType, FieldRef};
use datafusion::common::ScalarValue;
use datafusion::error::Result;
use datafusion::execution::FunctionRegistry;
use datafusion::logical_expr::function::{AccumulatorArgs, StateFieldsArgs};
use datafusion::logical_expr::{Accumulator, AggregateUDF, AggregateUDFImpl, GroupsAccumulator, ReversedUDAF, Signature};
use datafusion::prelude::SessionContext;

use super::normalize_floats::positive_nans;

/// Registers `max` and `min` over DataFusion's.
pub fn register(context: &SessionContext) {
    for name in ["max", "min"] {
        if let Ok(inner) = context.udaf(name) {
            let signature = inner.signature().clone();
            context.register_udaf(AggregateUDF::from(FloatExtreme { inner, signature }));
        }
    }
}

#[derive(Debug, PartialEq, Eq, Hash)]
struct FloatExtreme {
    inner: Arc<AggregateUDF>,
    signature: Signature,
}

fn floating(fields: &[FieldRef]) -> bool {
    fields.first().is_some_and(|f| matches!(f.data_type(), DataType::Float32 | DataType::Float64))
}

impl AggregateUDFImpl for FloatExtreme {
    fn name(&self) -> &str {
        self.inner.name()
    }

    fn aliases(&self) -> &[String] {
        self.inner.aliases()
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
        let floats = floating(args.expr_fields);
        Ok(positive_nans_for_floats(floats, self.inner.accumulator(args)?))
    }

    fn groups_accumulator_supported(&self, args: AccumulatorArgs) -> bool {
        !floating(args.expr_fields) && self.inner.groups_accumulator_supported(args)
    }

    fn create_groups_accumulator(&self, args: AccumulatorArgs) -> Result<Box<dyn GroupsAccumulator>> {
        self.inner.create_groups_accumulator(args)
    }

    fn create_sliding_accumulator(&self, args: AccumulatorArgs) -> Result<Box<dyn Accumulator>> {
        let floats = floating(args.expr_fields);
        Ok(positive_nans_for_floats(floats, self.inner.create_sliding_accumulator(args)?))
    }

    fn reverse_expr(&self) -> ReversedUDAF {
        ReversedUDAF::Identical
    }

    fn default_value(&self, data_type: &DataType) -> Result<ScalarValue> {
        self.inner.default_value(data_type)
    }

    fn is_descending(&self) -> Option<bool> {
        self.inner.inner().is_descending()
    }

    fn value_from_stats(&self, statistics_args: &datafusion::logical_expr::StatisticsArgs) -> Option<ScalarValue> {
        self.inner.inner().value_from_stats(statistics_args)
    }

    fn set_monotonicity(&self, data_type: &DataType) -> datafusion::logical_expr::SetMonotonicity {
        self.inner.inner().set_monotonicity(data_type)
    }
}

/// `accumulator` fed through [`PositiveNans`] when it takes floats; others as they are,
/// without the copy of each batch's arrays.
fn positive_nans_for_floats(floats: bool, accumulator: Box<dyn Accumulator>) -> Box<dyn Accumulator> {
    if floats { Box::new(PositiveNans(accumulator)) } else { accumulator }
}

/// An accumulator whose input has each NaN made the one positive NaN
/// (`normalize_floats::positive_nans`), so that every NaN ranks greatest.
#[derive(Debug)]
struct PositiveNans(Box<dyn Accumulator>);

fn with_positive_nans(arrays: &[ArrayRef]) -> Vec<ArrayRef> {
    arrays.iter().map(positive_nans).collect()
}

impl Accumulator for PositiveNans {
    fn update_batch(&mut self, values: &[ArrayRef]) -> Result<()> {
        self.0.update_batch(&with_positive_nans(values))
    }

    fn merge_batch(&mut self, states: &[ArrayRef]) -> Result<()> {
        self.0.merge_batch(&with_positive_nans(states))
    }

    fn retract_batch(&mut self, values: &[ArrayRef]) -> Result<()> {
        self.0.retract_batch(&with_positive_nans(values))
    }

    fn supports_retract_batch(&self) -> bool {
        self.0.supports_retract_batch()
    }

    fn evaluate(&mut self) -> Result<ScalarValue> {
        self.0.evaluate()
    }

    fn state(&mut self) -> Result<Vec<ScalarValue>> {
        self.0.state()
    }

    fn size(&self) -> usize {
        self.0.size()
    }
}
