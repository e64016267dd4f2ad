//! Times the indexing phases one at a time on one thread over a corpus folder, and prints
//! a digest of what each phase produced, so a change to any of them can be timed and
//! shown to leave its output alone.
//!
//!   cargo run --release --example phases -- CORPUS_DIR

use std::fmt::Debug;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::time::Instant;

/// A digest of the debug form of each item, in order.
fn digest<T: Debug>(items: impl IntoIterator<Item = T>) -> u64 {
    let mut h = DefaultHasher::new();
    for item in items {
        format!("{item:?}").hash(&mut h);
    }
    h.finish()
}

fn main() -> anyhow::Result<()> {
    let dir = std::env::args().nth(1).ok_or_else(|| anyhow::anyhow!("usage: phases CORPUS_DIR"))?;
    let dir = std::path::PathBuf::from(dir);
    let names = tradewatch::corpus::article_files(&dir)?;
    let files: Vec<(String, Vec<u8>)> =
        names.iter().map(|n| Ok((n.clone(), std::fs::read(dir.join(n))?))).collect::<anyhow::Result<_>>()?;

    let t = Instant::now();
    let parsed: Vec<_> = files.iter().map(|(n, b)| tradewatch::corpus::parse_article(n, b)).collect();
    let parse = t.elapsed();
    let (articles, broken): (Vec<_>, Vec<_>) = parsed.into_iter().partition(Result::is_ok);
    let articles: Vec<_> = articles.into_iter().flatten().collect();
    let blocks = digest(articles.iter().map(|a| &a.blocks));

    let t = Instant::now();
    let passages: Vec<_> = articles.iter().map(|a| a.passages()).collect();
    let segment = t.elapsed();
    let sentences = digest(&passages);

    let t = Instant::now();
    let extracted: Vec<_> =
        articles.iter().zip(&passages).map(|(a, p)| tradewatch::extract::extract_passages(a, p)).collect();
    let extract = t.elapsed();
    let mentions = digest(extracted.iter().map(|e| (&e.mentions, &e.entities)));

    println!("articles {} ({} failed to load)", articles.len(), broken.len());
    println!("parse    {:>8.1} ms  blocks   {blocks:016x}", parse.as_secs_f64() * 1e3);
    println!("segment  {:>8.1} ms  passages {sentences:016x}", segment.as_secs_f64() * 1e3);
    println!("extract  {:>8.1} ms  mentions {mentions:016x}", extract.as_secs_f64() * 1e3);
    Ok(())
}
