//! Times the indexing phases one at a time on one thread over a corpus folder, and prints
//! a digest of what each phase produced, so a change to any of them can be timed and
//! shown to leave its output alone.
//!
//!   cargo run --release --example phases -- CORPUS_DIR

use std::hash::{Hash, Hasher};
use std::time::Instant;

fn main() -> anyhow::Result<()> {
    let dir = std::env::args().nth(1).ok_or_else(|| anyhow::anyhow!("usage: phases CORPUS_DIR"))?;
    let dir = std::path::PathBuf::from(dir);
    let names = tradewatch::corpus::article_files(&dir)?;
    let files: Vec<(String, Vec<u8>)> =
        names.iter().map(|n| Ok((n.clone(), std::fs::read(dir.join(n))?))).collect::<anyhow::Result<_>>()?;

    let t = Instant::now();
    let articles: Vec<_> = files.iter().filter_map(|(n, b)| tradewatch::corpus::parse_article(n, b).ok()).collect();
    let parse = t.elapsed();
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for a in &articles {
        format!("{:?}", a.blocks).hash(&mut h);
    }
    let blocks = h.finish();

    let t = Instant::now();
    let passages: Vec<_> = articles.iter().map(|a| a.passages()).collect();
    let segment = t.elapsed();
    let mut h = std::collections::hash_map::DefaultHasher::new();
    format!("{passages:?}").hash(&mut h);
    let sentences = h.finish();

    let t = Instant::now();
    let extracted: Vec<_> =
        articles.iter().zip(&passages).map(|(a, p)| tradewatch::extract::extract_passages(a, p)).collect();
    let extract = t.elapsed();
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for e in &extracted {
        format!("{:?}{:?}", e.mentions, e.entities).hash(&mut h);
    }
    let mentions = h.finish();

    println!("articles {}", articles.len());
    println!("parse    {:>8.1} ms  blocks   {blocks:016x}", parse.as_secs_f64() * 1e3);
    println!("segment  {:>8.1} ms  passages {sentences:016x}", segment.as_secs_f64() * 1e3);
    println!("extract  {:>8.1} ms  mentions {mentions:016x}", extract.as_secs_f64() * 1e3);
    Ok(())
}
