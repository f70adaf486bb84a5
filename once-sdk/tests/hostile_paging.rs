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

/// Every list of both API versions: a server that ignores `page` and
/// changes something in every answer (a timestamp per item, so no two
/// bodies are alike) ends the stream at page 2 with `RepeatedPage`, found
/// by the items' ids; the first page's items are yielded once.
#[tokio::test]
#[allow(deprecated)]
async fn every_list_ends_when_a_page_repeats_items_in_a_changed_body() {
    use futures::stream::BoxStream;
    type Lister = fn(&once_sdk::Client) -> BoxStream<'static, once_sdk::Result<()>>;
    let iccid: once_sdk::Iccid = "8988280666000000017".parse().unwrap();
    let lists: Vec<(&str, &str, &str, Lister)> = vec![
        ("sims.list", "/v2/sims", "iccid", |c| {
            c.sims()
                .list()
                .page_size(3)
                .stream()
                .map(|r| r.map(drop))
                .boxed()
        }),
        (
            "sims.events",
            "/v2/sims/8988280666000000017/events",
            "id",
            |c| {
                let i = "8988280666000000017".parse().unwrap();
                c.sims()
                    .events(&i)
                    .page_size(3)
                    .stream()
                    .map(|r| r.map(drop))
                    .boxed()
            },
        ),
        ("sms.list", "/v2/sims/8988280666000000017/sms", "id", |c| {
            let i = "8988280666000000017".parse().unwrap();
            c.sms()
                .list(&i)
                .page_size(3)
                .stream()
                .map(|r| r.map(drop))
                .boxed()
        }),
        ("orders.list", "/v1/orders", "order_number", |c| {
            c.orders()
                .list()
                .page_size(3)
                .stream()
                .map(|r| r.map(drop))
                .boxed()
        }),
        ("support.list", "/v1/support", "caseId", |c| {
            c.support()
                .list()
                .page_size(3)
                .stream()
                .map(|r| r.map(drop))
                .boxed()
        }),
        ("v1.sims.list", "/v1/sims", "iccid", |c| {
            c.v1()
                .sims()
                .list()
                .page_size(3)
                .stream()
                .map(|r| r.map(drop))
                .boxed()
        }),
        (
            "v1.sims.sms.list",
            "/v1/sims/8988280666000000017/sms",
            "id",
            |c| {
                let i = "8988280666000000017".parse().unwrap();
                c.v1()
                    .sms()
                    .list(&i)
                    .page_size(3)
                    .stream()
                    .map(|r| r.map(drop))
                    .boxed()
            },
        ),
        (
            "v1.sims.events",
            "/v1/sims/8988280666000000017/events",
            "id",
            |c| {
                let i = "8988280666000000017".parse().unwrap();
                c.v1()
                    .sims()
                    .events(&i)
                    .page_size(3)
                    .stream()
                    .map(|r| r.map(drop))
                    .boxed()
            },
        ),
    ];
    let _ = &iccid;
    for (operation, at, id_field, list) in lists {
        for total in [None, Some("9")] {
            let server = server().await;
            let answers = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0));
            let v1_events = operation == "v1.sims.events";
            Mock::given(method("GET"))
                .and(path(at))
                .respond_with(move |_: &Request| {
                    let n = answers.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                    let items: Vec<serde_json::Value> = (0..3u64)
                        .map(|i| {
                            let id = if id_field == "iccid" {
                                json!(format!("{}", 8988280666000000000u64 + i))
                            } else if id_field == "caseId" {
                                json!(format!("case-{i}"))
                            } else {
                                json!(1000 + i)
                            };
                            json!({id_field: id, "changed": format!("answer {n}")})
                        })
                        .collect();
                    let body = if v1_events {
                        json!({"events": items})
                    } else {
                        json!(items)
                    };
                    let mut answer = ResponseTemplate::new(200).set_body_json(body);
                    if let Some(t) = total {
                        answer = answer.insert_header("x-total-count", t);
                    }
                    answer
                })
                .mount(&server)
                .await;
            let mut stream = list(&client(&server));
            let mut items = 0;
            let mut err = None;
            while let Some(next) = stream.next().await {
                match next {
                    Ok(()) => items += 1,
                    Err(e) => {
                        err = Some(e);
                        break;
                    }
                }
                // The bug this guards against loops forever.
                assert!(items <= 30, "{operation} {total:?}: the list loops");
            }
            assert_eq!(items, 3, "{operation} {total:?}: the first page, once");
            match err {
                Some(Error::RepeatedPage {
                    operation: op,
                    page: 2,
                    repeats: 1,
                    ..
                }) => assert_eq!(op, operation),
                other => panic!("{operation} {total:?}: ended with {other:?}"),
            }
        }
    }
}

/// A list that shifted while it was read (three items of page 1 come again
/// on page 2): every item once, in order, and the list goes on.
#[tokio::test]
async fn items_an_earlier_page_had_are_not_yielded_again() {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path("/v2/sims"))
        .respond_with(|r: &Request| {
            let body = match page_param(r) {
                1 => sims(0, 10),
                2 => sims(7, 10),
                _ => sims(17, 3),
            };
            ResponseTemplate::new(200).set_body_json(body)
        })
        .mount(&server)
        .await;
    let got: Vec<String> = client(&server)
        .sims()
        .list()
        .page_size(10)
        .stream()
        .map(|r| r.unwrap().iccid.to_string())
        .collect()
        .await;
    let want: Vec<String> = (0..20u64)
        .map(|i| format!("{}", 8988280666000000000u64 + i))
        .collect();
    assert_eq!(got, want);
}
