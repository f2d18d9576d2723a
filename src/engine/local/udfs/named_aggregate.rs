//! Spark aggregates that are another DataFusion aggregate under Spark's own name: SQL's
//! `mean` is its `avg`, `some` and `any` are `bool_or`, `every` is `bool_and`, and
//! `first`, `last` and `any_value` are `first_value` and `last_value` (Spark's `AnyValue`
//! is `First`: NULLs count unless `ignoreNulls`, where DataFusion's own `any_value` skips
//! them), each named as called (`first(a)`, `first_value(a)`).
//! Spark keeps the name the user called in the output column (`some(v)`, Spark's
//! `BoolOr` with its alias as `prettyName`), so the function must carry that name rather
//! than DataFusion's alias. (`std`, `variance` and the other moments: `moments`.)
use std::any::Any;
use std::sync::Arc;

use datafusion::arrow::datatypes::{DataType, FieldRef};
use datafusion::common::ScalarValue;
use datafusion::error::Result;
use datafusion::execution::FunctionRegistry;
use datafusion::logical_expr::function::{AccumulatorArgs, AggregateFunctionSimplification, StateFieldsArgs};
use datafusion::logical_expr::utils::AggregateOrderSensitivity;
use datafusion::logical_expr::{Accumulator, AggregateUDF, AggregateUDFImpl, GroupsAccumulator, ReversedUDAF, SetMonotonicity, Signature};
use datafusion::prelude::SessionContext;

/// Spark's name and the DataFusion aggregate that computes it.
const NAMED: &[(&str, &str)] = &[("mean", "avg"), ("some", "bool_or"), ("any", "bool_or"), ("every", "bool_and"), ("any_value", "first_value"), ("first", "first_value"), ("last", "last_value")];

/// Registers each Spark-named aggregate of `NAMED`.
pub fn register(context: &SessionContext) {
    for (name, target) in NAMED {
        if let Ok(inner) = context.udaf(target) {
            context.register_udaf(AggregateUDF::from(NamedAggregate { name, inner: inner.inner().clone() }));
        }
    }
}

/// An aggregate that computes `inner` and reports itself as `name`.
#[derive(Debug)]
struct NamedAggregate {
    name: &'static str,
    inner: Arc<dyn AggregateUDFImpl>,
}

impl PartialEq for NamedAggregate {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name && self.inner.dyn_eq(other.inner.as_ref() as &dyn Any)
    }
}

impl Eq for NamedAggregate {}

impl std::hash::Hash for NamedAggregate {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.name.hash(state);
        self.inner.dyn_hash(state);
    }
}

impl AggregateUDFImpl for NamedAggregate {
    fn name(&self) -> &str {
        self.name
    }

    fn signature(&self) -> &Signature {
        self.inner.signature()
    }

    fn return_type(&self, arg_types: &[DataType]) -> Result<DataType> {
        self.inner.return_type(arg_types)
    }

    fn return_field(&self, arg_fields: &[FieldRef]) -> Result<FieldRef> {
        self.inner.return_field(arg_fields)
    }

    fn is_nullable(&self) -> bool {
        self.inner.is_nullable()
    }

    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        self.inner.coerce_types(arg_types)
    }

    fn accumulator(&self, args: AccumulatorArgs) -> Result<Box<dyn Accumulator>> {
        self.inner.accumulator(args)
    }

    fn state_fields(&self, args: StateFieldsArgs) -> Result<Vec<FieldRef>> {
        self.inner.state_fields(args)
    }

    fn groups_accumulator_supported(&self, args: AccumulatorArgs) -> bool {
        self.inner.groups_accumulator_supported(args)
    }

    fn create_groups_accumulator(&self, args: AccumulatorArgs) -> Result<Box<dyn GroupsAccumulator>> {
        self.inner.create_groups_accumulator(args)
    }

    fn create_sliding_accumulator(&self, args: AccumulatorArgs) -> Result<Box<dyn Accumulator>> {
        self.inner.create_sliding_accumulator(args)
    }

    fn order_sensitivity(&self) -> AggregateOrderSensitivity {
        self.inner.order_sensitivity()
    }

    fn simplify(&self) -> Option<AggregateFunctionSimplification> {
        self.inner.simplify()
    }

    fn reverse_expr(&self) -> ReversedUDAF {
        // The statistical aggregates do not depend on input order; `first_value` does, and
        // its reverse would report another name.
        match self.inner.reverse_expr() {
            ReversedUDAF::Identical => ReversedUDAF::Identical,
            _ => ReversedUDAF::NotSupported,
        }
    }

    fn supports_null_handling_clause(&self) -> bool {
        self.inner.supports_null_handling_clause()
    }

    fn default_value(&self, data_type: &DataType) -> Result<ScalarValue> {
        self.inner.default_value(data_type)
    }

    fn set_monotonicity(&self, data_type: &DataType) -> SetMonotonicity {
        self.inner.set_monotonicity(data_type)
    }
}
