//! The Spark layer under both engines: Spark's own rules that hold whichever engine runs
//! a plan. Today it holds the table of Spark function names (`function_names`).
pub mod function_names;
