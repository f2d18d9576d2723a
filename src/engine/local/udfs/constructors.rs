//! Spark's nullability for the constructors of nested values: `named_struct` (and
//! `struct`, Spark's `CreateNamedStruct`), `array` (`CreateArray`) and `map` (`CreateMap`).
//! In Spark the value built is never NULL, a struct field is nullable when its value is,
//! and an array's elements or a map's values are nullable when any of the values given
//! is. DataFusion's constructors, which compute the values, say that every part may be
//! NULL, and their kernels expect that of their inputs; `SparkConstructor` wraps one,
//! states that the value is never NULL, and records Spark's nullability of its nested
//! fields in the field's metadata (`spark::type_text::SPARK_NULLABILITY`), which Spark's
//! schema shows.
use std::sync::{Arc, OnceLock};

use datafusion::arrow::datatypes::{DataType, Field, FieldRef, Fields};
use datafusion::error::Result;
use datafusion::logical_expr::{ColumnarValue, Expr, ReturnFieldArgs, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature};

use crate::spark::type_text::{nested_nullability, spark_view, with_nested_nullability, SPARK_NULLABILITY};

/// Which constructor is wrapped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Constructor {
    NamedStruct,
    Array,
    Map,
    /// `map_from_arrays(keys, values)` (Spark's `MapFromArrays`): typed as `map`'s parts,
    /// and NULL when either array is.
    MapFromArrays,
}

#[derive(Debug, PartialEq, Eq, Hash)]
pub struct SparkConstructor {
    inner: ScalarUDF,
    constructor: Constructor,
}

/// DataFusion's `named_struct` with Spark's nullability.
pub fn named_struct() -> Arc<ScalarUDF> {
    static UDF: OnceLock<Arc<ScalarUDF>> = OnceLock::new();
    UDF.get_or_init(|| wrap(&datafusion::functions::core::named_struct(), Constructor::NamedStruct)).clone()
}

/// DataFusion's `make_array` (Spark's `array`) with Spark's nullability.
pub fn make_array_udf() -> Arc<ScalarUDF> {
    static UDF: OnceLock<Arc<ScalarUDF>> = OnceLock::new();
    UDF.get_or_init(|| wrap(&datafusion::functions_nested::make_array::make_array_udf(), Constructor::Array)).clone()
}

/// DataFusion's `map(keys, values)` with Spark's nullability.
pub fn map_udf() -> Arc<ScalarUDF> {
    static UDF: OnceLock<Arc<ScalarUDF>> = OnceLock::new();
    UDF.get_or_init(|| wrap(&datafusion::functions_nested::map::map_udf(), Constructor::Map)).clone()
}

fn wrap(inner: &Arc<ScalarUDF>, constructor: Constructor) -> Arc<ScalarUDF> {
    Arc::new(ScalarUDF::new_from_impl(SparkConstructor { inner: inner.as_ref().clone(), constructor }))
}

/// `expr` built by the wrapped constructor when it is DataFusion's own; `None` otherwise.
/// The wrapped constructors are not registered under DataFusion's names: a VALUES list
/// needs the same field metadata in every row, so SQL plans DataFusion's, and
/// `sql::spark_rules` and `registry::resolve` wrap them.
pub fn with_spark_nullability(expr: &Expr) -> Option<Expr> {
    let Expr::ScalarFunction(function) = expr else { return None };
    if function.func.inner().downcast_ref::<SparkConstructor>().is_some() {
        return None;
    }
    let wrapped = match function.name() {
        "named_struct" => named_struct(),
        "make_array" => make_array_udf(),
        "map" => map_udf(),
        "map_from_arrays" if function.args.len() == 2 => wrap(&function.func, Constructor::MapFromArrays),
        _ => return None,
    };
    Some(wrapped.call(function.args.clone()))
}

impl ScalarUDFImpl for SparkConstructor {
    fn name(&self) -> &str {
        self.inner.name()
    }

    fn aliases(&self) -> &[String] {
        self.inner.aliases()
    }

    fn signature(&self) -> &Signature {
        self.inner.signature()
    }

    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        self.inner.coerce_types(arg_types)
    }

    fn return_type(&self, arg_types: &[DataType]) -> Result<DataType> {
        self.inner.return_type(arg_types)
    }

    fn return_field_from_args(&self, args: ReturnFieldArgs) -> Result<FieldRef> {
        let arguments: Vec<Field> = args.arg_fields.iter().map(|f| spark_view(f)).collect();
        let field = self.inner.return_field_from_args(args)?;
        let spark_type = match (self.constructor, field.data_type()) {
            // A field is nullable when its value is: the values are every second argument.
            (Constructor::NamedStruct, DataType::Struct(fields)) => Some(DataType::Struct(
                fields
                    .iter()
                    .enumerate()
                    .map(|(i, f)| match arguments.get(2 * i + 1) {
                        Some(value) => Field::new(f.name(), value.data_type().clone(), value.is_nullable()),
                        None => f.as_ref().clone(),
                    })
                    .collect::<Fields>(),
            )),
            // The elements are nullable when any value is; nested parts when any value's are.
            (Constructor::Array, DataType::List(element)) => {
                let own = nested_nullability(element.data_type());
                let mut merged: Vec<bool> = own.chars().map(|_| false).collect();
                for argument in &arguments {
                    let flags = nested_nullability(argument.data_type());
                    if flags.len() != merged.len() {
                        merged = own.chars().map(|c| c == '1').collect();
                        break;
                    }
                    merged.iter_mut().zip(flags.chars()).for_each(|(m, c)| *m |= c == '1');
                }
                let merged: String = merged.iter().map(|m| if *m { '1' } else { '0' }).collect();
                let element_type = with_nested_nullability(element.data_type(), &mut merged.chars()).unwrap_or_else(|| element.data_type().clone());
                Some(DataType::List(Arc::new(element.as_ref().clone().with_data_type(element_type).with_nullable(arguments.iter().any(|a| a.is_nullable())))))
            }
            // Keys and values come as two arrays: the map's parts are their elements.
            (Constructor::Map | Constructor::MapFromArrays, DataType::Map(entries, sorted)) => match (arguments.first().map(|f| f.data_type()), arguments.get(1).map(|f| f.data_type()), entries.data_type()) {
                (Some(DataType::List(key)), Some(DataType::List(value)), DataType::Struct(parts)) if parts.len() == 2 => {
                    let parts: Fields = vec![parts[0].as_ref().clone().with_data_type(key.data_type().clone()), parts[1].as_ref().clone().with_data_type(value.data_type().clone()).with_nullable(value.is_nullable())].into();
                    Some(DataType::Map(Arc::new(entries.as_ref().clone().with_data_type(DataType::Struct(parts))), *sorted))
                }
                _ => None,
            },
            _ => None,
        };
        let mut metadata = field.metadata().clone();
        if let Some(spark_type) = spark_type {
            metadata.insert(SPARK_NULLABILITY.to_string(), nested_nullability(&spark_type));
        }
        let nullable = self.constructor == Constructor::MapFromArrays && arguments.iter().any(|a| a.is_nullable());
        Ok(Arc::new(Field::new(field.name(), field.data_type().clone(), nullable).with_metadata(metadata)))
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        // The value is the engine's: the stated field differs from the wrapped
        // function's only in its nullability and metadata, never in its type.
        self.inner.invoke_with_args(args)
    }
}
