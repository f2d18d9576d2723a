//! Spark's `CacheManager` for the embedded engine: `DataFrame.cache`/`persist`,
//! `Catalog.cacheTable` and `CACHE TABLE` keep a plan's rows in memory as Arrow batches,
//! and later plans that contain the cached plan read those batches instead of running it.
//!
//! As in Spark, caching is lazy: the rows are computed by the first action whose plan
//! contains the cached plan (`LocalSession::fill_caches`), once, and kept until
//! `unpersist`, `uncacheTable` or `clearCache`. Plans are matched as Spark's
//! `sameResult` does, ignoring the ids that tell DataFrames apart.
use std::sync::{Arc, Mutex};

use datafusion::arrow::datatypes::SchemaRef;
use datafusion::arrow::record_batch::RecordBatch;
use serde_json::Value;

use super::error::{EngineError, Result};
use crate::plan::Relation;

/// The rows of a cached plan.
pub type CachedRows = (SchemaRef, Vec<RecordBatch>);

/// The kept rows as a DataFusion table with the plan's schema; the batches carry a
/// schema with every column nullable (`conform_batch`), so they are given the plan's own
/// where their values allow it.
pub fn memory_table(rows: &CachedRows) -> Result<datafusion::datasource::MemTable> {
    let (schema, batches) = rows;
    let options = || datafusion::arrow::record_batch::RecordBatchOptions::new();
    let stamped: std::result::Result<Vec<RecordBatch>, _> = batches
        .iter()
        .map(|b| RecordBatch::try_new_with_options(schema.clone(), b.columns().to_vec(), &options().with_row_count(Some(b.num_rows()))))
        .collect();
    match stamped {
        Ok(batches) => Ok(datafusion::datasource::MemTable::try_new(schema.clone(), vec![batches])?),
        Err(_) => {
            let relaxed = Arc::new(datafusion::arrow::datatypes::Schema::new(
                schema.fields().iter().map(|f| f.as_ref().clone().with_nullable(true)).collect::<Vec<_>>(),
            ));
            let batches = batches
                .iter()
                .map(|b| RecordBatch::try_new_with_options(relaxed.clone(), b.columns().to_vec(), &options().with_row_count(Some(b.num_rows()))))
                .collect::<std::result::Result<Vec<_>, _>>()
                .map_err(datafusion::error::DataFusionError::from)?;
            Ok(datafusion::datasource::MemTable::try_new(relaxed, vec![batches])?)
        }
    }
}

/// One cached plan.
struct Entry {
    /// The plan without its DataFrame ids (`canonical`).
    key: Value,
    relation: Relation,
    /// Spark's `StorageLevel` text, e.g. `MEMORY_AND_DISK_DESER`; the batches are kept in
    /// memory whatever it says.
    storage_level: String,
    /// A table's name when cached through the catalog, for `uncacheTable`.
    table: Option<String>,
    rows: Option<Arc<CachedRows>>,
}

/// The cached plans of the sessions sharing one catalog.
#[derive(Default)]
pub struct CacheManager {
    entries: Mutex<Vec<Entry>>,
}

/// A plan as JSON with every `plan_id` set to 0: two DataFrames built the same way compare
/// equal, as Spark's canonicalized plans do.
pub fn canonical(relation: &Relation) -> Value {
    fn clear(value: &mut Value) {
        match value {
            Value::Object(map) => {
                for (key, item) in map.iter_mut() {
                    if key == "plan_id" {
                        *item = Value::from(0);
                    } else {
                        clear(item);
                    }
                }
            }
            Value::Array(items) => items.iter_mut().for_each(clear),
            _ => {}
        }
    }
    let mut value = serde_json::to_value(relation).unwrap_or(Value::Null);
    clear(&mut value);
    value
}

/// Whether `needle` is `haystack` or one of its parts.
fn contains(haystack: &Value, needle: &Value) -> bool {
    if haystack == needle {
        return true;
    }
    match haystack {
        Value::Object(map) => map.values().any(|v| contains(v, needle)),
        Value::Array(items) => items.iter().any(|v| contains(v, needle)),
        _ => false,
    }
}

/// A short name for a cached plan: its operators from the top down, following each
/// operator's input (`Project <- Filter <- Range`), as Spark names a cached plan by its
/// plan's text.
fn plan_name(relation: &Relation) -> String {
    let mut names = Vec::new();
    let mut value = serde_json::to_value(relation).unwrap_or(Value::Null);
    while let Value::Object(mut map) = value {
        match map.get("type").and_then(Value::as_str) {
            Some(kind) => names.push(kind.to_string()),
            None => break,
        }
        value = map.remove("input").unwrap_or(Value::Null);
    }
    names.join(" <- ")
}

impl CacheManager {
    /// Every cached plan as the storage page lists it.
    pub fn summaries(&self) -> Result<Vec<crate::engine::backend::CachedPlan>> {
        Ok(self
            .lock()?
            .iter()
            .map(|entry| {
                let batches = entry.rows.as_ref().map(|rows| rows.1.as_slice()).unwrap_or(&[]);
                crate::engine::backend::CachedPlan {
                    name: entry.table.clone().unwrap_or_else(|| plan_name(&entry.relation)),
                    storage_level: entry.storage_level.clone(),
                    filled: entry.rows.is_some(),
                    rows: batches.iter().map(|b| b.num_rows() as u64).sum(),
                    bytes: batches.iter().map(|b| b.get_array_memory_size() as u64).sum(),
                    batches: batches.len(),
                }
            })
            .collect())
    }

    fn lock(&self) -> Result<std::sync::MutexGuard<'_, Vec<Entry>>> {
        self.entries.lock().map_err(|_| EngineError::internal("cache store poisoned"))
    }

    /// Marks a plan as cached at `storage_level` (Spark keeps the first level when the
    /// plan is cached already, and warns).
    pub fn register(&self, relation: &Relation, storage_level: &str, table: Option<String>) -> Result<()> {
        let key = canonical(relation);
        let mut entries = self.lock()?;
        if !entries.iter().any(|e| e.key == key) {
            entries.push(Entry { key, relation: relation.clone(), storage_level: storage_level.to_string(), table, rows: None });
        }
        Ok(())
    }

    /// Forgets a cached plan and frees its rows; whether it was cached.
    pub fn unregister(&self, relation: &Relation) -> Result<bool> {
        let key = canonical(relation);
        let mut entries = self.lock()?;
        let before = entries.len();
        entries.retain(|e| e.key != key);
        Ok(entries.len() != before)
    }

    /// Forgets the cache of a table by its qualified name.
    pub fn unregister_table(&self, table: &str) -> Result<bool> {
        let mut entries = self.lock()?;
        let before = entries.len();
        entries.retain(|e| e.table.as_deref() != Some(table));
        Ok(entries.len() != before)
    }

    /// Drops the rows of a table's cache so the next action reads the table again
    /// (`REFRESH TABLE`), keeping it cached.
    pub fn invalidate_table(&self, table: &str) -> Result<()> {
        for entry in self.lock()?.iter_mut().filter(|e| e.table.as_deref() == Some(table)) {
            entry.rows = None;
        }
        Ok(())
    }

    /// Whether a table is cached, by its qualified name.
    pub fn table_storage_level(&self, table: &str) -> Result<Option<String>> {
        Ok(self.lock()?.iter().find(|e| e.table.as_deref() == Some(table)).map(|e| e.storage_level.clone()))
    }

    /// `clearCache`: forgets every cached plan.
    pub fn clear(&self) -> Result<()> {
        self.lock()?.clear();
        Ok(())
    }

    /// The storage level of a cached plan, `None` when it is not cached.
    pub fn storage_level(&self, relation: &Relation) -> Result<Option<String>> {
        let key = canonical(relation);
        Ok(self.lock()?.iter().find(|e| e.key == key).map(|e| e.storage_level.clone()))
    }

    /// The kept rows of a plan, when it is cached and computed.
    pub fn rows(&self, relation: &Relation) -> Result<Option<Arc<CachedRows>>> {
        let entries = self.lock()?;
        // Most plans are resolved with nothing cached: no plan is made canonical then.
        if entries.iter().all(|e| e.rows.is_none()) {
            return Ok(None);
        }
        let key = canonical(relation);
        Ok(entries.iter().find(|e| e.key == key).and_then(|e| e.rows.clone()))
    }

    /// The cached plans inside `relation` whose rows are not computed yet, innermost
    /// first, so that filling one can read the caches it contains.
    pub fn pending_within(&self, relation: &Relation) -> Result<Vec<Relation>> {
        let whole = canonical(relation);
        let entries = self.lock()?;
        let mut pending: Vec<&Entry> = entries.iter().filter(|e| e.rows.is_none() && contains(&whole, &e.key)).collect();
        // A plan inside another is smaller as text.
        pending.sort_by_key(|e| e.key.to_string().len());
        Ok(pending.into_iter().map(|e| e.relation.clone()).collect())
    }

    /// Keeps the computed rows of a cached plan.
    pub fn fill(&self, relation: &Relation, rows: CachedRows) -> Result<()> {
        let key = canonical(relation);
        if let Some(entry) = self.lock()?.iter_mut().find(|e| e.key == key) {
            entry.rows = Some(Arc::new(rows));
        }
        Ok(())
    }
}
