//! Issue 12, pinned on the corpus: what the real specs get wrong about code
//! volume, titles, endpoints and summaries is reported where it is, and what
//! they get right is not. Line numbers are those of `shared/corpus/specs`.
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on what it did not expect"
)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use techspec::engine::Checker;
use techspec::model::diagnostic::Resolved;
use techspec::model::template::TemplateSet;

fn spec(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus/specs")
        .join(name)
}

/// The findings of `code` on a corpus spec, checked without a repository.
fn found(name: &str, code: &str) -> Vec<Resolved> {
    Checker::new(TemplateSet::builtins())
        .check_path(&spec(name))
        .diagnostics
        .into_iter()
        .filter(|d| d.code == code)
        .collect()
}

fn lines(name: &str, code: &str) -> Vec<usize> {
    found(name, code).iter().map(|d| d.line).collect()
}

const KANBAN: &str = "rodrigobranas__iadevt1_4__kanban.md";
const WORKOUT: &str = "edsonbastos2__fitpulse__workout-management-compozy.md";
const MILES: &str = "pandax54__milesControl__milescontrol.md";
const SAAS: &str = "edsonbastos2__fitpulse__saas-roles-permissoes.md";
const SOCIAL: &str = "Viniciuscarvalho__FitToday__social-challenges.md";
const DDD_FIXES: &str = "BrunoZamorano__ncfca_api_alpha__ddd-fixes.md";
const DDD_CLEAN: &str = "ramonhentges__compozy-made-project__ddd-clean-arch-hexagonal-setup.md";

#[test]
fn small_interfaces_in_one_block_are_separate_examples() {
    assert!(!lines(KANBAN, "TS203").contains(&41));
    let w = lines(WORKOUT, "TS203");
    assert!(!w.contains(&144) && !w.contains(&172), "{w:?}");
}

#[test]
fn any_long_block_in_any_section_is_reported() {
    let m = lines(MILES, "TS211");
    for l in [216, 955] {
        assert!(m.contains(&l), "milescontrol L{l}: {m:?}");
    }
    let f = found(MILES, "TS211");
    assert!(f.iter().any(|d| d.message.contains("487 lines")), "{f:?}");
    assert!(lines(SAAS, "TS211").contains(&176));
    let s = lines(SOCIAL, "TS211");
    for l in [96, 418, 534] {
        assert!(s.contains(&l), "social-challenges L{l}: {s:?}");
    }
    assert!(lines(DDD_FIXES, "TS211").contains(&59));
}

#[test]
fn code_heavy_specs_are_over_the_code_budget() {
    for name in [SOCIAL, MILES, SAAS, WORKOUT] {
        assert_eq!(lines(name, "TS212"), vec![1], "{name}");
    }
    assert!(lines(KANBAN, "TS212").is_empty());
}

#[test]
fn titles_left_from_the_template_or_doubled() {
    for name in [
        "rspassos__ilha__match-stats-collector.md",
        "schandon__api_copanela__apiRestCopanela.md",
    ] {
        let f = found(name, "TS108");
        assert_eq!(f.len(), 1, "{name}");
        assert_eq!(f[0].line, 1);
        assert!(
            f[0].message.contains("still the template's title"),
            "{}",
            f[0].message
        );
    }
    assert_eq!(lines(SOCIAL, "TS109"), vec![2]);
    assert_eq!(lines(MILES, "TS109"), vec![3]);
    // The sections under the second title are the spec's sections, not the
    // children of an unknown one.
    for name in [SOCIAL, MILES] {
        let t107 = found(name, "TS107");
        assert!(!t107.iter().any(|d| d.line <= 3), "{name}: {t107:?}");
    }
}

#[test]
fn api_endpoints_with_code_and_no_endpoint() {
    assert_eq!(lines(SAAS, "TS213"), vec![414]);
    assert!(lines(MILES, "TS213").is_empty());
}

#[test]
fn label_value_lines_are_not_summary_paragraphs() {
    assert!(lines(DDD_CLEAN, "TS206").is_empty());
}

#[test]
fn template_mismatch_names_what_it_found() {
    let f = found(
        "BrunoZamorano__ncfca_api_alpha__e2e-enrollment-controller.md",
        "TS001",
    );
    assert_eq!(f.len(), 1);
    assert!(
        f[0].message
            .contains("only 1 of the 17 required sections of the closest, `standard`, was found: \"Executive Summary\""),
        "{}",
        f[0].message
    );
}

/// The word budget a project's create-techspec command states is the
/// project's default, and the finding says where it came from.
#[test]
fn the_projects_create_techspec_command_sets_the_word_budget() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = tmp.path();
    std::fs::create_dir_all(repo.join(".git")).unwrap();
    std::fs::create_dir_all(repo.join(".cursor/commands")).unwrap();
    std::fs::write(
        repo.join(".cursor/commands/criar-techspec.md"),
        "# Criar Tech Spec\n\n- Manter até ~2.000 palavras\n",
    )
    .unwrap();
    let text = std::fs::read_to_string(spec(
        "luizfigueira__iadevt3_4-main__comparacao-planos-ai.md",
    ))
    .unwrap();
    std::fs::write(repo.join("techspec.md"), &text).unwrap();
    let run = |args: &[&str]| {
        let out = Command::cargo_bin("techspec")
            .unwrap()
            .current_dir(repo)
            .env("NO_COLOR", "1")
            .args(args)
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let out = run(&["check", "techspec.md"]);
    assert!(
        out.contains("over the budget of 2,000 (set in `.cursor/commands/criar-techspec.md`)"),
        "{out}"
    );
    // techspec.toml still wins.
    std::fs::write(repo.join("techspec.toml"), "word-budget = 3000\n").unwrap();
    let out = run(&["check", "techspec.md"]);
    assert!(!out.contains("TS205"), "{out}");
}

#[test]
fn statistics_show_prose_words_and_code_lines_also_in_json() {
    let path = spec(MILES);
    let out = Command::cargo_bin("techspec")
        .unwrap()
        .env("NO_COLOR", "1")
        .args(["check", "--no-project", "--statistics", "--format", "json"])
        .arg(&path)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let stats = &v["statistics"];
    assert_eq!(stats["files"][0]["code_lines"], 806);
    assert_eq!(stats["files"][0]["words"], 1173);
    assert!(
        stats["checks"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["code"] == "TS211" && c["count"] == 4),
        "{stats}"
    );
    let out = Command::cargo_bin("techspec")
        .unwrap()
        .env("NO_COLOR", "1")
        .args(["check", "--no-project", "--statistics"])
        .arg(&path)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("1173 words of prose, 806 lines of code in 5 blocks"),
        "{text}"
    );
}

/// A caret run under a very long span is cut at 60, with `…`.
#[test]
fn carets_under_long_spans_are_cut() {
    let tmp = tempfile::tempdir().unwrap();
    let long = "x".repeat(200);
    let text = format!("# Technical Specification: {long}\n\n## Executive Summary\n\nText.\n");
    let f = tmp.path().join("techspec.md");
    std::fs::write(&f, text).unwrap();
    let out = Command::cargo_bin("techspec")
        .unwrap()
        .env("NO_COLOR", "1")
        .args(["check", "--no-project"])
        .arg(&f)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    let caret_line = text
        .lines()
        .find(|l| l.contains("^^^"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(caret_line.matches('^').count() <= 60, "{caret_line}");
    assert!(caret_line.ends_with('…'), "{caret_line}");
}
