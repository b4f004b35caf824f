//! Which rules apply to a spec, and why.

use std::borrow::Cow;
use std::cell::OnceCell;
use std::cmp::Ordering;
use std::collections::{BTreeSet, HashSet};

use serde::{Deserialize, Serialize};

use super::cite::{find_word, rule_names};
use super::glob::{RuleGlob, normalize_path, strip_dir};
use super::terms::{for_each_word, terms};
use super::{Activation, Agent, Rule, rule_stem};

/// The verdict for one rule.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "verdict", rename_all = "kebab-case")]
pub enum Verdict {
    /// The rule applies (always-on, a glob matched, or the spec names it).
    Applies,
    /// The agent decides from the description; `score` in `0.0..=1.0` is
    /// the share of the rule's description and title terms found in the spec.
    PossiblyRelevant {
        /// Relevance, higher is more relevant.
        score: f32,
    },
    /// The rule does not apply.
    NotApplicable,
}

/// One rule's verdict, with a human-readable reason.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Applicability {
    /// Index into the `rules` slice given to [`applicability`].
    pub rule_index: usize,
    /// The verdict (flattened in JSON: `"verdict": "applies"`, plus
    /// `"score"` when possibly relevant).
    #[serde(flatten)]
    pub verdict: Verdict,
    /// Why, for example `always-on`, `globs "src/**/*.ts" match src/api/user.ts`.
    pub reason: String,
}

/// Decide, for every rule, whether it applies to a spec whose relevant
/// files are `candidates` (repo-relative paths; `./` and `\` are
/// normalised) and whose text is `spec_text`.
///
/// - A rule scoped to a folder needs a candidate under that folder (unless
///   the spec names it).
/// - `Always` applies; `Globs` applies when a pattern matches a candidate
///   (relative to the root or to the rule's folder); `AgentDecides` is
///   "possibly relevant" with a term-overlap score; `Manual` and `Mode`
///   apply only when the spec names the rule (`@name`, its file name, its
///   path, or a stem that contains `-`, `_`, `.` or a digit); `Never`
///   does not apply.
///
/// One entry per rule, ordered: applies (in rule order), possibly relevant
/// (highest score first), then not applicable (in rule order).
///
/// To check many specs against the same rules, build [`CompiledRules`]
/// once instead.
pub fn applicability(rules: &[Rule], candidates: &[String], spec_text: &str) -> Vec<Applicability> {
    CompiledRules::new(rules).applicability(candidates, spec_text)
}

/// Rules prepared for [`applicability`] against many specs: globs compiled,
/// description terms and rule names extracted once.
#[derive(Debug, Clone)]
pub struct CompiledRules<'a> {
    rules: &'a [Rule],
    prepared: Cow<'a, PreparedRules>,
}

/// The compiled part of [`CompiledRules`], owning nothing of the rules, so
/// that it can be kept beside them (a [`crate::project::Project`] holds both).
#[derive(Debug, Clone, Default)]
pub struct PreparedRules {
    prepared: Vec<Prepared>,
    /// Terms of every agent-decides rule.
    wanted: HashSet<String>,
}

/// What [`decide`] needs from one rule, computed once.
#[derive(Debug, Clone)]
struct Prepared {
    scope: String,
    globs: Vec<RuleGlob>,
    terms: BTreeSet<String>,
    /// Names the spec may use for the rule: (as shown, ASCII-lower-cased).
    names: Vec<(String, String)>,
    /// The names a section cites the rule by, lower-cased ([`super::find_cited`]).
    cited_as: Vec<String>,
}

impl<'a> CompiledRules<'a> {
    /// Prepare `rules`. Invalid globs are skipped (discovery already
    /// recorded them as warnings on the rule).
    pub fn new(rules: &'a [Rule]) -> Self {
        CompiledRules {
            rules,
            prepared: Cow::Owned(PreparedRules::new(rules)),
        }
    }

    /// `rules` with what [`PreparedRules::new`] prepared from them.
    pub fn with(rules: &'a [Rule], prepared: &'a PreparedRules) -> Self {
        CompiledRules {
            rules,
            prepared: Cow::Borrowed(prepared),
        }
    }
}

impl PreparedRules {
    /// Prepare `rules` (see [`CompiledRules::new`]).
    pub fn new(rules: &[Rule]) -> Self {
        let prepared: Vec<Prepared> = rules
            .iter()
            .map(|rule| Prepared {
                scope: normalize_path(&rule.scope_str()),
                globs: match &rule.activation {
                    Activation::Globs(p) => {
                        p.iter().filter_map(|p| RuleGlob::new(p).ok()).collect()
                    }
                    _ => Vec::new(),
                },
                terms: match rule.activation {
                    Activation::AgentDecides => terms(&describe(rule)),
                    _ => BTreeSet::new(),
                },
                names: rule_mentions(rule)
                    .into_iter()
                    .map(|n| {
                        let lower = n.to_ascii_lowercase();
                        (n, lower)
                    })
                    .collect(),
                cited_as: rule_names(rule).iter().map(|n| n.to_lowercase()).collect(),
            })
            .collect();
        let wanted = prepared
            .iter()
            .flat_map(|p| p.terms.iter().cloned())
            .collect();
        PreparedRules { prepared, wanted }
    }
}

impl<'a> CompiledRules<'a> {
    /// The rules, in the order `rule_index` refers to.
    pub fn rules(&self) -> &'a [Rule] {
        self.rules
    }

    /// Whether a section whose lower-cased text is `lower` cites rule
    /// `index`: [`super::find_cited`] of that rule and the section, with the
    /// rule's names lower-cased once for every spec.
    pub fn cites(&self, index: usize, lower: &str) -> bool {
        self.prepared.prepared.get(index).is_some_and(|p| {
            p.cited_as
                .iter()
                .any(|name| find_word(lower, name).is_some())
        })
    }

    /// See [`applicability`].
    pub fn applicability(&self, candidates: &[String], spec_text: &str) -> Vec<Applicability> {
        let candidates: Vec<String> = candidates
            .iter()
            .map(|c| normalize_path(c))
            .filter(|c| !c.is_empty())
            .collect();
        let spec = Spec {
            text: spec_text,
            wanted: &self.prepared.wanted,
            lower: OnceCell::new(),
            terms: OnceCell::new(),
        };
        let mut out: Vec<Applicability> = self
            .rules
            .iter()
            .zip(&self.prepared.prepared)
            .enumerate()
            .map(|(i, (rule, prep))| {
                let (verdict, reason) = decide(rule, prep, &candidates, &spec);
                Applicability {
                    rule_index: i,
                    verdict,
                    reason,
                }
            })
            .collect();
        out.sort_by(|a, b| rank(a).partial_cmp(&rank(b)).unwrap_or(Ordering::Equal));
        out
    }
}

/// The spec text. Its ASCII-lower-cased copy (rule names are compared
/// ASCII-case-insensitively) and its terms are computed only if some rule
/// needs them, and only the terms some rule's description uses are kept.
struct Spec<'a> {
    text: &'a str,
    wanted: &'a HashSet<String>,
    lower: OnceCell<String>,
    terms: OnceCell<HashSet<String>>,
}

impl Spec<'_> {
    fn lower(&self) -> &str {
        self.lower.get_or_init(|| self.text.to_ascii_lowercase())
    }

    /// The spec's terms that some agent-decides rule also uses.
    fn terms(&self) -> &HashSet<String> {
        self.terms.get_or_init(|| {
            let mut found = HashSet::new();
            // Stopwords are never wanted, so the cheaper scan is enough.
            for_each_word(self.text, |t| {
                if self.wanted.contains(t) && !found.contains(t) {
                    found.insert(t.to_string());
                }
            });
            found
        })
    }

    /// The first of `names` that the spec mentions as a whole word.
    fn mentions<'n>(&self, names: &'n [(String, String)]) -> Option<&'n str> {
        names
            .iter()
            .find(|(_, lower)| find_word(self.lower(), lower).is_some())
            .map(|(shown, _)| shown.as_str())
    }
}

/// The text an agent decides from: the description and the title.
fn describe(rule: &Rule) -> String {
    format!(
        "{} {}",
        rule.description.as_deref().unwrap_or(""),
        rule.title
    )
}

/// Sort key: verdict group, then descending score, then rule order.
fn rank(a: &Applicability) -> (u8, f32, usize) {
    match a.verdict {
        Verdict::Applies => (0, 0.0, a.rule_index),
        Verdict::PossiblyRelevant { score } => (1, -score, a.rule_index),
        Verdict::NotApplicable => (2, 0.0, a.rule_index),
    }
}

fn named_reason(name: &str) -> (Verdict, String) {
    (Verdict::Applies, format!("named in the spec as `{name}`"))
}

fn decide(
    rule: &Rule,
    prep: &Prepared,
    candidates: &[String],
    spec: &Spec<'_>,
) -> (Verdict, String) {
    let scope = prep.scope.as_str();
    let in_scope: Vec<&str> = candidates
        .iter()
        .filter(|c| strip_dir(c, scope).is_some())
        .map(String::as_str)
        .collect();
    let named = || spec.mentions(&prep.names);
    let on_demand = matches!(
        rule.activation,
        Activation::Manual | Activation::Mode(_) | Activation::AgentDecides
    );
    if on_demand {
        if let Some(name) = named() {
            return named_reason(name);
        }
    }
    if !scope.is_empty() && in_scope.is_empty() && rule.activation != Activation::Never {
        return match named() {
            Some(name) => named_reason(name),
            None => (
                Verdict::NotApplicable,
                format!("scoped to {scope}/; no relevant file is under it"),
            ),
        };
    }
    match &rule.activation {
        Activation::Always if scope.is_empty() => (Verdict::Applies, "always-on".to_string()),
        Activation::Always => (Verdict::Applies, format!("always-on in {scope}/")),
        Activation::Globs(patterns) => {
            let key = pattern_key(rule.agent);
            for glob in &prep.globs {
                if let Some(file) = in_scope.iter().find(|c| glob.is_match_scoped(c, scope)) {
                    return (
                        Verdict::Applies,
                        format!("{key} \"{}\" match {file}", glob.pattern()),
                    );
                }
            }
            if let Some(name) = named() {
                return named_reason(name);
            }
            let list = patterns
                .iter()
                .map(|p| format!("\"{p}\""))
                .collect::<Vec<_>>()
                .join(", ");
            (
                Verdict::NotApplicable,
                format!("no relevant file matches {key} {list}"),
            )
        }
        Activation::AgentDecides => {
            let shared: Vec<&str> = prep
                .terms
                .iter()
                .filter(|t| spec.terms().contains(*t))
                .map(String::as_str)
                .collect();
            let score = if prep.terms.is_empty() {
                0.0
            } else {
                shared.len() as f32 / prep.terms.len() as f32
            };
            let mut reason = format!(
                "agent decides from its description; {} of {} terms in the spec",
                shared.len(),
                prep.terms.len()
            );
            if !shared.is_empty() {
                reason.push_str(&format!(" ({})", shared.join(", ")));
            }
            (Verdict::PossiblyRelevant { score }, reason)
        }
        Activation::Manual => (
            Verdict::NotApplicable,
            format!("manual; applies only when mentioned (`@{}`)", rule.stem()),
        ),
        Activation::Mode(mode) => (Verdict::NotApplicable, format!("only in the `{mode}` mode")),
        Activation::Never => (Verdict::NotApplicable, "never applied".to_string()),
    }
}

/// The frontmatter key an agent writes its patterns under.
fn pattern_key(agent: Agent) -> &'static str {
    match agent {
        Agent::Copilot => "applyTo",
        Agent::Claude | Agent::Cline | Agent::Kilo | Agent::KiloCode | Agent::Roo => "paths",
        _ => "globs",
    }
}

/// The names a spec may use to ask for a rule: `@stem` or `@path`, the
/// path (with or without extension), the file name, or a distinctive stem
/// (one with `-`, `_`, `.` or a digit, so "react" in prose does not count).
fn rule_mentions(rule: &Rule) -> Vec<String> {
    let path = rule.path_str();
    let file = rule.file_name();
    let stem = rule_stem(&file).to_string();
    let dir_len = path.len() - file.len();
    let path_no_ext = format!("{}{stem}", &path[..dir_len]);
    let mut names = vec![format!("@{stem}"), format!("@{path}"), path.clone()];
    if path_no_ext != path {
        names.push(path_no_ext);
    }
    // A bare file name only counts when it is specific to this rule.
    let generic = matches!(
        file.as_str(),
        "AGENTS.md" | "CLAUDE.md" | "GEMINI.md" | "CLAUDE.local.md"
    );
    if !generic {
        names.push(file.clone());
        let distinctive = stem.chars().count() >= 4
            && stem.contains(|c: char| c == '-' || c == '_' || c == '.' || c.is_ascii_digit());
        if distinctive {
            names.push(stem);
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn rule(agent: Agent, path: &str, scope: &str, activation: Activation) -> Rule {
        Rule {
            agent,
            path: PathBuf::from(path),
            scope_dir: PathBuf::from(scope),
            title: rule_stem(path.rsplit('/').next().unwrap()).to_string(),
            description: None,
            activation,
            body: String::new(),
            warnings: vec![],
        }
    }

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    fn verdict_of(res: &[Applicability], i: usize) -> &Applicability {
        res.iter().find(|a| a.rule_index == i).unwrap()
    }

    proptest::proptest! {
        /// A section cites a rule for `cites`, with the names lower-cased
        /// once, exactly when it does for `find_cited`.
        #[test]
        fn cites_agrees_with_find_cited(
            text in "(Go-Style|go-style\\.mdc|\\.cursor/rules/|SECURITY|Straße|İ|react|-|_| |\\.|`|@){0,12}",
            title in "(Go Style|Security|STRASSE|İx|React){1}",
        ) {
            let mut rules = vec![
                rule(Agent::Cursor, ".cursor/rules/go-style.mdc", "", Activation::Always),
                rule(Agent::Cursor, ".cursor/rules/security.mdc", "", Activation::Manual),
                rule(Agent::Agents, "AGENTS.md", "", Activation::Always),
            ];
            rules[1].title = title;
            let compiled = CompiledRules::new(&rules);
            let lower = text.to_lowercase();
            for (i, r) in rules.iter().enumerate() {
                proptest::prop_assert_eq!(compiled.cites(i, &lower), super::super::find_cited(r, &text));
            }
        }
    }

    #[test]
    fn always_on_root_rule_applies() {
        let rules = vec![rule(Agent::Agents, "AGENTS.md", "", Activation::Always)];
        let res = applicability(&rules, &[], "");
        assert_eq!(res[0].verdict, Verdict::Applies);
        assert_eq!(res[0].reason, "always-on");
    }

    #[test]
    fn nested_agents_md_applies_only_with_candidate_under_it() {
        let rules = vec![rule(
            Agent::Agents,
            "packages/api/AGENTS.md",
            "packages/api",
            Activation::Always,
        )];
        let res = applicability(&rules, &strings(&["packages/web/src/a.ts"]), "");
        assert_eq!(res[0].verdict, Verdict::NotApplicable);
        assert!(res[0].reason.contains("scoped to packages/api/"));
        let res = applicability(&rules, &strings(&["packages/api-v2/x.ts"]), "");
        assert_eq!(res[0].verdict, Verdict::NotApplicable);
        let res = applicability(&rules, &strings(&["./packages/api/src/user.ts"]), "");
        assert_eq!(res[0].verdict, Verdict::Applies);
        assert_eq!(res[0].reason, "always-on in packages/api/");
    }

    #[test]
    fn glob_rule_names_pattern_and_file() {
        let rules = vec![rule(
            Agent::Cursor,
            ".cursor/rules/ts.mdc",
            "",
            Activation::Globs(strings(&["docs/**", "src/**/*.ts"])),
        )];
        let res = applicability(&rules, &strings(&["README.md", "src/api/user.ts"]), "");
        assert_eq!(res[0].verdict, Verdict::Applies);
        assert_eq!(res[0].reason, "globs \"src/**/*.ts\" match src/api/user.ts");
        let res = applicability(&rules, &strings(&["src/api/user.rs"]), "");
        assert_eq!(res[0].verdict, Verdict::NotApplicable);
        assert_eq!(
            res[0].reason,
            "no relevant file matches globs \"docs/**\", \"src/**/*.ts\""
        );
    }

    #[test]
    fn copilot_apply_to_reason_and_invalid_glob_ignored() {
        let rules = vec![rule(
            Agent::Copilot,
            ".github/instructions/py.instructions.md",
            "",
            Activation::Globs(strings(&["src/[", "**/*.py"])),
        )];
        let res = applicability(&rules, &strings(&["app/main.py"]), "");
        assert_eq!(res[0].reason, "applyTo \"**/*.py\" match app/main.py");
    }

    #[test]
    fn nested_glob_rule_tries_root_and_scope() {
        let rules = vec![rule(
            Agent::Cursor,
            "web/.cursor/rules/ui.mdc",
            "web",
            Activation::Globs(strings(&["src/**/*.tsx"])),
        )];
        let res = applicability(&rules, &strings(&["web/src/App.tsx"]), "");
        assert_eq!(res[0].verdict, Verdict::Applies);
        // Matches relative to the root, but is outside the rule's folder.
        let res = applicability(&rules, &strings(&["src/App.tsx"]), "");
        assert_eq!(res[0].verdict, Verdict::NotApplicable);
    }

    #[test]
    fn agent_decides_is_ranked_by_overlap() {
        let mut db = rule(
            Agent::Cursor,
            ".cursor/rules/db.mdc",
            "",
            Activation::AgentDecides,
        );
        db.description = Some("PostgreSQL migrations and database schema changes".into());
        let mut ui = rule(
            Agent::Cursor,
            ".cursor/rules/ui.mdc",
            "",
            Activation::AgentDecides,
        );
        ui.description = Some("React components and Tailwind styling".into());
        let mut none = rule(
            Agent::Cursor,
            ".cursor/rules/x.mdc",
            "",
            Activation::AgentDecides,
        );
        none.description = Some("Gradle Groovy build scripts".into());
        let rules = vec![none, ui, db];
        let spec = "We add a database migration to the PostgreSQL schema, and one React component.";
        let res = applicability(&rules, &[], spec);
        let order: Vec<usize> = res.iter().map(|a| a.rule_index).collect();
        assert_eq!(order, [2, 1, 0]);
        let score = |i: usize| match verdict_of(&res, i).verdict {
            Verdict::PossiblyRelevant { score } => score,
            v => panic!("{v:?}"),
        };
        assert!(score(2) > score(1) && score(1) > score(0));
        assert_eq!(score(0), 0.0);
        assert!(
            verdict_of(&res, 2).reason.contains("database"),
            "{}",
            verdict_of(&res, 2).reason
        );
    }

    #[test]
    fn manual_applies_only_when_named() {
        let rules = vec![
            rule(
                Agent::Cursor,
                ".cursor/rules/sql-database.mdc",
                "",
                Activation::Manual,
            ),
            rule(
                Agent::Cursor,
                ".cursor/rules/react.mdc",
                "",
                Activation::Manual,
            ),
            rule(
                Agent::Roo,
                ".roo/rules-docs/style.md",
                "",
                Activation::Mode("docs".into()),
            ),
            rule(Agent::Cline, ".clinerules/off.md", "", Activation::Never),
        ];
        let res = applicability(&rules, &[], "A React page with a SQL database.");
        assert!(
            res.iter().all(|a| a.verdict == Verdict::NotApplicable),
            "{res:?}"
        );
        assert!(verdict_of(&res, 0).reason.contains("@sql-database"));
        assert!(verdict_of(&res, 2).reason.contains("`docs` mode"));

        let spec = "Follows sql-database, @react and .roo/rules-docs/style.md; off.md too.";
        let res = applicability(&rules, &[], spec);
        assert_eq!(verdict_of(&res, 0).verdict, Verdict::Applies);
        assert_eq!(
            verdict_of(&res, 0).reason,
            "named in the spec as `sql-database`"
        );
        assert_eq!(verdict_of(&res, 1).reason, "named in the spec as `@react`");
        assert_eq!(verdict_of(&res, 2).verdict, Verdict::Applies);
        // `paths: []` in Cline: never loaded, even when named.
        assert_eq!(verdict_of(&res, 3).verdict, Verdict::NotApplicable);
    }

    #[test]
    fn order_is_applies_then_possible_then_not() {
        let mut ad = rule(Agent::Cursor, "a.mdc", "", Activation::AgentDecides);
        ad.description = Some("anything".into());
        let rules = vec![
            rule(Agent::Cursor, "m.mdc", "", Activation::Manual),
            ad,
            rule(Agent::Agents, "AGENTS.md", "", Activation::Always),
        ];
        let res = applicability(&rules, &[], "");
        let order: Vec<usize> = res.iter().map(|a| a.rule_index).collect();
        assert_eq!(order, [2, 1, 0]);
    }

    #[test]
    fn compiled_rules_are_reusable() {
        let rules = vec![
            rule(Agent::Agents, "AGENTS.md", "", Activation::Always),
            rule(
                Agent::Cursor,
                ".cursor/rules/ts.mdc",
                "",
                Activation::Globs(strings(&["**/*.ts"])),
            ),
        ];
        let compiled = CompiledRules::new(&rules);
        assert_eq!(compiled.rules().len(), 2);
        for files in [&["a.ts"][..], &["a.rs"][..]] {
            let files = strings(files);
            assert_eq!(
                compiled.applicability(&files, "spec"),
                applicability(&rules, &files, "spec")
            );
        }
    }

    #[test]
    fn verdict_serialises() {
        let j = serde_json::to_string(&Verdict::PossiblyRelevant { score: 0.5 }).unwrap();
        assert_eq!(j, r#"{"verdict":"possibly-relevant","score":0.5}"#);
        let j = serde_json::to_string(&Verdict::Applies).unwrap();
        assert_eq!(j, r#"{"verdict":"applies"}"#);
        let a = Applicability {
            rule_index: 3,
            verdict: Verdict::PossiblyRelevant { score: 0.25 },
            reason: "r".into(),
        };
        let j = serde_json::to_string(&a).unwrap();
        assert_eq!(
            j,
            r#"{"rule_index":3,"verdict":"possibly-relevant","score":0.25,"reason":"r"}"#
        );
        assert_eq!(serde_json::from_str::<Applicability>(&j).unwrap(), a);
    }
}
