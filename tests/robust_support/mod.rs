//! Helpers for the robustness tests: a sandbox (a temporary copy of the committed corpus
//! with its own index folder), the real binary run against it, a generator of small
//! German articles about invented companies, and a few process and file checks.
#![allow(dead_code)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

/// The binary under test.
pub fn binary() -> &'static str {
    env!("CARGO_BIN_EXE_tradewatch")
}

/// A temporary copy of `corpus/` with an index folder beside it.
pub struct Sandbox {
    pub dir: tempfile::TempDir,
    pub corpus: PathBuf,
    pub index: PathBuf,
}

impl Sandbox {
    /// Copies the committed corpus into a fresh temporary folder.
    pub fn new() -> Sandbox {
        let dir = tempfile::tempdir().expect("tempdir");
        let corpus = dir.path().join("corpus");
        let index = dir.path().join("index");
        std::fs::create_dir_all(&corpus).expect("corpus dir");
        let seeds = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus");
        for entry in std::fs::read_dir(&seeds).expect("committed corpus") {
            let entry = entry.expect("entry");
            if entry.file_type().map(|t| t.is_file()).unwrap_or(false) {
                std::fs::copy(entry.path(), corpus.join(entry.file_name())).expect("copy seed");
            }
        }
        Sandbox { dir, corpus, index }
    }

    /// A folder inside the sandbox (outside the corpus) for files to ingest.
    pub fn inbox(&self, name: &str) -> PathBuf {
        let p = self.dir.path().join(name);
        std::fs::create_dir_all(&p).expect("inbox");
        p
    }

    /// `tradewatch --corpus … --index …` ready for a subcommand.
    pub fn command(&self) -> Command {
        let mut c = Command::new(binary());
        c.arg("--corpus").arg(&self.corpus).arg("--index").arg(&self.index);
        c.env_remove("RUST_LOG").env_remove("DISCORD_TOKEN").env_remove("TRADEWATCH_CONFIG");
        c.current_dir(self.dir.path());
        c
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.command().args(args).output().expect("run tradewatch")
    }

    /// `ask --json QUESTION [extra…]`: the exit code and the parsed JSON (panics when
    /// stdout is not JSON or stderr reports a panic).
    pub fn ask_json(&self, question: &str, extra: &[&str]) -> (i32, Value) {
        let out = self.command().arg("ask").arg("--json").arg(question).args(extra).output().expect("run ask");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "ask {question:?} panicked: {stderr}");
        let stdout = String::from_utf8_lossy(&out.stdout);
        let v: Value = serde_json::from_str(stdout.trim())
            .unwrap_or_else(|e| panic!("ask {question:?}: stdout is not JSON ({e}): {stdout:?}; stderr {stderr}"));
        (out.status.code().unwrap_or(-1), v)
    }

    /// `tradewatch index`, asserting success.
    pub fn index(&self) -> String {
        let out = self.run(&["index"]);
        assert!(
            out.status.success(),
            "index failed: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).to_string()
    }

    /// Every file name in the corpus folder (hidden ones too).
    pub fn corpus_listing(&self) -> BTreeSet<String> {
        std::fs::read_dir(&self.corpus)
            .expect("list corpus")
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().to_string())
            .collect()
    }

    /// The files the loader reads as articles.
    pub fn article_files(&self) -> BTreeSet<String> {
        tradewatch::corpus::article_files(&self.corpus).expect("article files").into_iter().collect()
    }
}

/// The names of the committed seed articles.
pub fn seed_names() -> BTreeSet<String> {
    let seeds = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus");
    tradewatch::corpus::article_files(&seeds).expect("seed corpus").into_iter().collect()
}

// ------------------------------------------------------------------------------
// Generated articles

/// A small deterministic generator (xorshift64*), so failures can be replayed.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const HEADS: &[&str] = &["Vel", "Qor", "Tram", "Zeb", "Mira", "Lux", "Kor", "Dran", "Fen", "Bri", "Sol", "Jor"];
const MIDS: &[&str] = &["an", "o", "i", "u", "e", "ar", "en"];
const TAILS: &[&str] = &["tek", "vix", "nara", "dex", "lon", "mir", "tra", "quin"];
const TRADES: &[&str] =
    &["Chiphersteller", "Netzwerkausrüster", "Drohnenhersteller", "Softwarekonzern", "App-Anbieter"];
const CITIES: &[&str] = &["Shenzhen", "Hangzhou", "Minsk", "Teheran", "Wuhan", "Chengdu"];

/// An invented company name: unlike any real one and unlike the seed entities.
pub fn company_name(rng: &mut Rng) -> String {
    format!("{}{}{}", rng.pick(HEADS), rng.pick(MIDS), rng.pick(TAILS))
}

/// One generated article: its file name, the company it is about, and its text.
#[derive(Debug, Clone)]
pub struct Generated {
    pub name: String,
    pub company: String,
    pub text: String,
}

/// A short German news article (front matter, a headline, two or three paragraphs)
/// reporting measures against an invented company, varied by `rng`; `n` makes the text
/// unique.
pub fn article(rng: &mut Rng, n: usize) -> Generated {
    let company = company_name(rng);
    let year = 2019 + rng.below(7) as i32;
    let month = rng.below(12);
    let day = 1 + rng.below(28);
    let pub_day = 1 + rng.below(28);
    let trade = rng.pick(TRADES);
    let city = rng.pick(CITIES);
    let staff = 200 + rng.below(40_000);
    let mut paragraphs: Vec<String> = Vec::new();
    // The German name as an article writes it: "März".
    let month_name = tradewatch::text::months::MONTHS[month][0].capitalised();
    let lead = match rng.below(4) {
        0 => format!(
            "Das US-Handelsministerium hat den {trade} {company} aus {city} auf die sogenannte Entity List gesetzt. \
             Ab dem {day}. {} {year} dürfen US-Firmen ohne Genehmigung keine Bauteile mehr an {company} liefern.",
            month_name
        ),
        1 => format!(
            "Die Bundesregierung verbietet Behörden den Einsatz von Software des {trade}s {company}. \
             Das Verbot gilt ab dem {day}. {} {year}, teilte das Bundesinnenministerium mit.",
            month_name
        ),
        2 => format!(
            "Die US-Regierung hat Exportkontrollen gegen den {trade} {company} verhängt. \
             Seit dem {day}. {} {year} ist die Ausfuhr von Hochleistungschips an {company} genehmigungspflichtig.",
            month_name
        ),
        _ => format!(
            "Das US-Finanzministerium hat Sanktionen gegen den {trade} {company} aus {city} verhängt. \
             Vermögenswerte von {company} in den USA werden eingefroren, die Maßnahme gilt ab dem {day}. {} {year}.",
            month_name
        ),
    };
    paragraphs.push(lead);
    let reaction = match rng.below(3) {
        0 => format!("{company} wies die Vorwürfe zurück und kündigte an, vor Gericht zu ziehen."),
        1 => format!("Ein Sprecher von {company} sagte, man prüfe rechtliche Schritte gegen die Entscheidung."),
        _ => format!("{company} äußerte sich zunächst nicht zu der Entscheidung."),
    };
    paragraphs.push(format!(
        "{reaction} Das Unternehmen beschäftigt nach eigenen Angaben rund {staff} Mitarbeiter in {city}."
    ));
    if rng.below(2) == 0 {
        paragraphs.push(format!(
            "Beobachter rechnen damit, dass weitere Länder dem Beispiel folgen. Meldung Nummer {n} der Testredaktion."
        ));
    } else {
        paragraphs.push(format!("Die Netzbetreiber hatten vor hohen Kosten gewarnt. Laufende Nummer {n}."));
    }
    let title = format!("Maßnahmen gegen {company}");
    let text = format!(
        "---\ntitle: {title}\nsource: Testredaktion\npublished: {year}-{:02}-{pub_day:02}\nlanguage: de\n---\n{title}\n\n{}\n",
        month + 1,
        paragraphs.join("\n\n")
    );
    Generated { name: format!("gen_{n:05}.md"), company, text }
}

/// Writes `count` generated articles (numbered from `first`) into `dir`; returns them
/// with their paths.
pub fn write_articles(dir: &Path, first: usize, count: usize, seed: u64) -> Vec<(PathBuf, Generated)> {
    let mut rng = Rng::new(seed);
    (first..first + count)
        .map(|n| {
            let g = article(&mut rng, n);
            let path = dir.join(&g.name);
            std::fs::write(&path, &g.text).expect("write generated article");
            (path, g)
        })
        .collect()
}

// ------------------------------------------------------------------------------
// Processes

/// Sends SIGKILL to a child (what `Child::kill` does on Unix: no cleanup, no
/// destructors, a crash) and reaps it.
pub fn kill9(child: &mut Child) {
    let _ = child.kill();
    let _ = child.wait();
}

/// Waits until `cond` holds (polling every 5 ms) or `limit` passes; true when it held.
pub fn wait_until(limit: Duration, mut cond: impl FnMut() -> bool) -> bool {
    let end = Instant::now() + limit;
    while Instant::now() < end {
        if cond() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    cond()
}

/// Spawns the binary with piped output.
pub fn spawn(mut c: Command) -> Child {
    c.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("spawn tradewatch")
}

/// A free loopback port (bound, read, released).
pub fn free_port() -> u16 {
    let l = std::net::TcpListener::bind("127.0.0.1:0").expect("bind :0");
    l.local_addr().expect("addr").port()
}

/// Resident memory of a process in KiB, from /proc.
pub fn rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status.lines().find_map(|l| l.strip_prefix("VmRSS:")).and_then(|v| v.split_whitespace().next()?.parse().ok())
}
