//! Snapshots, deterministic NaNs, table limits and interrupts on Polymerase.

use crate::{engines, same_on_both, vm};
use life_interp::{F32, F64, FuncType, HostFunc, ImportResolver, Module, NoImports, TrapCode, Value, Vm, VmConfig};
use std::time::{Duration, Instant};

const COUNTER: &str = r#"(module (memory (export "mem") 1)
    (global $n (export "n") (mut i64) (i64.const 0))
    (table (export "t") 2 funcref)
    (func $f (result i64) (global.get $n))
    (elem declare func $f)
    (func (export "step") (param i32) (result i64)
        (i32.store (i32.const 64) (i32.add (i32.load (i32.const 64)) (local.get 0)))
        (global.set $n (i64.add (global.get $n) (i64.extend_i32_u (i32.load (i32.const 64)))))
        (table.set (i32.const 1) (ref.func $f))
        (global.get $n))
    (func (export "via_table") (result i64) (call_indirect (result i64) (i32.const 1))))"#;

#[test]
fn snapshots_move_between_engines() {
    let config = VmConfig::default();
    // Reference: everything on the interpreter.
    let [(_, interp), (_, aot), (_, checked)] = engines();
    let mut reference = vm(COUNTER.as_bytes(), &interp, &config, &mut NoImports).unwrap();
    for i in 1..=3 {
        reference.invoke("step", &[Value::I32(i)]).unwrap();
    }
    let want = reference.invoke("step", &[Value::I32(10)]).unwrap();
    let want_table = reference.invoke("via_table", &[]).unwrap();

    // Run three steps on one engine, snapshot, restore on the other, finish there.
    for (first, second) in [(&interp, &aot), (&aot, &interp), (&aot, &aot), (&checked, &aot), (&aot, &checked)] {
        let mut a = vm(COUNTER.as_bytes(), first, &config, &mut NoImports).unwrap();
        for i in 1..=3 {
            a.invoke("step", &[Value::I32(i)]).unwrap();
        }
        let bytes = a.snapshot();
        let second_config = VmConfig { engine: second.clone(), ..config.clone() };
        let module = Module::from_wat(COUNTER, &second_config).unwrap();
        let mut b = Vm::restore(&module, second_config, &mut NoImports, &bytes).unwrap();
        assert_eq!(b.invoke("step", &[Value::I32(10)]).unwrap(), want);
        assert_eq!(b.invoke("via_table", &[]).unwrap(), want_table);
    }
}

#[test]
fn canonical_nans_are_bit_identical() {
    let wat = r#"(module
        (func (export "nan32") (param f32 f32) (result f32) (f32.add (local.get 0) (local.get 1)))
        (func (export "nan64") (param f64) (result f64) (f64.sqrt (local.get 0)))
        (func (export "vec") (param f32) (result i32)
            (i32x4.extract_lane 2 (f32x4.div (f32x4.splat (local.get 0)) (f32x4.splat (f32.const 0))))))"#;
    let config = VmConfig { canonicalize_nans: true, ..VmConfig::default() };
    let payload = F32::from_bits(0x7fa0_0001);
    let out = same_on_both(
        wat,
        &config,
        &[
            ("nan32", vec![Value::F32(payload), Value::F32(F32::from(1.0))]),
            ("nan64", vec![Value::F64(F64::from(-1.0))]),
            ("vec", vec![Value::F32(F32::from(0.0))]),
        ],
    );
    assert_eq!(out[0], Ok(vec![Value::F32(F32::from_bits(0x7fc0_0000))]));
    assert_eq!(out[1], Ok(vec![Value::F64(F64::from_bits(0x7ff8_0000_0000_0000))]));
    assert_eq!(out[2], Ok(vec![Value::I32(0x7fc0_0000)]));
}

#[test]
fn table_limit_is_exact() {
    let wat = r#"(module (table 1 funcref)
        (func (export "grow") (param i32) (result i32) (table.grow (ref.null func) (local.get 0))))"#;
    let config = VmConfig { max_table_elements: 10, ..VmConfig::default() };
    let out = same_on_both(wat, &config, &[("grow", vec![Value::I32(10)]), ("grow", vec![Value::I32(9)])]);
    assert_eq!(out, vec![Ok(vec![Value::I32(-1)]), Ok(vec![Value::I32(1)])]);
}

/// `env.tick()`: a host function the guest calls in its loop.
struct Tick;

impl ImportResolver for Tick {
    fn resolve_func(&mut self, module: &str, field: &str, _ty: &FuncType) -> Option<HostFunc> {
        (module == "env" && field == "tick").then(|| HostFunc::new(FuncType::new([], []), |_, _, _| Ok(())))
    }
}

#[test]
fn interrupts_stop_loops_that_call_the_host() {
    let wat = r#"(module (import "env" "tick" (func $tick))
        (func (export "spin") (loop $l (call $tick) (br $l))))"#;
    for (name, engine) in engines() {
        let config = VmConfig { interruptible: true, ..VmConfig::default() };
        let mut vm = vm(wat.as_bytes(), &engine, &config, &mut Tick).unwrap();
        let handle = vm.store().interrupt_handle();
        let stopper = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(30));
            handle.interrupt();
        });
        let start = Instant::now();
        let err = vm.invoke("spin", &[]).unwrap_err();
        stopper.join().unwrap();
        assert_eq!(err.trap().unwrap().code(), Some(TrapCode::Interrupted), "{name}");
        assert!(start.elapsed() < Duration::from_secs(2), "{name}: {:?}", start.elapsed());
    }
}
