//! Spark SQL on DataFusion: parsing with sqlparser's Spark dialect, Spark's
//! case-insensitive column names, and Spark's `/` (always a double, `DIVIDE_BY_ZERO` in
//! ANSI mode) rewritten into the planned query.
use std::collections::HashMap;
use std::ops::ControlFlow;

use datafusion::common::tree_node::{Transformed, TreeNode};
use datafusion::common::DFSchema;
use datafusion::config::Dialect;
use datafusion::logical_expr::expr_rewriter::NamePreserver;
use datafusion::logical_expr::{Expr, LogicalPlan, Operator};
use datafusion::sql::parser::Statement as DataFusionStatement;
use datafusion::sql::sqlparser::ast::{BinaryOperator, Expr as SqlExpr, FunctionArguments, Ident, VisitMut, VisitorMut};
use datafusion::sql::sqlparser::dialect::SparkSqlDialect;
use datafusion::sql::sqlparser::parser::Parser;

use super::error::{parse_error, EngineError, Result};
use super::LocalSession;

/// Rewrites unquoted identifiers to the exact case of a known column, so that Spark's
/// case-insensitive names resolve on DataFusion's case-sensitive schemas.
struct IdentifierCase {
    columns: HashMap<String, String>,
}

impl IdentifierCase {
    fn new<'a>(names: impl IntoIterator<Item = &'a String>) -> Self {
        let mut columns = HashMap::new();
        for name in names {
            columns.entry(name.to_lowercase()).or_insert_with(|| name.clone());
        }
        Self { columns }
    }

    fn fix(&self, ident: &mut Ident) {
        if ident.quote_style.is_some() {
            return;
        }
        let lower = ident.value.to_lowercase();
        if let Some(exact) = self.columns.get(&lower) {
            if *exact != lower {
                ident.value = exact.clone();
                ident.quote_style = Some('`');
            }
        }
    }
}

impl VisitorMut for IdentifierCase {
    type Break = ();

    fn post_visit_expr(&mut self, expr: &mut SqlExpr) -> ControlFlow<()> {
        // Spark's `a DIV b` becomes `ember_div(a, b)`, which DataFusion can plan.
        if let SqlExpr::BinaryOp { left, op: BinaryOperator::MyIntegerDivide, right } = expr {
            let text = format!("ember_div({left}, {right})");
            if let Ok(replacement) = Parser::new(&SparkSqlDialect {}).try_with_sql(&text).and_then(|mut p| p.parse_expr()) {
                *expr = replacement;
            }
            return ControlFlow::Continue(());
        }
        // Spark's cast functions (`int(x)`, `float('nan')`) become CASTs.
        if let SqlExpr::Function(function) = expr {
            let name = function.name.to_string().to_lowercase();
            let target = match name.as_str() {
                "int" => Some("INT"),
                "bigint" => Some("BIGINT"),
                "smallint" => Some("SMALLINT"),
                "tinyint" => Some("TINYINT"),
                "double" => Some("DOUBLE"),
                "float" => Some("FLOAT"),
                "string" => Some("STRING"),
                "boolean" => Some("BOOLEAN"),
                "date" => Some("DATE"),
                "timestamp" => Some("TIMESTAMP"),
                "binary" => Some("BINARY"),
                _ => None,
            };
            if let (Some(target), FunctionArguments::List(list)) = (target, &function.args) {
                if list.args.len() == 1 {
                    let text = format!("CAST({} AS {target})", list.args[0]);
                    if let Ok(replacement) = Parser::new(&SparkSqlDialect {}).try_with_sql(&text).and_then(|mut p| p.parse_expr()) {
                        *expr = replacement;
                        return ControlFlow::Continue(());
                    }
                }
            }
        }
        match expr {
            SqlExpr::Identifier(ident) => self.fix(ident),
            SqlExpr::CompoundIdentifier(idents) => {
                if let Some(last) = idents.last_mut() {
                    self.fix(last);
                }
            }
            _ => {}
        }
        ControlFlow::Continue(())
    }
}

fn parse_failure(error: datafusion::error::DataFusionError) -> EngineError {
    match error {
        datafusion::error::DataFusionError::SQL(parse, _) => parse_error(&parse.to_string()),
        other => parse_error(&other.to_string()),
    }
}

/// Plans a Spark SQL query (`spark.sql`).
pub async fn plan_sql(session: &LocalSession, query: &str) -> Result<LogicalPlan> {
    let state = session.context().state();
    let mut statement = state.sql_to_statement(query, &Dialect::Spark).map_err(parse_failure)?;
    let columns = session.temp_view_columns()?;
    if let DataFusionStatement::Statement(inner) = &mut statement {
        let _ = inner.as_mut().visit(&mut IdentifierCase::new(columns.iter()));
    }
    let plan = state.statement_to_plan(statement).await?;
    spark_division(plan)
}

/// Parses a SQL expression (`expr("a + 1 AS b")`, `selectExpr`, `filter("a > 1")`) against
/// an input schema.
pub fn parse_expression(session: &LocalSession, text: &str, schema: &DFSchema) -> Result<Expr> {
    let state = session.context().state();
    let mut parsed = state.sql_to_expr_with_alias(text, &Dialect::Spark).map_err(parse_failure)?;
    let names: Vec<String> = schema.fields().iter().map(|f| f.name().clone()).collect();
    let _ = parsed.expr.visit(&mut IdentifierCase::new(names.iter()));
    let expr = state.create_logical_expr_from_sql_expr(parsed, schema)?;
    Ok(expr.transform_up(rewrite_division)?.data)
}

/// Spark's `/`: operands become doubles and a zero divisor raises `DIVIDE_BY_ZERO`.
fn rewrite_division(expr: Expr) -> datafusion::error::Result<Transformed<Expr>> {
    match expr {
        Expr::BinaryExpr(binary) if binary.op == Operator::Divide => {
            Ok(Transformed::yes(super::udfs::divide(true).call(vec![*binary.left, *binary.right])))
        }
        other => Ok(Transformed::no(other)),
    }
}

/// Applies `rewrite_division` to every expression of a plan, keeping output names.
fn spark_division(plan: LogicalPlan) -> Result<LogicalPlan> {
    let rewritten = plan.transform_up_with_subqueries(|node| {
        let preserver = NamePreserver::new(&node);
        let transformed = node.map_expressions(|expr| {
            let saved = preserver.save(&expr);
            let result = expr.transform_up(rewrite_division)?;
            Ok(result.update_data(|e| saved.restore(e)))
        })?;
        if transformed.transformed {
            transformed.map_data(|n| n.recompute_schema())
        } else {
            Ok(transformed)
        }
    })?;
    Ok(rewritten.data)
}
