//! The command line: flags parsed by clap into `Cli`, then one match over the modes,
//! each mode a short function. Exit codes: 0 success, 1 a failure of the system (or a
//! bad file met while indexing), 2 a bad question or bad usage.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Parser, Subcommand};

use crate::answer::{Answer, Engine, ErrorKind};
use crate::config::Paths;
use crate::model::Lang;

#[derive(Debug, Parser)]
#[command(name = "tradewatch", version, about = "Where tech trade restrictions stand, with cited sources")]
pub struct Cli {
    /// The folder of articles.
    #[arg(long, global = true, env = "TRADEWATCH_CORPUS", default_value = "corpus")]
    pub corpus: PathBuf,
    /// The index folder.
    #[arg(long, global = true, env = "TRADEWATCH_INDEX", default_value = "index")]
    pub index: PathBuf,
    #[command(subcommand)]
    pub command: Mode,
}

#[derive(Debug, Subcommand)]
pub enum Mode {
    /// Build or update the index (only what changed).
    Index,
    /// Add article files to the corpus and the index.
    Ingest {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Answer a slash command exactly as the bot would, offline.
    Ask {
        /// The question, e.g. "/status tiktok" or "/search query:Verkaufsverbot".
        question: String,
        /// Print the answer as JSON.
        #[arg(long)]
        json: bool,
        /// Answer as of this day (YYYY-MM-DD) instead of today.
        #[arg(long, value_name = "YYYY-MM-DD")]
        as_of: Option<String>,
        /// Answer language.
        #[arg(long, value_name = "de|en")]
        lang: Option<String>,
    },
    /// Run the Discord bot over the gateway (DISCORD_TOKEN).
    Serve,
    /// Run the Discord HTTP interactions endpoint (DISCORD_PUBLIC_KEY).
    ServeHttp {
        #[arg(long, env = "TRADEWATCH_LISTEN", default_value = "127.0.0.1:8080")]
        listen: String,
    },
    /// Register the slash commands with Discord (DISCORD_TOKEN, DISCORD_APPLICATION_ID).
    Register {
        #[arg(long)]
        guild: Option<u64>,
    },
    /// Time every line of FILE as /search and /status over the current index.
    Bench {
        #[arg(long)]
        queries: PathBuf,
        #[arg(long, default_value_t = 5)]
        repeat: usize,
    },
}

/// Parses the process arguments and runs; the binary's `main` is only this.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    init_logging();
    run(cli)
}

fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    let _ = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).try_init();
}

pub fn run(cli: Cli) -> ExitCode {
    let paths = Paths { corpus: cli.corpus, index: cli.index };
    let result = match cli.command {
        Mode::Index => index(&paths),
        Mode::Ingest { paths: files } => ingest(&paths, &files),
        Mode::Ask { question, json, as_of, lang } => return ask(&paths, &question, json, as_of, lang),
        Mode::Serve => serve(&paths),
        Mode::ServeHttp { listen } => serve_http(&paths, &listen),
        Mode::Register { guild } => register(guild),
        Mode::Bench { queries, repeat } => bench(&paths, &queries, repeat),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(1)
        }
    }
}

fn index(paths: &Paths) -> anyhow::Result<ExitCode> {
    let report = crate::index::update(paths, true)?;
    for e in &report.errors {
        eprintln!("error: {e}");
    }
    println!("{report}");
    Ok(if report.errors.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

fn ingest(paths: &Paths, files: &[PathBuf]) -> anyhow::Result<ExitCode> {
    let report = crate::index::ingest(paths, files)?;
    for e in &report.errors {
        eprintln!("error: {e}");
    }
    println!("{report}");
    Ok(if report.errors.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

fn ask(paths: &Paths, question: &str, json: bool, as_of: Option<String>, lang: Option<String>) -> ExitCode {
    let answer = ask_answer(paths, question, as_of.as_deref(), lang.as_deref());
    let lang = lang.as_deref().and_then(Lang::parse).unwrap_or_default();
    let out = if json { crate::render::json::to_string(&answer) } else { crate::render::text::to_text(&answer, lang) };
    let mut stdout = std::io::stdout().lock();
    let _ = writeln!(stdout, "{out}");
    match &answer {
        Answer::Error(e) if e.kind == ErrorKind::Question => ExitCode::from(2),
        Answer::Error(_) => ExitCode::from(1),
        _ => ExitCode::SUCCESS,
    }
}

/// Everything `ask` does short of printing: every failure becomes an error answer.
pub fn ask_answer(paths: &Paths, question: &str, as_of: Option<&str>, lang: Option<&str>) -> Answer {
    let lang_v = match lang {
        None => Lang::De,
        Some(l) => match Lang::parse(l) {
            Some(l) => l,
            None => return Answer::question_error("ask", format!("unknown language {l:?}; use de or en")),
        },
    };
    let as_of = match as_of {
        None => None,
        Some(s) => match NaiveDate::parse_from_str(s, "%Y-%m-%d") {
            Ok(d) => Some(d),
            Err(_) => {
                return Answer::question_error("ask", format!("--as-of must be a real date as YYYY-MM-DD, not {s:?}"))
            }
        },
    };
    let cmd = match crate::command::parse(question) {
        Ok(c) => c,
        Err(e) => return Answer::question_error(crate::command::guess_name(question), e.to_string()),
    };
    if let Err(e) = crate::index::ensure_fresh(paths) {
        tracing::warn!("could not bring the index up to date: {e:#}");
    }
    let engine = match Engine::open(&paths.index) {
        Ok(e) => e,
        Err(e) => return Answer::system_error(cmd.name(), format!("cannot open the index: {e:#}")),
    };
    engine.answer(&cmd, lang_v, as_of)
}

#[cfg(feature = "discord")]
fn serve(paths: &Paths) -> anyhow::Result<ExitCode> {
    crate::discord::serve_gateway(paths)?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(feature = "discord")]
fn serve_http(paths: &Paths, listen: &str) -> anyhow::Result<ExitCode> {
    crate::discord::serve_http(paths, listen)?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(feature = "discord")]
fn register(guild: Option<u64>) -> anyhow::Result<ExitCode> {
    crate::discord::register(guild)?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(not(feature = "discord"))]
fn serve(_: &Paths) -> anyhow::Result<ExitCode> {
    anyhow::bail!("this build has no Discord support; build with --features discord")
}

#[cfg(not(feature = "discord"))]
fn serve_http(_: &Paths, _: &str) -> anyhow::Result<ExitCode> {
    anyhow::bail!("this build has no Discord support; build with --features discord")
}

#[cfg(not(feature = "discord"))]
fn register(_: Option<u64>) -> anyhow::Result<ExitCode> {
    anyhow::bail!("this build has no Discord support; build with --features discord")
}

fn bench(paths: &Paths, queries: &std::path::Path, repeat: usize) -> anyhow::Result<ExitCode> {
    let line = crate::bench::run(paths, queries, repeat)?;
    println!("{line}");
    Ok(ExitCode::SUCCESS)
}
