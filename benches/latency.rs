//! Editor latency: one ~30 KB spec parsed and put through every check, as the
//! LSP does on each change (`Checker::check_bytes`, built-in templates,
//! automatic template choice). Target: under 5 ms.
//!
//!     cargo bench --bench latency
//!
//! Inputs: a real 29.8 KB spec from the shared corpus (Portuguese, many code
//! blocks) when `../shared` is there, and a synthetic 30 KB English spec
//! (the refunds example, prose padded) always.
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on what it did not expect"
)]

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use techspec::engine::Checker;
use techspec::model::document::Document;
use techspec::model::template::TemplateSet;

const REAL: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/corpus/specs/edsonbastos2__fitpulse__saas-roles-permissoes.md"
);
const EXAMPLE: &str = include_str!("../examples/refunds/tasks/prd-payment-refunds/techspec.md");

/// The refunds example with prose added before every `## ` heading until it is 30 KB.
fn synthetic_30k() -> String {
    let para = "The refund worker reads each request from the queue, checks the ledger for an earlier refund of the same payment, \
                and calls the provider with an idempotency key so that a retry after a timeout cannot pay twice. \
                Every state change is written to the audit table in the same transaction as the refund row.\n\n";
    let mut text = EXAMPLE.to_string();
    while text.len() < 30 * 1024 {
        text = text.replace("\n## ", &format!("\n{para}## "));
    }
    text
}

fn bench(c: &mut Criterion) {
    let checker = Checker::new(TemplateSet::builtins());
    let mut inputs = vec![("synthetic-30k", synthetic_30k().into_bytes())];
    if let Ok(real) = std::fs::read(REAL) {
        inputs.push(("real-29.8k-pt", real));
    }
    let mut g = c.benchmark_group("latency");
    for (name, bytes) in &inputs {
        g.throughput(Throughput::Bytes(bytes.len() as u64));
        g.bench_function(format!("check_bytes/{name}"), |b| {
            b.iter(|| checker.check_bytes(Path::new("spec.md"), black_box(bytes)))
        });
        g.bench_function(format!("parse/{name}"), |b| {
            b.iter(|| Document::from_bytes(black_box(bytes)))
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
