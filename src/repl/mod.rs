//! The interactive shell: PySpark's banner, then a rustyline loop that reads lines,
//! asks Python's `codeop` (through `code.InteractiveInterpreter`) whether the input is
//! complete, and runs it. The loop only reads, classifies and dispatches; completion and
//! highlighting live in their own modules behind one rustyline `Helper`.
mod completer;
mod helper;
pub mod highlighter;
mod history;

use pyo3::prelude::*;
use pyo3::types::PyDict;
use rustyline::config::{BellStyle, CompletionType, Config, EditMode};
use rustyline::error::ReadlineError;
use rustyline::history::FileHistory;
use rustyline::Editor;

use crate::settings::{EditStyle, Settings};
use helper::ShellHelper;

/// PySpark's start-up banner (`pyspark/shell.py`), with the web UI's address and the
/// application id of the shell's `sc`.
pub fn banner(py: Python<'_>, master: &str, namespace: &Bound<'_, PyDict>) -> PyResult<String> {
    let platform = py.import("platform")?;
    let version: String = platform.call_method0("python_version")?.extract()?;
    let build: (String, String) = platform.call_method0("python_build")?.extract()?;
    let sc = namespace.get_item("sc")?;
    let app_id: String = match &sc {
        Some(sc) => sc.getattr("applicationId")?.extract()?,
        None => String::new(),
    };
    let ui_url: Option<String> = match &sc {
        Some(sc) => sc.getattr("uiWebUrl")?.extract()?,
        None => None,
    };
    // Spark Connect's shell names the server it is connected to (pyspark/shell.py).
    let context = match master.strip_prefix("sc://") {
        Some(rest) => format!("Client connected to the Spark Connect server at {}", rest.split(['/', '?', '#']).next().unwrap_or(rest)),
        None => {
            let ui = ui_url.map(|url| format!("Spark context Web UI available at {url}\n")).unwrap_or_default();
            format!("{ui}Spark context available as 'sc' (master = {master}, app id = {app_id}).")
        }
    };
    Ok(format!(
        "Welcome to\n      ____              __\n     / __/__  ___ _____/ /__\n    _\\ \\/ _ \\/ _ `/ __/  '_/\n   /__ / .__/\\_,_/_/ /_/\\_\\   version {}\n      /_/\n\nUsing Python version {version} ({}, {})\n{context}\nSparkSession available as 'spark'.\n",
        crate::settings::SPARK_VERSION, build.0, build.1
    ))
}

/// The indentation to pre-fill after `lines`: the last line's, one level deeper after a
/// colon, one level shallower after `return`, `pass`, `break`, `continue` or `raise`.
fn next_indent(lines: &[String]) -> String {
    let Some(last) = lines.iter().rev().find(|l| !l.trim().is_empty()) else { return String::new() };
    let indent = last.len() - last.trim_start().len();
    let code = last.split('#').next().unwrap_or("").trim_end();
    let first_word = last.trim_start().split(|c: char| !c.is_alphanumeric() && c != '_').next().unwrap_or("");
    let width = if code.ends_with(':') {
        indent + 4
    } else if matches!(first_word, "return" | "pass" | "break" | "continue" | "raise") {
        indent.saturating_sub(4)
    } else {
        indent
    };
    " ".repeat(width)
}

fn editor(settings: &Settings, helper: ShellHelper) -> rustyline::Result<Editor<ShellHelper, FileHistory>> {
    let mode = match settings.edit_mode {
        EditStyle::Emacs => EditMode::Emacs,
        EditStyle::Vi => EditMode::Vi,
    };
    let config = Config::builder()
        .edit_mode(mode)
        .max_history_size(settings.history_size)?
        .history_ignore_dups(true)?
        .completion_type(CompletionType::List)
        .bell_style(BellStyle::None)
        .bracketed_paste(true)
        .build();
    let mut editor = Editor::with_config(config)?;
    editor.set_helper(Some(helper));
    Ok(editor)
}

/// Prints the banner and runs the interactive loop until Ctrl-D, `exit()` or
/// `SystemExit`; the history is saved on the way out.
pub fn run(py: Python<'_>, namespace: &Bound<'_, PyDict>, settings: &Settings) -> PyResult<()> {
    let sys = py.import("sys")?;
    sys.getattr("stdout")?.call_method1("write", (banner(py, &settings.master, namespace)?,))?;
    let interpreter = py.import("ember.shell")?.call_method1("interpreter", (namespace,))?;
    let magics = py.import("ember.magics")?;
    let color = std::env::var_os("NO_COLOR").is_none() && settings.theme != "none";
    let highlighter = color.then(|| highlighter::SyntaxHighlighter::start_loading(&settings.theme));
    let helper = ShellHelper { completer: completer::PythonCompleter::new(namespace.clone().unbind()), highlighter };
    let mut editor = editor(settings, helper).map_err(|e| pyo3::exceptions::PyOSError::new_err(e.to_string()))?;
    // rustyline's terminal takes SIGINT for as long as the editor lives. At the prompt the
    // terminal is raw, so Ctrl-C is a key; while code runs, SIGINT must reach Python, so
    // that it raises KeyboardInterrupt and stops the running job.
    let signal = py.import("signal")?;
    signal.call_method1("signal", (signal.getattr("SIGINT")?, signal.getattr("default_int_handler")?))?;
    let history = history::history_file();
    if let Some(path) = &history {
        let _ = editor.load_history(path);
    }
    let mut lines: Vec<String> = Vec::new();
    let outcome = loop {
        let prompt = if lines.is_empty() { ">>> " } else { "... " };
        // `%load` leaves the file's code as the next input.
        let loaded: String = if lines.is_empty() { magics.call_method0("take_next_input")?.extract()? } else { String::new() };
        let indent = if !loaded.is_empty() {
            loaded
        } else if lines.is_empty() {
            String::new()
        } else {
            next_indent(&lines)
        };
        sys.getattr("stdout")?.call_method0("flush")?;
        // Other Python threads run while the shell waits for a key.
        let read = py.detach(|| editor.readline_with_initial(prompt, (&indent, "")));
        match read {
            Ok(text) => {
                // A bracketed paste brings several lines at once; each is fed in turn.
                let mut result = Ok(());
                for line in text.split('\n') {
                    lines.push(if line.trim().is_empty() { String::new() } else { line.to_string() });
                    let source = lines.join("\n");
                    match interpreter.call_method1("runsource", (&source, "<stdin>", "single")) {
                        Ok(more) if more.is_truthy().unwrap_or(false) => {}
                        Ok(_) => {
                            let _ = editor.add_history_entry(history::redact_tokens(source.trim_end()).as_ref());
                            lines.clear();
                        }
                        Err(error) => {
                            result = Err(error);
                            break;
                        }
                    }
                }
                if let Err(error) = result {
                    break Err(error);
                }
            }
            // Ctrl-C at the prompt clears the input.
            Err(ReadlineError::Interrupted) => lines.clear(),
            Err(ReadlineError::Eof) => break Ok(()),
            Err(error) => break Err(pyo3::exceptions::PyOSError::new_err(error.to_string())),
        }
    };
    if let Some(path) = &history {
        if editor.save_history(path).is_ok() {
            history::keep_private(path);
        }
    }
    outcome
}

#[cfg(test)]
mod tests {
    use super::next_indent;

    fn lines(text: &[&str]) -> Vec<String> {
        text.iter().map(|l| l.to_string()).collect()
    }

    #[test]
    fn indents_after_a_colon_and_dedents_after_return() {
        assert_eq!(next_indent(&lines(&["def f(x):"])), "    ");
        assert_eq!(next_indent(&lines(&["def f(x):", "    y = x"])), "    ");
        assert_eq!(next_indent(&lines(&["def f(x):", "    if x:  # note"])), "        ");
        assert_eq!(next_indent(&lines(&["def f(x):", "    return x"])), "");
        assert_eq!(next_indent(&lines(&["d = {'a': 1,"])), "");
    }
}
