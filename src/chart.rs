//! The `/timeline` chart: the measures against one entity on a date axis, one row per
//! measure (its dates as points joined by a bar), drawn with plotters into a PNG. Text
//! uses the bundled DejaVu Sans (assets/), so the chart looks the same on every machine.

use std::sync::OnceLock;

use anyhow::Context;
use chrono::{Datelike, NaiveDate};
use plotters::prelude::*;
use plotters::style::FontStyle;

use crate::answer::{Measure, StatusAnswer};
use crate::model::{Lang, PartialDate, Status};

static FONT: &[u8] = include_bytes!("../assets/DejaVuSans.ttf");
const FAMILY: &str = "tradewatch-sans";
const WIDTH: u32 = 960;
const ROW_HEIGHT: u32 = 38;
/// More rows than this would make an unreadable picture; the embed lists them all.
const MAX_ROWS: usize = 24;

fn font_ready() -> anyhow::Result<()> {
    static REGISTERED: OnceLock<bool> = OnceLock::new();
    let ok = *REGISTERED.get_or_init(|| plotters::style::register_font(FAMILY, FontStyle::Normal, FONT).is_ok());
    anyhow::ensure!(ok, "the bundled chart font cannot be read");
    Ok(())
}

fn status_color(s: Status) -> RGBColor {
    match s {
        Status::InForce => RGBColor(0xC0, 0x39, 0x2B),
        Status::Announced | Status::UnderReview => RGBColor(0xE6, 0x7E, 0x22),
        Status::Challenged | Status::Suspended => RGBColor(0x8E, 0x44, 0xAD),
        Status::Expired => RGBColor(0x7F, 0x8C, 0x8D),
        Status::Reported => RGBColor(0x2C, 0x7B, 0xB6),
    }
}

fn day_number(d: NaiveDate) -> i32 {
    d.num_days_from_ce()
}

fn axis_label(day: i32, lang: Lang) -> String {
    match NaiveDate::from_num_days_from_ce_opt(day) {
        Some(d) => match lang {
            Lang::De => d.format("%d.%m.%Y").to_string(),
            Lang::En => d.format("%b %-d, %Y").to_string(),
        },
        None => String::new(),
    }
}

/// The span of days a measure's dates cover (each date from its first to its last day).
fn measure_span(m: &Measure) -> Option<(i32, i32)> {
    let mut days: Vec<(NaiveDate, NaiveDate)> =
        m.dates.iter().filter_map(|(d, _)| Some((d.first_day()?, d.last_day()?))).collect();
    if days.is_empty() {
        let d: PartialDate = m.sort_date()?;
        days.push((d.first_day()?, d.last_day()?));
    }
    let start = days.iter().map(|(a, _)| *a).min()?;
    let end = days.iter().map(|(_, b)| *b).max()?;
    Some((day_number(start), day_number(end)))
}

/// Draws the timeline of `answer` as a PNG. Works for any number of measures, zero and
/// single dates included.
pub fn timeline_png(answer: &StatusAnswer, lang: Lang) -> anyhow::Result<Vec<u8>> {
    font_ready()?;
    let mut measures: Vec<&Measure> = answer.measures.iter().collect();
    measures.sort_by_key(|m| m.sort_date());
    measures.truncate(MAX_ROWS);
    let rows = measures.len().max(1);
    let height = 130 + ROW_HEIGHT * rows as u32;

    let spans: Vec<Option<(i32, i32)>> = measures.iter().map(|m| measure_span(m)).collect();
    let as_of = day_number(answer.as_of);
    let (mut lo, mut hi) =
        spans.iter().flatten().fold((i32::MAX, i32::MIN), |(lo, hi), &(a, b)| (lo.min(a), hi.max(b)));
    if lo > hi {
        (lo, hi) = (as_of, as_of);
    }
    // Show the day asked about when it is near the data; a far-away "today" would squash it.
    if as_of >= lo - 400 && as_of <= hi + 400 {
        lo = lo.min(as_of);
        hi = hi.max(as_of);
    }
    let pad = ((hi - lo) / 12).max(20);
    let (x0, x1) = (lo - pad, hi + pad);

    let dir = tempfile::tempdir().context("cannot create a temporary folder for the chart")?;
    let path = dir.path().join("timeline.png");
    {
        let root = BitMapBackend::new(&path, (WIDTH, height)).into_drawing_area();
        root.fill(&WHITE).map_err(|e| anyhow::anyhow!("chart: {e}"))?;
        let title = match lang {
            Lang::De => format!("{} — Maßnahmen im Zeitverlauf", answer.entity),
            Lang::En => format!("{} — measures over time", answer.entity),
        };
        let title: String = title.chars().take(90).collect();
        let labels: Vec<String> = measures
            .iter()
            .map(|m| {
                let l = format!("{} ({})", m.kind.label(lang), m.status.label(lang));
                l.chars().take(48).collect()
            })
            .collect();
        let n = rows as i32;
        let mut chart = ChartBuilder::on(&root)
            .caption(title, (FAMILY, 22))
            .margin(14)
            .x_label_area_size(36)
            .y_label_area_size(330)
            .build_cartesian_2d(x0..x1, -1..n)
            .map_err(|e| anyhow::anyhow!("chart: {e}"))?;
        let row_of = |i: usize| n - 1 - i as i32;
        chart
            .configure_mesh()
            .disable_y_mesh()
            .x_labels(6)
            .y_labels((n + 2) as usize)
            .x_label_formatter(&|d| axis_label(*d, lang))
            .y_label_formatter(&|y| {
                let i = n - 1 - *y;
                if (0..n).contains(&i) {
                    labels.get(i as usize).cloned().unwrap_or_default()
                } else {
                    String::new()
                }
            })
            .label_style((FAMILY, 14))
            .draw()
            .map_err(|e| anyhow::anyhow!("chart: {e}"))?;

        if (x0..=x1).contains(&as_of) {
            let red = RGBColor(0xD0, 0x20, 0x20);
            chart
                .draw_series(std::iter::once(PathElement::new(vec![(as_of, -1), (as_of, n)], red.stroke_width(1))))
                .map_err(|e| anyhow::anyhow!("chart: {e}"))?;
        }
        for (i, (m, span)) in measures.iter().zip(&spans).enumerate() {
            let Some((a, b)) = *span else { continue };
            let color = status_color(m.status);
            let y = row_of(i);
            if b > a {
                chart
                    .draw_series(std::iter::once(PathElement::new(vec![(a, y), (b, y)], color.stroke_width(5))))
                    .map_err(|e| anyhow::anyhow!("chart: {e}"))?;
            }
            let mut points: Vec<i32> = m.dates.iter().filter_map(|(d, _)| d.first_day()).map(day_number).collect();
            if points.is_empty() {
                points.push(a);
            }
            chart
                .draw_series(points.into_iter().map(|x| Circle::new((x, y), 6, color.filled())))
                .map_err(|e| anyhow::anyhow!("chart: {e}"))?;
        }
        if measures.is_empty() {
            let text = match lang {
                Lang::De => "Keine Maßnahmen in den Quellen",
                Lang::En => "No measures in the sources",
            };
            chart
                .draw_series(std::iter::once(Text::new(text, (x0 + pad / 2, 0), (FAMILY, 18))))
                .map_err(|e| anyhow::anyhow!("chart: {e}"))?;
        }
        root.present().map_err(|e| anyhow::anyhow!("chart: {e}"))?;
    }
    std::fs::read(&path).context("cannot read the rendered chart back")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Citation, DateRole, MeasureKind};

    fn status(measures: Vec<Measure>) -> StatusAnswer {
        StatusAnswer {
            entity: "TikTok".into(),
            query: "tiktok".into(),
            as_of: NaiveDate::from_ymd_opt(2020, 10, 1).unwrap(),
            newest_source: None,
            measures,
            lang: Lang::De,
            resolved_from: None,
        }
    }

    fn measure(dates: &[&str], st: Status) -> Measure {
        Measure {
            kind: MeasureKind::TransactionBan,
            summary: String::new(),
            authority: None,
            dates: dates.iter().map(|d| (PartialDate::parse(d).unwrap(), DateRole::Effective)).collect(),
            status: st,
            citations: Vec::<Citation>::new(),
            newest_source: None,
        }
    }

    fn is_png(b: &[u8]) -> bool {
        b.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A])
    }

    #[test]
    fn draws_zero_one_and_many_measures() {
        let cases = [
            status(vec![]),
            status(vec![measure(&["2020-09-20"], Status::InForce)]),
            status(vec![measure(&[], Status::Announced)]),
            status(vec![
                measure(&["2020-09-20", "2020-11-12"], Status::InForce),
                measure(&["2020-08"], Status::Announced),
                measure(&["2017"], Status::Expired),
            ]),
            status((0..40).map(|_| measure(&["2024-07-16"], Status::InForce)).collect()),
        ];
        for (i, s) in cases.iter().enumerate() {
            for lang in [Lang::De, Lang::En] {
                let png = timeline_png(s, lang).unwrap_or_else(|e| panic!("case {i}: {e:#}"));
                assert!(is_png(&png), "case {i}");
                assert!(png.len() > 1000, "case {i}: {} bytes", png.len());
                if let Some(dir) = std::env::var_os("TRADEWATCH_CHART_OUT") {
                    let _ = std::fs::write(std::path::Path::new(&dir).join(format!("chart_{i}_{lang:?}.png")), &png);
                }
            }
        }
    }
}
