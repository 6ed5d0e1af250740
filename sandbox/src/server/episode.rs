//! Back-off and one log line per episode: when accepting fails (file
//! descriptors exhausted) or the connection cap is reached, the accept loop
//! waits instead of spinning, and says so once when it starts and once when
//! it ends, not once per attempt.

use std::fmt::Display;
use std::time::Duration;

use tokio::time::Instant;

/// Exponential back-off between failed accepts: 5 ms doubling up to 1 s.
#[derive(Debug)]
pub(super) struct Backoff {
    next: Duration,
}

impl Backoff {
    const FIRST: Duration = Duration::from_millis(5);
    const MAX: Duration = Duration::from_secs(1);

    /// Back to the shortest wait.
    pub(super) fn reset(&mut self) {
        self.next = Self::FIRST;
    }

    /// The wait before the next attempt (and a longer one after it).
    pub(super) fn next(&mut self) -> Duration {
        let wait = self.next;
        self.next = (wait * 2).min(Self::MAX);
        wait
    }
}

impl Default for Backoff {
    fn default() -> Self {
        Self { next: Self::FIRST }
    }
}

/// What an episode is about.
#[derive(Debug, Clone, Copy)]
pub(super) enum Trouble {
    /// `accept` fails (EMFILE, ENFILE, ENOBUFS, ...).
    AcceptFailing,
    /// Every connection slot is taken.
    CapReached,
}

/// One episode of a [`Trouble`]: logged when it starts and when it ends.
#[derive(Debug)]
pub(super) struct Episode {
    trouble: Trouble,
    started: Option<Instant>,
    count: u64,
}

impl Episode {
    /// No episode yet.
    pub(super) fn new(trouble: Trouble) -> Self {
        Self {
            trouble,
            started: None,
            count: 0,
        }
    }

    /// One more occurrence; the first of an episode is logged.
    pub(super) fn hit(&mut self, detail: &dyn Display) {
        self.count += 1;
        if self.started.is_some() {
            return;
        }
        self.started = Some(Instant::now());
        match self.trouble {
            Trouble::AcceptFailing => tracing::warn!(
                error = %detail,
                "accept failed; backing off (up to 1 s) until it succeeds"
            ),
            Trouble::CapReached => tracing::warn!(
                cap = %detail,
                "connection cap reached; new connections wait in the listen backlog"
            ),
        }
    }

    /// The trouble is over: its end is logged with the count, once.
    pub(super) fn end(&mut self) {
        let Some(started) = self.started.take() else {
            return;
        };
        let count = std::mem::take(&mut self.count);
        let ms = started.elapsed().as_millis() as u64;
        match self.trouble {
            Trouble::AcceptFailing => {
                tracing::info!(failed = count, ms, "accepting again after failed accepts")
            }
            Trouble::CapReached => {
                tracing::info!(waited = count, ms, "connection cap: a slot is free again")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_a_second_and_resets() {
        let mut backoff = Backoff::default();
        let waits: Vec<u64> = (0..10).map(|_| backoff.next().as_millis() as u64).collect();
        assert_eq!(waits, [5, 10, 20, 40, 80, 160, 320, 640, 1000, 1000]);
        backoff.reset();
        assert_eq!(backoff.next(), Duration::from_millis(5));
    }

    #[test]
    fn an_episode_counts_until_it_ends() {
        let mut episode = Episode::new(Trouble::AcceptFailing);
        episode.end();
        assert!(episode.started.is_none());
        for _ in 0..3 {
            episode.hit(&"EMFILE");
        }
        assert_eq!(episode.count, 3);
        episode.end();
        assert_eq!((episode.started, episode.count), (None, 0));
    }
}
