//! Hostile trees: what a repository may hold that a linter must survive.
//! Each case gives a clear message, the other files are still checked, and
//! the exit code is 2 when a file or folder could not be read.
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on what it did not expect"
)]

use std::path::Path;
use std::process::Command;

use serde_json::Value;

const SPEC: &str = "# Technical Specification: Refunds\n\n## Executive Summary\n\nRefunds are issued by the payment service.\n";

fn techspec(dir: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_techspec"));
    c.current_dir(dir).env("NO_COLOR", "1");
    c
}

struct Run {
    code: i32,
    json: Value,
    stderr: String,
}

impl Run {
    fn files(&self) -> &Vec<Value> {
        self.json["files"].as_array().expect("files")
    }
    /// The messages of the TS901 findings of the file whose path ends with `suffix`.
    fn unreadable(&self, suffix: &str) -> Vec<String> {
        self.files()
            .iter()
            .filter(|f| f["path"].as_str().unwrap().ends_with(suffix))
            .flat_map(|f| f["diagnostics"].as_array().unwrap().iter())
            .filter(|d| d["code"] == "TS901")
            .map(|d| d["message"].as_str().unwrap().to_string())
            .collect()
    }
    fn checked(&self, suffix: &str) -> bool {
        self.files()
            .iter()
            .any(|f| f["path"].as_str().unwrap().ends_with(suffix) && !f["template"].is_null())
    }
}

fn check_json(dir: &Path, args: &[&str]) -> Run {
    let out = techspec(dir)
        .args(["check", "--no-project", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let json: Value =
        serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {stdout}"));
    Run {
        code: out.status.code().unwrap_or(-1),
        json,
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

#[test]
fn files_over_the_size_bound_are_reported_and_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(root.join("small.md"), SPEC).unwrap();
    std::fs::write(root.join("big.md"), SPEC.repeat(40)).unwrap();
    // From the command line.
    let run = check_json(root, &["--max-file-size", "1000", "."]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    let msgs = run.unreadable("big.md");
    assert_eq!(msgs.len(), 1, "{:?}", run.json);
    assert!(
        msgs[0].contains("over the 1000 byte limit") && msgs[0].contains("not read"),
        "{msgs:?}"
    );
    assert!(run.checked("small.md"), "the run goes on");
    // From techspec.toml.
    std::fs::write(root.join("techspec.toml"), "max-file-size = 1000\n").unwrap();
    let run = check_json(root, &["."]);
    assert_eq!(run.code, 2);
    assert_eq!(run.unreadable("big.md").len(), 1);
    // The default bound (10 MB) lets both through.
    std::fs::remove_file(root.join("techspec.toml")).unwrap();
    let run = check_json(root, &["."]);
    assert!(run.checked("big.md") && run.checked("small.md"));
    assert_ne!(run.code, 2);
}

#[cfg(unix)]
#[test]
fn symlink_loops() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir(root.join("specs")).unwrap();
    std::fs::write(root.join("specs/good.md"), SPEC).unwrap();
    symlink("self.md", root.join("specs/self.md")).unwrap(); // points at itself
    symlink("b.md", root.join("specs/a.md")).unwrap(); // a -> b -> a
    symlink("a.md", root.join("specs/b.md")).unwrap();
    symlink("..", root.join("specs/up")).unwrap(); // a directory loop (not followed)
    let run = check_json(root, &["specs"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    for f in ["self.md", "a.md", "b.md"] {
        let msgs = run.unreadable(f);
        assert_eq!(msgs.len(), 1, "{f}: {:?}", run.json);
        assert!(msgs[0].contains("symbolic link loop"), "{msgs:?}");
    }
    assert!(run.checked("good.md"));
    assert_eq!(
        run.files().len(),
        4,
        "the directory loop is not followed: {:?}",
        run.json
    );
    // Named on the command line.
    let run = check_json(root, &["specs/self.md", "specs/good.md"]);
    assert_eq!(run.code, 2);
    assert!(run.unreadable("self.md")[0].contains("symbolic link loop"));
    assert!(run.checked("good.md"));
}

/// Whether this process can read what `chmod 000` forbids (root, or
/// CAP_DAC_OVERRIDE): then permission errors cannot be produced here.
#[cfg(unix)]
fn permissions_enforced(probe: &Path) -> bool {
    std::fs::read(probe).is_err()
}

#[cfg(unix)]
fn running_as_root() -> bool {
    std::fs::read_to_string("/proc/self/status")
        .map(|s| {
            s.lines()
                .any(|l| l.starts_with("Uid:") && l.split_whitespace().nth(2) == Some("0"))
        })
        .unwrap_or(false)
}

#[cfg(unix)]
#[test]
fn unreadable_file_and_directory() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(root.join("good.md"), SPEC).unwrap();
    std::fs::write(root.join("secret.md"), SPEC).unwrap();
    std::fs::create_dir(root.join("locked")).unwrap();
    std::fs::write(root.join("locked/inner.md"), SPEC).unwrap();
    std::fs::set_permissions(root, std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::set_permissions(
        root.join("secret.md"),
        std::fs::Permissions::from_mode(0o000),
    )
    .unwrap();
    std::fs::set_permissions(root.join("locked"), std::fs::Permissions::from_mode(0o000)).unwrap();
    let mut as_user: Vec<String> = Vec::new();
    if !permissions_enforced(&root.join("secret.md")) {
        assert!(
            running_as_root(),
            "permissions are not enforced, yet this is not root"
        );
        // Root reads anything: run the binary as `nobody` when setpriv is there.
        let setpriv = Command::new("setpriv")
            .args(["--reuid=65534", "--regid=65534", "--clear-groups", "true"])
            .status();
        if setpriv.is_ok_and(|s| s.success()) {
            as_user = [
                "setpriv",
                "--reuid=65534",
                "--regid=65534",
                "--clear-groups",
            ]
            .map(String::from)
            .to_vec();
        }
    }
    let run_as = |args: &[&str]| -> Run {
        if as_user.is_empty() {
            return check_json(root, args);
        }
        let out = Command::new(&as_user[0])
            .args(&as_user[1..])
            .arg(env!("CARGO_BIN_EXE_techspec"))
            .args(["check", "--no-project", "--format", "json"])
            .args(args)
            .current_dir(root)
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        Run {
            code: out.status.code().unwrap_or(-1),
            json: serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
                panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stderr))
            }),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    };
    let enforced = permissions_enforced(&root.join("secret.md")) || !as_user.is_empty();
    let run = run_as(&["."]);
    // Whatever the permissions, the run finishes and checks what it can read.
    assert!(run.checked("good.md"), "{:?} {}", run.json, run.stderr);
    if enforced {
        assert_eq!(run.code, 2, "{}", run.stderr);
        assert_eq!(
            run.unreadable("secret.md"),
            vec!["permission denied".to_string()]
        );
        assert!(
            run.stderr.contains("locked") && run.stderr.contains("permission denied"),
            "{}",
            run.stderr
        );
        assert!(!run.checked("inner.md"));
        // Named on the command line.
        let run = run_as(&["secret.md", "good.md"]);
        assert_eq!(run.code, 2);
        assert_eq!(
            run.unreadable("secret.md"),
            vec!["permission denied".to_string()]
        );
        assert!(run.checked("good.md"));
    } else {
        eprintln!(
            "note: running as root without setpriv, where chmod 000 does not stop reading: permission-denied assertions skipped"
        );
        assert!(run.checked("secret.md") && run.checked("inner.md"));
    }
    for p in ["secret.md", "locked"] {
        std::fs::set_permissions(root.join(p), std::fs::Permissions::from_mode(0o755)).unwrap();
    }
}

#[cfg(unix)]
#[test]
fn non_utf8_file_names() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let name = std::ffi::OsStr::from_bytes(b"spec-\xff\xfe.md");
    std::fs::write(root.join(name), SPEC).unwrap();
    std::fs::write(root.join("good.md"), SPEC).unwrap();
    let run = check_json(root, &["."]);
    assert_ne!(run.code, 2, "{}", run.stderr);
    assert_eq!(run.files().len(), 2);
    assert!(run.checked("spec-\u{fffd}\u{fffd}.md"), "{:?}", run.json);
    // Human output too, and named on the command line.
    let out = techspec(root)
        .args(["check", "--no-project"])
        .arg(name)
        .output()
        .unwrap();
    assert_ne!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stdout).contains("spec-\u{fffd}\u{fffd}.md"));
}

#[cfg(unix)]
#[test]
fn a_spec_that_is_a_directory() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    // A directory with a spec's name, found by the default globs.
    std::fs::create_dir_all(root.join("docs/techspec.md")).unwrap();
    std::fs::write(root.join("docs/techspec.md/notes.md"), SPEC).unwrap();
    std::fs::write(root.join("a.techspec.md"), SPEC).unwrap();
    std::fs::write(root.join("techspec.toml"), "").unwrap();
    let out = techspec(root)
        .args(["check", "--no-project", "--format", "json"])
        .output()
        .unwrap();
    assert_ne!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["summary"]["files"], 1, "{json}");
    // A link named like a spec, pointing at a directory.
    symlink("docs", root.join("linked.md")).unwrap();
    let run = check_json(root, &["."]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.unreadable("linked.md"),
        vec!["is a directory, not a file".to_string()]
    );
    assert!(run.checked("a.techspec.md"));
    // A FIFO is not read (reading it would block).
    let fifo = root.join("pipe.md");
    if Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success())
    {
        let run = check_json(root, &["pipe.md", "a.techspec.md"]);
        assert_eq!(run.code, 2);
        assert!(
            run.unreadable("pipe.md")[0].contains("not a regular file"),
            "{:?}",
            run.json
        );
        assert!(run.checked("a.techspec.md"));
    }
}

#[test]
fn a_missing_path_is_reported_and_the_run_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("good.md"), SPEC).unwrap();
    let run = check_json(dir.path(), &["nope.md", "good.md"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.unreadable("nope.md"),
        vec!["no such file or directory".to_string()]
    );
    assert!(run.checked("good.md"));
}

#[test]
fn binary_and_invalid_utf8_files() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(root.join("image.md"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    std::fs::write(
        root.join("latin1.md"),
        b"# Especifica\xe7\xe3o\n\n## Executive Summary\n\nOl\xe1.\n",
    )
    .unwrap();
    let run = check_json(root, &["."]);
    assert_eq!(run.code, 2);
    assert!(run.unreadable("image.md")[0].contains("binary"));
    assert!(run.checked("latin1.md"));
}

#[test]
fn a_hundred_thousand_files_in_one_directory() {
    const N: usize = 100_000;
    let dir = tempfile::tempdir().unwrap();
    let specs = dir.path().join("specs");
    std::fs::create_dir(&specs).unwrap();
    for i in 0..N {
        std::fs::File::create(specs.join(format!("s{i:06}.md"))).unwrap();
    }
    std::fs::write(specs.join(format!("s{:06}.md", N - 1)), SPEC).unwrap();
    let out = techspec(dir.path())
        .args(["check", "--no-project", "--quiet", "specs"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    // Empty files match no template: findings at error level, not an I/O error.
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let last = stdout.lines().last().unwrap_or_default();
    assert!(
        last.contains("100000 files") || last.contains("100,000 files"),
        "{last}"
    );
}
