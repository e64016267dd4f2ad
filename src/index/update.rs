//! Bringing the index in line with the corpus folder.
//!
//! 1. Stat every article file the index holds; one whose size and time match the
//!    manifest and whose recorded hash is the one the index holds is unchanged without
//!    being read. Files the index does not hold go straight to step 3 (and are stamped
//!    there, from the opened file).
//! 2. Read and hash the others the index holds (in parallel): same hash as indexed →
//!    unchanged.
//! 3. Parse, segment and extract the new and changed files (in parallel, in chunks to
//!    bound memory; the next chunk is prepared while this one is fed to the writer),
//!    and replace their documents: delete by `file` (and the near-duplicate links
//!    pointing at them), then add. A file that fails to load is reported and keeps
//!    whatever the index held for it. Files gone from the folder lose their documents.
//! 4. One commit, then the manifest. Nothing changed → no writer is opened at all.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::time::Duration;

use anyhow::Context;
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use smallvec::SmallVec;
use tantivy::collector::DocSetCollector;
use tantivy::columnar::StrColumn;
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, DocId, IndexWriter, ReloadPolicy, Searcher, TantivyDocument, Term};

use super::dedup::{self, PrimaryOrder, ShingleIndex, MAX_POSTINGS};
use super::lock::{LockError, WriterLock, DEFAULT_WAIT};
use super::manifest::{Entry, Manifest, Stamp, BROKEN};
use super::schema::{
    Fields, ARTICLE_FILE_FIELD, HASH_FIELD, KIND_ARTICLE, KIND_DUP, KIND_MENTION, KIND_PASSAGE, PUBLISHED_DAY_FIELD,
    PUBLISHED_ESTIMATED_FIELD, SHINGLE_COUNT_FIELD, SHINGLE_FIELD,
};
use super::{index_exists, open_tantivy, UpdateReport};
use crate::config::Paths;
use crate::corpus::{Article, LoadError, Passage};

/// Total memory budget of Tantivy's writer (shared by its threads).
const WRITER_MEMORY: usize = 128 * 1024 * 1024;
/// One writer thread: each writer thread fills a segment of its own, and every search
/// looks its words up (and walks the term dictionary for typos) once per segment. With
/// one thread a 10,000-article corpus is one segment and `/search` is 12–15 % faster;
/// indexing is no slower, since extraction keeps both cores busy meanwhile.
const WRITER_THREADS: usize = 1;
/// Files parsed and indexed per step (bounds the articles held in memory at once).
const CHUNK: usize = 512;
/// Runs with more files than this to parse show a progress bar (on a terminal).
const PROGRESS_MIN_FILES: usize = 200;

/// How the corpus folder is listed and its files parsed. The real loader in production;
/// tests may substitute a fixture loader.
#[derive(Clone, Copy)]
pub(crate) struct Loader {
    pub list: fn(&Path) -> std::io::Result<Vec<String>>,
    pub parse: fn(&str, &[u8]) -> Result<Article, LoadError>,
}

impl Loader {
    pub(crate) const CORPUS: Loader =
        Loader { list: crate::corpus::article_files, parse: crate::corpus::parse_article };
}

/// The hash the index records for a file: its content hash tied to the extraction
/// rules of this build, so that new rules re-index every file once.
pub(crate) fn keyed_hash(content_hash: &str) -> String {
    format!("{content_hash}+{}", crate::extract::RULES_FINGERPRINT)
}

/// Brings the index in line with the corpus folder, re-indexing only changed files.
/// Waits a few seconds for another writer, then stops with a clear message.
pub fn update(paths: &Paths, progress: bool) -> anyhow::Result<UpdateReport> {
    let _lock = WriterLock::acquire(&paths.index, DEFAULT_WAIT)?;
    update_locked(paths, progress, Loader::CORPUS)
}

/// A cheap check (names, sizes, times against the manifest) and an `update` only when
/// something differs. When another writer is at work, answers from the last commit
/// instead of waiting (the report says so).
pub fn ensure_fresh(paths: &Paths) -> anyhow::Result<UpdateReport> {
    ensure_fresh_with(paths, Loader::CORPUS)
}

pub(crate) fn ensure_fresh_with(paths: &Paths, loader: Loader) -> anyhow::Result<UpdateReport> {
    let exists = index_exists(&paths.index);
    if exists {
        if let Some(unchanged) = Manifest::quick_check(&paths.index, &paths.corpus) {
            return Ok(UpdateReport { unchanged, ..UpdateReport::default() });
        }
    }
    let wait = if exists { Duration::ZERO } else { DEFAULT_WAIT };
    match WriterLock::acquire(&paths.index, wait) {
        Ok(_lock) => update_locked(paths, false, loader),
        Err(LockError::Busy(_)) if exists => Ok(UpdateReport { skipped_busy: true, ..UpdateReport::default() }),
        Err(e) => Err(e.into()),
    }
}

fn list_corpus(paths: &Paths, loader: Loader) -> anyhow::Result<Vec<String>> {
    if !paths.corpus.is_dir() {
        anyhow::bail!("the corpus folder {} does not exist", paths.corpus.display());
    }
    (loader.list)(&paths.corpus).with_context(|| format!("cannot list the corpus folder {}", paths.corpus.display()))
}

/// What the index holds for one article.
struct Indexed {
    /// Where its article document is.
    addr: DocAddress,
    hash: String,
    order: PrimaryOrder,
    shingles: usize,
}

/// What the index holds for every article, read from the article documents' fast fields
/// (the columns of `schema::ARTICLE_FILE_FIELD` and its neighbours), segment by segment.
fn indexed_articles(searcher: &Searcher, fields: &Fields) -> anyhow::Result<HashMap<String, Indexed>> {
    let q = TermQuery::new(Term::from_field_text(fields.kind, KIND_ARTICLE), IndexRecordOption::Basic);
    let mut by_segment: Vec<Vec<DocId>> = vec![Vec::new(); searcher.segment_readers().len()];
    for addr in searcher.search(&q, &DocSetCollector)? {
        if let Some(docs) = by_segment.get_mut(addr.segment_ord as usize) {
            docs.push(addr.doc_id);
        }
    }
    let mut out = HashMap::new();
    for (segment_ord, docs) in by_segment.iter_mut().enumerate() {
        if docs.is_empty() {
            continue;
        }
        docs.sort_unstable();
        let columns = searcher.segment_reader(segment_ord as u32).fast_fields();
        let string_column = |name: &str| -> anyhow::Result<StrColumn> {
            columns.str(name)?.ok_or_else(|| damaged(&format!("no `{name}` column")))
        };
        let days = columns.i64(PUBLISHED_DAY_FIELD)?;
        let estimated = columns.bool(PUBLISHED_ESTIMATED_FIELD)?;
        let counts = columns.u64(SHINGLE_COUNT_FIELD)?;
        let files = strings_of(&string_column(ARTICLE_FILE_FIELD)?, docs)
            .with_context(|| format!("cannot read the `{ARTICLE_FILE_FIELD}` column"))?;
        let hashes = strings_of(&string_column(HASH_FIELD)?, docs)
            .with_context(|| format!("cannot read the `{HASH_FIELD}` column"))?;
        for ((&doc_id, file), hash) in docs.iter().zip(files).zip(hashes) {
            let order = PrimaryOrder {
                published: days
                    .first(doc_id)
                    .and_then(|d| i32::try_from(d).ok())
                    .and_then(chrono::NaiveDate::from_num_days_from_ce_opt),
                estimated: estimated.first(doc_id).unwrap_or(false),
                file: file.clone(),
            };
            let shingles = counts.first(doc_id).unwrap_or(0) as usize;
            let addr = DocAddress::new(segment_ord as u32, doc_id);
            out.insert(file, Indexed { addr, hash, order, shingles });
        }
    }
    Ok(out)
}

/// The value of a string column for each of `docs`, in their order. The ordinals are
/// turned into strings in one pass over the column's dictionary, in ordinal order. Every
/// article document has a file and a hash: a document without one, or an ordinal the
/// dictionary lacks, means a damaged index, and the update stops rather than take the
/// article for a new one (which would leave its old documents beside the new).
fn strings_of(column: &StrColumn, docs: &[DocId]) -> anyhow::Result<Vec<String>> {
    let mut wanted: Vec<(u64, usize)> = Vec::with_capacity(docs.len());
    for (i, &doc) in docs.iter().enumerate() {
        let ord = column.term_ords(doc).next().ok_or_else(|| damaged("an article document without a value"))?;
        wanted.push((ord, i));
    }
    wanted.sort_unstable();
    let ords: Vec<u64> = wanted.iter().map(|(ord, _)| *ord).collect();
    let mut out: Vec<String> = vec![String::new(); docs.len()];
    let mut slots = wanted.iter().map(|(_, i)| *i);
    let mut unreadable = false;
    let complete = column.dictionary().sorted_ords_to_term_cb(&ords, |bytes| {
        match (slots.next().and_then(|i| out.get_mut(i)), std::str::from_utf8(bytes)) {
            (Some(slot), Ok(text)) => *slot = text.to_string(),
            _ => unreadable = true,
        }
    })?;
    if !complete || unreadable {
        return Err(damaged("the column's dictionary lacks values its documents name"));
    }
    Ok(out)
}

/// The error of an index whose article columns lack what every article document has.
fn damaged(what: &str) -> anyhow::Error {
    anyhow::anyhow!("the index is damaged ({what}); remove the index folder and run `tradewatch index` to rebuild it")
}

/// Opens the index in `dir`, creating it when absent and rebuilding it from scratch when
/// it was made with another schema.
fn open_or_create(dir: &Path) -> anyhow::Result<(tantivy::Index, Fields)> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create the index folder {}", dir.display()))?;
    if index_exists(dir) {
        match open_tantivy(dir) {
            Ok(opened) => return Ok(opened),
            Err(e) => {
                tracing::warn!("rebuilding the index from scratch: {e:#}");
                clear_index_dir(dir)?;
            }
        }
    }
    let fields = Fields::new();
    let index = tantivy::Index::create_in_dir(dir, fields.schema.clone())
        .with_context(|| format!("cannot create an index in {}", dir.display()))?;
    super::analyzer::register(index.tokenizers());
    Ok((index, fields))
}

/// Removes Tantivy's files and the manifest from the index folder, leaving anything else
/// (the lock file, a README) in place.
fn clear_index_dir(dir: &Path) -> anyhow::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().to_string();
        if is_index_file(&name) && entry.path().is_file() {
            std::fs::remove_file(entry.path())?;
        }
    }
    Ok(())
}

/// True if and only if `name` is a file Tantivy or the manifest writes: `meta.json`,
/// `.managed.json`, the manifest, or a segment file (`<32 hex digits>.<ext>`).
fn is_index_file(name: &str) -> bool {
    let segment = name.len() > 33 && name.as_bytes()[32] == b'.' && name[..32].bytes().all(|b| b.is_ascii_hexdigit());
    segment || matches!(name, "meta.json" | ".managed.json") || name == super::manifest::MANIFEST_FILE
}

/// A file's fate, by name: its documents ready, its keyed hash and its stamp, or why it
/// failed.
type Outcome = (String, Result<(Prepared, String, Stamp), LoadError>);

/// A file's bytes and its stamp: `known`, or else asked of the opened file (so the stamp
/// is of the file that was read, taken before it was). The stamp's size sizes the buffer;
/// a size no buffer can hold is an error, not an abort.
fn read_stamped(path: &Path, known: Option<Stamp>) -> std::io::Result<(Vec<u8>, Stamp)> {
    use std::io::Read;
    let mut file = std::fs::File::open(path)?;
    let stamp = match known {
        Some(stamp) => stamp,
        None => Stamp::of_metadata(&file.metadata()?),
    };
    let mut bytes = Vec::new();
    // One byte more, so that the read that finds the end needs no room of its own.
    let room = usize::try_from(stamp.size).ok().and_then(|n| n.checked_add(1)).unwrap_or(usize::MAX);
    bytes.try_reserve_exact(room).map_err(|_| std::io::Error::from(std::io::ErrorKind::OutOfMemory))?;
    file.read_to_end(&mut bytes)?;
    Ok((bytes, stamp))
}

/// An article ready to be written.
struct Prepared {
    file: String,
    docs: Vec<TantivyDocument>,
    shingles: Vec<u64>,
    order: PrimaryOrder,
}

fn date_text(d: Option<chrono::NaiveDate>) -> Option<String> {
    d.map(|d| d.format("%Y-%m-%d").to_string())
}

/// The bytes a Tantivy document's values take for these texts and this many numbers:
/// each text with its length (at most five bytes), each number in eight. Tantivy's
/// default document reserves a kilobyte for them, of which a passage fills about a
/// third, and some ten thousand documents wait in the writer's queue at a time; a
/// document made with this room holds about what it needs (index peak memory at 10k
/// 242–258 MB instead of 262–269 MB, BENCHMARKS.md).
fn room<'t>(texts: impl IntoIterator<Item = &'t str>, numbers: usize) -> usize {
    texts.into_iter().map(|t| t.len() + 5).sum::<usize>() + 8 * numbers
}

/// The documents of one article: its metadata, its passages and its measure mentions.
fn article_docs(fields: &Fields, article: &Article, passages: &[Passage], shingles: &[u64]) -> Vec<TantivyDocument> {
    let meta = &article.meta;
    let extracted = crate::extract::extract_passages(article, passages);
    let published = date_text(meta.published);
    let lang = meta.language;
    let text_field = match lang {
        crate::model::Lang::De => fields.de_text,
        crate::model::Lang::En => fields.en_text,
    };
    let mut docs = Vec::with_capacity(1 + passages.len() + extracted.mentions.len());

    // Tantivy's default kilobyte for the metadata and names, and room for the signature,
    // eight bytes a hash.
    let mut doc = TantivyDocument::with_capacity(1024 + 8 * shingles.len());
    doc.add_text(fields.kind, KIND_ARTICLE);
    doc.add_text(fields.file, &meta.file);
    doc.add_text(fields.article_file, &meta.file);
    doc.add_text(fields.hash, keyed_hash(&article.hash));
    for (field, value) in [(fields.title, &meta.title), (fields.source, &meta.source), (fields.url, &meta.url)] {
        if let Some(v) = value {
            doc.add_text(field, v);
        }
    }
    if let Some(p) = &published {
        doc.add_text(fields.published, p);
    }
    if let Some(day) = meta.published {
        doc.add_i64(fields.published_day, i64::from(chrono::Datelike::num_days_from_ce(&day)));
    }
    doc.add_bool(fields.published_estimated, meta.published_estimated);
    doc.add_text(fields.language, lang.code());
    let mut named: Vec<&String> = extracted.entities.iter().collect();
    named.sort();
    named.dedup();
    for e in named {
        doc.add_text(fields.named, e);
    }
    if !shingles.is_empty() {
        doc.add_bytes(fields.shingle, &dedup::packed(shingles));
    }
    doc.add_u64(fields.shingle_count, shingles.len() as u64);
    docs.push(doc);

    for (i, p) in passages.iter().enumerate() {
        let Some(quote) = article.text.get(p.range.clone()) else { continue };
        if quote.trim().is_empty() {
            continue;
        }
        let copied = [&published, &meta.source, &meta.url].into_iter().filter_map(|o| o.as_deref());
        let mut doc =
            TantivyDocument::with_capacity(room([KIND_PASSAGE, &meta.file, quote].into_iter().chain(copied), 4));
        doc.add_text(fields.kind, KIND_PASSAGE);
        doc.add_text(fields.file, &meta.file);
        doc.add_u64(fields.start, p.range.start as u64);
        doc.add_u64(fields.end, p.range.end as u64);
        doc.add_text(text_field, quote);
        doc.add_u64(fields.block, p.block as u64);
        doc.add_u64(fields.sentence, i as u64);
        if let Some(p) = &published {
            doc.add_text(fields.published, p);
        }
        if let Some(s) = &meta.source {
            doc.add_text(fields.source, s);
        }
        if let Some(u) = &meta.url {
            doc.add_text(fields.url, u);
        }
        docs.push(doc);
    }

    for m in &extracted.mentions {
        let Ok(json) = serde_json::to_string(m) else { continue };
        let key = m.entity.to_lowercase();
        let mut doc = TantivyDocument::with_capacity(room([KIND_MENTION, &meta.file, &m.entity, &key, &json], 0));
        doc.add_text(fields.kind, KIND_MENTION);
        doc.add_text(fields.file, &meta.file);
        doc.add_text(fields.entity, &m.entity);
        doc.add_text(fields.entity_key, key);
        doc.add_text(fields.payload, &json);
        docs.push(doc);
    }
    docs
}

/// Near-duplicate candidates among the articles already indexed (before this run),
/// skipping files this run replaces or drops.
///
/// The signatures sit in a fast field, not in the inverted index: a corpus has about as
/// many distinct sampled shingles as words, and putting each in the term dictionary cost
/// more than a tenth of a from-scratch run. The field holds each article's signature as
/// one byte string, not one column value per hash: the writer records one value per
/// article instead of a hundred, and finishing the segment no longer sorts and packs a
/// column of every hash, which Tantivy does on one thread at the end of a run (a 10k
/// run 2-3 % faster, BENCHMARKS.md). The byte strings are the column's dictionary, read
/// in one pass in their (ordinal) order, so the candidates of a whole chunk of new
/// articles are gathered in one pass over the indexed articles
/// ([`IndexedShingles::holders`]). Which documents those are, and their files, is what
/// [`indexed_articles`] already read.
struct IndexedShingles<'a> {
    skip: &'a HashSet<String>,
    segments: Vec<SegmentSignatures<'a>>,
}

/// One segment's signature column and the ordinals of its live articles' signatures,
/// sorted, each with its article's file (articles of the same signature share one).
struct SegmentSignatures<'a> {
    column: tantivy::columnar::BytesColumn,
    ords: Vec<u64>,
    files: Vec<&'a str>,
}

/// The indexed files holding each wanted shingle, in the order of their signatures, at
/// most [`MAX_POSTINGS`] + 1 of them (one more tells a stock phrase).
type Holders<'a> = FxHashMap<u64, SmallVec<[&'a str; 2]>>;

impl<'a> IndexedShingles<'a> {
    fn new(
        searcher: &Searcher,
        indexed: &'a HashMap<String, Indexed>,
        skip: &'a HashSet<String>,
    ) -> anyhow::Result<Self> {
        // Per segment, its column (none where no document has a signature) and its articles.
        let columns = searcher
            .segment_readers()
            .iter()
            .map(|segment| segment.fast_fields().bytes(SHINGLE_FIELD))
            .collect::<tantivy::Result<Vec<_>>>()?;
        let mut articles: Vec<Vec<(u64, &'a str)>> = vec![Vec::new(); columns.len()];
        for (file, ix) in indexed {
            let segment = ix.addr.segment_ord as usize;
            let (Some(Some(column)), Some(articles)) = (columns.get(segment), articles.get_mut(segment)) else {
                continue;
            };
            // An article without a signature has no value.
            if let Some(ord) = column.term_ords(ix.addr.doc_id).next() {
                articles.push((ord, file.as_str()));
            }
        }
        let segments = columns
            .into_iter()
            .zip(articles)
            .filter_map(|(column, mut articles)| {
                articles.sort_unstable();
                let (ords, files) = articles.into_iter().unzip();
                column.map(|column| SegmentSignatures { column, ords, files })
            })
            .collect();
        Ok(IndexedShingles { skip, segments })
    }

    /// One scan of the indexed signatures for all shingles of a chunk of new articles.
    /// Nothing is collected when the index holds no article (a run from scratch).
    fn holders<'s>(&self, wanted: impl Iterator<Item = &'s u64>) -> anyhow::Result<Holders<'a>> {
        if self.segments.iter().all(|segment| segment.ords.is_empty()) {
            return Ok(Holders::default());
        }
        let mut holders: Holders = wanted.map(|s| (*s, SmallVec::new())).collect();
        for segment in &self.segments {
            // Called once per ordinal in `ords`, repeated ones included, in their order.
            let mut files = segment.files.iter();
            let complete = segment.column.dictionary().sorted_ords_to_term_cb(&segment.ords, |signature| {
                let Some(&file) = files.next() else { return };
                for s in dedup::unpacked(signature) {
                    if let Some(list) = holders.get_mut(&s) {
                        if list.len() <= MAX_POSTINGS {
                            list.push(file);
                        }
                    }
                }
            })?;
            if !complete {
                return Err(damaged("a signature's ordinal is missing from the `shingle` column"));
            }
        }
        Ok(holders)
    }

    /// Shared shingles by indexed file, stock phrases left out.
    fn overlaps(&self, holders: &Holders<'a>, shingles: &[u64]) -> HashMap<&'a str, usize> {
        let mut counts: HashMap<&'a str, usize> = HashMap::new();
        for s in shingles {
            let Some(files) = holders.get(s).filter(|files| files.len() <= MAX_POSTINGS) else { continue };
            for &file in files.iter().filter(|&&file| !self.skip.contains(file)) {
                *counts.entry(file).or_default() += 1;
            }
        }
        counts
    }
}

fn dup_doc(fields: &Fields, later: &str, earlier: &str) -> TantivyDocument {
    let mut doc = TantivyDocument::with_capacity(room([KIND_DUP, later, earlier], 0));
    doc.add_text(fields.kind, KIND_DUP);
    doc.add_text(fields.file, later);
    doc.add_text(fields.dup_of, earlier);
    doc
}

fn open_writer(index: &tantivy::Index, dir: &Path) -> anyhow::Result<IndexWriter> {
    index.writer_with_num_threads(WRITER_THREADS, WRITER_MEMORY).map_err(|e| match e {
        tantivy::TantivyError::LockFailure(..) => anyhow::anyhow!(
            "another tradewatch index/ingest is running (Tantivy's writer lock in {} is held)",
            dir.display()
        ),
        other => anyhow::Error::new(other).context("cannot open the index writer"),
    })
}

fn progress_bar(len: usize, progress: bool) -> ProgressBar {
    if !progress || len <= PROGRESS_MIN_FILES {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len as u64);
    if let Ok(style) = ProgressStyle::with_template("{spinner} indexing [{bar:40}] {pos}/{len} files ({eta})") {
        bar.set_style(style.progress_chars("=> "));
    }
    bar
}

/// The update itself; the caller holds the writers' lock.
pub(crate) fn update_locked(paths: &Paths, progress: bool, loader: Loader) -> anyhow::Result<UpdateReport> {
    let dir = &paths.index;
    let (index, fields) = open_or_create(dir)?;
    let reader = index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into()?;
    let searcher = reader.searcher();
    let indexed = indexed_articles(&searcher, &fields)?;
    let manifest = Manifest::load(dir);
    // Folder times first: a change made while this run lists the folder shows next time.
    let folders = super::manifest::folder_times(&paths.corpus);
    let names = list_corpus(paths, loader)?;
    let mut report = UpdateReport::default();
    let mut new_manifest = Manifest { dirs: folders, ..Manifest::default() };

    // 1. Stamps; trust the manifest where it agrees with the index. A file the index does
    // not hold is parsed in any case, and stamped there from the file it opens (`None`
    // here): a run from scratch begins preparing articles without stating every file
    // first, on one thread, and the kernel is asked once per file less.
    let mut to_read: Vec<(String, Stamp)> = Vec::new();
    let mut to_parse: Vec<(String, Option<Stamp>)> = Vec::new();
    // The gates extraction needs first are built on the pool once there is a file to
    // parse, while this thread goes on stating and hashing; a run that parses nothing
    // builds none.
    let mut warmed = false;
    let mut warm_up = || {
        if !std::mem::replace(&mut warmed, true) {
            crate::extract::warm_up();
        }
    };
    for name in &names {
        if !indexed.contains_key(name) {
            warm_up();
            to_parse.push((name.clone(), None));
            continue;
        }
        let stamp = match Stamp::of(&paths.corpus.join(name)) {
            Ok(s) => s,
            Err(e) => {
                report.errors.push(LoadError { file: name.clone(), line: None, message: format!("cannot read: {e}") });
                continue;
            }
        };
        let trusted = manifest.files.get(name).filter(|e| e.stamp == stamp && e.hash != BROKEN);
        match (trusted, indexed.get(name)) {
            (Some(entry), Some(ix)) if entry.hash == ix.hash => {
                report.unchanged += 1;
                new_manifest.files.insert(name.clone(), entry.clone());
            }
            _ => to_read.push((name.clone(), stamp)),
        }
    }

    // 2. Hash the indexed files the manifest cannot vouch for.
    let hashed: Vec<(String, Stamp, Result<String, String>)> = to_read
        .into_par_iter()
        .map(|(name, stamp)| {
            let h = read_stamped(&paths.corpus.join(&name), Some(stamp))
                .map(|(b, _)| keyed_hash(blake3::hash(&b).to_hex().as_str()))
                .map_err(|e| format!("cannot read: {e}"));
            (name, stamp, h)
        })
        .collect();
    for (name, stamp, h) in hashed {
        match h {
            Err(message) => report.errors.push(LoadError { file: name, line: None, message }),
            Ok(h) if indexed.get(&name).is_some_and(|ix| ix.hash == h) => {
                report.unchanged += 1;
                new_manifest.files.insert(name, Entry { stamp, hash: h });
            }
            Ok(_) => {
                warm_up();
                to_parse.push((name, Some(stamp)));
            }
        }
    }
    // In the folder's (sorted) order, as the files were listed.
    to_parse.sort_by(|a, b| a.0.cmp(&b.0));
    let present: HashSet<&String> = names.iter().collect();
    let removed: Vec<&String> = indexed.keys().filter(|f| !present.contains(f)).collect();
    let mut replaced: HashSet<String> = to_parse.iter().map(|(n, _)| n.clone()).collect();
    replaced.extend(removed.iter().map(|f| (*f).clone()));

    if to_parse.is_empty() && removed.is_empty() {
        record_broken(&mut new_manifest, &report, paths);
        if new_manifest != manifest {
            new_manifest.save(dir).context("cannot write the index manifest")?;
        }
        return Ok(report);
    }

    // 3. Replace documents (the writer is opened only when there is something to write).
    let mut writer: Option<IndexWriter> = None;
    let writer_for = |slot: &mut Option<IndexWriter>| -> anyhow::Result<()> {
        if slot.is_none() {
            *slot = Some(open_writer(&index, dir)?);
        }
        Ok(())
    };
    if !removed.is_empty() {
        writer_for(&mut writer)?;
    }
    for f in &removed {
        let Some(writer) = writer.as_mut() else { break };
        writer.delete_term(Term::from_field_text(fields.file, f));
        writer.delete_term(Term::from_field_text(fields.dup_of, f));
        report.removed += 1;
    }
    let existing = IndexedShingles::new(&searcher, &indexed, &replaced)?;
    let mut batch = ShingleIndex::default();
    let mut batch_articles: Vec<(String, PrimaryOrder, usize)> = Vec::new();
    let bar = progress_bar(to_parse.len(), progress);
    // The workers prepare the next chunk while this thread feeds the writer the one
    // before it: at most two chunks are held at once.
    let prepare = |chunk: &[(String, Option<Stamp>)]| -> Vec<Outcome> {
        chunk
            .par_iter()
            .map(|(name, stamp)| {
                let result = read_stamped(&paths.corpus.join(name), *stamp)
                    .map_err(|e| LoadError { file: name.clone(), line: None, message: format!("cannot read: {e}") })
                    .and_then(|(bytes, stamp)| Ok(((loader.parse)(name, &bytes)?, stamp)))
                    .map(|(article, stamp)| {
                        // Segmented once for the passages, the signature and extraction.
                        let passages = article.passages();
                        let shingles = dedup::shingles_of(&article, &passages);
                        let docs = article_docs(&fields, &article, &passages, &shingles);
                        let order = PrimaryOrder {
                            published: article.meta.published,
                            estimated: article.meta.published_estimated,
                            file: name.clone(),
                        };
                        (Prepared { file: name.clone(), docs, shingles, order }, keyed_hash(&article.hash), stamp)
                    });
                (name.clone(), result)
            })
            .collect()
    };
    std::thread::scope(|scope| -> anyhow::Result<()> {
        let (chunks, prepared_chunks) = std::sync::mpsc::sync_channel::<Vec<Outcome>>(0);
        let prepare = &prepare;
        let to_parse = &to_parse;
        std::thread::Builder::new()
            .name("prepare".into())
            .spawn_scoped(scope, move || {
                for chunk in to_parse.chunks(CHUNK) {
                    if chunks.send(prepare(chunk)).is_err() {
                        break;
                    }
                }
            })
            .context("cannot start the preparing thread")?;
        for prepared in prepared_chunks {
            let holders = existing
                .holders(prepared.iter().filter_map(|(_, r)| r.as_ref().ok()).flat_map(|(p, _, _)| &p.shingles))?;
            for (name, result) in prepared {
                bar.inc(1);
                let (p, hash, stamp) = match result {
                    Ok(ok) => ok,
                    Err(e) => {
                        report.errors.push(e);
                        continue;
                    }
                };
                writer_for(&mut writer)?;
                let Some(writer) = writer.as_mut() else { continue };
                if indexed.contains_key(&name) {
                    writer.delete_term(Term::from_field_text(fields.file, &name));
                    writer.delete_term(Term::from_field_text(fields.dup_of, &name));
                    report.changed += 1;
                } else {
                    report.added += 1;
                }
                for doc in p.docs {
                    writer.add_document(doc)?;
                }
                // Near-duplicate links with what was indexed before and with this batch. Most
                // candidates share a shingle or two and are no near-duplicate: they are
                // dropped before anything of theirs is copied.
                let near = |overlap: usize, len: usize| dedup::is_near_duplicate(overlap, p.shingles.len(), len);
                let mut links: Vec<(String, PrimaryOrder, usize, usize)> = Vec::new();
                for (other, overlap) in existing.overlaps(&holders, &p.shingles) {
                    if let Some(ix) = indexed.get(other).filter(|ix| near(overlap, ix.shingles)) {
                        links.push((other.to_string(), ix.order.clone(), ix.shingles, overlap));
                    }
                }
                let id = batch_articles.len();
                for (other_id, overlap) in batch.add(id, &p.shingles) {
                    if let Some((other, order, len)) =
                        batch_articles.get(other_id).filter(|(_, _, len)| near(overlap, *len))
                    {
                        links.push((other.clone(), order.clone(), *len, overlap));
                    }
                }
                links.sort_by(|a, b| b.3.cmp(&a.3).then_with(|| a.0.cmp(&b.0)));
                links.truncate(dedup::MAX_LINKS);
                for (other, order, _, _) in links {
                    let (later, earlier) = if order.precedes(&p.order) { (&p.file, &other) } else { (&other, &p.file) };
                    writer.add_document(dup_doc(&fields, later, earlier))?;
                    report.near_duplicates += 1;
                }
                batch_articles.push((p.file.clone(), p.order.clone(), p.shingles.len()));
                new_manifest.files.insert(name, Entry { stamp, hash });
            }
        }
        Ok(())
    })?;
    bar.finish_and_clear();

    // 4. Commit, then record what the index now reflects. The manifest is written while
    // Tantivy finishes the segment (on its own thread, the other core idle), and put in
    // place only after the commit.
    record_broken(&mut new_manifest, &report, paths);
    let (committed, staged) = std::thread::scope(|scope| {
        // Without a thread, the writer is dropped uncommitted: the index stays as it was.
        let committing = writer.map(|mut writer| {
            std::thread::Builder::new().name("commit".into()).spawn_scoped(scope, move || -> anyhow::Result<()> {
                writer.commit().context("cannot commit the index")?;
                if let Err(e) = writer.wait_merging_threads() {
                    tracing::warn!("index segments were not merged: {e}");
                }
                Ok(())
            })
        });
        let staged = new_manifest.stage(dir);
        let committed = match committing {
            Some(Ok(c)) => c.join().unwrap_or_else(|_| Err(anyhow::anyhow!("the index commit panicked"))),
            Some(Err(e)) => Err(anyhow::Error::new(e).context("cannot start the committing thread")),
            None => Ok(()),
        };
        (committed, staged)
    });
    committed?;
    staged.and_then(|s| s.persist()).context("cannot write the index manifest")?;
    Ok(report)
}

/// Records broken files in the manifest so that `ensure_fresh` does not retry them until
/// they change (`update` always retries them and reports them again).
fn record_broken(manifest: &mut Manifest, report: &UpdateReport, paths: &Paths) {
    for e in &report.errors {
        if let Ok(stamp) = Stamp::of(&paths.corpus.join(&e.file)) {
            manifest.files.insert(e.file.clone(), Entry { stamp, hash: BROKEN.to_string() });
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_index_files_are_cleared() {
        for (name, ours) in [
            ("meta.json", true),
            (".managed.json", true),
            ("manifest.tsv", true),
            ("0123456789abcdef0123456789abcdef.idx", true),
            ("0123456789abcdef0123456789abcdef.12.del", true),
            ("README.md", false),
            (".tradewatch.lock", false),
            ("notes.txt", false),
        ] {
            assert_eq!(super::is_index_file(name), ours, "{name}");
        }
    }
}
