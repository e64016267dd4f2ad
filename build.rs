//! Fingerprints the code and data that decide what extraction finds, so that an index
//! built by another version of the rules is rebuilt instead of answering stale.

use std::hash::{DefaultHasher, Hasher};
use std::path::Path;

fn walk(dir: &Path, files: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            walk(&p, files);
        } else if p.extension().is_some_and(|x| x == "rs" || x == "toml") {
            files.push(p);
        }
    }
}

fn main() {
    let mut files = Vec::new();
    for dir in ["src/extract", "src/corpus", "src/text", "data"] {
        println!("cargo:rerun-if-changed={dir}");
        walk(Path::new(dir), &mut files);
    }
    files.sort();
    let mut h = DefaultHasher::new();
    for f in &files {
        h.write(f.to_string_lossy().as_bytes());
        h.write(&std::fs::read(f).unwrap_or_default());
    }
    println!("cargo:rustc-env=TRADEWATCH_RULES={:016x}", h.finish());
}
