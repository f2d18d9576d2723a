//! The catalog's operations on a session: name resolution (temporary view, global
//! temporary view, then table, as Spark's `SessionCatalog.lookupRelation`), databases,
//! and creating, writing, altering and dropping tables and views. Table data is written with
//! `io_write` and read with `io_read`, as `DataFrameWriter.save` and `spark.read` do.
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use datafusion::arrow::datatypes::{Field, Schema, SchemaRef};
use datafusion::common::DFSchema;
use datafusion::datasource::provider_as_source;
use datafusion::logical_expr::{cast, col, lit, EmptyRelation, Expr, LogicalPlan, LogicalPlanBuilder};

use super::store::{DatabaseEntry, TableEntry, TableKind};
use super::{name_parts, not_found, quoted, schema_not_found, GLOBAL_TEMP, SPARK_CATALOG};
use crate::engine::local::error::{EngineError, Result};
use crate::engine::local::{io_read, io_write, spark_schema, types, LocalSession};
use crate::plan::Relation;

/// What `CREATE TABLE` does when the table exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CreateMode {
    /// `TABLE_OR_VIEW_ALREADY_EXISTS`.
    ErrorIfExists,
    /// `IF NOT EXISTS`, `saveAsTable(mode="ignore")`.
    IgnoreIfExists,
    /// `CREATE OR REPLACE`, `saveAsTable(mode="overwrite")`.
    Replace,
}

/// `CREATE TABLE`, `saveAsTable`, `Catalog.createTable` and `writeTo(...).create()`.
#[derive(Debug, Clone)]
pub struct CreateTable {
    pub name: String,
    /// The declared columns; a query's columns when absent.
    pub schema: Option<Schema>,
    /// The data source, `parquet` by default (`spark.sql.sources.default`).
    pub provider: Option<String>,
    pub options: BTreeMap<String, String>,
    pub partition_by: Vec<String>,
    /// An external table's directory.
    pub location: Option<String>,
    pub comment: Option<String>,
    pub properties: BTreeMap<String, String>,
    /// `AS SELECT ...`: the rows the table starts with.
    pub query: Option<LogicalPlan>,
    pub mode: CreateMode,
}

/// A table's name resolved against the session: the database and the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableIdentifier {
    pub database: String,
    pub table: String,
}

impl TableIdentifier {
    /// Spark's quoted qualified name, `` `spark_catalog`.`default`.`t` ``.
    pub fn quoted(&self) -> String {
        quoted(&[SPARK_CATALOG, &self.database, &self.table])
    }

    /// The key a cached table is known by.
    pub fn cache_key(&self) -> String {
        format!("{SPARK_CATALOG}.{}.{}", self.database, self.table)
    }
}

/// What a name refers to, in Spark's lookup order (`SessionCatalog.lookupRelation`).
pub enum NamedRelation {
    /// A temporary view of this session: its name and plan.
    TempView(String, LogicalPlan),
    /// `global_temp.v`: the view's name (the view may not exist).
    GlobalView(String),
    /// A table or view of the catalog (which may not exist).
    Table(TableIdentifier),
}

fn now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
}

/// Spark's `TABLE_OR_VIEW_ALREADY_EXISTS`.
pub fn already_exists(identifier: &TableIdentifier) -> EngineError {
    let name = identifier.quoted();
    EngineError::analysis(
        "TABLE_OR_VIEW_ALREADY_EXISTS",
        format!("Cannot create table or view {name} because it already exists.\nChoose a different name, drop or replace the existing object, or add the IF NOT EXISTS clause to tolerate pre-existing objects."),
        &[("relationName", name.clone())],
    )
}

/// Spark's `EXPECT_TABLE_NOT_VIEW` for `operation` on a view.
fn expect_table(identifier: &TableIdentifier, entry: &TableEntry, operation: &str) -> Result<()> {
    if entry.kind != TableKind::View {
        return Ok(());
    }
    Err(EngineError::analysis(
        "EXPECT_TABLE_NOT_VIEW.NO_ALTERNATIVE",
        format!("'{operation}' expects a table. Please use ALTER VIEW instead.\n'{}' is a view.", identifier.quoted()),
        &[("operation", operation.into()), ("viewName", identifier.quoted())],
    ))
}

/// A database name with or without its catalog (`spark_catalog.db`).
pub fn database_name(name: &str) -> String {
    match name_parts(name).as_slice() {
        [catalog, database] if catalog.eq_ignore_ascii_case(SPARK_CATALOG) => database.clone(),
        _ => name.to_string(),
    }
}

/// The table's columns as an Arrow schema (partition columns last).
pub fn entry_schema(entry: &TableEntry) -> Result<Schema> {
    types::arrow_schema_from_json(&serde_json::from_str(&entry.schema_json).map_err(crate::plan::PlanError::from)?)
}

fn schema_json(schema: &Schema) -> String {
    crate::spark::type_text::spark_json_schema(schema).to_string()
}

/// The schema with `partition_by` moved last, in their order, and every column nullable
/// (Spark's data source tables: `asNullable`); `COLUMN_NOT_DEFINED_IN_TABLE` for a
/// partition column the schema lacks.
fn table_schema(schema: &Schema, partition_by: &[String], table: &TableIdentifier) -> Result<(Schema, Vec<String>)> {
    let mut data = Vec::new();
    for field in schema.fields() {
        if !partition_by.iter().any(|p| p.eq_ignore_ascii_case(field.name())) {
            data.push(field.as_ref().clone().with_nullable(true));
        }
    }
    let mut partitions = Vec::new();
    for name in partition_by {
        let field = schema.fields().iter().find(|f| f.name().eq_ignore_ascii_case(name)).ok_or_else(|| {
            EngineError::analysis(
                "COLUMN_NOT_DEFINED_IN_TABLE",
                format!(
                    "partition column `{name}` is not defined in table {}, defined table columns are: {}.",
                    table.quoted(),
                    schema.fields().iter().map(|f| format!("`{}`", f.name())).collect::<Vec<_>>().join(", ")
                ),
                &[("colType", "partition".into()), ("colName", format!("`{name}`")), ("tableName", table.quoted())],
            )
        })?;
        partitions.push(field.name().clone());
        data.push(field.as_ref().clone().with_nullable(true));
    }
    Ok((Schema::new(data), partitions))
}

impl LocalSession {
    /// `spark.catalog.currentDatabase()`.
    pub fn current_database(&self) -> Result<String> {
        Ok(self.current_database.lock().map_err(|_| EngineError::internal("session state poisoned"))?.clone())
    }

    /// `USE db`, `setCurrentDatabase`: `SCHEMA_NOT_FOUND` when it does not exist.
    pub fn set_current_database(&self, name: &str) -> Result<()> {
        let database = database_name(name);
        let entry = self.database(&database)?.ok_or_else(|| schema_not_found(&database.to_lowercase()))?;
        *self.current_database.lock().map_err(|_| EngineError::internal("session state poisoned"))? = entry.name;
        Ok(())
    }

    /// A database by name; `default` exists before the store does.
    pub fn database(&self, name: &str) -> Result<Option<DatabaseEntry>> {
        let found = self.catalog.with_store(false, |store| match store {
            Some(store) => store.database(name),
            None => Ok(None),
        })?;
        if found.is_none() && name.eq_ignore_ascii_case("default") {
            let location = format!("file:{}", self.catalog.warehouse()?.display());
            return Ok(Some(DatabaseEntry { name: "default".into(), description: "default database".into(), location, properties: BTreeMap::new() }));
        }
        Ok(found)
    }

    /// Every database, by name.
    pub fn databases(&self) -> Result<Vec<DatabaseEntry>> {
        let mut databases = self.catalog.with_store(false, |store| match store {
            Some(store) => store.databases(),
            None => Ok(Vec::new()),
        })?;
        if !databases.iter().any(|d| d.name == "default") {
            if let Some(default) = self.database("default")? {
                databases.insert(0, default);
            }
        }
        Ok(databases)
    }

    /// `CREATE DATABASE`: `SCHEMA_ALREADY_EXISTS` unless `if_not_exists`.
    pub fn create_database(&self, name: &str, if_not_exists: bool, comment: Option<String>, location: Option<String>, properties: BTreeMap<String, String>) -> Result<()> {
        let name = name.to_lowercase();
        if self.database(&name)?.is_some() {
            if if_not_exists {
                return Ok(());
            }
            let quoted_name = quoted(&[&name]);
            return Err(EngineError::analysis(
                "SCHEMA_ALREADY_EXISTS",
                format!("Cannot create schema {quoted_name} because it already exists.\nChoose a different name, drop the existing schema, or add the IF NOT EXISTS clause to tolerate pre-existing schema."),
                &[("schemaName", quoted_name.clone())],
            ));
        }
        let directory = match &location {
            Some(path) => io_read::absolute(Path::new(path.strip_prefix("file:").unwrap_or(path))),
            None => self.catalog.warehouse()?.join(format!("{name}.db")),
        };
        std::fs::create_dir_all(&directory)?;
        let entry = DatabaseEntry { name, description: comment.unwrap_or_default(), location: format!("file:{}", directory.display()), properties };
        self.catalog.with_store_created(|store| store.create_database(&entry))
    }

    /// `DROP DATABASE`: `SCHEMA_NOT_FOUND` unless `if_exists`, `SCHEMA_NOT_EMPTY` for a
    /// database with tables unless `cascade`; the current database and `default` cannot go.
    pub fn drop_database(&self, name: &str, if_exists: bool, cascade: bool) -> Result<()> {
        let name = name.to_lowercase();
        let Some(entry) = self.database(&name)? else {
            return if if_exists { Ok(()) } else { Err(schema_not_found(&name)) };
        };
        if name == "default" {
            return Err(EngineError::analysis("UNSUPPORTED_FEATURE.DROP_DATABASE", "The feature is not supported: Drop the default database.", &[]));
        }
        let tables = self.catalog.with_store_created(|store| store.tables(&name))?;
        if !tables.is_empty() && !cascade {
            let quoted_name = quoted(&[&name]);
            return Err(EngineError::analysis(
                "SCHEMA_NOT_EMPTY",
                format!("Cannot drop a schema {quoted_name} because it contains objects.\nUse DROP SCHEMA ... CASCADE to drop the schema and all its objects."),
                &[("schemaName", quoted_name.clone())],
            ));
        }
        for table in &tables {
            self.remove_table_data(table)?;
        }
        self.catalog.with_store_created(|store| store.drop_database(&name))?;
        let directory = PathBuf::from(entry.location.strip_prefix("file:").unwrap_or(&entry.location));
        if directory.exists() {
            std::fs::remove_dir_all(directory)?;
        }
        if self.current_database()? == name {
            *self.current_database.lock().map_err(|_| EngineError::internal("session state poisoned"))? = "default".into();
        }
        Ok(())
    }

    /// A table name resolved to its database (the current one when unqualified):
    /// `REQUIRES_SINGLE_PART_NAMESPACE` for a name of more than three parts or of another
    /// catalog.
    pub fn table_identifier(&self, name: &str) -> Result<TableIdentifier> {
        let parts: Vec<String> = name_parts(name);
        let lower = |s: &String| s.to_lowercase();
        match parts.as_slice() {
            [table] => Ok(TableIdentifier { database: self.current_database()?, table: lower(table) }),
            [database, table] => Ok(TableIdentifier { database: lower(database), table: lower(table) }),
            [catalog, database, table] if catalog.eq_ignore_ascii_case(SPARK_CATALOG) => Ok(TableIdentifier { database: lower(database), table: lower(table) }),
            _ => Err(EngineError::analysis(
                "REQUIRES_SINGLE_PART_NAMESPACE",
                format!("{SPARK_CATALOG} requires a single-part namespace, but got {}.", quoted(&parts.iter().map(String::as_str).collect::<Vec<_>>())),
                &[("sessionCatalog", SPARK_CATALOG.into()), ("namespace", name.to_string())],
            )),
        }
    }

    /// A table's catalog entry.
    pub fn table_entry(&self, identifier: &TableIdentifier) -> Result<Option<TableEntry>> {
        self.catalog.with_store(false, |store| match store {
            Some(store) => store.table(&identifier.database, &identifier.table),
            None => Ok(None),
        })
    }

    /// A table's entry, or `TABLE_OR_VIEW_NOT_FOUND` under the name as given.
    pub fn existing_table(&self, name: &str) -> Result<(TableIdentifier, TableEntry)> {
        let identifier = self.table_identifier(name)?;
        let entry = self.table_entry(&identifier)?.ok_or_else(|| not_found(name))?;
        Ok((identifier, entry))
    }

    /// What `name` refers to: a temporary view, a global temporary view or a catalog
    /// table; `REQUIRES_SINGLE_PART_NAMESPACE` for a name no table can have.
    pub fn named_relation(&self, name: &str) -> Result<NamedRelation> {
        let parts = name_parts(name);
        if let [single] = parts.as_slice() {
            if let Some(plan) = self.temp_view(single)? {
                return Ok(NamedRelation::TempView(single.clone(), plan));
            }
        }
        if let [database, view] = parts.as_slice() {
            if database.eq_ignore_ascii_case(GLOBAL_TEMP) {
                return Ok(NamedRelation::GlobalView(view.clone()));
            }
        }
        Ok(NamedRelation::Table(self.table_identifier(name)?))
    }

    /// What a name in a query reads (Spark's `lookupRelation`): a temporary view, a global
    /// temporary view (`global_temp.v`), or a table or view of the catalog, read from its
    /// cache when cached; `None` when nothing has the name.
    pub async fn lookup_relation(&self, name: &str) -> Result<Option<LogicalPlan>> {
        let Ok(named) = self.named_relation(name) else { return Ok(None) };
        match named {
            NamedRelation::TempView(view, plan) => Ok(Some(self.cached_or(&view.to_lowercase(), plan).await?)),
            NamedRelation::GlobalView(view) => self.catalog.global_view(&view),
            NamedRelation::Table(identifier) => match self.table_entry(&identifier)? {
                Some(entry) => Ok(Some(self.table_plan(&identifier, &entry).await?)),
                None => Ok(None),
            },
        }
    }

    /// Whether a name reads something (`Catalog.tableExists`), without planning it.
    pub fn lookup_exists(&self, name: &str) -> Result<bool> {
        let Ok(named) = self.named_relation(name) else { return Ok(false) };
        match named {
            NamedRelation::TempView(..) => Ok(true),
            NamedRelation::GlobalView(view) => Ok(self.catalog.global_view(&view)?.is_some()),
            NamedRelation::Table(identifier) => Ok(self.table_entry(&identifier)?.is_some()),
        }
    }

    /// `DROP TABLE` (`view` false) and `DROP VIEW` of any name: a temporary view (which
    /// Spark's DROP TABLE drops too), a global temporary view, or a catalog entry.
    pub fn drop_relation(&self, name: &str, if_exists: bool, view: bool) -> Result<()> {
        match self.named_relation(name)? {
            NamedRelation::TempView(temporary, _) => {
                self.drop_temp_view(&temporary)?;
            }
            NamedRelation::GlobalView(global) if view && self.catalog.drop_global_view(&global)? => {}
            _ => {
                self.drop_table(name, if_exists, view)?;
            }
        }
        Ok(())
    }

    /// `Catalog.refreshByPath`: the cached tables whose files are under `path` read them
    /// again on next use.
    pub fn refresh_by_path(&self, path: &Path) -> Result<()> {
        for database in self.databases()? {
            let tables = self.catalog.with_store(false, |store| match store {
                Some(store) => store.tables(&database.name),
                None => Ok(Vec::new()),
            })?;
            for table in tables.iter().filter(|t| !t.location.is_empty() && Path::new(&t.location).starts_with(path)) {
                let identifier = TableIdentifier { database: table.database.clone(), table: table.name.clone() };
                self.catalog.cache.invalidate_table(&identifier.cache_key())?;
            }
        }
        Ok(())
    }

    /// The plan that reads a catalog table (its cached rows when cached) or a view.
    pub async fn table_plan(&self, identifier: &TableIdentifier, entry: &TableEntry) -> Result<LogicalPlan> {
        if entry.kind == TableKind::View {
            let text = entry.view_text.clone().unwrap_or_default();
            let plan = Box::pin(crate::engine::local::sql::plan_sql(self, &text)).await?;
            return Ok(LogicalPlanBuilder::from(plan).alias(entry.name.as_str())?.build()?);
        }
        let plan = self.table_source_plan(entry).await?;
        self.cached_or(&identifier.cache_key(), plan).await
    }

    /// The rows kept for a cached table or view `key` (computed from `plan` on first use)
    /// as a scan, or `plan` itself when the name is not cached.
    async fn cached_or(&self, key: &str, plan: LogicalPlan) -> Result<LogicalPlan> {
        if self.catalog.cache.table_storage_level(key)?.is_none() {
            return Ok(plan);
        }
        let cached = Relation::NamedTable { plan_id: 0, name: key.to_string() };
        let alias = key.rsplit('.').next().unwrap_or(key).to_string();
        let rows = match self.catalog.cache.rows(&cached)? {
            Some(rows) => rows,
            None => {
                let rows = self.collect_plan(plan, 0).await?;
                self.catalog.cache.fill(&cached, rows)?;
                self.catalog.cache.rows(&cached)?.ok_or_else(|| EngineError::internal("a filled cache has no rows"))?
            }
        };
        let table = crate::engine::local::cache::memory_table(&rows)?;
        Ok(LogicalPlanBuilder::scan(alias.as_str(), provider_as_source(Arc::new(table)), None)?.build()?)
    }

    /// The plan that reads a table's files, or no rows when it has none yet.
    async fn table_source_plan(&self, entry: &TableEntry) -> Result<LogicalPlan> {
        let schema = entry_schema(entry)?;
        let location = PathBuf::from(&entry.location);
        if !io_read::has_data_files(&location)? {
            let schema = DFSchema::try_from_qualified_schema(entry.name.as_str(), &schema)?;
            return Ok(LogicalPlan::EmptyRelation(EmptyRelation { produce_one_row: false, schema: Arc::new(schema) }));
        }
        let plan = io_read::read(self, &entry.provider, &[entry.location.clone()], &entry.options, Some(&entry.schema_json)).await?;
        // The files' columns come back in the table's order and types, matched by name;
        // the table's columns no file column is named after take the files' other columns
        // in order (the text source's `value` is the table's one string column).
        let fields = plan.schema().fields().clone();
        let named = |name: &str| fields.iter().find(|f| f.name().eq_ignore_ascii_case(name));
        let mut unnamed = fields.iter().filter(|f| !schema.fields().iter().any(|s| s.name().eq_ignore_ascii_case(f.name())));
        let mut expressions = Vec::with_capacity(schema.fields().len());
        for field in schema.fields() {
            let expression = match named(field.name()).or_else(|| unnamed.next()) {
                Some(found) if found.data_type() == field.data_type() => col(datafusion::common::Column::from_name(found.name())),
                Some(found) => cast(col(datafusion::common::Column::from_name(found.name())), field.data_type().clone()),
                None => cast(lit(datafusion::common::ScalarValue::Null), field.data_type().clone()),
            };
            expressions.push(expression.alias(field.name()));
        }
        Ok(LogicalPlanBuilder::from(plan).project(expressions)?.alias(entry.name.as_str())?.build()?)
    }

    /// The directory a managed table of `identifier` keeps its files in.
    fn managed_location(&self, identifier: &TableIdentifier) -> Result<PathBuf> {
        let database = self.database(&identifier.database)?.ok_or_else(|| schema_not_found(&identifier.database))?;
        let base = database.location.strip_prefix("file:").unwrap_or(&database.location).to_string();
        Ok(PathBuf::from(base).join(&identifier.table))
    }

    /// Creates a table, writing the query's rows when there is one.
    pub async fn create_table(&self, request: CreateTable, job_id: usize) -> Result<()> {
        let identifier = self.table_identifier(&request.name)?;
        if self.database(&identifier.database)?.is_none() {
            return Err(schema_not_found(&identifier.database));
        }
        if let Some(existing) = self.table_entry(&identifier)? {
            match request.mode {
                CreateMode::ErrorIfExists => return Err(already_exists(&identifier)),
                CreateMode::IgnoreIfExists => return Ok(()),
                CreateMode::Replace => {
                    // The rows are computed before the old table goes, so a query that
                    // reads the table it replaces still sees them.
                    let rows = match &request.query {
                        Some(plan) => Some(self.collect_plan(plan.clone(), job_id).await?),
                        None => None,
                    };
                    self.remove_table(&identifier, &existing)?;
                    return self.store_new_table(&identifier, request, rows);
                }
            }
        }
        let rows = match &request.query {
            Some(plan) => Some(self.collect_plan(plan.clone(), job_id).await?),
            None => None,
        };
        self.store_new_table(&identifier, request, rows)
    }

    fn store_new_table(&self, identifier: &TableIdentifier, request: CreateTable, rows: Option<(SchemaRef, Vec<datafusion::arrow::record_batch::RecordBatch>)>) -> Result<()> {
        let declared = match (&request.schema, &rows) {
            (Some(schema), _) => schema.clone(),
            (None, Some((schema, _))) => schema.as_ref().clone(),
            (None, None) => Schema::empty(),
        };
        let (schema, partition_columns) = table_schema(&declared, &request.partition_by, identifier)?;
        // Spark's `OPTIONS (path '...')` is the table's location.
        let location = request.location.clone().or_else(|| request.options.iter().find(|(k, _)| k.eq_ignore_ascii_case("path")).map(|(_, v)| v.clone()));
        let options: BTreeMap<String, String> = request.options.iter().filter(|(k, _)| !k.eq_ignore_ascii_case("path")).map(|(k, v)| (k.clone(), v.clone())).collect();
        let (kind, location) = match &location {
            Some(path) => (TableKind::External, io_read::absolute(Path::new(path.strip_prefix("file:").unwrap_or(path)))),
            None => {
                let location = self.managed_location(identifier)?;
                if io_read::has_data_files(&location)? {
                    return Err(EngineError::analysis(
                        "LOCATION_ALREADY_EXISTS",
                        format!("Cannot name the managed table as {}, as its associated location 'file:{}' already exists. Please pick a different table name, or remove the existing location first.", identifier.quoted(), location.display()),
                        &[("location", format!("'file:{}'", location.display())), ("identifier", identifier.quoted())],
                    ));
                }
                (TableKind::Managed, location)
            }
        };
        let provider = request.provider.clone().unwrap_or_else(|| "parquet".to_string()).to_lowercase();
        std::fs::create_dir_all(&location)?;
        if let Some((_, batches)) = &rows {
            let arranged = arrange_columns(batches, &schema)?;
            let schema = Arc::new(schema.clone());
            io_write::write_staged(&location, io_write::Publish::Merge { clear: None }, |staging| io_write::write(staging, &provider, &schema, &arranged, &options, &partition_columns))?;
        }
        let entry = TableEntry {
            database: identifier.database.clone(),
            name: identifier.table.clone(),
            kind,
            provider,
            location: location.to_string_lossy().to_string(),
            schema_json: schema_json(&schema),
            partition_columns,
            properties: request.properties,
            options,
            description: request.comment,
            view_text: None,
            created: now(),
        };
        self.catalog.with_store_created(|store| store.put_table(&entry, false))
    }

    /// `CREATE [OR REPLACE] VIEW name AS query`: a persistent view of the query's text.
    pub async fn create_view(&self, name: &str, query: &str, replace: bool, if_not_exists: bool, comment: Option<String>) -> Result<()> {
        let identifier = self.table_identifier(name)?;
        if self.database(&identifier.database)?.is_none() {
            return Err(schema_not_found(&identifier.database));
        }
        let plan = crate::engine::local::sql::plan_sql(self, query).await?;
        if let Some(existing) = self.table_entry(&identifier)? {
            if if_not_exists {
                return Ok(());
            }
            if !replace || existing.kind != TableKind::View {
                return Err(already_exists(&identifier));
            }
        }
        let entry = TableEntry {
            database: identifier.database.clone(),
            name: identifier.table.clone(),
            kind: TableKind::View,
            provider: String::new(),
            location: String::new(),
            schema_json: schema_json(&spark_schema(&plan)),
            partition_columns: Vec::new(),
            properties: BTreeMap::new(),
            options: BTreeMap::new(),
            description: comment,
            view_text: Some(query.to_string()),
            created: now(),
        };
        self.catalog.with_store_created(|store| store.put_table(&entry, true))
    }

    /// `INSERT INTO/OVERWRITE`, `insertInto`: the query's columns matched to the table's
    /// by position (or by name when `by_name`), cast to their types, after the values of a
    /// static `PARTITION (k = v)` clause; `overwrite` replaces the whole table, or only the
    /// static partition named.
    pub async fn insert_into(&self, name: &str, plan: LogicalPlan, overwrite: bool, static_partitions: &[(String, String)], by_name: bool, job_id: usize) -> Result<()> {
        let (identifier, entry) = self.existing_table(name)?;
        expect_table(&identifier, &entry, "INSERT")?;
        let schema = entry_schema(&entry)?;
        let targets: Vec<&Field> = schema.fields().iter().map(|f| f.as_ref()).filter(|f| !static_partitions.iter().any(|(k, _)| k.eq_ignore_ascii_case(f.name()))).collect();
        let sources = plan.schema().columns();
        if sources.len() != targets.len() {
            let (condition, reason) = if sources.len() < targets.len() {
                ("INSERT_COLUMN_ARITY_MISMATCH.NOT_ENOUGH_DATA_COLUMNS", "not enough data columns")
            } else {
                ("INSERT_COLUMN_ARITY_MISMATCH.TOO_MANY_DATA_COLUMNS", "too many data columns")
            };
            let list = |names: Vec<String>| names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ");
            return Err(EngineError::analysis(
                condition,
                format!(
                    "Cannot write to {}, the reason is {reason}:\nTable columns: {}.\nData columns: {}.",
                    identifier.quoted(),
                    list(targets.iter().map(|f| f.name().clone()).collect()),
                    list(sources.iter().map(|c| c.name.clone()).collect())
                ),
                &[("tableName", identifier.quoted()), ("tableColumns", list(targets.iter().map(|f| f.name().clone()).collect())), ("dataColumns", list(sources.iter().map(|c| c.name.clone()).collect()))],
            ));
        }
        let mut expressions: Vec<Expr> = Vec::with_capacity(schema.fields().len());
        for field in schema.fields() {
            let expression = match static_partitions.iter().find(|(k, _)| k.eq_ignore_ascii_case(field.name())) {
                Some((_, value)) => cast(lit(value.clone()), field.data_type().clone()),
                None => {
                    let position = targets.iter().position(|t| t.name() == field.name()).unwrap_or(0);
                    let source = if by_name {
                        sources.iter().find(|c| c.name.eq_ignore_ascii_case(field.name())).cloned().ok_or_else(|| {
                            EngineError::analysis(
                                "INCOMPATIBLE_DATA_FOR_TABLE.CANNOT_FIND_DATA",
                                format!("Cannot write incompatible data for the table {}: Cannot find data for the output column `{}`.", identifier.quoted(), field.name()),
                                &[("tableName", identifier.quoted()), ("colName", format!("`{}`", field.name()))],
                            )
                        })?
                    } else {
                        sources[position].clone()
                    };
                    cast(Expr::Column(source), field.data_type().clone())
                }
            };
            expressions.push(expression.alias(field.name()));
        }
        let plan = LogicalPlanBuilder::from(plan).project(expressions)?.build()?;
        let (_, batches) = self.collect_plan(plan, job_id).await?;
        let location = PathBuf::from(&entry.location);
        // The new rows are written aside first; an overwrite replaces the table's files
        // (or its static partition's directory) only once they are complete.
        let publish = if !overwrite {
            io_write::Publish::Merge { clear: None }
        } else if static_partitions.is_empty() || entry.partition_columns.is_empty() {
            io_write::Publish::Replace
        } else {
            let mut directory = location.clone();
            for column in &entry.partition_columns {
                match static_partitions.iter().find(|(k, _)| k.eq_ignore_ascii_case(column)) {
                    Some((_, value)) => directory = directory.join(format!("{column}={value}")),
                    None => break,
                }
            }
            io_write::Publish::Merge { clear: Some(directory) }
        };
        let arranged = arrange_columns(&batches, &schema)?;
        let schema = Arc::new(schema);
        io_write::write_staged(&location, publish, |staging| io_write::write(staging, &entry.provider, &schema, &arranged, &entry.options, &entry.partition_columns))?;
        self.catalog.cache.invalidate_table(&identifier.cache_key())?;
        Ok(())
    }

    /// `DROP TABLE` (`view` false) or `DROP VIEW` of a catalog entry: a managed table's
    /// files go with it; `WRONG_COMMAND_FOR_OBJECT_TYPE` when the kinds differ.
    pub fn drop_table(&self, name: &str, if_exists: bool, view: bool) -> Result<bool> {
        let identifier = self.table_identifier(name)?;
        let Some(entry) = self.table_entry(&identifier)? else {
            return if if_exists { Ok(false) } else { Err(not_found(name)) };
        };
        if (entry.kind == TableKind::View) != view {
            let (wrong, right, wrong_type, right_type) = if view { ("DROP VIEW", "DROP TABLE", "VIEW", "TABLE") } else { ("DROP TABLE", "DROP VIEW", "TABLE", "VIEW") };
            let kind_of = if view { "MANAGED" } else { "VIEW" };
            return Err(EngineError::analysis(
                "WRONG_COMMAND_FOR_OBJECT_TYPE",
                format!("The operation {wrong} requires a {wrong_type}. But {} is a {kind_of}. Use {right} instead.", identifier.quoted()),
                &[("operation", wrong.into()), ("requiredType", wrong_type.into()), ("objectName", identifier.quoted()), ("foundType", right_type.into()), ("alternative", right.into())],
            ));
        }
        self.remove_table(&identifier, &entry)?;
        Ok(true)
    }

    fn remove_table(&self, identifier: &TableIdentifier, entry: &TableEntry) -> Result<()> {
        self.remove_table_data(entry)?;
        self.catalog.cache.unregister_table(&identifier.cache_key())?;
        self.catalog.with_store_created(|store| store.drop_table(&identifier.database, &identifier.table))
    }

    fn remove_table_data(&self, entry: &TableEntry) -> Result<()> {
        let location = Path::new(&entry.location);
        if entry.kind == TableKind::Managed && location.exists() {
            std::fs::remove_dir_all(location)?;
        }
        Ok(())
    }

    /// `TRUNCATE TABLE`, `Catalog.truncateTable`: removes every row.
    pub fn truncate_table(&self, name: &str) -> Result<()> {
        let (identifier, entry) = self.existing_table(name)?;
        expect_table(&identifier, &entry, "TRUNCATE TABLE")?;
        clear_directory(Path::new(&entry.location))?;
        self.catalog.cache.invalidate_table(&identifier.cache_key())
    }

    /// `ALTER TABLE a RENAME TO b`: a managed table's directory moves with it.
    pub fn rename_table(&self, from: &str, to: &str) -> Result<()> {
        let (identifier, mut entry) = self.existing_table(from)?;
        let mut target = self.table_identifier(to)?;
        if name_parts(to).len() == 1 {
            target.database = identifier.database.clone();
        }
        if self.table_entry(&target)?.is_some() {
            return Err(already_exists(&target));
        }
        if entry.kind == TableKind::Managed {
            let location = self.managed_location(&target)?;
            if Path::new(&entry.location).exists() {
                std::fs::rename(&entry.location, &location)?;
            }
            entry.location = location.to_string_lossy().to_string();
        }
        entry.database = target.database.clone();
        entry.name = target.table.clone();
        self.catalog.cache.unregister_table(&identifier.cache_key())?;
        self.catalog.with_store_created(|store| {
            store.drop_table(&identifier.database, &identifier.table)?;
            store.put_table(&entry, false)
        })
    }

    /// `ALTER TABLE t ADD COLUMNS (...)`: new nullable columns after the data columns;
    /// existing files read them as NULL. `COLUMN_ALREADY_EXISTS` for a name in use.
    pub fn add_columns(&self, name: &str, columns: &Schema) -> Result<()> {
        let (identifier, mut entry) = self.existing_table(name)?;
        let schema = entry_schema(&entry)?;
        let mut data: Vec<Field> = Vec::new();
        let mut partitions: Vec<Field> = Vec::new();
        for field in schema.fields() {
            if entry.partition_columns.contains(field.name()) {
                partitions.push(field.as_ref().clone());
            } else {
                data.push(field.as_ref().clone());
            }
        }
        for field in columns.fields() {
            if schema.fields().iter().any(|f| f.name().eq_ignore_ascii_case(field.name())) {
                return Err(EngineError::analysis(
                    "COLUMN_ALREADY_EXISTS",
                    format!("The column `{}` already exists. Choose another name or rename the existing column.", field.name().to_lowercase()),
                    &[("columnName", format!("`{}`", field.name().to_lowercase()))],
                ));
            }
            data.push(field.as_ref().clone().with_nullable(true));
        }
        data.extend(partitions);
        entry.schema_json = schema_json(&Schema::new(data));
        self.catalog.cache.invalidate_table(&identifier.cache_key())?;
        self.catalog.with_store_created(|store| store.put_table(&entry, true))
    }

    /// `ANALYZE TABLE t COMPUTE STATISTICS [NOSCAN]`, `Catalog.analyzeTable`: records the
    /// table's size in bytes and (unless `no_scan`) its row count, which `DESCRIBE
    /// EXTENDED` shows as Spark's `Statistics`.
    pub async fn analyze_table(&self, name: &str, no_scan: bool, job_id: usize) -> Result<()> {
        let (_, mut entry) = self.existing_table(name)?;
        if entry.kind == TableKind::View {
            return Err(EngineError::analysis(
                "UNSUPPORTED_FEATURE.ANALYZE_VIEW",
                "The feature is not supported: The ANALYZE TABLE FOR COLUMNS command does not support views.",
                &[],
            ));
        }
        let prefix = crate::engine::local::sql_commands::STATISTICS_PREFIX;
        entry.properties.insert(format!("{prefix}totalSize"), directory_size(Path::new(&entry.location))?.to_string());
        if !no_scan {
            let plan = self.table_source_plan(&entry).await?;
            let (_, batches) = self.collect_plan(plan, job_id).await?;
            let rows: usize = batches.iter().map(|b| b.num_rows()).sum();
            entry.properties.insert(format!("{prefix}numRows"), rows.to_string());
        }
        self.catalog.with_store_created(|store| store.put_table(&entry, true))
    }

    /// `ALTER TABLE t SET TBLPROPERTIES (...)`.
    pub fn set_table_properties(&self, name: &str, properties: BTreeMap<String, String>) -> Result<()> {
        let (_, mut entry) = self.existing_table(name)?;
        entry.properties.extend(properties);
        self.catalog.with_store_created(|store| store.put_table(&entry, true))
    }

    /// The tables and views of a database, then (Spark's `listTables`) the session's
    /// temporary views; `(name, database, description, kind, temporary)`.
    pub fn list_tables(&self, database: &str) -> Result<Vec<(String, Option<String>, Option<String>, String, bool)>> {
        let database = database.to_lowercase();
        if self.database(&database)?.is_none() && database != GLOBAL_TEMP {
            return Err(schema_not_found(&database));
        }
        let mut tables: Vec<(String, Option<String>, Option<String>, String, bool)> = Vec::new();
        if database == GLOBAL_TEMP {
            for name in self.catalog.global_view_names()? {
                tables.push((name, Some(GLOBAL_TEMP.into()), None, "TEMPORARY".into(), true));
            }
        } else {
            let entries = self.catalog.with_store(false, |store| match store {
                Some(store) => store.tables(&database),
                None => Ok(Vec::new()),
            })?;
            for entry in entries {
                tables.push((entry.name, Some(entry.database), entry.description, entry.kind.name().into(), false));
            }
        }
        for name in self.temp_view_names()? {
            tables.push((name, None, None, "TEMPORARY".into(), true));
        }
        Ok(tables)
    }

    /// The partitions of a partitioned table, as Spark's `k1=v1/k2=v2` text, sorted.
    pub fn list_partitions(&self, name: &str) -> Result<Vec<String>> {
        let (identifier, entry) = self.existing_table(name)?;
        if entry.partition_columns.is_empty() {
            return Err(EngineError::analysis(
                "INVALID_PARTITION_OPERATION.PARTITION_SCHEMA_IS_EMPTY",
                format!("Invalid partition command.\nTable {} is not partitioned.", identifier.quoted()),
                &[("name", identifier.quoted())],
            ));
        }
        let mut partitions = Vec::new();
        partition_directories(Path::new(&entry.location), &entry.partition_columns, String::new(), &mut partitions)?;
        partitions.sort();
        Ok(partitions)
    }

    /// `CACHE TABLE`, `Catalog.cacheTable`: the rows of a table or temporary view are
    /// kept on first read, or at once when `eager` (SQL's `CACHE TABLE` without `LAZY`).
    pub async fn cache_table(&self, name: &str, storage_level: &str, eager: bool) -> Result<()> {
        let key = self.existing_cache_key(name)?;
        self.catalog.cache.register(&Relation::NamedTable { plan_id: 0, name: key.clone() }, storage_level, Some(key))?;
        if eager {
            self.lookup_relation(name).await?;
        }
        Ok(())
    }

    /// The cache key of a table or temporary view name, and whether the name exists.
    pub fn cache_key_of(&self, name: &str) -> Result<Option<String>> {
        match self.named_relation(name)? {
            NamedRelation::TempView(view, _) => Ok(Some(view.to_lowercase())),
            NamedRelation::GlobalView(_) => Ok(None),
            NamedRelation::Table(identifier) => Ok(self.table_entry(&identifier)?.map(|_| identifier.cache_key())),
        }
    }

    /// The cache key of a table or temporary view; `TABLE_OR_VIEW_NOT_FOUND` when nothing
    /// has the name.
    pub fn existing_cache_key(&self, name: &str) -> Result<String> {
        self.cache_key_of(name)?.ok_or_else(|| not_found(name))
    }
}

/// The batches with their columns in the order of `schema` (matched by name), as the
/// writer lays out partition columns last.
fn arrange_columns(batches: &[datafusion::arrow::record_batch::RecordBatch], schema: &Schema) -> Result<Vec<datafusion::arrow::record_batch::RecordBatch>> {
    let target = Arc::new(schema.clone());
    batches
        .iter()
        .map(|batch| {
            let mut columns = Vec::with_capacity(schema.fields().len());
            for (index, field) in schema.fields().iter().enumerate() {
                let source = batch.schema().fields().iter().position(|f| f.name().eq_ignore_ascii_case(field.name())).unwrap_or(index);
                let column = batch.column(source).clone();
                let column = if column.data_type() == field.data_type() {
                    column
                } else {
                    datafusion::arrow::compute::cast(&column, field.data_type()).map_err(datafusion::error::DataFusionError::from)?
                };
                columns.push(column);
            }
            let options = datafusion::arrow::record_batch::RecordBatchOptions::new().with_row_count(Some(batch.num_rows()));
            Ok(datafusion::arrow::record_batch::RecordBatch::try_new_with_options(target.clone(), columns, &options).map_err(datafusion::error::DataFusionError::from)?)
        })
        .collect()
}

/// The bytes of the data files under a directory.
fn directory_size(path: &Path) -> Result<u64> {
    if !path.exists() {
        return Ok(0);
    }
    let mut total = 0;
    for entry in std::fs::read_dir(path)? {
        let entry = entry?.path();
        let name = entry.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
        if name.starts_with('_') || name.starts_with('.') {
            continue;
        }
        total += if entry.is_dir() { directory_size(&entry)? } else { std::fs::metadata(&entry)?.len() };
    }
    Ok(total)
}

/// Removes a directory's contents, keeping the directory.
fn clear_directory(path: &Path) -> Result<()> {
    if !path.exists() {
        return Ok(());
    }
    for entry in std::fs::read_dir(path)? {
        let entry = entry?.path();
        if entry.is_dir() {
            std::fs::remove_dir_all(&entry)?;
        } else {
            std::fs::remove_file(&entry)?;
        }
    }
    Ok(())
}

/// The `k=v` directory paths under `path` that hold data, one level per partition column.
fn partition_directories(path: &Path, columns: &[String], prefix: String, out: &mut Vec<String>) -> Result<()> {
    let Some((column, rest)) = columns.split_first() else {
        if io_read::has_data_files(path)? {
            out.push(prefix);
        }
        return Ok(());
    };
    if !path.exists() {
        return Ok(());
    }
    for entry in std::fs::read_dir(path)? {
        let entry = entry?.path();
        let name = entry.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
        if let Some(value) = name.strip_prefix(&format!("{column}=")) {
            let next = if prefix.is_empty() { format!("{column}={value}") } else { format!("{prefix}/{column}={value}") };
            partition_directories(&entry, rest, next, out)?;
        }
    }
    Ok(())
}

/// `saveAsTable`, `insertInto` and `writeTo(...)`: Spark's rules for each. `saveAsTable`
/// appends by column name and fails, ignores or replaces an existing table by its save
/// mode; `insertInto` writes by position; `writeTo`'s `append` and `overwrite` need the
/// table and write by name, `replace` needs it (`TABLE_OR_VIEW_NOT_FOUND`), `create` must
/// not find it.
pub async fn write_table(session: &LocalSession, relation: Relation, request: crate::engine::backend::TableWriteRequest, job_id: usize) -> Result<()> {
    use crate::engine::backend::{SaveMode, TableWriteMode};
    let identifier = session.table_identifier(&request.table)?;
    let exists = session.table_entry(&identifier)?.is_some();
    session.fill_caches(&relation, job_id).await?;
    let plan = session.resolve(&relation).await?;
    let create = |mode: CreateMode| CreateTable {
        name: request.table.clone(),
        schema: None,
        provider: request.format.clone(),
        options: request.options.clone(),
        partition_by: request.partition_by.clone(),
        location: request.options.get("path").cloned(),
        comment: None,
        properties: request.properties.clone(),
        query: Some(plan.clone()),
        mode,
    };
    let missing = || not_found(&request.table);
    match request.mode {
        TableWriteMode::SaveAsTable(mode) => match (mode, exists) {
            (SaveMode::Append, true) => session.insert_into(&request.table, plan, false, &[], true, job_id).await,
            (SaveMode::Ignore, true) => Ok(()),
            (SaveMode::ErrorIfExists, true) => Err(already_exists(&identifier)),
            (SaveMode::Overwrite, true) => session.create_table(create(CreateMode::Replace), job_id).await,
            (_, false) => session.create_table(create(CreateMode::ErrorIfExists), job_id).await,
        },
        TableWriteMode::InsertInto { overwrite } => {
            if !exists && session.lookup_exists(&request.table)? {
                return Err(EngineError::analysis(
                    "UNSUPPORTED_INSERT.NOT_ALLOWED",
                    format!("Can't insert into the target. The target relation {} does not allow insertion.", quoted(&[&request.table])),
                    &[("relationId", quoted(&[&request.table]))],
                ));
            }
            session.insert_into(&request.table, plan, overwrite, &[], false, job_id).await
        }
        TableWriteMode::Create => session.create_table(create(CreateMode::ErrorIfExists), job_id).await,
        TableWriteMode::CreateOrReplace => session.create_table(create(CreateMode::Replace), job_id).await,
        TableWriteMode::Replace if !exists => Err(EngineError::analysis(
            "TABLE_OR_VIEW_NOT_FOUND",
            format!("The table or view {} cannot be found. Verify the spelling and correctness of the schema and catalog.\nIf you did not qualify the name with a schema, verify the current_schema() output, or qualify the name with the correct schema and catalog.\nTo tolerate the error on drop use DROP VIEW IF EXISTS or DROP TABLE IF EXISTS.", identifier.quoted()),
            &[("relationName", identifier.quoted())],
        )),
        TableWriteMode::Replace => session.create_table(create(CreateMode::Replace), job_id).await,
        TableWriteMode::Append | TableWriteMode::Overwrite if !exists => Err(missing()),
        TableWriteMode::Append => session.insert_into(&request.table, plan, false, &[], true, job_id).await,
        TableWriteMode::Overwrite => session.insert_into(&request.table, plan, true, &[], true, job_id).await,
    }
}
