//! Messages sent to Discord's REST API after the first reply: the follow-up that
//! replaces a deferred "thinking…" reply (PATCH `/webhooks/{application}/{token}/messages/@original`,
//! multipart when a chart goes with it), and, for the gateway, the first reply itself.
//! The API base is configurable so tests can point it at a local server.

use std::sync::Arc;

use serde_json::Value;
use serenity::builder::CreateAttachment;
use serenity::http::{Http, HttpBuilder};
use serenity::model::id::{ApplicationId, InteractionId};

use super::dispatch::Response;
use super::message::{Message, EPHEMERAL};
use super::settings::{Settings, DISCORD_API_BASE};

/// A REST client for interaction replies and follow-ups.
#[derive(Clone)]
pub struct Webhooks {
    http: Arc<Http>,
    settings: Arc<Settings>,
}

impl Webhooks {
    /// A client for the HTTP endpoint: the bot token when there is one (follow-ups are
    /// authorised by the interaction token in the URL), the configured API base.
    pub fn new(settings: Arc<Settings>) -> Webhooks {
        let token = settings.token.as_ref().map(|t| t.expose().to_string()).unwrap_or_default();
        let mut builder = HttpBuilder::new(token);
        if settings.api_base.trim_end_matches('/') != DISCORD_API_BASE {
            // serenity sends to a custom base only without its own rate limiter; such a base
            // is expected to be a proxy that limits (or a local test server).
            builder = builder.proxy(settings.api_base.clone()).ratelimiter_disabled(true);
        }
        if let Some(id) = settings.application_id.filter(|&id| id != 0) {
            builder = builder.application_id(ApplicationId::new(id));
        }
        Webhooks { http: Arc::new(builder.build()), settings }
    }

    /// A client sharing the gateway's `Http`.
    pub fn from_http(http: Arc<Http>, settings: Arc<Settings>) -> Webhooks {
        Webhooks { http, settings }
    }

    fn clean(&self, e: &serenity::Error) -> String {
        self.settings.sanitise(&e.to_string())
    }

    fn attachments(msg: &Message) -> Vec<CreateAttachment> {
        msg.files.iter().map(|f| CreateAttachment::bytes(f.bytes.clone(), f.name.clone())).collect()
    }

    /// Sends the first reply over REST (the gateway's way to answer).
    pub async fn respond(&self, interaction_id: &str, token: &str, response: &Response) -> Result<(), String> {
        let id: u64 = interaction_id.parse().map_err(|_| "bad interaction id".to_string())?;
        let id = InteractionId::new(id.max(1));
        let files = match response {
            Response::Message(m) | Response::Update(m) => Self::attachments(m),
            _ => Vec::new(),
        };
        self.http.create_interaction_response(id, token, &response.to_json(), files).await.map_err(|e| self.clean(&e))
    }

    /// Delivers the message a deferred reply promised. `update` is true when the deferred
    /// reply was to a button (the message with the button is replaced). An error message
    /// goes to the asking user alone: the "thinking…" placeholder is removed and an
    /// ephemeral follow-up sent instead.
    pub async fn deliver(&self, application_id: &str, token: &str, msg: &Message, update: bool) -> Result<(), String> {
        let app: u64 = application_id.parse().map_err(|_| "bad application id".to_string())?;
        if app != 0 {
            self.http.set_application_id(ApplicationId::new(app));
        }
        let mut body: Value = msg.to_json();
        if msg.is_ephemeral() {
            if !update {
                if let Err(e) = self.http.delete_original_interaction_response(token).await {
                    tracing::warn!("could not remove the deferred reply: {}", self.clean(&e));
                }
            }
            body["flags"] = Value::from(EPHEMERAL);
            return self
                .http
                .create_followup_message(token, &body, Self::attachments(msg))
                .await
                .map(|_| ())
                .map_err(|e| self.clean(&e));
        }
        if let Some(o) = body.as_object_mut() {
            o.remove("flags");
        }
        self.http
            .edit_original_interaction_response(token, &body, Self::attachments(msg))
            .await
            .map(|_| ())
            .map_err(|e| self.clean(&e))
    }
}
