//! `life`: runs one exported function of a WebAssembly module on Life, with the interpreter or,
//! with `--polymerase`, the ahead-of-time Cranelift engine.
//!
//! Each concern has its own module: `cli` declares the command line, `load` turns a file into
//! a decoded module, `host` supplies the `env.__life_log` import, `args` parses arguments by
//! the entry function's parameter types, `run` ties them together, `wasi` runs WASI commands,
//! and `error` words every failure as one `error: ...` line with its exit code.

#![forbid(unsafe_code)]

mod args;
mod cli;
mod error;
mod host;
mod load;
mod run;
mod wasi;

use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = cli::Cli::from_env();
    match run::run(&cli) {
        Ok(code) => code,
        Err(e) => e.report(),
    }
}
