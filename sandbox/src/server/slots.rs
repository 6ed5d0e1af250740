//! Connection slots: a cap on open connections in all (the accept loop
//! waits for a free slot) and per client IP address (over it, a new
//! connection is closed at once).

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex, PoisonError};

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// Open connections per address, and those refused in the current episode.
#[derive(Debug, Default)]
struct Entry {
    open: usize,
    refused: u64,
}

#[derive(Debug, Default)]
struct PerAddress(Mutex<HashMap<IpAddr, Entry>>);

/// The server's connection slots.
#[derive(Debug)]
pub(super) struct Slots {
    total: Arc<Semaphore>,
    per_address: Arc<PerAddress>,
    max_per_address: usize,
}

/// An open connection's slot, given back when dropped.
#[derive(Debug)]
pub(super) struct Slot {
    _permit: OwnedSemaphorePermit,
    address: Option<(Arc<PerAddress>, IpAddr)>,
}

impl Slots {
    /// `max` connections in all (at least one), `max_per_address` from one
    /// address (0: no such limit).
    pub(super) fn new(max: usize, max_per_address: usize) -> Self {
        Self {
            total: Arc::new(Semaphore::new(max.clamp(1, Semaphore::MAX_PERMITS))),
            per_address: Arc::default(),
            max_per_address,
        }
    }

    /// A free slot now, if any.
    pub(super) fn try_reserve(&self) -> Option<OwnedSemaphorePermit> {
        Arc::clone(&self.total).try_acquire_owned().ok()
    }

    /// The next free slot.
    pub(super) async fn reserve(&self) -> Option<OwnedSemaphorePermit> {
        Arc::clone(&self.total).acquire_owned().await.ok()
    }

    /// The slot for a connection from `ip`, or `None` when that address has
    /// its cap of connections open (logged once per episode).
    pub(super) fn admit(&self, permit: OwnedSemaphorePermit, ip: IpAddr) -> Option<Slot> {
        if self.max_per_address == 0 {
            return Some(Slot {
                _permit: permit,
                address: None,
            });
        }
        let mut map = self
            .per_address
            .0
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let entry = map.entry(ip).or_default();
        if entry.open >= self.max_per_address {
            if entry.refused == 0 {
                tracing::warn!(
                    %ip,
                    cap = self.max_per_address,
                    "per-address connection cap reached; further connections from it are closed"
                );
            }
            entry.refused += 1;
            return None;
        }
        end_episode(ip, entry);
        entry.open += 1;
        Some(Slot {
            _permit: permit,
            address: Some((Arc::clone(&self.per_address), ip)),
        })
    }
}

/// Logs the end of an address's episode of refusals, if it had one.
fn end_episode(ip: IpAddr, entry: &mut Entry) {
    let refused = std::mem::take(&mut entry.refused);
    if refused > 0 {
        tracing::info!(%ip, refused, "per-address connection cap: admitted again");
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        let Some((per_address, ip)) = &self.address else {
            return;
        };
        let mut map = per_address.0.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(entry) = map.get_mut(ip) {
            entry.open = entry.open.saturating_sub(1);
            if entry.open == 0 {
                end_episode(*ip, entry);
                map.remove(ip);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn slots_are_capped_in_all_and_per_address() {
        let slots = Slots::new(3, 2);
        let a: IpAddr = [10, 0, 0, 1].into();
        let b: IpAddr = [10, 0, 0, 2].into();
        let first = slots.admit(slots.try_reserve().unwrap(), a).unwrap();
        let _second = slots.admit(slots.try_reserve().unwrap(), a).unwrap();
        assert!(slots.admit(slots.try_reserve().unwrap(), a).is_none());
        let _third = slots.admit(slots.try_reserve().unwrap(), b).unwrap();
        assert!(slots.try_reserve().is_none());
        drop(first);
        assert!(slots.admit(slots.try_reserve().unwrap(), a).is_some());
    }
}
