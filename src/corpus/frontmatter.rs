//! The front matter of a Markdown article: a block of flat `key: value` lines between two
//! `---` lines at the top of the file. `#` comments, blank lines and quoted values are
//! allowed; unknown keys are ignored with a warning; bad values are errors that name the
//! line.

use chrono::NaiveDate;

use super::LoadError;
use crate::model::Lang;

/// What the front matter says, when the file has one.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Fields {
    pub title: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub published: Option<NaiveDate>,
    pub published_estimated: bool,
    pub language: Option<Lang>,
}

#[derive(Debug)]
pub(crate) struct FrontMatter {
    /// `None` when the file does not open with `---`.
    pub fields: Option<Fields>,
    /// Byte offset of the first byte after the front matter (after a BOM if there is no
    /// front matter).
    pub body_start: usize,
}

/// Reads the front matter at the top of `text`, if any.
pub(crate) fn parse(file: &str, text: &str) -> Result<FrontMatter, LoadError> {
    let bom = if text.starts_with('\u{FEFF}') { '\u{FEFF}'.len_utf8() } else { 0 };
    let mut lines = text[bom..].split_inclusive('\n');
    let Some(first) = lines.next() else {
        return Ok(FrontMatter { fields: None, body_start: bom });
    };
    if first.trim_end() != "---" {
        return Ok(FrontMatter { fields: None, body_start: bom });
    }
    let closed = text[bom + first.len()..].split_inclusive('\n').any(|l| matches!(l.trim(), "---" | "..."));
    if !closed {
        return Err(LoadError::new(file, Some(1), "unterminated front matter: the `---` on this line is never closed"));
    }
    let mut at = bom + first.len();
    let mut fields = Fields::default();
    for (i, raw) in lines.enumerate() {
        let line_no = i + 2;
        at += raw.len();
        let line = raw.trim_end_matches(['\n', '\r']).trim();
        if line == "---" || line == "..." {
            return Ok(FrontMatter { fields: Some(fields), body_start: at });
        }
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let err = |message: String| LoadError::new(file, Some(line_no), message);
        let Some((key, value)) = line.split_once(':') else {
            return Err(err(format!("front matter line `{line}` is not of the form `key: value`")));
        };
        let key = key.trim().to_ascii_lowercase();
        let value = unquote(value.trim());
        let text_value = (!value.is_empty()).then(|| value.to_string());
        match key.as_str() {
            "title" => fields.title = text_value,
            "source" | "publisher" => fields.source = text_value,
            "url" | "link" => fields.url = text_value,
            "published" | "date" => {
                fields.published = match text_value {
                    None => None,
                    Some(v) => Some(parse_date(&v).map_err(err)?),
                }
            }
            "published_estimated" => {
                fields.published_estimated = match value.to_ascii_lowercase().as_str() {
                    "true" | "yes" | "ja" => true,
                    "false" | "no" | "nein" | "" => false,
                    other => return Err(err(format!("published_estimated must be true or false, not `{other}`"))),
                }
            }
            "language" | "lang" => {
                fields.language = match text_value {
                    None => None,
                    Some(v) => Some(
                        Lang::parse(&v)
                            .ok_or_else(|| err(format!("unknown language code `{v}` (expected de or en)")))?,
                    ),
                }
            }
            other => tracing::warn!(file, line = line_no, key = other, "ignoring an unknown front matter key"),
        }
    }
    // Not reached: the closing line was found above.
    Err(LoadError::new(file, Some(1), "unterminated front matter: the `---` on this line is never closed"))
}

/// Removes one pair of matching quotes around a value.
fn unquote(v: &str) -> &str {
    for q in ['"', '\''] {
        if v.len() >= 2 && v.starts_with(q) && v.ends_with(q) {
            return &v[1..v.len() - 1];
        }
    }
    v
}

/// Parses `YYYY-MM-DD` (a time after it, `2024-07-16T15:11:00Z`, is allowed and ignored),
/// saying what is wrong when it cannot.
fn parse_date(v: &str) -> Result<NaiveDate, String> {
    let day = v.split(['T', ' ']).next().unwrap_or(v);
    let parts: Vec<&str> = day.split('-').collect();
    let digits = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
    if parts.len() != 3 || !digits(parts[0], 4) || !digits(parts[1], 2) || !digits(parts[2], 2) {
        return Err(format!("published date `{v}` is not of the form YYYY-MM-DD"));
    }
    let num = |p: &str| p.parse::<u32>().unwrap_or(0);
    let (y, m, d) = (num(parts[0]) as i32, num(parts[1]), num(parts[2]));
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| {
        if (1..=12).contains(&m) {
            format!("impossible date `{v}`: month {m} of {y} has no day {d}")
        } else {
            format!("impossible date `{v}`: there is no month {m}")
        }
    })
}
