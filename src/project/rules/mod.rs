//! AI-agent rule files: discovery, one normalised model, and applicability.
//!
//! Every major coding agent keeps project rules in its own place and format
//! (Cursor `.mdc` files, Kilo Code and Roo folders, Cline, Windsurf triggers,
//! Claude `CLAUDE.md` and `.claude/rules`, Copilot instructions, `AGENTS.md`,
//! `GEMINI.md`, Continue). This module reads them all into one [`Rule`] model:
//!
//! - [`discover`] walks a repository and returns every rule it finds;
//! - [`parse_frontmatter`] reads frontmatter the way people really write it
//!   (strict YAML first, then a lenient line reader with a warning);
//! - [`RuleGlob`] is the single glob engine used for `globs`, `paths` and
//!   `applyTo`;
//! - [`applicability`] decides which rules apply to a spec, with a reason;
//! - [`discover_skills`] reads agent skills, which a spec may cite too;
//! - [`find_cited`] and [`cited_names`] check how a spec cites rules.

mod adapt;
mod apply;
mod cite;
mod discover;
#[cfg(test)]
mod fixture_tests;
mod frontmatter;
mod glob;
mod skills;
mod terms;

use std::fmt;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

pub use apply::{Applicability, CompiledRules, PreparedRules, Verdict, applicability};
pub use cite::{cited_names, closest_name, find_cited, is_mention, resolve_cited, resolve_skill};
pub(crate) use discover::discover_walking;
pub use discover::{MAX_RULE_FILE_BYTES, discover};
pub use frontmatter::{
    Frontmatter, LENIENT_WARNING, UNCLOSED_WARNING, Value, parse_frontmatter, split_patterns,
};
pub use glob::{GlobError, RuleGlob};
pub use skills::{SKILLS_DIRS, Skill, discover_skills};

/// The agent (tool) whose format a rule file is written in.
///
/// Serialised as its [`Agent::name`] (`"cursor"`, `"kilocode"`, ...).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Agent {
    /// Cursor: `.cursor/rules/**/*.mdc`, legacy `.cursorrules`.
    #[serde(rename = "cursor")]
    Cursor,
    /// Kilo Code, legacy extension: `.kilocode/rules*`, `.kilocoderules*`.
    #[serde(rename = "kilocode")]
    KiloCode,
    /// Kilo, current version: `.kilo/rules/`.
    #[serde(rename = "kilo")]
    Kilo,
    /// Roo Code: `.roo/rules*`, `.roorules*`.
    #[serde(rename = "roo")]
    Roo,
    /// Cline: `.clinerules` file or folder.
    #[serde(rename = "cline")]
    Cline,
    /// Windsurf: `.windsurf/rules/*.md`, legacy `.windsurfrules`.
    #[serde(rename = "windsurf")]
    Windsurf,
    /// Claude Code: `CLAUDE.md`, `CLAUDE.local.md`, `.claude/rules/**/*.md`.
    #[serde(rename = "claude")]
    Claude,
    /// GitHub Copilot: `.github/copilot-instructions.md`,
    /// `.github/instructions/**/*.instructions.md`.
    #[serde(rename = "copilot")]
    Copilot,
    /// `AGENTS.md` (read by many agents).
    #[serde(rename = "agents")]
    Agents,
    /// Gemini CLI: `GEMINI.md`.
    #[serde(rename = "gemini")]
    Gemini,
    /// Continue: `.continue/rules/*.md`.
    #[serde(rename = "continue")]
    Continue,
}

impl Agent {
    /// Every agent, in declaration order.
    pub const ALL: [Agent; 11] = [
        Agent::Cursor,
        Agent::KiloCode,
        Agent::Kilo,
        Agent::Roo,
        Agent::Cline,
        Agent::Windsurf,
        Agent::Claude,
        Agent::Copilot,
        Agent::Agents,
        Agent::Gemini,
        Agent::Continue,
    ];

    /// Stable lower-case name, as used in JSON and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Agent::Cursor => "cursor",
            Agent::KiloCode => "kilocode",
            Agent::Kilo => "kilo",
            Agent::Roo => "roo",
            Agent::Cline => "cline",
            Agent::Windsurf => "windsurf",
            Agent::Claude => "claude",
            Agent::Copilot => "copilot",
            Agent::Agents => "agents",
            Agent::Gemini => "gemini",
            Agent::Continue => "continue",
        }
    }

    /// The agent with this [`Agent::name`], if any.
    pub fn from_name(name: &str) -> Option<Agent> {
        Agent::ALL.into_iter().find(|a| a.name() == name)
    }
}

impl fmt::Display for Agent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// When an agent loads a rule, normalised across formats.
///
/// Serialised adjacently tagged: `{"kind":"always"}`,
/// `{"kind":"globs","value":["src/**/*.ts"]}`, `{"kind":"mode","value":"translate"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "kebab-case")]
pub enum Activation {
    /// Always loaded (within the rule's `scope_dir`).
    Always,
    /// Loaded when a file matching one of these patterns is in context.
    /// Patterns are kept as written (quotes stripped, lists split).
    Globs(Vec<String>),
    /// The agent decides from the rule's description.
    AgentDecides,
    /// Only when the user mentions it (for example `@rule-name`).
    Manual,
    /// Only in the named agent mode (Kilo Code / Roo `rules-<mode>`).
    Mode(String),
    /// Never loaded (for example Cline `paths: []`).
    Never,
}

/// One rule file, normalised.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rule {
    /// The format it is written in.
    pub agent: Agent,
    /// Path relative to the repository root, with `/` separators.
    pub path: PathBuf,
    /// Directory the rule is limited to, relative to the root, `/`
    /// separators; empty for the root. Set for nested `AGENTS.md`,
    /// `CLAUDE.md`, `GEMINI.md` and for rules folders below the root
    /// (for example `packages/web/.cursor/rules`).
    pub scope_dir: PathBuf,
    /// Frontmatter `name`, else the first `# ` heading, else the file stem.
    pub title: String,
    /// Frontmatter `description`, if present and not empty.
    pub description: Option<String>,
    /// When the agent loads it.
    pub activation: Activation,
    /// The text after the frontmatter.
    pub body: String,
    /// Problems found while reading it (lenient YAML, invalid glob, ...).
    pub warnings: Vec<String>,
}

impl Rule {
    /// [`Rule::path`] as a string (always valid UTF-8, `/` separators).
    pub fn path_str(&self) -> String {
        self.path.to_string_lossy().into_owned()
    }

    /// [`Rule::scope_dir`] as a string; empty for the root.
    pub fn scope_str(&self) -> String {
        self.scope_dir.to_string_lossy().into_owned()
    }

    /// The file name, for example `react.mdc`.
    pub fn file_name(&self) -> String {
        self.path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    }

    /// The file name without its rule extension: `react` for `react.mdc`,
    /// `python` for `python.instructions.md`, `.clinerules` for `.clinerules`.
    pub fn stem(&self) -> String {
        rule_stem(&self.file_name()).to_string()
    }
}

/// The file name without a rule extension (`.instructions.md`, `.mdc`,
/// `.md`, `.txt`, `.markdown`). Dot files keep their name.
pub(crate) fn rule_stem(file_name: &str) -> &str {
    const EXTENSIONS: [&str; 5] = [".instructions.md", ".mdc", ".md", ".markdown", ".txt"];
    let lower = file_name.to_ascii_lowercase();
    for ext in EXTENSIONS {
        if lower.ends_with(ext) && lower.len() > ext.len() {
            return &file_name[..file_name.len() - ext.len()];
        }
    }
    file_name
}

/// The result of [`discover`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Discovery {
    /// Every rule found, sorted by path.
    pub rules: Vec<Rule>,
    /// Rules folders that exist, repo-relative with `/` separators, sorted,
    /// for example `.cursor/rules`, `.kilocode/rules-translate`,
    /// `packages/web/.cursor/rules`.
    pub rules_dirs: Vec<String>,
    /// Agent skills (`.claude/skills/<name>/SKILL.md`, ...), sorted by folder.
    #[serde(default)]
    pub skills: Vec<Skill>,
    /// Files that could not be read (too large, I/O error, symlink outside
    /// the repository), with the reason.
    pub errors: Vec<(PathBuf, String)>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agent_names_round_trip_and_serialise() {
        for agent in Agent::ALL {
            assert_eq!(Agent::from_name(agent.name()), Some(agent));
            let json = serde_json::to_string(&agent).unwrap();
            assert_eq!(json, format!("\"{}\"", agent.name()));
        }
        assert_eq!(Agent::KiloCode.name(), "kilocode");
        assert_eq!(Agent::Agents.to_string(), "agents");
    }

    #[test]
    fn activation_serialises_kebab_and_tagged() {
        let j = |a: &Activation| serde_json::to_string(a).unwrap();
        assert_eq!(j(&Activation::Always), r#"{"kind":"always"}"#);
        assert_eq!(j(&Activation::AgentDecides), r#"{"kind":"agent-decides"}"#);
        assert_eq!(
            j(&Activation::Globs(vec!["*.ts".into()])),
            r#"{"kind":"globs","value":["*.ts"]}"#
        );
        assert_eq!(
            j(&Activation::Mode("code".into())),
            r#"{"kind":"mode","value":"code"}"#
        );
        let back: Activation = serde_json::from_str(r#"{"kind":"globs","value":["a"]}"#).unwrap();
        assert_eq!(back, Activation::Globs(vec!["a".into()]));
    }

    #[test]
    fn stems() {
        assert_eq!(rule_stem("react.mdc"), "react");
        assert_eq!(rule_stem("python.instructions.md"), "python");
        assert_eq!(rule_stem("AGENTS.md"), "AGENTS");
        assert_eq!(rule_stem("notes.txt"), "notes");
        assert_eq!(rule_stem(".clinerules"), ".clinerules");
        assert_eq!(rule_stem(".md"), ".md");
    }
}
