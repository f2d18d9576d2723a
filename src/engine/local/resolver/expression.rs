//! Resolution of Spark expressions to DataFusion expressions against an input schema.
use datafusion::common::{DFSchema, ScalarValue};
use datafusion::logical_expr::expr::{Case, WindowFunction};
use datafusion::logical_expr::{Expr, ExprFunctionExt, ExprSchemable, WindowFunctionDefinition};

use super::columns::find_column;
use super::PlanResolver;
use crate::engine::local::error::{EngineError, Result};
use crate::engine::local::{registry, sql, types};
use crate::plan::{Expression, Literal, SortOrder};

impl PlanResolver<'_> {
    /// Resolves one expression against `schema`.
    pub(super) fn expression(&self, expression: &Expression, schema: &DFSchema) -> Result<Expr> {
        match expression {
            Expression::Column { name, plan_id } => find_column(schema, name, *plan_id),
            Expression::Star { .. } => Err(EngineError::analysis(
                "INVALID_USAGE_OF_STAR_OR_REGEX",
                "Invalid usage of '*' in expression.",
                &[],
            )),
            Expression::Literal(literal) => Ok(Expr::Literal(literal_value(literal)?, None)),
            Expression::Function { name, by_sql_name: true, .. } if crate::spark::function_names::is_dataframe_only(name) => Err(EngineError::routine_not_found(name)),
            Expression::Function { name, arguments, is_distinct, .. } if arguments.iter().any(|a| matches!(a, Expression::LambdaFunction { .. })) => {
                self.higher_order_call(name, arguments, *is_distinct, schema)
            }
            Expression::Function { name, arguments, .. } if arguments.is_empty() && (name.eq_ignore_ascii_case("spark_partition_id") || name.eq_ignore_ascii_case("monotonically_increasing_id")) => {
                partition_function(name, schema)
            }
            Expression::LambdaVariable { name } => self.lambda_variable(name),
            Expression::LambdaFunction { .. } => Err(EngineError::analysis(
                "INVALID_LAMBDA_FUNCTION_CALL.NON_HIGHER_ORDER_FUNCTION",
                "Invalid lambda function call. A lambda function should only be used in a higher order function.",
                &[],
            )),
            Expression::Function { name, arguments, is_distinct, .. } => {
                // `count(*)` (also `count(expr("*"))`) counts rows; elsewhere a star in the
                // arguments stands for the columns it expands to (Spark's
                // `ResolveReferences` on a function's `UnresolvedStar`: `hash(*)`).
                let counting = name.eq_ignore_ascii_case("count");
                let mut resolved = Vec::with_capacity(arguments.len());
                for argument in arguments {
                    match argument {
                        Expression::Star { target, .. } if !counting => resolved.extend(self.star(target.as_deref(), schema)?),
                        Expression::Star { .. } => resolved.push(Expr::Literal(ScalarValue::Int32(Some(1)), None)),
                        Expression::SqlExpression { text } if text.trim() == "*" && counting => resolved.push(Expr::Literal(ScalarValue::Int32(Some(1)), None)),
                        other => resolved.push(self.expression(other, schema)?),
                    }
                }
                let arguments = resolved;
                registry::resolve(self.session().context(), name, arguments, *is_distinct, schema)
            }
            Expression::InSubquery { plan, in_values } => self.in_subquery(plan, in_values, schema),
            Expression::ScalarSubquery { plan } => Ok(Expr::ScalarSubquery(self.subquery(plan)?)),
            Expression::ExistsSubquery { plan } => Ok(Expr::Exists(datafusion::logical_expr::expr::Exists::new(self.subquery(plan)?, false))),
            Expression::OuterColumn { child } => self.outer_column(child),
            Expression::Alias { child, name, metadata: None } => Ok(self.expression(child, schema)?.alias(name)),
            // Spark's `Alias(explicitMetadata)`: the field metadata rides on the Arrow field
            // as JSON text (`spark::type_text::SPARK_METADATA`).
            Expression::Alias { child, name, metadata: Some(metadata) } => {
                let metadata = std::collections::BTreeMap::from([(crate::spark::type_text::SPARK_METADATA.to_string(), metadata.clone())]);
                Ok(self.expression(child, schema)?.alias_with_metadata(name, Some(metadata.into())))
            }
            Expression::Cast { child, data_type, try_cast } => {
                let child = self.expression(child, schema)?;
                let data_type = types::parse_spark_type(data_type)?;
                let from = child.get_type(schema)?;
                if let Some(refusal) = crate::engine::local::cast::cast_refusal(&child, &from, &data_type, *try_cast) {
                    return Err(refusal);
                }
                Ok(crate::engine::local::cast::spark_cast(child, &from, &data_type, *try_cast))
            }
            Expression::SqlExpression { text } => sql::parse_expression(self.session(), text, schema),
            Expression::CaseWhen { branches, otherwise } => {
                let when_then = branches
                    .iter()
                    .map(|(condition, value)| {
                        Ok((Box::new(self.expression(condition, schema)?), Box::new(self.expression(value, schema)?)))
                    })
                    .collect::<Result<Vec<_>>>()?;
                let otherwise = match otherwise {
                    Some(value) => Some(Box::new(self.expression(value, schema)?)),
                    None => None,
                };
                Ok(super::coercion::widened_case(Case::new(None, when_then, otherwise), schema).data)
            }
            // PySpark's SQL_GROUPED_AGG_PANDAS_UDF: an aggregate over each group's values.
            // Grouped-aggregate pandas (202, 217 with an iterator) and Arrow (252, 254) UDFs.
            Expression::PythonUdf(udf) => {
                let arguments = udf.arguments.iter().map(|a| self.expression(a, schema)).collect::<Result<Vec<_>>>()?;
                let name = named_arguments_name(udf, &arguments);
                let call = if matches!(udf.eval_type, 202 | 217 | 252 | 254) {
                    std::sync::Arc::new(self.session().python_aggregate(udf)?).call(arguments)
                } else {
                    std::sync::Arc::new(self.session().python_udf(udf)?).call(arguments)
                };
                Ok(match name {
                    Some(name) => crate::engine::local::udfs::spark_named::spark_named(call, name),
                    None => call,
                })
            }
            Expression::SortOrder(order) => Ok(self.sort_expression(order, schema)?.expr),
            Expression::Window { function, partition_by, order_by, frame } => {
                // A window's function is the call itself, not the name Spark gives it.
                let function = self.expression(function, schema)?;
                let function = match crate::engine::local::udfs::spark_named::parts(&function) {
                    Some((inner, _)) => inner.clone(),
                    None => function,
                };
                let partition_by = partition_by.iter().map(|e| self.expression(e, schema).map(|e| crate::engine::local::udfs::normalize_floats::normalized_key(e, schema))).collect::<Result<Vec<_>>>()?;
                let order_by = order_by.iter().map(|o| self.sort_expression(o, schema)).collect::<Result<Vec<_>>>()?;
                let (definition, arguments, distinct, null_treatment) = match function {
                    Expr::AggregateFunction(aggregate) => (
                        WindowFunctionDefinition::AggregateUDF(aggregate.func.clone()),
                        aggregate.params.args.clone(),
                        aggregate.params.distinct,
                        aggregate.params.null_treatment,
                    ),
                    Expr::WindowFunction(window) => (window.fun.clone(), window.params.args.clone(), false, window.params.null_treatment),
                    other => {
                        return Err(EngineError::analysis(
                            "UNSUPPORTED_EXPR_FOR_WINDOW",
                            format!("Expression {other} not supported within a window function."),
                            &[],
                        ))
                    }
                };
                // Spark's ranking functions need an ordered window and give ints.
                let ranking = matches!(definition.name(), "rank" | "dense_rank" | "row_number" | "ntile" | "percent_rank" | "cume_dist");
                if ranking && order_by.is_empty() {
                    return Err(EngineError::analysis(
                        "WINDOW_FUNCTION_FRAME_NOT_ORDERED",
                        format!("Window function `{}` requires window to be ordered, please add ORDER BY clause. For example SELECT {}(value_expr) OVER (PARTITION BY window_partition ORDER BY window_ordering) from table.", definition.name(), definition.name()),
                        &[("windowFunction", format!("`{}`", definition.name()))],
                    ));
                }
                let integral = matches!(definition.name(), "rank" | "dense_rank" | "row_number" | "ntile");
                let frame = window_frame(frame.as_ref(), !order_by.is_empty());
                let mut builder = Expr::from(WindowFunction::new(definition, arguments)).partition_by(partition_by).window_frame(frame).null_treatment(null_treatment);
                if !order_by.is_empty() {
                    builder = builder.order_by(order_by);
                }
                let window = builder.distinct_if(distinct).build()?;
                Ok(if integral { Expr::Cast(datafusion::logical_expr::Cast::new(Box::new(window), datafusion::arrow::datatypes::DataType::Int32)) } else { window })
            }
        }
    }

    /// Resolves a sort key with Spark's default null placement.
    pub(super) fn sort_expression(&self, order: &SortOrder, schema: &DFSchema) -> Result<datafusion::logical_expr::SortExpr> {
        let mut expr = self.expression(&order.child, schema)?;
        // Spark compares -0.0 and 0.0 as equal and puts every NaN last
        // (NormalizeFloatingNumbers): -0.0 and 0.0 keep their input order, as in Spark's
        // stable sort, and a NaN with its sign bit set sorts with the others.
        expr = crate::engine::local::udfs::normalize_floats::normalized_key(expr, schema);
        let nulls_first = order.nulls_first.unwrap_or(order.ascending);
        Ok(expr.sort(order.ascending, nulls_first))
    }
}

/// The DataFusion frame of a Spark window. Without `rowsBetween`/`rangeBetween` Spark's
/// default applies (`SpecifiedWindowFrame.defaultWindowFrame`): RANGE BETWEEN UNBOUNDED
/// PRECEDING AND CURRENT ROW with an ordering, ROWS over the whole partition without one.
fn window_frame(frame: Option<&crate::plan::WindowFrame>, ordered: bool) -> datafusion::logical_expr::WindowFrame {
    use datafusion::logical_expr::{WindowFrame, WindowFrameBound, WindowFrameUnits};
    let Some(frame) = frame else {
        return WindowFrame::new(ordered.then_some(false));
    };
    let value = |offset: i64| {
        if frame.rows {
            ScalarValue::UInt64(Some(offset.unsigned_abs()))
        } else {
            ScalarValue::Int64(Some(offset.abs()))
        }
    };
    let bound = |offset: Option<i64>, lower: bool| match offset {
        None if lower => WindowFrameBound::Preceding(ScalarValue::Null),
        None => WindowFrameBound::Following(ScalarValue::Null),
        Some(0) => WindowFrameBound::CurrentRow,
        Some(n) if n < 0 => WindowFrameBound::Preceding(value(n)),
        Some(n) => WindowFrameBound::Following(value(n)),
    };
    let units = if frame.rows { WindowFrameUnits::Rows } else { WindowFrameUnits::Range };
    WindowFrame::new_bounds(units, bound(frame.lower, true), bound(frame.upper, false))
}

trait DistinctIf {
    fn distinct_if(self, distinct: bool) -> Self;
}

impl DistinctIf for datafusion::logical_expr::expr_fn::ExprFuncBuilder {
    fn distinct_if(self, distinct: bool) -> Self {
        if distinct {
            self.distinct()
        } else {
            self
        }
    }
}

/// The DataFusion value of a Spark literal.
/// `spark_partition_id()` (the row's partition) and `monotonically_increasing_id()` (the
/// partition in the upper 31 bits, the row's position in it in the lower 33: Spark's
/// `MonotonicallyIncreasingID`), read from the hidden columns the resolver adds to the
/// input (see `partitioning`).
fn partition_function(name: &str, schema: &DFSchema) -> Result<Expr> {
    use datafusion::logical_expr::lit;
    let has = |column: &str| schema.fields().iter().any(|f| f.name() == column);
    // The column as the schema qualifies it, so that a window over it names it as the
    // window's input does.
    let col = |name: &str| match schema.qualified_field_with_unqualified_name(name) {
        Ok((qualifier, field)) => Expr::Column(datafusion::common::Column::new(qualifier.cloned(), field.name())),
        Err(_) => datafusion::logical_expr::col(name),
    };
    if !has(super::partitioning::PARTITION) {
        return Err(not_implemented(format!("`{}` outside select, withColumn, filter, groupBy and orderBy", name.to_lowercase())));
    }
    let partition = col(super::partitioning::PARTITION);
    if name.eq_ignore_ascii_case("spark_partition_id") {
        return Ok(partition);
    }
    if !has(super::partitioning::ROW_IN_PARTITION) {
        return Err(not_implemented("`monotonically_increasing_id` outside select, withColumn and filter".to_string()));
    }
    let high = Expr::Cast(datafusion::logical_expr::Cast::new(Box::new(partition), datafusion::arrow::datatypes::DataType::Int64)) * lit(1i64 << 33);
    let low = Expr::Cast(datafusion::logical_expr::Cast::new(Box::new(col(super::partitioning::ROW_IN_PARTITION)), datafusion::arrow::datatypes::DataType::Int64)) - lit(1i64);
    Ok(high + low)
}

/// Spark's `NOT_IMPLEMENTED` for `feature`.
fn not_implemented(feature: String) -> EngineError {
    EngineError::spark(crate::engine::local::error::ErrorClass::NotImplemented, "NOT_IMPLEMENTED", format!("{feature} is not implemented."), &[("feature", feature.clone())])
}

pub fn literal_value(literal: &Literal) -> Result<ScalarValue> {
    use serde_json::Value;
    let value = &literal.value;
    if value.is_null() {
        let data_type = types::parse_spark_type(&literal.data_type)?;
        return Ok(ScalarValue::try_from(&data_type)?);
    }
    let bad = || EngineError::internal(format!("bad literal {value} of type {}", literal.data_type));
    Ok(match literal.data_type.as_str() {
        "boolean" => ScalarValue::Boolean(Some(value.as_bool().ok_or_else(bad)?)),
        "byte" | "tinyint" => ScalarValue::Int8(Some(value.as_i64().ok_or_else(bad)? as i8)),
        "short" | "smallint" => ScalarValue::Int16(Some(value.as_i64().ok_or_else(bad)? as i16)),
        "integer" | "int" => ScalarValue::Int32(Some(value.as_i64().ok_or_else(bad)? as i32)),
        "long" | "bigint" => ScalarValue::Int64(Some(value.as_i64().ok_or_else(bad)?)),
        "double" | "float" => {
            let number = match value {
                Value::String(text) => match text.as_str() {
                    "NaN" => f64::NAN,
                    "Infinity" => f64::INFINITY,
                    "-Infinity" => f64::NEG_INFINITY,
                    other => other.parse().map_err(|_| bad())?,
                },
                other => other.as_f64().ok_or_else(bad)?,
            };
            if literal.data_type == "float" {
                ScalarValue::Float32(Some(number as f32))
            } else {
                ScalarValue::Float64(Some(number))
            }
        }
        "string" => ScalarValue::Utf8(Some(value.as_str().ok_or_else(bad)?.to_string())),
        "void" | "null" => ScalarValue::Null,
        // A `datetime.timedelta`, in microseconds (Spark's `DayTimeIntervalType`).
        "interval day to second" => ScalarValue::DurationMicrosecond(Some(value.as_i64().ok_or_else(bad)?)),
        other => {
            // Dates, timestamps, decimals and binary travel as strings and are cast.
            let text = value.as_str().ok_or_else(bad)?;
            let data_type = types::parse_spark_type(other)?;
            if matches!(data_type, datafusion::arrow::datatypes::DataType::Binary) {
                let bytes = (0..text.len())
                    .step_by(2)
                    .map(|i| u8::from_str_radix(text.get(i..i + 2).unwrap_or("00"), 16).map_err(|_| bad()))
                    .collect::<Result<Vec<u8>>>()?;
                return Ok(ScalarValue::Binary(Some(bytes)));
            }
            ScalarValue::Utf8(Some(text.to_string())).cast_to(&data_type)?
        }
    })
}

/// The column name of a Python UDF call with named arguments, `f(b => (id * 10), a => id)`
/// as Spark shows a `NamedArgumentExpression`; `None` when every argument is positional.
fn named_arguments_name(udf: &crate::plan::PythonUdf, arguments: &[Expr]) -> Option<String> {
    if udf.argument_names.iter().all(String::is_empty) {
        return None;
    }
    let shown = arguments.iter().enumerate().map(|(i, argument)| {
        let text = crate::engine::local::naming::spark_name(argument);
        match udf.argument_names.get(i).filter(|n| !n.is_empty()) {
            Some(name) => format!("{name} => {text}"),
            None => text,
        }
    });
    Some(format!("{}({})", udf.name, shown.collect::<Vec<_>>().join(", ")))
}
