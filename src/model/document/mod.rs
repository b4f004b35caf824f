//! The parsed model of a Markdown document: frontmatter, title, a tree of
//! sections by heading level, blocks and inlines, every element with its byte
//! span into [`Document::text`].
//!
//! A document is parsed once ([`Document::parse`]); every check, the template
//! parser, the LSP and the fixer read this model and never re-parse text.

mod line_index;
mod parse;

pub use line_index::{LineCol, LineIndex, floor_char_boundary};

/// A half-open byte range `start..end` into [`Document::text`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
    pub const fn empty(at: usize) -> Self {
        Span { start: at, end: at }
    }
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
    pub fn contains(&self, offset: usize) -> bool {
        self.start <= offset && offset < self.end
    }
    pub fn covers(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }
}

impl From<std::ops::Range<usize>> for Span {
    fn from(r: std::ops::Range<usize>) -> Self {
        Span::new(r.start, r.end)
    }
}

/// A heading, anywhere in the document.
#[derive(Debug, Clone)]
pub struct Heading {
    /// 1 to 6.
    pub level: u8,
    /// The heading's plain text (markup removed, `#` markers and spaces trimmed).
    pub text: String,
    /// The whole heading, markers included.
    pub span: Span,
    /// The text part of the heading line (after `## `).
    pub text_span: Span,
    /// Container nesting (0 = top level, >0 = inside a list or quote).
    pub depth: u16,
}

/// A section: a top-level heading (other than the title) and everything up to
/// the next heading of the same or a higher level.
#[derive(Debug, Clone)]
pub struct Section {
    /// Index into [`Document::headings`].
    pub heading: usize,
    pub level: u8,
    pub parent: Option<usize>,
    pub children: Vec<usize>,
    /// From the heading's start to the end of the last descendant.
    pub span: Span,
    /// The section's own content: from the end of its heading to the next heading.
    pub body: Span,
    /// Indices into [`Document::blocks`] of the blocks inside `body`.
    pub blocks: std::ops::Range<usize>,
    /// Words in `body`, code blocks excluded.
    pub words: usize,
}

/// What kind of block a [`Block`] is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BlockKind {
    Paragraph,
    List {
        ordered: bool,
        start: Option<u64>,
    },
    /// A list item; `task` is `Some(checked)` for a task-list item.
    Item {
        task: Option<bool>,
    },
    Code {
        fenced: bool,
        /// The whole info string (`go title="x"`), empty if none.
        info: String,
        /// The first word of the info string, lower-cased.
        lang: Option<String>,
        /// The code itself, without fences.
        content: Span,
        /// Lines of code inside the block.
        lines: usize,
        /// A fenced block that runs to the end of the document.
        unclosed: bool,
    },
    Table,
    BlockQuote,
    Html,
    ThematicBreak,
    /// A bold `**Label:**` at the start of a paragraph (or list item).
    Field {
        label: String,
        /// The `**Label:**` itself.
        label_span: Span,
    },
}

/// A block-level element.
#[derive(Debug, Clone)]
pub struct Block {
    pub kind: BlockKind,
    pub span: Span,
    /// Container nesting: 0 for a top-level block, 1 inside a list item or quote...
    pub depth: u16,
    /// The section this block belongs to (`None` before the first section).
    pub section: Option<usize>,
    /// The enclosing container block (list, item or quote), if any.
    pub parent: Option<usize>,
}

impl Block {
    pub fn is_code(&self) -> bool {
        matches!(self.kind, BlockKind::Code { .. })
    }
}

/// A table cell: row 0 is the header row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    /// Index into [`Document::blocks`] of the table.
    pub table: usize,
    pub row: usize,
    pub col: usize,
    /// The cell's content, without the `|` separators and padding.
    pub span: Span,
}

/// What kind of inline element an [`Inline`] is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InlineKind {
    /// A code span; [`Document::code_text`] gives its content.
    Code,
    Link {
        dest: String,
    },
    Image {
        dest: String,
    },
    /// `[ ]` / `[x]` of a task-list item.
    TaskMarker,
    Html,
}

/// An inline element with its span.
#[derive(Debug, Clone)]
pub struct Inline {
    pub kind: InlineKind,
    pub span: Span,
    /// The innermost block holding it (`None` inside a heading).
    pub block: Option<usize>,
}

/// Something noteworthy about the input that is not Markdown content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseWarning {
    pub kind: ParseWarningKind,
    pub message: String,
    pub offset: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParseWarningKind {
    InvalidUtf8,
    UnclosedFrontmatter,
    UnclosedCodeFence,
}

/// A parsed Markdown document.
#[derive(Debug, Clone, Default)]
pub struct Document {
    /// The text, BOM removed, invalid UTF-8 replaced by U+FFFD.
    pub text: String,
    pub lines: LineIndex,
    /// The input started with a UTF-8 byte-order mark (removed from `text`).
    pub had_bom: bool,
    /// The YAML frontmatter, `---` lines included; not parsed as content.
    pub frontmatter: Option<Span>,
    /// Index into `headings` of the title (the first top-level `#` heading).
    pub title: Option<usize>,
    /// Indices into `headings` of further `#` headings written before the
    /// first section (a second title); they open no section.
    pub extra_titles: Vec<usize>,
    /// Indices into `headings` of part dividers: a `#` heading after the
    /// title that names a part (`# Part II — Technical`, `# Parte I`). They
    /// are neither titles nor sections (a spec in two parts keeps its
    /// sections at `##`).
    pub parts: Vec<usize>,
    pub headings: Vec<Heading>,
    pub sections: Vec<Section>,
    /// Top-level sections, in order.
    pub roots: Vec<usize>,
    pub blocks: Vec<Block>,
    pub inlines: Vec<Inline>,
    /// Table cells, in document order.
    pub cells: Vec<Cell>,
    /// Words outside any section (the title area), code excluded.
    pub preamble_words: usize,
    pub warnings: Vec<ParseWarning>,
}

impl Document {
    /// Parses a text.
    pub fn parse(text: &str) -> Document {
        parse::parse(
            text.strip_prefix('\u{feff}').unwrap_or(text).to_owned(),
            text.starts_with('\u{feff}'),
        )
    }

    /// Parses raw bytes: a UTF-8 BOM is dropped, invalid UTF-8 is replaced
    /// (lossily) and recorded as a warning.
    pub fn from_bytes(bytes: &[u8]) -> Document {
        Document::from_vec(bytes.to_vec())
    }

    /// Like [`Document::from_bytes`], taking ownership of the bytes: valid
    /// UTF-8 becomes the document's text without a copy.
    pub fn from_vec(mut bytes: Vec<u8>) -> Document {
        let had_bom = bytes.starts_with(b"\xEF\xBB\xBF");
        if had_bom {
            bytes.drain(..3);
        }
        match String::from_utf8(bytes) {
            Ok(s) => parse::parse(s, had_bom),
            Err(e) => {
                let at = e.utf8_error().valid_up_to();
                let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
                let mut doc = parse::parse(text, had_bom);
                doc.warnings.insert(
                    0,
                    ParseWarning {
                        kind: ParseWarningKind::InvalidUtf8,
                        message: "file is not valid UTF-8; invalid bytes were replaced with U+FFFD"
                            .into(),
                        offset: at,
                    },
                );
                doc
            }
        }
    }

    /// The source text of a span.
    pub fn slice(&self, span: Span) -> &str {
        let start = floor_char_boundary(&self.text, span.start);
        let end = floor_char_boundary(&self.text, span.end.max(start));
        &self.text[start..end]
    }

    /// 1-based line and character column of a byte offset.
    pub fn line_col(&self, offset: usize) -> LineCol {
        self.lines.line_col(&self.text, offset)
    }

    /// The title heading, if any.
    pub fn title_heading(&self) -> Option<&Heading> {
        self.title.map(|i| &self.headings[i])
    }

    /// Where a finding about the whole spec points: the title heading, else
    /// the first line after the frontmatter.
    pub fn title_or_first_line(&self) -> Span {
        match self.title_heading() {
            Some(h) => h.span,
            None => {
                let at = self.frontmatter.map_or(0, |f| f.end);
                let line = self.lines.line_of(at);
                Span::from(self.lines.line_range(&self.text, line))
            }
        }
    }

    /// The lists in a section's subtree that are not nested in another
    /// block (indices into `blocks`, in document order).
    pub fn top_level_lists(&self, section: usize) -> Vec<usize> {
        let span = self.sections[section].span;
        self.blocks
            .iter()
            .enumerate()
            .filter(|(_, b)| {
                span.covers(b.span)
                    && matches!(b.kind, BlockKind::List { .. })
                    && b.parent.is_none()
            })
            .map(|(i, _)| i)
            .collect()
    }

    pub fn section_heading(&self, section: usize) -> &Heading {
        &self.headings[self.sections[section].heading]
    }

    /// The blocks in a section's own body (not its subsections).
    pub fn section_blocks(&self, section: usize) -> &[Block] {
        &self.blocks[self.sections[section].blocks.clone()]
    }

    /// Block indices of a section's own body.
    pub fn section_block_indices(&self, section: usize) -> std::ops::Range<usize> {
        self.sections[section].blocks.clone()
    }

    /// All sections in the subtree of `section`, itself first, in document order.
    pub fn subtree(&self, section: usize) -> Vec<usize> {
        let mut out = vec![section];
        let mut i = 0;
        while i < out.len() {
            let s = out[i];
            out.extend(self.sections[s].children.iter().copied());
            i += 1;
        }
        out.sort_unstable();
        out
    }

    /// The content of a code span, without backticks and padding.
    pub fn code_text(&self, inline: &Inline) -> &str {
        let raw = self.slice(inline.span);
        let inner = raw.trim_matches('`');
        if inner.len() >= 2
            && inner.starts_with(' ')
            && inner.ends_with(' ')
            && !inner.trim().is_empty()
        {
            &inner[1..inner.len() - 1]
        } else {
            inner
        }
    }

    /// The cells of the table at block index `table`, row by row.
    pub fn table_cells(&self, table: usize) -> &[Cell] {
        let first = self.cells.partition_point(|c| c.table < table);
        let end = first + self.cells[first..].partition_point(|c| c.table == table);
        &self.cells[first..end]
    }

    /// Inlines lying inside `span`.
    pub fn inlines_in(&self, span: Span) -> impl Iterator<Item = &Inline> {
        let first = self.inlines.partition_point(|i| i.span.start < span.start);
        self.inlines[first..]
            .iter()
            .take_while(move |i| i.span.start < span.end)
            .filter(move |i| i.span.end <= span.end)
    }

    /// Total words, code blocks and frontmatter excluded.
    pub fn word_count(&self) -> usize {
        self.preamble_words + self.sections.iter().map(|s| s.words).sum::<usize>()
    }

    /// Whether the byte at `offset` lies in a code block, a code span, a link
    /// destination/label, a task marker or inline HTML.
    pub fn in_code_or_link(&self, offset: usize) -> bool {
        let i = self.inlines.partition_point(|x| x.span.start <= offset);
        // Inline elements do not nest in a way that matters here: look back a few.
        if self.inlines[..i]
            .iter()
            .rev()
            .take(4)
            .any(|x| x.span.contains(offset))
        {
            return true;
        }
        let b = self.blocks.partition_point(|x| x.span.start <= offset);
        self.blocks[..b]
            .iter()
            .rev()
            .take(64)
            .any(|x| x.is_code() && x.span.contains(offset))
    }
}

#[cfg(test)]
mod tests;
