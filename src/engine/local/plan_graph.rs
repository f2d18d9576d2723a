//! A running query's DataFusion physical plan as the jobs model's operator tree
//! (`jobs::PlanNode`), with each operator's metrics summed over its partitions: what the
//! web UI's SQL page draws, as Spark's `SparkPlanGraph` does from a `SparkPlan`.
use std::sync::Arc;

use datafusion::physical_plan::metrics::MetricValue;
use datafusion::physical_plan::{displayable, ExecutionPlan};

use super::stages;
use crate::jobs::{PlanNode, PlanView};

/// An instrumented physical plan (`stages::instrument`), read anew on each snapshot so
/// that its metrics are the current ones while it runs.
pub struct PhysicalPlanView(pub Arc<dyn ExecutionPlan>);

impl PlanView for PhysicalPlanView {
    fn snapshot(&self) -> PlanNode {
        let mut roots = node(self.0.as_ref(), None);
        match roots.len() {
            1 => roots.remove(0),
            _ => PlanNode { name: "Plan".to_string(), children: roots, ..Default::default() },
        }
    }
}

/// A metric's value as the UI shows it: counts as whole numbers (Spark's `number of
/// output rows` shows `1000`, where DataFusion's display rounds to `1.00 K`); times and
/// sizes with DataFusion's units (`1.2ms`, `8.0 KB`).
fn metric_text(value: &MetricValue) -> String {
    match value {
        MetricValue::OutputRows(_) | MetricValue::SpillCount(_) | MetricValue::OutputBatches(_) | MetricValue::SpilledRows(_) | MetricValue::Count { .. } => value.as_usize().to_string(),
        _ => value.to_string(),
    }
}

/// The operators of `plan` as nodes: a stage tracker is left out, and the stage it marks
/// is given to the operators below it down to the next stage.
fn node(plan: &dyn ExecutionPlan, stage_id: Option<usize>) -> Vec<PlanNode> {
    if let Some((stage, top)) = stages::tracked_stage(plan) {
        let stage_id = if top { Some(stage) } else { stage_id };
        return plan.children().into_iter().flat_map(|child| node(child.as_ref(), stage_id)).collect();
    }
    let metrics = plan
        .metrics()
        .map(|set| {
            set.aggregate_by_name()
                .timestamps_removed()
                .sorted_for_display()
                .iter()
                .map(|metric| (metric.value().name().to_string(), metric_text(metric.value())))
                .collect()
        })
        .unwrap_or_default();
    let description = displayable(plan).one_line().to_string();
    let children = plan.children().into_iter().flat_map(|child| node(child.as_ref(), stage_id)).collect();
    vec![PlanNode { name: plan.name().to_string(), description: description.trim_end().to_string(), stage_id, metrics, children }]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jobs;
    use datafusion::prelude::{SessionConfig, SessionContext};

    fn names(node: &PlanNode, out: &mut Vec<String>) {
        out.push(node.name.clone());
        node.children.iter().for_each(|child| names(child, out));
    }

    #[test]
    fn the_tree_has_the_plans_operators_their_stages_and_their_row_counts() {
        let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
        runtime.block_on(async {
            let context = SessionContext::new_with_config(SessionConfig::new().with_target_partitions(2));
            let frame = context.sql("SELECT v % 3 AS k, count(*) AS n FROM (SELECT * FROM generate_series(1, 100) AS t(v)) GROUP BY v % 3").await.unwrap();
            let task_context = Arc::new(frame.task_ctx());
            let physical = frame.create_physical_plan().await.unwrap();
            let job = jobs::registry().start_job_with(jobs::JobProperties::default());
            let instrumented = stages::instrument(physical, job.job_id).unwrap();
            let view = PhysicalPlanView(instrumented.clone());
            let batches = datafusion::physical_plan::collect(instrumented, task_context).await.unwrap();
            assert_eq!(batches.iter().map(|b| b.num_rows()).sum::<usize>(), 3);
            let tree = view.snapshot();
            let mut all = Vec::new();
            names(&tree, &mut all);
            assert!(!all.iter().any(|name| name == "StageTracker"), "{all:?}");
            assert!(all.iter().any(|name| name == "AggregateExec"), "{all:?}");
            assert!(all.iter().any(|name| name == "RepartitionExec"), "{all:?}");
            // The top aggregate's rows are the groups; its stage is the job's last one.
            let stage_ids = jobs::registry().jobs().into_iter().find(|j| j.job_id == job.job_id).unwrap().stage_ids;
            fn find<'a>(node: &'a PlanNode, name: &str) -> Option<&'a PlanNode> {
                if node.name == name {
                    return Some(node);
                }
                node.children.iter().find_map(|child| find(child, name))
            }
            let aggregate = find(&tree, "AggregateExec").unwrap();
            assert_eq!(aggregate.stage_id, stage_ids.last().copied());
            assert!(aggregate.metrics.iter().any(|(name, value)| name == "output_rows" && value == "3"), "{:?}", aggregate.metrics);
            assert!(aggregate.description.starts_with("AggregateExec: mode=Final"), "{}", aggregate.description);
        });
    }
}
