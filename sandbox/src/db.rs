//! The sandbox's SQLite database: one file in the data directory, WAL, migrated on open.
//!
//! The files are owner-only (0600).
//!
//! Writes go to one writer thread that owns the write connection and commits
//! in groups: the transactions queued while it was busy run one after the
//! other inside one SQLite transaction, each in its own savepoint (a failed
//! one is rolled back alone), and are answered only once the group has
//! committed. Each transaction still sees every earlier one and nothing is
//! reported done before it is durable; what changes is that one WAL commit
//! carries many requests instead of one. Reads use a small pool of other
//! connections (WAL readers never wait for the writer), each read inside a
//! read transaction, so it sees one consistent snapshot: on a blocking thread
//! ([`Db::read`]), or for a point lookup right on the calling task
//! ([`Db::lookup`]).

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex, MutexGuard, Weak};
use std::time::Duration;

use rusqlite::{Connection, Transaction, TransactionBehavior};
use rusqlite_migration::{M, Migrations};

use crate::error::{ApiError, ApiResult};

/// The schema, in order; never edit a published migration, add one.
const MIGRATIONS: &[M<'static>] = &[
    M::up(include_str!("../migrations/001_schema.sql")),
    M::up(include_str!("../migrations/002_device_identity.sql")),
    M::up(include_str!("../migrations/003_soft_token.sql")),
    M::up(include_str!("../migrations/004_sms_gateway.sql")),
    M::up(include_str!("../migrations/005_failures.sql")),
    M::up(include_str!("../migrations/006_sealed_outbox.sql")),
    M::up(include_str!("../migrations/007_cheques.sql")),
    M::up(include_str!("../migrations/008_loans.sql")),
    M::up(include_str!("../migrations/009_notices_and_rates.sql")),
    M::up(include_str!("../migrations/010_card_second_pin.sql")),
];

/// Read connections: reads on different connections run in parallel (WAL
/// readers never wait for each other or for the writer).
const READERS: usize = 4;

/// Most transactions one group commit carries.
const MAX_GROUP: usize = 256;

/// How often the background thread copies the WAL back into the database.
const CHECKPOINT_EVERY: Duration = Duration::from_millis(100);

/// WAL frames (pages) past which the checkpoint thread restarts the WAL
/// from its beginning, so that it cannot grow without bound under load
/// (about 270 MB at most). A restart holds the writer for a moment (the
/// last frames and an fsync), which every queued request feels: under the
/// benchmark's load, restarting at 16,384 frames (every 0.6 s) put the
/// transfer's p99 at 45-50 ms; at 65,536 (every 2.5 s) it is 24-26 ms.
const RESTART_FRAMES: i64 = 65_536;

/// Bytes the WAL file is truncated to when it restarts.
const WAL_SIZE_LIMIT: i64 = 64 * 1024 * 1024;

/// Work for the writer: runs inside the group's transaction and returns what
/// to do once the group is committed (`true`) or failed to commit (`false`).
type Job = Box<dyn FnOnce(&Transaction<'_>) -> AfterCommit + Send>;
type AfterCommit = Box<dyn FnOnce(bool) + Send>;

/// A shared handle on the database: a writer thread for transactions and a
/// few connections for reads. All keep their prepared-statement caches warm.
#[derive(Clone)]
pub struct Db {
    writer: Sender<Job>,
    readers: Arc<Readers>,
    /// Keeps the checkpoint thread alive while any handle exists.
    _alive: Arc<()>,
}

/// Why the database could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    /// SQLite refused.
    #[error("sqlite: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// A migration failed.
    #[error("migration: {0}")]
    Migration(#[from] rusqlite_migration::Error),
    /// The writer thread could not be started.
    #[error("writer thread: {0}")]
    Thread(#[from] std::io::Error),
    /// The database files could not be made owner-only.
    #[error("database file permissions: {0}")]
    Permissions(std::io::Error),
}

/// Makes the database file (created if missing) and its WAL and
/// shared-memory files readable and writable by their owner only: SQLite
/// gives the files it creates the database file's mode, and a data directory
/// of an earlier sandbox may hold world-readable ones.
fn owner_only(path: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
    std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(false)
        .mode(0o600)
        .open(path)?;
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut file = path.as_os_str().to_owned();
        file.push(suffix);
        match std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)) {
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
            other => other?,
        }
    }
    Ok(())
}

fn connect(path: &Path) -> Result<Connection, rusqlite::Error> {
    let conn = Connection::open(path)?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    // Waits for a lock in short steps (SQLite's default handler sleeps whole
    // milliseconds, growing, which shows in the latency of every queued request).
    conn.busy_handler(Some(wait_briefly))?;
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    // 64 MiB of page cache per connection.
    conn.pragma_update(None, "cache_size", -65536)?;
    conn.set_prepared_statement_cache_capacity(256);
    Ok(conn)
}

/// Lock waits: 50 µs steps, for at most about 5 seconds.
fn wait_briefly(attempt: i32) -> bool {
    std::thread::sleep(Duration::from_micros(50));
    attempt < 100_000
}

impl Db {
    /// Opens (creating if needed) and migrates the database at `path`.
    pub fn open(path: &Path) -> Result<Self, OpenError> {
        owner_only(path).map_err(OpenError::Permissions)?;
        let mut conn = connect(path)?;
        Migrations::from_slice(MIGRATIONS).to_latest(&mut conn)?;
        // The writer never checkpoints (that would stall every queued
        // request); a background thread does, passively, on its own connection.
        conn.pragma_update(None, "wal_autocheckpoint", 0)?;
        conn.pragma_update(None, "journal_size_limit", WAL_SIZE_LIMIT)?;
        let readers = (0..READERS)
            .map(|_| connect(path).map(Mutex::new))
            .collect::<Result<Vec<_>, _>>()?;
        let checkpointer = connect(path)?;
        let alive = Arc::new(());
        let watch = Arc::downgrade(&alive);
        std::thread::Builder::new()
            .name("sandbox-db-checkpoint".into())
            .spawn(move || checkpoint_loop(&checkpointer, &watch))?;
        let (writer, jobs) = channel::<Job>();
        std::thread::Builder::new()
            .name("sandbox-db-writer".into())
            .spawn(move || write_loop(conn, &jobs))?;
        Ok(Self {
            writer,
            readers: Arc::new(Readers {
                connections: readers,
                next: AtomicUsize::new(0),
            }),
            _alive: alive,
        })
    }

    /// Runs `work` inside one transaction, committed only when it returns `Ok`:
    /// a request that fails leaves nothing behind.
    ///
    /// To keep a state change and still refuse (a wrong OTP counted against its
    /// attempts), return `Ok(Err(refusal))` and answer with `.await??`.
    pub async fn tx<T, F>(&self, work: F) -> ApiResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&rusqlite::Transaction<'_>) -> ApiResult<T> + Send + 'static,
    {
        let (answer, answered) = tokio::sync::oneshot::channel::<ApiResult<T>>();
        let job: Job = Box::new(move |tx| match run_in_savepoint(tx, work) {
            Ok(value) => Box::new(move |committed| {
                let _ = answer.send(if committed {
                    Ok(value)
                } else {
                    Err(ApiError::internal())
                });
            }),
            Err(error) => {
                // Nothing of it stays: answer at once.
                let _ = answer.send(Err(error));
                Box::new(|_| {})
            }
        });
        self.writer.send(job).map_err(|_| ApiError::internal())?;
        answered.await.map_err(|_| ApiError::internal())?
    }

    /// Queues `work` for the writer without waiting for it: for bookkeeping
    /// whose loss in a crash is harmless (a session's last-activity second).
    /// A failure is logged.
    pub fn tx_detached<F>(&self, work: F)
    where
        F: FnOnce(&rusqlite::Transaction<'_>) -> ApiResult<()> + Send + 'static,
    {
        let job: Job = Box::new(move |tx| {
            if let Err(error) = run_in_savepoint(tx, work) {
                tracing::warn!(code = %error.code, "detached write failed");
            }
            Box::new(|_| {})
        });
        if self.writer.send(job).is_err() {
            tracing::warn!("the writer has stopped; a detached write is dropped");
        }
    }

    /// Runs `work` on a read connection, inside a read transaction (one snapshot).
    pub async fn read<T, F>(&self, work: F) -> ApiResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&Connection) -> ApiResult<T> + Send + 'static,
    {
        let readers = Arc::clone(&self.readers);
        tokio::task::spawn_blocking(move || in_snapshot(&*readers.lock()?, work))
            .await
            .map_err(|_| ApiError::internal())?
    }

    /// Runs a point lookup (an indexed read of a row or two, a few
    /// microseconds) like [`Db::read`], but right on the calling task when a
    /// read connection is free: the hand-off to a blocking thread and back
    /// would cost more than the lookup. When every connection is busy it
    /// waits its turn through [`Db::read`], never blocking the task.
    pub async fn lookup<T, F>(&self, work: F) -> ApiResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&Connection) -> ApiResult<T> + Send + 'static,
    {
        let work = match self.readers.try_lock() {
            Some(connection) => return in_snapshot(&connection, work),
            None => work,
        };
        self.read(work).await
    }
}

/// Runs `work` inside a read transaction on `connection`.
fn in_snapshot<T>(
    connection: &Connection,
    work: impl FnOnce(&Connection) -> ApiResult<T>,
) -> ApiResult<T> {
    run_cached(connection, "BEGIN DEFERRED")?;
    let result = work(connection);
    run_cached(connection, "ROLLBACK")?;
    result
}

/// The read connections, handed out in turn.
struct Readers {
    connections: Vec<Mutex<Connection>>,
    next: AtomicUsize,
}

impl Readers {
    /// A free connection, looking from the next one in turn; `None` when all are busy.
    fn try_lock(&self) -> Option<MutexGuard<'_, Connection>> {
        let count = self.connections.len();
        let turn = self.next.fetch_add(1, Ordering::Relaxed);
        (0..count).find_map(|offset| self.connections[(turn + offset) % count].try_lock().ok())
    }

    /// A free connection; when all are busy, waits for the one whose turn it is.
    fn lock(&self) -> ApiResult<MutexGuard<'_, Connection>> {
        if let Some(guard) = self.try_lock() {
            return Ok(guard);
        }
        let turn = self.next.fetch_add(1, Ordering::Relaxed);
        self.connections[turn % self.connections.len()]
            .lock()
            .map_err(|_| ApiError::internal())
    }
}

/// Runs one statement without parameters from the statement cache (these
/// run around every request: parsing them each time shows under load).
pub(crate) fn run_cached(connection: &Connection, sql: &str) -> rusqlite::Result<()> {
    connection.prepare_cached(sql)?.execute([]).map(drop)
}

/// Runs one job's work in its own savepoint: kept on `Ok`, rolled back on `Err`.
fn run_in_savepoint<T>(
    tx: &Transaction<'_>,
    work: impl FnOnce(&Transaction<'_>) -> ApiResult<T>,
) -> ApiResult<T> {
    run_cached(tx, "SAVEPOINT db_job")?;
    match work(tx) {
        Ok(value) => {
            run_cached(tx, "RELEASE db_job")?;
            Ok(value)
        }
        Err(error) => {
            tx.execute_batch("ROLLBACK TO db_job; RELEASE db_job")?;
            Err(error)
        }
    }
}

/// The writer thread: takes every queued job, runs them in one transaction,
/// commits, then answers them. Ends when every [`Db`] handle is gone.
fn write_loop(mut conn: Connection, jobs: &Receiver<Job>) {
    while let Ok(first) = jobs.recv() {
        let mut group = vec![first];
        while group.len() < MAX_GROUP {
            match jobs.try_recv() {
                Ok(job) => group.push(job),
                Err(_) => break,
            }
        }
        let tx = match conn.transaction_with_behavior(TransactionBehavior::Immediate) {
            Ok(tx) => tx,
            Err(error) => {
                tracing::error!(%error, "cannot begin a transaction");
                // Dropping the jobs answers each with an internal error.
                continue;
            }
        };
        let mut after = Vec::with_capacity(group.len());
        for job in group {
            match catch_unwind(AssertUnwindSafe(|| job(&tx))) {
                Ok(then) => after.push(then),
                Err(_) => {
                    tracing::error!("a database job panicked; its work is rolled back");
                    let _ = tx.execute_batch("ROLLBACK TO db_job; RELEASE db_job");
                }
            }
        }
        let committed = match tx.commit() {
            Ok(()) => true,
            Err(error) => {
                tracing::error!(%error, "group commit failed");
                false
            }
        };
        for then in after {
            then(committed);
        }
    }
}

/// Copies committed WAL frames back into the database file every
/// [`CHECKPOINT_EVERY`] without blocking the writer or readers (`PASSIVE`);
/// once the WAL holds more than [`RESTART_FRAMES`], waits for readers to
/// leave it and restarts it (`RESTART`: a short pause of the writer, since
/// nearly everything is copied already). Ends once every [`Db`] handle is gone.
fn checkpoint_loop(conn: &Connection, alive: &Weak<()>) {
    let checkpoint = |mode: &str| -> rusqlite::Result<i64> {
        conn.query_row(&format!("PRAGMA wal_checkpoint({mode})"), [], |r| {
            r.get::<_, i64>(1)
        })
    };
    while alive.strong_count() > 0 {
        std::thread::sleep(CHECKPOINT_EVERY);
        let result = checkpoint("PASSIVE").and_then(|frames| {
            if frames > RESTART_FRAMES {
                checkpoint("RESTART")
            } else {
                Ok(frames)
            }
        });
        if let Err(error) = result {
            tracing::warn!(%error, "checkpoint failed");
        }
    }
    let _ = checkpoint("TRUNCATE");
}
