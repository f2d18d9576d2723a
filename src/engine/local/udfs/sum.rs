//! Spark's `sum` under ANSI mode (Spark 4's default): a sum of integers is a bigint that
//! raises `ARITHMETIC_OVERFLOW` instead of wrapping (Spark's `Sum` with `Add` in ANSI
//! mode). Other inputs (doubles, decimals) are summed by DataFusion's own `sum`.
use std::sync::Arc;

use datafusion::arrow::array::{ArrayRef, AsArray};
use datafusion::arrow::datatypes::{DataType, FieldRef, Int64Type};
use datafusion::common::ScalarValue;
use datafusion::error::{DataFusionError, Result};
use datafusion::execution::FunctionRegistry;
use datafusion::logical_expr::function::{AccumulatorArgs, StateFieldsArgs};
use datafusion::logical_expr::{Accumulator, AggregateUDF, AggregateUDFImpl, GroupsAccumulator, ReversedUDAF, Signature};
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
        // Integer sums take the checked row accumulator above.
        !args.expr_fields.first().is_some_and(|f| integral(f.data_type())) && self.inner.groups_accumulator_supported(args)
    }

    fn create_groups_accumulator(&self, args: AccumulatorArgs) -> Result<Box<dyn GroupsAccumulator>> {
        self.inner.create_groups_accumulator(args)
    }

    fn reverse_expr(&self) -> ReversedUDAF {
        ReversedUDAF::Identical
    }

    fn default_value(&self, data_type: &DataType) -> Result<ScalarValue> {
        self.inner.default_value(data_type)
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
            let next = if sign > 0 { sum.checked_add(value) } else { sum.checked_sub(value) };
            self.sum = Some(next.ok_or_else(overflow)?);
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
            self.sum = Some(self.sum.unwrap_or(0).checked_add(value).ok_or_else(overflow)?);
            self.count += 1;
        }
        Ok(())
    }
}
