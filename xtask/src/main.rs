//! See <https://github.com/matklad/cargo-xtask/>.
//!
//! Project automation in Rust instead of shell scripts, run as `cargo xtask <command>` through
//! the alias in `.cargo/config.toml`. One module per subcommand; `tidy` is a test
//! (`cargo test -p xtask`), not a subcommand.

mod bench;
mod fuzz;
mod spec;
#[cfg(test)]
mod tidy;

use std::{path::PathBuf, process::ExitCode};

const USAGE: &str = "\
usage: cargo xtask <command> [args...]

commands:
  spec [args...]   run the .wast suites (`cargo xtask spec --help` lists the arguments)
  bench [args...]  run the life-bench suite, write benches/RESULTS.md (`cargo xtask bench --help`)
  fuzz --smoke [args...]  run the fuzz harnesses over fixed seeds on stable (crates/life-fuzz)

checks:
  cargo test -p xtask   runs the tidy checks";

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    match args.next().as_deref() {
        Some("spec") => spec::run(args.collect()),
        Some("bench") => bench::run(args.collect()),
        Some("fuzz") => fuzz::run(args.collect()),
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

/// The workspace root: the parent of this crate's directory.
fn project_root() -> PathBuf {
    let manifest_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest_dir.parent().expect("xtask lives one level below the workspace root").to_path_buf()
}
