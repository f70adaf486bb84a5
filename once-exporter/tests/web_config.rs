//! `--web.config.file` in the exporter-toolkit format: TLS (checked with a
//! rustls client that trusts only the test certificate) and basic auth
//! with bcrypt hashes, right and wrong credentials; bad files are refused
//! with the flag, the file and the problem. The certificate in
//! tests/fixtures/web is self-signed for 127.0.0.1 and serves these tests
//! only.

mod common;

use std::path::{Path, PathBuf};
use std::time::Duration;

use once_exporter::{Exporter, Settings, StartError};
use once_sandbox::Sandbox;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/web")
}

/// A fresh directory with `web.yml` holding `yaml`.
fn config_file(name: &str, yaml: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("once-exporter-web-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("web.yml");
    std::fs::write(&path, yaml).unwrap();
    path
}

async fn start(sandbox: &Sandbox, web: &Path) -> Result<Exporter, StartError> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let settings = Settings {
        rate_limit: 1000.0,
        budget: 1.0,
        refresh: Duration::from_secs(3600),
        web_config: Some(web.to_path_buf()),
        ..Settings::default()
    };
    Exporter::start(sandbox.client_builder(), settings, listener, None).await
}

fn tls_client() -> reqwest::Client {
    let pem = std::fs::read(fixtures().join("cert.pem")).unwrap();
    reqwest::Client::builder()
        .no_proxy()
        .tls_certs_only([reqwest::Certificate::from_pem(&pem).unwrap()])
        .build()
        .unwrap()
}

/// `alice`'s password is `s3cret` (bcrypt, `$2y$` as htpasswd writes it;
/// cost 4 keeps the debug-build tests quick).
fn users() -> String {
    let hash = bcrypt::hash_with_result("s3cret", 4)
        .unwrap()
        .format_for_version(bcrypt::Version::TwoY);
    assert!(hash.starts_with("$2y$04$"));
    format!("basic_auth_users:\n  alice: '{hash}'\n")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tls_and_basic_auth_let_only_the_right_credentials_in() {
    let sandbox = Sandbox::builder()
        .sims(5)
        .no_rate_limits()
        .start()
        .await
        .unwrap();
    // Paths relative to the config file, as the toolkit reads them.
    let path = config_file(
        "tls",
        &format!(
            "tls_server_config:\n  cert_file: cert.pem\n  key_file: key.pem\n{}",
            users()
        ),
    );
    for file in ["cert.pem", "key.pem"] {
        std::fs::copy(fixtures().join(file), path.with_file_name(file)).unwrap();
    }
    let exporter = start(&sandbox, &path).await.unwrap();
    assert!(exporter.tls() && exporter.basic_auth());
    exporter.refreshed(1).await;
    let url = format!("https://127.0.0.1:{}/metrics", exporter.addr().port());
    let https = tls_client();

    let ok = https
        .get(&url)
        .basic_auth("alice", Some("s3cret"))
        .send()
        .await
        .unwrap();
    assert_eq!(ok.status().as_u16(), 200);
    assert!(ok.text().await.unwrap().contains("once_fleet_sims{status="));

    for (user, password) in [
        ("alice", Some("wrong")),
        ("bob", Some("s3cret")),
        ("alice", None),
    ] {
        let resp = https
            .get(&url)
            .basic_auth(user, password)
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status().as_u16(), 401, "{user} {password:?}");
        assert_eq!(resp.headers()["www-authenticate"], "Basic");
        assert!(!resp.text().await.unwrap().contains("once_"));
    }
    let none = https.get(&url).send().await.unwrap();
    assert_eq!(none.status().as_u16(), 401);
    // /healthz is behind the same door.
    let health = https
        .get(format!(
            "https://127.0.0.1:{}/healthz",
            exporter.addr().port()
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(health.status().as_u16(), 401);

    // Plain HTTP to the TLS port gets no metrics.
    let plain = common::http()
        .get(format!(
            "http://127.0.0.1:{}/metrics",
            exporter.addr().port()
        ))
        .basic_auth("alice", Some("s3cret"))
        .send()
        .await;
    assert!(plain.is_err(), "{plain:?}");
    // A client that does not trust the certificate is refused by itself.
    let untrusting = reqwest::Client::builder()
        .no_proxy()
        .tls_certs_only([])
        .build()
        .unwrap();
    assert!(untrusting.get(&url).send().await.is_err());
    exporter.shutdown().await;
    let _ = std::fs::remove_dir_all(path.parent().unwrap());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn basic_auth_without_tls() {
    let sandbox = Sandbox::builder()
        .sims(3)
        .no_rate_limits()
        .start()
        .await
        .unwrap();
    let path = config_file("plain", &users());
    let exporter = start(&sandbox, &path).await.unwrap();
    assert!(!exporter.tls() && exporter.basic_auth());
    let url = format!("http://{}/metrics", exporter.addr());
    let http = common::http();
    let right = http
        .get(&url)
        .basic_auth("alice", Some("s3cret"))
        .send()
        .await
        .unwrap();
    assert_eq!(right.status().as_u16(), 200);
    let wrong = http
        .get(&url)
        .basic_auth("alice", Some("s3cret "))
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status().as_u16(), 401);
    exporter.shutdown().await;
    let _ = std::fs::remove_dir_all(path.parent().unwrap());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_web_configs_are_refused_naming_the_flag_the_file_and_the_problem() {
    let sandbox = Sandbox::builder()
        .sims(1)
        .no_rate_limits()
        .start()
        .await
        .unwrap();
    let cases = [
        (
            "plain-password",
            "basic_auth_users:\n  alice: s3cret\n",
            "basic_auth_users.alice: not a bcrypt hash",
        ),
        (
            "client-auth",
            "tls_server_config:\n  cert_file: cert.pem\n  key_file: key.pem\n  client_auth_type: RequireAndVerifyClientCert\n",
            "unknown field `client_auth_type`",
        ),
        (
            "no-key",
            "tls_server_config:\n  cert_file: cert.pem\n",
            "tls_server_config needs both cert_file and key_file",
        ),
        (
            "missing-cert",
            "tls_server_config:\n  cert_file: nowhere.pem\n  key_file: key.pem\n",
            "tls_server_config.cert_file",
        ),
        (
            "headers",
            "http_server_config:\n  headers:\n    X-Frame-Options: deny\n",
            "unknown field `http_server_config`",
        ),
    ];
    for (name, yaml, problem) in cases {
        let path = config_file(name, yaml);
        let err = start(&sandbox, &path).await.unwrap_err().to_string();
        let prefix = format!("--web.config.file {}: ", path.display());
        assert!(err.starts_with(&prefix), "{name}: {err}");
        assert!(err.contains(problem), "{name}: {err}");
        let _ = std::fs::remove_dir_all(path.parent().unwrap());
    }
    let missing = Path::new("/nonexistent/once-exporter/web.yml");
    let err = start(&sandbox, missing).await.unwrap_err().to_string();
    assert!(
        err.starts_with("--web.config.file /nonexistent/once-exporter/web.yml: "),
        "{err}"
    );
}
