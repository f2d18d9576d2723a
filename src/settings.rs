//! Resolves one `Settings` from the command line, then the environment (`MASTER`,
//! `SPARK_CONF_DIR`, `EMBER_*`), then the files: `spark-defaults.conf` for Spark
//! properties, as `spark-submit` does, and Ember's `config.toml` for the shell.
use std::path::PathBuf;

use serde::Deserialize;

use crate::cli::Cli;

pub use crate::spark::SPARK_VERSION;

/// Errors in the user's settings, with Spark's messages.
#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    #[error("Could not parse Master URL: '{0}'")]
    Master(String),
    #[error("Invalid argument to --conf: {0}")]
    Conf(String),
    #[error("Invalid config file {path}: {message}")]
    ConfigFile { path: String, message: String },
    #[error("Invalid {name} '{value}': expected one of {expected}")]
    Choice { name: &'static str, value: String, expected: String },
    /// `--remote` with `--master local[...]` (Spark's launcher message).
    #[error("Remote cannot be specified with master and/or deploy mode.")]
    RemoteWithMaster,
}

impl SettingsError {
    /// The exit status for the error.
    pub fn exit_code(&self) -> u8 {
        match self {
            SettingsError::Master(_) | SettingsError::RemoteWithMaster => 2,
            SettingsError::Conf(_) | SettingsError::ConfigFile { .. } | SettingsError::Choice { .. } => 1,
        }
    }
}

/// The line editor's key bindings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditStyle {
    Emacs,
    Vi,
}

/// The session conf that picks how `show()` draws on a terminal: `unicode` (comfy-table,
/// the default) or `spark` (Spark's text, which piped output always gets).
pub const TABLE_STYLE_CONF: &str = "spark.ember.repl.tableStyle";

/// Everything the shell needs to start.
#[derive(Debug, Clone)]
pub struct Settings {
    pub master: String,
    pub app_name: String,
    pub confs: Vec<(String, String)>,
    pub file: Option<String>,
    pub args: Vec<String>,
    /// A theme of `themes/` (`dark`, `light`) or `none`.
    pub theme: String,
    pub edit_mode: EditStyle,
    pub history_size: usize,
}

/// Ember's own `config.toml` in the platform config directory (`~/.config/ember` on
/// Linux), or the file `EMBER_CONFIG` names. Every key is optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfigFile {
    /// `dark`, `light` or `none`.
    pub theme: Option<String>,
    /// `unicode` or `spark`: how `show()` draws on a terminal.
    pub table_style: Option<String>,
    /// Lines of history kept (default 1000).
    pub history_size: Option<usize>,
    /// `emacs` or `vi`.
    pub edit_mode: Option<String>,
    /// The master when neither `--master` nor `MASTER` gives one.
    pub master: Option<String>,
    /// Whether the console progress bar is drawn (`spark.ui.showConsoleProgress`).
    pub progress: Option<bool>,
}

impl ConfigFile {
    /// Where the config file is: `EMBER_CONFIG`, else the platform config directory.
    pub fn path() -> Option<PathBuf> {
        if let Some(path) = std::env::var_os("EMBER_CONFIG") {
            return Some(PathBuf::from(path));
        }
        Some(directories::ProjectDirs::from("", "", "ember")?.config_dir().join("config.toml"))
    }

    /// Reads the config file; a missing file is an empty config, a malformed one an error.
    pub fn read() -> Result<Self, SettingsError> {
        let Some(path) = Self::path() else { return Ok(Self::default()) };
        let Ok(text) = std::fs::read_to_string(&path) else { return Ok(Self::default()) };
        toml::from_str(&text).map_err(|e| SettingsError::ConfigFile { path: path.display().to_string(), message: e.message().to_string() })
    }
}

/// The first of the CLI value, the environment variable `env` and the config value.
fn layered(cli: Option<String>, env: &str, config: Option<String>) -> Option<String> {
    cli.or_else(|| std::env::var(env).ok().filter(|v| !v.is_empty())).or(config)
}

fn choice(name: &'static str, value: String, expected: &[&str]) -> Result<String, SettingsError> {
    if expected.contains(&value.as_str()) {
        Ok(value)
    } else {
        Err(SettingsError::Choice { name, value, expected: expected.join(", ") })
    }
}

/// `local`, `local[N]`, `local[*]` → the number of threads (`spark::master`); any other
/// master, a Spark Connect one included, is not a local master.
pub fn parse_master(master: &str) -> Result<usize, SettingsError> {
    match crate::spark::master::parse(master) {
        Some(crate::spark::master::Master::Local(threads)) => Ok(threads),
        _ => Err(SettingsError::Master(master.to_string())),
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
        let config = ConfigFile::read()?;
        let mut confs = read_defaults();
        for entry in &cli.conf {
            match entry.split_once('=') {
                Some((key, value)) if !key.is_empty() => confs.push((key.to_string(), value.to_string())),
                _ => return Err(SettingsError::Conf(entry.clone())),
            }
        }
        if let Some(memory) = &cli.driver_memory {
            confs.push(("spark.driver.memory".to_string(), memory.clone()));
        }
        if let Some(files) = &cli.py_files {
            confs.push(("spark.submit.pyFiles".to_string(), files.clone()));
        }
        let conf = |key: &str| confs.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v.clone());
        // Spark Connect: --remote, else SPARK_REMOTE, else a master of the form sc://.
        let remote = cli.remote.clone().or_else(|| std::env::var("SPARK_REMOTE").ok().filter(|r| !r.is_empty()));
        let is_connect = |m: &str| matches!(crate::spark::master::parse(m), Some(crate::spark::master::Master::Connect(_)));
        if remote.is_some() && cli.master.as_deref().is_some_and(|m| !is_connect(m)) {
            return Err(SettingsError::RemoteWithMaster);
        }
        // A remote URL is checked by the Spark Connect client (PySpark's errors).
        let master = match &remote {
            Some(remote) => remote.clone(),
            None => cli.master.clone().or_else(|| std::env::var("MASTER").ok()).or_else(|| conf("spark.master")).or(config.master).unwrap_or_else(|| "local[*]".to_string()),
        };
        if remote.is_none() && !is_connect(&master) {
            parse_master(&master)?;
        }
        let app_name = cli.name.clone().or_else(|| conf("spark.app.name")).unwrap_or_else(|| "PySparkShell".to_string());
        let mut themes = crate::repl::highlighter::theme_names();
        themes.push("none");
        let theme = choice("theme", layered(cli.theme, "EMBER_THEME", config.theme).unwrap_or_else(|| "dark".to_string()), &themes)?;
        let table_style = layered(cli.table_style, "EMBER_TABLE_STYLE", config.table_style);
        // A --conf of the table style or of the progress bar wins over the shell's settings.
        let (table_conf_set, progress_conf_set) = (conf(TABLE_STYLE_CONF).is_some(), conf("spark.ui.showConsoleProgress").is_some());
        if let Some(style) = table_style {
            let style = choice("table style", style, &["unicode", "spark"])?;
            if !table_conf_set {
                confs.push((TABLE_STYLE_CONF.to_string(), style));
            }
        }
        if let Some(progress) = config.progress.filter(|_| !progress_conf_set) {
            confs.push(("spark.ui.showConsoleProgress".to_string(), progress.to_string()));
        }
        let edit_mode = match choice("edit mode", layered(None, "EMBER_EDIT_MODE", config.edit_mode).unwrap_or_else(|| "emacs".to_string()), &["emacs", "vi"])?.as_str() {
            "vi" => EditStyle::Vi,
            _ => EditStyle::Emacs,
        };
        let history_size = config.history_size.unwrap_or(1000);
        if let Some(remote) = remote {
            confs.push(("spark.remote".to_string(), remote));
        }
        Ok(Self { master, app_name, confs, file: cli.file, args: cli.args, theme, edit_mode, history_size })
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

    #[test]
    fn config_file_keys_parse_and_unknown_keys_are_errors() {
        let config: ConfigFile = toml::from_str("theme = \"light\"\ntable_style = \"spark\"\nhistory_size = 50\nedit_mode = \"vi\"\nmaster = \"local[2]\"\nprogress = false\n").unwrap();
        assert_eq!(config.theme.as_deref(), Some("light"));
        assert_eq!(config.history_size, Some(50));
        assert_eq!(config.progress, Some(false));
        assert!(toml::from_str::<ConfigFile>("colour = 1\n").is_err());
    }

    #[test]
    fn the_command_line_wins_over_the_config_file() {
        assert_eq!(layered(Some("a".into()), "EMBER_TEST_UNSET_VARIABLE", Some("b".into())).as_deref(), Some("a"));
        assert_eq!(layered(None, "EMBER_TEST_UNSET_VARIABLE", Some("b".into())).as_deref(), Some("b"));
        assert!(choice("theme", "pink".into(), &["dark", "light"]).is_err());
    }
}
