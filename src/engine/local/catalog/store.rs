//! The persistent catalog's metadata store: databases and tables (Spark's
//! `ExternalCatalog`, kept by a Hive metastore in Spark) in one SQLite file inside the
//! warehouse directory, so tables survive a restart of the shell.
//!
//! SQLite because it is an embedded, transactional store with one file and no server: a
//! crash mid-update leaves the previous state, and two shells on one warehouse see each
//! other's changes. It is opened only when the catalog is first changed, so a session that
//! never creates a table writes nothing.
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rusqlite::{params, Connection, OptionalExtension};

use super::super::error::{EngineError, Result};

/// The store's file name inside the warehouse directory. The leading underscore keeps it out
/// of Spark's file listings, as `_SUCCESS` is.
pub const STORE_FILE: &str = "_ember_metastore.sqlite";

/// What kind of relation a catalog entry is (Spark's `CatalogTableType`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableKind {
    /// Data under the warehouse, dropped with the table.
    Managed,
    /// Data at a path the user gave, kept when the table is dropped.
    External,
    /// A persistent view: a stored SQL query.
    View,
}

impl TableKind {
    /// Spark's name (`Table.tableType`).
    pub fn name(self) -> &'static str {
        match self {
            TableKind::Managed => "MANAGED",
            TableKind::External => "EXTERNAL",
            TableKind::View => "VIEW",
        }
    }

    fn parse(text: &str) -> TableKind {
        match text {
            "EXTERNAL" => TableKind::External,
            "VIEW" => TableKind::View,
            _ => TableKind::Managed,
        }
    }
}

/// A database (Spark's `CatalogDatabase`).
#[derive(Debug, Clone, PartialEq)]
pub struct DatabaseEntry {
    pub name: String,
    pub description: String,
    /// An absolute `file:` URI.
    pub location: String,
    pub properties: BTreeMap<String, String>,
}

/// A table or persistent view (Spark's `CatalogTable`).
#[derive(Debug, Clone, PartialEq)]
pub struct TableEntry {
    pub database: String,
    pub name: String,
    pub kind: TableKind,
    /// The data source (`parquet`, `csv`, ...); empty for a view.
    pub provider: String,
    /// The data directory, absolute; empty for a view.
    pub location: String,
    /// The columns in Spark's JSON schema format, partition columns last.
    pub schema_json: String,
    pub partition_columns: Vec<String>,
    /// `TBLPROPERTIES`.
    pub properties: BTreeMap<String, String>,
    /// The data source's read and write options (`OPTIONS`).
    pub options: BTreeMap<String, String>,
    pub description: Option<String>,
    /// A view's SQL text.
    pub view_text: Option<String>,
    /// Seconds since the epoch.
    pub created: i64,
}

/// The open store of one warehouse.
pub struct MetaStore {
    connection: Connection,
}

fn store_error(error: rusqlite::Error) -> EngineError {
    EngineError::internal(format!("the catalog's metadata store failed: {error}"))
}

fn to_json(map: &BTreeMap<String, String>) -> String {
    serde_json::to_string(map).unwrap_or_else(|_| "{}".to_string())
}

fn from_json<T: serde::de::DeserializeOwned + Default>(text: &str) -> T {
    serde_json::from_str(text).unwrap_or_default()
}

impl MetaStore {
    /// The store file of `warehouse`, when one was created.
    pub fn path(warehouse: &Path) -> PathBuf {
        warehouse.join(STORE_FILE)
    }

    /// Opens the store of `warehouse`; `create` makes the directory and the file (with
    /// the `default` database) when missing, otherwise a missing store is `None`.
    pub fn open(warehouse: &Path, create: bool) -> Result<Option<MetaStore>> {
        let path = Self::path(warehouse);
        if !path.exists() && !create {
            return Ok(None);
        }
        std::fs::create_dir_all(warehouse)?;
        let connection = Connection::open(&path).map_err(store_error)?;
        connection.busy_timeout(std::time::Duration::from_secs(5)).map_err(store_error)?;
        connection
            .execute_batch(
                "CREATE TABLE IF NOT EXISTS databases (
                    name TEXT PRIMARY KEY,
                    description TEXT NOT NULL,
                    location TEXT NOT NULL,
                    properties TEXT NOT NULL);
                 CREATE TABLE IF NOT EXISTS tables (
                    database TEXT NOT NULL,
                    name TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    provider TEXT NOT NULL,
                    location TEXT NOT NULL,
                    schema_json TEXT NOT NULL,
                    partition_columns TEXT NOT NULL,
                    properties TEXT NOT NULL,
                    options TEXT NOT NULL,
                    description TEXT,
                    view_text TEXT,
                    created INTEGER NOT NULL,
                    PRIMARY KEY (database, name));",
            )
            .map_err(store_error)?;
        let store = MetaStore { connection };
        if store.database("default")?.is_none() {
            let location = format!("file:{}", super::super::io_read::absolute(warehouse).display());
            store.create_database(&DatabaseEntry { name: "default".into(), description: "default database".into(), location, properties: BTreeMap::new() })?;
        }
        Ok(Some(store))
    }

    pub fn databases(&self) -> Result<Vec<DatabaseEntry>> {
        let mut statement = self.connection.prepare("SELECT name, description, location, properties FROM databases ORDER BY name").map_err(store_error)?;
        let rows = statement
            .query_map([], |row| Ok(DatabaseEntry { name: row.get(0)?, description: row.get(1)?, location: row.get(2)?, properties: from_json(&row.get::<_, String>(3)?) }))
            .map_err(store_error)?;
        rows.collect::<std::result::Result<Vec<_>, _>>().map_err(store_error)
    }

    pub fn database(&self, name: &str) -> Result<Option<DatabaseEntry>> {
        Ok(self.databases()?.into_iter().find(|d| d.name.eq_ignore_ascii_case(name)))
    }

    pub fn create_database(&self, entry: &DatabaseEntry) -> Result<()> {
        self.connection
            .execute(
                "INSERT INTO databases (name, description, location, properties) VALUES (?1, ?2, ?3, ?4)",
                params![entry.name.to_lowercase(), entry.description, entry.location, to_json(&entry.properties)],
            )
            .map_err(store_error)?;
        Ok(())
    }

    /// Removes a database and the entries of its tables.
    pub fn drop_database(&self, name: &str) -> Result<()> {
        let name = name.to_lowercase();
        self.connection.execute("DELETE FROM tables WHERE database = ?1", params![name]).map_err(store_error)?;
        self.connection.execute("DELETE FROM databases WHERE name = ?1", params![name]).map_err(store_error)?;
        Ok(())
    }

    fn table_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<TableEntry> {
        Ok(TableEntry {
            database: row.get(0)?,
            name: row.get(1)?,
            kind: TableKind::parse(&row.get::<_, String>(2)?),
            provider: row.get(3)?,
            location: row.get(4)?,
            schema_json: row.get(5)?,
            partition_columns: from_json(&row.get::<_, String>(6)?),
            properties: from_json(&row.get::<_, String>(7)?),
            options: from_json(&row.get::<_, String>(8)?),
            description: row.get(9)?,
            view_text: row.get(10)?,
            created: row.get(11)?,
        })
    }

    const TABLE_COLUMNS: &'static str = "database, name, kind, provider, location, schema_json, partition_columns, properties, options, description, view_text, created";

    /// The tables and views of a database, by name.
    pub fn tables(&self, database: &str) -> Result<Vec<TableEntry>> {
        let query = format!("SELECT {} FROM tables WHERE database = ?1 ORDER BY name", Self::TABLE_COLUMNS);
        let mut statement = self.connection.prepare(&query).map_err(store_error)?;
        let rows = statement.query_map(params![database.to_lowercase()], Self::table_from_row).map_err(store_error)?;
        rows.collect::<std::result::Result<Vec<_>, _>>().map_err(store_error)
    }

    pub fn table(&self, database: &str, name: &str) -> Result<Option<TableEntry>> {
        let query = format!("SELECT {} FROM tables WHERE database = ?1 AND name = ?2", Self::TABLE_COLUMNS);
        self.connection
            .query_row(&query, params![database.to_lowercase(), name.to_lowercase()], Self::table_from_row)
            .optional()
            .map_err(store_error)
    }

    /// Adds a table, or replaces the entry of the same name (`replace`).
    pub fn put_table(&self, entry: &TableEntry, replace: bool) -> Result<()> {
        let verb = if replace { "INSERT OR REPLACE" } else { "INSERT" };
        let query = format!("{verb} INTO tables ({}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)", Self::TABLE_COLUMNS);
        self.connection
            .execute(
                &query,
                params![
                    entry.database.to_lowercase(),
                    entry.name.to_lowercase(),
                    entry.kind.name(),
                    entry.provider,
                    entry.location,
                    entry.schema_json,
                    serde_json::to_string(&entry.partition_columns).unwrap_or_else(|_| "[]".into()),
                    to_json(&entry.properties),
                    to_json(&entry.options),
                    entry.description,
                    entry.view_text,
                    entry.created,
                ],
            )
            .map_err(store_error)?;
        Ok(())
    }

    pub fn drop_table(&self, database: &str, name: &str) -> Result<()> {
        self.connection
            .execute("DELETE FROM tables WHERE database = ?1 AND name = ?2", params![database.to_lowercase(), name.to_lowercase()])
            .map_err(store_error)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_survive_reopening_the_store() {
        let directory = std::env::temp_dir().join(format!("ember-store-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&directory);
        assert!(MetaStore::open(&directory, false).unwrap().is_none());
        let store = MetaStore::open(&directory, true).unwrap().unwrap();
        let entry = TableEntry {
            database: "default".into(),
            name: "T1".into(),
            kind: TableKind::Managed,
            provider: "parquet".into(),
            location: "/x/t1".into(),
            schema_json: "{}".into(),
            partition_columns: vec!["p".into()],
            properties: BTreeMap::from([("k".to_string(), "v".to_string())]),
            options: BTreeMap::new(),
            description: None,
            view_text: None,
            created: 1,
        };
        store.put_table(&entry, false).unwrap();
        assert!(store.put_table(&entry, false).is_err());
        drop(store);
        let store = MetaStore::open(&directory, false).unwrap().unwrap();
        let read = store.table("DEFAULT", "t1").unwrap().unwrap();
        assert_eq!(read.name, "t1");
        assert_eq!(read.partition_columns, vec!["p".to_string()]);
        assert_eq!(read.properties.get("k").map(String::as_str), Some("v"));
        assert_eq!(store.databases().unwrap().len(), 1);
        store.drop_database("default").unwrap();
        assert!(store.table("default", "t1").unwrap().is_none());
        let _ = std::fs::remove_dir_all(&directory);
    }
}
