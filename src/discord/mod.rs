//! The Discord adapter: the only module that imports serenity (and axum). Two transports
//! — the gateway (`serve_gateway`) and the signed HTTP interactions endpoint
//! (`serve_http`) — feed one `Dispatcher`, which asks the answer layer through the
//! `Answerer` trait and turns answers into messages with the pure `render::render`.
//! `register` creates the slash commands from `commands::definitions`.

pub mod commands;
pub mod dispatch;
pub mod gateway;
pub mod http;
pub mod interaction;
pub mod message;
pub mod render;
pub mod settings;
pub mod verify;
pub mod webhook;

use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use serenity::http::HttpBuilder;
use serenity::model::id::{ApplicationId, GuildId};

pub use dispatch::{Answerer, Dispatcher, EntityChoice};
pub use settings::Settings;

use crate::answer::Engine;
use crate::config::Paths;

fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread().enable_all().build().context("cannot start the async runtime")
}

/// Brings the index up to date and opens it.
fn open_engine(paths: &Paths) -> anyhow::Result<Arc<Engine>> {
    if let Err(e) = crate::index::ensure_fresh(paths) {
        tracing::warn!("could not bring the index up to date: {e:#}");
    }
    Ok(Arc::new(Engine::open(&paths.index).context("cannot open the index")?))
}

/// Re-checks the corpus folder every `every`, so new articles show up without a restart;
/// after a change the engine's reader is reloaded at once.
fn spawn_refresher(paths: &Paths, every: Duration, engine: Arc<Engine>) {
    if every.is_zero() {
        return;
    }
    let paths = paths.clone();
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(every);
        tick.tick().await;
        loop {
            tick.tick().await;
            let p = paths.clone();
            match tokio::task::spawn_blocking(move || crate::index::ensure_fresh(&p)).await {
                Ok(Ok(r)) if r.added + r.changed + r.removed > 0 => {
                    tracing::info!("index refreshed: {r}");
                    if let Err(e) = engine.index.reload() {
                        tracing::warn!("{e:#}");
                    }
                }
                Ok(Err(e)) => tracing::warn!("index refresh failed: {e:#}"),
                _ => {}
            }
        }
    });
}

/// `tradewatch serve`: the bot over the gateway (`DISCORD_TOKEN`).
pub fn serve_gateway(paths: &Paths) -> anyhow::Result<()> {
    let settings = Arc::new(Settings::load()?);
    settings.require_token()?;
    let engine = open_engine(paths)?;
    runtime()?.block_on(async {
        spawn_refresher(paths, settings.refresh, engine.clone());
        gateway::run(engine, settings).await
    })
}

/// `tradewatch serve-http --listen ADDR`: the interactions endpoint (`DISCORD_PUBLIC_KEY`).
pub fn serve_http(paths: &Paths, listen: &str) -> anyhow::Result<()> {
    let settings = Arc::new(Settings::load()?);
    let key_hex =
        settings.public_key.as_deref().context("DISCORD_PUBLIC_KEY is not set (the application's public key)")?;
    let key = verify::PublicKey::from_hex(key_hex)?;
    let engine = open_engine(paths)?;
    runtime()?.block_on(async {
        let listener =
            tokio::net::TcpListener::bind(listen).await.with_context(|| format!("cannot listen on {listen}"))?;
        eprintln!("tradewatch: interactions endpoint on http://{}/interactions", listener.local_addr()?);
        spawn_refresher(paths, settings.refresh, engine.clone());
        let state = http::HttpState::new(key, engine, settings);
        http::serve(listener, state, http::shutdown_signal()).await
    })
}

/// `tradewatch register [--guild ID]`: creates (overwrites) the slash commands, for one
/// guild (immediately visible) or globally.
pub fn register(guild: Option<u64>) -> anyhow::Result<()> {
    let settings = Settings::load()?;
    let token = settings.require_token()?;
    let app = settings.require_application_id()?;
    anyhow::ensure!(app != 0, "DISCORD_APPLICATION_ID must not be 0");
    let mut builder = HttpBuilder::new(token.expose()).application_id(ApplicationId::new(app));
    if settings.api_base.trim_end_matches('/') != settings::DISCORD_API_BASE {
        // serenity sends to a custom base only without its own rate limiter; such a base
        // is expected to be a proxy that limits (or a local test server).
        builder = builder.proxy(settings.api_base.clone()).ratelimiter_disabled(true);
    }
    let http = builder.build();
    let defs = commands::definitions();
    let created = runtime()?.block_on(async {
        match guild {
            Some(0) => Err(anyhow::anyhow!("--guild must be a guild id, not 0")),
            Some(g) => http.create_guild_commands(GuildId::new(g), &defs).await.map_err(anyhow::Error::from),
            None => http.create_global_commands(&defs).await.map_err(anyhow::Error::from),
        }
        .map_err(|e| anyhow::anyhow!("registering the commands failed: {}", settings.sanitise(&format!("{e:#}"))))
    })?;
    let names: Vec<String> = created.iter().map(|c| format!("/{}", c.name)).collect();
    match guild {
        Some(g) => println!("registered {} in guild {g}", names.join(", ")),
        None => println!("registered {} globally (may take up to an hour to show everywhere)", names.join(", ")),
    }
    Ok(())
}
