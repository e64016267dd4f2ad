//! SIGTERM stops the servers: `serve-http` and `serve` (the gateway, here unable to reach
//! Discord) exit on their own within a few seconds, so a service manager never has to
//! resort to SIGKILL.

#[path = "robust_support/mod.rs"]
mod support;

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use support::Sandbox;

fn sigterm(child: &Child) {
    let status = Command::new("kill").arg("-TERM").arg(child.id().to_string()).status().expect("run kill");
    assert!(status.success(), "kill -TERM failed");
}

/// Waits up to `limit` for the child to exit; kills it (and fails) when it does not.
fn exits_within(child: &mut Child, limit: Duration, what: &str) -> Option<i32> {
    let end = Instant::now() + limit;
    while Instant::now() < end {
        if let Some(status) = child.try_wait().expect("try_wait") {
            return status.code();
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill();
    let _ = child.wait();
    panic!("{what} still running {limit:?} after SIGTERM");
}

#[test]
fn serve_http_exits_on_sigterm() {
    let sb = Sandbox::new();
    sb.index();
    let port = support::free_port();
    let key = hex::encode(ed25519_dalek::SigningKey::from_bytes(&[7u8; 32]).verifying_key().to_bytes());
    let mut child = sb
        .command()
        .args(["serve-http", "--listen", &format!("127.0.0.1:{port}")])
        .env("DISCORD_PUBLIC_KEY", key)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    let up = support::wait_until(Duration::from_secs(30), || {
        ureq::get(&format!("http://127.0.0.1:{port}/healthz")).call().is_ok()
    });
    assert!(up, "serve-http did not come up");
    sigterm(&child);
    let code = exits_within(&mut child, Duration::from_secs(5), "serve-http");
    assert_eq!(code, Some(0));
}

/// Before f06c6c1 the process logged "shutting down" and went on retrying forever.
#[test]
fn serve_exits_on_sigterm_even_when_discord_is_unreachable() {
    let sb = Sandbox::new();
    sb.index();
    let mut child = sb
        .command()
        .arg("serve")
        .env("DISCORD_TOKEN", "MTIz.fake-token-for-shutdown")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    std::thread::sleep(Duration::from_secs(2));
    assert!(child.try_wait().expect("try_wait").is_none(), "serve stopped on its own before the signal");
    sigterm(&child);
    exits_within(&mut child, Duration::from_secs(10), "serve (gateway)");
}
