//! Code volume, shared by TS203, TS211, TS212 and the statistics: where the
//! examples of a code block start and end, and how long each one is.

use crate::model::document::{Block, BlockKind, Document};

/// One example inside a code block: its first line (0-based, relative to the
/// block's content) and its length in lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Example {
    pub first_line: usize,
    pub lines: usize,
}

/// The examples of a piece of code: top-level declarations separated by
/// blank lines. A blank line followed by a line at column 0 starts a new
/// example when every bracket opened before it is closed; leading comment or
/// import lines belong to the declaration that follows them. Code with no
/// such break is one example.
pub fn examples(code: &str) -> Vec<Example> {
    let mut out: Vec<Example> = Vec::new();
    let mut depth: i64 = 0;
    let mut start = 0usize;
    // Whether the current example has something besides comments and imports.
    let mut substantive = false;
    let mut prev_blank = false;
    let mut n = 0usize;
    for (i, line) in code.lines().enumerate() {
        n = i + 1;
        let blank = line.trim().is_empty();
        if !blank
            && prev_blank
            && depth <= 0
            && i > start
            && starts_declaration(line)
            && substantive
        {
            out.push(Example {
                first_line: start,
                lines: trimmed_len(code, start, i),
            });
            start = i;
            substantive = false;
        }
        if !blank {
            if !is_preamble(line) {
                substantive = true;
            }
            depth += bracket_delta(line);
        }
        prev_blank = blank;
    }
    if n > start {
        out.push(Example {
            first_line: start,
            lines: trimmed_len(code, start, n),
        });
    }
    out
}

/// Lines `from..to` of `code` without the trailing blank ones.
fn trimmed_len(code: &str, from: usize, to: usize) -> usize {
    let blank_tail = code
        .lines()
        .skip(from)
        .take(to - from)
        .collect::<Vec<_>>()
        .iter()
        .rev()
        .take_while(|l| l.trim().is_empty())
        .count();
    to - from - blank_tail
}

fn starts_declaration(line: &str) -> bool {
    let first = line.chars().next().unwrap_or(' ');
    !first.is_whitespace() && !matches!(first, '}' | ')' | ']' | '.' | ',' | ';' | '|' | '&' | '+')
}

/// A comment, an import or a package line: it introduces what follows.
fn is_preamble(line: &str) -> bool {
    let t = line.trim_start();
    [
        "//", "#", "--", "/*", "*", "import ", "from ", "package ", "use ", "using ",
    ]
    .iter()
    .any(|p| t.starts_with(p))
}

/// Opened minus closed brackets on a line, strings and line comments skipped.
fn bracket_delta(line: &str) -> i64 {
    let mut d = 0i64;
    let mut quote: Option<char> = None;
    let mut prev = ' ';
    for c in line.chars() {
        match quote {
            Some(q) => {
                if c == q && prev != '\\' {
                    quote = None;
                }
            }
            None => match c {
                '"' | '\'' | '`' => quote = Some(c),
                '/' if prev == '/' => break,
                '{' | '(' | '[' => d += 1,
                '}' | ')' | ']' => d -= 1,
                _ => {}
            },
        }
        prev = c;
    }
    d
}

/// Lines of code in a closed code block (`None` for other blocks and for a
/// fence that runs to the end of the file, whose length means nothing).
pub fn block_lines(block: &Block) -> Option<usize> {
    match &block.kind {
        BlockKind::Code {
            lines,
            unclosed: false,
            ..
        } => Some(*lines),
        _ => None,
    }
}

/// Code lines and code blocks in a document (unclosed fences excluded).
pub fn totals(doc: &Document) -> (usize, usize) {
    doc.blocks
        .iter()
        .filter_map(block_lines)
        .fold((0, 0), |(l, n), x| (l + x, n + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lens(code: &str) -> Vec<usize> {
        examples(code).iter().map(|e| e.lines).collect()
    }

    #[test]
    fn declarations_separated_by_blank_lines_are_separate_examples() {
        let code = "// repo.ts\nexport interface A {\n  a(): void;\n}\n\nexport interface B {\n  b(): void;\n}\n";
        assert_eq!(lens(code), vec![4, 3]);
    }

    #[test]
    fn blank_lines_inside_a_declaration_do_not_split_it() {
        let code = "type S interface {\n\tA()\n\n\tB()\n}\n";
        assert_eq!(lens(code), vec![5]);
        let py = "class A:\n    x: int\n\n    def f(self): ...\n";
        assert_eq!(lens(py), vec![4]);
    }

    #[test]
    fn leading_imports_and_comments_join_the_next_declaration() {
        let code = "// utils.ts\nimport x from 'y'\n\nexport interface A {\n  a: string\n}\n";
        assert_eq!(lens(code), vec![6]);
    }

    #[test]
    fn a_tree_or_a_schema_without_breaks_is_one_example() {
        let tree = "src/\n├── a.ts\n└── b.ts\n";
        assert_eq!(lens(tree), vec![3]);
    }
}
