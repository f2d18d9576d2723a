//! Embedding CPython: interpreter start-up, the user's Python environment on `sys.path`,
//! the importer that serves the embedded `pyspark` package, and running code.
mod environment;

use pyo3::exceptions::PySystemExit;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList};

include!(concat!(env!("OUT_DIR"), "/embedded_sources.rs"));

const IMPORTER: &str = include_str!("importer.py");

/// Errors of the embedding layer.
#[derive(Debug, thiserror::Error)]
pub enum EmbedError {
    #[error("{0}")]
    Python(#[from] PyErr),
}

/// Result alias of the embedding layer.
pub type Result<T> = std::result::Result<T, EmbedError>;

/// Who the interpreter serves.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The shell: the user's Python environment is found and its `site` runs.
    Driver,
    /// An RDD worker process: it takes the driver's `sys.path` as it is, so it skips
    /// `site` (like `python -S`), which saves its start-up time on every worker.
    Worker,
}

/// Starts the interpreter with the native module registered and the embedded package
/// importable.
pub fn start(role: Role) -> Result<()> {
    // `bin/pyspark` exports PYTHONHASHSEED=0 so that `portable_hash` of strings agrees
    // between the driver and the workers; the seed is read when the interpreter starts.
    if std::env::var_os("PYTHONHASHSEED").is_none() {
        std::env::set_var("PYTHONHASHSEED", "0");
    }
    // pyarrow's default pool on Linux is mimalloc, which asks for transparent huge pages;
    // with the kernel's usual `defrag=madvise` a fresh 2 MiB page may wait for a
    // compaction, and a `toPandas` of 4M rows then takes 0.2–0.6 s instead of 0.05 s
    // (measured on the 2-core VMs). The system allocator has no such stalls. A pool the
    // user chose is kept.
    if std::env::var_os("ARROW_DEFAULT_MEMORY_POOL").is_none() {
        std::env::set_var("ARROW_DEFAULT_MEMORY_POOL", "system");
    }
    pyo3::append_to_inittab!(ember_native_module);
    if role == Role::Worker {
        // SAFETY: set before the interpreter starts, as `python -S` does; nothing else
        // reads the flag concurrently.
        #[allow(deprecated)]
        unsafe {
            pyo3::ffi::Py_NoSiteFlag = 1;
        }
    }
    Python::initialize();
    Python::attach(|py| -> Result<()> {
        // The start-up imports make thousands of objects that live as long as the process;
        // the cycle collector would walk them again and again as they are made (about a
        // tenth of the start-up's time). It is off until `collect_from_here` freezes them.
        py.import("gc")?.call_method0("disable")?;
        // Embedded start-up installs no signal handlers: Ctrl-C must raise KeyboardInterrupt.
        // `_signal`, the C module under `signal`, whose enums cost most of its import.
        let signal = py.import("_signal")?;
        signal.call_method1("signal", (signal.getattr("SIGINT")?, signal.getattr("default_int_handler")?))?;
        if role == Role::Driver {
            environment::extend_sys_path(py)?;
        }
        let sources = PyDict::new(py);
        for (index, (file, _, bytecode)) in EMBEDDED_SOURCES.iter().enumerate() {
            let module = file.trim_end_matches(".py").replace('/', ".");
            let (name, is_package) = match module.strip_suffix(".__init__") {
                Some(package) => (package.to_string(), true),
                None => (module, false),
            };
            let origin = format!("<ember>/{file}");
            let entry = (origin, index, is_package, PyBytes::new(py, bytecode)).into_pyobject(py)?;
            sources.set_item(name, entry)?;
        }
        let namespace = PyDict::new(py);
        py.run(&std::ffi::CString::new(IMPORTER).unwrap_or_default(), Some(&namespace), None)?;
        let source_of = wrap_pyfunction!(embedded_source, py)?;
        namespace.get_item("install")?.ok_or_else(|| PyErr::new::<pyo3::exceptions::PyRuntimeError, _>("importer"))?.call1((sources, PyBytes::new(py, EMBEDDED_MAGIC), source_of))?;
        let modules = py.import("sys")?.getattr("modules")?;
        modules.set_item("pyspark._native", py.import("_ember_native")?)?;
        Ok(())
    })
}

/// The text of the `index`th embedded file, made a Python string only when it is asked
/// for (by tracebacks, `inspect`, or the importer when the bytecode is for another Python):
/// converting all of them at every start took about a millisecond.
#[pyfunction]
fn embedded_source(index: usize) -> PyResult<Option<&'static str>> {
    guarded(|| Ok(EMBEDDED_SOURCES.get(index).map(|(_, source, _)| *source)))
}

use crate::native::ember_native as ember_native_module;
use crate::native::guarded;

/// Creates `spark`, `sc`, `sql` and `sqlContext` in `__main__` and returns its namespace.
pub fn create_session<'py>(py: Python<'py>, master: &str, app_name: &str, confs: &[(String, String)]) -> PyResult<Bound<'py, PyDict>> {
    let shell = py.import("ember.shell")?;
    let confs = PyList::new(py, confs.iter().map(|(k, v)| (k.clone(), v.clone())))?;
    let main = py.import("__main__")?;
    let namespace = main.dict();
    let created = shell.call_method1("bootstrap", (namespace.clone(), master, app_name, confs));
    collect_from_here(py)?;
    created?;
    Ok(namespace)
}

/// Turns the cycle collector back on (after `start` turned it off) with every object made
/// so far moved to its permanent generation (`gc.freeze`, as CPython's documentation
/// advises for a process's start-up): later collections walk only what the user's code makes.
fn collect_from_here(py: Python<'_>) -> PyResult<()> {
    let gc = py.import("gc")?;
    gc.call_method0("freeze")?;
    gc.call_method0("enable")?;
    Ok(())
}

/// The exit status for an exception that ended the program: `SystemExit`'s code, or 1
/// after printing the traceback.
pub fn exit_status(py: Python<'_>, error: PyErr) -> u8 {
    if error.is_instance_of::<PySystemExit>(py) {
        let code = error.value(py).getattr("code").ok();
        return match code {
            Some(code) if code.is_none() => 0,
            Some(code) => match code.extract::<i64>() {
                Ok(value) => (value & 0xff) as u8,
                Err(_) => {
                    let _ = py.import("sys").and_then(|sys| sys.getattr("stderr")).and_then(|e| e.call_method1("write", (format!("{code}\n"),)));
                    1
                }
            },
            None => 1,
        };
    }
    error.print(py);
    1
}

/// Runs a script file as `__main__` with `sys.argv = [file, args...]`.
pub fn run_file(py: Python<'_>, namespace: &Bound<'_, PyDict>, file: &str, args: &[String]) -> PyResult<()> {
    let sys = py.import("sys")?;
    let mut argv = vec![file.to_string()];
    argv.extend(args.iter().cloned());
    sys.setattr("argv", PyList::new(py, argv)?)?;
    let source = std::fs::read_to_string(file).map_err(|e| pyo3::exceptions::PyOSError::new_err(format!("can't open file '{file}': {e}")))?;
    if let Some(directory) = std::path::Path::new(file).parent() {
        let directory = std::fs::canonicalize(directory).unwrap_or_else(|_| directory.to_path_buf());
        sys.getattr("path")?.call_method1("insert", (0, directory.to_string_lossy().to_string()))?;
    }
    namespace.set_item("__file__", file)?;
    run_source(py, namespace, &source, file, false)
}

/// Runs Python source in the namespace (a whole script, as `python < file` does); with
/// `magics`, magic, `!` and `?` lines are first turned into calls (`ember.magics`),
/// as for a script piped on stdin.
pub fn run_source(py: Python<'_>, namespace: &Bound<'_, PyDict>, source: &str, filename: &str, magics: bool) -> PyResult<()> {
    let builtins = py.import("builtins")?;
    if !magics {
        let code = builtins.call_method1("compile", (source, filename, "exec"))?;
        builtins.call_method1("exec", (code, namespace))?;
        return Ok(());
    }
    // A piped script runs one top-level statement at a time, each recorded as an input once
    // it has run (as at the prompt), so `%history` lists what ran before it. The exec
    // is called from here so that tracebacks start at the script's own frame. The
    // statements come from the shell's one input classifier, as the prompt's do.
    let magics = py.import("ember.magics")?;
    let statements = py.import("ember.inputs")?.call_method1("classify", (source, filename, false))?;
    for statement in statements.try_iter()? {
        let (text, code): (Bound<'_, PyAny>, Bound<'_, PyAny>) = statement?.extract()?;
        builtins.call_method1("exec", (code, namespace))?;
        magics.call_method1("record", (text,))?;
    }
    Ok(())
}

/// The worker-process mode of the RDD engine: the driver's `sys.path` (from
/// `EMBER_WORKER_PATH`), then `pyspark._ember_worker.main()` serving tasks on stdin/stdout.
pub fn run_worker() -> u8 {
    if let Err(error) = start(Role::Worker) {
        eprintln!("pyspark worker: {error}");
        return 1;
    }
    Python::attach(|py| {
        let serve = || -> PyResult<()> {
            let path = std::env::var("EMBER_WORKER_PATH").unwrap_or_default();
            let runner = py.import("pyspark._ember_worker")?;
            collect_from_here(py)?;
            runner.call_method1("main", (path,))?;
            Ok(())
        };
        match serve() {
            Ok(()) => 0,
            Err(error) => exit_status(py, error),
        }
    })
}

/// Flushes Python's stdout and stderr.
/// The end of a program as Python's own finalization begins it (`Py_FinalizeEx`): waits
/// for the threads that are not daemons (`threading._shutdown`), runs the `atexit`
/// functions, then flushes stdout and stderr. The interpreter itself is not finalized:
/// the process exits next.
pub fn shutdown(py: Python<'_>) {
    if let Ok(threading) = py.import("threading") {
        if let Err(error) = threading.call_method0("_shutdown") {
            error.print(py);
        }
    }
    if let Ok(atexit) = py.import("atexit") {
        // Prints an exception of a callback as Python does ("Exception ignored in ...").
        let _ = atexit.call_method0("_run_exitfuncs");
    }
    flush(py);
}

pub fn flush(py: Python<'_>) {
    if let Ok(sys) = py.import("sys") {
        for stream in ["stdout", "stderr"] {
            if let Ok(stream) = sys.getattr(stream) {
                let _ = stream.call_method0("flush");
            }
        }
    }
}
