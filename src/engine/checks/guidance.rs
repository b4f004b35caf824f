//! Template guidance left in a spec: the blocks that repeat, verbatim or
//! nearly, the `[...]` instructions of the template. Read by TS201 (which
//! reports them) and TS202 (which does not report a placeholder inside one),
//! through [`Context::leftovers`].

use super::Context;
use super::text::{
    blocks_in, fragment_similarity, item_text_start, similarity, template_section_of,
    trim_end_offset, word_bit, words,
};
use crate::model::document::{Block, BlockKind, Document, Span};
use crate::model::template::{MIN_FRAGMENT_WORDS, MIN_UNIT_WORDS, SectionGuidance, Template};

/// Similarity from which a block is guidance, nearly verbatim.
const NEAR: f64 = 0.8;
/// Similarity for fragments (stricter than for whole blocks).
const FRAGMENT: f64 = 0.85;

/// Template guidance found in the spec.
#[derive(Debug, Clone)]
pub struct Leftover {
    /// From the start of the leftover text to its end (trimmed).
    pub span: Span,
    /// The spec section it lies in.
    pub spec_section: usize,
    /// Index into `Template::guidance`.
    pub guidance: usize,
    pub similarity: f64,
    /// It follows a `**Label:**` on the same paragraph.
    pub after_label: bool,
    /// The region holds a code block.
    pub has_code: bool,
    /// The region starts a depth-0 block (a paragraph or a whole list).
    pub starts_block: bool,
}

/// A match of one block.
struct BlockMatch {
    guidance: usize,
    similarity: f64,
    text_start: usize,
    end: usize,
    bracket: bool,
    closed: bool,
    after_label: bool,
}

fn is_candidate(b: &Block) -> bool {
    match b.kind {
        BlockKind::Paragraph => b.depth == 0,
        BlockKind::Item { .. } => b.depth == 1,
        _ => false,
    }
}

/// Finds bracket-closing `]` of a text that starts with `[`: the `]` that
/// balances it, or `None`.
fn closing_bracket(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in text.char_indices() {
        match c {
            '[' => depth += 1,
            ']' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

/// Whether a block's text (after a list marker) starts with `[`, looking at
/// its first bytes only.
fn opens_with_bracket(doc: &Document, span: Span) -> bool {
    let head = doc.slice(Span::new(span.start, (span.start + 12).min(span.end)));
    head.trim_start_matches(|c: char| {
        c.is_ascii_whitespace() || c.is_ascii_digit() || matches!(c, '-' | '*' | '+' | '.' | ')')
    })
    .starts_with('[')
}

/// How a block matched a guidance unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fit {
    /// The whole block is the unit (nearly).
    Whole,
    /// The whole block is the opening or closing run of the unit's words
    /// (its first or last sentence).
    Fragment,
}

struct Matcher<'c, 'a> {
    ctx: &'c Context<'a>,
    words: Vec<&'a str>,
    bits: Vec<u64>,
    /// What is known of the current section's guidance (from the template).
    sec: SectionGuidance,
}

impl<'c, 'a> Matcher<'c, 'a> {
    fn new(ctx: &'c Context<'a>) -> Self {
        Matcher {
            ctx,
            words: Vec::new(),
            bits: Vec::new(),
            sec: SectionGuidance::default(),
        }
    }

    /// Prepares for the blocks of a spec section that stands for template
    /// section `ti` (none: it has no guidance of its own).
    fn set_section(&mut self, ti: Option<usize>) {
        self.sec = ti.map_or_else(SectionGuidance::default, |ti| {
            self.ctx.template.sections[ti].guidance_figures
        });
    }

    /// Loads the words (at most `limit + 1`) of `text` and their fingerprints.
    fn load(&mut self, text: &'a str, limit: usize) {
        self.words.clear();
        self.words.extend(words(text).take(limit + 1));
        self.bits.clear();
        self.bits.extend(self.words.iter().map(|w| word_bit(w)));
    }

    /// The best fit of the loaded words with the units of guidance `g`.
    fn fit(&mut self, g: usize, bracket: bool, best: &mut Option<(usize, f64, Fit)>) {
        let t: &'a Template = self.ctx.template;
        let masks = &t.guidance[g].masks;
        let words = &self.words;
        let lb = words.len();
        let hits = |mask: u64| self.bits.iter().filter(|&&b| b & mask != 0).count();
        let better = |s: f64, best: &Option<(usize, f64, Fit)>| best.is_none_or(|(_, b, _)| s > b);
        for (unit, &mask) in t.guidance[g].units.iter().zip(masks.iter()) {
            let lu = unit.len();
            if lu < MIN_UNIT_WORDS {
                // Short units only in brackets, and only exactly.
                if bracket && lb == lu && similarity(words, unit, 1.0) >= 1.0 && better(1.0, best) {
                    *best = Some((g, 1.0, Fit::Whole));
                }
                continue;
            }
            let h = hits(mask);
            if h as f64 >= NEAR * lb.max(lu) as f64 {
                let s = similarity(words, unit, NEAR);
                if s >= NEAR && better(s, best) {
                    *best = Some((g, s, Fit::Whole));
                    continue;
                }
            }
            // The first or last sentence of a longer guidance paragraph.
            if lb >= MIN_FRAGMENT_WORDS && lb < lu && h as f64 >= FRAGMENT * lb as f64 {
                let s = fragment_similarity(words, unit);
                if s >= FRAGMENT && better(s, best) {
                    *best = Some((g, s, Fit::Fragment));
                }
            }
        }
    }

    /// Compares block `bi` with the guidance `own` (its section's) or, when it
    /// starts with `[`, with all of the template's guidance.
    fn match_block(&mut self, bi: usize, own: &[usize]) -> Option<BlockMatch> {
        let doc: &'a Document = self.ctx.doc;
        let t: &'a Template = self.ctx.template;
        let b = &doc.blocks[bi];
        let mut start = item_text_start(doc, b);
        let mut after_label = false;
        if b.kind == BlockKind::Paragraph {
            if let Some(BlockKind::Field { label_span, .. }) =
                doc.blocks.get(bi + 1).map(|n| &n.kind)
            {
                if label_span.start == b.span.start {
                    start = label_span.end.max(start);
                    after_label = true;
                }
            }
        }
        let end = trim_end_offset(doc, b.span).max(start);
        let raw = doc.slice(Span::new(start, end));
        let text = raw.trim_start();
        let text_start = start + (raw.len() - text.len());
        let bracket = text.starts_with('[') && !doc.in_code_or_link(text_start);
        if !bracket && own.is_empty() {
            return None;
        }
        let (cmp, closed) = match (bracket, bracket.then(|| closing_bracket(text)).flatten()) {
            (true, Some(close)) => (&text[1..close], true),
            (true, None) => (&text[1..], false),
            _ => (text, false),
        };
        let max = if bracket {
            t.derived.guidance_max_words
        } else {
            self.sec.max_words
        };
        if max == 0 {
            return None;
        }
        // A cheap gate before splitting the whole block: its first words
        // must be able to start a match.
        if !bracket {
            let mut first = words(cmp).take(2);
            let (w1, w2) = (first.next(), first.next());
            let starts = |w: Option<&str>| w.is_some_and(|w| self.sec.starts.may_contain(w));
            if !starts(w1) && !starts(w2) {
                return None;
            }
        }
        let limit = max + max / 4 + 1;
        self.load(cmp, limit);
        let min_words = if bracket { 2 } else { MIN_UNIT_WORDS };
        if self.words.len() < min_words || self.words.len() > limit {
            return None;
        }
        let mut best: Option<(usize, f64, Fit)> = None;
        for &g in own {
            self.fit(g, bracket, &mut best);
        }
        if bracket && best.is_none() {
            for g in 0..t.guidance.len() {
                if !own.contains(&g) {
                    self.fit(g, bracket, &mut best);
                }
            }
        }
        let (guidance, similarity, _) = best?;
        Some(BlockMatch {
            guidance,
            similarity,
            text_start,
            end,
            bracket,
            closed,
            after_label,
        })
    }

    /// Whether block `bi` continues a leftover of guidance `g` (a following
    /// item or paragraph of the same guidance).
    fn continues(&mut self, bi: usize, g: usize) -> bool {
        let doc: &'a Document = self.ctx.doc;
        let b = &doc.blocks[bi];
        let start = item_text_start(doc, b);
        let end = trim_end_offset(doc, b.span).max(start);
        let text = doc.slice(Span::new(start, end));
        let units = &self.ctx.template.guidance[g].units;
        let max = self.ctx.template.guidance[g].max_words;
        let limit = max + max / 4 + 1;
        self.load(text, limit);
        if self.words.len() < 2 || self.words.len() > limit {
            return false;
        }
        units.iter().any(|u| {
            let s = similarity(&self.words, u, NEAR);
            if u.len() < MIN_UNIT_WORDS {
                s >= 1.0
            } else {
                s >= NEAR
            }
        })
    }
}

/// All template guidance left in the spec, in document order (read it
/// through [`Context::leftovers`], computed once per document).
pub(super) fn find(ctx: &Context<'_>) -> Vec<Leftover> {
    let doc = ctx.doc;
    let t = ctx.template;
    let mut out = Vec::new();
    if t.guidance.is_empty() {
        return out;
    }
    let mut m = Matcher::new(ctx);
    for si in 0..doc.sections.len() {
        let ti = template_section_of(ctx, si);
        let own: &[usize] = match ti {
            Some(ti) => &t.sections[ti].guidance,
            None => &[],
        };
        m.set_section(ti);
        let range = doc.section_block_indices(si);
        let mut next_close: Option<Vec<Option<usize>>> = None;
        let mut bi = range.start;
        while bi < range.end {
            let b = &doc.blocks[bi];
            if !is_candidate(b)
                || (b.span.len() > m.sec.max_bytes * 2 + 40 && !opens_with_bracket(doc, b.span))
            {
                bi += 1;
                continue;
            }
            let Some(found) = m.match_block(bi, own) else {
                bi += 1;
                continue;
            };
            let mut end = found.end;
            let mut last = bi;
            if found.bracket && !found.closed {
                // The guidance runs to the block that ends with `]`: the
                // next such block of the section, found once per section so
                // that many unclosed `[` stay linear.
                let closes = next_close.get_or_insert_with(|| closing_blocks(doc, range.clone()));
                if let Some(j) = closes[bi + 1 - range.start] {
                    end = trim_end_offset(doc, doc.blocks[j].span);
                    last = j;
                }
            } else {
                // Following items or paragraphs of the same guidance.
                let mut j = bi + 1;
                while j < range.end {
                    let bj = &doc.blocks[j];
                    if bj.span.start < end {
                        j += 1;
                        continue;
                    }
                    match bj.kind {
                        BlockKind::List { .. } if bj.depth == 0 => {
                            j += 1;
                            continue;
                        }
                        BlockKind::Field { .. } => {
                            j += 1;
                            continue;
                        }
                        _ => {}
                    }
                    if !is_candidate(bj) || !m.continues(j, found.guidance) {
                        break;
                    }
                    end = trim_end_offset(doc, bj.span);
                    last = j;
                    j += 1;
                }
            }
            // One item of a guidance list, written as a line ending in `:` that
            // leads the author's own list ("Main components to test:" over the
            // components), is a label (the guidance's opening instruction is not).
            if !found.bracket && last == bi && b.kind == BlockKind::Paragraph {
                let opening = t.guidance[found.guidance].units.first();
                let lower = doc.slice(b.span).to_lowercase();
                let w: Vec<&str> = words(&lower).collect();
                let is_opening = opening.is_some_and(|u| similarity(&w, u, NEAR) >= NEAR);
                let leads_list = !is_opening
                    && doc.slice(b.span).trim_end().ends_with(':')
                    && doc.blocks[bi + 1..range.end]
                        .iter()
                        .find(|n| n.span.start >= b.span.end)
                        .is_some_and(|n| matches!(n.kind, BlockKind::List { .. }));
                if leads_list {
                    bi += 1;
                    continue;
                }
            }
            let region = Span::new(found.text_start, end.max(found.text_start));
            let inside = blocks_in(doc, region);
            let has_code = doc.blocks[inside].iter().any(Block::is_code);
            // A paragraph, or the first item of a list: what precedes is a
            // blank line or a heading, and one blank line after may go too.
            let starts_block = !found.after_label
                && (b.depth == 0
                    || b.parent
                        .is_some_and(|p| doc.blocks[p].span.start == b.span.start));
            out.push(Leftover {
                span: region,
                spec_section: si,
                guidance: found.guidance,
                similarity: found.similarity,
                after_label: found.after_label,
                has_code,
                starts_block,
            });
            bi = last + 1;
            while bi < range.end && doc.blocks[bi].span.start < end {
                bi += 1;
            }
        }
    }
    out
}

/// For each block index of `range` (and one past its end), the first block
/// at or after it that can close an unclosed `[` guidance paragraph: a
/// paragraph or top-level item (not code, not a `**Label:**` line) whose text
/// ends with `]`.
fn closing_blocks(doc: &Document, range: std::ops::Range<usize>) -> Vec<Option<usize>> {
    let mut out = vec![None; range.len() + 1];
    for j in range.clone().rev() {
        let bj = &doc.blocks[j];
        let item = matches!(bj.kind, BlockKind::Item { .. }) && bj.depth == 1;
        let skip =
            (bj.depth != 0 && !item) || bj.is_code() || matches!(bj.kind, BlockKind::Field { .. });
        let closes = !skip && doc.slice(bj.span).trim_end().ends_with(']');
        out[j - range.start] = if closes {
            Some(j)
        } else {
            out[j + 1 - range.start]
        };
    }
    out
}
