use std::path::Path;

use super::*;
use crate::engine::Checker;
use crate::model::template::TemplateSet;

fn example() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/refunds/tasks/prd-payment-refunds/techspec.md"
    ))
    .unwrap()
}

fn reports() -> Vec<FileReport> {
    let checker = Checker::new(TemplateSet::builtins());
    let good = example();
    let broken = good
        .replace("### Build Order", "## Build Order")
        .replace("### Relevant Files", "### Other Files");
    let hostile = good.replace(
        "## Integration Points",
        "## Integration <script>alert(1)</script> Points",
    );
    vec![
        checker.check_bytes(Path::new("b/techspec.md"), broken.as_bytes()),
        checker.check_bytes(Path::new("a/techspec.md"), good.as_bytes()),
        checker.check_bytes(Path::new("c/<img src=x>.md"), hostile.as_bytes()),
        crate::engine::unreadable(Path::new("d/techspec.md"), "file not found".into()),
    ]
}

#[test]
fn model_counts_and_completeness() {
    let r = build(&reports(), &ReportOptions::default());
    let paths: Vec<&str> = r.specs.iter().map(|s| s.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "a/techspec.md",
            "b/techspec.md",
            "c/<img src=x>.md",
            "d/techspec.md"
        ]
    );
    assert_eq!(r.summary.specs, 4);
    assert_eq!(r.summary.clean, 2, "a and c");
    assert_eq!(r.summary.unreadable, 1);
    let a = &r.specs[0];
    assert_eq!(a.status, SpecStatus::Clean);
    assert_eq!(a.sections_found, a.sections_required);
    assert_eq!(a.completeness, Some(100));
    assert!(a.words.unwrap() > 500);
    // Code is counted apart from the prose words.
    let code = example()
        .split("```")
        .skip(1)
        .step_by(2)
        .map(|c| c.lines().count() - 1)
        .sum::<usize>();
    assert_eq!(a.code_lines, Some(code));
    assert!(!a.over_code_budget);
    let b = &r.specs[1];
    assert_eq!(b.status, SpecStatus::Errors);
    assert_eq!(b.sections_found.unwrap() + 1, b.sections_required.unwrap());
    let missing = b.findings.iter().find(|f| f.code == "TS101").unwrap();
    assert!(!missing.why.is_empty() && !missing.summary.is_empty());
    let level = b.findings.iter().find(|f| f.code == "TS103").unwrap();
    assert_eq!(level.source, "## Build Order");
    assert_eq!(level.caret, "^".repeat("## Build Order".len()));
    assert_eq!(r.specs[3].status, SpecStatus::Unreadable);
    assert!(
        r.checks
            .iter()
            .any(|c| c.code == "TS101" && !c.blocks.is_empty())
    );
    assert!(!r.rules_known && r.specs.iter().all(|s| s.rules.is_none()));
}

#[test]
fn html_is_self_contained_and_escaped() {
    let mut r = build(&reports(), &ReportOptions::default());
    r.set_rules(|p| {
        (p == "a/techspec.md").then_some(RuleCoverage {
            cited: 2,
            applicable: 3,
        })
    });
    let html = render_html(&r).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    for external in ["http://", "https://", "<link", "src=\"", "@import", "url("] {
        assert!(
            !html.contains(external),
            "report refers to an external resource: {external}"
        );
    }
    assert!(!html.contains("<script>alert(1)</script>") && !html.contains("<img src=x>"));
    assert!(html.contains("&lt;img src=x&gt;"));
    assert_eq!(html.matches("<tbody class=\"spec").count(), 4);
    assert!(html.contains("2/3"));
    assert!(html.contains(">Code lines<") && html.contains("data-code=\""));
    assert!(!r.rules_known, "not every spec has coverage");
    assert!(html.contains("was not computed"));
    r.set_rules(|_| {
        Some(RuleCoverage {
            cited: 0,
            applicable: 0,
        })
    });
    assert!(r.rules_known);
    assert!(html.contains("id=\"check-TS101\""));
}

#[test]
fn docs_split_into_blocks() {
    let blocks = doc_blocks(
        "## What it does\nFinds\nthings.\n\n## Example\n```markdown\n## Not a heading\n```\n",
    );
    let kinds: Vec<DocBlockKind> = blocks.iter().map(|b| b.kind).collect();
    assert_eq!(
        kinds,
        [
            DocBlockKind::Heading,
            DocBlockKind::Paragraph,
            DocBlockKind::Heading,
            DocBlockKind::Code
        ]
    );
    assert_eq!(blocks[1].text, "Finds things.");
    assert_eq!(blocks[3].text, "## Not a heading");
    assert_eq!(
        doc_section(
            "## Why is this bad?\nBecause.\n## Example\nx",
            "Why is this bad?"
        ),
        "Because."
    );
}

#[test]
fn caret_follows_tabs_and_clamps() {
    let d = Resolved {
        code: "TS103".into(),
        name: "n".into(),
        severity: Severity::Warning,
        message: "m".into(),
        line: 1,
        column: 3,
        end_line: 2,
        end_column: 1,
        section: None,
        help: None,
        source_line: "\tab".into(),
    };
    assert_eq!(caret("\tab", &d), "\t ^");
    let far = Resolved {
        column: 99,
        end_line: 1,
        end_column: 120,
        ..d
    };
    assert_eq!(
        caret("\tab", &far),
        "\tab"
            .chars()
            .map(|c| if c == '\t' { '\t' } else { ' ' })
            .collect::<String>()
            + "^"
    );
}

#[test]
fn timestamps_are_civil_utc() {
    let t = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_769_860_800 + 3600 + 120);
    assert_eq!(utc_timestamp(t), "2026-01-31 13:02 UTC");
    assert_eq!(utc_timestamp(std::time::UNIX_EPOCH), "1970-01-01 00:00 UTC");
}

#[test]
fn rule_coverage_counts_applicable_rules_cited() {
    use crate::engine::ProjectMode;
    use crate::project::Project;
    let root = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/refunds"));
    let mut checker = Checker::new(TemplateSet::builtins());
    checker.project = ProjectMode::Fixed(std::sync::Arc::new(Project::open(root)));
    let path = root.join("tasks/prd-payment-refunds/techspec.md");
    let text = example();
    let full = checker.rule_coverage(&path, &crate::model::document::Document::parse(&text));
    // go-style.mdc is always on; http-api.mdc matches internal/refunds/handler.go.
    assert_eq!(
        full,
        Some(RuleCoverage {
            cited: 2,
            applicable: 2
        })
    );
    let uncited = text.replace(
        "- `.cursor/rules/http-api.mdc`: handler layout, problem-details error responses.\n",
        "",
    );
    let partial = checker.rule_coverage(&path, &crate::model::document::Document::parse(&uncited));
    assert_eq!(
        partial,
        Some(RuleCoverage {
            cited: 1,
            applicable: 2
        })
    );
    let none = Checker::new(TemplateSet::builtins());
    assert_eq!(
        none.rule_coverage(&path, &crate::model::document::Document::parse(&text)),
        None
    );
}
