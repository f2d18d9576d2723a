//! Running one Python call of a task: in the driver's interpreter, or in a worker process
//! (this same binary started with its hidden `ember-worker` subcommand, PySpark's `pyspark.worker`), which
//! speaks a length-prefixed protocol on its stdin and stdout.
//!
//! Request: `R`, commands (u32 count, then each as u32 length + bytes), split (u32), buckets
//! (u32), output kind (u8),
//! groups (u32), then per group its blocks (u32) and per block kind (u8) + u64 length + bytes;
//! a block still in a text file is kind `S` with bytes start (u64) + length (u64) + path,
//! and the worker reads it with `pyspark._native.read_text_split_lines`.
//! Response: `O`, blocks (u32) each kind + u64 length + bytes, then the pickled accumulator
//! updates (u64 length + bytes); or `E` + u64 length + the Python traceback as UTF-8.
//!
//! A SQL Python UDF over one batch (Spark's `BatchEvalPythonExec` and `ArrowEvalPythonExec`
//! feeding `pyspark.worker`): `U`, the pickled command (u32 length + bytes), the eval type
//! (i32), then two Arrow IPC streams (each u64 length + bytes): the argument columns as one
//! record batches, and the schema of the one result column. The response is the same `O`
//! with one block, an Arrow IPC stream of the result column, or `E`.
//!
//! A scalar iterator UDF over a partition (`ArrowEvalPythonExec` with an iterator of
//! batches): `I`, the command, the eval type and the result schema as for `U`, then each
//! batch as u64 length + an Arrow IPC stream, up to a zero length; the driver writes them
//! on one thread while it reads the answers on another. The worker answers `P` + u64
//! length + an Arrow IPC stream for each result part as the function yields it, then `O` +
//! the pickled accumulator updates (u64 length + bytes) or `E` + the traceback.
use std::io::{BufReader, BufWriter, Read, Write};
use std::process::{Child, ChildStdin, ChildStdout, Command as Process, Stdio};
use std::sync::{Arc, Mutex};

use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyList, PyTuple};

use super::lineage::{Block, BlockData, BlockKind, Command};
use super::{RddError, Result};

/// What a Python call returns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Output {
    /// One pickled list.
    Pickled,
    /// One pickled list per shuffle partition, by the command's partition function.
    Buckets(usize),
    /// Text lines (`str(record)` + `\n`), for `saveAsTextFile`.
    Text,
}

/// One Python call: commands over groups of input blocks. The first command reads the
/// groups; each next one reads the records of the one before (a pipelined stage).
pub struct Call<'a> {
    pub commands: Vec<&'a Command>,
    pub split: usize,
    pub groups: Vec<Vec<Block>>,
    pub output: Output,
}

/// The blocks a call produced and its pickled accumulator updates.
pub struct CallResult {
    pub blocks: Vec<Block>,
    pub accumulators: Vec<u8>,
}

/// Something that runs Python calls: the driver's interpreter or a worker process.
pub trait Runner: Send {
    fn run(&mut self, call: Call<'_>) -> Result<CallResult>;
}

/// Runs calls in the driver's interpreter (local[1], or no cloudpickle).
pub struct InProcess;

impl Runner for InProcess {
    fn run(&mut self, call: Call<'_>) -> Result<CallResult> {
        Python::attach(|py| -> Result<CallResult> {
            let groups = PyList::empty(py);
            for group in &call.groups {
                let blocks = PyList::empty(py);
                for block in group {
                    let bytes = block.bytes()?;
                    blocks.append((block.kind.tag(), PyBytes::new(py, &bytes)))?;
                }
                groups.append(blocks)?;
            }
            let (buckets, kind) = output_fields(call.output);
            let runner = py.import("pyspark._ember_worker")?;
            let result = runner
                .call_method1("run_task", (PyList::new(py, call.commands.iter().map(|c| PyBytes::new(py, c)))?, call.split, groups, buckets, kind))
                .map_err(|error| python_failure(py, error))?;
            let result = result.cast::<PyTuple>().map_err(PyErr::from)?;
            let mut blocks = Vec::new();
            for item in result.get_item(0)?.try_iter()? {
                let (tag, bytes): (u8, Vec<u8>) = item?.extract()?;
                blocks.push(Block::memory(BlockKind::from_tag(tag).unwrap_or(BlockKind::Pickled), bytes));
            }
            let accumulators: Vec<u8> = result.get_item(1)?.extract()?;
            Ok(CallResult { blocks, accumulators })
        })
    }
}

/// A Python exception raised by user code becomes a task failure carrying its traceback;
/// `KeyboardInterrupt` stays itself so that Ctrl-C cancels the job.
fn python_failure(py: Python<'_>, error: PyErr) -> RddError {
    if error.is_instance_of::<pyo3::exceptions::PyKeyboardInterrupt>(py) {
        return RddError::Python(error);
    }
    let text = py
        .import("traceback")
        .and_then(|tb| tb.call_method1("format_exception", (error.value(py),)))
        .and_then(|lines| lines.extract::<Vec<String>>())
        .map(|lines| lines.concat())
        .unwrap_or_else(|_| error.to_string());
    RddError::Task(text)
}

fn output_fields(output: Output) -> (usize, u8) {
    match output {
        Output::Pickled => (0, b'P'),
        Output::Buckets(n) => (n, b'P'),
        Output::Text => (0, b'T'),
    }
}

/// A worker process and its pipes.
pub struct WorkerProcess {
    child: Arc<Mutex<Child>>,
    input: BufWriter<ChildStdin>,
    output: BufReader<ChildStdout>,
    quit_sent: bool,
    pid: u32,
}

/// The binary's hidden subcommand that serves RDD tasks as a worker process.
pub const WORKER_SUBCOMMAND: &str = "ember-worker";

impl WorkerProcess {
    /// Starts `pyspark ember-worker` with the driver's `sys.path` in `EMBER_WORKER_PATH`.
    pub fn start(python_path: &str) -> Result<Self> {
        let exe = std::env::current_exe()?;
        let mut process = Process::new(exe);
        process.arg(WORKER_SUBCOMMAND).env("EMBER_WORKER_PATH", python_path).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::inherit());
        // One task per worker uses one core, as PySpark sets OMP_NUM_THREADS to
        // spark.task.cpus: numpy's BLAS threads would otherwise spin beside the others.
        for name in ["OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS"] {
            if std::env::var_os(name).is_none() {
                process.env(name, "1");
            }
        }
        let mut child = process.spawn()?;
        let input = child.stdin.take().ok_or_else(|| RddError::Worker("worker has no stdin".into()))?;
        let output = child.stdout.take().ok_or_else(|| RddError::Worker("worker has no stdout".into()))?;
        widen_pipe(&input);
        widen_pipe(&output);
        crate::jobs::registry().executor_added(child.id());
        let pid = child.id();
        Ok(WorkerProcess { child: Arc::new(Mutex::new(child)), input: BufWriter::with_capacity(1 << 20, input), output: BufReader::with_capacity(1 << 20, output), quit_sent: false, pid })
    }

    /// The process id (the web UI's executor id).
    pub fn pid(&self) -> u32 {
        self.pid
    }

    /// Stops the process.
    pub fn kill(&mut self) {
        kill(&self.child);
    }

    fn send(&mut self, call: &Call<'_>) -> std::io::Result<()> {
        let (buckets, kind) = output_fields(call.output);
        let w = &mut self.input;
        w.write_all(b"R")?;
        w.write_all(&(call.commands.len() as u32).to_le_bytes())?;
        for command in &call.commands {
            w.write_all(&(command.len() as u32).to_le_bytes())?;
            w.write_all(command)?;
        }
        w.write_all(&(call.split as u32).to_le_bytes())?;
        w.write_all(&(buckets as u32).to_le_bytes())?;
        w.write_all(&[kind])?;
        w.write_all(&(call.groups.len() as u32).to_le_bytes())?;
        for group in &call.groups {
            w.write_all(&(group.len() as u32).to_le_bytes())?;
            for block in group {
                if let BlockData::FileSplit(split) = &block.data {
                    // The worker reads the split itself: `S`, start, length, path.
                    let path = split.path.as_os_str().as_encoded_bytes();
                    w.write_all(b"S")?;
                    w.write_all(&(16 + path.len() as u64).to_le_bytes())?;
                    w.write_all(&split.start.to_le_bytes())?;
                    w.write_all(&split.length.to_le_bytes())?;
                    w.write_all(path)?;
                    continue;
                }
                let bytes = block.bytes()?;
                w.write_all(&[block.kind.tag()])?;
                w.write_all(&(bytes.len() as u64).to_le_bytes())?;
                w.write_all(&bytes)?;
            }
        }
        w.flush()
    }

    fn receive(&mut self) -> std::io::Result<std::result::Result<CallResult, String>> {
        let r = &mut self.output;
        let mut status = [0u8; 1];
        r.read_exact(&mut status)?;
        if status[0] == b'E' {
            return Ok(Err(String::from_utf8_lossy(&read_bytes(r)?).into_owned()));
        }
        let count = read_u32(r)?;
        let mut blocks = Vec::with_capacity(count as usize);
        for _ in 0..count {
            let mut tag = [0u8; 1];
            r.read_exact(&mut tag)?;
            blocks.push(Block::memory(BlockKind::from_tag(tag[0]).unwrap_or(BlockKind::Pickled), read_bytes(r)?));
        }
        let accumulators = read_bytes(r)?;
        Ok(Ok(CallResult { blocks, accumulators }))
    }

    /// Why the worker is gone: its exit status, once it has exited.
    fn exit_report(&mut self) -> String {
        for _ in 0..50 {
            let status = self.child.lock().ok().and_then(|mut child| child.try_wait().ok().flatten());
            if let Some(status) = status {
                return format!("Python worker exited unexpectedly (crashed): {status}");
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        "Python worker stopped answering".to_string()
    }
}

/// One batch of a SQL Python UDF for a worker: see the module's `U` request.
pub struct UdfCall<'a> {
    pub command: &'a [u8],
    pub eval_type: i32,
    pub arguments: &'a [u8],
    pub result_schema: &'a [u8],
}

impl WorkerProcess {
    fn send_udf(&mut self, call: &UdfCall<'_>) -> std::io::Result<()> {
        let w = &mut self.input;
        write_udf_header(w, b'U', call.command, call.eval_type)?;
        for stream in [call.arguments, call.result_schema] {
            w.write_all(&(stream.len() as u64).to_le_bytes())?;
            w.write_all(stream)?;
        }
        w.flush()
    }

    /// Evaluates one batch of a SQL Python UDF; the result's one block is an Arrow IPC
    /// stream. A Python error is [`RddError::Task`] (the worker stays usable); a dead
    /// worker is [`RddError::WorkerDied`].
    pub fn evaluate_udf(&mut self, call: &UdfCall<'_>) -> Result<CallResult> {
        let answer = self.send_udf(call).and_then(|_| self.receive());
        match answer {
            Ok(Ok(result)) => Ok(result),
            Ok(Err(traceback)) => Err(RddError::Task(traceback)),
            Err(_) => Err(RddError::WorkerDied(self.exit_report())),
        }
    }
}

/// A scalar iterator UDF's call over a stream of batches (the `I` request): the header of
/// the function, then `frames` (each an Arrow IPC stream of one batch of argument columns)
/// written while the results are read, as Spark's `ArrowPythonRunner` writes a partition
/// on one thread and reads the worker's answers on another.
pub struct UdfStream<'a> {
    pub command: &'a [u8],
    pub eval_type: i32,
    pub result_schema: &'a [u8],
}

impl WorkerProcess {
    /// Calls a scalar iterator UDF once over `frames`, produced lazily on a writer thread.
    /// Returns the result parts (each an Arrow IPC stream) in order and the accumulator
    /// updates; a Python error is [`RddError::Task`], a dead worker
    /// [`RddError::WorkerDied`].
    pub fn evaluate_udf_stream<I>(&mut self, call: &UdfStream<'_>, frames: I) -> Result<(Vec<Vec<u8>>, Vec<u8>)>
    where
        I: Iterator<Item = Vec<u8>> + Send,
    {
        let header = (|| -> std::io::Result<()> {
            write_udf_header(&mut self.input, b'I', call.command, call.eval_type)?;
            self.input.write_all(&(call.result_schema.len() as u64).to_le_bytes())?;
            self.input.write_all(call.result_schema)
        })();
        if header.is_err() {
            return Err(RddError::WorkerDied(self.exit_report()));
        }
        let (input, output) = (&mut self.input, &mut self.output);
        let answer = std::thread::scope(|scope| {
            scope.spawn(move || -> std::io::Result<()> {
                for frame in frames {
                    input.write_all(&(frame.len() as u64).to_le_bytes())?;
                    input.write_all(&frame)?;
                }
                input.write_all(&0u64.to_le_bytes())?;
                input.flush()
            });
            let mut parts = Vec::new();
            loop {
                let mut tag = [0u8; 1];
                output.read_exact(&mut tag)?;
                match tag[0] {
                    b'P' => parts.push(read_bytes(output)?),
                    b'O' => return Ok(Ok((parts, read_bytes(output)?))),
                    b'E' => return Ok(Err(String::from_utf8_lossy(&read_bytes(output)?).into_owned())),
                    other => return Err(std::io::Error::other(format!("unexpected reply {other} to a UDF stream"))),
                }
            }
        });
        match answer {
            Ok(Ok(result)) => Ok(result),
            Ok(Err(traceback)) => Err(RddError::Task(traceback)),
            Err(_) => Err(RddError::WorkerDied(self.exit_report())),
        }
    }
}

impl Runner for WorkerProcess {
    fn run(&mut self, call: Call<'_>) -> Result<CallResult> {
        let answer = self.send(&call).and_then(|_| self.receive());
        match answer {
            Ok(Ok(result)) => Ok(result),
            Ok(Err(traceback)) => Err(RddError::Task(traceback)),
            Err(_) => Err(RddError::WorkerDied(self.exit_report())),
        }
    }
}

impl WorkerProcess {
    /// Tells the worker to exit after its current call (`Q`), without waiting for it.
    fn ask_to_quit(&mut self) {
        if !self.quit_sent {
            self.quit_sent = true;
            let _ = self.input.write_all(b"Q");
            let _ = self.input.flush();
        }
    }
}

impl Drop for WorkerProcess {
    fn drop(&mut self) {
        self.ask_to_quit();
        if let Ok(mut child) = self.child.lock() {
            let _ = child.wait();
        }
        crate::jobs::registry().executor_removed(self.pid);
    }
}

/// Gives a pipe to a worker a 1 MiB buffer (Linux's unprivileged maximum), so that a batch
/// crosses in a few writes instead of many 64 KiB round trips between the processes.
fn widen_pipe(pipe: &impl std::os::fd::AsRawFd) {
    #[cfg(target_os = "linux")]
    // SAFETY: F_SETPIPE_SZ on a pipe descriptor this process owns; failure is harmless.
    unsafe {
        libc::fcntl(pipe.as_raw_fd(), libc::F_SETPIPE_SZ, 1 << 20);
    }
    #[cfg(not(target_os = "linux"))]
    let _ = pipe.as_raw_fd();
}

/// A UDF request's opening: its letter, the pickled command (u32 length + bytes) and the
/// eval type (i32).
fn write_udf_header(w: &mut impl Write, request: u8, command: &[u8], eval_type: i32) -> std::io::Result<()> {
    w.write_all(&[request])?;
    w.write_all(&(command.len() as u32).to_le_bytes())?;
    w.write_all(command)?;
    w.write_all(&eval_type.to_le_bytes())
}

fn read_u32(r: &mut impl Read) -> std::io::Result<u32> {
    let mut buffer = [0u8; 4];
    r.read_exact(&mut buffer)?;
    Ok(u32::from_le_bytes(buffer))
}

fn read_bytes(r: &mut impl Read) -> std::io::Result<Vec<u8>> {
    let mut length = [0u8; 8];
    r.read_exact(&mut length)?;
    let mut bytes = vec![0u8; u64::from_le_bytes(length) as usize];
    r.read_exact(&mut bytes)?;
    Ok(bytes)
}

fn kill(child: &Arc<Mutex<Child>>) {
    if let Ok(mut child) = child.lock() {
        let _ = child.kill();
        let _ = child.wait();
    }
}

/// The worker processes of `local[N]`: idle ones wait here; running ones are listed so
/// that Ctrl-C can stop them.
#[derive(Default)]
pub struct WorkerPool {
    idle: Mutex<Vec<WorkerProcess>>,
    running: Mutex<Vec<(usize, Arc<Mutex<Child>>)>>,
}

impl WorkerPool {
    /// Takes an idle worker, or starts one, for a task of job `job_id`.
    pub fn take(&self, python_path: &str, job_id: usize) -> Result<WorkerProcess> {
        let idle = self.idle.lock().map_err(|_| RddError::Worker("worker pool poisoned".into()))?.pop();
        let worker = match idle {
            Some(worker) => worker,
            None => WorkerProcess::start(python_path)?,
        };
        if let Ok(mut running) = self.running.lock() {
            running.push((job_id, worker.child.clone()));
        }
        Ok(worker)
    }

    /// Starts idle workers until there are `count`; a worker that cannot start is left
    /// for `take` to report.
    pub fn prestart(&self, count: usize, python_path: &str) {
        let Ok(mut idle) = self.idle.lock() else { return };
        while idle.len() < count {
            match WorkerProcess::start(python_path) {
                Ok(worker) => idle.push(worker),
                Err(_) => break,
            }
        }
    }

    fn forget(&self, worker: &WorkerProcess) {
        if let Ok(mut running) = self.running.lock() {
            running.retain(|(_, child)| !Arc::ptr_eq(child, &worker.child));
        }
    }

    /// Returns a healthy worker to the pool.
    pub fn give_back(&self, worker: WorkerProcess) {
        self.forget(&worker);
        if let Ok(mut idle) = self.idle.lock() {
            idle.push(worker);
        }
    }

    /// Forgets a worker that failed or was killed.
    pub fn discard(&self, mut worker: WorkerProcess) {
        self.forget(&worker);
        worker.kill();
    }

    /// Kills the workers running tasks of job `job_id` (Ctrl-C, a cancel), so that its
    /// tasks end at once; other jobs' tasks go on.
    pub fn kill_running(&self, job_id: usize) {
        if let Ok(running) = self.running.lock() {
            running.iter().filter(|(job, _)| *job == job_id).for_each(|(_, child)| kill(child));
        }
    }
}

impl Drop for WorkerPool {
    /// Asks every idle worker to quit before waiting for any, so that they exit together.
    fn drop(&mut self) {
        if let Ok(idle) = self.idle.get_mut() {
            idle.iter_mut().for_each(WorkerProcess::ask_to_quit);
        }
    }
}
