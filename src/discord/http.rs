//! The HTTP interactions endpoint: Discord POSTs each interaction, signed, to `/` or
//! `/interactions`; the reply is the response body. Unsigned or wrongly signed requests
//! get 401 before their body is read as JSON; a signed body that is no interaction gets
//! 400. `GET /healthz` answers "ok" for load balancers.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response as HttpResponse};
use axum::routing::{get, post};
use axum::{Json, Router};

use super::dispatch::{Answerer, Dispatcher, Response};
use super::interaction::Interaction;
use super::settings::Settings;
use super::verify::PublicKey;
use super::webhook::Webhooks;

/// What every request handler shares.
pub struct HttpState {
    pub key: PublicKey,
    pub dispatcher: Dispatcher,
    pub webhooks: Webhooks,
}

impl HttpState {
    pub fn new(key: PublicKey, answerer: Arc<dyn Answerer>, settings: Arc<Settings>) -> Arc<HttpState> {
        // Discord does not take files in an endpoint's response body: replies with a
        // chart are deferred and the chart is sent with the follow-up.
        let dispatcher = Dispatcher::new(answerer, settings.cooldown, settings.answer_timeout, false);
        Arc::new(HttpState { key, dispatcher, webhooks: Webhooks::new(settings) })
    }
}

/// The endpoint's routes.
pub fn router(state: Arc<HttpState>) -> Router {
    Router::new()
        .route("/", post(interactions))
        .route("/interactions", post(interactions))
        .route("/healthz", get(|| async { "ok" }))
        .with_state(state)
}

fn header<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

async fn interactions(State(state): State<Arc<HttpState>>, headers: HeaderMap, body: Bytes) -> HttpResponse {
    let sig = header(&headers, "x-signature-ed25519");
    let ts = header(&headers, "x-signature-timestamp");
    if let Err(e) = state.key.verify(sig, ts, &body) {
        tracing::debug!("refused a request: {e}");
        return (StatusCode::UNAUTHORIZED, "invalid request signature").into_response();
    }
    let inter = match Interaction::from_slice(&body) {
        Ok(i) => i,
        Err(e) => {
            tracing::debug!("signed body is no interaction: {e}");
            return (StatusCode::BAD_REQUEST, "not an interaction").into_response();
        }
    };
    let outcome = match state.dispatcher.handle(&inter).await {
        Ok(o) => o,
        Err(e) => {
            tracing::debug!("unusable interaction: {e}");
            return (StatusCode::BAD_REQUEST, "unsupported interaction").into_response();
        }
    };
    if let Some(later) = outcome.later {
        let update = outcome.response == Response::DeferredUpdate;
        let state = state.clone();
        tokio::spawn(async move {
            let (msg, _guard) = later.finish().await;
            if let Err(e) = state.webhooks.deliver(&inter.application_id, &inter.token, &msg, update).await {
                tracing::warn!("follow-up failed: {e}");
            }
        });
    }
    Json(outcome.response.to_json()).into_response()
}

/// Resolves on ctrl-c or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
    tracing::info!("shutting down; letting replies in flight finish");
}

/// Serves `router(state)` on `listener` until `shutdown` resolves, then waits for
/// pending follow-ups (at most 20 s).
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: Arc<HttpState>,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    axum::serve(listener, router(state.clone())).with_graceful_shutdown(shutdown).await?;
    state.dispatcher.inflight().drain(std::time::Duration::from_secs(20)).await;
    Ok(())
}

/// An endpoint running in the background on 127.0.0.1 (an ephemeral port), for tests.
pub struct TestServer {
    pub addr: SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    runtime: Option<tokio::runtime::Runtime>,
}

impl TestServer {
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(rt) = self.runtime.take() {
            rt.shutdown_timeout(std::time::Duration::from_secs(5));
        }
    }
}

/// Starts the endpoint with `answerer` on its own runtime.
pub fn spawn_for_test(answerer: Arc<dyn Answerer>, key: PublicKey, settings: Settings) -> anyhow::Result<TestServer> {
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build()?;
    let listener = runtime.block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))?;
    let addr = listener.local_addr()?;
    let state = HttpState::new(key, answerer, Arc::new(settings));
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    runtime.spawn(async move {
        let stop = async {
            let _ = rx.await;
        };
        if let Err(e) = serve(listener, state, stop).await {
            tracing::error!("test endpoint stopped: {e:#}");
        }
    });
    Ok(TestServer { addr, stop: Some(tx), runtime: Some(runtime) })
}
