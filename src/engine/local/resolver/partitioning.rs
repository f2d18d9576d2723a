//! Spark's partitions of a DataFrame: how many there are and which one holds each row.
//! They decide `spark_partition_id()`, the per-partition seeds of `rand`/`randn`/`uuid`,
//! `monotonically_increasing_id()`, `sortWithinPartitions`, `rdd.getNumPartitions()`
//! and the row order after a repartition (Spark lists a DataFrame partition by
//! partition).
//!
//! DataFusion plans its own parallelism, so Ember states Spark's partitions as data: a
//! partitioned plan carries the hidden column [`PARTITION`] and lists its rows in Spark's
//! order. The rules, from Spark's physical operators (with adaptive execution on, its
//! default, on inputs small enough that a shuffle's partitions coalesce into one):
//! - `range(start, end, step, n)`: `RangeExec` gives partition i the i-th contiguous
//!   slice; `n` defaults to `defaultParallelism`.
//! - `createDataFrame`: `LocalTableScanExec` slices the rows as `parallelize` does, into
//!   `min(rows, defaultParallelism)` partitions (at least one).
//! - File reads: `FilePartition.getFilePartitions`' split packing decides the count; the
//!   rows are given out in contiguous slices of that many.
//! - Projections, filters and other narrow operators keep their input's partitions;
//!   `union` places the right side's partitions after the left side's.
//! - `repartition(n)`: a round-robin exchange; input partition p sends its k-th row
//!   (k from 1) to `(XORShiftRandom(p).nextInt(n) + k) mod n`.
//! - `repartition(n, cols)`: `pmod(hash(cols), n)` with Spark's Murmur3 `hash`.
//! - `repartitionByRange(n, cols)`: range bounds from the sorted keys, as
//!   `RangePartitioner.determineBounds` picks them when every row is sampled.
//! - `repartitionById(n, col)`: `pmod(col, n)`, NULL to partition 0.
//! - `coalesce(n)`: output partition i takes input partitions `i * count / n` up to
//!   `(i + 1) * count / n`.
//! - After a shuffle without a number of partitions (`repartition(cols)`, aggregates,
//!   joins, sorts, `distinct`) and after `limit`: one partition.
//!
//! After an exchange the rows are listed by new partition, then by old partition, then in
//! their old order, as Spark's shuffle reader fetches the map outputs in order.
use std::sync::Arc;

use datafusion::arrow::array::{ArrayRef, Int32Array, RecordBatch};
use datafusion::arrow::datatypes::{DataType, Field, Schema};
use datafusion::common::{Column, ScalarValue};
use datafusion::datasource::{provider_as_source, MemTable};
use datafusion::functions_window::expr_fn::row_number;
use datafusion::logical_expr::{col, lit, Case, Expr, ExprFunctionExt, ExprSchemable, LogicalPlan, LogicalPlanBuilder, SortExpr};
use futures::future::BoxFuture;

use crate::engine::local::udfs::sampling::{SampleCopies, Sampler};

use super::ordering::{sort_then_drop, with_ordinal, ORDINAL};
use super::PlanResolver;
use crate::engine::local::error::{EngineError, Result};
use crate::engine::local::python_udf::iterator_udf;
use crate::engine::local::udfs::random::{XorShiftRandom, PARTITION_COLUMN};
use crate::plan::{Expression, Relation, SetOperationKind};

/// The hidden column of a row's Spark partition (Int32).
pub(super) const PARTITION: &str = PARTITION_COLUMN;
/// The hidden column of a row's position in its partition, from 1.
pub(super) const ROW_IN_PARTITION: &str = "__ember_row_in_partition";
/// A row's partition before an exchange, while the exchange orders its output.
const OLD_PARTITION: &str = "__ember_old_partition";

/// Whether a plan's output carries the hidden partition column.
pub(super) fn has_partition(plan: &LogicalPlan) -> bool {
    plan.schema().fields().iter().any(|f| f.name() == PARTITION)
}

/// Whether resolving `expressions` needs the rows' Spark partitions: they call
/// `spark_partition_id()` or `monotonically_increasing_id()`, or (`random`) a seeded
/// random function, whose draws depend on the partitions when there are several, or a
/// scalar iterator pandas or Arrow UDF, called once per partition.
pub(super) fn needs_partitions<'e>(expressions: impl IntoIterator<Item = &'e Expression>, random: bool) -> bool {
    fn visit(expression: &Expression, random: bool) -> bool {
        match expression {
            Expression::Function { name, arguments, .. } => {
                let name = name.to_ascii_lowercase();
                matches!(name.as_str(), "spark_partition_id" | "monotonically_increasing_id")
                    || (random && matches!(name.as_str(), "rand" | "random" | "randn" | "uniform" | "randstr" | "uuid"))
                    || arguments.iter().any(|a| visit(a, random))
            }
            Expression::Alias { child, .. } | Expression::Cast { child, .. } | Expression::OuterColumn { child } => visit(child, random),
            Expression::SortOrder(order) => visit(&order.child, random),
            Expression::CaseWhen { branches, otherwise } => branches.iter().any(|(w, t)| visit(w, random) || visit(t, random)) || otherwise.as_deref().is_some_and(|o| visit(o, random)),
            Expression::LambdaFunction { function, .. } => visit(function, random),
            Expression::Window { function, partition_by, order_by, .. } => visit(function, random) || partition_by.iter().any(|e| visit(e, random)) || order_by.iter().any(|o| visit(&o.child, random)),
            Expression::PythonUdf(udf) => (random && matches!(udf.eval_type, 204 | 251)) || udf.arguments.iter().any(|a| visit(a, random)),
            _ => false,
        }
    }
    expressions.into_iter().any(|e| visit(e, random))
}

/// Whether `expressions` call `monotonically_increasing_id()`.
pub(super) fn needs_row_in_partition<'e>(expressions: impl IntoIterator<Item = &'e Expression>) -> bool {
    fn visit(expression: &Expression) -> bool {
        match expression {
            Expression::Function { name, arguments, .. } => name.eq_ignore_ascii_case("monotonically_increasing_id") || arguments.iter().any(visit),
            Expression::Alias { child, .. } | Expression::Cast { child, .. } | Expression::OuterColumn { child } => visit(child),
            Expression::SortOrder(order) => visit(&order.child),
            Expression::CaseWhen { branches, otherwise } => branches.iter().any(|(w, t)| visit(w) || visit(t)) || otherwise.as_deref().is_some_and(visit),
            Expression::LambdaFunction { function, .. } => visit(function),
            Expression::Window { function, partition_by, order_by, .. } => visit(function) || partition_by.iter().any(visit) || order_by.iter().any(|o| visit(&o.child)),
            _ => false,
        }
    }
    expressions.into_iter().any(visit)
}

/// A narrow operator: its output keeps its input's partitions and order.
pub(super) fn is_narrow(relation: &Relation) -> bool {
    match relation {
        Relation::Project { .. }
        | Relation::Filter { .. }
        | Relation::WithColumns { .. }
        | Relation::WithColumnsRenamed { .. }
        | Relation::Drop { .. }
        | Relation::ToDF { .. }
        | Relation::SubqueryAlias { .. }
        | Relation::FillNa { .. }
        | Relation::DropNa { .. }
        | Relation::ReplaceNa { .. }
        | Relation::Sample { .. }
        | Relation::CollectMetrics { .. }
        | Relation::WithWatermark { .. } => true,
        Relation::Sort { is_global, .. } => !is_global,
        Relation::Hint { name, .. } => partitioning_hint(name).is_none(),
        _ => false,
    }
}

/// The partitioning hints Spark's `ResolveHints` turns into exchanges.
fn partitioning_hint(name: &str) -> Option<&'static str> {
    match name.to_ascii_lowercase().as_str() {
        "repartition" => Some("repartition"),
        "coalesce" => Some("coalesce"),
        "repartition_by_range" => Some("repartition_by_range"),
        "rebalance" => Some("rebalance"),
        _ => None,
    }
}

/// The input of a relation with one input.
fn single_input(relation: &Relation) -> Option<&Relation> {
    match relation {
        Relation::Project { input, .. }
        | Relation::Filter { input, .. }
        | Relation::Aggregate { input, .. }
        | Relation::Sort { input, .. }
        | Relation::Limit { input, .. }
        | Relation::Offset { input, .. }
        | Relation::Deduplicate { input, .. }
        | Relation::WithColumns { input, .. }
        | Relation::WithColumnsRenamed { input, .. }
        | Relation::Drop { input, .. }
        | Relation::ToDF { input, .. }
        | Relation::SubqueryAlias { input, .. }
        | Relation::FillNa { input, .. }
        | Relation::DropNa { input, .. }
        | Relation::ReplaceNa { input, .. }
        | Relation::Summary { input, .. }
        | Relation::Hint { input, .. }
        | Relation::Repartition { input, .. }
        | Relation::RepartitionByExpression { input, .. }
        | Relation::Sample { input, .. }
        | Relation::CollectMetrics { input, .. }
        | Relation::WithWatermark { input, .. } => Some(input),
        _ => None,
    }
}

/// The exchange a relation asks for, with its hints read as Spark's `ResolveHints` reads
/// them: `repartition(n?, cols?)`, `coalesce(n)`, `repartition_by_range(n?, cols)`.
enum Exchange<'r> {
    RoundRobin(usize),
    Coalesce(usize),
    Hash(Option<usize>, Vec<&'r Expression>),
    Range(Option<usize>, Vec<&'r Expression>),
    Direct(usize, &'r Expression),
}

fn exchange(relation: &Relation) -> Option<Exchange<'_>> {
    match relation {
        Relation::Repartition { num_partitions, shuffle: true, .. } => Some(Exchange::RoundRobin((*num_partitions).max(1))),
        Relation::Repartition { num_partitions, shuffle: false, .. } => Some(Exchange::Coalesce((*num_partitions).max(1))),
        Relation::RepartitionByExpression { partition_exprs, num_partitions, .. } => {
            if let [Expression::Function { name, arguments, .. }] = partition_exprs.as_slice() {
                if name == "direct_shuffle_partition_id" && arguments.len() == 1 {
                    return Some(Exchange::Direct(num_partitions.unwrap_or(1).max(1), &arguments[0]));
                }
            }
            let range = partition_exprs.iter().any(|e| matches!(e, Expression::SortOrder(_)));
            let exprs = partition_exprs.iter().collect();
            Some(if range { Exchange::Range(*num_partitions, exprs) } else { Exchange::Hash(*num_partitions, exprs) })
        }
        Relation::Hint { name, parameters, .. } => {
            let kind = partitioning_hint(name)?;
            let number = match parameters.first() {
                Some(Expression::Literal(literal)) => literal_count(literal),
                _ => None,
            };
            let columns: Vec<&Expression> = parameters.iter().skip(usize::from(number.is_some())).collect();
            Some(match kind {
                "coalesce" => Exchange::Coalesce(number.unwrap_or(1).max(1)),
                "repartition_by_range" => Exchange::Range(number, columns),
                "repartition" if columns.is_empty() => match number {
                    Some(n) => Exchange::RoundRobin(n.max(1)),
                    None => Exchange::Hash(None, columns),
                },
                _ => Exchange::Hash(number, columns),
            })
        }
        _ => None,
    }
}

/// A hint's partition count parameter.
fn literal_count(literal: &crate::plan::Literal) -> Option<usize> {
    let value = super::expression::literal_value(literal).ok()?;
    match value.cast_to(&DataType::Int64).ok()? {
        ScalarValue::Int64(Some(n)) if n > 0 => Some(n as usize),
        _ => None,
    }
}

/// Spark's number of partitions of a file scan (`FilePartition.getFilePartitions`): files
/// are cut into splits of `maxSplitBytes` (128 MB, less when the bytes share out over
/// `defaultParallelism`, at least the 4 MB open cost) unless compressed with a codec that
/// cannot be split, and the splits are packed largest first with the open cost each.
pub fn file_partitions(paths: &[String], parallelism: usize) -> usize {
    fn walk(path: &std::path::Path, files: &mut Vec<(String, u64)>) {
        let Ok(meta) = std::fs::metadata(path) else { return };
        if meta.is_file() {
            files.push((path.to_string_lossy().into_owned(), meta.len()));
            return;
        }
        let Ok(entries) = std::fs::read_dir(path) else { return };
        let mut entries: Vec<_> = entries.filter_map(|e| e.ok()).collect();
        entries.sort_by_key(|e| e.file_name());
        for entry in entries {
            let name = entry.file_name().to_string_lossy().into_owned();
            if (name.starts_with('_') || name.starts_with('.')) && !name.contains('=') {
                continue;
            }
            walk(&entry.path(), files);
        }
    }
    let mut files = Vec::new();
    for path in paths {
        walk(std::path::Path::new(path.strip_prefix("file:").unwrap_or(path)), &mut files);
    }
    const OPEN_COST: u64 = 4 << 20;
    const MAX_BYTES: u64 = 128 << 20;
    let total: u64 = files.iter().map(|(_, size)| size + OPEN_COST).sum();
    let split = MAX_BYTES.min(OPEN_COST.max(total / parallelism.max(1) as u64));
    let unsplittable = [".gz", ".zst", ".deflate", ".snappy", ".lz4"];
    let mut splits = Vec::new();
    for (name, size) in files {
        if size == 0 {
            continue;
        }
        let pieces = if unsplittable.iter().any(|s| name.ends_with(s)) { 1 } else { size.div_ceil(split) };
        splits.extend(std::iter::repeat_n(size.min(split), pieces as usize));
    }
    splits.sort_unstable_by(|a, b| b.cmp(a));
    let (mut partitions, mut current) = (0usize, None::<u64>);
    for size in splits {
        if current.is_none_or(|c| c + size > split) {
            partitions += 1;
            current = Some(0);
        }
        current = current.map(|c| c + size + OPEN_COST);
    }
    partitions.max(1)
}

impl PlanResolver<'_> {
    /// Spark's number of partitions of `relation` (`df.rdd.getNumPartitions()`).
    pub fn partition_count<'b>(&'b self, relation: &'b Relation) -> BoxFuture<'b, Result<usize>> {
        Box::pin(async move {
            let parallelism = self.session().parallelism();
            if self.session().catalog.cache.rows(relation)?.is_some() {
                return Ok(1);
            }
            Ok(match relation {
                Relation::Range { num_partitions, .. } => num_partitions.unwrap_or(parallelism).max(1),
                Relation::LocalRelation { id, .. } => {
                    let (_, batches) = self.session().local_relation(*id)?;
                    batches.iter().map(|b| b.num_rows()).sum::<usize>().clamp(1, parallelism.max(1))
                }
                Relation::Read { paths, .. } => file_partitions(paths, parallelism),
                Relation::SetOperation { left, right, kind: SetOperationKind::Union, is_all: true, .. } => self.partition_count(left).await? + self.partition_count(right).await?,
                relation if is_narrow(relation) => match single_input(relation) {
                    Some(input) => self.partition_count(input).await?,
                    None => 1,
                },
                relation => match exchange(relation) {
                    Some(Exchange::RoundRobin(n)) | Some(Exchange::Direct(n, _)) | Some(Exchange::Hash(Some(n), _)) | Some(Exchange::Range(Some(n), _)) => n,
                    Some(Exchange::Coalesce(n)) => match single_input(relation) {
                        Some(input) => self.partition_count(input).await?.min(n),
                        None => n,
                    },
                    _ => 1,
                },
            })
        })
    }

    /// Whether Spark plans `relation` as one partition (`SinglePartition`): a one-slice
    /// range, `coalesce(1)`, `limit`, an aggregate without keys, and narrow operators
    /// over one of those. Grouping such an input needs no shuffle.
    pub fn single_partition<'b>(&'b self, relation: &'b Relation) -> BoxFuture<'b, Result<bool>> {
        Box::pin(async move {
            Ok(match relation {
                Relation::Range { start, end, step, num_partitions, .. } => num_partitions.unwrap_or(self.session().parallelism()) == 1 && start != end && *step != 0,
                Relation::Repartition { num_partitions: 1, shuffle: false, .. } | Relation::Limit { .. } | Relation::Offset { .. } => true,
                Relation::Aggregate { grouping, pivot: None, .. } => grouping.is_empty(),
                relation if is_narrow(relation) => match single_input(relation) {
                    Some(input) => self.single_partition(input).await?,
                    None => false,
                },
                _ => false,
            })
        })
    }

    /// Whether `relation` reads files through narrow operators only: its Spark partitions
    /// (file splits) are costly to tell apart, so grouping orders its groups as one
    /// partition's.
    pub(super) fn reads_files(relation: &Relation) -> bool {
        match relation {
            Relation::Read { .. } => true,
            relation if is_narrow(relation) => single_input(relation).is_some_and(Self::reads_files),
            _ => false,
        }
    }

    /// `relation` resolved with the hidden [`PARTITION`] column, its rows in Spark's order.
    pub fn resolve_partitioned<'b>(&'b self, relation: &'b Relation) -> BoxFuture<'b, Result<LogicalPlan>> {
        Box::pin(async move {
            let parallelism = self.session().parallelism();
            if self.session().catalog.cache.rows(relation)?.is_some() {
                return with_constant_partition(self.resolve(relation).await?);
            }
            match relation {
                Relation::Range { start, end, step, num_partitions, .. } => {
                    crate::engine::local::io_read::range_partitioned(self.session(), *start, *end, *step, num_partitions.unwrap_or(parallelism).max(1), PARTITION)
                }
                Relation::LocalRelation { id, .. } => {
                    let (schema, batches) = self.session().local_relation(*id)?;
                    let rows: usize = batches.iter().map(|b| b.num_rows()).sum();
                    let slices = rows.clamp(1, parallelism.max(1));
                    let batches = with_slices(&schema, &batches, rows, slices)?;
                    let schema = batches.first().map(|b| b.schema()).unwrap_or_else(|| Arc::new(extended_schema(&schema)));
                    let table = MemTable::try_new(schema, vec![batches])?;
                    Ok(LogicalPlanBuilder::scan(format!("local_{id}"), provider_as_source(Arc::new(table)), None)?.build()?)
                }
                Relation::Read { paths, .. } => {
                    let slices = file_partitions(paths, parallelism);
                    let plan = self.resolve(relation).await?;
                    with_contiguous_slices(plan, slices, self).await
                }
                Relation::SetOperation { left, right, kind: SetOperationKind::Union, is_all: true, by_name: false, .. } => {
                    let offset = self.partition_count(left).await? as i32;
                    let left = partition_last(self.resolve_partitioned(left).await?)?;
                    let right = partition_last(shift_partition(self.resolve_partitioned(right).await?, offset)?)?;
                    let union = self.set_operation(left, right, SetOperationKind::Union, true, false, false)?;
                    Ok(union)
                }
                relation if is_narrow(relation) => self.resolve_relation(relation, true).await,
                relation => match exchange(relation) {
                    Some(kind) => {
                        let input = single_input(relation).ok_or_else(|| EngineError::internal("an exchange without an input"))?;
                        let count = self.partition_count(input).await?;
                        let plan = self.resolve_partitioned(input).await?;
                        self.exchange(plan, count, kind).await
                    }
                    None => with_constant_partition(self.resolve(relation).await?),
                },
            }
        })
    }

    /// The rows of a partitioned plan moved to the partitions of `kind`.
    async fn exchange(&self, plan: LogicalPlan, count: usize, kind: Exchange<'_>) -> Result<LogicalPlan> {
        let visible: Vec<Expr> = plan.schema().columns().into_iter().filter(|c| c.name != PARTITION).map(Expr::Column).collect();
        let (target, coalesced): (Expr, bool) = match kind {
            Exchange::Coalesce(n) if n >= count => return Ok(plan),
            Exchange::Coalesce(n) => {
                // Output partition i holds input partitions [i * count / n, (i + 1) * count / n).
                let target = ((col(PARTITION).cast_to(&DataType::Int64, plan.schema())? + lit(1i64)) * lit(n as i64) - lit(1i64)) / lit(count as i64);
                let mut columns = visible;
                columns.push(target.cast_to(&DataType::Int32, plan.schema())?.alias(PARTITION));
                return Ok(LogicalPlanBuilder::from(plan).project(columns)?.build()?);
            }
            Exchange::RoundRobin(n) => return round_robin(self, plan, count, n, false, &visible),
            Exchange::Direct(n, expression) => {
                let value = self.expression(expression, plan.schema())?;
                let found = value.get_type(plan.schema())?;
                if found != DataType::Int32 {
                    let text = crate::engine::local::naming::spark_output_name(&value);
                    let found = crate::engine::local::types::spark_sql_type_name(&found);
                    return Err(EngineError::analysis(
                        "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
                        format!("Cannot resolve \"direct_shuffle_partition_id({text})\" due to data type mismatch: The first parameter requires the \"INT\" type, however \"{text}\" has the type \"{found}\"."),
                        &[("paramIndex", "first".to_string()), ("requiredType", "\"INT\"".to_string()), ("inputSql", format!("\"{text}\"")), ("inputType", format!("\"{found}\""))],
                    ));
                }
                let value = value.cast_to(&DataType::Int64, plan.schema())?;
                let n = lit(n as i64);
                let modulo = ((value.clone() % n.clone()) + n.clone()) % n;
                (Expr::Case(Case::new(None, vec![(Box::new(value.is_null()), Box::new(lit(0i64)))], Some(Box::new(modulo)))), false)
            }
            Exchange::Hash(number, expressions) => {
                let n = number.unwrap_or_else(|| self.session().shuffle_partitions()) as i64;
                let mut arguments = Vec::with_capacity(expressions.len());
                for expression in expressions {
                    arguments.push(self.expression(expression, plan.schema())?);
                }
                if arguments.is_empty() {
                    // `repartition()` with neither a number nor columns: Spark's round robin
                    // over the shuffle partitions, which adaptive execution coalesces.
                    return round_robin(self, plan, count, n as usize, true, &visible);
                }
                let hash = datafusion::execution::FunctionRegistry::udf(self.session().context(), "hash")?.call(arguments).cast_to(&DataType::Int64, plan.schema())?;
                let n = lit(n);
                (((hash % n.clone()) + n.clone()) % n, number.is_none())
            }
            Exchange::Range(number, orders) => {
                let n = number.unwrap_or_else(|| self.session().shuffle_partitions());
                let mut keys = Vec::with_capacity(orders.len());
                for order in orders {
                    let order = match order {
                        Expression::SortOrder(order) => (**order).clone(),
                        other => crate::plan::SortOrder { child: other.clone(), ascending: true, nulls_first: None },
                    };
                    keys.push(self.sort_expression(&order, plan.schema())?);
                }
                let bounds = self.range_bounds(&plan, &keys, n).await?;
                (range_partition(&keys, &bounds), number.is_none())
            }
        };
        reorder(with_ordinal(plan, ORDINAL)?, target, coalesced, &visible)
    }

    /// The bounds of `n` ranges over the sorted keys (Spark's
    /// `RangePartitioner.determineBounds` with every row sampled at weight one).
    async fn range_bounds(&self, plan: &LogicalPlan, keys: &[SortExpr], n: usize) -> Result<Vec<Vec<ScalarValue>>> {
        use datafusion::arrow::row::{RowConverter, SortField};
        let exprs: Vec<Expr> = keys.iter().enumerate().map(|(i, k)| k.expr.clone().alias(format!("__ember_key{i}"))).collect();
        let keyed = LogicalPlanBuilder::from(plan.clone()).project(exprs)?.build()?;
        let batches = self.session().context().execute_logical_plan(keyed).await?.collect().await?;
        let Some(first) = batches.first() else { return Ok(Vec::new()) };
        let fields: Vec<SortField> = first
            .schema()
            .fields()
            .iter()
            .zip(keys)
            .map(|(f, k)| SortField::new_with_options(f.data_type().clone(), datafusion::arrow::compute::SortOptions { descending: !k.asc, nulls_first: k.nulls_first }))
            .collect();
        let converter = RowConverter::new(fields).map_err(datafusion::error::DataFusionError::from)?;
        let mut candidates: Vec<(Vec<u8>, usize, usize)> = Vec::new();
        for (b, batch) in batches.iter().enumerate() {
            let rows = converter.convert_columns(batch.columns()).map_err(datafusion::error::DataFusionError::from)?;
            for r in 0..rows.num_rows() {
                candidates.push((rows.row(r).as_ref().to_vec(), b, r));
            }
        }
        candidates.sort_by(|a, b| a.0.cmp(&b.0));
        let step = candidates.len() as f64 / n as f64;
        let (mut cumulative, mut target) = (0.0f64, step);
        let mut bounds: Vec<(Vec<u8>, usize, usize)> = Vec::new();
        for candidate in candidates {
            if bounds.len() + 1 >= n {
                break;
            }
            cumulative += 1.0;
            if cumulative >= target && bounds.last().is_none_or(|previous| candidate.0 > previous.0) {
                bounds.push(candidate);
                target += step;
            }
        }
        bounds
            .into_iter()
            .map(|(_, b, r)| batches[b].columns().iter().map(|c| ScalarValue::try_from_array(c, r).map_err(Into::into)).collect())
            .collect()
    }
}

/// A partition number from the position of the keys among the bounds: the count of
/// bounds the keys sort after (Spark's `RangePartitioner.getPartition`).
fn range_partition(keys: &[SortExpr], bounds: &[Vec<ScalarValue>]) -> Expr {
    let mut total = lit(0i64);
    for bound in bounds {
        let after = sorts_after(keys, bound);
        total = total + Expr::Case(Case::new(None, vec![(Box::new(after), Box::new(lit(1i64)))], Some(Box::new(lit(0i64)))));
    }
    total
}

/// Whether the row's keys come strictly after `bound` in the sort order of `keys`.
fn sorts_after(keys: &[SortExpr], bound: &[ScalarValue]) -> Expr {
    let mut any = lit(false);
    let mut equal_so_far = lit(true);
    for (key, value) in keys.iter().zip(bound) {
        let k = key.expr.clone();
        let b = Expr::Literal(value.clone(), None);
        let after = if value.is_null() {
            // A NULL bound: keys after it are the non-NULL ones when NULLs come first.
            if key.nulls_first { k.clone().is_not_null() } else { lit(false) }
        } else {
            let strictly = if key.asc { k.clone().gt(b.clone()) } else { k.clone().lt(b.clone()) };
            let null_after = if key.nulls_first { lit(false) } else { k.clone().is_null() };
            Expr::Case(Case::new(None, vec![(Box::new(k.clone().is_null()), Box::new(null_after))], Some(Box::new(strictly))))
        };
        any = any.or(equal_so_far.clone().and(after));
        let same = Expr::BinaryExpr(datafusion::logical_expr::BinaryExpr::new(Box::new(k), datafusion::logical_expr::Operator::IsNotDistinctFrom, Box::new(b)));
        equal_so_far = equal_so_far.and(same);
    }
    any
}

/// Spark's round-robin exchange into `n` partitions: input partition p sends its k-th row
/// (k from 1) to `(XORShiftRandom(p).nextInt(n) + k) mod n`.
/// Each input partition is first sorted by the rows' `UnsafeRow` hash codes, as Spark
/// does (`spark.sql.execution.sortBeforeRepartition`) so that a retried task sends each
/// row where it went the first time.
fn round_robin(resolver: &PlanResolver<'_>, plan: LogicalPlan, count: usize, n: usize, coalesced: bool, visible: &[Expr]) -> Result<LogicalPlan> {
    let plan = with_ordinal(plan, ORDINAL)?;
    let row_hash = datafusion::execution::FunctionRegistry::udf(resolver.session().context(), "ember_unsafe_row_hash")?.call(visible.to_vec());
    let plan = ranked_in_partition(plan, vec![row_hash.sort(true, false), col(ORDINAL).sort(true, false)])?;
    let starts = (0..count).map(|p| (Box::new(lit(p as i32)), Box::new(lit(i64::from(XorShiftRandom::new(p as i64).next_int_below(n as i32)))))).collect();
    let start = Expr::Case(Case::new(Some(Box::new(col(PARTITION))), starts, Some(Box::new(lit(0i64)))));
    let target = (start + col(ROW_IN_PARTITION).cast_to(&DataType::Int64, plan.schema())?) % lit(n as i64);
    // Each map output lists its rows in the sorted order.
    let mut columns: Vec<Expr> = plan.schema().iter().filter(|(_, f)| f.name() != ORDINAL).map(|(q, f)| Expr::Column(Column::new(q.cloned(), f.name()))).collect();
    columns.push(col(ROW_IN_PARTITION).alias(ORDINAL));
    let plan = LogicalPlanBuilder::from(plan).project(columns)?.build()?;
    reorder(plan, target, coalesced, visible)
}

/// Lists a plan's rows by their new partition `target`, then old partition, then old
/// order (the hidden ordinal). `coalesced`: adaptive execution merges the shuffle's
/// partitions into one, so every row is in partition 0, still in that order.
fn reorder(plan: LogicalPlan, target: Expr, coalesced: bool, visible: &[Expr]) -> Result<LogicalPlan> {
    let schema = plan.schema().clone();
    let target = target.cast_to(&DataType::Int32, &schema)?;
    let mut columns: Vec<Expr> = visible.to_vec();
    columns.push(col(PARTITION).alias(OLD_PARTITION));
    columns.push(col(ORDINAL));
    columns.push(if coalesced { lit(0i32).alias(PARTITION) } else { target.clone().alias(PARTITION) });
    columns.push(target.alias("__ember_target"));
    let projected = LogicalPlanBuilder::from(plan).project(columns)?.build()?;
    let keys = vec![col("__ember_target").sort(true, false), col(OLD_PARTITION).sort(true, false)];
    let sorted = sort_then_drop(projected, keys, &[(ORDINAL, true)])?;
    let keep: Vec<Expr> = sorted.schema().columns().into_iter().filter(|c| c.name != OLD_PARTITION && c.name != "__ember_target").map(Expr::Column).collect();
    Ok(LogicalPlanBuilder::from(sorted).project(keep)?.build()?)
}

/// Spark's `Sample` over a partitioned plan: each partition's rows drawn, in their order,
/// by the partition's own sampler (see `udfs::sampling`). Bernoulli keeps a row or not;
/// Poisson repeats it as many times as its draw.
pub(super) fn sample(plan: LogicalPlan, sampler: Sampler, seed: i64) -> Result<LogicalPlan> {
    const COPIES: &str = "__ember_copies";
    let copies = datafusion::logical_expr::ScalarUDF::from(SampleCopies::new(sampler, seed)).call(vec![col(PARTITION)]);
    match sampler {
        Sampler::Bernoulli { .. } => Ok(LogicalPlanBuilder::from(plan).filter(copies.gt(lit(0i32)))?.build()?),
        Sampler::Poisson { .. } => {
            let columns: Vec<Expr> = plan.schema().columns().into_iter().map(Expr::Column).collect();
            let mut with_copies = columns.clone();
            with_copies.push(copies.alias(COPIES));
            Ok(LogicalPlanBuilder::from(plan).project(with_copies)?.unnest_column(COPIES)?.project(columns)?.build()?)
        }
    }
}

/// `plan` with every row in partition 0 (one partition).
pub(super) fn with_constant_partition(plan: LogicalPlan) -> Result<LogicalPlan> {
    if has_partition(&plan) {
        return Ok(plan);
    }
    let mut columns: Vec<Expr> = plan.schema().columns().into_iter().map(Expr::Column).collect();
    columns.push(lit(0i32).alias(PARTITION));
    Ok(LogicalPlanBuilder::from(plan).project(columns)?.build()?)
}

/// `plan` without the hidden partition column.
pub(super) fn drop_partition(plan: LogicalPlan) -> Result<LogicalPlan> {
    if !has_partition(&plan) {
        return Ok(plan);
    }
    let columns: Vec<Expr> = plan.schema().iter().filter(|(_, f)| f.name() != PARTITION && f.name() != ROW_IN_PARTITION).map(|(q, f)| Expr::Column(Column::new(q.cloned(), f.name()))).collect();
    Ok(LogicalPlanBuilder::from(plan).project(columns)?.build()?)
}

/// A partitioned plan with the partition column last (for `toDF`'s positional names).
pub(super) fn partition_last(plan: LogicalPlan) -> Result<LogicalPlan> {
    let mut columns: Vec<Expr> = plan.schema().iter().filter(|(_, f)| f.name() != PARTITION).map(|(q, f)| Expr::Column(Column::new(q.cloned(), f.name()))).collect();
    columns.push(col(PARTITION));
    Ok(LogicalPlanBuilder::from(plan).project(columns)?.build()?)
}

/// The right side of a union, its partitions numbered after the left side's.
pub(super) fn shift_partition(plan: LogicalPlan, offset: i32) -> Result<LogicalPlan> {
    let columns: Vec<Expr> = plan
        .schema()
        .iter()
        .map(|(q, f)| {
            let column = Expr::Column(Column::new(q.cloned(), f.name()));
            if f.name() == PARTITION { (column + lit(offset)).alias(PARTITION) } else { column }
        })
        .collect();
    Ok(LogicalPlanBuilder::from(plan).project(columns)?.build()?)
}

/// Adds [`ROW_IN_PARTITION`] (the row's position in its partition, from 1) to a
/// partitioned plan, for `monotonically_increasing_id()`.
pub(super) fn with_row_in_partition(plan: LogicalPlan) -> Result<LogicalPlan> {
    if plan.schema().fields().iter().any(|f| f.name() == ROW_IN_PARTITION) {
        return Ok(plan);
    }
    let plan = ranked_in_partition(with_ordinal(plan, ORDINAL)?, vec![col(ORDINAL).sort(true, false)])?;
    let columns: Vec<Expr> = plan.schema().iter().filter(|(_, f)| f.name() != ORDINAL).map(|(q, f)| Expr::Column(Column::new(q.cloned(), f.name()))).collect();
    Ok(LogicalPlanBuilder::from(plan).project(columns)?.build()?)
}

/// Adds [`ROW_IN_PARTITION`]: each row's rank in its partition in the order of `order`.
fn ranked_in_partition(plan: LogicalPlan, order: Vec<SortExpr>) -> Result<LogicalPlan> {
    let position = row_number().partition_by(vec![col(PARTITION)]).order_by(order).build()?.alias(ROW_IN_PARTITION);
    Ok(LogicalPlanBuilder::from(plan).window(vec![position])?.build()?)
}

/// The schema of a local relation with the partition column added.
fn extended_schema(schema: &Schema) -> Schema {
    let mut fields: Vec<Arc<Field>> = schema.fields().iter().cloned().collect();
    fields.push(Arc::new(Field::new(PARTITION, DataType::Int32, false)));
    Schema::new_with_metadata(fields, schema.metadata().clone())
}

/// The slice of item `index` of `length` when `parallelize` cuts them into `slices`:
/// slice p holds the items from `p * length / slices` up to where slice p + 1 starts.
fn slice_of(index: usize, length: usize, slices: usize) -> i32 {
    (((index as u128 + 1) * slices as u128 - 1) / length.max(1) as u128) as i32
}

/// A local relation's batches with the partition of each row (`parallelize`'s slices).
fn with_slices(schema: &Arc<Schema>, batches: &[RecordBatch], rows: usize, slices: usize) -> Result<Vec<RecordBatch>> {
    let extended = Arc::new(extended_schema(schema));
    let mut index = 0usize;
    let mut out = Vec::with_capacity(batches.len());
    for batch in batches {
        let partitions: Int32Array = (0..batch.num_rows()).map(|r| slice_of(index + r, rows, slices)).collect();
        index += batch.num_rows();
        let mut columns: Vec<ArrayRef> = batch.columns().to_vec();
        columns.push(Arc::new(partitions));
        out.push(RecordBatch::try_new(extended.clone(), columns).map_err(datafusion::error::DataFusionError::from)?);
    }
    Ok(out)
}

/// A plan whose rows are given out to `slices` partitions in contiguous runs of its
/// order, as evenly as `parallelize` would.
async fn with_contiguous_slices(plan: LogicalPlan, slices: usize, resolver: &PlanResolver<'_>) -> Result<LogicalPlan> {
    if slices <= 1 {
        return with_constant_partition(plan);
    }
    let rows = resolver.session().context().execute_logical_plan(LogicalPlanBuilder::from(plan.clone()).aggregate(Vec::<Expr>::new(), vec![datafusion::functions_aggregate::count::count_all()])?.build()?).await?.collect().await?;
    let total = rows
        .first()
        .and_then(|b| b.column(0).as_any().downcast_ref::<datafusion::arrow::array::Int64Array>().map(|a| a.value(0)))
        .unwrap_or(0)
        .max(1);
    let plan = with_ordinal(plan, ORDINAL)?;
    let partition = ((col(ORDINAL).cast_to(&DataType::Int64, plan.schema())? * lit(slices as i64) - lit(1i64)) / lit(total)).cast_to(&DataType::Int32, plan.schema())?;
    let mut columns: Vec<Expr> = plan.schema().iter().filter(|(_, f)| f.name() != ORDINAL).map(|(q, f)| Expr::Column(Column::new(q.cloned(), f.name()))).collect();
    columns.push(partition.alias(PARTITION));
    Ok(LogicalPlanBuilder::from(plan).project(columns)?.build()?)
}

/// The random functions whose generator Spark seeds per partition.
const SEEDED_PER_PARTITION: [&str; 6] = ["rand", "random", "randn", "uniform", "randstr", "uuid"];

/// Passes the rows' partition to each seeded random function of a node over a partitioned
/// input, so that each partition draws from `seed + partitionIndex` as in Spark (a call
/// without a seed gets one first), and to each scalar iterator UDF, which is called once
/// per partition (`python_iterator`).

pub(super) fn seed_per_partition(plan: LogicalPlan) -> Result<LogicalPlan> {
    use datafusion::common::tree_node::{Transformed, TreeNode};
    Ok(plan
        .transform_up(|node| {
            if !node.inputs().iter().any(|input| has_partition(input)) {
                return Ok(Transformed::no(node));
            }
            if !matches!(node, LogicalPlan::Aggregate(_)) {
                return seed_calls(node);
            }
            // An aggregate's calls run in a projection below it, which passes the
            // partition on (Spark's `PullOutNondeterministic`).
            let pulled = crate::engine::local::extract_calls::extract_calls(node, per_partition_call)?;
            if !pulled.transformed {
                return Ok(pulled);
            }
            let aggregate = pulled.data;
            let below = seed_calls(aggregate.inputs()[0].clone())?.data;
            Ok(Transformed::yes(aggregate.with_new_exprs(aggregate.expressions(), vec![below])?))
        })?
        .data)
}

/// Whether `expression` is a call whose results depend on the rows' partition and that
/// does not take it yet: a seeded random function or a scalar iterator UDF.
fn per_partition_call(expression: &Expr) -> bool {
    matches!(expression, Expr::ScalarFunction(call) if seeded_without_partition(call) || unkeyed_iterator(call))
}

fn seeded_without_partition(call: &datafusion::logical_expr::expr::ScalarFunction) -> bool {
    SEEDED_PER_PARTITION.contains(&call.func.name()) && !call.args.iter().any(|a| matches!(a, Expr::Column(c) if c.name == PARTITION))
}

fn unkeyed_iterator(call: &datafusion::logical_expr::expr::ScalarFunction) -> bool {
    iterator_udf(&call.func).is_some_and(|udf| !udf.is_keyed())
}

/// `node` with the partition passed to each of its calls that needs it.
fn seed_calls(node: LogicalPlan) -> datafusion::error::Result<datafusion::common::tree_node::Transformed<LogicalPlan>> {
    use datafusion::common::tree_node::{Transformed, TreeNode};
    use datafusion::logical_expr::expr::ScalarFunction;
    node.map_expressions(|expr| {
        expr.transform_up(|e| match e {
            Expr::ScalarFunction(call) if seeded_without_partition(&call) => {
                let ScalarFunction { func, mut args } = call;
                let position = match func.name() {
                    "uniform" => 2,
                    "randstr" => 1,
                    _ => 0,
                };
                if args.len() <= position {
                    args.push(lit(crate::engine::local::udfs::random::fresh_seed()));
                }
                args.push(col(PARTITION));
                Ok(Transformed::yes(Expr::ScalarFunction(ScalarFunction { func, args })))
            }
            Expr::ScalarFunction(call) if unkeyed_iterator(&call) => {
                let ScalarFunction { func, mut args } = call;
                let keyed = iterator_udf(&func).map(|udf| udf.keyed()).expect("an iterator UDF");
                args.push(col(PARTITION));
                Ok(Transformed::yes(Expr::ScalarFunction(ScalarFunction { func: Arc::new(datafusion::logical_expr::ScalarUDF::from(keyed)), args })))
            }
            other => Ok(Transformed::no(other)),
        })
    })
}
