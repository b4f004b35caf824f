//! The parsers of issue 15 on arbitrary (lossily decoded) text: the task
//! list generator, the ADR reader, and `check --implemented`'s spec
//! expectations and source scan. None may panic.
#![no_main]

use std::collections::BTreeSet;

use libfuzzer_sys::fuzz_target;
use techspec::model::document::Document;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let doc = Document::parse(&text);
    if let Ok(list) = techspec::authoring::tasks::plan(&doc) {
        let _ = techspec::authoring::tasks::render(&list, "spec.md");
    }
    let _ = techspec::engine::adr::check(&doc);
    let exp = techspec::engine::implemented::expectations(&doc);
    let names: BTreeSet<String> = exp.names.iter().map(|n| n.name.clone()).collect();
    let index = techspec::engine::implemented::scan_source("app/api/[id]/route.ts", &text, &names);
    for e in &exp.endpoints {
        let _ = index.route_for(&e.method, &e.path);
    }
});
