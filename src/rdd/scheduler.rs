//! Spark's `DAGScheduler` for Ember's RDDs: a job on an RDD first runs the map stage of
//! every shuffle it depends on (parents first), then one task per requested partition.
//! A task computes its partition through the narrow lineage, calling Python for each
//! `PythonRDD` on the way. Tasks of a stage run in the worker processes in parallel, or in
//! the driver one after another. Jobs, stages and task counts go to the session's jobs
//! model (`crate::jobs`), and a job stops when it is cancelled there.
use std::collections::HashSet;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Duration;

use pyo3::prelude::*;

use super::lineage::{Block, RddId, RddNode};
use crate::jobs::{self, JobHandle, JobProperties, TaskStatus};
use super::text;
use super::worker::{Call, InProcess, Output, Runner};
use super::{Execution, RddEngine, RddError, Result};

/// The blocks of each requested partition, and the accumulator updates of every task.
pub struct JobResult {
    pub partitions: Vec<Vec<Block>>,
    pub accumulators: Vec<Vec<u8>>,
}

type TaskFn<'a, T> = dyn Fn(usize, &mut dyn Runner, &mut Vec<Vec<u8>>) -> Result<T> + Sync + 'a;

impl RddEngine {
    /// Runs a job that computes `partitions` of an RDD (`SparkContext.runJob`). With
    /// `Output::Text` the RDD must be a Python RDD, whose records become text lines.
    /// The job has the calling thread's `properties` (job group, tags, call site).
    pub fn run_job(&self, id: RddId, partitions: &[usize], output: Output, properties: JobProperties) -> Result<JobResult> {
        self.jobs_run.fetch_add(1, Ordering::SeqCst);
        let job = jobs::registry().start_job_with(properties);
        let result = self.run_job_inner(id, partitions, output, &job);
        jobs::registry().finish_job(job.job_id, result.is_ok());
        jobs::registry().report(&job, true);
        result
    }

    fn run_job_inner(&self, id: RddId, partitions: &[usize], output: Output, job: &JobHandle) -> Result<JobResult> {
        let mut accumulators = Vec::new();
        self.prepare(id, job, &mut accumulators)?;
        let task = |p: usize, runner: &mut dyn Runner, accumulators: &mut Vec<Vec<u8>>| self.compute(id, p, runner, output, accumulators);
        let (partitions, more) = self.run_stage(job, partitions, &task)?;
        accumulators.extend(more);
        Ok(JobResult { partitions, accumulators })
    }

    /// `saveAsTextFile`: part-NNNNN files and `_SUCCESS` in a directory that must not exist.
    pub fn save_as_text_file(&self, id: RddId, path: &Path, properties: JobProperties) -> Result<Vec<Vec<u8>>> {
        if path.exists() {
            let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
            return Err(RddError::Invalid(format!("Output directory file:{} already exists", absolute.display())));
        }
        let count = self.rdd(id)?.partitions;
        let all: Vec<usize> = (0..count).collect();
        let result = self.run_job(id, &all, Output::Text, properties)?;
        let staging = path.with_file_name(format!(".{}.ember-staging", path.file_name().and_then(|n| n.to_str()).unwrap_or("output")));
        std::fs::create_dir_all(&staging)?;
        for (index, blocks) in result.partitions.iter().enumerate() {
            let mut bytes = Vec::new();
            for block in blocks {
                bytes.extend_from_slice(&block.bytes()?);
            }
            std::fs::write(staging.join(format!("part-{index:05}")), bytes)?;
        }
        std::fs::write(staging.join("_SUCCESS"), b"")?;
        std::fs::rename(&staging, path)?;
        Ok(result.accumulators)
    }

    /// Runs the map stage of every shuffle the RDD needs that has not run yet, parents first.
    fn prepare(&self, id: RddId, job: &JobHandle, accumulators: &mut Vec<Vec<u8>>) -> Result<()> {
        let mut pending = Vec::new();
        self.pending_shuffles(id, &mut pending, &mut HashSet::new())?;
        for shuffle in pending {
            let RddNode::Shuffled { parent, partitions: buckets, command } = self.rdd(shuffle)?.node else { continue };
            self.prepare(parent, job, accumulators)?;
            let maps: Vec<usize> = (0..self.rdd(parent)?.partitions).collect();
            // A Python parent runs in the same call as the bucketing (one pipelined map task).
            let parent_rdd = self.rdd(parent)?;
            let fused = match &parent_rdd.node {
                RddNode::MapPartitions { parent: source, command: parent_command } if !parent_rdd.cached => Some((*source, parent_command.clone())),
                _ => None,
            };
            let task = |m: usize, runner: &mut dyn Runner, accumulators: &mut Vec<Vec<u8>>| -> Result<Vec<Block>> {
                let (input, commands) = match &fused {
                    Some((source, parent_command)) => (self.compute(*source, m, runner, Output::Pickled, accumulators)?, vec![parent_command, &command]),
                    None => (self.compute(parent, m, runner, Output::Pickled, accumulators)?, vec![&command]),
                };
                let result = runner.run(Call { commands, split: m, groups: vec![input], output: Output::Buckets(buckets) })?;
                accumulators.push(result.accumulators);
                Ok(result.blocks)
            };
            let (outputs, more) = self.run_stage(job, &maps, &task)?;
            accumulators.extend(more);
            self.shuffles.lock().map_err(|_| super::poisoned())?.put(shuffle, outputs)?;
        }
        Ok(())
    }

    /// The shuffles reachable through narrow dependencies whose map outputs are missing.
    fn pending_shuffles(&self, id: RddId, pending: &mut Vec<RddId>, seen: &mut HashSet<RddId>) -> Result<()> {
        if !seen.insert(id) {
            return Ok(());
        }
        let rdd = self.rdd(id)?;
        if rdd.cached {
            let cache = self.cache.lock().map_err(|_| super::poisoned())?;
            if (0..rdd.partitions).all(|p| cache.contains_key(&(id, p))) {
                return Ok(());
            }
        }
        match rdd.node {
            RddNode::Shuffled { .. } => {
                if !self.shuffles.lock().map_err(|_| super::poisoned())?.contains(id) {
                    pending.push(id);
                }
            }
            RddNode::MapPartitions { parent, .. } | RddNode::Coalesced { parent, .. } => self.pending_shuffles(parent, pending, seen)?,
            RddNode::Union { parents } => {
                for parent in parents {
                    self.pending_shuffles(parent, pending, seen)?;
                }
            }
            RddNode::Zipped { left, right, .. } | RddNode::Cartesian { left, right, .. } => {
                self.pending_shuffles(left, pending, seen)?;
                self.pending_shuffles(right, pending, seen)?;
            }
            RddNode::Parallelized { .. } | RddNode::TextFile { .. } => {}
        }
        Ok(())
    }

    /// Computes one partition through the narrow lineage (shuffle outputs must exist).
    fn compute(&self, id: RddId, p: usize, runner: &mut dyn Runner, output: Output, accumulators: &mut Vec<Vec<u8>>) -> Result<Vec<Block>> {
        let rdd = self.rdd(id)?;
        if rdd.cached && output == Output::Pickled {
            if let Some(blocks) = self.cache.lock().map_err(|_| super::poisoned())?.get(&(id, p)) {
                return Ok(blocks.clone());
            }
        }
        let blocks = match &rdd.node {
            RddNode::Parallelized { partitions } => partitions.get(p).cloned().unwrap_or_default(),
            RddNode::TextFile { splits } => match splits.get(p) {
                Some(split) => vec![text::split_block(split)],
                None => Vec::new(),
            },
            RddNode::MapPartitions { parent, command } => {
                let input = self.compute(*parent, p, runner, Output::Pickled, accumulators)?;
                let result = runner.run(Call { commands: vec![command], split: p, groups: vec![input], output })?;
                accumulators.push(result.accumulators);
                result.blocks
            }
            RddNode::Shuffled { .. } => self.shuffles.lock().map_err(|_| super::poisoned())?.reduce_input(id, p),
            RddNode::Union { parents } => {
                let mut index = p;
                let mut blocks = Vec::new();
                for parent in parents {
                    let count = self.rdd(*parent)?.partitions;
                    if index < count {
                        blocks = self.compute(*parent, index, runner, Output::Pickled, accumulators)?;
                        break;
                    }
                    index -= count;
                }
                blocks
            }
            RddNode::Coalesced { parent, groups } => {
                let mut blocks = Vec::new();
                for q in groups.get(p).cloned().unwrap_or_default() {
                    blocks.extend(self.compute(*parent, q, runner, Output::Pickled, accumulators)?);
                }
                blocks
            }
            RddNode::Zipped { left, right, command } => {
                let groups = vec![self.compute(*left, p, runner, Output::Pickled, accumulators)?, self.compute(*right, p, runner, Output::Pickled, accumulators)?];
                let result = runner.run(Call { commands: vec![command], split: p, groups, output })?;
                accumulators.push(result.accumulators);
                result.blocks
            }
            RddNode::Cartesian { left, right, command } => {
                let right_count = self.rdd(*right)?.partitions.max(1);
                let groups = vec![
                    self.compute(*left, p / right_count, runner, Output::Pickled, accumulators)?,
                    self.compute(*right, p % right_count, runner, Output::Pickled, accumulators)?,
                ];
                let result = runner.run(Call { commands: vec![command], split: p, groups, output })?;
                accumulators.push(result.accumulators);
                result.blocks
            }
        };
        if rdd.cached && output == Output::Pickled {
            let kept = blocks.iter().map(Block::in_memory).collect::<std::io::Result<Vec<_>>>()?;
            self.cache.lock().map_err(|_| super::poisoned())?.insert((id, p), kept);
        }
        Ok(blocks)
    }

    /// Runs one task per item of `tasks` and returns their results in order, with the
    /// accumulator updates. In worker mode the calling thread watches for Ctrl-C: an
    /// interrupt kills the running workers and raises `KeyboardInterrupt`.
    fn run_stage<T: Send>(&self, job: &JobHandle, tasks: &[usize], task: &TaskFn<'_, T>) -> Result<(Vec<T>, Vec<Vec<u8>>)> {
        let registry = jobs::registry();
        let stage = registry.add_stage(job.job_id, tasks.len());
        let outcome = match self.execution() {
            Execution::InProcess => (|| {
                let mut results = Vec::with_capacity(tasks.len());
                let mut accumulators = Vec::new();
                let mut runner = InProcess;
                for &p in tasks {
                    let mut attempt = 1;
                    let value = loop {
                        if let Some(reason) = job.cancelled() {
                            return Err(RddError::Cancelled { job_id: job.job_id, reason });
                        }
                        let task_id = registry.task_started(stage, p, None);
                        // A failed attempt's accumulator updates are dropped, as Spark drops them.
                        let mut local = Vec::new();
                        let result = task(p, &mut runner, &mut local);
                        registry.task_ended(stage, task_id, if result.is_ok() { TaskStatus::Success } else { TaskStatus::Failed });
                        registry.report(job, false);
                        match result {
                            Err(RddError::Task(_)) if attempt < self.max_failures() => attempt += 1,
                            other => {
                                accumulators.extend(local);
                                break other?;
                            }
                        }
                    };
                    results.push(value);
                }
                Ok((results, accumulators))
            })(),
            Execution::Workers { workers, python_path } => self.run_on_workers(job, stage, *workers, python_path, tasks, task),
        };
        registry.stage_done(stage);
        outcome
    }

    fn run_on_workers<T: Send>(&self, job: &JobHandle, stage: usize, workers: usize, python_path: &str, tasks: &[usize], task: &TaskFn<'_, T>) -> Result<(Vec<T>, Vec<Vec<u8>>)> {
        let registry = jobs::registry();
        let slots: Vec<Mutex<Option<T>>> = tasks.iter().map(|_| Mutex::new(None)).collect();
        let accumulators = Mutex::new(Vec::new());
        let next = AtomicUsize::new(0);
        let cancelled = AtomicBool::new(false);
        let failure: Mutex<Option<RddError>> = Mutex::new(None);
        // The threads that have finished; one that finishes wakes the watching thread at
        // once, so a stage is not held up to the next watch interval.
        let (finished, woken) = (Mutex::new(0usize), std::sync::Condvar::new());
        let threads = workers.min(tasks.len()).max(1);
        let fail = |error: RddError| {
            cancelled.store(true, Ordering::SeqCst);
            let mut failure = failure.lock().unwrap_or_else(|p| p.into_inner());
            if failure.is_none() {
                *failure = Some(error);
            }
        };
        std::thread::scope(|scope| {
            for _ in 0..threads {
                scope.spawn(|| {
                    let mut worker = match self.pool.take(python_path, job.job_id) {
                        Ok(worker) => Some(worker),
                        Err(error) => {
                            fail(error);
                            None
                        }
                    };
                    'tasks: while worker.is_some() {
                        let index = next.fetch_add(1, Ordering::SeqCst);
                        if index >= tasks.len() || cancelled.load(Ordering::SeqCst) {
                            break;
                        }
                        // Spark's task attempts: a task whose user code raised or whose worker
                        // died runs again, up to F attempts in all (`local[N,F]`).
                        let mut attempt = 1;
                        loop {
                            let Some(current) = worker.as_mut() else { break 'tasks };
                            let task_id = registry.task_started(stage, tasks[index], Some(current.pid()));
                            let mut local = Vec::new();
                            let result = task(tasks[index], current, &mut local);
                            registry.task_ended(stage, task_id, if result.is_ok() { TaskStatus::Success } else { TaskStatus::Failed });
                            match result {
                                Ok(value) => {
                                    *slots[index].lock().unwrap_or_else(|p| p.into_inner()) = Some(value);
                                    accumulators.lock().unwrap_or_else(|p| p.into_inner()).extend(local);
                                    break;
                                }
                                Err(error) => {
                                    let broken = matches!(error, RddError::WorkerDied(_) | RddError::Io(_)) || cancelled.load(Ordering::SeqCst);
                                    if broken {
                                        if let Some(dead) = worker.take() {
                                            self.pool.discard(dead);
                                        }
                                    }
                                    let again = matches!(error, RddError::Task(_) | RddError::WorkerDied(_)) && attempt < self.max_failures() && !cancelled.load(Ordering::SeqCst);
                                    if !again {
                                        fail(error);
                                        break 'tasks;
                                    }
                                    attempt += 1;
                                    if worker.is_none() {
                                        match self.pool.take(python_path, job.job_id) {
                                            Ok(fresh) => worker = Some(fresh),
                                            Err(error) => {
                                                fail(error);
                                                break 'tasks;
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                    if let Some(worker) = worker {
                        if cancelled.load(Ordering::SeqCst) && failure.lock().map(|f| matches!(*f, Some(RddError::Python(_) | RddError::Cancelled { .. }))).unwrap_or(false) {
                            self.pool.discard(worker);
                        } else {
                            self.pool.give_back(worker);
                        }
                    }
                    *finished.lock().unwrap_or_else(|p| p.into_inner()) += 1;
                    woken.notify_all();
                });
            }
            loop {
                let count = finished.lock().unwrap_or_else(|p| p.into_inner());
                if *count >= threads {
                    break;
                }
                let (count, _) = woken.wait_timeout(count, Duration::from_millis(20)).unwrap_or_else(|p| p.into_inner());
                if *count >= threads {
                    break;
                }
                // The lock is let go before the checks below take the GIL.
                drop(count);
                if let Err(interrupt) = Python::attach(|py| py.check_signals()) {
                    fail(RddError::Python(interrupt));
                    self.pool.kill_running(job.job_id);
                } else if let Some(reason) = job.cancelled() {
                    fail(RddError::Cancelled { job_id: job.job_id, reason });
                    self.pool.kill_running(job.job_id);
                } else {
                    registry.report(job, false);
                }
            }
        });
        if let Some(error) = failure.into_inner().unwrap_or_else(|p| p.into_inner()) {
            return Err(error);
        }
        let mut results = Vec::with_capacity(tasks.len());
        for slot in slots {
            match slot.into_inner().unwrap_or_else(|p| p.into_inner()) {
                Some(value) => results.push(value),
                None => return Err(RddError::Worker("a task produced no result".into())),
            }
        }
        Ok((results, accumulators.into_inner().unwrap_or_else(|p| p.into_inner())))
    }
}
