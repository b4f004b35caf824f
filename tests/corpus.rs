//! The 21 real specs and 6 templates of `../shared/corpus` parse as documents
//! and as templates, with the headings and code blocks a reader sees.
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on what it did not expect"
)]

use std::path::{Path, PathBuf};

use techspec::model::document::{BlockKind, Document};
use techspec::model::template::{Origin, Template};

fn corpus(dir: &str) -> Vec<PathBuf> {
    let d = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus")
        .join(dir);
    let mut v: Vec<_> = std::fs::read_dir(&d)
        .unwrap_or_else(|e| {
            panic!(
                "{}: {e} (shared/ must sit beside the repository)",
                d.display()
            )
        })
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    v.sort();
    v
}

/// (first line, lines) of the longest code block.
fn longest_code(doc: &Document) -> Option<(usize, usize)> {
    doc.blocks
        .iter()
        .filter_map(|b| match b.kind {
            BlockKind::Code { lines, .. } => Some((doc.line_col(b.span.start).line, lines)),
            _ => None,
        })
        .max_by_key(|&(line, n)| (n, std::cmp::Reverse(line)))
}

#[test]
fn corpus_specs_and_templates_parse() {
    let mut out = String::new();
    let files: Vec<_> = corpus("specs")
        .into_iter()
        .chain(corpus("templates"))
        .collect();
    assert_eq!(files.len(), 27);
    for f in files {
        let doc = Document::from_bytes(&std::fs::read(&f).unwrap());
        assert!(
            doc.warnings.is_empty(),
            "{}: {:?}",
            f.display(),
            doc.warnings
        );
        assert!(doc.title.is_some(), "{} has a title", f.display());
        let name = f.file_name().unwrap().to_string_lossy();
        out.push_str(&format!(
            "{name}: {} headings, {} sections, longest code {:?}\n",
            doc.headings.len(),
            doc.sections.len(),
            longest_code(&doc)
        ));
    }
    insta::assert_snapshot!(out);
}

#[test]
fn known_code_blocks_have_their_real_length_and_position() {
    let specs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/specs");
    let doc = Document::from_bytes(
        &std::fs::read(specs.join("pandax54__milesControl__LD-48.md")).unwrap(),
    );
    assert_eq!(longest_code(&doc), Some((29, 35)));
    let doc = Document::from_bytes(
        &std::fs::read(specs.join("pandax54__milesControl__milescontrol.md")).unwrap(),
    );
    assert_eq!(longest_code(&doc), Some((216, 487)));
}

#[test]
fn corpus_templates_parse_as_templates() {
    for f in corpus("templates") {
        let text = String::from_utf8_lossy(&std::fs::read(&f).unwrap()).into_owned();
        let t = Template::parse("t", Origin::File(f.clone()), &text);
        assert!(
            t.sections.len() >= 15,
            "{}: {} sections",
            f.display(),
            t.sections.len()
        );
        assert!(
            t.section_by_identity("executive-summary").is_some(),
            "{}",
            f.display()
        );
        assert!(
            t.section_by_identity("relevant-files").is_some()
                || t.section_by_identity("standards-compliance").is_some(),
            "{}",
            f.display()
        );
    }
}

/// The findings on the 21 real specs, pinned. Reviewed by eye (see issue 3's
/// closing note): missing sections are really missing (or renamed beyond
/// recognition), long code blocks are really in Main Interfaces, headings
/// written one level off are reported as such, not as missing.
#[test]
fn corpus_findings() {
    use techspec::engine::Checker;
    use techspec::model::template::TemplateSet;
    let checker = Checker::new(TemplateSet::builtins());
    let mut out = String::new();
    for f in corpus("specs") {
        let report = checker.check_path(&f);
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        out.push_str(&format!(
            "{name} [{}]\n",
            report.template.as_deref().unwrap_or("-")
        ));
        for d in &report.diagnostics {
            out.push_str(&format!(
                "  {}:{} {}[{}] {}\n",
                d.line, d.column, d.severity, d.code, d.message
            ));
        }
    }
    insta::assert_snapshot!(out);
}
