//! Spark 4.1's vector functions over `ARRAY<FLOAT>` (Spark's `VectorFunctions`):
//! `vector_cosine_similarity`, `vector_inner_product`, `vector_l2_distance`, `vector_norm`
//! and `vector_normalize` compute in double and give floats; the aggregates `vector_sum`
//! and `vector_avg` work element by element in float, `vector_avg` as a running mean
//! (`avg * (n - 1) / n + x / n`), as Spark rounds it.
use std::sync::Arc;

use datafusion::arrow::array::{Array, ArrayRef, AsArray, Float32Array, Float32Builder, Int64Array, ListArray, ListBuilder};
use datafusion::arrow::datatypes::{DataType, Field, FieldRef, Float32Type};
use datafusion::common::ScalarValue;
use datafusion::error::{DataFusionError, Result};
use datafusion::logical_expr::function::{AccumulatorArgs, StateFieldsArgs};
use datafusion::logical_expr::{
    Accumulator, AggregateUDF, AggregateUDFImpl, ColumnarValue, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature, Volatility,
};
use datafusion::prelude::SessionContext;

use crate::engine::local::error::{EngineError, ErrorClass};

/// Registers the vector functions under their Spark names.
pub fn register(context: &SessionContext) {
    for (name, arguments) in [("vector_cosine_similarity", 2), ("vector_inner_product", 2), ("vector_l2_distance", 2), ("vector_norm", 2), ("vector_normalize", 2)] {
        context.register_udf(ScalarUDF::from(VectorFunction { name, signature: Signature::any(arguments, Volatility::Immutable) }));
    }
    for name in ["vector_sum", "vector_avg"] {
        context.register_udaf(AggregateUDF::from(VectorAggregate { name, signature: Signature::any(1, Volatility::Immutable) }));
    }
}

fn float_list() -> DataType {
    DataType::new_list(DataType::Float32, true)
}

/// Spark's `DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE` unless `found` is `ARRAY<FLOAT>`.
fn check_float_array(function: &str, index: usize, found: &DataType) -> Result<()> {
    match found {
        DataType::List(element) if element.data_type() == &DataType::Float32 => Ok(()),
        DataType::Null => Ok(()),
        other => Err(EngineError::unexpected_input_type(function, index, "ARRAY<FLOAT>", &crate::engine::local::types::spark_sql_type_name(other)).into()),
    }
}

fn dimension_mismatch(function: &str, left: usize, right: usize) -> DataFusionError {
    EngineError::spark(
        ErrorClass::Runtime,
        "VECTOR_DIMENSION_MISMATCH",
        format!("Vectors passed to `{function}` must have the same dimension, but got {left} and {right}."),
        &[("functionName", format!("`{function}`")), ("leftDim", left.to_string()), ("rightDim", right.to_string())],
    )
    .into()
}

/// One row's vector as doubles; `None` for a NULL vector or one holding a NULL.
fn vector(list: &ListArray, row: usize) -> Option<Vec<f64>> {
    if list.is_null(row) {
        return None;
    }
    let values = list.value(row);
    let values = values.as_primitive::<Float32Type>();
    if values.null_count() > 0 {
        return None;
    }
    Some(values.values().iter().map(|v| f64::from(*v)).collect())
}

/// The norm of Spark's `vector_norm`: degree 1, 2 or infinity.
fn norm(values: &[f64], degree: f32) -> f64 {
    if degree == 1.0 {
        values.iter().map(|v| v.abs()).sum()
    } else if degree.is_infinite() {
        values.iter().fold(0.0, |m, v| m.max(v.abs()))
    } else {
        values.iter().map(|v| v * v).sum::<f64>().sqrt()
    }
}

#[derive(Debug, PartialEq, Eq, Hash)]
struct VectorFunction {
    name: &'static str,
    signature: Signature,
}

impl ScalarUDFImpl for VectorFunction {
    fn name(&self) -> &str {
        self.name
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, arg_types: &[DataType]) -> Result<DataType> {
        check_float_array(self.name, 0, arg_types.first().unwrap_or(&DataType::Null))?;
        if !matches!(self.name, "vector_norm" | "vector_normalize") {
            check_float_array(self.name, 1, arg_types.get(1).unwrap_or(&DataType::Null))?;
        }
        Ok(if self.name == "vector_normalize" { float_list() } else { DataType::Float32 })
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let rows = args.number_rows;
        let arrays = args.args.iter().map(|a| a.to_array(rows)).collect::<Result<Vec<_>>>()?;
        let as_list = |array: &ArrayRef| -> Result<ListArray> { Ok(datafusion::arrow::compute::cast(array, &float_list())?.as_list::<i32>().clone()) };
        let left = as_list(&arrays[0])?;
        if matches!(self.name, "vector_norm" | "vector_normalize") {
            let degrees = datafusion::arrow::compute::cast(&arrays[1], &DataType::Float32)?;
            let degrees = degrees.as_primitive::<Float32Type>();
            let mut norms = Float32Builder::new();
            let mut normalized = ListBuilder::new(Float32Builder::new());
            for row in 0..rows {
                let degree = if degrees.is_null(row) { None } else { Some(degrees.value(row)) };
                if let Some(degree) = degree.filter(|d| !(*d == 1.0 || *d == 2.0 || d.is_infinite() && *d > 0.0)) {
                    let shown = if degree.fract() == 0.0 { format!("{degree:.1}") } else { degree.to_string() };
                    return Err(EngineError::spark(
                        ErrorClass::Runtime,
                        "INVALID_VECTOR_NORM_DEGREE",
                        format!("For the `{}` function, degree must be 1.0, 2.0, or float('inf'), but got {shown}.", self.name),
                        &[("functionName", format!("`{}`", self.name)), ("degree", shown.clone())],
                    )
                    .into());
                }
                let value = degree.zip(vector(&left, row)).map(|(degree, values)| (norm(&values, degree), values));
                match value {
                    Some((n, values)) if self.name == "vector_normalize" && n != 0.0 => {
                        normalized.values().extend(values.iter().map(|v| Some((v / n) as f32)));
                        normalized.append(true);
                    }
                    Some((n, _)) if self.name == "vector_norm" => norms.append_value(n as f32),
                    _ if self.name == "vector_norm" => norms.append_null(),
                    _ => normalized.append(false),
                }
            }
            let result: ArrayRef = if self.name == "vector_norm" { Arc::new(norms.finish()) } else { Arc::new(normalized.finish()) };
            return Ok(ColumnarValue::Array(result));
        }
        let right = as_list(&arrays[1])?;
        let mut out = Float32Builder::with_capacity(rows);
        for row in 0..rows {
            let (Some(a), Some(b)) = (vector(&left, row), vector(&right, row)) else {
                out.append_null();
                continue;
            };
            if a.len() != b.len() {
                return Err(dimension_mismatch(self.name, a.len(), b.len()));
            }
            let dot: f64 = a.iter().zip(&b).map(|(x, y)| x * y).sum();
            let value = match self.name {
                "vector_inner_product" => Some(dot),
                "vector_l2_distance" => Some(a.iter().zip(&b).map(|(x, y)| (x - y) * (x - y)).sum::<f64>().sqrt()),
                _ => {
                    let scale = norm(&a, 2.0) * norm(&b, 2.0);
                    (scale != 0.0).then(|| dot / scale)
                }
            };
            out.append_option(value.map(|v| v as f32));
        }
        Ok(ColumnarValue::Array(Arc::new(out.finish())))
    }
}

#[derive(Debug, PartialEq, Eq, Hash)]
struct VectorAggregate {
    name: &'static str,
    signature: Signature,
}

impl AggregateUDFImpl for VectorAggregate {
    fn name(&self) -> &str {
        self.name
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, arg_types: &[DataType]) -> Result<DataType> {
        check_float_array(self.name, 0, arg_types.first().unwrap_or(&DataType::Null))?;
        Ok(float_list())
    }

    fn state_fields(&self, args: StateFieldsArgs) -> Result<Vec<FieldRef>> {
        Ok(vec![
            Arc::new(Field::new(format!("{}[vector]", args.name), float_list(), true)),
            Arc::new(Field::new(format!("{}[count]", args.name), DataType::Int64, true)),
        ])
    }

    fn accumulator(&self, _args: AccumulatorArgs) -> Result<Box<dyn Accumulator>> {
        Ok(Box::new(VectorState { function: self.name, values: None, count: 0 }))
    }
}

/// The running sum (or mean) of the vectors seen, and how many there were.
#[derive(Debug)]
struct VectorState {
    function: &'static str,
    values: Option<Vec<f32>>,
    count: i64,
}

impl VectorState {
    /// Adds `other`, the sum or mean of `count` vectors.
    fn add(&mut self, other: &[f32], count: i64) -> Result<()> {
        let Some(values) = &mut self.values else {
            self.values = Some(other.to_vec());
            self.count = count;
            return Ok(());
        };
        if values.len() != other.len() {
            return Err(dimension_mismatch(self.function, values.len(), other.len()));
        }
        let total = self.count + count;
        for (value, x) in values.iter_mut().zip(other) {
            *value = if self.function == "vector_sum" {
                *value + x
            } else if count == 1 {
                (*value * (total - 1) as f32) / total as f32 + x / total as f32
            } else {
                (*value * self.count as f32 + x * count as f32) / total as f32
            };
        }
        self.count = total;
        Ok(())
    }
}

impl Accumulator for VectorState {
    fn update_batch(&mut self, values: &[ArrayRef]) -> Result<()> {
        let Some(values) = values.first() else { return Ok(()) };
        let list = datafusion::arrow::compute::cast(values, &float_list())?;
        let list = list.as_list::<i32>();
        for row in 0..list.len() {
            if list.is_null(row) {
                continue;
            }
            let vector = list.value(row);
            let vector: &Float32Array = vector.as_primitive::<Float32Type>();
            if vector.null_count() > 0 {
                continue;
            }
            self.add(vector.values(), 1)?;
        }
        Ok(())
    }

    fn merge_batch(&mut self, states: &[ArrayRef]) -> Result<()> {
        let [vectors, counts] = states else {
            return Err(DataFusionError::Internal("vector aggregates take two state columns".into()));
        };
        let vectors = vectors.as_list::<i32>();
        let counts: &Int64Array = counts.as_primitive();
        for row in 0..vectors.len() {
            if vectors.is_null(row) || counts.value(row) == 0 {
                continue;
            }
            let vector = vectors.value(row);
            self.add(vector.as_primitive::<Float32Type>().values(), counts.value(row))?;
        }
        Ok(())
    }

    fn state(&mut self) -> Result<Vec<ScalarValue>> {
        Ok(vec![self.evaluate()?, ScalarValue::Int64(Some(self.count))])
    }

    fn evaluate(&mut self) -> Result<ScalarValue> {
        Ok(match &self.values {
            Some(values) => ScalarValue::List(Arc::new(ListArray::from_iter_primitive::<Float32Type, _, _>([Some(values.iter().map(|v| Some(*v)))]))),
            None => ScalarValue::try_from(&float_list())?,
        })
    }

    fn size(&self) -> usize {
        std::mem::size_of_val(self) + self.values.as_ref().map_or(0, |v| v.len() * 4)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn running_mean_rounds_as_spark() {
        // PySpark 4.3.0: vector_avg of [0.1, 0.2], [0.3, 0.7], [0.9, 0.13] (floats).
        let mut state = VectorState { function: "vector_avg", values: None, count: 0 };
        for v in [[0.1f32, 0.2], [0.3, 0.7], [0.9, 0.13]] {
            state.add(&v, 1).ok();
        }
        assert_eq!(state.values.map(|v| v.iter().map(|x| f64::from(*x)).collect::<Vec<_>>()), Some(vec![0.4333333373069763, 0.34333330392837524]));
    }
}
