//! What every mode needs to know: where the corpus and the index are (defaults, then
//! `TRADEWATCH_CORPUS` / `TRADEWATCH_INDEX`, then flags, all resolved by clap in
//! `cli.rs`), and `Secret`, the type that keeps tokens out of logs. The Discord settings
//! (an optional `tradewatch.toml`, then the environment) live in
//! `discord/settings.rs`, the only place that reads them.

use std::fmt;
use std::path::PathBuf;

/// A secret string whose Debug and Display never show the value.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(s: impl Into<String>) -> Self {
        Secret(s.into())
    }
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

/// Where the corpus and the index live.
#[derive(Debug, Clone)]
pub struct Paths {
    pub corpus: PathBuf,
    pub index: PathBuf,
}
