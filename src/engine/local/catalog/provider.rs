//! The session catalog as DataFusion's `CatalogProvider`, so SQL reads tables by Spark's
//! names: `t` (a temporary view, else a table of the current database), `db.t`,
//! `spark_catalog.db.t` and `global_temp.v`.
//!
//! DataFusion qualifies a bare name with its default schema, which is `SESSION_SCHEMA`
//! here: a schema that holds the session's temporary views (registered by
//! `SessionContext::register_table`) and falls back to the current database.
use std::collections::HashMap;
use std::sync::{Arc, Mutex, Weak};

use async_trait::async_trait;
use datafusion::catalog::{CatalogProvider, SchemaProvider, TableProvider};
use datafusion::catalog::view::ViewTable;
use datafusion::error::{DataFusionError, Result};

use super::{GLOBAL_TEMP, SPARK_CATALOG};
use crate::engine::local::LocalSession;

/// The internal name of the schema bare names resolve in.
pub const SESSION_SCHEMA: &str = "__session";

fn engine_error(error: crate::engine::local::EngineError) -> DataFusionError {
    DataFusionError::External(Box::new(error))
}

/// `spark_catalog` for DataFusion.
#[derive(Debug)]
pub struct SparkCatalogProvider {
    session: Weak<LocalSession>,
    session_schema: Arc<SessionSchemaProvider>,
}

impl SparkCatalogProvider {
    pub fn new(session: Weak<LocalSession>) -> Self {
        let session_schema = Arc::new(SessionSchemaProvider { session: session.clone(), registered: Mutex::new(HashMap::new()) });
        SparkCatalogProvider { session, session_schema }
    }
}

impl CatalogProvider for SparkCatalogProvider {
    fn schema_names(&self) -> Vec<String> {
        let mut names = vec![SESSION_SCHEMA.to_string(), GLOBAL_TEMP.to_string()];
        if let Some(session) = self.session.upgrade() {
            names.extend(session.databases().unwrap_or_default().into_iter().map(|d| d.name));
        }
        names
    }

    fn schema(&self, name: &str) -> Option<Arc<dyn SchemaProvider>> {
        if name == SESSION_SCHEMA {
            return Some(self.session_schema.clone());
        }
        Some(Arc::new(DatabaseSchemaProvider { session: self.session.clone(), database: name.to_lowercase() }))
    }
}

/// Bare names: the session's temporary views, then the current database's tables.
#[derive(Debug)]
pub struct SessionSchemaProvider {
    session: Weak<LocalSession>,
    registered: Mutex<HashMap<String, Arc<dyn TableProvider>>>,
}

#[async_trait]
impl SchemaProvider for SessionSchemaProvider {
    fn table_names(&self) -> Vec<String> {
        self.registered.lock().map(|r| r.keys().cloned().collect()).unwrap_or_default()
    }

    async fn table(&self, name: &str) -> Result<Option<Arc<dyn TableProvider>>> {
        let registered = self.registered.lock().ok().and_then(|r| r.get(name).cloned());
        let Some(session) = self.session.upgrade() else { return Ok(registered) };
        // A registered temporary view is read as registered unless it is cached, when its
        // kept rows are read instead (`lookup_relation`).
        if registered.is_some() && session.catalog.cache.table_storage_level(&name.to_lowercase()).map_err(engine_error)?.is_none() {
            return Ok(registered);
        }
        let quoted = format!("`{}`", name.replace('`', "``"));
        match session.lookup_relation(&quoted).await.map_err(engine_error)? {
            Some(plan) => Ok(Some(Arc::new(ViewTable::new(plan, None)))),
            None => Ok(registered),
        }
    }

    fn register_table(&self, name: String, table: Arc<dyn TableProvider>) -> Result<Option<Arc<dyn TableProvider>>> {
        let mut registered = self.registered.lock().map_err(|_| DataFusionError::Internal("table registry poisoned".into()))?;
        Ok(registered.insert(name, table))
    }

    fn deregister_table(&self, name: &str) -> Result<Option<Arc<dyn TableProvider>>> {
        let mut registered = self.registered.lock().map_err(|_| DataFusionError::Internal("table registry poisoned".into()))?;
        Ok(registered.remove(name))
    }

    fn table_exist(&self, name: &str) -> bool {
        self.registered.lock().map(|r| r.contains_key(name)).unwrap_or(false)
    }
}

/// `db.t`: a database's tables and views, or `global_temp`'s views.
#[derive(Debug)]
pub struct DatabaseSchemaProvider {
    session: Weak<LocalSession>,
    database: String,
}

#[async_trait]
impl SchemaProvider for DatabaseSchemaProvider {
    fn table_names(&self) -> Vec<String> {
        match self.session.upgrade() {
            Some(session) => session.list_tables(&self.database).unwrap_or_default().into_iter().filter(|t| !t.4 || t.1.is_some()).map(|t| t.0).collect(),
            None => Vec::new(),
        }
    }

    async fn table(&self, name: &str) -> Result<Option<Arc<dyn TableProvider>>> {
        let Some(session) = self.session.upgrade() else { return Ok(None) };
        let qualified = format!("`{}`.`{}`.`{}`", SPARK_CATALOG, self.database.replace('`', "``"), name.replace('`', "``"));
        let qualified = if self.database == GLOBAL_TEMP { format!("`{GLOBAL_TEMP}`.`{}`", name.replace('`', "``")) } else { qualified };
        match session.lookup_relation(&qualified).await.map_err(engine_error)? {
            Some(plan) => Ok(Some(Arc::new(ViewTable::new(plan, None)))),
            None => Ok(None),
        }
    }

    fn table_exist(&self, name: &str) -> bool {
        self.table_names().iter().any(|t| t.eq_ignore_ascii_case(name))
    }
}
