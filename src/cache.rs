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
        let found = self.find(key, |s| *s == stamp);
        self.count(found.is_some());
        found
    }

    /// The fresh value kept for `key` whose stamp `valid` accepts (and may renew), uncounted.
    fn find(&self, key: &K, valid: impl FnOnce(&mut S) -> bool) -> Option<Arc<V>> {
        if !self.enabled {
            return None;
        }
        let mut entries = self.entries.lock().ok()?;
        let e = entries.get_mut(key)?;
        (e.at.elapsed() < TTL && valid(&mut e.stamp)).then(|| e.value.clone())
    }

    fn count(&self, hit: bool) {
        let counter = if hit { &self.hits } else { &self.misses };
        counter.fetch_add(1, Ordering::Relaxed);
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
            return self.load_unkept(load).await;
        }
        if let Some(v) = self.get(&key, stamp) {
            return Ok(v);
        }
        self.load_once(key, stamp, |s| *s == stamp, load).await
    }

    /// Single flight: the first reader of a missing key runs `load`, the others wait for it and
    /// take what it kept if `valid` accepts its stamp.
    async fn load_once<E, F>(
        &self,
        key: K,
        stamp: S,
        valid: impl Fn(&mut S) -> bool,
        load: F,
    ) -> Result<Arc<V>, E>
    where
        F: std::future::Future<Output = Result<V, E>>,
    {
        let flight = Flight::board(&self.flights, &key);
        let _turn = flight.turn.lock().await;
        if let Some(v) = self.find(&key, valid) {
            return Ok(v);
        }
        self.loads.fetch_add(1, Ordering::Relaxed);
        let v = Arc::new(load.await?);
        self.put(key, stamp, v.clone());
        Ok(v)
    }

    /// `load`'s value, counted as a load but not kept.
    async fn load_unkept<E, F>(&self, load: F) -> Result<Arc<V>, E>
    where
        F: std::future::Future<Output = Result<V, E>>,
    {
        self.loads.fetch_add(1, Ordering::Relaxed);
        Ok(Arc::new(load.await?))
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
        self.load_unkept(load).await
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

/// A stamp in two layers: the national [`Stamp`], which comes with the session at no cost, and
/// the versions of what the entry shows (`S`: a meeting's, a unit subtree's), which cost one small
/// query and are read only when the national stamp has moved since the entry was last checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Layered<S> {
    pub national: Stamp,
    pub scoped: S,
}

impl<K: Eq + Hash + Clone, V, S: Copy + Eq> Cache<K, V, Layered<S>> {
    /// The value kept for `key` while the national stamp is still `national`, counted as a hit
    /// (a miss is counted once the scoped versions have been read).
    fn get_national(&self, key: &K, national: Stamp) -> Option<Arc<V>> {
        let found = self.find(key, |s| s.national == national);
        if found.is_some() {
            self.count(true);
        }
        found
    }

    /// Like [`Cache::get_or_load`]: the entry is reused while the national stamp is unchanged;
    /// once it moves (a write anywhere), while `scoped` reads the same versions as the entry was
    /// read under (a write elsewhere) — the entry then takes the new national stamp.
    pub async fn get_or_load_scoped<E, R, F>(
        &self,
        key: K,
        national: Stamp,
        scoped: R,
        load: F,
    ) -> Result<Arc<V>, E>
    where
        R: std::future::Future<Output = Result<S, E>>,
        F: std::future::Future<Output = Result<V, E>>,
    {
        if !self.enabled {
            return self.load_unkept(load).await;
        }
        if let Some(v) = self.get_national(&key, national) {
            return Ok(v);
        }
        let scoped = scoped.await?;
        let stamp = Layered { national, scoped };
        let renew = |s: &mut Layered<S>| {
            let same = s.scoped == scoped;
            if same {
                s.national = national;
            }
            same
        };
        let found = self.find(&key, renew);
        self.count(found.is_some());
        match found {
            Some(v) => Ok(v),
            None => self.load_once(key, stamp, renew, load).await,
        }
    }

    /// [`Cache::get_or_load_scoped`] when `keep`; else the kept value or `load`'s, which is not
    /// kept (a replica read that has not replayed everything the stamp stands for, `db::replica`).
    pub async fn get_or_load_scoped_if<E, R, F>(
        &self,
        keep: bool,
        key: K,
        national: Stamp,
        scoped: R,
        load: F,
    ) -> Result<Arc<V>, E>
    where
        R: std::future::Future<Output = Result<S, E>>,
        F: std::future::Future<Output = Result<V, E>>,
    {
        if keep {
            return self.get_or_load_scoped(key, national, scoped, load).await;
        }
        if let Some(v) = self.get_national(&key, national) {
            return Ok(v);
        }
        self.load_unkept(load).await
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
mod tests;
