//! Spark's central-moment aggregates (`CentralMomentAgg`): `stddev`/`std`/`stddev_samp`,
//! `stddev_pop`, `variance`/`var_samp`, `var_pop`, `skewness` and `kurtosis`, computed
//! with Spark's update and merge formulas over the slices Spark's `parallelize` would
//! make, so that the last digit of a double agrees with Spark's for local DataFrames. A sample statistic of one row, and skewness or kurtosis
//! of rows that do not vary, are NULL (Spark's `nullOnDivideByZero`).
use std::sync::Arc;

use datafusion::arrow::array::{ArrayRef, AsArray};
use datafusion::arrow::datatypes::{DataType, Field, FieldRef, Float64Type};
use datafusion::common::ScalarValue;
use datafusion::error::{DataFusionError, Result};
use datafusion::logical_expr::function::{AccumulatorArgs, StateFieldsArgs};
use datafusion::logical_expr::{Accumulator, AggregateUDF, AggregateUDFImpl, Signature, Volatility};
use datafusion::prelude::SessionContext;

/// The statistics of this module, by Spark name.
const STATISTICS: &[&str] = &["stddev", "std", "stddev_samp", "stddev_pop", "variance", "var_samp", "var_pop", "skewness", "kurtosis"];

/// Registers every statistic under its Spark name.
pub fn register(context: &SessionContext) {
    let slices = context.state().config().target_partitions().max(1);
    for name in STATISTICS {
        context.register_udaf(AggregateUDF::from(CentralMoment { name, signature: Signature::any(1, Volatility::Immutable), slices }));
    }
}

#[derive(Debug, PartialEq, Eq, Hash)]
struct CentralMoment {
    name: &'static str,
    signature: Signature,
    /// The session's parallelism: how many slices Spark's `parallelize` cuts a local
    /// DataFrame into, each aggregated on its own and then merged.
    slices: usize,
}

impl AggregateUDFImpl for CentralMoment {
    fn name(&self) -> &str {
        self.name
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Float64)
    }

    fn state_fields(&self, args: StateFieldsArgs) -> Result<Vec<FieldRef>> {
        Ok(["n", "avg", "m2", "m3", "m4"].iter().map(|part| Arc::new(Field::new(format!("{}[{part}]", args.name), DataType::Float64, true))).collect())
    }

    fn accumulator(&self, _args: AccumulatorArgs) -> Result<Box<dyn Accumulator>> {
        Ok(Box::new(Moments { statistic: self.name, slices: self.slices, ..Moments::default() }))
    }
}

/// The running count, mean and central moment sums of Spark's `CentralMomentAgg`.
#[derive(Debug, Default)]
struct Moments {
    statistic: &'static str,
    slices: usize,
    n: f64,
    avg: f64,
    m2: f64,
    m3: f64,
    m4: f64,
}

impl Moments {
    /// Spark's `updateExpressions` for one value (rows within one partition).
    fn update(&mut self, value: f64) {
        let n = self.n + 1.0;
        let delta = value - self.avg;
        let delta_n = delta / n;
        let avg = self.avg + delta_n;
        let m2 = self.m2 + delta * (delta - delta_n);
        let delta2 = delta * delta;
        let delta_n2 = delta_n * delta_n;
        let m3 = self.m3 - 3.0 * delta_n * m2 + delta * (delta2 - delta_n2);
        let m4 = self.m4 - 4.0 * delta_n * m3 - 6.0 * delta_n2 * m2 + delta * (delta * delta2 - delta_n * delta_n2);
        *self = Moments { statistic: self.statistic, slices: self.slices, n, avg, m2, m3, m4 };
    }

    /// Spark's `mergeExpressions` of another partial result.
    fn merge(&mut self, other: &Moments) {
        let (n1, n2) = (self.n, other.n);
        let n = n1 + n2;
        let delta = other.avg - self.avg;
        let delta_n = if n == 0.0 { 0.0 } else { delta / n };
        let avg = self.avg + delta_n * n2;
        let m2 = self.m2 + other.m2 + delta * delta_n * n1 * n2;
        let m3 = self.m3 + other.m3 + delta_n * delta_n * delta * n1 * n2 * (n1 - n2) + 3.0 * delta_n * (n1 * other.m2 - n2 * self.m2);
        let m4 = self.m4
            + other.m4
            + delta_n * delta_n * delta_n * delta * n1 * n2 * (n1 * n1 - n1 * n2 + n2 * n2)
            + 6.0 * delta_n * delta_n * (n1 * n1 * other.m2 + n2 * n2 * self.m2)
            + 4.0 * delta_n * (n1 * other.m3 - n2 * self.m3);
        *self = Moments { statistic: self.statistic, slices: self.slices, n, avg, m2, m3, m4 };
    }

    /// Spark's `evaluateExpression` of the statistic.
    fn value(&self) -> Option<f64> {
        let n = self.n;
        if n == 0.0 {
            return None;
        }
        match self.statistic {
            "stddev_pop" => Some((self.m2 / n).sqrt()),
            "var_pop" => Some(self.m2 / n),
            "skewness" => (self.m2 != 0.0).then(|| n.sqrt() * self.m3 / (self.m2 * self.m2 * self.m2).sqrt()),
            "kurtosis" => (self.m2 != 0.0).then(|| n * self.m4 / (self.m2 * self.m2) - 3.0),
            "variance" | "var_samp" => (n != 1.0).then(|| self.m2 / (n - 1.0)),
            _ => (n != 1.0).then(|| (self.m2 / (n - 1.0)).sqrt()),
        }
    }
}

/// The row ranges Spark's `parallelize` cuts `rows` rows into for `slices` slices (slice
/// i holds rows i*n/p until (i+1)*n/p), in order.
pub fn parallelize_slices(rows: usize, slices: usize) -> impl Iterator<Item = std::ops::Range<usize>> {
    (0..slices).map(move |slice| slice * rows / slices..(slice + 1) * rows / slices)
}

fn doubles(array: &ArrayRef) -> Result<ArrayRef> {
    Ok(datafusion::arrow::compute::cast(array, &DataType::Float64)?)
}

impl Accumulator for Moments {
    fn update_batch(&mut self, values: &[ArrayRef]) -> Result<()> {
        let Some(values) = values.first() else { return Ok(()) };
        let values = doubles(values)?;
        let values = values.as_primitive::<Float64Type>();
        // Spark's last digit depends on how rows fall into partitions: a local DataFrame
        // is cut as `parallelize` cuts it (slice i holds rows i*n/p until (i+1)*n/p),
        // each slice is updated row by row, and the slices are merged in order.
        for rows in parallelize_slices(values.len(), self.slices) {
            let (start, end) = (rows.start, rows.end);
            let mut part = Moments { statistic: self.statistic, slices: self.slices, ..Moments::default() };
            for value in values.slice(start, end - start).iter().flatten() {
                part.update(value);
            }
            if part.n > 0.0 {
                self.merge(&part);
            }
        }
        Ok(())
    }

    fn merge_batch(&mut self, states: &[ArrayRef]) -> Result<()> {
        let [n, avg, m2, m3, m4] = states else {
            return Err(DataFusionError::Internal("central moments take five state columns".into()));
        };
        let columns = [n, avg, m2, m3, m4].map(|c| c.as_primitive::<Float64Type>().clone());
        for row in 0..columns[0].len() {
            let part = |i: usize| columns[i].value(row);
            self.merge(&Moments { statistic: self.statistic, slices: self.slices, n: part(0), avg: part(1), m2: part(2), m3: part(3), m4: part(4) });
        }
        Ok(())
    }

    fn state(&mut self) -> Result<Vec<ScalarValue>> {
        Ok([self.n, self.avg, self.m2, self.m3, self.m4].map(|v| ScalarValue::Float64(Some(v))).to_vec())
    }

    fn evaluate(&mut self) -> Result<ScalarValue> {
        Ok(ScalarValue::Float64(self.value()))
    }

    fn size(&self) -> usize {
        std::mem::size_of_val(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slices_as_spark_parallelize_cuts_them() {
        // PySpark 4.3.0 under local[2]: stddev of [2.0, 4.0, NULL, 10.0] (df_describe) and
        // of [1, 2, 4] (aggregates.describe_numeric_string).
        let column = |values: Vec<Option<f64>>| vec![Arc::new(datafusion::arrow::array::Float64Array::from(values)) as ArrayRef];
        let mut moments = Moments { statistic: "stddev", slices: 2, ..Moments::default() };
        moments.update_batch(&column(vec![Some(2.0), Some(4.0), None, Some(10.0)])).ok();
        assert_eq!(moments.value(), Some(4.163331998932266));
        let mut moments = Moments { statistic: "stddev", slices: 2, ..Moments::default() };
        moments.update_batch(&column(vec![Some(1.0), Some(2.0), Some(4.0)])).ok();
        assert_eq!(moments.value(), Some(1.5275252316519465));
        let mut single = Moments { statistic: "stddev", slices: 2, ..Moments::default() };
        single.update(1.0);
        assert_eq!(single.value(), None);
        let mut left = Moments { statistic: "var_pop", slices: 1, ..Moments::default() };
        let mut right = Moments { statistic: "var_pop", slices: 1, ..Moments::default() };
        left.update(1.0);
        right.update(3.0);
        left.merge(&right);
        assert_eq!(left.value(), Some(1.0));
    }
}
