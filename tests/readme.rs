//! The workspace README's Rust snippets, compiled as the README shows them
//! (`build.rs` writes each ```rust block to `$OUT_DIR/readme_<n>.rs`) and
//! run against the sandbox: the first with the environment pointing
//! `Client::from_env` at a sandbox, the tour against a sandbox with the
//! tour's credentials, the sandbox example as it stands, the Redis-shared
//! client built (with feature `redis`; it connects to nothing until used),
//! the Data Streamer receiver fed by the sandbox's stream. Each is checked
//! by what the sandbox saw and did.

use once_sandbox::Sandbox;

/// The quick start: every SIM and its data quota, from the environment.
mod quick_start {
    include!(concat!(env!("OUT_DIR"), "/readme_1.rs"));

    pub(crate) fn run() -> Result<(), once_sdk::Error> {
        main()
    }
}

/// The tour of the client.
mod tour {
    include!(concat!(env!("OUT_DIR"), "/readme_2.rs"));

    pub(crate) async fn run(base_url: &str) -> Result<(), Box<dyn std::error::Error>> {
        tour(base_url).await
    }
}

/// The sandbox example.
mod sandbox_example {
    include!(concat!(env!("OUT_DIR"), "/readme_3.rs"));

    pub(crate) async fn run() -> Result<(), Box<dyn std::error::Error>> {
        top_up_is_never_doubled().await
    }
}

/// Sharing the token and the limits through Redis.
#[cfg(feature = "redis")]
mod shared_client {
    include!(concat!(env!("OUT_DIR"), "/readme_4.rs"));

    pub(crate) fn run() -> Result<Client, once_sdk::Error> {
        shared_client()
    }
}

/// The Data Streamer receiver.
mod receiver {
    include!(concat!(env!("OUT_DIR"), "/readme_5.rs"));

    pub(crate) async fn run(listener: tokio::net::TcpListener) -> std::io::Result<()> {
        receive(listener).await
    }
}

const SNIPPETS: usize = include!(concat!(env!("OUT_DIR"), "/readme_count.rs"));

/// One test: the environment is the process's, set once here.
#[test]
fn the_readme_snippets_run_against_the_sandbox() {
    assert_eq!(
        SNIPPETS, 5,
        "the README's Rust snippets changed in number: run each new one here"
    );
    let rt = tokio::runtime::Runtime::new().unwrap();
    // The tour's credentials. The snippets' clients pace at 1NCE's limits
    // each on its own, and the tour's second client calls right after the
    // first: a sandbox at 1NCE's limits (shared by all clients) would
    // refuse some of those calls, so it allows 10 times as much.
    let sandbox = rt
        .block_on(
            Sandbox::builder()
                .sims(5)
                .credentials("my-id", "my-secret")
                .rate_limit_factor(10.0)
                .start(),
        )
        .unwrap();
    std::env::set_var("ONCE_CLIENT_ID", "my-id");
    std::env::set_var("ONCE_CLIENT_SECRET", "my-secret");
    std::env::set_var("ONCE_BASE_URL", sandbox.base_url());

    // The quick start runs its own runtime (`#[tokio::main]`).
    quick_start::run().unwrap();
    let stats = sandbox.stats();
    assert_eq!(stats.requests_to("GET", "/v2/sims"), 1, "{stats:?}");
    assert_eq!(
        stats.requests_to("GET", "/v2/sims/{iccid}/quota/data"),
        5,
        "a quota for each SIM: {stats:?}"
    );
    assert_eq!(stats.rate_limited, 0, "{stats:?}");

    sandbox.reset_stats();
    rt.block_on(tour::run(sandbox.base_url())).unwrap();
    let stats = sandbox.stats();
    assert_eq!(stats.requests_to("GET", "/v2/sims"), 2, "{stats:?}");
    let iccid = sandbox.iccids()[0].clone();
    let sim = rt
        .block_on(async { sandbox.client()?.sims().get(&iccid).await })
        .unwrap();
    assert_eq!(sim.label.as_deref(), Some("pump-17"));
    for (method, template) in [
        ("GET", "/v2/sims/{iccid}"),
        ("PUT", "/v2/sims/{iccid}"),
        ("GET", "/v1/products"),
        ("GET", "/v2/sims/{iccid}/quota/data"),
        ("GET", "/v2/sims/{iccid}/quota/sms"),
    ] {
        assert!(
            stats.requests_to(method, template) >= 1,
            "the tour sent no {method} {template}: {stats:?}"
        );
    }

    rt.block_on(sandbox_example::run()).unwrap();

    // Building the shared client opens no connection: it runs without a
    // Redis at redis.internal (tests/redis.rs runs these parts on a real
    // redis-server).
    #[cfg(feature = "redis")]
    shared_client::run().unwrap();

    // The receiver, fed by the sandbox's Data Streamer.
    let listener = rt
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .unwrap();
    let url = format!("http://{}/1nce/stream", listener.local_addr().unwrap());
    let serving = rt.spawn(receiver::run(listener));
    let _in_runtime = rt.enter(); // stream_to spawns the stream's task
    let auth = once_streamer::BasicCredentials::new("1nce", "secret").header_value();
    sandbox.stream_to(
        once_sandbox::StreamConfig::new(url, auth).interval(std::time::Duration::from_millis(20)),
    );
    sandbox.consume_data(&iccid, 1.5).unwrap();
    let mut delivered = false;
    for _ in 0..1000 {
        let s = sandbox.stream_stats();
        if s.records_delivered >= 1 && s.pending == 0 {
            delivered = true;
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    let s = sandbox.stream_stats();
    assert!(delivered, "the receiver took no record: {s:?}");
    assert_eq!((s.failed_attempts, s.last_status), (0, Some(200)), "{s:?}");
    assert!(!serving.is_finished(), "the receiver stopped serving");
    serving.abort();
}
