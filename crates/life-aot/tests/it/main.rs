//! Polymerase against the interpreter: the same programs, results, traps, gas and limits.

mod agree;
mod artifact;
mod control;
mod embed;
mod every_op;
mod guard;
mod limits;
mod memory64;
mod multi_memory;
mod relaxed;
mod tail_call;

use life_interp::{Engine, Error, ImportResolver, Module, NoImports, Value, Vm, VmConfig};

/// The engines every agreement test compares, by name: the interpreter, Polymerase, and
/// Polymerase without guard pages (checked accesses, traps returning through every frame: the
/// path of platforms other than x86-64 Linux).
pub fn engines() -> [(&'static str, Engine); 3] {
    let checked = life_aot::Polymerase { guard_pages: false, ..Default::default() };
    [
        ("interp", Engine::Interpreter),
        ("polymerase", life_aot::polymerase()),
        ("polymerase-checked", Engine::Native(std::sync::Arc::new(checked))),
    ]
}

/// What a call produced, in a form that compares across engines: results, or the trap with its
/// stack trace.
pub fn outcome(r: Result<Vec<Value>, Error>) -> Result<Vec<Value>, String> {
    r.map_err(|e| match e.trap() {
        Some(t) => format!("trap: {}", t.display_with_trace()),
        None => e.to_string(),
    })
}

/// Instantiates `src` (text or binary) on `engine` with `config`.
pub fn vm(src: &[u8], engine: &Engine, config: &VmConfig, resolver: &mut dyn ImportResolver) -> Result<Vm, Error> {
    let config = VmConfig { engine: engine.clone(), ..config.clone() };
    let wasm = wat::parse_bytes(src).expect("test module parses");
    let module = Module::new(&wasm, &config)?;
    Vm::from_module(&module, config, resolver)
}

/// Runs each call on both engines (one VM per engine, calls in order) and asserts the same
/// outcomes, memory and gas. Returns the outcomes.
pub fn same_on_both(
    src: impl AsRef<[u8]>,
    config: &VmConfig,
    calls: &[(&str, Vec<Value>)],
) -> Vec<Result<Vec<Value>, String>> {
    let mut all = Vec::new();
    for (name, engine) in engines() {
        let mut vm = vm(src.as_ref(), &engine, config, &mut NoImports).unwrap_or_else(|e| panic!("{name}: {e}"));
        let mut outcomes = Vec::new();
        for (func, args) in calls {
            let r = outcome(vm.invoke(func, args));
            let memory = vm.memory_slice().map(|m| m.to_vec()).unwrap_or_default();
            outcomes.push((r, memory, vm.store().gas_used()));
        }
        all.push((name, outcomes));
    }
    let (_, first) = &all[0];
    for (name, other) in &all[1..] {
        for (i, (a, b)) in first.iter().zip(other).enumerate() {
            assert_eq!(a.0, b.0, "call {i} ({:?}): interp vs {name}", calls[i].0);
            assert!(a.1 == b.1, "call {i} ({:?}): memory differs between interp and {name}", calls[i].0);
            assert_eq!(a.2, b.2, "call {i} ({:?}): gas used, interp vs {name}", calls[i].0);
        }
    }
    all.swap_remove(0).1.into_iter().map(|(r, _, _)| r).collect()
}
