//! Long runs of every kind of op keep the host stack flat, whichever dispatch loop the build uses.
//!
//! Threaded dispatch (`exec/tail_loop.rs`) is only sound if every handler's call to the next one
//! compiles to a jump; a handler that really calls would grow the host stack by one frame each
//! time it runs. These tests run a loop over a wide mix of ops many times: a host function
//! called once per iteration checks that the stack is exactly as deep each time, and the whole
//! run happens on a 256 KiB thread, which a leak of even one frame per iteration would overflow.
//! `cargo test` builds life-interp optimized (see the workspace `Cargo.toml`), so these check the
//! loop release builds use.

use life_interp::{FuncType, HostFunc, ImportResolver, ValType, Value, Vm, VmConfig};
use std::sync::{Arc, Mutex};

/// One iteration touches control flow (every branch form, `br_table`, calls, indirect calls,
/// host calls, all return forms), data movement, globals, tables, memory (every load and store
/// width, `memory.size`, `memory.grow`, bulk operations), and integer, float, conversion and SIMD
/// arithmetic, including ops that can trap.
const MIX: &str = r#"(module
  (import "env" "probe" (func $probe))
  (memory 1)
  (table 4 funcref)
  (elem (i32.const 0) $id $twice $pair_sum $id)
  (global $g (mut i64) (i64.const 7))
  (global $v (mut v128) (v128.const i64x2 1 2))
  (type $unary (func (param i32) (result i32)))
  (func $id (param i32) (result i32) (local.get 0))
  (func $twice (param i32) (result i32) (return (i32.add (local.get 0) (local.get 0))))
  (func $pair (param i32) (result i32 i32) (local.get 0) (i32.const 3))
  (func $pair_sum (param i32) (result i32) (call $pair (local.get 0)) (i32.add))
  (func $sel (param i32 i32) (result i64)
    (select (i64.const 5) (i64.extend_i32_u (local.get 1)) (local.get 0)))
  (func $table_case (param i32) (result i32)
    (block $c (block $b (block $a
      (br_table $a $b $c (i32.and (local.get 0) (i32.const 3))))
      (return (i32.const 10)))
      (return (i32.const 20)))
    (i32.const 30))
  (func (export "run") (param $n i32) (result i64)
    (local $i i32) (local $acc i64) (local $x i32) (local $f f64) (local $s f32) (local $v v128)
    (local.set $f (f64.const 1.5))
    (local.set $s (f32.const 2.5))
    (loop $next
      (call $probe)
      ;; integer arithmetic, immediates and comparisons
      (local.set $x (i32.add (local.get $i) (i32.const 7)))
      (local.set $x (i32.xor (i32.mul (local.get $x) (local.get $x)) (i32.shr_u (local.get $x) (i32.const 3))))
      (local.set $x (i32.or (i32.rotl (local.get $x) (local.get $i)) (i32.clz (local.get $x))))
      (local.set $x (i32.add (local.get $x) (i32.div_u (local.get $x) (i32.add (local.get $i) (i32.const 1)))))
      (local.set $x (i32.add (local.get $x) (i32.rem_s (local.get $x) (i32.const 13))))
      (local.set $x (i32.add (local.get $x) (i32.lt_s (local.get $x) (local.get $i))))
      (local.set $x (i32.add (local.get $x) (i32.eqz (local.get $x))))
      (local.set $acc (i64.add (local.get $acc) (i64.extend_i32_u (local.get $x))))
      (local.set $acc (i64.xor (local.get $acc) (i64.shl (local.get $acc) (i64.const 5))))
      (local.set $acc (i64.add (local.get $acc) (i64.div_s (local.get $acc) (i64.const 3))))
      (local.set $acc (i64.add (local.get $acc) (i64.popcnt (local.get $acc))))
      (local.set $acc (i64.add (local.get $acc) (i64.extend_i32_s (i64.ge_u (local.get $acc) (i64.const 99)))))
      ;; floats and conversions
      (local.set $f (f64.add (f64.mul (local.get $f) (f64.const 1.0001)) (f64.convert_i32_u (local.get $x))))
      (local.set $f (f64.sqrt (f64.abs (local.get $f))))
      (local.set $s (f32.demote_f64 (f64.nearest (local.get $f))))
      (local.set $s (f32.min (local.get $s) (f32.const 1000)))
      (local.set $acc (i64.add (local.get $acc) (i64.trunc_f64_s (f64.floor (local.get $f)))))
      (local.set $acc (i64.add (local.get $acc) (i64.extend_i32_u (i32.trunc_f32_u (local.get $s)))))
      (local.set $acc (i64.add (local.get $acc) (i64.trunc_sat_f64_u (local.get $f))))
      (local.set $acc (i64.add (local.get $acc) (i64.extend_i32_u (f64.lt (local.get $f) (f64.const 10)))))
      ;; memory: every width, bulk operations, size and grow
      (i32.store (i32.const 16) (local.get $x))
      (i64.store offset=8 (i32.const 16) (local.get $acc))
      (i32.store8 (i32.const 40) (local.get $x))
      (i32.store16 (i32.const 42) (local.get $x))
      (i64.store32 (i32.const 44) (local.get $acc))
      (f64.store (i32.const 48) (local.get $f))
      (f32.store (i32.const 56) (local.get $s))
      (local.set $acc (i64.add (local.get $acc) (i64.load8_s (i32.const 40))))
      (local.set $acc (i64.add (local.get $acc) (i64.load16_u (i32.const 42))))
      (local.set $acc (i64.add (local.get $acc) (i64.load32_s (i32.const 44))))
      (local.set $acc (i64.add (local.get $acc) (i64.load offset=8 (i32.const 16))))
      (local.set $x (i32.add (i32.load (i32.const 16)) (i32.load8_u (i32.const 41))))
      (local.set $x (i32.add (local.get $x) (i32.load16_s (i32.const 42))))
      (local.set $f (f64.add (local.get $f) (f64.load (i32.const 48))))
      (local.set $s (f32.add (local.get $s) (f32.load (i32.const 56))))
      (memory.copy (i32.const 64) (i32.const 16) (i32.const 32))
      (memory.fill (i32.const 96) (local.get $x) (i32.const 16))
      (local.set $x (i32.add (local.get $x) (i32.load (i32.const 100))))
      (local.set $x (i32.add (local.get $x) (memory.size)))
      (local.set $x (i32.add (local.get $x) (memory.grow (i32.const 0))))
      ;; SIMD: loads, stores, lane ops and arithmetic (which runs out of line)
      (local.set $v (v128.load (i32.const 16)))
      (local.set $v (i32x4.add (local.get $v) (global.get $v)))
      (local.set $v (i8x16.swizzle (local.get $v) (v128.const i8x16 3 2 1 0 7 6 5 4 11 10 9 8 15 14 13 12)))
      (v128.store (i32.const 128) (local.get $v))
      (local.set $v (v128.load32_splat (i32.const 128)))
      (local.set $acc (i64.add (local.get $acc) (i64x2.extract_lane 1 (local.get $v))))
      (global.set $v (local.get $v))
      ;; globals, tables, select
      (global.set $g (i64.add (global.get $g) (local.get $acc)))
      (local.set $acc (i64.xor (local.get $acc) (global.get $g)))
      (table.set (i32.const 3) (table.get (i32.and (local.get $i) (i32.const 3))))
      (local.set $x (i32.add (local.get $x) (table.size)))
      (local.set $x (i32.add (local.get $x) (ref.is_null (table.get (i32.const 1)))))
      (local.set $acc (i64.add (local.get $acc) (call $sel (i32.and (local.get $i) (i32.const 1)) (local.get $x))))
      ;; calls: direct, indirect, multi-value returns, br_table
      (local.set $x (i32.add (local.get $x) (call $twice (local.get $i))))
      (local.set $x (i32.add (local.get $x) (call $pair_sum (local.get $i))))
      (local.set $x (i32.add (local.get $x)
        (call_indirect (type $unary) (local.get $i) (i32.and (local.get $i) (i32.const 3)))))
      (local.set $x (i32.add (local.get $x) (call $table_case (local.get $i))))
      (local.set $acc (i64.add (local.get $acc) (i64.extend_i32_u (local.get $x))))
      ;; the loop's own compare-and-branch
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $next (i32.lt_u (local.get $i) (local.get $n))))
    (local.get $acc)))"#;

/// Resolves `env.probe` to a host function that records how deep the host stack is.
struct Probe(Arc<Mutex<Vec<usize>>>);

impl ImportResolver for Probe {
    fn resolve_func(&mut self, _: &str, _: &str, _: &FuncType) -> Option<HostFunc> {
        let depths = self.0.clone();
        Some(HostFunc::new(FuncType::new([], []), move |_, _, _| {
            let here = 0u8;
            depths.lock().unwrap().push(std::hint::black_box(&here) as *const u8 as usize);
            Ok(())
        }))
    }
}

/// Runs `run(n)` on a 256 KiB thread and returns its result and the stack depth at each probe.
fn run_mix(n: i32, config: VmConfig) -> (Vec<Value>, Vec<usize>) {
    let wasm = wat::parse_str(MIX).unwrap();
    let depths = Arc::new(Mutex::new(Vec::new()));
    let probe = Probe(depths.clone());
    let result = std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(move || {
            let mut probe = probe;
            let mut vm = Vm::new(&wasm, config, &mut probe).unwrap();
            vm.invoke("run", &[Value::I32(n)]).unwrap()
        })
        .unwrap()
        .join()
        .expect("no host stack overflow");
    let depths = depths.lock().unwrap().clone();
    (result, depths)
}

#[test]
fn a_long_run_of_every_kind_of_op_keeps_the_host_stack_flat() {
    let (result, depths) = run_mix(100_000, VmConfig::default());
    assert_eq!(result.len(), 1);
    assert_eq!(result[0].ty(), ValType::I64);
    assert_eq!(depths.len(), 100_000);
    assert!(depths.iter().all(|&d| d == depths[0]), "the host stack grew between iterations");
}

#[test]
fn metered_and_interruptible_runs_keep_the_host_stack_flat() {
    // Gas adds `consume_gas` ops at every block; the result must not depend on it.
    let metered = VmConfig { gas_limit: Some(u64::MAX / 2), ..VmConfig::default() };
    let (plain, _) = run_mix(1000, VmConfig::default());
    let (result, depths) = run_mix(50_000, metered);
    assert_eq!(depths.len(), 50_000);
    assert!(depths.iter().all(|&d| d == depths[0]), "the host stack grew between iterations");
    assert_eq!(run_mix(1000, VmConfig { gas_limit: Some(u64::MAX / 2), ..VmConfig::default() }).0, plain);
    assert_eq!(result.len(), 1);
}
