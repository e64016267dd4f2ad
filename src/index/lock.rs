//! The writers' lock: an exclusive advisory lock on `<index>/.tradewatch.lock`, held
//! for the whole of an `update` or `ingest`, so two writers never work at once. Readers
//! never take it. The lock dies with its process, so a killed writer leaves none behind.

use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use fs4::{FileExt, TryLockError};

pub const LOCK_FILE: &str = ".tradewatch.lock";

/// How long a writer waits for another one to finish before giving up.
pub const DEFAULT_WAIT: Duration = Duration::from_secs(5);

/// Why the lock could not be taken.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    #[error("another tradewatch index/ingest is running (lock {}); try again when it has finished", .0.display())]
    Busy(PathBuf),
    #[error("cannot use the lock file {}: {}", .0.display(), .1)]
    Io(PathBuf, std::io::Error),
}

/// A held lock; released on drop.
pub struct WriterLock {
    file: File,
}

impl WriterLock {
    /// Takes the lock, waiting up to `wait` for another holder to let go.
    pub fn acquire(index_dir: &Path, wait: Duration) -> Result<WriterLock, LockError> {
        let path = index_dir.join(LOCK_FILE);
        std::fs::create_dir_all(index_dir).map_err(|e| LockError::Io(path.clone(), e))?;
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| LockError::Io(path.clone(), e))?;
        let started = Instant::now();
        loop {
            match FileExt::try_lock(&file) {
                Ok(()) => return Ok(WriterLock { file }),
                Err(TryLockError::WouldBlock) => {
                    if started.elapsed() >= wait {
                        return Err(LockError::Busy(path));
                    }
                    std::thread::sleep(Duration::from_millis(50));
                }
                Err(TryLockError::Error(e)) => return Err(LockError::Io(path, e)),
            }
        }
    }
}

impl Drop for WriterLock {
    fn drop(&mut self) {
        let _ = FileExt::unlock(&self.file);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn second_writer_waits_then_stops_with_a_clear_message() {
        let dir = tempfile::tempdir().expect("tempdir");
        let held = WriterLock::acquire(dir.path(), DEFAULT_WAIT).expect("first lock");
        let started = Instant::now();
        let second = WriterLock::acquire(dir.path(), Duration::from_millis(200));
        assert!(started.elapsed() >= Duration::from_millis(200));
        let message = second.err().map(|e| e.to_string()).unwrap_or_default();
        assert!(message.contains("another tradewatch index/ingest is running"), "{message}");
        assert!(message.contains(LOCK_FILE), "{message}");
        drop(held);
        assert!(WriterLock::acquire(dir.path(), Duration::from_millis(200)).is_ok());
    }
}
