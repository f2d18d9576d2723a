//! Sums of doubles added one value at a time, in the rows' order, for `sum` and `avg`
//! without grouping: Spark's `Sum` and `Average` add each row to the running value
//! (`Add`), while Arrow's sum kernel adds in parallel lanes, which can change the last
//! digit (`avg` of 40.3, 37.8 and 44.1 is Spark's 40.73333333333333, not
//! 40.733333333333334). The states are laid out as DataFusion's `sum` and `avg` lay
//! theirs out, so partial and final aggregates agree.
use datafusion::arrow::array::{ArrayRef, AsArray};
use datafusion::arrow::datatypes::{Float64Type, UInt64Type};
use datafusion::common::ScalarValue;
use datafusion::error::Result;
use datafusion::logical_expr::Accumulator;

/// Adds the non-null values of a double column to `total`, in order.
fn add_all(total: &mut Option<f64>, values: &ArrayRef) {
    for value in values.as_primitive::<Float64Type>().iter().flatten() {
        *total = Some(total.unwrap_or(0.0) + value);
    }
}

/// `sum` of doubles: state `[sum]`.
#[derive(Debug, Default)]
pub struct SequentialSum {
    sum: Option<f64>,
}

impl Accumulator for SequentialSum {
    fn update_batch(&mut self, values: &[ArrayRef]) -> Result<()> {
        add_all(&mut self.sum, &values[0]);
        Ok(())
    }

    fn merge_batch(&mut self, states: &[ArrayRef]) -> Result<()> {
        add_all(&mut self.sum, &states[0]);
        Ok(())
    }

    fn state(&mut self) -> Result<Vec<ScalarValue>> {
        Ok(vec![ScalarValue::Float64(self.sum)])
    }

    fn evaluate(&mut self) -> Result<ScalarValue> {
        Ok(ScalarValue::Float64(self.sum))
    }

    fn size(&self) -> usize {
        std::mem::size_of_val(self)
    }
}

/// `avg` of doubles: state `[count, sum]`.
#[derive(Debug, Default)]
pub struct SequentialAverage {
    count: u64,
    sum: Option<f64>,
}

impl Accumulator for SequentialAverage {
    fn update_batch(&mut self, values: &[ArrayRef]) -> Result<()> {
        self.count += (values[0].len() - values[0].null_count()) as u64;
        add_all(&mut self.sum, &values[0]);
        Ok(())
    }

    fn merge_batch(&mut self, states: &[ArrayRef]) -> Result<()> {
        self.count += states[0].as_primitive::<UInt64Type>().iter().flatten().sum::<u64>();
        add_all(&mut self.sum, &states[1]);
        Ok(())
    }

    fn state(&mut self) -> Result<Vec<ScalarValue>> {
        Ok(vec![ScalarValue::UInt64(Some(self.count)), ScalarValue::Float64(self.sum)])
    }

    fn evaluate(&mut self) -> Result<ScalarValue> {
        Ok(ScalarValue::Float64(match (self.count, self.sum) {
            (0, _) | (_, None) => None,
            (count, Some(sum)) => Some(sum / count as f64),
        }))
    }

    fn size(&self) -> usize {
        std::mem::size_of_val(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use datafusion::arrow::array::Float64Array;
    use std::sync::Arc;

    #[test]
    fn adds_in_row_order() {
        let values: ArrayRef = Arc::new(Float64Array::from(vec![40.3, 37.8, 44.1]));
        let mut average = SequentialAverage::default();
        average.update_batch(&[values.clone()]).unwrap();
        // Spark: avg of these rows in this order.
        assert_eq!(average.evaluate().unwrap(), ScalarValue::Float64(Some(40.73333333333333)));
        let mut sum = SequentialSum::default();
        sum.update_batch(&[values]).unwrap();
        assert_eq!(sum.evaluate().unwrap(), ScalarValue::Float64(Some(122.19999999999999)));
    }
}
