//! Running the checks on one spec: choose the template, align, run every
//! enabled check, finalise severities and inline suppressions.

#![warn(clippy::arithmetic_side_effects)] // sizes and offsets: no silent overflow

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use super::checks::{self, CHECKS, Context, ts001_template_mismatch, ts901_file_not_readable};
use crate::engine::settings::{Level, Settings};
use crate::io::read::{is_binary, read_limited};
use crate::io::root::find_root;
use crate::model::align::{Alignment, SpecHeadings, align};
use crate::model::diagnostic::{Diagnostic, Resolved, Severity};
use crate::model::document::{BlockKind, Document, Span};
use crate::model::template::{Origin, Template, TemplateSet};
use crate::project::Project;

/// Which template to hold a spec against.
#[derive(Debug, Clone)]
pub enum TemplateChoice {
    /// The available template the spec aligns with best.
    Auto,
    Fixed(Box<Template>),
}

/// Which repository the project checks use.
#[derive(Default)]
pub enum ProjectMode {
    /// No project checks.
    #[default]
    Off,
    /// This project for every spec.
    Fixed(Arc<Project>),
    /// The repository each spec lives in (nearest `techspec.toml` or `.git`).
    PerFile(Mutex<HashMap<PathBuf, Option<Arc<Project>>>>),
}

impl ProjectMode {
    pub fn per_file() -> Self {
        ProjectMode::PerFile(Mutex::new(HashMap::new()))
    }
}

/// The checks of a run: templates, settings, project.
pub struct Checker {
    pub templates: TemplateSet,
    pub choice: TemplateChoice,
    pub settings: Settings,
    pub project: ProjectMode,
    /// Folders listed for a spec's PRD and tasks (see [`crate::engine::trace`]).
    pub companions: crate::engine::trace::CompanionCache,
    /// Also count the agent rules each spec cites ([`Outcome::rules`], for
    /// `report`), from the same parse and alignment as the checks.
    pub count_rules: bool,
}

/// The template a document is held against and the alignment of its
/// sections with it ([`Checker::choose`]).
pub struct Chosen<'t> {
    pub template: &'t Template,
    pub alignment: Alignment,
    /// Chosen by alignment (no template fixed by the run or configuration).
    pub auto: bool,
}

impl Chosen<'_> {
    /// What the checks read of `doc` at `path`: this template and
    /// alignment, `settings`, the repository (`None`: no project checks),
    /// and a fresh memo of what they share.
    pub fn context<'a>(
        &'a self,
        path: &'a Path,
        doc: &'a Document,
        settings: &'a Settings,
        project: Option<&'a Project>,
    ) -> Context<'a> {
        Context {
            path,
            doc,
            template: self.template,
            align: &self.alignment,
            settings,
            project,
            memo: Default::default(),
        }
    }
}

/// The key of [`ProjectMode::PerFile`]'s cache for a spec at `path`: its
/// absolute folder.
fn project_key(path: &Path) -> Option<PathBuf> {
    let abs = std::path::absolute(path).ok()?;
    Some(abs.parent()?.to_path_buf())
}

/// The outcome of checking one document (byte spans, not yet resolved).
pub struct Outcome {
    pub template: String,
    pub auto: bool,
    /// Where the template comes from, when that is worth saying: the
    /// project's (named by which agent file), or the family a built-in
    /// profile stands for.
    pub template_note: Option<String>,
    pub diagnostics: Vec<Diagnostic>,
    pub stats: SpecStats,
    /// Findings in the PRD and task files beside the spec, one report per
    /// file that has some (see [`crate::engine::trace`]).
    pub companions: Vec<FileReport>,
    /// With [`Checker::count_rules`]: the rules the spec cites (`None`
    /// without a project).
    pub rules: Option<RuleCoverage>,
}

/// Applicable agent rules a spec cites, out of those that apply to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct RuleCoverage {
    pub cited: usize,
    pub applicable: usize,
}

/// Size and completeness of a checked spec, for reports.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct SpecStats {
    /// Words, code blocks and frontmatter excluded.
    pub word_count: usize,
    /// Lines of code in code blocks (fences left open excluded).
    pub code_lines: usize,
    /// Code blocks.
    pub code_blocks: usize,
    /// Required template sections the spec has.
    pub sections_found: usize,
    /// Required sections of the template.
    pub sections_required: usize,
}

/// The checked file, ready for output.
#[derive(Debug, Clone, serde::Serialize)]
pub struct FileReport {
    pub path: PathBuf,
    /// The template the file was held against (`None` when it could not be read).
    pub template: Option<String>,
    #[serde(skip)]
    pub template_auto: bool,
    /// See [`Outcome::template_note`].
    #[serde(skip)]
    pub template_note: Option<String>,
    pub diagnostics: Vec<Resolved>,
    /// The file could not be read (exit code 2).
    #[serde(skip)]
    pub io_error: bool,
    /// Word count and section completeness (`None` when it could not be read).
    #[serde(skip)]
    pub stats: Option<SpecStats>,
    /// Reports of the PRD and task files beside the spec that have findings;
    /// [`flatten`] lists them after the spec for output.
    #[serde(skip)]
    pub companions: Vec<FileReport>,
    /// See [`Outcome::rules`].
    #[serde(skip)]
    pub rules: Option<RuleCoverage>,
}

impl FileReport {
    pub fn count(&self, sev: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == sev)
            .count()
    }
}

impl Checker {
    pub fn new(templates: TemplateSet) -> Self {
        Checker {
            templates,
            choice: TemplateChoice::Auto,
            settings: Settings::default(),
            project: ProjectMode::Off,
            companions: crate::engine::trace::CompanionCache::default(),
            count_rules: false,
        }
    }

    /// The project a spec at `path` belongs to.
    pub fn project_for(&self, path: &Path) -> Option<Arc<Project>> {
        match &self.project {
            ProjectMode::Off => None,
            ProjectMode::Fixed(p) => Some(p.clone()),
            ProjectMode::PerFile(_) => self.project_in(&project_key(path)?),
        }
    }

    /// [`Checker::project_for`] a spec in the absolute folder `dir`.
    fn project_in(&self, dir: &Path) -> Option<Arc<Project>> {
        match &self.project {
            ProjectMode::Off => None,
            ProjectMode::Fixed(p) => Some(p.clone()),
            ProjectMode::PerFile(cache) => {
                let dir = dir.to_path_buf();
                if let Some(hit) = cache.lock().ok()?.get(&dir) {
                    return hit.clone();
                }
                let project = find_root(&dir).map(|root| {
                    let mut guard = cache.lock().ok();
                    // Reuse a project already opened for the same root.
                    let existing = guard
                        .as_mut()
                        .and_then(|g| g.values().flatten().find(|p| p.root == root).cloned());
                    existing.unwrap_or_else(|| Arc::new(Project::open(&root)))
                });
                if let Ok(mut g) = cache.lock() {
                    g.insert(dir, project.clone());
                }
                project
            }
        }
    }

    /// Gives the checker `project`, opened ahead of the run for the spec at
    /// `path` (to read it in the background, see [`Project::prefetch`]):
    /// [`Checker::project_for`] answers it for that spec's folder, as the
    /// project it would have opened there. Nothing happens without project
    /// checks, or when `project` is not the one of that folder.
    pub fn adopt_project(&self, path: &Path, project: Arc<Project>) {
        let ProjectMode::PerFile(cache) = &self.project else {
            return;
        };
        let Some(dir) = project_key(path) else {
            return;
        };
        if find_root(&dir).as_deref() != Some(project.root.as_path()) {
            return;
        }
        if let Ok(mut cache) = cache.lock() {
            cache.entry(dir).or_insert(Some(project));
        }
    }

    /// Picks the template a document is held against (the fixed one, else
    /// the one it aligns with best) and aligns the document with it.
    pub fn choose(&self, doc: &Document) -> Chosen<'_> {
        let (template, alignment, auto) = self.choose_with(doc, &SpecHeadings::new(doc));
        Chosen {
            template,
            alignment,
            auto,
        }
    }

    fn choose_with<'t>(
        &'t self,
        doc: &Document,
        heads: &SpecHeadings,
    ) -> (&'t Template, Alignment, bool) {
        match &self.choice {
            TemplateChoice::Fixed(t) => {
                let a = align(doc, heads, t);
                (t, a, false)
            }
            TemplateChoice::Auto => {
                // The project's templates (its own, or the ones it keeps for
                // its agents) come ahead of the built-ins when they align at
                // least as well.
                let project = self.best_of(
                    doc,
                    heads,
                    self.templates
                        .templates()
                        .filter(|t| t.origin != Origin::Builtin),
                );
                let project = match project {
                    Some((t, a, true)) => return (t, a, true),
                    other => other,
                };
                // A spec that follows no template is told how far it is from
                // the project's.
                let lost = |a: &Alignment| {
                    ts001_template_mismatch::is_mismatch(a.matched_required, a.required)
                };
                let builtin = self.best_of(
                    doc,
                    heads,
                    self.templates
                        .templates()
                        .filter(|t| t.origin == Origin::Builtin && t.family.is_none()),
                );
                let builtin = match builtin {
                    Some((t, a, true)) => {
                        return match project {
                            Some((pt, pa, _)) if pa.score + 1e-9 >= a.score => (pt, pa, true),
                            _ => (t, a, true),
                        };
                    }
                    other => other,
                };
                // A family profile only when the spec follows it better than the
                // seeds (never as the "closest" of a spec that follows none).
                let family = self.best_of(
                    doc,
                    heads,
                    self.templates
                        .templates()
                        .filter(|t| t.origin == Origin::Builtin && t.family.is_some()),
                );
                let builtin = match (builtin, family) {
                    (Some(b), Some(f)) if !lost(&f.1) && f.1.score > b.1.score + 1e-9 => Some(f),
                    (None, f) => f,
                    (b, _) => b,
                };
                let (t, a) = match (project, builtin) {
                    (Some((pt, pa, _)), Some((_, ba, _)))
                        if pa.score + 1e-9 >= ba.score || (lost(&pa) && lost(&ba)) =>
                    {
                        (pt, pa)
                    }
                    (_, Some((bt, ba, _))) => (bt, ba),
                    (Some((pt, pa, _)), None) => (pt, pa),
                    (None, None) => panic!("a template set holds at least one template"),
                };
                (t, a, true)
            }
        }
    }

    /// The template of `candidates` a document aligns with best, and whether
    /// it is perfect (no other can do better).
    fn best_of<'t>(
        &self,
        doc: &Document,
        heads: &SpecHeadings,
        candidates: impl Iterator<Item = &'t Template>,
    ) -> Option<(&'t Template, Alignment, bool)> {
        let mut best: Option<(&Template, Alignment)> = None;
        // Templates that differ only in their interface example tie on
        // headings: the spec's own code language breaks the tie.
        let speaks = |t: &Template| {
            t.interface_lang.as_deref().is_some_and(|l| {
                doc.blocks
                    .iter()
                    .any(|b| matches!(&b.kind, BlockKind::Code { lang: Some(x), .. } if x == l))
            })
        };
        let tags_code_lang = doc
            .blocks
            .iter()
            .any(|b| matches!(&b.kind, BlockKind::Code { lang: Some(_), .. }));
        for t in candidates {
            let a = align(doc, heads, t);
            let better = match &best {
                None => true,
                Some((bt, b)) => {
                    let tie = (a.score - b.score).abs() <= 1e-9;
                    a.score > b.score + 1e-9
                        || (tie && a.exact > b.exact)
                        || (tie && a.exact == b.exact && speaks(t) && !speaks(bt))
                }
            };
            if better {
                // Every spec section matched exactly and every required
                // section found: no later template can score higher, nor
                // tie and win on the code language if this one speaks it
                // (or the spec tags no code with a language).
                let perfect = a.score >= 1.0 - 1e-9
                    && a.exact == doc.sections.len()
                    && (speaks(t) || !tags_code_lang);
                best = Some((t, a));
                if perfect {
                    return best.map(|(t, a)| (t, a, true));
                }
            }
        }
        best.map(|(t, a)| (t, a, false))
    }

    /// The agent rules that apply to a spec and how many of them it cites
    /// (`None` without a project). Not part of [`Checker::check_document`],
    /// which stays lean for `check`; `report` asks for it.
    pub fn rule_coverage(&self, path: &Path, doc: &Document) -> Option<RuleCoverage> {
        let project = self.project_for(path)?;
        let chosen = self.choose(doc);
        Some(coverage(&chosen.context(
            path,
            doc,
            &self.settings,
            Some(&project),
        )))
    }

    /// Checks a parsed document.
    pub fn check_document(&self, path: &Path, doc: &Document) -> Outcome {
        if crate::engine::adr::is_adr_path(path) {
            let mut outcome = self.check_adr(doc);
            if self.count_rules {
                outcome.rules = self.rule_coverage(path, doc);
            }
            return outcome;
        }
        let chosen = self.choose(doc);
        // The spec's absolute folder, worked out once: it finds the project
        // and the project checks resolve paths from it.
        let dir = match self.project {
            ProjectMode::Off => None,
            _ => project_key(path),
        };
        let project = match &dir {
            Some(dir) => self.project_in(dir),
            None => self.project_for(path),
        };
        let adjusted = project
            .as_deref()
            .and_then(|p| self.settings.with_targets(p.targets()));
        let ctx = chosen.context(
            path,
            doc,
            adjusted.as_ref().unwrap_or(&self.settings),
            project.as_deref(),
        );
        if let Some(dir) = dir {
            let _ = ctx.memo.spec_dir.set(dir);
        }
        let mismatch = ts001_template_mismatch::is_mismatch(
            chosen.alignment.matched_required,
            chosen.alignment.required,
        );
        let mut out = Vec::new();
        for info in CHECKS {
            let Some(run) = info.run else { continue };
            if self.settings.level(info.code, info.severity) == Level::Off {
                continue;
            }
            if mismatch && !info.runs_on_mismatch {
                continue;
            }
            run(&ctx, &mut out);
        }
        // The PRD and tasks beside the spec: one cached folder lookup when
        // there are none.
        let mut companions = Vec::new();
        let found = crate::engine::trace::companions(
            &self.companions,
            path,
            doc,
            self.settings.max_file_size,
        );
        if !found.is_empty() {
            let traced = crate::engine::trace::Traced::new(&ctx, found);
            let findings = traced.check(&ctx);
            out.extend(findings.spec);
            companions = self.companion_reports(&traced.companions, findings.files);
        }
        let rules = (self.count_rules && ctx.project.is_some()).then(|| coverage(&ctx));
        finalize(&self.settings, doc, &mut out);
        let code_totals = ctx.code_totals();
        // No fix edits code or lands inside a fence, whichever check made it.
        if out.iter().any(|d| d.fix.is_some()) {
            let regions = crate::engine::fix::raw_regions(doc);
            for d in &mut out {
                if d.fix.as_ref().is_some_and(|f| {
                    f.edits
                        .iter()
                        .any(|e| crate::engine::fix::edit_touches_code(&regions, e))
                }) {
                    d.fix = None;
                }
            }
        }
        Outcome {
            template: chosen.template.name.clone(),
            auto: chosen.auto,
            template_note: template_note(chosen.template),
            diagnostics: out,
            stats: SpecStats {
                word_count: doc.word_count(),
                code_lines: code_totals.0,
                code_blocks: code_totals.1,
                sections_found: chosen.alignment.matched_required,
                sections_required: chosen.alignment.required,
            },
            companions,
            rules,
        }
    }

    /// An architecture decision record: its four parts, not a template.
    fn check_adr(&self, doc: &Document) -> Outcome {
        let mut out = crate::engine::adr::check(doc);
        finalize(&self.settings, doc, &mut out);
        let code_totals = checks::code::totals(doc);
        Outcome {
            template: "adr".to_string(),
            auto: true,
            template_note: Some(
                "an architecture decision record: Status, Context, Decision, Consequences".into(),
            ),
            diagnostics: out,
            stats: SpecStats {
                word_count: doc.word_count(),
                code_lines: code_totals.0,
                code_blocks: code_totals.1,
                sections_found: 0,
                sections_required: 0,
            },
            companions: Vec::new(),
            rules: None,
        }
    }

    /// Reports for the companion files that have findings (finalised
    /// against their own text: severities, `techspec-disable` comments).
    fn companion_reports(
        &self,
        companions: &crate::engine::trace::Companions,
        findings: Vec<Vec<Diagnostic>>,
    ) -> Vec<FileReport> {
        let mut out = Vec::new();
        for (c, mut diags) in companions.files.iter().zip(findings) {
            let empty = Document::parse("");
            let doc = c.doc.as_ref().unwrap_or(&empty);
            finalize(&self.settings, doc, &mut diags);
            if diags.is_empty() {
                continue;
            }
            out.push(FileReport {
                path: c.path.clone(),
                template: None,
                template_auto: false,
                template_note: None,
                diagnostics: diags
                    .iter()
                    .map(|d| Resolved::from_diagnostic(doc, d))
                    .collect(),
                io_error: false,
                stats: None,
                companions: Vec::new(),
                rules: None,
            });
        }
        out
    }

    /// Checks bytes read from `path`.
    pub fn check_bytes(&self, path: &Path, bytes: &[u8]) -> FileReport {
        if is_binary(bytes) {
            return unreadable(path, ts901_file_not_readable::BINARY.into());
        }
        self.report(path, &Document::from_bytes(bytes))
    }

    /// Checks bytes read from `path`, taking ownership (no copy of the
    /// text); the parsed document comes back with the report (`None` for
    /// a binary file).
    pub fn check_vec(&self, path: &Path, bytes: Vec<u8>) -> (FileReport, Option<Document>) {
        if is_binary(&bytes) {
            return (
                unreadable(path, ts901_file_not_readable::BINARY.into()),
                None,
            );
        }
        let doc = Document::from_vec(bytes);
        (self.report(path, &doc), Some(doc))
    }

    fn report(&self, path: &Path, doc: &Document) -> FileReport {
        let outcome = self.check_document(path, doc);
        FileReport {
            path: path.to_path_buf(),
            template: Some(outcome.template),
            template_auto: outcome.auto,
            template_note: outcome.template_note,
            diagnostics: outcome
                .diagnostics
                .iter()
                .map(|d| Resolved::from_diagnostic(doc, d))
                .collect(),
            io_error: false,
            stats: Some(outcome.stats),
            companions: outcome.companions,
            rules: outcome.rules,
        }
    }

    /// Reads and checks a file; files over the size limit are not read.
    pub fn check_path(&self, path: &Path) -> FileReport {
        self.check_path_keeping(path).0
    }

    /// [`Checker::check_path`], giving back the parsed document too (`None`
    /// when the file could not be read), for a pass that needs it after the
    /// check (`--implemented`) without reading and parsing the file again.
    pub fn check_path_keeping(&self, path: &Path) -> (FileReport, Option<Document>) {
        match read_limited(path, self.settings.max_file_size) {
            Ok(bytes) => self.check_vec(path, bytes),
            Err(msg) => (unreadable(path, msg), None),
        }
    }
}

/// How many of the agent rules that apply to the spec it cites.
fn coverage(ctx: &Context<'_>) -> RuleCoverage {
    let rules = checks::project_view::applicable_rules(ctx);
    RuleCoverage {
        cited: rules.iter().filter(|r| r.cited).count(),
        applicable: rules.len(),
    }
}

/// What the header says about a template beyond its name.
fn template_note(t: &Template) -> Option<String> {
    t.origin.why().or_else(|| {
        t.family
            .map(|f| format!("best match: our profile of the {f} family of agent templates"))
    })
}

/// A report for a file that could not be checked.
pub fn unreadable(path: &Path, message: String) -> FileReport {
    FileReport {
        path: path.to_path_buf(),
        template: None,
        template_auto: false,
        template_note: None,
        diagnostics: vec![ts901_file_not_readable::resolved(message)],
        io_error: true,
        stats: None,
        companions: Vec::new(),
        rules: None,
    }
}

/// The reports of a run with each spec's companion reports after it; a
/// companion shared by several specs (one PRD beside two specs) is listed
/// once, with the findings of all of them.
pub fn flatten(reports: Vec<FileReport>) -> Vec<FileReport> {
    let mut out: Vec<FileReport> = Vec::with_capacity(reports.len());
    let mut seen: HashMap<PathBuf, usize> = HashMap::new();
    for mut r in reports {
        let companions = std::mem::take(&mut r.companions);
        out.push(r);
        for c in companions {
            match seen.get(&c.path) {
                Some(&i) => {
                    for d in c.diagnostics {
                        if !out[i].diagnostics.contains(&d) {
                            out[i].diagnostics.push(d);
                        }
                    }
                }
                None => {
                    seen.insert(c.path.clone(), out.len());
                    out.push(c);
                }
            }
        }
    }
    out
}

/// The `max-file-size` that applies to a spec: the nearest techspec.toml
/// above it, else the default. For the commands that read one spec without
/// a full checker (`tasks`, `files`, `rules`, and their MCP tools).
pub fn max_file_size_for(spec: &Path) -> u64 {
    let dir = std::path::absolute(spec)
        .ok()
        .and_then(|p| p.parent().map(Path::to_path_buf));
    dir.as_deref()
        .and_then(crate::engine::config::Config::find)
        .and_then(|c| crate::engine::config::Config::load(&c).ok())
        .map_or_else(
            || Settings::default().max_file_size,
            |c| c.settings().max_file_size,
        )
}

/// Fills names and severities from the registry and settings, drops checks
/// turned off and findings silenced by `<!-- techspec-disable CODE -->`, sorts.
pub fn finalize(settings: &Settings, doc: &Document, out: &mut Vec<Diagnostic>) {
    let suppressions = suppressions(doc);
    out.retain_mut(|d| {
        let Some(info) = checks::lookup(d.code) else {
            return true;
        };
        d.name = info.name;
        match settings.level(info.code, info.severity) {
            Level::Off => false,
            Level::On(sev) => {
                d.severity = d.at_most.map_or(sev, |cap| sev.min(cap));
                !suppressions.iter().any(|(span, codes)| {
                    span.contains(d.span.start)
                        && codes.iter().any(|c| {
                            c == "all"
                                || c.eq_ignore_ascii_case(info.code)
                                || c.eq_ignore_ascii_case(info.name)
                        })
                })
            }
        }
    });
    out.sort_by(|a, b| a.span.start.cmp(&b.span.start).then(a.code.cmp(b.code)));
}

/// `<!-- techspec-disable CODE[, CODE] -->` silences the next block (or heading).
fn suppressions(doc: &Document) -> Vec<(Span, Vec<String>)> {
    let mut out = Vec::new();
    for b in doc.blocks.iter().filter(|b| b.kind == BlockKind::Html) {
        let text = doc.slice(b.span);
        let Some(rest) = text.trim().strip_prefix("<!--") else {
            continue;
        };
        let rest = rest.trim_start();
        let Some(args) = rest.strip_prefix("techspec-disable") else {
            continue;
        };
        let args = args.trim_end().trim_end_matches("-->");
        let codes: Vec<String> = args
            .split([',', ' '])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect();
        let codes = if codes.is_empty() {
            vec!["all".to_string()]
        } else {
            codes
        };
        let next_block = doc
            .blocks
            .iter()
            .find(|x| x.span.start >= b.span.end && x.depth == 0)
            .map(|x| x.span);
        let next_heading = doc
            .headings
            .iter()
            .find(|h| h.span.start >= b.span.end)
            .map(|h| h.span);
        let target = match (next_block, next_heading) {
            (Some(x), Some(h)) => {
                if h.start < x.start {
                    h
                } else {
                    x
                }
            }
            (Some(x), None) => x,
            (None, Some(h)) => h,
            (None, None) => continue,
        };
        out.push((Span::new(b.span.end, target.end), codes));
    }
    out
}

#[cfg(test)]
#[allow(
    clippy::arithmetic_side_effects,
    reason = "offsets into small test texts"
)]
mod tests {
    use super::*;

    /// The automatic choice stops at a perfect match only when no later
    /// template could still win the tie on the spec's code language.
    #[test]
    fn perfect_match_still_yields_to_the_template_of_the_code_language() {
        let checker = Checker::new(TemplateSet::builtins());
        let standard = checker.templates.get("standard").unwrap();
        let mut spec = String::from("# Technical Specification: X\n\n");
        for s in &standard.sections {
            spec.push_str(&format!(
                "{} {}\n\nText.\n\n",
                "#".repeat(s.level as usize),
                s.title
            ));
        }
        let go = spec.replace(
            "Text.\n\n## Integration",
            "```go\ntype A interface{}\n```\n\n## Integration",
        );
        let python = spec.replace(
            "Text.\n\n## Integration",
            "```python\nclass A: ...\n```\n\n## Integration",
        );
        let choose = |text: &str| {
            let doc = Document::parse(text);
            checker.choose(&doc).template.name.clone()
        };
        assert_eq!(choose(&spec), "standard");
        assert_eq!(choose(&go), "standard");
        assert_eq!(choose(&python), "standard-python");
    }

    /// The refunds example with `TODO: decide` paragraphs (TS202) after
    /// `## Executive Summary` and after `## System Architecture`, each
    /// preceded by `comment` (when not empty).
    fn with_markers(comment: &str) -> String {
        let spec = include_str!("../../examples/refunds/tasks/prd-payment-refunds/techspec.md");
        let mut out = spec.to_string();
        for heading in ["## Executive Summary\n", "## System Architecture\n"] {
            let at = out.find(heading).unwrap() + heading.len();
            out.insert_str(
                at,
                &format!("\n{comment}\nTODO: decide the retry policy.\n"),
            );
        }
        out
    }

    /// (code, line) of every finding.
    fn findings(text: &str) -> Vec<(String, usize)> {
        Checker::new(TemplateSet::builtins())
            .check_bytes(Path::new("spec.md"), text.as_bytes())
            .diagnostics
            .iter()
            .map(|d| (d.code.clone(), d.line))
            .collect()
    }

    fn lines_of(found: &[(String, usize)], code: &str) -> Vec<usize> {
        found
            .iter()
            .filter(|(c, _)| c == code)
            .map(|(_, l)| *l)
            .collect()
    }

    /// `<!-- techspec-disable CODE -->` silences that check on the next
    /// block only; by code or name, any case, in a list, or every check
    /// with no code; another code silences nothing.
    #[test]
    fn disable_comments_silence_the_next_block() {
        let plain = findings(&with_markers(""));
        let marked = lines_of(&plain, "TS202");
        assert_eq!(marked.len(), 2, "{plain:?}");
        for comment in [
            "<!-- techspec-disable TS202 -->",
            "<!-- techspec-disable ts202 -->",
            "<!-- techspec-disable placeholder-marker -->",
            "<!-- techspec-disable TS201, TS202 -->",
            "<!--techspec-disable TS202-->",
            "<!-- techspec-disable -->",
        ] {
            let found = findings(&with_markers(comment));
            // Both paragraphs are silenced, nothing else changes (the
            // comment line shifts the later findings by one line each).
            assert!(lines_of(&found, "TS202").is_empty(), "{comment}: {found:?}");
            assert_eq!(
                found.len(),
                plain.len() - 2,
                "{comment}: {found:?} vs {plain:?}"
            );
        }
        for comment in [
            "<!-- techspec-disable TS201 -->",
            "<!-- techspec-disable missing-section -->",
            "<!-- techspec-enable TS202 -->",
        ] {
            let found = findings(&with_markers(comment));
            assert_eq!(lines_of(&found, "TS202").len(), 2, "{comment}: {found:?}");
        }
        // Only the next block: a comment before the first marker leaves the second.
        let spec = with_markers("");
        let first = spec.find("TODO: decide").unwrap();
        let mut one = spec.clone();
        one.insert_str(first, "<!-- techspec-disable TS202 -->\n");
        let found = findings(&one);
        assert_eq!(lines_of(&found, "TS202"), vec![marked[1] + 1], "{found:?}");
        // A blank line between the comment and the block changes nothing.
        let mut spaced = spec.clone();
        spaced.insert_str(first, "<!-- techspec-disable TS202 -->\n\n");
        assert_eq!(lines_of(&findings(&spaced), "TS202").len(), 1);
        // Inside a code block it is text, not a directive.
        let mut fenced = spec;
        fenced.insert_str(first, "```\n<!-- techspec-disable TS202 -->\n```\n");
        assert_eq!(lines_of(&findings(&fenced), "TS202").len(), 2);
    }
}
