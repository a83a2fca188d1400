//! Snapshots: a VM, and a paused call, written to bytes and restored in a fresh VM.

use life_interp::{Module, NoImports, Resumable, Value, Vm, VmConfig};

const COUNTER: &str = r#"(module (memory (export "mem") 1)
    (global $calls (export "calls") (mut i32) (i32.const 0))
    (global $started (export "started") (mut i32) (i32.const 0))
    (table 2 funcref) (elem declare func $one)
    (func $init (global.set $started (i32.add (global.get $started) (i32.const 1))))
    (start $init)
    (func $one (result i32) (i32.const 1))
    (func (export "bump") (result i32)
        (table.set (i32.const 1) (ref.func $one))
        (global.set $calls (i32.add (global.get $calls) (i32.const 1)))
        (i32.store (i32.const 100) (i32.add (i32.load (i32.const 100)) (i32.const 10)))
        (i32.load (i32.const 100)))
    (func (export "sum") (param $n i32) (result i32) (local $acc i32)
        (block $done (loop $top
            (br_if $done (i32.eqz (local.get $n)))
            (local.set $acc (i32.add (local.get $acc) (local.get $n)))
            (local.set $n (i32.sub (local.get $n) (i32.const 1)))
            (br $top)))
        (local.get $acc)))"#;

#[test]
fn a_restored_vm_continues_with_the_same_state() {
    let config = VmConfig::default();
    let module = Module::from_wat(COUNTER, &config).unwrap();
    let mut vm = Vm::from_module(&module, config.clone(), &mut NoImports).unwrap();
    vm.invoke("bump", &[]).unwrap();
    vm.invoke("bump", &[]).unwrap();
    let bytes = vm.snapshot();

    let mut restored = Vm::restore(&module, config, &mut NoImports, &bytes).unwrap();
    assert_eq!(restored.global("calls"), Some(Value::I32(2)));
    assert_eq!(restored.global("started"), Some(Value::I32(1)), "the start function did not run again");
    assert_eq!(restored.invoke("bump", &[]).unwrap(), vm.invoke("bump", &[]).unwrap());
    assert_eq!(restored.memory_slice().unwrap(), vm.memory_slice().unwrap());
}

#[test]
fn a_paused_call_continues_in_a_fresh_vm() {
    let config = VmConfig { gas_limit: Some(200), ..VmConfig::default() };
    let module = Module::from_wat(COUNTER, &config).unwrap();
    let mut vm = Vm::from_module(&module, config.clone(), &mut NoImports).unwrap();
    let instance = vm.instance();
    let Resumable::Paused(call) = vm.store_mut().invoke_resumable(instance, "sum", &[Value::I32(100)]).unwrap() else {
        panic!("expected the call to pause for gas")
    };
    let (store_bytes, call_bytes) = (vm.snapshot(), call.snapshot());

    // Finish the original.
    vm.store_mut().add_gas(1_000_000);
    let Resumable::Finished(original) = vm.store_mut().resume(call, &[]).unwrap() else { panic!() };

    // Finish the copy, as another process would.
    let mut copy = Vm::restore(&module, config, &mut NoImports, &store_bytes).unwrap();
    let call = copy.store_mut().restore_paused(&call_bytes).unwrap();
    copy.store_mut().add_gas(1_000_000);
    let Resumable::Finished(restored) = copy.store_mut().resume(call, &[]).unwrap() else { panic!() };
    assert_eq!(restored, vec![Value::I32(5050)]);
    assert_eq!(restored, original);
    assert_eq!(copy.store().gas_used(), vm.store().gas_used());
}

#[test]
fn corrupt_snapshots_are_errors_not_crashes() {
    let config = VmConfig { gas_limit: Some(200), ..VmConfig::default() };
    let module = Module::from_wat(COUNTER, &config).unwrap();
    let mut vm = Vm::from_module(&module, config.clone(), &mut NoImports).unwrap();
    let instance = vm.instance();
    let Resumable::Paused(call) = vm.store_mut().invoke_resumable(instance, "sum", &[Value::I32(100)]).unwrap() else {
        panic!()
    };
    let (store_bytes, call_bytes) = (vm.snapshot(), call.snapshot());
    let fresh = || Vm::restore(&module, config.clone(), &mut NoImports, &store_bytes).unwrap();
    for len in 0..store_bytes.len() {
        assert!(Vm::restore(&module, config.clone(), &mut NoImports, &store_bytes[..len]).is_err());
    }
    for len in 0..call_bytes.len() {
        assert!(fresh().store().restore_paused(&call_bytes[..len]).is_err());
    }
    // Flip bits all over the paused call: restoring must fail, or the call must run to a
    // result or a trap, never crash.
    let mut target = fresh();
    for i in (0..call_bytes.len()).step_by(3) {
        let mut bytes = call_bytes.clone();
        bytes[i] ^= 0x5a;
        if let Ok(call) = target.store_mut().restore_paused(&bytes) {
            target.store_mut().add_gas(10_000);
            let _ = target.store_mut().resume(call, &[]);
        }
    }
}

#[test]
fn a_snapshot_whose_references_name_functions_this_store_lacks_is_refused() {
    // Same module, same shape, but the snapshot's store had twenty more functions: its
    // references name addresses past this one's. One module per place a reference can hide.
    let in_global = r#"(module (global (mut funcref) (ref.null func)) (func $f) (elem declare func $f)
        (func (export "keep") (global.set 0 (ref.func $f))))"#;
    let in_table = r#"(module (table 1 funcref) (func $f) (elem declare func $f)
        (func (export "keep") (table.set (i32.const 0) (ref.func $f))))"#;
    let in_segment = r#"(module (func $f) (elem $seg funcref (ref.func $f)) (func (export "keep")))"#;
    for wat in [in_global, in_table, in_segment] {
        let config = VmConfig::default();
        let module = Module::from_wat(wat, &config).unwrap();
        let mut big = life_interp::Store::new(config.clone());
        for _ in 0..20 {
            big.alloc_host_func(life_interp::HostFunc::wrap(|| 0i32));
        }
        let big_instance = big.instantiate(&module, &mut NoImports).unwrap();
        big.invoke(big_instance, "keep", &[]).unwrap();
        let mut small = life_interp::Store::new(config);
        small.instantiate(&module, &mut NoImports).unwrap();
        let e = small.restore(&big.snapshot()).unwrap_err();
        assert!(matches!(e, life_interp::Error::Snapshot(_)), "{wat}: {e}");
        // Its own snapshot restores.
        let own = small.snapshot();
        small.restore(&own).unwrap();
    }
}
