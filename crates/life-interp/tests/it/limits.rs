//! Gas, pause and resume, interrupts, timeouts and deterministic mode: each limit is hit exactly.

use life_interp::{
    Caller, Error, Features, FuncType, GasTable, HostFunc, ImportResolver, Module, ModuleLimits, NoImports,
    PauseReason, Resumable, Store, Trap, TrapCode, Value, Vm, VmConfig,
};
use std::{
    sync::Arc,
    time::{Duration, Instant},
};

/// Sums 1..=n with a loop, stores the sum in memory, and fills memory with `memory.fill`.
const SUM: &str = r#"(module (memory (export "mem") 1)
    (func (export "sum") (param $n i32) (result i32) (local $acc i32)
        (block $done (loop $top
            (br_if $done (i32.eqz (local.get $n)))
            (local.set $acc (i32.add (local.get $acc) (local.get $n)))
            (local.set $n (i32.sub (local.get $n) (i32.const 1)))
            (br $top)))
        (i32.store (i32.const 0) (local.get $acc))
        (local.get $acc))
    (func (export "fill") (param $n i32) (memory.fill (i32.const 0) (i32.const 7) (local.get $n))))"#;

fn metered(limit: u64) -> (Store, life_interp::Instance) {
    let config = VmConfig { gas_limit: Some(limit), ..VmConfig::default() };
    let module = Module::from_wat(SUM, &config).unwrap();
    let mut store = Store::new(config);
    let instance = store.instantiate(&module, &mut NoImports).unwrap();
    (store, instance)
}

fn gas_for_sum(n: i32) -> u64 {
    let (mut store, instance) = metered(u64::MAX / 2);
    assert_eq!(store.invoke(instance, "sum", &[Value::I32(n)]).unwrap(), vec![Value::I32(n * (n + 1) / 2)]);
    store.gas_used().unwrap()
}

#[test]
fn gas_counts_wasm_operators_exactly() {
    // Per iteration: block-free loop body of 9 operators (br_if, eqz, local.get x4, add, sub,
    // const, local.set x2, br; counted by the translator), so the cost is affine in n.
    let (g0, g1, g2) = (gas_for_sum(0), gas_for_sum(1), gas_for_sum(2));
    assert!(g0 > 0);
    assert_eq!(g2 - g1, g1 - g0, "each iteration costs the same");
    assert_eq!(gas_for_sum(100), g0 + 100 * (g1 - g0));
    // Deterministic: the same run costs the same.
    assert_eq!(gas_for_sum(37), gas_for_sum(37));
}

#[test]
fn exactly_enough_gas_runs_and_one_less_stops() {
    let g = gas_for_sum(50);
    let (mut store, instance) = metered(g);
    assert_eq!(store.invoke(instance, "sum", &[Value::I32(50)]).unwrap(), vec![Value::I32(1275)]);
    assert_eq!(store.gas_left(), Some(0));

    let (mut store, instance) = metered(g - 1);
    let err = store.invoke(instance, "sum", &[Value::I32(50)]).unwrap_err();
    assert_eq!(err.trap().unwrap().code(), Some(TrapCode::OutOfGas));
    assert_eq!(err.trap().unwrap().to_string(), "out of gas");
    // The last block (the store and return) did not run: memory still holds 0.
    let Ok(life_interp::Extern::Memory(mem)) = store.export(instance, "mem") else { panic!() };
    assert_eq!(&store.memory_data(mem).unwrap()[..4], &[0, 0, 0, 0]);
}

#[test]
fn paused_calls_resume_where_they_stopped() {
    let g = gas_for_sum(50);
    let (mut store, instance) = metered(g - 1);
    let Resumable::Paused(call) = store.invoke_resumable(instance, "sum", &[Value::I32(50)]).unwrap() else {
        panic!("expected a pause")
    };
    assert_eq!(call.reason(), PauseReason::OutOfGas);
    assert_eq!(store.gas_used(), Some(g - 1 - store.gas_left().unwrap()));
    store.add_gas(1);
    let Resumable::Finished(results) = store.resume(call, &[]).unwrap() else { panic!("expected to finish") };
    assert_eq!(results, vec![Value::I32(1275)]);
    assert_eq!(store.gas_used(), Some(g), "a paused and resumed run costs the same as a straight one");
}

#[test]
fn a_host_can_drive_a_call_in_small_slices() {
    let g = gas_for_sum(1000);
    let (mut store, instance) = metered(100);
    let mut outcome = store.invoke_resumable(instance, "sum", &[Value::I32(1000)]).unwrap();
    let mut slices = 1;
    while let Resumable::Paused(call) = outcome {
        store.add_gas(100);
        slices += 1;
        outcome = store.resume(call, &[]).unwrap();
    }
    let Resumable::Finished(results) = outcome else { unreachable!() };
    assert_eq!(results, vec![Value::I32(500_500)]);
    assert_eq!(store.gas_used(), Some(g));
    assert!(slices as u64 >= g / 100, "{slices} slices for {g} gas");
}

#[test]
fn bulk_operations_charge_per_byte_before_the_work() {
    let (mut store, instance) = metered(u64::MAX / 2);
    store.invoke(instance, "fill", &[Value::I32(0)]).unwrap();
    let base = store.gas_used().unwrap();
    store.invoke(instance, "fill", &[Value::I32(1000)]).unwrap();
    assert_eq!(store.gas_used().unwrap() - base, base + 1000);

    let (mut store, instance) = metered(base + 999);
    let err = store.invoke(instance, "fill", &[Value::I32(1000)]).unwrap_err();
    assert_eq!(err.trap().unwrap().code(), Some(TrapCode::OutOfGas));
    let Ok(life_interp::Extern::Memory(mem)) = store.export(instance, "mem") else { panic!() };
    assert_eq!(store.memory_data(mem).unwrap()[0], 0, "nothing was written");
}

#[test]
fn custom_gas_policies_price_operators() {
    let mut table = GasTable::new(1);
    table.set("i32_add", 100).unwrap();
    let config = VmConfig { gas_limit: Some(u64::MAX / 2), gas_policy: Some(Arc::new(table)), ..VmConfig::default() };
    let module = Module::from_wat(SUM, &config).unwrap();
    let mut store = Store::new(config);
    let instance = store.instantiate(&module, &mut NoImports).unwrap();
    store.invoke(instance, "sum", &[Value::I32(10)]).unwrap();
    assert_eq!(store.gas_used().unwrap(), gas_for_sum(10) + 10 * 99);
}

struct Charging;
impl ImportResolver for Charging {
    fn resolve_func(&mut self, _: &str, field: &str, ty: &FuncType) -> Option<HostFunc> {
        match field {
            "charge" => Some(HostFunc::new(ty.clone(), |caller: &mut Caller<'_>, args, _| {
                caller.consume_gas(args[0].i32().unwrap() as u64)
            })),
            "ask" => Some(HostFunc::new(ty.clone(), |_, _, _| Err(Trap::suspend()))),
            _ => None,
        }
    }
}

const HOSTED: &str = r#"(module
    (import "env" "charge" (func $charge (param i32)))
    (import "env" "ask" (func $ask (param i32) (result i32)))
    (func (export "charge") (param i32) (call $charge (local.get 0)))
    (func (export "ask") (param i32) (result i32) (i32.mul (call $ask (local.get 0)) (i32.const 2))))"#;

#[test]
fn host_functions_charge_gas_and_read_what_is_left() {
    let config = VmConfig { gas_limit: Some(1000), ..VmConfig::default() };
    let mut vm = Vm::from_module(&Module::from_wat(HOSTED, &config).unwrap(), config, &mut Charging).unwrap();
    vm.invoke("charge", &[Value::I32(0)]).unwrap();
    let base = vm.store().gas_used().unwrap();
    vm.invoke("charge", &[Value::I32(500)]).unwrap();
    assert_eq!(vm.store().gas_used().unwrap(), 2 * base + 500);
    let err = vm.invoke("charge", &[Value::I32(10_000)]).unwrap_err();
    assert_eq!(err.trap().unwrap().code(), Some(TrapCode::OutOfGas));
}

#[test]
fn a_host_function_can_suspend_the_guest_and_be_resumed_with_its_result() {
    let config = VmConfig::default();
    let mut vm = Vm::from_module(&Module::from_wat(HOSTED, &config).unwrap(), config, &mut Charging).unwrap();
    let instance = vm.instance();
    let Resumable::Paused(call) = vm.store_mut().invoke_resumable(instance, "ask", &[Value::I32(1)]).unwrap() else {
        panic!("expected a pause")
    };
    assert_eq!(call.reason(), PauseReason::Host);
    assert_eq!(call.pending_results(), &[life_interp::ValType::I32]);
    let Resumable::Finished(results) = vm.store_mut().resume(call, &[Value::I32(21)]).unwrap() else { panic!() };
    assert_eq!(results, vec![Value::I32(42)]);
    // Without the resumable entry point, a suspension is an error, and the VM stays usable.
    assert!(vm.invoke("ask", &[Value::I32(1)]).is_err());
    assert_eq!(vm.invoke("charge", &[Value::I32(1)]).unwrap(), vec![]);
}

const SPIN: &str = r#"(module
    (import "env" "charge" (func $charge (param i32)))
    (func (export "spin") (loop $l (br $l)))
    (func (export "spin_with_host_calls") (loop $l (call $charge (i32.const 0)) (br $l)))
    (func (export "ok") (result i32) (i32.const 1)))"#;

fn spin_vm(config: VmConfig) -> Vm {
    Vm::from_module(&Module::from_wat(SPIN, &config).unwrap(), config, &mut Charging).unwrap()
}

#[test]
fn another_thread_can_interrupt_an_infinite_loop() {
    for entry in ["spin", "spin_with_host_calls"] {
        let mut vm = spin_vm(VmConfig { interruptible: true, ..VmConfig::default() });
        let handle = vm.store_mut().interrupt_handle();
        let start = Instant::now();
        let killer = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(50));
            handle.interrupt();
        });
        let err = vm.invoke(entry, &[]).unwrap_err();
        killer.join().unwrap();
        assert_eq!(err.trap().unwrap().code(), Some(TrapCode::Interrupted), "{entry}");
        assert!(start.elapsed() < Duration::from_secs(2));
        assert_eq!(vm.invoke("ok", &[]).unwrap(), vec![Value::I32(1)], "usable after an interrupt");
    }
}

#[test]
fn a_timeout_stops_an_infinite_loop_promptly() {
    let mut vm = spin_vm(VmConfig { timeout: Some(Duration::from_millis(100)), ..VmConfig::default() });
    let start = Instant::now();
    let err = vm.invoke("spin", &[]).unwrap_err();
    let elapsed = start.elapsed();
    assert_eq!(err.trap().unwrap().to_string(), "interrupted");
    assert!(elapsed >= Duration::from_millis(100) && elapsed < Duration::from_millis(600), "{elapsed:?}");
    assert_eq!(vm.invoke("ok", &[]).unwrap(), vec![Value::I32(1)]);
}

#[test]
fn no_fp_mode_rejects_the_first_float_instruction_by_name() {
    let config = VmConfig { features: Features { floats: false, ..Features::default() }, ..VmConfig::default() };
    let err = Module::from_wat(
        r#"(module (func (param i32) (result i32) (local.get 0))
            (func (param f32 f32) (result f32) (f32.add (local.get 0) (local.get 1))))"#,
        &config,
    )
    .unwrap_err();
    assert!(err.to_string().contains("`f32.add`"), "{err}");
    assert!(Module::from_wat("(module (func (result i32) (i32.const 1)))", &config).is_ok());
}

#[test]
fn nan_canonicalization_makes_float_results_bit_identical() {
    let wat = r#"(module (func (export "nan") (param f32 f64) (result f32 f64)
        (f32.div (local.get 0) (local.get 0)) (f64.sqrt (local.get 1))))"#;
    let args = [Value::from(0.0f32), Value::from(-1.0f64)];
    let config = VmConfig { canonicalize_nans: true, ..VmConfig::default() };
    let mut vm = Vm::from_module(&Module::from_wat(wat, &config).unwrap(), config, &mut NoImports).unwrap();
    let out = vm.invoke("nan", &args).unwrap();
    assert!(matches!(out[0], Value::F32(f) if f.to_bits() == 0x7fc0_0000), "{:?}", out[0]);
    assert!(matches!(out[1], Value::F64(f) if f.to_bits() == 0x7ff8_0000_0000_0000), "{:?}", out[1]);
}

#[test]
fn module_size_limits_reject_hostile_modules_at_decode() {
    let config =
        VmConfig { module_limits: ModuleLimits { max_functions: 2, ..ModuleLimits::default() }, ..VmConfig::default() };
    assert!(Module::from_wat("(module (func) (func))", &config).is_ok());
    let err = Module::from_wat("(module (func) (func) (func))", &config).unwrap_err();
    assert!(matches!(&err, Error::Decode(e) if e.message().contains("3 functions")), "{err}");

    let config =
        VmConfig { module_limits: ModuleLimits { max_locals: 10, ..ModuleLimits::default() }, ..VmConfig::default() };
    assert!(
        Module::from_wat("(module (func (param i32) (local i32 i64 i32 i32 i32 i32 i32 i32 i32)))", &config).is_ok()
    );
    assert!(
        Module::from_wat("(module (func (param i32) (local i32 i64 i32 i32 i32 i32 i32 i32 i32 i32)))", &config)
            .is_err()
    );
}

#[test]
fn a_metered_store_refuses_an_unmetered_module() {
    let module = Module::from_wat(SUM, &VmConfig::default()).unwrap();
    let mut store = Store::new(VmConfig { gas_limit: Some(10), ..VmConfig::default() });
    assert!(store.instantiate(&module, &mut NoImports).is_err());
}
