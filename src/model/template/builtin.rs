//! Built-in templates: Markdown files under `templates/`, embedded at build time.

/// A built-in template.
pub struct Builtin {
    pub name: &'static str,
    pub summary: &'static str,
    pub text: &'static str,
    /// For a family profile: the family of agent templates it stands for.
    pub family: Option<&'static str>,
}

/// The built-in templates. `standard`, `extended` and `standard-python` are the
/// seed templates (with `≤` repaired and seed 000's missing `]` supplied);
/// `standard-pt` and `extended-pt` are our pt-BR translations. The `compozy*`
/// ones are family profiles: our own wording with the headings of a family of
/// agent templates, so that a spec written from one is not held against the
/// seed's sections its family does not have.
pub static BUILTINS: &[Builtin] = &[
    Builtin {
        name: "standard",
        summary: "Standard tech spec, Go interface example",
        text: include_str!("../../../templates/standard.md"),
        family: None,
    },
    Builtin {
        name: "extended",
        summary: "Extended tech spec: database, errors, performance, security, deployment",
        text: include_str!("../../../templates/extended.md"),
        family: None,
    },
    Builtin {
        name: "standard-python",
        summary: "Standard tech spec, Python interface example",
        text: include_str!("../../../templates/standard-python.md"),
        family: None,
    },
    Builtin {
        name: "standard-pt",
        summary: "Standard tech spec in Brazilian Portuguese",
        text: include_str!("../../../templates/standard-pt.md"),
        family: None,
    },
    Builtin {
        name: "extended-pt",
        summary: "Extended tech spec in Brazilian Portuguese",
        text: include_str!("../../../templates/extended-pt.md"),
        family: None,
    },
    Builtin {
        name: "compozy",
        summary: "Profile of the compozy family (Domain Placement, Impact Analysis)",
        text: include_str!("../../../templates/compozy.md"),
        family: Some("compozy"),
    },
    Builtin {
        name: "compozy-pt",
        summary: "Profile of the compozy family in Brazilian Portuguese",
        text: include_str!("../../../templates/compozy-pt.md"),
        family: Some("compozy"),
    },
    Builtin {
        name: "compozy-adr",
        summary: "Profile of the compozy family with Architecture Decision Records",
        text: include_str!("../../../templates/compozy-adr.md"),
        family: Some("compozy ADR"),
    },
    Builtin {
        name: "compozy-spec",
        summary: "Profile of compozy v0.3's single `_spec.md` (Part I product, Part II technical, File References)",
        text: include_str!("../../../templates/compozy-spec.md"),
        family: Some("compozy v0.3 spec"),
    },
    Builtin {
        name: "compozy-spec-pt",
        summary: "Profile of compozy v0.3's single `_spec.md` in Brazilian Portuguese",
        text: include_str!("../../../templates/compozy-spec-pt.md"),
        family: Some("compozy v0.3 spec"),
    },
];

/// Languages with an interface example: (name, English-commented, Portuguese-commented).
pub static LANGS: &[(&str, &str, &str)] = &[
    (
        "go",
        include_str!("../../../templates/lang/go.md"),
        include_str!("../../../templates/lang/pt/go.md"),
    ),
    (
        "python",
        include_str!("../../../templates/lang/python.md"),
        include_str!("../../../templates/lang/pt/python.md"),
    ),
    (
        "rust",
        include_str!("../../../templates/lang/rust.md"),
        include_str!("../../../templates/lang/pt/rust.md"),
    ),
    (
        "typescript",
        include_str!("../../../templates/lang/typescript.md"),
        include_str!("../../../templates/lang/pt/typescript.md"),
    ),
    (
        "java",
        include_str!("../../../templates/lang/java.md"),
        include_str!("../../../templates/lang/pt/java.md"),
    ),
    (
        "csharp",
        include_str!("../../../templates/lang/csharp.md"),
        include_str!("../../../templates/lang/pt/csharp.md"),
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
