//! Text utilities shared by the loader, the extractors and the index.

pub mod charref;
pub mod months;
pub mod segment;
