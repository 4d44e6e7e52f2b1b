//! Counting events per key (a client address, a username, both) over a sliding window.
//! tower_governor limits every request to a route; the login limits count only attempts that
//! could guess a password, and take them *before* the hash is checked (`try_take`), so parallel
//! requests cannot all slip past the count.

use std::collections::{HashMap, VecDeque};
use std::hash::Hash;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

#[derive(Debug)]
pub struct RateLimiter<K = IpAddr> {
    window: Duration,
    max: usize,
    hits: Mutex<HashMap<K, VecDeque<Instant>>>,
}

impl<K: Hash + Eq + Clone> RateLimiter<K> {
    pub fn new(max: usize, window: Duration) -> Self {
        Self {
            window,
            max,
            hits: Mutex::new(HashMap::new()),
        }
    }

    /// Whether `key` has used up its allowance in the current window.
    pub fn is_limited(&self, key: K) -> bool {
        let now = Instant::now();
        let mut hits = self.hits.lock().unwrap_or_else(|p| p.into_inner());
        match hits.get_mut(&key) {
            Some(q) => {
                self.forget_old(q, now);
                q.len() >= self.max
            }
            None => false,
        }
    }

    /// Counts one event for `key`.
    pub fn record(&self, key: K) {
        let now = Instant::now();
        let mut hits = self.hits.lock().unwrap_or_else(|p| p.into_inner());
        self.prune(&mut hits, now);
        hits.entry(key).or_default().push_back(now);
    }

    /// Counts one event for `key` if its allowance is not used up, in one step; false if it is.
    pub fn try_take(&self, key: &K) -> bool {
        let now = Instant::now();
        let mut hits = self.hits.lock().unwrap_or_else(|p| p.into_inner());
        self.prune(&mut hits, now);
        let q = hits.entry(key.clone()).or_default();
        self.forget_old(q, now);
        if q.len() >= self.max {
            return false;
        }
        q.push_back(now);
        true
    }

    /// Takes back the newest event of `key` (an attempt that turned out not to count).
    pub fn give_back(&self, key: &K) {
        let mut hits = self.hits.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(q) = hits.get_mut(key) {
            q.pop_back();
        }
    }

    fn forget_old(&self, q: &mut VecDeque<Instant>, now: Instant) {
        while q
            .front()
            .is_some_and(|t| now.duration_since(*t) > self.window)
        {
            q.pop_front();
        }
    }

    /// Keeps the table bounded when many keys pass by (e.g. random usernames).
    fn prune(&self, hits: &mut HashMap<K, VecDeque<Instant>>, now: Instant) {
        if hits.len() > 100_000 {
            let window = self.window;
            hits.retain(|_, q| q.back().is_some_and(|t| now.duration_since(*t) <= window));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_limit_applies_per_client_after_max_events() {
        let rl = RateLimiter::new(3, Duration::from_secs(60));
        let a: IpAddr = "10.0.0.1".parse().expect("ip");
        let b: IpAddr = "10.0.0.2".parse().expect("ip");
        for _ in 0..3 {
            assert!(!rl.is_limited(a));
            rl.record(a);
        }
        assert!(rl.is_limited(a));
        assert!(!rl.is_limited(b));
    }

    #[test]
    fn events_older_than_the_window_are_forgotten() {
        let rl = RateLimiter::new(1, Duration::from_millis(20));
        let a: IpAddr = "10.0.0.1".parse().expect("ip");
        rl.record(a);
        assert!(rl.is_limited(a));
        std::thread::sleep(Duration::from_millis(30));
        assert!(!rl.is_limited(a));
    }

    #[test]
    fn try_take_counts_and_refuses_in_one_step_and_give_back_returns_one() {
        let rl = RateLimiter::new(2, Duration::from_secs(60));
        let k = "polsek.kempas".to_string();
        assert!(rl.try_take(&k));
        assert!(rl.try_take(&k));
        assert!(!rl.try_take(&k));
        rl.give_back(&k);
        assert!(rl.try_take(&k));
        assert!(!rl.try_take(&k));
    }
}
