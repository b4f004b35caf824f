//! Each check alone and the whole check, on the check fixtures that stress
//! them most (formerly `#[ignore]`d tests in `src/engine/checks/tests.rs`).
//!
//!     cargo bench --bench checks
//!     cargo bench --bench checks -- TS201     # one check
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on what it did not expect"
)]

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use techspec::engine::Checker;
use techspec::engine::checks::{CHECKS, Context};
use techspec::model::align::{SpecHeadings, align};
use techspec::model::document::Document;
use techspec::model::template::TemplateSet;

fn fixture(code: &str, kind: &str) -> Vec<u8> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/checks")
        .join(code)
        .join(format!("{kind}.md"));
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn bench(c: &mut Criterion) {
    let checker = Checker::new(TemplateSet::builtins());
    let mut g = c.benchmark_group("checks");
    for (code, kind) in [
        ("TS205", "fail"),
        ("TS209", "pass"),
        ("TS201", "fail"),
        ("TS201", "pass-pt"),
    ] {
        let text = fixture(code, kind);
        g.bench_function(format!("whole/{code}-{kind}"), |b| {
            b.iter(|| checker.check_bytes(Path::new("x.md"), black_box(&text)))
        });
        let doc = Document::from_bytes(&text);
        let heads = SpecHeadings::new(&doc);
        let (template, _, _) = checker.choose(&doc, &heads);
        let alignment = align(&doc, &heads, template);
        // A fresh context per iteration: what the checks share per
        // document (its memo) is part of what each check costs alone.
        let ctx = || Context {
            path: Path::new("x.md"),
            doc: &doc,
            template,
            align: &alignment,
            settings: &checker.settings,
            project: None,
            memo: Default::default(),
        };
        for info in CHECKS {
            let Some(run) = info.run else { continue };
            g.bench_function(format!("{}/{code}-{kind}", info.code), |b| {
                b.iter(|| {
                    let ctx = ctx();
                    let mut out = Vec::new();
                    run(black_box(&ctx), &mut out);
                    out
                })
            });
        }
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
