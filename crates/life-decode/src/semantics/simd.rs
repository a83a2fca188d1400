//! Wasm 2.0 fixed-width SIMD semantics over `u128` (a `v128`): lanes are little-endian, lane 0 is the lowest bits.
//!
//! A `v128` is passed as a `u128` holding the same 16 bytes that `v128.store` would write, read as
//! little-endian (`u128::from_le_bytes`), so lane `i` of a shape with `N`-bit lanes is
//! `(v >> (N * i)) as uN`, and `i8x16` lane 0 is byte 0 in memory. Lanes are handled as unsigned
//! integers of the lane width and reinterpreted with `as` where the instruction is signed; float
//! lanes travel as their bit patterns and go through the scalar rules of the parent module, so a
//! SIMD lane and the matching scalar instruction always agree.
//!
//! Every function is pure, allocation-free and `#[inline]`; the interpreter calls them from its
//! dispatch loop and an ahead-of-time engine may call them as libcalls. Everything lives in this
//! one module so the bodies can later be rewritten with `core::arch` or portable SIMD without
//! touching callers. Memory access is the caller's job: the `v128_load*` functions here only turn
//! the loaded bytes into a vector; `v128.load*_splat` is a plain load followed by the matching
//! `*_splat`, `v128.load*_lane` a load followed by `*_replace_lane`, and `v128.store*_lane`
//! `*_extract_lane` followed by a store.
//!
//! Lane immediates (`extract_lane`, `replace_lane`, `shuffle`) are range-checked by validation;
//! these functions take them modulo the lane count (modulo 32 for `shuffle`) instead of
//! panicking, so an out-of-range immediate can never abort the host.
//!
//! The spec's definitions are at
//! <https://webassembly.github.io/spec/core/exec/instructions.html#vector-instructions> and
//! <https://webassembly.github.io/spec/core/exec/numerics.html>.

use super::{
    f32_ceil, f32_convert_i32_s, f32_convert_i32_u, f32_demote_f64, f32_floor, f32_max, f32_min, f32_nearest, f32_sqrt,
    f32_trunc, f64_ceil, f64_convert_i32_s, f64_convert_i32_u, f64_floor, f64_max, f64_min, f64_nearest,
    f64_promote_f32, f64_sqrt, f64_trunc, i32_trunc_sat_f32_s, i32_trunc_sat_f32_u, i32_trunc_sat_f64_s,
    i32_trunc_sat_f64_u,
};

#[cfg(test)]
#[path = "simd_tests.rs"]
mod tests;

// ---------------------------------------------------------------------------------------------
// Lane plumbing
// ---------------------------------------------------------------------------------------------
//
// `splitN` breaks a vector into its lanes (index 0 = lowest bits) and `joinN` puts them back.
// With optimisation these compile to plain register moves on a little-endian target; the
// closures passed to `mapN`/`zipN` are inlined, so each instruction becomes straight-line code.

macro_rules! lane_plumbing {
    ($split:ident, $join:ident, $map:ident, $zip:ident, $cmp:ident, $lane:ty, $n:literal) => {
        /// The lanes of `v`, lane 0 first.
        #[inline]
        fn $split(v: u128) -> [$lane; $n] {
            core::array::from_fn(|i| (v >> (i as u32 * <$lane>::BITS)) as $lane)
        }

        /// The vector whose lane `i` is `lanes[i]`.
        #[inline]
        fn $join(lanes: [$lane; $n]) -> u128 {
            lanes.iter().enumerate().fold(0, |v, (i, &x)| v | (u128::from(x) << (i as u32 * <$lane>::BITS)))
        }

        /// Applies `f` to every lane.
        #[inline]
        fn $map(a: u128, f: impl Fn($lane) -> $lane) -> u128 {
            $join($split(a).map(f))
        }

        /// Applies `f` to every pair of corresponding lanes.
        #[inline]
        fn $zip(a: u128, b: u128, f: impl Fn($lane, $lane) -> $lane) -> u128 {
            let (a, b) = ($split(a), $split(b));
            $join(core::array::from_fn(|i| f(a[i], b[i])))
        }

        /// Lane-wise predicate: all-ones lanes where `f` holds, all-zeros lanes elsewhere.
        #[inline]
        fn $cmp(a: u128, b: u128, f: impl Fn($lane, $lane) -> bool) -> u128 {
            $zip(a, b, |x, y| <$lane>::from(f(x, y)).wrapping_neg())
        }
    };
}

lane_plumbing!(split8, join8, map8, zip8, cmp8, u8, 16);
lane_plumbing!(split16, join16, map16, zip16, cmp16, u16, 8);
lane_plumbing!(split32, join32, map32, zip32, cmp32, u32, 4);
lane_plumbing!(split64, join64, map64, zip64, cmp64, u64, 2);

/// Applies `f` to every `f32` lane.
#[inline]
fn map_f32(a: u128, f: impl Fn(f32) -> f32) -> u128 {
    map32(a, |x| f(f32::from_bits(x)).to_bits())
}

/// Applies `f` to every pair of corresponding `f32` lanes.
#[inline]
fn zip_f32(a: u128, b: u128, f: impl Fn(f32, f32) -> f32) -> u128 {
    zip32(a, b, |x, y| f(f32::from_bits(x), f32::from_bits(y)).to_bits())
}

/// Lane-wise `f32` predicate giving all-ones or all-zeros lanes.
#[inline]
fn cmp_f32(a: u128, b: u128, f: impl Fn(f32, f32) -> bool) -> u128 {
    cmp32(a, b, |x, y| f(f32::from_bits(x), f32::from_bits(y)))
}

/// Applies `f` to every `f64` lane.
#[inline]
fn map_f64(a: u128, f: impl Fn(f64) -> f64) -> u128 {
    map64(a, |x| f(f64::from_bits(x)).to_bits())
}

/// Applies `f` to every pair of corresponding `f64` lanes.
#[inline]
fn zip_f64(a: u128, b: u128, f: impl Fn(f64, f64) -> f64) -> u128 {
    zip64(a, b, |x, y| f(f64::from_bits(x), f64::from_bits(y)).to_bits())
}

/// Lane-wise `f64` predicate giving all-ones or all-zeros lanes.
#[inline]
fn cmp_f64(a: u128, b: u128, f: impl Fn(f64, f64) -> bool) -> u128 {
    cmp64(a, b, |x, y| f(f64::from_bits(x), f64::from_bits(y)))
}

/// The 8 `u16` lanes made by applying `f` to `u8` lanes `offset..offset + 8` of `a`.
#[inline]
fn widen8(a: u128, offset: usize, f: impl Fn(u8) -> u16) -> u128 {
    let a = split8(a);
    join16(core::array::from_fn(|i| f(a[offset + i])))
}

/// The 4 `u32` lanes made by applying `f` to `u16` lanes `offset..offset + 4` of `a`.
#[inline]
fn widen16(a: u128, offset: usize, f: impl Fn(u16) -> u32) -> u128 {
    let a = split16(a);
    join32(core::array::from_fn(|i| f(a[offset + i])))
}

/// The 2 `u64` lanes made by applying `f` to `u32` lanes `offset..offset + 2` of `a`.
#[inline]
fn widen32(a: u128, offset: usize, f: impl Fn(u32) -> u64) -> u128 {
    let a = split32(a);
    join64(core::array::from_fn(|i| f(a[offset + i])))
}

/// The 8 `u16` lanes made by applying `f` to `u8` lanes `offset..offset + 8` of `a` and `b`.
#[inline]
fn widen_zip8(a: u128, b: u128, offset: usize, f: impl Fn(u8, u8) -> u16) -> u128 {
    let (a, b) = (split8(a), split8(b));
    join16(core::array::from_fn(|i| f(a[offset + i], b[offset + i])))
}

/// The 4 `u32` lanes made by applying `f` to `u16` lanes `offset..offset + 4` of `a` and `b`.
#[inline]
fn widen_zip16(a: u128, b: u128, offset: usize, f: impl Fn(u16, u16) -> u32) -> u128 {
    let (a, b) = (split16(a), split16(b));
    join32(core::array::from_fn(|i| f(a[offset + i], b[offset + i])))
}

/// The 2 `u64` lanes made by applying `f` to `u32` lanes `offset..offset + 2` of `a` and `b`.
#[inline]
fn widen_zip32(a: u128, b: u128, offset: usize, f: impl Fn(u32, u32) -> u64) -> u128 {
    let (a, b) = (split32(a), split32(b));
    join64(core::array::from_fn(|i| f(a[offset + i], b[offset + i])))
}

/// The 8 `u16` lanes made by applying `f` to each adjacent pair of `u8` lanes of `a`.
#[inline]
fn pairwise8(a: u128, f: impl Fn(u8, u8) -> u16) -> u128 {
    let a = split8(a);
    join16(core::array::from_fn(|i| f(a[2 * i], a[2 * i + 1])))
}

/// The 4 `u32` lanes made by applying `f` to each adjacent pair of `u16` lanes of `a`.
#[inline]
fn pairwise16(a: u128, f: impl Fn(u16, u16) -> u32) -> u128 {
    let a = split16(a);
    join32(core::array::from_fn(|i| f(a[2 * i], a[2 * i + 1])))
}

/// The 16 `u8` lanes made by applying `f` to the `u16` lanes of `a` (low half) then `b`.
#[inline]
fn narrow16(a: u128, b: u128, f: impl Fn(u16) -> u8) -> u128 {
    let (a, b) = (split16(a), split16(b));
    join8(core::array::from_fn(|i| f(if i < 8 { a[i] } else { b[i - 8] })))
}

/// The 8 `u16` lanes made by applying `f` to the `u32` lanes of `a` (low half) then `b`.
#[inline]
fn narrow32(a: u128, b: u128, f: impl Fn(u32) -> u16) -> u128 {
    let (a, b) = (split32(a), split32(b));
    join16(core::array::from_fn(|i| f(if i < 4 { a[i] } else { b[i - 4] })))
}

/// `0x01` in every byte: multiplying a byte by it copies the byte into all 16 lanes.
const REPEAT8: u128 = u128::MAX / 0xFF;
/// `0x0001` in every 16-bit lane.
const REPEAT16: u128 = u128::MAX / 0xFFFF;
/// `0x0000_0001` in every 32-bit lane.
const REPEAT32: u128 = u128::MAX / 0xFFFF_FFFF;
/// `1` in both 64-bit lanes.
const REPEAT64: u128 = u128::MAX / (u64::MAX as u128);
/// The top bit of every 8-bit lane.
const HIGH8: u128 = REPEAT8 << 7;
/// The top bit of every 16-bit lane.
const HIGH16: u128 = REPEAT16 << 15;
/// The top bit of every 32-bit lane (the sign bit of every `f32` lane).
const HIGH32: u128 = REPEAT32 << 31;
/// The top bit of every 64-bit lane (the sign bit of every `f64` lane).
const HIGH64: u128 = REPEAT64 << 63;

/// The bit offset of lane `lane % count` for lanes of `bits` bits (`count` a power of two).
#[inline]
fn lane_shift(lane: u8, count: u8, bits: u32) -> u32 {
    u32::from(lane & (count - 1)) * bits
}

/// Lane-wise wrapping `a + b` for the lane shape whose lane sign bits are `high`, in one
/// 128-bit addition: the sign bits are cleared so no carry crosses a lane, then put back as the
/// exclusive or of both operands' sign bits (the sum's top bit, carry included).
#[inline]
fn swar_add(a: u128, b: u128, high: u128) -> u128 {
    ((a & !high) + (b & !high)) ^ ((a ^ b) & high)
}

/// Lane-wise wrapping `a - b`, as [`swar_add`]: every lane of `a | high` is at least every lane
/// of `b & !high`, so no borrow crosses a lane, and the sign bits are fixed up afterwards.
#[inline]
fn swar_sub(a: u128, b: u128, high: u128) -> u128 {
    ((a | high) - (b & !high)) ^ ((a ^ !b) & high)
}

// ---------------------------------------------------------------------------------------------
// Loads (conversion of already-loaded bytes)
// ---------------------------------------------------------------------------------------------

/// `v128.load8x8_s`: the 8 loaded bytes (little-endian in `bytes`) sign-extended to `i16` lanes.
#[inline]
pub fn v128_load8x8_s(bytes: u64) -> u128 {
    i16x8_extend_low_i8x16_s(u128::from(bytes))
}

/// `v128.load8x8_u`: the 8 loaded bytes (little-endian in `bytes`) zero-extended to `i16` lanes.
#[inline]
pub fn v128_load8x8_u(bytes: u64) -> u128 {
    i16x8_extend_low_i8x16_u(u128::from(bytes))
}

/// `v128.load16x4_s`: the 4 loaded 16-bit values (little-endian in `bytes`) sign-extended to `i32` lanes.
#[inline]
pub fn v128_load16x4_s(bytes: u64) -> u128 {
    i32x4_extend_low_i16x8_s(u128::from(bytes))
}

/// `v128.load16x4_u`: the 4 loaded 16-bit values (little-endian in `bytes`) zero-extended to `i32` lanes.
#[inline]
pub fn v128_load16x4_u(bytes: u64) -> u128 {
    i32x4_extend_low_i16x8_u(u128::from(bytes))
}

/// `v128.load32x2_s`: the 2 loaded 32-bit values (little-endian in `bytes`) sign-extended to `i64` lanes.
#[inline]
pub fn v128_load32x2_s(bytes: u64) -> u128 {
    i64x2_extend_low_i32x4_s(u128::from(bytes))
}

/// `v128.load32x2_u`: the 2 loaded 32-bit values (little-endian in `bytes`) zero-extended to `i64` lanes.
#[inline]
pub fn v128_load32x2_u(bytes: u64) -> u128 {
    i64x2_extend_low_i32x4_u(u128::from(bytes))
}

/// `v128.load32_zero`: the loaded 32-bit value in lane 0, all other bits zero.
#[inline]
pub fn v128_load32_zero(x: u32) -> u128 {
    u128::from(x)
}

/// `v128.load64_zero`: the loaded 64-bit value in lane 0, all other bits zero.
#[inline]
pub fn v128_load64_zero(x: u64) -> u128 {
    u128::from(x)
}

// ---------------------------------------------------------------------------------------------
// Shuffle, swizzle, splat, lanes
// ---------------------------------------------------------------------------------------------

/// `i8x16.shuffle`: lane `i` is byte `lanes[i]` of the 32-byte concatenation `a` then `b`.
// https://webassembly.github.io/spec/core/exec/instructions.html#exec-vec-shuffle
#[inline]
pub fn i8x16_shuffle(a: u128, b: u128, lanes: [u8; 16]) -> u128 {
    let (a, b) = (a.to_le_bytes(), b.to_le_bytes());
    // Bit 4 of the index picks the operand and its low 4 bits the byte (index taken mod 32).
    u128::from_le_bytes(lanes.map(|l| if l & 16 == 0 { a[usize::from(l & 15)] } else { b[usize::from(l & 15)] }))
}

/// `i8x16.swizzle`: lane `i` is byte `s[i]` of `a`, or 0 when `s[i]` is 16 or more.
// https://webassembly.github.io/spec/core/exec/instructions.html#exec-vec-swizzle
#[inline]
pub fn i8x16_swizzle(a: u128, s: u128) -> u128 {
    let a = a.to_le_bytes();
    u128::from_le_bytes(s.to_le_bytes().map(|i| a.get(usize::from(i)).copied().unwrap_or(0)))
}

/// `i8x16.splat`: the low 8 bits of `x` in every lane.
#[inline]
pub fn i8x16_splat(x: i32) -> u128 {
    u128::from(x as u8) * REPEAT8
}

/// `i16x8.splat`: the low 16 bits of `x` in every lane.
#[inline]
pub fn i16x8_splat(x: i32) -> u128 {
    u128::from(x as u16) * REPEAT16
}

/// `i32x4.splat`: `x` in every lane.
#[inline]
pub fn i32x4_splat(x: i32) -> u128 {
    u128::from(x as u32) * REPEAT32
}

/// `i64x2.splat`: `x` in both lanes.
#[inline]
pub fn i64x2_splat(x: i64) -> u128 {
    u128::from(x as u64) * REPEAT64
}

/// `f32x4.splat`: the `f32` with bits `bits` in every lane.
#[inline]
pub fn f32x4_splat(bits: u32) -> u128 {
    u128::from(bits) * REPEAT32
}

/// `f64x2.splat`: the `f64` with bits `bits` in both lanes.
#[inline]
pub fn f64x2_splat(bits: u64) -> u128 {
    u128::from(bits) * REPEAT64
}

/// `i8x16.extract_lane_s`: lane `lane` (mod 16) sign-extended to `i32`.
#[inline]
pub fn i8x16_extract_lane_s(a: u128, lane: u8) -> i32 {
    i32::from((a >> lane_shift(lane, 16, 8)) as i8)
}

/// `i8x16.extract_lane_u`: lane `lane` (mod 16) zero-extended to `i32`.
#[inline]
pub fn i8x16_extract_lane_u(a: u128, lane: u8) -> i32 {
    i32::from((a >> lane_shift(lane, 16, 8)) as u8)
}

/// `i16x8.extract_lane_s`: lane `lane` (mod 8) sign-extended to `i32`.
#[inline]
pub fn i16x8_extract_lane_s(a: u128, lane: u8) -> i32 {
    i32::from((a >> lane_shift(lane, 8, 16)) as i16)
}

/// `i16x8.extract_lane_u`: lane `lane` (mod 8) zero-extended to `i32`.
#[inline]
pub fn i16x8_extract_lane_u(a: u128, lane: u8) -> i32 {
    i32::from((a >> lane_shift(lane, 8, 16)) as u16)
}

/// `i32x4.extract_lane`: lane `lane` (mod 4).
#[inline]
pub fn i32x4_extract_lane(a: u128, lane: u8) -> i32 {
    (a >> lane_shift(lane, 4, 32)) as i32
}

/// `i64x2.extract_lane`: lane `lane` (mod 2).
#[inline]
pub fn i64x2_extract_lane(a: u128, lane: u8) -> i64 {
    (a >> lane_shift(lane, 2, 64)) as i64
}

/// `f32x4.extract_lane`: the bits of lane `lane` (mod 4).
#[inline]
pub fn f32x4_extract_lane(a: u128, lane: u8) -> u32 {
    (a >> lane_shift(lane, 4, 32)) as u32
}

/// `f64x2.extract_lane`: the bits of lane `lane` (mod 2).
#[inline]
pub fn f64x2_extract_lane(a: u128, lane: u8) -> u64 {
    (a >> lane_shift(lane, 2, 64)) as u64
}

/// `i8x16.replace_lane`: `a` with lane `lane` (mod 16) set to the low 8 bits of `x`.
#[inline]
pub fn i8x16_replace_lane(a: u128, lane: u8, x: i32) -> u128 {
    let shift = lane_shift(lane, 16, 8);
    (a & !(u128::from(u8::MAX) << shift)) | (u128::from(x as u8) << shift)
}

/// `i16x8.replace_lane`: `a` with lane `lane` (mod 8) set to the low 16 bits of `x`.
#[inline]
pub fn i16x8_replace_lane(a: u128, lane: u8, x: i32) -> u128 {
    let shift = lane_shift(lane, 8, 16);
    (a & !(u128::from(u16::MAX) << shift)) | (u128::from(x as u16) << shift)
}

/// `i32x4.replace_lane`: `a` with lane `lane` (mod 4) set to `x`.
#[inline]
pub fn i32x4_replace_lane(a: u128, lane: u8, x: i32) -> u128 {
    let shift = lane_shift(lane, 4, 32);
    (a & !(u128::from(u32::MAX) << shift)) | (u128::from(x as u32) << shift)
}

/// `i64x2.replace_lane`: `a` with lane `lane` (mod 2) set to `x`.
#[inline]
pub fn i64x2_replace_lane(a: u128, lane: u8, x: i64) -> u128 {
    let shift = lane_shift(lane, 2, 64);
    (a & !(u128::from(u64::MAX) << shift)) | (u128::from(x as u64) << shift)
}

/// `f32x4.replace_lane`: `a` with lane `lane` (mod 4) set to the `f32` with bits `bits`.
#[inline]
pub fn f32x4_replace_lane(a: u128, lane: u8, bits: u32) -> u128 {
    i32x4_replace_lane(a, lane, bits as i32)
}

/// `f64x2.replace_lane`: `a` with lane `lane` (mod 2) set to the `f64` with bits `bits`.
#[inline]
pub fn f64x2_replace_lane(a: u128, lane: u8, bits: u64) -> u128 {
    i64x2_replace_lane(a, lane, bits as i64)
}

// ---------------------------------------------------------------------------------------------
// Integer comparisons
// ---------------------------------------------------------------------------------------------

/// `i8x16.eq`: all-ones lanes where `a == b`.
#[inline]
pub fn i8x16_eq(a: u128, b: u128) -> u128 {
    cmp8(a, b, |x, y| x == y)
}

/// `i8x16.ne`: all-ones lanes where `a != b`.
#[inline]
pub fn i8x16_ne(a: u128, b: u128) -> u128 {
    cmp8(a, b, |x, y| x != y)
}

/// `i8x16.lt_s`: all-ones lanes where `a < b` as signed.
#[inline]
pub fn i8x16_lt_s(a: u128, b: u128) -> u128 {
    cmp8(a, b, |x, y| (x as i8) < (y as i8))
}

/// `i8x16.lt_u`: all-ones lanes where `a < b` as unsigned.
#[inline]
pub fn i8x16_lt_u(a: u128, b: u128) -> u128 {
    cmp8(a, b, |x, y| x < y)
}

/// `i8x16.gt_s`: all-ones lanes where `a > b` as signed.
#[inline]
pub fn i8x16_gt_s(a: u128, b: u128) -> u128 {
    cmp8(a, b, |x, y| (x as i8) > (y as i8))
}

/// `i8x16.gt_u`: all-ones lanes where `a > b` as unsigned.
#[inline]
pub fn i8x16_gt_u(a: u128, b: u128) -> u128 {
    cmp8(a, b, |x, y| x > y)
}

/// `i8x16.le_s`: all-ones lanes where `a <= b` as signed.
#[inline]
pub fn i8x16_le_s(a: u128, b: u128) -> u128 {
    cmp8(a, b, |x, y| (x as i8) <= (y as i8))
}

/// `i8x16.le_u`: all-ones lanes where `a <= b` as unsigned.
#[inline]
pub fn i8x16_le_u(a: u128, b: u128) -> u128 {
    cmp8(a, b, |x, y| x <= y)
}

/// `i8x16.ge_s`: all-ones lanes where `a >= b` as signed.
#[inline]
pub fn i8x16_ge_s(a: u128, b: u128) -> u128 {
    cmp8(a, b, |x, y| (x as i8) >= (y as i8))
}

/// `i8x16.ge_u`: all-ones lanes where `a >= b` as unsigned.
#[inline]
pub fn i8x16_ge_u(a: u128, b: u128) -> u128 {
    cmp8(a, b, |x, y| x >= y)
}

/// `i16x8.eq`: all-ones lanes where `a == b`.
#[inline]
pub fn i16x8_eq(a: u128, b: u128) -> u128 {
    cmp16(a, b, |x, y| x == y)
}

/// `i16x8.ne`: all-ones lanes where `a != b`.
#[inline]
pub fn i16x8_ne(a: u128, b: u128) -> u128 {
    cmp16(a, b, |x, y| x != y)
}

/// `i16x8.lt_s`: all-ones lanes where `a < b` as signed.
#[inline]
pub fn i16x8_lt_s(a: u128, b: u128) -> u128 {
    cmp16(a, b, |x, y| (x as i16) < (y as i16))
}

/// `i16x8.lt_u`: all-ones lanes where `a < b` as unsigned.
#[inline]
pub fn i16x8_lt_u(a: u128, b: u128) -> u128 {
    cmp16(a, b, |x, y| x < y)
}

/// `i16x8.gt_s`: all-ones lanes where `a > b` as signed.
#[inline]
pub fn i16x8_gt_s(a: u128, b: u128) -> u128 {
    cmp16(a, b, |x, y| (x as i16) > (y as i16))
}

/// `i16x8.gt_u`: all-ones lanes where `a > b` as unsigned.
#[inline]
pub fn i16x8_gt_u(a: u128, b: u128) -> u128 {
    cmp16(a, b, |x, y| x > y)
}

/// `i16x8.le_s`: all-ones lanes where `a <= b` as signed.
#[inline]
pub fn i16x8_le_s(a: u128, b: u128) -> u128 {
    cmp16(a, b, |x, y| (x as i16) <= (y as i16))
}

/// `i16x8.le_u`: all-ones lanes where `a <= b` as unsigned.
#[inline]
pub fn i16x8_le_u(a: u128, b: u128) -> u128 {
    cmp16(a, b, |x, y| x <= y)
}

/// `i16x8.ge_s`: all-ones lanes where `a >= b` as signed.
#[inline]
pub fn i16x8_ge_s(a: u128, b: u128) -> u128 {
    cmp16(a, b, |x, y| (x as i16) >= (y as i16))
}

/// `i16x8.ge_u`: all-ones lanes where `a >= b` as unsigned.
#[inline]
pub fn i16x8_ge_u(a: u128, b: u128) -> u128 {
    cmp16(a, b, |x, y| x >= y)
}

/// `i32x4.eq`: all-ones lanes where `a == b`.
#[inline]
pub fn i32x4_eq(a: u128, b: u128) -> u128 {
    cmp32(a, b, |x, y| x == y)
}

/// `i32x4.ne`: all-ones lanes where `a != b`.
#[inline]
pub fn i32x4_ne(a: u128, b: u128) -> u128 {
    cmp32(a, b, |x, y| x != y)
}

/// `i32x4.lt_s`: all-ones lanes where `a < b` as signed.
#[inline]
pub fn i32x4_lt_s(a: u128, b: u128) -> u128 {
    cmp32(a, b, |x, y| (x as i32) < (y as i32))
}

/// `i32x4.lt_u`: all-ones lanes where `a < b` as unsigned.
#[inline]
pub fn i32x4_lt_u(a: u128, b: u128) -> u128 {
    cmp32(a, b, |x, y| x < y)
}

/// `i32x4.gt_s`: all-ones lanes where `a > b` as signed.
#[inline]
pub fn i32x4_gt_s(a: u128, b: u128) -> u128 {
    cmp32(a, b, |x, y| (x as i32) > (y as i32))
}

/// `i32x4.gt_u`: all-ones lanes where `a > b` as unsigned.
#[inline]
pub fn i32x4_gt_u(a: u128, b: u128) -> u128 {
    cmp32(a, b, |x, y| x > y)
}

/// `i32x4.le_s`: all-ones lanes where `a <= b` as signed.
#[inline]
pub fn i32x4_le_s(a: u128, b: u128) -> u128 {
    cmp32(a, b, |x, y| (x as i32) <= (y as i32))
}

/// `i32x4.le_u`: all-ones lanes where `a <= b` as unsigned.
#[inline]
pub fn i32x4_le_u(a: u128, b: u128) -> u128 {
    cmp32(a, b, |x, y| x <= y)
}

/// `i32x4.ge_s`: all-ones lanes where `a >= b` as signed.
#[inline]
pub fn i32x4_ge_s(a: u128, b: u128) -> u128 {
    cmp32(a, b, |x, y| (x as i32) >= (y as i32))
}

/// `i32x4.ge_u`: all-ones lanes where `a >= b` as unsigned.
#[inline]
pub fn i32x4_ge_u(a: u128, b: u128) -> u128 {
    cmp32(a, b, |x, y| x >= y)
}

/// `i64x2.eq`: all-ones lanes where `a == b`.
#[inline]
pub fn i64x2_eq(a: u128, b: u128) -> u128 {
    cmp64(a, b, |x, y| x == y)
}

/// `i64x2.ne`: all-ones lanes where `a != b`.
#[inline]
pub fn i64x2_ne(a: u128, b: u128) -> u128 {
    cmp64(a, b, |x, y| x != y)
}

/// `i64x2.lt_s`: all-ones lanes where `a < b` as signed.
#[inline]
pub fn i64x2_lt_s(a: u128, b: u128) -> u128 {
    cmp64(a, b, |x, y| (x as i64) < (y as i64))
}

/// `i64x2.gt_s`: all-ones lanes where `a > b` as signed.
#[inline]
pub fn i64x2_gt_s(a: u128, b: u128) -> u128 {
    cmp64(a, b, |x, y| (x as i64) > (y as i64))
}

/// `i64x2.le_s`: all-ones lanes where `a <= b` as signed.
#[inline]
pub fn i64x2_le_s(a: u128, b: u128) -> u128 {
    cmp64(a, b, |x, y| (x as i64) <= (y as i64))
}

/// `i64x2.ge_s`: all-ones lanes where `a >= b` as signed.
#[inline]
pub fn i64x2_ge_s(a: u128, b: u128) -> u128 {
    cmp64(a, b, |x, y| (x as i64) >= (y as i64))
}

// ---------------------------------------------------------------------------------------------
// Float comparisons
// ---------------------------------------------------------------------------------------------
//
// IEEE comparisons: every comparison with a NaN is false except `ne`, and `-0.0 == +0.0`.

/// `f32x4.eq`: all-ones lanes where `a == b`.
#[inline]
pub fn f32x4_eq(a: u128, b: u128) -> u128 {
    cmp_f32(a, b, |x, y| x == y)
}

/// `f32x4.ne`: all-ones lanes where `a != b` (including where either is NaN).
#[inline]
pub fn f32x4_ne(a: u128, b: u128) -> u128 {
    cmp_f32(a, b, |x, y| x != y)
}

/// `f32x4.lt`: all-ones lanes where `a < b`.
#[inline]
pub fn f32x4_lt(a: u128, b: u128) -> u128 {
    cmp_f32(a, b, |x, y| x < y)
}

/// `f32x4.gt`: all-ones lanes where `a > b`.
#[inline]
pub fn f32x4_gt(a: u128, b: u128) -> u128 {
    cmp_f32(a, b, |x, y| x > y)
}

/// `f32x4.le`: all-ones lanes where `a <= b`.
#[inline]
pub fn f32x4_le(a: u128, b: u128) -> u128 {
    cmp_f32(a, b, |x, y| x <= y)
}

/// `f32x4.ge`: all-ones lanes where `a >= b`.
#[inline]
pub fn f32x4_ge(a: u128, b: u128) -> u128 {
    cmp_f32(a, b, |x, y| x >= y)
}

/// `f64x2.eq`: all-ones lanes where `a == b`.
#[inline]
pub fn f64x2_eq(a: u128, b: u128) -> u128 {
    cmp_f64(a, b, |x, y| x == y)
}

/// `f64x2.ne`: all-ones lanes where `a != b` (including where either is NaN).
#[inline]
pub fn f64x2_ne(a: u128, b: u128) -> u128 {
    cmp_f64(a, b, |x, y| x != y)
}

/// `f64x2.lt`: all-ones lanes where `a < b`.
#[inline]
pub fn f64x2_lt(a: u128, b: u128) -> u128 {
    cmp_f64(a, b, |x, y| x < y)
}

/// `f64x2.gt`: all-ones lanes where `a > b`.
#[inline]
pub fn f64x2_gt(a: u128, b: u128) -> u128 {
    cmp_f64(a, b, |x, y| x > y)
}

/// `f64x2.le`: all-ones lanes where `a <= b`.
#[inline]
pub fn f64x2_le(a: u128, b: u128) -> u128 {
    cmp_f64(a, b, |x, y| x <= y)
}

/// `f64x2.ge`: all-ones lanes where `a >= b`.
#[inline]
pub fn f64x2_ge(a: u128, b: u128) -> u128 {
    cmp_f64(a, b, |x, y| x >= y)
}

// ---------------------------------------------------------------------------------------------
// Bitwise operations and reductions
// ---------------------------------------------------------------------------------------------

/// `v128.not`: bitwise complement.
#[inline]
pub fn v128_not(a: u128) -> u128 {
    !a
}

/// `v128.and`: bitwise and.
#[inline]
pub fn v128_and(a: u128, b: u128) -> u128 {
    a & b
}

/// `v128.andnot`: `a` and the complement of `b`.
#[inline]
pub fn v128_andnot(a: u128, b: u128) -> u128 {
    a & !b
}

/// `v128.or`: bitwise or.
#[inline]
pub fn v128_or(a: u128, b: u128) -> u128 {
    a | b
}

/// `v128.xor`: bitwise exclusive or.
#[inline]
pub fn v128_xor(a: u128, b: u128) -> u128 {
    a ^ b
}

/// `v128.bitselect`: bits of `a` where `mask` is 1, bits of `b` where it is 0.
#[inline]
pub fn v128_bitselect(a: u128, b: u128, mask: u128) -> u128 {
    (a & mask) | (b & !mask)
}

/// `v128.any_true`: 1 if any bit of `a` is set, else 0.
#[inline]
pub fn v128_any_true(a: u128) -> i32 {
    i32::from(a != 0)
}

/// `i8x16.all_true`: 1 if every lane is non-zero, else 0.
#[inline]
pub fn i8x16_all_true(a: u128) -> i32 {
    i32::from(split8(a).iter().fold(true, |all, &x| all & (x != 0)))
}

/// `i16x8.all_true`: 1 if every lane is non-zero, else 0.
#[inline]
pub fn i16x8_all_true(a: u128) -> i32 {
    i32::from(split16(a).iter().fold(true, |all, &x| all & (x != 0)))
}

/// `i32x4.all_true`: 1 if every lane is non-zero, else 0.
#[inline]
pub fn i32x4_all_true(a: u128) -> i32 {
    i32::from(split32(a).iter().fold(true, |all, &x| all & (x != 0)))
}

/// `i64x2.all_true`: 1 if every lane is non-zero, else 0.
#[inline]
pub fn i64x2_all_true(a: u128) -> i32 {
    i32::from(split64(a).iter().fold(true, |all, &x| all & (x != 0)))
}

/// `i8x16.bitmask`: bit `i` of the result is the sign bit of lane `i`.
#[inline]
pub fn i8x16_bitmask(a: u128) -> i32 {
    split8(a).iter().enumerate().fold(0, |m, (i, &x)| m | (i32::from(x >> 7) << i))
}

/// `i16x8.bitmask`: bit `i` of the result is the sign bit of lane `i`.
#[inline]
pub fn i16x8_bitmask(a: u128) -> i32 {
    split16(a).iter().enumerate().fold(0, |m, (i, &x)| m | (i32::from(x >> 15) << i))
}

/// `i32x4.bitmask`: bit `i` of the result is the sign bit of lane `i`.
#[inline]
pub fn i32x4_bitmask(a: u128) -> i32 {
    split32(a).iter().enumerate().fold(0, |m, (i, &x)| m | (((x >> 31) as i32) << i))
}

/// `i64x2.bitmask`: bit `i` of the result is the sign bit of lane `i`.
#[inline]
pub fn i64x2_bitmask(a: u128) -> i32 {
    split64(a).iter().enumerate().fold(0, |m, (i, &x)| m | (((x >> 63) as i32) << i))
}

// ---------------------------------------------------------------------------------------------
// Integer unary operations
// ---------------------------------------------------------------------------------------------
//
// `abs` and `neg` wrap: the absolute value and negation of the lane minimum are the minimum.

/// `i8x16.abs`: lane-wise absolute value; -128 stays -128.
#[inline]
pub fn i8x16_abs(a: u128) -> u128 {
    map8(a, |x| (x as i8).wrapping_abs() as u8)
}

/// `i8x16.neg`: lane-wise wrapping negation.
#[inline]
pub fn i8x16_neg(a: u128) -> u128 {
    swar_sub(0, a, HIGH8)
}

/// `i8x16.popcnt`: lane-wise count of set bits.
#[inline]
pub fn i8x16_popcnt(a: u128) -> u128 {
    map8(a, |x| x.count_ones() as u8)
}

/// `i16x8.abs`: lane-wise absolute value; -32768 stays -32768.
#[inline]
pub fn i16x8_abs(a: u128) -> u128 {
    map16(a, |x| (x as i16).wrapping_abs() as u16)
}

/// `i16x8.neg`: lane-wise wrapping negation.
#[inline]
pub fn i16x8_neg(a: u128) -> u128 {
    swar_sub(0, a, HIGH16)
}

/// `i32x4.abs`: lane-wise absolute value; `i32::MIN` stays `i32::MIN`.
#[inline]
pub fn i32x4_abs(a: u128) -> u128 {
    map32(a, |x| (x as i32).wrapping_abs() as u32)
}

/// `i32x4.neg`: lane-wise wrapping negation.
#[inline]
pub fn i32x4_neg(a: u128) -> u128 {
    swar_sub(0, a, HIGH32)
}

/// `i64x2.abs`: lane-wise absolute value; `i64::MIN` stays `i64::MIN`.
#[inline]
pub fn i64x2_abs(a: u128) -> u128 {
    map64(a, |x| (x as i64).wrapping_abs() as u64)
}

/// `i64x2.neg`: lane-wise wrapping negation.
#[inline]
pub fn i64x2_neg(a: u128) -> u128 {
    map64(a, u64::wrapping_neg)
}

// ---------------------------------------------------------------------------------------------
// Shifts
// ---------------------------------------------------------------------------------------------
//
// https://webassembly.github.io/spec/core/exec/instructions.html#exec-vec-shift
// The count is taken modulo the lane width; `wrapping_shl`/`wrapping_shr` mask it by
// `width - 1`, which is exactly that. A negative `i32` count cast to `u32` keeps its low bits.

/// `i8x16.shl`: lane-wise shift left by `count mod 8`.
#[inline]
pub fn i8x16_shl(a: u128, count: u32) -> u128 {
    map8(a, |x| x.wrapping_shl(count))
}

/// `i8x16.shr_s`: lane-wise arithmetic shift right by `count mod 8`.
#[inline]
pub fn i8x16_shr_s(a: u128, count: u32) -> u128 {
    map8(a, |x| (x as i8).wrapping_shr(count) as u8)
}

/// `i8x16.shr_u`: lane-wise logical shift right by `count mod 8`.
#[inline]
pub fn i8x16_shr_u(a: u128, count: u32) -> u128 {
    map8(a, |x| x.wrapping_shr(count))
}

/// `i16x8.shl`: lane-wise shift left by `count mod 16`.
#[inline]
pub fn i16x8_shl(a: u128, count: u32) -> u128 {
    map16(a, |x| x.wrapping_shl(count))
}

/// `i16x8.shr_s`: lane-wise arithmetic shift right by `count mod 16`.
#[inline]
pub fn i16x8_shr_s(a: u128, count: u32) -> u128 {
    map16(a, |x| (x as i16).wrapping_shr(count) as u16)
}

/// `i16x8.shr_u`: lane-wise logical shift right by `count mod 16`.
#[inline]
pub fn i16x8_shr_u(a: u128, count: u32) -> u128 {
    map16(a, |x| x.wrapping_shr(count))
}

/// `i32x4.shl`: lane-wise shift left by `count mod 32`.
#[inline]
pub fn i32x4_shl(a: u128, count: u32) -> u128 {
    map32(a, |x| x.wrapping_shl(count))
}

/// `i32x4.shr_s`: lane-wise arithmetic shift right by `count mod 32`.
#[inline]
pub fn i32x4_shr_s(a: u128, count: u32) -> u128 {
    map32(a, |x| (x as i32).wrapping_shr(count) as u32)
}

/// `i32x4.shr_u`: lane-wise logical shift right by `count mod 32`.
#[inline]
pub fn i32x4_shr_u(a: u128, count: u32) -> u128 {
    map32(a, |x| x.wrapping_shr(count))
}

/// `i64x2.shl`: lane-wise shift left by `count mod 64`.
#[inline]
pub fn i64x2_shl(a: u128, count: u32) -> u128 {
    map64(a, |x| x.wrapping_shl(count))
}

/// `i64x2.shr_s`: lane-wise arithmetic shift right by `count mod 64`.
#[inline]
pub fn i64x2_shr_s(a: u128, count: u32) -> u128 {
    map64(a, |x| (x as i64).wrapping_shr(count) as u64)
}

/// `i64x2.shr_u`: lane-wise logical shift right by `count mod 64`.
#[inline]
pub fn i64x2_shr_u(a: u128, count: u32) -> u128 {
    map64(a, |x| x.wrapping_shr(count))
}

// ---------------------------------------------------------------------------------------------
// Integer binary arithmetic
// ---------------------------------------------------------------------------------------------

/// `i8x16.add`: lane-wise wrapping addition.
#[inline]
pub fn i8x16_add(a: u128, b: u128) -> u128 {
    swar_add(a, b, HIGH8)
}

/// `i8x16.add_sat_s`: lane-wise signed addition saturating to `[-128, 127]`.
#[inline]
pub fn i8x16_add_sat_s(a: u128, b: u128) -> u128 {
    zip8(a, b, |x, y| (x as i8).saturating_add(y as i8) as u8)
}

/// `i8x16.add_sat_u`: lane-wise unsigned addition saturating to `[0, 255]`.
#[inline]
pub fn i8x16_add_sat_u(a: u128, b: u128) -> u128 {
    zip8(a, b, u8::saturating_add)
}

/// `i8x16.sub`: lane-wise wrapping subtraction.
#[inline]
pub fn i8x16_sub(a: u128, b: u128) -> u128 {
    swar_sub(a, b, HIGH8)
}

/// `i8x16.sub_sat_s`: lane-wise signed subtraction saturating to `[-128, 127]`.
#[inline]
pub fn i8x16_sub_sat_s(a: u128, b: u128) -> u128 {
    zip8(a, b, |x, y| (x as i8).saturating_sub(y as i8) as u8)
}

/// `i8x16.sub_sat_u`: lane-wise unsigned subtraction saturating to `[0, 255]`.
#[inline]
pub fn i8x16_sub_sat_u(a: u128, b: u128) -> u128 {
    zip8(a, b, u8::saturating_sub)
}

/// `i8x16.min_s`: lane-wise signed minimum.
#[inline]
pub fn i8x16_min_s(a: u128, b: u128) -> u128 {
    zip8(a, b, |x, y| (x as i8).min(y as i8) as u8)
}

/// `i8x16.min_u`: lane-wise unsigned minimum.
#[inline]
pub fn i8x16_min_u(a: u128, b: u128) -> u128 {
    zip8(a, b, u8::min)
}

/// `i8x16.max_s`: lane-wise signed maximum.
#[inline]
pub fn i8x16_max_s(a: u128, b: u128) -> u128 {
    zip8(a, b, |x, y| (x as i8).max(y as i8) as u8)
}

/// `i8x16.max_u`: lane-wise unsigned maximum.
#[inline]
pub fn i8x16_max_u(a: u128, b: u128) -> u128 {
    zip8(a, b, u8::max)
}

/// `i8x16.avgr_u`: lane-wise unsigned average rounding up, `(a + b + 1) / 2` without overflow.
#[inline]
pub fn i8x16_avgr_u(a: u128, b: u128) -> u128 {
    zip8(a, b, |x, y| ((u16::from(x) + u16::from(y) + 1) >> 1) as u8)
}

/// `i8x16.narrow_i16x8_s`: signed `i16` lanes of `a` then `b` saturated to `i8`.
#[inline]
pub fn i8x16_narrow_i16x8_s(a: u128, b: u128) -> u128 {
    narrow16(a, b, |x| (x as i16).clamp(i8::MIN.into(), i8::MAX.into()) as u8)
}

/// `i8x16.narrow_i16x8_u`: signed `i16` lanes of `a` then `b` saturated to `u8`.
#[inline]
pub fn i8x16_narrow_i16x8_u(a: u128, b: u128) -> u128 {
    narrow16(a, b, |x| (x as i16).clamp(0, u8::MAX.into()) as u8)
}

/// `i16x8.add`: lane-wise wrapping addition.
#[inline]
pub fn i16x8_add(a: u128, b: u128) -> u128 {
    swar_add(a, b, HIGH16)
}

/// `i16x8.add_sat_s`: lane-wise signed addition saturating to `[-32768, 32767]`.
#[inline]
pub fn i16x8_add_sat_s(a: u128, b: u128) -> u128 {
    zip16(a, b, |x, y| (x as i16).saturating_add(y as i16) as u16)
}

/// `i16x8.add_sat_u`: lane-wise unsigned addition saturating to `[0, 65535]`.
#[inline]
pub fn i16x8_add_sat_u(a: u128, b: u128) -> u128 {
    zip16(a, b, u16::saturating_add)
}

/// `i16x8.sub`: lane-wise wrapping subtraction.
#[inline]
pub fn i16x8_sub(a: u128, b: u128) -> u128 {
    swar_sub(a, b, HIGH16)
}

/// `i16x8.sub_sat_s`: lane-wise signed subtraction saturating to `[-32768, 32767]`.
#[inline]
pub fn i16x8_sub_sat_s(a: u128, b: u128) -> u128 {
    zip16(a, b, |x, y| (x as i16).saturating_sub(y as i16) as u16)
}

/// `i16x8.sub_sat_u`: lane-wise unsigned subtraction saturating to `[0, 65535]`.
#[inline]
pub fn i16x8_sub_sat_u(a: u128, b: u128) -> u128 {
    zip16(a, b, u16::saturating_sub)
}

/// `i16x8.mul`: lane-wise wrapping multiplication.
#[inline]
pub fn i16x8_mul(a: u128, b: u128) -> u128 {
    zip16(a, b, u16::wrapping_mul)
}

/// `i16x8.min_s`: lane-wise signed minimum.
#[inline]
pub fn i16x8_min_s(a: u128, b: u128) -> u128 {
    zip16(a, b, |x, y| (x as i16).min(y as i16) as u16)
}

/// `i16x8.min_u`: lane-wise unsigned minimum.
#[inline]
pub fn i16x8_min_u(a: u128, b: u128) -> u128 {
    zip16(a, b, u16::min)
}

/// `i16x8.max_s`: lane-wise signed maximum.
#[inline]
pub fn i16x8_max_s(a: u128, b: u128) -> u128 {
    zip16(a, b, |x, y| (x as i16).max(y as i16) as u16)
}

/// `i16x8.max_u`: lane-wise unsigned maximum.
#[inline]
pub fn i16x8_max_u(a: u128, b: u128) -> u128 {
    zip16(a, b, u16::max)
}

/// `i16x8.avgr_u`: lane-wise unsigned average rounding up, `(a + b + 1) / 2` without overflow.
#[inline]
pub fn i16x8_avgr_u(a: u128, b: u128) -> u128 {
    zip16(a, b, |x, y| ((u32::from(x) + u32::from(y) + 1) >> 1) as u16)
}

/// `i16x8.q15mulr_sat_s`: lane-wise Q15 multiply, `(a * b + 0x4000) >> 15` saturated to `i16`.
// https://webassembly.github.io/spec/core/exec/numerics.html#op-iq15mulrsat-s
// Only -32768 * -32768 overflows (giving 32768), so the clamp is really just the upper bound.
#[inline]
pub fn i16x8_q15mulr_sat_s(a: u128, b: u128) -> u128 {
    zip16(a, b, |x, y| {
        let product = i32::from(x as i16) * i32::from(y as i16);
        ((product + 0x4000) >> 15).clamp(i16::MIN.into(), i16::MAX.into()) as u16
    })
}

/// `i16x8.narrow_i32x4_s`: signed `i32` lanes of `a` then `b` saturated to `i16`.
#[inline]
pub fn i16x8_narrow_i32x4_s(a: u128, b: u128) -> u128 {
    narrow32(a, b, |x| (x as i32).clamp(i16::MIN.into(), i16::MAX.into()) as u16)
}

/// `i16x8.narrow_i32x4_u`: signed `i32` lanes of `a` then `b` saturated to `u16`.
#[inline]
pub fn i16x8_narrow_i32x4_u(a: u128, b: u128) -> u128 {
    narrow32(a, b, |x| (x as i32).clamp(0, u16::MAX.into()) as u16)
}

/// `i16x8.extmul_low_i8x16_s`: products of the sign-extended low 8 lanes of `a` and `b`.
#[inline]
pub fn i16x8_extmul_low_i8x16_s(a: u128, b: u128) -> u128 {
    widen_zip8(a, b, 0, |x, y| (i16::from(x as i8) * i16::from(y as i8)) as u16)
}

/// `i16x8.extmul_high_i8x16_s`: products of the sign-extended high 8 lanes of `a` and `b`.
#[inline]
pub fn i16x8_extmul_high_i8x16_s(a: u128, b: u128) -> u128 {
    widen_zip8(a, b, 8, |x, y| (i16::from(x as i8) * i16::from(y as i8)) as u16)
}

/// `i16x8.extmul_low_i8x16_u`: products of the zero-extended low 8 lanes of `a` and `b`.
#[inline]
pub fn i16x8_extmul_low_i8x16_u(a: u128, b: u128) -> u128 {
    widen_zip8(a, b, 0, |x, y| u16::from(x) * u16::from(y))
}

/// `i16x8.extmul_high_i8x16_u`: products of the zero-extended high 8 lanes of `a` and `b`.
#[inline]
pub fn i16x8_extmul_high_i8x16_u(a: u128, b: u128) -> u128 {
    widen_zip8(a, b, 8, |x, y| u16::from(x) * u16::from(y))
}

/// `i32x4.add`: lane-wise wrapping addition.
#[inline]
pub fn i32x4_add(a: u128, b: u128) -> u128 {
    swar_add(a, b, HIGH32)
}

/// `i32x4.sub`: lane-wise wrapping subtraction.
#[inline]
pub fn i32x4_sub(a: u128, b: u128) -> u128 {
    swar_sub(a, b, HIGH32)
}

/// `i32x4.mul`: lane-wise wrapping multiplication.
#[inline]
pub fn i32x4_mul(a: u128, b: u128) -> u128 {
    zip32(a, b, u32::wrapping_mul)
}

/// `i32x4.min_s`: lane-wise signed minimum.
#[inline]
pub fn i32x4_min_s(a: u128, b: u128) -> u128 {
    zip32(a, b, |x, y| (x as i32).min(y as i32) as u32)
}

/// `i32x4.min_u`: lane-wise unsigned minimum.
#[inline]
pub fn i32x4_min_u(a: u128, b: u128) -> u128 {
    zip32(a, b, u32::min)
}

/// `i32x4.max_s`: lane-wise signed maximum.
#[inline]
pub fn i32x4_max_s(a: u128, b: u128) -> u128 {
    zip32(a, b, |x, y| (x as i32).max(y as i32) as u32)
}

/// `i32x4.max_u`: lane-wise unsigned maximum.
#[inline]
pub fn i32x4_max_u(a: u128, b: u128) -> u128 {
    zip32(a, b, u32::max)
}

/// `i32x4.dot_i16x8_s`: lane `i` is `a[2i] * b[2i] + a[2i+1] * b[2i+1]` (signed, sum wrapping).
// https://webassembly.github.io/spec/core/exec/instructions.html#exec-vec-dot
// Each product fits in `i32`; only the sum of two `-32768 * -32768` products (2^31) wraps.
#[inline]
pub fn i32x4_dot_i16x8_s(a: u128, b: u128) -> u128 {
    let (a, b) = (split16(a), split16(b));
    let product = |i: usize| i32::from(a[i] as i16) * i32::from(b[i] as i16);
    join32(core::array::from_fn(|i| product(2 * i).wrapping_add(product(2 * i + 1)) as u32))
}

/// `i32x4.extmul_low_i16x8_s`: products of the sign-extended low 4 lanes of `a` and `b`.
#[inline]
pub fn i32x4_extmul_low_i16x8_s(a: u128, b: u128) -> u128 {
    widen_zip16(a, b, 0, |x, y| (i32::from(x as i16) * i32::from(y as i16)) as u32)
}

/// `i32x4.extmul_high_i16x8_s`: products of the sign-extended high 4 lanes of `a` and `b`.
#[inline]
pub fn i32x4_extmul_high_i16x8_s(a: u128, b: u128) -> u128 {
    widen_zip16(a, b, 4, |x, y| (i32::from(x as i16) * i32::from(y as i16)) as u32)
}

/// `i32x4.extmul_low_i16x8_u`: products of the zero-extended low 4 lanes of `a` and `b`.
#[inline]
pub fn i32x4_extmul_low_i16x8_u(a: u128, b: u128) -> u128 {
    widen_zip16(a, b, 0, |x, y| u32::from(x) * u32::from(y))
}

/// `i32x4.extmul_high_i16x8_u`: products of the zero-extended high 4 lanes of `a` and `b`.
#[inline]
pub fn i32x4_extmul_high_i16x8_u(a: u128, b: u128) -> u128 {
    widen_zip16(a, b, 4, |x, y| u32::from(x) * u32::from(y))
}

/// `i64x2.add`: lane-wise wrapping addition.
#[inline]
pub fn i64x2_add(a: u128, b: u128) -> u128 {
    zip64(a, b, u64::wrapping_add)
}

/// `i64x2.sub`: lane-wise wrapping subtraction.
#[inline]
pub fn i64x2_sub(a: u128, b: u128) -> u128 {
    zip64(a, b, u64::wrapping_sub)
}

/// `i64x2.mul`: lane-wise wrapping multiplication.
#[inline]
pub fn i64x2_mul(a: u128, b: u128) -> u128 {
    zip64(a, b, u64::wrapping_mul)
}

/// `i64x2.extmul_low_i32x4_s`: products of the sign-extended low 2 lanes of `a` and `b`.
#[inline]
pub fn i64x2_extmul_low_i32x4_s(a: u128, b: u128) -> u128 {
    widen_zip32(a, b, 0, |x, y| (i64::from(x as i32) * i64::from(y as i32)) as u64)
}

/// `i64x2.extmul_high_i32x4_s`: products of the sign-extended high 2 lanes of `a` and `b`.
#[inline]
pub fn i64x2_extmul_high_i32x4_s(a: u128, b: u128) -> u128 {
    widen_zip32(a, b, 2, |x, y| (i64::from(x as i32) * i64::from(y as i32)) as u64)
}

/// `i64x2.extmul_low_i32x4_u`: products of the zero-extended low 2 lanes of `a` and `b`.
#[inline]
pub fn i64x2_extmul_low_i32x4_u(a: u128, b: u128) -> u128 {
    widen_zip32(a, b, 0, |x, y| u64::from(x) * u64::from(y))
}

/// `i64x2.extmul_high_i32x4_u`: products of the zero-extended high 2 lanes of `a` and `b`.
#[inline]
pub fn i64x2_extmul_high_i32x4_u(a: u128, b: u128) -> u128 {
    widen_zip32(a, b, 2, |x, y| u64::from(x) * u64::from(y))
}

// ---------------------------------------------------------------------------------------------
// Integer widening
// ---------------------------------------------------------------------------------------------

/// `i16x8.extadd_pairwise_i8x16_s`: sums of adjacent sign-extended lane pairs.
#[inline]
pub fn i16x8_extadd_pairwise_i8x16_s(a: u128) -> u128 {
    pairwise8(a, |x, y| (i16::from(x as i8) + i16::from(y as i8)) as u16)
}

/// `i16x8.extadd_pairwise_i8x16_u`: sums of adjacent zero-extended lane pairs.
#[inline]
pub fn i16x8_extadd_pairwise_i8x16_u(a: u128) -> u128 {
    pairwise8(a, |x, y| u16::from(x) + u16::from(y))
}

/// `i32x4.extadd_pairwise_i16x8_s`: sums of adjacent sign-extended lane pairs.
#[inline]
pub fn i32x4_extadd_pairwise_i16x8_s(a: u128) -> u128 {
    pairwise16(a, |x, y| (i32::from(x as i16) + i32::from(y as i16)) as u32)
}

/// `i32x4.extadd_pairwise_i16x8_u`: sums of adjacent zero-extended lane pairs.
#[inline]
pub fn i32x4_extadd_pairwise_i16x8_u(a: u128) -> u128 {
    pairwise16(a, |x, y| u32::from(x) + u32::from(y))
}

/// `i16x8.extend_low_i8x16_s`: the low 8 lanes sign-extended to 16 bits.
#[inline]
pub fn i16x8_extend_low_i8x16_s(a: u128) -> u128 {
    widen8(a, 0, |x| i16::from(x as i8) as u16)
}

/// `i16x8.extend_high_i8x16_s`: the high 8 lanes sign-extended to 16 bits.
#[inline]
pub fn i16x8_extend_high_i8x16_s(a: u128) -> u128 {
    widen8(a, 8, |x| i16::from(x as i8) as u16)
}

/// `i16x8.extend_low_i8x16_u`: the low 8 lanes zero-extended to 16 bits.
#[inline]
pub fn i16x8_extend_low_i8x16_u(a: u128) -> u128 {
    widen8(a, 0, u16::from)
}

/// `i16x8.extend_high_i8x16_u`: the high 8 lanes zero-extended to 16 bits.
#[inline]
pub fn i16x8_extend_high_i8x16_u(a: u128) -> u128 {
    widen8(a, 8, u16::from)
}

/// `i32x4.extend_low_i16x8_s`: the low 4 lanes sign-extended to 32 bits.
#[inline]
pub fn i32x4_extend_low_i16x8_s(a: u128) -> u128 {
    widen16(a, 0, |x| i32::from(x as i16) as u32)
}

/// `i32x4.extend_high_i16x8_s`: the high 4 lanes sign-extended to 32 bits.
#[inline]
pub fn i32x4_extend_high_i16x8_s(a: u128) -> u128 {
    widen16(a, 4, |x| i32::from(x as i16) as u32)
}

/// `i32x4.extend_low_i16x8_u`: the low 4 lanes zero-extended to 32 bits.
#[inline]
pub fn i32x4_extend_low_i16x8_u(a: u128) -> u128 {
    widen16(a, 0, u32::from)
}

/// `i32x4.extend_high_i16x8_u`: the high 4 lanes zero-extended to 32 bits.
#[inline]
pub fn i32x4_extend_high_i16x8_u(a: u128) -> u128 {
    widen16(a, 4, u32::from)
}

/// `i64x2.extend_low_i32x4_s`: the low 2 lanes sign-extended to 64 bits.
#[inline]
pub fn i64x2_extend_low_i32x4_s(a: u128) -> u128 {
    widen32(a, 0, |x| i64::from(x as i32) as u64)
}

/// `i64x2.extend_high_i32x4_s`: the high 2 lanes sign-extended to 64 bits.
#[inline]
pub fn i64x2_extend_high_i32x4_s(a: u128) -> u128 {
    widen32(a, 2, |x| i64::from(x as i32) as u64)
}

/// `i64x2.extend_low_i32x4_u`: the low 2 lanes zero-extended to 64 bits.
#[inline]
pub fn i64x2_extend_low_i32x4_u(a: u128) -> u128 {
    widen32(a, 0, u64::from)
}

/// `i64x2.extend_high_i32x4_u`: the high 2 lanes zero-extended to 64 bits.
#[inline]
pub fn i64x2_extend_high_i32x4_u(a: u128) -> u128 {
    widen32(a, 2, u64::from)
}

// ---------------------------------------------------------------------------------------------
// Float unary operations
// ---------------------------------------------------------------------------------------------
//
// `abs` and `neg` are sign-bit operations on every lane at once, exactly the scalar `f32_abs` /
// `f32_neg` (NaN payloads, signalling or not, are kept). Rounding and `sqrt` go through the
// scalar functions, which return an arithmetic NaN for a NaN lane.

/// `f32x4.ceil`: lane-wise round toward positive infinity.
#[inline]
pub fn f32x4_ceil(a: u128) -> u128 {
    map_f32(a, f32_ceil)
}

/// `f32x4.floor`: lane-wise round toward negative infinity.
#[inline]
pub fn f32x4_floor(a: u128) -> u128 {
    map_f32(a, f32_floor)
}

/// `f32x4.trunc`: lane-wise round toward zero.
#[inline]
pub fn f32x4_trunc(a: u128) -> u128 {
    map_f32(a, f32_trunc)
}

/// `f32x4.nearest`: lane-wise round to nearest integer, ties to even.
#[inline]
pub fn f32x4_nearest(a: u128) -> u128 {
    map_f32(a, f32_nearest)
}

/// `f32x4.abs`: clear every lane's sign bit, preserving NaN payloads.
#[inline]
pub fn f32x4_abs(a: u128) -> u128 {
    a & !HIGH32
}

/// `f32x4.neg`: flip every lane's sign bit, preserving NaN payloads.
#[inline]
pub fn f32x4_neg(a: u128) -> u128 {
    a ^ HIGH32
}

/// `f32x4.sqrt`: lane-wise correctly rounded square root.
#[inline]
pub fn f32x4_sqrt(a: u128) -> u128 {
    map_f32(a, f32_sqrt)
}

/// `f64x2.ceil`: lane-wise round toward positive infinity.
#[inline]
pub fn f64x2_ceil(a: u128) -> u128 {
    map_f64(a, f64_ceil)
}

/// `f64x2.floor`: lane-wise round toward negative infinity.
#[inline]
pub fn f64x2_floor(a: u128) -> u128 {
    map_f64(a, f64_floor)
}

/// `f64x2.trunc`: lane-wise round toward zero.
#[inline]
pub fn f64x2_trunc(a: u128) -> u128 {
    map_f64(a, f64_trunc)
}

/// `f64x2.nearest`: lane-wise round to nearest integer, ties to even.
#[inline]
pub fn f64x2_nearest(a: u128) -> u128 {
    map_f64(a, f64_nearest)
}

/// `f64x2.abs`: clear every lane's sign bit, preserving NaN payloads.
#[inline]
pub fn f64x2_abs(a: u128) -> u128 {
    a & !HIGH64
}

/// `f64x2.neg`: flip every lane's sign bit, preserving NaN payloads.
#[inline]
pub fn f64x2_neg(a: u128) -> u128 {
    a ^ HIGH64
}

/// `f64x2.sqrt`: lane-wise correctly rounded square root.
#[inline]
pub fn f64x2_sqrt(a: u128) -> u128 {
    map_f64(a, f64_sqrt)
}

// ---------------------------------------------------------------------------------------------
// Float binary operations
// ---------------------------------------------------------------------------------------------
//
// Rust's `+ - * /` are IEEE 754 round-to-nearest-even and, for a NaN result, return a quiet NaN
// carrying an input payload or the canonical one: the arithmetic NaN Wasm allows.
// `min`/`max` follow Wasm (NaN-propagating, -0 < +0) via the scalar functions. `pmin`/`pmax`
// are the "pseudo" variants defined by a single `<` and return one operand bit for bit:
// https://webassembly.github.io/spec/core/exec/numerics.html#op-fpmin

/// `f32x4.add`: lane-wise addition.
#[inline]
pub fn f32x4_add(a: u128, b: u128) -> u128 {
    zip_f32(a, b, |x, y| x + y)
}

/// `f32x4.sub`: lane-wise subtraction.
#[inline]
pub fn f32x4_sub(a: u128, b: u128) -> u128 {
    zip_f32(a, b, |x, y| x - y)
}

/// `f32x4.mul`: lane-wise multiplication.
#[inline]
pub fn f32x4_mul(a: u128, b: u128) -> u128 {
    zip_f32(a, b, |x, y| x * y)
}

/// `f32x4.div`: lane-wise division.
#[inline]
pub fn f32x4_div(a: u128, b: u128) -> u128 {
    zip_f32(a, b, |x, y| x / y)
}

/// `f32x4.min`: lane-wise Wasm `min` (NaN if either lane is NaN; -0 below +0).
#[inline]
pub fn f32x4_min(a: u128, b: u128) -> u128 {
    zip_f32(a, b, f32_min)
}

/// `f32x4.max`: lane-wise Wasm `max` (NaN if either lane is NaN; +0 above -0).
#[inline]
pub fn f32x4_max(a: u128, b: u128) -> u128 {
    zip_f32(a, b, f32_max)
}

/// `f32x4.pmin`: lane-wise `if b < a { b } else { a }`, returning the chosen lane's exact bits.
#[inline]
pub fn f32x4_pmin(a: u128, b: u128) -> u128 {
    zip32(a, b, |x, y| if f32::from_bits(y) < f32::from_bits(x) { y } else { x })
}

/// `f32x4.pmax`: lane-wise `if a < b { b } else { a }`, returning the chosen lane's exact bits.
#[inline]
pub fn f32x4_pmax(a: u128, b: u128) -> u128 {
    zip32(a, b, |x, y| if f32::from_bits(x) < f32::from_bits(y) { y } else { x })
}

/// `f64x2.add`: lane-wise addition.
#[inline]
pub fn f64x2_add(a: u128, b: u128) -> u128 {
    zip_f64(a, b, |x, y| x + y)
}

/// `f64x2.sub`: lane-wise subtraction.
#[inline]
pub fn f64x2_sub(a: u128, b: u128) -> u128 {
    zip_f64(a, b, |x, y| x - y)
}

/// `f64x2.mul`: lane-wise multiplication.
#[inline]
pub fn f64x2_mul(a: u128, b: u128) -> u128 {
    zip_f64(a, b, |x, y| x * y)
}

/// `f64x2.div`: lane-wise division.
#[inline]
pub fn f64x2_div(a: u128, b: u128) -> u128 {
    zip_f64(a, b, |x, y| x / y)
}

/// `f64x2.min`: lane-wise Wasm `min` (NaN if either lane is NaN; -0 below +0).
#[inline]
pub fn f64x2_min(a: u128, b: u128) -> u128 {
    zip_f64(a, b, f64_min)
}

/// `f64x2.max`: lane-wise Wasm `max` (NaN if either lane is NaN; +0 above -0).
#[inline]
pub fn f64x2_max(a: u128, b: u128) -> u128 {
    zip_f64(a, b, f64_max)
}

/// `f64x2.pmin`: lane-wise `if b < a { b } else { a }`, returning the chosen lane's exact bits.
#[inline]
pub fn f64x2_pmin(a: u128, b: u128) -> u128 {
    zip64(a, b, |x, y| if f64::from_bits(y) < f64::from_bits(x) { y } else { x })
}

/// `f64x2.pmax`: lane-wise `if a < b { b } else { a }`, returning the chosen lane's exact bits.
#[inline]
pub fn f64x2_pmax(a: u128, b: u128) -> u128 {
    zip64(a, b, |x, y| if f64::from_bits(x) < f64::from_bits(y) { y } else { x })
}

// ---------------------------------------------------------------------------------------------
// Conversions
// ---------------------------------------------------------------------------------------------
//
// Each lane follows the scalar instruction of the same name. The `_zero` variants fill the upper
// two 32-bit lanes with zero bits (for `demote`, `+0.0`); the `_low` variants read only the low
// two 32-bit lanes.

/// `i32x4.trunc_sat_f32x4_s`: lane-wise `i32.trunc_sat_f32_s` (NaN gives 0, out of range clamps).
#[inline]
pub fn i32x4_trunc_sat_f32x4_s(a: u128) -> u128 {
    map32(a, |x| i32_trunc_sat_f32_s(f32::from_bits(x)) as u32)
}

/// `i32x4.trunc_sat_f32x4_u`: lane-wise `i32.trunc_sat_f32_u` (NaN gives 0, out of range clamps).
#[inline]
pub fn i32x4_trunc_sat_f32x4_u(a: u128) -> u128 {
    map32(a, |x| i32_trunc_sat_f32_u(f32::from_bits(x)))
}

/// `f32x4.convert_i32x4_s`: lane-wise `f32.convert_i32_s`.
#[inline]
pub fn f32x4_convert_i32x4_s(a: u128) -> u128 {
    map32(a, |x| f32_convert_i32_s(x as i32).to_bits())
}

/// `f32x4.convert_i32x4_u`: lane-wise `f32.convert_i32_u`.
#[inline]
pub fn f32x4_convert_i32x4_u(a: u128) -> u128 {
    map32(a, |x| f32_convert_i32_u(x).to_bits())
}

/// `i32x4.trunc_sat_f64x2_s_zero`: `i32.trunc_sat_f64_s` of both lanes into lanes 0-1; lanes 2-3 are 0.
#[inline]
pub fn i32x4_trunc_sat_f64x2_s_zero(a: u128) -> u128 {
    let [x, y] = split64(a).map(|x| i32_trunc_sat_f64_s(f64::from_bits(x)) as u32);
    join32([x, y, 0, 0])
}

/// `i32x4.trunc_sat_f64x2_u_zero`: `i32.trunc_sat_f64_u` of both lanes into lanes 0-1; lanes 2-3 are 0.
#[inline]
pub fn i32x4_trunc_sat_f64x2_u_zero(a: u128) -> u128 {
    let [x, y] = split64(a).map(|x| i32_trunc_sat_f64_u(f64::from_bits(x)));
    join32([x, y, 0, 0])
}

/// `f64x2.convert_low_i32x4_s`: `f64.convert_i32_s` of `i32` lanes 0 and 1.
#[inline]
pub fn f64x2_convert_low_i32x4_s(a: u128) -> u128 {
    widen32(a, 0, |x| f64_convert_i32_s(x as i32).to_bits())
}

/// `f64x2.convert_low_i32x4_u`: `f64.convert_i32_u` of `i32` lanes 0 and 1.
#[inline]
pub fn f64x2_convert_low_i32x4_u(a: u128) -> u128 {
    widen32(a, 0, |x| f64_convert_i32_u(x).to_bits())
}

/// `f32x4.demote_f64x2_zero`: `f32.demote_f64` of both lanes into lanes 0-1; lanes 2-3 are `+0.0`.
#[inline]
pub fn f32x4_demote_f64x2_zero(a: u128) -> u128 {
    let [x, y] = split64(a).map(|x| f32_demote_f64(f64::from_bits(x)).to_bits());
    join32([x, y, 0, 0])
}

/// `f64x2.promote_low_f32x4`: `f64.promote_f32` of `f32` lanes 0 and 1.
#[inline]
pub fn f64x2_promote_low_f32x4(a: u128) -> u128 {
    widen32(a, 0, |x| f64_promote_f32(f32::from_bits(x)).to_bits())
}

// ---------------------------------------------------------------------------------------------
// Relaxed SIMD (WebAssembly 3.0)
// ---------------------------------------------------------------------------------------------
//
// Each relaxed operator lets an implementation choose among a few results. Life always takes
// the deterministic profile's choice (index 0 of the spec's `relaxed(R)[...]`), so results are
// the same on every engine and host:
// https://webassembly.github.io/spec/core/exec/numerics.html#relaxed-operations
// The relaxed operators whose choice equals a 2.0 instruction (swizzle, the truncations,
// laneselect, min/max, q15mulr) are translated to that instruction's op and have no function
// here; the four below have no 2.0 twin.
//
// `madd` is the unfused `fadd(fmul(a, b), c)`, two roundings, with no `mul_add` anywhere: the
// same on every CPU whether or not it has FMA. A NaN lane is the canonical NaN: which input's
// payload an unfused sequence propagates depends on how the compiler orders the operations,
// and the canonical NaN is a valid result of every such sequence, so both engines agree.

/// The lanes of `a`, `b` and `c` (`f32x4`) through `f`, with NaN results canonical.
#[inline]
fn zip3_f32(a: u128, b: u128, c: u128, f: impl Fn(f32, f32, f32) -> f32) -> u128 {
    let (a, b, c) = (split32(a), split32(b), split32(c));
    join32(core::array::from_fn(|i| {
        let r = f(f32::from_bits(a[i]), f32::from_bits(b[i]), f32::from_bits(c[i]));
        if r.is_nan() { 0x7fc0_0000 } else { r.to_bits() }
    }))
}

/// The lanes of `a`, `b` and `c` (`f64x2`) through `f`, with NaN results canonical.
#[inline]
fn zip3_f64(a: u128, b: u128, c: u128, f: impl Fn(f64, f64, f64) -> f64) -> u128 {
    let (a, b, c) = (split64(a), split64(b), split64(c));
    join64(core::array::from_fn(|i| {
        let r = f(f64::from_bits(a[i]), f64::from_bits(b[i]), f64::from_bits(c[i]));
        if r.is_nan() { 0x7ff8_0000_0000_0000 } else { r.to_bits() }
    }))
}

/// `f32x4.relaxed_madd`: lane-wise `a * b + c`, unfused (two roundings); NaN lanes canonical.
#[inline]
pub fn f32x4_relaxed_madd(a: u128, b: u128, c: u128) -> u128 {
    zip3_f32(a, b, c, |x, y, z| x * y + z)
}

/// `f32x4.relaxed_nmadd`: lane-wise `-a * b + c`, unfused (two roundings); NaN lanes canonical.
#[inline]
pub fn f32x4_relaxed_nmadd(a: u128, b: u128, c: u128) -> u128 {
    zip3_f32(a, b, c, |x, y, z| -x * y + z)
}

/// `f64x2.relaxed_madd`: lane-wise `a * b + c`, unfused (two roundings); NaN lanes canonical.
#[inline]
pub fn f64x2_relaxed_madd(a: u128, b: u128, c: u128) -> u128 {
    zip3_f64(a, b, c, |x, y, z| x * y + z)
}

/// `f64x2.relaxed_nmadd`: lane-wise `-a * b + c`, unfused (two roundings); NaN lanes canonical.
#[inline]
pub fn f64x2_relaxed_nmadd(a: u128, b: u128, c: u128) -> u128 {
    zip3_f64(a, b, c, |x, y, z| -x * y + z)
}

/// `i16x8.relaxed_dot_i8x16_i7x16_s`: lane `i` is `a[2i] * b[2i] + a[2i+1] * b[2i+1]`, both
/// operands signed, the sum saturated to `i16` (the deterministic profile's choice; `b`'s lanes
/// are meant to be 7-bit, and this is also what a negative `b` lane means).
// Each product fits in `i16` (at most -128 * -128 = 16384); only two such products overflow
// the sum, which saturates to 32767.
#[inline]
pub fn i16x8_relaxed_dot_i8x16_i7x16_s(a: u128, b: u128) -> u128 {
    let (a, b) = (split8(a), split8(b));
    let product = |i: usize| i16::from(a[i] as i8) * i16::from(b[i] as i8);
    join16(core::array::from_fn(|i| product(2 * i).saturating_add(product(2 * i + 1)) as u16))
}

/// `i32x4.relaxed_dot_i8x16_i7x16_add_s`: `i16x8.relaxed_dot_i8x16_i7x16_s` of `a` and `b`,
/// adjacent `i16` lanes added into `i32` lanes (`i32x4.extadd_pairwise_i16x8_s`), plus `c`
/// (wrapping).
#[inline]
pub fn i32x4_relaxed_dot_i8x16_i7x16_add_s(a: u128, b: u128, c: u128) -> u128 {
    i32x4_add(i32x4_extadd_pairwise_i16x8_s(i16x8_relaxed_dot_i8x16_i7x16_s(a, b)), c)
}
