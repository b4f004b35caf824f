//! Complete specs written from each seed template — with numbered headings,
//! `&` for "and", one optional section left out and a "No new endpoints"
//! body — give zero errors and zero warnings.
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on what it did not expect"
)]

use std::path::Path;

use techspec::engine::Checker;
use techspec::model::diagnostic::Severity;
use techspec::model::template::TemplateSet;

fn fixture(rel: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)).unwrap()
}

/// Numbers every `##`/`###` heading (`## 1. Executive Summary`, `### 1.1 ...`).
fn number_headings(text: &str) -> String {
    let (mut h2, mut h3) = (0, 0);
    text.lines()
        .map(|l| {
            if let Some(t) = l.strip_prefix("### ") {
                h3 += 1;
                format!("### {h2}.{h3} {t}")
            } else if let Some(t) = l.strip_prefix("## ") {
                h2 += 1;
                h3 = 0;
                format!("## {h2}. {t}")
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

/// Drops a section (heading and body, up to the next heading).
fn drop_section(text: &str, heading: &str) -> String {
    let start = text.find(heading).unwrap_or_else(|| panic!("{heading}"));
    let rest = &text[start + heading.len()..];
    let end = rest
        .find("\n#")
        .map_or(text.len(), |i| start + heading.len() + i + 1);
    format!("{}{}", &text[..start], &text[end..])
}

/// Replaces a section's body.
fn replace_body(text: &str, heading: &str, body: &str) -> String {
    let start = text.find(heading).unwrap_or_else(|| panic!("{heading}")) + heading.len();
    let end = text[start..]
        .find("\n#")
        .map_or(text.len(), |i| start + i + 1);
    format!("{}\n\n{body}\n\n{}", &text[..start], &text[end..])
}

fn assert_clean(name: &str, text: &str, template: &str) {
    let checker = Checker::new(TemplateSet::builtins());
    let report = checker.check_bytes(Path::new("techspec.md"), text.as_bytes());
    assert_eq!(report.template.as_deref(), Some(template), "{name}");
    let serious: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.severity >= Severity::Warning)
        .collect();
    assert!(serious.is_empty(), "{name}: {serious:#?}");
}

fn variant(text: &str) -> String {
    let t = text.replace(
        "## Monitoring and Observability",
        "## Monitoring & Observability",
    );
    let t = drop_section(&t, "### Integration Tests");
    let t = replace_body(
        &t,
        "### API Endpoints",
        "No new endpoints: refunds are requested through the existing payments API.",
    );
    number_headings(&t)
}

#[test]
fn standard() {
    let text = fixture("examples/refunds/tasks/prd-payment-refunds/techspec.md");
    assert_clean("as written", &text, "standard");
    let v = variant(&text);
    assert!(v.contains("## 1. Executive Summary") && v.contains(". Monitoring & Observability"));
    assert!(!v.contains("Integration Tests") && v.contains("No new endpoints"));
    assert_clean("variant", &v, "standard");
}

#[test]
fn standard_python() {
    let text = fixture("tests/fixtures/checks/TS204/pass-python.md");
    assert_clean("as written", &text, "standard-python");
    assert_clean("variant", &variant(&text), "standard-python");
}

#[test]
fn extended() {
    let text = fixture("tests/fixtures/checks/TS209/pass.md");
    assert_clean("as written", &text, "extended");
    let t = drop_section(&text, "### End-to-End Tests");
    assert_clean("variant", &variant(&t), "extended");
}
