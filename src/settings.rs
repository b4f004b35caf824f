//! Resolved run settings: what `techspec.toml` and the command line decided.

use std::collections::HashMap;

use crate::diagnostic::Severity;

/// A check's configured level.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Off,
    On(Severity),
}

/// Settings the checks read.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Words allowed in a spec, code excluded.
    pub word_budget: usize,
    /// Files larger than this are reported and not read.
    pub max_file_size: u64,
    /// Per-check overrides, by code.
    pub levels: HashMap<&'static str, Level>,
    /// The project's language (`go`, `python`...), when known.
    pub project_lang: Option<String>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            word_budget: 2500,
            max_file_size: 10 * 1024 * 1024,
            levels: HashMap::new(),
            project_lang: None,
        }
    }
}

impl Settings {
    /// The level of a check: the configured override, else its default.
    pub fn level(&self, code: &str, default: Severity) -> Level {
        self.levels.get(code).copied().unwrap_or(Level::On(default))
    }
}
