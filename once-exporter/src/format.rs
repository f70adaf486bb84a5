//! Exposition formats and their negotiation. prometheus-client encodes
//! OpenMetrics; [`to_classic`] rewrites its family headers into the classic
//! Prometheus text format 0.0.4 (sample lines are the same in both), which
//! is what a scraper gets unless it asks for OpenMetrics (`Accept`). gzip
//! when `Accept-Encoding` allows it.

use std::fmt::Write as _;

/// The content type of the classic Prometheus text format.
pub const CLASSIC_CONTENT_TYPE: &str = "text/plain; version=0.0.4; charset=utf-8";
/// The content type of OpenMetrics, as prometheus-client encodes it.
pub const OPENMETRICS_CONTENT_TYPE: &str =
    "application/openmetrics-text; version=1.0.0; charset=utf-8";

/// An exposition format a scrape can be answered in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// The classic Prometheus text format, version 0.0.4 (`text/plain`):
    /// no `info` or `unknown` types, no `# UNIT`, no `# EOF`.
    Classic,
    /// OpenMetrics 1.0.0 (`application/openmetrics-text`).
    OpenMetrics,
}

impl Format {
    /// The `Content-Type` of a response in this format.
    pub fn content_type(self) -> &'static str {
        match self {
            Format::Classic => CLASSIC_CONTENT_TYPE,
            Format::OpenMetrics => OPENMETRICS_CONTENT_TYPE,
        }
    }

    /// The format an `Accept` header asks for: OpenMetrics when
    /// `application/openmetrics-text` (version 1.0.0, 0.0.1 or none) is the
    /// most preferred range this exporter can serve, the classic format
    /// otherwise (also without `Accept`, or when nothing in it matches).
    /// Ties in `q` go to the range listed first.
    ///
    /// ```
    /// use once_exporter::format::Format;
    /// // Prometheus 2.x's default.
    /// let prometheus = "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";
    /// assert_eq!(Format::negotiate(Some(prometheus)), Format::OpenMetrics);
    /// assert_eq!(Format::negotiate(Some("text/plain")), Format::Classic);
    /// assert_eq!(Format::negotiate(None), Format::Classic);
    /// ```
    pub fn negotiate(accept: Option<&str>) -> Format {
        let Some(accept) = accept else {
            return Format::Classic;
        };
        let mut best: Option<(f32, Format)> = None;
        for range in accept.split(',') {
            let mut parts = range.split(';').map(str::trim);
            let media = parts.next().unwrap_or("").to_ascii_lowercase();
            let mut q = 1.0f32;
            let mut version: Option<String> = None;
            for param in parts {
                if let Some((k, v)) = param.split_once('=') {
                    let v = v.trim().trim_matches('"');
                    match k.trim().to_ascii_lowercase().as_str() {
                        "q" => q = v.parse().unwrap_or(0.0),
                        "version" => version = Some(v.to_string()),
                        _ => {}
                    }
                }
            }
            let version = version.as_deref();
            let format = match media.as_str() {
                "application/openmetrics-text"
                    if matches!(version, None | Some("1.0.0") | Some("0.0.1")) =>
                {
                    Format::OpenMetrics
                }
                "text/plain" if matches!(version, None | Some("0.0.4")) => Format::Classic,
                "*/*" | "text/*" => Format::Classic,
                _ => continue,
            };
            if q > 0.0 && best.is_none_or(|(b, _)| q > b) {
                best = Some((q, format));
            }
        }
        best.map_or(Format::Classic, |(_, f)| f)
    }
}

/// True when an `Accept-Encoding` header allows gzip (`gzip`, `x-gzip` or
/// `*`, with a `q` above 0; an explicit `gzip;q=0` wins over `*`).
pub fn accepts_gzip(accept_encoding: Option<&str>) -> bool {
    let Some(header) = accept_encoding else {
        return false;
    };
    let mut gzip = None;
    let mut any = None;
    for coding in header.split(',') {
        let mut parts = coding.split(';').map(str::trim);
        let name = parts.next().unwrap_or("").to_ascii_lowercase();
        let q = parts
            .filter_map(|p| p.split_once('='))
            .find(|(k, _)| k.trim().eq_ignore_ascii_case("q"))
            .map_or(1.0, |(_, v)| v.trim().parse::<f32>().unwrap_or(0.0));
        match name.as_str() {
            "gzip" | "x-gzip" => gzip = Some(q > 0.0),
            "*" => any = Some(q > 0.0),
            _ => {}
        }
    }
    gzip.or(any).unwrap_or(false)
}

/// Rewrites OpenMetrics text (as prometheus-client encodes it) into the
/// classic text format 0.0.4: a counter family `x` is announced as
/// `x_total`, an info family `x` becomes the gauge `x_info`, `unknown`
/// becomes `untyped`, `# UNIT` and `# EOF` lines go, and HELP texts lose
/// the `\"` escape the classic format does not have. Sample lines are
/// copied as they are.
pub fn to_classic(openmetrics: &str) -> String {
    let mut out = String::with_capacity(openmetrics.len());
    let mut help: Option<&str> = None;
    for line in openmetrics.split_inclusive('\n') {
        let body = line.strip_suffix('\n').unwrap_or(line);
        if let Some(rest) = body.strip_prefix("# HELP ") {
            flush_help(&mut out, help.take(), None);
            help = Some(rest);
            continue;
        }
        if let Some(rest) = body.strip_prefix("# TYPE ") {
            let (name, kind) = rest.split_once(' ').unwrap_or((rest, "unknown"));
            let (suffix, kind) = match kind {
                "counter" => ("_total", "counter"),
                "info" => ("_info", "gauge"),
                "stateset" => ("", "gauge"),
                "unknown" => ("", "untyped"),
                other => ("", other),
            };
            let classic = format!("{name}{suffix}");
            flush_help(&mut out, help.take(), Some((name, &classic)));
            let _ = writeln!(out, "# TYPE {classic} {kind}");
            continue;
        }
        flush_help(&mut out, help.take(), None);
        if body.starts_with("# UNIT ") || body == "# EOF" {
            continue;
        }
        out.push_str(line);
    }
    flush_help(&mut out, help, None);
    out
}

/// Writes a pending `# HELP` line, renamed when it belongs to the family
/// `rename.0` (announced as `rename.1`).
fn flush_help(out: &mut String, help: Option<&str>, rename: Option<(&str, &str)>) {
    let Some(help) = help else { return };
    let (name, text) = help.split_once(' ').unwrap_or((help, ""));
    let name = match rename {
        Some((family, classic)) if family == name => classic,
        _ => name,
    };
    let text = if text.contains("\\\"") {
        text.replace("\\\"", "\"")
    } else {
        text.to_string()
    };
    let _ = writeln!(out, "# HELP {name} {text}");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn openmetrics_headers_become_classic_ones() {
        let om = "# HELP a_requests Requests.\n# TYPE a_requests counter\na_requests_total{x=\"1\"} 3\n\
# HELP a_build The \\\"version\\\".\n# TYPE a_build info\na_build_info{version=\"1\"} 1\n\
# HELP a_age_seconds Age.\n# TYPE a_age_seconds gauge\n# UNIT a_age_seconds seconds\na_age_seconds 2.5\n\
# HELP a_what What.\n# TYPE a_what unknown\na_what 1\n# EOF\n";
        assert_eq!(
            to_classic(om),
            "# HELP a_requests_total Requests.\n# TYPE a_requests_total counter\na_requests_total{x=\"1\"} 3\n\
# HELP a_build_info The \"version\".\n# TYPE a_build_info gauge\na_build_info{version=\"1\"} 1\n\
# HELP a_age_seconds Age.\n# TYPE a_age_seconds gauge\na_age_seconds 2.5\n\
# HELP a_what What.\n# TYPE a_what untyped\na_what 1\n"
        );
    }

    #[test]
    fn negotiation_follows_q_then_order() {
        use Format::*;
        let n = |a: &str| Format::negotiate(Some(a));
        assert_eq!(n("application/openmetrics-text"), OpenMetrics);
        assert_eq!(
            n("application/openmetrics-text; version=0.0.1"),
            OpenMetrics
        );
        assert_eq!(n("application/openmetrics-text; version=2.0.0"), Classic);
        assert_eq!(n("text/plain;version=0.0.4"), Classic);
        assert_eq!(n("*/*"), Classic);
        assert_eq!(n("application/json"), Classic);
        assert_eq!(
            n("application/openmetrics-text;q=0.3,text/plain;q=0.5"),
            Classic
        );
        assert_eq!(
            n("text/plain;q=0.5,application/openmetrics-text;q=0.6"),
            OpenMetrics
        );
        assert_eq!(n("text/plain,application/openmetrics-text"), Classic);
        assert_eq!(n("application/openmetrics-text;q=0,*/*;q=0.1"), Classic);
        // Prometheus 2.42 with scrape_classic-like preferences.
        assert_eq!(
            n("text/plain;version=0.0.4;q=1,application/openmetrics-text;version=1.0.0;q=0.9"),
            Classic
        );
    }

    #[test]
    fn gzip_when_accepted() {
        assert!(accepts_gzip(Some("gzip")));
        assert!(accepts_gzip(Some("deflate, gzip;q=0.5")));
        assert!(accepts_gzip(Some("*")));
        assert!(accepts_gzip(Some("x-gzip")));
        assert!(!accepts_gzip(Some("gzip;q=0")));
        assert!(!accepts_gzip(Some("gzip;q=0, *")));
        assert!(!accepts_gzip(Some("identity")));
        assert!(!accepts_gzip(Some("br")));
        assert!(!accepts_gzip(None));
    }
}
