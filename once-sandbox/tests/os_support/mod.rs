//! What the 1NCE OS tests share: 1NCE's document, its operations, a
//! validator for its schemas, and plain HTTP with a token.

#![allow(dead_code)]

use std::time::Duration;

use once_sandbox::Sandbox;
use serde_json::Value;

/// 1NCE's OpenAPI document for 1NCE OS (an unmodified copy), read once.
pub fn document() -> Value {
    static DOC: std::sync::OnceLock<Value> = std::sync::OnceLock::new();
    DOC.get_or_init(|| {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/1nce-os.yml");
        let text = std::fs::read_to_string(path).expect("the 1NCE OS document");
        serde_yaml_ng::from_str(&text).expect("the 1NCE OS document is YAML")
    })
    .clone()
}

/// One operation of the document.
#[derive(Clone, Debug)]
pub struct Operation {
    pub method: String,
    pub template: String,
    pub has_body: bool,
    pub op: Value,
}

impl Operation {
    /// The first success status the document gives, and its schema (if the
    /// answer has a JSON body).
    pub fn success(&self, doc: &Value) -> (u16, Option<(String, Value)>) {
        let responses = self.op["responses"].as_object().expect("responses");
        let (code, r) = responses
            .iter()
            .find(|(c, _)| c.starts_with('2'))
            .expect("a 2xx response");
        (code.parse().expect("numeric status"), content(doc, r))
    }

    /// The schema of an error status, if the document has one.
    pub fn error_schema(&self, doc: &Value, status: u16) -> Option<Value> {
        let r = self.op["responses"].get(status.to_string())?;
        content(doc, r).map(|(_, s)| s)
    }
}

fn content(doc: &Value, r: &Value) -> Option<(String, Value)> {
    let r = resolve(doc, r);
    let (ct, c) = r.get("content")?.as_object()?.iter().next()?;
    Some((ct.clone(), c.get("schema")?.clone()))
}

/// The document's operations, in its order.
pub fn operations(doc: &Value) -> Vec<Operation> {
    let mut out = Vec::new();
    for (template, item) in doc["paths"].as_object().expect("paths") {
        for (method, op) in item.as_object().expect("path item") {
            if ["get", "post", "put", "patch", "delete"].contains(&method.as_str()) {
                out.push(Operation {
                    method: method.to_uppercase(),
                    template: template.clone(),
                    has_body: op.get("requestBody").is_some(),
                    op: op.clone(),
                });
            }
        }
    }
    out
}

/// Follows `$ref`s within the document.
pub fn resolve<'a>(doc: &'a Value, mut v: &'a Value) -> &'a Value {
    while let Some(r) = v.get("$ref").and_then(Value::as_str) {
        let pointer = r.trim_start_matches('#');
        v = doc
            .pointer(pointer)
            .unwrap_or_else(|| panic!("dangling $ref {r}"));
    }
    v
}

/// Where `value` breaks `schema` (empty: it conforms). Checks types,
/// `required`, `additionalProperties: false`, enums, lengths, bounds,
/// patterns, item counts, `date-time`/`ipv4`/`uri` formats, and
/// `oneOf`/`anyOf`/`allOf`.
pub fn violations(doc: &Value, schema: &Value, value: &Value) -> Vec<String> {
    let mut out = Vec::new();
    check(doc, schema, value, "$", &mut out);
    out
}

fn push(out: &mut Vec<String>, at: &str, m: String) {
    out.push(format!("{at}: {m}"));
}

fn check(doc: &Value, schema: &Value, v: &Value, at: &str, out: &mut Vec<String>) {
    let s = resolve(doc, schema);
    if let Some(all) = s.get("allOf").and_then(Value::as_array) {
        for sub in all {
            check(doc, sub, v, at, out);
        }
    }
    if let Some(any) = s.get("anyOf").and_then(Value::as_array) {
        if !any.iter().any(|sub| violations(doc, sub, v).is_empty()) {
            out.push(format!("{at}: matches none of anyOf"));
        }
    }
    if let Some(one) = s.get("oneOf").and_then(Value::as_array) {
        let fits: Vec<Vec<String>> = one.iter().map(|sub| violations(doc, sub, v)).collect();
        let n = fits.iter().filter(|f| f.is_empty()).count();
        if n != 1 {
            out.push(format!("{at}: matches {n} of oneOf ({fits:?})"));
        }
    }
    // A mistake of the document: settings' `expiryDate` says `type:
    // object`, `format: date-time`, and its example is a date-time string.
    let date_time_object = s.get("type").and_then(Value::as_str) == Some("object")
        && s.get("format").and_then(Value::as_str) == Some("date-time");
    if date_time_object {
        if v.as_str()
            .is_none_or(|t| chrono::DateTime::parse_from_rfc3339(t).is_err())
        {
            push(out, at, format!("expected a date-time string, got {v}"));
        }
        return;
    }
    if let Some(t) = s.get("type").and_then(Value::as_str) {
        let ok = match t {
            "object" => v.is_object(),
            "array" => v.is_array(),
            "string" => v.is_string(),
            "boolean" => v.is_boolean(),
            "integer" => v.is_i64() || v.is_u64() || v.as_f64().is_some_and(|f| f.fract() == 0.0),
            "number" => v.is_number(),
            _ => true,
        };
        if !ok {
            push(out, at, format!("expected {t}, got {v}"));
            return;
        }
    }
    if let Some(e) = s.get("enum").and_then(Value::as_array) {
        if !e.contains(v) {
            push(out, at, format!("{v} is not one of {e:?}"));
        }
    }
    if let Some(text) = v.as_str() {
        let n = text.chars().count() as u64;
        if s.get("minLength")
            .and_then(Value::as_u64)
            .is_some_and(|m| n < m)
        {
            push(out, at, format!("{text:?} is shorter than minLength"));
        }
        if s.get("maxLength")
            .and_then(Value::as_u64)
            .is_some_and(|m| n > m)
        {
            push(out, at, format!("{text:?} is longer than maxLength"));
        }
        if let Some(p) = s.get("pattern").and_then(Value::as_str) {
            let re = regex::Regex::new(p).unwrap_or_else(|e| panic!("pattern {p}: {e}"));
            if !re.is_match(text) {
                push(out, at, format!("{text:?} does not match {p}"));
            }
        }
        match s.get("format").and_then(Value::as_str) {
            Some("date-time") if chrono::DateTime::parse_from_rfc3339(text).is_err() => {
                push(out, at, format!("{text:?} is not a date-time"))
            }
            Some("date") if chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").is_err() => {
                push(out, at, format!("{text:?} is not a date"))
            }
            Some("ipv4") if text.parse::<std::net::Ipv4Addr>().is_err() => {
                push(out, at, format!("{text:?} is not an IPv4 address"))
            }
            Some("uri") if reqwest::Url::parse(text).is_err() => {
                push(out, at, format!("{text:?} is not a URI"))
            }
            _ => {}
        }
    }
    if let Some(n) = v.as_f64() {
        if s.get("minimum")
            .and_then(Value::as_f64)
            .is_some_and(|m| n < m)
        {
            push(out, at, format!("{n} is below the minimum"));
        }
        if s.get("maximum")
            .and_then(Value::as_f64)
            .is_some_and(|m| n > m)
        {
            push(out, at, format!("{n} is above the maximum"));
        }
    }
    if let Some(items) = v.as_array() {
        if s.get("minItems")
            .and_then(Value::as_u64)
            .is_some_and(|m| (items.len() as u64) < m)
        {
            push(
                out,
                at,
                format!("fewer than minItems items ({})", items.len()),
            );
        }
        if s.get("maxItems")
            .and_then(Value::as_u64)
            .is_some_and(|m| (items.len() as u64) > m)
        {
            push(
                out,
                at,
                format!("more than maxItems items ({})", items.len()),
            );
        }
        if let Some(item) = s.get("items") {
            for (i, x) in items.iter().enumerate() {
                check(doc, item, x, &format!("{at}[{i}]"), out);
            }
        }
    }
    if let Some(obj) = v.as_object() {
        let props = s.get("properties").and_then(Value::as_object);
        for r in s
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let k = r.as_str().unwrap_or("");
            if !obj.contains_key(k) {
                push(out, at, format!("required {k} is missing"));
            }
        }
        for (k, x) in obj {
            match props.and_then(|p| p.get(k)) {
                Some(ps) => check(doc, ps, x, &format!("{at}.{k}"), out),
                None => match s.get("additionalProperties") {
                    Some(Value::Bool(false)) => out.push(format!("{at}: {k} is not allowed")),
                    Some(extra @ Value::Object(_)) => {
                        check(doc, extra, x, &format!("{at}.{k}"), out)
                    }
                    _ => {}
                },
            }
        }
    }
}

/// Plain HTTP against the sandbox with a token of its own.
pub struct Http {
    pub http: reqwest::Client,
    pub base: String,
    pub token: String,
}

/// An answer: status, content type, body text.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub content_type: String,
    pub retry_after: Option<String>,
    pub text: String,
}

impl Answer {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.text).unwrap_or_else(|e| panic!("{e}: {}", self.text))
    }
}

impl Http {
    pub async fn new(sb: &Sandbox) -> Http {
        let http = reqwest::Client::builder().no_proxy().build().unwrap();
        let creds = sb.credentials();
        let token: Value = http
            .post(format!("{}/oauth/token", sb.base_url()))
            .basic_auth(creds.client_id(), Some(creds.expose_secret()))
            .header("content-type", "application/json")
            .body(r#"{"grant_type":"client_credentials"}"#)
            .send()
            .await
            .unwrap()
            .text()
            .await
            .map(|t| serde_json::from_str(&t).unwrap())
            .unwrap();
        Http {
            http,
            base: sb.base_url().to_string(),
            token: token["access_token"].as_str().unwrap().to_string(),
        }
    }

    /// Sends `method path` with the token and an optional JSON body.
    pub async fn send(&self, method: &str, path: &str, body: Option<&Value>) -> Answer {
        let mut req = self
            .http
            .request(method.parse().unwrap(), format!("{}{path}", self.base))
            .bearer_auth(&self.token);
        if let Some(b) = body {
            req = req
                .header("content-type", "application/json")
                .body(b.to_string());
        }
        let resp = req.send().await.unwrap();
        let header = |n: &str| {
            resp.headers()
                .get(n)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        let content_type = header("content-type").unwrap_or_default();
        let retry_after = header("retry-after");
        Answer {
            status: resp.status().as_u16(),
            content_type,
            retry_after,
            text: resp.text().await.unwrap(),
        }
    }

    pub async fn get(&self, path: &str) -> Answer {
        self.send("GET", path, None).await
    }
}

/// Waits for `done` with a generous hang guard (10 s): a condition, never
/// a time budget.
pub async fn wait_for(what: &str, mut done: impl FnMut() -> bool) {
    for _ in 0..1000 {
        if done() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    panic!("timed out waiting for {what}");
}
