//! The tools' work, without a client.

use std::path::Path;

use super::*;

const COMPLETE: &str =
    include_str!("../../../examples/refunds/tasks/prd-payment-refunds/techspec.md");

/// A copy of `examples/refunds` (its code, rules and a complete spec) as a repository.
fn workspace() -> (tempfile::TempDir, Root) {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/refunds"),
        dir.path(),
    );
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    std::fs::remove_file(dir.path().join("techspec.toml")).unwrap();
    std::fs::remove_dir_all(dir.path().join("tasks")).unwrap();
    let root = Root::new(dir.path()).unwrap();
    (dir, root)
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

fn missing_monitoring() -> String {
    let start = COMPLETE.find("## Monitoring and Observability").unwrap();
    let end = COMPLETE.find("## Technical Considerations").unwrap();
    format!("{}{}", &COMPLETE[..start], &COMPLETE[end..])
}

#[test]
fn six_tools_with_schemas() {
    let (_d, root) = workspace();
    let server = TechspecMcp::new(root.path()).unwrap();
    let tools = server.tools();
    let names: Vec<&str> = tools.iter().map(|t| t.name.as_ref()).collect();
    assert_eq!(
        names,
        [
            "techspec_check",
            "techspec_explain",
            "techspec_files",
            "techspec_new",
            "techspec_rules",
            "techspec_template",
            "techspec_trace"
        ]
    );
    for t in &tools {
        assert_eq!(
            t.input_schema.get("type").and_then(|v| v.as_str()),
            Some("object"),
            "{}",
            t.name
        );
        assert!(
            t.description.as_ref().is_some_and(|d| d.len() > 80),
            "{}",
            t.name
        );
    }
}

#[test]
fn check_inline_text_and_files() {
    let (dir, root) = workspace();
    let out = check::run(
        &root,
        CheckParams {
            text: Some(missing_monitoring()),
            ..Default::default()
        },
    )
    .unwrap();
    assert!(
        out.text
            .contains("inline.md (template `standard`): 1 error(s), 0 warning(s), 0 info(s)"),
        "{}",
        out.text
    );
    assert!(
        out.text
            .contains(" TS101 missing required section `## Monitoring and Observability` — add a"),
        "{}",
        out.text
    );
    let json = out.structured.unwrap();
    assert_eq!(json["version"], 1);
    assert_eq!(json["files"][0]["diagnostics"][0]["code"], "TS101");
    assert_eq!(json["summary"]["errors"], 1);

    std::fs::create_dir_all(dir.path().join("tasks/prd-a")).unwrap();
    std::fs::write(dir.path().join("tasks/prd-a/techspec.md"), COMPLETE).unwrap();
    let out = check::run(
        &root,
        CheckParams {
            path: Some("tasks/prd-a/techspec.md".into()),
            ..Default::default()
        },
    )
    .unwrap();
    assert!(out.text.contains("The spec is clean."), "{}", out.text);
    // No path, no text: every spec of the workspace.
    let out = check::run(&root, CheckParams::default()).unwrap();
    assert_eq!(
        out.structured.unwrap()["files"][0]["path"],
        "tasks/prd-a/techspec.md"
    );
    // Outside the root: refused.
    let err = check::run(
        &root,
        CheckParams {
            path: Some("../x.md".into()),
            ..Default::default()
        },
    )
    .unwrap_err();
    assert!(
        err.to_string().contains("outside the workspace root"),
        "{err}"
    );
    let err = check::run(
        &root,
        CheckParams {
            template: Some("../t.md".into()),
            text: Some("x".into()),
            ..Default::default()
        },
    )
    .unwrap_err();
    assert!(
        err.to_string().contains("outside the workspace root"),
        "{err}"
    );
}

#[test]
fn new_writes_once_and_never_overwrites() {
    let (dir, root) = workspace();
    let p = NewParams {
        name: "Payment Refunds".into(),
        ..Default::default()
    };
    let out = new::run(&root, p.clone()).unwrap();
    assert!(
        out.text
            .starts_with("created tasks/prd-payment-refunds/techspec.md from template `standard`"),
        "{}",
        out.text
    );
    assert!(
        out.text.contains("language: go (from go.mod)"),
        "{}",
        out.text
    );
    let written =
        std::fs::read_to_string(dir.path().join("tasks/prd-payment-refunds/techspec.md")).unwrap();
    assert!(written.starts_with("# Technical Specification: Payment Refunds"));
    let err = new::run(&root, p).unwrap_err().to_string();
    assert!(
        err.contains("already exists") && err.contains("never overwrites"),
        "{err}"
    );
    let err = new::run(
        &root,
        NewParams {
            name: "X".into(),
            path: Some("../../x.md".into()),
            ..Default::default()
        },
    )
    .unwrap_err();
    assert!(
        err.to_string().contains("outside the workspace root"),
        "{err}"
    );
    let err = new::run(
        &root,
        NewParams {
            name: " ".into(),
            ..Default::default()
        },
    )
    .unwrap_err();
    assert!(err.to_string().contains("empty"), "{err}");
}

/// `techspec_new` lists the project's always-on rules under Standards
/// Compliance and says so, as `techspec new` does.
#[test]
fn new_lists_the_always_on_rules() {
    let (dir, root) = workspace();
    let out = new::run(
        &root,
        NewParams {
            name: "Payment Refunds".into(),
            ..Default::default()
        },
    )
    .unwrap();
    assert!(
        out.text.contains(
            "standards compliance: listed 1 always-on rule(s): .cursor/rules/go-style.mdc\n"
        ),
        "{}",
        out.text
    );
    let structured = out.structured.unwrap();
    assert_eq!(
        structured["always_on_rules"],
        serde_json::json!([".cursor/rules/go-style.mdc"])
    );
    let written =
        std::fs::read_to_string(dir.path().join("tasks/prd-payment-refunds/techspec.md")).unwrap();
    assert!(
        written.contains("- `.cursor/rules/go-style.mdc`: Go code style for this repository"),
        "{written}"
    );
    assert!(!written.contains("http-api.mdc"), "{written}");
}

#[test]
fn template_and_explain() {
    let (_d, root) = workspace();
    let out = template::run(
        &root,
        TemplateParams {
            lang: Some("python".into()),
            ..Default::default()
        },
    )
    .unwrap();
    assert!(out.text.contains("## Executive Summary"), "{}", out.text);
    assert!(out.text.contains("```python"), "{}", out.text);
    let err = template::run(
        &root,
        TemplateParams {
            name: Some("nope".into()),
            ..Default::default()
        },
    )
    .unwrap_err();
    assert!(err.to_string().contains("available: "), "{err}");
    let out = explain::run(
        &root,
        ExplainParams {
            code: Some("missing-section".into()),
        },
    )
    .unwrap();
    assert!(
        out.text
            .starts_with("# TS101 missing-section (error by default)"),
        "{}",
        out.text
    );
    let out = explain::run(&root, ExplainParams::default()).unwrap();
    assert!(
        out.text.contains("TS103 wrong-heading-level"),
        "{}",
        out.text
    );
    assert!(
        explain::run(
            &root,
            ExplainParams {
                code: Some("TS999".into())
            }
        )
        .is_err()
    );
}

#[test]
fn rules_and_files_research_the_project() {
    let (dir, root) = workspace();
    std::fs::create_dir_all(dir.path().join("tasks/prd-a")).unwrap();
    std::fs::write(dir.path().join("tasks/prd-a/techspec.md"), COMPLETE).unwrap();
    let out = rules::run(
        &root,
        RulesParams {
            path: Some("tasks/prd-a/techspec.md".into()),
        },
    )
    .unwrap();
    assert!(
        out.text.contains(".cursor/rules/go-style.mdc (cited)"),
        "{}",
        out.text
    );
    assert!(
        out.text.contains(".cursor/rules/http-api.mdc (cited)"),
        "{}",
        out.text
    );
    let all = rules::run(&root, RulesParams::default()).unwrap();
    assert_eq!(
        all.structured.unwrap()["rules"].as_array().unwrap().len(),
        2
    );
    let err = rules::run(
        &root,
        RulesParams {
            path: Some("../x.md".into()),
        },
    )
    .unwrap_err();
    assert!(
        err.to_string().contains("outside the workspace root"),
        "{err}"
    );

    let out = files::run(
        &root,
        FilesParams {
            query: Some("refund worker processor".into()),
            ..Default::default()
        },
    )
    .unwrap();
    assert!(
        out.text.contains("internal/refunds/worker.go"),
        "{}",
        out.text
    );
    let out = files::run(
        &root,
        FilesParams {
            path: Some("tasks/prd-a/techspec.md".into()),
            limit: Some(3),
            ..Default::default()
        },
    )
    .unwrap();
    let hits = out.structured.unwrap()["files"].as_array().unwrap().len();
    assert!((1..=3).contains(&hits), "{hits}");
    assert!(
        !out.text.contains("techspec.md"),
        "the spec itself is never suggested: {}",
        out.text
    );
    assert!(files::run(&root, FilesParams::default()).is_err());
}

#[test]
fn check_uses_the_template_the_repository_keeps_and_notes_unusable_ones() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/templates/en-command"),
        dir.path(),
    );
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    // A second creator naming a file that is no template.
    std::fs::create_dir_all(dir.path().join(".claude/agents")).unwrap();
    std::fs::write(
        dir.path().join(".claude/agents/techspec-writer.md"),
        "Follow `docs/tech-spec-template.md`.\n",
    )
    .unwrap();
    std::fs::create_dir_all(dir.path().join("docs")).unwrap();
    std::fs::write(dir.path().join("docs/tech-spec-template.md"), "").unwrap();
    let root = Root::new(dir.path()).unwrap();
    let out = check::run(
        &root,
        check::CheckParams {
            path: Some("tasks/prd-invoices/techspec.md".into()),
            ..Default::default()
        },
    )
    .unwrap();
    let json = out.structured.unwrap();
    assert_eq!(
        json["files"][0]["template"],
        "templates/techspec-template.md"
    );
    assert!(
        out.text
            .contains("missing required section `## Rollout Plan`"),
        "{}",
        out.text
    );
    assert!(
        out.text.contains(
            "Note: docs/tech-spec-template.md: not used as a template (the project's, named in \
             .claude/agents/techspec-writer.md): it is empty"
        ),
        "{}",
        out.text
    );
}

#[test]
fn rules_tool_lists_skills_with_descriptions() {
    let (dir, root) = workspace();
    std::fs::create_dir_all(dir.path().join(".claude/skills/go-testing")).unwrap();
    std::fs::write(
        dir.path().join(".claude/skills/go-testing/SKILL.md"),
        "---\nname: go-testing\ndescription: Table-driven Go tests with fakes.\n---\n",
    )
    .unwrap();
    std::fs::create_dir_all(dir.path().join("tasks/prd-a")).unwrap();
    let spec = COMPLETE.replace(
        "- `.cursor/rules/go-style.mdc`",
        "- `.claude/skills/go-testing/`: fakes for the processor.\n- `.cursor/rules/go-style.mdc`",
    );
    assert_ne!(spec, COMPLETE);
    std::fs::write(dir.path().join("tasks/prd-a/techspec.md"), spec).unwrap();
    let out = rules::run(
        &root,
        RulesParams {
            path: Some("tasks/prd-a/techspec.md".into()),
        },
    )
    .unwrap();
    assert!(
        out.text.contains(
            ".claude/skills/go-testing `go-testing` (cited): Table-driven Go tests with fakes."
        ),
        "{}",
        out.text
    );
    assert_eq!(out.structured.unwrap()["skills"][0]["name"], "go-testing");
    let all = rules::run(&root, RulesParams::default()).unwrap();
    assert!(
        all.text.contains("Table-driven Go tests with fakes."),
        "{}",
        all.text
    );
    assert_eq!(
        all.structured.unwrap()["skills"].as_array().unwrap().len(),
        1
    );
}

/// What an agent is told (MCP `instructions`, the workflow `init` installs):
/// errors must be fixed, warnings should be, infos are for the author.
#[test]
fn agents_are_told_how_to_weigh_severities() {
    let workflow = include_str!("../../authoring/init/assets/workflow.md").replace("\n   ", " ");
    for text in [INSTRUCTIONS, workflow.as_str()] {
        assert!(text.contains("Errors must be fixed"), "{text}");
        assert!(text.contains("warnings should be fixed"), "{text}");
        assert!(
            text.contains("infos are notes for the author to judge"),
            "{text}"
        );
    }
    let server = TechspecMcp::new(Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap();
    use rmcp::ServerHandler as _;
    assert_eq!(
        server.get_info().instructions.as_deref(),
        Some(INSTRUCTIONS)
    );
}

/// Paging: errors first, `max_findings` per answer, the next offset named;
/// an empty page says why instead of "1–0".
#[test]
fn check_pages_errors_first() {
    let (dir, root) = workspace();
    std::fs::create_dir_all(dir.path().join("tasks/prd-a")).unwrap();
    std::fs::write(
        dir.path().join("tasks/prd-a/techspec.md"),
        format!(
            "{}\n\nTODO one.\n\nTODO two.\n\nTODO three.\n",
            missing_monitoring()
        ),
    )
    .unwrap();
    let run = |max, offset| {
        check::run(
            &root,
            CheckParams {
                path: Some("tasks/prd-a/techspec.md".into()),
                max_findings: Some(max),
                offset: Some(offset),
                ..Default::default()
            },
        )
        .unwrap()
    };
    let all = run(1000, 0);
    let total = all.structured.as_ref().unwrap()["page"]["total"]
        .as_u64()
        .unwrap();
    assert!(total > 2, "{}", all.text);
    let first = run(2, 0);
    let s = first.structured.unwrap();
    assert_eq!(s["page"]["listed"], 2);
    assert_eq!(s["page"]["next_offset"], 2);
    assert_eq!(s["files"][0]["diagnostics"][0]["severity"], "error");
    assert!(first.text.contains("offset=2"), "{}", first.text);
    let none = run(0, 0);
    assert!(none.text.contains("None of the"), "{}", none.text);
    assert!(!none.text.contains("1–0"), "{}", none.text);
}

/// `techspec_trace` gives the matrix of a spec whose PRD sits beside it,
/// and says where it looked when there is none; `techspec_check` shows the
/// findings of the PRD and task files with their root-relative paths.
#[test]
fn trace_tool_and_companion_findings() {
    let (dir, root) = workspace();
    let d = dir.path().join("tasks/prd-x");
    std::fs::create_dir_all(&d).unwrap();
    std::fs::write(d.join("techspec.md"), missing_monitoring()).unwrap();
    std::fs::write(
        d.join("prd.md"),
        "# PRD\n\n## Requirements\n\n1. **FR-1**: Customers receive a yearly loyalty certificate by postal mail.\n",
    )
    .unwrap();
    let out = super::trace::run(
        &root,
        TraceParams {
            path: "tasks/prd-x/techspec.md".into(),
        },
    )
    .unwrap();
    let json = out.structured.unwrap();
    assert_eq!(json["prd"], "tasks/prd-x/prd.md");
    assert_eq!(json["requirements"][0]["id"], "FR-1");
    assert_eq!(json["requirements"][0]["status"], "not-addressed");
    let checked = check::run(
        &root,
        CheckParams {
            path: Some("tasks/prd-x".into()),
            ..CheckParams::default()
        },
    )
    .unwrap();
    let files = checked.structured.unwrap()["files"].clone();
    assert_eq!(files[1]["path"], "tasks/prd-x/prd.md", "{files}");
    assert_eq!(files[1]["diagnostics"][0]["code"], "TS401");
    assert!(
        checked.text.contains("tasks/prd-x/prd.md"),
        "{}",
        checked.text
    );
    std::fs::remove_file(d.join("prd.md")).unwrap();
    let err = super::trace::run(
        &root,
        TraceParams {
            path: "tasks/prd-x/techspec.md".into(),
        },
    )
    .unwrap_err();
    assert!(err.to_string().contains("no PRD found"), "{err}");
}

/// A folder of several specs (fixtures with findings of many checks, a
/// subfolder with its own techspec.toml, a spec with a PRD beside it, a
/// binary file and a link out of the root) and the whole workspace, in one
/// call each: the answer lists the files in the order found, each with the
/// findings `check` gives it.
#[test]
fn check_of_many_files_keeps_their_order_and_findings() {
    let (dir, root) = workspace();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/checks");
    let specs = dir.path().join("tasks/prd-many");
    std::fs::create_dir_all(specs.join("sub")).unwrap();
    for (i, code) in [
        "TS101", "TS102", "TS105", "TS201", "TS205", "TS207", "TS208",
    ]
    .iter()
    .enumerate()
    {
        std::fs::copy(
            fixtures.join(code).join("fail.md"),
            specs.join(format!("{i}-{code}.md")),
        )
        .unwrap();
    }
    std::fs::write(specs.join("techspec.md"), missing_monitoring()).unwrap();
    std::fs::write(
        specs.join("prd.md"),
        "# PRD\n\n## Requirements\n\n1. Refunds are paid back within a day.\n",
    )
    .unwrap();
    std::fs::write(specs.join("sub/techspec.toml"), "word-budget = 50\n").unwrap();
    std::fs::write(specs.join("sub/techspec.md"), COMPLETE).unwrap();
    std::fs::write(specs.join("binary.md"), b"# T\0\0").unwrap();
    #[cfg(unix)]
    {
        let outside = Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
        std::os::unix::fs::symlink(&outside, specs.join("outside.md")).unwrap();
        // A Relevant File linked out of the root is not there for the server.
        let ledger = dir.path().join("internal/payments/ledger.go");
        std::fs::remove_file(&ledger).unwrap();
        std::os::unix::fs::symlink(&outside, &ledger).unwrap();
    }
    // As the server confines every tool call.
    let _scope = crate::io::confine::enter(crate::io::confine::canonical_roots(&[root
        .path()
        .to_path_buf()]));
    for path in [Some("tasks/prd-many".to_string()), None] {
        let out = check::run(
            &root,
            CheckParams {
                path: path.clone(),
                include_infos: Some(true),
                max_findings: Some(1000),
                ..Default::default()
            },
        )
        .unwrap();
        let answer = format!(
            "{}\n{}",
            out.text,
            serde_json::to_string_pretty(&out.structured.unwrap()).unwrap()
        );
        insta::assert_snapshot!(
            format!(
                "many_files_{}",
                if path.is_some() {
                    "folder"
                } else {
                    "workspace"
                }
            ),
            answer.replace(&root.path().display().to_string(), "<root>")
        );
    }
}

/// The ADRs in `adrs/` beside a spec are checked with it, as `check` does,
/// whether the call names the folder or the whole workspace.
#[test]
fn check_reads_the_adrs_beside_a_spec_as_the_command_line_does() {
    let (dir, root) = workspace();
    let feature = dir.path().join("tasks/prd-adr");
    std::fs::create_dir_all(feature.join("adrs")).unwrap();
    std::fs::write(feature.join("techspec.md"), COMPLETE).unwrap();
    std::fs::write(
        feature.join("adrs/adr-001.md"),
        "# ADR-001: Ledger entries for refunds\n\n## Context\n\nRefunds must be traced.\n",
    )
    .unwrap();
    let cli = crate::engine::workspace::select(
        dir.path(),
        &crate::engine::workspace::Request {
            paths: vec![feature.clone()],
            ..Default::default()
        },
        &mut |_| {},
    )
    .unwrap()
    .check(Some(1), false, &|| {})
    .unwrap()
    .reports;
    let adr = cli
        .iter()
        .find(|r| r.path.ends_with("adrs/adr-001.md"))
        .expect("the command line checks the ADR");
    let adr_codes: Vec<&str> = adr.diagnostics.iter().map(|d| d.code.as_str()).collect();
    assert!(
        !adr_codes.is_empty(),
        "the ADR lacks its Decision: {adr_codes:?}"
    );
    let _scope = crate::io::confine::enter(crate::io::confine::canonical_roots(&[root
        .path()
        .to_path_buf()]));
    for path in [Some("tasks/prd-adr".to_string()), None] {
        let out = check::run(
            &root,
            CheckParams {
                path: path.clone(),
                include_infos: Some(true),
                max_findings: Some(1000),
                ..Default::default()
            },
        )
        .unwrap();
        let structured = serde_json::to_string(&out.structured.unwrap()).unwrap();
        assert!(
            structured.contains("tasks/prd-adr/adrs/adr-001.md"),
            "{path:?}: {structured}"
        );
        for code in &adr_codes {
            assert!(out.text.contains(code), "{path:?}: {code} in {}", out.text);
        }
    }
}
