//! Drops records 1NCE sends again (a retransmission carries the same id).

use std::collections::hash_map::RandomState;
use std::collections::VecDeque;
use std::hash::BuildHasher;
use std::time::{Duration, Instant};

use once_sdk::streamer::RecordKey;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::sink::Delivery;

/// A record key as the deduper keeps it: 128 bits of two SipHashes with
/// keys drawn at random per process (no sender can aim at a collision; by
/// chance, one in about 10^25 among five million keys). Millions of
/// remembered keys cost 24 bytes each instead of a `String` apiece.
pub(crate) type Digest = u128;

/// Remembers the keys of stored records for a window, and the keys of
/// records being stored right now.
#[derive(Debug)]
pub(crate) struct Deduper {
    window: Duration,
    max_keys: usize,
    hash: (RandomState, RandomState),
    start: Instant,
    /// Digest to the millisecond (since `start`) it was stored at.
    stored: FxHashMap<Digest, u64>,
    order: VecDeque<(u64, Digest)>,
    pending: FxHashSet<Digest>,
}

/// The outcome of [`Deduper::reserve`].
pub(crate) enum Reservation {
    /// These records are new; their keys are now pending.
    Fresh {
        delivery: Delivery,
        keys: Vec<Digest>,
    },
    /// A record of the batch is being stored by another request right now.
    InFlight(RecordKey),
}

impl Deduper {
    pub fn new(window: Duration, max_keys: usize) -> Self {
        Self {
            window,
            max_keys,
            hash: (RandomState::new(), RandomState::new()),
            start: Instant::now(),
            stored: FxHashMap::default(),
            order: VecDeque::new(),
            pending: FxHashSet::default(),
        }
    }

    fn digest(&self, key: &RecordKey) -> Digest {
        (u128::from(self.hash.0.hash_one(key)) << 64) | u128::from(self.hash.1.hash_one(key))
    }

    /// Milliseconds since the deduper was made (rounded up: a key is never
    /// forgotten early).
    fn tick(&self, now: Instant) -> u64 {
        let d = now.saturating_duration_since(self.start);
        let ms = d.as_millis() + u128::from(!d.subsec_nanos().is_multiple_of(1_000_000));
        u64::try_from(ms).unwrap_or(u64::MAX)
    }

    fn expire(&mut self, now: Instant) {
        let now = self.tick(now);
        let window = u64::try_from(self.window.as_millis()).unwrap_or(u64::MAX);
        while let Some((at, _)) = self.order.front() {
            let old = now.saturating_sub(*at) > window;
            if !old && self.order.len() <= self.max_keys {
                break;
            }
            if let Some((at, key)) = self.order.pop_front() {
                if self.stored.get(&key) == Some(&at) {
                    self.stored.remove(&key);
                }
            }
        }
    }

    /// Splits a delivery into new records (reserved) and duplicates
    /// (counted in `duplicates`); rejected records and an unreadable body
    /// are deduplicated by their keys too.
    pub fn reserve(&mut self, all: Delivery, now: Instant) -> Reservation {
        self.expire(now);
        let n = all.records.len() + all.rejected.len() + 1;
        let mut keys = Vec::with_capacity(n);
        let mut seen_here = FxHashSet::with_capacity_and_hasher(n, Default::default());
        let mut fresh = Delivery {
            records: Vec::with_capacity(all.records.len()),
            raw: Vec::with_capacity(all.records.len()),
            ..Delivery::default()
        };
        let mut duplicates = 0;
        let hash = &self.hash;
        let (pending, stored) = (&self.pending, &self.stored);
        let mut admit = |key: RecordKey, keys: &mut Vec<Digest>| -> Result<bool, RecordKey> {
            let d = (u128::from(hash.0.hash_one(&key)) << 64) | u128::from(hash.1.hash_one(&key));
            if pending.contains(&d) {
                return Err(key);
            }
            if stored.contains_key(&d) || !seen_here.insert(d) {
                duplicates += 1;
                return Ok(false);
            }
            keys.push(d);
            Ok(true)
        };
        for (record, raw) in all.records.into_iter().zip(all.raw) {
            match admit(record.key(), &mut keys) {
                Err(key) => return Reservation::InFlight(key),
                Ok(true) => {
                    fresh.records.push(record);
                    fresh.raw.push(raw);
                }
                Ok(false) => {}
            }
        }
        for rejected in all.rejected {
            match admit(rejected.key(), &mut keys) {
                Err(key) => return Reservation::InFlight(key),
                Ok(true) => fresh.rejected.push(rejected),
                Ok(false) => {}
            }
        }
        if let Some(body) = all.unreadable {
            match admit(body.key(), &mut keys) {
                Err(key) => return Reservation::InFlight(key),
                Ok(true) => fresh.unreadable = Some(body),
                Ok(false) => {}
            }
        }
        fresh.duplicates = duplicates;
        self.pending.extend(keys.iter().copied());
        Reservation::Fresh {
            delivery: fresh,
            keys,
        }
    }

    /// The records of `keys` are stored: remember them for the window.
    pub fn commit(&mut self, keys: &[Digest], now: Instant) {
        let at = self.tick(now);
        self.stored.reserve(keys.len());
        for key in keys {
            self.pending.remove(key);
            self.stored.insert(*key, at);
            self.order.push_back((at, *key));
        }
        self.expire(now);
    }

    /// Storing the records of `keys` failed: they may come again.
    pub fn release(&mut self, keys: &[Digest]) {
        for key in keys {
            self.pending.remove(key);
        }
    }

    /// Remembers a key stored before (e.g. found in the output at start-up).
    pub fn remember(&mut self, key: RecordKey, now: Instant) {
        let (d, at) = (self.digest(&key), self.tick(now));
        self.stored.insert(d, at);
        self.order.push_back((at, d));
    }

    /// Ids remembered as stored.
    pub fn len(&self) -> usize {
        self.stored.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use once_sdk::streamer::decode_batch;

    fn batch(ids: &[u64]) -> Delivery {
        let body: Vec<_> = ids
            .iter()
            .map(|id| serde_json::json!({"id": id, "traffic_type_id": 5}))
            .collect();
        let b = decode_batch(&serde_json::to_vec(&body).unwrap()).unwrap();
        Delivery {
            records: b.records,
            raw: b.raw,
            rejected: b.rejected,
            ..Delivery::default()
        }
    }

    fn fresh_ids(r: Reservation) -> (Vec<String>, usize, Vec<Digest>) {
        match r {
            Reservation::Fresh { delivery, keys } => (
                delivery
                    .records
                    .iter()
                    .map(|r| r.id().to_string())
                    .chain(delivery.rejected.iter().map(|r| r.key().to_string()))
                    .collect(),
                delivery.duplicates,
                keys,
            ),
            Reservation::InFlight(k) => panic!("in flight: {k}"),
        }
    }

    #[test]
    fn stored_ids_are_dropped_within_the_window_only() {
        let t0 = Instant::now();
        let mut d = Deduper::new(Duration::from_secs(60), 1_000);
        let r = batch(&[1, 2, 2]);
        let (ids, dups, keys) = fresh_ids(d.reserve(r, t0));
        assert_eq!((ids, dups), (vec!["1".to_string(), "2".to_string()], 1));
        // While pending, the same ids from another request must wait.
        let r = batch(&[2, 3]);
        assert!(matches!(d.reserve(r, t0), Reservation::InFlight(_)));
        d.commit(&keys, t0);
        let r = batch(&[1, 2, 3]);
        let (ids, dups, keys) = fresh_ids(d.reserve(r, t0 + Duration::from_secs(30)));
        assert_eq!((ids, dups), (vec!["3".to_string()], 2));
        d.release(&keys);
        // After the window, 1 and 2 count as new again; 3 was released.
        let r = batch(&[1, 3]);
        let (ids, dups, _) = fresh_ids(d.reserve(r, t0 + Duration::from_secs(61)));
        assert_eq!((ids, dups), (vec!["1".to_string(), "3".to_string()], 0));
    }

    #[test]
    fn the_oldest_keys_go_first_beyond_the_cap() {
        let t0 = Instant::now();
        let mut d = Deduper::new(Duration::from_secs(3600), 2);
        for id in [1u64, 2, 3] {
            let r = batch(&[id]);
            let (_, _, keys) = fresh_ids(d.reserve(r, t0));
            d.commit(&keys, t0);
        }
        assert_eq!(d.len(), 2);
        let r = batch(&[1, 3]);
        let (ids, dups, _) = fresh_ids(d.reserve(r, t0));
        assert_eq!((ids, dups), (vec!["1".to_string()], 1));
    }
}

#[cfg(test)]
mod rejected_tests {
    use super::*;
    use once_sdk::streamer::decode_batch;

    #[test]
    fn rejected_records_are_deduplicated_by_their_text() {
        let body = br#"[{"id": 1, "colour": "blue"}, {"id": 1, "colour": "blue"}, {"id": 1, "colour": "red"}]"#;
        let b = decode_batch(body).unwrap();
        let mut d = Deduper::new(Duration::from_secs(60), 100);
        let t0 = Instant::now();
        let all = Delivery {
            rejected: b.rejected.clone(),
            ..Delivery::default()
        };
        let Reservation::Fresh { delivery, keys } = d.reserve(all, t0) else {
            panic!()
        };
        assert_eq!((delivery.rejected.len(), delivery.duplicates), (2, 1));
        d.commit(&keys, t0);
        let again = Delivery {
            rejected: b.rejected,
            ..Delivery::default()
        };
        let Reservation::Fresh { delivery, .. } = d.reserve(again, t0) else {
            panic!()
        };
        assert_eq!((delivery.rejected.len(), delivery.duplicates), (0, 3));
    }
}
