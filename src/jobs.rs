//! The session's jobs, stages and tasks, fed by both engines: Spark's `AppStatusStore`
//! as `SparkStatusTracker`, the console progress bar and progress handlers read it.
//!
//! An action is a job with an operation id (Spark Connect's), the calling thread's job
//! group, description and tags (`sc.setJobGroup`, `spark.addTag`), and a cancel flag that
//! `cancelJobGroup`, `interruptTag` and the like set. Job and stage ids count up within the
//! process, which holds one SparkContext, as in Spark.
use std::collections::BTreeSet;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant, SystemTime};

/// How many finished jobs (and their stages) are kept (`spark.ui.retainedJobs`).
const RETAINED_JOBS: usize = 1000;

/// How many tasks a stage keeps a record of (Spark's UI keeps `spark.ui.retainedTasks`,
/// 100,000, per stage).
const RETAINED_TASKS: usize = 10_000;

/// How a task ended (Spark's `TaskState` names in the REST API).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TaskStatus {
    Running,
    Success,
    Failed,
    /// It stopped before its end: its consumer needed no more rows (a limit), or its job
    /// was cancelled.
    Killed,
}

impl TaskStatus {
    pub fn name(self) -> &'static str {
        match self {
            TaskStatus::Running => "RUNNING",
            TaskStatus::Success => "SUCCESS",
            TaskStatus::Failed => "FAILED",
            TaskStatus::Killed => "KILLED",
        }
    }
}

/// One task of a stage (Spark's `TaskData`).
#[derive(Clone, Debug, PartialEq)]
pub struct TaskInfo {
    /// Counts up within the process, as Spark's task ids do within an application.
    pub task_id: usize,
    /// The partition the task computes.
    pub index: usize,
    pub launch_time: SystemTime,
    launched: Instant,
    pub duration: Option<Duration>,
    pub status: TaskStatus,
    /// The RDD worker process that ran it; None for the shell's own process.
    pub executor: Option<u32>,
}

/// A stage's progress (Spark's `SparkStageInfo` and Spark Connect's `StageInfo`).
#[derive(Clone, Debug, PartialEq)]
pub struct StageInfo {
    pub stage_id: usize,
    pub job_id: usize,
    /// Spark's stage name: the action and the user's call site, `collect at <stdin>:3`.
    pub name: String,
    pub num_tasks: usize,
    pub completed: usize,
    pub running: usize,
    pub failed: usize,
    /// Input bytes read by the stage's tasks.
    pub bytes_read: u64,
    /// When the first task started; a stage is active from then until it is done.
    pub submitted: Option<Instant>,
    pub done: bool,
    /// The wall-clock times of the first task's start and the stage's end (Spark's
    /// `submissionTime` and `completionTime`).
    pub submission_time: Option<SystemTime>,
    pub completion_time: Option<SystemTime>,
    /// The sum of the ended tasks' run times (Spark's `executorRunTime`).
    pub run_time: Duration,
    /// Tasks that stopped before their end.
    pub killed: usize,
    /// The first `RETAINED_TASKS` tasks, shared with the copies the status tracker and
    /// the progress bar take (a copy of a stage does not copy its tasks).
    pub tasks: Arc<Vec<TaskInfo>>,
}

impl StageInfo {
    /// A stage of `num_tasks` tasks that has not started.
    pub fn new(stage_id: usize, job_id: usize, name: String, num_tasks: usize) -> Self {
        StageInfo {
            stage_id,
            job_id,
            name,
            num_tasks,
            completed: 0,
            running: 0,
            failed: 0,
            bytes_read: 0,
            submitted: None,
            done: false,
            submission_time: None,
            completion_time: None,
            run_time: Duration::ZERO,
            killed: 0,
            tasks: Arc::default(),
        }
    }

    fn end(&mut self) {
        self.running = 0;
        if !self.done {
            self.done = true;
            self.completion_time = Some(SystemTime::now());
        }
    }
}

/// Spark's `JobExecutionStatus`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JobStatus {
    Running,
    Succeeded,
    Failed,
}

impl JobStatus {
    /// The name PySpark's `SparkJobInfo.status` shows.
    pub fn name(self) -> &'static str {
        match self {
            JobStatus::Running => "RUNNING",
            JobStatus::Succeeded => "SUCCEEDED",
            JobStatus::Failed => "FAILED",
        }
    }
}

/// The properties a job is started with: the calling thread's (Spark's local properties).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct JobProperties {
    pub group: Option<String>,
    pub description: Option<String>,
    pub tags: BTreeSet<String>,
    /// The action and the user's call site (`count at <stdin>:3`).
    pub call_site: String,
}

/// A job as the status tracker shows it.
#[derive(Clone, Debug)]
pub struct JobInfo {
    pub job_id: usize,
    pub operation_id: String,
    pub stage_ids: Vec<usize>,
    pub status: JobStatus,
    pub properties: JobProperties,
    /// When the job was submitted and when it ended (Spark's `submissionTime` and
    /// `completionTime`).
    pub submission_time: SystemTime,
    pub completion_time: Option<SystemTime>,
}

/// One operator of a query's physical plan with its metrics, as the web UI's SQL page
/// draws it (Spark's `SparkPlanGraphNode`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PlanNode {
    /// The operator's name (`HashJoinExec`).
    pub name: String,
    /// Its one-line description (`HashJoinExec: mode=Partitioned, join_type=Inner, ...`).
    pub description: String,
    /// The stage the operator runs in, where the engine cuts stages.
    pub stage_id: Option<usize>,
    /// The operator's metrics by name (`output_rows`, `elapsed_compute`, `spill_count`),
    /// summed over its partitions, as text with units.
    pub metrics: Vec<(String, String)>,
    pub children: Vec<PlanNode>,
}

/// A running query's plan, read again each time it is asked for, so that its metrics
/// are live while it runs.
pub trait PlanView: Send + Sync {
    fn snapshot(&self) -> PlanNode;
}

/// A plan as a job keeps it: live while the job runs, a snapshot once it has ended.
#[derive(Clone)]
enum PlanState {
    Live(Arc<dyn PlanView>),
    Ended(PlanNode),
}

impl PlanState {
    fn node(&self) -> PlanNode {
        match self {
            PlanState::Live(view) => view.snapshot(),
            PlanState::Ended(node) => node.clone(),
        }
    }
}

/// A query a job ran (Spark's SQL execution): its plan as text and as a tree.
#[derive(Clone, Debug, PartialEq)]
pub struct QueryInfo {
    /// Counts up within the process (Spark's SQL execution id).
    pub execution_id: usize,
    pub job_id: usize,
    /// The physical plan as indented text (Spark's `planDescription`).
    pub plan_text: String,
    pub plan: PlanNode,
}

/// A process that runs tasks (Spark's executor): the shell's own process, or an RDD
/// worker process.
#[derive(Clone, Debug, PartialEq)]
pub struct ExecutorInfo {
    pub pid: u32,
    pub added: SystemTime,
    pub removed: Option<SystemTime>,
    pub active_tasks: usize,
    pub completed_tasks: usize,
    pub failed_tasks: usize,
    /// The sum of its tasks' run times.
    pub task_time: Duration,
}

/// A running job: what its engine needs to report progress and to notice a cancel.
#[derive(Clone, Debug)]
pub struct JobHandle {
    pub job_id: usize,
    pub operation_id: String,
    cancelled: Arc<Mutex<Option<String>>>,
    cancel_flag: Arc<AtomicBool>,
}

impl JobHandle {
    /// Why the job was cancelled, once it was.
    pub fn cancelled(&self) -> Option<String> {
        if !self.cancel_flag.load(Ordering::SeqCst) {
            return None;
        }
        self.cancelled.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }
}

struct Job {
    info: JobInfo,
    handle: JobHandle,
    last_report: Option<Instant>,
    /// The physical plans the job ran: their execution ids, texts and operators.
    plans: Vec<(usize, String, PlanState)>,
}

/// Something told when a job ends (the console progress bar clears itself).
pub trait JobListener: Send + Sync {
    fn job_ended(&self);
}

/// Something given a job's stages while it runs and once when it is done (Spark
/// Connect's progress handlers).
pub trait ProgressReporter: Send + Sync {
    /// Whether there is anyone to report to.
    fn wanted(&self) -> bool;
    fn report(&self, job: &JobHandle, stages: &[StageInfo], done: bool);
}

#[derive(Default)]
struct State {
    next_job: usize,
    next_stage: usize,
    next_task: usize,
    next_execution: usize,
    jobs: Vec<Job>,
    stages: Vec<StageInfo>,
    executors: Vec<ExecutorInfo>,
}

/// How many ended worker processes are kept for the executors page.
const RETAINED_EXECUTORS: usize = 100;

/// The session's jobs and stages.
#[derive(Default)]
pub struct Jobs {
    state: Mutex<State>,
    listener: Mutex<Option<Arc<dyn JobListener>>>,
    reporter: Mutex<Option<(Arc<dyn ProgressReporter>, Duration)>>,
}

/// The process's registry (one SparkContext per process, as in Spark).
pub fn registry() -> &'static Jobs {
    static JOBS: OnceLock<Jobs> = OnceLock::new();
    JOBS.get_or_init(Jobs::default)
}

impl Jobs {
    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Sets what is told when a job ends.
    pub fn set_listener(&self, listener: Option<Arc<dyn JobListener>>) {
        *self.listener.lock().unwrap_or_else(|p| p.into_inner()) = listener;
    }

    /// Sets who is given the progress of running jobs, at most once per `interval`.
    pub fn set_reporter(&self, reporter: Option<Arc<dyn ProgressReporter>>, interval: Duration) {
        *self.reporter.lock().unwrap_or_else(|p| p.into_inner()) = reporter.map(|r| (r, interval));
    }

    /// Gives the job's stages to the reporter: while it runs (when the interval has passed
    /// since the last report), and once with `done` at its end. Called by the thread that
    /// waits for the job.
    pub fn report(&self, job: &JobHandle, done: bool) {
        let Some((reporter, interval)) = self.reporter.lock().unwrap_or_else(|p| p.into_inner()).clone() else { return };
        if !reporter.wanted() {
            return;
        }
        let stages = {
            let mut state = self.state();
            let Some(entry) = state.jobs.iter_mut().find(|j| j.info.job_id == job.job_id) else { return };
            let now = Instant::now();
            if !done && entry.last_report.is_some_and(|last| now.duration_since(last) < interval) {
                return;
            }
            entry.last_report = Some(now);
            state.stages.iter().filter(|s| s.job_id == job.job_id).cloned().collect::<Vec<_>>()
        };
        reporter.report(job, &stages, done);
    }

    /// Starts a job with the given properties.
    pub fn start_job_with(&self, properties: JobProperties) -> JobHandle {
        let mut state = self.state();
        let job_id = state.next_job;
        state.next_job += 1;
        let handle = JobHandle { job_id, operation_id: operation_id(), cancelled: Arc::default(), cancel_flag: Arc::default() };
        let info = JobInfo {
            job_id,
            operation_id: handle.operation_id.clone(),
            stage_ids: Vec::new(),
            status: JobStatus::Running,
            properties,
            submission_time: SystemTime::now(),
            completion_time: None,
        };
        state.jobs.push(Job { info, handle: handle.clone(), last_report: None, plans: Vec::new() });
        if state.jobs.len() > RETAINED_JOBS {
            let oldest = state.jobs.iter().position(|j| j.info.status != JobStatus::Running);
            if let Some(oldest) = oldest {
                let removed = state.jobs.remove(oldest);
                state.stages.retain(|s| s.job_id != removed.info.job_id);
            }
        }
        handle
    }

    /// Adds a stage of `num_tasks` tasks to a job; returns its id.
    pub fn add_stage(&self, job_id: usize, num_tasks: usize) -> usize {
        let mut state = self.state();
        let stage_id = state.next_stage;
        state.next_stage += 1;
        let name = state.jobs.iter().find(|j| j.info.job_id == job_id).map(|j| j.info.properties.call_site.clone()).unwrap_or_default();
        if let Some(job) = state.jobs.iter_mut().find(|j| j.info.job_id == job_id) {
            job.info.stage_ids.push(stage_id);
        }
        state.stages.push(StageInfo::new(stage_id, job_id, name, num_tasks));
        stage_id
    }

    fn update_stage(&self, stage_id: usize, change: impl FnOnce(&mut StageInfo)) {
        let mut state = self.state();
        if let Some(stage) = state.stages.iter_mut().rev().find(|s| s.stage_id == stage_id) {
            change(stage);
        }
    }

    /// A task of the stage started, computing partition `index` on the worker process
    /// `executor` (None: in the shell's process); the stage is submitted with its first
    /// task. Returns the task's id, for `task_ended`.
    pub fn task_started(&self, stage_id: usize, index: usize, executor: Option<u32>) -> usize {
        let mut state = self.state();
        let task_id = state.next_task;
        state.next_task += 1;
        if let Some(stage) = state.stages.iter_mut().rev().find(|s| s.stage_id == stage_id) {
            if stage.submitted.is_none() {
                stage.submitted = Some(Instant::now());
                stage.submission_time = Some(SystemTime::now());
            }
            stage.running += 1;
            if stage.tasks.len() < RETAINED_TASKS {
                Arc::make_mut(&mut stage.tasks).push(TaskInfo { task_id, index, launch_time: SystemTime::now(), launched: Instant::now(), duration: None, status: TaskStatus::Running, executor });
            }
        }
        if let Some(pid) = executor {
            if let Some(worker) = state.executors.iter_mut().rev().find(|e| e.pid == pid && e.removed.is_none()) {
                worker.active_tasks += 1;
            }
        }
        task_id
    }

    /// Task `task_id` of the stage ended with `status` (not `Running`). A task that
    /// ends completed or failed counts to the stage's end; the stage is done when all
    /// its tasks have.
    pub fn task_ended(&self, stage_id: usize, task_id: usize, status: TaskStatus) {
        let mut state = self.state();
        let Some(stage) = state.stages.iter_mut().rev().find(|s| s.stage_id == stage_id) else { return };
        stage.running = stage.running.saturating_sub(1);
        match status {
            TaskStatus::Success => stage.completed += 1,
            TaskStatus::Failed => stage.failed += 1,
            TaskStatus::Killed | TaskStatus::Running => stage.killed += 1,
        }
        let mut ran = (None, Duration::ZERO);
        if let Some(task) = Arc::make_mut(&mut stage.tasks).iter_mut().rev().find(|t| t.task_id == task_id) {
            let duration = task.launched.elapsed();
            task.duration = Some(duration);
            task.status = status;
            ran = (task.executor, duration);
        }
        stage.run_time += ran.1;
        if stage.completed + stage.failed >= stage.num_tasks {
            stage.end();
        }
        if let (Some(pid), duration) = ran {
            if let Some(worker) = state.executors.iter_mut().rev().find(|e| e.pid == pid && e.removed.is_none()) {
                worker.active_tasks = worker.active_tasks.saturating_sub(1);
                match status {
                    TaskStatus::Success => worker.completed_tasks += 1,
                    _ => worker.failed_tasks += 1,
                }
                worker.task_time += duration;
            }
        }
    }

    /// Adds input bytes read by a task of the stage.
    pub fn bytes_read(&self, stage_id: usize, bytes: u64) {
        self.update_stage(stage_id, |s| s.bytes_read += bytes);
    }

    /// Sets a stage's progress as a remote server reported it (Spark Connect's
    /// `ExecutionProgress`).
    pub fn set_stage(&self, stage_id: usize, num_tasks: usize, completed: usize, running: usize, bytes_read: u64, done: bool) {
        self.update_stage(stage_id, |s| {
            if s.submitted.is_none() {
                s.submitted = Some(Instant::now());
                s.submission_time = Some(SystemTime::now());
            }
            s.num_tasks = num_tasks;
            s.completed = completed;
            s.running = running;
            s.bytes_read = bytes_read;
            if done {
                s.end();
            }
        });
    }

    /// The stage has finished.
    pub fn stage_done(&self, stage_id: usize) {
        self.update_stage(stage_id, StageInfo::end);
    }

    /// Records a physical plan that job `job_id` runs, with its text; `view` gives its
    /// operators' metrics while the job runs, and once more when it ends.
    pub fn add_plan(&self, job_id: usize, plan_text: String, view: Arc<dyn PlanView>) {
        let mut state = self.state();
        let execution_id = state.next_execution;
        if let Some(job) = state.jobs.iter_mut().find(|j| j.info.job_id == job_id) {
            job.plans.push((execution_id, plan_text, PlanState::Live(view)));
            state.next_execution += 1;
        }
    }

    /// The queries of the retained jobs, oldest first; a job that ran several plans (a
    /// cache filled first) gives one each.
    pub fn queries(&self) -> Vec<QueryInfo> {
        let plans: Vec<(usize, usize, String, PlanState)> =
            self.state().jobs.iter().flat_map(|j| j.plans.iter().map(|(id, text, plan)| (*id, j.info.job_id, text.clone(), plan.clone()))).collect();
        // Live plans are read outside the lock: reading metrics walks the whole plan.
        plans.into_iter().map(|(execution_id, job_id, plan_text, plan)| QueryInfo { execution_id, job_id, plan_text, plan: plan.node() }).collect()
    }

    /// An RDD worker process (or the shell's own) started; it runs tasks from now on.
    pub fn executor_added(&self, pid: u32) {
        let mut state = self.state();
        state.executors.push(ExecutorInfo { pid, added: SystemTime::now(), removed: None, active_tasks: 0, completed_tasks: 0, failed_tasks: 0, task_time: Duration::ZERO });
        let ended = state.executors.iter().filter(|e| e.removed.is_some()).count();
        if ended > RETAINED_EXECUTORS {
            if let Some(oldest) = state.executors.iter().position(|e| e.removed.is_some()) {
                state.executors.remove(oldest);
            }
        }
    }

    /// A worker process exited.
    pub fn executor_removed(&self, pid: u32) {
        let mut state = self.state();
        if let Some(executor) = state.executors.iter_mut().rev().find(|e| e.pid == pid && e.removed.is_none()) {
            executor.removed = Some(SystemTime::now());
            executor.active_tasks = 0;
        }
    }

    /// The worker processes, those that ended included, oldest first.
    pub fn executors(&self) -> Vec<ExecutorInfo> {
        self.state().executors.clone()
    }

    /// Every retained stage, by id.
    pub fn stages(&self) -> Vec<StageInfo> {
        self.state().stages.clone()
    }

    /// The job has ended; its stages are done. The listener is told.
    pub fn finish_job(&self, job_id: usize, succeeded: bool) {
        let live: Vec<Arc<dyn PlanView>> = {
            let mut state = self.state();
            for stage in state.stages.iter_mut().filter(|s| s.job_id == job_id) {
                stage.end();
            }
            match state.jobs.iter_mut().find(|j| j.info.job_id == job_id) {
                Some(job) => {
                    job.info.status = if succeeded { JobStatus::Succeeded } else { JobStatus::Failed };
                    job.info.completion_time = Some(SystemTime::now());
                    job.plans.iter().filter_map(|(_, _, plan)| if let PlanState::Live(view) = plan { Some(view.clone()) } else { None }).collect()
                }
                None => Vec::new(),
            }
        };
        // The plans' last metrics are kept and the plans themselves let go (they hold the
        // query's operators and their buffers).
        if !live.is_empty() {
            let mut snapshots = live.iter().map(|view| view.snapshot()).collect::<Vec<_>>().into_iter();
            let mut state = self.state();
            if let Some(job) = state.jobs.iter_mut().find(|j| j.info.job_id == job_id) {
                for (_, _, plan) in job.plans.iter_mut() {
                    if matches!(plan, PlanState::Live(_)) {
                        if let Some(node) = snapshots.next() {
                            *plan = PlanState::Ended(node);
                        }
                    }
                }
            }
        }
        let listener = self.listener.lock().unwrap_or_else(|p| p.into_inner()).clone();
        if let Some(listener) = listener {
            listener.job_ended();
        }
    }

    /// Cancels the running jobs that `matches` picks, with `reason`; returns their
    /// operation ids (Spark Connect's `interruptTag` and the like return these).
    pub fn cancel(&self, matches: impl Fn(&JobInfo) -> bool, reason: impl Fn(&JobInfo) -> String) -> Vec<String> {
        let state = self.state();
        let mut stopped = Vec::new();
        for job in state.jobs.iter().filter(|j| j.info.status == JobStatus::Running && matches(&j.info)) {
            *job.handle.cancelled.lock().unwrap_or_else(|p| p.into_inner()) = Some(reason(&job.info));
            job.handle.cancel_flag.store(true, Ordering::SeqCst);
            stopped.push(job.info.operation_id.clone());
        }
        stopped
    }

    /// Every retained job, oldest first.
    pub fn jobs(&self) -> Vec<JobInfo> {
        self.state().jobs.iter().map(|j| j.info.clone()).collect()
    }

    /// A stage by id.
    pub fn stage(&self, stage_id: usize) -> Option<StageInfo> {
        self.state().stages.iter().find(|s| s.stage_id == stage_id).cloned()
    }

    /// The stages that have started and are not done, by id.
    pub fn active_stages(&self) -> Vec<StageInfo> {
        self.state().stages.iter().filter(|s| s.submitted.is_some() && !s.done).cloned().collect()
    }
}

/// A random (version 4) UUID, as Spark Connect's operation ids are.
pub fn operation_id() -> String {
    use std::io::Read;
    let mut bytes = [0u8; 16];
    let from_os = std::fs::File::open("/dev/urandom").and_then(|mut f| f.read_exact(&mut bytes)).is_ok();
    if !from_os {
        use std::hash::{BuildHasher, Hasher};
        for (i, chunk) in bytes.chunks_mut(8).enumerate() {
            let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
            hasher.write_usize(i);
            hasher.write_u128(std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0));
            chunk.copy_from_slice(&hasher.finish().to_le_bytes());
        }
    }
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!("{}-{}-{}-{}-{}", &hex[0..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..32])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_count_up_and_a_finished_job_has_done_stages() {
        let jobs = Jobs::default();
        let first = jobs.start_job_with(JobProperties { call_site: "count at <stdin>:1".into(), ..Default::default() });
        let a = jobs.add_stage(first.job_id, 4);
        let b = jobs.add_stage(first.job_id, 2);
        assert_eq!((first.job_id, a, b), (0, 0, 1));
        let task = jobs.task_started(a, 0, None);
        jobs.task_started(a, 1, None);
        jobs.task_ended(a, task, TaskStatus::Success);
        jobs.bytes_read(a, 100);
        let stage = jobs.stage(a).unwrap();
        assert_eq!((stage.completed, stage.running, stage.bytes_read, stage.name.as_str()), (1, 1, 100, "count at <stdin>:1"));
        assert_eq!(jobs.active_stages().iter().map(|s| s.stage_id).collect::<Vec<_>>(), vec![a]);
        jobs.finish_job(first.job_id, true);
        assert!(jobs.active_stages().is_empty());
        assert_eq!(jobs.jobs()[0].status, JobStatus::Succeeded);
        assert_eq!(jobs.jobs()[0].stage_ids, vec![0, 1]);
        let second = jobs.start_job_with(JobProperties::default());
        assert_eq!(second.job_id, 1);
        assert_eq!(jobs.add_stage(second.job_id, 1), 2);
    }

    #[test]
    fn cancel_picks_running_jobs_by_their_properties() {
        let jobs = Jobs::default();
        let tagged = jobs.start_job_with(JobProperties { tags: ["etl".to_string()].into(), ..Default::default() });
        let grouped = jobs.start_job_with(JobProperties { group: Some("nightly".into()), ..Default::default() });
        let finished = jobs.start_job_with(JobProperties { tags: ["etl".to_string()].into(), ..Default::default() });
        jobs.finish_job(finished.job_id, true);
        let stopped = jobs.cancel(|j| j.properties.tags.contains("etl"), |j| format!("job {} cancelled", j.job_id));
        assert_eq!(stopped, vec![tagged.operation_id.clone()]);
        assert_eq!(tagged.cancelled().as_deref(), Some("job 0 cancelled"));
        assert_eq!(grouped.cancelled(), None);
        assert_eq!(finished.cancelled(), None);
    }

    #[test]
    fn operation_ids_are_version_4_uuids() {
        let id = operation_id();
        let pattern = regex::Regex::new("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$").unwrap();
        assert!(pattern.is_match(&id), "{id}");
        assert_ne!(id, operation_id());
    }
}
