//! ## What it does
//! Reports an API Endpoints section that holds code but names no endpoint:
//! no `METHOD /path` and no path anywhere in its prose, lists, tables or
//! subheadings — only a handler, a middleware or a client written out in a
//! code block. A section that says there are none ("No new endpoints",
//! "N/A") is fine.
//!
//! ## Why is this bad?
//! The API Endpoints section is the contract that routes, clients and API
//! docs are built from. Implementation code in its place leaves the reader to
//! dig the endpoints out of the code, or shows that there are none and the
//! section was filled to look complete.
//!
//! ## Example
//! ````markdown
//! ### API Endpoints
//!
//! ```ts
//! export default defineEventHandler(async (event) => {
//!   // 40 lines of role checks
//! })
//! ```
//! ````
//!
//! ## Use instead
//! ```markdown
//! ### API Endpoints
//!
//! - `GET /api/students`: list the trainer's students (role `personal_trainer`)
//! - `POST /api/admin/roles`: grant a role (role `superadmin`)
//! ```

use std::sync::LazyLock;

use regex::Regex;

use super::Context;
use super::text::NO_ENDPOINTS;
use super::text::{blocks_in, identity_spans};
use crate::model::diagnostic::Diagnostic;
use crate::model::document::BlockKind;

pub const CODE: &str = "TS213";

/// A path (`/api/x`, `/{id}`) or an HTTP method word in prose.
static ENDPOINTISH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[\s`*(|:])/[A-Za-z0-9{:<_$]|\b(?:GET|POST|PUT|PATCH|DELETE)\b")
        .expect("valid regex")
});

pub fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(ti) = ctx.template.section_by_identity("api-endpoints") else {
        return;
    };
    let doc = ctx.doc;
    let title = &ctx.template.sections[ti].title;
    for (si, span) in identity_spans(ctx, "api-endpoints") {
        let blocks = &doc.blocks[blocks_in(doc, span)];
        let code = blocks.iter().filter(|b| b.is_code()).count();
        if code == 0 {
            continue;
        }
        // Prose: paragraphs, the first line of list items, table cells and
        // subheadings (code blocks nested in items are not read).
        let mut prose = blocks.iter().filter_map(|b| match b.kind {
            BlockKind::Paragraph | BlockKind::Table => Some(doc.slice(b.span)),
            BlockKind::Item { .. } => doc.slice(b.span).lines().next(),
            _ => None,
        });
        let mut subheadings = doc
            .subtree(si)
            .into_iter()
            .map(|s| doc.section_heading(s).text.as_str());
        if prose.any(|t| ENDPOINTISH.is_match(t) || NO_ENDPOINTS.is_match(t))
            || subheadings.any(|t| ENDPOINTISH.is_match(t) && !t.contains("API"))
        {
            continue;
        }
        let heading = doc.section_heading(si);
        out.push(
            Diagnostic::new(
                CODE,
                heading.span,
                format!(
                    "\"{}\" holds {code} code block{} but names no endpoint",
                    heading.text,
                    if code == 1 { "" } else { "s" }
                ),
            )
            .section(title.clone())
            .help("list each endpoint as `METHOD /path` with what it does, and move the implementation to the tasks; if there are none, say \"No new endpoints\"".to_string()),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::checks::tests::{check_fixture, findings};

    #[test]
    fn pass() {
        assert!(findings("TS213", "pass").is_empty());
    }

    #[test]
    fn fail() {
        insta::assert_snapshot!(check_fixture("TS213", "fail"));
    }
}
