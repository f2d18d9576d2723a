//! Rendering of query results: Spark's exact text (show/printSchema), and the terminal's
//! comfy-table form of `show()`.

pub mod spark_text;
pub mod table;
