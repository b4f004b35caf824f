//! Targets a project states for its specs: the create-techspec command,
//! agent, prompt or skill says "~2,000 words" or "snippets ≤ 20 lines", and
//! those numbers become the project's defaults (`techspec.toml` still wins).

use std::path::Path;
use std::sync::LazyLock;

use regex::Regex;

/// Folders where agents keep commands, agents, prompts and workflows.
const COMMAND_DIRS: &[&str] = &[
    ".claude/commands",
    ".claude/agents",
    ".cursor/commands",
    "cursor/commands",
    ".codex/commands",
    ".qwen/commands",
    ".gemini/commands",
    ".github/prompts",
    ".agents",
    ".agents/commands",
    ".kilocode/workflows",
    ".windsurf/workflows",
    ".roo/commands",
    ".opencode/command",
    ".opencode/commands",
];

/// Folders of skills (`<dir>/<skill>/SKILL.md`).
const SKILL_DIRS: &[&str] = &[".agents/skills", ".claude/skills", ".cursor/skills"];

/// A number and the file that stated it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub value: usize,
    /// Repo-relative, `/`-separated.
    pub source: String,
}

/// What a project's spec-writing instructions ask for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Targets {
    pub words: Option<Target>,
    pub example_lines: Option<Target>,
}

/// Whether a file name (or a skill folder's name) is about writing a tech spec.
fn is_techspec_name(name: &str) -> bool {
    let n = name.to_ascii_lowercase().replace(['-', '_', ' '], "");
    n.contains("techspec") || n.contains("technicalspec")
}

/// Reads the targets of the project at `root` (a few small files at most).
pub fn discover(root: &Path) -> Targets {
    let mut files: Vec<(String, std::path::PathBuf)> = Vec::new();
    for dir in COMMAND_DIRS {
        let Ok(rd) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        let mut v: Vec<_> = rd
            .flatten()
            .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
            .filter(|e| is_techspec_name(&e.file_name().to_string_lossy()))
            .map(|e| {
                (
                    format!("{dir}/{}", e.file_name().to_string_lossy()),
                    e.path(),
                )
            })
            .collect();
        v.sort();
        files.extend(v);
    }
    for dir in SKILL_DIRS {
        let Ok(rd) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        let mut v: Vec<_> = rd
            .flatten()
            .filter(|e| is_techspec_name(&e.file_name().to_string_lossy()))
            .map(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                (format!("{dir}/{name}/SKILL.md"), e.path().join("SKILL.md"))
            })
            .filter(|(_, p)| p.is_file())
            .collect();
        v.sort();
        files.extend(v);
    }
    let mut out = Targets::default();
    for (rel, path) in files {
        let Ok(meta) = std::fs::metadata(&path) else {
            continue;
        };
        if meta.len() > 256 * 1024 {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let found = from_text(&text);
        if out.words.is_none() {
            out.words = found.0.map(|value| Target {
                value,
                source: rel.clone(),
            });
        }
        if out.example_lines.is_none() {
            out.example_lines = found.1.map(|value| Target {
                value,
                source: rel.clone(),
            });
        }
    }
    out
}

static WORDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(\d{1,2}[.,]?\d{3})(?:\s*(?:[-–—]|to|a|até)\s*~?\s*(\d{1,2}[.,]?\d{3}))?\s*(?:words|palavras)\b")
        .expect("valid regex")
});

static LINES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:≤|<=|up to|at most|no more than|max(?:imum)?|até|no máximo)\s*(\d{1,3})\s*(?:lines|linhas)\b")
        .expect("valid regex")
});

fn number(s: &str) -> Option<usize> {
    s.replace(['.', ','], "").parse().ok()
}

/// (word target, lines per example) stated in a text: the upper bound of a
/// range ("1,500–2,500 words" gives 2,500).
pub fn from_text(text: &str) -> (Option<usize>, Option<usize>) {
    let words = WORDS.captures(text).and_then(|c| {
        let hi = c.get(2).or(c.get(1))?;
        number(hi.as_str()).filter(|&n| (300..=50_000).contains(&n))
    });
    let lines = LINES
        .captures(text)
        .and_then(|c| c[1].parse().ok())
        .filter(|&n: &usize| (3..=500).contains(&n));
    (words, lines)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_in_english_and_portuguese() {
        assert_eq!(from_text("- Keep to ~2,000 words\n"), (Some(2000), None));
        assert_eq!(
            from_text("- Manter até ~2.000 palavras"),
            (Some(2000), None)
        );
        assert_eq!(
            from_text("within ~1,500–2,500 words; include illustrative snippets only (≤ 20 lines)"),
            (Some(2500), Some(20))
        );
        assert_eq!(from_text("Write the spec. Use 3 sections."), (None, None));
    }

    #[test]
    fn command_and_skill_names() {
        assert!(is_techspec_name("create-techspec.md"));
        assert!(is_techspec_name("criador-techspec.prompt.md"));
        assert!(is_techspec_name("techspec-creator.md"));
        assert!(is_techspec_name("cria-techspec"));
        assert!(!is_techspec_name("create-prd.md"));
    }
}
