//! techspec: scaffold, research and check technical specifications written
//! from Markdown templates.
//!
//! The pipeline: bytes ([`io`]) -> a [`model::document::Document`] parsed
//! once -> [`model::align`]ed with a [`model::template::Template`] -> the
//! [`project`] around the spec researched (rules, skills, references, files)
//! -> the checks of [`engine::checks::CHECKS`] run by [`engine::Checker`] ->
//! [`model::diagnostic::Diagnostic`]s -> an [`output`] format. [`authoring`]
//! writes specs, task lists and agent set-up; [`servers`] are the LSP and MCP
//! servers; the command line lives in the binary (`src/cli`).

// Layers, each using only those below it:
// io < model < project < engine < authoring, output < servers (< the binary's cli).
pub mod authoring;
pub mod engine;
pub mod io;
pub mod model;
pub mod output;
pub mod project;
pub mod servers;
