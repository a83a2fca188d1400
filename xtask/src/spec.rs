//! `cargo xtask spec [args...]`: runs the `life-spec` binary in release mode.
//!
//! Arguments are forwarded untouched, so `cargo xtask spec --suite wasm-v2 --engine all
//! --summary out.txt` and `cargo xtask spec --suite extended-const` work; see
//! `crates/life-spec/src/main.rs` for what they mean (suites of proposals Life does not
//! implement, such as `wasm-v3`, are refused there by name).

use std::process::ExitCode;

/// Runs `cargo run --release -p life-spec --bin life-spec -- <args>` and returns its status.
pub(crate) fn run(args: Vec<String>) -> ExitCode {
    crate::cargo_run_release("life-spec", args)
}
