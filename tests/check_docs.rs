//! `docs/checks/TSnnn.md`, the pages SARIF's `helpUri` points at, are
//! generated from the checks' doc comments (the same text as `techspec
//! explain`) and never drift: this test compares them, and rewrites them
//! with `UPDATE_CHECK_DOCS=1 cargo test --test check_docs`.
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on what it did not expect"
)]

use std::path::Path;
use std::process::Command;

use techspec::engine::checks::CHECKS;
use techspec::output::links::{CHECK_DOCS_DIR, check_page, help_uri};

#[test]
fn check_pages_match_the_doc_comments() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(CHECK_DOCS_DIR);
    let update = std::env::var_os("UPDATE_CHECK_DOCS").is_some();
    if update {
        std::fs::create_dir_all(&dir).unwrap();
    }
    let mut stale = Vec::new();
    for c in CHECKS {
        let path = dir.join(format!("{}.md", c.code));
        let page = check_page(c);
        if update {
            std::fs::write(&path, &page).unwrap();
        } else if std::fs::read_to_string(&path).ok().as_deref() != Some(page.as_str()) {
            stale.push(c.code);
        }
        assert!(help_uri(c.code).ends_with(&format!("/{CHECK_DOCS_DIR}/{}.md", c.code)));
    }
    assert!(
        stale.is_empty(),
        "{stale:?} differ from their doc comments: run UPDATE_CHECK_DOCS=1 cargo test --test check_docs"
    );
    // No page for a check that is gone.
    for e in std::fs::read_dir(&dir).unwrap() {
        let name = e.unwrap().file_name().to_string_lossy().into_owned();
        let code = name.trim_end_matches(".md");
        assert!(
            CHECKS.iter().any(|c| c.code == code),
            "{CHECK_DOCS_DIR}/{name} documents no check"
        );
    }
}

#[test]
fn explain_prints_the_page() {
    let out = Command::new(env!("CARGO_BIN_EXE_techspec"))
        .args(["explain", "TS101"])
        .output()
        .unwrap();
    let page = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("{CHECK_DOCS_DIR}/TS101.md")),
    )
    .unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap(), page);
}
