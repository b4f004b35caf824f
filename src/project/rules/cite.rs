//! How a spec names rules: whether it cites a given rule, and which
//! rule-file-looking names it mentions (to flag citations of rules that do
//! not exist).

use super::rule_stem;
use super::{Rule, SKILLS_DIRS, Skill};

/// Known single-file rule names, compared case-insensitively.
const RULE_FILE_NAMES: [&str; 11] = [
    "agents.md",
    "claude.md",
    "claude.local.md",
    "gemini.md",
    "copilot-instructions.md",
    ".cursorrules",
    ".windsurfrules",
    ".clinerules",
    ".roorules",
    ".kilocoderules",
    "agent.md",
];

/// Path fragments that mark a rules folder.
const RULES_FOLDERS: [&str; 9] = [
    ".cursor/rules/",
    ".kilocode/rules",
    ".kilo/rules/",
    ".roo/rules",
    ".clinerules/",
    ".windsurf/rules/",
    ".claude/rules/",
    ".continue/rules/",
    ".github/instructions/",
];

/// Whether `text` names `rule`: by its path (with or without extension),
/// its file name, its file stem or its title, case-insensitively, as a
/// whole word (`@react`, `react.mdc`, `` `react` `` and "React" all name a
/// rule `react.mdc`; "react-native" does not).
pub fn find_cited(rule: &Rule, text: &str) -> bool {
    let hay = text.to_lowercase();
    rule_names(rule)
        .iter()
        .any(|name| find_word(&hay, &name.to_lowercase()).is_some())
}

/// The names a rule can be cited by: path, path without extension, file
/// name, stem, title (the last two only when at least two characters).
pub(crate) fn rule_names(rule: &Rule) -> Vec<String> {
    let path = rule.path_str();
    let file = rule.file_name();
    let stem = rule_stem(&file).to_string();
    let mut names = vec![path.clone()];
    if stem != file {
        let dir_len = path.len() - file.len();
        names.push(format!("{}{stem}", &path[..dir_len]));
    }
    names.push(file);
    for extra in [stem, rule.title.trim().to_string()] {
        if extra.chars().count() >= 2 {
            names.push(extra);
        }
    }
    names.sort();
    names.dedup();
    names
}

/// Byte offset of the first whole-word occurrence of `needle` in `hay`
/// (both already lower-cased). Word characters are letters, digits, `_`
/// and `-`.
pub(crate) fn find_word(hay: &str, needle: &str) -> Option<usize> {
    if needle.is_empty() {
        return None;
    }
    let is_word = |c: char| c.is_alphanumeric() || c == '_' || c == '-';
    // A byte search finds what `str::find` finds: a whole UTF-8 needle
    // only ever matches at a character boundary.
    let finder = memchr::memmem::Finder::new(needle.as_bytes());
    let mut from = 0;
    while let Some(i) = finder.find(hay.get(from..)?.as_bytes()) {
        let start = from + i;
        let end = start + needle.len();
        let before = hay[..start].chars().next_back();
        let after = hay[end..].chars().next();
        let starts_word = needle.chars().next().is_some_and(is_word);
        let ends_word = needle.chars().next_back().is_some_and(is_word);
        let ok_before = !starts_word || !before.is_some_and(is_word);
        // A trailing `.` is punctuation unless a word follows (`react.mdc`).
        let ok_after = !ends_word || !after.is_some_and(is_word);
        if ok_before && ok_after {
            return Some(start);
        }
        from = start + hay[start..].chars().next().map_or(1, char::len_utf8);
    }
    None
}

/// Rule-file-looking references in `text`, with their byte offsets: names
/// ending `.mdc` or `.instructions.md`, `.md`/`.txt` paths under a rules
/// folder, well-known rule files (`AGENTS.md`, `CLAUDE.md`, `.cursorrules`,
/// ...), and `@name` mentions (`@react`, `@.cursor/rules/x.mdc`). Each name
/// is returned as written (an `@` included; an `mdc:` link prefix not), so
/// `text[offset..offset + name.len()] == name`. URLs are skipped.
pub fn cited_names(text: &str) -> Vec<(String, usize)> {
    // A token is a run of name characters. Every reference holds a `.` or
    // starts with `@` (see [`is_rule_ref`]), so only the runs around those
    // bytes are read: Standards Compliance is mostly prose.
    let mut out = Vec::new();
    let mut read_up_to = 0;
    for hit in memchr::memchr2_iter(b'.', b'@', text.as_bytes()) {
        if hit < read_up_to {
            continue;
        }
        let start = text[..hit]
            .char_indices()
            .rev()
            .take_while(|&(_, c)| is_name_char(c))
            .last()
            .map_or(hit, |(i, _)| i);
        let end = text[hit..]
            .char_indices()
            .find(|&(_, c)| !is_name_char(c))
            .map_or(text.len(), |(i, _)| hit + i);
        read_up_to = end;
        let token = text[start..end].trim_end_matches(['.', '-', '/']);
        if token.is_empty() {
            continue;
        }
        // `https://host/.../rules/x.md`: the `//...` part follows a colon.
        if token.starts_with("//") || text[..start].ends_with("://") {
            continue;
        }
        if is_rule_ref(token) {
            out.push((token.to_string(), start));
        }
    }
    out
}

/// The characters of a name a spec may cite: a path, a file, a `@mention`.
fn is_name_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '.' | '_' | '-' | '/' | '@' | '~')
}

/// Whether a token looks like a reference to a rule file.
fn is_rule_ref(token: &str) -> bool {
    let (at, name) = match token.strip_prefix('@') {
        Some(rest) => (true, rest),
        None => (false, token),
    };
    if name.is_empty() || name.contains('@') {
        return false;
    }
    // Every rule file name, rules folder and skills folder has a dot: a
    // plain word is a reference only as an `@mention` (checked without
    // allocating, as this runs on every word of Standards Compliance).
    if !at && !name.contains('.') {
        return false;
    }
    let lower = name.to_lowercase();
    let file = lower.rsplit('/').next().unwrap_or(&lower);
    let has_stem = |ext: &str| file.len() > ext.len() && file.ends_with(ext);
    let looks_like_file = has_stem(".mdc")
        || has_stem(".instructions.md")
        || RULE_FILE_NAMES.contains(&file)
        || ((has_stem(".md") || has_stem(".txt"))
            && RULES_FOLDERS.iter().any(|f| lower.contains(f)));
    if looks_like_file {
        return true;
    }
    // A skill folder or file: `.claude/skills/<name>`, `.../SKILL.md`.
    if SKILLS_DIRS.iter().any(|d| {
        lower.match_indices(d).any(|(i, _)| {
            lower[i + d.len()..]
                .strip_prefix('/')
                .is_some_and(|rest| !rest.is_empty())
        })
    }) {
        return true;
    }
    // A bare `@rule-name` mention (not an npm scope like `@types/node`).
    at && !name.contains('/') && name.starts_with(|c: char| c.is_alphanumeric() || c == '.')
}

/// Whether a cited `name` (from [`cited_names`]) is a bare `@word` mention
/// rather than a path or a rule file name. Such a mention may be a rule or
/// skill (`@code-standards`), but just as often a language annotation or
/// decorator (`@MainActor`, `@Injectable`, `@dataclass`) or a handle, so it
/// counts as a citation only when it resolves.
pub fn is_mention(name: &str) -> bool {
    name.strip_prefix('@').is_some_and(|n| {
        let lower = n.to_lowercase();
        !n.contains('/')
            && !lower.ends_with(".mdc")
            && !lower.ends_with(".md")
            && !RULE_FILE_NAMES.contains(&lower.as_str())
    })
}

/// The existing rule or skill whose name is closest to a cited `name` that
/// did not resolve, when it is close enough to be a typo or a renamed file
/// (for "did you mean"). Compared by last path component without
/// extension; rules are shown by path, skills by folder.
pub fn closest_name(rules: &[Rule], skills: &[Skill], name: &str) -> Option<String> {
    let key = |s: &str| -> String {
        let s = s
            .trim_start_matches('@')
            .trim_end_matches('/')
            .to_lowercase();
        let last = s.rsplit('/').next().unwrap_or(&s).to_string();
        let last = if last == "skill.md" {
            s.rsplit('/').nth(1).unwrap_or(&last).to_string()
        } else {
            last
        };
        rule_stem(&last).to_string()
    };
    let wanted = key(name);
    if wanted.chars().count() < 3 {
        return None;
    }
    let candidates = rules
        .iter()
        .map(|r| (r.stem().to_lowercase(), r.path_str()))
        .chain(
            skills
                .iter()
                .map(|s| (s.name.to_lowercase(), s.dir.clone())),
        );
    let mut best: Option<(f64, String)> = None;
    for (stem, shown) in candidates {
        let score = strsim::normalized_levenshtein(&wanted, &stem);
        let contains = stem.len() >= 4
            && wanted.len() >= 4
            && (stem.contains(&wanted) || wanted.contains(&stem));
        let score = if contains { score.max(0.8) } else { score };
        if score >= 0.75 && best.as_ref().is_none_or(|(b, _)| score > *b) {
            best = Some((score, shown));
        }
    }
    best.map(|(_, shown)| shown)
}

/// A cited path cut to start at its agent folder: a machine path
/// (`/home/ana/shop/.agents/skills/go/SKILL.md`) names the repository's
/// `.agents/skills/go/SKILL.md`.
fn from_agent_folder(lower: &str) -> String {
    RULES_FOLDERS
        .iter()
        .map(|f| f.trim_end_matches('/'))
        .chain(SKILLS_DIRS)
        .filter_map(|f| lower.find(&format!("/{f}")).map(|i| i + 1))
        .min()
        .map_or_else(|| lower.to_string(), |i| lower[i..].to_string())
}

/// Index of the skill that a cited `name` (from [`cited_names`]) refers
/// to: by folder, `SKILL.md` path (or a suffix of either), or name.
pub fn resolve_skill(skills: &[Skill], name: &str) -> Option<usize> {
    let n = cited_key(name)?;
    skills.iter().position(|s| s.matches(&n))
}

/// A cited name as rules and skills are looked up by: `@`, `./` and a
/// leading `/` dropped, lower case, from the agent folder on; `None` when
/// nothing is left.
fn cited_key(name: &str) -> Option<String> {
    let mut n = name.trim().trim_start_matches('@');
    while let Some(rest) = n.strip_prefix("./") {
        n = rest;
    }
    let n = from_agent_folder(&n.trim_start_matches('/').to_lowercase());
    (!n.is_empty()).then_some(n)
}

/// Index of the rule that a cited `name` (from [`cited_names`]) refers to:
/// an `@` and `./` are dropped, then the name is compared,
/// case-insensitively, with each rule's path (with or without extension),
/// path suffix, file name and stem.
pub fn resolve_cited(rules: &[Rule], name: &str) -> Option<usize> {
    let n = cited_key(name)?;
    let suffix = format!("/{n}");
    rules.iter().position(|rule| {
        let path = rule.path_str().to_lowercase();
        let file = rule.file_name().to_lowercase();
        let stem = rule_stem(&file);
        let dir_len = path.len() - file.len();
        let path_no_ext = format!("{}{stem}", &path[..dir_len]);
        path == n
            || path_no_ext == n
            || path.ends_with(&suffix)
            || path_no_ext.ends_with(&suffix)
            || file == n
            || stem == n
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::rules::{Activation, Agent};
    use std::path::PathBuf;

    /// The token-by-token reading [`cited_names`] replaced: the reference
    /// of the proptest below.
    fn cited_names_every_token(text: &str) -> Vec<(String, usize)> {
        let is_token =
            |c: char| c.is_alphanumeric() || matches!(c, '.' | '_' | '-' | '/' | '@' | '~');
        let mut out = Vec::new();
        let mut iter = text.char_indices().peekable();
        while let Some((start, c)) = iter.next() {
            if !is_token(c) {
                continue;
            }
            let mut end = start + c.len_utf8();
            while let Some(&(i, n)) = iter.peek() {
                if !is_token(n) {
                    break;
                }
                end = i + n.len_utf8();
                iter.next();
            }
            let token = text[start..end].trim_end_matches(['.', '-', '/']);
            if token.is_empty() {
                continue;
            }
            // `https://host/.../rules/x.md`: the `//...` part follows a colon.
            if token.starts_with("//") || text[..start].ends_with("://") {
                continue;
            }
            if is_rule_ref(token) {
                out.push((token.to_string(), start));
            }
        }
        out
    }

    proptest::proptest! {
        /// Reading only the runs around `.` and `@` finds exactly what
        /// reading every token found, at the same offsets.
        #[test]
        fn reading_around_dots_finds_what_every_token_found(
            text in "([a-zA-Z\u{e9}_~/@.:-]{1,12}|\\.cursor/rules/[a-z]{1,5}\\.mdc|AGENTS\\.md|https://x\\.io/rules/a\\.md|[ ,;()`])*"
        ) {
            proptest::prop_assert_eq!(cited_names(&text), cited_names_every_token(&text));
        }
    }

    fn rule(path: &str, title: &str) -> Rule {
        Rule {
            agent: Agent::Cursor,
            path: PathBuf::from(path),
            scope_dir: PathBuf::new(),
            title: title.to_string(),
            description: None,
            activation: Activation::Manual,
            body: String::new(),
            warnings: vec![],
        }
    }

    #[test]
    fn cited_by_path_name_stem_or_title() {
        let r = rule(".cursor/rules/code-standards.mdc", "Code Standards");
        for text in [
            "Follows .cursor/rules/code-standards.mdc",
            "Follows `.cursor/rules/code-standards`",
            "See CODE-STANDARDS.MDC.",
            "@code-standards applies",
            "- code-standards: yes",
            "We follow the code standards.",
            "[x](mdc:.cursor/rules/code-standards.mdc)",
        ] {
            assert!(find_cited(&r, text), "{text}");
        }
        for text in [
            "no-code-standards-here",
            "code-standardsx",
            "",
            "codestandards",
        ] {
            assert!(!find_cited(&r, text), "{text}");
        }
    }

    #[test]
    fn stem_is_a_whole_word() {
        let r = rule(".cursor/rules/react.mdc", "React + Vite");
        assert!(find_cited(&r, "the React rule"));
        assert!(!find_cited(&r, "react-native and preact"));
        let r = rule(".github/instructions/python.instructions.md", "Py");
        assert!(find_cited(&r, "python.instructions.md"));
        assert!(find_cited(&r, "the python instructions"));
    }

    #[test]
    fn cited_names_finds_rule_references_with_offsets() {
        let text = "Per `react.mdc`, @code-standards and .claude/rules/testing.md; \
                    also AGENTS.md, [x](mdc:.cursor/rules/a.mdc), \
                    .github/instructions/py.instructions.md and @types/node, \
                    mail me@example.com, https://x.io/.cursor/rules/web.mdc, docs/guide.md.";
        let found = cited_names(text);
        let names: Vec<&str> = found.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "react.mdc",
                "@code-standards",
                ".claude/rules/testing.md",
                "AGENTS.md",
                ".cursor/rules/a.mdc",
                ".github/instructions/py.instructions.md",
            ]
        );
        for (name, off) in &found {
            assert_eq!(&text[*off..*off + name.len()], name);
        }
    }

    /// `find_word` as first written, with `str::find`: the reference the
    /// byte search must agree with.
    fn find_word_by_str_find(hay: &str, needle: &str) -> Option<usize> {
        if needle.is_empty() {
            return None;
        }
        let is_word = |c: char| c.is_alphanumeric() || c == '_' || c == '-';
        let mut from = 0;
        while let Some(i) = hay.get(from..)?.find(needle) {
            let start = from + i;
            let end = start + needle.len();
            let before = hay[..start].chars().next_back();
            let after = hay[end..].chars().next();
            let starts_word = needle.chars().next().is_some_and(is_word);
            let ends_word = needle.chars().next_back().is_some_and(is_word);
            if (!starts_word || !before.is_some_and(is_word))
                && (!ends_word || !after.is_some_and(is_word))
            {
                return Some(start);
            }
            from = start + hay[start..].chars().next().map_or(1, char::len_utf8);
        }
        None
    }

    proptest::proptest! {
        #[test]
        fn find_word_agrees_with_str_find(
            hay in "(ab|a|b|é|ü|🙂|-|_|\\.| |/){0,24}",
            needle in "(ab|a|b|é|🙂|-|\\.| ){0,4}",
        ) {
            proptest::prop_assert_eq!(find_word(&hay, &needle), find_word_by_str_find(&hay, &needle));
        }

        #[test]
        fn fuzz_cited_names(text in "(@|\\.mdc|\\.md|/|\\.cursor/rules/|AGENTS\\.md|://|mdc:|`|a|é|🙂| |-|\\.){0,30}") {
            for (name, off) in cited_names(&text) {
                proptest::prop_assert_eq!(&text[off..off + name.len()], name.as_str());
            }
            let r = rule(".cursor/rules/a.mdc", "A");
            let _ = find_cited(&r, &text);
            let _ = resolve_cited(&[r], &text);
        }
    }

    #[test]
    fn cited_names_never_panics() {
        for text in [
            "",
            "@",
            "@@",
            "é@ü.mdc",
            ".mdc",
            "//x.mdc",
            "a://",
            "🙂.mdc @🙂",
        ] {
            for (name, off) in cited_names(text) {
                assert_eq!(&text[off..off + name.len()], name);
            }
        }
    }

    #[test]
    fn resolve() {
        let rules = vec![
            rule(".cursor/rules/react.mdc", "React"),
            rule("apps/web/AGENTS.md", "Web"),
        ];
        assert_eq!(resolve_cited(&rules, "@react"), Some(0));
        assert_eq!(resolve_cited(&rules, "./.cursor/rules/react.mdc"), Some(0));
        assert_eq!(resolve_cited(&rules, "rules/react.mdc"), Some(0));
        assert_eq!(resolve_cited(&rules, "REACT.MDC"), Some(0));
        assert_eq!(resolve_cited(&rules, "web/AGENTS.md"), Some(1));
        assert_eq!(resolve_cited(&rules, "AGENTS.md"), Some(1));
        assert_eq!(resolve_cited(&rules, "@vue"), None);
        assert_eq!(resolve_cited(&rules, "@"), None);
    }
}
