//! Data sources: `spark.range` and `spark.read` of CSV (with Spark's schema inference),
//! JSON lines, Parquet (with `k=v` partition discovery) and text.
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use datafusion::arrow::array::{ArrayRef, StringArray};
use datafusion::arrow::datatypes::{DataType, Field, Schema};
use datafusion::arrow::record_batch::RecordBatch;
use datafusion::common::{Column, ScalarValue};
use datafusion::datasource::{provider_as_source, source_as_provider, MemTable};
use datafusion::logical_expr::expr::Case;
use datafusion::logical_expr::{col, lit, Expr, LogicalPlan, LogicalPlanBuilder, TryCast};
use datafusion::prelude::ParquetReadOptions;

use super::error::{EngineError, Result};
use super::file_order::SparkFileOrder;
use super::types::{arrow_schema_from_json, timestamp_type};
use super::LocalSession;

/// `spark.range(start, end, step)`: one `bigint` column `id`.
pub fn range(session: &LocalSession, start: i64, end: i64, step: i64, partitions: Option<usize>) -> Result<LogicalPlan> {
    range_slices(session, start, end, step, partitions.unwrap_or(1), None)
}

/// `spark.range` in `partitions` slices with each row's slice in the column `partition`
/// (Spark's partition of the row, see `resolver::partitioning`).
/// One scan in the rows' order (so that later operators see them in Spark's order); the
/// slice of element i of `count` is `((i + 1) * partitions - 1) / count`, as `RangeExec`
/// cuts them. A range too long for that arithmetic is a union of one scan per slice.
pub fn range_partitioned(session: &LocalSession, start: i64, end: i64, step: i64, partitions: usize, partition: &str) -> Result<LogicalPlan> {
    let count = super::range_source::range_count(start, end, step);
    if step == 0 || count.saturating_mul(partitions as i128) >= i128::from(i64::MAX) {
        return range_slices(session, start, end, step, partitions, Some(partition));
    }
    let scan = range_scan(session, start, end, step)?;
    let index = (col("id") - lit(start)) / lit(step);
    let slice = ((index + lit(1i64)) * lit(partitions as i64) - lit(1i64)) / lit(count.max(1) as i64);
    let slice = Expr::Cast(datafusion::logical_expr::Cast::new(Box::new(slice), DataType::Int32));
    Ok(LogicalPlanBuilder::from(scan).project(vec![col("id"), slice.alias(partition)])?.build()?)
}

fn range_slices(session: &LocalSession, start: i64, end: i64, step: i64, partitions: usize, partition: Option<&str>) -> Result<LogicalPlan> {
    if step == 0 {
        return Err(EngineError::spark(
            super::error::ErrorClass::IllegalArgument,
            "FAILED_FUNCTION_CALL",
            "requirement failed: step (0) cannot be 0",
            &[],
        ));
    }
    // With `numPartitions`, Spark's `RangeExec` gives partition i the i-th contiguous
    // slice of the elements; a union of one scan per slice keeps that layout and order.
    let count = super::range_source::range_count(start, end, step);
    let slices = partitions.max(1) as i128;
    let mut plans = Vec::new();
    for slice in 0..slices {
        let (first, last) = (count * slice / slices, count * (slice + 1) / slices);
        let (from, to) = (i128::from(start) + first * i128::from(step), i128::from(start) + last * i128::from(step));
        let bound = |v: i128| v.clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64;
        let scan = range_scan(session, bound(from), if slices == 1 { end } else { bound(to) }, step)?;
        plans.push(match partition {
            Some(name) => LogicalPlanBuilder::from(scan).project(vec![col("id"), lit(slice as i32).alias(name)])?.build()?,
            None => scan,
        });
    }
    let mut plans = plans.into_iter();
    let Some(first) = plans.next() else { return Err(EngineError::internal("a range without slices")) };
    let mut builder = LogicalPlanBuilder::from(first);
    for plan in plans {
        builder = builder.union(plan)?;
    }
    Ok(builder.build()?)
}

/// One scan of a range (`super::range_source`), its column named `id`.
fn range_scan(_session: &LocalSession, start: i64, end: i64, step: i64) -> Result<LogicalPlan> {
    let provider = Arc::new(super::range_source::RangeTable::new(start, end, step));
    let plan = LogicalPlanBuilder::scan("range", provider_as_source(provider), None)?.build()?;
    let value = plan.schema().qualified_field(0);
    let id = Expr::Column(Column::new(value.0.cloned(), value.1.name())).alias("id");
    Ok(LogicalPlanBuilder::from(plan).project(vec![id])?.build()?)
}

/// Spark's `PATH_NOT_FOUND`.
fn path_not_found(path: &Path) -> EngineError {
    let shown = format!("file:{}", absolute(path).display());
    EngineError::analysis("PATH_NOT_FOUND", format!("Path does not exist: {shown}."), &[("path", shown.clone())])
}

/// An absolute form of a path, without requiring it to exist.
pub fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// Whether Spark skips a file or directory when listing (`_SUCCESS`, `.crc`, hidden files).
fn hidden(name: &str) -> bool {
    name.starts_with('_') || name.starts_with('.')
}

/// A data file and the `key=value` partition directories above it.
type DataFile = (PathBuf, Vec<(String, String)>);

/// Whether a directory holds any data file (names starting with `_` or `.` are not data,
/// as in Spark's file listing).
pub fn has_data_files(path: &Path) -> Result<bool> {
    Ok(path.exists() && !list_files(&[path.to_string_lossy().to_string()])?.is_empty())
}

/// The data files under `paths` in the order Spark reads them: largest first, as
/// `FilePartition.getFilePartitions` packs the split files into partitions, and in path
/// order among files of one size.
fn list_files(paths: &[String]) -> Result<Vec<DataFile>> {
    let mut files = Vec::new();
    for path in paths {
        let path = Path::new(path);
        if !path.exists() {
            return Err(path_not_found(path));
        }
        collect(path, &mut Vec::new(), &mut files)?;
    }
    files.sort_by_key(|(file, _)| std::cmp::Reverse(std::fs::metadata(file).map_or(0, |m| m.len())));
    Ok(files)
}

fn collect(path: &Path, partition: &mut Vec<(String, String)>, files: &mut Vec<DataFile>) -> Result<()> {
    if path.is_file() {
        files.push((path.to_path_buf(), partition.clone()));
        return Ok(());
    }
    // A directory that cannot be listed is named in the error, as Java's
    // `AccessDeniedException` names it.
    let listing = std::fs::read_dir(path).map_err(|e| std::io::Error::new(e.kind(), format!("{}: {e}", path.display())))?;
    let mut entries: Vec<PathBuf> = listing.filter_map(|e| e.ok()).map(|e| e.path()).collect();
    entries.sort();
    for entry in entries {
        let name = entry.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
        if hidden(&name) {
            continue;
        }
        if entry.is_dir() {
            if let Some((key, value)) = name.split_once('=') {
                partition.push((key.to_string(), value.to_string()));
                collect(&entry, partition, files)?;
                partition.pop();
            } else {
                collect(&entry, partition, files)?;
            }
        } else {
            files.push((entry, partition.clone()));
        }
    }
    Ok(())
}

/// Spark's `ParseMode` of the file sources: what a malformed record does.
#[derive(Clone, Copy, PartialEq)]
pub enum ParseMode {
    Permissive,
    DropMalformed,
    FailFast,
}

impl ParseMode {
    /// The `mode` option; an unknown mode is PERMISSIVE (Spark's `ParseMode.fromString`).
    pub fn from_options(options: &BTreeMap<String, String>) -> ParseMode {
        match option(options, "mode").map(str::to_ascii_uppercase).as_deref() {
            Some("DROPMALFORMED") => ParseMode::DropMalformed,
            Some("FAILFAST") => ParseMode::FailFast,
            _ => ParseMode::Permissive,
        }
    }
}

/// Spark's error for a malformed record under FAILFAST while reading `file`.
pub fn failed_read(file: &Path) -> EngineError {
    let path = format!("file://{}", std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf()).display());
    EngineError::spark(
        super::error::ErrorClass::Runtime,
        "FAILED_READ_FILE.NO_HINT",
        format!("Encountered error while reading file {path}. Cause: [MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION] Malformed records are detected in record parsing. Parse Mode: FAILFAST."),
        &[("path", path.clone())],
    )
}

/// A data file's whole content, decompressed by its extension. A file that is gone or
/// cannot be opened (no read permission) gives Spark's `FAILED_READ_FILE.FILE_NOT_EXIST`:
/// Java reports both as a `FileNotFoundException`, which Spark's `FileScanRDD` turns into
/// that condition.
pub fn read_data_file(file: &Path) -> Result<Vec<u8>> {
    crate::codec::read(file).map_err(|error| unopenable(file, error))
}

/// The error of a data file that a read could not open or read: Spark's
/// `FAILED_READ_FILE.FILE_NOT_EXIST` when it is gone or not readable, else the I/O error.
pub fn unopenable(file: &Path, error: std::io::Error) -> EngineError {
    match error.kind() {
        std::io::ErrorKind::NotFound | std::io::ErrorKind::PermissionDenied => file_not_exist(file),
        _ => error.into(),
    }
}

/// Spark's `FAILED_READ_FILE.FILE_NOT_EXIST` for `file`.
fn file_not_exist(file: &Path) -> EngineError {
    let path = format!("file://{}", absolute(file).display());
    EngineError::spark(
        super::error::ErrorClass::Runtime,
        "FAILED_READ_FILE.FILE_NOT_EXIST",
        format!("Encountered error while reading file {path}. File does not exist. It is possible the underlying files have been updated.\nYou can explicitly invalidate the cache in Spark by running 'REFRESH TABLE tableName' command in SQL or by recreating the Dataset/DataFrame involved."),
        &[("path", path.clone())],
    )
}

/// Spark's `FAILED_READ_FILE.CANNOT_READ_FILE_FOOTER` for the first of `files` whose
/// Parquet footer cannot be read (not Parquet, truncated, corrupt), as Spark's footer
/// reader reports it when it infers the schema. The `parquet` crate panics on some
/// corrupt footers; the panic is caught and reported the same way. A file whose footer
/// was read once is not read again while its size and modification time stay the same
/// (a plan is resolved at every action).
fn check_parquet_footers(files: &[DataFile]) -> Result<()> {
    use datafusion::parquet::file::metadata::ParquetMetaDataReader;
    type Identity = (PathBuf, u64, Option<std::time::SystemTime>);
    static READABLE: std::sync::OnceLock<std::sync::Mutex<std::collections::HashSet<Identity>>> = std::sync::OnceLock::new();
    let readable_files = READABLE.get_or_init(Default::default);
    for (file, _) in files {
        let Ok(handle) = std::fs::File::open(file) else { return Err(footer_error(file)) };
        let Ok(metadata) = handle.metadata() else { return Err(footer_error(file)) };
        let identity: Identity = (file.clone(), metadata.len(), metadata.modified().ok());
        if readable_files.lock().is_ok_and(|known| known.contains(&identity)) {
            continue;
        }
        let readable = crate::spark::error::catch_quietly(|| ParquetMetaDataReader::new().parse_and_finish(&handle).is_ok()).unwrap_or(false);
        if readable {
            if let Ok(mut known) = readable_files.lock() {
                known.insert(identity);
            }
        } else {
            return Err(footer_error(file));
        }
    }
    Ok(())
}

/// Spark's `FAILED_READ_FILE.CANNOT_READ_FILE_FOOTER` for `file`.
fn footer_error(file: &Path) -> EngineError {
    let path = format!("file:{}", absolute(file).display());
    EngineError::spark(
        super::error::ErrorClass::Runtime,
        "FAILED_READ_FILE.CANNOT_READ_FILE_FOOTER",
        format!(
            "Encountered error while reading file {path}. Could not read footer. Please ensure that the file is in either ORC or Parquet format.\nIf not, please convert it to a valid format. If the file is in the valid format, please check if it is corrupt.\nIf it is, you can choose to either ignore it or fix the corruption."
        ),
        &[("path", path.clone())],
    )
}

/// A read option by its case-insensitive key.
pub fn option<'a>(options: &'a BTreeMap<String, String>, key: &str) -> Option<&'a str> {
    options.iter().find(|(k, _)| k.eq_ignore_ascii_case(key)).map(|(_, v)| v.as_str())
}

/// A boolean read option, false unless `true`.
pub fn flag(options: &BTreeMap<String, String>, key: &str) -> bool {
    option(options, key).is_some_and(|v| v.eq_ignore_ascii_case("true"))
}

/// `spark.read.format(format).load(paths)`. `schema` is the user's schema, or the one
/// inferred when the DataFrame was created.
pub async fn read(
    session: &LocalSession,
    format: &str,
    paths: &[String],
    options: &BTreeMap<String, String>,
    schema: Option<&str>,
) -> Result<LogicalPlan> {
    let schema = match schema {
        Some(text) => Some(arrow_schema_from_json(&serde_json::from_str(text).map_err(crate::plan::PlanError::from)?)?),
        None => None,
    };
    let files = list_files(paths)?;
    match format.to_lowercase().as_str() {
        "csv" => read_csv(&files, options, schema),
        "json" => read_json(&files, options, schema),
        "parquet" => read_parquet(session, paths, &files, schema).await,
        "orc" => read_orc(&files, options, schema),
        "xml" => read_xml(&files, options, schema),
        "text" => read_text(&files, options, schema.as_ref().and_then(|s| s.fields().first()).map(|f| f.name().as_str()).unwrap_or("value")),
        other => Err(EngineError::analysis(
            "DATA_SOURCE_NOT_FOUND",
            format!("Failed to find the data source: {other}."),
            &[("provider", other.to_string())],
        )),
    }
}

fn file_urls(files: &[DataFile]) -> Vec<String> {
    files.iter().map(|(f, _)| absolute(f).to_string_lossy().to_string()).collect()
}

/// Spark's CSV source (`csv_source`) over the files, with their partition columns.
fn read_csv(files: &[DataFile], options: &BTreeMap<String, String>, schema: Option<Schema>) -> Result<LogicalPlan> {
    let keys = partition_keys(files);
    // A given schema names the partition columns too; their values come from directories.
    let (data_schema, given) = split_partition_schema(schema, &keys);
    let target = match data_schema {
        Some(schema) => schema,
        None => csv_inference::infer(files, options)?,
    };
    file_table("csv", target, files, options, given, super::csv_source::read)
}

/// How a source reads its files into batches of a schema, one list per file.
type SourceRead = fn(&[DataFile], &BTreeMap<String, String>, &Schema) -> Result<Vec<Vec<RecordBatch>>>;

/// A scan of the files through `read` when the query runs (`file_table::FileTable`), with
/// their partition columns after the data columns of `schema`.
fn file_table(name: &str, schema: Schema, files: &[DataFile], options: &BTreeMap<String, String>, given: Vec<Field>, read: SourceRead) -> Result<LogicalPlan> {
    let keys = partition_keys(files);
    let added = partition_fields(&schema, &keys, &given);
    let mut fields: Vec<Field> = schema.fields().iter().map(|f| f.as_ref().clone()).collect();
    fields.extend(added);
    let full = Arc::new(Schema::new(fields));
    let (files, options) = (files.to_vec(), options.clone());
    let reader: super::file_table::ReadFiles = Arc::new(move || {
        let batches = read(&files, &options, &schema)?;
        Ok(with_partition_columns(schema.clone(), &files, &keys, &given, batches)?.1)
    });
    let table = super::file_table::FileTable::new(full, reader);
    Ok(LogicalPlanBuilder::scan(name, provider_as_source(Arc::new(table)), None)?.build()?)
}

/// The user's schema split into its data columns and its partition columns (those named
/// by a `k=v` directory); `None` without a schema.
fn split_partition_schema(schema: Option<Schema>, keys: &[(String, Vec<String>)]) -> (Option<Schema>, Vec<Field>) {
    match schema {
        Some(schema) => {
            let (partition, data): (Vec<Field>, Vec<Field>) = schema.fields().iter().map(|f| f.as_ref().clone()).partition(|f| keys.iter().any(|(k, _)| k == f.name()));
            (Some(Schema::new(data)), partition)
        }
        None => (None, Vec::new()),
    }
}

/// The partition columns a read adds after the data columns of `schema`: typed as the
/// user's schema says, else by Spark's partition inference (`partition_type`); a key the
/// data has as a column adds none.
fn partition_fields(schema: &Schema, keys: &[(String, Vec<String>)], given: &[Field]) -> Vec<Field> {
    keys.iter()
        .filter(|(key, _)| schema.index_of(key).is_err())
        .map(|(key, values)| match given.iter().find(|f| f.name() == key) {
            Some(field) => field.clone().with_nullable(true),
            None => Field::new(key, partition_type(values), true),
        })
        .collect()
}

/// Spark's ORC source (`orc_source`) over the files, with their partition columns.
fn read_orc(files: &[DataFile], options: &BTreeMap<String, String>, schema: Option<Schema>) -> Result<LogicalPlan> {
    let keys = partition_keys(files);
    let (data_schema, given) = split_partition_schema(schema, &keys);
    let schema = match data_schema {
        Some(schema) => Schema::new(schema.fields().iter().map(|f| f.as_ref().clone().with_nullable(true)).collect::<Vec<_>>()),
        None => super::orc_source::schema(files)?,
    };
    file_table("orc", schema, files, options, given, super::orc_source::read)
}

/// Spark's XML source (`xml_source`) over the files, with their partition columns.
fn read_xml(files: &[DataFile], options: &BTreeMap<String, String>, schema: Option<Schema>) -> Result<LogicalPlan> {
    let keys = partition_keys(files);
    let (data_schema, given) = split_partition_schema(schema, &keys);
    let schema = super::xml_source::schema(files, options, data_schema)?;
    file_table("xml", schema, files, options, given, super::xml_source::read)
}

/// Spark's JSON source (`json_source`) over the files, with their partition columns.
fn read_json(files: &[DataFile], options: &BTreeMap<String, String>, schema: Option<Schema>) -> Result<LogicalPlan> {
    let keys = partition_keys(files);
    // A given schema names the partition columns too; their values come from directories.
    let (data_schema, given) = split_partition_schema(schema, &keys);
    let schema = super::json_source::schema(files, options, data_schema)?;
    file_table("json", schema, files, options, given, super::json_source::read)
}

/// The `k=v` directory keys of the files, each with the values it takes.
fn partition_keys(files: &[DataFile]) -> Vec<(String, Vec<String>)> {
    let mut keys: Vec<(String, Vec<String>)> = Vec::new();
    for (_, partition) in files {
        for (key, value) in partition {
            match keys.iter_mut().find(|(k, _)| k == key) {
                Some((_, values)) => values.push(value.clone()),
                None => keys.push((key.clone(), vec![value.clone()])),
            }
        }
    }
    keys
}

/// The batches read from each file with its `k=v` directory values as columns after the
/// data columns (`partition_fields`).
fn with_partition_columns(
    schema: Schema,
    files: &[DataFile],
    keys: &[(String, Vec<String>)],
    given: &[Field],
    batches: Vec<Vec<RecordBatch>>,
) -> Result<(Schema, Vec<Vec<RecordBatch>>)> {
    let added = partition_fields(&schema, keys, given);
    if added.is_empty() {
        return Ok((schema, batches));
    }
    let mut fields: Vec<Field> = schema.fields().iter().map(|f| f.as_ref().clone()).collect();
    fields.extend(added.iter().cloned());
    let full = Arc::new(Schema::new(fields));
    let mut out = Vec::with_capacity(batches.len());
    for ((_, partition), file_batches) in files.iter().zip(batches) {
        let mut converted = Vec::with_capacity(file_batches.len());
        for batch in file_batches {
            let mut columns = batch.columns().to_vec();
            for field in &added {
                let value = partition.iter().find(|(k, _)| k == field.name()).map(|(_, v)| v.as_str()).filter(|v| *v != "__HIVE_DEFAULT_PARTITION__");
                let text = ScalarValue::Utf8(value.map(str::to_string)).to_array_of_size(batch.num_rows())?;
                columns.push(datafusion::arrow::compute::cast(&text, field.data_type()).map_err(datafusion::error::DataFusionError::from)?);
            }
            converted.push(RecordBatch::try_new(full.clone(), columns).map_err(datafusion::error::DataFusionError::from)?);
        }
        out.push(converted);
    }
    Ok((Arc::unwrap_or_clone(full), out))
}

/// Spark's partition value type inference: integer, long, double, else string.
fn partition_type(values: &[String]) -> DataType {
    let present: Vec<&String> = values.iter().filter(|v| v.as_str() != "__HIVE_DEFAULT_PARTITION__").collect();
    if present.is_empty() {
        return DataType::Utf8;
    }
    if present.iter().all(|v| v.parse::<i32>().is_ok()) {
        DataType::Int32
    } else if present.iter().all(|v| v.parse::<i64>().is_ok()) {
        DataType::Int64
    } else if present.iter().all(|v| v.parse::<f64>().is_ok() && !v.chars().any(char::is_alphabetic)) {
        DataType::Float64
    } else {
        DataType::Utf8
    }
}

async fn read_parquet(session: &LocalSession, paths: &[String], files: &[DataFile], schema: Option<Schema>) -> Result<LogicalPlan> {
    check_parquet_footers(files)?;
    let partition_columns = partition_keys(files);
    let table_partition_cols: Vec<(String, DataType)> = partition_columns.iter().map(|(k, _)| (k.clone(), DataType::Utf8)).collect();
    let targets: Vec<String> = if partition_columns.is_empty() {
        file_urls(files)
    } else {
        paths.iter().map(|p| format!("{}/", absolute(Path::new(p)).display())).collect()
    };
    let options = || ParquetReadOptions::default().table_partition_cols(table_partition_cols.clone());
    // Spark reads every column of a file source as nullable (`dataSchema.asNullable`),
    // whatever the files or the user's schema say.
    let nullable = |schema: &Schema| {
        let fields: Vec<Field> = schema
            .fields()
            .iter()
            .filter(|f| !partition_columns.iter().any(|(k, _)| k == f.name()))
            .map(|f| f.as_ref().clone().with_nullable(true))
            .collect();
        Schema::new(fields)
    };
    let frame = match &schema {
        Some(schema) => session.context().read_parquet(targets, options().schema(&nullable(schema))).await?,
        None => {
            let frame = session.context().read_parquet(targets.clone(), options()).await?;
            if frame.schema().fields().iter().all(|f| f.is_nullable()) {
                frame
            } else {
                let data_schema = nullable(frame.schema().as_arrow());
                session.context().read_parquet(targets, options().schema(&data_schema)).await?
            }
        }
    };
    let plan = in_spark_file_order(frame.into_unoptimized_plan(), files)?;
    if partition_columns.is_empty() {
        return Ok(plan);
    }
    let outputs = plan
        .schema()
        .iter()
        .map(|(q, f)| {
            let column = Expr::Column(Column::new(q.cloned(), f.name()));
            match partition_columns.iter().find(|(k, _)| k == f.name()) {
                Some((name, values)) => {
                    let is_default = column.clone().eq(Expr::Literal(ScalarValue::Utf8(Some("__HIVE_DEFAULT_PARTITION__".into())), None));
                    let target = partition_type(values);
                    let value = Expr::Case(Case::new(
                        None,
                        vec![(Box::new(is_default), Box::new(Expr::Literal(ScalarValue::Null, None)))],
                        Some(Box::new(Expr::TryCast(TryCast::new(Box::new(column), target)))),
                    ));
                    value.alias(name)
                }
                None => column,
            }
        })
        .collect::<Vec<_>>();
    Ok(LogicalPlanBuilder::from(plan).project(outputs)?.build()?)
}

/// The scan of `plan` reading `files` in their order, Spark's (see `file_order`).
fn in_spark_file_order(plan: LogicalPlan, files: &[DataFile]) -> Result<LogicalPlan> {
    let LogicalPlan::TableScan(scan) = &plan else {
        return Ok(plan);
    };
    let inner = source_as_provider(&scan.source)?;
    let paths: Vec<PathBuf> = files.iter().map(|(file, _)| absolute(file)).collect();
    let ordered = provider_as_source(Arc::new(SparkFileOrder::new(inner, &paths)));
    Ok(LogicalPlanBuilder::scan(scan.table_name.clone(), ordered, scan.projection.clone())?.build()?)
}

/// Spark's text source: a row per line (`lineSep`, default any of `\n`, `\r\n`, `\r`),
/// or a row per file with `wholetext`.
/// The text source: one row per line (or per file with `wholetext`), in one string column
/// named `column` (`value`, or the user schema's one field).
fn read_text(files: &[DataFile], options: &BTreeMap<String, String>, column: &str) -> Result<LogicalPlan> {
    let whole = flag(options, "wholetext");
    let separator = option(options, "lineSep").filter(|s| !s.is_empty());
    let mut lines = Vec::new();
    for (file, _) in files {
        let content = read_data_file(file)?;
        let text = String::from_utf8_lossy(&content);
        if whole {
            lines.push(text.to_string());
        } else if let Some(separator) = separator {
            let mut parts: Vec<String> = text.split(separator).map(str::to_string).collect();
            if parts.last().is_some_and(String::is_empty) {
                parts.pop();
            }
            lines.extend(parts);
        } else {
            lines.extend(text.lines().map(str::to_string));
        }
    }
    let schema = Arc::new(Schema::new(vec![Field::new(column, DataType::Utf8, true)]));
    let array: ArrayRef = Arc::new(StringArray::from(lines));
    let batch = RecordBatch::try_new(schema.clone(), vec![array]).map_err(datafusion::error::DataFusionError::from)?;
    let table = MemTable::try_new(schema, vec![vec![batch]])?;
    Ok(LogicalPlanBuilder::scan("text", provider_as_source(Arc::new(table)), None)?.build()?)
}

/// Spark's CSV schema inference (`CSVInferSchema`): per value the narrowest of integer,
/// long, double, boolean, date, timestamp, string; merged across rows with widening.
pub mod csv_inference {
    use super::*;

    #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
    pub enum Inferred {
        Null,
        Integer,
        Long,
        Double,
        Boolean,
        Date,
        Timestamp,
        String,
    }

    /// The type Spark infers for one non-null value.
    pub fn infer_value(value: &str) -> Inferred {
        if value.parse::<i32>().is_ok() {
            return Inferred::Integer;
        }
        if value.parse::<i64>().is_ok() {
            return Inferred::Long;
        }
        let numeric = value.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '+' | '-'));
        if (numeric && value.parse::<f64>().is_ok()) || matches!(value, "NaN" | "Infinity" | "-Infinity" | "+Infinity") {
            return Inferred::Double;
        }
        if value.eq_ignore_ascii_case("true") || value.eq_ignore_ascii_case("false") {
            return Inferred::Boolean;
        }
        if chrono::NaiveDate::parse_from_str(value, "%Y-%m-%d").is_ok() && value.len() == 10 {
            return Inferred::Date;
        }
        let timestamp_formats = ["%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%dT%H:%M:%S%.f"];
        if timestamp_formats.iter().any(|f| chrono::NaiveDateTime::parse_from_str(value, f).is_ok())
            || chrono::DateTime::parse_from_rfc3339(value).is_ok()
        {
            return Inferred::Timestamp;
        }
        Inferred::String
    }

    /// Spark's `compatibleType` for two inferred types.
    pub fn merge(a: Inferred, b: Inferred) -> Inferred {
        use Inferred::*;
        match (a, b) {
            (x, y) if x == y => x,
            (Null, x) | (x, Null) => x,
            (Integer | Long | Double, Integer | Long | Double) => a.max(b),
            (Date, Timestamp) | (Timestamp, Date) => Timestamp,
            _ => String,
        }
    }

    fn arrow(inferred: Inferred) -> DataType {
        match inferred {
            Inferred::Integer => DataType::Int32,
            Inferred::Long => DataType::Int64,
            Inferred::Double => DataType::Float64,
            Inferred::Boolean => DataType::Boolean,
            Inferred::Date => DataType::Date32,
            Inferred::Timestamp => timestamp_type(),
            Inferred::Null | Inferred::String => DataType::Utf8,
        }
    }

    /// The schema of CSV files: column names from the header (or `_c0`, `_c1`, ...), and
    /// types inferred when `infer` is set, strings otherwise.
    pub fn infer(files: &[DataFile], options: &BTreeMap<String, String>) -> Result<Schema> {
        let header = flag(options, "header");
        let infer = flag(options, "inferSchema");
        let null_value = option(options, "nullValue").unwrap_or("");
        let mut names: Vec<String> = Vec::new();
        let mut types: Vec<Inferred> = Vec::new();
        let charset = super::super::charsets::charset(options, "CSVOptions")?;
        for (index, (file, _)) in files.iter().enumerate() {
            let content = read_data_file(file)?;
            let (first, records) = super::super::csv_source::file_records(&super::super::csv_source::decode_file(&content, &charset, flag(options, "multiLine")), options)?;
            if let Some(first) = first {
                if index == 0 || names.is_empty() {
                    names = first.iter().enumerate().map(|(i, n)| if n.is_empty() { format!("_c{i}") } else { n.to_string() }).collect();
                }
            }
            for record in records {
                if names.is_empty() && !header {
                    names = (0..record.len()).map(|i| format!("_c{i}")).collect();
                }
                if names.len() < record.len() && !header {
                    names.extend((names.len()..record.len()).map(|i| format!("_c{i}")));
                }
                if types.len() < names.len() {
                    types.resize(names.len(), Inferred::Null);
                }
                if !infer {
                    continue;
                }
                for (position, value) in record.iter().enumerate().take(names.len()) {
                    if value.is_empty() || value == null_value {
                        continue;
                    }
                    if types[position] == Inferred::String {
                        continue;
                    }
                    types[position] = merge(types[position], infer_value(value));
                }
            }
        }
        types.resize(names.len(), Inferred::Null);
        let fields = names
            .iter()
            .zip(&types)
            .map(|(name, inferred)| Field::new(name, if infer { arrow(*inferred) } else { DataType::Utf8 }, true))
            .collect::<Vec<_>>();
        Ok(Schema::new(fields))
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn infers_like_spark() {
            assert_eq!(infer_value("34"), Inferred::Integer);
            assert_eq!(infer_value("3000000000"), Inferred::Long);
            assert_eq!(infer_value("120000.50"), Inferred::Double);
            assert_eq!(infer_value("2019-03-15"), Inferred::Date);
            assert_eq!(infer_value("2019-03-15 10:00:00"), Inferred::Timestamp);
            assert_eq!(infer_value("2013-01-01T10:00:00Z"), Inferred::Timestamp);
            assert_eq!(infer_value("True"), Inferred::Boolean);
            assert_eq!(infer_value("inf"), Inferred::String);
            assert_eq!(merge(Inferred::Integer, Inferred::Double), Inferred::Double);
            assert_eq!(merge(Inferred::Integer, Inferred::Date), Inferred::String);
            assert_eq!(merge(Inferred::Null, Inferred::Date), Inferred::Date);
        }
    }
}
