//! SDK overhead: `sims().get()` and a 100-SIM `sims().list()` page through
//! once-sdk vs a hand-written reqwest + serde baseline that sends the same
//! request and decodes into the same structs, at concurrency 1 and 32,
//! against a canned local server. Rounds alternate SDK and baseline so both
//! see the same machine noise; the median of the rounds is reported.
//!
//! Run: `cargo run --release -p once-bench --bin overhead`

use std::time::Duration;

use once_bench::{median, rate, start, ICCID, TOKEN};
use once_sdk::{Client, Credentials, Iccid, Page, RateLimits, Sim};

const ROUNDS: usize = 7;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let server = start(0, Duration::ZERO);
    let sdk = Client::builder()
        .credentials(Credentials::new("bench", "bench-secret"))
        .base_url(&server.base_url)
        .rate_limits(RateLimits::unlimited())
        .build()
        .unwrap();
    // The same client without its per-attempt and per-call timeouts, to
    // show what the two timers cost.
    let sdk_untimed = Client::builder()
        .credentials(Credentials::new("bench", "bench-secret"))
        .base_url(&server.base_url)
        .rate_limits(RateLimits::unlimited())
        .attempt_timeout(None)
        .operation_timeout(None)
        .build()
        .unwrap();
    let raw = reqwest::Client::builder().build().unwrap();
    let iccid: Iccid = ICCID.parse().unwrap();
    let sim_url = format!("{}/v2/sims/{ICCID}", server.base_url);
    let list_url = format!("{}/v2/sims?page=1&pageSize=100", server.base_url);
    let bearer = format!("Bearer {TOKEN}");
    sdk.access_token().await.unwrap();
    sdk_untimed.access_token().await.unwrap();

    println!("| call | concurrency | SDK req/s | SDK without timeouts req/s | baseline req/s | SDK / baseline | SDK without timeouts / baseline |");
    println!("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
    for (name, per_round) in [
        ("sims().get()", 4000usize),
        ("sims().list() 100 SIMs", 1000),
    ] {
        for concurrency in [1usize, 32] {
            let (mut a, mut b, mut u) = (Vec::new(), Vec::new(), Vec::new());
            for _ in 0..ROUNDS {
                let is_get = name.starts_with("sims().get");
                for (client, out) in [(&sdk, &mut a), (&sdk_untimed, &mut u)] {
                    out.push(
                        rate(per_round, concurrency, || async {
                            if is_get {
                                let sim = client.sims().get(&iccid).await.unwrap();
                                std::hint::black_box(sim);
                            } else {
                                let page =
                                    client.sims().list().page_size(100).send().await.unwrap();
                                std::hint::black_box(page);
                            }
                        })
                        .await,
                    );
                }
                b.push(
                    rate(per_round, concurrency, || async {
                        let url = if is_get { &sim_url } else { &list_url };
                        let resp = raw
                            .get(url.as_str())
                            .header("authorization", &bearer)
                            .header("accept", "application/json")
                            .send()
                            .await
                            .unwrap();
                        let bytes = resp.bytes().await.unwrap();
                        if is_get {
                            std::hint::black_box(serde_json::from_slice::<Sim>(&bytes).unwrap());
                        } else {
                            let items: Vec<Sim> = serde_json::from_slice(&bytes).unwrap();
                            std::hint::black_box(Page::new(items).with_page(1, 100));
                        }
                    })
                    .await,
                );
            }
            let (sdk_rate, untimed_rate, base_rate) = (median(a), median(u), median(b));
            println!(
                "| {name} | {concurrency} | {sdk_rate:.0} | {untimed_rate:.0} | {base_rate:.0} | {:.3} | {:.3} |",
                sdk_rate / base_rate,
                untimed_rate / base_rate
            );
        }
    }
}
