//! `cargo xtask spec [args...]`: runs the `life-spec` binary in release mode.
//!
//! Arguments are forwarded untouched, so `cargo xtask spec --suite wasm-v2 --engine all
//! --summary out.txt` works; see `crates/life-spec/src/main.rs` for what they mean.

use std::process::{Command, ExitCode};

/// Runs `cargo run --release -p life-spec --bin life-spec -- <args>` and returns its status.
pub(crate) fn run(args: Vec<String>) -> ExitCode {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    // `--manifest-path` rather than a working directory, so that relative paths such as
    // `--summary out.txt` stay relative to where the command was typed.
    let manifest = crate::project_root().join("Cargo.toml");
    let status = Command::new(cargo)
        .arg("run")
        .arg("--manifest-path")
        .arg(manifest)
        .args(["--release", "-p", "life-spec", "--bin", "life-spec", "--"])
        .args(args)
        .status();
    match status {
        Ok(status) => match status.code() {
            Some(code) => ExitCode::from(u8::try_from(code).unwrap_or(1)),
            // Killed by a signal.
            None => ExitCode::FAILURE,
        },
        Err(err) => {
            eprintln!("xtask: cannot run cargo: {err}");
            ExitCode::FAILURE
        }
    }
}
