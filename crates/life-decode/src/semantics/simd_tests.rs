//! Unit tests for the SIMD lane semantics. Vectors are built and read with helpers written
//! independently of the module's own lane plumbing, so a lane-order mistake there shows up here.

use super::*;
use crate::semantics as scalar;

// ---------------------------------------------------------------------------------------------
// Helpers: lane 0 is the lowest bits.
// ---------------------------------------------------------------------------------------------

fn u8s(l: [u8; 16]) -> u128 {
    u128::from_le_bytes(l)
}

fn i8s(l: [i8; 16]) -> u128 {
    u8s(l.map(|x| x as u8))
}

fn u16s(l: [u16; 8]) -> u128 {
    l.iter().rev().fold(0, |v, &x| (v << 16) | u128::from(x))
}

fn i16s(l: [i16; 8]) -> u128 {
    u16s(l.map(|x| x as u16))
}

fn u32s(l: [u32; 4]) -> u128 {
    l.iter().rev().fold(0, |v, &x| (v << 32) | u128::from(x))
}

fn i32s(l: [i32; 4]) -> u128 {
    u32s(l.map(|x| x as u32))
}

fn u64s(l: [u64; 2]) -> u128 {
    (u128::from(l[1]) << 64) | u128::from(l[0])
}

fn i64s(l: [i64; 2]) -> u128 {
    u64s(l.map(|x| x as u64))
}

fn f32s(l: [f32; 4]) -> u128 {
    u32s(l.map(f32::to_bits))
}

fn f64s(l: [f64; 2]) -> u128 {
    u64s(l.map(f64::to_bits))
}

fn get_u8s(v: u128) -> [u8; 16] {
    v.to_le_bytes()
}

fn get_i8s(v: u128) -> [i8; 16] {
    get_u8s(v).map(|x| x as i8)
}

fn get_u16s(v: u128) -> [u16; 8] {
    core::array::from_fn(|i| (v >> (16 * i)) as u16)
}

fn get_i16s(v: u128) -> [i16; 8] {
    get_u16s(v).map(|x| x as i16)
}

fn get_u32s(v: u128) -> [u32; 4] {
    core::array::from_fn(|i| (v >> (32 * i)) as u32)
}

fn get_i32s(v: u128) -> [i32; 4] {
    get_u32s(v).map(|x| x as i32)
}

fn get_u64s(v: u128) -> [u64; 2] {
    [v as u64, (v >> 64) as u64]
}

fn get_i64s(v: u128) -> [i64; 2] {
    get_u64s(v).map(|x| x as i64)
}

fn get_f32s(v: u128) -> [f32; 4] {
    get_u32s(v).map(f32::from_bits)
}

fn get_f64s(v: u128) -> [f64; 2] {
    get_u64s(v).map(f64::from_bits)
}

/// Deterministic xorshift64* stream, so the lane-vs-scalar sweeps are reproducible.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn v128(&mut self) -> u128 {
        (u128::from(self.next()) << 64) | u128::from(self.next())
    }
}

/// Interesting `f32` bit patterns: zeros, infinities, NaNs (quiet, signalling, negative),
/// subnormals, halves, integer limits.
const F32_SPECIALS: [u32; 20] = [
    0x0000_0000, // +0
    0x8000_0000, // -0
    0x7F80_0000, // +inf
    0xFF80_0000, // -inf
    0x7FC0_0000, // canonical NaN
    0xFFC0_0000, // negative canonical NaN
    0x7F80_0001, // signalling NaN
    0x7FA0_1234, // signalling NaN with payload
    0x0000_0001, // smallest subnormal
    0x3F00_0000, // 0.5
    0xBF00_0000, // -0.5
    0x3FC0_0000, // 1.5
    0x4020_0000, // 2.5
    0xC020_0000, // -2.5
    0x4F00_0000, // 2^31
    0xCF00_0000, // -2^31
    0x4F80_0000, // 2^32
    0x7F7F_FFFF, // f32::MAX
    0x4B80_0001, // 16777218 (2^24 + 2)
    0x3F80_0000, // 1.0
];

/// Interesting `f64` bit patterns, as [`F32_SPECIALS`].
const F64_SPECIALS: [u64; 18] = [
    0x0000_0000_0000_0000,
    0x8000_0000_0000_0000,
    0x7FF0_0000_0000_0000,
    0xFFF0_0000_0000_0000,
    0x7FF8_0000_0000_0000,
    0xFFF8_0000_0000_0000,
    0x7FF0_0000_0000_0001,
    0x7FF4_0000_0000_1234,
    0x0000_0000_0000_0001,
    0x3FE0_0000_0000_0000, // 0.5
    0xBFE0_0000_0000_0000, // -0.5
    0x4004_0000_0000_0000, // 2.5
    0x41E0_0000_0000_0000, // 2^31
    0xC1E0_0000_0000_0000, // -2^31
    0x41F0_0000_0000_0000, // 2^32
    0x7FEF_FFFF_FFFF_FFFF, // f64::MAX
    0x47EF_FFFF_E000_0000, // f32::MAX as f64
    0x3FF0_0000_0000_0001, // 1 + ulp: demotes to 1.0
];

/// Same value, treating any two NaNs as equal (Wasm lets NaN results vary in payload and sign).
fn same_f32(x: f32, y: f32) -> bool {
    (x.is_nan() && y.is_nan()) || x.to_bits() == y.to_bits()
}

fn same_f64(x: f64, y: f64) -> bool {
    (x.is_nan() && y.is_nan()) || x.to_bits() == y.to_bits()
}

/// Random vectors with special values mixed into some lanes.
fn f32_vectors() -> Vec<u128> {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut out = Vec::new();
    for (i, &s) in F32_SPECIALS.iter().enumerate() {
        for &t in &F32_SPECIALS[i..] {
            out.push(u32s([s, t, rng.next() as u32, s]));
            out.push(u32s([t, rng.next() as u32, s, t]));
        }
    }
    out.extend((0..200).map(|_| rng.v128()));
    out
}

fn f64_vectors() -> Vec<u128> {
    let mut rng = Rng(0x0123_4567_89AB_CDEF);
    let mut out = Vec::new();
    for &s in &F64_SPECIALS {
        for &t in &F64_SPECIALS {
            out.push(u64s([s, t]));
        }
        out.push(u64s([s, rng.next()]));
    }
    out.extend((0..200).map(|_| rng.v128()));
    out
}

// ---------------------------------------------------------------------------------------------
// Lane order, splat, extract, replace
// ---------------------------------------------------------------------------------------------

#[test]
fn lane_zero_is_the_lowest_bits() {
    let v: u128 = 0x0F0E_0D0C_0B0A_0908_0706_0504_0302_0100;
    for i in 0..16 {
        assert_eq!(i8x16_extract_lane_u(v, i), i32::from(i));
    }
    assert_eq!(i16x8_extract_lane_u(v, 0), 0x0100);
    assert_eq!(i16x8_extract_lane_u(v, 7), 0x0F0E);
    assert_eq!(i32x4_extract_lane(v, 0), 0x0302_0100);
    assert_eq!(i32x4_extract_lane(v, 3), 0x0F0E_0D0C);
    assert_eq!(i64x2_extract_lane(v, 0), 0x0706_0504_0302_0100);
    assert_eq!(i64x2_extract_lane(v, 1), 0x0F0E_0D0C_0B0A_0908);
    assert_eq!(f32x4_extract_lane(v, 1), 0x0706_0504);
    assert_eq!(f64x2_extract_lane(v, 1), 0x0F0E_0D0C_0B0A_0908);
    // Replacing lane 0 touches only the lowest bits.
    assert_eq!(i8x16_replace_lane(0, 0, 0xAB), 0xAB);
    assert_eq!(i32x4_replace_lane(0, 0, -1), 0xFFFF_FFFF);
    // The test helpers agree with the layout.
    assert_eq!(i32s([1, 2, 3, 4]), 0x0000_0004_0000_0003_0000_0002_0000_0001);
    assert_eq!(i16x8_add(u16s([1, 0, 0, 0, 0, 0, 0, 0]), 0), 1);
}

#[test]
fn splat_fills_every_lane_with_the_low_bits() {
    assert_eq!(i8x16_splat(0x1AB), u8s([0xAB; 16]));
    assert_eq!(i8x16_splat(-1), u128::MAX);
    assert_eq!(i16x8_splat(0x1_8001), u16s([0x8001; 8]));
    assert_eq!(i32x4_splat(-2), i32s([-2; 4]));
    assert_eq!(i64x2_splat(i64::MIN + 5), i64s([i64::MIN + 5; 2]));
    assert_eq!(f32x4_splat(0x7FA0_0001), u32s([0x7FA0_0001; 4]));
    assert_eq!(f64x2_splat((-0.0f64).to_bits()), f64s([-0.0; 2]));
    assert_eq!(i8x16_splat(0), 0);
}

#[test]
fn extract_lane_extends_by_signedness() {
    let v = i8s([0, -1, 2, -128, 127, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -3]);
    assert_eq!(i8x16_extract_lane_s(v, 1), -1);
    assert_eq!(i8x16_extract_lane_u(v, 1), 255);
    assert_eq!(i8x16_extract_lane_s(v, 3), -128);
    assert_eq!(i8x16_extract_lane_u(v, 3), 128);
    assert_eq!(i8x16_extract_lane_s(v, 4), 127);
    assert_eq!(i8x16_extract_lane_s(v, 15), -3);
    let w = i16s([0, -32768, 32767, -1, 0, 0, 0, 5]);
    assert_eq!(i16x8_extract_lane_s(w, 1), -32768);
    assert_eq!(i16x8_extract_lane_u(w, 1), 32768);
    assert_eq!(i16x8_extract_lane_s(w, 3), -1);
    assert_eq!(i16x8_extract_lane_u(w, 3), 65535);
    assert_eq!(i16x8_extract_lane_s(w, 7), 5);
    assert_eq!(i32x4_extract_lane(i32s([0, 0, i32::MIN, 0]), 2), i32::MIN);
    assert_eq!(i64x2_extract_lane(i64s([0, -7]), 1), -7);
    assert_eq!(f32x4_extract_lane(f32s([0.0, 0.0, 0.0, -1.5]), 3), (-1.5f32).to_bits());
    assert_eq!(f64x2_extract_lane(f64s([2.25, 0.0]), 0), 2.25f64.to_bits());
}

#[test]
fn replace_lane_changes_exactly_one_lane() {
    let ones = u128::MAX;
    assert_eq!(
        i8x16_replace_lane(ones, 5, 0x100),
        u8s([255, 255, 255, 255, 255, 0, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255])
    );
    assert_eq!(i8x16_replace_lane(0, 15, -1), 0xFF << 120);
    assert_eq!(
        i16x8_replace_lane(ones, 2, 0x1_2345),
        u16s([0xFFFF, 0xFFFF, 0x2345, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF])
    );
    assert_eq!(i32x4_replace_lane(i32s([1, 2, 3, 4]), 3, -9), i32s([1, 2, 3, -9]));
    assert_eq!(i64x2_replace_lane(i64s([1, 2]), 1, i64::MIN), i64s([1, i64::MIN]));
    assert_eq!(i64x2_replace_lane(i64s([1, 2]), 0, -1), i64s([-1, 2]));
    assert_eq!(f32x4_replace_lane(0, 1, 0x7FC0_0001), u32s([0, 0x7FC0_0001, 0, 0]));
    assert_eq!(f64x2_replace_lane(ones, 0, 0), u64s([0, u64::MAX]));
}

#[test]
fn load_helpers_extend_or_zero_fill() {
    let bytes = u64::from_le_bytes([0x80, 0x7F, 0xFF, 0x01, 0x00, 0xFE, 0x12, 0x81]);
    assert_eq!(v128_load8x8_s(bytes), i16s([-128, 127, -1, 1, 0, -2, 0x12, -127]));
    assert_eq!(v128_load8x8_u(bytes), u16s([0x80, 0x7F, 0xFF, 0x01, 0x00, 0xFE, 0x12, 0x81]));
    assert_eq!(v128_load16x4_s(bytes), i32s([0x7F80, 0x01FF, -512, -32494]));
    assert_eq!(v128_load16x4_u(bytes), u32s([0x7F80, 0x01FF, 0xFE00, 0x8112]));
    assert_eq!(v128_load32x2_s(bytes), i64s([0x01FF_7F80, 0x8112_FE00_u32 as i32 as i64]));
    assert_eq!(v128_load32x2_u(bytes), u64s([0x01FF_7F80, 0x8112_FE00]));
    assert_eq!(v128_load32_zero(0xDEAD_BEEF), u32s([0xDEAD_BEEF, 0, 0, 0]));
    assert_eq!(v128_load64_zero(u64::MAX), u64s([u64::MAX, 0]));
}

// ---------------------------------------------------------------------------------------------
// Shuffle and swizzle
// ---------------------------------------------------------------------------------------------

#[test]
fn shuffle_picks_from_the_concatenation_of_a_and_b() {
    let a = u8s(core::array::from_fn(|i| i as u8)); // bytes 0..16
    let b = u8s(core::array::from_fn(|i| 0x10 + i as u8)); // bytes 16..32
    let identity: [u8; 16] = core::array::from_fn(|i| i as u8);
    assert_eq!(i8x16_shuffle(a, b, identity), a);
    let from_b: [u8; 16] = core::array::from_fn(|i| 16 + i as u8);
    assert_eq!(i8x16_shuffle(a, b, from_b), b);
    let mixed = [31, 0, 16, 15, 17, 1, 30, 14, 0, 0, 0, 0, 20, 20, 5, 25];
    assert_eq!(
        i8x16_shuffle(a, b, mixed),
        u8s([0x1F, 0, 0x10, 15, 0x11, 1, 0x1E, 14, 0, 0, 0, 0, 0x14, 0x14, 5, 0x19])
    );
    // Distinct operand values, so taking a byte from the wrong vector would show.
    assert_eq!(i8x16_shuffle(0, u128::MAX, [16; 16]), u128::MAX);
    assert_eq!(i8x16_shuffle(0, u128::MAX, [15; 16]), 0);
}

#[test]
fn swizzle_gives_zero_for_out_of_range_indices() {
    let a = u8s(core::array::from_fn(|i| 0xA0 + i as u8));
    let s = u8s([0, 15, 16, 255, 3, 0x80, 17, 1, 14, 32, 2, 0x7F, 15, 0, 200, 8]);
    assert_eq!(i8x16_swizzle(a, s), u8s([0xA0, 0xAF, 0, 0, 0xA3, 0, 0, 0xA1, 0xAE, 0, 0xA2, 0, 0xAF, 0xA0, 0, 0xA8]));
    let reverse = u8s(core::array::from_fn(|i| 15 - i as u8));
    assert_eq!(i8x16_swizzle(a, reverse), u8s(core::array::from_fn(|i| 0xAF - i as u8)));
}

// ---------------------------------------------------------------------------------------------
// Comparisons
// ---------------------------------------------------------------------------------------------

#[test]
fn integer_comparisons_give_all_ones_lanes_and_respect_signedness() {
    // Lane 0: 0x80 vs 0x01 (signed -128 < 1, unsigned 128 > 1); lane 1: equal; others 0 vs 0.
    let a = u8s([0x80, 7, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    let b = u8s([0x01, 7, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    let rest = u128::MAX << 16;
    assert_eq!(i8x16_eq(a, b), 0xFF00 | rest);
    assert_eq!(i8x16_ne(a, b), 0x00FF);
    assert_eq!(i8x16_lt_s(a, b), 0x00FF);
    assert_eq!(i8x16_lt_u(a, b), 0);
    assert_eq!(i8x16_gt_s(a, b), 0);
    assert_eq!(i8x16_gt_u(a, b), 0x00FF);
    assert_eq!(i8x16_le_s(a, b), u128::MAX);
    assert_eq!(i8x16_le_u(a, b), 0xFF00 | rest);
    assert_eq!(i8x16_ge_s(a, b), 0xFF00 | rest);
    assert_eq!(i8x16_ge_u(a, b), u128::MAX);

    let a = i16s([-1, 5, 0, 0, 0, 0, 0, 0]);
    let b = i16s([1, 5, 0, 0, 0, 0, 0, 0]);
    let rest = u128::MAX << 32;
    assert_eq!(i16x8_eq(a, b), 0xFFFF_0000 | rest);
    assert_eq!(i16x8_ne(a, b), 0xFFFF);
    assert_eq!(i16x8_lt_s(a, b), 0xFFFF);
    assert_eq!(i16x8_lt_u(a, b), 0);
    assert_eq!(i16x8_gt_s(a, b), 0);
    assert_eq!(i16x8_gt_u(a, b), 0xFFFF);
    assert_eq!(i16x8_le_s(a, b), u128::MAX);
    assert_eq!(i16x8_le_u(a, b), 0xFFFF_0000 | rest);
    assert_eq!(i16x8_ge_s(a, b), 0xFFFF_0000 | rest);
    assert_eq!(i16x8_ge_u(a, b), u128::MAX);

    let a = i32s([i32::MIN, 3, 9, -4]);
    let b = i32s([i32::MAX, 3, 8, -3]);
    assert_eq!(i32x4_eq(a, b), i32s([0, -1, 0, 0]));
    assert_eq!(i32x4_ne(a, b), i32s([-1, 0, -1, -1]));
    assert_eq!(i32x4_lt_s(a, b), i32s([-1, 0, 0, -1]));
    assert_eq!(i32x4_lt_u(a, b), i32s([0, 0, 0, -1]));
    assert_eq!(i32x4_gt_s(a, b), i32s([0, 0, -1, 0]));
    assert_eq!(i32x4_gt_u(a, b), i32s([-1, 0, -1, 0]));
    assert_eq!(i32x4_le_s(a, b), i32s([-1, -1, 0, -1]));
    assert_eq!(i32x4_le_u(a, b), i32s([0, -1, 0, -1]));
    assert_eq!(i32x4_ge_s(a, b), i32s([0, -1, -1, 0]));
    assert_eq!(i32x4_ge_u(a, b), i32s([-1, -1, -1, 0]));

    let a = i64s([i64::MIN, 2]);
    let b = i64s([1, 2]);
    assert_eq!(i64x2_eq(a, b), i64s([0, -1]));
    assert_eq!(i64x2_ne(a, b), i64s([-1, 0]));
    assert_eq!(i64x2_lt_s(a, b), i64s([-1, 0]));
    assert_eq!(i64x2_gt_s(a, b), i64s([0, 0]));
    assert_eq!(i64x2_le_s(a, b), i64s([-1, -1]));
    assert_eq!(i64x2_ge_s(a, b), i64s([0, -1]));
    assert_eq!(i64x2_gt_s(b, a), i64s([-1, 0]));
}

#[test]
fn float_comparisons_follow_ieee() {
    let nan = f32::NAN;
    let a = f32s([nan, -0.0, 1.0, f32::NEG_INFINITY]);
    let b = f32s([nan, 0.0, 2.0, f32::NEG_INFINITY]);
    assert_eq!(f32x4_eq(a, b), i32s([0, -1, 0, -1]));
    assert_eq!(f32x4_ne(a, b), i32s([-1, 0, -1, 0]));
    assert_eq!(f32x4_lt(a, b), i32s([0, 0, -1, 0]));
    assert_eq!(f32x4_gt(a, b), i32s([0, 0, 0, 0]));
    assert_eq!(f32x4_le(a, b), i32s([0, -1, -1, -1]));
    assert_eq!(f32x4_ge(a, b), i32s([0, -1, 0, -1]));
    assert_eq!(f32x4_gt(b, a), i32s([0, 0, -1, 0]));
    // Only the bits decide: the all-ones pattern of a true i32 lane is itself a NaN.
    assert_eq!(f32x4_eq(u128::MAX, u128::MAX), 0);

    let a = f64s([f64::NAN, -0.0]);
    let b = f64s([1.0, 0.0]);
    assert_eq!(f64x2_eq(a, b), i64s([0, -1]));
    assert_eq!(f64x2_ne(a, b), i64s([-1, 0]));
    assert_eq!(f64x2_lt(a, b), i64s([0, 0]));
    assert_eq!(f64x2_gt(a, b), i64s([0, 0]));
    assert_eq!(f64x2_le(a, b), i64s([0, -1]));
    assert_eq!(f64x2_ge(a, b), i64s([0, -1]));
    assert_eq!(f64x2_lt(f64s([1.0, 3.0]), f64s([2.0, 3.0])), i64s([-1, 0]));
    assert_eq!(f64x2_gt(f64s([1.0, 4.0]), f64s([2.0, 3.0])), i64s([0, -1]));
}

// ---------------------------------------------------------------------------------------------
// Bitwise operations and reductions
// ---------------------------------------------------------------------------------------------

#[test]
fn bitwise_operations() {
    let a: u128 = 0xFF00_FF00_1234_5678_9ABC_DEF0_0F0F_F0F0;
    let b: u128 = 0x0FF0_0FF0_FFFF_0000_1111_2222_3333_4444;
    assert_eq!(v128_not(a), !a);
    assert_eq!(v128_and(a, b), a & b);
    assert_eq!(v128_andnot(a, b), a & !b);
    assert_eq!(v128_andnot(u128::MAX, b), !b);
    assert_eq!(v128_or(a, b), a | b);
    assert_eq!(v128_xor(a, b), a ^ b);
    assert_eq!(v128_bitselect(u128::MAX, 0, 0xF0F0), 0xF0F0);
    assert_eq!(v128_bitselect(0, u128::MAX, 0xF0F0), !0xF0F0);
    assert_eq!(v128_bitselect(a, b, 0), b);
    assert_eq!(v128_bitselect(a, b, u128::MAX), a);
}

#[test]
fn any_true_and_all_true() {
    assert_eq!(v128_any_true(0), 0);
    assert_eq!(v128_any_true(1 << 127), 1);
    assert_eq!(v128_any_true(1), 1);

    assert_eq!(i8x16_all_true(u8s([1; 16])), 1);
    assert_eq!(i8x16_all_true(u8s([1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0])), 0);
    assert_eq!(i8x16_all_true(u8s([0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1])), 0);
    // Non-zero overall but one zero byte: all_true must look at each lane separately.
    assert_eq!(i8x16_all_true(u16s([0x0100; 8])), 0);
    assert_eq!(i16x8_all_true(u16s([0x0100; 8])), 1);
    assert_eq!(i16x8_all_true(u16s([1, 1, 1, 0, 1, 1, 1, 1])), 0);
    assert_eq!(i32x4_all_true(u32s([0x8000_0000, 1, 0x10000, 0x100])), 1);
    assert_eq!(i32x4_all_true(u32s([1, 1, 1, 0])), 0);
    assert_eq!(i32x4_all_true(u64s([1, 1])), 0);
    assert_eq!(i64x2_all_true(u64s([1 << 63, 1 << 32])), 1);
    assert_eq!(i64x2_all_true(u64s([1, 0])), 0);
    assert_eq!(i64x2_all_true(0), 0);
}

#[test]
fn bitmask_collects_sign_bits_lane_0_in_bit_0() {
    assert_eq!(i8x16_bitmask(i8s([-1, 0, 0, -128, 127, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -2])), 0b1000_0000_0000_1001);
    assert_eq!(i8x16_bitmask(u128::MAX), 0xFFFF);
    assert_eq!(i8x16_bitmask(0x7F7F_7F7F_7F7F_7F7F_7F7F_7F7F_7F7F_7F7F), 0);
    assert_eq!(i16x8_bitmask(i16s([0, -1, 0, 0, 0, 0, 0, -32768])), 0b1000_0010);
    assert_eq!(i16x8_bitmask(u128::MAX), 0xFF);
    assert_eq!(i32x4_bitmask(i32s([-1, 0, i32::MIN, i32::MAX])), 0b0101);
    assert_eq!(i32x4_bitmask(u128::MAX), 0xF);
    assert_eq!(i64x2_bitmask(i64s([0, -1])), 0b10);
    assert_eq!(i64x2_bitmask(i64s([i64::MIN, i64::MAX])), 0b01);
}

// ---------------------------------------------------------------------------------------------
// Integer unary operations and shifts
// ---------------------------------------------------------------------------------------------

#[test]
fn abs_neg_popcnt() {
    let v = i8s([0, 1, -1, 127, -127, -128, 5, -5, 0, 0, 0, 0, 0, 0, 0, 0]);
    assert_eq!(i8x16_abs(v), i8s([0, 1, 1, 127, 127, -128, 5, 5, 0, 0, 0, 0, 0, 0, 0, 0]));
    assert_eq!(i8x16_neg(v), i8s([0, -1, 1, -127, 127, -128, -5, 5, 0, 0, 0, 0, 0, 0, 0, 0]));
    assert_eq!(
        i8x16_popcnt(u8s([0, 1, 3, 0xFF, 0x80, 0x55, 0x0F, 7, 0, 0, 0, 0, 0, 0, 0, 0xFE])),
        u8s([0, 1, 2, 8, 1, 4, 4, 3, 0, 0, 0, 0, 0, 0, 0, 7])
    );

    let v = i16s([i16::MIN, -1, 1, i16::MAX, 0, -300, 300, 2]);
    assert_eq!(i16x8_abs(v), i16s([i16::MIN, 1, 1, i16::MAX, 0, 300, 300, 2]));
    assert_eq!(i16x8_neg(v), i16s([i16::MIN, 1, -1, -i16::MAX, 0, 300, -300, -2]));
    let v = i32s([i32::MIN, -1, 7, i32::MAX]);
    assert_eq!(i32x4_abs(v), i32s([i32::MIN, 1, 7, i32::MAX]));
    assert_eq!(i32x4_neg(v), i32s([i32::MIN, 1, -7, -i32::MAX]));
    let v = i64s([i64::MIN, -9]);
    assert_eq!(i64x2_abs(v), i64s([i64::MIN, 9]));
    assert_eq!(i64x2_neg(v), i64s([i64::MIN, 9]));
    assert_eq!(i64x2_abs(i64s([3, i64::MAX])), i64s([3, i64::MAX]));
    assert_eq!(i64x2_neg(i64s([3, 0])), i64s([-3, 0]));
}

#[test]
fn shifts_take_the_count_modulo_the_lane_width() {
    let v = i8s([1, -128, 64, -1, 0x11, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3]);
    assert_eq!(i8x16_shl(v, 1), i8s([2, 0, -128, -2, 0x22, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 6]));
    assert_eq!(i8x16_shl(v, 9), i8x16_shl(v, 1));
    assert_eq!(i8x16_shl(v, 8), v);
    assert_eq!(i8x16_shr_s(v, 1), i8s([0, -64, 32, -1, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]));
    assert_eq!(i8x16_shr_u(v, 1), i8s([0, 64, 32, 127, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]));
    assert_eq!(i8x16_shr_s(v, 7), i8s([0, -1, 0, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]));
    assert_eq!(i8x16_shr_u(v, 15), i8x16_shr_u(v, 7));
    assert_eq!(i8x16_shr_u(v, u32::MAX), i8x16_shr_u(v, 7));
    // Bits must not cross lane boundaries.
    assert_eq!(i8x16_shl(u128::MAX, 4), u8s([0xF0; 16]));
    assert_eq!(i8x16_shr_u(u128::MAX, 4), u8s([0x0F; 16]));

    let v = i16s([1, i16::MIN, -2, 0x4000, 0, 0, 0, -1]);
    assert_eq!(i16x8_shl(v, 1), i16s([2, 0, -4, i16::MIN, 0, 0, 0, -2]));
    assert_eq!(i16x8_shl(v, 17), i16x8_shl(v, 1));
    assert_eq!(i16x8_shl(v, 16), v);
    assert_eq!(i16x8_shr_s(v, 15), i16s([0, -1, -1, 0, 0, 0, 0, -1]));
    assert_eq!(i16x8_shr_u(v, 15), i16s([0, 1, 1, 0, 0, 0, 0, 1]));
    assert_eq!(i16x8_shr_s(v, 31), i16x8_shr_s(v, 15));
    assert_eq!(i16x8_shr_u(v, 16), v);

    let v = i32s([1, i32::MIN, -16, 0x4000_0000]);
    assert_eq!(i32x4_shl(v, 1), i32s([2, 0, -32, i32::MIN]));
    assert_eq!(i32x4_shl(v, 33), i32x4_shl(v, 1));
    assert_eq!(i32x4_shl(v, 32), v);
    assert_eq!(i32x4_shr_s(v, 4), i32s([0, -0x0800_0000, -1, 0x0400_0000]));
    assert_eq!(i32x4_shr_u(v, 4), i32s([0, 0x0800_0000, 0x0FFF_FFFF, 0x0400_0000]));
    assert_eq!(i32x4_shr_u(v, 36), i32x4_shr_u(v, 4));
    assert_eq!(i32x4_shr_s(v, 32), v);

    let v = i64s([1, i64::MIN]);
    assert_eq!(i64x2_shl(v, 63), i64s([i64::MIN, 0]));
    assert_eq!(i64x2_shl(v, 64), v);
    assert_eq!(i64x2_shl(v, 65), i64s([2, 0]));
    assert_eq!(i64x2_shr_s(v, 63), i64s([0, -1]));
    assert_eq!(i64x2_shr_u(v, 63), i64s([0, 1]));
    assert_eq!(i64x2_shr_s(v, 64), v);
    assert_eq!(i64x2_shr_u(v, 127), i64x2_shr_u(v, 63));
}

// ---------------------------------------------------------------------------------------------
// Integer arithmetic
// ---------------------------------------------------------------------------------------------

#[test]
fn wrapping_add_sub_mul() {
    let a = i8s([127, -128, 1, -1, 100, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 50]);
    let b = i8s([1, -1, 1, 1, 100, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 60]);
    assert_eq!(i8x16_add(a, b), i8s([-128, 127, 2, 0, -56, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 110]));
    assert_eq!(i8x16_sub(a, b), i8s([126, -127, 0, -2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -10]));
    // A carry out of a lane must not leak into the next one.
    assert_eq!(i8x16_add(u128::MAX, u8s([1; 16])), 0);
    assert_eq!(i16x8_add(u128::MAX, u16s([1; 8])), 0);
    assert_eq!(i32x4_add(u128::MAX, u32s([1; 4])), 0);
    assert_eq!(i64x2_add(u128::MAX, u64s([1; 2])), 0);
    assert_eq!(i8x16_sub(0, u8s([1; 16])), u128::MAX);

    assert_eq!(
        i16x8_add(i16s([i16::MAX, 1, 0, 0, 0, 0, 0, 0]), i16s([1, 2, 0, 0, 0, 0, 0, 0])),
        i16s([i16::MIN, 3, 0, 0, 0, 0, 0, 0])
    );
    assert_eq!(
        i16x8_sub(i16s([i16::MIN, 1, 0, 0, 0, 0, 0, 0]), i16s([1, 2, 0, 0, 0, 0, 0, 0])),
        i16s([i16::MAX, -1, 0, 0, 0, 0, 0, 0])
    );
    assert_eq!(
        i16x8_mul(i16s([300, -2, 0x100, 7, 0, 0, 0, -1]), i16s([300, 3, 0x100, 7, 0, 0, 0, -1])),
        i16s([0x5F90, -6, 0, 49, 0, 0, 0, 1])
    );
    assert_eq!(i32x4_add(i32s([i32::MAX, 1, -1, 0]), i32s([1, 1, -1, 0])), i32s([i32::MIN, 2, -2, 0]));
    assert_eq!(i32x4_sub(i32s([i32::MIN, 1, -1, 0]), i32s([1, 1, -1, 5])), i32s([i32::MAX, 0, 0, -5]));
    assert_eq!(i32x4_mul(i32s([0x10000, -3, i32::MAX, 6]), i32s([0x10000, 5, 2, 7])), i32s([0, -15, -2, 42]));
    assert_eq!(i64x2_add(i64s([i64::MAX, 5]), i64s([1, -6])), i64s([i64::MIN, -1]));
    assert_eq!(i64x2_sub(i64s([i64::MIN, 5]), i64s([1, -6])), i64s([i64::MAX, 11]));
    assert_eq!(i64x2_mul(i64s([1 << 32, -3]), i64s([1 << 32, 1 << 40])), i64s([0, -3 << 40]));
}

#[test]
fn saturating_add_sub_boundaries() {
    let a = i8s([127, -128, 100, -100, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    let b = i8s([1, -1, 27, -28, 0, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    assert_eq!(i8x16_add_sat_s(a, b), i8s([127, -128, 127, -128, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]));
    assert_eq!(i8x16_sub_sat_s(a, b), i8s([126, -127, 73, -72, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]));
    assert_eq!(i8x16_sub_sat_s(i8s([-128; 16]), i8s([1; 16])), i8s([-128; 16]));
    assert_eq!(i8x16_sub_sat_s(i8s([127; 16]), i8s([-1; 16])), i8s([127; 16]));
    let a = u8s([255, 0, 200, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    let b = u8s([1, 1, 100, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    assert_eq!(i8x16_add_sat_u(a, b), u8s([255, 1, 255, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]));
    assert_eq!(i8x16_sub_sat_u(a, b), u8s([254, 0, 100, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]));

    let a = i16s([i16::MAX, i16::MIN, 30000, -30000, 5, 0, 0, 0]);
    let b = i16s([1, -1, 30000, 30000, -6, 0, 0, 0]);
    assert_eq!(i16x8_add_sat_s(a, b), i16s([i16::MAX, i16::MIN, i16::MAX, 0, -1, 0, 0, 0]));
    assert_eq!(i16x8_sub_sat_s(a, b), i16s([32766, -32767, 0, i16::MIN, 11, 0, 0, 0]));
    let a = u16s([65535, 0, 40000, 3, 0, 0, 0, 0]);
    let b = u16s([1, 1, 40000, 2, 0, 0, 0, 0]);
    assert_eq!(i16x8_add_sat_u(a, b), u16s([65535, 1, 65535, 5, 0, 0, 0, 0]));
    assert_eq!(i16x8_sub_sat_u(a, b), u16s([65534, 0, 0, 1, 0, 0, 0, 0]));
}

#[test]
fn min_max_respect_signedness() {
    let a = i8s([-1, 5, -128, 127, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    let b = i8s([1, 5, 127, -128, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    assert_eq!(i8x16_min_s(a, b), i8s([-1, 5, -128, -128, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]));
    assert_eq!(i8x16_max_s(a, b), i8s([1, 5, 127, 127, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]));
    assert_eq!(i8x16_min_u(a, b), i8s([1, 5, 127, 127, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]));
    assert_eq!(i8x16_max_u(a, b), i8s([-1, 5, -128, -128, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]));
    let a = i16s([-1, 5, i16::MIN, 0, 0, 0, 0, 9]);
    let b = i16s([1, 5, i16::MAX, 0, 0, 0, 0, -9]);
    assert_eq!(i16x8_min_s(a, b), i16s([-1, 5, i16::MIN, 0, 0, 0, 0, -9]));
    assert_eq!(i16x8_max_s(a, b), i16s([1, 5, i16::MAX, 0, 0, 0, 0, 9]));
    assert_eq!(i16x8_min_u(a, b), i16s([1, 5, i16::MAX, 0, 0, 0, 0, 9]));
    assert_eq!(i16x8_max_u(a, b), i16s([-1, 5, i16::MIN, 0, 0, 0, 0, -9]));
    let a = i32s([-1, 5, i32::MIN, 7]);
    let b = i32s([1, 5, i32::MAX, -7]);
    assert_eq!(i32x4_min_s(a, b), i32s([-1, 5, i32::MIN, -7]));
    assert_eq!(i32x4_max_s(a, b), i32s([1, 5, i32::MAX, 7]));
    assert_eq!(i32x4_min_u(a, b), i32s([1, 5, i32::MAX, 7]));
    assert_eq!(i32x4_max_u(a, b), i32s([-1, 5, i32::MIN, -7]));
}

#[test]
fn avgr_u_rounds_up_without_overflow() {
    let a = u8s([255, 0, 0, 1, 2, 254, 100, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    let b = u8s([255, 1, 0, 2, 2, 255, 51, 0, 0, 0, 0, 0, 0, 0, 0, 255]);
    assert_eq!(i8x16_avgr_u(a, b), u8s([255, 1, 0, 2, 2, 255, 76, 0, 0, 0, 0, 0, 0, 0, 0, 128]));
    let a = u16s([65535, 0, 1, 65534, 0, 0, 0, 1000]);
    let b = u16s([65535, 1, 2, 65535, 0, 0, 0, 65535]);
    assert_eq!(i16x8_avgr_u(a, b), u16s([65535, 1, 2, 65535, 0, 0, 0, 33268]));
}

#[test]
fn q15mulr_sat_s_rounds_and_saturates() {
    let a = i16s([i16::MIN, 16384, i16::MIN, 1, -1, 0x4000, i16::MAX, -16384]);
    let b = i16s([i16::MIN, 16384, i16::MAX, 16384, 16384, -1, i16::MAX, 1]);
    // (a * b + 0x4000) >> 15, floor shift:
    //   -32768 * -32768 -> 32768 saturates to 32767; 16384^2 -> 8192;
    //   -32768 * 32767 -> -32767; 1 * 16384 -> (16384 + 16384) >> 15 = 1;
    //   -1 * 16384 -> 0; 16384 * -1 -> 0; 32767^2 -> 32766; -16384 * 1 -> 0.
    assert_eq!(i16x8_q15mulr_sat_s(a, b), i16s([32767, 8192, -32767, 1, 0, 0, 32766, 0]));
    assert_eq!(i16x8_q15mulr_sat_s(i16s([-3; 8]), i16s([16384; 8])), i16s([-1; 8]));
}

#[test]
fn narrow_saturates_signed_input() {
    let a = i16s([300, -300, 127, -128, 128, -129, 0, -1]);
    let b = i16s([1, 2, 3, 255, 256, i16::MAX, i16::MIN, 4]);
    assert_eq!(
        i8x16_narrow_i16x8_s(a, b),
        i8s([127, -128, 127, -128, 127, -128, 0, -1, 1, 2, 3, 127, 127, 127, -128, 4])
    );
    assert_eq!(i8x16_narrow_i16x8_u(a, b), u8s([255, 0, 127, 0, 128, 0, 0, 0, 1, 2, 3, 255, 255, 255, 0, 4]));

    let a = i32s([70000, -70000, 32767, -32768]);
    let b = i32s([65535, 65536, -1, 12345]);
    assert_eq!(i16x8_narrow_i32x4_s(a, b), i16s([32767, -32768, 32767, -32768, 32767, 32767, -1, 12345]));
    assert_eq!(i16x8_narrow_i32x4_u(a, b), u16s([65535, 0, 32767, 0, 65535, 65535, 0, 12345]));
}

#[test]
fn extend_low_and_high() {
    let v = i8s([-1, 2, -128, 127, 0, 1, -2, 3, 10, -10, 20, -20, 30, -30, 127, -128]);
    assert_eq!(i16x8_extend_low_i8x16_s(v), i16s([-1, 2, -128, 127, 0, 1, -2, 3]));
    assert_eq!(i16x8_extend_high_i8x16_s(v), i16s([10, -10, 20, -20, 30, -30, 127, -128]));
    assert_eq!(i16x8_extend_low_i8x16_u(v), i16s([255, 2, 128, 127, 0, 1, 254, 3]));
    assert_eq!(i16x8_extend_high_i8x16_u(v), i16s([10, 246, 20, 236, 30, 226, 127, 128]));

    let v = i16s([-1, 2, i16::MIN, i16::MAX, 5, -5, 6, -6]);
    assert_eq!(i32x4_extend_low_i16x8_s(v), i32s([-1, 2, -32768, 32767]));
    assert_eq!(i32x4_extend_high_i16x8_s(v), i32s([5, -5, 6, -6]));
    assert_eq!(i32x4_extend_low_i16x8_u(v), i32s([65535, 2, 32768, 32767]));
    assert_eq!(i32x4_extend_high_i16x8_u(v), i32s([5, 65531, 6, 65530]));

    let v = i32s([-1, i32::MIN, 7, -7]);
    assert_eq!(i64x2_extend_low_i32x4_s(v), i64s([-1, i64::from(i32::MIN)]));
    assert_eq!(i64x2_extend_high_i32x4_s(v), i64s([7, -7]));
    assert_eq!(i64x2_extend_low_i32x4_u(v), u64s([0xFFFF_FFFF, 0x8000_0000]));
    assert_eq!(i64x2_extend_high_i32x4_u(v), u64s([7, 0xFFFF_FFF9]));
}

#[test]
fn extadd_pairwise() {
    let v = i8s([-128, -128, 127, 127, -1, 1, 5, 6, -1, -1, 0, 0, 100, -50, 3, 4]);
    assert_eq!(i16x8_extadd_pairwise_i8x16_s(v), i16s([-256, 254, 0, 11, -2, 0, 50, 7]));
    assert_eq!(i16x8_extadd_pairwise_i8x16_u(v), i16s([256, 254, 256, 11, 510, 0, 306, 7]));
    let v = i16s([i16::MIN, i16::MIN, i16::MAX, i16::MAX, -1, 1, -1, -1]);
    assert_eq!(i32x4_extadd_pairwise_i16x8_s(v), i32s([-65536, 65534, 0, -2]));
    assert_eq!(i32x4_extadd_pairwise_i16x8_u(v), i32s([65536, 65534, 65536, 131070]));
}

#[test]
fn extmul_widens_before_multiplying() {
    let a = i8s([-128, 127, -1, 2, 0, 0, 0, 3, -128, -1, 16, 0, 0, 0, 0, 5]);
    let b = i8s([-128, 127, -1, -3, 0, 0, 0, 4, 127, -1, 16, 0, 0, 0, 0, -5]);
    assert_eq!(i16x8_extmul_low_i8x16_s(a, b), i16s([16384, 16129, 1, -6, 0, 0, 0, 12]));
    assert_eq!(i16x8_extmul_high_i8x16_s(a, b), i16s([-16256, 1, 256, 0, 0, 0, 0, -25]));
    assert_eq!(i16x8_extmul_low_i8x16_u(a, b), u16s([16384, 16129, 65025, 506, 0, 0, 0, 12]));
    assert_eq!(i16x8_extmul_high_i8x16_u(a, b), u16s([16256, 65025, 256, 0, 0, 0, 0, 1255]));

    let a = i16s([i16::MIN, -1, 3, i16::MAX, i16::MIN, 2, -2, 0]);
    let b = i16s([i16::MIN, -1, -4, i16::MAX, i16::MAX, 2, 2, 0]);
    assert_eq!(i32x4_extmul_low_i16x8_s(a, b), i32s([1 << 30, 1, -12, 32767 * 32767]));
    assert_eq!(i32x4_extmul_high_i16x8_s(a, b), i32s([-32768 * 32767, 4, -4, 0]));
    assert_eq!(i32x4_extmul_low_i16x8_u(a, b), u32s([1 << 30, 65535 * 65535, 3 * 65532, 32767 * 32767]));
    assert_eq!(i32x4_extmul_high_i16x8_u(a, b), u32s([32768 * 32767, 4, 65534 * 2, 0]));

    let a = i32s([i32::MIN, -1, i32::MAX, 3]);
    let b = i32s([i32::MIN, -1, i32::MIN, -3]);
    assert_eq!(i64x2_extmul_low_i32x4_s(a, b), i64s([1 << 62, 1]));
    assert_eq!(i64x2_extmul_high_i32x4_s(a, b), i64s([i64::from(i32::MAX) * i64::from(i32::MIN), -9]));
    assert_eq!(i64x2_extmul_low_i32x4_u(a, b), u64s([1 << 62, 0xFFFF_FFFE_0000_0001]));
    assert_eq!(i64x2_extmul_high_i32x4_u(a, b), u64s([0x7FFF_FFFF * 0x8000_0000, 3 * 0xFFFF_FFFD]));
}

#[test]
fn dot_adds_adjacent_products_wrapping() {
    let a = i16s([1, 2, 3, 4, -5, 6, 0, 0]);
    let b = i16s([7, 8, 9, 10, 11, -12, 0, 0]);
    assert_eq!(i32x4_dot_i16x8_s(a, b), i32s([7 + 16, 27 + 40, -55 - 72, 0]));
    // 2 * (-32768)^2 = 2^31 wraps to i32::MIN; the other lanes stay in range.
    let a = i16s([i16::MIN, i16::MIN, i16::MIN, i16::MAX, i16::MAX, i16::MAX, -1, 0]);
    let b = i16s([i16::MIN, i16::MIN, i16::MIN, i16::MIN, i16::MAX, i16::MAX, -1, 0]);
    assert_eq!(i32x4_dot_i16x8_s(a, b), i32s([i32::MIN, -32768 * -32768 + 32767 * -32768, 2 * 32767 * 32767, 1]));
}

// ---------------------------------------------------------------------------------------------
// Float operations
// ---------------------------------------------------------------------------------------------

#[test]
fn float_abs_and_neg_are_bit_operations() {
    let v = u32s([0x7FA0_0001, 0xFFC0_1234, 0x8000_0000, 0x3F80_0000]);
    assert_eq!(f32x4_abs(v), u32s([0x7FA0_0001, 0x7FC0_1234, 0, 0x3F80_0000]));
    assert_eq!(f32x4_neg(v), u32s([0xFFA0_0001, 0x7FC0_1234, 0, 0xBF80_0000]));
    let v = u64s([0xFFF0_0000_0000_0001, 0x0000_0000_0000_0000]);
    assert_eq!(f64x2_abs(v), u64s([0x7FF0_0000_0000_0001, 0]));
    assert_eq!(f64x2_neg(v), u64s([0x7FF0_0000_0000_0001, 0x8000_0000_0000_0000]));
    for v in f32_vectors() {
        let want_abs = get_f32s(v).map(|x| scalar::f32_abs(x).to_bits());
        let want_neg = get_f32s(v).map(|x| scalar::f32_neg(x).to_bits());
        assert_eq!(get_u32s(f32x4_abs(v)), want_abs);
        assert_eq!(get_u32s(f32x4_neg(v)), want_neg);
    }
    for v in f64_vectors() {
        assert_eq!(get_u64s(f64x2_abs(v)), get_f64s(v).map(|x| scalar::f64_abs(x).to_bits()));
        assert_eq!(get_u64s(f64x2_neg(v)), get_f64s(v).map(|x| scalar::f64_neg(x).to_bits()));
    }
}

#[test]
fn float_rounding_and_sqrt() {
    let v = f32s([2.5, -0.5, -1.5, 0.4]);
    assert_eq!(f32x4_nearest(v), f32s([2.0, -0.0, -2.0, 0.0]));
    assert_eq!(f32x4_ceil(v), f32s([3.0, -0.0, -1.0, 1.0]));
    assert_eq!(f32x4_floor(v), f32s([2.0, -1.0, -2.0, 0.0]));
    assert_eq!(f32x4_trunc(v), f32s([2.0, -0.0, -1.0, 0.0]));
    assert_eq!(f32x4_sqrt(f32s([4.0, 2.0, 0.0, -0.0])), f32s([2.0, 2.0f32.sqrt(), 0.0, -0.0]));
    assert!(get_f32s(f32x4_sqrt(f32s([-1.0; 4]))).iter().all(|x| x.is_nan()));
    // A signalling NaN comes back quiet.
    assert_eq!(f32x4_ceil(u32s([0x7F80_0001; 4])) & 0x0040_0000, 0x0040_0000);

    let v = f64s([3.5, -2.5]);
    assert_eq!(f64x2_nearest(v), f64s([4.0, -2.0]));
    assert_eq!(f64x2_ceil(v), f64s([4.0, -2.0]));
    assert_eq!(f64x2_floor(v), f64s([3.0, -3.0]));
    assert_eq!(f64x2_trunc(v), f64s([3.0, -2.0]));
    assert_eq!(f64x2_sqrt(f64s([9.0, f64::INFINITY])), f64s([3.0, f64::INFINITY]));

    type F32Unary = (fn(u128) -> u128, fn(f32) -> f32);
    let f32_ops: [F32Unary; 5] = [
        (f32x4_ceil, scalar::f32_ceil),
        (f32x4_floor, scalar::f32_floor),
        (f32x4_trunc, scalar::f32_trunc),
        (f32x4_nearest, scalar::f32_nearest),
        (f32x4_sqrt, scalar::f32_sqrt),
    ];
    for v in f32_vectors() {
        for (simd, lane) in f32_ops {
            let got = get_f32s(simd(v));
            let want = get_f32s(v).map(lane);
            assert!((0..4).all(|i| same_f32(got[i], want[i])), "{v:#x}: {got:?} != {want:?}");
        }
    }
    type F64Unary = (fn(u128) -> u128, fn(f64) -> f64);
    let f64_ops: [F64Unary; 5] = [
        (f64x2_ceil, scalar::f64_ceil),
        (f64x2_floor, scalar::f64_floor),
        (f64x2_trunc, scalar::f64_trunc),
        (f64x2_nearest, scalar::f64_nearest),
        (f64x2_sqrt, scalar::f64_sqrt),
    ];
    for v in f64_vectors() {
        for (simd, lane) in f64_ops {
            let got = get_f64s(simd(v));
            let want = get_f64s(v).map(lane);
            assert!((0..2).all(|i| same_f64(got[i], want[i])), "{v:#x}: {got:?} != {want:?}");
        }
    }
}

#[test]
fn float_arithmetic_is_lane_wise() {
    let a = f32s([1.5, -2.0, 1e30, 0.0]);
    let b = f32s([0.25, 4.0, 1e30, -0.0]);
    assert_eq!(f32x4_add(a, b), f32s([1.75, 2.0, 2e30, 0.0]));
    assert_eq!(f32x4_sub(a, b), f32s([1.25, -6.0, 0.0, 0.0]));
    assert_eq!(f32x4_mul(a, b), f32s([0.375, -8.0, f32::INFINITY, -0.0]));
    let q = get_f32s(f32x4_div(a, b));
    assert_eq!(q[..3], [6.0, -0.5, 1.0]);
    assert!(q[3].is_nan()); // 0 / -0
    let a = f64s([1.0, f64::INFINITY]);
    let b = f64s([3.0, f64::INFINITY]);
    assert_eq!(f64x2_add(a, b), f64s([4.0, f64::INFINITY]));
    assert_eq!(f64x2_mul(a, b), f64s([3.0, f64::INFINITY]));
    assert_eq!(f64x2_div(a, b) as u64, (1.0f64 / 3.0).to_bits());
    assert!(get_f64s(f64x2_sub(a, b))[1].is_nan()); // inf - inf
    assert_eq!(get_f64s(f64x2_sub(a, b))[0], -2.0);

    type F32Binary = (fn(u128, u128) -> u128, fn(f32, f32) -> f32);
    let f32_ops: [F32Binary; 6] = [
        (f32x4_add, |x, y| x + y),
        (f32x4_sub, |x, y| x - y),
        (f32x4_mul, |x, y| x * y),
        (f32x4_div, |x, y| x / y),
        (f32x4_min, scalar::f32_min),
        (f32x4_max, scalar::f32_max),
    ];
    let vs = f32_vectors();
    for (&a, &b) in vs.iter().zip(vs.iter().rev()) {
        for (simd, lane) in f32_ops {
            let got = get_f32s(simd(a, b));
            let (x, y) = (get_f32s(a), get_f32s(b));
            assert!((0..4).all(|i| same_f32(got[i], lane(x[i], y[i]))), "{a:#x} {b:#x}: {got:?}");
        }
    }
    type F64Binary = (fn(u128, u128) -> u128, fn(f64, f64) -> f64);
    let f64_ops: [F64Binary; 6] = [
        (f64x2_add, |x, y| x + y),
        (f64x2_sub, |x, y| x - y),
        (f64x2_mul, |x, y| x * y),
        (f64x2_div, |x, y| x / y),
        (f64x2_min, scalar::f64_min),
        (f64x2_max, scalar::f64_max),
    ];
    let vs = f64_vectors();
    for (&a, &b) in vs.iter().zip(vs.iter().rev()) {
        for (simd, lane) in f64_ops {
            let got = get_f64s(simd(a, b));
            let (x, y) = (get_f64s(a), get_f64s(b));
            assert!((0..2).all(|i| same_f64(got[i], lane(x[i], y[i]))), "{a:#x} {b:#x}: {got:?}");
        }
    }
}

#[test]
fn min_max_versus_pmin_pmax_with_nan_and_signed_zero() {
    let snan = 0x7FA0_0001_u32;
    let (pz, nz, one) = (0.0f32.to_bits(), (-0.0f32).to_bits(), 1.0f32.to_bits());

    // Signed zeros: min/max order -0 below +0; pmin/pmax see them equal and return `a`.
    let a = u32s([pz, nz, pz, nz]);
    let b = u32s([nz, pz, pz, nz]);
    assert_eq!(f32x4_min(a, b), u32s([nz, nz, pz, nz]));
    assert_eq!(f32x4_max(a, b), u32s([pz, pz, pz, nz]));
    assert_eq!(f32x4_pmin(a, b), a);
    assert_eq!(f32x4_pmax(a, b), a);

    // NaNs: min/max return a NaN either way; pmin/pmax return `a` (NaN bits untouched, even a
    // signalling one) whenever the comparison is false.
    let a = u32s([snan, one, snan, 0xFFC0_0000]);
    let b = u32s([one, snan, snan, one]);
    assert!(get_f32s(f32x4_min(a, b)).iter().all(|x| x.is_nan()));
    assert!(get_f32s(f32x4_max(a, b)).iter().all(|x| x.is_nan()));
    assert_eq!(f32x4_pmin(a, b), a);
    assert_eq!(f32x4_pmax(a, b), a);

    // Ordinary values: pick the smaller / larger operand.
    let a = f32s([1.0, 5.0, -3.0, f32::INFINITY]);
    let b = f32s([2.0, 4.0, -3.5, f32::NEG_INFINITY]);
    assert_eq!(f32x4_pmin(a, b), f32s([1.0, 4.0, -3.5, f32::NEG_INFINITY]));
    assert_eq!(f32x4_pmax(a, b), f32s([2.0, 5.0, -3.0, f32::INFINITY]));
    assert_eq!(f32x4_min(a, b), f32x4_pmin(a, b));
    assert_eq!(f32x4_max(a, b), f32x4_pmax(a, b));

    let snan = 0x7FF4_0000_0000_0001_u64;
    let (pz, nz) = (0.0f64.to_bits(), (-0.0f64).to_bits());
    assert_eq!(f64x2_min(u64s([pz, nz]), u64s([nz, pz])), u64s([nz, nz]));
    assert_eq!(f64x2_max(u64s([pz, nz]), u64s([nz, pz])), u64s([pz, pz]));
    assert_eq!(f64x2_pmin(u64s([pz, nz]), u64s([nz, pz])), u64s([pz, nz]));
    assert_eq!(f64x2_pmax(u64s([pz, nz]), u64s([nz, pz])), u64s([pz, nz]));
    let a = u64s([snan, 1.0f64.to_bits()]);
    let b = u64s([1.0f64.to_bits(), snan]);
    assert!(get_f64s(f64x2_min(a, b)).iter().all(|x| x.is_nan()));
    assert!(get_f64s(f64x2_max(a, b)).iter().all(|x| x.is_nan()));
    assert_eq!(f64x2_pmin(a, b), a);
    assert_eq!(f64x2_pmax(a, b), a);
    assert_eq!(f64x2_pmin(f64s([3.0, -1.0]), f64s([2.0, 0.0])), f64s([2.0, -1.0]));
    assert_eq!(f64x2_pmax(f64s([3.0, -1.0]), f64s([2.0, 0.0])), f64s([3.0, 0.0]));
}

// ---------------------------------------------------------------------------------------------
// Conversions
// ---------------------------------------------------------------------------------------------

#[test]
fn trunc_sat_maps_nan_to_zero_and_clamps() {
    let v = f32s([f32::NAN, f32::INFINITY, f32::NEG_INFINITY, -1.9]);
    assert_eq!(i32x4_trunc_sat_f32x4_s(v), i32s([0, i32::MAX, i32::MIN, -1]));
    assert_eq!(i32x4_trunc_sat_f32x4_u(v), u32s([0, u32::MAX, 0, 0]));
    let v = f32s([2147483648.0, -2147483904.0, 4294967296.0, 3.99]);
    assert_eq!(i32x4_trunc_sat_f32x4_s(v), i32s([i32::MAX, i32::MIN, i32::MAX, 3]));
    assert_eq!(i32x4_trunc_sat_f32x4_u(v), u32s([0x8000_0000, 0, u32::MAX, 3]));
    assert_eq!(i32x4_trunc_sat_f32x4_s(u32s([0xFFC0_0000, 0x7F80_0001, 0, 0x8000_0000])), 0);

    // f64x2 variants fill lanes 2 and 3 with zero.
    let v = f64s([f64::NAN, -3.7]);
    assert_eq!(i32x4_trunc_sat_f64x2_s_zero(v), i32s([0, -3, 0, 0]));
    assert_eq!(i32x4_trunc_sat_f64x2_u_zero(v), i32s([0, 0, 0, 0]));
    let v = f64s([1e10, -1e10]);
    assert_eq!(i32x4_trunc_sat_f64x2_s_zero(v), i32s([i32::MAX, i32::MIN, 0, 0]));
    assert_eq!(i32x4_trunc_sat_f64x2_u_zero(v), u32s([u32::MAX, 0, 0, 0]));
    let v = f64s([4294967295.9, 2147483647.5]);
    assert_eq!(i32x4_trunc_sat_f64x2_u_zero(v), u32s([u32::MAX, 2147483647, 0, 0]));
    assert_eq!(i32x4_trunc_sat_f64x2_s_zero(v), i32s([i32::MAX, i32::MAX, 0, 0]));
}

#[test]
fn integer_to_float_conversions() {
    let v = i32s([-1, i32::MIN, 16777217, i32::MAX]);
    assert_eq!(f32x4_convert_i32x4_s(v), f32s([-1.0, -2147483648.0, 16777216.0, 2147483648.0]));
    assert_eq!(f32x4_convert_i32x4_u(v), f32s([4294967296.0, 2147483648.0, 16777216.0, 2147483648.0]));
    assert_eq!(f32x4_convert_i32x4_s(i32s([16777219, 0, 1, -16777219])), f32s([16777220.0, 0.0, 1.0, -16777220.0]));

    // Only the low two i32 lanes are read.
    let v = i32s([-1, i32::MIN, 123, 456]);
    assert_eq!(f64x2_convert_low_i32x4_s(v), f64s([-1.0, -2147483648.0]));
    assert_eq!(f64x2_convert_low_i32x4_u(v), f64s([4294967295.0, 2147483648.0]));
}

#[test]
fn demote_zeroes_upper_lanes_and_promote_reads_low_lanes() {
    let v = f64s([1.5, 1e300]);
    assert_eq!(f32x4_demote_f64x2_zero(v), f32s([1.5, f32::INFINITY, 0.0, 0.0]));
    assert_eq!(f32x4_demote_f64x2_zero(f64s([-1e-300, -0.0])), f32s([-0.0, -0.0, 0.0, 0.0]));
    let demoted = get_u32s(f32x4_demote_f64x2_zero(u64s([0x7FF0_0000_0000_0001, 0xFFF8_0000_0000_0000])));
    assert!(f32::from_bits(demoted[0]).is_nan() && f32::from_bits(demoted[1]).is_nan());
    assert_eq!(demoted[2..], [0, 0]);
    // Round to nearest, ties to even: 1 + 2^-24 is halfway between 1.0 and the next f32.
    assert_eq!(f32x4_demote_f64x2_zero(f64s([1.0 + f64::powi(2.0, -24), 0.1])), f32s([1.0, 0.1, 0.0, 0.0]));

    let v = f32s([1.5, -0.0, 99.0, f32::NAN]);
    assert_eq!(f64x2_promote_low_f32x4(v), f64s([1.5, -0.0]));
    let promoted = get_f64s(f64x2_promote_low_f32x4(u32s([0x7F80_0001, 0x7F80_0000, 0, 0])));
    assert!(promoted[0].is_nan());
    assert_eq!(promoted[1], f64::INFINITY);

    for v in f64_vectors() {
        let got = get_f32s(f32x4_demote_f64x2_zero(v));
        let want = get_f64s(v).map(scalar::f32_demote_f64);
        assert!(same_f32(got[0], want[0]) && same_f32(got[1], want[1]), "{v:#x}");
        assert_eq!(got[2..].iter().map(|x| x.to_bits()).collect::<Vec<_>>(), [0, 0]);
    }
    for v in f32_vectors() {
        let got = get_f64s(f64x2_promote_low_f32x4(v));
        let lanes = get_f32s(v);
        assert!((0..2).all(|i| same_f64(got[i], scalar::f64_promote_f32(lanes[i]))), "{v:#x}");
    }
}

#[test]
fn conversions_match_the_scalar_instructions_in_every_lane() {
    for v in f32_vectors() {
        let lanes = get_f32s(v);
        assert_eq!(get_i32s(i32x4_trunc_sat_f32x4_s(v)), lanes.map(scalar::i32_trunc_sat_f32_s));
        assert_eq!(get_u32s(i32x4_trunc_sat_f32x4_u(v)), lanes.map(scalar::i32_trunc_sat_f32_u));
        let ints = get_u32s(v);
        assert_eq!(get_f32s(f32x4_convert_i32x4_s(v)), ints.map(|x| scalar::f32_convert_i32_s(x as i32)));
        assert_eq!(get_f32s(f32x4_convert_i32x4_u(v)), ints.map(scalar::f32_convert_i32_u));
        assert_eq!(
            get_f64s(f64x2_convert_low_i32x4_s(v)),
            [scalar::f64_convert_i32_s(ints[0] as i32), scalar::f64_convert_i32_s(ints[1] as i32)]
        );
        assert_eq!(
            get_f64s(f64x2_convert_low_i32x4_u(v)),
            [scalar::f64_convert_i32_u(ints[0]), scalar::f64_convert_i32_u(ints[1])]
        );
    }
    for v in f64_vectors() {
        let lanes = get_f64s(v);
        let s = lanes.map(scalar::i32_trunc_sat_f64_s);
        let u = lanes.map(scalar::i32_trunc_sat_f64_u);
        assert_eq!(get_i32s(i32x4_trunc_sat_f64x2_s_zero(v)), [s[0], s[1], 0, 0]);
        assert_eq!(get_u32s(i32x4_trunc_sat_f64x2_u_zero(v)), [u[0], u[1], 0, 0]);
    }
}

// ---------------------------------------------------------------------------------------------
// Lane plumbing against an independent per-lane model
// ---------------------------------------------------------------------------------------------

#[test]
fn integer_lane_ops_match_a_per_lane_model() {
    let mut rng = Rng(42);
    for _ in 0..500 {
        let (a, b) = (rng.v128(), rng.v128());
        let (x8, y8) = (get_i8s(a), get_i8s(b));
        let want: [i8; 16] = core::array::from_fn(|i| x8[i].saturating_sub(y8[i]));
        assert_eq!(i8x16_sub_sat_s(a, b), i8s(want));
        let want: [i8; 16] = core::array::from_fn(|i| x8[i].max(y8[i]));
        assert_eq!(i8x16_max_s(a, b), i8s(want));
        let want: [i8; 16] = core::array::from_fn(|i| x8[i].wrapping_add(y8[i]));
        assert_eq!(i8x16_add(a, b), i8s(want));
        let want: [i8; 16] = core::array::from_fn(|i| x8[i].wrapping_sub(y8[i]));
        assert_eq!(i8x16_sub(a, b), i8s(want));
        assert_eq!(i8x16_neg(a), i8s(x8.map(i8::wrapping_neg)));
        let (x16, y16) = (get_i16s(a), get_i16s(b));
        let want: [i16; 8] = core::array::from_fn(|i| x16[i].wrapping_mul(y16[i]));
        assert_eq!(i16x8_mul(a, b), i16s(want));
        let want: [i16; 8] = core::array::from_fn(|i| x16[i].wrapping_add(y16[i]));
        assert_eq!(i16x8_add(a, b), i16s(want));
        let want: [i16; 8] = core::array::from_fn(|i| x16[i].wrapping_sub(y16[i]));
        assert_eq!(i16x8_sub(a, b), i16s(want));
        assert_eq!(i16x8_neg(a), i16s(x16.map(i16::wrapping_neg)));
        let (x32, y32) = (get_i32s(a), get_i32s(b));
        let want: [i32; 4] = core::array::from_fn(|i| if x32[i] < y32[i] { -1 } else { 0 });
        assert_eq!(i32x4_lt_s(a, b), i32s(want));
        let want: [i32; 4] = core::array::from_fn(|i| x32[i].wrapping_add(y32[i]));
        assert_eq!(i32x4_add(a, b), i32s(want));
        let want: [i32; 4] = core::array::from_fn(|i| x32[i].wrapping_sub(y32[i]));
        assert_eq!(i32x4_sub(a, b), i32s(want));
        assert_eq!(i32x4_neg(a), i32s(x32.map(i32::wrapping_neg)));
        let (x64, y64) = (get_i64s(a), get_i64s(b));
        let want: [i64; 2] = core::array::from_fn(|i| x64[i].wrapping_mul(y64[i]));
        assert_eq!(i64x2_mul(a, b), i64s(want));
        let count = rng.next() as u32;
        let want: [u16; 8] = get_u16s(a).map(|x| x >> (count % 16));
        assert_eq!(i16x8_shr_u(a, count), u16s(want));
        let want: [i32; 4] = x32.map(|x| x >> (count % 32));
        assert_eq!(i32x4_shr_s(a, count), i32s(want));
        let mask = x8.iter().enumerate().fold(0, |m, (i, &x)| m | (i32::from(x < 0) << i));
        assert_eq!(i8x16_bitmask(a), mask);
    }
}

// ---------------------------------------------------------------------------------------------
// Relaxed SIMD: the deterministic profile's choices
// ---------------------------------------------------------------------------------------------

#[test]
fn relaxed_madd_is_unfused() {
    // FLT_MAX * 2 - FLT_MAX: the product overflows to infinity before the add (a fused
    // multiply-add would give FLT_MAX).
    let (max, two) = (f32s([f32::MAX; 4]), f32s([2.0; 4]));
    assert_eq!(f32x4_relaxed_madd(max, two, f32s([-f32::MAX; 4])), f32s([f32::INFINITY; 4]));
    assert_eq!(f32x4_relaxed_nmadd(f32s([-f32::MAX; 4]), two, f32s([-f32::MAX; 4])), f32s([f32::INFINITY; 4]));
    // x * y rounds away the 2^-37 that fma(x, y, z) keeps.
    let (x, y, z) = (1.0 + 2f32.powi(-22), 1.0 + 2f32.powi(-15), -(1.0 + 2f32.powi(-15) + 2f32.powi(-22)));
    assert_ne!(x.mul_add(y, z), 0.0);
    assert_eq!(f32x4_relaxed_madd(f32s([x; 4]), f32s([y; 4]), f32s([z; 4])), f32s([0.0; 4]));
    assert_eq!(f32x4_relaxed_nmadd(f32s([-x; 4]), f32s([y; 4]), f32s([z; 4])), f32s([0.0; 4]));
    let (x, y, z) = (1.0 + 2f64.powi(-30), 1.0 + 2f64.powi(-23), -(1.0 + 2f64.powi(-23) + 2f64.powi(-30)));
    assert_ne!(x.mul_add(y, z), 0.0);
    assert_eq!(f64x2_relaxed_madd(f64s([x; 2]), f64s([y; 2]), f64s([z; 2])), f64s([0.0; 2]));
    assert_eq!(f64x2_relaxed_nmadd(f64s([x; 2]), f64s([-y; 2]), f64s([z; 2])), f64s([0.0; 2]));
    assert_eq!(f64x2_relaxed_madd(f64s([f64::MAX; 2]), f64s([2.0; 2]), f64s([-f64::MAX; 2])), f64s([f64::INFINITY; 2]));
    // Ordinary lanes: a * b + c and -(a * b) + c.
    let (a, b, c) = (f32s([1.5, -2.0, 3.0, 0.5]), f32s([2.0, 4.0, -1.0, 0.5]), f32s([1.0, 1.0, 1.0, -0.25]));
    assert_eq!(f32x4_relaxed_madd(a, b, c), f32s([4.0, -7.0, -2.0, 0.0]));
    assert_eq!(f32x4_relaxed_nmadd(a, b, c), f32s([-2.0, 9.0, 4.0, -0.5]));
    assert_eq!(f64x2_relaxed_nmadd(f64s([1.5, -2.0]), f64s([2.0, 4.0]), f64s([1.0, 1.0])), f64s([-2.0, 9.0]));
}

#[test]
fn relaxed_madd_nan_lanes_are_canonical() {
    let payload = f32::from_bits(0xffa0_0001);
    let r = f32x4_relaxed_madd(
        f32s([payload, 1.0, f32::INFINITY, 1.0]),
        f32s([1.0; 4]),
        f32s([1.0, payload, f32::NEG_INFINITY, 2.0]),
    );
    assert_eq!(r, u32s([0x7fc0_0000, 0x7fc0_0000, 0x7fc0_0000, 3.0f32.to_bits()]));
    let r = f32x4_relaxed_nmadd(f32s([payload; 4]), f32s([1.0; 4]), f32s([1.0; 4]));
    assert_eq!(r, u32s([0x7fc0_0000; 4]));
    let payload = f64::from_bits(0xfff4_0000_0000_0001);
    let r = f64x2_relaxed_madd(f64s([payload, 0.0]), f64s([1.0, f64::INFINITY]), f64s([1.0; 2]));
    assert_eq!(r, u64s([0x7ff8_0000_0000_0000; 2]));
    assert_eq!(
        f64x2_relaxed_nmadd(f64s([payload; 2]), f64s([1.0; 2]), f64s([1.0; 2])),
        u64s([0x7ff8_0000_0000_0000; 2])
    );
}

#[test]
fn relaxed_dot_is_signed_and_saturates() {
    let ramp = i8s(core::array::from_fn(|i| i as i8));
    assert_eq!(i16x8_relaxed_dot_i8x16_i7x16_s(ramp, ramp), i16s([1, 13, 41, 85, 145, 221, 313, 421]));
    // The second operand's lanes with the top bit set are signed too; -128 * -128 twice
    // saturates, -128 * 127 + -127 * 127 does not overflow.
    let a = i8s([-128, -128, -128, -128, 127, 127, -128, -127, 0, 0, 0, 0, 0, 0, 5, -5]);
    let b = i8s([-127, -127, -128, -128, 127, 127, 127, 127, 0, 0, 0, 0, 0, 0, -3, -3]);
    assert_eq!(i16x8_relaxed_dot_i8x16_i7x16_s(a, b), i16s([32512, 32767, 32258, -32385, 0, 0, 0, 0]));
    let c = i32s([1, 2, 3, i32::MAX]);
    assert_eq!(i32x4_relaxed_dot_i8x16_i7x16_add_s(a, b, c), i32s([65280, 32258 - 32385 + 2, 3, i32::MAX]));
    let ramp_c = i32s([0, 1, 2, 3]);
    assert_eq!(i32x4_relaxed_dot_i8x16_i7x16_add_s(ramp, ramp, ramp_c), i32s([14, 127, 368, 737]));
    // The sum into i32 wraps.
    let all = i8s([-128; 16]);
    assert_eq!(
        i32x4_relaxed_dot_i8x16_i7x16_add_s(all, all, i32s([i32::MAX; 4])),
        i32s([i32::MAX.wrapping_add(65534); 4])
    );
}
