//! Scrubbing what the SDK sent that is secret (the access token, the Basic
//! credential, the client secret) out of what a server echoes back.
//!
//! API gateways echo what they were sent ("Invalid key=value pair in
//! Authorization header: 'Bearer eyJ…'"), and a token endpoint may echo
//! the Basic header. Every error detail the transport builds from a
//! response (body, code, message, decode snippet) goes through
//! [`Secrets::scrub`] first, so the secret never reaches `Display`,
//! `Debug`, logs or Python exceptions.

use std::borrow::Cow;

/// What replaces a secret in server text.
pub(crate) const MARKER: &str = "[redacted]";

/// An echo of at least this many characters of a secret's start is
/// scrubbed too (a gateway may cut a long token short).
const MIN_ECHO: usize = 12;

/// Values shorter than this are not scrubbed: replacing every `t` of a
/// message would destroy it, and a secret that short protects nothing.
const MIN_SECRET: usize = 6;

/// The secret values one request carried.
#[derive(Clone, Debug, Default)]
pub(crate) struct Secrets(Vec<String>);

impl Secrets {
    /// Adds `value` (ignored when shorter than [`MIN_SECRET`]) and its
    /// JSON-escaped form.
    pub(crate) fn add(&mut self, value: &str) {
        if value.len() < MIN_SECRET {
            return;
        }
        if value.contains('/') {
            self.0.push(value.replace('/', "\\/"));
        }
        self.0.push(value.to_string());
    }

    /// The secrets of a request with a bearer `token` and/or Basic
    /// credentials `(client id, client secret)`.
    pub(crate) fn of_request(token: Option<&str>, basic: Option<(&str, &str)>) -> Self {
        let mut s = Secrets::default();
        if let Some(t) = token {
            s.add(t);
        }
        if let Some((id, secret)) = basic {
            s.add(&base64(format!("{id}:{secret}").as_bytes()));
            s.add(secret);
        }
        // Longest first, so that a secret containing another is scrubbed whole.
        s.0.sort_by_key(|v| std::cmp::Reverse(v.len()));
        s
    }

    /// With the secrets of `values` too (a request body's secrets).
    pub(crate) fn with<'a>(mut self, values: impl Iterator<Item = &'a str>) -> Self {
        let before = self.0.len();
        values.for_each(|v| self.add(v));
        if self.0.len() != before {
            self.0.sort_by_key(|v| std::cmp::Reverse(v.len()));
        }
        self
    }

    /// `text` with every secret, and every echo of a secret's first
    /// [`MIN_ECHO`] or more characters, replaced by [`MARKER`].
    pub(crate) fn scrub<'a>(&self, text: &'a str) -> Cow<'a, str> {
        let mut out: Cow<'a, str> = Cow::Borrowed(text);
        for secret in &self.0 {
            if let Some(scrubbed) = scrub_one(&out, secret) {
                out = Cow::Owned(scrubbed);
            }
        }
        out
    }

    /// [`scrub`](Self::scrub) for an owned string.
    pub(crate) fn scrub_owned(&self, text: String) -> String {
        match self.scrub(&text) {
            Cow::Borrowed(_) => text,
            Cow::Owned(s) => s,
        }
    }
}

/// `text` with `secret` (and echoes of its start) replaced; `None` if it
/// holds none.
fn scrub_one(text: &str, secret: &str) -> Option<String> {
    // Short secrets are only scrubbed whole; long ones also when cut short.
    let probe_len = if secret.len() > MIN_ECHO {
        // On a char boundary.
        (MIN_ECHO..=secret.len()).find(|&i| secret.is_char_boundary(i))?
    } else {
        secret.len()
    };
    let probe = &secret[..probe_len];
    if !text.contains(probe) {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(probe) {
        out.push_str(&rest[..at]);
        out.push_str(MARKER);
        // Extend the match as far as the echo follows the secret.
        let tail = &rest[at..];
        let matched = tail
            .char_indices()
            .zip(secret.chars())
            .take_while(|((_, a), b)| a == b)
            .last()
            .map_or(0, |((i, c), _)| i + c.len_utf8());
        rest = &tail[matched.max(probe.len())..];
    }
    out.push_str(rest);
    Some(out)
}

/// Standard base64 with padding (what HTTP Basic authentication sends).
fn base64(input: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(input.len().div_ceil(3) * 4);
    for chunk in input.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ABC[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_http_basic() {
        assert_eq!(
            base64(b"test-client:test-secret-do-not-log"),
            "dGVzdC1jbGllbnQ6dGVzdC1zZWNyZXQtZG8tbm90LWxvZw=="
        );
        assert_eq!(base64(b"a"), "YQ==");
        assert_eq!(base64(b"ab"), "YWI=");
        assert_eq!(base64(b"abc"), "YWJj");
        assert_eq!(base64(b""), "");
    }

    #[test]
    fn whole_and_cut_short_echoes_are_scrubbed() {
        let token = "eyJhbGciOiJub25lIn0.payload-0123456789";
        let s = Secrets::of_request(Some(token), Some(("id", "s3cr3t/pass")));
        assert_eq!(
            s.scrub(&format!("header: 'Bearer {token}' ok")),
            "header: 'Bearer [redacted]' ok"
        );
        assert_eq!(
            s.scrub(&format!("cut: {}…", &token[..20])),
            "cut: [redacted]…"
        );
        assert_eq!(
            s.scrub("secret s3cr3t\\/pass and s3cr3t/pass"),
            "secret [redacted] and [redacted]"
        );
        assert_eq!(s.scrub("Basic aWQ6czNjcjN0L3Bhc3M="), "Basic [redacted]");
        assert!(matches!(s.scrub("nothing here"), Cow::Borrowed(_)));
        assert_eq!(s.scrub("eyJhbGci is short"), "eyJhbGci is short");
        let short = Secrets::of_request(Some("t"), None);
        assert_eq!(short.scrub("NotFound"), "NotFound");
    }
}
