use std::path::PathBuf;

use clap::Args;

use super::Status;
use super::template::project_templates;
use techspec::fsutil::{WriteError, write_new};
use techspec::scaffold::{default_path, plan, scaffold};

#[derive(Args)]
pub struct NewArgs {
    /// The feature's name, e.g. "Payment Refunds".
    name: String,
    /// Template name or path (default: `template` in techspec.toml, else `standard`).
    #[arg(long, short)]
    template: Option<String>,
    /// Interface example language: go, python, rust, typescript, java, csharp
    /// (default: detected from the project).
    #[arg(long)]
    lang: Option<String>,
    /// Language of the document: `en` or `pt` (pt-BR; picks the `-pt` template).
    #[arg(long, value_name = "LANG")]
    lang_doc: Option<String>,
    /// Rules folder named in Standards Compliance (default: the one the project has).
    #[arg(long, value_name = "DIR")]
    rules_dir: Option<String>,
    /// Where to write (default: tasks/prd-<slug>/techspec.md in the project).
    #[arg(long, short)]
    out: Option<PathBuf>,
    /// Overwrite an existing file.
    #[arg(long)]
    force: bool,
}

pub fn run(a: NewArgs) -> anyhow::Result<Status> {
    if a.name.trim().is_empty() {
        anyhow::bail!("the feature name is empty; e.g. `techspec new \"Payment Refunds\"`");
    }
    let (mut set, configured, root) = project_templates()?;
    let cwd = std::env::current_dir()?;
    let portuguese = match a
        .lang_doc
        .as_deref()
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        None | Some("en") => false,
        Some("pt") | Some("pt-br") | Some("pt_br") => true,
        Some(other) => anyhow::bail!("unknown --lang-doc `{other}`; use `en` or `pt`"),
    };
    let (name, why) = match (&a.template, &configured) {
        (Some(t), _) => (t.clone(), "--template"),
        (None, Some(t)) if !portuguese => (t.clone(), "techspec.toml"),
        _ if portuguese => ("standard-pt".to_string(), "--lang-doc pt"),
        _ => ("standard".to_string(), "default"),
    };
    let template = set.resolve(&name, if why == "techspec.toml" { &root } else { &cwd })?;
    eprintln!("template: {} ({why})", template.name);
    let p = plan(&root, &template, a.lang.as_deref(), a.rules_dir.as_deref());
    for r in &p.reasons {
        eprintln!("{r}");
    }
    let mut text = scaffold(&template, &a.name, &p)?;
    let project = techspec::project::Project::open(&root);
    let rules: Vec<(String, Option<String>)> = techspec::research::always_on(&project)
        .into_iter()
        .map(|r| (r.path_str(), r.description.clone()))
        .collect();
    if !rules.is_empty() {
        eprintln!(
            "standards compliance: listed {} always-on rule(s)",
            rules.len()
        );
        text = techspec::scaffold::list_rules(&text, &rules);
    }
    let path = a.out.unwrap_or_else(|| default_path(&root, &a.name));
    match write_new(&path, text.as_bytes(), a.force) {
        Ok(()) => {
            let shown = path.strip_prefix(&cwd).unwrap_or(&path);
            eprintln!("created {}", shown.display());
            Ok(Status::Clean)
        }
        Err(e @ WriteError::Exists(_)) => Err(e.into()),
        Err(e) => Err(e.into()),
    }
}
