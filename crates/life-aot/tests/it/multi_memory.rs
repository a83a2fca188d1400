//! Several memories (multi-memory) on every engine: limits per memory, copies between
//! memories, snapshots, imports of several memories, and one memory imported twice.

use crate::{engines, outcome};
use life_interp::{Extern, Linker, Module, NoImports, Store, Value, Vm, VmConfig};

fn config() -> VmConfig {
    VmConfig { features: life_decode::Features { multi_memory: true, ..Default::default() }, ..VmConfig::default() }
}

fn i32s(values: &[i32]) -> Vec<Value> {
    values.iter().map(|&v| Value::I32(v)).collect()
}

#[test]
fn max_memory_pages_limits_every_memory() {
    let config = VmConfig { max_memory_pages: 2, ..config() };
    let src = r#"(module (memory 1) (memory $m1 1 10)
        (func (export "grow0") (param i32) (result i32) (memory.grow (local.get 0)))
        (func (export "grow1") (param i32) (result i32) (memory.grow $m1 (local.get 0)))
        (func (export "size1") (result i32) (memory.size $m1))
        (func (export "last1") (result i32) (i32.load8_u $m1 (i32.const 131071))))"#;
    for (name, engine) in engines() {
        let mut vm =
            crate::vm(src.as_bytes(), &engine, &config, &mut NoImports).unwrap_or_else(|e| panic!("{name}: {e}"));
        let trap = outcome(vm.invoke("last1", &[])).unwrap_err();
        assert!(trap.starts_with("trap: out of bounds memory access"), "{name}: {trap}");
        assert_eq!(vm.invoke("grow1", &i32s(&[1])).unwrap(), i32s(&[1]), "{name}");
        assert_eq!(vm.invoke("grow1", &i32s(&[1])).unwrap(), i32s(&[-1]), "{name}: memory 1 grew past the limit");
        assert_eq!(vm.invoke("size1", &[]).unwrap(), i32s(&[2]), "{name}");
        assert_eq!(vm.invoke("last1", &[]).unwrap(), i32s(&[0]), "{name}");
        // Memory 0 has its own size, under the same limit.
        assert_eq!(vm.invoke("grow0", &i32s(&[1])).unwrap(), i32s(&[1]), "{name}");
        assert_eq!(vm.invoke("grow0", &i32s(&[1])).unwrap(), i32s(&[-1]), "{name}");
        // A second memory larger than the limit is refused at instantiation.
        let err = crate::vm(b"(module (memory 1) (memory 3))", &engine, &config, &mut NoImports).unwrap_err();
        assert!(err.to_string().contains("memory needs 3 pages, more than the maximum of 2"), "{name}: {err}");
    }
}

#[test]
fn memory_copy_between_memories_checks_both_ranges() {
    let src = r#"(module (memory 1) (memory $m1 1) (memory $m2 2)
        (data (i32.const 0) "abcdefgh")
        (func (export "copy01") (param i32 i32 i32) (memory.copy $m1 0 (local.get 0) (local.get 1) (local.get 2)))
        (func (export "copy20") (param i32 i32 i32) (memory.copy 0 $m2 (local.get 0) (local.get 1) (local.get 2)))
        (func (export "copy12") (param i32 i32 i32) (memory.copy $m2 $m1 (local.get 0) (local.get 1) (local.get 2)))
        (func (export "get1") (param i32) (result i64) (i64.load $m1 (local.get 0)))
        (func (export "get2") (param i32) (result i64) (i64.load $m2 (local.get 0)))
        (func (export "get0") (param i32) (result i64) (i64.load (local.get 0))))"#;
    let abcdefgh = i64::from_le_bytes(*b"abcdefgh");
    let oob = "trap: out of bounds memory access";
    for config in [config(), VmConfig { gas_limit: Some(1_000_000), ..config() }] {
        for (name, engine) in engines() {
            let mut vm = crate::vm(src.as_bytes(), &engine, &config, &mut NoImports).unwrap();
            let mut call = |f: &str, args: &[i32]| outcome(vm.invoke(f, &i32s(args)));
            assert_eq!(call("copy01", &[100, 0, 8]), Ok(vec![]), "{name}");
            assert_eq!(call("get1", &[100]), Ok(vec![Value::I64(abcdefgh)]), "{name}");
            assert_eq!(call("get0", &[100]), Ok(vec![Value::I64(0)]), "{name}: the copy wrote memory 0");
            // Destination out of bounds in memory 1 (64 KiB), source out of bounds in memory 0:
            // nothing is written.
            assert!(call("copy01", &[65530, 0, 8]).unwrap_err().starts_with(oob), "{name}");
            assert!(call("copy01", &[0, 65530, 8]).unwrap_err().starts_with(oob), "{name}");
            assert_eq!(call("get1", &[65528]), Ok(vec![Value::I64(0)]), "{name}");
            // Memory 2 is 128 KiB: the same range fits there.
            assert_eq!(call("copy12", &[131064, 100, 8]), Ok(vec![]), "{name}");
            assert_eq!(call("get2", &[131064]), Ok(vec![Value::I64(abcdefgh)]), "{name}");
            assert!(call("copy20", &[0, 131065, 8]).unwrap_err().starts_with(oob), "{name}");
            assert_eq!(call("copy20", &[8, 131064, 8]), Ok(vec![]), "{name}");
            assert_eq!(call("get0", &[8]), Ok(vec![Value::I64(abcdefgh)]), "{name}");
            // Empty copies at the very end are fine, one past it traps.
            assert_eq!(call("copy01", &[65536, 65536, 0]), Ok(vec![]), "{name}");
            assert!(call("copy01", &[65537, 0, 0]).unwrap_err().starts_with(oob), "{name}");
        }
    }
}

const NOTES: &str = r#"(module (memory (export "m0") 1) (memory $m1 (export "m1") 1) (memory $m2 2)
    (func (export "put") (param i32 i32 i32)
        (i32.store (local.get 0) (local.get 0))
        (i32.store $m1 (local.get 0) (local.get 1))
        (i32.store $m2 (local.get 0) (local.get 2)))
    (func (export "get") (param i32) (result i32 i32 i32)
        (i32.load (local.get 0)) (i32.load $m1 (local.get 0)) (i32.load $m2 (local.get 0)))
    (func (export "grow2") (result i32) (memory.grow $m2 (i32.const 1))))"#;

#[test]
fn a_snapshot_holds_every_memory() {
    let config = config();
    for (from, engine) in engines() {
        let config = VmConfig { engine: engine.clone(), ..config.clone() };
        let module = Module::from_wat(NOTES, &config).unwrap();
        let mut vm = Vm::from_module(&module, config.clone(), &mut NoImports).unwrap();
        vm.invoke("put", &i32s(&[16, 111, 222])).unwrap();
        assert_eq!(vm.invoke("grow2", &[]).unwrap(), i32s(&[2]));
        vm.invoke("put", &i32s(&[196600, 0, 333])).unwrap_err();
        let bytes = vm.snapshot();
        // Snapshots move between engines.
        for (to, engine) in engines() {
            let config = VmConfig { engine, ..config.clone() };
            let module = Module::from_wat(NOTES, &config).unwrap();
            let mut restored = Vm::restore(&module, config, &mut NoImports, &bytes).unwrap();
            assert_eq!(restored.invoke("get", &i32s(&[16])).unwrap(), i32s(&[16, 111, 222]), "{from} -> {to}");
            // Memory 2 kept its grown size (3 pages).
            restored.invoke("put", &i32s(&[65532, 1, 2])).unwrap();
            assert_eq!(restored.invoke("grow2", &[]).unwrap(), i32s(&[3]), "{from} -> {to}");
        }
    }
}

#[test]
fn a_module_imports_two_memories_of_another_instance() {
    for (name, engine) in engines() {
        let config = VmConfig { engine, ..config() };
        let mut store = Store::new(config.clone());
        let mut linker = Linker::new();
        let a = Module::from_wat(NOTES, &config).unwrap();
        let ia = store.instantiate(&a, &mut linker).unwrap();
        linker.define_instance(&store, "a", ia).unwrap();
        let b = Module::from_wat(
            r#"(module (import "a" "m1" (memory $x 1)) (import "a" "m0" (memory $y 1))
                (func (export "swap") (param i32)
                    (i32.store $y (local.get 0) (i32.load $x (local.get 0)))
                    (i32.store $x (local.get 0) (i32.const 7))))"#,
            &config,
        )
        .unwrap();
        let ib = store.instantiate(&b, &mut linker).unwrap();
        store.invoke(ia, "put", &i32s(&[40, 41, 42])).unwrap();
        store.invoke(ib, "swap", &i32s(&[40])).unwrap();
        assert_eq!(store.invoke(ia, "get", &i32s(&[40])).unwrap(), i32s(&[41, 7, 42]), "{name}");
        let Ok(Extern::Memory(m1)) = store.export(ia, "m1") else { panic!("{name}: no m1") };
        assert_eq!(&store.memory_data(m1).unwrap()[40..44], &7i32.to_le_bytes(), "{name}");
    }
}

/// One memory imported under two indices: a grow through one moves the bytes both see.
#[test]
fn one_memory_imported_twice_stays_one_memory() {
    for (name, engine) in engines() {
        let config = VmConfig { engine, ..config() };
        let mut store = Store::new(config.clone());
        let mut linker = Linker::new();
        let a = Module::from_wat(r#"(module (memory (export "m") 1 100))"#, &config).unwrap();
        let ia = store.instantiate(&a, &mut linker).unwrap();
        linker.define_instance(&store, "a", ia).unwrap();
        let b = Module::from_wat(
            r#"(module (import "a" "m" (memory $p 1)) (import "a" "m" (memory $q 1))
                (func (export "run") (result i32)
                    (drop (memory.grow $q (i32.const 50)))
                    (i32.store $p (i32.const 3000000) (i32.const 5))
                    (memory.copy $q $p (i32.const 8) (i32.const 3000000) (i32.const 4))
                    (memory.fill $q (i32.const 12) (i32.const 1) (i32.const 1))
                    (i32.add (i32.add (i32.load $p (i32.const 8)) (i32.load (i32.const 12))) (memory.size $p))))"#,
            &config,
        )
        .unwrap();
        let ib = store.instantiate(&b, &mut linker).unwrap();
        assert_eq!(store.invoke(ib, "run", &[]).unwrap(), i32s(&[5 + 1 + 51]), "{name}");
    }
}

/// The most memories a module may have (wasmparser's limit, 100), every one used, on every
/// engine (with guard pages: 100 reservations of 8 GiB); one more is refused at decode.
#[test]
fn a_hundred_memories_and_no_more() {
    let module = |n: u32| {
        let mut wat = String::from("(module\n");
        for i in 0..n {
            wat.push_str(&format!("(memory $m{i} 1)\n"));
        }
        wat.push_str("(func (export \"run\") (result i32) (local $sum i32)\n");
        for i in 0..n {
            wat.push_str(&format!("(i32.store $m{i} offset={} (i32.const 0) (i32.const {i}))\n", i * 4));
        }
        for i in 0..n {
            wat.push_str(&format!(
                "(local.set $sum (i32.add (local.get $sum) (i32.load $m{i} (i32.const {}))))\n",
                i * 4
            ));
            wat.push_str(&format!("(drop (memory.grow $m{i} (i32.const 1)))\n"));
        }
        wat.push_str(&format!("(i32.add (local.get $sum) (memory.size $m{}))))", n - 1));
        wat
    };
    for (name, engine) in engines() {
        let mut vm = crate::vm(module(100).as_bytes(), &engine, &config(), &mut NoImports)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(vm.invoke("run", &[]).unwrap(), i32s(&[(0..100).sum::<i32>() + 2]), "{name}");
        let err = crate::vm(module(101).as_bytes(), &engine, &config(), &mut NoImports).unwrap_err();
        assert!(err.to_string().contains("memories count exceeds limit of 100"), "{name}: {err}");
    }
}
