//! `techspec mcp` as an agent runs it: a child process speaking
//! newline-delimited JSON-RPC on stdin/stdout, confined to its workspace.
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on what it did not expect"
)]

mod support;
use support::copy_example;

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use serde_json::{Value, json};

const COMPLETE: &str = include_str!("../examples/refunds/tasks/prd-payment-refunds/techspec.md");

struct Server {
    child: Child,
    stdin: ChildStdin,
    lines: Receiver<Value>,
    next_id: i64,
}

impl Server {
    fn start(root: &Path) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_techspec"))
            .arg("mcp")
            .current_dir(root)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start techspec mcp");
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { return };
                if line.trim().is_empty() {
                    continue;
                }
                if tx
                    .send(serde_json::from_str::<Value>(&line).expect("JSON from the server"))
                    .is_err()
                {
                    return;
                }
            }
        });
        let mut s = Server {
            child,
            stdin,
            lines: rx,
            next_id: 1,
        };
        let init = s.request(
            "initialize",
            json!({"protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "test", "version": "0"}}),
        );
        assert_eq!(init["result"]["serverInfo"]["name"], "techspec", "{init}");
        assert!(
            init["result"]["capabilities"]["tools"].is_object(),
            "{init}"
        );
        s.send(json!({"jsonrpc": "2.0", "method": "notifications/initialized"}));
        s
    }

    fn send(&mut self, v: Value) {
        writeln!(self.stdin, "{v}").unwrap();
        self.stdin.flush().unwrap();
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        loop {
            let m = self
                .lines
                .recv_timeout(Duration::from_secs(20))
                .expect("an answer from techspec mcp");
            if m["id"] == id {
                return m;
            }
        }
    }

    fn call(&mut self, tool: &str, args: Value) -> Value {
        let r = self.request("tools/call", json!({"name": tool, "arguments": args}));
        assert!(r["result"].is_object(), "{r}");
        r["result"].clone()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_example(dir.path());
    let spec = dir.path().join("tasks/prd-payment-refunds/techspec.md");
    // A complete spec with one section removed: one finding.
    let start = COMPLETE.find("## Monitoring and Observability").unwrap();
    let end = COMPLETE.find("## Technical Considerations").unwrap();
    std::fs::write(&spec, format!("{}{}", &COMPLETE[..start], &COMPLETE[end..])).unwrap();
    dir
}

#[test]
fn lists_the_six_tools_with_schemas() {
    let dir = workspace();
    let mut s = Server::start(dir.path());
    let r = s.request("tools/list", json!({}));
    let tools = r["result"]["tools"].as_array().expect("tools");
    let mut names: Vec<&str> = tools.iter().map(|t| t["name"].as_str().unwrap()).collect();
    names.sort();
    assert_eq!(
        names,
        [
            "techspec_check",
            "techspec_explain",
            "techspec_files",
            "techspec_new",
            "techspec_rules",
            "techspec_template",
            "techspec_trace"
        ]
    );
    for t in tools {
        assert_eq!(t["inputSchema"]["type"], "object", "{t}");
        assert!(t["inputSchema"]["properties"].is_object(), "{t}");
        assert!(t["description"].as_str().unwrap().len() > 80, "{t}");
    }
    let check = tools
        .iter()
        .find(|t| t["name"] == "techspec_check")
        .unwrap();
    assert!(
        check["inputSchema"]["properties"]["path"].is_object(),
        "{check}"
    );
    assert!(
        check["inputSchema"]["properties"]["text"].is_object(),
        "{check}"
    );
}

#[test]
fn check_matches_the_cli_and_outside_paths_are_refused() {
    let dir = workspace();
    let rel = "tasks/prd-payment-refunds/techspec.md";
    let cli = Command::new(env!("CARGO_BIN_EXE_techspec"))
        .args(["check", "--format", "json", rel])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(cli.status.code(), Some(1));
    let cli: Value = serde_json::from_slice(&cli.stdout).unwrap();
    assert_eq!(cli["files"][0]["diagnostics"][0]["code"], "TS101", "{cli}");

    let mut s = Server::start(dir.path());
    let r = s.call("techspec_check", json!({"path": rel}));
    assert_eq!(r["isError"], false, "{r}");
    assert_eq!(r["structuredContent"], cli);
    let summary = r["content"][0]["text"].as_str().unwrap();
    let d = &cli["files"][0]["diagnostics"][0];
    let line = format!(
        "{}:{} TS101 {} — ",
        d["line"],
        d["column"],
        d["message"].as_str().unwrap()
    );
    assert!(summary.contains(&line), "{summary}\n{line}");

    // Inline text of the complete spec, named as the spec file: clean.
    let r = s.call("techspec_check", json!({"text": COMPLETE, "path": rel}));
    assert_eq!(r["structuredContent"]["summary"]["errors"], 0, "{r}");

    // Outside the root, by `..` or an absolute path: refused with a clear error.
    for path in ["../outside.md", "tasks/../../outside.md", "/etc/passwd"] {
        let r = s.call("techspec_check", json!({"path": path}));
        assert_eq!(r["isError"], true, "{r}");
        let text = r["content"][0]["text"].as_str().unwrap();
        assert!(text.contains("outside the workspace root"), "{text}");
    }
    let r = s.call(
        "techspec_new",
        json!({"name": "Escape", "path": "../escape.md"}),
    );
    assert_eq!(r["isError"], true, "{r}");
    assert!(!dir.path().parent().unwrap().join("escape.md").exists());

    // Bad arguments are an error answer, not a dead server.
    let r = s.request(
        "tools/call",
        json!({"name": "techspec_check", "arguments": {"path": 5}}),
    );
    assert!(
        r["error"].is_object() || r["result"]["isError"] == true,
        "{r}"
    );
    let r = s.call("techspec_rules", json!({"path": rel}));
    assert!(
        r["content"][0]["text"]
            .as_str()
            .unwrap()
            .contains(".cursor/rules/go-style.mdc (cited)"),
        "{r}"
    );
    let r = s.call("techspec_files", json!({"query": "refund worker"}));
    assert!(
        r["content"][0]["text"]
            .as_str()
            .unwrap()
            .contains("internal/refunds/worker.go"),
        "{r}"
    );
    let r = s.call("techspec_explain", json!({"code": "TS101"}));
    assert!(
        r["content"][0]["text"]
            .as_str()
            .unwrap()
            .starts_with("# TS101 missing-section"),
        "{r}"
    );
}

#[test]
fn new_scaffolds_and_refuses_to_overwrite() {
    let dir = workspace();
    let mut s = Server::start(dir.path());
    let r = s.call("techspec_new", json!({"name": "Search"}));
    assert_eq!(r["isError"], false, "{r}");
    assert_eq!(
        r["structuredContent"]["path"],
        "tasks/prd-search/techspec.md"
    );
    let written = std::fs::read_to_string(dir.path().join("tasks/prd-search/techspec.md")).unwrap();
    assert!(written.starts_with("# Technical Specification: Search"));
    let r = s.call("techspec_new", json!({"name": "Search"}));
    assert_eq!(r["isError"], true, "{r}");
    assert!(
        r["content"][0]["text"]
            .as_str()
            .unwrap()
            .contains("already exists"),
        "{r}"
    );
    let r = s.call(
        "techspec_template",
        json!({"name": "extended", "outline": true}),
    );
    assert!(
        r["content"][0]["text"].as_str().unwrap().contains("## "),
        "{r}"
    );
}

/// A template outside the workspace, with a marker that must never reach the client.
const SECRET_TEMPLATE: &str = "# Technical Specification: ZZQX\n\n## ZZQX Hidden Section\n\n[ZZQX guidance that must never leave its folder]\n";

/// `<tmp>/ws` (the example project) beside `<tmp>/secret.md`, `<tmp>/secret.toml`
/// and `<tmp>/secret.mdc`, each holding the marker `ZZQX`.
fn workspace_beside_secrets() -> (tempfile::TempDir, std::path::PathBuf) {
    let outer = tempfile::tempdir().unwrap();
    let ws = outer.path().join("ws");
    copy_example(&ws);
    std::fs::write(outer.path().join("secret.md"), SECRET_TEMPLATE).unwrap();
    std::fs::write(outer.path().join("secret.toml"), "template = \"ZZQX\"\n").unwrap();
    std::fs::write(
        outer.path().join("secret.mdc"),
        "---\ndescription: ZZQX\nalwaysApply: true\n---\nZZQX rule body\n",
    )
    .unwrap();
    (outer, ws)
}

/// Every call answers without the marker.
fn assert_nothing_leaks(s: &mut Server, calls: &[(&str, Value)]) {
    for (tool, args) in calls {
        let r = s.call(tool, args.clone());
        assert!(!r.to_string().contains("ZZQX"), "{tool} {args} leaked: {r}");
    }
}

/// README: "confined to the workspace root". Paths that come from the
/// project — `template = "../secret.md"` in techspec.toml, a template, a
/// config or a rule symlinked out of the workspace — are never read.
#[cfg(unix)]
#[test]
fn project_paths_outside_the_root_are_never_read() {
    use std::os::unix::fs::symlink;
    let rel = "tasks/prd-payment-refunds/techspec.md";

    // `template = "../secret.md"` in techspec.toml.
    let (outer, ws) = workspace_beside_secrets();
    std::fs::write(ws.join("techspec.toml"), "template = \"../secret.md\"\n").unwrap();
    let mut s = Server::start(&ws);
    let r = s.call("techspec_template", json!({}));
    assert_eq!(r["isError"], true, "{r}");
    let text = r["content"][0]["text"].as_str().unwrap();
    assert!(text.contains("outside the workspace root"), "{text}");
    assert_nothing_leaks(
        &mut s,
        &[
            ("techspec_template", json!({"outline": true})),
            ("techspec_new", json!({"name": "Leak"})),
            ("techspec_check", json!({"path": rel})),
            ("techspec_check", json!({})),
            ("techspec_check", json!({"text": COMPLETE})),
        ],
    );
    drop(s);
    assert!(!ws.join("tasks/prd-leak/techspec.md").exists());
    drop(outer);

    // A project template symlinked to a file outside.
    let (outer, ws) = workspace_beside_secrets();
    std::fs::create_dir_all(ws.join(".techspec/templates")).unwrap();
    symlink(
        outer.path().join("secret.md"),
        ws.join(".techspec/templates/evil.md"),
    )
    .unwrap();
    let mut s = Server::start(&ws);
    let r = s.call("techspec_template", json!({"name": "evil"}));
    assert_eq!(r["isError"], true, "{r}");
    assert_nothing_leaks(
        &mut s,
        &[
            (
                "techspec_template",
                json!({"name": "evil", "outline": true}),
            ),
            ("techspec_template", json!({})),
            ("techspec_new", json!({"name": "Leak", "template": "evil"})),
            ("techspec_check", json!({"path": rel, "template": "evil"})),
            ("techspec_check", json!({"path": rel})),
        ],
    );
    drop(s);
    assert!(!ws.join("tasks/prd-leak/techspec.md").exists());
    drop(outer);

    // techspec.toml and a rule symlinked to files outside.
    let (outer, ws) = workspace_beside_secrets();
    std::fs::remove_file(ws.join("techspec.toml")).unwrap();
    symlink(outer.path().join("secret.toml"), ws.join("techspec.toml")).unwrap();
    symlink(
        outer.path().join("secret.mdc"),
        ws.join(".cursor/rules/leak.mdc"),
    )
    .unwrap();
    let mut s = Server::start(&ws);
    assert_nothing_leaks(
        &mut s,
        &[
            ("techspec_template", json!({})),
            ("techspec_check", json!({"path": rel})),
            ("techspec_rules", json!({})),
            ("techspec_rules", json!({"path": rel})),
        ],
    );
    drop(outer);
}
