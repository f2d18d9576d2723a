//! Spark's array and map functions where DataFusion's differ: subscripts (`arr[i]` is
//! 0-based, Spark's `GetArrayItem`; `m[k]` is a key lookup), `element_at` (1-based,
//! negative from the end), both raising Spark's ANSI index errors; `array_sort` (NULLs
//! last) and `sort_array` (NULLs first ascending, last descending); `reverse` of arrays
//! and strings; `arrays_overlap` (NULL when only a NULL could match); `array_remove`
//! (every match); `arrays_zip` (fields named after the zipped columns, else `0`, `1`, ...);
//! `size`/`cardinality`/`array_size` (the top-level element count, Spark's `Size`, where
//! DataFusion's `cardinality` counts nested elements too); `flatten` (NULL when an inner
//! array is NULL, Spark's `Flatten`).
use std::sync::Arc;

use datafusion::arrow::array::{new_null_array, Array, ArrayRef, AsArray, BooleanArray, Int32Array, ListArray, StringArray, StructArray, UInt32Array};
use datafusion::arrow::datatypes::{DataType, Field, FieldRef, Fields, Int64Type};
use datafusion::common::ScalarValue;
use datafusion::error::{DataFusionError, Result};
use datafusion::execution::FunctionRegistry;
use datafusion::logical_expr::{ColumnarValue, Expr, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature, Volatility};
use datafusion::prelude::SessionContext;

use crate::engine::local::error::{EngineError, ErrorClass};

/// Registers the collection functions of this module under their Spark names.
pub fn register(context: &SessionContext) {
    if let Ok(remove_all) = context.udf("array_remove_all") {
        context.register_udf(remove_all.as_ref().clone().with_aliases(["array_remove"]));
    }
    for name in ["size", "cardinality"] {
        context.register_udf(ScalarUDF::from(Collection { name, inner: None, signature: Signature::any(1, Volatility::Immutable) }));
    }
    if let Ok(flatten) = context.udf("flatten") {
        let signature = flatten.signature().clone();
        context.register_udf(ScalarUDF::from(Collection { name: "flatten", inner: Some(flatten), signature }));
    }
    let Ok(sort) = context.udf("array_sort") else { return };
    let Ok(reverse) = context.udf("array_reverse") else { return };
    for (name, inner) in [("array_sort", Some(sort.clone())), ("sort_array", Some(sort)), ("reverse", Some(reverse)), ("element_at", None), ("arrays_overlap", None), ("array_insert", None), ("map_concat", None), (SUBSCRIPT, None)] {
        context.register_udf(ScalarUDF::from(Collection { name, inner, signature: Signature::variadic_any(Volatility::Immutable) }));
    }
}

/// The name of Spark's `arr[i]` / `m[k]`.
pub const SUBSCRIPT: &str = "ember_subscript";

/// Spark's `arr[i]` / `m[k]` (`col[i]`, `getItem`).
pub fn subscript(container: Expr, index: Expr) -> Expr {
    ScalarUDF::from(Collection { name: SUBSCRIPT, inner: None, signature: Signature::variadic_any(Volatility::Immutable) }).call(vec![container, index])
}

/// Spark's `size(x)` (`Size`): the number of top-level elements of an array or entries of
/// a map, an INT; NULL for NULL (Spark 4's default under ANSI mode).
pub fn size(container: Expr) -> Expr {
    ScalarUDF::from(Collection { name: "size", inner: None, signature: Signature::any(1, Volatility::Immutable) }).call(vec![container])
}

/// The top-level element counts of a list or map array, NULL where the row is NULL.
fn top_level_sizes(container: &ArrayRef) -> Result<ArrayRef> {
    let counts: Int32Array = match container.data_type() {
        DataType::List(_) => {
            let list = container.as_list::<i32>();
            (0..list.len()).map(|row| (!list.is_null(row)).then(|| list.value_length(row))).collect()
        }
        DataType::LargeList(_) => {
            let list = container.as_list::<i64>();
            (0..list.len()).map(|row| (!list.is_null(row)).then(|| list.value_length(row) as i32)).collect()
        }
        DataType::FixedSizeList(_, width) => (0..container.len()).map(|row| (!container.is_null(row)).then_some(*width)).collect(),
        DataType::Map(..) => {
            let map = container.as_map();
            (0..map.len()).map(|row| (!map.is_null(row)).then(|| map.value_length(row))).collect()
        }
        DataType::Null => Int32Array::new_null(container.len()),
        other => {
            let found = crate::engine::local::types::spark_sql_type_name(other);
            return Err(EngineError::unexpected_input_type("size", 0, "ARRAY\" or \"MAP", &found).into());
        }
    };
    Ok(Arc::new(counts))
}

/// The rows of a list of lists that hold a NULL inner list (Spark's `Flatten` is NULL there).
fn holds_null_list(container: &ArrayRef) -> Option<BooleanArray> {
    let list = container.as_list_opt::<i32>()?;
    let inner = list.values();
    Some((0..list.len()).map(|row| {
        let (start, end) = (list.value_offsets()[row] as usize, list.value_offsets()[row + 1] as usize);
        Some(!list.is_null(row) && (start..end).any(|at| inner.is_null(at)))
    }).collect())
}

#[derive(Debug, PartialEq, Eq, Hash)]
struct Collection {
    name: &'static str,
    /// The DataFusion function this one adjusts (`array_sort`, `array_reverse`).
    inner: Option<Arc<ScalarUDF>>,
    signature: Signature,
}

fn invalid_index(index: i64, size: usize, element_at: bool) -> DataFusionError {
    let (condition, alternative) = if element_at {
        ("INVALID_ARRAY_INDEX_IN_ELEMENT_AT", "Use `try_element_at` to tolerate accessing element at invalid index and return NULL instead.")
    } else {
        ("INVALID_ARRAY_INDEX", "Use the SQL function `get()` to tolerate accessing element at invalid index and return NULL instead.")
    };
    DataFusionError::External(Box::new(EngineError::spark(
        ErrorClass::ArrayIndexOutOfBounds,
        condition,
        format!("The index {index} is out of bounds. The array has {size} elements. {alternative} If necessary set \"spark.sql.ansi.enabled\" to \"false\" to bypass this error."),
        &[("indexValue", index.to_string()), ("arraySize", size.to_string()), ("ansiConfig", "\"spark.sql.ansi.enabled\"".to_string())],
    )))
}

fn zero_index() -> DataFusionError {
    DataFusionError::External(Box::new(EngineError::spark(
        ErrorClass::Runtime,
        "INVALID_INDEX_OF_ZERO",
        "The index 0 is invalid. An index shall be either < 0 or > 0 (the first element has index 1).",
        &[],
    )))
}

/// Spark's `array_insert(array, position, value)` (`ArrayInsert`): `value` inserted at the
/// 1-based `position`, counted from the end when negative (-1 appends); a position past
/// either end pads the array with NULLs. NULL when the array or position is NULL;
/// position 0 raises `INVALID_INDEX_OF_ZERO`.
fn array_insert(arrays: &[ArrayRef], result_type: &DataType) -> Result<ArrayRef> {
    let DataType::List(element_field) = result_type else {
        return Err(DataFusionError::Plan(format!("array_insert gives a list, not {result_type}")));
    };
    let element = element_field.data_type();
    let list = datafusion::arrow::compute::cast(&arrays[0], result_type)?;
    let list = list.as_list::<i32>();
    let positions = datafusion::arrow::compute::cast(&arrays[1], &DataType::Int64)?;
    let positions = positions.as_primitive::<datafusion::arrow::datatypes::Int64Type>();
    let values = datafusion::arrow::compute::cast(&arrays[2], element)?;
    let null = new_null_array(element, 1);
    let mut pieces: Vec<ArrayRef> = Vec::new();
    let mut offsets = vec![0i32];
    let mut validity = Vec::with_capacity(list.len());
    let mut length = 0i32;
    for row in 0..list.len() {
        if list.is_null(row) || positions.is_null(row) {
            validity.push(false);
            offsets.push(length);
            continue;
        }
        let items = list.value(row);
        let size = items.len() as i64;
        let value = values.slice(row, 1);
        let nulls = |count: i64| -> Result<Option<ArrayRef>> {
            Ok((count > 0).then(|| datafusion::arrow::compute::concat(&vec![null.as_ref(); count as usize])).transpose()?)
        };
        let row_pieces: Vec<ArrayRef> = match positions.value(row) {
            0 => return Err(zero_index()),
            p if p > 0 && p - 1 <= size => vec![items.slice(0, (p - 1) as usize), value, items.slice((p - 1) as usize, (size - p + 1) as usize)],
            p if p > 0 => [Some(items.clone()), nulls(p - 1 - size)?, Some(value)].into_iter().flatten().collect(),
            p => {
                let at = size + 1 + p;
                if at >= 0 {
                    vec![items.slice(0, at as usize), value, items.slice(at as usize, (size - at) as usize)]
                } else {
                    [Some(value), nulls(-at)?, Some(items.clone())].into_iter().flatten().collect()
                }
            }
        };
        length += row_pieces.iter().map(|p| p.len() as i32).sum::<i32>();
        pieces.extend(row_pieces);
        validity.push(true);
        offsets.push(length);
    }
    let flat = if pieces.is_empty() { new_null_array(element, 0) } else { datafusion::arrow::compute::concat(&pieces.iter().map(|p| p.as_ref()).collect::<Vec<_>>())? };
    Ok(Arc::new(datafusion::arrow::array::ListArray::try_new(
        element_field.clone(),
        datafusion::arrow::buffer::OffsetBuffer::new(offsets.into()),
        flat,
        Some(validity.into()),
    )?))
}

/// Spark's `spark.sql.mapKeyDedupPolicy`: whether a key met twice while a map is built
/// keeps its last value (`LAST_WIN`) instead of raising `DUPLICATED_MAP_KEY` (`EXCEPTION`,
/// the default). One per process, read when a plan runs (`ArrayBasedMapBuilder`).
static LAST_WIN: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// The conf's name.
pub const MAP_KEY_DEDUP_POLICY: &str = "spark.sql.mapKeyDedupPolicy";

/// Sets the policy from the conf's text (`None` restores `EXCEPTION`); an unknown policy
/// is refused with the values Spark accepts.
pub fn set_map_key_dedup_policy(value: Option<&str>) -> std::result::Result<(), String> {
    let last_win = match value.map(|v| v.trim().to_ascii_uppercase()) {
        None => false,
        Some(v) if v == "EXCEPTION" => false,
        Some(v) if v == "LAST_WIN" => true,
        Some(_) => return Err("EXCEPTION, LAST_WIN".to_string()),
    };
    LAST_WIN.store(last_win, std::sync::atomic::Ordering::Relaxed);
    Ok(())
}

/// The policy's text, as `spark.conf.get` gives it.
pub fn map_key_dedup_policy() -> &'static str {
    if last_win() {
        "LAST_WIN"
    } else {
        "EXCEPTION"
    }
}

/// Whether a repeated key keeps its last value.
pub fn last_win() -> bool {
    LAST_WIN.load(std::sync::atomic::Ordering::Relaxed)
}

/// Spark's `map_concat(m1, m2, ...)` (`MapConcat`): the entries of every map in order;
/// NULL when any map is NULL; a key met twice raises `DUPLICATED_MAP_KEY`, or under
/// `LAST_WIN` keeps its first place and takes the later value.
fn map_concat(arrays: &[ArrayRef], result_type: &DataType, rows: usize) -> Result<ArrayRef> {
    let DataType::Map(entries_field, sorted) = result_type else {
        return Err(DataFusionError::Plan(format!("map_concat gives a map, not {result_type}")));
    };
    let DataType::Struct(pair) = entries_field.data_type() else {
        return Err(DataFusionError::Plan("map entries are structs".into()));
    };
    let maps = arrays.iter().map(|a| datafusion::arrow::compute::cast(a, result_type)).collect::<std::result::Result<Vec<_>, _>>()?;
    let last_win = last_win();
    let entries: Vec<_> = maps.iter().map(|m| m.as_map().entries().clone()).collect();
    let key_arrays: Vec<&dyn Array> = entries.iter().map(|e| e.column(0).as_ref()).collect();
    let value_arrays: Vec<&dyn Array> = entries.iter().map(|e| e.column(1).as_ref()).collect();
    // Each output entry as (map, entry index) of its key and of its value.
    let mut key_at: Vec<(usize, usize)> = Vec::new();
    let mut value_at: Vec<(usize, usize)> = Vec::new();
    let mut offsets = vec![0i32];
    let mut validity = Vec::with_capacity(rows);
    for row in 0..rows {
        if maps.iter().any(|m| m.is_null(row)) {
            validity.push(false);
            offsets.push(key_at.len() as i32);
            continue;
        }
        let mut seen: Vec<(ScalarValue, usize)> = Vec::new();
        for (m, map) in maps.iter().enumerate() {
            let offsets_of = map.as_map().value_offsets();
            for i in offsets_of[row] as usize..offsets_of[row + 1] as usize {
                let key = ScalarValue::try_from_array(entries[m].column(0), i)?;
                match seen.iter().find(|(k, _)| *k == key) {
                    Some((_, at)) if last_win => value_at[*at] = (m, i),
                    Some(_) => return Err(EngineError::duplicated_map_key(&key.to_string()).into()),
                    None => {
                        seen.push((key, key_at.len()));
                        key_at.push((m, i));
                        value_at.push((m, i));
                    }
                }
            }
        }
        validity.push(true);
        offsets.push(key_at.len() as i32);
    }
    let keys = datafusion::arrow::compute::interleave(&key_arrays, &key_at)?;
    let values = datafusion::arrow::compute::interleave(&value_arrays, &value_at)?;
    let entries = StructArray::try_new(pair.clone(), vec![keys, values], None)?;
    Ok(Arc::new(datafusion::arrow::array::MapArray::try_new(
        entries_field.clone(),
        datafusion::arrow::buffer::OffsetBuffer::new(offsets.into()),
        entries,
        Some(validity.into()),
        *sorted,
    )?))
}

/// The element type of a list type or the value type of a map type.
fn item_type(container: &DataType) -> Result<DataType> {
    match container {
        DataType::List(field) | DataType::LargeList(field) | DataType::FixedSizeList(field, _) => Ok(field.data_type().clone()),
        DataType::Map(entries, _) => match entries.data_type() {
            DataType::Struct(fields) if fields.len() == 2 => Ok(fields[1].data_type().clone()),
            other => Err(DataFusionError::Plan(format!("a map with entries of type {other}"))),
        },
        DataType::Null => Ok(DataType::Null),
        other => Err(DataFusionError::Plan(format!("cannot take an element of {other}"))),
    }
}

impl Collection {
    /// `arr[i]`, `element_at(arr, i)`, `m[k]`, `element_at(m, k)`.
    fn item(&self, arrays: &[ArrayRef]) -> Result<ArrayRef> {
        let (container, key) = (&arrays[0], &arrays[1]);
        let element_at = self.name == "element_at";
        let mut take: Vec<Option<u32>> = Vec::with_capacity(container.len());
        let values = match container.data_type() {
            DataType::Map(..) => {
                let map = container.as_map();
                let keys = map.keys();
                for row in 0..map.len() {
                    if map.is_null(row) || key.is_null(row) {
                        take.push(None);
                        continue;
                    }
                    let wanted = ScalarValue::try_from_array(key, row)?;
                    let (start, end) = (map.value_offsets()[row] as usize, map.value_offsets()[row + 1] as usize);
                    let mut found = None;
                    for at in start..end {
                        let candidate = ScalarValue::try_from_array(keys, at)?;
                        if candidate == wanted || candidate.cast_to(&wanted.data_type()).ok().as_ref() == Some(&wanted) {
                            found = Some(at as u32);
                        }
                    }
                    take.push(found);
                }
                map.values().clone()
            }
            DataType::List(_) => {
                let list = container.as_list::<i32>();
                let indexes = datafusion::arrow::compute::cast(key, &DataType::Int64)?;
                let indexes = indexes.as_primitive::<Int64Type>();
                for row in 0..list.len() {
                    if list.is_null(row) || indexes.is_null(row) {
                        take.push(None);
                        continue;
                    }
                    let (start, end) = (list.value_offsets()[row] as usize, list.value_offsets()[row + 1] as usize);
                    let size = end - start;
                    let index = indexes.value(row);
                    let position = if element_at {
                        match index {
                            0 => return Err(zero_index()),
                            i if i > 0 => i - 1,
                            i => size as i64 + i,
                        }
                    } else {
                        index
                    };
                    if position < 0 || position >= size as i64 {
                        return Err(invalid_index(index, size, element_at));
                    }
                    take.push(Some((start as i64 + position) as u32));
                }
                list.values().clone()
            }
            DataType::Null => return Ok(new_null_array(&DataType::Null, container.len())),
            other => return Err(DataFusionError::Plan(format!("cannot take an element of {other}"))),
        };
        Ok(datafusion::arrow::compute::take(values.as_ref(), &UInt32Array::from(take), None)?)
    }

    /// Spark's `arrays_overlap`: true on a common non-null element; otherwise NULL when
    /// both arrays are non-empty and either holds a NULL; otherwise false.
    fn overlap(arrays: &[ArrayRef]) -> Result<ArrayRef> {
        let (left, right) = (arrays[0].as_list::<i32>(), arrays[1].as_list::<i32>());
        let mut values = Vec::with_capacity(left.len());
        for row in 0..left.len() {
            if left.is_null(row) || right.is_null(row) {
                values.push(None);
                continue;
            }
            let scalars = |array: ArrayRef| (0..array.len()).map(|i| ScalarValue::try_from_array(&array, i)).collect::<Result<Vec<_>>>();
            let (a, b) = (scalars(left.value(row))?, scalars(right.value(row))?);
            let common = a.iter().any(|x| !x.is_null() && b.iter().any(|y| !y.is_null() && x == y));
            let nulls = a.iter().chain(b.iter()).any(|v| v.is_null());
            values.push(if common {
                Some(true)
            } else if nulls && !a.is_empty() && !b.is_empty() {
                None
            } else {
                Some(false)
            });
        }
        Ok(Arc::new(BooleanArray::from(values)))
    }
}

impl ScalarUDFImpl for Collection {
    fn name(&self) -> &str {
        self.name
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, arg_types: &[DataType]) -> Result<DataType> {
        let first = arg_types.first().cloned().unwrap_or(DataType::Null);
        match self.name {
            "arrays_overlap" => Ok(DataType::Boolean),
            "size" | "cardinality" => Ok(DataType::Int32),
            "flatten" => match &self.inner {
                Some(inner) => inner.return_type(arg_types),
                None => Ok(first),
            },
            "element_at" | SUBSCRIPT => item_type(&first),
            // The maps' common type (an empty call gives map<string, string>).
            "map_concat" => {
                let mut common: Option<DataType> = None;
                for t in arg_types {
                    if !matches!(t, DataType::Map(..)) {
                        let found: Vec<String> = arg_types.iter().map(crate::engine::local::types::spark_sql_type_name).map(|n| format!("\"{n}\"")).collect();
                        return Err(DataFusionError::External(Box::new(EngineError::analysis(
                            "DATATYPE_MISMATCH.MAP_CONCAT_DIFF_TYPES",
                            format!("Cannot resolve \"map_concat\" due to data type mismatch: The `map_concat` should all be of type map, but it's [{}].", found.join(", ")),
                            &[("functionName", "`map_concat`".into()), ("dataType", format!("[{}]", found.join(", ")))],
                        ))));
                    }
                    common = Some(match common {
                        None => t.clone(),
                        Some(c) if c == *t => c,
                        Some(c) => datafusion::logical_expr::type_coercion::binary::comparison_coercion(&c, t).unwrap_or(c),
                    });
                }
                Ok(common.unwrap_or_else(|| crate::engine::local::types::map_type(DataType::Utf8, DataType::Utf8, true)))
            }
            // The array's elements and the inserted value widened to one type.
            "array_insert" => {
                let element = item_type(&first)?;
                let value = arg_types.get(2).cloned().unwrap_or(DataType::Null);
                let common = if element == DataType::Null { value } else if value == DataType::Null { element } else {
                    datafusion::logical_expr::type_coercion::binary::comparison_coercion(&element, &value).unwrap_or(element)
                };
                Ok(DataType::List(Arc::new(Field::new_list_field(common, true))))
            }
            "reverse" if matches!(first, DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View) => Ok(DataType::Utf8),
            "reverse" if matches!(first, DataType::Binary | DataType::LargeBinary | DataType::BinaryView) => Ok(DataType::Binary),
            _ => Ok(first),
        }
    }

    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        match &self.inner {
            Some(inner) => inner.coerce_types(arg_types),
            None => Ok(arg_types.to_vec()),
        }
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let arrays = ColumnarValue::values_to_arrays(&args.args)?;
        let Some(first) = arrays.first() else {
            return Err(DataFusionError::Plan(format!("{} takes arguments", self.name)));
        };
        match self.name {
            "element_at" | SUBSCRIPT if arrays.len() == 2 => return Ok(ColumnarValue::Array(self.item(&arrays)?)),
            "arrays_overlap" if arrays.len() == 2 => return Ok(ColumnarValue::Array(Self::overlap(&arrays)?)),
            "map_concat" => return Ok(ColumnarValue::Array(map_concat(&arrays, args.return_field.data_type(), args.number_rows)?)),
            "array_insert" if arrays.len() == 3 => return Ok(ColumnarValue::Array(array_insert(&arrays, args.return_field.data_type())?)),
            "size" | "cardinality" => return Ok(ColumnarValue::Array(top_level_sizes(first)?)),
            "reverse" if matches!(first.data_type(), DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View) => {
                let text = datafusion::arrow::compute::cast(first, &DataType::Utf8)?;
                let text = text.as_string::<i32>();
                let reversed: StringArray = (0..text.len()).map(|i| (!text.is_null(i)).then(|| text.value(i).chars().rev().collect::<String>())).collect();
                return Ok(ColumnarValue::Array(Arc::new(reversed)));
            }
            // Spark's Reverse of bytes.
            "reverse" if matches!(first.data_type(), DataType::Binary | DataType::LargeBinary | DataType::BinaryView) => {
                let bytes = datafusion::arrow::compute::cast(first, &DataType::Binary)?;
                let bytes = bytes.as_binary::<i32>();
                let reversed: datafusion::arrow::array::BinaryArray = bytes.iter().map(|b| b.map(|b| b.iter().rev().copied().collect::<Vec<u8>>())).collect();
                return Ok(ColumnarValue::Array(Arc::new(reversed)));
            }
            _ => {}
        }
        let Some(inner) = &self.inner else {
            return Err(DataFusionError::Plan(format!("{} takes two arguments", self.name)));
        };
        let mut call_args = args.args.clone();
        let mut arg_fields = args.arg_fields.clone();
        if matches!(self.name, "array_sort" | "sort_array") {
            if self.name == "array_sort" && call_args.len() > 1 {
                return Err(DataFusionError::NotImplemented("array_sort with a comparator function".into()));
            }
            let ascending = match call_args.get(1) {
                Some(ColumnarValue::Scalar(ScalarValue::Boolean(Some(value)))) => *value,
                Some(_) => return Err(DataFusionError::Plan("sort_array's second argument must be a boolean literal".into())),
                None => true,
            };
            call_args.truncate(1);
            arg_fields.truncate(1);
            let nulls_first = self.name == "sort_array" && ascending;
            for text in [if ascending { "ASC" } else { "DESC" }, if nulls_first { "NULLS FIRST" } else { "NULLS LAST" }] {
                call_args.push(ColumnarValue::Scalar(ScalarValue::Utf8(Some(text.to_string()))));
                arg_fields.push(Arc::new(datafusion::arrow::datatypes::Field::new("option", DataType::Utf8, false)));
            }
        }
        let result = inner.invoke_with_args(ScalarFunctionArgs { args: call_args, arg_fields, number_rows: args.number_rows, return_field: args.return_field.clone(), config_options: args.config_options.clone() })?;
        if self.name == "flatten" {
            if let Some(nulls) = holds_null_list(first) {
                let flattened = result.into_array(args.number_rows)?;
                return Ok(ColumnarValue::Array(datafusion::arrow::compute::nullif(flattened.as_ref(), &nulls)?));
            }
        }
        Ok(result)
    }
}

/// The name of Spark's `arrays_zip` with its field names as trailing text arguments.
pub const ARRAYS_ZIP: &str = "ember_arrays_zip";

/// Spark's `arrays_zip(a, b, ...)` (`ArraysZip`): each struct field is named after its
/// argument when that is a column, else after its position (`0`, `1`, ...).
pub fn arrays_zip(arguments: Vec<Expr>) -> Expr {
    let names: Vec<Expr> = arguments
        .iter()
        .enumerate()
        .map(|(index, argument)| {
            let name = match argument {
                Expr::Column(column) => column.name.clone(),
                // Not the name DataFusion's SQL planner gives a call by an alias
                // (`array(1, 2)`), whose arguments may have been rewritten since.
                Expr::Alias(alias) if !(matches!(alias.expr.as_ref(), Expr::ScalarFunction(_)) && alias.name.ends_with(')') && alias.name.contains('(')) => alias.name.clone(),
                _ => index.to_string(),
            };
            Expr::Literal(ScalarValue::Utf8(Some(name)), None)
        })
        .collect();
    let mut call = arguments.into_iter().map(Expr::unalias).collect::<Vec<_>>();
    call.extend(names);
    ScalarUDF::from(ArraysZip { inner: datafusion::functions_nested::arrays_zip::arrays_zip_udf(), signature: Signature::variadic_any(Volatility::Immutable) }).call(call)
}

/// The arrays and the field names of an `ember_arrays_zip` call.
fn split_zip<T>(arguments: &[T]) -> (&[T], &[T]) {
    arguments.split_at(arguments.len() / 2)
}

/// `array<struct<name: element, ...>>` for the zipped arrays.
fn zipped_field(arg_fields: &[FieldRef], scalars: &[Option<&ScalarValue>]) -> Result<FieldRef> {
    let (arrays, _) = split_zip(arg_fields);
    let (_, names) = split_zip(scalars);
    let fields: Vec<Field> = arrays
        .iter()
        .zip(names)
        .enumerate()
        .map(|(index, (array, name))| {
            let name = match name {
                Some(ScalarValue::Utf8(Some(name))) => name.clone(),
                _ => index.to_string(),
            };
            let element = item_type(array.data_type()).unwrap_or(DataType::Null);
            Field::new(name, element, true)
        })
        .collect();
    let list = DataType::List(Arc::new(Field::new_list_field(DataType::Struct(Fields::from(fields)), true)));
    Ok(Arc::new(Field::new(ARRAYS_ZIP, list, true)))
}

/// DataFusion's `arrays_zip` with the struct fields renamed to Spark's names.
#[derive(Debug, PartialEq, Eq, Hash)]
struct ArraysZip {
    inner: Arc<ScalarUDF>,
    signature: Signature,
}

impl ScalarUDFImpl for ArraysZip {
    fn name(&self) -> &str {
        ARRAYS_ZIP
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Err(DataFusionError::Internal("arrays_zip's type comes from return_field_from_args".into()))
    }

    fn return_field_from_args(&self, args: datafusion::logical_expr::ReturnFieldArgs) -> Result<FieldRef> {
        zipped_field(args.arg_fields, args.scalar_arguments)
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let (arrays, _) = split_zip(&args.args);
        let (arg_fields, _) = split_zip(&args.arg_fields);
        let inner_field = self.inner.return_field_from_args(datafusion::logical_expr::ReturnFieldArgs {
            arg_fields,
            scalar_arguments: &vec![None; arg_fields.len()],
        })?;
        let zipped = self.inner.invoke_with_args(ScalarFunctionArgs {
            args: arrays.to_vec(),
            arg_fields: arg_fields.to_vec(),
            number_rows: args.number_rows,
            return_field: inner_field,
            config_options: args.config_options.clone(),
        })?;
        let zipped = zipped.into_array(args.number_rows)?;
        let DataType::List(target) = args.return_field.data_type() else {
            return Err(DataFusionError::Internal("arrays_zip returns a list".into()));
        };
        let DataType::Struct(fields) = target.data_type() else {
            return Err(DataFusionError::Internal("arrays_zip returns a list of structs".into()));
        };
        let list = zipped.as_list::<i32>();
        let entries = list.values().as_struct();
        let renamed = StructArray::try_new(fields.clone(), entries.columns().to_vec(), entries.nulls().cloned())?;
        let result = ListArray::try_new(target.clone(), list.offsets().clone(), Arc::new(renamed), list.nulls().cloned())?;
        // Spark's ArraysZip is NULL when any of its arrays is NULL.
        let inputs = ColumnarValue::values_to_arrays(arrays)?;
        let any_null: BooleanArray = (0..result.len()).map(|row| Some(inputs.iter().any(|input| input.is_null(row)))).collect();
        Ok(ColumnarValue::Array(datafusion::arrow::compute::nullif(&result, &any_null)?))
    }
}
