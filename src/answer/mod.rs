//! The answer layer: plain data for every command, computed from the index. It knows
//! nothing of Discord or of terminals; `render` and `discord` turn answers into text.

mod engine;
pub mod help;
pub mod status;
pub use engine::{today, Engine, SEARCH_HITS};

use chrono::NaiveDate;
use serde::Serialize;

use crate::index::SearchHit;
use crate::model::{ArticleMeta, Citation, DateRole, Lang, MeasureKind, PartialDate, Status};

/// The answer to any command.
#[derive(Debug, Clone)]
pub enum Answer {
    Status(StatusAnswer),
    Search(SearchAnswer),
    Timeline(StatusAnswer),
    Sources(SourcesAnswer),
    Help(Lang),
    Error(ErrorAnswer),
}

/// The measures against one entity as of a day.
#[derive(Debug, Clone)]
pub struct StatusAnswer {
    /// The canonical name, or the query as typed when no entity matched.
    pub entity: String,
    pub query: String,
    pub as_of: NaiveDate,
    pub newest_source: Option<NaiveDate>,
    /// In date order.
    pub measures: Vec<Measure>,
    pub lang: Lang,
    /// The canonical name was reached through an alias or a typo ("Bytedance" → TikTok).
    pub resolved_from: Option<String>,
}

/// One measure with every sentence that reports it.
#[derive(Debug, Clone, Serialize)]
pub struct Measure {
    pub kind: MeasureKind,
    pub summary: String,
    pub authority: Option<String>,
    pub dates: Vec<(PartialDate, DateRole)>,
    pub status: Status,
    pub citations: Vec<Citation>,
    /// The newest publication date among the citations.
    pub newest_source: Option<NaiveDate>,
}

impl Measure {
    /// The date used to order measures and place them on the timeline: announced or
    /// effective, else a deadline or expiry, else the first source's publication day.
    /// Dates the text mentions only as background (the year of an acquisition) do not
    /// place a measure.
    pub fn sort_date(&self) -> Option<PartialDate> {
        let pick = |roles: &[DateRole]| {
            self.dates.iter().filter(|(_, r)| roles.contains(r)).map(|(d, _)| *d).min_by_key(|d| d.first_day())
        };
        pick(&[DateRole::Announced, DateRole::Effective])
            .or_else(|| pick(&[DateRole::Deadline, DateRole::Expires]))
            .or_else(|| self.citations.iter().filter_map(|c| c.published).min().map(PartialDate::day))
    }
}

#[derive(Debug, Clone)]
pub struct SearchAnswer {
    pub query: String,
    pub hits: Vec<SearchHit>,
}

#[derive(Debug, Clone)]
pub struct SourcesAnswer {
    pub articles: Vec<ArticleMeta>,
}

/// Whose fault an error is: decides the exit status (2 question, 1 system).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    Question,
    System,
}

#[derive(Debug, Clone)]
pub struct ErrorAnswer {
    pub command: String,
    pub message: String,
    pub kind: ErrorKind,
}
