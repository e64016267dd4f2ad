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
/// The header names the format, the extraction rules and the index schema: a manifest
/// written under other rules or beside an index of another schema reads as empty, which
/// sends every file back to the content-hash check, and the update that follows rebuilds
/// an index of another schema. (The schema is not among the sources `build.rs`
/// fingerprints: without it here, the quick check of `ask` would vouch for an index the
/// next open refuses.)
fn header() -> &'static str {
    static HEADER: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    HEADER.get_or_init(|| {
        format!("tradewatch-manifest 1 rules {} schema {}", crate::extract::RULES_FINGERPRINT, schema_digest())
    })
}

/// A digest of the index schema as Tantivy writes it into the index's `meta.json`.
fn schema_digest() -> String {
    let schema = serde_json::to_string(&super::schema::Fields::new().schema).unwrap_or_default();
    blake3::hash(schema.as_bytes()).to_hex()[..16].to_string()
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
    /// The stamp of `name` (a path relative to the open folder `folder`), asking the
    /// kernel for the size and modification time alone; the same stamp as `of` gives.
    /// `None` when it cannot be had this way: the caller then asks by the whole path.
    ///
    /// Over 100,000 files, `ask` took 15–20 % less time this way than with `of` on each
    /// whole path, interleaved (BENCHMARKS.md): each lookup starts at the open folder
    /// instead of walking down from the root. Asking for fewer fields made no
    /// difference of its own.
    #[cfg(unix)]
    fn at(folder: &std::fs::File, name: &str) -> Option<Stamp> {
        use rustix::fs::{statx, AtFlags, StatxFlags};
        let wanted = StatxFlags::SIZE | StatxFlags::MTIME;
        let st = statx(folder, name, AtFlags::empty(), wanted).ok()?;
        if !StatxFlags::from_bits_retain(st.stx_mask).contains(wanted) {
            return None;
        }
        let mtime_ns = u64::try_from(st.stx_mtime.tv_sec)
            .map_or(0, |s| u128::from(s) * 1_000_000_000 + u128::from(st.stx_mtime.tv_nsec));
        Some(Stamp { size: st.stx_size, mtime_ns })
    }

    #[cfg(not(unix))]
    fn at(_folder: &std::fs::File, _name: &str) -> Option<Stamp> {
        None
    }

    pub fn of(path: &Path) -> std::io::Result<Stamp> {
        Ok(Stamp::of_metadata(&std::fs::metadata(path)?))
    }

    /// The stamp of a file whose metadata is at hand (an opened file's, say).
    pub fn of_metadata(meta: &std::fs::Metadata) -> Stamp {
        let mtime_ns = meta.modified().ok().and_then(|t| t.duration_since(UNIX_EPOCH).ok()).map_or(0, |d| d.as_nanos());
        Stamp { size: meta.len(), mtime_ns }
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
        if lines.next() != Some(header()) {
            return Manifest::default();
        }
        let mut m = Manifest::default();
        for line in lines {
            match read_line(line) {
                Some(Line::File { stamp, hash, name }) => {
                    m.files.insert(name.to_string(), Entry { stamp, hash: hash.to_string() });
                }
                Some(Line::Folder { mtime_ns, name }) => {
                    m.dirs.insert(name.to_string(), mtime_ns);
                }
                // A line that does not read is left out: its file is checked again.
                Some(Line::Other) | None => {}
            }
        }
        m
    }

    /// The quick check `ensure_fresh` makes, straight from the file without building the
    /// maps: `Some(number of files)` when the manifest records folder times, they all
    /// match, and every recorded file's size and time match; `None` otherwise.
    ///
    /// Nearly all of its time is the kernel's, one `statx` per file, so the lines are
    /// parsed where they are stated: the file is cut at line ends into pieces that the
    /// threads take in turn. Each file is stated by its name within the open corpus
    /// folder (see `Stamp::at`).
    pub fn quick_check(index_dir: &Path, corpus: &Path) -> Option<usize> {
        Self::quick_check_in_pieces(index_dir, corpus, QUICK_CHECK_PIECE)
    }

    fn quick_check_in_pieces(index_dir: &Path, corpus: &Path, piece: usize) -> Option<usize> {
        use rayon::prelude::*;
        let bytes = std::fs::read(index_dir.join(MANIFEST_FILE)).ok()?;
        let newline = bytes.iter().position(|&b| b == b'\n')?;
        if bytes[..newline] != *header().as_bytes() {
            return None;
        }
        let folder = std::fs::File::open(corpus).ok();
        let counts = pieces(&bytes[newline + 1..], piece)
            .par_iter()
            .map(|piece| check_piece(piece, corpus, folder.as_ref()))
            .try_reduce(|| (0, 0), |a, b| Some((a.0 + b.0, a.1 + b.1)));
        let (files, folders) = counts?;
        (folders > 0).then_some(files)
    }

    /// Writes the manifest atomically into `index_dir`.
    pub fn save(&self, index_dir: &Path) -> std::io::Result<()> {
        self.stage(index_dir)?.persist()
    }

    /// Writes the manifest to a temporary file in `index_dir` and syncs it, without
    /// putting it in place: an update stages it while the index commits, and puts it in
    /// place only once the commit succeeded (`ask` trusts a manifest without looking at
    /// the index). Dropping the staged file removes it.
    pub fn stage(&self, index_dir: &Path) -> std::io::Result<Staged> {
        use std::fmt::Write as _;
        let mut names: Vec<&String> = self.files.keys().collect();
        names.sort();
        let mut out = String::with_capacity(64 * names.len() + 32);
        out.push_str(header());
        out.push('\n');
        let mut dirs: Vec<(&String, &u128)> = self.dirs.iter().collect();
        dirs.sort();
        // Writing into a String cannot fail.
        for (name, mtime) in dirs {
            if !name.contains(['\t', '\n', '\r']) {
                let _ = writeln!(out, "D\t{mtime}\t{name}");
            }
        }
        for name in names {
            if name.contains(['\t', '\n', '\r']) {
                continue; // Such a name is simply re-checked on every run.
            }
            let e = &self.files[name];
            let _ = writeln!(out, "F\t{}\t{}\t{}\t{}", e.stamp.size, e.stamp.mtime_ns, e.hash, name);
        }
        let mut tmp = tempfile::NamedTempFile::new_in(index_dir)?;
        tmp.write_all(out.as_bytes())?;
        tmp.as_file().sync_all()?;
        Ok(Staged { tmp, target: index_dir.join(MANIFEST_FILE) })
    }
}

/// A manifest written and synced beside the index, not yet in place ([`Manifest::stage`]).
pub struct Staged {
    tmp: tempfile::NamedTempFile,
    target: std::path::PathBuf,
}

impl Staged {
    /// Puts the manifest in place, replacing the one before at once.
    pub fn persist(self) -> std::io::Result<()> {
        self.tmp.persist(&self.target).map_err(|e| e.error)?;
        Ok(())
    }
}

/// About as many bytes of manifest as one thread checks before it takes the next piece:
/// two thousand files or so, enough pieces for the threads to share the work evenly.
const QUICK_CHECK_PIECE: usize = 256 * 1024;

/// `bytes` cut into runs of whole lines of about `size` bytes each.
fn pieces(bytes: &[u8], size: usize) -> Vec<&[u8]> {
    let mut out = Vec::with_capacity(bytes.len() / size + 1);
    let mut rest = bytes;
    while rest.len() > size {
        let cut = match rest[size..].iter().position(|&b| b == b'\n') {
            Some(i) => size + i + 1,
            None => rest.len(),
        };
        let (head, tail) = rest.split_at(cut);
        out.push(head);
        rest = tail;
    }
    if !rest.is_empty() {
        out.push(rest);
    }
    out
}

/// One line of the manifest after the header.
enum Line<'a> {
    File {
        stamp: Stamp,
        hash: &'a str,
        name: &'a str,
    },
    Folder {
        mtime_ns: u128,
        name: &'a str,
    },
    /// A line of no kind this version writes: passed over.
    Other,
}

/// Reads one line of the format in the module comment; `None` for a file or folder line
/// that does not read.
fn read_line(line: &str) -> Option<Line<'_>> {
    if let Some(rest) = line.strip_prefix("F\t") {
        let mut p = rest.splitn(4, '\t');
        let (size, mtime, hash, name) = (p.next()?, p.next()?, p.next()?, p.next()?);
        let stamp = Stamp { size: size.parse().ok()?, mtime_ns: mtime.parse().ok()? };
        Some(Line::File { stamp, hash, name })
    } else if let Some(rest) = line.strip_prefix("D\t") {
        let (mtime, name) = rest.split_once('\t')?;
        Some(Line::Folder { mtime_ns: mtime.parse().ok()?, name })
    } else {
        Some(Line::Other)
    }
}

/// Checks the folder and file lines of one piece of the manifest against the disk:
/// `Some((files, folders))` when all of them match, `None` at the first that does not
/// (or that cannot be read).
fn check_piece(piece: &[u8], corpus: &Path, folder: Option<&std::fs::File>) -> Option<(usize, usize)> {
    let text = std::str::from_utf8(piece).ok()?;
    let (mut files, mut folders) = (0, 0);
    for line in text.lines() {
        match read_line(line)? {
            Line::File { stamp: recorded, name, .. } => {
                let stamp = match folder.and_then(|f| Stamp::at(f, name)) {
                    Some(stamp) => stamp,
                    None => Stamp::of(&corpus.join(name)).ok()?,
                };
                if stamp != recorded {
                    return None;
                }
                files += 1;
            }
            Line::Folder { mtime_ns, name } => {
                let dir = if name == "." { corpus.to_path_buf() } else { corpus.join(name) };
                if Stamp::of(&dir).ok()?.mtime_ns != mtime_ns {
                    return None;
                }
                folders += 1;
            }
            Line::Other => {}
        }
    }
    Some((files, folders))
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

    /// A corpus folder of `n` files, three of them in a subfolder, and the manifest that
    /// records them as they are, in `index`.
    fn recorded_corpus(n: usize) -> (tempfile::TempDir, tempfile::TempDir) {
        let corpus = tempfile::tempdir().expect("tempdir");
        let index = tempfile::tempdir().expect("tempdir");
        std::fs::create_dir(corpus.path().join("sub")).expect("mkdir");
        let mut m = Manifest::default();
        for i in 0..n {
            let name = if i % 10 == 3 { format!("sub/file {i}.md") } else { format!("file-{i}.md") };
            let path = corpus.path().join(&name);
            std::fs::write(&path, "x".repeat(i)).expect("write");
            let stamp = Stamp::of(&path).expect("stamp");
            m.files.insert(name, Entry { stamp, hash: format!("h{i}") });
        }
        m.dirs = folder_times(corpus.path());
        m.save(index.path()).expect("save");
        (corpus, index)
    }

    #[test]
    fn quick_check_reads_every_piece_and_stops_at_any_change() {
        let (corpus, index) = recorded_corpus(40);
        for piece in [1, 60, 200, QUICK_CHECK_PIECE] {
            assert_eq!(Manifest::quick_check_in_pieces(index.path(), corpus.path(), piece), Some(40), "piece {piece}");
        }
        // An edit in place changes neither the folder nor the size, only the time.
        let edited = corpus.path().join("sub/file 23.md");
        let later = std::fs::metadata(&edited).and_then(|m| m.modified()).expect("mtime")
            + std::time::Duration::from_nanos(1_500);
        std::fs::File::options().write(true).open(&edited).and_then(|f| f.set_modified(later)).expect("touch");
        for piece in [1, 60, 200, QUICK_CHECK_PIECE] {
            assert_eq!(Manifest::quick_check_in_pieces(index.path(), corpus.path(), piece), None, "piece {piece}");
        }
    }

    #[test]
    fn quick_check_refuses_a_damaged_or_foreign_manifest() {
        let (corpus, index) = recorded_corpus(5);
        let file = index.path().join(MANIFEST_FILE);
        let good = std::fs::read_to_string(&file).expect("read");
        assert_eq!(Manifest::quick_check(index.path(), corpus.path()), Some(5));
        let cut = good.replacen("\tfile-4.md", "", 1); // an F line without a name
        let no_folders: String = good.lines().filter(|l| !l.starts_with("D\t")).map(|l| format!("{l}\n")).collect();
        let other_rules = good.replacen(header(), "tradewatch-manifest 1 rules 0", 1);
        let other_schema = good.replacen(header(), &header().replace(" schema ", " schema 0"), 1);
        let no_schema =
            good.replacen(header(), &format!("tradewatch-manifest 1 rules {}", crate::extract::RULES_FINGERPRINT), 1);
        for bad in [cut, no_folders, other_rules, other_schema, no_schema, String::new(), "\u{fffd}".repeat(3)] {
            std::fs::write(&file, &bad).expect("write");
            assert_eq!(Manifest::quick_check(index.path(), corpus.path()), None, "{bad:?}");
        }
        std::fs::write(&file, [good.as_bytes(), b"F\t1\t2\t\xff\xfe\n"].concat()).expect("write");
        assert_eq!(Manifest::quick_check(index.path(), corpus.path()), None, "bytes that are not UTF-8");
        // A line of a kind this version does not write is passed over, as `load` does.
        std::fs::write(&file, format!("{good}X\tlater\n\n")).expect("write");
        assert_eq!(Manifest::quick_check(index.path(), corpus.path()), Some(5));
        assert_eq!(Manifest::load(index.path()).files.len(), 5);
    }

    #[test]
    fn stamp_within_a_folder_is_the_stamp_by_path() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::create_dir(dir.path().join("sub")).expect("mkdir");
        let folder = std::fs::File::open(dir.path()).expect("open");
        let epoch = std::time::UNIX_EPOCH;
        let times = [
            epoch + std::time::Duration::new(1_700_000_000, 123_456_789),
            epoch + std::time::Duration::new(0, 1),
            epoch - std::time::Duration::new(1, 500_000_000),
        ];
        for (i, time) in times.into_iter().enumerate() {
            let name = format!("sub/a {i}.md");
            let path = dir.path().join(&name);
            std::fs::write(&path, "y".repeat(i + 1)).expect("write");
            std::fs::File::options().write(true).open(&path).and_then(|f| f.set_modified(time)).expect("touch");
            let by_path = Stamp::of(&path).expect("stamp");
            assert_eq!(by_path.size, i as u64 + 1);
            if cfg!(unix) {
                assert_eq!(Stamp::at(&folder, &name), Some(by_path), "{name}");
            }
        }
        assert_eq!(Stamp::at(&folder, "missing.md"), None);
    }

    proptest::proptest! {
        #[test]
        fn pieces_are_whole_lines_that_add_up(lines in proptest::collection::vec("[a-z\t]{0,12}", 0..40), size in 1usize..64) {
            let text: String = lines.iter().map(|l| format!("{l}\n")).collect();
            let cut = pieces(text.as_bytes(), size);
            proptest::prop_assert_eq!(cut.concat(), text.as_bytes());
            for piece in &cut {
                proptest::prop_assert!(piece.ends_with(b"\n"));
                proptest::prop_assert!(piece.len() <= size + 13);
            }
        }
    }
}
