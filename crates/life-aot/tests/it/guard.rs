//! Guard pages: out-of-bounds accesses that compiled code does not check fault, and the fault
//! becomes the same trap, stack trace and memory state as on the interpreter.

use crate::{engines, outcome, same_on_both, vm};
use life_interp::{
    Caller, CompiledModule, Compiler, Engine, Error, Extern, FuncType, HostFunc, ImportResolver, Limits, Linker,
    MemoryType, Module, NoImports, Store, ValType, Value, VmConfig,
};
use std::sync::Arc;

/// Loads and stores of every width at addresses the tests choose, a call chain for traces, and
/// `memory.grow`.
const ACCESSES: &str = r#"(module
  (memory 1 3)
  (func (export "i32") (param i32) (result i32) (i32.load (local.get 0)))
  (func (export "i64_far") (param i32) (result i64) (i64.load offset=4294967295 (local.get 0)))
  (func (export "u8") (param i32) (result i32) (i32.load8_u offset=65535 (local.get 0)))
  (func (export "s16") (param i32) (result i64) (i64.load16_s (local.get 0)))
  (func (export "f64") (param i32) (result f64) (f64.load offset=8 (local.get 0)))
  (func (export "v128") (param i32) (result i64) (i64x2.extract_lane 1 (v128.load (local.get 0))))
  (func (export "splat") (param i32) (result i32) (i32x4.extract_lane 3 (v128.load32_splat (local.get 0))))
  (func (export "store64") (param i32) (i64.store (local.get 0) (i64.const -1)))
  (func (export "store8") (param i32) (i32.store8 offset=3 (local.get 0) (i32.const 0xab)))
  (func (export "store128") (param i32) (v128.store (local.get 0) (v128.const i64x2 -1 -1)))
  ;; Stores at `a`, then loads at `b`: the store must stay when the load traps.
  (func (export "store_then_load") (param $a i32) (param $b i32) (result i32)
    (i32.store (local.get $a) (i32.const 0x01020304))
    (i32.load (local.get $b)))
  (func $leaf (param i32) (result i32) (i32.load16_u (local.get 0)))
  (func $middle (param i32) (result i32) (i32.add (call $leaf (local.get 0)) (i32.const 1)))
  (func (export "chain") (param i32) (result i32) (call $middle (local.get 0)))
  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0))))"#;

fn i32s(a: &[i32]) -> Vec<Value> {
    a.iter().map(|&v| Value::I32(v)).collect()
}

#[test]
fn out_of_bounds_accesses_trap_as_on_the_interpreter() {
    let page = 65536;
    let calls: Vec<(&str, Vec<Value>)> = vec![
        ("i32", i32s(&[page - 4])),
        ("i32", i32s(&[page - 3])),
        ("i32", i32s(&[-1])),
        ("i64_far", i32s(&[0])),
        ("i64_far", i32s(&[-1])),
        ("u8", i32s(&[0])),
        ("u8", i32s(&[1])),
        ("s16", i32s(&[page - 1])),
        ("f64", i32s(&[page - 16])),
        ("f64", i32s(&[page - 15])),
        ("v128", i32s(&[page - 16])),
        ("v128", i32s(&[page - 8])),
        ("splat", i32s(&[page - 2])),
        // Partly out of bounds: nothing may be written.
        ("store64", i32s(&[page - 4])),
        ("store8", i32s(&[page - 4])),
        ("store8", i32s(&[page - 3])),
        ("store128", i32s(&[page - 8])),
        ("store128", i32s(&[page - 16])),
        ("store_then_load", i32s(&[8, page])),
        ("store_then_load", i32s(&[16, 8])),
        ("chain", i32s(&[page - 1])),
        ("chain", i32s(&[page - 2])),
        // Grown, the same addresses are in bounds; past the new end they trap again.
        ("grow", i32s(&[1])),
        ("i32", i32s(&[page - 3])),
        ("store64", i32s(&[2 * page - 8])),
        ("store64", i32s(&[2 * page - 7])),
        ("chain", i32s(&[2 * page - 1])),
        ("grow", i32s(&[5])),
        ("i32", i32s(&[2 * page])),
    ];
    for gas_limit in [None, Some(1 << 40)] {
        let config = VmConfig { gas_limit, ..VmConfig::default() };
        let outcomes = same_on_both(ACCESSES, &config, &calls);
        let traps = outcomes.iter().filter(|o| o.as_ref().is_err_and(|e| e.contains("out of bounds memory access")));
        assert_eq!(traps.count(), 17, "{outcomes:#?}");
        assert_eq!(
            outcomes[13],
            Err("trap: out of bounds memory access\n  0: store64 (func 7)".into()),
            "{outcomes:#?}"
        );
        let chain = outcomes[20].as_ref().unwrap_err();
        assert!(chain.contains("0: leaf") && chain.contains("1: middle") && chain.contains("2: chain"), "{chain}");
        // The bytes `store128` wrote, plus one.
        assert_eq!(outcomes[21], Ok(vec![Value::I32(0x10000)]));
        assert_eq!(outcomes[22], Ok(vec![Value::I32(1)]));
        assert_eq!(outcomes[27], Ok(vec![Value::I32(-1)]), "growing past the maximum fails");
    }
}

/// Supplies `env.probe(addr) -> i32`: calls the instance's `i32` export at `addr` from the host
/// and returns 1 if it trapped (with the right trap), 0 otherwise.
struct Probe;

impl ImportResolver for Probe {
    fn resolve_func(&mut self, module: &str, field: &str, _ty: &FuncType) -> Option<HostFunc> {
        (module == "env" && field == "probe").then(|| {
            HostFunc::new(FuncType::new([ValType::I32], [ValType::I32]), |caller: &mut Caller<'_>, args, results| {
                let instance = caller.instance().expect("called from an instance");
                let r = caller.store().invoke(instance, "i32", args);
                let trapped = match r {
                    Ok(_) => 0,
                    Err(e) => {
                        assert!(e.to_string().contains("out of bounds memory access"), "{e}");
                        1
                    }
                };
                results[0] = Value::I32(trapped);
                Ok(())
            })
        })
    }
}

#[test]
fn a_fault_in_a_nested_call_ends_only_that_call() {
    let src = r#"(module
      (import "env" "probe" (func $probe (param i32) (result i32)))
      (memory 1)
      (func (export "i32") (param i32) (result i32) (i32.load (local.get 0)))
      (func (export "run") (result i32)
        (i32.store (i32.const 0) (i32.const 40))
        ;; 1 + 0 + 1, then the outer call goes on reading memory.
        (i32.add
          (i32.add (call $probe (i32.const 70000)) (call $probe (i32.const 0)))
          (i32.add (call $probe (i32.const -4)) (i32.load (i32.const 0))))))"#;
    for (name, engine) in engines() {
        let mut vm = vm(src.as_bytes(), &engine, &VmConfig::default(), &mut Probe).unwrap();
        for _ in 0..3 {
            assert_eq!(vm.invoke("run", &[]).unwrap(), vec![Value::I32(42)], "{name}");
        }
    }
}

#[test]
fn threads_fault_independently() {
    let threads: Vec<_> = (0..4)
        .map(|t| {
            std::thread::spawn(move || {
                let mut vm =
                    vm(ACCESSES.as_bytes(), &life_aot::polymerase(), &VmConfig::default(), &mut NoImports).unwrap();
                for i in 0..200 {
                    let addr = if (i + t) % 2 == 0 { 65536 + i } else { i };
                    let r = outcome(vm.invoke("chain", &[Value::I32(addr)]));
                    if addr >= 65535 {
                        let e = r.unwrap_err();
                        assert!(e.starts_with("trap: out of bounds memory access") && e.contains("0: leaf"), "{e}");
                    } else {
                        assert_eq!(r, Ok(vec![Value::I32(1)]));
                    }
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
}

/// Polymerase's code with the interpreter's memories: what a compiler wrapper that forgets
/// `memory_creator` produces.
struct NoGuards(life_aot::Polymerase);

impl Compiler for NoGuards {
    fn name(&self) -> &str {
        "no-guards"
    }

    fn compile(&self, module: &Arc<life_decode::Module>, config: &VmConfig) -> Result<Arc<dyn CompiledModule>, Error> {
        self.0.compile(module, config)
    }
}

#[test]
fn code_for_guard_pages_refuses_a_memory_without_them() {
    // The host makes the memory in a store whose engine gives no guard pages, and the module
    // compiled for them imports it.
    let src = r#"(module (import "env" "mem" (memory 1))
      (func (export "i32") (param i32) (result i32) (i32.load (local.get 0))))"#;
    let wasm = wat::parse_str(src).unwrap();
    // Guard pages exist only on x86-64 Linux; elsewhere the setting is ignored.
    let platform = cfg!(all(target_os = "linux", target_arch = "x86_64"));
    for (guard_pages, expected) in [(true, if platform { Err("memory without them") } else { Ok(()) }), (false, Ok(()))]
    {
        let polymerase = life_aot::Polymerase { guard_pages, ..Default::default() };
        let config = VmConfig { engine: Engine::Native(Arc::new(NoGuards(polymerase))), ..VmConfig::default() };
        let module = Module::new(&wasm, &config).unwrap();
        let mut store = Store::new(config);
        let memory = store.alloc_memory(MemoryType { limits: Limits { min: 1, max: None }, memory64: false }).unwrap();
        let mut linker = Linker::new();
        linker.define("env", "mem", Extern::Memory(memory));
        let instance = store.instantiate(&module, &mut linker).unwrap();
        let r = store.invoke(instance, "i32", &[Value::I32(0)]);
        match expected {
            Err(message) => assert!(r.unwrap_err().to_string().contains(message)),
            Ok(()) => {
                // Without guard pages Polymerase checks bounds itself and runs on any memory.
                assert_eq!(r.unwrap(), vec![Value::I32(0)]);
                let e = store.invoke(instance, "i32", &[Value::I32(65536)]).unwrap_err().to_string();
                assert!(e.contains("out of bounds memory access"), "{e}");
            }
        }
    }
}

#[test]
fn a_module_compiled_for_guard_pages_brings_its_memories_into_any_store() {
    let config = VmConfig { engine: life_aot::polymerase(), ..VmConfig::default() };
    let module = Module::new(&wat::parse_str(ACCESSES).unwrap(), &config).unwrap();
    // The store is the interpreter's, so it would make plain vectors; the module's code
    // needs guard pages, and its own memory gets them.
    let mut vm = life_interp::Vm::from_module(&module, VmConfig::default(), &mut NoImports).unwrap();
    assert_eq!(vm.invoke("chain", &[Value::I32(0)]).unwrap(), vec![Value::I32(1)]);
    let e = outcome(vm.invoke("chain", &[Value::I32(65535)])).unwrap_err();
    assert!(e.starts_with("trap: out of bounds memory access") && e.contains("0: leaf"), "{e}");
}

/// A host function that dereferences a null pointer while compiled code is on the stack: the
/// fault is not the guest's, so the handler must pass it on and the process must die of it.
/// Runs in a child process (this test binary, filtered to this test), without a core dump.
#[cfg(all(target_os = "linux", target_arch = "x86_64"))]
#[test]
fn a_fault_outside_guest_code_is_not_swallowed() {
    use std::os::unix::process::{CommandExt, ExitStatusExt};
    const CHILD: &str = "LIFE_AOT_TEST_FAULT_CHILD";
    if std::env::var_os(CHILD).is_some() {
        struct Crash;
        impl ImportResolver for Crash {
            fn resolve_func(&mut self, _: &str, _: &str, _: &FuncType) -> Option<HostFunc> {
                Some(HostFunc::new(FuncType::new([], []), |_, _, _| {
                    // SAFETY: none: this is the bug the test wants the process to die of.
                    let v = unsafe { std::ptr::read_volatile(std::ptr::null::<u8>()) };
                    std::hint::black_box(v);
                    Ok(())
                }))
            }
        }
        let src = r#"(module (import "env" "crash" (func $crash)) (memory 1)
          (func (export "run") (drop (i32.load (i32.const 0))) (call $crash)))"#;
        let mut vm = vm(src.as_bytes(), &life_aot::polymerase(), &VmConfig::default(), &mut Crash).unwrap();
        let _ = vm.invoke("run", &[]);
        unreachable!("the host function's fault must kill the process");
    }
    let mut child = std::process::Command::new(std::env::current_exe().unwrap());
    child
        .args(["--exact", "guard::a_fault_outside_guest_code_is_not_swallowed", "--nocapture", "--test-threads=1"])
        .env(CHILD, "1")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    // SAFETY: `setrlimit` is async-signal-safe, as `pre_exec` requires.
    unsafe {
        child.pre_exec(|| {
            let none = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
            libc::setrlimit(libc::RLIMIT_CORE, &none);
            Ok(())
        });
    }
    let status = child.status().unwrap();
    assert_eq!(status.signal(), Some(libc::SIGSEGV), "the child should die of SIGSEGV: {status:?}");
}
