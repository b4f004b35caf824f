//! The report's rules column: of the agent rules that apply to a spec
//! (always-on, or whose globs match one of its Relevant Files, see
//! [`crate::rules::applicability`]), how many the spec cites.

use crate::document::{BlockKind, Document, InlineKind};
use crate::identity::{identity_of, normalize};
use crate::rules::{CompiledRules, Verdict, find_cited};

use super::RuleCoverage;

/// Applicable rules (verdict "applies"; "possibly relevant" ones are not
/// counted) and how many of them the spec names.
pub fn rule_coverage(rules: &CompiledRules<'_>, doc: &Document) -> RuleCoverage {
    let candidates = relevant_paths(doc);
    let verdicts = rules.applicability(&candidates, &doc.text);
    let applicable: Vec<usize> = verdicts
        .iter()
        .filter(|a| matches!(a.verdict, Verdict::Applies))
        .map(|a| a.rule_index)
        .collect();
    let cited = applicable
        .iter()
        .filter(|&&i| {
            rules
                .rules()
                .get(i)
                .is_some_and(|r| find_cited(r, &doc.text))
        })
        .count();
    RuleCoverage {
        cited,
        applicable: applicable.len(),
    }
}

/// The paths a spec's Relevant Files section lists: code spans and link
/// targets that look like paths, and list items that start with one.
pub fn relevant_paths(doc: &Document) -> Vec<String> {
    let Some(section) = doc.sections.iter().position(|s| {
        identity_of(&normalize(&doc.headings[s.heading].text)) == Some("relevant-files")
    }) else {
        return Vec::new();
    };
    let mut out: Vec<String> = Vec::new();
    let mut push = |p: &str| {
        let p = p.trim().trim_start_matches("./");
        if looks_like_path(p) && !out.iter().any(|o| o == p) {
            out.push(p.to_string());
        }
    };
    for s in doc.subtree(section) {
        let body = doc.sections[s].body;
        for inline in doc.inlines_in(body) {
            match &inline.kind {
                InlineKind::Code => push(doc.code_text(inline)),
                InlineKind::Link { dest } => push(dest),
                _ => {}
            }
        }
        for b in doc.section_blocks(s) {
            if matches!(b.kind, BlockKind::Item { .. }) {
                let text = doc.slice(b.span).trim_start();
                let text = text.trim_start_matches(['-', '*', '+']).trim_start();
                // Code spans and links were taken above.
                if let Some(first) = text
                    .split_whitespace()
                    .next()
                    .filter(|w| !w.starts_with(['`', '[']))
                {
                    push(first.trim_end_matches([':', ',']));
                }
            }
        }
    }
    out
}

fn looks_like_path(p: &str) -> bool {
    !p.is_empty()
        && !p.contains(char::is_whitespace)
        && !p.contains("://")
        && (p.contains('/')
            || p.rsplit_once('.')
                .is_some_and(|(a, b)| !a.is_empty() && !b.is_empty() && b.len() <= 10))
        && p.chars()
            .all(|c| c.is_alphanumeric() || "/._-@()[]{}+~*".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::discover;

    #[test]
    fn example_project_cites_its_applicable_rules() {
        let root = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/refunds"));
        let found = discover(root);
        assert!(!found.rules.is_empty());
        let rules = CompiledRules::new(&found.rules);
        let text =
            std::fs::read_to_string(root.join("tasks/prd-payment-refunds/techspec.md")).unwrap();
        let doc = Document::parse(&text);
        assert!(relevant_paths(&doc).contains(&"internal/refunds/handler.go".to_string()));
        let c = rule_coverage(&rules, &doc);
        assert!(c.applicable >= 1, "{c:?}");
        assert_eq!(c.cited, c.applicable);
        let uncited = Document::parse(
            &text
                .replace("go-style.mdc", "style")
                .replace("http-api.mdc", "api"),
        );
        assert!(rule_coverage(&rules, &uncited).cited < c.cited);
    }

    #[test]
    fn paths_from_code_links_and_items() {
        let doc = Document::parse(
            "# T\n\n## Relevant Files\n\n- `src/a.rs` — the A\n- [b](docs/b.md)\n- lib/c.go: C\n- not a path here\n- `https://x.y/z`\n",
        );
        assert_eq!(relevant_paths(&doc), ["src/a.rs", "docs/b.md", "lib/c.go"]);
    }
}
