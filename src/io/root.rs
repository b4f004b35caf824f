//! The root of the project a path belongs to.

use std::path::{Path, PathBuf};

/// The nearest ancestor of `start` (itself included) holding `techspec.toml`
/// or `.git`.
pub fn find_root(start: &Path) -> Option<PathBuf> {
    let start = if start.is_file() {
        start.parent()?
    } else {
        start
    };
    let abs = std::path::absolute(start).ok()?;
    abs.ancestors()
        .take_while(|d| crate::io::confine::allows(d))
        .find(|d| d.join("techspec.toml").is_file() || d.join(".git").exists())
        .map(Path::to_path_buf)
}
