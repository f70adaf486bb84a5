//! Data Streamer request bodies, decoded by the Rust decoder
//! (`once_sdk::streamer::decode_batch`) for `once_sdk.streamer`.

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};

/// Decodes a request body. Returns the decoded records as one JSON array
/// (each the typed record, with `kind` and the record as sent under `raw`)
/// and the rejected records as `(index, id, field, rule)`.
#[pyfunction]
#[allow(clippy::type_complexity)]
fn _decode_stream(
    body: &Bound<'_, PyAny>,
) -> PyResult<(String, Vec<(usize, Option<String>, String, String)>)> {
    let bytes: Vec<u8> = if let Ok(b) = body.cast::<PyBytes>() {
        b.as_bytes().to_vec()
    } else if let Ok(s) = body.cast::<PyString>() {
        s.to_cow()?.as_bytes().to_vec()
    } else {
        return Err(PyTypeError::new_err("body must be bytes or str"));
    };
    let batch = once_sdk::streamer::decode_batch(&bytes)
        .map_err(|e| PyValueError::new_err(e.to_string()))?;
    let mut records = Vec::with_capacity(batch.records.len());
    for (record, raw) in batch.records.iter().zip(batch.raw) {
        let mut v = serde_json::to_value(record)
            .map_err(|e| PyValueError::new_err(format!("record does not serialize: {e}")))?;
        if let Some(obj) = v.as_object_mut() {
            obj.insert("raw".into(), raw.to_value());
        }
        records.push(v);
    }
    let json = serde_json::to_string(&records)
        .map_err(|e| PyValueError::new_err(format!("records do not serialize: {e}")))?;
    let rejected = batch
        .rejected
        .into_iter()
        .map(|r| {
            (
                r.index,
                r.id.map(|id| id.to_string()),
                r.error.field,
                r.error.rule,
            )
        })
        .collect();
    Ok((json, rejected))
}

/// Adds the decoder to the module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(_decode_stream, m)?)
}
