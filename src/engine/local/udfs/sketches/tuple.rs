//! Spark's Tuple sketch functions (`tuple_*_double` and `tuple_*_integer`): Theta
//! sketches whose keys carry a summary, Java DataSketches' `DoubleSummary` or
//! `IntegerSummary`, combined by a mode (`sum`, `min`, `max`, `alwaysone`). Keys are
//! hashed as `theta_sketch_agg` hashes them; `lgNomEntries` is 4 to 26 (default 12).
use std::fmt::Debug;
use std::sync::Arc;

use datafusion::arrow::array::{Array, ArrayRef, AsArray, Float64Builder, Int64Builder};
use datafusion::arrow::datatypes::{DataType, Float64Type, Int32Type, Int64Type};
use datafusion::error::{DataFusionError, Result};
use datafusion::logical_expr::function::AccumulatorArgs;
use datafusion::prelude::SessionContext;
use datasketches::codec::{SketchBytes, SketchSlice};
use datasketches::theta::CompactThetaSketch;
use datasketches::tuple::{CompactTupleSketch, SummaryCombinePolicy, SummaryPolicy, SummaryUpdatePolicy, TupleANotB, TupleIntersection, TupleSketch, TupleSketchBuilder, TupleSummaryValue, TupleUnion, TupleUnionBuilder};

use super::theta::{hash_item, is_key_type, lg_nom_entries, DEFAULT_LG_NOM_ENTRIES, KEY_TYPES};
use super::{binary_rows, constant_argument, expect_arguments, expect_binary, expect_type, for_each_item, int_value, is_text, runtime_error, sketches, text_value, Checked, SketchAggregate, SketchBuffer, SketchFunction};

/// Registers the Tuple functions of both summary types.
pub fn register(context: &SessionContext) {
    register_for::<f64>(context);
    register_for::<i32>(context);
}

fn register_for<V: Value>(context: &SessionContext) {
    let named = |base: &str| -> &'static str { Box::leak(format!("{base}_{}", V::SUFFIX).into_boxed_str()) };
    context.register_udaf(SketchAggregate::udaf(named("tuple_sketch_agg"), check_build::<V>, build_buffer::<V>));
    context.register_udaf(SketchAggregate::udaf(named("tuple_union_agg"), check_set_agg, union_buffer::<V>));
    context.register_udaf(SketchAggregate::udaf(named("tuple_intersection_agg"), check_set_agg, intersection_buffer::<V>));
    context.register_udf(SketchFunction::udf(named("tuple_sketch_estimate"), |n, t| one_sketch(n, t, 1), |_| DataType::Float64, estimate::<V>));
    context.register_udf(SketchFunction::udf(named("tuple_sketch_theta"), |n, t| one_sketch(n, t, 1), |_| DataType::Float64, theta::<V>));
    context.register_udf(SketchFunction::udf(named("tuple_sketch_summary"), |n, t| one_sketch(n, t, 2), |_| V::result_type(), summary::<V>));
    for operation in ["tuple_union", "tuple_intersection", "tuple_difference", "tuple_union_theta", "tuple_intersection_theta", "tuple_difference_theta"] {
        context.register_udf(SketchFunction::udf(named(operation), check_set, |_| DataType::Binary, set_operation::<V>));
    }
}

/// Spark's summary modes, with the byte Java's summaries write for them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Sum,
    Min,
    Max,
    AlwaysOne,
}

impl Mode {
    fn byte(self) -> u8 {
        self as u8
    }

    fn from_byte(byte: u8) -> Option<Mode> {
        [Mode::Sum, Mode::Min, Mode::Max, Mode::AlwaysOne].get(byte as usize).copied()
    }

    /// A mode argument, case-insensitive (Spark's `TUPLE_INVALID_SKETCH_MODE` otherwise).
    pub fn parse(function: &str, text: Option<String>) -> Result<Mode> {
        let text = text.unwrap_or_else(|| "sum".to_string());
        match text.to_lowercase().as_str() {
            "sum" => Ok(Mode::Sum),
            "min" => Ok(Mode::Min),
            "max" => Ok(Mode::Max),
            "alwaysone" => Ok(Mode::AlwaysOne),
            _ => Err(runtime_error(
                "TUPLE_INVALID_SKETCH_MODE",
                format!("Invalid call to `{function}`: mode '{text}' is not supported. Valid modes are: sum, min, max, alwaysone."),
                &[("function", format!("`{function}`")), ("mode", text.clone()), ("validModes", "sum, min, max, alwaysone".to_string())],
            )),
        }
    }
}

/// The summary value of one of the two sketch types: a double or a Java int.
pub trait Value: Copy + Debug + Send + Sync + 'static {
    /// The function names' suffix.
    const SUFFIX: &'static str;
    /// Spark's name of the summary argument's type.
    const SUMMARY_TYPE: &'static [&'static str];
    /// The start value of a mode: 0 for sum, the largest value for min, the smallest for
    /// max, 1 for always-one.
    fn start(mode: Mode) -> Self;
    /// Folds `other` into `self` by the mode (a Java int's sum wraps).
    fn fold(&mut self, other: Self, mode: Mode);
    /// The summary column of a batch, in this type.
    fn column(array: &ArrayRef) -> Result<Vec<Option<Self>>>;
    fn write(self, bytes: &mut SketchBytes);
    fn read(cursor: &mut SketchSlice<'_>) -> Option<Self>;
    const WIDTH: usize;
    /// `tuple_sketch_summary`'s type: DOUBLE or BIGINT.
    fn result_type() -> DataType;
    /// The combined summaries of `tuple_sketch_summary`, with the count of entries.
    fn result(values: impl Iterator<Item = Self>, mode: Mode, rows: &mut ResultColumn);
}

/// The output of `tuple_sketch_summary` for either value type.
pub enum ResultColumn {
    Double(Float64Builder),
    Long(Int64Builder),
}

fn fold_by<T: PartialOrd + Copy>(value: &mut T, other: T, mode: Mode, add: impl Fn(T, T) -> T, one: T) {
    *value = match mode {
        Mode::Sum => add(*value, other),
        Mode::Min => if other < *value { other } else { *value },
        Mode::Max => if other > *value { other } else { *value },
        Mode::AlwaysOne => one,
    };
}

impl Value for f64 {
    const SUFFIX: &'static str = "double";
    const SUMMARY_TYPE: &'static [&'static str] = &["DOUBLE"];
    const WIDTH: usize = 8;

    fn start(mode: Mode) -> Self {
        match mode {
            Mode::Sum => 0.0,
            Mode::Min => f64::INFINITY,
            Mode::Max => f64::NEG_INFINITY,
            Mode::AlwaysOne => 1.0,
        }
    }

    fn fold(&mut self, other: Self, mode: Mode) {
        fold_by(self, other, mode, |a, b| a + b, 1.0)
    }

    fn column(array: &ArrayRef) -> Result<Vec<Option<Self>>> {
        let values = datafusion::arrow::compute::cast(array, &DataType::Float64)?;
        Ok(values.as_primitive::<Float64Type>().iter().collect())
    }

    fn write(self, bytes: &mut SketchBytes) {
        bytes.write_f64_le(self)
    }

    fn read(cursor: &mut SketchSlice<'_>) -> Option<Self> {
        cursor.read_f64_le().ok()
    }

    fn result_type() -> DataType {
        DataType::Float64
    }

    fn result(values: impl Iterator<Item = Self>, mode: Mode, rows: &mut ResultColumn) {
        let values: Vec<f64> = values.collect();
        let total = match mode {
            Mode::AlwaysOne => values.len() as f64,
            _ if values.is_empty() => 0.0,
            _ => values.iter().skip(1).fold(values[0], |mut acc, v| {
                acc.fold(*v, mode);
                acc
            }),
        };
        if let ResultColumn::Double(out) = rows {
            out.append_value(total);
        }
    }
}

impl Value for i32 {
    const SUFFIX: &'static str = "integer";
    const SUMMARY_TYPE: &'static [&'static str] = &["INT"];
    const WIDTH: usize = 4;

    fn start(mode: Mode) -> Self {
        match mode {
            Mode::Sum => 0,
            Mode::Min => i32::MAX,
            Mode::Max => i32::MIN,
            Mode::AlwaysOne => 1,
        }
    }

    fn fold(&mut self, other: Self, mode: Mode) {
        fold_by(self, other, mode, |a, b| a.wrapping_add(b), 1)
    }

    fn column(array: &ArrayRef) -> Result<Vec<Option<Self>>> {
        let values = datafusion::arrow::compute::cast(array, &DataType::Int32)?;
        Ok(values.as_primitive::<Int32Type>().iter().collect())
    }

    fn write(self, bytes: &mut SketchBytes) {
        bytes.write_i32_le(self)
    }

    fn read(cursor: &mut SketchSlice<'_>) -> Option<Self> {
        cursor.read_i32_le().ok()
    }

    fn result_type() -> DataType {
        DataType::Int64
    }

    fn result(values: impl Iterator<Item = Self>, mode: Mode, rows: &mut ResultColumn) {
        let values: Vec<i64> = values.map(|v| v as i64).collect();
        let total = match mode {
            Mode::Sum => values.iter().sum(),
            Mode::Min => values.iter().copied().min().unwrap_or(0),
            Mode::Max => values.iter().copied().max().unwrap_or(0),
            Mode::AlwaysOne => values.len() as i64,
        };
        if let ResultColumn::Long(out) = rows {
            out.append_value(total);
        }
    }
}

/// One summary as Java writes it: the value (little-endian) and its mode's byte.
#[derive(Debug, Clone, Copy)]
pub struct Summary<V> {
    value: V,
    mode: Mode,
}

impl<V: Value> TupleSummaryValue for Summary<V> {
    fn serialize_size(&self) -> usize {
        V::WIDTH + 1
    }

    fn serialize_value(&self, bytes: &mut SketchBytes) {
        self.value.write(bytes);
        bytes.write_u8(self.mode.byte());
    }

    fn deserialize_value(cursor: &mut SketchSlice<'_>) -> std::result::Result<Self, datasketches::error::Error> {
        let value = V::read(cursor);
        let mode = cursor.read_u8().ok().and_then(Mode::from_byte);
        match (value, mode) {
            (Some(value), Some(mode)) => Ok(Summary { value, mode }),
            _ => Err(datasketches::error::Error::new(datasketches::error::ErrorKind::InvalidData, "a malformed Tuple summary")),
        }
    }
}

/// How summaries start, take values and combine: by one mode (Spark's `SummarySetOperations`
/// of that mode).
#[derive(Debug, Clone, Copy)]
pub struct ModePolicy<V> {
    mode: Mode,
    marker: std::marker::PhantomData<V>,
}

impl<V> ModePolicy<V> {
    fn new(mode: Mode) -> Self {
        ModePolicy { mode, marker: std::marker::PhantomData }
    }
}

impl<V: Value> SummaryPolicy for ModePolicy<V> {
    type Summary = Summary<V>;

    fn create(&self) -> Summary<V> {
        Summary { value: V::start(self.mode), mode: self.mode }
    }
}

impl<V: Value> SummaryUpdatePolicy<V> for ModePolicy<V> {
    fn update(&self, summary: &mut Summary<V>, value: V) {
        summary.value.fold(value, self.mode);
    }
}

impl<V: Value> SummaryCombinePolicy for ModePolicy<V> {
    fn combine(&self, summary: &mut Summary<V>, other: &Summary<V>) {
        summary.value.fold(other.value, self.mode);
    }
}

fn internal(error: datasketches::error::Error) -> DataFusionError {
    DataFusionError::Internal(error.to_string())
}

/// DataSketches' family ids, as Java names them in errors.
fn family_name(id: u8) -> String {
    match id {
        1 => "ALPHA".into(),
        2 => "QUICKSELECT".into(),
        3 => "COMPACT".into(),
        7 => "HLL".into(),
        9 => "TUPLE".into(),
        15 => "KLL".into(),
        other => other.to_string(),
    }
}

/// A Tuple sketch argument of `function`: Spark's `TUPLE_INVALID_INPUT_SKETCH_BUFFER_FAMILY`
/// for another family's sketch, `TUPLE_INVALID_INPUT_SKETCH_BUFFER` for other bytes.
fn read<V: Value>(function: &str, bytes: &[u8]) -> Result<CompactTupleSketch<Summary<V>>> {
    if let Some(&family) = bytes.get(2).filter(|&&f| f != 9 && bytes.len() >= 8) {
        let actual = family_name(family);
        return Err(runtime_error(
            "TUPLE_INVALID_INPUT_SKETCH_BUFFER_FAMILY",
            format!("Invalid call to `{function}`: expected TUPLE sketch family but received {actual}. Only valid Tuple sketch buffers (produced by `tuple_sketch_agg_*` functions) are supported as inputs."),
            &[("function", format!("`{function}`")), ("expectedFamily", "TUPLE".to_string()), ("actualFamily", actual.clone())],
        ));
    }
    CompactTupleSketch::deserialize(bytes).map_err(|_| {
        runtime_error(
            "TUPLE_INVALID_INPUT_SKETCH_BUFFER",
            format!("Invalid call to `{function}`; only valid Tuple sketch buffers are supported as inputs (such as those produced by the corresponding `tuple_sketch_agg_*` function)."),
            &[("function", format!("`{function}`"))],
        )
    })
}

/// A Theta sketch as a Tuple sketch whose every key carries `summary` (how Java's Tuple
/// set operations take a Theta sketch): the same hashes and theta, in the compact Tuple
/// layout.
fn theta_as_tuple<V: Value>(theta: &CompactThetaSketch, summary: Summary<V>) -> Result<CompactTupleSketch<Summary<V>>> {
    if theta.is_empty() {
        return CompactTupleSketch::deserialize(&[1, 3, 9, 1, 0, 0x1e, 0, 0]).map_err(internal);
    }
    let retained = theta.num_retained();
    let estimating = theta.is_estimation_mode();
    let preamble: u8 = if estimating { 3 } else if retained == 1 { 1 } else { 2 };
    let mut bytes = SketchBytes::with_capacity(24 + retained * (8 + V::WIDTH + 1));
    bytes.write_u8(preamble);
    bytes.write_u8(3); // serial version
    bytes.write_u8(9); // the Tuple family
    bytes.write_u8(1); // sketch type
    bytes.write_u8(0);
    let ordered = if theta.is_ordered() { 1 << 4 } else { 0 };
    bytes.write_u8((1 << 1) | (1 << 3) | ordered); // read-only, compact
    bytes.write_u16_le(theta.seed_hash());
    if preamble > 1 {
        bytes.write_u32_le(retained as u32);
        bytes.write_u32_le(0);
    }
    if estimating {
        bytes.write_u64_le(theta.theta64());
    }
    for entry in theta.iter() {
        bytes.write_u64_le(entry.hash());
        summary.serialize_value(&mut bytes);
    }
    CompactTupleSketch::deserialize(&bytes.into_bytes()).map_err(internal)
}

fn check_build<V: Value>(name: &str, types: &[DataType]) -> Checked {
    expect_arguments(name, types, 2..=4)?;
    expect_type(types, 0, is_key_type, KEY_TYPES)?;
    expect_type(types, 1, |t| t.is_numeric(), V::SUMMARY_TYPE)?;
    expect_type(types, 2, |t| t.is_integer(), &["INT"])?;
    expect_type(types, 3, is_text, &["STRING"])
}

fn check_set_agg(name: &str, types: &[DataType]) -> Checked {
    let union = name.starts_with("tuple_union");
    expect_arguments(name, types, 1..=if union { 3 } else { 2 })?;
    expect_binary(types, 0)?;
    if union {
        expect_type(types, 1, |t| t.is_integer(), &["INT"])?;
        expect_type(types, 2, is_text, &["STRING"])
    } else {
        expect_type(types, 1, is_text, &["STRING"])
    }
}

/// The `lgNomEntries` and mode constants of an aggregate call, at their positions.
fn size_and_mode(name: &str, args: &AccumulatorArgs, lg_at: Option<usize>, mode_at: usize) -> Result<(u8, Mode)> {
    let lg = match lg_at {
        Some(index) => lg_nom_entries(name, int_value(constant_argument(args, index).as_ref(), DEFAULT_LG_NOM_ENTRIES))?,
        None => DEFAULT_LG_NOM_ENTRIES as u8,
    };
    let mode = Mode::parse(name, text_value(constant_argument(args, mode_at).as_ref()))?;
    Ok((lg, mode))
}

fn new_union<V: Value>(lg: u8, mode: Mode) -> Result<TupleUnion<ModePolicy<V>>> {
    TupleUnionBuilder::new(ModePolicy::new(mode)).lg_k(lg).build().map_err(internal)
}

fn empty_sketch<V: Value>() -> Result<Vec<u8>> {
    let sketch: TupleSketch<ModePolicy<V>> = TupleSketchBuilder::new(ModePolicy::new(Mode::Sum)).build().map_err(internal)?;
    Ok(sketch.compact(true).serialize())
}

/// `tuple_sketch_agg_*(key, summary[, lgNomEntries[, mode]])`.
struct Build<V: Value> {
    lg: u8,
    mode: Mode,
    sketch: TupleSketch<ModePolicy<V>>,
    partials: Option<TupleUnion<ModePolicy<V>>>,
}

impl<V: Value> Debug for Build<V> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "tuple sketch buffer (lg {}, {:?})", self.lg, self.mode)
    }
}

fn build_buffer<V: Value>(name: &str, args: &AccumulatorArgs) -> Result<Box<dyn SketchBuffer>> {
    let (lg, mode) = size_and_mode(name, args, Some(2), 3)?;
    let sketch = TupleSketchBuilder::new(ModePolicy::new(mode)).lg_k(lg).build().map_err(internal)?;
    Ok(Box::new(Build::<V> { lg, mode, sketch, partials: None }))
}

impl<V: Value> SketchBuffer for Build<V> {
    fn update(&mut self, arguments: &[ArrayRef]) -> Result<()> {
        let summaries = V::column(&arguments[1])?;
        let sketch = &mut self.sketch;
        for_each_item(&arguments[0], |row, item| {
            if let Some(value) = summaries[row] {
                hash_item(item, |key| sketch.update(key, value));
            }
        })
    }

    fn merge(&mut self, partial: &[u8]) -> Result<()> {
        let partial = read::<V>("tuple_sketch_agg", partial)?;
        if self.partials.is_none() {
            self.partials = Some(new_union(self.lg, self.mode)?);
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
        Ok(Some(compact.serialize()))
    }
}

/// `tuple_union_agg_*(sketch[, lgNomEntries[, mode]])`.
struct Union<V: Value> {
    function: String,
    union: TupleUnion<ModePolicy<V>>,
}

impl<V: Value> Debug for Union<V> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} buffer", self.function)
    }
}

fn union_buffer<V: Value>(name: &str, args: &AccumulatorArgs) -> Result<Box<dyn SketchBuffer>> {
    let (lg, mode) = size_and_mode(name, args, Some(1), 2)?;
    Ok(Box::new(Union::<V> { function: name.to_string(), union: new_union(lg, mode)? }))
}

impl<V: Value> SketchBuffer for Union<V> {
    fn update(&mut self, arguments: &[ArrayRef]) -> Result<()> {
        self.merge_column(&arguments[0])
    }

    fn merge(&mut self, partial: &[u8]) -> Result<()> {
        let sketch = read::<V>(&self.function, partial)?;
        self.union.update(&sketch).map_err(internal)
    }

    fn result(&mut self) -> Result<Option<Vec<u8>>> {
        Ok(Some(self.union.to_sketch(true).serialize()))
    }
}

/// `tuple_intersection_agg_*(sketch[, mode])`: a partition without sketches has no
/// partial result; a group without any gives the empty sketch, as in Spark.
struct Intersection<V: Value> {
    function: String,
    intersection: TupleIntersection<ModePolicy<V>>,
}

impl<V: Value> Debug for Intersection<V> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} buffer", self.function)
    }
}

fn intersection_buffer<V: Value>(name: &str, args: &AccumulatorArgs) -> Result<Box<dyn SketchBuffer>> {
    let (_, mode) = size_and_mode(name, args, None, 1)?;
    Ok(Box::new(Intersection::<V> { function: name.to_string(), intersection: TupleIntersection::new(ModePolicy::new(mode)) }))
}

impl<V: Value> SketchBuffer for Intersection<V> {
    fn update(&mut self, arguments: &[ArrayRef]) -> Result<()> {
        self.merge_column(&arguments[0])
    }

    fn merge(&mut self, partial: &[u8]) -> Result<()> {
        let sketch = read::<V>(&self.function, partial)?;
        self.intersection.update(&sketch).map_err(internal)
    }

    fn result(&mut self) -> Result<Option<Vec<u8>>> {
        Ok(self.intersection.to_sketch(true).map(|s| s.serialize()))
    }

    fn finish(&mut self) -> Result<Vec<u8>> {
        match self.result()? {
            Some(bytes) => Ok(bytes),
            None => empty_sketch::<V>(),
        }
    }
}

/// Checks a function of one Tuple sketch (and, for `tuple_sketch_summary`, a mode).
fn one_sketch(name: &str, types: &[DataType], most: usize) -> Checked {
    expect_arguments(name, types, 1..=most)?;
    expect_binary(types, 0)?;
    expect_type(types, 1, is_text, &["STRING"])
}

/// The rows of one sketch argument, with `f` giving each non-NULL row's number.
fn per_sketch<V: Value>(name: &str, arrays: &[ArrayRef], rows: usize, mut f: impl FnMut(CompactTupleSketch<Summary<V>>)) -> Result<Vec<bool>> {
    let input = sketches(&arrays[0])?;
    let mut present = Vec::with_capacity(rows);
    for row in 0..rows {
        if input.is_null(row) {
            present.push(false);
            continue;
        }
        f(read::<V>(name, input.value(row))?);
        present.push(true);
    }
    Ok(present)
}

fn doubles(present: Vec<bool>, values: Vec<f64>) -> ArrayRef {
    let mut values = values.into_iter();
    let out: datafusion::arrow::array::Float64Array = present.into_iter().map(|p| if p { values.next() } else { None }).collect();
    Arc::new(out)
}

/// `tuple_sketch_estimate_*`: the estimated count of distinct keys.
fn estimate<V: Value>(name: &str, arrays: &[ArrayRef], rows: usize) -> Result<ArrayRef> {
    let mut values = Vec::new();
    let present = per_sketch::<V>(name, arrays, rows, |s| values.push(s.estimate()))?;
    Ok(doubles(present, values))
}

/// `tuple_sketch_theta_*`: the sketch's sampling threshold theta (1.0 when exact).
fn theta<V: Value>(name: &str, arrays: &[ArrayRef], rows: usize) -> Result<ArrayRef> {
    let mut values = Vec::new();
    let present = per_sketch::<V>(name, arrays, rows, |s| values.push(s.theta()))?;
    Ok(doubles(present, values))
}

/// `tuple_sketch_summary_*(sketch[, mode])`: the retained summaries combined by the mode
/// given here (sum, min, max; always-one counts them), 0 for an empty sketch.
fn summary<V: Value>(name: &str, arrays: &[ArrayRef], rows: usize) -> Result<ArrayRef> {
    let modes = match arrays.get(1) {
        Some(modes) => Some(datafusion::arrow::compute::cast(modes, &DataType::Utf8)?),
        None => None,
    };
    let input = sketches(&arrays[0])?;
    let mut out = match V::result_type() {
        DataType::Float64 => ResultColumn::Double(Float64Builder::with_capacity(rows)),
        _ => ResultColumn::Long(Int64Builder::with_capacity(rows)),
    };
    for row in 0..rows {
        let mode_text = modes.as_ref().map(|m| m.as_string::<i32>()).filter(|m| m.is_valid(row)).map(|m| m.value(row).to_string());
        if input.is_null(row) {
            match &mut out {
                ResultColumn::Double(b) => b.append_null(),
                ResultColumn::Long(b) => b.append_null(),
            }
            continue;
        }
        let mode = Mode::parse(name, mode_text)?;
        let sketch = read::<V>(name, input.value(row))?;
        V::result(sketch.iter().map(|e| e.summary().value), mode, &mut out);
    }
    Ok(match out {
        ResultColumn::Double(mut b) => Arc::new(b.finish()),
        ResultColumn::Long(mut b) => Arc::new(b.finish()),
    })
}

fn check_set(name: &str, types: &[DataType]) -> Checked {
    let base = name.trim_end_matches("_double").trim_end_matches("_integer");
    let most = match base.trim_end_matches("_theta") {
        "tuple_union" => 4,
        "tuple_intersection" => 3,
        _ => 2,
    };
    expect_arguments(name, types, 2..=most)?;
    expect_binary(types, 0)?;
    expect_binary(types, 1)?;
    if most == 4 {
        expect_type(types, 2, |t| t.is_integer(), &["INT"])?;
        expect_type(types, 3, is_text, &["STRING"])
    } else {
        expect_type(types, 2, is_text, &["STRING"])
    }
}

/// A constant-per-row argument's text (NULL rows give `None`).
fn text_at(array: Option<&ArrayRef>, row: usize) -> Result<Option<String>> {
    Ok(match array {
        None => None,
        Some(array) => {
            let text = datafusion::arrow::compute::cast(array, &DataType::Utf8)?;
            let text = text.as_string::<i32>();
            text.is_valid(row).then(|| text.value(row).to_string())
        }
    })
}

fn int_at(array: Option<&ArrayRef>, row: usize, default: i64) -> Result<i64> {
    Ok(match array {
        None => default,
        Some(array) => {
            let values = datafusion::arrow::compute::cast(array, &DataType::Int64)?;
            let values = values.as_primitive::<Int64Type>();
            if values.is_null(row) { 0 } else { values.value(row) }
        }
    })
}

/// `tuple_union_*`, `tuple_intersection_*`, `tuple_difference_*` and their `_theta` forms,
/// whose second sketch is a Theta sketch (its keys then carry the mode's start summary).
fn set_operation<V: Value>(name: &str, arrays: &[ArrayRef], rows: usize) -> Result<ArrayRef> {
    let base = name.trim_end_matches("_double").trim_end_matches("_integer");
    let with_theta = base.ends_with("_theta");
    let operation = base.trim_end_matches("_theta");
    binary_rows(arrays, rows, 2, |values, row| {
        let (lg, mode_text) = match operation {
            "tuple_union" => (int_at(arrays.get(2), row, DEFAULT_LG_NOM_ENTRIES)?, text_at(arrays.get(3), row)?),
            "tuple_intersection" => (DEFAULT_LG_NOM_ENTRIES, text_at(arrays.get(2), row)?),
            _ => (DEFAULT_LG_NOM_ENTRIES, None),
        };
        let mode = Mode::parse(name, mode_text)?;
        let left = read::<V>(name, values[0])?;
        let right = if with_theta {
            let theta = super::theta::read(name, values[1])?;
            theta_as_tuple::<V>(&theta, Summary { value: V::start(mode), mode })?
        } else {
            read::<V>(name, values[1])?
        };
        let result = match operation {
            "tuple_union" => {
                let mut union = new_union::<V>(lg_nom_entries(name, lg)?, mode)?;
                union.update(&left).map_err(internal)?;
                union.update(&right).map_err(internal)?;
                union.to_sketch(true)
            }
            "tuple_intersection" => {
                let mut intersection = TupleIntersection::new(ModePolicy::<V>::new(mode));
                intersection.update(&left).map_err(internal)?;
                intersection.update(&right).map_err(internal)?;
                intersection.to_sketch(true).ok_or_else(|| DataFusionError::Internal("an intersection without input".into()))?
            }
            _ => TupleANotB::default().compute(&left, &right, true).map_err(internal)?,
        };
        Ok(result.serialize())
    })
}
