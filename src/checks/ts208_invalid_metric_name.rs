//! ## What it does
//! Reports metric names in the Monitoring section that are not valid
//! Prometheus names or break its naming conventions:
//! - characters Prometheus does not allow (`refunds.requested`,
//!   `refund-latency`): only letters, digits, `_` and `:`;
//! - a counter whose name does not end in `_total`;
//! - a unit that is not a base unit (`_ms`, `_milliseconds`, `_minutes`,
//!   `_kb`, `_mb`, `_percent`): use `_seconds`, `_bytes`, `_ratio`.
//!
//! A code span is taken as a metric name when it is described as one
//! ("`x` (counter)", "Histogram `y`", "**Metrics:** `a`, `b`", a table row
//! whose type column says counter, a "Metric" column) or ends with a typical
//! metric suffix (`_total`, `_seconds`, `_bytes`, `_count`, `_ms`...) in an
//! item of a metrics list (under a "Metrics" heading or a lead-in that names
//! metrics); in prose, such a span is a field or a variable. Label
//! names ("labelled by `status`"), log fields, file names and other code are
//! not metric names.
//!
//! ## Why is this bad?
//! The template asks for metrics "in Prometheus format". A name Prometheus
//! rejects cannot be exported as written; one that breaks the conventions
//! gives dashboards and alerts mismatched units (milliseconds beside seconds)
//! and counters that `rate()` users cannot recognise.
//!
//! ## Example
//! ```markdown
//! - `refunds.requested` (counter)
//! - `refund_latency_ms` (histogram)
//! ```
//!
//! ## Use instead
//! ```markdown
//! - `refunds_requested_total` (counter)
//! - `refund_latency_seconds` (histogram)
//! ```

use super::Context;
use super::text::{blocks_in, identity_spans, word_eq};
use crate::diagnostic::Diagnostic;
use crate::document::{BlockKind, Document, InlineKind, Span};

pub const CODE: &str = "TS208";

const COUNTER: u8 = 1;
const GAUGE: u8 = 2;
const HISTOGRAM: u8 = 4;
const SUMMARY: u8 = 8;
const METRIC: u8 = 16;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Word {
    Kind(u8),
    Label,
    Log,
}

/// Keywords, lower case.
const KEYWORDS: &[(&str, Word)] = &[
    ("counter", Word::Kind(COUNTER)),
    ("counters", Word::Kind(COUNTER)),
    ("contador", Word::Kind(COUNTER)),
    ("contadores", Word::Kind(COUNTER)),
    ("gauge", Word::Kind(GAUGE)),
    ("gauges", Word::Kind(GAUGE)),
    ("histogram", Word::Kind(HISTOGRAM)),
    ("histograms", Word::Kind(HISTOGRAM)),
    ("histograma", Word::Kind(HISTOGRAM)),
    ("histogramas", Word::Kind(HISTOGRAM)),
    ("summary", Word::Kind(SUMMARY)),
    ("summaries", Word::Kind(SUMMARY)),
    ("metric", Word::Kind(METRIC)),
    ("metrics", Word::Kind(METRIC)),
    ("métrica", Word::Kind(METRIC)),
    ("métricas", Word::Kind(METRIC)),
    ("metrica", Word::Kind(METRIC)),
    ("metricas", Word::Kind(METRIC)),
    ("label", Word::Label),
    ("labels", Word::Label),
    ("labelled", Word::Label),
    ("labeled", Word::Label),
    ("tag", Word::Label),
    ("tags", Word::Label),
    ("tagged", Word::Label),
    ("rótulo", Word::Label),
    ("rótulos", Word::Label),
    ("dimension", Word::Label),
    ("dimensions", Word::Label),
    ("log", Word::Log),
    ("logs", Word::Log),
    ("logging", Word::Log),
    ("logged", Word::Log),
    ("field", Word::Log),
    ("fields", Word::Log),
    ("campo", Word::Log),
    ("campos", Word::Log),
];

fn keyword(w: &str) -> Option<Word> {
    // Every keyword starts with one of these letters.
    if !(3..=12).contains(&w.len())
        || !matches!(
            w.as_bytes()[0] | 0x20,
            b'c' | b'd' | b'f' | b'g' | b'h' | b'l' | b'm' | b'r' | b's' | b't'
        )
    {
        return None;
    }
    if w.is_ascii() {
        // The usual case: one lower-cased copy on the stack, one `match`
        // (compiled to a switch on length, then a few comparisons).
        let mut buf = [0u8; 12];
        let lower = &mut buf[..w.len()];
        lower.copy_from_slice(w.as_bytes());
        lower.make_ascii_lowercase();
        // The ASCII rows of KEYWORDS (a test keeps the two in step).
        return match &*lower {
            b"counter" | b"counters" | b"contador" | b"contadores" => Some(Word::Kind(COUNTER)),
            b"gauge" | b"gauges" => Some(Word::Kind(GAUGE)),
            b"histogram" | b"histograms" | b"histograma" | b"histogramas" => {
                Some(Word::Kind(HISTOGRAM))
            }
            b"summary" | b"summaries" => Some(Word::Kind(SUMMARY)),
            b"metric" | b"metrics" | b"metrica" | b"metricas" => Some(Word::Kind(METRIC)),
            b"label" | b"labels" | b"labelled" | b"labeled" | b"tag" | b"tags" | b"tagged"
            | b"dimension" | b"dimensions" => Some(Word::Label),
            b"log" | b"logs" | b"logging" | b"logged" | b"field" | b"fields" | b"campo"
            | b"campos" => Some(Word::Log),
            _ => None,
        };
    }
    KEYWORDS
        .iter()
        .find(|(k, _)| word_eq(w, k))
        .map(|&(_, kw)| kw)
}

/// Words that may stand between a keyword and the name it describes.
const FILLERS: &[&str] = &[
    "a", "an", "the", "as", "is", "by", "with", "type", "of", "named", "called", "new", "um",
    "uma", "do", "tipo", "de", "como", "por", "com",
];

/// Suffixes that make a code span a metric name on their own.
const SUFFIXES: &[&str] = &[
    "total",
    "seconds",
    "bytes",
    "count",
    "sum",
    "bucket",
    "ratio",
    "ms",
    "milliseconds",
    "millis",
    "msec",
    "microseconds",
    "nanoseconds",
    "minutes",
    "hours",
    "percent",
    "info",
];

/// Non-base units and the base unit to use instead.
fn base_unit(seg: &str) -> Option<&'static str> {
    Some(match seg.to_ascii_lowercase().as_str() {
        "ms" | "msec" | "millis" | "milliseconds" | "us" | "usec" | "micros" | "microseconds"
        | "ns" | "nanos" | "nanoseconds" | "sec" | "secs" | "min" | "mins" | "minutes" | "hour"
        | "hours" | "hrs" | "days" => "seconds",
        "kb" | "kib" | "kilobytes" | "mb" | "mib" | "megabytes" | "gb" | "gib" | "gigabytes" => {
            "bytes"
        }
        "percent" | "pct" | "percentage" => "ratio",
        _ => return None,
    })
}

const FILE_EXTS: &[&str] = &[
    "go", "py", "ts", "tsx", "js", "jsx", "rs", "java", "kt", "rb", "cs", "php", "yaml", "yml",
    "json", "toml", "md", "sql", "proto", "sh", "txt", "html", "css", "com", "io", "net", "org",
    "dev", "local", "internal",
];

/// A code span on a line of the section.
struct Name<'d> {
    /// The code span, backticks included.
    span: Span,
    /// The name itself (before any `{labels}`).
    name: &'d str,
    name_start: usize,
}

/// Whether `gap` is only markup, punctuation and filler words (no sentence end).
fn clean_gap(gap: &str) -> bool {
    if gap.len() > 40
        || gap.contains(". ")
        || gap.contains(';')
        || gap.ends_with('.') && gap.len() > 1
    {
        return false;
    }
    gap.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .all(|w| FILLERS.iter().any(|f| f.eq_ignore_ascii_case(w)))
}

/// Whether the text between two names only separates list members.
fn separator_gap(gap: &str) -> bool {
    gap.len() <= 12
        && gap
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .all(|w| matches!(w.to_ascii_lowercase().as_str(), "and" | "or" | "e" | "ou"))
        && !gap.contains(['.', ';', '(', ')', ':', '|'])
}

fn valid_prometheus(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == ':')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == ':')
}

/// The column (0-based) of `at` in a table row line.
fn column(line: &str, at: usize) -> usize {
    let before = &line[..at.min(line.len())];
    let pipes = before.matches('|').count();
    if line.trim_start().starts_with('|') {
        pipes.saturating_sub(1)
    } else {
        pipes
    }
}

/// Whether the header of the table holding `at` names the column "Metric".
fn metric_column(doc: &Document, at: usize, line_start: usize, line: &str) -> bool {
    let Some(table) = doc.blocks[blocks_in(doc, Span::new(0, at + 1))]
        .iter()
        .rev()
        .find(|b| b.kind == BlockKind::Table && b.span.contains(at))
    else {
        return false;
    };
    let header_line = doc.lines.line_of(table.span.start);
    if header_line == doc.lines.line_of(at) {
        return false;
    }
    let header = doc.slice(Span::from(doc.lines.line_range(&doc.text, header_line)));
    let col = column(line, at - line_start);
    let cell = if header.trim_start().starts_with('|') {
        header.split('|').nth(col + 1)
    } else {
        header.split('|').nth(col)
    };
    cell.is_some_and(|c| {
        let c = c.to_lowercase();
        c.contains("metric") || c.contains("métrica") || c.contains("metrica")
    })
}

/// Whether a metric type word or "metric(s)" is in `text`.
fn mentions_metrics(text: &str) -> bool {
    words(text).any(|(_, w)| matches!(keyword(w), Some(Word::Kind(_))))
}

/// Whether `at` lies in an item of a metrics list: a list under a heading
/// that names metrics ("Metrics", "Métricas"), or introduced by a paragraph or
/// `**Metrics:**` label that does.
fn in_metrics_list(doc: &Document, at: usize) -> bool {
    let i = doc.blocks.partition_point(|b| b.span.start <= at);
    let Some(item) = (i.saturating_sub(64)..i).rev().find(|&k| {
        matches!(doc.blocks[k].kind, BlockKind::Item { .. }) && doc.blocks[k].span.contains(at)
    }) else {
        return false;
    };
    let Some(list) = doc.blocks[item].parent else {
        return false;
    };
    if doc.blocks[list]
        .section
        .is_some_and(|s| mentions_metrics(&doc.section_heading(s).text))
    {
        return true;
    }
    // The block just before the list (a label's paragraph, a lead-in).
    let depth = doc.blocks[list].depth;
    (list.saturating_sub(8)..list)
        .rev()
        .map(|k| &doc.blocks[k])
        .find(|b| b.depth == depth && !matches!(b.kind, BlockKind::Field { .. }))
        .is_some_and(|b| b.kind == BlockKind::Paragraph && mentions_metrics(doc.slice(b.span)))
}

/// The words of a line (runs of alphanumeric characters) with their byte
/// offsets; what `split(|c| !c.is_alphanumeric())` gives, on bytes where the
/// text is ASCII.
fn words(line: &str) -> impl Iterator<Item = (usize, &str)> {
    let bytes = line.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        loop {
            if i >= bytes.len() {
                return None;
            }
            let start = i;
            while i < bytes.len() {
                let b = bytes[i];
                if b.is_ascii() {
                    if !b.is_ascii_alphanumeric() {
                        break;
                    }
                    i += 1;
                } else {
                    let c = line[i..].chars().next().unwrap_or(' ');
                    if !c.is_alphanumeric() {
                        break;
                    }
                    i += c.len_utf8();
                }
            }
            if i > start {
                return Some((start, &line[start..i]));
            }
            // A separator: step over one character.
            i += line[i..].chars().next().map_or(1, char::len_utf8);
        }
    })
}

/// Checks the names on one line.
fn check_line(
    doc: &Document,
    line_span: Span,
    names: &[Name<'_>],
    seen: &mut Vec<String>,
    mut report: impl FnMut(&Name<'_>, String, String),
) {
    let line = doc.slice(line_span);
    let base = line_span.start;
    let n = names.len();
    let mut kinds = vec![0u8; n];
    let mut label = vec![false; n];
    let mut line_kinds = 0u8;
    let mut log_line = false;
    // Keywords outside code spans.
    for (start, w) in words(line) {
        // Most words are no keyword: that test first, it is the cheapest.
        let Some(kw) = keyword(w) else { continue };
        let abs = base + start;
        if names.iter().any(|s| s.span.contains(abs)) {
            continue;
        }
        let end = abs + w.len();
        let prev = names.iter().rposition(|s| s.span.end <= abs);
        let next = names.iter().position(|s| s.span.start >= end);
        let gap_prev = prev.map(|p| doc.slice(Span::new(names[p].span.end, abs)));
        let gap_next = next.map(|q| doc.slice(Span::new(end, names[q].span.start)));
        let after = line[start + w.len()..].trim_start_matches(['*', '_', ' ']);
        let introduces = after.starts_with(':');
        match kw {
            Word::Log => log_line = true,
            Word::Label => {
                if let (Some(q), Some(g)) = (next, gap_next) {
                    if clean_gap(g) {
                        label[q] = true;
                    }
                }
            }
            Word::Kind(k) => {
                line_kinds |= k;
                let p_ok = gap_prev.filter(|g| clean_gap(g)).map(str::len);
                let q_ok = gap_next.filter(|g| clean_gap(g)).map(str::len);
                let target = match (p_ok, q_ok) {
                    (Some(_), Some(_)) if introduces => next,
                    (Some(a), Some(b)) => Some(if b < a {
                        next.unwrap_or(0)
                    } else {
                        prev.unwrap_or(0)
                    }),
                    (Some(_), None) if !introduces => prev,
                    (_, Some(_)) => next,
                    _ => None,
                };
                if let Some(t) = target {
                    kinds[t] |= k;
                }
            }
        }
    }
    // Names listed together share what is said of them.
    let mut group = vec![0usize; n];
    for i in 1..n {
        let gap = doc.slice(Span::new(
            names[i - 1].span.end,
            names[i].span.start.max(names[i - 1].span.end),
        ));
        group[i] = if separator_gap(gap) { group[i - 1] } else { i };
    }
    for i in 0..n {
        let g = group[i];
        for j in g..n {
            if group[j] != g {
                break;
            }
            if j != i {
                kinds[i] |= kinds[j];
                label[i] |= label[j];
            }
        }
    }
    for (i, nm) in names.iter().enumerate() {
        if label[i] {
            continue;
        }
        let name = nm.name;
        let segs: Vec<&str> = name
            .split(['_', '.', '-', ':'])
            .filter(|s| !s.is_empty())
            .collect();
        let Some(&last) = segs.last() else { continue };
        if segs.len() >= 2
            && FILE_EXTS.contains(&last.to_ascii_lowercase().as_str())
            && name.contains('.')
        {
            continue;
        }
        // `prometheus.NewCounterVec`: a code reference.
        if name.contains('.') && name.chars().any(|c| c.is_ascii_uppercase()) {
            continue;
        }
        let bound = kinds[i];
        let suffix = segs.len() >= 2 && SUFFIXES.contains(&last.to_ascii_lowercase().as_str());
        let in_metric_column =
            line.trim_start().starts_with('|') && metric_column(doc, nm.span.start, base, line);
        let dotted = segs.len() >= 2
            && line_kinds != 0
            && name.contains('.')
            && name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '_');
        // A suffix alone (`_ms`, `_count`) makes a metric only in a metric
        // context: an item of a metrics list. In prose it is a field, a
        // column or a variable.
        let is_metric = bound != 0
            || in_metric_column
            || (suffix && !log_line && in_metrics_list(doc, nm.span.start))
            || dotted;
        if !is_metric || seen.iter().any(|s| s == name) {
            continue;
        }
        let mut problems = Vec::new();
        let mut fixed: String = name
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '_' || c == ':' {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        if fixed.starts_with(|c: char| c.is_ascii_digit()) {
            fixed.insert(0, '_');
        }
        if !valid_prometheus(name) {
            let mut bad: Vec<char> = name
                .chars()
                .filter(|&c| !(c.is_ascii_alphanumeric() || c == '_' || c == ':'))
                .collect();
            bad.sort_unstable();
            bad.dedup();
            let why = if bad.is_empty() {
                "it starts with a digit".to_string()
            } else {
                let list = bad
                    .iter()
                    .map(|c| format!("`{c}`"))
                    .collect::<Vec<_>>()
                    .join(", ");
                format!("{list} not allowed: only letters, digits, `_` and `:`")
            };
            problems.push(format!(
                "`{name}` is not a valid Prometheus metric name ({why})"
            ));
            if name.contains('.') || name.contains('-') {
                fixed = fixed.to_ascii_lowercase();
            }
        }
        // Units: the last segment, or the one before a `_total`/`_count`/`_sum`/`_bucket` suffix.
        let fixed_segs: Vec<&str> = fixed.split('_').collect();
        let mut unit_at = fixed_segs.len().saturating_sub(1);
        while unit_at > 0
            && matches!(
                fixed_segs[unit_at],
                "total" | "count" | "sum" | "bucket" | "created" | "info"
            )
        {
            unit_at -= 1;
        }
        if let Some(unit) = fixed_segs.get(unit_at).filter(|_| fixed_segs.len() >= 2) {
            if let Some(base_u) = base_unit(unit) {
                problems.push(format!(
                    "`{unit}` is not a base unit; Prometheus names use `{base_u}`"
                ));
                let mut v: Vec<String> = fixed_segs.iter().map(|s| s.to_string()).collect();
                v[unit_at] = base_u.to_string();
                fixed = v.join("_");
            }
        }
        let counter = bound & (COUNTER | GAUGE | HISTOGRAM | SUMMARY) == COUNTER;
        if counter && !fixed.ends_with("_total") {
            problems.push("a counter's name ends in `_total`".to_string());
            fixed = fixed.strip_suffix("_count").unwrap_or(&fixed).to_string();
            fixed.push_str("_total");
        }
        if problems.is_empty() {
            continue;
        }
        seen.push(name.to_string());
        let mut msg = problems.remove(0);
        if !msg.starts_with('`') || !msg.starts_with(&format!("`{name}`")) {
            msg = format!("metric `{name}`: {msg}");
        }
        for p in problems {
            msg.push_str("; ");
            msg.push_str(&p);
        }
        let help = format!("name it `{fixed}`");
        report(nm, msg, help);
    }
}

pub fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(ti) = ctx.template.section_by_identity("monitoring") else {
        return;
    };
    let doc = ctx.doc;
    let title = &ctx.template.sections[ti].title;
    let mut seen: Vec<String> = Vec::new();
    for (_, span) in identity_spans(ctx, "monitoring") {
        let mut names: Vec<Name<'_>> = Vec::new();
        let mut current_line: Option<Span> = None;
        let flush = |names: &mut Vec<Name<'_>>,
                     line: Option<Span>,
                     seen: &mut Vec<String>,
                     out: &mut Vec<Diagnostic>| {
            if let Some(l) = line {
                if !names.is_empty() {
                    check_line(doc, l, names, seen, |nm, msg, help| {
                        out.push(
                            Diagnostic::new(
                                CODE,
                                Span::new(nm.name_start, nm.name_start + nm.name.len()),
                                msg,
                            )
                            .section(title.clone())
                            .help(help),
                        );
                    });
                }
            }
            names.clear();
        };
        for inline in doc.inlines_in(span) {
            if inline.kind != InlineKind::Code || inline.block.is_none() {
                continue;
            }
            let line_no = doc.lines.line_of(inline.span.start);
            let mut line = Span::from(doc.lines.line_range(&doc.text, line_no));
            line.end = line.end.max(inline.span.end);
            if current_line.is_some_and(|l| l.start != line.start) {
                flush(&mut names, current_line, &mut seen, out);
            }
            if let Some(l) = current_line.as_mut().filter(|l| l.start == line.start) {
                l.end = l.end.max(line.end);
            } else {
                current_line = Some(line);
            }
            let code = doc.code_text(inline);
            let name = code.split('{').next().unwrap_or("").trim();
            if name.len() < 2
                || !name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | ':' | '.' | '-'))
                || name.ends_with(['.', '-', ':'])
            {
                continue;
            }
            let code_start = code.as_ptr() as usize - doc.text.as_ptr() as usize;
            let lead = code.len() - code.trim_start().len();
            names.push(Name {
                span: inline.span,
                name,
                name_start: code_start + lead,
            });
        }
        flush(&mut names, current_line, &mut seen, out);
    }
}

#[cfg(test)]
mod words_tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn words_are_the_alphanumeric_runs(line in "[a-zA-Z0-9 _.,:|`*é—ção😀-]{0,60}") {
            let mut expected = Vec::new();
            let mut pos = 0;
            for w in line.split(|c: char| !c.is_alphanumeric()) {
                if !w.is_empty() {
                    expected.push((pos, w));
                }
                pos += w.len() + line[pos + w.len()..].chars().next().map_or(0, char::len_utf8);
            }
            proptest::prop_assert_eq!(words(&line).collect::<Vec<_>>(), expected);
        }

        #[test]
        fn keyword_lookup_is_the_table_scan(w in "[a-zA-Zéó]{1,13}") {
            let scan = if (3..=12).contains(&w.len()) && matches!(w.as_bytes()[0] | 0x20, b'c' | b'd' | b'f' | b'g' | b'h' | b'l' | b'm' | b'r' | b's' | b't') {
                KEYWORDS.iter().find(|(k, _)| word_eq(&w, k)).map(|&(_, kw)| kw)
            } else {
                None
            };
            proptest::prop_assert!(keyword(&w) == scan);
        }
    }

    #[test]
    fn keywords_in_any_case() {
        for (k, kw) in KEYWORDS {
            assert!(keyword(k) == Some(*kw), "{k}");
            assert!(keyword(&k.to_uppercase()) == Some(*kw), "{k}");
        }
        assert!(keyword("Counterpart").is_none());
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::tests::{check_fixture, findings, findings_in};

    #[test]
    fn pass() {
        assert!(findings("TS208", "pass").is_empty());
    }

    #[test]
    fn fail() {
        insta::assert_snapshot!(check_fixture("TS208", "fail"));
    }

    const REFUNDS: &str =
        include_str!("../../examples/refunds/tasks/prd-payment-refunds/techspec.md");
    const METRICS: &str = "- Metrics: `refunds_requested_total`, `refunds_settled_total` and `refunds_failed_total` (counters, labelled by reason), `refund_settlement_duration_seconds` (histogram).\n";

    fn with_metrics(body: &str) -> Vec<String> {
        assert!(REFUNDS.contains(METRICS));
        findings_in("TS208", REFUNDS.replace(METRICS, body).as_bytes())
            .into_iter()
            .map(|d| {
                format!(
                    "{}:{} {} ({})",
                    d.line,
                    d.column,
                    d.message,
                    d.help.unwrap_or_default()
                )
            })
            .collect()
    }

    #[test]
    fn names() {
        let f = with_metrics("- `refunds.requested` (counter)\n");
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(f[0].contains("refunds_requested_total"), "{f:?}");
        let f = with_metrics("- Histogram `refund_latency_ms` and counter `refunds_failed`\n");
        assert_eq!(f.len(), 2, "{f:?}");
        assert!(
            f[0].contains("refund_latency_seconds") && f[1].contains("refunds_failed_total"),
            "{f:?}"
        );
        let f = with_metrics(
            "| Metric | Type |\n|---|---|\n| `refund-latency` | histogram |\n| `queue_size_mb` | gauge |\n",
        );
        assert_eq!(f.len(), 2, "{f:?}");
        let f = with_metrics(
            "- **Counters:** `refunds_requested`, `refunds_failed`; histogram: `refund_duration_seconds`\n",
        );
        assert_eq!(f.len(), 2, "{f:?}");
    }

    #[test]
    fn not_metric_names() {
        for fine in [
            "- Metrics: `refunds_total{reason, status}` labelled by `payment-method` and `status`.\n",
            "- Logs: `duration_ms`, `refund_id` and `payment.id` fields on every line.\n",
            "- Metrics are registered in `metrics.go` through `prometheus.NewCounterVec`.\n",
            "- Dashboard: `grafana.example.com` row \"Refunds\"; alert on `rate(refunds_failed_total[5m]) > 0.1`.\n",
            "- The summary of the incident goes to `#payments-oncall`.\n",
            "- `refund_settlement_duration_seconds` (histogram), `refunds_in_flight` (gauge), `refunds_created_total` (counter)\n",
        ] {
            assert!(
                with_metrics(fine).is_empty(),
                "{fine}: {:?}",
                with_metrics(fine)
            );
        }
    }

    /// A code span with a metric-like suffix is a metric name in a metrics
    /// list, not in prose or a log call.
    #[test]
    fn suffixes_count_only_in_metric_contexts() {
        let prose = "- The handler writes `retry_delay_ms` into the refund row and logs `log.Info(duration_ms)`.\n\nThe response carries `elapsed_ms` for the client.\n";
        assert!(with_metrics(prose).is_empty(), "{:?}", with_metrics(prose));
        let list = "**Metrics:**\n\n- `refund_latency_ms`\n- `queue_depth`\n";
        let f = with_metrics(list);
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(f[0].contains("refund_latency_seconds"), "{f:?}");
    }
}
