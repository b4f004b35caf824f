//! What a server may read: while a [`Scope`] is entered on a thread, every
//! project file the library opens on that thread (`techspec.toml`,
//! templates, agent rules, Relevant Files, the project root itself) must
//! resolve — symbolic links and `..` included — inside one of the scope's
//! roots; anything else is treated as absent or refused with
//! [`outside`]. The MCP server enters its workspace root for every tool
//! call, the LSP its workspace folders for every message. The CLI enters
//! none: a user running `techspec` reads what they point it at.

use std::cell::RefCell;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

thread_local! {
    static ROOTS: RefCell<Option<Arc<[PathBuf]>>> = const { RefCell::new(None) };
}

/// Confinement in force on this thread until dropped (the previous one,
/// if any, is restored).
#[must_use = "the confinement ends when the scope is dropped"]
pub struct Scope {
    previous: Option<Arc<[PathBuf]>>,
}

/// Confines this thread's reads to `roots` (canonical folders, see
/// [`canonical_roots`]). With no roots nothing is confined.
pub fn enter(roots: Arc<[PathBuf]>) -> Scope {
    let next = if roots.is_empty() { None } else { Some(roots) };
    Scope {
        previous: ROOTS.with(|r| r.replace(next)),
    }
}

impl Drop for Scope {
    fn drop(&mut self) {
        let previous = self.previous.take();
        ROOTS.with(|r| *r.borrow_mut() = previous);
    }
}

/// The canonical forms of the folders that exist among `dirs`.
pub fn canonical_roots(dirs: &[PathBuf]) -> Arc<[PathBuf]> {
    dirs.iter().filter_map(|d| d.canonicalize().ok()).collect()
}

/// Whether reads are confined on this thread.
pub fn is_confined() -> bool {
    ROOTS.with(|r| r.borrow().is_some())
}

/// Whether `path` may be read: no confinement, or it resolves inside a
/// root. A path whose symbolic link dangles resolves nowhere and is refused.
pub fn allows(path: &Path) -> bool {
    ROOTS.with(|r| match r.borrow().as_deref() {
        None => true,
        Some(roots) => resolve(path).is_some_and(|real| roots.iter().any(|r| real.starts_with(r))),
    })
}

/// `Ok` when [`allows`] lets `path` be read, else the error to report.
pub fn check(path: &Path) -> std::io::Result<()> {
    if allows(path) { Ok(()) } else { Err(outside()) }
}

/// The error for a path outside the workspace.
pub fn outside() -> std::io::Error {
    std::io::Error::new(
        std::io::ErrorKind::PermissionDenied,
        "it lies outside the workspace root (through `..` or a symbolic link), and the server reads nothing outside it; \
         move the file into the workspace",
    )
}

/// Where `path` really is: canonical when it exists; otherwise its longest
/// existing ancestor made canonical and the rest appended (`..` applied).
/// `None` for a dangling symbolic link or a relative path that cannot be
/// made absolute.
fn resolve(path: &Path) -> Option<PathBuf> {
    if let Ok(real) = path.canonicalize() {
        return Some(real);
    }
    let abs = std::path::absolute(path).ok()?;
    let comps: Vec<Component> = abs.components().collect();
    let mut split = comps.len();
    while split > 0 {
        let prefix: PathBuf = comps[..split].iter().collect();
        if std::fs::symlink_metadata(&prefix).is_ok() {
            break;
        }
        split -= 1;
    }
    let prefix: PathBuf = comps[..split].iter().collect();
    // An existing prefix that cannot be made canonical is a dangling link.
    let mut real = prefix.canonicalize().ok()?;
    for c in comps.get(split..).unwrap_or_default() {
        match c {
            Component::ParentDir => {
                real.pop();
            }
            Component::Normal(x) => real.push(x),
            _ => {}
        }
    }
    Some(real)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_what_resolves_inside_the_roots_is_allowed() {
        let outer = tempfile::tempdir().unwrap();
        let ws = outer.path().join("ws");
        std::fs::create_dir_all(ws.join("docs")).unwrap();
        std::fs::write(ws.join("docs/a.md"), "x").unwrap();
        std::fs::write(outer.path().join("secret.md"), "x").unwrap();
        assert!(allows(&outer.path().join("secret.md")), "unconfined");
        {
            let _scope = enter(canonical_roots(std::slice::from_ref(&ws)));
            assert!(is_confined());
            assert!(allows(&ws.join("docs/a.md")));
            assert!(allows(&ws.join("docs/new.md")));
            assert!(allows(&ws));
            assert!(!allows(outer.path()));
            assert!(!allows(&outer.path().join("secret.md")));
            assert!(!allows(&ws.join("../secret.md")));
            assert!(!allows(&ws.join("docs/../../secret.md")));
            assert!(!allows(&ws.join("nothing/../../secret.md")));
            #[cfg(unix)]
            {
                std::os::unix::fs::symlink(outer.path().join("secret.md"), ws.join("link.md"))
                    .unwrap();
                std::os::unix::fs::symlink(outer.path().join("gone"), ws.join("dangling")).unwrap();
                assert!(!allows(&ws.join("link.md")));
                assert!(!allows(&ws.join("dangling/x.md")));
                assert_eq!(
                    check(&ws.join("link.md")).unwrap_err().kind(),
                    std::io::ErrorKind::PermissionDenied
                );
            }
        }
        assert!(!is_confined(), "the scope ends when dropped");
        assert!(allows(&outer.path().join("secret.md")));
    }
}
