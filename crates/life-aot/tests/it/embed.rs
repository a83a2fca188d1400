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

#[test]
fn typed_calls_carry_every_value_type_on_every_engine() {
    // Typed exports and typed host functions pass values in slot form; a v128 takes two slots,
    // so everything after it is at an odd offset.
    let wat = r#"(module
        (import "host" "every" (func $every (param i32 v128 i64 f32 f64 externref) (result externref f64 f32 i64 v128 i32)))
        (func (export "every") (param i32 v128 i64 f32 f64 externref) (result externref f64 f32 i64 v128 i32)
            (call $every (local.get 0) (local.get 1) (local.get 2) (local.get 3) (local.get 4) (local.get 5))))"#;
    type Args = (i32, u128, i64, f32, f64, Option<u32>);
    type Results = (Option<u32>, f64, f32, i64, u128, i32);
    let args: Args = (-7, u128::MAX - 5, i64::MIN + 3, -1.5, 2.25, Some(9));
    let reversed = |(a, b, c, d, e, f): Args| -> Results { (f, e, d, c, b, a) };
    for (name, engine) in engines() {
        let config = VmConfig { engine, ..VmConfig::default() };
        let module = life_interp::Module::new(&wat::parse_str(wat).unwrap(), &config).unwrap();
        let mut store = life_interp::Store::new(config);
        let mut linker = life_interp::Linker::new();
        linker.func_wrap(
            &mut store,
            "host",
            "every",
            move |a: i32, b: u128, c: i64, d: f32, e: f64, f: Option<u32>| reversed((a, b, c, d, e, f)),
        );
        let instance = store.instantiate(&module, &mut linker).unwrap();
        let every = store.typed_func::<Args, Results>(instance, "every").unwrap();
        assert_eq!(every.call(&mut store, args).unwrap(), reversed(args), "{name}");
        // The untyped API reaches the same typed host function through values.
        let values = [
            Value::I32(-7),
            Value::V128(3),
            Value::I64(4),
            Value::from(1.0f32),
            Value::from(2.0f64),
            Value::ExternRef(None),
        ];
        let out = store.invoke(instance, "every", &values).unwrap();
        let want: Vec<Value> = values.iter().rev().copied().collect();
        assert_eq!(out, want, "{name}");
        // A typed host function called directly from the host.
        let Some(life_interp::Extern::Func(host)) = linker.get("host", "every") else { panic!("no host function") };
        let direct = life_interp::TypedFunc::<Args, Results>::new(&store, host).unwrap();
        assert_eq!(direct.call(&mut store, args).unwrap(), reversed(args), "{name}");
    }
}

#[test]
fn native_contexts_reused_between_calls_never_mix_up_stores_or_instances() {
    // Polymerase keeps finished call contexts, with their `call_indirect` cache, for the next
    // call on the thread. Table element 0 is a different function in each of these, at the same
    // store address, and each has its own global and memory: a context carried from one store or
    // instance to another would call the wrong function or read the wrong global or memory.
    let module_of = |k: i32| {
        format!(
            r#"(module
                (type $t (func (result i32)))
                (table 1 funcref)
                (elem (i32.const 0) $f)
                (global i32 (i32.const {k}0))
                (memory 1)
                (data (i32.const 0) "\00\0{k}")
                (func $f (result i32) i32.const {k})
                (func (export "run") (result i32)
                    (i32.add (i32.add (call_indirect (type $t) (i32.const 0)) (global.get 0))
                        (i32.mul (i32.load8_u (i32.const 1)) (i32.const 100)))))"#
        )
    };
    for (name, engine) in engines() {
        let config = VmConfig { engine, ..VmConfig::default() };
        let modules: Vec<_> = (1..=3)
            .map(|k| life_interp::Module::new(&wat::parse_str(module_of(k)).unwrap(), &config).unwrap())
            .collect();
        let mut stores: Vec<_> = modules
            .iter()
            .map(|m| {
                let mut store = life_interp::Store::new(config.clone());
                let instance = store.instantiate(m, &mut NoImports).unwrap();
                (store, instance)
            })
            .collect();
        // Two instances in one store, too.
        let second = stores[0].0.instantiate(&modules[1], &mut NoImports).unwrap();
        for round in 0..3 {
            for (k, (store, instance)) in stores.iter_mut().enumerate() {
                let run = store.typed_func::<(), i32>(*instance, "run").unwrap();
                assert_eq!(run.call(store, ()).unwrap(), 111 * (k as i32 + 1), "{name}, round {round}");
            }
            let (store, _) = &mut stores[0];
            let run = store.typed_func::<(), i32>(second, "run").unwrap();
            assert_eq!(run.call(store, ()).unwrap(), 222, "{name}, round {round}");
        }
        // A store made after another was dropped may sit at the same address.
        drop(stores.remove(0));
        let mut store = life_interp::Store::new(config.clone());
        let instance = store.instantiate(&modules[2], &mut NoImports).unwrap();
        let run = store.typed_func::<(), i32>(instance, "run").unwrap();
        assert_eq!(run.call(&mut store, ()).unwrap(), 333, "{name}");
    }
}

#[test]
fn a_funcref_the_store_does_not_have_is_refused_at_every_door() {
    // Engines index their function tables with a reference unchecked, so a reference made up
    // by the host, or taken from a larger store, must never get in.
    let wat = r#"(module
        (type $t (func (result i32)))
        (import "host" "make" (func $make (result funcref)))
        (import "host" "make_typed" (func $make_typed (result funcref)))
        (table (export "t") 1 funcref)
        (global (export "g") (mut funcref) (ref.null func))
        (func $seven (result i32) i32.const 7)
        (elem declare func $seven)
        (func (export "put") (param funcref) (table.set (i32.const 0) (local.get 0)))
        (func (export "run") (result i32) (call_indirect (type $t) (i32.const 0)))
        (func (export "from_host") (result i32) (table.set (i32.const 0) (call $make)) (call_indirect (type $t) (i32.const 0)))
        (func (export "from_typed_host") (result i32)
            (table.set (i32.const 0) (call $make_typed)) (call_indirect (type $t) (i32.const 0)))
        (func (export "own") (result funcref) (ref.func $seven)))"#;
    let bogus = Value::FuncRef(Some(life_interp::FuncRef(12345)));
    for (name, engine) in engines() {
        let config = VmConfig { engine, ..VmConfig::default() };
        let module = life_interp::Module::new(&wat::parse_str(wat).unwrap(), &config).unwrap();
        let mut store = life_interp::Store::new(config.clone());
        let mut linker = life_interp::Linker::new();
        linker.define_func(
            &mut store,
            "host",
            "make",
            HostFunc::new(FuncType::new([], [life_interp::ValType::FuncRef]), move |_, _, results| {
                results[0] = bogus;
                Ok(())
            }),
        );
        linker.func_wrap(&mut store, "host", "make_typed", || Some(life_interp::FuncRef(12345)));
        let instance = store.instantiate(&module, &mut linker).unwrap();
        let unknown = |e: &life_interp::Error| matches!(e, life_interp::Error::UnknownFuncRef { addr: 12345, .. });
        let e = store.invoke(instance, "put", &[bogus]).unwrap_err();
        assert!(unknown(&e), "{name}: {e:?}");
        let put = store.typed_func::<Option<life_interp::FuncRef>, ()>(instance, "put").unwrap();
        let e = put.call(&mut store, Some(life_interp::FuncRef(12345))).unwrap_err();
        assert!(unknown(&e), "{name}: {e:?}");
        let Ok(life_interp::Extern::Table(t)) = store.export(instance, "t") else { panic!("no table") };
        assert!(unknown(&store.table_set(t, 0, bogus).unwrap_err()), "{name}");
        assert!(unknown(&store.table_grow(t, 1, bogus).unwrap_err()), "{name}");
        let Ok(life_interp::Extern::Global(g)) = store.export(instance, "g") else { panic!("no global") };
        assert!(unknown(&store.global_set(g, bogus).unwrap_err()), "{name}");
        for export in ["from_host", "from_typed_host"] {
            let e = store.invoke(instance, export, &[]).unwrap_err();
            assert!(e.to_string().contains("this store has"), "{name} {export}: {e}");
        }
        // Nothing got in: the table's element is still null.
        let e = store.invoke(instance, "run", &[]).unwrap_err();
        assert_eq!(e.trap().and_then(|t| t.code()), Some(TrapCode::UninitializedElement), "{name}");
        // A reference from a store with more functions does not fit this one.
        let mut big = life_interp::Store::new(config.clone());
        for _ in 0..20 {
            big.alloc_host_func(HostFunc::wrap(|| 0i32));
        }
        let mut big_linker = life_interp::Linker::new();
        big_linker.func_wrap(&mut big, "host", "make", || None::<life_interp::FuncRef>);
        big_linker.func_wrap(&mut big, "host", "make_typed", || None::<life_interp::FuncRef>);
        let big_instance = big.instantiate(&module, &mut big_linker).unwrap();
        let foreign = big.invoke(big_instance, "own", &[]).unwrap();
        let e = store.invoke(instance, "put", &foreign).unwrap_err();
        assert!(matches!(e, life_interp::Error::UnknownFuncRef { .. }), "{name}: {e:?}");
    }
}
