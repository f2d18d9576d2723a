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

/// The nodes of one kind (their `type` tag: a relation such as `CollectMetrics`, or an
/// expression such as `OuterColumn`) anywhere inside a plan, outermost first.
pub fn nodes_of_kind<T: serde::de::DeserializeOwned>(relation: &Relation, kind: &str) -> Vec<T> {
    fn walk<T: serde::de::DeserializeOwned>(value: &serde_json::Value, kind: &str, found: &mut Vec<T>) {
        match value {
            serde_json::Value::Object(map) => {
                if map.get("type").and_then(|t| t.as_str()) == Some(kind) {
                    if let Ok(node) = serde_json::from_value::<T>(value.clone()) {
                        found.push(node);
                    }
                }
                map.values().for_each(|v| walk(v, kind, found));
            }
            serde_json::Value::Array(items) => items.iter().for_each(|v| walk(v, kind, found)),
            _ => {}
        }
    }
    let mut found = Vec::new();
    if let Ok(value) = serde_json::to_value(relation) {
        walk(&value, kind, &mut found);
    }
    found
}
