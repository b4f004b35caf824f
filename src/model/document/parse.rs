//! Markdown -> [`Document`], on pulldown-cmark's offset iterator.

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

use super::{
    Block, BlockKind, Document, Heading, Inline, InlineKind, LineIndex, ParseWarning,
    ParseWarningKind, Section, Span,
};

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_GFM
}

/// Finds YAML frontmatter at the very start: `---` line, content, `---` or `...` line.
/// Returns (span, unclosed).
fn frontmatter(text: &str) -> Option<(Span, bool)> {
    let first_end = text.find('\n')?;
    if text[..first_end].trim_end() != "---" {
        return None;
    }
    let mut pos = first_end + 1;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i + 1);
        let line = text[pos..end].trim_end();
        if line == "---" || line == "..." {
            return Some((Span::new(0, end), false));
        }
        pos = end;
    }
    Some((Span::new(0, text.len()), true))
}

struct Builder<'t> {
    text: &'t str,
    doc: Document,
    /// Open container/leaf blocks: index into doc.blocks.
    open: Vec<usize>,
    /// Container depth (lists, items, quotes).
    depth: u16,
    /// Currently open sections as (section index, level).
    section_stack: Vec<(usize, u8)>,
    current_section: Option<usize>,
    in_heading: Option<(u8, usize, String)>,
    in_code: bool,
    /// Open paragraph: (block index, first inline seen?).
    para_first: Option<(usize, bool)>,
    strong_start: Option<(usize, usize, String)>,
    in_link_or_image: u32,
    prev_ws: bool,
    /// Open table: (block index, row, column of the next cell).
    table: Option<(usize, usize, usize)>,
}

impl<'t> Builder<'t> {
    fn push_block(&mut self, kind: BlockKind, span: Span) -> usize {
        let idx = self.doc.blocks.len();
        self.doc.blocks.push(Block {
            kind,
            span,
            depth: self.depth,
            section: self.current_section,
            parent: self.open.last().copied(),
        });
        idx
    }

    fn count_words(&mut self, s: &str) {
        let n = word_starts(s.as_bytes(), self.prev_ws);
        if let Some(&last) = s.as_bytes().last() {
            self.prev_ws = is_space(last);
        }
        match self.current_section {
            Some(s) => self.doc.sections[s].words += n,
            None => self.doc.preamble_words += n,
        }
    }

    fn start_section(&mut self, heading: usize, level: u8, start: usize) {
        while let Some(&(s, l)) = self.section_stack.last() {
            if l >= level {
                self.section_stack.pop();
                self.doc.sections[s].span.end = start;
            } else {
                break;
            }
        }
        let parent = self.section_stack.last().map(|&(s, _)| s);
        let idx = self.doc.sections.len();
        self.doc.sections.push(Section {
            heading,
            level,
            parent,
            children: Vec::new(),
            span: Span::new(start, self.text.len()),
            body: Span::empty(start),
            blocks: 0..0,
            words: 0,
        });
        match parent {
            Some(p) => self.doc.sections[p].children.push(idx),
            None => self.doc.roots.push(idx),
        }
        self.section_stack.push((idx, level));
        self.current_section = Some(idx);
    }
}

pub(super) fn parse(text: String, had_bom: bool) -> Document {
    // Capacities from typical specs (a block or an inline element every
    // ~200 bytes, a heading every ~800): no regrowing in the common case.
    let mut doc = Document {
        lines: LineIndex::new(&text),
        had_bom,
        blocks: Vec::with_capacity(text.len() / 160 + 8),
        inlines: Vec::with_capacity(text.len() / 160 + 8),
        headings: Vec::with_capacity(text.len() / 800 + 4),
        sections: Vec::with_capacity(text.len() / 800 + 4),
        ..Document::default()
    };
    let base = match frontmatter(&text) {
        Some((span, unclosed)) => {
            doc.frontmatter = Some(span);
            if unclosed {
                doc.warnings.push(ParseWarning {
                    kind: ParseWarningKind::UnclosedFrontmatter,
                    message: "frontmatter opened with `---` is never closed; the whole file was read as frontmatter".into(),
                    offset: 0,
                });
            }
            span.end
        }
        None => 0,
    };
    let mut b = Builder {
        text: &text,
        doc,
        open: Vec::new(),
        depth: 0,
        section_stack: Vec::new(),
        current_section: None,
        in_heading: None,
        in_code: false,
        para_first: None,
        strong_start: None,
        in_link_or_image: 0,
        prev_ws: true,
        table: None,
    };
    let body = &text[base..];
    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        let span = Span::new(range.start + base, range.end + base);
        handle(&mut b, event, span);
    }
    let mut doc = b.doc;
    let text_len = text.len();
    for &(s, _) in &b.section_stack {
        doc.sections[s].span.end = text_len;
    }
    finish_sections(&mut doc, text_len);
    doc.text = text;
    doc
}

/// ASCII whitespace (what `u8::is_ascii_whitespace` answers), written
/// without a branch or a table so that [`word_starts`] vectorises.
#[inline(always)]
fn is_space(b: u8) -> bool {
    (b == b' ') | ((b.wrapping_sub(b'\t') < 5) & (b != 0x0B))
}

/// How many words start in `bytes`: non-space bytes after a space (or after
/// the text before, when `prev_space`). Pairs of neighbours are compared
/// independently, which the compiler turns into SIMD: word counting runs on
/// every byte of prose.
fn word_starts(bytes: &[u8], prev_space: bool) -> usize {
    let Some(&first) = bytes.first() else {
        return 0;
    };
    let lead = usize::from(prev_space && !is_space(first));
    let mut n = 0usize;
    // Chunks small enough for a u8 lane counter not to overflow.
    let pairs = bytes.len() - 1;
    let (a, b) = (&bytes[..pairs], &bytes[1..]);
    for (ca, cb) in a.chunks(255).zip(b.chunks(255)) {
        let c: u8 = ca
            .iter()
            .zip(cb)
            .map(|(&x, &y)| u8::from(is_space(x) & !is_space(y)))
            .fold(0u8, |acc, v| acc.wrapping_add(v));
        n += usize::from(c);
    }
    lead + n
}

fn handle(b: &mut Builder<'_>, event: Event<'_>, span: Span) {
    match event {
        Event::Start(tag) => start(b, tag, span),
        Event::End(tag) => end(b, tag, span),
        Event::Text(t) => {
            if let Some((_, _, ref mut s)) = b.in_heading {
                s.push_str(&t);
            }
            if let Some((_, _, ref mut s)) = b.strong_start {
                s.push_str(&t);
            }
            if let Some((_, ref mut first)) = b.para_first {
                *first = false;
            }
            if b.in_code {
                if let Some(&i) = b.open.last() {
                    if let BlockKind::Code { content, .. } = &mut b.doc.blocks[i].kind {
                        if content.is_empty() {
                            *content = span;
                        } else {
                            content.end = span.end;
                        }
                    }
                }
            } else if b.in_heading.is_none() {
                b.count_words(&t);
            }
        }
        Event::Code(c) => {
            if let Some((_, _, ref mut s)) = b.in_heading {
                s.push_str(&c);
            }
            if let Some((_, ref mut first)) = b.para_first {
                *first = false;
            }
            if b.in_heading.is_none() {
                b.count_words(" x ");
            }
            let block = if b.in_heading.is_some() {
                None
            } else {
                b.open.last().copied()
            };
            b.doc.inlines.push(Inline {
                kind: InlineKind::Code,
                span,
                block,
            });
        }
        Event::InlineHtml(_) | Event::InlineMath(_) | Event::DisplayMath(_) => {
            let block = b.open.last().copied();
            b.doc.inlines.push(Inline {
                kind: InlineKind::Html,
                span,
                block,
            });
        }
        Event::Html(_) => {}
        Event::TaskListMarker(checked) => {
            if let Some(&i) = b.open.last() {
                if let BlockKind::Item { task } = &mut b.doc.blocks[i].kind {
                    *task = Some(checked);
                }
            }
            let block = b.open.last().copied();
            b.doc.inlines.push(Inline {
                kind: InlineKind::TaskMarker,
                span,
                block,
            });
        }
        Event::Rule => {
            b.push_block(BlockKind::ThematicBreak, span);
        }
        Event::SoftBreak | Event::HardBreak => {
            b.prev_ws = true;
            if let Some((_, _, ref mut s)) = b.in_heading {
                s.push(' ');
            }
        }
        Event::FootnoteReference(_) => {}
    }
}

fn start(b: &mut Builder<'_>, tag: Tag<'_>, span: Span) {
    match tag {
        Tag::Heading { level, .. } => {
            b.in_heading = Some((level as u8, span.start, String::new()));
        }
        Tag::Paragraph => {
            let i = b.push_block(BlockKind::Paragraph, span);
            b.open.push(i);
            b.para_first = Some((i, true));
            b.prev_ws = true;
        }
        Tag::List(start) => {
            let i = b.push_block(
                BlockKind::List {
                    ordered: start.is_some(),
                    start,
                },
                span,
            );
            b.open.push(i);
            b.depth = b.depth.saturating_add(1);
        }
        Tag::Item => {
            let i = b.push_block(BlockKind::Item { task: None }, span);
            b.open.push(i);
            b.prev_ws = true;
        }
        Tag::BlockQuote(_) => {
            let i = b.push_block(BlockKind::BlockQuote, span);
            b.open.push(i);
            b.depth = b.depth.saturating_add(1);
        }
        Tag::CodeBlock(kind) => {
            let (fenced, info) = match kind {
                CodeBlockKind::Fenced(info) => (true, info.trim().to_string()),
                CodeBlockKind::Indented => (false, String::new()),
            };
            let lang = info
                .split(|c: char| c.is_whitespace() || c == ',' || c == '{' || c == '}')
                .find(|w| !w.is_empty())
                .map(|w| w.trim_start_matches('.').to_ascii_lowercase());
            let i = b.push_block(
                BlockKind::Code {
                    fenced,
                    info,
                    lang,
                    content: Span::empty(span.end),
                    lines: 0,
                    unclosed: false,
                },
                span,
            );
            b.open.push(i);
            b.in_code = true;
        }
        Tag::HtmlBlock => {
            let i = b.push_block(BlockKind::Html, span);
            b.open.push(i);
        }
        Tag::Table(_) => {
            let i = b.push_block(BlockKind::Table, span);
            b.open.push(i);
            b.table = Some((i, 0, 0));
        }
        Tag::TableRow => {
            if let Some((_, row, col)) = &mut b.table {
                *row += 1;
                *col = 0;
            }
        }
        Tag::TableCell => {
            if let Some((table, row, col)) = &mut b.table {
                let raw = &b.text[span.range()];
                let lead = raw.len() - raw.trim_start_matches([' ', '\t', '|']).len();
                let body = raw.trim_matches([' ', '\t', '|']);
                let start = span.start + lead;
                b.doc.cells.push(super::Cell {
                    table: *table,
                    row: *row,
                    col: *col,
                    span: Span::new(start, start + body.len()),
                });
                *col += 1;
            }
        }
        Tag::Strong => {
            if let Some((_, true)) = b.para_first {
                b.strong_start = Some((span.start, span.end, String::new()));
            }
            if let Some((_, ref mut first)) = b.para_first {
                *first = false;
            }
        }
        Tag::Link { dest_url, .. } => {
            b.in_link_or_image += 1;
            let block = b.open.last().copied();
            b.doc.inlines.push(Inline {
                kind: InlineKind::Link {
                    dest: dest_url.to_string(),
                },
                span,
                block,
            });
            if let Some((_, ref mut first)) = b.para_first {
                *first = false;
            }
        }
        Tag::Image { dest_url, .. } => {
            b.in_link_or_image += 1;
            let block = b.open.last().copied();
            b.doc.inlines.push(Inline {
                kind: InlineKind::Image {
                    dest: dest_url.to_string(),
                },
                span,
                block,
            });
        }
        _ => {}
    }
}

/// `Part I`, `Part II — Technical`, `Parte 2: Técnica`: a heading that
/// divides a document into parts.
fn is_part_divider(text: &str) -> bool {
    let lower = text.trim().to_lowercase();
    let Some(rest) = lower
        .strip_prefix("part ")
        .or_else(|| lower.strip_prefix("parte "))
    else {
        return false;
    };
    let number: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect();
    let roman = !number.is_empty() && number.chars().all(|c| matches!(c, 'i' | 'v' | 'x'));
    let arabic =
        !number.is_empty() && number.len() <= 2 && number.chars().all(|c| c.is_ascii_digit());
    (roman || arabic)
        && rest[number.len()..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric())
}

fn end(b: &mut Builder<'_>, tag: TagEnd, span: Span) {
    match tag {
        TagEnd::Heading(_) => {
            if let Some((level, start, text)) = b.in_heading.take() {
                let raw = &b.text[span.start..span.end];
                let text_span = heading_text_span(raw, span.start);
                let idx = b.doc.headings.len();
                b.doc.headings.push(Heading {
                    level,
                    text: collapse_whitespace(text),
                    span: Span::new(start, trim_newline(b.text, span.end)),
                    text_span,
                    depth: b.depth,
                });
                if b.depth == 0 {
                    if level == 1
                        && b.doc.title.is_some()
                        && is_part_divider(&b.doc.headings[idx].text)
                    {
                        b.doc.parts.push(idx);
                    } else if level == 1 && b.doc.title.is_none() {
                        b.doc.title = Some(idx);
                        // The title closes nothing and opens no section.
                    } else if level == 1 && b.doc.sections.is_empty() {
                        // A second `#` before any section is a second title,
                        // not a section that would swallow the ones below.
                        b.doc.extra_titles.push(idx);
                    } else {
                        b.start_section(idx, level, span.start);
                        let body_start = span.end;
                        let s = b.current_section.unwrap_or(0);
                        b.doc.sections[s].body = Span::empty(body_start);
                    }
                }
            }
        }
        TagEnd::Paragraph => {
            b.open.pop();
            b.para_first = None;
            b.strong_start = None;
        }
        TagEnd::List(_) | TagEnd::BlockQuote(_) => {
            b.open.pop();
            b.depth = b.depth.saturating_sub(1);
        }
        TagEnd::Item | TagEnd::HtmlBlock => {
            b.open.pop();
        }
        TagEnd::Table => {
            b.open.pop();
            b.table = None;
        }
        TagEnd::CodeBlock => {
            if let Some(i) = b.open.pop() {
                let text = b.text;
                if let BlockKind::Code {
                    content,
                    lines,
                    unclosed,
                    fenced,
                    ..
                } = &mut b.doc.blocks[i].kind
                {
                    if content.is_empty() {
                        *lines = 0;
                    } else {
                        let c = &text[content.range()];
                        *lines = memchr::memchr_iter(b'\n', c.as_bytes()).count()
                            + usize::from(!c.ends_with('\n'));
                    }
                    if *fenced {
                        let raw = text[span.range()].trim_end();
                        let fence: String = raw
                            .trim_start()
                            .chars()
                            .take_while(|&c| c == '`' || c == '~')
                            .collect();
                        let closed = fence.len() >= 3
                            && raw.len() > fence.len()
                            && raw.lines().count() > 1
                            && raw
                                .lines()
                                .last()
                                .map(|l| {
                                    let l = l.trim();
                                    l.starts_with(&fence[..])
                                        && l.chars()
                                            .all(|c| c == fence.chars().next().unwrap_or('`'))
                                })
                                .unwrap_or(false);
                        if !closed && span.end >= trim_newline(text, text.len()) {
                            *unclosed = true;
                            b.doc.warnings.push(ParseWarning {
                                kind: ParseWarningKind::UnclosedCodeFence,
                                message:
                                    "code fence is never closed; it runs to the end of the file"
                                        .into(),
                                offset: span.start,
                            });
                        }
                    }
                }
            }
            b.in_code = false;
        }
        TagEnd::Strong => {
            if let Some((start, _, label)) = b.strong_start.take() {
                let label = label.trim();
                let after = b.text[span.end..].chars().next();
                let colon_inside = label.ends_with(':');
                let colon_after = after == Some(':');
                if (colon_inside || colon_after) && label.len() > 1 {
                    let clean = label.trim_end_matches(':').trim().to_string();
                    let end = if colon_after { span.end + 1 } else { span.end };
                    if !clean.is_empty() {
                        b.push_block(
                            BlockKind::Field {
                                label: clean,
                                label_span: Span::new(start, end),
                            },
                            Span::new(start, end),
                        );
                    }
                }
            }
        }
        TagEnd::Link | TagEnd::Image => {
            b.in_link_or_image = b.in_link_or_image.saturating_sub(1);
        }
        _ => {}
    }
}

/// Runs of whitespace as one space, none at the ends; the text itself when
/// it is already so (the usual heading).
fn collapse_whitespace(text: String) -> String {
    let bytes = text.as_bytes();
    let clean = bytes.first() != Some(&b' ')
        && bytes.last() != Some(&b' ')
        && !bytes.windows(2).any(|w| w == b"  ")
        && !text.chars().any(|c| c.is_whitespace() && c != ' ');
    if clean {
        text
    } else {
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }
}

fn trim_newline(text: &str, mut end: usize) -> usize {
    let bytes = text.as_bytes();
    while end > 0 && matches!(bytes[end - 1], b'\n' | b'\r') {
        end -= 1;
    }
    end
}

/// The span of a heading's text within its raw source (ATX or setext).
fn heading_text_span(raw: &str, base: usize) -> Span {
    let first_line_end = raw.find('\n').unwrap_or(raw.len());
    let line = &raw[..first_line_end];
    let lead = line.len() - line.trim_start().len();
    let rest = &line[lead..];
    if rest.starts_with('#') {
        let hashes = rest.bytes().take_while(|&c| c == b'#').count();
        let after = &rest[hashes..];
        let sp = after.len() - after.trim_start().len();
        let mut text = after.trim_start().trim_end();
        // closing sequence
        let without = text.trim_end_matches('#');
        if without.len() != text.len() && (without.is_empty() || without.ends_with([' ', '\t'])) {
            text = without.trim_end();
        }
        let start = base + lead + hashes + sp;
        Span::new(start, start + text.len())
    } else {
        let text = line.trim();
        Span::new(base + lead, base + lead + text.len())
    }
}

/// Sets each section's body end and block range once the whole text is read.
fn finish_sections(doc: &mut Document, text_len: usize) {
    // Body ends at the next top-level heading (any level) that opened a section, or at EOF.
    let n = doc.sections.len();
    for i in 0..n {
        let end = if i + 1 < n {
            doc.sections[i + 1].span.start
        } else {
            text_len
        };
        doc.sections[i].body.end = end.max(doc.sections[i].body.start);
    }
    // Blocks are in document order; assign contiguous ranges.
    let mut bi = 0;
    for i in 0..n {
        let body = doc.sections[i].body;
        while bi < doc.blocks.len() && doc.blocks[bi].span.start < body.start {
            bi += 1;
        }
        let start = bi;
        while bi < doc.blocks.len() && doc.blocks[bi].span.start < body.end {
            bi += 1;
        }
        doc.sections[i].blocks = start..bi;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plain loop that [`word_starts`] stands for.
    fn naive(bytes: &[u8], mut prev: bool) -> usize {
        let mut n = 0;
        for &b in bytes {
            let ws = b.is_ascii_whitespace();
            if !ws && prev {
                n += 1;
            }
            prev = ws;
        }
        n
    }

    proptest::proptest! {
        #[test]
        fn word_starts_counts_like_the_plain_loop(
            bytes in proptest::collection::vec(proptest::sample::select(vec![b' ', b'\t', b'\n', 0x0B, 0x0C, b'\r', b'a', b'.', 0xC3, 0xA7]), 0..1200),
            prev: bool,
        ) {
            proptest::prop_assert_eq!(word_starts(&bytes, prev), naive(&bytes, prev));
        }
    }

    #[test]
    fn every_ascii_byte_is_space_as_the_standard_library_says() {
        for b in 0..=255u8 {
            assert_eq!(is_space(b), b.is_ascii_whitespace(), "{b:#x}");
        }
    }
}
