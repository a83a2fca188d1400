//! Pure functions giving the exact WebAssembly semantics of the numeric instructions.
//!
//! The interpreter's handlers call these, and an ahead-of-time engine can call the same
//! functions as libcalls, so every engine agrees on traps, NaNs and rounding. Integers are
//! passed as the Rust type matching the instruction's signedness (`i32` for `_s`, `u32` for
//! `_u`); the bits are the same, so callers reinterpret with `as`.
//!
//! The spec's definitions are at <https://webassembly.github.io/spec/core/exec/numerics.html>;
//! each non-obvious function links its section, and a `Note:` marks where Rust's standard
//! library behaves differently from WebAssembly.

use crate::TrapCode;

#[cfg(test)]
mod tests;

// ---------------------------------------------------------------------------------------------
// Integer division and remainder
// ---------------------------------------------------------------------------------------------

/// `i32.div_s`: signed division truncating toward zero; traps on zero and on `MIN / -1`.
// https://webassembly.github.io/spec/core/exec/numerics.html#op-idiv-s
#[inline]
pub fn i32_div_s(a: i32, b: i32) -> Result<i32, TrapCode> {
    match a.checked_div(b) {
        Some(q) => Ok(q),
        None if b == 0 => Err(TrapCode::IntegerDivideByZero),
        // Note: the only other `None` is `i32::MIN / -1`, whose quotient 2^31 is unrepresentable.
        None => Err(TrapCode::IntegerOverflow),
    }
}

/// `i32.div_u`: unsigned division; traps on zero.
#[inline]
pub fn i32_div_u(a: u32, b: u32) -> Result<u32, TrapCode> {
    a.checked_div(b).ok_or(TrapCode::IntegerDivideByZero)
}

/// `i32.rem_s`: signed remainder with the sign of the dividend; traps only on zero.
// https://webassembly.github.io/spec/core/exec/numerics.html#op-irem-s
// Note: Rust's `%` panics on `i32::MIN % -1` (the quotient overflows) but Wasm defines the
// result as 0, which `wrapping_rem` returns.
#[inline]
pub fn i32_rem_s(a: i32, b: i32) -> Result<i32, TrapCode> {
    if b == 0 { Err(TrapCode::IntegerDivideByZero) } else { Ok(a.wrapping_rem(b)) }
}

/// `i32.rem_u`: unsigned remainder; traps on zero.
#[inline]
pub fn i32_rem_u(a: u32, b: u32) -> Result<u32, TrapCode> {
    a.checked_rem(b).ok_or(TrapCode::IntegerDivideByZero)
}

/// `i64.div_s`: signed division truncating toward zero; traps on zero and on `MIN / -1`.
// https://webassembly.github.io/spec/core/exec/numerics.html#op-idiv-s
#[inline]
pub fn i64_div_s(a: i64, b: i64) -> Result<i64, TrapCode> {
    match a.checked_div(b) {
        Some(q) => Ok(q),
        None if b == 0 => Err(TrapCode::IntegerDivideByZero),
        // Note: the only other `None` is `i64::MIN / -1`, whose quotient 2^63 is unrepresentable.
        None => Err(TrapCode::IntegerOverflow),
    }
}

/// `i64.div_u`: unsigned division; traps on zero.
#[inline]
pub fn i64_div_u(a: u64, b: u64) -> Result<u64, TrapCode> {
    a.checked_div(b).ok_or(TrapCode::IntegerDivideByZero)
}

/// `i64.rem_s`: signed remainder with the sign of the dividend; traps only on zero.
// https://webassembly.github.io/spec/core/exec/numerics.html#op-irem-s
// Note: Rust's `%` panics on `i64::MIN % -1`; Wasm defines it as 0, which `wrapping_rem` returns.
#[inline]
pub fn i64_rem_s(a: i64, b: i64) -> Result<i64, TrapCode> {
    if b == 0 { Err(TrapCode::IntegerDivideByZero) } else { Ok(a.wrapping_rem(b)) }
}

/// `i64.rem_u`: unsigned remainder; traps on zero.
#[inline]
pub fn i64_rem_u(a: u64, b: u64) -> Result<u64, TrapCode> {
    a.checked_rem(b).ok_or(TrapCode::IntegerDivideByZero)
}

// ---------------------------------------------------------------------------------------------
// Shifts and rotates
// ---------------------------------------------------------------------------------------------
//
// Wasm takes every shift or rotate count modulo the bit width
// (https://webassembly.github.io/spec/core/exec/numerics.html#op-ishl).
// Note: Rust's `<<` and `>>` panic on a count >= the width when overflow checks are on (as in
// this workspace's test profile); `wrapping_shl`/`wrapping_shr` always mask the count by
// `width - 1`, which is exactly the modulo. Casting a negative count to `u32` keeps its low
// bits, so the masked value is still the count modulo the width. `rotate_left`/`rotate_right`
// are defined for any count and rotate modulo the width.

/// `i32.shl`: shift left by `b mod 32`.
#[inline]
pub fn i32_shl(a: i32, b: i32) -> i32 {
    a.wrapping_shl(b as u32)
}

/// `i32.shr_s`: arithmetic (sign-filling) shift right by `b mod 32`.
// https://webassembly.github.io/spec/core/exec/numerics.html#op-ishr-s
#[inline]
pub fn i32_shr_s(a: i32, b: i32) -> i32 {
    a.wrapping_shr(b as u32)
}

/// `i32.shr_u`: logical (zero-filling) shift right by `b mod 32`.
// https://webassembly.github.io/spec/core/exec/numerics.html#op-ishr-u
// Note: `>>` on a Rust `i32` is arithmetic, so the bits are shifted as `u32`.
#[inline]
pub fn i32_shr_u(a: i32, b: i32) -> i32 {
    (a as u32).wrapping_shr(b as u32) as i32
}

/// `i32.rotl`: rotate left by `b mod 32`.
// https://webassembly.github.io/spec/core/exec/numerics.html#op-irotl
#[inline]
pub fn i32_rotl(a: i32, b: i32) -> i32 {
    a.rotate_left(b as u32)
}

/// `i32.rotr`: rotate right by `b mod 32`.
// https://webassembly.github.io/spec/core/exec/numerics.html#op-irotr
#[inline]
pub fn i32_rotr(a: i32, b: i32) -> i32 {
    a.rotate_right(b as u32)
}

/// `i64.shl`: shift left by `b mod 64`.
// Note: truncating `b` to `u32` keeps its low 32 bits, and 64 divides 2^32, so the count modulo
// 64 is unchanged.
#[inline]
pub fn i64_shl(a: i64, b: i64) -> i64 {
    a.wrapping_shl(b as u32)
}

/// `i64.shr_s`: arithmetic (sign-filling) shift right by `b mod 64`.
// https://webassembly.github.io/spec/core/exec/numerics.html#op-ishr-s
#[inline]
pub fn i64_shr_s(a: i64, b: i64) -> i64 {
    a.wrapping_shr(b as u32)
}

/// `i64.shr_u`: logical (zero-filling) shift right by `b mod 64`.
// https://webassembly.github.io/spec/core/exec/numerics.html#op-ishr-u
// Note: `>>` on a Rust `i64` is arithmetic, so the bits are shifted as `u64`.
#[inline]
pub fn i64_shr_u(a: i64, b: i64) -> i64 {
    (a as u64).wrapping_shr(b as u32) as i64
}

/// `i64.rotl`: rotate left by `b mod 64`.
// https://webassembly.github.io/spec/core/exec/numerics.html#op-irotl
#[inline]
pub fn i64_rotl(a: i64, b: i64) -> i64 {
    a.rotate_left(b as u32)
}

/// `i64.rotr`: rotate right by `b mod 64`.
// https://webassembly.github.io/spec/core/exec/numerics.html#op-irotr
#[inline]
pub fn i64_rotr(a: i64, b: i64) -> i64 {
    a.rotate_right(b as u32)
}

// ---------------------------------------------------------------------------------------------
// Float unary operations
// ---------------------------------------------------------------------------------------------
//
// `abs`, `neg` and `copysign` are sign-bit operations in Wasm and must leave a NaN's payload
// (including a signalling NaN's) untouched
// (https://webassembly.github.io/spec/core/exec/numerics.html#op-fabs).
// Note: Rust also specifies `f32::abs`, unary `-` and `copysign` as sign-bit operations, but Wasm
// makes this a hard requirement, so the bit operations are spelled out here: the guarantee is
// visible in the code and an AOT engine can mirror it exactly.

const F32_SIGN: u32 = 0x8000_0000;
const F64_SIGN: u64 = 0x8000_0000_0000_0000;

/// `f32.abs`: clear the sign bit, preserving NaN payloads.
#[inline]
pub fn f32_abs(a: f32) -> f32 {
    f32::from_bits(a.to_bits() & !F32_SIGN)
}

/// `f32.neg`: flip the sign bit, preserving NaN payloads.
// https://webassembly.github.io/spec/core/exec/numerics.html#op-fneg
#[inline]
pub fn f32_neg(a: f32) -> f32 {
    f32::from_bits(a.to_bits() ^ F32_SIGN)
}

/// `f32.copysign`: `a`'s magnitude with `b`'s sign bit, preserving NaN payloads.
// https://webassembly.github.io/spec/core/exec/numerics.html#op-fcopysign
#[inline]
pub fn f32_copysign(a: f32, b: f32) -> f32 {
    f32::from_bits((a.to_bits() & !F32_SIGN) | (b.to_bits() & F32_SIGN))
}

/// `f32.ceil`: round toward positive infinity.
#[inline]
pub fn f32_ceil(a: f32) -> f32 {
    if a.is_nan() {
        return quiet_f32(a);
    }
    a.ceil()
}

/// `f32.floor`: round toward negative infinity.
#[inline]
pub fn f32_floor(a: f32) -> f32 {
    if a.is_nan() {
        return quiet_f32(a);
    }
    a.floor()
}

/// `f32.trunc`: round toward zero.
#[inline]
pub fn f32_trunc(a: f32) -> f32 {
    if a.is_nan() {
        return quiet_f32(a);
    }
    a.trunc()
}

/// `f32.nearest`: round to the nearest integer, ties to even.
// https://webassembly.github.io/spec/core/exec/numerics.html#op-fnearest
// Note: Rust's `f32::round` rounds ties away from zero (2.5 -> 3.0); Wasm rounds them to even
// (2.5 -> 2.0), which is `round_ties_even`.
#[inline]
pub fn f32_nearest(a: f32) -> f32 {
    if a.is_nan() {
        return quiet_f32(a);
    }
    a.round_ties_even()
}

/// `f32.sqrt`: correctly rounded square root.
#[inline]
pub fn f32_sqrt(a: f32) -> f32 {
    if a.is_nan() {
        return quiet_f32(a);
    }
    a.sqrt()
}

/// `f64.abs`: clear the sign bit, preserving NaN payloads.
#[inline]
pub fn f64_abs(a: f64) -> f64 {
    f64::from_bits(a.to_bits() & !F64_SIGN)
}

/// `f64.neg`: flip the sign bit, preserving NaN payloads.
// https://webassembly.github.io/spec/core/exec/numerics.html#op-fneg
#[inline]
pub fn f64_neg(a: f64) -> f64 {
    f64::from_bits(a.to_bits() ^ F64_SIGN)
}

/// `f64.copysign`: `a`'s magnitude with `b`'s sign bit, preserving NaN payloads.
// https://webassembly.github.io/spec/core/exec/numerics.html#op-fcopysign
#[inline]
pub fn f64_copysign(a: f64, b: f64) -> f64 {
    f64::from_bits((a.to_bits() & !F64_SIGN) | (b.to_bits() & F64_SIGN))
}

/// `f64.ceil`: round toward positive infinity.
#[inline]
pub fn f64_ceil(a: f64) -> f64 {
    if a.is_nan() {
        return quiet_f64(a);
    }
    a.ceil()
}

/// `f64.floor`: round toward negative infinity.
#[inline]
pub fn f64_floor(a: f64) -> f64 {
    if a.is_nan() {
        return quiet_f64(a);
    }
    a.floor()
}

/// `f64.trunc`: round toward zero.
#[inline]
pub fn f64_trunc(a: f64) -> f64 {
    if a.is_nan() {
        return quiet_f64(a);
    }
    a.trunc()
}

/// `f64.nearest`: round to the nearest integer, ties to even.
// https://webassembly.github.io/spec/core/exec/numerics.html#op-fnearest
// Note: Rust's `f64::round` rounds ties away from zero; Wasm rounds them to even.
#[inline]
pub fn f64_nearest(a: f64) -> f64 {
    if a.is_nan() {
        return quiet_f64(a);
    }
    a.round_ties_even()
}

/// `f64.sqrt`: correctly rounded square root.
#[inline]
pub fn f64_sqrt(a: f64) -> f64 {
    if a.is_nan() {
        return quiet_f64(a);
    }
    a.sqrt()
}

// ---------------------------------------------------------------------------------------------
// Float min and max
// ---------------------------------------------------------------------------------------------
//
// https://webassembly.github.io/spec/core/exec/numerics.html#op-fmin
// Note: Rust's `f32::min`/`max` return the *other* operand when one is NaN and may return either
// zero for `min(-0.0, +0.0)`. Wasm returns a NaN if either operand is NaN, and orders -0 below
// +0. For a NaN operand, `a + b` yields a quiet NaN carrying an input payload (or the canonical
// NaN), which is exactly the arithmetic NaN Wasm allows. For equal operands the only case with
// differing bits is a pair of zeros, so OR-ing the bits picks -0 (min) and AND-ing picks +0 (max).

/// `f32.min`: the lesser operand; NaN if either is NaN; `-0.0` is less than `+0.0`.
#[inline]
pub fn f32_min(a: f32, b: f32) -> f32 {
    if a.is_nan() || b.is_nan() {
        a + b
    } else if a == b {
        f32::from_bits(a.to_bits() | b.to_bits())
    } else if a < b {
        a
    } else {
        b
    }
}

/// `f32.max`: the greater operand; NaN if either is NaN; `+0.0` is greater than `-0.0`.
// https://webassembly.github.io/spec/core/exec/numerics.html#op-fmax
#[inline]
pub fn f32_max(a: f32, b: f32) -> f32 {
    if a.is_nan() || b.is_nan() {
        a + b
    } else if a == b {
        f32::from_bits(a.to_bits() & b.to_bits())
    } else if a > b {
        a
    } else {
        b
    }
}

/// `f64.min`: the lesser operand; NaN if either is NaN; `-0.0` is less than `+0.0`.
#[inline]
pub fn f64_min(a: f64, b: f64) -> f64 {
    if a.is_nan() || b.is_nan() {
        a + b
    } else if a == b {
        f64::from_bits(a.to_bits() | b.to_bits())
    } else if a < b {
        a
    } else {
        b
    }
}

/// `f64.max`: the greater operand; NaN if either is NaN; `+0.0` is greater than `-0.0`.
// https://webassembly.github.io/spec/core/exec/numerics.html#op-fmax
#[inline]
pub fn f64_max(a: f64, b: f64) -> f64 {
    if a.is_nan() || b.is_nan() {
        a + b
    } else if a == b {
        f64::from_bits(a.to_bits() & b.to_bits())
    } else if a > b {
        a
    } else {
        b
    }
}

// ---------------------------------------------------------------------------------------------
// Trapping float-to-integer truncation
// ---------------------------------------------------------------------------------------------
//
// https://webassembly.github.io/spec/core/exec/numerics.html#op-trunc-s
// The value is truncated toward zero first and the *truncated* value is range-checked, so
// -2147483648.9 converts to i32::MIN and -0.9 converts to 0u32. The bounds -2^(N-1), 2^(N-1) and
// 2^N are powers of two, hence exact in both f32 and f64, so the float comparisons are exact.
// NaN fails every comparison and is checked first; infinities fail the range check.
// Note: Rust's `as` saturates instead of trapping, so it is only used once the value is known to
// be in range, where it is exact.

macro_rules! trunc_checked {
    ($(#[$doc:meta])* $name:ident, $float:ty => $int:ty, $lo:expr, $hi:expr) => {
        $(#[$doc])*
        #[inline]
        pub fn $name(a: $float) -> Result<$int, TrapCode> {
            if a.is_nan() {
                return Err(TrapCode::InvalidConversionToInteger);
            }
            let t = a.trunc();
            // The range is `lo <= t < hi`; `-0.0 >= 0.0`, so -0.0 is admitted for unsigned
            // targets and converts to 0.
            if ($lo..$hi).contains(&t) {
                Ok(t as $int)
            } else {
                Err(TrapCode::IntegerOverflow)
            }
        }
    };
}

trunc_checked!(
    /// `i32.trunc_f32_s`: truncate toward zero; traps on NaN or out of `i32` range.
    i32_trunc_f32_s, f32 => i32, -2_147_483_648.0_f32, 2_147_483_648.0_f32
);
trunc_checked!(
    /// `i32.trunc_f32_u`: truncate toward zero; traps on NaN or out of `u32` range.
    i32_trunc_f32_u, f32 => u32, 0.0_f32, 4_294_967_296.0_f32
);
trunc_checked!(
    /// `i32.trunc_f64_s`: truncate toward zero; traps on NaN or out of `i32` range.
    i32_trunc_f64_s, f64 => i32, -2_147_483_648.0_f64, 2_147_483_648.0_f64
);
trunc_checked!(
    /// `i32.trunc_f64_u`: truncate toward zero; traps on NaN or out of `u32` range.
    i32_trunc_f64_u, f64 => u32, 0.0_f64, 4_294_967_296.0_f64
);
trunc_checked!(
    /// `i64.trunc_f32_s`: truncate toward zero; traps on NaN or out of `i64` range.
    i64_trunc_f32_s, f32 => i64, -9_223_372_036_854_775_808.0_f32, 9_223_372_036_854_775_808.0_f32
);
trunc_checked!(
    /// `i64.trunc_f32_u`: truncate toward zero; traps on NaN or out of `u64` range.
    i64_trunc_f32_u, f32 => u64, 0.0_f32, 18_446_744_073_709_551_616.0_f32
);
trunc_checked!(
    /// `i64.trunc_f64_s`: truncate toward zero; traps on NaN or out of `i64` range.
    i64_trunc_f64_s, f64 => i64, -9_223_372_036_854_775_808.0_f64, 9_223_372_036_854_775_808.0_f64
);
trunc_checked!(
    /// `i64.trunc_f64_u`: truncate toward zero; traps on NaN or out of `u64` range.
    i64_trunc_f64_u, f64 => u64, 0.0_f64, 18_446_744_073_709_551_616.0_f64
);

// ---------------------------------------------------------------------------------------------
// Saturating float-to-integer truncation
// ---------------------------------------------------------------------------------------------
//
// https://webassembly.github.io/spec/core/exec/numerics.html#op-trunc-sat-s
// Wasm: NaN -> 0, otherwise truncate toward zero and clamp to the target range.
// Note: since Rust 1.45 a float-to-int `as` cast is defined to do exactly this (truncate, clamp,
// NaN -> 0), so no extra code is needed.

/// `i32.trunc_sat_f32_s`: truncate toward zero, clamping to `i32`; NaN gives 0.
#[inline]
pub fn i32_trunc_sat_f32_s(a: f32) -> i32 {
    a as i32
}

/// `i32.trunc_sat_f32_u`: truncate toward zero, clamping to `u32`; NaN gives 0.
// https://webassembly.github.io/spec/core/exec/numerics.html#op-trunc-sat-u
#[inline]
pub fn i32_trunc_sat_f32_u(a: f32) -> u32 {
    a as u32
}

/// `i32.trunc_sat_f64_s`: truncate toward zero, clamping to `i32`; NaN gives 0.
#[inline]
pub fn i32_trunc_sat_f64_s(a: f64) -> i32 {
    a as i32
}

/// `i32.trunc_sat_f64_u`: truncate toward zero, clamping to `u32`; NaN gives 0.
// https://webassembly.github.io/spec/core/exec/numerics.html#op-trunc-sat-u
#[inline]
pub fn i32_trunc_sat_f64_u(a: f64) -> u32 {
    a as u32
}

/// `i64.trunc_sat_f32_s`: truncate toward zero, clamping to `i64`; NaN gives 0.
#[inline]
pub fn i64_trunc_sat_f32_s(a: f32) -> i64 {
    a as i64
}

/// `i64.trunc_sat_f32_u`: truncate toward zero, clamping to `u64`; NaN gives 0.
// https://webassembly.github.io/spec/core/exec/numerics.html#op-trunc-sat-u
#[inline]
pub fn i64_trunc_sat_f32_u(a: f32) -> u64 {
    a as u64
}

/// `i64.trunc_sat_f64_s`: truncate toward zero, clamping to `i64`; NaN gives 0.
#[inline]
pub fn i64_trunc_sat_f64_s(a: f64) -> i64 {
    a as i64
}

/// `i64.trunc_sat_f64_u`: truncate toward zero, clamping to `u64`; NaN gives 0.
// https://webassembly.github.io/spec/core/exec/numerics.html#op-trunc-sat-u
#[inline]
pub fn i64_trunc_sat_f64_u(a: f64) -> u64 {
    a as u64
}

// ---------------------------------------------------------------------------------------------
// Integer-to-float conversion, demotion and promotion
// ---------------------------------------------------------------------------------------------
//
// https://webassembly.github.io/spec/core/exec/numerics.html#op-convert-s
// Wasm rounds an integer that is not exactly representable to nearest, ties to even.
// Note: Rust's int-to-float `as` is defined to round exactly that way, directly from the integer
// (no double rounding through f64, which would be wrong for e.g. u64 -> f32).

/// `f32.convert_i32_s`: signed integer to the nearest `f32`, ties to even.
#[inline]
pub fn f32_convert_i32_s(a: i32) -> f32 {
    a as f32
}

/// `f32.convert_i32_u`: unsigned integer to the nearest `f32`, ties to even.
// https://webassembly.github.io/spec/core/exec/numerics.html#op-convert-u
#[inline]
pub fn f32_convert_i32_u(a: u32) -> f32 {
    a as f32
}

/// `f32.convert_i64_s`: signed integer to the nearest `f32`, ties to even.
#[inline]
pub fn f32_convert_i64_s(a: i64) -> f32 {
    a as f32
}

/// `f32.convert_i64_u`: unsigned integer to the nearest `f32`, ties to even.
// https://webassembly.github.io/spec/core/exec/numerics.html#op-convert-u
#[inline]
pub fn f32_convert_i64_u(a: u64) -> f32 {
    a as f32
}

/// `f64.convert_i32_s`: signed integer to `f64` (always exact).
#[inline]
pub fn f64_convert_i32_s(a: i32) -> f64 {
    f64::from(a)
}

/// `f64.convert_i32_u`: unsigned integer to `f64` (always exact).
#[inline]
pub fn f64_convert_i32_u(a: u32) -> f64 {
    f64::from(a)
}

/// `f64.convert_i64_s`: signed integer to the nearest `f64`, ties to even.
#[inline]
pub fn f64_convert_i64_s(a: i64) -> f64 {
    a as f64
}

/// `f64.convert_i64_u`: unsigned integer to the nearest `f64`, ties to even.
// https://webassembly.github.io/spec/core/exec/numerics.html#op-convert-u
#[inline]
pub fn f64_convert_i64_u(a: u64) -> f64 {
    a as f64
}

/// `f32.demote_f64`: round to the nearest `f32`, ties to even; a NaN gives a quiet NaN.
// https://webassembly.github.io/spec/core/exec/numerics.html#op-demote
// Note: Rust's `as` rounds to nearest-even, overflows to infinity, and (like any Rust float
// operation producing a NaN) returns a quiet NaN whose payload is an input's or the canonical
// one: an arithmetic NaN, as Wasm requires.
#[inline]
pub fn f32_demote_f64(a: f64) -> f32 {
    a as f32
}

/// `f64.promote_f32`: exact widening; a NaN gives a quiet NaN.
// https://webassembly.github.io/spec/core/exec/numerics.html#op-promote
// Note: as for demotion, Rust's `as` quiets a NaN, giving the arithmetic NaN Wasm requires.
#[inline]
pub fn f64_promote_f32(a: f32) -> f64 {
    f64::from(a)
}

// ---------------------------------------------------------------------------------------------
// Sign extension
// ---------------------------------------------------------------------------------------------
//
// https://webassembly.github.io/spec/core/exec/numerics.html#op-iextendn-s
// Narrowing `as` keeps the low bits; widening a signed type sign-extends.

/// `i32.extend8_s`: sign-extend the low 8 bits.
#[inline]
pub fn i32_extend8_s(a: i32) -> i32 {
    i32::from(a as i8)
}

/// `i32.extend16_s`: sign-extend the low 16 bits.
#[inline]
pub fn i32_extend16_s(a: i32) -> i32 {
    i32::from(a as i16)
}

/// `i64.extend8_s`: sign-extend the low 8 bits.
#[inline]
pub fn i64_extend8_s(a: i64) -> i64 {
    i64::from(a as i8)
}

/// `i64.extend16_s`: sign-extend the low 16 bits.
#[inline]
pub fn i64_extend16_s(a: i64) -> i64 {
    i64::from(a as i16)
}

/// `i64.extend32_s`: sign-extend the low 32 bits.
#[inline]
pub fn i64_extend32_s(a: i64) -> i64 {
    i64::from(a as i32)
}

/// The NaN `a` with its quiet bit set: rounding and square root of a NaN must return an
/// arithmetic NaN, but Rust's `floor`/`ceil`/`trunc`/`round_ties_even` may return a
/// signalling NaN unchanged.
#[inline]
fn quiet_f32(a: f32) -> f32 {
    f32::from_bits(a.to_bits() | 0x0040_0000)
}

/// See [`quiet_f32`].
#[inline]
fn quiet_f64(a: f64) -> f64 {
    f64::from_bits(a.to_bits() | 0x0008_0000_0000_0000)
}

/// Lane-wise semantics of the fixed-width SIMD (`v128`) instructions.
pub mod simd;

/// NaN-canonicalizing mode: every NaN lane of an `f32x4` becomes the canonical NaN.
#[inline]
pub fn canon_nan_f32x4(v: u128) -> u128 {
    let mut out = v;
    for lane in 0..4 {
        let shift = lane * 32;
        if f32::from_bits((v >> shift) as u32).is_nan() {
            out = (out & !(0xffff_ffffu128 << shift)) | (0x7fc0_0000u128 << shift);
        }
    }
    out
}

/// NaN-canonicalizing mode: every NaN lane of an `f64x2` becomes the canonical NaN.
#[inline]
pub fn canon_nan_f64x2(v: u128) -> u128 {
    let mut out = v;
    for lane in 0..2 {
        let shift = lane * 64;
        if f64::from_bits((v >> shift) as u64).is_nan() {
            out = (out & !(0xffff_ffff_ffff_ffffu128 << shift)) | (0x7ff8_0000_0000_0000u128 << shift);
        }
    }
    out
}
