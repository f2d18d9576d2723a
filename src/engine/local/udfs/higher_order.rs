//! Spark's higher-order functions, the ones that take lambdas (Spark's
//! `higherOrderFunctions.scala`: `ArrayTransform`, `ArrayFilter`, `ArrayExists`,
//! `ArrayForAll`, `ArrayAggregate`, `ZipWith`, `MapFilter`, `TransformKeys`,
//! `TransformValues`, `MapZipWith`), as DataFusion `HigherOrderUDF`s.
//!
//! Each one flattens the elements of every row into one batch, evaluates the lambda over
//! that batch once (columns the lambda captures are repeated per element) and rebuilds the
//! arrays or maps from the results. `aggregate` folds position by position: step `k`
//! evaluates the merge lambda over the rows that have a `k`-th element.
use std::sync::Arc;

use datafusion::arrow::array::{
    new_null_array, Array, ArrayRef, AsArray, BooleanArray, Int32Array, ListArray, MapArray, StructArray, UInt32Array,
};
use datafusion::arrow::buffer::{NullBuffer, OffsetBuffer, ScalarBuffer};
use datafusion::arrow::compute::{cast, concat, filter, interleave, take, take_arrays};
use datafusion::arrow::datatypes::{DataType, Field, FieldRef, Fields};
use datafusion::arrow::row::{RowConverter, SortField};
use datafusion::error::{DataFusionError, Result};
use datafusion::logical_expr::{
    ColumnarValue, HigherOrderFunctionArgs, HigherOrderReturnFieldArgs, HigherOrderSignature, HigherOrderUDF,
    HigherOrderUDFImpl, LambdaArgument, LambdaParametersProgress, ValueOrLambda, Volatility,
};

use crate::engine::local::error::{EngineError, ErrorClass};

/// Which of Spark's higher-order functions an instance is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Kind {
    Transform,
    Filter,
    Exists,
    Forall,
    Aggregate,
    ZipWith,
    MapFilter,
    TransformKeys,
    TransformValues,
    MapZipWith,
}

/// One of Spark's higher-order functions under its Spark name.
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct SparkHigherOrder {
    name: &'static str,
    kind: Kind,
    signature: HigherOrderSignature,
}

/// Spark's higher-order functions under their Spark names (`reduce` is `aggregate`).
pub fn all() -> Vec<HigherOrderUDF> {
    [
        ("transform", Kind::Transform),
        ("filter", Kind::Filter),
        ("exists", Kind::Exists),
        ("forall", Kind::Forall),
        ("aggregate", Kind::Aggregate),
        ("reduce", Kind::Aggregate),
        ("zip_with", Kind::ZipWith),
        ("map_filter", Kind::MapFilter),
        ("transform_keys", Kind::TransformKeys),
        ("transform_values", Kind::TransformValues),
        ("map_zip_with", Kind::MapZipWith),
    ]
    .into_iter()
    .map(|(name, kind)| HigherOrderUDF::new_from_impl(SparkHigherOrder { name, kind, signature: HigherOrderSignature::variadic_any(Volatility::Immutable) }))
    .collect()
}

fn spark_error(class: ErrorClass, condition: &str, message: String, parameters: &[(&str, String)]) -> DataFusionError {
    EngineError::spark(class, condition, message, parameters).into()
}

fn unexpected_type(function: &str, index: usize, required: &str, found: &DataType) -> DataFusionError {
    EngineError::unexpected_input_type(function, index, required, &crate::engine::local::types::spark_sql_type_name(found)).into()
}

fn element_field(function: &str, index: usize, field: &Field) -> Result<FieldRef> {
    match field.data_type() {
        DataType::List(element) | DataType::LargeList(element) | DataType::FixedSizeList(element, _) => {
            Ok(Arc::new(Field::new("element", element.data_type().clone(), element.is_nullable())))
        }
        DataType::Null => Ok(Arc::new(Field::new("element", DataType::Null, true))),
        other => Err(unexpected_type(function, index, "ARRAY", other)),
    }
}

/// The key and value fields of a map type.
fn map_fields(function: &str, index: usize, field: &Field) -> Result<(FieldRef, FieldRef)> {
    match field.data_type() {
        DataType::Map(entries, _) => match entries.data_type() {
            DataType::Struct(fields) if fields.len() == 2 => Ok((Arc::clone(&fields[0]), Arc::clone(&fields[1]))),
            other => Err(unexpected_type(function, index, "MAP", other)),
        },
        other => Err(unexpected_type(function, index, "MAP", other)),
    }
}

/// An array of the lambda's results; its elements are nullable when the lambda's body is.
fn list_of(field: &Field) -> DataType {
    DataType::List(Arc::new(Field::new_list_field(field.data_type().clone(), field.is_nullable())))
}

fn nullable(field: FieldRef) -> FieldRef {
    Arc::new(field.as_ref().clone().with_nullable(true))
}

fn map_of(entries_name: &str, key: FieldRef, value: FieldRef) -> DataType {
    let entries = Field::new(entries_name, DataType::Struct(Fields::from(vec![key, value])), false);
    DataType::Map(Arc::new(entries), false)
}

fn entries_name(field: &Field) -> String {
    match field.data_type() {
        DataType::Map(entries, _) => entries.name().clone(),
        _ => "entries".to_string(),
    }
}

impl SparkHigherOrder {
    fn arity(&self) -> (usize, usize) {
        match self.kind {
            Kind::Aggregate => (3, 4),
            Kind::ZipWith | Kind::MapZipWith => (3, 3),
            _ => (2, 2),
        }
    }

    fn check_arity(&self, count: usize) -> Result<()> {
        let (low, high) = self.arity();
        if (low..=high).contains(&count) {
            return Ok(());
        }
        let expected = if low == high { low.to_string() } else { format!("[{low}, {high}]") };
        Err(spark_error(
            ErrorClass::Analysis,
            "WRONG_NUM_ARGS.WITHOUT_SUGGESTION",
            format!("The `{}` requires {expected} parameters but the actual number is {count}.", self.name),
            &[("functionName", format!("`{}`", self.name)), ("expectedNum", expected.clone()), ("actualNum", count.to_string())],
        ))
    }
}

fn values_of<V: Clone, L>(arguments: &[ValueOrLambda<V, L>]) -> Vec<V> {
    arguments
        .iter()
        .filter_map(|a| match a {
            ValueOrLambda::Value(v) => Some(v.clone()),
            ValueOrLambda::Lambda(_) => None,
        })
        .collect()
}

fn lambdas_of<V, L: Clone>(arguments: &[ValueOrLambda<V, L>]) -> Vec<L> {
    arguments
        .iter()
        .filter_map(|a| match a {
            ValueOrLambda::Lambda(l) => Some(l.clone()),
            ValueOrLambda::Value(_) => None,
        })
        .collect()
}

impl HigherOrderUDFImpl for SparkHigherOrder {
    fn name(&self) -> &str {
        self.name
    }

    fn signature(&self) -> &HigherOrderSignature {
        &self.signature
    }

    fn lambda_parameters(&self, _step: usize, fields: &[ValueOrLambda<FieldRef, Option<FieldRef>>]) -> Result<LambdaParametersProgress> {
        self.check_arity(fields.len())?;
        let values = values_of(fields);
        let name = self.name;
        let index = Arc::new(Field::new("index", DataType::Int32, false));
        let first = values.first().ok_or_else(|| DataFusionError::Plan(format!("{name} needs an argument")))?;
        let parameters = match self.kind {
            Kind::Transform | Kind::Filter => vec![vec![element_field(name, 0, first)?, index]],
            Kind::Exists | Kind::Forall => vec![vec![element_field(name, 0, first)?]],
            Kind::Aggregate => {
                let zero = values.get(1).ok_or_else(|| DataFusionError::Plan(format!("{name} needs an initial value")))?;
                let accumulator = Arc::new(Field::new("accumulator", zero.data_type().clone(), true));
                let mut lambdas = vec![vec![Arc::clone(&accumulator), element_field(name, 0, first)?]];
                if fields.len() == 4 {
                    lambdas.push(vec![accumulator]);
                }
                lambdas
            }
            Kind::ZipWith => {
                let second = values.get(1).ok_or_else(|| DataFusionError::Plan(format!("{name} needs two arrays")))?;
                // The shorter array is padded with NULLs.
                vec![vec![nullable(element_field(name, 0, first)?), nullable(element_field(name, 1, second)?)]]
            }
            Kind::MapFilter | Kind::TransformKeys | Kind::TransformValues => {
                let (key, value) = map_fields(name, 0, first)?;
                vec![vec![key, value]]
            }
            Kind::MapZipWith => {
                let second = values.get(1).ok_or_else(|| DataFusionError::Plan(format!("{name} needs two maps")))?;
                let (key, left) = map_fields(name, 0, first)?;
                let (_, right) = map_fields(name, 1, second)?;
                vec![vec![key, nullable(left), nullable(right)]]
            }
        };
        if lambdas_of(fields).len() != parameters.len() {
            return Err(spark_error(
                ErrorClass::Analysis,
                "INVALID_LAMBDA_FUNCTION_CALL.NON_HIGHER_ORDER_FUNCTION",
                format!("Invalid lambda function call. A lambda function should only be used in a higher order function. However, its class is `{name}`, which is not a higher order function."),
                &[("class", format!("`{name}`"))],
            ));
        }
        Ok(LambdaParametersProgress::Complete(parameters))
    }

    fn return_field_from_args(&self, args: HigherOrderReturnFieldArgs) -> Result<FieldRef> {
        let values = values_of(args.arg_fields);
        let lambdas = lambdas_of(args.arg_fields);
        let (Some(first), Some(lambda)) = (values.first(), lambdas.first()) else {
            return Err(DataFusionError::Plan(format!("{} expects a value and a lambda", self.name)));
        };
        // Nullability as Spark's expressions give it: the result is NULL for a NULL input.
        let either_nullable = values.iter().any(|v| v.is_nullable());
        let (data_type, nullable) = match self.kind {
            Kind::Transform => (list_of(lambda), first.is_nullable()),
            Kind::ZipWith => (list_of(lambda), either_nullable),
            Kind::Filter | Kind::MapFilter => (first.data_type().clone(), first.is_nullable()),
            Kind::Exists | Kind::Forall => (DataType::Boolean, first.is_nullable() || lambda.is_nullable()),
            Kind::Aggregate => {
                let zero = values.get(1).map(|f| f.data_type().clone()).unwrap_or(DataType::Null);
                if !lambda.data_type().equals_datatype(&zero) {
                    let required = crate::engine::local::types::spark_sql_type_name(&zero);
                    let found = crate::engine::local::types::spark_sql_type_name(lambda.data_type());
                    return Err(spark_error(
                        ErrorClass::Analysis,
                        "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
                        format!("Cannot resolve \"{}\" due to data type mismatch: The third parameter requires the \"{required}\" type, however the merge function has the type \"{found}\".", self.name),
                        &[("paramIndex", "third".to_string()), ("requiredType", format!("\"{required}\"")), ("inputType", format!("\"{found}\""))],
                    ));
                }
                (lambdas.get(1).map(|finish| finish.data_type().clone()).unwrap_or(zero), true)
            }
            Kind::TransformKeys | Kind::TransformValues | Kind::MapZipWith => {
                let (key, value) = map_fields(self.name, 0, first)?;
                let entries = entries_name(first);
                match self.kind {
                    Kind::TransformKeys => (map_of(&entries, Arc::new(Field::new(key.name(), lambda.data_type().clone(), false)), value), first.is_nullable()),
                    Kind::TransformValues => (map_of(&entries, key, Arc::new(Field::new(value.name(), lambda.data_type().clone(), lambda.is_nullable()))), first.is_nullable()),
                    _ => (map_of(&entries, key, Arc::new(Field::new(value.name(), lambda.data_type().clone(), lambda.is_nullable()))), either_nullable),
                }
            }
        };
        Ok(Arc::new(Field::new(self.name, data_type, nullable)))
    }

    fn invoke_with_args(&self, args: HigherOrderFunctionArgs) -> Result<ColumnarValue> {
        let rows = args.number_rows;
        let mut values = Vec::new();
        for argument in &args.args {
            if let ValueOrLambda::Value(value) = argument {
                values.push(value.to_array(rows)?);
            }
        }
        let lambdas = lambdas_of(&args.args);
        let (Some(first), Some(lambda)) = (values.first(), lambdas.first()) else {
            return Err(DataFusionError::Execution(format!("{} expects a value and a lambda", self.name)));
        };
        let result = match self.kind {
            Kind::Transform => transform(first, lambda, args.return_type())?,
            Kind::Filter => filter_array(first, lambda)?,
            Kind::Exists => exists(first, lambda, true)?,
            Kind::Forall => exists(first, lambda, false)?,
            Kind::Aggregate => aggregate(first, &values[1], lambda, lambdas.get(1), args.return_type())?,
            Kind::ZipWith => zip_with(first, &values[1], lambda, args.return_type())?,
            Kind::MapFilter => map_filter(first, lambda)?,
            Kind::TransformKeys => transform_map(first, lambda, true, args.return_type())?,
            Kind::TransformValues => transform_map(first, lambda, false, args.return_type())?,
            Kind::MapZipWith => map_zip_with(first, &values[1], lambda, args.return_type())?,
        };
        Ok(ColumnarValue::Array(result))
    }
}

/// The elements of a list column: start offset of each row relative to `values`, the
/// flattened values, and the validity of the rows.
struct Flat {
    offsets: Vec<usize>,
    values: ArrayRef,
    nulls: Option<NullBuffer>,
}

impl Flat {
    fn rows(&self) -> usize {
        self.offsets.len() - 1
    }

    fn length(&self, row: usize) -> usize {
        self.offsets[row + 1] - self.offsets[row]
    }

    fn is_null(&self, row: usize) -> bool {
        self.nulls.as_ref().is_some_and(|n| n.is_null(row))
    }

    /// The row each element belongs to, to repeat captured columns per element.
    fn element_rows(&self) -> UInt32Array {
        (0..self.rows()).flat_map(|row| std::iter::repeat_n(row as u32, self.length(row))).collect()
    }

    /// The 0-based position of each element inside its row (Spark's lambda index).
    fn positions(&self) -> Int32Array {
        (0..self.rows()).flat_map(|row| 0..self.length(row) as i32).collect()
    }

    fn offset_buffer(&self) -> OffsetBuffer<i32> {
        OffsetBuffer::new(ScalarBuffer::from(self.offsets.iter().map(|o| *o as i32).collect::<Vec<_>>()))
    }
}

fn flatten(array: &ArrayRef) -> Result<Flat> {
    fn build<O: datafusion::arrow::array::OffsetSizeTrait>(offsets: &[O], values: &ArrayRef, nulls: Option<&NullBuffer>) -> Flat {
        let start = offsets.first().map(|o| o.as_usize()).unwrap_or(0);
        let end = offsets.last().map(|o| o.as_usize()).unwrap_or(0);
        Flat { offsets: offsets.iter().map(|o| o.as_usize() - start).collect(), values: values.slice(start, end - start), nulls: nulls.cloned() }
    }
    match array.data_type() {
        DataType::List(_) => {
            let list = array.as_list::<i32>();
            Ok(build(list.value_offsets(), list.values(), list.nulls()))
        }
        DataType::LargeList(_) => {
            let list = array.as_list::<i64>();
            Ok(build(list.value_offsets(), list.values(), list.nulls()))
        }
        DataType::Map(_, _) => {
            let map = array.as_map();
            let entries: ArrayRef = Arc::new(map.entries().clone());
            Ok(build(map.value_offsets(), &entries, map.nulls()))
        }
        DataType::Null => Ok(Flat { offsets: vec![0; array.len() + 1], values: new_null_array(&DataType::Null, 0), nulls: Some(NullBuffer::new_null(array.len())) }),
        other => Err(DataFusionError::Execution(format!("expected an array or a map, got {other}"))),
    }
}

/// Evaluates `lambda` over per-element parameter arrays, repeating captured columns by
/// `element_rows`.
fn evaluate(lambda: &LambdaArgument, parameters: &[ArrayRef], element_rows: &UInt32Array) -> Result<ArrayRef> {
    let closures: Vec<Box<dyn Fn() -> Result<ArrayRef> + '_>> = parameters.iter().map(|p| Box::new(move || Ok(Arc::clone(p))) as Box<dyn Fn() -> Result<ArrayRef>>).collect();
    let references: Vec<&dyn Fn() -> Result<ArrayRef>> = closures.iter().map(|c| c.as_ref()).collect();
    let result = lambda.evaluate(&references, |captures| Ok(take_arrays(captures, element_rows, None)?))?;
    result.into_array(element_rows.len())
}

fn list_field(return_type: &DataType) -> Result<FieldRef> {
    match return_type {
        DataType::List(field) => Ok(Arc::clone(field)),
        other => Err(DataFusionError::Execution(format!("expected a list result, got {other}"))),
    }
}

/// A filter mask where NULL counts as false.
fn true_only(mask: &BooleanArray) -> BooleanArray {
    mask.iter().map(|v| Some(v == Some(true))).collect()
}

fn as_boolean(array: ArrayRef) -> Result<BooleanArray> {
    Ok(cast(&array, &DataType::Boolean)?.as_boolean().clone())
}

/// Spark's `transform(array, (x[, i]) -> ...)` (`ArrayTransform`).
fn transform(list: &ArrayRef, lambda: &LambdaArgument, return_type: &DataType) -> Result<ArrayRef> {
    let flat = flatten(list)?;
    let rows = flat.element_rows();
    let positions: ArrayRef = Arc::new(flat.positions());
    let field = list_field(return_type)?;
    let values = evaluate(lambda, &[Arc::clone(&flat.values), positions], &rows)?;
    let values = if values.data_type() == field.data_type() { values } else { cast(&values, field.data_type())? };
    Ok(Arc::new(ListArray::try_new(field, flat.offset_buffer(), values, flat.nulls.clone())?))
}

/// Spark's `filter(array, (x[, i]) -> ...)` (`ArrayFilter`): keeps the elements whose
/// predicate is true (not NULL).
fn filter_array(list: &ArrayRef, lambda: &LambdaArgument) -> Result<ArrayRef> {
    let flat = flatten(list)?;
    let rows = flat.element_rows();
    let positions: ArrayRef = Arc::new(flat.positions());
    let keep = as_boolean(evaluate(lambda, &[Arc::clone(&flat.values), positions], &rows)?)?;
    let mut offsets = vec![0i32];
    for row in 0..flat.rows() {
        let kept = (flat.offsets[row]..flat.offsets[row + 1]).filter(|i| keep.is_valid(*i) && keep.value(*i)).count();
        offsets.push(offsets[row] + kept as i32);
    }
    let values = filter(&flat.values, &true_only(&keep))?;
    let field = match list.data_type() {
        DataType::List(field) | DataType::LargeList(field) => Arc::clone(field),
        _ => Arc::new(Field::new_list_field(values.data_type().clone(), true)),
    };
    Ok(Arc::new(ListArray::try_new(field, OffsetBuffer::new(ScalarBuffer::from(offsets)), values, flat.nulls.clone())?))
}

/// Spark's `exists` (`any` is true) and `forall` (`any` is false) with three-valued
/// logic: a NULL predicate result makes the answer NULL unless a decisive element exists.
fn exists(list: &ArrayRef, lambda: &LambdaArgument, any: bool) -> Result<ArrayRef> {
    let flat = flatten(list)?;
    let rows = flat.element_rows();
    let tests = as_boolean(evaluate(lambda, &[Arc::clone(&flat.values)], &rows)?)?;
    let result: BooleanArray = (0..flat.rows())
        .map(|row| {
            if flat.is_null(row) {
                return None;
            }
            let mut saw_null = false;
            for i in flat.offsets[row]..flat.offsets[row + 1] {
                if tests.is_null(i) {
                    saw_null = true;
                } else if tests.value(i) == any {
                    return Some(any);
                }
            }
            if saw_null { None } else { Some(!any) }
        })
        .collect();
    Ok(Arc::new(result))
}

/// Spark's `aggregate(array, zero, (acc, x) -> merge[, acc -> finish])` (`ArrayAggregate`).
fn aggregate(list: &ArrayRef, zero: &ArrayRef, merge: &LambdaArgument, finish: Option<&LambdaArgument>, return_type: &DataType) -> Result<ArrayRef> {
    let flat = flatten(list)?;
    let longest = (0..flat.rows()).filter(|r| !flat.is_null(*r)).map(|r| flat.length(r)).max().unwrap_or(0);
    let mut accumulator = Arc::clone(zero);
    for step in 0..longest {
        let rows: Vec<u32> = (0..flat.rows()).filter(|r| !flat.is_null(*r) && flat.length(*r) > step).map(|r| r as u32).collect();
        let elements: UInt32Array = rows.iter().map(|r| (flat.offsets[*r as usize] + step) as u32).collect();
        let rows = UInt32Array::from(rows);
        let state = take(&accumulator, &rows, None)?;
        let element = take(&flat.values, &elements, None)?;
        let merged = evaluate(merge, &[state, element], &rows)?;
        let merged = if merged.data_type() == accumulator.data_type() { merged } else { cast(&merged, accumulator.data_type())? };
        let mut sources: Vec<(usize, usize)> = (0..flat.rows()).map(|r| (0, r)).collect();
        for (position, row) in rows.values().iter().enumerate() {
            sources[*row as usize] = (1, position);
        }
        accumulator = interleave(&[accumulator.as_ref(), merged.as_ref()], &sources)?;
    }
    let every_row: UInt32Array = (0..flat.rows() as u32).collect();
    let result = match finish {
        Some(finish) => evaluate(finish, &[accumulator], &every_row)?,
        None => accumulator,
    };
    let result = if result.data_type() == return_type { result } else { cast(&result, return_type)? };
    // A NULL array gives NULL, whatever the finish function makes of the initial value.
    let present: UInt32Array = (0..flat.rows()).map(|r| if flat.is_null(r) { None } else { Some(r as u32) }).collect();
    Ok(take(&result, &present, None)?)
}

/// `values` with one NULL appended, and the index of that NULL (for padding).
fn with_null(values: &ArrayRef) -> Result<(ArrayRef, u32)> {
    let padded = concat(&[values.as_ref(), new_null_array(values.data_type(), 1).as_ref()])?;
    Ok((padded, values.len() as u32))
}

/// Spark's `zip_with(left, right, (x, y) -> ...)` (`ZipWith`): the shorter array is padded
/// with NULLs; NULL when either array is NULL.
fn zip_with(left: &ArrayRef, right: &ArrayRef, lambda: &LambdaArgument, return_type: &DataType) -> Result<ArrayRef> {
    let (left, right) = (flatten(left)?, flatten(right)?);
    let (left_values, left_pad) = with_null(&left.values)?;
    let (right_values, right_pad) = with_null(&right.values)?;
    let (mut left_index, mut right_index, mut element_rows, mut offsets, mut validity) = (vec![], vec![], vec![], vec![0i32], vec![]);
    for row in 0..left.rows() {
        let valid = !left.is_null(row) && !right.is_null(row);
        let length = if valid { left.length(row).max(right.length(row)) } else { 0 };
        for k in 0..length {
            left_index.push(if k < left.length(row) { (left.offsets[row] + k) as u32 } else { left_pad });
            right_index.push(if k < right.length(row) { (right.offsets[row] + k) as u32 } else { right_pad });
            element_rows.push(row as u32);
        }
        offsets.push(offsets[row] + length as i32);
        validity.push(valid);
    }
    let x = take(&left_values, &UInt32Array::from(left_index), None)?;
    let y = take(&right_values, &UInt32Array::from(right_index), None)?;
    let field = list_field(return_type)?;
    let values = evaluate(lambda, &[x, y], &UInt32Array::from(element_rows))?;
    let values = if values.data_type() == field.data_type() { values } else { cast(&values, field.data_type())? };
    Ok(Arc::new(ListArray::try_new(field, OffsetBuffer::new(ScalarBuffer::from(offsets)), values, Some(NullBuffer::from(validity)))?))
}

fn entries(flat: &Flat) -> (ArrayRef, ArrayRef) {
    let entries = flat.values.as_struct();
    (Arc::clone(entries.column(0)), Arc::clone(entries.column(1)))
}

fn build_map(return_type: &DataType, offsets: OffsetBuffer<i32>, keys: ArrayRef, values: ArrayRef, nulls: Option<NullBuffer>) -> Result<ArrayRef> {
    let DataType::Map(entries_field, sorted) = return_type else {
        return Err(DataFusionError::Execution(format!("expected a map result, got {return_type}")));
    };
    let DataType::Struct(fields) = entries_field.data_type() else {
        return Err(DataFusionError::Execution("map entries are not a struct".into()));
    };
    let keys = if keys.data_type() == fields[0].data_type() { keys } else { cast(&keys, fields[0].data_type())? };
    let values = if values.data_type() == fields[1].data_type() { values } else { cast(&values, fields[1].data_type())? };
    let entries = StructArray::try_new(fields.clone(), vec![keys, values], None)?;
    Ok(Arc::new(MapArray::try_new(Arc::clone(entries_field), offsets, entries, nulls, *sorted)?))
}

/// Spark's `map_filter(map, (k, v) -> ...)` (`MapFilter`).
fn map_filter(map: &ArrayRef, lambda: &LambdaArgument) -> Result<ArrayRef> {
    let flat = flatten(map)?;
    let (keys, values) = entries(&flat);
    let keep = as_boolean(evaluate(lambda, &[keys, values], &flat.element_rows())?)?;
    let mut offsets = vec![0i32];
    for row in 0..flat.rows() {
        let kept = (flat.offsets[row]..flat.offsets[row + 1]).filter(|i| keep.is_valid(*i) && keep.value(*i)).count();
        offsets.push(offsets[row] + kept as i32);
    }
    let kept = filter(&flat.values, &true_only(&keep))?;
    let kept = kept.as_struct();
    build_map(map.data_type(), OffsetBuffer::new(ScalarBuffer::from(offsets)), Arc::clone(kept.column(0)), Arc::clone(kept.column(1)), flat.nulls.clone())
}

/// The text of a map key for Spark's `DUPLICATED_MAP_KEY` message.
fn key_text(keys: &ArrayRef, index: usize) -> String {
    datafusion::common::ScalarValue::try_from_array(keys, index).map(|v| v.to_string()).unwrap_or_default()
}

/// Spark's `transform_keys` (`TransformKeys`, new keys must be non-NULL and distinct
/// under the default `spark.sql.mapKeyDedupPolicy=EXCEPTION`) and `transform_values`.
fn transform_map(map: &ArrayRef, lambda: &LambdaArgument, of_keys: bool, return_type: &DataType) -> Result<ArrayRef> {
    let flat = flatten(map)?;
    let (keys, values) = entries(&flat);
    let computed = evaluate(lambda, &[Arc::clone(&keys), Arc::clone(&values)], &flat.element_rows())?;
    if !of_keys {
        return build_map(return_type, flat.offset_buffer(), keys, computed, flat.nulls.clone());
    }
    if computed.null_count() > 0 {
        return Err(spark_error(ErrorClass::Runtime, "NULL_MAP_KEY", "Cannot use null as map key.".to_string(), &[]));
    }
    let converter = RowConverter::new(vec![SortField::new(computed.data_type().clone())])?;
    let encoded = converter.convert_columns(&[Arc::clone(&computed)])?;
    for row in 0..flat.rows() {
        let mut seen = std::collections::HashSet::new();
        for i in flat.offsets[row]..flat.offsets[row + 1] {
            if !seen.insert(encoded.row(i)) {
                let key = key_text(&computed, i);
                return Err(spark_error(
                    ErrorClass::Runtime,
                    "DUPLICATED_MAP_KEY",
                    format!("Duplicate map key {key} was found, please check the input data."),
                    &[("key", key.clone()), ("mapKeyDedupPolicy", "\"spark.sql.mapKeyDedupPolicy\"".to_string())],
                ));
            }
        }
    }
    build_map(return_type, flat.offset_buffer(), computed, values, flat.nulls.clone())
}

/// Spark's `map_zip_with(left, right, (k, v1, v2) -> ...)` (`MapZipWith`): the keys of
/// `left` in order, then those only in `right`; a value missing from one map is NULL.
fn map_zip_with(left: &ArrayRef, right: &ArrayRef, lambda: &LambdaArgument, return_type: &DataType) -> Result<ArrayRef> {
    let (left, right) = (flatten(left)?, flatten(right)?);
    let (left_keys, left_values) = entries(&left);
    let (right_keys, right_values) = entries(&right);
    let right_keys = if right_keys.data_type() == left_keys.data_type() { right_keys } else { cast(&right_keys, left_keys.data_type())? };
    let all_keys = concat(&[left_keys.as_ref(), right_keys.as_ref()])?;
    let converter = RowConverter::new(vec![SortField::new(all_keys.data_type().clone())])?;
    let encoded = converter.convert_columns(&[Arc::clone(&all_keys)])?;
    let (left_values, left_pad) = with_null(&left_values)?;
    let (right_values, right_pad) = with_null(&right_values)?;
    let shift = left.values.len();
    let (mut key_index, mut left_index, mut right_index, mut element_rows, mut offsets, mut validity) = (vec![], vec![], vec![], vec![], vec![0i32], vec![]);
    for row in 0..left.rows() {
        let valid = !left.is_null(row) && !right.is_null(row);
        let mut count = 0;
        if valid {
            let mut position = std::collections::HashMap::new();
            for i in left.offsets[row]..left.offsets[row + 1] {
                if position.contains_key(&encoded.row(i)) {
                    continue;
                }
                position.insert(encoded.row(i), key_index.len());
                key_index.push(i as u32);
                left_index.push(i as u32);
                right_index.push(right_pad);
                element_rows.push(row as u32);
                count += 1;
            }
            for j in right.offsets[row]..right.offsets[row + 1] {
                match position.get(&encoded.row(shift + j)) {
                    Some(slot) => right_index[*slot] = j as u32,
                    None => {
                        position.insert(encoded.row(shift + j), key_index.len());
                        key_index.push((shift + j) as u32);
                        left_index.push(left_pad);
                        right_index.push(j as u32);
                        element_rows.push(row as u32);
                        count += 1;
                    }
                }
            }
        }
        offsets.push(offsets[row] + count);
        validity.push(valid);
    }
    let keys = take(&all_keys, &UInt32Array::from(key_index), None)?;
    let v1 = take(&left_values, &UInt32Array::from(left_index), None)?;
    let v2 = take(&right_values, &UInt32Array::from(right_index), None)?;
    let values = evaluate(lambda, &[Arc::clone(&keys), v1, v2], &UInt32Array::from(element_rows))?;
    build_map(return_type, OffsetBuffer::new(ScalarBuffer::from(offsets)), keys, values, Some(NullBuffer::from(validity)))
}
