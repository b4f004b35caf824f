//! Helpers shared by the project checks (TS3xx).

use super::Context;
use crate::references::{FileRef, relevant_files};
use crate::rules::{Agent, Rule};

/// The Relevant Files references of the spec, if it has that section.
pub fn relevant_refs(ctx: &Context<'_>) -> Vec<FileRef> {
    match ctx.spec_section("relevant-files") {
        Some(si) => relevant_files(ctx.doc, si),
        None => Vec::new(),
    }
}

/// The spec's directory.
pub fn spec_dir(ctx: &Context<'_>) -> std::path::PathBuf {
    std::path::absolute(ctx.path)
        .ok()
        .and_then(|p| p.parent().map(std::path::Path::to_path_buf))
        .unwrap_or_default()
}

/// The Standards Compliance section (the whole subtree) as text and its start offset.
pub fn standards_text<'a>(ctx: &Context<'a>) -> Option<(usize, &'a str)> {
    let si = ctx.spec_section("standards-compliance")?;
    let body = ctx.doc.sections[si].span;
    let heading_end = ctx.doc.section_heading(si).span.end;
    let start = heading_end.min(body.end);
    Some((start, ctx.doc.slice(crate::document::Span::new(start, body.end))))
}

/// Rules a spec is expected to cite: those from an agent's rules folder, not
/// memory files (`AGENTS.md`, `CLAUDE.md`, `GEMINI.md`, Copilot's repository
/// instructions), which apply to every task by design.
pub fn citable(rule: &Rule) -> bool {
    let name = rule.file_name();
    !(matches!(rule.agent, Agent::Agents | Agent::Gemini)
        || name == "CLAUDE.md"
        || name == "CLAUDE.local.md"
        || name == "copilot-instructions.md")
}
