//! Alignment: which spec section is which template section.
//!
//! Headings are compared after [`normalize`] (numbering, case, punctuation,
//! emoji, `&`/"and" ignored), then through section identities (well-known
//! variants and Portuguese titles), then by a close spelling. A section one
//! level off is still the same section. Fields may be written as deeper headings.

use crate::model::document::Document;
use crate::model::identity::{identity_of, normalize};
use crate::model::template::Template;

/// How a spec heading was recognised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatchKind {
    /// Same normalised title.
    Exact,
    /// Same section identity (a known variant or translation).
    Identity,
    /// A close spelling (typo).
    Fuzzy,
}

/// What a spec section is, relative to the template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpecMatch {
    Section {
        template: usize,
        kind: MatchKind,
    },
    /// A second section for a template section already matched.
    Duplicate {
        template: usize,
        first: usize,
    },
    /// A template field written as a heading.
    Field {
        template: usize,
        field: usize,
    },
    /// Not in the template.
    Unknown,
}

/// The alignment of one spec against one template.
#[derive(Debug, Clone)]
pub struct Alignment {
    /// For each template section, the spec section found for it.
    pub found: Vec<Option<usize>>,
    /// For each spec section, what it is.
    pub spec: Vec<SpecMatch>,
    /// Spec sections (matched ones) not in template order.
    pub out_of_order: Vec<usize>,
    pub matched_required: usize,
    pub required: usize,
    pub exact: usize,
    /// Spec sections at template depth that matched nothing.
    pub unknown_top: usize,
    /// F1 of precision (spec sections that are template sections) and recall
    /// (required template sections present).
    pub score: f64,
}

impl Alignment {
    /// The spec section matched to a template section identity.
    pub fn find_identity(&self, template: &Template, id: &str) -> Option<usize> {
        template.section_by_identity(id).and_then(|t| self.found[t])
    }

    /// The template section a spec section stands for (sections and fields).
    pub fn template_of(&self, spec_section: usize) -> Option<usize> {
        match self.spec.get(spec_section)? {
            SpecMatch::Section { template, .. }
            | SpecMatch::Duplicate { template, .. }
            | SpecMatch::Field { template, .. } => Some(*template),
            SpecMatch::Unknown => None,
        }
    }
}

/// Pre-normalised spec headings, computed once per document and reused for
/// every template the spec is aligned with.
pub struct SpecHeadings {
    pub norms: Vec<String>,
    pub ids: Vec<Option<&'static str>>,
}

impl SpecHeadings {
    pub fn new(doc: &Document) -> Self {
        let norms: Vec<String> = doc
            .sections
            .iter()
            .map(|s| normalize(&doc.headings[s.heading].text))
            .collect();
        let ids = norms.iter().map(|n| identity_of(n)).collect();
        SpecHeadings { norms, ids }
    }
}

fn fuzzy_equal(a: &str, b: &str) -> bool {
    if a.len() < 8 || b.len() < 8 {
        return false;
    }
    let (la, lb) = (a.len() as f64, b.len() as f64);
    if (la - lb).abs() / la.max(lb) > 0.2 {
        return false;
    }
    if !(a.is_ascii() && b.is_ascii()) {
        return strsim::normalized_levenshtein(a, b) >= 0.85;
    }
    // Normalised titles are ASCII: the same similarity on bytes, after a
    // cheap lower bound (the multiset difference of the bytes) rules most
    // pairs out.
    let max = a.len().max(b.len()) as f64;
    let similar = |distance: usize| 1.0 - distance as f64 / max >= 0.85;
    let mut counts = [0i32; 128];
    for &c in a.as_bytes() {
        counts[c as usize] += 1;
    }
    for &c in b.as_bytes() {
        counts[c as usize] -= 1;
    }
    let (more, fewer) = counts.iter().fold((0, 0), |(p, n), &c| {
        if c > 0 {
            (p + c as usize, n)
        } else {
            (p, n + (-c) as usize)
        }
    });
    if !similar(more.max(fewer)) {
        return false;
    }
    similar(levenshtein_bytes(a.as_bytes(), b.as_bytes()))
}

/// Edit distance of two byte strings (one row).
fn levenshtein_bytes(a: &[u8], b: &[u8]) -> usize {
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, &ca) in a.iter().enumerate() {
        let mut diag = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if ca == cb {
                diag
            } else {
                1 + diag.min(above).min(row[j])
            };
            diag = above;
        }
    }
    row[b.len()]
}

/// Aligns a document with a template.
pub fn align(doc: &Document, heads: &SpecHeadings, t: &Template) -> Alignment {
    let n_t = t.sections.len();
    let mut found: Vec<Option<usize>> = vec![None; n_t];
    let mut spec = Vec::with_capacity(doc.sections.len());
    let mut last_t: Option<usize> = None;
    let max_level = t.derived.max_level;
    for (si, norm) in heads.norms.iter().enumerate() {
        let id = heads.ids[si];
        // Headings inside a section the template gives no subsections (Relevant
        // Files, Build Order...) or inside an unknown section are usually that
        // section's content: they may only stand for a template section not yet
        // found (a promoted `## Build Order` followed by `### Technical
        // Dependencies`), never repeat one.
        let (in_leaf, in_unknown) = nesting(doc, si, &spec, t);
        let nested = in_leaf || in_unknown;
        // Candidates by strength; among equals prefer an unmatched one after the last match.
        let mut best: Option<(usize, MatchKind)> = None;
        for kind in [MatchKind::Exact, MatchKind::Identity, MatchKind::Fuzzy] {
            if kind == MatchKind::Identity && id.is_none() {
                continue;
            }
            // One pass, no allocation: the first candidate, the first unmatched
            // one, and the first unmatched one after the last match.
            let (mut first, mut unmatched, mut after) = (None, None, None);
            for (ti, ts) in t.sections.iter().enumerate() {
                let hit = match kind {
                    MatchKind::Exact => ts.norm == *norm,
                    MatchKind::Identity => ts.identity == id,
                    MatchKind::Fuzzy => fuzzy_equal(&ts.norm, norm),
                };
                if !hit {
                    continue;
                }
                first.get_or_insert(ti);
                if found[ti].is_none() {
                    unmatched.get_or_insert(ti);
                    if last_t.is_none_or(|l| ti > l) {
                        after = Some(ti);
                        break;
                    }
                }
            }
            let Some(first) = first else { continue };
            best = Some((after.or(unmatched).unwrap_or(first), kind));
            break;
        }
        if nested && best.is_some_and(|(ti, _)| found[ti].is_some()) {
            best = None;
        }
        let m = match best {
            Some((ti, kind)) => {
                if let Some(first) = found[ti] {
                    SpecMatch::Duplicate {
                        template: ti,
                        first,
                    }
                } else {
                    found[ti] = Some(si);
                    last_t = Some(ti);
                    SpecMatch::Section { template: ti, kind }
                }
            }
            None => match find_field(doc, si, norm, &spec, t) {
                Some((ti, fi)) => SpecMatch::Field {
                    template: ti,
                    field: fi,
                },
                None => SpecMatch::Unknown,
            },
        };
        spec.push(m);
    }
    // Out of order: matched sections not on the longest increasing run of template indices.
    let seq: Vec<(usize, usize)> = spec
        .iter()
        .enumerate()
        .filter_map(|(si, m)| match m {
            SpecMatch::Section { template, .. } => Some((si, *template)),
            _ => None,
        })
        .collect();
    let keep = lis(&seq.iter().map(|&(_, t)| t).collect::<Vec<_>>());
    let out_of_order = seq
        .iter()
        .enumerate()
        .filter(|(i, _)| !keep[*i])
        .map(|(_, &(si, _))| si)
        .collect();
    let required = t.derived.required;
    let matched_required = t
        .sections
        .iter()
        .zip(&found)
        .filter(|(s, f)| s.required() && f.is_some())
        .count();
    let exact = spec
        .iter()
        .filter(|m| {
            matches!(
                m,
                SpecMatch::Section {
                    kind: MatchKind::Exact,
                    ..
                }
            )
        })
        .count();
    let matched = seq.len();
    let unknown_top = spec
        .iter()
        .enumerate()
        .filter(|(si, m)| {
            **m == SpecMatch::Unknown
                && doc.sections[*si].level <= max_level
                && doc.sections[*si]
                    .parent
                    .is_none_or(|p| !is_leaf_match(&spec, p, t))
        })
        .count();
    let recall = if required == 0 {
        1.0
    } else {
        matched_required as f64 / required as f64
    };
    let precision = if matched + unknown_top == 0 {
        0.0
    } else {
        matched as f64 / (matched + unknown_top) as f64
    };
    let score = if recall + precision == 0.0 {
        0.0
    } else {
        2.0 * recall * precision / (recall + precision)
    };
    Alignment {
        found,
        spec,
        out_of_order,
        matched_required,
        required,
        exact,
        unknown_top,
        score,
    }
}

/// Whether a spec section lies inside a leaf-matched section, or inside an unknown one.
fn nesting(doc: &Document, si: usize, spec: &[SpecMatch], t: &Template) -> (bool, bool) {
    let mut in_unknown = false;
    let mut p = doc.sections[si].parent;
    while let Some(pi) = p {
        if is_leaf_match(spec, pi, t) {
            return (true, in_unknown);
        }
        if spec.get(pi) == Some(&SpecMatch::Unknown) {
            in_unknown = true;
        }
        p = doc.sections[pi].parent;
    }
    (false, in_unknown)
}

/// Whether spec section `si` matched a template section without subsections
/// (its own subsections are then content, not unknown sections).
pub fn is_leaf_match(spec: &[SpecMatch], si: usize, t: &Template) -> bool {
    match spec.get(si) {
        Some(SpecMatch::Section { template, .. }) | Some(SpecMatch::Duplicate { template, .. }) => {
            t.sections[*template].children.is_empty()
        }
        Some(SpecMatch::Field { .. }) => true,
        _ => false,
    }
}

fn find_field(
    doc: &Document,
    si: usize,
    norm: &str,
    spec: &[SpecMatch],
    t: &Template,
) -> Option<(usize, usize)> {
    // Prefer the fields of the enclosing matched section, then any field.
    let mut parent = doc.sections[si].parent;
    while let Some(p) = parent {
        if let Some(SpecMatch::Section { template, .. }) = spec.get(p) {
            if let Some(fi) = t.sections[*template]
                .fields
                .iter()
                .position(|f| f.norm == norm)
            {
                return Some((*template, fi));
            }
            break;
        }
        parent = doc.sections[p].parent;
    }
    t.sections.iter().enumerate().find_map(|(ti, s)| {
        s.fields
            .iter()
            .position(|f| f.norm == norm)
            .map(|fi| (ti, fi))
    })
}

/// Longest strictly increasing subsequence: which positions are on it.
fn lis(xs: &[usize]) -> Vec<bool> {
    let n = xs.len();
    let mut tails: Vec<usize> = Vec::new(); // indices into xs
    let mut prev = vec![usize::MAX; n];
    for i in 0..n {
        let pos = tails.partition_point(|&j| xs[j] < xs[i]);
        if pos > 0 {
            prev[i] = tails[pos - 1];
        }
        if pos == tails.len() {
            tails.push(i);
        } else {
            tails[pos] = i;
        }
    }
    let mut keep = vec![false; n];
    let mut cur = tails.last().copied();
    while let Some(i) = cur {
        keep[i] = true;
        cur = if prev[i] == usize::MAX {
            None
        } else {
            Some(prev[i])
        };
    }
    keep
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::template::TemplateSet;

    fn align_with(spec: &str, template: &str) -> (Document, Alignment) {
        let set = TemplateSet::builtins();
        let t = set.get(template).unwrap();
        let doc = Document::parse(spec);
        let heads = SpecHeadings::new(&doc);
        let a = align(&doc, &heads, t);
        (doc, a)
    }

    #[test]
    fn numbered_and_variant_headings_align() {
        let (_, a) = align_with(
            "# Technical Specification: X\n\n## 1. Executive Summary\n\n## 2. System Architecture\n\n### 2.1 Component Overview\n\n## Implementation Design\n\n### Core Interfaces\n\n## Monitoring & Observability\n",
            "standard",
        );
        assert!(
            a.spec
                .iter()
                .all(|m| matches!(m, SpecMatch::Section { .. })),
            "{:?}",
            a.spec
        );
        assert!(a.out_of_order.is_empty());
    }

    #[test]
    fn out_of_order_and_duplicates() {
        let (_, a) = align_with(
            "# T\n\n## Testing Approach\n\n## Executive Summary\n\n## System Architecture\n\n## Executive Summary\n",
            "standard",
        );
        assert_eq!(a.out_of_order, vec![0]);
        assert!(matches!(a.spec[3], SpecMatch::Duplicate { first: 1, .. }));
    }

    #[test]
    fn fields_as_headings_and_unknown_sections() {
        let (_, a) = align_with(
            "# T\n\n## Database Design\n\n#### Schema\n\n## Impact Analysis\n",
            "extended",
        );
        assert!(matches!(a.spec[1], SpecMatch::Field { .. }));
        assert_eq!(a.spec[2], SpecMatch::Unknown);
        assert_eq!(a.unknown_top, 1);
    }

    #[test]
    fn byte_similarity_agrees_with_strsim() {
        let titles = [
            "executive summary",
            "executiv sumary",
            "system architecture",
            "systen architecure",
            "main interfaces",
            "monitoring and observability",
            "monitoring observability",
            "integration points",
            "integraton point",
            "abcdefgh",
            "hgfedcba",
            "relevant files",
            "relevant and dependent files",
            "technical considerations",
            "technical consideration",
        ];
        for a in titles {
            for b in titles {
                let expected = a.len() >= 8 && b.len() >= 8 && {
                    let (la, lb) = (a.len() as f64, b.len() as f64);
                    (la - lb).abs() / la.max(lb) <= 0.2
                        && strsim::normalized_levenshtein(a, b) >= 0.85
                };
                assert_eq!(fuzzy_equal(a, b), expected, "{a} / {b}");
                assert_eq!(
                    levenshtein_bytes(a.as_bytes(), b.as_bytes()),
                    strsim::levenshtein(a, b),
                    "{a} / {b}"
                );
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn byte_similarity_is_strsims(a in "[a-f ]{0,24}", b in "[a-f ]{0,24}") {
            let (la, lb) = (a.len() as f64, b.len() as f64);
            let expected = a.len() >= 8 && b.len() >= 8 && (la - lb).abs() / la.max(lb) <= 0.2 && strsim::normalized_levenshtein(&a, &b) >= 0.85;
            proptest::prop_assert_eq!(fuzzy_equal(&a, &b), expected);
        }
    }

    #[test]
    fn headings_inside_leaf_or_unknown_sections_are_content() {
        let (_, a) = align_with(
            "# T\n\n## Integration Points\n\n## Technical Considerations\n\n### Relevant Files\n\n#### Integration Points\n\n## Checklist\n\n### Integration Points\n",
            "standard",
        );
        assert!(
            !a.spec
                .iter()
                .any(|m| matches!(m, SpecMatch::Duplicate { .. })),
            "{:?}",
            a.spec
        );
        // A template section first written under an unknown heading still counts.
        let (_, a) = align_with("# T\n\n## 5. Design\n\n### Main Interfaces\n", "standard");
        assert!(matches!(a.spec[1], SpecMatch::Section { .. }));
    }

    #[test]
    fn lis_marks_the_longest_run() {
        assert_eq!(lis(&[0, 5, 1, 2, 3]), vec![true, false, true, true, true]);
        assert_eq!(lis(&[]), Vec::<bool>::new());
    }
}
