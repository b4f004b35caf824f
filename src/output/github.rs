//! `--format github`: GitHub Actions workflow commands, one per finding,
//! shown as annotations on the pull request.

use std::io::{self, Write};

use super::display_path;
use crate::diagnostic::Severity;
use crate::engine::FileReport;

fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

pub fn write(w: &mut dyn Write, reports: &[FileReport]) -> io::Result<()> {
    for r in reports {
        let file = escape_property(&display_path(&r.path));
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
