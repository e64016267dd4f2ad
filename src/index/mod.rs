//! The Tantivy index: passages (searchable sentences), articles (metadata, content hash,
//! near-duplicates) and measure mentions (per entity, for `/status`).

use std::path::Path;

use crate::model::{ArticleMeta, Citation, MeasureMention};

/// A `/search` result.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchHit {
    pub citation: Citation,
    /// The quote with matched words wrapped in `**`.
    pub highlighted: String,
    pub score: f32,
}

/// An entity the corpus names, for autocomplete and "known but nothing found" answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityInfo {
    pub name: String,
    pub mentions: usize,
}

/// A read-only handle on an index directory.
pub struct Index {
    _private: (),
}

impl Index {
    pub fn open(dir: &Path) -> anyhow::Result<Index> {
        let _ = dir;
        anyhow::bail!("index not built yet")
    }

    pub fn search(&self, query: &str, limit: usize) -> anyhow::Result<Vec<SearchHit>> {
        let _ = (query, limit);
        Ok(Vec::new())
    }

    /// Every stored mention whose entity is `entity` (canonical name, exact).
    pub fn mentions(&self, entity: &str) -> anyhow::Result<Vec<MeasureMention>> {
        let _ = entity;
        Ok(Vec::new())
    }

    pub fn entities(&self) -> anyhow::Result<Vec<EntityInfo>> {
        Ok(Vec::new())
    }

    pub fn articles(&self) -> anyhow::Result<Vec<ArticleMeta>> {
        Ok(Vec::new())
    }
}

/// What `update` or `ingest` did.
#[derive(Debug, Default)]
pub struct UpdateReport {
    pub added: usize,
    pub changed: usize,
    pub removed: usize,
    pub unchanged: usize,
    pub errors: Vec<crate::corpus::LoadError>,
}

impl std::fmt::Display for UpdateReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} added, {} changed, {} removed, {} unchanged",
            self.added, self.changed, self.removed, self.unchanged
        )
    }
}

/// Brings the index in line with the corpus folder, re-indexing only changed files.
pub fn update(paths: &crate::config::Paths, progress: bool) -> anyhow::Result<UpdateReport> {
    let _ = (paths, progress);
    anyhow::bail!("not built yet")
}

/// A cheap check (names, sizes, mtimes) and an `update` when something changed.
pub fn ensure_fresh(paths: &crate::config::Paths) -> anyhow::Result<UpdateReport> {
    update(paths, false)
}

/// Copies article files into the corpus (atomically) and indexes them.
pub fn ingest(paths: &crate::config::Paths, files: &[std::path::PathBuf]) -> anyhow::Result<UpdateReport> {
    let _ = (paths, files);
    anyhow::bail!("not built yet")
}
