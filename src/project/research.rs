//! Project research for one spec: which agent rules apply, which are
//! possibly relevant, which the spec already cites.

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::model::align::Alignment;
use crate::model::document::{Document, Span};
use crate::model::template::Template;
use crate::project::references::{FileRef, path_tokens_where, relevant_files};
use crate::project::rules::{Activation, Agent, Rule, Skill, Verdict};
use crate::project::{PathStatus, Project};

/// One rule and what it means for the spec.
#[derive(Debug, Clone, Serialize)]
pub struct RuleVerdict {
    pub path: String,
    pub agent: String,
    pub title: String,
    pub description: Option<String>,
    pub activation: Activation,
    pub reason: String,
    /// Relevance score for rules the agent decides on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score: Option<f32>,
    /// The spec's Standards Compliance already cites it.
    pub cited: bool,
}

/// The rules of a project, grouped for a spec.
#[derive(Debug, Clone, Default, Serialize)]
pub struct SpecRules {
    pub applies: Vec<RuleVerdict>,
    pub possibly_relevant: Vec<RuleVerdict>,
    pub not_applicable: Vec<RuleVerdict>,
    /// The project's agent skills: loaded when the agent asks for them, so
    /// possibly relevant, never required. One per name.
    pub skills: Vec<SkillVerdict>,
    /// The files the rules were matched against.
    pub candidates: Vec<String>,
}

/// One agent skill and whether the spec cites it.
#[derive(Debug, Clone, Serialize)]
pub struct SkillVerdict {
    pub name: String,
    /// The skill's folder (or file), repo-relative.
    pub path: String,
    pub description: Option<String>,
    /// The spec's Standards Compliance cites it (by folder, `SKILL.md` path or name).
    pub cited: bool,
    /// Problems found while reading it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

/// The project's skills, one per name (the first folder found), each with
/// whether `standards` cites it; cited ones first.
pub fn skill_verdicts(skills: &[Skill], standards: &str) -> Vec<SkillVerdict> {
    let mut out: Vec<SkillVerdict> = Vec::new();
    for s in skills {
        if out.iter().any(|v| v.name == s.name) {
            continue;
        }
        out.push(SkillVerdict {
            name: s.name.clone(),
            path: s.dir.clone(),
            description: s.description.clone(),
            cited: s.cited_in(standards),
            warnings: s.warnings.clone(),
        });
    }
    out.sort_by_key(|v| !v.cited);
    out
}

/// Spec section `si` (Standards Compliance: the whole subtree, after its
/// heading) as text and its start offset. Code blocks are blanked out (same
/// length, so offsets hold): an annotation in example code is no citation.
pub fn standards_text(doc: &Document, si: usize) -> (usize, String) {
    let body = doc.sections[si].span;
    let heading_end = doc.section_heading(si).span.end;
    let start = heading_end.min(body.end);
    let mut bytes = doc.slice(Span::new(start, body.end)).as_bytes().to_vec();
    // Blocks are in document order: only those that start before the end.
    let before_end = doc.blocks.partition_point(|b| b.span.start < body.end);
    for b in &doc.blocks[..before_end] {
        if !b.is_code() || b.span.end <= start {
            continue;
        }
        let from = b.span.start.max(start) - start;
        let to = b.span.end.min(body.end) - start;
        for byte in &mut bytes[from..to] {
            if *byte != b'\n' {
                *byte = b' ';
            }
        }
    }
    // Only ASCII spaces replaced whole spans of text: still UTF-8, unless a
    // block boundary fell inside a character, which the parser never does.
    let text = String::from_utf8(bytes)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    (start, text)
}

/// The files a spec's rules are matched against: the entries of its
/// Relevant Files section `relevant`, and path-like code spans that exist
/// in the repository.
pub fn candidates(
    project: &Project,
    spec_path: &Path,
    doc: &Document,
    relevant: Option<usize>,
) -> Vec<String> {
    let refs = relevant
        .map(|si| relevant_files(doc, si))
        .unwrap_or_default();
    let dir = spec_dir(spec_path);
    let statuses: Vec<PathStatus> = refs
        .iter()
        .map(|r| project.resolve(&r.path, &dir))
        .collect();
    candidates_from(project, &dir, refs.iter().zip(&statuses), doc)
}

/// The folder a spec lives in (absolute), which its relative paths start from.
pub fn spec_dir(spec_path: &Path) -> PathBuf {
    std::path::absolute(spec_path)
        .ok()
        .and_then(|p| p.parent().map(Path::to_path_buf))
        .unwrap_or_default()
}

/// Candidates from the spec's Relevant Files entries with where each
/// resolved (existing ones repo-relative, missing ones as written, absolute
/// and escaping ones left out) and its path-like code spans that exist
/// (resolved from the repository root or `dir`).
pub fn candidates_from<'r>(
    project: &Project,
    dir: &Path,
    resolved: impl IntoIterator<Item = (&'r FileRef, &'r PathStatus)>,
    doc: &Document,
) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    // Code spans already resolved as Relevant Files entries are not looked
    // up a second time.
    let mut seen: Vec<Span> = Vec::new();
    for (r, status) in resolved {
        seen.push(r.span);
        match status {
            PathStatus::Exists(rel) => out.push(rel.clone()),
            PathStatus::Missing => out.push(r.path.clone()),
            _ => {}
        }
    }
    seen.sort_unstable_by_key(|s| s.start);
    let unseen = |span: Span| {
        !seen
            .binary_search_by_key(&span.start, |s| s.start)
            .is_ok_and(|i| seen[i] == span)
    };
    for (p, _) in path_tokens_where(doc, unseen) {
        if let PathStatus::Exists(rel) = project.resolve(&p, dir) {
            out.push(rel);
        }
    }
    out.sort();
    out.dedup();
    out
}

/// Groups the project's rules for a spec aligned with `template` as
/// `check` aligns it: its Relevant Files and Standards Compliance are the
/// sections the project checks (TS301-TS309) read.
pub fn rules_for_spec(
    project: &Project,
    spec_path: &Path,
    doc: &Document,
    template: &Template,
    align: &Alignment,
) -> SpecRules {
    let cands = candidates(
        project,
        spec_path,
        doc,
        align.find_identity(template, "relevant-files"),
    );
    let standards = align
        .find_identity(template, "standards-compliance")
        .map(|si| standards_text(doc, si).1)
        .unwrap_or_default();
    let compiled = project.compiled();
    let rules = compiled.rules();
    let mut out = SpecRules {
        candidates: cands.clone(),
        skills: skill_verdicts(&project.discovery().skills, &standards),
        ..SpecRules::default()
    };
    let lower = standards.to_lowercase();
    for a in compiled.applicability(&cands, &doc.text) {
        let rule: &Rule = &rules[a.rule_index];
        let mut v = verdict(rule, a.reason.clone(), compiled.cites(a.rule_index, &lower));
        match a.verdict {
            Verdict::Applies => out.applies.push(v),
            Verdict::PossiblyRelevant { score } => {
                v.score = Some(score);
                out.possibly_relevant.push(v);
            }
            Verdict::NotApplicable => out.not_applicable.push(v),
        }
    }
    out
}

/// A rule with no spec in view.
pub fn verdict(rule: &Rule, reason: String, cited: bool) -> RuleVerdict {
    RuleVerdict {
        path: rule.path_str(),
        agent: rule.agent.name().to_string(),
        title: rule.title.clone(),
        description: rule.description.clone(),
        activation: rule.activation.clone(),
        reason,
        score: None,
        cited,
    }
}

/// Always-on rules of the project's rules folders (what `new` lists in
/// Standards Compliance).
pub fn always_on(project: &Project) -> Vec<&Rule> {
    project
        .rules()
        .iter()
        .filter(|r| r.activation == Activation::Always && r.scope_str().is_empty() && citable(r))
        .collect()
}

/// Rules a spec is expected to cite: those from an agent's rules folder, not
/// memory files (`AGENTS.md`, `CLAUDE.md`, `GEMINI.md`, Copilot's repository
/// instructions), which apply to every task by design.
pub fn citable(rule: &Rule) -> bool {
    let name = rule.file_name();
    !(matches!(rule.agent, Agent::Agents | Agent::Gemini)
        || name == "CLAUDE.md"
        || name == "CLAUDE.local.md"
        || name == "copilot-instructions.md")
}
