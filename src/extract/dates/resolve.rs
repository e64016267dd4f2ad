//! Calendar arithmetic against the publication date: which year a "20. Juli" is in, which
//! Sunday "am Sonntag" means, what "vor drei Monaten" comes to. Every step is checked, so
//! a publication date at the edge of the calendar yields `None`, never a panic.

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

/// Which way the words around a date point from the publication date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// "ab", "bis", "from", "by", future tense: on or after the publication date.
    Forward,
    /// "seit", "vor", "last", past tense: on or before the publication date.
    Backward,
    /// The phrase's own clause is told in the past ("Im Februar reichte X Klage ein"):
    /// as Backward, but the pull reaches back a whole year, since what a clause narrates
    /// as done cannot lie ahead.
    Past,
    /// Nothing says: the nearest candidate wins.
    Neutral,
}

/// How far (in days) a directional cue may pull a date away from the nearest reading:
/// about nine months.
const PULL_WINDOW_DAYS: i64 = 274;

/// How far back a clause in the past tense pulls a date: a year.
const PAST_WINDOW_DAYS: i64 = 366;

/// The calendar units of relative phrases.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Unit {
    Day,
    Week,
    Month,
    Year,
}

/// Picks the year, among the year before, of and after `published`, for a date that the
/// text gives without a year. `interval(year)` is the first and last day the date covers
/// in that year (`None` when it does not exist that year).
///
/// Forward picks the earliest reading that ends on or after `published` and starts at most
/// about nine months after it; Backward the latest reading that starts on or before
/// `published` and ended at most about nine months before it (Past: a year before it);
/// when neither applies, or
/// for Neutral, the reading nearest to `published` wins (the earlier one on a tie).
pub(super) fn pick_year(
    published: NaiveDate,
    direction: Direction,
    interval: impl Fn(i32) -> Option<(NaiveDate, NaiveDate)>,
) -> Option<i32> {
    let year = published.year();
    let readings: Vec<(i32, NaiveDate, NaiveDate)> = [year.checked_sub(1), Some(year), year.checked_add(1)]
        .into_iter()
        .flatten()
        .filter_map(|y| interval(y).map(|(a, b)| (y, a, b)))
        .collect();
    let after = |a: NaiveDate| (a - published).num_days();
    let before = |b: NaiveDate| (published - b).num_days();
    let pulled = match direction {
        Direction::Forward => readings
            .iter()
            .filter(|&&(_, a, b)| b >= published && after(a) <= PULL_WINDOW_DAYS)
            .min_by_key(|&&(_, a, _)| a)
            .map(|&(y, _, _)| y),
        Direction::Backward | Direction::Past => readings
            .iter()
            .filter(|&&(_, a, b)| {
                let window = if direction == Direction::Past { PAST_WINDOW_DAYS } else { PULL_WINDOW_DAYS };
                a <= published && before(b) <= window
            })
            .max_by_key(|&&(_, a, _)| a)
            .map(|&(y, _, _)| y),
        Direction::Neutral => None,
    };
    pulled.or_else(|| {
        readings
            .iter()
            .min_by_key(|&&(y, a, b)| {
                let distance = if published < a {
                    after(a)
                } else if published > b {
                    before(b)
                } else {
                    0
                };
                (distance, y)
            })
            .map(|&(y, _, _)| y)
    })
}

/// The first and last day of `month` in `year`.
pub(super) fn month_interval(year: i32, month: u32) -> Option<(NaiveDate, NaiveDate)> {
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    let last = first.checked_add_months(Months::new(1))?.pred_opt()?;
    Some((first, last))
}

/// Resolves a day and month written without a year ("20. Juli", "Nov. 12") against the
/// publication date. `None` when the day does not exist in the chosen year ("29. Februar"
/// in a year that is not a leap year) or the month/day are out of range.
pub fn resolve_month_day(month: u32, day: u32, published: NaiveDate, direction: Direction) -> Option<NaiveDate> {
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    // The 29th of February chooses its year like the 28th, then must exist in it.
    let proxy = if month == 2 && day == 29 { 28 } else { day };
    let year = pick_year(published, direction, |y| NaiveDate::from_ymd_opt(y, month, proxy).map(|d| (d, d)))?;
    NaiveDate::from_ymd_opt(year, month, day)
}

/// The year of a month written without a year ("im Juni", "Mitte September").
pub fn resolve_month(month: u32, published: NaiveDate, direction: Direction) -> Option<i32> {
    if !(1..=12).contains(&month) {
        return None;
    }
    pick_year(published, direction, |y| month_interval(y, month))
}

/// The year of "last March" (`next` false: the last such month that ended before the
/// publication month, however far back) or "next March" (the first that starts after it).
pub(super) fn resolve_month_strict(month: u32, published: NaiveDate, next: bool) -> Option<i32> {
    if !(1..=12).contains(&month) {
        return None;
    }
    let year = published.year();
    let this_year_is_past = month < published.month();
    let this_year_is_ahead = month > published.month();
    if next {
        if this_year_is_ahead {
            Some(year)
        } else {
            year.checked_add(1)
        }
    } else if this_year_is_past {
        Some(year)
    } else {
        year.checked_sub(1)
    }
}

/// The weekday named in the text. Forward: the next such day on or after `published`;
/// Backward and Neutral: the last one on or before it. `strict` (for "kommenden",
/// "vergangenen", "next", "last") excludes the publication day itself.
pub(super) fn resolve_weekday(
    weekday: Weekday,
    published: NaiveDate,
    direction: Direction,
    strict: bool,
) -> Option<NaiveDate> {
    let target = weekday.num_days_from_monday();
    let today = published.weekday().num_days_from_monday();
    match direction {
        Direction::Forward => {
            let mut ahead = (target + 7 - today) % 7;
            if strict && ahead == 0 {
                ahead = 7;
            }
            published.checked_add_days(Days::new(u64::from(ahead)))
        }
        Direction::Backward | Direction::Past | Direction::Neutral => {
            let mut back = (today + 7 - target) % 7;
            if strict && back == 0 {
                back = 7;
            }
            published.checked_sub_days(Days::new(u64::from(back)))
        }
    }
}

/// The Saturday of the weekend the text means. Backward (the default): the weekend that
/// ended last (the current one when published on a Saturday or Sunday); with `strict`
/// ("am vergangenen Wochenende") the one before a weekend publication. Forward: the coming
/// weekend (the current one when published on a weekend day, unless `strict`).
pub(super) fn resolve_weekend(published: NaiveDate, direction: Direction, strict: bool) -> Option<NaiveDate> {
    let today = published.weekday();
    let on_weekend = matches!(today, Weekday::Sat | Weekday::Sun);
    let back = u64::from((today.num_days_from_monday() + 7 - Weekday::Sat.num_days_from_monday()) % 7);
    match direction {
        Direction::Forward => {
            if on_weekend && !strict {
                published.checked_sub_days(Days::new(back))
            } else {
                published.checked_add_days(Days::new(7 - back))
            }
        }
        Direction::Backward | Direction::Past | Direction::Neutral => {
            let back = if strict && on_weekend { back + 7 } else { back };
            published.checked_sub_days(Days::new(back))
        }
    }
}

/// `published` moved by `amount` units, forward or back.
pub(super) fn shift(published: NaiveDate, amount: u32, unit: Unit, forward: bool) -> Option<NaiveDate> {
    match unit {
        Unit::Day | Unit::Week => {
            let days = Days::new(u64::from(amount) * if unit == Unit::Week { 7 } else { 1 });
            if forward {
                published.checked_add_days(days)
            } else {
                published.checked_sub_days(days)
            }
        }
        Unit::Month | Unit::Year => {
            let months = Months::new(amount.checked_mul(if unit == Unit::Year { 12 } else { 1 })?);
            if forward {
                published.checked_add_months(months)
            } else {
                published.checked_sub_months(months)
            }
        }
    }
}

/// The year a two-digit year ("03.12.24") means: the one of the three centuries around
/// the publication year nearest to it, or 20xx/19xx split at 70 without one.
pub(super) fn expand_two_digit_year(yy: i32, published: Option<NaiveDate>) -> i32 {
    match published {
        Some(p) => {
            let century = p.year().div_euclid(100) * 100;
            [century - 100, century, century + 100]
                .into_iter()
                .map(|c| c + yy)
                .min_by_key(|y| (y - p.year()).abs())
                .unwrap_or(2000 + yy)
        }
        None if yy < 70 => 2000 + yy,
        None => 1900 + yy,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("test date")
    }

    #[test]
    fn year_follows_the_cue() {
        let p = d(2024, 7, 16);
        assert_eq!(resolve_month_day(7, 20, p, Direction::Forward), Some(d(2024, 7, 20)));
        assert_eq!(resolve_month_day(9, 29, p, Direction::Forward), Some(d(2024, 9, 29)));
        assert_eq!(resolve_month(6, p, Direction::Backward), Some(2024));
        let p = d(2024, 3, 1);
        assert_eq!(resolve_month_day(10, 1, p, Direction::Forward), Some(d(2024, 10, 1)));
        assert_eq!(resolve_month_day(10, 1, p, Direction::Neutral), Some(d(2023, 10, 1)));
        let p = d(2020, 12, 20);
        assert_eq!(resolve_month_day(1, 5, p, Direction::Forward), Some(d(2021, 1, 5)));
        let p = d(2021, 1, 10);
        assert_eq!(resolve_month(12, p, Direction::Backward), Some(2020));
        // The pull stops at about nine months: "Ende August" in September stays past.
        let p = d(2020, 9, 14);
        assert_eq!(resolve_month(8, p, Direction::Forward), Some(2020));
    }

    #[test]
    fn last_and_next_month_skip_the_publication_month() {
        let p = d(2022, 1, 28);
        assert_eq!(resolve_month_strict(3, p, false), Some(2021));
        assert_eq!(resolve_month_strict(1, p, false), Some(2021));
        assert_eq!(resolve_month_strict(3, p, true), Some(2022));
        assert_eq!(resolve_month_strict(1, p, true), Some(2023));
        let p = d(2022, 7, 1);
        assert_eq!(resolve_month_strict(3, p, false), Some(2022));
        assert_eq!(resolve_month_strict(3, p, true), Some(2023));
        assert_eq!(resolve_month_strict(13, p, true), None);
    }

    #[test]
    fn leap_days_exist_only_in_leap_years() {
        assert_eq!(resolve_month_day(2, 29, d(2023, 7, 1), Direction::Neutral), None);
        assert_eq!(resolve_month_day(2, 29, d(2024, 7, 1), Direction::Neutral), Some(d(2024, 2, 29)));
        assert_eq!(resolve_month_day(4, 31, d(2024, 7, 1), Direction::Neutral), None);
    }

    #[test]
    fn weekdays_and_weekends() {
        let friday = d(2020, 9, 18);
        assert_eq!(resolve_weekday(Weekday::Sun, friday, Direction::Forward, true), Some(d(2020, 9, 20)));
        assert_eq!(resolve_weekday(Weekday::Fri, friday, Direction::Forward, true), Some(d(2020, 9, 25)));
        assert_eq!(resolve_weekday(Weekday::Fri, friday, Direction::Backward, false), Some(friday));
        let monday = d(2020, 9, 14);
        assert_eq!(resolve_weekday(Weekday::Sun, monday, Direction::Backward, false), Some(d(2020, 9, 13)));
        assert_eq!(resolve_weekend(d(2020, 8, 17), Direction::Backward, false), Some(d(2020, 8, 15)));
        assert_eq!(resolve_weekend(d(2020, 8, 16), Direction::Backward, false), Some(d(2020, 8, 15)));
        assert_eq!(resolve_weekend(d(2020, 8, 16), Direction::Backward, true), Some(d(2020, 8, 8)));
        assert_eq!(resolve_weekend(d(2020, 8, 17), Direction::Forward, false), Some(d(2020, 8, 22)));
    }

    #[test]
    fn edges_of_the_calendar_do_not_panic() {
        for p in [NaiveDate::MIN, NaiveDate::MAX, d(1, 1, 1), d(9999, 12, 31)] {
            for dir in [Direction::Forward, Direction::Backward, Direction::Neutral] {
                let _ = resolve_month_day(2, 29, p, dir);
                let _ = resolve_month(12, p, dir);
                let _ = resolve_weekday(Weekday::Sun, p, dir, true);
                let _ = resolve_weekend(p, dir, true);
            }
            let _ = shift(p, 9999, Unit::Year, true);
            let _ = shift(p, 9999, Unit::Week, false);
        }
        assert_eq!(expand_two_digit_year(24, Some(d(2020, 1, 1))), 2024);
        assert_eq!(expand_two_digit_year(99, Some(d(2020, 1, 1))), 1999);
        assert_eq!(expand_two_digit_year(24, None), 2024);
    }
}
