//! How far a spec addresses a requirement: by citing its ID, or by the
//! share of the requirement's terms that a spec section (or the whole spec)
//! holds.
//!
//! Terms are the searchable words of `files::tokenize` (stopwords of English
//! and Portuguese dropped, light plural stemming), accents removed and cut
//! to their first six letters so that "calculation" meets "calculated" and
//! "configuração" meets "configurar" (and `-ing` dropped: "testing" meets
//! "tests"). Words every requirement uses
//! ("system", "user", "display", "sistema", "usuário"...) are left out.

use std::collections::{HashMap, HashSet};

use crate::engine::trace::prd::{ID_ANYWHERE, Requirement, normalize_id};
use crate::model::document::{Document, Span};

/// A section holding at least this share of a requirement's terms covers it.
pub const COVERED: f64 = 0.5;
/// The whole spec holding at least this share covers it too (spread out).
pub const SPREAD: f64 = 0.7;
/// Below this share in every section and [`SPREAD_WEAK`] in the spec, a
/// requirement is not addressed at all.
pub const NOT_ADDRESSED: f64 = 0.3;
/// See [`NOT_ADDRESSED`].
pub const SPREAD_WEAK: f64 = 0.45;
/// Requirements with fewer terms than this are not judged lexically.
pub const MIN_TERMS: usize = 3;

/// Words that say nothing about what a requirement is about.
const GENERIC: &[&str] = &[
    "system", "sistema", "user", "usuari", "users", "display", "exibir", "exibid", "allow",
    "permit", "should", "provid", "fornec", "able", "capaz", "ensure", "garant", "support",
    "suport", "must", "deve", "devem", "shall", "will", "page", "pagina", "applic", "aplica",
    "featur", "funcio", "requir", "requis", "based", "using", "usando", "when", "quando", "each",
    "every", "todos", "todas", "value", "valor", "valore", "data", "dados", "new", "novo", "nova",
];

/// The language a text is written in, by its most common short words:
/// `Some(true)` Portuguese, `Some(false)` English, `None` when it cannot tell.
pub fn portuguese(text: &str) -> Option<bool> {
    const PT: &[&str] = &[
        "de", "que", "não", "para", "com", "uma", "os", "do", "da", "em", "no", "na", "se", "ao",
        "dos", "das", "deve",
    ];
    const EN: &[&str] = &[
        "the", "and", "of", "to", "is", "for", "with", "that", "be", "on", "are", "as", "it",
        "should", "must",
    ];
    let (mut pt, mut en) = (0usize, 0usize);
    for w in text.split(|c: char| !c.is_alphabetic()).take(20_000) {
        if w.len() > 6 || w.is_empty() {
            continue;
        }
        let l = w.to_lowercase();
        if PT.contains(&l.as_str()) {
            pt += 1;
        } else if EN.contains(&l.as_str()) {
            en += 1;
        }
    }
    if pt + en < 10 {
        None
    } else if pt > 2 * en {
        Some(true)
    } else if en > 2 * pt {
        Some(false)
    } else {
        None
    }
}

/// A term as compared: accents removed, at most six characters.
fn term(t: &str) -> String {
    let plain = deunicode::deunicode(t);
    // `testing` meets `tests`, `mapping` meets `mapper`.
    let plain = match plain.strip_suffix("ing") {
        Some(stem) if stem.len() >= 3 => stem.to_string(),
        _ => plain,
    };
    plain.chars().take(6).collect()
}

/// The distinct terms of a text.
pub fn terms(text: &str) -> HashSet<String> {
    crate::project::files::tokenize::tokenize(text)
        .iter()
        .map(|t| term(t))
        .filter(|t| t.len() >= 3 && !GENERIC.contains(&t.as_str()))
        .collect()
}

/// The spec, indexed for coverage: each section's terms and the IDs it cites.
pub struct SpecIndex {
    /// Terms of each section's heading and own body (subsections excluded).
    pub sections: Vec<HashSet<String>>,
    /// Terms of the whole spec.
    pub all: HashSet<String>,
    /// Normalised requirement IDs cited in the spec, with where.
    pub cited: HashMap<String, Vec<Span>>,
}

impl SpecIndex {
    pub fn new(doc: &Document) -> SpecIndex {
        let sections: Vec<HashSet<String>> = doc
            .sections
            .iter()
            .map(|s| {
                let heading = &doc.headings[s.heading].text;
                let mut t = terms(heading);
                t.extend(terms(doc.slice(s.body)));
                t
            })
            .collect();
        let mut all = terms(doc.slice(Span::new(0, doc.text.len())));
        for s in &sections {
            all.extend(s.iter().cloned());
        }
        let mut cited: HashMap<String, Vec<Span>> = HashMap::new();
        for m in ID_ANYWHERE.find_iter(&doc.text) {
            cited
                .entry(normalize_id(m.as_str()))
                .or_default()
                .push(Span::new(m.start(), m.end()));
        }
        SpecIndex {
            sections,
            all,
            cited,
        }
    }
}

/// How a spec addresses one requirement.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Coverage {
    /// Where the spec cites the requirement's ID.
    #[serde(skip)]
    pub cited: Vec<Span>,
    /// Spec sections that cite it or cover it, best first: (section, share of terms).
    pub sections: Vec<(usize, f64)>,
    /// The section with the largest share, whatever it is.
    pub closest: Option<(usize, f64)>,
    /// Share of the requirement's terms found anywhere in the spec.
    pub spread: f64,
    /// The requirement's distinct terms.
    pub terms: usize,
}

impl Coverage {
    /// Cited by ID or covered lexically.
    pub fn addressed(&self) -> bool {
        !self.cited.is_empty()
            || self.terms < MIN_TERMS
            || self.closest.is_some_and(|(_, s)| s >= COVERED)
            || self.spread >= SPREAD
    }

    /// Neither cited nor near any section: nothing in the spec speaks of it.
    pub fn unaddressed(&self) -> bool {
        self.cited.is_empty()
            && self.terms >= MIN_TERMS
            && self.closest.is_none_or(|(_, s)| s < NOT_ADDRESSED)
            && self.spread < SPREAD_WEAK
    }
}

/// The coverage of `req` by the spec.
pub fn cover(index: &SpecIndex, doc: &Document, req: &Requirement) -> Coverage {
    let cited = req
        .id
        .as_ref()
        .and_then(|id| index.cited.get(&normalize_id(id)))
        .cloned()
        .unwrap_or_default();
    let mut want = terms(&req.text);
    if let Some(id) = &req.id {
        // The ID's own letters (`fr`, `rf`) are no term.
        for t in terms(id) {
            want.remove(&t);
        }
    }
    let n = want.len();
    let share = |set: &HashSet<String>| {
        if n == 0 {
            0.0
        } else {
            want.iter().filter(|t| set.contains(*t)).count() as f64 / n as f64
        }
    };
    let mut scored: Vec<(usize, f64)> = index
        .sections
        .iter()
        .enumerate()
        .map(|(i, s)| (i, share(s)))
        .collect();
    scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let closest = scored.first().copied().filter(|(_, s)| *s > 0.0);
    let mut sections: Vec<(usize, f64)> = Vec::new();
    // Sections that cite the ID come first.
    for span in &cited {
        if let Some(si) = section_at(doc, span.start)
            && !sections.iter().any(|(s, _)| *s == si)
        {
            let s = scored.iter().find(|(i, _)| *i == si).map_or(0.0, |x| x.1);
            sections.push((si, s));
        }
    }
    for &(si, s) in scored.iter().take(3) {
        if s >= COVERED && !sections.iter().any(|(x, _)| *x == si) {
            sections.push((si, s));
        }
    }
    Coverage {
        cited,
        sections,
        closest,
        spread: share(&index.all),
        terms: n,
    }
}

/// The innermost section holding a byte offset.
pub fn section_at(doc: &Document, offset: usize) -> Option<usize> {
    doc.sections
        .iter()
        .enumerate()
        .filter(|(_, s)| s.span.contains(offset))
        .max_by_key(|(_, s)| s.level)
        .map(|(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(id: Option<&str>, text: &str) -> Requirement {
        Requirement {
            id: id.map(String::from),
            number: 1,
            text: text.into(),
            span: Span::default(),
        }
    }

    const SPEC: &str = "# Spec\n\n## Architecture\n\nThe badge shows the net value difference in green or red.\n\n## Conversion\n\nBRL equivalent is calculated from the miles amount and the program CPM average.\n\n## Notes\n\nPer FR-9 the gray badge is neutral.\n";

    #[test]
    fn a_cited_id_addresses_the_requirement() {
        let doc = Document::parse(SPEC);
        let index = SpecIndex::new(&doc);
        let c = cover(
            &index,
            &doc,
            &req(Some("FR-9"), "Badge is gray when neutral (±5%)."),
        );
        assert!(c.addressed());
        assert_eq!(doc.section_heading(c.sections[0].0).text, "Notes");
    }

    #[test]
    fn shared_terms_cover_and_unrelated_text_does_not() {
        let doc = Document::parse(SPEC);
        let index = SpecIndex::new(&doc);
        let c = cover(
            &index,
            &doc,
            &req(
                Some("FR-1"),
                "Display the BRL equivalent calculated from miles × program average CPM.",
            ),
        );
        assert!(c.addressed(), "{c:?}");
        assert_eq!(doc.section_heading(c.sections[0].0).text, "Conversion");
        let c = cover(
            &index,
            &doc,
            &req(
                Some("FR-30"),
                "Export the monthly statement as a PDF attachment by email.",
            ),
        );
        assert!(!c.addressed() && c.unaddressed(), "{c:?}");
    }

    #[test]
    fn portuguese_accents_and_word_forms_meet() {
        let doc = Document::parse(
            "# E\n\n## Configuração\n\nA configuração do coletor usa variáveis de ambiente e arquivo YAML.\n",
        );
        let index = SpecIndex::new(&doc);
        let c = cover(
            &index,
            &doc,
            &req(
                None,
                "Configurar o coletor via YAML e variaveis de ambiente",
            ),
        );
        assert!(c.addressed(), "{c:?}");
    }
}
