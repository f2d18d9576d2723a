//! `DataFrame.na`: `fill`, `drop` and `replace`, as Spark's `DataFrameNaFunctions`.
use datafusion::arrow::datatypes::DataType;
use datafusion::common::{Column, ScalarValue};
use datafusion::execution::FunctionRegistry;
use datafusion::logical_expr::expr::Case;
use datafusion::logical_expr::{Cast, Expr, LogicalPlan, LogicalPlanBuilder};

use super::expression::literal_value;
use super::PlanResolver;
use crate::engine::local::error::{EngineError, Result};
use crate::engine::local::types::{is_numeric, is_string};
use crate::plan::Expression;

fn literal_of(expression: &Expression) -> Result<ScalarValue> {
    match expression {
        Expression::Literal(literal) => literal_value(literal),
        _ => Err(EngineError::internal("na functions take literal values")),
    }
}

/// Whether Spark applies a fill/replace value of this type to a column of that type.
fn applies(value: &ScalarValue, column: &DataType) -> bool {
    let value_type = value.data_type();
    if value.is_null() {
        return true;
    }
    if is_numeric(&value_type) {
        is_numeric(column)
    } else if is_string(&value_type) {
        is_string(column)
    } else {
        value_type == *column
    }
}

fn in_subset(name: &str, columns: Option<&[String]>) -> bool {
    columns.is_none_or(|c| c.iter().any(|s| s.eq_ignore_ascii_case(name)))
}

fn cast_literal(value: &ScalarValue, data_type: &DataType) -> Expr {
    Expr::Cast(Cast::new(Box::new(Expr::Literal(value.clone(), None)), data_type.clone()))
}

impl PlanResolver<'_> {
    pub(super) fn fill_na(&self, input: LogicalPlan, columns: Option<&[String]>, values: &[(Option<String>, Expression)]) -> Result<LogicalPlan> {
        let values = values.iter().map(|(c, v)| Ok((c.clone(), literal_of(v)?))).collect::<Result<Vec<_>>>()?;
        let schema = input.schema().clone();
        let outputs = schema
            .iter()
            .map(|(q, f)| {
                let column = Expr::Column(Column::new(q.cloned(), f.name()));
                let fill = values.iter().find(|(name, value)| match name {
                    Some(name) => name.eq_ignore_ascii_case(f.name()) && applies(value, f.data_type()),
                    None => in_subset(f.name(), columns) && applies(value, f.data_type()),
                });
                match fill {
                    Some((_, value)) => {
                        // Spark's fill replaces NaN as well as NULL in float columns.
                        let column = match (f.data_type(), self.session().context().udf("nanvl")) {
                            (DataType::Float32 | DataType::Float64, Ok(nanvl)) => nanvl.call(vec![column, cast_literal(&ScalarValue::Null, f.data_type())]),
                            _ => column,
                        };
                        datafusion::functions::core::expr_fn::coalesce(vec![column, cast_literal(value, f.data_type())]).alias(f.name())
                    }
                    None => column,
                }
            })
            .collect::<Vec<_>>();
        Ok(LogicalPlanBuilder::from(input).project(outputs)?.build()?)
    }

    pub(super) fn drop_na(&self, input: LogicalPlan, columns: Option<&[String]>, min_non_nulls: Option<usize>) -> Result<LogicalPlan> {
        let schema = input.schema().clone();
        let checked: Vec<Expr> = schema
            .iter()
            .filter(|(_, f)| in_subset(f.name(), columns))
            .map(|(q, f)| {
                let column = Expr::Column(Column::new(q.cloned(), f.name()));
                let mut present = column.clone().is_not_null();
                if matches!(f.data_type(), DataType::Float32 | DataType::Float64) {
                    let isnan = self.session().context().udf("isnan");
                    if let Ok(isnan) = isnan {
                        present = present.and(Expr::Not(Box::new(isnan.call(vec![column]))));
                    }
                }
                Expr::Case(Case::new(None, vec![(Box::new(present), Box::new(Expr::Literal(ScalarValue::Int64(Some(1)), None)))], Some(Box::new(Expr::Literal(ScalarValue::Int64(Some(0)), None)))))
            })
            .collect();
        let threshold = min_non_nulls.unwrap_or(checked.len()) as i64;
        let Some(first) = checked.first().cloned() else {
            return Ok(input);
        };
        let total = checked.into_iter().skip(1).fold(first, |acc, e| acc + e);
        let condition = total.gt_eq(Expr::Literal(ScalarValue::Int64(Some(threshold)), None));
        Ok(LogicalPlanBuilder::from(input).filter(condition)?.build()?)
    }

    pub(super) fn replace_na(&self, input: LogicalPlan, columns: Option<&[String]>, replacements: &[(Expression, Expression)]) -> Result<LogicalPlan> {
        let replacements = replacements.iter().map(|(a, b)| Ok((literal_of(a)?, literal_of(b)?))).collect::<Result<Vec<_>>>()?;
        let schema = input.schema().clone();
        let outputs = schema
            .iter()
            .map(|(q, f)| {
                let column = Expr::Column(Column::new(q.cloned(), f.name()));
                if !in_subset(f.name(), columns) {
                    return column;
                }
                let branches: Vec<_> = replacements
                    .iter()
                    .filter(|(old, _)| !old.is_null() && applies(old, f.data_type()))
                    .map(|(old, new)| {
                        (Box::new(column.clone().eq(cast_literal(old, f.data_type()))), Box::new(cast_literal(new, f.data_type())))
                    })
                    .collect();
                if branches.is_empty() {
                    column
                } else {
                    Expr::Case(Case::new(None, branches, Some(Box::new(column)))).alias(f.name())
                }
            })
            .collect::<Vec<_>>();
        Ok(LogicalPlanBuilder::from(input).project(outputs)?.build()?)
    }
}
