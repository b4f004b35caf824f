//! Between techspec's byte offsets and the protocol's UTF-16 positions, and
//! between `file:` URIs and paths.

use std::path::{Path, PathBuf};

use lsp_types::{Position, Range, Uri};

use crate::model::document::{Document, LineIndex, Span};

/// The LSP position of a byte offset in the document's text. A byte-order
/// mark, removed from `doc.text`, still counts as one UTF-16 unit of the
/// editor's first line.
pub fn position(doc: &Document, offset: usize) -> Position {
    let (line, mut character) = doc.lines.line_utf16(&doc.text, offset);
    if line == 0 && doc.had_bom {
        character += 1;
    }
    Position { line, character }
}

/// The LSP range of a byte span.
pub fn range(doc: &Document, span: Span) -> Range {
    Range {
        start: position(doc, span.start),
        end: position(doc, span.end.max(span.start)),
    }
}

/// The byte offset in the document's text of an LSP position; positions
/// past a line's end or past the last line are clamped.
pub fn offset(doc: &Document, pos: Position) -> usize {
    let character = if pos.line == 0 && doc.had_bom {
        pos.character.saturating_sub(1)
    } else {
        pos.character
    };
    doc.lines.offset_utf16(&doc.text, pos.line, character)
}

/// The byte offset of an LSP position in a raw text (as the editor has
/// it, BOM included), clamped.
pub fn raw_offset(text: &str, pos: Position) -> usize {
    LineIndex::new(text).offset_utf16(text, pos.line, pos.character)
}

/// The byte span of an LSP range (start and end put in order).
pub fn span(doc: &Document, r: Range) -> Span {
    let a = offset(doc, r.start);
    let b = offset(doc, r.end);
    Span::new(a.min(b), a.max(b))
}

/// Whether two ranges share a position (touching counts).
pub fn intersects(a: Range, b: Range) -> bool {
    a.start <= b.end && b.start <= a.end
}

/// The path of a `file:` URI (`None` for other schemes).
pub fn uri_to_path(uri: &Uri) -> Option<PathBuf> {
    let s = uri.as_str();
    let rest = s
        .strip_prefix("file://")
        .or_else(|| s.strip_prefix("FILE://"))?;
    // `file:///x` (empty authority) or `file://localhost/x`.
    let path = match rest.find('/') {
        Some(i) => {
            let authority = &rest[..i];
            if !(authority.is_empty() || authority.eq_ignore_ascii_case("localhost")) {
                return None;
            }
            &rest[i..]
        }
        None => return None,
    };
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let bytes = percent_decode(path)?;
    from_bytes(bytes)
}

fn percent_decode(s: &str) -> Option<Vec<u8>> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    Some(out)
}

#[cfg(unix)]
fn from_bytes(bytes: Vec<u8>) -> Option<PathBuf> {
    use std::os::unix::ffi::OsStringExt;
    Some(PathBuf::from(std::ffi::OsString::from_vec(bytes)))
}

#[cfg(not(unix))]
fn from_bytes(bytes: Vec<u8>) -> Option<PathBuf> {
    let s = String::from_utf8(bytes).ok()?;
    // `/C:/x` -> `C:/x`
    let s = match s.as_bytes() {
        [b'/', d, b':', ..] if d.is_ascii_alphabetic() => s[1..].to_string(),
        _ => s,
    };
    Some(PathBuf::from(s))
}

/// The `file:` URI of an absolute path.
pub fn path_to_uri(path: &Path) -> Option<Uri> {
    let s = path.to_str()?.replace('\\', "/");
    let mut out = String::from("file://");
    if !s.starts_with('/') {
        out.push('/');
    }
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~:".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn uri(s: &str) -> Uri {
        s.parse().unwrap()
    }

    #[test]
    fn file_uris_round_trip() {
        assert_eq!(
            uri_to_path(&uri("file:///tmp/a%20b/c.md")),
            Some(PathBuf::from("/tmp/a b/c.md"))
        );
        assert_eq!(
            uri_to_path(&uri("file://localhost/x.md")),
            Some(PathBuf::from("/x.md"))
        );
        assert_eq!(uri_to_path(&uri("untitled:Untitled-1")), None);
        assert_eq!(uri_to_path(&uri("file://server/share/x.md")), None);
        let p = Path::new("/tmp/spec dir/ção.md");
        assert_eq!(uri_to_path(&path_to_uri(p).unwrap()).as_deref(), Some(p));
    }

    #[test]
    fn positions_are_utf16_and_clamped() {
        let doc = Document::parse("# T\nx 😀 y\n");
        let y = doc.text.find('y').unwrap();
        assert_eq!(
            position(&doc, y),
            Position {
                line: 1,
                character: 5
            }
        );
        assert_eq!(
            offset(
                &doc,
                Position {
                    line: 1,
                    character: 5
                }
            ),
            y
        );
        assert_eq!(
            offset(
                &doc,
                Position {
                    line: 99,
                    character: 3
                }
            ),
            doc.text.len()
        );
        assert_eq!(
            offset(
                &doc,
                Position {
                    line: 0,
                    character: 99
                }
            ),
            3
        );
        let s = span(
            &doc,
            Range {
                start: Position {
                    line: 1,
                    character: 0,
                },
                end: Position {
                    line: 0,
                    character: 0,
                },
            },
        );
        assert_eq!(s, Span::new(0, 4));
        let bom = Document::parse("\u{feff}# T\n");
        assert_eq!(
            position(&bom, 2),
            Position {
                line: 0,
                character: 3
            }
        );
        assert_eq!(
            offset(
                &bom,
                Position {
                    line: 0,
                    character: 3
                }
            ),
            2
        );
        assert_eq!(
            raw_offset(
                "\u{feff}# T\n",
                Position {
                    line: 0,
                    character: 3
                }
            ),
            5
        );
    }
}
