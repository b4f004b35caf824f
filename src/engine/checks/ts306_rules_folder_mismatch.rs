//! ## What it does
//! Reports a rules folder named in Standards Compliance (`@.cursor/rules`,
//! `@kilocode/rules`) that this project does not have, when the project keeps
//! its agent rules in another folder (`.kilocode/rules`, `.claude/rules`...).
//! It usually means the spec was written from a template made for another
//! agent, and its rules research looked in the wrong place.
//!
//! ## Why is this bad?
//! The rules that really govern this repository were never read.
//!
//! ## Example
//! ```markdown
//! ### Standards Compliance
//! Rules researched in @.cursor/rules: none apply.
//! ```
//! (the project has `.kilocode/rules/`)
//!
//! ## Use instead
//! Research the project's own folder (`techspec rules --spec PATH`), and
//! render the template for it: `techspec new --rules-dir .kilocode/rules`.

use std::sync::LazyLock;

use regex::Regex;

use super::Context;
use super::project_view::standards_text;
use crate::model::diagnostic::Diagnostic;
use crate::model::document::Span;

pub const CODE: &str = "TS306";

static FOLDER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"@?\.?(cursor|kilocode|kilo|claude|roo|windsurf|continue)/rules\b|@?\.clinerules\b|@?\.github/instructions\b").expect("a valid regex")
});

pub fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(project) = ctx.project else { return };
    if project.rules_dirs.is_empty() {
        return;
    }
    let Some((start, text)) = standards_text(ctx) else {
        return;
    };
    // Every folder `FOLDER` finds ends in `rules` or `instructions`: most
    // sections name neither, and a byte search rules them out cheaper.
    if !(text.contains("rules") || text.contains("instructions")) {
        return;
    }
    let mut seen = Vec::new();
    for m in FOLDER.find_iter(text) {
        let raw = m.as_str();
        let folder = raw.trim_start_matches('@');
        let folder = if folder.starts_with('.') {
            folder.to_string()
        } else {
            format!(".{folder}")
        };
        // `.cursor/rules/x.mdc` cites a file inside the folder: the folder must exist.
        if project.rules_dirs.contains(&folder)
            || project.root.join(&folder).is_dir()
            || seen.contains(&folder)
        {
            continue;
        }
        seen.push(folder.clone());
        out.push(
            Diagnostic::new(
                CODE,
                Span::new(start + m.start(), start + m.end()),
                format!(
                    "names the rules folder `{folder}`, but this project keeps its rules in {}",
                    project
                        .rules_dirs
                        .iter()
                        .map(|d| format!("`{d}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            )
            .section("Standards Compliance")
            .help(format!(
                "research the rules in `{}` (`techspec rules --spec PATH`)",
                project.rules_dirs[0]
            )),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::checks::tests::project_findings;

    #[test]
    fn pass() {
        assert!(project_findings("TS306", "pass").is_empty());
    }

    #[test]
    fn fail() {
        insta::assert_snapshot!(crate::engine::checks::tests::render(&project_findings(
            "TS306", "fail"
        )));
    }
}
