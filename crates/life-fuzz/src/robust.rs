//! The robustness harness (`run_interp`, `run_aot`): instantiate a module on Life's engines with
//! small limits and call every exported function; each call returns values of the declared types
//! or traps, nothing panics, and a native engine compiles every module that decodes.
//!
//! The `run_interp` target runs the interpreter ([`interp_engines`]), `run_aot` runs Polymerase
//! unmetered and metered ([`aot_engines`]), and the smoke run and the regression replay run every
//! Life engine ([`run`]). No oracle takes part, so every engine here accepts relaxed SIMD too.

use crate::{
    Finding,
    engine::{Engine, EngineInstance, Life, Outcome, Rejection, life_only_engines, limits},
    generate,
};
use arbitrary::Unstructured;
use life_decode::{ExternKind, FuncType};

/// What one run did.
#[derive(Debug, Clone, Copy, Default)]
pub struct Stats {
    /// Instances made (one per engine that accepted the module).
    pub instances: u64,
    /// Calls made.
    pub calls: u64,
}

/// The engines of the `run_interp` target: the interpreter.
pub fn interp_engines() -> Vec<Box<dyn Engine>> {
    vec![Box::new(Life::interp().relaxed_simd())]
}

/// The engines of the `run_aot` target: Polymerase, unmetered and with `gas` to spend (so the
/// gas checks of native code run too).
pub fn aot_engines(gas: u64) -> Vec<Box<dyn Engine>> {
    vec![Box::new(Life::polymerase().relaxed_simd()), Box::new(Life::polymerase().metered(gas).relaxed_simd())]
}

/// Runs `wasm` on every Life engine, with arguments drawn from `u` (the same for each engine).
///
/// # Errors
///
/// A [`Finding`] when a call fails outside a trap or returns values of the wrong types.
pub fn run(wasm: &[u8], u: &mut Unstructured<'_>) -> Result<Stats, Finding> {
    run_on("run_interp", &life_only_engines(), wasm, u)
}

/// [`run`] on `engines`, reporting findings as `harness`.
///
/// # Errors
///
/// As [`run`], and when a native engine fails to compile the module.
pub fn run_on(
    harness: &'static str,
    engines: &[Box<dyn Engine>],
    wasm: &[u8],
    u: &mut Unstructured<'_>,
) -> Result<Stats, Finding> {
    let limits = limits();
    let mut stats = Stats::default();
    let mut arg_lists: Vec<Vec<life_decode::Value>> = Vec::new();
    for engine in engines {
        let mut instance = match engine.instantiate(wasm, &limits) {
            Ok(instance) => instance,
            Err(Rejection::Compile(e)) => return Err(Finding::new(harness, format!("{}: {e}", engine.name()))),
            Err(_) => continue,
        };
        stats.instances += 1;
        let funcs: Vec<(String, FuncType)> = instance
            .exports()
            .into_iter()
            .filter(|e| e.kind == ExternKind::Func)
            .filter_map(|e| Some((e.name, e.func_type?)))
            .collect();
        for (i, (name, ty)) in funcs.iter().enumerate() {
            if arg_lists.len() <= i {
                arg_lists.push(generate::args(u, ty));
            }
            let args = &arg_lists[i];
            stats.calls += 1;
            match instance.call(name, args) {
                Outcome::Return(values) => {
                    let types: Vec<_> = values.iter().map(|v| v.ty()).collect();
                    if types != ty.results() {
                        return Err(Finding::new(
                            harness,
                            format!("{}: {name}{args:?} returned {values:?}, not values of {ty}", engine.name()),
                        ));
                    }
                }
                Outcome::Trap(_) | Outcome::Exhausted(_) => {}
                Outcome::Error(e) => {
                    return Err(Finding::new(harness, format!("{}: {name}{args:?} failed: {e}", engine.name())));
                }
            }
            observe(instance.as_mut());
        }
    }
    Ok(stats)
}

/// Reads every exported memory, global and table, so reading state is exercised too.
fn observe(instance: &mut dyn EngineInstance) {
    std::hint::black_box(instance.state());
}
