//! Reading a file the program did not write: bounded in size, regular files
//! only, binary content recognised, and I/O errors said in a user's words.

use std::io::Read;
use std::path::Path;

/// NUL bytes in the first 8 KB mean binary.
pub fn is_binary(bytes: &[u8]) -> bool {
    memchr::memchr(0, &bytes[..bytes.len().min(8192)]).is_some()
}

/// Reads a file, refusing directories, other non-regular files (FIFOs,
/// sockets, devices: reading them could block or never end) and files over
/// `limit` bytes; those are not opened.
pub fn read_limited(path: &Path, limit: u64) -> Result<Vec<u8>, String> {
    let meta = std::fs::metadata(path).map_err(|e| io_message(&e))?;
    if meta.is_dir() {
        return Err("is a directory, not a file".into());
    }
    if !meta.is_file() {
        return Err("is not a regular file (a FIFO, socket or device); not read".into());
    }
    if meta.len() > limit {
        return Err(format!(
            "file is {} bytes, over the {} byte limit (`max-file-size`); not read",
            meta.len(),
            limit
        ));
    }
    let mut f = std::fs::File::open(path).map_err(|e| io_message(&e))?;
    // One byte more than the file holds, so that end of file is seen without regrowing.
    let capacity = usize::try_from(meta.len())
        .unwrap_or(usize::MAX)
        .saturating_add(1);
    let mut buf = Vec::with_capacity(capacity);
    f.by_ref()
        .take(limit.saturating_add(1))
        .read_to_end(&mut buf)
        .map_err(|e| io_message(&e))?;
    if buf.len() as u64 > limit {
        return Err(format!(
            "file grew over the {limit} byte limit while being read; not checked"
        ));
    }
    Ok(buf)
}

/// A short message for an I/O error on a spec file.
pub fn io_message(e: &std::io::Error) -> String {
    // ELOOP: Linux 40, the BSDs and macOS 62.
    let eloop = if cfg!(target_os = "linux") { 40 } else { 62 };
    if cfg!(unix) && e.raw_os_error() == Some(eloop) {
        return "symbolic link loop (too many levels of symbolic links)".into();
    }
    match e.kind() {
        std::io::ErrorKind::NotFound => "file not found".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => format!("cannot read file: {e}"),
    }
}
