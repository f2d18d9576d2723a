//! An expression that carries the column name Spark gives the call it was made from, where
//! Ember computes that call as a different expression (`day(dt)` runs as a date part,
//! `RLIKE(s, p)` as a regular-expression match, `selectExpr("id + 1")` as a widened
//! addition). The name is read by `naming::spark_name`; the simplifier then replaces the
//! call by the expression itself, so nothing of it is left to execute.
use datafusion::arrow::datatypes::{DataType, FieldRef};
use datafusion::common::ScalarValue;
use datafusion::error::{DataFusionError, Result};
use datafusion::logical_expr::simplify::{ExprSimplifyResult, SimplifyContext};
use datafusion::logical_expr::{ColumnarValue, Expr, ReturnFieldArgs, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature, Volatility};

/// The function's name in plans.
pub const SPARK_NAMED: &str = "ember_spark_named";

/// `expr`, named `name` as an output column.
pub fn spark_named(expr: Expr, name: String) -> Expr {
    ScalarUDF::from(SparkNamed { signature: Signature::any(2, Volatility::Immutable) }).call(vec![expr, Expr::Literal(ScalarValue::Utf8(Some(name)), None)])
}

/// Registers the function, so that SQL rewritten by Ember (`sql::spark_rules`) can name a
/// replacement after the call it replaces.
pub fn register(context: &datafusion::prelude::SessionContext) {
    context.register_udf(ScalarUDF::from(SparkNamed { signature: Signature::any(2, Volatility::Immutable) }));
}

/// The expression and the name of a `spark_named` call.
pub fn parts(expr: &Expr) -> Option<(&Expr, &str)> {
    let Expr::ScalarFunction(function) = expr else { return None };
    match (function.name(), function.args.as_slice()) {
        (SPARK_NAMED, [inner, Expr::Literal(ScalarValue::Utf8(Some(name)), _)]) => Some((inner, name.as_str())),
        _ => None,
    }
}

#[derive(Debug, PartialEq, Eq, Hash)]
struct SparkNamed {
    signature: Signature,
}

impl ScalarUDFImpl for SparkNamed {
    fn name(&self) -> &str {
        SPARK_NAMED
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, arg_types: &[DataType]) -> Result<DataType> {
        arg_types.first().cloned().ok_or_else(|| DataFusionError::Internal(format!("{SPARK_NAMED} takes an expression")))
    }

    fn return_field_from_args(&self, args: ReturnFieldArgs) -> Result<FieldRef> {
        args.arg_fields.first().cloned().ok_or_else(|| DataFusionError::Internal(format!("{SPARK_NAMED} takes an expression")))
    }

    fn simplify(&self, mut args: Vec<Expr>, _info: &SimplifyContext) -> Result<ExprSimplifyResult> {
        args.truncate(1);
        match args.pop() {
            Some(inner) => Ok(ExprSimplifyResult::Simplified(inner)),
            None => Ok(ExprSimplifyResult::Original(args)),
        }
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        // Only reached when a plan is run without the simplifier: the value is the inner one.
        args.args.into_iter().next().ok_or_else(|| DataFusionError::Internal(format!("{SPARK_NAMED} takes an expression")))
    }
}
