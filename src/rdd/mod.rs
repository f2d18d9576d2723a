//! Ember's RDD engine: the lineage of the session's RDDs, their cached partitions, the
//! shuffle store and the worker processes. `scheduler` runs jobs over them.
pub mod lineage;
pub mod scheduler;
mod shuffle;
pub mod text;
pub mod worker;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use pyo3::PyErr;

use lineage::{coalesce_groups, slice_positions, Block, BlockKind, Rdd, RddId, RddNode};
use shuffle::ShuffleStore;
use text::TextSplit;
use worker::WorkerPool;

/// Errors of the RDD engine.
#[derive(Debug, thiserror::Error)]
pub enum RddError {
    /// A Python exception that is not a task failure (e.g. `KeyboardInterrupt`).
    #[error("{0}")]
    Python(#[from] PyErr),
    /// User code raised: the Python traceback (Spark's `PythonException`).
    #[error("{0}")]
    Task(String),
    /// A worker process died while running a task.
    #[error("{0}")]
    WorkerDied(String),
    /// The worker pool could not start or talk to a worker.
    #[error("{0}")]
    Worker(String),
    /// Bad input: an unknown RDD, a missing file, an existing output path.
    #[error("{0}")]
    Invalid(String),
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// A bug of the engine (a panic), as Spark's `INTERNAL_ERROR`.
    #[error("{0}")]
    Internal(crate::spark::error::SparkError),
    /// `cancelJobGroup`, `interruptTag` and the like stopped job `job_id`: why.
    #[error("Job {job_id} cancelled {reason}")]
    Cancelled { job_id: usize, reason: String },
}

/// Result alias of the RDD engine.
pub type Result<T> = std::result::Result<T, RddError>;

/// How tasks run: in the driver's interpreter, or in `workers` processes.
#[derive(Clone, Debug)]
pub enum Execution {
    InProcess,
    Workers { workers: usize, python_path: String },
}

/// The session's RDDs and what the scheduler keeps between jobs.
pub struct RddEngine {
    rdds: Mutex<Vec<Rdd>>,
    cache: Mutex<HashMap<(RddId, usize), Vec<Block>>>,
    shuffles: Mutex<ShuffleStore>,
    execution: Execution,
    pool: Arc<WorkerPool>,
    /// How many jobs have started (`RDD.isCheckpointed` asks whether one ran).
    jobs_run: AtomicUsize,
    /// Attempts of a task before its job fails (`with_max_failures`).
    max_failures: usize,
}

impl RddEngine {
    /// An engine with no RDDs; shuffle data above `shuffle_memory` bytes spills under
    /// `spill_directory`.
    pub fn new(execution: Execution, shuffle_memory: usize, spill_directory: PathBuf) -> Self {
        RddEngine {
            rdds: Mutex::new(Vec::new()),
            cache: Mutex::new(HashMap::new()),
            shuffles: Mutex::new(ShuffleStore::new(shuffle_memory, spill_directory)),
            execution,
            pool: Arc::new(WorkerPool::default()),
            jobs_run: AtomicUsize::new(0),
            max_failures: 1,
        }
    }

    /// This engine with each task run up to `attempts` times before its job fails
    /// (Spark's `local[N,F]`; 1, Spark's local default, runs each once).
    pub fn with_max_failures(mut self, attempts: usize) -> Self {
        self.max_failures = attempts.max(1);
        self
    }

    /// How many times a task may fail before its job does.
    pub fn max_failures(&self) -> usize {
        self.max_failures
    }

    /// How many jobs have started.
    pub fn jobs_run(&self) -> usize {
        self.jobs_run.load(Ordering::SeqCst)
    }

    /// Starts the worker processes now, so that their interpreters start while the driver
    /// builds the first job (a no-op when tasks run in the driver).
    pub fn start_workers(&self) {
        if let Execution::Workers { workers, python_path } = &self.execution {
            self.pool.prestart(*workers, python_path);
        }
    }

    /// The worker processes and the `sys.path` they get, when tasks run in workers: SQL
    /// Python UDFs run in the same pool.
    pub fn worker_pool(&self) -> Option<(Arc<WorkerPool>, String)> {
        match &self.execution {
            Execution::Workers { python_path, .. } => Some((self.pool.clone(), python_path.clone())),
            Execution::InProcess => None,
        }
    }

    /// How tasks run.
    pub fn execution(&self) -> &Execution {
        &self.execution
    }

    fn add(&self, node: RddNode, partitions: usize) -> Result<RddId> {
        let mut rdds = self.rdds.lock().map_err(|_| poisoned())?;
        rdds.push(Rdd { node, partitions, cached: false });
        Ok(rdds.len() - 1)
    }

    /// A copy of an RDD's lineage entry.
    pub fn rdd(&self, id: RddId) -> Result<Rdd> {
        let rdds = self.rdds.lock().map_err(|_| poisoned())?;
        rdds.get(id).cloned().ok_or_else(|| RddError::Invalid(format!("no RDD with id {id}")))
    }

    /// `sc.parallelize`: pickled batches sliced over `slices` partitions with Spark's
    /// `ParallelCollectionRDD.slice` positions (PySpark slices its batches, not its items).
    pub fn parallelize(&self, batches: Vec<Vec<u8>>, slices: usize) -> Result<RddId> {
        let blocks: Vec<Block> = batches.into_iter().map(|b| Block::memory(BlockKind::Pickled, b)).collect();
        let partitions: Vec<Vec<Block>> = if slices == 0 {
            Vec::new()
        } else {
            slice_positions(blocks.len(), slices).into_iter().map(|(start, end)| blocks[start..end].to_vec()).collect()
        };
        let count = partitions.len();
        self.add(RddNode::Parallelized { partitions }, count)
    }

    /// `sc.textFile` over the given files (already expanded from globs and directories).
    pub fn text_file(&self, files: Vec<PathBuf>, min_partitions: usize) -> Result<RddId> {
        let mut sized = Vec::with_capacity(files.len());
        for file in files {
            let size = std::fs::metadata(&file).map_err(|e| RddError::Invalid(format!("Input path does not exist: {} ({e})", file.display())))?.len();
            sized.push((file, size));
        }
        let splits: Vec<TextSplit> = text::plan_splits(&sized, min_partitions);
        let count = splits.len();
        self.add(RddNode::TextFile { splits }, count)
    }

    /// A Python function over each partition (`PythonRDD`).
    pub fn map_partitions(&self, parent: RddId, command: Vec<u8>) -> Result<RddId> {
        let partitions = self.rdd(parent)?.partitions;
        self.add(RddNode::MapPartitions { parent, command: Arc::new(command) }, partitions)
    }

    /// A shuffle of key-value records into `partitions` partitions (`partitionBy`).
    pub fn shuffle(&self, parent: RddId, partitions: usize, command: Vec<u8>) -> Result<RddId> {
        self.rdd(parent)?;
        let partitions = partitions.max(1);
        self.add(RddNode::Shuffled { parent, partitions, command: Arc::new(command) }, partitions)
    }

    /// `sc.union` / `RDD.union`.
    pub fn union(&self, parents: Vec<RddId>) -> Result<RddId> {
        let mut partitions = 0;
        for parent in &parents {
            partitions += self.rdd(*parent)?.partitions;
        }
        self.add(RddNode::Union { parents }, partitions)
    }

    /// `RDD.coalesce(n, shuffle=False)`.
    pub fn coalesce(&self, parent: RddId, target: usize) -> Result<RddId> {
        let groups = coalesce_groups(self.rdd(parent)?.partitions, target);
        let count = groups.len();
        self.add(RddNode::Coalesced { parent, groups }, count)
    }

    /// `RDD.zip`-like pairing of equal partitions; both sides need as many partitions.
    pub fn zip(&self, left: RddId, right: RddId, command: Vec<u8>) -> Result<RddId> {
        let (l, r) = (self.rdd(left)?.partitions, self.rdd(right)?.partitions);
        if l != r {
            return Err(RddError::Invalid("Can only zip RDDs with same number of partitions".into()));
        }
        self.add(RddNode::Zipped { left, right, command: Arc::new(command) }, l)
    }

    /// `RDD.cartesian`: one partition per pair of partitions.
    pub fn cartesian(&self, left: RddId, right: RddId, command: Vec<u8>) -> Result<RddId> {
        let partitions = self.rdd(left)?.partitions * self.rdd(right)?.partitions;
        self.add(RddNode::Cartesian { left, right, command: Arc::new(command) }, partitions)
    }

    /// `persist` / `unpersist`: keeps or drops computed partitions.
    pub fn set_cached(&self, id: RddId, cached: bool) -> Result<()> {
        {
            let mut rdds = self.rdds.lock().map_err(|_| poisoned())?;
            let rdd = rdds.get_mut(id).ok_or_else(|| RddError::Invalid(format!("no RDD with id {id}")))?;
            rdd.cached = cached;
        }
        if !cached {
            self.cache.lock().map_err(|_| poisoned())?.retain(|(rdd, _), _| *rdd != id);
        }
        Ok(())
    }

    /// The RDDs marked as cached, as Spark's `RDDStorageInfo` counts them: the RDD's id,
    /// its partitions, the partitions kept so far, and their bytes in memory and on disk.
    pub fn cached_rdds(&self) -> Result<Vec<(RddId, usize, usize, u64, u64)>> {
        let marked: Vec<(RddId, usize)> = self.rdds.lock().map_err(|_| poisoned())?.iter().enumerate().filter(|(_, rdd)| rdd.cached).map(|(id, rdd)| (id, rdd.partitions)).collect();
        let cache = self.cache.lock().map_err(|_| poisoned())?;
        Ok(marked
            .into_iter()
            .map(|(id, partitions)| {
                let kept: Vec<&Vec<Block>> = cache.iter().filter(|((rdd, _), _)| *rdd == id).map(|(_, blocks)| blocks).collect();
                let (mut memory, mut disk) = (0u64, 0u64);
                for block in kept.iter().flat_map(|blocks| blocks.iter()) {
                    match &block.data {
                        lineage::BlockData::Memory(bytes) => memory += bytes.len() as u64,
                        lineage::BlockData::Disk(path) => disk += std::fs::metadata(path.as_ref()).map(|m| m.len()).unwrap_or(0),
                        lineage::BlockData::FileSplit(_) => {}
                    }
                }
                (id, partitions, kept.len(), memory, disk)
            })
            .collect())
    }

    /// Spark's `RDD.toDebugString`: the lineage, indented at shuffle boundaries.
    pub fn debug_string(&self, id: RddId) -> Result<String> {
        let mut lines = Vec::new();
        self.describe(id, 0, true, &mut lines)?;
        Ok(lines.join("\n"))
    }

    fn describe(&self, id: RddId, depth: usize, first: bool, lines: &mut Vec<String>) -> Result<()> {
        let rdd = self.rdd(id)?;
        let (name, parents, shuffle) = match &rdd.node {
            RddNode::Parallelized { .. } => ("ParallelCollectionRDD", vec![], false),
            RddNode::TextFile { .. } => ("HadoopRDD", vec![], false),
            RddNode::MapPartitions { parent, .. } => ("PythonRDD", vec![*parent], false),
            RddNode::Shuffled { parent, .. } => ("ShuffledRDD", vec![*parent], true),
            RddNode::Union { parents } => ("UnionRDD", parents.clone(), false),
            RddNode::Coalesced { parent, .. } => ("CoalescedRDD", vec![*parent], false),
            RddNode::Zipped { left, right, .. } => ("ZippedPartitionsRDD2", vec![*left, *right], false),
            RddNode::Cartesian { left, right, .. } => ("CartesianRDD", vec![*left, *right], false),
        };
        let storage = if rdd.cached { " [Memory Serialized 1x Replicated]" } else { " []" };
        let indent = " |  ".repeat(depth.saturating_sub(1));
        let prefix = if first && depth == 0 { format!("({}) ", rdd.partitions) } else if first { format!("{indent}+-({}) ", rdd.partitions) } else { format!("{indent} |  ") };
        lines.push(format!("{prefix}{name}[{id}]{storage}"));
        for parent in parents {
            if shuffle {
                self.describe(parent, depth + 1, true, lines)?;
            } else {
                self.describe(parent, depth, false, lines)?;
            }
        }
        Ok(())
    }
}

fn poisoned() -> RddError {
    RddError::Invalid("RDD engine state poisoned by an earlier panic".into())
}
