use super::*;

fn doc(s: &str) -> Document {
    Document::parse(s)
}

#[test]
fn title_sections_and_tree() {
    let d = doc(
        "# Technical Specification: X\n\nintro words here\n\n## A\n\ntext a\n\n### A1\n\nmore\n\n## B\n\nend\n",
    );
    assert_eq!(
        d.title_heading().unwrap().text,
        "Technical Specification: X"
    );
    let names: Vec<_> = d
        .sections
        .iter()
        .map(|s| d.headings[s.heading].text.as_str())
        .collect();
    assert_eq!(names, ["A", "A1", "B"]);
    assert_eq!(d.roots, vec![0, 2]);
    assert_eq!(d.sections[0].children, vec![1]);
    assert_eq!(d.sections[1].parent, Some(0));
    assert_eq!(d.preamble_words, 3);
    assert_eq!(d.sections[0].words, 2);
    // A's body stops at A1; A's span runs to B
    assert!(d.slice(d.sections[0].body).contains("text a"));
    assert!(!d.slice(d.sections[0].body).contains("more"));
    assert!(d.slice(d.sections[0].span).contains("more"));
    assert!(!d.slice(d.sections[0].span).contains("end"));
}

#[test]
fn heading_text_span_excludes_markers() {
    let d = doc("## 1. Executive Summary ##\n");
    let h = &d.headings[0];
    assert_eq!(h.text, "1. Executive Summary");
    assert_eq!(d.slice(h.text_span), "1. Executive Summary");
    assert_eq!(d.line_col(h.text_span.start).column, 4);
}

#[test]
fn code_blocks_have_language_and_line_count() {
    let d = doc("## S\n\n```go title=x\na\nb\nc\n```\n\n    indented\n    two\n");
    let codes: Vec<_> = d
        .blocks
        .iter()
        .filter_map(|b| match &b.kind {
            BlockKind::Code {
                lang,
                lines,
                fenced,
                ..
            } => Some((lang.clone(), *lines, *fenced)),
            _ => None,
        })
        .collect();
    assert_eq!(codes, vec![(Some("go".into()), 3, true), (None, 2, false)]);
    assert_eq!(d.sections[0].words, 0, "code is not counted as words");
}

#[test]
fn unclosed_fence_is_a_warning_not_a_crash() {
    let d = doc("## S\n\n```go\nfunc x() {\n");
    assert!(
        d.warnings
            .iter()
            .any(|w| w.kind == ParseWarningKind::UnclosedCodeFence)
    );
    let d = doc("## S\n\n```go\nfunc x() {\n```\n");
    assert!(d.warnings.is_empty());
}

#[test]
fn fields_lists_tasks_links_and_inline_code() {
    let d = doc(
        "## DB\n\n**Schema:**\nTables here\n\n**Indexes**: none\n\n- [x] done `a/b.rs`\n- [link](http://x)\n\n1. one\n",
    );
    let fields: Vec<_> = d
        .blocks
        .iter()
        .filter_map(|b| match &b.kind {
            BlockKind::Field { label, .. } => Some(label.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(fields, ["Schema", "Indexes"]);
    assert!(
        d.blocks
            .iter()
            .any(|b| b.kind == BlockKind::Item { task: Some(true) })
    );
    assert!(d.blocks.iter().any(|b| matches!(
        b.kind,
        BlockKind::List {
            ordered: true,
            start: Some(1)
        }
    )));
    let code = d
        .inlines
        .iter()
        .find(|i| i.kind == InlineKind::Code)
        .unwrap();
    assert_eq!(d.code_text(code), "a/b.rs");
    assert!(
        d.inlines
            .iter()
            .any(|i| matches!(&i.kind, InlineKind::Link { dest } if dest == "http://x"))
    );
    let off = d.text.find("[x]").unwrap();
    assert!(d.in_code_or_link(off));
    assert!(d.in_code_or_link(d.text.find("a/b.rs").unwrap()));
    assert!(!d.in_code_or_link(d.text.find("Tables").unwrap()));
}

#[test]
fn frontmatter_is_kept_out_of_content() {
    let d = doc("---\ntitle: x\n---\n# Title\n\n## A\n\nbody\n");
    assert_eq!(d.slice(d.frontmatter.unwrap()), "---\ntitle: x\n---\n");
    assert_eq!(d.title_heading().unwrap().text, "Title");
    assert_eq!(d.line_col(d.headings[0].span.start).line, 4);
}

#[test]
fn crlf_bom_and_portuguese_positions() {
    let src = "\u{feff}# Especificação\r\n\r\n## Seção ção\r\n\r\ntexto\r\n";
    let d = Document::from_bytes(src.as_bytes());
    assert!(d.had_bom);
    assert_eq!(d.title_heading().unwrap().text, "Especificação");
    let h = d.section_heading(0);
    assert_eq!(h.text, "Seção ção");
    assert_eq!(d.line_col(h.text_span.start).line, 3);
    let off = d.text.rfind("ção\r").unwrap();
    assert_eq!(
        d.line_col(off),
        LineCol {
            line: 3,
            column: 10
        }
    );
    assert_eq!(d.slice(h.span), "## Seção ção");
}

#[test]
fn invalid_utf8_is_replaced_and_recorded() {
    let d = Document::from_bytes(b"# T\n\n## A\n\nbad \xff\xfe byte\n");
    assert_eq!(d.warnings[0].kind, ParseWarningKind::InvalidUtf8);
    assert!(d.text.contains('\u{fffd}'));
    assert_eq!(d.sections.len(), 1);
}

#[test]
fn hostile_inputs_do_not_panic() {
    let mut nested = String::new();
    for i in 0..10_000 {
        nested.push_str(&" ".repeat(i % 200));
        nested.push_str("- x\n");
    }
    let inputs: Vec<Vec<u8>> = vec![
        vec![],
        b"\0\x01\x02\xff\xfe\xfd".to_vec(),
        b"```".to_vec(),
        b"---".to_vec(),
        b"---\n".to_vec(),
        ">".repeat(10_000).into_bytes(),
        "- ".repeat(10_000).into_bytes(),
        "[".repeat(10_000).into_bytes(),
        "#".repeat(10_000).into_bytes(),
        nested.into_bytes(),
        "\r".repeat(100).into_bytes(),
    ];
    for input in inputs {
        let d = Document::from_bytes(&input);
        for h in &d.headings {
            let _ = d.line_col(h.span.start);
        }
        for s in &d.sections {
            assert!(s.span.end <= d.text.len());
            assert!(s.body.start <= s.body.end);
        }
    }
}

#[test]
fn headings_inside_lists_do_not_open_sections() {
    let d = doc("## A\n\n- item\n\n  ## not a section\n\n## B\n");
    let names: Vec<_> = d
        .sections
        .iter()
        .map(|s| d.headings[s.heading].text.as_str())
        .collect();
    assert_eq!(names, ["A", "B"]);
}

#[test]
fn table_cells_by_row_and_column() {
    let doc =
        Document::parse("# T\n\n| Method | Path |\n| --- | --- |\n| GET | `/a` |\n|POST|/b|\n");
    let t = doc
        .blocks
        .iter()
        .position(|b| b.kind == BlockKind::Table)
        .unwrap();
    let cells: Vec<(usize, usize, &str)> = doc
        .table_cells(t)
        .iter()
        .map(|c| (c.row, c.col, doc.slice(c.span)))
        .collect();
    assert_eq!(
        cells,
        vec![
            (0, 0, "Method"),
            (0, 1, "Path"),
            (1, 0, "GET"),
            (1, 1, "`/a`"),
            (2, 0, "POST"),
            (2, 1, "/b")
        ]
    );
}

#[test]
fn part_dividers_are_neither_titles_nor_sections() {
    let d = doc(
        "# Spec: Refunds\n\n# Part I — Product\n\n## Overview\n\nText.\n\n# Part II: Technical\n\n## Executive Summary\n\nMore.\n\n# Parte 3\n\n## Outro\n\nx\n\n# Partners\n\ny\n",
    );
    let titles: Vec<&str> = d
        .parts
        .iter()
        .map(|&i| d.headings[i].text.as_str())
        .collect();
    assert_eq!(
        titles,
        ["Part I — Product", "Part II: Technical", "Parte 3"]
    );
    assert!(d.extra_titles.is_empty());
    let sections: Vec<&str> = d
        .sections
        .iter()
        .map(|s| d.headings[s.heading].text.as_str())
        .collect();
    assert_eq!(
        sections,
        ["Overview", "Executive Summary", "Outro", "Partners"]
    );
}
