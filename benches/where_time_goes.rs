//! Where the time of `check` goes, per stage and per check, over a folder of
//! specs (default: the 10,000-spec synthetic corpus that `bench/run.sh`
//! generates), on one thread, with the built-in templates and no project.
//!
//!     cargo bench --bench where_time_goes [-- DIR]
//!
//! Prints read, parse, template choice and alignment, and every check's
//! share of the total, largest first: the "where the time goes" table of
//! BENCHMARKS.md.
#![allow(
    clippy::unwrap_used,
    reason = "a benchmark fails loudly on what it did not expect"
)]

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use techspec::engine::Checker;
use techspec::engine::checks::{CHECKS, Context};
use techspec::model::align::{SpecHeadings, align};
use techspec::model::document::Document;
use techspec::model::template::TemplateSet;

fn main() {
    let dir = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with('-'))
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-corpus/10k"));
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e} (run bench/run.sh to generate it)", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    files.sort();
    let checker = Checker::new(TemplateSet::builtins());
    let mut read = Duration::ZERO;
    let mut parse = Duration::ZERO;
    let mut choose = Duration::ZERO;
    let mut whole = Duration::ZERO;
    let mut per_check = vec![Duration::ZERO; CHECKS.len()];
    for f in &files {
        let t = Instant::now();
        let bytes = std::fs::read(f).unwrap();
        read += t.elapsed();
        let t = Instant::now();
        let doc = Document::from_bytes(&bytes);
        parse += t.elapsed();
        let t = Instant::now();
        let heads = SpecHeadings::new(&doc);
        let (template, _, _) = checker.choose(&doc, &heads);
        let alignment = align(&doc, &heads, template);
        choose += t.elapsed();
        let ctx = Context {
            path: f,
            doc: &doc,
            template,
            align: &alignment,
            settings: &checker.settings,
            project: None,
            memo: Default::default(),
        };
        for (i, info) in CHECKS.iter().enumerate() {
            let Some(run) = info.run else { continue };
            let t = Instant::now();
            let mut out = Vec::new();
            run(&ctx, &mut out);
            std::hint::black_box(out);
            per_check[i] += t.elapsed();
        }
        let t = Instant::now();
        std::hint::black_box(checker.check_document(f, &doc));
        whole += t.elapsed();
    }
    let checks: Duration = per_check.iter().sum();
    let total = read + parse + whole;
    let pct = |d: Duration| 100.0 * d.as_secs_f64() / total.as_secs_f64();
    println!(
        "{} specs from {}; one thread; total (read + parse + check_document) {:.3} s",
        files.len(),
        dir.display(),
        total.as_secs_f64()
    );
    println!("| stage | time | share |\n| --- | --- | --- |");
    for (name, d) in [
        ("read", read),
        ("parse", parse),
        (
            "check_document (choice, alignment, every check, trace lookup)",
            whole,
        ),
        ("  of which template choice + alignment", choose),
        ("  of which the checks, each alone", checks),
    ] {
        println!("| {name} | {:.3} s | {:.1}% |", d.as_secs_f64(), pct(d));
    }
    let mut rows: Vec<_> = CHECKS.iter().zip(&per_check).collect();
    rows.sort_by(|a, b| b.1.cmp(a.1));
    println!("\n| check | time | share of total |\n| --- | --- | --- |");
    for (info, d) in rows.iter().take(20) {
        println!(
            "| {} {} | {:.3} s | {:.1}% |",
            info.code,
            info.name,
            d.as_secs_f64(),
            pct(**d)
        );
    }
}
