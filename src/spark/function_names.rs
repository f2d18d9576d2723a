//! The one table of Spark function names and the engine functions behind them. Three
//! uses read it:
//! - resolving a Spark call (`F.mean`, SQL `nvl`) to the engine function that computes it;
//! - registering engine functions under their Spark names, so that SQL finds them;
//! - naming a result column after the Spark function (Spark's `prettyName`), not the
//!   engine's (`first_value(x)` is Spark's `first(x)`), and sending Spark's name to a
//!   Spark Connect server.

/// Whether a function computes one value per row or per group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Scalar,
    Aggregate,
}

/// One Spark name of an engine function and what it is used for.
#[derive(Debug, Clone, Copy)]
pub struct FunctionName {
    /// Spark's name (`mean`, `nvl`, `first`), or the operator a column name shows (`/`).
    pub spark: &'static str,
    /// The engine's function (DataFusion's or Ember's own UDF).
    pub engine: &'static str,
    pub kind: Kind,
    /// A Spark call by this name runs `engine`.
    pub resolves: bool,
    /// `engine` is also registered under the Spark name (for SQL).
    pub registers: bool,
    /// A column computed by `engine` is named with the Spark name.
    pub names: bool,
}

const fn entry(spark: &'static str, engine: &'static str, kind: Kind, resolves: bool, registers: bool, names: bool) -> FunctionName {
    FunctionName { spark, engine, kind, resolves, registers, names }
}

use Kind::{Aggregate, Scalar};

/// The table. Where two Spark names share an engine function, the first one that
/// `names` is the column name.
pub const FUNCTION_NAMES: &[FunctionName] = &[
    // Spark's aliases of engine functions.
    entry("length", "character_length", Scalar, true, false, true),
    entry("char_length", "character_length", Scalar, true, false, false),
    entry("length", "char_length", Scalar, false, false, true),
    entry("ifnull", "coalesce", Scalar, true, true, false),
    entry("nvl", "coalesce", Scalar, true, false, false),
    entry("substr", "substring", Scalar, true, false, false),
    entry("instr", "strpos", Scalar, true, true, false),
    entry("lcase", "lower", Scalar, true, true, false),
    entry("ucase", "upper", Scalar, true, true, false),
    entry("ceiling", "ceil", Scalar, true, false, false),
    entry("pow", "power", Scalar, true, false, false),
    entry("sha", "sha1", Scalar, true, false, false),
    entry("current_timestamp", "now", Scalar, true, false, false),
    entry("array", "make_array", Scalar, false, true, true),
    entry("size", "cardinality", Scalar, false, true, false),
    entry("sort_array", "array_sort", Scalar, false, true, false),
    entry("element_at", "array_element", Scalar, false, true, false),
    entry("mean", "avg", Aggregate, true, false, false),
    entry("approx_count_distinct", "approx_distinct", Aggregate, true, true, true),
    entry("array_agg", "collect_list", Aggregate, true, false, false),
    entry("collect_list", "array_agg", Aggregate, false, false, true),
    entry("first", "first_value", Aggregate, true, true, true),
    entry("last", "last_value", Aggregate, true, true, true),
    entry("var_samp", "var", Aggregate, false, false, true),
    // Ember's own functions, named as Spark names the expression they compute.
    entry("/", "ember_divide", Scalar, false, false, true),
    entry("div", "ember_div", Scalar, false, false, true),
    entry("round", "spark_round", Scalar, false, false, true),
    entry("RLIKE", "regexp_like", Scalar, false, false, true),
    entry("startswith", "starts_with", Scalar, false, false, true),
    entry("endswith", "ends_with", Scalar, false, false, true),
];

/// The engine function a Spark call by `spark_name` (lower case) runs.
pub fn engine_name(spark_name: &str) -> &str {
    FUNCTION_NAMES.iter().find(|f| f.resolves && f.spark == spark_name).map_or(spark_name, |f| f.engine)
}

/// The Spark name a column computed by the engine function `engine_name` is named with.
pub fn spark_name(engine_name: &str) -> &str {
    FUNCTION_NAMES.iter().find(|f| f.names && f.engine == engine_name).map_or(engine_name, |f| f.spark)
}

/// The engine function a SQL call by `spark_name` (lower case) is planned as, when the
/// column it computes is named by the table (`first` is planned as `first_value` and
/// named `first(v)`), so that the SQL planner does not name it after the call's text.
pub fn sql_engine_name(spark_name: &str) -> Option<&'static str> {
    FUNCTION_NAMES.iter().find(|f| f.resolves && f.registers && f.names && f.spark == spark_name).map(|f| f.engine)
}

/// The (Spark name, engine function) pairs of a kind registered under Spark's name.
pub fn registered_aliases(kind: Kind) -> impl Iterator<Item = (&'static str, &'static str)> {
    FUNCTION_NAMES.iter().filter(move |f| f.registers && f.kind == kind).map(|f| (f.spark, f.engine))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_use_reads_the_table() {
        assert_eq!(engine_name("nvl"), "coalesce");
        assert_eq!(engine_name("mean"), "avg");
        assert_eq!(engine_name("abs"), "abs");
        assert_eq!(spark_name("character_length"), "length");
        assert_eq!(spark_name("first_value"), "first");
        assert_eq!(spark_name("coalesce"), "coalesce");
        assert_eq!(sql_engine_name("first"), Some("first_value"));
        assert_eq!(sql_engine_name("ifnull"), None);
        assert!(registered_aliases(Kind::Aggregate).any(|pair| pair == ("first", "first_value")));
        assert!(!registered_aliases(Kind::Scalar).any(|(spark, _)| spark == "nvl"));
    }

    #[test]
    fn a_spark_name_resolves_to_one_engine_function() {
        for (i, a) in FUNCTION_NAMES.iter().enumerate() {
            for b in &FUNCTION_NAMES[i + 1..] {
                assert!(!(a.resolves && b.resolves && a.spark == b.spark), "{} resolves twice", a.spark);
            }
        }
    }
}
