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
    // Descriptions are context, not checkboxes.
    assert!(list.tasks[0].subtasks.is_empty(), "{:?}", list.tasks[0]);
    assert_eq!(
        list.tasks[0].notes,
        [
            "Foundation for all client-side work",
            "Depends on existing `getUserAverageCostPerMilheiro()` and `listPromotions()`",
            "No new DB queries",
        ]
    );
    // "Depends on the server action from Phase 1" is a dependency.
    assert_eq!(list.tasks[2].depends_on, [0]);
    assert_eq!(
        list.tasks[2].subtasks,
        ["Handle debouncing, CPM caching, and BRL calculation"]
    );
    // Tests go to the task whose components they name, once.
    assert!(
        list.tasks[4]
            .tests
            .iter()
            .any(|t| t.text.starts_with("History table rows")),
        "{:?}",
        list.tasks[4]
    );
    assert!(
        !list.tasks[1]
            .tests
            .iter()
            .any(|t| t.text.starts_with("History table rows"))
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
            "\n- [ ] 3.0 `useTransferConversion` hook (Phase 3)\n  - Depends on: 1.0\n  - Context: Client-side logic layer.\n  - [ ] 3.1 Handle debouncing, CPM caching, and BRL calculation\n  - [ ] 3.2 Write tests: Unit Tests: `src/hooks/use-transfer-conversion.test.ts`\n"
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
    assert_eq!(list.tasks[1].notes, ["Handlers", "Routes"]);
    assert!(list.tasks[1].subtasks.is_empty());

    let category = "# T\n\n## Build Order\n\n1. Backend: Hono routes and validation; integration tests; mount under `/api`.\n";
    let list = plan(&Document::parse(category)).unwrap();
    assert_eq!(list.tasks[0].title, "Backend: Hono routes and validation");
    assert_eq!(list.tasks[0].subtasks, ["mount under `/api`"]);
    assert_eq!(list.tasks[0].notes, ["integration tests"]);

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

#[test]
fn dependencies_become_task_dependencies_not_checkboxes() {
    let spec = "# T\n\n## Build Order\n\n1. **Schema** (Phase 1) — Create the tables.\n2. **API** (Phase 2) — Depends on Phase 1. Add the routes.\n3. **UI** (Phase 3) — Requires Phases 1 and 2. Wire the page after step 2.\n4. **Docs** — After task 3.0.\n";
    let list = plan(&Document::parse(spec)).unwrap();
    let deps: Vec<&[usize]> = list.tasks.iter().map(|t| t.depends_on.as_slice()).collect();
    assert_eq!(deps, [&[][..], &[0], &[0, 1], &[2]]);
    // A sentence that only states the dependency is gone; one that also
    // acts stays an action.
    assert_eq!(list.tasks[1].subtasks, ["Add the routes"]);
    assert_eq!(list.tasks[2].subtasks, ["Wire the page after step 2"]);
    assert!(list.tasks[3].subtasks.is_empty() && list.tasks[3].notes.is_empty());
    let md = render(&list, "s.md");
    assert!(md.contains("- [ ] 3.0 UI (Phase 3)\n  - Depends on: 1.0, 2.0\n  - [ ] 3.1 Wire the page after step 2\n"), "{md}");
    assert!(!md.contains("[ ] 2.1 Depends"), "{md}");
}

#[test]
fn portuguese_dependencies_and_actions() {
    let spec = "# Especificação Técnica: X\n\n## Sequenciamento de Desenvolvimento\n\n### Ordem de Construção\n\n1. **Modelo** (Fase 1) — Camada de dados. Criar a migração.\n2. **Serviço** (Fase 2) — Depende da Fase 1. Implementar o cálculo.\n3. **Tela** (Fase 3) — Após a fase 2. Exibir o valor.\n\n## Abordagem de Testes\n\n- Serviço calcula o valor do cálculo\n";
    let list = plan(&Document::parse(spec)).unwrap();
    assert!(list.portuguese);
    let deps: Vec<&[usize]> = list.tasks.iter().map(|t| t.depends_on.as_slice()).collect();
    assert_eq!(deps, [&[][..], &[0], &[1]]);
    assert_eq!(list.tasks[0].notes, ["Camada de dados"]);
    assert_eq!(list.tasks[0].subtasks, ["Criar a migração"]);
    assert_eq!(list.tasks[1].tests.len(), 1, "{:?}", list.tasks);
    let md = render(&list, "s.md");
    assert!(
        md.contains(
            "- [ ] 2.0 Serviço (Fase 2)\n  - Depende de: 1.0\n  - [ ] 2.1 Implementar o cálculo\n"
        ),
        "{md}"
    );
    assert!(md.contains("  - Contexto: Camada de dados.\n"), "{md}");
}

#[test]
fn unmatched_tests_go_to_the_testing_step_or_their_own_section() {
    let spec = "# T\n\n## Build Order\n\n1. **Parser** — Add the parser.\n2. **Testing** — Run the suite.\n\n## Testing Approach\n\n- Parser rejects empty input\n- Latency stays under budget\n";
    let list = plan(&Document::parse(spec)).unwrap();
    assert_eq!(list.tasks[0].tests.len(), 1);
    assert_eq!(list.tasks[1].tests[0].text, "Latency stays under budget");
    let no_testing = spec.replace("2. **Testing** — Run the suite.\n", "");
    let list = plan(&Document::parse(&no_testing)).unwrap();
    assert_eq!(list.other_tests.len(), 1);
    assert!(
        render(&list, "s.md").contains("\n## Other Tests\n\n- [ ] Latency stays under budget\n")
    );
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
    /// Arbitrary text as a spec: planning and rendering its tasks never panics.
    #[test]
    fn arbitrary_text_never_panics(text in "(?s).{0,400}") {
        let doc = Document::parse(&text);
        let _ = plan(&doc).map(|l| render(&l, "s.md"));
    }
}
