//! Resolved run settings: what `techspec.toml` and the command line decided.

use std::collections::HashMap;

use crate::model::diagnostic::Severity;

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
    /// Where the word budget came from when not the default (a project's
    /// create-techspec command, `techspec.toml`).
    pub word_budget_source: Option<String>,
    /// Lines per code example, replacing the template's own limit where it
    /// states one (a project's create-techspec command says "≤ 20 lines").
    pub example_limit: Option<usize>,
    /// Where `example_limit` came from.
    pub example_limit_source: Option<String>,
    /// Lines allowed in any code block (`max-code-lines`).
    pub max_code_lines: usize,
    /// Per-section `max-code-lines`, by section title or identity (lower-case).
    pub section_code_lines: Vec<(String, usize)>,
    /// Code lines allowed in a whole spec (`code-budget`).
    pub code_budget: usize,
    /// Which of the limits `techspec.toml` or the command line set (a
    /// project's stated targets never replace them).
    pub explicit: Explicit,
}

/// Limits set explicitly, which a project's stated targets do not override.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Explicit {
    pub word_budget: bool,
    pub example_limit: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            word_budget: 2500,
            max_file_size: 10 * 1024 * 1024,
            levels: HashMap::new(),
            project_lang: None,
            word_budget_source: None,
            example_limit: None,
            example_limit_source: None,
            max_code_lines: 40,
            section_code_lines: Vec::new(),
            code_budget: 150,
            explicit: Explicit::default(),
        }
    }
}

impl Settings {
    /// The level of a check: the configured override, else its default.
    pub fn level(&self, code: &str, default: Severity) -> Level {
        self.levels.get(code).copied().unwrap_or(Level::On(default))
    }

    /// These settings with a project's stated targets as defaults (a limit
    /// set in `techspec.toml` or on the command line is kept). `None` when
    /// the targets change nothing.
    pub fn with_targets(&self, t: &crate::project::targets::Targets) -> Option<Settings> {
        let words = t.words.as_ref().filter(|_| !self.explicit.word_budget);
        let lines = t
            .example_lines
            .as_ref()
            .filter(|_| !self.explicit.example_limit);
        if words.is_none() && lines.is_none() {
            return None;
        }
        let mut s = self.clone();
        if let Some(w) = words {
            s.word_budget = w.value;
            s.word_budget_source = Some(w.source.clone());
        }
        if let Some(l) = lines {
            s.example_limit = Some(l.value);
            s.example_limit_source = Some(l.source.clone());
        }
        Some(s)
    }

    /// The per-example line limit of a section whose template limit is
    /// `template` (`None`: the section has none).
    pub fn example_limit(&self, template: Option<usize>) -> Option<usize> {
        template.map(|t| self.example_limit.unwrap_or(t))
    }

    /// The `max-code-lines` configured for a section known by any of
    /// `names` (its heading, template title or identity).
    pub fn section_max_code_lines(&self, names: &[&str]) -> Option<usize> {
        self.section_code_lines
            .iter()
            .find(|(k, _)| names.iter().any(|n| n.eq_ignore_ascii_case(k)))
            .map(|&(_, n)| n)
    }
}
