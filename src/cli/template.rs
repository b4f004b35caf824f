use std::io::Write;

use clap::{Args, Subcommand};

use super::Status;
use techspec::engine::config::Config;
use techspec::io::root::find_root;
use techspec::model::template::{Origin, RenderOptions, TemplateSet, render};

#[derive(Subcommand)]
pub enum TemplateCommand {
    /// List the available templates: built-in ones and the project's.
    List,
    /// Print a template, rendered.
    Show(ShowArgs),
}

#[derive(Args)]
pub struct ShowArgs {
    /// A template name (`techspec template list`) or a path to a Markdown file.
    name: String,
    /// Swap the interface example for this language: go, python, rust, typescript, java, csharp.
    #[arg(long)]
    lang: Option<String>,
    /// Name this rules folder in Standards Compliance (e.g. `.kilocode/rules`).
    #[arg(long, value_name = "DIR")]
    rules_dir: Option<String>,
    /// Print what was read from the template (sections, fields, limits) instead.
    #[arg(long)]
    outline: bool,
}

/// The templates of the current project.
pub fn project_templates() -> anyhow::Result<(TemplateSet, Option<String>, std::path::PathBuf)> {
    let cwd = std::env::current_dir()?;
    let config = match Config::find(&cwd) {
        Some(p) => Config::load(&p)?,
        None => Config::default(),
    };
    let root = config
        .root()
        .map(|p| p.to_path_buf())
        .or_else(|| find_root(&cwd))
        .unwrap_or_else(|| cwd.clone());
    let set = TemplateSet::load(Some(&root), config.file.template.as_deref())?;
    Ok((set, config.file.template.clone(), root))
}

pub fn run(cmd: TemplateCommand) -> anyhow::Result<Status> {
    let (mut set, _, root) = project_templates()?;
    let mut out = std::io::stdout().lock();
    match cmd {
        TemplateCommand::List => {
            let width = set
                .entries
                .iter()
                .map(|e| e.template.name.chars().count())
                .max()
                .unwrap_or(16)
                .max(16);
            for e in &set.entries {
                let t = &e.template;
                let source = match &t.origin {
                    Origin::Builtin => "built-in".to_string(),
                    Origin::File(p) => {
                        let rel = p.strip_prefix(&root).unwrap_or(p).display().to_string();
                        if e.shadows_builtin {
                            format!("{rel} (replaces the built-in)")
                        } else {
                            rel
                        }
                    }
                    Origin::Discovered { .. } => t.origin.why().unwrap_or_default(),
                };
                writeln!(out, "{:<width$} {:<40} {}", t.name, source, t.description)?;
            }
            for note in &set.notes {
                writeln!(out, "note: {note}")?;
            }
        }
        TemplateCommand::Show(a) => {
            let cwd = std::env::current_dir()?;
            let t = set.resolve(&a.name, &cwd)?;
            if a.outline {
                write!(out, "{}", t.outline())?;
            } else {
                let text = render(
                    &t,
                    &RenderOptions {
                        lang: a.lang,
                        rules_dir: a.rules_dir,
                    },
                )?;
                write!(out, "{text}")?;
            }
            for w in &t.warnings {
                eprintln!("warning: template `{}`: {}", t.name, w.message);
            }
        }
    }
    Ok(Status::Clean)
}
