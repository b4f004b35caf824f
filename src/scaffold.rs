//! `techspec new`: a spec scaffolded from a template, for a project.

use std::path::{Path, PathBuf};

use crate::project::{detect_lang, detect_rules_dirs};
use crate::template::{RenderError, RenderOptions, Template, render};

/// Lower-case ASCII slug, accents folded: "Gestão de Revendedores" -> `gestao-de-revendedores`.
pub fn slug(name: &str) -> String {
    let ascii = deunicode::deunicode(name).to_ascii_lowercase();
    let mut out = String::with_capacity(ascii.len());
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// What `new` decided, and why (printed on stderr by the CLI).
#[derive(Debug, Clone, Default)]
pub struct Plan {
    pub lang: Option<String>,
    pub rules_dir: Option<String>,
    /// One line per decision: "language: go (from go.mod)".
    pub reasons: Vec<String>,
}

/// Decides the interface language and rules folder for a project.
pub fn plan(root: &Path, template: &Template, lang: Option<&str>, rules_dir: Option<&str>) -> Plan {
    let mut p = Plan::default();
    match lang {
        Some(l) => {
            p.lang = Some(l.to_string());
            p.reasons.push(format!("language: {l} (--lang)"));
        }
        None => match detect_lang(root) {
            Some((l, evidence)) => {
                p.lang = Some(l.to_string());
                p.reasons.push(format!("language: {l} (from {evidence})"));
            }
            None => p.reasons.push(format!(
                "language: {} (the template's example; no go.mod, pyproject.toml, Cargo.toml, package.json+tsconfig.json, pom.xml or *.csproj found)",
                template.interface_lang.as_deref().unwrap_or("none")
            )),
        },
    }
    match rules_dir {
        Some(d) => {
            p.rules_dir = Some(d.to_string());
            p.reasons.push(format!("rules folder: {d} (--rules-dir)"));
        }
        None => {
            let found = detect_rules_dirs(root);
            match found.first() {
                Some(d) => {
                    p.rules_dir = Some(d.clone());
                    let others = if found.len() > 1 {
                        format!("; also found {}", found[1..].join(", "))
                    } else {
                        String::new()
                    };
                    p.reasons
                        .push(format!("rules folder: {d} (found in the project{others})"));
                }
                None => p.reasons.push(format!(
                    "rules folder: {} (the template's; no rules folder found in the project)",
                    template.rules_dir.as_ref().map_or("none", |r| r.0.as_str())
                )),
            }
        }
    }
    p
}

/// The spec text: the rendered template under `# Technical Specification: <name>`.
pub fn scaffold(template: &Template, name: &str, plan: &Plan) -> Result<String, RenderError> {
    let body = render(
        template,
        &RenderOptions {
            lang: plan.lang.clone(),
            rules_dir: plan.rules_dir.clone(),
        },
    )?;
    let title = format!("# {}: {}", template.spec_title_prefix(), name.trim());
    // Replace the template's own `#` title line, or put the title first.
    Ok(match template.doc.title_heading() {
        Some(h) if body.get(h.span.range()) == template.doc.text.get(h.span.range()) => {
            format!("{}{title}{}", &body[..h.span.start], &body[h.span.end..])
        }
        _ => format!("{title}\n\n{body}"),
    })
}

/// The default path of a new spec: `tasks/prd-<slug>/techspec.md` under `root`.
pub fn default_path(root: &Path, name: &str) -> PathBuf {
    root.join("tasks")
        .join(format!("prd-{}", slug(name)))
        .join("techspec.md")
}

/// Lists rules (path, description) under Standards Compliance, after its
/// guidance, which stays for the rules that are not always on.
pub fn list_rules(text: &str, rules: &[(String, Option<String>)]) -> String {
    if rules.is_empty() {
        return text.to_string();
    }
    let t = Template::parse("spec", crate::template::Origin::Builtin, text);
    let Some(si) = t.section_by_identity("standards-compliance") else {
        return text.to_string();
    };
    let at = t.sections[si]
        .guidance
        .last()
        .map(|&g| t.guidance[g].span.end)
        .unwrap_or_else(|| t.doc.section_heading(t.sections[si].doc_section).span.end);
    let mut list = String::from("\n\nAlways-on rules of this project:\n");
    for (path, desc) in rules {
        match desc {
            Some(d) => list.push_str(&format!("\n- `{path}`: {d}")),
            None => list.push_str(&format!("\n- `{path}`")),
        }
    }
    // `text` is the template's own text (mojibake repair aside, which only
    // changes bytes before this point in a way Template::parse already did).
    let doc_text = &t.doc.text;
    format!("{}{list}{}", &doc_text[..at], &doc_text[at..])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::TemplateSet;

    #[test]
    fn slugs_fold_accents() {
        assert_eq!(slug("Gestão de Revendedores"), "gestao-de-revendedores");
        assert_eq!(slug("  Payment  Refunds (v2)! "), "payment-refunds-v2");
        assert_eq!(slug("Ação"), "acao");
    }

    #[test]
    fn always_on_rules_are_listed_under_standards_compliance() {
        let set = TemplateSet::builtins();
        let t = set.get("standard").unwrap();
        let text = scaffold(t, "X", &Plan::default()).unwrap();
        let out = list_rules(
            &text,
            &[(".cursor/rules/go.mdc".into(), Some("Go style".into()))],
        );
        let sc = out.find("### Standards Compliance").unwrap();
        let rf = out.find("### Relevant Files").unwrap();
        let item = out.find("- `.cursor/rules/go.mdc`: Go style").unwrap();
        assert!(sc < item && item < rf);
        assert!(
            out[sc..item].contains("[Research the rules"),
            "guidance kept for the other rules"
        );
    }

    #[test]
    fn scaffold_titles_the_spec() {
        let set = TemplateSet::builtins();
        let t = set.get("standard").unwrap();
        let out = scaffold(t, "Payment Refunds", &Plan::default()).unwrap();
        assert!(
            out.starts_with("# Technical Specification: Payment Refunds\n\n## Executive Summary")
        );
        let pt = set.get("standard-pt").unwrap();
        assert!(
            scaffold(pt, "Busca", &Plan::default())
                .unwrap()
                .starts_with("# Especificação Técnica: Busca\n")
        );
    }
}
