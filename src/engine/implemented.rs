//! `techspec check --implemented`: after the feature is built, does the code
//! hold what the spec promised? Files the spec marks as new exist (TS501),
//! each endpoint of API Endpoints is declared as a route (TS502), and each
//! type and function that Main Interfaces declares is declared in the source
//! (TS503).
//!
//! The source is read once per repository and run: one walk with the
//! `ignore` crate (`.gitignore` honoured, hidden folders and `node_modules`
//! skipped), files read and scanned in parallel, each file scanned with one
//! regex for every declared name of every spec of the run and one for route
//! declarations. Nothing here runs without `--implemented`.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock};

use rayon::prelude::*;
use regex::Regex;

use crate::engine::checks::{
    ts501_new_file_missing, ts502_endpoint_not_routed, ts503_interface_name_missing,
};
use crate::engine::{Checker, FileReport, finalize};
use crate::io::read::{is_binary, read_limited};
use crate::model::diagnostic::{Diagnostic, Resolved};
use crate::model::document::{BlockKind, Document, Span};
use crate::model::identity::{identity_of, normalize};
use crate::project::references::{FileRef, relevant_files};
use crate::project::{PathStatus, Project};

/// Source files larger than this are not read (generated bundles, data).
const MAX_SOURCE_BYTES: u64 = 2 * 1024 * 1024;

/// File extensions read as source.
const SOURCE_EXTENSIONS: &[&str] = &[
    "js", "jsx", "mjs", "cjs", "ts", "tsx", "mts", "cts", "vue", "svelte", "py", "go", "java",
    "kt", "kts", "scala", "cs", "fs", "vb", "rb", "php", "rs", "swift", "ex", "exs", "dart",
];

/// Code block languages that declare no code interfaces (schemas, shells,
/// diagrams): their `type`/`enum` words are not read as declarations.
const NOT_CODE: &[&str] = &[
    "sql",
    "json",
    "jsonc",
    "yaml",
    "yml",
    "bash",
    "sh",
    "shell",
    "console",
    "http",
    "graphql",
    "gql",
    "proto",
    "protobuf",
    "prisma",
    "mermaid",
    "text",
    "txt",
    "plaintext",
    "env",
    "ini",
    "toml",
    "dockerfile",
    "makefile",
    "markdown",
    "md",
    "xml",
    "html",
    "css",
    "diff",
];

/// What a spec says the implementation will have.
#[derive(Debug, Default)]
pub struct Expectations {
    /// Relevant Files entries marked new.
    pub new_files: Vec<FileRef>,
    pub endpoints: Vec<Endpoint>,
    pub names: Vec<Name>,
    /// The spec's own titles of the sections read (for messages).
    pub relevant_title: String,
    pub endpoints_title: String,
    pub interfaces_title: String,
}

/// `METHOD /path` from API Endpoints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoint {
    pub method: String,
    pub path: String,
    pub span: Span,
}

/// A type or function declared in a Main Interfaces code block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Name {
    pub name: String,
    /// `type` or `function`.
    pub kind: &'static str,
    pub span: Span,
}

/// A path segment: literal text, or a parameter (`:id`, `{id}`, `<int:id>`,
/// `[id]`), all parameters alike.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Seg {
    Lit(String),
    Param,
}

fn segments(path: &str) -> Vec<Seg> {
    let path = path.split(['?', '#']).next().unwrap_or("");
    path.split('/')
        .filter(|s| !s.is_empty())
        .map(|s| {
            let param = s.starts_with(':')
                || (s.starts_with('{') && s.ends_with('}'))
                || (s.starts_with('<') && s.ends_with('>'))
                || (s.starts_with('[') && s.ends_with(']'))
                || s.starts_with('$')
                || s == "*";
            if param {
                Seg::Param
            } else {
                Seg::Lit(s.to_ascii_lowercase())
            }
        })
        .collect()
}

/// The expectations of a spec: sections found by identity, so renamed,
/// numbered and Portuguese headings work.
pub fn expectations(doc: &Document) -> Expectations {
    let mut exp = Expectations::default();
    for (si, s) in doc.sections.iter().enumerate() {
        let heading = &doc.headings[s.heading].text;
        match identity_of(&normalize(heading)) {
            Some("relevant-files") => {
                exp.relevant_title = heading.clone();
                // An entry its own line calls optional need not exist.
                let optional = |r: &FileRef| {
                    let line = doc.lines.line_of(r.span.start);
                    let text = doc.slice(Span::from(doc.lines.line_range(&doc.text, line)));
                    let lower = text.to_lowercase();
                    lower.contains("optional") || lower.contains("opcional")
                };
                exp.new_files
                    .extend(relevant_files(doc, si).into_iter().filter(|r| {
                        r.new
                            && !r.path.is_empty()
                            && !r.path.contains(['*', '?', '{'])
                            && !optional(r)
                    }));
            }
            Some("api-endpoints") => {
                exp.endpoints_title = heading.clone();
                endpoints_of(doc, si, &mut exp.endpoints);
            }
            Some("main-interfaces") => {
                exp.interfaces_title = heading.clone();
                names_of(doc, si, &mut exp.names);
            }
            _ => {}
        }
    }
    exp.new_files.dedup_by(|a, b| a.path == b.path);
    exp
}

static ENDPOINT: LazyLock<Regex> = LazyLock::new(|| {
    #[allow(clippy::unwrap_used, reason = "a constant pattern")]
    Regex::new(
        r"\b(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\b[\s`*|:]*(/[A-Za-z0-9_\-{}:<>/.$~\[\]]*)",
    )
    .unwrap()
});

fn endpoints_of(doc: &Document, section: usize, out: &mut Vec<Endpoint>) {
    let s = &doc.sections[section];
    let body = Span::new(s.body.start, s.span.end);
    for m in ENDPOINT.captures_iter(doc.slice(body)) {
        let (Some(all), Some(method), Some(p)) = (m.get(0), m.get(1), m.get(2)) else {
            continue;
        };
        let path = p.as_str().trim_end_matches(['.', ':']);
        if out
            .iter()
            .any(|e| e.method == method.as_str() && e.path == path)
        {
            continue;
        }
        out.push(Endpoint {
            method: method.as_str().to_string(),
            path: path.to_string(),
            span: Span::new(
                body.start + all.start(),
                body.start + p.start() + path.len(),
            ),
        });
    }
}

static SPEC_DECL: LazyLock<Regex> = LazyLock::new(|| {
    #[allow(clippy::unwrap_used, reason = "a constant pattern")]
    Regex::new(
        r"(?m)^(?P<indent>[ \t]*)(?:(?:export|default|pub(?:\([^)\n]*\))?|public|internal|abstract|final|sealed|open|data|async|declare|partial|unsafe)\s+)*(?P<kw>type|interface|class|struct|enum|trait|record|protocol|func(?:\s*\([^)\n]*\))?|def|fn|function|fun|const)\s+(?P<name>[A-Za-z_$][A-Za-z0-9_$]*)(?P<after>[^\n]*)",
    )
    .unwrap()
});

fn names_of(doc: &Document, section: usize, out: &mut Vec<Name>) {
    for si in doc.subtree(section) {
        for bi in doc.section_block_indices(si) {
            let BlockKind::Code { lang, content, .. } = &doc.blocks[bi].kind else {
                continue;
            };
            if lang.as_deref().is_some_and(|l| NOT_CODE.contains(&l)) {
                continue;
            }
            let code = doc.slice(*content);
            for c in SPEC_DECL.captures_iter(code) {
                let (Some(kw), Some(name), Some(indent)) =
                    (c.name("kw"), c.name("name"), c.name("indent"))
                else {
                    continue;
                };
                let kw = kw.as_str();
                let is_type = matches!(
                    kw,
                    "type"
                        | "interface"
                        | "class"
                        | "struct"
                        | "enum"
                        | "trait"
                        | "record"
                        | "protocol"
                );
                let after = c.name("after").map_or("", |a| a.as_str());
                // `const x = ...` is a function only when exported as one.
                if kw == "const"
                    && !(c.get(0).is_some_and(|a| a.as_str().contains("export"))
                        && (after.contains("=>") || after.contains("function")))
                {
                    continue;
                }
                // Types may sit in a namespace; functions are top-level only
                // (an indented `def` is a method of a class shown as example).
                let depth = indent.as_str().len();
                if (is_type && depth > 4) || (!is_type && depth > 0) {
                    continue;
                }
                let n = name.as_str();
                if n.len() < 3 || out.iter().any(|x| x.name == n) {
                    continue;
                }
                let start = content.start + name.start();
                out.push(Name {
                    name: n.to_string(),
                    kind: if is_type { "type" } else { "function" },
                    span: Span::new(start, start + n.len()),
                });
            }
        }
    }
}

/// A route declared in the source.
#[derive(Debug, Clone)]
struct Route {
    /// `None`: any method (Django `path`, Flask `route` without `methods`).
    methods: Option<Vec<String>>,
    segs: Vec<Seg>,
    file: usize,
    line: usize,
}

/// What one scan of a repository's source found.
#[derive(Debug, Default)]
pub struct SourceIndex {
    /// Repo-relative paths of the files read.
    files: Vec<String>,
    /// Files skipped: binary or over the size bound.
    pub skipped: usize,
    /// Declared name -> (file, line).
    defined: HashMap<String, (usize, usize)>,
    routes: Vec<Route>,
    /// Prefixes declared in each file (`@RequestMapping("/api/users")`,
    /// `APIRouter(prefix=...)`, `r.Route("/x", ...)`, `app.use("/api", ...)`).
    file_prefixes: HashMap<usize, Vec<Vec<Seg>>>,
    /// Literal segments of every prefix of the repository (a router mounted
    /// under `/api` in another file).
    prefix_words: BTreeSet<String>,
}

impl SourceIndex {
    pub fn file_count(&self) -> usize {
        self.files.len()
    }

    /// Where the scan looked, for messages.
    pub fn looked(&self) -> String {
        let skipped = match self.skipped {
            0 => String::new(),
            n => format!(" ({n} binary or over 2 MB, not read)"),
        };
        format!(
            "looked in {} source file{} of the repository{skipped}",
            self.files.len(),
            if self.files.len() == 1 { "" } else { "s" }
        )
    }

    /// Where `name` is declared: (repo-relative file, 1-based line).
    pub fn definition(&self, name: &str) -> Option<(&str, usize)> {
        self.defined
            .get(name)
            .map(|&(f, l)| (self.files[f].as_str(), l))
    }

    /// The route that serves an endpoint: same method (or any), same path
    /// (parameters alike), alone or under a prefix of its file, or under a
    /// prefix mounted elsewhere (the part before it made of prefix words,
    /// `api` or a version).
    pub fn route_for(&self, method: &str, path: &str) -> Option<(&str, usize)> {
        let want = segments(path);
        // A parameter of the route serves any segment (`[controller]`,
        // `/users/:id` for `/users/me`); a parameter of the spec needs one.
        let seg_eq = |route: &Seg, spec: &Seg| *route == Seg::Param || route == spec;
        let same =
            |a: &[Seg], b: &[Seg]| a.len() == b.len() && a.iter().zip(b).all(|(x, y)| seg_eq(x, y));
        let mounted = |cand: &[Seg]| {
            cand.len() < want.len()
                && cand.iter().any(|s| matches!(s, Seg::Lit(_)))
                && same(cand, &want[want.len() - cand.len()..])
                && want[..want.len() - cand.len()].iter().all(|s| match s {
                    Seg::Lit(w) => {
                        w == "api"
                            || (w.len() >= 2
                                && w.starts_with('v')
                                && w[1..].bytes().all(|b| b.is_ascii_digit()))
                            || self.prefix_words.contains(w)
                    }
                    Seg::Param => false,
                })
        };
        self.routes
            .iter()
            .filter(|r| {
                r.methods
                    .as_ref()
                    .is_none_or(|ms| ms.iter().any(|m| m == method))
            })
            .find(|r| {
                if same(&r.segs, &want) || mounted(&r.segs) {
                    return true;
                }
                self.file_prefixes.get(&r.file).is_some_and(|ps| {
                    ps.iter().any(|p| {
                        let full: Vec<Seg> = p.iter().chain(&r.segs).cloned().collect();
                        same(&full, &want) || mounted(&full)
                    })
                })
            })
            .map(|r| (self.files[r.file].as_str(), r.line))
    }
}

static ROUTE: LazyLock<Regex> = LazyLock::new(|| {
    #[allow(clippy::unwrap_used, reason = "a constant pattern")]
    Regex::new(
        r#"(?x)
        (?P<kw>
            \.(?:get|post|put|patch|delete|head|options|all|route|use|group|register|handle|handle_func
               |HandleFunc|Handle|Get|Post|Put|Patch|Delete|Head|Options|GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS
               |Any|Group|Route|Mount|add_url_rule|api_route|add_api_route|MapGet|MapPost|MapPut|MapPatch
               |MapDelete|MapMethods|MapGroup|include_router|register_blueprint)
          | @(?:Get|Post|Put|Patch|Delete|Head|Options|All|Controller|RequestMapping|GetMapping|PostMapping
               |PutMapping|PatchMapping|DeleteMapping|Path|GET|POST|PUT|PATCH|DELETE)
          | \[(?:Http(?:Get|Post|Put|Patch|Delete|Head|Options)|Route)
          | \b(?:re_path|path|url|APIRouter|Blueprint|HandleFunc|Handle)
        )
        \s*\(\s*
        (?:[A-Za-z_][\w.]*\s*,\s*)?
        (?:(?:value|path|prefix|url_prefix)\s*[=:]\s*)?
        ["'`](?P<path>[^"'`\n]*)["'`]
        "#,
    )
    .unwrap()
});

static PREFIX_ARG: LazyLock<Regex> = LazyLock::new(|| {
    #[allow(clippy::unwrap_used, reason = "a constant pattern")]
    Regex::new(r#"\b(?:prefix|url_prefix)\s*[=:]\s*["'`]([^"'`\n]*)["'`]"#).unwrap()
});

static METHODS_ARG: LazyLock<Regex> = LazyLock::new(|| {
    #[allow(clippy::unwrap_used, reason = "a constant pattern")]
    Regex::new(r#"(?:methods\s*=\s*\[([^\]\n]*)\]|RequestMethod\.([A-Z]+))"#).unwrap()
});

static NEXT_EXPORT: LazyLock<Regex> = LazyLock::new(|| {
    #[allow(clippy::unwrap_used, reason = "a constant pattern")]
    Regex::new(r"(?m)^export\s+(?:async\s+)?(?:function|const)\s+(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\b")
        .unwrap()
});

const HTTP_METHODS: &[&str] = &["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

/// The method a route keyword names (`.post`, `@GetMapping`, `[HttpPut`,
/// `MapDelete`), if any.
fn method_of_keyword(kw: &str) -> Option<String> {
    let k = kw.trim_start_matches(['.', '@', '[']).to_ascii_uppercase();
    let k = k.strip_prefix("HTTP").unwrap_or(&k);
    let k = k.strip_prefix("MAP").unwrap_or(k);
    let k = k.strip_suffix("MAPPING").unwrap_or(k);
    HTTP_METHODS
        .iter()
        .find(|m| **m == k)
        .map(|m| (*m).to_string())
}

/// What one file declares.
#[derive(Default)]
struct FileScan {
    defined: Vec<(String, usize)>,
    routes: Vec<(Option<Vec<String>>, Vec<Seg>, usize)>,
    prefixes: Vec<Vec<Seg>>,
}

fn line_at(starts: &[usize], offset: usize) -> usize {
    starts.partition_point(|&s| s <= offset)
}

fn scan_file(rel: &str, text: &str, names: Option<&Regex>) -> FileScan {
    let mut out = FileScan::default();
    let starts: Vec<usize> = std::iter::once(0)
        .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1))
        .collect();
    if let Some(re) = names {
        for c in re.captures_iter(text) {
            if let Some(n) = c.name("name") {
                out.defined
                    .push((n.as_str().to_string(), line_at(&starts, n.start())));
            }
        }
    }
    for c in ROUTE.captures_iter(text) {
        let (Some(kw), Some(path)) = (c.name("kw"), c.name("path")) else {
            continue;
        };
        let kw_text = kw.as_str();
        let mut path = path.as_str().trim();
        let line = line_at(&starts, kw.start());
        let mut methods = method_of_keyword(kw_text).map(|m| vec![m]);
        // Go 1.22: `HandleFunc("GET /users/{id}", ...)`.
        if let Some((m, p)) = path.split_once(' ') {
            if HTTP_METHODS.contains(&m) {
                methods = Some(vec![m.to_string()]);
                path = p.trim();
            }
        }
        // Routes written from the root must start with `/`; the forms that
        // take relative paths (Django, Nest, Spring, ASP.NET, JAX-RS) may not.
        let relative_ok = kw_text.starts_with(['@', '['])
            || matches!(
                kw_text,
                "path" | "re_path" | "url" | "Blueprint" | "APIRouter"
            );
        if !(path.starts_with('/') || (relative_ok && !path.contains(' '))) {
            continue;
        }
        let path = path.trim_start_matches('^').trim_end_matches('$');
        let segs = segments(path);
        if methods.is_none() {
            let line_end = starts.get(line).copied().unwrap_or(text.len());
            let line_text = &text[starts[line - 1]..line_end];
            if let Some(m) = METHODS_ARG.captures(line_text) {
                let listed: Vec<String> = m
                    .get(1)
                    .or_else(|| m.get(2))
                    .map(|g| {
                        HTTP_METHODS
                            .iter()
                            .filter(|h| g.as_str().to_ascii_uppercase().contains(*h))
                            .map(|h| (*h).to_string())
                            .collect()
                    })
                    .unwrap_or_default();
                if !listed.is_empty() {
                    methods = Some(listed);
                }
            }
            // A keyword without a method may be a prefix too.
            out.prefixes.push(segs.clone());
        }
        out.routes.push((methods, segs, line));
    }
    for c in PREFIX_ARG.captures_iter(text) {
        if let Some(p) = c.get(1) {
            out.prefixes.push(segments(p.as_str()));
        }
    }
    // Next.js: `app/**/route.ts` exporting GET/POST..., `pages/api/**`.
    let parts: Vec<&str> = rel.split('/').collect();
    let stem = parts
        .last()
        .map_or("", |f| f.split('.').next().unwrap_or(""));
    if let Some(app) = parts.iter().rposition(|p| *p == "app") {
        if stem == "route" {
            let segs: Vec<Seg> = parts[app + 1..parts.len() - 1]
                .iter()
                .filter(|p| !(p.starts_with('(') || p.starts_with('@')))
                .flat_map(|p| segments(p))
                .collect();
            let methods: Vec<String> = NEXT_EXPORT
                .captures_iter(text)
                .filter_map(|c| c.get(1).map(|m| m.as_str().to_string()))
                .collect();
            if !methods.is_empty() {
                out.routes.push((Some(methods), segs, 1));
            }
        }
    }
    if let Some(pages) = parts.iter().rposition(|p| *p == "pages") {
        if parts.get(pages + 1) == Some(&"api") {
            let mut segs: Vec<Seg> = parts[pages + 1..parts.len() - 1]
                .iter()
                .flat_map(|p| segments(p))
                .collect();
            if stem != "index" {
                segs.extend(segments(stem));
            }
            out.routes.push((None, segs, 1));
        }
    }
    out
}

/// The one regex that finds the declaration of any of `names` in a file.
fn names_regex(names: &BTreeSet<String>) -> Option<Regex> {
    if names.is_empty() {
        return None;
    }
    let alt: Vec<String> = names.iter().map(|n| regex::escape(n)).collect();
    Regex::new(&format!(
        r"(?m)^[ \t]*(?:(?:export|default|pub(?:\([^)\n]*\))?|public|private|protected|internal|static|abstract|final|sealed|open|data|async|declare|partial|readonly|unsafe|extern|inline|suspend|override|virtual|const)\s+)*(?:type|interface|class|struct|enum|trait|record|protocol|object|func(?:\s*\([^)\n]*\))?|def|fn|function\*?|fun|const|let|var)\s+(?P<name>{})\b",
        alt.join("|")
    ))
    .ok()
}

/// The index of one source file (`rel` is its repo-relative path): what
/// [`scan`] records for it. For fuzzing and tests.
pub fn scan_source(rel: &str, text: &str, names: &BTreeSet<String>) -> SourceIndex {
    let re = names_regex(names);
    let one = scan_file(rel, text, re.as_ref());
    let mut index = SourceIndex::default();
    index.files.push(rel.to_string());
    for (n, line) in one.defined {
        index.defined.entry(n).or_insert((0, line));
    }
    for (methods, segs, line) in one.routes {
        index.routes.push(Route {
            methods,
            segs,
            file: 0,
            line,
        });
    }
    for p in &one.prefixes {
        for seg in p {
            if let Seg::Lit(w) = seg {
                index.prefix_words.insert(w.clone());
            }
        }
    }
    if !one.prefixes.is_empty() {
        index.file_prefixes.insert(0, one.prefixes);
    }
    index
}

/// Walks the repository at `root` once and scans every source file in
/// parallel for the declarations of `names` and for routes.
pub fn scan(root: &Path, names: &BTreeSet<String>) -> SourceIndex {
    let mut paths: Vec<PathBuf> = Vec::new();
    let walker = crate::io::walk::walker(
        root,
        crate::io::walk::Walk {
            skip_dirs: &["node_modules", "vendor"],
            ..crate::io::walk::Walk::new(crate::io::walk::Hidden::Skip)
        },
    )
    .build();
    for entry in walker.flatten() {
        if !entry.file_type().is_some_and(|t| t.is_file()) {
            continue;
        }
        let ext = entry
            .path()
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("");
        if SOURCE_EXTENSIONS.contains(&ext) {
            paths.push(entry.into_path());
        }
    }
    paths.sort();
    let re = names_regex(names);
    let scans: Vec<(String, Option<FileScan>)> = paths
        .par_iter()
        .map(|p| {
            let rel = p
                .strip_prefix(root)
                .unwrap_or(p)
                .to_string_lossy()
                .replace('\\', "/");
            let scan = match read_limited(p, MAX_SOURCE_BYTES) {
                Ok(bytes) if !is_binary(&bytes) => {
                    let text = String::from_utf8_lossy(&bytes);
                    Some(scan_file(&rel, &text, re.as_ref()))
                }
                _ => None,
            };
            (rel, scan)
        })
        .collect();
    let mut index = SourceIndex::default();
    for (rel, scan) in scans {
        let Some(scan) = scan else {
            index.skipped += 1;
            continue;
        };
        let f = index.files.len();
        index.files.push(rel);
        for (n, line) in scan.defined {
            index.defined.entry(n).or_insert((f, line));
        }
        for (methods, segs, line) in scan.routes {
            index.routes.push(Route {
                methods,
                segs,
                file: f,
                line,
            });
        }
        for p in &scan.prefixes {
            for s in p {
                if let Seg::Lit(w) = s {
                    index.prefix_words.insert(w.clone());
                }
            }
        }
        if !scan.prefixes.is_empty() {
            index.file_prefixes.insert(f, scan.prefixes);
        }
    }
    index
}

/// What the TS5xx checks read.
pub struct Implemented<'a> {
    pub doc: &'a Document,
    pub exp: &'a Expectations,
    pub project: &'a Project,
    pub spec_dir: &'a Path,
    pub index: &'a SourceIndex,
}

/// The TS5xx findings of one spec.
pub fn findings(ctx: &Implemented<'_>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    ts501_new_file_missing::check(ctx, &mut out);
    ts502_endpoint_not_routed::check(ctx, &mut out);
    ts503_interface_name_missing::check(ctx, &mut out);
    out
}

/// Whether a path written in a spec exists in the project.
pub fn exists(project: &Project, path: &str, spec_dir: &Path) -> bool {
    !matches!(project.resolve(path, spec_dir), PathStatus::Missing)
}

/// Runs `--implemented` over the specs of a run, each with its checker:
/// `reports[i]` is the report of `jobs[i]`. Each repository is scanned once
/// for all its specs. Returns notes for the specs that have no repository.
pub fn verify_all(jobs: &[(&Checker, &Path)], reports: &mut [FileReport]) -> Vec<String> {
    struct Spec {
        job: usize,
        doc: Document,
        exp: Expectations,
    }
    let mut notes = Vec::new();
    let mut groups: Vec<(Arc<Project>, Vec<Spec>)> = Vec::new();
    for (job, &(checker, path)) in jobs.iter().enumerate() {
        if reports.get(job).is_none_or(|r| r.io_error) {
            continue;
        }
        let Some(project) = checker.project_for(path) else {
            notes.push(format!(
                "{}: --implemented needs the spec's repository (a `.git` folder or techspec.toml above it); not verified",
                path.display()
            ));
            continue;
        };
        let Ok(bytes) = read_limited(path, checker.settings.max_file_size) else {
            continue;
        };
        let doc = Document::from_vec(bytes);
        let exp = expectations(&doc);
        let spec = Spec { job, doc, exp };
        match groups.iter_mut().find(|(p, _)| p.root == project.root) {
            Some((_, specs)) => specs.push(spec),
            None => groups.push((project, vec![spec])),
        }
    }
    for (project, specs) in groups {
        let names: BTreeSet<String> = specs
            .iter()
            .flat_map(|s| s.exp.names.iter().map(|n| n.name.clone()))
            .collect();
        let needs_source = specs
            .iter()
            .any(|s| !s.exp.names.is_empty() || !s.exp.endpoints.is_empty());
        let index = if needs_source {
            scan(&project.root, &names)
        } else {
            SourceIndex::default()
        };
        for spec in specs {
            let (checker, path) = jobs[spec.job];
            let dir = crate::project::research::spec_dir(path);
            let ctx = Implemented {
                doc: &spec.doc,
                exp: &spec.exp,
                project: &project,
                spec_dir: &dir,
                index: &index,
            };
            let mut found = findings(&ctx);
            finalize(&checker.settings, &spec.doc, &mut found);
            let report = &mut reports[spec.job];
            report.diagnostics.extend(
                found
                    .iter()
                    .map(|d| Resolved::from_diagnostic(&spec.doc, d)),
            );
            report.diagnostics.sort_by_key(|d| (d.line, d.column));
        }
    }
    notes
}

/// Test helper: the findings of `code` for the spec at `spec` (relative to
/// the repository `root`), as `line: message`.
#[cfg(test)]
pub fn findings_of(root: &Path, spec: &str, code: &str) -> Vec<String> {
    let project = Project::open(root);
    let path = root.join(spec);
    let doc = Document::from_vec(std::fs::read(&path).unwrap_or_default());
    let exp = expectations(&doc);
    let names = exp.names.iter().map(|n| n.name.clone()).collect();
    let index = scan(root, &names);
    let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let ctx = Implemented {
        doc: &doc,
        exp: &exp,
        project: &project,
        spec_dir: &dir,
        index: &index,
    };
    findings(&ctx)
        .into_iter()
        .filter(|d| d.code == code)
        .map(|d| format!("{}: {}", doc.line_col(d.span.start).line, d.message))
        .collect()
}

/// Test helper: a repository with `files` (path, content) in a temp folder.
#[cfg(test)]
pub fn temp_repo(files: &[(&str, &str)]) -> tempfile::TempDir {
    #[allow(clippy::unwrap_used, reason = "a test helper")]
    let dir = tempfile::tempdir().unwrap();
    for (p, text) in files {
        let path = dir.path().join(p);
        if let Some(parent) = path.parent() {
            let _ = std::fs::create_dir_all(parent);
        }
        let _ = std::fs::write(path, text);
    }
    let _ = std::fs::create_dir_all(dir.path().join(".git"));
    dir
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameters_are_alike_in_every_framework() {
        assert_eq!(segments("/users/:id"), segments("/users/{id}"));
        assert_eq!(segments("users/<int:id>/"), segments("/users/{userId}"));
        assert_ne!(segments("/users/me"), segments("/users/{id}"));
    }

    #[test]
    fn routes_of_the_common_frameworks() {
        let cases: &[(&str, &str, &str, &str)] = &[
            ("a.ts", "router.post('/refunds', h)", "POST", "/refunds"),
            ("a.ts", "app.get(\"/users/:id\", h)", "GET", "/users/{id}"),
            (
                "a.ts",
                "@Controller('refunds')\nclass C {\n  @Get(':id')\n  one() {}\n}",
                "GET",
                "/refunds/{id}",
            ),
            (
                "a.py",
                "@router.get(\"/items/{item_id}\")",
                "GET",
                "/items/:item_id",
            ),
            (
                "a.py",
                "router = APIRouter(prefix=\"/api/items\")\n@router.delete(\"/{id}\")",
                "DELETE",
                "/api/items/{id}",
            ),
            (
                "a.py",
                "@app.route('/login', methods=['POST'])",
                "POST",
                "/login",
            ),
            (
                "a.py",
                "path('users/<int:pk>/', views.user)",
                "PUT",
                "/users/{id}",
            ),
            (
                "a.go",
                "mux.HandleFunc(\"GET /users/{id}\", h)",
                "GET",
                "/users/:id",
            ),
            (
                "a.go",
                "r.Route(\"/api\", func(r chi.Router) {\n r.Get(\"/orders/{id}\", h)",
                "GET",
                "/api/orders/{id}",
            ),
            ("a.go", "e.POST(\"/orders\", h)", "POST", "/orders"),
            (
                "A.java",
                "@RequestMapping(\"/api/users\")\npublic class C {\n @GetMapping(\"/{id}\")",
                "GET",
                "/api/users/{id}",
            ),
            (
                "A.cs",
                "[Route(\"api/[controller]\")]\n[HttpPost(\"refunds\")]",
                "POST",
                "/api/x/refunds",
            ),
            (
                "A.cs",
                "app.MapGet(\"/todos/{id}\", h);",
                "GET",
                "/todos/{id}",
            ),
            (
                "app/api/users/[id]/route.ts",
                "export async function GET(req) {}",
                "GET",
                "/api/users/{id}",
            ),
            (
                "a.ts",
                "router.get('/refunds', h)\n// elsewhere: app.use('/api/v1', router)",
                "GET",
                "/api/v1/refunds",
            ),
        ];
        for (file, code, method, path) in cases {
            let index = scan_source(file, code, &BTreeSet::new());
            assert!(
                index.route_for(method, path).is_some(),
                "{method} {path} in {file}: {code}"
            );
        }
        // The method counts, and a different path is no match.
        let index = scan_source("a.ts", "router.post('/refunds', h)", &BTreeSet::new());
        assert!(index.route_for("GET", "/refunds").is_none());
        assert!(index.route_for("POST", "/refund").is_none());
        assert!(index.route_for("POST", "/admin/refunds").is_none());
    }

    #[test]
    fn spec_declarations_are_types_and_top_level_functions() {
        let spec = "# T\n\n## Main Interfaces\n\n```go\ntype RefundService interface {\n    Refund(ctx context.Context) error\n}\n\nfunc NewRefundService(db *DB) RefundService\n```\n\n```python\nclass Repo(Protocol):\n    def save(self) -> None: ...\n```\n\n```sql\nCREATE TYPE status AS ENUM ('a');\n```\n\n```ts\nexport const useRefunds = () => {}\nconst local = 1\n```\n";
        let exp = expectations(&Document::parse(spec));
        let names: Vec<(&str, &str)> = exp
            .names
            .iter()
            .map(|n| (n.name.as_str(), n.kind))
            .collect();
        assert_eq!(
            names,
            [
                ("RefundService", "type"),
                ("NewRefundService", "function"),
                ("Repo", "type"),
                ("useRefunds", "function")
            ]
        );
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
        /// Arbitrary text as a spec, a source file and an ADR: no panic.
        #[test]
        fn arbitrary_text_never_panics(text in "(?s).{0,400}", path in "[a-z/\\[\\]()]{0,30}") {
            let doc = Document::parse(&text);
            let exp = expectations(&doc);
            let names: BTreeSet<String> = exp.names.iter().map(|n| n.name.clone()).collect();
            let index = scan_source(&path, &text, &names);
            for e in &exp.endpoints {
                let _ = index.route_for(&e.method, &e.path);
            }
            let _ = crate::engine::adr::check(&doc);
        }
    }
}
