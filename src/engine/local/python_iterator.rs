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

use super::python_udf::PythonUdf;

/// Spark's `spark.sql.execution.arrow.maxRecordsPerBatch` default: the most rows in each
/// batch the function's iterator yields.
const MAX_RECORDS_PER_BATCH: usize = 10_000;

/// The logical rule: each operator but a projection that calls scalar iterator UDFs gets
/// them from a projection below it (`super::extract_calls`).
#[derive(Debug, Default)]
pub struct ExtractIteratorCalls;

fn is_iterator_call(expression: &Expr) -> bool {
    matches!(expression, Expr::ScalarFunction(call) if call.func.inner().downcast_ref::<PythonUdf>().is_some_and(|udf| udf.is_iterator()))
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
fn iterator_udf(expression: &Arc<dyn PhysicalExpr>) -> Option<(Arc<PythonUdf>, &ScalarFunctionExpr)> {
    let call = expression.downcast_ref::<ScalarFunctionExpr>()?;
    let udf = call.fun().inner().downcast_ref::<PythonUdf>()?;
    udf.is_iterator().then(|| (Arc::new(udf.renamed(call.fun().name())), call))
}

/// The projection's expressions with each iterator call replaced by a column past the
/// input's, and the calls in the order of those columns.
fn take_calls(projection: &ProjectionExec) -> Result<(Vec<ProjectionExpr>, Vec<IteratorCall>)> {
    let width = projection.input().schema().fields().len();
    let mut calls: Vec<IteratorCall> = Vec::new();
    let mut rewritten = Vec::new();
    for item in projection.expr() {
        let expression = Arc::clone(&item.expr).transform_down(|node| {
            let Some((udf, call)) = iterator_udf(&node) else { return Ok(Transformed::no(node)) };
            let index = width + calls.len();
            let name = format!("__ember_iterator_{}", calls.len());
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
            fields.push(Arc::new(Field::new(format!("__ember_iterator_{i}"), return_type, true)));
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
    let rows = batches.iter().map(|b| b.num_rows()).sum::<usize>();
    if rows == 0 {
        return Ok(Vec::new());
    }
    let mut results: Vec<ArrayRef> = Vec::with_capacity(calls.len());
    for call in calls {
        let mut arguments = call
            .arguments
            .iter()
            .map(|argument| {
                let parts = batches.iter().map(|batch| argument.evaluate(batch)?.into_array(batch.num_rows())).collect::<Result<Vec<_>>>()?;
                let parts = parts.iter().map(|p| p.as_ref()).collect::<Vec<_>>();
                Ok(datafusion::arrow::compute::concat(&parts)?)
            })
            .collect::<Result<Vec<ArrayRef>>>()?;
        let result = match call.udf.is_keyed() {
            true => {
                let key = arguments.pop().ok_or_else(|| DataFusionError::Internal("a keyed iterator UDF without its partition".into()))?;
                call_per_spark_partition(&call.udf, &arguments, &key)?
            }
            false => call_once(&call.udf, &arguments)?,
        };
        if result.len() != rows {
            return Err(DataFusionError::Internal(format!("a scalar iterator UDF gave {} values for {rows} rows", result.len())));
        }
        results.push(result);
    }
    let mut offset = 0;
    batches
        .iter()
        .filter(|batch| batch.num_rows() > 0)
        .map(|batch| {
            let mut columns = batch.columns().to_vec();
            columns.extend(results.iter().map(|r| r.slice(offset, batch.num_rows())));
            offset += batch.num_rows();
            let options = RecordBatchOptions::new().with_row_count(Some(batch.num_rows()));
            Ok(RecordBatch::try_new_with_options(Arc::clone(schema), columns, &options)?)
        })
        .collect()
}

/// One call of `udf` over the rows of `arguments`, handed over in batches of at most
/// `MAX_RECORDS_PER_BATCH` rows.
fn call_once(udf: &PythonUdf, arguments: &[ArrayRef]) -> Result<ArrayRef> {
    let rows = arguments.first().map_or(0, |a| a.len());
    let chunks = (0..rows)
        .step_by(MAX_RECORDS_PER_BATCH)
        .map(|from| {
            let length = MAX_RECORDS_PER_BATCH.min(rows - from);
            (arguments.iter().map(|a| a.slice(from, length)).collect::<Vec<_>>(), length)
        })
        .collect::<Vec<_>>();
    udf.evaluate_partition(&chunks).map_err(|e| DataFusionError::External(Box::new(e)))
}

/// One call of `udf` per Spark partition of the rows (`key` holds each row's), the calls
/// made on as many worker processes at once as there are cores; the results in row order.
fn call_per_spark_partition(udf: &PythonUdf, arguments: &[ArrayRef], key: &ArrayRef) -> Result<ArrayRef> {
    use datafusion::arrow::array::{AsArray, UInt32Array};
    use datafusion::arrow::compute::{concat, take};
    use datafusion::arrow::datatypes::Int32Type;
    let keys = key.as_primitive::<Int32Type>();
    let mut groups: Vec<(i32, Vec<u32>)> = Vec::new();
    let mut position = std::collections::HashMap::new();
    for (row, partition) in keys.iter().enumerate() {
        let partition = partition.unwrap_or_default();
        let index = *position.entry(partition).or_insert_with(|| {
            groups.push((partition, Vec::new()));
            groups.len() - 1
        });
        groups[index].1.push(row as u32);
    }
    if groups.len() == 1 {
        return call_once(udf, arguments);
    }
    let selected = groups
        .iter()
        .map(|(_, rows)| {
            let indices = UInt32Array::from(rows.clone());
            arguments.iter().map(|a| take(a.as_ref(), &indices, None)).collect::<std::result::Result<Vec<_>, _>>()
        })
        .collect::<std::result::Result<Vec<_>, _>>()?;
    let at_once = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut parts: Vec<ArrayRef> = Vec::with_capacity(groups.len());
    for wave in selected.chunks(at_once) {
        let answers = std::thread::scope(|scope| {
            let handles = wave.iter().map(|group| scope.spawn(move || call_once(udf, group))).collect::<Vec<_>>();
            handles.into_iter().map(|h| h.join().unwrap_or_else(|_| Err(DataFusionError::Internal("a UDF thread panicked".into())))).collect::<Vec<_>>()
        });
        for answer in answers {
            parts.push(answer?);
        }
    }
    // Row r of the input is value `inverse[r]` of the groups' results laid end to end.
    let mut inverse = vec![0u32; keys.len()];
    let mut offset = 0u32;
    for (_, rows) in &groups {
        for (j, row) in rows.iter().enumerate() {
            inverse[*row as usize] = offset + j as u32;
        }
        offset += rows.len() as u32;
    }
    let joined = concat(&parts.iter().map(|p| p.as_ref()).collect::<Vec<_>>())?;
    Ok(take(joined.as_ref(), &UInt32Array::from(inverse), None)?)
}
