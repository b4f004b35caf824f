//! ## What it does
//! In templates that have a "Performance Requirements" field (the extended
//! templates, under Performance & Scalability), reports a target written as
//! `Label: value` whose value has no number ("Latency targets: fast"), or
//! numbers without a unit ("Throughput requirements: 1000"). Units are
//! anything that says what is counted: `ms`, `s`, `req/s`, `rps`, `%`, `MB`,
//! `connections`, `concurrent users`, "per minute"... Percentiles (`p95`)
//! are not numbers on their own. The field may be a bold label or a heading.
//! Values that are still the template's `[...]` placeholder are reported by
//! `placeholder-marker`, and "N/A" answers are accepted.
//!
//! ## Why is this bad?
//! A target without a number cannot be tested, and a number without a unit
//! can be read several ways (1000 requests per second or per minute? 200 ms
//! or 200 µs?). Load tests, alerts and SLOs are written from these lines.
//!
//! ## Example
//! ```markdown
//! **Performance Requirements:**
//!
//! - Latency targets: fast enough for checkout
//! - Throughput requirements: 1000
//! ```
//!
//! ## Use instead
//! ```markdown
//! **Performance Requirements:**
//!
//! - Latency targets: p95 < 200 ms for `POST /refunds`
//! - Throughput requirements: 1000 req/s at peak
//! ```

use super::Context;
use super::text::{blocks_in, item_text_start, template_section_of, trim_end_offset};
use crate::model::align::SpecMatch;
use crate::model::diagnostic::Diagnostic;
use crate::model::document::{BlockKind, Document, Span};
use crate::model::identity::normalize;

pub const CODE: &str = "TS209";

/// Field titles that hold the performance targets.
const FIELD_NAMES: &[&str] = &[
    "performance requirements",
    "performance targets",
    "requisitos de desempenho",
    "requisitos de performance",
    "metas de desempenho",
];

/// Words after a number that are not its unit.
const NOT_UNITS: &[&str] = &[
    "and",
    "or",
    "at",
    "for",
    "in",
    "on",
    "to",
    "with",
    "under",
    "over",
    "of",
    "the",
    "is",
    "are",
    "than",
    "e",
    "ou",
    "em",
    "para",
    "com",
    "de",
    "no",
    "na",
    "do",
    "da",
    "th",
    "st",
    "nd",
    "rd",
    "percentile",
    "percentil",
    "p50",
    "p90",
    "p95",
    "p99",
];

/// Values that answer without a target.
const NOT_APPLICABLE: &[&str] = &[
    "n/a",
    "na ",
    "not applicable",
    "none",
    "no change",
    "unchanged",
    "same as",
    "não se aplica",
    "nao se aplica",
    "nenhum",
    "sem alteração",
    "igual",
];

/// The template field holding the performance targets: (section, field).
fn template_field(ctx: &Context<'_>) -> Option<(usize, usize)> {
    let ti = ctx
        .template
        .section_by_identity("performance-scalability")?;
    let s = &ctx.template.sections[ti];
    s.fields
        .iter()
        .position(|f| FIELD_NAMES.contains(&f.norm.as_str()))
        .or_else(|| {
            s.fields.iter().enumerate().position(|(fi, _)| {
                ctx.template
                    .placeholders
                    .iter()
                    .any(|p| p.section == s.doc_section && p.field == Some(fi))
            })
        })
        .map(|fi| (ti, fi))
}

/// Block ranges holding the field's content in the spec.
fn field_ranges(ctx: &Context<'_>, ti: usize, fi: usize) -> Vec<std::ops::Range<usize>> {
    let doc = ctx.doc;
    let norm = &ctx.template.sections[ti].fields[fi].norm;
    let mut out = Vec::new();
    for (si, m) in ctx.align.spec.iter().enumerate() {
        match *m {
            // The field written as a heading.
            SpecMatch::Field { template, field } if template == ti && field == fi => {
                out.push(blocks_in(doc, doc.sections[si].span));
            }
            SpecMatch::Section { template, .. } | SpecMatch::Duplicate { template, .. }
                if template == ti =>
            {
                // The field as a bold label: from its paragraph to the next label or heading.
                let range = doc.section_block_indices(si);
                let mut start = None;
                for bi in range.clone() {
                    let b = &doc.blocks[bi];
                    let BlockKind::Field { label, .. } = &b.kind else {
                        continue;
                    };
                    if b.depth != 0 {
                        continue;
                    }
                    if let Some(s) = start.take() {
                        out.push(s..bi);
                    }
                    if normalize(label) == *norm {
                        start = Some(bi + 1);
                    }
                }
                if let Some(s) = start {
                    out.push(s..range.end);
                }
            }
            _ => {}
        }
    }
    out
}

/// What is wrong with a target value, if anything.
fn problem(value: &str) -> Option<&'static str> {
    let v = value.trim();
    let lower = v.to_lowercase();
    if v.is_empty()
        || (v.starts_with('[') && v.ends_with(']'))
        || NOT_APPLICABLE.iter().any(|p| lower.starts_with(p))
    {
        return None;
    }
    let b = v.as_bytes();
    let mut numbers = 0usize;
    let mut i = 0usize;
    while i < b.len() {
        if !b[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len()
            && (b[i].is_ascii_digit()
                || (matches!(b[i], b'.' | b',') && b.get(i + 1).is_some_and(u8::is_ascii_digit)))
        {
            i += 1;
        }
        // `p95`, `v2`, `HTTP/2`, `S3`: part of a name, not a quantity.
        let before = v[..start].chars().next_back();
        if before.is_some_and(|c| c.is_alphabetic() || c == '/' || c == '_') {
            continue;
        }
        numbers += 1;
        let rest = &v[i..];
        let after = rest.trim_start_matches([' ', '\u{a0}']);
        if after.starts_with(['%', '‰', 'µ', 'μ', '×', '/']) {
            return None;
        }
        // `10k`, `1.5M`: a multiplier, then maybe the unit.
        let after = after
            .strip_prefix(['k', 'K', 'M'])
            .filter(|r| !r.starts_with(char::is_alphabetic))
            .unwrap_or(after);
        let after = after.trim_start_matches([' ', '\u{a0}']);
        if after.starts_with(['%', '/']) {
            return None;
        }
        let word: String = after
            .chars()
            .take_while(|c| c.is_alphabetic())
            .collect::<String>()
            .to_lowercase();
        if !word.is_empty() && !NOT_UNITS.contains(&word.as_str()) {
            return None;
        }
    }
    Some(if numbers == 0 {
        "has no number"
    } else {
        "has a number without a unit"
    })
}

/// Splits an item into its label and value at the first `:` (markup trimmed).
fn label_value(doc: &Document, start: usize, end: usize) -> Option<(String, Span)> {
    let text = doc.slice(Span::new(start, end));
    let colon = text.find(':')?;
    let label = text[..colon]
        .trim()
        .trim_matches(['*', '_', '`', ' '])
        .trim();
    if label.is_empty() || label.chars().count() > 60 {
        return None;
    }
    let rest = &text[colon + 1..];
    let lead = rest.len() - rest.trim_start_matches(['*', '_', ' ', '\t']).len();
    let vstart = start + colon + 1 + lead;
    Some((label.to_string(), Span::new(vstart, end.max(vstart))))
}

pub fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some((ti, fi)) = template_field(ctx) else {
        return;
    };
    let doc = ctx.doc;
    let title = &ctx.template.sections[ti].title;
    let field = &ctx.template.sections[ti].fields[fi].label;
    for range in field_ranges(ctx, ti, fi) {
        for b in &doc.blocks[range] {
            if !matches!(b.kind, BlockKind::Item { .. }) || b.depth != 1 {
                continue;
            }
            if b.section.and_then(|s| template_section_of(ctx, s)) != Some(ti) {
                continue;
            }
            let start = item_text_start(doc, b);
            let end = trim_end_offset(doc, b.span).max(start);
            let Some((label, value)) = label_value(doc, start, end) else {
                continue;
            };
            let text = doc.slice(value);
            let Some(what) = problem(text) else { continue };
            let first_line_end = text.find('\n').map_or(value.end, |i| value.start + i);
            let span = Span::new(value.start, first_line_end.max(value.start));
            let shown = super::text::excerpt(text, 50);
            out.push(
                Diagnostic::new(CODE, span, format!("performance target \"{label}\" {what}: \"{shown}\""))
                    .section(title.clone())
                    .help(format!(
                        "state a measurable target in \"{field}\": a number and its unit, e.g. `p95 < 200 ms`, `1000 req/s`, `512 MB per pod`"
                    )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::problem;
    use crate::engine::checks::tests::{check_fixture, findings};

    #[test]
    fn pass() {
        assert!(findings("TS209", "pass").is_empty());
    }

    #[test]
    fn fail() {
        insta::assert_snapshot!(check_fixture("TS209", "fail"));
    }

    #[test]
    fn the_field_is_found_in_every_extended_template() {
        let set = crate::model::template::TemplateSet::builtins();
        for name in ["extended", "extended-pt"] {
            let t = set.get(name).unwrap();
            let ti = t.section_by_identity("performance-scalability").unwrap();
            let fi = t.sections[ti]
                .fields
                .iter()
                .position(|f| super::FIELD_NAMES.contains(&f.norm.as_str()));
            assert!(fi.is_some(), "{name}: {:?}", t.sections[ti].fields);
        }
        assert!(
            set.get("standard")
                .unwrap()
                .section_by_identity("performance-scalability")
                .is_none()
        );
    }

    #[test]
    fn portuguese_template() {
        let pass = std::fs::read_to_string(crate::engine::checks::tests::fixture_path(
            "TS209", "pass-pt",
        ))
        .unwrap();
        let fail = pass.replace(
            "- Metas de latência: p95 < 200 ms for `POST /api/v1/payments/{id}/refunds`",
            "- Metas de latência: rápida o bastante para o checkout",
        );
        assert_ne!(pass, fail);
        let f = crate::engine::checks::tests::findings_in("TS209", fail.as_bytes());
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!((f[0].line, f[0].column), (98, 22));
        assert_eq!(f[0].section.as_deref(), Some("Desempenho e Escalabilidade"));
    }

    #[test]
    fn values() {
        for ok in [
            "p95 < 200ms",
            "p99 under 1 second",
            "1000 req/s",
            "1,000 refunds per minute",
            "10k rps",
            "99.9% availability",
            "512 MB per pod, 2 vCPU",
            "50 concurrent connections",
            "N/A: the worker is not latency-sensitive",
            "[e.g., p95 < 200ms]",
            "200 ms",
            "menos de 200 ms no p95",
        ] {
            assert_eq!(problem(ok), None, "{ok}");
        }
        assert_eq!(problem("fast enough for checkout"), Some("has no number"));
        assert_eq!(problem("p95 is low"), Some("has no number"));
        assert_eq!(problem("1000"), Some("has a number without a unit"));
        assert_eq!(problem("< 200 at p95"), Some("has a number without a unit"));
    }
}
