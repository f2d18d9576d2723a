//! `spark.catalog` on the embedded engine: each of PySpark's `Catalog` methods as a named
//! operation with JSON arguments and a JSON answer, which `pyspark/sql/catalog.py` turns
//! into PySpark's `Database`, `Table`, `Column`, `Function` and `TablePartition` tuples.
use serde_json::{json, Value};

use super::store::TableKind;
use super::tables::{database_name, entry_schema, CreateMode, CreateTable, NamedRelation};
use super::{name_parts, not_found, statements::matches_pattern, SPARK_CATALOG};
use crate::engine::local::error::{EngineError, Result};
use crate::engine::local::{sql_commands, LocalSession};

fn text(arguments: &Value, key: &str) -> Option<String> {
    arguments.get(key).and_then(Value::as_str).map(str::to_string)
}

fn flag(arguments: &Value, key: &str) -> bool {
    arguments.get(key).and_then(Value::as_bool).unwrap_or(false)
}

fn required(arguments: &Value, key: &str) -> Result<String> {
    text(arguments, key).ok_or_else(|| EngineError::internal(format!("catalog call without `{key}`")))
}

/// `name` qualified by `dbName` when PySpark's two-argument form gave one.
fn with_database(arguments: &Value, key: &str) -> Result<String> {
    let name = required(arguments, key)?;
    Ok(match text(arguments, "dbName") {
        Some(database) => format!("{database}.{name}"),
        None => name,
    })
}

fn database_json(entry: &super::store::DatabaseEntry) -> Value {
    json!({"name": entry.name, "catalog": SPARK_CATALOG, "description": entry.description, "locationUri": entry.location})
}

/// Runs the catalog operation `operation` (a PySpark `Catalog` method name).
pub async fn call(session: &LocalSession, operation: &str, arguments: &Value, job_id: usize) -> Result<Value> {
    match operation {
        "currentDatabase" => Ok(json!(session.current_database()?)),
        "setCurrentDatabase" => {
            session.set_current_database(&required(arguments, "dbName")?)?;
            Ok(Value::Null)
        }
        "listDatabases" => {
            let pattern = text(arguments, "pattern");
            let databases = session.databases()?;
            Ok(Value::Array(databases.iter().filter(|d| pattern.as_deref().is_none_or(|p| matches_pattern(&d.name, p))).map(database_json).collect()))
        }
        "getDatabase" | "databaseExists" => {
            let database = database_name(&required(arguments, "dbName")?);
            let found = session.database(&database)?;
            if operation == "databaseExists" {
                return Ok(json!(found.is_some()));
            }
            found.map(|d| database_json(&d)).ok_or_else(|| super::schema_not_found(&database.to_lowercase()))
        }
        "createDatabase" => {
            let properties = serde_json::from_value(arguments.get("properties").cloned().unwrap_or(json!({}))).unwrap_or_default();
            session.create_database(&required(arguments, "dbName")?, flag(arguments, "ifNotExists"), text(arguments, "comment"), text(arguments, "location"), properties)?;
            Ok(Value::Null)
        }
        "dropDatabase" => {
            session.drop_database(&required(arguments, "dbName")?, flag(arguments, "ifExists"), flag(arguments, "cascade"))?;
            Ok(Value::Null)
        }
        "listTables" | "listViews" => {
            let database = match text(arguments, "dbName") {
                Some(database) => database,
                None => session.current_database()?,
            };
            let pattern = text(arguments, "pattern");
            let tables = session.list_tables(&database)?;
            let views_only = operation == "listViews";
            Ok(Value::Array(
                tables
                    .into_iter()
                    .filter(|t| pattern.as_deref().is_none_or(|p| matches_pattern(&t.0, p)))
                    .filter(|t| !views_only || t.4 || t.3 == TableKind::View.name())
                    .map(|(name, database, description, kind, temporary)| table_json(&name, database.as_deref(), description.as_deref(), &kind, temporary))
                    .collect(),
            ))
        }
        "getTable" => {
            let name = with_database(arguments, "tableName")?;
            match session.named_relation(&name)? {
                NamedRelation::TempView(view, _) => return Ok(table_json(&view, None, None, "TEMPORARY", true)),
                NamedRelation::GlobalView(view) if session.catalog.global_view(&view)?.is_some() => {
                    return Ok(table_json(&view, Some(super::GLOBAL_TEMP), None, "TEMPORARY", true));
                }
                _ => {}
            }
            let (identifier, entry) = session.existing_table(&name)?;
            Ok(table_json(&identifier.table, Some(&identifier.database), entry.description.as_deref(), entry.kind.name(), false))
        }
        "tableExists" => {
            let name = with_database(arguments, "tableName")?;
            Ok(json!(session.lookup_exists(&name)?))
        }
        "listColumns" => {
            let name = with_database(arguments, "tableName")?;
            let (schema, partitions) = match session.named_relation(&name)? {
                NamedRelation::TempView(_, plan) => (crate::engine::local::spark_schema(&plan).as_ref().clone(), Vec::new()),
                NamedRelation::GlobalView(_) => {
                    let plan = session.lookup_relation(&name).await?.ok_or_else(|| not_found(&name))?;
                    (crate::engine::local::spark_schema(&plan).as_ref().clone(), Vec::new())
                }
                NamedRelation::Table(_) => {
                    let (_, entry) = session.existing_table(&name)?;
                    (entry_schema(&entry)?, entry.partition_columns.clone())
                }
            };
            Ok(Value::Array(
                schema
                    .fields()
                    .iter()
                    .map(|f| {
                        json!({
                            "name": f.name(),
                            "description": Value::Null,
                            "dataType": crate::spark::type_text::spark_simple_string(f.data_type()),
                            "nullable": f.is_nullable(),
                            "isPartition": partitions.contains(f.name()),
                            "isBucket": false,
                            "isCluster": false,
                        })
                    })
                    .collect(),
            ))
        }
        "dropTable" | "dropView" => {
            let view = operation == "dropView";
            let name = required(arguments, if view { "viewName" } else { "tableName" })?;
            session.drop_relation(&name, flag(arguments, "ifExists"), view)?;
            Ok(Value::Null)
        }
        "createTable" => {
            let schema = match arguments.get("schema").and_then(Value::as_str) {
                Some(text) => Some(crate::engine::local::types::arrow_schema_from_json(&serde_json::from_str(text).map_err(crate::plan::PlanError::from)?)?),
                None => None,
            };
            let options: std::collections::BTreeMap<String, String> = serde_json::from_value(arguments.get("options").cloned().unwrap_or(json!({}))).unwrap_or_default();
            let location = text(arguments, "path").or_else(|| options.get("path").cloned());
            let mut schema = schema;
            // Without a schema, an external table takes its files' schema.
            if schema.is_none() {
                if let Some(path) = &location {
                    let provider = text(arguments, "source").unwrap_or_else(|| "parquet".into());
                    let plan = crate::engine::local::io_read::read(session, &provider, std::slice::from_ref(path), &options, None).await?;
                    schema = Some(crate::engine::local::spark_schema(&plan).as_ref().clone());
                }
            }
            let request = CreateTable {
                name: required(arguments, "tableName")?,
                schema,
                provider: text(arguments, "source"),
                options: options.into_iter().filter(|(k, _)| k != "path").collect(),
                partition_by: Vec::new(),
                location,
                comment: text(arguments, "description"),
                properties: Default::default(),
                query: None,
                mode: CreateMode::ErrorIfExists,
            };
            session.create_table(request, job_id).await?;
            Ok(Value::Null)
        }
        "listPartitions" => Ok(json!(session.list_partitions(&required(arguments, "tableName")?)?)),
        "getTableProperties" => {
            let (_, entry) = session.existing_table(&required(arguments, "tableName")?)?;
            let visible: serde_json::Map<String, Value> =
                entry.properties.into_iter().filter(|(k, _)| !k.starts_with(sql_commands::STATISTICS_PREFIX)).map(|(k, v)| (k, Value::String(v))).collect();
            Ok(Value::Object(visible))
        }
        "getCreateTableString" => {
            let name = required(arguments, "tableName")?;
            let (identifier, entry) = session.existing_table(&name)?;
            Ok(json!(sql_commands::create_statement(&identifier.quoted(), &entry)?))
        }
        "truncateTable" => {
            session.truncate_table(&required(arguments, "tableName")?)?;
            Ok(Value::Null)
        }
        "analyzeTable" => {
            session.analyze_table(&required(arguments, "tableName")?, flag(arguments, "noScan"), job_id).await?;
            Ok(Value::Null)
        }
        "isCached" => {
            let name = required(arguments, "tableName")?;
            Ok(json!(session.catalog.cache.table_storage_level(&session.existing_cache_key(&name)?)?.is_some()))
        }
        "cacheTable" => {
            let level = text(arguments, "storageLevel").unwrap_or_else(|| "MEMORY_AND_DISK".into());
            session.cache_table(&required(arguments, "tableName")?, &level, false).await?;
            Ok(Value::Null)
        }
        "uncacheTable" => {
            let name = required(arguments, "tableName")?;
            session.catalog.cache.unregister_table(&session.existing_cache_key(&name)?)?;
            Ok(Value::Null)
        }
        "clearCache" => {
            session.catalog.cache.clear()?;
            Ok(Value::Null)
        }
        "refreshTable" => {
            let name = required(arguments, "tableName")?;
            session.catalog.cache.invalidate_table(&session.existing_cache_key(&name)?)?;
            Ok(Value::Null)
        }
        "refreshByPath" => {
            // Tables are read by listing their files on every read; only the caches of
            // tables under the path hold old rows.
            let path = crate::engine::local::io_read::absolute(std::path::Path::new(&required(arguments, "path")?));
            session.refresh_by_path(&path)?;
            Ok(Value::Null)
        }
        "recoverPartitions" => {
            session.list_partitions(&required(arguments, "tableName")?)?;
            Ok(Value::Null)
        }
        "listFunctions" => {
            let pattern = text(arguments, "pattern");
            let database = match text(arguments, "dbName") {
                Some(database) => database,
                None => session.current_database()?,
            };
            if session.database(&database)?.is_none() {
                return Err(super::schema_not_found(&database.to_lowercase()));
            }
            let mut functions: Vec<Value> = session
                .python_udf_names()?
                .into_iter()
                .map(|name| function_json(&name, None, "org.apache.spark.sql.execution.python.UserDefinedPythonFunction"))
                .collect();
            functions.extend(crate::spark::function_names::SPARK_BUILTINS.iter().map(|name| function_json(name, None, "")));
            let mut functions: Vec<Value> =
                functions.into_iter().filter(|f| pattern.as_deref().is_none_or(|p| matches_pattern(f["name"].as_str().unwrap_or_default(), p))).collect();
            functions.sort_by(|a, b| a["name"].as_str().cmp(&b["name"].as_str()));
            Ok(Value::Array(functions))
        }
        "functionExists" | "getFunction" => {
            let name = with_database(arguments, "functionName")?;
            let parts = name_parts(&name);
            let found = match parts.as_slice() {
                [function] => {
                    let lower = function.to_lowercase();
                    if session.python_udf_names()?.iter().any(|n| n.eq_ignore_ascii_case(&lower)) {
                        Some(function_json(function, None, "org.apache.spark.sql.execution.python.UserDefinedPythonFunction"))
                    } else if crate::spark::function_names::is_spark_builtin(&lower) {
                        Some(function_json(&lower, None, ""))
                    } else {
                        None
                    }
                }
                // Ember has no persistent functions: a qualified name never exists.
                _ => None,
            };
            if operation == "functionExists" {
                return Ok(json!(found.is_some()));
            }
            found.ok_or_else(|| {
                let shown = parts.iter().map(|p| format!("`{p}`")).collect::<Vec<_>>().join(".");
                EngineError::analysis(
                    "UNRESOLVED_ROUTINE",
                    format!("Cannot resolve routine {shown} on search path [`system`.`builtin`, `system`.`session`, `spark_catalog`.`default`]."),
                    &[("routineName", shown.clone()), ("searchPath", "[`system`.`builtin`, `system`.`session`, `spark_catalog`.`default`]".into())],
                )
            })
        }
        other => Err(EngineError::internal(format!("no catalog operation {other}"))),
    }
}

fn table_json(name: &str, database: Option<&str>, description: Option<&str>, kind: &str, temporary: bool) -> Value {
    let (catalog, namespace) = match database {
        Some(database) if database == super::GLOBAL_TEMP => (Value::Null, json!([database])),
        Some(database) => (json!(SPARK_CATALOG), json!([database])),
        None => (Value::Null, json!([])),
    };
    json!({"name": name, "catalog": catalog, "namespace": namespace, "description": description, "tableType": kind, "isTemporary": temporary})
}

fn function_json(name: &str, database: Option<&str>, class_name: &str) -> Value {
    json!({"name": name, "catalog": Value::Null, "namespace": database.map(|d| json!([d])).unwrap_or(Value::Null), "description": Value::Null, "className": class_name, "isTemporary": true})
}
