//! techspec: scaffold, research and check technical specifications written
//! from Markdown templates.
//!
//! The pipeline: bytes -> [`document::Document`] (parsed once) ->
//! [`align::align`] with a [`template::Template`] -> the checks of
//! [`checks::CHECKS`] -> [`diagnostic::Diagnostic`]s -> an output format.

pub mod adr;
pub mod align;
pub mod baseline;
pub mod checks;
pub mod config;
pub mod confine;
pub mod diagnostic;
pub mod document;
pub mod engine;
pub mod files;
pub mod fingerprint;
pub mod fix;
pub mod fsutil;
pub mod identity;
pub mod implemented;
pub mod init;
pub mod lsp;
pub mod mcp;
pub mod output;
pub mod project;
pub mod references;
pub mod report;
pub mod research;
pub mod rules;
pub mod scaffold;
pub mod settings;
pub mod specfiles;
pub mod targets;
pub mod tasks;
pub mod template;
pub mod trace;
pub mod walk;
pub mod workspace;
