//! The read caches' own rules, without a database.

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

#[tokio::test]
async fn a_layered_entry_outlives_a_national_move_while_its_own_versions_stand() {
    let c: Cache<i32, i32, Layered<i64>> = Cache::new(3, true);
    let moved = Stamp { data: 2, local: 0 };
    let read = |n: Stamp, scoped: i64, value: i32| {
        c.get_or_load_scoped(1, n, async move { Ok::<_, ()>(scoped) }, async move {
            Ok::<_, ()>(value)
        })
    };
    assert_eq!(read(S1, 10, 1).await.ok().as_deref(), Some(&1));
    assert_eq!(
        read(moved, 10, 2).await.ok().as_deref(),
        Some(&1),
        "a write elsewhere"
    );
    assert_eq!(c.loads(), 1);
    assert_eq!(
        read(moved, 11, 3).await.ok().as_deref(),
        Some(&1),
        "renewed"
    );
    let again = Stamp { data: 3, local: 0 };
    assert_eq!(
        read(again, 11, 4).await.ok().as_deref(),
        Some(&4),
        "its own moved"
    );
    assert_eq!(c.loads(), 2);
}
