//! Resolves one `Settings` from the command line, then the environment (`MASTER`,
//! `SPARK_CONF_DIR`), then `spark-defaults.conf`, as `spark-submit` does.
use std::path::PathBuf;

use crate::cli::Cli;

/// The Spark version Ember is compatible with.
pub const SPARK_VERSION: &str = "4.3.0";

/// Errors in the user's settings, with Spark's messages.
#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    #[error("Could not parse Master URL: '{0}'")]
    Master(String),
    #[error("Invalid argument to --conf: {0}")]
    Conf(String),
}

impl SettingsError {
    /// The exit status for the error.
    pub fn exit_code(&self) -> u8 {
        match self {
            SettingsError::Master(_) => 2,
            SettingsError::Conf(_) => 1,
        }
    }
}

/// Everything the shell needs to start.
#[derive(Debug, Clone)]
pub struct Settings {
    pub master: String,
    pub app_name: String,
    pub confs: Vec<(String, String)>,
    pub file: Option<String>,
    pub args: Vec<String>,
}

/// `local`, `local[N]`, `local[*]` → the number of threads.
pub fn parse_master(master: &str) -> Result<usize, SettingsError> {
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    if master == "local" {
        return Ok(1);
    }
    let inner = master.strip_prefix("local[").and_then(|m| m.strip_suffix(']'));
    match inner {
        Some("*") => Ok(cores),
        Some(n) => match n.parse::<usize>() {
            Ok(n) if n > 0 => Ok(n),
            _ => Err(SettingsError::Master(master.to_string())),
        },
        None => Err(SettingsError::Master(master.to_string())),
    }
}

fn defaults_file() -> Option<PathBuf> {
    let directory = std::env::var_os("SPARK_CONF_DIR").map(PathBuf::from)?;
    Some(directory.join("spark-defaults.conf"))
}

/// Reads `spark-defaults.conf` lines `key value` (or `key=value`).
fn read_defaults() -> Vec<(String, String)> {
    let Some(file) = defaults_file() else { return Vec::new() };
    let Ok(text) = std::fs::read_to_string(file) else { return Vec::new() };
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| {
            let (key, value) = l.split_once(|c: char| c.is_whitespace() || c == '=')?;
            Some((key.trim().to_string(), value.trim().to_string()))
        })
        .collect()
}

impl Settings {
    /// Resolves the settings: CLI over environment over `spark-defaults.conf`.
    pub fn resolve(cli: Cli) -> Result<Self, SettingsError> {
        let mut confs = read_defaults();
        for entry in &cli.conf {
            match entry.split_once('=') {
                Some((key, value)) if !key.is_empty() => confs.push((key.to_string(), value.to_string())),
                _ => return Err(SettingsError::Conf(entry.clone())),
            }
        }
        if let Some(files) = &cli.py_files {
            confs.push(("spark.submit.pyFiles".to_string(), files.clone()));
        }
        let conf = |key: &str| confs.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v.clone());
        let master = cli.master.clone().or_else(|| std::env::var("MASTER").ok()).or_else(|| conf("spark.master")).unwrap_or_else(|| "local[*]".to_string());
        parse_master(&master)?;
        let app_name = cli.name.clone().or_else(|| conf("spark.app.name")).unwrap_or_else(|| "PySparkShell".to_string());
        Ok(Self { master, app_name, confs, file: cli.file, args: cli.args })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_masters() {
        assert_eq!(parse_master("local").unwrap(), 1);
        assert_eq!(parse_master("local[3]").unwrap(), 3);
        assert!(parse_master("local[*]").unwrap() >= 1);
        assert!(parse_master("yarn").is_err());
        assert!(parse_master("local[0]").is_err());
    }
}
