//! ## What it does
//! With `techspec check --implemented`: reports a type or function that a
//! Main Interfaces code block declares (`type`, `interface`, `class`,
//! `struct`, `enum`, `trait`, `record`; top-level `func`, `def`, `fn`,
//! `function`, `fun`, an exported arrow function) and that no source file of
//! the repository declares under the same name. Methods inside an
//! interface and code blocks of schemas and shells (SQL, JSON, YAML,
//! GraphQL...) are not read.
//!
//! ## Why is this bad?
//! Main Interfaces is what reviewers approved and what other components
//! call. When the code names them differently, the spec no longer describes
//! the system and readers search for names that do not exist.
//!
//! ## Example
//! ````markdown
//! ### Main Interfaces
//! ```go
//! type RefundService interface { Refund(ctx context.Context, id string) error }
//! ```
//! ````
//! (the code declares `type RefundsService interface`)
//!
//! ## Use instead
//! The name the code declares, in both places.

use crate::engine::implemented::Implemented;
use crate::model::diagnostic::Diagnostic;

pub const CODE: &str = "TS503";

pub fn check(ctx: &Implemented<'_>, out: &mut Vec<Diagnostic>) {
    for n in &ctx.exp.names {
        if ctx.index.definition(&n.name).is_some() {
            continue;
        }
        out.push(
            Diagnostic::new(
                CODE,
                n.span,
                format!(
                    "{} `{}` of {} is declared nowhere in the source (looked for its declaration in every source file of the repository)",
                    n.kind, n.name, ctx.exp.interfaces_title
                ),
            )
            .section(ctx.exp.interfaces_title.clone())
            .help(format!(
                "{} for a declaration of `{}` (type, interface, class, struct, enum, func, def, fn, function...); rename one side so the spec and the code agree",
                ctx.index.looked(),
                n.name
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
                "# T\n\n## Main Interfaces\n\n```go\ntype Store interface{}\n```\n",
            ),
            ("store.go", "package x\n\ntype Store interface {\n}\n"),
        ]);
        assert!(findings_of(repo.path(), "spec.md", "TS503").is_empty());
    }

    #[test]
    fn fail() {
        let root =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/implemented/en");
        assert_eq!(
            findings_of(&root, "specs/refunds.md", "TS503"),
            [
                "18: type `RefundPolicy` of Main Interfaces is declared nowhere in the source (looked for its declaration in every source file of the repository)",
                "28: function `NewLedgerClient` of Main Interfaces is declared nowhere in the source (looked for its declaration in every source file of the repository)"
            ]
        );
    }
}
