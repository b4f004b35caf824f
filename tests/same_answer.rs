//! One spec, the same findings from anywhere: the CLI run from three
//! folders, the language server and the MCP server all check a file with
//! the nearest `techspec.toml` above it (defaults when there is none),
//! never with the configuration of the folder they were started in.
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on what it did not expect"
)]

mod support;

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};

use serde_json::{Value, json};

const COMPLETE: &str = include_str!("../examples/refunds/tasks/prd-payment-refunds/techspec.md");

/// (code, line) of every finding, sorted.
type Findings = Vec<(String, u64)>;

fn cli(cwd: &Path, spec: &Path) -> Findings {
    let out = Command::new(env!("CARGO_BIN_EXE_techspec"))
        .args(["check", "--format", "json"])
        .arg(spec)
        .current_dir(cwd)
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{e}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    findings(&v["files"][0]["diagnostics"], 0)
}

fn findings(diagnostics: &Value, line_offset: u64) -> Findings {
    let mut out: Findings = diagnostics
        .as_array()
        .unwrap_or_else(|| panic!("diagnostics: {diagnostics}"))
        .iter()
        .map(|d| {
            let line = d["line"]
                .as_u64()
                .or_else(|| d["range"]["start"]["line"].as_u64())
                .unwrap();
            (d["code"].as_str().unwrap().to_string(), line + line_offset)
        })
        .collect();
    out.sort();
    out
}

/// `techspec mcp` started in `root`: `techspec_check` of `rel`.
fn mcp(root: &Path, rel: &str) -> Findings {
    // `--root`: a folder with no project marker is no workspace by itself.
    let mut child = Command::new(env!("CARGO_BIN_EXE_techspec"))
        .args(["mcp", "--root"])
        .arg(root)
        .current_dir(root)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut send = |v: Value| writeln!(stdin, "{v}").unwrap();
    send(
        json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "t", "version": "0"}}}),
    );
    send(json!({"jsonrpc": "2.0", "method": "notifications/initialized"}));
    send(
        json!({"jsonrpc": "2.0", "id": 2, "method": "tools/call", "params": {"name": "techspec_check", "arguments": {"path": rel, "include_infos": true, "max_findings": 10000}}}),
    );
    let answer = loop {
        let line = lines.next().unwrap().unwrap();
        let v: Value = serde_json::from_str(&line).unwrap();
        if v["id"] == 2 {
            break v;
        }
    };
    let _ = child.kill();
    let _ = child.wait();
    findings(
        &answer["result"]["structuredContent"]["files"][0]["diagnostics"],
        0,
    )
}

/// `techspec lsp` started in `cwd`, with no workspace folder: the
/// diagnostics published for `spec` (lines made 1-based).
fn lsp(cwd: &Path, spec: &Path) -> Findings {
    let mut child = Command::new(env!("CARGO_BIN_EXE_techspec"))
        .arg("lsp")
        .current_dir(cwd)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut r = BufReader::new(child.stdout.take().unwrap());
    let mut send = |v: Value| {
        let body = v.to_string();
        write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        stdin.flush().unwrap();
    };
    let uri = format!("file://{}", spec.display());
    send(
        json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"processId": null, "capabilities": {}}}),
    );
    send(json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));
    send(
        json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": std::fs::read_to_string(spec).unwrap()}}}),
    );
    let diagnostics = loop {
        let mut len = 0;
        loop {
            let mut line = String::new();
            assert!(r.read_line(&mut line).unwrap() > 0, "the server ended");
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(v) = line.strip_prefix("Content-Length: ") {
                len = v.parse().unwrap();
            }
        }
        let mut body = vec![0; len];
        r.read_exact(&mut body).unwrap();
        let m: Value = serde_json::from_slice(&body).unwrap();
        if m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri {
            break m["params"]["diagnostics"].clone();
        }
    };
    let _ = child.kill();
    let _ = child.wait();
    findings(&diagnostics, 1)
}

#[test]
fn one_spec_gives_the_same_findings_from_anywhere() {
    let outer = tempfile::tempdir().unwrap();
    let outer = outer.path();
    // A folder whose techspec.toml turns the missing-section check off: run
    // from there, a spec elsewhere must not take it.
    let configured = outer.join("configured");
    std::fs::create_dir_all(&configured).unwrap();
    std::fs::write(
        configured.join("techspec.toml"),
        "word-budget = 10\n[checks]\nmissing-section = \"off\"\n",
    )
    .unwrap();
    let neutral = outer.join("neutral");
    std::fs::create_dir_all(&neutral).unwrap();

    // A spec with no techspec.toml above it, missing one section.
    let lonely = outer.join("lonely");
    std::fs::create_dir_all(&lonely).unwrap();
    let start = COMPLETE.find("## Monitoring and Observability").unwrap();
    let end = COMPLETE.find("## Technical Considerations").unwrap();
    let spec = lonely.join("techspec.md");
    std::fs::write(&spec, format!("{}{}", &COMPLETE[..start], &COMPLETE[end..])).unwrap();

    // The same spec in a project whose techspec.toml makes TS102 an error.
    let project = outer.join("project");
    support::copy_example(&project);
    std::fs::write(
        project.join("techspec.toml"),
        "[checks]\nsection-out-of-order = \"error\"\n",
    )
    .unwrap();
    let in_project = project.join("tasks/prd-payment-refunds/techspec.md");
    std::fs::write(&in_project, std::fs::read(&spec).unwrap()).unwrap();

    for (spec, root, rel) in [
        (&spec, &lonely, "techspec.md"),
        (
            &in_project,
            &project,
            "tasks/prd-payment-refunds/techspec.md",
        ),
    ] {
        let from_own = cli(spec.parent().unwrap(), spec);
        assert!(
            from_own.iter().any(|(c, _)| c == "TS101"),
            "{}: {from_own:?}",
            spec.display()
        );
        for cwd in [configured.as_path(), neutral.as_path(), outer] {
            assert_eq!(
                cli(cwd, spec),
                from_own,
                "check {} run from {}",
                spec.display(),
                cwd.display()
            );
        }
        assert_eq!(mcp(root, rel), from_own, "MCP, {}", spec.display());
        for cwd in [configured.as_path(), root.as_path()] {
            assert_eq!(
                lsp(cwd, spec),
                from_own,
                "LSP started in {}, {}",
                cwd.display(),
                spec.display()
            );
        }
    }
}
