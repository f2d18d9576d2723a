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
    match master.strip_prefix("local[")?.strip_suffix(']')? {
        "*" => Some(Master::Local(std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1))),
        n => n.parse::<usize>().ok().filter(|n| *n > 0).map(Master::Local),
    }
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
        assert_eq!(parse("local[x]"), None);
    }
}
