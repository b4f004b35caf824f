//! MCP resources and prompts: every template (built-in and the project's)
//! as `techspec://template/<name>`, every check's page as
//! `techspec://check/<CODE>`, and the `create-techspec` prompt, which walks
//! an agent through new → fill → check.

use rmcp::model::{
    GetPromptResult, Prompt, PromptArgument, PromptMessage, ReadResourceResult, Resource,
    ResourceContents, ResourceTemplate, Role,
};

use super::{Root, ToolError, template};
use crate::engine::checks::{CHECKS, lookup};
use crate::engine::workspace::Workspace;
use crate::model::template::TemplateSet;
use crate::output::links::{check_page, encode_relative};

const TEMPLATE: &str = "techspec://template/";
const CHECK: &str = "techspec://check/";

/// The name of the one prompt.
pub const CREATE_TECHSPEC: &str = "create-techspec";

/// The template names: the workspace's set (built-ins and the project's),
/// or the built-ins alone without a workspace.
fn template_names(root: Option<&Root>) -> Vec<(String, String)> {
    let set = root
        .and_then(|r| Workspace::open_within(r.path(), r.path()).ok())
        .map_or_else(TemplateSet::builtins, |ws| ws.checker.templates);
    set.entries
        .iter()
        .map(|e| {
            let t = &e.template;
            (
                t.name.clone(),
                format!("{} template ({:?})", t.name, t.origin),
            )
        })
        .collect()
}

/// Every resource.
pub fn list(root: Option<&Root>) -> Vec<Resource> {
    let mut out: Vec<Resource> = template_names(root)
        .into_iter()
        .map(|(name, description)| {
            let mut r = Resource::new(format!("{TEMPLATE}{}", encode_relative(&name)), name);
            r.description = Some(description);
            r.mime_type = Some("text/markdown".into());
            r
        })
        .collect();
    out.extend(CHECKS.iter().map(|c| {
        let mut r = Resource::new(
            format!("{CHECK}{}", c.code),
            format!("{} {}", c.code, c.name),
        );
        r.description = Some(c.summary.to_string());
        r.mime_type = Some("text/markdown".into());
        r
    }));
    out
}

/// The URI templates, for clients that let the user fill one in.
pub fn templates() -> Vec<ResourceTemplate> {
    let mut t = ResourceTemplate::new(format!("{TEMPLATE}{{name}}"), "template");
    t.description = Some("A tech-spec template, rendered for the project".into());
    t.mime_type = Some("text/markdown".into());
    let mut c = ResourceTemplate::new(format!("{CHECK}{{code}}"), "check");
    c.description = Some("What a check finds, why it matters and what to write instead".into());
    c.mime_type = Some("text/markdown".into());
    vec![t, c]
}

/// A resource's text.
pub fn read(root: Option<&Root>, uri: &str) -> Result<ReadResourceResult, ToolError> {
    let text = if let Some(code) = uri.strip_prefix(CHECK) {
        let info = lookup(code).ok_or_else(|| {
            ToolError::Invalid(format!(
                "no check `{code}`; see techspec://check/TS101 and resources/list"
            ))
        })?;
        check_page(info)
    } else if let Some(name) = uri.strip_prefix(TEMPLATE) {
        let name = percent_encoding::percent_decode_str(name)
            .decode_utf8_lossy()
            .into_owned();
        match root {
            Some(root) => {
                template::run(
                    root,
                    template::TemplateParams {
                        name: Some(name),
                        ..Default::default()
                    },
                )?
                .text
            }
            None => {
                let mut set = TemplateSet::builtins();
                let t = set.resolve(&name, std::path::Path::new("."))?;
                crate::model::template::render(
                    &t,
                    &crate::model::template::RenderOptions::default(),
                )?
            }
        }
    } else {
        return Err(ToolError::Invalid(format!(
            "unknown resource `{uri}`: techspec serves techspec://template/NAME and techspec://check/CODE"
        )));
    };
    Ok(ReadResourceResult::new(vec![
        ResourceContents::text(text, uri).with_mime_type("text/markdown"),
    ]))
}

/// The prompts.
pub fn prompts() -> Vec<Prompt> {
    vec![Prompt::new(
        CREATE_TECHSPEC,
        Some(
            "Write a tech spec for a feature: scaffold it, research the rules and files, fill it, check it until no errors remain",
        ),
        Some(vec![
            PromptArgument::new("feature")
                .with_description("The feature's name, e.g. Payment Refunds")
                .with_required(true),
            PromptArgument::new("prd")
                .with_description("The PRD or issue to design from (a path in the workspace)")
                .with_required(false),
        ]),
    )]
}

/// The `create-techspec` prompt for a feature.
pub fn create_techspec(feature: &str, prd: Option<&str>) -> GetPromptResult {
    let research = match prd {
        Some(prd) => format!(
            "Read `{prd}`. Call techspec_files with path `{prd}` for the repository files to cite, and techspec_rules with the new spec's path for the agent rules that apply."
        ),
        None => "Call techspec_files with a query describing the feature for the repository files to cite, and techspec_rules with the new spec's path for the agent rules that apply.".to_string(),
    };
    let text = format!(
        "Write the technical specification for \"{feature}\" with the techspec tools.\n\n\
         1. Call techspec_new with name \"{feature}\": it scaffolds the spec from the project's template and tells you its path.\n\
         2. {research}\n\
         3. Fill every section following its [guidance], then delete the guidance. Cite the applying rules in Standards Compliance and the real files in Relevant Files.\n\
         4. Call techspec_check with the spec's path. Errors must be fixed; warnings should be fixed (or the spec says why not); infos are notes for the author to judge. Use techspec_explain CODE when a finding is unclear. Call techspec_check again until it reports no errors.\n\
         5. Tell the user the spec's path, the decisions that need their review and any open questions."
    );
    GetPromptResult::new(vec![PromptMessage::new_text(Role::User, text)])
        .with_description(format!("Write the tech spec for {feature}"))
}
