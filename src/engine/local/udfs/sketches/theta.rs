//! Spark's Theta sketch functions (`ThetaSketchAgg`, `ThetaUnionAgg`,
//! `ThetaIntersectionAgg`, `ThetaSketchEstimate`, `ThetaUnion`, `ThetaIntersection`,
//! `ThetaDifference`): DataSketches compact Theta sketches, ordered and written in the
//! compressed form (Java's `toByteArrayCompressed`), `lgNomEntries` between 4 and 26
//! (default 12).

use datafusion::arrow::array::{Array, ArrayRef, AsArray};
use datafusion::arrow::datatypes::DataType;
use datafusion::error::{DataFusionError, Result};
use datafusion::logical_expr::function::AccumulatorArgs;
use datafusion::prelude::SessionContext;
use datasketches::hash::value::{canonical_float, raw_bytes};
use datasketches::theta::{CompactThetaSketch, ThetaANotB, ThetaIntersection, ThetaSketch, ThetaSketchBuilder, ThetaUnion, ThetaUnionBuilder};

use super::{binary_rows, constant_argument, estimates, expect_arguments, expect_binary, expect_type, for_each_item, int_value, is_text, runtime_error, Checked, Item, SketchAggregate, SketchBuffer, SketchFunction};

/// Registers the Theta functions.
pub fn register(context: &SessionContext) {
    context.register_udaf(SketchAggregate::udaf("theta_sketch_agg", check_build, build_buffer));
    context.register_udaf(SketchAggregate::udaf("theta_union_agg", check_set_agg, union_buffer));
    context.register_udaf(SketchAggregate::udaf("theta_intersection_agg", check_set_agg, intersection_buffer));
    context.register_udf(SketchFunction::udf("theta_sketch_estimate", check_estimate, |_| DataType::Int64, estimate));
    context.register_udf(SketchFunction::udf("theta_union", check_set, |_| DataType::Binary, union));
    context.register_udf(SketchFunction::udf("theta_intersection", check_set, |_| DataType::Binary, intersection));
    context.register_udf(SketchFunction::udf("theta_difference", check_set, |_| DataType::Binary, difference));
}

/// Spark's default `lgNomEntries`.
pub const DEFAULT_LG_NOM_ENTRIES: i64 = 12;

/// Whether Spark's Theta and Tuple sketch aggregates take values of this type as keys.
pub fn is_key_type(t: &DataType) -> bool {
    match t {
        DataType::Int32 | DataType::Int64 | DataType::Float32 | DataType::Float64 => true,
        DataType::Binary | DataType::LargeBinary | DataType::BinaryView => true,
        t if is_text(t) => true,
        DataType::List(element) => matches!(element.data_type(), DataType::Int32 | DataType::Int64),
        _ => false,
    }
}

/// Spark's names of the key types, in its message's order.
pub const KEY_TYPES: &[&str] = &["ARRAY<INT>", "ARRAY<BIGINT>", "BINARY", "DOUBLE", "FLOAT", "INT", "BIGINT", "STRING"];

fn check_build(name: &str, types: &[DataType]) -> Checked {
    expect_arguments(name, types, 1..=2)?;
    expect_type(types, 0, is_key_type, KEY_TYPES)?;
    expect_type(types, 1, |t| t.is_integer(), &["INT"])
}

fn check_set_agg(name: &str, types: &[DataType]) -> Checked {
    expect_arguments(name, types, 1..=if name == "theta_union_agg" { 2 } else { 1 })?;
    expect_binary(types, 0)?;
    expect_type(types, 1, |t| t.is_integer(), &["INT"])
}

/// Spark's `SKETCH_INVALID_LG_NOM_ENTRIES`: `lgNomEntries` outside 4 to 26.
pub fn lg_nom_entries(function: &str, value: i64) -> Result<u8> {
    if (4..=26).contains(&value) {
        return Ok(value as u8);
    }
    Err(runtime_error(
        "SKETCH_INVALID_LG_NOM_ENTRIES",
        format!("Invalid call to `{function}`; the `lgNomEntries` value must be between 4 and 26, inclusive: {value}."),
        &[("function", format!("`{function}`")), ("min", "4".to_string()), ("max", "26".to_string()), ("value", value.to_string())],
    ))
}

/// Spark's `THETA_INVALID_INPUT_SKETCH_BUFFER`.
fn invalid_sketch(function: &str) -> DataFusionError {
    runtime_error(
        "THETA_INVALID_INPUT_SKETCH_BUFFER",
        format!("Invalid call to `{function}`; only valid Theta sketch buffers are supported as inputs (such as those produced by the `theta_sketch_agg` function)."),
        &[("function", format!("`{function}`"))],
    )
}

/// A Theta sketch argument of `function`.
pub fn read(function: &str, bytes: &[u8]) -> Result<CompactThetaSketch> {
    CompactThetaSketch::deserialize(bytes).map_err(|_| invalid_sketch(function))
}

/// A compact sketch's bytes as Spark's Java sketches write them: a sketch of one hash
/// (preamble of one long, serial version 3) is flagged as Java's single-item sketch.
fn java_bytes(sketch: &CompactThetaSketch) -> Vec<u8> {
    let mut bytes = sketch.serialize_compressed();
    if bytes.len() == 16 && bytes[..3] == [1, 3, 3] {
        bytes[5] |= 0x20;
    }
    bytes
}

fn internal(error: datasketches::error::Error) -> DataFusionError {
    DataFusionError::Internal(error.to_string())
}

fn new_union(lg: u8) -> Result<ThetaUnion> {
    ThetaUnionBuilder::default().lg_k(lg).build().map_err(internal)
}

/// Feeds one value to a Theta sketch as Spark's `ThetaSketchAgg` does: integers as
/// longs, floats as canonical doubles, bytes and text as their bytes (empty ones skipped).
pub fn hash_item<F: FnMut(ThetaKey<'_>)>(item: Item<'_>, mut f: F) {
    match item {
        Item::Long(v) => f(ThetaKey::Long(v)),
        Item::Double(v) => f(ThetaKey::Double(v)),
        Item::Bytes(b) if !b.is_empty() => f(ThetaKey::Bytes(b)),
        Item::Bytes(_) => {}
    }
}

/// A key as the Theta family hashes it.
#[derive(Debug, Clone, Copy)]
pub enum ThetaKey<'a> {
    Long(i64),
    Double(f64),
    Bytes(&'a [u8]),
}

impl std::hash::Hash for ThetaKey<'_> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        match *self {
            ThetaKey::Long(v) => v.hash(state),
            ThetaKey::Double(v) => canonical_float::from_f64(v).hash(state),
            ThetaKey::Bytes(b) => raw_bytes::from_slice(b).hash(state),
        }
    }
}

/// `theta_sketch_agg`: the values of a column in an update sketch; partial sketches of
/// other partitions merge through a union of the same size.
#[derive(Debug)]
struct Build {
    lg: u8,
    sketch: ThetaSketch,
    partials: Option<ThetaUnion>,
}

fn build_buffer(name: &str, args: &AccumulatorArgs) -> Result<Box<dyn SketchBuffer>> {
    let lg = lg_nom_entries(name, int_value(constant_argument(args, 1).as_ref(), DEFAULT_LG_NOM_ENTRIES))?;
    Ok(Box::new(Build { lg, sketch: ThetaSketchBuilder::default().lg_k(lg).build().map_err(internal)?, partials: None }))
}

impl SketchBuffer for Build {
    fn update(&mut self, arguments: &[ArrayRef]) -> Result<()> {
        let sketch = &mut self.sketch;
        for_each_item(&arguments[0], |_, item| hash_item(item, |key| sketch.update(key)))
    }

    fn merge(&mut self, partial: &[u8]) -> Result<()> {
        let partial = read("theta_sketch_agg", partial)?;
        if self.partials.is_none() {
            self.partials = Some(new_union(self.lg)?);
        }
        self.partials.as_mut().map(|u| u.update(&partial)).transpose().map_err(internal)?;
        Ok(())
    }

    fn result(&mut self) -> Result<Option<Vec<u8>>> {
        self.sketch.trim();
        let compact = match &mut self.partials {
            None => self.sketch.compact(true),
            Some(union) => {
                union.update(&self.sketch).map_err(internal)?;
                union.to_sketch(true)
            }
        };
        Ok(Some(java_bytes(&compact)))
    }
}

/// `theta_union_agg`: the union of the sketches of a column.
#[derive(Debug)]
struct Union {
    function: String,
    union: ThetaUnion,
}

fn union_buffer(name: &str, args: &AccumulatorArgs) -> Result<Box<dyn SketchBuffer>> {
    let lg = lg_nom_entries(name, int_value(constant_argument(args, 1).as_ref(), DEFAULT_LG_NOM_ENTRIES))?;
    Ok(Box::new(Union { function: name.to_string(), union: new_union(lg)? }))
}

impl SketchBuffer for Union {
    fn update(&mut self, arguments: &[ArrayRef]) -> Result<()> {
        self.merge_column(&arguments[0])
    }

    fn merge(&mut self, partial: &[u8]) -> Result<()> {
        let sketch = read(&self.function, partial)?;
        self.union.update(&sketch).map_err(internal)
    }

    fn result(&mut self) -> Result<Option<Vec<u8>>> {
        Ok(Some(java_bytes(&self.union.to_sketch(true))))
    }
}

/// `theta_intersection_agg`: the intersection of the sketches of a column. A partition
/// without sketches has no partial result (the intersection of nothing is every value);
/// a group without any gives the empty sketch.
#[derive(Debug)]
struct Intersection {
    function: String,
    intersection: ThetaIntersection,
}

fn intersection_buffer(name: &str, _: &AccumulatorArgs) -> Result<Box<dyn SketchBuffer>> {
    Ok(Box::new(Intersection { function: name.to_string(), intersection: ThetaIntersection::default() }))
}

impl SketchBuffer for Intersection {
    fn update(&mut self, arguments: &[ArrayRef]) -> Result<()> {
        self.merge_column(&arguments[0])
    }

    fn merge(&mut self, partial: &[u8]) -> Result<()> {
        let sketch = read(&self.function, partial)?;
        self.intersection.update(&sketch).map_err(internal)
    }

    fn result(&mut self) -> Result<Option<Vec<u8>>> {
        Ok(self.intersection.to_sketch(true).map(|s| java_bytes(&s)))
    }

    fn finish(&mut self) -> Result<Vec<u8>> {
        match self.result()? {
            Some(bytes) => Ok(bytes),
            None => Ok(java_bytes(&ThetaSketchBuilder::default().build().map_err(internal)?.compact(true))),
        }
    }
}

fn check_estimate(name: &str, types: &[DataType]) -> Checked {
    expect_arguments(name, types, 1..=1)?;
    expect_binary(types, 0)
}

/// `theta_sketch_estimate`: the estimate rounded half up (Java's `Math.round`).
fn estimate(name: &str, arrays: &[ArrayRef], rows: usize) -> Result<ArrayRef> {
    estimates(arrays, rows, |bytes| Ok(read(name, bytes)?.estimate().round() as i64))
}

fn check_set(name: &str, types: &[DataType]) -> Checked {
    expect_arguments(name, types, 2..=if name == "theta_union" { 3 } else { 2 })?;
    expect_binary(types, 0)?;
    expect_binary(types, 1)?;
    expect_type(types, 2, |t| t.is_integer(), &["INT"])
}

/// `theta_union(a, b[, lgNomEntries])`.
fn union(name: &str, arrays: &[ArrayRef], rows: usize) -> Result<ArrayRef> {
    let sizes = match arrays.get(2) {
        Some(sizes) => Some(datafusion::arrow::compute::cast(sizes, &DataType::Int64)?),
        None => None,
    };
    binary_rows(arrays, rows, 2, |values, row| {
        let lg = match &sizes {
            Some(sizes) => {
                let sizes = sizes.as_primitive::<datafusion::arrow::datatypes::Int64Type>();
                if sizes.is_null(row) { 0 } else { sizes.value(row) }
            }
            None => DEFAULT_LG_NOM_ENTRIES,
        };
        let mut union = new_union(lg_nom_entries(name, lg)?)?;
        union.update(&read(name, values[0])?).map_err(internal)?;
        union.update(&read(name, values[1])?).map_err(internal)?;
        Ok(java_bytes(&union.to_sketch(true)))
    })
}

/// `theta_intersection(a, b)`.
fn intersection(name: &str, arrays: &[ArrayRef], rows: usize) -> Result<ArrayRef> {
    binary_rows(arrays, rows, 2, |values, _| {
        let mut intersection = ThetaIntersection::default();
        intersection.update(&read(name, values[0])?).map_err(internal)?;
        intersection.update(&read(name, values[1])?).map_err(internal)?;
        let result = intersection.to_sketch(true).ok_or_else(|| DataFusionError::Internal("an intersection without input".into()))?;
        Ok(java_bytes(&result))
    })
}

/// `theta_difference(a, b)`: the values of `a` not in `b` (DataSketches' A-not-B).
fn difference(name: &str, arrays: &[ArrayRef], rows: usize) -> Result<ArrayRef> {
    binary_rows(arrays, rows, 2, |values, _| {
        let (a, b) = (read(name, values[0])?, read(name, values[1])?);
        Ok(java_bytes(&ThetaANotB::default().compute(&a, &b, true).map_err(internal)?))
    })
}
