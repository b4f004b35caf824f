//! Collects each check's module doc comment (`//!` lines of
//! `src/engine/checks/tsNNN_*.rs`) into a table, so that the doc is written once and
//! feeds `techspec explain`, LSP hover, SARIF rule descriptions and MCP.

use std::fmt::Write;

fn main() {
    let dir = std::path::Path::new("src/engine/checks");
    println!("cargo:rerun-if-changed=src/engine/checks");
    let mut entries: Vec<(String, String)> = Vec::new();
    if let Ok(rd) = std::fs::read_dir(dir) {
        for e in rd.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            let Some(stem) = name.strip_suffix(".rs") else {
                continue;
            };
            if !stem.starts_with("ts") || !stem[2..].starts_with(|c: char| c.is_ascii_digit()) {
                continue;
            }
            println!("cargo:rerun-if-changed=src/engine/checks/{name}");
            let text = std::fs::read_to_string(e.path()).unwrap_or_default();
            let doc: Vec<&str> = text
                .lines()
                .take_while(|l| l.starts_with("//!"))
                .map(|l| {
                    l.strip_prefix("//! ")
                        .unwrap_or(l.strip_prefix("//!").unwrap_or(l))
                })
                .collect();
            let code = stem.split('_').next().unwrap_or(stem).to_ascii_uppercase();
            entries.push((code, doc.join("\n")));
        }
    }
    entries.sort();
    let mut out = String::from(
        "/// Check docs by code, from each check file's module doc comment.\npub static CHECK_DOCS: &[(&str, &str)] = &[\n",
    );
    for (code, doc) in entries {
        let _ = writeln!(out, "    ({code:?}, {doc:?}),");
    }
    out.push_str("];\n");
    let dest = std::path::Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"))
        .join("check_docs.rs");
    std::fs::write(dest, out).expect("OUT_DIR is writable");
}
