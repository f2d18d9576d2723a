//! Values written as Variant bytes (the Parquet Variant encoding, which is Spark's
//! `VariantVal`), through parquet-variant's builder: JSON text by Spark's `parse_json`
//! rules (Spark's `VariantBuilder.buildJson`), and Spark values by `to_variant_object`'s.
use chrono::{DateTime, NaiveDate};
use datafusion::arrow::array::{Array, AsArray};
use datafusion::arrow::datatypes::DataType;
use datafusion::common::ScalarValue;
use parquet_variant::{ObjectFieldBuilder, Variant, VariantBuilder, VariantBuilderExt};

use crate::engine::local::json_value::{Parser, Value};

/// The value and metadata bytes of one variant.
pub type Encoded = (Vec<u8>, Vec<u8>);

/// A JSON text as a variant, or `None` where it is not one JSON document or an object
/// repeats a key (Spark's `parse_json` then raises `MALFORMED_RECORD_IN_PARSING`).
pub fn parse_json(text: &str) -> Option<Encoded> {
    let value = Parser::new(text).document()?;
    if has_repeated_key(&value) {
        return None;
    }
    let mut builder = VariantBuilder::new();
    append_json(&value, &mut builder);
    finish(builder)
}

/// The built bytes, with the metadata's header as Spark writes it: Spark's builder never
/// marks its key dictionary sorted (the flag only allows a faster look-up).
pub fn finish(builder: VariantBuilder) -> Option<Encoded> {
    let (mut metadata, value) = builder.try_finish().ok()?;
    if let Some(header) = metadata.first_mut() {
        *header &= !0x10;
    }
    Some((value, metadata))
}

fn has_repeated_key(value: &Value) -> bool {
    match value {
        Value::Array(items) => items.iter().any(has_repeated_key),
        Value::Object(fields) => {
            let mut seen = std::collections::HashSet::new();
            fields.iter().any(|(name, value)| !seen.insert(name.as_str()) || has_repeated_key(value))
        }
        _ => false,
    }
}

fn append_json(value: &Value, builder: &mut impl VariantBuilderExt) {
    match value {
        Value::Null => builder.append_null(),
        Value::Bool(flag) => builder.append_value(*flag),
        Value::Number(text) => append_number(text, builder),
        Value::Text(text) => builder.append_value(text.as_str()),
        Value::Array(items) => {
            let mut list = builder.new_list();
            for item in items {
                append_json(item, &mut list);
            }
            list.finish();
        }
        Value::Object(fields) => {
            let mut object = builder.new_object();
            for (name, value) in fields {
                let mut field = ObjectFieldBuilder::new(name, &mut object);
                append_json(value, &mut field);
            }
            object.finish();
        }
    }
}

/// Spark's number rule: an integer is the narrowest integer that holds it, else a decimal;
/// a fraction without an exponent is a decimal of its digits (`1.50` keeps its scale 2);
/// anything else, or more than 38 digits, is a double.
fn append_number(text: &str, builder: &mut impl VariantBuilderExt) {
    let exponent = text.contains(['e', 'E']);
    if !exponent && !text.contains('.') {
        if let Ok(value) = text.parse::<i64>() {
            return append_integer(value, builder);
        }
    }
    if !exponent {
        if let Some(decimal) = decimal(text) {
            return builder.append_value(decimal);
        }
    }
    builder.append_value(text.parse::<f64>().unwrap_or(f64::NAN));
}

fn append_integer(value: i64, builder: &mut impl VariantBuilderExt) {
    if let Ok(small) = i8::try_from(value) {
        builder.append_value(small)
    } else if let Ok(small) = i16::try_from(value) {
        builder.append_value(small)
    } else if let Ok(small) = i32::try_from(value) {
        builder.append_value(small)
    } else {
        builder.append_value(value)
    }
}

/// A decimal text (`-12.50`) as the narrowest variant decimal that holds its digits.
fn decimal(text: &str) -> Option<Variant<'static, 'static>> {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let digits = format!("{whole}{fraction}");
    let unscaled: i128 = digits.parse().ok()?;
    let scale = u8::try_from(fraction.len()).ok()?;
    let precision = unscaled.unsigned_abs().to_string().len().max(usize::from(scale));
    if precision > 38 {
        return None;
    }
    decimal_variant(unscaled, scale, precision)
}

/// The narrowest variant decimal of this precision (Spark's `appendDecimal`).
fn decimal_variant(unscaled: i128, scale: u8, precision: usize) -> Option<Variant<'static, 'static>> {
    if precision <= 9 {
        Variant::try_from((i32::try_from(unscaled).ok()?, scale)).ok()
    } else if precision <= 18 {
        Variant::try_from((i64::try_from(unscaled).ok()?, scale)).ok()
    } else {
        Variant::try_from((unscaled, scale)).ok()
    }
}

/// One Spark value (a row of `array`) as a variant, by `to_variant_object`'s rules: structs
/// and maps are objects, arrays lists, and atomic values keep their type.
pub fn of_value(array: &dyn Array, row: usize) -> Option<Encoded> {
    let mut builder = VariantBuilder::new();
    append_value(array, row, &mut builder)?;
    finish(builder)
}

fn append_value(array: &dyn Array, row: usize, builder: &mut impl VariantBuilderExt) -> Option<()> {
    if array.is_null(row) {
        builder.append_null();
        return Some(());
    }
    match array.data_type() {
        DataType::Struct(_) if super::is_variant(array.data_type()) => {
            let parts = array.as_struct();
            let (value, metadata) = (parts.column(0).as_binary::<i32>().value(row), parts.column(1).as_binary::<i32>().value(row));
            builder.append_value(Variant::try_new(metadata, value).ok()?);
        }
        DataType::Struct(fields) => {
            let parts = array.as_struct();
            let mut object = builder.new_object();
            for (index, field) in fields.iter().enumerate() {
                let mut entry = ObjectFieldBuilder::new(field.name(), &mut object);
                append_value(parts.column(index).as_ref(), row, &mut entry)?;
            }
            object.finish();
        }
        DataType::Map(..) => {
            let map = array.as_map();
            let entries = map.value(row);
            let keys = datafusion::arrow::compute::cast(entries.column(0), &DataType::Utf8).ok()?;
            let keys = keys.as_string::<i32>();
            let mut object = builder.new_object();
            for index in 0..entries.len() {
                let mut entry = ObjectFieldBuilder::new(keys.value(index), &mut object);
                append_value(entries.column(1).as_ref(), index, &mut entry)?;
            }
            object.finish();
        }
        DataType::List(_) | DataType::LargeList(_) => {
            let items = match array.data_type() {
                DataType::List(_) => array.as_list::<i32>().value(row),
                _ => array.as_list::<i64>().value(row),
            };
            let mut list = builder.new_list();
            for index in 0..items.len() {
                append_value(items.as_ref(), index, &mut list)?;
            }
            list.finish();
        }
        _ => append_atomic(ScalarValue::try_from_array(array, row).ok()?, builder)?,
    }
    Some(())
}

fn append_atomic(value: ScalarValue, builder: &mut impl VariantBuilderExt) -> Option<()> {
    match value {
        ScalarValue::Boolean(Some(v)) => builder.append_value(v),
        // Integers of every width are written in the narrowest that holds them.
        ScalarValue::Int8(Some(v)) => append_integer(v.into(), builder),
        ScalarValue::Int16(Some(v)) => append_integer(v.into(), builder),
        ScalarValue::Int32(Some(v)) => append_integer(v.into(), builder),
        ScalarValue::Int64(Some(v)) => append_integer(v, builder),
        ScalarValue::Float32(Some(v)) => builder.append_value(v),
        ScalarValue::Float64(Some(v)) => builder.append_value(v),
        ScalarValue::Decimal128(Some(v), precision, scale) => builder.append_value(decimal_variant(v, u8::try_from(scale).ok()?, usize::from(precision))?),
        ScalarValue::Utf8(Some(v)) | ScalarValue::LargeUtf8(Some(v)) | ScalarValue::Utf8View(Some(v)) => builder.append_value(v.as_str()),
        ScalarValue::Binary(Some(v)) | ScalarValue::LargeBinary(Some(v)) | ScalarValue::BinaryView(Some(v)) => builder.append_value(v.as_slice()),
        ScalarValue::Date32(Some(days)) => builder.append_value(NaiveDate::from_num_days_from_ce_opt(days + 719_163)?),
        ScalarValue::TimestampMicrosecond(Some(micros), zone) => {
            let instant = DateTime::from_timestamp_micros(micros)?;
            if zone.is_some() {
                builder.append_value(instant)
            } else {
                builder.append_value(instant.naive_utc())
            }
        }
        ScalarValue::TimestampNanosecond(Some(nanos), zone) => {
            let instant = DateTime::from_timestamp_micros(nanos.div_euclid(1000))?;
            if zone.is_some() {
                builder.append_value(instant)
            } else {
                builder.append_value(instant.naive_utc())
            }
        }
        other if other.is_null() => builder.append_null(),
        _ => return None,
    }
    Some(())
}
