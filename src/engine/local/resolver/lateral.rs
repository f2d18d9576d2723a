//! `lateralJoin`: the right side evaluated for each row of the left side (Spark's
//! `LateralJoin`). The right side is resolved once per distinct value of the left columns
//! it reads through `Column.outer()`, with those values as literals; the results, tagged
//! with their values, are put together and joined back to the left side on them. This
//! holds for any right side (limits, sorts, aggregates, generators), at the cost of one
//! resolution per distinct outer value.
use datafusion::common::{DFSchemaRef, ScalarValue};
use datafusion::logical_expr::{Expr, LogicalPlan, LogicalPlanBuilder};

use super::columns::find_column;
use super::PlanResolver;
use crate::engine::local::error::{EngineError, Result};
use crate::plan::{Expression, JoinCondition, Relation};

/// The left row a lateral join's right side is resolved for: the left schema, and the
/// values of the outer columns by their index in it.
#[derive(Clone)]
pub(super) struct OuterRow {
    schema: DFSchemaRef,
    values: Vec<(usize, ScalarValue)>,
}

/// The name of the column carrying the `i`-th outer value next to the right side's rows.
fn key_name(i: usize) -> String {
    format!("__lateral_key_{i}")
}

/// The distinct column references under `Column.outer()` in a relation, in first-seen order.
fn outer_references(relation: &Relation) -> Vec<Expression> {
    let mut found: Vec<Expression> = Vec::new();
    for node in crate::plan::nodes_of_kind::<Expression>(relation, "OuterColumn") {
        if let Expression::OuterColumn { child } = node {
            if !found.contains(&child) {
                found.push(*child);
            }
        }
    }
    found
}

/// The join types a lateral join takes (Spark's `LateralJoin` allows inner, cross and
/// left outer).
fn lateral_how(how: &str) -> Result<&'static str> {
    match how.to_lowercase().replace('_', "").as_str() {
        "inner" => Ok("inner"),
        "cross" => Ok("cross"),
        "left" | "leftouter" => Ok("left"),
        _ => Err(EngineError::analysis(
            "UNSUPPORTED_JOIN_TYPE",
            format!("Unsupported join type '{how}'. Supported join types include: 'inner', 'leftouter', 'left', 'left_outer', 'cross'."),
            &[("typ", how.to_string()), ("supported", "'inner', 'leftouter', 'left', 'left_outer', 'cross'".to_string())],
        )),
    }
}

impl PlanResolver<'_> {
    /// The value `Column.outer()` reads for column `name` of the lateral join's left row
    /// being resolved, as a literal; `None` outside a lateral join's right side.
    pub(super) fn lateral_value(&self, name: &str, plan_id: Option<u64>) -> Result<Option<Expr>> {
        let row = self.lateral_row.lock().map_err(|_| EngineError::internal("the lateral row is poisoned"))?.last().cloned();
        let Some(row) = row else { return Ok(None) };
        let Expr::Column(column) = find_column(&row.schema, name, plan_id)? else {
            return Ok(None);
        };
        let index = row.schema.index_of_column(&column)?;
        Ok(row.values.iter().find(|(i, _)| *i == index).map(|(_, value)| Expr::Literal(value.clone(), None)))
    }

    /// Spark's `LateralJoin` of `left` and `right` on `condition`, inner or left outer.
    pub(super) async fn lateral_join(&self, left: &Relation, right: &Relation, condition: Option<&Expression>, how: &str) -> Result<LogicalPlan> {
        let how = lateral_how(how)?;
        let join_how = if how == "cross" { "inner" } else { how };
        let left_plan = self.resolve(left).await?;
        let outer = outer_references(right);
        if outer.is_empty() {
            let right_plan = self.resolve(right).await?;
            let condition = condition.map_or(JoinCondition::None, |c| JoinCondition::Expression { condition: c.clone() });
            return self.join(left_plan, left.plan_id(), right_plan, right.plan_id(), &condition, join_how);
        }
        let schema = left_plan.schema().clone();
        let mut indexes = Vec::new();
        let mut keys = Vec::new();
        for reference in &outer {
            let Expression::Column { name, plan_id } = reference else {
                return Err(EngineError::analysis("UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY.UNSUPPORTED_CORRELATED_REFERENCE", "Unsupported subquery expression: outer() applies to a column.", &[]));
            };
            let Expr::Column(column) = find_column(&schema, name, *plan_id)? else {
                return Err(EngineError::unresolved_column(name, &[]));
            };
            indexes.push(schema.index_of_column(&column)?);
            keys.push(Expr::Column(column));
        }
        // The distinct outer values, in a stable order.
        let distinct = LogicalPlanBuilder::from(left_plan.clone())
            .project(keys.iter().enumerate().map(|(i, k)| k.clone().alias(key_name(i))))?
            .distinct()?
            .sort(keys.iter().enumerate().map(|(i, _)| datafusion::logical_expr::col(key_name(i)).sort(true, true)))?
            .build()?;
        let batches = self.session.context().execute_logical_plan(distinct).await?.collect().await?;
        let mut rows = Vec::new();
        for batch in &batches {
            for row in 0..batch.num_rows() {
                rows.push((0..keys.len()).map(|i| ScalarValue::try_from_array(batch.column(i), row)).collect::<datafusion::common::Result<Vec<_>>>()?);
            }
        }
        let empty = rows.is_empty();
        if empty {
            // No left row: the right side's shape, from NULL outer values, with no rows.
            rows.push(indexes.iter().map(|i| ScalarValue::try_from(schema.field(*i).data_type())).collect::<datafusion::common::Result<Vec<_>>>()?);
        }
        let mut branches = Vec::with_capacity(rows.len());
        for values in rows {
            let tags: Vec<Expr> = values.iter().enumerate().map(|(i, v)| Expr::Literal(v.clone(), None).alias(key_name(i))).collect();
            self.lateral_row.lock().map_err(|_| EngineError::internal("the lateral row is poisoned"))?.push(OuterRow { schema: schema.clone(), values: indexes.iter().copied().zip(values).collect() });
            let resolved = self.resolve(right).await;
            self.lateral_row.lock().map_err(|_| EngineError::internal("the lateral row is poisoned"))?.pop();
            let resolved = resolved?;
            let mut outputs: Vec<Expr> = resolved.schema().columns().into_iter().map(Expr::Column).collect();
            outputs.extend(tags);
            branches.push(LogicalPlanBuilder::from(resolved).project(outputs)?.build()?);
        }
        let mut union = LogicalPlanBuilder::from(branches.remove(0));
        for branch in branches {
            union = union.union(branch)?;
        }
        if empty {
            union = union.filter(datafusion::logical_expr::lit(false))?;
        }
        let union = union.build()?;
        // Join back on the outer values (NULL matching NULL, as the row it came from), then
        // the user's condition.
        let mut matched: Option<Expression> = None;
        for (i, reference) in outer.iter().enumerate() {
            let equal = Expression::Function {
                name: "<=>".to_string(),
                arguments: vec![reference.clone(), Expression::Column { name: key_name(i), plan_id: None }],
                is_distinct: false,
                by_sql_name: false,
            };
            matched = Some(match matched {
                None => equal,
                Some(previous) => Expression::Function { name: "and".to_string(), arguments: vec![previous, equal], is_distinct: false, by_sql_name: false },
            });
        }
        let mut on = matched.ok_or_else(|| EngineError::internal("a lateral join without outer values"))?;
        if let Some(condition) = condition {
            on = Expression::Function { name: "and".to_string(), arguments: vec![on, condition.clone()], is_distinct: false, by_sql_name: false };
        }
        let joined = self.join(left_plan, left.plan_id(), union, right.plan_id(), &JoinCondition::Expression { condition: on }, join_how)?;
        let key_names: Vec<String> = (0..keys.len()).map(key_name).collect();
        let outputs: Vec<Expr> = joined.schema().columns().into_iter().filter(|c| !key_names.contains(&c.name)).map(Expr::Column).collect();
        Ok(LogicalPlanBuilder::from(joined).project(outputs)?.build()?)
    }
}
