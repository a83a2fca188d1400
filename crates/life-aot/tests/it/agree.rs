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
