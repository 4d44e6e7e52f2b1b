//! Login throttling: every attempt is counted *before* its password is hashed — per client
//! address, per username, and per username from one client — and at most a few argon2 hashes run
//! at once; beyond that a login is answered at once with 503 instead of queueing CPU and memory.
//! A typo-prone officer locks only their own name from their own address, not the whole Polres
//! behind one proxy; someone trying many names from one address, or one name from many, is stopped.

use std::net::IpAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use tokio::sync::Semaphore;

use super::ratelimit::RateLimiter;

/// Failed logins allowed per minute for one username from one client.
pub const PER_USER_AND_CLIENT: usize = 10;
/// Failed logins allowed per minute from one client, whatever the usernames (docs/CONTRACT.md: at
/// most 20). Behind a proxy, `SINERGI_TRUSTED_PROXIES` makes each client its own.
pub const PER_CLIENT: usize = 20;
/// Failed logins allowed per minute for one username, from anywhere.
pub const PER_USER: usize = 30;
/// How long a login waits for a free hashing slot before it is told to come back.
const HASH_WAIT: Duration = Duration::from_millis(300);

/// Why a login was not checked.
#[derive(Debug, PartialEq, Eq)]
pub enum Refused {
    /// A limit is used up: 429.
    Limited,
    /// Every hashing slot is busy: 503.
    Busy,
}

/// The counters and the hashing slots, one per server.
pub struct LoginLimits {
    by_client: RateLimiter<IpAddr>,
    by_user: RateLimiter<String>,
    by_pair: RateLimiter<(String, IpAddr)>,
    hashing: Arc<Semaphore>,
    slots: usize,
    running: AtomicUsize,
    peak: AtomicUsize,
    done: AtomicUsize,
}

/// An attempt that was counted; give it back when the password turned out right.
pub struct Attempt {
    username: String,
    ip: IpAddr,
}

impl LoginLimits {
    /// `slots` concurrent hashes (at least one).
    pub fn new(slots: usize) -> Self {
        let minute = Duration::from_secs(60);
        let slots = slots.max(1);
        Self {
            by_client: RateLimiter::new(PER_CLIENT, minute),
            by_user: RateLimiter::new(PER_USER, minute),
            by_pair: RateLimiter::new(PER_USER_AND_CLIENT, minute),
            hashing: Arc::new(Semaphore::new(slots)),
            slots,
            running: AtomicUsize::new(0),
            peak: AtomicUsize::new(0),
            done: AtomicUsize::new(0),
        }
    }

    /// As many hashing slots as cores (argon2 is CPU-bound; more would only queue in memory).
    pub fn for_this_machine() -> Self {
        Self::new(std::thread::available_parallelism().map_or(2, |n| n.get()))
    }

    /// Counts an attempt for `username` from `ip`, or refuses it when a limit is used up.
    pub fn attempt(&self, username: &str, ip: IpAddr) -> Result<Attempt, Refused> {
        let username = username.to_string();
        let pair = (username.clone(), ip);
        if !self.by_pair.try_take(&pair) {
            return Err(Refused::Limited);
        }
        if !self.by_client.try_take(&ip) {
            self.by_pair.give_back(&pair);
            return Err(Refused::Limited);
        }
        if !self.by_user.try_take(&username) {
            self.by_pair.give_back(&pair);
            self.by_client.give_back(&ip);
            return Err(Refused::Limited);
        }
        Ok(Attempt { username, ip })
    }

    /// A successful login does not count against anyone.
    pub fn forgive(&self, a: Attempt) {
        self.by_pair.give_back(&(a.username.clone(), a.ip));
        self.by_client.give_back(&a.ip);
        self.by_user.give_back(&a.username);
    }

    /// Checks `password` against `hash` in a hashing slot, or refuses when all are busy.
    pub async fn verify(&self, password: String, hash: String) -> Result<bool, Refused> {
        let permit = tokio::time::timeout(HASH_WAIT, self.hashing.clone().acquire_owned())
            .await
            .map_err(|_| Refused::Busy)?
            .map_err(|_| Refused::Busy)?;
        let now = self.running.fetch_add(1, Ordering::SeqCst) + 1;
        self.peak.fetch_max(now, Ordering::SeqCst);
        let ok = super::verify_password(password, hash).await;
        self.running.fetch_sub(1, Ordering::SeqCst);
        self.done.fetch_add(1, Ordering::SeqCst);
        drop(permit);
        Ok(ok)
    }

    /// How many hashes may run at once.
    pub fn slots(&self) -> usize {
        self.slots
    }

    /// The most hashes that ran at once so far.
    pub fn peak_hashes(&self) -> usize {
        self.peak.load(Ordering::SeqCst)
    }

    /// How many hashes were checked so far.
    pub fn hashes_done(&self) -> usize {
        self.done.load(Ordering::SeqCst)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().expect("ip")
    }

    #[test]
    fn one_name_from_one_client_is_stopped_but_not_its_neighbours() {
        let l = LoginLimits::new(1);
        for _ in 0..PER_USER_AND_CLIENT {
            assert!(l.attempt("polsek.kempas", ip("10.0.0.1")).is_ok());
        }
        assert_eq!(
            l.attempt("polsek.kempas", ip("10.0.0.1")).err(),
            Some(Refused::Limited)
        );
        assert!(l.attempt("polres.ketapang", ip("10.0.0.1")).is_ok());
        assert!(l.attempt("polsek.kempas", ip("10.0.0.2")).is_ok());
    }

    #[test]
    fn many_names_from_one_client_are_stopped() {
        let l = LoginLimits::new(1);
        for i in 0..PER_CLIENT {
            assert!(l.attempt(&format!("user{i}"), ip("10.0.0.1")).is_ok());
        }
        assert_eq!(
            l.attempt("admin", ip("10.0.0.1")).err(),
            Some(Refused::Limited)
        );
    }

    #[test]
    fn one_name_from_many_clients_is_stopped() {
        let l = LoginLimits::new(1);
        for i in 0..PER_USER {
            assert!(l.attempt("admin", ip(&format!("10.0.1.{i}"))).is_ok());
        }
        assert_eq!(
            l.attempt("admin", ip("10.0.2.1")).err(),
            Some(Refused::Limited)
        );
    }

    #[test]
    fn a_forgiven_attempt_does_not_count() {
        let l = LoginLimits::new(1);
        for _ in 0..PER_USER_AND_CLIENT * 3 {
            let a = l.attempt("admin", ip("10.0.0.1")).expect("not limited");
            l.forgive(a);
        }
        assert!(l.attempt("admin", ip("10.0.0.1")).is_ok());
    }
}
