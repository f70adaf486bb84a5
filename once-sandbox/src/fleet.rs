//! The seeded fleet: deterministic SIMs with valid, unique identifiers.

use chrono::{DateTime, Duration as Days, NaiveDate, TimeZone, Utc};

use super::state::{
    Connectivity, DayUsage, Event, EventKind, Order, OrderSim, Product, Quota, SimCard, SupportCase,
};
use once_sdk::types::ids::luhn_check_digit;

/// SplitMix64: small, fast, and the same on every platform. Not for secrets.
#[derive(Clone, Debug)]
pub(crate) struct Rng(u64);

impl Rng {
    pub(crate) fn new(seed: u64) -> Self {
        Self(seed ^ 0x1CE0_1CE0_1CE0_1CE0)
    }

    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    pub(crate) fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }

    /// Uniform in `[0, 1)`.
    pub(crate) fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// `n` random decimal digits.
    pub(crate) fn digits(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| char::from(b'0' + self.below(10) as u8))
            .collect()
    }
}

/// The first 11 digits of every sandbox ICCID (`89` telecom, `882` 1NCE's
/// international code, then an issuer block).
const ICCID_PREFIX: &str = "89882806660";

/// The fixed day the seeded fleet was activated around; seeded dates are
/// relative to it so that two sandboxes with the same seed agree.
fn epoch() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0)
        .single()
        .unwrap_or(DateTime::<Utc>::MIN_UTC)
}

/// The 20-digit form of a 19-digit ICCID: its Luhn check digit appended.
pub(crate) fn iccid_with_luhn(iccid: &str) -> String {
    match luhn_check_digit(iccid) {
        Some(d) => format!("{iccid}{d}"),
        None => iccid.to_string(),
    }
}

fn imei(rng: &mut Rng, index: usize) -> Option<String> {
    // Every 11th SIM has never been in a device; every 7th reports an IMEISV.
    if index % 11 == 10 {
        return None;
    }
    let body = format!("35{}", rng.digits(12));
    if index % 7 == 3 {
        return Some(format!("{body}{}", rng.digits(2)));
    }
    let check = luhn_check_digit(&body).unwrap_or(0);
    Some(format!("{body}{check}"))
}

const LABELS: [&str; 6] = ["pump", "meter", "tracker", "gateway", "sensor", "vending"];

/// Builds `n` SIMs from `seed`. ICCIDs are sequential from
/// `8988280666000000000` (the example ICCID of 1NCE's documents) whatever the
/// seed, as SIMs of one order are; everything else comes from the seed.
/// `today` is the sandbox's start day: the last week of daily usage is
/// recorded against it.
pub(crate) fn sims(n: usize, seed: u64, today: NaiveDate) -> Vec<SimCard> {
    let mut rng = Rng::new(seed);
    let imsi_base = 100_000_000 + rng.below(800_000_000);
    let msisdn_base = 10_000_000_000 + rng.below(80_000_000_000);
    (0..n)
        .map(|i| {
            let iccid = format!("{ICCID_PREFIX}{i:08}");
            let enabled = rng.below(10) != 0;
            let activated = epoch()
                + Days::days(rng.below(365) as i64)
                + Days::seconds(rng.below(86_400) as i64);
            let ip = 0x0A00_0000u32 + 0x0100 + i as u32;
            let label = match rng.below(4) {
                0 => None,
                k => Some(format!(
                    "{}-{:03}",
                    LABELS[rng.below(LABELS.len() as u64) as usize],
                    i + k as usize
                )),
            };
            // Most SIMs have used a little, some are low, a few ran out.
            let used_share = match rng.below(20) {
                0 => 1.0 + rng.unit() * 0.02,
                1..=3 => 0.8 + rng.unit() * 0.19,
                _ => rng.unit() * 0.6,
            };
            let expiry = activated + Days::days(3653);
            let mut data = Quota::new(500.0, activated, expiry);
            let mut sms = Quota::new(250.0, activated, expiry);
            let used_sms = (rng.unit() * 0.3 * 250.0).floor();
            let mut usage = std::collections::BTreeMap::new();
            let mut week_data = 0.0;
            let mut week_sms = 0.0;
            for back in (1..=7).rev() {
                let day = today - Days::days(back);
                let mb = round6(rng.unit() * 2.0);
                let sms_mo = rng.below(3) as f64;
                week_data += mb;
                week_sms += sms_mo;
                let rx = round6(mb * 0.6);
                usage.insert(
                    day,
                    DayUsage {
                        data_rx: rx,
                        data_tx: round6(mb - rx),
                        sms_mo,
                        sms_mt: 0.0,
                    },
                );
            }
            let used_data = round6((500.0 * used_share).max(week_data));
            data.consume(used_data, activated + Days::days(30));
            sms.consume(used_sms.max(week_sms), activated + Days::days(30));
            let connectivity = if !enabled {
                Connectivity::Offline
            } else {
                match rng.below(3) {
                    0 => Connectivity::Online,
                    1 => Connectivity::Attached,
                    _ => Connectivity::Offline,
                }
            };
            let imsi = format!("901405{:09}", imsi_base + i as u64);
            let mut sim = SimCard {
                id: 1000 + i as u64,
                iccid_with_luhn: iccid_with_luhn(&iccid),
                iccid,
                imsi_2: format!("90143{:010}", imsi_base + i as u64),
                current_imsi: imsi.clone(),
                imsi,
                msisdn: format!("8828{:011}", msisdn_base + i as u64),
                imei: imei(&mut rng, i),
                imei_lock: rng.below(4) == 0,
                enabled,
                activation_date: activated,
                ip_address: format!(
                    "{}.{}.{}.{}",
                    ip >> 24,
                    (ip >> 16) & 0xFF,
                    (ip >> 8) & 0xFF,
                    ip & 0xFF
                ),
                label,
                data,
                sms,
                auto_top_up: false,
                connectivity,
                usage,
                events: Vec::new(),
                sms_messages: Vec::new(),
            };
            sim.events.push(Event::new(EventKind::Activated, activated));
            if connectivity != Connectivity::Offline {
                let seen = activated + Days::days(1);
                sim.events.push(Event::new(EventKind::LocationUpdate, seen));
                sim.events.push(Event::new(EventKind::PdpCreated, seen));
            }
            sim
        })
        .collect()
}

fn round6(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

/// 1NCE's catalogue as the sandbox sells it.
pub(crate) fn products() -> Vec<Product> {
    vec![
        Product::new(
            1001,
            "1NCE IoT FlexSIM - Standard",
            "1NCE FlexSIM",
            10.0,
            120,
        ),
        Product::new(
            1002,
            "1NCE IoT FlexSIM - Industrial",
            "1NCE FlexSIM Industrial",
            15.0,
            120,
        ),
        Product::new(
            1003,
            "1NCE IoT FlexSIM - Chip (MFF2)",
            "1NCE FlexSIM Chip",
            12.0,
            120,
        ),
        Product::new(2001, "1NCE Top-up 500 MB / 250 SMS", "Top-up", 10.0, 0),
        Product::new(
            3001,
            "1NCE Lifetime extension (10 years)",
            "Extension",
            10.0,
            120,
        ),
    ]
}

/// The first order that brought the fleet.
pub(crate) fn first_order(sims: &[SimCard]) -> Order {
    Order {
        // The example order number of order-management.yml.
        order_number: 1234,
        order_type: "FIRST_ORDER",
        order_date: epoch(),
        order_status: "COMPLETED",
        invoice_number: "20000001".into(),
        invoice_amount: 10.0 * sims.len() as f64,
        sims: sims
            .iter()
            .map(|s| OrderSim {
                iccid: s.iccid.clone(),
            })
            .collect(),
        products: vec![(1001, sims.len() as u64)],
        shipping_address: serde_json::json!({
            "salutation": "1",
            "first_name": "Erika",
            "last_name": "Musterfrau",
            "company": "Sandbox GmbH",
            "street": "Sandstrasse",
            "house_number": "1",
            "zip": "20095",
            "city": "Hamburg",
            "country": "DE",
            "phone": "+49401234567"
        }),
        customer_reference: None,
    }
}

/// One closed support case, so that the list is never empty.
pub(crate) fn first_case() -> SupportCase {
    let at = epoch() + Days::days(3);
    SupportCase {
        case_id: 1,
        subject: "Welcome to the sandbox".into(),
        text: "How do I activate my SIMs?".into(),
        status: "CLOSED",
        created: at,
        solved: Some(at + Days::hours(2)),
        sender_name: "Erika Musterfrau".into(),
        reply_to: "erika@example.com".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use once_sdk::types::ids::luhn_valid;
    use once_sdk::{Iccid, Imei};

    #[test]
    fn identifiers_are_valid_unique_and_deterministic() {
        let today = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default();
        let a = sims(500, 7, today);
        let b = sims(500, 7, today);
        let c = sims(500, 8, today);
        assert_eq!(
            a.iter().map(|s| &s.iccid).collect::<Vec<_>>(),
            b.iter().map(|s| &s.iccid).collect::<Vec<_>>()
        );
        assert_eq!(a[0].iccid, "8988280666000000000");
        assert_eq!(a[0].iccid, c[0].iccid);
        assert_ne!(a[0].imsi, c[0].imsi);
        let mut seen = std::collections::HashSet::new();
        let mut imeisv = 0;
        for s in &a {
            assert!(s.iccid.starts_with("8988") && s.iccid.len() == 19);
            assert!(s.iccid.parse::<Iccid>().is_ok());
            assert!(luhn_valid(&s.iccid_with_luhn) && s.iccid_with_luhn.len() == 20);
            assert!(s.iccid_with_luhn.parse::<Iccid>().is_ok());
            assert_eq!(s.imsi.len(), 15);
            assert_eq!(s.msisdn.len(), 15);
            if let Some(imei) = &s.imei {
                assert!(imei.parse::<Imei>().is_ok(), "{imei}");
                imeisv += usize::from(imei.len() == 16);
            }
            assert!(seen.insert(s.iccid.clone()));
            assert!(seen.insert(s.ip_address.clone()));
            assert!(seen.insert(s.msisdn.clone()));
        }
        assert!(imeisv > 0);
    }
}
