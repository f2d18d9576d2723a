//! Spark's monitoring REST API (`/api/v1`, Spark's `status/api/v1` resources) as JSON
//! built from the jobs model: applications, jobs, stages and their tasks, SQL executions,
//! executors. The field names are Spark's, so tools written for Spark's REST API read
//! Ember's; `tests/data/spark_ui` holds a response recorded from PySpark 4.3.0.
//!
//! Quantities Ember does not measure are 0, as Spark gives for a metric with no updates:
//! CPU and deserialization times, result sizes, shuffle fetch details, JVM memory and GC
//! (there is no JVM). Each is named where it is set.
use std::time::{Duration, SystemTime};

use serde_json::{json, Map, Value};

use crate::jobs::{ExecutorInfo, JobInfo, JobStatus, PlanNode, QueryInfo, StageInfo, TaskInfo, TaskStatus};

/// The application the API describes (Spark's `ApplicationInfo`).
#[derive(Clone, Debug)]
pub struct Application {
    /// `sc.applicationId`, `local-<start ms>`.
    pub id: String,
    pub name: String,
    pub start_time: SystemTime,
    pub user: String,
    /// The engine threads of `local[N]` (the driver's cores).
    pub cores: usize,
}

/// The memory of one process, from `/proc` (Linux), in bytes: resident and virtual.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct ProcessMemory {
    pub rss: u64,
    pub virtual_size: u64,
}

/// A process's memory, read from `/proc/<pid>/statm`; zero where it cannot be read.
pub fn process_memory(pid: u32) -> ProcessMemory {
    let Ok(text) = std::fs::read_to_string(format!("/proc/{pid}/statm")) else { return ProcessMemory::default() };
    let mut fields = text.split_whitespace().map(|f| f.parse::<u64>().unwrap_or(0));
    // SAFETY: sysconf has no preconditions.
    let page = u64::try_from(unsafe { libc::sysconf(libc::_SC_PAGESIZE) }).unwrap_or(4096);
    let virtual_size = fields.next().unwrap_or(0) * page;
    let rss = fields.next().unwrap_or(0) * page;
    ProcessMemory { rss, virtual_size }
}

/// Spark's REST time text: `2026-12-06T01:06:55.184GMT` (UTC, milliseconds).
pub fn time_text(time: SystemTime) -> String {
    chrono::DateTime::<chrono::Utc>::from(time).format("%Y-%m-%dT%H:%M:%S%.3fGMT").to_string()
}

fn epoch_ms(time: SystemTime) -> i64 {
    time.duration_since(SystemTime::UNIX_EPOCH).map(|d| d.as_millis() as i64).unwrap_or(0)
}

fn ms(duration: Duration) -> u64 {
    duration.as_millis() as u64
}

/// `/applications`: the one running application (Spark's `ApplicationInfo` with one
/// attempt, not completed: its end time is Spark's "none", the epoch minus 1 ms).
pub fn applications(app: &Application) -> Value {
    let now = SystemTime::now();
    let started = epoch_ms(app.start_time);
    json!([{
        "id": app.id,
        "name": app.name,
        "attempts": [{
            "startTime": time_text(app.start_time),
            "endTime": "1969-12-31T23:59:59.999GMT",
            "lastUpdated": time_text(app.start_time),
            "duration": now.duration_since(app.start_time).map(ms).unwrap_or(0),
            "sparkUser": app.user,
            "completed": false,
            "appSparkVersion": crate::settings::SPARK_VERSION,
            "startTimeEpoch": started,
            "endTimeEpoch": -1,
            "lastUpdatedEpoch": started,
        }],
    }])
}

/// Spark's stage status: PENDING until its first task, ACTIVE while tasks run, then
/// COMPLETE, FAILED (a task failed, or its job failed before the stage's tasks ended),
/// or SKIPPED (it ended without running a task).
pub fn stage_status(stage: &StageInfo, job: Option<&JobInfo>) -> &'static str {
    if !stage.done {
        return if stage.submitted.is_some() { "ACTIVE" } else { "PENDING" };
    }
    let job_failed = job.is_some_and(|j| j.status == JobStatus::Failed);
    if stage.failed > 0 || (job_failed && stage.completed < stage.num_tasks) {
        "FAILED"
    } else if stage.submitted.is_none() {
        "SKIPPED"
    } else {
        "COMPLETE"
    }
}

/// Why tasks were killed, with how many (Spark's `killedTasksSummary`).
fn killed_summary(killed: usize) -> Value {
    let mut summary = Map::new();
    if killed > 0 {
        summary.insert("stopped early: no more rows were needed, or the job was cancelled".to_string(), json!(killed));
    }
    Value::Object(summary)
}

/// `/jobs` and `/jobs/{id}` (Spark's `JobData`).
pub fn job(job: &JobInfo, stages: &[StageInfo]) -> Value {
    let own: Vec<&StageInfo> = stages.iter().filter(|s| s.job_id == job.job_id).collect();
    let status_of = |s: &StageInfo| stage_status(s, Some(job));
    let count = |status: &str| own.iter().filter(|s| status_of(s) == status).count();
    let skipped_tasks: usize = own.iter().filter(|s| status_of(s) == "SKIPPED").map(|s| s.num_tasks).sum();
    let killed: usize = own.iter().map(|s| s.killed).sum();
    let mut value = json!({
        "jobId": job.job_id,
        "name": job.properties.call_site,
        "submissionTime": time_text(job.submission_time),
        "stageIds": job.stage_ids,
        "jobTags": job.properties.tags.iter().collect::<Vec<_>>(),
        "status": job.status.name(),
        "numTasks": own.iter().map(|s| s.num_tasks).sum::<usize>(),
        "numActiveTasks": own.iter().map(|s| s.running).sum::<usize>(),
        "numCompletedTasks": own.iter().map(|s| s.completed).sum::<usize>(),
        "numSkippedTasks": skipped_tasks,
        "numFailedTasks": own.iter().map(|s| s.failed).sum::<usize>(),
        "numKilledTasks": killed,
        "numCompletedIndices": own.iter().map(|s| s.completed).sum::<usize>(),
        "numActiveStages": count("ACTIVE"),
        "numCompletedStages": count("COMPLETE"),
        "numSkippedStages": count("SKIPPED"),
        "numFailedStages": count("FAILED"),
        "killedTasksSummary": killed_summary(killed),
    });
    // Spark leaves out the fields that are not set.
    if let Some(object) = value.as_object_mut() {
        if let Some(description) = &job.properties.description {
            object.insert("description".into(), json!(description));
        }
        if let Some(group) = &job.properties.group {
            object.insert("jobGroup".into(), json!(group));
        }
        if let Some(completed) = job.completion_time {
            object.insert("completionTime".into(), json!(time_text(completed)));
        }
    }
    value
}

/// Whether `status` (Spark's `?status=` filter, any case) picks a job.
fn job_matches(job: &JobInfo, status: &[String]) -> bool {
    status.is_empty() || status.iter().any(|s| s.eq_ignore_ascii_case(job.status.name()))
}

/// `/jobs`: newest first, filtered by `?status=`.
pub fn jobs(jobs: &[JobInfo], stages: &[StageInfo], status: &[String]) -> Value {
    Value::Array(jobs.iter().rev().filter(|j| job_matches(j, status)).map(|j| job(j, stages)).collect())
}

/// The names of Spark's executor metrics (`peakExecutorMetrics`, `peakMemoryMetrics`).
const EXECUTOR_METRICS: [&str; 23] = [
    "JVMHeapMemory",
    "JVMOffHeapMemory",
    "OnHeapExecutionMemory",
    "OffHeapExecutionMemory",
    "OnHeapStorageMemory",
    "OffHeapStorageMemory",
    "OnHeapUnifiedMemory",
    "OffHeapUnifiedMemory",
    "DirectPoolMemory",
    "MappedPoolMemory",
    "ProcessTreeJVMVMemory",
    "ProcessTreeJVMRSSMemory",
    "ProcessTreePythonVMemory",
    "ProcessTreePythonRSSMemory",
    "ProcessTreeOtherVMemory",
    "ProcessTreeOtherRSSMemory",
    "MinorGCCount",
    "MinorGCTime",
    "MajorGCCount",
    "MajorGCTime",
    "TotalGCTime",
    "ConcurrentGCCount",
    "ConcurrentGCTime",
];

/// Spark's executor metrics with the Python process tree's memory; the JVM's are 0.
fn executor_metrics(memory: ProcessMemory) -> Value {
    let mut metrics = Map::new();
    for name in EXECUTOR_METRICS {
        let value = match name {
            "ProcessTreePythonVMemory" => memory.virtual_size,
            "ProcessTreePythonRSSMemory" => memory.rss,
            _ => 0,
        };
        metrics.insert(name.to_string(), json!(value));
    }
    Value::Object(metrics)
}

/// An executor's id: `driver` for the shell's process, the pid for a worker process.
fn executor_id(executor: Option<u32>) -> String {
    executor.map_or_else(|| "driver".to_string(), |pid| pid.to_string())
}

/// The run metrics a task and a stage both report (Spark's `TaskMetrics` and the
/// stage's sums of them): the run time, and 0 for what Ember does not measure (no JVM:
/// no deserialization, GC or result serialization; no CPU time or peak memory per task).
fn run_metrics(run_time_ms: u64) -> Map<String, Value> {
    let mut metrics = Map::new();
    for name in ["executorDeserializeTime", "executorDeserializeCpuTime", "executorRunTime", "executorCpuTime", "resultSize", "jvmGcTime", "resultSerializationTime", "memoryBytesSpilled", "diskBytesSpilled", "peakExecutionMemory"] {
        metrics.insert(name.to_string(), json!(if name == "executorRunTime" { run_time_ms } else { 0 }));
    }
    metrics
}

/// A task (Spark's `TaskData`); its metrics are its run time and, for its stage's
/// tasks together, the input bytes are on the stage.
pub fn task(task: &TaskInfo) -> Value {
    let run_time = task.duration.map(ms).unwrap_or(0);
    let mut value = json!({
        "taskId": task.task_id,
        "index": task.index,
        "attempt": 0,
        "partitionId": task.index,
        "launchTime": time_text(task.launch_time),
        "executorId": executor_id(task.executor),
        "host": "localhost",
        "status": task.status.name(),
        "taskLocality": "PROCESS_LOCAL",
        "speculative": false,
        "accumulatorUpdates": [],
        "executorLogs": {},
        "schedulerDelay": 0,
        "gettingResultTime": 0,
    });
    if let Some(object) = value.as_object_mut() {
        if let Some(duration) = task.duration {
            object.insert("duration".into(), json!(ms(duration)));
            let mut metrics = run_metrics(run_time);
            let io = json!({
                "inputMetrics": {"bytesRead": 0, "recordsRead": 0},
                "outputMetrics": {"bytesWritten": 0, "recordsWritten": 0},
                "shuffleReadMetrics": {
                    "remoteBlocksFetched": 0, "localBlocksFetched": 0, "fetchWaitTime": 0, "remoteBytesRead": 0,
                    "remoteBytesReadToDisk": 0, "localBytesRead": 0, "recordsRead": 0, "remoteReqsDuration": 0,
                    "shufflePushReadMetrics": {
                        "corruptMergedBlockChunks": 0, "mergedFetchFallbackCount": 0, "remoteMergedBlocksFetched": 0,
                        "localMergedBlocksFetched": 0, "remoteMergedChunksFetched": 0, "localMergedChunksFetched": 0,
                        "remoteMergedBytesRead": 0, "localMergedBytesRead": 0, "remoteMergedReqsDuration": 0,
                    },
                },
                "shuffleWriteMetrics": {"bytesWritten": 0, "writeTime": 0, "recordsWritten": 0},
            });
            if let Value::Object(io) = io {
                metrics.extend(io);
            }
            object.insert("taskMetrics".into(), Value::Object(metrics));
        }
    }
    value
}

/// `/stages` and `/stages/{id}` (Spark's `StageData`, attempt 0); `details` adds the
/// tasks and the per-executor summary, as `/stages/{id}` does.
pub fn stage(stage: &StageInfo, job: Option<&JobInfo>, details: bool) -> Value {
    let status = stage_status(stage, job);
    let mut value = json!({
        "status": status,
        "stageId": stage.stage_id,
        "attemptId": 0,
        "numTasks": stage.num_tasks,
        "numActiveTasks": stage.running,
        "numCompleteTasks": stage.completed,
        "numFailedTasks": stage.failed,
        "numKilledTasks": stage.killed,
        "numCompletedIndices": stage.completed,
        "inputBytes": stage.bytes_read,
        "inputRecords": 0,
        "outputBytes": 0,
        "outputRecords": 0,
        "shuffleRemoteBlocksFetched": 0,
        "shuffleLocalBlocksFetched": 0,
        "shuffleFetchWaitTime": 0,
        "shuffleRemoteBytesRead": 0,
        "shuffleRemoteBytesReadToDisk": 0,
        "shuffleLocalBytesRead": 0,
        "shuffleReadBytes": 0,
        "shuffleReadRecords": 0,
        "shuffleCorruptMergedBlockChunks": 0,
        "shuffleMergedFetchFallbackCount": 0,
        "shuffleMergedRemoteBlocksFetched": 0,
        "shuffleMergedLocalBlocksFetched": 0,
        "shuffleMergedRemoteChunksFetched": 0,
        "shuffleMergedLocalChunksFetched": 0,
        "shuffleMergedRemoteBytesRead": 0,
        "shuffleMergedLocalBytesRead": 0,
        "shuffleRemoteReqsDuration": 0,
        "shuffleMergedRemoteReqsDuration": 0,
        "shuffleWriteBytes": 0,
        "shuffleWriteTime": 0,
        "shuffleWriteRecords": 0,
        "name": stage.name,
        "details": stage.name,
        "schedulingPool": "default",
        "rddIds": [],
        "accumulatorUpdates": [],
        "killedTasksSummary": killed_summary(stage.killed),
        "resourceProfileId": 0,
        "isShufflePushEnabled": false,
        "shuffleMergersCount": 0,
    });
    let Some(object) = value.as_object_mut() else { return value };
    object.extend(run_metrics(ms(stage.run_time)));
    if let Some(description) = job.and_then(|j| j.properties.description.as_ref()) {
        object.insert("description".into(), json!(description));
    }
    if status != "SKIPPED" {
        if let Some(submitted) = stage.submission_time {
            object.insert("submissionTime".into(), json!(time_text(submitted)));
            object.insert("firstTaskLaunchedTime".into(), json!(time_text(submitted)));
        }
        if let Some(completed) = stage.completion_time {
            object.insert("completionTime".into(), json!(time_text(completed)));
        }
        object.insert("peakExecutorMetrics".into(), executor_metrics(ProcessMemory::default()));
    }
    if details {
        let tasks: Map<String, Value> = stage.tasks.iter().map(|t| (t.task_id.to_string(), task(t))).collect();
        object.insert("tasks".into(), Value::Object(tasks));
        let mut summary: std::collections::BTreeMap<String, (u64, usize, usize, usize)> = Default::default();
        for t in stage.tasks.iter() {
            let entry = summary.entry(executor_id(t.executor)).or_default();
            entry.0 += t.duration.map(ms).unwrap_or(0);
            match t.status {
                TaskStatus::Success => entry.1 += 1,
                TaskStatus::Failed => entry.2 += 1,
                TaskStatus::Killed => entry.3 += 1,
                TaskStatus::Running => {}
            }
        }
        let summary: Map<String, Value> = summary
            .into_iter()
            .map(|(id, (task_time, succeeded, failed, killed))| {
                (
                    id,
                    json!({
                        "taskTime": task_time, "failedTasks": failed, "succeededTasks": succeeded, "killedTasks": killed,
                        "inputBytes": 0, "inputRecords": 0, "outputBytes": 0, "outputRecords": 0,
                        "shuffleRead": 0, "shuffleReadRecords": 0, "shuffleWrite": 0, "shuffleWriteRecords": 0,
                        "memoryBytesSpilled": 0, "diskBytesSpilled": 0, "isBlacklistedForStage": false,
                        "peakMemoryMetrics": executor_metrics(ProcessMemory::default()), "isExcludedForStage": false,
                    }),
                )
            })
            .collect();
        object.insert("executorSummary".into(), Value::Object(summary));
    }
    value
}

/// `/stages`: newest first, filtered by `?status=` (`active`, `complete`, `pending`,
/// `failed`, `skipped`).
pub fn stages(jobs: &[JobInfo], stages: &[StageInfo], status: &[String], details: bool) -> Value {
    Value::Array(
        stages
            .iter()
            .rev()
            .map(|s| (s, jobs.iter().find(|j| j.job_id == s.job_id)))
            .filter(|(s, job)| status.is_empty() || status.iter().any(|wanted| wanted.eq_ignore_ascii_case(stage_status(s, *job))))
            .map(|(s, job)| stage(s, job, details))
            .collect(),
    )
}

/// A plan's operators in preorder, with Spark's node ids, and the edges from each child
/// to its parent (Spark's `SparkPlanGraph` in `/sql`).
fn plan_graph(root: &PlanNode) -> (Vec<Value>, Vec<Value>) {
    fn visit(node: &PlanNode, parent: Option<usize>, nodes: &mut Vec<Value>, edges: &mut Vec<Value>) {
        let id = nodes.len();
        let metrics: Vec<Value> = node.metrics.iter().map(|(name, value)| json!({"name": name, "value": value})).collect();
        nodes.push(json!({"nodeId": id, "nodeName": node.name, "metrics": metrics, "desc": node.description}));
        if let Some(parent) = parent {
            edges.push(json!({"fromId": id, "toId": parent}));
        }
        for child in &node.children {
            visit(child, Some(id), nodes, edges);
        }
    }
    let (mut nodes, mut edges) = (Vec::new(), Vec::new());
    visit(root, None, &mut nodes, &mut edges);
    (nodes, edges)
}

/// `/sql` and `/sql/{id}` (Spark's `ExecutionData`): a query, the job it ran as, and
/// with `details` its operators and their metrics.
pub fn execution(query: &QueryInfo, jobs: &[JobInfo], details: bool) -> Value {
    let job = jobs.iter().find(|j| j.job_id == query.job_id);
    let status = match job.map(|j| j.status) {
        Some(JobStatus::Running) => "RUNNING",
        Some(JobStatus::Failed) => "FAILED",
        _ => "COMPLETED",
    };
    let job_ids = |wanted: JobStatus| -> Vec<usize> { job.filter(|j| j.status == wanted).map(|j| j.job_id).into_iter().collect() };
    let submitted = job.map(|j| j.submission_time).unwrap_or_else(SystemTime::now);
    let ended = job.and_then(|j| j.completion_time).unwrap_or_else(SystemTime::now);
    let description = job.map(|j| j.properties.description.clone().unwrap_or_else(|| j.properties.call_site.clone())).unwrap_or_default();
    let (nodes, edges) = if details { plan_graph(&query.plan) } else { (Vec::new(), Vec::new()) };
    json!({
        "id": query.execution_id,
        "status": status,
        "description": description,
        "planDescription": query.plan_text,
        "submissionTime": time_text(submitted),
        "duration": ended.duration_since(submitted).map(ms).unwrap_or(0),
        "runningJobIds": job_ids(JobStatus::Running),
        "successJobIds": job_ids(JobStatus::Succeeded),
        "failedJobIds": job_ids(JobStatus::Failed),
        "nodes": nodes,
        "edges": edges,
        "queryId": job.map(|j| j.operation_id.clone()).unwrap_or_default(),
        "errorMessage": "",
        "rootExecutionId": query.execution_id,
        "modifiedConfigs": {},
    })
}

/// Ember's own view of a query's plan for the SQL page: the operator tree with each
/// operator's description, stage and metrics.
pub fn plan_tree(node: &PlanNode) -> Value {
    let metrics: Vec<Value> = node.metrics.iter().map(|(name, value)| json!({"name": name, "value": value})).collect();
    json!({
        "name": node.name,
        "description": node.description,
        "stageId": node.stage_id,
        "metrics": metrics,
        "children": node.children.iter().map(plan_tree).collect::<Vec<_>>(),
    })
}

/// What the storage page knows of the driver's cache: bytes in memory and on disk, and
/// the cached partitions (Spark's `rddBlocks`).
#[derive(Clone, Copy, Debug, Default)]
pub struct StorageTotals {
    pub memory: u64,
    pub disk: u64,
    pub blocks: usize,
}

/// `/executors` (active ones) and `/allexecutors` (Spark's `ExecutorSummary`): the
/// shell's process as `driver`, and the RDD worker processes by pid.
pub fn executors(app: &Application, workers: &[ExecutorInfo], stages: &[StageInfo], storage: StorageTotals, include_ended: bool) -> Value {
    let mut list = Vec::new();
    let driver_tasks: Vec<&TaskInfo> = stages.iter().flat_map(|s| s.tasks.iter()).filter(|t| t.executor.is_none()).collect();
    let count = |status: TaskStatus| driver_tasks.iter().filter(|t| t.status == status).count();
    let driver_time: u64 = driver_tasks.iter().filter_map(|t| t.duration).map(ms).sum();
    let input: u64 = stages.iter().map(|s| s.bytes_read).sum();
    list.push(executor_summary(
        "driver",
        true,
        app.cores,
        (count(TaskStatus::Running), count(TaskStatus::Failed), count(TaskStatus::Success), driver_time),
        input,
        storage,
        app.start_time,
        None,
        process_memory(std::process::id()),
    ));
    for worker in workers.iter().filter(|w| include_ended || w.removed.is_none()) {
        let memory = if worker.removed.is_none() { process_memory(worker.pid) } else { ProcessMemory::default() };
        list.push(executor_summary(
            &worker.pid.to_string(),
            worker.removed.is_none(),
            1,
            (worker.active_tasks, worker.failed_tasks, worker.completed_tasks, ms(worker.task_time)),
            0,
            StorageTotals::default(),
            worker.added,
            worker.removed,
            memory,
        ));
    }
    Value::Array(list)
}

#[allow(clippy::too_many_arguments)]
fn executor_summary(
    id: &str,
    active: bool,
    cores: usize,
    (active_tasks, failed, completed, duration): (usize, usize, usize, u64),
    input: u64,
    storage: StorageTotals,
    added: SystemTime,
    removed: Option<SystemTime>,
    memory: ProcessMemory,
) -> Value {
    let mut value = json!({
        "id": id,
        "hostPort": "localhost",
        "isActive": active,
        "rddBlocks": storage.blocks,
        "memoryUsed": storage.memory,
        "diskUsed": storage.disk,
        "totalCores": cores,
        "maxTasks": cores,
        "activeTasks": active_tasks,
        "failedTasks": failed,
        "completedTasks": completed,
        "totalTasks": active_tasks + failed + completed,
        "totalDuration": duration,
        "totalGCTime": 0,
        "totalInputBytes": input,
        "totalShuffleRead": 0,
        "totalShuffleWrite": 0,
        "isBlacklisted": false,
        "maxMemory": 0,
        "addTime": time_text(added),
        "executorLogs": {},
        "memoryMetrics": {
            "usedOnHeapStorageMemory": storage.memory,
            "usedOffHeapStorageMemory": 0,
            "totalOnHeapStorageMemory": 0,
            "totalOffHeapStorageMemory": 0,
        },
        "blacklistedInStages": [],
        "peakMemoryMetrics": executor_metrics(memory),
        "attributes": {},
        "resources": {},
        "resourceProfileId": 0,
        "isExcluded": false,
        "excludedInStages": [],
    });
    if let (Some(object), Some(removed)) = (value.as_object_mut(), removed) {
        object.insert("removeTime".into(), json!(time_text(removed)));
        object.insert("removeReason".into(), json!("the worker process exited"));
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jobs::{JobProperties, Jobs};

    fn keys(value: &Value) -> std::collections::BTreeSet<String> {
        value.as_object().map(|o| o.keys().cloned().collect()).unwrap_or_default()
    }

    #[test]
    fn times_are_sparks_text() {
        let time = SystemTime::UNIX_EPOCH + Duration::from_millis(1_796_519_215_184);
        assert_eq!(time_text(time), "2026-12-06T01:06:55.184GMT");
    }

    #[test]
    fn a_job_and_its_stages_have_sparks_fields_and_counts() {
        let registry = Jobs::default();
        let handle = registry.start_job_with(JobProperties { group: Some("g1".into()), description: Some("a described job".into()), call_site: "collect at <stdin>:1".into(), ..Default::default() });
        let first = registry.add_stage(handle.job_id, 2);
        let second = registry.add_stage(handle.job_id, 1);
        let unused = registry.add_stage(handle.job_id, 3);
        for index in 0..2 {
            let task = registry.task_started(first, index, None);
            registry.task_ended(first, task, TaskStatus::Success);
        }
        let running = registry.task_started(second, 0, None);
        let jobs = registry.jobs();
        let stages = registry.stages();
        let value = job(&jobs[0], &stages);
        assert_eq!(value["status"], "RUNNING");
        assert_eq!((value["numTasks"].as_u64(), value["numCompletedTasks"].as_u64(), value["numActiveTasks"].as_u64()), (Some(6), Some(2), Some(1)));
        assert_eq!((value["numActiveStages"].as_u64(), value["numCompletedStages"].as_u64()), (Some(1), Some(1)));
        assert_eq!((value["jobGroup"].as_str(), value["description"].as_str()), (Some("g1"), Some("a described job")));
        assert!(value.get("completionTime").is_none(), "a running job has no completion time");
        registry.task_ended(second, running, TaskStatus::Success);
        registry.stage_done(unused);
        registry.finish_job(handle.job_id, true);
        let jobs = registry.jobs();
        let stages = registry.stages();
        let value = job(&jobs[0], &stages);
        assert_eq!((value["numCompletedStages"].as_u64(), value["numSkippedStages"].as_u64(), value["numSkippedTasks"].as_u64()), (Some(2), Some(1), Some(3)));
        assert!(value.get("completionTime").is_some());
        let listed = super::stages(&jobs, &stages, &["skipped".to_string()], false);
        assert_eq!(listed.as_array().map(|a| a.len()), Some(1));
        assert_eq!(listed[0]["stageId"].as_u64(), Some(unused as u64));
        assert!(listed[0].get("submissionTime").is_none(), "a skipped stage has no times");
        let detailed = stage(stages.iter().find(|s| s.stage_id == first).unwrap(), Some(&jobs[0]), true);
        assert_eq!(detailed["tasks"].as_object().map(|t| t.len()), Some(2));
        assert_eq!(detailed["executorSummary"]["driver"]["succeededTasks"].as_u64(), Some(2));
        assert!(keys(&detailed).is_superset(&keys(&listed[0])));
    }

    #[test]
    fn a_query_is_an_execution_with_its_plan_as_nodes_and_edges() {
        let plan = PlanNode {
            name: "ProjectionExec".into(),
            description: "ProjectionExec: expr=[a]".into(),
            stage_id: Some(1),
            metrics: vec![("output_rows".into(), "3".into())],
            children: vec![PlanNode { name: "DataSourceExec".into(), ..Default::default() }],
        };
        let query = QueryInfo { execution_id: 4, job_id: 9, plan_text: "ProjectionExec: expr=[a]\n".into(), plan };
        let value = execution(&query, &[], true);
        assert_eq!(value["nodes"][0]["metrics"][0], json!({"name": "output_rows", "value": "3"}));
        assert_eq!(value["edges"], json!([{"fromId": 1, "toId": 0}]));
        assert_eq!(value["id"], 4);
    }
}
