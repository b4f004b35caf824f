//! End-to-end tests over the fixture repositories in
//! `tests/fixtures/rules/<format>/` and the shared corpus of real rules.

use std::fs;
use std::path::{Path, PathBuf};

use super::*;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/rules")
        .join(name)
}

fn shared(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared")
        .join(rel)
}

/// (path, agent, activation, scope_dir) for every rule.
fn summary(d: &Discovery) -> Vec<(String, Agent, Activation, String)> {
    d.rules
        .iter()
        .map(|r| (r.path_str(), r.agent, r.activation.clone(), r.scope_str()))
        .collect()
}

fn row(
    path: &str,
    agent: Agent,
    act: Activation,
    scope: &str,
) -> (String, Agent, Activation, String) {
    (path.to_string(), agent, act, scope.to_string())
}

fn globs(p: &[&str]) -> Activation {
    Activation::Globs(p.iter().map(|s| s.to_string()).collect())
}

fn mode(m: &str) -> Activation {
    Activation::Mode(m.to_string())
}

fn rule<'a>(d: &'a Discovery, path: &str) -> &'a Rule {
    d.rules
        .iter()
        .find(|r| r.path_str() == path)
        .unwrap_or_else(|| panic!("no rule {path}"))
}

fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

#[test]
fn cursor_fixture() {
    use Activation::*;
    let d = discover(&fixture("cursor"));
    let c = Agent::Cursor;
    assert_eq!(
        summary(&d),
        [
            row(".cursor/rules/001-project-overview.mdc", c, Always, ""),
            row(
                ".cursor/rules/010-cursor-rules.mdc",
                c,
                globs(&[".cursor/rules/*.mdc"]),
                ""
            ),
            row(
                ".cursor/rules/211-gradle-groovy-rules.mdc",
                c,
                AgentDecides,
                ""
            ),
            row(".cursor/rules/codigo_padrao.mdc", c, Always, ""),
            row(
                ".cursor/rules/frontend/frontend.mdc",
                c,
                globs(&["frontend/**/*.ts"]),
                ""
            ),
            row(".cursor/rules/react.mdc", c, globs(&["*.tsx"]), ""),
            row(".cursor/rules/sql-database.mdc", c, Manual, ""),
            row(".cursor/rules/tests.mdc", c, Manual, ""),
            row(
                ".cursor/rules/use-bun-instead-node.mdc",
                c,
                globs(&[
                    "*.ts",
                    "*.tsx",
                    "*.html",
                    "*.css",
                    "*.js",
                    "*.jsx",
                    "package.json"
                ]),
                ""
            ),
            row(".cursorrules", c, Always, ""),
            row(
                "packages/web/.cursor/rules/components.mdc",
                c,
                globs(&["src/components/**/*.tsx"]),
                "packages/web"
            ),
            row(
                "packages/web/.cursor/rules/web-always.mdc",
                c,
                Always,
                "packages/web"
            ),
        ]
    );
    assert_eq!(
        d.rules_dirs,
        [".cursor/rules", "packages/web/.cursor/rules"]
    );
    assert!(d.errors.is_empty(), "{:?}", d.errors);

    // Titles: first H1, else the stem (tests.mdc starts with an H2).
    assert_eq!(
        rule(&d, ".cursor/rules/react.mdc").title,
        "React + Vite + Tailwind (v4) Standards"
    );
    assert_eq!(rule(&d, ".cursor/rules/tests.mdc").title, "tests");
    assert_eq!(
        rule(&d, ".cursor/rules/211-gradle-groovy-rules.mdc")
            .description
            .as_deref(),
        Some("Gradle Groovy Cursor Rules")
    );
    assert_eq!(
        rule(&d, ".cursor/rules/010-cursor-rules.mdc").description,
        None
    );

    // Unquoted `globs: *.tsx` is not YAML: read leniently, with a warning.
    let react = rule(&d, ".cursor/rules/react.mdc");
    assert_eq!(react.warnings, [frontmatter::LENIENT_WARNING]);
    assert!(react.body.starts_with("\n# React"));
    // Quoted comma list: Cursor may keep the quotes.
    let bun = rule(&d, ".cursor/rules/use-bun-instead-node.mdc");
    assert!(
        bun.warnings.iter().any(|w| w.contains("quoted")),
        "{:?}",
        bun.warnings
    );
    assert!(rule(&d, ".cursorrules").warnings[0].contains("legacy"));
    assert!(
        rule(&d, ".cursor/rules/001-project-overview.mdc")
            .warnings
            .is_empty()
    );
}

#[test]
fn cursor_fixture_applicability() {
    let d = discover(&fixture("cursor"));
    let candidates = strings(&[
        "frontend/src/App.ts",
        "packages/web/src/components/Button.tsx",
    ]);
    let spec = "Add a Gradle Groovy build step.";
    let res = applicability(&d.rules, &candidates, spec);
    let by_path = |p: &str| {
        let i = d.rules.iter().position(|r| r.path_str() == p).unwrap();
        res.iter().find(|a| a.rule_index == i).unwrap().clone()
    };
    let applies = |p: &str, reason: &str| {
        let a = by_path(p);
        assert_eq!(
            (a.verdict, a.reason.as_str()),
            (Verdict::Applies, reason),
            "{p}"
        );
    };
    applies(".cursor/rules/001-project-overview.mdc", "always-on");
    applies(".cursor/rules/codigo_padrao.mdc", "always-on");
    applies(
        ".cursor/rules/frontend/frontend.mdc",
        "globs \"frontend/**/*.ts\" match frontend/src/App.ts",
    );
    applies(
        ".cursor/rules/react.mdc",
        "globs \"*.tsx\" match packages/web/src/components/Button.tsx",
    );
    applies(
        ".cursor/rules/use-bun-instead-node.mdc",
        "globs \"*.ts\" match frontend/src/App.ts",
    );
    applies(
        "packages/web/.cursor/rules/components.mdc",
        "globs \"src/components/**/*.tsx\" match packages/web/src/components/Button.tsx",
    );
    applies(
        "packages/web/.cursor/rules/web-always.mdc",
        "always-on in packages/web/",
    );
    let gradle = by_path(".cursor/rules/211-gradle-groovy-rules.mdc");
    assert!(
        matches!(gradle.verdict, Verdict::PossiblyRelevant { score } if score >= 0.5),
        "{gradle:?}"
    );
    assert_eq!(
        by_path(".cursor/rules/sql-database.mdc").verdict,
        Verdict::NotApplicable
    );
    assert_eq!(
        by_path(".cursor/rules/010-cursor-rules.mdc").verdict,
        Verdict::NotApplicable
    );
    // The order is applies, possibly relevant, not applicable.
    let groups: Vec<u8> = res
        .iter()
        .map(|a| match a.verdict {
            Verdict::Applies => 0,
            Verdict::PossiblyRelevant { .. } => 1,
            Verdict::NotApplicable => 2,
        })
        .collect();
    assert!(groups.windows(2).all(|w| w[0] <= w[1]), "{groups:?}");
}

#[test]
fn windsurf_fixture() {
    use Activation::*;
    let d = discover(&fixture("windsurf"));
    let w = Agent::Windsurf;
    assert_eq!(
        summary(&d),
        [
            row(".windsurf/rules/always-legacy.md", w, Always, ""),
            row(".windsurf/rules/always.md", w, Always, ""),
            row(".windsurf/rules/migrations.md", w, AgentDecides, ""),
            row(".windsurf/rules/python.md", w, globs(&["**/*.py"]), ""),
            row(".windsurf/rules/release.md", w, Manual, ""),
            row(
                ".windsurf/rules/windsurf-rules-editing.md",
                w,
                globs(&[".windsurf/rules/**/*.md"]),
                ""
            ),
            row(
                ".windsurf/rules/windsurf-rules-style.md",
                w,
                globs(&[
                    ".windsurf/rules/*.md",
                    ".windsurf/rules/**/*.md",
                    "global_rules.md"
                ]),
                ""
            ),
            row(".windsurfrules", w, Always, ""),
            row(
                "docs/.windsurf/rules/docs-style.md",
                w,
                globs(&["*.md"]),
                "docs"
            ),
        ]
    );
    assert_eq!(d.rules_dirs, [".windsurf/rules", "docs/.windsurf/rules"]);
    assert!(rule(&d, ".windsurf/rules/always-legacy.md").warnings[0].contains("trigger: always"));
    assert!(rule(&d, ".windsurf/rules/always.md").warnings.is_empty());
    assert_eq!(
        rule(&d, ".windsurf/rules/windsurf-rules-style.md")
            .description
            .as_deref(),
        Some("Best practices for authoring Windsurf rule files.")
    );
    // A Windsurf subfolder rule: its glob is tried relative to `docs/`.
    let res = applicability(&d.rules, &strings(&["docs/guide/intro.md"]), "");
    let i = d
        .rules
        .iter()
        .position(|r| r.scope_str() == "docs")
        .unwrap();
    let a = res.iter().find(|a| a.rule_index == i).unwrap();
    assert_eq!(a.verdict, Verdict::Applies);
}

#[test]
fn claude_fixture() {
    use Activation::*;
    let d = discover(&fixture("claude"));
    let c = Agent::Claude;
    assert_eq!(
        summary(&d),
        [
            row(
                ".claude/rules/frontend/react.md",
                c,
                globs(&["src/**/*.{ts,tsx}", "lib/**/*.ts"]),
                ""
            ),
            row(".claude/rules/general.md", c, Always, ""),
            row(
                ".claude/rules/writing-rules.md",
                c,
                globs(&[".claude/rules/**"]),
                ""
            ),
            row("CLAUDE.md", c, Always, ""),
            row("services/api/CLAUDE.md", c, Always, "services/api"),
        ]
    );
    assert_eq!(d.rules_dirs, [".claude/rules"]);
    assert_eq!(
        rule(&d, ".claude/rules/writing-rules.md").title,
        "Writing Rule Files"
    );
    // Brace expansion in `paths`.
    let res = applicability(&d.rules, &strings(&["src/ui/App.tsx"]), "");
    let a = res.iter().find(|a| a.rule_index == 0).unwrap();
    assert_eq!(a.reason, "paths \"src/**/*.{ts,tsx}\" match src/ui/App.tsx");
}

#[test]
fn copilot_fixture() {
    use Activation::*;
    let d = discover(&fixture("copilot"));
    let c = Agent::Copilot;
    assert_eq!(
        summary(&d),
        [
            row(".github/copilot-instructions.md", c, Always, ""),
            row(
                ".github/instructions/lang/python.instructions.md",
                c,
                globs(&["**/*.py"]),
                ""
            ),
            row(
                ".github/instructions/meta.instructions.md",
                c,
                globs(&[".github/**/*.md", ".github/instructions/**"]),
                ""
            ),
            row(
                ".github/instructions/release.instructions.md",
                c,
                Manual,
                ""
            ),
            row(
                ".github/instructions/security.instructions.md",
                c,
                AgentDecides,
                ""
            ),
        ]
    );
    assert_eq!(d.rules_dirs, [".github/instructions"]);
    let sec = rule(&d, ".github/instructions/security.instructions.md");
    assert_eq!(sec.title, "Security review");
    assert_eq!(sec.stem(), "security");
}

#[test]
fn kilocode_fixture() {
    use Activation::*;
    let d = discover(&fixture("kilocode"));
    let k = Agent::KiloCode;
    assert_eq!(
        summary(&d),
        [
            row(".kilocode/rules/codestyle.md", k, Always, ""),
            row(".kilocode/rules/python-logging-rules.md", k, Always, ""),
            row(".kilocode/rules/python-testing-rules.md", k, Always, ""),
            row(
                ".kilocode/rules-translate/glossary.md",
                k,
                mode("translate"),
                ""
            ),
            row(".kilocoderules", k, Always, ""),
            row(".kilocoderules-architect", k, mode("architect"), ""),
        ]
    );
    assert_eq!(
        d.rules_dirs,
        [".kilocode/rules", ".kilocode/rules-translate"]
    );
    assert_eq!(
        rule(&d, ".kilocode/rules/codestyle.md").title,
        "Code Style Rules"
    );
    let res = applicability(&d.rules, &[], "Uses @glossary for the strings.");
    let a = res.iter().find(|a| a.rule_index == 3).unwrap();
    assert_eq!(a.reason, "named in the spec as `@glossary`");
    let a = res.iter().find(|a| a.rule_index == 5).unwrap();
    assert_eq!(a.verdict, Verdict::NotApplicable);
    assert_eq!(a.reason, "only in the `architect` mode");
}

#[test]
fn kilo_fixture() {
    let d = discover(&fixture("kilo"));
    assert_eq!(
        summary(&d),
        [
            row(
                ".kilo/rules/api.md",
                Agent::Kilo,
                globs(&["src/api/**/*.ts"]),
                ""
            ),
            row(
                ".kilo/rules/general.md",
                Agent::Kilo,
                Activation::Always,
                ""
            ),
        ]
    );
    assert_eq!(d.rules_dirs, [".kilo/rules"]);
}

#[test]
fn roo_fixture() {
    let d = discover(&fixture("roo"));
    let r = Agent::Roo;
    assert_eq!(
        summary(&d),
        [
            row(".roo/rules/01-general.md", r, Activation::Always, ""),
            row(".roo/rules-code/style.md", r, mode("code"), ""),
            row(
                ".roo/rules-docs-writer/tone.txt",
                r,
                mode("docs-writer"),
                ""
            ),
            row(".roorules", r, Activation::Always, ""),
            row(".roorules-debug", r, mode("debug"), ""),
        ]
    );
    assert_eq!(
        d.rules_dirs,
        [".roo/rules", ".roo/rules-code", ".roo/rules-docs-writer"]
    );
    // Roo has no frontmatter: it is stripped from the body but not obeyed.
    assert!(
        rule(&d, ".roo/rules-code/style.md")
            .body
            .starts_with("# Code mode")
    );
}

#[test]
fn cline_fixture() {
    use Activation::*;
    let d = discover(&fixture("cline"));
    let c = Agent::Cline;
    assert_eq!(
        summary(&d),
        [
            row(".clinerules/01-baseline.md", c, Always, ""),
            row(
                ".clinerules/02-web.md",
                c,
                globs(&["apps/web/**", "packages/*/src/**"]),
                ""
            ),
            row(".clinerules/03-disabled.md", c, Never, ""),
            row(".clinerules/04-broken.md", c, Always, ""),
            row(".clinerules/backend/notes.txt", c, Always, ""),
        ]
    );
    assert_eq!(d.rules_dirs, [".clinerules"]);
    let broken = rule(&d, ".clinerules/04-broken.md");
    assert!(
        broken.warnings.iter().any(|w| w.contains("fails open")),
        "{:?}",
        broken.warnings
    );
    // `*` does not cross `/`: packages/x/src/** matches, packages/x/y/src does not.
    let res = applicability(&d.rules, &strings(&["packages/a/b/src/x.ts"]), "");
    assert_eq!(
        res.iter().find(|a| a.rule_index == 1).unwrap().verdict,
        Verdict::NotApplicable
    );
    let res = applicability(&d.rules, &strings(&["packages/a/src/x.ts"]), "");
    assert_eq!(
        res.iter().find(|a| a.rule_index == 1).unwrap().verdict,
        Verdict::Applies
    );

    let d = discover(&fixture("cline-file"));
    assert_eq!(summary(&d), [row(".clinerules", c, globs(&["src/**"]), "")]);
    assert!(d.rules_dirs.is_empty());
}

#[test]
fn agents_fixture() {
    let d = discover(&fixture("agents"));
    let a = Agent::Agents;
    assert_eq!(
        summary(&d),
        [
            row("AGENTS.md", a, Activation::Always, ""),
            row(
                "packages/api/AGENTS.md",
                a,
                Activation::Always,
                "packages/api"
            ),
        ]
    );
    assert!(d.rules_dirs.is_empty());
    let res = applicability(&d.rules, &strings(&["packages/web/src/a.ts"]), "");
    assert_eq!(res[0].verdict, Verdict::Applies);
    assert_eq!(res[1].verdict, Verdict::NotApplicable);
    let res = applicability(&d.rules, &strings(&["packages/api/src/a.ts"]), "");
    assert!(res.iter().all(|a| a.verdict == Verdict::Applies));
}

#[test]
fn gemini_fixture() {
    let d = discover(&fixture("gemini"));
    let g = Agent::Gemini;
    assert_eq!(
        summary(&d),
        [
            row("GEMINI.md", g, Activation::Always, ""),
            row("tools/cli/GEMINI.md", g, Activation::Always, "tools/cli"),
        ]
    );
}

#[test]
fn continue_fixture() {
    use Activation::*;
    let d = discover(&fixture("continue"));
    let c = Agent::Continue;
    assert_eq!(
        summary(&d),
        [
            row(".continue/rules/always.md", c, Always, ""),
            row(".continue/rules/database.md", c, AgentDecides, ""),
            row(".continue/rules/manual.md", c, Manual, ""),
            row(".continue/rules/plain.md", c, Always, ""),
            row(".continue/rules/todo.md", c, globs(&["**/*.rs"]), ""),
            row(
                ".continue/rules/typescript.md",
                c,
                globs(&["**/*.ts", "**/*.tsx"]),
                ""
            ),
        ]
    );
    assert_eq!(rule(&d, ".continue/rules/always.md").title, "Always rule");
    assert!(rule(&d, ".continue/rules/todo.md").warnings[0].contains("regex"));
}

#[test]
fn json_output_shape() {
    let d = discover(&fixture("kilo"));
    let v = serde_json::to_value(&d).unwrap();
    assert_eq!(v["rules"][0]["agent"], "kilo");
    assert_eq!(v["rules"][0]["path"], ".kilo/rules/api.md");
    assert_eq!(v["rules"][0]["activation"]["kind"], "globs");
    assert_eq!(v["rules"][1]["activation"]["kind"], "always");
    assert_eq!(v["rules_dirs"][0], ".kilo/rules");
}

/// Every real Cursor rule in the shared corpus, in a `.cursor/rules` folder,
/// gets the activation its frontmatter asks for.
#[test]
fn corpus_cursor_rules() {
    use Activation::*;
    let tmp = tempfile::tempdir().unwrap();
    let rules_dir = tmp.path().join(".cursor/rules");
    let corpus = shared("corpus/rules");
    let mut copied = 0;
    for repo in fs::read_dir(&corpus).unwrap() {
        let repo = repo.unwrap();
        for file in fs::read_dir(repo.path()).unwrap() {
            let file = file.unwrap();
            let dest = rules_dir.join(repo.file_name()).join(file.file_name());
            fs::create_dir_all(dest.parent().unwrap()).unwrap();
            fs::copy(file.path(), dest).unwrap();
            copied += 1;
        }
    }
    assert!(copied >= 20);
    let d = discover(tmp.path());
    assert!(d.errors.is_empty(), "{:?}", d.errors);
    let expected = [
        ("BrunoZamorano__ncfca_api_alpha/code-standards.mdc", Always),
        (
            "BrunoZamorano__ncfca_api_alpha/folder-structure.mdc",
            Manual,
        ),
        ("BrunoZamorano__ncfca_api_alpha/sql-database.mdc", Manual),
        ("BrunoZamorano__ncfca_api_alpha/tests-standards.mdc", Manual),
        ("rodrigobranas__iadevt1_4/api-rest-http.mdc", Manual),
        ("rodrigobranas__iadevt1_4/code-standards.mdc", Always),
        ("rodrigobranas__iadevt1_4/folder-structure.mdc", Manual),
        ("rodrigobranas__iadevt1_4/logging.mdc", Manual),
        ("rodrigobranas__iadevt1_4/react.mdc", globs(&["*.tsx"])),
        ("rodrigobranas__iadevt1_4/sql-database.mdc", Manual),
        ("rodrigobranas__iadevt1_4/tests.mdc", Manual),
        (
            "rodrigobranas__iadevt1_4/use-bun-instead-node.mdc",
            globs(&[
                "*.ts",
                "*.tsx",
                "*.html",
                "*.css",
                "*.js",
                "*.jsx",
                "package.json",
            ]),
        ),
        ("schandon__api_copanela/codigo_padrao.mdc", Always),
        ("virb30__whatsapp-telegram-bridge/architecture.mdc", Always),
        (
            "virb30__whatsapp-telegram-bridge/code-standards.mdc",
            Manual,
        ),
        (
            "virb30__whatsapp-telegram-bridge/frontend.mdc",
            globs(&["frontend/**/*.ts"]),
        ),
        ("virb30__whatsapp-telegram-bridge/http.mdc", Manual),
        (
            "virb30__whatsapp-telegram-bridge/node.mdc",
            globs(&["backend/**/*.ts"]),
        ),
        ("virb30__whatsapp-telegram-bridge/review.mdc", Always),
        ("virb30__whatsapp-telegram-bridge/technique.mdc", Always),
        ("virb30__whatsapp-telegram-bridge/tests.mdc", Manual),
    ];
    let got: Vec<(String, Activation)> = d
        .rules
        .iter()
        .map(|r| {
            let p = r.path_str();
            (
                p.trim_start_matches(".cursor/rules/").to_string(),
                r.activation.clone(),
            )
        })
        .collect();
    let want: Vec<(String, Activation)> = expected
        .into_iter()
        .map(|(p, a)| (p.to_string(), a))
        .collect();
    assert_eq!(got, want);
    // Plain `.md` files in `.cursor/rules` (FitToday, mlflow) are not Cursor rules.
    assert!(d.rules.iter().all(|r| r.path_str().ends_with(".mdc")));
}

/// A real spec cites three rules; only one exists in its repository.
#[test]
fn corpus_spec_citations() {
    let spec = fs::read_to_string(shared(
        "corpus/specs/schandon__api_copanela__apiRestCopanela.md",
    ))
    .unwrap();
    let start = spec.find("### Conformidade com Padrões").unwrap();
    let end = start + spec[start..].find("### Arquivos relevantes").unwrap();
    let section = &spec[start..end];
    let cited = cited_names(section);
    let names: Vec<&str> = cited.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            ".cursor/rules/codigo_padrao.mdc",
            ".cursor/rules/specify-rules.mdc",
            ".cursor/rules/react.mdc",
        ]
    );
    let d = discover(&fixture("citations"));
    assert_eq!(d.rules.len(), 1);
    let resolved: Vec<Option<usize>> = names.iter().map(|n| resolve_cited(&d.rules, n)).collect();
    assert_eq!(resolved, [Some(0), None, None]);
    assert!(find_cited(&d.rules[0], section));
    assert!(!find_cited(&d.rules[0], &spec[..start]));
}

#[test]
fn unquoted_cursor_glob_end_to_end() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join(".cursor/rules");
    fs::create_dir_all(&dir).unwrap();
    fs::write(
        dir.join("ts.mdc"),
        "---\nglobs: **/*.ts\nalwaysApply: false\n---\n# TS\n",
    )
    .unwrap();
    let d = discover(tmp.path());
    assert_eq!(d.rules[0].activation, globs(&["**/*.ts"]));
    assert_eq!(d.rules[0].warnings, [frontmatter::LENIENT_WARNING]);
    let res = applicability(&d.rules, &strings(&["src/a/b.ts"]), "");
    assert_eq!(res[0].verdict, Verdict::Applies);
    assert_eq!(res[0].reason, "globs \"**/*.ts\" match src/a/b.ts");
}

#[test]
fn walk_honours_gitignore_and_skips_heavy_dirs() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    let write = |rel: &str, text: &[u8]| {
        let p = root.join(rel);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, text).unwrap();
    };
    write(".gitignore", b"ignored/\n");
    write("AGENTS.md", b"# Root\n");
    write("ignored/AGENTS.md", b"# Ignored\n");
    write("node_modules/pkg/AGENTS.md", b"# dep\n");
    write("target/AGENTS.md", b"# build\n");
    write(".git/AGENTS.md", b"# git\n");
    write(
        "lib/target/CLAUDE.md",
        b"# also skipped: any folder named target\n",
    );
    write("bad/AGENTS.md", b"# Bad \xff\xfe bytes\n");
    let mut big = b"# Big\n".to_vec();
    big.resize(MAX_RULE_FILE_BYTES as usize + 1, b'x');
    write("big/AGENTS.md", &big);
    let d = discover(root);
    let paths: Vec<String> = d.rules.iter().map(Rule::path_str).collect();
    assert_eq!(paths, ["AGENTS.md", "bad/AGENTS.md"]);
    assert!(rule(&d, "bad/AGENTS.md").warnings[0].contains("UTF-8"));
    assert_eq!(
        rule(&d, "bad/AGENTS.md").title,
        "Bad \u{fffd}\u{fffd} bytes"
    );
    assert_eq!(d.errors.len(), 1);
    assert_eq!(d.errors[0].0, PathBuf::from("big/AGENTS.md"));
    assert!(d.errors[0].1.contains("1 MB"));
}

#[cfg(unix)]
#[test]
fn symlinks_do_not_loop_or_escape() {
    use std::os::unix::fs::symlink;
    let outside = tempfile::tempdir().unwrap();
    fs::write(outside.path().join("secret.md"), "# Outside\n").unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    fs::write(root.join("AGENTS.md"), "# Agents\n").unwrap();
    fs::create_dir_all(root.join("a/b")).unwrap();
    symlink(root, root.join("a/b/loop")).unwrap();
    symlink("..", root.join("a/up")).unwrap();
    symlink(root.join("AGENTS.md"), root.join("CLAUDE.md")).unwrap();
    symlink(outside.path().join("secret.md"), root.join("GEMINI.md")).unwrap();
    symlink(root.join("missing.md"), root.join("a/AGENTS.md")).unwrap();
    let d = discover(root);
    let paths: Vec<String> = d.rules.iter().map(Rule::path_str).collect();
    assert_eq!(paths, ["AGENTS.md", "CLAUDE.md"]);
    assert_eq!(rule(&d, "CLAUDE.md").title, "Agents");
    let errors: Vec<(String, bool)> = d
        .errors
        .iter()
        .map(|(p, m)| (p.to_string_lossy().into_owned(), m.contains("symlink")))
        .collect();
    assert_eq!(
        errors,
        [
            ("GEMINI.md".to_string(), true),
            ("a/AGENTS.md".to_string(), true)
        ]
    );
}

#[test]
fn missing_root_is_an_error_not_a_panic() {
    let d = discover(Path::new("/definitely/not/here"));
    assert!(d.rules.is_empty());
    assert_eq!(d.errors.len(), 1);
}
