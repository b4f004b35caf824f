//! Deciding what to do with each planned file, and writing it atomically.

use std::fs::{self, Permissions};
use std::io;
use std::path::{Path, PathBuf};

use super::agents::{SECTION_BEGIN, SECTION_END};
use super::{ActionKind, InitError, PlannedWrite, WriteMode};

/// What `apply` will do for one planned write.
pub(crate) struct Decision {
    pub kind: ActionKind,
    pub write: Option<PendingWrite>,
}

/// Bytes to put at a real path (a symbolic link's target, not the link).
pub(crate) struct PendingWrite {
    pub path: PathBuf,
    pub bytes: Vec<u8>,
    /// The replaced file's permissions, kept on the new file.
    pub permissions: Option<Permissions>,
}

fn skip(reason: impl Into<String>) -> Decision {
    Decision {
        kind: ActionKind::Skipped {
            reason: reason.into(),
        },
        write: None,
    }
}

/// Looks at the disk and decides; writes nothing.
pub(crate) fn decide(
    root: &Path,
    planned: &PlannedWrite,
    force: bool,
) -> Result<Decision, InitError> {
    if let Some(blocker) = blocking_ancestor(root, &planned.path) {
        return Ok(skip(format!(
            "{} is a file, not a folder",
            blocker.display()
        )));
    }
    let abs = root.join(&planned.path);
    // Never through a symbolic link (of the file or a folder on its way) that
    // leaves the repository.
    if fs::symlink_metadata(root).is_ok() && !crate::io::write::stays_inside(root, &abs) {
        let target = fs::canonicalize(&abs).unwrap_or_else(|_| abs.clone());
        return Ok(skip(format!(
            "leads outside the repository (to {}) through a symbolic link; not written",
            target.display()
        )));
    }
    let (path, existing, permissions) = match fs::metadata(&abs) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            if fs::symlink_metadata(&abs).is_ok() {
                return Ok(skip("is a broken symbolic link"));
            }
            (abs, None, None)
        }
        Err(source) => return Err(InitError::Read { path: abs, source }),
        Ok(meta) if meta.is_dir() => return Ok(skip("is a directory")),
        Ok(meta) if !meta.is_file() => return Ok(skip("is not a regular file")),
        Ok(meta) => {
            // Write through a symbolic link (AGENTS.md -> CLAUDE.md is common)
            // instead of replacing the link with a file.
            let real = fs::canonicalize(&abs).map_err(|source| InitError::Read {
                path: abs.clone(),
                source,
            })?;
            let limit = crate::engine::settings::Settings::default().max_file_size;
            let bytes =
                crate::io::read::read_limited(&real, limit).map_err(|message| InitError::Read {
                    path: abs.clone(),
                    source: io::Error::other(message),
                })?;
            (real, Some(bytes), Some(meta.permissions()))
        }
    };
    let pending = |bytes| {
        Some(PendingWrite {
            path: path.clone(),
            bytes,
            permissions: permissions.clone(),
        })
    };
    let Some(existing) = existing else {
        let mut bytes = planned.content.clone().into_bytes();
        if planned.mode == WriteMode::Section {
            bytes.push(b'\n');
        }
        return Ok(Decision {
            kind: ActionKind::Created,
            write: pending(bytes),
        });
    };
    let decision = match planned.mode {
        WriteMode::File if same_text(&existing, planned.content.as_bytes()) => Decision {
            kind: ActionKind::Unchanged,
            write: None,
        },
        WriteMode::File if !force => {
            skip("already exists with other content (--force replaces it)")
        }
        WriteMode::File => Decision {
            kind: ActionKind::Overwritten,
            write: pending(planned.content.clone().into_bytes()),
        },
        WriteMode::Section => match merge_section(&existing, &planned.content, force) {
            Merge::Unchanged => Decision {
                kind: ActionKind::Unchanged,
                write: None,
            },
            Merge::Append(bytes) => Decision {
                kind: ActionKind::Appended,
                write: pending(bytes),
            },
            Merge::Replace(bytes) => Decision {
                kind: ActionKind::Overwritten,
                write: pending(bytes),
            },
            Merge::Keep(reason) => skip(reason),
        },
    };
    Ok(decision)
}

/// The shallowest folder on the way to `rel` that exists as something else.
fn blocking_ancestor(root: &Path, rel: &Path) -> Option<PathBuf> {
    let parent = rel.parent()?;
    let mut folders: Vec<&Path> = parent
        .ancestors()
        .filter(|a| !a.as_os_str().is_empty())
        .collect();
    folders.reverse();
    folders
        .into_iter()
        .find(|a| root.join(a).metadata().is_ok_and(|m| !m.is_dir()))
        .map(Path::to_path_buf)
}

/// Equal once CRLF is read as LF (git's `core.autocrlf` rewrites our files).
fn same_text(a: &[u8], b: &[u8]) -> bool {
    let lf = |s: &[u8]| -> Vec<u8> {
        let mut out = Vec::with_capacity(s.len());
        for (i, &c) in s.iter().enumerate() {
            if !(c == b'\r' && s.get(i + 1) == Some(&b'\n')) {
                out.push(c);
            }
        }
        out
    };
    lf(a) == lf(b)
}

/// What to do with a shared file (`AGENTS.md`) and our marked section.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Merge {
    /// The section is there with our text.
    Unchanged,
    /// No section yet: the file's bytes, untouched, then the section.
    Append(Vec<u8>),
    /// `force`: the bytes outside the markers untouched, ours between them.
    Replace(Vec<u8>),
    /// Leave the file alone, for this reason.
    Keep(String),
}

/// `section` runs from the begin marker to the end marker, with no final
/// newline. Works on bytes: the user's file need not be UTF-8.
pub(crate) fn merge_section(existing: &[u8], section: &str, force: bool) -> Merge {
    let crlf = find_all(existing, b"\r\n").next().is_some();
    let section = if crlf {
        section.replace('\n', "\r\n")
    } else {
        section.to_string()
    };
    let eol: &[u8] = if crlf { b"\r\n" } else { b"\n" };
    let begins: Vec<usize> = find_all(existing, SECTION_BEGIN.as_bytes()).collect();
    let ends: Vec<usize> = find_all(existing, SECTION_END.as_bytes()).collect();
    match (begins.as_slice(), ends.as_slice()) {
        ([], []) => {
            let mut out = existing.to_vec();
            if !existing.is_empty() && !existing.ends_with(eol) {
                out.extend_from_slice(eol);
            }
            if !existing.is_empty() && !out.ends_with(&[eol, eol].concat()) {
                out.extend_from_slice(eol);
            }
            out.extend_from_slice(section.as_bytes());
            out.extend_from_slice(eol);
            Merge::Append(out)
        }
        ([begin], [end]) if begin < end => {
            let stop = end + SECTION_END.len();
            if same_text(&existing[*begin..stop], section.as_bytes()) {
                Merge::Unchanged
            } else if force {
                let mut out = existing[..*begin].to_vec();
                out.extend_from_slice(section.as_bytes());
                out.extend_from_slice(&existing[stop..]);
                Merge::Replace(out)
            } else {
                Merge::Keep("already has a techspec section (--force replaces it)".into())
            }
        }
        _ => Merge::Keep(format!(
            "its `{SECTION_BEGIN}` / `{SECTION_END}` markers are unpaired or repeated; fix them by hand"
        )),
    }
}

fn find_all<'a>(hay: &'a [u8], needle: &'a [u8]) -> impl Iterator<Item = usize> + 'a {
    hay.windows(needle.len())
        .enumerate()
        .filter(move |(_, w)| *w == needle)
        .map(|(i, _)| i)
}

/// Writes `w` through the program's one writer ([`crate::io::write`]): a new
/// file never replaces one that appeared meanwhile; an existing one is
/// replaced atomically.
pub(crate) fn write_atomic(w: &PendingWrite) -> Result<(), InitError> {
    let result = if w.permissions.is_none() {
        crate::io::write::write_new(&w.path, &w.bytes, false)
    } else {
        crate::io::write::write_atomic(&w.path, &w.bytes)
    };
    result.map_err(|e| InitError::Write {
        path: w.path.clone(),
        source: match e {
            crate::io::write::WriteError::Io { source, .. } => source,
            other => io::Error::other(other.to_string()),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECTION: &str = "<!-- techspec:begin -->\nours\n<!-- techspec:end -->";

    fn appended(existing: &str) -> String {
        match merge_section(existing.as_bytes(), SECTION, false) {
            Merge::Append(b) => String::from_utf8(b).unwrap(),
            other => panic!("expected Append, got {other:?}"),
        }
    }

    #[test]
    fn append_separates_with_one_blank_line() {
        let want = format!("# Team\n\n{SECTION}\n");
        assert_eq!(appended(""), format!("{SECTION}\n"));
        assert_eq!(appended("# Team"), want);
        assert_eq!(appended("# Team\n"), want);
        assert_eq!(appended("# Team\n\n"), want);
        assert_eq!(appended("# Team\n\n\n"), format!("# Team\n\n\n{SECTION}\n"));
    }

    #[test]
    fn append_follows_crlf_files() {
        let got = appended("# Team\r\nline\r\n");
        assert_eq!(
            got,
            "# Team\r\nline\r\n\r\n<!-- techspec:begin -->\r\nours\r\n<!-- techspec:end -->\r\n"
        );
        assert_eq!(
            merge_section(got.as_bytes(), SECTION, false),
            Merge::Unchanged
        );
    }

    #[test]
    fn existing_section_is_kept_or_replaced_between_markers_only() {
        let file = "intro\n<!-- techspec:begin -->\nedited by hand\n<!-- techspec:end -->\noutro\n";
        assert!(matches!(
            merge_section(file.as_bytes(), SECTION, false),
            Merge::Keep(_)
        ));
        let Merge::Replace(b) = merge_section(file.as_bytes(), SECTION, true) else {
            panic!("expected Replace");
        };
        assert_eq!(
            String::from_utf8(b).unwrap(),
            format!("intro\n{SECTION}\noutro\n")
        );
        let same = format!("intro\n{SECTION}\noutro\n");
        assert_eq!(
            merge_section(same.as_bytes(), SECTION, true),
            Merge::Unchanged
        );
    }

    #[test]
    fn broken_markers_are_never_touched_even_with_force() {
        for file in [
            "<!-- techspec:begin -->\nno end\n",
            "<!-- techspec:end -->\n<!-- techspec:begin -->\n",
            "<!-- techspec:begin -->\n<!-- techspec:end -->\n<!-- techspec:begin -->\n",
        ] {
            assert!(
                matches!(
                    merge_section(file.as_bytes(), SECTION, true),
                    Merge::Keep(_)
                ),
                "{file:?}"
            );
        }
    }

    #[test]
    fn non_utf8_user_text_is_kept_byte_for_byte() {
        let existing = b"caf\xe9 notes\n".to_vec();
        let Merge::Append(b) = merge_section(&existing, SECTION, false) else {
            panic!("expected Append");
        };
        assert!(b.starts_with(&existing));
    }

    #[test]
    fn same_text_ignores_only_crlf() {
        assert!(same_text(b"a\r\nb\n", b"a\nb\n"));
        assert!(!same_text(b"a\rb", b"ab"));
        assert!(!same_text(b"a\n", b"a"));
    }

    #[test]
    fn atomic_write_replaces_and_leaves_no_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("deep/er/file.md");
        for text in ["one", "two"] {
            write_atomic(&PendingWrite {
                path: path.clone(),
                bytes: text.into(),
                permissions: fs::metadata(&path).ok().map(|m| m.permissions()),
            })
            .unwrap();
            assert_eq!(fs::read_to_string(&path).unwrap(), text);
        }
        let names: Vec<_> = fs::read_dir(path.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["file.md"]);
    }
}
