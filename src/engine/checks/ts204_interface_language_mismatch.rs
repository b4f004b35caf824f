//! ## What it does
//! Reports a Main Interfaces section whose code examples are all in another
//! programming language than the one the feature is built in: the project's
//! language (from `techspec.toml` or the project's manifest: `go.mod`,
//! `pyproject.toml`, `Cargo.toml`...); when that is not known, the languages
//! of the source files the spec lists in Relevant Files; failing that, the
//! language of a project template's own interface example (a built-in
//! template's Go example says nothing about the project: `--lang` swaps it).
//! Spellings are normalised (`ts` is TypeScript, `py` Python, `golang` Go,
//! `c#` C#) and languages of one family are accepted for each other
//! (TypeScript/JavaScript, Java/Kotlin). Blocks without a language and
//! non-programming blocks (`json`, `yaml`, `sql`, `bash`, `mermaid`, `http`,
//! `graphql`, `proto`...) are ignored, and so are extra examples in other
//! languages when one example is in the expected language (a TypeScript
//! client beside the Go service).
//!
//! ## Why is this bad?
//! The interfaces are the contract the implementation follows. Written in the
//! wrong language — a TypeScript interface for a Go service, usually copied
//! from another project or left from the template — they cannot be used as
//! written and hide the real signatures (errors, contexts, types).
//!
//! ## Example
//! ````markdown
//! ### Main Interfaces
//!
//! ```typescript
//! interface RefundService { request(req: RefundRequest): Promise<Refund> }
//! ```
//! ````
//! in a Go project.
//!
//! ## Use instead
//! ````markdown
//! ### Main Interfaces
//!
//! ```go
//! type RefundService interface {
//!     Request(ctx context.Context, req RefundRequest) (Refund, error)
//! }
//! ```
//! ````

use std::sync::LazyLock;

use regex::Regex;

use super::Context;
use super::text::{blocks_in, first_line, identity_spans, template_section_of};
use crate::model::diagnostic::Diagnostic;
use crate::model::document::BlockKind;
use crate::model::template::Origin;

pub const CODE: &str = "TS204";

/// A programming language a code block's info string names, normalised;
/// `None` for anything else (data, markup, shell, diagrams, unknown).
pub fn programming_lang(info: &str) -> Option<&'static str> {
    let l = info.trim().trim_start_matches('.').to_ascii_lowercase();
    Some(match l.as_str() {
        "go" | "golang" => "go",
        "python" | "py" | "python3" | "py3" | "pyi" => "python",
        "typescript" | "ts" | "tsx" | "mts" | "cts" => "typescript",
        "javascript" | "js" | "jsx" | "mjs" | "cjs" | "node" | "nodejs" => "javascript",
        "rust" | "rs" => "rust",
        "java" => "java",
        "kotlin" | "kt" | "kts" => "kotlin",
        "scala" | "sc" => "scala",
        "groovy" => "groovy",
        "csharp" | "c#" | "cs" | "dotnet" => "csharp",
        "fsharp" | "f#" | "fs" => "fsharp",
        "vb" | "vbnet" | "vb.net" => "vb",
        "ruby" | "rb" => "ruby",
        "php" => "php",
        "swift" => "swift",
        "objc" | "objectivec" | "objective-c" => "objc",
        "c" | "h" => "c",
        "cpp" | "c++" | "cc" | "cxx" | "hpp" | "hxx" => "cpp",
        "elixir" | "ex" | "exs" => "elixir",
        "erlang" | "erl" => "erlang",
        "haskell" | "hs" => "haskell",
        "clojure" | "clj" | "cljs" => "clojure",
        "dart" => "dart",
        "lua" => "lua",
        "perl" | "pl" => "perl",
        "ocaml" | "ml" => "ocaml",
        "zig" => "zig",
        "nim" => "nim",
        "julia" | "jl" => "julia",
        "r" => "r",
        "solidity" | "sol" => "solidity",
        _ => return None,
    })
}

/// Languages accepted for one another.
fn family(lang: &str) -> &str {
    match lang {
        "javascript" | "typescript" => "js",
        "java" | "kotlin" | "scala" | "groovy" => "jvm",
        "csharp" | "fsharp" | "vb" => "dotnet",
        "c" | "cpp" | "objc" => "c",
        other => other,
    }
}

/// The display name of a normalised language.
fn display(lang: &str) -> &str {
    match lang {
        "go" => "Go",
        "python" => "Python",
        "typescript" => "TypeScript",
        "javascript" => "JavaScript",
        "rust" => "Rust",
        "java" => "Java",
        "kotlin" => "Kotlin",
        "csharp" => "C#",
        "fsharp" => "F#",
        "ruby" => "Ruby",
        "php" => "PHP",
        "swift" => "Swift",
        "cpp" => "C++",
        "c" => "C",
        "objc" => "Objective-C",
        other => other,
    }
}

/// Where the expected language comes from.
enum Expected {
    /// The project's language (settings or manifest).
    Project(&'static str),
    /// The source files the spec lists in Relevant Files (their languages).
    Files(Vec<&'static str>),
    /// The interface example of a project template.
    Template(&'static str),
}

/// The language of a source file, from its extension.
fn file_lang(ext: &str) -> Option<&'static str> {
    let l = match ext.to_ascii_lowercase().as_str() {
        "go" => "go",
        "py" | "pyi" => "python",
        "ts" | "tsx" | "mts" | "cts" => "typescript",
        "js" | "jsx" | "mjs" | "cjs" | "vue" | "svelte" => "javascript",
        "rs" => "rust",
        "java" => "java",
        "kt" | "kts" => "kotlin",
        "scala" => "scala",
        "cs" | "csproj" => "csharp",
        "fs" => "fsharp",
        "rb" => "ruby",
        "php" => "php",
        "swift" => "swift",
        "m" | "mm" => "objc",
        "c" | "h" => "c",
        "cpp" | "cc" | "cxx" | "hpp" => "cpp",
        "ex" | "exs" => "elixir",
        "dart" => "dart",
        _ => return None,
    };
    Some(l)
}

static FILE_EXT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?m)[A-Za-z0-9_\-]\.([A-Za-z]{1,6})(?:[`\s),:;|*\]'"]|\.\s|\.$|$)"#)
        .expect("a valid regex")
});

/// The languages of the source files listed in the spec's Relevant Files.
fn listed_langs(ctx: &Context<'_>) -> Vec<&'static str> {
    let mut langs = Vec::new();
    for (_, span) in identity_spans(ctx, "relevant-files") {
        for c in FILE_EXT.captures_iter(ctx.doc.slice(span)) {
            if let Some(l) = file_lang(&c[1]) {
                if !langs.contains(&l) {
                    langs.push(l);
                }
            }
        }
    }
    langs
}

pub fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let expected = if let Some(l) = ctx
        .settings
        .project_lang
        .as_deref()
        .and_then(programming_lang)
    {
        Expected::Project(l)
    } else if let Some(l) = ctx
        .project
        .and_then(|p| p.lang)
        .and_then(|(l, _)| programming_lang(l))
    {
        Expected::Project(l)
    } else {
        let files = listed_langs(ctx);
        if !files.is_empty() {
            Expected::Files(files)
        } else if let (Origin::File(_), Some(l)) = (
            &ctx.template.origin,
            ctx.template
                .interface_lang
                .as_deref()
                .and_then(programming_lang),
        ) {
            // A project's own template says which language its examples are in.
            // A built-in's Go example says nothing about the project: `--lang` swaps it.
            Expected::Template(l)
        } else {
            return;
        }
    };
    let accepts = |l: &str| match &expected {
        Expected::Project(e) | Expected::Template(e) => family(e) == family(l),
        Expected::Files(fs) => fs.iter().any(|e| family(e) == family(l)),
    };
    let (expected_name, whose) = match &expected {
        Expected::Project(e) => (display(e).to_string(), "the project is written in"),
        Expected::Template(e) => (display(e).to_string(), "the project's template uses"),
        Expected::Files(fs) => (
            fs.iter()
                .map(|f| display(f))
                .collect::<Vec<_>>()
                .join(" and "),
            "the Relevant Files are in",
        ),
    };
    let doc = ctx.doc;
    let ti = ctx.template.section_by_identity("main-interfaces");
    for (si, span) in identity_spans(ctx, "main-interfaces") {
        let mut mismatched = Vec::new();
        let mut any_expected = false;
        for b in &doc.blocks[blocks_in(doc, span)] {
            let BlockKind::Code {
                lang: Some(lang), ..
            } = &b.kind
            else {
                continue;
            };
            // Not in a subsection that is another template section.
            if b.section.and_then(|s| template_section_of(ctx, s)) != ti {
                continue;
            }
            let Some(l) = programming_lang(lang) else {
                continue;
            };
            if accepts(l) {
                any_expected = true;
                break;
            }
            mismatched.push((b.span, l));
        }
        if any_expected {
            continue;
        }
        let Some(&(first, lang)) = mismatched.first() else {
            continue;
        };
        let more = match mismatched.len() {
            1 => String::new(),
            n => format!(
                " (and {} more block{})",
                n - 1,
                if n > 2 { "s" } else { "" }
            ),
        };
        let title = ctx.section_title(si);
        out.push(
            Diagnostic::new(
                CODE,
                first_line(doc, first),
                format!(
                    "interface example is in {}{more}, but {whose} {expected_name}",
                    display(lang)
                ),
            )
            .section(title)
            .help(format!(
                "write the interfaces in {expected_name}, the language they will be implemented in"
            )),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::programming_lang;
    use crate::engine::Checker;
    use crate::engine::checks::tests::{check_fixture, findings};
    use crate::model::template::TemplateSet;

    #[test]
    fn pass() {
        assert!(findings("TS204", "pass").is_empty());
    }

    #[test]
    fn fail() {
        insta::assert_snapshot!(check_fixture("TS204", "fail"));
    }

    #[test]
    fn normalised_names() {
        assert_eq!(programming_lang("ts"), Some("typescript"));
        assert_eq!(programming_lang("golang"), Some("go"));
        assert_eq!(programming_lang("C#"), Some("csharp"));
        for other in [
            "json", "yaml", "sql", "mermaid", "bash", "sh", "http", "graphql", "proto", "text", "",
        ] {
            assert_eq!(programming_lang(other), None, "{other}");
        }
    }

    #[test]
    fn evidence_from_relevant_files_and_templates() {
        let fail =
            std::fs::read_to_string(crate::engine::checks::tests::fixture_path("TS204", "fail"))
                .unwrap();
        // TypeScript interfaces for TypeScript files: fine.
        let ts_files = fail.replace(".go`", ".ts`");
        assert!(crate::engine::checks::tests::findings_in("TS204", ts_files.as_bytes()).is_empty());
        // No Relevant Files and a built-in template: nothing to compare with.
        let cut = &fail[..fail.find("### Relevant Files").unwrap()];
        let none = format!("{cut}### Relevant Files\n\nN/A\n");
        assert!(crate::engine::checks::tests::findings_in("TS204", none.as_bytes()).is_empty());
        // A project template with a Go example: its language is expected.
        let builtin = TemplateSet::builtins().get("standard").unwrap().clone();
        let text = builtin.doc.text.clone();
        let own = crate::model::template::Template::parse(
            "team",
            crate::model::template::Origin::File("t.md".into()),
            &text,
        );
        let mut checker = Checker::new(TemplateSet::builtins());
        checker.choice = crate::engine::TemplateChoice::Fixed(Box::new(own));
        let report = checker.check_bytes(std::path::Path::new("spec.md"), none.as_bytes());
        let f: Vec<_> = report
            .diagnostics
            .iter()
            .filter(|d| d.code == "TS204")
            .collect();
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(
            f[0].message.contains("the project's template uses Go"),
            "{}",
            f[0].message
        );
    }

    #[test]
    fn project_language_wins_over_the_template() {
        let path = crate::engine::checks::tests::fixture_path("TS204", "pass");
        let bytes = std::fs::read(path).unwrap();
        let mut checker = Checker::new(TemplateSet::builtins());
        checker.settings.project_lang = Some("python".into());
        let report = checker.check_bytes(std::path::Path::new("spec.md"), &bytes);
        let f: Vec<_> = report
            .diagnostics
            .iter()
            .filter(|d| d.code == "TS204")
            .collect();
        assert_eq!(f.len(), 1);
        assert!(
            f[0].message
                .contains("Go, but the project is written in Python"),
            "{}",
            f[0].message
        );
        checker.settings.project_lang = Some("golang".into());
        let report = checker.check_bytes(std::path::Path::new("spec.md"), &bytes);
        assert!(report.diagnostics.iter().all(|d| d.code != "TS204"));
    }
}
