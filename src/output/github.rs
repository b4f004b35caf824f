//! `--format github`: GitHub Actions workflow commands, one per finding,
//! shown as annotations on the pull request.

use std::io::{self, Write};

use super::links::RepoPaths;
use crate::engine::FileReport;
use crate::model::diagnostic::Severity;

fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// Annotations name files relative to the repository root (where the
/// workflow checks it out), as GitHub places them on the diff.
pub fn write(w: &mut dyn Write, reports: &[FileReport]) -> io::Result<()> {
    let paths = RepoPaths::for_files(reports.iter().map(|r| r.path.as_path()));
    for r in reports {
        let file = match paths.relative(&r.path) {
            Ok(rel) => rel,
            Err(abs) => abs.to_string_lossy().replace('\\', "/"),
        };
        let file = escape_property(&file);
        for d in &r.diagnostics {
            let level = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            writeln!(
                w,
                "::{level} file={file},line={},col={},endLine={},endColumn={},title={}::{}",
                d.line,
                d.column,
                d.end_line,
                d.end_column,
                escape_property(&format!("{} {}", d.code, d.name)),
                escape_data(&d.message)
            )?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_as_github_expects() {
        assert_eq!(escape_data("50% a\nb"), "50%25 a%0Ab");
        assert_eq!(escape_property("a:b,c"), "a%3Ab%2Cc");
    }
}
