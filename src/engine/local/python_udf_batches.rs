//! Batches of Spark's size for Python UDFs: a physical optimizer rule that coalesces the
//! input of each projection or filter calling a Python UDF into batches of
//! `spark.sql.execution.arrow.maxRecordsPerBatch` (10,000) rows per engine thread.
//!
//! Every batch crosses to the worker processes and back, and is cut into one piece per
//! thread (see the native runner), so DataFusion's 8,192-row batches would pay that
//! round trip for about 4,000 rows; Spark's `ArrowEvalPythonExec` sends 10,000.
use std::sync::Arc;

use datafusion::common::tree_node::{Transformed, TreeNode, TreeNodeRecursion};
use datafusion::config::ConfigOptions;
use datafusion::error::Result;
use datafusion::physical_expr::{PhysicalExpr, ScalarFunctionExpr};
use datafusion::physical_optimizer::PhysicalOptimizerRule;
use datafusion::physical_plan::filter::FilterExec;
use datafusion::physical_plan::projection::ProjectionExec;
use datafusion::physical_plan::ExecutionPlan;

use super::python_udf::PythonUdf;

/// Spark's `spark.sql.execution.arrow.maxRecordsPerBatch` default.
const MAX_RECORDS_PER_BATCH: usize = 10_000;

/// The rule; `parallelism` is N of `local[N]`, the pieces each batch is cut into.
#[derive(Debug)]
pub struct PythonUdfBatches {
    parallelism: usize,
}

impl PythonUdfBatches {
    pub fn new(parallelism: usize) -> Self {
        Self { parallelism: parallelism.max(1) }
    }
}

fn calls_python(expression: &Arc<dyn PhysicalExpr>) -> bool {
    let mut found = false;
    let _ = expression.apply(|node| {
        let python = node.downcast_ref::<ScalarFunctionExpr>().is_some_and(|call| call.fun().inner().downcast_ref::<PythonUdf>().is_some());
        found |= python;
        Ok(if python { TreeNodeRecursion::Stop } else { TreeNodeRecursion::Continue })
    });
    found
}

fn evaluates_python(plan: &dyn ExecutionPlan) -> bool {
    if let Some(projection) = plan.downcast_ref::<ProjectionExec>() {
        return projection.expr().iter().any(|e| calls_python(&e.expr));
    }
    plan.downcast_ref::<FilterExec>().is_some_and(|filter| calls_python(filter.predicate()))
}

impl PhysicalOptimizerRule for PythonUdfBatches {
    #[allow(deprecated)] // CoalesceBatchesExec: operators now coalesce inside, but a projection does not
    fn optimize(&self, plan: Arc<dyn ExecutionPlan>, _config: &ConfigOptions) -> Result<Arc<dyn ExecutionPlan>> {
        use datafusion::physical_plan::coalesce_batches::CoalesceBatchesExec;
        let target = MAX_RECORDS_PER_BATCH * self.parallelism;
        plan.transform_up(|node| {
            if !evaluates_python(node.as_ref()) || node.children().len() != 1 {
                return Ok(Transformed::no(node));
            }
            let input = node.children()[0].clone();
            if input.is::<CoalesceBatchesExec>() {
                return Ok(Transformed::no(node));
            }
            let coalesced: Arc<dyn ExecutionPlan> = Arc::new(CoalesceBatchesExec::new(input, target));
            Ok(Transformed::yes(node.with_new_children(vec![coalesced])?))
        })
        .map(|t| t.data)
    }

    fn name(&self) -> &str {
        "python_udf_batches"
    }

    fn schema_check(&self) -> bool {
        true
    }
}
