//! The console progress bar: Spark's `ConsoleProgressBar`, drawn on stderr with crossterm.
//!
//! Every `spark.ui.consoleProgress.update.interval` milliseconds (200 by default) the active
//! stages that have run for more than 500 ms are drawn on one line, at most 3 side by side,
//! each as `[Stage 3:=====>        (12 + 2) / 40]` over its share of the terminal's width.
//! When a job ends the line is cleared, and nothing is drawn for the next 500 ms. The bar
//! is drawn only while a job runs, so it never sits under the prompt or the output.
use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use crossterm::cursor::MoveToColumn;
use crossterm::style::Print;
use crossterm::terminal::{Clear, ClearType};

use crate::jobs::{self, JobListener, StageInfo};

/// How long a stage runs before it is drawn, and how long after a job's end nothing is
/// drawn (Spark's `firstDelayMSec`).
pub const FIRST_DELAY: Duration = Duration::from_millis(500);

/// The bar of `stages` on a terminal `width` columns wide (Spark's `ConsoleProgressBar.show`).
pub fn render(stages: &[StageInfo], width: usize) -> String {
    if stages.is_empty() {
        return String::new();
    }
    let share = width / stages.len();
    stages
        .iter()
        .map(|s| {
            let header = format!("[Stage {}:", s.stage_id);
            let tailer = format!("({} + {}) / {}]", s.completed, s.running, s.num_tasks);
            let room = share as isize - header.len() as isize - tailer.len() as isize;
            let bar: String = if room > 0 && s.num_tasks > 0 {
                let room = room as usize;
                let filled = room * s.completed / s.num_tasks;
                (0..room).map(|i| if i < filled { '=' } else if i == filled { '>' } else { ' ' }).collect()
            } else {
                String::new()
            };
            format!("{header}{bar}{tailer}")
        })
        .collect()
}

/// What the bar last drew and when; the clock is passed in (tests use a fake one).
#[derive(Debug, Default)]
pub struct BarState {
    last_finish: Option<Instant>,
    last_bar: String,
    last_update: Option<Instant>,
}

/// What to do to the terminal's line.
#[derive(Debug, PartialEq, Eq)]
pub enum Draw {
    /// Draw this bar over the line.
    Bar(String),
    /// Clear the line.
    Clear,
}

impl BarState {
    /// The drawing for `active` stages at `now` on a terminal `width` wide, if the line
    /// must change (Spark's `refresh`: stages shown after 500 ms, at most 3, redrawn when
    /// the bar changes or after a minute).
    pub fn refresh(&mut self, now: Instant, active: &[StageInfo], width: usize) -> Option<Draw> {
        if self.last_finish.is_some_and(|finish| now.duration_since(finish) < FIRST_DELAY) {
            return None;
        }
        let mut shown: Vec<StageInfo> = active
            .iter()
            .filter(|s| s.submitted.is_some_and(|submitted| now.saturating_duration_since(submitted) > FIRST_DELAY))
            .cloned()
            .collect();
        shown.sort_by_key(|s| s.stage_id);
        shown.truncate(3);
        if shown.is_empty() {
            return None;
        }
        let bar = render(&shown, width);
        let stale = self.last_update.is_none_or(|last| now.duration_since(last) > Duration::from_secs(60));
        let draw = (bar != self.last_bar || stale).then(|| Draw::Bar(bar.clone()));
        if draw.is_some() {
            self.last_update = Some(now);
        }
        self.last_bar = bar;
        draw
    }

    /// A job ended at `now`: the line is cleared if a bar is on it (Spark's `finishAll`).
    pub fn finish(&mut self, now: Instant) -> Option<Draw> {
        self.last_finish = Some(now);
        if self.last_bar.is_empty() {
            return None;
        }
        self.last_bar.clear();
        Some(Draw::Clear)
    }
}

static BAR: OnceLock<Arc<ConsoleProgressBar>> = OnceLock::new();

/// The bar on this process's stderr.
pub struct ConsoleProgressBar {
    state: Mutex<BarState>,
    settings: Mutex<(bool, Duration)>,
}

impl ConsoleProgressBar {
    /// The process's bar, if it was started.
    pub fn existing() -> Option<Arc<ConsoleProgressBar>> {
        BAR.get().cloned()
    }

    /// The process's bar; its drawing thread starts on first use.
    pub fn get() -> Arc<ConsoleProgressBar> {
        BAR.get_or_init(|| {
            let bar = Arc::new(ConsoleProgressBar { state: Mutex::new(BarState::default()), settings: Mutex::new((false, Duration::from_millis(200))) });
            jobs::registry().set_listener(Some(bar.clone()));
            let drawer = bar.clone();
            let _ = std::thread::Builder::new().name("ember-progress".into()).spawn(move || drawer.run());
            bar
        })
        .clone()
    }

    /// Turns the bar on or off and sets its refresh interval
    /// (`spark.ui.showConsoleProgress`, `spark.ui.consoleProgress.update.interval`).
    pub fn configure(&self, enabled: bool, interval: Duration) {
        *self.settings.lock().unwrap_or_else(|p| p.into_inner()) = (enabled, interval.max(Duration::from_millis(10)));
    }

    fn run(&self) {
        loop {
            let (enabled, interval) = *self.settings.lock().unwrap_or_else(|p| p.into_inner());
            std::thread::sleep(interval);
            if !enabled {
                continue;
            }
            let active = jobs::registry().active_stages();
            let draw = self.state.lock().unwrap_or_else(|p| p.into_inner()).refresh(Instant::now(), &active, terminal_width());
            if let Some(draw) = draw {
                paint(&draw);
            }
        }
    }
}

impl JobListener for ConsoleProgressBar {
    fn job_ended(&self) {
        let draw = self.state.lock().unwrap_or_else(|p| p.into_inner()).finish(Instant::now());
        if let Some(draw) = draw {
            paint(&draw);
        }
    }
}

/// The terminal's width (Spark reads `COLUMNS`, else 80; Ember asks the terminal first).
fn terminal_width() -> usize {
    crossterm::terminal::size()
        .ok()
        .map(|(columns, _)| columns as usize)
        .filter(|&c| c > 0)
        .or_else(|| std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok()))
        .unwrap_or(80)
}

/// Draws on stderr: the bar from the line's start, the cursor left at the start, so that
/// whatever prints next overwrites it; or a cleared line.
fn paint(draw: &Draw) {
    let mut stderr = std::io::stderr().lock();
    let _ = match draw {
        Draw::Bar(bar) => crossterm::queue!(stderr, MoveToColumn(0), Print(bar), MoveToColumn(0)),
        Draw::Clear => crossterm::queue!(stderr, MoveToColumn(0), Clear(ClearType::CurrentLine)),
    };
    let _ = stderr.flush();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stage(stage_id: usize, num_tasks: usize, completed: usize, running: usize, submitted: Option<Instant>) -> StageInfo {
        StageInfo { completed, running, submitted, ..StageInfo::new(stage_id, 0, String::new(), num_tasks) }
    }

    #[test]
    fn one_stage_spans_the_width() {
        let bar = render(&[stage(3, 40, 12, 2, None)], 40);
        // 40 - 9 ("[Stage 3:") - 14 ("(12 + 2) / 40]") = 17 columns, 17 * 12 / 40 = 5 done.
        assert_eq!(bar, "[Stage 3:=====>           (12 + 2) / 40]");
        assert_eq!(bar.len(), 40);
        assert_eq!(render(&[stage(0, 4, 0, 4, None)], 30), "[Stage 0:>        (0 + 4) / 4]");
        assert_eq!(render(&[stage(1, 2, 2, 0, None)], 30), "[Stage 1:=========(2 + 0) / 2]");
    }

    #[test]
    fn stages_share_the_width_and_a_narrow_terminal_drops_the_bar() {
        let bar = render(&[stage(1, 10, 5, 1, None), stage(2, 4, 0, 2, None)], 60);
        // Each gets 30 columns: 8 and 9 for the bars.
        assert_eq!(bar, "[Stage 1:====>   (5 + 1) / 10][Stage 2:>        (0 + 2) / 4]");
        assert_eq!(render(&[stage(12, 100, 50, 8, None)], 20), "[Stage 12:(50 + 8) / 100]");
    }

    #[test]
    fn a_stage_shows_after_500_ms_at_most_three_and_clears_when_the_job_ends() {
        let t0 = Instant::now();
        let at = |ms: u64| t0 + Duration::from_millis(ms);
        let mut state = BarState::default();
        let stages = vec![stage(0, 4, 1, 3, Some(t0)), stage(1, 2, 0, 2, Some(at(300))), stage(2, 2, 0, 1, Some(t0)), stage(3, 2, 0, 1, Some(t0)), stage(4, 2, 0, 1, Some(t0))];
        assert_eq!(state.refresh(at(400), &stages, 80), None, "nothing runs for 500 ms yet");
        let Some(Draw::Bar(bar)) = state.refresh(at(600), &stages, 80) else { panic!("no bar") };
        assert_eq!(bar, "[Stage 0:=>   (1 + 3) / 4][Stage 2:>    (0 + 1) / 2][Stage 3:>    (0 + 1) / 2]");
        assert_eq!(state.refresh(at(800), &stages, 80), None, "an unchanged bar is not redrawn");
        assert_eq!(state.finish(at(900)), Some(Draw::Clear));
        assert_eq!(state.refresh(at(1200), &stages, 80), None, "nothing within 500 ms of a job's end");
        assert!(matches!(state.refresh(at(1500), &stages, 80), Some(Draw::Bar(_))));
        assert_eq!(state.finish(at(1600)), Some(Draw::Clear));
        assert_eq!(state.finish(at(1700)), None, "a clear line is not cleared again");
    }

    #[test]
    fn an_unchanged_bar_is_redrawn_after_a_minute() {
        let t0 = Instant::now();
        let mut state = BarState::default();
        let stages = vec![stage(0, 4, 1, 3, Some(t0))];
        assert!(state.refresh(t0 + Duration::from_secs(1), &stages, 40).is_some());
        assert!(state.refresh(t0 + Duration::from_secs(30), &stages, 40).is_none());
        assert!(state.refresh(t0 + Duration::from_secs(62), &stages, 40).is_some());
    }
}
