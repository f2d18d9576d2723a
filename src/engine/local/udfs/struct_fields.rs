//! Spark's `Column.withField` and `Column.dropFields` (Spark's `UpdateFields` with
//! `WithField` and `DropField`): a struct with one field set (replaced in place, or added
//! last) or with fields removed, at a dotted path of nested structs (`"e.f"`).
use std::sync::Arc;

use datafusion::arrow::array::{Array, ArrayRef, AsArray, StructArray};
use datafusion::arrow::datatypes::{DataType, Field, FieldRef, Fields};
use datafusion::common::ScalarValue;
use datafusion::error::{DataFusionError, Result};
use datafusion::logical_expr::{ColumnarValue, ReturnFieldArgs, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature, Volatility};
use datafusion::prelude::SessionContext;

use crate::engine::local::error::EngineError;

/// `update_fields(struct, 'with', path, value)` or `update_fields(struct, 'drop', path...)`.
pub const UPDATE_FIELDS: &str = "update_fields";

/// Registers the function.
pub fn register(context: &SessionContext) {
    context.register_udf(ScalarUDF::from(UpdateFields { signature: Signature::variadic_any(Volatility::Immutable) }));
}

#[derive(Debug, PartialEq, Eq, Hash)]
struct UpdateFields {
    signature: Signature,
}

/// One change to a struct.
enum Change<'a> {
    With(Vec<&'a str>, DataType),
    Drop(Vec<&'a str>),
}

fn text_argument(value: Option<&ScalarValue>) -> Result<&str> {
    match value {
        Some(ScalarValue::Utf8(Some(text))) => Ok(text.as_str()),
        _ => Err(DataFusionError::Plan(format!("{UPDATE_FIELDS} takes literal field names"))),
    }
}

/// The changes the call's literal arguments ask for.
fn changes<'a>(scalars: &[Option<&'a ScalarValue>], types: &[DataType]) -> Result<Vec<Change<'a>>> {
    match text_argument(scalars.get(1).copied().flatten())? {
        "with" => Ok(vec![Change::With(text_argument(scalars.get(2).copied().flatten())?.split('.').collect(), types.get(3).cloned().unwrap_or(DataType::Null))]),
        _ => (2..scalars.len()).map(|i| Ok(Change::Drop(text_argument(scalars[i])?.split('.').collect()))).collect(),
    }
}

/// The struct type after `change`; dropping every field is Spark's
/// `DATATYPE_MISMATCH.CANNOT_DROP_ALL_FIELDS`.
fn changed_type(fields: &Fields, path: &[&str], with: Option<&DataType>) -> Result<Fields> {
    let Some((name, rest)) = path.split_first() else {
        return Ok(fields.clone());
    };
    let position = fields.iter().position(|f| f.name().eq_ignore_ascii_case(name));
    let mut out: Vec<FieldRef> = fields.iter().cloned().collect();
    match (position, rest.is_empty(), with) {
        (Some(at), true, Some(data_type)) => out[at] = Arc::new(Field::new(out[at].name(), data_type.clone(), true)),
        (None, true, Some(data_type)) => out.push(Arc::new(Field::new(*name, data_type.clone(), true))),
        (Some(at), true, None) => {
            out.remove(at);
        }
        (None, true, None) => {}
        (Some(at), false, _) => match out[at].data_type() {
            DataType::Struct(inner) => {
                let inner = changed_type(inner, rest, with)?;
                out[at] = Arc::new(Field::new(out[at].name(), DataType::Struct(inner), true));
            }
            other => return Err(DataFusionError::Plan(format!("field {name} is {other}, not a struct"))),
        },
        (None, false, _) => return Err(DataFusionError::Plan(format!("no struct field {name}"))),
    }
    if out.is_empty() {
        return Err(EngineError::analysis(
            "DATATYPE_MISMATCH.CANNOT_DROP_ALL_FIELDS",
            "Cannot resolve \"update_fields\" due to data type mismatch: Cannot drop all fields in struct.",
            &[],
        )
        .into());
    }
    Ok(out.into())
}

/// The struct array after a change (`value` for a field set).
fn changed_array(array: &StructArray, path: &[&str], value: Option<&ArrayRef>) -> Result<StructArray> {
    let Some((name, rest)) = path.split_first() else {
        return Ok(array.clone());
    };
    let fields = array.fields();
    let position = fields.iter().position(|f| f.name().eq_ignore_ascii_case(name));
    let mut columns: Vec<ArrayRef> = array.columns().to_vec();
    let mut out: Vec<FieldRef> = fields.iter().cloned().collect();
    match (position, rest.is_empty(), value) {
        (Some(at), true, Some(value)) => {
            columns[at] = value.clone();
            out[at] = Arc::new(Field::new(out[at].name(), value.data_type().clone(), true));
        }
        (None, true, Some(value)) => {
            columns.push(value.clone());
            out.push(Arc::new(Field::new(*name, value.data_type().clone(), true)));
        }
        (Some(at), true, None) => {
            columns.remove(at);
            out.remove(at);
        }
        (None, true, None) => {}
        (Some(at), false, _) => {
            let inner = changed_array(columns[at].as_struct(), rest, value)?;
            out[at] = Arc::new(Field::new(out[at].name(), inner.data_type().clone(), true));
            columns[at] = Arc::new(inner);
        }
        (None, false, _) => return Err(DataFusionError::Plan(format!("no struct field {name}"))),
    }
    Ok(StructArray::try_new(out.into(), columns, array.nulls().cloned())?)
}

impl ScalarUDFImpl for UpdateFields {
    fn name(&self) -> &str {
        UPDATE_FIELDS
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Err(DataFusionError::Internal(format!("{UPDATE_FIELDS} types itself from its arguments")))
    }

    fn return_field_from_args(&self, args: ReturnFieldArgs) -> Result<FieldRef> {
        let types: Vec<DataType> = args.arg_fields.iter().map(|f| f.data_type().clone()).collect();
        let DataType::Struct(fields) = &types[0] else {
            let found = crate::engine::local::types::spark_sql_type_name(&types[0]);
            return Err(EngineError::unexpected_input_type(UPDATE_FIELDS, 0, "STRUCT", &found).into());
        };
        let mut fields = fields.clone();
        for change in changes(args.scalar_arguments, &types)? {
            fields = match change {
                Change::With(path, data_type) => changed_type(&fields, &path, Some(&data_type))?,
                Change::Drop(path) => changed_type(&fields, &path, None)?,
            };
        }
        Ok(Arc::new(Field::new(UPDATE_FIELDS, DataType::Struct(fields), args.arg_fields[0].is_nullable())))
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let rows = args.number_rows;
        let arrays = args.args.iter().map(|a| a.to_array(rows)).collect::<Result<Vec<ArrayRef>>>()?;
        let scalars: Vec<Option<ScalarValue>> = args.args.iter().map(|a| if let ColumnarValue::Scalar(s) = a { Some(s.clone()) } else { None }).collect();
        let scalar_refs: Vec<Option<&ScalarValue>> = scalars.iter().map(Option::as_ref).collect();
        let types: Vec<DataType> = arrays.iter().map(|a| a.data_type().clone()).collect();
        let mut result = arrays[0].as_struct().clone();
        for change in changes(&scalar_refs, &types)? {
            result = match change {
                Change::With(path, _) => changed_array(&result, &path, Some(&arrays[3]))?,
                Change::Drop(path) => changed_array(&result, &path, None)?,
            };
        }
        // The result's field types are those the plan was given.
        let result: ArrayRef = Arc::new(result);
        let result = datafusion::arrow::compute::cast(&result, args.return_field.data_type())?;
        Ok(ColumnarValue::Array(result))
    }
}
