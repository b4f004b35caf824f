use std::io::{BufWriter, Write};
use std::path::PathBuf;

use anyhow::Context as _;
use clap::Args;

use super::Status;
use super::rules::ListFormat;
use techspec::io::read::read_limited;
use techspec::io::root::find_root;
use techspec::project::files::{FileHit, FileQuery, StderrProgress, suggest};

#[derive(Args)]
#[command(group = clap::ArgGroup::new("input").required(true).args(["spec", "query"]))]
pub struct FilesArgs {
    /// A spec or PRD whose text is the query; the file itself is never suggested.
    #[arg(long, value_name = "PATH")]
    spec: Option<PathBuf>,
    /// Free text to search for (identifiers and words).
    #[arg(long, value_name = "TEXT")]
    query: Option<String>,
    /// How many files to suggest (0: all that match).
    #[arg(long, short = 'n', default_value_t = 20)]
    limit: usize,
    /// Output format.
    #[arg(long, short, value_enum, default_value_t = ListFormat::Human)]
    format: ListFormat,
    /// Prints the query's searchable terms, one a line, and stops (for the
    /// benchmark's reference search, `rg -c -i -F -f TERMS`).
    #[arg(long, hide = true)]
    print_terms: bool,
}

fn write_hits(out: &mut impl Write, hits: &[FileHit]) -> std::io::Result<()> {
    for h in hits {
        writeln!(
            out,
            "{:>8.3}  {}  ({})",
            h.score,
            h.path,
            h.terms
                .iter()
                .take(6)
                .cloned()
                .collect::<Vec<_>>()
                .join(", ")
        )?;
    }
    Ok(())
}

pub fn run(a: FilesArgs) -> anyhow::Result<Status> {
    let cwd = std::env::current_dir()?;
    let (text, exclude, start) = match (&a.spec, &a.query) {
        (Some(spec), _) => {
            let bytes = read_limited(spec, techspec::engine::max_file_size_for(spec))
                .map_err(anyhow::Error::msg)
                .with_context(|| format!("cannot read {}", spec.display()))?;
            (
                String::from_utf8_lossy(&bytes).into_owned(),
                vec![std::path::absolute(spec)?],
                spec.clone(),
            )
        }
        (None, Some(q)) => (q.clone(), Vec::new(), cwd.clone()),
        (None, None) => unreachable!("clap requires --spec or --query"),
    };
    if a.print_terms {
        let mut out = BufWriter::new(std::io::stdout().lock());
        for t in techspec::project::files::tokenize::query_terms(&text) {
            writeln!(out, "{}", t.term)?;
        }
        out.flush()?;
        return Ok(Status::Clean);
    }
    let root = find_root(&start).unwrap_or(cwd);
    let mut q = FileQuery::new(text);
    q.exclude = exclude;
    q.limit = a.limit;
    let bar = StderrProgress::new();
    let found = suggest(&root, &q, &|p| bar.report(p))?;
    let mut out = BufWriter::new(std::io::stdout().lock());
    if a.format == ListFormat::Json {
        serde_json::to_writer_pretty(
            &mut out,
            &serde_json::json!({ "root": root, "files": found.files, "related": found.related }),
        )?;
        writeln!(out)?;
    } else if found.files.is_empty() && found.related.is_empty() {
        writeln!(
            out,
            "no file shares terms with the query under {}",
            root.display()
        )?;
    } else {
        if found.files.is_empty() {
            writeln!(out, "no source file shares terms with the query")?;
        }
        write_hits(&mut out, &found.files)?;
        if !found.related.is_empty() {
            writeln!(out, "\nRelated specs and docs (for cross-references):")?;
            write_hits(&mut out, &found.related)?;
        }
    }
    out.flush()?;
    Ok(Status::Clean)
}
