//! Unit tests for the numeric semantics: trap boundaries, NaNs, signed zeros and rounding.

use super::*;
use crate::TrapCode::{IntegerDivideByZero, IntegerOverflow, InvalidConversionToInteger};

/// A signalling f32 NaN with a non-trivial payload.
const F32_SNAN: u32 = 0x7fa0_0001;
/// A signalling f64 NaN with a non-trivial payload.
const F64_SNAN: u64 = 0x7ff4_0000_0000_0001;
const F32_QUIET: u32 = 0x0040_0000;
const F64_QUIET: u64 = 0x0008_0000_0000_0000;

fn is_quiet_nan32(x: f32) -> bool {
    x.is_nan() && x.to_bits() & F32_QUIET != 0
}

fn is_quiet_nan64(x: f64) -> bool {
    x.is_nan() && x.to_bits() & F64_QUIET != 0
}

// ----- integer division and remainder ------------------------------------------------------------

#[test]
fn div_rem_i32() {
    assert_eq!(i32_div_s(7, 2), Ok(3));
    assert_eq!(i32_div_s(-7, 2), Ok(-3));
    assert_eq!(i32_div_s(7, 0), Err(IntegerDivideByZero));
    assert_eq!(i32_div_s(i32::MIN, 0), Err(IntegerDivideByZero));
    assert_eq!(i32_div_s(i32::MIN, -1), Err(IntegerOverflow));
    assert_eq!(i32_div_s(i32::MIN, 1), Ok(i32::MIN));
    assert_eq!(i32_div_s(i32::MIN + 1, -1), Ok(i32::MAX));

    assert_eq!(i32_div_u(0xffff_ffff, 2), Ok(0x7fff_ffff));
    assert_eq!(i32_div_u(0x8000_0000, 0xffff_ffff), Ok(0));
    assert_eq!(i32_div_u(1, 0), Err(IntegerDivideByZero));

    assert_eq!(i32_rem_s(i32::MIN, -1), Ok(0));
    assert_eq!(i32_rem_s(-7, 2), Ok(-1));
    assert_eq!(i32_rem_s(7, -2), Ok(1));
    assert_eq!(i32_rem_s(7, 0), Err(IntegerDivideByZero));

    assert_eq!(i32_rem_u(0xffff_ffff, 10), Ok(5));
    assert_eq!(i32_rem_u(0x8000_0000, 0xffff_ffff), Ok(0x8000_0000));
    assert_eq!(i32_rem_u(7, 0), Err(IntegerDivideByZero));
}

#[test]
fn div_rem_i64() {
    assert_eq!(i64_div_s(-7, 2), Ok(-3));
    assert_eq!(i64_div_s(7, 0), Err(IntegerDivideByZero));
    assert_eq!(i64_div_s(i64::MIN, 0), Err(IntegerDivideByZero));
    assert_eq!(i64_div_s(i64::MIN, -1), Err(IntegerOverflow));
    assert_eq!(i64_div_s(i64::MIN + 1, -1), Ok(i64::MAX));

    assert_eq!(i64_div_u(u64::MAX, 2), Ok(0x7fff_ffff_ffff_ffff));
    assert_eq!(i64_div_u(1, 0), Err(IntegerDivideByZero));

    assert_eq!(i64_rem_s(i64::MIN, -1), Ok(0));
    assert_eq!(i64_rem_s(-7, 2), Ok(-1));
    assert_eq!(i64_rem_s(7, 0), Err(IntegerDivideByZero));

    assert_eq!(i64_rem_u(u64::MAX, 10), Ok(5));
    assert_eq!(i64_rem_u(7, 0), Err(IntegerDivideByZero));
}

// ----- shifts and rotates ------------------------------------------------------------------------

#[test]
fn shifts_i32_count_modulo_width() {
    assert_eq!(i32_shl(1, 31), i32::MIN);
    assert_eq!(i32_shl(1, 32), 1);
    assert_eq!(i32_shl(1, 33), 2);
    assert_eq!(i32_shl(1, -1), i32::MIN); // count 31
    assert_eq!(i32_shr_s(-8, 1), -4);
    assert_eq!(i32_shr_s(-8, 33), -4);
    assert_eq!(i32_shr_s(i32::MIN, 31), -1);
    assert_eq!(i32_shr_u(-8, 1), 0x7fff_fffc);
    assert_eq!(i32_shr_u(-8, 33), 0x7fff_fffc);
    assert_eq!(i32_shr_u(i32::MIN, -1), 1); // count 31
    assert_eq!(i32_shr_u(-1, 32), -1);
    assert_eq!(i32_rotl(i32::MIN | 1, 1), 3);
    assert_eq!(i32_rotl(0x1234_5678, 32), 0x1234_5678);
    assert_eq!(i32_rotl(0x1234_5678, 36), 0x2345_6781);
    assert_eq!(i32_rotl(1, -1), i32::MIN);
    assert_eq!(i32_rotr(1, 1), i32::MIN);
    assert_eq!(i32_rotr(0x1234_5678, 36), (0x8123_4567_u32) as i32);
    assert_eq!(i32_rotr(i32::MIN, -1), 1);
}

#[test]
fn shifts_i64_count_modulo_width() {
    assert_eq!(i64_shl(1, 63), i64::MIN);
    assert_eq!(i64_shl(1, 64), 1);
    assert_eq!(i64_shl(1, 65), 2);
    assert_eq!(i64_shl(1, -1), i64::MIN);
    // Only the count modulo 64 matters, even when the high 32 bits are set.
    assert_eq!(i64_shl(1, 0x1_0000_0001), 2);
    assert_eq!(i64_shr_s(-8, 65), -4);
    assert_eq!(i64_shr_s(i64::MIN, 63), -1);
    assert_eq!(i64_shr_u(-8, 65), 0x7fff_ffff_ffff_fffc);
    assert_eq!(i64_shr_u(i64::MIN, -1), 1);
    assert_eq!(i64_rotl(i64::MIN | 1, 1), 3);
    assert_eq!(i64_rotl(0x1234, 64), 0x1234);
    assert_eq!(i64_rotl(1, -1), i64::MIN);
    assert_eq!(i64_rotr(1, 65), i64::MIN);
    assert_eq!(i64_rotr(i64::MIN, -1), 1);
}

// ----- float unary operations --------------------------------------------------------------------

#[test]
fn abs_neg_copysign_preserve_nan_payload_f32() {
    let snan = f32::from_bits(F32_SNAN);
    let neg_snan = f32::from_bits(F32_SNAN | 0x8000_0000);
    assert_eq!(f32_abs(snan).to_bits(), F32_SNAN);
    assert_eq!(f32_abs(neg_snan).to_bits(), F32_SNAN);
    assert_eq!(f32_neg(snan).to_bits(), F32_SNAN | 0x8000_0000);
    assert_eq!(f32_neg(neg_snan).to_bits(), F32_SNAN);
    assert_eq!(f32_copysign(snan, -1.0).to_bits(), F32_SNAN | 0x8000_0000);
    assert_eq!(f32_copysign(neg_snan, 1.0).to_bits(), F32_SNAN);
    assert_eq!(f32_copysign(1.0, neg_snan).to_bits(), (-1.0_f32).to_bits());
    assert_eq!(f32_copysign(-2.0, 0.0).to_bits(), 2.0_f32.to_bits());
    assert_eq!(f32_abs(-0.0).to_bits(), 0);
    assert_eq!(f32_neg(0.0).to_bits(), 0x8000_0000);
    assert_eq!(f32_abs(-1.5), 1.5);
    assert_eq!(f32_neg(1.5), -1.5);
    assert_eq!(f32_copysign(f32::MAX, -0.0), -f32::MAX);
    // A negative quiet NaN with every payload bit set.
    let qnan = f32::from_bits(0xffff_ffff);
    assert_eq!(f32_abs(qnan).to_bits(), 0x7fff_ffff);
    assert_eq!(f32_neg(qnan).to_bits(), 0x7fff_ffff);
    assert_eq!(f32_copysign(qnan, 1.0).to_bits(), 0x7fff_ffff);
}

#[test]
fn abs_neg_copysign_preserve_nan_payload_f64() {
    let sign = 0x8000_0000_0000_0000;
    let snan = f64::from_bits(F64_SNAN);
    let neg_snan = f64::from_bits(F64_SNAN | sign);
    assert_eq!(f64_abs(snan).to_bits(), F64_SNAN);
    assert_eq!(f64_abs(neg_snan).to_bits(), F64_SNAN);
    assert_eq!(f64_neg(snan).to_bits(), F64_SNAN | sign);
    assert_eq!(f64_neg(neg_snan).to_bits(), F64_SNAN);
    assert_eq!(f64_copysign(snan, -1.0).to_bits(), F64_SNAN | sign);
    assert_eq!(f64_copysign(1.0, neg_snan).to_bits(), (-1.0_f64).to_bits());
    assert_eq!(f64_abs(-0.0).to_bits(), 0);
    assert_eq!(f64_neg(0.0).to_bits(), sign);
    assert_eq!(f64_abs(-1.5), 1.5);
    assert_eq!(f64_neg(1.5), -1.5);
    assert_eq!(f64_copysign(f64::MAX, -0.0), -f64::MAX);
    let qnan = f64::from_bits(u64::MAX);
    assert_eq!(f64_abs(qnan).to_bits(), u64::MAX >> 1);
    assert_eq!(f64_neg(qnan).to_bits(), u64::MAX >> 1);
    assert_eq!(f64_copysign(qnan, 1.0).to_bits(), u64::MAX >> 1);
}

#[test]
fn nearest_ties_to_even() {
    for (x, want) in [
        (0.5, 0.0),
        (1.5, 2.0),
        (2.5, 2.0),
        (3.5, 4.0),
        (-0.5, -0.0),
        (-1.5, -2.0),
        (-2.5, -2.0),
        (0.49999997, 0.0),
        (8_388_609.0, 8_388_609.0),
    ] {
        let got = f32_nearest(x);
        assert_eq!(got.to_bits(), f32::to_bits(want), "f32_nearest({x})");
        let got = f64_nearest(f64::from(x));
        assert_eq!(got.to_bits(), f64::from(want).to_bits(), "f64_nearest({x})");
    }
    assert_eq!(f64_nearest(4_503_599_627_370_497.0), 4_503_599_627_370_497.0);
    assert!(f32_nearest(f32::NAN).is_nan());
}

#[test]
fn ceil_floor_trunc_sqrt() {
    assert_eq!(f32_ceil(-0.5).to_bits(), (-0.0_f32).to_bits());
    assert_eq!(f32_ceil(1.1), 2.0);
    assert_eq!(f32_floor(0.5).to_bits(), 0);
    assert_eq!(f32_floor(-1.1), -2.0);
    assert_eq!(f32_trunc(-1.9), -1.0);
    assert_eq!(f32_trunc(-0.9).to_bits(), (-0.0_f32).to_bits());
    assert_eq!(f32_sqrt(4.0), 2.0);
    assert_eq!(f32_sqrt(-0.0).to_bits(), (-0.0_f32).to_bits());
    assert!(f32_sqrt(-1.0).is_nan());

    assert_eq!(f64_ceil(-0.5).to_bits(), (-0.0_f64).to_bits());
    assert_eq!(f64_floor(-1.1), -2.0);
    assert_eq!(f64_trunc(-1.9), -1.0);
    assert_eq!(f64_sqrt(2.0), std::f64::consts::SQRT_2);
    assert!(f64_sqrt(-1.0).is_nan());
}

// ----- min and max -------------------------------------------------------------------------------

#[test]
fn min_max_signed_zero() {
    assert_eq!(f32_min(-0.0, 0.0).to_bits(), 0x8000_0000);
    assert_eq!(f32_min(0.0, -0.0).to_bits(), 0x8000_0000);
    assert_eq!(f32_max(-0.0, 0.0).to_bits(), 0);
    assert_eq!(f32_max(0.0, -0.0).to_bits(), 0);
    assert_eq!(f32_min(-0.0, -0.0).to_bits(), 0x8000_0000);
    assert_eq!(f32_max(-0.0, -0.0).to_bits(), 0x8000_0000);

    let neg_zero = 0x8000_0000_0000_0000;
    assert_eq!(f64_min(-0.0, 0.0).to_bits(), neg_zero);
    assert_eq!(f64_min(0.0, -0.0).to_bits(), neg_zero);
    assert_eq!(f64_max(-0.0, 0.0).to_bits(), 0);
    assert_eq!(f64_max(0.0, -0.0).to_bits(), 0);
}

#[test]
fn min_max_ordinary() {
    assert_eq!(f32_min(1.0, 2.0), 1.0);
    assert_eq!(f32_min(2.0, 1.0), 1.0);
    assert_eq!(f32_max(1.0, 2.0), 2.0);
    assert_eq!(f32_max(2.0, 1.0), 2.0);
    assert_eq!(f32_min(f32::NEG_INFINITY, -1.0), f32::NEG_INFINITY);
    assert_eq!(f32_max(f32::INFINITY, 1.0), f32::INFINITY);
    assert_eq!(f64_min(-3.0, 2.0), -3.0);
    assert_eq!(f64_max(-3.0, 2.0), 2.0);
    assert_eq!(f64_min(5.0, 5.0), 5.0);
}

#[test]
fn min_max_nan() {
    let snan = f32::from_bits(F32_SNAN);
    for x in [1.0, -0.0, f32::INFINITY, f32::NAN, snan] {
        for (a, b) in [(f32::NAN, x), (x, f32::NAN), (snan, x), (x, snan)] {
            assert!(is_quiet_nan32(f32_min(a, b)), "f32_min({a}, {b})");
            assert!(is_quiet_nan32(f32_max(a, b)), "f32_max({a}, {b})");
        }
    }
    let snan = f64::from_bits(F64_SNAN);
    for x in [1.0, -0.0, f64::NEG_INFINITY, f64::NAN, snan] {
        for (a, b) in [(f64::NAN, x), (x, f64::NAN), (snan, x), (x, snan)] {
            assert!(is_quiet_nan64(f64_min(a, b)), "f64_min({a}, {b})");
            assert!(is_quiet_nan64(f64_max(a, b)), "f64_max({a}, {b})");
        }
    }
}

// ----- trapping truncation -----------------------------------------------------------------------

#[test]
fn trunc_i32_f32_s() {
    assert_eq!(i32_trunc_f32_s(-2_147_483_648.0), Ok(i32::MIN));
    assert_eq!(i32_trunc_f32_s(2_147_483_520.0), Ok(2_147_483_520)); // largest f32 < 2^31
    assert_eq!(i32_trunc_f32_s(2_147_483_648.0), Err(IntegerOverflow));
    assert_eq!(i32_trunc_f32_s(-2_147_483_904.0), Err(IntegerOverflow)); // next f32 below -2^31
    assert_eq!(i32_trunc_f32_s(-1.9), Ok(-1));
    assert_eq!(i32_trunc_f32_s(-0.0), Ok(0));
    assert_eq!(i32_trunc_f32_s(f32::INFINITY), Err(IntegerOverflow));
    assert_eq!(i32_trunc_f32_s(f32::NEG_INFINITY), Err(IntegerOverflow));
    assert_eq!(i32_trunc_f32_s(f32::NAN), Err(InvalidConversionToInteger));
    assert_eq!(i32_trunc_f32_s(-f32::NAN), Err(InvalidConversionToInteger));
}

#[test]
fn trunc_i32_f32_u() {
    assert_eq!(i32_trunc_f32_u(-0.9), Ok(0));
    assert_eq!(i32_trunc_f32_u(-0.0), Ok(0));
    assert_eq!(i32_trunc_f32_u(-1.0), Err(IntegerOverflow));
    assert_eq!(i32_trunc_f32_u(4_294_967_040.0), Ok(4_294_967_040)); // largest f32 < 2^32
    assert_eq!(i32_trunc_f32_u(4_294_967_296.0), Err(IntegerOverflow));
    assert_eq!(i32_trunc_f32_u(2_147_483_648.0), Ok(0x8000_0000));
    assert_eq!(i32_trunc_f32_u(f32::INFINITY), Err(IntegerOverflow));
    assert_eq!(i32_trunc_f32_u(f32::NAN), Err(InvalidConversionToInteger));
}

#[test]
fn trunc_i32_f64_s() {
    assert_eq!(i32_trunc_f64_s(-2_147_483_648.9), Ok(i32::MIN));
    assert_eq!(i32_trunc_f64_s(-2_147_483_649.0), Err(IntegerOverflow));
    assert_eq!(i32_trunc_f64_s(2_147_483_647.9), Ok(i32::MAX));
    assert_eq!(i32_trunc_f64_s(2_147_483_648.0), Err(IntegerOverflow));
    assert_eq!(i32_trunc_f64_s(f64::NEG_INFINITY), Err(IntegerOverflow));
    assert_eq!(i32_trunc_f64_s(f64::NAN), Err(InvalidConversionToInteger));
}

#[test]
fn trunc_i32_f64_u() {
    assert_eq!(i32_trunc_f64_u(4_294_967_295.9), Ok(u32::MAX));
    assert_eq!(i32_trunc_f64_u(4_294_967_296.0), Err(IntegerOverflow));
    assert_eq!(i32_trunc_f64_u(-0.9), Ok(0));
    assert_eq!(i32_trunc_f64_u(-1.0), Err(IntegerOverflow));
    assert_eq!(i32_trunc_f64_u(1e16), Err(IntegerOverflow));
    assert_eq!(i32_trunc_f64_u(f64::NAN), Err(InvalidConversionToInteger));
}

#[test]
fn trunc_i64_f32() {
    assert_eq!(i64_trunc_f32_s(-9_223_372_036_854_775_808.0), Ok(i64::MIN));
    // The largest f32 below 2^63 (2^63 - 2^39) is in range.
    assert_eq!(i64_trunc_f32_s(9_223_371_487_098_961_920.0), Ok(9_223_371_487_098_961_920));
    assert_eq!(i64_trunc_f32_s(9_223_372_036_854_775_808.0), Err(IntegerOverflow));
    // The next f32 below -2^63 (-2^63 - 2^40) is out of range.
    assert_eq!(i64_trunc_f32_s(-9_223_373_136_366_403_584.0), Err(IntegerOverflow));
    assert_eq!(i64_trunc_f32_s(f32::NAN), Err(InvalidConversionToInteger));

    // The largest f32 below 2^64 (2^64 - 2^40) is in range.
    assert_eq!(i64_trunc_f32_u(18_446_742_974_197_923_840.0), Ok(18_446_742_974_197_923_840));
    assert_eq!(i64_trunc_f32_u(18_446_744_073_709_551_616.0), Err(IntegerOverflow));
    assert_eq!(i64_trunc_f32_u(-0.9), Ok(0));
    assert_eq!(i64_trunc_f32_u(-1.0), Err(IntegerOverflow));
    assert_eq!(i64_trunc_f32_u(f32::NAN), Err(InvalidConversionToInteger));
}

#[test]
fn trunc_i64_f64() {
    assert_eq!(i64_trunc_f64_s(-9_223_372_036_854_775_808.0), Ok(i64::MIN));
    // The largest f64 below 2^63 (2^63 - 1024) is in range.
    assert_eq!(i64_trunc_f64_s(9_223_372_036_854_774_784.0), Ok(9_223_372_036_854_774_784));
    assert_eq!(i64_trunc_f64_s(9_223_372_036_854_775_808.0), Err(IntegerOverflow));
    // The next f64 below -2^63 (-2^63 - 2048) is out of range.
    assert_eq!(i64_trunc_f64_s(-9_223_372_036_854_777_856.0), Err(IntegerOverflow));
    assert_eq!(i64_trunc_f64_s(f64::NAN), Err(InvalidConversionToInteger));

    // The largest f64 below 2^64 (2^64 - 2048) is in range.
    assert_eq!(i64_trunc_f64_u(18_446_744_073_709_549_568.0), Ok(18_446_744_073_709_549_568));
    assert_eq!(i64_trunc_f64_u(18_446_744_073_709_551_616.0), Err(IntegerOverflow));
    assert_eq!(i64_trunc_f64_u(-0.9), Ok(0));
    assert_eq!(i64_trunc_f64_u(-1.0), Err(IntegerOverflow));
    assert_eq!(i64_trunc_f64_u(f64::INFINITY), Err(IntegerOverflow));
    assert_eq!(i64_trunc_f64_u(f64::NAN), Err(InvalidConversionToInteger));
}

// ----- saturating truncation ---------------------------------------------------------------------

#[test]
fn trunc_sat() {
    assert_eq!(i32_trunc_sat_f32_s(f32::NAN), 0);
    assert_eq!(i32_trunc_sat_f32_s(2_147_483_648.0), i32::MAX);
    assert_eq!(i32_trunc_sat_f32_s(-2_147_483_904.0), i32::MIN);
    assert_eq!(i32_trunc_sat_f32_s(-1.9), -1);
    assert_eq!(i32_trunc_sat_f32_u(-1.0), 0);
    assert_eq!(i32_trunc_sat_f32_u(f32::INFINITY), u32::MAX);
    assert_eq!(i32_trunc_sat_f32_u(f32::NAN), 0);

    assert_eq!(i32_trunc_sat_f64_s(-2_147_483_648.9), i32::MIN);
    assert_eq!(i32_trunc_sat_f64_s(-2_147_483_649.0), i32::MIN);
    assert_eq!(i32_trunc_sat_f64_s(f64::INFINITY), i32::MAX);
    assert_eq!(i32_trunc_sat_f64_s(f64::NAN), 0);
    assert_eq!(i32_trunc_sat_f64_u(4_294_967_295.9), u32::MAX);
    assert_eq!(i32_trunc_sat_f64_u(4_294_967_296.0), u32::MAX);
    assert_eq!(i32_trunc_sat_f64_u(-0.9), 0);
    assert_eq!(i32_trunc_sat_f64_u(f64::NEG_INFINITY), 0);

    assert_eq!(i64_trunc_sat_f32_s(9_223_372_036_854_775_808.0), i64::MAX);
    assert_eq!(i64_trunc_sat_f32_s(f32::NEG_INFINITY), i64::MIN);
    assert_eq!(i64_trunc_sat_f32_s(-f32::NAN), 0);
    assert_eq!(i64_trunc_sat_f32_u(18_446_744_073_709_551_616.0), u64::MAX);
    assert_eq!(i64_trunc_sat_f32_u(-5.0), 0);

    assert_eq!(i64_trunc_sat_f64_s(9_223_372_036_854_775_808.0), i64::MAX);
    assert_eq!(i64_trunc_sat_f64_s(-9_223_372_036_854_777_856.0), i64::MIN);
    assert_eq!(i64_trunc_sat_f64_s(-1.5), -1);
    assert_eq!(i64_trunc_sat_f64_u(18_446_744_073_709_549_568.0), 18_446_744_073_709_549_568);
    assert_eq!(i64_trunc_sat_f64_u(f64::INFINITY), u64::MAX);
    assert_eq!(i64_trunc_sat_f64_u(f64::NAN), 0);
}

// ----- conversions -------------------------------------------------------------------------------

#[test]
fn convert_to_f32_rounds_to_nearest_even() {
    // 2^24 + 1 is a tie between 2^24 and 2^24 + 2: even mantissa wins.
    assert_eq!(f32_convert_i32_s(16_777_217), 16_777_216.0);
    assert_eq!(f32_convert_i32_s(16_777_219), 16_777_220.0);
    assert_eq!(f32_convert_i32_s(-16_777_217), -16_777_216.0);
    assert_eq!(f32_convert_i32_s(i32::MIN).to_bits(), 0xcf00_0000);
    assert_eq!(f32_convert_i32_u(u32::MAX).to_bits(), 0x4f80_0000); // 2^32
    assert_eq!(f32_convert_i32_u(0x8000_0080).to_bits(), 0x4f00_0000); // tie -> even
    assert_eq!(f32_convert_i32_u(0x8000_0081).to_bits(), 0x4f00_0001);

    // 2^60 + 1 -> 2^60.
    assert_eq!(f32_convert_i64_u(0x1000_0000_0000_0001).to_bits(), 0x5d80_0000);
    // 2^60 + 2^36 + 1 is just above the halfway point between 2^60 and 2^60 + 2^37, so it
    // rounds up. Going through f64 first would round to the tie 2^60 + 2^36 and then to 2^60.
    assert_eq!(f32_convert_i64_u(0x1000_0010_0000_0001).to_bits(), 0x5d80_0001);
    assert_eq!(f32_convert_i64_u(u64::MAX).to_bits(), 0x5f80_0000); // 2^64
    // 2^63 + 2^39 is halfway between 2^63 and 2^63 + 2^40: ties to even gives 2^63.
    assert_eq!(f32_convert_i64_u(0x8000_0080_0000_0000).to_bits(), 0x5f00_0000);
    assert_eq!(f32_convert_i64_s(-0x1000_0010_0000_0001).to_bits(), 0xdd80_0001);
    assert_eq!(f32_convert_i64_s(i64::MIN).to_bits(), 0xdf00_0000);
    assert_eq!(f32_convert_i64_s(i64::MAX).to_bits(), 0x5f00_0000);
}

#[test]
fn convert_to_f64() {
    assert_eq!(f64_convert_i32_s(-1), -1.0);
    assert_eq!(f64_convert_i32_s(i32::MIN), -2_147_483_648.0);
    assert_eq!(f64_convert_i32_u(u32::MAX), 4_294_967_295.0);
    // 2^53 + 1 is a tie: rounds to the even 2^53.
    assert_eq!(f64_convert_i64_s(9_007_199_254_740_993), 9_007_199_254_740_992.0);
    assert_eq!(f64_convert_i64_s(9_007_199_254_740_995), 9_007_199_254_740_996.0);
    assert_eq!(f64_convert_i64_s(i64::MIN).to_bits(), 0xc3e0_0000_0000_0000);
    assert_eq!(f64_convert_i64_u(u64::MAX).to_bits(), 0x43f0_0000_0000_0000); // 2^64
    // At 2^63 an f64 ulp is 2^11: 2^63 + 1025 rounds up, the tie 2^63 + 1024 rounds to even.
    assert_eq!(f64_convert_i64_u(0x8000_0000_0000_0401).to_bits(), 0x43e0_0000_0000_0001);
    assert_eq!(f64_convert_i64_u(0x8000_0000_0000_0400).to_bits(), 0x43e0_0000_0000_0000);
}

#[test]
fn demote_promote() {
    // 1 + 2^-24 is halfway between 1.0 and 1 + 2^-23: ties to even gives 1.0.
    assert_eq!(f32_demote_f64(1.0 + f64::powi(2.0, -24)), 1.0);
    assert_eq!(f32_demote_f64(1.0 + f64::powi(2.0, -24) + f64::powi(2.0, -52)).to_bits(), 0x3f80_0001);
    assert_eq!(f32_demote_f64(1.0 + 3.0 * f64::powi(2.0, -24)).to_bits(), 0x3f80_0002);
    assert_eq!(f32_demote_f64(f64::MAX), f32::INFINITY);
    assert_eq!(f32_demote_f64(-f64::MAX), f32::NEG_INFINITY);
    assert_eq!(f32_demote_f64(f64::from(f32::MAX)), f32::MAX);
    assert_eq!(f32_demote_f64(f64::MIN_POSITIVE), 0.0);
    assert_eq!(f32_demote_f64(-0.0).to_bits(), 0x8000_0000);
    assert!(is_quiet_nan32(f32_demote_f64(f64::NAN)));
    assert!(is_quiet_nan32(f32_demote_f64(f64::from_bits(F64_SNAN))));
    assert!(is_quiet_nan32(f32_demote_f64(f64::from_bits(0x7ff0_0000_0000_0001))));

    assert_eq!(f64_promote_f32(f32::MAX), 3.4028234663852886e38);
    assert_eq!(f64_promote_f32(f32::from_bits(1)), f64::powi(2.0, -149));
    assert_eq!(f64_promote_f32(-0.0).to_bits(), 0x8000_0000_0000_0000);
    assert!(is_quiet_nan64(f64_promote_f32(f32::NAN)));
    assert!(is_quiet_nan64(f64_promote_f32(f32::from_bits(F32_SNAN))));
}

// ----- sign extension ----------------------------------------------------------------------------

#[test]
fn sign_extension() {
    assert_eq!(i32_extend8_s(0x7f), 127);
    assert_eq!(i32_extend8_s(0x80), -128);
    assert_eq!(i32_extend8_s(0x1234_5680), -128);
    assert_eq!(i32_extend8_s(-1), -1);
    assert_eq!(i32_extend16_s(0x7fff), 32767);
    assert_eq!(i32_extend16_s(0x8000), -32768);
    assert_eq!(i32_extend16_s(0x1234_8000), -32768);

    assert_eq!(i64_extend8_s(0x80), -128);
    assert_eq!(i64_extend8_s(0x0123_4567_89ab_cd7f), 127);
    assert_eq!(i64_extend16_s(0xffff), -1);
    assert_eq!(i64_extend16_s(0x0123_4567_89ab_7fff), 32767);
    assert_eq!(i64_extend32_s(0x8000_0000), -2_147_483_648);
    assert_eq!(i64_extend32_s(0x7fff_ffff), 2_147_483_647);
    assert_eq!(i64_extend32_s(0x0123_4567_8000_0000), -2_147_483_648);
}

#[test]
fn rounding_a_signalling_nan_gives_a_quiet_nan() {
    let snan32 = f32::from_bits(0x7fa0_0000);
    for f in [f32_ceil, f32_floor, f32_trunc, f32_nearest, f32_sqrt] {
        assert_eq!(f(snan32).to_bits(), 0x7fe0_0000);
    }
    let snan64 = f64::from_bits(0xfff4_0000_0000_0000);
    for f in [f64_ceil, f64_floor, f64_trunc, f64_nearest, f64_sqrt] {
        assert_eq!(f(snan64).to_bits(), 0xfffc_0000_0000_0000);
    }
}
