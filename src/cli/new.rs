use std::path::PathBuf;

use clap::Args;

use super::Status;
use super::template::project_templates;
use techspec::authoring::scaffold::{NewError, NewRequest, default_path, draft};
use techspec::io::write::{WriteError, write_new};

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
    let request = NewRequest {
        name: a.name.clone(),
        template: a.template,
        base: cwd.clone(),
        lang: a.lang,
        lang_doc: a.lang_doc,
        rules_dir: a.rules_dir,
    };
    let draft = match draft(&root, &mut set, configured.as_deref(), &request) {
        Ok(d) => d,
        Err(NewError::UnknownLangDoc(other)) => {
            anyhow::bail!("unknown --lang-doc `{other}`; use `en` or `pt`")
        }
        Err(e) => return Err(e.into()),
    };
    eprintln!("template: {} ({})", draft.template.name, draft.why);
    for r in &draft.plan.reasons {
        eprintln!("{r}");
    }
    let spec = draft.scaffold(&a.name, &techspec::project::Project::open(&root))?;
    if !spec.rules.is_empty() {
        eprintln!(
            "standards compliance: listed {} always-on rule(s)",
            spec.rules.len()
        );
    }
    let path = a.out.unwrap_or_else(|| default_path(&root, &a.name));
    match write_new(&path, spec.text.as_bytes(), a.force) {
        Ok(()) => {
            let shown = path.strip_prefix(&cwd).unwrap_or(&path);
            eprintln!("created {}", shown.display());
            Ok(Status::Clean)
        }
        Err(e @ WriteError::Exists(_)) => Err(e.into()),
        Err(e) => Err(e.into()),
    }
}
