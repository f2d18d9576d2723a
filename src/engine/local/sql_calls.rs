//! SQL's calls of Spark functions built by the function registry (`registry::resolve`), as
//! the DataFrame API's calls are, so that `SELECT f(x)`, `expr("f(x)")` and `F.f(x)` give
//! the same expression, type and name (Spark's one `FunctionRegistry` behind its parser
//! and its Dataset API).
//!
//! DataFusion's SQL planner looks functions up by name before any of Ember's rules run, so
//! a call of a function whose registry row builds it (`registry::Function::build`) is
//! written in the SQL text as a call of one planning placeholder, `ember_registry_call('f',
//! x)`. The placeholder's type is the type of what the registry builds for the arguments'
//! types; after planning, `spark_rules` replaces each placeholder by the registry's
//! expression over the planned arguments.
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use datafusion::arrow::datatypes::{DataType, Field, FieldRef};
use datafusion::common::{DFSchema, ScalarValue};
use datafusion::error::{DataFusionError, Result};
use datafusion::logical_expr::{ColumnarValue, Expr, ExprSchemable, ReturnFieldArgs, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature, Volatility};
use datafusion::prelude::SessionContext;

/// The placeholder's name in SQL text and plans.
pub const REGISTRY_CALL: &str = "ember_registry_call";

/// Whether SQL's call of `name` (lower case) is built by the registry: its row has a builder
/// or a display name of its own, and it computes one value per row (aggregates keep the
/// engine's SQL planning, which places them in the plan's aggregation).
pub fn routes(name: &str) -> bool {
    // `map(...)` is rewritten by `sql::SparkSyntax` for the map key policy, and `struct`
    // by `sql::spark_rules`; `log(x)` gets its base there too.
    if matches!(name, "map" | "struct" | "window") {
        return false;
    }
    super::registry::find(name).is_some_and(|row| (row.build.is_some() || row.display.is_some()) && !super::registry::is_aggregate(name))
}

/// The placeholder function for planning one statement or expression of `context`'s
/// session. (Registered in a copy of the session's state only, so that the session does
/// not hold itself.)
pub fn placeholder(context: &SessionContext) -> Arc<ScalarUDF> {
    Arc::new(ScalarUDF::from(RegistryCall { signature: Signature::variadic_any(Volatility::Volatile), context: context.clone() }))
}

/// The Spark name and the arguments of a placeholder call.
pub fn parts(expr: &Expr) -> Option<(&str, &[Expr])> {
    let Expr::ScalarFunction(function) = expr else { return None };
    if function.name() != REGISTRY_CALL {
        return None;
    }
    match function.args.split_first() {
        Some((Expr::Literal(ScalarValue::Utf8(Some(name)), _), arguments)) => Some((name.as_str(), arguments)),
        _ => None,
    }
}

/// The registry's expression for a placeholder call over `schema`, or `None` for any other
/// expression.
pub fn resolve(expr: &Expr, schema: &DFSchema) -> Option<Result<Expr>> {
    let (name, arguments) = parts(expr)?;
    let Expr::ScalarFunction(function) = expr else { return None };
    let call = function.func.inner().downcast_ref::<RegistryCall>()?;
    let written = super::naming::spark_name(expr);
    Some(super::registry::resolve(&call.context, name, arguments.to_vec(), false, schema).map_err(DataFusionError::from).map(|built| {
        // Named as the DataFrame API names what the registry built (`log(2, 3)` is
        // `LOG(2, 3)`, `isnull(x)` is `(x IS NULL)`).
        let named = super::naming::spark_name(&built);
        if named == written || super::udfs::spark_named::parts(&built).is_some() {
            built
        } else {
            super::udfs::spark_named::spark_named(built, named)
        }
    }))
}

/// A placeholder call's text, `name(arguments)`, each argument written by `write`.
fn call_text(args: &[Expr], separator: &str, write: impl Fn(&Expr) -> String) -> String {
    match args.split_first() {
        Some((Expr::Literal(ScalarValue::Utf8(Some(name)), _), arguments)) => format!("{name}({})", arguments.iter().map(write).collect::<Vec<_>>().join(separator)),
        _ => REGISTRY_CALL.to_string(),
    }
}

/// The planning placeholder of a registry-built call.
struct RegistryCall {
    signature: Signature,
    context: SessionContext,
}

impl std::fmt::Debug for RegistryCall {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RegistryCall").field("session", &self.context.session_id()).finish()
    }
}

impl PartialEq for RegistryCall {
    fn eq(&self, other: &Self) -> bool {
        self.context.session_id() == other.context.session_id()
    }
}

impl Eq for RegistryCall {}

impl Hash for RegistryCall {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.context.session_id().hash(state);
    }
}

impl RegistryCall {
    /// The field of what the registry builds for arguments of these fields (literal where
    /// the planner knows the value). A call the registry refuses is typed NULL here: the
    /// refusal is raised when the placeholder is replaced, over the planned arguments.
    fn built_field(&self, args: &ReturnFieldArgs) -> Option<FieldRef> {
        let Some(Some(ScalarValue::Utf8(Some(name)))) = args.scalar_arguments.first() else { return None };
        let fields: Vec<Field> = args.arg_fields.iter().enumerate().skip(1).map(|(i, f)| f.as_ref().clone().with_name(format!("__argument_{i}"))).collect();
        let schema = DFSchema::from_unqualified_fields(fields.into(), Default::default()).ok()?;
        let arguments = args
            .scalar_arguments
            .iter()
            .enumerate()
            .skip(1)
            .map(|(i, value)| match value {
                Some(value) => Expr::Literal((*value).clone(), None),
                None => Expr::Column(datafusion::common::Column::from_name(format!("__argument_{i}"))),
            })
            .collect();
        let built = super::registry::resolve(&self.context, name, arguments, false, &schema).ok()?;
        let (_, field) = built.to_field(&schema).ok()?;
        Some(field)
    }
}

impl ScalarUDFImpl for RegistryCall {
    fn name(&self) -> &str {
        REGISTRY_CALL
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Null)
    }

    fn return_field_from_args(&self, args: ReturnFieldArgs) -> Result<FieldRef> {
        Ok(self.built_field(&args).unwrap_or_else(|| Arc::new(Field::new(REGISTRY_CALL, DataType::Null, true))))
    }

    /// Named as the call it stands for (`year(t.d)`), so that the planned columns are.
    fn schema_name(&self, args: &[Expr]) -> Result<String> {
        Ok(call_text(args, ",", |a| a.schema_name().to_string()))
    }

    fn display_name(&self, args: &[Expr]) -> Result<String> {
        Ok(call_text(args, ", ", ToString::to_string))
    }

    fn invoke_with_args(&self, _args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        Err(DataFusionError::Internal(format!("{REGISTRY_CALL} is replaced after planning")))
    }
}
