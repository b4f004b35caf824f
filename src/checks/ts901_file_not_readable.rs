//! ## What it does
//! Reports a file that could not be checked: it cannot be read (permission
//! denied, it is a directory, it vanished), it is binary (contains NUL bytes),
//! or it is larger than the size limit (`max-file-size`, 10 MB by default; the
//! file is not read at all). The other files of the run are still checked,
//! and the run exits with code 2.
//!
//! ## Why is this bad?
//! A spec that cannot be read cannot be checked; silently skipping it would
//! report a clean run that is not.
//!
//! ## Example
//! `techspec check docs/` where `docs/diagram.md` is a PNG renamed to `.md`.
//!
//! ## Use instead
//! Fix the permission, exclude the file (`exclude = ["docs/diagram.md"]` in
//! `techspec.toml`), or raise `max-file-size`.

pub const CODE: &str = "TS901";
