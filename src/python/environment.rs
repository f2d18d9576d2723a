//! Makes the user's Python environment visible to the embedded interpreter: an active
//! virtualenv, then `PYSPARK_DRIVER_PYTHON` / `PYSPARK_PYTHON`, then `python3` on PATH.
//!
//! The linked libpython may not be the `python3` the user runs (a pyenv build beside
//! Debian's), so the chosen interpreter is asked for its `sys.path` and the missing entries
//! are appended. The answer is cached per interpreter path and modification time.
use std::path::{Path, PathBuf};
use std::process::Command;

use pyo3::prelude::*;

fn find_on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).map(|d| d.join(name)).find(|p| p.is_file())
}

/// The interpreter whose environment the shell should see, by the documented order.
pub fn user_python() -> Option<PathBuf> {
    if let Some(venv) = std::env::var_os("VIRTUAL_ENV") {
        let candidate = Path::new(&venv).join("bin").join("python");
        if candidate.exists() {
            return Some(candidate);
        }
    }
    for variable in ["PYSPARK_DRIVER_PYTHON", "PYSPARK_PYTHON"] {
        if let Some(value) = std::env::var_os(variable) {
            let value = PathBuf::from(value);
            if value.components().count() > 1 {
                return Some(value);
            }
            if let Some(found) = find_on_path(&value.to_string_lossy()) {
                return Some(found);
            }
        }
    }
    find_on_path("python3")
}

fn cache_file() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CACHE_HOME").map(PathBuf::from).or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))?;
    Some(base.join("ember").join("python-paths.json"))
}

fn cache_key(python: &Path) -> String {
    let modified = std::fs::metadata(python).and_then(|m| m.modified()).ok().and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok()).map(|d| d.as_secs()).unwrap_or(0);
    let venv = std::env::var("VIRTUAL_ENV").unwrap_or_default();
    let pyenv = std::env::var("PYENV_VERSION").unwrap_or_default();
    let cwd_version = std::fs::read_to_string(".python-version").unwrap_or_default();
    format!("{}|{modified}|{venv}|{pyenv}|{}", python.display(), cwd_version.trim())
}

/// Asks `python` for its `sys.path` (cached).
fn python_sys_path(python: &Path) -> Option<Vec<String>> {
    let key = cache_key(python);
    let cache = cache_file();
    if let Some(cache) = &cache {
        if let Ok(text) = std::fs::read_to_string(cache) {
            if let Ok(serde_json::Value::Object(map)) = serde_json::from_str::<serde_json::Value>(&text) {
                if let Some(serde_json::Value::Array(entries)) = map.get(&key) {
                    return Some(entries.iter().filter_map(|e| e.as_str().map(str::to_string)).collect());
                }
            }
        }
    }
    let output = Command::new(python).args(["-c", "import sys, json; print(json.dumps(sys.path))"]).output().ok()?;
    if !output.status.success() {
        return None;
    }
    let entries: Vec<String> = serde_json::from_slice(&output.stdout).ok()?;
    if let Some(cache) = &cache {
        let mut map = std::fs::read_to_string(cache)
            .ok()
            .and_then(|t| serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(&t).ok())
            .unwrap_or_default();
        map.insert(key, serde_json::Value::from(entries.clone()));
        if let Some(parent) = cache.parent() {
            let _ = std::fs::create_dir_all(parent);
        }
        let _ = std::fs::write(cache, serde_json::Value::Object(map).to_string());
    }
    Some(entries)
}

/// Appends the user's interpreter's `sys.path` entries that the embedded one lacks.
pub fn extend_sys_path(py: Python<'_>) -> PyResult<()> {
    let Some(python) = user_python() else { return Ok(()) };
    let Some(entries) = python_sys_path(&python) else { return Ok(()) };
    let sys_path = py.import("sys")?.getattr("path")?;
    let current: Vec<String> = sys_path.extract()?;
    let site = py.import("site")?;
    for entry in entries {
        if entry.is_empty() || current.contains(&entry) {
            continue;
        }
        // addsitedir also processes .pth files, as the user's interpreter does.
        site.call_method1("addsitedir", (entry,))?;
    }
    Ok(())
}
