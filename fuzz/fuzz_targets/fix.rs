//! `check --fix` on arbitrary bytes, with the built-in templates, safe fixes
//! and unsafe ones: fixing converges, a second fix changes nothing, the
//! output re-parses with every code block of the input kept, and no fix
//! raises the number of errors ([`techspec::engine::fix::check_promises`]).
#![no_main]

use std::path::Path;
use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use techspec::model::document::Document;
use techspec::engine::Checker;
use techspec::io::read::is_binary;
use techspec::engine::fix::{FixOptions, check_promises};
use techspec::model::template::TemplateSet;

static CHECKER: LazyLock<Checker> = LazyLock::new(|| Checker::new(TemplateSet::builtins()));

fuzz_target!(|data: &[u8]| {
    if is_binary(data) {
        return; // --fix refuses binary files
    }
    let doc = Document::from_bytes(data);
    for unsafe_fixes in [false, true] {
        if let Err(e) = check_promises(
            &CHECKER,
            Path::new("fuzz.md"),
            &doc.text,
            FixOptions { unsafe_fixes },
        ) {
            panic!("unsafe_fixes={unsafe_fixes}: {e}");
        }
    }
});
