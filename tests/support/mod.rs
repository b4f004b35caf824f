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
