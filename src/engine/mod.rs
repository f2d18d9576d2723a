//! Execution back ends behind one interface (`backend::Backend`): `local` runs plans on
//! DataFusion; `remote` sends them to a Spark cluster over Spark Connect.
pub mod backend;
pub mod local;
pub mod remote;
