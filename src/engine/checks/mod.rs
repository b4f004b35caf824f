//! The check catalogue. One check = one file `tsNNN_<name>.rs`, whose module
//! doc comment (What it does / Why is this bad? / Example / Use instead) is
//! its documentation, collected at build time into [`docs`].
//!
//! [`CHECKS`] is the one registry table.

use std::path::Path;

use crate::engine::settings::Settings;
use crate::model::align::Alignment;
use crate::model::diagnostic::{Diagnostic, Severity};
use crate::model::document::Document;
use crate::model::template::Template;
use crate::project::Project;

pub(crate) mod project_view;

pub mod analysis;
pub mod code;
pub mod guidance;
pub mod text;
pub mod ts001_template_mismatch;
pub mod ts101_missing_section;
pub mod ts102_section_out_of_order;
pub mod ts103_wrong_heading_level;
pub mod ts104_duplicate_section;
pub mod ts105_empty_section;
pub mod ts106_missing_title;
pub mod ts107_unknown_section;
pub mod ts108_template_title;
pub mod ts109_second_title;
pub mod ts201_leftover_guidance;
pub mod ts202_placeholder_marker;
pub mod ts203_code_block_too_long;
pub mod ts204_interface_language_mismatch;
pub mod ts205_word_budget_exceeded;
pub mod ts206_summary_too_long;
pub mod ts207_invalid_api_endpoint;
pub mod ts208_invalid_metric_name;
pub mod ts209_performance_target_without_unit;
pub mod ts210_build_order_not_ordered;
pub mod ts211_code_block_over_max_lines;
pub mod ts212_code_budget_exceeded;
pub mod ts213_api_endpoints_without_endpoint;
pub mod ts301_relevant_file_missing;
pub mod ts302_absolute_path;
pub mod ts303_path_outside_repository;
pub mod ts304_unknown_rule_cited;
pub mod ts305_applicable_rule_not_cited;
pub mod ts306_rules_folder_mismatch;
pub mod ts307_root_slash_paths;
pub mod ts308_standards_cite_nothing;
pub mod ts309_relevant_files_without_paths;
pub mod ts401_requirement_not_addressed;
pub mod ts402_requirement_weakly_covered;
pub mod ts403_prd_unusable;
pub mod ts404_prd_without_requirements;
pub mod ts410_build_order_step_without_task;
pub mod ts411_task_file_not_in_spec;
pub mod ts412_task_done_with_open_items;
pub mod ts413_task_dependency_missing;
pub mod ts414_task_dependency_cycle;
pub mod ts415_task_frontmatter_invalid;
pub mod ts416_task_file_unusable;
pub mod ts417_task_list_without_tasks;
pub mod ts501_new_file_missing;
pub mod ts502_endpoint_not_routed;
pub mod ts503_interface_name_missing;
pub mod ts520_adr_missing_part;
pub mod ts521_adr_empty_part;
pub mod ts522_adr_unknown_status;
pub mod ts523_adr_empty;
pub mod ts901_file_not_readable;
pub mod ts902_invalid_utf8;

include!(concat!(env!("OUT_DIR"), "/check_docs.rs"));

/// What a check looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    Structure,
    Content,
    Project,
    /// The PRD and tasks beside the spec (run by [`crate::engine::trace`]).
    Trace,
    File,
}

/// The signature of a check.
pub type CheckFn = fn(&Context<'_>, &mut Vec<Diagnostic>);

/// One row of the registry.
pub struct CheckInfo {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    pub category: Category,
    pub summary: &'static str,
    /// `None` for checks the engine reports itself (file-level problems).
    pub run: Option<CheckFn>,
    /// Whether the check still runs when the spec matches no template
    /// (TS001): checks of the title, of the whole text or of the project do;
    /// checks that read the spec's sections through the alignment do not.
    pub runs_on_mismatch: bool,
}

/// One registry row of a check the engine runs. The code is the module's
/// own `CODE` (one source: a finding's code and its row cannot differ). A
/// row ending in `runs_on_mismatch` still runs when the spec matches no
/// template; the others are skipped then.
macro_rules! check {
    ($module:ident, $name:literal, $sev:ident, $cat:ident, $summary:literal) => {
        check!(@row $module, $name, $sev, $cat, $summary, Some($module::check), false)
    };
    ($module:ident, $name:literal, $sev:ident, $cat:ident, $summary:literal, runs_on_mismatch) => {
        check!(@row $module, $name, $sev, $cat, $summary, Some($module::check), true)
    };
    (@row $module:ident, $name:literal, $sev:ident, $cat:ident, $summary:literal, $run:expr, $mismatch:literal) => {
        CheckInfo {
            code: $module::CODE,
            name: $name,
            severity: Severity::$sev,
            category: Category::$cat,
            summary: $summary,
            run: $run,
            runs_on_mismatch: $mismatch,
        }
    };
}

/// A registry row for a check the engine does not run in its loop: its
/// findings come from elsewhere (`implemented`, `adr`, the engine's file
/// reading), which says when it runs.
macro_rules! reported {
    ($module:ident, $name:literal, $sev:ident, $cat:ident, $summary:literal) => {
        check!(@row $module, $name, $sev, $cat, $summary, None, true)
    };
}

/// A registry row for a check of the PRD and tasks beside the spec: run by
/// [`crate::engine::trace::TRACE_CHECKS`], not by the engine's loop.
macro_rules! trace_check {
    ($module:ident, $name:literal, $sev:ident, $summary:literal) => {
        reported!($module, $name, $sev, Trace, $summary)
    };
}

/// The registry: every check, by code.
pub static CHECKS: &[CheckInfo] = &[
    check!(
        ts001_template_mismatch,
        "template-mismatch",
        Error,
        Structure,
        "The spec matches no template: fewer than a third of the required sections.",
        runs_on_mismatch
    ),
    // Structure
    check!(
        ts101_missing_section,
        "missing-section",
        Error,
        Structure,
        "A required template section is absent."
    ),
    check!(
        ts102_section_out_of_order,
        "section-out-of-order",
        Warning,
        Structure,
        "A section appears out of the template's order."
    ),
    check!(
        ts103_wrong_heading_level,
        "wrong-heading-level",
        Warning,
        Structure,
        "A section is written at a different heading level than the template's."
    ),
    check!(
        ts104_duplicate_section,
        "duplicate-section",
        Warning,
        Structure,
        "A template section appears more than once."
    ),
    check!(
        ts105_empty_section,
        "empty-section",
        Error,
        Structure,
        "A section has no content, or only TBD/TODO/\"...\"."
    ),
    check!(
        ts106_missing_title,
        "missing-title",
        Warning,
        Structure,
        "The spec has no `#` title.",
        runs_on_mismatch
    ),
    check!(
        ts107_unknown_section,
        "unknown-section",
        Info,
        Structure,
        "A section the template does not know (allowed; reported for information)."
    ),
    check!(
        ts108_template_title,
        "template-title",
        Warning,
        Structure,
        "The `#` title is still the template's, or names no feature.",
        runs_on_mismatch
    ),
    check!(
        ts109_second_title,
        "second-title",
        Warning,
        Structure,
        "A second `#` title before the first section.",
        runs_on_mismatch
    ),
    // Content
    check!(
        ts201_leftover_guidance,
        "leftover-guidance",
        Error,
        Content,
        "Template guidance left in the spec, verbatim or nearly."
    ),
    check!(
        ts202_placeholder_marker,
        "placeholder-marker",
        Error,
        Content,
        "A placeholder left unfilled: `[...]`, TODO, TBD, `<placeholder>`, `[NEEDS CLARIFICATION]`.",
        runs_on_mismatch
    ),
    check!(
        ts203_code_block_too_long,
        "code-block-too-long",
        Warning,
        Content,
        "A code block longer than the template's limit for its section."
    ),
    check!(
        ts204_interface_language_mismatch,
        "interface-language-mismatch",
        Warning,
        Content,
        "The interface example is in a different language than the project's or the template's."
    ),
    check!(
        ts205_word_budget_exceeded,
        "word-budget-exceeded",
        Warning,
        Content,
        "The spec is longer than the word budget (code excluded).",
        runs_on_mismatch
    ),
    check!(
        ts206_summary_too_long,
        "summary-too-long",
        Warning,
        Content,
        "The Executive Summary has more paragraphs than the template allows."
    ),
    check!(
        ts207_invalid_api_endpoint,
        "invalid-api-endpoint",
        Error,
        Content,
        "An API endpoint entry that is not `METHOD /path` with a real HTTP method."
    ),
    check!(
        ts208_invalid_metric_name,
        "invalid-metric-name",
        Warning,
        Content,
        "A metric name that is not a valid Prometheus name or breaks its naming conventions."
    ),
    check!(
        ts209_performance_target_without_unit,
        "performance-target-without-unit",
        Warning,
        Content,
        "A performance target without a number and a unit."
    ),
    check!(
        ts210_build_order_not_ordered,
        "build-order-not-ordered",
        Warning,
        Content,
        "The Build Order is not an ordered (numbered) list."
    ),
    check!(
        ts211_code_block_over_max_lines,
        "code-block-over-max-lines",
        Warning,
        Content,
        "A code block, in any section, longer than `max-code-lines` (40 by default).",
        runs_on_mismatch
    ),
    check!(
        ts212_code_budget_exceeded,
        "code-budget-exceeded",
        Warning,
        Content,
        "More code than the code budget (150 lines by default), or more code than prose.",
        runs_on_mismatch
    ),
    check!(
        ts213_api_endpoints_without_endpoint,
        "api-endpoints-without-endpoint",
        Warning,
        Content,
        "An API Endpoints section that holds code but names no endpoint."
    ),
    // Project (need a repository root)
    check!(
        ts301_relevant_file_missing,
        "relevant-file-missing",
        Error,
        Project,
        "A Relevant Files entry that does not exist in the repository.",
        runs_on_mismatch
    ),
    check!(
        ts302_absolute_path,
        "absolute-path",
        Error,
        Project,
        "A Relevant Files entry written as an absolute path or a `file://` link.",
        runs_on_mismatch
    ),
    check!(
        ts303_path_outside_repository,
        "path-outside-repository",
        Error,
        Project,
        "A Relevant Files entry that leaves the repository (never read).",
        runs_on_mismatch
    ),
    check!(
        ts304_unknown_rule_cited,
        "unknown-rule-cited",
        Error,
        Project,
        "Standards Compliance cites a rule that does not exist in the project.",
        runs_on_mismatch
    ),
    check!(
        ts305_applicable_rule_not_cited,
        "applicable-rule-not-cited",
        Warning,
        Project,
        "An always-on or glob-matching rule that Standards Compliance does not cite.",
        runs_on_mismatch
    ),
    check!(
        ts306_rules_folder_mismatch,
        "rules-folder-mismatch",
        Warning,
        Project,
        "Standards Compliance names a rules folder the project does not use.",
        runs_on_mismatch
    ),
    check!(
        ts307_root_slash_paths,
        "root-slash-paths",
        Warning,
        Project,
        "Relevant Files paths written with a leading `/` that mean the repository (one finding).",
        runs_on_mismatch
    ),
    check!(
        ts308_standards_cite_nothing,
        "standards-cite-nothing",
        Warning,
        Project,
        "Standards Compliance cites no rule, skill or standard at all.",
        runs_on_mismatch
    ),
    check!(
        ts309_relevant_files_without_paths,
        "relevant-files-without-paths",
        Warning,
        Project,
        "Relevant Files has content but names no file.",
        runs_on_mismatch
    ),
    // Trace: the PRD and the tasks beside the spec
    trace_check!(
        ts401_requirement_not_addressed,
        "requirement-not-addressed",
        Warning,
        "A PRD requirement with an ID that the spec neither cites nor covers."
    ),
    trace_check!(
        ts402_requirement_weakly_covered,
        "requirement-weakly-covered",
        Info,
        "A PRD requirement without ID whose terms the spec covers only weakly."
    ),
    trace_check!(
        ts403_prd_unusable,
        "prd-unusable",
        Warning,
        "The PRD beside the spec is empty, binary, unreadable or not UTF-8."
    ),
    trace_check!(
        ts404_prd_without_requirements,
        "prd-without-requirements",
        Info,
        "No requirement can be found in the PRD beside the spec."
    ),
    trace_check!(
        ts410_build_order_step_without_task,
        "build-order-step-without-task",
        Warning,
        "A Build Order step that no task beside the spec stands for."
    ),
    trace_check!(
        ts411_task_file_not_in_spec,
        "task-file-not-in-spec",
        Info,
        "A task names files that the spec's Relevant Files does not."
    ),
    trace_check!(
        ts412_task_done_with_open_items,
        "task-done-with-open-items",
        Error,
        "A task marked done while sub-tasks, tests or criteria are unchecked."
    ),
    trace_check!(
        ts413_task_dependency_missing,
        "task-dependency-missing",
        Warning,
        "A task depends on a task that does not exist."
    ),
    trace_check!(
        ts414_task_dependency_cycle,
        "task-dependency-cycle",
        Error,
        "Task dependencies form a cycle."
    ),
    trace_check!(
        ts415_task_frontmatter_invalid,
        "task-frontmatter-invalid",
        Warning,
        "A task file's frontmatter has an unknown status or complexity, or is not valid."
    ),
    trace_check!(
        ts416_task_file_unusable,
        "task-file-unusable",
        Warning,
        "A task list or task file is empty, binary, unreadable or not UTF-8."
    ),
    trace_check!(
        ts417_task_list_without_tasks,
        "task-list-without-tasks",
        Info,
        "No task can be found in the task list beside the spec."
    ),
    // After implementation (`check --implemented`; run by
    // `implemented::verify_all`, never in a plain `check`).
    reported!(
        ts501_new_file_missing,
        "new-file-missing",
        Warning,
        Project,
        "With --implemented: a file Relevant Files marks as new does not exist."
    ),
    reported!(
        ts502_endpoint_not_routed,
        "endpoint-not-routed",
        Warning,
        Project,
        "With --implemented: an API endpoint has no route declared in the source."
    ),
    reported!(
        ts503_interface_name_missing,
        "interface-name-missing",
        Warning,
        Project,
        "With --implemented: a type or function of Main Interfaces is declared nowhere in the source."
    ),
    // Architecture decision records (`adrs/adr-NNN.md`, `adr-*.md`; run by
    // `adr::check` instead of the template checks).
    reported!(
        ts520_adr_missing_part,
        "adr-missing-part",
        Warning,
        Structure,
        "An ADR lacks its Status, Context, Decision or Consequences."
    ),
    reported!(
        ts521_adr_empty_part,
        "adr-empty-part",
        Warning,
        Structure,
        "An ADR's Status, Context, Decision or Consequences heading has nothing under it."
    ),
    reported!(
        ts522_adr_unknown_status,
        "adr-unknown-status",
        Warning,
        Content,
        "An ADR's status is not Proposed, Accepted, Rejected, Deprecated or Superseded."
    ),
    reported!(
        ts523_adr_empty,
        "adr-empty",
        Warning,
        File,
        "An ADR file is empty."
    ),
    // File
    reported!(
        ts901_file_not_readable,
        "file-not-readable",
        Error,
        File,
        "The file cannot be read, is binary, or is over the size limit."
    ),
    check!(
        ts902_invalid_utf8,
        "invalid-utf8",
        Warning,
        File,
        "The file is not valid UTF-8; invalid bytes were replaced.",
        runs_on_mismatch
    ),
];

/// The registry row for a code (`TS101`) or a name (`missing-section`).
pub fn lookup(code_or_name: &str) -> Option<&'static CheckInfo> {
    let key = code_or_name.trim();
    CHECKS
        .iter()
        .find(|c| c.code.eq_ignore_ascii_case(key) || c.name.eq_ignore_ascii_case(key))
}

/// The documentation of a check, from its file's doc comment.
pub fn docs(code: &str) -> &'static str {
    CHECK_DOCS
        .iter()
        .find(|(c, _)| *c == code)
        .map_or("", |(_, d)| d)
}

/// Everything a check may read.
pub struct Context<'a> {
    pub path: &'a Path,
    pub doc: &'a Document,
    pub template: &'a Template,
    pub align: &'a Alignment,
    pub settings: &'a Settings,
    pub project: Option<&'a Project>,
    /// What several checks read from this document, computed once.
    pub memo: Memo,
}

/// Per-document results that several checks share, computed on first use
/// (see the accessors in [`analysis`] and [`project_view`]).
#[derive(Default)]
pub struct Memo {
    pub(crate) relevant: std::cell::OnceCell<Vec<crate::project::references::FileRef>>,
    pub(crate) resolved: std::cell::OnceCell<Vec<crate::project::PathStatus>>,
    pub(crate) spec_dir: std::cell::OnceCell<std::path::PathBuf>,
    /// Standards Compliance as text, code blanked (see [`project_view::standards_text`]).
    pub(crate) standards: std::cell::OnceCell<Option<(usize, String)>>,
    /// The names Standards Compliance cites (see [`project_view::standards_citations`]).
    pub(crate) citations: std::cell::OnceCell<Vec<(String, usize)>>,
    /// The rules that apply to the spec (see [`project_view::applicable_rules`]).
    pub(crate) applicable: std::cell::OnceCell<Vec<project_view::ApplicableRule>>,
    pub(crate) leftovers: std::cell::OnceCell<Vec<guidance::Leftover>>,
    pub(crate) empty_sections: std::cell::OnceCell<Vec<bool>>,
    pub(crate) over_limit: std::cell::OnceCell<Vec<analysis::OverLimit>>,
    pub(crate) code_totals: std::cell::OnceCell<(usize, usize)>,
}

impl Context<'_> {
    /// The spec section matched to a template identity.
    pub fn spec_section(&self, id: &str) -> Option<usize> {
        self.align.find_identity(self.template, id)
    }

    /// The template title of the template section a spec section stands for,
    /// else the spec's own heading.
    pub fn section_title(&self, spec_section: usize) -> String {
        match self.align.template_of(spec_section) {
            Some(t) => self.template.sections[t].title.clone(),
            None => self.doc.section_heading(spec_section).text.clone(),
        }
    }

    /// The template section (index) for an identity.
    pub fn template_section(&self, id: &str) -> Option<usize> {
        self.template.section_by_identity(id)
    }
}

#[cfg(test)]
mod tests;
