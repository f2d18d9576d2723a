//! Spark's `trunc(date, unit)` (`TruncDate`) on the date itself: the first day of its
//! year, quarter, month or ISO week (Monday). The engine's `trunc` goes through a
//! nanosecond timestamp, which holds only the years 1677 to 2262: `trunc(date'0001-01-01',
//! 'month')` failed. Other units are NULL, decided when the call is planned.
use std::sync::Arc;

use chrono::{Datelike, NaiveDate};
use datafusion::arrow::array::{AsArray, Date32Array};
use datafusion::arrow::datatypes::{DataType, Date32Type};
use datafusion::error::Result;
use datafusion::logical_expr::{ColumnarValue, Expr, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature, Volatility};

/// `trunc(date, unit)` for one of Spark's units (`year`, `yyyy`, `yy`, `quarter`, `month`,
/// `mm`, `mon`, `week`), or None for another.
pub fn call(date: Expr, unit: &str) -> Option<Expr> {
    let unit = match unit.to_ascii_lowercase().as_str() {
        "year" | "yyyy" | "yy" => Unit::Year,
        "quarter" => Unit::Quarter,
        "month" | "mm" | "mon" => Unit::Month,
        "week" => Unit::Week,
        _ => return None,
    };
    Some(ScalarUDF::from(TruncDate { unit, signature: Signature::exact(vec![DataType::Date32], Volatility::Immutable) }).call(vec![date]))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Unit {
    Year,
    Quarter,
    Month,
    Week,
}

#[derive(Debug, PartialEq, Eq, Hash)]
struct TruncDate {
    unit: Unit,
    signature: Signature,
}

fn truncated(days: i32, unit: Unit) -> Option<i32> {
    let date = Date32Type::to_naive_date_opt(days)?;
    let first = match unit {
        Unit::Year => NaiveDate::from_ymd_opt(date.year(), 1, 1)?,
        Unit::Quarter => NaiveDate::from_ymd_opt(date.year(), (date.month0() / 3) * 3 + 1, 1)?,
        Unit::Month => NaiveDate::from_ymd_opt(date.year(), date.month(), 1)?,
        Unit::Week => date - chrono::Duration::days(i64::from(date.weekday().num_days_from_monday())),
    };
    Some(Date32Type::from_naive_date(first))
}

impl ScalarUDFImpl for TruncDate {
    fn name(&self) -> &str {
        "trunc"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Date32)
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let arrays = ColumnarValue::values_to_arrays(&args.args)?;
        let dates = arrays[0].as_primitive::<Date32Type>();
        let out: Date32Array = dates.iter().map(|d| d.and_then(|d| truncated(d, self.unit))).collect();
        debug_assert_eq!(out.len(), dates.len());
        Ok(ColumnarValue::Array(Arc::new(out)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncates_to_the_first_day_across_the_whole_calendar() {
        let days = |y, m, d| Date32Type::from_naive_date(NaiveDate::from_ymd_opt(y, m, d).unwrap());
        assert_eq!(truncated(days(1, 1, 1), Unit::Month), Some(days(1, 1, 1)));
        assert_eq!(truncated(days(9999, 12, 31), Unit::Quarter), Some(days(9999, 10, 1)));
        assert_eq!(truncated(days(2024, 3, 10), Unit::Week), Some(days(2024, 3, 4)));
        assert_eq!(truncated(days(2000, 2, 29), Unit::Year), Some(days(2000, 1, 1)));
    }
}
