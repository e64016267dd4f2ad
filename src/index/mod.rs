//! The Tantivy index: passages (searchable sentences), articles (metadata, content hash,
//! near-duplicates) and measure mentions (per entity, for `/status`), all in one index
//! directory beside a manifest of the corpus files it reflects.
//!
//! The index is derived from the corpus folder and nothing else: `update` brings it in
//! line (only changed files are re-indexed), `ingest` copies files into the corpus first.
//! Readers (`Index`) never lock; writers take an exclusive lock file in the index folder.

mod analyzer;
mod dedup;
mod ingest;
mod lock;
mod manifest;
mod schema;
mod search;
mod typo;
mod update;

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::{Arc, Mutex};

use anyhow::Context;
use chrono::NaiveDate;
use tantivy::collector::{Count, DocSetCollector};
use tantivy::query::TermQuery;
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{DocAddress, DocSet, IndexReader, ReloadPolicy, Searcher, TantivyDocument, Term, TERMINATED};

pub use analyzer::{analyze, analyzer, analyzer_name, fold, words, DE_ANALYZER, EN_ANALYZER};
pub use ingest::ingest;
pub use update::{ensure_fresh, update};

use crate::model::{ArticleMeta, Citation, Lang, MeasureMention};
use dedup::PrimaryOrder;
use schema::{Fields, KIND_ARTICLE, KIND_DUP, KIND_MENTION, KIND_PASSAGE};

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
    /// How many articles name the entity.
    pub mentions: usize,
    /// How many measure mentions (sentences reporting a measure) target it.
    pub measure_mentions: usize,
}

/// What the reader caches per index generation (recomputed after a reload that sees a
/// new commit).
#[derive(Default)]
struct Cache {
    generation: Option<u64>,
    articles: Option<Arc<Vec<ArticleMeta>>>,
    duplicates: Option<Arc<HashMap<String, String>>>,
    entities: Option<Arc<Vec<EntityInfo>>>,
    known: Option<Arc<crate::extract::entities::KnownNames>>,
}

/// A read-only handle on an index directory: one `IndexReader` for the life of the
/// handle, a fresh `Searcher` per request.
pub struct Index {
    index: tantivy::Index,
    reader: IndexReader,
    fields: Fields,
    cache: Mutex<Cache>,
}

/// Opens the Tantivy index in `dir` with our analyzers registered and checks its schema.
fn open_tantivy(dir: &Path) -> anyhow::Result<(tantivy::Index, Fields)> {
    let index =
        tantivy::Index::open_in_dir(dir).with_context(|| format!("cannot open the index in {}", dir.display()))?;
    analyzer::register(index.tokenizers());
    let fields = Fields::from_schema(&index.schema())?;
    Ok((index, fields))
}

/// True if and only if `dir` holds a Tantivy index.
fn index_exists(dir: &Path) -> bool {
    dir.join("meta.json").is_file()
}

fn stored_str(doc: &TantivyDocument, field: tantivy::schema::Field) -> Option<String> {
    doc.get_first(field).and_then(|v| v.as_str()).map(str::to_string)
}

fn stored_u64(doc: &TantivyDocument, field: tantivy::schema::Field) -> Option<u64> {
    doc.get_first(field).and_then(|v| v.as_u64())
}

fn stored_date(doc: &TantivyDocument, field: tantivy::schema::Field) -> Option<NaiveDate> {
    stored_str(doc, field).and_then(|s| NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok())
}

impl Index {
    /// Opens the index in `dir`. Fails with a clear message when there is none.
    pub fn open(dir: &Path) -> anyhow::Result<Index> {
        if !index_exists(dir) {
            anyhow::bail!("no index in {}; build it with `tradewatch index`", dir.display());
        }
        let (index, fields) = open_tantivy(dir)?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::OnCommitWithDelay)
            .try_into()
            .context("cannot open an index reader")?;
        Ok(Index { index, reader, fields, cache: Mutex::new(Cache::default()) })
    }

    /// Makes the next searches see the latest commit now (they also see it on their own
    /// shortly after a commit).
    pub fn reload(&self) -> anyhow::Result<()> {
        self.reader.reload().context("cannot reload the index")
    }

    fn searcher(&self) -> Searcher {
        self.reader.searcher()
    }

    /// The cache for the searcher's generation, reset when the generation changed.
    fn cache_for(&self, searcher: &Searcher) -> std::sync::MutexGuard<'_, Cache> {
        let mut cache = self.cache.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let generation = searcher.generation().generation_id();
        if cache.generation != Some(generation) {
            *cache = Cache { generation: Some(generation), ..Cache::default() };
        }
        cache
    }

    fn kind_query(&self, kind: &str) -> TermQuery {
        TermQuery::new(Term::from_field_text(self.fields.kind, kind), IndexRecordOption::Basic)
    }

    fn docs_of_kind(&self, searcher: &Searcher, kind: &str) -> anyhow::Result<Vec<TantivyDocument>> {
        let mut addrs: Vec<DocAddress> =
            searcher.search(&self.kind_query(kind), &DocSetCollector)?.into_iter().collect();
        addrs.sort();
        let mut out = Vec::with_capacity(addrs.len());
        for a in addrs {
            out.push(searcher.doc::<TantivyDocument>(a)?);
        }
        Ok(out)
    }

    /// The best passages for free text, best first. Query text is never parsed as query
    /// syntax: it is split into words, analyzed like the articles, and searched as a
    /// union of terms (with typo tolerance for rare words).
    pub fn search(&self, query: &str, limit: usize) -> anyhow::Result<Vec<SearchHit>> {
        let searcher = self.searcher();
        let mut hits = search::search(&searcher, &self.fields, query, limit)?;
        if hits.len() > 1 {
            // Only links between the hit articles matter: they are found in the postings
            // of `file` and `dup_of`, without reading any stored document.
            let mut present: Vec<&str> = Vec::new();
            for h in &hits {
                if !present.contains(&h.citation.article.as_str()) {
                    present.push(&h.citation.article);
                }
            }
            let primaries = self.links_among(&searcher, &present)?;
            search::demote_duplicates(&mut hits, &primaries);
        }
        hits.truncate(limit);
        Ok(hits)
    }

    /// Every stored mention whose entity is `entity` (canonical name, exact; falls back
    /// to a case-insensitive match), in article and sentence order.
    pub fn mentions(&self, entity: &str) -> anyhow::Result<Vec<MeasureMention>> {
        let searcher = self.searcher();
        let exact = TermQuery::new(Term::from_field_text(self.fields.entity, entity), IndexRecordOption::Basic);
        let mut addrs = searcher.search(&exact, &DocSetCollector)?;
        if addrs.is_empty() {
            let key = entity.trim().to_lowercase();
            let q = TermQuery::new(Term::from_field_text(self.fields.entity_key, &key), IndexRecordOption::Basic);
            addrs = searcher.search(&q, &DocSetCollector)?;
        }
        // The collector's set has no order: reading in address order makes equal sort keys
        // (several mentions of one sentence) come out the same on every run, and lets
        // neighbouring documents share one decompressed store block.
        let mut addrs: Vec<DocAddress> = addrs.into_iter().collect();
        addrs.sort();
        let mut out = Vec::with_capacity(addrs.len());
        for a in addrs {
            let doc = searcher.doc::<TantivyDocument>(a)?;
            let Some(json) = stored_str(&doc, self.fields.payload) else { continue };
            match serde_json::from_str::<MeasureMention>(&json) {
                Ok(m) => out.push(m),
                Err(e) => tracing::warn!("skipping an unreadable mention in the index: {e}"),
            }
        }
        out.sort_by(|a, b| {
            (&a.citation.article, a.block, a.sentence, a.citation.range.start).cmp(&(
                &b.citation.article,
                b.block,
                b.sentence,
                b.citation.range.start,
            ))
        });
        Ok(out)
    }

    /// Every entity the articles name, with counts, most named first (for autocomplete).
    pub fn entities(&self) -> anyhow::Result<Vec<EntityInfo>> {
        let searcher = self.searcher();
        if let Some(e) = self.cache_for(&searcher).entities.clone() {
            return Ok(e.as_ref().clone());
        }
        let mut counts: BTreeMap<String, (usize, usize)> = BTreeMap::new();
        for (field, slot) in [(self.fields.named, 0), (self.fields.entity, 1)] {
            for segment in searcher.segment_readers() {
                let inverted = segment.inverted_index(field)?;
                let mut terms = inverted.terms().stream()?;
                while terms.advance() {
                    let Ok(name) = std::str::from_utf8(terms.key()) else { continue };
                    let term = Term::from_field_text(field, name);
                    let Some(mut postings) = inverted.read_postings(&term, IndexRecordOption::Basic)? else {
                        continue;
                    };
                    let mut live = 0;
                    let mut doc = postings.doc();
                    while doc != TERMINATED {
                        if !segment.is_deleted(doc) {
                            live += 1;
                        }
                        doc = postings.advance();
                    }
                    if live > 0 {
                        let entry = counts.entry(name.to_string()).or_default();
                        if slot == 0 {
                            entry.0 += live;
                        } else {
                            entry.1 += live;
                        }
                    }
                }
            }
        }
        let mut out: Vec<EntityInfo> = counts
            .into_iter()
            .map(|(name, (mentions, measure_mentions))| EntityInfo { name, mentions, measure_mentions })
            .collect();
        out.sort_by(|a, b| b.mentions.cmp(&a.mentions).then_with(|| a.name.cmp(&b.name)));
        self.cache_for(&searcher).entities = Some(Arc::new(out.clone()));
        Ok(out)
    }

    /// The entity names folded for `/status` lookups, built once per index generation.
    pub fn known_names(&self) -> anyhow::Result<Arc<crate::extract::entities::KnownNames>> {
        let searcher = self.searcher();
        if let Some(k) = self.cache_for(&searcher).known.clone() {
            return Ok(k);
        }
        let names = self.entities()?.into_iter().map(|e| e.name);
        let known = Arc::new(crate::extract::entities::KnownNames::new(names));
        self.cache_for(&searcher).known = Some(known.clone());
        Ok(known)
    }

    /// The metadata of every article, newest first (undated last, then by file name).
    pub fn articles(&self) -> anyhow::Result<Vec<ArticleMeta>> {
        let searcher = self.searcher();
        Ok(self.articles_with(&searcher)?.as_ref().clone())
    }

    fn articles_with(&self, searcher: &Searcher) -> anyhow::Result<Arc<Vec<ArticleMeta>>> {
        if let Some(a) = self.cache_for(searcher).articles.clone() {
            return Ok(a);
        }
        let f = &self.fields;
        let mut out: Vec<ArticleMeta> = self
            .docs_of_kind(searcher, KIND_ARTICLE)?
            .iter()
            .filter_map(|doc| {
                Some(ArticleMeta {
                    file: stored_str(doc, f.file)?,
                    title: stored_str(doc, f.title),
                    source: stored_str(doc, f.source),
                    url: stored_str(doc, f.url),
                    published: stored_date(doc, f.published),
                    published_estimated: doc
                        .get_first(f.published_estimated)
                        .and_then(|v| v.as_bool())
                        .unwrap_or(false),
                    language: stored_str(doc, f.language).and_then(|l| Lang::parse(&l)).unwrap_or_default(),
                })
            })
            .collect();
        out.sort_by(|a, b| {
            (b.published.is_some(), b.published)
                .cmp(&(a.published.is_some(), a.published))
                .then_with(|| a.file.cmp(&b.file))
        });
        let out = Arc::new(out);
        self.cache_for(searcher).articles = Some(out.clone());
        Ok(out)
    }

    /// Near-duplicate articles: file → the primary article it repeats (the earliest
    /// published of its near-duplicates; a stated date before an estimated one).
    pub fn near_duplicates(&self) -> anyhow::Result<HashMap<String, String>> {
        let searcher = self.searcher();
        Ok(self.duplicates_with(&searcher)?.as_ref().clone())
    }

    /// The primary article `file` is a near-duplicate of, if any.
    pub fn near_duplicate_of(&self, file: &str) -> anyhow::Result<Option<String>> {
        let searcher = self.searcher();
        Ok(self.duplicates_with(&searcher)?.get(file).cloned())
    }

    /// The near-duplicate links between the articles of `present`: for each article,
    /// those among the others it was found to repeat. One query over the indexed
    /// `file` and `dup_of` fields; only the few link documents it finds are read.
    fn links_among(&self, searcher: &Searcher, present: &[&str]) -> anyhow::Result<HashMap<String, Vec<String>>> {
        use tantivy::query::{BooleanQuery, Occur, Query};
        let any_of = |field: tantivy::schema::Field| -> Box<dyn Query> {
            let terms: Vec<(Occur, Box<dyn Query>)> = present
                .iter()
                .map(|f| {
                    let q = TermQuery::new(Term::from_field_text(field, f), IndexRecordOption::Basic);
                    (Occur::Should, Box::new(q) as Box<dyn Query>)
                })
                .collect();
            Box::new(BooleanQuery::new(terms))
        };
        // Only link documents carry `dup_of`: no need to intersect with their kind, whose
        // postings (every link of the corpus) were most of this lookup's cost.
        let q = BooleanQuery::intersection(vec![any_of(self.fields.file), any_of(self.fields.dup_of)]);
        let mut out: HashMap<String, Vec<String>> = HashMap::new();
        for addr in searcher.search(&q, &DocSetCollector)? {
            let doc = searcher.doc::<TantivyDocument>(addr)?;
            let (Some(file), Some(primary)) =
                (stored_str(&doc, self.fields.file), stored_str(&doc, self.fields.dup_of))
            else {
                continue;
            };
            if file != primary && present.contains(&primary.as_str()) {
                let links = out.entry(file).or_default();
                if !links.contains(&primary) {
                    links.push(primary);
                }
            }
        }
        Ok(out)
    }

    fn duplicates_with(&self, searcher: &Searcher) -> anyhow::Result<Arc<HashMap<String, String>>> {
        if let Some(d) = self.cache_for(searcher).duplicates.clone() {
            return Ok(d);
        }
        let articles = self.articles_with(searcher)?;
        let order: HashMap<&str, PrimaryOrder> = articles
            .iter()
            .map(|a| {
                let o = PrimaryOrder { published: a.published, estimated: a.published_estimated, file: a.file.clone() };
                (a.file.as_str(), o)
            })
            .collect();
        let mut best: HashMap<String, String> = HashMap::new();
        for doc in self.docs_of_kind(searcher, KIND_DUP)? {
            let (Some(file), Some(primary)) =
                (stored_str(&doc, self.fields.file), stored_str(&doc, self.fields.dup_of))
            else {
                continue;
            };
            let Some(candidate) = order.get(primary.as_str()) else { continue };
            let better = match best.get(&file).and_then(|b| order.get(b.as_str())) {
                Some(current) => candidate.precedes(current),
                None => true,
            };
            if better {
                best.insert(file, primary);
            }
        }
        let best = Arc::new(best);
        self.cache_for(searcher).duplicates = Some(best.clone());
        Ok(best)
    }

    pub fn article_count(&self) -> anyhow::Result<usize> {
        Ok(self.searcher().search(&self.kind_query(KIND_ARTICLE), &Count)?)
    }

    pub fn passage_count(&self) -> anyhow::Result<usize> {
        Ok(self.searcher().search(&self.kind_query(KIND_PASSAGE), &Count)?)
    }

    pub fn mention_count(&self) -> anyhow::Result<usize> {
        Ok(self.searcher().search(&self.kind_query(KIND_MENTION), &Count)?)
    }

    /// The underlying Tantivy index (for tools and benchmarks).
    pub fn tantivy(&self) -> &tantivy::Index {
        &self.index
    }
}

/// What `update` or `ingest` did.
#[derive(Debug, Default)]
pub struct UpdateReport {
    pub added: usize,
    pub changed: usize,
    pub removed: usize,
    pub unchanged: usize,
    /// Files `ingest` copied into the corpus, and files it skipped because the corpus
    /// already held the same content.
    pub copied: usize,
    pub already_present: usize,
    /// Near-duplicate links recorded in this run.
    pub near_duplicates: usize,
    /// True when another writer held the lock and a read-only caller went on without
    /// updating.
    pub skipped_busy: bool,
    pub errors: Vec<crate::corpus::LoadError>,
}

impl UpdateReport {
    /// True if and only if the run changed nothing in the index.
    pub fn nothing_changed(&self) -> bool {
        self.added == 0 && self.changed == 0 && self.removed == 0
    }
}

impl std::fmt::Display for UpdateReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.copied > 0 || self.already_present > 0 {
            write!(f, "{} file(s) copied into the corpus, {} already there; ", self.copied, self.already_present)?;
        }
        if self.skipped_busy {
            write!(f, "index not checked: another tradewatch index/ingest is running")?;
        } else if self.nothing_changed() {
            write!(f, "nothing changed: the index is up to date ({} articles)", self.unchanged)?;
        } else {
            write!(
                f,
                "{} added, {} changed, {} removed, {} unchanged",
                self.added, self.changed, self.removed, self.unchanged
            )?;
            if self.near_duplicates > 0 {
                write!(f, "; {} near-duplicate link(s)", self.near_duplicates)?;
            }
        }
        if !self.errors.is_empty() {
            write!(f, "; {} file(s) could not be read", self.errors.len())?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;
