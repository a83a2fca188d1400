//! Life's benchmark suite: the same WebAssembly modules run on Life's two engines (life-interp
//! and Polymerase), wasmi and wasmtime, with the C programs also compiled natively as a baseline.
//!
//! - [`workloads`]: the modules under `wasm/`, their fixed arguments and expected results.
//! - [`engines`]: the [`BenchEngine`] adapters, one per engine.
//! - [`startup`]: the generated large module for the startup benchmark.
//! - [`native`]: the C programs compiled natively by `build.rs`.
//! - [`programs`]: the real-program suite, whole WASI programs in `programs/`, and how each
//!   engine runs one.
//!
//! The benches are `benches/suite.rs` (criterion: the kernels and startup) and
//! `benches/programs.rs` (the real programs, paired rounds); `cargo xtask bench` runs both and
//! writes `benches/RESULTS.md`. See `benches/README.md`.

pub mod engines;
pub mod native;
pub mod programs;
pub mod startup;
pub mod workloads;

pub use engines::{BenchEngine, BenchInstance, CodeStats, EngineKind, engines};
pub use workloads::{WORKLOADS, Workload};

/// Writes the manifest that `cargo xtask bench` reads to label and order its report: one line
/// per workload and engine, tab-separated. It goes to `$LIFE_BENCH_MANIFEST` if that is set
/// (xtask sets it), and nowhere otherwise.
///
/// # Panics
///
/// If the manifest cannot be written.
pub fn write_manifest(kind: &str, lines: &[String]) {
    let Some(dir) = std::env::var_os("LIFE_BENCH_MANIFEST") else { return };
    let path = std::path::Path::new(&dir).join(format!("{kind}.tsv"));
    let mut text = lines.join("\n");
    text.push('\n');
    std::fs::create_dir_all(&dir).and_then(|()| std::fs::write(&path, text)).unwrap_or_else(|err| {
        panic!("cannot write the bench manifest {}: {err}", path.display());
    });
}
