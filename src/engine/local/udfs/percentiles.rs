//! Spark's percentile aggregates: `percentile(col, p[, frequency])` (Spark's
//! `Percentile`: exact, interpolated between the two nearest ranks, a double) and
//! `percentile_approx` / `approx_percentile(col, p[, accuracy])` (Spark's
//! `ApproximatePercentile`: the value at rank `ceil(p * n)`, of the column's type).
//! `p` is one percentage or an array of them (the result is then an array).
//!
//! Ember keeps every value, so `percentile_approx` gives the exact rank that Spark's
//! quantile summary approximates: Spark's answer when its accuracy exceeds the row count
//! (its summary then keeps every value too), within Spark's error bound otherwise.
use std::sync::Arc;

use datafusion::arrow::array::{Array, ArrayRef, AsArray};
use datafusion::arrow::datatypes::{DataType, Field, FieldRef, Float64Type, Int64Type};
use datafusion::common::ScalarValue;
use datafusion::error::{DataFusionError, Result};
use datafusion::logical_expr::function::{AccumulatorArgs, StateFieldsArgs};
use datafusion::logical_expr::{Accumulator, AggregateUDF, AggregateUDFImpl, Signature, Volatility};
use datafusion::physical_expr::expressions::Literal;
use datafusion::prelude::SessionContext;

use crate::engine::local::error::EngineError;

/// Registers the aggregates under their Spark names.
pub fn register(context: &SessionContext) {
    for name in ["percentile", "percentile_approx", "approx_percentile"] {
        let signature = Signature::one_of(vec![datafusion::logical_expr::TypeSignature::Any(2), datafusion::logical_expr::TypeSignature::Any(3)], Volatility::Immutable);
        context.register_udaf(AggregateUDF::from(Percentile { name, signature }));
    }
}

#[derive(Debug, PartialEq, Eq, Hash)]
struct Percentile {
    name: &'static str,
    signature: Signature,
}

impl Percentile {
    fn exact(&self) -> bool {
        self.name == "percentile"
    }
}

/// The percentages of a literal argument: one value, or a list of them.
fn percentages(value: &ScalarValue) -> Result<(Vec<f64>, bool)> {
    let one = |v: &ScalarValue| -> Result<f64> {
        match v.cast_to(&DataType::Float64)? {
            ScalarValue::Float64(Some(p)) if (0.0..=1.0).contains(&p) => Ok(p),
            other => Err(EngineError::analysis(
                "DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE",
                format!("The percentage(s) must be between 0.0 and 1.0, but got {other}."),
                &[("exprName", "percentage".to_string()), ("valueRange", "[0.0, 1.0]".to_string()), ("currentValue", other.to_string())],
            )
            .into()),
        }
    };
    match value {
        ScalarValue::List(list) => {
            let items = list.value(0);
            let values = (0..items.len()).map(|i| ScalarValue::try_from_array(&items, i).and_then(|v| one(&v))).collect::<Result<Vec<_>>>()?;
            Ok((values, true))
        }
        other => Ok((vec![one(other)?], false)),
    }
}

impl AggregateUDFImpl for Percentile {
    fn name(&self) -> &str {
        self.name
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, arg_types: &[DataType]) -> Result<DataType> {
        // Spark's frequency is a count of rows, an integral type.
        if let Some(frequency) = arg_types.get(2).filter(|t| self.exact() && !(t.is_integer() || t.is_null())) {
            let found = crate::engine::local::types::spark_sql_type_name(frequency);
            return Err(EngineError::unexpected_input_type(self.name, 2, "INTEGRAL", &found).into());
        }
        let value = if self.exact() { DataType::Float64 } else { arg_types.first().cloned().unwrap_or(DataType::Float64) };
        Ok(match arg_types.get(1) {
            Some(DataType::List(_) | DataType::LargeList(_) | DataType::FixedSizeList(..)) => DataType::new_list(value, true),
            _ => value,
        })
    }

    fn state_fields(&self, args: StateFieldsArgs) -> Result<Vec<FieldRef>> {
        Ok(vec![
            Arc::new(Field::new(format!("{}_values", args.name), DataType::new_list(DataType::Float64, true), true)),
            Arc::new(Field::new(format!("{}_counts", args.name), DataType::new_list(DataType::Int64, true), true)),
        ])
    }

    fn accumulator(&self, args: AccumulatorArgs) -> Result<Box<dyn Accumulator>> {
        let literal = |index: usize| -> Result<ScalarValue> {
            args.exprs
                .get(index)
                .and_then(|e| e.downcast_ref::<Literal>())
                .map(|l| l.value().clone())
                .ok_or_else(|| DataFusionError::Plan(format!("{}: the percentage must be a constant", self.name)))
        };
        let (points, many) = percentages(&literal(1)?)?;
        let value_type = args.exprs[0].data_type(args.schema)?;
        Ok(Box::new(PercentileAccumulator { exact: self.exact(), points, many, value_type, values: Vec::new(), weighted: self.exact() && args.exprs.len() == 3 }))
    }
}

#[derive(Debug)]
struct PercentileAccumulator {
    exact: bool,
    points: Vec<f64>,
    many: bool,
    value_type: DataType,
    /// Each non-NULL value with its frequency.
    values: Vec<(f64, i64)>,
    weighted: bool,
}

impl PercentileAccumulator {
    /// Spark's percentile of sorted (value, count) pairs holding `total` values.
    fn point(&self, sorted: &[(f64, i64)], total: i64, p: f64) -> f64 {
        // The value at 0-based rank `rank`.
        let at = |rank: i64| -> f64 {
            let mut seen = 0;
            for (value, count) in sorted {
                seen += count;
                if rank < seen {
                    return *value;
                }
            }
            sorted.last().map(|(v, _)| *v).unwrap_or(f64::NAN)
        };
        if self.exact {
            let position = p * (total - 1) as f64;
            let (lower, upper) = (position.floor(), position.ceil());
            let (low, high) = (at(lower as i64), at(upper as i64));
            if lower == upper {
                low
            } else {
                (upper - position) * low + (position - lower) * high
            }
        } else {
            let rank = ((p * total as f64).ceil() as i64 - 1).max(0);
            at(rank)
        }
    }
}

impl Accumulator for PercentileAccumulator {
    fn update_batch(&mut self, values: &[ArrayRef]) -> Result<()> {
        let numbers = datafusion::arrow::compute::cast(&values[0], &DataType::Float64)?;
        let numbers = numbers.as_primitive::<Float64Type>();
        let counts = if self.weighted { Some(datafusion::arrow::compute::cast(&values[2], &DataType::Int64)?) } else { None };
        let counts = counts.as_ref().map(|c| c.as_primitive::<Int64Type>());
        for row in 0..numbers.len() {
            if numbers.is_null(row) {
                continue;
            }
            let count = match counts {
                Some(c) if c.is_null(row) => continue,
                Some(c) => c.value(row),
                None => 1,
            };
            if count < 0 {
                return Err(EngineError::spark(
                    crate::engine::local::error::ErrorClass::Runtime,
                    "_LEGACY_ERROR_TEMP_2013",
                    format!("Negative values found in {count}"),
                    &[],
                )
                .into());
            }
            if count > 0 {
                self.values.push((numbers.value(row), count));
            }
        }
        Ok(())
    }

    fn evaluate(&mut self) -> Result<ScalarValue> {
        let result_type = if self.exact { DataType::Float64 } else { self.value_type.clone() };
        let mut sorted = self.values.clone();
        sorted.sort_by(|a, b| a.0.total_cmp(&b.0));
        let total: i64 = sorted.iter().map(|(_, c)| c).sum();
        let results: Vec<ScalarValue> = self
            .points
            .iter()
            .map(|p| if total == 0 { Ok(ScalarValue::try_from(&result_type)?) } else { ScalarValue::Float64(Some(self.point(&sorted, total, *p))).cast_to(&result_type) })
            .collect::<Result<_>>()?;
        if self.many {
            if total == 0 {
                return ScalarValue::try_from(&DataType::new_list(result_type, true));
            }
            return Ok(ScalarValue::List(ScalarValue::new_list_nullable(&results, &result_type)));
        }
        Ok(results.into_iter().next().unwrap_or(ScalarValue::Null))
    }

    fn size(&self) -> usize {
        std::mem::size_of_val(self) + self.values.capacity() * 16
    }

    fn state(&mut self) -> Result<Vec<ScalarValue>> {
        let values: Vec<ScalarValue> = self.values.iter().map(|(v, _)| ScalarValue::Float64(Some(*v))).collect();
        let counts: Vec<ScalarValue> = self.values.iter().map(|(_, c)| ScalarValue::Int64(Some(*c))).collect();
        Ok(vec![
            ScalarValue::List(ScalarValue::new_list_nullable(&values, &DataType::Float64)),
            ScalarValue::List(ScalarValue::new_list_nullable(&counts, &DataType::Int64)),
        ])
    }

    fn merge_batch(&mut self, states: &[ArrayRef]) -> Result<()> {
        let (values, counts) = (states[0].as_list::<i32>(), states[1].as_list::<i32>());
        for row in 0..values.len() {
            if values.is_null(row) {
                continue;
            }
            let (v, c) = (values.value(row), counts.value(row));
            let (v, c) = (v.as_primitive::<Float64Type>(), c.as_primitive::<Int64Type>());
            for i in 0..v.len() {
                self.values.push((v.value(i), c.value(i)));
            }
        }
        Ok(())
    }
}
