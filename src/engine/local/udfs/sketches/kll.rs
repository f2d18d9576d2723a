//! Spark's KLL quantile sketch functions (`kll_*_bigint`, `kll_*_float`, `kll_*_double`):
//! DataSketches `KllLongsSketch`, `KllFloatsSketch` and `KllDoublesSketch`, `k` between 8
//! and 65535 (default 200); ranks and quantiles use DataSketches' inclusive criterion, as
//! Spark's default does.
use std::fmt::Debug;
use std::sync::Arc;

use datafusion::arrow::array::{new_null_array, Array, ArrayRef, AsArray, Float32Array, Float64Array, Int64Array, Int64Builder, ListArray, StringBuilder};
use datafusion::arrow::buffer::OffsetBuffer;
use datafusion::arrow::datatypes::{DataType, Field, Float32Type, Float64Type, Int64Type};
use datafusion::common::ScalarValue;
use datafusion::error::{DataFusionError, Result};
use datafusion::logical_expr::function::AccumulatorArgs;
use datafusion::prelude::SessionContext;
use datasketches::common::SearchCriteria;
use datasketches::kll::{KllFloat, KllSketch, KllValue};

use super::{binary_rows, constant_argument, expect_arguments, expect_binary, expect_type, int_value, runtime_error, sketches, Checked, SketchAggregate, SketchBuffer, SketchFunction};

/// Registers the KLL functions of the three item types.
pub fn register(context: &SessionContext) {
    register_for::<i64>(context);
    register_for::<KllFloat<f32>>(context);
    register_for::<KllFloat<f64>>(context);
}

fn register_for<T: Item>(context: &SessionContext) {
    let named = |base: &str| -> &'static str { Box::leak(format!("{base}_{}", T::SUFFIX).into_boxed_str()) };
    context.register_udaf(SketchAggregate::udaf(named("kll_sketch_agg"), check_build::<T>, build_buffer::<T>));
    context.register_udaf(SketchAggregate::udaf(named("kll_merge_agg"), check_merge_agg, merge_buffer::<T>));
    context.register_udf(SketchFunction::udf(named("kll_sketch_to_string"), one_sketch, |_| DataType::Utf8, to_string::<T>));
    context.register_udf(SketchFunction::udf(named("kll_sketch_get_n"), one_sketch, |_| DataType::Int64, count::<T>));
    context.register_udf(SketchFunction::udf(named("kll_sketch_merge"), check_merge, |_| DataType::Binary, merge::<T>));
    context.register_udf(SketchFunction::udf(named("kll_sketch_get_quantile"), check_quantile, quantile_type::<T>, quantile::<T>));
    context.register_udf(SketchFunction::udf(named("kll_sketch_get_rank"), check_rank, rank_type, rank::<T>));
}

/// Spark's default `k`.
const DEFAULT_K: i64 = 200;

/// The items of one of the three sketch types.
pub trait Item: KllValue + Ord + Debug + Send + Sync + 'static {
    /// The function names' suffix.
    const SUFFIX: &'static str;
    /// Java's class, as its `toString` names it.
    const CLASS: &'static str;
    /// Whether the aggregate takes a column of this Arrow type.
    fn accepts(t: &DataType) -> bool;
    /// Spark's names of the accepted types.
    const ACCEPTED: &'static [&'static str];
    /// The Spark type of an item.
    fn data_type() -> DataType;
    /// The non-NULL items of a column (NaN skipped, as Java's update skips it).
    fn items(array: &ArrayRef) -> Result<Vec<Self>>;
    /// An array of items (`None` as NULL).
    fn array(items: Vec<Option<Self>>) -> ArrayRef;
    /// An item as Java's `toString` prints it.
    fn text(&self) -> String;
    /// A quantile argument read as an item (`None` for NaN).
    fn from_f64(value: f64) -> Option<Self>;
}

impl Item for i64 {
    const SUFFIX: &'static str = "bigint";
    const CLASS: &'static str = "KllLongsSketch";
    const ACCEPTED: &'static [&'static str] = &["TINYINT", "SMALLINT", "INT", "BIGINT"];

    fn accepts(t: &DataType) -> bool {
        matches!(t, DataType::Int8 | DataType::Int16 | DataType::Int32 | DataType::Int64)
    }

    fn data_type() -> DataType {
        DataType::Int64
    }

    fn items(array: &ArrayRef) -> Result<Vec<Self>> {
        let values = datafusion::arrow::compute::cast(array, &DataType::Int64)?;
        Ok(values.as_primitive::<Int64Type>().iter().flatten().collect())
    }

    fn array(items: Vec<Option<Self>>) -> ArrayRef {
        Arc::new(Int64Array::from(items))
    }

    fn text(&self) -> String {
        self.to_string()
    }

    fn from_f64(value: f64) -> Option<Self> {
        (!value.is_nan()).then_some(value as i64)
    }
}

impl Item for KllFloat<f32> {
    const SUFFIX: &'static str = "float";
    const CLASS: &'static str = "KllFloatsSketch";
    const ACCEPTED: &'static [&'static str] = &["FLOAT"];

    fn accepts(t: &DataType) -> bool {
        matches!(t, DataType::Float32)
    }

    fn data_type() -> DataType {
        DataType::Float32
    }

    fn items(array: &ArrayRef) -> Result<Vec<Self>> {
        let values = datafusion::arrow::compute::cast(array, &DataType::Float32)?;
        Ok(values.as_primitive::<Float32Type>().iter().flatten().filter_map(|v| KllFloat::<f32>::new(v).ok()).collect())
    }

    fn array(items: Vec<Option<Self>>) -> ArrayRef {
        Arc::new(Float32Array::from(items.into_iter().map(|v| v.map(|v| v.into_inner())).collect::<Vec<_>>()))
    }

    fn text(&self) -> String {
        java_float(**self as f64)
    }

    fn from_f64(value: f64) -> Option<Self> {
        KllFloat::<f32>::new(value as f32).ok()
    }
}

impl Item for KllFloat<f64> {
    const SUFFIX: &'static str = "double";
    const CLASS: &'static str = "KllDoublesSketch";
    const ACCEPTED: &'static [&'static str] = &["FLOAT", "DOUBLE"];

    fn accepts(t: &DataType) -> bool {
        matches!(t, DataType::Float32 | DataType::Float64)
    }

    fn data_type() -> DataType {
        DataType::Float64
    }

    fn items(array: &ArrayRef) -> Result<Vec<Self>> {
        let values = datafusion::arrow::compute::cast(array, &DataType::Float64)?;
        Ok(values.as_primitive::<Float64Type>().iter().flatten().filter_map(|v| KllFloat::<f64>::new(v).ok()).collect())
    }

    fn array(items: Vec<Option<Self>>) -> ArrayRef {
        Arc::new(Float64Array::from(items.into_iter().map(|v| v.map(|v| v.into_inner())).collect::<Vec<_>>()))
    }

    fn text(&self) -> String {
        java_float(**self)
    }

    fn from_f64(value: f64) -> Option<Self> {
        KllFloat::<f64>::new(value).ok()
    }
}

/// A float as Java prints a whole or short one (`3.0`, `2.5`).
fn java_float(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e7 {
        format!("{value:.1}")
    } else {
        value.to_string()
    }
}

/// Spark's `KLL_SKETCH_K_OUT_OF_RANGE`.
pub fn k_value(function: &str, value: i64) -> Result<u16> {
    if (8..=65535).contains(&value) {
        return Ok(value as u16);
    }
    Err(runtime_error(
        "KLL_SKETCH_K_OUT_OF_RANGE",
        format!("For function `{function}`, the k parameter must be between 8 and 65535 (inclusive), but got {value}."),
        &[("functionName", format!("`{function}`")), ("k", value.to_string())],
    ))
}

/// Spark's `KLL_INVALID_INPUT_SKETCH_BUFFER`.
fn invalid_sketch(function: &str) -> DataFusionError {
    runtime_error(
        "KLL_INVALID_INPUT_SKETCH_BUFFER",
        format!("Invalid call to `{function}`; only valid KLL sketch buffers are supported as inputs (such as those produced by the `kll_sketch_agg` function)."),
        &[("function", format!("`{function}`"))],
    )
}

fn read<T: Item>(function: &str, bytes: &[u8]) -> Result<KllSketch<T>> {
    KllSketch::<T>::deserialize(bytes).map_err(|_| invalid_sketch(function))
}

fn new_sketch<T: Item>(k: u16) -> Result<KllSketch<T>> {
    KllSketch::new(k).map_err(|e| DataFusionError::Internal(e.to_string()))
}

fn merge_into<T: Item>(target: &mut KllSketch<T>, other: &KllSketch<T>) -> Result<()> {
    target.merge(other).map_err(|e| DataFusionError::Internal(e.to_string()))
}

fn check_build<T: Item>(name: &str, types: &[DataType]) -> Checked {
    expect_arguments(name, types, 1..=2)?;
    expect_type(types, 0, T::accepts, T::ACCEPTED)?;
    expect_type(types, 1, |t| matches!(t, DataType::Int32 | DataType::Int16 | DataType::Int8), &["INT"])
}

fn check_merge_agg(name: &str, types: &[DataType]) -> Checked {
    expect_arguments(name, types, 1..=2)?;
    expect_binary(types, 0)?;
    expect_type(types, 1, |t| matches!(t, DataType::Int32 | DataType::Int16 | DataType::Int8), &["INT"])
}

/// `kll_sketch_agg_*(col[, k])`.
#[derive(Debug)]
struct Build<T: Item> {
    function: String,
    sketch: KllSketch<T>,
}

fn build_buffer<T: Item>(name: &str, args: &AccumulatorArgs) -> Result<Box<dyn SketchBuffer>> {
    let k = k_value(name, int_value(constant_argument(args, 1).as_ref(), DEFAULT_K))?;
    Ok(Box::new(Build::<T> { function: name.to_string(), sketch: new_sketch(k)? }))
}

impl<T: Item> SketchBuffer for Build<T> {
    fn update(&mut self, arguments: &[ArrayRef]) -> Result<()> {
        for item in T::items(&arguments[0])? {
            self.sketch.update(item);
        }
        Ok(())
    }

    fn merge(&mut self, partial: &[u8]) -> Result<()> {
        let partial = read::<T>(&self.function, partial)?;
        merge_into(&mut self.sketch, &partial)
    }

    fn result(&mut self) -> Result<Option<Vec<u8>>> {
        Ok(Some(self.sketch.serialize()))
    }
}

/// `kll_merge_agg_*(sketch[, k])`: without `k` the result takes the first sketch's.
#[derive(Debug)]
struct Merge<T: Item> {
    function: String,
    k: Option<u16>,
    sketch: Option<KllSketch<T>>,
}

fn merge_buffer<T: Item>(name: &str, args: &AccumulatorArgs) -> Result<Box<dyn SketchBuffer>> {
    let k = match constant_argument(args, 1) {
        Some(value) => Some(k_value(name, int_value(Some(&value), DEFAULT_K))?),
        None => None,
    };
    Ok(Box::new(Merge::<T> { function: name.to_string(), k, sketch: None }))
}

impl<T: Item> SketchBuffer for Merge<T> {
    fn update(&mut self, arguments: &[ArrayRef]) -> Result<()> {
        self.merge_column(&arguments[0])
    }

    fn merge(&mut self, partial: &[u8]) -> Result<()> {
        let incoming = read::<T>(&self.function, partial)?;
        match (&mut self.sketch, self.k) {
            (Some(sketch), _) => merge_into(sketch, &incoming)?,
            (None, Some(k)) => {
                let mut sketch = new_sketch(k)?;
                merge_into(&mut sketch, &incoming)?;
                self.sketch = Some(sketch);
            }
            (None, None) => self.sketch = Some(incoming),
        }
        Ok(())
    }

    fn result(&mut self) -> Result<Option<Vec<u8>>> {
        Ok(self.sketch.as_ref().map(|s| s.serialize()))
    }

    fn finish(&mut self) -> Result<Vec<u8>> {
        match &self.sketch {
            Some(sketch) => Ok(sketch.serialize()),
            None => Ok(new_sketch::<T>(self.k.unwrap_or(DEFAULT_K as u16))?.serialize()),
        }
    }
}

fn one_sketch(name: &str, types: &[DataType]) -> Checked {
    expect_arguments(name, types, 1..=1)?;
    expect_binary(types, 0)
}

/// Applies `f` to the sketch of each non-NULL row.
fn per_sketch<T: Item>(name: &str, arrays: &[ArrayRef], rows: usize, mut f: impl FnMut(Option<KllSketch<T>>) -> Result<()>) -> Result<()> {
    let input = sketches(&arrays[0])?;
    for row in 0..rows {
        match input.is_null(row) {
            true => f(None)?,
            false => f(Some(read::<T>(name, input.value(row))?))?,
        }
    }
    Ok(())
}

/// `kll_sketch_to_string_*`: a summary of the sketch in the shape of Java's
/// `KllSketch.toString()` (its header names the class, as `### KllKllLongsSketch Summary:`).
fn to_string<T: Item>(name: &str, arrays: &[ArrayRef], rows: usize) -> Result<ArrayRef> {
    let mut out = StringBuilder::new();
    per_sketch::<T>(name, arrays, rows, |sketch| {
        match sketch {
            None => out.append_null(),
            Some(s) => {
                let item = |v: Option<&T>| v.map(|v| v.text()).unwrap_or_else(|| "NaN".to_string());
                let lines = [
                    format!("### Kll{} Summary:", T::CLASS),
                    format!("   K                      : {}", s.k()),
                    format!("   min K                  : {}", s.min_k()),
                    format!("   N                      : {}", s.n()),
                    format!("   Empty                  : {}", s.is_empty()),
                    format!("   Estimation mode        : {}", s.is_estimation_mode()),
                    format!("   Retained items         : {}", s.num_retained()),
                    format!("   Normalized rank error  : {:.3}%", s.normalized_rank_error() * 100.0),
                    format!("   Min item               : {}", item(s.min_item())),
                    format!("   Max item               : {}", item(s.max_item())),
                    "### End sketch summary".to_string(),
                ];
                out.append_value(format!("\n{}\n", lines.join("\n")));
            }
        }
        Ok(())
    })?;
    Ok(Arc::new(out.finish()))
}

/// `kll_sketch_get_n_*`: how many items the sketch summarizes.
fn count<T: Item>(name: &str, arrays: &[ArrayRef], rows: usize) -> Result<ArrayRef> {
    let mut out = Int64Builder::with_capacity(rows);
    per_sketch::<T>(name, arrays, rows, |sketch| {
        out.append_option(sketch.map(|s| s.n() as i64));
        Ok(())
    })?;
    Ok(Arc::new(out.finish()))
}

fn check_merge(name: &str, types: &[DataType]) -> Checked {
    expect_arguments(name, types, 2..=2)?;
    expect_binary(types, 0)?;
    expect_binary(types, 1)
}

/// `kll_sketch_merge_*(left, right)`.
fn merge<T: Item>(name: &str, arrays: &[ArrayRef], rows: usize) -> Result<ArrayRef> {
    binary_rows(arrays, rows, 2, |values, _| {
        let mut left = read::<T>(name, values[0])?;
        merge_into(&mut left, &read::<T>(name, values[1])?)?;
        Ok(left.serialize())
    })
}

/// Whether a quantile/rank argument is a list (the result is then a list too).
fn is_list(t: Option<&DataType>) -> bool {
    matches!(t, Some(DataType::List(_) | DataType::LargeList(_) | DataType::FixedSizeList(..)))
}

fn check_quantile(name: &str, types: &[DataType]) -> Checked {
    expect_arguments(name, types, 2..=2)?;
    expect_binary(types, 0)?;
    expect_type(types, 1, |t| t.is_numeric() || is_list(Some(t)), &["DOUBLE", "ARRAY<DOUBLE>"])
}

fn quantile_type<T: Item>(types: &[DataType]) -> DataType {
    if is_list(types.get(1)) { DataType::new_list(T::data_type(), true) } else { T::data_type() }
}

fn check_rank(name: &str, types: &[DataType]) -> Checked {
    expect_arguments(name, types, 2..=2)?;
    expect_binary(types, 0)?;
    expect_type(types, 1, |t| t.is_numeric() || is_list(Some(t)), &["BIGINT", "FLOAT", "DOUBLE", "ARRAY"])
}

fn rank_type(types: &[DataType]) -> DataType {
    if is_list(types.get(1)) { DataType::new_list(DataType::Float64, true) } else { DataType::Float64 }
}

/// The numbers of the second argument at `row`: one, or each of a list (`None`: NULL).
fn points(array: &ArrayRef, row: usize) -> Result<Option<Vec<f64>>> {
    if array.is_null(row) {
        return Ok(None);
    }
    let values = match array.data_type() {
        DataType::List(_) | DataType::LargeList(_) | DataType::FixedSizeList(..) => match ScalarValue::try_from_array(array, row)? {
            ScalarValue::List(list) => list.value(0),
            ScalarValue::LargeList(list) => list.value(0),
            ScalarValue::FixedSizeList(list) => list.value(0),
            _ => return Ok(None),
        },
        _ => array.slice(row, 1),
    };
    let values = datafusion::arrow::compute::cast(&values, &DataType::Float64)?;
    Ok(Some(values.as_primitive::<Float64Type>().iter().map(|v| v.unwrap_or(f64::NAN)).collect()))
}

/// Results per row: single values, or lists of them when the argument is a list.
fn assemble(list: bool, values: ArrayRef, lengths: Vec<Option<usize>>) -> Result<ArrayRef> {
    if !list {
        return Ok(values);
    }
    let field = Arc::new(Field::new_list_field(values.data_type().clone(), true));
    let nulls = datafusion::arrow::buffer::NullBuffer::from(lengths.iter().map(|l| l.is_some()).collect::<Vec<_>>());
    let offsets = OffsetBuffer::from_lengths(lengths.iter().map(|l| l.unwrap_or(0)));
    Ok(Arc::new(ListArray::try_new(field, offsets, values, Some(nulls))?))
}

/// `kll_sketch_get_quantile_*(sketch, rank)`: the item at a normalized rank (or each of a
/// list of ranks), which must lie in [0, 1] (`KLL_SKETCH_INVALID_QUANTILE_RANGE`).
fn quantile<T: Item>(name: &str, arrays: &[ArrayRef], rows: usize) -> Result<ArrayRef> {
    let list = is_list(Some(arrays[1].data_type()));
    let mut values: Vec<Option<T>> = Vec::new();
    let mut lengths = Vec::with_capacity(rows);
    let input = sketches(&arrays[0])?;
    for row in 0..rows {
        let ranks = points(&arrays[1], row)?;
        let (false, Some(ranks)) = (input.is_null(row), ranks) else {
            lengths.push(None);
            if !list {
                values.push(None);
            }
            continue;
        };
        if ranks.iter().any(|r| !(0.0..=1.0).contains(r)) {
            return Err(runtime_error(
                "KLL_SKETCH_INVALID_QUANTILE_RANGE",
                format!("For function `{name}`, the quantile value must be between 0.0 and 1.0 (inclusive)."),
                &[("functionName", format!("`{name}`"))],
            ));
        }
        let sketch = read::<T>(name, input.value(row))?;
        if sketch.is_empty() {
            return Err(invalid_sketch(name));
        }
        for rank in &ranks {
            values.push(sketch.quantile(*rank, SearchCriteria::Inclusive).map_err(|_| invalid_sketch(name))?);
        }
        lengths.push(Some(ranks.len()));
    }
    let items = if values.is_empty() && !list { new_null_array(&T::data_type(), 0) } else { T::array(values) };
    assemble(list, items, lengths)
}

/// `kll_sketch_get_rank_*(sketch, quantile)`: the normalized rank of an item (or of each
/// of a list), a double.
fn rank<T: Item>(name: &str, arrays: &[ArrayRef], rows: usize) -> Result<ArrayRef> {
    let list = is_list(Some(arrays[1].data_type()));
    let mut values: Vec<Option<f64>> = Vec::new();
    let mut lengths = Vec::with_capacity(rows);
    let input = sketches(&arrays[0])?;
    for row in 0..rows {
        let items = points(&arrays[1], row)?;
        let (false, Some(items)) = (input.is_null(row), items) else {
            lengths.push(None);
            if !list {
                values.push(None);
            }
            continue;
        };
        let sketch = read::<T>(name, input.value(row))?;
        if sketch.is_empty() {
            return Err(invalid_sketch(name));
        }
        for item in &items {
            let item = T::from_f64(*item).ok_or_else(|| invalid_sketch(name))?;
            values.push(sketch.rank(&item, SearchCriteria::Inclusive));
        }
        lengths.push(Some(items.len()));
    }
    assemble(list, Arc::new(Float64Array::from(values)), lengths)
}
