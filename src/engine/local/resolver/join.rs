//! `join` and `crossJoin` with Spark's output shapes: a `USING` join merges its key
//! columns first (coalesced for a full outer join); semi and anti joins keep the left side.
use datafusion::common::Column;
use datafusion::functions::core::expr_fn::coalesce;
use datafusion::logical_expr::utils::split_conjunction;
use datafusion::logical_expr::{BinaryExpr, Expr, JoinType, LogicalPlan, LogicalPlanBuilder, Operator};

use super::columns::{find_column, plan_alias};
use super::ordering::{join_order, sort_then_drop, with_ordinal, LEFT_ORDINAL, RIGHT_ORDINAL};
use super::project::all_columns;
use super::PlanResolver;
use crate::engine::local::error::{EngineError, Result};
use crate::plan::JoinCondition;

/// Spark's join type names (`JoinType.apply` in Spark).
fn join_type(how: &str) -> Result<JoinType> {
    Ok(match how.to_lowercase().replace('_', "").as_str() {
        "inner" | "cross" => JoinType::Inner,
        "outer" | "full" | "fullouter" => JoinType::Full,
        "left" | "leftouter" => JoinType::Left,
        "right" | "rightouter" => JoinType::Right,
        "semi" | "leftsemi" => JoinType::LeftSemi,
        "anti" | "leftanti" => JoinType::LeftAnti,
        _ => {
            return Err(EngineError::analysis(
                "UNSUPPORTED_JOIN_TYPE",
                format!("Unsupported join type '{how}'. Supported join types include: 'inner', 'outer', 'full', 'fullouter', 'full_outer', 'leftouter', 'left', 'left_outer', 'rightouter', 'right', 'right_outer', 'leftsemi', 'left_semi', 'semi', 'leftanti', 'left_anti', 'anti', 'cross'."),
                &[("typ", how.to_string())],
            ))
        }
    })
}

/// Qualifies a join input with its DataFrame's plan id, unless the user aliased it.
fn qualify(plan: LogicalPlan, alias: String) -> Result<LogicalPlan> {
    if matches!(plan, LogicalPlan::SubqueryAlias(_)) {
        return Ok(plan);
    }
    Ok(LogicalPlanBuilder::from(plan).alias(alias)?.build()?)
}

impl PlanResolver<'_> {
    pub(super) fn join(
        &self,
        left: LogicalPlan,
        left_id: u64,
        right: LogicalPlan,
        right_id: u64,
        condition: &JoinCondition,
        how: &str,
    ) -> Result<LogicalPlan> {
        let join_type = join_type(how)?;
        let left = qualify(left, plan_alias(left_id))?;
        let right_alias = if right_id == left_id { format!("{}_right", plan_alias(right_id)) } else { plan_alias(right_id) };
        let right = qualify(right, right_alias)?;
        let left = with_ordinal(left, LEFT_ORDINAL)?;
        let right = with_ordinal(right, RIGHT_ORDINAL)?;
        let (joined, keys) = match condition {
            JoinCondition::None => {
                if join_type == JoinType::Inner {
                        (LogicalPlanBuilder::from(left).cross_join(right)?.build()?, Vec::new())
                } else {
                    (LogicalPlanBuilder::from(left).join_on(right, join_type, Vec::<Expr>::new())?.build()?, Vec::new())
                }
            }
            JoinCondition::Expression { condition } => {
                let merged = left.schema().join(right.schema())?;
                let condition = self.expression(condition, &merged)?;
                let keys = equi_join_keys(&condition, &left, &right);
                (LogicalPlanBuilder::from(left).join_on(right, join_type, vec![condition])?.build()?, keys)
            }
            JoinCondition::Using { columns } => self.join_using(left, right, columns, join_type)?,
        };
        in_spark_join_order(joined, join_type, &keys)
    }

    /// A `USING` join, and its equi-join key pairs.
    fn join_using(&self, left: LogicalPlan, right: LogicalPlan, columns: &[String], join_type: JoinType) -> Result<(LogicalPlan, Vec<(Expr, Expr)>)> {
        let left_schema = left.schema().clone();
        let right_schema = right.schema().clone();
        let mut left_keys = Vec::new();
        let mut right_keys = Vec::new();
        for column in columns {
            left_keys.push(find_column(&left_schema, column, None).map_err(|_| using_error(column, "left", &left_schema))?);
            right_keys.push(find_column(&right_schema, column, None).map_err(|_| using_error(column, "right", &right_schema))?);
        }
        let on = left_keys.iter().zip(&right_keys).map(|(l, r)| l.clone().eq(r.clone())).collect::<Vec<_>>();
        let plan = LogicalPlanBuilder::from(left).join_on(right, join_type, on)?.build()?;
        let mut outputs = Vec::new();
        for ((left_key, right_key), name) in left_keys.iter().zip(&right_keys).zip(columns) {
            let name = match left_key {
                Expr::Column(Column { name: field, .. }) => field.clone(),
                _ => name.clone(),
            };
            let key = match join_type {
                JoinType::Right => right_key.clone(),
                JoinType::Full => coalesce(vec![left_key.clone(), right_key.clone()]),
                _ => left_key.clone(),
            };
            outputs.push(key.alias(name));
        }
        outputs.extend(all_columns(&left_schema).into_iter().filter(|c| !left_keys.contains(c)));
        if !matches!(join_type, JoinType::LeftSemi | JoinType::LeftAnti) {
            outputs.extend(all_columns(&right_schema).into_iter().filter(|c| !right_keys.contains(c)));
        }
        let keys = left_keys.into_iter().zip(right_keys).collect();
        Ok((LogicalPlanBuilder::from(plan).project(outputs)?.build()?, keys))
    }
}

/// The `left = right` conjuncts of a join condition whose sides each read one input
/// (what Spark's `ExtractEquiJoinKeys` finds), as (left key, right key) pairs.
fn equi_join_keys(condition: &Expr, left: &LogicalPlan, right: &LogicalPlan) -> Vec<(Expr, Expr)> {
    let reads = |expr: &Expr, plan: &LogicalPlan| {
        let columns = expr.column_refs();
        !columns.is_empty() && columns.iter().all(|column| plan.schema().has_column(column))
    };
    split_conjunction(condition)
        .into_iter()
        .filter_map(|conjunct| match conjunct {
            Expr::BinaryExpr(BinaryExpr { left: a, op: Operator::Eq, right: b }) => {
                if reads(a, left) && reads(b, right) {
                    Some((a.as_ref().clone(), b.as_ref().clone()))
                } else if reads(b, left) && reads(a, right) {
                    Some((b.as_ref().clone(), a.as_ref().clone()))
                } else {
                    None
                }
            }
            _ => None,
        })
        .collect()
}

/// Puts a join's output (the join itself, or the projection of a `USING` join over it)
/// in Spark's physical join order and drops the hidden ordinals.
fn in_spark_join_order(plan: LogicalPlan, join_type: JoinType, keys: &[(Expr, Expr)]) -> Result<LogicalPlan> {
    let merge_keys = match &plan {
        // A USING join's projection hides both key columns behind the merged (coalesced) one.
        LogicalPlan::Projection(projection) => projection.schema.columns().into_iter().take(keys.len()).map(Expr::Column).collect(),
        _ => keys.iter().map(|(left, right)| coalesce(vec![left.clone(), right.clone()])).collect(),
    };
    let (sort_keys, ordinals) = join_order(join_type, !keys.is_empty(), merge_keys);
    sort_then_drop(plan, sort_keys, &ordinals)
}

fn using_error(column: &str, side: &str, schema: &datafusion::common::DFSchema) -> EngineError {
    let names = schema.fields().iter().map(|f| format!("`{}`", f.name())).collect::<Vec<_>>().join(", ");
    EngineError::analysis(
        "UNRESOLVED_USING_COLUMN_FOR_JOIN",
        format!("USING column `{column}` cannot be resolved on the {side} side of the join. The {side}-side columns: [{names}]."),
        &[("colName", format!("`{column}`")), ("side", side.to_string()), ("suggestion", names.clone())],
    )
}
