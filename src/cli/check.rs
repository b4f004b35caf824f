use std::collections::HashMap;
use std::io::{BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use clap::Args;
use rayon::prelude::*;

use super::Status;
use techspec::baseline::{self, Baseline};
use techspec::config::Config;
use techspec::diagnostic::Severity;
use techspec::discover::{DEFAULT_SPECS, globset, walk};
use techspec::engine::{Checker, FileReport, io_message, unreadable};
use techspec::fix::{FileFix, FixError, FixOptions, fix_file};
use techspec::output::{self, Format, HumanOptions};
use techspec::project::find_root;
use techspec::workspace::{Overrides, Workspace};

#[derive(Args)]
pub struct CheckArgs {
    #[command(flatten)]
    specs: SpecArgs,
    /// Output format.
    #[arg(long, short, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Report only errors, in every format (human output keeps its summary
    /// line; JSON, SARIF and GitHub list and count only errors).
    #[arg(long, short)]
    quiet: bool,
    /// Print counts per check.
    #[arg(long)]
    statistics: bool,
    /// Fail (exit 1) on warnings too.
    #[arg(long)]
    strict: bool,
    /// Apply the safe fixes (heading levels with their subsections, a missing
    /// heading over content already there, leftover guidance...), then report
    /// what is left. Files are written atomically, a file that changed on disk
    /// meanwhile is left alone, and a fix that would raise the number of errors
    /// is not applied.
    #[arg(long)]
    fix: bool,
    /// With --fix: also apply the unsafe fixes, which insert a missing section
    /// with the template's guidance for you to replace.
    #[arg(long, requires = "fix")]
    unsafe_fixes: bool,
    /// With --fix: print the changes as a unified diff and write nothing
    /// (exit 1 when there are fixes to apply, 0 when there are none).
    #[arg(long, requires = "fix")]
    dry_run: bool,
    /// Worker threads (default: all cores).
    #[arg(long, short = 'j', value_name = "N")]
    threads: Option<usize>,
    /// Record today's findings in a baseline file (default: the --baseline
    /// file, `baseline` of techspec.toml, else techspec-baseline.json at the
    /// repository root), replacing the baseline there, and exit 0. Give the
    /// paths to check before it, or write `--write-baseline=FILE`.
    #[arg(long, value_name = "FILE", num_args = 0..=1, conflicts_with = "fix")]
    write_baseline: Option<Option<PathBuf>>,
    /// After implementation: also check that the files the spec marks as new
    /// exist, that each API endpoint has a route and that the types and
    /// functions of Main Interfaces are declared in the source (TS501-TS503;
    /// the repository's source is read once per run).
    #[arg(long)]
    implemented: bool,
}

/// Which specs to check and how: shared by `check` and `report`.
#[derive(Args)]
pub struct SpecArgs {
    /// Files or directories to check. A file is checked whatever its name; a
    /// directory means every Markdown file under it. Default: the spec files
    /// found by the `specs` globs of techspec.toml (or the defaults:
    /// **/techspec.md, **/_techspec.md, **/*.techspec.md, tasks/prd-*/...).
    paths: Vec<PathBuf>,
    /// Template name or path (default: `template` in techspec.toml, else the best match).
    #[arg(long, short)]
    template: Option<String>,
    /// Skip the checks that need the repository (files, rules).
    #[arg(long)]
    no_project: bool,
    /// Use this config file instead of the nearest techspec.toml.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Words allowed per spec, code excluded (overrides techspec.toml).
    #[arg(long, value_name = "N")]
    word_budget: Option<usize>,
    /// Files larger than this many bytes are reported (TS901) and not read
    /// (overrides `max-file-size` of techspec.toml; default 10485760).
    #[arg(long, value_name = "BYTES")]
    max_file_size: Option<u64>,
    /// Report only findings not recorded in this baseline file (`check`),
    /// mark those that are (`report`); overrides `baseline` of techspec.toml.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
}

impl SpecArgs {
    /// `--no-project`: no repository checks, no rules.
    pub fn no_project(&self) -> bool {
        self.no_project
    }
}

/// The files of a run, each with the checker of its nearest techspec.toml,
/// and reports for the paths that could not be read.
pub struct Selection {
    pub checkers: Vec<Checker>,
    /// (index into `checkers`, file), in the order found.
    pub jobs: Vec<(usize, PathBuf)>,
    pub reports: Vec<FileReport>,
    pub walk_failed: bool,
    /// `--baseline`, else `baseline` of the techspec.toml found from the
    /// current folder (or `--config`), resolved against that file's folder.
    pub baseline: Option<PathBuf>,
}

impl SpecArgs {
    /// What the flags set over each file's configuration.
    fn overrides(&self, cwd: &Path) -> anyhow::Result<Overrides> {
        Ok(Overrides {
            config: match &self.config {
                Some(p) => Some(std::path::absolute(p)?),
                None => None,
            },
            template: self.template.clone().map(|t| (t, cwd.to_path_buf())),
            word_budget: self.word_budget,
            max_file_size: self.max_file_size,
            no_project: self.no_project,
        })
    }
}

/// Loads the configuration(s) and templates and finds the files to check.
pub fn select(a: &SpecArgs) -> anyhow::Result<Selection> {
    let cwd = std::env::current_dir()?;
    let config = match &a.config {
        Some(p) => Config::load(p)?,
        None => match Config::find(&cwd) {
            Some(p) => Config::load(&p)?,
            None => Config::default(),
        },
    };
    let root = config
        .root()
        .map(Path::to_path_buf)
        .or_else(|| find_root(&cwd));
    let overrides = a.overrides(&cwd)?;
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
                    // A PRD or task file is checked with the spec beside
                    // it, not as a spec.
                    files.extend(found.into_iter().filter(|f| {
                        f.file_name()
                            .and_then(|n| n.to_str())
                            .is_none_or(|n| techspec::trace::kind_of_name(n).is_none())
                    }));
                }
                Ok(_) => files.push(p.clone()),
                Err(e) => reports.push(unreadable(
                    p,
                    match e.kind() {
                        std::io::ErrorKind::NotFound => "no such file or directory".into(),
                        _ => io_message(&e),
                    },
                )),
            }
        }
    }
    // The ADRs in `adrs/` beside a spec are checked with it.
    let files = with_adrs(files);
    // Each file is checked in the workspace of its own folder (unless
    // --config): the same one the LSP and MCP servers give it.
    let mut checkers: Vec<Checker> = Vec::new();
    let mut by_key: HashMap<PathBuf, usize> = HashMap::new();
    let mut jobs: Vec<(usize, PathBuf)> = Vec::with_capacity(files.len());
    // Files of one folder share a key: resolve it once per folder, not per file.
    let mut key_of_dir: HashMap<PathBuf, PathBuf> = HashMap::new();
    for f in files {
        let dir = f.parent().map(Path::to_path_buf).unwrap_or_default();
        let key = key_of_dir
            .entry(dir)
            .or_insert_with(|| Workspace::key_for(&f, &overrides))
            .clone();
        let idx = match by_key.get(&key) {
            Some(&i) => i,
            None => {
                let ws = Workspace::for_file(&f, &overrides)?;
                for note in &ws.checker.templates.notes {
                    eprintln!("note: {note}");
                }
                checkers.push(ws.checker);
                by_key.insert(key, checkers.len() - 1);
                checkers.len() - 1
            }
        };
        jobs.push((idx, f));
    }
    let baseline = match (&a.baseline, &config.file.baseline) {
        (Some(p), _) => Some(p.clone()),
        (None, Some(p)) => Some(config.root().unwrap_or(&cwd).join(p)),
        (None, None) => None,
    };
    Ok(Selection {
        checkers,
        jobs,
        reports,
        walk_failed,
        baseline,
    })
}

/// Checks every file of a selection in parallel, in the selection's order.
pub fn check_all(
    sel: &Selection,
    threads: Option<usize>,
    progress: bool,
) -> anyhow::Result<Vec<FileReport>> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads.unwrap_or(0))
        .build()
        .context("cannot start worker threads")?;
    let progress = if progress {
        progress_bar(sel.jobs.len())
    } else {
        None
    };
    let checked: Vec<FileReport> = pool.install(|| {
        sel.jobs
            .par_iter()
            .map(|(i, f)| {
                let r = sel.checkers[*i].check_path(f);
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
    Ok(checked)
}

pub fn run(a: CheckArgs) -> anyhow::Result<Status> {
    let mut sel = select(&a.specs)?;
    let mut fix_failed = false;
    if a.fix {
        let options = FixOptions {
            unsafe_fixes: a.unsafe_fixes,
        };
        let done = fix_files(&sel, a.dry_run, options)?;
        fix_failed = done.failed;
        if a.dry_run {
            // The diff is the output: exit 1 when fixes are pending, like a finding.
            return Ok(if fix_failed || sel.walk_failed {
                Status::Error
            } else if done.changed > 0 {
                Status::Findings
            } else {
                Status::Clean
            });
        }
    }
    // Read before checking: a bad baseline fails fast, naming the file.
    let baseline = match (&a.write_baseline, &sel.baseline) {
        (None, Some(p)) => Some(Baseline::load(p)?),
        _ => None,
    };
    let mut reports = std::mem::take(&mut sel.reports);
    let mut checked = check_all(&sel, a.threads, a.format == Format::Human)?;
    if a.implemented {
        for note in techspec::implemented::verify_all(&sel.checkers, &sel.jobs, &mut checked) {
            eprintln!("note: {note}");
        }
    }
    reports.extend(checked);
    let mut reports = techspec::engine::flatten(reports);
    if let Some(target) = &a.write_baseline {
        return write_baseline(target.as_ref().or(sel.baseline.as_ref()), &sel, &reports);
    }
    if let (Some(b), Some(path)) = (&baseline, &sel.baseline) {
        let root = baseline::root(&std::env::current_dir()?);
        let f = baseline::filter(b, &root, &mut reports);
        if f.known > 0 || f.fixed > 0 {
            eprintln!(
                "baseline {}: {} known finding{} not shown{}",
                path.display(),
                f.known,
                if f.known == 1 { "" } else { "s" },
                if f.fixed > 0 {
                    format!(
                        "; {} fixed (`techspec check --write-baseline` drops {})",
                        f.fixed,
                        if f.fixed == 1 { "it" } else { "them" }
                    )
                } else {
                    String::new()
                }
            );
        }
    }
    let stdout = std::io::stdout();
    let mut w = BufWriter::new(stdout.lock());
    output::write(
        &mut w,
        a.format,
        &reports,
        HumanOptions {
            color: super::color_stdout(),
            quiet: a.quiet,
            statistics: a.statistics,
        },
    )?;
    w.flush()?;
    let io_error = fix_failed || sel.walk_failed || reports.iter().any(|r| r.io_error);
    let fails = reports
        .iter()
        .flat_map(|r| &r.diagnostics)
        .any(|d| d.severity == Severity::Error || (a.strict && d.severity == Severity::Warning));
    Ok(if io_error {
        Status::Error
    } else if fails {
        Status::Findings
    } else {
        Status::Clean
    })
}

/// `--write-baseline`: records every finding of `reports` in the baseline
/// file (keeping the entries of existing files this run did not check).
/// Nothing is written when a file could not be read: its findings are unknown.
fn write_baseline(
    target: Option<&PathBuf>,
    sel: &Selection,
    reports: &[FileReport],
) -> anyhow::Result<Status> {
    let cwd = std::env::current_dir()?;
    let root = baseline::root(&cwd);
    let path = target
        .cloned()
        .unwrap_or_else(|| relative(&root.join(baseline::DEFAULT_FILE), &cwd));
    if sel.walk_failed || reports.iter().any(|r| r.io_error) {
        anyhow::bail!(
            "some files could not be read (see above); baseline {} not written",
            path.display()
        );
    }
    if path.is_dir()
        || path
            .extension()
            .is_some_and(|e| e == "md" || e == "markdown")
    {
        anyhow::bail!(
            "{} is not a place for a baseline (a JSON file); paths to check go before --write-baseline, or write --write-baseline=FILE",
            path.display()
        );
    }
    let old = baseline::previous(&path)?;
    let new = baseline::record(old.as_ref().and_then(Option::as_ref), &root, reports);
    let before: std::collections::HashSet<_> = old
        .as_ref()
        .and_then(Option::as_ref)
        .map(|b| b.findings.iter().cloned().collect())
        .unwrap_or_default();
    let added = new.findings.iter().filter(|e| !before.contains(e)).count();
    let dropped = (before.len() + added).saturating_sub(new.findings.len());
    baseline::write(&path, &new)?;
    eprintln!(
        "wrote baseline {}: {} finding{} ({added} new, {dropped} dropped)",
        path.display(),
        new.findings.len(),
        if new.findings.len() == 1 { "" } else { "s" },
    );
    // Written where no configuration names it: say how to use it, so the
    // next `check` does not look as if the baseline did nothing.
    if sel.baseline.is_none() {
        eprintln!(
            "note: `check` uses it with `--baseline {0}`, or put `baseline = \"{0}\"` in techspec.toml",
            path.display()
        );
    }
    Ok(Status::Clean)
}

/// What `--fix` did.
struct FixRun {
    /// Files changed (or, with --dry-run, that would change).
    changed: usize,
    /// A file could not be read or written.
    failed: bool,
}

/// Applies the safe fixes to every file (or prints them as a diff with
/// `dry_run`); messages go to stderr, diffs to stdout.
fn fix_files(sel: &Selection, dry_run: bool, options: FixOptions) -> anyhow::Result<FixRun> {
    let results: Vec<Result<FileFix, FixError>> = sel
        .jobs
        .par_iter()
        .map(|(i, f)| fix_file(&sel.checkers[*i], f, options))
        .collect();
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut run = FixRun {
        changed: 0,
        failed: false,
    };
    let mut fixes = 0;
    let mut unsafe_left = 0;
    for result in results {
        let ff = match result {
            Ok(ff) => ff,
            Err(e) => {
                eprintln!("warning: {e}");
                run.failed = true;
                continue;
            }
        };
        for title in &ff.unsafe_skipped {
            eprintln!(
                "{}: unsafe fix not applied (use --unsafe-fixes): {title}",
                ff.path.display()
            );
            unsafe_left += 1;
        }
        for title in &ff.rejected {
            eprintln!(
                "{}: fix not applied, it would add errors: {title}",
                ff.path.display()
            );
        }
        if !ff.converged {
            // Never written, never shown as a diff to apply.
            let e = FixError::NotConverged {
                path: ff.path.clone(),
                codes: ff.unsettled.join(", "),
            };
            eprintln!("error: {e}");
            run.failed = true;
            continue;
        }
        if !ff.changed() {
            continue;
        }
        if dry_run {
            out.write_all(ff.diff().as_bytes())?;
        } else {
            match ff.write() {
                Ok(_) => {}
                Err(e) => {
                    eprintln!("warning: {e}");
                    run.failed = true;
                    continue;
                }
            }
        }
        for title in &ff.applied {
            eprintln!(
                "{}: {} {title}",
                ff.path.display(),
                if dry_run { "would fix:" } else { "fixed:" }
            );
        }
        run.changed += 1;
        fixes += ff.applied.len();
    }
    out.flush()?;
    let verb = if dry_run { "would apply" } else { "applied" };
    eprintln!(
        "{verb} {fixes} fix{} in {} file{}",
        if fixes == 1 { "" } else { "es" },
        run.changed,
        if run.changed == 1 { "" } else { "s" }
    );
    if unsafe_left > 0 {
        eprintln!(
            "{unsafe_left} unsafe fix{} left out; --unsafe-fixes applies {}",
            if unsafe_left == 1 { "" } else { "es" },
            if unsafe_left == 1 { "it" } else { "them" }
        );
    }
    Ok(run)
}

/// `files` with, after each spec, the ADRs of the `adrs/` folder beside it
/// that are not in the list already.
fn with_adrs(files: Vec<PathBuf>) -> Vec<PathBuf> {
    let mut seen: std::collections::HashSet<PathBuf> = files.iter().cloned().collect();
    // One look at `adrs/` per folder, however many specs it holds.
    let mut looked: std::collections::HashSet<PathBuf> = std::collections::HashSet::new();
    let mut out = Vec::with_capacity(files.len());
    for f in files {
        let dir = f.parent().map(Path::to_path_buf).unwrap_or_default();
        let adrs = if techspec::adr::is_adr_path(&f) || !looked.insert(dir) {
            Vec::new()
        } else {
            techspec::adr::beside(&f)
        };
        out.push(f);
        for a in adrs {
            if seen.insert(a.clone()) {
                out.push(a);
            }
        }
    }
    out
}

fn relative(p: &Path, cwd: &Path) -> PathBuf {
    p.strip_prefix(cwd)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| p.to_path_buf())
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

fn progress_bar(n: usize) -> Option<indicatif::ProgressBar> {
    if n < 500 || !std::io::stderr().is_terminal() {
        return None;
    }
    let pb = indicatif::ProgressBar::new(n as u64);
    pb.set_style(
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} specs ({per_sec}, {eta})")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    Some(pb)
}
