//! `--format junit`: JUnit XML, the test report GitLab, Jenkins and Azure
//! Pipelines show. One `<testsuite>` per spec file; one failing
//! `<testcase>` per error or warning (the failure's `type` says which);
//! a file with neither has one passing test case. Infos are notes, not
//! test failures: they are left out. Valid against the Jenkins xUnit
//! plugin's `junit-10.xsd` (vendored in `schemas/`).

use std::io::{self, Write};

use super::links::RepoPaths;
use crate::engine::FileReport;
use crate::model::diagnostic::Severity;

/// Text as XML attribute or element content: markup escaped, characters
/// XML 1.0 cannot hold dropped.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\t' | '\r' => out.push(' '),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

pub fn write(w: &mut dyn Write, reports: &[FileReport]) -> io::Result<()> {
    let paths = RepoPaths::for_files(reports.iter().map(|r| r.path.as_path()));
    let listed = |r: &FileReport| {
        r.diagnostics
            .iter()
            .filter(|d| d.severity != Severity::Info)
            .count()
    };
    let failures: usize = reports.iter().map(listed).sum();
    let tests: usize = reports.iter().map(|r| listed(r).max(1)).sum();
    writeln!(w, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        w,
        r#"<testsuites name="techspec" tests="{tests}" failures="{failures}" errors="0">"#
    )?;
    for r in reports {
        let path = match paths.relative(&r.path) {
            Ok(rel) => rel,
            Err(abs) => abs.to_string_lossy().replace('\\', "/"),
        };
        let path = escape(&path);
        let n = listed(r);
        writeln!(
            w,
            r#"  <testsuite name="{path}" tests="{}" failures="{n}" errors="0" skipped="0" file="{path}">"#,
            n.max(1)
        )?;
        if n == 0 {
            writeln!(
                w,
                r#"    <testcase name="techspec check" classname="{path}"/>"#
            )?;
        }
        for d in r
            .diagnostics
            .iter()
            .filter(|d| d.severity != Severity::Info)
        {
            let mut body = format!("{path}:{}:{}: {}", d.line, d.column, escape(&d.message));
            if let Some(h) = &d.help {
                body.push_str("&#10;help: ");
                body.push_str(&escape(h));
            }
            writeln!(
                w,
                r#"    <testcase name="{} {} (line {})" classname="{path}">"#,
                d.code, d.name, d.line
            )?;
            writeln!(
                w,
                r#"      <failure type="{}" message="{}">{body}</failure>"#,
                d.severity.as_str(),
                escape(&d.message)
            )?;
            writeln!(w, "    </testcase>")?;
        }
        writeln!(w, "  </testsuite>")?;
    }
    writeln!(w, "</testsuites>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_what_xml_cannot_hold() {
        assert_eq!(escape("a<b & \"c\"\u{1}"), "a&lt;b &amp; &quot;c&quot;");
        assert_eq!(escape("x\ny"), "x&#10;y");
    }
}
