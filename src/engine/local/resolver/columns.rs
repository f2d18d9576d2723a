//! Spark's column name resolution: case-insensitive, `plan_id`-aware for columns taken from
//! a particular DataFrame (`df["a"]` after a join), with `UNRESOLVED_COLUMN` suggestions.
use datafusion::common::{Column, DFSchema, TableReference};
use datafusion::logical_expr::Expr;

use crate::engine::local::error::{EngineError, Result};

/// The qualifier given to a join input so `df["col"]` finds its side (Spark Connect's plan id).
pub fn plan_alias(plan_id: u64) -> String {
    format!("__plan_{plan_id}")
}

fn unquote(name: &str) -> &str {
    name.strip_prefix('`').and_then(|n| n.strip_suffix('`')).unwrap_or(name)
}

/// Finds a column by Spark's rules and returns a DataFusion column expression.
pub fn find_column(schema: &DFSchema, name: &str, plan_id: Option<u64>) -> Result<Expr> {
    let target = unquote(name);
    let matches: Vec<(Option<&TableReference>, &str)> = schema
        .iter()
        .filter(|(_, field)| field.name().eq_ignore_ascii_case(target))
        .map(|(qualifier, field)| (qualifier, field.name().as_str()))
        .collect();
    let pick = |(qualifier, field): (Option<&TableReference>, &str)| Expr::Column(Column::new(qualifier.cloned(), field));
    if matches.len() == 1 {
        return Ok(pick(matches[0]));
    }
    if matches.len() > 1 {
        if let Some(plan_id) = plan_id {
            let alias = plan_alias(plan_id);
            if let Some(found) = matches.iter().find(|(q, _)| q.is_some_and(|q| q.table() == alias)) {
                return Ok(pick(*found));
            }
        }
        // Spark takes the exact-case match when there is one, else it is ambiguous.
        let exact: Vec<_> = matches.iter().filter(|(_, f)| *f == target).collect();
        if exact.len() == 1 {
            return Ok(pick(*exact[0]));
        }
        return Err(EngineError::analysis(
            "AMBIGUOUS_REFERENCE",
            format!("Reference `{target}` is ambiguous, could be: [{}].", matches.iter().map(|(q, f)| match q { Some(q) if !q.table().starts_with("__ember_output_") => format!("`{}`.`{f}`", q.table()), _ => format!("`{f}`") }).collect::<Vec<_>>().join(", ")),
            &[("name", format!("`{target}`"))],
        ));
    }
    // `alias.column` or `struct.field`.
    if let Some((head, rest)) = target.split_once('.') {
        let qualified: Vec<_> = schema
            .iter()
            .filter(|(q, f)| q.is_some_and(|q| q.table().eq_ignore_ascii_case(head)) && f.name().eq_ignore_ascii_case(rest))
            .map(|(q, f)| (q, f.name().as_str()))
            .collect();
        if let Some(found) = qualified.first() {
            return Ok(pick(*found));
        }
        if let Ok(parent) = find_column(schema, head, plan_id) {
            let mut expr = parent;
            for part in rest.split('.') {
                expr = datafusion::functions::core::expr_fn::get_field(expr, part);
            }
            return Ok(expr);
        }
    }
    Err(EngineError::unresolved_column(target, &suggestions(schema, target)))
}

/// Spark's suggestion list: the input's columns ordered by similarity, at most five.
fn suggestions(schema: &DFSchema, target: &str) -> Vec<String> {
    let mut names: Vec<(usize, String)> = schema
        .fields()
        .iter()
        .map(|f| (levenshtein(&f.name().to_lowercase(), &target.to_lowercase()), f.name().clone()))
        .collect();
    names.sort_by_key(|entry| entry.0);
    names.into_iter().take(5).map(|(_, n)| n).collect()
}

fn levenshtein(a: &str, b: &str) -> usize {
    let b_chars: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b_chars.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b_chars.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            current.push((previous[j] + cost).min(previous[j + 1] + 1).min(current[j] + 1));
        }
        previous = current;
    }
    previous[b_chars.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use datafusion::arrow::datatypes::{DataType, Field, Schema};

    fn schema() -> DFSchema {
        DFSchema::try_from(Schema::new(vec![Field::new("Label", DataType::Utf8, true), Field::new("id", DataType::Int64, true)]))
            .unwrap()
    }

    #[test]
    fn resolves_case_insensitively() {
        let expr = find_column(&schema(), "label", None).unwrap();
        assert_eq!(expr, Expr::Column(Column::new_unqualified("Label")));
    }

    #[test]
    fn unresolved_column_has_spark_condition() {
        match find_column(&schema(), "nme", None) {
            Err(EngineError::Spark { condition, .. }) => assert_eq!(condition, "UNRESOLVED_COLUMN.WITH_SUGGESTION"),
            other => panic!("unexpected {other:?}"),
        }
    }
}
