//! Helpers shared by the project checks (TS3xx).

use super::Context;
use crate::project::PathStatus;
use crate::project::references::{FileRef, relevant_files};
use crate::project::research::{candidates_from, citable};
use crate::project::rules::Verdict;

/// The Relevant Files references of the spec, if it has that section
/// (read once per document).
pub fn relevant_refs<'c>(ctx: &'c Context<'_>) -> &'c [FileRef] {
    ctx.memo
        .relevant
        .get_or_init(|| match ctx.spec_section("relevant-files") {
            Some(si) => relevant_files(ctx.doc, si),
            None => Vec::new(),
        })
}

/// Where each of [`relevant_refs`] points in the project, in the same
/// order (resolved once per document); empty without a project.
pub fn resolved_refs<'c>(ctx: &'c Context<'_>) -> &'c [PathStatus] {
    ctx.memo.resolved.get_or_init(|| match ctx.project {
        Some(project) => {
            let dir = spec_dir(ctx);
            relevant_refs(ctx)
                .iter()
                .map(|r| project.resolve(&r.path, dir))
                .collect()
        }
        None => Vec::new(),
    })
}

/// The spec's directory (absolute).
pub fn spec_dir<'c>(ctx: &'c Context<'_>) -> &'c std::path::Path {
    ctx.memo
        .spec_dir
        .get_or_init(|| crate::project::research::spec_dir(ctx.path))
}

/// The Standards Compliance section as text and its start offset (see
/// [`crate::project::research::standards_text`]), read once per document.
pub fn standards_text<'c>(ctx: &'c Context<'_>) -> Option<(usize, &'c str)> {
    ctx.memo
        .standards
        .get_or_init(|| {
            ctx.spec_section("standards-compliance")
                .map(|si| crate::project::research::standards_text(ctx.doc, si))
        })
        .as_ref()
        .map(|(start, text)| (*start, text.as_str()))
}

/// The rule and skill names Standards Compliance cites, with their offsets
/// in [`standards_text`] (read once per document).
pub fn standards_citations<'c>(ctx: &'c Context<'_>) -> &'c [(String, usize)] {
    ctx.memo.citations.get_or_init(|| {
        standards_text(ctx).map_or_else(Vec::new, |(_, text)| {
            crate::project::rules::cited_names(text)
        })
    })
}

/// Whether TS305 reports, for this spec, an applicable rule that Standards
/// Compliance does not cite. TS308 then stays silent: the same gap is said
/// once, by the finding that names the rule.
pub fn uncited_rule_reported(ctx: &Context<'_>) -> bool {
    use super::ts305_applicable_rule_not_cited::CODE;
    ctx.settings
        .level(CODE, crate::model::diagnostic::Severity::Warning)
        != crate::engine::settings::Level::Off
        && applicable_rules(ctx).iter().any(|a| !a.cited)
}

/// A rule that applies to the spec and that it is expected to cite.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApplicableRule {
    /// Index into the project's rules.
    pub index: usize,
    /// Why it applies (`always-on`, `globs ... match ...`).
    pub reason: String,
    /// Whether Standards Compliance cites it.
    pub cited: bool,
}

/// The citable rules with verdict "applies" for this spec (always-on, or
/// globs matching its Relevant Files or another existing path it names),
/// and whether its Standards Compliance section cites each. Empty without a
/// project. Worked out once per document (TS305, TS308, `report`'s count).
pub fn applicable_rules<'c>(ctx: &'c Context<'_>) -> &'c [ApplicableRule] {
    ctx.memo.applicable.get_or_init(|| rules_that_apply(ctx))
}

fn rules_that_apply(ctx: &Context<'_>) -> Vec<ApplicableRule> {
    let Some(project) = ctx.project else {
        return Vec::new();
    };
    let compiled = project.compiled();
    let rules = compiled.rules();
    if rules.is_empty() {
        return Vec::new();
    }
    let text = standards_text(ctx).map_or("", |(_, t)| t);
    let candidates = candidates_from(
        project,
        spec_dir(ctx),
        relevant_refs(ctx).iter().zip(resolved_refs(ctx)),
        ctx.doc,
    );
    let lower = std::cell::OnceCell::new();
    compiled
        .applicability(&candidates, "")
        .into_iter()
        .filter(|a| a.verdict == Verdict::Applies && citable(&rules[a.rule_index]))
        .map(|a| ApplicableRule {
            index: a.rule_index,
            cited: compiled.cites(a.rule_index, lower.get_or_init(|| text.to_lowercase())),
            reason: a.reason,
        })
        .collect()
}
