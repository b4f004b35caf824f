use std::path::PathBuf;

use clap::Args;

use super::Status;
use techspec::authoring::tasks::{is_portuguese, plan, render};
use techspec::io::read::{is_binary, read_limited};
use techspec::io::write::write_new;
use techspec::model::document::Document;

#[derive(Args)]
pub struct TasksArgs {
    /// The spec to read (its Build Order, Testing Approach, Technical
    /// Dependencies and Relevant Files).
    spec: PathBuf,
    /// Where to write (default: tasks.md beside the spec).
    #[arg(long, short, value_name = "PATH")]
    out: Option<PathBuf>,
    /// Overwrite an existing file.
    #[arg(long)]
    force: bool,
}

pub fn run(a: TasksArgs) -> anyhow::Result<Status> {
    let bytes = read_limited(&a.spec, techspec::engine::max_file_size_for(&a.spec))
        .map_err(|e| anyhow::anyhow!("{}: {e}", a.spec.display()))?;
    if is_binary(&bytes) {
        anyhow::bail!("{}: binary file, not a Markdown spec", a.spec.display());
    }
    let doc = Document::from_bytes(&bytes);
    let list = plan(&doc)
        .map_err(|e| anyhow::anyhow!("{}: {}", a.spec.display(), e.message(is_portuguese(&doc))))?;
    let path = a.out.unwrap_or_else(|| {
        a.spec
            .parent()
            .map_or_else(|| PathBuf::from("tasks.md"), |d| d.join("tasks.md"))
    });
    let source = a.spec.file_name().map_or_else(
        || a.spec.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    write_new(&path, render(&list, &source).as_bytes(), a.force)?;
    let n = list.tasks.len();
    if list.portuguese {
        eprintln!(
            "criado {}: {n} tarefa{} principa{} a partir da Ordem de Construção",
            path.display(),
            if n == 1 { "" } else { "s" },
            if n == 1 { "l" } else { "is" }
        );
    } else {
        eprintln!(
            "created {}: {n} parent task{} from the Build Order",
            path.display(),
            if n == 1 { "" } else { "s" }
        );
    }
    Ok(Status::Clean)
}
