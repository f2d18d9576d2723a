//! `DataFrame.write`: Spark's file layout (a directory of `part-` files plus `_SUCCESS`,
//! `k=v` directories for `partitionBy`) and save modes error, overwrite, append, ignore.
use std::collections::BTreeMap;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use datafusion::arrow::array::{Array, ArrayRef, UInt32Array};
use datafusion::arrow::datatypes::{Schema, SchemaRef};
use datafusion::arrow::record_batch::RecordBatch;
use datafusion::error::DataFusionError;
use datafusion::parquet::arrow::ArrowWriter;
use datafusion::parquet::basic::Compression;
use datafusion::parquet::file::properties::WriterProperties;

use super::error::{EngineError, Result};
use super::io_read::absolute;

pub use crate::engine::backend::SaveMode;

/// Whether the write should go ahead: Spark's `PATH_ALREADY_EXISTS` for `ErrorIfExists`,
/// false for `Ignore`, when the target exists. `Overwrite` replaces the target only when
/// the new output is complete (`write_staged`).
pub fn check_target(path: &Path, mode: SaveMode) -> Result<bool> {
    if !path.exists() {
        return Ok(true);
    }
    match mode {
        SaveMode::ErrorIfExists => {
            let shown = format!("file:{}", absolute(path).display());
            Err(EngineError::analysis(
                "PATH_ALREADY_EXISTS",
                format!("Path {shown} already exists. Set mode as \"overwrite\" to overwrite the existing path."),
                &[("outputPath", shown.clone())],
            ))
        }
        SaveMode::Ignore => Ok(false),
        SaveMode::Append | SaveMode::Overwrite => Ok(true),
    }
}

/// How a staged write is published (`write_staged`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Publish {
    /// The staged output takes the target's place: a new target, or `overwrite`.
    Replace,
    /// The staged files join the target's (`append`, `insertInto`), after `clear` (a
    /// partition directory that `INSERT OVERWRITE ... PARTITION` replaces) is removed.
    Merge { clear: Option<PathBuf> },
}

/// Spark's commit protocol as its `FileOutputCommitter` keeps it: `produce` writes the
/// whole output into a staging directory beside `path` (a dot name, which readers skip),
/// and only once it has succeeded is the output published: renamed into place for
/// `Replace` (the old data moved aside first, removed after), its files moved in for
/// `Merge`. A failure, or the process killed, before publishing leaves `path` as it was,
/// with no `_SUCCESS` of the new output.
pub fn write_staged(path: &Path, publish: Publish, produce: impl FnOnce(&Path) -> Result<()>) -> Result<()> {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "output".to_string());
    let parent = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent)?;
    let job = job_id();
    let staging = parent.join(format!(".{name}.ember-staging-{job}"));
    if let Err(error) = produce(&staging) {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(error);
    }
    let outcome = match publish {
        Publish::Replace => replace_with(path, &staging, &parent.join(format!(".{name}.ember-replaced-{job}"))),
        Publish::Merge { clear } => {
            match clear.filter(|directory| directory.exists()) {
                Some(directory) => std::fs::remove_dir_all(directory).map_err(EngineError::from).and_then(|()| merge_into(&staging, path)),
                None => merge_into(&staging, path),
            }
        }
    };
    if staging.exists() {
        let _ = std::fs::remove_dir_all(&staging);
    }
    outcome
}

/// Puts `staging` at `path`; an existing `path` is moved to `aside` first (and back when
/// the second rename fails), then removed.
fn replace_with(path: &Path, staging: &Path, aside: &Path) -> Result<()> {
    if std::fs::symlink_metadata(path).is_err() {
        std::fs::rename(staging, path)?;
        return Ok(());
    }
    std::fs::rename(path, aside)?;
    if let Err(error) = std::fs::rename(staging, path) {
        let _ = std::fs::rename(aside, path);
        return Err(error.into());
    }
    if aside.is_dir() {
        std::fs::remove_dir_all(aside)?;
    } else {
        std::fs::remove_file(aside)?;
    }
    Ok(())
}

/// Moves every file under `staging` to the same place under `target`, `_SUCCESS` last.
fn merge_into(staging: &Path, target: &Path) -> Result<()> {
    fn files(directory: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
        for entry in std::fs::read_dir(directory)? {
            let path = entry?.path();
            if path.is_dir() {
                files(&path, out)?;
            } else {
                out.push(path);
            }
        }
        Ok(())
    }
    let mut staged = Vec::new();
    files(staging, &mut staged)?;
    staged.sort_by_key(|file| file.file_name().is_some_and(|n| n == "_SUCCESS"));
    std::fs::create_dir_all(target)?;
    for file in staged {
        let relative = file.strip_prefix(staging).map_err(|e| EngineError::internal(e.to_string()))?;
        let destination = target.join(relative);
        if let Some(directory) = destination.parent() {
            std::fs::create_dir_all(directory)?;
        }
        std::fs::rename(&file, &destination)?;
    }
    Ok(())
}

/// A unique-enough id for part file names (Spark uses a job UUID).
fn job_id() -> String {
    use std::hash::{BuildHasher, Hasher};
    let state = std::collections::hash_map::RandomState::new();
    let mut parts = Vec::new();
    for salt in 0..2u64 {
        let mut hasher = state.build_hasher();
        hasher.write_u64(salt);
        hasher.write_u128(std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0));
        parts.push(hasher.finish());
    }
    let hex = format!("{:016x}{:016x}", parts[0], parts[1]);
    format!("{}-{}-{}-{}-{}", &hex[0..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..32])
}

/// Writes computed rows to `path` in `format`, with Spark's layout.
pub fn write(
    path: &Path,
    format: &str,
    schema: &SchemaRef,
    batches: &[RecordBatch],
    options: &BTreeMap<String, String>,
    partition_by: &[String],
) -> Result<()> {
    if format == "text" {
        // Spark's text source writes one string column (`TextFileFormat.verifySchema`).
        for field in schema.fields().iter().filter(|f| !partition_by.iter().any(|p| p.eq_ignore_ascii_case(f.name()))) {
            if !matches!(field.data_type(), datafusion::arrow::datatypes::DataType::Utf8 | datafusion::arrow::datatypes::DataType::LargeUtf8 | datafusion::arrow::datatypes::DataType::Utf8View) {
                let type_name = crate::engine::local::types::spark_sql_type_name(field.data_type());
                return Err(EngineError::analysis(
                    "UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE",
                    format!("The Text datasource doesn't support the column `{}` of the type \"{type_name}\".", field.name()),
                    &[("columnName", format!("`{}`", field.name())), ("columnType", format!("\"{type_name}\"")), ("format", "Text".to_string())],
                ));
            }
        }
        let columns = schema.fields().len() - partition_by.len();
        if columns != 1 {
            return Err(EngineError::analysis(
                "_LEGACY_ERROR_TEMP_1320",
                format!("Text data source supports only a single column, and you have {columns} columns."),
                &[("numColumns", columns.to_string())],
            ));
        }
    }
    if format == "orc" {
        super::orc_source::check_schema(schema)?;
    }
    if format == "xml" && super::io_read::option(options, "rowTag").is_none_or(|t| t.trim().is_empty()) {
        return Err(super::xml_source::row_tag_missing());
    }
    std::fs::create_dir_all(path)?;
    let job = job_id();
    let extension = match format {
        "parquet" => ".snappy.parquet",
        "csv" => ".csv",
        "json" => ".json",
        "text" => ".txt",
        "orc" => ".orc",
        "xml" => ".xml",
        other => {
            return Err(EngineError::analysis(
                "DATA_SOURCE_NOT_FOUND",
                format!("Failed to find the data source: {other}."),
                &[("provider", other.to_string())],
            ))
        }
    };
    // Text formats take Spark's `compression` option (alias `codec`).
    let codec = match options.iter().find(|(k, _)| k.eq_ignore_ascii_case("compression") || k.eq_ignore_ascii_case("codec")) {
        Some((_, name)) if format != "parquet" && format != "orc" => crate::codec::codec_named(name).map_err(|name| {
            EngineError::spark(
                super::error::ErrorClass::IllegalArgument,
                "CODEC_NOT_AVAILABLE.WITH_AVAILABLE_CODECS_SUGGESTION",
                format!("The codec {name} is not available. Available codecs are bzip2, deflate, uncompressed, gzip, none."),
                &[("codecName", name.clone()), ("availableCodecs", "bzip2, deflate, uncompressed, gzip, none".to_string())],
            )
        })?,
        _ => None,
    };
    let suffix = codec.map(crate::codec::extension).unwrap_or("");
    // ORC compresses inside the file; its codec goes before the extension.
    let extension = if format == "orc" { format!("{}.orc", super::orc_source::codec(options)?.1) } else { extension.to_string() };
    let groups = partition(schema, batches, partition_by)?;
    for (index, (directory, group_schema, group)) in groups.into_iter().enumerate() {
        let target: PathBuf = path.join(directory);
        std::fs::create_dir_all(&target)?;
        let file = target.join(format!("part-{index:05}-{job}-c000{extension}{suffix}"));
        match codec {
            None => write_file(File::create(&file)?, format, &group_schema, &group, options)?,
            Some(codec) => {
                // A part file is one task's output: written in memory, then compressed.
                let mut content = Vec::new();
                write_file(&mut content, format, &group_schema, &group, options)?;
                std::fs::write(&file, crate::codec::compress(&content, codec)?)?;
            }
        }
    }
    File::create(path.join("_SUCCESS"))?;
    Ok(())
}

type Group = (PathBuf, SchemaRef, Vec<RecordBatch>);

/// Splits rows by the values of the partition columns (Spark's `partitionBy`), dropping
/// those columns from the data; NULL goes to `__HIVE_DEFAULT_PARTITION__`.
fn partition(schema: &SchemaRef, batches: &[RecordBatch], partition_by: &[String]) -> Result<Vec<Group>> {
    if partition_by.is_empty() {
        return Ok(vec![(PathBuf::new(), schema.clone(), batches.to_vec())]);
    }
    let mut key_positions = Vec::new();
    for name in partition_by {
        let position = schema
            .fields()
            .iter()
            .position(|f| f.name().eq_ignore_ascii_case(name))
            .ok_or_else(|| EngineError::unresolved_column(name, &schema.fields().iter().map(|f| f.name().clone()).collect::<Vec<_>>()))?;
        key_positions.push(position);
    }
    let data_positions: Vec<usize> = (0..schema.fields().len()).filter(|p| !key_positions.contains(p)).collect();
    let data_schema = Arc::new(Schema::new(data_positions.iter().map(|p| schema.field(*p).clone()).collect::<Vec<_>>()));
    let mut groups: BTreeMap<PathBuf, Vec<RecordBatch>> = BTreeMap::new();
    for batch in batches {
        let mut rows: BTreeMap<PathBuf, Vec<u32>> = BTreeMap::new();
        for row in 0..batch.num_rows() {
            let mut directory = PathBuf::new();
            for position in &key_positions {
                let column = batch.column(*position);
                let value = if column.is_null(row) {
                    "__HIVE_DEFAULT_PARTITION__".to_string()
                } else {
                    escape_path_name(&crate::spark::value_text::cell_string(column, row))
                };
                directory.push(format!("{}={value}", schema.field(*position).name()));
            }
            rows.entry(directory).or_default().push(row as u32);
        }
        for (directory, indices) in rows {
            let indices = UInt32Array::from(indices);
            let columns = data_positions
                .iter()
                .map(|p| datafusion::arrow::compute::take(batch.column(*p), &indices, None))
                .collect::<std::result::Result<Vec<ArrayRef>, _>>()
                .map_err(DataFusionError::from)?;
            let sub = RecordBatch::try_new(data_schema.clone(), columns).map_err(DataFusionError::from)?;
            groups.entry(directory).or_default().push(sub);
        }
    }
    Ok(groups.into_iter().map(|(d, b)| (d, data_schema.clone(), b)).collect())
}

/// Spark's `ExternalCatalogUtils.escapePathName` for partition values.
fn escape_path_name(value: &str) -> String {
    value
        .chars()
        .map(|c| {
            if c.is_control() || "\"#%'*/:=?\\\u{7f}{[]^".contains(c) {
                format!("%{:02X}", c as u32)
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// Writes one part file's rows in `format` to `output` (a file, or a buffer to compress).
fn write_file<W: std::io::Write + Send>(output: W, format: &str, schema: &SchemaRef, batches: &[RecordBatch], options: &BTreeMap<String, String>) -> Result<()> {
    let option = |key: &str| options.iter().find(|(k, _)| k.eq_ignore_ascii_case(key)).map(|(_, v)| v.clone());
    match format {
        "parquet" => {
            let properties = WriterProperties::builder().set_compression(Compression::SNAPPY).build();
            let mut writer = ArrowWriter::try_new(output, schema.clone(), Some(properties)).map_err(DataFusionError::from)?;
            for batch in batches {
                writer.write(batch).map_err(DataFusionError::from)?;
            }
            writer.close().map_err(DataFusionError::from)?;
        }
        "csv" => {
            let zone = crate::spark::session_zone::current();
            let header = option("header").is_some_and(|v| v.eq_ignore_ascii_case("true"));
            let separator = option("sep").or_else(|| option("delimiter")).and_then(|s| s.bytes().next()).unwrap_or(b',');
            let mut writer = datafusion::arrow::csv::WriterBuilder::new()
                .with_header(header)
                .with_delimiter(separator)
                .with_null(option("nullValue").unwrap_or_default())
                .with_date_format("%Y-%m-%d".to_string())
                // Spark's default timestampFormat yyyy-MM-dd'T'HH:mm:ss.SSSXXX in the
                // session zone (XXX prints Z for UTC); quotes are escaped with a backslash.
                .with_timestamp_tz_format(if zone.is_utc() { "%Y-%m-%dT%H:%M:%S%.3fZ" } else { "%Y-%m-%dT%H:%M:%S%.3f%:z" }.to_string())
                .with_escape(b'\\')
                .with_double_quote(false)
                .build(output);
            if batches.is_empty() && header {
                writer.write(&RecordBatch::new_empty(schema.clone())).map_err(DataFusionError::from)?;
            }
            for batch in batches {
                writer.write(&crate::spark::session_zone::zoned_batch(batch)).map_err(DataFusionError::from)?;
            }
        }
        "orc" => super::orc_source::write(output, schema, batches, super::orc_source::codec(options)?.0)?,
        "xml" => super::xml_source::write(output, batches, options)?,
        "json" => {
            let mut writer = datafusion::arrow::json::LineDelimitedWriter::new(output);
            for batch in batches {
                writer.write(batch).map_err(DataFusionError::from)?;
            }
            writer.finish().map_err(DataFusionError::from)?;
        }
        "text" => {
            use std::io::Write;
            let mut output = std::io::BufWriter::new(output);
            for batch in batches {
                let column = batch.column(0);
                for row in 0..batch.num_rows() {
                    // A NULL is an empty line, as Spark's text writer leaves it.
                    if column.is_null(row) {
                        writeln!(output)?;
                    } else {
                        writeln!(output, "{}", crate::spark::value_text::cell_string(column, row))?;
                    }
                }
            }
        }
        _ => {}
    }
    Ok(())
}
