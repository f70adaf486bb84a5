//! Content negotiation on /metrics: the classic text format 0.0.4 unless
//! the scraper asks for OpenMetrics, gzip when accepted, and promtool
//! (Debian's 2.42) accepts a real scrape in both formats.

mod common;

use std::io::Read;
use std::time::Duration;

use common::{exporter, http, required_binary};
use once_exporter::{Exporter, PerSim, Settings, CLASSIC_CONTENT_TYPE, OPENMETRICS_CONTENT_TYPE};
use once_sandbox::Sandbox;

/// What Prometheus 2.x sends by default.
const PROMETHEUS_ACCEPT: &str = "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

struct Scrape {
    content_type: String,
    content_encoding: Option<String>,
    body: Vec<u8>,
}

async fn scrape(exporter: &Exporter, headers: &[(&str, &str)]) -> Scrape {
    let mut req = http().get(format!("http://{}/metrics", exporter.addr()));
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    let resp = req.send().await.unwrap();
    assert_eq!(resp.status().as_u16(), 200);
    let header = |name: &str| {
        resp.headers()
            .get(name)
            .map(|v| v.to_str().unwrap().to_string())
    };
    Scrape {
        content_type: header("content-type").unwrap_or_default(),
        content_encoding: header("content-encoding"),
        body: resp.bytes().await.unwrap().to_vec(),
    }
}

fn text(s: &Scrape) -> String {
    String::from_utf8(s.body.clone()).unwrap()
}

/// Sample lines of the fleet metrics (the health metrics are live).
fn fleet_samples(text: &str) -> Vec<&str> {
    text.lines()
        .filter(|l| l.starts_with("once_sim") || l.starts_with("once_fleet"))
        .collect()
}

async fn started() -> (Sandbox, Exporter) {
    let sandbox = Sandbox::builder()
        .sims(25)
        .seed(6)
        .no_rate_limits()
        .start()
        .await
        .unwrap();
    let settings = Settings {
        rate_limit: 1000.0,
        budget: 1.0,
        refresh: Duration::from_secs(3600),
        // Every series this exporter can serve, once_sim_info (an info
        // metric) included.
        per_sim: PerSim::All,
        personal_data: true,
        ..Settings::default()
    };
    let exporter = exporter(&sandbox, settings).await;
    exporter.refreshed(1).await;
    (sandbox, exporter)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn classic_text_unless_openmetrics_is_asked_for_and_gzip_when_accepted() {
    let (_sandbox, exporter) = started().await;

    let classic = scrape(&exporter, &[("accept", "text/plain")]).await;
    assert_eq!(classic.content_type, CLASSIC_CONTENT_TYPE);
    assert_eq!(classic.content_encoding, None);
    let classic = text(&classic);
    assert!(!classic.contains("# EOF"), "{classic}");
    assert!(!classic.contains("# UNIT"), "{classic}");
    for line in classic.lines().filter(|l| l.starts_with("# TYPE ")) {
        let kind = line.rsplit(' ').next().unwrap();
        assert!(
            ["counter", "gauge", "histogram", "summary", "untyped"].contains(&kind),
            "{line}"
        );
    }
    assert!(classic.contains("# TYPE once_exporter_build_info gauge\n"));
    assert!(classic.contains("# TYPE once_exporter_refreshes_total counter\n"));
    assert!(classic.contains("\nonce_exporter_build_info{version=\""));
    assert!(classic.contains("# TYPE once_sim_info gauge\n"));

    // A scraper that does not ask for OpenMetrics gets the classic format.
    for accept in ["*/*", "text/plain;version=0.0.4", "application/json"] {
        let s = scrape(&exporter, &[("accept", accept)]).await;
        assert_eq!(s.content_type, CLASSIC_CONTENT_TYPE, "{accept}");
    }

    let om = scrape(&exporter, &[("accept", PROMETHEUS_ACCEPT)]).await;
    assert_eq!(om.content_type, OPENMETRICS_CONTENT_TYPE);
    let om = text(&om);
    assert!(om.ends_with("# EOF\n"), "{om}");
    assert!(om.contains("# TYPE once_exporter_build info\n"));
    assert!(om.contains("# TYPE once_sim info\n"));
    assert!(om.contains("# TYPE once_exporter_refreshes counter\n"));
    assert!(om.contains("# UNIT once_exporter_snapshot_timestamp_seconds seconds\n"));
    // The same samples in both.
    assert!(!fleet_samples(&om).is_empty());
    assert_eq!(fleet_samples(&om), fleet_samples(&classic));

    // gzip, in either format.
    for (accept, plain) in [("text/plain", &classic), (PROMETHEUS_ACCEPT, &om)] {
        let gz = scrape(
            &exporter,
            &[("accept", accept), ("accept-encoding", "gzip, deflate")],
        )
        .await;
        assert_eq!(gz.content_encoding.as_deref(), Some("gzip"));
        assert!(gz.body.len() < plain.len() / 3, "{} bytes", gz.body.len());
        let mut unzipped = String::new();
        flate2::read::GzDecoder::new(&gz.body[..])
            .read_to_string(&mut unzipped)
            .unwrap();
        assert_eq!(fleet_samples(&unzipped), fleet_samples(plain));
        assert_eq!(unzipped.ends_with("# EOF\n"), accept == PROMETHEUS_ACCEPT);
    }
    let identity = scrape(&exporter, &[("accept-encoding", "gzip;q=0, identity")]).await;
    assert_eq!(identity.content_encoding, None);
    exporter.shutdown().await;
}

/// `promtool check metrics` reads the classic format only (in 2.42 an
/// OpenMetrics counter's `_total` samples fail its lint), so OpenMetrics
/// goes through promtool's OpenMetrics parser instead: the backfill
/// (`tsdb create-blocks-from openmetrics`), which wants a timestamp on
/// every sample and is otherwise the scrape parser's strict reading.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn promtool_accepts_a_real_scrape_in_both_formats() {
    let Some(promtool) = required_binary("promtool") else {
        return;
    };
    let (_sandbox, exporter) = started().await;
    let dir = std::env::temp_dir().join(format!(
        "once-exporter-formats-{}-{}",
        std::process::id(),
        exporter.addr().port()
    ));
    std::fs::create_dir_all(&dir).unwrap();

    let classic = text(&scrape(&exporter, &[("accept", "text/plain")]).await);
    let report = common::promtool_check_metrics(&promtool, &classic);
    assert_eq!(report, "", "lint problems: {report}");

    let om = text(&scrape(&exporter, &[("accept", PROMETHEUS_ACCEPT)]).await);
    let stamped: String = om
        .lines()
        .map(|l| {
            if l.starts_with('#') {
                format!("{l}\n")
            } else {
                format!("{l} 1700000000\n")
            }
        })
        .collect();
    let input = dir.join("scrape.om");
    std::fs::write(&input, &stamped).unwrap();
    let out = std::process::Command::new(&promtool)
        .args(["tsdb", "create-blocks-from", "openmetrics"])
        .arg(&input)
        .arg(dir.join("blocks"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    // The classic text is no OpenMetrics (no # EOF): the parser says so,
    // which shows this check reads the format strictly.
    let classic_stamped: String = classic
        .lines()
        .map(|l| {
            if l.starts_with('#') {
                format!("{l}\n")
            } else {
                format!("{l} 1700000000\n")
            }
        })
        .collect();
    std::fs::write(&input, classic_stamped).unwrap();
    let out = std::process::Command::new(&promtool)
        .args(["tsdb", "create-blocks-from", "openmetrics"])
        .arg(&input)
        .arg(dir.join("blocks-classic"))
        .output()
        .unwrap();
    assert!(!out.status.success());
    let _ = std::fs::remove_dir_all(&dir);
    exporter.shutdown().await;
}
