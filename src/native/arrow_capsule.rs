//! Results handed to Python through the Arrow C Data Interface: PyCapsules named
//! `arrow_array_stream` and `arrow_schema`, as the Arrow PyCapsule Interface
//! (`__arrow_c_stream__`, `__arrow_c_schema__`) defines them. pyarrow, polars and duckdb
//! read them without copying the buffers.
use datafusion::arrow::datatypes::SchemaRef;
use datafusion::arrow::ffi::FFI_ArrowSchema;
use datafusion::arrow::ffi_stream::{ArrowArrayStreamReader, FFI_ArrowArrayStream};
use datafusion::arrow::record_batch::{RecordBatch, RecordBatchIterator};
use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::types::{PyCapsule, PyCapsuleMethods};

/// Timestamps tagged with the session time zone, as PySpark's Arrow conversion tags them.
pub fn zoned(schema: &SchemaRef, batches: &[RecordBatch]) -> (SchemaRef, Vec<RecordBatch>) {
    let batches: Vec<RecordBatch> = batches.iter().map(crate::spark::session_zone::zoned_batch).collect();
    let schema = batches.first().map(|b| b.schema()).unwrap_or_else(|| crate::spark::session_zone::zoned_batch(&RecordBatch::new_empty(schema.clone())).schema());
    (schema, batches)
}

/// `batches` as a single batch when every column is a fixed-width number, so that
/// pyarrow's `Table.to_pandas` can give pandas the column buffers as they are: a column
/// of many chunks is copied into one there, under the GIL. The copy made here runs
/// without the GIL, while `toPandas` waits for pandas to import. Other batches, and any
/// that cannot be joined, are returned unchanged.
pub fn contiguous(schema: &SchemaRef, batches: Vec<RecordBatch>) -> Vec<RecordBatch> {
    let numeric = schema.fields().iter().all(|f| f.data_type().is_numeric());
    if batches.len() < 2 || !numeric || schema.fields().is_empty() {
        return batches;
    }
    match datafusion::arrow::compute::concat_batches(schema, &batches) {
        Ok(batch) => vec![batch],
        Err(_) => batches,
    }
}

/// An `arrow_array_stream` capsule over `batches`. The consumer moves the stream out; a
/// stream never taken is released when the capsule is freed.
pub fn stream_capsule<'py>(py: Python<'py>, schema: SchemaRef, batches: Vec<RecordBatch>) -> PyResult<Bound<'py, PyCapsule>> {
    let reader = RecordBatchIterator::new(batches.into_iter().map(Ok), schema);
    let stream = FFI_ArrowArrayStream::new(Box::new(reader));
    PyCapsule::new_with_value(py, stream, c"arrow_array_stream")
}

/// An `arrow_schema` capsule describing `schema` (as a struct of its fields).
pub fn schema_capsule<'py>(py: Python<'py>, schema: &SchemaRef) -> PyResult<Bound<'py, PyCapsule>> {
    let exported = FFI_ArrowSchema::try_from(schema.as_ref()).map_err(|e| PyRuntimeError::new_err(e.to_string()))?;
    PyCapsule::new_with_value(py, exported, c"arrow_schema")
}

/// The batches of an `arrow_array_stream` capsule, each column cast to the type of the
/// same position in `schema` (Spark's Arrow types: `large_string` read as `string`, ...).
/// The stream is moved out of the capsule, which then holds a released stream.
pub fn import_stream(capsule: &Bound<'_, PyCapsule>, schema: &SchemaRef) -> PyResult<Vec<RecordBatch>> {
    use datafusion::arrow::compute::{cast_with_options, CastOptions};
    let error = |e: datafusion::arrow::error::ArrowError| PyRuntimeError::new_err(e.to_string());
    let pointer = capsule.pointer_checked(Some(c"arrow_array_stream"))?.as_ptr() as *mut FFI_ArrowArrayStream;
    // Safety: the capsule's name says it holds an ArrowArrayStream; `from_raw` moves it
    // out and leaves a released one behind, as the C stream interface prescribes.
    let reader = unsafe { ArrowArrayStreamReader::from_raw(pointer) }.map_err(error)?;
    let options = CastOptions { safe: false, ..Default::default() };
    let mut batches = Vec::new();
    for batch in reader {
        let batch = batch.map_err(error)?;
        if batch.num_columns() != schema.fields().len() {
            return Err(PyRuntimeError::new_err("the Arrow stream's columns do not match the schema"));
        }
        let columns = batch
            .columns()
            .iter()
            .zip(schema.fields())
            .map(|(column, field)| cast_with_options(column, field.data_type(), &options))
            .collect::<Result<Vec<_>, _>>()
            .map_err(error)?;
        let options = datafusion::arrow::array::RecordBatchOptions::new().with_row_count(Some(batch.num_rows()));
        batches.push(RecordBatch::try_new_with_options(schema.clone(), columns, &options).map_err(error)?);
    }
    Ok(batches)
}
