//! Spark's functions between bytes and text encodings: `to_base32` and `from_base32`
//! (RFC 4648 base32, as Spark's `Base32` expressions write and read it), and
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
    for name in ["to_base32", "from_base32", "validate_utf8", "try_validate_utf8"] {
        context.register_udf(ScalarUDF::from(TextEncoding { name, signature: Signature::any(1, Volatility::Immutable) }));
    }
    context.register_udf(ScalarUDF::from(ByteLength { signature: Signature::any(1, Volatility::Immutable) }));
}

/// The engine's name of the byte count of a binary value.
pub const BYTE_LENGTH: &str = "ember_byte_length";

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

/// Base32 text read leniently, as Spark reads it: letters of either case, padding and
/// characters outside the alphabet skipped; a trailing part shorter than a byte is dropped.
fn decode_base32(text: &str) -> Vec<u8> {
    let symbols: String = text.chars().filter(|c| c.is_ascii_alphanumeric()).map(|c| c.to_ascii_uppercase()).filter(|c| c.is_ascii_uppercase() || ('2'..='7').contains(c)).collect();
    // Only some lengths end on a whole byte; a final symbol that cannot is dropped.
    let mut length = symbols.len();
    while !matches!(length % 8, 0 | 2 | 4 | 5 | 7) {
        length -= 1;
    }
    let lenient = {
        let mut spec = data_encoding::BASE32_NOPAD.specification();
        spec.check_trailing_bits = false;
        spec.encoding()
    };
    match lenient {
        Ok(encoding) => encoding.decode(symbols[..length].as_bytes()).unwrap_or_default(),
        Err(_) => Vec::new(),
    }
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
        Ok(if self.name == "from_base32" { DataType::Binary } else { DataType::Utf8 })
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
    }
}
