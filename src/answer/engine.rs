//! The dispatcher: one `Engine` answers commands for the CLI, the gateway and the HTTP
//! endpoint alike. It holds the index handle for the life of the process; every answer
//! takes a fresh searcher from it.

use std::path::Path;

use chrono::NaiveDate;

use super::{status, Answer, ErrorAnswer, ErrorKind, SearchAnswer, SourcesAnswer, StatusAnswer};
use crate::command::Command;
use crate::extract::entities::{self, Resolution};
use crate::index::Index;
use crate::model::Lang;

/// Hits a `/search` answer carries.
pub const SEARCH_HITS: usize = 10;

pub struct Engine {
    pub index: Index,
}

impl Engine {
    pub fn open(index_dir: &Path) -> anyhow::Result<Engine> {
        Ok(Engine { index: Index::open(index_dir)? })
    }

    /// Answers one command. `as_of` overrides the command's own `as_of` when given;
    /// without either, answers as of today.
    pub fn answer(&self, cmd: &Command, lang: Lang, as_of: Option<NaiveDate>) -> Answer {
        let result = match cmd {
            Command::Status { entity, as_of: own } => {
                let day = as_of.or(*own).unwrap_or_else(today);
                self.status(entity, day, lang).map(Answer::Status)
            }
            Command::Timeline { entity } => {
                self.status(entity, as_of.unwrap_or_else(today), lang).map(Answer::Timeline)
            }
            Command::Search { query } => self
                .index
                .search(query, SEARCH_HITS)
                .map(|hits| Answer::Search(SearchAnswer { query: query.clone(), hits })),
            Command::Sources => self.index.articles().map(|articles| Answer::Sources(SourcesAnswer { articles })),
            Command::Help => Ok(Answer::Help(lang)),
        };
        result.unwrap_or_else(|e| {
            tracing::error!(command = cmd.name(), "answer failed: {e:#}");
            Answer::system_error(cmd.name(), "the index could not answer; see the log")
        })
    }

    /// The measures against the entity the user means.
    pub fn status(&self, query: &str, as_of: NaiveDate, lang: Lang) -> anyhow::Result<StatusAnswer> {
        let known = self.index.known_names()?;
        let (entity, resolved_from) = match entities::resolve(query, &known) {
            Resolution::Exact(name) => (Some(name), None),
            Resolution::Alias { name, alias } => (Some(name), Some(alias)),
            Resolution::Typo { name, typed } => (Some(name), Some(typed)),
            Resolution::Unknown => (None, None),
        };
        let measures = match &entity {
            Some(name) => status::measures(self.index.mentions(name)?, name, as_of, lang),
            None => Vec::new(),
        };
        let newest_source = measures.iter().filter_map(|m| m.newest_source).max();
        Ok(StatusAnswer {
            entity: entity.unwrap_or_else(|| query.trim().to_string()),
            query: query.to_string(),
            as_of,
            newest_source,
            measures,
            lang,
            resolved_from,
        })
    }
}

/// Today in the local time zone.
pub fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

impl Answer {
    pub fn question_error(command: &str, message: impl Into<String>) -> Answer {
        Answer::Error(ErrorAnswer { command: command.to_string(), message: message.into(), kind: ErrorKind::Question })
    }
    pub fn system_error(command: &str, message: impl Into<String>) -> Answer {
        Answer::Error(ErrorAnswer { command: command.to_string(), message: message.into(), kind: ErrorKind::System })
    }
}
