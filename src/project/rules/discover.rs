//! Find every agent rule file in a repository.
//!
//! Rules folders and memory files are recognised at any depth; below the
//! root they are scoped to the folder that holds them (`packages/web/AGENTS.md`
//! and `packages/web/.cursor/rules/*.mdc` get `scope_dir = packages/web`).

use std::fs;
use std::path::{Path, PathBuf};

use ignore::DirEntry;

use super::adapt::{self, Format};
use super::frontmatter::parse_frontmatter;
use super::glob::RuleGlob;
use super::{Activation, Agent, Discovery, Rule, rule_stem};
use crate::io::walk::{Hidden, Walk, walker};

/// Rule files larger than this are skipped with an error entry.
pub const MAX_RULE_FILE_BYTES: u64 = 1024 * 1024;

/// Directories never walked into.
const SKIP_DIRS: [&str; 2] = ["node_modules", "target"];

/// Windsurf's documented per-file limit, in characters.
const WINDSURF_MAX_CHARS: usize = 12_000;

/// Cursor's guidance on rule length, in lines.
const CURSOR_MAX_LINES: usize = 500;

/// Walk `root` ([`crate::io::walk`]'s policy; hidden folders included,
/// `node_modules` and `target` skipped) and read every rule file found. Symlinked *files* are
/// read when they point inside `root`. Results are sorted by path.
pub fn discover(root: &Path) -> Discovery {
    discover_walking(root, None)
}

/// [`discover`] in the walk that also hands every entry of the repository to
/// `visit` (the folders `discover` skips included, `.git` never): a project
/// that needs its rules and its file list walks the repository once. The
/// rules, folders and problems found are those of [`discover`].
pub(crate) fn discover_walking(
    root: &Path,
    mut visit: Option<&mut dyn FnMut(&DirEntry)>,
) -> Discovery {
    let mut out = Discovery::default();
    let canonical_root = fs::canonicalize(root).ok();
    let walker = walker(
        root,
        Walk {
            // With a visitor the skipped folders are walked for it, and
            // left out below.
            skip_dirs: if visit.is_some() { &[] } else { &SKIP_DIRS },
            ..Walk::new(Hidden::Walk)
        },
    )
    .build();
    let filtering = visit.is_some();
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(err) => {
                let path = error_path(&err).unwrap_or_default();
                let rel = relative(root, &path);
                if filtering && in_skipped_dir(&rel, || is_real_dir(&path)) {
                    continue;
                }
                out.errors.push((rel, err.to_string()));
                continue;
            }
        };
        if let Some(visit) = visit.as_mut() {
            visit(&entry);
        }
        let rel = relative(root, entry.path());
        let rel_str = rel.to_string_lossy().into_owned();
        if rel_str.is_empty() {
            continue;
        }
        if filtering && in_skipped_dir(&rel, || is_dir(&entry)) {
            continue;
        }
        let components: Vec<&str> = rel_str.split('/').collect();
        if is_dir(&entry) {
            if is_rules_dir(&components) {
                out.rules_dirs.push(rel_str.clone());
            }
            continue;
        }
        let Some(source) = classify(&components) else {
            continue;
        };
        match read_rule_file(&entry, canonical_root.as_deref()) {
            Ok((text, mut warnings)) => {
                let mut rule = build_rule(source, rel, &text);
                warnings.append(&mut rule.warnings);
                rule.warnings = warnings;
                out.rules.push(rule);
            }
            Err(message) => out.errors.push((rel, message)),
        }
    }
    out.rules.sort_by(|a, b| a.path.cmp(&b.path));
    let (skills, skill_errors) = super::skills::discover_skills(root);
    out.skills = skills;
    out.errors.extend(skill_errors);
    out.rules_dirs.sort();
    out.rules_dirs.dedup();
    out.errors.sort();
    out
}

/// Whether the walk of [`discover`] leaves out the repo-relative `rel`: it
/// lies inside one of [`SKIP_DIRS`], or is one (`is_dir` says whether it is
/// a folder, asked only then).
fn in_skipped_dir(rel: &Path, is_dir: impl FnOnce() -> bool) -> bool {
    let names: Vec<_> = rel.components().collect();
    let Some((last, above)) = names.split_last() else {
        return false;
    };
    let skipped = |c: &std::path::Component<'_>| {
        SKIP_DIRS
            .iter()
            .any(|d| c.as_os_str().to_string_lossy() == *d)
    };
    above.iter().any(skipped) || (skipped(last) && is_dir())
}

/// A folder itself, not a link to one (as the walk sees it).
fn is_real_dir(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok_and(|m| m.is_dir())
}

fn is_dir(entry: &DirEntry) -> bool {
    entry.file_type().is_some_and(|t| t.is_dir())
}

fn error_path(err: &ignore::Error) -> Option<PathBuf> {
    match err {
        ignore::Error::WithPath { path, .. } => Some(path.clone()),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            error_path(err)
        }
        ignore::Error::Loop { child, .. } => Some(child.clone()),
        _ => None,
    }
}

/// `path` relative to `root`, with `/` separators.
fn relative(root: &Path, path: &Path) -> PathBuf {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let parts: Vec<String> = rel
        .components()
        .filter_map(|c| match c {
            std::path::Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect();
    PathBuf::from(parts.join("/"))
}

/// Read a rule file: size limit, symlinks only inside the root, invalid
/// UTF-8 replaced (with a warning).
fn read_rule_file(
    entry: &DirEntry,
    canonical_root: Option<&Path>,
) -> Result<(String, Vec<String>), String> {
    let path = entry.path();
    let mut warnings = Vec::new();
    if !crate::io::confine::allows(path) {
        return Err("outside the workspace root the server is confined to; skipped".to_string());
    }
    if entry.path_is_symlink() {
        let target = fs::canonicalize(path).map_err(|e| format!("broken symlink: {e}"))?;
        if canonical_root.is_none_or(|root| !target.starts_with(root)) {
            return Err("symlink points outside the repository; skipped".to_string());
        }
    }
    let meta = fs::metadata(path).map_err(|e| e.to_string())?;
    if !meta.is_file() {
        return Err("not a regular file; skipped".to_string());
    }
    if meta.len() > MAX_RULE_FILE_BYTES {
        return Err(format!(
            "rule file is {} bytes, over the 1 MB limit; skipped",
            meta.len()
        ));
    }
    // The program's one size-limited reader: a file that grew meanwhile stops at the limit.
    let bytes = crate::io::read::read_limited(path, MAX_RULE_FILE_BYTES)?;
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            warnings.push("not valid UTF-8; invalid bytes replaced".to_string());
            String::from_utf8_lossy(e.as_bytes()).into_owned()
        }
    };
    Ok((text, warnings))
}

/// What a rule file is, from its path.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Source {
    agent: Agent,
    format: Format,
    scope: String,
    /// A note to attach (legacy file, ...).
    note: Option<&'static str>,
}

impl Source {
    fn new(agent: Agent, format: Format, scope: &[&str]) -> Source {
        Source {
            agent,
            format,
            scope: scope.join("/"),
            note: None,
        }
    }

    fn note(mut self, note: &'static str) -> Source {
        self.note = Some(note);
        self
    }
}

/// The mode in a `rules-<mode>` folder name.
fn mode_of(dir: &str) -> Option<&str> {
    dir.strip_prefix("rules-").filter(|m| !m.is_empty())
}

/// Whether the last components name a rules folder.
fn is_rules_dir(c: &[&str]) -> bool {
    match c {
        [.., ".clinerules"] => true,
        [.., parent, dir] => match *parent {
            ".cursor" | ".kilo" | ".windsurf" | ".claude" | ".continue" => *dir == "rules",
            ".kilocode" | ".roo" => *dir == "rules" || mode_of(dir).is_some(),
            ".github" => *dir == "instructions",
            _ => false,
        },
        _ => false,
    }
}

fn has_ext(name: &str, exts: &[&str]) -> bool {
    let lower = name.to_ascii_lowercase();
    exts.iter()
        .any(|e| lower.ends_with(e) && lower.len() > e.len())
}

const TEXT_EXTS: [&str; 4] = [".md", ".markdown", ".txt", ".mdc"];

/// Classify a repo-relative file path (as components). `None` if it is not
/// a rule file.
fn classify(c: &[&str]) -> Option<Source> {
    let (name, dirs) = c.split_last()?;
    let name = *name;
    // Inside a rules folder: find the folder marker.
    for i in 0..dirs.len() {
        let scope = &c[..i];
        let inner = &dirs[i..];
        if let Some(source) = classify_in_folder(scope, inner, name) {
            return Some(source);
        }
        // A file directly in or below a known folder that is not a rule
        // (a plain `.md` in `.cursor/rules`) is not a rule either.
        if is_rules_dir(&dirs[..=i]) {
            return None;
        }
    }
    let scope = dirs;
    let parent = dirs.last().copied();
    let source = match name {
        "AGENTS.md" => Source::new(Agent::Agents, Format::Always, scope),
        "GEMINI.md" => Source::new(Agent::Gemini, Format::Always, scope),
        "CLAUDE.md" | "CLAUDE.local.md" => {
            // `.claude/CLAUDE.md` is project memory for the folder above.
            let scope = if parent == Some(".claude") {
                &dirs[..dirs.len() - 1]
            } else {
                scope
            };
            Source::new(Agent::Claude, Format::Always, scope)
        }
        "copilot-instructions.md" if parent == Some(".github") => {
            Source::new(Agent::Copilot, Format::Always, &dirs[..dirs.len() - 1])
        }
        ".cursorrules" => Source::new(Agent::Cursor, Format::Always, scope)
            .note("legacy `.cursorrules`; Cursor now reads `.cursor/rules/*.mdc`"),
        ".windsurfrules" => Source::new(Agent::Windsurf, Format::Always, scope)
            .note("legacy `.windsurfrules`; Windsurf now reads `.windsurf/rules/*.md`"),
        ".clinerules" => Source::new(Agent::Cline, Format::Cline, scope),
        ".kilocoderules" => Source::new(Agent::KiloCode, Format::Always, scope),
        ".roorules" => Source::new(Agent::Roo, Format::Always, scope),
        _ => {
            if let Some(mode) = name
                .strip_prefix(".kilocoderules-")
                .filter(|m| !m.is_empty())
            {
                Source::new(Agent::KiloCode, Format::Mode(mode.to_string()), scope)
            } else if let Some(mode) = name.strip_prefix(".roorules-").filter(|m| !m.is_empty()) {
                Source::new(Agent::Roo, Format::Mode(mode.to_string()), scope)
            } else {
                return None;
            }
        }
    };
    Some(source)
}

/// Classify `name` found at `inner/name` below `scope`, where `inner[0]` may
/// start a rules folder.
fn classify_in_folder(scope: &[&str], inner: &[&str], name: &str) -> Option<Source> {
    let first = *inner.first()?;
    let second = inner.get(1).copied();
    let source = match (first, second) {
        (".cursor", Some("rules")) if has_ext(name, &[".mdc"]) => {
            Source::new(Agent::Cursor, Format::Cursor, scope)
        }
        (".kilocode", Some("rules")) if has_ext(name, &TEXT_EXTS) => {
            Source::new(Agent::KiloCode, Format::Paths, scope)
        }
        (".kilocode", Some(dir)) if mode_of(dir).is_some() && has_ext(name, &TEXT_EXTS) => {
            let mode = mode_of(dir)?.to_string();
            Source::new(Agent::KiloCode, Format::Mode(mode), scope)
        }
        (".kilo", Some("rules")) if has_ext(name, &[".md"]) => {
            Source::new(Agent::Kilo, Format::Paths, scope)
        }
        (".roo", Some("rules")) if has_ext(name, &TEXT_EXTS) => {
            Source::new(Agent::Roo, Format::Always, scope)
        }
        (".roo", Some(dir)) if mode_of(dir).is_some() && has_ext(name, &TEXT_EXTS) => {
            let mode = mode_of(dir)?.to_string();
            Source::new(Agent::Roo, Format::Mode(mode), scope)
        }
        (".clinerules", sub) if has_ext(name, &[".md", ".txt"]) => {
            // Workflows and hooks live beside the rules but are not rules.
            if matches!(sub, Some("workflows" | "hooks")) && inner.len() > 1 {
                return None;
            }
            Source::new(Agent::Cline, Format::Cline, scope)
        }
        (".windsurf", Some("rules")) if has_ext(name, &[".md"]) => {
            Source::new(Agent::Windsurf, Format::Windsurf, scope)
        }
        (".claude", Some("rules")) if has_ext(name, &[".md"]) => {
            Source::new(Agent::Claude, Format::Paths, scope)
        }
        (".github", Some("instructions")) if has_ext(name, &[".instructions.md"]) => {
            Source::new(Agent::Copilot, Format::CopilotInstructions, scope)
        }
        (".continue", Some("rules")) if has_ext(name, &[".md"]) => {
            Source::new(Agent::Continue, Format::Continue, scope)
        }
        _ => return None,
    };
    Some(source)
}

/// Build the rule for the file at `path` with contents `text`.
fn build_rule(source: Source, path: PathBuf, text: &str) -> Rule {
    let fm = parse_frontmatter(text);
    let body = text.get(fm.body_offset..).unwrap_or_default().to_string();
    let (activation, adapt_warnings) = adapt::activation(&source.format, &fm);
    let mut warnings = fm.warnings.clone();
    warnings.extend(adapt_warnings);
    if let Some(note) = source.note {
        warnings.push(note.to_string());
    }
    if let Activation::Globs(patterns) = &activation {
        for p in patterns {
            if let Err(e) = RuleGlob::new(p) {
                warnings.push(e.to_string());
            }
        }
    }
    match source.agent {
        Agent::Windsurf if text.chars().count() > WINDSURF_MAX_CHARS => warnings.push(format!(
            "over Windsurf's {WINDSURF_MAX_CHARS}-character limit per rule file"
        )),
        Agent::Cursor if body.lines().count() > CURSOR_MAX_LINES => warnings.push(format!(
            "over {CURSOR_MAX_LINES} lines; Cursor advises keeping rules shorter"
        )),
        _ => {}
    }
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let title = fm
        .get_str("name")
        .map(str::to_string)
        .or_else(|| first_heading(&body))
        .unwrap_or_else(|| rule_stem(&file_name).to_string());
    Rule {
        agent: source.agent,
        path,
        scope_dir: PathBuf::from(source.scope),
        title,
        description: fm.get_str("description").map(str::to_string),
        activation,
        body,
        warnings,
    }
}

/// The first `# ` heading outside code fences, trimmed of closing `#`s.
fn first_heading(body: &str) -> Option<String> {
    let mut fence: Option<&str> = None;
    for line in body.lines() {
        let t = line.trim_start();
        if let Some(f) = fence {
            if t.starts_with(f) {
                fence = None;
            }
            continue;
        }
        if t.starts_with("```") {
            fence = Some("```");
            continue;
        }
        if t.starts_with("~~~") {
            fence = Some("~~~");
            continue;
        }
        if line.len() - t.len() > 3 {
            continue;
        }
        if let Some(h) = t.strip_prefix("# ").or_else(|| t.strip_prefix("#\t")) {
            let h = h.trim().trim_end_matches('#').trim();
            if !h.is_empty() {
                return Some(h.to_string());
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cls(path: &str) -> Option<(Agent, Format, String)> {
        let c: Vec<&str> = path.split('/').collect();
        classify(&c).map(|s| (s.agent, s.format, s.scope))
    }

    /// The walk shared with the file index finds what `discover` finds:
    /// rules at the root and below, none inside `node_modules` or `target`
    /// (which the visitor still sees), the same folders and problems.
    #[test]
    fn the_shared_walk_discovers_what_discover_does() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let write = |rel: &str, text: &str| {
            let p = root.join(rel);
            fs::create_dir_all(p.parent().unwrap()).unwrap();
            fs::write(p, text).unwrap();
        };
        write(".cursor/rules/a.mdc", "---\nalwaysApply: true\n---\nA.\n");
        write("packages/web/AGENTS.md", "# Web\n");
        write(".github/instructions/py.instructions.md", "Python.\n");
        write("node_modules/pkg/AGENTS.md", "# Vendored\n");
        write("node_modules/.cursor/rules/v.mdc", "V.\n");
        write("target/.cursor/rules/t.mdc", "T.\n");
        write("src/target", "a file named like a skipped folder\n");
        write("src/target.md", "# Not a rule\n");
        write(
            ".cursor/rules/big.mdc",
            &"x".repeat(MAX_RULE_FILE_BYTES as usize + 1),
        );
        let alone = discover(root);
        assert_eq!(alone.rules.len(), 3, "{:?}", alone.rules);
        assert_eq!(alone.errors.len(), 1, "{:?}", alone.errors);
        let mut seen = Vec::new();
        let shared = discover_walking(
            root,
            Some(&mut |e: &DirEntry| seen.push(e.path().to_path_buf())),
        );
        assert_eq!(shared, alone);
        assert!(seen.contains(&root.join("node_modules/pkg/AGENTS.md")));
        assert!(seen.contains(&root.join("target/.cursor/rules/t.mdc")));
        assert!(seen.contains(&root.join("src/target")));
    }

    #[test]
    fn classify_paths() {
        use Agent::*;
        let root = String::new;
        assert_eq!(
            cls(".cursor/rules/a.mdc"),
            Some((Cursor, Format::Cursor, root()))
        );
        assert_eq!(
            cls(".cursor/rules/sub/a.mdc"),
            Some((Cursor, Format::Cursor, root()))
        );
        assert_eq!(
            cls("apps/web/.cursor/rules/a.mdc"),
            Some((Cursor, Format::Cursor, "apps/web".into()))
        );
        assert_eq!(cls(".cursor/rules/a.md"), None);
        assert_eq!(cls(".cursor/rules/AGENTS.md"), None);
        assert_eq!(cls(".cursor/mcp.json"), None);
        assert_eq!(
            cls(".kilocode/rules-translate/zh.md"),
            Some((KiloCode, Format::Mode("translate".into()), root()))
        );
        assert_eq!(cls(".kilocode/rules-/x.md"), None);
        assert_eq!(cls(".clinerules/workflows/release.md"), None);
        assert_eq!(
            cls(".clinerules/a.txt"),
            Some((Cline, Format::Cline, root()))
        );
        assert_eq!(cls(".clinerules"), Some((Cline, Format::Cline, root())));
        assert_eq!(
            cls(".roorules-code"),
            Some((Roo, Format::Mode("code".into()), root()))
        );
        assert_eq!(
            cls(".github/copilot-instructions.md"),
            Some((Copilot, Format::Always, root()))
        );
        assert_eq!(cls("docs/copilot-instructions.md"), None);
        assert_eq!(cls(".github/instructions/a.md"), None);
        assert_eq!(
            cls(".github/instructions/x/a.instructions.md"),
            Some((Copilot, Format::CopilotInstructions, root()))
        );
        assert_eq!(
            cls("a/b/AGENTS.md"),
            Some((Agents, Format::Always, "a/b".into()))
        );
        assert_eq!(
            cls(".claude/CLAUDE.md"),
            Some((Claude, Format::Always, root()))
        );
        assert_eq!(cls("x/agents.md"), None);
        assert_eq!(cls("README.md"), None);
    }

    #[test]
    fn headings() {
        assert_eq!(first_heading("x\n# Title #\n"), Some("Title".into()));
        assert_eq!(
            first_heading("```\n# not\n```\n## h2\n# Real"),
            Some("Real".into())
        );
        assert_eq!(first_heading("    # code\n"), None);
        assert_eq!(first_heading("#NoSpace\n"), None);
    }

    #[test]
    fn title_falls_back_to_stem_and_name() {
        let src = Source::new(Agent::Cursor, Format::Cursor, &[]);
        let r = build_rule(src.clone(), ".cursor/rules/x-y.mdc".into(), "no heading");
        assert_eq!(r.title, "x-y");
        let r = build_rule(
            src,
            ".cursor/rules/x.mdc".into(),
            "---\nname: N\n---\n# H\n",
        );
        assert_eq!(r.title, "N");
        assert_eq!(r.body, "# H\n");
    }

    #[test]
    fn invalid_glob_becomes_warning() {
        let src = Source::new(Agent::Cursor, Format::Cursor, &[]);
        let r = build_rule(src, "a.mdc".into(), "---\nglobs: src/[, *.ts\n---\n");
        assert_eq!(
            r.activation,
            Activation::Globs(vec!["src/[".into(), "*.ts".into()])
        );
        assert!(
            r.warnings.iter().any(|w| w.contains("invalid glob")),
            "{:?}",
            r.warnings
        );
    }
}
