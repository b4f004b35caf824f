//! ## What it does
//! Reports a Build Order section that has content but no ordered structure:
//! no numbered list (`1.`, `2.`...), no numbered subheadings (`#### 1. Data
//! layer`, `### Phase 1`, `Fase 1`, `Step 1`), no numbered bold labels
//! (`**Phase 1:**`), no table of numbered steps (numbers in the first column
//! or in a `#`/`Order`/`Step` column) and no mermaid `gantt` chart. An empty Build Order is
//! reported by `empty-section` instead.
//!
//! ## Why is this bad?
//! The Build Order is a sequence: the template asks for the first component,
//! why it is first, then what depends on it. A bullet list loses the order
//! and the dependencies it stands for, and the tasks generated from the spec
//! come out in the wrong order.
//!
//! ## Example
//! ```markdown
//! ### Build Order
//!
//! - API handler and routes
//! - Migration and `Refund` model
//! - Worker and processor client
//! ```
//!
//! ## Use instead
//! ```markdown
//! ### Build Order
//!
//! 1. Migration and `Refund` model, because everything else stores refunds.
//! 2. API handler and routes.
//! 3. Worker and processor client.
//! ```
//! For a simple bullet list, `techspec check --fix` numbers it.

use super::Context;
use super::text::{
    blocks_in, first_line, identity_spans, is_numbered, item_text_start, template_section_of,
};
use crate::model::diagnostic::{Diagnostic, Edit};
use crate::model::document::{BlockKind, Document, Span};

pub const CODE: &str = "TS210";

/// Header words of a column that numbers the steps.
const ORDER_COLUMNS: &[&str] = &[
    "#", "n", "nº", "no", "order", "step", "phase", "stage", "ordem", "passo", "etapa", "fase",
];

/// A table whose rows are numbered: in the first column, or in a column
/// headed `#`, `Order`, `Step`, `Phase`...
fn numbered_table(doc: &Document, table: usize) -> bool {
    let cells = doc.table_cells(table);
    let clean = |s: &str| s.trim().trim_matches(['*', '_', '`']).trim().to_lowercase();
    let cols: Vec<usize> = cells
        .iter()
        .filter(|c| c.row == 0)
        .filter(|c| c.col == 0 || ORDER_COLUMNS.contains(&clean(doc.slice(c.span)).as_str()))
        .map(|c| c.col)
        .collect();
    let body: Vec<_> = cells.iter().filter(|c| c.row > 0).collect();
    !body.is_empty()
        && cols.iter().any(|&col| {
            body.iter()
                .filter(|c| c.col == col)
                .all(|c| is_numbered(doc.slice(c.span)))
        })
}

fn is_content(doc: &Document, kind: &BlockKind, span: Span) -> bool {
    !matches!(
        kind,
        BlockKind::Html | BlockKind::ThematicBreak | BlockKind::Field { .. }
    ) && !doc.slice(span).trim().is_empty()
}

pub fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(ti) = ctx.template.section_by_identity("build-order") else {
        return;
    };
    let doc = ctx.doc;
    let title = &ctx.template.sections[ti].title;
    for (si, span) in identity_spans(ctx, "build-order") {
        let blocks: Vec<_> = doc.blocks[blocks_in(doc, span)]
            .iter()
            .filter(|b| b.section.and_then(|s| template_section_of(ctx, s)) == Some(ti))
            .collect();
        let top: Vec<_> = blocks
            .iter()
            .filter(|b| b.depth == 0 && is_content(doc, &b.kind, b.span))
            .collect();
        if top.is_empty() && doc.sections[si].children.is_empty() {
            continue; // empty: `empty-section`'s job
        }
        let ordered_list = top
            .iter()
            .any(|b| matches!(b.kind, BlockKind::List { ordered: true, .. }));
        let numbered_headings = doc
            .subtree(si)
            .iter()
            .skip(1)
            .any(|&s| is_numbered(&doc.section_heading(s).text));
        let numbered_labels = blocks.iter().any(|b| match &b.kind {
            BlockKind::Field { label, .. } => is_numbered(label),
            _ => false,
        });
        let numbered_paragraphs = top
            .iter()
            .filter(|b| matches!(b.kind, BlockKind::Paragraph) && is_numbered(doc.slice(b.span)))
            .count()
            >= 2;
        let numbered_table = blocks_in(doc, span).any(|i| {
            let b = &doc.blocks[i];
            b.kind == BlockKind::Table
                && b.section.and_then(|s| template_section_of(ctx, s)) == Some(ti)
                && numbered_table(doc, i)
        });
        // A mermaid gantt chart orders its tasks by date.
        let gantt = blocks.iter().any(|b| match &b.kind {
            BlockKind::Code { lang, content, .. } => {
                lang.as_deref() == Some("mermaid")
                    && doc.slice(*content).trim_start().starts_with("gantt")
            }
            _ => false,
        });
        if ordered_list
            || numbered_headings
            || numbered_labels
            || numbered_paragraphs
            || numbered_table
            || gantt
        {
            continue;
        }
        if top.is_empty() {
            continue; // only unnumbered subsections: nothing to point at but headings, leave it
        }
        let bullets = top
            .iter()
            .find(|b| matches!(b.kind, BlockKind::List { ordered: false, .. }));
        let at = bullets.map_or(top[0].span, |b| b.span);
        let mut d = Diagnostic::new(
            CODE,
            first_line(doc, at),
            match bullets {
                Some(_) => "the build order is a bullet list; the steps are not numbered".to_string(),
                None => "the build order has no numbered list of steps".to_string(),
            },
        )
        .section(title.clone())
        .help("write the steps as a numbered list (`1.`, `2.`...), first what everything else depends on, with why");
        if let Some(list) = bullets.filter(|_| top.len() == 1) {
            if let Some(edits) = number_list(doc, list.span) {
                d = d.fix("number the list", edits);
            }
        }
        out.push(d);
    }
}

/// Edits turning a simple bullet list (one line per item, nothing nested)
/// into a numbered one.
fn number_list(doc: &Document, list: Span) -> Option<Vec<Edit>> {
    let items: Vec<_> = doc.blocks[blocks_in(doc, list)]
        .iter()
        .filter(|b| b.span.start < list.end)
        .collect();
    let mut edits = Vec::new();
    let mut n = 0usize;
    for b in items {
        match b.kind {
            BlockKind::List { .. } if b.span == list => {}
            BlockKind::Item { .. } if b.depth == 1 => {
                let body = doc.slice(b.span).trim_end();
                if body.contains('\n') {
                    return None;
                }
                n += 1;
                let text_start = item_text_start(doc, b);
                let raw = doc.slice(Span::new(b.span.start, text_start));
                let marker = raw.find(['-', '*', '+'])?;
                edits.push(Edit {
                    span: Span::new(b.span.start + marker, text_start),
                    text: format!("{n}. "),
                });
            }
            _ => return None,
        }
    }
    (n > 0).then_some(edits)
}

#[cfg(test)]
mod tests {
    use crate::engine::checks::tests::{check_fixture, findings, findings_in};
    use crate::engine::checks::text::is_numbered;

    #[test]
    fn pass() {
        assert!(findings("TS210", "pass").is_empty());
    }

    #[test]
    fn fail() {
        insta::assert_snapshot!(check_fixture("TS210", "fail"));
    }

    #[test]
    fn numbered_titles() {
        for t in [
            "1. Data layer",
            "2) API",
            "Phase 1: storage",
            "Fase 2 — API",
            "**Step 3:**",
            "12",
        ] {
            assert!(is_numbered(t), "{t}");
        }
        for t in [
            "Data layer",
            "Phase out the old API",
            "- item",
            "Step by step",
        ] {
            assert!(!is_numbered(t), "{t}");
        }
    }

    const REFUNDS: &str =
        include_str!("../../../examples/refunds/tasks/prd-payment-refunds/techspec.md");
    const ORDER: &str = "1. Migration and `Refund` model, because everything else stores or reads refunds.\n2. Refundable balance calculation in the ledger, needed by the handler.\n3. API handler and routes.\n4. Worker and processor client.\n5. Webhook branch and ledger entry on settlement.\n6. Integration tests and dashboards.\n";

    fn with_order(body: &str) -> usize {
        assert!(REFUNDS.contains(ORDER));
        findings_in("TS210", REFUNDS.replace(ORDER, body).as_bytes()).len()
    }

    #[test]
    fn the_fix_numbers_a_simple_bullet_list() {
        let text =
            std::fs::read_to_string(crate::engine::checks::tests::fixture_path("TS210", "fail"))
                .unwrap();
        let doc = crate::model::document::Document::parse(&text);
        let checker = crate::engine::Checker::new(crate::model::template::TemplateSet::builtins());
        let outcome = checker.check_document(std::path::Path::new("x.md"), &doc);
        let d = outcome
            .diagnostics
            .iter()
            .find(|d| d.code == "TS210")
            .unwrap();
        let mut edits = d.fix.as_ref().expect("a fix").edits.clone();
        edits.sort_by_key(|e| std::cmp::Reverse(e.span.start));
        let mut fixed = text.clone();
        for e in edits {
            fixed.replace_range(e.span.range(), &e.text);
        }
        assert_eq!(fixed, REFUNDS);
    }

    #[test]
    fn ordered_variants() {
        assert_eq!(
            with_order("#### Phase 1: storage\n\n- Migration\n\n#### Phase 2: API\n\n- Handler\n"),
            0
        );
        assert_eq!(
            with_order("#### 1. Storage\n\nMigration first.\n\n#### 2. API\n\nThen the handler.\n"),
            0
        );
        assert_eq!(
            with_order("**Phase 1:** migration.\n\n**Phase 2:** handler.\n"),
            0
        );
        assert_eq!(
            with_order("| Step | What |\n|---|---|\n| 1 | Migration |\n| 2 | Handler |\n"),
            0
        );
        assert_eq!(
            with_order("Migration first, then the handler, then the worker.\n"),
            1
        );
        assert_eq!(with_order("- Migration\n- Handler\n"), 1);
    }

    /// A numbered table (numbers in an `Order` column, not the first), and a
    /// mermaid gantt chart, are ordered; a table of unnumbered rows is not.
    #[test]
    fn numbered_tables_and_gantt_charts_are_ordered() {
        assert_eq!(
            with_order(
                "| Component | Order | Why |\n|---|---|---|\n| Migration | 1 | first |\n| Handler | 2 | then |\n"
            ),
            0
        );
        assert_eq!(
            with_order(
                "```mermaid\ngantt\n    title Build\n    section Storage\n    Migration :a1, 2026-01-01, 3d\n    Handler :after a1, 2d\n```\n"
            ),
            0
        );
        assert_eq!(
            with_order(
                "| Component | Why |\n|---|---|\n| Migration | first |\n| Handler | then |\n"
            ),
            1
        );
        assert_eq!(with_order("```mermaid\nflowchart LR\n  A --> B\n```\n"), 1);
    }
}
