//! The manifest: what the corpus folder looked like (name, size, modification time,
//! content hash) when the index last committed. `ensure_fresh` compares the folder with
//! it using names, sizes and times only; a stale or missing manifest merely causes a
//! re-check against the content hashes the index holds. Written atomically (temporary
//! file, fsync, rename).
//!
//! Format: a header line, then one line per corpus folder, `D<TAB>mtime_ns<TAB>name`
//! (`.` for the corpus folder itself), and one per file,
//! `F<TAB>size<TAB>mtime_ns<TAB>hash<TAB>name`, where `hash` is `!` for a file that could
//! not be loaded. Folder times tell whether any file was added, removed or renamed
//! without listing the folder (creating, deleting or renaming an entry updates its
//! folder's modification time).

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;
use std::time::UNIX_EPOCH;

pub const MANIFEST_FILE: &str = "manifest.tsv";
/// The header names the format and the extraction rules: a manifest written under other
/// rules reads as empty, which sends every file back to the content-hash check.
fn header() -> String {
    format!("tradewatch-manifest 1 rules {}", crate::extract::RULES_FINGERPRINT)
}
/// The hash recorded for a file that failed to load.
pub const BROKEN: &str = "!";

/// Size and modification time of a file, as cheap evidence that it did not change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    pub size: u64,
    pub mtime_ns: u128,
}

/// The modification times of `corpus` (as `.`) and of every subfolder a loader would
/// walk (hidden ones and symlinks left out), in nanoseconds.
pub fn folder_times(corpus: &Path) -> HashMap<String, u128> {
    fn walk(dir: &Path, name: String, out: &mut HashMap<String, u128>) {
        let Ok(stamp) = Stamp::of(dir) else { return };
        out.insert(name.clone(), stamp.mtime_ns);
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        for entry in entries.flatten() {
            let child = entry.file_name().to_string_lossy().to_string();
            if child.starts_with('.') || !entry.file_type().is_ok_and(|t| t.is_dir()) {
                continue;
            }
            let rel = if name == "." { child } else { format!("{name}/{child}") };
            walk(&entry.path(), rel, out);
        }
    }
    let mut out = HashMap::new();
    walk(corpus, ".".to_string(), &mut out);
    out
}

impl Stamp {
    pub fn of(path: &Path) -> std::io::Result<Stamp> {
        let meta = std::fs::metadata(path)?;
        let mtime_ns = meta.modified().ok().and_then(|t| t.duration_since(UNIX_EPOCH).ok()).map_or(0, |d| d.as_nanos());
        Ok(Stamp { size: meta.len(), mtime_ns })
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub stamp: Stamp,
    pub hash: String,
}

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Manifest {
    pub files: HashMap<String, Entry>,
    /// Modification times of the corpus folder (`.`) and its subfolders.
    pub dirs: HashMap<String, u128>,
}

impl Manifest {
    /// Reads the manifest in `index_dir`; an absent or unreadable one is empty.
    pub fn load(index_dir: &Path) -> Manifest {
        let Ok(text) = std::fs::read_to_string(index_dir.join(MANIFEST_FILE)) else {
            return Manifest::default();
        };
        let mut lines = text.lines();
        if lines.next() != Some(header().as_str()) {
            return Manifest::default();
        }
        let mut m = Manifest::default();
        for line in lines {
            let mut parts = line.splitn(2, '\t');
            match (parts.next(), parts.next()) {
                (Some("F"), Some(rest)) => {
                    let mut p = rest.splitn(4, '\t');
                    let (Some(size), Some(mtime), Some(hash), Some(name)) = (p.next(), p.next(), p.next(), p.next())
                    else {
                        continue;
                    };
                    let (Ok(size), Ok(mtime_ns)) = (size.parse(), mtime.parse()) else { continue };
                    m.files.insert(name.to_string(), Entry { stamp: Stamp { size, mtime_ns }, hash: hash.to_string() });
                }
                (Some("D"), Some(rest)) => {
                    let Some((mtime, name)) = rest.split_once('\t') else { continue };
                    let Ok(mtime) = mtime.parse() else { continue };
                    m.dirs.insert(name.to_string(), mtime);
                }
                _ => {}
            }
        }
        m
    }

    /// The quick check `ensure_fresh` makes, straight from the file without building the
    /// maps: `Some(number of files)` when the manifest records folder times, they all
    /// match, and every recorded file's size and time match; `None` otherwise.
    pub fn quick_check(index_dir: &Path, corpus: &Path) -> Option<usize> {
        use rayon::prelude::*;
        let text = std::fs::read_to_string(index_dir.join(MANIFEST_FILE)).ok()?;
        let mut lines = text.lines();
        if lines.next() != Some(header().as_str()) {
            return None;
        }
        let mut files: Vec<&str> = Vec::new();
        let mut folders = 0;
        for line in lines {
            if let Some(rest) = line.strip_prefix("F\t") {
                files.push(rest);
            } else if let Some(rest) = line.strip_prefix("D\t") {
                let (mtime, name) = rest.split_once('\t')?;
                let dir = if name == "." { corpus.to_path_buf() } else { corpus.join(name) };
                if Stamp::of(&dir).ok()?.mtime_ns != mtime.parse::<u128>().ok()? {
                    return None;
                }
                folders += 1;
            }
        }
        if folders == 0 {
            return None;
        }
        let all_match = files.par_iter().with_min_len(256).all(|rest| {
            let mut p = rest.splitn(4, '\t');
            let (Some(size), Some(mtime), Some(_hash), Some(name)) = (p.next(), p.next(), p.next(), p.next()) else {
                return false;
            };
            let Ok(stamp) = Stamp::of(&corpus.join(name)) else { return false };
            size.parse() == Ok(stamp.size) && mtime.parse() == Ok(stamp.mtime_ns)
        });
        all_match.then_some(files.len())
    }

    /// Writes the manifest atomically into `index_dir`.
    pub fn save(&self, index_dir: &Path) -> std::io::Result<()> {
        let mut names: Vec<&String> = self.files.keys().collect();
        names.sort();
        let mut out = String::with_capacity(64 * names.len() + 32);
        out.push_str(&header());
        out.push('\n');
        let mut dirs: Vec<(&String, &u128)> = self.dirs.iter().collect();
        dirs.sort();
        for (name, mtime) in dirs {
            if !name.contains(['\t', '\n', '\r']) {
                out.push_str(&format!("D\t{mtime}\t{name}\n"));
            }
        }
        for name in names {
            if name.contains(['\t', '\n', '\r']) {
                continue; // Such a name is simply re-checked on every run.
            }
            let e = &self.files[name];
            out.push_str(&format!("F\t{}\t{}\t{}\t{}\n", e.stamp.size, e.stamp.mtime_ns, e.hash, name));
        }
        let mut tmp = tempfile::NamedTempFile::new_in(index_dir)?;
        tmp.write_all(out.as_bytes())?;
        tmp.as_file().sync_all()?;
        tmp.persist(index_dir.join(MANIFEST_FILE)).map_err(|e| e.error)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut m = Manifest::default();
        m.files.insert("a.md".into(), Entry { stamp: Stamp { size: 3, mtime_ns: 7 }, hash: "abc".into() });
        m.files.insert("sub/b c.txt".into(), Entry { stamp: Stamp { size: 1, mtime_ns: 2 }, hash: BROKEN.into() });
        m.dirs.insert(".".into(), 5);
        m.dirs.insert("sub".into(), 6);
        m.save(dir.path()).expect("save");
        assert_eq!(Manifest::load(dir.path()), m);
        std::fs::write(dir.path().join(MANIFEST_FILE), "garbage\nF\t1\t2\t3\tx\n").expect("write");
        assert!(Manifest::load(dir.path()).files.is_empty());
    }
}
