//! Spark's `hash(col, ...)` (`Murmur3Hash`, seed 42): each row's values folded through
//! Murmur3 x86 32-bit in order, NULLs skipped, integers and dates hashed as ints, longs
//! and timestamps as longs, floats and doubles by their bits (`-0.0` as `0.0`), strings and binary
//! by their bytes with Spark's own tail rule (`Murmur3_x86_32.hashUnsafeBytes`: each
//! trailing byte is mixed as a signed int).
use std::sync::Arc;

use datafusion::arrow::array::{Array, ArrayRef, AsArray, Int32Array};
use datafusion::arrow::datatypes::{
    DataType, Date32Type, Decimal128Type, Float32Type, Float64Type, Int16Type, Int32Type, Int64Type, Int8Type, TimestampMicrosecondType,
};
use datafusion::error::{DataFusionError, Result};
use datafusion::logical_expr::{ColumnarValue, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature, Volatility};
use datafusion::prelude::SessionContext;

/// Spark's seed of `hash`.
const SEED: i32 = 42;

/// Registers `hash`.
pub fn register(context: &SessionContext) {
    context.register_udf(ScalarUDF::from(Murmur3Hash { signature: Signature::variadic_any(Volatility::Immutable) }));
    context.register_udf(ScalarUDF::from(UnsafeRowHash { signature: Signature::variadic_any(Volatility::Immutable) }));
}

fn mix_k1(k1: i32) -> i32 {
    (k1.wrapping_mul(0xcc9e2d51_u32 as i32)).rotate_left(15).wrapping_mul(0x1b873593)
}

fn mix_h1(h1: i32, k1: i32) -> i32 {
    (h1 ^ k1).rotate_left(13).wrapping_mul(5).wrapping_add(0xe6546b64_u32 as i32)
}

fn finish(h1: i32, length: i32) -> i32 {
    let mut h = (h1 ^ length) as u32;
    h ^= h >> 16;
    h = h.wrapping_mul(0x85ebca6b);
    h ^= h >> 13;
    h = h.wrapping_mul(0xc2b2ae35);
    h ^= h >> 16;
    h as i32
}

/// Spark's `Murmur3_x86_32.hashInt`.
pub fn hash_int(value: i32, seed: i32) -> i32 {
    finish(mix_h1(seed, mix_k1(value)), 4)
}

/// Spark's `Murmur3_x86_32.hashLong`.
pub fn hash_long(value: i64, seed: i32) -> i32 {
    let low = value as i32;
    let high = (value >> 32) as i32;
    finish(mix_h1(mix_h1(seed, mix_k1(low)), mix_k1(high)), 8)
}

/// Spark's `Murmur3_x86_32.hashUnsafeBytes`: 4-byte little-endian words, then each
/// remaining byte as a signed int.
pub fn hash_bytes(bytes: &[u8], seed: i32) -> i32 {
    let aligned = bytes.len() - bytes.len() % 4;
    let mut h1 = seed;
    for word in bytes[..aligned].chunks_exact(4) {
        h1 = mix_h1(h1, mix_k1(i32::from_le_bytes([word[0], word[1], word[2], word[3]])));
    }
    for byte in &bytes[aligned..] {
        h1 = mix_h1(h1, mix_k1(i32::from(*byte as i8)));
    }
    finish(h1, bytes.len() as i32)
}

/// The bits a double is hashed by; `-0.0` hashes as `0.0` (PySpark 4.3.0 gives
/// `hash(-0.0D) = hash(0.0D)`).
fn double_bits(value: f64) -> i64 {
    if value == 0.0 { 0 } else { value.to_bits() as i64 }
}

/// The bits a float is hashed by; `-0.0` hashes as `0.0`.
fn float_bits(value: f32) -> i32 {
    if value == 0.0 { 0 } else { value.to_bits() as i32 }
}

#[derive(Debug, PartialEq, Eq, Hash)]
struct Murmur3Hash {
    signature: Signature,
}

/// Folds one column into the running hashes of its rows.
fn fold(array: &ArrayRef, hashes: &mut [i32]) -> Result<()> {
    macro_rules! each {
        ($values:expr, $hash:expr) => {{
            let values = $values;
            for (row, hash) in hashes.iter_mut().enumerate() {
                if values.is_valid(row) {
                    *hash = $hash(values.value(row), *hash);
                }
            }
        }};
    }
    match array.data_type() {
        DataType::Null => {}
        DataType::Boolean => each!(array.as_boolean(), |v: bool, h| hash_int(i32::from(v), h)),
        DataType::Int8 => each!(array.as_primitive::<Int8Type>(), |v: i8, h| hash_int(i32::from(v), h)),
        DataType::Int16 => each!(array.as_primitive::<Int16Type>(), |v: i16, h| hash_int(i32::from(v), h)),
        DataType::Int32 => each!(array.as_primitive::<Int32Type>(), hash_int),
        DataType::Date32 => each!(array.as_primitive::<Date32Type>(), hash_int),
        DataType::Int64 => each!(array.as_primitive::<Int64Type>(), hash_long),
        DataType::Timestamp(datafusion::arrow::datatypes::TimeUnit::Microsecond, _) => each!(array.as_primitive::<TimestampMicrosecondType>(), hash_long),
        DataType::Float32 => each!(array.as_primitive::<Float32Type>(), |v: f32, h| hash_int(float_bits(v), h)),
        DataType::Float64 => each!(array.as_primitive::<Float64Type>(), |v: f64, h| hash_long(double_bits(v), h)),
        DataType::Decimal128(precision, _) if *precision <= 18 => each!(array.as_primitive::<Decimal128Type>(), |v: i128, h| hash_long(v as i64, h)),
        DataType::Utf8 => each!(array.as_string::<i32>(), |v: &str, h| hash_bytes(v.as_bytes(), h)),
        DataType::LargeUtf8 => each!(array.as_string::<i64>(), |v: &str, h| hash_bytes(v.as_bytes(), h)),
        DataType::Utf8View => each!(array.as_string_view(), |v: &str, h| hash_bytes(v.as_bytes(), h)),
        DataType::Binary => each!(array.as_binary::<i32>(), |v: &[u8], h| hash_bytes(v, h)),
        other => {
            return Err(DataFusionError::NotImplemented(format!(
                "hash of {} values",
                crate::spark::type_text::spark_simple_string(&super::super::types::normalize_type(other))
            )))
        }
    }
    Ok(())
}

impl ScalarUDFImpl for Murmur3Hash {
    fn name(&self) -> &str {
        "hash"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Int32)
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let mut hashes = vec![SEED; args.number_rows];
        for argument in &args.args {
            fold(&argument.to_array(args.number_rows)?, &mut hashes)?;
        }
        Ok(ColumnarValue::Array(Arc::new(Int32Array::from(hashes))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spark_hash_values() {
        // SELECT hash(1), hash(1L), hash('Spark'), hash('') on PySpark 4.3.0.
        assert_eq!(hash_int(1, SEED), -559580957);
        assert_eq!(hash_long(1, SEED), -1712319331);
        assert_eq!(hash_bytes(b"Spark", SEED), 228093765);
        assert_eq!(hash_bytes(b"", SEED), 142593372);
        assert_eq!(hash_bytes(b"abcde", SEED), 814637928);
        assert_eq!(hash_long(double_bits(1.5), SEED), 1290763749);
        assert_eq!(hash_long(double_bits(-0.0), SEED), -1670924195);
        assert_eq!(hash_int(float_bits(1.5), SEED), -221251528);
        assert_eq!(hash_int(19753, SEED), 1648657082); // DATE '2024-01-31'
        assert_eq!(hash_long(125, SEED), 1910520950); // CAST(1.25 AS DECIMAL(5,2))
        // hash(1, 'a', 2L): each value seeds the next.
        assert_eq!(hash_long(2, hash_bytes(b"a", hash_int(1, SEED))), -947240264);
    }
}

/// `ember_unsafe_row_hash(cols...)`: the hash code of the row as Spark's `UnsafeRow`
/// (`UnsafeRow.hashCode`: Murmur3 over its words, seed 42), which Spark's round-robin
/// repartition sorts each input partition by first (`spark.sql.execution.sortBeforeRepartition`).
/// The row's bytes: a NULL bitset in 8-byte words, an 8-byte slot per field (fixed-width
/// values little-endian in the slot; strings and binaries as offset and size), then the
/// variable-length bytes, each padded to a whole word. A column of another type (arrays,
/// structs, maps, wide decimals) makes the hash 0, so such rows keep their order.
#[derive(Debug, PartialEq, Eq, Hash)]
struct UnsafeRowHash {
    signature: Signature,
}

/// One field's bytes in an `UnsafeRow`: its slot value or variable-length data.
enum UnsafeField<'a> {
    Null,
    Fixed(u64),
    Variable(&'a [u8]),
}

/// The `UnsafeRow` form of one value, or None for a type the hash does not cover.
fn unsafe_field(array: &ArrayRef, row: usize) -> Option<UnsafeField<'_>> {
    if array.is_null(row) {
        return Some(UnsafeField::Null);
    }
    Some(match array.data_type() {
        DataType::Null => UnsafeField::Null,
        DataType::Boolean => UnsafeField::Fixed(u64::from(array.as_boolean().value(row))),
        DataType::Int8 => UnsafeField::Fixed(u64::from(array.as_primitive::<Int8Type>().value(row) as u8)),
        DataType::Int16 => UnsafeField::Fixed(u64::from(array.as_primitive::<Int16Type>().value(row) as u16)),
        DataType::Int32 => UnsafeField::Fixed(u64::from(array.as_primitive::<Int32Type>().value(row) as u32)),
        DataType::Date32 => UnsafeField::Fixed(u64::from(array.as_primitive::<Date32Type>().value(row) as u32)),
        DataType::Int64 => UnsafeField::Fixed(array.as_primitive::<Int64Type>().value(row) as u64),
        DataType::Timestamp(datafusion::arrow::datatypes::TimeUnit::Microsecond, _) => UnsafeField::Fixed(array.as_primitive::<TimestampMicrosecondType>().value(row) as u64),
        DataType::Float32 => {
            let value = array.as_primitive::<Float32Type>().value(row);
            UnsafeField::Fixed(u64::from(if value.is_nan() { f32::NAN.to_bits() } else { value.to_bits() }))
        }
        DataType::Float64 => {
            let value = array.as_primitive::<Float64Type>().value(row);
            UnsafeField::Fixed(if value.is_nan() { f64::NAN.to_bits() } else { value.to_bits() })
        }
        DataType::Decimal128(precision, _) if *precision <= 18 => UnsafeField::Fixed(array.as_primitive::<Decimal128Type>().value(row) as i64 as u64),
        DataType::Utf8 => UnsafeField::Variable(array.as_string::<i32>().value(row).as_bytes()),
        DataType::LargeUtf8 => UnsafeField::Variable(array.as_string::<i64>().value(row).as_bytes()),
        DataType::Utf8View => UnsafeField::Variable(array.as_string_view().value(row).as_bytes()),
        DataType::Binary => UnsafeField::Variable(array.as_binary::<i32>().value(row)),
        _ => return None,
    })
}

/// The bytes of one row as Spark's `UnsafeRowWriter` lays them out.
fn unsafe_row_bytes(fields: &[UnsafeField<'_>]) -> Vec<u8> {
    let bitset = fields.len().div_ceil(64) * 8;
    let fixed = bitset + fields.len() * 8;
    let mut bytes = vec![0u8; fixed];
    for (i, field) in fields.iter().enumerate() {
        let slot = bitset + i * 8;
        match field {
            UnsafeField::Null => bytes[(i / 64) * 8 + (i % 64) / 8] |= 1 << (i % 8),
            UnsafeField::Fixed(value) => bytes[slot..slot + 8].copy_from_slice(&value.to_le_bytes()),
            UnsafeField::Variable(data) => {
                let offset = bytes.len() as u64;
                bytes[slot..slot + 8].copy_from_slice(&((offset << 32) | data.len() as u64).to_le_bytes());
                bytes.extend_from_slice(data);
                bytes.resize(bytes.len().div_ceil(8) * 8, 0);
            }
        }
    }
    bytes
}

impl ScalarUDFImpl for UnsafeRowHash {
    fn name(&self) -> &str {
        "ember_unsafe_row_hash"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Int32)
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let rows = args.number_rows;
        let arrays = args.args.iter().map(|a| a.to_array(rows)).collect::<Result<Vec<ArrayRef>>>()?;
        let hashes: Int32Array = (0..rows)
            .map(|row| {
                let fields: Option<Vec<UnsafeField<'_>>> = arrays.iter().map(|array| unsafe_field(array, row)).collect();
                Some(fields.map(|fields| hash_bytes(&unsafe_row_bytes(&fields), SEED)).unwrap_or(0))
            })
            .collect();
        Ok(ColumnarValue::Array(Arc::new(hashes)))
    }
}
