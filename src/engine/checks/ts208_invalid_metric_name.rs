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
use super::text::{blocks_in, identity_spans};
use crate::model::diagnostic::Diagnostic;
use crate::model::document::{BlockKind, Document, InlineKind, Span};

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
    if seg.len() > 12 || !seg.is_ascii() {
        return None;
    }
    let mut buf = [0u8; 12];
    let lower = &mut buf[..seg.len()];
    lower.copy_from_slice(seg.as_bytes());
    lower.make_ascii_lowercase();
    Some(match &*lower {
        b"ms" | b"msec" | b"millis" | b"milliseconds" | b"us" | b"usec" | b"micros"
        | b"microseconds" | b"ns" | b"nanos" | b"nanoseconds" | b"sec" | b"secs" | b"min"
        | b"mins" | b"minutes" | b"hour" | b"hours" | b"hrs" | b"days" => "seconds",
        b"kb" | b"kib" | b"kilobytes" | b"mb" | b"mib" | b"megabytes" | b"gb" | b"gib"
        | b"gigabytes" => "bytes",
        b"percent" | b"pct" | b"percentage" => "ratio",
        _ => return None,
    })
}

/// Whether `list` holds `w`, ASCII case ignored.
fn has_ignore_case(list: &[&str], w: &str) -> bool {
    list.iter().any(|k| k.eq_ignore_ascii_case(w))
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
            .all(|w| has_ignore_case(&["and", "or", "e", "ou"], w))
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
    keywords_in(text).any(|(_, _, kw)| matches!(kw, Word::Kind(_)))
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

/// Whether a valid name has no problem this check reports: the common case,
/// answered without building the suggested name.
fn well_named(name: &str, bound: u8) -> bool {
    if !valid_prometheus(name) {
        return false;
    }
    // The segments between `_`, from the end (what the full path splits).
    let n = name.bytes().filter(|&b| b == b'_').count() + 1;
    let mut from_end = name.rsplit('_');
    let mut unit_at = n - 1;
    let mut unit = from_end.next().unwrap_or("");
    while unit_at > 0
        && matches!(
            unit,
            "total" | "count" | "sum" | "bucket" | "created" | "info"
        )
    {
        unit_at -= 1;
        unit = from_end.next().unwrap_or("");
    }
    if n >= 2 && base_unit(unit).is_some() {
        return false;
    }
    let counter = bound & (COUNTER | GAUGE | HISTOGRAM | SUMMARY) == COUNTER;
    !counter || name.ends_with("_total")
}

/// What is wrong with a metric name, and the name to use instead.
fn problems_of(name: &str, bound: u8) -> (Vec<String>, String) {
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
    (problems, fixed)
}

/// Every keyword of [`KEYWORDS`], in any case, as a pattern: the non-ASCII
/// letters of a keyword in both cases (the ASCII ones are matched without
/// case by the searcher).
static KEYWORD_SEARCH: std::sync::LazyLock<(aho_corasick::AhoCorasick, Vec<Word>)> =
    std::sync::LazyLock::new(|| {
        let mut patterns = Vec::new();
        let mut words = Vec::new();
        for &(k, w) in KEYWORDS {
            patterns.push(k.to_string());
            words.push(w);
            if !k.is_ascii() {
                patterns.push(k.chars().flat_map(char::to_uppercase).collect());
                words.push(w);
            }
        }
        let ac = aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .build(&patterns)
            .expect("keyword patterns build");
        (ac, words)
    });

/// The keywords of a line that stand as whole words (what [`keyword`]
/// answers for each of the line's [`words`]), with their offsets: one pass
/// of a multi-pattern search instead of a lookup per word.
fn keywords_in(line: &str) -> impl Iterator<Item = (usize, &str, Word)> {
    let (ac, kinds) = &*KEYWORD_SEARCH;
    ac.find_iter(line).filter_map(move |m| {
        let before = line[..m.start()].chars().next_back();
        let after = line[m.end()..].chars().next();
        if before.is_some_and(char::is_alphanumeric) || after.is_some_and(char::is_alphanumeric) {
            return None;
        }
        Some((
            m.start(),
            &line[m.start()..m.end()],
            kinds[m.pattern().as_usize()],
        ))
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
    for (start, w, kw) in keywords_in(line) {
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
        let mut segs = name.split(['_', '.', '-', ':']).filter(|s| !s.is_empty());
        let Some(first) = segs.next() else { continue };
        let (last, several) = match segs.next_back() {
            Some(l) => (l, true),
            None => (first, false),
        };
        if several && has_ignore_case(FILE_EXTS, last) && name.contains('.') {
            continue;
        }
        // `prometheus.NewCounterVec`: a code reference.
        if name.contains('.') && name.chars().any(|c| c.is_ascii_uppercase()) {
            continue;
        }
        let bound = kinds[i];
        let suffix = several && has_ignore_case(SUFFIXES, last);
        let dotted = several
            && line_kinds != 0
            && name.contains('.')
            && name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '_');
        // A suffix alone (`_ms`, `_count`) makes a metric only in a metric
        // context: an item of a metrics list. In prose it is a field, a
        // column or a variable.
        let is_metric = bound != 0
            || dotted
            || (line.trim_start().starts_with('|')
                && metric_column(doc, nm.span.start, base, line))
            || (suffix && !log_line && in_metrics_list(doc, nm.span.start));
        if !is_metric || seen.iter().any(|s| s == name) || well_named(name, bound) {
            continue;
        }
        let (mut problems, fixed) = problems_of(name, bound);
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
    use crate::engine::checks::text::word_eq;

    /// The reference: every run of alphanumeric characters.
    fn words(line: &str) -> Vec<(usize, &str)> {
        let mut out = Vec::new();
        let mut pos = 0;
        for w in line.split(|c: char| !c.is_alphanumeric()) {
            if !w.is_empty() {
                out.push((pos, w));
            }
            pos += w.len()
                + line[pos + w.len()..]
                    .chars()
                    .next()
                    .map_or(0, char::len_utf8);
        }
        out
    }

    /// The reference: a word is a keyword when it equals a row of the table.
    fn keyword(w: &str) -> Option<Word> {
        KEYWORDS
            .iter()
            .find(|(k, _)| word_eq(w, k))
            .map(|&(_, kw)| kw)
    }

    proptest::proptest! {
        #[test]
        fn keyword_search_finds_the_keyword_words(line in "[a-zA-Z0-9 _.,:|`*éÉóÓ—ção😀-]{0,40}|(([mM][éÉe][tT][rR][iI][cC][aA][sS]?|[rR][óÓ][tT][uU][lL][oO]|[lL][oO][gG][sS]?|[cC]ounters?|tags?|x)[ ,.éa1]?){0,6}") {
            let expected: Vec<(usize, &str)> = words(&line)
                .into_iter()
                .filter(|(_, w)| keyword(w).is_some())
                .collect();
            let found: Vec<(usize, &str)> = keywords_in(&line).map(|(i, w, _)| (i, w)).collect();
            proptest::prop_assert_eq!(found, expected);
            for (_, w, kw) in keywords_in(&line) {
                proptest::prop_assert!(keyword(w) == Some(kw));
            }
        }

        #[test]
        fn well_named_is_having_no_problem(name in "[a-zA-Z0-9_:.-]{1,30}", bound in 0u8..32) {
            proptest::prop_assert_eq!(well_named(&name, bound), problems_of(&name, bound).0.is_empty());
        }
    }

    #[test]
    fn keywords_in_any_case() {
        let found = |w: &str| keywords_in(w).map(|(_, _, kw)| kw).collect::<Vec<_>>();
        for (k, kw) in KEYWORDS {
            assert!(found(k) == [*kw], "{k}");
            assert!(found(&k.to_uppercase()) == [*kw], "{k}");
        }
        assert!(found("Counterpart").is_empty());
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::checks::tests::{check_fixture, findings, findings_in};

    #[test]
    fn pass() {
        assert!(findings("TS208", "pass").is_empty());
    }

    #[test]
    fn fail() {
        insta::assert_snapshot!(check_fixture("TS208", "fail"));
    }

    const REFUNDS: &str =
        include_str!("../../../examples/refunds/tasks/prd-payment-refunds/techspec.md");
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
