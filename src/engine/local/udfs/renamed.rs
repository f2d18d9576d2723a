//! Spark's function aliases that Spark names by the alias (`lcase(s)`, not `lower(s)`):
//! an engine function registered again under the Spark name, which it reports as its own
//! name so that the column is named after the call (Spark's `FUNC_ALIAS` tag).
use std::sync::Arc;

use datafusion::arrow::datatypes::{DataType, FieldRef};
use datafusion::error::Result;
use datafusion::execution::FunctionRegistry;
use datafusion::logical_expr::simplify::{ExprSimplifyResult, SimplifyContext};
use datafusion::logical_expr::{ColumnarValue, Expr, ReturnFieldArgs, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature};
use datafusion::prelude::SessionContext;

/// (Spark's name, the engine function it runs).
const ALIASES: &[(&str, &str)] = &[
    ("lcase", "lower"),
    ("ucase", "upper"),
    ("length", "character_length"),
    ("len", "character_length"),
    ("char_length", "character_length"),
    ("character_length", "character_length"),
    ("substr", "substring"),
    ("printf", "format_string"),
    ("sha", "sha1"),
    ("getbit", "bit_get"),
    ("bitwise_not", "bitwise_not"),
    ("array_join", "array_to_string"),
    ("array_remove", "array_remove_all"),
    ("datediff", "date_diff"),
    ("ceiling", "ceil"),
    ("pow", "power"),
    ("nvl", "coalesce"),
    ("ifnull", "coalesce"),
    ("trim", "btrim"),
];

/// Registers every alias whose engine function exists.
pub fn register(context: &SessionContext) {
    for (spark, engine) in ALIASES {
        if let Ok(inner) = context.udf(engine) {
            context.register_udf(ScalarUDF::from(Renamed { name: spark, inner }));
        }
    }
}

#[derive(Debug, PartialEq, Eq, Hash)]
struct Renamed {
    name: &'static str,
    inner: Arc<ScalarUDF>,
}

impl ScalarUDFImpl for Renamed {
    fn name(&self) -> &str {
        self.name
    }

    fn signature(&self) -> &Signature {
        self.inner.signature()
    }

    fn return_type(&self, arg_types: &[DataType]) -> Result<DataType> {
        self.inner.return_type(arg_types)
    }

    fn return_field_from_args(&self, args: ReturnFieldArgs) -> Result<FieldRef> {
        self.inner.return_field_from_args(args)
    }

    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        self.inner.coerce_types(arg_types)
    }

    fn simplify(&self, args: Vec<Expr>, info: &SimplifyContext) -> Result<ExprSimplifyResult> {
        self.inner.simplify(args, info)
    }

    fn short_circuits(&self) -> bool {
        self.inner.short_circuits()
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        self.inner.invoke_with_args(args)
    }
}
