//! `techspec lsp`: a Language Server over stdio (synchronous, on
//! `lsp-server`).
//!
//! Spec files — those matching the project's spec globs, or any Markdown
//! titled "Technical Specification…"/"Especificação Técnica…" — get the
//! findings of `techspec check` as diagnostics (on open and save at once, on
//! change after [`DEBOUNCE`] of quiet), hovers with the template's guidance
//! and the checks' docs, quick fixes, heading completion and an outline.
//! One [`Workspace`] (config, templates, [`crate::engine::Checker`]) is built
//! per project root and kept until its `techspec.toml` or templates change.
//!
//! The server reads nothing outside its workspace folders (each message is
//! handled inside a [`crate::io::confine`] scope of them): a `template` or a
//! template, config or rule linked out of the folder is refused.
//!
//! Nothing a client sends can stop the server except `exit` or the end of
//! its input: malformed messages are skipped, bad parameters answered with
//! an error, unknown documents and positions past the end answered with
//! nothing.

mod analysis;
pub mod code_action;
pub mod completion;
pub mod convert;
pub mod diagnostics;
pub mod hover;
pub mod symbols;
pub mod transport;

pub use analysis::Analysis;

use std::collections::{HashMap, HashSet};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crossbeam_channel::{RecvTimeoutError, Sender};
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{self as notif, Notification as _};
use lsp_types::request::{self as req, Request as _};
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionProviderCapability, CompletionOptions,
    HoverProviderCapability, InitializeParams, InitializeResult, MessageType, OneOf, SaveOptions,
    ServerCapabilities, ServerInfo, ShowMessageParams, TextDocumentSyncCapability,
    TextDocumentSyncKind, TextDocumentSyncOptions, TextDocumentSyncSaveOptions, Uri,
};

use crate::engine::workspace::{Overrides, Workspace, Workspaces};

/// How long a document must be left alone after a change before its
/// diagnostics are published.
pub const DEBOUNCE: Duration = Duration::from_millis(200);

/// The server could not start.
#[derive(Debug, thiserror::Error)]
pub enum LspError {
    #[error("cannot start the language server's I/O threads: {0}")]
    Io(#[from] std::io::Error),
}

/// Serves the protocol on stdin/stdout until `exit` or the end of input.
/// Returns whether `shutdown` came before (the process should exit 0).
pub fn run_stdio() -> Result<bool, LspError> {
    let (conn, io) = transport::stdio()?;
    let clean = serve(conn);
    io.join();
    Ok(clean)
}

/// Serves the protocol on a connection (stdio, or in memory for tests).
/// Returns whether `shutdown` was received before `exit`.
pub fn serve(conn: Connection) -> bool {
    let Connection { sender, receiver } = conn;
    let mut server = Server::new(sender);
    loop {
        let msg = match server.next_deadline() {
            Some(deadline) => {
                match receiver.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
                    Ok(m) => Some(m),
                    Err(RecvTimeoutError::Timeout) => None,
                    Err(RecvTimeoutError::Disconnected) => break,
                }
            }
            None => match receiver.recv() {
                Ok(m) => Some(m),
                Err(_) => break,
            },
        };
        // Nothing outside the workspace folders is read while handling it.
        let _scope = crate::io::confine::enter(server.folders.clone());
        match msg {
            Some(Message::Request(r)) => server.on_request(r),
            Some(Message::Notification(n)) if n.method == notif::Exit::METHOD => {
                return server.shutdown;
            }
            Some(Message::Notification(n)) => server.on_notification(n),
            Some(Message::Response(_)) | None => {}
        }
        server.publish_due();
        server.poll_due();
    }
    server.shutdown
}

/// Agent instruction files at a project's root (rules by another name).
const AGENT_FILES: &[&str] = &[
    "AGENTS.md",
    "CLAUDE.md",
    "GEMINI.md",
    ".github/copilot-instructions.md",
];

/// How often rules and skills are looked at when the client cannot watch files.
const POLL_EVERY: Duration = Duration::from_secs(1);

/// Whether a change to `path` changes what the open specs are checked
/// against: the configuration, a template, a rule or a skill.
fn is_rule_or_skill(path: &Path) -> bool {
    let s = crate::output::display_path(path);
    crate::project::RULES_DIRS
        .iter()
        .chain(crate::project::rules::SKILLS_DIRS.iter())
        .any(|d| s.contains(&format!("/{d}/")))
        || path.file_name().is_some_and(|n| {
            AGENT_FILES
                .iter()
                .any(|a| a.ends_with(&*n.to_string_lossy()))
        })
}

/// A fingerprint of the rules, skills and configuration under `roots`
/// (names, sizes and modification times, walked by [`crate::io::walk`]'s
/// policy, as rules discovery walks them), for clients that cannot watch.
fn rules_signature(roots: &[PathBuf]) -> u64 {
    let mut acc = Vec::new();
    let mut budget = 5_000usize;
    for root in roots {
        for rel in crate::project::RULES_DIRS
            .iter()
            .chain(crate::project::rules::SKILLS_DIRS.iter())
            .chain(AGENT_FILES.iter())
            .chain([crate::engine::config::FILE_NAME, ".techspec/templates"].iter())
        {
            let path = root.join(rel);
            if std::fs::symlink_metadata(&path).is_err() {
                continue;
            }
            let walk = crate::io::walk::walker(
                &path,
                crate::io::walk::Walk::new(crate::io::walk::Hidden::Walk),
            )
            .sort_by_file_name(|a, b| a.cmp(b))
            .build();
            for e in walk.flatten() {
                if budget == 0 {
                    break;
                }
                budget -= 1;
                let Ok(meta) = e.metadata() else { continue };
                let mtime = meta
                    .modified()
                    .ok()
                    .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                    .map_or(0, |d| d.as_nanos());
                acc.push(format!("{}\0{}\0{mtime}", e.path().display(), meta.len()));
            }
        }
    }
    xxhash_rust::xxh3::xxh3_64(acc.join("\n").as_bytes())
}

/// An open document.
struct OpenDoc {
    version: i32,
    text: String,
    path: Option<PathBuf>,
    /// Computed on demand, dropped on change.
    analysis: Option<Rc<Analysis>>,
}

struct Server {
    sender: Sender<Message>,
    initialized: bool,
    shutdown: bool,
    /// The client can watch files for us (dynamic registration).
    watch: bool,
    /// The first workspace folder (or root URI) of `initialize`.
    root: Option<PathBuf>,
    /// Every workspace folder (or the root URI), canonical: the server
    /// reads nothing outside them (see [`crate::io::confine`]).
    folders: Arc<[PathBuf]>,
    docs: HashMap<Uri, OpenDoc>,
    workspaces: Workspaces<Rc<Workspace>>,
    /// Configuration errors already shown, so each is shown once.
    reported: HashSet<String>,
    /// Documents changed and not yet published, with when to publish them.
    pending: HashMap<Uri, Instant>,
    /// Without file watching by the client: when to look at the rules next.
    poll: Option<Instant>,
    /// Per project root, what its rules, skills and configuration looked like
    /// when its workspace was built (only without file watching).
    rule_sigs: HashMap<PathBuf, u64>,
    /// The PRD and task files each spec last published diagnostics to, so
    /// that they are cleared when their findings go.
    companion_uris: HashMap<Uri, Vec<Uri>>,
}

impl Server {
    fn new(sender: Sender<Message>) -> Self {
        Server {
            sender,
            initialized: false,
            shutdown: false,
            watch: false,
            root: None,
            folders: Arc::from(Vec::new()),
            docs: HashMap::new(),
            workspaces: Workspaces::new(Overrides::default()),
            reported: HashSet::new(),
            pending: HashMap::new(),
            companion_uris: HashMap::new(),
            poll: None,
            rule_sigs: HashMap::new(),
        }
    }

    /// For a client that cannot watch files: re-checks the open specs when
    /// a rule, skill, template or the configuration changed on disk since
    /// their workspace was built.
    fn poll_due(&mut self) {
        if self.watch || self.docs.is_empty() {
            self.poll = None;
            return;
        }
        let now = Instant::now();
        match self.poll {
            Some(next) if next > now => {}
            _ => {
                let changed = self
                    .rule_sigs
                    .iter()
                    .any(|(root, sig)| rules_signature(std::slice::from_ref(root)) != *sig);
                if changed {
                    self.reload();
                }
                self.poll = Some(Instant::now() + POLL_EVERY);
            }
        }
    }

    fn send(&self, m: impl Into<Message>) {
        // A closed output means the client is gone; the input ends soon too.
        let _ = self.sender.send(m.into());
    }

    fn notify<N: notif::Notification>(&self, params: N::Params) {
        self.send(Notification::new(N::METHOD.to_string(), params));
    }

    fn error(&self, id: RequestId, code: ErrorCode, message: impl Into<String>) {
        self.send(Response::new_err(id, code as i32, message.into()));
    }

    // --- requests -------------------------------------------------------

    fn on_request(&mut self, r: Request) {
        if r.method == req::Initialize::METHOD {
            if self.initialized {
                return self.error(
                    r.id,
                    ErrorCode::InvalidRequest,
                    "the server is already initialized",
                );
            }
            let params: InitializeParams = serde_json::from_value(r.params).unwrap_or_default();
            self.root = root_of(&params);
            self.folders = crate::io::confine::canonical_roots(&folders_of(&params));
            self.watch = params
                .capabilities
                .workspace
                .as_ref()
                .and_then(|w| w.did_change_watched_files.as_ref())
                .and_then(|d| d.dynamic_registration)
                .unwrap_or(false);
            self.initialized = true;
            return self.send(Response::new_ok(r.id, initialize_result()));
        }
        if !self.initialized {
            return self.error(
                r.id,
                ErrorCode::ServerNotInitialized,
                "the first request must be `initialize`",
            );
        }
        if self.shutdown {
            return self.error(
                r.id,
                ErrorCode::InvalidRequest,
                "the server is shutting down",
            );
        }
        match r.method.as_str() {
            req::Shutdown::METHOD => {
                self.shutdown = true;
                self.send(Response::new_ok(r.id, ()));
            }
            req::HoverRequest::METHOD => self.handle::<req::HoverRequest>(r, |s, p| {
                let a = s.analysis(&p.text_document_position_params.text_document.uri)?;
                hover::hover(&a, p.text_document_position_params.position)
            }),
            req::CodeActionRequest::METHOD => self.handle::<req::CodeActionRequest>(r, |s, p| {
                let wanted = p.context.only.as_ref();
                if wanted.is_some_and(|only| {
                    !only
                        .iter()
                        .any(|k| CodeActionKind::QUICKFIX.as_str().starts_with(k.as_str()))
                }) {
                    return None;
                }
                let a = s.analysis(&p.text_document.uri)?;
                Some(code_action::actions(&a, &p.text_document.uri, p.range))
            }),
            req::Completion::METHOD => self.handle::<req::Completion>(r, |s, p| {
                let a = s.analysis(&p.text_document_position.text_document.uri)?;
                completion::complete(&a, p.text_document_position.position)
            }),
            req::DocumentSymbolRequest::METHOD => {
                self.handle::<req::DocumentSymbolRequest>(r, |s, p| {
                    let a = s.analysis(&p.text_document.uri)?;
                    symbols::symbols(&a)
                })
            }
            other => {
                let msg = format!("techspec does not handle `{other}`");
                self.error(r.id, ErrorCode::MethodNotFound, msg)
            }
        }
    }

    /// Parses the parameters of `r`, runs `f`, and answers.
    fn handle<R: req::Request>(
        &mut self,
        r: Request,
        f: impl FnOnce(&mut Self, R::Params) -> R::Result,
    ) {
        match serde_json::from_value::<R::Params>(r.params) {
            Ok(params) => match catch_unwind(AssertUnwindSafe(|| f(self, params))) {
                Ok(result) => self.send(Response::new_ok(r.id, result)),
                Err(_) => self.error(
                    r.id,
                    ErrorCode::InternalError,
                    format!(
                        "techspec failed on `{}` (a bug; please report it)",
                        R::METHOD
                    ),
                ),
            },
            Err(e) => self.error(
                r.id,
                ErrorCode::InvalidParams,
                format!("invalid parameters for `{}`: {e}", R::METHOD),
            ),
        }
    }

    // --- notifications --------------------------------------------------

    fn on_notification(&mut self, n: Notification) {
        if !self.initialized {
            return;
        }
        match n.method.as_str() {
            notif::DidOpenTextDocument::METHOD => {
                let Ok(p) =
                    serde_json::from_value::<lsp_types::DidOpenTextDocumentParams>(n.params)
                else {
                    return;
                };
                let doc = p.text_document;
                let path = convert::uri_to_path(&doc.uri);
                self.docs.insert(
                    doc.uri.clone(),
                    OpenDoc {
                        version: doc.version,
                        text: doc.text,
                        path,
                        analysis: None,
                    },
                );
                self.pending.remove(&doc.uri);
                self.publish(&doc.uri);
            }
            notif::DidChangeTextDocument::METHOD => {
                let Ok(p) =
                    serde_json::from_value::<lsp_types::DidChangeTextDocumentParams>(n.params)
                else {
                    return;
                };
                let uri = p.text_document.uri;
                let Some(doc) = self.docs.get_mut(&uri) else {
                    return;
                };
                for change in p.content_changes {
                    match change.range {
                        Some(range) => {
                            let a = convert::raw_offset(&doc.text, range.start);
                            let b = convert::raw_offset(&doc.text, range.end);
                            doc.text.replace_range(a.min(b)..a.max(b), &change.text);
                        }
                        None => doc.text = change.text,
                    }
                }
                doc.version = p.text_document.version;
                doc.analysis = None;
                self.pending.insert(uri, Instant::now() + DEBOUNCE);
            }
            notif::DidSaveTextDocument::METHOD => {
                let Ok(p) =
                    serde_json::from_value::<lsp_types::DidSaveTextDocumentParams>(n.params)
                else {
                    return;
                };
                let uri = p.text_document.uri;
                if let Some(path) = convert::uri_to_path(&uri) {
                    if is_project_file(&path) {
                        return self.reload();
                    }
                }
                if let (Some(text), Some(doc)) = (p.text, self.docs.get_mut(&uri)) {
                    doc.text = text;
                    doc.analysis = None;
                }
                self.pending.remove(&uri);
                self.publish(&uri);
            }
            notif::DidCloseTextDocument::METHOD => {
                let Ok(p) =
                    serde_json::from_value::<lsp_types::DidCloseTextDocumentParams>(n.params)
                else {
                    return;
                };
                let uri = p.text_document.uri;
                self.pending.remove(&uri);
                if self.docs.remove(&uri).is_some() {
                    self.notify::<notif::PublishDiagnostics>(lsp_types::PublishDiagnosticsParams {
                        uri,
                        diagnostics: Vec::new(),
                        version: None,
                    });
                }
            }
            notif::Initialized::METHOD if self.watch => self.register_watchers(),
            notif::DidChangeWatchedFiles::METHOD => {
                let Ok(p) =
                    serde_json::from_value::<lsp_types::DidChangeWatchedFilesParams>(n.params)
                else {
                    return;
                };
                // The configuration, a template, a rule or a skill changed, or
                // a file appeared or went away (a Relevant File may name it).
                if p.changes.iter().any(|c| {
                    c.typ != lsp_types::FileChangeType::CHANGED
                        || convert::uri_to_path(&c.uri)
                            .is_some_and(|p| is_project_file(&p) || is_rule_or_skill(&p))
                }) {
                    self.reload();
                }
            }
            _ => {}
        }
    }

    /// Asks the client to tell us when `techspec.toml`, a project template,
    /// a rule or a skill changes on disk, and when any file is created or
    /// deleted (a Relevant File); the answer is not needed.
    fn register_watchers(&self) {
        let any = |g: String| lsp_types::FileSystemWatcher {
            glob_pattern: lsp_types::GlobPattern::String(g),
            kind: None,
        };
        let mut watchers: Vec<lsp_types::FileSystemWatcher> =
            ["**/techspec.toml", "**/.techspec/templates/*.md"]
                .into_iter()
                .map(|g| any(g.to_string()))
                .collect();
        watchers.extend(
            crate::project::RULES_DIRS
                .iter()
                .chain(crate::project::rules::SKILLS_DIRS.iter())
                .map(|d| any(format!("**/{d}/**"))),
        );
        watchers.extend(AGENT_FILES.iter().map(|f| any(format!("**/{f}"))));
        watchers.push(lsp_types::FileSystemWatcher {
            glob_pattern: lsp_types::GlobPattern::String("**/*".to_string()),
            kind: Some(lsp_types::WatchKind::Create | lsp_types::WatchKind::Delete),
        });
        let params = lsp_types::RegistrationParams {
            registrations: vec![lsp_types::Registration {
                id: "techspec-config".to_string(),
                method: notif::DidChangeWatchedFiles::METHOD.to_string(),
                register_options: serde_json::to_value(
                    lsp_types::DidChangeWatchedFilesRegistrationOptions { watchers },
                )
                .ok(),
            }],
        };
        self.send(Request::new(
            RequestId::from("techspec-watch".to_string()),
            req::RegisterCapability::METHOD.to_string(),
            params,
        ));
    }

    // --- analysis and publishing ----------------------------------------

    /// The analysis of an open document (`None` for an unknown URI).
    fn analysis(&mut self, uri: &Uri) -> Option<Rc<Analysis>> {
        let doc = self.docs.get(uri)?;
        if let Some(a) = &doc.analysis {
            return Some(a.clone());
        }
        let path = doc.path.clone();
        let ws = self.workspace_for(path.as_deref());
        let doc = self.docs.get_mut(uri)?;
        let text = &doc.text;
        let a = match catch_unwind(AssertUnwindSafe(|| {
            Analysis::new(text, path.as_deref(), ws.clone())
        })) {
            Ok(a) => a,
            Err(_) => {
                let message = format!(
                    "techspec: checking {} failed (a bug; please report it); no diagnostics for it",
                    uri.as_str()
                );
                let _ = self.sender.send(
                    Notification::new(
                        notif::ShowMessage::METHOD.to_string(),
                        ShowMessageParams {
                            typ: MessageType::ERROR,
                            message,
                        },
                    )
                    .into(),
                );
                Analysis::nothing(path.as_deref(), ws)
            }
        };
        let doc = self.docs.get_mut(uri)?;
        let a = Rc::new(a);
        doc.analysis = Some(a.clone());
        Some(a)
    }

    /// The workspace of a file (or of the server's root, for unsaved documents).
    fn workspace_for(&mut self, path: Option<&Path>) -> Rc<Workspace> {
        let dir = match path.and_then(Path::parent) {
            Some(d) => d.to_path_buf(),
            None => self
                .root
                .clone()
                .or_else(|| std::env::current_dir().ok())
                .unwrap_or_else(|| PathBuf::from(".")),
        };
        let file = dir.join("untitled.md");
        if let Some(ws) = self.workspaces.cached(&file) {
            return ws;
        }
        // What the rules look like before the workspace reads them: a rule
        // written while it is read is then seen as a change by the next poll.
        let before = (!self.watch)
            .then(|| crate::io::root::find_root(&dir))
            .flatten()
            .map(|root| {
                let sig = rules_signature(std::slice::from_ref(&root));
                (root, sig)
            });
        // The same resolution as `check` and the MCP server.
        let mut failed = None;
        let (i, _) = self
            .workspaces
            .index_or_fallback(&file, |e| failed = Some(e));
        let ws = self.workspaces.get(i).clone();
        if let Some(e) = failed {
            let message =
                format!("techspec: {e}; checking with the built-in templates and default settings");
            if self.reported.insert(message.clone()) {
                self.notify::<notif::ShowMessage>(ShowMessageParams {
                    typ: MessageType::WARNING,
                    message,
                });
            }
        }
        // Template files the repository keeps but that are not usable: said once, in the log.
        for note in &ws.checker.templates.notes {
            let message = format!("techspec: {note}");
            if self.reported.insert(message.clone()) {
                self.notify::<notif::LogMessage>(lsp_types::LogMessageParams {
                    typ: MessageType::INFO,
                    message,
                });
            }
        }
        if !self.watch {
            let root = ws.root.clone();
            let sig = match before {
                Some((r, sig)) if r == root => sig,
                _ => rules_signature(std::slice::from_ref(&root)),
            };
            self.rule_sigs.entry(root).or_insert(sig);
        }
        ws
    }

    fn publish(&mut self, uri: &Uri) {
        let Some(a) = self.analysis(uri) else { return };
        let version = self.docs.get(uri).map(|d| d.version);
        self.notify::<notif::PublishDiagnostics>(diagnostics::publish(uri.clone(), version, &a));
        // Findings in the PRD and task files beside the spec go to their own files.
        let mut now: Vec<Uri> = Vec::new();
        for r in &a.companions {
            let Some(curi) = convert::path_to_uri(&r.path) else {
                continue;
            };
            self.notify::<notif::PublishDiagnostics>(lsp_types::PublishDiagnosticsParams {
                uri: curi.clone(),
                diagnostics: diagnostics::companion(r),
                version: None,
            });
            now.push(curi);
        }
        let before = self.companion_uris.remove(uri).unwrap_or_default();
        for gone in before.into_iter().filter(|u| !now.contains(u)) {
            self.notify::<notif::PublishDiagnostics>(lsp_types::PublishDiagnosticsParams {
                uri: gone,
                diagnostics: Vec::new(),
                version: None,
            });
        }
        if !now.is_empty() {
            self.companion_uris.insert(uri.clone(), now);
        }
    }

    fn next_deadline(&self) -> Option<Instant> {
        let poll = self.poll.filter(|_| !self.docs.is_empty());
        self.pending.values().copied().chain(poll).min()
    }

    /// Publishes every document whose quiet time is over.
    fn publish_due(&mut self) {
        let now = Instant::now();
        let due: Vec<Uri> = self
            .pending
            .iter()
            .filter(|(_, t)| **t <= now)
            .map(|(u, _)| u.clone())
            .collect();
        for uri in due {
            self.pending.remove(&uri);
            self.publish(&uri);
        }
    }

    /// Forgets every workspace and analysis (the configuration or a template
    /// changed) and publishes every open document again.
    fn reload(&mut self) {
        // Taken before anything is read again, so that a file still being
        // written shows as a change at the next poll.
        let roots: Vec<PathBuf> = self.rule_sigs.keys().cloned().collect();
        self.rule_sigs = roots
            .into_iter()
            .map(|r| {
                let sig = rules_signature(std::slice::from_ref(&r));
                (r, sig)
            })
            .collect();
        self.workspaces.clear();
        self.reported.clear();
        for doc in self.docs.values_mut() {
            doc.analysis = None;
        }
        let uris: Vec<Uri> = self.docs.keys().cloned().collect();
        for uri in uris {
            self.pending.remove(&uri);
            self.publish(&uri);
        }
    }
}

/// `techspec.toml` or a project template: a change means rebuilding workspaces.
fn is_project_file(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|n| n == crate::engine::config::FILE_NAME)
        || path
            .parent()
            .is_some_and(|d| d.ends_with(".techspec/templates"))
}

/// Every workspace folder of `initialize`, else its root URI.
#[allow(deprecated)] // `root_uri` is what older clients send
fn folders_of(params: &InitializeParams) -> Vec<PathBuf> {
    let folders: Vec<PathBuf> = params
        .workspace_folders
        .iter()
        .flatten()
        .filter_map(|f| convert::uri_to_path(&f.uri))
        .collect();
    if folders.is_empty() {
        params
            .root_uri
            .as_ref()
            .and_then(convert::uri_to_path)
            .into_iter()
            .collect()
    } else {
        folders
    }
}

#[allow(deprecated)] // `root_uri` is what older clients send
fn root_of(params: &InitializeParams) -> Option<PathBuf> {
    params
        .workspace_folders
        .as_ref()
        .and_then(|f| f.first())
        .and_then(|f| convert::uri_to_path(&f.uri))
        .or_else(|| params.root_uri.as_ref().and_then(convert::uri_to_path))
}

fn initialize_result() -> InitializeResult {
    InitializeResult {
        capabilities: ServerCapabilities {
            text_document_sync: Some(TextDocumentSyncCapability::Options(
                TextDocumentSyncOptions {
                    open_close: Some(true),
                    change: Some(TextDocumentSyncKind::INCREMENTAL),
                    save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                        include_text: Some(false),
                    })),
                    ..TextDocumentSyncOptions::default()
                },
            )),
            hover_provider: Some(HoverProviderCapability::Simple(true)),
            code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
                code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
                ..CodeActionOptions::default()
            })),
            completion_provider: Some(CompletionOptions {
                trigger_characters: Some(vec!["#".to_string()]),
                ..CompletionOptions::default()
            }),
            document_symbol_provider: Some(OneOf::Left(true)),
            ..ServerCapabilities::default()
        },
        server_info: Some(ServerInfo {
            name: "techspec".to_string(),
            version: Some(env!("CARGO_PKG_VERSION").to_string()),
        }),
    }
}

#[cfg(test)]
mod tests;
