//! File references in a spec: the entries of Relevant Files (list items,
//! code spans, links, a directory tree in a code block) and path-like code
//! spans anywhere in the text.

use crate::model::document::{BlockKind, Document, InlineKind, Span};

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

/// [`NEW_MARKERS`] in any ASCII case, in one pass (the markers are ASCII).
static NEW_SEARCH: std::sync::LazyLock<aho_corasick::AhoCorasick> =
    std::sync::LazyLock::new(|| {
        aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(NEW_MARKERS)
            .expect("marker patterns build")
    });

fn is_new_marker(text: &str) -> bool {
    NEW_SEARCH.is_match(text)
        || text.split(|c: char| !c.is_alphanumeric()).any(|w| {
            ["new", "novo", "nova", "novos", "novas"]
                .iter()
                .any(|k| k.eq_ignore_ascii_case(w))
        })
}

/// A label or heading over files that already exist and are changed
/// ("Files to modify", "Modified files", "Arquivos a modificar").
fn is_modify_marker(text: &str) -> bool {
    let lower = text.to_lowercase();
    [
        "modif",
        "alterad",
        "alterar",
        "existing",
        "existentes",
        "to change",
        "to update",
        "atualizar",
    ]
    .iter()
    .any(|m| lower.contains(m))
        && !is_new_marker(text)
}

/// A label or heading over files that live outside the repository
/// ("External configuration files", "Arquivos externos").
fn is_external_marker(text: &str) -> bool {
    let lower = text.to_lowercase();
    ["external", "extern", "outside the repo", "fora do repo"]
        .iter()
        .any(|m| lower.contains(m))
}

/// What a group label or heading says about the files under it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Group {
    Plain,
    New,
    Modify,
    External,
}

fn group_of(text: &str) -> Group {
    if is_external_marker(text) {
        Group::External
    } else if is_modify_marker(text) {
        Group::Modify
    } else if is_new_marker(text) {
        Group::New
    } else {
        Group::Plain
    }
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
    if has_sep {
        return s.chars().any(|c| c.is_alphabetic());
    }
    // A bare name: `person.3.fill` (a symbol name), `.groups` (an enum
    // case), `v1.2` are no files; `.env`, `.gitignore`, `app.config.ts` are.
    if last
        .split('.')
        .any(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_digit()))
    {
        return false;
    }
    if let Some(dot_name) = last.strip_prefix('.') {
        return !dot_name.is_empty() && (dot_name.contains('.') || is_dot_file(dot_name));
    }
    has_ext
}

/// Dot files people list in specs (`.env`, `.gitignore`, `.eslintrc`...).
fn is_dot_file(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.starts_with("env")
        || lower.ends_with("rc")
        || lower.ends_with("ignore")
        || matches!(
            lower.as_str(),
            "editorconfig"
                | "gitattributes"
                | "gitmodules"
                | "nvmrc"
                | "tool-versions"
                | "mcp.json"
        )
}

/// File extensions that make a bare name (no `/`) a file even in prose:
/// source, configuration, documentation and data files.
const FILE_EXTENSIONS: &[&str] = &[
    "c", "cc", "cfg", "cjs", "conf", "cpp", "cs", "csproj", "css", "csv", "dart", "env", "ex",
    "exs", "fs", "gradle", "go", "graphql", "h", "hpp", "html", "ini", "java", "js", "json", "jsx",
    "kt", "kts", "lock", "lua", "md", "mdc", "mdx", "mjs", "php", "plist", "prisma", "proto", "py",
    "rb", "rs", "sass", "scss", "sh", "sln", "sql", "svelte", "swift", "toml", "ts", "tsx", "txt",
    "vue", "xml", "yaml", "yml", "zig",
];

/// A path in prose or in an entry's description: one with a `/`, or a bare
/// file name with a known extension (`` `person.3.fill` ``, `` `user.save` ``
/// and `` `console.log` `` are not).
pub fn looks_like_file_path(s: &str) -> bool {
    let s = s.trim();
    if !looks_like_path(s) {
        return false;
    }
    if s.contains('/') || s.contains('\\') {
        return true;
    }
    let lower = s.to_ascii_lowercase();
    lower.starts_with('.')
        || lower
            .rsplit_once('.')
            .is_some_and(|(_, ext)| FILE_EXTENSIONS.contains(&ext))
}

/// Cleans a path token: `file://`, quotes, `:12` / `#L12` suffixes, a leading `@` or `./`.
pub fn clean_path(s: &str) -> String {
    let mut p = s.trim().trim_matches(['"', '\'']);
    // `**src/a.ts**` is emphasis; `__tests__/a.ts` is a folder name.
    for mark in ["**", "__", "*", "_"] {
        if p.len() > 2 * mark.len() && p.starts_with(mark) && p.ends_with(mark) {
            p = &p[mark.len()..p.len() - mark.len()];
            break;
        }
    }
    let mut p = p.trim_end_matches(['.', ',', ':', ';']);
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
///
/// Sub-headings and short labels ("New files:", "**Arquivos a criar:**",
/// "Files to modify") set what the entries under them are: new, existing,
/// or external (not looked up). In a list item the entries are the paths
/// before its description (`` `a.ts` - adds `b` to `c.d` `` lists `a.ts`
/// only); in `old → new` the right side is new.
pub fn relevant_files(doc: &Document, section: usize) -> Vec<FileRef> {
    let mut out = Vec::new();
    // The group each sub-heading sets, inherited by its own sub-headings.
    let mut groups: std::collections::HashMap<usize, Group> = std::collections::HashMap::new();
    for si in doc.subtree(section) {
        let inherited = doc.sections[si]
            .parent
            .filter(|_| si != section)
            .and_then(|p| groups.get(&p).copied())
            .unwrap_or(Group::Plain);
        let heading_group = if si == section {
            Group::Plain
        } else {
            match group_of(&doc.section_heading(si).text) {
                Group::Plain => inherited,
                g => g,
            }
        };
        groups.insert(si, heading_group);
        let mut group = heading_group;
        for bi in doc.section_block_indices(si) {
            let b = &doc.blocks[bi];
            match &b.kind {
                BlockKind::Paragraph | BlockKind::Field { .. } if b.depth == 0 => {
                    let text = doc.slice(b.span);
                    // A short label line ("New files:", "Arquivos a criar:") sets the mode for what follows.
                    let is_label =
                        text.trim_end().ends_with(':') || matches!(b.kind, BlockKind::Field { .. });
                    if text.len() < 80 && is_label {
                        group = match group_of(text) {
                            Group::Plain => heading_group,
                            g => g,
                        };
                    }
                    if b.kind == BlockKind::Paragraph {
                        // Paths written in a paragraph (not a list) count too.
                        item_refs(doc, b.span, group, true, &mut out);
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
                    // An item that is itself a label ("- App atual:", "- **New:**") over nested items.
                    let own_text = doc.slice(own).trim();
                    let has_nested = end < b.span.end;
                    if has_nested && own_text.ends_with(':') && own_text.len() < 80 {
                        group = match group_of(own_text) {
                            Group::Plain => heading_group,
                            g => g,
                        };
                        continue;
                    }
                    item_refs(doc, own, group, false, &mut out);
                }
                BlockKind::Code { content, .. } => {
                    tree_refs(doc, *content, group == Group::New, &mut out)
                }
                _ => {}
            }
        }
    }
    out.sort_by_key(|r| r.span.start);
    out.dedup_by(|a, b| a.span == b.span);
    out
}

/// Text between two references that starts the description of a list item.
fn starts_description(between: &str) -> bool {
    let t = between.trim_start_matches(['*', '_', ' ', ')']);
    t.starts_with(['-', '–', '—', ':', '(', '|'])
        || between.contains(" - ")
        || between.contains(" – ")
        || between.contains(" — ")
        || between.contains(": ")
        || between.split_whitespace().count() > 3
}

/// Whether the text between two references marks a rename (`old → new`).
fn is_rename(between: &str) -> bool {
    let t = between.trim();
    ["→", "->", "=>", "⇒"].iter().any(|a| t.contains(a)) && t.chars().count() <= 12
}

fn item_refs(doc: &Document, span: Span, group: Group, paragraph: bool, out: &mut Vec<FileRef>) {
    if group == Group::External {
        return;
    }
    let item_text = doc.slice(span);
    // An entry's own tag: "(new)", "[NEW]", "(novo)", "novo arquivo", "to create".
    let new = match group {
        Group::New => true,
        Group::Modify => false,
        _ => is_new_marker(item_text),
    };
    let mut found = 0usize;
    let mut prev_end = span.start;
    let mut in_description = false;
    for inline in doc.inlines_in(span) {
        let between = doc.slice(Span::new(
            prev_end.min(inline.span.start),
            inline.span.start,
        ));
        if found > 0 && !in_description && !paragraph && starts_description(between) {
            // Code spans in the description are symbols, commands, other files mentioned.
            in_description = true;
        }
        if in_description {
            continue;
        }
        let renamed = found > 0 && is_rename(between);
        let (path, raw, kind) = match &inline.kind {
            InlineKind::Link { dest }
                if !dest.starts_with("http://")
                    && !dest.starts_with("https://")
                    && !dest.starts_with('#')
                    && !dest.starts_with("mailto:") =>
            {
                (clean_path(dest), dest.clone(), RefKind::Link)
            }
            InlineKind::Code => {
                let text = doc.code_text(inline);
                // Away from an entry's lead, only unmistakable paths.
                let is_path = if paragraph || found > 0 {
                    looks_like_file_path(text)
                } else {
                    looks_like_path(text)
                };
                if !is_path {
                    continue;
                }
                (clean_path(text), text.to_string(), RefKind::Code)
            }
            _ => continue,
        };
        out.push(FileRef {
            path,
            raw,
            span: inline.span,
            kind,
            new: new || renamed,
        });
        found += 1;
        prev_end = inline.span.end;
    }
    if found > 0 || paragraph {
        return;
    }
    // Plain text: the first word that looks like a path.
    let text = item_text;
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
    path_tokens_where(doc, |_| true)
}

/// [`path_tokens`] of the code spans `keep` keeps (asked before any work on
/// a span).
pub fn path_tokens_where(doc: &Document, keep: impl Fn(Span) -> bool) -> Vec<(String, Span)> {
    doc.inlines
        .iter()
        .filter(|i| i.kind == InlineKind::Code)
        // The `/` first, in the span as written (its backticks and padding
        // hold none): most code spans are names, and a byte search rules
        // them out cheaper than `looks_like_path`.
        .filter(|i| doc.slice(i.span).contains('/') && keep(i.span))
        .filter_map(|i| {
            let t = doc.code_text(i);
            looks_like_path(t).then(|| (clean_path(t), i.span))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The one-pass search answers what lower-casing the text and
        /// looking for each marker answers.
        #[test]
        fn new_marker_search_is_the_lowercase_scan(text in "([nN][eE][wW]|[nN][oO][vV][aoAO]s?|[cC]riar|CRIADO|To Create|created|file|\\(|\\)|\\[|\\]|:| |é|Ç|ã|x|_|-){0,8}") {
            let lower = text.to_lowercase();
            let reference = NEW_MARKERS.iter().any(|m| lower.contains(m))
                || lower
                    .split(|c: char| !c.is_alphanumeric())
                    .any(|w| matches!(w, "new" | "novo" | "nova" | "novos" | "novas"));
            proptest::prop_assert_eq!(is_new_marker(&text), reference);
        }
    }

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
