//! Unresolved relations, after Spark Connect's `Relation` message.
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{Expression, SortOrder};

/// `GroupedData.pivot(column, values)`: one output column per value and aggregate, named
/// by `names` (Spark's pivot column naming).
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
pub struct Pivot {
    pub column: Expression,
    pub values: Vec<Expression>,
    pub names: Vec<String>,
}

/// An unresolved Spark relation. `plan_id` on the wrapper identifies the DataFrame.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type")]
#[allow(clippy::enum_variant_names)] // Spark Connect's names: LocalRelation.
pub enum Relation {
    /// Rows created from Python data, kept by the session under `id`.
    LocalRelation { plan_id: u64, id: u64 },
    /// `spark.range(start, end, step)`.
    Range {
        plan_id: u64,
        start: i64,
        end: i64,
        step: i64,
        #[serde(default)]
        num_partitions: Option<usize>,
    },
    /// `spark.read.format(..).load(paths)`; `schema` is a Spark JSON schema once known.
    Read {
        plan_id: u64,
        format: String,
        paths: Vec<String>,
        #[serde(default)]
        options: BTreeMap<String, String>,
        #[serde(default)]
        schema: Option<String>,
    },
    /// A temporary view or table by name (`spark.table`).
    NamedTable { plan_id: u64, name: String },
    /// `spark.sql(query)`.
    Sql { plan_id: u64, query: String },
    Project { plan_id: u64, input: Box<Relation>, expressions: Vec<Expression> },
    Filter { plan_id: u64, input: Box<Relation>, condition: Expression },
    /// `groupBy(grouping).agg(aggregates)`, `rollup`, `cube` (Spark Connect's
    /// `Aggregate.group_type`) and `groupBy(...).pivot(...)`.
    Aggregate {
        plan_id: u64,
        input: Box<Relation>,
        grouping: Vec<Expression>,
        aggregates: Vec<Expression>,
        /// `groupby` (default), `rollup`, `cube` or `grouping_sets`.
        #[serde(default)]
        group_type: Option<String>,
        #[serde(default)]
        pivot: Option<Pivot>,
        /// The sets of `groupingSets(sets, *cols)` (group type `grouping_sets`).
        #[serde(default)]
        grouping_sets: Option<Vec<Vec<Expression>>>,
    },
    /// `orderBy` (global) and `sortWithinPartitions` (`is_global` false: each Spark
    /// partition sorted on its own).
    Sort {
        plan_id: u64,
        input: Box<Relation>,
        order: Vec<SortOrder>,
        #[serde(default = "global_sort")]
        is_global: bool,
    },
    Limit { plan_id: u64, input: Box<Relation>, limit: usize },
    Offset { plan_id: u64, input: Box<Relation>, offset: usize },
    /// `distinct()` (no columns) and `dropDuplicates(columns)`.
    Deduplicate {
        plan_id: u64,
        input: Box<Relation>,
        #[serde(default)]
        columns: Option<Vec<String>>,
        /// `dropDuplicatesWithinWatermark`: only for streaming plans.
        #[serde(default)]
        within_watermark: bool,
    },
    Join {
        plan_id: u64,
        left: Box<Relation>,
        right: Box<Relation>,
        condition: JoinCondition,
        how: String,
    },
    SetOperation {
        plan_id: u64,
        left: Box<Relation>,
        right: Box<Relation>,
        kind: SetOperationKind,
        is_all: bool,
        #[serde(default)]
        by_name: bool,
        #[serde(default)]
        allow_missing_columns: bool,
    },
    /// `withColumns`: replaces same-named columns in place, appends the others.
    WithColumns { plan_id: u64, input: Box<Relation>, names: Vec<String>, expressions: Vec<Expression> },
    WithColumnsRenamed { plan_id: u64, input: Box<Relation>, renames: Vec<(String, String)> },
    /// `drop(*cols)`: Columns resolved as expressions (`columns`) and names matched
    /// against the output names (`column_names`), after Spark Connect's `Drop`.
    Drop {
        plan_id: u64,
        input: Box<Relation>,
        columns: Vec<Expression>,
        #[serde(default)]
        column_names: Vec<String>,
    },
    ToDF { plan_id: u64, input: Box<Relation>, names: Vec<String> },
    SubqueryAlias { plan_id: u64, input: Box<Relation>, alias: String },
    /// `na.fill`: a scalar for every column of a matching type, or a per-column map.
    FillNa {
        plan_id: u64,
        input: Box<Relation>,
        #[serde(default)]
        columns: Option<Vec<String>>,
        values: Vec<(Option<String>, Expression)>,
    },
    /// `na.drop(how, thresh, subset)`: `min_non_nulls` is Spark's resolved threshold.
    DropNa {
        plan_id: u64,
        input: Box<Relation>,
        #[serde(default)]
        columns: Option<Vec<String>>,
        min_non_nulls: Option<usize>,
    },
    /// `na.replace(to_replace, value, subset)`.
    ReplaceNa {
        plan_id: u64,
        input: Box<Relation>,
        #[serde(default)]
        columns: Option<Vec<String>>,
        replacements: Vec<(Expression, Expression)>,
    },
    /// `describe()`/`summary()`.
    Summary { plan_id: u64, input: Box<Relation>, columns: Vec<String>, statistics: Vec<String> },
    /// `hint(name, *parameters)`: a hint to the planner; the partitioning hints
    /// (`repartition`, `coalesce`, `repartition_by_range`, `rebalance`) move rows between
    /// partitions, the others leave the rows as they are.
    Hint {
        plan_id: u64,
        input: Box<Relation>,
        name: String,
        #[serde(default)]
        parameters: Vec<Expression>,
    },
    /// `repartition(n)` (`shuffle`: Spark's round-robin exchange) and `coalesce(n)` (no
    /// shuffle: neighbouring partitions merged), after Spark Connect's `Repartition`.
    Repartition { plan_id: u64, input: Box<Relation>, num_partitions: usize, shuffle: bool },
    /// `repartition(n, *cols)` (hash partitioning), `repartitionByRange(n, *cols)` (the
    /// expressions are sort orders) and `repartitionById(n, col)` (a
    /// `direct_shuffle_partition_id` call), after Spark Connect's `RepartitionByExpression`.
    RepartitionByExpression {
        plan_id: u64,
        input: Box<Relation>,
        partition_exprs: Vec<Expression>,
        #[serde(default)]
        num_partitions: Option<usize>,
    },
    /// `sample(withReplacement, fraction, seed)` and one part of `randomSplit`: the rows
    /// whose draw falls in `[lower_bound, upper_bound)` (Bernoulli), or each row repeated
    /// by a Poisson draw of mean `upper_bound - lower_bound`, after Spark Connect's
    /// `Sample`. `deterministic_order` sorts each partition first (`randomSplit`).
    Sample {
        plan_id: u64,
        input: Box<Relation>,
        lower_bound: f64,
        upper_bound: f64,
        with_replacement: bool,
        seed: i64,
        #[serde(default)]
        deterministic_order: bool,
    },
    /// `observe(observation, *exprs)`: the rows of `input` unchanged, with the aggregate
    /// `metrics` over them published under `name` when an action runs (Spark Connect's
    /// `CollectMetrics`).
    CollectMetrics { plan_id: u64, input: Box<Relation>, name: String, metrics: Vec<Expression> },
    /// `withWatermark(event_time, delay_threshold)`, Spark Connect's `WithWatermark`: the
    /// rows unchanged in a batch plan, where Spark drops the watermark.
    WithWatermark { plan_id: u64, input: Box<Relation>, event_time: String, delay_threshold: String },
    /// `lateralJoin(other, on, how)`, Spark Connect's `LateralJoin`: `right` evaluated for
    /// each row of `left`, reading its columns through `Column.outer()`.
    LateralJoin {
        plan_id: u64,
        left: Box<Relation>,
        right: Box<Relation>,
        #[serde(default)]
        condition: Option<Expression>,
        how: String,
    },
}

/// A `Sort` without `is_global` is `orderBy`'s global sort.
fn global_sort() -> bool {
    true
}

impl Relation {
    /// The id of the DataFrame this node belongs to.
    pub fn plan_id(&self) -> u64 {
        match self {
            Relation::LocalRelation { plan_id, .. }
            | Relation::Range { plan_id, .. }
            | Relation::Read { plan_id, .. }
            | Relation::NamedTable { plan_id, .. }
            | Relation::Sql { plan_id, .. }
            | Relation::Project { plan_id, .. }
            | Relation::Filter { plan_id, .. }
            | Relation::Aggregate { plan_id, .. }
            | Relation::Sort { plan_id, .. }
            | Relation::Limit { plan_id, .. }
            | Relation::Offset { plan_id, .. }
            | Relation::Deduplicate { plan_id, .. }
            | Relation::Join { plan_id, .. }
            | Relation::SetOperation { plan_id, .. }
            | Relation::WithColumns { plan_id, .. }
            | Relation::WithColumnsRenamed { plan_id, .. }
            | Relation::Drop { plan_id, .. }
            | Relation::ToDF { plan_id, .. }
            | Relation::SubqueryAlias { plan_id, .. }
            | Relation::FillNa { plan_id, .. }
            | Relation::DropNa { plan_id, .. }
            | Relation::ReplaceNa { plan_id, .. }
            | Relation::Summary { plan_id, .. }
            | Relation::Hint { plan_id, .. }
            | Relation::Repartition { plan_id, .. }
            | Relation::RepartitionByExpression { plan_id, .. }
            | Relation::Sample { plan_id, .. }
            | Relation::CollectMetrics { plan_id, .. }
            | Relation::WithWatermark { plan_id, .. }
            | Relation::LateralJoin { plan_id, .. } => *plan_id,
        }
    }
}

/// How a join matches rows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type")]
pub enum JoinCondition {
    /// No condition (cross join).
    None,
    /// `on="k"` or `on=["k1", "k2"]`: equality on same-named columns, merged in the output.
    Using { columns: Vec<String> },
    /// `on=df1.a == df2.b`.
    Expression { condition: Expression },
}

/// The set operation of a `SetOperation` node.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SetOperationKind {
    Union,
    Intersect,
    Except,
}
