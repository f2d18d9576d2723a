//! Where the shell keeps its history: `history` in the platform data directory (the
//! `directories` crate), created with mode 0600. A missing or read-only home means no
//! history, never a failure.
use std::path::{Path, PathBuf};

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
