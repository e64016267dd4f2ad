//! Terminal text: the same content as the Discord embeds, as plain lines.

use std::fmt::Write;

use crate::answer::status::{format_date, role_label};
use crate::answer::{help, Answer, StatusAnswer};
use crate::model::{Citation, Lang};

pub fn to_text(answer: &Answer, lang: Lang) -> String {
    let mut out = String::new();
    match answer {
        Answer::Status(s) | Answer::Timeline(s) => status(&mut out, s, lang),
        Answer::Search(s) => {
            let head = if lang == Lang::De { "Suche" } else { "Search" };
            let _ = writeln!(out, "{head}: {}", s.query);
            if s.hits.is_empty() {
                let none = if lang == Lang::De { "Keine Treffer." } else { "No hits." };
                let _ = writeln!(out, "{none}");
            }
            for (i, h) in s.hits.iter().enumerate() {
                let _ = writeln!(out, "\n{}. {}", i + 1, h.highlighted);
                let _ = writeln!(out, "   — {}", source_line(&h.citation, lang));
            }
        }
        Answer::Sources(s) => {
            let head = if lang == Lang::De { "Quellen" } else { "Sources" };
            let _ = writeln!(out, "{head} ({}):", s.articles.len());
            for a in &s.articles {
                let date = a
                    .published
                    .map(|d| format_date(&crate::model::PartialDate::day(d), lang))
                    .unwrap_or_else(|| "—".into());
                let est = if a.published_estimated {
                    if lang == Lang::De {
                        " (geschätzt)"
                    } else {
                        " (estimated)"
                    }
                } else {
                    ""
                };
                let _ = writeln!(
                    out,
                    "- {} | {} | {date}{est} | {}{}",
                    a.title.as_deref().unwrap_or("(ohne Titel)"),
                    a.source.as_deref().unwrap_or("?"),
                    a.file,
                    a.url.as_deref().map(|u| format!(" | {u}")).unwrap_or_default()
                );
            }
        }
        Answer::Help(l) => {
            let _ = writeln!(out, "{}\n", help::intro(*l));
            for (c, d) in help::commands(*l) {
                let _ = writeln!(out, "  {c}\n      {d}");
            }
        }
        Answer::Error(e) => {
            let _ = writeln!(out, "error: {}", e.message);
        }
    }
    out.trim_end().to_string()
}

fn status(out: &mut String, s: &StatusAnswer, lang: Lang) {
    let as_of = format_date(&crate::model::PartialDate::day(s.as_of), lang);
    let (head, stand) = if lang == Lang::De { ("Maßnahmen gegen", "Stand") } else { ("Measures against", "as of") };
    let _ = writeln!(out, "{head} {} ({stand} {as_of})", s.entity);
    if let Some(from) = &s.resolved_from {
        let _ = writeln!(
            out,
            "{}",
            if lang == Lang::De { format!("(gesucht: {from})") } else { format!("(you typed: {from})") }
        );
    }
    if let Some(n) = s.newest_source {
        let label = if lang == Lang::De { "Neueste Quelle" } else { "Newest source" };
        let _ = writeln!(out, "{label}: {}", format_date(&crate::model::PartialDate::day(n), lang));
    }
    if s.measures.is_empty() {
        let _ = writeln!(out, "\n{}", help::nothing_found(&s.entity, lang));
        return;
    }
    for (i, m) in s.measures.iter().enumerate() {
        let _ = writeln!(out, "\n{}. {} [{}]", i + 1, m.summary, m.status.label(lang));
        if !m.dates.is_empty() {
            let dates: Vec<String> =
                m.dates.iter().map(|(d, r)| format!("{} {}", role_label(*r, lang), format_date(d, lang))).collect();
            let _ = writeln!(out, "   {}", dates.join("; "));
        }
        for c in &m.citations {
            let _ = writeln!(out, "   „{}“", c.quote.split_whitespace().collect::<Vec<_>>().join(" "));
            let _ = writeln!(out, "     — {}", source_line(c, lang));
        }
    }
}

fn source_line(c: &Citation, lang: Lang) -> String {
    let date = c.published.map(|d| format_date(&crate::model::PartialDate::day(d), lang)).unwrap_or_else(|| "—".into());
    let mut s = format!("{}, {date}, {}", c.source.as_deref().unwrap_or("?"), c.article);
    if let Some(u) = &c.url {
        s.push_str(&format!(", {u}"));
    }
    s
}
