//! Execution back ends: `local` runs plans on DataFusion; `remote` sends
//! them to a Spark cluster over Spark Connect.
pub mod local;
pub mod remote;
