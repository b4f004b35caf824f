//! Progress reporting for [`super::rank`].

use std::io::IsTerminal;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// A progress report from [`super::rank`]: sent every few dozen files from
/// the walker threads, and once more with `done` set when the walk ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Progress {
    /// Files read so far (text or binary, excluded files not counted).
    pub files: u64,
    /// Bytes read so far.
    pub bytes: u64,
    /// The walk is over; no report follows.
    pub done: bool,
}

/// Delay before [`StderrProgress`] shows anything.
pub const SHOW_AFTER: Duration = Duration::from_millis(300);

/// A spinner on stderr for command-line use: it appears only when stderr is a
/// terminal and the run has lasted longer than [`SHOW_AFTER`], and it is
/// cleared when the walk is done.
///
/// ```no_run
/// use techspec::project::files::{rank, FileQuery, StderrProgress};
/// let bar = StderrProgress::new();
/// let hits = rank(".".as_ref(), &FileQuery::new("refund payments"), &|p| bar.report(p));
/// ```
#[derive(Debug)]
pub struct StderrProgress {
    start: Instant,
    enabled: bool,
    bar: OnceLock<ProgressBar>,
}

impl Default for StderrProgress {
    fn default() -> Self {
        Self::new()
    }
}

impl StderrProgress {
    /// Starts the clock; shows nothing yet.
    pub fn new() -> Self {
        Self {
            start: Instant::now(),
            enabled: std::io::stderr().is_terminal(),
            bar: OnceLock::new(),
        }
    }

    /// Feeds one report; pass `|p| bar.report(p)` as the callback of
    /// [`super::rank`].
    pub fn report(&self, p: Progress) {
        if p.done {
            if let Some(bar) = self.bar.get() {
                bar.finish_and_clear();
            }
            return;
        }
        if !self.enabled || self.start.elapsed() < SHOW_AFTER {
            return;
        }
        let bar = self.bar.get_or_init(|| {
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
            bar.set_style(
                ProgressStyle::with_template("{spinner} scanning files: {msg}")
                    .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            );
            bar.enable_steady_tick(Duration::from_millis(100));
            bar
        });
        bar.set_message(format!("{} files, {:.1} MB", p.files, p.bytes as f64 / 1e6));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn silent_before_delay_and_when_done() {
        let p = StderrProgress::new();
        p.report(Progress {
            files: 1,
            bytes: 1,
            done: false,
        });
        assert!(p.bar.get().is_none());
        p.report(Progress {
            files: 1,
            bytes: 1,
            done: true,
        });
        assert!(p.bar.get().is_none());
    }
}
