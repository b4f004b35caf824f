//! `techspec_new`: a spec scaffolded from the project's template; never
//! overwrites a file.

use rmcp::handler::server::wrapper::Parameters;
use rmcp::model::CallToolResult;
use rmcp::{tool, tool_router};
use schemars::JsonSchema;
use serde::Deserialize;

use super::{Root, TechspecMcp, ToolError, ToolOutput, template_arg};
use crate::authoring::scaffold::{NewError, NewRequest, default_path, draft};
use crate::engine::workspace::Workspace;
use crate::io::write::{WriteError, write_new};
use crate::project::Project;

const DESCRIPTION: &str = "Scaffold a new technical specification from the project's template (the interface \
example in the project's language, the rules folder it has) and write it to `path`, by default \
`tasks/prd-<feature-slug>/techspec.md`. Never overwrites: if the file exists the call fails and nothing is written. \
Returns the path and the scaffold; then fill every section following its [guidance], delete the guidance, and call \
techspec_check on the path until it is clean.";

/// Parameters of `techspec_new`.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NewParams {
    /// The feature's name, e.g. "Payment Refunds".
    pub name: String,
    /// A template name (`standard`, `extended`, `standard-python`, `standard-pt`...) or a template
    /// file in the workspace. Default: `template` in techspec.toml, else `standard`.
    #[serde(default)]
    pub template: Option<String>,
    /// The interface example's language: go, python, rust, typescript, java, csharp.
    /// Default: detected from the project (go.mod, pyproject.toml, Cargo.toml...).
    #[serde(default)]
    pub lang: Option<String>,
    /// The document's language: `en` (default) or `pt` (pt-BR; picks the `-pt` template).
    #[serde(default)]
    pub lang_doc: Option<String>,
    /// The rules folder to name in Standards Compliance, e.g. `.cursor/rules`.
    /// Default: the one the project has.
    #[serde(default)]
    pub rules_dir: Option<String>,
    /// Where to write, relative to the workspace root. Default: `tasks/prd-<slug>/techspec.md`.
    #[serde(default)]
    pub path: Option<String>,
}

fn empty_name() -> ToolError {
    ToolError::Invalid("`name` is empty; give the feature's name, e.g. \"Payment Refunds\"".into())
}

/// Writes the new spec.
pub fn run(root: &Root, p: NewParams) -> Result<ToolOutput, ToolError> {
    if p.name.trim().is_empty() {
        return Err(empty_name());
    }
    let ws = Workspace::open_within(root.path(), root.path())?;
    let configured = ws.config.file.template.clone();
    let mut templates = ws.checker.templates;
    let request = NewRequest {
        name: p.name.clone(),
        template: match &p.template {
            Some(t) => Some(template_arg(root, t)?),
            None => None,
        },
        base: ws.root.clone(),
        lang: p.lang,
        lang_doc: p.lang_doc,
        rules_dir: p.rules_dir,
    };
    let draft = match draft(root.path(), &mut templates, configured.as_deref(), &request) {
        Ok(d) => d,
        Err(NewError::UnknownLangDoc(other)) => {
            return Err(ToolError::Invalid(format!(
                "unknown `lang_doc` `{other}`; use `en` or `pt`"
            )));
        }
        Err(NewError::EmptyName) => return Err(empty_name()),
        Err(NewError::Template(e)) => return Err(e.into()),
    };
    let spec = draft.scaffold(&p.name, &Project::open(root.path()))?;
    let path = match &p.path {
        Some(given) => root.new_path(given)?,
        None => root.new_path(&root.relative(&default_path(root.path(), &p.name)))?,
    };
    let rel = root.relative(&path);
    match write_new(&path, spec.text.as_bytes(), false) {
        Ok(()) => {}
        Err(WriteError::Exists(_)) => {
            return Err(ToolError::Invalid(format!(
                "`{rel}` already exists; techspec_new never overwrites a file: edit it, or give another `path`"
            )));
        }
        Err(e) => return Err(e.into()),
    }
    let mut out = format!("created {rel} from template `{}`\n", draft.template.name);
    for r in &draft.plan.reasons {
        out.push_str(r);
        out.push('\n');
    }
    if !spec.rules.is_empty() {
        out.push_str(&format!(
            "standards compliance: listed {} always-on rule(s): {}\n",
            spec.rules.len(),
            spec.rules.join(", ")
        ));
    }
    out.push_str(
        "\nNext: fill every section following its [guidance] and delete the guidance; research with \
         techspec_rules and techspec_files; then call techspec_check with this path until it reports no findings.\n",
    );
    let structured = serde_json::json!({
        "path": rel,
        "template": draft.template.name,
        "decisions": draft.plan.reasons,
        "always_on_rules": spec.rules,
        "content": spec.text,
    });
    Ok(ToolOutput {
        text: out,
        structured: Some(structured),
    })
}

#[tool_router(router = new_router, vis = "pub(super)")]
impl TechspecMcp {
    #[tool(
        description = DESCRIPTION,
        annotations(title = "Scaffold a new spec", read_only_hint = false, destructive_hint = false, idempotent_hint = false)
    )]
    async fn techspec_new(&self, Parameters(p): Parameters<NewParams>) -> CallToolResult {
        self.blocking(move |root| run(root, p)).await
    }
}
