//! The conformance checks, one module of tests per document.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde_json::Value;
use wiremock::matchers::{any, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::common;
use crate::spec::{self, json_eq, SpecOp, SPEC_FILES};
use crate::{all_ops, Op};

fn describe(op: &SpecOp) -> String {
    format!(
        "{} {} ({}: {})",
        op.method, op.path, op.operation_id, op.summary
    )
}

/// Each (method, path) of `file` has exactly one row; each row of `file` is
/// one of its operations.
pub fn check_rows(file: &'static str) {
    let ops = spec::operations(file, &spec::load(file));
    let rows = all_ops();
    let mut counts: BTreeMap<(String, String), usize> = BTreeMap::new();
    for row in rows.iter().filter(|r| r.spec == file) {
        *counts
            .entry((row.method.to_string(), row.path.to_string()))
            .or_default() += 1;
    }
    let mut report = String::new();
    let missing: Vec<&SpecOp> = ops
        .iter()
        .filter(|o| !counts.contains_key(&o.key()))
        .collect();
    if !missing.is_empty() {
        let _ = writeln!(
            report,
            "{file}: {} of {} operations have no row:",
            missing.len(),
            ops.len()
        );
        for o in missing {
            let _ = writeln!(report, "  missing {}", describe(o));
        }
    }
    for ((m, p), n) in &counts {
        if !ops.iter().any(|o| &o.method == m && &o.path == p) {
            let _ = writeln!(report, "{file}: row {m} {p} is not an operation of {file}");
        } else if *n > 1 {
            let _ = writeln!(report, "{file}: {n} rows for {m} {p}, expected one");
        }
    }
    assert!(report.is_empty(), "\n{report}");
}

/// Every row names one of the six documents.
#[test]
fn rows_name_known_documents() {
    let unknown: Vec<String> = all_ops()
        .iter()
        .filter(|r| !SPEC_FILES.contains(&r.spec))
        .map(|r| format!("{} {} names unknown spec {:?}", r.method, r.path, r.spec))
        .collect();
    assert!(unknown.is_empty(), "{unknown:#?}");
}

/// A mock 1NCE for one operation: tokens from `POST /oauth/token`, and the
/// operation's 2xx status and example body for everything else.
async fn mock_for(op: &SpecOp) -> MockServer {
    let server = MockServer::start().await;
    let mut answer = ResponseTemplate::new(op.success_status);
    if let Some(body) = &op.success_body {
        answer = answer.set_body_json(body);
    }
    if op.path != "/oauth/token" {
        Mock::given(method("POST"))
            .and(path("/oauth/token"))
            .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
                "status_code": 200,
                "access_token": common::TOKEN,
                "token_type": "bearer",
                "expires_in": 3600,
                "userId": "user",
                "scope": "all"
            })))
            .with_priority(1)
            .mount(&server)
            .await;
    }
    Mock::given(any())
        .respond_with(answer)
        .with_priority(10)
        .mount(&server)
        .await;
    server
}

/// Runs each row's call of `file` and checks the request it sent.
pub async fn check_calls(file: &'static str) {
    let every = spec::all_operations();
    let rows = all_ops();
    let mut report = String::new();
    for row in rows.iter().filter(|r| r.spec == file) {
        let Some(op) = every
            .iter()
            .find(|o| o.spec == file && o.method == row.method && o.path == row.path)
        else {
            let _ = writeln!(
                report,
                "row {} {} is not an operation of {file}",
                row.method, row.path
            );
            continue;
        };
        if let Err(e) = check_call(row, op, &every).await {
            let _ = writeln!(report, "{} {} (`{}`): {e}", row.method, row.path, row.rust);
        }
    }
    assert!(report.is_empty(), "\n{report}");
}

async fn check_call(row: &Op, op: &SpecOp, every: &[SpecOp]) -> Result<(), String> {
    let server = mock_for(op).await;
    let client = common::client(&server);
    let result = (row.call)(client).await;
    let received = server.received_requests().await.unwrap_or_default();
    let sent: Vec<_> = received
        .iter()
        .filter(|r| op.path == "/oauth/token" || r.url.path() != "/oauth/token")
        .collect();
    match sent.as_slice() {
        [] => {
            return Err(format!(
                "sent no request (result: {})",
                result.err().map_or("Ok".into(), |e| e.to_string())
            ))
        }
        [req] => {
            let (m, p) = (req.method.as_str(), req.url.path());
            match spec::route(every, m, p) {
                Some(hit) if hit.method == row.method && hit.path == row.path => {}
                Some(hit) => {
                    return Err(format!(
                        "sent {m} {p}, which is {} {} in {}",
                        hit.method, hit.path, hit.spec
                    ))
                }
                None => return Err(format!("sent {m} {p}, which is no operation of the specs")),
            }
        }
        many => {
            let list: Vec<String> = many
                .iter()
                .map(|r| format!("{} {}", r.method, r.url.path()))
                .collect();
            return Err(format!(
                "sent {} requests, expected one: {list:?}",
                many.len()
            ));
        }
    }
    match result {
        Ok(()) => Ok(()),
        // Without an example the mock answers with an empty body, which a
        // call expecting a JSON object cannot decode: that is not a failure.
        Err(once_sdk::Error::Decode { .. }) if op.success_body.is_none() => Ok(()),
        Err(e) => Err(format!(
            "failed against the spec's 2xx answer ({} {}): {e}",
            op.success_status,
            if op.success_body.is_some() {
                "with its example"
            } else {
                "empty"
            }
        )),
    }
}

/// Every 2xx response example of `file` decodes through its row's
/// `decode_response`, every request example round-trips.
pub fn check_examples(file: &'static str) {
    let ops = spec::operations(file, &spec::load(file));
    let rows = all_ops();
    let mut report = String::new();
    for op in &ops {
        // Operations without a row are reported by `every_operation_has_one_row`.
        let Some(row) = rows
            .iter()
            .find(|r| r.spec == file && r.method == op.method && r.path == op.path)
        else {
            continue;
        };
        if !op.response_examples.is_empty() {
            match row.decode_response {
                None => {
                    let _ = writeln!(
                        report,
                        "{}: {} response example(s) but the row has no decode_response",
                        describe(op),
                        op.response_examples.len()
                    );
                }
                Some(decode) => {
                    for ex in &op.response_examples {
                        if let Err(e) = decode(ex.value.clone()) {
                            let _ = writeln!(
                                report,
                                "{}: {} does not decode: {e}\n    example: {}",
                                describe(op),
                                ex.source,
                                ex.value
                            );
                        }
                    }
                }
            }
        }
        if !op.request_examples.is_empty() {
            match row.roundtrip_request {
                None => {
                    let _ = writeln!(
                        report,
                        "{}: {} request example(s) but the row has no roundtrip_request",
                        describe(op),
                        op.request_examples.len()
                    );
                }
                Some(roundtrip) => {
                    for ex in &op.request_examples {
                        match roundtrip(ex.value.clone()) {
                            Ok(back) if json_eq(&back, &ex.value) => {}
                            Ok(back) => {
                                let _ = writeln!(
                                    report,
                                    "{}: {} changes in a round trip\n    example: {}\n    encoded: {back}",
                                    describe(op),
                                    ex.source,
                                    ex.value
                                );
                            }
                            Err(e) => {
                                let _ = writeln!(
                                    report,
                                    "{}: {} does not decode: {e}\n    example: {}",
                                    describe(op),
                                    ex.source,
                                    ex.value
                                );
                            }
                        }
                    }
                }
            }
        }
    }
    assert!(report.is_empty(), "\n{report}");
}

macro_rules! per_document {
    ($($module:ident => $file:literal),+ $(,)?) => {$(
        #[doc = concat!("Conformance with `", $file, "`.")]
        mod $module {
            #[test]
            fn every_operation_has_one_row() {
                super::check_rows($file);
            }

            #[tokio::test]
            async fn every_row_calls_its_operation() {
                super::check_calls($file).await;
            }

            #[test]
            fn examples_decode_and_roundtrip() {
                super::check_examples($file);
            }
        }
    )+};
}

per_document!(
    authorization => "authorization.yml",
    sims_v2 => "sim-management-v2.yml",
    sims_v1 => "sim-management.yml",
    orders => "order-management.yml",
    products => "product-information.yml",
    support => "support-management.yml",
);

/// The IMEI examples are written unquoted (`0000000000000018`); they must
/// reach the decoders as the strings they are.
#[test]
fn yaml_keeps_leading_zero_digits_as_strings() {
    fn walk(v: &Value, at: &str, found: &mut Vec<(String, Value)>) {
        match v {
            Value::Object(map) => {
                for (k, v) in map {
                    if k.starts_with("imei") {
                        if let Some(e) = v.get("example") {
                            found.push((format!("{at}/{k}/example"), e.clone()));
                        } else if !v.is_object() {
                            found.push((format!("{at}/{k}"), v.clone()));
                        }
                    }
                    walk(v, &format!("{at}/{k}"), found);
                }
            }
            Value::Array(items) => {
                for (i, v) in items.iter().enumerate() {
                    walk(v, &format!("{at}/{i}"), found);
                }
            }
            _ => {}
        }
    }
    let mut found = Vec::new();
    for file in SPEC_FILES {
        walk(&spec::load(file), file, &mut found);
    }
    let zeros: Vec<_> = found
        .iter()
        .filter(|(_, v)| v == &Value::String("0000000000000018".into()))
        .collect();
    assert_eq!(
        zeros.len(),
        3,
        "the three unquoted IMEI examples: {found:#?}"
    );
    let numbers: Vec<_> = found.iter().filter(|(_, v)| v.is_number()).collect();
    assert!(
        numbers.is_empty(),
        "IMEI examples read as numbers: {numbers:#?}"
    );
}

/// The table of docs/API_COVERAGE.md, generated from the rows.
fn coverage_markdown() -> String {
    let every = spec::all_operations();
    let mut rows: Vec<&Op> = Vec::new();
    let ops = all_ops();
    rows.extend(ops.iter());
    let method_rank = |m: &str| {
        ["GET", "POST", "PUT", "PATCH", "DELETE"]
            .iter()
            .position(|x| *x == m)
            .unwrap_or(9)
    };
    rows.sort_by_key(|r| {
        (
            SPEC_FILES.iter().position(|f| *f == r.spec).unwrap_or(99),
            r.path,
            method_rank(r.method),
        )
    });
    let cell = |s: &str| s.replace('|', "\\|");
    let mut out = String::from(
        "# API coverage\n\
         \n\
         <!-- Generated by the conformance test (tests/conformance) from its rows; do not edit. -->\n\
         \n\
         Every operation of the official 1NCE OpenAPI documents\n\
         (`tests/fixtures/openapi/`), the SDK call that performs it and the\n\
         `once` command (once-cli) that runs it.\n\
         \n\
         This file is generated from the rows of the conformance test\n\
         (`tests/conformance/{v1,v2,other}.rs`), which runs every call\n\
         against a mock server, checks the method and path it sends, and decodes\n\
         every example of the documents with the SDK's types. Do not edit it by\n\
         hand: `cargo test -p once-sdk --test conformance` fails when it differs\n\
         from what the rows generate, and\n\
         `UPDATE_COVERAGE=1 cargo test -p once-sdk --test conformance coverage_doc`\n\
         rewrites it.\n\
         \n\
         | operation | spec file | method + path | Rust call | Python call | CLI command |\n\
         | --- | --- | --- | --- | --- | --- |\n",
    );
    for r in rows {
        let summary = every
            .iter()
            .find(|o| o.spec == r.spec && o.method == r.method && o.path == r.path)
            .map_or("(not in the spec)".to_string(), |o| o.summary.clone());
        let python = crate::python::call(r.method, r.path)
            .map_or_else(|| "—".to_string(), |p| format!("`{}`", cell(p)));
        let cli = once_cli::operations::command(r.method, r.path)
            .map_or_else(|| "—".to_string(), |c| format!("`{}`", cell(c)));
        let _ = writeln!(
            out,
            "| {} | {} | `{} {}` | `{}` | {} | {} |",
            cell(&summary),
            r.spec,
            r.method,
            r.path,
            cell(r.rust),
            python,
            cli
        );
    }
    let os_doc = spec::load(crate::os::FILE);
    let os_ops = spec::operations(crate::os::FILE, &os_doc);
    let mut os_rows = crate::os::ops();
    os_rows.sort_by_key(|r| (r.path, method_rank(r.method)));
    let _ = write!(
        out,
        "\n## 1NCE OS ({})\n\n\
         The {} operations of 1NCE's device platform, checked by\n\
         `tests/conformance/os.rs` (each request against the document's\n\
         parameters and body schema; every example and a body generated from\n\
         each response schema decoded; the Python calls by the wheel's\n\
         `tests/test_coverage.py` against the sandbox); the CLI column is\n\
         once-cli's `once os` command (`once_cli::operations::OS_COMMANDS`).\n\
         \n\
         | operation | spec file | method + path | Rust call | Python call | CLI command |\n\
         | --- | --- | --- | --- | --- | --- |\n",
        crate::os::FILE,
        os_ops.len()
    );
    for r in os_rows {
        let summary = os_ops
            .iter()
            .find(|o| o.method == r.method && o.path == r.path)
            .map_or(String::new(), |o| o.summary.clone());
        let python = crate::python::call(r.method, r.path)
            .map_or_else(|| "—".to_string(), |p| format!("`{}`", cell(p)));
        let cli = once_cli::operations::command(r.method, r.path)
            .map_or_else(|| "—".to_string(), |c| format!("`{}`", cell(c)));
        let _ = writeln!(
            out,
            "| {} | {} | `{} {}` | `{}` | {} | {} |",
            cell(&summary),
            r.spec,
            r.method,
            r.path,
            cell(r.rust),
            python,
            cli
        );
    }
    out.push_str(
        "\n## Additions beyond the OpenAPI documents\n\n\
         Operations 1NCE documents elsewhere but not in the OpenAPI files above;\n\
         the fixtures cannot check them; their tests are named in the second column.\n\
         \n\
         | operation | source and body | method + path | Rust call | Python call |\n\
         | --- | --- | --- | --- | --- |\n",
    );
    for a in ADDITIONS {
        let _ = writeln!(
            out,
            "| {} | {}; {} | `{} {}` | `{}` | `{}` |",
            a.summary, a.source, a.note, a.method, a.path, a.rust, a.python
        );
    }
    out
}

/// An operation the SDK performs that the OpenAPI documents do not list.
struct Addition {
    summary: &'static str,
    source: &'static str,
    method: &'static str,
    path: &'static str,
    rust: &'static str,
    python: &'static str,
    note: &'static str,
}

/// The operations beyond the OpenAPI documents (docs/API_COVERAGE.md, last section).
const ADDITIONS: &[Addition] = &[Addition {
    summary: "Enable Auto Top Up",
    source: "1NCE v2 API docs (answered 201 Created)",
    method: "POST",
    path: "/v2/sims/autoTopup",
    rust: "client.sims().auto_top_up(&iccids, enabled)",
    python: "client.sims.auto_top_up(iccids, enabled=...)",
    note: "the body is not published for v2; `{\"enabled\": bool, \"iccids\": [...]}` is inferred from `POST /v1/sims/autoTopup` (tests/v2_auto_top_up.rs)",
}];

/// An addition that shows up in the documents must become a row instead.
#[test]
fn additions_are_not_in_the_documents() {
    let every = spec::all_operations();
    for a in ADDITIONS {
        assert!(
            !every
                .iter()
                .any(|o| o.method == a.method && o.path == a.path),
            "{} {} is in the OpenAPI documents now: give it a row",
            a.method,
            a.path
        );
    }
}

/// Every Python call names a row (1NCE OS's included), once; every row
/// outside SIM management v1 has one (v1 rows get theirs with the v1 wrapper).
#[test]
fn python_calls_name_rows() {
    let mut rows = all_ops();
    rows.extend(crate::os::ops());
    let mut problems = Vec::new();
    for (i, (m, p, _)) in crate::python::PYTHON_CALLS.iter().enumerate() {
        if !rows.iter().any(|r| r.method == *m && r.path == *p) {
            problems.push(format!("python call for {m} {p} has no row"));
        }
        if crate::python::PYTHON_CALLS[..i]
            .iter()
            .any(|(m2, p2, _)| m2 == m && p2 == p)
        {
            problems.push(format!("two python calls for {m} {p}"));
        }
    }
    for r in rows.iter().filter(|r| r.spec != "sim-management.yml") {
        if crate::python::call(r.method, r.path).is_none() {
            problems.push(format!("{} {} has no python call", r.method, r.path));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Every row (1NCE OS's too) has a `once` command, and every command of
/// the CLI's tables (`once_cli::operations::OPERATIONS` and `OS_COMMANDS`)
/// names a row, once.
#[test]
fn cli_commands_name_rows() {
    let mut rows = all_ops();
    rows.extend(crate::os::ops());
    let mut problems = Vec::new();
    for (i, c) in once_cli::operations::OS_COMMANDS.iter().enumerate() {
        match once_sdk::api::os::OPERATIONS
            .iter()
            .find(|o| o.name == c.operation)
        {
            None => problems.push(format!(
                "`{}` names no SDK operation {}",
                c.command, c.operation
            )),
            Some(o)
                if !rows
                    .iter()
                    .any(|r| r.method == o.method && r.path == o.path) =>
            {
                problems.push(format!(
                    "CLI command for {} {} has no row",
                    o.method, o.path
                ))
            }
            Some(_) => {}
        }
        if once_cli::operations::OS_COMMANDS[..i]
            .iter()
            .any(|p| p.operation == c.operation)
        {
            problems.push(format!("two CLI commands for {}", c.operation));
        }
    }
    let ops = once_cli::operations::OPERATIONS;
    for (i, o) in ops.iter().enumerate() {
        if !rows
            .iter()
            .any(|r| r.method == o.method && r.path == o.path)
        {
            problems.push(format!(
                "CLI command for {} {} has no row",
                o.method, o.path
            ));
        }
        if ops[..i]
            .iter()
            .any(|p| p.method == o.method && p.path == o.path)
        {
            problems.push(format!("two CLI commands for {} {}", o.method, o.path));
        }
    }
    for r in rows.iter() {
        if once_cli::operations::command(r.method, r.path).is_none() {
            problems.push(format!("{} {} has no `once` command", r.method, r.path));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// docs/API_COVERAGE.md equals what the rows generate; `UPDATE_COVERAGE=1`
/// rewrites it.
#[test]
fn coverage_doc_is_current() {
    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/API_COVERAGE.md");
    let want = coverage_markdown();
    if std::env::var("UPDATE_COVERAGE").as_deref() == Ok("1") {
        std::fs::write(&file, &want)
            .unwrap_or_else(|e| panic!("cannot write {}: {e}", file.display()));
        return;
    }
    let have = std::fs::read_to_string(&file).unwrap_or_default();
    if have != want {
        let first = have
            .lines()
            .zip(want.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| have.lines().count().min(want.lines().count()));
        panic!(
            "{} is not what the rows generate (first difference at line {}: have {:?}, want {:?}); \
             run `UPDATE_COVERAGE=1 cargo test -p once-sdk --test conformance coverage_doc`",
            file.display(),
            first + 1,
            have.lines().nth(first),
            want.lines().nth(first)
        );
    }
}

/// The matcher that routes requests must prefer concrete paths and respect
/// segment counts, or `every_row_calls_its_operation` proves nothing.
#[test]
fn routing_prefers_concrete_paths() {
    assert_eq!(
        spec::template_match("/v1/sims/{iccid}", "/v1/sims/123"),
        Some(2)
    );
    assert_eq!(spec::template_match("/v1/sims/{iccid}", "/v1/sims"), None);
    assert_eq!(
        spec::template_match("/v1/sims/{iccid}", "/v1/sims/1/usage"),
        None
    );
    assert_eq!(spec::template_match("/v1/sims/{iccid}", "/v1/sims/"), None);
    let every = spec::all_operations();
    let hit = spec::route(&every, "GET", "/v1/sims/limits").expect("routes");
    assert_eq!(hit.path, "/v1/sims/limits");
    let hit = spec::route(&every, "GET", "/v1/orders/17").expect("routes");
    assert_eq!(
        (hit.spec, hit.path.as_str()),
        ("order-management.yml", "/v1/orders/{order_number}")
    );
    assert!(spec::route(&every, "DELETE", "/v1/orders").is_none());
}

#[test]
fn json_comparison_is_strict_but_for_number_and_time_notation() {
    use serde_json::json;
    assert!(json_eq(&json!({"a": [3600]}), &json!({"a": [3600.0]})));
    assert!(json_eq(
        &json!("2028-03-14T16:10:29.000+00:00"),
        &json!("2028-03-14T16:10:29Z")
    ));
    assert!(!json_eq(
        &json!("2028-03-14T16:10:29Z"),
        &json!("2028-03-14T16:10:30Z")
    ));
    assert!(!json_eq(&json!({"a": 1}), &json!({"a": 1, "b": null})));
    assert!(!json_eq(&json!({"a": "18"}), &json!({"a": 18})));
    assert!(!json_eq(&json!(["x"]), &json!(["y"])));
}
