//! Spark SQL commands that `spark.sql` runs at once rather than plans as a query, as
//! Spark's `CommandResult` does: `CREATE [OR REPLACE] TEMPORARY VIEW name [(columns)] AS
//! query` and `DROP VIEW [IF EXISTS] name`, over the session's temporary views.
use datafusion::logical_expr::{col, LogicalPlan, LogicalPlanBuilder};
use datafusion::sql::parser::Statement as DataFusionStatement;
use datafusion::sql::sqlparser::ast::{ObjectType, Statement};

use super::error::{EngineError, Result};
use super::{sql, LocalSession};

/// Runs `query` when it is a command this module knows; `Ok(false)` leaves it to the
/// query planner (`sql::plan_sql`).
pub async fn run(session: &LocalSession, query: &str) -> Result<bool> {
    // Only a statement that starts with CREATE or DROP can be one: other text is parsed
    // once, by the query planner, not here as well.
    if !starts_with_command(query) {
        return Ok(false);
    }
    let DataFusionStatement::Statement(statement) = sql::parse_sql(session, query)? else { return Ok(false) };
    match *statement {
        Statement::CreateView(view) if view.temporary => {
            let name = object_name(&view.name);
            let inner = DataFusionStatement::Statement(Box::new(Statement::Query(view.query)));
            let plan = sql::plan_statement(session, inner, query).await?;
            let columns: Vec<String> = view.columns.iter().map(|c| c.name.value.clone()).collect();
            let plan = renamed(plan, &name, &columns)?;
            session.register_temp_view(&name, plan, view.or_replace)?;
            Ok(true)
        }
        Statement::Drop { object_type: ObjectType::View, if_exists, names, .. } => {
            for name in names.iter().map(object_name) {
                if !session.drop_temp_view(&name)? && !if_exists {
                    return Err(EngineError::table_not_found(&name));
                }
            }
            Ok(true)
        }
        _ => Ok(false),
    }
}

/// Whether the first word of `query`, after blanks and `--` comments, is CREATE or DROP.
fn starts_with_command(query: &str) -> bool {
    let mut rest = query.trim_start();
    while let Some(comment) = rest.strip_prefix("--") {
        rest = comment.split_once('\n').map_or("", |(_, after)| after).trim_start();
    }
    let word: String = rest.chars().take_while(char::is_ascii_alphabetic).collect();
    word.eq_ignore_ascii_case("create") || word.eq_ignore_ascii_case("drop")
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
