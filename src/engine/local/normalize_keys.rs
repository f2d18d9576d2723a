//! Spark's `NormalizeFloatingNumbers` for the keys that match rows with one another:
//! grouping keys (so `distinct`, `dropDuplicates`, `intersect` and `subtract` too, once
//! the engine has made them aggregates), the arguments of distinct aggregates
//! (`countDistinct`), and equi-join keys. In each, -0.0 and 0.0 are one key, and every
//! NaN is one key, as in Spark. The engine matches floating-point keys by their bits, so
//! the NaN that x86 arithmetic makes (sign bit set, `sqrt(-1.0)`) was a key apart from
//! `float('nan')`: a group split in two and a join that missed its row.
//!
//! Window partition keys, sort keys and comparisons are normalized where the resolver
//! builds them (`udfs::normalize_floats`).
use std::sync::Arc;

use datafusion::common::tree_node::Transformed;
use datafusion::common::DFSchema;
use datafusion::error::Result;
use datafusion::logical_expr::expr::AggregateFunction;
use datafusion::logical_expr::{Aggregate, Expr, GroupingSet, LogicalPlan, Projection};
use datafusion::optimizer::{ApplyOrder, OptimizerConfig, OptimizerRule};

use super::udfs::normalize_floats::normalized_key;

/// The rule; it runs after DataFusion's own, which turn `DISTINCT` into an aggregate
/// and a single distinct aggregate into a grouping. It is idempotent: a key already
/// normalized is left as it is.
#[derive(Debug, Default)]
pub struct NormalizeFloatKeys;

impl OptimizerRule for NormalizeFloatKeys {
    fn name(&self) -> &str {
        "normalize_float_keys"
    }

    fn apply_order(&self) -> Option<ApplyOrder> {
        Some(ApplyOrder::BottomUp)
    }

    fn rewrite(&self, plan: LogicalPlan, _config: &dyn OptimizerConfig) -> Result<Transformed<LogicalPlan>> {
        match plan {
            LogicalPlan::Aggregate(aggregate) => normalize_aggregate(aggregate),
            LogicalPlan::Join(mut join) => {
                let (left, right) = (join.left.schema().clone(), join.right.schema().clone());
                let on: Vec<(Expr, Expr)> = join.on.iter().map(|(l, r)| (normalized_key(l.clone(), &left), normalized_key(r.clone(), &right))).collect();
                if on == join.on {
                    return Ok(Transformed::no(LogicalPlan::Join(join)));
                }
                join.on = on;
                Ok(Transformed::yes(LogicalPlan::Join(join)))
            }
            other => Ok(Transformed::no(other)),
        }
    }
}

/// The aggregate with its floating-point grouping keys and distinct aggregates'
/// arguments normalized, under a projection that gives its columns their former names
/// (the rewritten expressions name their columns differently).
fn normalize_aggregate(aggregate: Aggregate) -> Result<Transformed<LogicalPlan>> {
    let schema = aggregate.input.schema().clone();
    let group_expr: Vec<Expr> = aggregate.group_expr.iter().map(|e| normalized_group(e, &schema)).collect();
    let aggr_expr: Vec<Expr> = aggregate.aggr_expr.iter().map(|e| normalized_distinct_arguments(e, &schema)).collect();
    if group_expr == aggregate.group_expr && aggr_expr == aggregate.aggr_expr {
        return Ok(Transformed::no(LogicalPlan::Aggregate(aggregate)));
    }
    let former = aggregate.schema.clone();
    let rewritten = Aggregate::try_new(aggregate.input, group_expr, aggr_expr)?;
    let renamed = rewritten
        .schema
        .iter()
        .zip(former.iter())
        .map(|((qualifier, field), (former_qualifier, former_field))| {
            let column = Expr::Column(datafusion::common::Column::new(qualifier.cloned(), field.name()));
            if qualifier == former_qualifier && field.name() == former_field.name() {
                column
            } else {
                column.alias_qualified(former_qualifier.cloned(), former_field.name())
            }
        })
        .collect();
    Ok(Transformed::yes(LogicalPlan::Projection(Projection::try_new(renamed, Arc::new(LogicalPlan::Aggregate(rewritten)))?)))
}

/// A grouping expression with its floating-point keys normalized, inside grouping sets
/// (`rollup`, `cube`) too.
fn normalized_group(expr: &Expr, schema: &DFSchema) -> Expr {
    let keys = |exprs: &[Expr]| exprs.iter().map(|e| normalized_key(e.clone(), schema)).collect::<Vec<_>>();
    match expr {
        Expr::GroupingSet(GroupingSet::Rollup(exprs)) => Expr::GroupingSet(GroupingSet::Rollup(keys(exprs))),
        Expr::GroupingSet(GroupingSet::Cube(exprs)) => Expr::GroupingSet(GroupingSet::Cube(keys(exprs))),
        Expr::GroupingSet(GroupingSet::GroupingSets(sets)) => Expr::GroupingSet(GroupingSet::GroupingSets(sets.iter().map(|set| keys(set)).collect())),
        other => normalized_key(other.clone(), schema),
    }
}

/// An aggregate expression whose distinct aggregate (`count(DISTINCT x)`) has its
/// floating-point arguments normalized; others as they are.
fn normalized_distinct_arguments(expr: &Expr, schema: &DFSchema) -> Expr {
    match expr {
        Expr::Alias(alias) => {
            let mut alias = alias.clone();
            *alias.expr = normalized_distinct_arguments(&alias.expr, schema);
            Expr::Alias(alias)
        }
        Expr::AggregateFunction(call) if call.params.distinct => {
            let mut call: AggregateFunction = call.clone();
            call.params.args = call.params.args.iter().map(|a| normalized_key(a.clone(), schema)).collect();
            Expr::AggregateFunction(call)
        }
        other => other.clone(),
    }
}
