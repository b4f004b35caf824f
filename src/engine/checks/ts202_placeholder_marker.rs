//! ## What it does
//! Reports placeholders left unfilled in the spec's prose:
//! - instruction brackets such as `[Feature Name]`, `[e.g., p95 < 200ms]` or
//!   `[what data, how]` (text in brackets that starts with a letter and has
//!   at least two words, and is not a link);
//! - `[NEEDS CLARIFICATION: ...]` markers;
//! - the words `TODO`, `TBD`, `FIXME` and `XXX` (upper case, whole words);
//! - angle-bracket placeholders such as `<feature name>` or `<your-service>`
//!   (anything that is not a real HTML tag).
//!
//! Code blocks, code spans, links and task-list boxes (`- [ ]`) are not
//! looked at: `[]string` in code and `[0, 1]` in prose are fine. Template
//! guidance left in brackets is reported once, by `leftover-guidance`, and a
//! section whose only content is `TBD` once, by `empty-section`.
//!
//! ## Why is this bad?
//! A placeholder is a question the author did not answer. It reads as
//! finished at a glance, and an agent implementing the spec may invent the
//! missing value or copy the placeholder into code.
//!
//! ## Example
//! ```markdown
//! # Technical Specification: [Feature Name]
//!
//! - Latency targets: TBD
//! - Owner: <team name>
//! ```
//!
//! ## Use instead
//! ```markdown
//! # Technical Specification: Payment Refunds
//!
//! - Latency targets: p95 < 200 ms for `POST /refunds`
//! - Owner: payments team
//! ```
//! If brackets are meant literally, escape them (`\[...\]`) or use a code span.

use std::sync::LazyLock;

use regex::Regex;

use super::Context;
use super::text::{excerpt, template_section_of};
use crate::model::diagnostic::Diagnostic;
use crate::model::document::{BlockKind, Document, InlineKind, Span};

pub const CODE: &str = "TS202";

static CANDIDATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\[|<|TODO|TBD|FIXME|XXX").expect("a valid regex"));

/// HTML (and SVG/MathML root) element names: angle brackets with these are markup.
static HTML_TAGS: &[&str] = &[
    "a",
    "abbr",
    "acronym",
    "address",
    "area",
    "article",
    "aside",
    "audio",
    "b",
    "base",
    "bdi",
    "bdo",
    "big",
    "blink",
    "blockquote",
    "body",
    "br",
    "button",
    "canvas",
    "caption",
    "center",
    "cite",
    "code",
    "col",
    "colgroup",
    "data",
    "datalist",
    "dd",
    "del",
    "details",
    "dfn",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "em",
    "embed",
    "fieldset",
    "figcaption",
    "figure",
    "font",
    "footer",
    "form",
    "frame",
    "frameset",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hgroup",
    "hr",
    "html",
    "i",
    "iframe",
    "img",
    "input",
    "ins",
    "kbd",
    "label",
    "legend",
    "li",
    "link",
    "main",
    "map",
    "mark",
    "marquee",
    "math",
    "menu",
    "meta",
    "meter",
    "nav",
    "nobr",
    "noframes",
    "noscript",
    "object",
    "ol",
    "optgroup",
    "option",
    "output",
    "p",
    "param",
    "picture",
    "pre",
    "progress",
    "q",
    "rp",
    "rt",
    "ruby",
    "s",
    "samp",
    "script",
    "search",
    "section",
    "select",
    "slot",
    "small",
    "source",
    "span",
    "strike",
    "strong",
    "style",
    "sub",
    "summary",
    "sup",
    "svg",
    "table",
    "tbody",
    "td",
    "template",
    "textarea",
    "tfoot",
    "th",
    "thead",
    "time",
    "title",
    "tr",
    "track",
    "tt",
    "u",
    "ul",
    "var",
    "video",
    "wbr",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Bracket,
    Clarification,
    Word,
    Angle,
}

/// Whether `at` lies in template guidance left in the spec (TS201 reports it).
fn in_leftover(ctx: &Context<'_>, at: usize) -> bool {
    ctx.leftovers().iter().any(|l| l.span.contains(at))
}

/// Whether `empty-section` reports the section holding `at` (its only
/// content is a stand-in such as TBD).
fn in_empty_section(ctx: &Context<'_>, at: usize) -> bool {
    section_at(ctx.doc, at).is_some_and(|si| ctx.empty_sections()[si])
}

/// The spec section whose own body holds `at`.
fn section_at(doc: &Document, at: usize) -> Option<usize> {
    let i = doc.sections.partition_point(|s| s.body.start <= at);
    let si = i.checked_sub(1)?;
    doc.sections[si].body.contains(at).then_some(si)
}

/// Spans of the text that is not prose: frontmatter, code and HTML blocks.
fn skipped(doc: &Document) -> Vec<Span> {
    let mut out: Vec<Span> = doc.frontmatter.into_iter().collect();
    for b in &doc.blocks {
        if b.is_code() || b.kind == BlockKind::Html {
            match out.last_mut() {
                Some(last) if b.span.start < last.end => last.end = last.end.max(b.span.end),
                _ => out.push(b.span),
            }
        }
    }
    out
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// `[...]` at `at`: the placeholder's end and kind, if it is one.
fn bracket(doc: &Document, at: usize) -> Option<(usize, Kind)> {
    let text = &doc.text;
    let before = text[..at].chars().next_back();
    if matches!(before, Some('\\' | ']' | '!' | '[')) {
        return None;
    }
    let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    let line = &text[at..line_end];
    let mut depth = 0usize;
    let mut close = None;
    for (i, c) in line.char_indices() {
        match c {
            '[' => depth += 1,
            ']' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    close = Some(i);
                    break;
                }
            }
            _ => {}
        }
    }
    let close = close?;
    let after = line[close + 1..].chars().next();
    if matches!(after, Some('(' | '[' | ':')) {
        return None;
    }
    let inner = line[1..close].trim();
    let end = at + close + 1;
    let upper = inner.to_ascii_uppercase();
    if upper.starts_with("NEEDS CLARIFICATION") || upper.starts_with("NEEDS-CLARIFICATION") {
        return Some((end, Kind::Clarification));
    }
    if !inner.chars().next().is_some_and(char::is_alphabetic) {
        return None;
    }
    let lower = inner.to_lowercase();
    if [
        "e.g.",
        "eg.",
        "e.g ",
        "ex.",
        "ex:",
        "i.e.",
        "for example",
        "por exemplo",
    ]
    .iter()
    .any(|p| lower.starts_with(p))
    {
        return Some((end, Kind::Bracket));
    }
    // At least two real words (two letters or more each).
    let words = inner
        .split(|c: char| c.is_whitespace() || c == ',' || c == '/')
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2)
        .count();
    (words >= 2).then_some((end, Kind::Bracket))
}

/// `<...>` at `at`: the placeholder's end, if it is one.
fn angle(doc: &Document, at: usize) -> Option<usize> {
    let text = &doc.text;
    let before = text[..at].chars().next_back();
    // `List<String>` is a generic type, `/users/<id>` a path parameter.
    if before.is_some_and(|c| is_word_char(c) || c == '/' || c == '<' || c == '\\') {
        return None;
    }
    let html = doc
        .inlines
        .get(doc.inlines.partition_point(|i| i.span.start < at))
        .filter(|i| i.span.start == at && i.kind == InlineKind::Html);
    let end = match html {
        Some(i) => {
            let raw = doc.slice(i.span);
            let name: String = raw[1..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_' || *c == ':')
                .collect();
            if name.len() < 2 || !raw.ends_with('>') || raw.len() > 80 {
                return None;
            }
            let lower = name.to_ascii_lowercase();
            if HTML_TAGS.contains(&lower.as_str()) || raw.contains(['=', '"', '\'']) {
                return None;
            }
            i.span.end
        }
        None => {
            if doc.in_code_or_link(at) {
                return None;
            }
            let rest = &text[at + 1..];
            let close = rest.find(['>', '\n', '<'])?;
            if !rest[close..].starts_with('>') || close > 60 {
                return None;
            }
            let inner = &rest[..close];
            let ok = inner.chars().next().is_some_and(char::is_alphabetic)
                && inner.contains(' ')
                && !inner.ends_with(' ')
                && !inner.contains(['=', '"', '(', ')', '{', '}']);
            if !ok {
                return None;
            }
            at + 1 + close + 1
        }
    };
    // `/users/<id>/refunds`: a path parameter.
    (!text[end..].starts_with('/')).then_some(end)
}

/// `TODO` and friends at `at`, `len` bytes long: whole words, not part of an
/// identifier or file name (`TODO.md`, `PAY-XXX`).
fn marker_word(doc: &Document, at: usize, len: usize) -> bool {
    let text = &doc.text;
    let before = text[..at].chars().next_back();
    if before.is_some_and(|c| is_word_char(c) || "-/.@#$".contains(c)) {
        return false;
    }
    let mut after = text[at + len..].chars();
    match after.next() {
        Some(c) if is_word_char(c) || "-/".contains(c) => false,
        Some('.') => !after.next().is_some_and(is_word_char),
        _ => true,
    }
}

pub fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let doc = ctx.doc;
    let text = &doc.text;
    let skip = skipped(doc);
    let mut from = 0usize;
    let mut segments = Vec::with_capacity(skip.len() + 1);
    for s in &skip {
        if s.start > from {
            segments.push(Span::new(from, s.start));
        }
        from = from.max(s.end);
    }
    if from < text.len() {
        segments.push(Span::new(from, text.len()));
    }
    for seg in segments {
        let Some(seg_text) = text.get(seg.range()) else {
            continue;
        };
        let mut resume = 0usize;
        for m in CANDIDATE.find_iter(seg_text) {
            let at = seg.start + m.start();
            if at < resume {
                continue;
            }
            let found = match m.as_str() {
                "[" => {
                    if doc.in_code_or_link(at) {
                        None
                    } else {
                        bracket(doc, at)
                    }
                }
                "<" => angle(doc, at).map(|end| (end, Kind::Angle)),
                w => (!doc.in_code_or_link(at) && marker_word(doc, at, w.len()))
                    .then_some((at + w.len(), Kind::Word)),
            };
            let Some((end, kind)) = found else { continue };
            if in_leftover(ctx, at) || in_empty_section(ctx, at) {
                continue;
            }
            resume = end;
            let span = Span::new(at, end);
            let shown = excerpt(doc.slice(span), 70);
            let (msg, help) = match kind {
                Kind::Bracket => (
                    format!("placeholder `{shown}` left unfilled"),
                    "replace it with the real content; if the brackets are meant literally, escape them (`\\[`) or use a code span",
                ),
                Kind::Clarification => (
                    format!("open question left in the spec: `{shown}`"),
                    "resolve the question and write the answer in its place",
                ),
                Kind::Word => (
                    format!("`{shown}` marker left in the spec"),
                    "finish this part and remove the marker, or write \"N/A\" with the reason",
                ),
                Kind::Angle => (
                    format!("placeholder `{shown}` left unfilled"),
                    "replace it with the real value; if it is meant literally, put it in a code span",
                ),
            };
            let mut d = Diagnostic::new(CODE, span, msg).help(help);
            if let Some(si) = section_at(doc, at).or_else(|| {
                doc.sections
                    .iter()
                    .position(|s| s.span.contains(at) && doc.headings[s.heading].span.contains(at))
            }) {
                let title = match template_section_of(ctx, si) {
                    Some(ti) => ctx.template.sections[ti].title.clone(),
                    None => ctx.section_title(si),
                };
                d = d.section(title);
            }
            out.push(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::checks::tests::{check_fixture, findings, findings_in};

    #[test]
    fn pass() {
        assert!(findings("TS202", "pass").is_empty());
    }

    #[test]
    fn fail() {
        insta::assert_snapshot!(check_fixture("TS202", "fail"));
    }

    fn spans(text: &str) -> Vec<(usize, usize)> {
        findings_in("TS202", text.as_bytes())
            .iter()
            .map(|d| (d.line, d.column))
            .collect()
    }

    #[test]
    fn markers_and_non_markers() {
        let flagged = [
            "[Feature Name]",
            "[NEEDS CLARIFICATION: which currency?]",
            "TODO: write this",
            "owner TBD.",
            "FIXME",
            "<feature name>",
            "<your-service>",
            "[e.g., p95 < 200ms]",
        ];
        for s in flagged {
            assert_eq!(
                spans(&format!("# T\n\n## Notes\n\nx {s}\n")).len(),
                1,
                "{s}"
            );
        }
        let fine = [
            "`[]string`",
            "a range [0, 1]",
            "- [ ] task\n- [x] done",
            "[a link](https://example.com)",
            "see [the docs][docs]\n\n[docs]: https://example.com",
            "`TODO`",
            "TODO.md and PAY-XXX",
            "Todo list",
            "returns List<String>",
            "GET /users/<id>/refunds",
            "line<br>break and <sup>1</sup>",
            "p95 < 200ms and > 100 req/s",
            "\\[not a placeholder\\]",
            "[x]",
            "```go\n// TODO in code\nvar x []string\n```",
            "<!-- TODO: hidden comment -->",
            "a <https://example.com> autolink",
            "> [!NOTE]\n> GitHub alert",
        ];
        for s in fine {
            assert!(
                spans(&format!("# T\n\n## Notes\n\n{s}\n")).is_empty(),
                "{s}"
            );
        }
    }

    #[test]
    fn position_is_the_marker() {
        assert_eq!(
            spans("# Technical Specification: [Feature Name]\n"),
            vec![(1, 28)]
        );
        assert_eq!(
            spans("# T\n\n## Notes\n\n| a | TBD |\n|---|---|\n| b | ç TODO |\n"),
            vec![(5, 7), (7, 9)]
        );
    }
}
