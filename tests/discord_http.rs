//! The HTTP interactions endpoint over a real local connection: payloads shaped like
//! Discord's (tests/data/discord/*.json, every documented interaction field), signed with
//! a fixed test key, answered by the real engine over the committed corpus. Follow-ups
//! go to a local stand-in for Discord's API. Every response is checked against every
//! Discord limit.
#![cfg(feature = "discord")]

mod discord_support;

use std::sync::Arc;
use std::time::Duration;

use discord_support::*;
use serde_json::{json, Value};
use tradewatch::answer::Answer;
use tradewatch::command::Command;
use tradewatch::discord::http::{spawn_for_test, TestServer};
use tradewatch::discord::{Answerer, EntityChoice, Settings};
use tradewatch::model::{Lang, MeasureKind};

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder().http_status_as_error(false).build().into()
}

struct Setup {
    server: TestServer,
    mock: MockDiscord,
}

fn setup_with(answerer: Arc<dyn Answerer>, cooldown: Duration) -> Setup {
    let mock = MockDiscord::start();
    let settings = Settings { cooldown, api_base: mock.base.clone(), refresh: Duration::ZERO, ..Settings::default() };
    let server = spawn_for_test(answerer, public_key(), settings).expect("endpoint starts");
    Setup { server, mock }
}

fn setup() -> Setup {
    setup_with(real_engine(), Duration::ZERO)
}

/// POSTs `body` with the given headers; returns the status and the body text.
fn post_raw(s: &Setup, headers: &[(&str, &str)], body: &[u8]) -> (u16, String) {
    let mut req = agent().post(&s.server.url("/interactions")).header("Content-Type", "application/json");
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    let mut resp = req.send(body).expect("request goes through");
    let status = resp.status().as_u16();
    (status, resp.body_mut().read_to_string().unwrap_or_default())
}

/// POSTs `body` signed as Discord would.
fn post_signed(s: &Setup, body: &[u8]) -> (u16, String) {
    let ts = timestamp();
    let sig = sign(&ts, body);
    post_raw(s, &[("X-Signature-Ed25519", &sig), ("X-Signature-Timestamp", &ts)], body)
}

/// Sends a signed interaction, expects 200 and a response within the limits.
fn interact(s: &Setup, v: &Value) -> Value {
    let body = serde_json::to_vec(v).unwrap();
    let (status, text) = post_signed(s, &body);
    assert_eq!(status, 200, "{text}");
    let resp: Value = serde_json::from_str(&text).expect("JSON reply");
    assert_within_discord_limits(&resp);
    resp
}

/// The message the user finally sees: the reply's data (type 4), or the follow-up that
/// replaces a deferred reply (type 5), checked against the limits too.
fn final_message(s: &Setup, resp: &Value) -> (Value, Option<Recorded>) {
    match resp["type"].as_u64() {
        Some(4) | Some(7) => (resp["data"].clone(), None),
        Some(5) | Some(6) => {
            let reqs = s.mock.wait_for(1);
            let last = reqs.last().expect("a follow-up request").clone();
            let payload = last.payload();
            assert_message_within_limits(&payload);
            (payload, Some(last))
        }
        other => panic!("not a message reply: {other:?} {resp}"),
    }
}

fn all_text(m: &Value) -> String {
    texts(m).join("\n")
}

#[test]
fn ping_gets_pong() {
    let s = setup();
    let resp = interact(&s, &fixture("ping.json"));
    assert_eq!(resp, json!({"type": 1}));
}

#[test]
fn missing_or_wrong_signatures_get_401() {
    let s = setup();
    let body = serde_json::to_vec(&fixture("ping.json")).unwrap();
    let ts = timestamp();
    let good = sign(&ts, &body);
    let other_body = sign(&ts, b"{\"type\":1,\"id\":\"1\"}");
    let mut flipped = hex::decode(&good).unwrap();
    flipped[10] ^= 0x01;
    let flipped = hex::encode(flipped);
    let signed_text_ts = sign("soon", &body);
    let other_key = {
        use ed25519_dalek::Signer;
        let k = ed25519_dalek::SigningKey::from_bytes(&[8u8; 32]);
        hex::encode(k.sign(&[ts.as_bytes(), &body].concat()).to_bytes())
    };
    let cases: Vec<(&str, Vec<(&str, &str)>)> = vec![
        ("no headers", vec![]),
        ("no signature", vec![("X-Signature-Timestamp", &ts)]),
        ("no timestamp", vec![("X-Signature-Ed25519", &good)]),
        ("flipped bit", vec![("X-Signature-Ed25519", &flipped), ("X-Signature-Timestamp", &ts)]),
        ("signature of a different body", vec![("X-Signature-Ed25519", &other_body), ("X-Signature-Timestamp", &ts)]),
        ("another key", vec![("X-Signature-Ed25519", &other_key), ("X-Signature-Timestamp", &ts)]),
        ("bad hex", vec![("X-Signature-Ed25519", "zz11"), ("X-Signature-Timestamp", &ts)]),
        ("short hex", vec![("X-Signature-Ed25519", &good[..64]), ("X-Signature-Timestamp", &ts)]),
        ("timestamp not a number", vec![("X-Signature-Ed25519", &signed_text_ts), ("X-Signature-Timestamp", "soon")]),
        ("other timestamp", vec![("X-Signature-Ed25519", &good), ("X-Signature-Timestamp", "1")]),
    ];
    for (what, headers) in cases {
        let (status, _) = post_raw(&s, &headers, &body);
        assert_eq!(status, 401, "{what}");
    }
    // An unsigned body that is not even JSON is refused for its signature, not parsed.
    let (status, _) = post_raw(&s, &[], b"not json at all");
    assert_eq!(status, 401);
    // The same request, correctly signed, passes.
    let (status, _) = post_raw(&s, &[("X-Signature-Ed25519", &good), ("X-Signature-Timestamp", &ts)], &body);
    assert_eq!(status, 200);
    // Nothing reached Discord's API.
    assert!(s.mock.requests.lock().unwrap().is_empty());
}

#[test]
fn signed_bodies_that_are_no_interaction_get_400() {
    let s = setup();
    for body in [
        &b"hello"[..],
        b"{}",
        b"[1,2,3]",
        br#"{"type": 2}"#,
        br#"{"id": "1", "application_id": "2", "type": 99, "token": "t"}"#,
        br#"{"id": "1", "application_id": "2", "type": 2, "token": "t"}"#,
    ] {
        let (status, text) = post_signed(&s, body);
        assert_eq!(status, 400, "{} -> {text}", String::from_utf8_lossy(body));
    }
}

#[test]
fn healthz_answers() {
    let s = setup();
    let mut resp = agent().get(&s.server.url("/healthz")).call().unwrap();
    assert_eq!(resp.status().as_u16(), 200);
    assert_eq!(resp.body_mut().read_to_string().unwrap(), "ok");
}

fn labels(lang: Lang) -> Vec<&'static str> {
    MeasureKind::ALL.iter().map(|k| k.label(lang)).collect()
}

#[test]
fn status_in_german() {
    let s = setup();
    let resp = interact(&s, &fixture("status_de.json"));
    assert!(matches!(resp["type"].as_u64(), Some(4) | Some(5)), "{resp}");
    let (msg, _) = final_message(&s, &resp);
    let text = all_text(&msg);
    assert!(text.contains("TikTok"), "{text}");
    assert!(text.contains("Maßnahme") && text.contains("Stand"), "German header: {text}");
    let titles: Vec<&str> = msg["embeds"].as_array().unwrap().iter().filter_map(|e| e["title"].as_str()).collect();
    assert!(!titles.is_empty(), "TikTok has measures in the corpus: {msg}");
    for t in &titles {
        assert!(labels(Lang::De).iter().any(|l| t.starts_with(l)), "German kind label in {t:?}");
    }
    assert!(text.contains("Beleg"), "citations are labelled in German: {text}");
    let date = regex::Regex::new(r"\b\d{2}\.\d{2}\.\d{4}\b").unwrap();
    assert!(date.is_match(&text), "German dates: {text}");
}

#[test]
fn status_in_english() {
    let s = setup();
    let resp = interact(&s, &fixture("status_en.json"));
    assert!(matches!(resp["type"].as_u64(), Some(4) | Some(5)), "{resp}");
    let (msg, _) = final_message(&s, &resp);
    let text = all_text(&msg);
    assert!(text.contains("measure") && text.contains("as of Oct 1, 2020"), "English header: {text}");
    let titles: Vec<&str> = msg["embeds"].as_array().unwrap().iter().filter_map(|e| e["title"].as_str()).collect();
    assert!(!titles.is_empty());
    for t in &titles {
        assert!(labels(Lang::En).iter().any(|l| t.starts_with(l)), "English kind label in {t:?}");
    }
    assert!(!text.contains("Beleg") && !text.contains("Stand "), "no German: {text}");
    // Citations link to their source when the article has a URL, and name it otherwise.
    assert!(text.contains("— "), "{text}");
}

#[test]
fn bad_as_of_is_an_ephemeral_error_in_the_users_language() {
    let s = setup();
    let resp = interact(&s, &fixture("status_bad_date.json"));
    assert_eq!(resp["type"], 4);
    assert_eq!(resp["data"]["flags"], 64);
    let content = resp["data"]["content"].as_str().unwrap();
    assert!(content.contains("YYYY-MM-DD"), "{content}");
    let mut de = fixture("status_bad_date.json");
    de["locale"] = json!("de");
    let resp = interact(&s, &de);
    assert_eq!(resp["data"]["flags"], 64);
    assert!(resp["data"]["content"].as_str().unwrap().contains("JJJJ-MM-TT"), "{resp}");
}

#[test]
fn autocomplete_offers_tiktok_for_tik() {
    let s = setup();
    let resp = interact(&s, &fixture("autocomplete_tik.json"));
    assert_eq!(resp["type"], 8);
    let values: Vec<&str> =
        resp["data"]["choices"].as_array().unwrap().iter().filter_map(|c| c["value"].as_str()).collect();
    assert!(values.contains(&"TikTok"), "{values:?}");
    for v in &values {
        assert!(v.to_lowercase().contains("tik"), "only matching entities: {values:?}");
    }
    let mut empty = fixture("autocomplete_tik.json");
    empty["data"]["options"][0]["value"] = json!("");
    let resp = interact(&s, &empty);
    let n = resp["data"]["choices"].as_array().unwrap().len();
    assert!((1..=25).contains(&n), "{n} choices for nothing typed");
}

#[test]
fn unknown_command_is_an_ephemeral_error() {
    let s = setup();
    let resp = interact(&s, &fixture("unknown_command.json"));
    assert_eq!(resp["type"], 4);
    assert_eq!(resp["data"]["flags"], 64);
    let content = resp["data"]["content"].as_str().unwrap();
    assert!(content.contains("Diesen Befehl kenne ich nicht"), "German (locale de): {content}");
    assert!(!content.contains("frobnicate"), "no echo of internals: {content}");
}

#[test]
fn mention_bait_pings_nobody() {
    let s = setup();
    let resp = interact(&s, &fixture("search_mention_bait.json"));
    let (msg, _) = final_message(&s, &resp);
    assert_eq!(msg["allowed_mentions"], json!({"parse": []}));
    let text = all_text(&msg);
    assert!(text.contains("\\<@&1\\>") && text.contains("\\<@123\\>"), "escaped mentions shown as text: {text}");
    assert!(text.contains("@\u{200B}everyone"), "{text}");
    assert_nothing_pings(&msg);
}

#[test]
fn timeline_defers_and_sends_the_chart_with_the_follow_up() {
    let s = setup();
    let resp = interact(&s, &fixture("timeline_de.json"));
    assert_eq!(resp["type"], 5, "a chart cannot ride on an endpoint reply: {resp}");
    let (msg, req) = final_message(&s, &resp);
    let req = req.unwrap();
    assert_eq!(req.method, "PATCH");
    let f = fixture("timeline_de.json");
    let want = format!(
        "/api/v10/webhooks/{}/{}/messages/@original",
        f["application_id"].as_str().unwrap(),
        f["token"].as_str().unwrap()
    );
    assert_eq!(req.path, want);
    assert!(req.content_type.starts_with("multipart/form-data"), "{}", req.content_type);
    let png = req.parts().into_iter().find(|(_, file, _)| file.as_deref() == Some("timeline.png")).expect("chart part");
    assert!(png.2.starts_with(b"\x89PNG\r\n\x1a\n"), "a PNG");
    assert_eq!(msg["embeds"][0]["image"]["url"], "attachment://timeline.png");
    assert_eq!(msg["attachments"][0]["filename"], "timeline.png");
    assert!(all_text(&msg).contains("Zeitleiste"));
}

#[test]
fn sources_and_page_buttons() {
    let s = setup();
    let resp = interact(&s, &fixture("sources_en.json"));
    let (msg, _) = final_message(&s, &resp);
    assert!(all_text(&msg).contains("Sources ("), "{msg}");
    // A page button on a /sources message replaces the message (type 7).
    let resp = interact(&s, &fixture("component_page.json"));
    assert_eq!(resp["type"], 7, "{resp}");
    let mut stale = fixture("component_page.json");
    stale["data"]["custom_id"] = json!("tw|gone|0|n|");
    let resp = interact(&s, &stale);
    assert_eq!(resp["type"], 4);
    assert_eq!(resp["data"]["flags"], 64);
}

#[test]
fn cooldown_slows_a_user_down() {
    let s = setup_with(real_engine(), Duration::from_secs(60));
    let first = interact(&s, &fixture("sources_en.json"));
    assert_ne!(first["data"]["flags"], 64);
    let second = interact(&s, &fixture("sources_en.json"));
    assert_eq!(second["type"], 4);
    assert_eq!(second["data"]["flags"], 64);
    assert!(second["data"]["content"].as_str().unwrap().contains("Slow down"), "{second}");
    // Someone else is not affected.
    let mut other = fixture("sources_en.json");
    other["member"]["user"]["id"] = json!("880217651994399999");
    assert_ne!(interact(&s, &other)["data"]["flags"], 64);
}

/// An answerer that takes longer than Discord's patience.
struct Slow(Arc<dyn Answerer>);

impl Answerer for Slow {
    fn answer(&self, cmd: &Command, lang: Lang) -> Answer {
        std::thread::sleep(Duration::from_millis(2600));
        self.0.answer(cmd, lang)
    }
    fn entities(&self) -> Vec<EntityChoice> {
        self.0.entities()
    }
}

#[test]
fn a_slow_answer_is_deferred_then_followed_up() {
    let s = setup_with(Arc::new(Slow(real_engine())), Duration::ZERO);
    let started = std::time::Instant::now();
    let resp = interact(&s, &fixture("status_de.json"));
    assert!(started.elapsed() < Duration::from_millis(2900), "replied within Discord's 3 s");
    assert_eq!(resp["type"], 5);
    let (msg, req) = final_message(&s, &resp);
    let req = req.unwrap();
    assert_eq!(req.method, "PATCH");
    assert!(req.path.ends_with("/messages/@original"));
    assert!(all_text(&msg).contains("TikTok"));
}

#[test]
fn the_gateways_interaction_model_reads_the_same() {
    // The gateway hands the dispatcher serenity's model turned back into JSON; the fields
    // the bot reads must survive that round trip.
    for name in ["status_en.json", "autocomplete_tik.json", "component_page.json", "ping.json"] {
        let raw = fixture(name);
        let parsed: serenity::all::Interaction = serde_json::from_value(raw.clone()).expect(name);
        let a = tradewatch::discord::interaction::Interaction::from_slice(raw.to_string().as_bytes()).unwrap();
        let b = tradewatch::discord::gateway::from_model(&parsed).expect(name);
        assert_eq!(a.request(), b.request(), "{name}");
        assert_eq!(a.lang(), b.lang(), "{name}");
        if name != "ping.json" {
            // (serenity keeps no user on a ping; the gateway never sends pings anyway)
            assert_eq!(a.user_id(), b.user_id(), "{name}");
        }
        assert_eq!((a.id, a.token), (b.id, b.token), "{name}");
    }
}
