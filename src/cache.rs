//! Read caches. A page that many people open over and over (a dashboard, a meeting, a filtered
//! meeting list) keeps what it read from PostgreSQL together with the [`Stamp`] it was read
//! under, and reuses it while the stamp is unchanged — and for at most a minute, because some
//! of what pages show moves with the clock (days overdue, "H-12").
//!
//! The stamp has two parts:
//! - `data`: the `data_version` sequence (migration 000007), moved at the commit of every
//!   transaction that writes anything a page shows, whoever writes it (any server instance, the
//!   CLI, psql). It is read with the session, in the same round trip (`auth::store`);
//! - `local`: how many write requests this process has finished. It closes the one gap of the
//!   first part: a reader that took the new number a moment before the writer's commit became
//!   visible would otherwise keep the old data under the new number.
//!
//! A cache may keep its entries under another stamp: the dashboards use the versions of the
//! unit's subtree (`dash_unit_version`, migration 20261129000400), so a write elsewhere in the
//! country leaves them in place.
//!
//! One computation per key at a time (single flight): readers that miss the same key while it is
//! being computed wait for that computation and take its result, instead of each running it.
//!
//! Keys always include the reader's [`crate::auth::Scope`] where the data depends on it, so a
//! cache never hands one unit's data to another. `SINERGI_CACHE=0` turns every cache off (the
//! benchmark's "computed" rows).

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::sync::Mutex as Turn;

/// What cached data is valid for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stamp {
    pub data: i64,
    pub local: u64,
}

/// How long an entry is reused at most, however quiet the data.
pub const TTL: Duration = Duration::from_secs(60);

/// Write requests this process has finished (see [`Stamp::local`]).
#[derive(Debug, Default)]
pub struct Writes(AtomicU64);

impl Writes {
    pub fn finished(&self) {
        self.0.fetch_add(1, Ordering::SeqCst);
    }

    pub fn count(&self) -> u64 {
        self.0.load(Ordering::SeqCst)
    }
}

struct Entry<V, S> {
    value: Arc<V>,
    stamp: S,
    at: Instant,
}

/// At most `capacity` entries; when full, the oldest goes first. `S` is what an entry is valid
/// for ([`Stamp`] unless the cache says otherwise).
pub struct Cache<K, V, S = Stamp> {
    entries: Mutex<HashMap<K, Entry<V, S>>>,
    /// Keys being computed, each with the turn its readers wait for.
    flights: Mutex<HashMap<K, Arc<Turn<()>>>>,
    /// Computations run (for tests and the benchmark's reading of the cache).
    loads: AtomicU64,
    capacity: usize,
    enabled: bool,
    hits: AtomicU64,
    misses: AtomicU64,
}

impl<K: Eq + Hash + Clone, V, S: Copy + Eq> Cache<K, V, S> {
    pub fn new(capacity: usize, enabled: bool) -> Self {
        Cache {
            entries: Mutex::new(HashMap::new()),
            flights: Mutex::new(HashMap::new()),
            loads: AtomicU64::new(0),
            capacity,
            enabled,
            hits: AtomicU64::new(0),
            misses: AtomicU64::new(0),
        }
    }

    /// Hits and misses of [`Cache::get`] so far (for `/metrics`).
    pub fn counts(&self) -> (u64, u64) {
        (
            self.hits.load(Ordering::Relaxed),
            self.misses.load(Ordering::Relaxed),
        )
    }

    /// The value kept for `key` if it was read under `stamp` less than [`TTL`] ago.
    pub fn get(&self, key: &K, stamp: S) -> Option<Arc<V>> {
        if !self.enabled {
            return None;
        }
        let entries = self.entries.lock().ok()?;
        let found = entries
            .get(key)
            .filter(|e| e.stamp == stamp && e.at.elapsed() < TTL)
            .map(|e| e.value.clone());
        let counter = if found.is_some() {
            &self.hits
        } else {
            &self.misses
        };
        counter.fetch_add(1, Ordering::Relaxed);
        found
    }

    pub fn put(&self, key: K, stamp: S, value: Arc<V>) {
        if !self.enabled {
            return;
        }
        let Ok(mut entries) = self.entries.lock() else {
            return;
        };
        if entries.len() >= self.capacity && !entries.contains_key(&key) {
            // Stale entries first; if none, the oldest.
            entries.retain(|_, e| e.stamp == stamp && e.at.elapsed() < TTL);
            if entries.len() >= self.capacity
                && let Some(oldest) = entries
                    .iter()
                    .min_by_key(|(_, e)| e.at)
                    .map(|(k, _)| k.clone())
            {
                entries.remove(&oldest);
            }
        }
        entries.insert(
            key,
            Entry {
                value,
                stamp,
                at: Instant::now(),
            },
        );
    }

    /// The cached value, or `load`'s, which is then kept. While one reader loads a key, others
    /// that miss it wait and take what it kept (when read under their stamp).
    pub async fn get_or_load<E, F>(&self, key: K, stamp: S, load: F) -> Result<Arc<V>, E>
    where
        F: std::future::Future<Output = Result<V, E>>,
    {
        if !self.enabled {
            self.loads.fetch_add(1, Ordering::Relaxed);
            return Ok(Arc::new(load.await?));
        }
        if let Some(v) = self.get(&key, stamp) {
            return Ok(v);
        }
        let flight = Flight::board(&self.flights, &key);
        let _turn = flight.turn.lock().await;
        if let Some(v) = self.get(&key, stamp) {
            return Ok(v);
        }
        self.loads.fetch_add(1, Ordering::Relaxed);
        let v = Arc::new(load.await?);
        self.put(key, stamp, v.clone());
        Ok(v)
    }

    /// [`Cache::get_or_load`] when `keep`; else the kept value or `load`'s, which is not kept
    /// (what a replica read before it replayed everything the stamp stands for, `db::replica`).
    pub async fn get_or_load_if<E, F>(
        &self,
        keep: bool,
        key: K,
        stamp: S,
        load: F,
    ) -> Result<Arc<V>, E>
    where
        F: std::future::Future<Output = Result<V, E>>,
    {
        if keep {
            return self.get_or_load(key, stamp, load).await;
        }
        if let Some(v) = self.get(&key, stamp) {
            return Ok(v);
        }
        self.loads.fetch_add(1, Ordering::Relaxed);
        Ok(Arc::new(load.await?))
    }

    /// How many computations [`Cache::get_or_load`] has run.
    pub fn loads(&self) -> u64 {
        self.loads.load(Ordering::Relaxed)
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.entries.lock().map(|e| e.len()).unwrap_or(0)
    }
}

/// A reader's place in the queue for one key; the key's turn is forgotten when the last reader
/// leaves (also when a reader's request is dropped while it waits).
struct Flight<'a, K: Eq + Hash + Clone> {
    flights: &'a Mutex<HashMap<K, Arc<Turn<()>>>>,
    key: K,
    turn: Arc<Turn<()>>,
}

impl<'a, K: Eq + Hash + Clone> Flight<'a, K> {
    fn board(flights: &'a Mutex<HashMap<K, Arc<Turn<()>>>>, key: &K) -> Self {
        let turn = match flights.lock() {
            Ok(mut map) => map.entry(key.clone()).or_default().clone(),
            Err(_) => Arc::default(),
        };
        Flight {
            flights,
            key: key.clone(),
            turn,
        }
    }
}

impl<K: Eq + Hash + Clone> Drop for Flight<'_, K> {
    fn drop(&mut self) {
        if let Ok(mut map) = self.flights.lock()
            && map
                .get(&self.key)
                .is_some_and(|t| Arc::ptr_eq(t, &self.turn) && Arc::strong_count(t) == 2)
        {
            map.remove(&self.key);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const S1: Stamp = Stamp { data: 1, local: 0 };

    #[test]
    fn an_entry_is_reused_only_under_the_stamp_it_was_read_under() {
        let c: Cache<&str, i32> = Cache::new(10, true);
        c.put("a", S1, Arc::new(7));
        assert_eq!(c.get(&"a", S1).as_deref(), Some(&7));
        assert!(c.get(&"a", Stamp { data: 2, local: 0 }).is_none());
        assert!(c.get(&"a", Stamp { data: 1, local: 1 }).is_none());
        assert!(c.get(&"b", S1).is_none());
    }

    #[test]
    fn a_full_cache_drops_stale_entries_then_the_oldest() {
        let c: Cache<i32, i32> = Cache::new(3, true);
        let old = Stamp { data: 0, local: 0 };
        c.put(1, old, Arc::new(1));
        c.put(2, S1, Arc::new(2));
        c.put(3, S1, Arc::new(3));
        c.put(4, S1, Arc::new(4));
        assert!(c.get(&1, old).is_none(), "the stale entry went first");
        assert_eq!(c.len(), 3);
        c.put(5, S1, Arc::new(5));
        assert!(c.get(&2, S1).is_none(), "then the oldest");
        assert_eq!(c.get(&5, S1).as_deref(), Some(&5));
        assert_eq!(c.len(), 3);
    }

    #[test]
    fn a_disabled_cache_keeps_nothing() {
        let c: Cache<i32, i32> = Cache::new(3, false);
        c.put(1, S1, Arc::new(1));
        assert!(c.get(&1, S1).is_none());
    }

    #[tokio::test]
    async fn get_or_load_loads_once_per_stamp() {
        let c: Cache<i32, i32> = Cache::new(3, true);
        let mut loads = 0;
        for stamp in [S1, S1, Stamp { data: 2, local: 0 }] {
            let v = c
                .get_or_load(1, stamp, async {
                    loads += 1;
                    Ok::<_, ()>(loads)
                })
                .await;
            assert!(v.is_ok());
        }
        assert_eq!(loads, 2);
    }

    #[tokio::test]
    async fn concurrent_readers_of_a_missing_key_share_one_computation() {
        let c: Arc<Cache<i32, i32>> = Arc::new(Cache::new(3, true));
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let first = {
            let c = c.clone();
            tokio::spawn(async move {
                c.get_or_load(1, S1, async {
                    let _ = rx.await;
                    Ok::<_, ()>(7)
                })
                .await
            })
        };
        tokio::task::yield_now().await;
        let second = {
            let c = c.clone();
            tokio::spawn(async move { c.get_or_load(1, S1, async { Ok::<_, ()>(8) }).await })
        };
        tokio::task::yield_now().await;
        assert!(tx.send(()).is_ok());
        let (a, b) = (first.await, second.await);
        assert_eq!(a.ok().and_then(|r| r.ok()).as_deref(), Some(&7));
        assert_eq!(
            b.ok().and_then(|r| r.ok()).as_deref(),
            Some(&7),
            "the second waited"
        );
        assert_eq!(c.loads(), 1);
        assert!(c.flights.lock().map(|f| f.is_empty()).unwrap_or(false));
    }

    #[tokio::test]
    async fn a_reader_under_a_newer_stamp_computes_again_after_waiting() {
        let c: Cache<i32, i32> = Cache::new(3, true);
        let newer = Stamp { data: 2, local: 0 };
        let (a, b) = tokio::join!(
            c.get_or_load(1, S1, async { Ok::<_, ()>(1) }),
            c.get_or_load(1, newer, async { Ok::<_, ()>(2) }),
        );
        assert_eq!(a.ok().as_deref(), Some(&1));
        assert_eq!(b.ok().as_deref(), Some(&2));
        assert_eq!(c.loads(), 2);
    }
}
