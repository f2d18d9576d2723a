//! Spark SQL's catalog commands, parsed as Spark's `SqlBaseParser` reads them: databases,
//! tables, views, inserts, `SHOW`, `DESCRIBE`, `ALTER TABLE`, the cache commands and the
//! maintenance commands. A query inside one (`AS SELECT ...`, `INSERT ... SELECT`) is kept
//! as text for the query planner. Any other statement gives `None`.
use std::collections::BTreeMap;

/// A parsed catalog command.
#[derive(Debug, Clone, PartialEq)]
pub enum Statement {
    CreateDatabase { name: String, if_not_exists: bool, comment: Option<String>, location: Option<String>, properties: BTreeMap<String, String> },
    DropDatabase { name: String, if_exists: bool, cascade: bool },
    Use { name: String },
    CreateTable {
        name: String,
        /// The column list's DDL text, `a INT, b STRING`.
        columns: Option<String>,
        provider: Option<String>,
        options: BTreeMap<String, String>,
        partition_by: Vec<String>,
        location: Option<String>,
        comment: Option<String>,
        properties: BTreeMap<String, String>,
        query: Option<String>,
        or_replace: bool,
        if_not_exists: bool,
    },
    /// `CREATE [OR REPLACE] [GLOBAL TEMPORARY] VIEW`; a plain temporary view is left to
    /// `sql_commands`.
    CreateView { name: String, query: String, or_replace: bool, if_not_exists: bool, comment: Option<String>, global: bool },
    DropTable { name: String, if_exists: bool, view: bool },
    Insert { name: String, overwrite: bool, partitions: Vec<(String, Option<String>)>, query: String },
    ShowDatabases { pattern: Option<String> },
    ShowTables { database: Option<String>, pattern: Option<String> },
    ShowColumns { table: String, database: Option<String> },
    ShowCreateTable { name: String },
    ShowPartitions { name: String },
    ShowTableProperties { name: String },
    Describe { name: String, extended: bool },
    RenameTable { from: String, to: String },
    AddColumns { name: String, columns: String },
    SetTableProperties { name: String, properties: BTreeMap<String, String> },
    CacheTable { name: String, lazy: bool, query: Option<String>, storage_level: Option<String> },
    UncacheTable { name: String, if_exists: bool },
    ClearCache,
    TruncateTable { name: String },
    AnalyzeTable { name: String, no_scan: bool },
    RefreshTable { name: String },
    RecoverPartitions { name: String },
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Word(String),
    /// A backquoted identifier.
    Quoted(String),
    Text(String),
    Symbol(char),
}

/// The tokens with their byte offsets.
fn tokenize(query: &str) -> Option<Vec<(Token, usize)>> {
    let mut tokens = Vec::new();
    let chars: Vec<(usize, char)> = query.char_indices().collect();
    let mut index = 0;
    while index < chars.len() {
        let (offset, c) = chars[index];
        if c.is_whitespace() {
            index += 1;
        } else if c == '-' && chars.get(index + 1).map(|p| p.1) == Some('-') {
            while index < chars.len() && chars[index].1 != '\n' {
                index += 1;
            }
        } else if c.is_alphanumeric() || c == '_' {
            let mut word = String::new();
            while index < chars.len() && (chars[index].1.is_alphanumeric() || chars[index].1 == '_') {
                word.push(chars[index].1);
                index += 1;
            }
            tokens.push((Token::Word(word), offset));
        } else if c == '`' || c == '\'' || c == '"' {
            let mut text = String::new();
            index += 1;
            loop {
                let (_, next) = *chars.get(index)?;
                index += 1;
                if next == c {
                    if chars.get(index).map(|p| p.1) == Some(c) {
                        text.push(c);
                        index += 1;
                        continue;
                    }
                    break;
                }
                if next == '\\' && c != '`' {
                    let (_, escaped) = *chars.get(index)?;
                    index += 1;
                    text.push(match escaped {
                        'n' => '\n',
                        't' => '\t',
                        other => other,
                    });
                    continue;
                }
                text.push(next);
            }
            tokens.push((if c == '`' { Token::Quoted(text) } else { Token::Text(text) }, offset));
        } else {
            tokens.push((Token::Symbol(c), offset));
            index += 1;
        }
    }
    Some(tokens)
}

struct Parser<'a> {
    query: &'a str,
    tokens: Vec<(Token, usize)>,
    position: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.position).map(|t| &t.0)
    }

    fn keyword(&mut self, word: &str) -> bool {
        if matches!(self.peek(), Some(Token::Word(w)) if w.eq_ignore_ascii_case(word)) {
            self.position += 1;
            return true;
        }
        false
    }

    fn keywords(&mut self, words: &[&str]) -> bool {
        let start = self.position;
        if words.iter().all(|w| self.keyword(w)) {
            return true;
        }
        self.position = start;
        false
    }

    fn symbol(&mut self, symbol: char) -> bool {
        if self.peek() == Some(&Token::Symbol(symbol)) {
            self.position += 1;
            return true;
        }
        false
    }

    fn done(&self) -> bool {
        self.position >= self.tokens.len() || (self.peek() == Some(&Token::Symbol(';')) && self.position + 1 == self.tokens.len())
    }

    fn identifier(&mut self) -> Option<String> {
        let name = match self.peek()? {
            Token::Word(w) => w.clone(),
            Token::Quoted(q) => format!("`{}`", q.replace('`', "``")),
            _ => return None,
        };
        self.position += 1;
        Some(name)
    }

    /// A dotted name as written, backquotes kept (`catalog::name_parts` splits it).
    fn name(&mut self) -> Option<String> {
        let mut name = self.identifier()?;
        while self.symbol('.') {
            name.push('.');
            name.push_str(&self.identifier()?);
        }
        Some(name)
    }

    fn text(&mut self) -> Option<String> {
        match self.peek()? {
            Token::Text(t) => {
                let t = t.clone();
                self.position += 1;
                Some(t)
            }
            _ => None,
        }
    }

    /// The text from the current token to the end (a query), without a final `;`.
    fn rest(&mut self) -> Option<String> {
        let offset = self.tokens.get(self.position)?.1;
        self.position = self.tokens.len();
        Some(self.query[offset..].trim().trim_end_matches(';').trim().to_string())
    }

    /// The text inside the parentheses that start here, and moves past them.
    fn parenthesized(&mut self) -> Option<String> {
        let start = self.tokens.get(self.position)?.1;
        if !self.symbol('(') {
            return None;
        }
        let mut depth = 1;
        while let Some((token, offset)) = self.tokens.get(self.position) {
            self.position += 1;
            match token {
                Token::Symbol('(') => depth += 1,
                Token::Symbol(')') => {
                    depth -= 1;
                    if depth == 0 {
                        return Some(self.query[start + 1..*offset].trim().to_string());
                    }
                }
                _ => {}
            }
        }
        None
    }

    /// `(key = value, ...)` of OPTIONS, TBLPROPERTIES and DBPROPERTIES.
    fn properties(&mut self) -> Option<BTreeMap<String, String>> {
        let mut properties = BTreeMap::new();
        if !self.symbol('(') {
            return None;
        }
        loop {
            if self.symbol(')') {
                return Some(properties);
            }
            let key = match self.text() {
                Some(key) => key,
                None => self.name()?.replace('`', ""),
            };
            self.symbol('=');
            let value = match self.peek()? {
                Token::Text(t) => t.clone(),
                Token::Word(w) => w.clone(),
                _ => return None,
            };
            self.position += 1;
            properties.insert(key, value);
            self.symbol(',');
        }
    }

    /// `(a, b)` of PARTITIONED BY.
    fn name_list(&mut self) -> Option<Vec<String>> {
        let mut names = Vec::new();
        if !self.symbol('(') {
            return None;
        }
        loop {
            names.push(self.name()?.replace('`', ""));
            if self.symbol(')') {
                return Some(names);
            }
            if !self.symbol(',') {
                return None;
            }
        }
    }

    /// `PARTITION (k = v, k2)` of INSERT: static values and dynamic columns.
    fn partition_spec(&mut self) -> Option<Vec<(String, Option<String>)>> {
        let mut spec = Vec::new();
        if !self.symbol('(') {
            return None;
        }
        loop {
            let key = self.name()?.replace('`', "");
            let value = if self.symbol('=') {
                let value = match self.peek()? {
                    Token::Text(t) | Token::Word(t) => t.clone(),
                    _ => return None,
                };
                self.position += 1;
                Some(value)
            } else {
                None
            };
            spec.push((key, value));
            if self.symbol(')') {
                return Some(spec);
            }
            if !self.symbol(',') {
                return None;
            }
        }
    }
}

/// Parses a catalog command; `None` for any other statement, which the query planner then
/// reads (and reports on, when it is not valid SQL).
pub fn parse(query: &str) -> Option<Statement> {
    let tokens = tokenize(query)?;
    let mut parser = Parser { query, tokens, position: 0 };
    let statement = parse_statement(&mut parser)?;
    parser.done().then_some(statement)
}

fn parse_statement(p: &mut Parser<'_>) -> Option<Statement> {
    if p.keyword("CREATE") {
        return parse_create(p);
    }
    if p.keyword("DROP") {
        if p.keyword("DATABASE") || p.keyword("SCHEMA") || p.keyword("NAMESPACE") {
            let if_exists = p.keywords(&["IF", "EXISTS"]);
            let name = p.name()?;
            let cascade = p.keyword("CASCADE");
            if !cascade {
                p.keyword("RESTRICT");
            }
            return Some(Statement::DropDatabase { name, if_exists, cascade });
        }
        let view = if p.keyword("TABLE") {
            false
        } else if p.keyword("VIEW") {
            true
        } else {
            return None;
        };
        let if_exists = p.keywords(&["IF", "EXISTS"]);
        let name = p.name()?;
        p.keyword("PURGE");
        return Some(Statement::DropTable { name, if_exists, view });
    }
    if p.keyword("USE") {
        let _ = p.keyword("DATABASE") || p.keyword("SCHEMA") || p.keyword("NAMESPACE");
        return Some(Statement::Use { name: p.name()? });
    }
    if p.keyword("INSERT") {
        let overwrite = if p.keyword("OVERWRITE") {
            true
        } else if p.keyword("INTO") {
            false
        } else {
            return None;
        };
        p.keyword("TABLE");
        let name = p.name()?;
        let partitions = if p.keyword("PARTITION") { p.partition_spec()? } else { Vec::new() };
        return Some(Statement::Insert { name, overwrite, partitions, query: p.rest()? });
    }
    if p.keyword("SHOW") {
        return parse_show(p);
    }
    if p.keyword("DESCRIBE") || p.keyword("DESC") {
        if p.keyword("DATABASE") || p.keyword("SCHEMA") || p.keyword("FUNCTION") || p.keyword("QUERY") {
            return None;
        }
        p.keyword("TABLE");
        let extended = p.keyword("EXTENDED") || p.keyword("FORMATTED");
        return Some(Statement::Describe { name: p.name()?, extended });
    }
    if p.keywords(&["ALTER", "TABLE"]) {
        let name = p.name()?;
        if p.keywords(&["RENAME", "TO"]) {
            return Some(Statement::RenameTable { from: name, to: p.name()? });
        }
        if p.keywords(&["ADD", "COLUMNS"]) || p.keywords(&["ADD", "COLUMN"]) {
            let columns = match p.parenthesized() {
                Some(columns) => columns,
                None => p.rest()?,
            };
            return Some(Statement::AddColumns { name, columns });
        }
        if p.keywords(&["SET", "TBLPROPERTIES"]) {
            return Some(Statement::SetTableProperties { name, properties: p.properties()? });
        }
        if p.keywords(&["RECOVER", "PARTITIONS"]) {
            return Some(Statement::RecoverPartitions { name });
        }
        return None;
    }
    if p.keywords(&["MSCK", "REPAIR", "TABLE"]) {
        return Some(Statement::RecoverPartitions { name: p.name()? });
    }
    if p.keyword("CACHE") {
        let lazy = p.keyword("LAZY");
        if !p.keyword("TABLE") {
            return None;
        }
        let name = p.name()?;
        let mut storage_level = None;
        if p.keyword("OPTIONS") {
            let options = p.properties()?;
            storage_level = options.iter().find(|(k, _)| k.eq_ignore_ascii_case("storageLevel")).map(|(_, v)| v.to_uppercase());
        }
        let query = if p.keyword("AS") { Some(p.rest()?) } else if p.done() { None } else { Some(p.rest()?) };
        return Some(Statement::CacheTable { name, lazy, query, storage_level });
    }
    if p.keyword("UNCACHE") {
        if !p.keyword("TABLE") {
            return None;
        }
        let if_exists = p.keywords(&["IF", "EXISTS"]);
        return Some(Statement::UncacheTable { name: p.name()?, if_exists });
    }
    if p.keywords(&["CLEAR", "CACHE"]) {
        return Some(Statement::ClearCache);
    }
    if p.keywords(&["TRUNCATE", "TABLE"]) {
        return Some(Statement::TruncateTable { name: p.name()? });
    }
    if p.keywords(&["ANALYZE", "TABLE"]) {
        let name = p.name()?;
        if !p.keywords(&["COMPUTE", "STATISTICS"]) {
            return None;
        }
        let no_scan = p.keyword("NOSCAN");
        return Some(Statement::AnalyzeTable { name, no_scan });
    }
    if p.keywords(&["REFRESH", "TABLE"]) {
        return Some(Statement::RefreshTable { name: p.name()? });
    }
    None
}

fn parse_create(p: &mut Parser<'_>) -> Option<Statement> {
    if p.keyword("DATABASE") || p.keyword("SCHEMA") || p.keyword("NAMESPACE") {
        let if_not_exists = p.keywords(&["IF", "NOT", "EXISTS"]);
        let name = p.name()?.replace('`', "");
        let (mut comment, mut location, mut properties) = (None, None, BTreeMap::new());
        loop {
            if p.keyword("COMMENT") {
                comment = Some(p.text()?);
            } else if p.keyword("LOCATION") {
                location = Some(p.text()?);
            } else if p.keywords(&["WITH", "DBPROPERTIES"]) || p.keywords(&["WITH", "PROPERTIES"]) {
                properties = p.properties()?;
            } else {
                break;
            }
        }
        return Some(Statement::CreateDatabase { name, if_not_exists, comment, location, properties });
    }
    let or_replace = p.keywords(&["OR", "REPLACE"]);
    let global = p.keywords(&["GLOBAL", "TEMPORARY"]) || p.keywords(&["GLOBAL", "TEMP"]);
    if p.keyword("VIEW") {
        let if_not_exists = p.keywords(&["IF", "NOT", "EXISTS"]);
        let name = p.name()?;
        let mut comment = None;
        loop {
            if p.keyword("COMMENT") {
                comment = Some(p.text()?);
            } else if p.keyword("TBLPROPERTIES") {
                p.properties()?;
            } else {
                break;
            }
        }
        if !p.keyword("AS") {
            return None;
        }
        return Some(Statement::CreateView { name, query: p.rest()?, or_replace, if_not_exists, comment, global });
    }
    if global {
        return None;
    }
    p.keyword("EXTERNAL");
    if !p.keyword("TABLE") {
        return None;
    }
    let if_not_exists = p.keywords(&["IF", "NOT", "EXISTS"]);
    let name = p.name()?;
    let columns = if p.peek() == Some(&Token::Symbol('(')) { Some(p.parenthesized()?) } else { None };
    let (mut provider, mut options, mut partition_by, mut location, mut comment, mut properties) = (None, BTreeMap::new(), Vec::new(), None, None, BTreeMap::new());
    loop {
        if p.keyword("USING") {
            provider = Some(p.name()?.replace('`', ""));
        } else if p.keyword("OPTIONS") {
            options = p.properties()?;
        } else if p.keywords(&["PARTITIONED", "BY"]) {
            partition_by = p.name_list()?;
        } else if p.keyword("LOCATION") {
            location = Some(p.text()?);
        } else if p.keyword("COMMENT") {
            comment = Some(p.text()?);
        } else if p.keyword("TBLPROPERTIES") {
            properties = p.properties()?;
        } else if p.keywords(&["STORED", "AS"]) {
            provider = Some(p.name()?.replace('`', "").to_lowercase());
        } else {
            break;
        }
    }
    let query = if p.keyword("AS") {
        Some(p.rest()?)
    } else if matches!(p.peek(), Some(Token::Word(w)) if w.eq_ignore_ascii_case("SELECT") || w.eq_ignore_ascii_case("WITH") || w.eq_ignore_ascii_case("VALUES")) {
        Some(p.rest()?)
    } else {
        None
    };
    Some(Statement::CreateTable { name, columns, provider, options, partition_by, location, comment, properties, query, or_replace, if_not_exists })
}

fn parse_show(p: &mut Parser<'_>) -> Option<Statement> {
    if p.keyword("DATABASES") || p.keyword("SCHEMAS") || p.keyword("NAMESPACES") {
        p.keyword("LIKE");
        return Some(Statement::ShowDatabases { pattern: p.text() });
    }
    if p.keyword("TABLES") {
        let database = if p.keyword("FROM") || p.keyword("IN") { Some(p.name()?.replace('`', "")) } else { None };
        p.keyword("LIKE");
        return Some(Statement::ShowTables { database, pattern: p.text() });
    }
    if p.keyword("COLUMNS") {
        if !(p.keyword("FROM") || p.keyword("IN")) {
            return None;
        }
        let table = p.name()?;
        let database = if p.keyword("FROM") || p.keyword("IN") { Some(p.name()?.replace('`', "")) } else { None };
        return Some(Statement::ShowColumns { table, database });
    }
    if p.keywords(&["CREATE", "TABLE"]) {
        let name = p.name()?;
        p.keywords(&["AS", "SERDE"]);
        return Some(Statement::ShowCreateTable { name });
    }
    if p.keyword("PARTITIONS") {
        return Some(Statement::ShowPartitions { name: p.name()? });
    }
    if p.keyword("TBLPROPERTIES") {
        return Some(Statement::ShowTableProperties { name: p.name()? });
    }
    None
}

/// Whether `name` matches a `SHOW ... LIKE` or catalog pattern: `*` any text, `|`
/// alternatives, case-insensitive (Spark's `StringUtils.filterPattern`).
pub fn matches_pattern(name: &str, pattern: &str) -> bool {
    pattern.split('|').any(|alternative| {
        let regex = format!("(?i)^{}$", alternative.trim().split('*').map(regex::escape).collect::<Vec<_>>().join(".*"));
        regex::Regex::new(&regex).is_ok_and(|r| r.is_match(name))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_create_table_with_its_clauses_in_any_order() {
        let statement = parse("CREATE TABLE IF NOT EXISTS db.t (a INT, b STRING) USING parquet PARTITIONED BY (b) TBLPROPERTIES ('k' = 'v') COMMENT 'c'").unwrap();
        let Statement::CreateTable { name, columns, provider, partition_by, properties, comment, if_not_exists, query, .. } = statement else { panic!("not a table") };
        assert_eq!(name, "db.t");
        assert_eq!(columns.as_deref(), Some("a INT, b STRING"));
        assert_eq!(provider.as_deref(), Some("parquet"));
        assert_eq!(partition_by, vec!["b".to_string()]);
        assert_eq!(properties.get("k").map(String::as_str), Some("v"));
        assert_eq!(comment.as_deref(), Some("c"));
        assert!(if_not_exists && query.is_none());
    }

    #[test]
    fn keeps_the_query_of_inserts_and_ctas_as_text() {
        assert_eq!(
            parse("INSERT INTO t PARTITION (p = 1) SELECT 1"),
            Some(Statement::Insert { name: "t".into(), overwrite: false, partitions: vec![("p".into(), Some("1".into()))], query: "SELECT 1".into() })
        );
        let Some(Statement::CreateTable { query, .. }) = parse("create table t using parquet as select * from v") else { panic!("not a table") };
        assert_eq!(query.as_deref(), Some("select * from v"));
    }

    #[test]
    fn leaves_queries_and_unknown_commands_alone() {
        assert_eq!(parse("SELECT 1"), None);
        assert_eq!(parse("CREATE TEMPORARY VIEW v AS SELECT 1"), None);
        assert_eq!(parse("DROP TABLE"), None);
    }

    #[test]
    fn patterns_use_star_and_bar() {
        assert!(matches_pattern("tbl1", "tbl*"));
        assert!(matches_pattern("View1", "x|view*"));
        assert!(!matches_pattern("atbl", "tbl*"));
    }
}
