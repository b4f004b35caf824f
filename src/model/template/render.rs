//! Rendering a template to Markdown, with the interface example swapped for
//! another language and the rules folder set.

use super::{DocLang, Template, builtin::lang_example};

/// What to change when rendering.
#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    /// Swap the interface example for this language's (`go`, `python`...).
    pub lang: Option<String>,
    /// Name this folder in Standards Compliance instead of the template's.
    pub rules_dir: Option<String>,
}

/// Errors rendering a template.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum RenderError {
    #[error("unknown language `{0}`; known: go, python, rust, typescript, java, csharp")]
    UnknownLang(String),
}

/// Renders the template: its source, with the requested substitutions.
pub fn render(t: &Template, opts: &RenderOptions) -> Result<String, RenderError> {
    let text = &t.doc.text;
    let mut edits: Vec<(usize, usize, String)> = Vec::new();
    if let Some(lang) = &opts.lang {
        let example = lang_example(lang, t.lang == DocLang::Pt)
            .ok_or_else(|| RenderError::UnknownLang(lang.clone()))?;
        if let Some(span) = t.interface_example {
            edits.push((span.start, span.end, example.to_string()));
        }
    }
    if let (Some(dir), Some((_, span))) = (&opts.rules_dir, &t.rules_dir) {
        let dir = dir.trim_end_matches('/');
        edits.push((span.start, span.end, format!("@{dir}")));
    }
    edits.sort_by_key(|e| e.0);
    let mut out = String::with_capacity(text.len() + 256);
    let mut pos = 0;
    for (s, e, with) in edits {
        out.push_str(&text[pos..s]);
        out.push_str(&with);
        pos = e;
    }
    out.push_str(&text[pos..]);
    if !out.ends_with('\n') {
        out.push('\n');
    }
    Ok(out)
}
