use std::io::{BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};

use clap::Args;
use rayon::prelude::*;

use super::Status;
use techspec::engine::FileReport;
use techspec::engine::baseline::{self, Baseline};
use techspec::engine::fix::{FileFix, FixError, FixOptions, fix_file};
use techspec::engine::workspace::{self, Checked, Notice, Overrides, Request, Selection, relative};
use techspec::model::diagnostic::Severity;
use techspec::output::{self, Format, HumanOptions};

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

    /// What the run asks for; a template file is found from `cwd`.
    pub fn request(&self, cwd: &Path) -> Request {
        Request {
            paths: self.paths.clone(),
            config: self.config.clone(),
            baseline: self.baseline.clone(),
            overrides: Overrides {
                template: self.template.clone().map(|t| (t, cwd.to_path_buf())),
                word_budget: self.word_budget,
                max_file_size: self.max_file_size,
                no_project: self.no_project,
                ..Overrides::default()
            },
        }
    }
}

/// Finds the files of `request` (from the current folder), printing what
/// the user should hear on stderr.
pub fn select(request: &Request) -> anyhow::Result<Selection> {
    let cwd = std::env::current_dir()?;
    Ok(workspace::select(&cwd, request, &mut |n| match n {
        Notice::Warning(m) => eprintln!("warning: {m}"),
        Notice::Note(m) => eprintln!("note: {m}"),
    })?)
}

/// Checks every file of a selection, with a progress bar on a terminal when
/// `progress` (and there are many); see [`Selection::check`] for
/// `keep_documents`.
pub fn check_all(
    sel: &Selection,
    threads: Option<usize>,
    keep_documents: bool,
    progress: bool,
) -> anyhow::Result<Checked> {
    let bar = if progress {
        progress_bar(sel.jobs.len())
    } else {
        None
    };
    let checked = sel.check(threads, keep_documents, &|| {
        if let Some(pb) = &bar {
            pb.inc(1);
        }
    })?;
    if let Some(pb) = bar {
        pb.finish_and_clear();
    }
    Ok(checked)
}

pub fn run(a: CheckArgs) -> anyhow::Result<Status> {
    let mut sel = select(&a.specs.request(&std::env::current_dir()?))?;
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
    let Checked {
        reports: mut checked,
        documents,
    } = check_all(&sel, a.threads, a.implemented, a.format == Format::Human)?;
    if a.implemented {
        let jobs: Vec<_> = sel.files().collect();
        for note in techspec::engine::implemented::verify_all(&jobs, &mut checked, &documents) {
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
    // The process ends next: the system takes back the findings and the
    // repository's file index at once, faster than freeing them one by one.
    std::mem::forget(reports);
    std::mem::forget(sel);
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
        .map(|(i, f)| fix_file(&sel.workspaces.get(*i).checker, f, options))
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
