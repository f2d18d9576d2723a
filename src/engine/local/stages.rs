//! Cuts a DataFusion physical plan into Spark-style stages and counts their tasks, for
//! the jobs model (`crate::jobs`): Spark's `DAGScheduler` cuts at shuffles; here a stage
//! ends at each exchange (`RepartitionExec`), coalesce (`CoalescePartitionsExec`) or merge
//! (`SortPreservingMergeExec`), whose inputs are the roots of earlier stages.
//!
//! A stage's tasks are the output partitions of its top operator. A task runs from the
//! `execute` of its partition until its stream ends (completed) or fails; its stage's bytes
//! read are the Arrow sizes of the batches its scans produce.
use std::fmt;
use std::sync::Arc;

use datafusion::common::tree_node::TreeNodeRecursion;
use datafusion::error::Result;
use datafusion::execution::TaskContext;
use datafusion::physical_plan::coalesce_partitions::CoalescePartitionsExec;
use datafusion::physical_plan::execution_plan::replace_children_if_necessary;
use datafusion::physical_plan::repartition::RepartitionExec;
use datafusion::physical_plan::sorts::sort_preserving_merge::SortPreservingMergeExec;
use datafusion::physical_plan::stream::RecordBatchStreamAdapter;
use datafusion::physical_plan::{DisplayAs, DisplayFormatType, ExecutionPlan, PhysicalExpr, PlanProperties, SendableRecordBatchStream};
use futures::StreamExt;

use crate::jobs;

/// The plan with every stage's top and scans wrapped to report to `job_id`'s stages.
/// Stage ids count up from the first stage to run (the scans') to the last.
pub fn instrument(plan: Arc<dyn ExecutionPlan>, job_id: usize) -> Result<Arc<dyn ExecutionPlan>> {
    stage(plan, job_id)
}

/// Instruments the stage whose top is `top`: earlier stages first, so they get lower ids.
fn stage(top: Arc<dyn ExecutionPlan>, job_id: usize) -> Result<Arc<dyn ExecutionPlan>> {
    let body = cut(top, job_id)?;
    let tasks = body.properties().partitioning.partition_count();
    let stage_id = jobs::registry().add_stage(job_id, tasks);
    let body = wrap_scans(body, stage_id)?;
    Ok(Arc::new(TrackedExec { input: body, stage_id, role: Role::Task }))
}

fn is_boundary(plan: &dyn ExecutionPlan) -> bool {
    plan.is::<RepartitionExec>() || plan.is::<CoalescePartitionsExec>() || plan.is::<SortPreservingMergeExec>()
}

/// Rebuilds the stage's operators, turning the inputs of each boundary into stages of
/// their own.
fn cut(plan: Arc<dyn ExecutionPlan>, job_id: usize) -> Result<Arc<dyn ExecutionPlan>> {
    let children: Vec<Arc<dyn ExecutionPlan>> = plan.children().into_iter().cloned().collect();
    if children.is_empty() {
        return Ok(plan);
    }
    let boundary = is_boundary(plan.as_ref());
    let rebuilt = children
        .into_iter()
        .map(|child| if boundary { stage(child, job_id) } else { cut(child, job_id) })
        .collect::<Result<Vec<_>>>()?;
    replace_children_if_necessary(plan, rebuilt)
}

/// Wraps the leaves of a stage (stopping at the already wrapped earlier stages).
fn wrap_scans(plan: Arc<dyn ExecutionPlan>, stage_id: usize) -> Result<Arc<dyn ExecutionPlan>> {
    if plan.is::<TrackedExec>() {
        return Ok(plan);
    }
    let children: Vec<Arc<dyn ExecutionPlan>> = plan.children().into_iter().cloned().collect();
    if children.is_empty() {
        return Ok(Arc::new(TrackedExec { input: plan, stage_id, role: Role::Scan }));
    }
    let rebuilt = children.into_iter().map(|child| wrap_scans(child, stage_id)).collect::<Result<Vec<_>>>()?;
    replace_children_if_necessary(plan, rebuilt)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// The stage's top: each partition is a task.
    Task,
    /// A scan of the stage: its batches are the stage's input bytes.
    Scan,
}

/// A pass-through operator that reports a stage's tasks or input bytes.
#[derive(Debug)]
struct TrackedExec {
    input: Arc<dyn ExecutionPlan>,
    stage_id: usize,
    role: Role,
}

impl DisplayAs for TrackedExec {
    fn fmt_as(&self, _format: DisplayFormatType, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "StageTracker: stage={}", self.stage_id)
    }
}

/// Ends a task when dropped before its stream ended (its consumer stopped early).
struct TaskGuard {
    stage_id: usize,
    task_id: usize,
    ended: bool,
}

impl TaskGuard {
    fn end(&mut self, completed: bool) {
        self.ended = true;
        let status = if completed { jobs::TaskStatus::Success } else { jobs::TaskStatus::Failed };
        jobs::registry().task_ended(self.stage_id, self.task_id, status);
    }
}

/// The stage of a stage tracker inserted by `instrument`, and whether it is the stage's
/// top (its partitions are the tasks) rather than one of its scans; None for the plan's
/// own operators.
pub fn tracked_stage(plan: &dyn ExecutionPlan) -> Option<(usize, bool)> {
    plan.downcast_ref::<TrackedExec>().map(|tracked| (tracked.stage_id, tracked.role == Role::Task))
}

impl Drop for TaskGuard {
    fn drop(&mut self) {
        if !self.ended {
            jobs::registry().task_ended(self.stage_id, self.task_id, jobs::TaskStatus::Killed);
        }
    }
}

impl ExecutionPlan for TrackedExec {
    fn name(&self) -> &str {
        "StageTracker"
    }

    fn properties(&self) -> &Arc<PlanProperties> {
        self.input.properties()
    }

    fn children(&self) -> Vec<&Arc<dyn ExecutionPlan>> {
        vec![&self.input]
    }

    fn apply_expressions(&self, _f: &mut dyn FnMut(&Arc<dyn PhysicalExpr>) -> Result<TreeNodeRecursion>) -> Result<TreeNodeRecursion> {
        Ok(TreeNodeRecursion::Continue)
    }

    fn with_new_children(self: Arc<Self>, mut children: Vec<Arc<dyn ExecutionPlan>>) -> Result<Arc<dyn ExecutionPlan>> {
        Ok(Arc::new(TrackedExec { input: children.swap_remove(0), stage_id: self.stage_id, role: self.role }))
    }

    fn execute(&self, partition: usize, context: Arc<TaskContext>) -> Result<SendableRecordBatchStream> {
        let inner = self.input.execute(partition, context)?;
        let schema = inner.schema();
        let stage_id = self.stage_id;
        if self.role == Role::Scan {
            let counted = inner.map(move |batch| {
                if let Ok(batch) = &batch {
                    jobs::registry().bytes_read(stage_id, batch.get_array_memory_size() as u64);
                }
                batch
            });
            return Ok(Box::pin(RecordBatchStreamAdapter::new(schema, counted)));
        }
        let task_id = jobs::registry().task_started(stage_id, partition, None);
        let guard = TaskGuard { stage_id, task_id, ended: false };
        let stream = futures::stream::unfold((inner, guard), move |(mut inner, mut guard)| async move {
            if guard.ended {
                return None;
            }
            match inner.next().await {
                Some(Ok(batch)) => Some((Ok(batch), (inner, guard))),
                Some(Err(error)) => {
                    guard.end(false);
                    Some((Err(error), (inner, guard)))
                }
                None => {
                    guard.end(true);
                    None
                }
            }
        });
        Ok(Box::pin(RecordBatchStreamAdapter::new(schema, stream)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use datafusion::arrow::array::Int64Array;
    use datafusion::arrow::datatypes::{DataType, Field, Schema};
    use datafusion::arrow::record_batch::RecordBatch;
    use datafusion::datasource::MemTable;
    use datafusion::prelude::{SessionConfig, SessionContext};

    #[test]
    fn a_grouped_query_is_cut_at_its_exchanges_and_every_task_completes() {
        let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
        runtime.block_on(async {
            let context = SessionContext::new_with_config(SessionConfig::new().with_target_partitions(2));
            let schema = Arc::new(Schema::new(vec![Field::new("k", DataType::Int64, false)]));
            let batch = |values: Vec<i64>| RecordBatch::try_new(schema.clone(), vec![Arc::new(Int64Array::from(values))]).unwrap();
            let table = MemTable::try_new(schema.clone(), vec![vec![batch(vec![1, 2, 3])], vec![batch(vec![1, 1, 4])]]).unwrap();
            context.register_table("t", Arc::new(table)).unwrap();
            let frame = context.sql("SELECT k, count(*) AS n FROM t GROUP BY k ORDER BY k").await.unwrap();
            let task_context = Arc::new(frame.task_ctx());
            let physical = frame.create_physical_plan().await.unwrap();
            let boundaries = count_boundaries(&physical);
            let job = jobs::registry().start_job_with(jobs::JobProperties::default());
            let instrumented = instrument(physical, job.job_id).unwrap();
            let batches = datafusion::physical_plan::collect(instrumented, task_context).await.unwrap();
            assert_eq!(batches.iter().map(|b| b.num_rows()).sum::<usize>(), 4);
            let stages: Vec<_> = jobs::registry().active_stages();
            assert!(stages.iter().all(|s| s.job_id != job.job_id), "a finished stage is not active: {stages:?}");
            let job_info = jobs::registry().jobs().into_iter().find(|j| j.job_id == job.job_id).unwrap();
            assert_eq!(job_info.stage_ids.len(), boundaries + 1, "one stage per exchange, plus the last");
            let first = jobs::registry().stage(job_info.stage_ids[0]).unwrap();
            assert_eq!((first.num_tasks, first.completed, first.running), (2, 2, 0), "the scan stage has a task per input partition");
            assert!(first.bytes_read > 0);
            for id in &job_info.stage_ids {
                let stage = jobs::registry().stage(*id).unwrap();
                assert_eq!(stage.completed, stage.num_tasks, "every task of stage {id} completed: {stage:?}");
            }
        });
    }

    fn count_boundaries(plan: &Arc<dyn ExecutionPlan>) -> usize {
        let below: usize = plan.children().into_iter().map(count_boundaries).sum();
        below + if is_boundary(plan.as_ref()) { plan.children().len() } else { 0 }
    }
}
