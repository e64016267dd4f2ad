//! Extraction: pure functions from sentences to dates, measures and entities. No IO.

pub mod dates;
pub mod entities;
pub mod measures;
