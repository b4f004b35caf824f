//! techspec: scaffold, research and check technical specifications written
//! from Markdown templates.

pub mod align;
pub mod document;
pub mod identity;
pub mod files;
pub mod init;
pub mod rules;
pub mod template;
