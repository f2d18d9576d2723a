//! Spark's number formats: `to_number` / `try_to_number` (Spark's `ToNumber`, text to a
//! decimal) and `to_char` / `to_varchar` of a number (Spark's `ToCharacter`), after
//! Spark's `ToNumberParser`. A format has digits `0` or `9`, grouping `,` (or `G`), one
//! decimal point `.` (or `D`), an optional leading `$`, and a sign: `S` first or last,
//! `MI` or `PR` last. The decimal's precision is the format's digit count, its scale the
//! digits after the point.
use std::sync::Arc;

use datafusion::arrow::array::{Array, ArrayRef, AsArray, Decimal128Builder, StringBuilder};
use datafusion::arrow::datatypes::DataType;
use datafusion::common::ScalarValue;
use datafusion::error::{DataFusionError, Result};
use datafusion::logical_expr::{ColumnarValue, ReturnFieldArgs, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature, Volatility};
use datafusion::prelude::SessionContext;

use crate::engine::local::error::{EngineError, ErrorClass};

/// The engine's name of `to_char` / `to_varchar` of a number.
pub const NUMBER_TO_CHAR: &str = "ember_number_to_char";

/// Registers the functions.
pub fn register(context: &SessionContext) {
    // `to_char`/`to_varchar` replace DataFusion's, which take only datetimes: the planner
    // rewrites a datetime's call to `date_format` and a number's to `NUMBER_TO_CHAR`.
    for name in ["to_number", "try_to_number", NUMBER_TO_CHAR, "to_char", "to_varchar"] {
        context.register_udf(ScalarUDF::from(NumberFormatFunction { name, signature: Signature::any(2, Volatility::Immutable) }));
    }
}

/// `to_char` / `to_varchar` of a number, for the planner's rewrite of those calls.
pub fn number_to_char() -> impl ScalarUDFImpl {
    NumberFormatFunction { name: NUMBER_TO_CHAR, signature: Signature::any(2, Volatility::Immutable) }
}

#[derive(Debug, PartialEq, Eq, Hash)]
struct NumberFormatFunction {
    name: &'static str,
    signature: Signature,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Sign {
    None,
    Leading,
    Trailing,
    Minus,
    Brackets,
}

/// A parsed number format.
#[derive(Debug)]
struct Format {
    text: String,
    currency: bool,
    sign: Sign,
    /// The part before the point: `0`, `9` and `,`.
    whole: Vec<char>,
    fraction: usize,
}

impl Format {
    fn parse(text: &str) -> Result<Format> {
        let upper = text.to_uppercase();
        let mut body: &str = &upper;
        let mut sign = Sign::None;
        if let Some(rest) = body.strip_suffix("MI") {
            (body, sign) = (rest, Sign::Minus);
        } else if let Some(rest) = body.strip_suffix("PR") {
            (body, sign) = (rest, Sign::Brackets);
        } else if let Some(rest) = body.strip_suffix('S') {
            (body, sign) = (rest, Sign::Trailing);
        }
        if sign == Sign::None {
            if let Some(rest) = body.strip_prefix('S') {
                (body, sign) = (rest, Sign::Leading);
            }
        }
        let currency = body.starts_with('$');
        let body = body.trim_start_matches('$').replace('G', ",").replace('D', ".");
        let (whole, fraction) = match body.split_once('.') {
            Some((whole, fraction)) => (whole.to_string(), fraction.to_string()),
            None => (body.clone(), String::new()),
        };
        let digits = whole.chars().chain(fraction.chars()).filter(|c| matches!(c, '0' | '9')).count();
        let valid = whole.chars().all(|c| matches!(c, '0' | '9' | ',')) && fraction.chars().all(|c| matches!(c, '0' | '9'));
        if digits == 0 || !valid {
            return Err(DataFusionError::External(Box::new(EngineError::analysis(
                "INVALID_FORMAT.WRONG_NUM_DIGIT",
                format!("The format is invalid: '{upper}'. The format string requires at least one number digit."),
                &[("format", format!("'{upper}'"))],
            ))));
        }
        Ok(Format { text: text.to_string(), currency, sign, whole: whole.chars().collect(), fraction: fraction.len() })
    }

    fn whole_digits(&self) -> usize {
        self.whole.iter().filter(|c| **c != ',').count()
    }

    /// The decimal type the format reads into.
    fn decimal_type(&self) -> DataType {
        DataType::Decimal128((self.whole_digits() + self.fraction).max(1) as u8, self.fraction as i8)
    }

    /// Spark's `INVALID_FORMAT.MISMATCH_INPUT`.
    fn mismatch(&self, input: &str) -> DataFusionError {
        DataFusionError::External(Box::new(EngineError::spark(
            ErrorClass::IllegalArgument,
            "INVALID_FORMAT.MISMATCH_INPUT",
            format!("The format is invalid: {}. The input \"STRING\" {input} does not match the format.", self.text),
            &[("inputType", "\"STRING\"".to_string()), ("input", input.to_string()), ("format", self.text.clone())],
        )))
    }

    /// `to_number`: the text's value as the format's decimal (unscaled), or `None` when the
    /// text does not match the format.
    fn read(&self, input: &str) -> Option<i128> {
        let mut text = input.trim();
        let mut negative = false;
        match self.sign {
            Sign::Brackets => {
                if let Some(inner) = text.strip_prefix('<').and_then(|t| t.strip_suffix('>')) {
                    (text, negative) = (inner, true);
                }
            }
            Sign::Minus => {
                if let Some(inner) = text.strip_suffix('-') {
                    (text, negative) = (inner, true);
                }
            }
            Sign::Trailing => {
                if let Some(inner) = text.strip_suffix('-') {
                    (text, negative) = (inner, true);
                } else if let Some(inner) = text.strip_suffix('+') {
                    text = inner;
                }
            }
            Sign::Leading | Sign::None => {
                if let Some(inner) = text.strip_prefix('-') {
                    (text, negative) = (inner, true);
                } else if let Some(inner) = text.strip_prefix('+') {
                    text = inner;
                }
            }
        }
        if self.currency {
            text = text.strip_prefix('$')?;
        }
        let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
        let whole: String = whole.chars().filter(|c| *c != ',' || self.whole.contains(&',')).collect::<String>().replace(',', "");
        let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
        if !digits(&whole) || !digits(fraction) || (whole.is_empty() && fraction.is_empty()) {
            return None;
        }
        if whole.trim_start_matches('0').len() > self.whole_digits() || fraction.len() > self.fraction {
            return None;
        }
        let padded = format!("{whole}{fraction:0<width$}", width = self.fraction);
        let value: i128 = if padded.is_empty() { 0 } else { padded.parse().ok()? };
        Some(if negative { -value } else { value })
    }

    /// `to_char`: a number's plain text (`-12454.8`) written in the format; `#` in every
    /// digit place when it has more digits than the format.
    fn write(&self, plain: &str) -> String {
        let (negative, plain) = match plain.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, plain),
        };
        let (whole, fraction) = plain.split_once('.').unwrap_or((plain, ""));
        let fraction = fraction.trim_end_matches('0');
        let overflow = whole.trim_start_matches('0').len() > self.whole_digits() || fraction.len() > self.fraction;
        let mut body = String::new();
        if overflow {
            body.extend(self.whole.iter().map(|c| if *c == ',' { ',' } else { '#' }));
            if self.fraction > 0 {
                body.push('.');
                body.extend(std::iter::repeat_n('#', self.fraction));
            }
        } else {
            // The whole digits right-aligned in the format's places.
            let mut digits: Vec<char> = whole.chars().collect();
            if digits.len() > 1 {
                while digits.len() > 1 && digits[0] == '0' {
                    digits.remove(0);
                }
            }
            let mut out = Vec::with_capacity(self.whole.len());
            for place in self.whole.iter().rev() {
                match place {
                    ',' => out.push(if digits.is_empty() { ' ' } else { ',' }),
                    zero_or_nine => out.push(match digits.pop() {
                        Some(d) => d,
                        None if *zero_or_nine == '0' => '0',
                        None => ' ',
                    }),
                }
            }
            body.extend(out.into_iter().rev());
            if self.fraction > 0 {
                body.push('.');
                body.push_str(&format!("{fraction:0<width$}", width = self.fraction));
            }
        }
        // A sign or bracket goes right before the first printed character.
        let lead = body.len() - body.trim_start().len();
        let (padding, number) = body.split_at(lead);
        let signed = match (self.sign, negative) {
            (Sign::Leading, _) => format!("{padding}{}{number}", if negative { '-' } else { '+' }),
            (Sign::Trailing, _) => format!("{padding}{number}{}", if negative { '-' } else { '+' }),
            (Sign::Minus, _) => format!("{padding}{number}{}", if negative { '-' } else { ' ' }),
            (Sign::Brackets, true) => format!("{padding}<{number}>"),
            (Sign::Brackets, false) => format!("{padding}{number}  "),
            // Without a sign in the format, Spark writes the magnitude.
            (Sign::None, _) => body.clone(),
        };
        if self.currency {
            format!("${signed}")
        } else {
            signed
        }
    }
}

/// The format argument, which Spark requires to be a constant.
fn format_of(value: Option<&ScalarValue>) -> Result<Option<Format>> {
    match value {
        Some(ScalarValue::Utf8(Some(text)) | ScalarValue::LargeUtf8(Some(text)) | ScalarValue::Utf8View(Some(text))) => Ok(Some(Format::parse(text)?)),
        _ => Ok(None),
    }
}

impl ScalarUDFImpl for NumberFormatFunction {
    fn name(&self) -> &str {
        self.name
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _: &[DataType]) -> Result<DataType> {
        Err(DataFusionError::Internal("return_field_from_args is used".into()))
    }

    fn return_field_from_args(&self, args: ReturnFieldArgs) -> Result<datafusion::arrow::datatypes::FieldRef> {
        let data_type = match self.name {
            NUMBER_TO_CHAR | "to_char" | "to_varchar" => DataType::Utf8,
            _ => match format_of(args.scalar_arguments.get(1).copied().flatten())? {
                Some(format) => format.decimal_type(),
                None => DataType::Decimal128(38, 18),
            },
        };
        Ok(Arc::new(datafusion::arrow::datatypes::Field::new(self.name, data_type, true)))
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let rows = args.number_rows;
        let input = args.args[0].to_array(rows)?;
        let formats = datafusion::arrow::compute::cast(&args.args[1].to_array(rows)?, &DataType::Utf8)?;
        let formats = formats.as_string::<i32>();
        let result: ArrayRef = if matches!(self.name, NUMBER_TO_CHAR | "to_char" | "to_varchar") {
            if !input.data_type().is_numeric() && input.data_type() != &DataType::Null {
                return Err(DataFusionError::Plan(format!("to_char of {} takes a number, a date or a timestamp", input.data_type())));
            }
            let mut out = StringBuilder::new();
            for row in 0..rows {
                if input.is_null(row) || formats.is_null(row) {
                    out.append_null();
                    continue;
                }
                let format = Format::parse(formats.value(row))?;
                let plain = match input.data_type() {
                    DataType::Float32 | DataType::Float64 => {
                        let value = datafusion::arrow::compute::cast(&input.slice(row, 1), &DataType::Float64)?;
                        format!("{}", value.as_primitive::<datafusion::arrow::datatypes::Float64Type>().value(0))
                    }
                    _ => crate::spark::value_text::cast_string(&input, row),
                };
                out.append_value(format.write(&plain));
            }
            Arc::new(out.finish())
        } else {
            let texts = datafusion::arrow::compute::cast(&input, &DataType::Utf8)?;
            let texts = texts.as_string::<i32>();
            let DataType::Decimal128(precision, scale) = args.return_field.data_type().clone() else {
                return Err(DataFusionError::Internal("to_number gives a decimal".into()));
            };
            let mut out = Decimal128Builder::with_capacity(rows);
            for row in 0..rows {
                if texts.is_null(row) || formats.is_null(row) {
                    out.append_null();
                    continue;
                }
                let format = Format::parse(formats.value(row))?;
                match format.read(texts.value(row)) {
                    Some(value) => out.append_value(value),
                    None if self.name == "try_to_number" => out.append_null(),
                    None => return Err(format.mismatch(texts.value(row))),
                }
            }
            Arc::new(out.finish().with_precision_and_scale(precision, scale)?)
        };
        Ok(ColumnarValue::Array(result))
    }
}

#[cfg(test)]
mod tests {
    use super::Format;

    fn write(format: &str, plain: &str) -> String {
        Format::parse(format).unwrap().write(plain)
    }

    #[test]
    fn writes_numbers_as_sparks_to_char() {
        // Spark 4.3: to_char(value, format).
        assert_eq!(write("$99.99", "78.12"), "$78.12");
        assert_eq!(write("999", "5"), "  5");
        assert_eq!(write("000", "5"), "005");
        assert_eq!(write("99,999.9S", "-12454.8"), "12,454.8-");
        assert_eq!(write("9.99", "3.14159"), "#.##");
        assert_eq!(write("99.9PR", "-5.5"), " <5.5>");
        assert_eq!(write("99.9PR", "5.5"), " 5.5  ");
        assert_eq!(write("9,999", "5"), "    5");
        assert_eq!(write("$999.99", "12.5"), "$ 12.50");
        assert_eq!(write("9.9", "0.5"), "0.5");
        assert_eq!(write("$99.99", "-1.5"), "$ 1.50");
    }

    #[test]
    fn reads_numbers_as_sparks_to_number() {
        let read = |format: &str, text: &str| Format::parse(format).unwrap().read(text);
        assert_eq!(read("$99.99", "$78.12"), Some(7812));
        assert_eq!(read("99,999", "12,454"), Some(12454));
        assert_eq!(read("99.9PR", "<12.5>"), Some(-125));
        assert_eq!(read("9.99", "5.1"), Some(510));
        assert_eq!(read("$99.99", "77"), None);
        assert_eq!(read("99", "1234"), None);
    }
}
