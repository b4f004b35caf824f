//! `techspec init`: installs `techspec.toml` and, per agent, a command or
//! workflow that tells the agent how to write a spec with techspec.
//!
//! [`plan`] says what would be written; [`preview`] compares that with the
//! disk; [`apply`] writes. A file that exists is never replaced unless
//! `force`; in `AGENTS.md` and `GEMINI.md` only the text between
//! `<!-- techspec:begin -->` and `<!-- techspec:end -->` is ever ours.
//! Running `apply` twice changes nothing the second time.

mod agents;
mod write;

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

pub use agents::{AgentKind, ParseAgentError, SECTION_BEGIN, SECTION_END, detect};

/// The commented `techspec.toml` that `init` writes.
pub const CONFIG_TEMPLATE: &str = include_str!("assets/techspec.toml");

/// What `techspec init` was asked to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InitOptions {
    /// The repository root; every path is written below it.
    pub root: PathBuf,
    /// Agents to install the workflow for (duplicates are ignored).
    pub agents: Vec<AgentKind>,
    /// Replace files (or marked sections) that differ from ours.
    pub force: bool,
    /// Write `techspec.toml`.
    pub write_config: bool,
}

impl InitOptions {
    /// Config only, no agents, no force.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        InitOptions {
            root: root.into(),
            agents: Vec::new(),
            force: false,
            write_config: true,
        }
    }
}

/// How a planned file is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WriteMode {
    /// The whole file is ours.
    File,
    /// A marked section in a file that is otherwise the user's.
    Section,
}

/// One file `init` means to write, before looking at the disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedWrite {
    /// Relative to `InitOptions::root`, with `/` separators.
    pub path: PathBuf,
    /// The agent it is for; `None` for `techspec.toml`.
    pub agent: Option<AgentKind>,
    pub mode: WriteMode,
    /// The whole file, or for `WriteMode::Section` the section from its begin
    /// marker to its end marker.
    pub content: String,
}

/// What happened (or, from [`preview`], would happen) to one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ActionKind {
    Created,
    /// Left alone; `reason` says why, e.g. "already has a techspec section".
    Skipped {
        reason: String,
    },
    /// Replaced with `force`: the whole file, or only the marked section.
    Overwritten,
    /// The marked section was added at the end of an existing file.
    Appended,
    /// Already exactly as `init` would write it.
    Unchanged,
}

/// One line of the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Action {
    /// Relative to the root, as planned.
    pub path: PathBuf,
    pub kind: ActionKind,
}

impl fmt::Display for Action {
    /// `created .claude/commands/create-techspec.md`,
    /// `skipped AGENTS.md: already has a techspec section (--force replaces it)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = self.path.display();
        match &self.kind {
            ActionKind::Created => write!(f, "created {path}"),
            ActionKind::Skipped { reason } => write!(f, "skipped {path}: {reason}"),
            ActionKind::Overwritten => write!(f, "overwrote {path}"),
            ActionKind::Appended => write!(f, "appended the techspec section to {path}"),
            ActionKind::Unchanged => write!(f, "unchanged {path}"),
        }
    }
}

/// The result of [`apply`] or [`preview`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InitReport {
    /// One per planned file, in plan order.
    pub actions: Vec<Action>,
    /// Per agent, the text to print so the user can register `techspec mcp`
    /// (never written: these files live outside the repository or hold the
    /// user's other servers).
    pub mcp_snippets: Vec<(AgentKind, String)>,
}

impl InitReport {
    /// Whether any file was (or would be) created or changed.
    pub fn changed_anything(&self) -> bool {
        self.actions.iter().any(|a| {
            matches!(
                a.kind,
                ActionKind::Created | ActionKind::Overwritten | ActionKind::Appended
            )
        })
    }
}

/// A file could not be read or written. Paths are absolute (root joined).
#[derive(Debug, thiserror::Error)]
pub enum InitError {
    #[error("cannot read {}: {source}", path.display())]
    Read { path: PathBuf, source: io::Error },
    #[error("cannot create folder {}: {source}", path.display())]
    CreateDir { path: PathBuf, source: io::Error },
    #[error("cannot write {}: {source}", path.display())]
    Write { path: PathBuf, source: io::Error },
}

impl InitError {
    /// The file or folder the error is about.
    pub fn path(&self) -> &Path {
        match self {
            InitError::Read { path, .. }
            | InitError::CreateDir { path, .. }
            | InitError::Write { path, .. } => path,
        }
    }
}

/// The selected agents, first occurrence kept.
fn agents(opts: &InitOptions) -> Vec<AgentKind> {
    let mut seen = Vec::new();
    for &a in &opts.agents {
        if !seen.contains(&a) {
            seen.push(a);
        }
    }
    seen
}

/// What `init` would write, without touching the disk: `techspec.toml` first
/// (if `write_config`), then one entry per agent in the order given.
pub fn plan(opts: &InitOptions) -> Vec<PlannedWrite> {
    let mut out = Vec::new();
    if opts.write_config {
        out.push(PlannedWrite {
            path: PathBuf::from("techspec.toml"),
            agent: None,
            mode: WriteMode::File,
            content: CONFIG_TEMPLATE.to_string(),
        });
    }
    for agent in agents(opts) {
        out.push(match agent.target() {
            agents::Target::File(path) => PlannedWrite {
                path: PathBuf::from(path),
                agent: Some(agent),
                mode: WriteMode::File,
                content: agents::command_file(agent),
            },
            agents::Target::Section(path) => PlannedWrite {
                path: PathBuf::from(path),
                agent: Some(agent),
                mode: WriteMode::Section,
                content: agents::section(agent),
            },
        });
    }
    out
}

fn decide_all(opts: &InitOptions) -> Result<Vec<(PathBuf, write::Decision)>, InitError> {
    plan(opts)
        .into_iter()
        .map(|p| Ok((p.path.clone(), write::decide(&opts.root, &p, opts.force)?)))
        .collect()
}

fn report(actions: Vec<Action>, opts: &InitOptions) -> InitReport {
    // The snippets name the repository by its absolute path.
    let root = std::path::absolute(&opts.root).unwrap_or_else(|_| opts.root.clone());
    InitReport {
        actions,
        mcp_snippets: agents(opts)
            .into_iter()
            .map(|a| (a, agents::mcp_snippet(a, &root)))
            .collect(),
    }
}

/// What [`apply`] would do, reading the disk but writing nothing
/// (for `techspec init --dry-run`).
pub fn preview(opts: &InitOptions) -> Result<InitReport, InitError> {
    let actions = decide_all(opts)?
        .into_iter()
        .map(|(path, d)| Action { path, kind: d.kind })
        .collect();
    Ok(report(actions, opts))
}

/// Writes the planned files. Every file is first read and decided on, so a
/// read error stops `apply` before anything is written; each write is atomic.
pub fn apply(opts: &InitOptions) -> Result<InitReport, InitError> {
    let decisions = decide_all(opts)?;
    let mut actions = Vec::with_capacity(decisions.len());
    for (path, decision) in decisions {
        if let Some(pending) = &decision.write {
            write::write_atomic(pending)?;
        }
        actions.push(Action {
            path,
            kind: decision.kind,
        });
    }
    Ok(report(actions, opts))
}

#[cfg(test)]
mod tests;
