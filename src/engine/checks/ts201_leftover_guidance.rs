//! ## What it does
//! Reports template guidance left in the spec, verbatim or nearly (a word or
//! two changed): the `[...]` instructions of the template — "[Brief
//! description of the main components and their responsibilities: ...]",
//! "[List relevant files here]" — whether still in brackets or not. Each
//! paragraph and list item is compared word by word with the guidance of the
//! template section it belongs to; a paragraph that starts with `[` is
//! compared with all of the template's guidance. Works in any language the
//! template is written in (the Portuguese templates' guidance is Portuguese).
//!
//! ## Why is this bad?
//! Guidance is an instruction to the author, not content. Left in place, it
//! tells the reader nothing, makes a section look answered when it is not,
//! and agents that implement the spec may take it as a requirement.
//!
//! ## Example
//! ```markdown
//! ### Component Overview
//!
//! [Brief description of the main components and their responsibilities:
//!
//! - Component names and primary functions
//! - Key relationships between components
//! - Data flow overview]
//! ```
//!
//! ## Use instead
//! ```markdown
//! ### Component Overview
//!
//! - **Refund API handler** (`internal/refunds/handler.go`): validates and stores refunds.
//! - **Refund worker** (`internal/refunds/worker.go`): submits refunds to the processor.
//! ```
//! When the section has content besides the guidance, `techspec check --fix`
//! deletes the guidance.

use super::Context;
use super::text::{delete_lines, excerpt, template_section_of};
use crate::model::diagnostic::Diagnostic;
use crate::model::document::{BlockKind, Span};

pub const CODE: &str = "TS201";

/// Similarity from which guidance is verbatim enough to delete safely.
const VERBATIM: f64 = 0.9;

/// Whether a spec section has content outside `span`.
fn other_content(ctx: &Context<'_>, si: usize, span: Span) -> bool {
    let doc = ctx.doc;
    !doc.sections[si].children.is_empty()
        || doc.section_blocks(si).iter().any(|b| {
            !span.contains(b.span.start)
                && (b.depth == 0 || b.span.start >= span.end || b.span.end <= span.start)
                && !matches!(
                    b.kind,
                    BlockKind::Html
                        | BlockKind::ThematicBreak
                        | BlockKind::Field { .. }
                        | BlockKind::List { .. }
                )
                && !doc.slice(b.span).trim().is_empty()
        })
}

pub fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let doc = ctx.doc;
    let t = ctx.template;
    for l in ctx.leftovers() {
        let g = &t.guidance[l.guidance];
        let title = t.sections[g.section].title.clone();
        let quoted = excerpt(doc.slice(l.span), 60);
        let how = if l.similarity >= 1.0 {
            "template guidance left in the spec"
        } else {
            "template guidance left in the spec, nearly verbatim"
        };
        let own = template_section_of(ctx, l.spec_section) == Some(g.section);
        let from = if own {
            String::new()
        } else {
            format!(" (guidance of \"{title}\")")
        };
        let has_other = other_content(ctx, l.spec_section, l.span);
        let help = if has_other {
            "delete the guidance: the section's own content is already there"
        } else {
            "replace the guidance with the section's real content"
        };
        let mut d = Diagnostic::new(CODE, l.span, format!("{how}{from}: \"{quoted}\""))
            .section(title)
            .help(help);
        if l.similarity >= VERBATIM && !l.after_label && !l.has_code && has_other {
            d = d.fix(
                "remove the template guidance",
                vec![delete_lines(doc, l.span, l.starts_block)],
            );
        }
        out.push(d);
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::checks::tests::{all_findings_in, check_fixture, findings, findings_in};

    #[test]
    fn pass() {
        assert!(findings("TS201", "pass").is_empty());
    }

    #[test]
    fn fail() {
        insta::assert_snapshot!(check_fixture("TS201", "fail"));
    }

    const REFUNDS: &str =
        include_str!("../../../examples/refunds/tasks/prd-payment-refunds/techspec.md");

    fn replace(from: &str, to: &str) -> String {
        assert!(REFUNDS.contains(from), "{from}");
        REFUNDS.replacen(from, to, 1)
    }

    #[test]
    fn one_word_changed_is_still_guidance() {
        let spec = replace(
            "The main decisions are",
            "Summarize the key architectural decisions and implementation strategy in 1-2 paragraphs.\n\nThe main decisions are",
        );
        let f = findings_in("TS201", spec.as_bytes());
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(
            f[0].message.contains("nearly verbatim") || f[0].message.contains("left"),
            "{}",
            f[0].message
        );
    }

    #[test]
    fn guidance_with_its_list_is_one_finding_with_a_fix() {
        let spec = replace(
            "### Component Overview\n\n",
            "### Component Overview\n\n[Brief description of the main components and their responsibilities:\n\n- Component names and primary functions\n- Key relationships between components\n- Data flow overview]\n\n",
        );
        let bytes = spec.as_bytes();
        let f = findings_in("TS201", bytes);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!((f[0].line, f[0].end_line), (13, 17));
        // The fix removes exactly the guidance and its blank line.
        let doc = crate::model::document::Document::parse(&spec);
        let checker = crate::engine::Checker::new(crate::model::template::TemplateSet::builtins());
        let outcome = checker.check_document(std::path::Path::new("x.md"), &doc);
        let d = outcome
            .diagnostics
            .iter()
            .find(|d| d.code == "TS201")
            .unwrap();
        let fix = d.fix.as_ref().expect("a fix");
        let mut fixed = spec.clone();
        fixed.replace_range(fix.edits[0].span.range(), &fix.edits[0].text);
        assert_eq!(fixed, REFUNDS);
        // No placeholder finding for the same text.
        assert!(all_findings_in(bytes).iter().all(|d| d.code != "TS202"));
    }

    #[test]
    fn guidance_alone_in_its_section_has_no_fix() {
        let spec = replace(
            "- `internal/payments/ledger.go`\n- `internal/payments/webhook.go`\n- `internal/refunds/handler.go`\n- `internal/refunds/worker.go`\n- `migrations/0007_refunds.sql`\n",
            "[List relevant files here]\n",
        );
        let doc = crate::model::document::Document::parse(&spec);
        let checker = crate::engine::Checker::new(crate::model::template::TemplateSet::builtins());
        let outcome = checker.check_document(std::path::Path::new("x.md"), &doc);
        let d: Vec<_> = outcome
            .diagnostics
            .iter()
            .filter(|d| d.code == "TS201")
            .collect();
        assert_eq!(d.len(), 1);
        assert!(d[0].fix.is_none());
        assert!(outcome.diagnostics.iter().all(|d| d.code != "TS202"));
    }

    #[test]
    fn portuguese_guidance() {
        let spec = "# Especificação Técnica: Reembolsos\n\n## Resumo Executivo\n\nReembolsos viram um módulo novo.\n\n## Arquitetura do Sistema\n\n### Visão Geral dos Componentes\n\n[Descreva brevemente os principais componentes e as suas responsabilidades:\n\n- Nome de cada componente e sua função principal\n- Relações-chave entre os componentes\n- Visão geral do fluxo de dados]\n\n## Design de Implementação\n\n### Interfaces Principais\n\nx\n\n### Modelos de Dados\n\nx\n\n## Abordagem de Testes\n\n### Testes Unitários\n\nx\n\n## Sequenciamento de Desenvolvimento\n\n### Ordem de Construção\n\n1. x\n\n### Dependências Técnicas\n\nx\n\n## Monitoramento e Observabilidade\n\nx\n\n## Considerações Técnicas\n\n### Decisões Principais\n\nx\n\n### Riscos Conhecidos\n\nx\n\n### Conformidade com Padrões\n\nx\n\n### Arquivos Relevantes\n\n- x\n";
        let f = findings_in("TS201", spec.as_bytes());
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].line, 11);
        assert_eq!(f[0].section.as_deref(), Some("Visão Geral dos Componentes"));
    }

    #[test]
    fn a_guidance_item_leading_the_authors_own_list_is_not_guidance() {
        let spec = replace(
            "### Unit Tests\n\n- The state machine",
            "### Unit Tests\n\nMain components to test:\n\n- The state machine",
        );
        assert!(findings_in("TS201", spec.as_bytes()).is_empty());
        // The same line followed by the template's own items is still guidance.
        let spec = replace(
            "### Unit Tests\n\n- The state machine",
            "### Unit Tests\n\nMain components to test:\n\n- Mock requirements (external services only)\n- Critical test scenarios\n\n- The state machine",
        );
        assert_eq!(findings_in("TS201", spec.as_bytes()).len(), 1);
    }

    #[test]
    fn prose_that_shares_words_is_not_guidance() {
        let spec = replace(
            "Data flows from the handler",
            "The main components and their responsibilities are described above; each one has a single owner.\n\nData flows from the handler",
        );
        assert!(findings_in("TS201", spec.as_bytes()).is_empty());
        let spec = replace(
            "The main decisions are to reuse",
            "The main architectural decisions and implementation strategy are:\n\nThe main decisions are to reuse",
        );
        assert!(findings_in("TS201", spec.as_bytes()).is_empty());
    }
}
