//! Artifacts: a module loaded from its artifact runs exactly as the module freshly compiled,
//! with and without metering, with and without guard pages.

use crate::outcome;
use life_interp::{Engine, Module, NoImports, Value, Vm, VmConfig};
use std::sync::Arc;

/// Calls, indirect calls, loops, memory, globals, floats, a trap and a trap deep in calls.
const PROGRAM: &str = r#"(module
  (memory 1) (global $g (mut i64) (i64.const 7))
  (table 2 funcref) (elem (i32.const 0) $sq $neg)
  (type $t (func (param i32) (result i32)))
  (func $sq (param i32) (result i32) (i32.mul (local.get 0) (local.get 0)))
  (func $neg (param i32) (result i32) (i32.sub (i32.const 0) (local.get 0)))
  (func (export "sum") (param i32) (result i64) (local $acc i64)
    (block (loop
      (br_if 1 (i32.eqz (local.get 0)))
      (i32.store (i32.const 16) (call_indirect (type $t) (local.get 0) (i32.and (local.get 0) (i32.const 1))))
      (local.set $acc (i64.add (local.get $acc) (i64.extend_i32_s (i32.load (i32.const 16)))))
      (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
      (br 0)))
    (global.set $g (i64.add (global.get $g) (local.get $acc)))
    (global.get $g))
  (func (export "float") (param f64) (result f64) (f64.sqrt (f64.mul (local.get 0) (f64.const 2.5))))
  (func (export "grow") (result i32) (memory.grow (i32.const 2)))
  (func (export "oob") (param i32) (result i32) (i32.load (local.get 0)))
  (func $deep (param i32) (result i32)
    (if (result i32) (i32.eqz (local.get 0)) (then (unreachable)) (else (call $deep (i32.sub (local.get 0) (i32.const 1))))))
  (func (export "deep") (param i32) (result i32) (call $deep (local.get 0))))"#;

fn calls() -> Vec<(&'static str, Vec<Value>)> {
    vec![
        ("sum", vec![Value::I32(1000)]),
        ("sum", vec![Value::I32(3)]),
        ("float", vec![Value::F64(10.0.into())]),
        ("grow", vec![]),
        ("oob", vec![Value::I32(3 << 16)]),
        ("oob", vec![Value::I32(70_000)]),
        ("deep", vec![Value::I32(5)]),
    ]
}

/// A call's outcome and the gas used after it.
type Observed = (Result<Vec<Value>, String>, Option<u64>);

/// Every call's outcome and the gas used after it.
fn run(module: &Module, config: &VmConfig) -> Vec<Observed> {
    let mut vm = Vm::from_module(module, config.clone(), &mut NoImports).unwrap();
    calls()
        .into_iter()
        .map(|(name, args)| {
            let r = outcome(vm.invoke(name, &args));
            (r, vm.store().gas_used())
        })
        .collect()
}

#[test]
fn a_loaded_artifact_runs_as_a_fresh_compile() {
    let wasm = wat::parse_str(PROGRAM).unwrap();
    for guard_pages in [true, false] {
        let polymerase = life_aot::Polymerase { guard_pages, ..Default::default() };
        for gas_limit in [None, Some(1_000_000)] {
            let config =
                VmConfig { gas_limit, engine: Engine::Native(Arc::new(polymerase.clone())), ..VmConfig::default() };
            let fresh = Module::new(&wasm, &config).unwrap();
            let (compiled, artifact) = polymerase.compile_artifact(&wasm, &config).unwrap();
            let loaded = polymerase.load_artifact(&artifact, &config).unwrap();
            let expected = run(&fresh, &config);
            assert!(expected[4].0.as_ref().unwrap_err().contains("out of bounds"), "{expected:?}");
            assert!(expected[6].0.as_ref().unwrap_err().contains("unreachable"), "{expected:?}");
            assert_eq!(gas_limit.is_some(), expected[0].1.is_some());
            assert_eq!(run(&compiled, &config), expected, "guard pages {guard_pages}, gas {gas_limit:?}");
            assert_eq!(run(&loaded, &config), expected, "guard pages {guard_pages}, gas {gas_limit:?}");
            // The same bytes every time: a compile is deterministic, so caches agree.
            let (_, again) = polymerase.compile_artifact(&wasm, &config).unwrap();
            assert_eq!(again, artifact);
        }
    }
}
