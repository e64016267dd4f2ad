//! What the bot can do, in the user's language: shared by `/help` in the terminal and
//! in Discord.

use crate::model::Lang;

/// (command, description) pairs in the user's language.
pub fn commands(lang: Lang) -> Vec<(&'static str, &'static str)> {
    match lang {
        Lang::De => vec![
            ("/status <Firma> [as_of:JJJJ-MM-TT]", "Maßnahmen gegen eine Firma oder ein Produkt: Art, Behörde, Daten, Stand an einem Tag, mit den Sätzen der Artikel"),
            ("/search <Suchtext>", "Die passendsten Sätze der Artikel, mit Quelle"),
            ("/timeline <Firma>", "Die Maßnahmen in zeitlicher Reihenfolge, mit Grafik"),
            ("/sources", "Die Artikel, aus denen die Antworten stammen"),
            ("/help", "Diese Hilfe"),
        ],
        Lang::En => vec![
            ("/status <company> [as_of:YYYY-MM-DD]", "Measures against a company or product: kind, authority, dates, standing on a day, with the sentences of the articles"),
            ("/search <text>", "The best matching sentences of the articles, with sources"),
            ("/timeline <company>", "The measures in date order, with a chart"),
            ("/sources", "The articles the answers come from"),
            ("/help", "This help"),
        ],
    }
}

/// One paragraph on what the bot is.
pub fn intro(lang: Lang) -> &'static str {
    match lang {
        Lang::De => "tradewatch sagt, wo Handelsbeschränkungen gegen Tech-Firmen stehen (Verbote, Sanktionen, schwarze Listen, Exportkontrollen, Zwangsverkäufe), und zitiert die Sätze der Artikel, die es belegen.",
        Lang::En => "tradewatch tells where tech trade restrictions stand (bans, sanctions, entity listings, export controls, forced sales) and quotes the sentences of the articles that say so.",
    }
}

/// The "nothing found" line for an entity.
pub fn nothing_found(entity: &str, lang: Lang) -> String {
    match lang {
        Lang::De => format!("Nichts in den Quellen: Die Artikel berichten keine Maßnahme gegen {entity}."),
        Lang::En => format!("Nothing in the sources: the articles report no measure against {entity}."),
    }
}
