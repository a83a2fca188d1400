//! The embedding API's happy paths and every error path.

use life_interp::{
    Error, FuncType, HostFunc, ImportResolver, InstantiationError, Linker, Module, NoImports, Store, Trap, TrapCode,
    TrapKind, ValType, Value, Vm, VmConfig,
};

fn wasm(text: &str) -> Vec<u8> {
    wat::parse_str(text).unwrap()
}

#[test]
fn every_value_type_round_trips_through_invoke() {
    let mut vm = Vm::new(
        &wasm(
            r#"(module (func (export "id") (param i32 i64 f32 f64) (result f64 f32 i64 i32)
                local.get 3 local.get 2 local.get 1 local.get 0))"#,
        ),
        VmConfig::default(),
        &mut NoImports,
    )
    .unwrap();
    let nan = f32::from_bits(0x7fa0_0001);
    let out = vm.invoke("id", &[Value::I32(-7), Value::I64(i64::MIN), Value::from(nan), Value::from(2.5f64)]).unwrap();
    assert_eq!(out, vec![Value::from(2.5f64), Value::from(nan), Value::I64(i64::MIN), Value::I32(-7)]);
    // The NaN payload survives bit for bit.
    assert!(matches!(out[1], Value::F32(f) if f.to_bits() == 0x7fa0_0001));
}

#[test]
fn unresolved_import_names_module_and_field() {
    let err =
        Vm::new(&wasm(r#"(module (import "env" "missing" (func (param i32))))"#), VmConfig::default(), &mut NoImports)
            .unwrap_err();
    match &err {
        Error::Instantiation(InstantiationError::UnknownImport { module, name, kind, .. }) => {
            assert_eq!((module.as_str(), name.as_str(), *kind), ("env", "missing", "func"));
        }
        other => panic!("unexpected {other:?}"),
    }
    assert!(err.to_string().contains("func \"env\" \"missing\" of type (i32) -> () is not defined"), "{err}");
}

struct WrongType;
impl ImportResolver for WrongType {
    fn resolve_func(&mut self, _: &str, _: &str, _: &FuncType) -> Option<HostFunc> {
        Some(HostFunc::new(FuncType::new([], []), |_, _, _| Ok(())))
    }
}

#[test]
fn import_of_the_wrong_type_is_rejected() {
    let err = Vm::new(&wasm(r#"(module (import "env" "f" (func (param i32))))"#), VmConfig::default(), &mut WrongType)
        .unwrap_err();
    assert!(matches!(err, Error::Instantiation(InstantiationError::IncompatibleImport { .. })), "{err:?}");
}

/// `parallel_validation` only changes how a large module is loaded, never the outcome: the
/// same functions run, and an invalid body gives the same error, either way.
#[test]
fn parallel_validation_loads_the_same_modules() {
    let module = |bad: bool| {
        let mut text = String::from("(module");
        for i in 0..6000 {
            let value = if bad && i == 3000 { "(i64.const 1)" } else { "(i32.const 1)" };
            text.push_str(&format!(
                " (func (export \"f{i}\") (param i32) (result i32)
                    (drop (i32.mul (local.get 0) (i32.const {i}))) (i32.add (local.get 0) {value}))"
            ));
        }
        wasm(&format!("{text})"))
    };
    let (good, bad) = (module(false), module(true));
    let parallel = VmConfig::default();
    let single = VmConfig { parallel_validation: false, ..VmConfig::default() };
    assert!(parallel.parallel_validation);
    for config in [&parallel, &single] {
        let mut vm = Vm::new(&good, config.clone(), &mut NoImports).unwrap();
        assert_eq!(vm.invoke("f5999", &[Value::I32(41)]).unwrap(), vec![Value::I32(42)]);
    }
    let a = Module::new(&bad, &parallel).unwrap_err().to_string();
    let b = Module::new(&bad, &single).unwrap_err().to_string();
    assert_eq!(a, b);
    assert!(a.contains("type mismatch"), "{a}");
}

#[test]
fn invalid_module_reports_offset_and_reason() {
    let err = Module::new(&wasm("(module (func (result i32) i64.const 0))"), &VmConfig::default()).unwrap_err();
    let Error::Decode(e) = err else { panic!("expected a decode error") };
    assert!(e.offset() > 8, "offset {}", e.offset());
    assert!(e.message().contains("type mismatch"), "{}", e.message());
}

#[test]
fn host_functions_read_and_write_guest_memory() {
    struct Host;
    impl ImportResolver for Host {
        fn resolve_func(&mut self, _: &str, field: &str, ty: &FuncType) -> Option<HostFunc> {
            (field == "upper").then(|| {
                HostFunc::new(ty.clone(), |caller, args, results| {
                    let (ptr, len) = (args[0].i32().unwrap() as u32, args[1].i32().unwrap() as u32);
                    let upper = caller.read(ptr, len)?.to_ascii_uppercase();
                    caller.write(ptr, &upper)?;
                    results[0] = Value::I32(len as i32);
                    Ok(())
                })
            })
        }
    }
    let mut vm = Vm::new(
        &wasm(
            r#"(module (import "env" "upper" (func $upper (param i32 i32) (result i32)))
                (memory (export "memory") 1) (data (i32.const 8) "life")
                (func (export "run") (result i32) (call $upper (i32.const 8) (i32.const 4)))
                (func (export "oob") (result i32) (call $upper (i32.const 65534) (i32.const 4))))"#,
        ),
        VmConfig::default(),
        &mut Host,
    )
    .unwrap();
    assert_eq!(vm.invoke("run", &[]).unwrap(), vec![Value::I32(4)]);
    let mut buf = [0u8; 4];
    vm.read_memory(8, &mut buf).unwrap();
    assert_eq!(&buf, b"LIFE");
    let err = vm.invoke("oob", &[]).unwrap_err();
    assert_eq!(err.trap().and_then(Trap::code), Some(TrapCode::MemoryOutOfBounds));
}

#[test]
fn host_traps_surface_as_errors_and_the_vm_stays_usable() {
    struct Failing;
    impl ImportResolver for Failing {
        fn resolve_func(&mut self, _: &str, _: &str, ty: &FuncType) -> Option<HostFunc> {
            Some(HostFunc::new(
                ty.clone(),
                |_, args, _| {
                    if args[0].i32() == Some(0) { Err(Trap::host("refused")) } else { Ok(()) }
                },
            ))
        }
    }
    let mut vm = Vm::new(
        &wasm(
            r#"(module (import "env" "check" (func $check (param i32)))
                (func (export "f") (param i32) (result i32) (call $check (local.get 0)) (local.get 0)))"#,
        ),
        VmConfig::default(),
        &mut Failing,
    )
    .unwrap();
    let err = vm.invoke("f", &[Value::I32(0)]).unwrap_err();
    assert_eq!(err.trap().unwrap().kind(), &TrapKind::Host("refused".into()));
    assert_eq!(vm.invoke("f", &[Value::I32(5)]).unwrap(), vec![Value::I32(5)]);
}

#[test]
fn traps_carry_a_stack_trace_naming_functions() {
    let mut vm = Vm::new(
        &wasm(
            r#"(module
                (func $inner (param i32) (result i32) (i32.div_s (i32.const 1) (local.get 0)))
                (func $middle (param i32) (result i32) (call $inner (local.get 0)))
                (func (export "outer") (param i32) (result i32) (call $middle (local.get 0))))"#,
        ),
        VmConfig::default(),
        &mut NoImports,
    )
    .unwrap();
    let err = vm.invoke("outer", &[Value::I32(0)]).unwrap_err();
    let trap = err.trap().unwrap();
    assert_eq!(trap.code(), Some(TrapCode::IntegerDivideByZero));
    let names: Vec<_> = trap.trace().iter().map(|f| f.name.clone()).collect();
    // The last one has no name in the `name` section: its export name stands in.
    assert_eq!(names, vec![Some("inner".into()), Some("middle".into()), Some("outer".into())]);
    assert_eq!(trap.trace()[2].func_index, 2);
    assert!(trap.display_with_trace().contains("0: inner (func 0)"));
    // Reusable after the trap.
    assert_eq!(vm.invoke("outer", &[Value::I32(1)]).unwrap(), vec![Value::I32(1)]);
}

#[test]
fn wrong_arguments_and_missing_exports_are_errors() {
    let mut vm = Vm::new(
        &wasm(r#"(module (global (export "g") i32 (i32.const 3)) (func (export "f") (param i32)))"#),
        VmConfig::default(),
        &mut NoImports,
    )
    .unwrap();
    assert!(matches!(vm.invoke("f", &[]), Err(Error::ArgumentCount { expected: 1, got: 0 })));
    assert!(matches!(
        vm.invoke("f", &[Value::I64(1)]),
        Err(Error::ArgumentType { index: 0, expected: ValType::I32, got: ValType::I64 })
    ));
    let missing = vm.invoke("nope", &[]).unwrap_err();
    assert!(matches!(&missing, Error::MissingExport { name, exports } if name == "nope" && *exports == ["f", "g"]));
    assert_eq!(missing.to_string(), "no export named \"nope\" (exports: f, g)");
    assert!(matches!(vm.invoke("g", &[]), Err(Error::ExportKind { expected: "func", found: "global", .. })));
    assert_eq!(vm.global("g"), Some(Value::I32(3)));
}

#[test]
fn host_memory_access_out_of_range_is_an_error_not_a_panic() {
    let mut vm = Vm::new(&wasm("(module (memory 1))"), VmConfig::default(), &mut NoImports).unwrap();
    let mut buf = [0u8; 8];
    assert!(matches!(
        vm.read_memory(65530, &mut buf),
        Err(Error::MemoryOutOfBounds { offset: 65530, len: 8, size: 65536 })
    ));
    assert!(matches!(vm.read_memory(u64::MAX, &mut buf), Err(Error::MemoryOutOfBounds { .. })));
    assert!(matches!(vm.write_memory(65536, &[1]), Err(Error::MemoryOutOfBounds { .. })));
    vm.write_memory(65535, &[7]).unwrap();
    vm.read_memory(65535, &mut buf[..1]).unwrap();
    assert_eq!(buf[0], 7);
    let mut none = Vm::new(&wasm("(module)"), VmConfig::default(), &mut NoImports).unwrap();
    assert!(matches!(none.write_memory(0, &[1]), Err(Error::NoMemory)));
}

#[test]
fn one_module_many_instances_with_separate_state() {
    let config = VmConfig::default();
    let module = Module::new(
        &wasm(r#"(module (global $n (mut i32) (i32.const 0))
            (func (export "bump") (result i32) (global.set $n (i32.add (global.get $n) (i32.const 1))) (global.get $n)))"#),
        &config,
    )
    .unwrap();
    let mut a = Vm::from_module(&module, config.clone(), &mut NoImports).unwrap();
    let mut b = Vm::from_module(&module, config, &mut NoImports).unwrap();
    a.invoke("bump", &[]).unwrap();
    assert_eq!(a.invoke("bump", &[]).unwrap(), vec![Value::I32(2)]);
    assert_eq!(b.invoke("bump", &[]).unwrap(), vec![Value::I32(1)]);
}

#[test]
fn linked_instances_share_memory_and_call_each_other() {
    let config = VmConfig::default();
    let mut store = Store::new(config.clone());
    let mut linker = Linker::new();
    let a = Module::from_wat(
        r#"(module (memory (export "mem") 1) (func (export "get") (result i32) (i32.load (i32.const 0))))"#,
        &config,
    )
    .unwrap();
    let ia = store.instantiate(&a, &mut linker).unwrap();
    linker.define_instance(&store, "a", ia).unwrap();
    let b = Module::from_wat(
        r#"(module (import "a" "mem" (memory 1)) (import "a" "get" (func $get (result i32)))
            (func (export "put_and_get") (param i32) (result i32) (i32.store (i32.const 0) (local.get 0)) (call $get)))"#,
        &config,
    )
    .unwrap();
    let ib = store.instantiate(&b, &mut linker).unwrap();
    assert_eq!(store.invoke(ib, "put_and_get", &[Value::I32(99)]).unwrap(), vec![Value::I32(99)]);
    assert_eq!(store.invoke(ia, "get", &[]).unwrap(), vec![Value::I32(99)]);
}

#[test]
fn memory_limit_is_enforced_at_instantiation_and_grow() {
    let config = VmConfig { max_memory_pages: 2, ..VmConfig::default() };
    let err = Vm::new(&wasm("(module (memory 3))"), config.clone(), &mut NoImports).unwrap_err();
    assert!(matches!(err, Error::Instantiation(InstantiationError::Limit(_))), "{err:?}");
    let mut vm = Vm::new(
        &wasm(r#"(module (memory 1) (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0))))"#),
        config,
        &mut NoImports,
    )
    .unwrap();
    assert_eq!(vm.invoke("grow", &[Value::I32(1)]).unwrap(), vec![Value::I32(1)]);
    assert_eq!(vm.invoke("grow", &[Value::I32(1)]).unwrap(), vec![Value::I32(-1)]);
}

#[test]
fn multi_value_results_come_back_typed() {
    let mut vm = Vm::new(
        &wasm(
            r#"(module (func (export "swap") (param i32 f64) (result f64 i32)
            (block (result f64 i32) (local.get 1) (local.get 0))))"#,
        ),
        VmConfig::default(),
        &mut NoImports,
    )
    .unwrap();
    assert_eq!(
        vm.invoke("swap", &[Value::I32(1), Value::from(0.5f64)]).unwrap(),
        vec![Value::from(0.5f64), Value::I32(1)]
    );
    assert_eq!(vm.func_type("swap").unwrap().results(), &[ValType::F64, ValType::I32]);
}

#[test]
fn a_pair_of_resolvers_tries_the_first_then_the_second() {
    struct One(&'static str);
    impl ImportResolver for One {
        fn resolve_func(&mut self, _: &str, field: &str, ty: &FuncType) -> Option<HostFunc> {
            let value = if field == self.0 { 1 } else { return None };
            Some(HostFunc::new(ty.clone(), move |_, _, r| {
                r[0] = Value::I32(value);
                Ok(())
            }))
        }
    }
    let mut vm = Vm::new(
        &wasm(
            r#"(module (import "env" "a" (func $a (result i32))) (import "env" "b" (func $b (result i32)))
            (func (export "sum") (result i32) (i32.add (call $a) (call $b))))"#,
        ),
        VmConfig::default(),
        &mut (One("a"), One("b")),
    )
    .unwrap();
    assert_eq!(vm.invoke("sum", &[]).unwrap(), vec![Value::I32(2)]);
}

#[test]
fn externrefs_pass_through_guest_code_and_tables() {
    let mut vm = Vm::new(
        &wasm(
            r#"(module (table (export "t") 2 externref)
            (func (export "keep") (param externref) (result externref)
                (table.set (i32.const 1) (local.get 0)) (table.get (i32.const 1)))
            (func (export "is_null") (param externref) (result i32) (ref.is_null (local.get 0))))"#,
        ),
        VmConfig::default(),
        &mut NoImports,
    )
    .unwrap();
    let r = Value::ExternRef(Some(42));
    assert_eq!(vm.invoke("keep", &[r]).unwrap(), vec![r]);
    assert_eq!(vm.invoke("is_null", &[Value::ExternRef(None)]).unwrap(), vec![Value::I32(1)]);
    // The embedding API reads and writes the table too.
    let instance = vm.instance();
    let Ok(life_interp::Extern::Table(t)) = vm.store().export(instance, "t") else { panic!("no table") };
    assert_eq!(vm.store().table_get(t, 1).unwrap(), Some(r));
    vm.store_mut().table_set(t, 0, Value::ExternRef(Some(7))).unwrap();
    assert_eq!(vm.store().table_get(t, 0).unwrap(), Some(Value::ExternRef(Some(7))));
    assert_eq!(vm.store().table_get(t, 2).unwrap(), None);
    assert!(matches!(
        vm.store_mut().table_set(t, 0, Value::I32(1)),
        Err(Error::ValueType { what: "table", expected: ValType::ExternRef, got: ValType::I32 })
    ));
    assert!(matches!(
        vm.store_mut().table_set(t, 2, Value::ExternRef(None)),
        Err(Error::TableOutOfBounds { index: 2, size: 2 })
    ));
    assert_eq!(vm.store_mut().table_grow(t, 3, Value::ExternRef(None)).unwrap(), Some(2));
    assert_eq!(vm.store().table_type(t).unwrap().limits.min, 5);
}

#[test]
fn value_errors_say_what_was_wrong_as_variants() {
    let mut vm = Vm::new(
        &wat::parse_str(
            r#"(module (global (export "c") i32 (i32.const 1)) (global (export "m") (mut i64) (i64.const 2))
                (func (export "f") (result i32) i32.const 3))"#,
        )
        .unwrap(),
        VmConfig::default(),
        &mut NoImports,
    )
    .unwrap();
    let instance = vm.instance();
    let global = |vm: &Vm, name| match vm.store().export(instance, name) {
        Ok(life_interp::Extern::Global(g)) => g,
        other => panic!("{name}: {other:?}"),
    };
    let (c, m) = (global(&vm, "c"), global(&vm, "m"));
    assert!(matches!(vm.store_mut().global_set(c, Value::I32(5)), Err(Error::ImmutableGlobal)));
    let e = vm.store_mut().global_set(m, Value::I32(5)).unwrap_err();
    assert!(matches!(e, Error::ValueType { what: "global", expected: ValType::I64, got: ValType::I32 }), "{e:?}");
    assert_eq!(e.to_string(), "global of type i64 cannot hold a i32");
    vm.store_mut().global_set(m, Value::I64(9)).unwrap();
    // Host results for a call that finished (or paused for gas) are refused by name.
    let config = VmConfig { gas_limit: Some(1), ..VmConfig::default() };
    let module =
        life_interp::Module::from_wat(r#"(module (func (export "spin") (loop $l (br $l))))"#, &config).unwrap();
    let mut store = life_interp::Store::new(config);
    let instance = store.instantiate(&module, &mut NoImports).unwrap();
    let life_interp::Resumable::Paused(call) = store.invoke_resumable(instance, "spin", &[]).unwrap() else {
        panic!("spin should pause for gas")
    };
    assert!(matches!(store.resume(call, &[Value::I32(1)]), Err(Error::NotPausedInHost)));
}

#[test]
fn v128_values_cross_the_api() {
    let mut vm = Vm::new(
        &wasm(
            r#"(module (func (export "add") (param v128 v128) (result v128) (i32x4.add (local.get 0) (local.get 1))))"#,
        ),
        VmConfig::default(),
        &mut NoImports,
    )
    .unwrap();
    let a = Value::V128(0x0000_0004_0000_0003_0000_0002_0000_0001);
    let b = Value::V128(0x0000_0010_0000_0010_0000_0010_ffff_ffff);
    assert_eq!(vm.invoke("add", &[a, b]).unwrap(), vec![Value::V128(0x0000_0014_0000_0013_0000_0012_0000_0000)]);
    assert_eq!(Value::V128(0xff).to_string(), "0x000000000000000000000000000000ff");
}

/// Regression: hoisted loop constants live below the operand slots, so a callee's frame (which
/// starts at the caller's first argument) cannot overwrite them.
#[test]
fn hoisted_constants_survive_calls() {
    let mut vm = Vm::new(
        &wasm(
            r#"(module
            (func $clobber (param i32) (result i32) (local i64 i64 i64 i64 i64 i64)
                (local.set 1 (i64.const -1)) (local.set 2 (i64.const -1)) (local.set 3 (i64.const -1))
                (local.set 4 (i64.const -1)) (local.set 5 (i64.const -1)) (local.set 6 (i64.const -1))
                (local.get 0))
            (func (export "run") (result f64) (local $i i32) (local $x f64)
                (loop $top
                    (local.set $x (f64.add (local.get $x) (f64.const 1.5)))
                    (drop (call $clobber (local.get $i)))
                    (br_if $top (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 4))))
                (local.get $x)))"#,
        ),
        VmConfig::default(),
        &mut NoImports,
    )
    .unwrap();
    assert_eq!(vm.invoke("run", &[]).unwrap(), vec![Value::from(6.0f64)]);
}

/// Regression (differential fuzzing, smoke seed 3236): with no locals, a hoisted constant takes
/// slot 0, and the multi-value return must still write its results from slot 0.
#[test]
fn multi_value_returns_with_hoisted_constants() {
    let mut vm = Vm::new(
        &wasm(
            r#"(module (func (export "f") (result i32 i32)
                loop i32.const -4096 i32.extend8_s br_if 0 end
                i32.const 1 i32.const 2))"#,
        ),
        VmConfig::default(),
        &mut NoImports,
    )
    .unwrap();
    assert_eq!(vm.invoke("f", &[]).unwrap(), vec![Value::I32(1), Value::I32(2)]);
}

#[test]
fn functions_are_translated_on_their_first_call() {
    let bytes = wasm(
        r#"(module
            (func $used (result i32) i32.const 5)
            (func $unused (result i32) i32.const 6)
            (func (export "run") (result i32) call $used))"#,
    );
    let module = Module::new(&bytes, &VmConfig::default()).unwrap();
    let decoded = module.decoded();
    assert!((0..3).all(|i| decoded.translated_body(i).is_none()));
    let mut vm = Vm::from_module(&module, VmConfig::default(), &mut NoImports).unwrap();
    assert_eq!(vm.invoke("run", &[]).unwrap(), vec![Value::I32(5)]);
    let translated: Vec<bool> = (0..3).map(|i| decoded.translated_body(i).is_some()).collect();
    assert_eq!(translated, [true, false, true]);
    // Eager translation does everything at load.
    let eager = Module::new(&bytes, &VmConfig { lazy_translation: false, ..VmConfig::default() }).unwrap();
    assert!((0..3).all(|i| eager.decoded().translated_body(i).is_some()));
}

#[test]
fn a_function_past_a_translation_limit_traps_on_its_first_call() {
    // Ops name tables in one byte: table 256 validates but cannot be translated. Lazily, the
    // module loads and the call that reaches the function traps with the reason and a trace.
    let tables = "(table 0 funcref) ".repeat(257);
    let text = format!(
        r#"(module {tables}
            (func $far (result i32) (table.grow 256 (ref.null func) (i32.const 0)))
            (func (export "ok") (result i32) i32.const 1)
            (func (export "far") (result i32) call $far))"#
    );
    let bytes = wasm(&text);
    let e = Module::new(&bytes, &VmConfig { lazy_translation: false, ..VmConfig::default() }).unwrap_err();
    assert!(e.to_string().contains("more than 256 tables"), "{e}");
    let mut vm = Vm::new(&bytes, VmConfig::default(), &mut NoImports).unwrap();
    assert_eq!(vm.invoke("ok", &[]).unwrap(), vec![Value::I32(1)]);
    let e = vm.invoke("far", &[]).unwrap_err();
    let trap = e.trap().expect("a trap");
    assert!(matches!(trap.kind(), TrapKind::Translation(m) if m.contains("more than 256 tables")), "{e}");
    assert_eq!(trap.trace().len(), 1, "{e}");
    // The VM stays usable.
    assert_eq!(vm.invoke("ok", &[]).unwrap(), vec![Value::I32(1)]);
}

/// A native engine whose memories come from its own creator: here one that refuses large
/// memories and records the sizes it was asked for.
mod memory_creator {
    use life_interp::native::{LinearMemory, MemoryCreator};
    use life_interp::{CompiledModule, Compiler, Engine, Error, Limits, MemoryType, Store, VmConfig};
    use std::sync::{Arc, Mutex};

    struct Heap(Vec<u8>);

    // SAFETY: the vector owns its bytes, which move only in `resize`; no guard pages.
    unsafe impl LinearMemory for Heap {
        fn base(&self) -> *mut u8 {
            self.0.as_ptr().cast_mut()
        }
        fn len(&self) -> usize {
            self.0.len()
        }
        fn resize(&mut self, new_len: usize) -> bool {
            self.0.resize(new_len, 0);
            true
        }
        fn guarded_len(&self) -> usize {
            self.0.len()
        }
    }

    #[derive(Default)]
    struct Small(Mutex<Vec<(usize, usize)>>);

    impl MemoryCreator for Small {
        fn create(&self, len: usize, max: usize) -> Result<Box<dyn LinearMemory>, String> {
            self.0.lock().unwrap().push((len, max));
            if len > 65536 { Err("too large for this test".into()) } else { Ok(Box::new(Heap(vec![0; len]))) }
        }
    }

    struct MemoryOnly(Arc<Small>);

    impl Compiler for MemoryOnly {
        fn name(&self) -> &str {
            "memory-only"
        }
        fn compile(&self, _: &Arc<life_decode::Module>, _: &VmConfig) -> Result<Arc<dyn CompiledModule>, Error> {
            Err(Error::Compile("this engine compiles nothing".into()))
        }
        fn memory_creator(&self, _: &VmConfig) -> Option<Arc<dyn MemoryCreator>> {
            Some(self.0.clone())
        }
    }

    #[test]
    fn a_store_asks_its_engine_for_memories_and_reports_refusals() {
        let creator = Arc::new(Small::default());
        let config = VmConfig { engine: Engine::Native(Arc::new(MemoryOnly(creator.clone()))), ..VmConfig::default() };
        let mut store = Store::new(config);
        let memory =
            store.alloc_memory(MemoryType { limits: Limits { min: 1, max: Some(3) }, memory64: false }).unwrap();
        store.memory_data_mut(memory).unwrap()[65535] = 7;
        assert_eq!(store.memory_grow(memory, 2).unwrap(), Some(1));
        assert_eq!(store.memory_data(memory).unwrap().len(), 3 * 65536);
        assert_eq!(store.memory_data(memory).unwrap()[65535], 7);
        let e = store.alloc_memory(MemoryType { limits: Limits { min: 2, max: None }, memory64: false }).unwrap_err();
        assert!(matches!(e, Error::MemoryAllocation(_)) && e.to_string().contains("too large for this test"), "{e}");
        assert_eq!(*creator.0.lock().unwrap(), [(65536, 3 * 65536), (2 * 65536, 65536 * 65536)]);
    }
}
