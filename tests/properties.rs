//! Properties over any input: the check pipeline never panics, every
//! finding's span lies inside the text on character boundaries, and every
//! resolved line and column lies inside the file. Plus a 50 MB document.
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on what it did not expect"
)]

use std::path::Path;
use std::sync::LazyLock;

use proptest::prelude::*;
use techspec::engine::Checker;
use techspec::engine::fix::{FixOptions, check_promises};
use techspec::model::document::Document;
use techspec::model::template::TemplateSet;

static CHECKER: LazyLock<Checker> = LazyLock::new(|| Checker::new(TemplateSet::builtins()));

/// Asserts the position properties of checking `bytes`.
fn positions_inside(bytes: &[u8]) -> Result<(), TestCaseError> {
    let path = Path::new("spec.md");
    let report = CHECKER.check_bytes(path, bytes);
    if report.io_error {
        // Binary input: one file-level finding at 1:1.
        prop_assert!(
            report
                .diagnostics
                .iter()
                .all(|d| d.line == 1 && d.column == 1)
        );
        return Ok(());
    }
    let doc = Document::from_bytes(bytes);
    let text = &doc.text;
    for d in &CHECKER.check_document(path, &doc).diagnostics {
        prop_assert!(
            d.span.start <= d.span.end && d.span.end <= text.len(),
            "{:?} outside 0..{}",
            d,
            text.len()
        );
        prop_assert!(
            text.is_char_boundary(d.span.start) && text.is_char_boundary(d.span.end),
            "{:?} not on char boundaries",
            d
        );
    }
    let lines = doc.lines.line_count().max(1);
    // Characters on a 1-based line, its terminator excluded.
    let width = |line: usize| text[doc.lines.line_range(text, line - 1)].chars().count();
    for d in &report.diagnostics {
        prop_assert!(
            (1..=lines + 1).contains(&d.line),
            "{:?}: {} lines",
            d,
            lines
        );
        prop_assert!((d.line..=lines + 1).contains(&d.end_line), "{:?}", d);
        // Column `width + 1` is the end of the line; `+ 2` the `\n` of a `\r\n`.
        prop_assert!(
            d.column >= 1 && d.column <= width(d.line) + 2,
            "{:?}: line width {}",
            d,
            width(d.line)
        );
        prop_assert!(
            d.end_column >= 1 && d.end_column <= width(d.end_line) + 2,
            "{:?}",
            d
        );
        prop_assert!(
            d.end_line > d.line || d.end_column >= d.column,
            "{:?}: ends before it starts",
            d
        );
    }
    Ok(())
}

/// Pieces that make inputs look like specs: template headings, fences,
/// guidance, frontmatter, multi-byte characters, CRLF, BOM, NUL, bad UTF-8.
fn piece() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        Just(b"# Technical Specification: X\n".to_vec()),
        Just(b"## Executive Summary\n".to_vec()),
        Just(b"## System Architecture\r\n".to_vec()),
        Just(b"### Main Interfaces\n".to_vec()),
        Just(b"### Relevant Files\n".to_vec()),
        Just("## Monitoramento e Observabilidade\n".as_bytes().to_vec()),
        Just(b"Setext\n===\n".to_vec()),
        Just(b"```go\ntype X interface{}\n".to_vec()),
        Just(b"```\n".to_vec()),
        Just(b"~~~~\n".to_vec()),
        Just(b"[Provide a brief technical overview]\n".to_vec()),
        Just(b"- item [e.g., p95 < 200ms]\n".to_vec()),
        Just(b"**Schema:** text\n".to_vec()),
        Just(b"<!-- techspec-disable TS101 -->\n".to_vec()),
        Just(b"---\nglobs: **/*.ts\n---\n".to_vec()),
        Just(b"> quote\n> - nested\n".to_vec()),
        Just(b"| a | b |\n| - | - |\n".to_vec()),
        Just("é€😀\u{301}".as_bytes().to_vec()),
        Just(b"\xEF\xBB\xBF".to_vec()),
        Just(b"\r\n".to_vec()),
        Just(b"\n\n".to_vec()),
        Just(b"\xff\xfe".to_vec()),
        Just(b"\0".to_vec()),
        "[a-zA-Z #*`\\[\\]\\-\n]{0,40}".prop_map(String::into_bytes),
    ]
}

/// `--fix`'s promises ([`techspec::engine::fix::check_promises`]) with safe fixes
/// and with `--unsafe-fixes`.
fn fix_promises(bytes: &[u8]) -> Result<(), TestCaseError> {
    let doc = Document::from_bytes(bytes);
    for unsafe_fixes in [false, true] {
        let options = FixOptions { unsafe_fixes };
        if let Err(e) = check_promises(&CHECKER, Path::new("spec.md"), &doc.text, options) {
            return Err(TestCaseError::fail(format!(
                "unsafe_fixes={unsafe_fixes}: {e}\n--- input ---\n{}",
                doc.text
            )));
        }
    }
    Ok(())
}

/// Issue 12: over every corpus spec, `--fix` (safe, and with unsafe fixes)
/// never raises the number of errors, and a second `--fix` changes nothing.
#[test]
fn fix_keeps_its_promises_on_every_corpus_spec() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/specs");
    let mut n = 0;
    for entry in std::fs::read_dir(&dir)
        .expect("the shared corpus")
        .flatten()
    {
        let bytes = std::fs::read(entry.path()).unwrap();
        if let Err(e) = fix_promises(&bytes) {
            panic!("{}: {e}", entry.path().display());
        }
        n += 1;
    }
    assert!(n >= 20, "{n} corpus specs");
}

/// Mutations of a complete spec: a line (a stray fence, guidance, text...)
/// inserted, or a heading put in place of a line.
fn mutation() -> impl Strategy<Value = (usize, Vec<u8>)> {
    (0usize..120, piece())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Issue 16: for any input, `--fix` converges, is idempotent, keeps the
    /// code and never raises the error count.
    #[test]
    fn fix_keeps_its_promises(pieces in proptest::collection::vec(piece(), 0..40)) {
        fix_promises(&pieces.concat())?;
    }

    #[test]
    fn fix_keeps_its_promises_on_a_mutated_spec(muts in proptest::collection::vec(mutation(), 1..6)) {
        let base = include_str!("../examples/refunds/tasks/prd-payment-refunds/techspec.md");
        let mut lines: Vec<Vec<u8>> = base.lines().map(|l| format!("{l}\n").into_bytes()).collect();
        for (at, piece) in muts {
            let at = at % (lines.len() + 1);
            if piece.starts_with(b"##") && at < lines.len() {
                lines[at] = piece; // a heading replaced
            } else {
                lines.insert(at, piece);
            }
        }
        fix_promises(&lines.concat())?;
    }

    #[test]
    fn any_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        positions_inside(&bytes)?;
    }

    #[test]
    fn spec_like_inputs(pieces in proptest::collection::vec(piece(), 0..60)) {
        positions_inside(&pieces.concat())?;
    }
}

/// 50 MB of realistic spec text: parsed (and checked) without a panic.
#[test]
fn fifty_megabytes_of_spec() {
    let spec = include_str!("../templates/standard.md");
    let filled = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/examples"))
        .into_iter()
        .flatten()
        .flatten()
        .flat_map(|e| walk_md(&e.path()))
        .next()
        .unwrap_or_else(|| spec.to_string());
    let unit = format!("{spec}\n{filled}\n");
    let mut text = String::with_capacity(50 * 1024 * 1024 + unit.len());
    while text.len() < 50 * 1024 * 1024 {
        text.push_str(&unit);
    }
    let doc = Document::from_bytes(text.as_bytes());
    assert!(doc.headings.len() > 1000);
    let last = doc.headings.last().unwrap();
    assert_eq!(doc.line_col(last.span.start).column, 1);
    let report = CHECKER.check_bytes(Path::new("big.md"), text.as_bytes());
    assert!(!report.io_error);
}

fn walk_md(p: &Path) -> Vec<String> {
    if p.is_dir() {
        std::fs::read_dir(p)
            .into_iter()
            .flatten()
            .flatten()
            .flat_map(|e| walk_md(&e.path()))
            .collect()
    } else if p.extension().is_some_and(|x| x == "md") {
        std::fs::read_to_string(p).into_iter().collect()
    } else {
        Vec::new()
    }
}
