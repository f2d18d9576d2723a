//! Tab completion: asks `ember.completion.complete` (Python names, attributes,
//! dict keys, keyword arguments, DataFrame columns, file paths) about the text before the
//! cursor, in the session's namespace. It never runs a Spark job.
use pyo3::prelude::*;
use pyo3::types::PyDict;
use rustyline::completion::Pair;

/// Completes against the live `__main__` namespace.
pub struct PythonCompleter {
    namespace: Py<PyDict>,
}

impl PythonCompleter {
    pub fn new(namespace: Py<PyDict>) -> Self {
        PythonCompleter { namespace }
    }

    /// `(start, candidates)` for `line[..pos]`; no candidates when completion fails.
    pub fn complete(&self, line: &str, pos: usize) -> (usize, Vec<Pair>) {
        let text = line.get(..pos).unwrap_or(line);
        Python::attach(|py| -> PyResult<(usize, Vec<Pair>)> {
            let module = py.import("ember.completion")?;
            let (start, candidates): (usize, Vec<String>) = module.call_method1("complete", (text, self.namespace.bind(py)))?.extract()?;
            // Python counts characters; rustyline wants a byte offset.
            let start = text.char_indices().nth(start).map_or(text.len(), |(i, _)| i);
            let pairs = candidates.into_iter().map(|c| Pair { display: c.clone(), replacement: c }).collect();
            Ok((start, pairs))
        })
        .unwrap_or((pos, Vec::new()))
    }
}
