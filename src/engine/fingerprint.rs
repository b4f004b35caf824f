//! Stable fingerprints of findings: what SARIF's `partialFingerprints` and
//! the baseline (`check --write-baseline`) use to recognise a finding again
//! after the spec was edited.
//!
//! A fingerprint hashes what identifies a finding independently of where it
//! sits: the file (as the caller names it, repository-relative), the check
//! code, the template section it is about, the message with line numbers
//! removed, and the trimmed text of the line it points at. Lines moving
//! (an edit in another section) keep the fingerprint; two identical findings
//! in one file are told apart by an occurrence counter, in file order.
//!
//! The hash is XXH3-64, whose output is fixed by its specification, so
//! fingerprints written by one version are read by the next. Changing what
//! goes into the hash is a format change: bump [`VERSION`].

use crate::model::diagnostic::Resolved;
use std::collections::HashMap;

/// The fingerprint scheme's version; part of every baseline file.
pub const VERSION: u32 = 1;

/// The key under which SARIF's `partialFingerprints` carries the fingerprint.
pub const SARIF_KEY: &str = "techspecFinding/v1";

/// Fingerprints of `findings` (all from the file `path`), in the same order.
/// `path` should be repository-relative with forward slashes, so that the
/// fingerprint does not depend on where the repository is checked out.
pub fn fingerprints(path: &str, findings: &[Resolved]) -> Vec<String> {
    let mut seen: HashMap<u64, u32> = HashMap::new();
    findings
        .iter()
        .map(|d| {
            let base = base_hash(path, d);
            let n = seen.entry(base).or_insert(0);
            let occurrence = *n;
            *n = n.saturating_add(1);
            format!("{base:016x}:{occurrence}")
        })
        .collect()
}

fn base_hash(path: &str, d: &Resolved) -> u64 {
    let mut key = String::with_capacity(128);
    key.push_str(&path.replace('\\', "/"));
    key.push('\0');
    key.push_str(&d.code);
    key.push('\0');
    key.push_str(d.section.as_deref().unwrap_or(""));
    key.push('\0');
    key.push_str(&without_line_numbers(&d.message));
    key.push('\0');
    key.push_str(d.source_line.trim());
    xxhash_rust::xxh3::xxh3_64(key.as_bytes())
}

/// The message with every "line N" / "lines N-M" / "L42" reference blanked,
/// so a finding that names another line keeps its fingerprint when lines move.
fn without_line_numbers(message: &str) -> String {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let re = RE.get_or_init(|| {
        regex::Regex::new(r"(?i)\b(lines?|linha?s?|L)\s?\d+(\s*[-–]\s*\d+)?\b")
            .expect("valid regex")
    });
    re.replace_all(message, "$1 #").into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::diagnostic::Severity;

    fn finding(line: usize, message: &str, source: &str) -> Resolved {
        Resolved {
            code: "TS201".into(),
            name: "leftover-guidance".into(),
            severity: Severity::Warning,
            message: message.into(),
            line,
            column: 1,
            end_line: line,
            end_column: 2,
            section: Some("Testing Approach".into()),
            help: None,
            source_line: source.into(),
        }
    }

    #[test]
    fn moving_lines_keeps_the_fingerprint() {
        let a = fingerprints(
            "specs/a.md",
            &[finding(10, "see line 4", "  Describe the tests\n")],
        );
        let b = fingerprints(
            "specs/a.md",
            &[finding(25, "see line 19", "Describe the tests")],
        );
        assert_eq!(a, b);
    }

    #[test]
    fn another_file_code_or_text_changes_it() {
        let base = fingerprints("a.md", &[finding(1, "m", "x")]);
        assert_ne!(base, fingerprints("b.md", &[finding(1, "m", "x")]));
        assert_ne!(base, fingerprints("a.md", &[finding(1, "m", "y")]));
        assert_ne!(base, fingerprints("a.md", &[finding(1, "other", "x")]));
    }

    #[test]
    fn identical_findings_are_numbered_in_order() {
        let f = finding(1, "m", "x");
        let prints = fingerprints("a.md", &[f.clone(), f]);
        assert_ne!(prints[0], prints[1]);
        assert!(prints[0].ends_with(":0") && prints[1].ends_with(":1"));
    }

    #[test]
    fn windows_separators_do_not_matter() {
        let f = finding(1, "m", "x");
        assert_eq!(
            fingerprints("specs\\a.md", std::slice::from_ref(&f)),
            fingerprints("specs/a.md", &[f])
        );
    }
}
