//! The bottom layer: files on disk. Reading bounded and safely ([`read`]),
//! writing atomically and never over a file unasked ([`write`](mod@write)), walking a
//! folder under one policy ([`walk`]), finding the project root ([`root`]),
//! and what a server may read at all ([`confine`]).

pub mod confine;
pub mod read;
pub mod root;
pub mod walk;
pub mod write;
