//! The dispatcher both transports share: an interaction in, a reply out. Commands run on
//! a blocking thread; an answer that is not ready within the answer timeout is deferred
//! and delivered later as a follow-up. Also the per-user cooldown and autocomplete.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use tokio::task::JoinHandle;

use super::interaction::{to_command, Interaction, ParseError, Request};
use super::message::{limits, FileUpload, Message};
use super::render::{self, render};
use crate::answer::Answer;
use crate::command::{Command, CommandError};
use crate::model::Lang;

/// What the adapter needs from the answer layer; `Engine` is the real one, tests may
/// bring a fake.
pub trait Answerer: Send + Sync + 'static {
    /// Answers one command in the reader's language.
    fn answer(&self, cmd: &Command, lang: Lang) -> Answer;
    /// The entities the corpus knows, for autocomplete.
    fn entities(&self) -> Vec<EntityChoice>;
}

/// An entity autocomplete can offer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityChoice {
    pub name: String,
    pub aliases: Vec<String>,
    pub mentions: usize,
}

/// The aliases `data/entities.toml` lists for each canonical name, as written there
/// (the gazetteer keeps only folded forms, which read badly in a choice list).
fn listed_aliases() -> &'static HashMap<String, Vec<String>> {
    #[derive(serde::Deserialize)]
    struct File {
        entity: Vec<Entry>,
    }
    #[derive(serde::Deserialize)]
    struct Entry {
        name: String,
        #[serde(default)]
        aliases: Vec<String>,
    }
    static ALIASES: std::sync::OnceLock<HashMap<String, Vec<String>>> = std::sync::OnceLock::new();
    ALIASES.get_or_init(|| {
        let file: Option<File> = toml::from_str(include_str!("../../data/entities.toml")).ok();
        let mut map: HashMap<String, Vec<String>> = HashMap::new();
        for e in file.map(|f| f.entity).unwrap_or_default() {
            map.entry(e.name).or_default().extend(e.aliases);
        }
        map
    })
}

impl Answerer for crate::answer::Engine {
    fn answer(&self, cmd: &Command, lang: Lang) -> Answer {
        crate::answer::Engine::answer(self, cmd, lang, None)
    }

    fn entities(&self) -> Vec<EntityChoice> {
        match self.index.entities() {
            Ok(list) => list
                .into_iter()
                .map(|e| {
                    let aliases = listed_aliases().get(&e.name).cloned().unwrap_or_default();
                    EntityChoice { name: e.name, aliases, mentions: e.mentions }
                })
                .collect(),
            Err(e) => {
                tracing::warn!("cannot list entities for autocomplete: {e:#}");
                Vec::new()
            }
        }
    }
}

/// The reply to one interaction (Discord's interaction callback types).
#[derive(Debug, Clone, PartialEq)]
pub enum Response {
    /// 1
    Pong,
    /// 4: a message now.
    Message(Message),
    /// 5: "thinking…", the message follows.
    Deferred,
    /// 6: a button press acknowledged, the updated message follows.
    DeferredUpdate,
    /// 7: a button press answered by replacing the message.
    Update(Message),
    /// 8: autocomplete choices as (shown name, value).
    Choices(Vec<(String, String)>),
}

impl Response {
    pub fn kind(&self) -> u8 {
        match self {
            Response::Pong => 1,
            Response::Message(_) => 4,
            Response::Deferred => 5,
            Response::DeferredUpdate => 6,
            Response::Update(_) => 7,
            Response::Choices(_) => 8,
        }
    }

    /// The JSON body Discord expects.
    pub fn to_json(&self) -> Value {
        let kind = self.kind();
        match self {
            Response::Pong | Response::DeferredUpdate => json!({ "type": kind }),
            Response::Deferred => json!({ "type": kind, "data": { "allowed_mentions": { "parse": [] } } }),
            Response::Message(m) | Response::Update(m) => json!({ "type": kind, "data": m.to_json() }),
            Response::Choices(c) => json!({
                "type": kind,
                "data": { "choices": c.iter().map(|(n, v)| json!({"name": n, "value": v})).collect::<Vec<_>>() }
            }),
        }
    }

    pub fn files(&self) -> &[FileUpload] {
        match self {
            Response::Message(m) | Response::Update(m) => &m.files,
            _ => &[],
        }
    }
}

/// Counts work that outlives its request (pending follow-ups), so shutdown can wait.
#[derive(Debug, Clone, Default)]
pub struct Inflight(Arc<AtomicUsize>);

impl Inflight {
    pub fn count(&self) -> usize {
        self.0.load(Ordering::SeqCst)
    }

    fn enter(&self) -> InflightGuard {
        self.0.fetch_add(1, Ordering::SeqCst);
        InflightGuard(self.0.clone())
    }

    /// Waits until nothing is in flight, at most `limit`.
    pub async fn drain(&self, limit: Duration) {
        let end = Instant::now() + limit;
        while self.count() > 0 && Instant::now() < end {
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

#[derive(Debug)]
pub struct InflightGuard(Arc<AtomicUsize>);

impl Drop for InflightGuard {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// A message still to be delivered after a deferred reply.
#[derive(Debug)]
pub struct FollowUp {
    job: FollowUpJob,
    lang: Lang,
    guard: InflightGuard,
}

#[derive(Debug)]
enum FollowUpJob {
    Ready(Message),
    Pending(JoinHandle<Message>),
}

impl FollowUp {
    /// The finished message (an internal-error message if the answer failed), and the
    /// guard that keeps shutdown waiting until the message is delivered.
    pub async fn finish(self) -> (Message, InflightGuard) {
        let msg = match self.job {
            FollowUpJob::Ready(m) => m,
            FollowUpJob::Pending(h) => joined(h.await, self.lang),
        };
        (msg, self.guard)
    }
}

fn joined(res: Result<Message, tokio::task::JoinError>, lang: Lang) -> Message {
    res.unwrap_or_else(|e| {
        tracing::error!("answering failed: {e}");
        render::error_message(lang, render::MSG_INTERNAL)
    })
}

/// The reply now, and possibly a message to send later.
#[derive(Debug)]
pub struct Outcome {
    pub response: Response,
    pub later: Option<FollowUp>,
}

impl Outcome {
    fn now(response: Response) -> Outcome {
        Outcome { response, later: None }
    }
}

/// At most one command per user per `period`.
#[derive(Debug)]
pub struct Cooldown {
    period: Duration,
    last: Mutex<HashMap<String, Instant>>,
}

impl Cooldown {
    pub fn new(period: Duration) -> Cooldown {
        Cooldown { period, last: Mutex::new(HashMap::new()) }
    }

    /// `None` when the user may go ahead (and records the time), otherwise how long to wait.
    pub fn check(&self, user: Option<&str>, now: Instant) -> Option<Duration> {
        let user = user?;
        if self.period.is_zero() {
            return None;
        }
        let mut last = self.last.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(&t) = last.get(user) {
            let since = now.saturating_duration_since(t);
            if since < self.period {
                return Some(self.period - since);
            }
        }
        if last.len() > 50_000 {
            let period = self.period;
            last.retain(|_, t| now.saturating_duration_since(*t) < period);
        }
        last.insert(user.to_string(), now);
        None
    }
}

/// How long autocomplete may reuse the entity list.
const ENTITY_CACHE: Duration = Duration::from_secs(30);

/// The shared core of the gateway and the HTTP endpoint.
pub struct Dispatcher {
    answerer: Arc<dyn Answerer>,
    cooldown: Cooldown,
    answer_timeout: Duration,
    /// Whether the first reply can carry files (gateway: yes; HTTP endpoint: no, so
    /// replies with a chart are deferred and the chart goes with the follow-up).
    inline_files: bool,
    inflight: Inflight,
    entities: Mutex<Option<(Instant, Arc<Vec<EntityChoice>>)>>,
}

impl Dispatcher {
    pub fn new(answerer: Arc<dyn Answerer>, cooldown: Duration, answer_timeout: Duration, inline_files: bool) -> Self {
        Dispatcher {
            answerer,
            cooldown: Cooldown::new(cooldown),
            answer_timeout,
            inline_files,
            inflight: Inflight::default(),
            entities: Mutex::new(None),
        }
    }

    pub fn inflight(&self) -> &Inflight {
        &self.inflight
    }

    /// Answers one interaction. An error means the body was no interaction the bot
    /// takes (HTTP 400).
    pub async fn handle(&self, inter: &Interaction) -> Result<Outcome, ParseError> {
        let lang = inter.lang();
        match inter.request()? {
            Request::Ping => Ok(Outcome::now(Response::Pong)),
            Request::Autocomplete { option, typed, .. } => {
                let choices = if option == "entity" { self.entity_choices(&typed).await } else { Vec::new() };
                Ok(Outcome::now(Response::Choices(choices)))
            }
            Request::Command { name, options } => {
                let cmd = match to_command(&name, &options) {
                    Ok(c) => c,
                    Err(e) => return Ok(Outcome::now(Response::Message(command_error(&e, lang)))),
                };
                if let Some(wait) = self.cooldown.check(inter.user_id(), Instant::now()) {
                    let secs = wait.as_secs_f64().ceil().max(1.0) as u64;
                    return Ok(Outcome::now(Response::Message(render::slow_down(lang, secs))));
                }
                Ok(self.run(cmd, lang, 0, false).await)
            }
            Request::Component { custom_id } => match render::parse_custom_id(&custom_id) {
                Some((cmd, page)) => Ok(self.run(cmd, lang, page, true).await),
                None => Ok(Outcome::now(Response::Message(render::error_message(lang, render::MSG_EXPIRED_PAGE)))),
            },
        }
    }

    /// Answers and renders on a blocking thread; replies now if that is done within the
    /// answer timeout, otherwise defers.
    async fn run(&self, cmd: Command, lang: Lang, page: usize, update: bool) -> Outcome {
        let answerer = self.answerer.clone();
        let guard = self.inflight.enter();
        let mut job = tokio::task::spawn_blocking(move || render(&answerer.answer(&cmd, lang), lang, page));
        let deferred = if update { Response::DeferredUpdate } else { Response::Deferred };
        match tokio::time::timeout(self.answer_timeout, &mut job).await {
            Ok(res) => {
                let msg = joined(res, lang);
                if !msg.files.is_empty() && !self.inline_files {
                    let later = FollowUp { job: FollowUpJob::Ready(msg), lang, guard };
                    return Outcome { response: deferred, later: Some(later) };
                }
                // An error cannot replace a shared message; it goes to the user alone.
                if update && !msg.is_ephemeral() {
                    Outcome::now(Response::Update(msg))
                } else {
                    Outcome::now(Response::Message(msg))
                }
            }
            Err(_) => {
                let later = FollowUp { job: FollowUpJob::Pending(job), lang, guard };
                Outcome { response: deferred, later: Some(later) }
            }
        }
    }

    async fn entity_choices(&self, typed: &str) -> Vec<(String, String)> {
        let cached = {
            let slot = self.entities.lock().unwrap_or_else(|p| p.into_inner());
            slot.as_ref().filter(|(t, _)| t.elapsed() < ENTITY_CACHE).map(|(_, e)| e.clone())
        };
        let list = match cached {
            Some(l) => l,
            None => {
                let answerer = self.answerer.clone();
                let job = tokio::task::spawn_blocking(move || answerer.entities());
                let list = match tokio::time::timeout(self.answer_timeout, job).await {
                    Ok(Ok(l)) => Arc::new(l),
                    _ => {
                        tracing::warn!("autocomplete: the entity list did not arrive in time");
                        return Vec::new();
                    }
                };
                *self.entities.lock().unwrap_or_else(|p| p.into_inner()) = Some((Instant::now(), list.clone()));
                list
            }
        };
        filter_choices(&list, typed)
    }
}

/// The localized, ephemeral reply to an unusable command.
pub fn command_error(e: &CommandError, lang: Lang) -> Message {
    match e {
        CommandError::BadDate(_) => render::error_message(lang, render::MSG_BAD_DATE),
        CommandError::Missing { option, .. } => render::missing_option(lang, option),
        CommandError::TooLong(_) => render::error_message(lang, render::MSG_TOO_LONG),
        _ => render::error_message(lang, render::MSG_UNKNOWN_COMMAND),
    }
}

/// Autocomplete choices for what the user typed: names and aliases that start with it
/// (case-insensitive; any word of the name counts), then names that contain it; the most
/// mentioned first; at most 25, each at most 100 characters.
pub fn filter_choices(entities: &[EntityChoice], typed: &str) -> Vec<(String, String)> {
    let q = typed.trim().to_lowercase();
    let folded = crate::extract::entities::fold_key(&q);
    let starts = |s: &str| {
        let l = s.to_lowercase();
        l.starts_with(&q)
            || l.split(|c: char| !c.is_alphanumeric()).any(|w| !w.is_empty() && w.starts_with(&q))
            || (!folded.is_empty() && crate::extract::entities::fold_key(s).starts_with(&folded))
    };
    let mut scored: Vec<(u8, &EntityChoice, Option<&str>)> = entities
        .iter()
        .filter(|e| !e.name.trim().is_empty() && e.name.chars().count() <= limits::CHOICE_TEXT)
        .filter_map(|e| {
            if q.is_empty() || e.name.to_lowercase().starts_with(&q) {
                return Some((0, e, None));
            }
            if starts(&e.name) {
                return Some((1, e, None));
            }
            if let Some(a) = e.aliases.iter().find(|a| starts(a)) {
                return Some((2, e, Some(a.as_str())));
            }
            if e.name.to_lowercase().contains(&q) {
                return Some((3, e, None));
            }
            e.aliases.iter().find(|a| a.to_lowercase().contains(&q)).map(|a| (3, e, Some(a.as_str())))
        })
        .collect();
    scored.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.mentions.cmp(&a.1.mentions)).then(a.1.name.cmp(&b.1.name)));
    scored.dedup_by(|a, b| a.1.name == b.1.name);
    scored
        .into_iter()
        .take(limits::CHOICES)
        .map(|(_, e, alias)| {
            let shown = match alias {
                Some(a) => format!("{} ({a})", e.name),
                None => e.name.clone(),
            };
            let shown = if shown.chars().count() > limits::CHOICE_TEXT { e.name.clone() } else { shown };
            (shown, e.name.clone())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(name: &str, aliases: &[&str], mentions: usize) -> EntityChoice {
        EntityChoice { name: name.into(), aliases: aliases.iter().map(|s| s.to_string()).collect(), mentions }
    }

    #[test]
    fn choices_by_prefix_word_alias_and_substring() {
        let list = vec![
            e("TikTok", &["ByteDance", "Musical.ly"], 30),
            e("WeChat", &["Tencent"], 20),
            e("Kaspersky Lab", &[], 25),
            e("Huawei", &[], 5),
        ];
        let names = |typed: &str| filter_choices(&list, typed).into_iter().map(|(_, v)| v).collect::<Vec<_>>();
        assert_eq!(names("tik"), ["TikTok"]);
        assert_eq!(names("TIK"), ["TikTok"]);
        assert_eq!(names("lab"), ["Kaspersky Lab"]);
        assert_eq!(names("byte"), ["TikTok"]);
        assert_eq!(names("musically"), ["TikTok"]);
        assert_eq!(filter_choices(&list, "tencent")[0].0, "WeChat (Tencent)");
        assert_eq!(names("awe"), ["Huawei"]);
        assert_eq!(names(""), ["TikTok", "Kaspersky Lab", "WeChat", "Huawei"]);
        assert!(names("zzz").is_empty());
        let many: Vec<EntityChoice> = (0..60).map(|i| e(&format!("Firma {i}"), &[], i)).collect();
        assert_eq!(filter_choices(&many, "firma").len(), 25);
    }

    #[test]
    fn cooldown_per_user() {
        let c = Cooldown::new(Duration::from_secs(3));
        let t0 = Instant::now();
        assert_eq!(c.check(Some("1"), t0), None);
        assert!(c.check(Some("1"), t0 + Duration::from_secs(1)).is_some());
        assert_eq!(c.check(Some("2"), t0 + Duration::from_secs(1)), None);
        assert_eq!(c.check(Some("1"), t0 + Duration::from_secs(4)), None);
        assert_eq!(Cooldown::new(Duration::ZERO).check(Some("1"), t0), None);
    }
}
