//! Secrets never leak: a full run against the sandbox (most operations,
//! faults, a refused secret, token expiry and 401 renewals) with every
//! tracing event of every target at TRACE level and every `log` record
//! captured, plus the Debug and Display text of the clients, builders,
//! credentials, tokens, token store, errors and the sandbox. Neither the
//! client secret (nor its Basic encoding) nor any access token the sandbox
//! issued (taken from its request log), nor any piece of 8 characters or
//! more of them, may appear; a second test plants such pieces to show the
//! sweep finds every one.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use base64::Engine;
use futures::TryStreamExt;
use once_sandbox::{Fault, Sandbox};
use once_sdk::{
    Credentials, DeliveryAddress, Error, InMemoryTokenStore, RetryPolicy, Sms, TokenStore,
};
use tracing_subscriber::fmt::MakeWriter;

const CLIENT_ID: &str = "fleet-ops-7";
const SECRET: &str = "s3cr3t-Qm9vbGVhbi1zZWNyZXQtZG8tbm90LWxvZw-7f1c2e";

/// Everything written: tracing output, log records, Debug/Display strings.
#[derive(Clone, Default)]
struct Capture(Arc<Mutex<String>>);

impl Capture {
    fn push(&self, s: &str) {
        let mut c = self.0.lock().unwrap();
        c.push_str(s);
        c.push('\n');
    }
    fn text(&self) -> String {
        self.0.lock().unwrap().clone()
    }
}

impl std::io::Write for Capture {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0
            .lock()
            .unwrap()
            .push_str(&String::from_utf8_lossy(buf));
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> MakeWriter<'a> for Capture {
    type Writer = Capture;
    fn make_writer(&'a self) -> Capture {
        self.clone()
    }
}

static CAPTURE: std::sync::OnceLock<Capture> = std::sync::OnceLock::new();

/// `log` records (reqwest, rustls, hyper-util) into the same capture.
struct LogCapture;

impl log::Log for LogCapture {
    fn enabled(&self, _: &log::Metadata) -> bool {
        true
    }
    fn log(&self, record: &log::Record) {
        if let Some(c) = CAPTURE.get() {
            c.push(&format!(
                "log {} {}: {}",
                record.level(),
                record.target(),
                record.args()
            ));
        }
    }
    fn flush(&self) {}
}

static LOGGER: LogCapture = LogCapture;

/// Debug and Display of a value.
fn show(c: &Capture, v: &(impl std::fmt::Debug + std::fmt::Display)) {
    c.push(&format!("{v:?}"));
    c.push(&format!("{v:#?}"));
    c.push(&format!("{v}"));
}

fn debug(c: &Capture, v: &impl std::fmt::Debug) {
    c.push(&format!("{v:?}"));
    c.push(&format!("{v:#?}"));
}

/// The result's Debug (and the error's Display and source chain).
fn record<T: std::fmt::Debug>(c: &Capture, r: &Result<T, Error>) {
    debug(c, r);
    if let Err(e) = r {
        show(c, e);
        let mut src = std::error::Error::source(e);
        while let Some(s) = src {
            c.push(&format!("{s} / {s:?}"));
            src = s.source();
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_secret_or_token_in_logs_debug_or_display() {
    let capture = CAPTURE.get_or_init(Capture::default).clone();
    tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(capture.clone())
        .with_ansi(false)
        .init();
    log::set_logger(&LOGGER).unwrap();
    log::set_max_level(log::LevelFilter::Trace);
    let c = &capture;

    let sb_builder = Sandbox::builder()
        .sims(5)
        .seed(3)
        .no_rate_limits()
        .credentials(CLIENT_ID, SECRET);
    debug(c, &sb_builder);
    let sb = sb_builder.start().await.unwrap();
    debug(c, &sb);
    debug(c, &sb.credentials());
    let iccid = sb.iccids()[0].clone();

    let credentials = Credentials::new(CLIENT_ID, SECRET);
    debug(c, &credentials);
    let store = Arc::new(InMemoryTokenStore::new());
    let builder = sb
        .client_builder()
        .credentials(credentials.clone())
        .token_store(store.clone())
        .retry_policy(
            RetryPolicy::default()
                .initial_delay(Duration::from_millis(1))
                .max_delay(Duration::from_millis(5))
                .max_retry_after(Duration::from_millis(10)),
        );
    debug(c, &builder);
    let client = builder.build().unwrap();
    debug(c, &client);

    // A refused secret (400 BadCredentials) and a refused client id.
    let wrong = sb
        .client_builder()
        .credentials(Credentials::new(CLIENT_ID, format!("{SECRET}-old")))
        .build()
        .unwrap();
    let r = wrong.sims().get(&iccid).await;
    assert!(matches!(r, Err(Error::Auth { .. })), "{r:?}");
    record(c, &r);

    // Most operations, v2 and v1.
    let token = client.access_token().await.unwrap();
    debug(c, &token);
    debug(c, &store.get().await);
    record(c, &client.sims().list().page_size(5).send().await);
    let all: Result<Vec<_>, _> = client
        .sims()
        .list()
        .page_size(2)
        .stream()
        .try_collect()
        .await;
    record(c, &all);
    record(c, &client.sims().get(&iccid).await);
    record(
        c,
        &client
            .sims()
            .update(&iccid)
            .label("leak-check")
            .send()
            .await,
    );
    record(c, &client.sims().data_quota(&iccid).await);
    record(c, &client.sims().sms_quota(&iccid).await);
    record(c, &client.sims().status(&iccid).await);
    record(c, &client.sims().events(&iccid).send().await);
    record(c, &client.sims().top_up(&iccid).send().await);
    let sent = client.sms().send(&iccid, Sms::text("hello")).await;
    record(c, &sent);
    record(c, &client.sms().list(&iccid).send().await);
    if let Ok(Some(id)) = sent {
        record(c, &client.sms().get(&iccid, id).await);
        record(c, &client.sms().delete(&iccid, id).await);
    }
    record(c, &client.orders().list().send().await);
    let order = client.orders().create().product(1001, 1).delivery_address(
        DeliveryAddress::new()
            .company("Pumpwerk GmbH")
            .city("Köln")
            .country("DE"),
    );
    debug(c, &order);
    record(c, &order.send().await);
    record(c, &client.products().list().await);
    record(c, &client.support().list().send().await);
    record(
        c,
        &client
            .support()
            .create("Leak check", "Nothing to see.")
            .send()
            .await,
    );
    let v1 = client.v1().sims();
    // The v1 calls v2 also has are deprecated; their answers are checked all the same.
    #[allow(deprecated)]
    record(c, &v1.get(&iccid).await);
    record(c, &v1.usage(&iccid).send().await);
    record(c, &v1.limits().await);
    #[allow(deprecated)]
    record(c, &v1.data_quota(&iccid).await);
    #[allow(deprecated)]
    record(c, &v1.status(&iccid).await);

    // Tokens expire: every call below gets 401 first, renews, replays.
    for _ in 0..3 {
        sb.expire_tokens();
        record(c, &client.sims().get(&iccid).await);
        record(c, &client.sms().send(&iccid, Sms::text("again")).await);
    }
    // A 401 that persists (Auth error after one renewal).
    sb.inject(Fault::status(401).path("/v2/sims/*").times(2));
    record(c, &client.sims().get(&iccid).await);
    // Faults: error bodies, HTML, garbled and cut answers, lost answers.
    for f in [
        Fault::status(500),
        Fault::status(503),
        Fault::html(502),
        Fault::malformed_body(),
        Fault::truncated_body(),
        Fault::rate_limited(Duration::from_secs(1)),
        Fault::drop_connection(),
        Fault::apply_then_drop(),
        Fault::apply_then_status(500),
    ] {
        sb.inject(f.clone().times(4));
        record(c, &client.sims().get(&iccid).await);
        sb.inject(f.method("POST").path("/v2/sims/*/topup"));
        record(c, &client.sims().top_up(&iccid).send().await);
        sb.clear_faults();
    }
    // Faults on the token endpoint itself, with a fresh client.
    for f in [
        Fault::malformed_body(),
        Fault::truncated_body(),
        Fault::status(500),
    ] {
        sb.inject(f.path("/oauth/token").times(4));
        let fresh = sb
            .client_builder()
            .credentials(credentials.clone())
            .build()
            .unwrap();
        record(c, &fresh.sims().get(&iccid).await);
        record(c, &fresh.access_token().await);
        sb.clear_faults();
    }
    debug(c, &client);
    debug(c, &sb.stats());
    debug(c, &sb);

    // Every token the sandbox issued (also those whose answer was garbled
    // or cut by a fault), and every bearer token it received.
    let mut tokens = sb.issued_tokens();
    let used: Vec<String> = sb
        .requests()
        .iter()
        .filter_map(|r| {
            r.header("authorization")?
                .strip_prefix("Bearer ")
                .map(str::to_string)
        })
        .collect();
    let stats = sb.stats();
    assert_eq!(tokens.len() as u64, stats.tokens_issued);
    assert!(stats.tokens_issued >= 6, "{stats:?}");
    assert!(stats.unauthorized >= 5, "{stats:?}");
    assert!(used.iter().all(|t| tokens.contains(t)));
    tokens.extend(used);
    tokens.sort();
    tokens.dedup();
    assert!(tokens.iter().all(|t| t.len() > 1000));

    let basic = base64::engine::general_purpose::STANDARD.encode(format!("{CLIENT_ID}:{SECRET}"));
    let text = capture.text();
    assert!(
        text.len() > 20_000,
        "the capture is too small to mean anything: {} bytes",
        text.len()
    );
    assert!(text.contains("once_sdk.call"), "spans were captured");
    assert!(
        text.contains("Bearer") || text.contains("401"),
        "the run included auth traffic"
    );
    let secrets: Vec<(&str, String)> = [
        ("client secret", SECRET.to_string()),
        ("Basic credentials", basic),
    ]
    .into_iter()
    .chain(tokens.iter().map(|t| ("access token", t.clone())))
    .collect();
    if let Some(leak) = Sweep::new(&secrets).find(&text) {
        panic!("{}", leak.describe(&text));
    }
}

/// The shortest piece of a secret the sweep looks for.
const MIN_LEAK: usize = 8;

/// Looks for every piece of [`MIN_LEAK`] characters of each secret, at every
/// offset: a leak of any length >= `MIN_LEAK` contains the piece it starts
/// with, wherever it starts.
struct Sweep<'a> {
    /// Each piece (its bytes as a number) and where it comes from: the
    /// secret's name and the piece's offset in it.
    pieces: std::collections::HashMap<u64, (&'a str, usize)>,
}

/// A piece of a secret found in a text.
struct Leak<'a> {
    name: &'a str,
    offset_in_secret: usize,
    at: usize,
}

impl<'a> Sweep<'a> {
    fn new(secrets: &'a [(&'a str, String)]) -> Self {
        let mut pieces = std::collections::HashMap::new();
        for (name, secret) in secrets {
            assert!(secret.is_ascii() && secret.len() >= MIN_LEAK);
            for (offset, piece) in secret.as_bytes().windows(MIN_LEAK).enumerate() {
                pieces.entry(key(piece)).or_insert((*name, offset));
            }
        }
        Sweep { pieces }
    }

    /// The first piece of a secret in `text`, if any.
    fn find(&self, text: &str) -> Option<Leak<'a>> {
        text.as_bytes()
            .windows(MIN_LEAK)
            .enumerate()
            .find_map(|(at, w)| {
                self.pieces
                    .get(&key(w))
                    .map(|&(name, offset_in_secret)| Leak {
                        name,
                        offset_in_secret,
                        at,
                    })
            })
    }
}

impl Leak<'_> {
    fn describe(&self, text: &str) -> String {
        let from = self.at.saturating_sub(200);
        let to = (self.at + 100).min(text.len());
        format!(
            "a piece of the {} (from its character {}) appears in the output at {}: …{}…",
            self.name,
            self.offset_in_secret,
            self.at,
            String::from_utf8_lossy(&text.as_bytes()[from..to])
        )
    }
}

fn key(piece: &[u8]) -> u64 {
    u64::from_le_bytes(piece.try_into().expect("MIN_LEAK is 8"))
}

/// The sweep catches a leak of each kind of secret the run above checks (the
/// client secret, its Basic encoding, an access token the sandbox issued) at
/// every offset and every length >= 8, at the end of a text and (for the
/// shorter secrets) inside one; and it finds nothing in a text made of every
/// 7-character piece of them.
#[tokio::test]
async fn the_sweep_finds_a_planted_leak_at_every_offset_and_length() {
    let sb = Sandbox::builder()
        .credentials(CLIENT_ID, SECRET)
        .start()
        .await
        .unwrap();
    sb.client().unwrap().products().list().await.unwrap();
    let token = sb.issued_tokens().pop().expect("a token was issued");
    assert!(token.len() > 1000);
    let basic = base64::engine::general_purpose::STANDARD.encode(format!("{CLIENT_ID}:{SECRET}"));
    let secrets = vec![
        ("client secret", SECRET.to_string()),
        ("Basic credentials", basic),
        ("access token", token),
    ];
    let sweep = Sweep::new(&secrets);

    let mut near_misses = String::from("Authorization: Bearer <redacted>\n");
    for (_, secret) in &secrets {
        for piece in secret.as_bytes().windows(MIN_LEAK - 1) {
            near_misses.push_str(std::str::from_utf8(piece).unwrap());
            near_misses.push('\n');
        }
    }
    if let Some(leak) = sweep.find(&near_misses) {
        panic!("no leak was planted, yet: {}", leak.describe(&near_misses));
    }

    let before = "Bearer ";
    let mut planted = 0u64;
    for (name, secret) in &secrets {
        let inside = secret.len() < 200;
        for offset in 0..=secret.len() - MIN_LEAK {
            // The leak ends the text: every length is a prefix of `text`.
            let text = format!("{before}{}", &secret[offset..]);
            for len in MIN_LEAK..=secret.len() - offset {
                let t = &text[..before.len() + len];
                assert!(
                    sweep.find(t).is_some(),
                    "the {name}'s characters {offset}..{} were not found",
                    offset + len
                );
                if inside {
                    let t = format!("{t} status=401\n");
                    assert!(
                        sweep.find(&t).is_some(),
                        "the {name}'s characters {offset}..{} were not found inside a line",
                        offset + len
                    );
                }
                planted += 1;
            }
        }
    }
    let n = |l: usize| (l - MIN_LEAK + 1) * (l - MIN_LEAK + 2) / 2;
    assert_eq!(
        planted,
        secrets.iter().map(|(_, s)| n(s.len()) as u64).sum::<u64>()
    );
}
