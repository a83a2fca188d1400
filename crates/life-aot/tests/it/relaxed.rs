//! Relaxed SIMD: every implementation-defined case gives the deterministic profile's result,
//! the same on the interpreter (both loops) and Polymerase; NaN canonicalization, `--no-fp` and
//! gas prices cover the relaxed operators.

use crate::{same_on_both, vm};
use life_decode::{Features, GasTable};
use life_interp::{Module, NoImports, Value, Vm, VmConfig};
use std::sync::Arc;

/// Every relaxed operator, exported under its own name, over `v128` parameters.
const MODULE: &str = r#"(module
    (func (export "i8x16.relaxed_swizzle") (param v128 v128) (result v128)
        (i8x16.relaxed_swizzle (local.get 0) (local.get 1)))
    (func (export "i32x4.relaxed_trunc_f32x4_s") (param v128) (result v128)
        (i32x4.relaxed_trunc_f32x4_s (local.get 0)))
    (func (export "i32x4.relaxed_trunc_f32x4_u") (param v128) (result v128)
        (i32x4.relaxed_trunc_f32x4_u (local.get 0)))
    (func (export "i32x4.relaxed_trunc_f64x2_s_zero") (param v128) (result v128)
        (i32x4.relaxed_trunc_f64x2_s_zero (local.get 0)))
    (func (export "i32x4.relaxed_trunc_f64x2_u_zero") (param v128) (result v128)
        (i32x4.relaxed_trunc_f64x2_u_zero (local.get 0)))
    (func (export "f32x4.relaxed_madd") (param v128 v128 v128) (result v128)
        (f32x4.relaxed_madd (local.get 0) (local.get 1) (local.get 2)))
    (func (export "f32x4.relaxed_nmadd") (param v128 v128 v128) (result v128)
        (f32x4.relaxed_nmadd (local.get 0) (local.get 1) (local.get 2)))
    (func (export "f64x2.relaxed_madd") (param v128 v128 v128) (result v128)
        (f64x2.relaxed_madd (local.get 0) (local.get 1) (local.get 2)))
    (func (export "f64x2.relaxed_nmadd") (param v128 v128 v128) (result v128)
        (f64x2.relaxed_nmadd (local.get 0) (local.get 1) (local.get 2)))
    (func (export "i8x16.relaxed_laneselect") (param v128 v128 v128) (result v128)
        (i8x16.relaxed_laneselect (local.get 0) (local.get 1) (local.get 2)))
    (func (export "i16x8.relaxed_laneselect") (param v128 v128 v128) (result v128)
        (i16x8.relaxed_laneselect (local.get 0) (local.get 1) (local.get 2)))
    (func (export "i32x4.relaxed_laneselect") (param v128 v128 v128) (result v128)
        (i32x4.relaxed_laneselect (local.get 0) (local.get 1) (local.get 2)))
    (func (export "i64x2.relaxed_laneselect") (param v128 v128 v128) (result v128)
        (i64x2.relaxed_laneselect (local.get 0) (local.get 1) (local.get 2)))
    (func (export "f32x4.relaxed_min") (param v128 v128) (result v128)
        (f32x4.relaxed_min (local.get 0) (local.get 1)))
    (func (export "f32x4.relaxed_max") (param v128 v128) (result v128)
        (f32x4.relaxed_max (local.get 0) (local.get 1)))
    (func (export "f64x2.relaxed_min") (param v128 v128) (result v128)
        (f64x2.relaxed_min (local.get 0) (local.get 1)))
    (func (export "f64x2.relaxed_max") (param v128 v128) (result v128)
        (f64x2.relaxed_max (local.get 0) (local.get 1)))
    (func (export "i16x8.relaxed_q15mulr_s") (param v128 v128) (result v128)
        (i16x8.relaxed_q15mulr_s (local.get 0) (local.get 1)))
    (func (export "i16x8.relaxed_dot_i8x16_i7x16_s") (param v128 v128) (result v128)
        (i16x8.relaxed_dot_i8x16_i7x16_s (local.get 0) (local.get 1)))
    (func (export "i32x4.relaxed_dot_i8x16_i7x16_add_s") (param v128 v128 v128) (result v128)
        (i32x4.relaxed_dot_i8x16_i7x16_add_s (local.get 0) (local.get 1) (local.get 2)))
    (func (export "f32x4.min") (param v128 v128) (result v128) (f32x4.min (local.get 0) (local.get 1)))
)"#;

fn relaxed() -> Features {
    let mut features = Features::default();
    features.set("relaxed-simd", true).unwrap();
    features
}

fn i8s(l: [i8; 16]) -> Value {
    Value::V128(u128::from_le_bytes(l.map(|x| x as u8)))
}

fn i16s(l: [i16; 8]) -> Value {
    Value::V128(l.iter().rev().fold(0, |v, &x| (v << 16) | u128::from(x as u16)))
}

fn u32s(l: [u32; 4]) -> Value {
    Value::V128(l.iter().rev().fold(0, |v, &x| (v << 32) | u128::from(x)))
}

fn i32s(l: [i32; 4]) -> Value {
    u32s(l.map(|x| x as u32))
}

fn f32s(l: [f32; 4]) -> Value {
    u32s(l.map(f32::to_bits))
}

fn u64s(l: [u64; 2]) -> Value {
    Value::V128(u128::from(l[1]) << 64 | u128::from(l[0]))
}

fn f64s(l: [f64; 2]) -> Value {
    u64s(l.map(f64::to_bits))
}

/// The deterministic profile's choice for each relaxed operator, in the cases where the spec
/// allows several results (RATIONALE.md, "Why relaxed SIMD takes the deterministic profile").
fn choices() -> Vec<(&'static str, Vec<Value>, Value)> {
    let nan = f32::from_bits(0x7fc0_0000);
    let mask = i8s([-1, 0, 0x0f, -0x10, 0x7f, -0x80, 1, -2, 0, 0, 0, 0, 0, 0, 0, 0]);
    let ones = i8s([-1; 16]);
    vec![
        // Indices of 16 and above select 0, as `i8x16.swizzle`.
        (
            "i8x16.relaxed_swizzle",
            vec![
                i8s(core::array::from_fn(|i| i as i8 + 1)),
                i8s([0, 15, 16, 31, 127, -128, -1, 0x70, 3, 3, 3, 3, 3, 3, 3, 3]),
            ],
            i8s([1, 16, 0, 0, 0, 0, 0, 0, 4, 4, 4, 4, 4, 4, 4, 4]),
        ),
        // NaN and out-of-range lanes saturate, as `trunc_sat`.
        ("i32x4.relaxed_trunc_f32x4_s", vec![f32s([nan, 3e9, -3e9, -1.75])], i32s([0, i32::MAX, i32::MIN, -1])),
        ("i32x4.relaxed_trunc_f32x4_u", vec![f32s([nan, -1.0, 5e9, 3.75])], u32s([0, 0, u32::MAX, 3])),
        ("i32x4.relaxed_trunc_f64x2_s_zero", vec![f64s([f64::NAN, -1e10])], i32s([0, i32::MIN, 0, 0])),
        ("i32x4.relaxed_trunc_f64x2_u_zero", vec![f64s([-1e10, 1e10])], u32s([0, u32::MAX, 0, 0])),
        // Unfused: FLT_MAX * 2 overflows before the add; fma would give FLT_MAX.
        (
            "f32x4.relaxed_madd",
            vec![f32s([f32::MAX, 1.5, 1.0, 2.0]), f32s([2.0, 2.0, 1.0, 3.0]), f32s([-f32::MAX, 1.0, -1.0, 0.5])],
            f32s([f32::INFINITY, 4.0, 0.0, 6.5]),
        ),
        (
            "f32x4.relaxed_nmadd",
            vec![f32s([-f32::MAX, 1.5, 1.0, 2.0]), f32s([2.0, 2.0, 1.0, 3.0]), f32s([-f32::MAX, 1.0, -1.0, 0.5])],
            f32s([f32::INFINITY, -2.0, -2.0, -5.5]),
        ),
        (
            "f64x2.relaxed_madd",
            vec![
                f64s([f64::MAX, 1.0 + 2f64.powi(-30)]),
                f64s([2.0, 1.0 + 2f64.powi(-23)]),
                f64s([-f64::MAX, -(1.0 + 2f64.powi(-23) + 2f64.powi(-30))]),
            ],
            f64s([f64::INFINITY, 0.0]),
        ),
        (
            "f64x2.relaxed_nmadd",
            vec![
                f64s([1.0 + 2f64.powi(-30), 2.0]),
                f64s([-(1.0 + 2f64.powi(-23)), 4.0]),
                f64s([-(1.0 + 2f64.powi(-23) + 2f64.powi(-30)), 1.0]),
            ],
            f64s([0.0, -7.0]),
        ),
        // NaN lanes are the canonical NaN.
        (
            "f32x4.relaxed_madd",
            vec![
                f32s([f32::from_bits(0x7fa0_0001), f32::INFINITY, 1.0, 1.0]),
                f32s([1.0, 0.0, 1.0, 1.0]),
                f32s([0.0; 4]),
            ],
            u32s([0x7fc0_0000, 0x7fc0_0000, 1.0f32.to_bits(), 1.0f32.to_bits()]),
        ),
        // Every bit of the mask selects, as `v128.bitselect`, whatever the lane's top bit.
        ("i8x16.relaxed_laneselect", vec![ones, i8s([0; 16]), mask], mask),
        ("i16x8.relaxed_laneselect", vec![ones, i8s([0; 16]), mask], mask),
        ("i32x4.relaxed_laneselect", vec![ones, i8s([0; 16]), mask], mask),
        ("i64x2.relaxed_laneselect", vec![ones, i8s([0; 16]), mask], mask),
        // -0 is below +0, as `min`/`max`.
        (
            "f32x4.relaxed_min",
            vec![f32s([-0.0, 0.0, 1.0, -3.0]), f32s([0.0, -0.0, 2.0, 4.0])],
            f32s([-0.0, -0.0, 1.0, -3.0]),
        ),
        (
            "f32x4.relaxed_max",
            vec![f32s([-0.0, 0.0, 1.0, -3.0]), f32s([0.0, -0.0, 2.0, 4.0])],
            f32s([0.0, 0.0, 2.0, 4.0]),
        ),
        ("f64x2.relaxed_min", vec![f64s([0.0, -0.0]), f64s([-0.0, 0.0])], f64s([-0.0, -0.0])),
        ("f64x2.relaxed_max", vec![f64s([0.0, -0.0]), f64s([-0.0, 0.0])], f64s([0.0, 0.0])),
        // -32768 * -32768 saturates, as `q15mulr_sat_s`.
        (
            "i16x8.relaxed_q15mulr_s",
            vec![i16s([i16::MIN, 16384, 0, 0, 0, 0, 0, 0]), i16s([i16::MIN, 16384, 0, 0, 0, 0, 0, 0])],
            i16s([i16::MAX, 8192, 0, 0, 0, 0, 0, 0]),
        ),
        // The second operand is signed too, and pair sums saturate.
        (
            "i16x8.relaxed_dot_i8x16_i7x16_s",
            vec![
                i8s([-128, -128, -128, -128, 127, 127, 5, -5, 0, 0, 0, 0, 0, 0, 0, 0]),
                i8s([-127, -127, -128, -128, 127, 127, -3, -3, 0, 0, 0, 0, 0, 0, 0, 0]),
            ],
            i16s([32512, 32767, 32258, 0, 0, 0, 0, 0]),
        ),
        (
            "i32x4.relaxed_dot_i8x16_i7x16_add_s",
            vec![i8s([-128; 16]), i8s([-128; 16]), i32s([1, -1, i32::MAX, 0])],
            i32s([65535, 65533, i32::MAX.wrapping_add(65534), 65534]),
        ),
    ]
}

#[test]
fn relaxed_simd_gives_the_deterministic_profile_on_every_engine() {
    let calls: Vec<(&str, Vec<Value>)> = choices().into_iter().map(|(f, args, _)| (f, args)).collect();
    for config in [
        VmConfig { features: relaxed(), ..VmConfig::default() },
        VmConfig { features: relaxed(), gas_limit: Some(1_000_000), ..VmConfig::default() },
    ] {
        let outcomes = same_on_both(MODULE, &config, &calls);
        for ((func, _, want), got) in choices().into_iter().zip(outcomes) {
            assert_eq!(got, Ok(vec![want]), "{func}");
        }
        // The portable loop too.
        let config = VmConfig { portable_dispatch: true, ..config };
        let mut vm = vm(MODULE.as_bytes(), &life_interp::Engine::Interpreter, &config, &mut NoImports).unwrap();
        for (func, args, want) in choices() {
            assert_eq!(vm.invoke(func, &args).unwrap(), vec![want], "{func} (portable loop)");
        }
    }
}

#[test]
fn relaxed_float_ops_are_canonicalized_in_deterministic_mode() {
    let payload = f32s([f32::from_bits(0xffa0_0001), 1.0, 1.0, 1.0]);
    let twos = f32s([2.0; 4]);
    let calls = [
        ("f32x4.relaxed_min", vec![payload, twos]),
        ("f32x4.relaxed_max", vec![twos, payload]),
        ("f32x4.min", vec![payload, twos]),
    ];
    let config = VmConfig { features: relaxed(), canonicalize_nans: true, ..VmConfig::default() };
    let canonical = u32s([0x7fc0_0000, 1.0f32.to_bits(), 1.0f32.to_bits(), 1.0f32.to_bits()]);
    let two = u32s([0x7fc0_0000, 2.0f32.to_bits(), 2.0f32.to_bits(), 2.0f32.to_bits()]);
    let outcomes = same_on_both(MODULE, &config, &calls);
    assert_eq!(outcomes, [Ok(vec![canonical]), Ok(vec![two]), Ok(vec![canonical])]);
    // Without canonicalization the NaN keeps a payload (not the canonical one).
    let config = VmConfig { features: relaxed(), ..VmConfig::default() };
    let Ok(got) = &same_on_both(MODULE, &config, &calls[..1])[0] else { panic!("relaxed_min traps") };
    let Value::V128(bits) = got[0] else { panic!("{got:?}") };
    assert_ne!(bits as u32, 0x7fc0_0000);
    assert!(f32::from_bits(bits as u32).is_nan());
}

#[test]
fn relaxed_simd_needs_its_flag_and_no_fp_refuses_its_float_ops() {
    let wasm = wat::parse_str(MODULE).unwrap();
    let err = Module::new(&wasm, &VmConfig::default()).unwrap_err();
    assert!(err.to_string().contains("the relaxed-simd proposal is not enabled"), "{err}");
    let no_fp = Features { floats: false, ..relaxed() };
    let err = Module::new(&wasm, &VmConfig { features: no_fp, ..VmConfig::default() }).unwrap_err();
    let refused = "float instruction `i32x4.relaxed_trunc_f32x4_s` is not allowed: floats are disabled";
    assert!(err.to_string().contains(refused), "{err}");
    let madd =
        "(module (func (param v128) (result v128) (f64x2.relaxed_nmadd (local.get 0) (local.get 0) (local.get 0))))";
    let err =
        Module::new(&wat::parse_str(madd).unwrap(), &VmConfig { features: no_fp, ..VmConfig::default() }).unwrap_err();
    assert!(err.to_string().contains("float instruction `f64x2.relaxed_nmadd` is not allowed"), "{err}");
    // The integer relaxed operators need no floats.
    let ints = r#"(module (func (export "f") (param v128 v128 v128) (result v128)
        (i32x4.relaxed_dot_i8x16_i7x16_add_s
            (i8x16.relaxed_swizzle (local.get 0) (local.get 1))
            (i16x8.relaxed_q15mulr_s (local.get 1) (local.get 2))
            (i32x4.relaxed_laneselect (local.get 0) (local.get 1) (local.get 2)))))"#;
    let wasm = wat::parse_str(ints).unwrap();
    for engine in [life_interp::Engine::Interpreter, life_aot::polymerase()] {
        let config = VmConfig { features: no_fp, engine, ..VmConfig::default() };
        let module = Module::new(&wasm, &config).unwrap();
        let mut vm = Vm::from_module(&module, config, &mut NoImports).unwrap();
        let zero = Value::V128(0);
        assert_eq!(vm.invoke("f", &[zero, zero, zero]).unwrap(), vec![zero]);
    }
}

/// Gas is priced on the Wasm operator, so a table prices a relaxed operator on its own even when
/// it runs as a 2.0 op, and both engines charge the same.
#[test]
fn gas_prices_relaxed_operators_by_their_own_names() {
    let mut table = GasTable::new(1);
    table.set("f32x4.relaxed_min", 100).unwrap().set("f32x4.relaxed_madd", 1000).unwrap();
    let config = VmConfig {
        features: relaxed(),
        gas_limit: Some(1_000_000),
        gas_policy: Some(Arc::new(table)),
        ..VmConfig::default()
    };
    let v = Value::V128(0);
    let calls = [("f32x4.min", vec![v, v]), ("f32x4.relaxed_min", vec![v, v]), ("f32x4.relaxed_madd", vec![v, v, v])];
    let mut used = Vec::new();
    for engine in [life_interp::Engine::Interpreter, life_aot::polymerase()] {
        let mut vm = vm(MODULE.as_bytes(), &engine, &config, &mut NoImports).unwrap();
        let mut before = vm.store().gas_used().unwrap();
        let mut costs = Vec::new();
        for (func, args) in &calls {
            vm.invoke(func, args).unwrap();
            let now = vm.store().gas_used().unwrap();
            costs.push(now - before);
            before = now;
        }
        used.push(costs);
    }
    // Two `local.get`s (three for madd), the operator and `end`, at 1 each except the priced ones.
    assert_eq!(used[0], [4, 103, 1004]);
    assert_eq!(used[0], used[1]);
}
