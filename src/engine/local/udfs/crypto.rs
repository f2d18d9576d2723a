//! Spark's encryption and message-authentication functions: `aes_encrypt`, `aes_decrypt`,
//! `try_aes_decrypt` (Spark's `AesEncrypt`/`AesDecrypt`, through `ExpressionImplUtils`'
//! Java `Cipher` choices) and `hmac` (Spark's `Hmac`, Java's `Mac`), on RustCrypto.
//!
//! AES modes: ECB with PKCS#7 padding, CBC with PKCS#7 and a 16-byte IV written before the
//! ciphertext, GCM without padding, a 12-byte IV before and a 16-byte tag after the
//! ciphertext. A missing IV is random. Keys are 16, 24 or 32 bytes.
use std::sync::Arc;

use aes::cipher::block_padding::Pkcs7;
use aes::cipher::{BlockModeDecrypt, BlockModeEncrypt, KeyInit, KeyIvInit};
use aes_gcm::aead::{Aead, Payload};
use datafusion::arrow::array::{Array, ArrayRef, AsArray, BinaryBuilder};
use datafusion::arrow::datatypes::DataType;
use datafusion::error::{DataFusionError, Result};
use datafusion::logical_expr::{ColumnarValue, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature, Volatility};
use datafusion::prelude::SessionContext;
use hmac::Mac;

use super::runtime_error as runtime;

/// Registers the functions under their Spark names.
pub fn register(context: &SessionContext) {
    for name in ["aes_encrypt", "aes_decrypt", "try_aes_decrypt", "hmac"] {
        context.register_udf(ScalarUDF::from(Crypto { name, signature: Signature::variadic_any(Volatility::Volatile) }));
    }
}

#[derive(Debug, PartialEq, Eq, Hash)]
struct Crypto {
    name: &'static str,
    signature: Signature,
}

/// The block cipher mode and padding of a call, as Spark accepts them.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Mode {
    Ecb,
    Cbc,
    Gcm,
}


/// Spark's accepted (mode, padding) pairs; `UNSUPPORTED_FEATURE.AES_MODE` otherwise.
fn mode(_function: &str, mode: &str, padding: &str) -> Result<Mode> {
    match (mode.to_uppercase().as_str(), padding.to_uppercase().as_str()) {
        ("ECB", "PKCS" | "DEFAULT") => Ok(Mode::Ecb),
        ("CBC", "PKCS" | "DEFAULT") => Ok(Mode::Cbc),
        ("GCM", "NONE" | "DEFAULT") => Ok(Mode::Gcm),
        _ => Err(runtime(
            "UNSUPPORTED_FEATURE.AES_MODE",
            format!("The feature is not supported: AES-{mode} with the padding {padding} by the `aes_encrypt`/`aes_decrypt` function."),
            &[("mode", mode.to_string()), ("padding", padding.to_string()), ("functionName", "`aes_encrypt`/`aes_decrypt`".to_string())],
        )),
    }
}

/// Spark's `INVALID_PARAMETER_VALUE.AES_KEY_LENGTH` (one message for both directions).
fn check_key(_function: &str, key: &[u8]) -> Result<()> {
    if matches!(key.len(), 16 | 24 | 32) {
        return Ok(());
    }
    Err(runtime(
        "INVALID_PARAMETER_VALUE.AES_KEY_LENGTH",
        format!("The value of parameter(s) `key` in `aes_encrypt`/`aes_decrypt` is invalid: expects a binary value with 16, 24 or 32 bytes, but got {} bytes.", key.len()),
        &[("parameter", "`key`".to_string()), ("functionName", "`aes_encrypt`/`aes_decrypt`".to_string()), ("actualLength", key.len().to_string())],
    ))
}

/// Spark's `INVALID_PARAMETER_VALUE.AES_CRYPTO_ERROR`, for input that does not decrypt.
fn crypto_error(function: &str, detail: &str) -> DataFusionError {
    runtime(
        "INVALID_PARAMETER_VALUE.AES_CRYPTO_ERROR",
        format!("The value of parameter(s) `expr`, `key` in `{function}` is invalid: Detail message: {detail}"),
        &[("parameter", "`expr`, `key`".to_string()), ("functionName", format!("`{function}`")), ("detailMessage", detail.to_string())],
    )
}

fn random_bytes(count: usize) -> Result<Vec<u8>> {
    let mut bytes = vec![0u8; count];
    getrandom::fill(&mut bytes).map_err(|e| DataFusionError::Internal(format!("no random bytes: {e}")))?;
    Ok(bytes)
}

/// Runs `$body` with `$cipher` bound to the AES type of the key's size.
macro_rules! with_aes {
    ($key:expr, $cipher:ident, $body:block) => {
        match $key.len() {
            16 => {
                type $cipher = aes::Aes128;
                $body
            }
            24 => {
                type $cipher = aes::Aes192;
                $body
            }
            _ => {
                type $cipher = aes::Aes256;
                $body
            }
        }
    };
}

fn encrypt(function: &str, input: &[u8], key: &[u8], mode: Mode, iv: &[u8], aad: &[u8]) -> Result<Vec<u8>> {
    check_key(function, key)?;
    let bad_iv = |expected: usize| {
        runtime(
            "INVALID_PARAMETER_VALUE.AES_IV_LENGTH",
            format!("The value of parameter(s) `iv` in `{function}` is invalid: expects a {expected}-byte IV, but got {} bytes.", iv.len()),
            &[("parameter", "`iv`".to_string()), ("functionName", format!("`{function}`"))],
        )
    };
    if mode != Mode::Gcm && !aad.is_empty() {
        return Err(runtime(
            "UNSUPPORTED_FEATURE.AES_MODE_AAD",
            format!("The feature is not supported: {function} with AES-{mode:?} does not support additional authenticate data (AAD).").replace("Ecb", "ECB").replace("Cbc", "CBC"),
            &[("functionName", format!("`{function}`"))],
        ));
    }
    match mode {
        Mode::Ecb => {
            if !iv.is_empty() {
                return Err(runtime(
                    "UNSUPPORTED_FEATURE.AES_MODE_IV",
                    format!("The feature is not supported: {function} with AES-ECB does not support initialization vectors (IVs)."),
                    &[("functionName", format!("`{function}`"))],
                ));
            }
            with_aes!(key, Cipher, { Ok(ecb::Encryptor::<Cipher>::new_from_slice(key).map_err(|e| crypto_error(function, &e.to_string()))?.encrypt_padded_vec::<Pkcs7>(input)) })
        }
        Mode::Cbc => {
            let iv = match iv.len() {
                0 => random_bytes(16)?,
                16 => iv.to_vec(),
                _ => return Err(bad_iv(16)),
            };
            let body = with_aes!(key, Cipher, { cbc::Encryptor::<Cipher>::new_from_slices(key, &iv).map_err(|e| crypto_error(function, &e.to_string()))?.encrypt_padded_vec::<Pkcs7>(input) });
            Ok([iv, body].concat())
        }
        Mode::Gcm => {
            let iv = match iv.len() {
                0 => random_bytes(12)?,
                12 => iv.to_vec(),
                _ => return Err(bad_iv(12)),
            };
            let nonce = aes_gcm::Nonce::<aes_gcm::aead::consts::U12>::try_from(&iv[..]).map_err(|_| bad_iv(12))?;
            let body = with_aes!(key, Cipher, {
                aes_gcm::AesGcm::<Cipher, aes_gcm::aead::consts::U12>::new_from_slice(key)
                    .map_err(|e| crypto_error(function, &e.to_string()))?
                    .encrypt(&nonce, Payload { msg: input, aad })
                    .map_err(|e| crypto_error(function, &e.to_string()))?
            });
            Ok([iv, body].concat())
        }
    }
}

fn decrypt(function: &str, input: &[u8], key: &[u8], mode: Mode, aad: &[u8]) -> Result<Vec<u8>> {
    check_key(function, key)?;
    match mode {
        Mode::Ecb => with_aes!(key, Cipher, {
            ecb::Decryptor::<Cipher>::new_from_slice(key)
                .map_err(|e| crypto_error(function, &e.to_string()))?
                .decrypt_padded_vec::<Pkcs7>(input)
                .map_err(|_| crypto_error(function, "Given final block not properly padded. Such issues can arise if a bad key is used during decryption."))
        }),
        Mode::Cbc => {
            if input.len() < 16 {
                return Err(crypto_error(function, "Input too short to hold an IV"));
            }
            let (iv, body) = input.split_at(16);
            with_aes!(key, Cipher, {
                cbc::Decryptor::<Cipher>::new_from_slices(key, iv)
                    .map_err(|e| crypto_error(function, &e.to_string()))?
                    .decrypt_padded_vec::<Pkcs7>(body)
                    .map_err(|_| crypto_error(function, "Given final block not properly padded. Such issues can arise if a bad key is used during decryption."))
            })
        }
        Mode::Gcm => {
            if input.len() < 12 + 16 {
                return Err(crypto_error(function, "Input too short to hold an IV and a tag"));
            }
            let (iv, body) = input.split_at(12);
            let nonce = aes_gcm::Nonce::<aes_gcm::aead::consts::U12>::try_from(iv).map_err(|_| crypto_error(function, "bad IV"))?;
            with_aes!(key, Cipher, {
                aes_gcm::AesGcm::<Cipher, aes_gcm::aead::consts::U12>::new_from_slice(key)
                    .map_err(|e| crypto_error(function, &e.to_string()))?
                    .decrypt(&nonce, Payload { msg: body, aad })
                    .map_err(|_| crypto_error(function, "Tag mismatch"))
            })
        }
    }
}

/// Spark's `hmac(key, message[, algorithm])`: SHA-224, SHA-256 (the default), SHA-384,
/// SHA-512, SHA-1 or MD5, as Java names them (`HmacSHA256`).
fn hmac(key: &[u8], message: &[u8], algorithm: &str) -> Result<Vec<u8>> {
    if key.is_empty() {
        return Err(runtime(
            "INVALID_PARAMETER_VALUE.HMAC_CRYPTO_ERROR",
            "The value of parameter(s) `key` in `hmac` is invalid: detail message: Empty key".to_string(),
            &[("parameter", "`key`".to_string()), ("functionName", "`hmac`".to_string()), ("detailMessage", "Empty key".to_string())],
        ));
    }
    macro_rules! mac {
        ($hash:ty) => {{
            let mut mac = <hmac::Hmac<$hash> as KeyInit>::new_from_slice(key).map_err(|e| DataFusionError::Internal(e.to_string()))?;
            mac.update(message);
            Ok(mac.finalize().into_bytes().to_vec())
        }};
    }
    match algorithm.to_uppercase().replace('-', "").as_str() {
        "SHA256" => mac!(sha2::Sha256),
        "SHA224" => mac!(sha2::Sha224),
        "SHA384" => mac!(sha2::Sha384),
        "SHA512" => mac!(sha2::Sha512),
        "SHA1" | "SHA" => mac!(sha1::Sha1),
        "MD5" => mac!(md5::Md5),
        _ => Err(runtime(
            "INVALID_PARAMETER_VALUE.HMAC_ALGORITHM",
            format!("The value of parameter(s) `algorithm` in `hmac` is invalid: expects one of the algorithms 'SHA-224', 'SHA-256', 'SHA-384', 'SHA-512', 'SHA-1', 'MD5', but got '{algorithm}'."),
            &[("parameter", "`algorithm`".to_string()), ("functionName", "`hmac`".to_string())],
        )),
    }
}

impl ScalarUDFImpl for Crypto {
    fn name(&self) -> &str {
        self.name
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _: &[DataType]) -> Result<DataType> {
        Ok(DataType::Binary)
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let rows = args.number_rows;
        let scalar = args.args.iter().all(|a| matches!(a, ColumnarValue::Scalar(_)));
        let arrays = args.args.iter().map(|a| a.to_array(rows)).collect::<Result<Vec<_>>>()?;
        // Every argument's bytes (text as its UTF-8 bytes).
        let bytes = arrays.iter().map(|a| datafusion::arrow::compute::cast(a, &DataType::Binary)).collect::<std::result::Result<Vec<_>, _>>()?;
        let columns: Vec<_> = bytes.iter().map(|a| a.as_binary::<i32>()).collect();
        let text = |index: usize, row: usize, default: &'static str| -> Option<String> {
            match columns.get(index) {
                None => Some(default.to_string()),
                Some(column) if column.is_null(row) => None,
                Some(column) => Some(String::from_utf8_lossy(column.value(row)).into_owned()),
            }
        };
        let value = |index: usize, row: usize| -> Option<&[u8]> {
            match columns.get(index) {
                None => Some(&[][..]),
                Some(column) if column.is_null(row) => None,
                Some(column) => Some(column.value(row)),
            }
        };
        let mut out = BinaryBuilder::new();
        for row in 0..rows {
            let result = match self.name {
                "hmac" => match (value(0, row), value(1, row), text(2, row, "SHA-256")) {
                    (Some(key), Some(message), Some(algorithm)) => Some(hmac(key, message, &algorithm)?),
                    _ => None,
                },
                "aes_encrypt" => match (value(0, row), value(1, row), text(2, row, "GCM"), text(3, row, "DEFAULT"), value(4, row), value(5, row)) {
                    (Some(input), Some(key), Some(m), Some(p), Some(iv), Some(aad)) => Some(encrypt(self.name, input, key, mode(self.name, &m, &p)?, iv, aad)?),
                    _ => None,
                },
                _ => match (value(0, row), value(1, row), text(2, row, "GCM"), text(3, row, "DEFAULT"), value(4, row)) {
                    (Some(input), Some(key), Some(m), Some(p), Some(aad)) => {
                        let attempt = mode(self.name, &m, &p).and_then(|mode| decrypt(self.name, input, key, mode, aad));
                        match (attempt, self.name) {
                            (Ok(plain), _) => Some(plain),
                            (Err(_), "try_aes_decrypt") => None,
                            (Err(e), _) => return Err(e),
                        }
                    }
                    _ => None,
                },
            };
            out.append_option(result);
        }
        let result: ArrayRef = Arc::new(out.finish());
        if scalar {
            return Ok(ColumnarValue::Scalar(datafusion::common::ScalarValue::try_from_array(&result, 0)?));
        }
        Ok(ColumnarValue::Array(result))
    }
}
