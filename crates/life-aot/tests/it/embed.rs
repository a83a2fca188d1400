//! What an embedder sees, the same on every engine: pending interrupts, timeouts without a
//! thread per call, host panics, and stack exhaustion on small threads.

use super::{engines, vm};
use life_interp::{FuncType, HostFunc, ImportResolver, NoImports, TrapCode, Value, VmConfig};
use std::time::{Duration, Instant};

const SPIN: &str = r#"(module
    (func (export "spin") (loop $l (br $l)))
    (func (export "one") (result i32) i32.const 1))"#;

#[test]
fn an_interrupt_raised_before_a_call_stops_it_and_is_then_cleared() {
    for (name, engine) in engines() {
        let config = VmConfig { interruptible: true, ..VmConfig::default() };
        let mut vm = vm(SPIN.as_bytes(), &engine, &config, &mut NoImports).unwrap();
        let handle = vm.interrupt_handle();
        handle.interrupt();
        assert!(handle.is_raised());
        // Before, the flag was cleared when the call began, and `spin` never returned.
        let err = vm.invoke("spin", &[]).unwrap_err();
        assert_eq!(err.trap().unwrap().code(), Some(TrapCode::Interrupted), "{name}");
        // Also a call that would not poll at all (no loop) does not start.
        handle.interrupt();
        let err = vm.invoke("one", &[]).unwrap_err();
        assert_eq!(err.trap().unwrap().code(), Some(TrapCode::Interrupted), "{name}");
        // The call it stopped consumed it: the next call runs.
        assert!(!handle.is_raised(), "{name}");
        assert_eq!(vm.invoke("one", &[]).unwrap(), vec![Value::I32(1)], "{name}");
    }
}

#[test]
fn a_timeout_stops_an_infinite_loop_on_every_engine() {
    for (name, engine) in engines() {
        let config = VmConfig { timeout: Some(Duration::from_millis(100)), ..VmConfig::default() };
        let mut vm = vm(SPIN.as_bytes(), &engine, &config, &mut NoImports).unwrap();
        for _ in 0..2 {
            let start = Instant::now();
            let err = vm.invoke("spin", &[]).unwrap_err();
            assert_eq!(err.trap().unwrap().code(), Some(TrapCode::Interrupted), "{name}");
            let took = start.elapsed();
            assert!(took >= Duration::from_millis(100) && took < Duration::from_secs(5), "{name}: {took:?}");
            // The timeout's interrupt ended with its call.
            assert_eq!(vm.invoke("one", &[]).unwrap(), vec![Value::I32(1)], "{name}");
        }
    }
}

#[test]
fn a_timeout_costs_a_trivial_call_under_a_microsecond() {
    const CALLS: u32 = 2000;
    for (name, engine) in engines() {
        let timed = VmConfig { timeout: Some(Duration::from_secs(10)), ..VmConfig::default() };
        // The same interrupt checks, so the only difference is the timeout.
        let untimed = VmConfig { interruptible: true, ..VmConfig::default() };
        let mut with = vm(SPIN.as_bytes(), &engine, &timed, &mut NoImports).unwrap();
        let mut without = vm(SPIN.as_bytes(), &engine, &untimed, &mut NoImports).unwrap();
        let f = with.export_func("one").unwrap();
        let g = without.export_func("one").unwrap();
        // The best of several rounds, as the machine is shared and noisy.
        let mut best = Duration::MAX;
        for _ in 0..7 {
            let start = Instant::now();
            for _ in 0..CALLS {
                with.store_mut().call(f, &[]).unwrap();
            }
            let timed = start.elapsed();
            let start = Instant::now();
            for _ in 0..CALLS {
                without.store_mut().call(g, &[]).unwrap();
            }
            best = best.min(timed.saturating_sub(start.elapsed()));
        }
        let per_call = best / CALLS;
        assert!(per_call < Duration::from_micros(1), "{name}: a timeout costs {per_call:?} per call");
    }
}

struct Panics;

impl ImportResolver for Panics {
    fn resolve_func(&mut self, _: &str, field: &str, _: &FuncType) -> Option<HostFunc> {
        (field == "boom").then(|| {
            HostFunc::new(FuncType::new([], []), |_, _, _| -> Result<(), life_interp::Trap> {
                panic!("the host gave up")
            })
        })
    }
}

#[test]
fn a_panicking_host_function_traps_on_every_engine() {
    let wat = r#"(module (import "env" "boom" (func $boom))
        (func (export "f") (result i32) call $boom i32.const 1))"#;
    for (name, engine) in engines() {
        let mut vm = vm(wat.as_bytes(), &engine, &VmConfig::default(), &mut Panics).unwrap();
        let err = vm.invoke("f", &[]).unwrap_err();
        let trap = err.trap().unwrap_or_else(|| panic!("{name}: {err:?}"));
        assert_eq!(trap.to_string(), "host error: a host function panicked: the host gave up", "{name}");
        // The VM stays usable.
        assert!(vm.invoke("f", &[]).is_err());
    }
}

#[test]
fn deep_recursion_on_a_small_thread_traps_on_every_engine() {
    let wat = r#"(module (func $down (export "down") (param i64) (result i64)
        (if (result i64) (i64.eqz (local.get 0)) (then (i64.const 0))
          (else (i64.add (i64.const 1) (call $down (i64.sub (local.get 0) (i64.const 1))))))))"#;
    for (name, engine) in engines() {
        // Deep enough that Polymerase's frames outgrow the thread's stack long before the depth
        // limit; the interpreter's own stack stops at the value-stack limit.
        let config = VmConfig { max_call_depth: 1 << 20, ..VmConfig::default() };
        let outcome = std::thread::Builder::new()
            .stack_size(256 << 10)
            .spawn(move || {
                let mut vm = vm(wat.as_bytes(), &engine, &config, &mut NoImports).unwrap();
                let shallow = vm.invoke("down", &[Value::I64(100)]).unwrap();
                let deep = vm.invoke("down", &[Value::I64(10_000_000)]).unwrap_err();
                (shallow, deep.trap().map(|t| t.to_string()))
            })
            .unwrap()
            .join()
            .unwrap_or_else(|_| panic!("{name}: the thread died"));
        assert_eq!(outcome.0, vec![Value::I64(100)], "{name}");
        assert_eq!(outcome.1.as_deref(), Some("call stack exhausted"), "{name}");
    }
}

#[derive(Debug)]
struct Refused(i64);

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "refused {}", self.0)
    }
}

impl std::error::Error for Refused {}

#[test]
fn typed_host_functions_and_exports_work_on_every_engine() {
    let wat = r#"(module
        (import "host" "add" (func $add (param i64 f64) (result f64 i64)))
        (func (export "f") (param i64 f64) (result f64 i64) (call $add (local.get 0) (local.get 1))))"#;
    for (name, engine) in engines() {
        let config = VmConfig { engine, ..VmConfig::default() };
        let module = life_interp::Module::new(&wat::parse_str(wat).unwrap(), &config).unwrap();
        let mut store = life_interp::Store::new(config);
        store.set_data(0u32);
        let mut linker = life_interp::Linker::new();
        linker.func_wrap(
            &mut store,
            "host",
            "add",
            |caller: &mut life_interp::Caller<'_>, a: i64, b: f64| -> Result<(f64, i64), life_interp::Trap> {
                *caller.data_mut::<u32>().unwrap() += 1;
                match a {
                    0.. => Ok((a as f64 + b, a * 2)),
                    _ => Err(life_interp::Trap::error(Refused(a))),
                }
            },
        );
        let instance = store.instantiate(&module, &mut linker).unwrap();
        let f = store.typed_func::<(i64, f64), (f64, i64)>(instance, "f").unwrap();
        assert_eq!(f.call(&mut store, (20, 0.5)).unwrap(), (20.5, 40), "{name}");
        let e = f.call(&mut store, (-3, 0.0)).unwrap_err();
        assert_eq!(e.trap().and_then(|t| t.downcast_ref::<Refused>()).map(|r| r.0), Some(-3), "{name}");
        assert_eq!(store.data::<u32>(), Some(&2), "{name}");
    }
}

#[test]
fn a_host_can_ask_whether_its_engine_can_pause() {
    for (name, engine) in engines() {
        let interp = matches!(engine, life_interp::Engine::Interpreter);
        assert_eq!(engine.can_pause(), interp, "{name}");
        let config = VmConfig { engine, gas_limit: Some(1000), ..VmConfig::default() };
        let module = life_interp::Module::new(&wat::parse_str(SPIN).unwrap(), &config).unwrap();
        assert_eq!(module.can_pause(), interp, "{name}");
        // What it means: the interpreter pauses where Polymerase traps.
        let mut store = life_interp::Store::new(config);
        let instance = store.instantiate(&module, &mut NoImports).unwrap();
        let outcome = store.invoke_resumable(instance, "spin", &[]);
        match interp {
            true => assert!(matches!(outcome, Ok(life_interp::Resumable::Paused(_))), "{name}"),
            false => assert_eq!(outcome.unwrap_err().trap().unwrap().code(), Some(TrapCode::OutOfGas), "{name}"),
        }
    }
}
