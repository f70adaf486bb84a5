//! Data Streamer request bodies, decoded by the Rust decoder
//! (`once_sdk::streamer::decode_batch_with`) for `once_sdk.streamer`.

use std::borrow::Cow;

use once_sdk::streamer::{
    decode_batch_with, DecodeOptions, EventSeverity, Platform, StreamBatch, StreamRecord,
};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};

/// A rejected record: `(index, id, field, rule, raw JSON text)`.
type Rejected = (usize, Option<String>, String, String, String);

/// The names `platform=` takes, as the error message lists them.
const PLATFORMS: &str = "None, 'platform1', 'platform2' or 'detect'";

fn platform_arg(platform: Option<&str>) -> PyResult<Platform> {
    match platform {
        None | Some("detect") => Ok(Platform::Detect),
        Some("platform1") => Ok(Platform::Platform1),
        Some("platform2") => Ok(Platform::Platform2),
        Some(other) => Err(PyValueError::new_err(format!(
            "platform must be {PLATFORMS}, got {other:?}"
        ))),
    }
}

fn platform_name(platform: Option<Platform>) -> Option<&'static str> {
    match platform {
        Some(Platform::Platform1) => Some("platform1"),
        Some(Platform::Platform2) => Some("platform2"),
        _ => None,
    }
}

/// The decoded records as one JSON array, written without building a
/// `serde_json::Value`: each record is serialized as it is typed, then its
/// text as sent is spliced in before the closing brace as `"raw": {...}`
/// (and `"severity_ambiguous": true` for an event whose severity id could
/// not be read without knowing the platform).
fn records_json(batch: &StreamBatch) -> Result<String, String> {
    let raw_len: usize = batch.raw.iter().map(|r| r.as_str().len()).sum();
    let mut out = Vec::with_capacity(2 * raw_len + 2);
    out.push(b'[');
    for (i, (record, raw)) in batch.records.iter().zip(&batch.raw).enumerate() {
        if i > 0 {
            out.push(b',');
        }
        serde_json::to_writer(&mut out, record)
            .map_err(|e| format!("record does not serialize: {e}"))?;
        // A record is an object with at least `kind` and `id`: drop its
        // closing brace and add the fields after a comma.
        if out.pop() != Some(b'}') {
            return Err("a record did not serialize as a JSON object".into());
        }
        if let StreamRecord::Event(e) = record {
            if matches!(e.severity, Some(EventSeverity::Ambiguous(_))) {
                out.extend_from_slice(br#","severity_ambiguous":true"#);
            }
        }
        out.extend_from_slice(br#","raw":"#);
        out.extend_from_slice(raw.as_bytes());
        out.push(b'}');
    }
    out.push(b']');
    String::from_utf8(out).map_err(|e| format!("records are not UTF-8: {e}"))
}

/// Decodes a request body with `platform` (`None`, `"platform1"`,
/// `"platform2"` or `"detect"`). Returns the decoded records as one JSON
/// array (each the typed record, with `kind` and the record as sent under
/// `raw`), the rejected records as `(index, id, field, rule, raw)` and the
/// batch's platform (`"platform1"`, `"platform2"` or `None`).
#[pyfunction]
#[pyo3(signature = (body, platform=None))]
fn _decode_stream(
    py: Python<'_>,
    body: &Bound<'_, PyAny>,
    platform: Option<String>,
) -> PyResult<(String, Vec<Rejected>, Option<&'static str>)> {
    let options = DecodeOptions::new().platform(platform_arg(platform.as_deref())?);
    let text: Cow<'_, [u8]>;
    let bytes: &[u8] = if let Ok(b) = body.cast::<PyBytes>() {
        b.as_bytes()
    } else if let Ok(s) = body.cast::<PyString>() {
        text = match s.to_cow()? {
            Cow::Borrowed(s) => Cow::Borrowed(s.as_bytes()),
            Cow::Owned(s) => Cow::Owned(s.into_bytes()),
        };
        &text
    } else {
        return Err(PyTypeError::new_err("body must be bytes or str"));
    };
    let decoded = py.detach(|| {
        let batch = decode_batch_with(bytes, &options).map_err(|e| e.to_string())?;
        let json = records_json(&batch)?;
        let rejected: Vec<Rejected> = batch
            .rejected
            .into_iter()
            .map(|r| {
                (
                    r.index,
                    r.id.map(|id| id.to_string()),
                    r.error.field,
                    r.error.rule,
                    r.raw.as_str().to_string(),
                )
            })
            .collect();
        Ok::<_, String>((json, rejected, platform_name(batch.platform)))
    });
    decoded.map_err(PyValueError::new_err)
}

/// Adds the decoder to the module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(_decode_stream, m)?)
}
