//! Tail calls in the interpreter, on both dispatch loops: long chains under a small depth
//! limit, and paused calls (out of gas, a host function suspending) that resume across tail
//! calls with the same results and gas as a straight run.

use life_interp::{
    Features, FuncType, HostFunc, ImportResolver, Module, NoImports, PauseReason, Resumable, Store, Trap, Value,
    VmConfig,
};

/// Tail calls on, a depth limit of `depth` frames, the portable loop or the default one.
fn config(depth: usize, portable: bool) -> VmConfig {
    let mut features = Features::default();
    features.set("tail-call", true).unwrap();
    VmConfig { features, max_call_depth: depth, portable_dispatch: portable, ..VmConfig::default() }
}

/// `sum(n)` adds `n + (n-1) + ... + 1` through a chain of tail calls that alternates direct and
/// indirect ones; `ask(n)` tail-calls the host's `ask`, which suspends.
const CHAIN: &str = r#"(module
    (import "env" "ask" (func $ask (param i32) (result i32)))
    (type $step (func (param i64 i64) (result i64)))
    (table 1 funcref)
    (elem (i32.const 0) $b)
    (func $a (param i64 i64) (result i64)
        (if (result i64) (i64.eqz (local.get 0))
            (then (local.get 1))
            (else (return_call_indirect (type $step)
                (i64.sub (local.get 0) (i64.const 1)) (i64.add (local.get 1) (local.get 0)) (i32.const 0)))))
    (func $b (param i64 i64) (result i64)
        (if (result i64) (i64.eqz (local.get 0))
            (then (local.get 1))
            (else (return_call $a (i64.sub (local.get 0) (i64.const 1)) (i64.add (local.get 1) (local.get 0))))))
    (func (export "sum") (param i64) (result i64) (call $a (local.get 0) (i64.const 0)))
    (func $relay (param i32) (result i32) (return_call $ask (i32.add (local.get 0) (i32.const 1))))
    (func (export "ask") (param i32) (result i32) (i32.mul (call $relay (local.get 0)) (i32.const 2))))"#;

struct Ask;
impl ImportResolver for Ask {
    fn resolve_func(&mut self, _: &str, field: &str, ty: &FuncType) -> Option<HostFunc> {
        (field == "ask").then(|| HostFunc::new(ty.clone(), |_, _, _| Err(Trap::suspend())))
    }
}

fn start(config: &VmConfig, gas: Option<u64>) -> (Store, life_interp::Instance) {
    let config = VmConfig { gas_limit: gas, ..config.clone() };
    let module = Module::from_wat(CHAIN, &config).unwrap();
    let mut store = Store::new(config);
    let instance = store.instantiate(&module, &mut Ask).unwrap();
    (store, instance)
}

/// A million tail calls, under a depth limit of 4 and on a 256 KiB thread: neither the guest's
/// frames nor the host stack grow (in the threaded loop, the tail-call handlers end in a jump
/// like every other handler).
#[test]
fn tail_call_chains_run_in_constant_depth_on_both_loops() {
    let run = || {
        for portable in [false, true] {
            let (mut store, instance) = start(&config(4, portable), None);
            let n = 1_000_000i64;
            assert_eq!(store.invoke(instance, "sum", &[Value::I64(n)]).unwrap(), [Value::I64(n * (n + 1) / 2)]);
        }
    };
    std::thread::Builder::new().stack_size(256 << 10).spawn(run).unwrap().join().unwrap();
}

#[test]
fn paused_calls_resume_across_tail_calls() {
    for portable in [false, true] {
        let config = config(4, portable);
        let n = 10_000i64;
        let (mut store, instance) = start(&config, Some(u64::MAX / 2));
        store.invoke(instance, "sum", &[Value::I64(n)]).unwrap();
        let straight = store.gas_used().unwrap();

        // Out of gas every 1000 units, somewhere in the chain each time.
        let (mut store, instance) = start(&config, Some(1000));
        let mut outcome = store.invoke_resumable(instance, "sum", &[Value::I64(n)]).unwrap();
        let mut pauses = 0;
        while let Resumable::Paused(call) = outcome {
            assert_eq!(call.reason(), PauseReason::OutOfGas);
            pauses += 1;
            store.add_gas(1000);
            outcome = store.resume(call, &[]).unwrap();
        }
        let Resumable::Finished(results) = outcome else { unreachable!() };
        assert_eq!(results, [Value::I64(n * (n + 1) / 2)], "portable: {portable}");
        assert!(pauses as u64 >= straight / 1000, "{pauses} pauses for {straight} gas");
        assert_eq!(store.gas_used(), Some(straight), "a paused run costs what a straight one does");

        // A host function reached by a tail call suspends; its result is returned from the
        // function that tail-called it.
        let (mut store, instance) = start(&config, None);
        let Resumable::Paused(call) = store.invoke_resumable(instance, "ask", &[Value::I32(4)]).unwrap() else {
            panic!("expected a pause")
        };
        assert_eq!(call.reason(), PauseReason::Host);
        let Resumable::Finished(results) = store.resume(call, &[Value::I32(21)]).unwrap() else { panic!() };
        assert_eq!(results, [Value::I32(42)]);
    }
}

#[test]
fn the_depth_limit_counts_live_frames_only() {
    // A plain call chain hits the limit that tail calls never reach.
    let wat = r#"(module
        (func $down (export "down") (param i32) (result i32)
            (if (result i32) (i32.eqz (local.get 0))
                (then (i32.const 0))
                (else (i32.add (i32.const 1) (call $down (i32.sub (local.get 0) (i32.const 1)))))))
        (func $tail (export "tail") (param i32 i32) (result i32)
            (if (result i32) (i32.eqz (local.get 0))
                (then (local.get 1))
                (else (return_call $tail (i32.sub (local.get 0) (i32.const 1)) (i32.add (local.get 1) (i32.const 1)))))))"#;
    for portable in [false, true] {
        let config = config(10, portable);
        let module = Module::from_wat(wat, &config).unwrap();
        let mut store = Store::new(config);
        let instance = store.instantiate(&module, &mut NoImports).unwrap();
        assert_eq!(store.invoke(instance, "down", &[Value::I32(5)]).unwrap(), [Value::I32(5)]);
        let err = store.invoke(instance, "down", &[Value::I32(50)]).unwrap_err();
        assert_eq!(err.trap().unwrap().code(), Some(life_interp::TrapCode::StackOverflow));
        let out = store.invoke(instance, "tail", &[Value::I32(100_000), Value::I32(0)]).unwrap();
        assert_eq!(out, [Value::I32(100_000)]);
    }
}
