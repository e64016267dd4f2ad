//! `tradewatch bench`: latency of full rendered answers over the current index.

pub fn run(paths: &crate::config::Paths, queries: &std::path::Path, repeat: usize) -> anyhow::Result<String> {
    let _ = (paths, queries, repeat);
    anyhow::bail!("not built yet")
}
