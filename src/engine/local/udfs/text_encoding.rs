//! Spark's functions between bytes and text encodings: `to_base32` and `from_base32`
//! (RFC 4648 base32, as Spark's `Base32` expressions write and read it), `unbase64`
//! (Spark's `UnBase64`, which reads with Java's MIME base64 decoder), and
//! `validate_utf8` / `try_validate_utf8` (Spark's `ValidateUTF8`, `TryValidateUTF8`), and
//! the length of bytes (Spark's `Length` of a BINARY value counts its bytes).
use std::sync::Arc;

use datafusion::arrow::array::{Array, ArrayRef, AsArray, BinaryArray, StringArray};
use datafusion::arrow::datatypes::DataType;
use datafusion::error::{DataFusionError, Result};
use datafusion::logical_expr::{ColumnarValue, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature, Volatility};
use datafusion::prelude::SessionContext;

use crate::engine::local::error::{EngineError, ErrorClass};

/// Registers the functions of this module under their Spark names.
pub fn register(context: &SessionContext) {
    for name in ["to_base32", "from_base32", "unbase64", "validate_utf8", "try_validate_utf8"] {
        context.register_udf(ScalarUDF::from(TextEncoding { name, signature: Signature::any(1, Volatility::Immutable) }));
    }
}

/// The engine's name of the byte count of a binary value (built by `byte_length`).
const BYTE_LENGTH: &str = "ember_byte_length";

/// The byte count of a binary value, named `name` (`length(b)`): Spark's `Length` of
/// BINARY, as SQL's `length` of bytes is planned (`sql::spark_rules`).
pub fn byte_length(value: datafusion::logical_expr::Expr, name: String) -> datafusion::logical_expr::Expr {
    let count = ScalarUDF::from(ByteLength { signature: Signature::any(1, Volatility::Immutable) }).call(vec![value]);
    super::spark_named::spark_named(count, name)
}

/// The number of bytes of each binary value, an INT.
#[derive(Debug, PartialEq, Eq, Hash)]
struct ByteLength {
    signature: Signature,
}

impl ScalarUDFImpl for ByteLength {
    fn name(&self) -> &str {
        BYTE_LENGTH
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _: &[DataType]) -> Result<DataType> {
        Ok(DataType::Int32)
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let bytes = bytes_of(&args.args[0].to_array(args.number_rows)?)?;
        let lengths: datafusion::arrow::array::Int32Array = bytes.iter().map(|b| b.map(|b| b.len() as i32)).collect();
        Ok(ColumnarValue::Array(Arc::new(lengths)))
    }
}

#[derive(Debug, PartialEq, Eq, Hash)]
struct TextEncoding {
    name: &'static str,
    signature: Signature,
}

/// The bytes of each row of a string or binary argument (text as its UTF-8 bytes).
pub(crate) fn bytes_of(array: &ArrayRef) -> Result<BinaryArray> {
    let binary = datafusion::arrow::compute::cast(array, &DataType::Binary)?;
    Ok(binary.as_binary::<i32>().clone())
}

/// The value of a base32 symbol (RFC 4648, either case), if it is one.
fn base32_value(symbol: u8) -> Option<u64> {
    match symbol.to_ascii_uppercase() {
        c @ b'A'..=b'Z' => Some((c - b'A') as u64),
        c @ b'2'..=b'7' => Some((c - b'2') as u64 + 26),
        _ => None,
    }
}

/// Base32 text read leniently, as Spark's `from_base32` reads it (Apache Commons Codec's
/// `Base32` decoder, lenient policy): symbols of either case, other characters skipped,
/// the first `=` ends the text. A trailing group of 1 to 7 symbols gives the whole bytes
/// its bits hold (1 symbol gives one byte of its top bits, as that decoder does).
fn decode_base32(text: &str) -> Vec<u8> {
    let symbols: Vec<u64> = text.bytes().take_while(|&b| b != b'=').filter_map(base32_value).collect();
    let mut out = Vec::with_capacity(symbols.len() * 5 / 8 + 1);
    for group in symbols.chunks(8) {
        let bits = group.iter().fold(0u64, |bits, &v| bits << 5 | v);
        // (bits to drop, bytes to write) for each group length.
        let (drop, bytes) = match group.len() {
            8 => (0, 5),
            7 => (3, 4),
            6 => (6, 3),
            5 => (1, 3),
            4 => (4, 2),
            3 => (7, 1),
            _ => (2, 1),
        };
        let kept = bits >> drop;
        out.extend((0..bytes).rev().map(|i| (kept >> (8 * i)) as u8));
    }
    out
}

/// The value of a base64 symbol (RFC 2045's alphabet), if it is one.
fn base64_value(symbol: u8) -> Option<u32> {
    match symbol {
        b'A'..=b'Z' => Some((symbol - b'A') as u32),
        b'a'..=b'z' => Some((symbol - b'a') as u32 + 26),
        b'0'..=b'9' => Some((symbol - b'0') as u32 + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    }
}

/// Base64 text as Spark's `unbase64` reads it: Java's MIME decoder, which skips
/// characters outside the alphabet, lets the final padding be left out, and rejects a
/// padding that cuts a group short. The error is that decoder's message.
fn decode_base64_mime(text: &[u8]) -> std::result::Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let (mut bits, mut filled, mut position) = (0u32, 0usize, 0usize);
    while position < text.len() {
        let symbol = text[position];
        position += 1;
        match base64_value(symbol) {
            Some(value) => {
                bits = bits << 6 | value;
                filled += 1;
                if filled == 4 {
                    out.extend([(bits >> 16) as u8, (bits >> 8) as u8, bits as u8]);
                    (bits, filled) = (0, 0);
                }
            }
            None if symbol == b'=' => {
                // After two symbols the padding must be `==`; at a group's start it is wrong.
                let second_pad = filled == 2 && {
                    let next = text.get(position).copied();
                    position += 1;
                    next == Some(b'=')
                };
                if filled == 0 || (filled == 2 && !second_pad) {
                    return Err("Input byte array has wrong 4-byte ending unit".to_string());
                }
                break;
            }
            None => {}
        }
    }
    match filled {
        1 => return Err("Last unit does not have enough valid bits".to_string()),
        2 => out.push((bits >> 4) as u8),
        3 => out.extend([(bits >> 10) as u8, (bits >> 2) as u8]),
        _ => {}
    }
    // After the padding only characters outside the alphabet may follow.
    while position < text.len() {
        position += 1;
        if base64_value(text[position - 1]).is_some() {
            return Err(format!("Input byte array has incorrect ending byte at {position}"));
        }
    }
    Ok(out)
}

/// Spark's `INVALID_UTF8_STRING`, its bytes written as `\xHH`.
fn invalid_utf8(bytes: &[u8]) -> DataFusionError {
    let shown: String = bytes.iter().map(|b| format!("\\x{b:02X}")).collect();
    DataFusionError::External(Box::new(EngineError::spark(
        ErrorClass::IllegalArgument,
        "INVALID_UTF8_STRING",
        format!("Invalid UTF8 byte sequence found in string: {shown}."),
        &[("str", shown.clone())],
    )))
}

impl ScalarUDFImpl for TextEncoding {
    fn name(&self) -> &str {
        self.name
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(if matches!(self.name, "from_base32" | "unbase64") { DataType::Binary } else { DataType::Utf8 })
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let arrays = ColumnarValue::values_to_arrays(&args.args)?;
        let input = arrays.first().ok_or_else(|| DataFusionError::Plan(format!("{} takes one argument", self.name)))?;
        let rows = 0..input.len();
        let result: ArrayRef = match self.name {
            "to_base32" => {
                let bytes = bytes_of(input)?;
                Arc::new(rows.map(|i| (!bytes.is_null(i)).then(|| data_encoding::BASE32.encode(bytes.value(i)))).collect::<StringArray>())
            }
            "from_base32" => {
                let text = datafusion::arrow::compute::cast(input, &DataType::Utf8)?;
                let text = text.as_string::<i32>();
                Arc::new(rows.map(|i| (!text.is_null(i)).then(|| decode_base32(text.value(i)))).collect::<BinaryArray>())
            }
            "unbase64" => {
                let bytes = bytes_of(input)?;
                let mut values = Vec::with_capacity(bytes.len());
                for i in rows {
                    values.push(match bytes.is_null(i) {
                        true => None,
                        false => Some(decode_base64_mime(bytes.value(i)).map_err(|message| {
                            DataFusionError::External(Box::new(EngineError::spark(ErrorClass::IllegalArgument, "", message, &[])))
                        })?),
                    });
                }
                Arc::new(values.into_iter().collect::<BinaryArray>())
            }
            _ => {
                let lenient = self.name.starts_with("try_");
                let bytes = bytes_of(input)?;
                let mut values = Vec::with_capacity(bytes.len());
                for i in rows {
                    if bytes.is_null(i) {
                        values.push(None);
                        continue;
                    }
                    match std::str::from_utf8(bytes.value(i)) {
                        Ok(text) => values.push(Some(text.to_string())),
                        Err(_) if lenient => values.push(None),
                        Err(_) => return Err(invalid_utf8(bytes.value(i))),
                    }
                }
                Arc::new(values.into_iter().collect::<StringArray>())
            }
        };
        Ok(ColumnarValue::Array(result))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base32_is_read_leniently() {
        assert_eq!(decode_base32("MZXW6YTBOI======"), b"foobar".to_vec());
        assert_eq!(decode_base32("mzxw6ytboi"), b"foobar".to_vec());
        assert_eq!(decode_base32(""), Vec::<u8>::new());
        // Expected bytes recorded from PySpark 4.3.0's from_base32.
        let partial = ["M", "MZ", "MZX", "MZXW", "MZXW6", "MZXW6Y", "MZXW6YT", "MZXW6YTB"].map(decode_base32);
        assert_eq!(partial, [&b"\x03"[..], b"f", b"f", b"fo", b"foo", b"foo", b"foob", b"fooba"].map(<[u8]>::to_vec));
        assert_eq!(decode_base32("MZ=XW6"), b"f".to_vec());
        assert_eq!(decode_base32("0.5"), vec![7]);
    }

    #[test]
    fn base64_is_read_as_mime() {
        assert_eq!(decode_base64_mime(b"Zm9vYg==!!"), Ok(b"foob".to_vec()));
        assert_eq!(decode_base64_mime(b"Zm9vYg"), Ok(b"foob".to_vec()));
        assert_eq!(decode_base64_mime(b"Z m 9 v!!"), Ok(b"foo".to_vec()));
        assert_eq!(decode_base64_mime(b""), Ok(Vec::new()));
        assert_eq!(decode_base64_mime(b"Z").unwrap_err(), "Last unit does not have enough valid bits");
        assert_eq!(decode_base64_mime(b"Zm9v=").unwrap_err(), "Input byte array has wrong 4-byte ending unit");
        assert_eq!(decode_base64_mime(b"Zm9vYg=!=").unwrap_err(), "Input byte array has wrong 4-byte ending unit");
        assert_eq!(decode_base64_mime(b"Zm9=x").unwrap_err(), "Input byte array has incorrect ending byte at 5");
        assert_eq!(decode_base64_mime(b"Zm9vYg==Zm").unwrap_err(), "Input byte array has incorrect ending byte at 9");
    }
}
