//! The editor and agent servers: the Language Server ([`lsp`]) and the Model
//! Context Protocol server ([`mcp`]), both over stdio, both thin layers over
//! [`crate::engine::workspace`].

pub mod lsp;
pub mod mcp;
