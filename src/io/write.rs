//! Writing files safely, the one writer of the program: an atomic write
//! (temporary file, then rename) that never overwrites without being asked.
//! Every file techspec writes goes through here. Bytes go to a fresh temporary file with an unpredictable name in
//! the target's folder ([`tempfile::NamedTempFile`], opened with `O_EXCL`, so
//! a planted symbolic link cannot redirect it), then replace the target in
//! one rename: `persist_noclobber` for a new file (an existing one, even one
//! appearing meanwhile, is never overwritten), `persist` when asked to
//! replace (`--force`, `--fix`).
#![warn(clippy::arithmetic_side_effects)] // sizes and offsets: no silent overflow

use std::io::Write;
use std::path::{Path, PathBuf};

/// Errors writing a file.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("{} already exists; use --force to overwrite it", .0.display())]
    Exists(PathBuf),
    #[error("{} changed on disk since it was read; not overwritten", .0.display())]
    Changed(PathBuf),
    #[error(
        "{} is a symbolic link to {}, outside the repository ({}); not written (edit the target yourself, or replace the link with a file)",
        link.display(), target.display(), root.display()
    )]
    LinkOutside {
        link: PathBuf,
        target: PathBuf,
        root: PathBuf,
    },
    #[error("cannot write {}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// Writes `bytes` to `path` atomically, creating parent directories. Refuses
/// to replace an existing file (or symbolic link) unless `force`; with
/// `force`, a symbolic link at `path` is replaced by the file, its target is
/// left alone.
pub fn write_new(path: &Path, bytes: &[u8], force: bool) -> Result<(), WriteError> {
    if !force && std::fs::symlink_metadata(path).is_ok() {
        return Err(WriteError::Exists(path.to_path_buf()));
    }
    write_file(path, bytes, force)
}

/// Writes `bytes` to `path`, replacing it if it exists (keeping its permissions).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    write_file(path, bytes, true)
}

/// Replaces `path` with `bytes` atomically, but only if it still holds
/// `expected` (what was read before computing `bytes`): a file that changed on
/// disk in between is left alone ([`WriteError::Changed`]). The comparison is
/// made after the temporary file is written, just before the rename.
///
/// A symbolic link stays a link: the write goes to its target, provided the
/// target lies inside the repository of the link (nearest `techspec.toml` or
/// `.git` above it, else the link's folder); otherwise nothing is written
/// ([`WriteError::LinkOutside`]).
pub fn replace_unchanged(path: &Path, expected: &[u8], bytes: &[u8]) -> Result<(), WriteError> {
    let real = resolve_link(path)?;
    write_via_temp(&real, bytes, true, || {
        let now = std::fs::read(&real).map_err(|source| WriteError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        if now == expected {
            Ok(())
        } else {
            Err(WriteError::Changed(path.to_path_buf()))
        }
    })
}

/// The file a write to `path` must replace: `path` itself, or the target of
/// a symbolic link when that target is inside the link's repository.
pub fn resolve_link(path: &Path) -> Result<PathBuf, WriteError> {
    let io = |source| WriteError::Io {
        path: path.to_path_buf(),
        source,
    };
    let meta = std::fs::symlink_metadata(path).map_err(io)?;
    if !meta.file_type().is_symlink() {
        return Ok(path.to_path_buf());
    }
    let target = std::fs::canonicalize(path).map_err(io)?;
    let dir = std::path::absolute(path)
        .map_err(io)?
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let root = crate::io::root::find_root(&dir).unwrap_or(dir);
    let root = std::fs::canonicalize(&root).map_err(io)?;
    if target.starts_with(&root) {
        Ok(target)
    } else {
        Err(WriteError::LinkOutside {
            link: path.to_path_buf(),
            target,
            root,
        })
    }
}

/// Whether `path` (any symbolic links resolved) lies inside `root`. A path
/// that does not exist yet is judged by its nearest existing ancestor.
pub fn stays_inside(root: &Path, path: &Path) -> bool {
    let Ok(root) = std::fs::canonicalize(root) else {
        return false;
    };
    let mut probe = path.to_path_buf();
    loop {
        if let Ok(real) = std::fs::canonicalize(&probe) {
            return real.starts_with(&root);
        }
        if std::fs::symlink_metadata(&probe).is_ok() {
            return false; // a broken link
        }
        if !probe.pop() {
            return false;
        }
    }
}

fn write_file(path: &Path, bytes: &[u8], replace: bool) -> Result<(), WriteError> {
    write_via_temp(path, bytes, replace, || Ok(()))
}

/// Writes a fresh temporary file beside `path`, runs `guard`, then moves it
/// to `path` (replacing only when `replace`). The temporary file is removed
/// when anything fails.
fn write_via_temp(
    path: &Path,
    bytes: &[u8],
    replace: bool,
    guard: impl FnOnce() -> Result<(), WriteError>,
) -> Result<(), WriteError> {
    let io = |source| WriteError::Io {
        path: path.to_path_buf(),
        source,
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&dir).map_err(io)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".techspec-tmp")
        .tempfile_in(&dir)
        .map_err(io)?;
    tmp.write_all(bytes).map_err(io)?;
    tmp.as_file().sync_all().map_err(io)?;
    if replace {
        if let Ok(meta) = std::fs::metadata(path) {
            let _ = tmp.as_file().set_permissions(meta.permissions());
        }
    }
    guard()?;
    let persisted = if replace {
        tmp.persist(path)
    } else {
        tmp.persist_noclobber(path)
    };
    match persisted {
        Ok(_) => Ok(()),
        Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => {
            Err(WriteError::Exists(path.to_path_buf()))
        }
        Err(e) => Err(io(e.error)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_to_overwrite_without_force() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a/b/spec.md");
        write_new(&p, b"one", false).unwrap();
        assert!(matches!(
            write_new(&p, b"two", false),
            Err(WriteError::Exists(_))
        ));
        assert_eq!(std::fs::read(&p).unwrap(), b"one");
        write_new(&p, b"two", true).unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
        let leftovers: Vec<_> = std::fs::read_dir(p.parent().unwrap()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no temporary file left behind");
    }

    #[test]
    fn replace_unchanged_refuses_a_file_changed_since_read() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("spec.md");
        std::fs::write(&p, b"read").unwrap();
        replace_unchanged(&p, b"read", b"fixed").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"fixed");
        std::fs::write(&p, b"edited meanwhile").unwrap();
        assert!(matches!(
            replace_unchanged(&p, b"fixed", b"again"),
            Err(WriteError::Changed(_))
        ));
        assert_eq!(std::fs::read(&p).unwrap(), b"edited meanwhile");
        let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no temporary file left behind");
    }

    /// Issue 16: the temporary file had a predictable name opened with
    /// `File::create`, which follows a symbolic link planted there (in a
    /// shared folder such as /tmp) and clobbers its target.
    #[cfg(unix)]
    #[test]
    fn a_planted_link_at_a_temporary_name_clobbers_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim.txt");
        std::fs::write(&victim, b"precious").unwrap();
        let pid = std::process::id();
        for name in [
            format!(".r.html.techspec-{pid}.tmp"),
            format!(".r.html.{pid}-0.techspec-tmp"),
        ] {
            std::os::unix::fs::symlink(&victim, dir.path().join(name)).unwrap();
        }
        let out = dir.path().join("r.html");
        write_new(&out, b"<html>", false).unwrap();
        write_new(&out, b"<html>2", true).unwrap();
        assert_eq!(std::fs::read(&victim).unwrap(), b"precious");
        assert_eq!(std::fs::read(&out).unwrap(), b"<html>2");
    }

    /// A symbolic link with `--force` is replaced by the file; its target is
    /// not written through.
    #[cfg(unix)]
    #[test]
    fn force_replaces_a_link_not_its_target() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim.txt");
        std::fs::write(&victim, b"precious").unwrap();
        let out = dir.path().join("r.html");
        std::os::unix::fs::symlink(&victim, &out).unwrap();
        assert!(matches!(
            write_new(&out, b"x", false),
            Err(WriteError::Exists(_))
        ));
        write_new(&out, b"x", true).unwrap();
        assert_eq!(std::fs::read(&victim).unwrap(), b"precious");
        assert!(!std::fs::symlink_metadata(&out).unwrap().is_symlink());
    }

    #[cfg(unix)]
    #[test]
    fn replace_unchanged_writes_through_a_link_inside_the_repository_only() {
        let repo = tempfile::tempdir().unwrap();
        std::fs::create_dir(repo.path().join(".git")).unwrap();
        std::fs::create_dir(repo.path().join("real")).unwrap();
        let target = repo.path().join("real/spec.md");
        std::fs::write(&target, b"read").unwrap();
        let link = repo.path().join("spec.md");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        replace_unchanged(&link, b"read", b"fixed").unwrap();
        assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink());
        assert_eq!(std::fs::read(&target).unwrap(), b"fixed");

        let outside = tempfile::tempdir().unwrap();
        let far = outside.path().join("spec.md");
        std::fs::write(&far, b"read").unwrap();
        let link2 = repo.path().join("far.md");
        std::os::unix::fs::symlink(&far, &link2).unwrap();
        assert!(matches!(
            replace_unchanged(&link2, b"read", b"fixed"),
            Err(WriteError::LinkOutside { .. })
        ));
        assert_eq!(std::fs::read(&far).unwrap(), b"read");
        assert!(std::fs::symlink_metadata(&link2).unwrap().is_symlink());
    }
}
