//! The robustness harness (`run_interp`): instantiate a module on every Life engine with small
//! limits and call every exported function; each call returns values of the declared types or
//! traps, and nothing panics.

use crate::{
    Finding,
    engine::{EngineInstance, Outcome, life_engines, limits},
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

/// Runs `wasm` on every Life engine, with arguments drawn from `u` (the same for each engine).
///
/// # Errors
///
/// A [`Finding`] when a call fails outside a trap or returns values of the wrong types.
pub fn run(wasm: &[u8], u: &mut Unstructured<'_>) -> Result<Stats, Finding> {
    let limits = limits();
    let mut stats = Stats::default();
    let mut arg_lists: Vec<Vec<life_decode::Value>> = Vec::new();
    for engine in life_engines() {
        let Ok(mut instance) = engine.instantiate(wasm, &limits) else { continue };
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
                            "run_interp",
                            format!("{}: {name}{args:?} returned {values:?}, not values of {ty}", engine.name()),
                        ));
                    }
                }
                Outcome::Trap(_) | Outcome::Exhausted(_) => {}
                Outcome::Error(e) => {
                    return Err(Finding::new("run_interp", format!("{}: {name}{args:?} failed: {e}", engine.name())));
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
