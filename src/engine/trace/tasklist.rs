//! The tasks beside a spec, read from the task list (`tasks.md`,
//! `_tasks.md`) and the per-task files, merged by task number.
//!
//! A task list is read as checklist items numbered `1.0` / `1.` / `1`
//! (`- [x] 1.0 Title`, sub-items `- [ ] 1.1 ...` and `Depends on: 1.0`
//! nested under them), or as a table whose first column numbers the tasks
//! (with Status and Dependencies columns when present, as compozy writes
//! them). A task file gives its number (file name, else title), its title,
//! its frontmatter (`status`, `dependencies`), the check boxes of its
//! sub-task, test and success-criteria sections, the files of its Relevant
//! Files section and `Depends on:` lines.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::Regex;

use crate::engine::trace::prd::item_own_span;
use crate::engine::trace::{Companions, Kind, normalize_task_id, task_number_of_name};
use crate::model::document::{BlockKind, Document, Span};

/// A place in a companion file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Loc {
    pub file: usize,
    pub span: Span,
}

/// One task.
#[derive(Debug, Clone, Default)]
pub struct Task {
    /// Normalised number: `1`, `2`, `2.1`.
    pub id: String,
    /// The number as the task list or file first writes it (`1.0`, `01`).
    pub written: String,
    pub title: String,
    /// Its entry in the task list.
    pub entry: Option<Loc>,
    /// Its own file (index into the companions).
    pub file: Option<usize>,
    /// Where it is marked done (`[x]`, `status: completed`).
    pub done: Option<Loc>,
    /// Unchecked sub-items, tests and success criteria.
    pub open: Vec<Loc>,
    /// Tasks it depends on, as written, with where.
    pub deps: Vec<(String, Loc)>,
    /// Files its Relevant Files section names.
    pub paths: Vec<(String, Loc)>,
    /// Its title and file text, for matching with the spec and the PRD.
    pub text: String,
}

/// The tasks of a spec.
#[derive(Debug, Clone, Default)]
pub struct Tasks {
    pub tasks: Vec<Task>,
    /// A task list or task file was found beside the spec.
    pub present: bool,
}

impl Task {
    /// The number as written, else the normalised one.
    pub fn shown(&self) -> &str {
        if self.written.is_empty() {
            &self.id
        } else {
            &self.written
        }
    }

    /// The terms of its title and text, to compare with the spec's.
    pub fn terms(&self) -> std::collections::HashSet<String> {
        let mut s = crate::engine::trace::coverage::terms(&self.title);
        s.extend(crate::engine::trace::coverage::terms(&self.text));
        s
    }
}

impl Tasks {
    pub fn get(&self, id: &str) -> Option<&Task> {
        self.tasks.iter().find(|t| t.id == id)
    }
}

/// `1.0 Title`, `1. Title`, `1 - Title`, `Task 1: Title`, `Tarefa 1.0 — Title`, `[1.0] Title`.
static NUMBERED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:\*\*)?(?:task|tarefa)?\s*\[?(\d{1,3}(?:\.\d{1,2})?)\]?(?:\*\*)?(?:\s*[:.)\-–—]\s*|\s+)(.*)$",
    )
    .expect("a valid regex")
});

/// A dependency label: `Depends on:`, `Dependências:`, `Blocked by:`...
static DEPENDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:\*\*)?(?:depends on|dependencies|dependency|depende de|dependências|dependencias|dependência|dependencia|blocked by|bloqueada por|requires|requer)(?:\*\*)?\s*:?(?:\*\*)?\s*(.*)$",
    )
    .expect("a valid regex")
});

/// A task reference: `task_03`, `Task 3`, `Tarefa 3.0`, `3.0`, `#3`.
static TASK_REF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:\btask[_\s-]?|\btarefa\s|#)(\d{1,3}(?:\.\d{1,2})?)\b|\b(\d{1,3}\.\d{1,2})\b",
    )
    .expect("a valid regex")
});

/// The task references in a dependency text (`none`, `—` give none).
pub fn task_refs(text: &str) -> Vec<(String, usize, usize)> {
    TASK_REF
        .captures_iter(text)
        .filter_map(|c| {
            let m = c.get(1).or_else(|| c.get(2))?;
            let whole = c.get(0)?;
            Some((normalize_task_id(m.as_str()), whole.start(), whole.end()))
        })
        .collect()
}

/// Section headings whose check boxes say whether a task is finished.
const CRITERIA_HEADINGS: &[&str] = &[
    "subtasks",
    "sub-tasks",
    "subtarefas",
    "sub-tarefas",
    "success criteria",
    "acceptance criteria",
    "criterios de sucesso",
    "criterios de aceitacao",
    "criterios de aceite",
    "definition of done",
    "definicao de pronto",
    "tests",
    "task tests",
    "testes",
    "testes da tarefa",
];

/// An unchecked item that says it is deferred or optional, or left to
/// another task ("covered in task 10.0", "coberto na task 10.0"), is not open
/// work.
pub fn set_aside(text: &str) -> bool {
    let l = text.to_lowercase();
    [
        "deferred",
        "covered in task",
        "covered by task",
        "(run when",
        "coberto na task",
        "coberto pela task",
        "coberto na tarefa",
        "coberto pela tarefa",
        "(executar quando",
        "optional",
        "if applicable",
        "n/a",
        "skipped",
        "out of scope",
        "won't",
        "opcional",
        "se aplicável",
        "se aplicavel",
        "adiad",
        "fora do escopo",
        "não se aplica",
    ]
    .iter()
    .any(|m| l.contains(m))
}

/// Section headings of a task's files.
const FILES_HEADINGS: &[&str] = &[
    "relevant files",
    "arquivos relevantes",
    "relevant and dependent files",
    "arquivos relevantes e dependentes",
];

/// Statuses that mean done.
pub const DONE_STATUSES: &[&str] = &[
    "completed",
    "complete",
    "done",
    "finished",
    "concluido",
    "concluida",
    "feito",
    "finalizado",
    "finalizada",
];

fn norm_heading(text: &str) -> String {
    let t = deunicode::deunicode(text).to_lowercase();
    let t = t.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ' ');
    t.trim_matches(|c: char| !c.is_alphanumeric())
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Reads every task of the companions.
pub fn read(companions: &Companions) -> Tasks {
    let mut by_id: BTreeMap<(u32, String), Task> = BTreeMap::new();
    let mut present = false;
    let key = |id: &str| {
        let major = id
            .split('.')
            .next()
            .unwrap_or("")
            .parse::<u32>()
            .unwrap_or(u32::MAX);
        (major, id.to_string())
    };
    for (fi, c) in companions.files.iter().enumerate() {
        match c.kind {
            Kind::TaskList => {
                present = true;
                if let Some(doc) = &c.doc {
                    for t in from_list(doc, fi) {
                        by_id.entry(key(&t.id)).or_insert(t);
                    }
                }
            }
            Kind::TaskFile => {
                present = true;
                let Some(doc) = &c.doc else { continue };
                let name = c
                    .path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let mut t = from_file(doc, fi, task_number_of_name(&name));
                let Some(id) = t.id.clone().into() else {
                    continue;
                };
                if id.is_empty() {
                    continue;
                }
                let entry = by_id.entry(key(&id)).or_insert_with(|| Task {
                    id: id.clone(),
                    ..Task::default()
                });
                if entry.title.is_empty() {
                    entry.title = std::mem::take(&mut t.title);
                }
                if entry.written.is_empty() {
                    entry.written = std::mem::take(&mut t.written);
                }
                entry.file = Some(fi);
                if entry.done.is_none() {
                    entry.done = t.done;
                }
                entry.open.extend(t.open);
                entry.deps.extend(t.deps);
                entry.paths.extend(t.paths);
                entry.text.push(' ');
                entry.text.push_str(&t.text);
            }
            Kind::Prd => {}
        }
    }
    Tasks {
        tasks: by_id.into_values().collect(),
        present,
    }
}

/// The text of an item's own line, after its box.
fn own_text(doc: &Document, item: usize) -> (Span, String) {
    let span = item_own_span(doc, item);
    (span, doc.slice(span).to_string())
}

/// Tasks from a task list.
fn from_list(doc: &Document, file: usize) -> Vec<Task> {
    let mut out: Vec<Task> = Vec::new();
    // Checklist items numbered like tasks.
    for (i, b) in doc.blocks.iter().enumerate() {
        let BlockKind::Item { task } = b.kind else {
            continue;
        };
        // Only the outermost numbered items are tasks (sub-items are nested).
        if out.iter().any(|t| {
            t.entry
                .is_some_and(|l| l.span.start <= b.span.start && b.span.start < item_end(doc, l))
        }) {
            continue;
        }
        let (span, text) = own_text(doc, i);
        let first_line = text.lines().next().unwrap_or("");
        let Some(c) = NUMBERED.captures(first_line) else {
            continue;
        };
        let id = normalize_task_id(&c[1]);
        if id.contains('.') {
            continue;
        }
        let mut t = Task {
            id,
            written: c[1].to_string(),
            title: c[2].trim().to_string(),
            entry: Some(Loc { file, span }),
            text: c[2].to_string(),
            ..Task::default()
        };
        if task == Some(true) {
            t.done = Some(Loc { file, span });
        }
        // Nested items: sub-tasks and dependency lines.
        for (j, x) in doc.blocks.iter().enumerate().skip(i + 1) {
            if x.span.start >= b.span.end {
                break;
            }
            match x.kind {
                BlockKind::Item { task: sub } => {
                    let (sspan, stext) = own_text(doc, j);
                    if sub == Some(false) && !set_aside(&stext) {
                        t.open.push(Loc { file, span: sspan });
                    }
                    deps_in(&stext, sspan, file, &mut t.deps);
                    t.text.push(' ');
                    t.text.push_str(&stext);
                }
                BlockKind::Paragraph if x.parent == Some(i) && x.span.start > span.end => {
                    let text = doc.slice(x.span);
                    deps_in(text, x.span, file, &mut t.deps);
                }
                _ => {}
            }
        }
        out.push(t);
    }
    if out.is_empty() {
        out = from_table(doc, file);
    }
    out
}

/// The end of the item whose own text starts at `loc`.
fn item_end(doc: &Document, loc: Loc) -> usize {
    doc.blocks
        .iter()
        .filter(|b| matches!(b.kind, BlockKind::Item { .. }) && b.span.contains(loc.span.start))
        .map(|b| b.span.end)
        .min()
        .unwrap_or(loc.span.end)
}

/// `Depends on: 1.0, 2.0` lines in a text.
fn deps_in(text: &str, span: Span, file: usize, out: &mut Vec<(String, Loc)>) {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start_matches([' ', '-', '*', '>']);
        let lead = line.len() - trimmed.len();
        if let Some(c) = DEPENDS.captures(trimmed.trim_end())
            && let Some(rest) = c.get(1)
        {
            for (id, s, e) in task_refs(rest.as_str()) {
                let start = span.start + offset + lead + rest.start() + s;
                let end = span.start + offset + lead + rest.start() + e;
                out.push((
                    id,
                    Loc {
                        file,
                        span: Span::new(start, end),
                    },
                ));
            }
        }
        offset += line.len();
    }
}

/// Tasks from a table numbered in its first column.
fn from_table(doc: &Document, file: usize) -> Vec<Task> {
    let mut out = Vec::new();
    for (i, b) in doc.blocks.iter().enumerate() {
        if b.kind != BlockKind::Table {
            continue;
        }
        let cells = doc.table_cells(i);
        let header: Vec<String> = cells
            .iter()
            .filter(|c| c.row == 0)
            .map(|c| norm_heading(doc.slice(c.span)))
            .collect();
        let col = |names: &[&str]| header.iter().position(|h| names.iter().any(|n| h == n));
        let status = col(&["status", "estado", "situacao"]);
        let deps = col(&[
            "dependencies",
            "dependencias",
            "depends on",
            "depende de",
            "blocked by",
        ]);
        let title = col(&["title", "titulo", "task", "tarefa", "name", "nome"]).unwrap_or(1);
        let rows = cells.iter().map(|c| c.row).max().unwrap_or(0);
        for row in 1..=rows {
            let rc: Vec<_> = cells.iter().filter(|c| c.row == row).collect();
            let Some(first) = rc.first() else { continue };
            let num = doc.slice(first.span).trim().trim_matches(['*', '`']);
            if num.is_empty() || !num.chars().all(|c| c.is_ascii_digit() || c == '.') {
                continue;
            }
            let cell = |k: Option<usize>| k.and_then(|k| rc.iter().find(|c| c.col == k));
            let span = Span::new(
                first.span.start,
                rc.last().map_or(first.span.end, |c| c.span.end),
            );
            let title_text = cell(Some(title)).map(|c| doc.slice(c.span).trim().to_string());
            let mut t = Task {
                id: normalize_task_id(num),
                written: num.to_string(),
                title: title_text.clone().unwrap_or_default(),
                entry: Some(Loc { file, span }),
                text: title_text.unwrap_or_default(),
                ..Task::default()
            };
            if let Some(s) = cell(status) {
                let v = norm_heading(doc.slice(s.span));
                if DONE_STATUSES.contains(&v.as_str()) || v.contains("[x]") {
                    t.done = Some(Loc { file, span: s.span });
                }
            }
            if let Some(d) = cell(deps) {
                let text = doc.slice(d.span);
                for (id, s, e) in task_refs(text) {
                    t.deps.push((
                        id,
                        Loc {
                            file,
                            span: Span::new(d.span.start + s, d.span.start + e),
                        },
                    ));
                }
            }
            if !t.id.contains('.') {
                out.push(t);
            }
        }
    }
    out
}

/// A task from its own file.
fn from_file(doc: &Document, file: usize, by_name: Option<String>) -> Task {
    let title = doc
        .title_heading()
        .map(|h| h.text.clone())
        .unwrap_or_default();
    let (title_id, title_text) = match NUMBERED.captures(&title) {
        Some(c) => (Some(c[1].to_string()), c[2].trim().to_string()),
        None => (None, title.clone()),
    };
    let written = title_id.clone().unwrap_or_default();
    let title_id = title_id.map(|i| normalize_task_id(&i));
    let mut t = Task {
        written: if by_name.is_none() || by_name == title_id {
            written
        } else {
            String::new()
        },
        id: by_name.or(title_id).unwrap_or_default(),
        title: title_text.trim_start_matches([':', ' ']).to_string(),
        file: Some(file),
        ..Task::default()
    };
    // Frontmatter.
    if let Some(fm) = doc.frontmatter {
        let raw = doc.slice(fm);
        let parsed = crate::project::rules::parse_frontmatter(raw);
        if let Some(status) = parsed.get_str("status") {
            let v = norm_heading(status);
            if DONE_STATUSES.contains(&v.as_str()) {
                let at = raw.find("status").unwrap_or(0);
                t.done = Some(Loc {
                    file,
                    span: line_at(doc, fm.start + at),
                });
            }
        }
        for key in ["dependencies", "depends_on", "blocked_by"] {
            if let Some(v) = parsed.get(key) {
                let items: Vec<String> = match v {
                    crate::project::rules::Value::List(l) => l.clone(),
                    crate::project::rules::Value::String(s) => s
                        .trim_matches(['[', ']'])
                        .split(',')
                        .map(|x| x.trim().trim_matches(['"', '\'']).to_string())
                        .filter(|x| !x.is_empty())
                        .collect(),
                };
                for item in items {
                    let at = raw.find(item.as_str()).unwrap_or(0);
                    let span = Span::new(fm.start + at, fm.start + at + item.len());
                    let id = task_refs(&item)
                        .first()
                        .map(|r| r.0.clone())
                        .unwrap_or_else(|| normalize_task_id(&item));
                    t.deps.push((id, Loc { file, span }));
                }
            }
        }
    }
    // Check boxes of the sections that say whether the task is finished.
    for (si, s) in doc.sections.iter().enumerate() {
        let h = norm_heading(&doc.headings[s.heading].text);
        if CRITERIA_HEADINGS.contains(&h.as_str()) {
            for sub in doc.subtree(si) {
                for bi in doc.section_block_indices(sub) {
                    let span = item_own_span(doc, bi);
                    if doc.blocks[bi].kind == (BlockKind::Item { task: Some(false) })
                        && !set_aside(doc.slice(span))
                    {
                        t.open.push(Loc { file, span });
                    }
                }
            }
        }
        if FILES_HEADINGS.contains(&h.as_str()) {
            for r in crate::project::references::relevant_files(doc, si) {
                t.paths.push((r.path, Loc { file, span: r.span }));
            }
        }
    }
    // A box for the task itself (`- [x] 1.0 Title`) marks it done.
    for (i, b) in doc.blocks.iter().enumerate() {
        if let BlockKind::Item {
            task: Some(checked),
        } = b.kind
        {
            let (span, text) = own_text(doc, i);
            if let Some(c) = NUMBERED.captures(text.lines().next().unwrap_or(""))
                && normalize_task_id(&c[1]) == t.id
            {
                if checked && t.done.is_none() {
                    t.done = Some(Loc { file, span });
                }
                t.open.retain(|l| l.span != span);
            }
        }
        if matches!(b.kind, BlockKind::Paragraph | BlockKind::Item { .. }) {
            let text = doc.slice(b.span);
            if text.len() < 400 {
                deps_in(text, b.span, file, &mut t.deps);
            }
        }
    }
    t.deps.sort_by_key(|d| d.1.span.start);
    t.deps.dedup_by(|a, b| a.0 == b.0);
    t.text = crate::engine::checks::text::excerpt(
        &doc.text.split_whitespace().collect::<Vec<_>>().join(" "),
        20_000,
    );
    t
}

/// The line holding an offset.
fn line_at(doc: &Document, offset: usize) -> Span {
    let line = doc.lines.line_of(offset);
    Span::from(doc.lines.line_range(&doc.text, line))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::trace::Companion;
    use std::path::PathBuf;

    fn companions(files: &[(&str, Kind, &str)]) -> Companions {
        Companions {
            files: files
                .iter()
                .map(|(name, kind, text)| Companion {
                    path: PathBuf::from(name),
                    kind: *kind,
                    doc: Some(Document::parse(text)),
                    problem: None,
                })
                .collect(),
        }
    }

    #[test]
    fn a_checklist_with_sub_items_and_dependencies() {
        let c = companions(&[(
            "tasks.md",
            Kind::TaskList,
            "# Tasks\n\n- [x] 1.0 Schema\n  - [x] 1.1 Migration\n  - [ ] 1.2 Seed\n- [ ] 2.0 API\n  - Depends on: 1.0\n",
        )]);
        let t = read(&c);
        assert_eq!(t.tasks.len(), 2);
        assert_eq!(t.tasks[0].title, "Schema");
        assert!(t.tasks[0].done.is_some());
        assert_eq!(t.tasks[0].open.len(), 1);
        assert_eq!(
            t.tasks[1]
                .deps
                .iter()
                .map(|d| d.0.as_str())
                .collect::<Vec<_>>(),
            ["1"]
        );
    }

    #[test]
    fn a_compozy_table_and_task_files_with_frontmatter() {
        let c = companions(&[
            (
                "_tasks.md",
                Kind::TaskList,
                "# T\n\n| # | Title | Status | Dependencies |\n|---|---|---|---|\n| 01 | Scaffold | completed | — |\n| 02 | Contracts | pending | task_01 |\n",
            ),
            (
                "task_01.md",
                Kind::TaskFile,
                "---\nstatus: completed\ndependencies: []\n---\n\n# Scaffold\n\n## Subtasks\n- [x] 1.1 A\n- [ ] 1.2 B\n\n## Relevant Files\n- `src/a.ts`\n",
            ),
        ]);
        let t = read(&c);
        assert_eq!(t.tasks.len(), 2);
        assert!(t.tasks[0].done.is_some());
        assert_eq!(t.tasks[0].open.len(), 1);
        assert_eq!(t.tasks[0].paths[0].0, "src/a.ts");
        assert_eq!(t.tasks[1].deps[0].0, "1");
    }

    #[test]
    fn task_refs_read_the_common_forms() {
        let ids: Vec<String> = task_refs("task_01, Task 3, Tarefa 4.0 e 5.0; none")
            .into_iter()
            .map(|r| r.0)
            .collect();
        assert_eq!(ids, ["1", "3", "4", "5"]);
        assert!(task_refs("none").is_empty());
        assert!(task_refs("Node 18").is_empty());
    }
}
