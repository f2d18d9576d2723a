//! `pyspark`: parse the command line, resolve settings, start Python with `spark` and
//! `sc`, then run a file, piped stdin or the interactive shell.
// Spark's REST API documents (src/ui/api.rs) are large `json!` literals.
#![recursion_limit = "256"]
mod cli;
mod codec;
mod engine;
mod generate;
mod jobs;
mod native;
mod plan;
mod python;
mod rdd;
mod render;
mod repl;
mod settings;
mod spark;
mod ui;

use std::io::{IsTerminal, Read};
use std::process::ExitCode;

use pyo3::prelude::*;

/// Rust's allocations (the engine's Arrow batches above all) go to mimalloc, which reuses
/// freed pages; Python keeps its own allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

extern "C" {
    /// mimalloc's `mi_option_set` (mimalloc.h), linked in by the `mimalloc` crate.
    fn mi_option_set(option: std::os::raw::c_int, value: std::os::raw::c_long);
}

/// `mi_option_purge_delay` in mimalloc 3's `mi_option_e`.
const MI_OPTION_PURGE_DELAY: std::os::raw::c_int = 15;

/// mimalloc returns freed memory to the system 100 ms after it is freed rather than its
/// default 1 s: TPC-H SF1's peak resident memory falls from about 500 MiB to 440 MiB for
/// a few percent of speed (measured with benches/suite.py). `MIMALLOC_PURGE_DELAY` wins.
fn tune_allocator() {
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
        // SAFETY: sets one option of the allocator, which it reads atomically.
        unsafe { mi_option_set(MI_OPTION_PURGE_DELAY, 100) };
    }
}

fn main() -> ExitCode {
    tune_allocator();
    let cli = match cli::parse() {
        cli::Mode::Shell(cli) => cli,
        // A worker process of the RDD engine (`rdd::worker`), started by the driver.
        cli::Mode::Worker => return ExitCode::from(python::run_worker()),
        // The completion scripts and the man page (`generate`).
        cli::Mode::Generate(directory) => {
            return match generate::generate(&directory) {
                Ok(()) => ExitCode::SUCCESS,
                Err(error) => {
                    eprintln!("pyspark: cannot write completions and man page: {error}");
                    ExitCode::from(1)
                }
            }
        }
    };
    if cli.version {
        println!("pyspark (Ember {}) compatible with Spark {}", env!("CARGO_PKG_VERSION"), settings::SPARK_VERSION);
        return ExitCode::SUCCESS;
    }
    let settings = match settings::Settings::resolve(cli) {
        Ok(settings) => settings,
        Err(error) => {
            eprintln!("{error}");
            return ExitCode::from(error.exit_code());
        }
    };
    match run(&settings) {
        Ok(code) => ExitCode::from(code),
        Err(error) => {
            eprintln!("pyspark: {error:#}");
            ExitCode::from(1)
        }
    }
}

fn run(settings: &settings::Settings) -> anyhow::Result<u8> {
    python::start(python::Role::Driver)?;
    let code = Python::attach(|py| -> u8 {
        let namespace = match python::create_session(py, &settings.master, &settings.app_name, &settings.confs) {
            Ok(namespace) => namespace,
            Err(error) => return python::exit_status(py, error),
        };
        let result = if let Some(file) = &settings.file {
            python::run_file(py, &namespace, file, &settings.args)
        } else if std::io::stdin().is_terminal() {
            repl::run(py, &namespace, settings)
        } else {
            let mut source = String::new();
            match std::io::stdin().read_to_string(&mut source) {
                Ok(_) => python::run_source(py, &namespace, &source, "<stdin>", true),
                Err(error) => Err(pyo3::exceptions::PyOSError::new_err(error.to_string())),
            }
        };
        let code = match result {
            Ok(()) => 0,
            Err(error) => python::exit_status(py, error),
        };
        python::shutdown(py);
        code
    });
    Ok(code)
}
