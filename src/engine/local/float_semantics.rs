//! Spark's treatment of NaN and -0.0 where the engine's differs, as one optimizer rule,
//! [`SparkFloats`]. Spark takes every NaN as one value, greater than Infinity, and
//! -0.0 as 0.0 wherever it matches rows; the engine orders and matches floats by their
//! bits (their total order), where the NaN that x86 arithmetic makes (sign bit set,
//! `sqrt(-1.0)`, `0.0 / 0.0`) is a value apart from `float('nan')`, below -Infinity.
//!
//! - **Keys** (Spark's `NormalizeFloatingNumbers`): grouping keys (so `distinct`,
//!   `dropDuplicates`, `intersect` and `subtract` too, once the engine has made them
//!   aggregates), the arguments of distinct aggregates (`countDistinct`) and equi-join
//!   keys have -0.0 made 0.0 and every NaN the positive one. A group split in two and a
//!   join missed its row.
//! - **Computed values**: every FLOAT or DOUBLE that an operator or a function computes
//!   has its NaNs made the positive one, -0.0 kept, so that what ranks, matches or looks
//!   up floats (`greatest`, `max_by`, `array_sort`, `array_contains`, `isin`, `median`,
//!   ...) sees Spark's one NaN. `greatest(sqrt(-1.0), 1.0)` gave 1.0, where Spark gives
//!   NaN. Values read from Python are made positive where they are read
//!   (`native::convert`).
//!
//! Window partition keys, sort keys and comparisons are normalized where the resolver
//! builds them (`udfs::normalize_floats`). Not covered: the NaNs that an aggregate or a
//! window function computes (`sum` of Infinity and -Infinity) and those of Python UDFs
//! and files.
use std::sync::Arc;

use datafusion::common::tree_node::{Transformed, TreeNode};
use datafusion::common::{DFSchema, ScalarValue};
use datafusion::error::Result;
use datafusion::logical_expr::expr::AggregateFunction;
use datafusion::logical_expr::expr_rewriter::NamePreserver;
use datafusion::logical_expr::{Aggregate, BinaryExpr, Expr, ExprSchemable, GroupingSet, LogicalPlan, Operator, Projection};
use datafusion::arrow::datatypes::DataType;
use datafusion::optimizer::{ApplyOrder, OptimizerConfig, OptimizerRule};

use super::udfs::normalize_floats::{is_normalizing, normalized_key, with_positive_nans};

/// The rule; it runs after DataFusion's own, which turn `DISTINCT` into an aggregate
/// and a single distinct aggregate into a grouping. It is idempotent: a key already
/// normalized and a value already made positive are left as they are.
#[derive(Debug, Default)]
pub struct SparkFloats;

impl OptimizerRule for SparkFloats {
    fn name(&self) -> &str {
        "spark_floats"
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
            LogicalPlan::Projection(_) | LogicalPlan::Window(_) => {
                let schema = plan.inputs()[0].schema().clone();
                let names = NamePreserver::new(&plan);
                plan.map_expressions(|expr| {
                    let name = names.save(&expr);
                    Ok(positive_computed_nans(expr, &schema)?.update_data(|e| name.restore(e)))
                })
            }
            other => Ok(Transformed::no(other)),
        }
    }
}

/// The aggregate with its floating-point grouping keys and distinct aggregates'
/// arguments normalized and its computed floats made positive, under a projection that
/// gives its columns their former names (the rewritten expressions name their columns
/// differently).
fn normalize_aggregate(aggregate: Aggregate) -> Result<Transformed<LogicalPlan>> {
    let schema = aggregate.input.schema().clone();
    let group_expr = aggregate.group_expr.iter().map(|e| positive_computed_nans(normalized_group(e, &schema), &schema).map(|t| t.data)).collect::<Result<Vec<Expr>>>()?;
    let aggr_expr = aggregate.aggr_expr.iter().map(|e| positive_computed_nans(normalized_distinct_arguments(e, &schema), &schema).map(|t| t.data)).collect::<Result<Vec<Expr>>>()?;
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

/// `expr` with each FLOAT or DOUBLE that an operator or a scalar function computes made
/// to have positive NaNs, and a negative NaN literal made the positive one. The argument
/// of a normalizing call is not wrapped again, and Python UDFs are left alone (their
/// calls are found by the name of their function when they are planned).
fn positive_computed_nans(expr: Expr, schema: &DFSchema) -> Result<Transformed<Expr>> {
    if is_normalizing(&expr) {
        return expr.map_children(|argument| argument.map_children(|e| positive_computed_nans(e, schema)));
    }
    if let Expr::Literal(value, metadata) = &expr {
        let positive = match value {
            ScalarValue::Float64(Some(v)) if v.is_nan() && v.is_sign_negative() => ScalarValue::Float64(Some(f64::NAN)),
            ScalarValue::Float32(Some(v)) if v.is_nan() && v.is_sign_negative() => ScalarValue::Float32(Some(f32::NAN)),
            _ => return Ok(Transformed::no(expr)),
        };
        return Ok(Transformed::yes(Expr::Literal(positive, metadata.clone())));
    }
    let computed = computes_float(&expr, schema);
    let rewritten = expr.map_children(|e| positive_computed_nans(e, schema))?;
    if computed {
        Ok(Transformed::yes(with_positive_nans(rewritten.data)))
    } else {
        Ok(rewritten)
    }
}

/// Whether `expr` computes a FLOAT or DOUBLE: arithmetic, a negation, a cast of a float,
/// or a scalar function that is not a Python UDF.
fn computes_float(expr: &Expr, schema: &DFSchema) -> bool {
    let computing = match expr {
        Expr::BinaryExpr(BinaryExpr { op, .. }) => matches!(op, Operator::Plus | Operator::Minus | Operator::Multiply | Operator::Divide | Operator::Modulo),
        Expr::Negative(_) => true,
        // Only a float keeps its NaN through a cast.
        Expr::Cast(cast) => matches!(cast.expr.get_type(schema), Ok(DataType::Float32 | DataType::Float64)),
        Expr::TryCast(cast) => matches!(cast.expr.get_type(schema), Ok(DataType::Float32 | DataType::Float64)),
        Expr::ScalarFunction(call) => call.func.inner().downcast_ref::<super::python_udf::PythonUdf>().is_none(),
        _ => false,
    };
    computing && matches!(expr.get_type(schema), Ok(DataType::Float32 | DataType::Float64))
}
