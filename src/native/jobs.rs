//! Python's view of the jobs model (`crate::jobs`): the calling thread's job properties,
//! progress handlers, the status tracker's queries, cancelling by group, tag or operation,
//! and the console progress bar's settings.
use std::collections::BTreeSet;
use std::io::IsTerminal;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use pyo3::prelude::*;
use pyo3::types::{PyList, PyTuple};

use crate::jobs::{self, JobHandle, JobInfo, JobProperties, ProgressReporter, StageInfo};
use crate::render::progress::ConsoleProgressBar;

use super::guarded;

/// The calling thread's job properties, from `pyspark._ember_jobs.current_properties()`:
/// its job group and description (`sc.setJobGroup`), its tags (`spark.addTag`,
/// `sc.addJobTag`) and the call site of the action (`collect at <stdin>:3`).
pub fn thread_properties(py: Python<'_>) -> PyResult<JobProperties> {
    let (group, description, tags, call_site): (Option<String>, Option<String>, Vec<String>, String) =
        py.import("pyspark._ember_jobs")?.call_method0("current_properties")?.extract()?;
    Ok(JobProperties { group, description, tags: tags.into_iter().collect::<BTreeSet<_>>(), call_site })
}

/// Calls the Python hook `pyspark._ember_jobs.report(stages, inflight_tasks, operation_id,
/// done)` that runs the session's progress handlers.
struct PythonReporter {
    hook: Mutex<Option<Py<PyAny>>>,
}

impl PythonReporter {
    fn get() -> &'static Arc<PythonReporter> {
        static REPORTER: OnceLock<Arc<PythonReporter>> = OnceLock::new();
        REPORTER.get_or_init(|| Arc::new(PythonReporter { hook: Mutex::new(None) }))
    }
}

impl ProgressReporter for PythonReporter {
    fn wanted(&self) -> bool {
        self.hook.lock().map(|h| h.is_some()).unwrap_or(false)
    }

    fn report(&self, job: &JobHandle, stages: &[StageInfo], done: bool) {
        Python::attach(|py| {
            let Some(hook) = self.hook.lock().ok().and_then(|h| h.as_ref().map(|h| h.clone_ref(py))) else { return };
            let rows: Vec<(usize, usize, usize, u64, bool)> = stages.iter().map(|s| (s.stage_id, s.num_tasks, s.completed, s.bytes_read, s.done)).collect();
            let inflight: usize = stages.iter().map(|s| s.running).sum();
            if let Err(error) = hook.call1(py, (rows, inflight, job.operation_id.clone(), done)) {
                // A failing handler is reported and does not stop the job.
                error.display(py);
            }
        });
    }
}

/// Sets the hook that runs the progress handlers (None when there are none); it is called
/// at most every `interval_ms` while a job runs, and once when it ends.
#[pyfunction]
pub fn set_progress_hook(hook: Option<Py<PyAny>>, interval_ms: u64) -> PyResult<()> {
    guarded(|| {
        let reporter = PythonReporter::get();
        *reporter.hook.lock().unwrap_or_else(|p| p.into_inner()) = hook;
        jobs::registry().set_reporter(Some(reporter.clone() as Arc<dyn ProgressReporter>), Duration::from_millis(interval_ms));
        Ok(())
    })
}

/// Turns the console progress bar on (only when stderr is a terminal) or off, with its
/// refresh interval (`spark.ui.showConsoleProgress`, `spark.ui.consoleProgress.update.interval`).
/// Returns whether it is on.
#[pyfunction]
pub fn configure_progress_bar(enabled: bool, interval_ms: u64) -> PyResult<bool> {
    guarded(|| Ok({
        let on = enabled && std::io::stderr().is_terminal();
        let bar = if on { Some(ConsoleProgressBar::get()) } else { ConsoleProgressBar::existing() };
        if let Some(bar) = bar {
            bar.configure(on, Duration::from_millis(interval_ms));
        }
        on
    }))
}

fn job_tuple<'py>(py: Python<'py>, job: &JobInfo) -> PyResult<Bound<'py, PyTuple>> {
    let tags: Vec<String> = job.properties.tags.iter().cloned().collect();
    (job.job_id, job.stage_ids.clone(), job.status.name(), job.properties.group.clone(), tags, job.operation_id.clone(), job.properties.description.clone()).into_pyobject(py)
}

/// Every retained job as `(job_id, stage_ids, status, group, tags, operation_id,
/// description)`, oldest first.
#[pyfunction]
pub fn jobs_info<'py>(py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
    guarded(|| {
        let list = PyList::empty(py);
        for job in jobs::registry().jobs() {
            list.append(job_tuple(py, &job)?)?;
        }
        Ok(list)
    })
}

/// A stage as Python sees it: `(stage_id, job_id, name, num_tasks, running, completed,
/// failed, bytes_read, active, done)`.
type StageRow = (usize, usize, String, usize, usize, usize, usize, u64, bool, bool);

/// A stage as a `StageRow`, or None.
#[pyfunction]
pub fn stage_info(stage_id: usize) -> PyResult<Option<StageRow>> {
    guarded(|| Ok(jobs::registry().stage(stage_id).map(|s| (s.stage_id, s.job_id, s.name, s.num_tasks, s.running, s.completed, s.failed, s.bytes_read, s.submitted.is_some() && !s.done, s.done))))
}

/// The ids of the stages that are running.
#[pyfunction]
pub fn active_stage_ids() -> PyResult<Vec<usize>> {
    guarded(|| Ok(jobs::registry().active_stages().into_iter().map(|s| s.stage_id).collect()))
}

/// Cancels running jobs and returns their operation ids. `by` is `all`, `group`, `tag` or
/// `operation`, with `value` the group, tag or operation id; the reason
/// is Spark's (`part of cancelled job group nightly`).
#[pyfunction]
#[pyo3(signature = (by, value=None))]
pub fn cancel_jobs(by: &str, value: Option<String>) -> PyResult<Vec<String>> {
    guarded(|| {
        let value = value.unwrap_or_default();
        let registry = jobs::registry();
        let stopped = match by {
            "all" => registry.cancel(|_| true, |_| "as part of cancellation of all jobs".to_string()),
            "group" => registry.cancel(|j| j.properties.group.as_deref() == Some(value.as_str()), |_| format!("part of cancelled job group {value}")),
            "tag" => registry.cancel(|j| j.properties.tags.contains(&value), |_| format!("part of cancelled job tags {value}")),
            "operation" => registry.cancel(|j| j.operation_id == value, |j| format!("because operation {} was interrupted", j.operation_id)),
            other => return Err(pyo3::exceptions::PyValueError::new_err(format!("unknown cancel target: {other}"))),
        };
        Ok(stopped)
    })
}
