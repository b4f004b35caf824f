//! Reading a template's structure from its [`Document`].

use std::sync::LazyLock;

use regex::Regex;

use super::wordset::word_mask;
use super::{
    Derived, DocLang, Guidance, MIN_FRAGMENT_WORDS, MIN_UNIT_WORDS, Origin, Placeholder,
    SectionGuidance, Template, TemplateField, TemplateSection, TemplateWarning, fix_mojibake,
    words,
};
use crate::model::document::{BlockKind, Document, InlineKind, Span};
use crate::model::identity::{identity_of, normalize};

static CODE_LIMIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:≤|<=|⩽|at most|no more than|up to|maximum of|max\.?|até|no máximo)\s*(\d{1,5})\s*(?:lines?|linhas?)\b").expect("a valid regex")
});
static CODE_LIMIT_OR_FEWER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(\d{1,5})\s*(?:lines?|linhas?)\s+(?:or fewer|or less|ou menos)\b")
        .expect("a valid regex literal")
});
static PARAGRAPHS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(\d{1,3})\s*(?:-|–|to|a|or|ou)\s*(\d{1,3})\s*(?:paragraphs?|par[áa]grafos?)\b")
        .expect("a valid regex")
});
static ONE_BOUND: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:in|em|within|at most|até)\s+(\d{1,3})\s+(?:paragraphs?|par[áa]grafos?)\b")
        .expect("a valid regex")
});
static RULES_DIR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"@(\.?[A-Za-z0-9_\-]+(?:/[A-Za-z0-9_.\-]+)+)").expect("a valid regex")
});

/// Guidance openings that mark a section optional (English and Portuguese).
const OPTIONAL_STARTS: &[&str] = &[
    "include only if",
    "include only when",
    "only include if",
    "only include when",
    "only if",
    "if needed",
    "if applicable",
    "if relevant",
    "optional",
    "inclua apenas se",
    "inclua somente se",
    "apenas se",
    "somente se",
    "se necessário",
    "se necessario",
    "se aplicável",
    "se aplicavel",
    "opcional",
];

/// "List ... if applicable" within the first sentence.
fn is_optional_guidance(text: &str) -> bool {
    let lower = text.trim_start_matches('[').trim_start().to_lowercase();
    if OPTIONAL_STARTS.iter().any(|m| lower.starts_with(m)) {
        return true;
    }
    let first = lower.split([':', '.', '\n']).next().unwrap_or("");
    (first.starts_with("list") || first.starts_with("liste") || first.starts_with("listar"))
        && (first.contains("if applicable")
            || first.contains("se aplicável")
            || first.contains("se aplicavel")
            || first.contains("if any")
            || first.contains("se houver"))
}

pub(super) fn parse(name: &str, origin: Origin, text: &str) -> Template {
    let fixed = fix_mojibake(text);
    let doc = Document::parse(&fixed);
    let mut t = Template {
        name: name.to_string(),
        origin,
        description: String::new(),
        family: None,
        title: doc
            .title_heading()
            .map(|h| h.text.clone())
            .unwrap_or_default(),
        lang: DocLang::En,
        sections: Vec::new(),
        guidance: Vec::new(),
        placeholders: Vec::new(),
        warnings: Vec::new(),
        interface_lang: None,
        interface_example: None,
        rules_dir: None,
        derived: Derived::default(),
        doc,
    };
    // Sections mirror the document's sections one to one.
    for (i, s) in t.doc.sections.iter().enumerate() {
        let h = &t.doc.headings[s.heading];
        let norm = normalize(&h.text);
        t.sections.push(TemplateSection {
            title: h.text.clone(),
            identity: identity_of(&norm),
            norm,
            level: s.level,
            parent: s.parent,
            children: s.children.clone(),
            doc_section: i,
            optional: false,
            fields: Vec::new(),
            guidance: Vec::new(),
            code_limit: None,
            paragraphs: None,
            guidance_figures: SectionGuidance::default(),
        });
    }
    for si in 0..t.sections.len() {
        read_section_body(&mut t, si);
    }
    // Containers without guidance of their own are optional when all their
    // sections are; anything under an optional section is optional.
    for si in (0..t.sections.len()).rev() {
        let s = &t.sections[si];
        if s.guidance.is_empty() && !s.children.is_empty() && t.doc.section_blocks(si).is_empty() {
            let all = s.children.iter().all(|&c| t.sections[c].optional);
            t.sections[si].optional = all;
        }
    }
    for si in 0..t.sections.len() {
        if let Some(p) = t.sections[si].parent {
            if t.sections[p].optional {
                t.sections[si].optional = true;
            }
        }
    }
    t.lang = detect_lang(&t);
    // The description counts the required sections: derived first.
    derive(&mut t);
    t.description = describe(&t);
    t
}

/// Computes what depends only on the template, once: what the checks and
/// the alignment would otherwise recompute for every spec.
fn derive(t: &mut Template) {
    for g in &mut t.guidance {
        g.masks = g.units.iter().map(|u| word_mask(u)).collect();
        g.max_words = g.units.iter().map(Vec::len).max().unwrap_or(0);
    }
    for si in 0..t.sections.len() {
        let mut sec = SectionGuidance::default();
        for unit in t.sections[si]
            .guidance
            .iter()
            .flat_map(|&g| t.guidance[g].units.iter())
        {
            sec.max_words = sec.max_words.max(unit.len());
            sec.max_bytes = sec.max_bytes.max(unit.iter().map(|w| w.len() + 1).sum());
            if unit.len() < MIN_UNIT_WORDS {
                continue;
            }
            let n = if unit.len() > MIN_FRAGMENT_WORDS {
                unit.len()
            } else {
                3
            };
            for w in unit.iter().take(n) {
                sec.starts.insert(w);
            }
        }
        t.sections[si].guidance_figures = sec;
    }
    t.derived = Derived {
        title_words: words(&t.title),
        max_level: t.sections.iter().map(|s| s.level).max().unwrap_or(3),
        required: t.sections.iter().filter(|s| s.required()).count(),
        code_limits: t.sections.iter().any(|s| s.code_limit.is_some()),
        guidance_max_words: t
            .guidance
            .iter()
            .flat_map(|g| g.units.iter().map(Vec::len))
            .max()
            .unwrap_or(0),
    };
}

fn detect_lang(t: &Template) -> DocLang {
    let title = normalize(&t.title);
    if title.contains("especificacao") || title.contains("modelo") {
        return DocLang::Pt;
    }
    let pt = t
        .sections
        .iter()
        .filter(|s| {
            s.norm
                .split(' ')
                .any(|w| matches!(w, "de" | "do" | "da" | "dos" | "das" | "com"))
                || s.title.contains(['ç', 'ã', 'õ', 'é', 'á', 'í', 'ó'])
        })
        .count();
    if pt * 2 > t.sections.len() && !t.sections.is_empty() {
        DocLang::Pt
    } else {
        DocLang::En
    }
}

fn describe(t: &Template) -> String {
    let lang = match t.lang {
        DocLang::En => "English",
        DocLang::Pt => "Portuguese",
    };
    let example = t.interface_lang.as_deref().unwrap_or("no");
    format!(
        "{} sections ({} required), {lang}, {example} interface example",
        t.sections.len(),
        t.required_count()
    )
}

/// The start of a paragraph's own text, after a leading `**Label:**`.
fn lead_offset(doc: &Document, block_idx: usize) -> (usize, Option<(String, Span)>) {
    let b = &doc.blocks[block_idx];
    if let Some(next) = doc.blocks.get(block_idx + 1) {
        if let BlockKind::Field { label, label_span } = &next.kind {
            if label_span.start == b.span.start {
                return (label_span.end, Some((label.clone(), *label_span)));
            }
        }
    }
    (b.span.start, None)
}

fn read_section_body(t: &mut Template, si: usize) {
    let range = t.doc.section_block_indices(si);
    let body_end = t.doc.sections[si].body.end;
    let mut open: Option<(usize, Option<usize>)> = None; // (start offset, field)
    let mut current_field: Option<usize> = None;
    let mut bi = range.start;
    while bi < range.end {
        let block = &t.doc.blocks[bi];
        if block.depth != 0 {
            bi += 1;
            continue;
        }
        if let BlockKind::Field { label, label_span } = &block.kind {
            // A field label; the paragraph holding it was handled just before.
            let _ = (label, label_span);
            bi += 1;
            continue;
        }
        let (lead, field_label) = if block.kind == BlockKind::Paragraph {
            lead_offset(&t.doc, bi)
        } else {
            (block.span.start, None)
        };
        if let Some((label, span)) = field_label {
            t.sections[si].fields.push(TemplateField {
                norm: normalize(&label),
                label,
                span,
            });
            current_field = Some(t.sections[si].fields.len() - 1);
        }
        let raw_end = block.span.end;
        let tail = t.doc.slice(Span::new(lead, raw_end));
        let trimmed_tail = tail.trim();
        match open {
            None => {
                let starts = trimmed_tail.starts_with('[')
                    && !starts_with_link(&t.doc, lead + (tail.len() - tail.trim_start().len()));
                if starts {
                    let start = lead + (tail.len() - tail.trim_start().len());
                    if trimmed_tail.ends_with(']') && block.kind != BlockKind::Table {
                        close(
                            t,
                            si,
                            start,
                            end_of_trimmed(&t.doc, raw_end),
                            current_field,
                            true,
                        );
                    } else {
                        open = Some((start, current_field));
                    }
                } else if block.kind == BlockKind::Paragraph
                    || matches!(block.kind, BlockKind::List { .. })
                {
                    // Template content outside guidance: inline placeholders live in list items.
                }
            }
            Some((start, field)) => {
                if trimmed_tail.ends_with(']') && !block.is_code() {
                    close(t, si, start, end_of_trimmed(&t.doc, raw_end), field, true);
                    open = None;
                }
            }
        }
        bi += 1;
    }
    if let Some((start, field)) = open {
        let line = t.doc.line_col(start).line;
        let title = t.sections[si].title.clone();
        t.warnings.push(TemplateWarning {
            message: format!(
                "guidance opened with `[` at line {line} in \"{title}\" is never closed with `]`; it ends at the next heading"
            ),
            offset: start,
        });
        close(t, si, start, end_of_trimmed(&t.doc, body_end), field, false);
    }
    collect_placeholders(t, si);
    read_limits(t, si);
}

fn starts_with_link(doc: &Document, offset: usize) -> bool {
    doc.inlines.iter().any(|i| {
        i.span.start == offset && matches!(i.kind, InlineKind::Link { .. } | InlineKind::TaskMarker)
    })
}

fn end_of_trimmed(doc: &Document, end: usize) -> usize {
    let mut e = end.min(doc.text.len());
    let bytes = doc.text.as_bytes();
    while e > 0 && bytes[e - 1].is_ascii_whitespace() {
        e -= 1;
    }
    e
}

fn close(
    t: &mut Template,
    si: usize,
    start: usize,
    end: usize,
    field: Option<usize>,
    closed: bool,
) {
    let span = Span::new(start, end.max(start));
    let units = guidance_units(&t.doc, span);
    let gi = t.guidance.len();
    t.guidance.push(Guidance {
        span,
        section: si,
        field,
        closed,
        masks: Vec::new(),
        max_words: 0,
        units,
    });
    t.sections[si].guidance.push(gi);
    let text = t.doc.slice(span);
    if field.is_none() && t.sections[si].guidance.len() == 1 && is_optional_guidance(text) {
        t.sections[si].optional = true;
    }
    if t.sections[si].identity == Some("main-interfaces") || t.interface_example.is_none() {
        if let Some(code) = t.doc.blocks.iter().find(|b| {
            b.is_code() && span.covers(b.span) && t.sections[si].identity == Some("main-interfaces")
        }) {
            if let BlockKind::Code { lang, .. } = &code.kind {
                t.interface_lang = lang.clone();
                let end = end_of_trimmed(&t.doc, code.span.end);
                t.interface_example = Some(Span::new(code.span.start, end));
            }
        }
    }
    if t.sections[si].identity == Some("standards-compliance") && t.rules_dir.is_none() {
        if let Some((g, dir)) = RULES_DIR
            .captures(text)
            .and_then(|m| Some((m.get(0)?, m.get(1)?)))
        {
            let dir = dir.as_str().trim_end_matches('.').to_string();
            t.rules_dir = Some((dir, Span::new(span.start + g.start(), span.start + g.end())));
        }
    }
}

/// The opening text and each list item of a guidance block, as word lists.
fn guidance_units(doc: &Document, span: Span) -> Vec<Vec<String>> {
    let mut units = Vec::new();
    for b in doc
        .blocks
        .iter()
        .filter(|b| span.covers(Span::new(b.span.start, b.span.start)))
    {
        match b.kind {
            BlockKind::Paragraph if b.depth == 0 => {
                let s = Span::new(b.span.start.max(span.start), b.span.end.min(span.end));
                let w = words(doc.slice(s));
                if !w.is_empty() {
                    units.push(w);
                }
            }
            BlockKind::Item { .. } => {
                let w = words(doc.slice(Span::new(b.span.start, b.span.end.min(span.end))));
                if w.len() >= 3 {
                    units.push(w);
                }
            }
            _ => {}
        }
    }
    units
}

/// Inline `[...]` placeholders in list items outside guidance.
fn collect_placeholders(t: &mut Template, si: usize) {
    let range = t.doc.section_block_indices(si);
    let guidance: Vec<Span> = t.sections[si]
        .guidance
        .iter()
        .map(|&g| t.guidance[g].span)
        .collect();
    let mut found = Vec::new();
    let mut field: Option<usize> = None;
    let mut field_seen = 0usize;
    for bi in range {
        let b = &t.doc.blocks[bi];
        if let BlockKind::Field { .. } = b.kind {
            if b.depth == 0 {
                field = Some(field_seen);
                field_seen += 1;
            }
            continue;
        }
        if !matches!(b.kind, BlockKind::Item { .. })
            || guidance.iter().any(|g| g.contains(b.span.start))
        {
            continue;
        }
        let text = t.doc.slice(b.span);
        let mut from = 0;
        while let Some(open) = text[from..].find('[') {
            let open = from + open;
            let Some(close) = text[open..].find(']') else {
                break;
            };
            let close = open + close;
            let abs = b.span.start + open;
            if !t.doc.in_code_or_link(abs) && close > open + 1 {
                found.push(Placeholder {
                    span: Span::new(abs, b.span.start + close + 1),
                    section: si,
                    field,
                });
            }
            from = close + 1;
        }
    }
    // An item nested in another is visited twice: keep each span once.
    found.sort_by_key(|p| p.span);
    found.dedup_by_key(|p| p.span);
    t.placeholders.extend(found);
}

fn read_limits(t: &mut Template, si: usize) {
    let mut text = t.guidance_text(si);
    if t.sections[si].guidance.is_empty() {
        // Some agent templates write their guidance as plain text, without
        // `[`...`]`: read limits and "include only when" from that text.
        let ds = t.sections[si].doc_section;
        let plain: Vec<&str> = t
            .doc
            .blocks
            .iter()
            .filter(|b| b.section == Some(ds) && b.depth == 0)
            .filter(|b| matches!(b.kind, BlockKind::Paragraph))
            .map(|b| t.doc.slice(b.span))
            .collect();
        if let Some(first) = plain.first() {
            let lower = first.to_lowercase();
            if lower
                .split(['.', '\n'])
                .any(|sentence| is_optional_guidance(sentence.trim()))
            {
                t.sections[si].optional = true;
            }
        }
        text = plain.join("\n\n");
    }
    if let Some(c) = CODE_LIMIT
        .captures(&text)
        .or_else(|| CODE_LIMIT_OR_FEWER.captures(&text))
    {
        t.sections[si].code_limit = c[1].parse().ok();
    }
    if let Some(c) = PARAGRAPHS.captures(&text) {
        if let (Ok(a), Ok(b)) = (c[1].parse::<usize>(), c[2].parse::<usize>()) {
            t.sections[si].paragraphs = Some((a.min(b), a.max(b)));
        }
    } else if let Some(c) = ONE_BOUND.captures(&text) {
        if let Ok(n) = c[1].parse::<usize>() {
            t.sections[si].paragraphs = Some((1, n));
        }
    }
}
