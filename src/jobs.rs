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
use std::time::{Duration, Instant};

/// How many finished jobs (and their stages) are kept (`spark.ui.retainedJobs`).
const RETAINED_JOBS: usize = 1000;

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
    jobs: Vec<Job>,
    stages: Vec<StageInfo>,
}

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
        let info = JobInfo { job_id, operation_id: handle.operation_id.clone(), stage_ids: Vec::new(), status: JobStatus::Running, properties };
        state.jobs.push(Job { info, handle: handle.clone(), last_report: None });
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
        state.stages.push(StageInfo { stage_id, job_id, name, num_tasks, completed: 0, running: 0, failed: 0, bytes_read: 0, submitted: None, done: false });
        stage_id
    }

    fn update_stage(&self, stage_id: usize, change: impl FnOnce(&mut StageInfo)) {
        let mut state = self.state();
        if let Some(stage) = state.stages.iter_mut().rev().find(|s| s.stage_id == stage_id) {
            change(stage);
        }
    }

    /// A task of the stage started (the stage is submitted with its first task).
    pub fn task_started(&self, stage_id: usize) {
        self.update_stage(stage_id, |s| {
            s.submitted.get_or_insert_with(Instant::now);
            s.running += 1;
        });
    }

    /// A task of the stage ended: it completed, or it failed. The stage is done when
    /// all its tasks have ended.
    pub fn task_ended(&self, stage_id: usize, completed: bool) {
        self.update_stage(stage_id, |s| {
            s.running = s.running.saturating_sub(1);
            if completed {
                s.completed += 1;
            } else {
                s.failed += 1;
            }
            if s.completed + s.failed >= s.num_tasks {
                s.done = true;
            }
        });
    }

    /// A task stopped without finishing (its output was no longer needed).
    pub fn task_dropped(&self, stage_id: usize) {
        self.update_stage(stage_id, |s| s.running = s.running.saturating_sub(1));
    }

    /// Adds input bytes read by a task of the stage.
    pub fn bytes_read(&self, stage_id: usize, bytes: u64) {
        self.update_stage(stage_id, |s| s.bytes_read += bytes);
    }

    /// Sets a stage's progress as a remote server reported it (Spark Connect's
    /// `ExecutionProgress`).
    pub fn set_stage(&self, stage_id: usize, num_tasks: usize, completed: usize, running: usize, bytes_read: u64, done: bool) {
        self.update_stage(stage_id, |s| {
            s.submitted.get_or_insert_with(Instant::now);
            s.num_tasks = num_tasks;
            s.completed = completed;
            s.running = running;
            s.bytes_read = bytes_read;
            s.done = done;
        });
    }

    /// The stage has finished.
    pub fn stage_done(&self, stage_id: usize) {
        self.update_stage(stage_id, |s| {
            s.running = 0;
            s.done = true;
        });
    }

    /// The job has ended; its stages are done. The listener is told.
    pub fn finish_job(&self, job_id: usize, succeeded: bool) {
        {
            let mut state = self.state();
            if let Some(job) = state.jobs.iter_mut().find(|j| j.info.job_id == job_id) {
                job.info.status = if succeeded { JobStatus::Succeeded } else { JobStatus::Failed };
            }
            for stage in state.stages.iter_mut().filter(|s| s.job_id == job_id) {
                stage.running = 0;
                stage.done = true;
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
        jobs.task_started(a);
        jobs.task_started(a);
        jobs.task_ended(a, true);
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
