//! ## What it does
//! Reports a spec with more code than its code budget: more than
//! `code-budget` lines of code in all (150 by default, configurable in
//! `techspec.toml`), or more code than prose (more words inside code blocks
//! than outside them). The finding is on the title and names the longest
//! blocks. Fences left open at the end of the file are not counted.
//!
//! ## Why is this bad?
//! The word budget (TS205) leaves code out, so a spec can stay "within
//! budget" while hiding thousands of words behind "illustrative" code: real
//! specs reach 600 to 1,500 lines of schemas, components and tests. That code
//! is the implementation written too early; it goes stale, and every agent
//! that reads the spec pays for it.
//!
//! ## Example
//! A spec with 1,100 lines of code in 25 blocks (the whole schema, every
//! server action, the test files) and 1,900 words of prose.
//!
//! ## Use instead
//! Keep the contracts (interfaces, the new fields, the endpoint shapes) and
//! point to files for the rest; leave the implementation to the tasks.

use super::Context;
use super::code::block_lines;
use super::text::thousands;
use crate::model::diagnostic::Diagnostic;
use crate::model::document::BlockKind;

pub const CODE: &str = "TS212";

pub fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let doc = ctx.doc;
    let (lines, count) = ctx.code_totals();
    // Neither finding is possible within both limits: most specs stop here,
    // before the code's words are counted.
    if lines <= ctx.settings.code_budget && lines <= ctx.settings.max_code_lines {
        return;
    }
    let mut blocks: Vec<(usize, usize)> = Vec::new();
    let mut code_words = 0usize;
    for (i, b) in doc.blocks.iter().enumerate() {
        let (Some(n), BlockKind::Code { content, .. }) = (block_lines(b), &b.kind) else {
            continue;
        };
        blocks.push((n, i));
        code_words += doc.slice(*content).split_ascii_whitespace().count();
    }
    let budget = ctx.settings.code_budget;
    let prose = doc.word_count();
    let over_budget = lines > budget;
    let outweighs = code_words > prose && lines > ctx.settings.max_code_lines;
    if !over_budget && !outweighs {
        return;
    }
    let span = doc.title_or_first_line();
    let mut message = format!(
        "the spec has {} lines of code in {count} block{}",
        thousands(lines),
        if count == 1 { "" } else { "s" }
    );
    if over_budget {
        message.push_str(&format!(", over the code budget of {}", thousands(budget)));
    }
    if outweighs {
        message.push_str(&format!(
            "{} more code ({} words) than prose ({} words)",
            if over_budget { ", and" } else { ":" },
            thousands(code_words),
            thousands(prose)
        ));
    }
    blocks.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let longest: Vec<String> = blocks
        .iter()
        .take(3)
        .map(|&(n, i)| {
            format!(
                "line {} ({n} lines)",
                doc.line_col(doc.blocks[i].span.start).line
            )
        })
        .collect();
    out.push(
        Diagnostic::new(CODE, span, message).help(format!(
            "keep the contracts (interfaces, new fields, endpoint shapes) and point to files for the rest; longest blocks: {}",
            longest.join(", ")
        )),
    );
}

#[cfg(test)]
mod tests {
    use crate::engine::checks::tests::{check_fixture, findings, findings_in};

    #[test]
    fn pass() {
        assert!(findings("TS212", "pass").is_empty());
    }

    #[test]
    fn fail() {
        insta::assert_snapshot!(check_fixture("TS212", "fail"));
    }

    #[test]
    fn code_outweighing_prose_is_reported_under_the_line_budget() {
        let code: String = (0..60).map(|i| format!("a{i} b c d e f\n")).collect();
        let spec = format!("# T: X\n\n## A\n\nShort prose here.\n\n```\n{code}```\n");
        let f = findings_in("TS212", spec.as_bytes());
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(
            f[0].message.contains("more code (360 words) than prose"),
            "{}",
            f[0].message
        );
    }
}
