//! Grouped-aggregate pandas UDFs on the local engine (PySpark's `pandas_udf` of
//! `SQL_GROUPED_AGG_PANDAS_UDF`, a `Series -> scalar` function): a DataFusion aggregate
//! that keeps each group's argument values and hands them to the Python runner once, when
//! the group's result is asked for, as Spark's `AggregateInPandasExec` hands a group to a
//! Python worker. Partial states are the values themselves, as lists.
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use datafusion::arrow::array::{Array, ArrayRef, AsArray};
use datafusion::arrow::datatypes::{DataType, Field, FieldRef};
use datafusion::common::ScalarValue;
use datafusion::error::{DataFusionError, Result};
use datafusion::logical_expr::function::{AccumulatorArgs, StateFieldsArgs};
use datafusion::logical_expr::{Accumulator, AggregateUDFImpl, Signature, Volatility};

use super::python_udf::PythonRunner;

/// One grouped-aggregate Python function as a DataFusion aggregate, named as the Python
/// function (`min_udf(age)` in Spark's output names).
#[derive(Debug)]
pub struct PythonAggregate {
    name: String,
    command: Arc<Vec<u8>>,
    return_type: DataType,
    signature: Signature,
    runner: Arc<dyn PythonRunner>,
}

impl PythonAggregate {
    pub fn new(name: &str, command: Vec<u8>, return_type: DataType, runner: Arc<dyn PythonRunner>) -> Self {
        Self { name: name.to_string(), command: Arc::new(command), return_type, signature: Signature::variadic_any(Volatility::Immutable), runner }
    }
}

impl PartialEq for PythonAggregate {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name && self.command == other.command && self.return_type == other.return_type
    }
}

impl Eq for PythonAggregate {}

impl Hash for PythonAggregate {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.name.hash(state);
        self.command.hash(state);
    }
}

impl AggregateUDFImpl for PythonAggregate {
    fn name(&self) -> &str {
        &self.name
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(self.return_type.clone())
    }

    /// One list of values per argument.
    fn state_fields(&self, args: StateFieldsArgs) -> Result<Vec<FieldRef>> {
        Ok(args
            .input_fields
            .iter()
            .enumerate()
            .map(|(i, field)| Arc::new(Field::new(format!("{}[{i}]", args.name), DataType::List(Arc::new(Field::new_list_field(field.data_type().clone(), true))), true)))
            .collect())
    }

    fn accumulator(&self, args: AccumulatorArgs) -> Result<Box<dyn Accumulator>> {
        Ok(Box::new(GroupValues {
            types: args.expr_fields.iter().map(|f| f.data_type().clone()).collect(),
            values: vec![Vec::new(); args.expr_fields.len()],
            command: Arc::clone(&self.command),
            return_type: self.return_type.clone(),
            runner: Arc::clone(&self.runner),
        }))
    }
}

/// A group's argument values, batch by batch.
#[derive(Debug)]
struct GroupValues {
    types: Vec<DataType>,
    values: Vec<Vec<ArrayRef>>,
    command: Arc<Vec<u8>>,
    return_type: DataType,
    runner: Arc<dyn PythonRunner>,
}

impl GroupValues {
    /// Each argument's values as one array.
    fn columns(&self) -> Result<Vec<ArrayRef>> {
        self.values
            .iter()
            .zip(&self.types)
            .map(|(arrays, data_type)| {
                if arrays.is_empty() {
                    return Ok(datafusion::arrow::array::new_empty_array(data_type));
                }
                let parts: Vec<&dyn Array> = arrays.iter().map(|a| a.as_ref()).collect();
                Ok(datafusion::arrow::compute::concat(&parts)?)
            })
            .collect()
    }
}

impl Accumulator for GroupValues {
    fn update_batch(&mut self, values: &[ArrayRef]) -> Result<()> {
        for (kept, batch) in self.values.iter_mut().zip(values) {
            kept.push(Arc::clone(batch));
        }
        Ok(())
    }

    fn merge_batch(&mut self, states: &[ArrayRef]) -> Result<()> {
        for (kept, state) in self.values.iter_mut().zip(states) {
            let lists = state.as_list::<i32>();
            for row in 0..lists.len() {
                if !lists.is_null(row) {
                    kept.push(lists.value(row));
                }
            }
        }
        Ok(())
    }

    fn state(&mut self) -> Result<Vec<ScalarValue>> {
        Ok(self.columns()?.into_iter().map(|column| ScalarValue::List(Arc::new(datafusion::common::utils::SingleRowListArrayBuilder::new(column).build_list_array()))).collect())
    }

    fn evaluate(&mut self) -> Result<ScalarValue> {
        let columns = self.columns()?;
        let result = self.runner.aggregate(&self.command, &columns, &self.return_type).map_err(|e| DataFusionError::External(Box::new(e)))?;
        ScalarValue::try_from_array(&result, 0)
    }

    fn size(&self) -> usize {
        std::mem::size_of_val(self) + self.values.iter().flatten().map(|a| a.get_array_memory_size()).sum::<usize>()
    }

    /// A sliding window frame (`rowsBetween(-1, 0)`) leaves its first rows: Spark then
    /// calls the UDF on each row's frame, as `WindowInPandasExec` does.
    fn retract_batch(&mut self, values: &[ArrayRef]) -> Result<()> {
        let leaving = values.first().map_or(0, |v| v.len());
        let columns = self.columns()?;
        for (kept, column) in self.values.iter_mut().zip(columns) {
            let remaining = column.len().saturating_sub(leaving);
            *kept = vec![column.slice(column.len() - remaining, remaining)];
        }
        Ok(())
    }

    fn supports_retract_batch(&self) -> bool {
        true
    }
}
