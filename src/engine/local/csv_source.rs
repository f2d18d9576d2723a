//! Spark's CSV data source (`spark.read.csv`) reading: each line is a record (Spark's
//! default, `multiLine=false`; with `multiLine` a quoted field may span lines), split
//! into fields by the csv crate with Spark's `sep`, `quote` and `escape`, and converted to
//! the schema's types (`dateFormat` and `timestampFormat` as Java patterns). A record
//! whose field count differs from the schema, or with a value its type cannot hold, is
//! malformed and follows the `mode` option (Spark's `ParseMode`): PERMISSIVE keeps the
//! values that convert, NULL elsewhere, with the line in `_corrupt_record` when the schema
//! has that column; DROPMALFORMED drops the record; FAILFAST raises.
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use datafusion::arrow::array::{Array, ArrayRef, BooleanArray, Date32Array, RecordBatch, StringArray, TimestampMicrosecondArray};
use datafusion::arrow::compute::{cast_with_options, filter_record_batch, CastOptions};
use datafusion::arrow::datatypes::{DataType, Schema};

use super::error::{EngineError, Result};
use super::io_read::{failed_read, flag, option, ParseMode};

/// The reader options this source honours.
struct Options {
    header: bool,
    separator: u8,
    quote: u8,
    escape: Option<u8>,
    null_value: String,
    mode: ParseMode,
    multi_line: bool,
    corrupt_column: String,
    date_format: Option<String>,
    timestamp_format: Option<String>,
    comment: Option<u8>,
    trim_leading: bool,
    trim_trailing: bool,
}

impl Options {
    fn from(options: &BTreeMap<String, String>) -> Result<Options> {
        let get = |key: &str| option(options, key);
        let flag = |key: &str| flag(options, key);
        let byte = |key: &str, default: u8| get(key).and_then(|v| v.bytes().next()).unwrap_or(default);
        let mode = ParseMode::from_options(options);
        let quote = byte("quote", b'"');
        let escape = byte("escape", b'\\');
        Ok(Options {
            header: flag("header"),
            separator: get("sep").or_else(|| get("delimiter")).and_then(|s| s.bytes().next()).unwrap_or(b','),
            quote,
            // An escape equal to the quote is the doubled quote the csv crate reads anyway.
            escape: (escape != quote).then_some(escape),
            null_value: get("nullValue").unwrap_or("").to_string(),
            mode,
            multi_line: flag("multiLine"),
            corrupt_column: get("columnNameOfCorruptRecord").unwrap_or("_corrupt_record").to_string(),
            date_format: get("dateFormat").map(str::to_string),
            timestamp_format: get("timestampFormat").map(str::to_string),
            comment: get("comment").and_then(|c| c.bytes().next()),
            trim_leading: flag("ignoreLeadingWhiteSpace"),
            trim_trailing: flag("ignoreTrailingWhiteSpace"),
        })
    }

    fn reader<R: std::io::Read>(&self, input: R) -> csv::Reader<R> {
        csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(self.separator)
            .quote(self.quote)
            .escape(self.escape)
            .double_quote(true)
            .comment(self.comment)
            .from_reader(input)
    }
}

/// A field with the white space the options ignore removed.
fn trimmed(field: &str, options: &Options) -> String {
    let field = if options.trim_leading { field.trim_start() } else { field };
    let field = if options.trim_trailing { field.trim_end() } else { field };
    field.to_string()
}

/// One file's header fields (with `header`) and its records' fields.
pub type FileRecords = (Option<Vec<String>>, Vec<Vec<String>>);

/// The header's fields (with `header`) and each record's fields of one file's text.
pub fn file_records(text: &str, options: &BTreeMap<String, String>) -> Result<FileRecords> {
    let options = Options::from(options)?;
    let mut records = records_with_header(text, &options)?;
    let header = (options.header && !records.is_empty()).then(|| records.remove(0).0);
    Ok((header, records.into_iter().map(|(fields, _)| fields).collect()))
}

/// The records of one file: each record's fields and its text.
fn records(text: &str, options: &Options) -> Result<Vec<(Vec<String>, String)>> {
    let mut out = records_with_header(text, options)?;
    if options.header && !out.is_empty() {
        out.remove(0);
    }
    Ok(out)
}

/// The records of one file, a header line included.
fn records_with_header(text: &str, options: &Options) -> Result<Vec<(Vec<String>, String)>> {
    let mut out = Vec::new();
    if options.multi_line {
        let mut reader = options.reader(text.as_bytes());
        for record in reader.records() {
            let record = record.map_err(|e| EngineError::internal(e.to_string()))?;
            let fields: Vec<String> = record.iter().map(|f| trimmed(f, options)).collect();
            let raw = fields.join(&char::from(options.separator).to_string());
            out.push((fields, raw));
        }
    } else {
        for line in text.lines().filter(|l| !l.is_empty()) {
            if options.comment.is_some_and(|c| line.as_bytes().first() == Some(&c)) {
                continue;
            }
            let mut reader = options.reader(line.as_bytes());
            let fields = match reader.records().next() {
                Some(Ok(record)) => record.iter().map(|f| trimmed(f, options)).collect(),
                _ => vec![line.to_string()],
            };
            out.push((fields, line.to_string()));
        }
    }
    Ok(out)
}

/// `text` read with a Java date-time pattern, as microseconds (timestamps) or days (dates).
fn parse_with_pattern(text: &str, pattern: &str, date: bool) -> Option<i64> {
    let format = super::udfs::datetime::chrono_parse_pattern(pattern).ok()?;
    if date {
        let day = chrono::NaiveDate::parse_from_str(text, &format).ok()?;
        Some(day.signed_duration_since(chrono::NaiveDate::from_ymd_opt(1970, 1, 1)?).num_days())
    } else {
        let parsed = chrono::NaiveDateTime::parse_from_str(text, &format)
            .ok()
            .or_else(|| chrono::NaiveDate::parse_from_str(text, &format).ok().and_then(|d| d.and_hms_opt(0, 0, 0)))?;
        Some(crate::spark::session_zone::current().to_instant(parsed.and_utc().timestamp_micros()))
    }
}

/// One column's text converted to `data_type`; `None` marks a value that did not convert.
fn convert(texts: &StringArray, data_type: &DataType, options: &Options) -> Result<(ArrayRef, Vec<bool>)> {
    let converted: ArrayRef = match data_type {
        DataType::Date32 if options.date_format.is_some() => {
            let pattern = options.date_format.as_deref().unwrap_or_default();
            Arc::new(texts.iter().map(|t| t.and_then(|t| parse_with_pattern(t, pattern, true)).map(|d| d as i32)).collect::<Date32Array>())
        }
        DataType::Timestamp(_, zone) if options.timestamp_format.is_some() => {
            let pattern = options.timestamp_format.as_deref().unwrap_or_default();
            let values: TimestampMicrosecondArray = texts.iter().map(|t| t.and_then(|t| parse_with_pattern(t, pattern, false))).collect();
            cast_with_options(&values.with_timezone_opt(zone.clone()), data_type, &CastOptions::default()).map_err(datafusion::error::DataFusionError::from)?
        }
        DataType::Utf8 => Arc::new(texts.clone()),
        other => cast_with_options(texts, other, &CastOptions { safe: true, ..Default::default() }).map_err(datafusion::error::DataFusionError::from)?,
    };
    let failed = (0..texts.len()).map(|i| texts.is_valid(i) && converted.is_null(i)).collect();
    Ok((converted, failed))
}

/// A CSV file's text: decoded whole with `multiLine`, else line by line as Spark reads it
/// (`charsets::decode_lines`).
pub fn decode_file(content: &[u8], charset: &str, multi_line: bool) -> String {
    if multi_line {
        super::charsets::decode(content, charset)
    } else {
        super::charsets::decode_lines(content, charset)
    }
}

/// Reads CSV files into batches of `schema`, one list per file.
pub fn read(files: &[(PathBuf, Vec<(String, String)>)], options: &BTreeMap<String, String>, schema: &Schema) -> Result<Vec<Vec<RecordBatch>>> {
    let raw_options = options;
    let options = Options::from(options)?;
    let corrupt_at = schema.index_of(&options.corrupt_column).ok().filter(|i| schema.field(*i).data_type() == &DataType::Utf8);
    let data_fields: Vec<usize> = (0..schema.fields().len()).filter(|i| Some(*i) != corrupt_at).collect();
    let charset = super::charsets::charset(raw_options, "CSVOptions")?;
    let mut out = Vec::with_capacity(files.len());
    for (file, _) in files {
        let content = super::io_read::read_data_file(file)?;
        let records = records(&decode_file(&content, &charset, options.multi_line), &options)?;
        // Records with another number of fields than the schema are malformed.
        let mut bad: Vec<bool> = records.iter().map(|(fields, _)| fields.len() != data_fields.len()).collect();
        let mut columns: Vec<ArrayRef> = Vec::with_capacity(schema.fields().len());
        for (position, index) in data_fields.iter().enumerate() {
            let texts: StringArray = records
                .iter()
                .map(|(fields, _)| fields.get(position).filter(|v| !v.is_empty() && **v != options.null_value).map(String::as_str))
                .collect();
            let (converted, failed) = convert(&texts, schema.field(*index).data_type(), &options)?;
            bad.iter_mut().zip(failed).for_each(|(b, f)| *b |= f);
            columns.push(converted);
        }
        if options.mode == ParseMode::FailFast && bad.iter().any(|b| *b) {
            return Err(failed_read(file));
        }
        if let Some(at) = corrupt_at {
            let texts: StringArray = records.iter().zip(&bad).map(|((_, raw), bad)| bad.then_some(raw.as_str())).collect();
            columns.insert(at, Arc::new(texts));
        }
        let batch = if columns.is_empty() {
            RecordBatch::try_new_with_options(Arc::new(schema.clone()), columns, &datafusion::arrow::array::RecordBatchOptions::new().with_row_count(Some(records.len())))
        } else {
            RecordBatch::try_new(Arc::new(schema.clone()), columns)
        }
        .map_err(datafusion::error::DataFusionError::from)?;
        let batch = if options.mode == ParseMode::DropMalformed {
            let keep: BooleanArray = bad.iter().map(|b| Some(!b)).collect();
            filter_record_batch(&batch, &keep).map_err(datafusion::error::DataFusionError::from)?
        } else {
            batch
        };
        out.push(vec![batch]);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options(pairs: &[(&str, &str)]) -> Options {
        Options::from(&pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()).unwrap_or_else(|_| panic!("options"))
    }

    #[test]
    fn splits_lines_as_spark_without_multiline() -> Result<()> {
        let text = "id,text\n1,\"a, b\"\n2,\"x\n y\"\n";
        let single = records(text, &options(&[("header", "true")]))?;
        assert_eq!(single.len(), 3);
        assert_eq!(single[0].0, ["1", "a, b"]);
        let multi = records(text, &options(&[("header", "true"), ("multiLine", "true")]))?;
        assert_eq!(multi.len(), 2);
        assert_eq!(multi[1].0, ["2", "x\n y"]);
        Ok(())
    }

    #[test]
    fn reads_dates_with_a_java_pattern() {
        assert_eq!(parse_with_pattern("31/12/1970", "dd/MM/yyyy", true), Some(364));
        assert_eq!(parse_with_pattern("1970-01-01", "dd/MM/yyyy", true), None);
    }
}
