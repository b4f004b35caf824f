//! The template parser on arbitrary (lossily decoded) text, then rendering
//! with every substitution: never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;
use techspec::model::template::{Origin, RenderOptions, Template, render};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let t = Template::parse("fuzz", Origin::Builtin, &text);
    let _ = t.outline();
    for i in 0..t.sections.len() {
        let _ = t.guidance_text(i);
    }
    let _ = render(&t, &RenderOptions::default());
    let opts = RenderOptions {
        lang: Some("python".into()),
        rules_dir: Some(".claude/rules/".into()),
    };
    let _ = render(&t, &opts);
});
