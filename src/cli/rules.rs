use std::io::{BufWriter, Write};
use std::path::PathBuf;

use anyhow::Context as _;
use clap::{Args, ValueEnum};

use super::Status;
use techspec::engine::workspace::{Overrides, Workspace};
use techspec::io::read::read_limited;
use techspec::io::root::find_root;
use techspec::model::document::Document;
use techspec::project::Project;
use techspec::project::research::{self, RuleVerdict, SkillVerdict, skill_verdicts, verdict};
use techspec::project::rules::Activation;

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Human,
    Json,
}

#[derive(Args)]
pub struct RulesArgs {
    /// The spec to research: rules are grouped into applies / possibly
    /// relevant / not applicable, with the reason for each and whether the
    /// spec already cites them. Without it, every rule found is listed.
    #[arg(long, value_name = "PATH")]
    spec: Option<PathBuf>,
    /// Output format.
    #[arg(long, short, value_enum, default_value_t = ListFormat::Human)]
    format: ListFormat,
}

fn activation(a: &Activation) -> String {
    match a {
        Activation::Always => "always".into(),
        Activation::Globs(g) => format!("globs {}", g.join(", ")),
        Activation::AgentDecides => "agent decides (by description)".into(),
        Activation::Manual => "manual (@-mention)".into(),
        Activation::Mode(m) => format!("mode `{m}`"),
        Activation::Never => "never".into(),
    }
}

/// The skills, with their descriptions (and, for a spec, whether it cites each).
fn write_skills(out: &mut impl Write, skills: &[SkillVerdict], spec: bool) -> std::io::Result<()> {
    if skills.is_empty() {
        return Ok(());
    }
    writeln!(
        out,
        "Skills (the agent loads them when it decides to; possibly relevant, never required):"
    )?;
    for v in skills {
        let cited = if spec && v.cited { "cited" } else { "" };
        writeln!(out, "  {:<50} {cited}", v.path)?;
        if let Some(desc) = &v.description {
            writeln!(out, "      {desc}")?;
        }
        for w in &v.warnings {
            writeln!(out, "      warning: {w}")?;
        }
    }
    Ok(())
}

pub fn run(a: RulesArgs) -> anyhow::Result<Status> {
    let cwd = std::env::current_dir()?;
    let start = a.spec.as_ref().map_or(cwd.clone(), |s| s.clone());
    let root = find_root(&start).unwrap_or(cwd);
    let project = Project::open(&root);
    let mut out = BufWriter::new(std::io::stdout().lock());
    match &a.spec {
        None => {
            let d = project.discovery();
            if a.format == ListFormat::Json {
                let rules: Vec<RuleVerdict> = d
                    .rules
                    .iter()
                    .map(|r| verdict(r, String::new(), false))
                    .collect();
                serde_json::to_writer_pretty(
                    &mut out,
                    &serde_json::json!({
                        "root": root, "rules_dirs": d.rules_dirs, "rules": rules,
                        "skills": skill_verdicts(&d.skills, ""),
                        "warnings": d.rules.iter().flat_map(|r| r.warnings.iter().map(move |w| format!("{}: {w}", r.path_str()))).collect::<Vec<_>>(),
                        "errors": d.errors.iter().map(|(p, e)| format!("{}: {e}", p.display())).collect::<Vec<_>>(),
                    }),
                )?;
                writeln!(out)?;
            } else {
                if d.rules.is_empty() && d.skills.is_empty() {
                    writeln!(
                        out,
                        "no agent rules or skills found under {}",
                        root.display()
                    )?;
                }
                let mut agents: Vec<&str> = d.rules.iter().map(|r| r.agent.name()).collect();
                agents.dedup();
                for agent in agents {
                    writeln!(out, "{agent}")?;
                    for r in d.rules.iter().filter(|r| r.agent.name() == agent) {
                        let scope = if r.scope_str().is_empty() {
                            String::new()
                        } else {
                            format!(" (in {})", r.scope_str())
                        };
                        writeln!(
                            out,
                            "  {}  [{}]{scope}",
                            r.path_str(),
                            activation(&r.activation)
                        )?;
                        if let Some(desc) = &r.description {
                            writeln!(out, "      {desc}")?;
                        }
                        for w in &r.warnings {
                            writeln!(out, "      warning: {w}")?;
                        }
                    }
                }
                write_skills(&mut out, &skill_verdicts(&d.skills, ""), false)?;
                for (p, e) in &d.errors {
                    writeln!(out, "warning: {}: {e}", p.display())?;
                }
            }
        }
        Some(spec) => {
            let bytes = read_limited(spec, techspec::engine::max_file_size_for(spec))
                .map_err(anyhow::Error::msg)
                .with_context(|| format!("cannot read {}", spec.display()))?;
            let doc = Document::from_bytes(&bytes);
            // A broken techspec.toml does not stop the research: the
            // built-in templates align the spec then.
            let ws = Workspace::for_file(spec, &Overrides::default())
                .unwrap_or_else(|_| Workspace::fallback(&research::spec_dir(spec)));
            let groups = ws.rules_for_spec(&project, spec, &doc);
            if a.format == ListFormat::Json {
                serde_json::to_writer_pretty(&mut out, &groups)?;
                writeln!(out)?;
            } else {
                for (title, list) in [
                    ("Applies", &groups.applies),
                    (
                        "Possibly relevant (the agent decides by description)",
                        &groups.possibly_relevant,
                    ),
                    ("Not applicable", &groups.not_applicable),
                ] {
                    writeln!(out, "{title}:")?;
                    if list.is_empty() {
                        writeln!(out, "  (none)")?;
                    }
                    for v in list {
                        let cited = if v.cited {
                            "cited"
                        } else if title == "Applies" {
                            "NOT CITED"
                        } else {
                            ""
                        };
                        writeln!(out, "  {:<50} {cited}", v.path)?;
                        writeln!(out, "      {}", v.reason)?;
                    }
                }
                write_skills(&mut out, &groups.skills, true)?;
                if groups.candidates.is_empty() {
                    writeln!(
                        out,
                        "note: the spec lists no Relevant Files, so no glob rule could match"
                    )?;
                }
            }
        }
    }
    out.flush()?;
    Ok(Status::Clean)
}
