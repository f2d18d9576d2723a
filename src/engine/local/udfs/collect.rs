//! Spark's `collect_list` (also `array_agg`) and `collect_set`, typed as Spark types them
//! (`CollectList`, `CollectSet`: never NULL, and their arrays hold no NULL, which both
//! skip): datafusion-spark's aggregates, whose arrays are read into that type. Also
//! Spark's `collect_union`: the distinct elements of the group's arrays, in the order they
//! first occur, over the engine's `collect_list` of the arrays.
use std::sync::Arc;

use datafusion::arrow::array::ArrayRef;
use datafusion::arrow::datatypes::{DataType, Field, FieldRef};
use datafusion::common::ScalarValue;
use datafusion::error::Result;
use datafusion::execution::FunctionRegistry;
use datafusion::logical_expr::function::{AccumulatorArgs, StateFieldsArgs};
use datafusion::logical_expr::{Accumulator, AggregateUDF, AggregateUDFImpl, Signature};
use datafusion::prelude::SessionContext;

/// Wraps the engine's `collect_list` and `collect_set` (registered by `udfs`) in Spark's
/// types, and builds `collect_union` over `collect_list`.
pub fn register(context: &SessionContext) {
    for (name, aliases) in [("collect_list", &["array_agg"][..]), ("collect_set", &[][..])] {
        if let Ok(inner) = context.udaf(name) {
            context.register_udaf(AggregateUDF::from(Collect { inner: inner.clone(), union: false }).with_aliases(aliases.iter().copied()));
            if name == "collect_list" {
                context.register_udaf(AggregateUDF::from(Collect { inner, union: true }));
            }
        }
    }
}

/// The array type of collected values of `element`: elements never NULL.
fn collected(element: &DataType) -> DataType {
    DataType::List(Arc::new(Field::new_list_field(element.clone(), false)))
}

/// An engine collecting aggregate in Spark's types. With `union`, Spark's
/// `collect_union(arrays)`: one array of the distinct elements of the group's arrays;
/// NULL arrays and NULL elements are skipped, as Spark's `CollectSet` skips them.
#[derive(Debug, PartialEq, Eq, Hash)]
struct Collect {
    inner: Arc<AggregateUDF>,
    union: bool,
}

impl Collect {
    /// The result type for an argument of `input`: an array of its values, or for a union
    /// of arrays, an array of their elements.
    fn result_type(&self, input: &DataType) -> DataType {
        match input {
            DataType::List(field) | DataType::LargeList(field) if self.union => collected(field.data_type()),
            other => collected(other),
        }
    }
}

impl AggregateUDFImpl for Collect {
    fn name(&self) -> &str {
        if self.union {
            "collect_union"
        } else {
            self.inner.name()
        }
    }

    fn signature(&self) -> &Signature {
        self.inner.signature()
    }

    fn return_type(&self, arg_types: &[DataType]) -> Result<DataType> {
        Ok(self.result_type(arg_types.first().unwrap_or(&DataType::Null)))
    }

    fn return_field(&self, arg_fields: &[FieldRef]) -> Result<FieldRef> {
        let input = arg_fields.first().map(|f| f.data_type().clone()).unwrap_or(DataType::Null);
        Ok(Arc::new(Field::new(self.name(), self.result_type(&input), false)))
    }

    fn is_nullable(&self) -> bool {
        false
    }

    fn state_fields(&self, args: StateFieldsArgs) -> Result<Vec<FieldRef>> {
        self.inner.state_fields(args)
    }

    fn accumulator(&self, args: AccumulatorArgs) -> Result<Box<dyn Accumulator>> {
        let to = self.result_type(&args.exprs.first().map(|e| e.data_type(args.schema)).transpose()?.unwrap_or(DataType::Null));
        Ok(Box::new(Retyped { inner: self.inner.accumulator(args)?, to, union: self.union }))
    }

    fn default_value(&self, data_type: &DataType) -> Result<ScalarValue> {
        let element = match data_type {
            DataType::List(field) => field.data_type().clone(),
            other => other.clone(),
        };
        Ok(ScalarValue::List(ScalarValue::new_list(&[], &element, false)))
    }
}

/// The inner accumulator, its result read into the declared array type; for a union, the
/// collected arrays' distinct elements in first-occurrence order.
#[derive(Debug)]
struct Retyped {
    inner: Box<dyn Accumulator>,
    to: DataType,
    union: bool,
}

impl Retyped {
    fn union_of_arrays(&mut self) -> Result<ScalarValue> {
        let DataType::List(element) = &self.to else { return self.inner.evaluate() };
        // The arrays are read as arrays of NULL-able elements, the NULLs then skipped.
        let arrays_of = DataType::List(Arc::new(Field::new_list_field(element.data_type().clone(), true)));
        let mut seen = std::collections::HashSet::new();
        let mut elements = Vec::new();
        if let ScalarValue::List(arrays) = self.inner.evaluate()? {
            for array in ScalarValue::convert_array_to_scalar_vec(arrays.as_ref())?.into_iter().flatten().flatten() {
                let ScalarValue::List(inner) = array.cast_to(&arrays_of)? else { continue };
                for value in ScalarValue::convert_array_to_scalar_vec(inner.as_ref())?.into_iter().flatten().flatten() {
                    if !value.is_null() && seen.insert(value.clone()) {
                        elements.push(value);
                    }
                }
            }
        }
        Ok(ScalarValue::List(ScalarValue::new_list(&elements, element.data_type(), element.is_nullable())))
    }
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
        if self.union {
            return self.union_of_arrays();
        }
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
