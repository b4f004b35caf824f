//! The baseline: today's findings, recorded so that a repository can adopt
//! techspec without a red first day. `check --write-baseline [FILE]` records
//! every finding by its stable fingerprint ([`crate::engine::fingerprint`]);
//! `check --baseline FILE` (or `baseline = "FILE"` in `techspec.toml`) then
//! reports only the findings that are not in it, and `report` marks the
//! ones that are.
//!
//! The file is JSON, sorted so that it diffs well in review:
//!
//! ```json
//! {
//!   "version": { "format": 1, "fingerprint": 1 },
//!   "findings": [
//!     { "path": "tasks/prd-refunds/techspec.md", "fingerprint": "5f0c3e1a9b2d4c77:0",
//!       "code": "TS201", "message": "template guidance left in place" }
//!   ]
//! }
//! ```
//!
//! `path` is repository-relative with `/` separators (the repository: the
//! nearest folder above the current one holding `.git`, else `techspec.toml`),
//! so the file means the same on every checkout. Only `path` and
//! `fingerprint` are matched; `code` and `message` are for the reader.
//! `version.format` is this file's layout ([`FORMAT_VERSION`]),
//! `version.fingerprint` the fingerprint scheme ([`crate::engine::fingerprint::VERSION`]).
//! A file that is missing, unreadable, malformed or of a newer version is an
//! error that names it, never an empty baseline.

use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::engine::FileReport;
use crate::engine::fingerprint;
use crate::io::write::{self, WriteError};

/// The layout of the baseline file; bump it when the layout changes.
pub const FORMAT_VERSION: u32 = 1;

/// Where `--write-baseline` writes when given no file and none is configured
/// (in the repository root).
pub const DEFAULT_FILE: &str = "techspec-baseline.json";

/// Both versions a baseline file carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Version {
    pub format: u32,
    pub fingerprint: u32,
}

/// One recorded finding.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Entry {
    pub path: String,
    pub fingerprint: String,
    pub code: String,
    pub message: String,
}

/// A baseline file's contents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Baseline {
    pub version: Version,
    pub findings: Vec<Entry>,
}

/// Errors reading or writing a baseline.
#[derive(Debug, thiserror::Error)]
pub enum BaselineError {
    #[error(
        "baseline {} does not exist; record today's findings with `techspec check --write-baseline {}`",
        .0.display(), .0.display()
    )]
    Missing(PathBuf),
    #[error("cannot read baseline {}: {source}", path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "{}: not a techspec baseline: {message}; write it again with `techspec check --write-baseline {}`",
        path.display(), path.display()
    )]
    Malformed { path: PathBuf, message: String },
    #[error(
        "baseline {} was written by a newer techspec ({what} version {found}; this one reads up to {supported}); upgrade techspec",
        path.display()
    )]
    Newer {
        path: PathBuf,
        what: &'static str,
        found: u32,
        supported: u32,
    },
    #[error(
        "baseline {} uses fingerprint version {found}, this techspec uses {expected}; write it again with `techspec check --write-baseline {}`",
        path.display(), path.display()
    )]
    OldFingerprints {
        path: PathBuf,
        found: u32,
        expected: u32,
    },
    #[error(
        "{} exists and is not a techspec baseline ({message}); not overwritten: name another file",
        path.display()
    )]
    NotABaseline { path: PathBuf, message: String },
    #[error(transparent)]
    Write(#[from] WriteError),
}

impl Baseline {
    /// An empty baseline of the current versions.
    pub fn new() -> Baseline {
        Baseline {
            version: current_version(),
            findings: Vec::new(),
        }
    }

    /// Reads a baseline file (errors name the file; a missing file is an error).
    pub fn load(path: &Path) -> Result<Baseline, BaselineError> {
        let text = match std::fs::read(path) {
            Ok(bytes) => String::from_utf8(bytes).map_err(|_| BaselineError::Malformed {
                path: path.to_path_buf(),
                message: "not UTF-8 text".into(),
            })?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(BaselineError::Missing(path.to_path_buf()));
            }
            Err(source) => {
                return Err(BaselineError::Read {
                    path: path.to_path_buf(),
                    source,
                });
            }
        };
        Self::parse(path, &text)
    }

    /// Parses baseline text (`path` is for messages). The versions are read
    /// first, so that a newer file says so rather than failing on its layout.
    pub fn parse(path: &Path, text: &str) -> Result<Baseline, BaselineError> {
        let malformed = |message: String| BaselineError::Malformed {
            path: path.to_path_buf(),
            message,
        };
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|e| malformed(e.to_string()))?;
        let version = value
            .get("version")
            .ok_or_else(|| malformed("no `version` field".into()))?;
        let number = |key: &str| {
            version
                .get(key)
                .and_then(serde_json::Value::as_u64)
                .and_then(|n| u32::try_from(n).ok())
                .ok_or_else(|| malformed(format!("`version.{key}` is not a number")))
        };
        let (format, fp) = (number("format")?, number("fingerprint")?);
        let newer = |what, found, supported| BaselineError::Newer {
            path: path.to_path_buf(),
            what,
            found,
            supported,
        };
        if format > FORMAT_VERSION {
            return Err(newer("format", format, FORMAT_VERSION));
        }
        if fp > fingerprint::VERSION {
            return Err(newer("fingerprint", fp, fingerprint::VERSION));
        }
        if fp < fingerprint::VERSION {
            return Err(BaselineError::OldFingerprints {
                path: path.to_path_buf(),
                found: fp,
                expected: fingerprint::VERSION,
            });
        }
        serde_json::from_value(value).map_err(|e| malformed(e.to_string()))
    }

    /// The file's text: pretty JSON, findings sorted, a final newline.
    pub fn to_json(&self) -> String {
        let mut b = self.clone();
        b.findings.sort();
        b.findings.dedup();
        let mut text = serde_json::to_string_pretty(&b).unwrap_or_default();
        text.push('\n');
        text
    }

    /// The (path, fingerprint) pairs it holds.
    pub fn keys(&self) -> HashSet<(&str, &str)> {
        self.findings
            .iter()
            .map(|e| (e.path.as_str(), e.fingerprint.as_str()))
            .collect()
    }
}

impl Default for Baseline {
    fn default() -> Self {
        Self::new()
    }
}

fn current_version() -> Version {
    Version {
        format: FORMAT_VERSION,
        fingerprint: fingerprint::VERSION,
    }
}

/// The folder baseline paths are relative to: the nearest folder at or above
/// `cwd` holding `.git`, else the nearest holding `techspec.toml` or `.git`
/// ([`crate::io::root::find_root`]), else `cwd`.
pub fn root(cwd: &Path) -> PathBuf {
    let abs = std::path::absolute(cwd).unwrap_or_else(|_| cwd.to_path_buf());
    abs.ancestors()
        .find(|d| d.join(".git").exists())
        .map(Path::to_path_buf)
        .or_else(|| crate::io::root::find_root(&abs))
        .unwrap_or(abs)
}

/// `file` relative to `root` with `/` separators (symbolic links in its
/// folders resolved); a file outside `root` keeps its absolute path.
pub fn relative_path(root: &Path, file: &Path) -> String {
    let real = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let abs = std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf());
    let file = match (abs.parent(), abs.file_name()) {
        (Some(dir), Some(name)) => real(dir).join(name),
        _ => abs,
    };
    let root = real(root);
    let shown = file.strip_prefix(&root).unwrap_or(&file);
    shown.to_string_lossy().replace('\\', "/")
}

/// Each finding of `report` with its baseline key: the file's
/// repository-relative path and the findings' fingerprints, in order.
pub fn keys_of(root: &Path, report: &FileReport) -> (String, Vec<String>) {
    let path = relative_path(root, &report.path);
    let prints = fingerprint::fingerprints(&path, &report.diagnostics);
    (path, prints)
}

/// For each report, which of its findings the baseline holds (in order).
pub fn known(baseline: &Baseline, root: &Path, reports: &[FileReport]) -> Vec<Vec<bool>> {
    let keys = baseline.keys();
    reports
        .iter()
        .map(|r| {
            let (path, prints) = keys_of(root, r);
            prints
                .iter()
                .map(|fp| keys.contains(&(path.as_str(), fp.as_str())))
                .collect()
        })
        .collect()
}

/// What [`filter`] left out.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Filtered {
    /// Findings removed because the baseline holds them.
    pub known: usize,
    /// Baseline entries of the checked files that no longer occur (fixed).
    pub fixed: usize,
}

/// Removes from `reports` the findings the baseline holds.
pub fn filter(baseline: &Baseline, root: &Path, reports: &mut [FileReport]) -> Filtered {
    let keys = baseline.keys();
    let mut out = Filtered::default();
    let mut seen: HashSet<(String, String)> = HashSet::new();
    let mut checked: HashSet<String> = HashSet::new();
    for r in reports.iter_mut() {
        let (path, prints) = keys_of(root, r);
        let mut prints = prints.into_iter();
        r.diagnostics.retain(|_| {
            let fp = prints.next().unwrap_or_default();
            let hit = keys.contains(&(path.as_str(), fp.as_str()));
            if hit {
                seen.insert((path.clone(), fp));
            }
            !hit
        });
        checked.insert(path);
    }
    out.known = seen.len();
    out.fixed = baseline
        .findings
        .iter()
        .filter(|e| checked.contains(&e.path))
        .filter(|e| !seen.contains(&(e.path.clone(), e.fingerprint.clone())))
        .count();
    out
}

/// The baseline of this run: every finding of `reports`, plus the entries
/// of `old` for files this run did not check that still exist (so a run on
/// some paths does not forget the others). Fixed findings of checked files
/// are dropped.
pub fn record(old: Option<&Baseline>, root: &Path, reports: &[FileReport]) -> Baseline {
    let mut checked: BTreeSet<String> = BTreeSet::new();
    let mut findings = Vec::new();
    for r in reports {
        let (path, prints) = keys_of(root, r);
        for (d, fp) in r.diagnostics.iter().zip(prints) {
            findings.push(Entry {
                path: path.clone(),
                fingerprint: fp,
                code: d.code.clone(),
                message: d.message.clone(),
            });
        }
        checked.insert(path);
    }
    if let Some(old) = old {
        findings.extend(
            old.findings
                .iter()
                .filter(|e| !checked.contains(&e.path) && root.join(&e.path).is_file())
                .cloned(),
        );
    }
    let mut b = Baseline {
        version: current_version(),
        findings,
    };
    b.findings.sort();
    b.findings.dedup();
    b
}

/// The baseline already at `path`, before it is written again: `None` when
/// there is none, `Some(None)` when it is a baseline of older fingerprints
/// (replaced whole). Anything that is not a baseline is refused, so that
/// `--write-baseline` never replaces another file.
pub fn previous(path: &Path) -> Result<Option<Option<Baseline>>, BaselineError> {
    match Baseline::load(path) {
        Ok(b) => Ok(Some(Some(b))),
        Err(BaselineError::Missing(_)) => Ok(None),
        Err(BaselineError::OldFingerprints { .. }) => Ok(Some(None)),
        Err(BaselineError::Malformed { path, message }) => {
            Err(BaselineError::NotABaseline { path, message })
        }
        Err(e) => Err(e),
    }
}

/// Writes `baseline` to `path` atomically through the one writer; replacing
/// a previous baseline there is what `--write-baseline` asks for.
pub fn write(path: &Path, baseline: &Baseline) -> Result<(), BaselineError> {
    write::write_atomic(path, baseline.to_json().as_bytes())?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Baseline, BaselineError> {
        Baseline::parse(Path::new("b.json"), text)
    }

    #[test]
    fn round_trips() {
        let mut b = Baseline::new();
        b.findings.push(Entry {
            path: "a/techspec.md".into(),
            fingerprint: "0123456789abcdef:0".into(),
            code: "TS201".into(),
            message: "m".into(),
        });
        assert_eq!(parse(&b.to_json()).unwrap(), b);
    }

    #[test]
    fn errors_name_the_file_and_the_problem() {
        let err = parse("{\"version\": {\"format\": 1, \"fingerprint\": 1}, \"findings\": [")
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("b.json: not a techspec baseline: "),
            "{err}"
        );
        assert!(err.contains("at line 1 column"), "{err}");
        let err = parse("[]").unwrap_err().to_string();
        assert!(err.contains("no `version` field"), "{err}");
        let err = parse("{\"version\": {\"format\": 99, \"fingerprint\": 1}, \"findings\": []}")
            .unwrap_err()
            .to_string();
        assert!(err.contains("newer techspec (format version 99"), "{err}");
        let err = parse("{\"version\": {\"format\": 1, \"fingerprint\": 0}, \"findings\": []}")
            .unwrap_err()
            .to_string();
        assert!(err.contains("fingerprint version 0"), "{err}");
        let err = parse("{\"version\": {\"format\": 1, \"fingerprint\": 1}}")
            .unwrap_err()
            .to_string();
        assert!(err.contains("missing field `findings`"), "{err}");
    }
}
