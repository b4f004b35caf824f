//! `techspec report` opened in a real browser: Debian's headless chromium,
//! driven through chromedriver (WebDriver over plain HTTP, see
//! `support/webdriver.rs`). CI installs both (`.ci/run`); on a machine
//! without `chromium` or `chromedriver` on `PATH` the test is skipped with a
//! message, unless `CI` is set (`CI=true`), where it fails.
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on what it did not expect"
)]

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;
use support::webdriver::Driver;

/// The example spec: complete and clean.
fn example_spec() -> String {
    let p = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/refunds/tasks/prd-payment-refunds/techspec.md"
    );
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{p}: {e}"))
}

/// A repository (`<tmp>/acme-payments`) with three specs: one clean, two
/// with findings.
fn repo() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("acme-payments");
    std::fs::create_dir_all(root.join(".git")).unwrap();
    let good = example_spec();
    let specs = [
        ("tasks/prd-refunds/techspec.md", good.clone()),
        // A promoted heading (warning) and a missing section (error).
        (
            "tasks/prd-payouts/techspec.md",
            good.replace("### Build Order", "## Build Order")
                .replace("### Relevant Files", "### Files We Touch"),
        ),
        // A whole section tree missing (error).
        ("tasks/prd-disputes/techspec.md", {
            let start = good.find("## Testing Approach").unwrap();
            let end = good.find("## Development Sequencing").unwrap();
            format!("{}{}", &good[..start], &good[end..])
        }),
    ];
    // The example project's files and rules (one always-on, one for
    // `internal/**/handler.go`), so that its Relevant Files exist.
    support::copy_tree(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/refunds"),
        &root,
    );
    std::fs::remove_dir_all(root.join("tasks")).unwrap();
    for (path, text) in specs {
        let p = root.join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    (dir, root)
}

fn techspec(cwd: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_techspec"))
        .args(args)
        .current_dir(cwd)
        .output()
        .unwrap()
}

/// Where cargo puts build output (`target/`, or `CARGO_TARGET_DIR`): three
/// levels above this test's executable (`target/debug/deps/...`).
fn target_dir() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    exe.ancestors()
        .nth(3)
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/target")))
}

/// `chromium` and `chromedriver` from `PATH`; without either, the test is
/// skipped (and fails with `CI` set, see `support::skip`).
fn browser() -> Option<(PathBuf, PathBuf)> {
    match (
        support::on_path("chromium"),
        support::on_path("chromedriver"),
    ) {
        (Some(chromium), Some(driver)) => Some((chromium, driver)),
        (chromium, driver) => {
            let missing: Vec<&str> = [("chromium", chromium), ("chromedriver", driver)]
                .into_iter()
                .filter(|(_, p)| p.is_none())
                .map(|(name, _)| name)
                .collect();
            support::skip(
                "report_browser",
                &format!(
                    "{} not found on PATH (Debian: apt-get install -y chromium chromium-driver)",
                    missing.join(" and ")
                ),
            );
            None
        }
    }
}

#[test]
fn report_in_headless_chromium() {
    let Some((chromium, chromedriver)) = browser() else {
        return;
    };
    let (_repo, root) = repo();
    let root = root.as_path();

    // What `check` says, to compare the page with.
    let json = techspec(root, &["check", "--format", "json"]);
    let json: Value = serde_json::from_slice(&json.stdout).expect("check --format json");
    let mut expected: Vec<(String, u64, u64)> = json["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let count = |sev: &str| {
                f["diagnostics"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter(|d| d["severity"] == sev)
                    .count() as u64
            };
            (
                f["path"].as_str().unwrap().to_string(),
                count("error"),
                count("warning"),
            )
        })
        .collect();
    expected.sort();
    assert_eq!(expected.len(), 3);
    let clean: Vec<_> = expected
        .iter()
        .filter(|(_, e, w)| *e == 0 && *w == 0)
        .collect();
    assert_eq!(clean.len(), 1, "one clean spec expected: {expected:?}");
    assert_eq!(clean[0].0, "tasks/prd-refunds/techspec.md");

    let out = techspec(root, &["report", "--out", "review/report.html"]);
    assert!(
        out.status.success(),
        "report failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let page = root.join("review/report.html");
    // Never overwritten without --force.
    let again = techspec(root, &["report", "--out", "review/report.html"]);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("--force"));

    let profile = tempfile::tempdir().unwrap();
    let driver = Driver::start(&chromedriver, &chromium, profile.path(), (1366, 1000)).unwrap();
    driver.goto(&format!("file://{}", page.display())).unwrap();

    // Summary at the top.
    let number = |css: &str| driver.text(&driver.find(css).unwrap()).unwrap();
    assert_eq!(number("#sum-specs .n"), "3");
    assert_eq!(number("#sum-clean .n"), "1");
    assert_eq!(number("#sum-errors .n"), "2");

    // One row per spec, sorted by path, with the counts `check` gives.
    let bodies = driver.find_all("tbody.spec").unwrap();
    assert_eq!(bodies.len(), 3);
    let mut rows = Vec::new();
    for b in &bodies {
        let attr = |name: &str| driver.attribute(b, name).unwrap().unwrap_or_default();
        rows.push((
            attr("data-path"),
            attr("data-errors").parse::<u64>().unwrap(),
            attr("data-warnings").parse::<u64>().unwrap(),
        ));
    }
    assert_eq!(rows, expected);
    let first_row_text = driver
        .text(&driver.find("tbody.spec tr.row").unwrap())
        .unwrap();
    assert!(
        first_row_text.contains("tasks/prd-disputes/techspec.md"),
        "{first_row_text}"
    );

    // Findings are hidden until the spec is clicked.
    let payouts = rows
        .iter()
        .position(|r| r.0 == "tasks/prd-payouts/techspec.md")
        .unwrap();
    let id = driver.attribute(&bodies[payouts], "id").unwrap().unwrap();
    let details = driver.find(&format!("#{id} tr.details")).unwrap();
    assert!(!driver.displayed(&details).unwrap());
    driver
        .click(
            &driver
                .find(&format!("#{id} tr.row td.path button"))
                .unwrap(),
        )
        .unwrap();
    assert!(
        driver.displayed(&details).unwrap(),
        "findings visible after a click"
    );
    let findings = driver.text(&details).unwrap();
    assert!(
        findings.contains("TS103") && findings.contains("## Build Order"),
        "{findings}"
    );
    assert!(
        findings.contains("TS101") && findings.contains("Why it matters"),
        "{findings}"
    );
    let toggle = driver.find(&format!("#{id} button.toggle")).unwrap();
    assert_eq!(
        driver
            .attribute(&toggle, "aria-expanded")
            .unwrap()
            .as_deref(),
        Some("true")
    );

    // Sorting: Errors, descending (second click), puts the spec with most errors first.
    let errors_header = driver.find("th[data-key=errors] button").unwrap();
    driver.click(&errors_header).unwrap();
    driver.click(&errors_header).unwrap();
    let order = driver
        .execute("return Array.from(document.querySelectorAll('tbody.spec')).map(b => +b.dataset.errors);")
        .unwrap();
    let order: Vec<u64> = order
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_u64().unwrap())
        .collect();
    let mut sorted = order.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(order, sorted);

    // Filtering by text and by status.
    let visible = || {
        driver
            .execute("return Array.from(document.querySelectorAll('tbody.spec')).filter(b => !b.hidden).map(b => b.dataset.path);")
            .unwrap()
    };
    let filter = driver.find("#filter").unwrap();
    driver.type_text(&filter, "ts103").unwrap();
    assert_eq!(
        visible(),
        serde_json::json!(["tasks/prd-payouts/techspec.md"])
    );
    assert_eq!(number("#count"), "1 of 3 specs");
    driver.clear(&filter).unwrap();
    driver
        .execute("document.getElementById('filter').dispatchEvent(new Event('input'));")
        .unwrap();
    driver.click(&driver.find("#sum-clean").unwrap()).unwrap();
    assert_eq!(
        visible(),
        serde_json::json!(["tasks/prd-refunds/techspec.md"])
    );
    driver.click(&driver.find("#sum-specs").unwrap()).unwrap();
    assert_eq!(visible().as_array().unwrap().len(), 3);

    let png = driver.screenshot().unwrap();
    assert!(png.starts_with(b"\x89PNG"), "a PNG screenshot");
    let shot = target_dir().join("report.png");
    std::fs::write(&shot, &png).unwrap();
    eprintln!("screenshot: {}", shot.display());
}
