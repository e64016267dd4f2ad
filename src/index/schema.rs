//! The index schema: one Tantivy index holds every kind of document, told apart by the
//! `kind` field. One index (rather than one per kind) keeps a single commit atomic across
//! passages, articles, mentions and near-duplicate links, so a reader never sees an
//! article's passages without its metadata.
//!
//! - `passage`: one citable sentence. `file`, `start`/`end` (byte range in the file),
//!   `de_text` or `en_text` (the exact text, stored and searchable; which of the two
//!   tells the article's language), `block`, `sentence`, and the article's
//!   `source`/`url`/`published` copied in so a hit needs one stored-document read.
//! - `article`: `file`, `hash` (the file's blake3 keyed with the rules fingerprint),
//!   `title`, `source`, `url`, `published`, `published_estimated`, `language`, `named`
//!   (every entity the article names, for autocomplete), `shingle` (sampled word 5-gram hashes, for
//!   near-duplicate detection: a bytes fast field holding the whole signature as one
//!   value, each hash in eight little-endian bytes, not a term of the inverted index)
//!   and `shingle_count`. What an update needs to know of every
//!   indexed article sits in fast fields (columns), so it is read without a
//!   stored-document read per article, which would decompress nearly the whole
//!   document store (the passages lie between the articles): `article_file`, `hash`,
//!   `published_day` (the day number of chrono's `num_days_from_ce`),
//!   `published_estimated` and `shingle_count`. The file has a column of its own,
//!   `article_file`, because `file` is on every document: a column of it would be
//!   written for every passage, mention and link too.
//! - `mention`: `entity` (canonical name), `entity_key` (its lowercase form), `payload`
//!   (the `MeasureMention` as JSON), `file`.
//! - `dup`: a near-duplicate link: `file` (the later article) is a near-duplicate of
//!   `dup_of` (the earlier one). Deleting either article's documents deletes the link.

use tantivy::schema::{Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST, STORED, STRING};

use super::analyzer::{DE_ANALYZER, EN_ANALYZER};

pub const KIND_PASSAGE: &str = "passage";
pub const KIND_ARTICLE: &str = "article";
pub const KIND_MENTION: &str = "mention";
pub const KIND_DUP: &str = "dup";
/// The name of the near-duplicate signature field, a fast field read by name.
pub const SHINGLE_FIELD: &str = "shingle";
/// The fast fields of article documents an update reads (see the module comment).
pub const ARTICLE_FILE_FIELD: &str = "article_file";
pub const HASH_FIELD: &str = "hash";
pub const PUBLISHED_DAY_FIELD: &str = "published_day";
pub const PUBLISHED_ESTIMATED_FIELD: &str = "published_estimated";
pub const SHINGLE_COUNT_FIELD: &str = "shingle_count";

/// Field handles, built once.
#[derive(Clone)]
pub struct Fields {
    pub schema: Schema,
    pub kind: Field,
    pub file: Field,
    pub start: Field,
    pub end: Field,
    pub de_text: Field,
    pub en_text: Field,
    pub block: Field,
    pub sentence: Field,
    pub published: Field,
    pub published_estimated: Field,
    pub published_day: Field,
    pub hash: Field,
    pub article_file: Field,
    pub title: Field,
    pub source: Field,
    pub url: Field,
    pub language: Field,
    pub named: Field,
    pub shingle: Field,
    pub shingle_count: Field,
    pub entity: Field,
    pub entity_key: Field,
    pub payload: Field,
    pub dup_of: Field,
}

impl Fields {
    pub fn new() -> Fields {
        let mut b = Schema::builder();
        let text = |name: &str| {
            TextOptions::default()
                .set_indexing_options(
                    TextFieldIndexing::default().set_tokenizer(name).set_index_option(IndexRecordOption::WithFreqs),
                )
                .set_stored()
        };
        let kind = b.add_text_field("kind", STRING);
        let file = b.add_text_field("file", STRING | STORED);
        let start = b.add_u64_field("start", STORED);
        let end = b.add_u64_field("end", STORED);
        let de_text = b.add_text_field("de_text", text(DE_ANALYZER));
        let en_text = b.add_text_field("en_text", text(EN_ANALYZER));
        let block = b.add_u64_field("block", STORED);
        let sentence = b.add_u64_field("sentence", STORED);
        let published = b.add_text_field("published", STORED);
        let published_estimated = b.add_bool_field(PUBLISHED_ESTIMATED_FIELD, STORED | FAST);
        let published_day = b.add_i64_field(PUBLISHED_DAY_FIELD, FAST);
        let hash = b.add_text_field(HASH_FIELD, FAST);
        let article_file = b.add_text_field(ARTICLE_FILE_FIELD, FAST);
        let title = b.add_text_field("title", STORED);
        let source = b.add_text_field("source", STORED);
        let url = b.add_text_field("url", STORED);
        let language = b.add_text_field("language", STORED);
        let named = b.add_text_field("named", STRING | STORED);
        let shingle = b.add_bytes_field(SHINGLE_FIELD, FAST);
        let shingle_count = b.add_u64_field(SHINGLE_COUNT_FIELD, FAST);
        let entity = b.add_text_field("entity", STRING | STORED);
        let entity_key = b.add_text_field("entity_key", STRING);
        let payload = b.add_text_field("payload", STORED);
        let dup_of = b.add_text_field("dup_of", STRING | STORED);
        Fields {
            schema: b.build(),
            kind,
            file,
            start,
            end,
            de_text,
            en_text,
            block,
            sentence,
            published,
            published_estimated,
            published_day,
            hash,
            article_file,
            title,
            source,
            url,
            language,
            named,
            shingle,
            shingle_count,
            entity,
            entity_key,
            payload,
            dup_of,
        }
    }

    /// Looks the handles up in an opened index's schema (which must be ours).
    pub fn from_schema(schema: &Schema) -> anyhow::Result<Fields> {
        let expected = Fields::new();
        if schema != &expected.schema {
            anyhow::bail!("the index was built with another schema (by another version of tradewatch); `tradewatch index` rebuilds it");
        }
        Ok(expected)
    }
}

impl Default for Fields {
    fn default() -> Self {
        Fields::new()
    }
}
