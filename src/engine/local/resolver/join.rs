//! `join` and `crossJoin` with Spark's output shapes: a `USING` join merges its key
//! columns first (coalesced for a full outer join); semi and anti joins keep the left side.
use datafusion::common::Column;
use datafusion::logical_expr::{Expr, JoinType, LogicalPlan, LogicalPlanBuilder};

use super::columns::{find_column, plan_alias};
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
        match condition {
            JoinCondition::None => {
                if join_type == JoinType::Inner {
                    Ok(LogicalPlanBuilder::from(left).cross_join(right)?.build()?)
                } else {
                    Ok(LogicalPlanBuilder::from(left).join_on(right, join_type, Vec::<Expr>::new())?.build()?)
                }
            }
            JoinCondition::Expression { condition } => {
                let merged = left.schema().join(right.schema())?;
                let condition = self.expression(condition, &merged)?;
                Ok(LogicalPlanBuilder::from(left).join_on(right, join_type, vec![condition])?.build()?)
            }
            JoinCondition::Using { columns } => self.join_using(left, right, columns, join_type),
        }
    }

    fn join_using(&self, left: LogicalPlan, right: LogicalPlan, columns: &[String], join_type: JoinType) -> Result<LogicalPlan> {
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
                JoinType::Full => datafusion::functions::core::expr_fn::coalesce(vec![left_key.clone(), right_key.clone()]),
                _ => left_key.clone(),
            };
            outputs.push(key.alias(name));
        }
        outputs.extend(all_columns(&left_schema).into_iter().filter(|c| !left_keys.contains(c)));
        if !matches!(join_type, JoinType::LeftSemi | JoinType::LeftAnti) {
            outputs.extend(all_columns(&right_schema).into_iter().filter(|c| !right_keys.contains(c)));
        }
        Ok(LogicalPlanBuilder::from(plan).project(outputs)?.build()?)
    }
}

fn using_error(column: &str, side: &str, schema: &datafusion::common::DFSchema) -> EngineError {
    let names = schema.fields().iter().map(|f| format!("`{}`", f.name())).collect::<Vec<_>>().join(", ");
    EngineError::analysis(
        "UNRESOLVED_USING_COLUMN_FOR_JOIN",
        format!("USING column `{column}` cannot be resolved on the {side} side of the join. The {side}-side columns: [{names}]."),
        &[("colName", format!("`{column}`")), ("side", side.to_string()), ("suggestion", names.clone())],
    )
}
