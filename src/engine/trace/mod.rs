//! The loop around a spec: the PRD before it and the task list after it.
//!
//! A spec's *companions* are the files beside it that a PRD → tech spec →
//! tasks workflow writes: `prd.md` / `_prd.md` (or a PRD the spec links),
//! `tasks.md` / `_tasks.md`, and per-task files (`1_task.md`, `task_01.md`,
//! `_3_task.md`, `task-2.0-name.md`). They are found with one directory
//! listing per folder, cached ([`CompanionCache`]); a folder without them
//! costs that one listing and nothing else.
//!
//! Companions are parsed with the same [`Document`] model as specs:
//! [`prd::requirements`] reads a PRD's requirements, [`tasklist::read`] the
//! tasks. The checks TS401–TS429 read them ([`Traced::check`]); `techspec trace` builds
//! the requirement → sections → tasks [`matrix`].

pub mod coverage;
pub mod matrix;
pub mod prd;
pub mod tasklist;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::engine::checks::Context;
use crate::io::read::{is_binary, read_limited};
use crate::model::diagnostic::Diagnostic;
use crate::model::document::Document;

/// What a companion file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    Prd,
    TaskList,
    TaskFile,
}

/// A companion file, read and parsed (or why it could not be).
#[derive(Debug)]
pub struct Companion {
    pub path: PathBuf,
    pub kind: Kind,
    /// The parsed file; `None` when it could not be read or is binary.
    pub doc: Option<Document>,
    /// Why the file is unusable (empty, binary, unreadable, not UTF-8).
    pub problem: Option<String>,
}

/// The companions of one spec.
#[derive(Debug, Default)]
pub struct Companions {
    pub files: Vec<Companion>,
}

impl Companions {
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// The PRD, if any (its index into `files`).
    pub fn prd(&self) -> Option<usize> {
        self.files.iter().position(|c| c.kind == Kind::Prd)
    }
}

/// The companion file names of a folder, by one listing (names only).
#[derive(Debug, Default, Clone)]
struct Listing {
    prd: Option<PathBuf>,
    task_list: Option<PathBuf>,
    task_files: Vec<PathBuf>,
}

impl Listing {
    fn is_empty(&self) -> bool {
        self.prd.is_none() && self.task_list.is_none() && self.task_files.is_empty()
    }
}

/// Folder listings, cached for a run.
#[derive(Default)]
pub struct CompanionCache {
    listings: Mutex<HashMap<PathBuf, Arc<Listing>>>,
}

impl CompanionCache {
    fn listing(&self, dir: &Path) -> Arc<Listing> {
        if let Ok(g) = self.listings.lock()
            && let Some(hit) = g.get(dir)
        {
            return hit.clone();
        }
        let listing = Arc::new(list_dir(dir));
        if let Ok(mut g) = self.listings.lock() {
            g.insert(dir.to_path_buf(), listing.clone());
        }
        listing
    }
}

/// Which kind of companion a file name is, if any.
pub fn kind_of_name(name: &str) -> Option<Kind> {
    let lower = name.to_ascii_lowercase();
    let stem = lower.strip_suffix(".md")?;
    if stem == "prd" || stem == "_prd" {
        return Some(Kind::Prd);
    }
    if stem == "tasks" || stem == "_tasks" {
        return Some(Kind::TaskList);
    }
    task_number_of_name(&lower).map(|_| Kind::TaskFile)
}

/// The task number a per-task file name stands for: `1_task.md`,
/// `_3_task.md`, `task_01.md`, `task-2.md`, `task-2.0-name.md`,
/// `2.0_name.md` -> "1", "3", "1", "2", "2", "2". Reviews and QA reports
/// (`3_task_review.md`) are not tasks.
pub fn task_number_of_name(name: &str) -> Option<String> {
    let lower = name.to_ascii_lowercase();
    let stem = lower.strip_suffix(".md")?;
    if stem.contains("review") || stem.contains("report") || stem.contains("template") {
        return None;
    }
    let digits = |s: &str| -> Option<(String, usize)> {
        let n = s.bytes().take_while(u8::is_ascii_digit).count();
        (n > 0 && n <= 4).then(|| (normalize_task_id(&s[..n]), n))
    };
    // `1_task`, `_1_task`, `1-task`, `1.0_task`
    let s = stem.strip_prefix('_').unwrap_or(stem);
    if let Some((num, n)) = digits(s) {
        let rest = &s[n..];
        let rest = rest
            .strip_prefix(".0")
            .or_else(|| rest.strip_prefix(".00"))
            .unwrap_or(rest);
        if rest == "_task" || rest == "-task" {
            return Some(num);
        }
        // `2.0_name` (a numbered task named by its slug)
        if s[n..].starts_with(".0_") || s[n..].starts_with(".0-") {
            return Some(num);
        }
        return None;
    }
    // `task_01`, `task-2`, `task-2.0-name`, `task01`
    let rest = stem.strip_prefix("task")?;
    let rest = rest
        .strip_prefix('_')
        .or_else(|| rest.strip_prefix('-'))
        .unwrap_or(rest);
    let (num, n) = digits(rest)?;
    let after = &rest[n..];
    let after = after.strip_prefix(".0").unwrap_or(after);
    (after.is_empty() || after.starts_with(['-', '_'])).then_some(num)
}

/// `01` -> `1`, `1.0` -> `1`, `2.10` -> `2.10`, `task_03` -> `3`.
pub fn normalize_task_id(s: &str) -> String {
    let s = s.trim().trim_matches(['[', ']', '`', '*', '#']);
    let lower = s.to_ascii_lowercase();
    let s = lower
        .strip_prefix("task_")
        .or_else(|| lower.strip_prefix("task-"))
        .or_else(|| lower.strip_prefix("task "))
        .or_else(|| lower.strip_prefix("tarefa "))
        .or_else(|| lower.strip_prefix("task"))
        .unwrap_or(&lower);
    let (major, minor) = match s.split_once('.') {
        Some((a, b)) => (a, Some(b)),
        None => (s, None),
    };
    let major = major.trim_start_matches('0');
    let major = if major.is_empty() { "0" } else { major };
    match minor {
        Some(m) if !m.is_empty() && !m.trim_start_matches('0').is_empty() => format!("{major}.{m}"),
        _ => major.to_string(),
    }
}

fn list_dir(dir: &Path) -> Listing {
    let mut out = Listing::default();
    let Ok(rd) = std::fs::read_dir(dir) else {
        return out;
    };
    for e in rd.flatten() {
        let name = e.file_name();
        let Some(name) = name.to_str() else { continue };
        let Some(kind) = kind_of_name(name) else {
            continue;
        };
        if e.file_type().is_ok_and(|t| t.is_dir()) {
            continue;
        }
        let path = dir.join(name);
        match kind {
            Kind::Prd => {
                // `prd.md` wins over `_prd.md` when both are there.
                if out.prd.is_none() || name.eq_ignore_ascii_case("prd.md") {
                    out.prd = Some(path);
                }
            }
            Kind::TaskList => {
                if out.task_list.is_none() || name.eq_ignore_ascii_case("tasks.md") {
                    out.task_list = Some(path);
                }
            }
            Kind::TaskFile => out.task_files.push(path),
        }
    }
    out.task_files.sort_by(|a, b| {
        let key = |p: &PathBuf| {
            let n = p
                .file_name()
                .and_then(|n| n.to_str())
                .and_then(task_number_of_name)
                .unwrap_or_default();
            (n.parse::<u32>().unwrap_or(u32::MAX), p.clone())
        };
        key(a).cmp(&key(b))
    });
    out
}

/// Reads a companion file: empty, binary and unreadable files are kept
/// with the problem stated.
pub fn read_companion(path: &Path, kind: Kind, limit: u64) -> Companion {
    let mut c = Companion {
        path: path.to_path_buf(),
        kind,
        doc: None,
        problem: None,
    };
    match read_limited(path, limit) {
        Err(msg) => c.problem = Some(msg),
        Ok(bytes) if bytes.iter().all(u8::is_ascii_whitespace) => {
            c.problem = Some("the file is empty".into());
        }
        Ok(bytes) if is_binary(&bytes) => {
            c.problem = Some("the file is binary (it contains NUL bytes), not Markdown".into());
        }
        Ok(bytes) => {
            let doc = Document::from_vec(bytes);
            if doc
                .warnings
                .iter()
                .any(|w| w.kind == crate::model::document::ParseWarningKind::InvalidUtf8)
            {
                c.problem = Some(
                    "the file is not valid UTF-8; invalid bytes were replaced with U+FFFD".into(),
                );
            }
            c.doc = Some(doc);
        }
    }
    c
}

/// The folder a spec path lives in (`.` for a bare file name).
fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// A PRD the spec links or names (`[PRD](../prd-x/prd.md)`, `` `tasks/prd-x/_prd.md` ``),
/// resolved from the spec's folder or one of its ancestors.
fn named_prd(spec: &Path, doc: &Document) -> Option<PathBuf> {
    let dir = folder_of(spec);
    let mut names: Vec<String> = Vec::new();
    for i in &doc.inlines {
        let text = match &i.kind {
            crate::model::document::InlineKind::Link { dest } => dest.as_str(),
            crate::model::document::InlineKind::Code => doc.code_text(i),
            _ => continue,
        };
        // Most links and code spans name no PRD: said without allocating
        // (cleaning a path only strips, so "prd" must already be there).
        if !text
            .as_bytes()
            .windows(3)
            .any(|w| w.eq_ignore_ascii_case(b"prd"))
        {
            continue;
        }
        let clean = crate::project::references::clean_path(text);
        let file = clean.rsplit('/').next().unwrap_or("").to_ascii_lowercase();
        if file.ends_with(".md") && file.contains("prd") && !clean.contains("://") {
            names.push(clean);
        }
    }
    for name in names {
        if Path::new(&name).is_absolute() {
            continue;
        }
        let mut base = Some(dir.as_path());
        for _ in 0..6 {
            let Some(b) = base else { break };
            let candidate = b.join(&name);
            if candidate.is_file() {
                return Some(candidate);
            }
            base = b.parent().filter(|p| !p.as_os_str().is_empty());
        }
    }
    None
}

/// Finds and reads the companions of the spec at `path`. The folder listing
/// is cached; when it holds no companion and the spec names no PRD, nothing
/// else is done.
pub fn companions(cache: &CompanionCache, path: &Path, doc: &Document, limit: u64) -> Companions {
    // A companion checked as a spec has no companions of its own.
    if path
        .file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| kind_of_name(n).is_some())
    {
        return Companions::default();
    }
    let dir = folder_of(path);
    let listing = cache.listing(&dir);
    let mut files = Vec::new();
    let prd = listing.prd.clone().or_else(|| named_prd(path, doc));
    if listing.is_empty() && prd.is_none() {
        return Companions::default();
    }
    if let Some(p) = prd {
        files.push(read_companion(&p, Kind::Prd, limit));
    }
    if let Some(p) = &listing.task_list {
        files.push(read_companion(p, Kind::TaskList, limit));
    }
    for p in &listing.task_files {
        files.push(read_companion(p, Kind::TaskFile, limit));
    }
    Companions { files }
}

/// Where a finding of a trace check lands: the spec or a companion file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Spec,
    File(usize),
}

/// Findings of the trace checks, by file.
#[derive(Debug, Default)]
pub struct Findings {
    pub spec: Vec<Diagnostic>,
    /// One list per companion file (same order as [`Companions::files`]).
    pub files: Vec<Vec<Diagnostic>>,
}

impl Findings {
    pub fn push(&mut self, target: Target, d: Diagnostic) {
        match target {
            Target::Spec => self.spec.push(d),
            Target::File(i) => {
                if self.files.len() <= i {
                    self.files.resize_with(i + 1, Vec::new);
                }
                self.files[i].push(d);
            }
        }
    }
}

/// Everything a trace check reads: the spec's context, its companions and
/// what was read from them.
pub struct TraceContext<'a> {
    pub spec: &'a Context<'a>,
    pub companions: &'a Companions,
    /// The PRD's requirements (empty without a PRD).
    pub requirements: &'a [prd::Requirement],
    /// Coverage of each requirement by the spec (same order).
    pub coverage: &'a [coverage::Coverage],
    pub tasks: &'a tasklist::Tasks,
    /// See [`Traced::languages_differ`].
    pub languages_differ: bool,
    /// See [`Traced::task_languages_differ`].
    pub task_languages_differ: bool,
}

impl TraceContext<'_> {
    /// The PRD, when the spec's sections can be compared with its
    /// requirements: not when there is none, nor when the two are in
    /// different languages (a Portuguese PRD and an English spec share no
    /// words to compare).
    pub fn comparable_prd(&self) -> Option<usize> {
        if self.languages_differ {
            return None;
        }
        self.companions.prd()
    }

    /// The document of a companion file.
    pub fn doc(&self, file: usize) -> Option<&Document> {
        self.companions.files.get(file).and_then(|c| c.doc.as_ref())
    }

    /// The display name of a companion file (its file name).
    pub fn name(&self, file: usize) -> String {
        self.companions
            .files
            .get(file)
            .and_then(|c| c.path.file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    }
}

/// The signature of a trace check.
pub type TraceFn = fn(&TraceContext<'_>, &mut Findings);

/// The trace checks, in code order.
pub const TRACE_CHECKS: &[TraceFn] = &[
    crate::engine::checks::ts401_requirement_not_addressed::check,
    crate::engine::checks::ts402_requirement_weakly_covered::check,
    crate::engine::checks::ts403_prd_unusable::check,
    crate::engine::checks::ts404_prd_without_requirements::check,
    crate::engine::checks::ts410_build_order_step_without_task::check,
    crate::engine::checks::ts411_task_file_not_in_spec::check,
    crate::engine::checks::ts412_task_done_with_open_items::check,
    crate::engine::checks::ts413_task_dependency_missing::check,
    crate::engine::checks::ts414_task_dependency_cycle::check,
    crate::engine::checks::ts415_task_frontmatter_invalid::check,
    crate::engine::checks::ts416_task_file_unusable::check,
    crate::engine::checks::ts417_task_list_without_tasks::check,
];

/// What the companions of a spec hold, read once for the checks and `trace`.
pub struct Traced {
    pub companions: Companions,
    pub requirements: Vec<prd::Requirement>,
    pub coverage: Vec<coverage::Coverage>,
    pub tasks: tasklist::Tasks,
    /// The PRD and the spec are written in different languages (English and
    /// Portuguese): their words cannot be compared, only cited IDs count.
    pub languages_differ: bool,
    /// The same for the tasks and the spec.
    pub task_languages_differ: bool,
}

impl Traced {
    /// Reads the requirements and tasks of `companions` and the spec's coverage.
    pub fn new(ctx: &Context<'_>, companions: Companions) -> Traced {
        let requirements = companions
            .prd()
            .and_then(|i| companions.files[i].doc.as_ref())
            .map(prd::requirements)
            .unwrap_or_default();
        let index = coverage::SpecIndex::new(ctx.doc);
        let coverage = requirements
            .iter()
            .map(|r| coverage::cover(&index, ctx.doc, r))
            .collect();
        let tasks = tasklist::read(&companions);
        let prd_lang = companions
            .prd()
            .and_then(|i| companions.files[i].doc.as_ref())
            .and_then(|d| coverage::portuguese(&d.text));
        let spec_lang = coverage::portuguese(&ctx.doc.text);
        let languages_differ = matches!((prd_lang, spec_lang), (Some(a), Some(b)) if a != b);
        let task_text: String = tasks
            .tasks
            .iter()
            .map(|t| format!("{} {}\n", t.title, t.text))
            .collect();
        let task_lang = coverage::portuguese(&task_text);
        let task_languages_differ = matches!((task_lang, spec_lang), (Some(a), Some(b)) if a != b);
        Traced {
            companions,
            requirements,
            coverage,
            tasks,
            languages_differ,
            task_languages_differ,
        }
    }

    /// Runs every trace check.
    pub fn check(&self, ctx: &Context<'_>) -> Findings {
        let tcx = TraceContext {
            spec: ctx,
            companions: &self.companions,
            requirements: &self.requirements,
            coverage: &self.coverage,
            tasks: &self.tasks,
            languages_differ: self.languages_differ,
            task_languages_differ: self.task_languages_differ,
        };
        let mut out = Findings::default();
        for run in TRACE_CHECKS {
            run(&tcx, &mut out);
        }
        out.files.resize_with(self.companions.files.len(), Vec::new);
        out
    }
}

#[cfg(test)]
mod tests;

/// Test helper: the findings of `code` when `spec` is checked with `files`
/// (name, bytes) beside it, as `file:line message`.
#[cfg(test)]
pub(crate) fn findings_beside(spec: &str, files: &[(&str, &[u8])], code: &str) -> Vec<String> {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("techspec.md");
    std::fs::write(&path, spec).expect("spec written");
    for (name, bytes) in files {
        std::fs::write(dir.path().join(name), bytes).expect("file written");
    }
    let checker = crate::engine::Checker::new(crate::model::template::TemplateSet::builtins());
    let reports = crate::engine::flatten(vec![checker.check_path(&path)]);
    reports
        .iter()
        .flat_map(|r| {
            let name = r
                .path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            r.diagnostics
                .iter()
                .filter(|d| d.code == code)
                .map(move |d| format!("{name}:{} {}", d.line, d.message))
        })
        .collect()
}

/// Test helper: the refunds example spec.
#[cfg(test)]
pub(crate) const REFUNDS: &str =
    include_str!("../../../examples/refunds/tasks/prd-payment-refunds/techspec.md");
