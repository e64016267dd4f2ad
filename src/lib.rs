//! tradewatch: where tech trade restrictions stand, read from news articles and cited
//! sentence by sentence. See ARCHITECTURE.md for the map of the modules.

pub mod answer;
pub mod bench;
#[cfg(feature = "discord")]
pub mod chart;
pub mod cli;
pub mod command;
pub mod config;
pub mod corpus;
#[cfg(feature = "discord")]
pub mod discord;
pub mod extract;
pub mod index;
pub mod model;
pub mod render;
pub mod text;
