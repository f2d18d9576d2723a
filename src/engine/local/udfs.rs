//! Spark functions DataFusion lacks, as scalar UDFs: ANSI `/` (`DIVIDE_BY_ZERO`) and
//! `try_divide` (Spark's `Divide` and `TryDivide` on doubles).
use std::sync::Arc;

use datafusion::arrow::array::{Array, ArrayRef, AsArray, Float64Array};
use datafusion::arrow::datatypes::{DataType, Float64Type};
use datafusion::error::{DataFusionError, Result};
use datafusion::logical_expr::{
    ColumnarValue, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature, Volatility,
};
use datafusion::prelude::SessionContext;

use super::error::{EngineError, ErrorClass};

/// Registers Ember's Spark UDFs in a session.
pub fn register(context: &SessionContext) {
    context.register_udf(divide(true));
    context.register_udf(divide(false));
    context.register_udf(ScalarUDF::from(IntegralDivide { signature: Signature::uniform(2, vec![DataType::Int64], Volatility::Immutable) }));
    context.register_udf(ScalarUDF::from(SparkString { signature: Signature::any(1, Volatility::Immutable) }));
    register_spark_names(context);
}

/// Spark's names for functions DataFusion has under other names, and the
/// `datafusion-spark` functions DataFusion lacks, so that Spark SQL text resolves.
fn register_spark_names(context: &SessionContext) {
    use datafusion::execution::FunctionRegistry;
    const SCALAR_ALIASES: &[(&str, &str)] = &[
        ("array", "make_array"),
        ("size", "cardinality"),
        ("ifnull", "coalesce"),
        ("lcase", "lower"),
        ("ucase", "upper"),
        ("sort_array", "array_sort"),
        ("array_contains", "array_has"),
        ("element_at", "array_element"),
        ("instr", "strpos"),
    ];
    const AGGREGATE_ALIASES: &[(&str, &str)] = &[
        ("collect_list", "array_agg"),
        ("std", "stddev"),
        ("variance", "var_samp"),
        ("first", "first_value"),
        ("last", "last_value"),
    ];
    for (spark, datafusion) in SCALAR_ALIASES {
        if context.udf(spark).is_err() {
            if let Ok(function) = context.udf(datafusion) {
                context.register_udf(function.as_ref().clone().with_aliases([*spark]));
            }
        }
    }
    for (spark, datafusion) in AGGREGATE_ALIASES {
        if context.udaf(spark).is_err() {
            if let Ok(function) = context.udaf(datafusion) {
                context.register_udaf(function.as_ref().clone().with_aliases([*spark]));
            }
        }
    }
    for function in datafusion_spark::all_default_scalar_functions() {
        if context.udf(function.name()).is_err() {
            context.register_udf(function.as_ref().clone());
        }
    }
}

/// Spark's `a DIV b`: integral division of bigints, `DIVIDE_BY_ZERO` on a zero divisor.
#[derive(Debug, PartialEq, Eq, Hash)]
struct IntegralDivide {
    signature: Signature,
}

impl ScalarUDFImpl for IntegralDivide {
    fn name(&self) -> &str {
        "ember_div"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Int64)
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        use datafusion::arrow::datatypes::Int64Type;
        let arrays = ColumnarValue::values_to_arrays(&args.args)?;
        let (Some(left), Some(right)) = (arrays.first(), arrays.get(1)) else {
            return Err(DataFusionError::Internal("div takes two arguments".into()));
        };
        let left = datafusion::arrow::compute::cast(left, &DataType::Int64)?;
        let right = datafusion::arrow::compute::cast(right, &DataType::Int64)?;
        let (left, right) = (left.as_primitive::<Int64Type>(), right.as_primitive::<Int64Type>());
        let mut values = Vec::with_capacity(left.len());
        for index in 0..left.len() {
            if left.is_null(index) || right.is_null(index) {
                values.push(None);
            } else if right.value(index) == 0 {
                return Err(divide_by_zero());
            } else {
                values.push(Some(left.value(index).wrapping_div(right.value(index))));
            }
        }
        Ok(ColumnarValue::Array(Arc::new(datafusion::arrow::array::Int64Array::from(values))))
    }
}

/// Spark's cast to string (`1.0E10`, `[1, 2]`, `{a -> 1}`), used where Spark shows values
/// as strings (`describe`, `summary`).
#[derive(Debug, PartialEq, Eq, Hash)]
struct SparkString {
    signature: Signature,
}

impl ScalarUDFImpl for SparkString {
    fn name(&self) -> &str {
        "ember_spark_string"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Utf8)
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let arrays = ColumnarValue::values_to_arrays(&args.args)?;
        let Some(array) = arrays.first() else {
            return Err(DataFusionError::Internal("ember_spark_string takes one argument".into()));
        };
        let strings: datafusion::arrow::array::StringArray = (0..array.len())
            .map(|i| (!array.is_null(i)).then(|| crate::render::spark_text::cell_string(array, i)))
            .collect();
        Ok(ColumnarValue::Array(Arc::new(strings)))
    }
}

/// Spark's `/` (`ansi` raises `DIVIDE_BY_ZERO`) or `try_divide` (NULL on a zero divisor),
/// both returning a double.
pub fn divide(ansi: bool) -> ScalarUDF {
    ScalarUDF::from(SparkDivide {
        ansi,
        signature: Signature::uniform(2, vec![DataType::Float64], Volatility::Immutable),
    })
}

#[derive(Debug, PartialEq, Eq, Hash)]
struct SparkDivide {
    ansi: bool,
    signature: Signature,
}

/// Spark's `DIVIDE_BY_ZERO` error as a DataFusion error.
pub fn divide_by_zero() -> DataFusionError {
    DataFusionError::External(Box::new(EngineError::spark(
        ErrorClass::Arithmetic,
        "DIVIDE_BY_ZERO",
        "Division by zero. Use `try_divide` to tolerate divisor being 0 and return NULL instead. If necessary set \"spark.sql.ansi.enabled\" to \"false\" to bypass this error.",
        &[("config", "\"spark.sql.ansi.enabled\"".to_string())],
    )))
}

impl ScalarUDFImpl for SparkDivide {
    fn name(&self) -> &str {
        if self.ansi {
            "ember_divide"
        } else {
            "try_divide"
        }
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Float64)
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let arrays = ColumnarValue::values_to_arrays(&args.args)?;
        let (Some(left), Some(right)) = (arrays.first(), arrays.get(1)) else {
            return Err(DataFusionError::Internal("divide takes two arguments".into()));
        };
        let left = datafusion::arrow::compute::cast(left, &DataType::Float64)?;
        let right = datafusion::arrow::compute::cast(right, &DataType::Float64)?;
        let left = left.as_primitive::<Float64Type>();
        let right = right.as_primitive::<Float64Type>();
        let mut values = Vec::with_capacity(left.len());
        for index in 0..left.len() {
            if left.is_null(index) || right.is_null(index) {
                values.push(None);
                continue;
            }
            let divisor = right.value(index);
            if divisor == 0.0 {
                if self.ansi {
                    return Err(divide_by_zero());
                }
                values.push(None);
            } else {
                values.push(Some(left.value(index) / divisor));
            }
        }
        let result: ArrayRef = Arc::new(Float64Array::from(values));
        Ok(ColumnarValue::Array(result))
    }
}
