//! Property tests: identifiers round-trip, Luhn accepts exactly the right
//! check digit, timestamps survive every shape, pagination streams return
//! every item exactly once for any total and page size.

mod common;

use common::*;
use futures::TryStreamExt;
use once_sdk::types::ids::{luhn_check_digit, luhn_valid};
use once_sdk::{Iccid, Imei, Timestamp};
use proptest::prelude::*;
use wiremock::matchers::{method, path};
use wiremock::{Mock, Request, Respond, ResponseTemplate};

proptest! {
    #[test]
    fn iccid_parse_display_round_trip(body in "[0-9]{17}") {
        let s = format!("89{body}");
        let iccid: Iccid = s.parse().unwrap();
        prop_assert_eq!(iccid.to_string(), s.clone());
        let json = serde_json::to_string(&iccid).unwrap();
        prop_assert_eq!(serde_json::from_str::<Iccid>(&json).unwrap(), iccid);
        // The 20-digit form is valid exactly with its Luhn digit.
        let check = luhn_check_digit(&s).unwrap();
        for d in 0..=9u8 {
            prop_assert_eq!(format!("{s}{d}").parse::<Iccid>().is_ok(), d == check);
        }
    }

    #[test]
    fn imei_accepts_exactly_the_luhn_digit(body in "[0-9]{14}") {
        let check = luhn_check_digit(&body).unwrap();
        for d in 0..=9u8 {
            let s = format!("{body}{d}");
            prop_assert_eq!(s.parse::<Imei>().is_ok(), d == check, "{}", s);
            prop_assert_eq!(luhn_valid(&s), d == check);
        }
        let imei: Imei = format!("{body}{check}").parse().unwrap();
        prop_assert_eq!(imei.to_string(), format!("{body}{check}"));
    }

    #[test]
    fn ids_reject_anything_but_digits(s in "\\PC{0,25}") {
        let digits = !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if !digits {
            prop_assert!(s.parse::<Iccid>().is_err());
            prop_assert!(s.parse::<Imei>().is_err());
        }
    }

    #[test]
    fn timestamps_survive_every_shape(secs in 0i64..4_102_444_800, millis in 0u32..1000) {
        let t = chrono::DateTime::from_timestamp(secs, millis * 1_000_000).unwrap();
        let shapes = [
            t.format("%Y-%m-%dT%H:%M:%S%.3f+0000").to_string(),
            t.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string(),
            t.to_rfc3339(),
        ];
        for s in shapes {
            let parsed: Timestamp = s.parse().unwrap();
            prop_assert_eq!(parsed.as_datetime(), t);
        }
        let zone_less = t.format("%Y-%m-%d %H:%M:%S").to_string();
        let parsed: Timestamp = zone_less.parse().unwrap();
        prop_assert_eq!(parsed.timestamp(), secs);
    }

    #[test]
    fn timestamp_parser_never_panics(s in "\\PC{0,40}") {
        let _ = Timestamp::parse_lenient(&s);
    }
}

/// Serves `total` SIMs in pages of the requested size, with 1NCE's headers.
struct Fleet {
    total: u32,
}

impl Respond for Fleet {
    fn respond(&self, req: &Request) -> ResponseTemplate {
        let q = |k: &str| {
            req.url
                .query_pairs()
                .find(|(key, _)| key == k)
                .and_then(|(_, v)| v.parse::<u32>().ok())
        };
        let page = q("page").unwrap_or(1);
        let size = q("pageSize").unwrap_or(10);
        let start = (page - 1) * size;
        let sims: Vec<_> = (start..self.total.min(start + size))
            .map(|i| serde_json::json!({"iccid": format!("89882806660{i:08}")}))
            .collect();
        ResponseTemplate::new(200)
            .insert_header("X-Total-Count", self.total.to_string())
            .insert_header("X-Total-Pages", self.total.div_ceil(size).to_string())
            .insert_header("X-Current-Page", page.to_string())
            .insert_header("X-Count-Per-Page", size.to_string())
            .set_body_json(sims)
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]
    #[test]
    fn streams_return_every_sim_exactly_once(total in 0u32..260, size in 1u32..=100) {
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        let got: Vec<String> = rt.block_on(async {
            let server = server().await;
            Mock::given(method("GET")).and(path("/v2/sims")).respond_with(Fleet { total }).mount(&server).await;
            let sims: Vec<_> = client(&server).sims().list().page_size(size).stream().try_collect().await.unwrap();
            sims.into_iter().map(|s| s.iccid.to_string()).collect()
        });
        let want: Vec<String> = (0..total).map(|i| format!("89882806660{i:08}")).collect();
        prop_assert_eq!(got, want);
    }
}
