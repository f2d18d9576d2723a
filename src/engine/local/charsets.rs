//! The `encoding` (or `charset`) option of Spark's text-based file sources: the charsets
//! Spark 4 accepts (`CharsetProvider.VALID_CHARSETS`, with
//! `spark.sql.legacy.javaCharsets` off) and decoding a file's bytes as Java's decoders do,
//! an undecodable byte sequence becoming U+FFFD.
use std::collections::BTreeMap;

use super::error::{EngineError, ErrorClass, Result};

/// Spark's accepted charset names, lower-case, in the order its message lists them.
const VALID: [&str; 7] = ["iso-8859-1", "us-ascii", "utf-16", "utf-16be", "utf-16le", "utf-32", "utf-8"];

/// The charset a source's options ask for (`encoding`, then `charset`; UTF-8 by default),
/// checked against Spark's list. `source` names the options class in the message
/// (`CSVOptions`, `JSONOptionsInRead`).
pub fn charset(options: &BTreeMap<String, String>, source: &str) -> Result<String> {
    let given = options
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("encoding"))
        .or_else(|| options.iter().find(|(k, _)| k.eq_ignore_ascii_case("charset")))
        .map(|(_, v)| v.clone());
    let Some(given) = given else { return Ok("utf-8".to_string()) };
    let name = given.to_ascii_lowercase();
    if VALID.contains(&name.as_str()) {
        return Ok(name);
    }
    Err(EngineError::spark(
        ErrorClass::IllegalArgument,
        "INVALID_PARAMETER_VALUE.CHARSET",
        format!("The value of parameter(s) `charset` in `{source}` is invalid: expects one of the {}, but got {given}.", VALID.join(", ")),
        &[("parameter", "`charset`".to_string()), ("functionName", format!("`{source}`")), ("charsets", VALID.join(", ")), ("charset", given.clone())],
    ))
}

/// `bytes` decoded from `charset` (one of Spark's list). UTF-16 and UTF-32 read a byte
/// order mark and default to big-endian, as Java's `UTF-16` and `UTF-32` do.
pub fn decode(bytes: &[u8], charset: &str) -> String {
    match charset {
        "iso-8859-1" => bytes.iter().map(|&b| b as char).collect(),
        "us-ascii" => bytes.iter().map(|&b| if b < 0x80 { b as char } else { char::REPLACEMENT_CHARACTER }).collect(),
        "utf-16" => match bytes {
            [0xFF, 0xFE, rest @ ..] => utf16(rest, false),
            [0xFE, 0xFF, rest @ ..] => utf16(rest, true),
            _ => utf16(bytes, true),
        },
        "utf-16be" => utf16(bytes, true),
        "utf-16le" => utf16(bytes, false),
        "utf-32" => match bytes {
            [0x00, 0x00, 0xFE, 0xFF, rest @ ..] => utf32(rest, true),
            [0xFF, 0xFE, 0x00, 0x00, rest @ ..] => utf32(rest, false),
            _ => utf32(bytes, true),
        },
        _ => String::from_utf8_lossy(bytes).into_owned(),
    }
}

/// `bytes` read as Spark's line-based sources read them: split into lines at each `\\n`
/// byte first (Hadoop's `LineRecordReader`), then each line decoded on its own. The same
/// as `decode` for the single-byte charsets and UTF-8; for UTF-16 and UTF-32 it gives
/// Spark's results, stray bytes and all.
pub fn decode_lines(bytes: &[u8], charset: &str) -> String {
    if !charset.starts_with("utf-16") && !charset.starts_with("utf-32") {
        return decode(bytes, charset);
    }
    let lines: Vec<String> = bytes.split(|b| *b == b'\n').map(|line| decode(line.strip_suffix(b"\r").unwrap_or(line), charset)).collect();
    lines.join("\n")
}

fn utf16(bytes: &[u8], big_endian: bool) -> String {
    let units = bytes.chunks(2).map(|pair| match pair {
        [a, b] if big_endian => u16::from_be_bytes([*a, *b]),
        [a, b] => u16::from_le_bytes([*a, *b]),
        _ => 0xFFFD,
    });
    char::decode_utf16(units).map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER)).collect()
}

fn utf32(bytes: &[u8], big_endian: bool) -> String {
    bytes
        .chunks(4)
        .map(|quad| {
            let value = match quad {
                [a, b, c, d] if big_endian => u32::from_be_bytes([*a, *b, *c, *d]),
                [a, b, c, d] => u32::from_le_bytes([*a, *b, *c, *d]),
                _ => 0xFFFD,
            };
            char::from_u32(value).unwrap_or(char::REPLACEMENT_CHARACTER)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_each_accepted_charset() {
        assert_eq!(decode(&[0x4A, 0xE9], "iso-8859-1"), "Jé");
        assert_eq!(decode(&[0x4A, 0xE9], "us-ascii"), "J\u{FFFD}");
        assert_eq!(decode(&[0xFF, 0xFE, 0x4A, 0x00, 0xE9, 0x00], "utf-16"), "Jé");
        assert_eq!(decode(&[0x00, 0x4A, 0x00, 0xE9], "utf-16"), "Jé");
        assert_eq!(decode(&[0x4A, 0x00], "utf-16le"), "J");
        assert_eq!(decode(&[0, 0, 0, 0x4A, 0, 0, 0, 0xE9], "utf-32"), "Jé");
        assert_eq!(decode(&[0x4A, 0xE9], "utf-8"), "J\u{FFFD}");
    }

    #[test]
    fn line_based_reads_split_bytes_before_decoding() {
        // "a\n1" in UTF-16LE with a byte order mark: the line break's second byte starts
        // the next line, which is then read big-endian, as Spark reads it.
        let bytes = [0xFF, 0xFE, 0x61, 0x00, 0x0A, 0x00, 0x31, 0x00];
        assert_eq!(decode_lines(&bytes, "utf-16"), "a\n\u{31}\u{FFFD}");
        assert_eq!(decode_lines(&[0x4A, 0x0A, 0xE9], "iso-8859-1"), "J\né");
    }

    #[test]
    fn refuses_charsets_outside_sparks_list() {
        let options: BTreeMap<String, String> = [("charset".to_string(), "latin1".to_string())].into();
        let error = charset(&options, "CSVOptions").unwrap_err().to_string();
        assert!(error.contains("expects one of the iso-8859-1, us-ascii, utf-16, utf-16be, utf-16le, utf-32, utf-8, but got latin1."), "{error}");
        let options: BTreeMap<String, String> = [("encoding".to_string(), "UTF-16LE".to_string())].into();
        assert_eq!(charset(&options, "CSVOptions").unwrap(), "utf-16le");
    }
}
