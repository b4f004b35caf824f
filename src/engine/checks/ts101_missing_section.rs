//! ## What it does
//! Reports a required template section that the spec does not have, under
//! any of its known titles (numbered, translated, or a common variant such as
//! "Core Interfaces" for "Main Interfaces"). Optional sections — the template
//! marks them "Include only if", "If needed", "If applicable" — may be absent.
//!
//! ## Why is this bad?
//! Reviewers and the agents that turn the spec into tasks look for each
//! section; a missing one usually means the question was never answered
//! (real specs most often drop Relevant Files and Standards Compliance).
//!
//! ## Example
//! ```markdown
//! ## Technical Considerations
//! ### Key Decisions
//! ...
//! (no "### Relevant Files")
//! ```
//!
//! ## Use instead
//! ```markdown
//! ### Relevant Files
//! - `internal/payments/refund.go`
//! ```
//! When the content is already written in another shape (the steps of a
//! Build Order straight under Development Sequencing, or as `### Phase N`
//! headings; unit tests as a `- **Unit**: ...` item of Testing Approach),
//! the finding is a warning, not an error: the section is there,
//! only its heading is not. `techspec check --fix` puts the heading over content already written in
//! another shape (the steps of a Build Order under Development Sequencing);
//! `--fix --unsafe-fixes` inserts a missing section with the template's
//! guidance, right after the section that precedes it in the template.

use super::Context;
use super::text::{is_numbered, item_text_start};
use crate::model::align::SpecMatch;
use crate::model::diagnostic::{Diagnostic, Edit, Severity};
use crate::model::document::{BlockKind, Span};
use crate::model::identity::normalize;

pub const CODE: &str = "TS101";

pub fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let t = ctx.template;
    let doc = ctx.doc;
    for (ti, ts) in t.sections.iter().enumerate() {
        if ts.optional || ctx.align.found[ti].is_some() {
            continue;
        }
        // Report a missing parent once, not each of its missing children.
        if let Some(p) = ts.parent {
            if ctx.align.found[p].is_none() && !t.sections[p].optional {
                continue;
            }
        }
        let at = insertion_point(ctx, ti);
        let span = next_heading_span(ctx, at).unwrap_or_else(|| parent_heading_span(ctx, ti));
        let marker = t.heading_marker(ti);
        let parent_note = ts
            .parent
            .map(|p| format!(" (under \"{}\")", t.sections[p].title))
            .unwrap_or_default();
        let diag = Diagnostic::new(
            CODE,
            span,
            format!(
                "missing required section `{marker} {}`{parent_note}",
                ts.title
            ),
        )
        .section(ts.title.clone());
        // The content is already there in another shape: a heading over it.
        // The section is not absent, only unnamed: a warning, not an error.
        if let Some(edits) = heading_over_content(ctx, ti) {
            let parent = ts.parent.map_or("", |p| t.sections[p].title.as_str());
            let mut diag = diag.at_most(Severity::Warning);
            diag.message = format!(
                "required section `{marker} {}` has no heading of its own: its steps are written under \"{parent}\" without it",
                ts.title
            );
            out.push(
                diag.help(format!(
                    "put a `{marker} {}` heading over the steps already written under \"{}\"",
                    ts.title,
                    ts.parent.map_or("", |p| t.sections[p].title.as_str())
                ))
                .fix(
                    format!("add heading `{}` over its content", ts.title),
                    edits,
                ),
            );
            continue;
        }
        // Written under its parent as a bold-labelled item or paragraph
        // (`- **Unit (xUnit)**: ...` in Testing Approach): named, not absent.
        if let Some((label, at_label)) = labelled_under_parent(ctx, ti) {
            let parent = ts.parent.map_or("", |p| t.sections[p].title.as_str());
            let mut diag = diag.at_most(Severity::Warning);
            diag.span = at_label;
            diag.message = format!(
                "required section `{marker} {}` has no heading of its own: it is written under \"{parent}\" as **{label}**",
                ts.title
            );
            out.push(diag.help(format!(
                "turn **{label}** into a `{marker} {}` heading over its text",
                ts.title
            )));
            continue;
        }
        let mut text = format!("{marker} {}\n\n", ts.title);
        for &g in &ts.guidance {
            text.push_str(t.doc.slice(t.guidance[g].span));
            text.push_str("\n\n");
        }
        // Missing children come along with their parent.
        for c in t
            .sections
            .iter()
            .skip(ti + 1)
            .take_while(|c| c.level > ts.level)
        {
            if c.optional {
                continue;
            }
            text.push_str(&format!("{} {}\n\n", "#".repeat(c.level as usize), c.title));
            for &g in &c.guidance {
                text.push_str(t.doc.slice(t.guidance[g].span));
                text.push_str("\n\n");
            }
        }
        let prefix = if at > 0 && !doc.text[..at].ends_with("\n\n") {
            if doc.text[..at].ends_with('\n') {
                "\n"
            } else {
                "\n\n"
            }
        } else {
            ""
        };
        // The template's guidance still has to be replaced by the author:
        // inserting it is an unsafe fix (`--unsafe-fixes`).
        out.push(
            diag.help(format!(
                "add a `{marker} {}` section here, following the template's guidance",
                ts.title
            ))
            .unsafe_fix(
                format!("insert section `{}` with the template's guidance", ts.title),
                vec![Edit {
                    span: Span::empty(at),
                    text: format!("{prefix}{text}"),
                }],
            ),
        );
    }
}

/// Where a missing template section belongs: right after the section that
/// precedes it in the template — after that section's whole subtree, or, when
/// the one before it is its parent, after the parent's own text (before its
/// first subsection). Never inside a deeper section that follows, so the
/// inserted heading adopts nobody else's subsections.
pub fn insertion_point(ctx: &Context<'_>, ti: usize) -> usize {
    let t = ctx.template;
    let doc = ctx.doc;
    let level = t.sections[ti].level;
    for prev in (0..ti).rev() {
        let Some(si) = ctx.align.found[prev] else {
            continue;
        };
        if is_ancestor(ctx, prev, ti) {
            return doc.sections[si].body.end;
        }
        if t.sections[prev].level < level {
            // A preceding section that is not an ancestor (the parent is an
            // absent optional one): keep looking for a sibling.
            continue;
        }
        return skip_deeper(ctx, doc.sections[si].span.end, level);
    }
    // Nothing before it is present: right before the first section.
    doc.sections
        .first()
        .map_or(doc.text.len(), |s| s.span.start)
}

fn is_ancestor(ctx: &Context<'_>, a: usize, mut ti: usize) -> bool {
    while let Some(p) = ctx.template.sections[ti].parent {
        if p == a {
            return true;
        }
        ti = p;
    }
    false
}

/// From `at`, past every section deeper than `level` that starts there.
fn skip_deeper(ctx: &Context<'_>, mut at: usize, level: u8) -> usize {
    while let Some(s) = ctx.doc.sections.iter().find(|s| s.span.start == at) {
        if s.level <= level || s.span.end <= at {
            break;
        }
        at = s.span.end;
    }
    at
}

/// For a missing Build Order whose parent already holds the steps — a
/// numbered list in its own text, or numbered subsections (`### Phase 1`) —
/// the edits that put the heading over them (subsections move one level
/// down, under the new heading).
fn heading_over_content(ctx: &Context<'_>, ti: usize) -> Option<Vec<Edit>> {
    let t = ctx.template;
    let doc = ctx.doc;
    if t.section_by_identity("build-order") != Some(ti) {
        return None;
    }
    let p = t.sections[ti].parent?;
    let ps = ctx.align.found[p]?;
    let marker = t.heading_marker(ti);
    let level = t.sections[ti].level;
    let heading = format!("{marker} {}\n\n", t.sections[ti].title);
    let own = &doc.sections[ps];
    let first_content = doc.blocks[own.blocks.clone()]
        .iter()
        .find(|b| b.depth == 0 && !matches!(b.kind, BlockKind::Html | BlockKind::ThematicBreak));
    if let Some(b) = first_content {
        let ordered = doc.blocks[own.blocks.clone()]
            .iter()
            .any(|b| b.depth == 0 && matches!(b.kind, BlockKind::List { ordered: true, .. }));
        if !ordered {
            return None;
        }
        let line = doc.lines.line_start(doc.lines.line_of(b.span.start));
        return Some(vec![Edit {
            span: Span::empty(line),
            text: heading,
        }]);
    }
    // The leading subsections that are no template section, all numbered.
    let children: Vec<usize> = own
        .children
        .iter()
        .copied()
        .take_while(|&c| !matches!(ctx.align.spec[c], SpecMatch::Section { .. }))
        .collect();
    if children.is_empty()
        || !children
            .iter()
            .all(|&c| is_numbered(&doc.section_heading(c).text))
    {
        return None;
    }
    let at = doc.sections[children[0]].span.start;
    let mut edits: Vec<Edit> = Vec::new();
    for &c in &children {
        for s in doc.subtree(c) {
            let h = doc.section_heading(s);
            let raw = doc.slice(h.span);
            let lead = raw.len() - raw.trim_start().len();
            let hashes = raw.trim_start().bytes().take_while(|&b| b == b'#').count();
            if hashes == 0 || doc.sections[s].level < level || hashes >= 6 {
                return None; // setext headings, or nowhere deeper to go
            }
            let start = h.span.start + lead;
            edits.push(Edit {
                span: Span::new(start, start + hashes),
                text: "#".repeat(hashes + 1),
            });
        }
    }
    edits.sort_by_key(|e| e.span.start);
    // One edit at the first subsection's heading: the new heading, then its own.
    match edits.first_mut() {
        Some(first) if first.span.start == at => first.text = format!("{heading}{}", first.text),
        _ => edits.insert(
            0,
            Edit {
                span: Span::empty(at),
                text: heading,
            },
        ),
    }
    Some(edits)
}

/// The bold label of an item or paragraph of the parent section that names
/// the missing section `ti` by a word of its own title (not one of the
/// parent's): `**Unitários (xUnit)**` in "Abordagem de Testes" names "Testes
/// Unitários". Every word of the label is a word of that title. With the
/// label's span, `**` included.
fn labelled_under_parent<'d>(ctx: &Context<'d>, ti: usize) -> Option<(&'d str, Span)> {
    let t = ctx.template;
    let doc = ctx.doc;
    let p = t.sections[ti].parent?;
    let ps = ctx.align.found[p]?;
    let own = normalize(&t.sections[ti].title);
    let parent = normalize(&t.sections[p].title);
    let own: Vec<&str> = own.split(' ').collect();
    let parent: Vec<&str> = parent.split(' ').collect();
    // Compared by their first four letters: "tests" is the parent's word
    // when the parent says "testing".
    let stem = |w: &str| w.get(..4).unwrap_or(w).to_string();
    let distinctive: Vec<&str> = own
        .iter()
        .copied()
        .filter(|w| w.len() > 2 && !parent.iter().any(|p| stem(p) == stem(w)))
        .collect();
    if distinctive.is_empty() {
        return None;
    }
    doc.blocks[doc.sections[ps].blocks.clone()]
        .iter()
        .filter(|b| matches!(b.kind, BlockKind::Item { .. } | BlockKind::Paragraph))
        .find_map(|b| {
            let start = item_text_start(doc, b);
            let text = doc.text[start..b.span.end].trim_start();
            let rest = text.strip_prefix("**")?;
            let label = &rest[..rest.find("**")?];
            let at = b.span.end - text.len();
            let norm = normalize(label);
            let words: Vec<&str> = norm.split(' ').filter(|w| !w.is_empty()).collect();
            (words.iter().any(|w| distinctive.contains(w)) && words.iter().all(|w| own.contains(w)))
                .then_some((label.trim(), Span::new(at, at + label.len() + 4)))
        })
}

/// The heading of the section starting at `at`, if one does.
fn next_heading_span(ctx: &Context<'_>, at: usize) -> Option<Span> {
    ctx.doc
        .sections
        .iter()
        .find(|s| s.span.start == at)
        .map(|s| ctx.doc.headings[s.heading].span)
}

/// When nothing follows the missing section, the finding points at a
/// heading all the same: its parent's, else the last top-level section's
/// (or the title), never at a paragraph.
fn parent_heading_span(ctx: &Context<'_>, ti: usize) -> Span {
    let doc = ctx.doc;
    let parent = ctx.template.sections[ti]
        .parent
        .and_then(|p| ctx.align.found[p]);
    if let Some(si) = parent.or_else(|| doc.roots.last().copied()) {
        return doc.section_heading(si).span;
    }
    doc.title_heading().map_or_else(
        || Span::empty(doc.frontmatter.map_or(0, |f| f.end)),
        |h| h.span,
    )
}

#[cfg(test)]
mod tests {
    use crate::engine::checks::tests::{check_fixture, findings, findings_in};

    #[test]
    fn pass() {
        assert!(findings("TS101", "pass").is_empty());
    }

    #[test]
    fn fail() {
        insta::assert_snapshot!(check_fixture("TS101", "fail"));
    }

    /// A last section missing at the end of the spec is reported on its
    /// parent's heading, not on the last paragraph of the file.
    #[test]
    fn a_missing_first_section_points_at_the_first_heading() {
        let spec = include_str!("../../../examples/refunds/tasks/prd-payment-refunds/techspec.md");
        let start = spec.find("## Executive Summary").unwrap();
        let end = spec.find("## System Architecture").unwrap();
        let cut = format!("{}{}", &spec[..start], &spec[end..]);
        let f = findings_in("TS101", cut.as_bytes());
        assert_eq!(f.len(), 1, "{f:?}");
        let line = cut.lines().nth(f[0].line - 1).unwrap();
        assert_eq!(line, "## System Architecture");
    }

    #[test]
    fn a_missing_last_section_points_at_its_parents_heading() {
        let spec = include_str!("../../../examples/refunds/tasks/prd-payment-refunds/techspec.md");
        let cut = &spec[..spec.find("### Relevant Files").unwrap()];
        let f = findings_in("TS101", cut.as_bytes());
        assert_eq!(f.len(), 1, "{f:?}");
        let line = cut.lines().nth(f[0].line - 1).unwrap();
        assert_eq!(line, "## Technical Considerations");
    }

    /// Steps written straight under Development Sequencing, without the
    /// `### Build Order` heading: the section is there, only unnamed, so
    /// the finding is a warning (an absent section stays an error).
    #[test]
    fn steps_without_their_heading_are_a_warning_not_an_error() {
        let spec = include_str!("../../../examples/refunds/tasks/prd-payment-refunds/techspec.md");
        let unnamed = spec.replacen("### Build Order\n", "", 1);
        assert_ne!(unnamed, spec);
        let f = findings_in("TS101", unnamed.as_bytes());
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].severity, crate::model::diagnostic::Severity::Warning);
        assert!(
            f[0].message.contains("has no heading of its own"),
            "{}",
            f[0].message
        );

        let start = spec.find("### Build Order").unwrap();
        let end = spec.find("### Technical Dependencies").unwrap();
        let absent = format!("{}{}", &spec[..start], &spec[end..]);
        let f = findings_in("TS101", absent.as_bytes());
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].severity, crate::model::diagnostic::Severity::Error);
    }

    /// Unit tests written as a bold-labelled item of Testing Approach: the
    /// section is there without its heading, a warning; a label that names
    /// only the parent ("**Tests**") does not count.
    #[test]
    fn a_section_written_as_a_bold_item_of_its_parent_is_a_warning() {
        let spec = include_str!("../../../examples/refunds/tasks/prd-payment-refunds/techspec.md");
        let labelled = spec.replacen(
            "### Unit Tests\n\n- The state machine",
            "- **Unit (Go testing)**: the state machine",
            1,
        );
        assert_ne!(labelled, spec);
        let f = findings_in("TS101", labelled.as_bytes());
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].severity, crate::model::diagnostic::Severity::Warning);
        assert!(
            f[0].message.contains("as **Unit (Go testing)**"),
            "{}",
            f[0].message
        );
        let generic = spec.replacen(
            "### Unit Tests\n\n- The state machine",
            "- **Tests**: the state machine",
            1,
        );
        let f = findings_in("TS101", generic.as_bytes());
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].severity, crate::model::diagnostic::Severity::Error);
    }
}
