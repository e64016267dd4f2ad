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
                let _ = writeln!(out, "\n{}. {}", i + 1, shown(&h.highlighted, &h.citation));
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
            let (open, close) = quotation_marks(lang);
            let _ = writeln!(
                out,
                "   {open}{}{close}",
                shown(&c.quote, c).split_whitespace().collect::<Vec<_>>().join(" ")
            );
            let _ = writeln!(out, "     — {}", source_line(c, lang));
        }
    }
}

fn shown<'a>(quote: &'a str, c: &Citation) -> std::borrow::Cow<'a, str> {
    crate::text::charref::shown(quote, &c.article)
}

/// The quotation marks of the answer's language: „…“ in German, “…” in English.
/// The quotation marks of a language: „…“ in German, “…” in English.
pub(crate) fn quotation_marks(lang: Lang) -> (&'static str, &'static str) {
    match lang {
        Lang::De => ("„", "“"),
        Lang::En => ("“", "”"),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answer::Measure;
    use crate::model::{MeasureKind, Status};

    fn answer(lang: Lang) -> Answer {
        let citation = Citation {
            article: "a.md".into(),
            source: Some("AP".into()),
            published: chrono::NaiveDate::from_ymd_opt(2026, 3, 20),
            url: None,
            quote: "A federal appeals court on Thursday allowed Tennessee to enforce its ban.".into(),
            range: 0..10,
        };
        Answer::Status(StatusAnswer {
            entity: "Vibely".into(),
            query: "vibely".into(),
            as_of: chrono::NaiveDate::from_ymd_opt(2026, 4, 1).unwrap(),
            newest_source: None,
            measures: vec![Measure {
                kind: MeasureKind::AppStoreBan,
                summary: "App store ban".into(),
                authority: None,
                dates: Vec::new(),
                status: Status::InForce,
                citations: vec![citation],
                newest_source: None,
            }],
            lang,
            resolved_from: None,
        })
    }

    #[test]
    fn quotes_of_html_pages_are_shown_decoded() {
        let mut a = answer(Lang::En);
        if let Answer::Status(s) = &mut a {
            s.measures[0].citations[0].quote = "US District Judge Carla Mendez granted Vibely&#8217;s request.".into();
            s.measures[0].citations[0].article = "vibely.html".into();
        }
        let text = to_text(&a, Lang::En);
        assert!(text.contains("“US District Judge Carla Mendez granted Vibely’s request.”"), "{text}");
        if let Answer::Status(s) = &mut a {
            s.measures[0].citations[0].article = "vibely.md".into();
        }
        let text = to_text(&a, Lang::En);
        assert!(text.contains("Vibely&#8217;s"), "a Markdown file's text is shown as written: {text}");
    }

    #[test]
    fn quotes_take_the_marks_of_the_answer_language() {
        let en = to_text(&answer(Lang::En), Lang::En);
        assert!(
            en.contains("   “A federal appeals court on Thursday allowed Tennessee to enforce its ban.”\n"),
            "{en}"
        );
        assert!(!en.contains('„'), "{en}");
        let de = to_text(&answer(Lang::De), Lang::De);
        assert!(
            de.contains("   „A federal appeals court on Thursday allowed Tennessee to enforce its ban.“\n"),
            "{de}"
        );
    }
}
