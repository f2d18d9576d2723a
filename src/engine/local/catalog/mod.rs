//! Spark's session catalog for the embedded engine: databases, managed and external
//! tables and persistent views kept in a metadata store (`store`), global temporary views,
//! and the cache, all shared by the sessions of one shell (`SparkSession.newSession`).
//! A session's own temporary views and current database live in `LocalSession`.
//!
//! `tables` holds the operations (create, insert, drop, alter, list), `provider` shows the
//! catalog to DataFusion's SQL planner, `statements` parses the catalog's SQL commands and
//! `api` answers `spark.catalog`.

pub mod api;
pub mod provider;
pub mod statements;
pub mod store;
pub mod tables;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Mutex;

use datafusion::logical_expr::LogicalPlan;

use super::cache::CacheManager;
use super::error::{EngineError, Result};
use store::MetaStore;

/// Spark's name of its one built-in catalog.
pub const SPARK_CATALOG: &str = "spark_catalog";
/// The database of global temporary views (`spark.sql.globalTempDatabase`).
pub const GLOBAL_TEMP: &str = "global_temp";
/// Spark's conf of the warehouse directory.
pub const WAREHOUSE_KEY: &str = "spark.sql.warehouse.dir";

/// The catalog state the sessions of one shell share.
pub struct Catalog {
    /// `spark.sql.warehouse.dir`, absolute; `spark-warehouse` in the working directory
    /// unless set before the catalog is first used.
    warehouse: Mutex<Option<PathBuf>>,
    store: Mutex<Option<MetaStore>>,
    /// Global temporary views by lower-case name: the name as given and the plan.
    global_views: Mutex<BTreeMap<String, (String, LogicalPlan)>>,
    pub cache: CacheManager,
}

fn poisoned() -> EngineError {
    EngineError::internal("catalog state poisoned")
}

impl Default for Catalog {
    fn default() -> Self {
        Catalog { warehouse: Mutex::new(None), store: Mutex::new(None), global_views: Mutex::new(BTreeMap::new()), cache: CacheManager::default() }
    }
}

impl Catalog {
    /// Sets the warehouse directory (`spark.sql.warehouse.dir`, a static conf in Spark:
    /// it takes effect only before the catalog is first used).
    pub fn set_warehouse(&self, path: &str) -> Result<()> {
        let path = path.strip_prefix("file:").unwrap_or(path);
        let mut store = self.store.lock().map_err(|_| poisoned())?;
        *self.warehouse.lock().map_err(|_| poisoned())? = Some(super::io_read::absolute(std::path::Path::new(path)));
        *store = None;
        Ok(())
    }

    /// The warehouse directory, absolute.
    pub fn warehouse(&self) -> Result<PathBuf> {
        let mut warehouse = self.warehouse.lock().map_err(|_| poisoned())?;
        Ok(warehouse.get_or_insert_with(|| super::io_read::absolute(std::path::Path::new("spark-warehouse"))).clone())
    }

    /// Runs `work` on the metadata store; `create` opens (making) it when missing,
    /// otherwise a missing store gives `None` to `work`.
    pub fn with_store<T>(&self, create: bool, work: impl FnOnce(Option<&MetaStore>) -> Result<T>) -> Result<T> {
        let warehouse = self.warehouse()?;
        let mut store = self.store.lock().map_err(|_| poisoned())?;
        if store.is_none() {
            *store = MetaStore::open(&warehouse, create)?;
        }
        work(store.as_ref())
    }

    /// Runs `work` on the store, creating it when missing.
    pub fn with_store_created<T>(&self, work: impl FnOnce(&MetaStore) -> Result<T>) -> Result<T> {
        self.with_store(true, |store| match store {
            Some(store) => work(store),
            None => Err(EngineError::internal("the catalog's metadata store could not be opened")),
        })
    }

    /// A global temporary view's plan.
    pub fn global_view(&self, name: &str) -> Result<Option<LogicalPlan>> {
        Ok(self.global_views.lock().map_err(|_| poisoned())?.get(&name.to_lowercase()).map(|(_, plan)| plan.clone()))
    }

    /// Registers a global temporary view (`createGlobalTempView`); Spark's
    /// `TEMP_TABLE_OR_VIEW_ALREADY_EXISTS` unless `replace`.
    pub fn register_global_view(&self, name: &str, plan: LogicalPlan, replace: bool) -> Result<()> {
        let mut views = self.global_views.lock().map_err(|_| poisoned())?;
        let key = name.to_lowercase();
        if !replace && views.contains_key(&key) {
            return Err(EngineError::analysis(
                "TEMP_TABLE_OR_VIEW_ALREADY_EXISTS",
                format!("Cannot create the temporary view `{GLOBAL_TEMP}`.`{name}` because it already exists."),
                &[("relationName", format!("`{GLOBAL_TEMP}`.`{name}`"))],
            ));
        }
        views.insert(key, (name.to_string(), plan));
        Ok(())
    }

    /// Drops a global temporary view; whether it existed.
    pub fn drop_global_view(&self, name: &str) -> Result<bool> {
        Ok(self.global_views.lock().map_err(|_| poisoned())?.remove(&name.to_lowercase()).is_some())
    }

    /// The global temporary views' names as given.
    pub fn global_view_names(&self) -> Result<Vec<String>> {
        Ok(self.global_views.lock().map_err(|_| poisoned())?.values().map(|(name, _)| name.clone()).collect())
    }
}

/// A multi-part name split at dots outside backquotes, each part unquoted
/// (`spark_catalog.default.t`, `` `a.b` ``).
pub fn name_parts(name: &str) -> Vec<String> {
    let mut parts = vec![String::new()];
    let mut quoted = false;
    let mut chars = name.trim().chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '`' if quoted && chars.peek() == Some(&'`') => {
                chars.next();
                if let Some(last) = parts.last_mut() {
                    last.push('`');
                }
            }
            '`' => quoted = !quoted,
            '.' if !quoted => parts.push(String::new()),
            c => {
                if let Some(last) = parts.last_mut() {
                    last.push(c);
                }
            }
        }
    }
    parts
}

/// Spark's quoted form of a name's parts: `` `spark_catalog`.`default`.`t` ``.
pub fn quoted(parts: &[&str]) -> String {
    parts.iter().map(|p| format!("`{}`", p.replace('`', "``"))).collect::<Vec<_>>().join(".")
}

/// Spark's `TABLE_OR_VIEW_NOT_FOUND` for a name as given (`` `db`.`t` ``).
pub fn not_found(name: &str) -> EngineError {
    EngineError::table_not_found(&name_parts(name).join("`.`"))
}

/// Spark's `SCHEMA_NOT_FOUND`.
pub fn schema_not_found(database: &str) -> EngineError {
    let name = quoted(&[SPARK_CATALOG, database]);
    EngineError::spark(
        super::error::ErrorClass::Analysis,
        "SCHEMA_NOT_FOUND",
        format!("The schema {name} cannot be found. Verify the spelling and correctness of the schema and catalog.\nIf you did not qualify the name with a catalog, verify the current_schema() output, or qualify the name with the correct catalog.\nTo tolerate the error on drop use DROP SCHEMA IF EXISTS."),
        &[("schemaName", name.clone())],
    )
}
