use super::*;

fn corpus(name: &str) -> Option<String> {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus/specs")
        .join(name);
    std::fs::read_to_string(p).ok()
}

#[test]
fn ld48_gives_one_parent_task_per_build_order_step() {
    let text = corpus("pandax54__milesControl__LD-48.md")
        .expect("the corpus (../shared/corpus beside the repository) is needed by this test");
    let list = plan(&Document::parse(&text)).unwrap();
    // The spec's Build Order has six numbered steps (Phase 1 to Phase 6).
    let titles: Vec<&str> = list.tasks.iter().map(|t| t.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Server action `getTransferConversionData` (Phase 1)",
            "`NetValueBadge` component (Phase 2)",
            "`useTransferConversion` hook (Phase 3)",
            "Transfer form dialog enhancement (Phase 4)",
            "Transfer history table enhancement (Phase 5)",
            "Testing and polish (Phase 6)",
        ]
    );
    assert_eq!(
        list.tasks[0].subtasks,
        [
            "Foundation for all client-side work",
            "Depends on existing `getUserAverageCostPerMilheiro()` and `listPromotions()`",
            "No new DB queries",
        ]
    );
    assert!(
        list.tasks[1]
            .tests
            .iter()
            .any(|t| t.text.contains("net-value-badge.test.tsx")),
        "{:?}",
        list.tasks[1]
    );
    assert!(
        list.tasks[2]
            .tests
            .iter()
            .any(|t| t.text.contains("use-transfer-conversion.test.ts")),
        "{:?}",
        list.tasks[2]
    );
    assert!(
        list.tasks[3]
            .tests
            .iter()
            .any(|t| t.text.starts_with("Transfer form dialog renders")),
        "{:?}",
        list.tasks[3]
    );
    assert!(
        list.relevant_files
            .as_deref()
            .unwrap()
            .contains("src/hooks/use-transfer-conversion.ts")
    );
    assert!(
        list.dependencies
            .as_deref()
            .unwrap()
            .contains("No infrastructure changes required")
    );
    let md = render(&list, "LD-48.md");
    assert_eq!(
        md.lines()
            .filter(|l| l.starts_with("- [ ] ") && l.contains(".0 "))
            .count(),
        6
    );
    assert!(md.starts_with("# Tasks: Currency Conversion Display on Transfer Page\n"));
    assert!(
        md.contains(
            "\n  - [ ] 3.4 Write tests: Unit Tests: `src/hooks/use-transfer-conversion.test.ts`\n"
        ),
        "{md}"
    );
}

#[test]
fn nested_items_subsections_and_paragraphs() {
    let spec = "# Technical Specification: X\n\n## Development Sequencing\n\n### Build Order\n\n1. **Setup**: create the module.\n   - add the table\n   - add the model\n2. Wire the API handler; expose routes.\n\n## Testing Approach\n\n- Setup module creates the table\n";
    let list = plan(&Document::parse(spec)).unwrap();
    assert_eq!(list.tasks.len(), 2);
    assert_eq!(list.tasks[0].title, "Setup");
    assert_eq!(
        list.tasks[0].subtasks,
        ["create the module", "add the table", "add the model"]
    );
    assert_eq!(list.tasks[1].title, "Wire the API handler");
    assert_eq!(list.tasks[1].subtasks, ["expose routes"]);
    assert!(list.relevant_files.is_none());

    let phases = "# T\n\n## Build Order\n\n### Phase 1: Data\n\n- Migration\n\n### Phase 2: API\n\nHandlers. Routes.\n";
    let list = plan(&Document::parse(phases)).unwrap();
    let titles: Vec<_> = list.tasks.iter().map(|t| t.title.as_str()).collect();
    assert_eq!(titles, ["Phase 1: Data", "Phase 2: API"]);
    assert_eq!(list.tasks[1].subtasks, ["Handlers", "Routes"]);

    let category = "# T\n\n## Build Order\n\n1. Backend: Hono routes and validation; integration tests; mount under `/api`.\n";
    let list = plan(&Document::parse(category)).unwrap();
    assert_eq!(list.tasks[0].title, "Backend: Hono routes and validation");
    assert_eq!(
        list.tasks[0].subtasks,
        ["integration tests", "mount under `/api`"]
    );

    let paragraphs = "# T\n\n## Ordem de Construção\n\nPrimeiro — o modelo.\n\nDepois — a API.\n";
    assert_eq!(plan(&Document::parse(paragraphs)).unwrap().tasks.len(), 2);
}

#[test]
fn errors_without_build_order() {
    assert_eq!(
        plan(&Document::parse("# T\n\n## Executive Summary\n\nx\n")),
        Err(TasksError::NoBuildOrder)
    );
    assert_eq!(
        plan(&Document::parse("# T\n\n## Build Order\n\n")),
        Err(TasksError::EmptyBuildOrder)
    );
}

#[test]
fn sentences_keep_code_and_abbreviations() {
    assert_eq!(
        sentences("Use `a.b()` here, e.g. for X. Then Y; and Z. 3.5 stays."),
        [
            "Use `a.b()` here, e.g. for X",
            "Then Y",
            "and Z",
            "3.5 stays"
        ]
    );
}

#[test]
fn terms_split_identifiers() {
    let t = terms("`useTransferConversion` hook and src/hooks/use-transfer-conversion.test.ts");
    assert_eq!(
        t.into_iter().collect::<Vec<_>>(),
        ["conversion", "hook", "transfer"]
    );
}
