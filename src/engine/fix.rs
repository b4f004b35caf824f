//! `check --fix`: applying the safe fixes that findings carry.
//!
//! A check that knows how to repair what it reports attaches a
//! [`Fix`](crate::model::diagnostic::Fix) (a list of byte-range edits) to its
//! finding. Fixing a file is a loop: check, apply every fix that does not
//! overlap one already taken in this round (in one pass over the text),
//! re-check, and repeat until no fix applies or [`MAX_ROUNDS`] is reached.
//!
//! Files are only written when they changed, atomically, and only if they
//! still hold the bytes that were read ([`crate::io::write::replace_unchanged`]).
//! Running `--fix` twice is a no-op the second time.

use std::path::{Path, PathBuf};

use crate::engine::Checker;
use crate::io::read::{is_binary, read_limited};
use crate::io::write::{WriteError, replace_unchanged};
use crate::model::diagnostic::{Diagnostic, Edit, Fix, Safety, Severity};
use crate::model::document::{BlockKind, Document, ParseWarningKind};

/// Rounds of check-and-fix before giving up on reaching a fixed point.
pub const MAX_ROUNDS: usize = 5;

/// Why a file cannot be fixed.
#[derive(Debug, thiserror::Error)]
pub enum FixError {
    #[error("{}: {message}", path.display())]
    Unreadable { path: PathBuf, message: String },
    #[error("{}: binary file; not fixed", .0.display())]
    Binary(PathBuf),
    #[error("{}: not valid UTF-8; not fixed, so that its bytes are kept", .0.display())]
    InvalidUtf8(PathBuf),
    #[error(
        "{}: fixes did not settle after {} rounds (checks {codes} kept changing the file); nothing written, please report this",
        path.display(), MAX_ROUNDS
    )]
    NotConverged { path: PathBuf, codes: String },
    #[error(transparent)]
    Write(#[from] WriteError),
}

/// Which fixes `fix` may apply.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FixOptions {
    /// Also apply [`Safety::Unsafe`] fixes (`--unsafe-fixes`).
    pub unsafe_fixes: bool,
}

impl FixOptions {
    /// Whether a fix may be applied: by its own [`Safety`] flag, set by the
    /// check that made it, and nothing else.
    pub fn allows(self, fix: &Fix) -> bool {
        self.unsafe_fixes || fix.safety == Safety::Safe
    }
}

/// The result of fixing a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fixed {
    /// The text after every round.
    pub text: String,
    /// The titles of the fixes applied, in order (`insert section "Relevant Files"`).
    pub applied: Vec<String>,
    /// Rounds that changed the text.
    pub rounds: usize,
    /// `false` when fixes still applied after [`MAX_ROUNDS`] rounds, or
    /// brought back a text already seen. Such a result must not be written.
    pub converged: bool,
    /// When not converged: the codes of the checks whose fixes kept applying.
    pub unsettled: Vec<&'static str>,
    /// Unsafe fixes left out (without `--unsafe-fixes`): `CODE: title`.
    pub unsafe_skipped: Vec<String>,
    /// Fixes left out because applying them raised the number of errors.
    pub rejected: Vec<String>,
}

impl Fixed {
    pub fn changed(&self) -> bool {
        !self.applied.is_empty()
    }
}

/// A file read and fixed in memory, not yet written.
#[derive(Debug, Clone)]
pub struct FileFix {
    pub path: PathBuf,
    /// The bytes as read.
    pub original: Vec<u8>,
    /// The bytes to write (BOM and line endings as in the original).
    pub fixed: Vec<u8>,
    pub applied: Vec<String>,
    pub converged: bool,
    pub unsettled: Vec<&'static str>,
    pub unsafe_skipped: Vec<String>,
    pub rejected: Vec<String>,
}

impl FileFix {
    pub fn changed(&self) -> bool {
        self.original != self.fixed
    }

    /// Writes the fixed bytes, unless nothing changed or the file changed on
    /// disk since it was read. Returns whether it wrote. A result that did
    /// not converge is never written ([`FixError::NotConverged`]).
    pub fn write(&self) -> Result<bool, FixError> {
        if !self.converged {
            return Err(FixError::NotConverged {
                path: self.path.clone(),
                codes: self.unsettled.join(", "),
            });
        }
        if !self.changed() {
            return Ok(false);
        }
        replace_unchanged(&self.path, &self.original, &self.fixed)?;
        Ok(true)
    }

    /// The change as a unified diff (empty when nothing changed).
    pub fn diff(&self) -> String {
        if !self.changed() {
            return String::new();
        }
        let old = String::from_utf8_lossy(&self.original);
        let new = String::from_utf8_lossy(&self.fixed);
        let name = self.path.to_string_lossy().replace('\\', "/");
        similar::TextDiff::from_lines(old.as_ref(), new.as_ref())
            .unified_diff()
            .context_radius(3)
            .header(&format!("a/{name}"), &format!("b/{name}"))
            .to_string()
    }
}

/// Reads a file and fixes it in memory.
pub fn fix_file(checker: &Checker, path: &Path, options: FixOptions) -> Result<FileFix, FixError> {
    let original = read_limited(path, checker.settings.max_file_size).map_err(|message| {
        FixError::Unreadable {
            path: path.to_path_buf(),
            message,
        }
    })?;
    if is_binary(&original) {
        return Err(FixError::Binary(path.to_path_buf()));
    }
    let doc = Document::from_bytes(&original);
    if doc
        .warnings
        .iter()
        .any(|w| w.kind == ParseWarningKind::InvalidUtf8)
    {
        return Err(FixError::InvalidUtf8(path.to_path_buf()));
    }
    let fixed = fix_text_with(checker, path, &doc.text, options);
    let mut bytes = Vec::with_capacity(fixed.text.len() + 3);
    if doc.had_bom {
        bytes.extend_from_slice(b"\xEF\xBB\xBF");
    }
    bytes.extend_from_slice(fixed.text.as_bytes());
    Ok(FileFix {
        path: path.to_path_buf(),
        original,
        fixed: bytes,
        applied: fixed.applied,
        converged: fixed.converged,
        unsettled: fixed.unsettled,
        unsafe_skipped: fixed.unsafe_skipped,
        rejected: fixed.rejected,
    })
}

/// Checks and applies the safe fixes of a text (no BOM) until none applies.
pub fn fix_text(checker: &Checker, path: &Path, text: &str) -> Fixed {
    fix_text_with(checker, path, text, FixOptions::default())
}

/// The errors among findings (what `--fix` must never raise).
fn errors(diagnostics: &[Diagnostic]) -> usize {
    diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count()
}

/// Checks and fixes a text (no BOM) until no fix applies.
///
/// Each round checks the text and applies, in one pass, every allowed fix
/// that does not overlap another. A round whose result has more errors than
/// its input is retried fix by fix, keeping only the fixes that do not raise
/// the count: `--fix` never makes a spec worse. The loop stops when no fix
/// applies (converged), or after [`MAX_ROUNDS`] rounds or on a text already
/// seen (not converged: the result must not be written).
pub fn fix_text_with(checker: &Checker, path: &Path, text: &str, options: FixOptions) -> Fixed {
    let crlf = text.contains("\r\n");
    let mut current = text.to_string();
    let mut seen = std::collections::HashSet::from([current.clone()]);
    let mut applied = Vec::new();
    let mut rejected = Vec::new();
    let mut rounds = 0;
    let mut last_codes: Vec<&'static str>;
    let check = |t: &str| {
        checker
            .check_document(path, &Document::parse(t))
            .diagnostics
    };
    let mut diagnostics = check(&current);
    loop {
        let allowed: Vec<&Diagnostic> = diagnostics
            .iter()
            .filter(|d| d.fix.as_ref().is_some_and(|f| options.allows(f)))
            .collect();
        let before = errors(&diagnostics);
        let (mut next, mut taken) = apply(&current, &allowed, crlf);
        let mut next_diagnostics = if taken.is_empty() || next == current {
            Vec::new()
        } else {
            check(&next)
        };
        if !taken.is_empty() && next != current && errors(&next_diagnostics) > before {
            // Keep, one by one, the fixes that do not raise the error count.
            let mut kept: Vec<&Diagnostic> = Vec::new();
            for d in &allowed {
                let mut trial = kept.clone();
                trial.push(d);
                let (t, tk) = apply(&current, &trial, crlf);
                if tk.len() < trial.len() || t == current {
                    continue;
                }
                let diags = check(&t);
                if errors(&diags) <= before {
                    kept.push(d);
                    (next, next_diagnostics) = (t, diags);
                } else if let Some(f) = &d.fix {
                    let note = format!("{}: {}", d.code, f.title);
                    if !rejected.contains(&note) {
                        rejected.push(note);
                    }
                }
            }
            if kept.is_empty() {
                next = current.clone();
            }
            taken = kept;
        }
        if taken.is_empty() || next == current {
            let unsafe_skipped = if options.unsafe_fixes {
                Vec::new()
            } else {
                diagnostics
                    .iter()
                    .filter_map(|d| {
                        let f = d.fix.as_ref()?;
                        (!options.allows(f)).then(|| format!("{}: {}", d.code, f.title))
                    })
                    .collect()
            };
            return Fixed {
                text: current,
                applied,
                rounds,
                converged: true,
                unsettled: Vec::new(),
                unsafe_skipped,
                rejected,
            };
        }
        last_codes = taken.iter().map(|d| d.code).collect();
        last_codes.sort_unstable();
        last_codes.dedup();
        rounds += 1;
        applied.extend(
            taken
                .iter()
                .filter_map(|d| d.fix.as_ref().map(|f| f.title.clone())),
        );
        let again = !seen.insert(next.clone());
        current = next;
        diagnostics = next_diagnostics;
        if again || rounds >= MAX_ROUNDS {
            break;
        }
    }
    // Converged only if one more round would find nothing left to fix.
    let allowed: Vec<&Diagnostic> = diagnostics
        .iter()
        .filter(|d| d.fix.as_ref().is_some_and(|f| options.allows(f)))
        .collect();
    let (next, taken) = apply(&current, &allowed, crlf);
    let converged = taken.is_empty() || next == current;
    Fixed {
        text: current,
        applied,
        rounds,
        converged,
        unsettled: if converged { Vec::new() } else { last_codes },
        unsafe_skipped: Vec::new(),
        rejected,
    }
}

/// The promises of `--fix` on one text, for the property tests and the
/// `fix` fuzz target: fixing converges, a second fix changes nothing, the
/// output re-parses with every code block of the input still there (same
/// content, same order), and the number of errors does not rise. Returns
/// the first broken promise.
pub fn check_promises(
    checker: &Checker,
    path: &Path,
    text: &str,
    options: FixOptions,
) -> Result<Fixed, String> {
    let once = fix_text_with(checker, path, text, options);
    if !once.converged {
        return Err(format!("did not converge: {:?}", once.unsettled));
    }
    let twice = fix_text_with(checker, path, &once.text, options);
    if twice.text != once.text {
        return Err(format!("a second fix applied {:?}", twice.applied));
    }
    let before = Document::parse(text);
    let after = Document::parse(&once.text);
    let code = |d: &Document| -> Vec<String> {
        d.blocks
            .iter()
            .filter_map(|b| match &b.kind {
                BlockKind::Code { content, .. } => Some(d.slice(*content).to_string()),
                _ => None,
            })
            .collect()
    };
    let (old, new) = (code(&before), code(&after));
    let mut rest = new.iter();
    if !old.iter().all(|c| rest.any(|n| n == c)) {
        return Err(format!("code changed: {old:?} -> {new:?}"));
    }
    let e0 = errors(&checker.check_document(path, &before).diagnostics);
    let e1 = errors(&checker.check_document(path, &after).diagnostics);
    if e1 > e0 {
        return Err(format!(
            "errors rose from {e0} to {e1} ({:?})",
            once.applied
        ));
    }
    Ok(once)
}

/// Applies, in one pass, the fixes of `diagnostics` that do not overlap a
/// fix taken before them; returns the new text and the titles of the fixes
/// applied. Fixes whose edits fall outside the text or inside a character
/// are skipped. With `crlf`, inserted line breaks are written as `\r\n`.
pub fn apply_fixes(text: &str, diagnostics: &[Diagnostic], crlf: bool) -> (String, Vec<String>) {
    let all: Vec<&Diagnostic> = diagnostics.iter().filter(|d| d.fix.is_some()).collect();
    let (out, taken) = apply(text, &all, crlf);
    let titles = taken
        .iter()
        .filter_map(|d| d.fix.as_ref().map(|f| f.title.clone()))
        .collect();
    (out, titles)
}

/// [`apply_fixes`] on chosen findings; returns the findings whose fix was taken.
fn apply<'a>(
    text: &str,
    diagnostics: &[&'a Diagnostic],
    crlf: bool,
) -> (String, Vec<&'a Diagnostic>) {
    let mut taken: Vec<(usize, &Edit)> = Vec::new();
    let mut chosen = Vec::new();
    for (order, d) in diagnostics.iter().enumerate() {
        let Some(fix) = &d.fix else { continue };
        let valid = !fix.edits.is_empty()
            && fix.edits.iter().all(|e| {
                e.span.start <= e.span.end
                    && e.span.end <= text.len()
                    && text.is_char_boundary(e.span.start)
                    && text.is_char_boundary(e.span.end)
            });
        let clash = fix.edits.iter().any(|e| {
            taken.iter().any(|(_, t)| overlaps(e, t))
                || fix
                    .edits
                    .iter()
                    .any(|o| !std::ptr::eq(o, e) && overlaps(e, o))
        });
        if !valid || clash {
            continue;
        }
        taken.extend(fix.edits.iter().map(|e| (order, e)));
        chosen.push(*d);
    }
    if taken.is_empty() {
        return (text.to_string(), chosen);
    }
    // Same start: insertions in the order their findings came.
    taken.sort_by_key(|(order, e)| (e.span.start, *order));
    let mut out =
        String::with_capacity(text.len() + taken.iter().map(|(_, e)| e.text.len()).sum::<usize>());
    let mut at = 0;
    for (_, e) in taken {
        out.push_str(&text[at..e.span.start]);
        if crlf {
            out.push_str(&e.text.replace("\r\n", "\n").replace('\n', "\r\n"));
        } else {
            out.push_str(&e.text);
        }
        at = e.span.end;
    }
    out.push_str(&text[at..]);
    (out, chosen)
}

/// The code blocks and raw HTML of a document, in order: (span, whether it
/// runs open to the end of the text: a fence or `<!--` that never closes).
pub fn raw_regions(doc: &Document) -> Vec<(crate::model::document::Span, bool)> {
    doc.blocks
        .iter()
        .filter_map(|b| {
            let open = match &b.kind {
                BlockKind::Code { unclosed, .. } => *unclosed,
                BlockKind::Html => {
                    let raw = doc.slice(b.span);
                    raw.trim_start().starts_with("<!--") && !raw.contains("-->")
                }
                _ => return None,
            };
            Some((b.span, open))
        })
        .collect()
}

/// Whether an edit would change code, or land inside a code block or raw
/// HTML (where an inserted heading is no heading): the interior of a fenced
/// or indented block, or the end of a fence that never closes. `regions` are
/// [`raw_regions`] (disjoint, in order). Such fixes are dropped from findings
/// before anyone sees them.
pub fn edit_touches_code(regions: &[(crate::model::document::Span, bool)], e: &Edit) -> bool {
    let insertion = e.span.is_empty();
    let bound = if insertion { e.span.start } else { e.span.end };
    let i = regions.partition_point(|(r, _)| r.start < bound);
    let Some(&(r, open)) = i.checked_sub(1).and_then(|i| regions.get(i)) else {
        return false;
    };
    if insertion {
        r.end > e.span.start || (open && e.span.start >= r.end)
    } else {
        r.end > e.span.start
    }
}

/// Whether two edits may not both be applied in one pass: their ranges
/// intersect or touch, except two insertions at the same point (applied in
/// order).
fn overlaps(a: &Edit, b: &Edit) -> bool {
    if a.span.is_empty() && b.span.is_empty() {
        return false;
    }
    a.span.start <= b.span.end && b.span.start <= a.span.end
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::document::Span;
    use crate::model::template::TemplateSet;

    fn diag(start: usize, end: usize, text: &str) -> Diagnostic {
        Diagnostic::new("TS103", Span::new(start, end), "m").fix(
            format!("{start}..{end}"),
            vec![Edit {
                span: Span::new(start, end),
                text: text.to_string(),
            }],
        )
    }

    #[test]
    fn applies_non_overlapping_fixes_in_one_pass() {
        let (out, titles) = apply_fixes(
            "abcdef",
            &[diag(0, 1, "A"), diag(0, 2, "X"), diag(4, 5, "E")],
            false,
        );
        assert_eq!(out, "AbcdEf");
        assert_eq!(titles, vec!["0..1", "4..5"]);
    }

    #[test]
    fn insertions_at_one_point_keep_their_order() {
        let (out, _) = apply_fixes("ab", &[diag(1, 1, "1"), diag(1, 1, "2")], false);
        assert_eq!(out, "a12b");
    }

    #[test]
    fn invalid_spans_are_skipped() {
        let (out, titles) = apply_fixes("é", &[diag(1, 1, "x"), diag(0, 9, "y")], false);
        assert_eq!(out, "é");
        assert!(titles.is_empty());
    }

    #[test]
    fn crlf_files_get_crlf_insertions() {
        let (out, _) = apply_fixes("a\r\nb\r\n", &[diag(3, 3, "## X\n\n")], true);
        assert_eq!(out, "a\r\n## X\r\n\r\nb\r\n");
    }

    #[test]
    fn fixing_reaches_a_fixed_point() {
        let example = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/examples/refunds/tasks/prd-payment-refunds/techspec.md"
        );
        let good = std::fs::read_to_string(example).unwrap();
        let broken = good
            .replace("### Build Order", "## Build Order")
            .replace("### Known Risks", "## Known Risks")
            .replace("### Data Models", "### Removed");
        let checker = Checker::new(TemplateSet::builtins());
        let unsafe_too = FixOptions { unsafe_fixes: true };
        let safe = fix_text(&checker, Path::new("spec.md"), &broken);
        assert_eq!(safe.applied.len(), 2, "{:?}", safe.applied);
        assert_eq!(safe.unsafe_skipped.len(), 1, "{:?}", safe.unsafe_skipped);
        let fixed = fix_text_with(&checker, Path::new("spec.md"), &broken, unsafe_too);
        assert!(fixed.converged);
        assert_eq!(fixed.applied.len(), 3, "{:?}", fixed.applied);
        assert!(
            fixed.text.contains("\n### Build Order\n")
                && fixed.text.contains("\n### Known Risks\n")
        );
        assert!(fixed.text.contains("\n### Data Models\n"), "{}", fixed.text);
        let again = fix_text_with(&checker, Path::new("spec.md"), &fixed.text, unsafe_too);
        assert!(!again.changed(), "second run applied {:?}", again.applied);
        assert_eq!(again.text, fixed.text);
    }

    #[test]
    fn a_file_changed_since_read_is_not_overwritten() {
        let example = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/examples/refunds/tasks/prd-payment-refunds/techspec.md"
        );
        let broken = std::fs::read_to_string(example)
            .unwrap()
            .replace("### Build Order", "## Build Order");
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("spec.md");
        std::fs::write(&path, &broken).unwrap();
        let checker = Checker::new(TemplateSet::builtins());
        let ff = fix_file(&checker, &path, FixOptions::default()).unwrap();
        assert!(ff.changed());
        assert!(
            ff.diff().contains("-## Build Order\n+### Build Order\n"),
            "{}",
            ff.diff()
        );
        std::fs::write(&path, "edited by someone else").unwrap();
        assert!(matches!(
            ff.write(),
            Err(FixError::Write(WriteError::Changed(_)))
        ));
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "edited by someone else"
        );
    }

    /// Issue 16: a result that did not converge was written anyway (exit 1);
    /// it is never written, and the error names the checks that kept going.
    #[test]
    fn a_result_that_did_not_converge_is_never_written() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("spec.md");
        std::fs::write(&path, "read").unwrap();
        let ff = FileFix {
            path: path.clone(),
            original: b"read".to_vec(),
            fixed: b"read, grown by fixes that never settle".to_vec(),
            applied: vec!["insert section `X`".into(); MAX_ROUNDS],
            converged: false,
            unsettled: vec!["TS101", "TS103"],
            unsafe_skipped: Vec::new(),
            rejected: Vec::new(),
        };
        let err = ff.write().unwrap_err();
        assert!(matches!(err, FixError::NotConverged { .. }));
        let message = err.to_string();
        assert!(
            message.contains("TS101, TS103") && message.contains("nothing written"),
            "{message}"
        );
        assert_eq!(std::fs::read(&path).unwrap(), b"read");
    }

    /// No fix edits code, and no insertion lands inside a fence: fixes are
    /// dropped from findings when they would.
    #[test]
    fn fixes_inside_code_are_dropped() {
        let doc = Document::parse("# T\n\n```go\nx := 1\n```\n\ntext\n\n```\nopen fence\n");
        let regions = raw_regions(&doc);
        let edit = |start: usize, end: usize| Edit {
            span: Span::new(start, end),
            text: "## X\n".into(),
        };
        let code = doc.text.find("x := 1").unwrap();
        let open = doc.text.find("open fence").unwrap();
        let text_at = doc.text.find("text").unwrap();
        assert!(edit_touches_code(&regions, &edit(code, code)));
        assert!(edit_touches_code(&regions, &edit(code, code + 2)));
        assert!(!edit_touches_code(&regions, &edit(text_at, text_at)));
        assert!(
            !edit_touches_code(&regions, &edit(4, 4)),
            "before a fence is fine"
        );
        assert!(edit_touches_code(&regions, &edit(open, open)));
        let end = doc.text.len();
        assert!(
            edit_touches_code(&regions, &edit(end, end)),
            "the end of an unclosed fence"
        );
        let closed = Document::parse("# T\n\n```\nx\n```\n");
        let end = closed.text.len();
        assert!(!edit_touches_code(&raw_regions(&closed), &edit(end, end)));
    }

    #[test]
    fn invalid_utf8_and_binary_files_are_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let checker = Checker::new(TemplateSet::builtins());
        let bad = dir.path().join("bad.md");
        std::fs::write(&bad, b"# T\n\n## Build Order\n\xff\n").unwrap();
        assert!(matches!(
            fix_file(&checker, &bad, FixOptions::default()),
            Err(FixError::InvalidUtf8(_))
        ));
        let bin = dir.path().join("bin.md");
        std::fs::write(&bin, b"\0\0").unwrap();
        assert!(matches!(
            fix_file(&checker, &bin, FixOptions::default()),
            Err(FixError::Binary(_))
        ));
        assert!(matches!(
            fix_file(&checker, &dir.path().join("none.md"), FixOptions::default()),
            Err(FixError::Unreadable { .. })
        ));
    }
}
