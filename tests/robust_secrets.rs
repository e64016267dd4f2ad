//! The Discord bot token never shows in logs or error messages: `serve` and `register`
//! run with a recognisable fake token (from the environment and from `tradewatch.toml`),
//! full tracing on, and no way to reach Discord — or a stand-in for Discord that echoes
//! the token back in its error body — and everything they print is searched for it.

#[path = "robust_support/mod.rs"]
mod support;

use std::io::{Read, Write};
use std::net::TcpListener;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use support::Sandbox;

const TOKEN: &str = "MTIz.fake-token-SECRET-abc";

/// Pieces of the token that must not appear either.
const PIECES: &[&str] = &[TOKEN, "fake-token-SECRET-abc", "SECRET-abc", "fake-token-SECRET"];

/// Fails when `output` holds the token or a piece of it (after removing terminal colour
/// codes, which could split a value).
fn assert_no_secret(what: &str, output: &str) {
    let output = strip_ansi(output);
    for p in PIECES {
        assert!(!output.contains(p), "{what}: the token (or {p:?}) leaked:\n{output}");
    }
}

fn strip_ansi(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' && chars.peek() == Some(&'[') {
            for d in chars.by_ref() {
                if d.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Runs `c` for at most `limit`, then kills it; returns stdout + stderr.
fn run_for(mut c: Command, limit: Duration) -> (Option<i32>, String) {
    let dir = tempfile::tempdir().expect("tempdir");
    let (out_path, err_path) = (dir.path().join("out"), dir.path().join("err"));
    c.stdout(std::fs::File::create(&out_path).expect("out")).stderr(std::fs::File::create(&err_path).expect("err"));
    c.stdin(Stdio::null());
    let mut child = c.spawn().expect("spawn");
    let end = Instant::now() + limit;
    let code = loop {
        if let Some(s) = child.try_wait().expect("try_wait") {
            break s.code();
        }
        if Instant::now() > end {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let text = format!(
        "{}{}",
        std::fs::read_to_string(&out_path).unwrap_or_default(),
        std::fs::read_to_string(&err_path).unwrap_or_default()
    );
    (code, text)
}

fn traced(sb: &Sandbox, args: &[&str]) -> Command {
    let mut c = sb.command();
    c.args(args).env("RUST_LOG", "trace").env("RUST_BACKTRACE", "1");
    c
}

/// A stand-in for Discord's REST API that refuses every request with 401 and echoes the
/// request's `Authorization` header in its error message (a worst case for logging).
/// Returns its base URL and a handle that, once `stop` is set, yields every request head
/// it saw.
fn echoing_discord(stop: Arc<AtomicBool>) -> (String, std::thread::JoinHandle<Vec<String>>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("addr"));
    listener.set_nonblocking(true).expect("nonblocking");
    let handle = std::thread::spawn(move || {
        let mut heads = Vec::new();
        while !stop.load(Ordering::Relaxed) {
            let Ok((mut stream, _)) = listener.accept() else {
                std::thread::sleep(Duration::from_millis(20));
                continue;
            };
            let _ = stream.set_nonblocking(false);
            let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
            let mut buf = Vec::new();
            let mut chunk = [0u8; 4096];
            while !buf.windows(4).any(|w| w == b"\r\n\r\n") {
                match stream.read(&mut chunk) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => buf.extend_from_slice(&chunk[..n]),
                }
            }
            let head = String::from_utf8_lossy(&buf).to_string();
            let auth = head
                .lines()
                .find_map(|l| l.split_once(':').filter(|(k, _)| k.eq_ignore_ascii_case("authorization")))
                .map(|(_, v)| v.trim().to_string())
                .unwrap_or_default();
            let body = format!("{{\"message\": \"401: Unauthorized ({auth})\", \"code\": 0}}");
            let resp = format!(
                "HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
            let _ = stream.write_all(resp.as_bytes());
            heads.push(head);
        }
        heads
    });
    (base, handle)
}

#[test]
fn serve_with_a_token_in_the_environment_never_prints_it() {
    let sb = Sandbox::new();
    sb.index();
    let mut c = traced(&sb, &["serve"]);
    c.env("DISCORD_TOKEN", TOKEN);
    let (code, out) = run_for(c, Duration::from_secs(6));
    eprintln!("serve exited with {code:?}, {} bytes of output", out.len());
    assert!(!out.is_empty(), "serve printed nothing at trace level; the test would prove nothing");
    assert_no_secret("serve (DISCORD_TOKEN)", &out);
}

#[test]
fn serve_with_a_token_in_tradewatch_toml_never_prints_it() {
    let sb = Sandbox::new();
    sb.index();
    std::fs::write(sb.dir.path().join("tradewatch.toml"), format!("[discord]\ntoken = \"{TOKEN}\"\n")).expect("toml");
    let (code, out) = run_for(traced(&sb, &["serve"]), Duration::from_secs(6));
    assert!(!out.contains("DISCORD_TOKEN is not set"), "the file's token was not used: {out}");
    eprintln!("serve (toml) exited with {code:?}");
    assert_no_secret("serve (tradewatch.toml)", &out);
}

#[test]
fn register_against_an_echoing_api_never_prints_the_token() {
    let sb = Sandbox::new();
    let stop = Arc::new(AtomicBool::new(false));
    let (base, seen) = echoing_discord(stop.clone());
    let mut c = traced(&sb, &["register", "--guild", "1184260921593860137"]);
    c.env("DISCORD_TOKEN", TOKEN).env("DISCORD_APPLICATION_ID", "1301549876203786260").env("DISCORD_API_BASE", &base);
    let (code, out) = run_for(c, Duration::from_secs(15));
    stop.store(true, Ordering::Relaxed);
    let heads = seen.join().expect("mock");
    assert!(
        heads.iter().any(|h| h.contains(TOKEN)),
        "register never reached the stand-in API with the token; the test would prove nothing: {heads:?}\n{out}"
    );
    assert_ne!(code, Some(0), "register succeeded against a 401: {out}");
    assert_no_secret("register (echoed 401)", &out);

    // And with the token only in tradewatch.toml.
    let stop = Arc::new(AtomicBool::new(false));
    let (base, seen) = echoing_discord(stop.clone());
    std::fs::write(
        sb.dir.path().join("tradewatch.toml"),
        format!("[discord]\ntoken = \"{TOKEN}\"\napplication_id = 1301549876203786260\napi_base = \"{base}\"\n"),
    )
    .expect("toml");
    let (_, out) = run_for(traced(&sb, &["register"]), Duration::from_secs(15));
    stop.store(true, Ordering::Relaxed);
    let heads = seen.join().expect("mock");
    assert!(heads.iter().any(|h| h.contains(TOKEN)), "the file's token was not used: {heads:?}\n{out}");
    assert_no_secret("register (tradewatch.toml)", &out);
}

#[test]
fn register_without_network_never_prints_the_token() {
    let sb = Sandbox::new();
    let mut c = traced(&sb, &["register"]);
    // A closed port stands for Discord: every connection is refused.
    c.env("DISCORD_TOKEN", TOKEN)
        .env("DISCORD_APPLICATION_ID", "1301549876203786260")
        .env("DISCORD_API_BASE", format!("http://127.0.0.1:{}", support::free_port()));
    let (code, out) = run_for(c, Duration::from_secs(15));
    assert_ne!(code, Some(0), "{out}");
    assert_no_secret("register (refused)", &out);
}
