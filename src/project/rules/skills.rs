//! Agent skills: `<agent>/skills/<name>/SKILL.md` folders (Claude Code,
//! Codex, Cursor, Gemini and the shared `.agents/skills`).
//!
//! A skill is loaded when the agent decides it is useful (from its
//! `description`) or when the user asks for it, so for a spec it is at most
//! "possibly relevant", never required. A spec cites a skill by its folder
//! (`.claude/skills/pdf/`), its `SKILL.md` path or its name (`pdf`).

use std::fs;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::MAX_RULE_FILE_BYTES;
use super::cite::find_word;
use super::frontmatter::parse_frontmatter;

/// The folders skills live in, relative to the repository root.
pub const SKILLS_DIRS: [&str; 5] = [
    ".claude/skills",
    ".agents/skills",
    ".cursor/skills",
    ".codex/skills",
    ".gemini/skills",
];

/// One agent skill.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Skill {
    /// Frontmatter `name`, else the folder (or file) name.
    pub name: String,
    /// Frontmatter `description`, if present and not empty.
    pub description: Option<String>,
    /// The skill's folder, repo-relative (`.claude/skills/pdf`); for a skill
    /// written as one file (`.claude/skills/typescript.md`), that file.
    pub dir: String,
    /// The file read (`.claude/skills/pdf/SKILL.md`).
    pub path: String,
    /// Problems found while reading it (lenient frontmatter, ...).
    pub warnings: Vec<String>,
}

impl Skill {
    /// The names a spec may cite the skill by: folder, folder with `/`,
    /// `SKILL.md` path, name, folder name.
    pub fn names(&self) -> Vec<String> {
        let folder = self.dir.rsplit('/').next().unwrap_or(&self.dir);
        let folder = super::rule_stem(folder);
        let mut names = vec![
            self.dir.clone(),
            self.path.clone(),
            self.name.clone(),
            folder.to_string(),
        ];
        names.retain(|n| n.chars().count() >= 2);
        names.sort();
        names.dedup();
        names
    }

    /// Whether `text` cites this skill by one of its [`Skill::names`], as a
    /// whole word, case-insensitively. A one-word name (`pdf`, `design`) must
    /// be written as code, a link or after `@` to count: in prose it is an
    /// ordinary word.
    pub fn cited_in(&self, text: &str) -> bool {
        let hay = text.to_lowercase();
        self.names().iter().any(|n| {
            let n = n.to_lowercase();
            if n.contains(['-', '_', '/', '.']) {
                return find_word(&hay, &n).is_some();
            }
            [format!("`{n}`"), format!("@{n}"), format!("/{n}")]
                .iter()
                .any(|w| hay.contains(w.as_str()))
        })
    }

    /// Whether a cited `name` (an `@` and `./` already dropped, lower-cased)
    /// names this skill.
    pub fn matches(&self, name: &str) -> bool {
        let name = name.trim_end_matches('/');
        let dir = self.dir.to_lowercase();
        let path = self.path.to_lowercase();
        let suffix = |p: &str| p == name || p.ends_with(&format!("/{name}"));
        (name.contains('/') && (suffix(&dir) || suffix(&path)))
            || self
                .names()
                .iter()
                .any(|n| !n.contains('/') && n.to_lowercase() == name)
    }
}

/// The skills of the repository at `root`: every `SKILL.md` one level below
/// a skills folder (symlinked skill folders are followed when they stay
/// inside the repository), and `.md` files directly in a skills folder.
/// Skills with the same name in several folders (`.claude/skills/pdf` linked
/// to `.agents/skills/pdf`) are all kept; sorted by folder.
pub fn discover_skills(root: &Path) -> (Vec<Skill>, Vec<(std::path::PathBuf, String)>) {
    let mut skills = Vec::new();
    let mut errors = Vec::new();
    let canonical_root = fs::canonicalize(root).ok();
    for skills_dir in SKILLS_DIRS {
        let Ok(entries) = fs::read_dir(root.join(skills_dir)) else {
            continue;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let rel = format!("{skills_dir}/{name}");
            let path = entry.path();
            let is_link = entry.file_type().is_ok_and(|t| t.is_symlink());
            if is_link {
                let inside = fs::canonicalize(&path)
                    .ok()
                    .zip(canonical_root.as_deref())
                    .is_some_and(|(t, r)| t.starts_with(r));
                if !inside {
                    errors.push((
                        rel.into(),
                        "skill folder links outside the repository (or nowhere); skipped"
                            .to_string(),
                    ));
                    continue;
                }
            }
            let (file, file_rel) = if path.is_dir() {
                // `SKILL.md`, else the folder's only (or first) Markdown file.
                let skill_md = ["SKILL.md", "skill.md"]
                    .into_iter()
                    .map(str::to_string)
                    .find(|f| path.join(f).is_file())
                    .or_else(|| first_markdown(&path));
                match skill_md {
                    Some(f) => (path.join(&f), format!("{rel}/{f}")),
                    None => continue,
                }
            } else if name.to_ascii_lowercase().ends_with(".md") && path.is_file() {
                (path.clone(), rel.clone())
            } else {
                continue;
            };
            match read_skill(&file) {
                Ok(text) => skills.push(build_skill(rel, file_rel, &text)),
                Err(e) => errors.push((file_rel.into(), e)),
            }
        }
    }
    skills.sort_by(|a, b| a.dir.cmp(&b.dir));
    (skills, errors)
}

/// The first `.md` file (by name) directly in `dir`, a README aside.
fn first_markdown(dir: &Path) -> Option<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .ok()?
        .flatten()
        .filter(|e| e.path().is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| {
            let lower = n.to_ascii_lowercase();
            lower.ends_with(".md") && lower != "readme.md"
        })
        .collect();
    names.sort();
    names.into_iter().next()
}

fn read_skill(path: &Path) -> Result<String, String> {
    let meta = fs::metadata(path).map_err(|e| e.to_string())?;
    if meta.len() > MAX_RULE_FILE_BYTES {
        return Err(format!(
            "skill file is {} bytes, over the 1 MB limit; skipped",
            meta.len()
        ));
    }
    let bytes = fs::read(path).map_err(|e| e.to_string())?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// The skill in folder `dir` read from `path` with contents `text`.
fn build_skill(dir: String, path: String, text: &str) -> Skill {
    let fm = parse_frontmatter(text);
    let folder = dir.rsplit('/').next().unwrap_or(&dir);
    let name = fm
        .get_str("name")
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map_or_else(|| super::rule_stem(folder).to_string(), str::to_string);
    Skill {
        name,
        description: fm
            .get_str("description")
            .map(str::trim)
            .filter(|d| !d.is_empty())
            .map(str::to_string),
        dir,
        path,
        warnings: fm.warnings.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(root: &Path, rel: &str, text: &str) {
        let p = root.join(rel);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, text).unwrap();
    }

    #[test]
    fn finds_skill_folders_and_flat_files_with_lenient_frontmatter() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(
            root,
            ".claude/skills/pdf/SKILL.md",
            "---\nname: pdf\ndescription: Read and fill PDF forms\n---\n# PDF\n",
        );
        write(
            root,
            ".agents/skills/go-style/SKILL.md",
            "---\nname: go-style\ndescription: Go: errors: wrap them\nglobs: *.go\n---\n",
        );
        write(root, ".claude/skills/typescript.md", "# TypeScript\n");
        write(root, ".claude/skills/empty/README.md", "not a skill");
        let (skills, errors) = discover_skills(root);
        assert!(errors.is_empty(), "{errors:?}");
        let got: Vec<(&str, &str, Option<&str>)> = skills
            .iter()
            .map(|s| (s.dir.as_str(), s.name.as_str(), s.description.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                (
                    ".agents/skills/go-style",
                    "go-style",
                    Some("Go: errors: wrap them")
                ),
                (".claude/skills/pdf", "pdf", Some("Read and fill PDF forms")),
                (".claude/skills/typescript.md", "typescript", None),
            ]
        );
        // The broken frontmatter is read leniently, with a warning.
        assert!(!skills[0].warnings.is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn follows_symlinked_skill_folders_inside_the_repository_only() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(
            root,
            ".agents/skills/pdf/SKILL.md",
            "---\nname: pdf\ndescription: PDFs\n---\n",
        );
        let outside = tempfile::tempdir().unwrap();
        write(outside.path(), "evil/SKILL.md", "---\nname: evil\n---\n");
        fs::create_dir_all(root.join(".claude/skills")).unwrap();
        std::os::unix::fs::symlink("../../.agents/skills/pdf", root.join(".claude/skills/pdf"))
            .unwrap();
        std::os::unix::fs::symlink(
            outside.path().join("evil"),
            root.join(".claude/skills/evil"),
        )
        .unwrap();
        let (skills, errors) = discover_skills(root);
        let dirs: Vec<&str> = skills.iter().map(|s| s.dir.as_str()).collect();
        assert_eq!(dirs, [".agents/skills/pdf", ".claude/skills/pdf"]);
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(errors[0].1.contains("outside the repository"));
    }

    #[test]
    fn citations_by_folder_path_or_name() {
        let s = build_skill(
            ".claude/skills/code-standards-reference".into(),
            ".claude/skills/code-standards-reference/SKILL.md".into(),
            "---\nname: code-standards-reference\n---\n",
        );
        for text in [
            "- `.claude/skills/code-standards-reference/`",
            "- @.claude/skills/code-standards-reference/SKILL.md",
            "- Code standards (`code-standards-reference`)",
        ] {
            assert!(s.cited_in(text), "{text}");
        }
        assert!(!s.cited_in("code-standards-references"));
        for name in [
            "code-standards-reference",
            ".claude/skills/code-standards-reference",
            "skills/code-standards-reference/skill.md",
        ] {
            assert!(s.matches(name), "{name}");
        }
        let pdf = build_skill(
            ".claude/skills/pdf".into(),
            ".claude/skills/pdf/SKILL.md".into(),
            "",
        );
        assert!(pdf.cited_in("uses `pdf`"));
        assert!(!pdf.cited_in("export the report as pdf"));
    }
}
