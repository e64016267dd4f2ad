//! Shows what extraction reads from an article, sentence by sentence, and the mentions it
//! makes of them: the tool for finding why an answer says what it says.
//!
//!   cargo run --release --example explain -- FILE            (an article file)
//!   cargo run --release --example explain -- --sentences YYYY-MM-DD de|en < lines.txt

use std::io::Read;

use tradewatch::extract::{authorities, dates, entities, extract_article, measures};
use tradewatch::model::Lang;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.as_slice() {
        [flag, day, lang] if flag == "--sentences" => sentences(day, lang),
        [path] => article(path),
        _ => anyhow::bail!("usage: explain FILE | explain --sentences YYYY-MM-DD de|en < lines"),
    }
}

fn article(path: &str) -> anyhow::Result<()> {
    let bytes = std::fs::read(path)?;
    let name = std::path::Path::new(path).file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
    let article = tradewatch::corpus::parse_article(&name, &bytes).map_err(|e| anyhow::anyhow!("{e}"))?;
    let body: Vec<&str> =
        article.blocks.iter().filter(|b| !b.boilerplate).map(|b| &article.text[b.range.clone()]).collect();
    let discovered = entities::discover(&body.join("\n"), article.meta.language);
    for (i, p) in article.passages().iter().enumerate() {
        let text = &article.text[p.range.clone()];
        let lower = text.to_lowercase();
        let cues = measures::read(&lower);
        println!("[{i} b{}] {text}", p.block);
        if !cues.cues.is_empty() || cues.status.is_some() {
            let kinds: Vec<&str> = cues.cues.iter().map(|c| c.kind.as_str()).collect();
            let names: Vec<String> = entities::find(text, &discovered)
                .iter()
                .map(|h| if h.bystander { format!("({})", h.name) } else { h.name.clone() })
                .collect();
            println!(
                "      cues {kinds:?} status {:?} authority {:?} names {names:?}",
                cues.status,
                authorities::authority(&lower)
            );
        }
    }
    let extracted = extract_article(&article);
    println!();
    for m in &extracted.mentions {
        let dates: Vec<String> = m.dates.iter().map(|d| format!("{} {:?}", d.date, d.role)).collect();
        println!(
            "{} | {} | {:?} | {:?}{} | {dates:?}\n      {:?}",
            m.entity,
            m.kind.as_str(),
            m.authority,
            m.stated_status,
            if m.reinstated { " reinstated" } else { "" },
            m.citation.quote
        );
    }
    println!("entities {:?}", extracted.entities);
    Ok(())
}

fn sentences(day: &str, lang: &str) -> anyhow::Result<()> {
    let published = chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").ok();
    let lang = if lang == "en" { Lang::En } else { Lang::De };
    let ctx = dates::DateContext { published, lang };
    let mut input = String::new();
    std::io::stdin().read_to_string(&mut input)?;
    for line in input.lines().filter(|l| !l.trim().is_empty()) {
        let lower = line.to_lowercase();
        let cues = measures::read(&lower);
        let kinds: Vec<&str> = cues.cues.iter().map(|c| c.kind.as_str()).collect();
        println!("{line}\n   cues {kinds:?} status {:?} authority {:?}", cues.status, authorities::authority(&lower));
        for d in dates::extract(line, &ctx) {
            println!(
                "   date {} {:?}{} {:?}",
                d.date,
                d.role,
                if d.approximate { " ~" } else { "" },
                &line[d.span.clone()]
            );
        }
    }
    Ok(())
}
