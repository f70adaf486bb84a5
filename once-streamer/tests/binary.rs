//! The once-streamer binary: JSON lines into segment files, a clean stop on SIGTERM.

use std::time::Duration;

use once_streamer::BasicCredentials;

#[cfg(unix)]
#[tokio::test]
async fn writes_json_lines_and_stops_on_sigterm() {
    let dir = std::env::temp_dir().join(format!("once-streamer-bin-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let out = dir.join("records");
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_once-streamer"))
        .args([
            "--listen",
            &format!("127.0.0.1:{port}"),
            "--username",
            "1nce",
            "--out",
        ])
        .arg(&out)
        .env("ONCE_STREAMER_PASSWORD", "pw")
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let url = format!("http://127.0.0.1:{port}/");
    let auth = BasicCredentials::new("1nce", "pw").header_value();
    let body =
        r#"[{"id": 1, "traffic_type_id": 6, "volume_total": 1}, {"id": 1, "traffic_type_id": 6}]"#;
    let http = reqwest::Client::new();
    let mut status = None;
    for _ in 0..200 {
        match http
            .post(&url)
            .header("authorization", &auth)
            .body(body)
            .send()
            .await
        {
            Ok(r) => {
                status = Some(r.status().as_u16());
                break;
            }
            Err(_) => tokio::time::sleep(Duration::from_millis(50)).await,
        }
    }
    assert_eq!(status, Some(200));
    let pid = child.id().unwrap().to_string();
    let killed = std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap();
    assert!(killed.success());
    let exit = tokio::time::timeout(Duration::from_secs(30), child.wait())
        .await
        .unwrap()
        .unwrap();
    assert!(exit.success(), "{exit:?}");
    let text = std::fs::read_to_string(out.join("records-00000001.jsonl")).unwrap();
    assert_eq!(text.lines().count(), 1);
    assert!(text.contains("\"kind\":\"usage\""));
    let ids = std::fs::read_to_string(out.join("records-00000001.ids")).unwrap();
    assert_eq!(ids, "usage:1\n");
    std::fs::remove_dir_all(&dir).unwrap();
}
