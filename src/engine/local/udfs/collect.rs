//! Spark's `collect_list` (also `array_agg`) and `collect_set`, typed as Spark types them
//! (`CollectList`, `CollectSet`: never NULL, and their arrays hold no NULL, which both
//! skip): datafusion-spark's aggregates, whose arrays are read into that type.
use std::sync::Arc;

use datafusion::arrow::array::ArrayRef;
use datafusion::arrow::datatypes::{DataType, Field, FieldRef};
use datafusion::common::ScalarValue;
use datafusion::error::Result;
use datafusion::execution::FunctionRegistry;
use datafusion::logical_expr::function::{AccumulatorArgs, StateFieldsArgs};
use datafusion::logical_expr::{Accumulator, AggregateUDF, AggregateUDFImpl, Signature};
use datafusion::prelude::SessionContext;

/// Wraps the engine's `collect_list` and `collect_set` (registered by `udfs`) in Spark's types.
pub fn register(context: &SessionContext) {
    for (name, aliases) in [("collect_list", &["array_agg"][..]), ("collect_set", &[][..])] {
        if let Ok(inner) = context.udaf(name) {
            context.register_udaf(AggregateUDF::from(Collect { inner }).with_aliases(aliases.iter().copied()));
        }
    }
}

/// The array type of collected values of `element`: elements never NULL.
fn collected(element: &DataType) -> DataType {
    DataType::List(Arc::new(Field::new_list_field(element.clone(), false)))
}

#[derive(Debug, PartialEq, Eq, Hash)]
struct Collect {
    inner: Arc<AggregateUDF>,
}

impl AggregateUDFImpl for Collect {
    fn name(&self) -> &str {
        self.inner.name()
    }

    fn signature(&self) -> &Signature {
        self.inner.signature()
    }

    fn return_type(&self, arg_types: &[DataType]) -> Result<DataType> {
        Ok(collected(arg_types.first().unwrap_or(&DataType::Null)))
    }

    fn return_field(&self, arg_fields: &[FieldRef]) -> Result<FieldRef> {
        let element = arg_fields.first().map(|f| f.data_type().clone()).unwrap_or(DataType::Null);
        Ok(Arc::new(Field::new(self.name(), collected(&element), false)))
    }

    fn is_nullable(&self) -> bool {
        false
    }

    fn state_fields(&self, args: StateFieldsArgs) -> Result<Vec<FieldRef>> {
        self.inner.state_fields(args)
    }

    fn accumulator(&self, args: AccumulatorArgs) -> Result<Box<dyn Accumulator>> {
        let to = collected(&args.exprs.first().map(|e| e.data_type(args.schema)).transpose()?.unwrap_or(DataType::Null));
        Ok(Box::new(Retyped { inner: self.inner.accumulator(args)?, to }))
    }

    fn default_value(&self, data_type: &DataType) -> Result<ScalarValue> {
        let element = match data_type {
            DataType::List(field) => field.data_type().clone(),
            other => other.clone(),
        };
        Ok(ScalarValue::List(ScalarValue::new_list(&[], &element, false)))
    }
}

/// The inner accumulator, its result read into the declared array type.
#[derive(Debug)]
struct Retyped {
    inner: Box<dyn Accumulator>,
    to: DataType,
}

impl Accumulator for Retyped {
    fn update_batch(&mut self, values: &[ArrayRef]) -> Result<()> {
        self.inner.update_batch(values)
    }

    fn merge_batch(&mut self, states: &[ArrayRef]) -> Result<()> {
        self.inner.merge_batch(states)
    }

    fn state(&mut self) -> Result<Vec<ScalarValue>> {
        self.inner.state()
    }

    fn evaluate(&mut self) -> Result<ScalarValue> {
        let result = self.inner.evaluate()?.to_array()?;
        let retyped = datafusion::arrow::compute::cast(&result, &self.to)?;
        ScalarValue::try_from_array(&retyped, 0)
    }

    fn retract_batch(&mut self, values: &[ArrayRef]) -> Result<()> {
        self.inner.retract_batch(values)
    }

    fn supports_retract_batch(&self) -> bool {
        self.inner.supports_retract_batch()
    }

    fn size(&self) -> usize {
        self.inner.size()
    }
}
