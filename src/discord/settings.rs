//! The Discord adapter's settings, in layers: defaults, the `[discord]` table of an
//! optional `tradewatch.toml` (never committed), then the environment. Secrets (the bot
//! token) are held in `Secret` and never printed.

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::Context;
use serde::Deserialize;

use crate::config::Secret;

/// The base URL of Discord's REST API (without `/api/v10`).
pub const DISCORD_API_BASE: &str = "https://discord.com";

/// Everything the gateway, the HTTP endpoint and `register` need to know.
#[derive(Debug, Clone)]
pub struct Settings {
    /// `DISCORD_TOKEN`: the bot token (gateway, `register`, follow-ups).
    pub token: Option<Secret>,
    /// `DISCORD_APPLICATION_ID`.
    pub application_id: Option<u64>,
    /// `DISCORD_PUBLIC_KEY`: the application's Ed25519 public key as 64 hex digits.
    pub public_key: Option<String>,
    /// How long a user waits between two commands.
    pub cooldown: Duration,
    /// How long an answer may take before the reply is deferred (Discord allows 3 s).
    pub answer_timeout: Duration,
    /// Where follow-ups and registrations go; a local mock server in tests.
    pub api_base: String,
    /// How often the server brings the index in line with the corpus folder (0: never).
    pub refresh: Duration,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            token: None,
            application_id: None,
            public_key: None,
            cooldown: Duration::from_secs(3),
            answer_timeout: Duration::from_millis(2000),
            api_base: DISCORD_API_BASE.to_string(),
            refresh: Duration::from_secs(60),
        }
    }
}

/// The `[discord]` table of `tradewatch.toml`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSettings {
    token: Option<String>,
    application_id: Option<u64>,
    public_key: Option<String>,
    cooldown_secs: Option<f64>,
    answer_timeout_ms: Option<u64>,
    api_base: Option<String>,
    refresh_secs: Option<u64>,
}

#[derive(Debug, Default, Deserialize)]
struct FileRoot {
    #[serde(default)]
    discord: Option<FileSettings>,
}

impl Settings {
    /// Reads `TRADEWATCH_CONFIG` (or `./tradewatch.toml` when it exists) and the process
    /// environment.
    pub fn load() -> anyhow::Result<Settings> {
        let path = match std::env::var_os("TRADEWATCH_CONFIG") {
            Some(p) => Some(PathBuf::from(p)),
            None => Some(PathBuf::from("tradewatch.toml")).filter(|p| p.exists()),
        };
        let text = match &path {
            Some(p) => Some(std::fs::read_to_string(p).with_context(|| format!("cannot read {}", p.display()))?),
            None => None,
        };
        Settings::from_sources(text.as_deref(), path.as_deref(), |k| std::env::var(k).ok())
    }

    /// Builds the settings from a TOML text (if any) and an environment lookup; the
    /// environment wins over the file.
    pub fn from_sources(
        toml_text: Option<&str>,
        toml_path: Option<&Path>,
        env: impl Fn(&str) -> Option<String>,
    ) -> anyhow::Result<Settings> {
        let mut s = Settings::default();
        if let Some(text) = toml_text {
            let name = toml_path.map(|p| p.display().to_string()).unwrap_or_else(|| "tradewatch.toml".into());
            let root: FileRoot = toml::from_str(text).map_err(|e| anyhow::anyhow!("{name}: {}", e.message()))?;
            if let Some(f) = root.discord {
                s.token = f.token.map(Secret::new);
                s.application_id = f.application_id;
                s.public_key = f.public_key;
                if let Some(c) = f.cooldown_secs {
                    anyhow::ensure!(
                        c.is_finite() && (0.0..=3600.0).contains(&c),
                        "{name}: cooldown_secs must be 0..3600"
                    );
                    s.cooldown = Duration::from_secs_f64(c);
                }
                if let Some(ms) = f.answer_timeout_ms {
                    anyhow::ensure!(ms <= 2800, "{name}: answer_timeout_ms must stay below Discord's 3 s");
                    s.answer_timeout = Duration::from_millis(ms);
                }
                if let Some(b) = f.api_base {
                    s.api_base = b;
                }
                if let Some(r) = f.refresh_secs {
                    s.refresh = Duration::from_secs(r);
                }
            }
        }
        let nonempty = |k: &str| env(k).map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
        if let Some(t) = nonempty("DISCORD_TOKEN") {
            s.token = Some(Secret::new(t));
        }
        if let Some(id) = nonempty("DISCORD_APPLICATION_ID") {
            s.application_id =
                Some(id.parse().map_err(|_| anyhow::anyhow!("DISCORD_APPLICATION_ID must be a number (a snowflake)"))?);
        }
        if let Some(k) = nonempty("DISCORD_PUBLIC_KEY") {
            s.public_key = Some(k);
        }
        if let Some(b) = nonempty("DISCORD_API_BASE") {
            s.api_base = b;
        }
        Ok(s)
    }

    pub fn require_token(&self) -> anyhow::Result<&Secret> {
        self.token.as_ref().context("DISCORD_TOKEN is not set (the bot token from the Developer Portal)")
    }

    pub fn require_application_id(&self) -> anyhow::Result<u64> {
        self.application_id.context("DISCORD_APPLICATION_ID is not set (the application id from the Developer Portal)")
    }

    /// Replaces the bot token wherever it appears in `text`, for error messages and logs.
    pub fn sanitise(&self, text: &str) -> String {
        match &self.token {
            Some(t) if !t.expose().is_empty() => text.replace(t.expose(), "***"),
            _ => text.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn environment_wins_over_the_file() {
        let toml = "[discord]\ntoken = \"file-token\"\ncooldown_secs = 1.5\napplication_id = 5\n";
        let s = Settings::from_sources(Some(toml), None, |k| (k == "DISCORD_TOKEN").then(|| "env-token".to_string()))
            .unwrap();
        assert_eq!(s.token.as_ref().unwrap().expose(), "env-token");
        assert_eq!(s.application_id, Some(5));
        assert_eq!(s.cooldown, Duration::from_millis(1500));
        assert!(!format!("{s:?}").contains("env-token"));
        assert_eq!(s.sanitise("bad token env-token here"), "bad token *** here");
    }

    #[test]
    fn bad_values_are_clear_errors() {
        let e = Settings::from_sources(Some("[discord]\ncooldown = 3\n"), None, |_| None).unwrap_err();
        assert!(e.to_string().contains("tradewatch.toml"), "{e}");
        let e = Settings::from_sources(None, None, |k| (k == "DISCORD_APPLICATION_ID").then(|| "abc".into()));
        assert!(e.is_err());
        let e = Settings::from_sources(Some("[discord]\nanswer_timeout_ms = 5000\n"), None, |_| None);
        assert!(e.is_err());
    }
}
