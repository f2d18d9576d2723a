//! Execution back ends: `local` runs plans on DataFusion; `remote` (a later issue) sends
//! them to a Spark cluster over Spark Connect.
pub mod local;
