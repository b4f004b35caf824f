//! ## What it does
//! Reports, once for the whole Relevant Files section, the entries written
//! with a leading `/` (`/Domain/Entities/User.swift`, `/src/app.ts`) that do
//! sit inside an app folder of the repository instead of at its root. Such
//! paths mean "inside the repository" (or inside its app folder), not the
//! machine's root: they are looked up there (TS301 reports those found
//! nowhere), and the finding shows where they resolve
//! (`FitToday/FitToday/Domain/...`). `/src/app.ts` for the repository's
//! `src/app.ts` is accepted. Machine paths (`/home/...`, `/Users/...`,
//! `C:\...`, `file://`) are TS302 instead.
//!
//! ## Why is this bad?
//! An agent reads `/Domain/Entities/User.swift` literally: it looks at the
//! root of the disk or creates a new `Domain/` folder beside the real one.
//!
//! ## Example
//! ```markdown
//! ### Relevant Files
//! - `/Domain/Entities/User.swift`
//! ```
//! (the file is `App/App/Domain/Entities/User.swift`)
//!
//! ## Use instead
//! ```markdown
//! - `App/App/Domain/Entities/User.swift`
//! ```

use super::Context;
use super::project_view::{relevant_refs, resolved_refs};
use crate::model::diagnostic::Diagnostic;
use crate::project::{PathStatus, is_machine_path};

pub const CODE: &str = "TS307";

pub fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    if ctx.project.is_none() {
        return;
    }
    let refs: Vec<_> = relevant_refs(ctx)
        .iter()
        .zip(resolved_refs(ctx))
        .filter(|(r, _)| {
            r.path.starts_with('/') && !r.path.starts_with("//") && !is_machine_path(&r.path)
        })
        .collect();
    let Some((first, _)) = refs.first() else {
        return;
    };
    // Where each resolves: (written without `/`, found).
    let mut resolved: Vec<(String, String)> = Vec::new();
    for (r, status) in &refs {
        let written = r.path.trim_start_matches('/').to_string();
        if let PathStatus::Exists(found) = status {
            let found = found.clone();
            if found != written {
                resolved.push((written, found));
            }
        }
    }
    if resolved.is_empty() {
        // `/src/app.ts` for `src/app.ts` is plainly repository-relative;
        // the missing ones are TS301's.
        return;
    }
    let n = refs.len();
    // The app folder most of them resolve under.
    let mut prefixes: Vec<(&str, usize)> = Vec::new();
    for (w, f) in &resolved {
        let prefix = f.strip_suffix(w.as_str()).unwrap_or("");
        match prefixes.iter_mut().find(|(p, _)| *p == prefix) {
            Some((_, count)) => *count += 1,
            None => prefixes.push((prefix, 1)),
        }
    }
    let (prefix, count) = prefixes
        .iter()
        .copied()
        .max_by_key(|(p, c)| (*c, std::cmp::Reverse(*p)))
        .unwrap_or(("", 0));
    let (written, found) = resolved
        .iter()
        .find(|(w, f)| f.strip_suffix(w.as_str()) == Some(prefix))
        .unwrap_or(&resolved[0]);
    let help = if prefix.is_empty() {
        format!(
            "{count} of them resolve inside the repository (`/{written}` is `{found}`); write them from the repository root"
        )
    } else {
        format!(
            "read as paths inside the repository: {count} of them resolve under `{prefix}` (`/{written}` is `{found}`); write them from the repository root"
        )
    };
    let msg = if n == 1 {
        format!("relevant file `{}` starts with `/`", first.raw)
    } else {
        format!("{n} relevant files start with `/` (first: `{}`)", first.raw)
    };
    out.push(
        Diagnostic::new(CODE, first.span, msg)
            .section("Relevant Files")
            .help(help),
    );
}

#[cfg(test)]
mod tests {
    use crate::engine::checks::tests::project_findings;

    #[test]
    fn pass() {
        assert!(project_findings("TS307", "pass").is_empty());
    }

    #[test]
    fn fail() {
        insta::assert_snapshot!(crate::engine::checks::tests::render(&project_findings(
            "TS307", "fail"
        )));
    }
}
