//! Tail calls (`return_call`, `return_call_indirect`) on every engine: long chains in constant
//! space under a small depth limit, calls into host functions, the traps of
//! `return_call_indirect`, stack traces and gas.

use crate::{engines, outcome, same_on_both, vm};
use life_interp::{Engine, Features, Linker, Module, NoImports, Store, Value, VmConfig};

/// The features with tail calls on.
fn features() -> Features {
    let mut features = Features::default();
    features.set("tail-call", true).unwrap();
    features
}

/// A config with tail calls on and a call-depth limit of `depth` frames.
fn config(depth: usize) -> VmConfig {
    VmConfig { features: features(), max_call_depth: depth, ..VmConfig::default() }
}

/// Mutual recursion through tail calls, direct (`even`/`odd`) and through the table
/// (`ieven`/`iodd`), with functions of different arities and locals, one taking more arguments
/// than the native calling convention has registers; `run` and `irun` enter the chains from a
/// call, so two frames are live at the most.
const CHAINS: &str = r#"(module
    (type $t2 (func (param i64 i64) (result i64)))
    (type $t10 (func (param i64 i64 i64 i64 i64 i64 i64 i64 i64 i64) (result i64)))
    (table 4 funcref)
    (elem (i32.const 0) $ieven $iodd $wide $narrow)
    (func $even (param i64 i64) (result i64)
        (if (result i64) (i64.eqz (local.get 0))
            (then (local.get 1))
            (else (return_call $odd (i64.sub (local.get 0) (i64.const 1)) (i64.add (local.get 1) (i64.const 1))))))
    (func $odd (param i64 i64) (result i64) (local i64 i64)
        (local.set 2 (i64.add (local.get 1) (i64.const 2)))
        (if (result i64) (i64.eqz (local.get 0))
            (then (i64.sub (i64.const 0) (local.get 1)))
            (else (return_call $even (i64.sub (local.get 0) (i64.const 1)) (local.get 2)))))
    (func $ieven (param i64 i64) (result i64)
        (if (result i64) (i64.eqz (local.get 0))
            (then (local.get 1))
            (else (return_call_indirect (type $t2)
                (i64.sub (local.get 0) (i64.const 1)) (i64.add (local.get 1) (i64.const 3)) (i32.const 1)))))
    (func $iodd (param i64 i64) (result i64)
        (if (result i64) (i64.eqz (local.get 0))
            (then (i64.mul (local.get 1) (i64.const 2)))
            (else (return_call_indirect (type $t2)
                (i64.sub (local.get 0) (i64.const 1)) (i64.add (local.get 1) (i64.const 1)) (i32.const 0)))))
    ;; Ten arguments one way, two the other, alternating direct and indirect tail calls.
    (func $wide (param i64 i64 i64 i64 i64 i64 i64 i64 i64 i64) (result i64)
        (return_call $narrow (local.get 0)
            (i64.add (local.get 1) (i64.add (local.get 9) (i64.add (local.get 5) (local.get 2))))))
    (func $narrow (param i64 i64) (result i64)
        (if (result i64) (i64.eqz (local.get 0))
            (then (local.get 1))
            (else (return_call_indirect (type $t10)
                (i64.sub (local.get 0) (i64.const 1)) (local.get 1) (i64.const 1) (i64.const 0) (i64.const 0)
                (i64.const 7) (i64.const 0) (i64.const 0) (i64.const 0) (local.get 0) (i32.const 2)))))
    (func (export "run") (param i64) (result i64) (call $even (local.get 0) (i64.const 0)))
    (func (export "irun") (param i64) (result i64) (call $ieven (local.get 0) (i64.const 0)))
    (func (export "mixed") (param i64) (result i64) (call $narrow (local.get 0) (i64.const 0)))
    ;; The same chain with plain calls: the depth limit still applies to them.
    (func $deep (export "deep") (param i64) (result i64)
        (if (result i64) (i64.eqz (local.get 0))
            (then (i64.const 0))
            (else (call $deep (i64.sub (local.get 0) (i64.const 1)))))))"#;

#[test]
fn a_million_tail_calls_run_under_a_small_depth_limit_on_every_engine() {
    let n = 1_000_000i64;
    // even/odd: n/2 odd steps add 2, n/2 even steps add 1.
    let direct = n / 2 * 3;
    let indirect = n / 2 * 4;
    // narrow(k, acc) -> wide -> narrow(k - 1, acc + 1 + k + 7 + 0).
    let mixed: i64 = (1..=n).map(|k| 8 + k).sum();
    for metered in [false, true] {
        let config = VmConfig { gas_limit: metered.then_some(u64::MAX / 2), ..config(8) };
        let out = same_on_both(
            CHAINS,
            &config,
            &[
                ("run", vec![Value::I64(n)]),
                ("irun", vec![Value::I64(n)]),
                ("mixed", vec![Value::I64(n)]),
                ("run", vec![Value::I64(n + 1)]),
                ("deep", vec![Value::I64(5)]),
                ("deep", vec![Value::I64(100)]),
            ],
        );
        assert_eq!(out[0], Ok(vec![Value::I64(direct)]), "metered: {metered}");
        assert_eq!(out[1], Ok(vec![Value::I64(indirect)]));
        assert_eq!(out[2], Ok(vec![Value::I64(mixed)]));
        assert_eq!(out[3], Ok(vec![Value::I64(-(direct + 1))]));
        assert_eq!(out[4], Ok(vec![Value::I64(0)]));
        let overflow = out[5].as_ref().unwrap_err();
        assert!(overflow.contains("call stack exhausted"), "{overflow}");
    }
    // The interpreter's portable loop too.
    let config = VmConfig { portable_dispatch: true, ..config(8) };
    let mut vm = vm(CHAINS.as_bytes(), &Engine::Interpreter, &config, &mut NoImports).unwrap();
    assert_eq!(vm.invoke("run", &[Value::I64(n)]).unwrap(), [Value::I64(direct)]);
    assert_eq!(vm.invoke("irun", &[Value::I64(n)]).unwrap(), [Value::I64(indirect)]);
    assert_eq!(vm.invoke("mixed", &[Value::I64(n)]).unwrap(), [Value::I64(mixed)]);
}

#[test]
fn the_frames_of_a_tail_call_fit_the_value_stack_limit() {
    // `big` has a large frame; tail-calling it from `small` needs its frame from `small`'s base.
    let wat = r#"(module
        (func $small (export "small") (param i32) (result i32) (return_call $big (local.get 0)))
        (func $big (param i32) (result i32)
            (local i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64)
            (local i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64)
            (i32.add (local.get 0) (i32.const 1))))"#;
    let fits = VmConfig { max_value_stack: 64, ..config(8) };
    assert_eq!(same_on_both(wat, &fits, &[("small", vec![Value::I32(1)])])[0], Ok(vec![Value::I32(2)]));
    let tight = VmConfig { max_value_stack: 30, ..config(8) };
    let out = same_on_both(wat, &tight, &[("small", vec![Value::I32(1)])]);
    assert!(out[0].as_ref().unwrap_err().contains("call stack exhausted"), "{:?}", out[0]);
}

#[test]
fn return_call_indirect_traps_as_call_indirect_does() {
    let wat = r#"(module
        (type $v (func (result i32)))
        (type $i (func (param i32) (result i32)))
        (table 3 funcref)
        (elem (i32.const 0) $f $g)
        (func $f (result i32) (i32.const 7))
        (func $g (param i32) (result i32) (local.get 0))
        (func (export "call") (param i32) (result i32) (return_call_indirect (type $v) (local.get 0)))
        (func (export "nested") (param i32) (result i32)
            (i32.add (i32.const 1) (call $tail (local.get 0))))
        (func $tail (param i32) (result i32) (return_call_indirect (type $v) (local.get 0))))"#;
    let calls = [
        ("call", vec![Value::I32(0)]),
        ("call", vec![Value::I32(1)]),
        ("call", vec![Value::I32(2)]),
        ("call", vec![Value::I32(3)]),
        ("call", vec![Value::I32(-1)]),
        ("nested", vec![Value::I32(0)]),
        ("nested", vec![Value::I32(2)]),
    ];
    let out = same_on_both(wat, &config(16), &calls);
    assert_eq!(out[0], Ok(vec![Value::I32(7)]));
    assert!(out[1].as_ref().unwrap_err().contains("indirect call type mismatch"), "{:?}", out[1]);
    assert!(out[2].as_ref().unwrap_err().contains("uninitialized element"), "{:?}", out[2]);
    assert!(out[3].as_ref().unwrap_err().contains("undefined element"), "{:?}", out[3]);
    assert!(out[4].as_ref().unwrap_err().contains("undefined element"), "{:?}", out[4]);
    assert_eq!(out[5], Ok(vec![Value::I32(8)]));
    assert!(out[6].as_ref().unwrap_err().contains("uninitialized element"), "{:?}", out[6]);
}

#[test]
fn stack_traces_show_the_frames_that_remain() {
    // outer calls middle, which tail-calls inner: middle's frame is gone when inner traps.
    let wat = r#"(module
        (table 1 funcref)
        (elem (i32.const 0) $inner)
        (func $outer (export "outer") (result i32) (i32.add (i32.const 1) (call $middle)))
        (func $middle (result i32) (return_call $inner))
        (func $inner (result i32) (unreachable))
        (func $outer2 (export "outer2") (result i32) (i32.add (i32.const 1) (call $middle2)))
        (func $middle2 (result i32) (return_call_indirect (result i32) (i32.const 0))))"#;
    let out = same_on_both(wat, &config(16), &[("outer", vec![]), ("outer2", vec![])]);
    for (trace, outer) in [(&out[0], "outer"), (&out[1], "outer2")] {
        let trace = trace.as_ref().unwrap_err();
        assert!(trace.contains("0: inner") && trace.contains(&format!("1: {outer} ")), "{trace}");
        assert!(!trace.contains("middle") && !trace.contains("2: "), "{trace}");
    }
}

#[test]
fn tail_calls_to_host_functions_return_their_results() {
    let wat = r#"(module
        (import "host" "twice" (func $twice (param i64 i32) (result i64 i32)))
        (import "host" "fail" (func $fail (param i32)))
        (type $h (func (param i64 i32) (result i64 i32)))
        (table 2 funcref)
        (elem (i32.const 0) $twice $fail)
        (func $direct (export "direct") (param i64 i32) (result i64 i32) (local i64)
            (return_call $twice (i64.add (local.get 0) (i64.const 1)) (local.get 1)))
        (func (export "indirect") (param i64 i32) (result i64 i32)
            (return_call_indirect (type $h) (local.get 0) (local.get 1) (i32.const 0)))
        (func (export "nested") (param i64) (result i64)
            (i64.add (i64.const 100) (drop (call $direct (local.get 0) (i32.const 5)))))
        (func (export "fail") (param i32) (return_call $fail (local.get 0))))"#;
    for (name, engine) in engines() {
        let config = VmConfig { engine, ..config(8) };
        let module = Module::new(&wat::parse_str(wat).unwrap(), &config).unwrap();
        let mut store = Store::new(config);
        let mut linker = Linker::new();
        linker.func_wrap(&mut store, "host", "twice", |a: i64, b: i32| -> (i64, i32) { (a * 2, b + 1) });
        linker.func_wrap(&mut store, "host", "fail", |code: i32| -> Result<(), life_interp::Trap> {
            Err(life_interp::Trap::host(format!("fail {code}")))
        });
        let instance = store.instantiate(&module, &mut linker).unwrap();
        let mut call = |f: &str, args: &[Value]| outcome(store.invoke(instance, f, args));
        assert_eq!(call("direct", &[Value::I64(20), Value::I32(3)]), Ok(vec![Value::I64(42), Value::I32(4)]), "{name}");
        assert_eq!(call("indirect", &[Value::I64(-4), Value::I32(0)]), Ok(vec![Value::I64(-8), Value::I32(1)]));
        assert_eq!(call("nested", &[Value::I64(1)]), Ok(vec![Value::I64(104)]), "{name}");
        let err = call("fail", &[Value::I32(9)]).unwrap_err();
        assert!(err.contains("fail 9"), "{name}: {err}");
    }
}

#[test]
fn tail_call_modules_need_the_feature() {
    let wat = r#"(module (func $f (return_call $f)))"#;
    for (name, engine) in engines() {
        let config = VmConfig { engine, ..VmConfig::default() };
        let err = Module::new(&wat::parse_str(wat).unwrap(), &config).unwrap_err().to_string();
        assert!(err.contains("tail-call"), "{name}: {err}");
    }
}

#[test]
fn tail_calls_into_another_instance_return_to_the_right_one() {
    // `b.run` calls its own `relay`, which tail-calls `a.add`, a wasm function of another
    // instance (directly and through b's table): its result comes back to `run` in instance b,
    // whose memory `run` then reads.
    let a = r#"(module
        (memory (export "mem") 1)
        (func (export "add") (param i32 i32) (result i32)
            (i32.store (i32.const 0) (i32.const 1000))
            (i32.add (local.get 0) (local.get 1))))"#;
    let b = r#"(module
        (import "a" "add" (func $add (param i32 i32) (result i32)))
        (type $t (func (param i32 i32) (result i32)))
        (memory 1)
        (data (i32.const 0) "\07")
        (table 1 funcref)
        (elem (i32.const 0) $add)
        (func $relay (param i32) (result i32) (return_call $add (local.get 0) (i32.const 1)))
        (func $irelay (param i32) (result i32) (return_call_indirect (type $t) (local.get 0) (i32.const 2) (i32.const 0)))
        (func (export "run") (param i32) (result i32)
            (i32.add (call $relay (local.get 0)) (i32.load (i32.const 0))))
        (func (export "irun") (param i32) (result i32)
            (i32.add (call $irelay (local.get 0)) (i32.load (i32.const 0)))))"#;
    for (name, engine) in engines() {
        let config = VmConfig { engine, ..config(8) };
        let mut store = Store::new(config.clone());
        let mut linker = Linker::new();
        let a = store.instantiate(&Module::new(&wat::parse_str(a).unwrap(), &config).unwrap(), &mut linker).unwrap();
        linker.define_instance(&store, "a", a).unwrap();
        let b = store.instantiate(&Module::new(&wat::parse_str(b).unwrap(), &config).unwrap(), &mut linker).unwrap();
        assert_eq!(outcome(store.invoke(b, "run", &[Value::I32(10)])), Ok(vec![Value::I32(18)]), "{name}");
        assert_eq!(outcome(store.invoke(b, "irun", &[Value::I32(10)])), Ok(vec![Value::I32(19)]), "{name}");
    }
}

#[test]
fn a_timeout_stops_endless_tail_recursion() {
    // No loop and no growing stack: only the interrupt check at every function entry stops it.
    let wat = r#"(module
        (func $ping (export "spin") (param i64) (result i64) (return_call $pong (i64.add (local.get 0) (i64.const 1))))
        (func $pong (param i64) (result i64) (return_call $ping (local.get 0))))"#;
    for (name, engine) in engines() {
        let config = VmConfig { timeout: Some(std::time::Duration::from_millis(50)), ..config(8) };
        let mut vm = vm(wat.as_bytes(), &engine, &config, &mut NoImports).unwrap();
        let err = vm.invoke("spin", &[Value::I64(0)]).unwrap_err();
        assert_eq!(err.trap().and_then(|t| t.code()), Some(life_interp::TrapCode::Interrupted), "{name}");
    }
}
