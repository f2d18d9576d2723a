//! `union`/`unionByName`/`intersect(All)`/`subtract`/`exceptAll`: by position unless by
//! name; output names come from the left side, as in Spark.
use datafusion::common::{Column, ScalarValue};
use datafusion::arrow::datatypes::DataType;
use datafusion::logical_expr::{Cast, Expr, LogicalPlan, LogicalPlanBuilder};

use super::PlanResolver;
use crate::engine::local::error::{EngineError, Result};
use crate::engine::local::cast::spark_cast;
use crate::engine::local::types::spark_sql_type_name;
use crate::plan::SetOperationKind;

/// English ordinal of a column position, as Spark's messages write it (`first`, `2nd`).
fn ordinal(n: usize) -> String {
    match n {
        1 => "first".into(),
        2 => "second".into(),
        3 => "third".into(),
        n => format!("{n}th"),
    }
}

/// Spark's wider type of two column types (`TypeCoercion.findWiderTypeForTwo`): the wider
/// number (integers < float < double; decimals widened to hold both), timestamp over
/// date, string over other atomic types, the other type over NULL; `None` if none.
pub fn wider_type(left: &DataType, right: &DataType) -> Option<DataType> {
    use DataType::*;
    let rank = |t: &DataType| match t {
        Int8 => Some(1),
        Int16 => Some(2),
        Int32 => Some(3),
        Int64 => Some(4),
        Float32 => Some(5),
        Float64 => Some(6),
        _ => None,
    };
    let decimal_of = |t: &DataType| match t {
        Decimal128(p, s) => Some((i32::from(*p), i32::from(*s))),
        Int8 => Some((3, 0)),
        Int16 => Some((5, 0)),
        Int32 => Some((10, 0)),
        Int64 => Some((20, 0)),
        _ => None,
    };
    let atomic = |t: &DataType| matches!(t, Boolean | Int8 | Int16 | Int32 | Int64 | Float32 | Float64 | Decimal128(..) | Date32 | Timestamp(..) | Utf8 | LargeUtf8 | Binary);
    Some(match (left, right) {
        (l, r) if l == r => l.clone(),
        (Null, other) | (other, Null) => other.clone(),
        (Float32, Int32 | Int64) | (Int32 | Int64, Float32) => Float64,
        (l, r) if rank(l).is_some() && rank(r).is_some() => {
            if rank(l) >= rank(r) { l.clone() } else { r.clone() }
        }
        (Decimal128(..), Float32 | Float64) | (Float32 | Float64, Decimal128(..)) => Float64,
        (l, r) if decimal_of(l).is_some() && decimal_of(r).is_some() => {
            let ((p1, s1), (p2, s2)) = (decimal_of(l)?, decimal_of(r)?);
            let scale = s1.max(s2);
            let integral = (p1 - s1).max(p2 - s2);
            let precision = (integral + scale).min(38);
            Decimal128(precision as u8, (precision - integral).clamp(0, scale) as i8)
        }
        (Date32, Timestamp(unit, zone)) | (Timestamp(unit, zone), Date32) => Timestamp(*unit, zone.clone()),
        (Timestamp(_, a), Timestamp(_, b)) => Timestamp(datafusion::arrow::datatypes::TimeUnit::Microsecond, a.clone().or(b.clone())),
        // ANSI coercion (Spark 4's default) casts the string side to the other type.
        (Utf8 | LargeUtf8, other) | (other, Utf8 | LargeUtf8) if atomic(other) => match other {
            t if t.is_integer() => Int64,
            Float32 | Float64 | Decimal128(..) => Float64,
            other => other.clone(),
        },
        _ => return None,
    })
}

fn null_of(data_type: &datafusion::arrow::datatypes::DataType, name: &str) -> Expr {
    Expr::Cast(Cast::new(Box::new(Expr::Literal(ScalarValue::Null, None)), data_type.clone())).alias(name)
}

impl PlanResolver<'_> {
    pub(super) fn set_operation(
        &self,
        left: LogicalPlan,
        right: LogicalPlan,
        kind: SetOperationKind,
        is_all: bool,
        by_name: bool,
        allow_missing_columns: bool,
    ) -> Result<LogicalPlan> {
        let (left, right) = if by_name { self.align_by_name(left, right, allow_missing_columns)? } else { (left, right) };
        let left_count = left.schema().fields().len();
        let right_count = right.schema().fields().len();
        if left_count != right_count {
            return Err(EngineError::analysis(
                "NUM_COLUMNS_MISMATCH",
                format!("{} can only be performed on inputs with the same number of columns, but the first input has {left_count} columns and the second input has {right_count} columns.", format!("{kind:?}").to_uppercase()),
                &[],
            ));
        }
        // Both sides take each column's wider type (Spark's `WidenSetOperationTypes`), and
        // the right side takes the left side's names so the result is named like Spark's.
        let names: Vec<String> = left.schema().fields().iter().map(|f| f.name().clone()).collect();
        let mut targets = Vec::with_capacity(names.len());
        for (index, (l, r)) in left.schema().fields().iter().zip(right.schema().fields().iter()).enumerate() {
            let target = wider_type(l.data_type(), r.data_type()).ok_or_else(|| {
                EngineError::analysis(
                    "INCOMPATIBLE_COLUMN_TYPE",
                    format!(
                        "{} can only be performed on tables with compatible column types. The {} column of the second table is \"{}\" type which is not compatible with \"{}\" at the same column of the first table.",
                        format!("{kind:?}").to_uppercase(),
                        ordinal(index + 1),
                        spark_sql_type_name(r.data_type()),
                        spark_sql_type_name(l.data_type())
                    ),
                    &[],
                )
            })?;
            targets.push(target);
        }
        let widen = |plan: LogicalPlan, rename: bool| -> Result<LogicalPlan> {
            let outputs = plan
                .schema()
                .iter()
                .zip(names.iter().zip(&targets))
                .map(|((q, f), (name, target))| {
                    let column = Expr::Column(Column::new(q.cloned(), f.name()));
                    let column = spark_cast(column, f.data_type(), target, false);
                    column.alias(if rename { name } else { f.name() })
                })
                .collect::<Vec<_>>();
            Ok(LogicalPlanBuilder::from(plan).project(outputs)?.build()?)
        };
        let left = if left.schema().fields().iter().zip(&targets).all(|(f, t)| f.data_type() == t) { left } else { widen(left, false)? };
        let right = widen(right, true)?;
        let plan = match kind {
            SetOperationKind::Union if is_all => LogicalPlanBuilder::from(left).union(right)?.build()?,
            SetOperationKind::Union => LogicalPlanBuilder::from(left).union_distinct(right)?.build()?,
            SetOperationKind::Intersect if is_all => self.multiset(left, right, false)?,
            SetOperationKind::Except if is_all => self.multiset(left, right, true)?,
            SetOperationKind::Intersect => LogicalPlanBuilder::intersect(left, right, false)?,
            SetOperationKind::Except => LogicalPlanBuilder::except(left, right, false)?,
        };
        Ok(plan)
    }

    /// `exceptAll` and `intersectAll` with multiset semantics, as Spark's
    /// `RewriteExceptAll`/`RewriteIntersectAll`: tag each side, count the copies of each
    /// distinct row per side, and replicate the row as many times as the result keeps.
    fn multiset(&self, left: LogicalPlan, right: LogicalPlan, except: bool) -> Result<LogicalPlan> {
        use datafusion::execution::FunctionRegistry;
        use datafusion::logical_expr::ExprSchemable;
        let context = self.session().context();
        let partitioned = super::partitioning::has_partition(&left);
        let names: Vec<String> = left.schema().fields().iter().map(|f| f.name().clone()).filter(|n| n != super::partitioning::PARTITION).collect();
        let tag = |plan: LogicalPlan, left_side: bool| -> Result<LogicalPlan> {
            let mut outputs: Vec<Expr> = plan.schema().iter().map(|(q, f)| Expr::Column(Column::new(q.cloned(), f.name()))).collect();
            let one = |present: bool| Expr::Literal(ScalarValue::Int64(Some(i64::from(present))), None);
            outputs.push(one(left_side).alias("__ember_left"));
            outputs.push(one(!left_side).alias("__ember_right"));
            Ok(LogicalPlanBuilder::from(plan).project(outputs)?.build()?)
        };
        let union = LogicalPlanBuilder::from(tag(left, true)?).union(tag(right, false)?)?.build()?;
        let keys: Vec<Expr> = names.iter().map(|n| Expr::Column(Column::new_unqualified(n))).collect();
        // Spark's order of the groups, when the rows' partitions are known.
        let mut ordered = partitioned;
        for key in &keys {
            ordered &= super::ordering::hashable(&key.get_type(union.schema())?);
        }
        let union = if ordered { super::ordering::with_ordinal(union, super::ordering::ORDINAL)? } else { union };
        let sum = context.udaf("sum")?;
        let mut aggregates = vec![
            sum.call(vec![Expr::Column(Column::new_unqualified("__ember_left"))]).alias("__ember_left_count"),
            sum.call(vec![Expr::Column(Column::new_unqualified("__ember_right"))]).alias("__ember_right_count"),
        ];
        if ordered {
            aggregates.extend(super::ordering::first_row());
        }
        let counted = LogicalPlanBuilder::from(union).aggregate(keys.clone(), aggregates)?.build()?;
        let counted = if ordered {
            let hash = context.udf("hash")?;
            super::ordering::group_order(counted, keys.clone(), true, super::ordering::GroupOperator::Hash, &hash, self.session().shuffle_partitions())?
        } else {
            counted
        };
        let left_count = Expr::Column(Column::new_unqualified("__ember_left_count"));
        let right_count = Expr::Column(Column::new_unqualified("__ember_right_count"));
        let copies = if except {
            left_count - right_count
        } else {
            datafusion::functions::core::expr_fn::least(vec![left_count, right_count])
        };
        let range = context.udf("range")?;
        let mut outputs = keys.clone();
        outputs.push(range.call(vec![copies.clone()]).alias("__ember_copies"));
        let zero = Expr::Literal(ScalarValue::Int64(Some(0)), None);
        let plan = LogicalPlanBuilder::from(counted)
            .filter(copies.gt(zero))?
            .project(outputs)?
            .unnest_column("__ember_copies")?
            .project(keys)?
            .build()?;
        Ok(plan)
    }

    /// Reorders the right side to the left side's column names (`unionByName`), adding
    /// NULL columns on either side when `allowMissingColumns` is set.
    fn align_by_name(&self, left: LogicalPlan, right: LogicalPlan, allow_missing: bool) -> Result<(LogicalPlan, LogicalPlan)> {
        let left_schema = left.schema().clone();
        let right_schema = right.schema().clone();
        let mut right_outputs = Vec::new();
        for field in left_schema.fields() {
            match right_schema.iter().find(|(_, f)| f.name().eq_ignore_ascii_case(field.name())) {
                Some((q, f)) => right_outputs.push(Expr::Column(Column::new(q.cloned(), f.name()))),
                None if allow_missing => right_outputs.push(null_of(field.data_type(), field.name())),
                None => {
                    return Err(EngineError::analysis(
                        "NUM_COLUMNS_MISMATCH",
                        format!("Cannot resolve column name \"{}\" among ({}).", field.name(), right_schema.fields().iter().map(|f| f.name().clone()).collect::<Vec<_>>().join(", ")),
                        &[],
                    ))
                }
            }
        }
        let mut left_outputs: Vec<Expr> = left_schema.iter().map(|(q, f)| Expr::Column(Column::new(q.cloned(), f.name()))).collect();
        if allow_missing {
            for (q, f) in right_schema.iter() {
                if !left_schema.fields().iter().any(|l| l.name().eq_ignore_ascii_case(f.name())) {
                    left_outputs.push(null_of(f.data_type(), f.name()));
                    right_outputs.push(Expr::Column(Column::new(q.cloned(), f.name())));
                }
            }
        }
        let left = LogicalPlanBuilder::from(left).project(left_outputs)?.build()?;
        let right = LogicalPlanBuilder::from(right).project(right_outputs)?.build()?;
        Ok((left, right))
    }
}
