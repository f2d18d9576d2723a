//! Command-line definitions (clap). Their doc comments are the `--help` text.
use std::path::PathBuf;

use clap::{value_parser, Arg, Command, CommandFactory, FromArgMatches, Parser};

/// Ember's PySpark shell: PySpark's API on an embedded Rust engine, no JVM.
///
/// With no FILE on a terminal it starts the interactive shell; with FILE it runs the
/// script as `__main__`; with stdin piped it runs the whole script read from stdin.
#[derive(Debug, Parser)]
#[command(name = "pyspark", version = crate::settings::SPARK_VERSION, disable_version_flag = true)]
pub struct Cli {
    /// The master: local, local[N] or local[*] (the embedded engine, N threads).
    #[arg(long, value_name = "MASTER")]
    pub master: Option<String>,

    /// A Spark Connect server to run on instead of the embedded engine:
    /// sc://host[:port][/;token=...;use_ssl=true;user_id=...;session_id=UUID;user_agent=...]
    /// (default port 15002; also SPARK_REMOTE, or --master sc://...).
    #[arg(long, value_name = "URL")]
    pub remote: Option<String>,

    /// The application name (spark.app.name).
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,

    /// A Spark configuration property, KEY=VALUE; may be repeated.
    #[arg(long = "conf", short = 'c', value_name = "KEY=VALUE")]
    pub conf: Vec<String>,

    /// Memory for the driver, e.g. 2g (spark.driver.memory): the embedded engine's
    /// operators spill to disk beyond (MEM - 300 MiB) * spark.memory.fraction.
    #[arg(long = "driver-memory", value_name = "MEM")]
    pub driver_memory: Option<String>,

    /// Comma-separated .py, .zip or .egg files put on sys.path in the driver and in every
    /// RDD worker (spark.submit.pyFiles).
    #[arg(long = "py-files", value_name = "PY_FILES")]
    pub py_files: Option<String>,

    /// The shell's colour theme: dark, light or none (also EMBER_THEME, or `theme` in
    /// config.toml).
    #[arg(long, value_name = "THEME")]
    pub theme: Option<String>,

    /// How show() draws on a terminal: unicode (a fitted table) or spark (Spark's text).
    /// Piped output is always Spark's text. Also EMBER_TABLE_STYLE, or `table_style` in
    /// config.toml; the session conf is spark.ember.repl.tableStyle.
    #[arg(long = "table-style", value_name = "STYLE")]
    pub table_style: Option<String>,

    /// Prints the version and exits.
    #[arg(long)]
    pub version: bool,

    /// A Python script to run, followed by its arguments.
    #[arg(value_name = "FILE")]
    pub file: Option<String>,

    /// Arguments passed to the script as sys.argv[1:].
    #[arg(value_name = "ARGS", trailing_var_arg = true, allow_hyphen_values = true)]
    pub args: Vec<String>,
}

/// What an invocation asks for: the shell (`Cli`), or one of the binary's hidden internal
/// modes.
pub enum Mode {
    Shell(Cli),
    /// `pyspark ember-worker`: serve RDD tasks as a worker process of the driver (`rdd::worker`).
    Worker,
    /// `pyspark ember-generate DIR`: write the completion scripts and the man page (`generate`).
    Generate(PathBuf),
}

use crate::rdd::worker::WORKER_SUBCOMMAND;
/// The hidden subcommand that writes the completion scripts and the man page.
pub const GENERATE_SUBCOMMAND: &str = "ember-generate";

/// Parses the command line: `Cli`'s options, and the internal modes as hidden subcommands
/// of the same clap command (added here rather than on `Cli`, so that the generated
/// completions and man page, which clap builds from `Cli`, do not offer them). A
/// subcommand takes none of the shell's options.
pub fn parse() -> Mode {
    let command = Cli::command()
        .args_conflicts_with_subcommands(true)
        .subcommand(Command::new(WORKER_SUBCOMMAND).hide(true))
        .subcommand(Command::new(GENERATE_SUBCOMMAND).hide(true).arg(Arg::new("DIR").required(true).value_parser(value_parser!(PathBuf))));
    let matches = command.get_matches();
    match matches.subcommand() {
        Some((WORKER_SUBCOMMAND, _)) => Mode::Worker,
        Some((GENERATE_SUBCOMMAND, generate)) => Mode::Generate(generate.get_one::<PathBuf>("DIR").cloned().unwrap_or_default()),
        _ => match Cli::from_arg_matches(&matches) {
            Ok(cli) => Mode::Shell(cli),
            Err(error) => error.exit(),
        },
    }
}
