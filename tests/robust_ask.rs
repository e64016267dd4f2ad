//! Hostile questions to `ask --json`: whatever is typed, stdout is one JSON object (an
//! answer or `{"command", "error"}`), the exit status is 0, 1 or 2, and nothing panics.
//! Questions that are bad as questions (empty, unknown command, impossible date) must
//! be refused with status 2 and an error, not answered.

#[path = "robust_support/mod.rs"]
mod support;

use serde_json::Value;
use support::Sandbox;

/// What a hostile question must get.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Expect {
    /// Any well-formed outcome: an answer (0) or an error (1 or 2).
    Anything,
    /// A refusal: status 2 and an `error`.
    Refused,
    /// An answer: status 0 and no `error`.
    Answered,
}

fn hostile() -> Vec<(String, Vec<String>, Expect)> {
    use Expect::*;
    let q = |s: &str, e: Expect| (s.to_string(), Vec::new(), e);
    let with = |s: &str, flags: &[&str], e: Expect| (s.to_string(), flags.iter().map(|f| f.to_string()).collect(), e);
    let mut v = vec![
        // Empty and blank.
        q("", Refused),
        q("   ", Refused),
        q("/", Refused),
        q("//", Anything),
        q("\t\n", Refused),
        // Very long.
        q(&"a".repeat(5000), Refused),
        q(&format!("/status {}", "x".repeat(5000)), Refused),
        q(&format!("/search {}", "Verbot ".repeat(715)), Refused),
        q(&format!("/status {}", "ä".repeat(499)), Anything),
        // Unbalanced quotes and brackets.
        q("/status \"Kaspersky", Anything),
        q("/status entity:\"tik", Anything),
        q("/search (((Verbot", Answered),
        q("/search ]]]}}}", Answered),
        q("/search 'Verkaufsverbot", Answered),
        q("/search «Verbot", Answered),
        q("/status entity:\"\"", Refused),
        q("/timeline entity:''", Refused),
        q("/search query:''", Refused),
        q("/status as_of:\"2020-01-01", Anything),
        // Tantivy query syntax, which must be read as words.
        q("/search title:x AND (", Answered),
        q("/search *", Answered),
        q("/search \"", Answered),
        q("/search Verbot~2", Answered),
        q("/search Verbot^3", Answered),
        q("/search +Verbot -TikTok", Answered),
        q("/search a OR OR AND NOT b", Answered),
        q("/search [a TO b]", Answered),
        q("/search field:", Answered),
        q("/search \\", Answered),
        q("/search IN [1 2 3]", Answered),
        q("/status *", Anything),
        q("/status title:x AND (", Anything),
        q("/timeline ~^*\"", Anything),
        // Control and bidi characters (NUL cannot be passed in argv).
        q("/status \u{202E}kcotkit", Anything),
        q("/search \u{1}\u{2}\u{7}\u{1b}[31m\u{7f}", Anything),
        q("/status tik\u{200B}tok", Anything),
        q("\u{1}/status tiktok", Anything),
        q("/search \u{FEFF}\u{2066}Verbot\u{2069}", Answered),
        q("/status \u{1}", Anything),
        q("/search \u{0301}\u{0301}\u{0301}", Anything),
        // Emoji floods.
        q(&format!("/search {}", "🔥".repeat(490)), Anything),
        q(&format!("/status {}", "👍🏽".repeat(200)), Anything),
        q(&"🇩🇪".repeat(240), Refused),
        q(&format!("/search {}", "👨‍👩‍👧‍👦".repeat(60)), Anything),
        // Path-like arguments.
        q("../../etc/passwd", Refused),
        q("/status ../../x", Anything),
        q("/search /etc/passwd", Answered),
        q("/status entity:../../../index/meta.json", Anything),
        q("/timeline ..\\..\\windows\\system32", Anything),
        q("/sources ../../etc", Anything),
        // Unknown commands and missing arguments.
        q("/ban tiktok", Refused),
        q("/statuss tiktok", Refused),
        q("/status", Refused),
        q("/search", Refused),
        q("/timeline", Refused),
        q("/status tiktok frobnicate:1", Anything),
        q("/drop table articles;", Refused),
        // Impossible as_of dates, in the command and as the flag.
        q("/status tiktok as_of:2020-02-30", Refused),
        q("/status tiktok as_of:2020-13-01", Refused),
        q("/status tiktok as_of:0000-00-00", Refused),
        q("/status tiktok as_of:99999-01-01", Refused),
        q("/status tiktok as_of:-2020-01-01", Refused),
        q("/status tiktok as_of:", Anything),
        with("/status tiktok", &["--as-of", "2020-02-30"], Refused),
        with("/status tiktok", &["--as-of", "2020-13-01"], Refused),
        with("/status tiktok", &["--as-of", "0000-00-00"], Refused),
        with("/status tiktok", &["--as-of", "+262143-12-31"], Refused),
        with("/status tiktok", &["--as-of", ""], Refused),
        with("/status tiktok", &["--lang", "xx"], Refused),
        with("/status tiktok", &["--lang", "\u{202E}de"], Refused),
        // Extreme but real dates are answered.
        q("/status tiktok as_of:0001-01-01", Answered),
        q("/status tiktok as_of:9999-12-31", Answered),
        // A question that starts with a dash, after `--`.
        with("-x OR y", &["--"], Anything),
    ];
    // A question of exactly the allowed length is taken.
    v.push(q(&format!("/search {}", "b".repeat(500 - 8)), Answered));
    v
}

fn check(sb: &Sandbox, question: &str, flags: &[String], expect: Expect) -> Result<(), String> {
    let mut c = sb.command();
    c.arg("ask").arg("--json");
    // Flags go before the question, except `--`, which must come right before it.
    let dashdash = flags.iter().any(|f| f == "--");
    c.args(flags.iter().filter(|f| *f != "--"));
    if dashdash {
        c.arg("--");
    }
    c.arg(question);
    let out = c.output().map_err(|e| format!("cannot run: {e}"))?;
    let short: String = question.chars().take(60).collect();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let code = out.status.code();
    if stderr.contains("panicked") {
        return Err(format!("{short:?} {flags:?}: panicked: {stderr}"));
    }
    if !matches!(code, Some(0..=2)) {
        return Err(format!("{short:?} {flags:?}: exit status {code:?}; stderr {stderr}"));
    }
    let v: Value = serde_json::from_str(stdout.trim())
        .map_err(|e| format!("{short:?} {flags:?}: stdout is not JSON ({e}): {stdout:?}; stderr {stderr}"))?;
    let Some(obj) = v.as_object() else { return Err(format!("{short:?}: not a JSON object: {v}")) };
    if !obj.get("command").is_some_and(Value::is_string) {
        return Err(format!("{short:?} {flags:?}: no \"command\": {v}"));
    }
    let error = obj.get("error");
    if let Some(e) = error {
        if e.as_str().is_none_or(|s| s.trim().is_empty()) {
            return Err(format!("{short:?}: \"error\" is not a message: {v}"));
        }
    }
    match (code, error.is_some()) {
        (Some(0), true) => return Err(format!("{short:?}: an error with exit status 0: {v}")),
        (Some(1 | 2), false) => return Err(format!("{short:?}: exit status {code:?} without an error: {v}")),
        _ => {}
    }
    match expect {
        Expect::Refused if code != Some(2) => {
            Err(format!("{short:?} {flags:?}: expected a refusal (2), got {code:?}: {v}"))
        }
        Expect::Answered if code != Some(0) => {
            Err(format!("{short:?} {flags:?}: expected an answer, got {code:?}: {v}"))
        }
        _ => Ok(()),
    }
}

#[test]
fn hostile_questions_always_get_json_and_a_sane_exit_status() {
    let sb = Sandbox::new();
    sb.index();
    let cases = hostile();
    let failures: Vec<String> = std::thread::scope(|s| {
        let handles: Vec<_> = cases
            .chunks(cases.len().div_ceil(3))
            .map(|chunk| {
                let sb = &sb;
                s.spawn(move || chunk.iter().filter_map(|(q, f, e)| check(sb, q, f, *e).err()).collect::<Vec<String>>())
            })
            .collect();
        handles.into_iter().flat_map(|h| h.join().expect("worker")).collect()
    });
    assert!(
        failures.is_empty(),
        "{} of {} hostile questions mishandled:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn hostile_questions_leave_the_corpus_and_index_alone() {
    let sb = Sandbox::new();
    sb.index();
    let before = sb.corpus_listing();
    for q in ["/status ../../x", "/status entity:../../../index/meta.json", "/sources ../../etc", "../../etc/passwd"] {
        let _ = sb.ask_json(q, &[]);
    }
    assert_eq!(sb.corpus_listing(), before);
    assert!(sb.index().contains("nothing changed"));
}
