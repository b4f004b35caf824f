//! Frontmatter as people really write it.
//!
//! Strict YAML is tried first. Cursor writes `globs: **/*.ts` without quotes,
//! which is not valid YAML (`*` starts an alias), so on failure a lenient
//! line-based `key: value` reader takes over and a warning is recorded; the
//! rule is kept. Never panics.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use yaml_rust2::{Yaml, YamlLoader};

/// Warning recorded when strict YAML failed and the lenient reader was used.
pub const LENIENT_WARNING: &str = "frontmatter is not valid YAML (unquoted glob?); read leniently";

/// Warning recorded when a frontmatter block is opened but never closed.
pub const UNCLOSED_WARNING: &str =
    "frontmatter opened with `---` but never closed; the whole file is read as body";

/// Frontmatter larger than this is not handed to the YAML parser.
const MAX_STRICT_BYTES: usize = 64 * 1024;

/// Deeper nesting than this is not handed to the YAML parser (its loader
/// and the value's destructor recurse).
const MAX_STRICT_DEPTH: usize = 64;

/// A frontmatter value: a scalar (numbers and booleans as written) or a list
/// of scalars. Nested mappings are dropped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Value {
    /// A scalar; `null` and empty values are `""`.
    String(String),
    /// A list of scalars.
    List(Vec<String>),
}

impl Value {
    /// The scalar, trimmed; `None` for a list.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s.trim()),
            Value::List(_) => None,
        }
    }

    /// The value read as glob patterns (`globs`, `paths`, `applyTo`): a
    /// string is split on commas outside `{}`, a flow list `[a, b]`
    /// written as a string is unwrapped, and quotes are stripped from each
    /// item. Empty items are dropped.
    pub fn patterns(&self) -> Vec<String> {
        match self {
            Value::String(s) => split_patterns(s),
            Value::List(items) => items.iter().flat_map(|i| split_patterns(i)).collect(),
        }
    }

    /// The value read as a boolean (`true`/`yes`/`on` or `false`/`no`/`off`,
    /// any case, quotes stripped).
    pub fn as_bool(&self) -> Option<bool> {
        let s = unquote(self.as_str()?).to_ascii_lowercase();
        match s.as_str() {
            "true" | "yes" | "on" => Some(true),
            "false" | "no" | "off" => Some(false),
            _ => None,
        }
    }
}

/// Parsed frontmatter of a rule file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Frontmatter {
    /// Keys as written, mapped to their values.
    pub fields: BTreeMap<String, Value>,
    /// Byte offset in the input where the body starts (after the closing
    /// `---` line; after the BOM when there is no frontmatter).
    pub body_offset: usize,
    /// Problems found (not valid YAML, not closed, ...).
    pub warnings: Vec<String>,
    /// Whether a closed frontmatter block was found.
    pub present: bool,
    /// Whether the block was valid YAML (false when read leniently).
    pub strict: bool,
    /// Top-level keys whose value was written in quotes (`globs: "*.ts"`).
    /// YAML drops the quotes, but some agents keep them (Cursor).
    pub quoted: Vec<String>,
}

impl Frontmatter {
    /// The value for `key`, compared case-insensitively.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.fields.get(key).or_else(|| {
            self.fields
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(key))
                .map(|(_, v)| v)
        })
    }

    /// The scalar for `key`, trimmed and unquoted, if present and not empty.
    pub fn get_str(&self, key: &str) -> Option<&str> {
        let s = unquote(self.get(key)?.as_str()?).trim();
        (!s.is_empty()).then_some(s)
    }

    /// The boolean for `key`, if present and readable as one.
    pub fn get_bool(&self, key: &str) -> Option<bool> {
        self.get(key)?.as_bool()
    }

    /// The patterns for `key` (see [`Value::patterns`]); `Some(vec![])` when
    /// the key is present but empty.
    pub fn get_patterns(&self, key: &str) -> Option<Vec<String>> {
        self.get(key).map(Value::patterns)
    }
}

/// Parse the frontmatter at the start of `text`, if any. Handles a BOM,
/// CRLF line ends, an empty block, and a block that is never closed (warning;
/// the whole file is then the body). Never panics.
pub fn parse_frontmatter(text: &str) -> Frontmatter {
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let mut fm = Frontmatter {
        body_offset: start,
        ..Frontmatter::default()
    };
    let rest = &text[start..];
    let mut lines = Lines::new(rest);
    let Some((first, _)) = lines.next() else {
        return fm;
    };
    if first.trim_end() != "---" {
        return fm;
    }
    let content_start = lines.pos;
    let mut close = None;
    while let Some((line, line_start)) = lines.next() {
        let t = line.trim_end();
        if t == "---" || t == "..." {
            close = Some((line_start, lines.pos));
            break;
        }
    }
    let Some((content_end, body)) = close else {
        fm.warnings.push(UNCLOSED_WARNING.to_string());
        return fm;
    };
    fm.present = true;
    fm.body_offset = start + body;
    let block = &rest[content_start..content_end];
    if block.trim().is_empty() {
        fm.strict = true;
        return fm;
    }
    fm.quoted = quoted_keys(block);
    match strict_yaml(block) {
        Some(fields) => {
            fm.fields = fields;
            fm.strict = true;
        }
        None => {
            fm.fields = lenient(block, &mut fm.warnings);
            fm.warnings.insert(0, LENIENT_WARNING.to_string());
        }
    }
    fm
}

/// Lines of a text with their start offsets; `\r\n` and `\n` both end a line
/// and the `\r` is dropped. `pos` is the offset after the last line returned.
struct Lines<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Self {
        Lines { text, pos: 0 }
    }

    fn next(&mut self) -> Option<(&'a str, usize)> {
        if self.pos >= self.text.len() {
            return None;
        }
        let start = self.pos;
        let rest = &self.text[start..];
        let (line, advance) = match rest.find('\n') {
            Some(i) => (&rest[..i], i + 1),
            None => (rest, rest.len()),
        };
        self.pos += advance;
        Some((line.strip_suffix('\r').unwrap_or(line), start))
    }
}

/// Parse `block` as a YAML mapping; `None` if it is not valid YAML, not a
/// mapping, uses aliases, or is too big or deep to parse safely.
fn strict_yaml(block: &str) -> Option<BTreeMap<String, Value>> {
    if block.len() > MAX_STRICT_BYTES || nesting_depth(block) > MAX_STRICT_DEPTH {
        return None;
    }
    let docs = YamlLoader::load_from_str(block).ok()?;
    let mut fields = BTreeMap::new();
    match docs.into_iter().next()? {
        Yaml::Hash(map) => {
            for (k, v) in map {
                let key = scalar(&k)?;
                if let Some(value) = yaml_value(&v)? {
                    fields.insert(key, value);
                }
            }
        }
        Yaml::Null => {}
        _ => return None,
    }
    Some(fields)
}

/// A rough upper bound on YAML nesting: flow brackets, plus indentation and
/// `- ` / `? ` / `: ` markers on one line.
fn nesting_depth(block: &str) -> usize {
    let mut flow = 0usize;
    let mut max = 0usize;
    for line in block.lines() {
        let indent = line.len() - line.trim_start().len();
        let markers = line.matches("- ").count() + line.matches(": ").count();
        max = max.max(indent + markers);
        for c in line.chars() {
            match c {
                '[' | '{' => {
                    flow += 1;
                    max = max.max(flow);
                }
                ']' | '}' => flow = flow.saturating_sub(1),
                _ => {}
            }
        }
    }
    max
}

/// A YAML scalar as a string; `None` for aliases, bad values and collections.
fn scalar(y: &Yaml) -> Option<String> {
    match y {
        Yaml::String(s) | Yaml::Real(s) => Some(s.clone()),
        Yaml::Integer(i) => Some(i.to_string()),
        Yaml::Boolean(b) => Some(b.to_string()),
        Yaml::Null => Some(String::new()),
        _ => None,
    }
}

/// Convert a mapping value. The outer `None` means "not acceptable (alias
/// or bad value): fall back to the lenient reader"; `Some(None)` means "skip
/// this key" (a nested mapping).
fn yaml_value(y: &Yaml) -> Option<Option<Value>> {
    match y {
        Yaml::Alias(_) | Yaml::BadValue => None,
        Yaml::Hash(_) => Some(None),
        Yaml::Array(items) => {
            let mut out = Vec::new();
            for item in items {
                match item {
                    Yaml::Alias(_) | Yaml::BadValue => return None,
                    Yaml::Array(_) | Yaml::Hash(_) => {}
                    other => out.push(scalar(other)?),
                }
            }
            Some(Some(Value::List(out)))
        }
        other => Some(Some(Value::String(scalar(other)?))),
    }
}

/// Line-based `key: value` reader for frontmatter that is not valid YAML.
/// Understands `- item` lists under a key, flow lists `[a, b]`, block
/// scalars and indented continuation lines; quotes are stripped.
fn lenient(block: &str, warnings: &mut Vec<String>) -> BTreeMap<String, Value> {
    let mut fields: BTreeMap<String, Value> = BTreeMap::new();
    let mut current: Option<String> = None;
    let mut literal = false;
    let mut skipped = 0usize;
    for line in block.lines() {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let indented = line.starts_with([' ', '\t']);
        if !indented && !trimmed.starts_with('-') {
            if let Some((key, value)) = split_key(trimmed) {
                let value = value.trim();
                literal = value.starts_with('|');
                let entry = if matches!(value, "" | "|" | ">" | "|-" | ">-" | "|+" | ">+") {
                    Value::String(String::new())
                } else if value.starts_with('[') && value.ends_with(']') {
                    Value::List(split_patterns(value))
                } else {
                    Value::String(unquote(value).to_string())
                };
                fields.insert(key.to_string(), entry);
                current = Some(key.to_string());
                continue;
            }
        }
        let Some(entry) = current.as_ref().and_then(|k| fields.get_mut(k)) else {
            skipped += 1;
            continue;
        };
        if let Some(item) = trimmed.strip_prefix('-').filter(|_| !literal) {
            let item = unquote(item.trim()).to_string();
            match entry {
                Value::List(items) => items.push(item),
                Value::String(s) if s.is_empty() => *entry = Value::List(vec![item]),
                Value::String(_) => skipped += 1,
            }
        } else if indented {
            match entry {
                Value::String(s) => {
                    if !s.is_empty() {
                        s.push(if literal { '\n' } else { ' ' });
                    }
                    s.push_str(trimmed);
                }
                Value::List(_) => skipped += 1,
            }
        } else {
            skipped += 1;
        }
    }
    if skipped > 0 {
        warnings.push(format!("ignored {skipped} unreadable frontmatter line(s)"));
    }
    fields
}

/// Top-level keys whose value starts with a quote.
fn quoted_keys(block: &str) -> Vec<String> {
    block
        .lines()
        .filter(|l| !l.starts_with([' ', '\t']))
        .filter_map(|l| split_key(l.trim()))
        .filter(|(_, v)| v.trim_start().starts_with(['"', '\'']))
        .map(|(k, _)| k.to_string())
        .collect()
}

/// Split `key: value` when `key` looks like a key (letters, digits, `_`,
/// `-`, `.`, optionally quoted).
fn split_key(line: &str) -> Option<(&str, &str)> {
    let colon = line.find(':')?;
    let key = unquote(line[..colon].trim());
    let value = &line[colon + 1..];
    let valid = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'));
    (valid && (value.is_empty() || value.starts_with([' ', '\t']))).then_some((key, value))
}

/// Strip one pair of matching surrounding quotes.
fn unquote(s: &str) -> &str {
    let s = s.trim();
    for q in ['"', '\''] {
        if s.len() >= 2 && s.starts_with(q) && s.ends_with(q) {
            return &s[1..s.len() - 1];
        }
    }
    s
}

/// Split a pattern string the way rule files write it: an optional flow
/// list `[a, b]`, items separated by commas outside `{}`, each
/// trimmed and unquoted. Empty items are dropped.
pub fn split_patterns(s: &str) -> Vec<String> {
    let mut s = unquote(s);
    if s.starts_with('[') && s.ends_with(']') && s.len() >= 2 {
        s = &s[1..s.len() - 1];
    }
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    let mut push = |item: &str| {
        let item = unquote(item).trim();
        if !item.is_empty() {
            out.push(item.to_string());
        }
    };
    for (i, c) in s.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => {
                push(&s[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    push(&s[start..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pats(fm: &Frontmatter, key: &str) -> Vec<String> {
        fm.get_patterns(key).unwrap_or_default()
    }

    #[test]
    fn strict_yaml_frontmatter() {
        let text =
            "---\ndescription: Use Bun\nglobs: 'src/**/*.ts'\nalwaysApply: false\n---\n# Body\n";
        let fm = parse_frontmatter(text);
        assert!(fm.present && fm.strict);
        assert!(fm.warnings.is_empty());
        assert_eq!(fm.get_str("description"), Some("Use Bun"));
        assert_eq!(pats(&fm, "globs"), ["src/**/*.ts"]);
        assert_eq!(fm.get_bool("alwaysApply"), Some(false));
        assert_eq!(&text[fm.body_offset..], "# Body\n");
    }

    #[test]
    fn unquoted_cursor_glob_is_read_leniently_with_warning() {
        let text = "---\ndescription:\nglobs: **/*.ts\nalwaysApply: false\n---\nbody";
        let fm = parse_frontmatter(text);
        assert!(fm.present && !fm.strict);
        assert_eq!(fm.warnings, [LENIENT_WARNING]);
        assert_eq!(pats(&fm, "globs"), ["**/*.ts"]);
        assert_eq!(fm.get_str("description"), None);
        assert_eq!(fm.get_bool("alwaysapply"), Some(false));
        assert_eq!(&text[fm.body_offset..], "body");
    }

    #[test]
    fn unquoted_comma_list() {
        let fm = parse_frontmatter("---\nglobs: *.ts, *.tsx\n---\n");
        assert!(!fm.strict);
        assert_eq!(pats(&fm, "globs"), ["*.ts", "*.tsx"]);
    }

    #[test]
    fn quoted_items_in_invalid_yaml() {
        let fm = parse_frontmatter("---\nglobs: \"*.ts\", '*.tsx'\n---\n");
        assert!(!fm.strict);
        assert_eq!(pats(&fm, "globs"), ["*.ts", "*.tsx"]);
    }

    #[test]
    fn comma_list_keeps_braces_together() {
        let fm = parse_frontmatter("---\napplyTo: \"src/**/*.{ts,tsx}, docs/*.md\"\n---\n");
        assert!(fm.strict);
        assert_eq!(pats(&fm, "applyTo"), ["src/**/*.{ts,tsx}", "docs/*.md"]);
    }

    #[test]
    fn flow_and_block_lists() {
        let fm = parse_frontmatter("---\npaths: [\"a/**\", 'b/*.md']\n---\n");
        assert!(fm.strict);
        assert_eq!(pats(&fm, "paths"), ["a/**", "b/*.md"]);

        let fm = parse_frontmatter("---\npaths:\n  - \"src/**/*.rs\"\n  - tests/**\n---\n");
        assert!(fm.strict);
        assert_eq!(pats(&fm, "paths"), ["src/**/*.rs", "tests/**"]);

        // Invalid YAML forces the lenient reader; lists still work there.
        let fm = parse_frontmatter("---\nglobs: [*.ts, *.tsx]\npaths:\n  - *.md\n---\n");
        assert!(!fm.strict);
        assert_eq!(pats(&fm, "globs"), ["*.ts", "*.tsx"]);
        assert_eq!(pats(&fm, "paths"), ["*.md"]);
    }

    #[test]
    fn empty_key_is_present_but_empty() {
        let fm = parse_frontmatter("---\npaths: []\nglobs:\n---\n");
        assert_eq!(fm.get_patterns("paths"), Some(vec![]));
        assert_eq!(fm.get_patterns("globs"), Some(vec![]));
        assert_eq!(fm.get_patterns("applyTo"), None);
    }

    #[test]
    fn bom_and_crlf() {
        let text = "\u{feff}---\r\nname: Hello\r\nglobs: **/*.ts\r\n---\r\nBody\r\n";
        let fm = parse_frontmatter(text);
        assert!(fm.present);
        assert_eq!(fm.get_str("name"), Some("Hello"));
        assert_eq!(pats(&fm, "globs"), ["**/*.ts"]);
        assert_eq!(&text[fm.body_offset..], "Body\r\n");
    }

    #[test]
    fn no_frontmatter() {
        let fm = parse_frontmatter("# Title\n---\nx: y\n---\n");
        assert!(!fm.present);
        assert!(fm.fields.is_empty() && fm.warnings.is_empty());
        assert_eq!(fm.body_offset, 0);
        assert_eq!(parse_frontmatter("\u{feff}# T").body_offset, 3);
    }

    #[test]
    fn unclosed_frontmatter_is_all_body() {
        let fm = parse_frontmatter("---\nglobs: *.ts\n# Title\n");
        assert!(!fm.present);
        assert!(fm.fields.is_empty());
        assert_eq!(fm.warnings, [UNCLOSED_WARNING]);
        assert_eq!(fm.body_offset, 0);
    }

    #[test]
    fn empty_frontmatter() {
        for text in ["---\n---\n", "---\n\n---", "---\r\n---\r\nbody"] {
            let fm = parse_frontmatter(text);
            assert!(
                fm.present && fm.fields.is_empty() && fm.warnings.is_empty(),
                "{text:?}"
            );
        }
        assert_eq!(parse_frontmatter("---\n---").body_offset, 7);
    }

    #[test]
    fn lenient_block_scalar_and_continuation() {
        let fm = parse_frontmatter("---\nglobs: *.ts\ndescription: >\n  one\n  two\n---\n");
        assert_eq!(fm.get_str("description"), Some("one two"));
    }

    #[test]
    fn yaml_scalars_are_stringified() {
        let fm = parse_frontmatter(
            "---\nalwaysApply: true\nversion: 1.5\nn: 3\nx: ~\nmeta: {a: 1}\n---\n",
        );
        assert!(fm.strict);
        assert_eq!(fm.get_bool("alwaysApply"), Some(true));
        assert_eq!(fm.get_str("version"), Some("1.5"));
        assert_eq!(fm.get_str("n"), Some("3"));
        assert_eq!(fm.get_str("x"), None);
        assert!(fm.get("meta").is_none());
    }

    #[test]
    fn quoted_bool_reads_as_bool() {
        let fm = parse_frontmatter("---\nalwaysApply: \"TRUE\"\n---\n");
        assert_eq!(fm.get_bool("alwaysApply"), Some(true));
    }

    #[test]
    fn split_patterns_cases() {
        assert_eq!(split_patterns("a, b ,c"), ["a", "b", "c"]);
        assert_eq!(
            split_patterns("*.{ts,tsx},[ab],c"),
            ["*.{ts,tsx}", "[ab]", "c"]
        );
        assert_eq!(split_patterns("[ 'x', \"y\" ]"), ["x", "y"]);
        assert_eq!(split_patterns("  ,  ,"), Vec::<String>::new());
        assert_eq!(split_patterns("'**/*.md'"), ["**/*.md"]);
        assert_eq!(split_patterns("{a,b"), ["{a,b"]);
        assert_eq!(split_patterns("a}, b"), ["a}", "b"]);
    }

    proptest::proptest! {
        #[test]
        fn fuzz_structured(text in "(---|\\.\\.\\.|\n|\r\n|\r|globs:|paths: |applyTo:|alwaysApply: true|- |  |\\[|\\]|\\{|\\}|\\*\\*/|\\*|,|'|\"|:|#|\\||>|&a|!!str|a|\u{feff}|é|\t){0,40}") {
            let fm = parse_frontmatter(&text);
            proptest::prop_assert!(text.is_char_boundary(fm.body_offset));
            for v in fm.fields.values() {
                let _ = v.patterns();
            }
        }

        #[test]
        fn fuzz_any(text in "\\PC*") {
            let fm = parse_frontmatter(&text);
            proptest::prop_assert!(text.is_char_boundary(fm.body_offset));
            let _ = split_patterns(&text);
        }
    }

    #[test]
    fn garbage_never_panics() {
        let deep_flow = format!("---\nk: {}\n---\n", "[".repeat(10_000));
        let deep_block = format!("---\nk: {}x\n---\n", "- ".repeat(50_000));
        let deep_indent = {
            let mut s = String::from("---\n");
            for i in 0..2_000 {
                s.push_str(&" ".repeat(i));
                s.push_str("a:\n");
            }
            s.push_str("---\n");
            s
        };
        let nasty = [
            "",
            "-",
            "--",
            "---",
            "---\n",
            "----\n---\n",
            "---\n---",
            "\u{feff}",
            "\u{feff}---",
            "---\r",
            "---\r\n\r\n",
            "---\n: :\n---\n",
            "---\n\u{0}\u{1}\u{fffd}: \u{0}\n---\n",
            "---\n&a [*a]\n---\n",
            "---\na: &x 1\nb: *x\n---\n",
            "---\n? [a]\n: b\n---\n",
            "---\n- a\n- b\n---\n",
            "---\n\"unterminated\n---\n",
            "---\nkey: 'it''s'\n---\n",
            "---\n{{{{}}}}\n---\n",
            "---\n%YAML 1.2\n---\n",
            "---\n\t- é: ü\n  - ::\n---\n",
            "---\nglobs: [*.ts\n---\n",
            "---\nglobs: ''\n---\n",
            "---\nglobs: \"\n---\n",
            "---\n|\n---\n",
            "---\na: |\n  - x\n---\n",
            "---\n-\n---\n",
            "---\n…: ☃\n---\n",
            &deep_flow,
            &deep_block,
            &deep_indent,
        ];
        for text in nasty {
            let fm = parse_frontmatter(text);
            assert!(fm.body_offset <= text.len());
            assert!(text.is_char_boundary(fm.body_offset));
            for v in fm.fields.values() {
                let _ = v.patterns();
                let _ = v.as_bool();
            }
        }
    }
}
