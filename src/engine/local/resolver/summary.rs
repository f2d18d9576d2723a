//! `describe()` and `summary()`: Spark's `StatFunctions.summary`. Each statistic is one
//! row of strings: `summary`, then one column per input column.
use datafusion::arrow::datatypes::DataType;
use datafusion::common::{Column, ScalarValue};
use datafusion::logical_expr::{Cast, Expr, LogicalPlan, LogicalPlanBuilder};

use super::PlanResolver;
use crate::engine::local::error::{EngineError, Result};
use crate::engine::local::types::{is_numeric, is_string};

impl PlanResolver<'_> {
    pub(super) async fn summary(&self, input: LogicalPlan, columns: &[String], statistics: &[String]) -> Result<LogicalPlan> {
        use datafusion::execution::FunctionRegistry;
        let context = self.session().context();
        let schema = input.schema().clone();
        let selected: Vec<_> = schema
            .iter()
            .filter(|(_, f)| {
                if columns.is_empty() {
                    is_numeric(f.data_type()) || is_string(f.data_type())
                } else {
                    columns.iter().any(|c| c.eq_ignore_ascii_case(f.name()))
                }
            })
            .map(|(q, f)| (Expr::Column(Column::new(q.cloned(), f.name())), f.name().clone(), f.data_type().clone()))
            .collect();
        let spark_string = context.udf("ember_spark_string")?;
        let mut plan: Option<LogicalPlan> = None;
        for statistic in statistics {
            let mut outputs = vec![Expr::Literal(ScalarValue::Utf8(Some(statistic.clone())), None).alias("summary")];
            for (column, name, data_type) in &selected {
                let numeric = is_numeric(data_type);
                let value = match statistic.as_str() {
                    "count" => context.udaf("count")?.call(vec![column.clone()]),
                    "mean" if numeric => context.udaf("avg")?.call(vec![column.clone()]),
                    "stddev" if numeric => context.udaf("stddev")?.call(vec![column.clone()]),
                    "min" => context.udaf("min")?.call(vec![column.clone()]),
                    "max" => context.udaf("max")?.call(vec![column.clone()]),
                    "mean" | "stddev" => Expr::Literal(ScalarValue::Utf8(None), None),
                    percentile if percentile.ends_with('%') && numeric => {
                        let fraction: f64 = percentile.trim_end_matches('%').parse::<f64>().map_err(|_| EngineError::internal("bad percentile"))? / 100.0;
                        let value = context.udaf("approx_percentile_cont")?.call(vec![
                            Expr::Cast(Cast::new(Box::new(column.clone()), DataType::Float64)),
                            Expr::Literal(ScalarValue::Float64(Some(fraction)), None),
                        ]);
                        Expr::Cast(Cast::new(Box::new(value), data_type.clone()))
                    }
                    _ if statistic.ends_with('%') => Expr::Literal(ScalarValue::Utf8(None), None),
                    other => {
                        return Err(EngineError::spark(
                            crate::engine::local::error::ErrorClass::IllegalArgument,
                            "SUMMARY_STATISTIC_NOT_SUPPORTED",
                            format!("{other} is not a recognised statistic."),
                            &[],
                        ))
                    }
                };
                outputs.push(spark_string.call(vec![value]).alias(name));
            }
            let row = self.project_resolved(input.clone(), outputs, Vec::new())?;
            plan = Some(match plan {
                None => row,
                Some(previous) => LogicalPlanBuilder::from(previous).union(row)?.build()?,
            });
        }
        plan.ok_or_else(|| EngineError::internal("summary without statistics"))
    }
}
