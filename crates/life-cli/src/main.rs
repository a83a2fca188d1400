//! `life`: runs one exported function of a WebAssembly module on Life, with the interpreter or,
//! with `--polymerase`, the ahead-of-time Cranelift engine.
//!
//! Each concern has its own module: `cli` declares the command line, `load` turns a file into
//! a decoded module, `host` supplies the `env.__life_log` import, `args` parses arguments by
//! the entry function's parameter types, `run` ties them together, `wasi` runs WASI commands,
//! `error` words every failure as one `error: ...` line with its exit code, `compile` is the
//! `life compile` subcommand and `cache` the cache of compiled modules.

#![forbid(unsafe_code)]

mod args;
mod cache;
mod cli;
mod compile;
mod error;
mod host;
mod load;
mod run;
mod wasi;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    if std::env::args_os().nth(1).is_some_and(|a| a == "compile") {
        return match compile::compile(&cli::CompileCli::parse_from(std::env::args_os().skip(1))) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => e.report(),
        };
    }
    let cli = cli::Cli::from_env();
    match run::run(&cli) {
        Ok(code) => code,
        Err(e) => e.report(),
    }
}
