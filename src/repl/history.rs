//! Where the shell keeps its history: `history` in the platform data directory (the
//! `directories` crate), created with mode 0600. A missing or read-only home means no
//! history, never a failure. Spark Connect tokens typed at the prompt are masked before
//! a line enters the history.
use std::borrow::Cow;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// `line` with the value of every `token=` parameter (a Spark Connect URL's bearer token,
/// `SparkSession.builder.remote("sc://h/;token=…")`) replaced by `***`, as
/// `ConnectUrl::redacted` prints URLs.
pub fn redact_tokens(line: &str) -> Cow<'_, str> {
    static TOKEN: OnceLock<Option<regex::Regex>> = OnceLock::new();
    match TOKEN.get_or_init(|| regex::Regex::new(r#"(?i)(\btoken=)[^;'"\s)]+"#).ok()) {
        Some(pattern) => pattern.replace_all(line, "${1}***"),
        None => Cow::Borrowed(line),
    }
}

/// The history file, created (mode 0600) if missing; None when it cannot be.
pub fn history_file() -> Option<PathBuf> {
    let directories = directories::ProjectDirs::from("", "", "ember")?;
    let directory = directories.data_dir();
    std::fs::create_dir_all(directory).ok()?;
    let path = directory.join("history");
    if !path.exists() {
        create_private(&path).ok()?;
    }
    Some(path)
}

fn create_private(path: &Path) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path).map(|_| ())
}

/// Makes the file private again after rustyline rewrote it.
pub fn keep_private(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600));
    }
}

#[cfg(test)]
mod tests {
    use super::redact_tokens;

    #[test]
    fn tokens_never_reach_the_history() {
        assert_eq!(redact_tokens(r#"SparkSession.builder.remote("sc://h:443/;token=s3cr3t;use_ssl=true").getOrCreate()"#), r#"SparkSession.builder.remote("sc://h:443/;token=***;use_ssl=true").getOrCreate()"#);
        assert_eq!(redact_tokens("x = 'sc://h/;Token=abc'"), "x = 'sc://h/;Token=***'");
        assert_eq!(redact_tokens("spark.range(3).count()"), "spark.range(3).count()");
    }
}
