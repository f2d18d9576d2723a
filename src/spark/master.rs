//! Spark's master URLs as Ember reads them: `local`, `local[N]` and `local[*]` run the
//! embedded engine on N threads; `sc://…` is a Spark Connect server. The one place a
//! master is parsed (the command line, `pyspark._native` and the Python `SparkContext`
//! all ask here).

/// What a master URL names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Master {
    /// The embedded engine with this many threads.
    Local(usize),
    /// A Spark Connect connection string, checked later by the Connect client's rules.
    Connect(String),
}

/// Reads a master URL; `None` for a master Ember does not run (`yarn`, `local[0]`).
pub fn parse(master: &str) -> Option<Master> {
    if master.starts_with("sc://") {
        return Some(Master::Connect(master.to_string()));
    }
    if master == "local" {
        return Some(Master::Local(1));
    }
    let (threads, failures) = local_parts(master)?;
    if failures == Some(0) {
        return None;
    }
    match threads {
        "*" => Some(Master::Local(std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1))),
        n => n.parse::<usize>().ok().filter(|n| *n > 0).map(Master::Local),
    }
}

/// The N and F of `local[N]` and `local[N,F]` (`N` may be `*`); F is None when absent, and
/// the whole is None when F is not a number.
fn local_parts(master: &str) -> Option<(&str, Option<usize>)> {
    let inside = master.strip_prefix("local[")?.strip_suffix(']')?;
    match inside.split_once(',') {
        None => Some((inside.trim(), None)),
        Some((threads, failures)) => Some((threads.trim(), Some(failures.trim().parse().ok()?))),
    }
}

/// How many times a task may fail before its job does: F of `local[N,F]`, else 1 (Spark
/// runs local tasks once unless the master says otherwise; `spark.task.maxFailures`
/// applies to clusters, not to local masters).
pub fn max_failures(master: &str) -> usize {
    local_parts(master).and_then(|(_, failures)| failures).unwrap_or(1).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masters_read_as_spark_names_them() {
        assert_eq!(parse("local"), Some(Master::Local(1)));
        assert_eq!(parse("local[3]"), Some(Master::Local(3)));
        assert!(matches!(parse("local[*]"), Some(Master::Local(n)) if n >= 1));
        assert_eq!(parse("sc://host:15002"), Some(Master::Connect("sc://host:15002".into())));
        assert_eq!(parse("yarn"), None);
        assert_eq!(parse("local[0]"), None);
        assert_eq!(parse("local[2,3]"), Some(Master::Local(2)));
        assert_eq!(parse("local[2, 3]"), Some(Master::Local(2)));
        assert_eq!(parse("local[2,x]"), None);
        assert_eq!(max_failures("local[2,3]"), 3);
        assert_eq!(max_failures("local[*,4]"), 4);
        assert_eq!(max_failures("local[2]"), 1);
        assert_eq!(max_failures("local"), 1);
        assert_eq!(parse("local[x]"), None);
    }
}
