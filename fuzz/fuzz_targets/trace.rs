//! The PRD and task parsers and the trace checks on arbitrary bytes: the
//! input is cut at the first two `\x1e` bytes into a PRD, a task list and a
//! task file, read beside a fixed spec. Never panics, and every finding's
//! span lies inside its own file, on character boundaries.
#![no_main]

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use techspec::model::align::SpecHeadings;
use techspec::engine::checks::Context;
use techspec::model::document::Document;
use techspec::engine::Checker;
use techspec::model::template::TemplateSet;
use techspec::engine::trace::{Companion, Companions, Kind, Traced};

static CHECKER: LazyLock<Checker> = LazyLock::new(|| Checker::new(TemplateSet::builtins()));
static SPEC: LazyLock<Document> = LazyLock::new(|| {
    Document::parse(include_str!(
        "../../examples/refunds/tasks/prd-payment-refunds/techspec.md"
    ))
});

fuzz_target!(|data: &[u8]| {
    let mut parts = data.splitn(3, |b| *b == 0x1e);
    let files = [
        ("prd.md", Kind::Prd),
        ("tasks.md", Kind::TaskList),
        ("1_task.md", Kind::TaskFile),
    ];
    let companions = Companions {
        files: files
            .iter()
            .map(|(name, kind)| Companion {
                path: PathBuf::from(name),
                kind: *kind,
                doc: Some(Document::from_bytes(parts.next().unwrap_or_default())),
                problem: None,
            })
            .collect(),
    };
    let heads = SpecHeadings::new(&SPEC);
    let (template, alignment, _) = CHECKER.choose(&SPEC, &heads);
    let ctx = Context {
        path: Path::new("techspec.md"),
        doc: &SPEC,
        template,
        align: &alignment,
        settings: &CHECKER.settings,
        project: None,
        memo: Default::default(),
    };
    let traced = Traced::new(&ctx, companions);
    let findings = traced.check(&ctx);
    for d in &findings.spec {
        assert!(d.span.end <= SPEC.text.len() && d.span.start <= d.span.end, "{d:?}");
    }
    for (c, diags) in traced.companions.files.iter().zip(&findings.files) {
        let Some(doc) = &c.doc else { continue };
        for d in diags {
            assert!(d.span.start <= d.span.end && d.span.end <= doc.text.len(), "{d:?}");
            assert!(
                doc.text.is_char_boundary(d.span.start) && doc.text.is_char_boundary(d.span.end),
                "{d:?}"
            );
        }
    }
});
