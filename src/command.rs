//! The slash-command text parser: "/status entity:tiktok as_of:2020-10-01" as a user
//! types it in the terminal, turned into the same `Command` Discord's options give.

use chrono::NaiveDate;
use thiserror::Error;

/// A question to the bot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    Status { entity: String, as_of: Option<NaiveDate> },
    Search { query: String },
    Timeline { entity: String },
    Sources,
    Help,
}

impl Command {
    pub fn name(&self) -> &'static str {
        match self {
            Command::Status { .. } => "status",
            Command::Search { .. } => "search",
            Command::Timeline { .. } => "timeline",
            Command::Sources => "sources",
            Command::Help => "help",
        }
    }
}

/// A question the bot cannot take. Always a user error (exit status 2).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CommandError {
    #[error("empty question; try /help")]
    Empty,
    #[error("unknown command /{0}; the commands are /status, /search, /timeline, /sources and /help")]
    Unknown(String),
    #[error("/{command} needs {option}")]
    Missing { command: &'static str, option: &'static str },
    #[error("as_of must be a real date as YYYY-MM-DD, not {0:?}")]
    BadDate(String),
    #[error("unknown option {option:?} for /{command}")]
    UnknownOption { command: &'static str, option: String },
    #[error("the question is too long ({0} characters; at most 500)")]
    TooLong(usize),
}

/// Longest question accepted, in characters. Discord caps option values at 6000 total;
/// no entity or search needs more than this.
pub const MAX_QUESTION_CHARS: usize = 500;

/// Parses a question as a user types it: "/status tiktok", "/status entity:tiktok
/// as_of:2020-10-01", "/search query:Verkaufsverbot", "/search zwolf Manager". The
/// leading slash is optional; `key:value` options may be quoted ("entity:\"Kaspersky Lab\"").
pub fn parse(input: &str) -> Result<Command, CommandError> {
    let chars = input.chars().count();
    if chars > MAX_QUESTION_CHARS {
        return Err(CommandError::TooLong(chars));
    }
    let cleaned: String = input.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    let trimmed = cleaned.trim();
    let trimmed = trimmed.strip_prefix('/').unwrap_or(trimmed).trim_start();
    if trimmed.is_empty() {
        return Err(CommandError::Empty);
    }
    let (name, rest) = match trimmed.find(char::is_whitespace) {
        Some(i) => (&trimmed[..i], trimmed[i..].trim()),
        None => (trimmed, ""),
    };
    let name_lc = name.to_lowercase();
    let (command, options): (&'static str, &[&'static str]) = match name_lc.as_str() {
        "status" => ("status", &["entity", "as_of"]),
        "search" | "suche" => ("search", &["query"]),
        "timeline" | "zeitleiste" | "verlauf" => ("timeline", &["entity"]),
        "sources" | "quellen" => ("sources", &[]),
        "help" | "hilfe" => ("help", &[]),
        _ => return Err(CommandError::Unknown(truncate(name, 40))),
    };
    let (named, free) = split_options(rest, options, command)?;
    // An option given empty (`entity:""`) counts as not given, as in Discord's options.
    let get = |key: &str| named.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone()).filter(|v| !v.is_empty());
    match command {
        "status" => {
            let entity = get("entity")
                .or_else(|| non_empty(&free))
                .ok_or(CommandError::Missing { command, option: "entity" })?;
            let as_of = match get("as_of") {
                Some(s) => Some(parse_date(&s)?),
                None => None,
            };
            Ok(Command::Status { entity, as_of })
        }
        "timeline" => {
            let entity = get("entity")
                .or_else(|| non_empty(&free))
                .ok_or(CommandError::Missing { command, option: "entity" })?;
            Ok(Command::Timeline { entity })
        }
        "search" => {
            let query =
                get("query").or_else(|| non_empty(&free)).ok_or(CommandError::Missing { command, option: "query" })?;
            Ok(Command::Search { query })
        }
        "sources" => Ok(Command::Sources),
        _ => Ok(Command::Help),
    }
}

/// The command name for an error answer about `input`, even when it does not parse.
pub fn guess_name(input: &str) -> &'static str {
    let t = input.trim().trim_start_matches('/').to_lowercase();
    for (prefix, name) in [
        ("status", "status"),
        ("search", "search"),
        ("suche", "search"),
        ("timeline", "timeline"),
        ("sources", "sources"),
        ("quellen", "sources"),
        ("help", "help"),
        ("hilfe", "help"),
    ] {
        if t.starts_with(prefix) {
            return name;
        }
    }
    "unknown"
}

/// Parses `YYYY-MM-DD` into a real calendar day.
pub fn parse_date(s: &str) -> Result<NaiveDate, CommandError> {
    let s = s.trim();
    let ok = s.len() == 10
        && s.bytes().enumerate().all(|(i, b)| if i == 4 || i == 7 { b == b'-' } else { b.is_ascii_digit() });
    if !ok {
        return Err(CommandError::BadDate(truncate(s, 40)));
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| CommandError::BadDate(s.to_string()))
}

fn non_empty(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

fn truncate(s: &str, max: usize) -> String {
    s.chars().take(max).collect()
}

/// Splits `rest` into known `key:value` options and the free text around them. A word
/// `key:...` whose key is not an option of the command stays free text (a search for
/// "as_of:x" or "Artikel:3" is legitimate) unless it names an option of another command.
fn split_options(
    rest: &str,
    options: &[&'static str],
    command: &'static str,
) -> Result<(Vec<(String, String)>, String), CommandError> {
    const ALL: [&str; 3] = ["entity", "as_of", "query"];
    let mut named = Vec::new();
    let mut free = String::new();
    let mut it = rest.char_indices().peekable();
    let bytes = rest;
    while let Some(&(i, c)) = it.peek() {
        if c.is_whitespace() {
            it.next();
            continue;
        }
        let word_start = i;
        // Read a key candidate up to ':' or whitespace.
        let mut key_end = None;
        while let Some(&(j, c2)) = it.peek() {
            if c2 == ':' {
                key_end = Some(j);
                break;
            }
            if c2.is_whitespace() {
                break;
            }
            it.next();
        }
        let key = key_end.map(|k| bytes[word_start..k].to_lowercase());
        match key {
            Some(k) if options.contains(&k.as_str()) || ALL.contains(&k.as_str()) => {
                if !options.contains(&k.as_str()) {
                    return Err(CommandError::UnknownOption { command, option: k });
                }
                it.next(); // the ':'
                let value = read_value(bytes, &mut it);
                named.push((k, value));
            }
            _ => {
                // Free word: read to whitespace (the rest of a 'key:value' included).
                let mut end = bytes.len();
                while let Some(&(j, c2)) = it.peek() {
                    if c2.is_whitespace() {
                        end = j;
                        break;
                    }
                    it.next();
                }
                if !free.is_empty() {
                    free.push(' ');
                }
                free.push_str(&bytes[word_start..end]);
            }
        }
    }
    // Options typed as free text are gathered; a value given twice keeps the last.
    named.reverse();
    let mut seen = Vec::new();
    named.retain(|(k, _)| {
        if seen.contains(k) {
            false
        } else {
            seen.push(k.clone());
            true
        }
    });
    Ok((named, free))
}

/// Reads an option value: quoted ("..." or „...“) up to the closing quote, otherwise up
/// to the next `key:` of a known option, so "entity:Kaspersky Lab as_of:2024-07-01"
/// keeps the space in the entity.
fn read_value(s: &str, it: &mut std::iter::Peekable<std::str::CharIndices<'_>>) -> String {
    while let Some(&(_, c)) = it.peek() {
        if c.is_whitespace() {
            it.next();
        } else {
            break;
        }
    }
    let Some(&(start, first)) = it.peek() else {
        return String::new();
    };
    let close = match first {
        '"' => Some('"'),
        '„' => Some('“'),
        '“' => Some('”'),
        '\'' => Some('\''),
        _ => None,
    };
    if let Some(close) = close {
        it.next();
        let inner_start = start + first.len_utf8();
        for (j, c) in it.by_ref() {
            if c == close || (close == '“' && c == '”') {
                return s[inner_start..j].trim().to_string();
            }
        }
        // Unbalanced quote: take the rest.
        return s[inner_start..].trim().to_string();
    }
    // Unquoted: up to the next " key:" of a known option.
    let rest = &s[start..];
    let mut end = rest.len();
    // The keys are ASCII: lowercase ASCII only, so that positions in `lc` are positions
    // in `rest` (full lowercasing changes the byte length of some letters: Ⱥ → ⱥ).
    let lc = rest.to_ascii_lowercase();
    for key in ["entity:", "as_of:", "query:"] {
        let mut from = 0;
        while let Some(p) = lc[from..].find(key) {
            let at = from + p;
            if at > 0 && rest[..at].ends_with(char::is_whitespace) && lc.is_char_boundary(at) {
                end = end.min(at);
                break;
            }
            from = at + key.len();
        }
    }
    // Advance the iterator past the value.
    while let Some(&(j, _)) = it.peek() {
        if j >= start + end {
            break;
        }
        it.next();
    }
    rest[..end].trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(e: &str, d: Option<&str>) -> Command {
        Command::Status { entity: e.into(), as_of: d.map(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap()) }
    }

    #[test]
    fn parses_the_forms_users_type() {
        let cases: &[(&str, Command)] = &[
            ("/status tiktok", status("tiktok", None)),
            ("status TikTok", status("TikTok", None)),
            ("/status entity:tiktok as_of:2020-10-01", status("tiktok", Some("2020-10-01"))),
            ("/status as_of:2020-10-01 entity:tiktok", status("tiktok", Some("2020-10-01"))),
            ("/status entity:Kaspersky Lab as_of:2024-07-01", status("Kaspersky Lab", Some("2024-07-01"))),
            ("/status entity:\"Kaspersky Lab\"", status("Kaspersky Lab", None)),
            ("/STATUS   kaspersky  ", status("kaspersky", None)),
            ("/search query:Verkaufsverbot", Command::Search { query: "Verkaufsverbot".into() }),
            ("/search zwolf Manager", Command::Search { query: "zwolf Manager".into() }),
            ("/search Artikel:3 Verbot", Command::Search { query: "Artikel:3 Verbot".into() }),
            ("/timeline entity:wechat", Command::Timeline { entity: "wechat".into() }),
            ("/sources", Command::Sources),
            ("/hilfe", Command::Help),
            ("/help extra words", Command::Help),
        ];
        for (input, want) in cases {
            assert_eq!(parse(input).as_ref(), Ok(want), "{input}");
        }
    }

    #[test]
    fn rejects_bad_questions_with_reasons() {
        assert_eq!(parse(""), Err(CommandError::Empty));
        assert_eq!(parse("   /  "), Err(CommandError::Empty));
        assert!(matches!(parse("/frobnicate x"), Err(CommandError::Unknown(_))));
        assert!(matches!(parse("/status"), Err(CommandError::Missing { option: "entity", .. })));
        assert!(matches!(parse("/search"), Err(CommandError::Missing { option: "query", .. })));
        assert!(matches!(parse("/status tiktok as_of:2020-02-30"), Err(CommandError::BadDate(_))));
        assert!(matches!(parse("/status tiktok as_of:yesterday"), Err(CommandError::BadDate(_))));
        assert!(matches!(parse("/search query:x as_of:2020-01-01"), Err(CommandError::UnknownOption { .. })));
        assert!(matches!(parse(&"x".repeat(5000)), Err(CommandError::TooLong(5000))));
    }

    #[test]
    fn empty_quoted_options_are_missing_not_empty_names() {
        // Found by fuzzing: `entity:''` used to answer "nothing against ." for an empty name.
        for input in ["/status entity:''", "/timeline entity:\"\"", "/status entity:\" \""] {
            assert!(matches!(parse(input), Err(CommandError::Missing { option: "entity", .. })), "{input}");
        }
        assert!(matches!(parse("/search query:''"), Err(CommandError::Missing { option: "query", .. })));
        assert_eq!(parse("/status entity:'' tiktok"), Ok(status("tiktok", None)));
        assert_eq!(parse("/status tiktok as_of:''"), Ok(status("tiktok", None)));
    }

    #[test]
    fn unbalanced_quotes_take_the_rest() {
        assert_eq!(parse("/status entity:\"Kaspersky Lab"), Ok(status("Kaspersky Lab", None)));
    }

    #[test]
    fn letters_that_grow_when_lowercased_leave_the_options_whole() {
        // 'Ⱥ' is two bytes, its lowercase three: positions in a fully lowercased copy
        // would cut the value inside a letter.
        let cmd = parse("/status entity:ကȺȺȺȺȺȺȺȺ as_of:2020-01-01").expect("parses");
        assert!(matches!(cmd, Command::Status { entity, .. } if entity == "ကȺȺȺȺȺȺȺȺ"), "the whole name");
        assert!(parse("/status ȺȺȺȺ as_of:2020-01-01").is_ok());
    }

    proptest::proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,80}") {
            let _ = parse(&s);
            let _ = parse(&format!("/status {s}"));
            let _ = parse(&format!("/search query:{s} entity:{s}"));
        }
    }
}
