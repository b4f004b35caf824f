//! `techspec new`: a spec scaffolded from a template, for a project.

use std::path::{Path, PathBuf};

use crate::model::template::{
    RenderError, RenderOptions, Template, TemplateSet, TemplateSetError, render,
};
use crate::project::{Project, detect_lang, detect_rules_dirs};

/// What a user asks `new` for (the CLI's flags, the MCP tool's arguments).
#[derive(Debug, Clone, Default)]
pub struct NewRequest {
    /// The feature's name.
    pub name: String,
    /// A template name or file, over the configured one.
    pub template: Option<String>,
    /// Where a template file named by `template` (or a default template
    /// name) is looked for; the configured template is found from the root.
    pub base: PathBuf,
    /// The interface example's language.
    pub lang: Option<String>,
    /// The document's language: `en` or `pt`.
    pub lang_doc: Option<String>,
    /// The rules folder to name in Standards Compliance.
    pub rules_dir: Option<String>,
}

/// Why `new` cannot write a spec; each front-end words the first two in its
/// own terms (a flag, a tool argument).
#[derive(Debug, thiserror::Error)]
pub enum NewError {
    #[error("the feature name is empty")]
    EmptyName,
    #[error("unknown document language `{0}`; use `en` or `pt`")]
    UnknownLangDoc(String),
    #[error(transparent)]
    Template(#[from] TemplateSetError),
}

/// What `new` decided before writing: the template (and why), the
/// interface language and rules folder (and why).
#[derive(Debug, Clone)]
pub struct Draft {
    pub template: Template,
    /// Why this template: `--template`, `techspec.toml`, `--lang-doc pt`
    /// or `default`.
    pub why: &'static str,
    pub plan: Plan,
}

/// The text of a new spec.
#[derive(Debug, Clone)]
pub struct NewSpec {
    pub text: String,
    /// The always-on rules listed under Standards Compliance (paths).
    pub rules: Vec<String>,
}

/// Decides how to write a new spec in the project at `root`: the
/// template (`request.template`, else `configured` unless the document is
/// Portuguese, else `standard` or `standard-pt`) from `templates`, the
/// interface language and the rules folder. The one decision `techspec new`
/// and the MCP tool `techspec_new` share; then [`Draft::scaffold`].
pub fn draft(
    root: &Path,
    templates: &mut TemplateSet,
    configured: Option<&str>,
    request: &NewRequest,
) -> Result<Draft, NewError> {
    if request.name.trim().is_empty() {
        return Err(NewError::EmptyName);
    }
    let portuguese = match request
        .lang_doc
        .as_deref()
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        None | Some("en") => false,
        Some("pt") | Some("pt-br") | Some("pt_br") => true,
        Some(other) => return Err(NewError::UnknownLangDoc(other.to_string())),
    };
    let (name, why) = match (&request.template, configured) {
        (Some(t), _) => (t.clone(), "--template"),
        (None, Some(t)) if !portuguese => (t.to_string(), "techspec.toml"),
        _ if portuguese => ("standard-pt".to_string(), "--lang-doc pt"),
        _ => ("standard".to_string(), "default"),
    };
    let base = if why == "techspec.toml" {
        root
    } else {
        &request.base
    };
    let template = templates.resolve(&name, base)?;
    let plan = plan(
        root,
        &template,
        request.lang.as_deref(),
        request.rules_dir.as_deref(),
    );
    Ok(Draft {
        template,
        why,
        plan,
    })
}

impl Draft {
    /// The spec text for feature `name`, with the project's always-on rules
    /// listed under Standards Compliance.
    pub fn scaffold(&self, name: &str, project: &Project) -> Result<NewSpec, RenderError> {
        let text = scaffold(&self.template, name, &self.plan)?;
        let rules: Vec<(String, Option<String>)> = crate::project::research::always_on(project)
            .into_iter()
            .map(|r| (r.path_str(), r.description.clone()))
            .collect();
        Ok(NewSpec {
            text: list_rules(&text, &rules),
            rules: rules.into_iter().map(|(p, _)| p).collect(),
        })
    }
}

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
    let t = Template::parse("spec", crate::model::template::Origin::Builtin, text);
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
    use crate::model::template::TemplateSet;

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
