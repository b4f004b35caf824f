use std::collections::HashMap;
use std::io::{BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use clap::Args;
use rayon::prelude::*;

use super::Status;
use techspec::config::Config;
use techspec::diagnostic::Severity;
use techspec::discover::{DEFAULT_SPECS, globset, walk};
use techspec::engine::{Checker, FileReport, ProjectMode, TemplateChoice, unreadable};
use techspec::output::{self, Format, HumanOptions};
use techspec::project::find_root;
use techspec::template::TemplateSet;

#[derive(Args)]
pub struct CheckArgs {
    /// Files or directories to check. A file is checked whatever its name; a
    /// directory means every Markdown file under it. Default: the spec files
    /// found by the `specs` globs of techspec.toml (or the defaults:
    /// **/techspec.md, **/_techspec.md, **/*.techspec.md, tasks/prd-*/...).
    paths: Vec<PathBuf>,
    /// Template name or path (default: `template` in techspec.toml, else the best match).
    #[arg(long, short)]
    template: Option<String>,
    /// Output format.
    #[arg(long, short, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Print only errors and the summary line.
    #[arg(long, short)]
    quiet: bool,
    /// Print counts per check.
    #[arg(long)]
    statistics: bool,
    /// Fail (exit 1) on warnings too.
    #[arg(long)]
    strict: bool,
    /// Skip the checks that need the repository (files, rules).
    #[arg(long)]
    no_project: bool,
    /// Use this config file instead of the nearest techspec.toml.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Words allowed per spec, code excluded (overrides techspec.toml).
    #[arg(long, value_name = "N")]
    word_budget: Option<usize>,
    /// Worker threads (default: all cores).
    #[arg(long, short = 'j', value_name = "N")]
    threads: Option<usize>,
}

/// A checker for one configuration (the nearest `techspec.toml` of a file).
fn checker_for(config: &Config, cwd: &Path, a: &CheckArgs) -> anyhow::Result<Checker> {
    let root = config.root().map(Path::to_path_buf).or_else(|| find_root(cwd));
    let mut templates = TemplateSet::load(root.as_deref(), config.file.template.as_deref())?;
    let choice = match (&a.template, &config.file.template) {
        (Some(t), _) => TemplateChoice::Fixed(Box::new(templates.resolve(t, cwd)?)),
        (None, Some(t)) => TemplateChoice::Fixed(Box::new(templates.resolve(t, root.as_deref().unwrap_or(cwd))?)),
        (None, None) => TemplateChoice::Auto,
    };
    let mut settings = config.settings();
    if let Some(n) = a.word_budget {
        settings.word_budget = n;
    }
    let project = if a.no_project { ProjectMode::Off } else { ProjectMode::per_file() };
    Ok(Checker { templates, choice, settings, project })
}

pub fn run(a: CheckArgs) -> anyhow::Result<Status> {
    let cwd = std::env::current_dir()?;
    let config = match &a.config {
        Some(p) => Config::load(p)?,
        None => match Config::find(&cwd) {
            Some(p) => Config::load(&p)?,
            None => Config::default(),
        },
    };
    let root = config.root().map(Path::to_path_buf).or_else(|| find_root(&cwd));
    let mut checkers = vec![checker_for(&config, &cwd, &a)?];
    let exclude = globset(&config.file.exclude.clone().unwrap_or_default())?;
    let mut files: Vec<PathBuf> = Vec::new();
    let mut reports: Vec<FileReport> = Vec::new();
    let mut walk_failed = false;
    if a.paths.is_empty() {
        let base = root.clone().unwrap_or_else(|| cwd.clone());
        let globs: Vec<String> = config
            .file
            .specs
            .clone()
            .unwrap_or_else(|| DEFAULT_SPECS.iter().map(|s| s.to_string()).collect());
        let include = globset(&globs)?;
        let (found, problems) = walk(&base, Some(&include), &exclude);
        walk_failed |= report_problems(&problems);
        if found.is_empty() {
            eprintln!(
                "warning: no spec files found under {} (looked for {}); name files to check them",
                base.display(),
                globs.join(", ")
            );
        }
        files.extend(found.into_iter().map(|p| relative(&p, &cwd)));
    } else {
        for p in &a.paths {
            match std::fs::metadata(p) {
                Ok(m) if m.is_dir() => {
                    let (found, problems) = walk(p, None, &exclude);
                    walk_failed |= report_problems(&problems);
                    files.extend(found);
                }
                Ok(_) => files.push(p.clone()),
                Err(e) => reports.push(unreadable(p, match e.kind() {
                    std::io::ErrorKind::NotFound => "no such file or directory".into(),
                    std::io::ErrorKind::PermissionDenied => "permission denied".into(),
                    _ => e.to_string(),
                })),
            }
        }
    }
    // Each file is checked with the nearest techspec.toml above it (unless --config).
    let mut by_config: HashMap<PathBuf, usize> = HashMap::new();
    if let Some(p) = &config.path {
        by_config.insert(std::path::absolute(p)?, 0);
    }
    let mut dir_config: HashMap<PathBuf, usize> = HashMap::new();
    let mut jobs: Vec<(usize, PathBuf)> = Vec::with_capacity(files.len());
    for f in files {
        let idx = if a.config.is_some() {
            0
        } else {
            let dir = std::path::absolute(&f)?.parent().map(Path::to_path_buf).unwrap_or_default();
            match dir_config.get(&dir) {
                Some(&i) => i,
                None => {
                    let i = match Config::find(&dir) {
                        None => 0,
                        Some(path) => match by_config.get(&path) {
                            Some(&i) => i,
                            None => {
                                let c = Config::load(&path)?;
                                checkers.push(checker_for(&c, &cwd, &a)?);
                                by_config.insert(path, checkers.len() - 1);
                                checkers.len() - 1
                            }
                        },
                    };
                    dir_config.insert(dir, i);
                    i
                }
            }
        };
        jobs.push((idx, f));
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(a.threads.unwrap_or(0))
        .build()
        .context("cannot start worker threads")?;
    let progress = progress_bar(jobs.len(), a.format);
    let checked: Vec<FileReport> = pool.install(|| {
        jobs.par_iter()
            .map(|(i, f)| {
                let r = checkers[*i].check_path(f);
                if let Some(pb) = &progress {
                    pb.inc(1);
                }
                r
            })
            .collect()
    });
    if let Some(pb) = progress {
        pb.finish_and_clear();
    }
    reports.extend(checked);
    let stdout = std::io::stdout();
    let mut w = BufWriter::new(stdout.lock());
    output::write(
        &mut w,
        a.format,
        &reports,
        HumanOptions { color: super::color_stdout(), quiet: a.quiet, statistics: a.statistics },
    )?;
    w.flush()?;
    let io_error = walk_failed || reports.iter().any(|r| r.io_error);
    let fails = reports.iter().flat_map(|r| &r.diagnostics).any(|d| {
        d.severity == Severity::Error || (a.strict && d.severity == Severity::Warning)
    });
    Ok(if io_error {
        Status::Error
    } else if fails {
        Status::Findings
    } else {
        Status::Clean
    })
}

fn relative(p: &Path, cwd: &Path) -> PathBuf {
    p.strip_prefix(cwd).map(Path::to_path_buf).unwrap_or_else(|_| p.to_path_buf())
}

fn report_problems(problems: &[techspec::discover::WalkProblem]) -> bool {
    for p in problems {
        match &p.path {
            Some(path) => eprintln!("warning: {}: {}", path.display(), p.message),
            None => eprintln!("warning: {}", p.message),
        }
    }
    !problems.is_empty()
}

fn progress_bar(n: usize, format: Format) -> Option<indicatif::ProgressBar> {
    if n < 500 || !std::io::stderr().is_terminal() || format != Format::Human {
        return None;
    }
    let pb = indicatif::ProgressBar::new(n as u64);
    pb.set_style(
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} specs ({per_sec}, {eta})")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    Some(pb)
}

