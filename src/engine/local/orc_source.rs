//! Spark's ORC data source (`spark.read.orc`, `DataFrame.write.orc`) on the `orc-rust`
//! crate: files are read into Arrow batches, the schema is the first file's (Spark's
//! default without `mergeSchema`), every column nullable as Spark reads file sources, and
//! timestamps come back as Spark's microsecond instants. Part files are compressed by
//! the `compression` option, Spark's default ORC codec being zstd (`.zstd.orc`).
use std::collections::BTreeMap;
use std::fs::File;
use std::path::PathBuf;
use std::sync::Arc;

use datafusion::arrow::array::RecordBatch;
use datafusion::arrow::datatypes::{DataType, Field, Schema, SchemaRef};
use orc_rust::arrow_reader::ArrowReaderBuilder;
use orc_rust::arrow_writer::ArrowWriterBuilder;
use orc_rust::compression::CompressionType;
use orc_rust::schema::TimestampPrecision;

use super::error::{EngineError, Result};

fn orc_error(error: orc_rust::error::OrcError) -> EngineError {
    EngineError::from(datafusion::error::DataFusionError::External(Box::new(error)))
}

/// The Spark type an ORC column is read as: timestamps become microsecond instants (Spark's
/// TIMESTAMP), large strings and binaries their plain forms.
fn spark_type(data_type: &DataType) -> DataType {
    match data_type {
        DataType::Timestamp(_, _) => crate::engine::local::types::timestamp_type(),
        DataType::LargeUtf8 => DataType::Utf8,
        DataType::LargeBinary => DataType::Binary,
        other => other.clone(),
    }
}

/// The schema of the first file, its columns nullable and typed as Spark reads them.
pub fn schema(files: &[(PathBuf, Vec<(String, String)>)]) -> Result<Schema> {
    let Some((first, _)) = files.first() else {
        return Err(EngineError::analysis(
            "UNABLE_TO_INFER_SCHEMA",
            "Unable to infer schema for ORC. It must be specified manually.".to_string(),
            &[("format", "ORC".to_string())],
        ));
    };
    // A file that cannot be opened is named, as Java's `FileNotFoundException` names it.
    let opened = File::open(first).map_err(|e| crate::codec::naming_path(first, e))?;
    let builder = ArrowReaderBuilder::try_new(opened).map_err(orc_error)?.with_timestamp_precision(TimestampPrecision::Microsecond);
    let fields: Vec<Field> = builder.schema().fields().iter().map(|f| Field::new(f.name(), spark_type(f.data_type()), true)).collect();
    Ok(Schema::new(fields))
}

/// Reads each file's rows into batches of `schema`, a column missing from a file as NULLs.
pub fn read(files: &[(PathBuf, Vec<(String, String)>)], _options: &BTreeMap<String, String>, schema: &Schema) -> Result<Vec<Vec<RecordBatch>>> {
    let target: SchemaRef = Arc::new(schema.clone());
    let mut result = Vec::with_capacity(files.len());
    for (file, _) in files {
        let opened = File::open(file).map_err(|e| super::io_read::unopenable(file, e))?;
        let reader = ArrowReaderBuilder::try_new(opened).map_err(orc_error)?.with_timestamp_precision(TimestampPrecision::Microsecond).build();
        let mut batches = Vec::new();
        for batch in reader {
            let batch = batch.map_err(datafusion::error::DataFusionError::from)?;
            let columns = target
                .fields()
                .iter()
                .map(|field| match batch.schema().index_of(field.name()) {
                    Ok(index) => Ok(datafusion::arrow::compute::cast(batch.column(index), field.data_type()).map_err(datafusion::error::DataFusionError::from)?),
                    Err(_) => Ok(datafusion::arrow::array::new_null_array(field.data_type(), batch.num_rows())),
                })
                .collect::<Result<Vec<_>>>()?;
            batches.push(RecordBatch::try_new_with_options(target.clone(), columns, &datafusion::arrow::array::RecordBatchOptions::new().with_row_count(Some(batch.num_rows()))).map_err(datafusion::error::DataFusionError::from)?);
        }
        result.push(batches);
    }
    Ok(result)
}

/// Whether the ORC writer takes a column of this type.
fn writable(data_type: &DataType) -> bool {
    matches!(
        data_type,
        DataType::Boolean | DataType::Int8 | DataType::Int16 | DataType::Int32 | DataType::Int64 | DataType::Float32 | DataType::Float64 | DataType::Utf8 | DataType::LargeUtf8 | DataType::Binary | DataType::LargeBinary | DataType::Date32 | DataType::Timestamp(_, _)
    )
}

/// Spark's error for a column the ORC writer cannot store here.
pub fn check_schema(schema: &Schema) -> Result<()> {
    for field in schema.fields() {
        if !writable(field.data_type()) {
            let type_name = crate::engine::local::types::spark_sql_type_name(field.data_type());
            return Err(EngineError::analysis(
                "UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE",
                format!("The ORC datasource doesn't support the column `{}` of the type \"{type_name}\".", field.name()),
                &[("columnName", format!("`{}`", field.name())), ("columnType", format!("\"{type_name}\"")), ("format", "ORC".to_string())],
            ));
        }
    }
    Ok(())
}

/// The codec of the `compression` (or `orc.compress`) option and its file-name infix
/// (`part-…-c000.zstd.orc`); Spark's default is zstd.
pub fn codec(options: &BTreeMap<String, String>) -> Result<(Option<CompressionType>, &'static str)> {
    let name = super::io_read::option(options, "compression").or_else(|| super::io_read::option(options, "orc.compress")).unwrap_or("zstd");
    Ok(match name.to_ascii_lowercase().as_str() {
        "zstd" => (Some(CompressionType::Zstd), ".zstd"),
        "snappy" => (Some(CompressionType::Snappy), ".snappy"),
        "zlib" => (Some(CompressionType::Zlib), ".zlib"),
        "lz4" => (Some(CompressionType::Lz4), ".lz4"),
        "none" | "uncompressed" => (None, ""),
        other => {
            return Err(EngineError::spark(
                super::error::ErrorClass::IllegalArgument,
                "CODEC_NOT_AVAILABLE.WITH_AVAILABLE_CODECS_SUGGESTION",
                format!("The codec {other} is not available. Available codecs are none, uncompressed, snappy, zlib, lz4, zstd."),
                &[("codecName", other.to_string()), ("availableCodecs", "none, uncompressed, snappy, zlib, lz4, zstd".to_string())],
            ))
        }
    })
}

/// Writes one part file of `batches` to `output`, compressed by `codec`. Instants are
/// stored as ORC's `timestamp with local time zone` in UTC.
pub fn write<W: std::io::Write + Send>(output: W, schema: &SchemaRef, batches: &[RecordBatch], codec: Option<CompressionType>) -> Result<()> {
    let utc = |data_type: &DataType| match data_type {
        DataType::Timestamp(unit, Some(_)) => DataType::Timestamp(*unit, Some(Arc::from("UTC"))),
        DataType::Timestamp(unit, None) => DataType::Timestamp(*unit, None),
        other => other.clone(),
    };
    let stored: SchemaRef = Arc::new(Schema::new(schema.fields().iter().map(|f| Field::new(f.name(), utc(f.data_type()), true)).collect::<Vec<_>>()));
    let builder = ArrowWriterBuilder::new(output, stored.clone());
    let builder = match codec {
        Some(codec) => builder.with_compression(codec),
        None => builder,
    };
    let mut writer = builder.try_build().map_err(orc_error)?;
    for batch in batches {
        let columns = batch.columns().iter().zip(stored.fields()).map(|(column, field)| datafusion::arrow::compute::cast(column, field.data_type())).collect::<std::result::Result<Vec<_>, _>>().map_err(datafusion::error::DataFusionError::from)?;
        let batch = RecordBatch::try_new(stored.clone(), columns).map_err(datafusion::error::DataFusionError::from)?;
        writer.write(&batch).map_err(orc_error)?;
    }
    writer.close().map_err(orc_error)?;
    Ok(())
}
