//! The Spark layer under both engines and the renderer: Spark's own rules that hold
//! whichever engine runs a plan.
//! - `function_names`: the table of Spark function names and the engine functions behind them;
//! - `value_text`: Spark's text of values (`ToPrettyString`, `Cast` to string, Java numbers);
//! - `type_text`: Spark's names of types, the `printSchema` tree and the JSON schema.
pub mod function_names;
pub mod type_text;
pub mod value_text;

/// The Spark version Ember is compatible with.
pub const SPARK_VERSION: &str = "4.3.0";
