//! `describe()` and `summary()`: Spark's `StatFunctions.summary`. Each statistic is one
//! row of strings: `summary`, then one column per input column.
use datafusion::arrow::datatypes::DataType;
use datafusion::common::{Column, ScalarValue};
use datafusion::logical_expr::{Cast, Expr, ExprFunctionExt, LogicalPlan, LogicalPlanBuilder};

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
        for (position, statistic) in statistics.iter().enumerate() {
            let mut outputs = vec![
                Expr::Literal(ScalarValue::Int64(Some(position as i64)), None).alias("__ember_order"),
                Expr::Literal(ScalarValue::Utf8(Some(statistic.clone())), None).alias("summary"),
            ];
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
                        // Spark's approximate percentile is exact at this size: the smallest
                        // value whose rank reaches ceil(p * n).
                        let fraction: f64 = percentile.trim_end_matches('%').parse::<f64>().map_err(|_| EngineError::internal("bad percentile"))? / 100.0;
                        let values = context.udaf("array_agg")?.call(vec![column.clone()]).filter(column.clone().is_not_null()).build()?;
                        let sorted = context.udf("array_sort")?.call(vec![values]);
                        let count = context.udaf("count")?.call(vec![column.clone()]);
                        let rank = Expr::Cast(Cast::new(
                            Box::new(context.udf("ceil")?.call(vec![Expr::Literal(ScalarValue::Float64(Some(fraction)), None) * Expr::Cast(Cast::new(Box::new(count), DataType::Float64))])),
                            DataType::Int64,
                        ));
                        let rank = datafusion::functions::core::expr_fn::greatest(vec![rank, Expr::Literal(ScalarValue::Int64(Some(1)), None)]);
                        context.udf("array_element")?.call(vec![sorted, rank])
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
        let plan = plan.ok_or_else(|| EngineError::internal("summary without statistics"))?;
        // The statistics stay in the order asked for, as Spark prints them.
        let order = Expr::Column(Column::new_unqualified("__ember_order"));
        let outputs: Vec<Expr> = plan.schema().fields().iter().skip(1).map(|f| Expr::Column(Column::new_unqualified(f.name()))).collect();
        Ok(LogicalPlanBuilder::from(plan).sort(vec![order.sort(true, false)])?.project(outputs)?.build()?)
    }
}
