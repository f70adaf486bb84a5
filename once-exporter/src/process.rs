//! The standard `process_*` metrics of Prometheus clients, read from
//! `/proc` at every scrape (Linux; elsewhere there are none):
//! `process_cpu_seconds_total`, `process_resident_memory_bytes`,
//! `process_virtual_memory_bytes`, `process_open_fds`, `process_max_fds`
//! and `process_start_time_seconds`.

use prometheus_client::collector::Collector;
use prometheus_client::encoding::{DescriptorEncoder, NoLabelSet};
use prometheus_client::metrics::MetricType;
use prometheus_client::registry::Unit;

/// What `/proc/self/stat` says, in the metrics' units.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Stat {
    /// User plus system CPU time, seconds.
    pub cpu_seconds: f64,
    /// Virtual memory size, bytes.
    pub virtual_bytes: f64,
    /// Resident set size, bytes.
    pub resident_bytes: f64,
    /// Start time, seconds since boot.
    pub start_since_boot: f64,
}

/// Parses a `/proc/<pid>/stat` line, with `ticks` clock ticks per second
/// and `page` bytes per page. The command name (field 2) may hold spaces
/// and parentheses: the fields are counted after its last `)`.
pub fn parse_stat(line: &str, ticks: f64, page: f64) -> Option<Stat> {
    let (_, after) = line.rsplit_once(')')?;
    // Field 3 (state) is index 0 here: field n is index n - 3.
    let fields: Vec<&str> = after.split_whitespace().collect();
    let num = |field: usize| fields.get(field - 3)?.parse::<f64>().ok();
    Some(Stat {
        cpu_seconds: (num(14)? + num(15)?) / ticks,
        start_since_boot: num(22)? / ticks,
        virtual_bytes: num(23)?,
        resident_bytes: num(24)? * page,
    })
}

/// The soft limit on open files from a `/proc/<pid>/limits` text.
pub fn parse_max_fds(limits: &str) -> Option<f64> {
    let line = limits.lines().find(|l| l.starts_with("Max open files"))?;
    let soft = line["Max open files".len()..].split_whitespace().next()?;
    match soft {
        "unlimited" => Some(f64::INFINITY),
        n => n.parse().ok(),
    }
}

/// The boot time (Unix seconds) from a `/proc/stat` text.
pub fn parse_boot_time(stat: &str) -> Option<f64> {
    stat.lines()
        .find_map(|l| l.strip_prefix("btime "))?
        .trim()
        .parse()
        .ok()
}

/// Collects the `process_*` metrics of this process.
#[derive(Debug, Default)]
pub struct ProcessCollector;

/// One value of one metric: name (without unit), help, unit, type, value.
type Reading = (&'static str, &'static str, Option<Unit>, MetricType, f64);

#[cfg(target_os = "linux")]
fn read() -> Vec<Reading> {
    // SAFETY: sysconf only reads configuration values.
    let (ticks, page) = unsafe {
        (
            libc::sysconf(libc::_SC_CLK_TCK) as f64,
            libc::sysconf(libc::_SC_PAGESIZE) as f64,
        )
    };
    let mut out = Vec::new();
    let stat = std::fs::read_to_string("/proc/self/stat")
        .ok()
        .and_then(|l| parse_stat(&l, ticks, page));
    if let Some(s) = stat {
        out.push((
            "process_cpu",
            "Total user and system CPU time spent in seconds.",
            Some(Unit::Seconds),
            MetricType::Counter,
            s.cpu_seconds,
        ));
        out.push((
            "process_resident_memory",
            "Resident memory size in bytes.",
            Some(Unit::Bytes),
            MetricType::Gauge,
            s.resident_bytes,
        ));
        out.push((
            "process_virtual_memory",
            "Virtual memory size in bytes.",
            Some(Unit::Bytes),
            MetricType::Gauge,
            s.virtual_bytes,
        ));
        let boot = std::fs::read_to_string("/proc/stat")
            .ok()
            .and_then(|t| parse_boot_time(&t));
        if let Some(boot) = boot {
            out.push((
                "process_start_time",
                "Start time of the process since unix epoch in seconds.",
                Some(Unit::Seconds),
                MetricType::Gauge,
                boot + s.start_since_boot,
            ));
        }
    }
    if let Ok(fds) = std::fs::read_dir("/proc/self/fd") {
        // The directory handle being read is one of them.
        let open = fds.count().saturating_sub(1);
        out.push((
            "process_open_fds",
            "Number of open file descriptors.",
            None,
            MetricType::Gauge,
            open as f64,
        ));
    }
    let max = std::fs::read_to_string("/proc/self/limits")
        .ok()
        .and_then(|t| parse_max_fds(&t));
    if let Some(max) = max {
        out.push((
            "process_max_fds",
            "Maximum number of open file descriptors.",
            None,
            MetricType::Gauge,
            max,
        ));
    }
    out
}

#[cfg(not(target_os = "linux"))]
fn read() -> Vec<Reading> {
    Vec::new()
}

impl Collector for ProcessCollector {
    fn encode(&self, mut encoder: DescriptorEncoder) -> std::fmt::Result {
        for (name, help, unit, kind, v) in read() {
            let mut m = encoder.encode_descriptor(name, help, unit.as_ref(), kind)?;
            match kind {
                MetricType::Counter => m.encode_counter::<NoLabelSet, _, f64>(&v, None)?,
                _ => m.encode_gauge(&v)?,
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stat_fields_after_the_command_name() {
        // A command name with a space and a parenthesis.
        let line = "4242 (once (exp)orter) S 1 4242 4242 0 -1 4194560 2048 0 0 0 \
                    150 50 0 0 20 0 9 0 123400 1073741824 2560 18446744073709551615 \
                    1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0";
        let s = parse_stat(line, 100.0, 4096.0).unwrap();
        assert_eq!(
            s,
            Stat {
                cpu_seconds: 2.0,
                start_since_boot: 1234.0,
                virtual_bytes: 1_073_741_824.0,
                resident_bytes: 2560.0 * 4096.0,
            }
        );
        assert_eq!(parse_stat("4242 (x) S 1", 100.0, 4096.0), None);
    }

    #[test]
    fn limits_and_boot_time() {
        let limits = "Limit                     Soft Limit           Hard Limit           Units     \n\
                      Max processes             63704                63704                processes \n\
                      Max open files            1024                 524288               files     \n";
        assert_eq!(parse_max_fds(limits), Some(1024.0));
        assert_eq!(
            parse_max_fds(
                "Max open files            unlimited            unlimited            files"
            ),
            Some(f64::INFINITY)
        );
        assert_eq!(parse_max_fds("nothing"), None);
        let stat = "cpu  1 2 3\nintr 5\nbtime 1764800000\nprocesses 9\n";
        assert_eq!(parse_boot_time(stat), Some(1_764_800_000.0));
    }
}
