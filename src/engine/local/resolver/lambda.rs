//! Calls of Spark's higher-order functions from the DataFrame API (`F.transform(xs, lambda
//! x: x + 1)`): the lambda's parameters take the types the function gives them (Spark's
//! `ResolveLambdaVariables` rule), then the body is resolved with them in scope.
use std::sync::Arc;

use datafusion::arrow::datatypes::FieldRef;
use datafusion::common::DFSchema;
use datafusion::execution::FunctionRegistry;
use datafusion::logical_expr::expr::{HigherOrderFunction, Lambda, LambdaVariable};
use datafusion::logical_expr::{Expr, ExprSchemable, LambdaParametersProgress, ValueOrLambda};

use super::PlanResolver;
use crate::engine::local::error::{EngineError, Result};
use crate::plan::Expression;

impl PlanResolver<'_> {
    /// A higher-order function call whose arguments include lambda functions.
    pub(super) fn higher_order_call(&self, name: &str, arguments: &[Expression], distinct: bool, schema: &DFSchema) -> Result<Expr> {
        let lower = name.to_lowercase();
        let function = self.session().context().higher_order_function(&lower).map_err(|_| EngineError::unresolved_routine(name))?;
        if distinct {
            return Err(EngineError::analysis("DISTINCT_ON_NON_AGGREGATE", format!("{name} is not an aggregate function."), &[]));
        }
        // Value arguments first: the lambdas' parameter types depend on them.
        let mut values = Vec::with_capacity(arguments.len());
        let mut fields = Vec::with_capacity(arguments.len());
        for argument in arguments {
            match argument {
                Expression::LambdaFunction { .. } => {
                    values.push(None);
                    fields.push(ValueOrLambda::Lambda(None));
                }
                other => {
                    let value = self.expression(other, schema)?;
                    fields.push(ValueOrLambda::Value(value.to_field(schema)?.1));
                    values.push(Some(value));
                }
            }
        }
        let LambdaParametersProgress::Complete(parameters) = function.lambda_parameters(0, &fields)? else {
            return Err(EngineError::internal(format!("{name}: lambda parameters depend on lambda results")));
        };
        let mut parameters = parameters.into_iter();
        let mut resolved = Vec::with_capacity(arguments.len());
        for (argument, value) in arguments.iter().zip(values) {
            match (argument, value) {
                (_, Some(value)) => resolved.push(value),
                (Expression::LambdaFunction { function: body, arguments: names }, None) => {
                    let offered = parameters.next().unwrap_or_default();
                    if names.len() > offered.len() {
                        return Err(EngineError::analysis(
                            "INVALID_LAMBDA_FUNCTION_CALL.NUM_ARGS_MISMATCH",
                            format!("Invalid lambda function call. A higher order function expects {} arguments, but got {}.", offered.len(), names.len()),
                            &[("expectedNumArgs", offered.len().to_string()), ("actualNumArgs", names.len().to_string())],
                        ));
                    }
                    let bound: Vec<FieldRef> = names.iter().zip(offered).map(|(n, f)| Arc::new(f.as_ref().clone().with_name(n))).collect();
                    let depth = self.scope().len();
                    self.scope().extend(bound);
                    let body = self.expression(body, schema);
                    self.scope().truncate(depth);
                    resolved.push(Expr::Lambda(Lambda::new(names.clone(), body?)));
                }
                (_, None) => return Err(EngineError::internal("a lambda argument without a lambda")),
            }
        }
        Ok(Expr::HigherOrderFunction(HigherOrderFunction::new(function, resolved)))
    }

    fn scope(&self) -> std::sync::MutexGuard<'_, Vec<FieldRef>> {
        self.lambda_scope.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// A lambda parameter in the body being resolved, innermost binding first.
    pub(super) fn lambda_variable(&self, name: &str) -> Result<Expr> {
        let scope = self.scope();
        match scope.iter().rev().find(|f| f.name() == name) {
            Some(field) => Ok(Expr::LambdaVariable(LambdaVariable::new(name.to_string(), Some(Arc::clone(field))))),
            None => Err(EngineError::unresolved_column(name, &[])),
        }
    }
}
