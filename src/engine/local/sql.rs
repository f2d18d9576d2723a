//! Spark SQL on DataFusion: parsing with sqlparser's Spark dialect, Spark's
//! case-insensitive column names, and Spark's `/` (always a double, `DIVIDE_BY_ZERO` in
//! ANSI mode) rewritten into the planned query.
use std::collections::HashMap;
use std::ops::ControlFlow;
use std::sync::Arc;

use datafusion::common::tree_node::{Transformed, TreeNode};
use datafusion::arrow::datatypes::DataType;
use datafusion::common::{DFSchema, ScalarValue};
use datafusion::config::Dialect;
use datafusion::logical_expr::expr_rewriter::NamePreserver;
use datafusion::logical_expr::{BinaryExpr, Cast, Expr, ExprSchemable, LogicalPlan, Operator};
use datafusion::sql::parser::Statement as DataFusionStatement;
use datafusion::sql::sqlparser::ast::{AccessExpr, BinaryOperator, Subscript, Expr as SqlExpr, FunctionArguments, Ident, VisitMut, VisitorMut};
use datafusion::sql::sqlparser::dialect::SparkSqlDialect;
use datafusion::sql::sqlparser::parser::Parser;

use super::error::{parse_error, EngineError, Result};
use super::LocalSession;

/// Spark's SQL syntax on sqlparser's tree before DataFusion plans it: unquoted identifiers
/// take the exact case of a known column (Spark's names are case-insensitive), and Spark's
/// literals, operators, subscripts and table functions become forms DataFusion plans
/// (each rewrite is described where it is made).
struct SparkSyntax {
    columns: HashMap<String, String>,
    /// The session's Python table functions (`spark.udtf.register`): lower-case name
    /// and the names of the columns of their rows.
    table_functions: HashMap<String, Vec<String>>,
}

/// The prefix of the generator UDF standing for a Python table function registered for
/// SQL (`pyspark.sql.udtf._SQL_PREFIX`).
pub const PYTHON_TABLE_FUNCTION: &str = "__ember_udtf__";

/// The Python table functions registered for SQL in `state` (`spark.udtf.register`): each
/// lower-case name with the names of its rows' columns.
fn python_table_functions(state: &datafusion::execution::SessionState) -> HashMap<String, Vec<String>> {
    let mut found = HashMap::new();
    for (name, function) in state.scalar_functions() {
        let Some(table_function) = name.strip_prefix(PYTHON_TABLE_FUNCTION) else { continue };
        if let Ok(DataType::List(rows)) = function.return_type(&[]) {
            if let DataType::Struct(fields) = rows.data_type() {
                found.insert(table_function.to_string(), fields.iter().map(|f| f.name().clone()).collect());
            }
        }
    }
    found
}

impl SparkSyntax {
    fn new<'a>(names: impl IntoIterator<Item = &'a String>) -> Self {
        let mut columns = HashMap::new();
        for name in names {
            columns.entry(name.to_lowercase()).or_insert_with(|| name.clone());
        }
        Self { columns, table_functions: Default::default() }
    }

    /// The same, knowing the session's Python table functions (`python_table_functions`).
    fn with_table_functions(mut self, table_functions: HashMap<String, Vec<String>>) -> Self {
        self.table_functions = table_functions;
        self
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

/// Spark names an unaliased select item that casts a column by the column
/// (`SELECT CAST(a AS STRING)` and `a::string` give a column `a`; Spark's `ResolveAliases`
/// names a top-level `Cast` of an attribute by the attribute): such items get that name as
/// their alias, in every SELECT of a query body (both sides of a UNION).
///
/// Spark also lets a select list repeat a name (`SELECT a, a`), which DataFusion's
/// projections refuse: a repeated item is aliased `{name}{DUPLICATE_MARK}{position}` (an
/// empty name where the item had no alias, to be named by its expression), and
/// `spark_output_names` gives it back its name after planning.
fn select_item_names(body: &mut datafusion::sql::sqlparser::ast::SetExpr, columns: &HashMap<String, String>) {
    use datafusion::sql::sqlparser::ast::{SelectItem, SetExpr};
    match body {
        SetExpr::Select(select) => {
            let mut seen = std::collections::HashSet::new();
            for (position, item) in select.projection.iter_mut().enumerate() {
                // A named tuple `(a, 1) AS t` is Spark's struct of fields col1, col2, ...
                // (DataFusion's planner takes tuples of columns and literals only).
                if let SelectItem::ExprWithAlias { expr: tuple @ SqlExpr::Tuple(_), .. } = item {
                    if let SqlExpr::Tuple(values) = &*tuple {
                        let fields: Vec<String> = values.iter().enumerate().map(|(i, value)| format!("'col{}', {value}", i + 1)).collect();
                        if let Some(built) = parse_sql_expression(&format!("named_struct({})", fields.join(", "))) {
                            *tuple = built;
                        }
                    }
                }
                // A generator's columns named together (`stack(2, a, b) AS (k, v)`), which
                // DataFusion's planner refuses: the names ride in a marker call.
                if let SelectItem::ExprWithAliases { expr, aliases } = item {
                    let names = aliases.iter().map(|a| format!("'{}'", a.value.replace('\'', "''"))).collect::<Vec<_>>().join(", ");
                    if let Some(marked) = parse_sql_expression(&format!("{}({expr}, {names})", super::generators::GENERATOR_NAMES)) {
                        *item = SelectItem::UnnamedExpr(marked);
                    }
                }
                if let SelectItem::UnnamedExpr(SqlExpr::Cast { expr, .. }) = item {
                    let column = match expr.as_ref() {
                        SqlExpr::Identifier(ident) => Some(ident.clone()),
                        // `s.f` names a struct field when `s` is a column (CAST(s.f AS ...)).
                        SqlExpr::CompoundIdentifier(parts) if parts.first().is_some_and(|p| !columns.contains_key(&p.value.to_lowercase())) => parts.last().cloned(),
                        _ => None,
                    };
                    if let Some(column) = column {
                        if let SelectItem::UnnamedExpr(cast) = std::mem::replace(item, SelectItem::Wildcard(Default::default())) {
                            *item = SelectItem::ExprWithAlias { expr: cast, alias: column };
                        }
                    }
                }
                let key = match &*item {
                    SelectItem::ExprWithAlias { alias, .. } => alias.value.to_lowercase(),
                    SelectItem::UnnamedExpr(SqlExpr::Identifier(ident)) => ident.value.to_lowercase(),
                    SelectItem::UnnamedExpr(SqlExpr::CompoundIdentifier(parts)) => parts.last().map(|p| p.value.to_lowercase()).unwrap_or_default(),
                    SelectItem::UnnamedExpr(other) => other.to_string().to_lowercase(),
                    _ => continue,
                };
                if seen.insert(key) {
                    continue;
                }
                match std::mem::replace(item, SelectItem::Wildcard(Default::default())) {
                    SelectItem::ExprWithAlias { expr, alias } => {
                        *item = SelectItem::ExprWithAlias { expr, alias: Ident::with_quote('`', format!("{}{DUPLICATE_MARK}{position}", alias.value)) };
                    }
                    SelectItem::UnnamedExpr(expr) => {
                        *item = SelectItem::ExprWithAlias { expr, alias: Ident::with_quote('`', format!("{DUPLICATE_MARK}{position}")) };
                    }
                    other => *item = other,
                }
            }
        }
        SetExpr::SetOperation { left, right, .. } => {
            select_item_names(left, columns);
            select_item_names(right, columns);
        }
        _ => {}
    }
}

/// Spark's `FROM t LATERAL VIEW [OUTER] gen(args) v AS c1, c2` over one table, in the
/// statement's top query: each view is planned on its own as `SELECT t.*, gen(args) AS
/// (c1, c2) FROM t` (so that its generated columns exist by name when the rest is
/// planned), registered under a temporary name, and read in place of the table under the
/// table's name; a reference through the view's name (`v.c1`) is made through the
/// table's. Returns the temporary names, to drop once the statement is planned. Other
/// shapes (joins before the view, views in subqueries) stay as they are, and DataFusion
/// reports them.
async fn lateral_views(session: &LocalSession, statement: &mut DataFusionStatement) -> Result<Vec<String>> {
    use datafusion::sql::sqlparser::ast::{Expr as E, SetExpr, Statement as S, TableFactor};
    let DataFusionStatement::Statement(inner) = statement else { return Ok(Vec::new()) };
    let S::Query(query) = inner.as_mut() else { return Ok(Vec::new()) };
    let SetExpr::Select(select) = query.body.as_mut() else { return Ok(Vec::new()) };
    if select.lateral_views.is_empty() || select.from.len() != 1 || !select.from[0].joins.is_empty() {
        return Ok(Vec::new());
    }
    let (TableFactor::Table { args: None, .. }, Some(alias)) = (&select.from[0].relation, relation_alias(&select.from[0].relation)) else { return Ok(Vec::new()) };
    let mut relation = select.from[0].relation.to_string();
    let mut registered = Vec::new();
    let mut views = Vec::new();
    for view in &select.lateral_views {
        let mut generator = view.lateral_view.clone();
        if view.outer {
            if let E::Function(function) = &mut generator {
                let name = function.name.to_string().to_lowercase();
                if matches!(name.as_str(), "explode" | "posexplode" | "inline") {
                    function.name = datafusion::sql::sqlparser::ast::ObjectName::from(vec![Ident::new(format!("{name}_outer"))]);
                }
            }
        }
        let names = if view.lateral_col_alias.is_empty() { String::new() } else { format!(" AS ({})", view.lateral_col_alias.iter().map(|c| c.to_string()).collect::<Vec<_>>().join(", ")) };
        let name = register_lateral_view(session, &format!("SELECT `{alias}`.*, {generator}{names} FROM {relation}")).await?;
        registered.push(name.clone());
        relation = format!("{name} AS `{alias}`");
        views.push(view.lateral_view_name.to_string().to_lowercase());
    }
    let factor = Parser::new(&SparkSqlDialect {}).try_with_sql(&relation).and_then(|mut p| p.parse_table_factor()).map_err(|e| parse_failure(e.into()))?;
    select.from[0].relation = factor;
    select.lateral_views.clear();
    requalify(select.as_mut(), &views, &alias);
    Ok(registered)
}

/// The name a FROM item is read under: a table's alias or the last part of its name, an
/// aliased subquery's alias.
fn relation_alias(factor: &datafusion::sql::sqlparser::ast::TableFactor) -> Option<String> {
    use datafusion::sql::sqlparser::ast::TableFactor;
    match factor {
        TableFactor::Table { name, alias, .. } => Some(alias.as_ref().map(|a| a.name.value.clone()).unwrap_or_else(|| name.0.last().map(|p| p.to_string()).unwrap_or_default())),
        TableFactor::Derived { alias: Some(alias), .. } => Some(alias.name.value.clone()),
        _ => None,
    }
}

/// Plans `query` (a lateral view's `SELECT t.*, generator FROM t`) and registers it under
/// a fresh temporary name, which it returns.
async fn register_lateral_view(session: &LocalSession, query: &str) -> Result<String> {
    let plan = Box::pin(plan_sql(session, query)).await?;
    let name = format!("__ember_lateral_{}_{}", std::process::id(), LATERAL_VIEWS.fetch_add(1, std::sync::atomic::Ordering::Relaxed));
    session.context().register_table(name.as_str(), Arc::new(datafusion::catalog::view::ViewTable::new(plan, None)))?;
    Ok(name)
}

/// Makes each `q.c` in `node` whose qualifier `q` is one of `qualifiers` (lower case)
/// read `alias.c`: the lateral view's columns are read through the table it replaced.
fn requalify(node: &mut impl VisitMut, qualifiers: &[String], alias: &str) {
    let _ = datafusion::sql::sqlparser::ast::visit_expressions_mut(node, |expr| {
        if let SqlExpr::CompoundIdentifier(parts) = expr {
            if parts.len() == 2 && qualifiers.contains(&parts[0].value.to_lowercase()) {
                parts[0] = Ident::with_quote('`', alias.to_string());
            }
        }
        ControlFlow::<()>::Continue(())
    });
}

/// Spark's lateral call of a Python table function, `FROM t, LATERAL f(t.x) [AS u]`: the
/// rows of `f` for each row of `t` follow that row's columns (Spark's `Generate` with the
/// child's output joined). Planned as a lateral view is: `SELECT t.*, inline(f's
/// generator(args)) FROM t` becomes a temporary view read under `t`'s name, and `u.c`
/// reads `t.c`. Returns the temporary names. Only a single table or aliased subquery
/// before the call is handled; other shapes stay as they are.
async fn lateral_table_functions(session: &LocalSession, statement: &mut DataFusionStatement, table_functions: &HashMap<String, Vec<String>>) -> Result<Vec<String>> {
    use datafusion::sql::sqlparser::ast::{SetExpr, Statement as S, TableFactor};
    let DataFusionStatement::Statement(inner) = statement else { return Ok(Vec::new()) };
    let S::Query(query) = inner.as_mut() else { return Ok(Vec::new()) };
    let SetExpr::Select(select) = query.body.as_mut() else { return Ok(Vec::new()) };
    if select.from.len() != 2 || !select.from[0].joins.is_empty() || !select.from[1].joins.is_empty() {
        return Ok(Vec::new());
    }
    let TableFactor::Function { lateral: true, name, args, alias: call_alias, .. } = &select.from[1].relation else { return Ok(Vec::new()) };
    let function = name.to_string().to_lowercase();
    let Some(alias) = relation_alias(&select.from[0].relation).filter(|_| table_functions.contains_key(&function)) else { return Ok(Vec::new()) };
    let call_alias = call_alias.as_ref().map(|a| a.name.value.to_lowercase());
    let arguments = args.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ");
    let view = register_lateral_view(session, &format!("SELECT `{alias}`.*, inline({PYTHON_TABLE_FUNCTION}{function}({arguments})) FROM {}", select.from[0].relation)).await?;
    let factor = Parser::new(&SparkSqlDialect {}).try_with_sql(&format!("{view} AS `{alias}`")).and_then(|mut p| p.parse_table_factor()).map_err(|e| parse_failure(e.into()))?;
    select.from.truncate(1);
    select.from[0].relation = factor;
    if let Some(call_alias) = call_alias {
        // Through the whole query: ORDER BY is outside the SELECT.
        requalify(query.as_mut(), &[call_alias], &alias);
    }
    Ok(vec![view])
}

/// A counter for the temporary names of lateral views.
static LATERAL_VIEWS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// Spark's ANSI promotion of a string literal in arithmetic with a number literal
/// (`AnsiTypeCoercion`): the string is read as a BIGINT beside an integer and as a DOUBLE
/// beside a fraction (`'5' + 1` is 6; `'2.5' * 2` raises CAST_INVALID_INPUT), through
/// unnamed implicit casts (`udfs::replaceable::IMPLICIT_BIGINT`).
fn string_arithmetic(expr: &mut SqlExpr) {
    use datafusion::sql::sqlparser::ast::Value;
    let SqlExpr::BinaryOp { left, op, right } = expr else { return };
    if !matches!(op, BinaryOperator::Plus | BinaryOperator::Minus | BinaryOperator::Multiply | BinaryOperator::Divide | BinaryOperator::Modulo) {
        return;
    }
    let text = |e: &SqlExpr| matches!(e, SqlExpr::Value(v) if matches!(v.value, Value::SingleQuotedString(_)));
    let number = |e: &SqlExpr| match e {
        SqlExpr::Value(v) => match &v.value {
            Value::Number(digits, _) => Some(digits.contains(['.', 'e', 'E'])),
            _ => None,
        },
        _ => None,
    };
    let (string_side, fraction) = match (text(left), text(right), number(left), number(right)) {
        (true, _, _, Some(fraction)) => (left, fraction),
        (_, true, Some(fraction), _) => (right, fraction),
        _ => return,
    };
    let marker = if fraction { super::udfs::replaceable::IMPLICIT_DOUBLE } else { super::udfs::replaceable::IMPLICIT_BIGINT };
    if let Some(call) = parse_sql_expression(&format!("{marker}({string_side})")) {
        **string_side = call;
    }
}

/// The SQL call `name()`.
fn call_without_arguments(name: &str) -> SqlExpr {
    use datafusion::sql::sqlparser::ast::{Function, FunctionArgumentList, ObjectName};
    SqlExpr::Function(Function {
        name: ObjectName::from(vec![Ident::new(name)]),
        uses_odbc_syntax: false,
        parameters: FunctionArguments::None,
        args: FunctionArguments::List(FunctionArgumentList { duplicate_treatment: None, args: Vec::new(), clauses: Vec::new() }),
        filter: None,
        null_treatment: None,
        over: None,
        within_group: Vec::new(),
    })
}

/// A call of a function the registry builds, written as the planning placeholder
/// `ember_registry_call('f', args)` (`sql_calls`). Calls with a window, a filter, DISTINCT or
/// named arguments keep the engine's planning.
fn registry_call(expr: &mut SqlExpr) {
    use datafusion::sql::sqlparser::ast::{FunctionArg, FunctionArgExpr, ObjectName, Value};
    let SqlExpr::Function(function) = expr else { return };
    let name = function.name.to_string().to_lowercase();
    if function.over.is_some() || function.filter.is_some() || !function.within_group.is_empty() || !super::sql_calls::routes(&name) {
        return;
    }
    let FunctionArguments::List(list) = &mut function.args else { return };
    if list.duplicate_treatment.is_some() || !list.clauses.is_empty() || !list.args.iter().all(|a| matches!(a, FunctionArg::Unnamed(FunctionArgExpr::Expr(_)))) {
        return;
    }
    list.args.insert(0, FunctionArg::Unnamed(FunctionArgExpr::Expr(SqlExpr::value(Value::SingleQuotedString(name)))));
    function.name = ObjectName::from(vec![Ident::new(super::sql_calls::REGISTRY_CALL)]);
}

/// Spark's implicit casts of function arguments (`ImplicitCastInputTypes`:
/// `date_add('2024-01-01', 1)` reads the text as a DATE, `upper(0.5)` the number as
/// text), which the engine's own signatures refuse: the arguments go through the unnamed
/// implicit cast (`udfs::replaceable`), as the DataFrame API's do (`registry::Implicit`).
/// Date functions whose SQL form is already Spark's are left.
fn implicit_arguments(expr: &mut SqlExpr) {
    use datafusion::sql::sqlparser::ast::{FunctionArg, FunctionArgExpr};
    let SqlExpr::Function(function) = expr else { return };
    let name = function.name.to_string().to_lowercase();
    let implicit = super::registry::implicit_casts(&name);
    let dates = matches!(name.as_str(), "last_day" | "next_day" | "date_add" | "dateadd" | "date_sub" | "add_months" | "weekday");
    // The text, INT and BIGINT casts leave an argument of another type as it is, so they
    // may wrap every argument at their positions.
    let typed = matches!(implicit, super::registry::Implicit::Strings(_) | super::registry::Implicit::Ints(_) | super::registry::Implicit::Bigints(_));
    if !dates && !typed {
        return;
    }
    let Some((positions, marker)) = implicit.marker() else { return };
    let FunctionArguments::List(list) = &mut function.args else { return };
    // dateadd(unit, n, ts) is Spark's timestampadd (see `spark_syntax`).
    if list.args.len() == 3 && dates {
        return;
    }
    for (index, argument) in list.args.iter_mut().enumerate() {
        if let FunctionArg::Unnamed(FunctionArgExpr::Expr(value)) = argument {
            if positions.contains(&index) {
                if let Some(call) = parse_sql_expression(&format!("{marker}({value})")) {
                    *value = call;
                }
            }
        }
    }
}

/// Spark's names of the fields of `struct(1 AS a, id, x + 1)` where some are named: a
/// column gives its name and any other value `col` and its position (`CreateStruct`);
/// DataFusion would name them `c1`, `c2`.
fn struct_field_names(expr: &mut SqlExpr) {
    let SqlExpr::Struct { values, fields } = expr else { return };
    if !fields.is_empty() || !values.iter().any(|v| matches!(v, SqlExpr::Named { .. })) {
        return;
    }
    for (index, value) in values.iter_mut().enumerate() {
        let name = match value {
            SqlExpr::Named { .. } => continue,
            SqlExpr::Identifier(ident) => ident.clone(),
            SqlExpr::CompoundIdentifier(parts) if !parts.is_empty() => parts[parts.len() - 1].clone(),
            _ => Ident::new(format!("col{}", index + 1)),
        };
        let named = SqlExpr::Named { expr: Box::new(value.clone()), name };
        *value = named;
    }
}

/// The marker of a parsed `INTERVAL value unit` or `INTERVAL 'value' FROM TO TO` literal
/// (`udfs::intervals::INTERVAL_LITERAL`). The value may already carry the INT marker.
fn interval_marker(interval: &datafusion::sql::sqlparser::ast::Interval) -> Option<SqlExpr> {
    use datafusion::sql::sqlparser::ast::Value;
    let value = match interval.value.as_ref() {
        SqlExpr::Value(value) => match &value.value {
            Value::SingleQuotedString(text) | Value::DoubleQuotedString(text) => text.clone(),
            other => other.to_string(),
        },
        other => {
            let text = other.to_string();
            match text.strip_prefix(&format!("{INT_LITERAL}(")).and_then(|t| t.strip_suffix(')')) {
                Some(inner) => inner.to_string(),
                None => text,
            }
        }
    };
    let written = |f: &datafusion::sql::sqlparser::ast::DateTimeField| f.to_string().to_lowercase();
    let field = |f: &datafusion::sql::sqlparser::ast::DateTimeField| {
        let name = written(f);
        name.strip_suffix('s').map(str::to_string).unwrap_or(name)
    };
    let leading = interval.leading_field.as_ref()?;
    let text = match &interval.last_field {
        Some(last) => super::udfs::intervals::marker_text(&value, &field(leading), &field(last)),
        None => super::udfs::intervals::marker_text(&format!("{value} {}", written(leading)), "", ""),
    };
    parse_sql_expression(&text)
}

/// The mark in the alias of a repeated select item (see `select_item_names`).
const DUPLICATE_MARK: &str = "__ember_repeated_";

impl VisitorMut for SparkSyntax {
    /// A function Spark's SQL does not have (`function_names::is_dataframe_only`).
    type Break = String;

    /// An inline table `VALUES (...)` names its columns `col1`, `col2`, ... as Spark's
    /// does (DataFusion's are `column1`, ...): it is read through a query that names them.
    fn post_visit_query(&mut self, query: &mut datafusion::sql::sqlparser::ast::Query) -> ControlFlow<String> {
        use datafusion::sql::sqlparser::ast::SetExpr;
        select_item_names(&mut query.body, &self.columns);
        if let SetExpr::Values(values) = query.body.as_ref() {
            let width = values.rows.first().map_or(0, |row| row.len());
            if width > 0 {
                let columns = (1..=width).map(|i| format!("col{i}")).collect::<Vec<_>>().join(", ");
                let text = format!("SELECT * FROM ({values}) AS __values({columns})");
                if let Ok(body) = Parser::new(&SparkSqlDialect {}).try_with_sql(&text).and_then(|mut p| p.parse_query()) {
                    query.body = body.body;
                }
            }
        }
        ControlFlow::Continue(())
    }

    /// Spark's `range(...)` table function names its column `id` (DataFusion's `value`).
    /// A Python table function's call, `FROM f(args) AS t`, reads the rows of its
    /// generator, `(SELECT inline(__ember_udtf__f(args))) AS t`, as Spark plans a Python
    /// UDTF call as a `Generate`.
    fn post_visit_table_factor(&mut self, table_factor: &mut datafusion::sql::sqlparser::ast::TableFactor) -> ControlFlow<String> {
        use datafusion::sql::sqlparser::ast::TableFactor;
        if let TableFactor::Table { name, alias, args: Some(args), .. } = table_factor {
            let lower = name.to_string().to_lowercase();
            if let Some(columns) = self.table_functions.get(&lower) {
                let arguments = args.args.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ");
                // An alias written `AS t` displays with its `AS`.
                let alias = alias.as_ref().map(|a| a.to_string().trim_start_matches("AS ").to_string()).unwrap_or_else(|| format!("`{lower}`"));
                let quoted = |name: &String| format!("`{}`", name.replace('`', "``"));
                let columns = columns.iter().map(|c| format!("{ROW}.{} AS {}", quoted(c), quoted(c))).collect::<Vec<_>>().join(", ");
                // The rows' columns are selected from the exploded structs under their own
                // names, so that the query around the call sees them.
                const ROW: &str = "__ember_udtf_row";
                let text = format!("(SELECT {columns} FROM (SELECT explode({PYTHON_TABLE_FUNCTION}{lower}({arguments})) AS {ROW})) AS {alias}");
                if let Ok(replacement) = Parser::new(&SparkSqlDialect {}).try_with_sql(&text).and_then(|mut p| p.parse_table_factor()) {
                    *table_factor = replacement;
                }
                return ControlFlow::Continue(());
            }
            if name.to_string().eq_ignore_ascii_case("range") {
                let arguments = args.args.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ");
                let alias = alias.as_ref().map(ToString::to_string).unwrap_or_else(|| "range".to_string());
                let text = format!("(SELECT value AS id FROM range({arguments})) AS {alias}");
                if let Ok(replacement) = Parser::new(&SparkSqlDialect {}).try_with_sql(&text).and_then(|mut p| p.parse_table_factor()) {
                    *table_factor = replacement;
                }
            }
        }
        ControlFlow::Continue(())
    }

    fn post_visit_expr(&mut self, expr: &mut SqlExpr) -> ControlFlow<String> {
        // PySpark's DataFrame-only functions (`product`, `negate`) are not SQL's.
        if let SqlExpr::Function(function) = expr {
            let name = function.name.to_string();
            if crate::spark::function_names::is_dataframe_only(&name) {
                return ControlFlow::Break(name);
            }
        }
        // Spark's interval literals are read by Spark's rules (`udfs::intervals`).
        if let SqlExpr::Interval(interval) = expr {
            if let Some(marker) = interval_marker(interval) {
                *expr = marker;
                return ControlFlow::Continue(());
            }
        }
        string_arithmetic(expr);
        struct_field_names(expr);
        // Spark's `TRIM([BOTH|LEADING|TRAILING] [chars FROM] s)` reads a number as text,
        // as its `trim(s)` call does (`registry::Implicit::Strings`).
        if let SqlExpr::Trim { expr: text, .. } = expr {
            if let Some(call) = parse_sql_expression(&format!("{}({text})", super::udfs::replaceable::IMPLICIT_STRING)) {
                **text = call;
            }
        }
        // Spark's `substr(s, pos[, len])` and `substring(s, pos[, len])`, also written
        // `SUBSTRING(s FROM pos FOR len)`, are function calls (named by the name used, with
        // the default length written in).
        if let SqlExpr::Substring { expr: text, substring_from: Some(from), substring_for, shorthand, .. } = expr {
            let name = if *shorthand { "substr" } else { "substring" };
            let length = substring_for.as_ref().map(|l| format!(", {l}")).unwrap_or_default();
            // Parsed under another name, since the parser reads `substr(...)` as the special form.
            if let Some(SqlExpr::Function(mut call)) = parse_sql_expression(&format!("ember_call({text}, {from}{length})")) {
                call.name = datafusion::sql::sqlparser::ast::ObjectName::from(vec![Ident::new(name)]);
                *expr = SqlExpr::Function(call);
            }
        }
        implicit_arguments(expr);
        // Spark's `EXTRACT(field FROM x)` is its date_part (the engine's SQL planner would
        // call its own, which numbers days of the week from 0).
        if let SqlExpr::Extract { field, expr: source, .. } = expr {
            let field = field.to_string().to_ascii_lowercase().replace('\'', "");
            if let Some(call) = parse_sql_expression(&format!("date_part('{field}', {source})")) {
                *expr = call;
            }
        }
        // Spark's `timestampadd(unit, n, ts)` / `timestampdiff(unit, a, b)` (also
        // `dateadd`, and `datediff`/`date_diff` with three arguments) take the unit as a
        // bare word: it is passed as text.
        if let SqlExpr::Function(function) = expr {
            let name = function.name.to_string().to_lowercase();
            if let FunctionArguments::List(list) = &mut function.args {
                let three = list.args.len() == 3;
                let renamed = match name.as_str() {
                    "timestampadd" | "timestamp_add" => Some("timestampadd"),
                    "dateadd" | "date_add" if three => Some("timestampadd"),
                    "timestampdiff" | "timestamp_diff" => Some("timestampdiff"),
                    "datediff" | "date_diff" if three => Some("timestampdiff"),
                    _ => None,
                };
                if let (Some(renamed), true) = (renamed, three) {
                    use datafusion::sql::sqlparser::ast::{FunctionArg, FunctionArgExpr, Ident, ObjectName, Value};
                    if let FunctionArg::Unnamed(FunctionArgExpr::Expr(SqlExpr::Identifier(unit))) = &list.args[0] {
                        list.args[0] = FunctionArg::Unnamed(FunctionArgExpr::Expr(SqlExpr::Value(Value::SingleQuotedString(unit.value.clone()).into())));
                    }
                    function.name = ObjectName::from(vec![Ident::new(renamed)]);
                }
            }
        }
        // Under `spark.sql.mapKeyDedupPolicy=LAST_WIN`, `map(k1, v1, k2, v2, ...)` is built
        // as one map per pair, concatenated so that a repeated key keeps its last value
        // (see `udfs::collection::map_concat`); the column keeps the map call's name.
        if let SqlExpr::Function(function) = expr {
            let name = function.name.to_string().to_lowercase();
            if name == "map" && super::udfs::collection::last_win() {
                if let FunctionArguments::List(list) = &function.args {
                    let arguments: Vec<String> = list.args.iter().map(|a| a.to_string()).collect();
                    if arguments.len() >= 4 && arguments.len() % 2 == 0 {
                        let shown: Vec<String> = arguments.iter().map(|a| a.strip_prefix('\'').and_then(|a| a.strip_suffix('\'')).map_or_else(|| a.clone(), |a| a.replace("''", "'"))).collect();
                        let pairs: Vec<String> = arguments.chunks(2).map(|pair| format!("map({}, {})", pair[0], pair[1])).collect();
                        let text = format!("{}(map_concat({}), '{}')", super::udfs::spark_named::SPARK_NAMED, pairs.join(", "), format!("map({})", shown.join(", ")).replace('\'', "''"));
                        if let Some(replacement) = parse_sql_expression(&text) {
                            *expr = replacement;
                            return ControlFlow::Continue(());
                        }
                    }
                }
            }
        }
        // Spark SQL's two-argument trim, ltrim and rtrim take the characters to trim first
        // (`StringTrim(trimStr, srcStr)`); the engine's take the text first.
        if let SqlExpr::Function(function) = expr {
            let name = function.name.to_string().to_lowercase();
            if matches!(name.as_str(), "trim" | "ltrim" | "rtrim") {
                if let FunctionArguments::List(list) = &mut function.args {
                    if list.args.len() == 2 {
                        list.args.swap(0, 1);
                    }
                }
            }
        }
        // Spark's `s RLIKE p` / `s REGEXP p` is a regular-expression match (named
        // `RLIKE(s, p)` by `naming`).
        if let SqlExpr::RLike { negated, expr: text, pattern, .. } = expr {
            use datafusion::sql::sqlparser::ast::{BinaryOperator, UnaryOperator};
            let matched = SqlExpr::BinaryOp { left: text.clone(), op: BinaryOperator::PGRegexMatch, right: pattern.clone() };
            *expr = if *negated { SqlExpr::UnaryOp { op: UnaryOperator::Not, expr: Box::new(SqlExpr::Nested(Box::new(matched))) } } else { matched };
        }
        // Spark's typed literals `DATE '...'` and `TIMESTAMP '...'` are values read by
        // Spark's rules and named `DATE '2024-01-01'`; they are marked so that they are not
        // taken for a CAST (see `typed_literal`).
        if let SqlExpr::TypedString(typed) = expr {
            use datafusion::sql::sqlparser::ast::DataType as SqlType;
            let kind = match typed.data_type {
                // Spark's `TIME '14:30:00.5'`, a TIME(6) value (`udfs::time_of_day`).
                SqlType::Time(..) => Some("TIME"),
                SqlType::Date => Some("DATE"),
                SqlType::Timestamp(..) => Some("TIMESTAMP"),
                SqlType::TimestampNtz(..) => Some("TIMESTAMP_NTZ"),
                SqlType::Custom(ref name, _) if name.to_string().eq_ignore_ascii_case("timestamp_ltz") => Some("TIMESTAMP"),
                _ => None,
            };
            if let (Some(kind), Some(text)) = (kind, typed.value.value.clone().into_string()) {
                let quoted = text.replace('\'', "''");
                if let Some(replacement) = parse_sql_expression(&format!("{TYPED_LITERAL}('{kind}', '{quoted}')")) {
                    *expr = replacement;
                }
            }
            return ControlFlow::Continue(());
        }
        // Spark types an integer literal that fits 32 bits as INT; DataFusion plans BIGINT.
        // Operands and function arguments are marked `ember_int(n)` so that functions and
        // operators plan on INT; the marker becomes an INT literal after planning. (Other
        // places, such as ordinals and LIMIT, need DataFusion's own literal.)
        match expr {
            SqlExpr::BinaryOp { left, right, .. } => {
                int_literal(left);
                int_literal(right);
            }
            // The scale of `ceil`/`floor` must stay a literal (`scaled_rounding`).
            SqlExpr::Function(function) if !matches!(function.name.to_string().to_lowercase().as_str(), "ceil" | "ceiling" | "floor") => {
                if let FunctionArguments::List(list) = &mut function.args {
                    for argument in &mut list.args {
                        if let datafusion::sql::sqlparser::ast::FunctionArg::Unnamed(datafusion::sql::sqlparser::ast::FunctionArgExpr::Expr(argument)) = argument {
                            int_literal(argument);
                        }
                    }
                }
            }
            SqlExpr::Nested(inner) => int_literal(inner),
            _ => {}
        }
        // Spark's `first(v, true)` and `last(v, true)` (`First`, `Last` with `ignoreNulls`)
        // are the engine's `first_value(v) IGNORE NULLS`. A call by a Spark name whose column
        // the function table names is planned as the engine function (see
        // `function_names::sql_engine_name`).
        if let SqlExpr::Function(function) = expr {
            use datafusion::sql::sqlparser::ast::{FunctionArg, FunctionArgExpr, NullTreatment, ObjectName, Value};
            let name = function.name.to_string().to_lowercase();
            if let Some(engine) = crate::spark::function_names::sql_engine_name(&name) {
                function.name = ObjectName::from(vec![Ident::new(engine)]);
            }
            // Spark's SQL aliases that are the function they stand for, named by it:
            // two-argument `dateadd` is `date_add`, `array_agg` is `collect_list`, and
            // one-argument `log(x)` is `LOG(E(), x)` (Spark's `Logarithm` of base e).
            // (`curdate()`: `naming`.)
            if let FunctionArguments::List(list) = &mut function.args {
                match (name.as_str(), list.args.len()) {
                    ("dateadd", 2) => function.name = ObjectName::from(vec![Ident::new("date_add")]),
                    ("array_agg", _) => function.name = ObjectName::from(vec![Ident::new("collect_list")]),
                    ("log", 1) => {
                        list.args.insert(0, FunctionArg::Unnamed(FunctionArgExpr::Expr(call_without_arguments("e"))));
                    }
                    _ => {}
                }
            }
            if matches!(name.as_str(), "first" | "last" | "first_value" | "last_value" | "any_value") {
                if let FunctionArguments::List(list) = &mut function.args {
                    if let [_, FunctionArg::Unnamed(FunctionArgExpr::Expr(SqlExpr::Value(flag)))] = list.args.as_slice() {
                        if let Value::Boolean(ignore_nulls) = flag.value {
                            list.args.pop();
                            function.null_treatment = Some(if ignore_nulls { NullTreatment::IgnoreNulls } else { NullTreatment::RespectNulls });
                        }
                    }
                }
            }
        }
        // Spark's analyzer writes the defaults of optional arguments into the call, which
        // its column name shows (`months_between(a, b, true)`).
        if let SqlExpr::Function(function) = expr {
            let name = function.name.to_string().to_lowercase();
            if let FunctionArguments::List(list) = &mut function.args {
                for value in super::registry::default_arguments(&name, list.args.len()) {
                    use super::registry::Default;
                    use datafusion::sql::sqlparser::ast::Value;
                    if matches!(value, Default::CurrentTimestamp) {
                        list.args.push(datafusion::sql::sqlparser::ast::FunctionArg::Unnamed(datafusion::sql::sqlparser::ast::FunctionArgExpr::Expr(call_without_arguments("current_timestamp"))));
                        continue;
                    }
                    let argument = SqlExpr::value(match value {
                        // A negative default is one literal (`-1`), not a negation.
                        Default::Int(v) => Value::Number(v.to_string(), false),
                        Default::Bool(v) => Value::Boolean(v),
                        Default::Text(v) => Value::SingleQuotedString(v.to_string()),
                        Default::Float(v) => Value::Number(format!("{v:?}"), false),
                        Default::DecimalZero(scale) => Value::Number(format!("0.{}", "0".repeat(usize::from(scale))), false),
                        Default::Null | Default::CurrentTimestamp => Value::Null,
                    });
                    list.args.push(datafusion::sql::sqlparser::ast::FunctionArg::Unnamed(datafusion::sql::sqlparser::ast::FunctionArgExpr::Expr(argument)));
                }
            }
        }
        // Spark's count(DISTINCT a, b) counts distinct rows with no NULL argument: one
        // struct of them per row, NULL when any is (as `registry`'s count).
        if let SqlExpr::Function(function) = expr {
            use datafusion::sql::sqlparser::ast::DuplicateTreatment;
            if function.name.to_string().eq_ignore_ascii_case("count") {
                if let FunctionArguments::List(list) = &function.args {
                    if list.duplicate_treatment == Some(DuplicateTreatment::Distinct) && list.args.len() > 1 {
                        let arguments: Vec<String> = list.args.iter().map(ToString::to_string).collect();
                        let nulls = arguments.iter().map(|a| format!("({a}) IS NULL")).collect::<Vec<_>>().join(" OR ");
                        let text = format!("count(DISTINCT CASE WHEN {nulls} THEN NULL ELSE struct({}) END)", arguments.join(", "));
                        if let Some(replacement) = parse_sql_expression(&text) {
                            *expr = replacement;
                        }
                        return ControlFlow::Continue(());
                    }
                }
            }
        }
        // Spark's `ceil(x, scale)`/`floor(x, scale)`, which sqlparser reads as its own CEIL
        // and FLOOR syntax, are calls of the functions of the same name.
        let scaled = match &*expr {
            SqlExpr::Ceil { expr: inner, field: datafusion::sql::sqlparser::ast::CeilFloorKind::Scale(scale) } => Some(("ceil", format!("ember_scaled({inner}, 0)"), scale.clone())),
            SqlExpr::Floor { expr: inner, field: datafusion::sql::sqlparser::ast::CeilFloorKind::Scale(scale) } => Some(("floor", format!("ember_scaled({inner}, 0)"), scale.clone())),
            _ => None,
        };
        if let Some((name, text, scale)) = scaled {
            if let Some(SqlExpr::Function(mut call)) = parse_sql_expression(&text) {
                call.name = datafusion::sql::sqlparser::ast::ObjectName::from(vec![Ident::new(name)]);
                // The scale stays one literal (`-1`, not a negation), as Spark reads it.
                if let FunctionArguments::List(list) = &mut call.args {
                    if let Some(datafusion::sql::sqlparser::ast::FunctionArg::Unnamed(datafusion::sql::sqlparser::ast::FunctionArgExpr::Expr(argument))) = list.args.get_mut(1) {
                        *argument = SqlExpr::Value(scale);
                    }
                }
                *expr = SqlExpr::Function(call);
            }
            return ControlFlow::Continue(());
        }
        // Spark's empty `map()` is the engine's map of two empty arrays (named `map()`).
        if let SqlExpr::Function(function) = expr {
            let empty = matches!(&function.args, FunctionArguments::List(list) if list.args.is_empty()) || matches!(function.args, FunctionArguments::None);
            if empty && function.name.to_string().eq_ignore_ascii_case("map") {
                if let Some(replacement) = parse_sql_expression("map(array(), array())") {
                    *expr = replacement;
                }
                return ControlFlow::Continue(());
            }
        }
        // Spark's `a DIV b` becomes `ember_div(a, b)`, which DataFusion can plan.
        if let SqlExpr::BinaryOp { left, op: BinaryOperator::MyIntegerDivide, right } = expr {
            let text = format!("ember_div({left}, {right})");
            if let Some(replacement) = parse_sql_expression(&text) {
                *expr = replacement;
            }
            return ControlFlow::Continue(());
        }
        // Spark unescapes backslash sequences in string literals (`unescapeSQLString`).
        if let SqlExpr::Value(value) = expr {
            if let datafusion::sql::sqlparser::ast::Value::SingleQuotedString(text) | datafusion::sql::sqlparser::ast::Value::DoubleQuotedString(text) = &mut value.value {
                if text.contains('\\') {
                    *text = unescape_sql_string(text);
                }
                return ControlFlow::Continue(());
            }
        }
        // An integer literal too wide for a bigint is a decimal(n, 0) in Spark.
        if let SqlExpr::Value(value) = expr {
            if let datafusion::sql::sqlparser::ast::Value::Number(text, _) = &value.value {
                if text.len() <= 38 && text.bytes().all(|b| b.is_ascii_digit()) && text.parse::<i64>().is_err() {
                    let cast = format!("CAST('{text}' AS DECIMAL({}, 0))", text.len());
                    if let Some(replacement) = parse_sql_expression(&cast) {
                        *expr = replacement;
                    }
                }
            }
            return ControlFlow::Continue(());
        }
        // Spark's bare DECIMAL is decimal(10,0) (DataFusion reads decimal(38,10)); its
        // TIMESTAMP_NTZ is the engine's timestamp without a time zone, BINARY its bytes.
        if let SqlExpr::Cast { data_type, .. } = expr {
            use datafusion::sql::sqlparser::ast::{DataType as SqlType, ExactNumberInfo, TimezoneInfo};
            if let SqlType::Decimal(info @ ExactNumberInfo::None) | SqlType::Dec(info @ ExactNumberInfo::None) | SqlType::Numeric(info @ ExactNumberInfo::None) = data_type {
                *info = ExactNumberInfo::PrecisionAndScale(10, 0);
            }
            if let SqlType::TimestampNtz(precision) = data_type {
                *data_type = SqlType::Timestamp(*precision, TimezoneInfo::WithoutTimeZone);
            }
            // Spark's BINARY is the engine's variable-length bytes.
            if let SqlType::Binary(_) = data_type {
                *data_type = SqlType::Bytea;
            }
        }
        // Spark's `arr[i]` (0-based) and `m[k]` become ember_subscript calls.
        if let SqlExpr::CompoundFieldAccess { root, access_chain } = expr {
            let subscripts: Option<Vec<String>> = access_chain
                .iter()
                .map(|access| match access {
                    AccessExpr::Subscript(Subscript::Index { index }) => Some(index.to_string()),
                    _ => None,
                })
                .collect();
            if let Some(subscripts) = subscripts {
                let text = subscripts.iter().fold(root.to_string(), |inner, index| format!("{}({inner}, {index})", super::udfs::collection::SUBSCRIPT));
                if let Some(replacement) = parse_sql_expression(&text) {
                    *expr = replacement;
                }
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
                    if let Some(replacement) = parse_sql_expression(&text) {
                        *expr = replacement;
                        return ControlFlow::Continue(());
                    }
                }
            }
        }
        // Spark's `a || b` is its concat(a, b) (of text, bytes or arrays, numbers read as
        // text), which the engine's operator refuses for numbers.
        if let SqlExpr::BinaryOp { left, op: BinaryOperator::StringConcat, right } = expr {
            if let Some(SqlExpr::Function(mut call)) = parse_sql_expression("ember_call(NULL, NULL)") {
                use datafusion::sql::sqlparser::ast::{FunctionArg, FunctionArgExpr};
                if let FunctionArguments::List(list) = &mut call.args {
                    list.args = vec![FunctionArg::Unnamed(FunctionArgExpr::Expr(left.as_ref().clone())), FunctionArg::Unnamed(FunctionArgExpr::Expr(right.as_ref().clone()))];
                }
                call.name = datafusion::sql::sqlparser::ast::ObjectName::from(vec![Ident::new("concat")]);
                *expr = SqlExpr::Function(call);
            }
        }
        registry_call(expr);
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

/// Spark's `SparkParserUtils.unescapeSQLString` on a literal's text: `\\n`, `\\t`, `\\r`,
/// `\\b`, `\\0`, `\\Z`, `\\uXXXX`, octal `\\ddd`; `\\%` and `\\_` keep their backslash
/// (LIKE escapes); any other escaped character stands for itself.
pub fn unescape_sql_string(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c != '\\' || i + 1 >= chars.len() {
            out.push(c);
            i += 1;
            continue;
        }
        let next = chars[i + 1];
        i += 2;
        match next {
            'n' => out.push('\n'),
            't' => out.push('\t'),
            'r' => out.push('\r'),
            'b' => out.push('\u{8}'),
            'Z' => out.push('\u{1a}'),
            '%' | '_' => {
                out.push('\\');
                out.push(next);
            }
            'u' if i + 4 <= chars.len() && chars[i..i + 4].iter().all(|c| c.is_ascii_hexdigit()) => {
                let code: String = chars[i..i + 4].iter().collect();
                out.extend(u32::from_str_radix(&code, 16).ok().and_then(char::from_u32));
                i += 4;
            }
            '0'..='7' if i + 2 <= chars.len() && chars[i..i + 2].iter().all(|c| ('0'..='7').contains(c)) => {
                let code: String = std::iter::once(next).chain(chars[i..i + 2].iter().copied()).collect();
                out.extend(u32::from_str_radix(&code, 8).ok().and_then(char::from_u32));
                i += 2;
            }
            '0' => out.push('\0'),
            other => out.push(other),
        }
    }
    out
}

/// The name of the marker of an INT literal (see `SparkSyntax::post_visit_expr`).
pub const INT_LITERAL: &str = "ember_int";

/// The name of the marker of a `DATE '...'` or `TIMESTAMP '...'` literal: the kind and
/// the text, read after planning by `typed_literal`.
pub const TYPED_LITERAL: &str = "ember_typed_literal";

/// The value a SQL literal marker stands for: a typed literal or an interval literal
/// (`udfs::intervals::literal`); `None` for other expressions.
fn marked_literal(expr: &Expr) -> datafusion::error::Result<Option<Expr>> {
    match typed_literal(expr)? {
        Some(value) => Ok(Some(value)),
        None => super::udfs::intervals::literal(expr),
    }
}

/// The value of a typed-literal marker: Spark's `DATE`/`TIMESTAMP` literal read by Spark's
/// string-to-date and string-to-timestamp rules; text those rules reject raises Spark's
/// `INVALID_TYPED_LITERAL` (a ParseException, as Spark raises it while parsing).
fn typed_literal(expr: &Expr) -> datafusion::error::Result<Option<Expr>> {
    let Expr::ScalarFunction(function) = expr else {
        return Ok(None);
    };
    if function.name() != TYPED_LITERAL {
        return Ok(None);
    }
    let (Some(Expr::Literal(ScalarValue::Utf8(Some(kind)), _)), Some(Expr::Literal(ScalarValue::Utf8(Some(text)), _))) = (function.args.first(), function.args.get(1)) else {
        return Ok(None);
    };
    match typed_literal_value(kind, text) {
        Some(value) => Ok(Some(Expr::Literal(value, None))),
        None => Err(datafusion::error::DataFusionError::External(Box::new(EngineError::spark(
            super::error::ErrorClass::Parse,
            "INVALID_TYPED_LITERAL",
            format!("The value of the typed literal \"{kind}\" is invalid: '{text}'."),
            &[("valueType", format!("\"{kind}\"")), ("value", format!("'{text}'"))],
        )))),
    }
}

/// The value of Spark's typed literal `kind 'text'` (`DATE`, `TIMESTAMP`), `None` where
/// Spark's string-to-date or string-to-timestamp rules reject the text.
pub fn typed_literal_value(kind: &str, text: &str) -> Option<ScalarValue> {
    match kind {
        "DATE" => super::cast::parse_date(text).map(|days| ScalarValue::Date32(Some(days))),
        "TIME" => super::udfs::time_of_day::parse_time(text, None).map(|micros| ScalarValue::Time64Microsecond(Some(micros))),
        "TIMESTAMP_NTZ" => super::cast::parse_timestamp(text, true).map(|micros| ScalarValue::TimestampMicrosecond(Some(micros), None)),
        _ => super::cast::parse_timestamp(text, false).map(|micros| ScalarValue::TimestampMicrosecond(Some(micros), Some("UTC".into()))),
    }
}

/// Wraps an integer literal that fits 32 bits (`7`, or `-7`, a negated literal in the
/// syntax tree) in the INT marker.
fn int_literal(expr: &mut SqlExpr) {
    use datafusion::sql::sqlparser::ast::{UnaryOperator, Value};
    let text = match &*expr {
        SqlExpr::UnaryOp { op: UnaryOperator::Minus, expr: inner } => match inner.as_ref() {
            SqlExpr::Value(value) => match &value.value {
                Value::Number(text, false) => format!("-{text}"),
                _ => return,
            },
            _ => return,
        },
        SqlExpr::Value(value) => match &value.value {
            Value::Number(text, false) => text.clone(),
            _ => return,
        },
        _ => return,
    };
    if text.parse::<i32>().is_ok() {
        if let Some(replacement) = parse_sql_expression(&format!("{INT_LITERAL}({text})")) {
            *expr = replacement;
        }
    }
}

/// A SQL expression parsed from rewritten text, `None` if it does not parse (the caller
/// then keeps the original).
fn parse_sql_expression(text: &str) -> Option<SqlExpr> {
    Parser::new(&SparkSqlDialect {}).try_with_sql(text).and_then(|mut parser| parser.parse_expr()).ok()
}

fn parse_failure(error: datafusion::error::DataFusionError) -> EngineError {
    match error {
        datafusion::error::DataFusionError::SQL(parse, _) => parse_error(&parse.to_string()),
        other => parse_error(&other.to_string()),
    }
}

/// The units an interval literal may name, singular (Spark's `IntervalUtils`; a plural
/// `s` is also accepted).
const INTERVAL_UNITS: &str = "year|month|week|day|hour|minute|second|millisecond|microsecond";

/// Spark's higher-order function `exists(array, x -> ...)`, which sqlparser reads as the
/// `EXISTS (subquery)` predicate: a call not followed by a query gets its name quoted
/// (`` `exists`(...) ``), so that it parses as a function call.
pub fn exists_calls(text: &str) -> String {
    static CALL: std::sync::OnceLock<Option<regex::Regex>> = std::sync::OnceLock::new();
    let Some(call) = CALL.get_or_init(|| regex::Regex::new(r"(?i)\bexists\s*\(").ok()) else {
        return text.to_string();
    };
    let mut out = String::with_capacity(text.len() + 2);
    for (quoted, segment) in sql_segments(text) {
        if quoted {
            out.push_str(&segment);
            continue;
        }
        let mut last = 0;
        for found in call.find_iter(&segment) {
            let rest = segment[found.end()..].trim_start().to_ascii_lowercase();
            let subquery = rest.is_empty() || rest.starts_with("select") || rest.starts_with("with") || rest.starts_with('(');
            if subquery {
                continue;
            }
            out.push_str(&segment[last..found.start()]);
            out.push_str("`exists`(");
            last = found.end();
        }
        out.push_str(&segment[last..]);
    }
    out
}

/// Spark's interval literals that sqlparser's Spark dialect, which requires one unit after
/// the value, does not read: units inside the string (`INTERVAL '68 days'`,
/// `INTERVAL '1 year 2 months'`) and several unquoted units (`INTERVAL 1 YEAR 2 MONTHS`).
/// Each becomes the marker of one interval literal (`udfs::intervals::INTERVAL_LITERAL`),
/// typed as Spark types it. Other quoted text and identifiers are left alone.
pub fn interval_literals(text: &str) -> String {
    use regex::Regex;
    // The patterns, compiled once: `INTERVAL` ending a text, `n unit`, a unit, `INTERVAL `.
    static PATTERNS: std::sync::OnceLock<Option<[Regex; 4]>> = std::sync::OnceLock::new();
    let patterns = PATTERNS.get_or_init(|| {
        Some([
            Regex::new(r"(?i)\binterval\s*$").ok()?,
            Regex::new(&format!(r"(?i)^\s*(-?\d+(?:\.\d+)?)\s+((?:{INTERVAL_UNITS})s?)\b")).ok()?,
            Regex::new(&format!(r"(?i)^\s*({INTERVAL_UNITS})s?\b")).ok()?,
            Regex::new(r"(?i)\binterval\s").ok()?,
        ])
    });
    let Some([keyword, unit, qualified, unquoted]) = patterns else {
        return text.to_string();
    };
    // The units and values of `text` when all of it is `n unit [n unit ...]`.
    let parts = |mut rest: &str| {
        let mut parts = Vec::new();
        while let Some(found) = unit.captures(rest) {
            parts.push((found[1].to_string(), found[2].to_uppercase()));
            rest = &rest[found[0].len()..];
        }
        (parts, rest.len())
    };
    // The literal as the marker of Spark's interval literal (`udfs::intervals`), read by
    // Spark's rules after parsing.
    let sum = |parts: &[(String, String)]| {
        let text = parts.iter().map(|(value, unit)| format!("{value} {}", unit.to_lowercase())).collect::<Vec<_>>().join(" ");
        super::udfs::intervals::marker_text(&text, "", "")
    };
    let segments = sql_segments(text);
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < segments.len() {
        let (quoted, segment) = &segments[i];
        if !quoted && keyword.is_match(segment) {
            // `INTERVAL 'n unit ...'` not followed by a unit of its own.
            if let Some((true, string)) = segments.get(i + 1) {
                let body = &string[1..string.len().saturating_sub(1)];
                let next_qualifies = segments.get(i + 2).is_some_and(|(_, next)| qualified.is_match(next));
                let (found, left) = parts(body);
                if string.starts_with('\'') && !found.is_empty() && body[body.len() - left..].trim().is_empty() && !next_qualifies {
                    let start = keyword.find(segment).map_or(segment.len(), |m| m.start());
                    out.push_str(&segment[..start]);
                    out.push_str(&sum(&found));
                    i += 2;
                    continue;
                }
            }
        }
        if !quoted {
            // `INTERVAL n unit n unit ...` with two units or more.
            let mut rest = segment.as_str();
            while let Some(position) = unquoted.find(rest) {
                out.push_str(&rest[..position.end()]);
                rest = &rest[position.end()..];
                let (found, left) = parts(rest);
                if found.len() >= 2 {
                    out.truncate(out.len() - (position.end() - position.start()));
                    out.push_str(&sum(&found));
                    rest = &rest[rest.len() - left..];
                }
            }
            out.push_str(rest);
        } else {
            out.push_str(segment);
        }
        i += 1;
    }
    out
}

/// The end (exclusive) of the string or quoted identifier opening at `start`: its closing
/// quote, skipping backslash escapes in strings; the end of the text when unclosed.
fn quoted_end(chars: &[char], start: usize) -> usize {
    let quote = chars[start];
    let mut i = start + 1;
    while i < chars.len() && chars[i] != quote {
        if chars[i] == '\\' && quote != '`' {
            i += 1;
        }
        i += 1;
    }
    (i + 1).min(chars.len())
}

/// SQL text split into quoted strings and identifiers (`true`) and the text between them.
fn sql_segments(text: &str) -> Vec<(bool, String)> {
    let chars: Vec<char> = text.chars().collect();
    let mut segments: Vec<(bool, String)> = Vec::new();
    let mut plain = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if matches!(c, '\'' | '"' | '`') {
            let end = quoted_end(&chars, i);
            segments.push((false, std::mem::take(&mut plain)));
            segments.push((true, chars[i..end].iter().collect()));
            i = end;
            continue;
        }
        plain.push(c);
        i += 1;
    }
    segments.push((false, plain));
    segments
}

/// Spark's typed number literals (`1.5D`, `7L`, `3S`, `2Y`, `1.5BD`, `2F`) and exponent
/// literals (`1E3`, a double in Spark) rewritten as casts that sqlparser reads. Quoted text,
/// identifiers and comments are left alone.
pub fn typed_number_literals(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let identifier = |c: char| c.is_alphanumeric() || c == '_';
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\'' | '"' | '`' => {
                let end = quoted_end(&chars, i);
                out.extend(&chars[i..end]);
                i = end;
                continue;
            }
            '-' if chars.get(i + 1) == Some(&'-') => {
                let start = i;
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
                out.extend(&chars[start..i]);
                continue;
            }
            _ => {}
        }
        let starts_number = (c.is_ascii_digit() || (c == '.' && chars.get(i + 1).is_some_and(char::is_ascii_digit)))
            && (i == 0 || !(identifier(chars[i - 1]) || chars[i - 1] == '.'));
        if !starts_number {
            out.push(c);
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
            i += 1;
        }
        let mut exponent = false;
        if i < chars.len() && matches!(chars[i], 'e' | 'E') {
            let mut j = i + 1;
            if j < chars.len() && matches!(chars[j], '+' | '-') {
                j += 1;
            }
            if j < chars.len() && chars[j].is_ascii_digit() {
                while j < chars.len() && chars[j].is_ascii_digit() {
                    j += 1;
                }
                i = j;
                exponent = true;
            }
        }
        let number: String = chars[start..i].iter().collect();
        let rest: String = chars[i..chars.len().min(i + 3)].iter().collect::<String>().to_ascii_uppercase();
        let (suffix, length) = if rest.starts_with("BD") { ("DECIMAL", 2) } else {
            match rest.chars().next() {
                Some('D') => ("DOUBLE", 1),
                Some('F') => ("FLOAT", 1),
                Some('L') => ("BIGINT", 1),
                Some('S') => ("SMALLINT", 1),
                Some('Y') => ("TINYINT", 1),
                _ => ("", 0),
            }
        };
        let suffixed = length > 0 && !chars.get(i + length).is_some_and(|c| identifier(*c));
        if suffixed && suffix == "DECIMAL" {
            let (whole, fraction) = number.split_once('.').unwrap_or((&number, ""));
            let digits = whole.trim_start_matches('0').len() + fraction.len();
            out.push_str(&format!("CAST('{number}' AS DECIMAL({}, {}))", digits.max(1).max(fraction.len()), fraction.len()));
            i += length;
        } else if suffixed {
            out.push_str(&format!("CAST('{number}' AS {suffix})"));
            i += length;
        } else if exponent {
            out.push_str(&format!("CAST('{number}' AS DOUBLE)"));
        } else {
            out.push_str(&number);
        }
    }
    out
}

/// Parses Spark SQL text into one statement, after rewriting Spark's literal forms that the
/// parser does not know (typed numbers, interval strings with units).
pub fn parse_sql(session: &LocalSession, query: &str) -> Result<DataFusionStatement> {
    let state = session.context().state();
    let text = exists_calls(&interval_literals(&typed_number_literals(query)));
    state.sql_to_statement(&text, &Dialect::Spark).map_err(|error| {
        let raw = error.to_string();
        let failure = parse_failure(error);
        // The parser's location is only the query's when no rewrite moved its text.
        if text == query { with_parse_position(failure, query, &raw) } else { failure }
    })
}

/// A syntax error with where it is in `query`, for the text Spark's `ParseException`
/// prints (` (line 1, pos 11)` and the `== SQL ==` block with its caret line). The parser
/// reports a token's line and 1-based column in its error text `raw`; an error at the end of the input is at the
/// end of the last line. The place travels as the hidden parameters `__sql`, `__line` and
/// `__pos`, which `pyspark.errors.ParseException` takes out of its parameters.
fn with_parse_position(error: EngineError, query: &str, raw: &str) -> EngineError {
    let EngineError::Spark { class, condition, message, mut parameters } = error else { return error };
    static LOCATION: std::sync::OnceLock<Option<regex::Regex>> = std::sync::OnceLock::new();
    let location = LOCATION.get_or_init(|| regex::Regex::new(r"at Line: (\d+), Column: (\d+)").ok());
    let found = location.as_ref().and_then(|l| l.captures(raw)).and_then(|c| Some((c[1].parse::<usize>().ok()?, c[2].parse::<usize>().ok()?.saturating_sub(1))));
    let at_end = parameters.get("error").is_some_and(|e| e == "end of input");
    let (line, position) = match found {
        Some(place) if !at_end => place,
        _ => {
            let lines: Vec<&str> = query.split('\n').collect();
            (lines.len(), lines.last().map_or(0, |l| l.chars().count()))
        }
    };
    parameters.insert("__sql".to_string(), query.to_string());
    parameters.insert("__line".to_string(), line.to_string());
    parameters.insert("__pos".to_string(), position.to_string());
    EngineError::Spark { class, condition, message, parameters }
}

/// Plans a Spark SQL query (`spark.sql`).
pub async fn plan_sql(session: &LocalSession, query: &str) -> Result<LogicalPlan> {
    plan_statement(session, parse_sql(session, query)?, query).await
}

/// Plans a parsed statement with Spark's identifier, arithmetic and naming rules; `query`
/// is the statement's text.
pub async fn plan_statement(session: &LocalSession, mut statement: DataFusionStatement, query: &str) -> Result<LogicalPlan> {
    let mut state = session.context().state();
    datafusion::execution::FunctionRegistry::register_udf(&mut state, super::sql_calls::placeholder(session.context()))?;
    let columns = session.temp_view_columns()?;
    let table_functions = python_table_functions(&state);
    let mut lateral = lateral_views(session, &mut statement).await?;
    lateral.extend(lateral_table_functions(session, &mut statement, &table_functions).await?);
    if let DataFusionStatement::Statement(inner) = &mut statement {
        if let ControlFlow::Break(name) = inner.as_mut().visit(&mut SparkSyntax::new(columns.iter()).with_table_functions(table_functions)) {
            return Err(EngineError::routine_not_found(&name));
        }
    }
    let planned = state.statement_to_plan(statement).await;
    for name in &lateral {
        session.context().deregister_table(name.as_str())?;
    }
    let plan = super::udfs::time_window::drop_rows_without_time(super::generators::expand(planned?, true)?)?;
    let names = spark_output_names(&plan);
    let plan = spark_arithmetic(plan)?;
    let names = ruled_output_names(&plan, names);
    let plan = using_join_keys(plan, query)?;
    rename_outputs(plan, &names)
}

/// Spark's key columns of `JOIN ... USING (k)`: a RIGHT join takes the key from the right
/// side and a FULL join the first non-NULL of both (Spark's `commonNaturalJoinProcessing`),
/// where DataFusion's projection refers to the left side's key. The replacement keeps the
/// left key's qualified name, so that clauses above (ORDER BY) still find it. A query that
/// names a side's key (`ja.id`) is left as planned: the planned projection does not tell
/// that reference from the unqualified key.
fn using_join_keys(plan: LogicalPlan, query: &str) -> Result<LogicalPlan> {
    use datafusion::logical_expr::{JoinConstraint, JoinType, Projection};
    let rewritten = plan.transform_up(|node| {
        let LogicalPlan::Projection(projection) = &node else { return Ok(Transformed::no(node)) };
        let LogicalPlan::Join(join) = projection.input.as_ref() else { return Ok(Transformed::no(node)) };
        if join.join_constraint != JoinConstraint::Using || !matches!(join.join_type, JoinType::Full | JoinType::Right) {
            return Ok(Transformed::no(node));
        }
        let mut changed = false;
        let expressions = projection
            .expr
            .iter()
            .map(|expr| {
                let Expr::Column(column) = expr else { return expr.clone() };
                let key = join.on.iter().find(|(left, _)| matches!(left, Expr::Column(l) if l == column));
                let Some((left, right)) = key else { return expr.clone() };
                let qualified = regex::Regex::new(&format!(r"(?i)\.\s*`?{}`?\b", regex::escape(&column.name)));
                if qualified.map_or(true, |pattern| pattern.is_match(query)) {
                    return expr.clone();
                }
                changed = true;
                let value = if join.join_type == JoinType::Full {
                    datafusion::functions::core::expr_fn::coalesce(vec![left.clone(), right.clone()])
                } else {
                    right.clone()
                };
                Expr::Alias(datafusion::logical_expr::expr::Alias::new(value, column.relation.clone(), column.name.clone()))
            })
            .collect::<Vec<_>>();
        if !changed {
            return Ok(Transformed::no(node));
        }
        Ok(Transformed::yes(LogicalPlan::Projection(Projection::try_new(expressions, projection.input.clone())?)))
    })?;
    Ok(rewritten.data)
}

/// The projection that names a query's output columns: below any sort, limit or
/// DISTINCT, and a set operation's first side (which names its columns).
fn output_projection(plan: &LogicalPlan) -> Option<&datafusion::logical_expr::Projection> {
    match plan {
        LogicalPlan::Sort(sort) => output_projection(&sort.input),
        LogicalPlan::Limit(limit) => output_projection(&limit.input),
        LogicalPlan::Distinct(datafusion::logical_expr::Distinct::All(input)) => output_projection(input),
        LogicalPlan::Union(union) => union.inputs.first().and_then(|first| output_projection(first)),
        LogicalPlan::Projection(projection) => Some(projection),
        _ => None,
    }
}

/// Spark's names of the query's unaliased output columns (`(1 + 1)`, `count(1)`,
/// `upper(a)`), by position; `None` keeps the planned name (aliases and plain columns).
/// Read from the projection that gives the output, through sorts, limits and DISTINCT.
fn spark_output_names(plan: &LogicalPlan) -> Vec<Option<String>> {
    let Some(projection) = output_projection(plan) else { return Vec::new() };
    // Aggregates and window functions below are referred to by column.
    // (Window nodes stack, one per window specification; a HAVING filter or a
    // sort may stand between.)
    let mut computed: HashMap<String, Expr> = HashMap::new();
    let mut below = vec![projection.input.as_ref()];
    while let Some(input) = below.pop() {
        let expressions: Vec<Expr> = match input {
            LogicalPlan::Aggregate(aggregate) => aggregate.aggr_expr.clone(),
            LogicalPlan::Window(window) => {
                below.push(&window.input);
                window.window_expr.clone()
            }
            LogicalPlan::Filter(_) | LogicalPlan::Sort(_) => {
                below.extend(input.inputs());
                Vec::new()
            }
            _ => Vec::new(),
        };
        for expression in expressions {
            let name = expression.schema_name().to_string();
            computed.insert(name, expression.unalias());
        }
    }
    projection
        .expr
        .iter()
        .map(|expr| match expr {
            // Spark names count(*) count(1).
            _ if expr.schema_name().to_string() == "count(*)" => Some("count(1)".to_string()),
            // A repeated item (`select_item_names`): its alias, or its expression's name.
            Expr::Alias(alias) if alias.name.contains(DUPLICATE_MARK) => match alias.name.split_once(DUPLICATE_MARK) {
                Some(("", _)) => Some(super::naming::sql_output_name(&alias.expr)),
                Some((name, _)) => Some(name.to_string()),
                None => None,
            },
            Expr::Alias(alias) if !super::naming::is_planner_alias(alias) => None,
            Expr::Column(column) => computed.get(&column.name).map(super::naming::sql_output_name),
            // An expression of aggregates is named by the aggregates it reads
            // (`(sum(a) + 1)`), not by their planned columns.
            other => {
                let inlined = other.clone().transform_up(|e| match &e {
                    Expr::Column(column) => Ok(match computed.get(&column.name) {
                        Some(computed) => Transformed::yes(computed.clone()),
                        None => Transformed::no(e),
                    }),
                    _ => Ok(Transformed::no(e)),
                });
                Some(super::naming::sql_output_name(&inlined.map(|t| t.data).unwrap_or_else(|_| other.clone())))
            }
        })
        .collect()
}

/// `names` with the name a Spark rule gave an output (`dt + 1` is `date_add(dt, 1)`,
/// `sql::datetime_arithmetic`), where the output was named by its expression, not by an
/// alias the query wrote.
fn ruled_output_names(plan: &LogicalPlan, mut names: Vec<Option<String>>) -> Vec<Option<String>> {
    let Some(projection) = output_projection(plan) else { return names };
    for (name, expr) in names.iter_mut().zip(&projection.expr) {
        let inner = match expr {
            Expr::Alias(alias) => alias.expr.as_ref(),
            other => other,
        };
        // Over an aggregate's or a window's column the rule's name would show the engine's
        // column; the name read from the expressions stays.
        if inner.column_refs().iter().any(|c| c.name.contains('(')) {
            continue;
        }
        if let (Some(name), Some((_, ruled))) = (name.as_mut(), super::udfs::spark_named::parts(inner)) {
            *name = ruled.to_string();
        }
    }
    names
}

/// The plan with its output columns renamed where `names` gives a name. Outputs that share
/// a name (Spark allows `SELECT a, a`) each get a qualifier of their own, as
/// `resolver::project` gives them, so that a later reference by that name is ambiguous.
fn rename_outputs(plan: LogicalPlan, names: &[Option<String>]) -> Result<LogicalPlan> {
    if names.len() != plan.schema().fields().len() || names.iter().all(Option::is_none) {
        return Ok(plan);
    }
    let schema = plan.schema().clone();
    let finals: Vec<String> = schema.iter().zip(names).map(|((_, field), name)| name.clone().unwrap_or_else(|| field.name().clone())).collect();
    let mut counts: HashMap<String, usize> = HashMap::new();
    for name in &finals {
        *counts.entry(name.to_lowercase()).or_default() += 1;
    }
    let mut outputs = Vec::with_capacity(names.len());
    for (position, ((qualifier, field), name)) in schema.iter().zip(finals).enumerate() {
        let column = Expr::Column(datafusion::common::Column::new(qualifier.cloned(), field.name()));
        outputs.push(if counts.get(&name.to_lowercase()).is_some_and(|n| *n > 1) {
            column.alias_qualified(Some(format!("__ember_output_{position}")), name)
        } else if name == *field.name() {
            column
        } else {
            column.alias(name)
        });
    }
    Ok(datafusion::logical_expr::LogicalPlanBuilder::from(plan).project(outputs)?.build()?)
}

/// Parses a SQL expression (`expr("a + 1 AS b")`, `selectExpr`, `filter("a > 1")`) against
/// an input schema.
pub fn parse_expression(session: &LocalSession, text: &str, schema: &DFSchema) -> Result<Expr> {
    let mut state = session.context().state();
    datafusion::execution::FunctionRegistry::register_udf(&mut state, super::sql_calls::placeholder(session.context()))?;
    let rewritten = exists_calls(&interval_literals(&typed_number_literals(text)));
    let mut parsed = match state.sql_to_expr_with_alias(&rewritten, &Dialect::Spark) {
        Ok(parsed) => parsed,
        Err(error) => implicitly_aliased(&rewritten).ok_or_else(|| parse_failure(error))?,
    };
    let names: Vec<String> = schema.fields().iter().map(|f| f.name().clone()).collect();
    if let ControlFlow::Break(name) = parsed.expr.visit(&mut SparkSyntax::new(names.iter())) {
        return Err(EngineError::routine_not_found(&name));
    }
    let expr = state.create_logical_expr_from_sql_expr(parsed, schema)?;
    // Named as written (`(id + 1)`), as `spark.sql` names its outputs, not after the casts
    // Spark's rules add.
    let written = super::naming::spark_name(&expr);
    let ruled = expr.transform_up(|e| spark_rules(e, schema))?.data;
    // A rule that names its result as Spark does (`dt + 1` is `date_add(dt, 1)`) is kept.
    let ruled_name = super::udfs::spark_named::parts(&ruled).is_some();
    let keeps_name = ruled_name || matches!(ruled, Expr::Alias(_) | Expr::Column(_) | Expr::AggregateFunction(_) | Expr::WindowFunction(_)) || super::naming::spark_name(&ruled) == written;
    Ok(if keeps_name { ruled } else { super::udfs::spark_named::spark_named(ruled, written) })
}

/// Spark's named expression with its alias written without `AS` (`expr("id q")`,
/// `selectExpr("a + 1 total")`), which the engine's expression parser does not read.
fn implicitly_aliased(text: &str) -> Option<datafusion::sql::sqlparser::ast::ExprWithAlias> {
    use datafusion::sql::sqlparser::ast::{ExprWithAlias, SelectItem};
    use datafusion::sql::sqlparser::tokenizer::Token;
    let mut parser = Parser::new(&SparkSqlDialect {}).try_with_sql(text).ok()?;
    let item = parser.parse_select_item().ok()?;
    if parser.peek_token().token != Token::EOF {
        return None;
    }
    match item {
        SelectItem::ExprWithAlias { expr, alias } => Some(ExprWithAlias { expr, alias: Some(alias) }),
        _ => None,
    }
}

fn is_decimal(data_type: &DataType) -> bool {
    matches!(data_type, DataType::Decimal128(..) | DataType::Decimal256(..))
}

/// Spark's `DecimalType.fromLiteral`: an integer literal next to a decimal takes only the
/// precision its digits need (`3` is `decimal(1,0)`), which decides result scales.
fn narrow_integer_literal(expr: Expr) -> Expr {
    if let Expr::Literal(value, _) = &expr {
        let integer = match value {
            ScalarValue::Int8(Some(v)) => Some(i128::from(*v)),
            ScalarValue::Int16(Some(v)) => Some(i128::from(*v)),
            ScalarValue::Int32(Some(v)) => Some(i128::from(*v)),
            ScalarValue::Int64(Some(v)) => Some(i128::from(*v)),
            _ => None,
        };
        if let Some(integer) = integer {
            let digits = integer.unsigned_abs().to_string().len() as u8;
            return Expr::Literal(ScalarValue::Decimal128(Some(integer), digits, 0), None);
        }
    }
    expr
}

/// Spark's rules on one planned expression, shared by the SQL and DataFrame paths: casts
/// (`cast`), concat and struct, SQL's substr and LIKE, and arithmetic — `/` of
/// non-decimals is a double division that raises `DIVIDE_BY_ZERO` (ANSI), decimal
/// arithmetic keeps decimals with Spark's result types (integer literals narrowed as Spark
/// does), datetime subtraction gives intervals, and integer overflow raises (`arithmetic`).
pub fn spark_rules(expr: Expr, schema: &DFSchema) -> datafusion::error::Result<Transformed<Expr>> {
    // A call the function registry builds (`sql_calls`).
    if let Some(built) = super::sql_calls::resolve(&expr, schema) {
        return Ok(Transformed::yes(built?));
    }
    if let Some(value) = marked_literal(&expr)? {
        return Ok(Transformed::yes(value));
    }
    // Negation, try_divide and try_multiply of an interval (`udfs::intervals`).
    if let Some(interval) = super::udfs::intervals::spark_rule(&expr, schema) {
        return Ok(Transformed::yes(interval));
    }
    // Spark's nullability of built structs, arrays and maps (`udfs::constructors`).
    if let Some(wrapped) = super::udfs::constructors::with_spark_nullability(&expr) {
        return Ok(Transformed::yes(wrapped));
    }
    let expr = match expr {
        // A CASE's numeric branches widened to Spark's common type (`coercion::widened_case`).
        Expr::Case(case) => return Ok(super::resolver::coercion::widened_case(case, schema)),
        // Spark's Cast rules (see `cast`); SQL's TIMESTAMP is Spark's TIMESTAMP_LTZ.
        Expr::Cast(cast) => return spark_sql_cast(*cast.expr, cast.field.data_type(), false, schema),
        Expr::TryCast(cast) => return spark_sql_cast(*cast.expr, cast.field.data_type(), true, schema),
        // Spark's concat (and `||`) of arrays joins the arrays.
        Expr::ScalarFunction(function)
            if function.name() == "concat" && !function.args.is_empty() && function.args.iter().all(|a| matches!(a.get_type(schema), Ok(DataType::List(_) | DataType::LargeList(_)))) =>
        {
            return Ok(Transformed::yes(spark_array_concat(function.args)));
        }
        // concat's implicit casts to string use Spark's text.
        Expr::ScalarFunction(mut function) if matches!(function.name(), "concat" | "concat_ws") && function.args.iter().any(|a| matches!(a.get_type(schema), Ok(DataType::Float32 | DataType::Float64 | DataType::Timestamp(..)))) => {
            function.args = function.args.into_iter().map(|a| spark_text_argument(a, schema)).collect();
            return Ok(Transformed::yes(Expr::ScalarFunction(function)));
        }
        // Spark's struct(...) names its fields (`registry::struct_of`).
        Expr::ScalarFunction(function) if function.name() == "struct" => {
            return Ok(Transformed::yes(super::registry::struct_of(function.args)));
        }
        // Spark's to_char/to_varchar of a date or timestamp is date_format with Spark's
        // datetime pattern (DataFusion's reads chrono's, and would return the pattern text).
        Expr::ScalarFunction(function)
            if matches!(function.name(), "to_char" | "to_varchar")
                && function.args.len() == 2
                && function.args[0].get_type(schema).is_ok_and(|t| matches!(t, DataType::Date32 | DataType::Date64 | DataType::Timestamp(..))) =>
        {
            return Ok(Transformed::yes(super::udfs::datetime::date_format(function.args)));
        }
        // Spark's to_char/to_varchar of a number writes it in a number format
        // (`udfs::number_format`).
        Expr::ScalarFunction(function)
            if matches!(function.name(), "to_char" | "to_varchar")
                && function.args.len() == 2
                && function.args[0].get_type(schema).is_ok_and(|t| t.is_numeric()) =>
        {
            // Spark names to_varchar as to_char.
            let name = format!("to_char({})", function.args.iter().map(super::naming::spark_name).collect::<Vec<_>>().join(", "));
            let udf = Arc::new(datafusion::logical_expr::ScalarUDF::from(super::udfs::number_format::number_to_char()));
            let call = Expr::ScalarFunction(datafusion::logical_expr::expr::ScalarFunction::new_udf(udf, function.args));
            return Ok(Transformed::yes(super::udfs::spark_named::spark_named(call, name)));
        }
        // A regular-expression match reads its pattern as Java does (`string::java_regex`).
        Expr::BinaryExpr(BinaryExpr { left, op: op @ (Operator::RegexMatch | Operator::RegexNotMatch), right }) if matches!(right.as_ref(), Expr::Literal(ScalarValue::Utf8(Some(_)), _)) => {
            let right = super::udfs::string::java_pattern(*right);
            return Ok(Transformed::yes(Expr::BinaryExpr(BinaryExpr { left, op, right: Box::new(right) })));
        }
        // Java's Formatter rounds a number for `%.nf` HALF_UP from its shortest decimal
        // digits (`1.005` gives `1.01`), where the engine rounds the binary value: such
        // arguments are rounded first, as Spark's `round` rounds.
        Expr::ScalarFunction(mut function)
            if matches!(function.name(), "format_string" | "printf")
                && matches!(function.args.first(), Some(Expr::Literal(ScalarValue::Utf8(Some(_)), _))) =>
        {
            let Some(Expr::Literal(ScalarValue::Utf8(Some(format)), _)) = function.args.first().cloned() else { return Ok(Transformed::no(Expr::ScalarFunction(function))) };
            let mut changed = false;
            for (position, places) in super::registry::fixed_point_conversions(&format) {
                let Some(argument) = function.args.get(position + 1) else { break };
                let numeric = argument.get_type(schema).is_ok_and(|t| matches!(t, DataType::Float64 | DataType::Float32 | DataType::Decimal128(..)));
                let rounded_already = matches!(argument, Expr::ScalarFunction(call) if call.name() == "round");
                if numeric && !rounded_already {
                    function.args[position + 1] = super::udfs::math::spark_round(argument.clone(), places);
                    changed = true;
                }
            }
            return Ok(if changed { Transformed::yes(Expr::ScalarFunction(function)) } else { Transformed::no(Expr::ScalarFunction(function)) });
        }
        // Spark's trunc(date, fmt) knows the year, quarter, month and week units only; for
        // any other it is NULL (Spark's `TruncDate`), where the engine's also truncates days.
        Expr::ScalarFunction(function)
            if function.name() == "trunc"
                && function.args.len() == 2
                && matches!(&function.args[1], Expr::Literal(ScalarValue::Utf8(Some(unit)), _) if !matches!(unit.to_ascii_lowercase().as_str(), "year" | "yyyy" | "yy" | "quarter" | "month" | "mm" | "mon" | "week")) =>
        {
            return Ok(Transformed::yes(Expr::Literal(ScalarValue::Date32(None), None)));
        }
        // Spark's length of bytes counts the bytes (the engine's reads them as text).
        Expr::ScalarFunction(function)
            if matches!(function.name(), "length" | "len" | "char_length" | "character_length")
                && function.args.len() == 1
                && function.args[0].get_type(schema).is_ok_and(|t| super::types::is_binary(&t)) =>
        {
            let name = format!("{}({})", function.name(), super::naming::spark_name(&function.args[0]));
            let value = function.args.into_iter().next().unwrap_or(Expr::Literal(ScalarValue::Null, None));
            return Ok(Transformed::yes(super::udfs::text_encoding::byte_length(value, name)));
        }
        // Spark's date_trunc of a unit it does not know is NULL, its timestamp not read.
        Expr::ScalarFunction(function)
            if function.name() == "date_trunc"
                && function.args.len() == 2
                && matches!(&function.args[0], Expr::Literal(ScalarValue::Utf8(Some(unit)), _) if super::udfs::adjusted::truncation_unit(unit).is_none()) =>
        {
            return Ok(Transformed::yes(Expr::Literal(ScalarValue::TimestampMicrosecond(None, Some("UTC".into())), None)));
        }
        // Spark's fields are case-insensitive; the engine's date_part reads some (`dow`) in
        // lower case only.
        Expr::ScalarFunction(mut function)
            if function.name() == "date_part"
                && function.args.len() == 2
                && matches!(&function.args[0], Expr::Literal(ScalarValue::Utf8(Some(field)), _) if field.chars().any(|c| c.is_ascii_uppercase())) =>
        {
            if let Expr::Literal(ScalarValue::Utf8(Some(field)), _) = &mut function.args[0] {
                *field = field.to_ascii_lowercase();
            }
            return spark_rules(Expr::ScalarFunction(function), schema);
        }
        // Spark's EXTRACT(SECOND ...) and date_part('SECOND', ...) keep the fraction.
        Expr::ScalarFunction(function)
            if function.name() == "date_part"
                && function.args.len() == 2
                && matches!(&function.args[0], Expr::Literal(ScalarValue::Utf8(Some(field)), _) if matches!(field.to_ascii_lowercase().as_str(), "second" | "s" | "sec" | "seconds" | "secs")) =>
        {
            return Ok(Transformed::yes(super::udfs::datetime::second_with_fraction(function.args[1].clone())));
        }
        // Spark's nullif(a, b) is `IF(a = b, NULL, a)` (Spark's `NullIf`): typed as `a`,
        // where DataFusion's takes the common type of both.
        Expr::ScalarFunction(function) if function.name() == "nullif" && function.args.len() == 2 => {
            let (left, right) = (function.args[0].clone(), function.args[1].clone());
            let null = ScalarValue::try_from(&left.get_type(schema)?)?;
            let case = datafusion::logical_expr::Case::new(None, vec![(Box::new(left.clone().eq(right)), Box::new(Expr::Literal(null, None)))], Some(Box::new(left)));
            return Ok(Transformed::yes(Expr::Case(case)));
        }
        // Spark's arrays_zip names its struct fields (`collection::arrays_zip`); SQL has
        // no aliases among arguments (those here only keep a rewritten argument's name).
        Expr::ScalarFunction(function) if function.name() == "arrays_zip" => {
            return Ok(Transformed::yes(super::udfs::collection::arrays_zip(function.args.into_iter().map(Expr::unalias).collect())));
        }
        // SQL's SUBSTR/SUBSTRING syntax is planned with DataFusion's substr, not the
        // registry's: Spark's substring counts negative positions from the end.
        Expr::ScalarFunction(function) if function.name() == "substr" => {
            return Ok(Transformed::yes(datafusion_spark::function::string::substring().call(function.args)));
        }
        // Spark's LIKE (see udfs::string).
        Expr::Like(like) => {
            let name = if like.case_insensitive { "ilike" } else { "like" };
            let mut arguments = vec![*like.expr, *like.pattern];
            if let Some(escape) = like.escape_char {
                arguments.push(Expr::Literal(ScalarValue::Utf8(Some(escape.to_string())), None));
            }
            let call = super::udfs::string::spark_like(name, arguments);
            return Ok(Transformed::yes(if like.negated { Expr::Not(Box::new(call)) } else { call }));
        }
        other => other,
    };
    let Expr::BinaryExpr(binary) = expr else { return Ok(Transformed::no(expr)) };
    // `a || b` of two arrays is Spark's concat of arrays.
    if binary.op == Operator::StringConcat {
        let list = |e: &Expr| matches!(e.get_type(schema), Ok(DataType::List(_) | DataType::LargeList(_)));
        if list(&binary.left) && list(&binary.right) {
            return Ok(Transformed::yes(spark_array_concat(vec![*binary.left, *binary.right])));
        }
    }
    // Spark compares floating-point numbers with -0.0 equal to 0.0 and every NaN equal and
    // greater than any number (`SQLOrderingUtil.compareDoubles`); the engine compares by
    // total order, where the NaN that x86 arithmetic makes (0.0 / 0.0, pow(-2.0, 0.5)) has
    // its sign bit set and sorts below -Infinity.
    let comparison = matches!(
        binary.op,
        Operator::Eq | Operator::NotEq | Operator::Lt | Operator::LtEq | Operator::Gt | Operator::GtEq | Operator::IsDistinctFrom | Operator::IsNotDistinctFrom
    );
    if comparison {
        use super::udfs::normalize_floats::is_normalized;
        let floating = |e: &Expr| matches!(e.get_type(schema), Ok(DataType::Float32 | DataType::Float64)) && !is_normalized(e);
        if floating(&binary.left) || floating(&binary.right) {
            return Ok(Transformed::yes(spark_comparison(*binary.left, binary.op, *binary.right, schema)));
        }
    }
    let arithmetic = matches!(binary.op, Operator::Plus | Operator::Minus | Operator::Multiply | Operator::Divide | Operator::Modulo);
    if !arithmetic {
        return Ok(Transformed::no(Expr::BinaryExpr(binary)));
    }
    let left_type = binary.left.get_type(schema).ok();
    let right_type = binary.right.get_type(schema).ok();
    // Arithmetic with an interval operand (`udfs::intervals`).
    let interval = |t: &Option<DataType>| matches!(t, Some(DataType::Interval(_) | DataType::Duration(_)));
    if interval(&left_type) || interval(&right_type) {
        if let Some(planned) = super::udfs::intervals::arithmetic(&binary.left, binary.op, &binary.right, schema)? {
            return Ok(Transformed::yes(planned));
        }
    }
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
        let result = Expr::BinaryExpr(BinaryExpr::new(Box::new(left.clone()), binary.op, Box::new(right.clone())));
        if let (Ok(left_type), Ok(right_type)) = (left.get_type(schema), right.get_type(schema)) {
            if let Some((precision, scale)) = spark_decimal_result(&left_type, binary.op, &right_type) {
                return Ok(Transformed::yes(super::arithmetic::decimal_result(result, precision, scale)));
            }
        }
        return Ok(Transformed::yes(result));
    }
    if binary.op == Operator::Divide {
        return Ok(Transformed::yes(super::udfs::divide(true).call(vec![*binary.left, *binary.right])));
    }
    // Spark's ANSI coercion widens a float next to an int, a bigint or a decimal to a
    // double (`AnsiTypeCoercion.findWiderTypeForTwo`).
    let float_with_wide = |a: &Option<DataType>, b: &Option<DataType>| {
        matches!(a, Some(DataType::Float32)) && matches!(b, Some(DataType::Int32 | DataType::Int64 | DataType::Decimal128(..)))
    };
    if float_with_wide(&left_type, &right_type) || float_with_wide(&right_type, &left_type) {
        let double = |e: Expr| Expr::Cast(Cast::new(Box::new(e), DataType::Float64));
        let widened = Expr::BinaryExpr(BinaryExpr::new(Box::new(double(*binary.left)), binary.op, Box::new(double(*binary.right))));
        return spark_rules(widened, schema).map(|t| Transformed::yes(t.data));
    }
    if let Some(datetime) = datetime_arithmetic(&binary.left, binary.op, &binary.right, left_type.as_ref(), right_type.as_ref()) {
        return Ok(Transformed::yes(datetime));
    }
    if let Some(checked) = super::arithmetic::checked_binary(&binary.left, binary.op, &binary.right, schema) {
        return Ok(Transformed::yes(checked));
    }
    Ok(Transformed::no(Expr::BinaryExpr(binary)))
}

/// `left op right` for a comparison operator, with floating-point operands compared as
/// Spark compares them (`udfs::normalize_floats`).
pub fn spark_comparison(left: Expr, op: Operator, right: Expr, schema: &DFSchema) -> Expr {
    use super::udfs::normalize_floats::normalized_key;
    Expr::BinaryExpr(BinaryExpr::new(Box::new(normalized_key(left, schema)), op, Box::new(normalized_key(right, schema))))
}

/// A concat argument cast to string by Spark's rules where Arrow's text would differ
/// (doubles in Java's form, timestamps without `T`).
fn spark_text_argument(argument: Expr, schema: &DFSchema) -> Expr {
    match argument.get_type(schema) {
        Ok(from @ (DataType::Float32 | DataType::Float64 | DataType::Timestamp(..))) => super::cast::spark_cast(argument, &from, &DataType::Utf8, false),
        _ => argument,
    }
}

/// Spark's concat of arrays: NULL when any array is NULL (DataFusion's skips NULLs).
fn spark_array_concat(arrays: Vec<Expr>) -> Expr {
    let any_null = arrays.iter().map(|a| a.clone().is_null()).reduce(Expr::or);
    let concatenated = datafusion::functions_nested::expr_fn::array_concat(arrays);
    match any_null {
        Some(condition) => Expr::Case(datafusion::logical_expr::expr::Case::new(
            None,
            vec![(Box::new(condition), Box::new(Expr::Literal(ScalarValue::Null, None)))],
            Some(Box::new(concatenated)),
        )),
        None => concatenated,
    }
}

/// Spark's datetime arithmetic where DataFusion's differs: date − date and timestamp −
/// timestamp are day-time intervals (`SubtractDates`, `SubtractTimestamps`), and a date
/// plus or minus an interval with a time part is a timestamp (`DateAddInterval`).
fn datetime_arithmetic(left: &Expr, op: Operator, right: &Expr, left_type: Option<&DataType>, right_type: Option<&DataType>) -> Option<Expr> {
    let (left_type, right_type) = (left_type?, right_type?);
    let datetime = |t: &DataType| matches!(t, DataType::Date32 | DataType::Timestamp(..));
    // Spark's `date + n` and `n + date` are its DateAdd, `date - n` its DateSub, named so.
    let named = |function: &str, date: &Expr, days: &Expr| {
        let name = format!("{function}({}, {})", super::naming::spark_name(date), super::naming::spark_name(days));
        super::udfs::spark_named::spark_named(Expr::BinaryExpr(BinaryExpr::new(Box::new(left.clone()), op, Box::new(right.clone()))), name)
    };
    match (left_type, op, right_type) {
        (DataType::Date32, Operator::Plus, r) if r.is_integer() => Some(named("date_add", left, right)),
        (l, Operator::Plus, DataType::Date32) if l.is_integer() => Some(named("date_add", right, left)),
        (DataType::Date32, Operator::Minus, r) if r.is_integer() => Some(named("date_sub", left, right)),
        (l, Operator::Minus, r) if datetime(l) && datetime(r) => Some(super::udfs::datetime::subtract_datetimes(left.clone(), right.clone())),
        (DataType::Date32, Operator::Plus | Operator::Minus, DataType::Interval(_)) => {
            let has_time = match right {
                Expr::Literal(ScalarValue::IntervalMonthDayNano(Some(value)), _) => value.nanoseconds != 0,
                Expr::Literal(ScalarValue::IntervalDayTime(Some(value)), _) => value.milliseconds != 0,
                _ => false,
            };
            has_time.then(|| {
                let timestamp = Expr::Cast(Cast::new(Box::new(left.clone()), super::types::timestamp_type()));
                Expr::BinaryExpr(BinaryExpr::new(Box::new(timestamp), op, Box::new(right.clone())))
            })
        }
        _ => None,
    }
}

/// A cast planned from SQL text, with Spark's rules and SQL's `TIMESTAMP` read as Spark's
/// session-zone timestamp.
fn spark_sql_cast(child: Expr, to: &DataType, try_cast: bool, schema: &DFSchema) -> datafusion::error::Result<Transformed<Expr>> {
    let to = match to {
        DataType::Timestamp(_, None) => super::types::timestamp_type(),
        other => other.clone(),
    };
    match child.get_type(schema) {
        // An ANSI interval as text is written with its type's fields.
        Ok(DataType::Duration(_) | DataType::Interval(_)) if matches!(to, DataType::Utf8) => {
            let name = format!("{}({} AS STRING)", if try_cast { "TRY_CAST" } else { "CAST" }, super::naming::spark_name(&child));
            Ok(Transformed::yes(super::udfs::spark_named::spark_named(super::udfs::intervals::to_text(child), name)))
        }
        Ok(from) => match super::cast::cast_refusal(&child, &from, &to, try_cast) {
            Some(refusal) => return Err(datafusion::error::DataFusionError::External(Box::new(refusal))),
            None => Ok(Transformed::yes(super::cast::spark_cast(child, &from, &to, try_cast))),
        },
        Err(_) if try_cast => Ok(Transformed::no(Expr::TryCast(datafusion::logical_expr::TryCast::new(Box::new(child), to)))),
        Err(_) => Ok(Transformed::no(Expr::Cast(Cast::new(Box::new(child), to)))),
    }
}

/// Spark's result type of decimal `+`, `-`, `*` and `%` (`DecimalPrecision` with
/// `spark.sql.decimalOperations.allowPrecisionLoss`): bounded to 38 digits by giving up
/// scale down to 6 digits (`DecimalType.adjustPrecisionScale`).
fn spark_decimal_result(left: &DataType, op: Operator, right: &DataType) -> Option<(u8, i8)> {
    let (p1, s1) = decimal_parts(left);
    let (p2, s2) = decimal_parts(right);
    let (precision, scale) = match op {
        Operator::Plus | Operator::Minus => ((p1 - s1).max(p2 - s2) + s1.max(s2) + 1, s1.max(s2)),
        Operator::Multiply => (p1 + p2 + 1, s1 + s2),
        Operator::Modulo => ((p1 - s1).min(p2 - s2) + s1.max(s2), s1.max(s2)),
        _ => return None,
    };
    let (precision, scale) = if precision > 38 {
        let integral = precision - scale;
        let scale = (38 - integral).max(scale.min(6));
        (38, scale)
    } else {
        (precision, scale)
    };
    Some((precision as u8, scale as i8))
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

/// A higher-order call's lambda parameters retyped after its arguments' types changed (an
/// INT literal in `VALUES` below makes `collect_list(n)` an `array<int>` where the SQL
/// planner typed `x` in `x -> x * 2` as BIGINT, and the physical planner then rejects `x`).
/// Each parameter takes the type the function now gives it, as Spark's
/// `ResolveLambdaVariables` types it; where the type changed, the body reads it cast to the
/// type it was planned with, so that the body's own types stand.
fn lambda_parameter_types(expr: Expr, schema: &DFSchema) -> datafusion::error::Result<(Expr, bool)> {
    use datafusion::arrow::datatypes::FieldRef;
    use datafusion::logical_expr::expr::{HigherOrderFunction, Lambda, LambdaVariable};
    use datafusion::logical_expr::{LambdaParametersProgress, ValueOrLambda};

    fn rebind(expr: Expr, fresh: &HashMap<String, FieldRef>) -> datafusion::error::Result<Transformed<Expr>> {
        match expr {
            Expr::LambdaVariable(variable) if fresh.contains_key(&variable.name) => {
                let field = Arc::clone(&fresh[&variable.name]);
                if variable.field.as_ref() == Some(&field) {
                    return Ok(Transformed::no(Expr::LambdaVariable(variable)));
                }
                let planned = variable.field.as_ref().map(|f| f.data_type().clone());
                let retyped = Expr::LambdaVariable(LambdaVariable::new(variable.name, Some(Arc::clone(&field))));
                Ok(Transformed::yes(match planned {
                    Some(planned) if &planned != field.data_type() => Expr::Cast(Cast::new(Box::new(retyped), planned)),
                    _ => retyped,
                }))
            }
            // A nested lambda's parameter of the same name hides the outer one.
            Expr::Lambda(lambda) => {
                let visible: HashMap<String, FieldRef> = fresh.iter().filter(|(name, _)| !lambda.params.contains(name)).map(|(n, f)| (n.clone(), Arc::clone(f))).collect();
                if visible.is_empty() {
                    return Ok(Transformed::no(Expr::Lambda(lambda)));
                }
                let Lambda { params, body } = lambda;
                Ok(rebind(*body, &visible)?.update_data(|body| Expr::Lambda(Lambda::new(params, body))))
            }
            other => other.map_children(|child| rebind(child, fresh)),
        }
    }

    let Expr::HigherOrderFunction(call) = expr else { return Ok((expr, false)) };
    let mut fields = Vec::with_capacity(call.args.len());
    for argument in &call.args {
        fields.push(match argument {
            Expr::Lambda(_) => ValueOrLambda::Lambda(None),
            value => ValueOrLambda::Value(value.to_field(schema)?.1),
        });
    }
    let Ok(LambdaParametersProgress::Complete(parameters)) = call.func.lambda_parameters(0, &fields) else {
        return Ok((Expr::HigherOrderFunction(call), false));
    };
    let mut parameters = parameters.into_iter();
    let mut changed = false;
    let mut arguments = Vec::with_capacity(call.args.len());
    for argument in call.args {
        let Expr::Lambda(lambda) = argument else {
            arguments.push(argument);
            continue;
        };
        let offered = parameters.next().unwrap_or_default();
        let fresh: HashMap<String, FieldRef> = lambda.params.iter().zip(offered).map(|(name, field)| (name.clone(), Arc::new(field.as_ref().clone().with_name(name)))).collect();
        let Lambda { params, body } = lambda;
        let rebound = rebind(*body, &fresh)?;
        changed |= rebound.transformed;
        arguments.push(Expr::Lambda(Lambda::new(params, rebound.data)));
    }
    Ok((Expr::HigherOrderFunction(HigherOrderFunction::new(call.func, arguments)), changed))
}

/// Spark types an integer literal that fits 32 bits as INT (DataFusion plans BIGINT).
fn integer_literal(expr: Expr) -> (Expr, bool) {
    match expr {
        Expr::ScalarFunction(function) if function.name() == INT_LITERAL && function.args.len() == 1 => match &function.args[0] {
            Expr::Literal(value, metadata) => match value.cast_to(&DataType::Int32) {
                Ok(value) => (Expr::Literal(value, metadata.clone()), true),
                Err(_) => (Expr::ScalarFunction(function), false),
            },
            _ => (Expr::ScalarFunction(function), false),
        },
        Expr::Literal(ScalarValue::Int64(Some(value)), metadata) if i32::try_from(value).is_ok() => {
            (Expr::Literal(ScalarValue::Int32(Some(value as i32)), metadata), true)
        }
        other => (other, false),
    }
}

/// Spark's common type of a VALUES column that mixes decimals and doubles is DOUBLE
/// (`TypeCoercion.findWiderTypeForTwo`), where DataFusion widens to a decimal and loses
/// the doubles' digits: the rows again, with such columns cast to DOUBLE.
fn decimal_with_double_values(values: &datafusion::logical_expr::Values) -> datafusion::error::Result<Option<LogicalPlan>> {
    let empty = DFSchema::empty();
    let uncast = |e: &Expr| match e {
        Expr::Cast(cast) => cast.expr.as_ref().clone(),
        other => other.clone(),
    };
    let columns = values.schema.fields().len();
    let widened: Vec<bool> = (0..columns)
        .map(|i| {
            matches!(values.schema.field(i).data_type(), DataType::Decimal128(..))
                && values.values.iter().any(|row| row.get(i).is_some_and(|e| matches!(uncast(e).get_type(&empty), Ok(DataType::Float32 | DataType::Float64))))
        })
        .collect();
    if !widened.contains(&true) {
        return Ok(None);
    }
    let rows = values
        .values
        .iter()
        .map(|row| row.iter().enumerate().map(|(i, e)| if widened[i] { Expr::Cast(datafusion::logical_expr::Cast::new(Box::new(uncast(e)), DataType::Float64)) } else { e.clone() }).collect())
        .collect();
    Ok(Some(datafusion::logical_expr::LogicalPlanBuilder::values(rows)?.build()?))
}

/// Spark types an integer literal of an inline table as INT when it fits 32 bits, and a
/// column's type is the widest of its rows' (`ResolveInlineTables`): `VALUES (1), (2)` is
/// an INT column and `VALUES (1), (3000000000)` a BIGINT one, where DataFusion plans every
/// integer literal as BIGINT. The rows again, retyped, or `None` where nothing changes.
fn int_values(values: &datafusion::logical_expr::Values) -> datafusion::error::Result<Option<LogicalPlan>> {
    // A literal DataFusion widened to BIGINT is read again; a cast to another type (the
    // query's own `CAST(1 AS FLOAT)`) keeps its type.
    let literal = |e: &Expr| match e {
        Expr::Cast(cast) if matches!(cast.expr.as_ref(), Expr::Literal(..)) && cast.field.data_type() == &DataType::Int64 => cast.expr.as_ref().clone(),
        other => other.clone(),
    };
    let mut changed = false;
    let rows: Vec<Vec<Expr>> = values
        .values
        .iter()
        .map(|row| {
            row.iter()
                .map(|e| {
                    let (retyped, narrowed) = integer_literal(literal(e));
                    changed |= narrowed;
                    if narrowed { retyped } else { e.clone() }
                })
                .collect()
        })
        .collect();
    if !changed {
        return Ok(None);
    }
    Ok(Some(datafusion::logical_expr::LogicalPlanBuilder::values(rows)?.build()?))
}

/// Spark's `row_number`, `rank`, `dense_rank` and `ntile` give INT (DataFusion's give
/// unsigned 64-bit numbers): a window node with them, under a projection that casts their
/// columns to INT and keeps their names.
fn int_rankings(node: LogicalPlan) -> datafusion::error::Result<Transformed<LogicalPlan>> {
    let LogicalPlan::Window(window) = &node else {
        return Ok(Transformed::no(node));
    };
    let ranking = |e: &Expr| match e.clone().unalias_nested().data {
        Expr::WindowFunction(function) => matches!(function.fun.name(), "row_number" | "rank" | "dense_rank" | "ntile"),
        _ => false,
    };
    let ranked: Vec<String> = window.window_expr.iter().filter(|e| ranking(e)).map(|e| e.schema_name().to_string()).collect();
    if ranked.is_empty() {
        return Ok(Transformed::no(node));
    }
    let schema = node.schema().clone();
    let columns: Vec<Expr> = schema
        .iter()
        .map(|(qualifier, field)| {
            let column = Expr::Column(datafusion::common::Column::new(qualifier.cloned(), field.name()));
            if qualifier.is_none() && ranked.iter().any(|name| name == field.name()) {
                Expr::Cast(datafusion::logical_expr::Cast::new(Box::new(column), DataType::Int32)).alias(field.name())
            } else {
                column
            }
        })
        .collect();
    Ok(Transformed::yes(datafusion::logical_expr::LogicalPlanBuilder::from(node).project(columns)?.build()?))
}

/// Applies `spark_rules` to every expression of a plan, keeping output names.
fn spark_arithmetic(plan: LogicalPlan) -> Result<LogicalPlan> {
    let rewritten = plan.transform_up_with_subqueries(|node| {
        let values = match &node {
            LogicalPlan::Values(values) => Some(match decimal_with_double_values(values)? {
                Some(widened) => Some(widened),
                None => int_values(values)?,
            }),
            _ => None,
        };
        if let Some(widened) = values {
            let (node, changed) = match widened {
                Some(plan) => (plan, true),
                None => (node, false),
            };
            let mut result = node.map_expressions(|expr| {
                expr.transform_up(|e| Ok(match marked_literal(&e)? {
                    Some(value) => Transformed::yes(value),
                    None => Transformed::no(e),
                }))
            })?;
            result.transformed |= changed;
            return Ok(result);
        }
        if matches!(node, LogicalPlan::Limit(_)) {
            return Ok(Transformed::no(node));
        }
        let preserver = NamePreserver::new(&node);
        let schema = input_schema(&node);
        let transformed = node.map_expressions(|expr| {
            let saved = preserver.save(&expr);
            let result = expr.transform_up(|e| {
                let (e, retyped) = integer_literal(e);
                let (e, rebound) = lambda_parameter_types(e, &schema)?;
                let mut result = spark_rules(e, &schema)?;
                result.transformed |= retyped || rebound;
                Ok(result)
            })?;
            Ok(result.update_data(|e| saved.restore(e)))
        })?;
        // A changed input type (an INT literal below) changes every schema above it.
        transformed.map_data(|n| n.recompute_schema())?.transform_data(int_rankings)
    })?;
    Ok(rewritten.data)
}

#[cfg(test)]
mod tests {
    use super::{interval_literals, typed_number_literals};

    #[test]
    fn string_literals_unescape_like_spark() {
        assert_eq!(super::unescape_sql_string(r"50\\%"), r"50\%");
        assert_eq!(super::unescape_sql_string(r"a\%b\nc\'d"), "a\\%b\nc'd");
    }

    #[test]
    fn typed_literals_become_casts() {
        assert_eq!(typed_number_literals("SELECT 1.5D, 7L, x1L, 'a 2L'"), "SELECT CAST('1.5' AS DOUBLE), CAST('7' AS BIGINT), x1L, 'a 2L'");
        assert_eq!(typed_number_literals("SELECT 1E3, 2.50BD"), "SELECT CAST('1E3' AS DOUBLE), CAST('2.50' AS DECIMAL(3, 2))");
        assert_eq!(typed_number_literals("SELECT 12 AS d"), "SELECT 12 AS d");
    }

    #[test]
    fn interval_literals_become_one_marker_each() {
        assert_eq!(interval_literals("select d - interval '68 days' as x"), "select d - ember_interval_literal('68 days', '', '') as x");
        assert_eq!(interval_literals("select INTERVAL '1 year 2 months'"), "select ember_interval_literal('1 year 2 months', '', '')");
        assert_eq!(interval_literals("select interval '68' day, 'interval 1 day 2 hours'"), "select interval '68' day, 'interval 1 day 2 hours'");
        assert_eq!(interval_literals("select INTERVAL 1 YEAR 2 MONTHS as ym"), "select ember_interval_literal('1 year 2 months', '', '') as ym");
        assert_eq!(interval_literals("select interval 3 day"), "select interval 3 day");
        assert_eq!(interval_literals("select 'it''s', interval '2 weeks'"), "select 'it''s', ember_interval_literal('2 weeks', '', '')");
    }
}
