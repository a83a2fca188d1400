//! Every limit hits at the same point on both engines.

use crate::{engines, outcome, same_on_both, vm};
use life_interp::{
    Caller, Error, FuncType, HostFunc, ImportResolver, NoImports, Trap, TrapCode, ValType, Value, VmConfig,
};
use std::time::{Duration, Instant};

const SUM: &str = r#"(module (memory (export "mem") 1)
    (func (export "sum") (param $n i32) (result i32) (local $acc i32)
        (block $done (loop $top
            (br_if $done (i32.eqz (local.get $n)))
            (local.set $acc (i32.add (local.get $acc) (local.get $n)))
            (i32.store (i32.const 0) (local.get $acc))
            (local.set $n (i32.sub (local.get $n) (i32.const 1)))
            (br $top)))
        (local.get $acc))
    (func (export "fill") (param $n i32) (memory.fill (i32.const 0) (i32.const 7) (local.get $n))))"#;

fn metered(limit: u64) -> VmConfig {
    VmConfig { gas_limit: Some(limit), ..VmConfig::default() }
}

#[test]
fn gas_is_identical_and_stops_at_the_same_instruction() {
    let calls = [("sum", vec![Value::I32(50)]), ("fill", vec![Value::I32(1000)])];
    let mut gas = None;
    for (name, engine) in engines() {
        let mut vm = vm(SUM.as_bytes(), &engine, &metered(u64::MAX / 2), &mut NoImports).unwrap();
        vm.invoke("sum", &calls[0].1).unwrap();
        let used = vm.store().gas_used().unwrap();
        assert_eq!(*gas.get_or_insert(used), used, "{name}");
    }
    let g = gas.unwrap();
    // Exactly enough gas runs; one less stops, with the same partial memory on both engines.
    let ok = same_on_both(SUM, &metered(g), &calls[..1]);
    assert_eq!(ok[0], Ok(vec![Value::I32(1275)]));
    let short = same_on_both(SUM, &metered(g - 1), &calls[..1]);
    assert!(short[0].as_ref().unwrap_err().starts_with("trap: out of gas"), "{:?}", short[0]);
    // Bulk operations charge per byte before the work, on both engines.
    let bulk = same_on_both(SUM, &metered(g + 500), &calls);
    assert!(bulk[1].as_ref().unwrap_err().starts_with("trap: out of gas"), "{:?}", bulk[1]);
}

const RECURSE: &str = r#"(module
    (func $r (export "r") (param i32) (result i32)
        (if (result i32) (local.get 0)
            (then (i32.add (i32.const 1) (call $r (i32.sub (local.get 0) (i32.const 1)))))
            (else (i32.const 0)))))"#;

#[test]
fn call_depth_limit_is_exact() {
    let config = VmConfig { max_call_depth: 100, ..VmConfig::default() };
    // r(99) runs 100 frames; r(100) would need 101.
    let out = same_on_both(RECURSE, &config, &[("r", vec![Value::I32(99)]), ("r", vec![Value::I32(100)])]);
    assert_eq!(out[0], Ok(vec![Value::I32(99)]));
    assert!(out[1].as_ref().unwrap_err().starts_with("trap: call stack exhausted"), "{:?}", out[1]);
}

#[test]
fn value_stack_limit_is_exact() {
    // Each frame of `r` takes the same number of slots; find the smallest stack that runs r(20)
    // on the interpreter, then both engines must agree at and below it.
    let runs = |slots: usize| {
        let config = VmConfig { max_value_stack: slots, ..VmConfig::default() };
        same_on_both(RECURSE, &config, &[("r", vec![Value::I32(20)])]).remove(0).is_ok()
    };
    let need = (1..10_000).find(|&s| runs(s)).expect("some stack suffices");
    assert!(!runs(need - 1));
}

#[test]
fn memory_limit_is_exact() {
    let wat = r#"(module (memory 1) (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0))))"#;
    let config = VmConfig { max_memory_pages: 4, ..VmConfig::default() };
    let out = same_on_both(wat, &config, &[("grow", vec![Value::I32(4)]), ("grow", vec![Value::I32(3)])]);
    assert_eq!(out, vec![Ok(vec![Value::I32(-1)]), Ok(vec![Value::I32(1)])]);
}

#[test]
fn runaway_recursion_traps_instead_of_overflowing_the_native_stack() {
    // Big frames and no depth or slot limit to speak of: only the native stack check stops it.
    let wat = r#"(module (func $f (export "f") (param i64) (result i64)
        (local i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64)
        (local.set 1 (i64.add (local.get 0) (i64.const 1)))
        (local.set 2 (i64.mul (local.get 1) (local.get 1)))
        (i64.add (local.get 2) (call $f (local.get 1)))))"#;
    let config = VmConfig {
        max_call_depth: usize::MAX,
        max_value_stack: usize::MAX,
        engine: life_aot::polymerase(),
        ..VmConfig::default()
    };
    // The thread needs the guest's 1 MiB budget plus the host's own frames.
    let handle = std::thread::Builder::new()
        .stack_size(4 << 20)
        .spawn(move || {
            let mut vm = vm(wat.as_bytes(), &config.engine, &config, &mut NoImports).unwrap();
            let err = vm.invoke("f", &[Value::I64(0)]).unwrap_err();
            assert_eq!(err.trap().unwrap().code(), Some(TrapCode::StackOverflow));
            // The VM stays usable.
            let err = vm.invoke("f", &[Value::I64(0)]).unwrap_err();
            assert_eq!(err.trap().unwrap().code(), Some(TrapCode::StackOverflow));
        })
        .unwrap();
    handle.join().unwrap();
}

#[test]
fn timeout_stops_an_infinite_loop() {
    let wat = r#"(module (func (export "spin") (loop $l (br $l))) (func (export "one") (result i32) (i32.const 1)))"#;
    let config = VmConfig { timeout: Some(Duration::from_millis(50)), ..VmConfig::default() };
    for (name, engine) in engines() {
        let mut vm = vm(wat.as_bytes(), &engine, &config, &mut NoImports).unwrap();
        let start = Instant::now();
        let err = vm.invoke("spin", &[]).unwrap_err();
        assert_eq!(err.trap().unwrap().code(), Some(TrapCode::Interrupted), "{name}");
        assert!(start.elapsed() < Duration::from_secs(2), "{name}: {:?}", start.elapsed());
        assert_eq!(vm.invoke("one", &[]).unwrap(), vec![Value::I32(1)], "{name}");
    }
}

/// `env.peek(addr) -> i32` reads guest memory; `env.fail()` traps; `env.boom()` panics.
struct Host;

impl ImportResolver for Host {
    fn resolve_func(&mut self, module: &str, field: &str, _ty: &FuncType) -> Option<HostFunc> {
        match (module, field) {
            ("env", "peek") => {
                Some(HostFunc::new(FuncType::new([ValType::I32], [ValType::I32]), |caller, args, out| {
                    let at = args[0].i32().unwrap() as u32;
                    let bytes = caller.read(at, 4)?;
                    out[0] = Value::I32(i32::from_le_bytes(bytes.try_into().unwrap()));
                    caller.write(at, &[9, 9, 9, 9])?;
                    Ok(())
                }))
            }
            ("env", "fail") => Some(HostFunc::new(FuncType::new([], []), |caller: &mut Caller<'_>, _, _| {
                caller.consume_gas(0)?;
                Err(Trap::host("the host says no"))
            })),
            ("env", "boom") => Some(HostFunc::new(FuncType::new([], []), |_, _, _| panic!("host bug"))),
            _ => None,
        }
    }
}

#[test]
fn host_functions_see_memory_and_their_traps_surface() {
    let wat = r#"(module
        (import "env" "peek" (func $peek (param i32) (result i32)))
        (import "env" "fail" (func $fail))
        (import "env" "boom" (func $boom))
        (memory 1) (data (i32.const 8) "\2a\00\00\00")
        (func (export "peek") (result i32 i32) (call $peek (i32.const 8)) (i32.load (i32.const 8)))
        (func (export "peek_oob") (result i32) (call $peek (i32.const 65534)))
        (func $inner (call $fail))
        (func (export "fail") (call $inner))
        (func (export "boom") (call $boom)))"#;
    let mut outcomes = Vec::new();
    for (name, engine) in engines() {
        let mut vm = vm(wat.as_bytes(), &engine, &VmConfig::default(), &mut Host).unwrap();
        let mut out = Vec::new();
        for f in ["peek", "peek_oob", "fail"] {
            out.push(outcome(vm.invoke(f, &[])));
        }
        if name == "polymerase" {
            // A panicking host function must not unwind through native frames.
            let err = vm.invoke("boom", &[]).unwrap_err();
            assert!(err.to_string().contains("panicked: host bug"), "{err}");
        }
        outcomes.push(out);
    }
    assert_eq!(outcomes[0], outcomes[1]);
    assert_eq!(outcomes[0][0], Ok(vec![Value::I32(42), Value::I32(0x0909_0909)]));
    let trace = outcomes[0][2].as_ref().unwrap_err();
    assert!(
        trace.contains("the host says no")
            && trace.contains("env.fail (host)")
            && trace.contains("1: inner (func 5)")
            && trace.contains("2: fail (func 6)"),
        "{trace}"
    );
}

#[test]
fn polymerase_cannot_pause_and_says_so() {
    let config = VmConfig { gas_limit: Some(10), engine: life_aot::polymerase(), ..VmConfig::default() };
    let module = life_interp::Module::from_wat(SUM, &config).unwrap();
    let mut store = life_interp::Store::new(config);
    let instance = store.instantiate(&module, &mut NoImports).unwrap();
    match store.invoke_resumable(instance, "sum", &[Value::I32(100)]) {
        Err(Error::Trap(t)) => assert_eq!(t.code(), Some(TrapCode::OutOfGas)),
        other => panic!("expected an out-of-gas trap, got {other:?}"),
    }
}

/// `Polymerase::max_function_complexity` refuses exactly the functions scoring above it, with a
/// one-line error naming the function; `None` turns it off. (The hostile tests in life-fuzz show
/// the default refusing modules that would compile for minutes.)
#[test]
fn complexity_limit_refuses_exactly_the_functions_above_it() {
    // Function 1 keeps 200 loaded values live across 200 bounds checks; function 0 is trivial.
    let loads = "(i32.load (i32.const 0)) ".repeat(200);
    let adds = "i32.add ".repeat(199);
    let text = format!(
        r#"(module (memory 1)
            (func (export "one") (result i32) i32.const 1)
            (func (export "sum") (result i32) {loads} {adds}))"#
    );
    let wasm = wat::parse_str(&text).unwrap();
    let decoded = life_decode::decode(&wasm, life_decode::Features::default()).unwrap();
    let score = life_aot::complexity(decoded.body(1).unwrap());
    assert!(score > life_aot::complexity(decoded.body(0).unwrap()) && score > 200 * 200, "{score}");
    let with = |limit: Option<u64>| {
        let poly = life_aot::Polymerase { max_function_complexity: limit, ..life_aot::Polymerase::default() };
        let config = VmConfig { engine: life_interp::Engine::Native(std::sync::Arc::new(poly)), ..VmConfig::default() };
        life_interp::Vm::new(&wasm, config, &mut NoImports).and_then(|mut vm| vm.invoke("sum", &[]))
    };
    assert_eq!(with(Some(score)).unwrap(), vec![Value::I32(0)]);
    assert_eq!(with(None).unwrap(), vec![Value::I32(0)]);
    let e = with(Some(score - 1)).unwrap_err();
    assert!(matches!(e, Error::Compile(_)), "{e:?}");
    let text = e.to_string();
    assert!(text.contains("function 1 is too complex to compile") && !text.contains('\n'), "{text}");
}
