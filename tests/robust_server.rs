//! The HTTP interactions endpoint under use: it keeps answering while an ingest runs in
//! another process and sees the new articles without a restart; it answers 1,000 signed
//! `/status` requests, 64 at a time, quickly; and its memory stays flat over 10,000.
//! The server is the real binary (`serve-http`) on a loopback port.

#[path = "robust_support/mod.rs"]
mod support;

#[path = "discord_support/mod.rs"]
mod discord;

use std::process::{Child, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use support::Sandbox;

/// A running `tradewatch serve-http`; killed on drop.
struct Server {
    child: Child,
    port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    fn start(sb: &Sandbox) -> Server {
        let port = support::free_port();
        let log = std::fs::File::create(sb.dir.path().join("server.log")).expect("log file");
        let key_hex = hex::encode(discord::signing_key().verifying_key().to_bytes());
        let child = sb
            .command()
            .arg("serve-http")
            .arg("--listen")
            .arg(format!("127.0.0.1:{port}"))
            .env("DISCORD_PUBLIC_KEY", key_hex)
            // Follow-ups of deferred replies go nowhere (a closed loopback port).
            .env("DISCORD_API_BASE", format!("http://127.0.0.1:{}", support::free_port()))
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .expect("start serve-http");
        let mut server = Server { child, port };
        let up = support::wait_until(Duration::from_secs(60), || {
            ureq::get(&format!("http://127.0.0.1:{port}/healthz")).call().is_ok()
        });
        if !up {
            let _ = server.child.kill();
            let log = std::fs::read_to_string(sb.dir.path().join("server.log")).unwrap_or_default();
            panic!("serve-http did not come up: {log}");
        }
        assert!(server.child.try_wait().expect("try_wait").is_none());
        server
    }

    fn pid(&self) -> u32 {
        self.child.id()
    }
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(30)))
        .build()
        .into()
}

/// Distinct user ids, so the per-user cooldown never refuses a request.
static USER: AtomicU64 = AtomicU64::new(880_217_651_994_000_000);

/// A `/status` interaction shaped like Discord's, for `entity`, from a fresh user.
fn status_interaction(entity: &str, locale: &str) -> Vec<u8> {
    let mut v = discord::fixture("status_en.json");
    let user = USER.fetch_add(1, Ordering::Relaxed);
    v["member"]["user"]["id"] = json!(user.to_string());
    v["id"] = json!((user + 400_000_000_000_000).to_string());
    v["locale"] = json!(locale);
    v["data"]["options"] = json!([{"name": "entity", "type": 3, "value": entity}]);
    serde_json::to_vec(&v).expect("json")
}

/// POSTs a signed interaction; the status, the parsed reply and the time it took.
fn post(agent: &ureq::Agent, port: u16, body: &[u8]) -> (u16, Value, Duration) {
    let ts = discord::timestamp();
    let sig = discord::sign(&ts, body);
    let started = Instant::now();
    let mut resp = agent
        .post(&format!("http://127.0.0.1:{port}/interactions"))
        .header("Content-Type", "application/json")
        .header("X-Signature-Ed25519", &sig)
        .header("X-Signature-Timestamp", &ts)
        .send(body)
        .expect("request goes through");
    let status = resp.status().as_u16();
    let text = resp.body_mut().read_to_string().unwrap_or_default();
    let took = started.elapsed();
    (status, serde_json::from_str(&text).unwrap_or(Value::Null), took)
}

/// A reply Discord accepts for a command: 200 and type 4 (a message within the limits)
/// or 5 (deferred).
fn assert_command_reply(status: u16, reply: &Value) {
    assert_eq!(status, 200, "{reply}");
    match reply["type"].as_u64() {
        Some(4) | Some(5) => discord::assert_within_discord_limits(reply),
        other => panic!("not a command reply ({other:?}): {reply}"),
    }
}

fn reply_text(reply: &Value) -> String {
    discord::texts(&reply["data"]).join("\n")
}

const NEW_COMPANY: &str = "Zorvatek";

fn new_company_article() -> String {
    format!(
        "---\ntitle: {c} landet auf der Entity List\nsource: Testredaktion\npublished: 2025-05-06\nlanguage: de\n---\n\
         {c} landet auf der Entity List\n\n\
         Das US-Handelsministerium hat den Chiphersteller {c} aus Chengdu am Montag auf die Entity List gesetzt. \
         Ab dem 20. Mai 2025 dürfen US-Firmen ohne Genehmigung keine Bauteile mehr an {c} liefern.\n\n\
         {c} wies die Vorwürfe zurück und kündigte an, vor Gericht zu ziehen.\n",
        c = NEW_COMPANY
    )
}

#[test]
fn the_endpoint_answers_during_an_ingest_and_sees_new_articles_without_a_restart() {
    let sb = Sandbox::new();
    sb.index();
    let server = Server::start(&sb);
    let agent = agent();

    let (status, before, _) = post(&agent, server.port, &status_interaction(NEW_COMPANY, "de"));
    assert_command_reply(status, &before);
    assert_eq!(before["type"], 4, "{before}");
    assert!(!reply_text(&before).contains("Entity List"), "knows {NEW_COMPANY} before the ingest: {before}");

    let inbox = sb.inbox("inbox");
    let mut files: Vec<std::path::PathBuf> =
        support::write_articles(&inbox, 0, 200, 0x0b07).into_iter().map(|(p, _)| p).collect();
    let special = inbox.join("zorvatek.md");
    std::fs::write(&special, new_company_article()).expect("write");
    files.push(special);
    let mut ingest = sb.command();
    ingest.arg("ingest").args(&files);
    let mut child = support::spawn(ingest);

    // Keep asking while the ingest runs.
    let mut during = 0;
    let mut slowest = Duration::ZERO;
    let ingest_status = loop {
        if let Some(status) = child.try_wait().expect("try_wait") {
            break status;
        }
        let (status, reply, took) = post(&agent, server.port, &status_interaction("Kaspersky", "de"));
        assert_command_reply(status, &reply);
        during += 1;
        slowest = slowest.max(took);
    };
    let out = child.wait_with_output().expect("ingest output");
    assert!(ingest_status.success(), "ingest failed: {}", String::from_utf8_lossy(&out.stderr));
    eprintln!("{during} answers while the ingest ran; slowest {slowest:?}");
    assert!(during >= 3, "only {during} answers while the ingest ran");

    // The same server, no restart: the new company is answered with its measure.
    let started = Instant::now();
    let mut last = Value::Null;
    let seen = support::wait_until(Duration::from_secs(20), || {
        let (status, reply, _) = post(&agent, server.port, &status_interaction(NEW_COMPANY, "de"));
        assert_command_reply(status, &reply);
        last = reply;
        last["type"] == 4 && reply_text(&last).contains("Entity List")
    });
    assert!(seen, "the running server never saw {NEW_COMPANY}: {last}");
    eprintln!("new article answered {:?} after the ingest finished", started.elapsed());
}

/// Sends `count` signed `/status` requests over `concurrency` threads; returns every
/// latency (sorted). Every reply must be 200 with type 4 or 5.
fn load(port: u16, count: usize, concurrency: usize) -> Vec<Duration> {
    const ENTITIES: &[&str] = &["Kaspersky", "TikTok", "WeChat", "Huawei", "ByteDance", "tiktk", "Nobody GmbH"];
    let next = AtomicU64::new(0);
    let mut all: Vec<Duration> = std::thread::scope(|s| {
        let workers: Vec<_> = (0..concurrency)
            .map(|_| {
                let next = &next;
                s.spawn(move || {
                    let agent = agent();
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed) as usize;
                        if i >= count {
                            break;
                        }
                        let locale = if i.is_multiple_of(2) { "de" } else { "en-US" };
                        let body = status_interaction(ENTITIES[i % ENTITIES.len()], locale);
                        let (status, reply, took) = post(&agent, port, &body);
                        assert_command_reply(status, &reply);
                        mine.push(took);
                    }
                    mine
                })
            })
            .collect();
        workers.into_iter().flat_map(|w| w.join().expect("load worker")).collect()
    });
    all.sort();
    assert_eq!(all.len(), count);
    all
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len()) - 1;
    sorted[i]
}

#[test]
fn a_thousand_signed_status_requests_64_at_a_time() {
    let sb = Sandbox::new();
    sb.index();
    let server = Server::start(&sb);
    // Warm up (first answers fill the per-generation caches).
    load(server.port, 64, 8);
    let started = Instant::now();
    let lat = load(server.port, 1000, 64);
    let wall = started.elapsed();
    let (p50, p99) = (percentile(&lat, 0.50), percentile(&lat, 0.99));
    eprintln!("1000 requests, 64 concurrent: {wall:?} in all; p50 {p50:?}, p99 {p99:?}, max {:?}", lat[lat.len() - 1]);
    assert!(p99 <= Duration::from_millis(250), "p99 {p99:?} > 250 ms (p50 {p50:?})");
}

/// Run with `cargo test --release --test robust_server -- --ignored --nocapture`.
#[test]
#[ignore = "10,000 requests; run in release"]
fn resident_memory_stays_flat_over_ten_thousand_requests() {
    let sb = Sandbox::new();
    sb.index();
    let server = Server::start(&sb);
    load(server.port, 1000, 64);
    let after_1k = support::rss_kib(server.pid()).expect("VmRSS");
    let started = Instant::now();
    let lat = load(server.port, 9000, 64);
    let after_10k = support::rss_kib(server.pid()).expect("VmRSS");
    eprintln!(
        "VmRSS after 1,000 requests: {after_1k} KiB; after 10,000: {after_10k} KiB; last 9,000 in {:?}, p50 {:?}, p99 {:?}",
        started.elapsed(),
        percentile(&lat, 0.5),
        percentile(&lat, 0.99)
    );
    let allowed = after_1k + (after_1k / 4).max(16 * 1024);
    assert!(after_10k <= allowed, "memory grew from {after_1k} KiB to {after_10k} KiB");
}
