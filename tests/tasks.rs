//! `techspec tasks` end to end: default path beside the spec, never
//! overwriting without --force, `--out`.
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on what it did not expect"
)]

use std::path::Path;
use std::process::{Command, Output};

fn techspec(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_techspec"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

fn parents(md: &str) -> usize {
    md.lines()
        .filter(|l| {
            l.starts_with("- [ ] ")
                && l.split_whitespace()
                    .nth(3)
                    .is_some_and(|n| n.ends_with(".0"))
        })
        .count()
}

#[test]
fn tasks_beside_the_spec_and_never_overwritten() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus/specs/pandax54__milesControl__LD-48.md");
    let spec = std::fs::read_to_string(&corpus)
        .expect("the corpus (../shared/corpus beside the repository)");
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("tasks/prd-ld48")).unwrap();
    std::fs::write(dir.path().join("tasks/prd-ld48/techspec.md"), &spec).unwrap();

    let out = techspec(dir.path(), &["tasks", "tasks/prd-ld48/techspec.md"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let written = dir.path().join("tasks/prd-ld48/tasks.md");
    let md = std::fs::read_to_string(&written).unwrap();
    // The spec's Build Order has six steps.
    assert_eq!(parents(&md), 6, "{md}");
    assert!(
        md.contains(
            "\n- [ ] 1.0 Server action `getTransferConversionData` (Phase 1)\n  - Context: Foundation for all client-side work."
        )
    );
    assert!(md.contains("\n## Relevant Files\n\n**Modified files:**\n"));

    std::fs::write(&written, "mine").unwrap();
    let again = techspec(dir.path(), &["tasks", "tasks/prd-ld48/techspec.md"]);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("--force"));
    assert_eq!(std::fs::read_to_string(&written).unwrap(), "mine");
    let forced = techspec(
        dir.path(),
        &["tasks", "tasks/prd-ld48/techspec.md", "--force"],
    );
    assert!(forced.status.success());
    assert_eq!(std::fs::read_to_string(&written).unwrap(), md);

    let out = techspec(
        dir.path(),
        &[
            "tasks",
            "tasks/prd-ld48/techspec.md",
            "--out",
            "plan/ld48.md",
        ],
    );
    assert!(out.status.success());
    assert_eq!(
        std::fs::read_to_string(dir.path().join("plan/ld48.md")).unwrap(),
        md
    );
}

#[test]
fn a_spec_without_build_order_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("spec.md"),
        "# Technical Specification: X\n\n## Executive Summary\n\nText.\n",
    )
    .unwrap();
    let out = techspec(dir.path(), &["tasks", "spec.md"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no Build Order section"));
    assert!(!dir.path().join("tasks.md").exists());
}

/// Issue 12: a Build Order that is still the template's guidance (what
/// `--fix --unsafe-fixes` inserts) makes no tasks; and a Portuguese spec gets
/// its task list, messages and section names in Portuguese.
#[test]
fn guidance_is_refused_and_portuguese_specs_get_portuguese_tasks() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join(
        "../shared/corpus/specs/virb30__whatsapp-telegram-bridge__whatsapp-telegram-bridge.md",
    );
    let spec = std::fs::read_to_string(&corpus).unwrap();
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();

    // The Build Order as the unsafe fix inserts it: refused, in Portuguese.
    let guidance = spec.replacen(
        "## Monitoramento e Observabilidade",
        "### Ordem de Construção\n\n[Defina a sequência de implementação:\n\n1. Primeiro componente/funcionalidade (por que vem primeiro)\n2. Segundo componente/funcionalidade (dependências)]\n\n## Monitoramento e Observabilidade",
        1,
    ).replace("## Sequenciamento de Desenvolvimento\n\n1.", "## Sequenciamento de Desenvolvimento\n\nPassos:\n\n-");
    std::fs::write(dir.path().join("guidance.md"), &guidance).unwrap();
    let out = techspec(dir.path(), &["tasks", "guidance.md"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("ainda é a orientação do modelo"),
        "{stderr}"
    );
    assert!(!dir.path().join("tasks.md").exists());

    // `--fix` puts `### Ordem de Construção` over the numbered steps; the
    // task list is then in Portuguese.
    std::fs::write(dir.path().join("spec.md"), &spec).unwrap();
    techspec(dir.path(), &["check", "--no-project", "--fix", "spec.md"]);
    let out = techspec(dir.path(), &["tasks", "spec.md"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("6 tarefas principais a partir da Ordem de Construção"),
        "{stderr}"
    );
    let md = std::fs::read_to_string(dir.path().join("tasks.md")).unwrap();
    assert!(
        md.starts_with("# Tarefas: Ponte WhatsApp-Telegram\n"),
        "{md}"
    );
    assert!(
        md.contains("\n## Tarefas\n\n- [ ] 1.0 Configuração do Backend e Banco de Dados"),
        "{md}"
    );
    assert!(
        md.contains("\n## Arquivos Relevantes\n\nNenhum listado na especificação.\n"),
        "{md}"
    );
    assert!(
        !md.contains("Relevant Files") && !md.contains("Generated by"),
        "{md}"
    );
}

/// Issue 15: LD-48's generated task list beside the list its team kept
/// (`../shared/corpus/tasks/`): which real task each generated one matches
/// (by shared words), and the dependencies each side states. The snapshot
/// pins the comparison; the remaining differences are explained there.
#[test]
fn ld48_generated_tasks_against_the_real_list() {
    use std::collections::BTreeSet;
    use std::fmt::Write;
    use techspec::model::document::Document;

    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let spec = std::fs::read_to_string(corpus.join("specs/pandax54__milesControl__LD-48.md"))
        .expect("the corpus (../shared/corpus beside the repository)");
    let real = std::fs::read_to_string(corpus.join("tasks/pandax54__milesControl__LD-48.md"))
        .expect("the corpus task lists (../shared/corpus/tasks)");
    let list = techspec::authoring::tasks::plan(&Document::parse(&spec)).unwrap();

    let words = |s: &str| -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        let mut w = String::new();
        let mut prev_lower = false;
        for c in s.chars().chain([' ']) {
            if c.is_alphanumeric() && !(c.is_uppercase() && prev_lower) {
                prev_lower = c.is_lowercase();
                w.push(c);
                continue;
            }
            let t = w.to_lowercase().trim_end_matches('s').to_string();
            if t.len() >= 3
                && !["and", "the", "into", "phase", "add", "create", "to"].contains(&t.as_str())
            {
                out.insert(t);
            }
            w.clear();
            prev_lower = false;
            if c.is_alphanumeric() {
                prev_lower = c.is_lowercase();
                w.push(c);
            }
        }
        out
    };
    // The real list: `- [x] N.0 Title` lines and "N.0 depends on A.0 and B.0".
    let real_tasks: Vec<String> = real
        .lines()
        .filter_map(|l| {
            l.strip_prefix("- [x] ")
                .or_else(|| l.strip_prefix("- [ ] "))
        })
        .map(|l| l.split_once(' ').map_or(l, |(_, t)| t).to_string())
        .collect();
    let mut real_deps = BTreeSet::new();
    for sentence in real.split(". ") {
        if let Some((task, deps)) = sentence.split_once(" depends on ") {
            let n = |s: &str| {
                s.trim()
                    .trim_end_matches(['.', '0'])
                    .trim_end_matches('.')
                    .parse::<usize>()
                    .ok()
            };
            let Some(t) = task.rsplit(' ').next().and_then(n) else {
                continue;
            };
            for d in deps.split(" and ").filter_map(n) {
                real_deps.insert((t, d));
            }
        }
    }
    let mut report = String::new();
    let _ = writeln!(report, "generated task -> best real task (shared words)");
    let mut matched = Vec::new();
    for (i, t) in list.tasks.iter().enumerate() {
        let mine = words(&format!("{} {}", t.title, t.subtasks.join(" ")));
        let best = real_tasks
            .iter()
            .enumerate()
            .map(|(j, r)| (words(r).intersection(&mine).count(), j))
            .max_by_key(|&(score, j)| (score, std::cmp::Reverse(j)))
            .filter(|&(score, _)| score >= 2);
        match best {
            Some((score, j)) => {
                matched.push(Some(j + 1));
                let _ = writeln!(
                    report,
                    "{}.0 {} -> {}.0 {} ({score})",
                    i + 1,
                    t.title,
                    j + 1,
                    real_tasks[j]
                );
            }
            None => {
                matched.push(None);
                let _ = writeln!(report, "{}.0 {} -> none", i + 1, t.title);
            }
        }
    }
    let unmatched: Vec<String> = (1..=real_tasks.len())
        .filter(|j| !matched.contains(&Some(*j)))
        .map(|j| format!("{j}.0 {}", real_tasks[j - 1]))
        .collect();
    let _ = writeln!(
        report,
        "real tasks no generated task matches: {unmatched:?}"
    );
    let generated_deps: BTreeSet<(usize, usize)> = list
        .tasks
        .iter()
        .enumerate()
        .flat_map(|(i, t)| t.depends_on.iter().map(move |d| (i + 1, d + 1)))
        .collect();
    let _ = writeln!(report, "real dependencies (task, on): {real_deps:?}");
    let _ = writeln!(
        report,
        "generated dependencies (task, on): {generated_deps:?}"
    );
    // Each generated dependency, in the real list's numbering, is one the
    // team also wrote.
    for (t, d) in &generated_deps {
        let (Some(rt), Some(rd)) = (matched[t - 1], matched[d - 1]) else {
            continue;
        };
        assert!(real_deps.contains(&(rt, rd)), "{t} on {d}: {report}");
    }
    insta::assert_snapshot!(report);
}
