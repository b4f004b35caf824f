//! `techspec lsp` as an editor runs it: a child process speaking JSON-RPC
//! with `Content-Length` framing on stdin/stdout.
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on what it did not expect"
)]

mod support;
use support::copy_example;

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use serde_json::{Value, json};

const COMPLETE: &str = include_str!("../examples/refunds/tasks/prd-payment-refunds/techspec.md");

/// The complete spec without its `## Monitoring and Observability` section.
fn missing_monitoring() -> String {
    let start = COMPLETE.find("## Monitoring and Observability").unwrap();
    let end = COMPLETE.find("## Technical Considerations").unwrap();
    format!("{}{}", &COMPLETE[..start], &COMPLETE[end..])
}

struct Server {
    child: Child,
    stdin: ChildStdin,
    messages: Receiver<Value>,
    next_id: i64,
}

impl Server {
    fn start(cwd: &Path) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_techspec"))
            .arg("lsp")
            .current_dir(cwd)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start techspec lsp");
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            loop {
                let mut len = None;
                loop {
                    let mut line = String::new();
                    if r.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(v) = line.strip_prefix("Content-Length: ") {
                        len = v.parse::<usize>().ok();
                    }
                }
                let mut body = vec![0; len.expect("Content-Length")];
                if r.read_exact(&mut body).is_err() {
                    return;
                }
                if tx
                    .send(serde_json::from_slice::<Value>(&body).expect("JSON from the server"))
                    .is_err()
                {
                    return;
                }
            }
        });
        Server {
            child,
            stdin,
            messages: rx,
            next_id: 1,
        }
    }

    fn send_raw(&mut self, body: &str) {
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send_raw(&json!({"jsonrpc": "2.0", "method": method, "params": params}).to_string());
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send_raw(
            &json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}).to_string(),
        );
        loop {
            let m = self.recv();
            if m["id"] == id {
                return m;
            }
        }
    }

    fn recv(&self) -> Value {
        self.messages
            .recv_timeout(Duration::from_secs(20))
            .expect("a message from techspec lsp")
    }

    /// The next `publishDiagnostics` for `uri`.
    fn diagnostics(&self, uri: &str) -> Vec<Value> {
        loop {
            let m = self.recv();
            if m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri {
                return m["params"]["diagnostics"].as_array().unwrap().clone();
            }
        }
    }

    fn stop(mut self) -> i32 {
        let r = self.request("shutdown", Value::Null);
        assert_eq!(r["result"], Value::Null, "{r}");
        self.notify("exit", Value::Null);
        let status = self.child.wait().unwrap();
        status.code().unwrap_or(-1)
    }
}

/// Byte offset of an LSP (line, UTF-16 character) position.
fn offset(text: &str, pos: &Value) -> usize {
    let (line, ch) = (
        pos["line"].as_u64().unwrap() as usize,
        pos["character"].as_u64().unwrap() as usize,
    );
    let mut start = 0;
    for _ in 0..line {
        match text[start..].find('\n') {
            Some(i) => start += i + 1,
            None => return text.len(),
        }
    }
    let mut units = 0;
    for (i, c) in text[start..].char_indices() {
        if units >= ch || c == '\n' {
            return start + i;
        }
        units += c.len_utf16();
    }
    text.len()
}

/// Applies LSP text edits (non-overlapping) to a text.
fn apply(text: &str, edits: &[Value]) -> String {
    let mut spans: Vec<(usize, usize, &str)> = edits
        .iter()
        .map(|e| {
            (
                offset(text, &e["range"]["start"]),
                offset(text, &e["range"]["end"]),
                e["newText"].as_str().unwrap(),
            )
        })
        .collect();
    spans.sort_by_key(|s| std::cmp::Reverse(s.0));
    let mut out = text.to_string();
    for (a, b, t) in spans {
        out.replace_range(a..b, t);
    }
    out
}

fn workspace() -> (tempfile::TempDir, std::path::PathBuf, String) {
    let dir = tempfile::tempdir().unwrap();
    copy_example(dir.path());
    let spec = dir.path().join("tasks/prd-payment-refunds/techspec.md");
    let uri = format!("file://{}", spec.display());
    (dir, spec, uri)
}

fn initialize(s: &mut Server, root: &Path) {
    let r = s.request("initialize", json!({"processId": null, "rootUri": format!("file://{}", root.display()), "capabilities": {}}));
    let caps = &r["result"]["capabilities"];
    assert_eq!(caps["hoverProvider"], true, "{r}");
    assert_eq!(caps["documentSymbolProvider"], true, "{r}");
    assert_eq!(
        caps["completionProvider"]["triggerCharacters"],
        json!(["#"]),
        "{r}"
    );
    s.notify("initialized", json!({}));
}

#[test]
fn diagnostics_fix_and_hover_over_stdio() {
    let (dir, spec, uri) = workspace();
    let text = missing_monitoring();
    std::fs::write(&spec, &text).unwrap();
    let mut s = Server::start(dir.path());
    initialize(&mut s, dir.path());

    // didOpen a spec missing a section -> the finding, on the heading it belongs before.
    s.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
    );
    let diags = s.diagnostics(&uri);
    assert_eq!(diags.len(), 1, "{diags:?}");
    let d = &diags[0];
    assert_eq!(d["code"], "TS101");
    assert_eq!(d["source"], "techspec");
    assert_eq!(d["severity"], 1);
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .contains("Monitoring and Observability"),
        "{d}"
    );
    let line = text[..text.find("## Technical Considerations").unwrap()]
        .lines()
        .count();
    assert_eq!(
        d["range"],
        json!({"start": {"line": line, "character": 0}, "end": {"line": line, "character": 27}})
    );

    // Hover on a section heading: the template's guidance.
    let h = s.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 2, "character": 4}}),
    );
    let value = h["result"]["contents"]["value"]
        .as_str()
        .unwrap_or_default();
    assert!(
        value.contains("Executive Summary") && value.contains("Provide a brief technical overview"),
        "{h}"
    );
    // Hover on the finding: the check's documentation.
    let h = s.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": 5}}),
    );
    let value = h["result"]["contents"]["value"]
        .as_str()
        .unwrap_or_default();
    assert!(
        value.contains("TS101 missing-section") && value.contains("What it does"),
        "{h}"
    );

    // The quick fix inserts the section with its guidance.
    let r = s.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": d["range"], "context": {"diagnostics": [d]}}),
    );
    let actions = r["result"].as_array().expect("code actions");
    let action = actions
        .iter()
        .find(|a| a["kind"] == "quickfix")
        .expect("a quick fix");
    assert_eq!(action["diagnostics"][0]["code"], "TS101");
    let edits = action["edit"]["changes"][&uri].as_array().unwrap();
    let fixed = apply(&text, edits);
    assert!(
        fixed.contains("## Monitoring and Observability\n\n["),
        "{fixed}"
    );

    // didChange with the fixed text -> the finding is gone.
    s.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": fixed}]}),
    );
    let diags = s.diagnostics(&uri);
    assert!(!diags.iter().any(|d| d["code"] == "TS101"), "{diags:?}");
    // ... and with the section written out, nothing at all.
    s.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 3}, "contentChanges": [{"text": COMPLETE}]}),
    );
    assert_eq!(s.diagnostics(&uri), Vec::<Value>::new());

    // Completion after `##` offers the sections the spec lacks; symbols give the outline.
    s.notify("textDocument/didChange", json!({"textDocument": {"uri": uri, "version": 4}, "contentChanges": [{"text": format!("{text}\n##")}]}));
    let last = format!("{text}\n##").lines().count() - 1;
    let c = s.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": uri}, "position": {"line": last, "character": 2}}),
    );
    let items = c["result"].as_array().expect("completion items");
    assert!(
        items
            .iter()
            .any(|i| i["textEdit"]["newText"] == "## Monitoring and Observability"),
        "{c}"
    );
    let sym = s.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );
    assert_eq!(
        sym["result"][0]["name"], "Technical Specification: Payment Refunds",
        "{sym}"
    );
    assert_eq!(
        sym["result"][0]["children"][0]["name"], "Executive Summary",
        "{sym}"
    );

    assert_eq!(s.stop(), 0);
}

#[test]
fn malformed_messages_do_not_stop_the_server() {
    let (dir, _spec, uri) = workspace();
    let mut s = Server::start(dir.path());
    s.send_raw("{this is not json");
    s.send_raw(r#"{"jsonrpc":"2.0","id":"x"}"#);
    initialize(&mut s, dir.path());
    let r = s.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 1e9 as u64, "character": 0}}),
    );
    assert_eq!(r["result"], Value::Null, "{r}");
    let r = s.request("textDocument/hover", json!({"textDocument": "nope"}));
    assert_eq!(r["error"]["code"], -32602, "{r}");
    s.notify("textDocument/didOpen", json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": "\u{0}\u{feff}# Technical Specification: ☃\n## 😀\n"}}));
    s.diagnostics(&uri);
    assert_eq!(s.stop(), 0);
}

/// The language server reads nothing outside its workspace folders:
/// `template = "../secret.md"` and a template symlinked out of the folder
/// are not read, so nothing of them reaches the editor.
#[cfg(unix)]
#[test]
fn nothing_outside_the_workspace_folder_is_read() {
    let outer = tempfile::tempdir().unwrap();
    let ws = outer.path().join("ws");
    copy_example(&ws);
    std::fs::write(
        outer.path().join("secret.md"),
        "# Technical Specification: ZZQX\n\n## ZZQX Hidden Section\n\n[ZZQX guidance]\n",
    )
    .unwrap();
    let spec = ws.join("tasks/prd-payment-refunds/techspec.md");
    let uri = format!("file://{}", spec.display());
    for setup in ["config", "symlink"] {
        match setup {
            "config" => {
                std::fs::write(ws.join("techspec.toml"), "template = \"../secret.md\"\n").unwrap()
            }
            _ => {
                std::fs::write(ws.join("techspec.toml"), "template = \"evil\"\n").unwrap();
                std::fs::create_dir_all(ws.join(".techspec/templates")).unwrap();
                std::os::unix::fs::symlink(
                    outer.path().join("secret.md"),
                    ws.join(".techspec/templates/evil.md"),
                )
                .unwrap();
            }
        }
        let mut s = Server::start(&ws);
        let r = s.request(
            "initialize",
            json!({"processId": null, "workspaceFolders": [{"uri": format!("file://{}", ws.display()), "name": "ws"}], "capabilities": {}}),
        );
        assert!(r["result"].is_object(), "{r}");
        s.notify("initialized", json!({}));
        s.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": "# Technical Specification: X\n\n## ZZQX Hidden Section\n\n## Executive Summary\n\nText.\n"}}),
        );
        let mut seen = Vec::new();
        loop {
            let m = s.recv();
            seen.push(m.clone());
            if m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri {
                break;
            }
        }
        for (line, character) in [(2, 4), (0, 2), (4, 4)] {
            seen.push(s.request(
                "textDocument/hover",
                json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}),
            ));
        }
        seen.push(s.request(
            "textDocument/completion",
            json!({"textDocument": {"uri": uri}, "position": {"line": 6, "character": 0}}),
        ));
        for m in &seen {
            assert!(!m.to_string().contains("ZZQX guidance"), "{setup}: {m}");
            assert!(
                !m.to_string().contains("secret.md") || m["method"] == "window/showMessage",
                "{setup}: {m}"
            );
        }
        let warned = seen.iter().any(|m| {
            m["method"] == "window/showMessage"
                && m["params"]["message"]
                    .as_str()
                    .is_some_and(|t| t.contains("outside the workspace root"))
        });
        assert!(warned, "{setup}: {seen:?}");
        assert_eq!(s.stop(), 0);
    }
}
