//! A real Prometheus for the tests: started on a free port with a scrape
//! of the exporter and alert rules, and queried through its HTTP API.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use serde_json::Value;

pub fn crate_file(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

pub fn percent_encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

pub struct Prom {
    pub base: String,
    pub http: reqwest::Client,
}

impl Prom {
    pub async fn get(&self, path: &str) -> Option<Value> {
        let resp = self
            .http
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .ok()?;
        serde_json::from_str(&resp.text().await.ok()?).ok()
    }

    /// The result vector of an instant query.
    pub async fn query(&self, q: &str) -> Vec<Value> {
        let v = self
            .get(&format!("/api/v1/query?query={}", percent_encode(q)))
            .await
            .unwrap_or(Value::Null);
        assert_ne!(v["status"], "error", "{q}: {v}");
        match &v["data"]["result"] {
            Value::Array(a) => a.clone(),
            // A scalar result: [time, "value"].
            Value::Null => Vec::new(),
            other => vec![serde_json::json!({"metric": {}, "value": other})],
        }
    }

    /// The single value of an instant query.
    pub async fn scalar(&self, q: &str) -> Option<f64> {
        let r = self.query(q).await;
        r.first()?["value"][1].as_str()?.parse().ok()
    }

    /// Polls `q` until `done` says yes (at most 30 s).
    pub async fn wait_for(&self, q: &str, done: impl Fn(&[Value]) -> bool) -> Vec<Value> {
        let until = Instant::now() + Duration::from_secs(30);
        loop {
            let r = self.query(q).await;
            if done(&r) || Instant::now() > until {
                return r;
            }
            tokio::time::sleep(Duration::from_millis(250)).await;
        }
    }
}

/// Prometheus on a free port, scraping the exporter at `addr` every
/// second, with the alert rules in `rules`; and its scratch directory.
pub fn start_prometheus(
    prometheus: &Path,
    rules: &Path,
    addr: std::net::SocketAddr,
) -> (tokio::process::Child, Prom, PathBuf) {
    let dir = std::env::temp_dir().join(format!(
        "once-exporter-prom-{}-{}",
        std::process::id(),
        free_port()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let port = free_port();
    let config = format!(
        "global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\nrule_files:\n  - {rules}\nscrape_configs:\n  - job_name: once\n    static_configs:\n      - targets: ['{addr}']\n",
        rules = rules.display(),
    );
    std::fs::write(dir.join("prometheus.yml"), config).unwrap();
    let child = tokio::process::Command::new(prometheus)
        .arg(format!(
            "--config.file={}",
            dir.join("prometheus.yml").display()
        ))
        .arg(format!(
            "--storage.tsdb.path={}",
            dir.join("data").display()
        ))
        .arg(format!("--web.listen-address=127.0.0.1:{port}"))
        .arg("--log.level=warn")
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .kill_on_drop(true)
        .spawn()
        .expect("prometheus starts");
    let prom = Prom {
        base: format!("http://127.0.0.1:{port}"),
        http: super::http(),
    };
    (child, prom, dir)
}
