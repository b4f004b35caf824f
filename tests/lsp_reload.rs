//! The language server reloads `techspec.toml` (and templates) for as long
//! as the editor runs: 1,000 reloads must not grow its memory. Live heap
//! bytes are counted by this test binary's global allocator.
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on what it did not expect"
)]

mod support;

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicIsize, Ordering};
use std::time::Duration;

use lsp_server::{Connection, Message, Notification, Request, RequestId};
use serde_json::{Value, json};

struct Counting;

static LIVE: AtomicIsize = AtomicIsize::new(0);

// SAFETY: every call is forwarded to the system allocator unchanged; the
// counter only observes sizes.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE.fetch_add(layout.size() as isize, Ordering::Relaxed);
        // SAFETY: same layout, forwarded.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size() as isize, Ordering::Relaxed);
        // SAFETY: `ptr` was allocated by `alloc` above with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        LIVE.fetch_add(
            new_size as isize - layout.size() as isize,
            Ordering::Relaxed,
        );
        // SAFETY: forwarded unchanged.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn recv(c: &Connection) -> Message {
    c.receiver
        .recv_timeout(Duration::from_secs(30))
        .expect("a message from the server")
}

/// Waits for the diagnostics of `uri`; returns their codes.
fn diagnostics(c: &Connection, uri: &str) -> Vec<String> {
    loop {
        if let Message::Notification(n) = recv(c) {
            if n.method == "textDocument/publishDiagnostics" && n.params["uri"] == uri {
                return n.params["diagnostics"]
                    .as_array()
                    .map(|a| {
                        a.iter()
                            .map(|d| d["code"].as_str().unwrap_or("").to_string())
                            .collect()
                    })
                    .unwrap_or_default();
            }
        }
    }
}

#[test]
fn a_thousand_reloads_keep_memory_bounded() {
    let dir = tempfile::tempdir().unwrap();
    support::copy_example(dir.path());
    // A large rule, so that a rule set kept per reload would show at once.
    let body = "Refunds go through the ledger; amounts are integers in cents. ".repeat(800);
    std::fs::write(
        dir.path().join(".cursor/rules/ledger.mdc"),
        format!("---\ndescription: Ledger rules\nalwaysApply: true\n---\n{body}\n"),
    )
    .unwrap();
    let spec = dir.path().join("tasks/prd-payment-refunds/techspec.md");
    let text = std::fs::read_to_string(&spec).unwrap();
    let uri = format!("file://{}", spec.display());
    let config_uri = format!("file://{}", dir.path().join("techspec.toml").display());

    let (server, client) = Connection::memory();
    let thread = std::thread::spawn(move || techspec::servers::lsp::serve(server));
    client
        .sender
        .send(
            Request::new(
                RequestId::from(1),
                "initialize".into(),
                json!({"processId": null, "rootUri": format!("file://{}", dir.path().display()), "capabilities": {}}),
            )
            .into(),
        )
        .unwrap();
    let notify = |method: &str, params: Value| {
        client
            .sender
            .send(Notification::new(method.into(), params).into())
            .unwrap();
    };
    notify("initialized", json!({}));
    notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
    );
    let first = diagnostics(&client, &uri);
    // The large always-on rule is read: the spec does not cite it.
    assert!(first.iter().any(|c| c == "TS305"), "{first:?}");

    let reload = || {
        notify(
            "workspace/didChangeWatchedFiles",
            json!({"changes": [{"uri": config_uri, "type": 2}]}),
        );
        assert_eq!(diagnostics(&client, &uri), first);
    };
    for _ in 0..50 {
        reload();
    }
    let warm = LIVE.load(Ordering::Relaxed);
    for _ in 50..1000 {
        reload();
    }
    let grown = LIVE.load(Ordering::Relaxed) - warm;
    // One rule set is about 50 KB: 950 kept would be over 45 MB.
    assert!(
        grown < 2 * 1024 * 1024,
        "live heap grew by {grown} bytes over 950 reloads"
    );

    client
        .sender
        .send(Request::new(RequestId::from(2), "shutdown".into(), Value::Null).into())
        .unwrap();
    notify("exit", Value::Null);
    assert!(thread.join().unwrap());
}
