//! Spark SQL commands that `spark.sql` runs at once rather than plans as a query, as
//! Spark's `CommandResult` does: the catalog's commands (`catalog::statements`: databases,
//! tables, views, inserts, SHOW, DESCRIBE, ALTER, cache) and `CREATE [OR REPLACE]
//! TEMPORARY VIEW name [(columns)] AS query`. A command that shows something (SHOW,
//! DESCRIBE) gives its rows.
use std::collections::BTreeMap;
use std::sync::Arc;

use datafusion::arrow::array::{ArrayRef, BooleanArray, StringArray};
use datafusion::arrow::datatypes::{DataType, Field, Schema, SchemaRef};
use datafusion::arrow::record_batch::RecordBatch;
use datafusion::logical_expr::{col, LogicalPlan, LogicalPlanBuilder};
use datafusion::sql::parser::Statement as DataFusionStatement;
use datafusion::sql::sqlparser::ast::Statement;

use super::catalog::statements::{self, matches_pattern, Statement as Command};
use super::catalog::tables::{entry_schema, CreateMode, CreateTable, NamedRelation};
use super::catalog::{not_found, store::TableKind};
use super::error::{EngineError, Result};
use super::{sql, types, LocalSession};

/// What a SQL text was.
pub enum Outcome {
    /// A query, for the query planner.
    Query,
    /// A command that ran and shows nothing.
    Done,
    /// A command that ran and shows these rows.
    Rows(SchemaRef, Vec<RecordBatch>),
}

/// Runs `query` when it is a command this module knows; `Outcome::Query` leaves it to the
/// query planner (`sql::plan_sql`).
pub async fn run(session: &LocalSession, query: &str, job_id: usize) -> Result<Outcome> {
    // Only a statement that starts with a command's word can be one: other text is
    // parsed once, by the query planner, not here as well.
    if !starts_with_command(query) {
        return Ok(Outcome::Query);
    }
    if let Some(command) = statements::parse(query) {
        return run_catalog_command(session, command, job_id).await;
    }
    let DataFusionStatement::Statement(statement) = sql::parse_sql(session, query)? else { return Ok(Outcome::Query) };
    match *statement {
        Statement::CreateView(view) if view.temporary => {
            let name = object_name(&view.name);
            let inner = DataFusionStatement::Statement(Box::new(Statement::Query(view.query)));
            let plan = sql::plan_statement(session, inner, query).await?;
            let columns: Vec<String> = view.columns.iter().map(|c| c.name.value.clone()).collect();
            let plan = renamed(plan, &name, &columns)?;
            session.register_temp_view(&name, plan, view.or_replace)?;
            Ok(Outcome::Done)
        }
        _ => Ok(Outcome::Query),
    }
}

/// A table of text columns (SHOW and DESCRIBE output); `nullable` marks the columns
/// Spark declares nullable.
fn text_rows(columns: &[(&str, bool)], rows: Vec<Vec<Option<String>>>) -> Result<Outcome> {
    let schema = Arc::new(Schema::new(columns.iter().map(|(name, nullable)| Field::new(*name, DataType::Utf8, *nullable)).collect::<Vec<_>>()));
    let arrays: Vec<ArrayRef> = (0..columns.len()).map(|i| Arc::new(StringArray::from(rows.iter().map(|r| r[i].clone()).collect::<Vec<_>>())) as ArrayRef).collect();
    let batch = RecordBatch::try_new(schema.clone(), arrays).map_err(datafusion::error::DataFusionError::from)?;
    Ok(Outcome::Rows(schema, vec![batch]))
}

/// A declared column list (`a INT, b STRING`) as an Arrow schema.
pub fn columns_schema(ddl: &str) -> Result<Schema> {
    let json = crate::spark::ddl::parse_schema_or_type(ddl)?;
    types::arrow_schema_from_json(&json)
}

async fn run_catalog_command(session: &LocalSession, command: Command, job_id: usize) -> Result<Outcome> {
    match command {
        Command::CreateDatabase { name, if_not_exists, comment, location, properties } => {
            session.create_database(&name, if_not_exists, comment, location, properties)?;
        }
        Command::DropDatabase { name, if_exists, cascade } => session.drop_database(&name.replace('`', ""), if_exists, cascade)?,
        Command::Use { name } => session.set_current_database(&name)?,
        Command::CreateTable { name, columns, provider, options, partition_by, location, comment, properties, query, or_replace, if_not_exists } => {
            let schema = match &columns {
                Some(ddl) => Some(columns_schema(ddl)?),
                None => None,
            };
            let query = match &query {
                Some(text) => Some(sql::plan_sql(session, text).await?),
                None => None,
            };
            let mode = if or_replace {
                CreateMode::Replace
            } else if if_not_exists {
                CreateMode::IgnoreIfExists
            } else {
                CreateMode::ErrorIfExists
            };
            let request = CreateTable { name, schema, provider, options, partition_by, location, comment, properties, query, mode };
            session.create_table(request, job_id).await?;
        }
        Command::CreateView { name, query, or_replace, if_not_exists, comment, global } => {
            if global {
                let plan = sql::plan_sql(session, &query).await?;
                session.catalog.register_global_view(&name.replace('`', ""), plan, or_replace)?;
            } else {
                session.create_view(&name, &query, or_replace, if_not_exists, comment).await?;
            }
        }
        Command::DropTable { name, if_exists, view } => session.drop_relation(&name, if_exists, view)?,
        Command::Insert { name, overwrite, partitions, query } => {
            let plan = sql::plan_sql(session, &query).await?;
            let static_values: Vec<(String, String)> = partitions.iter().filter_map(|(k, v)| v.clone().map(|v| (k.clone(), v))).collect();
            session.insert_into(&name, plan, overwrite, &static_values, false, job_id).await?;
        }
        Command::ShowDatabases { pattern } => {
            let rows = session
                .databases()?
                .into_iter()
                .filter(|d| pattern.as_deref().is_none_or(|p| matches_pattern(&d.name, p)))
                .map(|d| vec![Some(d.name)])
                .collect();
            return text_rows(&[("namespace", false)], rows);
        }
        Command::ShowTables { database, pattern } => {
            let database = match database {
                Some(database) => database.to_lowercase(),
                None => session.current_database()?,
            };
            let tables = session.list_tables(&database)?;
            let schema = Arc::new(Schema::new(vec![
                Field::new("namespace", DataType::Utf8, false),
                Field::new("tableName", DataType::Utf8, false),
                Field::new("isTemporary", DataType::Boolean, false),
            ]));
            let tables: Vec<_> = tables.into_iter().filter(|t| pattern.as_deref().is_none_or(|p| matches_pattern(&t.0, p))).collect();
            let namespaces: Vec<String> = tables.iter().map(|t| t.1.clone().unwrap_or_default()).collect();
            let names: Vec<String> = tables.iter().map(|t| t.0.clone()).collect();
            let temporary: Vec<bool> = tables.iter().map(|t| t.4).collect();
            let batch = RecordBatch::try_new(
                schema.clone(),
                vec![Arc::new(StringArray::from(namespaces)), Arc::new(StringArray::from(names)), Arc::new(BooleanArray::from(temporary))],
            )
            .map_err(datafusion::error::DataFusionError::from)?;
            return Ok(Outcome::Rows(schema, vec![batch]));
        }
        Command::ShowColumns { table, database } => {
            let name = match database {
                Some(database) => format!("{database}.{table}"),
                None => table,
            };
            let plan = session.lookup_relation(&name).await?.ok_or_else(|| not_found(&name))?;
            let rows = plan.schema().fields().iter().map(|f| vec![Some(f.name().clone())]).collect();
            return text_rows(&[("col_name", false)], rows);
        }
        Command::Describe { name, extended } => return describe(session, &name, extended).await,
        Command::ShowCreateTable { name } => {
            let (identifier, entry) = session.existing_table(&name)?;
            return text_rows(&[("createtab_stmt", false)], vec![vec![Some(create_statement(&identifier.quoted(), &entry)?)]]);
        }
        Command::ShowPartitions { name } => {
            let rows = session.list_partitions(&name)?.into_iter().map(|p| vec![Some(p)]).collect();
            return text_rows(&[("partition", false)], rows);
        }
        Command::ShowTableProperties { name } => {
            let (_, entry) = session.existing_table(&name)?;
            let rows = entry.properties.into_iter().map(|(k, v)| vec![Some(k), Some(v)]).collect();
            return text_rows(&[("key", false), ("value", false)], rows);
        }
        Command::RenameTable { from, to } => match session.named_relation(&from)? {
            NamedRelation::TempView(view, plan) => {
                session.register_temp_view(&to.replace('`', ""), plan, false)?;
                session.drop_temp_view(&view)?;
            }
            _ => session.rename_table(&from, &to)?,
        },
        Command::AddColumns { name, columns } => session.add_columns(&name, &columns_schema(&columns)?)?,
        Command::SetTableProperties { name, properties } => session.set_table_properties(&name, properties)?,
        Command::CacheTable { name, lazy, query, storage_level } => {
            if let Some(query) = query {
                let plan = sql::plan_sql(session, &query).await?;
                session.register_temp_view(&name.replace('`', ""), plan, false)?;
            }
            session.cache_table(&name, storage_level.as_deref().unwrap_or("MEMORY_AND_DISK"), !lazy).await?;
        }
        Command::UncacheTable { name, if_exists } => match session.cache_key_of(&name)? {
            Some(key) => {
                session.catalog.cache.unregister_table(&key)?;
            }
            None if if_exists => {}
            None => return Err(not_found(&name)),
        },
        Command::ClearCache => session.catalog.cache.clear()?,
        Command::TruncateTable { name } => session.truncate_table(&name)?,
        Command::AnalyzeTable { name, no_scan } => session.analyze_table(&name, no_scan, job_id).await?,
        Command::RefreshTable { name } => {
            if let Some(key) = session.cache_key_of(&name)? {
                session.catalog.cache.invalidate_table(&key)?;
            }
        }
        Command::RecoverPartitions { name } => {
            // Partitions are found by listing the table's directory on every read, so
            // there is nothing to record; the table must exist and be partitioned.
            session.list_partitions(&name)?;
        }
    }
    Ok(Outcome::Done)
}

/// `DESCRIBE [EXTENDED] t`: Spark's `col_name`, `data_type`, `comment` rows, then the
/// partition columns and (extended) the table's details.
async fn describe(session: &LocalSession, name: &str, extended: bool) -> Result<Outcome> {
    // A table's columns come from its catalog entry, without planning a read.
    let (schema, entry) = match session.named_relation(name)? {
        NamedRelation::TempView(_, plan) => (super::spark_schema(&plan), None),
        NamedRelation::GlobalView(_) => (super::spark_schema(&session.lookup_relation(name).await?.ok_or_else(|| not_found(name))?), None),
        NamedRelation::Table(_) => {
            let (identifier, entry) = session.existing_table(name)?;
            (Arc::new(entry_schema(&entry)?), Some((identifier, entry)))
        }
    };
    let type_text = |f: &Field| crate::spark::type_text::spark_simple_string(f.data_type());
    let mut rows: Vec<Vec<Option<String>>> = Vec::new();
    for field in schema.fields() {
        rows.push(vec![Some(field.name().clone()), Some(type_text(field)), None]);
    }
    if let Some((identifier, entry)) = &entry {
        if !entry.partition_columns.is_empty() {
            rows.push(vec![Some("# Partition Information".into()), Some(String::new()), Some(String::new())]);
            rows.push(vec![Some("# col_name".into()), Some("data_type".into()), Some("comment".into())]);
            for column in &entry.partition_columns {
                if let Some(field) = schema.fields().iter().find(|f| f.name() == column) {
                    rows.push(vec![Some(field.name().clone()), Some(type_text(field)), None]);
                }
            }
        }
        if extended {
            rows.push(vec![Some(String::new()), Some(String::new()), Some(String::new())]);
            rows.push(vec![Some("# Detailed Table Information".into()), Some(String::new()), Some(String::new())]);
            let mut details: Vec<(&str, String)> = vec![("Catalog", super::catalog::SPARK_CATALOG.into()), ("Database", identifier.database.clone()), ("Table", identifier.table.clone())];
            if let Some(description) = &entry.description {
                details.push(("Comment", description.clone()));
            }
            details.push(("Type", entry.kind.name().into()));
            if entry.kind == TableKind::View {
                details.push(("View Text", entry.view_text.clone().unwrap_or_default()));
            } else {
                details.push(("Provider", entry.provider.clone()));
                if let Some(statistics) = statistics_text(&entry.properties) {
                    details.push(("Statistics", statistics));
                }
                details.push(("Location", format!("file:{}", entry.location)));
                if !entry.partition_columns.is_empty() {
                    details.push(("Partition Provider", "Catalog".into()));
                }
            }
            let visible: Vec<String> = entry.properties.iter().filter(|(k, _)| !k.starts_with(STATISTICS_PREFIX)).map(|(k, v)| format!("{k}={v}")).collect();
            if !visible.is_empty() {
                details.push(("Table Properties", format!("[{}]", visible.join(", "))));
            }
            for (key, value) in details {
                rows.push(vec![Some(key.into()), Some(value), Some(String::new())]);
            }
        }
    }
    text_rows(&[("col_name", false), ("data_type", false), ("comment", true)], rows)
}

/// Where `ANALYZE TABLE` keeps a table's statistics among its properties.
pub const STATISTICS_PREFIX: &str = "spark.sql.statistics.";

/// Spark's `Statistics` line: `N bytes[, M rows]`.
fn statistics_text(properties: &BTreeMap<String, String>) -> Option<String> {
    let bytes = properties.get(&format!("{STATISTICS_PREFIX}totalSize"))?;
    Some(match properties.get(&format!("{STATISTICS_PREFIX}numRows")) {
        Some(rows) => format!("{bytes} bytes, {rows} rows"),
        None => format!("{bytes} bytes"),
    })
}

/// Spark's `SHOW CREATE TABLE` text of a data source table or view.
pub fn create_statement(quoted_name: &str, entry: &super::catalog::store::TableEntry) -> Result<String> {
    let schema = entry_schema(entry)?;
    let columns: Vec<String> = schema
        .fields()
        .iter()
        .map(|f| format!("  {} {}{}", f.name(), crate::spark::type_text::spark_simple_string(f.data_type()).to_uppercase(), if f.is_nullable() { "" } else { " NOT NULL" }))
        .collect();
    if entry.kind == TableKind::View {
        return Ok(format!("CREATE VIEW {quoted_name} (
{})
AS {}
", schema.fields().iter().map(|f| format!("  {}", f.name())).collect::<Vec<_>>().join(",
"), entry.view_text.clone().unwrap_or_default()));
    }
    let mut text = format!("CREATE TABLE {quoted_name} (
{})
USING {}
", columns.join(",
"), entry.provider);
    if !entry.options.is_empty() {
        let options: Vec<String> = entry.options.iter().map(|(k, v)| format!("  '{k}' = '{v}'")).collect();
        text.push_str(&format!("OPTIONS (
{})
", options.join(",
")));
    }
    if !entry.partition_columns.is_empty() {
        text.push_str(&format!("PARTITIONED BY ({})
", entry.partition_columns.join(", ")));
    }
    if let Some(comment) = &entry.description {
        text.push_str(&format!("COMMENT '{comment}'
"));
    }
    if entry.kind == TableKind::External {
        text.push_str(&format!("LOCATION 'file:{}'
", entry.location));
    }
    let visible: Vec<String> = entry.properties.iter().filter(|(k, _)| !k.starts_with(STATISTICS_PREFIX)).map(|(k, v)| format!("  '{k}' = '{v}'")).collect();
    if !visible.is_empty() {
        text.push_str(&format!("TBLPROPERTIES (
{})
", visible.join(",
")));
    }
    Ok(text)
}

/// The first words of the commands this module runs.
const COMMAND_WORDS: [&str; 15] = ["create", "drop", "use", "insert", "show", "describe", "desc", "alter", "msck", "cache", "uncache", "clear", "truncate", "analyze", "refresh"];

/// Whether the first word of `query`, after blanks and `--` comments, is a command's.
fn starts_with_command(query: &str) -> bool {
    let mut rest = query.trim_start();
    while let Some(comment) = rest.strip_prefix("--") {
        rest = comment.split_once('\n').map_or("", |(_, after)| after).trim_start();
    }
    let word: String = rest.chars().take_while(char::is_ascii_alphabetic).collect();
    COMMAND_WORDS.iter().any(|w| word.eq_ignore_ascii_case(w))
}

fn object_name(name: &datafusion::sql::sqlparser::ast::ObjectName) -> String {
    name.0.iter().map(|part| part.to_string().trim_matches('`').to_string()).collect::<Vec<_>>().join(".")
}

/// The view's plan with its declared column names (Spark's `CREATE VIEW v (a, b)`), which
/// must match the query's columns in number (`CREATE_VIEW_COLUMN_ARITY_MISMATCH`).
fn renamed(plan: LogicalPlan, view: &str, columns: &[String]) -> Result<LogicalPlan> {
    if columns.is_empty() {
        return Ok(plan);
    }
    let fields = plan.schema().columns();
    if fields.len() != columns.len() {
        let (condition, message) = if columns.len() < fields.len() {
            ("CREATE_VIEW_COLUMN_ARITY_MISMATCH.TOO_MANY_DATA_COLUMNS", "too many data columns")
        } else {
            ("CREATE_VIEW_COLUMN_ARITY_MISMATCH.NOT_ENOUGH_DATA_COLUMNS", "not enough data columns")
        };
        let names = |list: Vec<String>| list.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ");
        return Err(EngineError::analysis(
            condition,
            format!(
                "Cannot create view `{view}`, the reason is {message}:\nView columns: {}.\nData columns: {}.",
                names(columns.to_vec()),
                names(fields.iter().map(|f| f.name.clone()).collect())
            ),
            &[("viewName", format!("`{view}`"))],
        ));
    }
    let expressions = fields.into_iter().zip(columns).map(|(field, name)| col(field).alias(name));
    Ok(LogicalPlanBuilder::from(plan).project(expressions)?.build()?)
}
