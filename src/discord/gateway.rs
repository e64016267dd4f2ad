//! The gateway transport: a serenity client with no privileged intents (slash commands
//! need none). Each interaction is turned back into Discord's JSON and handed to the same
//! dispatcher the HTTP endpoint uses; the reply goes out over REST.

use std::sync::Arc;
use std::time::Duration;

use serenity::all::{Context, EventHandler, GatewayIntents, Ready};
use serenity::async_trait;

use super::dispatch::{Answerer, Dispatcher, Response};
use super::interaction::Interaction;
use super::settings::Settings;
use super::webhook::Webhooks;

struct Handler {
    dispatcher: Arc<Dispatcher>,
    settings: Arc<Settings>,
}

#[async_trait]
impl EventHandler for Handler {
    async fn ready(&self, _ctx: Context, ready: Ready) {
        tracing::info!(guilds = ready.guilds.len(), "connected to the gateway as {}", ready.user.name);
        eprintln!("tradewatch: connected as {} in {} guild(s)", ready.user.name, ready.guilds.len());
    }

    async fn interaction_create(&self, ctx: Context, interaction: serenity::all::Interaction) {
        let inter = match from_model(&interaction) {
            Some(i) => i,
            None => {
                tracing::warn!("could not read an interaction from the gateway");
                return;
            }
        };
        let outcome = match self.dispatcher.handle(&inter).await {
            Ok(o) => o,
            Err(e) => {
                tracing::debug!("ignored interaction: {e}");
                return;
            }
        };
        let hooks = Webhooks::from_http(ctx.http.clone(), self.settings.clone());
        if let Err(e) = hooks.respond(&inter.id, &inter.token, &outcome.response).await {
            tracing::warn!("reply failed: {e}");
            return;
        }
        if let Some(later) = outcome.later {
            let update = outcome.response == Response::DeferredUpdate;
            let (msg, _guard) = later.finish().await;
            if let Err(e) = hooks.deliver(&inter.application_id, &inter.token, &msg, update).await {
                tracing::warn!("follow-up failed: {e}");
            }
        }
    }
}

/// serenity's interaction as the JSON Discord sent, read like an endpoint request.
/// serenity leaves the `type` out when it serialises the variant, so it is put back.
pub fn from_model(interaction: &serenity::all::Interaction) -> Option<Interaction> {
    let mut v = serde_json::to_value(interaction).ok()?;
    let kind = serde_json::to_value(interaction.kind()).ok()?;
    v.as_object_mut()?.insert("type".into(), kind);
    serde_json::from_value(v).ok()
}

/// Connects and answers until ctrl-c or SIGTERM, then lets replies in flight finish.
pub async fn run(answerer: Arc<dyn Answerer>, settings: Arc<Settings>) -> anyhow::Result<()> {
    let token = settings.require_token()?.expose().to_string();
    let dispatcher = Arc::new(Dispatcher::new(answerer, settings.cooldown, settings.answer_timeout, true));
    let handler = Handler { dispatcher: dispatcher.clone(), settings: settings.clone() };
    let mut client = serenity::Client::builder(&token, GatewayIntents::empty())
        .event_handler(handler)
        .await
        .map_err(|e| anyhow::anyhow!("cannot start the Discord client: {}", settings.sanitise(&e.to_string())))?;
    let shards = client.shard_manager.clone();
    // serenity keeps retrying a connection that fails; a stop signal ends the wait either way.
    tokio::select! {
        res = client.start() => {
            res.map_err(|e| anyhow::anyhow!("gateway: {}", settings.sanitise(&e.to_string())))?;
        }
        _ = super::http::shutdown_signal() => {
            shards.shutdown_all().await;
        }
    }
    dispatcher.inflight().drain(Duration::from_secs(20)).await;
    Ok(())
}
