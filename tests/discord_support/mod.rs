//! Helpers shared by the Discord tests: one independent check of every Discord limit,
//! request signing with a fixed test key, the recorded-style fixtures, the real engine
//! over the committed corpus, and a local stand-in for Discord's REST API that records
//! the follow-ups it receives.
#![allow(dead_code)]

use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use ed25519_dalek::{Signer, SigningKey};
use serde_json::{json, Value};
use tradewatch::answer::Engine;
use tradewatch::config::Paths;
use tradewatch::discord::verify::PublicKey;

// ------------------------------------------------------------------------------
// Limits

fn n(s: &str) -> usize {
    s.chars().count()
}

fn str_at<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key).and_then(Value::as_str)
}

/// Checks a whole interaction response (`{"type", "data"}`) or a bare message body
/// against every documented Discord limit, counting characters, and that nothing in it
/// can notify anyone.
pub fn assert_within_discord_limits(v: &Value) {
    match v.get("type").and_then(Value::as_u64) {
        Some(1) | Some(6) => {}
        Some(5) => {
            if let Some(d) = v.get("data") {
                assert_eq!(d["allowed_mentions"], json!({"parse": []}), "deferred reply: {v}");
            }
        }
        Some(4) | Some(7) => assert_message_within_limits(&v["data"]),
        Some(8) => {
            let choices = v["data"]["choices"].as_array().expect("choices");
            assert!(choices.len() <= 25, "{} choices", choices.len());
            for c in choices {
                let name = str_at(c, "name").expect("choice name");
                let value = str_at(c, "value").expect("choice value");
                assert!((1..=100).contains(&n(name)), "choice name {name:?}");
                assert!((1..=100).contains(&n(value)), "choice value {value:?}");
            }
        }
        Some(other) => panic!("unexpected response type {other}: {v}"),
        None => assert_message_within_limits(v),
    }
}

/// The message-level limits: content 2000; at most 10 embeds; title 256; description
/// 4096; at most 25 fields; field name 256 and value 1024; footer 2048; author 256; 6000
/// over all embeds; buttons (5 rows of 5, custom id 100, label 80); `allowed_mentions`
/// with an empty `parse`.
pub fn assert_message_within_limits(m: &Value) {
    assert_eq!(m["allowed_mentions"], json!({"parse": []}), "allowed_mentions missing or not empty: {m}");
    if let Some(c) = str_at(m, "content") {
        assert!(n(c) <= 2000, "content has {} chars", n(c));
    }
    let embeds = m.get("embeds").and_then(Value::as_array).cloned().unwrap_or_default();
    assert!(embeds.len() <= 10, "{} embeds", embeds.len());
    let mut total = 0;
    for e in &embeds {
        let title = str_at(e, "title").map_or(0, n);
        let desc = str_at(e, "description").map_or(0, n);
        assert!(title <= 256, "title has {title} chars");
        assert!(desc <= 4096, "description has {desc} chars");
        let fields = e.get("fields").and_then(Value::as_array).cloned().unwrap_or_default();
        assert!(fields.len() <= 25, "{} fields", fields.len());
        let mut field_chars = 0;
        for f in &fields {
            let name = str_at(f, "name").expect("field name");
            let value = str_at(f, "value").expect("field value");
            assert!((1..=256).contains(&n(name)), "field name has {} chars", n(name));
            assert!((1..=1024).contains(&n(value)), "field value has {} chars: {value}", n(value));
            field_chars += n(name) + n(value);
        }
        let footer = e.get("footer").and_then(|f| str_at(f, "text")).map_or(0, n);
        assert!(footer <= 2048, "footer has {footer} chars");
        let author = e.get("author").and_then(|a| str_at(a, "name")).map_or(0, n);
        assert!(author <= 256, "author has {author} chars");
        assert!(title + desc + field_chars + footer + author > 0, "empty embed: {e}");
        total += title + desc + field_chars + footer + author;
    }
    assert!(total <= 6000, "embeds total {total} chars");
    let rows = m.get("components").and_then(Value::as_array).cloned().unwrap_or_default();
    assert!(rows.len() <= 5, "{} action rows", rows.len());
    for row in &rows {
        assert_eq!(row["type"], 1);
        let buttons = row["components"].as_array().expect("buttons");
        assert!((1..=5).contains(&buttons.len()));
        for b in buttons {
            let id = str_at(b, "custom_id").expect("custom_id");
            assert!((1..=100).contains(&n(id)), "custom_id {id:?}");
            assert!(n(str_at(b, "label").unwrap_or("")) <= 80);
        }
    }
    assert_nothing_pings(m);
}

/// Every text of a message: content, titles, descriptions, fields, footers.
pub fn texts(m: &Value) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(c) = str_at(m, "content") {
        out.push(c.to_string());
    }
    for e in m.get("embeds").and_then(Value::as_array).into_iter().flatten() {
        for k in ["title", "description"] {
            if let Some(s) = str_at(e, k) {
                out.push(s.to_string());
            }
        }
        for f in e.get("fields").and_then(Value::as_array).into_iter().flatten() {
            out.push(str_at(f, "name").unwrap_or("").to_string());
            out.push(str_at(f, "value").unwrap_or("").to_string());
        }
        if let Some(s) = e.get("footer").and_then(|f| str_at(f, "text")) {
            out.push(s.to_string());
        }
    }
    out
}

/// No text holds a live mention: `<@…>`, `<@&…>`, `<#…>` only escaped, `@everyone` and
/// `@here` only broken.
pub fn assert_nothing_pings(m: &Value) {
    for t in texts(m) {
        for (i, _) in t.match_indices('<') {
            assert!(i > 0 && t[..i].ends_with('\\'), "unescaped '<' in {t:?}");
        }
        let lower = t.to_lowercase();
        assert!(!lower.contains("@everyone") && !lower.contains("@here"), "live @everyone/@here in {t:?}");
    }
}

// ------------------------------------------------------------------------------
// Signing and fixtures

pub fn signing_key() -> SigningKey {
    SigningKey::from_bytes(&[7u8; 32])
}

pub fn public_key() -> PublicKey {
    PublicKey::from_hex(&hex::encode(signing_key().verifying_key().to_bytes())).expect("test key")
}

pub fn timestamp() -> String {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0).to_string()
}

/// The hex signature Discord would send for `body` at `ts`.
pub fn sign(ts: &str, body: &[u8]) -> String {
    let mut msg = ts.as_bytes().to_vec();
    msg.extend_from_slice(body);
    hex::encode(signing_key().sign(&msg).to_bytes())
}

pub fn fixture(name: &str) -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/discord").join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

// ------------------------------------------------------------------------------
// The real engine over the committed corpus

/// An engine over an index built from `corpus/` once per test binary.
pub fn real_engine() -> Arc<Engine> {
    static ENGINE: OnceLock<Arc<Engine>> = OnceLock::new();
    ENGINE
        .get_or_init(|| {
            let root = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("discord-index-{}", std::process::id()));
            let _ = std::fs::remove_dir_all(&root);
            let paths = Paths { corpus: PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus"), index: root };
            tradewatch::index::update(&paths, false).expect("indexing the committed corpus");
            Arc::new(Engine::open(&paths.index).expect("opening the fresh index"))
        })
        .clone()
}

// ------------------------------------------------------------------------------
// A stand-in for Discord's REST API

#[derive(Debug, Clone)]
pub struct Recorded {
    pub method: String,
    pub path: String,
    pub content_type: String,
    pub body: Vec<u8>,
}

impl Recorded {
    /// The JSON payload: the body itself, or the `payload_json` part of a multipart body.
    pub fn payload(&self) -> Value {
        if self.content_type.starts_with("multipart/form-data") {
            let part = self.parts().into_iter().find(|(name, _, _)| name == "payload_json").expect("payload_json part");
            serde_json::from_slice(&part.2).expect("payload_json is JSON")
        } else {
            serde_json::from_slice(&self.body).unwrap_or(Value::Null)
        }
    }

    /// Multipart parts as (name, filename, bytes).
    pub fn parts(&self) -> Vec<(String, Option<String>, Vec<u8>)> {
        let boundary = self.content_type.split("boundary=").nth(1).expect("boundary").trim_matches('"');
        let delim = format!("--{boundary}");
        let mut out = Vec::new();
        let body = &self.body;
        let positions: Vec<usize> = find_all(body, delim.as_bytes());
        for w in positions.windows(2) {
            let part = &body[w[0] + delim.len()..w[1]];
            let part = part.strip_prefix(b"\r\n").unwrap_or(part);
            let Some(split) = find_all(part, b"\r\n\r\n").first().copied() else { continue };
            let headers = String::from_utf8_lossy(&part[..split]).to_string();
            let mut content = part[split + 4..].to_vec();
            if content.ends_with(b"\r\n") {
                content.truncate(content.len() - 2);
            }
            let attr = |key: &str| {
                let prefix = format!("{key}=\"");
                headers
                    .lines()
                    .flat_map(|l| l.split(';'))
                    .map(str::trim)
                    .find_map(|p| p.strip_prefix(prefix.as_str()).map(|v| v.trim_end_matches('"').to_string()))
            };
            let name = attr("name").unwrap_or_default();
            let filename = attr("filename");
            out.push((name, filename, content));
        }
        out
    }
}

fn find_all(hay: &[u8], needle: &[u8]) -> Vec<usize> {
    if needle.is_empty() || hay.len() < needle.len() {
        return Vec::new();
    }
    (0..=hay.len() - needle.len()).filter(|&i| &hay[i..i + needle.len()] == needle).collect()
}

pub struct MockDiscord {
    pub base: String,
    pub requests: Arc<Mutex<Vec<Recorded>>>,
    _runtime: tokio::runtime::Runtime,
}

impl MockDiscord {
    pub fn start() -> MockDiscord {
        use axum::body::Bytes;
        use axum::extract::State;
        use axum::http::{HeaderMap, Method, StatusCode, Uri};
        use axum::response::IntoResponse;

        type Log = Arc<Mutex<Vec<Recorded>>>;
        async fn record(
            State(log): State<Log>,
            method: Method,
            uri: Uri,
            headers: HeaderMap,
            body: Bytes,
        ) -> axum::response::Response {
            let content_type =
                headers.get("content-type").and_then(|v| v.to_str().ok()).unwrap_or_default().to_string();
            log.lock().unwrap().push(Recorded {
                method: method.to_string(),
                path: uri.path().to_string(),
                content_type,
                body: body.to_vec(),
            });
            if method == Method::DELETE {
                return StatusCode::NO_CONTENT.into_response();
            }
            axum::Json(json!({
                "id": "1310087799000000001", "channel_id": "1184260922239791234",
                "author": {"id": "1301549876203786260", "username": "tradewatch", "discriminator": "4521",
                           "global_name": null, "avatar": null, "bot": true},
                "content": "", "timestamp": "2026-11-23T12:40:11.482000+00:00", "edited_timestamp": null,
                "tts": false, "mention_everyone": false, "mentions": [], "mention_roles": [],
                "attachments": [], "embeds": [], "pinned": false, "type": 20
            }))
            .into_response()
        }

        let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().unwrap();
        let requests: Log = Arc::default();
        let listener = runtime.block_on(tokio::net::TcpListener::bind("127.0.0.1:0")).unwrap();
        let addr = listener.local_addr().unwrap();
        let app = axum::Router::new().fallback(record).with_state(requests.clone());
        runtime.spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        MockDiscord { base: format!("http://{addr}"), requests, _runtime: runtime }
    }

    /// Waits (at most 15 s) until `count` requests have arrived.
    pub fn wait_for(&self, count: usize) -> Vec<Recorded> {
        let end = Instant::now() + Duration::from_secs(15);
        loop {
            let got = self.requests.lock().unwrap().clone();
            if got.len() >= count || Instant::now() > end {
                return got;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}
