//! Subqueries inside expressions: `col.isin(df)` (Spark's `In` of a `ListQuery`),
//! `df.scalar()` (`ScalarSubquery`) and `df.exists()` (`Exists`), correlated by
//! `Column.outer()` (`OuterReference`), in filters. Their plans
//! are resolved before the expressions holding them, as relations resolve asynchronously
//! and expressions do not; an `IN` of several values compares one struct of them with one
//! struct per row of the subquery.
use std::sync::Arc;

use datafusion::arrow::datatypes::DataType;
use datafusion::common::{DFSchema, Spans};
use datafusion::logical_expr::expr::InSubquery;
use datafusion::logical_expr::{Cast, Expr, ExprSchemable, LogicalPlanBuilder, Subquery};

use super::columns::find_column;
use super::PlanResolver;
use crate::engine::local::error::{EngineError, Result};
use crate::plan::{Expression, Relation};

/// The subquery plans inside an expression, outermost first.
/// Each comes with whether it is a scalar subquery.
fn collect<'e>(expression: &'e Expression, found: &mut Vec<(&'e Relation, bool)>) {
    let each = |items: &'e [Expression], found: &mut Vec<(&'e Relation, bool)>| items.iter().for_each(|e| collect(e, found));
    match expression {
        Expression::InSubquery { plan, in_values } => {
            found.push((plan, false));
            each(in_values, found);
        }
        Expression::ScalarSubquery { plan } => found.push((plan, true)),
        Expression::ExistsSubquery { plan } => found.push((plan, false)),
        Expression::Function { arguments, .. } => each(arguments, found),
        Expression::Alias { child, .. } | Expression::Cast { child, .. } => collect(child, found),
        Expression::CaseWhen { branches, otherwise } => {
            for (condition, value) in branches {
                collect(condition, found);
                collect(value, found);
            }
            if let Some(otherwise) = otherwise {
                collect(otherwise, found);
            }
        }
        Expression::SortOrder(order) => collect(&order.child, found),
        Expression::PythonUdf(udf) => each(&udf.arguments, found),
        Expression::LambdaFunction { function, .. } => collect(function, found),
        Expression::Window { function, partition_by, order_by, .. } => {
            collect(function, found);
            each(partition_by, found);
            order_by.iter().for_each(|order| collect(&order.child, found));
        }
        _ => {}
    }
}

/// The key of a subquery's plan: the address of its relation, which stays put while the
/// plan holding it is resolved.
fn key(relation: &Relation) -> usize {
    relation as *const Relation as usize
}

impl PlanResolver<'_> {
    /// Resolves the plans of the subqueries inside `expressions`, for `in_subquery`.
    /// An IN or EXISTS subquery outside a filter's condition (`filter` false) is Spark's
    /// `NOT_IMPLEMENTED` here: only there does DataFusion turn it into a join; a scalar
    /// subquery may also stand in a projection.
    /// `outer` is the input of the query around them, where their outer columns are found.
    pub(super) async fn prepare_subqueries<'e>(&self, expressions: impl IntoIterator<Item = &'e Expression>, filter: bool, outer: &datafusion::common::DFSchemaRef) -> Result<()> {
        let mut found = Vec::new();
        for expression in expressions {
            collect(expression, &mut found);
        }
        // DataFusion decorrelates a scalar subquery in a projection too (its
        // `ScalarSubqueryToJoin`); IN and EXISTS only in a filter.
        if !filter && found.iter().any(|(_, scalar)| !scalar) {
            let feature = "A subquery (Column.isin of a DataFrame, DataFrame.exists()) outside a filter in Ember".to_string();
            return Err(EngineError::spark(crate::engine::local::error::ErrorClass::NotImplemented, "NOT_IMPLEMENTED", format!("{feature} is not implemented."), &[("feature", feature.clone())]));
        }
        for (relation, _) in found {
            self.outer_scope.lock().map_err(|_| EngineError::internal("the outer scope is poisoned"))?.push(outer.clone());
            let plan = self.resolve(relation).await;
            self.outer_scope.lock().map_err(|_| EngineError::internal("the outer scope is poisoned"))?.pop();
            let plan = plan?;
            self.subqueries.lock().map_err(|_| EngineError::internal("the subquery plans are poisoned"))?.insert(key(relation), plan);
        }
        Ok(())
    }

    /// The subquery of a resolved plan, with the outer columns it reads.
    pub(super) fn subquery(&self, relation: &Relation) -> Result<Subquery> {
        let plan = self.subqueries.lock().map_err(|_| EngineError::internal("the subquery plans are poisoned"))?.get(&key(relation)).cloned();
        let plan = plan.ok_or_else(|| EngineError::internal("a subquery resolved before its plan"))?;
        let outer_ref_columns = plan.all_out_ref_exprs();
        Ok(Subquery { subquery: Arc::new(plan), outer_ref_columns, spans: Spans::new() })
    }

    /// `Column.outer()`: a column of the query around the subquery being resolved.
    pub(super) fn outer_column(&self, child: &Expression) -> Result<Expr> {
        let Expression::Column { name, plan_id } = child else {
            return Err(EngineError::analysis("UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY.UNSUPPORTED_CORRELATED_REFERENCE", "Unsupported subquery expression: outer() applies to a column.", &[]));
        };
        let outer = self.outer_scope.lock().map_err(|_| EngineError::internal("the outer scope is poisoned"))?.last().cloned();
        let Some(outer) = outer else {
            // Outside a subquery, `outer()` may read the left row of a lateral join.
            return match self.lateral_value(name, *plan_id)? {
                Some(value) => Ok(value),
                None => Err(EngineError::unresolved_column(name, &[])),
            };
        };
        match find_column(&outer, name, *plan_id)? {
            Expr::Column(column) => {
                let (_, field) = outer.qualified_field_from_column(&column)?;
                Ok(Expr::OuterReferenceColumn(Arc::new(field.as_ref().clone()), column))
            }
            other => Ok(other),
        }
    }

    /// Spark's `In` of a `ListQuery`: true where the values are a row of the subquery. A
    /// struct against a subquery of several columns is compared field by field.
    pub(super) fn in_subquery(&self, relation: &Relation, values: &[Expression], schema: &DFSchema) -> Result<Expr> {
        let plan = self.subquery(relation)?.subquery.as_ref().clone();
        let mut resolved = values.iter().map(|v| self.expression(v, schema)).collect::<Result<Vec<_>>>()?;
        let columns = plan.schema().fields().len();
        if resolved.len() == 1 && columns > 1 {
            if let DataType::Struct(fields) = resolved[0].get_type(schema)? {
                let value = resolved.remove(0);
                resolved = fields.iter().map(|f| datafusion::functions::core::expr_fn::get_field(value.clone(), f.name().as_str())).collect();
            }
        }
        if resolved.len() != columns {
            let left = resolved.iter().map(|e| format!("\"{}\"", crate::engine::local::naming::spark_name(e))).collect::<Vec<_>>().join(", ");
            let right = plan.schema().fields().iter().map(|f| format!("\"{}\"", f.name())).collect::<Vec<_>>().join(", ");
            return Err(EngineError::analysis(
                "DATATYPE_MISMATCH.IN_SUBQUERY_LENGTH_MISMATCH",
                format!("Cannot resolve due to data type mismatch: The number of columns in the left hand side of an IN subquery does not match the number of columns in the output of subquery. Left hand side columns(length: {}): [{left}], right hand side columns(length: {columns}): [{right}].", resolved.len()),
                &[("leftLength", resolved.len().to_string()), ("rightLength", columns.to_string())],
            ));
        }
        let (value, plan) = if columns == 1 {
            (resolved.remove(0), plan)
        } else {
            // One struct per side, the subquery's columns cast to the values' types.
            let types = resolved.iter().map(|e| e.get_type(schema)).collect::<std::result::Result<Vec<_>, _>>()?;
            let named = |items: Vec<Expr>| {
                let arguments = items.into_iter().enumerate().flat_map(|(i, e)| [Expr::Literal(datafusion::common::ScalarValue::Utf8(Some(format!("_{}", i + 1))), None), e]).collect();
                crate::engine::local::udfs::constructors::named_struct().call(arguments)
            };
            let row = plan.schema().columns().into_iter().zip(&types).map(|(column, data_type)| Expr::Cast(Cast::new(Box::new(Expr::Column(column)), data_type.clone()))).collect();
            let plan = LogicalPlanBuilder::from(plan).project(vec![named(row).alias("value")])?.build()?;
            (named(resolved), plan)
        };
        let outer_ref_columns = plan.all_out_ref_exprs();
        let subquery = Subquery { subquery: Arc::new(plan), outer_ref_columns, spans: Spans::new() };
        Ok(Expr::InSubquery(InSubquery::new(Box::new(value), subquery, false)))
    }
}
