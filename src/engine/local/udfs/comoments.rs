//! Spark's two-column statistics (`Covariance` and `PearsonCorrelation`): `corr`,
//! `covar_pop` and `covar_samp`, from Spark's running co-moment update and merge formulas,
//! over the slices Spark's `parallelize` would make (as `moments` does for one column), so
//! that the last digit of a double agrees with Spark's. Rows where either value is NULL
//! are skipped; a sample statistic of one row, and the correlation of a column that does not
//! vary, are NULL (Spark's `nullOnDivideByZero`).
use std::sync::Arc;

use datafusion::arrow::array::{Array, ArrayRef, AsArray};
use datafusion::arrow::datatypes::{DataType, Field, FieldRef, Float64Type};
use datafusion::common::ScalarValue;
use datafusion::error::{DataFusionError, Result};
use datafusion::logical_expr::function::{AccumulatorArgs, StateFieldsArgs};
use datafusion::logical_expr::{Accumulator, AggregateUDF, AggregateUDFImpl, Signature, Volatility};
use datafusion::prelude::SessionContext;

/// The statistics of this module, by Spark name.
const STATISTICS: &[&str] = &["corr", "covar_pop", "covar_samp"];

/// The names of the state columns, in order.
const STATE: [&str; 6] = ["n", "x_avg", "y_avg", "ck", "x_mk", "y_mk"];

/// Registers every statistic under its Spark name, over DataFusion's own.
pub fn register(context: &SessionContext) {
    let slices = context.state().config().target_partitions().max(1);
    for name in STATISTICS {
        context.register_udaf(AggregateUDF::from(CoMoment { name, signature: Signature::any(2, Volatility::Immutable), slices }));
    }
}

#[derive(Debug, PartialEq, Eq, Hash)]
struct CoMoment {
    name: &'static str,
    signature: Signature,
    /// The session's parallelism: how many slices Spark's `parallelize` cuts a local
    /// DataFrame into.
    slices: usize,
}

impl AggregateUDFImpl for CoMoment {
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
        Ok(STATE.iter().map(|part| Arc::new(Field::new(format!("{}[{part}]", args.name), DataType::Float64, true))).collect())
    }

    fn accumulator(&self, _args: AccumulatorArgs) -> Result<Box<dyn Accumulator>> {
        Ok(Box::new(CoMoments { statistic: self.name, slices: self.slices, ..CoMoments::default() }))
    }
}

/// The running count, means and co-moment sums of Spark's `PearsonCorrelation` (`ck` is
/// the sum of products of deviations; `x_mk`, `y_mk` the sums of squared deviations).
#[derive(Debug, Default, Clone, Copy)]
struct CoMoments {
    statistic: &'static str,
    slices: usize,
    n: f64,
    x_avg: f64,
    y_avg: f64,
    ck: f64,
    x_mk: f64,
    y_mk: f64,
}

impl CoMoments {
    /// Spark's `updateExpressions` for one pair of values.
    fn update(&mut self, x: f64, y: f64) {
        let n = self.n + 1.0;
        let (dx, dy) = (x - self.x_avg, y - self.y_avg);
        let x_avg = self.x_avg + dx / n;
        let y_avg = self.y_avg + dy / n;
        self.ck += dx * (y - y_avg);
        self.x_mk += dx * (x - x_avg);
        self.y_mk += dy * (y - y_avg);
        (self.n, self.x_avg, self.y_avg) = (n, x_avg, y_avg);
    }

    /// Spark's `mergeExpressions` of another partial result.
    fn merge(&mut self, other: &CoMoments) {
        let (n1, n2) = (self.n, other.n);
        let n = n1 + n2;
        let (dx, dy) = (other.x_avg - self.x_avg, other.y_avg - self.y_avg);
        let (dx_n, dy_n) = if n == 0.0 { (0.0, 0.0) } else { (dx / n, dy / n) };
        self.x_avg += dx_n * n2;
        self.y_avg += dy_n * n2;
        // Summed left to right, as Spark's expression tree adds them.
        self.ck = self.ck + other.ck + dx * dy_n * n1 * n2;
        self.x_mk = self.x_mk + other.x_mk + dx * dx_n * n1 * n2;
        self.y_mk = self.y_mk + other.y_mk + dy * dy_n * n1 * n2;
        self.n = n;
    }

    /// Spark's `evaluateExpression` of the statistic.
    fn value(&self) -> Option<f64> {
        let n = self.n;
        if n == 0.0 {
            return None;
        }
        match self.statistic {
            "covar_pop" => Some(self.ck / n),
            "covar_samp" => (n != 1.0).then(|| self.ck / (n - 1.0)),
            // A column that does not vary has no correlation: NULL, not NaN.
            _ => (n != 1.0 && self.x_mk * self.y_mk != 0.0).then(|| self.ck / (self.x_mk * self.y_mk).sqrt()),
        }
    }
}

impl Accumulator for CoMoments {
    fn update_batch(&mut self, values: &[ArrayRef]) -> Result<()> {
        let [x, y] = values else {
            return Err(DataFusionError::Internal(format!("{} takes two columns", self.statistic)));
        };
        let (x, y) = (datafusion::arrow::compute::cast(x, &DataType::Float64)?, datafusion::arrow::compute::cast(y, &DataType::Float64)?);
        let (x, y) = (x.as_primitive::<Float64Type>(), y.as_primitive::<Float64Type>());
        // Cut as `parallelize` cuts a local DataFrame, each slice updated row by row and
        // the slices merged in order (see `moments`).
        for rows in super::moments::parallelize_slices(x.len(), self.slices) {
            let mut part = CoMoments { statistic: self.statistic, slices: self.slices, ..CoMoments::default() };
            for row in rows {
                if x.is_valid(row) && y.is_valid(row) {
                    part.update(x.value(row), y.value(row));
                }
            }
            if part.n > 0.0 {
                self.merge(&part);
            }
        }
        Ok(())
    }

    fn merge_batch(&mut self, states: &[ArrayRef]) -> Result<()> {
        if states.len() != STATE.len() {
            return Err(DataFusionError::Internal("co-moments take six state columns".into()));
        }
        let columns: Vec<_> = states.iter().map(|c| c.as_primitive::<Float64Type>().clone()).collect();
        for row in 0..columns[0].len() {
            let part = |i: usize| columns[i].value(row);
            self.merge(&CoMoments { statistic: self.statistic, slices: self.slices, n: part(0), x_avg: part(1), y_avg: part(2), ck: part(3), x_mk: part(4), y_mk: part(5) });
        }
        Ok(())
    }

    fn state(&mut self) -> Result<Vec<ScalarValue>> {
        Ok([self.n, self.x_avg, self.y_avg, self.ck, self.x_mk, self.y_mk].map(|v| ScalarValue::Float64(Some(v))).to_vec())
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
    fn pairs_merge_as_one_run() {
        let mut whole = CoMoments { statistic: "covar_samp", slices: 1, ..CoMoments::default() };
        let (mut left, mut right) = (whole, whole);
        for (i, (x, y)) in [(1.0, 2.0), (2.0, 4.5), (4.0, 7.0), (5.0, 9.5)].into_iter().enumerate() {
            whole.update(x, y);
            if i < 2 { left.update(x, y) } else { right.update(x, y) }
        }
        left.merge(&right);
        assert!((whole.value().unwrap_or(f64::NAN) - left.value().unwrap_or(0.0)).abs() < 1e-12);
        // covar_samp of these pairs: 17.5 / 3.
        assert!((whole.value().unwrap_or(f64::NAN) - 17.5 / 3.0).abs() < 1e-12);
        let mut single = CoMoments { statistic: "corr", slices: 1, ..CoMoments::default() };
        single.update(1.0, 1.0);
        assert_eq!(single.value(), None);
    }
}
