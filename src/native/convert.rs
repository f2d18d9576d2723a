//! Python values ⇄ Arrow arrays, with Spark's Python type mapping (PySpark's
//! `_create_converter` / `Row` results): `long` ⇄ int, `date` ⇄ datetime.date, struct ⇄ Row.
use std::sync::Arc;

use datafusion::arrow::array::{
    new_null_array, Array, ArrayRef, AsArray, BinaryArray, BooleanArray, Date32Array, Decimal128Array, Float32Array,
    Float64Array, Int16Array, Int32Array, Int64Array, Int8Array, ListArray, MapArray, NullArray, StringArray, StructArray,
    TimestampMicrosecondArray,
};
use datafusion::arrow::buffer::{NullBuffer, OffsetBuffer};
use datafusion::arrow::datatypes::{
    DataType, Date32Type, Decimal128Type, Float32Type, Float64Type, Int16Type, Int32Type, Int64Type, Int8Type, Schema,
    TimeUnit,
};
use datafusion::arrow::record_batch::RecordBatch;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyTuple};

const EPOCH_ORDINAL: i64 = 719_163;

fn type_error(value: &Bound<'_, PyAny>, data_type: &DataType) -> PyErr {
    let type_name = value.get_type().name().map(|n| n.to_string()).unwrap_or_default();
    PyTypeError::new_err(format!(
        "[FIELD_DATA_TYPE_UNACCEPTABLE] {} can not accept object {} in type {}.",
        crate::engine::local::types::spark_simple_name(data_type),
        value.repr().map(|r| r.to_string()).unwrap_or_default(),
        type_name
    ))
}

/// Builds a record batch from rows (tuples in schema order) of Python values.
pub fn rows_to_batch(rows: &Bound<'_, PyList>, schema: &Arc<Schema>) -> PyResult<RecordBatch> {
    let width = schema.fields().len();
    let mut columns: Vec<Vec<Bound<'_, PyAny>>> = vec![Vec::with_capacity(rows.len()); width];
    for row in rows.iter() {
        let row = row.cast_into::<PyTuple>().map_err(|e| PyTypeError::new_err(e.to_string()))?;
        if row.len() != width {
            return Err(PyValueError::new_err(format!(
                "[AXIS_LENGTH_MISMATCH] Length mismatch: Expected axis has {width} elements, new values have {} elements.",
                row.len()
            )));
        }
        for (position, value) in row.iter().enumerate() {
            columns[position].push(value);
        }
    }
    let arrays = columns
        .iter()
        .zip(schema.fields())
        .map(|(values, field)| array_from_python(values, field.data_type()))
        .collect::<PyResult<Vec<_>>>()?;
    let options = datafusion::arrow::record_batch::RecordBatchOptions::new().with_row_count(Some(rows.len()));
    RecordBatch::try_new_with_options(schema.clone(), arrays, &options).map_err(|e| {
        PyValueError::new_err(format!("[FIELD_NOT_NULLABLE] Field is not nullable, but got None: {e}"))
    })
}

fn optional<'py, T>(values: &[Bound<'py, PyAny>], data_type: &DataType, f: impl Fn(&Bound<'py, PyAny>) -> PyResult<T>) -> PyResult<Vec<Option<T>>> {
    values
        .iter()
        .map(|v| if v.is_none() { Ok(None) } else { f(v).map(Some).map_err(|_| type_error(v, data_type)) })
        .collect()
}

fn date_days(value: &Bound<'_, PyAny>) -> PyResult<i32> {
    let ordinal: i64 = value.call_method0("toordinal")?.extract()?;
    Ok((ordinal - EPOCH_ORDINAL) as i32)
}

fn timestamp_micros(value: &Bound<'_, PyAny>) -> PyResult<i64> {
    let days = date_days(value)? as i64;
    let hour: i64 = value.getattr("hour")?.extract()?;
    let minute: i64 = value.getattr("minute")?.extract()?;
    let second: i64 = value.getattr("second")?.extract()?;
    let micro: i64 = value.getattr("microsecond")?.extract()?;
    let mut total = ((days * 24 + hour) * 60 + minute) * 60 * 1_000_000 + second * 1_000_000 + micro;
    let offset = value.call_method0("utcoffset")?;
    if !offset.is_none() {
        let seconds: f64 = offset.call_method0("total_seconds")?.extract()?;
        total -= (seconds * 1_000_000.0) as i64;
    }
    Ok(total)
}

/// Whether the process's local time zone is UTC, where a naive `datetime` is read and
/// made by plain arithmetic; elsewhere PySpark's `TimestampType` reads a naive value with
/// `time.mktime` and makes one with `datetime.fromtimestamp`, both in local time.
fn local_zone_is_utc(py: Python<'_>) -> PyResult<bool> {
    let time = py.import("time")?;
    let offset: i64 = time.getattr("timezone")?.extract()?;
    let daylight: i64 = time.getattr("daylight")?.extract()?;
    let summer: i64 = time.getattr("altzone")?.extract()?;
    Ok(offset == 0 && (daylight == 0 || summer == 0))
}

/// Spark's TIMESTAMP from a Python `datetime` when the local zone is not UTC: a naive
/// value is a local wall-clock time (PySpark's `TimestampType.toInternal`, whole seconds
/// from `time.mktime`), an aware one its own instant.
fn local_timestamp_micros(value: &Bound<'_, PyAny>) -> PyResult<i64> {
    if !value.call_method0("utcoffset")?.is_none() {
        return timestamp_micros(value);
    }
    let py = value.py();
    let seconds: f64 = py.import("time")?.getattr("mktime")?.call1((value.call_method0("timetuple")?,))?.extract()?;
    let micro: i64 = value.getattr("microsecond")?.extract()?;
    Ok(seconds as i64 * 1_000_000 + micro)
}

/// The naive local `datetime` of a TIMESTAMP's microseconds, as PySpark's
/// `TimestampType.fromInternal` makes it when the local zone is not UTC.
fn local_datetime<'py>(from_timestamp: &Bound<'py, PyAny>, micros: i64) -> PyResult<Bound<'py, PyAny>> {
    let moment = from_timestamp.call1((micros.div_euclid(1_000_000),))?;
    moment.call_method("replace", (), Some(&[("microsecond", micros.rem_euclid(1_000_000))].into_py_dict(from_timestamp.py())?))
}

fn decimal_value(value: &Bound<'_, PyAny>, scale: i8) -> PyResult<i128> {
    let text = value.str()?.to_string();
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest.to_string()),
        None => (false, text.clone()),
    };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits.as_str(), ""));
    let mut fraction = fraction.to_string();
    let scale = scale.max(0) as usize;
    fraction.truncate(scale);
    while fraction.len() < scale {
        fraction.push('0');
    }
    let number: i128 = format!("{whole}{fraction}").parse().map_err(|_| PyValueError::new_err(format!("bad decimal {text}")))?;
    Ok(if negative { -number } else { number })
}

/// Converts one column of Python values to an Arrow array of `data_type`.
pub fn array_from_python(values: &[Bound<'_, PyAny>], data_type: &DataType) -> PyResult<ArrayRef> {
    Ok(match data_type {
        DataType::Null => Arc::new(NullArray::new(values.len())),
        DataType::Boolean => Arc::new(BooleanArray::from(optional(values, data_type, |v| v.extract::<bool>())?)),
        DataType::Int8 => Arc::new(Int8Array::from(optional(values, data_type, |v| v.extract::<i8>())?)),
        DataType::Int16 => Arc::new(Int16Array::from(optional(values, data_type, |v| v.extract::<i16>())?)),
        DataType::Int32 => Arc::new(Int32Array::from(optional(values, data_type, |v| v.extract::<i32>())?)),
        DataType::Int64 => Arc::new(Int64Array::from(optional(values, data_type, |v| v.extract::<i64>())?)),
        // Every NaN is read as the positive one, Spark's one NaN (`float_semantics`).
        DataType::Float32 => Arc::new(Float32Array::from(optional(values, data_type, |v| v.extract::<f32>().map(|v| if v.is_nan() { f32::NAN } else { v }))?)),
        DataType::Float64 => Arc::new(Float64Array::from(optional(values, data_type, |v| v.extract::<f64>().map(|v| if v.is_nan() { f64::NAN } else { v }))?)),
        DataType::Utf8 => Arc::new(StringArray::from(optional(values, data_type, |v| v.extract::<String>())?)),
        DataType::Binary => {
            let bytes = optional(values, data_type, |v| v.extract::<Vec<u8>>())?;
            Arc::new(BinaryArray::from_iter(bytes))
        }
        DataType::Date32 => Arc::new(Date32Array::from(optional(values, data_type, date_days)?)),
        DataType::Timestamp(TimeUnit::Microsecond, zone) => {
            let local = zone.is_some() && values.first().is_some_and(|v| !local_zone_is_utc(v.py()).unwrap_or(true));
            let micros = optional(values, data_type, if local { local_timestamp_micros } else { timestamp_micros })?;
            Arc::new(TimestampMicrosecondArray::from(micros).with_timezone_opt(zone.clone()))
        }
        DataType::Decimal128(precision, scale) => {
            let numbers = optional(values, data_type, |v| decimal_value(v, *scale))?;
            Arc::new(
                Decimal128Array::from(numbers)
                    .with_precision_and_scale(*precision, *scale)
                    .map_err(|e| PyValueError::new_err(e.to_string()))?,
            )
        }
        DataType::List(field) => {
            let mut children = Vec::new();
            let mut lengths = Vec::with_capacity(values.len());
            let mut valid = Vec::with_capacity(values.len());
            for value in values {
                if value.is_none() {
                    lengths.push(0);
                    valid.push(false);
                    continue;
                }
                let items: Vec<Bound<'_, PyAny>> = value.try_iter().map_err(|_| type_error(value, data_type))?.collect::<PyResult<_>>()?;
                lengths.push(items.len());
                valid.push(true);
                children.extend(items);
            }
            let child = array_from_python(&children, field.data_type())?;
            Arc::new(
                ListArray::try_new(field.clone(), OffsetBuffer::from_lengths(lengths), child, Some(NullBuffer::from(valid)))
                    .map_err(|e| PyValueError::new_err(e.to_string()))?,
            )
        }
        DataType::Map(entries, sorted) => {
            let DataType::Struct(entry_fields) = entries.data_type() else {
                return Err(PyValueError::new_err("bad map type"));
            };
            let mut keys = Vec::new();
            let mut items = Vec::new();
            let mut lengths = Vec::with_capacity(values.len());
            let mut valid = Vec::with_capacity(values.len());
            for value in values {
                if value.is_none() {
                    lengths.push(0);
                    valid.push(false);
                    continue;
                }
                let dict = value.cast::<PyDict>().map_err(|_| type_error(value, data_type))?;
                lengths.push(dict.len());
                valid.push(true);
                for (k, v) in dict.iter() {
                    keys.push(k);
                    items.push(v);
                }
            }
            let key_array = array_from_python(&keys, entry_fields[0].data_type())?;
            let value_array = array_from_python(&items, entry_fields[1].data_type())?;
            let entry_array = StructArray::try_new(entry_fields.clone(), vec![key_array, value_array], None)
                .map_err(|e| PyValueError::new_err(e.to_string()))?;
            Arc::new(
                MapArray::try_new(entries.clone(), OffsetBuffer::from_lengths(lengths), entry_array, Some(NullBuffer::from(valid)), *sorted)
                    .map_err(|e| PyValueError::new_err(e.to_string()))?,
            )
        }
        DataType::Struct(fields) => {
            let mut columns: Vec<Vec<Bound<'_, PyAny>>> = vec![Vec::with_capacity(values.len()); fields.len()];
            let mut valid = Vec::with_capacity(values.len());
            let py = values.first().map(|v| v.py());
            for value in values {
                if value.is_none() {
                    valid.push(false);
                    if let Some(py) = py {
                        for column in columns.iter_mut() {
                            column.push(py.None().into_bound(py));
                        }
                    }
                    continue;
                }
                valid.push(true);
                if let Ok(dict) = value.cast::<PyDict>() {
                    for (column, field) in columns.iter_mut().zip(fields) {
                        let item = dict.get_item(field.name())?;
                        column.push(match item {
                            Some(item) => item,
                            None => value.py().None().into_bound(value.py()),
                        });
                    }
                } else {
                    let items: Vec<Bound<'_, PyAny>> = value.try_iter().map_err(|_| type_error(value, data_type))?.collect::<PyResult<_>>()?;
                    if items.len() != fields.len() {
                        return Err(type_error(value, data_type));
                    }
                    for (column, item) in columns.iter_mut().zip(items) {
                        column.push(item);
                    }
                }
            }
            let arrays = columns.iter().zip(fields).map(|(c, f)| array_from_python(c, f.data_type())).collect::<PyResult<Vec<_>>>()?;
            Arc::new(
                StructArray::try_new(fields.clone(), arrays, Some(NullBuffer::from(valid)))
                    .map_err(|e| PyValueError::new_err(e.to_string()))?,
            )
        }
        other => {
            if values.iter().all(|v| v.is_none()) {
                new_null_array(other, values.len())
            } else {
                return Err(PyTypeError::new_err(format!("unsupported type {other}")));
            }
        }
    })
}

/// The Python values of a whole column, as [`value_to_python`] gives them a value at a
/// time: the common types are read through their typed Arrow array, and the Python
/// callables dates and timestamps need are looked up once per column instead of once per
/// value (`collect()` building its Rows from Arrow columns in bulk).
pub fn column_to_python<'py>(py: Python<'py>, array: &ArrayRef, create_row: &Bound<'py, PyAny>) -> PyResult<Vec<Bound<'py, PyAny>>> {
    let none = py.None().into_bound(py);
    let each = |value: &dyn Fn(usize) -> PyResult<Bound<'py, PyAny>>| -> PyResult<Vec<Bound<'py, PyAny>>> {
        (0..array.len()).map(|row| if array.is_null(row) { Ok(none.clone()) } else { value(row) }).collect()
    };
    use pyo3::IntoPyObjectExt;
    // Each value of a typed array converted as pyo3 converts its Rust value.
    macro_rules! values_of {
        ($values:expr) => {{
            let values = $values;
            each(&|row| values.value(row).into_bound_py_any(py))
        }};
    }
    match array.data_type() {
        DataType::Boolean => values_of!(array.as_boolean()),
        DataType::Int32 => values_of!(array.as_primitive::<Int32Type>()),
        DataType::Int64 => values_of!(array.as_primitive::<Int64Type>()),
        DataType::Float64 => values_of!(array.as_primitive::<Float64Type>()),
        DataType::Utf8 => values_of!(array.as_string::<i32>()),
        DataType::Date32 => {
            let from_ordinal = py.import("datetime")?.getattr("date")?.getattr("fromordinal")?;
            let values = array.as_primitive::<Date32Type>();
            each(&|row| from_ordinal.call1((i64::from(values.value(row)) + EPOCH_ORDINAL,)))
        }
        DataType::Timestamp(TimeUnit::Microsecond, zone) => {
            let datetime = py.import("datetime")?;
            let values = array.as_primitive::<datafusion::arrow::datatypes::TimestampMicrosecondType>();
            if zone.is_some() && !local_zone_is_utc(py)? {
                let from_timestamp = datetime.getattr("datetime")?.getattr("fromtimestamp")?;
                return each(&|row| local_datetime(&from_timestamp, values.value(row)));
            }
            let epoch = datetime.getattr("datetime")?.call1((1970, 1, 1))?;
            let timedelta = datetime.getattr("timedelta")?;
            // timedelta(days, seconds, microseconds): the same normalised delta as
            // timedelta(microseconds=raw).
            each(&|row| epoch.call_method1("__add__", (timedelta.call1((0, 0, values.value(row)))?,)))
        }
        _ => (0..array.len()).map(|row| value_to_python(py, array, row, create_row)).collect(),
    }
}

/// Converts one Arrow value to the Python object PySpark returns for it.
pub fn value_to_python<'py>(py: Python<'py>, array: &ArrayRef, row: usize, create_row: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    if array.is_null(row) {
        return Ok(py.None().into_bound(py));
    }
    let value: Bound<'py, PyAny> = match array.data_type() {
        DataType::Null => py.None().into_bound(py),
        DataType::Boolean => array.as_boolean().value(row).into_pyobject(py)?.to_owned().into_any(),
        DataType::Int8 => array.as_primitive::<Int8Type>().value(row).into_pyobject(py)?.into_any(),
        DataType::Int16 => array.as_primitive::<Int16Type>().value(row).into_pyobject(py)?.into_any(),
        DataType::Int32 => array.as_primitive::<Int32Type>().value(row).into_pyobject(py)?.into_any(),
        DataType::Int64 => array.as_primitive::<Int64Type>().value(row).into_pyobject(py)?.into_any(),
        DataType::Float32 => (array.as_primitive::<Float32Type>().value(row) as f64).into_pyobject(py)?.into_any(),
        DataType::Float64 => array.as_primitive::<Float64Type>().value(row).into_pyobject(py)?.into_any(),
        DataType::Utf8 => array.as_string::<i32>().value(row).into_pyobject(py)?.into_any(),
        DataType::LargeUtf8 => array.as_string::<i64>().value(row).into_pyobject(py)?.into_any(),
        DataType::Utf8View => array.as_string_view().value(row).into_pyobject(py)?.into_any(),
        DataType::Binary => {
            let bytes = array.as_binary::<i32>().value(row);
            // PySpark 4.3 collects BinaryType as bytes (spark.sql.execution.pyspark.binaryAsBytes).
            pyo3::types::PyBytes::new(py, bytes).into_any()
        }
        DataType::Date32 => {
            let days = array.as_primitive::<Date32Type>().value(row) as i64;
            py.import("datetime")?.getattr("date")?.call_method1("fromordinal", (days + EPOCH_ORDINAL,))?
        }
        DataType::Timestamp(unit, zone) => {
            let raw = match unit {
                TimeUnit::Second => array.as_primitive::<datafusion::arrow::datatypes::TimestampSecondType>().value(row) * 1_000_000,
                TimeUnit::Millisecond => array.as_primitive::<datafusion::arrow::datatypes::TimestampMillisecondType>().value(row) * 1_000,
                TimeUnit::Microsecond => array.as_primitive::<datafusion::arrow::datatypes::TimestampMicrosecondType>().value(row),
                TimeUnit::Nanosecond => array.as_primitive::<datafusion::arrow::datatypes::TimestampNanosecondType>().value(row) / 1_000,
            };
            let datetime = py.import("datetime")?;
            if zone.is_some() && !local_zone_is_utc(py)? {
                local_datetime(&datetime.getattr("datetime")?.getattr("fromtimestamp")?, raw)?
            } else {
                let epoch = datetime.getattr("datetime")?.call1((1970, 1, 1))?;
                let delta = datetime.getattr("timedelta")?.call((), Some(&[("microseconds", raw)].into_py_dict(py)?))?;
                epoch.call_method1("__add__", (delta,))?
            }
        }
        // PySpark has no Python value for Spark's year-month and calendar intervals: it
        // raises NOT_IMPLEMENTED from the type's fromInternal.
        DataType::Interval(unit) => {
            let kind = if matches!(unit, datafusion::arrow::datatypes::IntervalUnit::YearMonth) { "YearMonthIntervalType" } else { "CalendarIntervalType" };
            let feature = format!("{kind}.fromInternal");
            let error = crate::engine::local::EngineError::spark(
                crate::engine::local::error::ErrorClass::NotImplemented,
                "NOT_IMPLEMENTED",
                format!("{feature} is not implemented."),
                &[("feature", feature.clone())],
            );
            return Err(super::to_python_error(py, error));
        }
        // Spark's TIME collects as datetime.time.
        DataType::Time64(TimeUnit::Microsecond) => {
            let micros = array.as_primitive::<datafusion::arrow::datatypes::Time64MicrosecondType>().value(row);
            let (seconds, fraction) = (micros.div_euclid(1_000_000), micros.rem_euclid(1_000_000));
            py.import("datetime")?.getattr("time")?.call1((seconds / 3600, seconds / 60 % 60, seconds % 60, fraction))?
        }
        DataType::Duration(TimeUnit::Microsecond) => {
            // Spark's DayTimeIntervalType collects as datetime.timedelta.
            let micros = array.as_primitive::<datafusion::arrow::datatypes::DurationMicrosecondType>().value(row);
            py.import("datetime")?.getattr("timedelta")?.call((), Some(&[("microseconds", micros)].into_py_dict(py)?))?
        }
        DataType::Decimal128(_, scale) => {
            let raw = array.as_primitive::<Decimal128Type>().value(row);
            let text = crate::spark::value_text::cell_string(array, row);
            let _ = (raw, scale);
            py.import("decimal")?.getattr("Decimal")?.call1((text,))?
        }
        DataType::List(_) | DataType::LargeList(_) => {
            let values = match array.data_type() {
                DataType::List(_) => array.as_list::<i32>().value(row),
                _ => array.as_list::<i64>().value(row),
            };
            let items = (0..values.len()).map(|i| value_to_python(py, &values, i, create_row)).collect::<PyResult<Vec<_>>>()?;
            PyList::new(py, items)?.into_any()
        }
        DataType::Map(_, _) => {
            let entries = array.as_map().value(row);
            let keys = entries.column(0).clone();
            let items = entries.column(1).clone();
            let dict = PyDict::new(py);
            for i in 0..entries.len() {
                dict.set_item(value_to_python(py, &keys, i, create_row)?, value_to_python(py, &items, i, create_row)?)?;
            }
            dict.into_any()
        }
        // A VARIANT is collected as PySpark's VariantVal of its bytes.
        data_type if crate::spark::type_text::is_variant(data_type) => {
            let structure = array.as_struct();
            let value = pyo3::types::PyByteArray::new(py, structure.column(0).as_binary::<i32>().value(row));
            let metadata = pyo3::types::PyByteArray::new(py, structure.column(1).as_binary::<i32>().value(row));
            py.import("pyspark.sql.types")?.getattr("VariantVal")?.call1((value, metadata))?
        }
        DataType::Struct(fields) => {
            let structure = array.as_struct();
            let names = PyList::new(py, fields.iter().map(|f| f.name().clone()))?;
            let values = structure
                .columns()
                .iter()
                .map(|c| value_to_python(py, c, row, create_row))
                .collect::<PyResult<Vec<_>>>()?;
            create_row.call1((names, PyList::new(py, values)?))?
        }
        DataType::Dictionary(_, _) => {
            let cast = datafusion::arrow::compute::cast(array, &crate::engine::local::types::normalize_type(array.data_type()))
                .map_err(|e| PyValueError::new_err(e.to_string()))?;
            value_to_python(py, &cast, row, create_row)?
        }
        _ => crate::spark::value_text::cell_string(array, row).into_pyobject(py)?.into_any(),
    };
    Ok(value)
}

use pyo3::types::IntoPyDict;
