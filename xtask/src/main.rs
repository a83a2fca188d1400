//! See <https://github.com/matklad/cargo-xtask/>.
//!
//! Project automation in Rust instead of shell scripts, run as `cargo xtask <command>` through
//! the alias in `.cargo/config.toml`. One module per subcommand; `tidy` holds tests
//! (`cargo test -p xtask`), which `cargo xtask tidy` runs.

#![forbid(unsafe_code)]

mod bench;
mod fuzz;
mod spec;
#[cfg(test)]
mod tidy;
mod wasi_testsuite;

use std::{
    path::PathBuf,
    process::{Command, ExitCode},
};

const USAGE: &str = "\
usage: cargo xtask <command> [args...]

commands:
  spec [args...]   run the .wast suites (`cargo xtask spec --help` lists the arguments)
  bench [args...]  run the life-bench suite, write benches/RESULTS.md (`cargo xtask bench --help`)
  fuzz --smoke [args...]  run the fuzz harnesses over fixed seeds on stable (crates/life-fuzz)
  wasi-testsuite <checkout>  vendor the WASI test suite's preview 1 programs into crates/life-wasi

checks:
  tidy             the repository checks: module docs, where `unsafe` may appear, that docs
                   cite existing files and macros (the same as `cargo test -p xtask tidy`)";

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    match args.next().as_deref() {
        Some("spec") => spec::run(args.collect()),
        Some("bench") => bench::run(args.collect()),
        Some("fuzz") => fuzz::run(args.collect()),
        Some("tidy") => tidy_run(),
        Some("wasi-testsuite") => wasi_testsuite::run(args.collect()),
        Some("help" | "--help" | "-h") => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        Some(other) => {
            eprintln!("xtask: unknown command {other:?}\n{USAGE}");
            ExitCode::from(2)
        }
        None => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

/// Runs the tidy tests (`cargo test -p xtask tidy`).
fn tidy_run() -> ExitCode {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let status = Command::new(cargo)
        .args(["test", "--manifest-path"])
        .arg(project_root().join("Cargo.toml"))
        .args(["-p", "xtask", "tidy"])
        .status();
    match status {
        Ok(status) if status.success() => ExitCode::SUCCESS,
        Ok(_) => ExitCode::FAILURE,
        Err(err) => {
            eprintln!("xtask: cannot run cargo: {err}");
            ExitCode::FAILURE
        }
    }
}

/// The workspace root: the parent of this crate's directory.
fn project_root() -> PathBuf {
    let manifest_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest_dir.parent().expect("xtask lives one level below the workspace root").to_path_buf()
}

/// Runs `cargo run --release -p PACKAGE --bin PACKAGE -- <args>` and returns its exit status.
///
/// `--manifest-path` rather than a working directory, so that relative paths in `args` (such as
/// `--summary out.txt`) stay relative to where the command was typed.
fn cargo_run_release(package: &str, args: Vec<String>) -> ExitCode {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let status = Command::new(cargo)
        .arg("run")
        .arg("--manifest-path")
        .arg(project_root().join("Cargo.toml"))
        .args(["--release", "-p", package, "--bin", package, "--"])
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
