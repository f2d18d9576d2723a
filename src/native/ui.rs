//! Python's view of the web UI (`crate::ui`): starting it for the SparkContext, and the
//! session facts it asks Python for (the environment and the storage list, from
//! `pyspark._ember_ui`).
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use pyo3::prelude::*;
use serde_json::Value;

use super::{guarded, Session};
use crate::ui::{self, api::Application, UiConfig, UiSource};

/// Asks `pyspark._ember_ui` for a JSON document; Null when Python cannot answer.
fn ask_python(function: &str) -> Value {
    Python::attach(|py| {
        let text: PyResult<String> = py.import("pyspark._ember_ui").and_then(|m| m.call_method0(function)).and_then(|v| v.extract());
        match text {
            Ok(text) => serde_json::from_str(&text).unwrap_or(Value::Null),
            Err(error) => {
                error.display(py);
                Value::Null
            }
        }
    })
}

struct PythonSource;

impl UiSource for PythonSource {
    fn environment(&self) -> Value {
        ask_python("environment_json")
    }

    fn storage(&self) -> Value {
        ask_python("storage_json")
    }
}

/// Starts the web UI on the session's engine threads, on 127.0.0.1 at `port` or one of
/// the `max_retries` after it (`spark.ui.port`, `spark.port.maxRetries`), and returns its
/// URL with the access token (`sc.uiWebUrl`). Raises `OSError` when no port is free.
#[pyfunction]
#[pyo3(signature = (session, port, max_retries, app_id, app_name, start_ms, user))]
#[allow(clippy::too_many_arguments)]
pub fn start_ui(session: &Session, port: u16, max_retries: u16, app_id: String, app_name: String, start_ms: u64, user: String) -> PyResult<String> {
    guarded(|| {
        let application = Application { id: app_id, name: app_name, start_time: SystemTime::UNIX_EPOCH + Duration::from_millis(start_ms), user, cores: session.backend.parallelism() };
        let config = UiConfig { port, max_retries, application };
        let server = ui::start(session.backend.runtime().handle(), config, Arc::new(PythonSource))?;
        Ok(server.url)
    })
}

/// The running web UI's URL, or None.
#[pyfunction]
pub fn ui_url() -> PyResult<Option<String>> {
    guarded(|| Ok(ui::running().map(|server| server.url)))
}
