//! Adding article files to the corpus: each file is validated by parsing it, copied into
//! the corpus folder atomically (temporary file with a name the loader ignores, fsync,
//! rename, fsync of the folder), then the index is updated once for all of them.
//!
//! Idempotent: a file whose content the corpus already holds under its name is skipped;
//! a different file with a taken name is stored as `<stem>_<hash8>.<ext>`. After a crash
//! at any point the corpus holds each article at most once and whole, and the next
//! update indexes exactly what the corpus holds.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::lock::{WriterLock, DEFAULT_WAIT};
use super::update::{update_locked, Loader};
use super::UpdateReport;
use crate::config::Paths;
use crate::corpus::LoadError;

/// Temporary files start with this (a dot: hidden, and an extension no loader accepts).
const TEMP_PREFIX: &str = ".tradewatch-ingest-";
const TEMP_SUFFIX: &str = ".tmp";
/// File extensions accepted as articles.
const ARTICLE_EXTENSIONS: &[&str] = &["md", "txt", "html", "htm"];

/// Copies article files into the corpus (atomically) and indexes them.
pub fn ingest(paths: &Paths, files: &[PathBuf]) -> anyhow::Result<UpdateReport> {
    ingest_with(paths, files, Loader::CORPUS)
}

pub(crate) fn ingest_with(paths: &Paths, files: &[PathBuf], loader: Loader) -> anyhow::Result<UpdateReport> {
    let _lock = WriterLock::acquire(&paths.index, DEFAULT_WAIT)?;
    std::fs::create_dir_all(&paths.corpus)?;
    remove_stale_temporaries(&paths.corpus);
    let mut errors = Vec::new();
    let (mut copied, mut already_present) = (0, 0);
    for path in files {
        match copy_one(&paths.corpus, path, loader) {
            Ok(true) => copied += 1,
            Ok(false) => already_present += 1,
            Err(e) => errors.push(e),
        }
    }
    if copied > 0 {
        sync_dir(&paths.corpus);
    }
    let mut report = update_locked(paths, files.len() > 200, loader)?;
    report.copied = copied;
    report.already_present = already_present;
    errors.append(&mut report.errors);
    report.errors = errors;
    Ok(report)
}

/// Temporaries left by a killed ingest (only lock holders create them, so any present
/// now is abandoned).
fn remove_stale_temporaries(corpus: &Path) {
    let Ok(entries) = std::fs::read_dir(corpus) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with(TEMP_PREFIX) && name.ends_with(TEMP_SUFFIX) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

fn sync_dir(dir: &Path) {
    if let Ok(f) = std::fs::File::open(dir) {
        let _ = f.sync_all();
    }
}

fn error(path: &Path, line: Option<usize>, message: impl Into<String>) -> LoadError {
    LoadError { file: path.display().to_string(), line, message: message.into() }
}

/// Copies one file; `Ok(true)` when copied, `Ok(false)` when the corpus already had it.
fn copy_one(corpus: &Path, path: &Path, loader: Loader) -> Result<bool, LoadError> {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .filter(|n| !n.starts_with('.'))
        .ok_or_else(|| error(path, None, "not a usable file name"))?;
    let ext = Path::new(name).extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).unwrap_or_default();
    if !ARTICLE_EXTENSIONS.contains(&ext.as_str()) {
        return Err(error(path, None, "not an article file (expected .md, .txt or .html)"));
    }
    let bytes = std::fs::read(path).map_err(|e| error(path, None, format!("cannot read: {e}")))?;
    (loader.parse)(name, &bytes).map_err(|e| error(path, e.line, e.message))?;

    let mut target = corpus.join(name);
    if let Ok(existing) = std::fs::read(&target) {
        if existing == bytes {
            return Ok(false);
        }
        let stem = Path::new(name).file_stem().and_then(|s| s.to_str()).unwrap_or("article");
        let short = &blake3::hash(&bytes).to_hex()[..8];
        target = corpus.join(format!("{stem}_{short}.{ext}"));
        if let Ok(existing) = std::fs::read(&target) {
            if existing == bytes {
                return Ok(false);
            }
            return Err(error(path, None, format!("{} already exists with other content", target.display())));
        }
    }
    write_atomically(corpus, &target, &bytes)
        .map_err(|e| error(path, None, format!("cannot copy into the corpus: {e}")))?;
    Ok(true)
}

fn write_atomically(dir: &Path, target: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut tmp = tempfile::Builder::new().prefix(TEMP_PREFIX).suffix(TEMP_SUFFIX).tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist_noclobber(target).map_err(|e| e.error)?;
    Ok(())
}
