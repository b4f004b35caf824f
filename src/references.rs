//! File references in a spec: the entries of Relevant Files (list items,
//! code spans, links, a directory tree in a code block) and path-like code
//! spans anywhere in the text.

use crate::document::{BlockKind, Document, InlineKind, Span};

/// How a reference was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefKind {
    Code,
    Link,
    Text,
    /// A line of a directory tree inside a code block.
    Tree,
}

/// A file reference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileRef {
    /// The path as written, cleaned of quotes, `:line` suffixes and `file://`.
    pub path: String,
    /// The raw text as written (for messages).
    pub raw: String,
    pub span: Span,
    pub kind: RefKind,
    /// Marked as a file to create ("(new)", "novo", "to create"...).
    pub new: bool,
}

const NEW_MARKERS: &[&str] = &[
    "(new)",
    "new file",
    "new:",
    "[new]",
    "to create",
    "to be created",
    "will be created",
    "create ",
    "created",
    "(novo)",
    "(nova)",
    "novo arquivo",
    "novos arquivos",
    "nova ",
    "novo ",
    "a criar",
    "criar",
    "criado",
    "(criar)",
    "new ",
];

fn is_new_marker(text: &str) -> bool {
    let lower = text.to_lowercase();
    NEW_MARKERS.iter().any(|m| lower.contains(m))
}

/// Whether a token looks like a file path.
pub fn looks_like_path(s: &str) -> bool {
    let s = s.trim();
    if s.is_empty()
        || s.len() > 300
        || s.contains(char::is_whitespace)
        || s.contains("://") && !s.starts_with("file://")
    {
        return false;
    }
    if s.contains(['(', ')', '<', '>', '"', '\'', '`', '|', '=', ';', ',']) {
        return false;
    }
    let last = s
        .trim_end_matches('/')
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or("");
    let has_ext = last.rsplit_once('.').is_some_and(|(stem, ext)| {
        !ext.is_empty()
            && ext.len() <= 10
            && ext.chars().all(|c| c.is_ascii_alphanumeric())
            && !ext.chars().all(|c| c.is_ascii_digit())
            && (!stem.is_empty() || last.starts_with('.'))
    });
    let has_sep = s.contains('/') || s.contains('\\');
    (has_sep && s.chars().any(|c| c.is_alphabetic())) || has_ext
}

/// Cleans a path token: `file://`, quotes, `:12` / `#L12` suffixes, a leading `@` or `./`.
pub fn clean_path(s: &str) -> String {
    let mut p = s
        .trim()
        .trim_matches(['"', '\'', '*', '_'])
        .trim_end_matches(['.', ',', ':', ';']);
    if let Some(rest) = p.strip_prefix("file://") {
        p = rest;
    }
    p = p.strip_prefix('@').unwrap_or(p);
    if let Some(i) = p.find("#L") {
        p = &p[..i];
    }
    // `path:12` or `path:12:3`
    while let Some((head, tail)) = p.rsplit_once(':') {
        if !tail.is_empty() && tail.chars().all(|c| c.is_ascii_digit()) && !head.is_empty() {
            p = head;
        } else {
            break;
        }
    }
    let p = p.strip_prefix("./").unwrap_or(p);
    p.replace('\\', "/")
}

/// The file references in a section and its subsections.
pub fn relevant_files(doc: &Document, section: usize) -> Vec<FileRef> {
    let mut out = Vec::new();
    for si in doc.subtree(section) {
        let heading_new = si != section && is_new_marker(&doc.section_heading(si).text);
        let mut label_new = heading_new;
        for bi in doc.section_block_indices(si) {
            let b = &doc.blocks[bi];
            match &b.kind {
                BlockKind::Paragraph | BlockKind::Field { .. } if b.depth == 0 => {
                    let text = doc.slice(b.span);
                    // A short label line ("New files:", "Arquivos a criar:") sets the mode for what follows.
                    let is_label =
                        text.trim_end().ends_with(':') || matches!(b.kind, BlockKind::Field { .. });
                    if text.len() < 80 && is_label {
                        label_new = heading_new || is_new_marker(text);
                    }
                    if b.kind == BlockKind::Paragraph {
                        // Paths written in a paragraph (not a list) count too.
                        item_refs(doc, b.span, label_new, true, &mut out);
                    }
                }
                BlockKind::Item { .. } => {
                    // Only the item's own first line (nested items are visited on their own).
                    let end = doc
                        .blocks
                        .get(bi + 1)
                        .filter(|n| n.span.start < b.span.end)
                        .map_or(b.span.end, |n| n.span.start);
                    let own = Span::new(b.span.start, end);
                    let new = label_new || is_new_marker(doc.slice(own));
                    item_refs(doc, own, new, false, &mut out);
                }
                BlockKind::Code { content, .. } => tree_refs(doc, *content, label_new, &mut out),
                _ => {}
            }
        }
    }
    out.sort_by_key(|r| r.span.start);
    out.dedup_by(|a, b| a.span == b.span);
    out
}

fn item_refs(doc: &Document, span: Span, new: bool, all_codes: bool, out: &mut Vec<FileRef>) {
    let mut found = false;
    for inline in doc.inlines_in(span) {
        match &inline.kind {
            InlineKind::Link { dest }
                if !dest.starts_with("http://")
                    && !dest.starts_with("https://")
                    && !dest.starts_with('#')
                    && !dest.starts_with("mailto:") =>
            {
                out.push(FileRef {
                    path: clean_path(dest),
                    raw: dest.clone(),
                    span: inline.span,
                    kind: RefKind::Link,
                    new,
                });
                found = true;
            }
            InlineKind::Code => {
                let text = doc.code_text(inline);
                if looks_like_path(text) {
                    out.push(FileRef {
                        path: clean_path(text),
                        raw: text.to_string(),
                        span: inline.span,
                        kind: RefKind::Code,
                        new,
                    });
                    found = true;
                    if !all_codes {
                        // One file per list item unless the item lists several code spans.
                    }
                }
            }
            _ => {}
        }
    }
    if found || all_codes {
        return;
    }
    // Plain text: the first word that looks like a path.
    let text = doc.slice(span);
    let body = text
        .trim_start()
        .trim_start_matches(['-', '*', '+'])
        .trim_start();
    let body = body
        .trim_start_matches(|c: char| c.is_ascii_digit())
        .trim_start_matches(['.', ')'])
        .trim_start();
    if let Some(word) = body.split_whitespace().next() {
        let w = word
            .trim_matches(['*', '_'])
            .trim_end_matches([':', ',', ';']);
        if looks_like_path(w) {
            let offset = span.start
                + (text.len() - text.trim_start().len())
                + text.trim_start().find(w).unwrap_or(0);
            out.push(FileRef {
                path: clean_path(w),
                raw: w.to_string(),
                span: Span::new(offset, offset + w.len()),
                kind: RefKind::Text,
                new,
            });
        }
    }
}

/// Paths of a directory tree drawn in a code block (`├── src/`, `│   └── main.rs`).
fn tree_refs(doc: &Document, content: Span, new: bool, out: &mut Vec<FileRef>) {
    let text = doc.slice(content);
    if !text.contains("├") && !text.contains("└") {
        return;
    }
    let mut stack: Vec<(usize, String)> = Vec::new();
    let mut offset = content.start;
    for line in text.split_inclusive('\n') {
        let line_start = offset;
        offset += line.len();
        let l = line.trim_end();
        let name_at = l
            .find(|c: char| {
                !matches!(
                    c,
                    '│' | '├' | '└' | '─' | ' ' | '\t' | '|' | '`' | '-' | '+'
                )
            })
            .unwrap_or(l.len());
        let prefix_chars = l[..name_at].chars().count();
        let rest = &l[name_at..];
        let name = rest
            .split(|c: char| c.is_whitespace() || c == '#')
            .next()
            .unwrap_or("");
        if name.is_empty()
            || !looks_like_path(name)
                && !name.ends_with('/')
                && !name
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '_' || c == '-' || c == '.')
        {
            continue;
        }
        let depth = prefix_chars / 4 + usize::from(prefix_chars % 4 != 0 && prefix_chars > 0);
        while stack.last().is_some_and(|(d, _)| *d >= depth) {
            stack.pop();
        }
        let mut path: String = stack
            .iter()
            .map(|(_, n)| n.trim_end_matches('/'))
            .collect::<Vec<_>>()
            .join("/");
        if !path.is_empty() {
            path.push('/');
        }
        path.push_str(name.trim_end_matches('/'));
        let is_dir = name.ends_with('/') || !name.contains('.');
        if is_dir {
            stack.push((depth, name.to_string()));
        } else {
            let start = line_start + name_at;
            out.push(FileRef {
                path: clean_path(&path),
                raw: name.to_string(),
                span: Span::new(start, start + name.len()),
                kind: RefKind::Tree,
                new,
            });
        }
    }
}

/// Path-like code spans anywhere in the spec (candidates for rule globs when
/// they exist in the repository).
pub fn path_tokens(doc: &Document) -> Vec<(String, Span)> {
    doc.inlines
        .iter()
        .filter(|i| i.kind == InlineKind::Code)
        .filter_map(|i| {
            let t = doc.code_text(i);
            (looks_like_path(t) && t.contains('/')).then(|| (clean_path(t), i.span))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refs(md: &str) -> Vec<(String, RefKind, bool)> {
        let doc = Document::parse(md);
        relevant_files(&doc, 0)
            .into_iter()
            .map(|r| (r.path, r.kind, r.new))
            .collect()
    }

    #[test]
    fn list_items_code_links_and_text() {
        let r = refs(
            "## Relevant Files\n\n- `src/a.rs` - the parser\n- [b](docs/b.md)\n- src/c.go: handler\n- `src/d.ts:12`\n- file:///home/x/e.py\n- Something in prose\n",
        );
        assert_eq!(
            r,
            vec![
                ("src/a.rs".into(), RefKind::Code, false),
                ("docs/b.md".into(), RefKind::Link, false),
                ("src/c.go".into(), RefKind::Text, false),
                ("src/d.ts".into(), RefKind::Code, false),
                ("/home/x/e.py".into(), RefKind::Text, false),
            ]
        );
    }

    #[test]
    fn new_files_are_marked() {
        let r = refs(
            "## Relevant Files\n\nExisting:\n\n- `a/old.rs`\n\nNew files:\n\n- `a/new.rs`\n\n### Arquivos a criar\n\n- `b/x.ts`\n",
        );
        assert_eq!(
            r.iter().map(|x| x.2).collect::<Vec<_>>(),
            [false, true, true]
        );
        let r = refs("## Relevant Files\n\n- `a/x.rs` (new)\n- `a/y.rs`\n");
        assert_eq!(r.iter().map(|x| x.2).collect::<Vec<_>>(), [true, false]);
    }

    #[test]
    fn directory_trees() {
        let r = refs(
            "## Relevant Files\n\n```\nsrc/\n├── api/\n│   ├── user.ts   # handler\n│   └── order.ts\n└── main.ts\n```\n",
        );
        let paths: Vec<_> = r.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(
            paths,
            ["src/api/user.ts", "src/api/order.ts", "src/main.ts"]
        );
    }

    #[test]
    fn path_shapes() {
        for p in [
            "src/a.rs",
            ".cursor/rules/x.mdc",
            "Cargo.toml",
            "a/b/",
            "README.md",
        ] {
            assert!(looks_like_path(p), "{p}");
        }
        for p in [
            "GET /users",
            "https://x.io/a",
            "e.g.",
            "v1.2",
            "fn(x)",
            "3.14",
        ] {
            assert!(!looks_like_path(p), "{p}");
        }
        assert_eq!(
            clean_path("`./src/a.rs:12:3`".trim_matches('`')),
            "src/a.rs"
        );
    }
}
