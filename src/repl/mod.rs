//! The interactive shell. For now: PySpark's banner and a plain line editor; the REPL
//! issue brings completion, highlighting and magics.
use pyo3::prelude::*;
use pyo3::types::PyDict;

/// PySpark's start-up banner (`pyspark/shell.py`).
pub fn banner(py: Python<'_>, master: &str) -> PyResult<String> {
    let platform = py.import("platform")?;
    let version: String = platform.call_method0("python_version")?.extract()?;
    let build: (String, String) = platform.call_method0("python_build")?.extract()?;
    let app_id = format!("local-{}", std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_millis()).unwrap_or(0));
    Ok(format!(
        "Welcome to\n      ____              __\n     / __/__  ___ _____/ /__\n    _\\ \\/ _ \\/ _ `/ __/  '_/\n   /__ / .__/\\_,_/_/ /_/\\_\\   version {}\n      /_/\n\nUsing Python version {version} ({}, {})\nSpark context available as 'sc' (master = {master}, app id = {app_id}).\nSparkSession available as 'spark'.\n",
        crate::settings::SPARK_VERSION, build.0, build.1
    ))
}

/// Prints the banner and runs the interactive loop until EOF or `exit()`.
pub fn run(py: Python<'_>, namespace: &Bound<'_, PyDict>, master: &str) -> PyResult<()> {
    let text = banner(py, master)?;
    py.import("sys")?.getattr("stdout")?.call_method1("write", (text,))?;
    crate::python::run_console(py, namespace)
}
