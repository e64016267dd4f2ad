//! Renderers: an `Answer` as terminal text or as the JSON of `ask --json`.

pub mod json;
pub mod text;
