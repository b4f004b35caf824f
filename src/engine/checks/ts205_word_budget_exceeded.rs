//! ## What it does
//! Reports a spec longer than the word budget: 2,500 words by default,
//! `word-budget` in `techspec.toml`; when the project's create-techspec
//! command, agent, prompt or skill states a target ("Keep to ~2,000 words",
//! "Manter até ~2.000 palavras"), that number is the project's default and
//! the finding names the file it came from. Code blocks and frontmatter are not
//! counted; a code span counts as one word. The finding is on the title and
//! names the longest sections.
//!
//! ## Why is this bad?
//! The spec-driven workflow asks for a spec of about 2,000 words; real specs
//! written by agents reach 3,000 to 4,500, repeating the PRD and explaining
//! the obvious. Long specs are skimmed, not reviewed, and they cost every
//! agent that reads them context and attention.
//!
//! ## Example
//! A 3,800-word spec that restates the PRD's user stories in the Executive
//! Summary and walks through every function in Component Overview.
//!
//! ## Use instead
//! Keep decisions, contracts and risks; link to the PRD instead of restating
//! it; move step-by-step detail to the tasks.

use super::Context;
use super::text::thousands;
use crate::model::diagnostic::Diagnostic;

pub const CODE: &str = "TS205";

pub fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let doc = ctx.doc;
    let count = doc.word_count();
    let budget = ctx.settings.word_budget;
    if count <= budget {
        return;
    }
    let span = doc.title_or_first_line();
    // The longest top-level sections (their subsections included).
    let mut by_size: Vec<(usize, usize)> = doc
        .roots
        .iter()
        .map(|&r| (subtree_words(doc, r), r))
        .filter(|&(w, _)| w > 0)
        .collect();
    by_size.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let longest: Vec<String> = by_size
        .iter()
        .take(3)
        .map(|&(w, s)| format!("\"{}\" {}", doc.section_heading(s).text, thousands(w)))
        .collect();
    let mut help = format!(
        "cut about {} words: keep decisions, contracts and risks, link to the PRD instead of restating it",
        thousands(count - budget)
    );
    if !longest.is_empty() {
        help.push_str(&format!("; longest sections: {}", longest.join(", ")));
    }
    out.push(
        Diagnostic::new(
            CODE,
            span,
            format!(
                "the spec has {} words (code excluded), over the budget of {}{}",
                thousands(count),
                thousands(budget),
                ctx.settings
                    .word_budget_source
                    .as_deref()
                    .map_or_else(String::new, |s| format!(" (set in `{s}`)"))
            ),
        )
        .help(help),
    );
}

fn subtree_words(doc: &crate::model::document::Document, s: usize) -> usize {
    doc.sections[s].words
        + doc.sections[s]
            .children
            .iter()
            .map(|&c| subtree_words(doc, c))
            .sum::<usize>()
}

#[cfg(test)]
mod tests {
    use crate::engine::checks::tests::{check_fixture, findings, findings_in};
    use crate::engine::checks::text::thousands;

    #[test]
    fn pass() {
        assert!(findings("TS205", "pass").is_empty());
    }

    #[test]
    fn fail() {
        insta::assert_snapshot!(check_fixture("TS205", "fail"));
    }

    #[test]
    fn code_is_not_counted_and_untitled_specs_point_at_line_one() {
        let code: String = (0..3000).map(|i| format!("word{i} ")).collect();
        assert!(
            findings_in(
                "TS205",
                format!("# T\n\n## A\n\n```\n{code}\n```\n").as_bytes()
            )
            .is_empty()
        );
        let f = findings_in("TS205", format!("intro\n\n## A\n\n{code}\n").as_bytes());
        assert_eq!((f.len(), f[0].line, f[0].column), (1, 1, 1));
    }

    #[test]
    fn thousands_separator() {
        assert_eq!(thousands(2500), "2,500");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1234567), "1,234,567");
    }
}
