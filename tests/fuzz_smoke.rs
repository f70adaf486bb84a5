//! The fuzz targets' bodies (`once-sdk/fuzz/src/lib.rs`) driven without
//! libFuzzer: each committed seed, then inputs mutated from the seeds.
//!
//! A plain `cargo test` runs a fixed number of mutations from a fixed seed,
//! so the run is the same every time. `scripts/fuzz-smoke.sh` sets
//! `ONCE_FUZZ_SECS` (a time budget per target) and a fresh `ONCE_FUZZ_SEED`.
//! A failing input is written to `target/fuzz-smoke/` and printed; replay it
//! with `cargo fuzz run TARGET FILE` or add it to the seeds.

#[path = "../once-sdk/fuzz/src/lib.rs"]
#[allow(dead_code)]
mod bodies;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Mutations per target in a plain test run.
const DEFAULT_MUTATIONS: u64 = 3_000;
/// Longest input the mutator makes.
const MAX_LEN: usize = 4096;

/// Tokens worth splicing into JSON bodies, timestamps, identifiers and SMS.
const DICTIONARY: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "\"",
    "\"\"",
    "null",
    "true",
    "false",
    "0",
    "-0",
    "1e999",
    "-1",
    "3.0",
    "1.5e308",
    "18446744073709551616",
    "9999999999999999",
    "\"NaN\"",
    "\"inf\"",
    "\"TOTAL\"",
    "\"total\"",
    "\"\\u0000\"",
    "\"\\ud800\"",
    "+0000",
    "Z",
    "T",
    " ",
    ".000",
    "2018-03-09T07:59:09.000+0000",
    "2031-11-26 00:00:00",
    "2031-11-26",
    "+99:59",
    "-9999",
    "262143",
    "\"iccid\"",
    "\"imsi\"",
    "\"imei\"",
    "\"msisdn\"",
    "\"date\"",
    "\"stats\"",
    "\"events\"",
    "\"totalEvents\"",
    "\"totalPages\"",
    "\"status\"",
    "\"message\"",
    "\"errorCode\"",
    "\"error_token\"",
    "\"error\"",
    "\"expires_in\"",
    "\"access_token\"",
    "\"payload\"",
    "\"dcs\"",
    "\"udh\"",
    "\"rat_type\"",
    "\"volume\"",
    "\"traffic_type\"",
    "\"event_type\"",
    "\"final_date\"",
    "\"submit_date\"",
    "_gtp_v1_uli_",
    "\"ipcan_session_id\"",
    "89",
    "8988280666000000000",
    "490154203237518",
    "x-total-pages: ",
    "x-current-page: ",
    "retry-after: ",
    "location: ",
    "status: 429\n",
    "\n\n",
    "<html>",
    "\u{e9}",
    "\u{1F600}",
    "050003CC0301",
    "\u{FF}",
];

/// xorshift64*: a small, seedable generator; no dependency needed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

fn mutate(rng: &mut Rng, input: &mut Vec<u8>, seeds: &[Vec<u8>]) {
    for _ in 0..=rng.below(8) {
        let len = input.len();
        match rng.below(9) {
            0 if len > 0 => {
                let i = rng.below(len);
                input[i] ^= 1 << rng.below(8);
            }
            1 if len > 0 => {
                let i = rng.below(len);
                input[i] = rng.next() as u8;
            }
            2 => {
                let i = rng.below(len + 1);
                input.insert(i, rng.next() as u8);
            }
            3 if len > 0 => {
                let i = rng.below(len);
                let n = 1 + rng.below((len - i).min(16));
                input.drain(i..i + n);
            }
            4 if len > 0 => {
                // Duplicate a run (grows nesting and lists).
                let i = rng.below(len);
                let n = 1 + rng.below((len - i).min(64));
                let run = input[i..i + n].to_vec();
                let at = rng.below(len + 1);
                input.splice(at..at, run);
            }
            5 if !seeds.is_empty() => {
                // Splice a piece of another seed.
                let other = &seeds[rng.below(seeds.len())];
                if !other.is_empty() {
                    let i = rng.below(other.len());
                    let n = 1 + rng.below((other.len() - i).min(128));
                    let at = rng.below(len + 1);
                    let end = (at + rng.below(8)).min(len);
                    input.splice(at..end, other[i..i + n].iter().copied());
                }
            }
            6 if len > 0 => {
                // Replace a digit run with an interesting number.
                let i = rng.below(len);
                if input[i].is_ascii_digit() {
                    let mut j = i;
                    while j < len && input[j].is_ascii_digit() {
                        j += 1;
                    }
                    let n = [
                        "0",
                        "65536",
                        "4294967296",
                        "99999999999999999999",
                        "1",
                        "60",
                    ][rng.below(6)];
                    input.splice(i..j, n.bytes());
                }
            }
            _ => {
                let token = DICTIONARY[rng.below(DICTIONARY.len())];
                let at = rng.below(len + 1);
                let end = if rng.below(2) == 0 {
                    at
                } else {
                    (at + rng.below(8)).min(len)
                };
                input.splice(at..end, token.bytes());
            }
        }
    }
    input.truncate(MAX_LEN);
}

fn seeds(target: &str) -> Vec<Vec<u8>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../once-sdk/fuzz/seeds")
        .join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("seed folder {}: {e}", dir.display()))
        .map(|e| e.expect("seed folder entry").path())
        .collect();
    files.sort();
    files
        .iter()
        .map(|f| std::fs::read(f).unwrap_or_else(|e| panic!("{}: {e}", f.display())))
        .collect()
}

fn save_failure(target: &str, input: &[u8]) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/fuzz-smoke");
    let _ = std::fs::create_dir_all(&dir);
    let file = dir.join(format!("{target}-crash-{:016x}", fingerprint(input)));
    let _ = std::fs::write(&file, input);
    file
}

fn fingerprint(input: &[u8]) -> u64 {
    input.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Runs `input` through `body`; on a panic, saves and shows the input.
fn run_one(target: &str, body: fn(&[u8]), input: &[u8]) {
    if catch_unwind(AssertUnwindSafe(|| body(input))).is_err() {
        let file = save_failure(target, input);
        panic!(
            "{target} failed on input {:?} (saved as {})",
            String::from_utf8_lossy(input),
            file.display()
        );
    }
}

/// Longest a single input may take in a timed run.
const HANG: Duration = Duration::from_secs(60);

fn watchdog(target: &'static str, seed: u64) -> std::sync::mpsc::Sender<u64> {
    let (tx, rx) = std::sync::mpsc::channel::<u64>();
    std::thread::spawn(move || {
        let mut last = 0;
        loop {
            match rx.recv_timeout(HANG) {
                Ok(run) => last = run,
                Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => return,
                Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
                    eprintln!(
                        "fuzz smoke {target}: mutated input {last} (seed {seed:#x}) \
                         ran for over {HANG:?}: a hang"
                    );
                    std::process::abort();
                }
            }
        }
    });
    tx
}

fn env_u64(name: &str) -> Option<u64> {
    let v = std::env::var(name).ok()?;
    Some(
        v.trim()
            .parse()
            .unwrap_or_else(|_| panic!("{name}={v:?} is not a number")),
    )
}

fn smoke(target: &'static str) {
    let body = bodies::TARGETS
        .iter()
        .find(|(name, _)| *name == target)
        .map(|(_, body)| *body)
        .unwrap_or_else(|| panic!("no fuzz target {target}"));
    let seeds = seeds(target);
    assert!(!seeds.is_empty(), "no seeds for {target}");
    for seed in &seeds {
        run_one(target, body, seed);
    }

    let budget = env_u64("ONCE_FUZZ_SECS").map(Duration::from_secs);
    let seed = env_u64("ONCE_FUZZ_SEED").unwrap_or(0x1ce_5eed);
    // Per-target stream, so targets running in parallel do not share inputs.
    let mut rng = Rng(seed ^ fingerprint(target.as_bytes()) | 1);
    let started = Instant::now();
    let mut runs = 0u64;
    // In a timed run, an input that hangs ends the process with a message
    // (the seed and run number reproduce it) instead of stalling CI.
    let alive = budget.map(|_| watchdog(target, seed));
    // Inputs that did not fail are kept (up to a bound) and mutated further,
    // so mutations stack.
    let mut pool: Vec<Vec<u8>> = seeds.clone();
    loop {
        let done = match budget {
            Some(b) => runs.is_multiple_of(64) && started.elapsed() >= b,
            None => runs >= DEFAULT_MUTATIONS,
        };
        if done {
            break;
        }
        let mut input = pool[rng.below(pool.len())].clone();
        mutate(&mut rng, &mut input, &seeds);
        if let Some(alive) = &alive {
            let _ = alive.send(runs);
        }
        run_one(target, body, &input);
        if rng.below(16) == 0 {
            if pool.len() < 4096 {
                pool.push(input);
            } else {
                let i = seeds.len() + rng.below(pool.len() - seeds.len());
                pool[i] = input;
            }
        }
        runs += 1;
    }
    let secs = started.elapsed().as_secs_f64();
    eprintln!(
        "fuzz smoke {target}: {} seeds, {runs} mutated inputs in {secs:.1}s \
         ({:.0}/s), seed {seed:#x}, no failure",
        seeds.len(),
        runs as f64 / secs.max(1e-9)
    );
}

#[test]
fn decode_v2() {
    smoke("decode_v2");
}

#[test]
fn decode_v1() {
    smoke("decode_v1");
}

#[test]
fn decode_orders() {
    smoke("decode_orders");
}

#[test]
fn response_meta() {
    smoke("response_meta");
}

#[test]
fn ids() {
    smoke("ids");
}

#[test]
fn timestamp() {
    smoke("timestamp");
}

#[test]
fn sms() {
    smoke("sms");
}

#[test]
fn decode_stream() {
    smoke("decode_stream");
}

/// Every target of the fuzz crate has a test above and seeds.
#[test]
fn every_target_is_smoked() {
    let this = include_str!("fuzz_smoke.rs");
    for (name, _) in bodies::TARGETS {
        assert!(
            this.contains(&format!("smoke(\"{name}\")")),
            "{name} has no smoke test"
        );
        assert!(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../once-sdk/fuzz/fuzz_targets")
                .join(format!("{name}.rs"))
                .exists(),
            "{name} has no cargo-fuzz target"
        );
    }
}
