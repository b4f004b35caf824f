//! The layout says the architecture: each folder of `src/` uses only the
//! folders below it (docs/techspec.md, Component Overview). A `crate::X` path
//! to a folder above is a wrong-way arrow, and this test names the file.

#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on what it did not expect"
)]
use std::path::{Path, PathBuf};

/// Bottom first; folders on one rank may not use each other either.
const LAYERS: &[(&str, u8)] = &[
    ("io", 0),
    ("model", 1),
    ("project", 2),
    ("engine", 3),
    ("authoring", 4),
    ("output", 4),
    ("servers", 5),
];

fn rank(folder: &str) -> Option<u8> {
    LAYERS.iter().find(|(f, _)| *f == folder).map(|(_, r)| *r)
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The folders a source text names through `crate::folder`.
fn used_folders(text: &str) -> Vec<&str> {
    text.match_indices("crate::")
        .map(|(i, m)| {
            let rest = &text[i + m.len()..];
            let end = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(rest.len());
            &rest[..end]
        })
        .collect()
}

#[test]
fn every_arrow_points_down() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut wrong = Vec::new();
    for (folder, own) in LAYERS {
        let mut files = Vec::new();
        rust_files(&src.join(folder), &mut files);
        assert!(!files.is_empty(), "src/{folder} is missing");
        for f in files {
            let text = std::fs::read_to_string(&f).unwrap();
            for used in used_folders(&text) {
                if used != *folder && rank(used).is_some_and(|r| r >= *own) {
                    wrong.push(format!("{} uses crate::{used}", f.display()));
                }
            }
        }
    }
    wrong.sort();
    wrong.dedup();
    assert!(
        wrong.is_empty(),
        "arrows pointing up or sideways:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn every_library_module_sits_in_a_layer() {
    let lib =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lib.rs")).unwrap();
    let modules: Vec<&str> = lib
        .lines()
        .filter_map(|l| l.strip_prefix("pub mod "))
        .map(|m| m.trim_end_matches(';'))
        .collect();
    assert!(!modules.is_empty());
    for m in modules {
        assert!(
            rank(m).is_some(),
            "src/lib.rs declares `{m}`, which no layer holds"
        );
    }
}

#[test]
fn a_path_to_a_higher_folder_is_caught() {
    assert_eq!(
        used_folders("use crate::engine::Checker; crate::io::read::x"),
        ["engine", "io"]
    );
}
