//! What several checks read from one document, computed on first use and
//! kept on the [`Context`] for the others (as rumdl's `LintContext` does):
//! the template guidance left in it, which sections are empty, which code
//! examples are over their section's limit. A check reads these through the
//! accessors here, never through another check's module.

use super::Context;
use super::code::{Example, examples};
use super::guidance::{self, Leftover};
use super::text::{is_stand_in, template_section_of};
use crate::model::align::SpecMatch;
use crate::model::document::{Block, BlockKind};

/// The examples of one code block over the template's limit for its section.
#[derive(Debug, Clone)]
pub struct OverLimit {
    /// Index of the code block in `Document::blocks`.
    pub block: usize,
    /// Its examples longer than the limit (never empty).
    pub examples: Vec<Example>,
    pub limit: usize,
    /// The template section that sets the limit.
    pub template_section: usize,
}

impl Context<'_> {
    /// All template guidance left in the spec, in document order (TS201
    /// reports them; TS202 reports no placeholder inside one).
    pub fn leftovers(&self) -> &[Leftover] {
        self.memo.leftovers.get_or_init(|| guidance::find(self))
    }

    /// Per spec section: whether it is empty as TS105 reports it: matched
    /// to a template section without subsections, with no subsections of
    /// its own, and nothing in its body but stand-ins (TBD, "...") and
    /// markup. TS202 reports no placeholder inside such a section.
    pub fn empty_sections(&self) -> &[bool] {
        self.memo
            .empty_sections
            .get_or_init(|| empty_sections(self))
    }

    /// Lines of code in the spec's code blocks, and how many blocks (fences
    /// left open excluded): TS212's totals and the spec's statistics.
    pub fn code_totals(&self) -> (usize, usize) {
        *self
            .memo
            .code_totals
            .get_or_init(|| super::code::totals(self.doc))
    }

    /// The code blocks with examples over the template's limit for their
    /// section, in document order (TS203 reports them; TS211 does not
    /// report such a block a second time).
    pub fn code_over_limit(&self) -> &[OverLimit] {
        self.memo.over_limit.get_or_init(|| {
            self.doc
                .blocks
                .iter()
                .enumerate()
                .filter_map(|(bi, b)| over_limit(self, bi, b))
                .collect()
        })
    }
}

fn empty_sections(ctx: &Context<'_>) -> Vec<bool> {
    let doc = ctx.doc;
    (0..doc.sections.len())
        .map(|si| {
            let SpecMatch::Section { template: ti, .. } = ctx.align.spec[si] else {
                return false;
            };
            if !doc.sections[si].children.is_empty()
                || !ctx.template.sections[ti].children.is_empty()
            {
                return false;
            }
            !doc.section_blocks(si).iter().any(|b| {
                b.depth == 0
                    && match b.kind {
                        BlockKind::Html | BlockKind::ThematicBreak | BlockKind::Field { .. } => {
                            false
                        }
                        BlockKind::Paragraph => !is_stand_in(doc.slice(b.span)),
                        BlockKind::List { .. } => {
                            !is_stand_in(doc.slice(b.span).trim_start_matches(['-', '*', '+']))
                        }
                        _ => true,
                    }
            })
        })
        .collect()
}

/// The examples of code block `b` over the template's limit for its section.
fn over_limit(ctx: &Context<'_>, bi: usize, b: &Block) -> Option<OverLimit> {
    let BlockKind::Code {
        lines,
        unclosed,
        content,
        ..
    } = &b.kind
    else {
        return None;
    };
    // An unclosed fence runs to the end of the file: its length means nothing.
    if *unclosed {
        return None;
    }
    let si = b.section?;
    // The nearest section the template knows decides the limit.
    let ti = template_section_of(ctx, si)?;
    let limit = ctx
        .settings
        .example_limit(ctx.template.sections[ti].code_limit)?;
    if *lines <= limit {
        return None;
    }
    let over: Vec<Example> = examples(ctx.doc.slice(*content))
        .into_iter()
        .filter(|e| e.lines > limit)
        .collect();
    (!over.is_empty()).then_some(OverLimit {
        block: bi,
        examples: over,
        limit,
        template_section: ti,
    })
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::engine::checks::Context;
    use crate::engine::settings::Settings;
    use crate::model::align::{SpecHeadings, align};
    use crate::model::document::Document;
    use crate::model::template::TemplateSet;

    /// TS201 and TS202 read one search for leftovers, TS105 and TS202 one
    /// reading of the sections: the second call returns the first result.
    #[test]
    fn each_analysis_is_computed_once_per_document() {
        let set = TemplateSet::builtins();
        let template = set.get("standard").unwrap();
        let doc = Document::parse(
            "# Technical Specification: X\n\n## Executive Summary\n\nTBD\n\n## System Architecture\n\n[Brief description of the main components and their responsibilities]\n",
        );
        let alignment = align(&doc, &SpecHeadings::new(&doc), template);
        let settings = Settings::default();
        let ctx = Context {
            path: Path::new("spec.md"),
            doc: &doc,
            template,
            align: &alignment,
            settings: &settings,
            project: None,
            memo: Default::default(),
        };
        let first = ctx.leftovers();
        assert!(!first.is_empty());
        assert!(std::ptr::eq(first, ctx.leftovers()));
        let empty = ctx.empty_sections();
        assert!(empty.iter().any(|&e| e), "{empty:?}");
        assert!(std::ptr::eq(empty, ctx.empty_sections()));
        assert!(std::ptr::eq(ctx.code_over_limit(), ctx.code_over_limit()));
    }
}
