//! The server loop over an in-memory connection.

use std::time::Duration;

use lsp_server::{Connection, Message, Notification, Request, RequestId, Response};
use serde_json::{Value, json};

use super::serve;

struct Client {
    conn: Connection,
    thread: Option<std::thread::JoinHandle<bool>>,
    next: i32,
}

impl Client {
    fn start() -> Client {
        let (server, client) = Connection::memory();
        let thread = std::thread::spawn(move || serve(server));
        let mut c = Client {
            conn: client,
            thread: Some(thread),
            next: 1,
        };
        let r = c.request("initialize", json!({"processId": null, "capabilities": {}}));
        assert!(r.response_result.unwrap()["capabilities"]["hoverProvider"] == json!(true));
        c.notify("initialized", json!({}));
        c
    }

    fn notify(&self, method: &str, params: Value) {
        self.conn
            .sender
            .send(Notification::new(method.into(), params).into())
            .unwrap();
    }

    fn request(&mut self, method: &str, params: Value) -> Response {
        let id = RequestId::from(self.next);
        self.next += 1;
        self.conn
            .sender
            .send(Request::new(id.clone(), method.into(), params).into())
            .unwrap();
        loop {
            match self.recv() {
                Message::Response(r) if r.id == id => return r,
                _ => continue,
            }
        }
    }

    fn recv(&self) -> Message {
        self.conn
            .receiver
            .recv_timeout(Duration::from_secs(10))
            .expect("a message from the server")
    }

    /// The next diagnostics published for `uri`.
    fn diagnostics(&self, uri: &str) -> Vec<Value> {
        loop {
            if let Message::Notification(n) = self.recv() {
                if n.method == "textDocument/publishDiagnostics" && n.params["uri"] == uri {
                    return n.params["diagnostics"]
                        .as_array()
                        .cloned()
                        .unwrap_or_default();
                }
            }
        }
    }

    fn stop(mut self) -> bool {
        let r = self.request("shutdown", Value::Null);
        assert!(r.response_result.is_ok());
        self.notify("exit", Value::Null);
        self.thread.take().unwrap().join().unwrap()
    }
}

const URI: &str = "file:///nowhere/tasks/prd-x/techspec.md";

/// A complete spec (no findings).
pub(crate) const COMPLETE: &str =
    include_str!("../../../examples/refunds/tasks/prd-payment-refunds/techspec.md");

/// The complete spec without its `## Monitoring and Observability` section.
pub(crate) fn missing_monitoring() -> String {
    let start = COMPLETE.find("## Monitoring and Observability").unwrap();
    let end = COMPLETE.find("## Technical Considerations").unwrap();
    format!("{}{}", &COMPLETE[..start], &COMPLETE[end..])
}

fn open(c: &Client, text: &str) {
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": URI, "languageId": "markdown", "version": 1, "text": text}}),
    );
}

#[test]
fn publishes_on_open_and_after_a_change() {
    let c = Client::start();
    let text = missing_monitoring();
    open(&c, &text);
    let d = c.diagnostics(URI);
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0]["code"], "TS101");
    let line = text[..text.find("## Technical Considerations").unwrap()]
        .lines()
        .count();
    assert_eq!(
        d[0]["range"]["start"],
        json!({"line": line, "character": 0})
    );
    // An incremental change inserting the section; published after the debounce.
    let insert = "## Monitoring and Observability\n\nMetrics and logs.\n\n";
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": URI, "version": 2},
               "contentChanges": [{"range": {"start": {"line": line, "character": 0}, "end": {"line": line, "character": 0}}, "text": insert}]}),
    );
    let d2 = c.diagnostics(URI);
    assert!(d2.is_empty(), "{d2:?}");
    assert!(c.stop());
}

#[test]
fn bad_input_gets_errors_not_a_crash() {
    let mut c = Client::start();
    // Bad params, unknown method, unknown document, positions past the end.
    let r = c.request("textDocument/hover", json!({"nope": 1}));
    assert_eq!(
        r.response_result.unwrap_err().code,
        lsp_server::ErrorCode::InvalidParams as i32
    );
    let r = c.request("workspace/unknownThing", json!({}));
    assert_eq!(
        r.response_result.unwrap_err().code,
        lsp_server::ErrorCode::MethodNotFound as i32
    );
    let r = c.request("textDocument/hover", json!({"textDocument": {"uri": "file:///not/open.md"}, "position": {"line": 0, "character": 0}}));
    assert_eq!(r.response_result.unwrap(), Value::Null);
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": "file:///not/open.md", "version": 2}, "contentChanges": []}),
    );
    c.notify("textDocument/didOpen", json!({"textDocument": 5}));
    open(&c, &missing_monitoring());
    c.diagnostics(URI);
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": URI, "version": 2},
               "contentChanges": [{"range": {"start": {"line": 90, "character": 9}, "end": {"line": 2, "character": 999}}, "text": "#"}]}),
    );
    for method in ["textDocument/hover", "textDocument/completion"] {
        let r = c.request(method, json!({"textDocument": {"uri": URI}, "position": {"line": 4000000000u32, "character": 4000000000u32}}));
        assert!(r.response_result.is_ok(), "{method}: {r:?}");
    }
    let r = c.request("textDocument/codeAction", json!({"textDocument": {"uri": URI},
        "range": {"start": {"line": 99, "character": 0}, "end": {"line": 0, "character": 0}}, "context": {"diagnostics": []}}));
    assert!(r.response_result.is_ok(), "{r:?}");
    let r = c.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": URI}}),
    );
    assert!(r.response_result.unwrap().is_array());
    assert!(c.stop());
}

#[test]
fn asks_to_watch_the_config_when_the_client_can() {
    let (server, client) = Connection::memory();
    let thread = std::thread::spawn(move || serve(server));
    let caps = json!({"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}});
    client
        .sender
        .send(
            Request::new(
                RequestId::from(1),
                "initialize".into(),
                json!({"capabilities": caps}),
            )
            .into(),
        )
        .unwrap();
    client
        .sender
        .send(Notification::new("initialized".into(), json!({})).into())
        .unwrap();
    let mut registered = false;
    for _ in 0..2 {
        if let Message::Request(r) = client
            .receiver
            .recv_timeout(Duration::from_secs(10))
            .unwrap()
        {
            assert_eq!(r.method, "client/registerCapability");
            let p = r.params.to_string();
            assert!(p.contains("**/techspec.toml"), "{p}");
            // Rules, skills, and created or deleted files (Relevant Files).
            assert!(
                p.contains("**/.cursor/rules/**") && p.contains("**/.claude/skills/**"),
                "{p}"
            );
            assert!(p.contains(r#""globPattern":"**/*","kind":5"#), "{p}");
            client
                .sender
                .send(Response::new_ok(r.id, Value::Null).into())
                .unwrap();
            registered = true;
        }
    }
    assert!(registered);
    client
        .sender
        .send(Notification::new("exit".into(), Value::Null).into())
        .unwrap();
    assert!(!thread.join().unwrap());
}

#[test]
fn requests_before_initialize_are_refused_and_exit_without_shutdown_is_unclean() {
    let (server, client) = Connection::memory();
    let thread = std::thread::spawn(move || serve(server));
    client
        .sender
        .send(Request::new(RequestId::from(1), "textDocument/hover".into(), json!({})).into())
        .unwrap();
    let Message::Response(r) = client
        .receiver
        .recv_timeout(Duration::from_secs(10))
        .unwrap()
    else {
        panic!()
    };
    assert_eq!(
        r.response_result.unwrap_err().code,
        lsp_server::ErrorCode::ServerNotInitialized as i32
    );
    client
        .sender
        .send(Notification::new("exit".into(), Value::Null).into())
        .unwrap();
    assert!(!thread.join().unwrap());
}

mod fuzz {
    use proptest::prelude::*;
    use serde_json::json;

    use super::super::Server;
    use super::{URI, missing_monitoring};

    fn request(s: &mut Server, method: &str, params: serde_json::Value) {
        s.on_request(lsp_server::Request::new(
            lsp_server::RequestId::from(1),
            method.into(),
            params,
        ));
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

        /// Random edits (positions anywhere, text with multi-byte characters
        /// and line breaks) and requests at random positions never panic.
        #[test]
        fn random_edits_and_requests_never_panic(
            edits in proptest::collection::vec((0u32..140, 0u32..200, 0u32..140, 0u32..200, "[#a-z \n😀é\\[\\]]{0,12}"), 1..8),
            at in (0u32..150, 0u32..120),
        ) {
            let (tx, rx) = crossbeam_channel::unbounded();
            let mut s = Server::new(tx);
            request(&mut s, "initialize", json!({"capabilities": {}}));
            s.on_notification(lsp_server::Notification::new("textDocument/didOpen".into(),
                json!({"textDocument": {"uri": URI, "languageId": "markdown", "version": 1, "text": missing_monitoring()}})));
            for (i, (l1, c1, l2, c2, text)) in edits.into_iter().enumerate() {
                s.on_notification(lsp_server::Notification::new("textDocument/didChange".into(), json!({
                    "textDocument": {"uri": URI, "version": i + 2},
                    "contentChanges": [{"range": {"start": {"line": l1, "character": c1}, "end": {"line": l2, "character": c2}}, "text": text}]
                })));
                let pos = json!({"line": at.0, "character": at.1});
                request(&mut s, "textDocument/hover", json!({"textDocument": {"uri": URI}, "position": pos}));
                request(&mut s, "textDocument/completion", json!({"textDocument": {"uri": URI}, "position": pos}));
                request(&mut s, "textDocument/codeAction", json!({"textDocument": {"uri": URI},
                    "range": {"start": pos, "end": {"line": 200, "character": 0}}, "context": {"diagnostics": []}}));
                request(&mut s, "textDocument/documentSymbol", json!({"textDocument": {"uri": URI}}));
                s.publish_due();
            }
            // Every answer was a result, none an internal error; and no
            // check panicked (the server turns that into an error message
            // and publishes nothing, so it must be looked for).
            for m in rx.try_iter() {
                match m {
                    lsp_server::Message::Response(r) => {
                        prop_assert!(r.response_result.is_ok(), "{:?}", r);
                    }
                    lsp_server::Message::Notification(n) => {
                        prop_assert!(
                            !(n.method == "window/showMessage"
                                && n.params["type"] == json!(lsp_types::MessageType::ERROR)),
                            "a check panicked: {:?}",
                            n
                        );
                    }
                    lsp_server::Message::Request(_) => {}
                }
            }
        }
    }
}

#[test]
fn a_changed_config_is_reloaded() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    let spec = dir.path().join("spec.md");
    let uri = crate::servers::lsp::convert::path_to_uri(&spec)
        .unwrap()
        .as_str()
        .to_string();
    let c = Client::start();
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": missing_monitoring()}}),
    );
    assert!(c.diagnostics(&uri).iter().any(|d| d["code"] == "TS101"));
    let config = dir.path().join("techspec.toml");
    std::fs::write(&config, "[checks]\nmissing-section = \"off\"\n").unwrap();
    let config_uri = crate::servers::lsp::convert::path_to_uri(&config)
        .unwrap()
        .as_str()
        .to_string();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": config_uri, "type": 1}]}),
    );
    assert!(!c.diagnostics(&uri).iter().any(|d| d["code"] == "TS101"));
    // A broken config: a warning, and the defaults again.
    std::fs::write(&config, "nope = 1\n").unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": config_uri, "type": 2}]}),
    );
    loop {
        if let Message::Notification(n) = c.recv() {
            if n.method == "window/showMessage" {
                assert!(
                    n.params["message"].as_str().unwrap().contains("nope"),
                    "{n:?}"
                );
                break;
            }
        }
    }
    assert!(c.diagnostics(&uri).iter().any(|d| d["code"] == "TS101"));
    assert!(c.stop());
}

/// The refunds example as a repository, its complete spec copied to
/// `docs/design/refunds.md` (outside the spec globs) under a "Tech Spec"
/// title; the spec's URI.
fn refunds_repo() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/refunds");
    copy(&src, dir.path());
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    std::fs::create_dir_all(dir.path().join("docs/design")).unwrap();
    let spec = dir.path().join("docs/design/refunds.md");
    std::fs::write(
        &spec,
        COMPLETE.replacen("# Technical Specification:", "# Tech Spec:", 1),
    )
    .unwrap();
    let uri = crate::servers::lsp::convert::path_to_uri(&spec)
        .unwrap()
        .as_str()
        .to_string();
    (dir, uri)
}

fn copy(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_dir() {
            copy(&e.path(), &to.join(e.file_name()));
        } else {
            std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}

const NEW_RULE: &str =
    "---\ndescription: Secrets\nalwaysApply: true\n---\nNever log card numbers.\n";

/// A Markdown file outside the spec globs that is a spec by its title gets
/// diagnostics; a rule created afterwards re-checks it, even for a client
/// that cannot watch files (the server looks at the rules itself).
#[test]
fn a_rule_created_after_opening_re_checks_the_spec_without_watching() {
    let (dir, uri) = refunds_repo();
    let c = Client::start();
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": std::fs::read_to_string(dir.path().join("docs/design/refunds.md")).unwrap()}}),
    );
    let first = c.diagnostics(&uri);
    assert!(
        !first.iter().any(|d| d.to_string().contains("security.mdc")),
        "{first:?}"
    );
    std::fs::write(dir.path().join(".cursor/rules/security.mdc"), NEW_RULE).unwrap();
    let again = c.diagnostics(&uri);
    assert!(
        again.iter().any(|d| d.to_string().contains("security.mdc")),
        "{again:?}"
    );
    // Outside the globs and without a spec title or structure: no diagnostics.
    let notes = dir.path().join("docs/notes.md");
    let notes_uri = crate::servers::lsp::convert::path_to_uri(&notes)
        .unwrap()
        .as_str()
        .to_string();
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": notes_uri, "languageId": "markdown", "version": 1, "text": "# Notes\n\nTBD\n"}}),
    );
    assert!(c.diagnostics(&notes_uri).is_empty());
    assert!(c.stop());
}

/// With a client that watches files, a created rule (or any created file, a
/// Relevant File) reported by `workspace/didChangeWatchedFiles` re-checks
/// the open specs.
#[test]
fn a_watched_rule_change_re_checks_the_spec() {
    let (dir, uri) = refunds_repo();
    let c = Client::start();
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": std::fs::read_to_string(dir.path().join("docs/design/refunds.md")).unwrap()}}),
    );
    c.diagnostics(&uri);
    let rule = dir.path().join(".cursor/rules/security.mdc");
    std::fs::write(&rule, NEW_RULE).unwrap();
    let rule_uri = crate::servers::lsp::convert::path_to_uri(&rule)
        .unwrap()
        .as_str()
        .to_string();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": rule_uri, "type": 2}]}),
    );
    assert!(
        c.diagnostics(&uri)
            .iter()
            .any(|d| d.to_string().contains("security.mdc"))
    );
}

/// Findings in the PRD and task files beside an open spec are published to
/// those files, at their own lines.
#[test]
fn publishes_prd_and_task_findings_to_their_files() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/trace/en");
    let spec = dir.join("techspec.md");
    let uri = super::convert::path_to_uri(&spec).unwrap();
    let prd = super::convert::path_to_uri(&dir.join("prd.md")).unwrap();
    let c = Client::start();
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri.as_str(), "languageId": "markdown", "version": 1,
               "text": std::fs::read_to_string(&spec).unwrap()}}),
    );
    let d = c.diagnostics(prd.as_str());
    let fr4 = d
        .iter()
        .find(|x| x["code"] == "TS401")
        .expect("TS401 in prd.md");
    assert_eq!(fr4["range"]["start"], json!({"line": 11, "character": 3}));
    assert!(c.stop());
}
