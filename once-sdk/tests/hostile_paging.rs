//! Pagination always ends: a server that ignores `page` gets a clear error
//! at the first repeated page, and the headers bound how many pages are
//! asked for.

mod common;

use common::*;
use futures::StreamExt;
use once_sdk::Error;
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, Request, ResponseTemplate};

fn sims(from: u64, n: u64) -> serde_json::Value {
    json!((from..from + n)
        .map(|i| json!({"iccid": format!("{}", 8988280666000000000u64 + i)}))
        .collect::<Vec<_>>())
}

fn page_param(r: &Request) -> u64 {
    r.url
        .query_pairs()
        .find(|(k, _)| k == "page")
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(1)
}

/// Collects items until the stream ends; the error that ended it, if any.
async fn drain(client: &once_sdk::Client) -> (usize, Option<Error>) {
    let mut stream = client.sims().list().page_size(10).stream();
    let mut items = 0;
    while let Some(next) = stream.next().await {
        match next {
            Ok(_) => items += 1,
            Err(e) => {
                assert!(stream.next().await.is_none(), "nothing after the error");
                return (items, Some(e));
            }
        }
    }
    (items, None)
}

#[tokio::test]
async fn a_server_that_ignores_page_ends_the_stream_at_the_first_repeat() {
    let header_sets: [&[(&str, &str)]; 5] = [
        &[],
        &[("x-current-page", "1")],
        &[("x-total-count", "1000")],
        &[("x-total-pages", "100")],
        &[
            ("x-total-count", "1000"),
            ("x-total-pages", "100"),
            ("x-count-per-page", "10"),
        ],
    ];
    for headers in header_sets {
        let server = server().await;
        let mut answer = ResponseTemplate::new(200).set_body_json(sims(0, 10));
        for (k, v) in headers {
            answer = answer.insert_header(*k, *v);
        }
        Mock::given(method("GET"))
            .and(path("/v2/sims"))
            .respond_with(answer)
            .mount(&server)
            .await;
        let (items, err) = drain(&client(&server)).await;
        assert_eq!(items, 10, "{headers:?}: the first page, once");
        let err = err.unwrap_or_else(|| panic!("{headers:?}: ended without an error"));
        assert!(
            matches!(
                err,
                Error::RepeatedPage {
                    operation: "sims.list",
                    page: 2,
                    repeats: 1,
                    ..
                }
            ),
            "{headers:?}: {err:?}"
        );
        assert_eq!(
            err.to_string(),
            "`sims.list`: page 2 repeats page 1 (the server does not page as asked); the list was stopped there"
        );
        assert_eq!(api_requests(&server).await.len(), 2, "{headers:?}");
    }
}

#[tokio::test]
async fn no_more_pages_are_asked_for_than_the_headers_allow() {
    // The server keeps sending full, different pages; its headers say how
    // many there are.
    for (headers, pages) in [
        (vec![("x-total-count", "25")], 3),
        (vec![("x-total-count", "20")], 2),
        (vec![("x-total-pages", "2")], 2),
        (vec![("x-total-count", "1000"), ("x-total-pages", "3")], 3),
        (vec![("x-total-count", "25"), ("x-total-pages", "100")], 3),
    ] {
        let server = server().await;
        let h = headers.clone();
        Mock::given(method("GET"))
            .and(path("/v2/sims"))
            .respond_with(move |r: &Request| {
                let n = page_param(r);
                let mut answer = ResponseTemplate::new(200)
                    .set_body_json(sims((n - 1) * 10, 10))
                    .insert_header("x-current-page", n.to_string().as_str());
                for (k, v) in &h {
                    answer = answer.insert_header(*k, *v);
                }
                answer
            })
            .mount(&server)
            .await;
        let (items, err) = drain(&client(&server)).await;
        assert!(err.is_none(), "{headers:?}: {err:?}");
        assert_eq!(items, pages * 10, "{headers:?}");
        let asked: Vec<u64> = api_requests(&server).await.iter().map(page_param).collect();
        assert_eq!(asked, (1..=pages as u64).collect::<Vec<_>>(), "{headers:?}");
    }
}
