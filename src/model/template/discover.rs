//! Finding the tech-spec templates a repository keeps for its agents, without
//! configuration.
//!
//! First the templates *named* by a tech-spec creator: a command, agent,
//! prompt or skill whose file name (or skill folder) says tech spec
//! (`.cursor/commands/criar-techspec.md`, `.claude/agents/techspec-creator.md`,
//! `.agents/skills/cy-create-techspec/SKILL.md`, `.github/prompts/create-techspec.prompt.md`...)
//! and that mentions a template file (`@templates/techspec-template.md`,
//! `` `references/techspec-template.md` ``). A mention is looked up from the
//! repository root, then from the mentioning file's folder and each folder
//! above it (a skill's `references/` sits beside its `SKILL.md`; a command in
//! `.claude/commands/` names `@templates/techspec.md` meaning `.claude/templates/`).
//! Then files found by their name: `*tech*spec*template*.md` anywhere, and
//! `techspec.md` (or `tech-spec.md`) in a `templates/` folder.
//!
//! Discovery runs once per project root. It never fails: a file that cannot
//! be read or is no tech-spec template is skipped with a note.

use std::collections::HashSet;
use std::path::{Component, Path, PathBuf};
use std::sync::LazyLock;

use regex::Regex;

use crate::io::walk::{Hidden, Walk, walker};

/// Folders where agents keep commands, prompts, skills and templates.
pub const AGENT_DIRS: &[&str] = &[
    ".agents",
    ".agent",
    ".claude",
    ".cursor",
    "cursor",
    ".github",
    ".codex",
    ".gemini",
    ".qwen",
    ".kiro",
    ".windsurf",
    ".roo",
    ".kilocode",
    ".opencode",
    ".clinerules",
    ".continue",
    ".augment",
    ".amazonq",
    ".junie",
    ".compozy",
    ".ai",
    "ai",
    "AI",
    "prompts",
    ".prompts",
];

/// Folders never looked into.
const SKIP_DIRS: &[&str] = &[
    ".git",
    "node_modules",
    "target",
    "vendor",
    "dist",
    "build",
    ".venv",
    "venv",
    "__pycache__",
    "Pods",
    "DerivedData",
    // Test data is not the project's template.
    "fixtures",
    "__fixtures__",
    "testdata",
    "snapshots",
];

/// Deepest folder level looked at (`.agents/skills/x/references/t.md` is 5).
const MAX_DEPTH: usize = 6;
/// Files larger than this are not read (as creators or templates).
const MAX_BYTES: u64 = 1 << 20;

/// A name that says tech spec (a creator's file or skill folder, a template's file).
static TECH_SPEC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)tech[-_ .]?spec|technical[-_ .]?spec|especifica[cç][aã]o[-_ .]?t[eé]cnica")
        .expect("a valid regex literal")
});
/// A skill folder of compozy v0.3's spec cycle (`cy-create-spec`): it writes
/// the single `_spec.md` from `references/spec-template.md`.
static CREATE_SPEC: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)(?:^|[-_])create[-_]spec$").expect("a valid regex literal"));

/// Whether a creator is a `create-spec` skill (its `SKILL.md`).
fn is_create_spec_skill(creator: &Path) -> bool {
    creator
        .parent()
        .and_then(Path::file_name)
        .is_some_and(|d| CREATE_SPEC.is_match(&d.to_string_lossy()))
}

/// A Markdown file mentioned in a creator's text.
static MENTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[\s`'(\[@<])@?((?:\.{1,2}/)?[A-Za-z0-9_.\-]+(?:/[A-Za-z0-9_.\-]+)*\.md)\b")
        .expect("a valid regex literal")
});

/// Why a template file was picked up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// Named by this creator file (root-relative, `/`-separated).
    NamedIn(String),
    /// Its file name follows a template naming convention.
    ByName,
}

/// A template file found in the repository.
#[derive(Debug, Clone)]
pub struct Discovered {
    pub path: PathBuf,
    /// Root-relative, `/`-separated.
    pub rel: String,
    pub found: Found,
    pub text: String,
}

/// What discovery found, and why files were left out.
#[derive(Debug, Default)]
pub struct Discovery {
    pub found: Vec<Discovered>,
    pub notes: Vec<String>,
}

/// Finds the tech-spec template files under `root`, named ones first.
pub fn discover(root: &Path) -> Discovery {
    let (creators, by_name) = scan(root);
    let mut d = Discovery::default();
    let mut seen_paths: HashSet<PathBuf> = HashSet::new();
    let mut seen_text: HashSet<String> = HashSet::new();
    let mut unresolved: Vec<(String, String)> = Vec::new();
    for creator in &creators {
        let Some(text) = read_small(creator) else {
            continue;
        };
        let creator_rel = rel(root, creator);
        let spec_skill = is_create_spec_skill(creator);
        for m in MENTION.captures_iter(&text) {
            let mention = &m[1];
            let spec_template = spec_skill
                && mention
                    .rsplit('/')
                    .next()
                    .is_some_and(|n| n.eq_ignore_ascii_case("spec-template.md"));
            if !is_template_name(mention) && !spec_template {
                continue;
            }
            match resolve(root, creator, mention) {
                Some(p) if p != *creator => {
                    add(
                        root,
                        &p,
                        Found::NamedIn(creator_rel.clone()),
                        &mut d,
                        &mut seen_paths,
                        &mut seen_text,
                    );
                }
                Some(_) => {}
                None => unresolved.push((creator_rel.clone(), mention.to_string())),
            }
        }
    }
    for p in &by_name {
        add(
            root,
            p,
            Found::ByName,
            &mut d,
            &mut seen_paths,
            &mut seen_text,
        );
    }
    // A mention that leads nowhere is worth a note, unless a file of that name
    // was found anyway (a command pointing at "the skill's assets/...").
    let mut noted = HashSet::new();
    for (creator, mention) in unresolved {
        let file = mention.rsplit('/').next().unwrap_or(&mention).to_string();
        let known = d
            .found
            .iter()
            .any(|f| f.rel.rsplit('/').next() == Some(file.as_str()))
            || by_name
                .iter()
                .any(|p| p.file_name().is_some_and(|n| n == file.as_str()));
        if !known && noted.insert((creator.clone(), mention.clone())) {
            d.notes.push(format!(
                "{creator} names `{mention}` as its tech-spec template, but there is no such file"
            ));
        }
    }
    d
}

/// Reads, vets and records one candidate.
fn add(
    root: &Path,
    path: &Path,
    found: Found,
    d: &mut Discovery,
    seen_paths: &mut HashSet<PathBuf>,
    seen_text: &mut HashSet<String>,
) {
    let key = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    if !seen_paths.insert(key) {
        return;
    }
    let rel = rel(root, path);
    let text = match std::fs::metadata(path) {
        Ok(m) if m.len() > MAX_BYTES => {
            d.notes.push(format!(
                "{rel}: not used as a template: it is over {MAX_BYTES} bytes"
            ));
            return;
        }
        Ok(_) => match std::fs::read(path) {
            Ok(b) => String::from_utf8_lossy(&b).into_owned(),
            Err(e) => {
                d.notes.push(format!(
                    "{rel}: not used as a template: cannot read it: {e}"
                ));
                return;
            }
        },
        Err(e) => {
            d.notes.push(format!(
                "{rel}: not used as a template: cannot read it: {e}"
            ));
            return;
        }
    };
    // The same template kept for several agents (`.agents/skills/...` and
    // `.claude/skills/...`) is one template.
    if !seen_text.insert(text.trim().to_string()) {
        return;
    }
    d.found.push(Discovered {
        path: path.to_path_buf(),
        rel,
        found,
        text,
    });
}

/// Why a parsed template is no usable tech-spec template (`None`: usable).
pub fn unusable(t: &super::Template) -> Option<String> {
    if t.doc.text.trim().is_empty() {
        return Some("it is empty".into());
    }
    if t.sections.is_empty() {
        return Some("it has no `##` sections".into());
    }
    let known = t.sections.iter().filter(|s| s.identity.is_some()).count();
    if t.sections.len() < 3 || known < 2 {
        return Some(format!(
            "it has {} section(s), {known} of them a tech-spec section (Executive Summary, \
             System Architecture...); at least 3 sections with 2 known ones are needed",
            t.sections.len()
        ));
    }
    None
}

/// Creator files and files named like templates, sorted by path.
fn scan(root: &Path) -> (Vec<PathBuf>, Vec<PathBuf>) {
    let mut creators = Vec::new();
    let mut by_name = Vec::new();
    // Hidden folders only when they are (or are inside) agent folders.
    let walker = walker(
        root,
        Walk {
            skip_dirs: SKIP_DIRS,
            max_depth: Some(MAX_DEPTH),
            ..Walk::new(Hidden::EnterAtTop(AGENT_DIRS))
        },
    )
    .build();
    for entry in walker.flatten() {
        if !entry.file_type().is_some_and(|t| t.is_file()) {
            continue;
        }
        let path = entry.path();
        let Ok(relp) = path.strip_prefix(root) else {
            continue;
        };
        let name = entry.file_name().to_string_lossy().to_lowercase();
        let in_agent_dir = relp
            .components()
            .next()
            .is_some_and(|c| AGENT_DIRS.contains(&c.as_os_str().to_string_lossy().as_ref()));
        if in_agent_dir && is_creator(relp, &name) {
            creators.push(path.to_path_buf());
        } else if is_convention_name(relp, &name) {
            by_name.push(path.to_path_buf());
        }
    }
    creators.sort();
    by_name.sort();
    (creators, by_name)
}

/// A command, agent, prompt or skill that writes tech specs.
fn is_creator(relp: &Path, name: &str) -> bool {
    let text_ext = [".md", ".mdc", ".toml", ".txt", ".yaml", ".yml"];
    if !text_ext.iter().any(|e| name.ends_with(e)) || is_template_file(relp, name) {
        return false;
    }
    // A spec kept in an agent folder (`.compozy/tasks/x/_techspec.md`) writes no specs.
    if matches!(name, "techspec.md" | "_techspec.md" | "tech-spec.md")
        || name.ends_with(".techspec.md")
    {
        return false;
    }
    if name == "skill.md" {
        return relp.parent().and_then(Path::file_name).is_some_and(|d| {
            let d = d.to_string_lossy();
            TECH_SPEC.is_match(&d) || CREATE_SPEC.is_match(&d)
        });
    }
    TECH_SPEC.is_match(name)
}

/// A file name that looks like a tech-spec template wherever it sits.
fn is_convention_name(relp: &Path, name: &str) -> bool {
    name.ends_with(".md") && TECH_SPEC.is_match(name) && is_template_file(relp, name)
}

/// A Markdown file whose name says template (`techspec-template.md`,
/// `modelo-...`), or that sits in a `templates/` folder.
fn is_template_file(relp: &Path, name: &str) -> bool {
    if !name.ends_with(".md") {
        return false;
    }
    if name.contains("template") || name.contains("modelo") {
        return true;
    }
    relp.parent()
        .and_then(Path::file_name)
        .map(|d| d.to_string_lossy().to_lowercase())
        .is_some_and(|d| matches!(d.as_str(), "templates" | "_templates" | "template"))
}

/// A mention that names a tech-spec template file.
fn is_template_name(mention: &str) -> bool {
    let p = Path::new(mention);
    let name = p
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    TECH_SPEC.is_match(&name) && is_template_file(p, &name)
}

/// The file a mention in `creator` stands for: from the root, then from the
/// creator's folder and each folder above it. Never outside the root.
fn resolve(root: &Path, creator: &Path, mention: &str) -> Option<PathBuf> {
    let m = mention.trim_start_matches("./");
    if Path::new(m)
        .components()
        .any(|c| matches!(c, Component::ParentDir))
    {
        let p = creator.parent()?.join(m);
        let p = std::fs::canonicalize(&p).ok()?;
        let r = std::fs::canonicalize(root).ok()?;
        return (p.starts_with(&r) && p.is_file()).then_some(p);
    }
    let direct = root.join(m);
    if direct.is_file() {
        return Some(direct);
    }
    creator
        .ancestors()
        .skip(1)
        .take_while(|d| d.starts_with(root) && *d != root)
        .map(|d| d.join(m))
        .find(|p| p.is_file())
}

fn read_small(path: &Path) -> Option<String> {
    let m = std::fs::metadata(path).ok()?;
    if m.len() > MAX_BYTES {
        return None;
    }
    std::fs::read(path)
        .ok()
        .map(|b| String::from_utf8_lossy(&b).into_owned())
}

fn rel(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(root: &Path, rel: &str, text: &str) {
        let p = root.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    #[test]
    fn named_templates_come_first_and_resolve_from_the_creator() {
        let dir = tempfile::tempdir().unwrap();
        let r = dir.path();
        write(r, "docs/tech-spec-template.md", "# T\n");
        write(r, ".claude/templates/techspec.md", "# Claude\n");
        write(
            r,
            ".claude/commands/create-techspec.md",
            "Use @templates/techspec.md and save to tasks/prd-x/techspec.md\n",
        );
        write(
            r,
            ".agents/skills/make-techspec/SKILL.md",
            "Read `references/techspec-template.md` and `references/adr-template.md`.\n",
        );
        write(
            r,
            ".agents/skills/make-techspec/references/techspec-template.md",
            "# Skill\n",
        );
        write(
            r,
            ".agents/skills/make-techspec/references/adr-template.md",
            "# ADR\n",
        );
        // The same template for another agent is one template.
        write(
            r,
            ".claude/skills/make-techspec/SKILL.md",
            "Read `references/techspec-template.md`.\n",
        );
        write(
            r,
            ".claude/skills/make-techspec/references/techspec-template.md",
            "# Skill\n",
        );
        let d = discover(r);
        let got: Vec<(&str, &Found)> = d.found.iter().map(|f| (f.rel.as_str(), &f.found)).collect();
        assert_eq!(
            got,
            vec![
                (
                    ".agents/skills/make-techspec/references/techspec-template.md",
                    &Found::NamedIn(".agents/skills/make-techspec/SKILL.md".into())
                ),
                (
                    ".claude/templates/techspec.md",
                    &Found::NamedIn(".claude/commands/create-techspec.md".into())
                ),
                ("docs/tech-spec-template.md", &Found::ByName),
            ]
        );
        assert!(d.notes.is_empty(), "{:?}", d.notes);
    }

    #[test]
    fn a_mention_of_a_missing_template_is_a_note() {
        let dir = tempfile::tempdir().unwrap();
        let r = dir.path();
        write(
            r,
            ".github/prompts/criar-techspec.prompt.md",
            "Siga `docs/templates/techspec-template.md`.\n",
        );
        let d = discover(r);
        assert!(d.found.is_empty());
        assert_eq!(
            d.notes,
            vec![
                ".github/prompts/criar-techspec.prompt.md names `docs/templates/techspec-template.md` \
                 as its tech-spec template, but there is no such file"
                    .to_string()
            ]
        );
    }

    #[test]
    fn specs_and_other_templates_are_not_templates() {
        let dir = tempfile::tempdir().unwrap();
        let r = dir.path();
        write(
            r,
            "tasks/prd-a/techspec.md",
            "see templates/techspec-template.md\n",
        );
        write(r, "templates/prd-template.md", "# PRD\n");
        write(r, "node_modules/x/techspec-template.md", "# no\n");
        write(r, ".cache/techspec-template.md", "# no\n");
        let d = discover(r);
        assert!(d.found.is_empty(), "{:?}", d.found);
        assert!(d.notes.is_empty(), "{:?}", d.notes);
    }
}
