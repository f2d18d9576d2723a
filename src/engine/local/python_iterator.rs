//! Scalar iterator UDFs (`Iterator[pd.Series] -> Iterator[pd.Series]` pandas UDFs and their
//! Arrow twins) called once per partition, as Spark's `ExtractPythonUDFs` and
//! `ArrowEvalPythonExec` call them:
//! - a logical optimizer rule, [`ExtractIteratorCalls`], moves each such call out of any
//!   other operator (an aggregate's argument or key, a filter's predicate, a sort key) into
//!   a projection below it, as Spark's `ExtractPythonUDFs` does;
//! - a physical optimizer rule, [`PythonIterators`], takes the calls out of each projection
//!   into a [`PythonIteratorExec`] below it, which hands the function all of a partition's
//!   argument rows in batches of `spark.sql.execution.arrow.maxRecordsPerBatch` and
//!   appends its results as columns the projection then reads.
//!
//! Called per engine batch instead, a function keeping state across its iterator (a
//! running total, a model loaded once) would see each batch as a new partition. A
//! partition's rows are held until the call returns (Spark streams them).
use std::fmt;
use std::sync::Arc;

use datafusion::arrow::array::{ArrayRef, RecordBatch, RecordBatchOptions};
use datafusion::arrow::datatypes::{Field, Schema, SchemaRef};
use datafusion::common::tree_node::{Transformed, TreeNode, TreeNodeRecursion};
use datafusion::config::ConfigOptions;
use datafusion::logical_expr::{Expr, LogicalPlan};
use datafusion::optimizer::{ApplyOrder, OptimizerConfig, OptimizerRule};
use datafusion::error::{DataFusionError, Result};
use datafusion::execution::TaskContext;
use datafusion::physical_expr::expressions::Column;
use datafusion::physical_expr::{EquivalenceProperties, PhysicalExpr, ScalarFunctionExpr};
use datafusion::physical_optimizer::PhysicalOptimizerRule;
use datafusion::physical_plan::execution_plan::{Boundedness, EmissionType};
use datafusion::physical_plan::projection::{ProjectionExec, ProjectionExpr};
use datafusion::physical_plan::stream::RecordBatchStreamAdapter;
use datafusion::physical_plan::{DisplayAs, DisplayFormatType, ExecutionPlan, PlanProperties, SendableRecordBatchStream};
use futures::{StreamExt, TryStreamExt};

use super::python_udf::{iterator_udf, PythonUdf};

/// Spark's `spark.sql.execution.arrow.maxRecordsPerBatch` default: the most rows in each
/// batch the function's iterator yields.
const MAX_RECORDS_PER_BATCH: usize = 10_000;

/// The logical rule: each operator but a projection that calls scalar iterator UDFs gets
/// them from a projection below it (`super::extract_calls`).
#[derive(Debug, Default)]
pub struct ExtractIteratorCalls;

fn is_iterator_call(expression: &Expr) -> bool {
    matches!(expression, Expr::ScalarFunction(call) if iterator_udf(&call.func).is_some())
}

impl OptimizerRule for ExtractIteratorCalls {
    fn name(&self) -> &str {
        "extract_python_iterators"
    }

    fn apply_order(&self) -> Option<ApplyOrder> {
        Some(ApplyOrder::BottomUp)
    }

    fn rewrite(&self, plan: LogicalPlan, _config: &dyn OptimizerConfig) -> Result<Transformed<LogicalPlan>> {
        super::extract_calls::extract_calls(plan, is_iterator_call)
    }
}

/// One scalar iterator UDF call taken out of a projection: the function and the
/// expressions of its arguments over the projection's input.
#[derive(Debug, Clone)]
struct IteratorCall {
    udf: Arc<PythonUdf>,
    arguments: Vec<Arc<dyn PhysicalExpr>>,
    display: String,
}

/// The physical optimizer rule: rewrites each projection calling scalar iterator UDFs into
/// the projection over a [`PythonIteratorExec`].
#[derive(Debug, Default)]
pub struct PythonIterators;

/// The UDF of `expression` when it is a scalar iterator UDF call.
fn iterator_call(expression: &Arc<dyn PhysicalExpr>) -> Option<(Arc<PythonUdf>, &ScalarFunctionExpr)> {
    let call = expression.downcast_ref::<ScalarFunctionExpr>()?;
    iterator_udf(call.fun()).map(|udf| (Arc::new(udf.clone()), call))
}

/// The name of the column of the `index`-th call's results.
fn result_column(index: usize) -> String {
    format!("__ember_iterator_{index}")
}

/// The projection's expressions with each iterator call replaced by a column past the
/// input's, and the calls in the order of those columns.
fn take_calls(projection: &ProjectionExec) -> Result<(Vec<ProjectionExpr>, Vec<IteratorCall>)> {
    let width = projection.input().schema().fields().len();
    let mut calls: Vec<IteratorCall> = Vec::new();
    let mut rewritten = Vec::new();
    for item in projection.expr() {
        let expression = Arc::clone(&item.expr).transform_down(|node| {
            let Some((udf, call)) = iterator_call(&node) else { return Ok(Transformed::no(node)) };
            let index = width + calls.len();
            let name = result_column(calls.len());
            calls.push(IteratorCall { udf, arguments: call.args().to_vec(), display: node.to_string() });
            Ok(Transformed::new(Arc::new(Column::new(&name, index)) as Arc<dyn PhysicalExpr>, true, TreeNodeRecursion::Jump))
        })?;
        rewritten.push(ProjectionExpr { expr: expression.data, alias: item.alias.clone() });
    }
    Ok((rewritten, calls))
}

impl PhysicalOptimizerRule for PythonIterators {
    fn optimize(&self, plan: Arc<dyn ExecutionPlan>, _config: &ConfigOptions) -> Result<Arc<dyn ExecutionPlan>> {
        plan.transform_up(|node| {
            let Some(projection) = node.downcast_ref::<ProjectionExec>() else { return Ok(Transformed::no(node)) };
            let (expressions, calls) = take_calls(projection)?;
            if calls.is_empty() {
                return Ok(Transformed::no(node));
            }
            let evaluated: Arc<dyn ExecutionPlan> = Arc::new(PythonIteratorExec::new(Arc::clone(projection.input()), calls));
            Ok(Transformed::yes(Arc::new(ProjectionExec::try_new(expressions, evaluated)?) as Arc<dyn ExecutionPlan>))
        })
        .map(|t| t.data)
    }

    fn name(&self) -> &str {
        "python_iterators"
    }

    fn schema_check(&self) -> bool {
        true
    }
}

/// Spark's `ArrowEvalPythonExec` for scalar iterator UDFs: its input's columns, then one
/// result column per call, each call made once per partition over all its rows.
#[derive(Debug)]
pub struct PythonIteratorExec {
    input: Arc<dyn ExecutionPlan>,
    calls: Vec<IteratorCall>,
    schema: SchemaRef,
    properties: Arc<PlanProperties>,
}

impl PythonIteratorExec {
    fn new(input: Arc<dyn ExecutionPlan>, calls: Vec<IteratorCall>) -> Self {
        let mut fields = input.schema().fields().iter().cloned().collect::<Vec<_>>();
        for (i, call) in calls.iter().enumerate() {
            let return_type = call.udf.result_type().clone();
            fields.push(Arc::new(Field::new(result_column(i), return_type, true)));
        }
        let schema = Arc::new(Schema::new_with_metadata(fields, input.schema().metadata().clone()));
        let properties = Arc::new(PlanProperties::new(
            EquivalenceProperties::new(Arc::clone(&schema)),
            input.properties().partitioning.clone(),
            EmissionType::Final,
            Boundedness::Bounded,
        ));
        Self { input, calls, schema, properties }
    }
}

impl DisplayAs for PythonIteratorExec {
    fn fmt_as(&self, _t: DisplayFormatType, f: &mut fmt::Formatter) -> fmt::Result {
        let calls = self.calls.iter().map(|c| c.display.as_str()).collect::<Vec<_>>();
        write!(f, "ArrowEvalPython: [{}]", calls.join(", "))
    }
}

impl ExecutionPlan for PythonIteratorExec {
    fn name(&self) -> &str {
        "ArrowEvalPython"
    }

    fn properties(&self) -> &Arc<PlanProperties> {
        &self.properties
    }

    fn children(&self) -> Vec<&Arc<dyn ExecutionPlan>> {
        vec![&self.input]
    }

    fn apply_expressions(&self, f: &mut dyn FnMut(&Arc<dyn PhysicalExpr>) -> Result<TreeNodeRecursion>) -> Result<TreeNodeRecursion> {
        for argument in self.calls.iter().flat_map(|c| c.arguments.iter()) {
            if f(argument)? == TreeNodeRecursion::Stop {
                return Ok(TreeNodeRecursion::Stop);
            }
        }
        Ok(TreeNodeRecursion::Continue)
    }

    fn with_new_children(self: Arc<Self>, mut children: Vec<Arc<dyn ExecutionPlan>>) -> Result<Arc<dyn ExecutionPlan>> {
        Ok(Arc::new(PythonIteratorExec::new(children.swap_remove(0), self.calls.clone())))
    }

    fn execute(&self, partition: usize, context: Arc<TaskContext>) -> Result<SendableRecordBatchStream> {
        let input = self.input.execute(partition, context)?;
        let calls = self.calls.clone();
        let schema = Arc::clone(&self.schema);
        let output_schema = Arc::clone(&schema);
        let batches = futures::stream::once(async move {
            let batches: Vec<RecordBatch> = input.try_collect().await?;
            let results = evaluate_partition(&batches, &calls, &schema)?;
            Ok::<_, DataFusionError>(futures::stream::iter(results.into_iter().map(Ok)))
        })
        .try_flatten();
        Ok(Box::pin(RecordBatchStreamAdapter::new(output_schema, batches.boxed())))
    }
}

/// The partition's batches with each call's results appended, one call per UDF over all
/// the rows of each Spark partition (none for an empty partition, which Spark's worker
/// never sees either).
fn evaluate_partition(batches: &[RecordBatch], calls: &[IteratorCall], schema: &SchemaRef) -> Result<Vec<RecordBatch>> {
    let batches = batches.iter().filter(|b| b.num_rows() > 0).collect::<Vec<_>>();
    if batches.is_empty() {
        return Ok(Vec::new());
    }
    let mut columns: Vec<Vec<ArrayRef>> = batches.iter().map(|b| b.columns().to_vec()).collect();
    for call in calls {
        for (index, result) in evaluate_call(call, &batches)?.into_iter().enumerate() {
            columns[index].push(result);
        }
    }
    batches
        .iter()
        .zip(columns)
        .map(|(batch, columns)| {
            let options = RecordBatchOptions::new().with_row_count(Some(batch.num_rows()));
            Ok(RecordBatch::try_new_with_options(Arc::clone(schema), columns, &options)?)
        })
        .collect()
}

/// A run of consecutive rows of one input batch in the same Spark partition.
struct Run {
    batch: usize,
    offset: usize,
    length: usize,
}

/// One call's result column for each of `batches`: the UDF is called once per Spark
/// partition of the rows (by its hidden partition argument when it is keyed, else once
/// for all of them), the calls made on as many worker processes at once as there are
/// cores.
fn evaluate_call(call: &IteratorCall, batches: &[&RecordBatch]) -> Result<Vec<ArrayRef>> {
    use datafusion::arrow::array::AsArray;
    use datafusion::arrow::datatypes::Int32Type;
    let mut arguments = Vec::with_capacity(batches.len());
    // The runs of each Spark partition, in the order of their first rows.
    let mut partitions: Vec<(i32, Vec<Run>)> = Vec::new();
    for (index, batch) in batches.iter().enumerate() {
        let mut values = call.arguments.iter().map(|a| a.evaluate(batch)?.into_array(batch.num_rows())).collect::<Result<Vec<_>>>()?;
        let key = if call.udf.is_keyed() { values.pop() } else { None };
        arguments.push(values);
        let mut add = |partition: i32, offset: usize, length: usize| {
            let run = Run { batch: index, offset, length };
            match partitions.iter_mut().find(|(p, _)| *p == partition) {
                Some((_, runs)) => runs.push(run),
                None => partitions.push((partition, vec![run])),
            }
        };
        match key {
            None => add(0, 0, batch.num_rows()),
            Some(key) => {
                let keys = key.as_primitive::<Int32Type>();
                let mut start = 0;
                for row in 1..=keys.len() {
                    if row == keys.len() || keys.value(row) != keys.value(start) {
                        add(keys.value(start), start, row - start);
                        start = row;
                    }
                }
            }
        }
    }
    let at_once = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut results: Vec<Vec<ArrayRef>> = Vec::with_capacity(partitions.len());
    for wave in partitions.chunks(at_once) {
        let answers = std::thread::scope(|scope| {
            let handles = wave.iter().map(|(_, runs)| scope.spawn(|| call_once(&call.udf, &arguments, runs))).collect::<Vec<_>>();
            handles.into_iter().map(|h| h.join().unwrap_or_else(|_| Err(DataFusionError::Internal("a UDF thread panicked".into())))).collect::<Vec<_>>()
        });
        for answer in answers {
            results.push(answer?);
        }
    }
    // Each batch's column, its runs' results taken in turn from their partition's.
    let mut pieces: Vec<Vec<(usize, ArrayRef)>> = vec![Vec::new(); batches.len()];
    for ((_, runs), parts) in partitions.iter().zip(results) {
        let mut cursor = Cursor { parts, part: 0, offset: 0 };
        for run in runs {
            pieces[run.batch].push((run.offset, cursor.take(run.length)?));
        }
    }
    pieces
        .into_iter()
        .map(|mut pieces| {
            pieces.sort_by_key(|(offset, _)| *offset);
            let arrays = pieces.iter().map(|(_, a)| a.as_ref()).collect::<Vec<_>>();
            Ok(match arrays.as_slice() {
                [_] => Arc::clone(&pieces[0].1),
                _ => datafusion::arrow::compute::concat(&arrays)?,
            })
        })
        .collect()
}

/// One call of `udf` over the rows of `runs`, handed over in batches of at most
/// `MAX_RECORDS_PER_BATCH` rows; its results in parts, a value per row.
fn call_once(udf: &PythonUdf, arguments: &[Vec<ArrayRef>], runs: &[Run]) -> Result<Vec<ArrayRef>> {
    let rows = runs.iter().map(|r| r.length).sum::<usize>();
    let chunks = Chunks { arguments, runs, run: 0, offset: 0 };
    let parts = udf.evaluate_partition(Box::new(chunks)).map_err(|e| DataFusionError::External(Box::new(e)))?;
    let given = parts.iter().map(|p| p.len()).sum::<usize>();
    if given != rows {
        return Err(DataFusionError::Internal(format!("a scalar iterator UDF gave {given} values for {rows} rows")));
    }
    Ok(parts)
}

/// The argument rows of some runs cut into batches of `MAX_RECORDS_PER_BATCH` rows, made
/// one at a time (slices of the input's columns, joined where a batch spans runs).
struct Chunks<'a> {
    arguments: &'a [Vec<ArrayRef>],
    runs: &'a [Run],
    run: usize,
    offset: usize,
}

impl Iterator for Chunks<'_> {
    type Item = (Vec<ArrayRef>, usize);

    fn next(&mut self) -> Option<Self::Item> {
        let mut pieces: Vec<Vec<ArrayRef>> = Vec::new();
        let mut rows = 0;
        while rows < MAX_RECORDS_PER_BATCH && self.run < self.runs.len() {
            let run = &self.runs[self.run];
            let length = (run.length - self.offset).min(MAX_RECORDS_PER_BATCH - rows);
            pieces.push(self.arguments[run.batch].iter().map(|a| a.slice(run.offset + self.offset, length)).collect());
            rows += length;
            self.offset += length;
            if self.offset == run.length {
                self.run += 1;
                self.offset = 0;
            }
        }
        if rows == 0 {
            return None;
        }
        let columns = match pieces.len() {
            1 => pieces.pop().unwrap_or_default(),
            _ => (0..pieces[0].len())
                .map(|i| datafusion::arrow::compute::concat(&pieces.iter().map(|p| p[i].as_ref()).collect::<Vec<_>>()))
                .collect::<std::result::Result<Vec<_>, _>>()
                .ok()?,
        };
        Some((columns, rows))
    }
}

/// Reads consecutive values out of a call's result parts.
struct Cursor {
    parts: Vec<ArrayRef>,
    part: usize,
    offset: usize,
}

impl Cursor {
    /// The next `length` values, as one array.
    fn take(&mut self, length: usize) -> Result<ArrayRef> {
        let mut slices = Vec::new();
        let mut left = length;
        while left > 0 {
            let part = self.parts.get(self.part).ok_or_else(|| DataFusionError::Internal("a scalar iterator UDF gave too few values".into()))?;
            let available = (part.len() - self.offset).min(left);
            slices.push(part.slice(self.offset, available));
            self.offset += available;
            left -= available;
            if self.offset == part.len() {
                self.part += 1;
                self.offset = 0;
            }
        }
        Ok(match slices.len() {
            1 => slices.pop().unwrap_or_else(|| unreachable!("one slice")),
            _ => datafusion::arrow::compute::concat(&slices.iter().map(|s| s.as_ref()).collect::<Vec<_>>())?,
        })
    }
}
