//! Section identities: a stable id for each well-known tech-spec section,
//! recognised from its title in any common wording or in Portuguese.
//!
//! Semantic checks attach to identities, not to title strings, so they work in
//! custom and translated templates. Titles are compared after [`normalize`].

/// One well-known section and the normalised titles that mean it.
pub struct Identity {
    pub id: &'static str,
    pub aliases: &'static [&'static str],
}

/// The identity table. Aliases are written already normalised (see [`normalize`]).
pub static IDENTITIES: &[Identity] = &[
    Identity {
        id: "executive-summary",
        aliases: &[
            "executive summary",
            "summary",
            "overview",
            "tldr",
            "resumo executivo",
            "resumo",
            "sumario executivo",
            "visao geral",
        ],
    },
    Identity {
        id: "system-architecture",
        aliases: &[
            "system architecture",
            "architecture",
            "arquitetura do sistema",
            "arquitetura",
            "visao geral da arquitetura",
        ],
    },
    Identity {
        id: "component-overview",
        aliases: &[
            "component overview",
            "components overview",
            "components",
            "visao geral dos componentes",
            "visao geral de componentes",
            "componentes",
            "design de componentes",
            "visao geral do componente",
        ],
    },
    Identity {
        id: "implementation-design",
        aliases: &[
            "implementation design",
            "design",
            "detailed design",
            "design de implementacao",
            "design da implementacao",
            "projeto de implementacao",
        ],
    },
    Identity {
        id: "main-interfaces",
        aliases: &[
            "main interfaces",
            "core interfaces",
            "key interfaces",
            "interfaces",
            "service interfaces",
            "principal interfaces",
            "interfaces principais",
            "interface principais",
            "interfaces chave",
            "interfaces centrais",
        ],
    },
    Identity {
        id: "data-models",
        aliases: &[
            "data models",
            "data model",
            "models",
            "domain model",
            "modelos de dados",
            "modelo de dados",
            "modelos de dados and esquema",
        ],
    },
    Identity {
        id: "database-design",
        aliases: &[
            "database design",
            "database schema",
            "design do banco de dados",
            "design de banco de dados",
            "banco de dados",
        ],
    },
    Identity {
        id: "api-endpoints",
        aliases: &[
            "api endpoints",
            "endpoints",
            "api",
            "api design",
            "rest endpoints",
            "endpoints da api",
            "endpoints de api",
            "endpoints api",
            "endpoints",
            "contratos de api",
            "api surface",
        ],
    },
    Identity {
        id: "integration-points",
        aliases: &[
            "integration points",
            "integrations",
            "external integrations",
            "pontos de integracao",
            "integracoes",
        ],
    },
    Identity {
        id: "error-handling",
        aliases: &[
            "error handling",
            "tratamento de erros",
            "tratamento de erro",
            "tratamento de erros and logging",
            "error handling and logging",
        ],
    },
    Identity {
        id: "performance-scalability",
        aliases: &[
            "performance and scalability",
            "performance",
            "scalability",
            "desempenho and escalabilidade",
            "performance and escalabilidade",
        ],
    },
    Identity {
        id: "security",
        aliases: &["security", "security considerations", "seguranca"],
    },
    Identity {
        id: "state-management",
        aliases: &[
            "state management",
            "gerenciamento de estado",
            "gestao de estado",
        ],
    },
    Identity {
        id: "testing-approach",
        aliases: &[
            "testing approach",
            "testing strategy",
            "testing",
            "test strategy",
            "test plan",
            "abordagem de testes",
            "estrategia de testes",
            "testes",
        ],
    },
    Identity {
        id: "unit-tests",
        aliases: &[
            "unit tests",
            "unit testing",
            "testes unitarios",
            "testes unidade",
            "testes de unidade",
        ],
    },
    Identity {
        id: "integration-tests",
        aliases: &[
            "integration tests",
            "integration testing",
            "testes de integracao",
        ],
    },
    Identity {
        id: "e2e-tests",
        aliases: &[
            "end to end tests",
            "e2e tests",
            "end to end testing",
            "e2e testing",
            "testes de ponta a ponta",
            "testes e2e",
            "testes de e2e",
            "testes end to end",
            "testes de ui",
        ],
    },
    Identity {
        id: "deployment",
        aliases: &["deployment", "deploy", "rollout", "implantacao"],
    },
    Identity {
        id: "development-sequencing",
        aliases: &[
            "development sequencing",
            "implementation plan",
            "sequencing",
            "sequenciamento de desenvolvimento",
            "sequenciamento do desenvolvimento",
            "sequencia de desenvolvimento",
        ],
    },
    Identity {
        id: "build-order",
        aliases: &[
            "build order",
            "implementation order",
            "implementation sequence",
            "ordem de construcao",
            "ordem de implementacao",
            "ordem de desenvolvimento",
        ],
    },
    Identity {
        id: "technical-dependencies",
        aliases: &[
            "technical dependencies",
            "dependencies",
            "dependencias tecnicas",
            "dependencias",
        ],
    },
    Identity {
        id: "monitoring",
        aliases: &[
            "monitoring and observability",
            "monitoring",
            "observability",
            "monitoramento and observabilidade",
            "monitoramento",
            "observabilidade",
        ],
    },
    Identity {
        id: "technical-considerations",
        aliases: &[
            "technical considerations",
            "considerations",
            "consideracoes tecnicas",
        ],
    },
    Identity {
        id: "key-decisions",
        aliases: &[
            "key decisions",
            "main decisions",
            "technical decisions",
            "design decisions",
            "decisions",
            "decisoes principais",
            "decisoes chave",
            "decisoes tecnicas",
            "principais decisoes",
        ],
    },
    Identity {
        id: "known-risks",
        aliases: &[
            "known risks",
            "risks",
            "risks and mitigations",
            "riscos conhecidos",
            "riscos",
        ],
    },
    Identity {
        id: "technical-debt",
        aliases: &[
            "technical debt",
            "tech debt",
            "debito tecnico",
            "divida tecnica",
        ],
    },
    Identity {
        id: "standards-compliance",
        aliases: &[
            "standards compliance",
            "standard skills compliance",
            "rules compliance",
            "compliance",
            "conformidade com padroes",
            "conformidade com skills padroes",
            "conformidade com os padroes",
            "conformidade de padroes",
            "conformidade",
        ],
    },
    Identity {
        id: "relevant-files",
        aliases: &[
            "relevant files",
            "relevant and dependent files",
            "file references",
            "key files",
            "files",
            "arquivos relevantes",
            "arquivos relevantes and dependentes",
            "referencias de arquivos",
            "arquivos",
        ],
    },
];

/// Looks up the identity of a normalised title.
pub fn identity_of(normalized: &str) -> Option<&'static str> {
    IDENTITIES
        .iter()
        .find(|i| i.aliases.contains(&normalized))
        .map(|i| i.id)
}

/// Normalises a heading for comparison: numbering (`1.`, `2.3`, `I.`, `A)`),
/// emoji, punctuation, parenthesised asides and case are dropped, accents are
/// folded, `&` and `+` (and Portuguese/Spanish `e`/`y`) read as "and".
pub fn normalize(title: &str) -> String {
    // Drop parenthesised asides and everything that is not a letter, digit, '&', '+' or space.
    let mut kept = String::with_capacity(title.len());
    let mut paren = 0u32;
    for c in title.chars() {
        match c {
            '(' | '[' => paren += 1,
            ')' | ']' => paren = paren.saturating_sub(1),
            _ if paren > 0 => {}
            '&' | '+' => kept.push_str(" and "),
            '-' | '_' | '/' | ':' | '.' | ',' | ';' => kept.push(' '),
            c if c.is_alphanumeric() => kept.push(c),
            c if c.is_whitespace() => kept.push(' '),
            _ => kept.push(' '),
        }
    }
    let mut lower = if kept.is_ascii() {
        kept
    } else {
        deunicode::deunicode(&kept)
    };
    lower.make_ascii_lowercase();
    let all: Vec<&str> = lower.split_whitespace().collect();
    let mut words = &all[..];
    let roman_prefix = title_has_roman_prefix(title);
    // Leading numbering: "1", "2 3" (from "2.3"), roman numerals, a single letter before ')' or '.'.
    while let Some(first) = words.first() {
        let is_number = first.chars().all(|c| c.is_ascii_digit());
        let is_roman = roman_prefix && first.chars().all(|c| "ivxlc".contains(c));
        let is_step = matches!(*first, "step" | "phase" | "etapa" | "fase" | "passo")
            && words
                .get(1)
                .is_some_and(|w| w.chars().all(|c| c.is_ascii_digit()));
        if is_number || (is_roman && words.len() > 1) {
            words = &words[1..];
        } else if is_step {
            words = &words[2..];
        } else {
            break;
        }
        if words.len() <= 1 {
            break;
        }
    }
    let mut out = String::with_capacity(lower.len());
    for (i, w) in words.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(if *w == "e" || *w == "y" { "and" } else { w });
    }
    out
}

fn title_has_roman_prefix(title: &str) -> bool {
    let t = title.trim_start();
    let n = t.chars().take_while(|c| "IVXLCivxlc".contains(*c)).count();
    n > 0 && t[n..].starts_with(['.', ')'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbering_case_punctuation_and_emoji_are_ignored() {
        assert_eq!(normalize("## 1. Executive Summary"), "executive summary");
        assert_eq!(normalize("2.3 Main Interfaces:"), "main interfaces");
        assert_eq!(normalize("IV. Known Risks"), "known risks");
        assert_eq!(normalize("🚀 Build Order"), "build order");
        assert_eq!(
            normalize("Monitoring & Observability"),
            "monitoring and observability"
        );
        assert_eq!(
            normalize("Integration Points (if applicable)"),
            "integration points"
        );
        assert_eq!(
            normalize("Visão Geral dos Componentes"),
            "visao geral dos componentes"
        );
        assert_eq!(
            normalize("Monitoramento e Observabilidade"),
            "monitoramento and observabilidade"
        );
    }

    #[test]
    fn variants_share_an_identity() {
        for t in [
            "Core Interfaces",
            "Key Interfaces",
            "Main Interfaces",
            "Interfaces Principais",
        ] {
            assert_eq!(identity_of(&normalize(t)), Some("main-interfaces"), "{t}");
        }
        for t in [
            "Monitoring & Observability",
            "Monitoring and Observability",
            "Monitoramento e Observabilidade",
        ] {
            assert_eq!(identity_of(&normalize(t)), Some("monitoring"), "{t}");
        }
        assert_eq!(
            identity_of(&normalize("Relevant and Dependent Files")),
            Some("relevant-files")
        );
        assert_eq!(
            identity_of(&normalize("Arquivos relevantes e dependentes")),
            Some("relevant-files")
        );
        assert_eq!(
            identity_of(&normalize("Standard Skills Compliance")),
            Some("standards-compliance")
        );
        assert_eq!(
            identity_of(&normalize("Testes Unidade")),
            Some("unit-tests")
        );
        assert_eq!(identity_of(&normalize("Impact Analysis")), None);
    }

    #[test]
    fn aliases_are_written_normalised() {
        for i in IDENTITIES {
            for a in i.aliases {
                assert_eq!(normalize(a), *a, "alias of {} is not normalised", i.id);
            }
        }
    }
}
