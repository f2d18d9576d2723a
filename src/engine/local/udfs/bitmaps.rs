//! Spark's bitmap aggregates (`BitmapConstructAgg`, `BitmapOrAgg`, `BitmapAndAgg`): a bitmap
//! is 4096 bytes, 32768 bits, bit `p` in byte `p / 8` at position `p % 8`. Positions come
//! from `bitmap_bit_position`; `bitmap_count` counts the set bits.
use std::sync::Arc;

use datafusion::arrow::array::{ArrayRef, AsArray};
use datafusion::arrow::datatypes::{DataType, Field, FieldRef, Int64Type};
use datafusion::common::ScalarValue;
use datafusion::error::{DataFusionError, Result};
use datafusion::logical_expr::function::{AccumulatorArgs, StateFieldsArgs};
use datafusion::logical_expr::{Accumulator, AggregateUDF, AggregateUDFImpl, Signature, Volatility};
use datafusion::prelude::SessionContext;

use crate::engine::local::error::{EngineError, ErrorClass};

/// The size of one bitmap in bytes.
const BYTES: usize = 4096;

/// Registers the aggregates under their Spark names.
pub fn register(context: &SessionContext) {
    for name in ["bitmap_construct_agg", "bitmap_or_agg", "bitmap_and_agg"] {
        context.register_udaf(AggregateUDF::from(BitmapAggregate { name, signature: Signature::any(1, Volatility::Immutable) }));
    }
}

#[derive(Debug, PartialEq, Eq, Hash)]
struct BitmapAggregate {
    name: &'static str,
    signature: Signature,
}

impl AggregateUDFImpl for BitmapAggregate {
    fn name(&self) -> &str {
        self.name
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, arg_types: &[DataType]) -> Result<DataType> {
        let fits = match self.name {
            "bitmap_construct_agg" => arg_types[0].is_integer() || arg_types[0] == DataType::Null,
            _ => matches!(arg_types[0], DataType::Binary | DataType::LargeBinary | DataType::BinaryView | DataType::Null),
        };
        if !fits {
            let required = if self.name == "bitmap_construct_agg" { "BIGINT" } else { "BINARY" };
            let found = crate::engine::local::types::spark_sql_type_name(&arg_types[0]);
            return Err(EngineError::unexpected_input_type(self.name, 0, required, &found).into());
        }
        Ok(DataType::Binary)
    }

    fn is_nullable(&self) -> bool {
        false
    }

    fn state_fields(&self, args: StateFieldsArgs) -> Result<Vec<FieldRef>> {
        Ok(vec![Arc::new(Field::new(format!("{}_bitmap", args.name), DataType::Binary, true))])
    }

    fn accumulator(&self, _args: AccumulatorArgs) -> Result<Box<dyn Accumulator>> {
        Ok(Box::new(BitmapAccumulator { name: self.name, bitmap: None }))
    }
}

/// The bitmap so far; `None` until the first input (an AND of nothing is all zeros).
#[derive(Debug)]
struct BitmapAccumulator {
    name: &'static str,
    bitmap: Option<Vec<u8>>,
}

impl BitmapAccumulator {
    /// Merges a bitmap by OR (construct, or) or AND (and); a shorter input changes only
    /// the bytes it has.
    fn merge(&mut self, other: &[u8]) {
        match &mut self.bitmap {
            None => {
                let mut bitmap = vec![0u8; BYTES];
                let length = other.len().min(BYTES);
                bitmap[..length].copy_from_slice(&other[..length]);
                self.bitmap = Some(bitmap);
            }
            Some(bitmap) => {
                for (byte, value) in bitmap.iter_mut().zip(other) {
                    if self.name == "bitmap_and_agg" {
                        *byte &= value;
                    } else {
                        *byte |= value;
                    }
                }
            }
        }
    }
}

impl Accumulator for BitmapAccumulator {
    fn update_batch(&mut self, values: &[ArrayRef]) -> Result<()> {
        if self.name == "bitmap_construct_agg" {
            let positions = datafusion::arrow::compute::cast(&values[0], &DataType::Int64)?;
            let bitmap = self.bitmap.get_or_insert_with(|| vec![0u8; BYTES]);
            for position in positions.as_primitive::<Int64Type>().iter().flatten() {
                if !(0..(BYTES * 8) as i64).contains(&position) {
                    return Err(DataFusionError::External(Box::new(EngineError::spark(
                        ErrorClass::Runtime,
                        "INVALID_BITMAP_POSITION",
                        format!("The 0-indexed bitmap position {position} is out of bounds. The bitmap has {} bits ({BYTES} bytes).", BYTES * 8),
                        &[("bitPosition", position.to_string()), ("bitmapNumBytes", BYTES.to_string()), ("bitmapNumBits", (BYTES * 8).to_string())],
                    ))));
                }
                bitmap[(position / 8) as usize] |= 1 << (position % 8);
            }
            return Ok(());
        }
        let bitmaps = datafusion::arrow::compute::cast(&values[0], &DataType::Binary)?;
        for bitmap in bitmaps.as_binary::<i32>().iter().flatten() {
            self.merge(bitmap);
        }
        Ok(())
    }

    fn merge_batch(&mut self, states: &[ArrayRef]) -> Result<()> {
        let partials = states[0].as_binary::<i32>();
        for partial in partials.iter().flatten() {
            self.merge(partial);
        }
        Ok(())
    }

    fn state(&mut self) -> Result<Vec<ScalarValue>> {
        Ok(vec![ScalarValue::Binary(self.bitmap.clone())])
    }

    fn evaluate(&mut self) -> Result<ScalarValue> {
        Ok(ScalarValue::Binary(Some(self.bitmap.clone().unwrap_or_else(|| vec![0u8; BYTES]))))
    }

    fn size(&self) -> usize {
        std::mem::size_of_val(self) + self.bitmap.as_ref().map_or(0, Vec::len)
    }
}
