//! Helpers shared by integration tests (each test crate uses a part of them).
#![allow(dead_code)]
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on what it did not expect"
)]

use std::path::Path;

pub mod webdriver;

/// Copies a directory tree; symbolic links are copied as links (on Unix).
pub fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        let kind = e.file_type().unwrap();
        if kind.is_symlink() {
            #[cfg(unix)]
            std::os::unix::fs::symlink(std::fs::read_link(e.path()).unwrap(), &target).unwrap();
            #[cfg(not(unix))]
            if e.path().is_file() {
                std::fs::copy(e.path(), &target).unwrap();
            }
        } else if kind.is_dir() {
            copy_tree(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

/// A copy of `examples/refunds` (code, agent rules, spec) as a repository of its own.
pub fn copy_example(to: &Path) {
    copy_tree(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/refunds"),
        to,
    );
    std::fs::create_dir(to.join(".git")).unwrap();
}

/// The first `program` on `PATH`, as a shell would find it.
pub fn on_path(program: &str) -> Option<std::path::PathBuf> {
    let paths = std::env::var_os("PATH")?;
    std::env::split_paths(&paths)
        .map(|d| d.join(program))
        .find(|p| p.is_file())
}

/// Whether a value of the `CI` variable asks for strict runs (`.ci/run`
/// sets `CI=true`; so do GitHub Actions and most CI services).
pub fn strict_ci(value: Option<&str>) -> bool {
    value.is_some_and(|v| !v.is_empty() && v != "false" && v != "0")
}

/// A test that cannot run on this machine (a tool is missing): with `CI`
/// set it fails, so that CI never passes by skipping; elsewhere it says why
/// on stderr and the caller returns.
pub fn skip(test: &str, why: &str) {
    let ci = std::env::var("CI").ok();
    assert!(
        !strict_ci(ci.as_deref()),
        "CI={} but {test} cannot run: {why}",
        ci.unwrap_or_default()
    );
    eprintln!("SKIPPED {test}: {why}; with CI=true it fails instead");
}

#[test]
fn ci_values_that_make_skips_fail() {
    for v in ["true", "1", "yes"] {
        assert!(strict_ci(Some(v)), "{v}");
    }
    for v in [None, Some(""), Some("false"), Some("0")] {
        assert!(!strict_ci(v), "{v:?}");
    }
}
