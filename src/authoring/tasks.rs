//! `techspec tasks`: a task list from a spec's Build Order.
//!
//! One parent task per Build Order step (`- [ ] 1.0 Title`); sub-tasks are
//! the step's actions (its nested list items, and its sentences that start
//! with a verb), its other sentences are kept as context, "Depends on /
//! after / requires Phase N" (and "depende de / após / requer") is a task
//! dependency; each test the Testing Approach names goes to the one task
//! whose components it names (title words count twice, the step's text
//! once), else to the step about testing; the spec's Technical Dependencies
//! and Relevant Files are carried over as they are written.
//!
//! Sections are found by identity (`build-order`, `testing-approach`...), so
//! numbered, renamed and Portuguese headings work too.

use std::collections::BTreeSet;
use std::fmt::Write;
use std::sync::LazyLock;

use regex::Regex;

use crate::model::document::{BlockKind, Document, Span};
use crate::model::identity::{identity_of, normalize};

/// Why no task list can be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TasksError {
    #[error(
        "the spec has no Build Order section (`### Build Order` under Development Sequencing); there is nothing to make tasks from"
    )]
    NoBuildOrder,
    #[error("the Build Order section has no steps; write them as a numbered list")]
    EmptyBuildOrder,
    #[error(
        "the Build Order is still the template's guidance (`[...]`); replace it with the real steps, as a numbered list"
    )]
    GuidanceBuildOrder,
}

impl TasksError {
    /// The message in the spec's language (`portuguese`: see [`is_portuguese`]).
    pub fn message(&self, portuguese: bool) -> String {
        if !portuguese {
            return self.to_string();
        }
        match self {
            TasksError::NoBuildOrder => "a especificação não tem a seção Ordem de Construção (`### Ordem de Construção` em Sequenciamento de Desenvolvimento); não há de onde gerar tarefas".into(),
            TasksError::EmptyBuildOrder => "a seção Ordem de Construção não tem passos; escreva-os como uma lista numerada".into(),
            TasksError::GuidanceBuildOrder => "a Ordem de Construção ainda é a orientação do modelo (`[...]`); substitua-a pelos passos reais, em uma lista numerada".into(),
        }
    }
}

/// Whether a spec is written in Portuguese: its title or its section
/// headings use the Portuguese template's words.
pub fn is_portuguese(doc: &Document) -> bool {
    const WORDS: &[&str] = &[
        "especificação técnica",
        "especificacao tecnica",
        "resumo executivo",
        "arquitetura do sistema",
        "sequenciamento",
        "ordem de construção",
        "ordem de construcao",
        "dependências técnicas",
        "arquivos relevantes",
        "abordagem de testes",
        "considerações técnicas",
    ];
    let hits = doc
        .headings
        .iter()
        .filter(|h| {
            let t = h.text.to_lowercase();
            WORDS.iter().any(|w| t.contains(w))
        })
        .count();
    hits >= 2
        || doc
            .title_heading()
            .is_some_and(|h| h.text.to_lowercase().starts_with("especifica"))
}

/// A task list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskList {
    /// The feature's name, from the spec's title.
    pub title: String,
    pub tasks: Vec<ParentTask>,
    /// Tests the Testing Approach names that fit no task.
    pub other_tests: Vec<TestRef>,
    /// The Technical Dependencies section's content, as written.
    pub dependencies: Option<String>,
    /// The Relevant Files section's content, as written.
    pub relevant_files: Option<String>,
    /// The spec is in Portuguese: so is the task list.
    pub portuguese: bool,
}

/// One Build Order step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParentTask {
    pub title: String,
    /// Actions: the step's nested items, and its sentences that say what to
    /// do (they start with a verb).
    pub subtasks: Vec<String>,
    /// The step's sentences that describe rather than act ("Standalone
    /// presentational component", "No new DB queries"), kept as context.
    pub notes: Vec<String>,
    /// Earlier tasks this one waits for (indices into the list), from "Depends
    /// on / after / requires Phase N" (and "depende de / após / requer").
    pub depends_on: Vec<usize>,
    /// Tests the Testing Approach names for this step.
    pub tests: Vec<TestRef>,
}

/// A test the Testing Approach names: a bold label (a test file, a
/// component) or a list item not under a label, with its kind (the heading
/// it is under, e.g. "Unit Tests").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TestRef {
    pub kind: Option<String>,
    pub text: String,
}

/// Makes the task list of a spec.
pub fn plan(doc: &Document) -> Result<TaskList, TasksError> {
    let ids: Vec<Option<&'static str>> = doc
        .sections
        .iter()
        .map(|s| identity_of(&normalize(&doc.headings[s.heading].text)))
        .collect();
    let find = |id: &str| ids.iter().position(|x| *x == Some(id));
    let build = find("build-order").ok_or(TasksError::NoBuildOrder)?;
    if subtree_body(doc, build).starts_with('[') {
        return Err(TasksError::GuidanceBuildOrder);
    }
    let mut tasks = parent_tasks(steps(doc, build));
    if tasks.is_empty() {
        return Err(TasksError::EmptyBuildOrder);
    }
    let other_tests = match find("testing-approach") {
        Some(testing) => assign_tests(&mut tasks, &test_units(doc, testing)),
        None => Vec::new(),
    };
    let body = |id: &str| {
        find(id)
            .map(|s| subtree_body(doc, s))
            .filter(|t| !t.is_empty())
    };
    Ok(TaskList {
        title: feature_title(doc),
        tasks,
        other_tests,
        dependencies: body("technical-dependencies"),
        relevant_files: body("relevant-files"),
        portuguese: is_portuguese(doc),
    })
}

/// Renders a task list as Markdown. `source` names the spec it came from.
pub fn render(list: &TaskList, source: &str) -> String {
    let pt = list.portuguese;
    let w = |en: &'static str, pt_text: &'static str| if pt { pt_text } else { en };
    let mut out = String::new();
    let _ = writeln!(out, "# {}: {}\n", w("Tasks", "Tarefas"), list.title);
    if pt {
        let _ = writeln!(
            out,
            "Gerado por `techspec tasks` a partir de `{source}`: uma tarefa principal por passo da Ordem de Construção.\n"
        );
    } else {
        let _ = writeln!(
            out,
            "Generated by `techspec tasks` from `{source}`: one parent task per Build Order step.\n"
        );
    }
    let _ = writeln!(out, "## {}\n", w("Tasks", "Tarefas"));
    for (i, t) in list.tasks.iter().enumerate() {
        let n = i + 1;
        let _ = writeln!(out, "- [ ] {n}.0 {}", t.title);
        if !t.depends_on.is_empty() {
            let deps: Vec<String> = t
                .depends_on
                .iter()
                .map(|d| format!("{}.0", d + 1))
                .collect();
            let _ = writeln!(
                out,
                "  - {}: {}",
                w("Depends on", "Depende de"),
                deps.join(", ")
            );
        }
        if !t.notes.is_empty() {
            let _ = writeln!(
                out,
                "  - {}: {}.",
                w("Context", "Contexto"),
                t.notes.join(". ")
            );
        }
        let mut k = 0;
        for s in &t.subtasks {
            k += 1;
            let _ = writeln!(out, "  - [ ] {n}.{k} {s}");
        }
        if !t.tests.is_empty() {
            k += 1;
            let _ = writeln!(
                out,
                "  - [ ] {n}.{k} {}: {}",
                w("Write tests", "Escrever testes"),
                tests_line(&t.tests)
            );
        }
    }
    if !list.other_tests.is_empty() {
        let _ = write!(
            out,
            "\n## {}\n\n- [ ] {}\n",
            w("Other Tests", "Outros Testes"),
            tests_line(&list.other_tests)
        );
    }
    if let Some(d) = &list.dependencies {
        let _ = write!(
            out,
            "\n## {}\n\n{d}\n",
            w("Technical Dependencies", "Dependências Técnicas")
        );
    }
    let _ = write!(
        out,
        "\n## {}\n\n",
        w("Relevant Files", "Arquivos Relevantes")
    );
    match &list.relevant_files {
        Some(f) => {
            out.push_str(f);
            out.push('\n');
        }
        None => out.push_str(w(
            "None listed in the spec.\n",
            "Nenhum listado na especificação.\n",
        )),
    }
    out
}

/// `Unit Tests: a, b; Integration Tests: c`: tests grouped by kind, in order.
fn tests_line(tests: &[TestRef]) -> String {
    let mut groups: Vec<(Option<&str>, Vec<&str>)> = Vec::new();
    for t in tests {
        let kind = t.kind.as_deref();
        match groups.iter_mut().find(|(k, _)| *k == kind) {
            Some((_, items)) => items.push(t.text.trim_end_matches('.')),
            None => groups.push((kind, vec![t.text.trim_end_matches('.')])),
        }
    }
    groups
        .into_iter()
        .map(|(kind, items)| match kind {
            Some(k) => format!("{k}: {}", items.join(", ")),
            None => items.join(", "),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The feature's name: the title without "Technical Specification:".
fn feature_title(doc: &Document) -> String {
    let title = doc.title_heading().map_or("", |h| h.text.as_str()).trim();
    for prefix in [
        "technical specification",
        "tech spec",
        "techspec",
        "especificação técnica",
        "especificacao tecnica",
    ] {
        let lower = title.to_lowercase();
        if lower.starts_with(prefix) {
            if let Some(rest) = title.get(prefix.len()..) {
                let rest = rest.trim_start_matches([':', '-', '—', '–', ' ']);
                if !rest.is_empty() {
                    return rest.to_string();
                }
            }
        }
    }
    if title.is_empty() {
        "Untitled spec".to_string()
    } else {
        title.to_string()
    }
}

/// The source of a section's subtree without its own heading, trimmed.
fn subtree_body(doc: &Document, section: usize) -> String {
    let s = &doc.sections[section];
    doc.slice(Span::new(s.body.start, s.span.end))
        .trim()
        .to_string()
}

/// A Build Order step as written: its title, the sentences of its own text
/// and its nested list items.
struct Step {
    title: String,
    sentences: Vec<String>,
    items: Vec<String>,
}

/// The steps of the Build Order: its list items, else its subsections,
/// else its paragraphs.
fn steps(doc: &Document, section: usize) -> Vec<Step> {
    let range = doc.section_block_indices(section);
    let items: Vec<usize> = range
        .clone()
        .filter(|&i| matches!(doc.blocks[i].kind, BlockKind::Item { .. }))
        .filter(|&i| {
            doc.blocks[i]
                .parent
                .is_some_and(|p| doc.blocks[p].parent.is_none())
        })
        .collect();
    if !items.is_empty() {
        return items.into_iter().map(|i| item_step(doc, i)).collect();
    }
    let children = &doc.sections[section].children;
    if !children.is_empty() {
        return children
            .iter()
            .map(|&c| {
                let mut step = Step {
                    title: doc.section_heading(c).text.clone(),
                    sentences: Vec::new(),
                    items: Vec::new(),
                };
                for i in doc.section_block_indices(c) {
                    let b = &doc.blocks[i];
                    match b.kind {
                        BlockKind::Item { .. } => step.items.push(own_text(doc, i)),
                        BlockKind::Paragraph if b.parent.is_none() => step
                            .sentences
                            .extend(sentences(&inline_text(doc.slice(b.span)))),
                        _ => {}
                    }
                }
                step.items.retain(|s| !s.is_empty());
                step
            })
            .collect();
    }
    range
        .filter(|&i| doc.blocks[i].kind == BlockKind::Paragraph && doc.blocks[i].parent.is_none())
        .map(|i| {
            let (title, sentences) = split_title(&inline_text(doc.slice(doc.blocks[i].span)));
            Step {
                title,
                sentences,
                items: Vec::new(),
            }
        })
        .collect()
}

/// A step from a list item: title and sentences from its own text, then its
/// nested items.
fn item_step(doc: &Document, item: usize) -> Step {
    let (title, sentences) = split_title(&own_text(doc, item));
    let mut items = Vec::new();
    for (i, b) in doc.blocks.iter().enumerate().skip(item + 1) {
        if b.span.start >= doc.blocks[item].span.end {
            break;
        }
        let nested = matches!(b.kind, BlockKind::Item { .. })
            && b.parent.and_then(|p| doc.blocks[p].parent) == Some(item);
        if nested {
            let text = own_text(doc, i);
            if !text.is_empty() {
                items.push(text);
            }
        }
    }
    Step {
        title,
        sentences,
        items,
    }
}

/// Parent tasks from steps: a sentence or item that only states a
/// dependency ("Depends on Phase 1") becomes one; sentences that start with
/// a verb are sub-tasks (a third-person verb, "Handles X", is put in the
/// imperative); the other sentences are notes; nested items stay sub-tasks.
fn parent_tasks(steps: Vec<Step>) -> Vec<ParentTask> {
    let titles: Vec<String> = steps.iter().map(|s| s.title.clone()).collect();
    steps
        .into_iter()
        .enumerate()
        .map(|(me, step)| {
            let mut task = ParentTask {
                title: step.title,
                subtasks: Vec::new(),
                notes: Vec::new(),
                depends_on: Vec::new(),
                tests: Vec::new(),
            };
            let lines = step
                .sentences
                .into_iter()
                .map(|s| (s, false))
                .chain(step.items.into_iter().map(|s| (s, true)));
            for (text, item) in lines {
                let (refs, only) = dependency_refs(&text);
                for n in refs {
                    if let Some(i) = phase_index(&titles, n) {
                        if i != me && !task.depends_on.contains(&i) {
                            task.depends_on.push(i);
                        }
                    }
                }
                if only {
                    continue;
                }
                match imperative(&text) {
                    Some(action) => task.subtasks.push(action),
                    None if item => task.subtasks.push(text),
                    None => task.notes.push(text),
                }
            }
            task.depends_on.sort_unstable();
            task
        })
        .collect()
}

/// The phase or step numbers a sentence says it waits for, and whether the
/// sentence says nothing else (it starts with the dependency words).
fn dependency_refs(text: &str) -> (Vec<usize>, bool) {
    static TRIGGER: LazyLock<Regex> = LazyLock::new(|| {
        #[allow(clippy::unwrap_used, reason = "a constant pattern")]
        Regex::new(
            r"(?i)\b(?:depends?\s+on|depending\s+on|after|requires?|blocked\s+by|depende(?:ndo)?\s+d[aeo]s?|ap[óo]s|requer|exige)\b",
        )
        .unwrap()
    });
    static PHASE: LazyLock<Regex> = LazyLock::new(|| {
        #[allow(clippy::unwrap_used, reason = "a constant pattern")]
        Regex::new(
            r"(?i)\b(?:phases?|steps?|tasks?|fases?|passos?|etapas?|tarefas?)\s+(\d+(?:\.0)?(?:\s*(?:,|and|e|&)\s*\d+(?:\.0)?)*)",
        )
        .unwrap()
    });
    let Some(trigger) = TRIGGER.find(text) else {
        return (Vec::new(), false);
    };
    let rest = &text[trigger.end()..];
    let mut refs = Vec::new();
    for c in PHASE.captures_iter(rest) {
        for n in c[1].split(|ch: char| !ch.is_ascii_digit() && ch != '.') {
            if let Ok(n) = n.trim_end_matches(".0").parse::<usize>() {
                refs.push(n);
            }
        }
    }
    let only = !refs.is_empty() && text[..trigger.start()].trim().is_empty();
    (refs, only)
}

/// The step a "Phase N" points at: the step whose title names that phase,
/// else the N-th step.
fn phase_index(titles: &[String], n: usize) -> Option<usize> {
    let named = titles.iter().position(|t| {
        let t = t.to_lowercase();
        ["phase", "fase", "step", "passo", "etapa"].iter().any(|w| {
            t.match_indices(w).any(|(i, _)| {
                let after = t[i + w.len()..].trim_start();
                let digits: String = after.chars().take_while(char::is_ascii_digit).collect();
                digits.parse::<usize>().ok() == Some(n)
            })
        })
    });
    named.or_else(|| (n >= 1 && n <= titles.len()).then(|| n - 1))
}

/// The sentence as an action when it starts with a verb: imperative or
/// infinitive as written, third person ("Handles", "Fetches") put in the
/// imperative. `None` for a description ("Standalone component").
fn imperative(text: &str) -> Option<String> {
    let first: String = text
        .chars()
        .take_while(|c| c.is_alphabetic() || *c == '-')
        .collect();
    if first.is_empty() {
        return None;
    }
    let lower = first.to_lowercase();
    if VERBS.contains(&lower.as_str()) || VERBOS.contains(&lower.as_str()) {
        return Some(text.to_string());
    }
    let base = [lower.strip_suffix("es"), lower.strip_suffix('s')]
        .into_iter()
        .flatten()
        .find(|b| VERBS.contains(b))?;
    let mut out = String::new();
    // Keep the writer's capitalisation of the first letter.
    let mut base_chars = base.chars();
    if let (Some(b0), Some(f0)) = (base_chars.next(), first.chars().next()) {
        if f0.is_uppercase() {
            out.extend(b0.to_uppercase());
        } else {
            out.push(b0);
        }
    }
    out.extend(base_chars);
    out.push_str(&text[first.len()..]);
    Some(out)
}

/// English verbs a Build Order step starts an action with.
const VERBS: &[&str] = &[
    "add",
    "adapt",
    "apply",
    "audit",
    "build",
    "bump",
    "calculate",
    "call",
    "check",
    "compute",
    "configure",
    "connect",
    "convert",
    "create",
    "debounce",
    "define",
    "delete",
    "deploy",
    "deprecate",
    "disable",
    "display",
    "document",
    "drop",
    "emit",
    "enable",
    "ensure",
    "expose",
    "extend",
    "extract",
    "fetch",
    "fill",
    "generate",
    "handle",
    "hook",
    "implement",
    "import",
    "inject",
    "install",
    "integrate",
    "introduce",
    "keep",
    "load",
    "log",
    "make",
    "map",
    "merge",
    "migrate",
    "mount",
    "move",
    "parse",
    "persist",
    "populate",
    "pre-fill",
    "prefill",
    "provide",
    "publish",
    "read",
    "refactor",
    "register",
    "remove",
    "rename",
    "render",
    "replace",
    "return",
    "run",
    "save",
    "schedule",
    "send",
    "set",
    "show",
    "split",
    "store",
    "subscribe",
    "track",
    "update",
    "upgrade",
    "validate",
    "verify",
    "wire",
    "wrap",
    "write",
];

/// Portuguese verbs (infinitive, imperative, third person) a step starts an
/// action with.
const VERBOS: &[&str] = &[
    "adicionar",
    "adicione",
    "adiciona",
    "criar",
    "crie",
    "cria",
    "implementar",
    "implemente",
    "implementa",
    "escrever",
    "escreva",
    "atualizar",
    "atualize",
    "atualiza",
    "conectar",
    "conecte",
    "estender",
    "estenda",
    "construir",
    "construa",
    "definir",
    "defina",
    "expor",
    "exponha",
    "registrar",
    "registre",
    "configurar",
    "configure",
    "migrar",
    "migre",
    "remover",
    "remova",
    "substituir",
    "substitua",
    "refatorar",
    "refatore",
    "mover",
    "mova",
    "extrair",
    "extraia",
    "integrar",
    "integre",
    "integra",
    "tratar",
    "trate",
    "trata",
    "validar",
    "valide",
    "valida",
    "renderizar",
    "renderize",
    "exibir",
    "exiba",
    "exibe",
    "mostrar",
    "mostre",
    "buscar",
    "busque",
    "busca",
    "calcular",
    "calcule",
    "calcula",
    "armazenar",
    "armazene",
    "persistir",
    "persista",
    "emitir",
    "emita",
    "documentar",
    "documente",
    "testar",
    "verificar",
    "verifique",
    "garantir",
    "garanta",
    "instalar",
    "instale",
    "incluir",
    "inclua",
    "alterar",
    "altere",
    "modificar",
    "modifique",
    "preencher",
    "preencha",
    "gerar",
    "gere",
    "aplicar",
    "aplique",
    "carregar",
    "carregue",
    "salvar",
    "salve",
    "ajustar",
    "ajuste",
    "montar",
    "monte",
    "expandir",
    "expanda",
];

/// A list item's own text: up to its first nested list or code block,
/// without the list marker, on one line.
fn own_text(doc: &Document, item: usize) -> String {
    let span = doc.blocks[item].span;
    let end = doc.blocks[item + 1..]
        .iter()
        .take_while(|b| b.span.start < span.end)
        .find(|b| {
            b.parent == Some(item)
                && !matches!(b.kind, BlockKind::Paragraph | BlockKind::Field { .. })
        })
        .map_or(span.end, |b| b.span.start);
    inline_text(strip_marker(doc.slice(Span::new(span.start, end))))
}

/// `1. `, `1) `, `- `, `* `, `+ ` and a task box `[ ] ` at the start of an item.
fn strip_marker(item: &str) -> &str {
    let s = item.trim_start();
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    let s = if digits > 0 && s[digits..].starts_with(['.', ')']) {
        &s[digits + 1..]
    } else if s.starts_with(['-', '*', '+']) {
        &s[1..]
    } else {
        s
    };
    let s = s.trim_start();
    ["[ ] ", "[x] ", "[X] "]
        .iter()
        .find_map(|b| s.strip_prefix(b))
        .unwrap_or(s)
}

/// Text on one line, whitespace collapsed.
fn inline_text(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Splits a step into its title and sub-tasks: a leading `**bold**` part, or
/// the part before ` — ` / `: ` when short, or the first sentence; the rest
/// gives the sub-tasks, one per sentence or `;` clause. A parenthesis right
/// after the title, like `(Phase 1)`, stays with it.
fn split_title(text: &str) -> (String, Vec<String>) {
    let text = text.trim();
    let (mut title, mut rest) = if let Some(after) = text.strip_prefix("**") {
        match after.find("**") {
            Some(end) => (after[..end].to_string(), after[end + 2..].to_string()),
            None => (after.to_string(), String::new()),
        }
    } else if let Some((head, r, colon)) = short_prefix(text) {
        if colon && head.split_whitespace().count() <= 3 {
            // `Backend: routes and validation; tests`: the head is a category,
            // the first clause says what to do.
            let mut clauses = sentences(&r);
            if clauses.is_empty() {
                return (head, Vec::new());
            }
            let first = clauses.remove(0);
            return (format!("{head}: {first}"), clauses);
        }
        (head, r)
    } else {
        let mut s = sentences(text);
        if s.is_empty() {
            return (String::new(), Vec::new());
        }
        let first = s.remove(0);
        return (first, s);
    };
    rest = rest.trim().to_string();
    if rest.starts_with('(') {
        if let Some(close) = rest.find(')') {
            title = format!("{} {}", title.trim(), &rest[..=close]);
            rest = rest[close + 1..].to_string();
        }
    }
    let rest = rest.trim_start_matches(|c: char| {
        c.is_whitespace() || matches!(c, '—' | '–' | '-' | ':' | ',')
    });
    let title = title.trim().trim_end_matches([':', '.']).trim().to_string();
    (title, sentences(rest))
}

/// `Title — text` or `Title: text` with a title of at most ten words,
/// outside code; the flag tells a colon.
fn short_prefix(text: &str) -> Option<(String, String, bool)> {
    let mut in_code = false;
    for (i, c) in text.char_indices() {
        if c == '`' {
            in_code = !in_code;
        }
        if in_code {
            continue;
        }
        let sep = match c {
            '—' | '–' if text[..i].ends_with(' ') => true,
            ':' => text[i + 1..].starts_with(' '),
            _ => false,
        };
        if sep {
            let head = text[..i].trim();
            if !head.is_empty() && head.split_whitespace().count() <= 10 {
                return Some((
                    head.to_string(),
                    text[i + c.len_utf8()..].to_string(),
                    c == ':',
                ));
            }
            return None;
        }
    }
    None
}

/// Sentences (and `;` clauses) of a text, trailing period removed; code
/// spans and abbreviations such as "e.g." do not end a sentence.
pub fn sentences(text: &str) -> Vec<String> {
    const ABBREVIATIONS: &[&str] = &["e.g", "i.e", "etc", "vs", "cf", "approx", "ex"];
    let mut out = Vec::new();
    let mut start = 0;
    let mut in_code = false;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        if c == '`' {
            in_code = !in_code;
            continue;
        }
        if in_code {
            continue;
        }
        let next = chars.get(k + 1).map(|&(_, n)| n);
        let end = match c {
            ';' => next.is_none_or(char::is_whitespace),
            '.' | '!' | '?' => {
                let after = chars.get(k + 2).map(|&(_, n)| n);
                let word = text[start..i]
                    .rsplit(|ch: char| ch.is_whitespace() || ch == '(')
                    .next()
                    .unwrap_or("");
                let abbreviation = ABBREVIATIONS.iter().any(|a| word.eq_ignore_ascii_case(a));
                !abbreviation
                    && (next.is_none()
                        || (next.is_some_and(char::is_whitespace)
                            && after.is_none_or(|a| {
                                a.is_uppercase()
                                    || a.is_ascii_digit()
                                    || matches!(a, '`' | '*' | '"' | '(')
                            })))
            }
            _ => false,
        };
        if end {
            push_sentence(&mut out, &text[start..i]);
            start = i + c.len_utf8();
        }
    }
    push_sentence(&mut out, &text[start..]);
    out
}

fn push_sentence(out: &mut Vec<String>, s: &str) {
    let s = s.trim().trim_end_matches(['.', ';']).trim();
    if s.chars().any(char::is_alphanumeric) {
        out.push(s.to_string());
    }
}

fn test_units(doc: &Document, testing: usize) -> Vec<TestRef> {
    let mut units = Vec::new();
    for s in doc.subtree(testing) {
        let kind = (s != testing).then(|| doc.section_heading(s).text.clone());
        let mut under_label = false;
        for i in doc.section_block_indices(s) {
            let b = &doc.blocks[i];
            match b.kind {
                BlockKind::Paragraph if b.parent.is_none() => match label_of(doc.slice(b.span)) {
                    Some(text) => {
                        under_label = true;
                        units.push(TestRef {
                            text,
                            kind: kind.clone(),
                        });
                    }
                    None => under_label = false,
                },
                BlockKind::Item { .. }
                    if !under_label && b.parent.is_some_and(|p| doc.blocks[p].parent.is_none()) =>
                {
                    let text = own_text(doc, i);
                    if !text.is_empty() {
                        units.push(TestRef {
                            text,
                            kind: kind.clone(),
                        });
                    }
                }
                _ => {}
            }
        }
    }
    units
}

/// The label of a paragraph that starts with `**Label:**` (or `**Label**:`),
/// code spans allowed inside.
fn label_of(paragraph: &str) -> Option<String> {
    let rest = paragraph.trim_start().strip_prefix("**")?;
    let end = rest.find("**")?;
    let inner = rest[..end].trim();
    let colon = inner.ends_with(':') || rest[end + 2..].starts_with(':');
    let label = inner.trim_end_matches(':').trim();
    (colon && !label.is_empty()).then(|| label.to_string())
}

/// Gives each test unit to the one task whose components it names: words
/// shared with the task's title count twice, words shared with its
/// sub-tasks and notes once; a tie goes to more title words. A unit that
/// scores under two, or ties, goes to the step about testing when there is
/// one, else it is returned unassigned.
fn assign_tests(tasks: &mut [ParentTask], units: &[TestRef]) -> Vec<TestRef> {
    let titles: Vec<BTreeSet<String>> = tasks.iter().map(|t| terms(&t.title)).collect();
    let bodies: Vec<BTreeSet<String>> = tasks
        .iter()
        .map(|t| {
            let text = t.subtasks.iter().chain(&t.notes).cloned();
            terms(&text.collect::<Vec<_>>().join(" "))
        })
        .collect();
    let testing = tasks.iter().position(|t| {
        let l = t.title.to_lowercase();
        l.contains("test") || l.contains("teste")
    });
    let mut unassigned = Vec::new();
    for u in units {
        let words = terms(&u.text);
        let scores: Vec<(usize, usize)> = titles
            .iter()
            .zip(&bodies)
            .map(|(t, b)| {
                let in_title = t.intersection(&words).count();
                let in_body = b.difference(t).filter(|w| words.contains(*w)).count();
                (2 * in_title + in_body, in_title)
            })
            .collect();
        let best = scores.iter().copied().max().unwrap_or((0, 0));
        let winners = scores.iter().filter(|s| **s == best).count();
        let target = if best.0 >= 2 && winners == 1 {
            scores.iter().position(|s| *s == best)
        } else {
            testing
        };
        match target {
            Some(i) => tasks[i].tests.push(u.clone()),
            None => unassigned.push(u.clone()),
        }
    }
    unassigned
}

/// Significant words of a text, lower-cased, camelCase and paths split,
/// plural `s` dropped; common and test-type words left out.
fn terms(text: &str) -> BTreeSet<String> {
    const STOP: &[&str] = &[
        "the",
        "and",
        "for",
        "with",
        "from",
        "into",
        "that",
        "this",
        "are",
        "not",
        "all",
        "any",
        "each",
        "only",
        "use",
        "test",
        "tests",
        "testing",
        "unit",
        "integration",
        "e2e",
        "src",
        "spec",
        "file",
        "new",
        "existing",
        "phase",
        "add",
        "create",
        "implement",
        "should",
        "when",
        "then",
        "via",
        "its",
        "ts",
        "tsx",
        "js",
        "jsx",
        "rs",
        "py",
        "go",
        "java",
        "com",
        "para",
        "uma",
        "dos",
        "das",
        "teste",
        "testes",
        "fase",
        "data",
        "can",
        "will",
    ];
    let mut out = BTreeSet::new();
    let mut word = String::new();
    let mut prev_lower = false;
    let mut flush = |w: &mut String| {
        let mut t = w.to_lowercase();
        w.clear();
        if t.len() > 3 && t.ends_with('s') && !t.ends_with("ss") {
            t.pop();
        }
        if t.chars().count() >= 3 && !STOP.contains(&t.as_str()) {
            out.insert(t);
        }
    };
    for c in text.chars() {
        if c.is_alphanumeric() {
            if c.is_uppercase() && prev_lower {
                flush(&mut word);
            }
            prev_lower = c.is_lowercase() || c.is_ascii_digit();
            word.push(c);
        } else {
            flush(&mut word);
            prev_lower = false;
        }
    }
    flush(&mut word);
    out
}

#[cfg(test)]
mod tests;
