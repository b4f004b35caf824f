//! The whole check pipeline on arbitrary bytes, with the built-in templates
//! and the automatic template choice: never panics, and every finding's
//! position lies inside the file.
#![no_main]

use std::path::Path;
use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use techspec::model::document::Document;
use techspec::engine::Checker;
use techspec::model::template::TemplateSet;

static CHECKER: LazyLock<Checker> = LazyLock::new(|| Checker::new(TemplateSet::builtins()));

fuzz_target!(|data: &[u8]| {
    let report = CHECKER.check_bytes(Path::new("fuzz.md"), data);
    if report.io_error {
        return;
    }
    let doc = Document::from_bytes(data);
    // The raw findings: spans inside the text, on character boundaries.
    for d in CHECKER
        .check_document(Path::new("fuzz.md"), &doc)
        .diagnostics
    {
        assert!(
            d.span.start <= d.span.end && d.span.end <= doc.text.len(),
            "{d:?}"
        );
        assert!(
            doc.text.is_char_boundary(d.span.start) && doc.text.is_char_boundary(d.span.end),
            "{d:?}"
        );
    }
    let lines = doc.lines.line_count().max(1);
    for d in &report.diagnostics {
        assert!(
            d.line >= 1 && d.line <= lines + 1,
            "{d:?}: line outside 1..={}",
            lines + 1
        );
        assert!(d.end_line >= d.line && d.end_line <= lines + 1, "{d:?}");
        assert!(d.column >= 1 && d.end_column >= 1, "{d:?}");
        let width = |line: usize| {
            let r = doc.lines.line_range(&doc.text, line - 1);
            doc.text[r].chars().count() + 1
        };
        assert!(
            d.column <= width(d.line) + 1,
            "{d:?}: column past the line ({})",
            width(d.line)
        );
        assert!(
            d.end_column <= width(d.end_line) + 1,
            "{d:?}: end column past the line"
        );
        assert!(
            d.line < d.end_line || d.column <= d.end_column,
            "{d:?}: end before start"
        );
    }
});
