//! The agents `techspec init` knows: where each keeps its command or workflow
//! files, how it takes an argument, and how it registers an MCP server.

use std::fmt;
use std::path::Path;
use std::str::FromStr;

/// The shared workflow body; `{{feature}}` is replaced per agent.
const WORKFLOW: &str = include_str!("assets/workflow.md");

/// One line for a command picker; no `:` or `#`, so it is plain YAML.
const DESCRIPTION: &str =
    "Write the tech spec for a feature from its PRD, then check it with techspec until it is clean";

/// Marks the start of the section `init` owns in `AGENTS.md` and `GEMINI.md`.
pub const SECTION_BEGIN: &str = "<!-- techspec:begin -->";
/// Marks the end of that section.
pub const SECTION_END: &str = "<!-- techspec:end -->";

/// An AI coding agent that `techspec init` can install the spec workflow for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AgentKind {
    Claude,
    Cursor,
    KiloCode,
    Copilot,
    Windsurf,
    Codex,
    Gemini,
    Cline,
    Roo,
}

/// Where an agent's instructions go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Target {
    /// A whole file of ours, at this path from the repository root.
    File(&'static str),
    /// A marked section appended to a shared file.
    Section(&'static str),
}

impl AgentKind {
    /// Every agent, in the order `--help` lists them.
    pub const ALL: [AgentKind; 9] = [
        AgentKind::Claude,
        AgentKind::Cursor,
        AgentKind::KiloCode,
        AgentKind::Copilot,
        AgentKind::Windsurf,
        AgentKind::Codex,
        AgentKind::Gemini,
        AgentKind::Cline,
        AgentKind::Roo,
    ];

    /// The name used on the command line (`--agent kilocode`).
    pub fn name(self) -> &'static str {
        match self {
            AgentKind::Claude => "claude",
            AgentKind::Cursor => "cursor",
            AgentKind::KiloCode => "kilocode",
            AgentKind::Copilot => "copilot",
            AgentKind::Windsurf => "windsurf",
            AgentKind::Codex => "codex",
            AgentKind::Gemini => "gemini",
            AgentKind::Cline => "cline",
            AgentKind::Roo => "roo",
        }
    }

    /// The product name, for messages.
    pub fn display_name(self) -> &'static str {
        match self {
            AgentKind::Claude => "Claude Code",
            AgentKind::Cursor => "Cursor",
            AgentKind::KiloCode => "Kilo Code",
            AgentKind::Copilot => "GitHub Copilot (VS Code)",
            AgentKind::Windsurf => "Windsurf",
            AgentKind::Codex => "Codex",
            AgentKind::Gemini => "Gemini CLI",
            AgentKind::Cline => "Cline",
            AgentKind::Roo => "Roo Code",
        }
    }

    pub(crate) fn target(self) -> Target {
        match self {
            AgentKind::Claude => Target::File(".claude/commands/create-techspec.md"),
            AgentKind::Cursor => Target::File(".cursor/commands/create-techspec.md"),
            AgentKind::KiloCode => Target::File(".kilocode/workflows/create-techspec.md"),
            AgentKind::Copilot => Target::File(".github/prompts/create-techspec.prompt.md"),
            AgentKind::Windsurf => Target::File(".windsurf/workflows/create-techspec.md"),
            AgentKind::Codex => Target::Section("AGENTS.md"),
            AgentKind::Gemini => Target::Section("GEMINI.md"),
            AgentKind::Cline => Target::File(".clinerules/workflows/create-techspec.md"),
            AgentKind::Roo => Target::File(".roo/commands/create-techspec.md"),
        }
    }

    /// YAML frontmatter of the command file, if the agent reads one.
    fn frontmatter(self) -> Option<String> {
        let hint = "argument-hint: \"<feature name>\"\n";
        Some(match self {
            AgentKind::Claude | AgentKind::Roo => {
                format!("---\ndescription: {DESCRIPTION}\n{hint}---\n\n")
            }
            AgentKind::Copilot => format!("---\nmode: agent\ndescription: {DESCRIPTION}\n---\n\n"),
            AgentKind::Windsurf => format!("---\ndescription: {DESCRIPTION}\n---\n\n"),
            _ => return None,
        })
    }

    /// The opening line: how the agent gets the feature name.
    fn feature_line(self) -> &'static str {
        match self {
            AgentKind::Claude => "Write the technical specification for this feature: $ARGUMENTS",
            AgentKind::Copilot => {
                "Write the technical specification for this feature: ${input:feature:Feature name}"
            }
            AgentKind::Codex | AgentKind::Gemini => {
                "When the user asks for a technical specification (tech spec) of a feature, \
                 follow this procedure."
            }
            _ => {
                "Write the technical specification for the feature named with this command \
                 (if none was named, ask the user which one)."
            }
        }
    }
}

impl fmt::Display for AgentKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// An agent name that `AgentKind::from_str` does not know.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown agent `{input}` (expected one of: {})", expected())]
pub struct ParseAgentError {
    /// What was given.
    pub input: String,
}

fn expected() -> String {
    AgentKind::ALL.map(AgentKind::name).join(", ")
}

impl FromStr for AgentKind {
    type Err = ParseAgentError;

    /// Accepts `name()` and common spellings (`claude-code`, `kilo`, `vscode`,
    /// `roo-code`...), ignoring case, `-`, `_` and spaces.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let key: String = s
            .chars()
            .filter(|c| !matches!(c, '-' | '_' | ' '))
            .flat_map(char::to_lowercase)
            .collect();
        let agent = match key.as_str() {
            "claude" | "claudecode" => AgentKind::Claude,
            "cursor" => AgentKind::Cursor,
            "kilocode" | "kilo" => AgentKind::KiloCode,
            "copilot" | "githubcopilot" | "vscode" => AgentKind::Copilot,
            "windsurf" | "cascade" => AgentKind::Windsurf,
            "codex" | "openaicodex" | "agentsmd" => AgentKind::Codex,
            "gemini" | "geminicli" => AgentKind::Gemini,
            "cline" => AgentKind::Cline,
            "roo" | "roocode" => AgentKind::Roo,
            _ => {
                return Err(ParseAgentError {
                    input: s.to_string(),
                });
            }
        };
        Ok(agent)
    }
}

/// The agents a repository already shows signs of (their folders or rule
/// files at `root`), in `AgentKind::ALL` order. For `init` with no `--agent`.
pub fn detect(root: &Path) -> Vec<AgentKind> {
    let signs = |agent| -> &[&str] {
        match agent {
            AgentKind::Claude => &[".claude", "CLAUDE.md"],
            AgentKind::Cursor => &[".cursor", ".cursorrules"],
            AgentKind::KiloCode => &[".kilocode", ".kilo", "kilo.jsonc", "kilo.json"],
            AgentKind::Copilot => &[
                ".github/copilot-instructions.md",
                ".github/instructions",
                ".github/prompts",
            ],
            AgentKind::Windsurf => &[".windsurf", ".windsurfrules"],
            AgentKind::Codex => &["AGENTS.md", ".codex"],
            AgentKind::Gemini => &["GEMINI.md", ".gemini"],
            AgentKind::Cline => &[".clinerules"],
            AgentKind::Roo => &[".roo", ".roorules", ".roomodes"],
        }
    };
    AgentKind::ALL
        .into_iter()
        .filter(|&a| signs(a).iter().any(|p| root.join(p).exists()))
        .collect()
}

/// The whole command or workflow file for an agent with a `Target::File`.
pub(crate) fn command_file(agent: AgentKind) -> String {
    let body = WORKFLOW.replace("{{feature}}", agent.feature_line());
    let front = agent.frontmatter().unwrap_or_default();
    format!("{front}# Create a technical specification\n\n{body}")
}

/// The marked section for an agent with a `Target::Section`, from the begin
/// marker to the end marker inclusive, without a final newline.
pub(crate) fn section(agent: AgentKind) -> String {
    let body = demote_headings(&WORKFLOW.replace("{{feature}}", agent.feature_line()));
    format!(
        "{SECTION_BEGIN}\n\
         <!-- Written by `techspec init`: a re-run leaves this section alone, `--force` replaces it. -->\n\
         ## Technical specifications (techspec)\n\n\
         {}\n\
         {SECTION_END}",
        body.trim_end()
    )
}

/// Adds one `#` to every ATX heading outside fenced code, so the workflow's
/// `##` parts nest under the section's own `##` heading.
fn demote_headings(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut fence: Option<&str> = None;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        for marker in ["```", "~~~"] {
            if trimmed.starts_with(marker) {
                fence = match fence {
                    None => Some(marker),
                    Some(open) if open == marker => None,
                    other => other,
                };
            }
        }
        if fence.is_none() && line.starts_with('#') {
            out.push('#');
        }
        out.push_str(line);
    }
    out
}

/// The language of an MCP snippet's code, so tests can parse it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lang {
    Shell,
    Json,
    Toml,
}

/// One way to register the server: a sentence, then code to run or paste.
pub(crate) struct SnippetPart {
    pub intro: &'static str,
    /// Read by the tests, which parse every snippet in its language.
    #[cfg_attr(not(test), expect(dead_code))]
    pub lang: Lang,
    pub code: String,
}

/// The `command` + `args` JSON of `techspec mcp --root ROOT`.
fn server_json(root: &str, extra: &str) -> String {
    let root = serde_json::Value::from(root);
    format!(r#"{{ {extra}"command": "techspec", "args": ["mcp", "--root", {root}] }}"#)
}

/// `root` quoted for a POSIX shell when it needs it.
fn shell_quote(root: &str) -> String {
    if root
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "/._-+:@".contains(c))
    {
        root.to_string()
    } else {
        format!("'{}'", root.replace('\'', r"'\''"))
    }
}

/// How each agent registers `techspec mcp`, with its workspace set: the
/// editor's `${workspaceFolder}` where the config file lives in the project
/// and the editor expands it (Cursor, VS Code), else the repository's
/// absolute path (`root`), so a server the client starts in `/` or the home
/// folder still works in this repository.
pub(crate) fn mcp_parts(agent: AgentKind, root: &Path) -> Vec<SnippetPart> {
    let abs = root.to_string_lossy();
    let servers = |root: &str| {
        format!(
            "{{\n  \"mcpServers\": {{\n    \"techspec\": {}\n  }}\n}}",
            server_json(root, "")
        )
    };
    let json = |intro, root: &str| SnippetPart {
        intro,
        lang: Lang::Json,
        code: servers(root),
    };
    let shell = |intro, agent: &str| SnippetPart {
        intro,
        lang: Lang::Shell,
        code: format!(
            "{agent} mcp add techspec -- techspec mcp --root {}",
            shell_quote(&abs)
        ),
    };
    match agent {
        AgentKind::Claude => vec![
            shell(
                "Register the techspec MCP server with Claude Code:",
                "claude",
            ),
            json(
                "or share it with the team in .mcp.json at the repository root \
                 (each member's path to the repository):",
                &abs,
            ),
        ],
        AgentKind::Cursor => vec![json(
            "Add the techspec MCP server to .cursor/mcp.json (this project):",
            "${workspaceFolder}",
        )],
        AgentKind::KiloCode => vec![
            json(
                "Add the techspec MCP server to .kilocode/mcp.json (this project) \
                 or the global mcp_settings.json (Settings > MCP Servers):",
                &abs,
            ),
            SnippetPart {
                intro: "or, in Kilo versions configured by kilo.jsonc, under its \"mcp\" key:",
                lang: Lang::Json,
                code: format!(
                    "{{\n  \"mcp\": {{\n    \"techspec\": {{ \"type\": \"local\", \"command\": [\"techspec\", \"mcp\", \"--root\", {}] }}\n  }}\n}}",
                    serde_json::Value::from(abs.as_ref())
                ),
            },
        ],
        AgentKind::Copilot => vec![SnippetPart {
            intro: "Add the techspec MCP server to .vscode/mcp.json, then start it from \
                    the MCP Servers view:",
            lang: Lang::Json,
            code: format!(
                "{{\n  \"servers\": {{\n    \"techspec\": {}\n  }}\n}}",
                server_json("${workspaceFolder}", r#""type": "stdio", "#)
            ),
        }],
        AgentKind::Windsurf => vec![json(
            "Add the techspec MCP server to ~/.codeium/windsurf/mcp_config.json \
             (Cascade > MCP Servers > Configure):",
            &abs,
        )],
        AgentKind::Codex => vec![
            shell("Register the techspec MCP server with Codex:", "codex"),
            SnippetPart {
                intro: "or add it to ~/.codex/config.toml:",
                lang: Lang::Toml,
                code: format!(
                    "[mcp_servers.techspec]\ncommand = \"techspec\"\nargs = [\"mcp\", \"--root\", {}]",
                    toml::Value::from(abs.as_ref())
                ),
            },
        ],
        AgentKind::Gemini => vec![json(
            "Add the techspec MCP server to .gemini/settings.json (this project) \
             or ~/.gemini/settings.json:",
            &abs,
        )],
        AgentKind::Cline => vec![json(
            "Add the techspec MCP server to cline_mcp_settings.json \
             (Cline: MCP Servers > Configure MCP Servers):",
            &abs,
        )],
        AgentKind::Roo => vec![json(
            "Add the techspec MCP server to .roo/mcp.json (this project) \
             or the global mcp_settings.json (MCP Servers > Edit Global MCP):",
            &abs,
        )],
    }
}

/// The printable registration snippet: each part's sentence, then its code
/// indented by two spaces, parts separated by a blank line.
pub(crate) fn mcp_snippet(agent: AgentKind, root: &Path) -> String {
    mcp_parts(agent, root)
        .iter()
        .map(|part| {
            let code: Vec<String> = part.code.lines().map(|l| format!("  {l}")).collect();
            format!("{}\n{}\n", part.intro, code.join("\n"))
        })
        .collect::<Vec<_>>()
        .join("\n")
}
