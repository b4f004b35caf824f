//! Built-in templates: Markdown files under `templates/`, embedded at build time.

/// A built-in template.
pub struct Builtin {
    pub name: &'static str,
    pub summary: &'static str,
    pub text: &'static str,
}

/// The built-in templates. `standard`, `extended` and `standard-python` are the
/// seed templates (with `≤` repaired and seed 000's missing `]` supplied);
/// `standard-pt` and `extended-pt` are our pt-BR translations.
pub static BUILTINS: &[Builtin] = &[
    Builtin {
        name: "standard",
        summary: "Standard tech spec, Go interface example",
        text: include_str!("../../templates/standard.md"),
    },
    Builtin {
        name: "extended",
        summary: "Extended tech spec: database, errors, performance, security, deployment",
        text: include_str!("../../templates/extended.md"),
    },
    Builtin {
        name: "standard-python",
        summary: "Standard tech spec, Python interface example",
        text: include_str!("../../templates/standard-python.md"),
    },
    Builtin {
        name: "standard-pt",
        summary: "Standard tech spec in Brazilian Portuguese",
        text: include_str!("../../templates/standard-pt.md"),
    },
    Builtin {
        name: "extended-pt",
        summary: "Extended tech spec in Brazilian Portuguese",
        text: include_str!("../../templates/extended-pt.md"),
    },
];

/// Languages with an interface example: (name, English-commented, Portuguese-commented).
pub static LANGS: &[(&str, &str, &str)] = &[
    (
        "go",
        include_str!("../../templates/lang/go.md"),
        include_str!("../../templates/lang/pt/go.md"),
    ),
    (
        "python",
        include_str!("../../templates/lang/python.md"),
        include_str!("../../templates/lang/pt/python.md"),
    ),
    (
        "rust",
        include_str!("../../templates/lang/rust.md"),
        include_str!("../../templates/lang/pt/rust.md"),
    ),
    (
        "typescript",
        include_str!("../../templates/lang/typescript.md"),
        include_str!("../../templates/lang/pt/typescript.md"),
    ),
    (
        "java",
        include_str!("../../templates/lang/java.md"),
        include_str!("../../templates/lang/pt/java.md"),
    ),
    (
        "csharp",
        include_str!("../../templates/lang/csharp.md"),
        include_str!("../../templates/lang/pt/csharp.md"),
    ),
];

/// The interface example for a language, as a fenced block without trailing newline.
pub fn lang_example(lang: &str, portuguese: bool) -> Option<&'static str> {
    let lang = canonical_lang(lang)?;
    LANGS
        .iter()
        .find(|(n, _, _)| *n == lang)
        .map(|(_, en, pt)| {
            if portuguese {
                pt.trim_end()
            } else {
                en.trim_end()
            }
        })
}

/// Maps common spellings (`ts`, `py`, `c#`, `golang`) to the names in [`LANGS`].
pub fn canonical_lang(lang: &str) -> Option<&'static str> {
    Some(match lang.to_ascii_lowercase().as_str() {
        "go" | "golang" => "go",
        "python" | "py" | "python3" => "python",
        "rust" | "rs" => "rust",
        "typescript" | "ts" | "tsx" => "typescript",
        "java" => "java",
        "csharp" | "c#" | "cs" | "dotnet" => "csharp",
        _ => return None,
    })
}
