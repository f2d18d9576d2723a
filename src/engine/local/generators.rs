//! Spark's generators in a select list (Spark's `Generate`): `explode`, `posexplode`,
//! `inline` and their `_outer` forms, and `stack`. SQL and the DataFrame API plan a call
//! to one as a marker function typed like one generated row; `expand` then rewrites each
//! projection holding a marker into the array to unnest, DataFusion's `Unnest` (one row
//! per element), and a projection naming the generated columns as Spark does (`col`;
//! `pos` and `col`; `key` and `value`; a struct's fields; `col0`, `col1`, ... for
//! `stack`), or with the names given by `AS (a, b)`.
use std::sync::Arc;

use datafusion::arrow::array::{Array, ArrayRef, AsArray, Int32Array, ListArray, StructArray};
use datafusion::arrow::buffer::OffsetBuffer;
use datafusion::arrow::datatypes::{DataType, Field, FieldRef, Fields};
use datafusion::common::tree_node::{Transformed, TreeNode};
use datafusion::common::{Column, DFSchema, NullHandling, ScalarValue, UnnestOptions};
use datafusion::error::{DataFusionError, Result};
use datafusion::logical_expr::{ColumnarValue, Expr, ExprSchemable, LogicalPlan, LogicalPlanBuilder, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature, Volatility};
use datafusion::prelude::SessionContext;

use super::error::EngineError;

/// The marker of names given to a generator's columns (`stack(...) AS (k, v)`):
/// `ember_generator_names(generator, 'k', 'v')`.
pub const GENERATOR_NAMES: &str = "ember_generator_names";

/// The name of the column a generator's array is unnested from.
const GENERATED: &str = "__ember_generated";

const GENERATORS: &[&str] = &["explode", "explode_outer", "posexplode", "posexplode_outer", "inline", "inline_outer", "stack"];

/// Registers the generator markers (`ember_positions` is built where it is used).
pub fn register(context: &SessionContext) {
    for name in GENERATORS {
        context.register_udf(ScalarUDF::from(Marker { name, signature: Signature::variadic_any(Volatility::Immutable) }));
    }
    context.register_udf(ScalarUDF::from(Marker { name: GENERATOR_NAMES, signature: Signature::variadic_any(Volatility::Immutable) }));
}

/// Whether `name` is one of Spark's generators planned here.
pub fn is_generator(name: &str) -> bool {
    GENERATORS.contains(&name)
}

/// The (key, value) entries of a map type as a struct type.
fn entry_type(map: &DataType) -> Option<DataType> {
    match map {
        DataType::Map(entries, _) => Some(entries.data_type().clone()),
        _ => None,
    }
}

fn element_type(list: &DataType) -> Option<DataType> {
    match list {
        DataType::List(field) | DataType::LargeList(field) | DataType::FixedSizeList(field, _) => Some(field.data_type().clone()),
        _ => None,
    }
}

fn struct_of(fields: Vec<(&str, DataType)>) -> DataType {
    DataType::Struct(fields.into_iter().map(|(name, data_type)| Field::new(name, data_type, true)).collect::<Fields>())
}

fn unsupported(name: &str, found: &DataType) -> DataFusionError {
    let found = super::types::spark_sql_type_name(found);
    DataFusionError::External(Box::new(EngineError::analysis(
        "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
        format!("Cannot resolve \"{name}\" due to data type mismatch: The first parameter requires the (\"ARRAY\" or \"MAP\") type, however it has the type \"{found}\"."),
        &[("functionName", format!("`{name}`"))],
    )))
}

/// A generator call's marker, typed like the row it generates.
#[derive(Debug, PartialEq, Eq, Hash)]
struct Marker {
    name: &'static str,
    signature: Signature,
}

impl ScalarUDFImpl for Marker {
    fn name(&self) -> &str {
        self.name
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, arg_types: &[DataType]) -> Result<DataType> {
        let first = arg_types.first().cloned().unwrap_or(DataType::Null);
        Ok(match self.name {
            GENERATOR_NAMES => first,
            "stack" => stack_type(&arg_types[1.min(arg_types.len())..], None),
            "explode" | "explode_outer" => match (element_type(&first), entry_type(&first)) {
                (Some(element), _) => element,
                (_, Some(entry)) => entry,
                _ => return Err(unsupported(self.name, &first)),
            },
            "posexplode" | "posexplode_outer" => match (element_type(&first), entry_type(&first)) {
                (Some(element), _) => struct_of(vec![("pos", DataType::Int32), ("col", element)]),
                (_, Some(DataType::Struct(pair))) if pair.len() == 2 => struct_of(vec![("pos", DataType::Int32), ("key", pair[0].data_type().clone()), ("value", pair[1].data_type().clone())]),
                _ => return Err(unsupported(self.name, &first)),
            },
            _ => match element_type(&first) {
                Some(element @ DataType::Struct(_)) => element,
                _ => return Err(unsupported(self.name, &first)),
            },
        })
    }

    fn invoke_with_args(&self, _args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        Err(DataFusionError::External(Box::new(EngineError::analysis(
            "UNSUPPORTED_GENERATOR.OUTSIDE_SELECT",
            format!("The generator is not supported: outside the SELECT clause, found: {}.", self.name),
            &[],
        ))))
    }
}

/// `stack(n, v1, v2, ...)`: `n` rows of the values in order, `ceil(count / n)` columns
/// `col0`, `col1`, ..., each of the common type of the values in it.
fn stack_type(values: &[DataType], rows: Option<usize>) -> DataType {
    let (_, columns) = stack_shape(values.len(), rows);
    let mut fields = Vec::with_capacity(columns);
    for column in 0..columns {
        let mut common = DataType::Null;
        for value in values.iter().skip(column).step_by(columns.max(1)) {
            common = if common == DataType::Null {
                value.clone()
            } else if *value == DataType::Null || *value == common {
                common
            } else {
                datafusion::logical_expr::type_coercion::binary::comparison_coercion(&common, value).unwrap_or(common)
            };
        }
        fields.push(Field::new(format!("col{column}"), common, true));
    }
    DataType::Struct(Fields::from(fields))
}

/// (rows, columns) of `stack` over `count` values; the rows from the literal `n` when
/// known, else the columns are all the values in one row.
fn stack_shape(count: usize, rows: Option<usize>) -> (usize, usize) {
    match rows {
        Some(rows) if rows > 0 => (rows, count.div_ceil(rows)),
        _ => (1, count),
    }
}

/// `ember_positions(array)`: each element with its 0-based position, as
/// `struct<pos: int, col: element>` (the array `posexplode` unnests).
#[derive(Debug, PartialEq, Eq, Hash)]
struct Positions {
    signature: Signature,
}

impl ScalarUDFImpl for Positions {
    fn name(&self) -> &str {
        "ember_positions"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, arg_types: &[DataType]) -> Result<DataType> {
        let element = arg_types.first().and_then(element_type).unwrap_or(DataType::Null);
        Ok(DataType::List(Arc::new(Field::new_list_field(struct_of(vec![("pos", DataType::Int32), ("col", element)]), true))))
    }

    fn return_field_from_args(&self, args: datafusion::logical_expr::ReturnFieldArgs) -> Result<FieldRef> {
        let types: Vec<DataType> = args.arg_fields.iter().map(|f| f.data_type().clone()).collect();
        Ok(Arc::new(Field::new(self.name(), self.return_type(&types)?, true)))
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let input = args.args[0].to_array(args.number_rows)?;
        let list = datafusion::arrow::compute::cast(&input, &DataType::List(Arc::new(Field::new_list_field(element_type(input.data_type()).unwrap_or(DataType::Null), true))))?;
        let list = list.as_list::<i32>();
        let mut positions = Vec::with_capacity(list.values().len());
        for row in 0..list.len() {
            let (start, end) = (list.value_offsets()[row], list.value_offsets()[row + 1]);
            positions.extend((0..end - start).map(Some));
        }
        let values = list.values().slice(list.value_offsets()[0] as usize, (list.value_offsets()[list.len()] - list.value_offsets()[0]) as usize);
        let DataType::List(item) = self.return_type(&[input.data_type().clone()])? else {
            return Err(DataFusionError::Internal("positions give a list".into()));
        };
        let DataType::Struct(fields) = item.data_type() else {
            return Err(DataFusionError::Internal("positions give structs".into()));
        };
        let pairs = StructArray::try_new(fields.clone(), vec![Arc::new(Int32Array::from(positions)) as ArrayRef, values], None)?;
        let base = list.value_offsets()[0];
        let offsets: Vec<i32> = list.value_offsets().iter().map(|o| o - base).collect();
        Ok(ColumnarValue::Array(Arc::new(ListArray::try_new(item, OffsetBuffer::new(offsets.into()), Arc::new(pairs), list.nulls().cloned())?)))
    }
}

/// A generator found in a projection: its position in the list, its call, the names
/// given to its columns.
struct Found {
    position: usize,
    function: String,
    arguments: Vec<Expr>,
    names: Vec<String>,
}

/// The generator call of a select-list item, if it is one (`gen(...)`, `gen(...) AS a`,
/// `ember_generator_names(gen(...), 'a', 'b')`).
fn generator_call(expr: &Expr) -> Option<(String, Vec<Expr>, Vec<String>)> {
    match expr {
        Expr::Alias(alias) => {
            let (function, arguments, names) = generator_call(&alias.expr)?;
            // The DataFrame API names every output; the name it gives a generator call is
            // not a name chosen for the generated columns.
            let automatic = super::naming::spark_name(&alias.expr) == alias.name;
            Some((function, arguments, if automatic { names } else { vec![alias.name.clone()] }))
        }
        Expr::ScalarFunction(call) if call.name() == GENERATOR_NAMES && !call.args.is_empty() => {
            let (function, arguments, _) = generator_call(&call.args[0])?;
            let names = call.args[1..]
                .iter()
                .map(|a| match a {
                    Expr::Literal(ScalarValue::Utf8(Some(name)), _) => name.clone(),
                    other => other.to_string(),
                })
                .collect();
            Some((function, arguments, names))
        }
        Expr::ScalarFunction(call) if is_generator(call.name()) => Some((call.name().to_string(), call.args.clone(), Vec::new())),
        _ => None,
    }
}

/// Whether an expression holds a generator below its top (Spark refuses `explode(a) + 1`).
fn nested_generator(expr: &Expr) -> bool {
    let top = generator_call(expr).is_some();
    let mut found = false;
    let _ = expr.apply(|e| {
        if let Expr::ScalarFunction(call) = e {
            if is_generator(call.name()) {
                found = true;
            }
        }
        Ok(datafusion::common::tree_node::TreeNodeRecursion::Continue)
    });
    found && !top
}

/// Rewrites every projection of `plan` that holds a generator marker (see the module).
///
/// `sql` tells that the plan came from SQL text, whose expressions Spark's SQL rules
/// (`sql::spark_rules`) rewrite after planning: the generator's arguments get them first,
/// so that the generated columns are typed and named as the rewritten arguments are
/// (SQL's `struct(1, 'a')` has the fields `col1`, `col2`).
pub fn expand(plan: LogicalPlan, sql: bool) -> Result<LogicalPlan> {
    Ok(plan
        .transform_up(|node| {
            let LogicalPlan::Projection(projection) = &node else {
                return Ok(Transformed::no(node));
            };
            let found: Vec<Found> = projection
                .expr
                .iter()
                .enumerate()
                .filter_map(|(position, e)| generator_call(e).map(|(function, arguments, names)| Found { position, function, arguments, names }))
                .collect();
            if projection.expr.iter().any(nested_generator) {
                return Err(DataFusionError::External(Box::new(EngineError::analysis(
                    "UNSUPPORTED_GENERATOR.NESTED_IN_EXPRESSIONS",
                    "The generator is not supported: nested in expressions.",
                    &[],
                ))));
            }
            let Some(generator) = found.first() else {
                return Ok(Transformed::no(node));
            };
            if found.len() > 1 {
                return Err(DataFusionError::External(Box::new(EngineError::analysis(
                    "UNSUPPORTED_GENERATOR.MULTI_GENERATOR",
                    format!("The generator is not supported: only one generator allowed per SELECT clause but found {}.", found.len()),
                    &[("clause", "SELECT".into()), ("num", found.len().to_string())],
                ))));
            }
            Ok(Transformed::yes(expand_projection(projection, generator, sql)?))
        })?
        .data)
}

/// One projection with its generator expanded.
fn expand_projection(projection: &datafusion::logical_expr::Projection, generator: &Found, sql: bool) -> Result<LogicalPlan> {
    let input = projection.input.as_ref().clone();
    let schema: &DFSchema = input.schema();
    let mut arguments = generator.arguments.clone();
    if sql {
        arguments = arguments.into_iter().map(|a| Ok(a.transform_up(|e| super::sql::spark_rules(e, schema))?.data)).collect::<Result<_>>()?;
    }
    let generator = &Found { position: generator.position, function: generator.function.clone(), arguments, names: generator.names.clone() };
    let outer = generator.function.ends_with("_outer");
    let base = generator.function.trim_end_matches("_outer");
    let first = generator.arguments.first().cloned().unwrap_or(Expr::Literal(ScalarValue::Null, None));
    let first_type = first.get_type(schema)?;
    // The array to unnest, and the fields of each element that become columns (none: the
    // element itself is the one column).
    let map_entries = |e: Expr| datafusion::functions_nested::expr_fn::map_entries(e);
    let positions = |e: Expr| ScalarUDF::from(Positions { signature: Signature::any(1, Volatility::Immutable) }).call(vec![e]);
    let is_map = matches!(first_type, DataType::Map(..));
    let (array, columns): (Expr, Vec<(Vec<&str>, &str)>) = match base {
        "explode" if is_map => (map_entries(first), vec![(vec!["key"], "key"), (vec!["value"], "value")]),
        "explode" => (first, Vec::new()),
        "posexplode" if is_map => (positions(map_entries(first)), vec![(vec!["pos"], "pos"), (vec!["col", "key"], "key"), (vec!["col", "value"], "value")]),
        "posexplode" => (positions(first), vec![(vec!["pos"], "pos"), (vec!["col"], "col")]),
        "inline" => (first, Vec::new()),
        _ => {
            // stack(n, v1, ...): an array of n structs of the values, row by row.
            let count = generator.arguments.first().map(|e| match e {
                // SQL's INT literal marker (`sql::INT_LITERAL`) around the number.
                Expr::ScalarFunction(call) if call.name() == super::sql::INT_LITERAL && call.args.len() == 1 => call.args[0].clone(),
                other => other.clone(),
            });
            let rows = match count.as_ref() {
                Some(Expr::Literal(value, _)) => value.cast_to(&DataType::Int64).ok().and_then(|v| match v {
                    ScalarValue::Int64(Some(n)) => usize::try_from(n).ok(),
                    _ => None,
                }),
                _ => None,
            };
            let values = &generator.arguments[1.min(generator.arguments.len())..];
            let (rows, width) = stack_shape(values.len(), rows);
            let DataType::Struct(fields) = stack_type(&values.iter().map(|v| v.get_type(schema)).collect::<Result<Vec<_>>>()?, Some(rows)) else {
                return Err(DataFusionError::Internal("stack gives structs".into()));
            };
            let structs: Vec<Expr> = (0..rows)
                .map(|row| {
                    let mut pairs = Vec::with_capacity(width * 2);
                    for (column, field) in fields.iter().enumerate() {
                        let value = values.get(row * width + column).cloned().unwrap_or(Expr::Literal(ScalarValue::Null, None));
                        pairs.push(Expr::Literal(ScalarValue::Utf8(Some(field.name().clone())), None));
                        pairs.push(value.cast_to(field.data_type(), schema)?);
                    }
                    Ok(datafusion::functions::core::expr_fn::named_struct(pairs))
                })
                .collect::<Result<_>>()?;
            (datafusion::functions_nested::expr_fn::make_array(structs), Vec::new())
        }
    };
    let mut passed: Vec<Expr> = schema.iter().map(|(q, f)| Expr::Column(Column::new(q.cloned(), f.name()))).collect();
    passed.push(array.alias(GENERATED));
    let null_handling = if outer { NullHandling::PreserveAndExpandEmpty } else { NullHandling::Drop };
    let unnested = LogicalPlanBuilder::from(input)
        .project(passed)?
        .unnest_column_with_options(GENERATED, UnnestOptions::new().with_null_handling(null_handling))?
        .build()?;
    let generated = Expr::Column(Column::from_name(GENERATED));
    // inline and stack make a column of each field of the struct elements.
    let field_names: Vec<String> = match (generated.get_type(unnested.schema())?, base) {
        (DataType::Struct(fields), "inline" | "stack") => fields.iter().map(|f| f.name().clone()).collect(),
        _ => Vec::new(),
    };
    let mut produced: Vec<(Expr, String)> = if !field_names.is_empty() {
        field_names.iter().map(|name| (datafusion::functions::core::expr_fn::get_field(generated.clone(), name.as_str()), name.clone())).collect()
    } else if columns.is_empty() {
        vec![(generated.clone(), "col".to_string())]
    } else {
        columns
            .iter()
            .map(|(path, name)| {
                let value = path.iter().fold(generated.clone(), |e, step| datafusion::functions::core::expr_fn::get_field(e, *step));
                (value, name.to_string())
            })
            .collect()
    };
    if !generator.names.is_empty() {
        if generator.names.len() != produced.len() {
            return Err(DataFusionError::External(Box::new(EngineError::analysis(
                "UDTF_ALIAS_NUMBER_MISMATCH",
                format!(
                    "The number of aliases supplied in the AS clause does not match the number of columns output by the UDTF. Expected {} aliases, but got {}. Please ensure that the number of aliases provided matches the number of columns output by the UDTF.",
                    produced.len(),
                    generator.names.len()
                ),
                &[("aliasesSize", generator.names.len().to_string()), ("aliasesNames", generator.names.join(", "))],
            ))));
        }
        for ((_, name), given) in produced.iter_mut().zip(&generator.names) {
            *name = given.clone();
        }
    }
    // Spark lets a generated column share a name with another output (`select a,
    // inline(...)` making an `a`): such a column gets a qualifier of its own, as
    // `resolver::project` gives repeated names.
    let others: Vec<String> = projection.expr.iter().enumerate().filter(|(p, _)| *p != generator.position).map(|(_, e)| e.qualified_name().1).collect();
    let generated: Vec<String> = produced.iter().map(|(_, name)| name.clone()).collect();
    let mut outputs = Vec::with_capacity(projection.expr.len() + produced.len());
    for (position, expr) in projection.expr.iter().enumerate() {
        // An unqualified column of the same name would be ambiguous beside a qualified
        // one: it gets a qualifier of its own too.
        let (qualifier, name) = expr.qualified_name();
        if position != generator.position && qualifier.is_none() && generated.iter().any(|g| g.eq_ignore_ascii_case(&name)) {
            outputs.push(expr.clone().alias_qualified(Some(format!("__ember_input_{position}")), name));
            continue;
        }
        if position == generator.position {
            outputs.extend(produced.drain(..).enumerate().map(|(i, (e, name))| {
                if others.iter().any(|o| o.eq_ignore_ascii_case(&name)) {
                    e.alias_qualified(Some(format!("__ember_output_{}", position + i)), name)
                } else {
                    e.alias(name)
                }
            }));
        } else {
            outputs.push(expr.clone());
        }
    }
    Ok(LogicalPlanBuilder::from(unnested).project(outputs)?.build()?)
}
