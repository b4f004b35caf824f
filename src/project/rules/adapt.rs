//! Per-agent adapters: map each format's frontmatter to an [`Activation`],
//! as `RULES-FORMATS.md` describes.

use super::Activation;
use super::frontmatter::Frontmatter;

/// How a file's frontmatter decides its activation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Format {
    /// Cursor `.mdc`: `alwaysApply`, `globs`, `description`.
    Cursor,
    /// Windsurf: `trigger`, `globs` (or `glob`), `description`.
    Windsurf,
    /// Copilot `.instructions.md`: `applyTo`, `description`.
    CopilotInstructions,
    /// Continue: `alwaysApply`, `globs`, `description`, `regex`.
    Continue,
    /// Optional `paths` (Claude rules, Kilo, Kilo Code): none -> always.
    Paths,
    /// Cline: optional `paths`; `paths: []` -> never; invalid YAML -> always.
    Cline,
    /// Always on: `AGENTS.md`, `CLAUDE.md`, `GEMINI.md`, Copilot repository
    /// instructions, Roo rules, legacy single files. Frontmatter is ignored.
    Always,
    /// Mode rules (`rules-<mode>` folders, `.roorules-<mode>` files).
    Mode(String),
}

/// Map `fm` to an activation under `format`, with any warnings.
pub(crate) fn activation(format: &Format, fm: &Frontmatter) -> (Activation, Vec<String>) {
    let mut warnings = Vec::new();
    let act = match format {
        Format::Cursor => cursor(fm, &mut warnings),
        Format::Windsurf => windsurf(fm, &mut warnings),
        Format::CopilotInstructions => copilot(fm),
        Format::Continue => continue_rule(fm, &mut warnings),
        Format::Paths => match non_empty(fm.get_patterns("paths")) {
            Some(p) => Activation::Globs(p),
            None => Activation::Always,
        },
        Format::Cline => cline(fm, &mut warnings),
        Format::Always => Activation::Always,
        Format::Mode(mode) => Activation::Mode(mode.clone()),
    };
    (act, warnings)
}

fn non_empty(patterns: Option<Vec<String>>) -> Option<Vec<String>> {
    patterns.filter(|p| !p.is_empty())
}

/// A boolean field; a warning when it is present but not a boolean.
fn bool_field(fm: &Frontmatter, key: &str, warnings: &mut Vec<String>) -> Option<bool> {
    let value = fm.get(key)?;
    let b = value.as_bool();
    if b.is_none() && value.as_str().is_some_and(|s| !s.is_empty()) {
        warnings.push(format!("`{key}` is not true or false; ignored"));
    }
    b
}

fn cursor(fm: &Frontmatter, warnings: &mut Vec<String>) -> Activation {
    let globs = non_empty(fm.get_patterns("globs"));
    if globs.is_some() && globs_quoted(fm) {
        warnings.push(
            "globs are quoted; Cursor may keep the quotes as part of the pattern \
             (Cursor itself writes `globs: src/**/*.ts` unquoted)"
                .to_string(),
        );
    }
    if bool_field(fm, "alwaysApply", warnings) == Some(true) {
        return Activation::Always;
    }
    if let Some(globs) = globs {
        return Activation::Globs(globs);
    }
    if fm.get_str("description").is_some() {
        return Activation::AgentDecides;
    }
    Activation::Manual
}

/// Whether the raw `globs` value was quoted. Strict YAML loses this, so it
/// is recorded by the parser in [`Frontmatter::quoted`].
fn globs_quoted(fm: &Frontmatter) -> bool {
    fm.quoted.iter().any(|k| k.eq_ignore_ascii_case("globs"))
}

fn windsurf(fm: &Frontmatter, warnings: &mut Vec<String>) -> Activation {
    let globs = non_empty(fm.get_patterns("globs")).or_else(|| non_empty(fm.get_patterns("glob")));
    let has_description = fm.get_str("description").is_some();
    let Some(trigger) = fm.get_str("trigger") else {
        let (act, name) = match globs {
            Some(g) => (Activation::Globs(g), "glob"),
            None if has_description => (Activation::AgentDecides, "model_decision"),
            None => (Activation::Always, "always_on"),
        };
        warnings.push(format!("no `trigger`; read as `trigger: {name}`"));
        return act;
    };
    match trigger.to_ascii_lowercase().as_str() {
        "always_on" => Activation::Always,
        "always" | "always-on" | "alwayson" => {
            warnings.push(format!(
                "`trigger: {trigger}` is not documented; read as `always_on`"
            ));
            Activation::Always
        }
        "manual" => Activation::Manual,
        "model_decision" => Activation::AgentDecides,
        "glob" => match globs {
            Some(g) => Activation::Globs(g),
            None => {
                warnings.push("`trigger: glob` without `globs`; read as manual".to_string());
                Activation::Manual
            }
        },
        _ => {
            warnings.push(format!(
                "unknown `trigger: {trigger}` (expected always_on, manual, model_decision \
                 or glob); read as manual"
            ));
            Activation::Manual
        }
    }
}

fn copilot(fm: &Frontmatter) -> Activation {
    if let Some(globs) = non_empty(fm.get_patterns("applyTo")) {
        Activation::Globs(globs)
    } else if fm.get_str("description").is_some() {
        Activation::AgentDecides
    } else {
        Activation::Manual
    }
}

fn continue_rule(fm: &Frontmatter, warnings: &mut Vec<String>) -> Activation {
    if fm.get("regex").is_some() {
        warnings.push("`regex` (matched against file contents) is not evaluated".to_string());
    }
    let globs = non_empty(fm.get_patterns("globs"));
    match bool_field(fm, "alwaysApply", warnings) {
        Some(true) => Activation::Always,
        Some(false) => match globs {
            Some(g) => Activation::Globs(g),
            None if fm.get_str("description").is_some() => Activation::AgentDecides,
            None => Activation::Manual,
        },
        None => globs.map_or(Activation::Always, Activation::Globs),
    }
}

fn cline(fm: &Frontmatter, warnings: &mut Vec<String>) -> Activation {
    if fm.present && !fm.strict {
        warnings.push(
            "Cline does not read invalid frontmatter and loads the rule always (fails open)"
                .to_string(),
        );
        return Activation::Always;
    }
    match fm.get_patterns("paths") {
        Some(p) if p.is_empty() => Activation::Never,
        Some(p) => Activation::Globs(p),
        None => Activation::Always,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::rules::parse_frontmatter;

    fn act(format: Format, text: &str) -> (Activation, Vec<String>) {
        activation(&format, &parse_frontmatter(text))
    }

    fn globs(p: &[&str]) -> Activation {
        Activation::Globs(p.iter().map(|s| s.to_string()).collect())
    }

    #[test]
    fn cursor_modes() {
        let a = |t| act(Format::Cursor, t).0;
        assert_eq!(
            a("---\nalwaysApply: true\nglobs: src/**\n---\n"),
            Activation::Always
        );
        assert_eq!(
            a("---\nglobs: *.tsx\nalwaysApply: false\n---\n"),
            globs(&["*.tsx"])
        );
        assert_eq!(
            a("---\ndescription: Gradle\nglobs: \nalwaysApply: false\n---\n"),
            Activation::AgentDecides
        );
        assert_eq!(a("---\nalwaysApply: false\n---\n"), Activation::Manual);
        assert_eq!(a("# no frontmatter\n"), Activation::Manual);
    }

    #[test]
    fn cursor_quoted_globs_warn() {
        let (a, w) = act(Format::Cursor, "---\nglobs: '*.ts, *.tsx'\n---\n");
        assert_eq!(a, globs(&["*.ts", "*.tsx"]));
        assert!(w.iter().any(|w| w.contains("quoted")), "{w:?}");
        let (_, w) = act(Format::Cursor, "---\nglobs: src/*.ts\n---\n");
        assert!(w.is_empty());
    }

    #[test]
    fn windsurf_triggers() {
        let a = |t| act(Format::Windsurf, t);
        assert_eq!(a("---\ntrigger: always_on\n---\n").0, Activation::Always);
        let (x, w) = a("---\ntrigger: always\n---\n");
        assert_eq!(x, Activation::Always);
        assert_eq!(w.len(), 1);
        assert_eq!(a("---\ntrigger: manual\n---\n").0, Activation::Manual);
        assert_eq!(
            a("---\ntrigger: model_decision\ndescription: x\n---\n").0,
            Activation::AgentDecides
        );
        assert_eq!(
            a("---\ntrigger: glob\nglobs: [\"a/**\"]\n---\n").0,
            globs(&["a/**"])
        );
        assert_eq!(
            a("---\ntrigger: glob\nglob: '*.md'\n---\n").0,
            globs(&["*.md"])
        );
        let (x, w) = a("---\ntrigger: glob\n---\n");
        assert_eq!(x, Activation::Manual);
        assert_eq!(w.len(), 1);
        let (x, w) = a("---\ntrigger: sometimes\n---\n");
        assert_eq!(x, Activation::Manual);
        assert!(w[0].contains("unknown"));
        let (x, w) = a("# plain\n");
        assert_eq!(x, Activation::Always);
        assert!(w[0].contains("no `trigger`"));
    }

    #[test]
    fn copilot_modes() {
        let a = |t| act(Format::CopilotInstructions, t).0;
        assert_eq!(
            a("---\napplyTo: \"**/*.py,docs/**\"\n---\n"),
            globs(&["**/*.py", "docs/**"])
        );
        assert_eq!(
            a("---\ndescription: Python style\n---\n"),
            Activation::AgentDecides
        );
        assert_eq!(a("# none\n"), Activation::Manual);
    }

    #[test]
    fn continue_modes() {
        let a = |t| act(Format::Continue, t).0;
        assert_eq!(
            a("---\nalwaysApply: true\nglobs: x\n---\n"),
            Activation::Always
        );
        assert_eq!(
            a("---\nalwaysApply: false\nglobs: '*.ts'\n---\n"),
            globs(&["*.ts"])
        );
        assert_eq!(
            a("---\nalwaysApply: false\ndescription: d\n---\n"),
            Activation::AgentDecides
        );
        assert_eq!(a("---\nalwaysApply: false\n---\n"), Activation::Manual);
        assert_eq!(a("---\nglobs: [a, b]\n---\n"), globs(&["a", "b"]));
        assert_eq!(a("---\nname: x\n---\n"), Activation::Always);
        let (_, w) = act(Format::Continue, "---\nregex: foo\n---\n");
        assert!(w[0].contains("regex"));
    }

    #[test]
    fn cline_modes() {
        let a = |t| act(Format::Cline, t);
        assert_eq!(a("plain").0, Activation::Always);
        assert_eq!(a("---\npaths: []\n---\n").0, Activation::Never);
        assert_eq!(a("---\npaths:\n  - 'src/**'\n---\n").0, globs(&["src/**"]));
        let (x, w) = a("---\npaths: *.ts\n---\n");
        assert_eq!(x, Activation::Always);
        assert!(w.iter().any(|w| w.contains("fails open")));
    }

    #[test]
    fn paths_and_fixed() {
        assert_eq!(act(Format::Paths, "x").0, Activation::Always);
        assert_eq!(
            act(Format::Paths, "---\npaths: []\n---\n").0,
            Activation::Always
        );
        assert_eq!(
            act(Format::Paths, "---\npaths: [\"src/**/*.{ts,tsx}\"]\n---\n").0,
            globs(&["src/**/*.{ts,tsx}"])
        );
        assert_eq!(
            act(Format::Always, "---\npaths: [a]\n---\n").0,
            Activation::Always
        );
        assert_eq!(
            act(Format::Mode("code".into()), "x").0,
            Activation::Mode("code".into())
        );
    }

    #[test]
    fn non_bool_always_apply_warns() {
        let (a, w) = act(Format::Cursor, "---\nalwaysApply: maybe\n---\n");
        assert_eq!(a, Activation::Manual);
        assert!(w[0].contains("alwaysApply"));
    }
}
