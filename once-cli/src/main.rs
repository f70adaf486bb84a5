//! The `once` binary: see the `once_cli` library for everything it does.

fn main() {
    std::process::exit(once_cli::run(std::env::args_os()));
}
