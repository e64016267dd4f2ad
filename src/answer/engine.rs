//! The dispatcher: one `Engine` answers commands for the CLI, the gateway and the HTTP
//! endpoint alike.

use std::path::Path;

use chrono::NaiveDate;

use super::{Answer, ErrorAnswer, ErrorKind};
use crate::command::Command;
use crate::index::Index;
use crate::model::Lang;

pub struct Engine {
    pub index: Index,
}

impl Engine {
    pub fn open(index_dir: &Path) -> anyhow::Result<Engine> {
        Ok(Engine { index: Index::open(index_dir)? })
    }

    /// Answers one command. `as_of` overrides the command's own `as_of` when given.
    pub fn answer(&self, cmd: &Command, lang: Lang, as_of: Option<NaiveDate>) -> Answer {
        let _ = (cmd, as_of);
        Answer::Help(lang)
    }
}

impl Answer {
    pub fn question_error(command: &str, message: impl Into<String>) -> Answer {
        Answer::Error(ErrorAnswer { command: command.to_string(), message: message.into(), kind: ErrorKind::Question })
    }
    pub fn system_error(command: &str, message: impl Into<String>) -> Answer {
        Answer::Error(ErrorAnswer { command: command.to_string(), message: message.into(), kind: ErrorKind::System })
    }
}
