//! The slash commands as Discord registers them: one definition list, with German and
//! English names and descriptions. Discord sends back the base names (`status`, `entity`,
//! ...) whatever language the user's client shows.

use serde_json::{json, Value};

/// Option type STRING.
const STRING: u8 = 3;
/// Command type CHAT_INPUT (a slash command).
const CHAT_INPUT: u8 = 1;

/// A localized text: base (English), German.
struct L10n {
    en: &'static str,
    de: &'static str,
}

fn names(n: &L10n) -> Value {
    json!({ "de": n.de, "en-US": n.en, "en-GB": n.en })
}

fn option(name: L10n, description: L10n, required: bool, extra: Value) -> Value {
    let mut o = json!({
        "type": STRING,
        "name": name.en,
        "name_localizations": names(&name),
        "description": description.en,
        "description_localizations": names(&description),
        "required": required,
    });
    if let (Some(o), Some(extra)) = (o.as_object_mut(), extra.as_object()) {
        o.extend(extra.clone());
    }
    o
}

fn command(name: L10n, description: L10n, options: Vec<Value>) -> Value {
    json!({
        "type": CHAT_INPUT,
        "name": name.en,
        "name_localizations": names(&name),
        "description": description.en,
        "description_localizations": names(&description),
        "options": options,
    })
}

fn entity_option(what: &'static str, was: &'static str) -> Value {
    option(
        L10n { en: "entity", de: "firma" },
        L10n { en: what, de: was },
        true,
        json!({ "autocomplete": true, "min_length": 1, "max_length": 100 }),
    )
}

/// Every command, ready for Discord's bulk overwrite endpoint.
pub fn definitions() -> Value {
    Value::Array(vec![
        command(
            L10n { en: "status", de: "status" },
            L10n {
                en: "Which trade restrictions stand against a company or product, with sources",
                de: "Welche Handelsbeschränkungen gegen eine Firma oder ein Produkt gelten, mit Quellen",
            },
            vec![
                entity_option("Company or product, e.g. TikTok", "Firma oder Produkt, z. B. TikTok"),
                option(
                    L10n { en: "as_of", de: "stichtag" },
                    L10n {
                        en: "The day to ask about, as YYYY-MM-DD",
                        de: "Der Tag, nach dem du fragst, als JJJJ-MM-TT",
                    },
                    false,
                    json!({ "min_length": 10, "max_length": 10 }),
                ),
            ],
        ),
        command(
            L10n { en: "timeline", de: "zeitleiste" },
            L10n {
                en: "The measures against a company or product in date order, with a chart",
                de: "Die Maßnahmen gegen eine Firma oder ein Produkt in zeitlicher Folge, mit Diagramm",
            },
            vec![entity_option("Company or product, e.g. WeChat", "Firma oder Produkt, z. B. WeChat")],
        ),
        command(
            L10n { en: "search", de: "suche" },
            L10n {
                en: "Search the articles for sentences on trade restrictions",
                de: "Die Artikel nach Sätzen über Handelsbeschränkungen durchsuchen",
            },
            vec![option(
                L10n { en: "query", de: "suchbegriff" },
                L10n { en: "Words to look for", de: "Wörter, nach denen gesucht wird" },
                true,
                json!({ "min_length": 1, "max_length": 200 }),
            )],
        ),
        command(
            L10n { en: "sources", de: "quellen" },
            L10n { en: "The articles the answers come from", de: "Die Artikel, aus denen die Antworten stammen" },
            vec![],
        ),
        command(
            L10n { en: "help", de: "hilfe" },
            L10n { en: "What this bot can do", de: "Was dieser Bot kann" },
            vec![],
        ),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Discord's rules for names (1-32 lowercase letters, digits, - or _) and
    /// descriptions (1-100 characters), in every locale.
    #[test]
    fn definitions_obey_discords_rules() {
        let defs = definitions();
        let list = defs.as_array().unwrap();
        assert_eq!(list.len(), 5);
        let name_ok = |s: &str| {
            (1..=32).contains(&s.chars().count())
                && s.chars().all(|c| c.is_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
        };
        let check = |v: &Value| {
            assert!(name_ok(v["name"].as_str().unwrap()), "{v}");
            for (_, n) in v["name_localizations"].as_object().unwrap() {
                assert!(name_ok(n.as_str().unwrap()), "{n}");
            }
            let d = v["description"].as_str().unwrap();
            assert!((1..=100).contains(&d.chars().count()), "{d}");
            for (locale, d) in v["description_localizations"].as_object().unwrap() {
                assert!(["de", "en-US", "en-GB"].contains(&locale.as_str()));
                assert!((1..=100).contains(&d.as_str().unwrap().chars().count()), "{d}");
            }
        };
        for c in list {
            check(c);
            for o in c["options"].as_array().unwrap() {
                check(o);
            }
        }
        let status = &list[0];
        assert_eq!(status["options"][0]["name"], "entity");
        assert_eq!(status["options"][0]["autocomplete"], true);
        assert_eq!(status["options"][1]["name"], "as_of");
        assert_eq!(list[2]["options"][0]["name"], "query");
    }
}
