//! A PostgreSQL server of the test's own: initdb into a temporary
//! directory, pg_ctl on a free 127.0.0.1 port, stopped when dropped.
//! Run as root (as CI does), the server runs as the `postgres` user.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

pub struct PgServer {
    pub dir: PathBuf,
    pub port: u16,
    bin: PathBuf,
    as_postgres: bool,
}

fn find_bin() -> Option<PathBuf> {
    let in_path = Command::new("sh")
        .args(["-c", "command -v pg_ctl"])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| PathBuf::from(String::from_utf8_lossy(&o.stdout).trim()));
    if let Some(p) = in_path.and_then(|p| p.canonicalize().ok()) {
        return p.parent().map(Path::to_path_buf);
    }
    let mut versions: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path().join("bin")))
        .filter(|p| p.join("pg_ctl").exists())
        .collect();
    versions.sort();
    versions.pop()
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

impl PgServer {
    /// A fresh server, or `None` (the test is skipped) when PostgreSQL is
    /// not installed and `ONCE_REQUIRE_POSTGRES` is not set (CI sets it).
    pub fn start() -> Option<Self> {
        let Some(bin) = find_bin() else {
            assert!(
                std::env::var_os("ONCE_REQUIRE_POSTGRES").is_none(),
                "PostgreSQL (initdb, pg_ctl) is required but not installed"
            );
            eprintln!("skipped: PostgreSQL is not installed");
            return None;
        };
        let root = Command::new("id")
            .arg("-u")
            .output()
            .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
            .unwrap_or(false);
        let dir = std::env::temp_dir().join(format!(
            "once-ledger-pg-{}-{}",
            std::process::id(),
            free_port()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let server = Self {
            dir,
            port: free_port(),
            bin,
            as_postgres: root,
        };
        if root {
            let ok = Command::new("chown")
                .args(["-R", "postgres:postgres"])
                .arg(&server.dir)
                .status()
                .unwrap();
            assert!(ok.success());
        }
        server.run(
            "initdb",
            &[
                "-D",
                &server.data(),
                "-U",
                "ledger",
                "--auth=trust",
                "-E",
                "UTF8",
                "--no-sync",
            ],
        );
        server.up();
        Some(server)
    }

    fn data(&self) -> String {
        self.dir.join("data").display().to_string()
    }

    fn run(&self, tool: &str, args: &[&str]) {
        let exe = self.bin.join(tool);
        let mut cmd = if self.as_postgres {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(&exe);
            c
        } else {
            Command::new(&exe)
        };
        let out = cmd.args(args).output().unwrap();
        assert!(
            out.status.success(),
            "{tool} {args:?}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// Starts (or starts again) the server, waiting until it takes connections.
    pub fn up(&self) {
        let opts = format!(
            "-p {} -k {} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60",
            self.port,
            self.dir.display()
        );
        let log = self.dir.join("log").display().to_string();
        self.run(
            "pg_ctl",
            &["-D", &self.data(), "-o", &opts, "-l", &log, "-w", "start"],
        );
    }

    /// Stops the server (fast shutdown: open connections are cut).
    pub fn down(&self) {
        self.run("pg_ctl", &["-D", &self.data(), "-m", "fast", "-w", "stop"]);
    }

    /// A URL for database `name`, created on first use.
    pub async fn database(&self, name: &str) -> String {
        let (client, conn) = tokio_postgres::connect(&self.url("postgres"), tokio_postgres::NoTls)
            .await
            .unwrap();
        tokio::spawn(conn);
        client
            .batch_execute(&format!("CREATE DATABASE {name}"))
            .await
            .unwrap();
        self.url(name)
    }

    pub fn url(&self, db: &str) -> String {
        format!("postgres://ledger@127.0.0.1:{}/{db}", self.port)
    }

    /// A plain connection, to look at what the ledger wrote.
    pub async fn client(&self, db: &str) -> tokio_postgres::Client {
        let (client, conn) = tokio_postgres::connect(&self.url(db), tokio_postgres::NoTls)
            .await
            .unwrap();
        tokio::spawn(conn);
        client
    }
}

impl Drop for PgServer {
    fn drop(&mut self) {
        let _ = Command::new(if self.as_postgres { "runuser" } else { "sh" })
            .args(if self.as_postgres {
                vec!["-u".to_string(), "postgres".into(), "--".into()]
            } else {
                vec!["-c".to_string(), "exec \"$0\" \"$@\"".into()]
            })
            .arg(self.bin.join("pg_ctl"))
            .args(["-D", &self.data(), "-m", "immediate", "stop"])
            .output();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
