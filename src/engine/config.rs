//! `techspec.toml`: found by walking up from the current directory.
//!
//! ```toml
//! template = "standard"          # a template name or a path to a .md file
//! specs = ["**/techspec.md"]     # globs of spec files, relative to this file
//! exclude = ["vendor/**"]
//! word-budget = 2500
//! max-code-lines = 40            # lines in any one code block
//! code-budget = 150              # code lines in the whole spec
//! example-lines = 20             # lines per example where the template limits them
//! max-file-size = 10485760
//! lang = "go"                    # the project's language, if not detected
//! baseline = "techspec-baseline.json"  # report only findings not in it
//!
//! [checks]
//! unknown-section = "off"        # code or name = "error" | "warning" | "info" | "off"
//! TS205 = "error"
//!
//! [max-code-lines-per-section]   # by section title or identity
//! "Data Models" = 80
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::engine::checks;
use crate::engine::settings::{Level, Settings};
use crate::model::diagnostic::Severity;

pub const FILE_NAME: &str = "techspec.toml";

/// The file's contents. Unknown keys are errors.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ConfigFile {
    pub template: Option<String>,
    pub specs: Option<Vec<String>>,
    pub exclude: Option<Vec<String>>,
    pub word_budget: Option<usize>,
    pub max_code_lines: Option<usize>,
    pub code_budget: Option<usize>,
    pub example_lines: Option<usize>,
    pub max_code_lines_per_section: Option<BTreeMap<String, usize>>,
    pub max_file_size: Option<u64>,
    pub lang: Option<String>,
    pub checks: Option<BTreeMap<String, String>>,
    /// The baseline file of `check` and `report` (relative to this file's folder).
    pub baseline: Option<String>,
}

/// A loaded configuration.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// The file it was read from (`None`: defaults).
    pub path: Option<PathBuf>,
    pub file: ConfigFile,
    /// The `[checks]` table, validated, by check code.
    pub levels: Vec<(&'static str, Level)>,
}

/// Errors reading `techspec.toml`.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: {message}")]
    Invalid { path: PathBuf, message: String },
    #[error("{path}:{line}: [checks] {key}: {message}")]
    BadCheck {
        path: PathBuf,
        line: usize,
        key: String,
        message: String,
    },
}

impl Config {
    /// The nearest `techspec.toml` at or above `start`.
    pub fn find(start: &Path) -> Option<PathBuf> {
        let abs = std::path::absolute(start).ok()?;
        abs.ancestors()
            .map(|d| d.join(FILE_NAME))
            // A server skips a config outside its workspace (or linked out of it).
            .find(|p| p.is_file() && crate::io::confine::allows(p))
    }

    /// Loads a config file.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let read = |source| ConfigError::Read {
            path: path.to_path_buf(),
            source,
        };
        crate::io::confine::check(path).map_err(read)?;
        let text = std::fs::read_to_string(path).map_err(read)?;
        Self::parse(path, &text)
    }

    /// Parses config text (`path` is for messages).
    pub fn parse(path: &Path, text: &str) -> Result<Config, ConfigError> {
        let file: ConfigFile = toml::from_str(text).map_err(|e| ConfigError::Invalid {
            path: path.to_path_buf(),
            message: clean_toml_error(text, &e),
        })?;
        let mut config = Config {
            path: Some(path.to_path_buf()),
            file,
            levels: Vec::new(),
        };
        config.levels = config.levels(text)?;
        Ok(config)
    }

    /// The directory holding the config (the project root), if any.
    pub fn root(&self) -> Option<&Path> {
        self.path.as_deref().and_then(Path::parent)
    }

    fn levels(&self, text: &str) -> Result<Vec<(&'static str, Level)>, ConfigError> {
        let mut out = Vec::new();
        let Some(checks) = &self.file.checks else {
            return Ok(out);
        };
        for (key, value) in checks {
            let line = text
                .lines()
                .position(|l| {
                    let l = l.trim_start();
                    l.starts_with(key.as_str()) || l.starts_with(&format!("\"{key}\""))
                })
                .map_or(1, |i| i + 1);
            let bad = |message: String| ConfigError::BadCheck {
                path: self.path.clone().unwrap_or_default(),
                line,
                key: key.clone(),
                message,
            };
            let info = checks::lookup(key).ok_or_else(|| {
                bad("unknown check code or name; `techspec checks` lists them".into())
            })?;
            let level = match value.to_ascii_lowercase().as_str() {
                "off" => Level::Off,
                "error" => Level::On(Severity::Error),
                "warning" | "warn" => Level::On(Severity::Warning),
                "info" => Level::On(Severity::Info),
                other => {
                    return Err(bad(format!(
                        "unknown level `{other}`; use \"error\", \"warning\", \"info\" or \"off\""
                    )));
                }
            };
            out.push((info.code, level));
        }
        Ok(out)
    }

    /// The run settings this config gives (defaults where unset).
    pub fn settings(&self) -> Settings {
        let mut s = Settings::default();
        if let Some(n) = self.file.word_budget {
            s.word_budget = n;
            s.explicit.word_budget = true;
            s.word_budget_source = Some(FILE_NAME.into());
        }
        if let Some(n) = self.file.example_lines {
            s.example_limit = Some(n);
            s.explicit.example_limit = true;
            s.example_limit_source = Some(FILE_NAME.into());
        }
        if let Some(n) = self.file.max_code_lines {
            s.max_code_lines = n;
        }
        if let Some(n) = self.file.code_budget {
            s.code_budget = n;
        }
        if let Some(m) = &self.file.max_code_lines_per_section {
            s.section_code_lines = m.iter().map(|(k, &v)| (k.to_lowercase(), v)).collect();
        }
        if let Some(n) = self.file.max_file_size {
            s.max_file_size = n;
        }
        s.project_lang = self.file.lang.clone();
        s.levels.extend(self.levels.iter().copied());
        s
    }
}

fn clean_toml_error(text: &str, e: &toml::de::Error) -> String {
    let line = e
        .span()
        .map(|sp| text[..sp.start.min(text.len())].matches('\n').count() + 1);
    let msg = e.message().trim().to_string();
    let msg = if msg.starts_with("unknown field") {
        format!(
            "{msg} (known keys: template, specs, exclude, word-budget, max-code-lines, code-budget, example-lines, max-file-size, lang, baseline, [checks], [max-code-lines-per-section])"
        )
    } else {
        msg
    };
    match line {
        Some(l) => format!("line {l}: {msg}"),
        None => msg,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_keys_and_levels() {
        let c = Config::parse(Path::new("techspec.toml"), "template = \"extended\"\nword-budget = 3000\n[checks]\nunknown-section = \"off\"\nTS106 = \"error\"\n").unwrap();
        assert_eq!(c.file.template.as_deref(), Some("extended"));
        let levels = c.levels("").unwrap();
        assert!(levels.contains(&("TS107", Level::Off)));
        assert!(levels.contains(&("TS106", Level::On(Severity::Error))));
        // The settings carry the levels without reading the file again.
        let settings = c.settings();
        assert_eq!(settings.level("TS107", Severity::Info), Level::Off);
        assert_eq!(settings.word_budget, 3000);
    }

    #[test]
    fn unknown_key_names_key_and_line() {
        let err = Config::parse(
            Path::new("techspec.toml"),
            "template = \"x\"\n\nword_budget = 3\n",
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("line 3"), "{err}");
        assert!(err.contains("word_budget"), "{err}");
    }

    #[test]
    fn unknown_check_names_key_and_line() {
        let err = Config::parse(Path::new("t.toml"), "[checks]\n\nno-such-check = \"off\"\n")
            .unwrap_err()
            .to_string();
        assert_eq!(
            err,
            "t.toml:3: [checks] no-such-check: unknown check code or name; `techspec checks` lists them"
        );
        let err = Config::parse(Path::new("t.toml"), "[checks]\nTS101 = \"loud\"\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("unknown level `loud`"), "{err}");
    }
}
