//! `/status` and `/timeline`: the mentions stored for an entity grouped into measures
//! (one measure, however many sentences and articles report it), dated, and given a
//! standing as of a day.
//!
//! Grouping, in the order the sources were published: a mention joins the measure that
//! fits it best, where fitting needs the same kind family, compatible authorities and
//! no contradicting dates, and a join needs a reason: a shared date (exact day best),
//! the same kind, or, for the provisions of a ban package (payments, app stores,
//! hosting), the same paragraph as the measure's dated sentence.

use chrono::NaiveDate;

use super::Measure;
use crate::extract::authorities;
use crate::extract::measures::family;
use crate::model::{Citation, DateRole, Lang, MeasureKind, MeasureMention, PartialDate, Status};

/// A measure being assembled.
#[derive(Debug, Clone)]
struct Cluster {
    kinds: Vec<MeasureKind>,
    authority: Option<String>,
    dates: Vec<(PartialDate, DateRole)>,
    mentions: Vec<MeasureMention>,
    /// (article, block) of every mention, for the same-paragraph rule.
    places: Vec<(String, usize)>,
}

/// Kinds that are usually provisions of a larger order rather than measures of their own.
fn is_provision(kind: MeasureKind) -> bool {
    matches!(
        kind,
        MeasureKind::AppStoreBan
            | MeasureKind::ServiceBan
            | MeasureKind::TransactionBan
            | MeasureKind::Ban
            | MeasureKind::Sanctions
    )
}

fn is_generic(kind: MeasureKind) -> bool {
    matches!(kind, MeasureKind::Ban | MeasureKind::Sanctions)
}

fn families_fit(a: MeasureKind, b: MeasureKind) -> bool {
    family(a) == family(b)
        || (a == MeasureKind::Sanctions && b == MeasureKind::SanctionsIndividuals)
        || (b == MeasureKind::Sanctions && a == MeasureKind::SanctionsIndividuals)
}

/// True if `a` and `b` can mean the same time: one lies within the other.
fn dates_overlap(a: &PartialDate, b: &PartialDate) -> bool {
    a.contains(b) || b.contains(a)
}

fn key_dates(dates: &[(PartialDate, DateRole)], role: DateRole) -> Vec<PartialDate> {
    dates.iter().filter(|(_, r)| *r == role).map(|(d, _)| *d).collect()
}

/// True if for some role both sides carry dates and none of them agree. Deadlines are
/// compared only between articles: one article may give a measure several (phases:
/// "bis Ende 2026 aus dem Kernnetz, bis 2029 aus dem Zugangsnetz").
fn dates_conflict(a: &[(PartialDate, DateRole)], b: &[(PartialDate, DateRole)], same_article: bool) -> bool {
    let roles: &[DateRole] = if same_article {
        &[DateRole::Effective, DateRole::Announced]
    } else {
        &[DateRole::Effective, DateRole::Deadline, DateRole::Announced]
    };
    roles.iter().copied().any(|role| {
        let x = key_dates(a, role);
        let y = key_dates(b, role);
        !x.is_empty() && !y.is_empty() && !x.iter().any(|d| y.iter().any(|e| dates_overlap(d, e)))
    })
}

/// 5 for an exact shared effective/deadline/announced date, 3 for one date within the
/// other, 0 for none.
fn shared_date_score(a: &[(PartialDate, DateRole)], b: &[(PartialDate, DateRole)]) -> u32 {
    let keyed = |r: &DateRole| matches!(r, DateRole::Effective | DateRole::Deadline | DateRole::Announced);
    let mut best = 0;
    for (d, r) in a.iter().filter(|(_, r)| keyed(r)) {
        for (e, s) in b.iter().filter(|(_, s)| keyed(s)) {
            let same_side = (*r == DateRole::Announced) == (*s == DateRole::Announced);
            if !same_side {
                continue;
            }
            if d == e && d.precision() == 2 {
                best = best.max(5);
            } else if dates_overlap(d, e) {
                best = best.max(3);
            }
        }
    }
    best
}

/// The dates of a mention as its measure's. A sentence that says a measure ended
/// ("mit Wirkung zum 15. Oktober von der Entity List gestrichen", "lifted the ban on
/// Tuesday") dates the end: its latest date of an act is when the measure expired, while
/// an earlier one ("the ban, which took effect in 2020, was lifted") stays the start.
fn mention_dates(m: &MeasureMention) -> Vec<(PartialDate, DateRole)> {
    // The act is the latest announced date ("lifted ... on Tuesday", "mit Wirkung zum
    // 15. Oktober gestrichen"); an effective date of that day goes with it. A start the
    // sentence only looks back to ("had been on the list since 2021") stays a start.
    // A court's ruling or a suspension dates itself the same way, as a report: it
    // neither starts the measure nor contradicts its start.
    let acts = |r: DateRole| matches!(r, DateRole::Effective | DateRole::Announced);
    let stop = match m.stated_status {
        Some(Status::Expired) => Some(DateRole::Expires),
        Some(Status::Challenged | Status::Suspended) => Some(DateRole::Reported),
        _ => None,
    };
    let ended = stop.and_then(|_| m.dates.iter().filter(|d| d.role == DateRole::Announced).map(|d| d.date).max());
    let mut out: Vec<(PartialDate, DateRole)> = Vec::with_capacity(m.dates.len());
    for d in &m.dates {
        let role = match stop {
            Some(r) if Some(d.date) == ended && acts(d.role) => r,
            _ => d.role,
        };
        if !out.contains(&(d.date, role)) {
            out.push((d.date, role));
        }
    }
    out
}

fn has_key_dates(dates: &[(PartialDate, DateRole)]) -> bool {
    dates.iter().any(|(_, r)| *r != DateRole::Reported)
}

/// How well `m` fits `c`; 0 when it must not join.
fn fit(c: &Cluster, m: &MeasureMention) -> u32 {
    let primary = c.kinds[0];
    if !c.kinds.iter().any(|k| families_fit(*k, m.kind)) || !families_fit(primary, m.kind) {
        return 0;
    }
    if !authorities::compatible(c.authority.as_deref(), m.authority.as_deref()) {
        return 0;
    }
    // "sanctions on X and two of its executives": one sentence, two measures.
    let told_apart = |k: MeasureKind| {
        matches!(
            (k, m.kind),
            (MeasureKind::Sanctions, MeasureKind::SanctionsIndividuals)
                | (MeasureKind::SanctionsIndividuals, MeasureKind::Sanctions)
        )
    };
    if c.mentions
        .iter()
        .any(|o| told_apart(o.kind) && o.citation.article == m.citation.article && o.sentence == m.sentence)
    {
        return 0;
    }
    let md = mention_dates(m);
    let same_article = c.places.iter().any(|(a, _)| a == &m.citation.article);
    if dates_conflict(&c.dates, &md, same_article) {
        return 0;
    }
    let mut score = shared_date_score(&c.dates, &md);
    let package = is_provision(m.kind) && c.kinds.iter().all(|k| is_provision(*k));
    if score < 5 && family(m.kind) == 0 && !package && !c.kinds.contains(&m.kind) {
        // Another kind of measure in the same month is another measure (a data deletion
        // order due in November beside a ban from 12 November); only the same day joins,
        // or a month shared by provisions of one ban package.
        score = 0;
    }
    if c.kinds.contains(&m.kind) {
        score += 2;
    } else if family(m.kind) != 0 && family(m.kind) == family(primary) {
        // Reactions, reviews, warnings: one per family unless dates say otherwise.
        score += 2;
    } else if is_generic(m.kind) && !has_key_dates(&md) {
        score += 1;
    }
    let same_paragraph = c.places.iter().any(|(a, b)| a == &m.citation.article && *b == m.block);
    if score == 0
        && (is_provision(m.kind) || c.kinds.iter().all(|k| is_provision(*k)))
        && !has_key_dates(&md)
        && same_paragraph
    {
        score = 1;
    }
    // A generic "ban" in the paragraph of a specific measure tells more of it ("Neue
    // Komponenten der Hersteller dürfen ab 1. Januar nicht mehr verbaut werden").
    if score == 0 && is_generic(m.kind) && same_paragraph {
        score = 1;
    }
    score
}

/// Groups mentions (of one entity) into measures, in date order, with standing as of
/// `as_of`.
pub fn measures(mut mentions: Vec<MeasureMention>, entity: &str, as_of: NaiveDate, lang: Lang) -> Vec<Measure> {
    mentions.sort_by(|a, b| {
        (a.citation.published, &a.citation.article, a.sentence).cmp(&(
            b.citation.published,
            &b.citation.article,
            b.sentence,
        ))
    });
    // A generic "ban" or "sanctions" that carries a date joins last, the measure of that
    // date among all the sources told ("eine Frist bis zum 12. November" belongs to the
    // measure from 12 November, told a sentence later).
    let (specific, generic): (Vec<_>, Vec<_>) =
        mentions.into_iter().partition(|m| !(is_generic(m.kind) && has_key_dates(&mention_dates(m))));
    let mut clusters: Vec<Cluster> = Vec::new();
    for m in specific.into_iter().chain(generic) {
        let best = clusters
            .iter()
            .enumerate()
            .map(|(i, c)| (fit(c, &m), i))
            .filter(|(s, _)| *s > 0)
            .max_by_key(|(s, i)| (*s, usize::MAX - i));
        match best {
            Some((_, i)) => join(&mut clusters[i], m),
            None => clusters.push(Cluster {
                kinds: vec![m.kind],
                authority: m.authority.clone(),
                dates: mention_dates(&m),
                places: vec![(m.citation.article.clone(), m.block)],
                mentions: vec![m],
            }),
        }
    }
    // A measure nobody had announced or reported by `as_of` did not exist on that day.
    clusters.retain(|c| known_since(c).is_none_or(|d| d <= as_of));
    let mut out: Vec<Measure> = clusters.into_iter().map(|c| finish(c, entity, as_of, lang)).collect();
    out.sort_by(|a, b| {
        let ka = a.sort_date().and_then(|d| d.first_day());
        let kb = b.sort_date().and_then(|d| d.first_day());
        ka.cmp(&kb).then_with(|| a.kind.cmp(&b.kind))
    });
    out
}

/// The first day a measure was known: its earliest announcement or start, or the first
/// source that reported it.
fn known_since(c: &Cluster) -> Option<NaiveDate> {
    let dated = c
        .dates
        .iter()
        .filter(|(_, r)| matches!(r, DateRole::Announced | DateRole::Effective))
        .filter_map(|(d, _)| d.first_day());
    let reported = c.mentions.iter().filter_map(|m| m.citation.published);
    dated.chain(reported).min()
}

fn join(c: &mut Cluster, m: MeasureMention) {
    if !c.kinds.contains(&m.kind) {
        c.kinds.push(m.kind);
    }
    match (&c.authority, &m.authority) {
        (None, Some(a)) => c.authority = Some(a.clone()),
        (Some(x), Some(a)) if x == "US-Regierung" && a != x => c.authority = Some(a.clone()),
        _ => {}
    }
    for d in mention_dates(&m) {
        if !c.dates.contains(&d) {
            c.dates.push(d);
        }
    }
    c.places.push((m.citation.article.clone(), m.block));
    c.mentions.push(m);
}

/// The primary kind: the first specific kind reported, else sanctions over a bare "ban"
/// (the vaguest word), else the first.
fn primary_kind(kinds: &[MeasureKind]) -> MeasureKind {
    let specific = kinds.iter().copied().find(|k| !is_generic(*k));
    specific.or_else(|| kinds.iter().copied().find(|k| *k == MeasureKind::Sanctions)).unwrap_or(kinds[0])
}

/// Keeps, per role, only the most precise of dates that lie within one another.
fn tidy_dates(dates: &[(PartialDate, DateRole)]) -> Vec<(PartialDate, DateRole)> {
    let mut out: Vec<(PartialDate, DateRole)> = Vec::new();
    for &(d, r) in dates {
        let covered = dates.iter().any(|&(e, s)| s == r && e != d && d.contains(&e) && e.precision() > d.precision());
        if !covered && !out.contains(&(d, r)) {
            out.push((d, r));
        }
    }
    out.sort_by_key(|(d, r)| (d.first_day(), *r));
    out
}

fn finish(mut c: Cluster, entity: &str, as_of: NaiveDate, lang: Lang) -> Measure {
    // In the order the sources were published, as the standing reads them.
    c.mentions.sort_by(|a, b| {
        (a.citation.published, &a.citation.article, a.sentence).cmp(&(
            b.citation.published,
            &b.citation.article,
            b.sentence,
        ))
    });
    let kind = primary_kind(&c.kinds);
    let mut citations: Vec<Citation> = Vec::new();
    for m in &c.mentions {
        if !citations.iter().any(|x| x.article == m.citation.article && x.range == m.citation.range) {
            citations.push(m.citation.clone());
        }
    }
    // A sentence quoted inside a longer citation of the same article adds nothing.
    let inner = |c: &Citation| {
        citations.iter().any(|o| {
            o.article == c.article && o.range != c.range && o.range.start <= c.range.start && c.range.end <= o.range.end
        })
    };
    let keep: Vec<bool> = citations.iter().map(|c| !inner(c)).collect();
    let mut keep = keep.into_iter();
    citations.retain(|_| keep.next().unwrap_or(true));
    citations.sort_by(|a, b| (a.published, &a.article, a.range.start).cmp(&(b.published, &b.article, b.range.start)));
    let newest_source = citations.iter().filter_map(|c| c.published).max();
    let mut dates = tidy_dates(&c.dates);
    if dates.is_empty() {
        // Nothing dated in the text: the measure was reported by its first source.
        if let Some(first) = citations.iter().filter_map(|c| c.published).min() {
            dates.push((PartialDate::day(first), DateRole::Reported));
        }
    }
    let status = standing(kind, &dates, &c.mentions, as_of);
    let first_reported = citations.iter().filter_map(|c| c.published).min();
    let summary = summary(kind, &c.kinds, entity, c.authority.as_deref(), &dates, first_reported, lang);
    Measure { kind, summary, authority: c.authority, dates, status, citations, newest_source }
}

/// Where a measure stands on `as_of`.
fn standing(
    kind: MeasureKind,
    dates: &[(PartialDate, DateRole)],
    mentions: &[MeasureMention],
    as_of: NaiveDate,
) -> Status {
    if kind.is_reaction() || kind == MeasureKind::Warning {
        return Status::Reported;
    }
    let in_view = |m: &MeasureMention| m.citation.published.is_none_or(|p| p <= as_of);
    // What the sources said last counts: a reinstatement ends the challenge or suspension
    // reported before it (the mentions are in the order their sources were published).
    let from = mentions.iter().rposition(|m| m.reinstated && in_view(m)).unwrap_or(0);
    let stated_by =
        |st: Status| mentions.get(from..).unwrap_or(&[]).iter().any(|m| m.stated_status == Some(st) && in_view(m));
    // An investment review that ended in a prohibition ("hat die Übernahme untersagt")
    // stands as the prohibition does; any other review is pending.
    let decided = kind == MeasureKind::InvestmentReview && (stated_by(Status::InForce) || stated_by(Status::Expired));
    if matches!(kind, MeasureKind::UnderReview | MeasureKind::InvestmentReview) && !decided {
        return Status::UnderReview;
    }
    let expiry = dates.iter().filter(|(_, r)| *r == DateRole::Expires).filter_map(|(d, _)| d.last_day()).min();
    if expiry.is_some_and(|e| e < as_of) || stated_by(Status::Expired) {
        return Status::Expired;
    }
    // A vague month ("ab Mitte September") starts mid-month, not on the first.
    let vague = |d: &PartialDate| {
        mentions.iter().any(|m| m.dates.iter().any(|x| x.date == *d && x.approximate && x.role == DateRole::Effective))
    };
    let start = |d: &PartialDate| match (d.precision(), vague(d)) {
        (1, true) => d.first_day().and_then(|f| f.checked_add_days(chrono::Days::new(14))),
        _ => d.first_day(),
    };
    let effective = dates.iter().filter(|(_, r)| *r == DateRole::Effective).filter_map(|(d, _)| start(d)).min();
    match effective {
        Some(e) if as_of < e => {
            // A court may stop a measure before it takes effect.
            if stated_by(Status::Challenged) {
                Status::Challenged
            } else if stated_by(Status::Suspended) {
                Status::Suspended
            } else {
                Status::Announced
            }
        }
        Some(_) => {
            if stated_by(Status::Challenged) {
                Status::Challenged
            } else {
                Status::InForce
            }
        }
        None => {
            let imposed = mentions.iter().any(|m| m.stated_status == Some(Status::InForce));
            let since = dates
                .iter()
                .filter(|(_, r)| *r != DateRole::Deadline)
                .filter_map(|(d, _)| d.first_day())
                .min()
                .or_else(|| mentions.iter().filter_map(|m| m.citation.published).min());
            if stated_by(Status::Challenged) {
                Status::Challenged
            } else if stated_by(Status::Suspended) {
                // "delaying enforcement of the ban by 75 days", with no date it starts.
                Status::Suspended
            } else if imposed && since.is_none_or(|s| s <= as_of) {
                Status::InForce
            } else {
                Status::Announced
            }
        }
    }
}

/// A date in the reader's format: 20.09.2020 / 09.2020 / 2020, or Sep 20, 2020.
pub fn format_date(d: &PartialDate, lang: Lang) -> String {
    const EN: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    match (lang, d.month, d.day) {
        (Lang::De, Some(m), Some(day)) => format!("{day:02}.{m:02}.{}", d.year),
        (Lang::De, Some(m), None) => format!("{m:02}.{}", d.year),
        (Lang::En, Some(m), Some(day)) => format!("{} {day}, {}", EN[(m as usize).clamp(1, 12) - 1], d.year),
        (Lang::En, Some(m), None) => format!("{} {}", EN[(m as usize).clamp(1, 12) - 1], d.year),
        _ => d.year.to_string(),
    }
}

/// An authority's name in the answer language. Authorities are stored under their
/// German names (as the JSON of `ask --json` carries them); English answers show the
/// English name where one is known.
pub fn authority_label(authority: &str, lang: Lang) -> &str {
    authorities::label(authority, lang == Lang::En)
}

/// What a date means for a measure, in the answer language ("wirksam ab 20.09.2020").
pub fn role_label(role: DateRole, lang: Lang) -> &'static str {
    match (role, lang) {
        (DateRole::Announced, Lang::De) => "angekündigt",
        (DateRole::Announced, Lang::En) => "announced",
        (DateRole::Effective, Lang::De) => "wirksam ab",
        (DateRole::Effective, Lang::En) => "effective",
        (DateRole::Deadline, Lang::De) => "Frist",
        (DateRole::Deadline, Lang::En) => "deadline",
        (DateRole::Expires, Lang::De) => "läuft aus",
        (DateRole::Expires, Lang::En) => "expires",
        (DateRole::Reported, Lang::De) => "erwähnt",
        (DateRole::Reported, Lang::En) => "mentioned",
    }
}

fn summary(
    kind: MeasureKind,
    kinds: &[MeasureKind],
    entity: &str,
    authority: Option<&str>,
    dates: &[(PartialDate, DateRole)],
    first_reported: Option<NaiveDate>,
    lang: Lang,
) -> String {
    let mut labels: Vec<&str> = vec![kind.label(lang)];
    for k in kinds {
        if *k != kind && !is_generic(*k) && !labels.contains(&k.label(lang)) {
            labels.push(k.label(lang));
        }
    }
    let what = labels.join(", ");
    let mut s = match authority {
        Some(a) if !kind.is_reaction() => format!("{what}: {entity} ({})", authority_label(a, lang)),
        _ => format!("{what}: {entity}"),
    };
    let key = [DateRole::Effective, DateRole::Deadline, DateRole::Announced]
        .into_iter()
        .find_map(|r| dates.iter().find(|(_, x)| *x == r))
        .map(|(d, r)| (*d, role_label(*r, lang)))
        .or_else(|| {
            let label = if lang == Lang::De { "berichtet" } else { "reported" };
            first_reported.map(|d| (PartialDate::day(d), label))
        });
    if let Some((d, label)) = key {
        s.push_str(&format!(", {label} {}", format_date(&d, lang)));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::DateMention;

    fn mention(
        entity: &str,
        kind: MeasureKind,
        auth: Option<&str>,
        dates: &[(&str, DateRole)],
        article: &str,
        block: usize,
        sentence: usize,
    ) -> MeasureMention {
        MeasureMention {
            entity: entity.into(),
            kind,
            authority: auth.map(String::from),
            dates: dates
                .iter()
                .map(|(d, r)| DateMention {
                    date: PartialDate::parse(d).expect("test date"),
                    role: *r,
                    span: 0..0,
                    approximate: false,
                })
                .collect(),
            citation: Citation {
                article: article.into(),
                source: None,
                published: NaiveDate::from_ymd_opt(2020, 9, 18),
                url: None,
                quote: format!("sentence {sentence}"),
                range: sentence * 10..sentence * 10 + 5,
            },
            block,
            sentence,
            stated_status: None,
            reinstated: false,
        }
    }

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test day")
    }

    #[test]
    fn provisions_with_one_date_form_one_measure_and_other_dates_another() {
        use DateRole::*;
        let ms = vec![
            mention(
                "X",
                MeasureKind::Sanctions,
                Some("US-Handelsministerium"),
                &[("2020-09-20", Effective)],
                "a.md",
                0,
                0,
            ),
            mention("X", MeasureKind::Ban, None, &[("2020-11-12", Deadline)], "a.md", 0, 1),
            mention("X", MeasureKind::TransactionBan, None, &[("2020-09-20", Effective)], "a.md", 1, 2),
            mention("X", MeasureKind::AppStoreBan, None, &[], "a.md", 1, 3),
            mention("X", MeasureKind::ServiceBan, None, &[("2020-11-12", Effective)], "a.md", 2, 4),
        ];
        let out = measures(ms, "X", day("2020-12-01"), Lang::De);
        assert_eq!(out.len(), 2, "{out:#?}");
        assert_eq!(out[0].kind, MeasureKind::TransactionBan);
        assert_eq!(out[0].citations.len(), 3);
        assert_eq!(out[1].kind, MeasureKind::ServiceBan);
        assert_eq!(out[1].citations.len(), 2);
        assert!(out.iter().all(|m| m.status == Status::InForce));
        // Reported on 18 September, in force from the 20th.
        let before = measures(
            vec![mention("X", MeasureKind::Sanctions, None, &[("2020-09-20", Effective)], "a.md", 0, 0)],
            "X",
            day("2020-09-19"),
            Lang::De,
        );
        assert_eq!(before[0].status, Status::Announced);
        let unknown = measures(
            vec![mention("X", MeasureKind::Sanctions, None, &[("2020-09-20", Effective)], "a.md", 0, 0)],
            "X",
            day("2020-09-01"),
            Lang::De,
        );
        assert!(unknown.is_empty(), "no source had told of it by 1 September: {unknown:#?}");
    }

    fn published(mut m: MeasureMention, day: &str) -> MeasureMention {
        m.citation.published = NaiveDate::parse_from_str(day, "%Y-%m-%d").ok();
        m
    }

    #[test]
    fn the_standing_the_sources_told_last_counts() {
        use DateRole::*;
        let law = published(
            mention("X", MeasureKind::AppStoreBan, None, &[("2026-01-01", Effective)], "a.md", 0, 0),
            "2025-05-20",
        );
        let mut blocked = published(mention("X", MeasureKind::AppStoreBan, None, &[], "b.md", 0, 0), "2025-12-02");
        blocked.stated_status = Some(Status::Challenged);
        let mut stayed = published(mention("X", MeasureKind::AppStoreBan, None, &[], "c.md", 0, 0), "2026-03-20");
        stayed.stated_status = Some(Status::InForce);
        stayed.reinstated = true;
        let all = vec![law, blocked, stayed];
        let on = |d: &str| measures(all.clone(), "X", day(d), Lang::En);
        assert_eq!(on("2025-06-01")[0].status, Status::Announced);
        // Stopped by a court before it took effect.
        assert_eq!(on("2025-12-15")[0].status, Status::Challenged);
        assert_eq!(on("2026-02-01")[0].status, Status::Challenged);
        assert_eq!(on("2026-04-01")[0].status, Status::InForce);
        assert_eq!(on("2026-04-01").len(), 1);
    }

    #[test]
    fn kinds_apart_in_one_month_stay_apart_and_a_dated_generic_finds_its_day() {
        use DateRole::*;
        let ms = vec![
            mention("X", MeasureKind::DataDeletion, None, &[("2020-11", Deadline)], "a.md", 0, 0),
            mention("X", MeasureKind::Ban, None, &[("2020-11-12", Deadline)], "b.md", 0, 0),
            mention("X", MeasureKind::ServiceBan, None, &[("2020-11-12", Effective)], "b.md", 1, 1),
        ];
        let out = measures(ms, "X", day("2020-12-01"), Lang::De);
        assert_eq!(out.len(), 2, "{out:#?}");
        let service = out.iter().find(|m| m.kind == MeasureKind::ServiceBan).expect("the service ban");
        assert_eq!(service.citations.len(), 2, "the deadline of 12 November is the service ban's");
    }

    #[test]
    fn different_authorities_and_contradicting_dates_stay_apart() {
        use DateRole::*;
        let ms = vec![
            mention("X", MeasureKind::TransactionBan, Some("US-Präsident"), &[("2020-08", Announced)], "a.md", 0, 0),
            mention(
                "X",
                MeasureKind::TransactionBan,
                Some("US-Handelsministerium"),
                &[("2020-09-20", Effective)],
                "b.md",
                0,
                0,
            ),
            mention("X", MeasureKind::SalesBan, None, &[("2024-09-29", Effective)], "c.md", 0, 0),
            mention("X", MeasureKind::SalesBan, None, &[("2025-01-01", Effective)], "d.md", 0, 0),
        ];
        assert_eq!(measures(ms, "X", day("2026-01-01"), Lang::En).len(), 4);
    }

    #[test]
    fn a_standalone_kind_in_the_same_paragraph_stays_its_own_measure() {
        use DateRole::*;
        let ms = vec![
            mention("K", MeasureKind::SalesBan, Some("US-Regierung"), &[("2024-09-29", Effective)], "a.md", 3, 0),
            mention("K", MeasureKind::EntityList, None, &[], "a.md", 3, 1),
        ];
        assert_eq!(measures(ms, "K", day("2024-10-01"), Lang::De).len(), 2);
    }

    #[test]
    fn reactions_of_one_kind_family_merge() {
        use DateRole::*;
        let ms = vec![
            mention("K", MeasureKind::MarketExit, Some("K"), &[], "a.md", 0, 0),
            mention("K", MeasureKind::Layoffs, Some("K"), &[("2024-07-20", Effective)], "a.md", 0, 1),
            mention("K", MeasureKind::MarketExit, Some("K"), &[("2024-07-20", Effective)], "b.md", 2, 4),
        ];
        let out = measures(ms, "K", day("2024-08-01"), Lang::De);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].status, Status::Reported);
    }

    #[test]
    fn a_vague_month_starts_mid_month_and_a_suspension_shows_until_then() {
        use DateRole::*;
        let mut m =
            mention("X", MeasureKind::TransactionBan, Some("US-Präsident"), &[("2020-09", Effective)], "a.md", 0, 0);
        m.dates[0].approximate = true;
        m.stated_status = Some(Status::Suspended);
        // The suspension is known from a source of August.
        m.citation.published = NaiveDate::from_ymd_opt(2020, 8, 17);
        let at = |d: &str| measures(vec![m.clone()], "X", day(d), Lang::De)[0].status;
        assert_eq!(at("2020-09-01"), Status::Suspended);
        assert_eq!(at("2020-09-14"), Status::Suspended);
        assert_eq!(at("2020-09-15"), Status::InForce);
        m.dates[0].approximate = false;
        assert_eq!(measures(vec![m], "X", day("2020-09-01"), Lang::De)[0].status, Status::InForce);
    }

    #[test]
    fn authorities_in_the_answer_language() {
        assert_eq!(authority_label("US-Handelsministerium", Lang::De), "US-Handelsministerium");
        assert_eq!(authority_label("US-Handelsministerium", Lang::En), "US Commerce Department");
        assert_eq!(authority_label("CFIUS", Lang::En), "CFIUS");
    }

    #[test]
    fn dates_in_the_readers_format() {
        let d = PartialDate::parse("2020-09-20").expect("date");
        assert_eq!(format_date(&d, Lang::De), "20.09.2020");
        assert_eq!(format_date(&d, Lang::En), "Sep 20, 2020");
        assert_eq!(format_date(&PartialDate::month(2020, 9), Lang::De), "09.2020");
        assert_eq!(format_date(&PartialDate::year(2017), Lang::En), "2017");
    }
}
