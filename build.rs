//! Fingerprints the code and data that decide what the index stores (what extraction
//! finds, the analyzed terms, the near-duplicate signature), so that an index built by
//! another version of the rules is rebuilt instead of answering stale.

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
    // The analyzer decides the terms and the near-duplicate signature the index stores.
    for path in ["src/extract", "src/corpus", "src/text", "data", "src/index/analyzer.rs", "src/index/dedup.rs"] {
        println!("cargo:rerun-if-changed={path}");
        let p = Path::new(path);
        if p.is_file() {
            files.push(p.to_path_buf());
        } else {
            walk(p, &mut files);
        }
    }
    files.sort();
    let mut h = DefaultHasher::new();
    for f in &files {
        h.write(f.to_string_lossy().as_bytes());
        h.write(&std::fs::read(f).unwrap_or_default());
    }
    println!("cargo:rustc-env=TRADEWATCH_RULES={:016x}", h.finish());
}
