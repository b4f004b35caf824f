//! The rules frontmatter reader on arbitrary (lossily decoded) text: never
//! panics, and the body offset it reports is a char boundary inside the text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use techspec::project::rules::parse_frontmatter;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let fm = parse_frontmatter(&text);
    assert!(
        fm.body_offset <= text.len(),
        "body offset {} past {}",
        fm.body_offset,
        text.len()
    );
    assert!(text.is_char_boundary(fm.body_offset));
    for key in [
        "globs",
        "alwaysApply",
        "description",
        "paths",
        "applyTo",
        "trigger",
    ] {
        let _ = fm.get_str(key);
        let _ = fm.get_bool(key);
        let _ = fm.get_patterns(key);
    }
});
