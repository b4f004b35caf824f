//! Writing files safely: never overwrite without being asked, and write
//! atomically (a temporary file in the same directory, then a rename).
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
    #[error("cannot write {}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// Writes `bytes` to `path` atomically, creating parent directories. Refuses
/// to replace an existing file unless `force`.
pub fn write_new(path: &Path, bytes: &[u8], force: bool) -> Result<(), WriteError> {
    if !force && std::fs::symlink_metadata(path).is_ok() {
        return Err(WriteError::Exists(path.to_path_buf()));
    }
    write_atomic(path, bytes)
}

/// Writes `bytes` to `path` through a temporary file and a rename.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    write_via_temp(path, bytes, || Ok(()))
}

/// Replaces `path` with `bytes` atomically, but only if it still holds
/// `expected` (what was read before computing `bytes`): a file that changed on
/// disk in between is left alone ([`WriteError::Changed`]). The comparison is
/// made after the temporary file is written, just before the rename.
pub fn replace_unchanged(path: &Path, expected: &[u8], bytes: &[u8]) -> Result<(), WriteError> {
    write_via_temp(path, bytes, || {
        let now = std::fs::read(path).map_err(|source| WriteError::Io {
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

/// Writes a temporary file beside `path`, runs `guard`, then renames the
/// temporary file over `path` (or removes it when anything failed).
fn write_via_temp(
    path: &Path,
    bytes: &[u8],
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
    let tmp = dir.join(format!(".{name}.techspec-{}.tmp", std::process::id()));
    let written = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        if let Ok(meta) = std::fs::metadata(path) {
            let _ = std::fs::set_permissions(&tmp, meta.permissions());
        }
        Ok(())
    })()
    .map_err(io);
    let result = written
        .and_then(|()| guard())
        .and_then(|()| std::fs::rename(&tmp, path).map_err(io));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
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
}
