//! Rendering of query results: Spark's exact text (show/printSchema).

pub mod spark_text;
