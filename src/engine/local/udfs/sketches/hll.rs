//! Spark's HyperLogLog sketch functions (`HllSketchAgg`, `HllUnionAgg`, `HllSketchEstimate`,
//! `HllUnion`): DataSketches HLL_8 sketches of INT, BIGINT, STRING or BINARY values,
//! `lgConfigK` between 4 and 21 (default 12).
use std::sync::Arc;

use datafusion::arrow::array::{Array, ArrayRef};
use datafusion::arrow::datatypes::DataType;
use datafusion::error::{DataFusionError, Result};
use datafusion::logical_expr::function::AccumulatorArgs;
use datafusion::prelude::SessionContext;
use datasketches::hash::value::raw_bytes;
use datasketches::hll::{HllSketch, HllType, HllUnion};

use super::{binary_rows, bool_value, constant_argument, estimates, expect_arguments, expect_binary, expect_type, for_each_item, int_value, is_text, runtime_error, Checked, Item, SketchAggregate, SketchBuffer, SketchFunction};

/// Registers the HLL functions.
pub fn register(context: &SessionContext) {
    context.register_udaf(SketchAggregate::udaf("hll_sketch_agg", check_build, build_buffer));
    context.register_udaf(SketchAggregate::udaf("hll_union_agg", check_union_agg, union_buffer));
    context.register_udf(SketchFunction::udf("hll_sketch_estimate", check_estimate, |_| DataType::Int64, estimate));
    context.register_udf(SketchFunction::udf("hll_union", check_union, |_| DataType::Binary, union));
}

/// Spark's default `lgConfigK`.
const DEFAULT_LG_K: i64 = 12;

fn check_build(name: &str, types: &[DataType]) -> Checked {
    expect_arguments(name, types, 1..=2)?;
    expect_type(types, 0, |t| matches!(t, DataType::Int32 | DataType::Int64 | DataType::Binary | DataType::LargeBinary | DataType::BinaryView) || is_text(t), &["INT", "BIGINT", "STRING", "BINARY"])?;
    expect_type(types, 1, |t| t.is_integer(), &["INT"])
}

fn check_union_agg(name: &str, types: &[DataType]) -> Checked {
    expect_arguments(name, types, 1..=2)?;
    expect_binary(types, 0)?;
    expect_type(types, 1, |t| matches!(t, DataType::Boolean), &["BOOLEAN"])
}

/// Spark's `HLL_INVALID_LG_K`: `lgConfigK` outside 4 to 21.
fn lg_k(value: i64) -> Result<u8> {
    if (4..=21).contains(&value) {
        return Ok(value as u8);
    }
    Err(runtime_error(
        "HLL_INVALID_LG_K",
        format!("Invalid call to `hll_sketch_agg`; the `lgConfigK` value must be between 4 and 21, inclusive: {value}."),
        &[("function", "`hll_sketch_agg`".to_string()), ("min", "4".to_string()), ("max", "21".to_string()), ("value", value.to_string())],
    ))
}

/// Spark's `HLL_INVALID_INPUT_SKETCH_BUFFER`.
fn invalid_sketch(function: &str) -> DataFusionError {
    runtime_error(
        "HLL_INVALID_INPUT_SKETCH_BUFFER",
        format!("Invalid call to `{function}`; only valid HLL sketch buffers are supported as inputs (such as those produced by the `hll_sketch_agg` function)."),
        &[("function", format!("`{function}`"))],
    )
}

fn read(function: &str, bytes: &[u8]) -> Result<HllSketch> {
    HllSketch::deserialize(bytes).map_err(|_| invalid_sketch(function))
}

/// Spark's `HLL_UNION_DIFFERENT_LG_K`.
fn different_lg_k(function: &str, left: u8, right: u8) -> DataFusionError {
    runtime_error(
        "HLL_UNION_DIFFERENT_LG_K",
        format!("Sketches have different `lgConfigK` values: {left} and {right}. Set the `allowDifferentLgConfigK` parameter to true to call `{function}` with different `lgConfigK` values."),
        &[("left", left.to_string()), ("right", right.to_string()), ("function", format!("`{function}`"))],
    )
}

/// `hll_sketch_agg`: every value hashed into a union of `lgConfigK` (a union also takes
/// the partial sketches of other partitions).
#[derive(Debug)]
struct Build {
    union: HllUnion,
}

fn build_buffer(_: &str, args: &AccumulatorArgs) -> Result<Box<dyn SketchBuffer>> {
    let lg = lg_k(int_value(constant_argument(args, 1).as_ref(), DEFAULT_LG_K))?;
    Ok(Box::new(Build { union: HllUnion::new(lg).map_err(|e| DataFusionError::Internal(e.to_string()))? }))
}

impl SketchBuffer for Build {
    fn update(&mut self, arguments: &[ArrayRef]) -> Result<()> {
        for_each_item(&arguments[0], |_, item| match item {
            Item::Long(v) => self.union.update_value(v),
            Item::Bytes(b) if !b.is_empty() => self.union.update_value(raw_bytes::from_slice(b)),
            _ => {}
        })
    }

    fn merge(&mut self, partial: &[u8]) -> Result<()> {
        self.union.update(&read("hll_sketch_agg", partial)?);
        Ok(())
    }

    fn result(&mut self) -> Result<Option<Vec<u8>>> {
        Ok(Some(updatable(self.union.to_sketch(HllType::Hll8).serialize())))
    }
}

/// `hll_union_agg`: the union of the sketches of a column, at the smallest `lgConfigK`
/// seen; different ones raise unless `allowDifferentLgConfigK`.
#[derive(Debug)]
struct Union {
    function: String,
    allow_different: bool,
    union: Option<HllUnion>,
}

fn union_buffer(name: &str, args: &AccumulatorArgs) -> Result<Box<dyn SketchBuffer>> {
    Ok(Box::new(Union { function: name.to_string(), allow_different: bool_value(constant_argument(args, 1).as_ref(), false), union: None }))
}

impl Union {
    fn add(&mut self, sketch: HllSketch) -> Result<()> {
        match &mut self.union {
            None => {
                let mut union = HllUnion::new(sketch.lg_config_k()).map_err(|e| DataFusionError::Internal(e.to_string()))?;
                union.update(&sketch);
                self.union = Some(union);
            }
            Some(union) => {
                if !self.allow_different && union.lg_config_k() != sketch.lg_config_k() {
                    return Err(different_lg_k(&self.function, union.lg_config_k(), sketch.lg_config_k()));
                }
                union.update(&sketch);
            }
        }
        Ok(())
    }
}

impl SketchBuffer for Union {
    fn update(&mut self, arguments: &[ArrayRef]) -> Result<()> {
        self.merge_column(&arguments[0])
    }

    fn merge(&mut self, partial: &[u8]) -> Result<()> {
        let sketch = read(&self.function, partial)?;
        self.add(sketch)
    }

    fn result(&mut self) -> Result<Option<Vec<u8>>> {
        let union = match &self.union {
            Some(union) => union.to_sketch(HllType::Hll8),
            None => HllSketch::new(DEFAULT_LG_K as u8, HllType::Hll8).map_err(|e| DataFusionError::Internal(e.to_string()))?,
        };
        Ok(Some(updatable(union.serialize())))
    }
}

fn check_estimate(name: &str, types: &[DataType]) -> Checked {
    expect_arguments(name, types, 1..=1)?;
    expect_binary(types, 0)
}

/// `hll_sketch_estimate`: the sketch's estimate rounded half up (Java's `Math.round`).
fn estimate(name: &str, arrays: &[ArrayRef], rows: usize) -> Result<ArrayRef> {
    estimates(arrays, rows, |bytes| Ok(read(name, bytes)?.estimate().round() as i64))
}

fn check_union(name: &str, types: &[DataType]) -> Checked {
    expect_arguments(name, types, 2..=3)?;
    expect_binary(types, 0)?;
    expect_binary(types, 1)?;
    expect_type(types, 2, |t| matches!(t, DataType::Boolean), &["BOOLEAN"])
}

/// `hll_union(a, b[, allowDifferentLgConfigK])`: the union at the smaller `lgConfigK`.
fn union(name: &str, arrays: &[ArrayRef], rows: usize) -> Result<ArrayRef> {
    let allow = match arrays.get(2) {
        Some(flags) => datafusion::arrow::compute::cast(flags, &DataType::Boolean)?,
        None => Arc::new(datafusion::arrow::array::BooleanArray::from(vec![false; rows])) as ArrayRef,
    };
    let allow = datafusion::arrow::array::AsArray::as_boolean(&allow).clone();
    binary_rows(arrays, rows, 2, |values, row| {
        let (left, right) = (read(name, values[0])?, read(name, values[1])?);
        let allowed = allow.is_valid(row) && allow.value(row);
        if !allowed && left.lg_config_k() != right.lg_config_k() {
            return Err(different_lg_k(name, left.lg_config_k(), right.lg_config_k()));
        }
        let mut union = HllUnion::new(left.lg_config_k().min(right.lg_config_k())).map_err(|e| DataFusionError::Internal(e.to_string()))?;
        union.update(&left);
        union.update(&right);
        Ok(updatable(union.to_sketch(HllType::Hll8).serialize()))
    })
}

/// A sketch's bytes in the updatable image Spark writes (`HllSketch.toUpdatableByteArray`)
/// from the compact image the engine writes: in LIST mode the coupons fill their array in
/// order, in SET mode each coupon sits in the slot of Java's open-addressing probe
/// (`CouponHashSet.find`); the compact flag is cleared. (An HLL-mode image is left as
/// written: its register array is the same in both images.)
fn updatable(compact: Vec<u8>) -> Vec<u8> {
    const COMPACT_FLAG: u8 = 0x08;
    const KEY_MASK_26: u32 = (1 << 26) - 1;
    if compact.len() < 8 || compact[5] & COMPACT_FLAG == 0 {
        return compact;
    }
    let lg_arr = u32::from(compact[4]);
    let mode = compact[7] & 3;
    let read = |at: usize| compact.get(at..at + 4).map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]));
    let (preamble, coupons): (usize, Vec<u32>) = match mode {
        0 => (8, (0..usize::from(compact[6])).filter_map(|i| read(8 + 4 * i)).collect()),
        1 => {
            let count = read(8).unwrap_or(0) as usize;
            (12, (0..count).filter_map(|i| read(12 + 4 * i)).collect())
        }
        _ => return compact,
    };
    let slots = 1usize << lg_arr;
    let mut table = vec![0u32; slots];
    for (index, coupon) in coupons.into_iter().enumerate() {
        let position = if mode == 0 {
            index
        } else {
            let mask = slots as u32 - 1;
            let mut probe = coupon & mask;
            let stride = ((coupon & KEY_MASK_26) >> lg_arr) | 1;
            while table[probe as usize] != 0 && table[probe as usize] != coupon {
                probe = (probe + stride) & mask;
            }
            probe as usize
        };
        if let Some(slot) = table.get_mut(position) {
            *slot = coupon;
        }
    }
    let mut bytes = compact[..preamble].to_vec();
    bytes[5] &= !COMPACT_FLAG;
    bytes.extend(table.iter().flat_map(|c| c.to_le_bytes()));
    bytes
}
