//! Spark's nullability of function results where the engine's differs. DataFusion says
//! that any scalar function may return NULL; Spark's `NullIntolerant` functions return NULL
//! only for a NULL argument, so their result is nullable only when an argument is, and
//! some functions never return NULL. `SparkNullability` wraps the engine function
//! registered under a name and states Spark's rule; the values are the engine's.
use std::sync::Arc;

use datafusion::arrow::datatypes::{DataType, Field, FieldRef};
use datafusion::error::Result;
use datafusion::execution::FunctionRegistry;
use datafusion::logical_expr::{ColumnarValue, ReturnFieldArgs, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature};
use datafusion::prelude::SessionContext;

/// How a function's result nullability follows from its arguments.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Rule {
    /// Nullable when any argument is (Spark's default for `NullIntolerant` expressions).
    AnyArgument,
    /// Nullable when every argument is (`Greatest`, `Least`: NULLs are skipped).
    EveryArgument,
    /// Nullable when the first argument is (`ConcatWs`: NULL values are skipped, a NULL
    /// separator gives NULL).
    FirstArgument,
    /// Never NULL (`Murmur3Hash`, `Pi`, `EulerNumber`, `CurrentDate`, `CurrentTimestamp`,
    /// `Rand`, `Randn`, `Uuid`).
    Never,
    /// Always stated nullable, whatever the arguments (`Floor`, like Spark's other
    /// `UnaryMathExpression`s, where the engine's says otherwise).
    Always,
}

/// The functions and their rules, as Spark 4.3 types them (checked against PySpark's
/// `printSchema` of each on non-nullable columns). Every name is one whose engine
/// function returns NULL only as the rule says.
const RULES: &[(&str, Rule)] = &[
    ("upper", Rule::AnyArgument),
    ("lower", Rule::AnyArgument),
    ("ucase", Rule::AnyArgument),
    ("lcase", Rule::AnyArgument),
    ("character_length", Rule::AnyArgument),
    ("char_length", Rule::AnyArgument),
    ("length", Rule::AnyArgument),
    ("bit_length", Rule::AnyArgument),
    ("octet_length", Rule::AnyArgument),
    ("trim", Rule::AnyArgument),
    ("ltrim", Rule::AnyArgument),
    ("rtrim", Rule::AnyArgument),
    ("btrim", Rule::AnyArgument),
    ("reverse", Rule::AnyArgument),
    ("initcap", Rule::AnyArgument),
    ("md5", Rule::AnyArgument),
    ("hex", Rule::AnyArgument),
    ("soundex", Rule::AnyArgument),
    ("abs", Rule::AnyArgument),
    ("isnan", Rule::AnyArgument),
    ("nanvl", Rule::AnyArgument),
    ("left", Rule::AnyArgument),
    ("repeat", Rule::AnyArgument),
    ("lpad", Rule::AnyArgument),
    ("rpad", Rule::AnyArgument),
    ("instr", Rule::AnyArgument),
    ("locate", Rule::AnyArgument),
    ("translate", Rule::AnyArgument),
    ("replace", Rule::AnyArgument),
    ("split", Rule::AnyArgument),
    ("regexp_replace", Rule::AnyArgument),
    ("date_add", Rule::AnyArgument),
    ("date_part", Rule::AnyArgument),
    ("power", Rule::AnyArgument),
    ("atan2", Rule::AnyArgument),
    ("hypot", Rule::AnyArgument),
    ("greatest", Rule::EveryArgument),
    ("least", Rule::EveryArgument),
    ("concat_ws", Rule::FirstArgument),
    ("hash", Rule::Never),
    ("pi", Rule::Never),
    ("e", Rule::Never),
    ("current_date", Rule::Never),
    ("curdate", Rule::Never),
    ("now", Rule::Never),
    ("current_timestamp", Rule::Never),
    ("localtimestamp", Rule::Never),
    ("rand", Rule::Never),
    ("random", Rule::Never),
    ("randn", Rule::Never),
    ("uuid", Rule::Never),
    ("floor", Rule::Always),
];

#[derive(Debug, PartialEq, Eq, Hash)]
struct SparkNullability {
    inner: ScalarUDF,
    rule: Rule,
    /// The inner function's aliases that still name it (not taken over by a function of
    /// Ember's, such as `trim` over DataFusion's `btrim`).
    aliases: Vec<String>,
}

/// Wraps the engine functions of `RULES` registered in `context`; called after every
/// other registration, so that the wrapped function is the one SQL and the DataFrame API
/// find.
pub fn register(context: &SessionContext) {
    for (name, rule) in RULES {
        // A name that is another function's alias is wrapped with that function.
        let Ok(inner) = context.udf(name) else { continue };
        if inner.name() != *name || inner.inner().downcast_ref::<SparkNullability>().is_some() {
            continue;
        }
        let aliases = inner.aliases().iter().filter(|alias| context.udf(alias).is_ok_and(|f| f.name() == inner.name())).cloned().collect();
        context.register_udf(ScalarUDF::new_from_impl(SparkNullability { inner: inner.as_ref().clone(), rule: *rule, aliases }));
    }
}

impl ScalarUDFImpl for SparkNullability {
    fn name(&self) -> &str {
        self.inner.name()
    }

    fn aliases(&self) -> &[String] {
        &self.aliases
    }

    fn signature(&self) -> &Signature {
        self.inner.signature()
    }

    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        self.inner.coerce_types(arg_types)
    }

    fn return_type(&self, arg_types: &[DataType]) -> Result<DataType> {
        self.inner.return_type(arg_types)
    }

    fn return_field_from_args(&self, args: ReturnFieldArgs) -> Result<FieldRef> {
        let nullable = match self.rule {
            Rule::AnyArgument => args.arg_fields.iter().any(|f| f.is_nullable()),
            Rule::EveryArgument => args.arg_fields.iter().all(|f| f.is_nullable()),
            Rule::FirstArgument => args.arg_fields.first().is_none_or(|f| f.is_nullable()),
            Rule::Never => false,
            Rule::Always => true,
        };
        let field = self.inner.return_field_from_args(args)?;
        Ok(Arc::new(Field::new(field.name(), field.data_type().clone(), nullable).with_metadata(field.metadata().clone())))
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        self.inner.invoke_with_args(args)
    }

    fn simplify(&self, args: Vec<datafusion::logical_expr::Expr>, info: &datafusion::logical_expr::simplify::SimplifyContext) -> Result<datafusion::logical_expr::simplify::ExprSimplifyResult> {
        self.inner.simplify(args, info)
    }
}
