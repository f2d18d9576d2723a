//! The unresolved logical plan: relations and expressions in Spark's vocabulary.
//!
//! Modelled on Spark Connect's `Relation` and `Expression` protos. The Python layer builds
//! these trees as JSON; the local engine resolves them to DataFusion plans and a later
//! remote engine encodes them as Spark Connect protos. Nothing here knows DataFusion.

mod expression;
mod relation;

pub use expression::{Expression, Literal, PythonUdf, SortOrder, WindowFrame};
pub use relation::{JoinCondition, Pivot, Relation, SetOperationKind};

/// Errors raised while decoding a plan sent by the Python layer.
#[derive(Debug, thiserror::Error)]
pub enum PlanError {
    #[error("invalid plan: {0}")]
    InvalidJson(#[from] serde_json::Error),
}

/// Result alias of the plan layer.
pub type Result<T> = std::result::Result<T, PlanError>;

/// Decodes a relation from the JSON the Python layer sends.
pub fn relation_from_json(text: &str) -> Result<Relation> {
    Ok(serde_json::from_str(text)?)
}
