//! The document parser on arbitrary bytes: parsing never panics, and every
//! span it records converts to a line/column inside the text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use techspec::model::document::{Document, Span};

fn check_span(doc: &Document, span: Span) {
    assert!(span.start <= span.end, "inverted span {span:?}");
    assert!(
        span.end <= doc.text.len(),
        "span {span:?} past the end ({})",
        doc.text.len()
    );
    let _ = doc.slice(span);
    for off in [span.start, span.end] {
        let lc = doc.line_col(off);
        assert!(lc.line >= 1 && lc.column >= 1);
        assert!(
            lc.line <= doc.lines.line_count() + 1,
            "line {} of {}",
            lc.line,
            doc.lines.line_count()
        );
        let (l, c) = doc.lines.line_utf16(&doc.text, off);
        let back = doc.lines.offset_utf16(&doc.text, l, c);
        assert!(back <= doc.text.len());
    }
}

fuzz_target!(|data: &[u8]| {
    let doc = Document::from_bytes(data);
    for h in &doc.headings {
        check_span(&doc, h.span);
        check_span(&doc, h.text_span);
    }
    for b in &doc.blocks {
        check_span(&doc, b.span);
    }
    for i in &doc.inlines {
        check_span(&doc, i.span);
    }
    for (i, s) in doc.sections.iter().enumerate() {
        check_span(&doc, s.span);
        check_span(&doc, s.body);
        assert!(s.blocks.end <= doc.blocks.len());
        assert!(doc.subtree(i).len() <= doc.sections.len());
    }
    if let Some(fm) = doc.frontmatter {
        check_span(&doc, fm);
    }
    let _ = doc.word_count();
});
