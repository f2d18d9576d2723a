//! Spark's `max` and `min` of FLOAT and DOUBLE columns per group: NaN is the greatest
//! value and ±Infinity are values (Spark's `Max`/`Min` with its double ordering).
//!
//! DataFusion's groups accumulator for these starts each group at the type's finite
//! extreme and skips NaN, so `max` of a group holding only -Infinity gave
//! -1.7976931348623157E308 and `max(NaN, 1.0)` gave 1.0. Its accumulator of one group at
//! a time (the one a global aggregate uses) orders them as Spark does; groups of floats
//! take that one. Other types keep DataFusion's groups accumulator.
use std::sync::Arc;

use datafusion::arrow::datatypes::{DataType, FieldRef};
use datafusion::common::ScalarValue;
use datafusion::error::Result;
use datafusion::execution::FunctionRegistry;
use datafusion::logical_expr::function::{AccumulatorArgs, StateFieldsArgs};
use datafusion::logical_expr::{Accumulator, AggregateUDF, AggregateUDFImpl, GroupsAccumulator, ReversedUDAF, Signature};
use datafusion::prelude::SessionContext;

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
        self.inner.accumulator(args)
    }

    fn groups_accumulator_supported(&self, args: AccumulatorArgs) -> bool {
        !floating(args.expr_fields) && self.inner.groups_accumulator_supported(args)
    }

    fn create_groups_accumulator(&self, args: AccumulatorArgs) -> Result<Box<dyn GroupsAccumulator>> {
        self.inner.create_groups_accumulator(args)
    }

    fn create_sliding_accumulator(&self, args: AccumulatorArgs) -> Result<Box<dyn Accumulator>> {
        self.inner.create_sliding_accumulator(args)
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
