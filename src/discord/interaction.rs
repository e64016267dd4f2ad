//! An interaction as Discord delivers it (the same JSON over the gateway and the HTTP
//! endpoint), read into the few things the bot acts on: what kind it is, who asked, in
//! which locale, and the command with its options, the focused autocomplete value or the
//! clicked button.

use serde::Deserialize;
use serde_json::Value;

use crate::command::{Command, CommandError};
use crate::model::Lang;

/// Interaction types (Discord's numbering).
pub const PING: u64 = 1;
pub const APPLICATION_COMMAND: u64 = 2;
pub const MESSAGE_COMPONENT: u64 = 3;
pub const AUTOCOMPLETE: u64 = 4;

/// The fields of an interaction the bot reads; everything else is ignored.
#[derive(Debug, Clone, Deserialize)]
pub struct Interaction {
    #[serde(deserialize_with = "snowflake")]
    pub id: String,
    #[serde(deserialize_with = "snowflake")]
    pub application_id: String,
    #[serde(rename = "type")]
    pub kind: u64,
    #[serde(default)]
    pub data: Option<Value>,
    #[serde(default)]
    pub token: String,
    #[serde(default)]
    pub locale: Option<String>,
    #[serde(default)]
    pub guild_locale: Option<String>,
    #[serde(default)]
    pub member: Option<Member>,
    #[serde(default)]
    pub user: Option<User>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Member {
    #[serde(default)]
    pub user: Option<User>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct User {
    #[serde(deserialize_with = "snowflake")]
    pub id: String,
}

/// Snowflakes arrive as strings; serenity's own serialisation may write numbers.
fn snowflake<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    match Value::deserialize(d)? {
        Value::String(s) if !s.is_empty() && s.len() <= 20 && s.bytes().all(|b| b.is_ascii_digit()) => Ok(s),
        Value::Number(n) if n.is_u64() => Ok(n.to_string()),
        _ => Err(serde::de::Error::custom("expected a snowflake id")),
    }
}

/// What the interaction asks for.
#[derive(Debug, Clone, PartialEq)]
pub enum Request {
    Ping,
    /// A slash command: its name and its string options.
    Command {
        name: String,
        options: Vec<(String, String)>,
    },
    /// Autocomplete: the command, the focused option and what the user has typed.
    Autocomplete {
        name: String,
        option: String,
        typed: String,
    },
    /// A button press.
    Component {
        custom_id: String,
    },
}

/// Why a body is not an interaction the bot can take (an HTTP 400).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    #[error("not an interaction: {0}")]
    NotAnInteraction(String),
    #[error("unsupported interaction type {0}")]
    UnsupportedType(u64),
}

impl Interaction {
    /// Reads a raw body.
    pub fn from_slice(body: &[u8]) -> Result<Interaction, ParseError> {
        let i: Interaction = serde_json::from_slice(body).map_err(|e| ParseError::NotAnInteraction(e.to_string()))?;
        if i.kind != PING && i.token.is_empty() {
            return Err(ParseError::NotAnInteraction("missing token".into()));
        }
        Ok(i)
    }

    /// The reply language: the user's client locale (German for `de`, English otherwise).
    pub fn lang(&self) -> Lang {
        Lang::from_locale(self.locale.as_deref())
    }

    /// The id of the user who acted (in a guild or a DM).
    pub fn user_id(&self) -> Option<&str> {
        self.member.as_ref().and_then(|m| m.user.as_ref()).or(self.user.as_ref()).map(|u| u.id.as_str())
    }

    pub fn request(&self) -> Result<Request, ParseError> {
        let data = || self.data.as_ref().ok_or_else(|| ParseError::NotAnInteraction("missing data".into()));
        match self.kind {
            PING => Ok(Request::Ping),
            APPLICATION_COMMAND => {
                let data = data()?;
                let name = str_field(data, "name")?;
                let options = flat_options(data).into_iter().map(|(k, v, _)| (k, v)).collect();
                Ok(Request::Command { name, options })
            }
            AUTOCOMPLETE => {
                let data = data()?;
                let name = str_field(data, "name")?;
                let opts = flat_options(data);
                let (option, typed) =
                    opts.into_iter().find(|(_, _, focused)| *focused).map(|(k, v, _)| (k, v)).unwrap_or_default();
                Ok(Request::Autocomplete { name, option, typed })
            }
            MESSAGE_COMPONENT => Ok(Request::Component { custom_id: str_field(data()?, "custom_id")? }),
            other => Err(ParseError::UnsupportedType(other)),
        }
    }
}

fn str_field(v: &Value, key: &str) -> Result<String, ParseError> {
    v.get(key)
        .and_then(Value::as_str)
        .map(str::to_string)
        .ok_or_else(|| ParseError::NotAnInteraction(format!("data.{key} missing")))
}

/// The options as (name, value as text, focused), subcommand levels flattened.
fn flat_options(data: &Value) -> Vec<(String, String, bool)> {
    let mut out = Vec::new();
    let mut stack: Vec<&Value> = vec![data];
    while let Some(v) = stack.pop() {
        let Some(list) = v.get("options").and_then(Value::as_array) else { continue };
        for o in list {
            let Some(name) = o.get("name").and_then(Value::as_str) else { continue };
            match o.get("value") {
                Some(Value::String(s)) => out.push((name.to_string(), s.clone(), focused(o))),
                Some(Value::Number(n)) => out.push((name.to_string(), n.to_string(), focused(o))),
                Some(Value::Bool(b)) => out.push((name.to_string(), b.to_string(), focused(o))),
                _ => stack.push(o),
            }
        }
    }
    out
}

fn focused(o: &Value) -> bool {
    o.get("focused").and_then(Value::as_bool).unwrap_or(false)
}

/// Turns a slash command's name and options into the dispatcher's `Command`. The option
/// names are those of the design: `entity`, `as_of`, `query`.
pub fn to_command(name: &str, options: &[(String, String)]) -> Result<Command, CommandError> {
    let get =
        |key: &str| options.iter().find(|(k, _)| k == key).map(|(_, v)| v.trim().to_string()).filter(|v| !v.is_empty());
    let too_long = options.iter().map(|(_, v)| v.chars().count()).find(|&n| n > crate::command::MAX_QUESTION_CHARS);
    if let Some(n) = too_long {
        return Err(CommandError::TooLong(n));
    }
    match name {
        "status" => {
            let entity = get("entity").ok_or(CommandError::Missing { command: "status", option: "entity" })?;
            let as_of = get("as_of").map(|d| crate::command::parse_date(&d)).transpose()?;
            Ok(Command::Status { entity, as_of })
        }
        "timeline" => Ok(Command::Timeline {
            entity: get("entity").ok_or(CommandError::Missing { command: "timeline", option: "entity" })?,
        }),
        "search" => Ok(Command::Search {
            query: get("query").ok_or(CommandError::Missing { command: "search", option: "query" })?,
        }),
        "sources" => Ok(Command::Sources),
        "help" => Ok(Command::Help),
        other => Err(CommandError::Unknown(other.chars().take(40).collect())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn interaction(v: Value) -> Interaction {
        Interaction::from_slice(v.to_string().as_bytes()).unwrap()
    }

    #[test]
    fn reads_commands_autocomplete_and_buttons() {
        let i = interaction(json!({"id": "1", "application_id": "2", "type": 2, "token": "t", "locale": "en-US",
            "member": {"user": {"id": "42"}},
            "data": {"id": "3", "name": "status", "type": 1,
                     "options": [{"name": "entity", "type": 3, "value": "TikTok"},
                                 {"name": "as_of", "type": 3, "value": "2020-10-01"}]}}));
        assert_eq!(i.lang(), Lang::En);
        assert_eq!(i.user_id(), Some("42"));
        let Request::Command { name, options } = i.request().unwrap() else { panic!() };
        assert_eq!(
            to_command(&name, &options).unwrap(),
            Command::Status { entity: "TikTok".into(), as_of: chrono::NaiveDate::from_ymd_opt(2020, 10, 1) }
        );
        let i = interaction(json!({"id": "1", "application_id": "2", "type": 4, "token": "t", "user": {"id": "9"},
            "data": {"name": "status", "options": [{"name": "entity", "type": 3, "value": "tik", "focused": true}]}}));
        assert_eq!(i.lang(), Lang::De);
        assert_eq!(
            i.request().unwrap(),
            Request::Autocomplete { name: "status".into(), option: "entity".into(), typed: "tik".into() }
        );
        let i = interaction(json!({"id": 1, "application_id": 2, "type": 3, "token": "t",
            "data": {"custom_id": "tw|sources|1|n|", "component_type": 2}}));
        assert_eq!(i.request().unwrap(), Request::Component { custom_id: "tw|sources|1|n|".into() });
    }

    #[test]
    fn rejects_what_is_not_an_interaction() {
        for body in [&b"not json"[..], b"{}", b"[]", br#"{"type":2}"#, br#"{"id":"x","application_id":"2","type":1}"#] {
            assert!(Interaction::from_slice(body).is_err(), "{}", String::from_utf8_lossy(body));
        }
        let i = interaction(json!({"id": "1", "application_id": "2", "type": 9, "token": "t"}));
        assert_eq!(i.request(), Err(ParseError::UnsupportedType(9)));
        let i = interaction(json!({"id": "1", "application_id": "2", "type": 2, "token": "t"}));
        assert!(i.request().is_err());
    }

    #[test]
    fn option_errors() {
        assert!(matches!(to_command("status", &[]), Err(CommandError::Missing { .. })));
        let bad = vec![("entity".to_string(), "x".to_string()), ("as_of".to_string(), "2020-02-30".to_string())];
        assert!(matches!(to_command("status", &bad), Err(CommandError::BadDate(_))));
        assert!(matches!(to_command("frob", &[]), Err(CommandError::Unknown(_))));
    }
}
