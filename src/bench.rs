//! `tradewatch bench`: the latency of full answers over the current index, as the bot
//! would send them. Every line of the queries file is asked as `/search <line>` and as
//! `/status <line>` through `Engine::answer` and then rendered: with the Discord embed
//! renderer (`discord::render::render`, serialised to the JSON body Discord receives)
//! when the `discord` feature is built, with `render::json` otherwise. Each answer is
//! timed from the parsed command to the finished bytes; the report is one JSON line with
//! p50/p99 in microseconds, the index's article and passage counts, and the resident
//! memory of the process after answering.

use std::path::Path;
use std::time::Instant;

use anyhow::Context;
use serde::Serialize;

use crate::answer::{Answer, Engine};
use crate::command::Command;
use crate::config::Paths;
use crate::model::Lang;

/// The one JSON line `tradewatch bench` prints. The first seven fields are the contract
/// of DESIGN.md; the rest help read the figures.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub articles: usize,
    pub passages: usize,
    pub search_p50_us: u64,
    pub search_p99_us: u64,
    pub status_p50_us: u64,
    pub status_p99_us: u64,
    /// Resident memory (VmRSS) after the timed answers, in MiB; 0 where /proc is missing.
    pub rss_mb: f64,
    /// Peak resident memory of the process (VmHWM), in MiB; includes any indexing the
    /// freshness check did before answering.
    pub rss_peak_mb: f64,
    /// Timed answers per command (lines × repeat).
    pub answers: usize,
    pub search_hits_per_query: f64,
    pub status_measures_per_query: f64,
    /// Which renderer produced the timed bytes: "discord" or "json".
    pub renderer: &'static str,
}

/// Runs the benchmark and returns its JSON line.
pub fn run(paths: &Paths, queries: &Path, repeat: usize) -> anyhow::Result<String> {
    let lines = read_queries(queries)?;
    let report = measure(paths, &lines, repeat)?;
    serde_json::to_string(&report).context("cannot write the bench report as JSON")
}

/// The non-blank lines of the queries file, trimmed.
pub fn read_queries(path: &Path) -> anyhow::Result<Vec<String>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read the queries file {}", path.display()))?;
    let lines: Vec<String> = text.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_string).collect();
    if lines.is_empty() {
        anyhow::bail!("the queries file {} has no queries (one per line)", path.display());
    }
    Ok(lines)
}

/// Brings the index up to date, opens one engine over it, answers every query once to
/// warm the caches, then times `repeat` rounds of `/search` and `/status` per query.
pub fn measure(paths: &Paths, queries: &[String], repeat: usize) -> anyhow::Result<Report> {
    if repeat == 0 {
        anyhow::bail!("--repeat must be at least 1");
    }
    if queries.is_empty() {
        anyhow::bail!("no queries to time");
    }
    if let Err(e) = crate::index::ensure_fresh(paths) {
        tracing::warn!("could not bring the index up to date: {e:#}");
    }
    let engine = Engine::open(&paths.index)?;
    let articles = engine.index.article_count()?;
    let passages = engine.index.passage_count()?;

    let commands: Vec<(Command, Command)> = queries
        .iter()
        .map(|q| (Command::Search { query: q.clone() }, Command::Status { entity: q.clone(), as_of: None }))
        .collect();
    for (search, status) in &commands {
        for cmd in [search, status] {
            if let Answer::Error(e) = engine.answer(cmd, Lang::De, None) {
                anyhow::bail!("{} {:?} failed while warming up: {}", cmd.name(), query_of(cmd), e.message);
            }
        }
    }

    let mut search_us = Vec::with_capacity(commands.len() * repeat);
    let mut status_us = Vec::with_capacity(commands.len() * repeat);
    let (mut hits, mut measures, mut bytes) = (0usize, 0usize, 0usize);
    for _ in 0..repeat {
        for (search, status) in &commands {
            let (us, answer, len) = timed(&engine, search);
            search_us.push(us);
            bytes += len;
            if let Answer::Search(s) = &answer {
                hits += s.hits.len();
            }
            let (us, answer, len) = timed(&engine, status);
            status_us.push(us);
            bytes += len;
            if let Answer::Status(s) = &answer {
                measures += s.measures.len();
            }
        }
    }
    // Keeps the rendered lengths observable so the rendering cannot be optimised away.
    tracing::debug!(bytes, "rendered bytes over all timed answers");
    search_us.sort_unstable();
    status_us.sort_unstable();
    let answers = search_us.len();
    let (rss_mb, rss_peak_mb) = memory_mb();
    Ok(Report {
        articles,
        passages,
        search_p50_us: percentile(&search_us, 0.5),
        search_p99_us: percentile(&search_us, 0.99),
        status_p50_us: percentile(&status_us, 0.5),
        status_p99_us: percentile(&status_us, 0.99),
        rss_mb,
        rss_peak_mb,
        answers,
        search_hits_per_query: round2(hits as f64 / answers as f64),
        status_measures_per_query: round2(measures as f64 / answers as f64),
        renderer: RENDERER,
    })
}

fn query_of(cmd: &Command) -> &str {
    match cmd {
        Command::Search { query } => query,
        Command::Status { entity, .. } => entity,
        _ => "",
    }
}

/// One full answer, rendered: (microseconds, the answer, the rendered length).
fn timed(engine: &Engine, cmd: &Command) -> (u64, Answer, usize) {
    let start = Instant::now();
    let answer = engine.answer(cmd, Lang::De, None);
    let rendered = render(&answer);
    let us = u64::try_from(start.elapsed().as_micros()).unwrap_or(u64::MAX);
    (us, answer, rendered.len())
}

#[cfg(feature = "discord")]
const RENDERER: &str = "discord";
#[cfg(not(feature = "discord"))]
const RENDERER: &str = "json";

/// The bytes the bot would send for the answer.
#[cfg(feature = "discord")]
pub fn render(answer: &Answer) -> String {
    crate::discord::render::render(answer, Lang::De, 0).to_json().to_string()
}

/// The bytes the bot would send for the answer.
#[cfg(not(feature = "discord"))]
pub fn render(answer: &Answer) -> String {
    crate::render::json::to_string(answer)
}

/// The value at quantile `q` of ascending `sorted` (the same rank rule as the peers'
/// script: index ⌊q·n⌋, capped at the last); 0 for an empty slice.
pub fn percentile(sorted: &[u64], q: f64) -> u64 {
    if sorted.is_empty() {
        return 0;
    }
    let rank = (q * sorted.len() as f64) as usize;
    sorted[rank.min(sorted.len() - 1)]
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// (VmRSS, VmHWM) of this process in MiB, from /proc/self/status; zeros elsewhere.
pub fn memory_mb() -> (f64, f64) {
    let Ok(status) = std::fs::read_to_string("/proc/self/status") else { return (0.0, 0.0) };
    let mb = |key: &str| (status_kb(&status, key) / 1024.0 * 10.0).round() / 10.0;
    (mb("VmRSS:"), mb("VmHWM:"))
}

/// The kB figure on the line of /proc/self/status that starts with `key`; 0 if absent.
fn status_kb(status: &str, key: &str) -> f64 {
    status
        .lines()
        .find_map(|l| l.strip_prefix(key))
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|n| n.parse::<f64>().ok())
        .unwrap_or(0.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentile_uses_the_floor_rank() {
        let v: Vec<u64> = (1..=100).collect();
        assert_eq!(percentile(&v, 0.5), 51);
        assert_eq!(percentile(&v, 0.99), 100);
        assert_eq!(percentile(&[7], 0.99), 7);
        assert_eq!(percentile(&[], 0.5), 0);
    }

    #[test]
    fn status_lines_are_read_in_kb() {
        let s = "Name:\tx\nVmHWM:\t  20480 kB\nVmRSS:\t   10240 kB\n";
        assert_eq!(status_kb(s, "VmRSS:"), 10240.0);
        assert_eq!(status_kb(s, "VmHWM:"), 20480.0);
        assert_eq!(status_kb(s, "VmSwap:"), 0.0);
    }

    #[test]
    fn blank_query_files_are_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("q.txt");
        std::fs::write(&path, "\n  \n").expect("write");
        let err = read_queries(&path).expect_err("blank file");
        assert!(err.to_string().contains("no queries"), "{err}");
        std::fs::write(&path, " tiktok \n\nwechat\n").expect("write");
        assert_eq!(read_queries(&path).expect("read"), vec!["tiktok", "wechat"]);
    }
}
