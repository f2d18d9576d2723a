//! Spark's VARIANT type and its functions: `parse_json`, `try_parse_json`, `variant_get`,
//! `try_variant_get`, `is_variant_null`, `schema_of_variant`, `schema_of_variant_agg`,
//! `to_variant_object`, and `to_json` of a variant.
//!
//! A VARIANT column is Spark's Arrow form of it (`ArrowUtils.toArrowField`): a struct of
//! two non-NULL binary fields, `value` and `metadata`, holding the Variant encoding
//! (parquet-variant's, the one Spark's `VariantVal` uses).
mod decode;
mod encode;

use std::sync::Arc;

use datafusion::arrow::array::{Array, ArrayRef, AsArray, BinaryBuilder, BooleanArray, ListArray, StringArray, StringBuilder, StructArray};
use datafusion::arrow::buffer::OffsetBuffer;
use datafusion::arrow::datatypes::{DataType, Field, FieldRef, Fields};
use datafusion::common::ScalarValue;
use datafusion::error::{DataFusionError, Result};
use datafusion::logical_expr::function::{AccumulatorArgs, StateFieldsArgs};
use datafusion::logical_expr::{
    Accumulator, AggregateUDF, AggregateUDFImpl, ColumnarValue, ReturnFieldArgs, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature, Volatility,
};
use datafusion::prelude::SessionContext;
use parquet_variant::Variant;

use super::runtime_error;
use crate::engine::local::error::EngineError;

/// The Arrow type of a Spark VARIANT.
pub fn variant_type() -> DataType {
    DataType::Struct(Fields::from(vec![Field::new("value", DataType::Binary, false), Field::new("metadata", DataType::Binary, false)]))
}

pub use crate::spark::type_text::is_variant;

/// The variant at `row` of a VARIANT column, as JSON text (`None` for NULL).
pub fn json_at(array: &dyn Array, row: usize) -> Option<String> {
    with_variant(array, row, |v| decode::to_json(&v))
}

/// PySpark's JSON text of a variant given by its bytes (Python's `VariantVal.toJson`,
/// which keeps a decimal's scale: `1.50`).
pub fn json_of_bytes(value: &[u8], metadata: &[u8]) -> Option<String> {
    Variant::try_new(metadata, value).ok().map(|v| decode::to_json_keeping_scale(&v))
}

fn with_variant<T>(array: &dyn Array, row: usize, read: impl FnOnce(Variant) -> T) -> Option<T> {
    if array.is_null(row) {
        return None;
    }
    let parts = array.as_struct_opt()?;
    let value = parts.column(0).as_binary_opt::<i32>()?.value(row);
    let metadata = parts.column(1).as_binary_opt::<i32>()?.value(row);
    Variant::try_new(metadata, value).ok().map(read)
}

/// Registers the functions.
pub fn register(context: &SessionContext) {
    for kind in [Kind::ParseJson, Kind::TryParseJson, Kind::VariantGet, Kind::TryVariantGet, Kind::IsVariantNull, Kind::SchemaOfVariant, Kind::ToVariantObject] {
        context.register_udf(ScalarUDF::from(VariantFunction { kind, signature: Signature::variadic_any(Volatility::Immutable) }));
    }
    context.register_udaf(AggregateUDF::from(SchemaOfVariantAgg { signature: Signature::any(1, Volatility::Immutable) }));
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Kind {
    ParseJson,
    TryParseJson,
    VariantGet,
    TryVariantGet,
    IsVariantNull,
    SchemaOfVariant,
    ToVariantObject,
}

#[derive(Debug, PartialEq, Eq, Hash)]
struct VariantFunction {
    kind: Kind,
    signature: Signature,
}

/// A column of variants from encoded values (`None` for NULL).
fn variants(values: Vec<Option<encode::Encoded>>) -> ArrayRef {
    let (mut value_bytes, mut metadata_bytes) = (BinaryBuilder::new(), BinaryBuilder::new());
    let mut valid = Vec::with_capacity(values.len());
    for encoded in &values {
        match encoded {
            Some((value, metadata)) => {
                value_bytes.append_value(value);
                metadata_bytes.append_value(metadata);
            }
            None => {
                value_bytes.append_value([]);
                metadata_bytes.append_value([]);
            }
        }
        valid.push(encoded.is_some());
    }
    let DataType::Struct(fields) = variant_type() else { unreachable!("a variant is a struct") };
    Arc::new(StructArray::new(fields, vec![Arc::new(value_bytes.finish()), Arc::new(metadata_bytes.finish())], Some(valid.into())))
}

/// The target type of `variant_get(v, path[, type])`: VARIANT without one.
fn target_type(argument: Option<&Option<&ScalarValue>>) -> Result<DataType> {
    match argument {
        None => Ok(variant_type()),
        Some(Some(ScalarValue::Utf8(Some(text)) | ScalarValue::LargeUtf8(Some(text)) | ScalarValue::Utf8View(Some(text)))) => {
            crate::engine::local::types::parse_spark_type(text).map_err(DataFusionError::from)
        }
        _ => Err(DataFusionError::External(Box::new(EngineError::analysis(
            "DATATYPE_MISMATCH.NON_FOLDABLE_INPUT",
            "The target type of variant_get must be a constant string.".to_string(),
            &[],
        )))),
    }
}

impl ScalarUDFImpl for VariantFunction {
    fn name(&self) -> &str {
        match self.kind {
            Kind::ParseJson => "parse_json",
            Kind::TryParseJson => "try_parse_json",
            Kind::VariantGet => "variant_get",
            Kind::TryVariantGet => "try_variant_get",
            Kind::IsVariantNull => "is_variant_null",
            Kind::SchemaOfVariant => "schema_of_variant",
            Kind::ToVariantObject => "to_variant_object",
        }
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Err(DataFusionError::Internal("return_field_from_args is used".into()))
    }

    fn return_field_from_args(&self, args: ReturnFieldArgs) -> Result<FieldRef> {
        let arity = match self.kind {
            Kind::VariantGet | Kind::TryVariantGet => 2..=3,
            _ => 1..=1,
        };
        super::check_argument_count(self.name(), args.arg_fields.len(), arity)?;
        let input_nullable = args.arg_fields.first().is_none_or(|f| f.is_nullable());
        let (data_type, nullable) = match self.kind {
            Kind::ParseJson | Kind::ToVariantObject => (variant_type(), input_nullable),
            Kind::TryParseJson => (variant_type(), true),
            Kind::VariantGet | Kind::TryVariantGet => (target_type(args.scalar_arguments.get(2))?, true),
            Kind::IsVariantNull => (DataType::Boolean, false),
            Kind::SchemaOfVariant => (DataType::Utf8, input_nullable),
        };
        Ok(Arc::new(Field::new(self.name(), data_type, nullable)))
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let rows = args.number_rows;
        let input = args.args[0].to_array(rows)?;
        let result: ArrayRef = match self.kind {
            Kind::ParseJson | Kind::TryParseJson => {
                let texts = datafusion::arrow::compute::cast(&input, &DataType::Utf8)?;
                let texts = texts.as_string::<i32>();
                let mut out = Vec::with_capacity(rows);
                for row in 0..rows {
                    if texts.is_null(row) {
                        out.push(None);
                        continue;
                    }
                    let text = texts.value(row);
                    match encode::parse_json(text) {
                        Some(encoded) => out.push(Some(encoded)),
                        None if self.kind == Kind::TryParseJson => out.push(None),
                        None => {
                            return Err(runtime_error(
                                "MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION",
                                format!("Malformed records are detected in record parsing: {text}.\nParse Mode: FAILFAST. To process malformed records as null result, try setting the option 'mode' as 'PERMISSIVE'."),
                                &[("badRecord", text.to_string()), ("failFastMode", "FAILFAST".into())],
                            ))
                        }
                    }
                }
                variants(out)
            }
            Kind::ToVariantObject => {
                variants((0..rows).map(|row| if input.is_null(row) { None } else { encode::of_value(input.as_ref(), row) }).collect())
            }
            Kind::IsVariantNull => Arc::new((0..rows).map(|row| Some(with_variant(input.as_ref(), row, |v| matches!(v, Variant::Null)).unwrap_or(false))).collect::<BooleanArray>()),
            Kind::SchemaOfVariant => Arc::new((0..rows).map(|row| with_variant(input.as_ref(), row, |v| decode::schema_of(&v).sql())).collect::<StringArray>()),
            Kind::VariantGet | Kind::TryVariantGet => {
                let paths = args.args[1].to_array(rows)?;
                let paths = datafusion::arrow::compute::cast(&paths, &DataType::Utf8)?;
                self.variant_get(input.as_ref(), paths.as_string::<i32>(), args.return_field.data_type())?
            }
        };
        Ok(ColumnarValue::Array(result))
    }
}

impl VariantFunction {
    /// `variant_get`/`try_variant_get` over a column: the value each path reaches, cast to
    /// `target`; NULL where the path reaches nothing.
    fn variant_get(&self, input: &dyn Array, paths: &StringArray, target: &DataType) -> Result<ArrayRef> {
        let strict = self.kind == Kind::VariantGet;
        let rows = input.len();
        if is_variant(target) {
            let mut out = Vec::with_capacity(rows);
            for row in 0..rows {
                let steps = if paths.is_null(row) { None } else { Some(self.steps(paths.value(row))?) };
                out.push(steps.and_then(|steps| with_variant(input, row, |v| decode::follow(v, &steps).and_then(|found| reencode(&found))).flatten()));
            }
            return Ok(variants(out));
        }
        let atomic = !matches!(target, DataType::List(_) | DataType::Struct(_) | DataType::Map(..));
        let mut values = Vec::with_capacity(rows);
        let mut texts = StringBuilder::new();
        for row in 0..rows {
            let steps = if paths.is_null(row) { None } else { Some(self.steps(paths.value(row))?) };
            let found: Option<Result<ScalarValue, String>> = steps
                .and_then(|steps| {
                    with_variant(input, row, |v| {
                        decode::follow(v, &steps).map(|found| {
                            if atomic {
                                decode::cast_atomic(&found, target).map_err(|()| decode::to_json(&found))
                            } else if matches!(found, Variant::Null) {
                                Ok(ScalarValue::Null)
                            } else {
                                Ok(ScalarValue::Utf8(Some(decode::to_json(&found))))
                            }
                        })
                    })
                })
                .flatten();
            match found {
                Some(Ok(value)) if atomic => values.push(value),
                Some(Ok(ScalarValue::Utf8(Some(json)))) => texts.append_value(json),
                Some(Err(json)) if strict => {
                    let type_name = crate::engine::local::types::spark_sql_type_name(target);
                    return Err(runtime_error(
                        "INVALID_VARIANT_CAST",
                        format!("The variant value `{json}` cannot be cast into `\"{type_name}\"`. Please use `try_variant_get` instead."),
                        &[("value", json.clone()), ("dataType", format!("\"{type_name}\""))],
                    ));
                }
                _ if atomic => values.push(ScalarValue::try_from(target)?),
                _ => texts.append_null(),
            }
        }
        if atomic {
            if values.is_empty() {
                return Ok(datafusion::arrow::array::new_empty_array(target));
            }
            return Ok(ScalarValue::iter_to_array(values)?);
        }
        // Arrays, maps and structs are read from the value's JSON, as `from_json` reads it.
        let texts: ArrayRef = Arc::new(texts.finish());
        super::json::from_json_texts(&texts, target)
    }

    /// A path's steps, or Spark's `INVALID_VARIANT_GET_PATH`.
    fn steps(&self, path: &str) -> Result<Vec<decode::Step>> {
        decode::parse_path(path).ok_or_else(|| {
            runtime_error(
                "INVALID_VARIANT_GET_PATH",
                format!("The path `{path}` is not a valid variant extraction path in ``{}``.", self.name()),
                &[("path", path.to_string()), ("functionName", format!("`{}`", self.name()))],
            )
        })
    }
}

/// A variant value found inside another, as a variant of its own.
fn reencode(found: &Variant) -> Option<encode::Encoded> {
    let mut builder = parquet_variant::VariantBuilder::new();
    builder.try_append_value(found.clone()).ok()?;
    encode::finish(builder)
}

/// Spark's `schema_of_variant_agg`: the merged schema of a group's variants.
#[derive(Debug, PartialEq, Eq, Hash)]
struct SchemaOfVariantAgg {
    signature: Signature,
}

impl AggregateUDFImpl for SchemaOfVariantAgg {
    fn name(&self) -> &str {
        "schema_of_variant_agg"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Utf8)
    }

    fn state_fields(&self, args: StateFieldsArgs) -> Result<Vec<FieldRef>> {
        Ok(vec![Arc::new(Field::new(format!("{}_schemas", args.name), DataType::List(Arc::new(Field::new_list_field(variant_type(), true))), true))])
    }

    fn accumulator(&self, _args: AccumulatorArgs) -> Result<Box<dyn Accumulator>> {
        Ok(Box::new(SchemaAccumulator { schema: None, seen: Vec::new() }))
    }
}

/// The merged schema so far; the variants' bytes are kept only to hand partial states on.
#[derive(Debug)]
struct SchemaAccumulator {
    schema: Option<decode::Schema>,
    seen: Vec<encode::Encoded>,
}

impl SchemaAccumulator {
    fn add(&mut self, array: &dyn Array) {
        for row in 0..array.len() {
            if let Some(Some((schema, encoded))) = with_variant(array, row, |v| reencode(&v).map(|e| (decode::schema_of(&v), e))) {
                self.schema = Some(match self.schema.take() {
                    Some(existing) => decode::merge(existing, schema),
                    None => schema,
                });
                self.seen.push(encoded);
            }
        }
    }
}

impl Accumulator for SchemaAccumulator {
    fn update_batch(&mut self, values: &[ArrayRef]) -> Result<()> {
        if let Some(values) = values.first() {
            self.add(values.as_ref());
        }
        Ok(())
    }

    fn merge_batch(&mut self, states: &[ArrayRef]) -> Result<()> {
        if let Some(lists) = states.first() {
            let lists = lists.as_list::<i32>();
            for row in 0..lists.len() {
                if !lists.is_null(row) {
                    self.add(lists.value(row).as_ref());
                }
            }
        }
        Ok(())
    }

    fn state(&mut self) -> Result<Vec<ScalarValue>> {
        let array = variants(self.seen.iter().cloned().map(Some).collect());
        let list = ListArray::new(Arc::new(Field::new_list_field(variant_type(), true)), OffsetBuffer::from_lengths([array.len()]), array, None);
        Ok(vec![ScalarValue::List(Arc::new(list))])
    }

    fn evaluate(&mut self) -> Result<ScalarValue> {
        Ok(ScalarValue::Utf8(Some(self.schema.as_ref().map_or_else(|| "VOID".to_string(), decode::Schema::sql))))
    }

    fn size(&self) -> usize {
        std::mem::size_of_val(self) + self.seen.iter().map(|(v, m)| v.len() + m.len()).sum::<usize>()
    }
}
