//! Writes the shell-completion scripts (`completions/`) and the man page (`man/pyspark.1`)
//! from the clap definition in `cli.rs`: `pyspark ember-generate DIR`. The repository
//! keeps the generated files; `tests/cli.rs` fails when they are stale.
use std::path::Path;

use clap::CommandFactory;
use clap_complete::Shell;

/// Generates `DIR/completions/{pyspark.bash,_pyspark,pyspark.fish}` and `DIR/man/pyspark.1`.
pub fn generate(directory: &Path) -> std::io::Result<()> {
    let completions = directory.join("completions");
    std::fs::create_dir_all(&completions)?;
    for shell in [Shell::Bash, Shell::Zsh, Shell::Fish] {
        let mut command = crate::cli::Cli::command();
        clap_complete::generate_to(shell, &mut command, "pyspark", &completions)?;
    }
    let man = directory.join("man");
    std::fs::create_dir_all(&man)?;
    let mut page = Vec::new();
    clap_mangen::Man::new(crate::cli::Cli::command()).render(&mut page)?;
    std::fs::write(man.join("pyspark.1"), page)
}
