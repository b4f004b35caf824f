//! Text helpers shared by the checks: words without allocation,
//! word-sequence similarity, where a block sits in the template, line edits,
//! and what several checks recognise in text (stand-ins such as TBD, titles
//! that name no feature, numbered steps, "no endpoints").

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::Context;
use crate::model::diagnostic::Edit;
use crate::model::document::{Block, BlockKind, Document, Span};
pub use crate::model::template::wordset::{WordSet, word_bit, word_mask};

/// The words of a text: maximal runs of alphanumeric characters — the same
/// split as [`crate::model::template::words`], without lower-casing or allocating.
pub fn words(text: &str) -> Words<'_> {
    Words { text, pos: 0 }
}

/// Iterator of [`words`], with a fast path for ASCII.
pub struct Words<'a> {
    text: &'a str,
    pos: usize,
}

/// Whether the non-ASCII character at `i` is alphanumeric, and its length.
#[cold]
fn wide_alnum(text: &str, i: usize) -> (bool, usize) {
    text.get(i..)
        .and_then(|t| t.chars().next())
        .map_or((false, 1), |c| (c.is_alphanumeric(), c.len_utf8()))
}

impl<'a> Iterator for Words<'a> {
    type Item = &'a str;

    #[inline]
    fn next(&mut self) -> Option<&'a str> {
        let text = self.text;
        let b = text.as_bytes();
        let mut i = self.pos;
        // Skip to the next alphanumeric character.
        while let Some(&c) = b.get(i) {
            if c < 128 {
                if c.is_ascii_alphanumeric() {
                    break;
                }
                i += 1;
            } else {
                let (alnum, n) = wide_alnum(text, i);
                if alnum {
                    break;
                }
                i += n;
            }
        }
        if i >= b.len() {
            self.pos = b.len();
            return None;
        }
        let start = i;
        while let Some(&c) = b.get(i) {
            if c < 128 {
                if !c.is_ascii_alphanumeric() {
                    break;
                }
                i += 1;
            } else {
                let (alnum, n) = wide_alnum(text, i);
                if !alnum {
                    break;
                }
                i += n;
            }
        }
        self.pos = i;
        Some(&text[start..i])
    }
}

/// Whether a spec word equals an already lower-cased template word.
pub fn word_eq(spec: &str, lower: &str) -> bool {
    if spec.is_ascii() {
        spec.len() == lower.len() && spec.eq_ignore_ascii_case(lower)
    } else {
        spec.chars().flat_map(char::to_lowercase).eq(lower.chars())
    }
}

/// Similarity of two word sequences: `1 - edit distance / longer length`,
/// the distance counted in whole words (insert, delete, replace).
/// Returns 0 at once when the lengths alone rule out `min`.
pub fn similarity(a: &[&str], b: &[String], min: f64) -> f64 {
    let (la, lb) = (a.len(), b.len());
    let longest = la.max(lb);
    if longest == 0 {
        return 1.0;
    }
    let bound = 1.0 - la.abs_diff(lb) as f64 / longest as f64;
    if bound < min {
        return 0.0;
    }
    // Two-row dynamic programme; sequences are short (guidance units).
    let mut prev: Vec<usize> = (0..=lb).collect();
    let mut cur = vec![0usize; lb + 1];
    for i in 1..=la {
        cur[0] = i;
        for j in 1..=lb {
            let cost = usize::from(!word_eq(a[i - 1], &b[j - 1]));
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    1.0 - prev[lb] as f64 / longest as f64
}

/// Similarity of `a` to the opening or the closing words of `b` (the first
/// or the last sentence of a longer guidance paragraph): `1 - distance / len(a)`.
pub fn fragment_similarity(a: &[&str], b: &[String]) -> f64 {
    let (la, lb) = (a.len(), b.len());
    if la == 0 || lb == 0 {
        return 0.0;
    }
    // `a` against the start of `b` (free end), then against its end (free start).
    let mut best = la;
    for anchored_start in [true, false] {
        let mut prev: Vec<usize> = (0..=lb)
            .map(|j| if anchored_start { j } else { 0 })
            .collect();
        let mut cur = vec![0usize; lb + 1];
        for i in 1..=la {
            cur[0] = i;
            for j in 1..=lb {
                let cost = usize::from(!word_eq(a[i - 1], &b[j - 1]));
                cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            }
            std::mem::swap(&mut prev, &mut cur);
        }
        let d = if anchored_start {
            prev.iter().copied().min().unwrap_or(la)
        } else {
            prev[lb]
        };
        best = best.min(d);
    }
    1.0 - best as f64 / la as f64
}

/// The template section a spec section stands for, walking up through
/// subsections the template does not know ("Phase 1" under Build Order).
pub fn template_section_of(ctx: &Context<'_>, spec_section: usize) -> Option<usize> {
    let mut s = Some(spec_section);
    while let Some(si) = s {
        if let Some(ti) = ctx.align.template_of(si) {
            return Some(ti);
        }
        s = ctx.doc.sections.get(si)?.parent;
    }
    None
}

/// Indices of the blocks starting inside `span` (blocks are in document order).
pub fn blocks_in(doc: &Document, span: Span) -> Range<usize> {
    let start = doc.blocks.partition_point(|b| b.span.start < span.start);
    let end = doc.blocks.partition_point(|b| b.span.start < span.end);
    start..end.max(start)
}

/// Spec sections in the subtree of every spec section aligned with the
/// template section of identity `id` (duplicates included), as spans.
pub fn identity_spans(ctx: &Context<'_>, id: &str) -> Vec<(usize, Span)> {
    let Some(ti) = ctx.template.section_by_identity(id) else {
        return Vec::new();
    };
    ctx.align
        .spec
        .iter()
        .enumerate()
        .filter(|(_, m)| {
            matches!(m, crate::model::align::SpecMatch::Section { template, .. } | crate::model::align::SpecMatch::Duplicate { template, .. } if *template == ti)
        })
        .map(|(si, _)| (si, ctx.doc.sections[si].span))
        .collect()
}

/// The end of a text without trailing whitespace, as an absolute offset.
pub fn trim_end_offset(doc: &Document, span: Span) -> usize {
    span.start + doc.slice(span).trim_end().len()
}

/// The span of the first line of `span`, without its line break.
pub fn first_line(doc: &Document, span: Span) -> Span {
    let line = doc.lines.line_of(span.start);
    let range = doc.lines.line_range(&doc.text, line);
    Span::new(
        span.start.max(range.start),
        range.end.min(span.end.max(span.start)).max(span.start),
    )
}

/// Whether 0-based line `line` is blank (or past the end).
pub fn line_is_blank(doc: &Document, line: usize) -> bool {
    let range = doc.lines.line_range(&doc.text, line);
    doc.text.get(range).is_none_or(|l| l.trim().is_empty())
}

/// An edit deleting the whole lines `span` covers and, when `blank_after`,
/// one blank line after them.
pub fn delete_lines(doc: &Document, span: Span, blank_after: bool) -> Edit {
    let first = doc.lines.line_of(span.start);
    let last = doc
        .lines
        .line_of(trim_end_offset(doc, span).max(span.start));
    let start = doc.lines.line_start(first);
    let mut end_line = last + 1;
    if blank_after && end_line < doc.lines.line_count() && line_is_blank(doc, end_line) {
        end_line += 1;
    }
    let end = doc.lines.line_start(end_line).min(doc.text.len());
    Edit {
        span: Span::new(start, end.max(start)),
        text: String::new(),
    }
}

/// The offset after a list item's marker (`-`, `*`, `+`, `1.`, `1)`) and a
/// task box, for a block that is an item; the block start otherwise.
pub fn item_text_start(doc: &Document, block: &Block) -> usize {
    let text = doc.slice(block.span);
    if !matches!(block.kind, BlockKind::Item { .. }) {
        return block.span.start;
    }
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() && (bytes[i] == b' ' || bytes[i] == b'\t') {
        i += 1;
    }
    if i < bytes.len() && matches!(bytes[i], b'-' | b'*' | b'+') {
        i += 1;
    } else {
        let d = bytes[i..].iter().take_while(|b| b.is_ascii_digit()).count();
        if d > 0 && i + d < bytes.len() && matches!(bytes[i + d], b'.' | b')') {
            i += d + 1;
        }
    }
    while i < bytes.len() && (bytes[i] == b' ' || bytes[i] == b'\t') {
        i += 1;
    }
    block.span.start + i
}

/// Shortens a text for a message: first line, at most `max` characters.
pub fn excerpt(text: &str, max: usize) -> String {
    let line = text.lines().next().unwrap_or("").trim();
    let mut out: String = line.chars().take(max).collect();
    if line.chars().count() > max {
        out = out.trim_end().to_string();
        out.push('…');
    }
    out
}

/// Bodies that stand in for content.
pub fn is_stand_in(text: &str) -> bool {
    let t = text
        .trim()
        .trim_matches(|c: char| c == '*' || c == '_' || c == '.' || c == '…' || c.is_whitespace());
    // The longest stand-in ("to be determined") is 16 bytes: longer text is content.
    if t.len() > 24 {
        return false;
    }
    let lower = t.to_lowercase();
    lower.is_empty()
        || matches!(
            lower.as_str(),
            "tbd"
                | "todo"
                | "tba"
                | "wip"
                | "-"
                | "—"
                | "–"
                | "to be defined"
                | "to be determined"
                | "coming soon"
                | "a definir"
                | "a ser definido"
                | "pendente"
                | "em breve"
        )
}

/// Words that name a document type, not a feature (English and Portuguese).
const GENERIC: &[&str] = &[
    "technical",
    "tech",
    "specification",
    "specifications",
    "spec",
    "specs",
    "techspec",
    "template",
    "document",
    "design",
    "the",
    "of",
    "for",
    "especificação",
    "especificacao",
    "técnica",
    "tecnica",
    "modelo",
    "documento",
    "de",
    "da",
    "do",
];

/// Whether a title names nothing but the document type.
pub fn names_no_feature(text: &str) -> bool {
    // Whatever follows a separator is the feature's name
    // ("Technical Specification: techspec").
    let after = [":", " — ", " – ", " - "]
        .iter()
        .filter_map(|sep| text.split_once(sep).map(|(_, a)| a.trim()))
        .find(|a| !a.is_empty());
    if let Some(a) = after {
        let placeholder = a.starts_with(['[', '<', '{']);
        return placeholder || crate::model::template::words(a).is_empty();
    }
    crate::model::template::words(text)
        .iter()
        .all(|w| GENERIC.contains(&w.as_str()))
}

/// Step words that number a heading or label: "Phase 1", "Fase 2".
const STEP_WORDS: &[&str] = &[
    "phase",
    "step",
    "stage",
    "milestone",
    "sprint",
    "week",
    "day",
    "iteration",
    "part",
    "wave",
    "fase",
    "etapa",
    "passo",
    "marco",
    "semana",
    "dia",
    "iteração",
    "parte",
    "onda",
];

/// Whether a title or label is numbered: `1.`, `1)`, `2.3`, `Phase 1`, `Fase 2:`.
pub fn is_numbered(text: &str) -> bool {
    let t = text.trim().trim_start_matches(['*', '_', '`', '#', ' ']);
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 {
        let rest = &t[digits..];
        return rest.is_empty() || rest.starts_with(['.', ')', ':', ' ', '-', '–', '—']);
    }
    let mut words = t.split(|c: char| c.is_whitespace() || c == ':' || c == '.' || c == '-');
    let (Some(w), Some(n)) = (words.next(), words.find(|w| !w.is_empty())) else {
        return false;
    };
    let w = w.to_lowercase();
    STEP_WORDS.contains(&w.as_str())
        && (n.chars().all(|c| c.is_ascii_digit())
            || matches!(
                n.to_lowercase().as_str(),
                "one" | "two" | "i" | "ii" | "a" | "um" | "dois"
            ))
}

/// What an API Endpoints section says when it has none ("No new endpoints",
/// "N/A", "Nenhum endpoint").
pub static NO_ENDPOINTS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:no\s+(?:new\s+|changed?\s+|public\s+)?(?:http\s+|rest\s+|api\s+)*endpoints?|n/a|not\s+applicable|nenhum\s+endpoint|sem\s+(?:novos\s+)?endpoints|n[ãa]o\s+se\s+aplica)\b",
    )
    .expect("a valid regex")
});

/// `3120` -> `3,120`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The spec's file name, for messages in a companion file.
pub(crate) fn spec_name(cx: &crate::engine::trace::TraceContext<'_>) -> String {
    cx.spec
        .path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "spec".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lower(ws: &[&str]) -> Vec<String> {
        ws.iter().map(|w| w.to_string()).collect()
    }

    #[test]
    fn similarity_counts_whole_words() {
        let unit = lower(&["summarize", "the", "main", "architectural", "decisions"]);
        assert_eq!(
            similarity(
                &["Summarize", "the", "main", "architectural", "decisions"],
                &unit,
                0.8
            ),
            1.0
        );
        assert!(
            (similarity(
                &["Summarize", "the", "key", "architectural", "decisions"],
                &unit,
                0.8
            ) - 0.8)
                .abs()
                < 1e-9
        );
        assert_eq!(similarity(&["a"], &unit, 0.8), 0.0);
        assert!(word_eq("Descrição", "descrição"));
        assert_eq!(word_bit("Descrição"), word_bit("descrição"));
        let long = lower(&[
            "provide",
            "an",
            "overview",
            "summarize",
            "the",
            "main",
            "decisions",
            "in",
            "1",
            "2",
            "paragraphs",
        ]);
        let s = fragment_similarity(
            &[
                "Summarize",
                "the",
                "key",
                "decisions",
                "in",
                "1",
                "2",
                "paragraphs",
            ],
            &long,
        );
        assert!((s - 0.875).abs() < 1e-9, "{s}");
        assert!(!word_eq("Descricao", "descrição"));
    }

    #[test]
    fn words_split_like_the_template() {
        let w: Vec<&str> = words("[List relevant files here] — `x_y`, 1-2").collect();
        assert_eq!(w, ["List", "relevant", "files", "here", "x", "y", "1", "2"]);
    }

    #[test]
    fn excerpts_are_cut_on_characters() {
        assert_eq!(excerpt("ção ção ção", 5), "ção ç…");
        assert_eq!(excerpt("short", 10), "short");
    }
}
