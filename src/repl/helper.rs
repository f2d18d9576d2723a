//! The rustyline `Helper` of the shell: completion and highlighting each come from their
//! own module (as in evcxr and nushell); there are no hints, and completeness is decided
//! by the loop with Python's `codeop`. A panic in either is caught where rustyline calls
//! it, so that a bug there costs the completions or the colour of one line, not the
//! session with its terminal left in raw mode.
use std::borrow::Cow;

use rustyline::completion::{Completer, Pair};
use rustyline::highlight::{CmdKind, Highlighter};
use rustyline::hint::Hinter;
use rustyline::validate::Validator;
use rustyline::{Context, Helper};

use crate::spark::error::catch_quietly;

use super::completer::PythonCompleter;
use super::highlighter::SyntaxHighlighter;

pub struct ShellHelper {
    pub completer: PythonCompleter,
    /// None when colour is off (`NO_COLOR`, or output that is not a terminal).
    pub highlighter: Option<SyntaxHighlighter>,
}

impl Completer for ShellHelper {
    type Candidate = Pair;

    fn complete(&self, line: &str, pos: usize, _ctx: &Context<'_>) -> rustyline::Result<(usize, Vec<Pair>)> {
        Ok(catch_quietly(|| self.completer.complete(line, pos)).unwrap_or((pos, Vec::new())))
    }
}

impl Hinter for ShellHelper {
    type Hint = String;
}

impl Highlighter for ShellHelper {
    fn highlight<'l>(&self, line: &'l str, _pos: usize) -> Cow<'l, str> {
        match self.highlighter.as_ref().and_then(|h| catch_quietly(|| h.highlight(line)).ok().flatten()) {
            Some(text) => Cow::Owned(text),
            None => Cow::Borrowed(line),
        }
    }

    fn highlight_char(&self, _line: &str, _pos: usize, kind: CmdKind) -> bool {
        self.highlighter.is_some() && kind != CmdKind::MoveCursor
    }
}

impl Validator for ShellHelper {}

impl Helper for ShellHelper {}
