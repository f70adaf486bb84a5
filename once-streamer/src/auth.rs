//! The HTTP Basic credentials 1NCE sends, checked in constant time.

use std::fmt;

use base64::Engine;

/// The user name and password configured for the stream in the 1NCE portal.
#[derive(Clone)]
pub struct BasicCredentials {
    expected: Vec<u8>,
    username: String,
}

impl BasicCredentials {
    /// Credentials for `username` and `password`.
    pub fn new(username: impl Into<String>, password: impl AsRef<str>) -> Self {
        let username = username.into();
        let expected = format!("{username}:{}", password.as_ref()).into_bytes();
        Self { expected, username }
    }

    /// The value of the `Authorization` header 1NCE sends with these credentials.
    pub fn header_value(&self) -> String {
        format!(
            "Basic {}",
            base64::engine::general_purpose::STANDARD.encode(&self.expected)
        )
    }

    /// True when `header` (an `Authorization` header value) carries these
    /// credentials. The comparison of the decoded credentials takes the same
    /// time wherever they differ.
    pub fn verify(&self, header: Option<&[u8]>) -> bool {
        let Some(header) = header else {
            return false;
        };
        let header = header.trim_ascii();
        if header.len() < 6 || !header[..6].eq_ignore_ascii_case(b"basic ") {
            return false;
        }
        let Ok(given) = base64::engine::general_purpose::STANDARD.decode(header[6..].trim_ascii())
        else {
            return false;
        };
        constant_time_eq(&given, &self.expected)
    }
}

impl fmt::Debug for BasicCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BasicCredentials")
            .field("username", &self.username)
            .field("password", &"[redacted]")
            .finish()
    }
}

/// Compares two byte strings in time that depends only on their lengths.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    let mut diff = (a.len() ^ b.len()) as u64;
    for i in 0..a.len().max(b.len()) {
        let x = a.get(i).copied().unwrap_or(0);
        let y = b.get(i).copied().unwrap_or(0xff);
        diff |= u64::from(x ^ y);
    }
    std::hint::black_box(diff) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verifies_only_the_right_credentials() {
        let c = BasicCredentials::new("1nce", "s3cret:with:colons");
        assert!(c.verify(Some(c.header_value().as_bytes())));
        let lower = c.header_value().replace("Basic", "basic");
        assert!(c.verify(Some(lower.as_bytes())));
        for wrong in [
            BasicCredentials::new("1nce", "s3cret:with:colon"),
            BasicCredentials::new("1nce", "s3cret:with:colonsX"),
            BasicCredentials::new("1NCE", "s3cret:with:colons"),
            BasicCredentials::new("", ""),
        ] {
            assert!(!c.verify(Some(wrong.header_value().as_bytes())));
        }
        assert!(!c.verify(None));
        assert!(!c.verify(Some(b"Bearer abc")));
        assert!(!c.verify(Some(b"Basic !!!")));
        assert!(!format!("{c:?}").contains("s3cret"));
    }

    #[test]
    fn constant_time_eq_is_eq() {
        assert!(constant_time_eq(b"", b""));
        assert!(constant_time_eq(b"abc", b"abc"));
        assert!(!constant_time_eq(b"abc", b"abd"));
        assert!(!constant_time_eq(b"abc", b"ab"));
        assert!(!constant_time_eq(b"ab\xff", b"ab"));
    }
}
