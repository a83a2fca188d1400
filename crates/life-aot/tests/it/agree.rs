//! Programs whose results and traps must be identical on both engines.

use crate::same_on_both;
use life_interp::{F32, F64, Value, VmConfig};

fn i32s(v: &[i32]) -> Vec<Value> {
    v.iter().map(|&x| Value::I32(x)).collect()
}

#[test]
fn benchmark_workloads_agree() {
    let workloads: &[(&str, &[u8], i32)] = &[
        ("fib", include_bytes!("../../../../benches/wasm/fib.wat"), 20),
        ("loop", include_bytes!("../../../../benches/wasm/loop.wat"), 10_000),
        ("dispatch", include_bytes!("../../../../benches/wasm/dispatch.wat"), 2_000),
        ("call_indirect", include_bytes!("../../../../benches/wasm/call_indirect.wat"), 2_000),
        ("crc32", include_bytes!("../../../../benches/wasm/crc32.wat"), 1),
        ("mandelbrot", include_bytes!("../../../../benches/wasm/mandelbrot.wat"), 2),
        ("matmul", include_bytes!("../../../../benches/wasm/matmul.wat"), 1),
        ("mem_copy", include_bytes!("../../../../benches/wasm/mem_copy.wat"), 1),
        ("mem_sum", include_bytes!("../../../../benches/wasm/mem_sum.wat"), 1),
        ("sha256", include_bytes!("../../../../benches/wasm/sha256.wasm"), 1),
        ("sort", include_bytes!("../../../../benches/wasm/sort.wasm"), 1),
        ("lz77", include_bytes!("../../../../benches/wasm/lz77.wasm"), 1),
        ("simd", include_bytes!("../../examples/simd.wat"), 2),
    ];
    for &(name, bytes, arg) in workloads {
        for config in [VmConfig::default(), VmConfig { gas_limit: Some(u64::MAX / 2), ..VmConfig::default() }] {
            let out = same_on_both(bytes, &config, &[("run", vec![Value::I32(arg)])]);
            assert!(out[0].is_ok(), "{name}: {:?}", out[0]);
        }
    }
}

#[test]
fn integer_edge_cases_and_traps_agree() {
    let wat = r#"(module
        (func (export "div_s") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
        (func (export "rem_s") (param i32 i32) (result i32) (i32.rem_s (local.get 0) (local.get 1)))
        (func (export "div_u64") (param i64 i64) (result i64) (i64.div_u (local.get 0) (local.get 1)))
        (func (export "rem_s64") (param i64 i64) (result i64) (i64.rem_s (local.get 0) (local.get 1)))
        (func (export "shifts") (param i32 i32) (result i32)
            (i32.xor (i32.rotl (local.get 0) (local.get 1)) (i32.shr_s (local.get 0) (local.get 1))))
        (func (export "bits") (param i64) (result i64)
            (i64.add (i64.clz (local.get 0)) (i64.add (i64.ctz (local.get 0)) (i64.popcnt (local.get 0)))))
        (func (export "ext") (param i32) (result i64) (i64.extend_i32_s (i32.extend8_s (local.get 0))))
        (func (export "unreachable") (call $inner))
        (func $inner (unreachable)))"#;
    let out = same_on_both(
        wat,
        &VmConfig::default(),
        &[
            ("div_s", i32s(&[7, -2])),
            ("div_s", i32s(&[1, 0])),
            ("div_s", i32s(&[i32::MIN, -1])),
            ("rem_s", i32s(&[i32::MIN, -1])),
            ("rem_s", i32s(&[-7, 2])),
            ("rem_s", i32s(&[5, 0])),
            ("div_u64", vec![Value::I64(-1), Value::I64(3)]),
            ("rem_s64", vec![Value::I64(i64::MIN), Value::I64(-1)]),
            ("shifts", i32s(&[-12345, 37])),
            ("bits", vec![Value::I64(0x00f0_0000_0000_0100)]),
            ("ext", i32s(&[0x80])),
            ("unreachable", vec![]),
        ],
    );
    assert_eq!(out[0], Ok(i32s(&[-3])));
    assert!(out[1].as_ref().unwrap_err().contains("integer divide by zero"));
    assert!(out[2].as_ref().unwrap_err().contains("integer overflow"));
    assert_eq!(out[3], Ok(i32s(&[0])));
    let trace = out[11].as_ref().unwrap_err();
    assert!(
        trace.contains("unreachable")
            && trace.contains("0: inner (func 8)")
            && trace.contains("1: unreachable (func 7)"),
        "{trace}"
    );
}

/// Loop counters fused with their test (`inc_br_if_*`), 32- and 64-bit, across the wrap-around
/// and the sign boundary, with a register and a constant bound: each loop returns how many
/// times it ran and where the counter stopped, which both engines must agree on and which
/// the test computes independently.
#[test]
fn fused_loop_counters_count_right() {
    let wat = r#"(module
        (func (export "up64") (param $i i64) (param $end i64) (result i64 i64) (local $n i64)
            (loop $top
                (local.set $n (i64.add (local.get $n) (i64.const 1)))
                (local.set $i (i64.add (local.get $i) (i64.const 3)))
                (br_if $top (i64.lt_u (local.get $i) (local.get $end))))
            (local.get $n) (local.get $i))
        (func (export "down64") (param $i i64) (result i64 i64) (local $n i64)
            (loop $top
                (local.set $n (i64.add (local.get $n) (i64.const 1)))
                (local.set $i (i64.add (local.get $i) (i64.const -2)))
                (br_if $top (i64.gt_s (local.get $i) (i64.const -5))))
            (local.get $n) (local.get $i))
        (func (export "up32") (param $i i32) (param $end i32) (result i32 i32) (local $n i32)
            (loop $top
                (local.set $n (i32.add (local.get $n) (i32.const 1)))
                (local.set $i (i32.add (local.get $i) (i32.const 3)))
                (br_if $top (i32.lt_s (local.get $i) (local.get $end))))
            (local.get $n) (local.get $i)))"#;
    let start = (1i64 << 32) - 7;
    let out = same_on_both(
        wat,
        &VmConfig::default(),
        &[
            ("up64", vec![Value::I64(start), Value::I64(start + 10)]),
            ("down64", vec![Value::I64(4)]),
            ("up32", i32s(&[-7, 2])),
        ],
    );
    // `start` + 3, 6, 9 are below the end, + 12 is not: four runs; a 32-bit counter would wrap.
    assert_eq!(out[0], Ok(vec![Value::I64(4), Value::I64(start + 12)]));
    // 4 → 2, 0, -2, -4, -6: five runs, signed.
    assert_eq!(out[1], Ok(vec![Value::I64(5), Value::I64(-6)]));
    // -7 → -4, -1, 2: three runs, signed (unsigned, -4 < 2 would fail at once).
    assert_eq!(out[2], Ok(i32s(&[3, 2])));
}

#[test]
fn float_semantics_agree_bit_for_bit() {
    let wat = r#"(module
        (func (export "f32ops") (param f32 f32) (result f32 f32 f32 f32 f32)
            (f32.min (local.get 0) (local.get 1)) (f32.max (local.get 0) (local.get 1))
            (f32.nearest (local.get 0)) (f32.div (local.get 0) (local.get 1)) (f32.sqrt (local.get 0)))
        (func (export "f64ops") (param f64 f64) (result f64 f64 f64 f64)
            (f64.min (local.get 0) (local.get 1)) (f64.copysign (local.get 0) (local.get 1))
            (f64.floor (local.get 0)) (f64.promote_f32 (f32.demote_f64 (local.get 0))))
        (func (export "trunc") (param f64) (result i32) (i32.trunc_f64_s (local.get 0)))
        (func (export "trunc_u64") (param f32) (result i64) (i64.trunc_f32_u (local.get 0)))
        (func (export "sat") (param f64) (result i32 i64) (i32.trunc_sat_f64_u (local.get 0)) (i64.trunc_sat_f64_s (local.get 0)))
        (func (export "convert") (param i64) (result f32 f64) (f32.convert_i64_u (local.get 0)) (f64.convert_i64_s (local.get 0))))"#;
    let f32_ = |x: f32| Value::F32(F32::from(x));
    let f64_ = |x: f64| Value::F64(F64::from(x));
    let out = same_on_both(
        wat,
        &VmConfig::default(),
        &[
            ("f32ops", vec![f32_(2.5), f32_(-0.0)]),
            ("f32ops", vec![f32_(-0.0), f32_(0.0)]),
            ("f32ops", vec![f32_(f32::NAN), f32_(1.0)]),
            ("f32ops", vec![f32_(3.5), f32_(f32::INFINITY)]),
            ("f64ops", vec![f64_(-1.5), f64_(f64::NAN)]),
            ("f64ops", vec![f64_(1e300), f64_(-2.0)]),
            ("trunc", vec![f64_(-2147483648.9)]),
            ("trunc", vec![f64_(-2147483649.0)]),
            ("trunc", vec![f64_(2147483647.9)]),
            ("trunc", vec![f64_(2147483648.0)]),
            ("trunc", vec![f64_(f64::NAN)]),
            ("trunc_u64", vec![f32_(-0.9)]),
            ("trunc_u64", vec![f32_(-1.0)]),
            ("trunc_u64", vec![f32_(1.8446743e19)]),
            ("sat", vec![f64_(-1e30)]),
            ("sat", vec![f64_(f64::NAN)]),
            ("convert", vec![Value::I64(-1)]),
            ("convert", vec![Value::I64(0x7fff_ffff_ffff_fdff)]),
        ],
    );
    assert_eq!(out[8], Ok(i32s(&[2147483647])));
    assert!(out[9].as_ref().unwrap_err().contains("integer overflow"));
    assert!(out[10].as_ref().unwrap_err().contains("invalid conversion to integer"));
    assert_eq!(out[11], Ok(vec![Value::I64(0)]));
}

#[test]
fn memory_tables_globals_and_multi_value_agree() {
    let wat = r#"(module
        (memory (export "mem") 1 3)
        (table 4 funcref)
        (global $g (mut i64) (i64.const 5))
        (type $bin (func (param i32 i32) (result i32)))
        (func $add (type $bin) (i32.add (local.get 0) (local.get 1)))
        (func $sub (type $bin) (i32.sub (local.get 0) (local.get 1)))
        (func $pair (result i32 i64) (i32.const 7) (i64.const -8))
        (elem (i32.const 1) $add $sub)
        (data (i32.const 100) "hello")
        (func (export "load") (param i32) (result i64) (i64.load offset=3 (local.get 0)))
        (func (export "store") (param i32 i64) (i64.store16 offset=1 (local.get 0) (local.get 1)))
        (func (export "grow") (param i32) (result i32 i32) (memory.grow (local.get 0)) (memory.size))
        (func (export "indirect") (param i32) (result i32) (call_indirect (type $bin) (i32.const 10) (i32.const 3) (local.get 0)))
        (func (export "global") (result i64) (global.set $g (i64.mul (global.get $g) (i64.const 3))) (global.get $g))
        (func (export "pair") (result i32 i64) (call $pair))
        (func (export "bulk") (param i32 i32 i32) (memory.copy (local.get 0) (local.get 1) (local.get 2)))
        (func (export "fill") (param i32 i32) (memory.fill (local.get 0) (i32.const 0xab) (local.get 1)))
        (func (export "tables") (result i32 i32)
            (table.set 0 (i32.const 3) (table.get 0 (i32.const 2)))
            (table.grow 0 (ref.null func) (i32.const 2)) (table.size 0)))"#;
    let out = same_on_both(
        wat,
        &VmConfig::default(),
        &[
            ("load", i32s(&[97])),
            ("load", i32s(&[65536 - 11])),
            ("load", i32s(&[65536 - 10])),
            ("load", i32s(&[-1])),
            ("store", vec![Value::I32(65533), Value::I64(0x1234)]),
            ("store", vec![Value::I32(65534), Value::I64(0x1234)]),
            ("grow", i32s(&[1])),
            ("load", i32s(&[65536 - 10])),
            ("grow", i32s(&[5])),
            ("indirect", i32s(&[1])),
            ("indirect", i32s(&[2])),
            ("indirect", i32s(&[0])),
            ("indirect", i32s(&[4])),
            ("global", vec![]),
            ("global", vec![]),
            ("pair", vec![]),
            ("bulk", i32s(&[0, 100, 5])),
            ("bulk", i32s(&[131070, 0, 3])),
            ("fill", i32s(&[10, 20])),
            ("tables", vec![]),
            ("indirect", i32s(&[3])),
        ],
    );
    assert_eq!(out[9], Ok(i32s(&[13])));
    assert!(out[11].as_ref().unwrap_err().contains("uninitialized element"));
    assert!(out[12].as_ref().unwrap_err().contains("undefined element"));
    assert_eq!(out[14], Ok(vec![Value::I64(45)]));
}

#[test]
fn simd_agrees() {
    let wat = r#"(module (memory 1)
        (func (export "dot") (param i32) (result i32)
            (i32x4.extract_lane 1 (i32x4.dot_i16x8_s (v128.load (local.get 0)) (v128.load offset=16 (local.get 0)))))
        (func (export "shuffle") (result i64)
            (i64x2.extract_lane 1 (i8x16.shuffle 0 17 2 19 4 21 6 23 8 25 10 27 12 29 14 31
                (v128.const i64x2 0x0706050403020100 0x0f0e0d0c0b0a0908) (v128.const i64x2 -1 -2))))
        (func (export "lanes") (param i32) (result i32)
            (v128.store8_lane 3 (i32.const 40) (v128.load16_lane 5 (local.get 0) (v128.const i32x4 1 2 3 4)))
            (i32.load (i32.const 40)))
        (func (export "splat") (param i32) (result i64)
            (i64x2.extract_lane 1 (i16x8.add_sat_s (v128.load16_splat (local.get 0)) (v128.load8x8_s (local.get 0)))))
        (func (export "fmin") (param f32) (result i32)
            (i32x4.extract_lane 0 (i32x4.trunc_sat_f32x4_s (f32x4.min (f32x4.splat (local.get 0)) (f32x4.splat (f32.const 2.5)))))))"#;
    let out = same_on_both(
        wat,
        &VmConfig::default(),
        &[
            ("dot", i32s(&[0])),
            ("dot", i32s(&[65536 - 31])),
            ("dot", i32s(&[65536 - 32])),
            ("shuffle", vec![]),
            ("lanes", i32s(&[1])),
            ("lanes", i32s(&[65535])),
            ("splat", i32s(&[3])),
            ("fmin", vec![Value::F32(F32::from(-7.9))]),
            ("fmin", vec![Value::F32(F32::from(f32::NAN))]),
        ],
    );
    assert!(out[1].as_ref().unwrap_err().contains("out of bounds memory access"));
    assert!(out[2].is_ok());
}

#[test]
fn bounds_checks_trap_after_the_right_effects() {
    // Polymerase checks a group of accesses to one address once; a store must still happen
    // before a later access in the group traps, and a trap must not move before a store.
    let wat = r#"(module (memory 1)
        (func (export "store_then_load") (param i32) (result i32)
            (i32.store (local.get 0) (i32.const 7))
            (i32.load offset=100 (local.get 0)))
        (func (export "loads_then_store") (param i32)
            (i32.store offset=8 (local.get 0)
                (i32.add (i32.load (local.get 0)) (i32.load offset=4 (local.get 0)))))
        (func (export "store_store") (param i32)
            (i32.store8 (local.get 0) (i32.const 1))
            (i32.store offset=1 (local.get 0) (i32.const -1)))
        (func (export "read") (param i32) (result i32) (i32.load (local.get 0))))"#;
    let out = same_on_both(
        wat,
        &VmConfig::default(),
        &[
            ("store_then_load", i32s(&[65530])),
            ("read", i32s(&[65530])),
            ("loads_then_store", i32s(&[65526])),
            ("loads_then_store", i32s(&[65524])),
            ("store_store", i32s(&[65533])),
            ("read", i32s(&[65532])),
        ],
    );
    assert!(out[0].as_ref().unwrap_err().contains("out of bounds"));
    assert_eq!(out[1], Ok(i32s(&[7])));
    assert!(out[2].as_ref().unwrap_err().contains("out of bounds"));
    assert_eq!(out[3], Ok(vec![]));
    assert!(out[4].as_ref().unwrap_err().contains("out of bounds"));
    // The first store of `store_store` happened before the second trapped.
    let Ok(v) = &out[5] else { panic!("{:?}", out[5]) };
    assert_eq!((v[0].i32().unwrap() >> 8) & 0xff, 1);
}

/// Every pure SIMD op on operands full of edge cases: NaNs (quiet, signalling, negative, with
/// payloads), signed zeros, infinities, subnormals, and integer lanes at their limits. The
/// engines must agree bit for bit, NaN lanes included. Each op runs in its own function (on
/// operands that arrive in slots) and again in a chain inside one block (on operands already
/// in vector registers).
#[test]
fn simd_ops_agree_bit_for_bit() {
    // (v128, v128) -> v128
    const BINARY: &str = "
        i8x16.eq i8x16.ne i8x16.lt_s i8x16.lt_u i8x16.gt_s i8x16.gt_u i8x16.le_s i8x16.le_u i8x16.ge_s
        i8x16.ge_u i8x16.add i8x16.add_sat_s i8x16.add_sat_u i8x16.sub i8x16.sub_sat_s i8x16.sub_sat_u
        i8x16.min_s i8x16.min_u i8x16.max_s i8x16.max_u i8x16.avgr_u i8x16.narrow_i16x8_s
        i8x16.narrow_i16x8_u i8x16.swizzle i16x8.eq i16x8.ne i16x8.lt_s i16x8.lt_u i16x8.gt_s i16x8.gt_u
        i16x8.le_s i16x8.le_u i16x8.ge_s i16x8.ge_u i16x8.add i16x8.add_sat_s i16x8.add_sat_u i16x8.sub
        i16x8.sub_sat_s i16x8.sub_sat_u i16x8.mul i16x8.min_s i16x8.min_u i16x8.max_s i16x8.max_u
        i16x8.avgr_u i16x8.q15mulr_sat_s i16x8.narrow_i32x4_s i16x8.narrow_i32x4_u
        i16x8.extmul_low_i8x16_s i16x8.extmul_high_i8x16_s i16x8.extmul_low_i8x16_u
        i16x8.extmul_high_i8x16_u i32x4.eq i32x4.ne i32x4.lt_s i32x4.lt_u i32x4.gt_s i32x4.gt_u
        i32x4.le_s i32x4.le_u i32x4.ge_s i32x4.ge_u i32x4.add i32x4.sub i32x4.mul i32x4.min_s
        i32x4.min_u i32x4.max_s i32x4.max_u i32x4.dot_i16x8_s i32x4.extmul_low_i16x8_s
        i32x4.extmul_high_i16x8_s i32x4.extmul_low_i16x8_u i32x4.extmul_high_i16x8_u i64x2.eq i64x2.ne
        i64x2.lt_s i64x2.gt_s i64x2.le_s i64x2.ge_s i64x2.add i64x2.sub i64x2.mul
        i64x2.extmul_low_i32x4_s i64x2.extmul_high_i32x4_s i64x2.extmul_low_i32x4_u
        i64x2.extmul_high_i32x4_u f32x4.eq f32x4.ne f32x4.lt f32x4.gt f32x4.le f32x4.ge f32x4.add
        f32x4.sub f32x4.mul f32x4.div f32x4.min f32x4.max f32x4.pmin f32x4.pmax f64x2.eq f64x2.ne
        f64x2.lt f64x2.gt f64x2.le f64x2.ge f64x2.add f64x2.sub f64x2.mul f64x2.div f64x2.min f64x2.max
        f64x2.pmin f64x2.pmax v128.and v128.andnot v128.or v128.xor";
    // v128 -> v128
    const UNARY: &str = "
        v128.not i8x16.abs i8x16.neg i8x16.popcnt i16x8.abs i16x8.neg i16x8.extend_low_i8x16_s
        i16x8.extend_high_i8x16_s i16x8.extend_low_i8x16_u i16x8.extend_high_i8x16_u
        i16x8.extadd_pairwise_i8x16_s i16x8.extadd_pairwise_i8x16_u i32x4.abs i32x4.neg
        i32x4.extend_low_i16x8_s i32x4.extend_high_i16x8_s i32x4.extend_low_i16x8_u
        i32x4.extend_high_i16x8_u i32x4.extadd_pairwise_i16x8_s i32x4.extadd_pairwise_i16x8_u
        i32x4.trunc_sat_f32x4_s i32x4.trunc_sat_f32x4_u i32x4.trunc_sat_f64x2_s_zero
        i32x4.trunc_sat_f64x2_u_zero i64x2.abs i64x2.neg i64x2.extend_low_i32x4_s
        i64x2.extend_high_i32x4_s i64x2.extend_low_i32x4_u i64x2.extend_high_i32x4_u f32x4.ceil
        f32x4.floor f32x4.trunc f32x4.nearest f32x4.abs f32x4.neg f32x4.sqrt f32x4.convert_i32x4_s
        f32x4.convert_i32x4_u f32x4.demote_f64x2_zero f64x2.ceil f64x2.floor f64x2.trunc f64x2.nearest
        f64x2.abs f64x2.neg f64x2.sqrt f64x2.convert_low_i32x4_s f64x2.convert_low_i32x4_u
        f64x2.promote_low_f32x4";
    // v128 -> i32
    const TO_I32: &str = "
        v128.any_true i8x16.all_true i16x8.all_true i32x4.all_true i64x2.all_true i8x16.bitmask
        i16x8.bitmask i32x4.bitmask i64x2.bitmask";
    // (v128, i32) -> v128
    const SHIFTS: &str = "
        i8x16.shl i8x16.shr_s i8x16.shr_u i16x8.shl i16x8.shr_s i16x8.shr_u i32x4.shl i32x4.shr_s
        i32x4.shr_u i64x2.shl i64x2.shr_s i64x2.shr_u";
    let (binary, unary, to_i32, shifts): (Vec<&str>, Vec<&str>, Vec<&str>, Vec<&str>) = (
        BINARY.split_whitespace().collect(),
        UNARY.split_whitespace().collect(),
        TO_I32.split_whitespace().collect(),
        SHIFTS.split_whitespace().collect(),
    );
    let f32s = |l: [u32; 4]| l.iter().rev().fold(0u128, |v, &x| v << 32 | x as u128);
    let f64s = |l: [u64; 2]| (l[1] as u128) << 64 | l[0] as u128;
    let inputs: Vec<u128> = vec![
        // Quiet NaN with a payload, signalling NaN, negative quiet NaN, 1.5.
        f32s([0x7fc0_1234, 0x7fa0_0001, 0xffc0_0000, 0x3fc0_0000]),
        // -0, +0, inf, -inf.
        f32s([0x8000_0000, 0, 0x7f80_0000, 0xff80_0000]),
        // 2.5, -2.5, -3.5 (ties), a subnormal.
        f32s([0x4020_0000, 0xc020_0000, 0xc060_0000, 0x0000_0001]),
        // 2^32, -2^31 - 256, 0.5, NaN with another payload.
        f32s([0x4f80_0000, 0xcf00_0001, 0x3f00_0000, 0x7f80_0f00]),
        // f64: quiet NaN with a payload, signalling NaN.
        f64s([0x7ff8_0000_0000_0123, 0x7ff0_0000_0000_0001]),
        // f64: -0.0, 2.5; and 1e300, a negative subnormal.
        f64s([0x8000_0000_0000_0000, 0x4004_0000_0000_0000]),
        f64s([1e300f64.to_bits(), (-1e-310f64).to_bits()]),
        // Integer lanes at their limits, and swizzle indices in and out of range.
        u128::from_le_bytes([0x80, 0x7f, 0xff, 0, 1, 0xfe, 0x81, 0x40, 0x00, 0x80, 0xff, 0x7f, 0x10, 0x0f, 0x1f, 0xf0]),
        0x8000_0000_0000_0000_7fff_ffff_ffff_ffff,
    ];
    let mut wat = String::from("(module (memory 1)\n");
    let mut calls: Vec<(String, Vec<Value>)> = Vec::new();
    for (i, op) in binary.iter().enumerate() {
        wat +=
            &format!("(func (export \"b{i}\") (param v128 v128) (result v128) ({op} (local.get 0) (local.get 1)))\n");
        for &x in &inputs {
            for &y in &inputs {
                calls.push((format!("b{i}"), vec![Value::V128(x), Value::V128(y)]));
            }
        }
    }
    for (i, op) in unary.iter().enumerate() {
        wat += &format!("(func (export \"u{i}\") (param v128) (result v128) ({op} (local.get 0)))\n");
        calls.extend(inputs.iter().map(|&x| (format!("u{i}"), vec![Value::V128(x)])));
    }
    for (i, op) in to_i32.iter().enumerate() {
        wat += &format!("(func (export \"t{i}\") (param v128) (result i32) ({op} (local.get 0)))\n");
        let mut all = inputs.clone();
        all.extend([0, u128::MAX, 1 << 127, f32s([1, 1, 1, 0])]);
        calls.extend(all.iter().map(|&x| (format!("t{i}"), vec![Value::V128(x)])));
    }
    for (i, op) in shifts.iter().enumerate() {
        wat += &format!("(func (export \"s{i}\") (param v128 i32) (result v128) ({op} (local.get 0) (local.get 1)))\n");
        for n in [0, 1, 7, 8, 15, 17, 31, 33, 63, 64, -1] {
            calls.extend(inputs[6..].iter().map(|&x| (format!("s{i}"), vec![Value::V128(x), Value::I32(n)])));
        }
    }
    // Every op again, chained in one block on operands loaded from memory: each result is
    // xor-ed into an accumulator, so all of them stay in vector registers.
    wat += "(func (export \"chain\") (param v128 v128) (result v128) (local $acc v128)
        (v128.store (i32.const 0) (local.get 0)) (v128.store (i32.const 16) (local.get 1))\n";
    for op in &binary {
        wat += &format!(
            "(local.set $acc (v128.xor (local.get $acc) ({op} (v128.load (i32.const 0)) (v128.load (i32.const 16)))))\n"
        );
    }
    for op in &unary {
        wat += &format!("(local.set $acc (v128.xor (local.get $acc) ({op} (v128.load (i32.const 16)))))\n");
    }
    for (k, op) in to_i32.iter().enumerate() {
        wat += &format!(
            "(local.set $acc (i32x4.replace_lane {} (local.get $acc) (i32.xor (i32x4.extract_lane {} (local.get $acc)) ({op} (v128.load (i32.const 0))))))\n",
            k % 4,
            (k + 1) % 4
        );
    }
    for op in &shifts {
        wat += &format!(
            "(local.set $acc (v128.xor (local.get $acc) ({op} (v128.load (i32.const 0)) (i32x4.extract_lane 0 (local.get 1)))))\n"
        );
    }
    wat += "(local.get $acc))\n";
    for x in &inputs {
        for y in &inputs {
            calls.push(("chain".into(), vec![Value::V128(*x), Value::V128(*y)]));
        }
    }
    // Lanes: extract and replace every shape at a low and a high lane, on a vector in slots
    // (a parameter) and on one in registers (just computed), then splat, shuffle, bitselect.
    wat += r#"(func (export "lanes") (param $v v128) (param $x i64) (result v128 i64) (local $w v128) (local $s i64)
        (local.set $w (i64x2.add (local.get $v) (local.get $v)))
        (local.set $s (i64.add
            (i64.extend_i32_s (i32.add (i8x16.extract_lane_s 3 (local.get $v)) (i8x16.extract_lane_u 14 (local.get $w))))
            (i64.extend_i32_s (i32.add (i16x8.extract_lane_s 7 (local.get $v)) (i16x8.extract_lane_u 2 (local.get $w))))))
        (local.set $s (i64.add (local.get $s) (i64.extend_i32_u (i32x4.extract_lane 1 (local.get $v)))))
        (local.set $s (i64.xor (local.get $s) (i64x2.extract_lane 1 (local.get $w))))
        (local.set $s (i64.xor (local.get $s) (i64.reinterpret_f64 (f64x2.extract_lane 0 (local.get $v)))))
        (local.set $s (i64.add (local.get $s) (i64.extend_i32_u (i32.reinterpret_f32 (f32x4.extract_lane 3 (local.get $w))))))
        (local.set $v (i8x16.replace_lane 9 (local.get $v) (i32.wrap_i64 (local.get $x))))
        (local.set $w (i8x16.replace_lane 0 (local.get $w) (i32.wrap_i64 (local.get $x))))
        (local.set $v (i16x8.replace_lane 3 (local.get $v) (i32.wrap_i64 (i64.shr_u (local.get $x) (i64.const 8)))))
        (local.set $w (i16x8.replace_lane 6 (local.get $w) (i32.wrap_i64 (local.get $x))))
        (local.set $v (i32x4.replace_lane 2 (local.get $v) (i32.wrap_i64 (local.get $x))))
        (local.set $w (f32x4.replace_lane 1 (local.get $w) (f32.reinterpret_i32 (i32.wrap_i64 (local.get $x)))))
        (local.set $v (f64x2.replace_lane 1 (local.get $v) (f64.reinterpret_i64 (local.get $x))))
        (local.set $w (i64x2.replace_lane 0 (local.get $w) (local.get $x)))
        (local.set $v (v128.xor (local.get $v) (local.get $w)))
        (local.set $v (v128.xor (local.get $v) (i8x16.splat (i32.wrap_i64 (local.get $x)))))
        (local.set $v (i16x8.add (local.get $v) (i16x8.splat (i32.wrap_i64 (local.get $x)))))
        (local.set $v (i32x4.add (local.get $v) (i32x4.splat (i32.wrap_i64 (local.get $x)))))
        (local.set $v (i64x2.add (local.get $v) (i64x2.splat (local.get $x))))
        (local.set $v (f32x4.add (local.get $v) (f32x4.splat (f32.reinterpret_i32 (i32.wrap_i64 (local.get $x))))))
        (local.set $v (f64x2.mul (local.get $v) (f64x2.splat (f64.reinterpret_i64 (local.get $x)))))
        (local.set $v (i8x16.shuffle 31 0 17 2 19 4 21 6 23 8 25 10 27 12 29 15 (local.get $v) (local.get $w)))
        (v128.bitselect (local.get $v) (local.get $w) (i64x2.splat (local.get $x)))
        (local.get $s))
"#;
    for &x in &inputs {
        for y in [0, -1, 0x7fc0_0001_8000_0000, 0x1234_5678_9abc_def0, 0x7ff4_0000_0000_0001] {
            calls.push(("lanes".into(), vec![Value::V128(x), Value::I64(y)]));
        }
    }
    // A loop carrying vectors from one iteration to the next.
    wat += r#"(func (export "loop") (param $v v128) (param $n i32) (result v128) (local $acc v128) (local $f v128)
        (local.set $f (local.get $v))
        (loop $l
            (local.set $acc (i32x4.add (local.get $acc) (i32x4.mul (local.get $v) (i32x4.splat (local.get $n)))))
            (local.set $f (f32x4.min (f32x4.add (local.get $f) (local.get $f)) (f32x4.neg (local.get $f))))
            (local.set $v (i8x16.shuffle 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 0 (local.get $v) (local.get $v)))
            (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
        (v128.xor (local.get $acc) (local.get $f)))
"#;
    calls.extend(inputs.iter().map(|&x| ("loop".into(), vec![Value::V128(x), Value::I32(40)])));
    // v128 locals moved as a whole and in halves: select, globals, lane loads and stores, calls.
    wat += r#"(global $g (mut v128) (v128.const i64x2 1 2))
        (func $id (param v128) (result v128) (local.get 0))
        (func (export "locals") (param $v v128) (param $c i32) (result v128 v128) (local $w v128) (local $u v128)
            (local.set $w (select (local.get $v) (global.get $g) (local.get $c)))
            (global.set $g (i32x4.add (local.get $w) (local.get $v)))
            (v128.store (i32.const 32) (local.get $v))
            (local.set $u (v128.load8_lane 5 (i32.const 33) (local.get $w)))
            (v128.store32_lane 2 (i32.const 40) (local.get $u))
            (v128.store16_lane 1 (i32.const 50) (local.get $v))
            (local.set $u (v128.load64_lane 1 (i32.const 32) (local.get $u)))
            (local.set $w (call $id (local.get $u)))
            (local.get $w) (global.get $g))
"#;
    for &x in &inputs {
        calls.extend([0, 1].map(|c| ("locals".into(), vec![Value::V128(x), Value::I32(c)])));
    }
    wat += ")";
    let calls: Vec<(&str, Vec<Value>)> = calls.iter().map(|(f, a)| (f.as_str(), a.clone())).collect();
    let out = same_on_both(&wat, &VmConfig::default(), &calls);
    assert!(out.iter().all(|r| r.is_ok()), "{:?}", out.iter().find(|r| r.is_err()));
}
