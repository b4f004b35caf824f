//! ## What it does
//! Reports API endpoint entries that are not `METHOD /path` with a real HTTP
//! method: in the API Endpoints section (and its subsections), a list item or
//! subheading that starts like an endpoint — `FETCH /users` (no such method),
//! `get /users` (methods are upper case), or a bare `/users` with no method.
//! Tables are read row by row: a method column (several methods in one cell,
//! `GET/POST`, are each checked) beside a path column, or an endpoint column
//! written like a list entry.
//! Markup around the entry (`**`, backticks) is ignored. Prose items, full
//! URLs, GraphQL operations and gRPC method names (`/pkg.Service/Method`) are
//! not endpoints, and a section that says there are none ("No new
//! endpoints", "N/A", "Nenhum endpoint novo") is fine.
//!
//! ## Why is this bad?
//! Endpoint lists become routes, clients and API docs. An invented or
//! missing method has to be guessed by whoever implements it, and guesses
//! differ between the server and its clients.
//!
//! ## Example
//! ```markdown
//! ### API Endpoints
//!
//! - `FETCH /api/v1/refunds/{id}`: read a refund
//! - `/api/v1/payments/{id}/refunds`: request a refund
//! ```
//!
//! ## Use instead
//! ```markdown
//! ### API Endpoints
//!
//! - `GET /api/v1/refunds/{id}`: read a refund
//! - `POST /api/v1/payments/{id}/refunds`: request a refund
//! ```

use super::Context;
use super::text::{NO_ENDPOINTS, blocks_in, identity_spans, item_text_start, template_section_of};
use crate::model::diagnostic::{Diagnostic, Edit};
use crate::model::document::{BlockKind, Document, Span};

pub const CODE: &str = "TS207";

/// HTTP methods (RFC 9110, plus PATCH and the QUERY draft).
const METHODS: &[&str] = &[
    "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE", "CONNECT", "QUERY",
];

/// Upper-case words before a path that are not meant as methods.
const NOT_METHODS: &[&str] = &[
    "API", "REST", "HTTP", "HTTPS", "URL", "URI", "JSON", "XML", "GRPC", "RPC", "WS", "WSS", "SSE",
    "MQTT", "AMQP", "GRAPHQL", "NOTE", "TODO", "TBD", "FIXME", "NEW", "OLD", "V1", "V2",
];

/// What is wrong with an entry.
enum Problem {
    /// Not a method at all.
    Unknown(String),
    /// A method in the wrong case.
    Case(String),
    /// A path with no method.
    NoMethod,
}

/// An endpoint-looking entry: (problem, span of the entry, span of the method word).
fn parse(line: &str, base: usize) -> Option<(Problem, Span, Option<Span>)> {
    let b = line.as_bytes();
    let skip_markup = |mut i: usize| {
        while i < b.len() && matches!(b[i], b' ' | b'\t' | b'*' | b'_' | b'`') {
            i += 1;
        }
        i
    };
    let token_end = |i: usize| {
        let mut j = i;
        while j < b.len() && !matches!(b[j], b' ' | b'\t' | b'`' | b'*') {
            j += 1;
        }
        j
    };
    let mut i = skip_markup(0);
    if line[i..].starts_with("[ ]") || line[i..].starts_with("[x]") || line[i..].starts_with("[X]")
    {
        i = skip_markup(i + 3);
    }
    if i >= b.len() {
        return None;
    }
    if b[i] == b'/' {
        let end = token_end(i);
        let path = line[i..end].trim_end_matches([':', ',', ';', '.']);
        if !looks_like_path(path) || is_grpc(path) {
            return None;
        }
        // Followed by a separator, as endpoint entries are; not by prose.
        let rest = line[i + path.len()..]
            .trim_start_matches(['`', '*', '_'])
            .trim_start();
        let separated = rest.is_empty()
            || rest.starts_with([':', '—', '–', '-', '(', '→', '|', ','])
            || rest.starts_with("=>");
        if !separated {
            return None;
        }
        return Some((
            Problem::NoMethod,
            Span::new(base + i, base + i + path.len()),
            None,
        ));
    }
    let word_end = token_end(i);
    let token = &line[i..word_end];
    let mut k = skip_markup(word_end);
    if k < b.len() && b[k] == b':' {
        k = skip_markup(k + 1);
    }
    if k >= b.len() || b[k] != b'/' {
        return None;
    }
    let path_end = token_end(k);
    let path = line[k..path_end].trim_end_matches([':', ',', ';', '.']);
    if !looks_like_path(path) || is_grpc(path) {
        return None;
    }
    let span = Span::new(base + i, base + k + path.len());
    // `GET/POST`, `GET,` `POST:`: each word is a method.
    let mut offset = 0usize;
    for word in token.split(['/', ',', '|']) {
        let w = word.trim_end_matches(':');
        let word_span = Span::new(base + i + offset, base + i + offset + w.len());
        offset += word.len() + 1;
        if w.is_empty() || !w.bytes().all(|c| c.is_ascii_alphabetic()) {
            return None;
        }
        if METHODS.contains(&w) {
            continue;
        }
        let upper = w.to_ascii_uppercase();
        if METHODS.contains(&upper.as_str()) {
            return Some((Problem::Case(upper), span, Some(word_span)));
        }
        if w.bytes().all(|c| c.is_ascii_uppercase())
            && (2..=12).contains(&w.len())
            && !NOT_METHODS.contains(&w)
        {
            return Some((Problem::Unknown(w.to_string()), span, Some(word_span)));
        }
        // `Prefix /api`, `see /docs`: prose, not an endpoint.
        return None;
    }
    None
}

fn looks_like_path(p: &str) -> bool {
    let b = p.as_bytes();
    b.len() >= 2
        && b[0] == b'/'
        && (b[1].is_ascii_alphanumeric() || matches!(b[1], b'{' | b':' | b'<' | b'_' | b'$'))
}

/// `/refunds.v1.RefundService/Create`: a gRPC method, not an HTTP path.
fn is_grpc(p: &str) -> bool {
    let mut segs = p.trim_start_matches('/').split('/');
    let (Some(service), Some(method)) = (segs.next(), segs.next()) else {
        return false;
    };
    service.contains('.')
        && service
            .rsplit('.')
            .next()
            .is_some_and(|s| s.starts_with(|c: char| c.is_ascii_uppercase()))
        && method.starts_with(|c: char| c.is_ascii_uppercase())
}

/// A cell's text without code and emphasis markup.
fn cell_text(text: &str) -> &str {
    text.trim_matches(|c: char| c.is_whitespace() || matches!(c, '`' | '*' | '_'))
}

/// The endpoint problems of a table's rows: with a method column, each
/// method in it (`GET/POST` too) is checked against the path cell; without
/// one, a path/endpoint column is read like a list entry.
fn table_rows(doc: &Document, table: usize) -> Vec<(Problem, Span, Option<Span>, String)> {
    let cells = doc.table_cells(table);
    let header: Vec<String> = cells
        .iter()
        .take_while(|c| c.row == 0)
        .map(|c| cell_text(doc.slice(c.span)).to_lowercase())
        .collect();
    let method_col = header.iter().position(|h| {
        matches!(
            h.as_str(),
            "method" | "methods" | "http method" | "verb" | "método" | "metodo" | "verbo"
        )
    });
    let path_col = header.iter().position(|h| {
        ["path", "endpoint", "route", "rota", "url", "uri", "caminho"]
            .iter()
            .any(|k| h.contains(k))
    });
    let Some(pc) = path_col else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let rows = cells
        .iter()
        .filter(|c| c.row > 0)
        .map(|c| c.row)
        .max()
        .unwrap_or(0);
    for row in 1..=rows {
        let cell = |col: usize| cells.iter().find(|c| c.row == row && c.col == col);
        let Some(path_cell) = cell(pc) else { continue };
        let raw = doc.slice(path_cell.span);
        let Some(mc) = method_col else {
            let lead = raw.len() - raw.trim_start().len();
            if let Some((p, e, w)) = parse(raw.trim_start(), path_cell.span.start + lead) {
                let shown = doc.slice(e).to_string();
                out.push((p, e, w, shown));
            }
            continue;
        };
        let path = cell_text(raw);
        let path = path.split_whitespace().next().unwrap_or("");
        if !looks_like_path(path) || is_grpc(path) {
            continue;
        }
        let Some(method_cell) = cell(mc) else {
            continue;
        };
        let methods = doc.slice(method_cell.span);
        let shown = format!("{} {path}", cell_text(methods));
        if cell_text(methods).is_empty() {
            out.push((Problem::NoMethod, path_cell.span, None, path.to_string()));
            continue;
        }
        let mut offset = 0usize;
        for word in methods.split(['/', ',', '|', ' ']) {
            let at = method_cell.span.start + offset;
            offset += word.len() + 1;
            let w = cell_text(word);
            if w.is_empty() {
                continue;
            }
            let lead = word.find(w).unwrap_or(0);
            let word_span = Span::new(at + lead, at + lead + w.len());
            if METHODS.contains(&w) {
                continue;
            }
            let upper = w.to_ascii_uppercase();
            if METHODS.contains(&upper.as_str()) {
                out.push((
                    Problem::Case(upper),
                    word_span,
                    Some(word_span),
                    shown.clone(),
                ));
            } else if w.bytes().all(|c| c.is_ascii_uppercase())
                && (2..=12).contains(&w.len())
                && !NOT_METHODS.contains(&w)
            {
                out.push((
                    Problem::Unknown(w.to_string()),
                    word_span,
                    Some(word_span),
                    shown.clone(),
                ));
            }
        }
    }
    out
}

/// A paragraph that gives the methods of a list of resources at once.
fn describes_methods(text: &str) -> bool {
    let words: Vec<&str> = text.split(|c: char| !c.is_ascii_alphabetic()).collect();
    if words.contains(&"CRUD") {
        return true;
    }
    let methods = ["GET", "POST", "PUT", "PATCH", "DELETE"];
    methods.iter().filter(|m| words.contains(m)).count() >= 3
}

pub fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(ti) = ctx.template.section_by_identity("api-endpoints") else {
        return;
    };
    let doc = ctx.doc;
    let title = &ctx.template.sections[ti].title;
    for (si, span) in identity_spans(ctx, "api-endpoints") {
        // "No new endpoints": nothing to check.
        let own = doc.slice(doc.sections[si].body).trim_start();
        let lower_start: String = own.chars().take(8).collect::<String>().to_lowercase();
        if own.len() < 400
            && (NO_ENDPOINTS.is_match(own)
                || lower_start.starts_with("none")
                || lower_start.starts_with("nenhum"))
        {
            continue;
        }
        // Resources listed as bare paths, with their methods given once for all
        // ("CRUD", "Methods: `GET` list, `POST` create...") in a paragraph.
        let methods_described = doc.blocks[blocks_in(doc, span)]
            .iter()
            .filter(|b| b.kind == BlockKind::Paragraph && b.depth == 0)
            .any(|b| describes_methods(doc.slice(b.span)));
        let mut entries: Vec<usize> = doc.blocks[blocks_in(doc, span)]
            .iter()
            .filter(|b| matches!(b.kind, BlockKind::Item { .. }) && (1..=2).contains(&b.depth))
            .map(|b| item_text_start(doc, b))
            .collect();
        for &s in doc.subtree(si).iter().skip(1) {
            entries.push(doc.headings[doc.sections[s].heading].text_span.start);
        }
        entries.sort_unstable();
        let mut found: Vec<(Problem, Span, Option<Span>, String)> = Vec::new();
        for start in entries {
            let Some(sec) = section_of(doc, start) else {
                continue;
            };
            if template_section_of(ctx, sec) != Some(ti) {
                continue;
            }
            let line_no = doc.lines.line_of(start);
            let line_end = doc.lines.line_range(&doc.text, line_no).end.max(start);
            let line = doc.slice(Span::new(start, line_end));
            let Some((problem, entry, word)) = parse(line, start) else {
                continue;
            };
            if methods_described && matches!(problem, Problem::NoMethod) {
                continue;
            }
            found.push((problem, entry, word, doc.slice(entry).to_string()));
        }
        for bi in blocks_in(doc, span) {
            if doc.blocks[bi].kind != BlockKind::Table
                || doc.blocks[bi]
                    .section
                    .and_then(|sec| template_section_of(ctx, sec))
                    != Some(ti)
            {
                continue;
            }
            found.extend(table_rows(doc, bi));
        }
        found.sort_by_key(|f| f.1.start);
        for (problem, entry, word, shown) in found {
            let (msg, help, fix) = match problem {
                Problem::Unknown(w) => (
                    format!("`{shown}` is not a valid endpoint: `{w}` is not an HTTP method"),
                    "use GET, POST, PUT, PATCH or DELETE (or HEAD, OPTIONS, TRACE, CONNECT)"
                        .to_string(),
                    None,
                ),
                Problem::Case(upper) => (
                    format!("`{shown}`: HTTP methods are written in upper case"),
                    format!("use upper case {upper}"),
                    word.map(|w| {
                        (
                            "write the method in upper case".to_string(),
                            Edit {
                                span: w,
                                text: upper,
                            },
                        )
                    }),
                ),
                Problem::NoMethod => (
                    format!("endpoint `{shown}` has no HTTP method"),
                    format!("write it as `METHOD /path`, e.g. `GET {shown}`"),
                    None,
                ),
            };
            let mut d = Diagnostic::new(CODE, entry, msg)
                .section(title.clone())
                .help(help);
            if let Some((t, e)) = fix {
                d = d.fix(t, vec![e]);
            }
            out.push(d);
        }
    }
}

/// The spec section whose span's heading or body holds `at` (the innermost).
fn section_of(doc: &crate::model::document::Document, at: usize) -> Option<usize> {
    let i = doc.sections.partition_point(|s| s.span.start <= at);
    i.checked_sub(1)
}

#[cfg(test)]
mod tests {
    #[test]
    fn methods_given_once_for_a_resource_list() {
        assert!(super::describes_methods(
            "Methods: `GET` list, `POST` create, `DELETE` remove."
        ));
        assert!(super::describes_methods(
            "Protected routes, CRUD on each resource:"
        ));
        assert!(!super::describes_methods("The API exposes resources."));
    }

    use crate::engine::checks::tests::{check_fixture, findings, findings_in};

    /// Endpoints in tables are read row by row: a method column beside a
    /// path column, several methods in one cell, or an endpoint column.
    #[test]
    fn endpoint_tables_are_checked_row_by_row() {
        let spec = include_str!("../../../examples/refunds/tasks/prd-payment-refunds/techspec.md");
        let start = spec.find("### API Endpoints").unwrap();
        let end = start + spec[start..].find("\n## ").unwrap();
        let table = "### API Endpoints\n\n| Method | Path | Description |\n| --- | --- | --- |\n| GET/POST | `/api/refunds` | list, create |\n| FETCH | `/api/refunds/{id}` | read |\n| get | `/api/other` | x |\n| WS | `/hubs/refunds` | push |\n\n| Endpoint | Notes |\n| --- | --- |\n| `PUSH /api/x` | y |\n| `DELETE /api/y` | z |\n";
        let sub = format!("{}{table}{}", &spec[..start], &spec[end..]);
        let f = findings_in("TS207", sub.as_bytes());
        let got: Vec<&str> = f.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            got,
            vec![
                "`FETCH /api/refunds/{id}` is not a valid endpoint: `FETCH` is not an HTTP method",
                "`get /api/other`: HTTP methods are written in upper case",
                "`PUSH /api/x` is not a valid endpoint: `PUSH` is not an HTTP method",
            ]
        );
        let ok = sub
            .replace("FETCH", "GET")
            .replace("| get |", "| GET |")
            .replace("PUSH", "PUT");
        assert!(findings_in("TS207", ok.as_bytes()).is_empty());
    }

    #[test]
    fn pass() {
        assert!(findings("TS207", "pass").is_empty());
    }

    #[test]
    fn fail() {
        insta::assert_snapshot!(check_fixture("TS207", "fail"));
    }

    const REFUNDS: &str =
        include_str!("../../../examples/refunds/tasks/prd-payment-refunds/techspec.md");
    const ENDPOINTS: &str = "- `POST /api/v1/payments/{id}/refunds`: request a refund; returns `202` with the refund.\n- `GET /api/v1/refunds/{id}`: read a refund and its state.\n";

    fn with_endpoints(body: &str) -> Vec<String> {
        assert!(REFUNDS.contains(ENDPOINTS));
        findings_in("TS207", REFUNDS.replace(ENDPOINTS, body).as_bytes())
            .into_iter()
            .map(|d| format!("{}:{} {}", d.line, d.column, d.message))
            .collect()
    }

    #[test]
    fn lower_case_methods_are_fixed() {
        let spec = REFUNDS.replace("`GET /api/v1/refunds/{id}`", "`get /api/v1/refunds/{id}`");
        let doc = crate::model::document::Document::parse(&spec);
        let checker = crate::engine::Checker::new(crate::model::template::TemplateSet::builtins());
        let outcome = checker.check_document(std::path::Path::new("x.md"), &doc);
        let found: Vec<_> = outcome
            .diagnostics
            .iter()
            .filter(|d| d.code == "TS207")
            .collect();
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].message.contains("upper case"),
            "{}",
            found[0].message
        );
        let edit = &found[0].fix.as_ref().expect("a fix").edits[0];
        let mut fixed = spec.clone();
        fixed.replace_range(edit.span.range(), &edit.text);
        assert_eq!(fixed, REFUNDS);
    }

    #[test]
    fn entries() {
        assert_eq!(
            with_endpoints("| Method | Path |\n|---|---|\n| FETCH | /x |\n").len(),
            1
        );
        assert_eq!(with_endpoints("- get /users: list users\n").len(), 1);
        assert!(with_endpoints("- get /users: list users\n")[0].contains("upper case"));
        assert_eq!(
            with_endpoints("#### FETCH /users\n\nReads users.\n").len(),
            1
        );
        assert_eq!(with_endpoints("- **`/users`** — list users\n").len(), 1);
        assert_eq!(
            with_endpoints("1. `GET/POST /users`: both\n- `DELETE` `/users/{id}`\n").len(),
            0
        );
        for fine in [
            "No new endpoints: the refund API is internal.\n",
            "N/A — refunds are triggered by the worker only.\n",
            "- `refunds.v1.RefundService/Create` (gRPC)\n- `/refunds.v1.RefundService/Create`\n",
            "- Mutation `requestRefund(input)` (GraphQL)\n",
            "- Prefix /api/v1 for all routes\n- All routes live under `/api/v1` as today.\n- `/api/v1` is the base path\n",
            "- GET https://api.example.com/v1/refunds\n",
        ] {
            assert!(
                with_endpoints(fine).is_empty(),
                "{fine}: {:?}",
                with_endpoints(fine)
            );
        }
    }
}
