use super::*;

#[test]
fn companion_names() {
    for (name, kind) in [
        ("prd.md", Some(Kind::Prd)),
        ("_PRD.md", Some(Kind::Prd)),
        ("tasks.md", Some(Kind::TaskList)),
        ("_tasks.md", Some(Kind::TaskList)),
        ("1_task.md", Some(Kind::TaskFile)),
        ("_3_task.md", Some(Kind::TaskFile)),
        ("task_01.md", Some(Kind::TaskFile)),
        ("task-2.0-name.md", Some(Kind::TaskFile)),
        ("2.0_migration.md", Some(Kind::TaskFile)),
        ("3_task_review.md", None),
        ("3.0_task_review.md", None),
        ("techspec.md", None),
        ("task-template.md", None),
    ] {
        assert_eq!(kind_of_name(name), kind, "{name}");
    }
    assert_eq!(task_number_of_name("task_01.md").as_deref(), Some("1"));
    assert_eq!(normalize_task_id("1.0"), "1");
    assert_eq!(normalize_task_id("task_03"), "3");
    assert_eq!(normalize_task_id("2.10"), "2.10");
}

/// The PRD and task parsers never panic on damaged input (the heavy run is
/// the `trace` target of `bench/fuzz.sh`).
#[test]
fn damaged_companions_do_not_panic() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/trace/en");
    let texts: Vec<String> = ["prd.md", "tasks.md", "2_task.md"]
        .iter()
        .map(|f| std::fs::read_to_string(dir.join(f)).unwrap_or_default())
        .collect();
    let edges = [
        "",
        "\0",
        "- [x] ",
        "| 1 |",
        "**FR-1**",
        "---\n",
        "é",
        "\r\n",
        "1. ",
        "Depends on: 1.0, 1.0",
    ];
    let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
    for _ in 0..200 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let texts: Vec<String> = texts
            .iter()
            .map(|t| {
                let mut cut = (seed as usize) % (t.len() + 1);
                while !t.is_char_boundary(cut) {
                    cut -= 1;
                }
                format!(
                    "{}{}",
                    &t[..cut],
                    edges[(seed >> 40) as usize % edges.len()]
                )
            })
            .collect();
        let companions = Companions {
            files: [Kind::Prd, Kind::TaskList, Kind::TaskFile]
                .iter()
                .zip(&texts)
                .map(|(k, t)| Companion {
                    path: std::path::PathBuf::from("x.md"),
                    kind: *k,
                    doc: Some(Document::parse(t)),
                    problem: None,
                })
                .collect(),
        };
        let _ = prd::requirements(companions.files[0].doc.as_ref().unwrap());
        let _ = tasklist::read(&companions);
    }
}
