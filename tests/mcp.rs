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
    /// The `file://` roots this client offers (`None`: no roots capability).
    roots: Option<Vec<String>>,
}

/// A folder as a `file://` URI, percent-encoded as clients send it.
fn file_uri(p: &Path) -> String {
    let s = p.to_str().unwrap();
    format!("file://{}", s.replace('%', "%25").replace(' ', "%20"))
}

impl Server {
    fn start(root: &Path) -> Server {
        Server::start_with(root, &[], None)
    }

    /// `techspec mcp ARGS` started in `cwd`, from a client offering `roots`.
    fn start_with(cwd: &Path, args: &[&str], roots: Option<Vec<String>>) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_techspec"))
            .arg("mcp")
            .args(args)
            .current_dir(cwd)
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
            roots,
        };
        let capabilities = if s.roots.is_some() {
            json!({"roots": {"listChanged": true}})
        } else {
            json!({})
        };
        let init = s.request(
            "initialize",
            json!({"protocolVersion": "2025-06-18", "capabilities": capabilities, "clientInfo": {"name": "test", "version": "0"}}),
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
            if m["method"] == "roots/list" {
                let roots: Vec<Value> = self
                    .roots
                    .iter()
                    .flatten()
                    .map(|u| json!({"uri": u, "name": "root"}))
                    .collect();
                self.send(json!({"jsonrpc": "2.0", "id": m["id"], "result": {"roots": roots}}));
                continue;
            }
            if m["id"] == id && m.get("method").is_none() {
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

/// Started in `/`, in a folder that is no project, or at home: every tool
/// refuses, saying how to set a workspace; nothing is walked or written.
#[test]
fn without_a_workspace_every_tool_refuses() {
    let plain = tempfile::tempdir().unwrap();
    for cwd in [Path::new("/"), plain.path()] {
        let mut s = Server::start_with(cwd, &[], None);
        for (tool, args) in [
            ("techspec_check", json!({})),
            ("techspec_rules", json!({})),
            ("techspec_files", json!({})),
            ("techspec_template", json!({})),
            ("techspec_explain", json!({"code": "TS101"})),
            ("techspec_new", json!({"name": "X", "path": "x.md"})),
        ] {
            let r = s.call(tool, args);
            assert_eq!(r["isError"], true, "{tool} {r}");
            let text = r["content"][0]["text"].as_str().unwrap();
            assert!(
                text.contains("no workspace") && text.contains("--root"),
                "{text}"
            );
        }
    }
    assert_eq!(std::fs::read_dir(plain.path()).unwrap().count(), 0);
}

/// The client's root wins over the start folder; `--root` works without one;
/// a `notifications/roots/list_changed` moves the workspace.
#[test]
fn the_workspace_is_the_clients_root_else_the_root_flag() {
    let dir = workspace();
    let plain = tempfile::tempdir().unwrap();
    let rel = "tasks/prd-payment-refunds/techspec.md";

    let mut s = Server::start_with(plain.path(), &[], Some(vec![file_uri(dir.path())]));
    let r = s.call("techspec_check", json!({"path": rel}));
    assert_eq!(r["isError"], false, "{r}");
    assert_eq!(r["structuredContent"]["summary"]["errors"], 1, "{r}");

    // The roots change to a folder without the spec.
    s.roots = Some(vec![file_uri(plain.path())]);
    s.send(json!({"jsonrpc": "2.0", "method": "notifications/roots/list_changed"}));
    let r = s.call("techspec_check", json!({"path": rel}));
    assert_eq!(r["isError"], true, "{r}");
    assert!(r.to_string().contains("does not exist"), "{r}");

    let mut s = Server::start_with(
        plain.path(),
        &["--root", dir.path().to_str().unwrap()],
        None,
    );
    let r = s.call("techspec_check", json!({"path": rel}));
    assert_eq!(r["structuredContent"]["summary"]["errors"], 1, "{r}");

    // A client offering no usable root: the flag, then the start folder.
    let mut s = Server::start_with(dir.path(), &[], Some(vec![]));
    let r = s.call("techspec_check", json!({"path": rel}));
    assert_eq!(r["structuredContent"]["summary"]["errors"], 1, "{r}");
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
    // The findings with every field, once: in the structured result only.
    let structured = &r["structuredContent"];
    assert_eq!(
        structured["files"][0]["diagnostics"],
        cli["files"][0]["diagnostics"]
    );
    assert_eq!(structured["summary"], cli["summary"]);
    assert_eq!(r["content"].as_array().unwrap().len(), 1, "{r}");
    let summary = r["content"][0]["text"].as_str().unwrap();
    let d = &cli["files"][0]["diagnostics"][0];
    let line = format!(
        "\n{} TS101 {} — {}\n",
        d["line"],
        d["message"].as_str().unwrap(),
        d["help"].as_str().unwrap()
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

/// The 21 corpus specs in one `techspec_check` call: the whole answer (text
/// and structured result, as the client receives it) stays under 60,000
/// characters, about 15,000 tokens; the next page is reachable.
#[test]
fn checking_the_corpus_answers_in_under_60000_characters() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    support::copy_tree(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/specs"),
        &dir.path().join("specs"),
    );
    let mut s = Server::start(dir.path());
    let r = s.request(
        "tools/call",
        json!({"name": "techspec_check", "arguments": {"path": "specs"}}),
    );
    let size = r.to_string().chars().count();
    eprintln!("answer: {size} characters");
    assert!(size < 60_000, "{size} characters");
    let result = &r["result"];
    assert_eq!(result["structuredContent"]["summary"]["files"], 21, "{r}");
    let text = result["content"][0]["text"].as_str().unwrap();
    let errors = result["structuredContent"]["summary"]["errors"]
        .as_u64()
        .unwrap();
    let listed = result["structuredContent"]["page"]["listed"]
        .as_u64()
        .unwrap();
    assert!(errors > 0 && listed > 0, "{text}");
    // Infos are counted, not listed.
    assert!(text.contains("Infos (not listed"), "{text}");
    assert!(!text.contains(" TS308 "), "{text}");
    // One line per listed finding; the rest is one call away.
    let lines = text
        .lines()
        .filter(|l| l.contains(" TS") && l.contains(" — "))
        .count();
    assert_eq!(lines as u64, listed, "{text}");
    if let Some(next) = result["structuredContent"]["page"]["next_offset"].as_u64() {
        assert!(text.contains(&format!("offset={next}")), "{text}");
        // Integers sent as strings, as the MCP inspector's CLI sends them.
        let r2 = s.call(
            "techspec_check",
            json!({"path": "specs", "offset": next.to_string(), "max_findings": "5", "include_infos": "true"}),
        );
        assert_eq!(r2["isError"], false, "{r2}");
        assert_eq!(r2["structuredContent"]["page"]["offset"], next, "{r2}");
        assert!(r2["structuredContent"]["page"]["listed"].as_u64().unwrap() <= 5);
    }
}

/// Every tool's input schema stays inside the subset of OpenAPI 3.0 that
/// Gemini's function declarations accept
/// (https://ai.google.dev/api/caching#Schema): one `type` per property (no
/// `null` in a type array), only the fields Gemini lists, `format` only
/// where Gemini defines it, integers with a `minimum`.
#[test]
fn tool_schemas_fit_geminis_function_declaration_subset() {
    const FIELDS: &[&str] = &[
        "type",
        "format",
        "title",
        "description",
        "nullable",
        "enum",
        "maxItems",
        "minItems",
        "properties",
        "required",
        "minProperties",
        "maxProperties",
        "minLength",
        "maxLength",
        "pattern",
        "example",
        "anyOf",
        "propertyOrdering",
        "default",
        "items",
        "minimum",
        "maximum",
    ];
    const TYPES: &[&str] = &["string", "number", "integer", "boolean", "array", "object"];
    fn check(tool: &str, at: &str, schema: &Value) {
        let obj = schema
            .as_object()
            .unwrap_or_else(|| panic!("{tool} {at}: not an object"));
        for key in obj.keys() {
            assert!(
                FIELDS.contains(&key.as_str()),
                "{tool} {at}: `{key}` is not in Gemini's subset"
            );
        }
        let ty = obj["type"]
            .as_str()
            .unwrap_or_else(|| panic!("{tool} {at}: type {}", obj["type"]));
        assert!(TYPES.contains(&ty), "{tool} {at}: type {ty}");
        if let Some(f) = obj.get("format") {
            let ok = match ty {
                "string" => ["enum", "date-time"].contains(&f.as_str().unwrap()),
                "integer" => ["int32", "int64"].contains(&f.as_str().unwrap()),
                "number" => ["float", "double"].contains(&f.as_str().unwrap()),
                _ => false,
            };
            assert!(ok, "{tool} {at}: format {f} on {ty}");
        }
        if ty == "integer" {
            assert!(
                obj.get("minimum").is_some_and(Value::is_number),
                "{tool} {at}: no minimum"
            );
        }
        assert!(
            obj.get("default").is_none_or(|d| !d.is_null()),
            "{tool} {at}: default null"
        );
        if let Some(props) = obj.get("properties").and_then(Value::as_object) {
            for (name, p) in props {
                check(tool, &format!("{at}.{name}"), p);
            }
        }
        if let Some(items) = obj.get("items") {
            check(tool, &format!("{at}[]"), items);
        }
    }
    let dir = workspace();
    let mut s = Server::start(dir.path());
    let r = s.request("tools/list", json!({}));
    let tools = r["result"]["tools"].as_array().unwrap();
    assert_eq!(tools.len(), 7);
    for t in tools {
        let name = t["name"].as_str().unwrap();
        check(name, "inputSchema", &t["inputSchema"]);
    }
    // Unknown arguments are still refused.
    let r = s.request(
        "tools/call",
        json!({"name": "techspec_check", "arguments": {"nope": 1}}),
    );
    assert!(r.to_string().contains("nope"), "{r}");
    // `limit` as a string, as the MCP inspector 0.15 sends it.
    let r = s.call("techspec_files", json!({"query": "refund", "limit": "2"}));
    assert_eq!(r["isError"], false, "{r}");
    let r = s.call("techspec_files", json!({"query": "refund", "limit": "two"}));
    assert!(r.to_string().contains("whole number"), "{r}");
}

/// Templates (built-in and the project's) and check pages are resources;
/// `create-techspec` is a prompt that walks new → fill → check.
#[test]
fn resources_and_the_create_techspec_prompt() {
    let dir = workspace();
    std::fs::create_dir_all(dir.path().join(".techspec/templates")).unwrap();
    std::fs::write(
        dir.path().join(".techspec/templates/lean.md"),
        "# Tech Spec: [Feature]\n\n## Executive Summary\n\n[Two paragraphs.]\n\n## Design\n\n[How it works.]\n",
    )
    .unwrap();
    let mut s = Server::start(dir.path());
    let r = s.request("resources/list", json!({}));
    let uris: Vec<&str> = r["result"]["resources"]
        .as_array()
        .unwrap_or_else(|| panic!("{r}"))
        .iter()
        .map(|x| x["uri"].as_str().unwrap())
        .collect();
    for want in [
        "techspec://template/standard",
        "techspec://template/lean",
        "techspec://check/TS101",
    ] {
        assert!(uris.contains(&want), "{want} not in {uris:?}");
    }
    let r = s.request("resources/read", json!({"uri": "techspec://template/lean"}));
    let text = r["result"]["contents"][0]["text"]
        .as_str()
        .unwrap_or_else(|| panic!("{r}"));
    assert!(text.contains("## Design"), "{text}");
    let r = s.request("resources/read", json!({"uri": "techspec://check/TS101"}));
    let text = r["result"]["contents"][0]["text"]
        .as_str()
        .unwrap_or_else(|| panic!("{r}"));
    assert!(
        text.starts_with("# TS101 missing-section") && text.contains("## What it does"),
        "{text}"
    );
    let r = s.request("resources/read", json!({"uri": "techspec://check/TS999"}));
    assert!(
        r["error"]["message"].as_str().unwrap().contains("TS999"),
        "{r}"
    );
    let r = s.request("resources/templates/list", json!({}));
    assert_eq!(
        r["result"]["resourceTemplates"].as_array().unwrap().len(),
        2,
        "{r}"
    );

    let r = s.request("prompts/list", json!({}));
    assert_eq!(r["result"]["prompts"][0]["name"], "create-techspec", "{r}");
    let r = s.request(
        "prompts/get",
        json!({"name": "create-techspec", "arguments": {"feature": "Payment Refunds", "prd": "tasks/prd.md"}}),
    );
    let text = r["result"]["messages"][0]["content"]["text"]
        .as_str()
        .unwrap_or_else(|| panic!("{r}"));
    for step in [
        "techspec_new",
        "techspec_files",
        "techspec_rules",
        "techspec_check",
        "Errors must be fixed",
        "Payment Refunds",
        "tasks/prd.md",
    ] {
        assert!(text.contains(step), "{step}: {text}");
    }
    let r = s.request(
        "prompts/get",
        json!({"name": "create-techspec", "arguments": {}}),
    );
    assert!(
        r["error"]["message"].as_str().unwrap().contains("feature"),
        "{r}"
    );
}
