//! Shared by the exporter's test suites: a sandbox-backed exporter and a
//! small reader for the exposition text.
#![allow(dead_code)]

pub mod prom;

use std::collections::BTreeMap;
use std::path::PathBuf;

use once_exporter::{Exporter, Settings};
use once_sandbox::Sandbox;
use tokio::net::TcpListener;

/// Starts an exporter against `sandbox` on a free loopback port.
pub async fn exporter(sandbox: &Sandbox, settings: Settings) -> Exporter {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    Exporter::start(sandbox.client_builder(), settings, listener, None)
        .await
        .expect("exporter starts")
}

/// An HTTP client for loopback.
pub fn http() -> reqwest::Client {
    reqwest::Client::builder()
        .no_proxy()
        .build()
        .expect("client")
}

/// `GET http://{addr}{path}`: status, content type, body.
pub async fn get(http: &reqwest::Client, exporter: &Exporter, path: &str) -> (u16, String, String) {
    let resp = http
        .get(format!("http://{}{path}", exporter.addr()))
        .send()
        .await
        .expect("request");
    let status = resp.status().as_u16();
    let ct = resp
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    (status, ct, resp.text().await.expect("body"))
}

/// One sample: metric name, labels, value.
#[derive(Debug, Clone, PartialEq)]
pub struct Sample {
    pub name: String,
    pub labels: BTreeMap<String, String>,
    pub value: f64,
}

/// Parses the samples of an exposition (comments skipped). Label values
/// in these tests never contain quotes or commas.
pub fn samples(text: &str) -> Vec<Sample> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|l| {
            let (head, value) = l.rsplit_once(' ').expect("sample line");
            let (name, labels) = match head.split_once('{') {
                Some((n, rest)) => {
                    let inner = rest.strip_suffix('}').expect("closing brace");
                    let labels = inner
                        .split("\",")
                        .filter(|p| !p.is_empty())
                        .map(|p| {
                            let (k, v) = p.split_once("=\"").expect("label");
                            (k.to_string(), v.trim_end_matches('"').to_string())
                        })
                        .collect();
                    (n.to_string(), labels)
                }
                None => (head.to_string(), BTreeMap::new()),
            };
            Sample {
                name,
                labels,
                value: value.parse().expect("value"),
            }
        })
        .collect()
}

/// The value of `name` with exactly these labels among `samples`.
pub fn value(samples: &[Sample], name: &str, labels: &[(&str, &str)]) -> Option<f64> {
    samples
        .iter()
        .find(|s| {
            s.name == name
                && s.labels.len() == labels.len()
                && labels
                    .iter()
                    .all(|(k, v)| s.labels.get(*k).map(String::as_str) == Some(*v))
        })
        .map(|s| s.value)
}

/// Samples of `name` by their `iccid` label.
pub fn by_iccid(samples: &[Sample], name: &str) -> BTreeMap<String, f64> {
    samples
        .iter()
        .filter(|s| s.name == name)
        .filter_map(|s| Some((s.labels.get("iccid")?.clone(), s.value)))
        .collect()
}

fn find_binary(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join(name))
        .find(|p| p.is_file())
}

/// The binary (`prometheus`, `promtool`), or `None` after printing why the
/// test is skipped; with `ONCE_REQUIRE_PROMETHEUS=1` (CI) a missing binary
/// is a failure.
pub fn required_binary(name: &str) -> Option<PathBuf> {
    match find_binary(name) {
        Some(p) => Some(p),
        None if std::env::var("ONCE_REQUIRE_PROMETHEUS").as_deref() == Ok("1") => {
            panic!("ONCE_REQUIRE_PROMETHEUS=1 but `{name}` is not on PATH (apt-get install prometheus)")
        }
        None => {
            eprintln!("SKIPPED: `{name}` is not installed (apt-get install prometheus); set ONCE_REQUIRE_PROMETHEUS=1 to fail instead");
            None
        }
    }
}

/// `promtool check metrics` on `classic` (the classic text format): its
/// report, trimmed (empty: no lint problems). Panics if promtool fails.
pub fn promtool_check_metrics(promtool: &std::path::Path, classic: &str) -> String {
    let mut check = std::process::Command::new(promtool)
        .args(["check", "metrics"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("promtool starts");
    {
        use std::io::Write;
        let mut stdin = check.stdin.take().expect("stdin");
        stdin.write_all(classic.as_bytes()).expect("promtool reads");
    }
    let out = check.wait_with_output().expect("promtool ends");
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{report}");
    report.trim().to_string()
}
