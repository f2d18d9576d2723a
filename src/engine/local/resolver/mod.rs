//! The plan resolver: Spark's analyzer for the local engine. It turns an unresolved
//! `Relation` into a DataFusion `LogicalPlan`, applying Spark's rules (case-insensitive
//! names, output column names, null ordering, join output shapes). One file per node kind.

mod aggregate;
pub(crate) mod coercion;
mod columns;
mod expression;
mod join;
mod lateral;
mod lambda;
mod na;
mod observe;
mod ordering;
mod partitioning;
mod project;
mod set_operation;
mod sort;
mod subquery;
mod summary;

use std::sync::Arc;

use datafusion::datasource::{provider_as_source, MemTable};
use datafusion::logical_expr::{LogicalPlan, LogicalPlanBuilder};
use futures::future::BoxFuture;

use super::error::{EngineError, Result};
use super::LocalSession;
use crate::plan::{Expression, Relation};


/// Resolves Spark plans against one session's catalog and functions.
pub struct PlanResolver<'a> {
    session: &'a LocalSession,
    /// The parameters of the lambda functions being resolved, innermost last.
    lambda_scope: std::sync::Mutex<Vec<datafusion::arrow::datatypes::FieldRef>>,
    /// The plans of the subqueries inside the expressions being resolved, by the address
    /// of their relation (`subquery::prepare`), resolved ahead since expressions resolve
    /// synchronously.
    subqueries: std::sync::Mutex<std::collections::HashMap<usize, LogicalPlan>>,
    /// The input schemas of the queries around the subquery being resolved, innermost
    /// last: where `Column.outer()` finds its column.
    outer_scope: std::sync::Mutex<Vec<datafusion::common::DFSchemaRef>>,
    /// The outer row a lateral join's right side is being resolved for (`lateral`): the
    /// left side's schema and the values of the columns `Column.outer()` reads from it.
    lateral_row: std::sync::Mutex<Vec<lateral::OuterRow>>,
}

impl<'a> PlanResolver<'a> {
    pub fn new(session: &'a LocalSession) -> Self {
        Self { session, lambda_scope: Default::default(), subqueries: Default::default(), outer_scope: Default::default(), lateral_row: Default::default() }
    }

    /// The session the resolver works for.
    pub fn session(&self) -> &LocalSession {
        self.session
    }

    /// Resolves a relation (recursively) to a DataFusion logical plan.
    pub fn resolve<'b>(&'b self, relation: &'b Relation) -> BoxFuture<'b, Result<LogicalPlan>> {
        Box::pin(async move {
            let plan = self.resolve_relation(relation, false).await?;
            match self.session.catalog.cache.rows(relation)? {
                Some(rows) => cached_scan(plan, &rows),
                None => Ok(plan),
            }
        })
    }

    /// The input of a node whose `expressions` are resolved against it: with the hidden
    /// partition column when `keep` asks for it or the expressions need it.
    async fn input_for<'e>(&self, input: &Relation, expressions: impl IntoIterator<Item = &'e Expression> + Clone, keep: bool) -> Result<LogicalPlan> {
        let random = partitioning::needs_partitions(expressions.clone(), true) && self.partition_count(input).await? > 1;
        if keep || random || partitioning::needs_partitions(expressions.clone(), false) {
            let plan = self.resolve_partitioned(input).await?;
            if partitioning::needs_row_in_partition(expressions) {
                return partitioning::with_row_in_partition(plan);
            }
            return Ok(plan);
        }
        self.resolve(input).await
    }

    /// Settles a resolved node: expands generators, applies Spark's type rules, and keeps
    /// the hidden partition column only when `keep` asks for it.
    fn settle(&self, plan: LogicalPlan, keep: bool) -> Result<LogicalPlan> {
        let plan = crate::engine::local::generators::expand(plan, false)?;
        let plan = coercion::spark_string_promotion(crate::engine::local::udfs::time_window::drop_rows_without_time(plan)?)?;
            // Spark's analyzer settles each expression's type as the plan is built (a CASE
            // of an int and a double is a double, a UNION of int and bigint is bigint);
            // DataFusion's type coercion otherwise runs only when the plan executes, after
            // the schema was read and the next relation resolved against it.
            use datafusion::optimizer::analyzer::AnalyzerRule;
            let state = self.session.context().state();
            let plan = datafusion::optimizer::analyzer::type_coercion::TypeCoercion::new().analyze(plan, state.config_options())?;
            let plan = partitioning::seed_per_partition(plan)?;
            if keep {
                partitioning::with_constant_partition(plan)
            } else {
                partitioning::drop_partition(plan)
            }
    }

    /// Resolves one node; `keep`: with the hidden partition column (see `partitioning`),
    /// for a narrow node whose parent needs the rows' partitions.
    async fn resolve_relation(&self, relation: &Relation, keep: bool) -> Result<LogicalPlan> {
        let plan = self.resolve_node(relation, keep).await?;
        self.settle(plan, keep)
    }

    async fn resolve_node(&self, relation: &Relation, keep: bool) -> Result<LogicalPlan> {
        match relation {
            Relation::LocalRelation { id, .. } => {
                let (schema, batches) = self.session.local_relation(*id)?;
                let table = MemTable::try_new(schema, vec![batches])?;
                Ok(LogicalPlanBuilder::scan(format!("local_{id}"), provider_as_source(Arc::new(table)), None)?.build()?)
            }
            Relation::Range { start, end, step, num_partitions, .. } => {
                super::io_read::range(self.session, *start, *end, *step, *num_partitions)
            }
            Relation::Read { format, paths, options, schema, .. } => {
                super::io_read::read(self.session, format, paths, options, schema.as_deref()).await
            }
            Relation::NamedTable { name, .. } => {
                let plan = self.session.lookup_relation(name).await?.ok_or_else(|| EngineError::table_not_found(&super::catalog::name_parts(name).join("`.`")))?;
                let alias = super::catalog::name_parts(name).pop().unwrap_or_default().to_lowercase();
                Ok(LogicalPlanBuilder::from(plan).alias(alias)?.build()?)
            }
            Relation::Sql { query, .. } => super::sql::plan_sql(self.session, query).await,
            Relation::Project { input, expressions, .. } => {
                let input = self.input_for(input, expressions.iter(), keep).await?;
                self.prepare_subqueries(expressions.iter(), false, input.schema()).await?;
                if partitioning::has_partition(&input) {
                    // The partition passes through the projection.
                    let mut expressions = expressions.clone();
                    expressions.push(Expression::Column { name: partitioning::PARTITION.to_string(), plan_id: None });
                    return self.project(input, &expressions);
                }
                self.project(input, expressions)
            }
            Relation::Filter { input, condition, .. } => {
                let input = self.input_for(input, std::iter::once(condition), keep).await?;
                self.prepare_subqueries(std::iter::once(condition), true, input.schema()).await?;
                self.filter(input, condition)
            }
            Relation::Aggregate { input: source, grouping, aggregates, group_type, pivot, grouping_sets, .. } => {
                // A shuffled input keeps its partitions, which order the groups.
                let shuffled = !self.single_partition(source).await?;
                let input = self.input_for(source, grouping.iter().chain(aggregates), shuffled && !Self::reads_files(source)).await?;
                match pivot {
                    Some(pivot) => self.pivot(input, grouping, aggregates, pivot, shuffled),
                    None => self.aggregate_grouped(input, grouping, aggregates, group_type.as_deref(), grouping_sets.as_deref(), shuffled),
                }
            }
            Relation::Sort { input, order, is_global: false, .. } => {
                // Each partition sorted on its own: the partition is the first key.
                let input = self.resolve_partitioned(input).await?;
                let mut keys = vec![crate::plan::SortOrder { child: Expression::Column { name: partitioning::PARTITION.to_string(), plan_id: None }, ascending: true, nulls_first: None }];
                keys.extend(order.iter().cloned());
                self.sort(input, &keys)
            }
            Relation::Sort { input, order, .. } => {
                let input = self.input_for(input, order.iter().map(|o| &o.child), false).await?;
                self.sort(input, order)
            }
            Relation::Limit { input, limit, .. } => {
                let input = self.resolve(input).await?;
                Ok(LogicalPlanBuilder::from(input).limit(0, Some(*limit))?.build()?)
            }
            Relation::Offset { input, offset, .. } => {
                let input = self.resolve(input).await?;
                Ok(LogicalPlanBuilder::from(input).limit(*offset, None)?.build()?)
            }
            Relation::Deduplicate { input: source, columns, .. } => {
                let shuffled = !self.single_partition(source).await?;
                let input = if shuffled && !Self::reads_files(source) { self.resolve_partitioned(source).await? } else { self.resolve(source).await? };
                self.deduplicate(input, columns.as_deref(), shuffled)
            }
            Relation::LateralJoin { left, right, condition, how, .. } => self.lateral_join(left, right, condition.as_ref(), how).await,
            Relation::Join { left, right, condition, how, .. } => {
                let left_plan = self.resolve(left).await?;
                let right_plan = self.resolve(right).await?;
                self.join(left_plan, left.plan_id(), right_plan, right.plan_id(), condition, how)
            }
            // exceptAll and intersectAll group both sides' rows: their partitions order
            // the groups (see `ordering`).
            Relation::SetOperation { left, right, kind: kind @ (crate::plan::SetOperationKind::Except | crate::plan::SetOperationKind::Intersect), is_all: true, by_name: false, .. }
                if !Self::reads_files(left) && !Self::reads_files(right) =>
            {
                let offset = self.partition_count(left).await? as i32;
                let left = partitioning::partition_last(self.resolve_partitioned(left).await?)?;
                let right = partitioning::partition_last(partitioning::shift_partition(self.resolve_partitioned(right).await?, offset)?)?;
                self.set_operation(left, right, *kind, true, false, false)
            }
            Relation::SetOperation { left, right, kind, is_all, by_name, allow_missing_columns, .. } => {
                let left = self.resolve(left).await?;
                let right = self.resolve(right).await?;
                self.set_operation(left, right, *kind, *is_all, *by_name, *allow_missing_columns)
            }
            Relation::WithColumns { input, names, expressions, .. } => {
                let input = self.input_for(input, expressions.iter(), keep).await?;
                self.prepare_subqueries(expressions.iter(), false, input.schema()).await?;
                self.with_columns(input, names, expressions)
            }
            Relation::WithColumnsRenamed { input, renames, .. } => {
                let input = if keep { self.resolve_partitioned(input).await? } else { self.resolve(input).await? };
                self.with_columns_renamed(input, renames)
            }
            Relation::Drop { input, columns, column_names, .. } => {
                let input = if keep { self.resolve_partitioned(input).await? } else { self.resolve(input).await? };
                self.drop_columns(input, columns, column_names)
            }
            Relation::ToDF { input, names, .. } => {
                if keep {
                    let input = partitioning::partition_last(self.resolve_partitioned(input).await?)?;
                    let mut names = names.clone();
                    names.push(partitioning::PARTITION.to_string());
                    return self.to_df(input, &names);
                }
                let input = self.resolve(input).await?;
                self.to_df(input, names)
            }
            Relation::SubqueryAlias { input, alias, .. } => {
                let input = if keep { self.resolve_partitioned(input).await? } else { self.resolve(input).await? };
                Ok(LogicalPlanBuilder::from(input).alias(alias.as_str())?.build()?)
            }
            Relation::FillNa { input, columns, values, .. } => {
                let input = if keep { self.resolve_partitioned(input).await? } else { self.resolve(input).await? };
                self.fill_na(input, columns.as_deref(), values)
            }
            Relation::DropNa { input, columns, min_non_nulls, .. } => {
                let input = if keep { self.resolve_partitioned(input).await? } else { self.resolve(input).await? };
                self.drop_na(input, columns.as_deref(), *min_non_nulls)
            }
            Relation::ReplaceNa { input, columns, replacements, .. } => {
                let input = if keep { self.resolve_partitioned(input).await? } else { self.resolve(input).await? };
                self.replace_na(input, columns.as_deref(), replacements)
            }
            Relation::Summary { input, columns, statistics, .. } => {
                let input = self.resolve(input).await?;
                self.summary(input, columns, statistics).await
            }
            Relation::Sample { input, lower_bound, upper_bound, with_replacement, seed, deterministic_order, .. } => {
                let mut plan = self.resolve_partitioned(input).await?;
                if *deterministic_order {
                    // `randomSplit`: each partition sorted by its orderable columns first, so
                    // that every split draws over the rows in one order.
                    let mut keys = vec![crate::plan::SortOrder { child: Expression::Column { name: partitioning::PARTITION.to_string(), plan_id: None }, ascending: true, nulls_first: None }];
                    for (_, field) in plan.schema().iter() {
                        if field.name() != partitioning::PARTITION && !matches!(field.data_type(), datafusion::arrow::datatypes::DataType::Map(..)) {
                            keys.push(crate::plan::SortOrder { child: Expression::Column { name: field.name().clone(), plan_id: None }, ascending: true, nulls_first: None });
                        }
                    }
                    plan = self.sort(plan, &keys)?;
                }
                let sampler = if *with_replacement {
                    crate::engine::local::udfs::sampling::Sampler::Poisson { fraction: upper_bound - lower_bound }
                } else {
                    crate::engine::local::udfs::sampling::Sampler::Bernoulli { lower: *lower_bound, upper: *upper_bound }
                };
                partitioning::sample(plan, sampler, *seed)
            }
            Relation::CollectMetrics { input, metrics, .. } => {
                let plan = if keep { self.resolve_partitioned(input).await? } else { self.resolve(input).await? };
                // Spark checks the metrics when it analyses the plan.
                self.metrics_aggregate(plan.clone(), metrics)?;
                Ok(plan)
            }
            Relation::WithWatermark { input, delay_threshold, .. } => {
                // Spark parses the delay, then drops the watermark from a batch plan
                // (`EliminateEventTimeWatermark`) without looking at the event time column.
                crate::engine::local::udfs::time_window::duration_micros(delay_threshold)?;
                if keep { self.resolve_partitioned(input).await } else { self.resolve(input).await }
            }
            Relation::Hint { input, .. } if keep => self.resolve_partitioned(input).await,
            Relation::Hint { input, .. } if partitioning::is_narrow(relation) => self.resolve(input).await,
            // An exchange keeps the rows and gives them Spark's order after it.
            Relation::Hint { .. } | Relation::Repartition { .. } | Relation::RepartitionByExpression { .. } => self.resolve_partitioned(relation).await,
        }
    }
}

/// A cached plan's kept rows in place of the plan (Spark's `InMemoryRelation`), under the
/// plan's own column qualifiers so that references to the DataFrame's columns still
/// resolve.
fn cached_scan(plan: LogicalPlan, rows: &super::cache::CachedRows) -> Result<LogicalPlan> {
    use datafusion::logical_expr::{col, Expr};
    let table = super::cache::memory_table(rows)?;
    let scan = LogicalPlanBuilder::scan("__cached", provider_as_source(Arc::new(table)), None)?.build()?;
    let expressions: Vec<Expr> = scan
        .schema()
        .columns()
        .into_iter()
        .zip(plan.schema().iter())
        .map(|(column, (qualifier, field))| match qualifier {
            Some(qualifier) => col(column).alias_qualified(Some(qualifier.clone()), field.name()),
            None => col(column).alias(field.name()),
        })
        .collect();
    Ok(LogicalPlanBuilder::from(scan).project(expressions)?.build()?)
}
