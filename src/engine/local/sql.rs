//! Spark SQL on DataFusion: parsing with sqlparser's Spark dialect, Spark's
//! case-insensitive column names, and Spark's `/` (always a double, `DIVIDE_BY_ZERO` in
//! ANSI mode) rewritten into the planned query.
use std::collections::HashMap;
use std::ops::ControlFlow;

use datafusion::common::tree_node::{Transformed, TreeNode};
use datafusion::arrow::datatypes::DataType;
use datafusion::common::{DFSchema, ScalarValue};
use datafusion::config::Dialect;
use datafusion::logical_expr::expr_rewriter::NamePreserver;
use datafusion::logical_expr::{BinaryExpr, Cast, Expr, ExprSchemable, LogicalPlan, Operator};
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
    spark_arithmetic(plan)
}

/// Parses a SQL expression (`expr("a + 1 AS b")`, `selectExpr`, `filter("a > 1")`) against
/// an input schema.
pub fn parse_expression(session: &LocalSession, text: &str, schema: &DFSchema) -> Result<Expr> {
    let state = session.context().state();
    let mut parsed = state.sql_to_expr_with_alias(text, &Dialect::Spark).map_err(parse_failure)?;
    let names: Vec<String> = schema.fields().iter().map(|f| f.name().clone()).collect();
    let _ = parsed.expr.visit(&mut IdentifierCase::new(names.iter()));
    let expr = state.create_logical_expr_from_sql_expr(parsed, schema)?;
    Ok(expr.transform_up(|e| rewrite_arithmetic(e, schema))?.data)
}

fn is_decimal(data_type: &DataType) -> bool {
    matches!(data_type, DataType::Decimal128(..) | DataType::Decimal256(..))
}

/// Spark's `DecimalType.fromLiteral`: an integer literal next to a decimal takes only the
/// precision its digits need (`3` is `decimal(1,0)`), which decides result scales.
fn narrow_integer_literal(expr: Expr) -> Expr {
    if let Expr::Literal(value, _) = &expr {
        let digits = match value {
            ScalarValue::Int8(Some(v)) => Some(v.unsigned_abs().to_string().len()),
            ScalarValue::Int16(Some(v)) => Some(v.unsigned_abs().to_string().len()),
            ScalarValue::Int32(Some(v)) => Some(v.unsigned_abs().to_string().len()),
            ScalarValue::Int64(Some(v)) => Some(v.unsigned_abs().to_string().len()),
            _ => None,
        };
        if let Some(digits) = digits {
            return Expr::Cast(Cast::new(Box::new(expr), DataType::Decimal128(digits as u8, 0)));
        }
    }
    expr
}

/// Spark's arithmetic on a planned expression: `/` of non-decimals is a double division
/// that raises `DIVIDE_BY_ZERO` (ANSI); decimal arithmetic keeps decimals, with integer
/// literals narrowed as Spark does.
fn rewrite_arithmetic(expr: Expr, schema: &DFSchema) -> datafusion::error::Result<Transformed<Expr>> {
    let Expr::BinaryExpr(binary) = expr else { return Ok(Transformed::no(expr)) };
    let arithmetic = matches!(binary.op, Operator::Plus | Operator::Minus | Operator::Multiply | Operator::Divide | Operator::Modulo);
    if !arithmetic {
        return Ok(Transformed::no(Expr::BinaryExpr(binary)));
    }
    let left_type = binary.left.get_type(schema).ok();
    let right_type = binary.right.get_type(schema).ok();
    let decimal_left = left_type.as_ref().is_some_and(is_decimal);
    let decimal_right = right_type.as_ref().is_some_and(is_decimal);
    let integral = |t: &Option<DataType>| t.as_ref().is_some_and(|t| t.is_integer());
    // Decimal with decimal, or decimal with an integral operand on the other side.
    let decimal_arithmetic =
        (decimal_left && (decimal_right || integral(&right_type))) || (decimal_right && integral(&left_type));
    if decimal_arithmetic {
        let left = if decimal_left { *binary.left } else { narrow_integer_literal(*binary.left) };
        let right = if decimal_right { *binary.right } else { narrow_integer_literal(*binary.right) };
        if binary.op == Operator::Divide {
            if let (Ok(left_type), Ok(right_type)) = (left.get_type(schema), right.get_type(schema)) {
                return Ok(Transformed::yes(spark_decimal_divide(left, &left_type, right, &right_type)));
            }
        }
        return Ok(Transformed::yes(Expr::BinaryExpr(BinaryExpr::new(Box::new(left), binary.op, Box::new(right)))));
    }
    if binary.op == Operator::Divide {
        return Ok(Transformed::yes(super::udfs::divide(true).call(vec![*binary.left, *binary.right])));
    }
    Ok(Transformed::no(Expr::BinaryExpr(binary)))
}

fn decimal_parts(data_type: &DataType) -> (i64, i64) {
    match data_type {
        DataType::Decimal128(p, s) | DataType::Decimal256(p, s) => (i64::from(*p), i64::from(*s)),
        DataType::Int8 => (3, 0),
        DataType::Int16 => (5, 0),
        DataType::Int32 => (10, 0),
        _ => (20, 0),
    }
}

/// Spark's decimal division result type (`DecimalPrecision` for `Divide`):
/// scale max(6, s1 + p2 + 1), precision p1 - s1 + s2 + scale, bounded to 38 digits.
/// DataFusion's decimal division gives scale s1 + 4, so the dividend is rescaled first.
fn spark_decimal_divide(left: Expr, left_type: &DataType, right: Expr, right_type: &DataType) -> Expr {
    let (p1, s1) = decimal_parts(left_type);
    let (p2, s2) = decimal_parts(right_type);
    let mut scale = (s1 + p2 + 1).max(6);
    let mut precision = p1 - s1 + s2 + scale;
    if precision > 38 {
        let integral = precision - scale;
        scale = (38 - integral).max(scale.min(6));
        precision = 38;
    }
    let dividend_scale = (scale - 4).max(s1);
    let dividend_precision = (p1 - s1 + dividend_scale).min(38);
    let left = Expr::Cast(Cast::new(Box::new(left), DataType::Decimal128(dividend_precision as u8, dividend_scale as i8)));
    let quotient = Expr::BinaryExpr(BinaryExpr::new(Box::new(left), Operator::Divide, Box::new(right)));
    Expr::Cast(Cast::new(Box::new(quotient), DataType::Decimal128(precision as u8, scale as i8)))
}

/// The schema an operator's expressions are evaluated against: its inputs' columns.
fn input_schema(node: &LogicalPlan) -> DFSchema {
    let mut schema = DFSchema::empty();
    for input in node.inputs() {
        if let Ok(joined) = schema.join(input.schema()) {
            schema = joined;
        }
    }
    schema
}

/// Applies `rewrite_arithmetic` to every expression of a plan, keeping output names.
fn spark_arithmetic(plan: LogicalPlan) -> Result<LogicalPlan> {
    let rewritten = plan.transform_up_with_subqueries(|node| {
        let preserver = NamePreserver::new(&node);
        let schema = input_schema(&node);
        let transformed = node.map_expressions(|expr| {
            let saved = preserver.save(&expr);
            let result = expr.transform_up(|e| rewrite_arithmetic(e, &schema))?;
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
