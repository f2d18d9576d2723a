//! Spark's `listagg` and `string_agg` (its `ListAgg`): the non-NULL values of a group
//! joined by a delimiter, NULL when there are none. Text joins to text and bytes to
//! bytes; a NULL delimiter joins with nothing; `DISTINCT` keeps each value where it first
//! occurs. One engine aggregate for the DataFrame API and SQL.
use std::collections::HashSet;
use std::sync::Arc;

use datafusion::arrow::array::{Array, ArrayRef, AsArray};
use datafusion::arrow::datatypes::{DataType, Field, FieldRef};
use datafusion::common::ScalarValue;
use datafusion::error::Result;
use datafusion::logical_expr::function::{AccumulatorArgs, StateFieldsArgs};
use datafusion::logical_expr::{Accumulator, AggregateUDF, AggregateUDFImpl, Signature, Volatility};
use datafusion::prelude::SessionContext;

/// Registers `listagg` and `string_agg` under their own names (each names its column).
pub fn register(context: &SessionContext) {
    for name in ["listagg", "string_agg"] {
        context.register_udaf(AggregateUDF::from(ListAgg { name, signature: Signature::user_defined(Volatility::Immutable) }));
    }
}

#[derive(Debug, PartialEq, Eq, Hash)]
struct ListAgg {
    name: &'static str,
    signature: Signature,
}

/// Whether values of this type are joined as bytes.
fn is_bytes(data_type: &DataType) -> bool {
    matches!(data_type, DataType::Binary | DataType::LargeBinary | DataType::BinaryView)
}

impl AggregateUDFImpl for ListAgg {
    fn name(&self) -> &str {
        self.name
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    /// Values other than text and bytes are read as text (Spark's implicit cast).
    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        if arg_types.len() != 2 {
            return Err(crate::engine::local::error::EngineError::analysis(
                "WRONG_NUM_ARGS.WITHOUT_SUGGESTION",
                format!("The `{}` requires 2 parameters but the actual number is {}.", self.name, arg_types.len()),
                &[("functionName", format!("`{}`", self.name)), ("expectedNum", "2".to_string()), ("actualNum", arg_types.len().to_string())],
            )
            .into());
        }
        let bytes = arg_types.first().is_some_and(is_bytes);
        let target = if bytes { DataType::Binary } else { DataType::Utf8 };
        Ok(arg_types.iter().map(|_| target.clone()).collect())
    }

    fn return_type(&self, arg_types: &[DataType]) -> Result<DataType> {
        Ok(if arg_types.first().is_some_and(is_bytes) { DataType::Binary } else { DataType::Utf8 })
    }

    fn state_fields(&self, args: StateFieldsArgs) -> Result<Vec<FieldRef>> {
        Ok(vec![
            Arc::new(Field::new(format!("{}[values]", args.name), DataType::new_list(DataType::Binary, true), true)),
            Arc::new(Field::new(format!("{}[delimiter]", args.name), DataType::Binary, true)),
        ])
    }

    fn accumulator(&self, args: AccumulatorArgs) -> Result<Box<dyn Accumulator>> {
        let bytes = is_bytes(args.return_field.data_type());
        Ok(Box::new(Joined { values: Vec::new(), seen: args.is_distinct.then(HashSet::new), delimiter: None, bytes }))
    }
}

/// The values of a group in input order, as bytes.
#[derive(Debug)]
struct Joined {
    values: Vec<Vec<u8>>,
    /// The values kept so far, under `DISTINCT`.
    seen: Option<HashSet<Vec<u8>>>,
    delimiter: Option<Vec<u8>>,
    bytes: bool,
}

impl Joined {
    fn push(&mut self, value: &[u8]) {
        if let Some(seen) = &mut self.seen {
            if !seen.insert(value.to_vec()) {
                return;
            }
        }
        self.values.push(value.to_vec());
    }
}

/// Each row of a text or binary array as bytes.
fn rows_as_bytes(array: &ArrayRef) -> Result<Vec<Option<Vec<u8>>>> {
    let binary = datafusion::arrow::compute::cast(array, &DataType::Binary)?;
    Ok(binary.as_binary::<i32>().iter().map(|v| v.map(<[u8]>::to_vec)).collect())
}

impl Accumulator for Joined {
    fn update_batch(&mut self, values: &[ArrayRef]) -> Result<()> {
        if let Some(delimiters) = values.get(1) {
            if self.delimiter.is_none() {
                self.delimiter = rows_as_bytes(delimiters)?.into_iter().flatten().next();
            }
        }
        for value in rows_as_bytes(&values[0])?.into_iter().flatten() {
            self.push(&value);
        }
        Ok(())
    }

    fn merge_batch(&mut self, states: &[ArrayRef]) -> Result<()> {
        if self.delimiter.is_none() {
            self.delimiter = rows_as_bytes(&states[1])?.into_iter().flatten().next();
        }
        let lists = states[0].as_list::<i32>();
        for row in 0..lists.len() {
            if lists.is_null(row) {
                continue;
            }
            for value in rows_as_bytes(&lists.value(row))?.into_iter().flatten() {
                self.push(&value);
            }
        }
        Ok(())
    }

    fn state(&mut self) -> Result<Vec<ScalarValue>> {
        let values: Vec<ScalarValue> = self.values.iter().map(|v| ScalarValue::Binary(Some(v.clone()))).collect();
        Ok(vec![ScalarValue::List(ScalarValue::new_list(&values, &DataType::Binary, true)), ScalarValue::Binary(self.delimiter.clone())])
    }

    fn evaluate(&mut self) -> Result<ScalarValue> {
        if self.values.is_empty() {
            return Ok(if self.bytes { ScalarValue::Binary(None) } else { ScalarValue::Utf8(None) });
        }
        let joined = self.values.join(self.delimiter.as_deref().unwrap_or_default());
        Ok(if self.bytes { ScalarValue::Binary(Some(joined)) } else { ScalarValue::Utf8(Some(String::from_utf8_lossy(&joined).into_owned())) })
    }

    fn size(&self) -> usize {
        std::mem::size_of_val(self) + self.values.iter().map(Vec::capacity).sum::<usize>()
    }
}
