//! [`Redacting`]: a `tracing-subscriber` writer that passes every formatted
//! event through [`redact`] before it reaches the real output.

use std::io::{self, Write};

use tracing_subscriber::fmt::MakeWriter;

use super::redact;

/// Wraps a [`MakeWriter`] (stderr, a file, a buffer) so that nothing secret
/// reaches it.
#[derive(Debug, Clone, Default)]
pub struct Redacting<M> {
    inner: M,
}

impl<M> Redacting<M> {
    /// Redacts everything written to `inner`.
    pub fn new(inner: M) -> Self {
        Self { inner }
    }
}

impl<'a, M: MakeWriter<'a>> MakeWriter<'a> for Redacting<M> {
    type Writer = RedactingWriter<M::Writer>;

    fn make_writer(&'a self) -> Self::Writer {
        RedactingWriter::new(self.inner.make_writer())
    }

    fn make_writer_for(&'a self, meta: &tracing::Metadata<'_>) -> Self::Writer {
        RedactingWriter::new(self.inner.make_writer_for(meta))
    }
}

/// One event's writer: collects the formatted event, then writes it redacted
/// (on flush or when dropped, as the formatter does after each event).
#[derive(Debug)]
pub struct RedactingWriter<W: Write> {
    inner: W,
    pending: Vec<u8>,
}

impl<W: Write> RedactingWriter<W> {
    fn new(inner: W) -> Self {
        Self {
            inner,
            pending: Vec::new(),
        }
    }

    fn emit(&mut self) -> io::Result<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let text = String::from_utf8_lossy(&self.pending);
        let clean = redact(&text);
        let written = self.inner.write_all(clean.as_bytes());
        self.pending.clear();
        written
    }
}

impl<W: Write> Write for RedactingWriter<W> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.pending.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.emit()?;
        self.inner.flush()
    }
}

impl<W: Write> Drop for RedactingWriter<W> {
    fn drop(&mut self) {
        // A log line that cannot be written is dropped, never panics.
        let _ = self.emit();
        let _ = self.inner.flush();
    }
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use super::*;

    #[derive(Clone, Default)]
    struct Buffer(Arc<Mutex<Vec<u8>>>);

    impl Write for Buffer {
        fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn every_event_is_redacted() {
        let buffer = Buffer::default();
        let sink = buffer.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_writer(Redacting::new(move || sink.clone()))
            .with_ansi(false)
            .finish();
        tracing::subscriber::with_default(subscriber, || {
            tracing::info!(
                password = "hunter2hunter2",
                pan = "6037991002003014",
                "login"
            );
            tracing::warn!(
                "to IR062960000000100324200001 by {:?}",
                "Bearer abc.def-ghi"
            );
        });
        let text = String::from_utf8(buffer.0.lock().unwrap().clone()).unwrap();
        assert!(text.contains("login"), "{text}");
        for secret in ["hunter2", "6037991002003014", "0324200001", "abc.def"] {
            assert!(!text.contains(secret), "{secret} in {text}");
        }
        assert!(text.contains("603799******3014"), "{text}");
        assert!(text.contains("IR06 **** 0001"), "{text}");
    }
}
