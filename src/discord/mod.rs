//! The Discord adapter: the only module that imports serenity.

use crate::config::Paths;

pub fn serve_gateway(paths: &Paths) -> anyhow::Result<()> {
    let _ = paths;
    anyhow::bail!("not built yet")
}

pub fn serve_http(paths: &Paths, listen: &str) -> anyhow::Result<()> {
    let _ = (paths, listen);
    anyhow::bail!("not built yet")
}

pub fn register(guild: Option<u64>) -> anyhow::Result<()> {
    let _ = guild;
    anyhow::bail!("not built yet")
}
