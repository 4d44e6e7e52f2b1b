//! Counting failures per client over a sliding minute. tower_governor limits every request to a
//! route; the contract limits *failed* logins, so this counts only what the handler reports.

use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

#[derive(Debug)]
pub struct RateLimiter {
    window: Duration,
    max: usize,
    hits: Mutex<HashMap<IpAddr, VecDeque<Instant>>>,
}

impl RateLimiter {
    pub fn new(max: usize, window: Duration) -> Self {
        Self {
            window,
            max,
            hits: Mutex::new(HashMap::new()),
        }
    }

    /// Whether `ip` has used up its allowance in the current window.
    pub fn is_limited(&self, ip: IpAddr) -> bool {
        let now = Instant::now();
        let mut hits = self.hits.lock().unwrap_or_else(|p| p.into_inner());
        match hits.get_mut(&ip) {
            Some(q) => {
                while q
                    .front()
                    .is_some_and(|t| now.duration_since(*t) > self.window)
                {
                    q.pop_front();
                }
                q.len() >= self.max
            }
            None => false,
        }
    }

    /// Counts one event (a failure) for `ip`.
    pub fn record(&self, ip: IpAddr) {
        let now = Instant::now();
        let mut hits = self.hits.lock().unwrap_or_else(|p| p.into_inner());
        if hits.len() > 100_000 {
            let window = self.window;
            hits.retain(|_, q| q.back().is_some_and(|t| now.duration_since(*t) <= window));
        }
        hits.entry(ip).or_default().push_back(now);
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
}
