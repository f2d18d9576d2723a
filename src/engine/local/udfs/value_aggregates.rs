//! Spark aggregates DataFusion lacks, kept as plain values per group: `count_if`
//! (Spark's `CountIf`), `product` (`Product`, a double), `max_by`/`min_by` (`MaxBy`,
//! `MinBy`: the value at the largest or smallest ordering key, NULL keys skipped; with `k`,
//! the values of the `k` best keys) and
//! `mode` (`Mode`: the most frequent non-NULL value; among equally frequent values, the
//! first one seen).
use std::sync::Arc;

use datafusion::arrow::array::{Array, ArrayRef, AsArray, BooleanArray};
use datafusion::arrow::datatypes::{DataType, Field, FieldRef, Float64Type, Int64Type};
use datafusion::common::ScalarValue;
use datafusion::error::{DataFusionError, Result};
use datafusion::logical_expr::function::{AccumulatorArgs, StateFieldsArgs};
use datafusion::logical_expr::{Accumulator, AggregateUDF, AggregateUDFImpl, Signature, Volatility};
use datafusion::prelude::SessionContext;

/// `mode(col, true)`: ties go to the smallest value; Spark names it
/// `mode() WITHIN GROUP (ORDER BY col DESC)`.
pub const MODE_DETERMINISTIC: &str = "ember_mode_deterministic";

/// Registers the aggregates of this module under their Spark names.
pub fn register(context: &SessionContext) {
    for (name, arguments) in [("count_if", 1), ("product", 1), ("max_by", 2), ("min_by", 2), ("mode", 1), (MODE_DETERMINISTIC, 1)] {
        let signature = if matches!(name, "max_by" | "min_by") {
            Signature::one_of(vec![datafusion::logical_expr::TypeSignature::Any(2), datafusion::logical_expr::TypeSignature::Any(3)], Volatility::Immutable)
        } else {
            Signature::any(arguments, Volatility::Immutable)
        };
        context.register_udaf(AggregateUDF::from(ValueAggregate { name, signature }));
    }
}

#[derive(Debug, PartialEq, Eq, Hash)]
struct ValueAggregate {
    name: &'static str,
    signature: Signature,
}

impl AggregateUDFImpl for ValueAggregate {
    fn name(&self) -> &str {
        self.name
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, arg_types: &[DataType]) -> Result<DataType> {
        Ok(match self.name {
            "count_if" => {
                if !matches!(arg_types.first(), Some(DataType::Boolean | DataType::Null)) {
                    let found = crate::engine::local::types::spark_sql_type_name(arg_types.first().unwrap_or(&DataType::Null));
                    return Err(crate::engine::local::error::EngineError::unexpected_input_type("count_if", 0, "BOOLEAN", &found).into());
                }
                DataType::Int64
            }
            "product" => DataType::Float64,
            "max_by" | "min_by" if arg_types.len() == 3 => DataType::new_list(arg_types[0].clone(), true),
            _ => arg_types.first().cloned().unwrap_or(DataType::Null),
        })
    }

    /// Spark's CountIf is a count: never NULL.
    fn is_nullable(&self) -> bool {
        self.name != "count_if"
    }

    fn state_fields(&self, args: StateFieldsArgs) -> Result<Vec<FieldRef>> {
        let field = |part: &str, data_type: DataType| Arc::new(Field::new(format!("{}[{part}]", args.name), data_type, true));
        let value_type = args.input_fields.first().map(|f| f.data_type().clone()).unwrap_or(DataType::Null);
        Ok(match self.name {
            "count_if" => vec![field("count", DataType::Int64)],
            "product" => vec![field("product", DataType::Float64)],
            "mode" | MODE_DETERMINISTIC => vec![field("values", DataType::new_list(value_type.clone(), true)), field("counts", DataType::new_list(DataType::Int64, true))],
            _ => {
                let key_type = args.input_fields.get(1).map(|f| f.data_type().clone()).unwrap_or(DataType::Null);
                vec![field("values", DataType::new_list(value_type, true)), field("keys", DataType::new_list(key_type, true))]
            }
        })
    }

    fn accumulator(&self, args: AccumulatorArgs) -> Result<Box<dyn Accumulator>> {
        let value_type = args.exprs.first().map(|e| e.data_type(args.schema)).transpose()?.unwrap_or(DataType::Null);
        Ok(match self.name {
            "count_if" => Box::new(CountIf(0)),
            "product" => Box::new(Product(None)),
            "mode" | MODE_DETERMINISTIC => Box::new(Mode { value_type, seen: Vec::new(), positions: Default::default(), smallest_on_ties: self.name == MODE_DETERMINISTIC }),
            name => {
                let key_type = args.exprs.get(1).map(|e| e.data_type(args.schema)).transpose()?.unwrap_or(DataType::Null);
                let k = match args.exprs.get(2) {
                    None => None,
                    Some(expr) => match expr.downcast_ref::<datafusion::physical_expr::expressions::Literal>().map(|l| l.value()) {
                        Some(ScalarValue::Int32(Some(k))) if *k > 0 => Some(*k as usize),
                        Some(ScalarValue::Int64(Some(k))) if *k > 0 => Some(*k as usize),
                        _ => {
                            return Err(crate::engine::local::error::EngineError::analysis(
                                "DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE",
                                format!("Cannot resolve \"{name}\" due to data type mismatch: k must be a positive integer literal."),
                                &[],
                            )
                            .into())
                        }
                    },
                };
                Box::new(By { largest: name == "max_by", k, value_type, key_type, best: Vec::new() })
            }
        })
    }
}

#[derive(Debug)]
struct CountIf(i64);

impl Accumulator for CountIf {
    fn update_batch(&mut self, values: &[ArrayRef]) -> Result<()> {
        if let Some(values) = values.first() {
            let values = datafusion::arrow::compute::cast(values, &DataType::Boolean)?;
            let values: &BooleanArray = values.as_boolean();
            self.0 += values.iter().filter(|v| *v == Some(true)).count() as i64;
        }
        Ok(())
    }

    fn merge_batch(&mut self, states: &[ArrayRef]) -> Result<()> {
        if let Some(counts) = states.first() {
            self.0 += counts.as_primitive::<Int64Type>().iter().flatten().sum::<i64>();
        }
        Ok(())
    }

    fn state(&mut self) -> Result<Vec<ScalarValue>> {
        Ok(vec![ScalarValue::Int64(Some(self.0))])
    }

    fn evaluate(&mut self) -> Result<ScalarValue> {
        Ok(ScalarValue::Int64(Some(self.0)))
    }

    fn size(&self) -> usize {
        std::mem::size_of_val(self)
    }
}

#[derive(Debug)]
struct Product(Option<f64>);

impl Product {
    fn multiply(&mut self, values: &ArrayRef) -> Result<()> {
        let values = datafusion::arrow::compute::cast(values, &DataType::Float64)?;
        for value in values.as_primitive::<Float64Type>().iter().flatten() {
            self.0 = Some(self.0.unwrap_or(1.0) * value);
        }
        Ok(())
    }
}

impl Accumulator for Product {
    fn update_batch(&mut self, values: &[ArrayRef]) -> Result<()> {
        values.first().map_or(Ok(()), |v| self.multiply(v))
    }

    fn merge_batch(&mut self, states: &[ArrayRef]) -> Result<()> {
        states.first().map_or(Ok(()), |v| self.multiply(v))
    }

    fn state(&mut self) -> Result<Vec<ScalarValue>> {
        Ok(vec![ScalarValue::Float64(self.0)])
    }

    fn evaluate(&mut self) -> Result<ScalarValue> {
        Ok(ScalarValue::Float64(self.0))
    }

    fn size(&self) -> usize {
        std::mem::size_of_val(self)
    }
}

/// `max_by`/`min_by`: the values of the `k` largest (smallest) keys so far, best first;
/// with no `k`, the one value of the best key.
#[derive(Debug)]
struct By {
    largest: bool,
    k: Option<usize>,
    value_type: DataType,
    key_type: DataType,
    best: Vec<(ScalarValue, ScalarValue)>,
}

impl By {
    fn offer(&mut self, values: &ArrayRef, keys: &ArrayRef) -> Result<()> {
        let limit = self.k.unwrap_or(1);
        for row in 0..keys.len() {
            if keys.is_null(row) {
                continue;
            }
            let key = ScalarValue::try_from_array(keys, row)?;
            let beats = |other: &ScalarValue| {
                let order = key.partial_cmp(other);
                if self.largest { order == Some(std::cmp::Ordering::Greater) } else { order == Some(std::cmp::Ordering::Less) }
            };
            let position = self.best.iter().position(|(k, _)| beats(k)).unwrap_or(self.best.len());
            if position < limit {
                self.best.insert(position, (key, ScalarValue::try_from_array(values, row)?));
                self.best.truncate(limit);
            }
        }
        Ok(())
    }
}

impl Accumulator for By {
    fn update_batch(&mut self, values: &[ArrayRef]) -> Result<()> {
        match values {
            [values, keys, ..] => self.offer(values, keys),
            _ => Err(DataFusionError::Internal("max_by/min_by take a value and a key".into())),
        }
    }

    fn merge_batch(&mut self, states: &[ArrayRef]) -> Result<()> {
        let [values, keys] = states else {
            return Err(DataFusionError::Internal("max_by/min_by take two state columns".into()));
        };
        let (values, keys) = (values.as_list::<i32>(), keys.as_list::<i32>());
        for row in 0..values.len() {
            if !values.is_null(row) {
                self.offer(&values.value(row), &keys.value(row))?;
            }
        }
        Ok(())
    }

    fn state(&mut self) -> Result<Vec<ScalarValue>> {
        let values: Vec<ScalarValue> = self.best.iter().map(|(_, v)| v.clone()).collect();
        let keys: Vec<ScalarValue> = self.best.iter().map(|(k, _)| k.clone()).collect();
        Ok(vec![
            ScalarValue::List(ScalarValue::new_list_nullable(&values, &self.value_type)),
            ScalarValue::List(ScalarValue::new_list_nullable(&keys, &self.key_type)),
        ])
    }

    fn evaluate(&mut self) -> Result<ScalarValue> {
        if self.k.is_some() {
            let values: Vec<ScalarValue> = self.best.iter().map(|(_, v)| v.clone()).collect();
            return Ok(ScalarValue::List(ScalarValue::new_list_nullable(&values, &self.value_type)));
        }
        match self.best.first() {
            Some((_, value)) => Ok(value.clone()),
            None => ScalarValue::try_from(&self.value_type),
        }
    }

    fn size(&self) -> usize {
        std::mem::size_of_val(self) + self.best.iter().map(|(k, v)| k.size() + v.size()).sum::<usize>()
    }
}

/// `mode`: each distinct value with its count, in the order first seen.
#[derive(Debug)]
struct Mode {
    value_type: DataType,
    seen: Vec<(ScalarValue, i64)>,
    /// Where each value stands in `seen`.
    positions: std::collections::HashMap<ScalarValue, usize>,
    /// Ties go to the smallest value rather than the first seen.
    smallest_on_ties: bool,
}

impl Mode {
    fn count(&mut self, value: ScalarValue, count: i64) {
        match self.positions.get(&value) {
            Some(position) => self.seen[*position].1 += count,
            None => {
                self.positions.insert(value.clone(), self.seen.len());
                self.seen.push((value, count));
            }
        }
    }
}

impl Accumulator for Mode {
    fn update_batch(&mut self, values: &[ArrayRef]) -> Result<()> {
        if let Some(values) = values.first() {
            for row in 0..values.len() {
                if !values.is_null(row) {
                    self.count(ScalarValue::try_from_array(values, row)?, 1);
                }
            }
        }
        Ok(())
    }

    fn merge_batch(&mut self, states: &[ArrayRef]) -> Result<()> {
        let [values, counts] = states else {
            return Err(DataFusionError::Internal("mode takes two state columns".into()));
        };
        let (values, counts) = (values.as_list::<i32>(), counts.as_list::<i32>());
        for row in 0..values.len() {
            if values.is_null(row) {
                continue;
            }
            let (row_values, row_counts) = (values.value(row), counts.value(row));
            let row_counts = row_counts.as_primitive::<Int64Type>();
            for i in 0..row_values.len() {
                self.count(ScalarValue::try_from_array(&row_values, i)?, row_counts.value(i));
            }
        }
        Ok(())
    }

    fn state(&mut self) -> Result<Vec<ScalarValue>> {
        let values: Vec<ScalarValue> = self.seen.iter().map(|(v, _)| v.clone()).collect();
        let counts: Vec<ScalarValue> = self.seen.iter().map(|(_, n)| ScalarValue::Int64(Some(*n))).collect();
        Ok(vec![
            ScalarValue::List(ScalarValue::new_list_nullable(&values, &self.value_type)),
            ScalarValue::List(ScalarValue::new_list_nullable(&counts, &DataType::Int64)),
        ])
    }

    fn evaluate(&mut self) -> Result<ScalarValue> {
        let mut best: Option<&(ScalarValue, i64)> = None;
        for entry in &self.seen {
            let wins_tie = |b: &(ScalarValue, i64)| self.smallest_on_ties && entry.1 == b.1 && entry.0.partial_cmp(&b.0) == Some(std::cmp::Ordering::Less);
            if best.is_none_or(|b| entry.1 > b.1 || wins_tie(b)) {
                best = Some(entry);
            }
        }
        match best {
            Some((value, _)) => Ok(value.clone()),
            None => ScalarValue::try_from(&self.value_type),
        }
    }

    fn size(&self) -> usize {
        std::mem::size_of_val(self) + self.seen.iter().map(|(v, _)| v.size() + 8).sum::<usize>()
    }
}
