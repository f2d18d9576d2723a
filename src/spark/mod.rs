//! The Spark layer under both engines and the renderer: Spark's own rules that hold
//! whichever engine runs a plan.
//! - `ddl`: Spark's DDL for types and schemas, read into Spark's JSON type form;
//! - `error`: Spark's error type, its conditions and their SQLSTATEs;
//! - `master`: master URLs (`local[N]`, `sc://`);
//! - `function_names`: the table of Spark function names and the engine functions behind them;
//! - `session_zone`: Spark's session time zone, the zone TIMESTAMP values are read and shown in;
//! - `value_text`: Spark's text of values (`ToPrettyString`, `Cast` to string, Java numbers);
//! - `type_text`: Spark's names of types, the `printSchema` tree and the JSON schema.
pub mod ddl;
pub mod error;
pub mod function_names;
pub mod master;
pub mod session_zone;
pub mod type_text;
pub mod value_text;

/// The Spark version Ember is compatible with.
pub const SPARK_VERSION: &str = "4.3.0";
