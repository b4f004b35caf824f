//! ## What it does
//! With `techspec check --implemented`: reports an endpoint of API Endpoints
//! (`METHOD /path`) that no route in the source declares. Routes are read
//! literally, method and path, in the forms of the common frameworks:
//! Express, Fastify and Nest (`router.post('/x')`, `@Controller('x')` +
//! `@Get(':id')`), FastAPI, Flask and Django (`@router.get("/x")`,
//! `APIRouter(prefix=...)`, `@app.route('/x', methods=['POST'])`,
//! `path('x/<int:id>/')`), Go net/http, chi, gin and echo
//! (`HandleFunc("GET /x/{id}")`, `r.Route("/api", ...)`, `e.POST("/x")`),
//! Spring (`@RequestMapping` + `@GetMapping`), ASP.NET (`[Route]` +
//! `[HttpGet]`, `app.MapGet`) and Next.js route files. Path parameters
//! `:id`, `{id}` and `<id>` are alike; a route under a prefix of its own file,
//! or under `api`/`v1` or a prefix mounted elsewhere, counts.
//!
//! ## Why is this bad?
//! The endpoint list is the contract other teams and the frontend build
//! against. An endpoint the code does not serve, or serves under another
//! method or path, breaks them at run time.
//!
//! ## Example
//! ```markdown
//! ### API Endpoints
//! - `POST /api/refunds` — create a refund
//! ```
//! (the code declares `router.post('/api/refund', ...)`)
//!
//! ## Use instead
//! The path the code serves, in the spec and in the code alike:
//! ```markdown
//! - `POST /api/refund` — create a refund
//! ```

use crate::engine::implemented::Implemented;
use crate::model::diagnostic::Diagnostic;

pub const CODE: &str = "TS502";

pub fn check(ctx: &Implemented<'_>, out: &mut Vec<Diagnostic>) {
    for e in &ctx.exp.endpoints {
        if ctx.index.route_for(&e.method, &e.path).is_some() {
            continue;
        }
        out.push(
            Diagnostic::new(
                CODE,
                e.span,
                format!(
                    "`{} {}` has no route in the source (looked for route declarations in every source file of the repository)",
                    e.method, e.path
                ),
            )
            .section(ctx.exp.endpoints_title.clone())
            .help(format!(
                "{} for a route declaration with that method and path (Express/Fastify/Nest, FastAPI/Flask/Django, Go net/http/chi/gin/echo, Spring, ASP.NET, Next.js route files); declare the route, or fix the spec",
                ctx.index.looked()
            )),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::implemented::{findings_of, temp_repo};

    #[test]
    fn pass() {
        let repo = temp_repo(&[
            (
                "spec.md",
                "# T\n\n## API Endpoints\n\n- `GET /api/items/{id}`\n",
            ),
            ("app.py", "@app.get(\"/api/items/<int:id>\")\n"),
        ]);
        assert!(findings_of(repo.path(), "spec.md", "TS502").is_empty());
    }

    #[test]
    fn fail() {
        let root =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/implemented/en");
        assert_eq!(
            findings_of(&root, "specs/refunds.md", "TS502"),
            [
                "45: `PATCH /api/refunds/{id}` has no route in the source (looked for route declarations in every source file of the repository)",
                "49: `GET /api/exports` has no route in the source (looked for route declarations in every source file of the repository)"
            ]
        );
    }
}
