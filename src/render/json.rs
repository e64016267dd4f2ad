//! The JSON of `ask --json`, exactly as DESIGN.md gives it: one object per answer.

use serde_json::{json, Value};

use crate::answer::{help, Answer, Measure, StatusAnswer};
use crate::model::Citation;

/// The answer as one line of JSON.
pub fn to_string(answer: &Answer) -> String {
    to_value(answer).to_string()
}

pub fn to_value(answer: &Answer) -> Value {
    match answer {
        Answer::Status(s) => status(s, "status"),
        Answer::Timeline(s) => status(s, "timeline"),
        Answer::Search(s) => json!({
            "command": "search",
            "query": s.query,
            "hits": s.hits.iter().map(|h| {
                let mut v = citation(&h.citation);
                v["highlighted"] = json!(h.highlighted);
                v["score"] = json!(h.score);
                v
            }).collect::<Vec<_>>(),
        }),
        Answer::Sources(s) => json!({
            "command": "sources",
            "articles": s.articles.iter().map(|a| json!({
                "article": a.file,
                "title": a.title,
                "source": a.source,
                "published": a.published.map(|d| d.to_string()),
                "published_estimated": a.published_estimated,
                "url": a.url,
                "language": a.language.code(),
            })).collect::<Vec<_>>(),
        }),
        Answer::Help(lang) => json!({
            "command": "help",
            "text": help::intro(*lang),
            "commands": help::commands(*lang).into_iter().map(|(c, d)| json!({"usage": c, "description": d})).collect::<Vec<_>>(),
        }),
        Answer::Error(e) => json!({"command": e.command, "error": e.message}),
    }
}

fn status(s: &StatusAnswer, command: &str) -> Value {
    let mut v = json!({
        "command": command,
        "entity": s.entity,
        "as_of": s.as_of.to_string(),
        "newest_source": s.newest_source.map(|d| d.to_string()),
        "measures": s.measures.iter().map(measure).collect::<Vec<_>>(),
    });
    if let Some(from) = &s.resolved_from {
        v["resolved_from"] = json!(from);
    }
    if s.measures.is_empty() {
        v["message"] = json!(help::nothing_found(&s.entity, s.lang));
    }
    v
}

fn measure(m: &Measure) -> Value {
    json!({
        "kind": m.kind.as_str(),
        "summary": m.summary,
        "authority": m.authority,
        "dates": m.dates.iter().map(|(d, r)| json!({"date": d.to_string(), "role": r})).collect::<Vec<_>>(),
        "status": m.status.as_str(),
        "newest_source": m.newest_source.map(|d| d.to_string()),
        "citations": m.citations.iter().map(citation).collect::<Vec<_>>(),
    })
}

fn citation(c: &Citation) -> Value {
    json!({
        "article": c.article,
        "source": c.source,
        "published": c.published.map(|d| d.to_string()),
        "url": c.url,
        "quote": c.quote,
    })
}
