//! A minimal WebDriver client for the browser tests: it starts Debian's
//! `chromedriver` on a free localhost port and speaks the W3C WebDriver
//! protocol over plain HTTP/1.1 (`std::net::TcpStream` + serde_json), so the
//! tests need no browser-automation crate.
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on what it did not expect"
)]

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// The key under which WebDriver returns element references.
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

pub type Result<T> = std::result::Result<T, String>;

/// A chromedriver process with one browser session.
pub struct Driver {
    child: Child,
    port: u16,
    session: String,
}

/// A reference to an element of the page.
#[derive(Debug, Clone)]
pub struct Element(String);

impl Driver {
    /// Starts `chromedriver` and a headless `chromium` session with the
    /// launch flags of a closed network.
    pub fn start(
        chromedriver: &Path,
        chromium: &Path,
        user_data_dir: &Path,
        size: (u32, u32),
    ) -> Result<Driver> {
        let port = free_port()?;
        let child = Command::new(chromedriver)
            .arg(format!("--port={port}"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", chromedriver.display()))?;
        let mut driver = Driver {
            child,
            port,
            session: String::new(),
        };
        driver.wait_ready(Duration::from_secs(30))?;
        let args = [
            "--headless".to_string(),
            "--no-sandbox".to_string(),
            "--disable-gpu".to_string(),
            "--disable-background-networking".to_string(),
            "--disable-component-update".to_string(),
            "--no-first-run".to_string(),
            "--disable-sync".to_string(),
            "--disable-dev-shm-usage".to_string(),
            format!("--user-data-dir={}", user_data_dir.display()),
            format!("--window-size={},{}", size.0, size.1),
        ];
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {"binary": chromium.to_string_lossy(), "args": args}
        }}});
        let created = driver.call("POST", "/session", Some(&caps))?;
        driver.session = created["sessionId"]
            .as_str()
            .ok_or_else(|| format!("no session id in {created}"))?
            .to_string();
        Ok(driver)
    }

    fn wait_ready(&self, limit: Duration) -> Result<()> {
        let start = Instant::now();
        loop {
            if let Ok((_, v)) = http(self.port, "GET", "/status", None) {
                if v["value"]["ready"].as_bool() == Some(true) {
                    return Ok(());
                }
            }
            if start.elapsed() > limit {
                return Err(format!(
                    "chromedriver not ready on port {} after {limit:?}",
                    self.port
                ));
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// One command; returns its `value`, or the WebDriver error as text.
    fn call(&self, method: &str, path: &str, body: Option<&Value>) -> Result<Value> {
        let (status, v) = http(self.port, method, path, body)?;
        if status >= 400 {
            return Err(format!("{method} {path}: HTTP {status}: {}", v["value"]));
        }
        Ok(v["value"].clone())
    }

    fn session_call(&self, method: &str, path: &str, body: Option<&Value>) -> Result<Value> {
        self.call(method, &format!("/session/{}{path}", self.session), body)
    }

    pub fn goto(&self, url: &str) -> Result<()> {
        self.session_call("POST", "/url", Some(&json!({ "url": url })))
            .map(drop)
    }

    pub fn find_all(&self, css: &str) -> Result<Vec<Element>> {
        let v = self.session_call(
            "POST",
            "/elements",
            Some(&json!({"using": "css selector", "value": css})),
        )?;
        Ok(v.as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|e| e[ELEMENT].as_str())
                    .map(|id| Element(id.to_string()))
                    .collect()
            })
            .unwrap_or_default())
    }

    pub fn find(&self, css: &str) -> Result<Element> {
        self.find_all(css)?
            .into_iter()
            .next()
            .ok_or_else(|| format!("no element matches `{css}`"))
    }

    pub fn text(&self, e: &Element) -> Result<String> {
        let v = self.session_call("GET", &format!("/element/{}/text", e.0), None)?;
        Ok(v.as_str().unwrap_or_default().to_string())
    }

    pub fn attribute(&self, e: &Element, name: &str) -> Result<Option<String>> {
        let v = self.session_call("GET", &format!("/element/{}/attribute/{name}", e.0), None)?;
        Ok(v.as_str().map(String::from))
    }

    pub fn displayed(&self, e: &Element) -> Result<bool> {
        let v = self.session_call("GET", &format!("/element/{}/displayed", e.0), None)?;
        v.as_bool().ok_or_else(|| format!("`displayed` gave {v}"))
    }

    pub fn click(&self, e: &Element) -> Result<()> {
        self.session_call("POST", &format!("/element/{}/click", e.0), Some(&json!({})))
            .map(drop)
    }

    pub fn type_text(&self, e: &Element, text: &str) -> Result<()> {
        self.session_call(
            "POST",
            &format!("/element/{}/value", e.0),
            Some(&json!({ "text": text })),
        )
        .map(drop)
    }

    pub fn clear(&self, e: &Element) -> Result<()> {
        self.session_call("POST", &format!("/element/{}/clear", e.0), Some(&json!({})))
            .map(drop)
    }

    /// Runs a script in the page and returns its result.
    pub fn execute(&self, script: &str) -> Result<Value> {
        self.session_call(
            "POST",
            "/execute/sync",
            Some(&json!({"script": script, "args": []})),
        )
    }

    /// A PNG of the viewport.
    pub fn screenshot(&self) -> Result<Vec<u8>> {
        let v = self.session_call("GET", "/screenshot", None)?;
        base64_decode(v.as_str().ok_or("screenshot is not a string")?)
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        if !self.session.is_empty() {
            let _ = self.call("DELETE", &format!("/session/{}", self.session), None);
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> Result<u16> {
    let l = TcpListener::bind(("127.0.0.1", 0)).map_err(|e| format!("no free port: {e}"))?;
    l.local_addr().map(|a| a.port()).map_err(|e| e.to_string())
}

/// One HTTP/1.1 request to localhost; returns the status and the JSON body.
fn http(port: u16, method: &str, path: &str, body: Option<&Value>) -> Result<(u16, Value)> {
    let mut stream =
        TcpStream::connect(("127.0.0.1", port)).map_err(|e| format!("connect: {e}"))?;
    stream
        .set_read_timeout(Some(Duration::from_secs(90)))
        .map_err(|e| e.to_string())?;
    let body = body.map(Value::to_string).unwrap_or_default();
    let request = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept: application/json\r\n\
         Content-Type: application/json; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream
        .write_all(request.as_bytes())
        .map_err(|e| format!("send: {e}"))?;
    let mut raw = Vec::new();
    let mut buf = [0u8; 64 * 1024];
    let (head_end, status, length, chunked) = loop {
        let n = stream.read(&mut buf).map_err(|e| format!("read: {e}"))?;
        if n == 0 {
            return Err(format!(
                "{method} {path}: connection closed before the headers"
            ));
        }
        raw.extend_from_slice(&buf[..n]);
        if let Some(i) = find(&raw, b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&raw[..i]).to_string();
            let status = head
                .split_whitespace()
                .nth(1)
                .and_then(|s| s.parse().ok())
                .ok_or_else(|| format!("bad status line in {head:?}"))?;
            let header = |name: &str| {
                head.lines().find_map(|l| {
                    let (k, v) = l.split_once(':')?;
                    k.trim()
                        .eq_ignore_ascii_case(name)
                        .then(|| v.trim().to_ascii_lowercase())
                })
            };
            let length = header("content-length").and_then(|v| v.parse::<usize>().ok());
            let chunked = header("transfer-encoding").is_some_and(|v| v.contains("chunked"));
            break (i + 4, status, length, chunked);
        }
    };
    loop {
        let have = raw.len() - head_end;
        let complete = match (length, chunked) {
            (Some(n), _) => have >= n,
            (None, true) => raw[head_end..].ends_with(b"0\r\n\r\n"),
            (None, false) => false,
        };
        if complete {
            break;
        }
        let n = stream.read(&mut buf).map_err(|e| format!("read: {e}"))?;
        if n == 0 {
            break;
        }
        raw.extend_from_slice(&buf[..n]);
    }
    let mut body = raw[head_end..].to_vec();
    if let Some(n) = length {
        body.truncate(n);
    } else if chunked {
        body = dechunk(&body)?;
    }
    let value = if body.iter().all(u8::is_ascii_whitespace) {
        Value::Null
    } else {
        serde_json::from_slice(&body).map_err(|e| {
            format!(
                "{method} {path}: bad JSON ({e}): {}",
                String::from_utf8_lossy(&body)
            )
        })?
    };
    Ok((status, value))
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn dechunk(mut data: &[u8]) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    loop {
        let i = find(data, b"\r\n").ok_or("bad chunk header")?;
        let size = usize::from_str_radix(
            String::from_utf8_lossy(&data[..i])
                .split(';')
                .next()
                .unwrap_or("")
                .trim(),
            16,
        )
        .map_err(|e| format!("bad chunk size: {e}"))?;
        data = &data[i + 2..];
        if size == 0 {
            return Ok(out);
        }
        out.extend_from_slice(data.get(..size).ok_or("short chunk")?);
        data = data.get(size + 2..).ok_or("short chunk")?;
    }
}

/// Standard base64 (with padding), as WebDriver sends screenshots.
pub fn base64_decode(text: &str) -> Result<Vec<u8>> {
    fn val(c: u8) -> Option<u32> {
        match c {
            b'A'..=b'Z' => Some(u32::from(c - b'A')),
            b'a'..=b'z' => Some(u32::from(c - b'a') + 26),
            b'0'..=b'9' => Some(u32::from(c - b'0') + 52),
            b'+' => Some(62),
            b'/' => Some(63),
            _ => None,
        }
    }
    let bytes: Vec<u8> = text
        .bytes()
        .filter(|b| !b.is_ascii_whitespace() && *b != b'=')
        .collect();
    let mut out = Vec::with_capacity(bytes.len() * 3 / 4);
    for chunk in bytes.chunks(4) {
        let mut n = 0u32;
        for (i, &c) in chunk.iter().enumerate() {
            n |= val(c).ok_or_else(|| format!("bad base64 byte {c}"))? << (18 - 6 * i);
        }
        let take = match chunk.len() {
            4 => 3,
            3 => 2,
            2 => 1,
            _ => return Err("truncated base64".into()),
        };
        out.extend_from_slice(&n.to_be_bytes()[1..1 + take]);
    }
    Ok(out)
}

#[test]
fn base64_round_trips_known_values() {
    assert_eq!(base64_decode("aGVsbG8=").unwrap(), b"hello");
    assert_eq!(base64_decode("aGVsbG8hIQ==").unwrap(), b"hello!!");
    assert_eq!(base64_decode("aGk/").unwrap(), b"hi?");
}
