//! Runaway recursion ends in a trap without recursing on the host stack.

use life_interp::{NoImports, TrapCode, Value, Vm, VmConfig};

const RECURSE: &str = r#"(module
    (func $down (export "down") (param i64) (result i64)
        (if (result i64) (i64.eqz (local.get 0))
            (then (i64.const 0))
            (else (i64.add (i64.const 1) (call $down (i64.sub (local.get 0) (i64.const 1))))))))"#;

fn run_on_small_thread(depth: i64, config: VmConfig) -> Result<Vec<Value>, life_interp::Error> {
    let wasm = wat::parse_str(RECURSE).unwrap();
    std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(move || {
            let mut vm = Vm::new(&wasm, config, &mut NoImports).unwrap();
            vm.invoke("down", &[Value::I64(depth)])
        })
        .unwrap()
        .join()
        .expect("no host stack overflow")
}

#[test]
fn infinite_recursion_is_call_stack_exhausted_on_a_256_kib_thread() {
    let err = run_on_small_thread(i64::MAX, VmConfig::default()).unwrap_err();
    assert_eq!(err.trap().unwrap().code(), Some(TrapCode::StackOverflow));
    assert_eq!(err.trap().unwrap().to_string(), "call stack exhausted");
}

#[test]
fn depth_limit_is_exact() {
    let config = VmConfig { max_call_depth: 1000, ..VmConfig::default() };
    // `down(n)` uses n + 1 frames: the outermost call and n recursive ones.
    assert_eq!(run_on_small_thread(999, config.clone()).unwrap(), vec![Value::I64(999)]);
    let err = run_on_small_thread(1000, config).unwrap_err();
    assert_eq!(err.trap().unwrap().code(), Some(TrapCode::StackOverflow));
}

#[test]
fn deep_but_legal_recursion_succeeds_on_a_256_kib_thread() {
    assert_eq!(run_on_small_thread(10_000, VmConfig::default()).unwrap(), vec![Value::I64(10_000)]);
}
