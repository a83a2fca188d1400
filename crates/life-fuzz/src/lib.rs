//! Fuzzing harnesses for Life, shared by the cargo-fuzz targets in `fuzz/` and by the stable
//! smoke run (`cargo xtask fuzz --smoke`).
//!
//! Four harnesses, each a function from bytes to "nothing wrong" or a [`Finding`]:
//!
//! | harness | module | checks |
//! |---|---|---|
//! | `decode` | [`decode::check`] | `life_decode::decode` never panics and agrees with `wasmparser`'s validator |
//! | `run_interp`, `run_aot` | [`robust::run_on`] | every export of a wasm-smith module returns values of its types or traps, never panics; Polymerase compiles every module |
//! | `differential` | [`differential::run`] | every Life engine matches wasmi in results, traps, memories, globals and tables, and the Life engines match each other bit for bit |
//! | `metered` | [`metered::run`] | with metering on and a small gas limit, the Life engines agree exactly, gas used and stopping point included |
//!
//! Generated modules use WebAssembly 2.0 for the comparison with wasmi; the harnesses without the
//! oracle (`run_interp`, `run_aot`, `metered`) also get modules with relaxed SIMD, whose
//! implementation-defined results wasmi chooses differently ([`generate::Proposals`]).
//!
//! Engines are reached only through [`engine::Engine`]; Life's are the interpreter and
//! Polymerase ([`engine::life_engines`]), and a new one is one more entry there. Inputs come
//! from [`generate`] (wasm-smith) and [`mutate`] (the spec suite's modules, mutated); [`smoke`]
//! drives everything over a fixed range of seeds.
//!
//! ```
//! let wasm = wat::parse_str(r#"(module (func (export "f") (param i32) (result i32)
//!     local.get 0 i32.const 1 i32.sub))"#).unwrap();
//! assert_eq!(life_fuzz::replay(&wasm).unwrap(), None);
//! ```

#![forbid(unsafe_code)]

pub mod decode;
pub mod differential;
pub mod engine;
pub mod generate;
pub mod metered;
pub mod mutate;
pub mod robust;
pub mod smoke;

use arbitrary::Unstructured;
use std::fmt;

/// A disagreement or broken invariant found by a harness.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The harness that found it (`decode`, `run_interp`, `run_aot`, `differential`, `metered`).
    pub harness: &'static str,
    /// What went wrong.
    pub message: String,
}

impl Finding {
    /// A finding of `harness`.
    #[cold]
    pub fn new(harness: &'static str, message: impl Into<String>) -> Self {
        Finding { harness, message: message.into() }
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.harness, self.message)
    }
}

impl std::error::Error for Finding {}

/// Runs every harness on one module on every Life engine, calling each export with zero
/// arguments (an exhausted byte source gives zeros): what the regression test does with each
/// reproducer. The metered comparison runs once per gas limit of [`metered::REPLAY_GAS`]. Returns
/// why the differential comparison stopped early, if it did; a module that needs relaxed SIMD
/// runs on Life's engines only (see [`generate::Proposals`]).
///
/// # Errors
///
/// The first [`Finding`].
pub fn replay(wasm: &[u8]) -> Result<Option<String>, Finding> {
    let verdict = decode::check(wasm)?;
    if verdict != decode::Verdict::Valid
        && decode::check_with(wasm, decode::life_only_features())? != decode::Verdict::Valid
    {
        return Ok(None);
    }
    robust::run(wasm, &mut Unstructured::new(&[]))?;
    for gas in metered::REPLAY_GAS {
        metered::run_with_gas(wasm, gas, &mut Unstructured::new(&[]))?;
    }
    if verdict != decode::Verdict::Valid {
        return Ok(Some("uses relaxed SIMD: compared on Life's engines only".to_string()));
    }
    Ok(differential::run(wasm, &mut Unstructured::new(&[]))?.inconclusive)
}

/// The `decode` fuzz target.
///
/// # Panics
///
/// On a finding, so the fuzzer records the input.
pub fn fuzz_decode(data: &[u8]) {
    if let Err(finding) = decode::check(data) {
        panic!("{finding}");
    }
}

/// The `run_interp` fuzz target: `data` drives wasm-smith (relaxed SIMD included), then the
/// arguments; the interpreter.
///
/// # Panics
///
/// On a finding.
pub fn fuzz_run_interp(data: &[u8]) {
    let mut u = Unstructured::new(data);
    let Ok(wasm) = generate::module_with(&mut u, generate::Proposals::LIFE_ONLY) else { return };
    if let Err(finding) = robust::run_on("run_interp", &robust::interp_engines(), &wasm, &mut u) {
        panic!("{finding}");
    }
}

/// The `run_aot` fuzz target: `data` drives wasm-smith (relaxed SIMD included), then a gas
/// limit, then the arguments; Polymerase unmetered and metered.
///
/// # Panics
///
/// On a finding.
pub fn fuzz_run_aot(data: &[u8]) {
    let mut u = Unstructured::new(data);
    let Ok(wasm) = generate::module_with(&mut u, generate::Proposals::LIFE_ONLY) else { return };
    let gas = metered::gas_limit(&mut u);
    if let Err(finding) = robust::run_on("run_aot", &robust::aot_engines(gas), &wasm, &mut u) {
        panic!("{finding}");
    }
}

/// The `differential` fuzz target: `data` drives wasm-smith, then the arguments of the
/// comparison with wasmi, then the gas limit and arguments of the metered comparison; then a
/// second module with relaxed SIMD (which wasmi computes differently, see
/// [`generate::Proposals`]) from what is left, compared on Life's engines only, metered.
///
/// # Panics
///
/// On a finding.
pub fn fuzz_differential(data: &[u8]) {
    let mut u = Unstructured::new(data);
    let Ok(wasm) = generate::module(&mut u) else { return };
    if let Err(finding) = differential::run(&wasm, &mut u) {
        panic!("{finding}");
    }
    if let Err(finding) = metered::run(&wasm, &mut u) {
        panic!("{finding}");
    }
    let Ok(wasm) = generate::module_with(&mut u, generate::Proposals::LIFE_ONLY) else { return };
    if let Err(finding) = metered::run(&wasm, &mut u) {
        panic!("{finding}");
    }
}
