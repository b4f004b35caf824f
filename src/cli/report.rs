use std::collections::HashMap;
use std::path::{Path, PathBuf};

use clap::Args;

use super::Status;
use super::check::{SpecArgs, check_all, select};
use techspec::engine::baseline::Baseline;
use techspec::io::write::write_new;
use techspec::output::display_path;
use techspec::output::report::{ReportOptions, RuleCoverage, build, render_html, utc_timestamp};

#[derive(Args)]
#[command(
    after_help = "Exit codes: 0 the page was written (whatever the specs' findings), 2 usage or I/O error."
)]
pub struct ReportArgs {
    #[command(flatten)]
    specs: SpecArgs,
    /// Where to write the page.
    #[arg(long, short, value_name = "FILE", default_value = "report.html")]
    out: PathBuf,
    /// Open the page in the default browser (with `xdg-open` or `open`).
    #[arg(long)]
    open: bool,
    /// Overwrite an existing file.
    #[arg(long)]
    force: bool,
    /// Worker threads (default: all cores).
    #[arg(long, short = 'j', value_name = "N")]
    threads: Option<usize>,
}

pub fn run(a: ReportArgs) -> anyhow::Result<Status> {
    // Refuse early, before checking anything.
    if !a.force && std::fs::symlink_metadata(&a.out).is_ok() {
        return Err(techspec::io::write::WriteError::Exists(a.out).into());
    }
    let cwd = std::env::current_dir()?;
    let mut request = a.specs.request(&cwd);
    // The rules each spec cites are counted as it is checked.
    request.overrides.count_rules = true;
    let mut sel = select(&request)?;
    let baseline = sel.baseline.as_deref().map(Baseline::load).transpose()?;
    let mut reports = std::mem::take(&mut sel.reports);
    reports.extend(check_all(&sel, a.threads, true)?);
    // The PRD and task files beside a spec get their own rows.
    let reports = techspec::engine::flatten(reports);
    let opts = ReportOptions {
        title: title(&cwd),
        word_budget: sel
            .workspaces
            .iter()
            .next()
            .map_or(ReportOptions::default().word_budget, |w| {
                w.checker.settings.word_budget
            }),
        code_budget: sel
            .workspaces
            .iter()
            .next()
            .map_or(ReportOptions::default().code_budget, |w| {
                w.checker.settings.code_budget
            }),
        generated: Some(utc_timestamp(std::time::SystemTime::now())),
    };
    let mut report = build(&reports, &opts);
    if !a.specs.no_project() {
        let coverage: HashMap<String, RuleCoverage> = reports
            .iter()
            .filter_map(|r| Some((display_path(&r.path), r.rules?)))
            .collect();
        report.set_rules(|p| coverage.get(p).copied());
    }
    if let Some(b) = &baseline {
        let root = techspec::engine::baseline::root(&cwd);
        let mut known: HashMap<String, Vec<bool>> = reports
            .iter()
            .map(|r| display_path(&r.path))
            .zip(techspec::engine::baseline::known(b, &root, &reports))
            .collect();
        report.mark_baselined(|p| known.remove(p));
    }
    let html = render_html(&report)?;
    write_new(&a.out, html.as_bytes(), a.force)?;
    let s = report.summary;
    eprintln!(
        "wrote {}: {} spec{}, {} clean, {} with warnings only, {} with errors",
        a.out.display(),
        s.specs,
        if s.specs == 1 { "" } else { "s" },
        s.clean,
        s.with_warnings,
        s.with_errors
    );
    if a.open {
        open(&a.out);
    }
    Ok(if sel.walk_failed {
        Status::Error
    } else {
        Status::Clean
    })
}

/// "Technical specifications: <project>" from the repository (or current) folder name.
fn title(cwd: &Path) -> String {
    let root = techspec::io::root::find_root(cwd).unwrap_or_else(|| cwd.to_path_buf());
    match root.file_name() {
        Some(name) => format!("Technical specifications: {}", name.to_string_lossy()),
        None => "Technical specifications".to_string(),
    }
}

/// Opens a file with the desktop's opener, if there is one; never fails the run.
fn open(path: &Path) {
    let opener = ["xdg-open", "open"].into_iter().find(|o| on_path(o));
    let Some(opener) = opener else {
        eprintln!(
            "warning: neither `xdg-open` nor `open` was found; open {} yourself",
            path.display()
        );
        return;
    };
    let spawned = std::process::Command::new(opener)
        .arg(path)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    if let Err(e) = spawned {
        eprintln!("warning: cannot run `{opener}`: {e}");
    }
}

fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|d| d.join(program).is_file()))
}
