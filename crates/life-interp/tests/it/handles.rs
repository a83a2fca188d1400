//! Handles know their store, modules and stores agree on their settings, errors are structured.

use life_interp::{
    Error, Extern, Features, FuncType, GasTable, HostFunc, InstantiationError, Linker, Module, NoImports, Store,
    ValType, Value, Vm, VmConfig,
};
use std::{error::Error as _, sync::Arc};

const EXPORTS: &str = r#"(module
    (func (export "two") (result i32) i32.const 2)
    (memory (export "mem") 1)
    (table (export "tab") 1 funcref)
    (global (export "g") (mut i32) (i32.const 5)))"#;

const OTHER: &str = r#"(module
    (func (export "seven") (result i32) i32.const 7)
    (func (export "two") (result i32) i32.const 99))"#;

fn vm(src: &str) -> Vm {
    Vm::from_module(&Module::from_wat(src, &VmConfig::default()).unwrap(), VmConfig::default(), &mut NoImports).unwrap()
}

fn is_wrong_store(r: Result<impl std::fmt::Debug, Error>, what: &str) {
    match r {
        Err(Error::WrongStore { what: w, handle_store, store }) => {
            assert_eq!(w, what);
            assert_ne!(handle_store, store);
        }
        other => panic!("expected WrongStore for a {what}, got {other:?}"),
    }
}

#[test]
fn a_function_of_one_vm_is_refused_by_another_store() {
    let a = vm(EXPORTS);
    let mut b = vm(OTHER);
    let two = a.export_func("two").unwrap();
    // Before, this ran b's first function (`seven`).
    is_wrong_store(b.store_mut().call(two, &[]), "function");
    is_wrong_store(b.store().func_type(two), "function");
    assert_eq!(a.store().func_type(two).unwrap().results(), &[ValType::I32]);
    assert_ne!(a.store().id(), b.store().id());
    assert_eq!(two.store_id(), a.store().id());
}

#[test]
fn every_handle_kind_is_checked() {
    let a = vm(EXPORTS);
    let mut b = vm(OTHER);
    let instance = a.instance();
    let Ok(Extern::Memory(mem)) = a.store().export(instance, "mem") else { panic!() };
    let Ok(Extern::Table(tab)) = a.store().export(instance, "tab") else { panic!() };
    let Ok(Extern::Global(g)) = a.store().export(instance, "g") else { panic!() };
    let s = b.store_mut();
    is_wrong_store(s.memory_data(mem), "memory");
    is_wrong_store(s.memory_data_mut(mem), "memory");
    is_wrong_store(s.memory_type(mem), "memory");
    is_wrong_store(s.memory_grow(mem, 1), "memory");
    is_wrong_store(s.table_get(tab, 0), "table");
    is_wrong_store(s.table_set(tab, 0, Value::FuncRef(None)), "table");
    is_wrong_store(s.table_grow(tab, 1, Value::FuncRef(None)), "table");
    is_wrong_store(s.table_type(tab), "table");
    is_wrong_store(s.global_get(g), "global");
    is_wrong_store(s.global_set(g, Value::I32(1)), "global");
    is_wrong_store(s.global_type(g), "global");
    is_wrong_store(s.export(instance, "two"), "instance");
    is_wrong_store(s.exports(instance).map(|e| e.count()), "instance");
    is_wrong_store(s.instance_module(instance).map(|_| ()), "instance");
    is_wrong_store(s.instance_memory(instance), "instance");
    is_wrong_store(s.invoke(instance, "two", &[]), "instance");
    is_wrong_store(s.invoke_resumable(instance, "two", &[]).map(|_| ()), "instance");
    // The message says what happened.
    let e = s.global_get(g).unwrap_err();
    assert!(e.to_string().starts_with("a global handle of store"), "{e}");
    // And the handles still work with their own store.
    assert_eq!(a.store().global_get(g).unwrap(), Value::I32(5));
    assert_eq!(a.store().memory_data(mem).unwrap().len(), 65536);
}

#[test]
fn a_linker_filled_from_one_store_is_refused_by_another() {
    let config = VmConfig::default();
    let provider = Module::from_wat(EXPORTS, &config).unwrap();
    let user = Module::from_wat(r#"(module (import "a" "two" (func (result i32))))"#, &config).unwrap();
    let mut first = Store::new(config.clone());
    let mut linker = Linker::new();
    let ia = first.instantiate(&provider, &mut NoImports).unwrap();
    linker.define_instance(&first, "a", ia).unwrap();
    // A host function defined through the linker belongs to the store it was given.
    linker.define_func(&mut first, "h", "f", HostFunc::new(FuncType::new([], []), |_, _, _| Ok(())));
    first.instantiate(&user, &mut linker).unwrap();

    let mut second = Store::new(config);
    let e = second.instantiate(&user, &mut linker).unwrap_err();
    assert!(
        matches!(&e, Error::Instantiation(InstantiationError::WrongStore { module, name }) if module == "a" && name == "two"),
        "{e:?}"
    );
    assert!(e.to_string().contains("another store"), "{e}");
    is_wrong_store(Linker::new().define_instance(&second, "a", ia).map(|_| ()), "instance");
}

fn mismatch(module_config: VmConfig, store_config: VmConfig, setting: &str) {
    let module = Module::from_wat("(module (func (export \"f\") (loop)))", &module_config).unwrap();
    let e = Store::new(store_config).instantiate(&module, &mut NoImports).unwrap_err();
    match &e {
        Error::Instantiation(InstantiationError::ConfigMismatch { setting: s, .. }) => assert_eq!(*s, setting),
        other => panic!("expected a {setting} mismatch, got {other:?}"),
    }
    assert!(e.to_string().contains(setting), "{e}");
}

#[test]
fn a_module_decoded_for_other_settings_is_refused() {
    let plain = VmConfig::default();
    let timeout = VmConfig { timeout: Some(std::time::Duration::from_millis(200)), ..VmConfig::default() };
    mismatch(plain.clone(), timeout, "interrupt checks");
    mismatch(plain.clone(), VmConfig { interruptible: true, ..VmConfig::default() }, "interrupt checks");
    let metered = VmConfig { gas_limit: Some(100), ..VmConfig::default() };
    mismatch(plain.clone(), metered.clone(), "gas metering");
    mismatch(metered.clone(), plain.clone(), "gas metering");
    let mut table = GasTable::new(3);
    table.set("i32.add", 10).unwrap();
    let priced = VmConfig { gas_policy: Some(Arc::new(table.clone())), ..metered.clone() };
    mismatch(metered.clone(), priced.clone(), "gas policy");
    let no_fp = VmConfig { features: Features { floats: false, ..Features::default() }, ..VmConfig::default() };
    mismatch(plain.clone(), no_fp, "features");
    mismatch(plain.clone(), VmConfig { canonicalize_nans: true, ..VmConfig::default() }, "NaN canonicalization");

    // What agrees is accepted: the same settings, an equal gas table built separately, and a
    // module with interrupt checks in a store that does not need them.
    let same_prices = VmConfig { gas_policy: Some(Arc::new(table)), ..metered };
    let module = Module::from_wat("(module)", &priced).unwrap();
    Store::new(same_prices).instantiate(&module, &mut NoImports).unwrap();
    let module = Module::from_wat("(module)", &VmConfig { interruptible: true, ..VmConfig::default() }).unwrap();
    Store::new(plain).instantiate(&module, &mut NoImports).unwrap();
}

#[test]
fn errors_have_sources_and_snapshot_errors_their_own_kind() {
    let mut vm = vm(r#"(module (func (export "boom") unreachable))"#);
    let e = vm.invoke("boom", &[]).unwrap_err();
    assert_eq!(e.source().unwrap().to_string(), "unreachable");
    let bad = Module::new(b"\0asm\x01\0\0\0\x01", &VmConfig::default()).unwrap_err();
    assert!(bad.source().is_some());
    let config = VmConfig::default();
    let module = Module::from_wat(EXPORTS, &config).unwrap();
    let snapshot = Vm::from_module(&module, config.clone(), &mut NoImports).unwrap().snapshot();
    let e = Vm::restore(&module, config, &mut NoImports, &snapshot[..snapshot.len() / 2]).unwrap_err();
    assert!(matches!(e, Error::Snapshot(_)), "{e:?}");
    assert!(e.to_string().starts_with("invalid snapshot"), "{e}");
}

#[test]
fn vm_reads_its_store_through_a_shared_reference_and_adds_gas() {
    let config = VmConfig { gas_limit: Some(10), ..VmConfig::default() };
    let module = Module::from_wat(r#"(module (func (export "f") (result i32) i32.const 1))"#, &config).unwrap();
    let mut vm = Vm::from_module(&module, config, &mut NoImports).unwrap();
    let vm_ref: &Vm = &vm;
    assert_eq!(vm_ref.store().gas_left(), Some(10));
    vm.add_gas(5);
    assert_eq!(vm.gas_left(), Some(15));
    vm.invoke("f", &[]).unwrap();
    assert!(vm.gas_used().unwrap() > 0);
}
