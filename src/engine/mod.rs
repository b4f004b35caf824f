//! The engine: checking one spec ([`Checker`], in `checker`), the check
//! catalogue ([`checks`]), configuration ([`config`], [`settings`]), the
//! library API every front-end calls ([`workspace`]), `--fix` ([`fix`]), the
//! baseline and its fingerprints, and the checks around a spec: its PRD and
//! tasks ([`trace`]), the code after it ([`implemented`]), its ADRs ([`adr`]).

pub mod adr;
pub mod baseline;
mod checker;
pub mod checks;
pub mod config;
pub mod fingerprint;
pub mod fix;
pub mod implemented;
pub mod settings;
pub mod trace;
pub mod workspace;

pub use checker::{
    Checker, FileReport, Outcome, ProjectMode, RuleCoverage, SpecStats, TemplateChoice, finalize,
    flatten, max_file_size_for, unreadable,
};
