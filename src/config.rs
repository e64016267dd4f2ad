//! Configuration in layers: defaults, an optional `tradewatch.toml`, the environment,
//! then command-line flags. Secrets come only from the environment or the uncommitted
//! file and are never printed.

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
