//! Portuguese (pt-BR) specs and templates are first-class.
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on what it did not expect"
)]

use std::path::Path;

use techspec::engine::Checker;
use techspec::model::diagnostic::Severity;
use techspec::model::template::TemplateSet;

fn checker() -> Checker {
    Checker::new(TemplateSet::builtins())
}

#[test]
fn a_complete_portuguese_spec_is_clean_and_picks_the_portuguese_template() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pt/complete-standard-pt.md");
    let report = checker().check_path(&path);
    assert_eq!(report.template.as_deref(), Some("standard-pt"));
    let serious: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.severity >= Severity::Warning)
        .collect();
    assert!(serious.is_empty(), "{serious:#?}");
}

/// Which template sections were found and which are reported missing, for
/// two Portuguese corpus specs (reviewed by eye: none is a false alarm).
#[test]
fn portuguese_corpus_specs_align() {
    let specs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/specs");
    let mut out = String::new();
    for name in [
        "viniciuscasarin__easy__busca-global.md",
        "luizfigueira__iadevt3_4-main__comparacao-planos-ai.md",
    ] {
        let text = std::fs::read(specs.join(name)).unwrap();
        let doc = techspec::model::document::Document::from_bytes(&text);
        let c = checker();
        let heads = techspec::model::align::SpecHeadings::new(&doc);
        let (t, a, _) = c.choose(&doc, &heads);
        out.push_str(&format!("{name} -> {}\n", t.name));
        for (ti, s) in t.sections.iter().enumerate() {
            let state = match a.found[ti] {
                Some(si) => format!("found as \"{}\"", doc.section_heading(si).text),
                None if s.optional => "absent (optional)".into(),
                None => "MISSING".into(),
            };
            out.push_str(&format!(
                "  {} {}: {state}\n",
                "#".repeat(s.level as usize),
                s.title
            ));
        }
    }
    insta::assert_snapshot!(out);
}
