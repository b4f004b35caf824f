//! Check documentation (the Markdown of each check's doc comment) split into
//! plain blocks — headings, paragraphs, code — so the HTML template can show
//! it with escaping and no Markdown renderer.

use serde::Serialize;

/// What a [`DocBlock`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DocBlockKind {
    Heading,
    Paragraph,
    Code,
}

/// One block of a check's documentation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocBlock {
    pub kind: DocBlockKind,
    pub text: String,
}

/// Splits check documentation into blocks: `## ` lines are headings, fenced
/// code is kept verbatim, other lines are joined into paragraphs.
pub fn doc_blocks(markdown: &str) -> Vec<DocBlock> {
    let mut out = Vec::new();
    let mut para: Vec<&str> = Vec::new();
    let mut code: Option<Vec<&str>> = None;
    let flush = |para: &mut Vec<&str>, out: &mut Vec<DocBlock>| {
        if !para.is_empty() {
            out.push(DocBlock {
                kind: DocBlockKind::Paragraph,
                text: para.join(" "),
            });
            para.clear();
        }
    };
    for line in markdown.lines() {
        if let Some(lines) = &mut code {
            if line.trim_start().starts_with("```") {
                out.push(DocBlock {
                    kind: DocBlockKind::Code,
                    text: lines.join("\n"),
                });
                code = None;
            } else {
                lines.push(line);
            }
        } else if line.trim_start().starts_with("```") {
            flush(&mut para, &mut out);
            code = Some(Vec::new());
        } else if let Some(h) = line.strip_prefix("## ") {
            flush(&mut para, &mut out);
            out.push(DocBlock {
                kind: DocBlockKind::Heading,
                text: h.trim().to_string(),
            });
        } else if line.trim().is_empty() {
            flush(&mut para, &mut out);
        } else {
            para.push(line.trim());
        }
    }
    if let Some(lines) = code {
        out.push(DocBlock {
            kind: DocBlockKind::Code,
            text: lines.join("\n"),
        });
    }
    flush(&mut para, &mut out);
    out
}

/// The paragraphs under one `## heading` of check documentation, joined.
pub fn doc_section(markdown: &str, heading: &str) -> String {
    let blocks = doc_blocks(markdown);
    blocks
        .iter()
        .skip_while(|b| !(b.kind == DocBlockKind::Heading && b.text == heading))
        .skip(1)
        .take_while(|b| b.kind != DocBlockKind::Heading)
        .filter(|b| b.kind == DocBlockKind::Paragraph)
        .map(|b| b.text.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}
