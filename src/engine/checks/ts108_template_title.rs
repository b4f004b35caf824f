//! ## What it does
//! Reports a spec whose `#` title is still the template's own title
//! ("Technical Specification Template", "Template de Especificação Técnica")
//! or names no feature at all ("Technical Specification", "Tech Spec").
//! A spec whose feature is named in a second `#` title gets TS109 instead.
//!
//! ## Why is this bad?
//! The title is how the spec is found and named: in listings, reports, task
//! files and links from the PRD. A spec titled like the template, or titled
//! "Technical Specification", cannot be told apart from every other spec.
//!
//! ## Example
//! ```markdown
//! # Technical Specification Template
//!
//! ## Executive Summary
//! ```
//!
//! ## Use instead
//! ```markdown
//! # Technical Specification: Match Stats Collector
//!
//! ## Executive Summary
//! ```

use super::Context;
use super::text::names_no_feature;
use crate::model::diagnostic::Diagnostic;
use crate::model::template::words as title_words;

pub const CODE: &str = "TS108";

pub fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(h) = ctx.doc.title_heading() else {
        return;
    };
    let words = title_words(&h.text);
    let template = &ctx.template.derived.title_words;
    let is_template = (!template.is_empty() && words == *template)
        || (words.iter().any(|w| w == "template") && names_no_feature(&h.text));
    let message = if is_template {
        format!("the title \"{}\" is still the template's title", h.text)
    } else if names_no_feature(&h.text) {
        // The feature may be named in a second `#` title (TS109 says so).
        if !ctx.doc.extra_titles.is_empty() {
            return;
        }
        format!("the title \"{}\" names no feature", h.text)
    } else {
        return;
    };
    out.push(Diagnostic::new(CODE, h.text_span, message).help(format!(
        "name the feature: `# {}: <Feature Name>`",
        ctx.template.spec_title_prefix()
    )));
}

#[cfg(test)]
mod tests {
    use crate::engine::checks::tests::{check_fixture, findings, findings_in};
    use crate::engine::checks::text::names_no_feature;

    #[test]
    fn pass() {
        assert!(findings("TS108", "pass").is_empty());
    }

    #[test]
    fn fail() {
        insta::assert_snapshot!(check_fixture("TS108", "fail"));
    }

    #[test]
    fn generic_titles() {
        assert!(names_no_feature("Technical Specification"));
        assert!(names_no_feature("Tech Spec —"));
        assert!(names_no_feature("Especificação Técnica"));
        assert!(!names_no_feature("Tech Spec: Workout Session UX Fix"));
        assert!(!names_no_feature("Especificação Técnica - Busca Global"));
        assert!(!names_no_feature("Technical Specification: techspec"));
        assert!(names_no_feature("Technical Specification: <Feature Name>"));
        assert!(names_no_feature("Tech Spec:"));
        assert!(!names_no_feature("Technical Specification: techspec"));
        assert!(names_no_feature("Technical Specification: <Feature Name>"));
        assert!(names_no_feature("Tech Spec:"));
    }

    #[test]
    fn a_feature_named_in_a_second_title_is_left_to_ts109() {
        let spec = "# Technical Specification\n\n# Refunds\n\n## Executive Summary\n\nText.\n";
        assert!(findings_in("TS108", spec.as_bytes()).is_empty());
        assert_eq!(findings_in("TS109", spec.as_bytes()).len(), 1);
    }
}
