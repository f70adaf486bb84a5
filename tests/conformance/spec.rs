//! Reading the OpenAPI documents: their operations, the examples of their
//! 2xx responses and request bodies, and routing a request to an operation.

use std::collections::BTreeMap;

use serde_json::Value;

/// The six documents, in the order docs/API_COVERAGE.md lists them.
pub const SPEC_FILES: [&str; 6] = [
    "authorization.yml",
    "sim-management-v2.yml",
    "sim-management.yml",
    "order-management.yml",
    "product-information.yml",
    "support-management.yml",
];

const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// Where the unmodified copies of the documents live.
pub fn fixtures_dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/openapi")
}

/// Parses one document into JSON.
///
/// serde_yaml_ng keeps plain scalars made of digits with leading zeros
/// (`imei: 0000000000000018`) as strings, as YAML 1.2 says they are not
/// numbers; `yaml_keeps_leading_zero_digits_as_strings` guards that, since
/// the IMEI examples depend on it.
pub fn load(file: &str) -> Value {
    let path = fixtures_dir().join(file);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_yaml_ng::from_str(&text).unwrap_or_else(|e| panic!("{file} is not valid YAML: {e}"))
}

/// An example from a document.
#[derive(Clone, Debug)]
pub struct Example {
    /// Where it was found, for failure messages.
    pub source: String,
    pub value: Value,
}

/// One operation of a document.
#[derive(Clone, Debug)]
pub struct SpecOp {
    pub spec: &'static str,
    /// In capitals.
    pub method: String,
    pub path: String,
    pub summary: String,
    pub operation_id: String,
    /// Examples of the 2xx response bodies.
    pub response_examples: Vec<Example>,
    /// Examples of the request body.
    pub request_examples: Vec<Example>,
    /// What a mock server answers: the first 2xx status (one with an example
    /// if there is one) and that example.
    pub success_status: u16,
    pub success_body: Option<Value>,
}

impl SpecOp {
    /// `GET /v1/orders`.
    pub fn key(&self) -> (String, String) {
        (self.method.clone(), self.path.clone())
    }
}

/// Follows `$ref`s within the document.
pub fn resolve<'a>(doc: &'a Value, mut v: &'a Value) -> &'a Value {
    for _ in 0..32 {
        let Some(r) = v.get("$ref").and_then(Value::as_str) else {
            return v;
        };
        let pointer = r
            .strip_prefix('#')
            .unwrap_or_else(|| panic!("only local $refs are supported, got {r}"));
        v = doc
            .pointer(pointer)
            .unwrap_or_else(|| panic!("dangling $ref {r}"));
    }
    panic!("$ref cycle")
}

/// An example of a value of `schema`: the schema's own `example` where it
/// gives one (a full example: used as is), else one assembled from the
/// examples of its parts (object properties, array items, `allOf` parts,
/// the first `oneOf`/`anyOf` variant that has one). `None` when nothing in
/// the schema has an example.
pub fn schema_example(doc: &Value, schema: &Value, depth: usize) -> Option<Value> {
    let schema = resolve(doc, schema);
    if depth > 16 {
        return None;
    }
    if let Some(e) = schema.get("example") {
        return Some(e.clone());
    }
    if let Some(parts) = schema.get("allOf").and_then(Value::as_array) {
        let mut merged = serde_json::Map::new();
        for part in parts {
            if let Some(Value::Object(m)) = schema_example(doc, part, depth + 1) {
                merged.extend(m);
            }
        }
        return (!merged.is_empty()).then_some(Value::Object(merged));
    }
    for key in ["oneOf", "anyOf"] {
        if let Some(variants) = schema.get(key).and_then(Value::as_array) {
            return variants
                .iter()
                .find_map(|v| schema_example(doc, v, depth + 1));
        }
    }
    if let Some(items) = schema.get("items") {
        return schema_example(doc, items, depth + 1).map(|e| Value::Array(vec![e]));
    }
    if let Some(props) = schema.get("properties").and_then(Value::as_object) {
        let object: serde_json::Map<String, Value> = props
            .iter()
            .filter_map(|(k, p)| schema_example(doc, p, depth + 1).map(|e| (k.clone(), e)))
            .collect();
        return (!object.is_empty()).then_some(Value::Object(object));
    }
    None
}

/// The examples of a `content` map: the media type's `example`, every entry
/// of its `examples`, and the example of its schema (see [`schema_example`]).
fn content_examples(doc: &Value, content: &Value, what: &str, out: &mut Vec<Example>) {
    let Some(content) = content.as_object() else {
        return;
    };
    for (media, m) in content {
        let m = resolve(doc, m);
        let mut found = Vec::new();
        if let Some(e) = m.get("example") {
            found.push((format!("{what} {media} example"), e.clone()));
        }
        if let Some(map) = m.get("examples").and_then(Value::as_object) {
            for (name, e) in map {
                let e = resolve(doc, e);
                if let Some(v) = e.get("value") {
                    found.push((format!("{what} {media} examples.{name}"), v.clone()));
                }
            }
        }
        if let Some(schema) = m.get("schema") {
            if let Some(e) = schema_example(doc, schema, 0) {
                found.push((format!("{what} {media} schema example"), e));
            }
        }
        for (source, value) in found {
            // application/json and application/json;charset=UTF-8 repeat each other.
            if !out.iter().any(|e| e.value == value) {
                out.push(Example { source, value });
            }
        }
    }
}

/// Every operation of a document, with its examples.
pub fn operations(spec: &'static str, doc: &Value) -> Vec<SpecOp> {
    let mut ops = Vec::new();
    let Some(paths) = doc.get("paths").and_then(Value::as_object) else {
        return ops;
    };
    for (path, item) in paths {
        let item = resolve(doc, item);
        for method in METHODS {
            let Some(op) = item.get(method) else {
                continue;
            };
            let text = |k: &str| op.get(k).and_then(Value::as_str).unwrap_or("").to_string();
            let mut response_examples = Vec::new();
            // BTreeMap: 200 before 201.
            let mut by_status: BTreeMap<u16, Vec<Example>> = BTreeMap::new();
            if let Some(responses) = op.get("responses").and_then(Value::as_object) {
                for (code, resp) in responses {
                    let Ok(status) = code.parse::<u16>() else {
                        continue;
                    };
                    if !(200..300).contains(&status) {
                        continue;
                    }
                    let resp = resolve(doc, resp);
                    let mut found = Vec::new();
                    if let Some(content) = resp.get("content") {
                        content_examples(
                            doc,
                            content,
                            &format!("{} {path} {code}", method.to_uppercase()),
                            &mut found,
                        );
                    }
                    for e in &found {
                        if !response_examples
                            .iter()
                            .any(|x: &Example| x.value == e.value)
                        {
                            response_examples.push(e.clone());
                        }
                    }
                    by_status.insert(status, found);
                }
            }
            let (success_status, success_body) = by_status
                .iter()
                .find(|(_, ex)| !ex.is_empty())
                .map(|(s, ex)| (*s, Some(ex[0].value.clone())))
                .or_else(|| by_status.keys().next().map(|s| (*s, None)))
                .unwrap_or((200, None));
            let mut request_examples = Vec::new();
            if let Some(body) = op.get("requestBody") {
                let body = resolve(doc, body);
                if let Some(content) = body.get("content") {
                    content_examples(
                        doc,
                        content,
                        &format!("{} {path} request", method.to_uppercase()),
                        &mut request_examples,
                    );
                }
            }
            ops.push(SpecOp {
                spec,
                method: method.to_uppercase(),
                path: path.clone(),
                summary: text("summary"),
                operation_id: text("operationId"),
                response_examples,
                request_examples,
                success_status,
                success_body,
            });
        }
    }
    ops
}

/// Every operation of every document.
pub fn all_operations() -> Vec<SpecOp> {
    SPEC_FILES
        .iter()
        .flat_map(|f| operations(f, &load(f)))
        .collect()
}

/// Whether `path` fits `template` (`{name}` matches one non-empty segment),
/// and how many literal segments matched (more is more specific).
pub fn template_match(template: &str, path: &str) -> Option<usize> {
    let t: Vec<&str> = template.trim_end_matches('/').split('/').collect();
    let p: Vec<&str> = path.trim_end_matches('/').split('/').collect();
    if t.len() != p.len() {
        return None;
    }
    let mut literals = 0;
    for (t, p) in t.iter().zip(&p) {
        if t.starts_with('{') && t.ends_with('}') {
            if p.is_empty() {
                return None;
            }
        } else if t == p {
            literals += usize::from(!t.is_empty());
        } else {
            return None;
        }
    }
    Some(literals)
}

/// The operation a server following the documents would route a request
/// to: same method, matching template, concrete segments preferred over
/// templated ones (`/v1/sims/limits` before `/v1/sims/{iccid}`).
pub fn route<'a>(ops: &'a [SpecOp], method: &str, path: &str) -> Option<&'a SpecOp> {
    ops.iter()
        .filter(|o| o.method == method)
        .filter_map(|o| template_match(&o.path, path).map(|score| (score, o)))
        .max_by_key(|(score, _)| *score)
        .map(|(_, o)| o)
}

/// JSON equality where `3600` equals `3600.0`, and two timestamps equal
/// when they are the same instant (the SDK writes RFC 3339, so
/// `2028-03-14T16:10:29.000+00:00` comes back as `2028-03-14T16:10:29Z`).
pub fn json_eq(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x == y || x.as_f64() == y.as_f64(),
        (Value::String(x), Value::String(y)) if x != y => {
            match (
                x.parse::<once_sdk::Timestamp>(),
                y.parse::<once_sdk::Timestamp>(),
            ) {
                (Ok(x), Ok(y)) => x == y,
                _ => false,
            }
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| json_eq(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| json_eq(v, w)))
        }
        _ => a == b,
    }
}
