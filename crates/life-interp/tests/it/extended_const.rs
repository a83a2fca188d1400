//! Extended constant expressions (WebAssembly 3.0): evaluated at instantiation for globals,
//! data and element offsets and element expressions, wrapping on overflow, never panicking.

use life_interp::{Extern, Features, Linker, Module, Store, Value, VmConfig};

fn config() -> VmConfig {
    let mut features = Features::default();
    features.set("extended-const", true).unwrap();
    VmConfig { features, ..VmConfig::default() }
}

/// A store with an instance exporting `g` (i32) and `h` (i64) with the given values, and a
/// linker that offers them as `env.g` and `env.h`.
fn provider(g: i32, h: i64) -> (Store, Linker) {
    let config = config();
    let mut store = Store::new(config.clone());
    let text =
        format!(r#"(module (global (export "g") i32 (i32.const {g})) (global (export "h") i64 (i64.const {h})))"#);
    let module = Module::from_wat(&text, &config).unwrap();
    let mut linker = Linker::new();
    let instance = store.instantiate(&module, &mut linker).unwrap();
    linker.define_instance(&store, "env", instance).unwrap();
    (store, linker)
}

fn global(store: &Store, instance: life_interp::Instance, name: &str) -> Value {
    match store.export(instance, name) {
        Ok(Extern::Global(g)) => store.global_get(g).unwrap(),
        other => panic!("{name}: {other:?}"),
    }
}

#[test]
fn globals_offsets_and_element_expressions_are_computed() {
    let (mut store, mut linker) = provider(5, 1 << 40);
    let module = Module::from_wat(
        r#"(module
            (import "env" "g" (global $g i32))
            (import "env" "h" (global $h i64))
            (memory (export "mem") 1)
            (table (export "t") 16 funcref)
            (global (export "a") i32 (i32.sub (i32.mul (global.get $g) (i32.const 3)) (i32.const 1)))
            (global (export "b") i64 (i64.add (i64.mul (global.get $h) (i64.const 2)) (i64.sub (i64.const 0) (i64.const 7))))
            (data (i32.add (global.get $g) (i32.const 100)) "\2a")
            (elem (i32.mul (global.get $g) (i32.const 2)) funcref (ref.func $f) (ref.null func) (ref.func $f))
            (func $f (export "f") (result i32) (i32.const 1)))"#,
        &config(),
    )
    .unwrap();
    let instance = store.instantiate(&module, &mut linker).unwrap();
    assert_eq!(global(&store, instance, "a"), Value::I32(14));
    assert_eq!(global(&store, instance, "b"), Value::I64((1 << 41) - 7));
    let Ok(Extern::Memory(mem)) = store.export(instance, "mem") else { panic!("mem") };
    assert_eq!(store.memory_data(mem).unwrap()[105], 0x2a);
    assert_eq!(store.memory_data(mem).unwrap()[104], 0);
    let Ok(Extern::Table(table)) = store.export(instance, "t") else { panic!("t") };
    let Ok(Extern::Func(f)) = store.export(instance, "f") else { panic!("f") };
    assert_eq!(store.table_get(table, 9).unwrap(), Some(Value::FuncRef(None)));
    assert!(matches!(store.table_get(table, 10).unwrap(), Some(Value::FuncRef(Some(_)))));
    assert_eq!(store.table_get(table, 11).unwrap(), Some(Value::FuncRef(None)));
    assert!(matches!(store.table_get(table, 12).unwrap(), Some(Value::FuncRef(Some(_)))));
    assert!(store.call(f, &[]).is_ok());
}

#[test]
fn arithmetic_wraps_as_in_wasm() {
    let (mut store, mut linker) = provider(i32::MAX, i64::MIN);
    let module = Module::from_wat(
        r#"(module
            (import "env" "g" (global $g i32))
            (import "env" "h" (global $h i64))
            (global (export "add") i32 (i32.add (global.get $g) (i32.const 1)))
            (global (export "mul") i32 (i32.mul (global.get $g) (global.get $g)))
            (global (export "sub") i64 (i64.sub (global.get $h) (i64.const 1)))
            (global (export "mul64") i64 (i64.mul (global.get $h) (i64.const -1))))"#,
        &config(),
    )
    .unwrap();
    let instance = store.instantiate(&module, &mut linker).unwrap();
    assert_eq!(global(&store, instance, "add"), Value::I32(i32::MIN));
    assert_eq!(global(&store, instance, "mul"), Value::I32(1));
    assert_eq!(global(&store, instance, "sub"), Value::I64(i64::MAX));
    assert_eq!(global(&store, instance, "mul64"), Value::I64(i64::MIN));
}

#[test]
fn an_offset_computed_out_of_bounds_traps() {
    let (mut store, mut linker) = provider(-1, 0);
    let module = Module::from_wat(
        r#"(module (import "env" "g" (global $g i32)) (memory 1)
            (data (i32.add (global.get $g) (i32.const 65536)) "ab"))"#,
        &config(),
    )
    .unwrap();
    let err = store.instantiate(&module, &mut linker).unwrap_err();
    assert!(err.to_string().contains("out of bounds"), "{err}");
}

/// Every truncation and bit flip of a module full of extended constant expressions either fails
/// to decode or instantiates without panicking.
#[test]
fn corrupt_extended_expressions_never_panic() {
    let wasm = wat::parse_str(
        r#"(module
            (import "env" "g" (global $g i32))
            (import "env" "h" (global $h i64))
            (memory 1) (table 8 funcref)
            (global i32 (i32.mul (i32.add (global.get $g) (i32.const 0x7fffffff)) (i32.const -3)))
            (global i64 (i64.sub (i64.mul (global.get $h) (i64.const 0x7fffffffffff)) (i64.const 9)))
            (data (i32.mul (global.get $g) (i32.const 0)) "abc")
            (elem (i32.sub (global.get $g) (i32.const 2)) funcref (ref.func $f))
            (func $f))"#,
    )
    .unwrap();
    let run = |bytes: &[u8]| {
        let (mut store, mut linker) = provider(3, -2);
        if let Ok(module) = Module::new(bytes, &config()) {
            let _ = store.instantiate(&module, &mut linker);
        }
    };
    run(&wasm);
    for len in 0..wasm.len() {
        run(&wasm[..len]);
    }
    for i in 0..wasm.len() {
        for bit in 0..8 {
            let mut bytes = wasm.clone();
            bytes[i] ^= 1 << bit;
            run(&bytes);
        }
    }
}
