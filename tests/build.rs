//! Writes each Rust snippet of the workspace README (its ```rust blocks, in
//! order) to `$OUT_DIR/readme_<n>.rs`, where tests/readme.rs includes and
//! runs them: the README's own text is what is compiled and run.

use std::path::Path;

fn main() {
    let readme = Path::new(env!("CARGO_MANIFEST_DIR")).join("../README.md");
    println!("cargo:rerun-if-changed={}", readme.display());
    let text = std::fs::read_to_string(&readme).expect("the workspace README");
    let out = std::env::var("OUT_DIR").expect("OUT_DIR is set for build scripts");
    let mut snippets = 0;
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        let Some(info) = line.strip_prefix("```") else {
            continue;
        };
        let mut body = String::new();
        for l in lines.by_ref() {
            if l.starts_with("```") {
                break;
            }
            body.push_str(l);
            body.push('\n');
        }
        if info.split(',').next().map(str::trim) == Some("rust") {
            snippets += 1;
            let file = Path::new(&out).join(format!("readme_{snippets}.rs"));
            std::fs::write(file, body).expect("OUT_DIR is writable");
        }
    }
    std::fs::write(
        Path::new(&out).join("readme_count.rs"),
        format!("{snippets}\n"),
    )
    .expect("OUT_DIR is writable");
}
