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

use crate::spark::type_text::{nested_nullability, SPARK_NULLABILITY};

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
    /// `Rand`, `Randn`, `Uuid`, `EqualNull`, `ZeroIfNull`, the session's catalog names).
    Never,
    /// Nullable when any argument is, or when the one argument is text: a lone text
    /// argument is Spark's `Cast` of text to a datetime, which may give NULL
    /// (`to_timestamp(s)`), where a format makes it `GetTimestamp` (`to_timestamp(s, f)`).
    ParsedText,
    /// Nullable when either branch is (Spark's `If`: its second and third arguments).
    Branches,
    /// Always stated nullable, whatever the arguments (`Floor`, like Spark's other
    /// `UnaryMathExpression`s, `TruncDate`, `MakeValidUTF8`, where the engine's says
    /// otherwise).
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
    ("len", Rule::AnyArgument),
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
    ("contains", Rule::AnyArgument),
    ("startswith", Rule::AnyArgument),
    ("endswith", Rule::AnyArgument),
    ("find_in_set", Rule::AnyArgument),
    ("levenshtein", Rule::AnyArgument),
    ("position", Rule::AnyArgument),
    ("overlay", Rule::AnyArgument),
    ("regexp_extract", Rule::AnyArgument),
    ("regexp_extract_all", Rule::AnyArgument),
    ("regexp_instr", Rule::AnyArgument),
    ("substring_index", Rule::AnyArgument),
    ("date_format", Rule::AnyArgument),
    ("dayname", Rule::AnyArgument),
    ("months_between", Rule::AnyArgument),
    ("date_from_unix_date", Rule::AnyArgument),
    ("timestamp_micros", Rule::AnyArgument),
    ("timestamp_millis", Rule::AnyArgument),
    ("timestamp_seconds", Rule::AnyArgument),
    ("from_utc_timestamp", Rule::AnyArgument),
    ("to_utc_timestamp", Rule::AnyArgument),
    ("make_date", Rule::AnyArgument),
    ("array_contains", Rule::AnyArgument),
    ("array_position", Rule::AnyArgument),
    ("array_distinct", Rule::AnyArgument),
    ("array_except", Rule::AnyArgument),
    ("array_intersect", Rule::AnyArgument),
    ("array_union", Rule::AnyArgument),
    ("array_repeat", Rule::AnyArgument),
    ("array_join", Rule::AnyArgument),
    ("arrays_overlap", Rule::AnyArgument),
    ("arrays_zip", Rule::AnyArgument),
    ("flatten", Rule::AnyArgument),
    ("map_keys", Rule::AnyArgument),
    ("map_entries", Rule::AnyArgument),
    ("cardinality", Rule::AnyArgument),
    ("size", Rule::AnyArgument),
    ("array_size", Rule::AnyArgument),
    ("slice", Rule::AnyArgument),
    ("ilike", Rule::AnyArgument),
    ("to_number", Rule::AnyArgument),
    ("collation", Rule::AnyArgument),
    ("space", Rule::AnyArgument),
    ("if", Rule::Branches),
    ("convert_timezone", Rule::AnyArgument),
    ("make_timestamp", Rule::AnyArgument),
    ("make_timestamp_ltz", Rule::AnyArgument),
    ("make_timestamp_ntz", Rule::AnyArgument),
    ("unix_timestamp", Rule::AnyArgument),
    ("to_unix_timestamp", Rule::AnyArgument),
    ("to_timestamp", Rule::ParsedText),
    ("to_date", Rule::ParsedText),
    ("timestampadd", Rule::AnyArgument),
    ("timestampdiff", Rule::AnyArgument),
    ("nvl2", Rule::AnyArgument),
    ("array_append", Rule::AnyArgument),
    ("array_prepend", Rule::AnyArgument),
    ("array_insert", Rule::AnyArgument),
    ("array_compact", Rule::AnyArgument),
    ("array_sort", Rule::AnyArgument),
    ("sort_array", Rule::AnyArgument),
    ("sequence", Rule::AnyArgument),
    ("hll_sketch_estimate", Rule::AnyArgument),
    ("greatest", Rule::EveryArgument),
    ("least", Rule::EveryArgument),
    ("concat_ws", Rule::FirstArgument),
    ("hash", Rule::Never),
    ("pi", Rule::Never),
    ("e", Rule::Never),
    ("current_date", Rule::Never),
    ("now", Rule::Never),
    ("current_timestamp", Rule::Never),
    ("localtimestamp", Rule::Never),
    ("rand", Rule::Never),
    ("random", Rule::Never),
    ("randn", Rule::Never),
    ("uuid", Rule::Never),
    ("current_catalog", Rule::Never),
    ("current_database", Rule::Never),
    ("current_schema", Rule::Never),
    ("current_timezone", Rule::Never),
    ("current_user", Rule::Never),
    ("user", Rule::Never),
    ("session_user", Rule::Never),
    ("version", Rule::Never),
    ("equal_null", Rule::Never),
    ("zeroifnull", Rule::Never),
    ("input_file_name", Rule::Never),
    ("uniform", Rule::Never),
    ("randstr", Rule::Never),
    ("floor", Rule::Always),
    ("trunc", Rule::Always),
    ("make_valid_utf8", Rule::Always),
];

/// Functions whose result is of their array arguments' type and keeps their nested
/// nullability: an element is nullable when it is in any input (`ArrayDistinct`,
/// `ArraySort`, `ArrayUnion`, `ArrayIntersect`, `ArrayExcept`). Engine names.
const KEEPS_NESTED: &[&str] = &["array_distinct", "array_sort", "array_union", "array_intersect", "array_except", "array_slice", "slice", "array_reverse", "reverse"];

/// Functions whose array result never holds a NULL element (`StringSplit`, `Sequence`,
/// `ArrayCompact`). Engine names.
const NON_NULL_ELEMENTS: &[&str] = &["split", "sequence", "array_compact"];

/// How a function states the nullability nested in its result (`type_text::SPARK_NULLABILITY`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Nested {
    /// As the engine types it.
    Unstated,
    /// Kept from its array arguments (`KEEPS_NESTED`).
    Kept,
    /// An array of atomic values none of which is NULL (`NON_NULL_ELEMENTS`).
    NonNullElements,
}

impl Nested {
    fn of(engine_name: &str) -> Nested {
        if KEEPS_NESTED.contains(&engine_name) {
            Nested::Kept
        } else if NON_NULL_ELEMENTS.contains(&engine_name) {
            Nested::NonNullElements
        } else {
            Nested::Unstated
        }
    }

    /// The nested nullability flags of a result of type `result`, where Spark's differ
    /// from the engine's.
    fn flags(self, arguments: &[FieldRef], result: &DataType) -> Option<String> {
        match (self, result) {
            (Nested::Kept, _) => kept_nested_nullability(arguments, result),
            (Nested::NonNullElements, DataType::List(element)) if nested_nullability(element.data_type()).is_empty() => Some("0".to_string()),
            _ => None,
        }
    }
}

/// Spark's nested nullability flags of a result of the array arguments' type `result`,
/// an element nullable where it is in any argument; `None` when an array argument is of
/// another type or every nested field is nullable.
fn kept_nested_nullability(arguments: &[FieldRef], result: &DataType) -> Option<String> {
    let mut merged: Option<Vec<bool>> = None;
    for argument in arguments.iter().filter(|a| matches!(a.data_type(), DataType::List(_))) {
        if argument.data_type() != result {
            return None;
        }
        let flags: Vec<bool> = match argument.metadata().get(SPARK_NULLABILITY) {
            Some(flags) => flags.chars().map(|c| c == '1').collect(),
            None => nested_nullability(result).chars().map(|c| c == '1').collect(),
        };
        merged = Some(match merged {
            None => flags,
            Some(before) if before.len() == flags.len() => before.iter().zip(&flags).map(|(a, b)| *a || *b).collect(),
            Some(_) => return None,
        });
    }
    let merged = merged?;
    merged.iter().any(|nullable| !nullable).then(|| merged.iter().map(|n| if *n { '1' } else { '0' }).collect())
}

#[derive(Debug, PartialEq, Eq, Hash)]
struct SparkNullability {
    inner: ScalarUDF,
    rule: Rule,
    nested: Nested,
    /// The inner function's aliases that still name it (not taken over by a function of
    /// Ember's, such as `trim` over DataFusion's `btrim`).
    aliases: Vec<String>,
}

/// Wraps the engine functions of `RULES` registered in `context`; called after every
/// other registration, so that the wrapped function is the one SQL and the DataFrame API
/// find.
pub fn register(context: &SessionContext) {
    for (name, rule) in RULES {
        // A name that is another function's alias wraps that function, under its own name.
        let Ok(inner) = context.udf(name) else { continue };
        if inner.inner().downcast_ref::<SparkNullability>().is_some() {
            continue;
        }
        let aliases = inner.aliases().iter().filter(|alias| context.udf(alias).is_ok_and(|f| f.name() == inner.name())).cloned().collect();
        context.register_udf(ScalarUDF::new_from_impl(SparkNullability { nested: Nested::of(inner.name()), inner: inner.as_ref().clone(), rule: *rule, aliases }));
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
            Rule::Branches => args.arg_fields.iter().skip(1).any(|f| f.is_nullable()),
            Rule::ParsedText => match args.arg_fields {
                [only] => only.is_nullable() || crate::engine::local::types::is_string(only.data_type()),
                fields => fields.iter().any(|f| f.is_nullable()),
            },
            Rule::Never => false,
            Rule::Always => true,
        };
        let arguments = args.arg_fields;
        let field = self.inner.return_field_from_args(args)?;
        let mut metadata = field.metadata().clone();
        if let Some(flags) = self.nested.flags(arguments, field.data_type()) {
            metadata.insert(SPARK_NULLABILITY.to_string(), flags);
        }
        Ok(Arc::new(Field::new(field.name(), field.data_type().clone(), nullable).with_metadata(metadata)))
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        self.inner.invoke_with_args(args)
    }

    fn simplify(&self, args: Vec<datafusion::logical_expr::Expr>, info: &datafusion::logical_expr::simplify::SimplifyContext) -> Result<datafusion::logical_expr::simplify::ExprSimplifyResult> {
        self.inner.simplify(args, info)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn array_field(flags: Option<&str>) -> FieldRef {
        let field = Field::new("a", DataType::new_list(DataType::Int64, true), false);
        Arc::new(match flags {
            Some(flags) => field.with_metadata([(SPARK_NULLABILITY.to_string(), flags.to_string())].into()),
            None => field,
        })
    }

    #[test]
    fn nested_nullability_is_kept_where_every_input_has_it() {
        let array = DataType::new_list(DataType::Int64, true);
        let flags = kept_nested_nullability(&[array_field(Some("0")), array_field(Some("0"))], &array).expect("non-null elements kept");
        assert_eq!(flags.as_str(), "0");
        assert!(kept_nested_nullability(&[array_field(Some("0")), array_field(None)], &array).is_none(), "an input with nullable elements makes them nullable");
        assert!(kept_nested_nullability(&[array_field(None)], &array).is_none());
    }
}
