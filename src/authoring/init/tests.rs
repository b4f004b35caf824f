use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::agents::{Lang, mcp_parts};
use super::*;

fn opts(root: &Path, agents: &[AgentKind]) -> InitOptions {
    InitOptions {
        agents: agents.to_vec(),
        ..InitOptions::new(root)
    }
}

/// Where each agent's instructions land.
fn target(agent: AgentKind) -> &'static str {
    match agent.target() {
        agents::Target::File(p) | agents::Target::Section(p) => p,
    }
}

fn is_section(agent: AgentKind) -> bool {
    matches!(agent.target(), agents::Target::Section(_))
}

/// Every file below `root`: bytes and modification time.
fn snapshot(root: &Path) -> BTreeMap<PathBuf, (Vec<u8>, SystemTime)> {
    fn walk(dir: &Path, out: &mut BTreeMap<PathBuf, (Vec<u8>, SystemTime)>) {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let meta = fs::symlink_metadata(&path).unwrap();
            if meta.is_dir() {
                walk(&path, out);
            } else {
                let bytes = fs::read(&path).unwrap_or_default();
                out.insert(path, (bytes, meta.modified().unwrap()));
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(root, &mut out);
    out
}

fn kinds(report: &InitReport) -> Vec<(String, ActionKind)> {
    report
        .actions
        .iter()
        .map(|a| (a.path.display().to_string(), a.kind.clone()))
        .collect()
}

fn count(hay: &str, needle: &str) -> usize {
    hay.matches(needle).count()
}

#[test]
fn every_agent_gets_its_file_with_the_workflow_commands() {
    for agent in AgentKind::ALL {
        let dir = tempfile::tempdir().unwrap();
        let report = apply(&opts(dir.path(), &[agent])).unwrap();
        assert_eq!(
            kinds(&report),
            [
                ("techspec.toml".to_string(), ActionKind::Created),
                (target(agent).to_string(), ActionKind::Created),
            ],
            "{agent}"
        );
        let text = fs::read_to_string(dir.path().join(target(agent))).unwrap();
        for needle in [
            "techspec new \"<Feature Name>\"",
            "techspec rules --spec <path>",
            "techspec files --spec <path>",
            "techspec check <path>",
            "techspec explain <CODE>",
            "tasks/prd-<feature>/prd.md",
            "Standards Compliance",
            "Relevant Files",
            "20 lines",
            "2,000 words",
            "until it exits 0",
            "techspec_check",
        ] {
            assert!(text.contains(needle), "{agent}: missing {needle:?}");
        }
        assert!(!text.contains("{{"), "{agent}: unreplaced placeholder");
        // Windsurf's limit per workflow file, and small enough for AGENTS.md.
        assert!(text.len() < 12_000, "{agent}: {} bytes", text.len());
        assert_eq!(report.mcp_snippets.len(), 1);
        assert_eq!(report.mcp_snippets[0].0, agent);
    }
}

#[test]
fn each_agent_gets_its_own_frontmatter_and_argument_syntax() {
    let file = |a| agents::command_file(a);
    let claude = file(AgentKind::Claude);
    assert!(claude.starts_with("---\ndescription: "));
    assert!(claude.contains("\nargument-hint: \"<feature name>\"\n---\n\n# "));
    assert!(claude.contains("$ARGUMENTS"));

    let copilot = file(AgentKind::Copilot);
    assert!(copilot.starts_with("---\nmode: agent\ndescription: "));
    assert!(copilot.contains("${input:feature:Feature name}"));
    assert!(!copilot.contains("$ARGUMENTS"));

    assert!(file(AgentKind::Windsurf).starts_with("---\ndescription: "));
    assert!(file(AgentKind::Roo).starts_with("---\ndescription: "));
    for plain in [AgentKind::Cursor, AgentKind::KiloCode, AgentKind::Cline] {
        let text = file(plain);
        assert!(
            text.starts_with("# Create a technical specification\n"),
            "{plain}"
        );
        assert!(text.contains("feature named with this command"), "{plain}");
    }
    for agent in [AgentKind::Codex, AgentKind::Gemini] {
        let text = agents::section(agent);
        assert!(text.starts_with(SECTION_BEGIN) && text.ends_with(SECTION_END));
        assert_eq!(count(&text, SECTION_BEGIN), 1);
        // Nested under the section's own `##`: no `#` or `##` steps headings.
        assert!(!text.lines().any(|l| l.starts_with("# ")), "{agent}");
        assert!(text.contains("\n### Steps\n"), "{agent}");
        assert!(text.contains("When the user asks for a technical specification"));
    }
}

#[test]
fn second_run_changes_no_byte_and_no_mtime() {
    let mut cases: Vec<Vec<AgentKind>> = AgentKind::ALL.iter().map(|&a| vec![a]).collect();
    cases.push(AgentKind::ALL.to_vec());
    for agents in cases {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("AGENTS.md"), "# Team notes\n").unwrap();
        apply(&opts(dir.path(), &agents)).unwrap();
        let before = snapshot(dir.path());
        let second = apply(&opts(dir.path(), &agents)).unwrap();
        assert!(
            second
                .actions
                .iter()
                .all(|a| a.kind == ActionKind::Unchanged),
            "{agents:?}: {:?}",
            kinds(&second)
        );
        assert!(!second.changed_anything());
        assert_eq!(snapshot(dir.path()), before, "{agents:?}");
        // `force` has nothing to replace either.
        let forced = apply(&InitOptions {
            force: true,
            ..opts(dir.path(), &agents)
        })
        .unwrap();
        assert!(!forced.changed_anything(), "{:?}", kinds(&forced));
        assert_eq!(snapshot(dir.path()), before, "{agents:?}");
    }
}

#[test]
fn other_content_is_untouched_without_force_and_replaced_with_force() {
    for agent in AgentKind::ALL {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(target(agent));
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        let mine = if is_section(agent) {
            format!("# Mine\n\n{SECTION_BEGIN}\nmy own words\n{SECTION_END}\n\ntail\n")
        } else {
            "my own command\n".to_string()
        };
        fs::write(&path, &mine).unwrap();
        fs::write(dir.path().join("techspec.toml"), "word-budget = 3000\n").unwrap();
        let before = snapshot(dir.path());

        let report = apply(&opts(dir.path(), &[agent])).unwrap();
        assert!(
            report
                .actions
                .iter()
                .all(|a| matches!(a.kind, ActionKind::Skipped { .. })),
            "{agent}: {:?}",
            kinds(&report)
        );
        assert_eq!(snapshot(dir.path()), before, "{agent}");
        let shown = report.actions.last().unwrap().to_string();
        let expected = if is_section(agent) {
            format!("skipped {}: already has a techspec section", target(agent))
        } else {
            format!(
                "skipped {}: already exists with other content",
                target(agent)
            )
        };
        assert!(shown.starts_with(&expected), "{shown}");

        let forced = apply(&InitOptions {
            force: true,
            ..opts(dir.path(), &[agent])
        })
        .unwrap();
        assert!(
            forced
                .actions
                .iter()
                .all(|a| a.kind == ActionKind::Overwritten),
            "{agent}: {:?}",
            kinds(&forced)
        );
        let text = fs::read_to_string(&path).unwrap();
        if is_section(agent) {
            let want = format!("# Mine\n\n{}\n\ntail\n", agents::section(agent));
            assert_eq!(text, want, "{agent}: only the marked part is replaced");
        } else {
            assert_eq!(text, agents::command_file(agent));
        }
        assert_eq!(
            fs::read_to_string(dir.path().join("techspec.toml")).unwrap(),
            CONFIG_TEMPLATE
        );
    }
}

#[test]
fn shared_file_keeps_user_text_byte_for_byte_and_gets_one_section() {
    for (agent, name) in [
        (AgentKind::Codex, "AGENTS.md"),
        (AgentKind::Gemini, "GEMINI.md"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(name);
        // BOM, CRLF-free, no final newline, non-ASCII, trailing spaces.
        let prior = "\u{feff}# Équipe  \n\nUse `make test`.\n- keep this  ".as_bytes();
        fs::write(&path, prior).unwrap();

        let first = apply(&opts(dir.path(), &[agent])).unwrap();
        assert_eq!(first.actions[1].kind, ActionKind::Appended);
        assert_eq!(
            first.actions[1].to_string(),
            format!("appended the techspec section to {name}")
        );
        let after = fs::read(&path).unwrap();
        assert!(after.starts_with(prior), "{name}: user text changed");
        let text = String::from_utf8(after.clone()).unwrap();
        assert_eq!(count(&text, SECTION_BEGIN), 1);
        assert_eq!(count(&text, SECTION_END), 1);
        assert!(text.ends_with(&format!("{SECTION_END}\n")));
        assert!(text.contains("- keep this  \n\n<!-- techspec:begin -->\n"));

        for force in [false, true] {
            let again = apply(&InitOptions {
                force,
                ..opts(dir.path(), &[agent])
            })
            .unwrap();
            assert_eq!(again.actions[1].kind, ActionKind::Unchanged);
            assert_eq!(fs::read(&path).unwrap(), after, "{name}: appended twice");
        }
    }
}

#[test]
fn config_has_every_key_commented_with_its_default() {
    // As written, everything is a comment.
    let parsed: toml::Table = toml::from_str(CONFIG_TEMPLATE).unwrap();
    assert!(parsed.is_empty());
    // Uncommented, the settings are valid TOML with the documented defaults,
    // each preceded by its one-line explanation.
    let lines: Vec<&str> = CONFIG_TEMPLATE.lines().collect();
    let mut uncommented = String::new();
    for (i, line) in lines.iter().enumerate() {
        let Some(rest) = line.strip_prefix("# ") else {
            continue;
        };
        let setting = rest.starts_with('[')
            || rest
                .split_once(" = ")
                .is_some_and(|(k, _)| k.chars().all(|c| c.is_ascii_lowercase() || c == '-'));
        if setting {
            uncommented.push_str(rest);
            uncommented.push('\n');
            if !rest.starts_with("unknown-section") {
                let above = lines[i - 1];
                assert!(
                    above.starts_with("# ") && above.len() > 20,
                    "{rest}: {above:?}"
                );
            }
        }
    }
    let cfg: toml::Table = toml::from_str(&uncommented).unwrap();
    assert_eq!(cfg["template"].as_str(), Some("standard"));
    let specs: Vec<&str> = cfg["specs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(
        specs,
        ["**/techspec.md", "**/_techspec.md", "**/*.techspec.md"]
    );
    assert!(cfg["exclude"].as_array().unwrap().is_empty());
    assert_eq!(cfg["word-budget"].as_integer(), Some(2500));
    assert_eq!(cfg["max-file-size"].as_integer(), Some(10_485_760));
    assert_eq!(cfg["checks"]["unknown-section"].as_str(), Some("off"));
    assert_eq!(cfg["max-code-lines"].as_integer(), Some(40));
    assert_eq!(cfg["code-budget"].as_integer(), Some(150));
    assert_eq!(
        cfg["max-code-lines-per-section"]["data-models"].as_integer(),
        Some(80)
    );
    assert_eq!(cfg.len(), 9);
    // The commented file is a valid techspec.toml once uncommented.
    crate::engine::config::Config::parse(std::path::Path::new("techspec.toml"), &uncommented)
        .unwrap();
}

#[test]
fn without_write_config_no_config_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let report = apply(&InitOptions {
        write_config: false,
        ..opts(dir.path(), &[AgentKind::Cursor])
    })
    .unwrap();
    assert_eq!(report.actions.len(), 1);
    assert!(!dir.path().join("techspec.toml").exists());
}

#[test]
fn plan_and_preview_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let o = opts(dir.path(), &AgentKind::ALL);
    let planned = plan(&o);
    assert_eq!(planned.len(), 1 + AgentKind::ALL.len());
    assert_eq!(planned[0].path, Path::new("techspec.toml"));
    assert_eq!(planned[0].agent, None);
    let preview = preview(&o).unwrap();
    assert!(
        preview
            .actions
            .iter()
            .all(|a| a.kind == ActionKind::Created)
    );
    assert_eq!(preview.mcp_snippets.len(), AgentKind::ALL.len());
    assert!(snapshot(dir.path()).is_empty());
    // The preview is what apply then does.
    assert_eq!(apply(&o).unwrap(), preview);
}

#[test]
fn duplicate_agents_are_written_once() {
    let dir = tempfile::tempdir().unwrap();
    let o = opts(
        dir.path(),
        &[AgentKind::Roo, AgentKind::Claude, AgentKind::Roo],
    );
    let report = apply(&o).unwrap();
    let paths: Vec<_> = report.actions.iter().map(|a| a.path.clone()).collect();
    assert_eq!(
        paths,
        [
            PathBuf::from("techspec.toml"),
            PathBuf::from(".roo/commands/create-techspec.md"),
            PathBuf::from(".claude/commands/create-techspec.md"),
        ]
    );
    assert_eq!(report.mcp_snippets.len(), 2);
}

#[test]
fn a_file_where_a_folder_should_be_is_skipped() {
    let dir = tempfile::tempdir().unwrap();
    // Cline's single-file rules form.
    fs::write(dir.path().join(".clinerules"), "be nice\n").unwrap();
    let report = apply(&opts(dir.path(), &[AgentKind::Cline])).unwrap();
    assert_eq!(
        report.actions[1].to_string(),
        "skipped .clinerules/workflows/create-techspec.md: .clinerules is a file, not a folder"
    );
    assert_eq!(
        fs::read_to_string(dir.path().join(".clinerules")).unwrap(),
        "be nice\n"
    );
}

#[test]
fn a_folder_where_the_file_should_be_is_skipped_even_with_force() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("AGENTS.md")).unwrap();
    let report = apply(&InitOptions {
        force: true,
        ..opts(dir.path(), &[AgentKind::Codex])
    })
    .unwrap();
    assert_eq!(
        report.actions[1].to_string(),
        "skipped AGENTS.md: is a directory"
    );
}

#[cfg(unix)]
#[test]
fn symlinked_agents_md_is_written_through_the_link() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("CLAUDE.md"), "# Shared\n").unwrap();
    std::os::unix::fs::symlink("CLAUDE.md", dir.path().join("AGENTS.md")).unwrap();
    apply(&opts(dir.path(), &[AgentKind::Codex])).unwrap();
    let link = fs::symlink_metadata(dir.path().join("AGENTS.md")).unwrap();
    assert!(link.file_type().is_symlink());
    let text = fs::read_to_string(dir.path().join("CLAUDE.md")).unwrap();
    assert!(text.starts_with("# Shared\n\n<!-- techspec:begin -->"));
}

#[cfg(unix)]
#[test]
fn force_keeps_the_replaced_file_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("techspec.toml");
    fs::write(&path, "old\n").unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
    apply(&InitOptions {
        force: true,
        ..InitOptions::new(dir.path())
    })
    .unwrap();
    let mode = fs::metadata(&path).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o640);
    assert_eq!(fs::read_to_string(&path).unwrap(), CONFIG_TEMPLATE);
}

#[test]
fn agent_names_parse_back_and_aliases_work() {
    for agent in AgentKind::ALL {
        assert_eq!(agent.name().parse::<AgentKind>(), Ok(agent));
        assert_eq!(agent.to_string(), agent.name());
        assert_eq!(agent.name().to_uppercase().parse::<AgentKind>(), Ok(agent));
    }
    for (alias, agent) in [
        ("claude-code", AgentKind::Claude),
        ("Kilo_Code", AgentKind::KiloCode),
        ("kilo", AgentKind::KiloCode),
        ("vscode", AgentKind::Copilot),
        ("roo-code", AgentKind::Roo),
        ("gemini-cli", AgentKind::Gemini),
    ] {
        assert_eq!(alias.parse::<AgentKind>(), Ok(agent), "{alias}");
    }
    let err = "emacs".parse::<AgentKind>().unwrap_err();
    assert_eq!(
        err.to_string(),
        "unknown agent `emacs` (expected one of: claude, cursor, kilocode, copilot, \
         windsurf, codex, gemini, cline, roo)"
    );
}

#[test]
fn mcp_snippets_are_valid_json_toml_and_commands() {
    let root = Path::new("/home/ana/my repo");
    for agent in AgentKind::ALL {
        let parts = mcp_parts(agent, root);
        assert!(!parts.is_empty());
        for part in &parts {
            // Every snippet sets the workspace: this repository, or the
            // editor's own workspace folder.
            let expected_root = if matches!(agent, AgentKind::Cursor | AgentKind::Copilot) {
                "${workspaceFolder}"
            } else {
                "/home/ana/my repo"
            };
            match part.lang {
                Lang::Json => {
                    let v: serde_json::Value = serde_json::from_str(&part.code).unwrap();
                    let servers = v
                        .get("mcpServers")
                        .or_else(|| v.get("servers"))
                        .or_else(|| v.get("mcp"))
                        .unwrap_or_else(|| panic!("{agent}: {}", part.code));
                    let server = &servers["techspec"];
                    let argv: Vec<&str> = match server["command"].as_array() {
                        Some(cmd) => cmd.iter().map(|c| c.as_str().unwrap()).collect(),
                        None => std::iter::once(server["command"].as_str().unwrap())
                            .chain(
                                server["args"]
                                    .as_array()
                                    .unwrap()
                                    .iter()
                                    .map(|a| a.as_str().unwrap()),
                            )
                            .collect(),
                    };
                    assert_eq!(
                        argv,
                        ["techspec", "mcp", "--root", expected_root],
                        "{agent}"
                    );
                }
                Lang::Toml => {
                    let t: toml::Table = toml::from_str(&part.code).unwrap();
                    let s = &t["mcp_servers"]["techspec"];
                    assert_eq!(s["command"].as_str(), Some("techspec"));
                    let args: Vec<&str> = s["args"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|a| a.as_str().unwrap())
                        .collect();
                    assert_eq!(args, ["mcp", "--root", expected_root]);
                }
                Lang::Shell => assert!(
                    part.code
                        .ends_with(" techspec -- techspec mcp --root '/home/ana/my repo'"),
                    "{}",
                    part.code
                ),
            }
        }
        let text = agents::mcp_snippet(agent, root);
        assert!(text.contains(parts[0].intro), "{agent}");
    }
    let copilot = agents::mcp_snippet(AgentKind::Copilot, root);
    assert!(copilot.contains(".vscode/mcp.json") && copilot.contains("\"type\": \"stdio\""));
    assert!(
        agents::mcp_snippet(AgentKind::Claude, root)
            .contains("  claude mcp add techspec -- techspec mcp --root '/home/ana/my repo'\n")
    );
    assert!(agents::mcp_snippet(AgentKind::Codex, root).contains("~/.codex/config.toml"));
    assert!(agents::mcp_snippet(AgentKind::Gemini, root).contains(".gemini/settings.json"));
    assert!(agents::mcp_snippet(AgentKind::Windsurf, root).contains("mcp_config.json"));
    assert!(agents::mcp_snippet(AgentKind::Cursor, root).contains(".cursor/mcp.json"));
}

#[test]
fn detect_finds_agents_by_their_files() {
    let dir = tempfile::tempdir().unwrap();
    assert!(detect(dir.path()).is_empty());
    fs::create_dir_all(dir.path().join(".cursor/rules")).unwrap();
    fs::create_dir_all(dir.path().join(".github")).unwrap();
    fs::write(dir.path().join(".github/copilot-instructions.md"), "x").unwrap();
    fs::write(dir.path().join("AGENTS.md"), "x").unwrap();
    fs::write(dir.path().join(".clinerules"), "x").unwrap();
    assert_eq!(
        detect(dir.path()),
        [
            AgentKind::Cursor,
            AgentKind::Copilot,
            AgentKind::Codex,
            AgentKind::Cline
        ]
    );
}

#[test]
fn errors_name_the_path() {
    let err = InitError::Write {
        path: PathBuf::from("/repo/AGENTS.md"),
        source: std::io::Error::other("disk full"),
    };
    assert_eq!(err.to_string(), "cannot write /repo/AGENTS.md: disk full");
    assert_eq!(err.path(), Path::new("/repo/AGENTS.md"));
}
