//! Spark's time windows: `window(ts, windowDuration[, slideDuration[, startTime]])`
//! (Spark's `TimeWindow`) and `window_time(window)` (`WindowTime`).
//!
//! Spark's analyzer (`TimeWindowing`) computes a row's window and drops the rows whose
//! time is NULL. Ember computes tumbling windows (`ember_time_window`, named `window`)
//! and adds the same filter (`drop_rows_without_time`); sliding windows, which give a
//! row several windows, are not implemented.
use std::sync::Arc;

use datafusion::arrow::array::{Array, ArrayRef, AsArray, StructArray, TimestampMicrosecondArray};
use datafusion::arrow::datatypes::{DataType, Field, Fields, TimeUnit, TimestampMicrosecondType};
use datafusion::error::{DataFusionError, Result};
use datafusion::logical_expr::{ColumnarValue, Expr, LogicalPlan, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature, Volatility};
use datafusion::prelude::SessionContext;

use crate::engine::local::error::{EngineError, ErrorClass};

/// The name of the function giving a row's window.
pub const TIME_WINDOW: &str = "ember_time_window";

/// Registers the functions of this module.
pub fn register(context: &SessionContext) {
    context.register_udf(ScalarUDF::from(TimeWindow { signature: Signature::any(3, Volatility::Immutable) }));
    context.register_udf(ScalarUDF::from(WindowTime { signature: Signature::any(1, Volatility::Immutable) }));
}

/// Microseconds of a duration written as Spark's interval text (`'5 seconds'`,
/// `'1 hour 30 minutes'`, `'interval 1 day'`); months and years are refused, as Spark's
/// windows refuse them.
pub fn duration_micros(text: &str) -> std::result::Result<i64, EngineError> {
    let invalid = || {
        EngineError::analysis(
            "CANNOT_PARSE_INTERVAL",
            format!("Unable to parse '{text}'. Please ensure that the value provided is in a valid format for defining an interval. You can reference the documentation for the correct format. If the issue persists, please double check that the input value is not null or empty and try again."),
            &[("intervalString", format!("'{text}'"))],
        )
    };
    let words: Vec<String> = text.split_whitespace().map(str::to_ascii_lowercase).collect();
    let words: &[String] = if words.first().map(String::as_str) == Some("interval") { &words[1..] } else { &words };
    if words.is_empty() || words.len() % 2 != 0 {
        return Err(invalid());
    }
    let mut total: i64 = 0;
    for pair in words.chunks(2) {
        let amount: i64 = pair[0].parse().map_err(|_| invalid())?;
        let unit = pair[1].trim_end_matches('s');
        let size = match unit {
            "week" => 7 * 86_400_000_000,
            "day" => 86_400_000_000,
            "hour" => 3_600_000_000,
            "minute" => 60_000_000,
            "second" => 1_000_000,
            "millisecond" => 1_000,
            "microsecond" => 1,
            "month" | "year" => {
                return Err(EngineError::spark(ErrorClass::IllegalArgument, "", format!("Intervals greater than a month is not supported ({text})."), &[]));
            }
            _ => return Err(invalid()),
        };
        total = total.checked_add(amount.checked_mul(size).ok_or_else(invalid)?).ok_or_else(invalid)?;
    }
    Ok(total)
}

/// The struct type of a window over times of `time_type`.
pub fn window_type(time_type: &DataType) -> DataType {
    DataType::Struct(Fields::from(vec![Field::new("start", time_type.clone(), true), Field::new("end", time_type.clone(), true)]))
}

/// `ember_time_window(ts, windowMicros, startMicros)`: the tumbling window holding `ts`
/// (Spark's `TimeWindow` with the slide equal to the window: the start is `ts` less its
/// distance past the last boundary, boundaries being `startTime` plus whole windows).
#[derive(Debug, PartialEq, Eq, Hash)]
struct TimeWindow {
    signature: Signature,
}

impl ScalarUDFImpl for TimeWindow {
    fn name(&self) -> &str {
        TIME_WINDOW
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, arg_types: &[DataType]) -> Result<DataType> {
        let time = match arg_types.first() {
            Some(DataType::Timestamp(_, None)) => DataType::Timestamp(TimeUnit::Microsecond, None),
            _ => crate::engine::local::types::timestamp_type(),
        };
        Ok(window_type(&time))
    }

    fn return_field_from_args(&self, args: datafusion::logical_expr::ReturnFieldArgs) -> Result<datafusion::arrow::datatypes::FieldRef> {
        let types: Vec<DataType> = args.arg_fields.iter().map(|f| f.data_type().clone()).collect();
        Ok(Arc::new(Field::new(self.name(), self.return_type(&types)?, false)))
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let rows = args.number_rows;
        let arrays = args.args.iter().map(|a| a.to_array(rows)).collect::<Result<Vec<ArrayRef>>>()?;
        let zone = match arrays[0].data_type() {
            DataType::Timestamp(_, Some(zone)) => Some(zone.clone()),
            DataType::Timestamp(_, None) => None,
            _ => Some(Arc::from("UTC")),
        };
        let times = datafusion::arrow::compute::cast(&arrays[0], &DataType::Timestamp(TimeUnit::Microsecond, None))?;
        let times = times.as_primitive::<TimestampMicrosecondType>();
        let number = |i: usize| -> Result<i64> {
            let values = datafusion::arrow::compute::cast(&arrays[i], &DataType::Int64)?;
            Ok(values.as_primitive::<datafusion::arrow::datatypes::Int64Type>().value(0))
        };
        let (window, start) = (number(1)?, number(2)?);
        let starts: Vec<Option<i64>> = (0..rows).map(|row| (!times.is_null(row)).then(|| times.value(row)).map(|t| t - (t - start).rem_euclid(window))).collect();
        let ends: Vec<Option<i64>> = starts.iter().map(|s| s.map(|s| s + window)).collect();
        let column = |values: Vec<Option<i64>>| -> ArrayRef { Arc::new(TimestampMicrosecondArray::from(values).with_timezone_opt(zone.clone())) };
        let (starts, ends) = (column(starts), column(ends));
        let DataType::Struct(fields) = window_type(starts.data_type()) else {
            return Err(DataFusionError::Internal("a window is a struct".into()));
        };
        // Never NULL itself (Spark's window column is not nullable): a row without a time,
        // which `drop_rows_without_time` removes, has NULL bounds.
        Ok(ColumnarValue::Array(Arc::new(StructArray::try_new(fields, vec![starts, ends], None)?)))
    }
}

/// Spark's `TimeWindowing` filter: below each projection or aggregate that computes a
/// window, the rows whose time is NULL are dropped (they belong to no window).
pub fn drop_rows_without_time(plan: LogicalPlan) -> Result<LogicalPlan> {
    use datafusion::common::tree_node::{Transformed, TreeNode, TreeNodeRecursion};
    Ok(plan
        .transform_up(|node| {
            let expressions: Vec<&Expr> = match &node {
                LogicalPlan::Projection(projection) => projection.expr.iter().collect(),
                LogicalPlan::Aggregate(aggregate) => aggregate.group_expr.iter().chain(aggregate.aggr_expr.iter()).collect(),
                _ => return Ok(Transformed::no(node)),
            };
            let mut times: Vec<Expr> = Vec::new();
            for expr in expressions {
                expr.apply(|e| {
                    if let Expr::ScalarFunction(function) = e {
                        if function.name() == TIME_WINDOW && !times.contains(&function.args[0]) {
                            times.push(function.args[0].clone());
                        }
                    }
                    Ok(TreeNodeRecursion::Continue)
                })?;
            }
            let Some(condition) = times.into_iter().map(|t| t.is_not_null()).reduce(Expr::and) else {
                return Ok(Transformed::no(node));
            };
            let inputs: Vec<LogicalPlan> = node.inputs().into_iter().cloned().collect();
            // A plan resolved again keeps the one filter it has.
            if inputs.iter().all(|input| matches!(input, LogicalPlan::Filter(filter) if filter.predicate == condition)) {
                return Ok(Transformed::no(node));
            }
            let filtered = inputs
                .into_iter()
                .map(|input| Ok(LogicalPlan::Filter(datafusion::logical_expr::Filter::try_new(condition.clone(), Arc::new(input))?)))
                .collect::<Result<Vec<_>>>()?;
            Ok(Transformed::yes(node.with_new_exprs(node.expressions(), filtered)?))
        })?
        .data)
}

/// Spark's `window_time(window)`: the window's end less one microsecond, the latest time
/// it holds.
#[derive(Debug, PartialEq, Eq, Hash)]
struct WindowTime {
    signature: Signature,
}

impl ScalarUDFImpl for WindowTime {
    fn name(&self) -> &str {
        "window_time"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, arg_types: &[DataType]) -> Result<DataType> {
        match arg_types.first() {
            Some(DataType::Struct(fields)) if fields.len() == 2 && matches!(fields[1].data_type(), DataType::Timestamp(..)) => Ok(fields[1].data_type().clone()),
            other => Err(DataFusionError::External(Box::new(EngineError::analysis(
                "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
                format!("Cannot resolve \"window_time\" due to data type mismatch: The first parameter requires a window struct, however the argument has the type \"{}\".", other.map(crate::engine::local::types::spark_sql_type_name).unwrap_or_default()),
                &[],
            )))),
        }
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let array = args.args[0].to_array(args.number_rows)?;
        let windows = array.as_struct();
        let ends = windows.column(1);
        let zone = match ends.data_type() {
            DataType::Timestamp(_, zone) => zone.clone(),
            _ => None,
        };
        let micros = datafusion::arrow::compute::cast(ends, &DataType::Timestamp(TimeUnit::Microsecond, None))?;
        let micros = micros.as_primitive::<TimestampMicrosecondType>();
        let values: TimestampMicrosecondArray = (0..windows.len()).map(|i| (!windows.is_null(i) && !micros.is_null(i)).then(|| micros.value(i) - 1)).collect();
        Ok(ColumnarValue::Array(Arc::new(values.with_timezone_opt(zone))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_as_spark_reads_them() {
        assert_eq!(duration_micros("5 seconds").ok(), Some(5_000_000));
        assert_eq!(duration_micros("interval 1 hour 30 minutes").ok(), Some(5_400_000_000));
        assert_eq!(duration_micros("1 week").ok(), Some(604_800_000_000));
        assert!(duration_micros("1 month").is_err());
        assert!(duration_micros("soon").is_err());
    }
}
