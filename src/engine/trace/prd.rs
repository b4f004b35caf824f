//! A PRD's requirements.
//!
//! Two layouts are read. With IDs: a list item, paragraph, heading or table
//! row that *starts* with an ID (`FR-1`, `**FR-1**:`, `RF-01`, `REQ-3`,
//! `US-2`, `R1:`, `| F1 | ... |`) defines that requirement; later mentions of
//! the same ID are references. Without IDs: the items of the lists under a
//! functional-requirements heading or label ("Functional Requirements",
//! "Requisitos Funcionais", "**Functional requirements:**"), else the
//! numbered sub-headings or numbered items of a features section ("Core
//! Features", "Funcionalidades Principais").

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;

use crate::model::document::{BlockKind, Document, Span};

/// A requirement of the PRD.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Requirement {
    /// `FR-1`, `RF-01`... when the PRD numbers its requirements by ID.
    pub id: Option<String>,
    /// The position in its list (1-based) when it has no ID.
    pub number: usize,
    /// The requirement's text, one line of it at most a few hundred characters.
    pub text: String,
    /// Where it is written in the PRD.
    #[serde(skip)]
    pub span: Span,
}

impl Requirement {
    /// A user story (`US-2`, `HU-3`): written in the user's words, so only
    /// weakly comparable with a spec's.
    pub fn is_user_story(&self) -> bool {
        self.id.as_deref().is_some_and(|id| {
            let up = id.to_ascii_uppercase();
            up.starts_with("US") || up.starts_with("HU")
        })
    }

    /// `FR-3`, or `requirement 3` for one without an ID.
    pub fn label(&self) -> String {
        match &self.id {
            Some(id) => id.clone(),
            None => format!("requirement {}", self.number),
        }
    }
}

/// An ID at the start of a text: `FR-1`, `RF-01`, `REQ-3`, `US-2`, `R1`, `F1.2`.
static ID_AT_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^[\s*_\[`(]*((?:FR|RF|NFR|RNF|REQ|US|HU|UC|CU|RN|BR|R|F)-?\d{1,4}(?:\.\d{1,3})?)\b[\s*_\]`)]*[:.\-–—|)]?",
    )
    .expect("a valid regex")
});

/// An ID anywhere (to find which IDs a spec or a task cites).
pub static ID_ANYWHERE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b((?:FR|RF|NFR|RNF|REQ|US|HU|UC|CU|RN|BR|R|F)-?\d{1,4}(?:\.\d{1,3})?)\b")
        .expect("a valid regex")
});

/// Normalised headings and labels that open the functional requirements.
const REQUIREMENT_MARKERS: &[&str] = &[
    "functional requirements",
    "functional requirement",
    "requisitos funcionais",
    "requisito funcional",
];

/// Normalised headings of a features section (a fallback).
const FEATURE_MARKERS: &[&str] = &[
    "core features",
    "key features",
    "features",
    "funcionalidades principais",
    "funcionalidades",
    "recursos principais",
];

/// Lower-case, accents removed, numbering, markup and a final colon dropped.
fn normalize(text: &str) -> String {
    let t = deunicode::deunicode(text).to_lowercase();
    let t = t.trim_matches(|c: char| !c.is_alphanumeric() && c != ')');
    let t = t.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ' ');
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Normalises an ID for comparison: `FR-01` and `FR1` are `FR-1`.
pub fn normalize_id(id: &str) -> String {
    let up = id.to_ascii_uppercase();
    let split = up.find(|c: char| c.is_ascii_digit()).unwrap_or(up.len());
    let (prefix, num) = up.split_at(split);
    let prefix = prefix.trim_end_matches('-');
    let (major, minor) = match num.split_once('.') {
        Some((a, b)) => (a, Some(b)),
        None => (num, None),
    };
    let major = major.trim_start_matches('0');
    let major = if major.is_empty() { "0" } else { major };
    match minor {
        Some(m) => format!("{prefix}-{major}.{m}"),
        None => format!("{prefix}-{major}"),
    }
}

/// An ID at the start of `text`, if any.
fn id_at_start(text: &str) -> Option<String> {
    ID_AT_START
        .captures(text)
        .and_then(|c| c.get(1))
        .map(|m| m.as_str().to_string())
}

/// The part of a list item before its nested lists, without its marker and
/// task box.
pub fn item_own_span(doc: &Document, item: usize) -> Span {
    let b = &doc.blocks[item];
    let start = crate::engine::checks::text::item_text_start(doc, b);
    let text = doc.slice(Span::new(start, b.span.end));
    let skip = ["[ ] ", "[x] ", "[X] "]
        .iter()
        .find(|m| text.starts_with(*m))
        .map_or(0, |m| m.len());
    let end = doc.blocks[item + 1..]
        .iter()
        .take_while(|x| x.span.start < b.span.end)
        .find(|x| matches!(x.kind, BlockKind::List { .. }))
        .map_or(b.span.end, |x| x.span.start);
    let span = Span::new((start + skip).min(end), end);
    trim(doc, span)
}

/// A span without its surrounding whitespace.
fn trim(doc: &Document, span: Span) -> Span {
    let text = doc.slice(span);
    let lead = text.len() - text.trim_start().len();
    let trail = text.len() - text.trim_end().len();
    Span::new(
        span.start + lead,
        span.end.saturating_sub(trail).max(span.start + lead),
    )
}

/// One line of text for a requirement: whitespace collapsed, at most 400 bytes.
fn one_line(text: &str) -> String {
    let t = text.split_whitespace().collect::<Vec<_>>().join(" ");
    crate::engine::checks::text::excerpt(&t, 400)
}

/// The requirements of a PRD, in document order.
pub fn requirements(doc: &Document) -> Vec<Requirement> {
    let by_id = with_ids(doc);
    if !by_id.is_empty() {
        return by_id;
    }
    let marked = under_markers(doc);
    if !marked.is_empty() {
        return marked;
    }
    features(doc)
}

/// Requirements defined by an ID at the start of an item, paragraph, heading or row.
fn with_ids(doc: &Document) -> Vec<Requirement> {
    let mut found: Vec<Requirement> = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    let mut add = |id: String, text: String, span: Span, found: &mut Vec<Requirement>| {
        if seen.insert(normalize_id(&id)) {
            found.push(Requirement {
                id: Some(id),
                number: found.len() + 1,
                text: one_line(&text),
                span,
            });
        }
    };
    // Items and paragraphs (not inside table cells: tables come next).
    let mut candidates: Vec<(usize, Span, String)> = Vec::new();
    for (i, b) in doc.blocks.iter().enumerate() {
        match b.kind {
            BlockKind::Item { .. } => {
                let span = item_own_span(doc, i);
                candidates.push((span.start, span, doc.slice(span).to_string()));
            }
            BlockKind::Paragraph if !b.parent.is_some_and(|p| is_item(doc, p)) => {
                candidates.push((b.span.start, b.span, doc.slice(b.span).to_string()));
            }
            BlockKind::Table => {
                let cells = doc.table_cells(i);
                for row in 1..=cells.iter().map(|c| c.row).max().unwrap_or(0) {
                    let row_cells: Vec<_> = cells.iter().filter(|c| c.row == row).collect();
                    let Some(first) = row_cells.first() else {
                        continue;
                    };
                    let cell = doc.slice(first.span).trim();
                    if id_at_start(cell)
                        .is_some_and(|id| cell.trim_matches(['*', '`', ' ']).len() <= id.len() + 4)
                    {
                        let end = row_cells.last().map_or(first.span.end, |c| c.span.end);
                        let text = row_cells
                            .iter()
                            .skip(1)
                            .map(|c| doc.slice(c.span).trim())
                            .collect::<Vec<_>>()
                            .join(" ");
                        candidates.push((
                            first.span.start,
                            Span::new(first.span.start, end),
                            format!("{cell} {text}"),
                        ));
                    }
                }
            }
            _ => {}
        }
    }
    for (hi, h) in doc.headings.iter().enumerate() {
        if doc.title == Some(hi) {
            continue;
        }
        let mut text = h.text.clone();
        // The heading's first paragraph says what the requirement is.
        if let Some(p) = doc
            .blocks
            .iter()
            .find(|b| b.span.start >= h.span.end && b.kind == BlockKind::Paragraph)
            .filter(|b| {
                doc.headings
                    .get(hi + 1)
                    .is_none_or(|n| b.span.start < n.span.start)
            })
        {
            text.push(' ');
            text.push_str(doc.slice(p.span));
        }
        candidates.push((h.span.start, h.span, text));
    }
    candidates.sort_by_key(|c| c.0);
    // Single-letter prefixes (`R1`, `F1`) only when several definitions use them.
    let mut single = std::collections::HashMap::<char, usize>::new();
    for (_, _, text) in &candidates {
        if let Some(id) = id_at_start(text)
            && id
                .chars()
                .nth(1)
                .is_some_and(|c| c.is_ascii_digit() || c == '-')
        {
            *single.entry(id.chars().next().unwrap_or(' ')).or_default() += 1;
        }
    }
    for (_, span, text) in candidates {
        let Some(id) = id_at_start(&text) else {
            continue;
        };
        let first = id.chars().next().unwrap_or(' ');
        let one_letter = id
            .chars()
            .nth(1)
            .is_some_and(|c| c.is_ascii_digit() || c == '-');
        if one_letter && single.get(&first).copied().unwrap_or(0) < 2 {
            continue;
        }
        add(id, text, span, &mut found);
    }
    found
}

fn is_item(doc: &Document, block: usize) -> bool {
    matches!(doc.blocks[block].kind, BlockKind::Item { .. })
}

/// The items of the lists right after a functional-requirements heading or label.
fn under_markers(doc: &Document) -> Vec<Requirement> {
    let mut out = Vec::new();
    let mut taken: Vec<usize> = Vec::new();
    // Labels: a paragraph (or bold field) that is only the marker.
    for (i, b) in doc.blocks.iter().enumerate() {
        let label = match &b.kind {
            BlockKind::Paragraph => normalize(doc.slice(b.span)),
            BlockKind::Field { label, .. } => {
                let rest = doc.slice(b.span);
                if rest.lines().count() > 1 || normalize(rest).len() > label.len() + 4 {
                    continue;
                }
                normalize(label)
            }
            _ => continue,
        };
        if !REQUIREMENT_MARKERS.contains(&label.as_str()) {
            continue;
        }
        // The next block, if it is a list, holds the requirements.
        if let Some((li, _)) = doc
            .blocks
            .iter()
            .enumerate()
            .skip(i + 1)
            .find(|(_, x)| x.span.start >= b.span.end && !matches!(x.kind, BlockKind::Html))
            .filter(|(_, x)| matches!(x.kind, BlockKind::List { .. }))
            && !taken.contains(&li)
        {
            taken.push(li);
            push_items(doc, li, &mut out);
        }
    }
    if !out.is_empty() {
        return out;
    }
    // Headings.
    for (si, s) in doc.sections.iter().enumerate() {
        let t = normalize(&doc.headings[s.heading].text);
        if REQUIREMENT_MARKERS
            .iter()
            .any(|m| t == *m || t.ends_with(m))
        {
            if let Some(li) = first_list(doc, si) {
                push_items(doc, li, &mut out);
            }
        }
    }
    out
}

/// The first top-level list in a section's subtree, preferring an ordered one.
fn first_list(doc: &Document, section: usize) -> Option<usize> {
    let lists = doc.top_level_lists(section);
    lists
        .iter()
        .copied()
        .find(|&i| matches!(doc.blocks[i].kind, BlockKind::List { ordered: true, .. }))
        .or_else(|| lists.first().copied())
}

/// The direct items of list `list` as requirements without IDs.
fn push_items(doc: &Document, list: usize, out: &mut Vec<Requirement>) {
    for (i, b) in doc.blocks.iter().enumerate().skip(list + 1) {
        if b.span.start >= doc.blocks[list].span.end {
            break;
        }
        if b.parent == Some(list) && is_item(doc, i) {
            let span = item_own_span(doc, i);
            let text = doc.slice(span);
            if text.trim().is_empty() {
                continue;
            }
            out.push(Requirement {
                id: None,
                number: out.len() + 1,
                text: one_line(text),
                span,
            });
        }
    }
}

/// The numbered sub-headings (or numbered items) of a features section.
fn features(doc: &Document) -> Vec<Requirement> {
    let mut out = Vec::new();
    for s in &doc.sections {
        let t = normalize(&doc.headings[s.heading].text);
        if !FEATURE_MARKERS.contains(&t.as_str()) {
            continue;
        }
        for &c in &s.children {
            let h = &doc.headings[doc.sections[c].heading];
            if !h
                .text
                .trim_start()
                .starts_with(|ch: char| ch.is_ascii_digit())
            {
                continue;
            }
            let mut text = h.text.clone();
            if let Some(p) = doc
                .section_blocks(c)
                .iter()
                .find(|b| b.kind == BlockKind::Paragraph)
            {
                text.push(' ');
                text.push_str(doc.slice(p.span));
            }
            out.push(Requirement {
                id: None,
                number: out.len() + 1,
                text: one_line(&text),
                span: h.span,
            });
        }
        if out.is_empty() {
            let own = s.body;
            if let Some(li) = doc.blocks.iter().position(|b| {
                own.covers(b.span)
                    && b.parent.is_none()
                    && matches!(b.kind, BlockKind::List { ordered: true, .. })
            }) {
                push_items(doc, li, &mut out);
            }
        }
        if !out.is_empty() {
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(text: &str) -> Vec<(Option<String>, String)> {
        requirements(&Document::parse(text))
            .into_iter()
            .map(|r| (r.id, r.text))
            .collect()
    }

    #[test]
    fn ids_at_the_start_define_requirements_and_later_mentions_do_not() {
        let text = "# PRD\n\n## Features\n\n1. **FR-1**: Show the BRL value.\n2. **FR-2**: Update within 300ms.\n\n## Notes\n\nFR-1 is the key one.\n";
        assert_eq!(
            ids(text),
            vec![
                (Some("FR-1".into()), "**FR-1**: Show the BRL value.".into()),
                (Some("FR-2".into()), "**FR-2**: Update within 300ms.".into()),
            ]
        );
    }

    #[test]
    fn table_rows_with_ids_are_requirements() {
        let text = "# PRD\n\n**Requisitos Funcionais**:\n\n| # | Requisito |\n|---|---|\n| RF-01 | O sistema deve armazenar roles |\n| RF-02 | Cada usuário pode ter vários roles |\n";
        let found = ids(text);
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[0].0.as_deref(), Some("RF-01"));
        assert!(found[0].1.contains("armazenar roles"), "{found:?}");
    }

    #[test]
    fn single_letter_ids_need_company() {
        assert!(ids("# P\n\n- R1: only one.\n").is_empty());
        assert_eq!(ids("# P\n\n- R1: one.\n- R2: two.\n").len(), 2);
    }

    #[test]
    fn numbered_items_under_a_label_or_heading() {
        let en = "# PRD\n\n## Core\n\n**Functional Requirements**:\n1. Create a group\n2. Invite by link\n\nOther text.\n";
        assert_eq!(ids(en).len(), 2);
        let pt = "# PRD\n\n## Funcionalidades Principais\n\nRequisitos funcionais\n\n1. O slider vai de 0 a 200.\n2. A grade tem seis colunas.\n3. Cartões mostram o preço.\n";
        let found = ids(pt);
        assert_eq!(found.len(), 3);
        assert_eq!(found[2], (None, "Cartões mostram o preço.".into()));
        let heading = "# PRD\n\n## 4. Functional Requirements\n\n1. A\n2. B\n\n## Next\n\n1. C\n";
        assert_eq!(ids(heading).len(), 2);
    }

    #[test]
    fn numbered_feature_headings_are_a_fallback() {
        let text = "# PRD\n\n## Funcionalidades Principais\n\n### 1. Coleta recorrente\n\nColeta partidas.\n\n### 2. Persistência\n\nGuarda tudo.\n";
        let found = ids(text);
        assert_eq!(found.len(), 2);
        assert!(found[0].1.starts_with("1. Coleta recorrente"), "{found:?}");
    }

    #[test]
    fn shapeless_text_has_no_requirements() {
        assert!(ids("").is_empty());
        assert!(ids("just text\n").is_empty());
        assert!(ids("# A\n\n## B\n\n- x\n- y\n").is_empty());
    }

    #[test]
    fn ids_normalise() {
        assert_eq!(normalize_id("FR-01"), "FR-1");
        assert_eq!(normalize_id("fr1"), "FR-1");
        assert_eq!(normalize_id("FR-5.1"), "FR-5.1");
        assert_eq!(normalize_id("RF-010"), "RF-10");
    }
}
