//! The tracing bridge: the core's log events go to the app's [`LogSink`]
//! (Logcat, `os_log`, or a test's list). The core never logs a secret; the
//! bridge passes only the level, the module and the event's fields.

use std::fmt::Write as _;
use std::sync::{Arc, OnceLock, RwLock};

use tracing::field::{Field, Visit};
use tracing::{Event, Level, Subscriber};
use tracing_subscriber::Layer;
use tracing_subscriber::layer::{Context, SubscriberExt};

/// How serious a log line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum LogLevel {
    /// Very detailed.
    Trace,
    /// For developers.
    Debug,
    /// Normal events.
    Info,
    /// Something unexpected, handled.
    Warn,
    /// A failure.
    Error,
}

impl From<&Level> for LogLevel {
    fn from(level: &Level) -> Self {
        match *level {
            Level::TRACE => Self::Trace,
            Level::DEBUG => Self::Debug,
            Level::INFO => Self::Info,
            Level::WARN => Self::Warn,
            _ => Self::Error,
        }
    }
}

/// Where the library's log lines go.
#[uniffi::export(foreign)]
pub trait LogSink: Send + Sync {
    /// One line: its level, the Rust module it came from, and the text.
    fn log(&self, level: LogLevel, target: String, message: String);
}

static SINK: RwLock<Option<Arc<dyn LogSink>>> = RwLock::new(None);
static INSTALLED: OnceLock<bool> = OnceLock::new();

/// Sends the library's logs at `min_level` and above to `sink` (replacing an
/// earlier sink).
#[uniffi::export]
pub fn set_log_sink(sink: Arc<dyn LogSink>, min_level: LogLevel) {
    if let Ok(mut slot) = SINK.write() {
        *slot = Some(sink);
    }
    if let Ok(mut slot) = MIN_LEVEL.write() {
        *slot = min_level;
    }
    INSTALLED.get_or_init(|| {
        let subscriber = tracing_subscriber::registry().with(SinkLayer);
        tracing::subscriber::set_global_default(subscriber).is_ok()
    });
}

static MIN_LEVEL: RwLock<LogLevel> = RwLock::new(LogLevel::Info);

fn rank(level: LogLevel) -> u8 {
    level as u8
}

struct SinkLayer;

impl<S: Subscriber> Layer<S> for SinkLayer {
    fn on_event(&self, event: &Event<'_>, _ctx: Context<'_, S>) {
        let level = LogLevel::from(event.metadata().level());
        let min = MIN_LEVEL.read().map_or(LogLevel::Info, |l| *l);
        if rank(level) < rank(min) {
            return;
        }
        let Some(sink) = SINK.read().ok().and_then(|s| s.clone()) else {
            return;
        };
        let mut text = Fields::default();
        event.record(&mut text);
        sink.log(level, event.metadata().target().to_owned(), text.0);
    }
}

/// The event's message first, then `name=value` for the other fields.
#[derive(Default)]
struct Fields(String);

impl Visit for Fields {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        if !self.0.is_empty() {
            self.0.push(' ');
        }
        if field.name() == "message" {
            let _ = write!(self.0, "{value:?}");
        } else {
            let _ = write!(self.0, "{}={value:?}", field.name());
        }
    }

    fn record_str(&mut self, field: &Field, value: &str) {
        if !self.0.is_empty() {
            self.0.push(' ');
        }
        if field.name() == "message" {
            self.0.push_str(value);
        } else {
            let _ = write!(self.0, "{}={value}", field.name());
        }
    }
}
