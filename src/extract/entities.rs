//! Entities: companies and products named in the text, and their aliases.
