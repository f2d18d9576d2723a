//! Spark's `approx_count_distinct(col[, rsd])` (`HyperLogLogPlusPlus`): the HyperLogLog++
//! estimate of Heule, Nunkesser and Hall ("HyperLogLog in Practice", 2013) over Spark's
//! 64-bit hash of each value (`xxhash64`, seed 42), NULLs skipped.
//!
//! - The precision `p` follows from the relative standard deviation: the smallest `p` with
//!   `1.106 / 2^(p/2) <= rsd`; `2^p` registers each keep the longest run of leading zeros
//!   (plus one) seen among the hashes routed to it by their top `p` bits.
//! - The estimate is linear counting (`m ln(m / V)`, `V` the empty registers) while that is
//!   at most the precision's threshold, and the harmonic-mean estimate `alpha m^2 / sum
//!   2^-M` otherwise, rounded half up.
//!
//! Not included: the paper's empirical bias correction of the harmonic-mean estimate below
//! `5m`. Where Spark corrects (above the threshold and below `5m`), Ember gives linear
//! counting while registers are empty, the uncorrected estimate after; both are within the
//! requested error, but not Spark's number.
use std::sync::Arc;

use datafusion::arrow::array::{Array, ArrayRef, AsArray};
use datafusion::arrow::datatypes::{DataType, Field, FieldRef, Int64Type};
use datafusion::common::config::ConfigOptions;
use datafusion::common::ScalarValue;
use datafusion::error::{DataFusionError, Result};
use datafusion::logical_expr::function::{AccumulatorArgs, StateFieldsArgs};
use datafusion::execution::FunctionRegistry;
use datafusion::logical_expr::{Accumulator, AggregateUDF, AggregateUDFImpl, ColumnarValue, ScalarFunctionArgs, ScalarUDF, Signature, TypeSignature, Volatility};
use datafusion::physical_expr::expressions::Literal;
use datafusion::physical_expr::PhysicalExpr;
use datafusion::prelude::SessionContext;

use crate::engine::local::error::EngineError;

/// The linear-counting thresholds of precisions 4 to 18, from the paper.
const THRESHOLDS: [f64; 15] = [10.0, 20.0, 40.0, 80.0, 220.0, 400.0, 900.0, 1800.0, 3100.0, 6500.0, 11500.0, 20000.0, 50000.0, 120000.0, 350000.0];

/// The precision for a relative standard deviation, or `None` where it is under 4 bits
/// (an `rsd` above 39%), which Spark refuses.
fn precision(rsd: f64) -> Option<u32> {
    let p = (2.0 * (1.106 / rsd).log2()).ceil();
    (p >= 4.0 && p.is_finite()).then_some(p as u32)
}

/// The aggregate; `hash` is the engine's Spark `xxhash64`. The precision comes from the
/// literal `rsd` argument of each call.
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct HyperLogLogPlusPlus {
    hash: ScalarUDF,
    signature: Signature,
}

/// Registers `approx_count_distinct` over the engine's `xxhash64`, registered before it.
pub fn register(context: &SessionContext) {
    if let Ok(hash) = context.udf("xxhash64") {
        let signature = Signature::one_of(vec![TypeSignature::Any(1), TypeSignature::Any(2)], Volatility::Immutable);
        context.register_udaf(AggregateUDF::new_from_impl(HyperLogLogPlusPlus { hash: hash.as_ref().clone(), signature }));
    }
}

/// The precision a call's `rsd` asks for (0.05 without one), or Spark's error: an `rsd`
/// that is not a numeric literal (`_LEGACY_ERROR_TEMP_1104`), or one above 39%
/// (`FAILED_FUNCTION_CALL`). Read at analysis (`registry`) and by each accumulator.
pub fn precision_of(rsd: Option<&ScalarValue>) -> std::result::Result<u32, EngineError> {
    let rsd = match rsd.map(|value| (value.data_type().is_numeric(), value.cast_to(&DataType::Float64))) {
        None => 0.05,
        Some((true, Ok(ScalarValue::Float64(Some(rsd))))) => rsd,
        Some(_) => return Err(EngineError::analysis("_LEGACY_ERROR_TEMP_1104", "The second argument should be a double literal.", &[])),
    };
    precision(rsd).ok_or_else(|| {
        EngineError::analysis(
            "FAILED_FUNCTION_CALL",
            "Failed preparing of the function `approx_count_distinct` for call. Please, double check function's arguments.",
            &[("funcName", "`approx_count_distinct`".to_string())],
        )
    })
}

/// The precision of a planned call, from its literal `rsd` argument.
fn call_precision(arguments: &[Arc<dyn PhysicalExpr>]) -> Result<u32> {
    let literal = arguments.get(1).map(|argument| argument.downcast_ref::<Literal>().map_or(ScalarValue::Null, |l| l.value().clone()));
    precision_of(literal.as_ref()).map_err(|e| DataFusionError::External(Box::new(e)))
}

impl AggregateUDFImpl for HyperLogLogPlusPlus {
    fn name(&self) -> &str {
        "approx_count_distinct"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Int64)
    }

    fn is_nullable(&self) -> bool {
        false
    }

    fn default_value(&self, _data_type: &DataType) -> Result<ScalarValue> {
        Ok(ScalarValue::Int64(Some(0)))
    }

    fn state_fields(&self, args: StateFieldsArgs) -> Result<Vec<FieldRef>> {
        Ok(vec![Arc::new(Field::new(format!("{}_registers", args.name), DataType::Binary, true))])
    }

    fn accumulator(&self, args: AccumulatorArgs) -> Result<Box<dyn Accumulator>> {
        let input = args.expr_fields.first().cloned().ok_or_else(|| DataFusionError::Plan("approx_count_distinct takes a column".into()))?;
        Ok(Box::new(Group {
            registers: Registers::new(call_precision(args.exprs)?),
            hash: self.hash.clone(),
            input,
            output: Arc::new(Field::new("hash", DataType::Int64, false)),
            options: Arc::new(ConfigOptions::default()),
        }))
    }
}

/// The registers of one sketch: the largest leading-zero rank per bucket.
#[derive(Debug)]
struct Registers {
    precision: u32,
    values: Vec<u8>,
}

/// One group's sketch, and how its values are hashed: the hash function, its argument
/// and result fields, and the options it is called with, made once per accumulator.
#[derive(Debug)]
struct Group {
    registers: Registers,
    hash: ScalarUDF,
    input: FieldRef,
    output: FieldRef,
    options: Arc<ConfigOptions>,
}

impl Registers {
    fn new(precision: u32) -> Self {
        Registers { precision, values: vec![0; 1 << precision] }
    }

    fn add(&mut self, hash: u64) {
        let p = self.precision;
        let index = (hash >> (64 - p)) as usize;
        // The remaining bits, with a stop bit so that the rank is at most 64 - p + 1.
        let rest = (hash << p) | (1u64 << (p - 1));
        let rank = rest.leading_zeros() as u8 + 1;
        if rank > self.values[index] {
            self.values[index] = rank;
        }
    }

    fn estimate(&self) -> i64 {
        let m = self.values.len() as f64;
        let alpha = match self.precision {
            4 => 0.673,
            5 => 0.697,
            6 => 0.709,
            _ => 0.7213 / (1.0 + 1.079 / m),
        };
        let sum: f64 = self.values.iter().map(|&rank| (-(rank as f64)).exp2()).sum();
        let raw = alpha * m * m / sum;
        let empty = self.values.iter().filter(|&&rank| rank == 0).count();
        let estimate = if empty > 0 {
            let linear = m * (m / empty as f64).ln();
            let threshold = THRESHOLDS.get(self.precision as usize - 4).copied().unwrap_or(0.0);
            if linear <= threshold || raw < 5.0 * m { linear } else { raw }
        } else {
            raw
        };
        estimate.round() as i64
    }
}

impl Accumulator for Group {
    fn update_batch(&mut self, values: &[ArrayRef]) -> Result<()> {
        let column = &values[0];
        let hashes = self.hash.invoke_with_args(ScalarFunctionArgs {
            args: vec![ColumnarValue::Array(column.clone())],
            arg_fields: vec![self.input.clone()],
            number_rows: column.len(),
            return_field: self.output.clone(),
            config_options: self.options.clone(),
        })?;
        let hashes = hashes.into_array(column.len())?;
        for (row, hash) in hashes.as_primitive::<Int64Type>().values().iter().enumerate() {
            if column.is_valid(row) {
                self.registers.add(*hash as u64);
            }
        }
        Ok(())
    }

    fn merge_batch(&mut self, states: &[ArrayRef]) -> Result<()> {
        for partial in states[0].as_binary::<i32>().iter().flatten() {
            for (mine, theirs) in self.registers.values.iter_mut().zip(partial) {
                *mine = (*mine).max(*theirs);
            }
        }
        Ok(())
    }

    fn state(&mut self) -> Result<Vec<ScalarValue>> {
        Ok(vec![ScalarValue::Binary(Some(self.registers.values.clone()))])
    }

    fn evaluate(&mut self) -> Result<ScalarValue> {
        Ok(ScalarValue::Int64(Some(self.registers.estimate())))
    }

    fn size(&self) -> usize {
        std::mem::size_of_val(self) + self.registers.values.capacity()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn precision_follows_the_relative_deviation() {
        assert_eq!(precision(0.05), Some(9));
        assert_eq!(precision(0.1), Some(7));
        assert_eq!(precision(0.01), Some(14));
        assert_eq!(precision(0.39), Some(4));
        assert_eq!(precision(0.5), None);
    }

    #[test]
    fn ranks_count_leading_zeros_after_the_index_bits() {
        let mut registers = Registers::new(4);
        registers.add(0x3000_0000_0000_0000 | (1 << 58));
        assert_eq!(registers.values[3], 2);
        registers.add(0x3000_0000_0000_0000);
        assert_eq!(registers.values[3], 61, "no bits after the index: the stop bit caps the rank");
        assert_eq!(registers.estimate(), (16.0f64 * (16.0f64 / 15.0).ln()).round() as i64);
    }
}
