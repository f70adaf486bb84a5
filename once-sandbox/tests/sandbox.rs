//! The sandbox, driven through the SDK where the SDK has the operation and
//! through plain HTTP + JSON for the rest.

use std::collections::HashSet;
use std::time::Duration;

use futures::TryStreamExt;
use once_sandbox::{Fault, FaultKind, Sandbox};
use once_sdk::{Client, Credentials, Error, Iccid, RateLimits, RetryPolicy, SimStatus};
use reqwest::header::HeaderMap;
use serde_json::{json, Value};

/// Fast, deterministic retries.
fn fast_retries() -> RetryPolicy {
    RetryPolicy::default()
        .jitter(false)
        .initial_delay(Duration::from_millis(1))
        .max_delay(Duration::from_millis(5))
}

fn client(sb: &Sandbox) -> Client {
    sb.client_builder()
        .retry_policy(fast_retries())
        .build()
        .expect("client builds")
}

fn client_without_retries(sb: &Sandbox) -> Client {
    sb.client_builder()
        .retry_policy(RetryPolicy::disabled())
        .rate_limits(RateLimits::unlimited())
        .build()
        .expect("client builds")
}

async fn sandbox(sims: usize) -> Sandbox {
    Sandbox::builder()
        .sims(sims)
        .seed(7)
        .rate_limit_factor(100.0)
        .start()
        .await
        .expect("sandbox starts")
}

/// Plain HTTP against the sandbox with a token of its own.
struct Raw {
    http: reqwest::Client,
    base: String,
    token: String,
}

struct Answer {
    status: u16,
    headers: HeaderMap,
    text: String,
}

impl Answer {
    fn json(&self) -> Value {
        serde_json::from_str(&self.text).unwrap_or_else(|e| panic!("{e}: {}", self.text))
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

impl Raw {
    async fn new(sb: &Sandbox) -> Raw {
        let http = reqwest::Client::builder().no_proxy().build().unwrap();
        let creds = sb.credentials();
        let resp = http
            .post(format!("{}/oauth/token", sb.base_url()))
            .basic_auth(creds.client_id(), Some(creds.expose_secret()))
            .header("content-type", "application/json")
            .body(r#"{"grant_type":"client_credentials"}"#)
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), 200);
        let body: Value = serde_json::from_slice(&resp.bytes().await.unwrap()).unwrap();
        assert_eq!(body["token_type"], "bearer");
        assert!(body["expires_in"].is_u64());
        assert_eq!(body["status_code"], 200);
        let token = body["access_token"].as_str().unwrap().to_string();
        assert!(token.len() >= 3000, "tokens are long, like 1NCE's");
        Raw {
            http,
            base: sb.base_url().to_string(),
            token,
        }
    }

    async fn send(&self, method: &str, path: &str, body: Option<Value>) -> Answer {
        let url = format!("{}{path}", self.base);
        let mut req = self
            .http
            .request(method.parse().unwrap(), url)
            .bearer_auth(&self.token)
            .header("accept", "application/json");
        if let Some(b) = body {
            req = req
                .header("content-type", "application/json")
                .body(b.to_string());
        }
        let resp = req.send().await.expect("request sent");
        let status = resp.status().as_u16();
        let headers = resp.headers().clone();
        let text = resp.text().await.expect("body read");
        Answer {
            status,
            headers,
            text,
        }
    }

    async fn get(&self, path: &str) -> Answer {
        self.send("GET", path, None).await
    }

    async fn post(&self, path: &str, body: Value) -> Answer {
        self.send("POST", path, Some(body)).await
    }

    async fn post_empty(&self, path: &str) -> Answer {
        self.send("POST", path, None).await
    }
}

#[tokio::test]
async fn same_seed_same_fleet_other_seed_other_fleet() {
    let a = sandbox(30).await;
    let b = sandbox(30).await;
    let c = Sandbox::builder().sims(30).seed(8).start().await.unwrap();
    let list = |sb: &Sandbox| {
        let client = client(sb);
        async move {
            client
                .sims()
                .list()
                .page_size(30)
                .send()
                .await
                .unwrap()
                .items
        }
    };
    let (sa, sb_, sc) = (list(&a).await, list(&b).await, list(&c).await);
    assert_eq!(sa.len(), 30);
    assert_eq!(sa, sb_);
    // ICCIDs are sequential from the documents' example ICCID; the rest
    // comes from the seed.
    assert_eq!(sa[0].iccid.as_str(), "8988280666000000000");
    assert_eq!(sa[29].iccid.as_str(), "8988280666000000029");
    assert_eq!(sa[0].iccid, sc[0].iccid);
    assert_ne!(
        sa.iter()
            .map(|s| (&s.imsi, &s.imei, &s.label))
            .collect::<Vec<_>>(),
        sc.iter()
            .map(|s| (&s.imsi, &s.imei, &s.label))
            .collect::<Vec<_>>()
    );
    assert_eq!(
        sa.iter().map(|s| s.iccid.clone()).collect::<Vec<_>>(),
        a.iccids()
    );
    for sim in &sa {
        // Every ICCID and IMEI the sandbox hands out passes the SDK's checks.
        assert!(sim.iccid.as_str().parse::<Iccid>().is_ok());
        assert!(sim.iccid.as_str().starts_with("8988"));
        let luhn = sim.iccid_with_luhn.as_deref().unwrap();
        assert!(luhn.parse::<Iccid>().is_ok() && luhn.len() == 20);
        if let Some(imei) = &sim.imei {
            assert!(imei.as_str().parse::<once_sdk::Imei>().is_ok(), "{imei:?}");
        }
        assert!(sim.status.is_some() && sim.msisdn.is_some() && sim.ip_address.is_some());
    }
}

#[tokio::test]
async fn pagination_over_1000_sims_returns_each_exactly_once() {
    let sb = sandbox(1000).await;
    let client = client(&sb);
    let all: Vec<_> = client
        .sims()
        .list()
        .page_size(100)
        .stream()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(all.len(), 1000);
    let unique: HashSet<_> = all.iter().map(|s| s.iccid.clone()).collect();
    assert_eq!(unique.len(), 1000);
    assert_eq!(
        all.iter().map(|s| s.iccid.clone()).collect::<Vec<_>>(),
        sb.iccids()
    );
    // Ten pages of 100, one token.
    assert_eq!(sb.stats().requests_to("GET", "/v2/sims"), 10);
    assert_eq!(sb.stats().token_requests, 1);

    let page = client
        .sims()
        .list()
        .page(3)
        .page_size(7)
        .send()
        .await
        .unwrap();
    assert_eq!(page.total_count, Some(1000));
    assert_eq!(page.total_pages, Some(143));
    assert_eq!(page.items[0].iccid, sb.iccids()[14]);

    let raw = Raw::new(&sb).await;
    let a = raw.get("/v1/sims?page=2&pageSize=100").await;
    assert_eq!(a.status, 200);
    assert_eq!(a.header("x-total-count"), Some("1000"));
    assert_eq!(a.header("x-total-pages"), Some("10"));
    assert_eq!(a.header("x-current-page"), Some("2"));
    assert_eq!(a.header("x-count-per-page"), Some("100"));
    assert_eq!(a.json().as_array().unwrap().len(), 100);
    // Past the end: an empty page.
    assert_eq!(
        raw.get("/v2/sims?page=11&pageSize=100").await.json(),
        json!([])
    );
}

#[tokio::test]
async fn page_size_limits_are_enforced_with_the_spec_error_bodies() {
    let sb = sandbox(3).await;
    let raw = Raw::new(&sb).await;
    let iccid = sb.iccids()[0].to_string();
    let v2 = raw.get("/v2/sims?pageSize=101").await;
    assert_eq!(v2.status, 400);
    assert_eq!(
        v2.json(),
        json!({"error_code": 1000, "error_token": "BadRequest", "message": "pageSize must be between 1 and 100"})
    );
    let v1 = raw.get("/v1/sims?pageSize=0").await;
    assert_eq!(v1.status, 422);
    assert_eq!(v1.json()["statusCode"], 422);
    assert_eq!(v1.json()["errorCode"], "ValidationError");
    let bad = raw.get("/v2/sims?page=abc").await;
    assert_eq!(bad.status, 400);
    assert_eq!(
        bad.json()["message"],
        "Cannot parse parameter page as Int: For Input String \"abc\""
    );
    for (path, ok, too_big) in [
        (format!("/v1/sims/{iccid}/events"), 1000, 1001),
        (format!("/v2/sims/{iccid}/events"), 1000, 1001),
        (format!("/v1/sims/{iccid}/sms"), 100, 101),
        ("/v1/orders".to_string(), 10, 11),
        ("/v1/support".to_string(), 100, 101),
    ] {
        let a = raw.get(&format!("{path}?pageSize={ok}")).await;
        assert_eq!(a.status, 200, "{path} {}", a.text);
        let b = raw.get(&format!("{path}?pageSize={too_big}")).await;
        assert!(matches!(b.status, 400 | 422), "{path}: {}", b.status);
        assert!(
            b.text.contains(&format!("between 1 and {ok}")),
            "{}",
            b.text
        );
    }
    let a = raw
        .get(&format!("/v2/sims/{iccid}/sms?per_page=1000"))
        .await;
    assert_eq!(a.status, 200);
    let b = raw
        .get(&format!("/v2/sims/{iccid}/sms?per_page=1001"))
        .await;
    assert_eq!(b.status, 400);
    assert!(b.text.contains("per_page must be between 1 and 1000"));
    // Default page sizes: support lists one case per page.
    let support = raw.get("/v1/support").await;
    assert_eq!(support.header("x-count-per-page"), Some("1"));
}

#[tokio::test]
async fn quotas_go_down_with_usage_and_up_with_top_ups() {
    let sb = sandbox(5).await;
    let client = client(&sb);
    let raw = Raw::new(&sb).await;
    let ids = sb.iccids();
    let iccid = &ids[0];

    let before = client.sims().data_quota(iccid).await.unwrap();
    let v = before.volume.unwrap();
    let left = sb.consume_data(iccid, 12.5).unwrap();
    assert!((left - (v - 12.5)).abs() < 1e-6);
    let after = client.sims().data_quota(iccid).await.unwrap();
    assert!((after.volume.unwrap() - (v - 12.5)).abs() < 1e-6);

    // Today's usage shows the 12.5 MB, and the TOTAL row sums the days.
    let today = chrono::Utc::now().date_naive();
    let usage = raw
        .get(&format!(
            "/v1/sims/{iccid}/usage?start_dt={today}&end_dt={today}"
        ))
        .await
        .json();
    let rows = usage["stats"].as_array().unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["date"], format!("{today}T00:00:00.000Z"));
    assert_eq!(rows[0]["data"]["volume"], "12.500000");
    assert_eq!(rows[1]["date"], "TOTAL");

    // v2 top-up: +500 MB and +250 SMS, with an order behind it.
    let sms_before = client
        .sims()
        .sms_quota(iccid)
        .await
        .unwrap()
        .volume
        .unwrap();
    let t = raw.post_empty(&format!("/v2/sims/{iccid}/topup")).await;
    assert_eq!(t.status, 201, "{}", t.text);
    assert_eq!(t.text, "");
    let location = t.header("location").unwrap().to_string();
    assert!(location.starts_with(&format!("{}/v1/orders/", sb.base_url())));
    let q = client.sims().data_quota(iccid).await.unwrap();
    assert!((q.volume.unwrap() - (v - 12.5 + 500.0)).abs() < 1e-6);
    assert_eq!(q.last_volume_added, Some(500.0));
    assert_eq!(q.total_volume, q.volume);
    let sms = client.sims().sms_quota(iccid).await.unwrap();
    assert_eq!(sms.volume, Some(sms_before + 250.0));
    let order_path = location.trim_start_matches(sb.base_url());
    let order = raw.get(order_path).await.json();
    assert_eq!(order["order_type"], "TOPUP");
    assert_eq!(order["sims"][0]["iccid"], iccid.as_str());

    // v1 single and multiple top-ups.
    let a = raw
        .post_empty(&format!("/v1/sims/{iccid}/topup?payment_method=creditcard"))
        .await;
    assert_eq!(a.status, 201);
    let m = raw
        .post("/v1/sims/topup", json!([ids[1].as_str(), ids[2].as_str()]))
        .await;
    assert_eq!(m.status, 201);
    let bulk = raw
        .get(
            m.header("location")
                .unwrap()
                .trim_start_matches(sb.base_url()),
        )
        .await
        .json();
    assert_eq!(bulk["order_type"], "BULK_TOPUP");
    assert_eq!(bulk["invoice_amount"], "20.00");
    let q = raw
        .get(&format!("/v1/sims/{iccid}/quota/data"))
        .await
        .json();
    assert!((q["volume"].as_f64().unwrap() - (v - 12.5 + 1000.0)).abs() < 1e-6);
    assert_eq!(sb.stats().top_ups_applied, 4);

    // A bad payment method changes nothing.
    let bad = raw
        .post_empty(&format!("/v2/sims/{iccid}/topup?payment_method=cash"))
        .await;
    assert_eq!(bad.status, 400);
    assert_eq!(
        bad.json(),
        json!({"message": "Payment method used is not valid."})
    );
    assert_eq!(sb.stats().top_ups_applied, 4);

    // SMS used by the device.
    let sms_now = client
        .sims()
        .sms_quota(iccid)
        .await
        .unwrap()
        .volume
        .unwrap();
    assert_eq!(sb.consume_sms(iccid, 3).unwrap(), sms_now - 3.0);
    assert_eq!(
        client.sims().sms_quota(iccid).await.unwrap().volume,
        Some(sms_now - 3.0)
    );
    assert!(sb.consume_data("8988280666999999999", 1.0).is_err());
}

#[tokio::test]
async fn running_out_records_events_and_auto_top_up_refills() {
    let sb = sandbox(3).await;
    let client = client(&sb);
    let raw = Raw::new(&sb).await;
    let iccid = sb.iccids()[1].clone();
    let q = client.sims().data_quota(&iccid).await.unwrap();
    sb.consume_data(&iccid, q.volume.unwrap() + 1.0).unwrap();
    let q = client.sims().data_quota(&iccid).await.unwrap();
    assert_eq!(q.status.unwrap().description.unwrap().as_str(), "EXHAUSTED");
    let sim = client.sims().get(&iccid).await.unwrap();
    assert_eq!(sim.quota_status.unwrap().id, Some(2));
    let status = raw.get(&format!("/v2/sims/{iccid}/status")).await.json();
    assert_eq!(status["data_traffic_limit_state"]["description"], "REACHED");
    let events = raw
        .get(&format!(
            "/v2/sims/{iccid}/events?pageSize=1000&sort=-timestamp"
        ))
        .await
        .json();
    assert_eq!(
        events[0]["event_type"]["description"],
        "Data quota exhausted"
    );
    assert_eq!(events[0]["alert"], true);

    let a = raw
        .post(
            "/v1/sims/autoTopup",
            json!({"enabled": true, "iccids": [iccid.as_str()]}),
        )
        .await;
    assert_eq!(a.status, 201);
    client.sims().data_quota(&iccid).await.unwrap();
    // Top up once by hand, then run it dry again: auto top-up refills it.
    raw.post_empty(&format!("/v2/sims/{iccid}/topup")).await;
    let v = client
        .sims()
        .data_quota(&iccid)
        .await
        .unwrap()
        .volume
        .unwrap();
    // The device cannot use more than is left: 0 MB, then +500 MB.
    let left = sb.consume_data(&iccid, v + 0.5).unwrap();
    assert!((left - 500.0).abs() < 1e-6, "{left}");
    let stats = sb.stats();
    assert_eq!(stats.auto_top_ups, 1);
    assert_eq!(stats.top_ups_applied, 2);
}

#[tokio::test]
async fn sms_lifecycle_v2_and_v1() {
    let sb = sandbox(3).await;
    let client = client(&sb);
    let raw = Raw::new(&sb).await;
    let iccid = sb.iccids()[0].clone();
    let sms_before = client
        .sims()
        .sms_quota(&iccid)
        .await
        .unwrap()
        .volume
        .unwrap();

    let sent = raw
        .post(
            &format!("/v2/sims/{iccid}/sms"),
            json!({"payload": "ping", "source_address": "1234", "source_address_type": {"id": 145}}),
        )
        .await;
    assert_eq!(sent.status, 201);
    let id = sent.json()["id"].as_str().unwrap().to_string();
    let list = raw.get(&format!("/v2/sims/{iccid}/sms")).await.json();
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["payload"], "ping");
    assert_eq!(list[0]["id"].to_string(), id);
    assert_eq!(list[0]["sms_type"], json!({"id": 1, "description": "MT"}));
    assert_eq!(list[0]["source_address_type"]["id"], 145);
    let one = raw.get(&format!("/v2/sims/{iccid}/sms/{id}")).await.json();
    assert!(matches!(one["status"]["id"].as_u64(), Some(2 | 4)));
    assert_eq!(
        client.sims().sms_quota(&iccid).await.unwrap().volume,
        Some(sms_before - 1.0)
    );

    // v1: 201 with an empty body; the list speaks v1's shape.
    let v1 = raw
        .post(&format!("/v1/sims/{iccid}/sms"), json!({"payload": "pong"}))
        .await;
    assert_eq!((v1.status, v1.text.as_str()), (201, ""));
    let list = raw
        .get(&format!("/v1/sims/{iccid}/sms?sort=-id"))
        .await
        .json();
    assert_eq!(list[0]["payload"], "pong");
    assert_eq!(list[0]["retry_count"], "0");
    let v1_id = list[0]["id"].as_u64().unwrap();
    let one = raw.get(&format!("/v1/sims/{iccid}/sms/{v1_id}")).await;
    assert_eq!(one.json()["iccid"], iccid.as_str());

    // Delete both.
    let d = raw
        .send("DELETE", &format!("/v2/sims/{iccid}/sms/{id}"), None)
        .await;
    assert_eq!((d.status, d.json()), (200, json!({"id": id})));
    let d = raw
        .send("DELETE", &format!("/v1/sims/{iccid}/sms/{v1_id}"), None)
        .await;
    assert_eq!(d.status, 200);
    assert_eq!(
        raw.get(&format!("/v2/sims/{iccid}/sms")).await.json(),
        json!([])
    );
    let gone = raw.get(&format!("/v2/sims/{iccid}/sms/{id}")).await;
    assert_eq!(gone.status, 404);
    assert_eq!(gone.json()["error_token"], "NotFound");
    assert_eq!(sb.stats().sms_sent, 2);

    // Bad input is refused in the version's error shape.
    let bad = raw
        .post(
            &format!("/v2/sims/{iccid}/sms"),
            json!({"payload": "", "dcs": 3}),
        )
        .await;
    assert_eq!(bad.status, 400);
    assert_eq!(bad.json()["error_token"], "BadRequest");
    let bad = raw
        .post(
            &format!("/v1/sims/{iccid}/sms"),
            json!({"payload": "x", "dcs": 3}),
        )
        .await;
    assert_eq!(bad.status, 422);
    assert_eq!(bad.json()["message"], "dcs must be 0, 4 or 8");
    assert_eq!(sb.stats().sms_sent, 2);
}

#[tokio::test]
async fn sim_updates_v2_through_the_sdk_and_v1_by_hand() {
    let sb = sandbox(4).await;
    let client = client(&sb);
    let raw = Raw::new(&sb).await;
    let ids = sb.iccids();
    client
        .sims()
        .update(&ids[0])
        .label("pump-17")
        .status(SimStatus::Disabled)
        .send()
        .await
        .unwrap();
    let sim = client.sims().get(&ids[0]).await.unwrap();
    assert_eq!(sim.label.as_deref(), Some("pump-17"));
    assert_eq!(sim.status, Some(SimStatus::Disabled));
    let events = raw
        .get(&format!("/v1/sims/{}/events?sort=-timestamp", ids[0]))
        .await
        .json();
    assert_eq!(
        events["events"][0]["event_type"],
        "Status of SIM changed from 'Enabled' to 'Disabled'"
    );
    assert!(events["totalEvents"].as_u64().unwrap() >= 2);

    let put = raw
        .send(
            "PUT",
            &format!("/v1/sims/{}", ids[1]),
            Some(json!({"iccid": ids[1].as_str(), "label": "meter-1", "imei_lock": true})),
        )
        .await;
    assert_eq!(put.status, 200);
    let bulk = raw
        .post(
            "/v1/sims",
            json!([{"iccid": ids[2].as_str(), "label": "a"}, {"iccid": ids[3].as_str(), "status": "Enabled"}]),
        )
        .await;
    assert_eq!(bulk.status, 201);
    let s1 = raw.get(&format!("/v1/sims/{}", ids[1])).await.json();
    assert_eq!(
        (s1["label"].clone(), s1["imei_lock"].clone()),
        (json!("meter-1"), json!(true))
    );
    assert_eq!(
        client.sims().get(&ids[2]).await.unwrap().label.as_deref(),
        Some("a")
    );

    let bad = raw
        .send(
            "PUT",
            &format!("/v2/sims/{}", ids[0]),
            Some(json!({"status": "Paused"})),
        )
        .await;
    assert_eq!(bad.status, 400);
    assert_eq!(bad.json()["message"], "status must be Enabled or Disabled");
    let missing = client
        .sims()
        .get(&"8988280666999999999".parse().unwrap())
        .await
        .unwrap_err();
    assert_eq!(missing.status(), Some(404));
    assert_eq!(missing.code(), Some("NotFound"));
}

#[tokio::test]
async fn token_expiry_mid_run_is_survived_by_the_client() {
    let sb = sandbox(30).await;
    let client = client(&sb);
    let mut pages = client.sims().list().page_size(10).pages();
    let first = pages.try_next().await.unwrap().unwrap();
    sb.expire_tokens();
    let second = pages.try_next().await.unwrap().unwrap();
    let third = pages.try_next().await.unwrap().unwrap();
    assert_eq!(first.len() + second.len() + third.len(), 30);
    let stats = sb.stats();
    assert_eq!(stats.token_requests, 2);
    assert_eq!(stats.unauthorized, 1);
    // The rejected call carried the old token, the replay the new one.
    let log: Vec<_> = sb
        .requests()
        .into_iter()
        .filter(|r| r.path == "/v2/sims")
        .collect();
    assert_eq!(log.len(), 4);
    assert_eq!(log[1].status, Some(401));
    assert_eq!(
        log[1].header("authorization"),
        log[0].header("authorization")
    );
    assert_ne!(
        log[2].header("authorization"),
        log[1].header("authorization")
    );
    assert_eq!(log[2].header("accept"), Some("application/json"));

    // A short lifetime: every token is refused once it has lived it.
    sb.set_token_lifetime(Duration::ZERO);
    let raw = Raw::new(&sb).await;
    let a = raw.get("/v1/sims").await;
    assert_eq!(a.status, 401);
    let token = raw.post_empty("/oauth/token").await;
    assert_eq!(token.status, 400);
    assert_eq!(a.json()["error"], "Unauthorized");
    assert_eq!(a.json()["path"], "/management-api/v1/sims");
}

#[tokio::test]
async fn bad_credentials_are_an_auth_error_with_code_bad_credentials() {
    let sb = sandbox(1).await;
    let raw = Raw::new(&sb).await;
    assert_eq!(sb.stats().tokens_issued, 1);
    let missing = raw.post_empty("/oauth/token").await;
    assert_eq!(missing.json()["errorCode"], "UnsupportedContentTypeError");
    sb.reset_stats();
    let client = sb
        .client_builder()
        .credentials(Credentials::new("sandbox-client", "wrong"))
        .build()
        .unwrap();
    let err = client.sims().list().send().await.unwrap_err();
    assert!(matches!(err, Error::Auth { .. }), "{err:?}");
    assert_eq!(err.status(), Some(400));
    assert_eq!(err.code(), Some("BadCredentials"));
    let other = sb
        .client_builder()
        .credentials(Credentials::new("nobody", "x"))
        .build()
        .unwrap();
    let err = other.sims().list().send().await.unwrap_err();
    assert_eq!(err.message(), Some("User does not exist."));
    assert_eq!(sb.stats().tokens_issued, 0);
    assert_eq!(sb.stats().requests_to("GET", "/v2/sims"), 0);
}

#[tokio::test]
async fn rate_limits_answer_429_with_retry_after_scaled_or_off() {
    // Orders: 100 per 5 min × 0.05 = 5 per 5 min.
    let sb = Sandbox::builder()
        .sims(2)
        .rate_limit_factor(0.05)
        .start()
        .await
        .unwrap();
    let raw = Raw::new(&sb).await;
    for _ in 0..5 {
        assert_eq!(raw.get("/v1/orders").await.status, 200);
    }
    let limited = raw.get("/v1/orders").await;
    assert_eq!(limited.status, 429);
    let retry_after: u64 = limited.header("retry-after").unwrap().parse().unwrap();
    assert!((1..=300).contains(&retry_after), "{retry_after}");
    assert_eq!(limited.header("x-rate-limit-limit"), Some("5"));
    assert_eq!(limited.json(), json!({"message": "Too Many Requests"}));
    // Other groups are counted apart.
    assert_eq!(raw.get("/v1/products").await.status, 200);

    // The SDK reports it (retries off), with the server's Retry-After.
    let client = client_without_retries(&sb);
    let sims_limit = (0..40u32).map(|_| client.sims().list().send());
    let results = futures::future::join_all(sims_limit).await;
    let limited: Vec<_> = results.iter().filter_map(|r| r.as_ref().err()).collect();
    assert!(!limited.is_empty(), "40 concurrent calls against 1/s");
    assert!(limited
        .iter()
        .all(|e| matches!(e, Error::RateLimited { .. })));
    assert!(limited.iter().all(|e| e.retry_after().is_some()));
    assert_eq!(sb.stats().rate_limited as usize, limited.len() + 1);

    sb.set_rate_limit_factor(None);
    for _ in 0..10 {
        assert_eq!(raw.get("/v1/orders").await.status, 200);
    }
}

#[tokio::test]
async fn injected_status_hits_only_matching_requests_and_applies_nothing() {
    let sb = sandbox(2).await;
    let raw = Raw::new(&sb).await;
    let iccid = sb.iccids()[0].clone();
    sb.inject(
        Fault::status(503)
            .method("POST")
            .path("/v2/sims/*/topup")
            .times(2),
    );
    // Other requests pass.
    assert_eq!(raw.get(&format!("/v2/sims/{iccid}")).await.status, 200);
    for _ in 0..2 {
        let a = raw.post_empty(&format!("/v2/sims/{iccid}/topup")).await;
        assert_eq!(a.status, 503);
        assert_eq!(a.json()["error_token"], "ServiceUnavailable");
    }
    assert_eq!(sb.stats().top_ups_applied, 0);
    assert_eq!(
        raw.post_empty(&format!("/v2/sims/{iccid}/topup"))
            .await
            .status,
        201
    );
    assert_eq!(sb.stats().top_ups_applied, 1);
    assert_eq!(sb.stats().faults_injected, 2);
    assert!(sb.pending_faults().is_empty());
}

#[tokio::test]
async fn idempotent_sdk_calls_ride_out_transient_faults() {
    let sb = sandbox(2).await;
    let client = client(&sb);
    let iccid = sb.iccids()[0].clone();
    sb.inject(Fault::status(503).method("GET").path("/v2/sims/*").times(2));
    sb.inject(
        Fault::drop_connection()
            .method("GET")
            .path("/v2/sims/*/quota/data"),
    );
    sb.inject(Fault::html(502).path("/v2/sims/*/quota/sms"));
    assert_eq!(client.sims().get(&iccid).await.unwrap().iccid, iccid);
    assert!(client
        .sims()
        .data_quota(&iccid)
        .await
        .unwrap()
        .volume
        .is_some());
    assert!(client
        .sims()
        .sms_quota(&iccid)
        .await
        .unwrap()
        .volume
        .is_some());
    let s = sb.stats();
    assert_eq!(s.requests_to("GET", "/v2/sims/{iccid}"), 3);
    assert_eq!(s.requests_to("GET", "/v2/sims/{iccid}/quota/data"), 2);
    assert_eq!(s.requests_to("GET", "/v2/sims/{iccid}/quota/sms"), 2);
    let dropped: Vec<_> = sb
        .requests()
        .into_iter()
        .filter(|r| r.fault == Some(FaultKind::DropConnection))
        .collect();
    assert_eq!(dropped.len(), 1);
    assert_eq!(dropped[0].status, None);

    // A PUT applied before a 500 is retried, and the label is set (once, idempotently).
    sb.inject(Fault::apply_then_status(500).method("PUT"));
    client
        .sims()
        .update(&iccid)
        .label("x-1")
        .send()
        .await
        .unwrap();
    assert_eq!(s.requests_to("PUT", "/v2/sims/{iccid}"), 0);
    assert_eq!(sb.stats().requests_to("PUT", "/v2/sims/{iccid}"), 2);
    assert_eq!(
        client.sims().get(&iccid).await.unwrap().label.as_deref(),
        Some("x-1")
    );
}

#[tokio::test]
async fn faults_surface_as_the_errors_they_are() {
    let sb = sandbox(2).await;
    let client = client_without_retries(&sb);
    let iccid = sb.iccids()[0].clone();

    sb.inject(Fault::malformed_body().path("/v2/sims/*"));
    let err = client.sims().get(&iccid).await.unwrap_err();
    assert!(matches!(err, Error::Decode { status: 200, .. }), "{err:?}");

    sb.inject(Fault::html(502));
    let err = client.sims().get(&iccid).await.unwrap_err();
    assert_eq!(err.status(), Some(502));
    assert!(err.body().unwrap().contains("<html>"));

    sb.inject(Fault::rate_limited(Duration::from_secs(7)));
    let err = client.sims().get(&iccid).await.unwrap_err();
    assert_eq!(err.retry_after(), Some(Duration::from_secs(7)));
    sb.inject(Fault::rate_limited_without_retry_after());
    let err = client.sims().get(&iccid).await.unwrap_err();
    assert!(
        matches!(
            err,
            Error::RateLimited {
                retry_after: None,
                ..
            }
        ),
        "{err:?}"
    );

    sb.inject(Fault::truncated_body().path("/v2/sims/*"));
    let err = client.sims().get(&iccid).await.unwrap_err();
    assert!(
        matches!(err, Error::Transport { .. } | Error::Decode { .. }),
        "{err:?}"
    );

    let slow = sb
        .client_builder()
        .retry_policy(RetryPolicy::disabled())
        .attempt_timeout(Duration::from_millis(50))
        .build()
        .unwrap();
    sb.inject(Fault::delay(Duration::from_secs(30)).path("/v2/sims/*"));
    let err = slow.sims().get(&iccid).await.unwrap_err();
    assert!(err.is_timeout(), "{err:?}");

    // Fault on the token endpoint: the first token request fails.
    sb.inject(Fault::status(500).path("/oauth/token").always());
    let fresh = client_without_retries(&sb);
    assert_eq!(
        fresh.sims().get(&iccid).await.unwrap_err().status(),
        Some(500)
    );
    sb.clear_faults();
    assert!(fresh.sims().get(&iccid).await.is_ok());
}

#[tokio::test]
async fn apply_then_fail_proves_at_most_once() {
    let sb = sandbox(2).await;
    let raw = Raw::new(&sb).await;
    let client = client(&sb);
    let iccid = sb.iccids()[0].clone();
    let v = client
        .sims()
        .data_quota(&iccid)
        .await
        .unwrap()
        .volume
        .unwrap();

    // The top-up is applied, the answer is lost: the caller sees a broken
    // connection, the quota shows the top-up exactly once.
    sb.inject(
        Fault::apply_then_drop()
            .method("POST")
            .path("/v2/sims/*/topup"),
    );
    let err = raw
        .http
        .post(format!("{}/v2/sims/{iccid}/topup", sb.base_url()))
        .bearer_auth(&raw.token)
        .send()
        .await;
    assert!(err.is_err(), "{err:?}");
    assert_eq!(sb.stats().top_ups_applied, 1);
    let q = client.sims().data_quota(&iccid).await.unwrap();
    assert!((q.volume.unwrap() - (v + 500.0)).abs() < 1e-6);

    // An SMS accepted, then 500: it is in the list all the same.
    sb.inject(
        Fault::apply_then_status(500)
            .method("POST")
            .path("/v2/sims/*/sms"),
    );
    let a = raw
        .post(&format!("/v2/sims/{iccid}/sms"), json!({"payload": "once"}))
        .await;
    assert_eq!(a.status, 500);
    let list = raw.get(&format!("/v2/sims/{iccid}/sms")).await.json();
    assert_eq!(list.as_array().unwrap().len(), 1);

    // Truncated: the order exists though the answer broke off.
    sb.inject(Fault::truncated_body().method("POST").path("/v1/orders"));
    let order = json!({"products": [{"productId": 1001, "quantity": 2}],
        "delivery_address": {"first_name": "A", "last_name": "B", "street": "S", "house_number": "1",
            "zip": "1", "city": "C", "country": "DE"}});
    let r = raw
        .http
        .post(format!("{}/v1/orders", sb.base_url()))
        .bearer_auth(&raw.token)
        .header("content-type", "application/json")
        .body(order.to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    assert!(r.text().await.is_err());
    assert_eq!(sb.stats().orders_created, 1);
}

#[tokio::test]
async fn orders_products_and_support_keep_state() {
    let sb = sandbox(3).await;
    let raw = Raw::new(&sb).await;
    let products = raw.get("/v1/products").await.json();
    assert_eq!(products[0]["id"], 1001);
    assert!(products[0]["one_time_charges"][0]["amount_net"].is_number());

    let orders = raw.get("/v1/orders").await;
    assert_eq!(orders.header("x-total-count"), Some("1"));
    assert_eq!(orders.json()[0]["order_type"], "FIRST_ORDER");
    assert_eq!(orders.json()[0]["sims"].as_array().unwrap().len(), 3);

    let body = json!({"products": [{"productId": 1001, "quantity": 3}],
        "delivery_address": {"salutation": "1", "first_name": "Erika", "last_name": "M", "street": "S",
            "house_number": "1", "zip": "20095", "city": "Hamburg", "country": "DE"},
        "customer_reference": "PO-1"});
    let created = raw.post("/v1/orders", body.clone()).await;
    assert_eq!(created.status, 201);
    assert_eq!(created.json(), body);
    let n: u64 = created
        .header("location")
        .unwrap()
        .rsplit('/')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let order = raw.get(&format!("/v1/orders/{n}")).await.json();
    assert_eq!(order["invoice_amount"], "30.00");
    assert_eq!(
        order["products"],
        json!([{"product_id": 1001, "quantity": 3}])
    );
    let newest = raw
        .get("/v1/orders?sort=-order_number&pageSize=1")
        .await
        .json();
    assert_eq!(newest[0]["order_number"], n);
    let bad = raw
        .post(
            "/v1/orders",
            json!({"products": [{"productId": 9, "quantity": 1}]}),
        )
        .await;
    assert_eq!(bad.status, 422);
    assert_eq!(raw.get("/v1/orders/1").await.status, 404);
    assert_eq!(sb.stats().orders_created, 1);

    let case = raw
        .post(
            "/v1/support",
            json!({"replyToMail": "ops@example.com", "senderName": "Ops", "subject": "SIM offline", "text": "Help"}),
        )
        .await;
    assert_eq!(case.status, 201);
    let latest = raw.get("/v1/support").await;
    assert_eq!(latest.header("x-total-count"), Some("2"));
    assert_eq!(latest.json()[0]["subject"], "SIM offline");
    assert_eq!(latest.json()[0]["status"], "OPEN");
    assert_eq!(sb.stats().support_requests_created, 1);
}

#[tokio::test]
async fn v1_only_operations_limits_extension_transfer_reset_connectivity() {
    let sb = sandbox(5).await;
    let raw = Raw::new(&sb).await;
    let ids = sb.iccids();

    let limits = raw.get("/v1/sims/limits").await.json();
    assert_eq!(limits["data"]["unit"], "MB");
    let set = raw
        .post(
            "/v1/sims/limits",
            json!({"dataLimitId": 2, "smsMtLimitId": 1}),
        )
        .await;
    assert_eq!(set.status, 201);
    let limits = raw.get("/v1/sims/limits").await.json();
    assert_eq!(
        limits["data"],
        json!({"id": 2, "limit": "16", "unit": "MB"})
    );
    assert_eq!(limits["smsMt"]["limit"], "10");
    assert_eq!(
        raw.get("/v1/sims/smsMT/limits").await.json(),
        json!({"smsMt": limits["smsMt"]})
    );
    assert_eq!(
        raw.post("/v1/sims/limits", json!({"dataLimitId": 99}))
            .await
            .status,
        422
    );

    let before = raw
        .get(&format!("/v1/sims/{}/quota/data", ids[0]))
        .await
        .json();
    let ext = raw
        .post(
            "/v1/sims/extension",
            json!({"iccids": [ids[0].as_str()], "productId": 3001}),
        )
        .await;
    assert_eq!(ext.status, 201);
    let after = raw
        .get(&format!("/v1/sims/{}/quota/data", ids[0]))
        .await
        .json();
    assert!(after["expiry_date"].as_str() > before["expiry_date"].as_str());

    let reset = raw.post_empty(&format!("/v2/sims/{}/reset", ids[1])).await;
    assert_eq!(reset.status, 201);
    let events = raw
        .get(&format!("/v2/sims/{}/events?sort=-timestamp", ids[1]))
        .await
        .json();
    let kinds: Vec<_> = events
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["event_type"]["description"].as_str().unwrap().to_string())
        .collect();
    assert!(
        kinds.contains(&"Connectivity reset".to_string()),
        "{kinds:?}"
    );
    assert_eq!(
        raw.post_empty(&format!("/v1/sims/{}/reset", ids[1]))
            .await
            .status,
        201
    );

    let status = raw.get(&format!("/v1/sims/{}/status", ids[2])).await.json();
    assert!(matches!(
        status["status"].as_str(),
        Some("ONLINE" | "ATTACHED" | "OFFLINE")
    ));
    assert_eq!(status["location"]["iccid"], ids[2].as_str());
    let info = raw
        .get(&format!("/v1/sims/{}/connectivity_info?ussd=true", ids[2]))
        .await
        .json();
    assert!(info["subscriber_info"]["success"].as_bool().unwrap());
    assert!(info["ussd_info"].is_object());
    let info = raw
        .get(&format!(
            "/v1/sims/{}/connectivity_info?subscriber=false",
            ids[2]
        ))
        .await
        .json();
    assert!(info.get("subscriber_info").is_none() && info.get("ussd_info").is_none());

    let transfer = raw
        .post(
            "/v1/sims/simTransfer",
            json!({"target_organisation": 2000000001u64, "iccids": [ids[3].as_str()],
                   "iccid_ranges": [{"from": ids[4].as_str(), "to": ids[4].as_str()}]}),
        )
        .await;
    assert_eq!(transfer.status, 201, "{}", transfer.text);
    assert_eq!(sb.iccids().len(), 3);
    assert_eq!(raw.get(&format!("/v1/sims/{}", ids[3])).await.status, 404);
    assert_eq!(raw.get("/v2/sims").await.header("x-total-count"), Some("3"));
    // An unknown ICCID anywhere in a transfer changes nothing.
    let bad = raw
        .post(
            "/v1/sims/simTransfer",
            json!({"target_organisation": 1, "iccids": [ids[0].as_str(), "8988280666999999999"]}),
        )
        .await;
    assert_eq!(bad.status, 404);
    assert_eq!(sb.iccids().len(), 3);
}

#[tokio::test]
async fn served_under_management_api_too_and_stops_on_shutdown() {
    let sb = sandbox(2).await;
    let raw = Raw::new(&sb).await;
    let a = raw.get("/management-api/v2/sims").await;
    assert_eq!(a.status, 200);
    assert_eq!(raw.get("/v3/nothing").await.status, 404);
    let base = sb.base_url().to_string();
    sb.shutdown().await;
    let after = reqwest::Client::builder()
        .no_proxy()
        .build()
        .unwrap()
        .get(format!("{base}/v2/sims"))
        .send()
        .await;
    assert!(after.is_err());
}

#[tokio::test]
async fn expired_sims_refuse_changes_until_extended() {
    let sb = sandbox(2).await;
    let raw = Raw::new(&sb).await;
    let client = client(&sb);
    let iccid = sb.iccids()[0].clone();
    sb.expire_sim(&iccid).unwrap();
    let q = client.sims().data_quota(&iccid).await.unwrap();
    assert_eq!(q.status.unwrap().description.unwrap().as_str(), "EXPIRED");
    let v1 = raw.post_empty(&format!("/v1/sims/{iccid}/topup")).await;
    assert_eq!(v1.status, 422);
    assert_eq!(v1.json()["errorCode"], "SimExpired");
    let v2 = raw
        .post(&format!("/v2/sims/{iccid}/sms"), json!({"payload": "hi"}))
        .await;
    assert_eq!(v2.status, 409);
    assert_eq!(v2.json()["error_token"], "Conflict");
    let err = client
        .sims()
        .update(&iccid)
        .label("x")
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(409));
    assert_eq!((sb.stats().top_ups_applied, sb.stats().sms_sent), (0, 0));

    let ext = raw
        .post(
            "/v1/sims/extension",
            json!({"iccids": [iccid.as_str()], "productId": 3001}),
        )
        .await;
    assert_eq!(ext.status, 201);
    assert_eq!(
        raw.post_empty(&format!("/v2/sims/{iccid}/topup"))
            .await
            .status,
        201
    );
}

#[tokio::test]
async fn the_binary_prints_its_base_url_and_credentials_and_serves() {
    use tokio::io::AsyncBufReadExt;
    let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_once-sandbox"))
        .args(["--port", "0", "--sims", "12", "--seed", "7"])
        .stdout(std::process::Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("once-sandbox starts");
    let mut lines = tokio::io::BufReader::new(child.stdout.take().unwrap()).lines();
    let mut vars = std::collections::HashMap::new();
    while vars.len() < 3 {
        let line = lines
            .next_line()
            .await
            .unwrap()
            .expect("the binary prints its settings");
        if let Some((k, v)) = line.split_once('=') {
            if k.starts_with("ONCE_") {
                vars.insert(k.to_string(), v.to_string());
            }
        }
    }
    let client = Client::builder()
        .credentials(Credentials::new(
            &vars["ONCE_CLIENT_ID"],
            &vars["ONCE_CLIENT_SECRET"],
        ))
        .base_url(&vars["ONCE_BASE_URL"])
        .no_proxy()
        .build()
        .unwrap();
    let page = client.sims().list().page_size(100).send().await.unwrap();
    assert_eq!(page.total_count, Some(12));
    // Same seed, same fleet as the library's.
    let lib = sandbox(12).await;
    assert_eq!(
        page.items
            .iter()
            .map(|s| s.iccid.clone())
            .collect::<Vec<_>>(),
        lib.iccids()
    );
    child.kill().await.unwrap();
}

#[tokio::test]
async fn secrets_stay_out_of_debug_output() {
    let builder = Sandbox::builder().credentials("ops", "s3cret-value");
    assert!(!format!("{builder:?}").contains("s3cret-value"));
    let sb = builder.start().await.unwrap();
    assert!(!format!("{sb:?}").contains("s3cret-value"));
    assert_eq!(sb.credentials().expose_secret(), "s3cret-value");
    assert!(!format!("{:?}", sb.credentials()).contains("s3cret-value"));
}

#[tokio::test]
async fn every_operation_of_the_specs_answers_2xx() {
    let sb = sandbox(6).await;
    let raw = Raw::new(&sb).await;
    let ids: Vec<String> = sb.iccids().iter().map(|i| i.to_string()).collect();
    let (a, b) = (&ids[0], &ids[1]);
    let sms_v2 = raw
        .post(&format!("/v2/sims/{a}/sms"), json!({"payload": "v2"}))
        .await
        .json()["id"]
        .as_str()
        .unwrap()
        .to_string();
    raw.post(&format!("/v1/sims/{a}/sms"), json!({"payload": "v1"}))
        .await;
    let sms_v1 = raw.get(&format!("/v1/sims/{a}/sms?sort=-id")).await.json()[0]["id"].to_string();
    let address = json!({"first_name": "A", "last_name": "B", "street": "S", "house_number": "1",
        "zip": "1", "city": "C", "country": "DE"});
    let rows: Vec<(&str, String, Option<Value>)> = vec![
        ("GET", "/v1/sims".into(), None),
        (
            "POST",
            "/v1/sims".into(),
            Some(json!([{"iccid": a, "label": "l"}])),
        ),
        ("GET", format!("/v1/sims/{a}"), None),
        (
            "PUT",
            format!("/v1/sims/{a}"),
            Some(json!({"iccid": a, "imei_lock": false})),
        ),
        ("GET", format!("/v1/sims/{a}/status"), None),
        ("GET", format!("/v1/sims/{a}/connectivity_info"), None),
        ("POST", format!("/v1/sims/{a}/reset"), None),
        ("GET", format!("/v1/sims/{a}/events"), None),
        ("GET", format!("/v1/sims/{a}/usage"), None),
        ("GET", format!("/v1/sims/{a}/quota/data"), None),
        ("GET", format!("/v1/sims/{a}/quota/sms"), None),
        ("GET", format!("/v1/sims/{a}/sms"), None),
        ("GET", format!("/v1/sims/{a}/sms/{sms_v1}"), None),
        ("DELETE", format!("/v1/sims/{a}/sms/{sms_v1}"), None),
        ("POST", format!("/v1/sims/{a}/topup"), None),
        ("POST", "/v1/sims/topup".into(), Some(json!([a, b]))),
        (
            "POST",
            "/v1/sims/autoTopup".into(),
            Some(json!({"enabled": true, "iccids": [a]})),
        ),
        ("GET", "/v1/sims/limits".into(), None),
        (
            "POST",
            "/v1/sims/limits".into(),
            Some(json!({"dataLimitId": 1, "smsMtLimitId": 1, "smsMoLimitId": 1})),
        ),
        ("GET", "/v1/sims/data/limits".into(), None),
        (
            "POST",
            "/v1/sims/extension".into(),
            Some(json!({"iccids": [a], "productId": 3001})),
        ),
        ("GET", "/v2/sims".into(), None),
        ("GET", format!("/v2/sims/{a}"), None),
        ("PUT", format!("/v2/sims/{a}"), Some(json!({"label": "m"}))),
        ("POST", format!("/v2/sims/{a}/reset"), None),
        ("GET", format!("/v2/sims/{a}/quota/data"), None),
        ("GET", format!("/v2/sims/{a}/quota/sms"), None),
        ("GET", format!("/v2/sims/{a}/status"), None),
        ("GET", format!("/v2/sims/{a}/sms"), None),
        ("GET", format!("/v2/sims/{a}/sms/{sms_v2}"), None),
        ("DELETE", format!("/v2/sims/{a}/sms/{sms_v2}"), None),
        ("GET", format!("/v2/sims/{a}/events"), None),
        ("POST", format!("/v2/sims/{a}/topup"), None),
        ("GET", "/v1/orders".into(), None),
        (
            "POST",
            "/v1/orders".into(),
            Some(
                json!({"products": [{"productId": 1001, "quantity": 1}], "delivery_address": address}),
            ),
        ),
        ("GET", "/v1/orders/1234".into(), None),
        ("GET", "/v1/products".into(), None),
        ("GET", "/v1/support".into(), None),
        (
            "POST",
            "/v1/support".into(),
            Some(json!({"replyToMail": "a@b.c", "senderName": "A", "subject": "S", "text": "T"})),
        ),
        (
            "POST",
            "/v1/sims/simTransfer".into(),
            Some(json!({"target_organisation": 7, "iccids": [b]})),
        ),
    ];
    for (method, path, body) in rows {
        let answer = raw.send(method, &path, body).await;
        assert!(
            (200..300).contains(&answer.status),
            "{method} {path}: {} {}",
            answer.status,
            answer.text
        );
        if !answer.text.is_empty() {
            assert!(answer
                .header("content-type")
                .unwrap()
                .starts_with("application/json"));
            let _: Value = answer.json();
        }
    }
    let served = sb.stats().by_operation;
    assert_eq!(served.len(), 43, "{:?}", served.keys().collect::<Vec<_>>());
    assert!(served
        .keys()
        .all(|k| k.contains(" /oauth/") || k.contains(" /v")));
}

#[tokio::test]
async fn sms_to_an_offline_sim_waits_until_it_comes_online() {
    let sb = sandbox(2).await;
    let raw = Raw::new(&sb).await;
    let iccid = sb.iccids()[0].clone();
    sb.set_online(&iccid, false).unwrap();
    assert_eq!(
        raw.get(&format!("/v2/sims/{iccid}/status")).await.json()["status"]["description"],
        "OFFLINE"
    );
    let id = raw
        .post(
            &format!("/v2/sims/{iccid}/sms"),
            json!({"payload": "wake up"}),
        )
        .await
        .json()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let sms = raw.get(&format!("/v2/sims/{iccid}/sms/{id}")).await.json();
    assert_eq!(sms["status"], json!({"id": 2, "description": "PENDING"}));
    assert!(sms["delivery_date"].is_null());

    sb.set_online(&iccid, true).unwrap();
    let sms = raw.get(&format!("/v2/sims/{iccid}/sms/{id}")).await.json();
    assert_eq!(sms["status"], json!({"id": 4, "description": "DELIVERED"}));
    assert!(sms["delivery_date"].is_string());
    let status = raw.get(&format!("/v2/sims/{iccid}/status")).await.json();
    assert_eq!(status["status"]["description"], "ONLINE");
    assert_eq!(status["pdp_contexts"].as_array().unwrap().len(), 1);

    // The device answers.
    let before = raw.get(&format!("/v2/sims/{iccid}/quota/sms")).await.json()["volume"]
        .as_f64()
        .unwrap();
    let mo = sb.receive_sms(&iccid, "awake").unwrap();
    let list = raw
        .get(&format!("/v2/sims/{iccid}/sms?per_page=10"))
        .await
        .json();
    let reply = &list.as_array().unwrap()[1];
    assert_eq!(reply["id"], mo);
    assert_eq!(reply["sms_type"], json!({"id": 2, "description": "MO"}));
    assert_eq!(reply["payload"], "awake");
    let after = raw.get(&format!("/v2/sims/{iccid}/quota/sms")).await.json()["volume"]
        .as_f64()
        .unwrap();
    assert_eq!(after, before - 1.0);
}

/// Usage stops at zero, as a real quota does: neither the seeded fleet nor
/// a device that uses more than is left ever shows a negative volume, and
/// the usage record counts only what could be used.
#[tokio::test]
async fn volumes_never_go_negative() {
    let sb = Sandbox::builder()
        .sims(500)
        .seed(3)
        .no_rate_limits()
        .start()
        .await
        .unwrap();
    let client = client(&sb);
    let raw = Raw::new(&sb).await;
    let mut sims = client.sims().list().page_size(100).stream();
    let mut seen = 0;
    while let Some(sim) = futures::TryStreamExt::try_next(&mut sims).await.unwrap() {
        let (data, sms) = (sim.current_quota, sim.current_quota_sms);
        assert!(data.unwrap_or(0.0) >= 0.0, "{}: data {data:?}", sim.iccid);
        assert!(sms.unwrap_or(0.0) >= 0.0, "{}: sms {sms:?}", sim.iccid);
        seen += 1;
    }
    assert_eq!(seen, 500);

    let iccid = &sb.iccids()[0];
    let left = client
        .sims()
        .data_quota(iccid)
        .await
        .unwrap()
        .volume
        .unwrap();
    let today = chrono::Utc::now().date_naive();
    let usage_today = |v: serde_json::Value| v["stats"][0]["data"]["volume"].clone();
    let before = usage_today(
        raw.get(&format!(
            "/v1/sims/{iccid}/usage?start_dt={today}&end_dt={today}"
        ))
        .await
        .json(),
    );
    assert_eq!(sb.consume_data(iccid, left + 4.2).unwrap(), 0.0);
    assert_eq!(
        client.sims().data_quota(iccid).await.unwrap().volume,
        Some(0.0)
    );
    assert_eq!(sb.consume_data(iccid, 1.0).unwrap(), 0.0);
    let after = usage_today(
        raw.get(&format!(
            "/v1/sims/{iccid}/usage?start_dt={today}&end_dt={today}"
        ))
        .await
        .json(),
    );
    let num = |v: &serde_json::Value| match v {
        serde_json::Value::String(s) => s.parse::<f64>().unwrap(),
        serde_json::Value::Null => 0.0,
        v => v.as_f64().unwrap(),
    };
    assert!(
        (num(&after) - num(&before) - left).abs() < 1e-6,
        "{before} -> {after}, {left} left"
    );

    let sms_left = client
        .sims()
        .sms_quota(iccid)
        .await
        .unwrap()
        .volume
        .unwrap();
    assert_eq!(sb.consume_sms(iccid, sms_left as u32 + 3).unwrap(), 0.0);
    assert_eq!(
        client.sims().sms_quota(iccid).await.unwrap().volume,
        Some(0.0)
    );
}

/// Polls `cond` every 10 ms; fails after a generous hang guard.
async fn until(what: &str, cond: impl Fn() -> bool) {
    let guard = tokio::time::Instant::now() + Duration::from_secs(60);
    while !cond() {
        assert!(tokio::time::Instant::now() < guard, "never: {what}");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

#[tokio::test]
async fn no_open_connection_means_every_request_received_is_settled() {
    let sb = sandbox(2).await;
    let raw = Raw::new(&sb).await;
    drop(raw);
    until("the token request's connection closes", || {
        sb.open_connections() == 0
    })
    .await;
    sb.reset_stats();
    // A read that stalls 300 ms, from a client that keeps no idle
    // connection: the connection lives until the stalled request is done.
    sb.inject(Fault::delay(Duration::from_millis(300)).path("/v2/sims/*"));
    let client = sb
        .client_builder()
        .http_client(
            reqwest::Client::builder()
                .no_proxy()
                .pool_max_idle_per_host(0)
                .build()
                .unwrap(),
        )
        .build()
        .unwrap();
    client.access_token().await.unwrap();
    until("the token request's connection closes", || {
        sb.open_connections() == 0
    })
    .await;
    let iccid = sb.iccids()[0].clone();
    let call = tokio::spawn(async move { client.sims().get(&iccid).await.map(drop) });
    until("the call's connection opens", || sb.open_connections() > 0).await;
    until("every connection closes", || sb.open_connections() == 0).await;
    // Idle: the stalled read has been answered and counted.
    assert_eq!(sb.stats().requests_to("GET", "/v2/sims/{iccid}"), 1);
    assert_eq!(sb.stats().faults_injected, 1);
    call.await.unwrap().unwrap();
}
