//! `cargo xtask fuzz --smoke [--seeds N] [--budget-secs S]`: the stable, deterministic smoke run
//! of the fuzz harnesses (the `life-fuzz` binary, in release mode).
//!
//! `--smoke` becomes the binary's `smoke` command and the other arguments are forwarded, so
//! `cargo xtask fuzz replay tests/regressions/x.wat` works too; see
//! `crates/life-fuzz/src/main.rs`. The coverage-guided targets need nightly and live in `fuzz/`:
//! `cd fuzz && cargo +nightly fuzz run differential`.

use std::process::ExitCode;

/// Runs `cargo run --release -p life-fuzz --bin life-fuzz -- <args>` and returns its status.
pub(crate) fn run(args: Vec<String>) -> ExitCode {
    let args: Vec<String> = args.into_iter().map(|a| if a == "--smoke" { "smoke".to_string() } else { a }).collect();
    if args.is_empty() {
        eprintln!("usage: cargo xtask fuzz --smoke [--seeds N] [--first-seed N] [--budget-secs S] [--save DIR]");
        return ExitCode::from(2);
    }
    crate::cargo_run_release("life-fuzz", args)
}
