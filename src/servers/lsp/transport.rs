//! JSON-RPC over stdio with `Content-Length` framing, forgiving of bad input.
//!
//! `lsp_server::Connection::stdio` stops reading at the first malformed
//! message and trusts any `Content-Length`; an editor (or a fuzzer) sending
//! garbage would take the server down. This reader skips a malformed frame
//! with a note on stderr and goes on, and refuses frames over
//! [`MAX_MESSAGE_BYTES`] without allocating them.

use std::io::{self, BufRead, Read, Write};
use std::thread;

use crossbeam_channel::{Receiver, Sender, bounded};
use lsp_server::{Connection, Message};

/// The largest message body read (64 MiB): far above any spec.
pub const MAX_MESSAGE_BYTES: usize = 64 << 20;

/// A frame that could not be read as a message; reading goes on after it.
#[derive(Debug, thiserror::Error)]
pub enum FrameError {
    #[error("malformed header line {0:?}")]
    Header(String),
    #[error("message without a Content-Length header")]
    NoLength,
    #[error("message of {0} bytes is over the {MAX_MESSAGE_BYTES} byte limit; skipped")]
    TooLarge(usize),
    #[error("message body is not UTF-8")]
    NotUtf8,
    #[error("message is not JSON-RPC: {0}")]
    Json(#[from] serde_json::Error),
}

/// One read: a message, a frame to skip, or the end of input.
#[derive(Debug)]
pub enum Frame {
    Message(Message),
    Bad(FrameError),
    Eof,
}

/// Reads one frame. I/O errors (a closed pipe) are returned as `Err`.
pub fn read_frame(r: &mut dyn BufRead) -> io::Result<Frame> {
    let mut length: Option<usize> = None;
    let mut bad: Option<FrameError> = None;
    let mut line = Vec::new();
    let mut saw_header = false;
    loop {
        line.clear();
        let n = r.take(8192).read_until(b'\n', &mut line)?;
        if n == 0 {
            return Ok(if saw_header {
                Frame::Bad(FrameError::NoLength)
            } else {
                Frame::Eof
            });
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            if !saw_header {
                continue; // stray blank line between messages
            }
            break;
        }
        saw_header = true;
        match text.split_once(':') {
            Some((name, value)) if name.trim().eq_ignore_ascii_case("content-length") => {
                match value.trim().parse::<usize>() {
                    Ok(n) => length = Some(n),
                    Err(_) => bad = Some(FrameError::Header(text.to_string())),
                }
            }
            Some(_) => {} // Content-Type and others
            None => bad = Some(FrameError::Header(text.chars().take(200).collect())),
        }
    }
    let Some(len) = length else {
        return Ok(Frame::Bad(bad.unwrap_or(FrameError::NoLength)));
    };
    if len > MAX_MESSAGE_BYTES {
        io::copy(&mut r.take(len as u64), &mut io::sink())?;
        return Ok(Frame::Bad(FrameError::TooLarge(len)));
    }
    let mut body = Vec::with_capacity(len);
    r.take(len as u64).read_to_end(&mut body)?;
    if body.len() < len {
        return Ok(Frame::Eof);
    }
    if let Some(e) = bad {
        return Ok(Frame::Bad(e));
    }
    let Ok(text) = String::from_utf8(body) else {
        return Ok(Frame::Bad(FrameError::NotUtf8));
    };
    Ok(match serde_json::from_str::<Message>(&text) {
        Ok(m) => Frame::Message(m),
        Err(e) => Frame::Bad(FrameError::Json(e)),
    })
}

/// The running reader and writer threads of a stdio connection.
pub struct IoThreads {
    writer: thread::JoinHandle<()>,
}

impl IoThreads {
    /// Waits until every message sent so far is written (call after the
    /// connection's sender is dropped).
    pub fn join(self) {
        let _ = self.writer.join();
    }
}

/// A connection over this process's stdin and stdout.
pub fn stdio() -> io::Result<(Connection, IoThreads)> {
    let (in_tx, in_rx) = bounded::<Message>(64);
    let (out_tx, out_rx) = bounded::<Message>(64);
    thread::Builder::new()
        .name("lsp-reader".into())
        .spawn(move || read_loop(&mut io::stdin().lock(), &in_tx))?;
    let writer = thread::Builder::new()
        .name("lsp-writer".into())
        .spawn(move || write_loop(&mut io::stdout().lock(), &out_rx))?;
    Ok((
        Connection {
            sender: out_tx,
            receiver: in_rx,
        },
        IoThreads { writer },
    ))
}

/// Reads frames into `tx` until end of input, an I/O error, or `exit`.
pub fn read_loop(r: &mut dyn BufRead, tx: &Sender<Message>) {
    loop {
        match read_frame(r) {
            Ok(Frame::Message(m)) => {
                let exit = matches!(&m, Message::Notification(n) if n.method == "exit");
                if tx.send(m).is_err() || exit {
                    return;
                }
            }
            Ok(Frame::Bad(e)) => eprintln!("techspec lsp: skipped a message: {e}"),
            Ok(Frame::Eof) => return,
            Err(e) => {
                eprintln!("techspec lsp: cannot read stdin: {e}");
                return;
            }
        }
    }
}

/// Writes every message of `rx` until the channel closes or writing fails.
pub fn write_loop(w: &mut dyn Write, rx: &Receiver<Message>) {
    for m in rx {
        if let Err(e) = m.write(&mut &mut *w) {
            eprintln!("techspec lsp: cannot write stdout: {e}");
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(input: &str) -> Vec<String> {
        let mut r = io::BufReader::new(input.as_bytes());
        let mut out = Vec::new();
        loop {
            match read_frame(&mut r).unwrap() {
                Frame::Message(Message::Notification(n)) => out.push(n.method),
                Frame::Message(m) => out.push(format!("{m:?}")),
                Frame::Bad(e) => out.push(format!("bad: {e}")),
                Frame::Eof => return out,
            }
        }
    }

    fn frame(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    #[test]
    fn skips_bad_frames_and_goes_on() {
        let good = frame(r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#);
        let input = format!(
            "{}{}{good}Content-Length: x\r\n\r\n{good}garbage\r\n\r\n{good}",
            frame("{not json"),
            frame(r#"{"jsonrpc":"2.0","id":[],"method":3}"#),
        );
        let out = frames(&input);
        assert!(
            out[0].starts_with("bad: message is not JSON-RPC"),
            "{out:?}"
        );
        assert!(
            out[1].starts_with("bad: message is not JSON-RPC"),
            "{out:?}"
        );
        assert_eq!(out[2], "initialized");
        assert!(out[3].contains("malformed header"), "{out:?}");
        assert_eq!(out[4], "initialized");
        assert!(out[5].contains("malformed header"), "{out:?}");
        assert_eq!(out[6], "initialized");
        assert_eq!(out.len(), 7);
    }

    #[test]
    fn huge_lengths_are_not_allocated() {
        let out = frames("Content-Length: 99999999999999\r\n\r\n{}");
        assert!(out[0].contains("over the"), "{out:?}");
    }

    #[test]
    fn truncated_input_is_eof() {
        assert!(frames("Content-Length: 50\r\n\r\n{}").is_empty());
        assert!(frames("").is_empty());
    }
}
