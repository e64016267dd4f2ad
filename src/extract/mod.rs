//! Extraction: pure functions from sentences to dates, measures and entities. No IO.

pub mod dates;
pub mod entities;
pub mod measures;

use crate::corpus::Article;
use crate::model::MeasureMention;

/// Everything extraction finds in one article: the measure mentions (one per sentence
/// and target entity) and every entity the article names (for autocomplete).
#[derive(Debug, Clone, Default)]
pub struct Extracted {
    pub mentions: Vec<MeasureMention>,
    pub entities: Vec<String>,
}

/// Runs the extractors over the article's passages. Pure: no IO.
pub fn extract_article(article: &Article) -> Extracted {
    let _ = article;
    Extracted::default()
}
