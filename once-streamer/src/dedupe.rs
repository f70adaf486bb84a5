//! Drops records 1NCE sends again (a retransmission carries the same id).

use std::collections::{HashMap, HashSet, VecDeque};
use std::time::{Duration, Instant};

use once_sdk::streamer::{RecordKey, StreamRecord};

/// Remembers the keys of stored records for a window, and the keys of
/// records being stored right now.
#[derive(Debug)]
pub(crate) struct Deduper {
    window: Duration,
    max_keys: usize,
    stored: HashMap<RecordKey, Instant>,
    order: VecDeque<(Instant, RecordKey)>,
    pending: HashSet<RecordKey>,
}

/// The outcome of [`Deduper::reserve`].
pub(crate) enum Reservation {
    /// These records are new; their keys are now pending.
    Fresh {
        records: Vec<StreamRecord>,
        raw: Vec<once_sdk::streamer::RawRecord>,
        keys: Vec<RecordKey>,
        duplicates: usize,
    },
    /// A record of the batch is being stored by another request right now.
    InFlight(RecordKey),
}

impl Deduper {
    pub fn new(window: Duration, max_keys: usize) -> Self {
        Self {
            window,
            max_keys,
            stored: HashMap::new(),
            order: VecDeque::new(),
            pending: HashSet::new(),
        }
    }

    fn expire(&mut self, now: Instant) {
        while let Some((at, _)) = self.order.front() {
            let old = now.saturating_duration_since(*at) > self.window;
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

    /// Splits a batch into new records (reserved) and duplicates.
    pub fn reserve(
        &mut self,
        records: Vec<StreamRecord>,
        raw: Vec<once_sdk::streamer::RawRecord>,
        now: Instant,
    ) -> Reservation {
        self.expire(now);
        let mut keys = Vec::with_capacity(records.len());
        let mut seen_here = HashSet::with_capacity(records.len());
        let mut fresh = Vec::with_capacity(records.len());
        let mut fresh_raw = Vec::with_capacity(records.len());
        let mut duplicates = 0;
        for (record, raw) in records.into_iter().zip(raw) {
            let key = record.key();
            if self.pending.contains(&key) {
                return Reservation::InFlight(key);
            }
            if self.stored.contains_key(&key) || !seen_here.insert(key.clone()) {
                duplicates += 1;
                continue;
            }
            keys.push(key);
            fresh.push(record);
            fresh_raw.push(raw);
        }
        self.pending.extend(keys.iter().cloned());
        Reservation::Fresh {
            records: fresh,
            raw: fresh_raw,
            keys,
            duplicates,
        }
    }

    /// The records of `keys` are stored: remember them for the window.
    pub fn commit(&mut self, keys: &[RecordKey], now: Instant) {
        for key in keys {
            self.pending.remove(key);
            self.remember(key.clone(), now);
        }
        self.expire(now);
    }

    /// Storing the records of `keys` failed: they may come again.
    pub fn release(&mut self, keys: &[RecordKey]) {
        for key in keys {
            self.pending.remove(key);
        }
    }

    /// Remembers a key stored before (e.g. found in the output at start-up).
    pub fn remember(&mut self, key: RecordKey, now: Instant) {
        self.stored.insert(key.clone(), now);
        self.order.push_back((now, key));
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

    fn batch(ids: &[u64]) -> (Vec<StreamRecord>, Vec<once_sdk::streamer::RawRecord>) {
        let body: Vec<_> = ids
            .iter()
            .map(|id| serde_json::json!({"id": id, "traffic_type_id": 5}))
            .collect();
        let b = decode_batch(&serde_json::to_vec(&body).unwrap()).unwrap();
        (b.records, b.raw)
    }

    fn fresh_ids(r: Reservation) -> (Vec<String>, usize, Vec<RecordKey>) {
        match r {
            Reservation::Fresh {
                records,
                duplicates,
                keys,
                ..
            } => (
                records.iter().map(|r| r.id().to_string()).collect(),
                duplicates,
                keys,
            ),
            Reservation::InFlight(k) => panic!("in flight: {k}"),
        }
    }

    #[test]
    fn stored_ids_are_dropped_within_the_window_only() {
        let t0 = Instant::now();
        let mut d = Deduper::new(Duration::from_secs(60), 1_000);
        let (r, raw) = batch(&[1, 2, 2]);
        let (ids, dups, keys) = fresh_ids(d.reserve(r, raw, t0));
        assert_eq!((ids, dups), (vec!["1".to_string(), "2".to_string()], 1));
        // While pending, the same ids from another request must wait.
        let (r, raw) = batch(&[2, 3]);
        assert!(matches!(d.reserve(r, raw, t0), Reservation::InFlight(_)));
        d.commit(&keys, t0);
        let (r, raw) = batch(&[1, 2, 3]);
        let (ids, dups, keys) = fresh_ids(d.reserve(r, raw, t0 + Duration::from_secs(30)));
        assert_eq!((ids, dups), (vec!["3".to_string()], 2));
        d.release(&keys);
        // After the window, 1 and 2 count as new again; 3 was released.
        let (r, raw) = batch(&[1, 3]);
        let (ids, dups, _) = fresh_ids(d.reserve(r, raw, t0 + Duration::from_secs(61)));
        assert_eq!((ids, dups), (vec!["1".to_string(), "3".to_string()], 0));
    }

    #[test]
    fn the_oldest_keys_go_first_beyond_the_cap() {
        let t0 = Instant::now();
        let mut d = Deduper::new(Duration::from_secs(3600), 2);
        for id in [1u64, 2, 3] {
            let (r, raw) = batch(&[id]);
            let (_, _, keys) = fresh_ids(d.reserve(r, raw, t0));
            d.commit(&keys, t0);
        }
        assert_eq!(d.len(), 2);
        let (r, raw) = batch(&[1, 3]);
        let (ids, dups, _) = fresh_ids(d.reserve(r, raw, t0));
        assert_eq!((ids, dups), (vec!["1".to_string()], 1));
    }
}
