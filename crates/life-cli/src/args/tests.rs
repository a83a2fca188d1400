//! Unit tests for argument parsing: every accepted form and the range edges of each type.

use super::parse_value;
use life_interp::{F32, F64, ValType, Value};

fn ok(text: &str, ty: ValType) -> Value {
    parse_value(text, ty).unwrap_or_else(|e| panic!("{text:?} as {ty} should parse: {e}"))
}

fn err(text: &str, ty: ValType) -> &'static str {
    match parse_value(text, ty) {
        Ok(v) => panic!("{text:?} as {ty} should not parse, got {v}"),
        Err(reason) => reason,
    }
}

#[test]
fn i32_forms() {
    assert_eq!(ok("0", ValType::I32), Value::I32(0));
    assert_eq!(ok("-5", ValType::I32), Value::I32(-5));
    assert_eq!(ok("+7", ValType::I32), Value::I32(7));
    assert_eq!(ok("0x10", ValType::I32), Value::I32(16));
    assert_eq!(ok("0XfF", ValType::I32), Value::I32(255));
    assert_eq!(ok("-0x10", ValType::I32), Value::I32(-16));
    assert_eq!(ok("0xffffffff", ValType::I32), Value::I32(-1));
    assert_eq!(ok("4294967295", ValType::I32), Value::I32(-1));
    assert_eq!(ok("-2147483648", ValType::I32), Value::I32(i32::MIN));
    assert_eq!(ok("-0x80000000", ValType::I32), Value::I32(i32::MIN));
}

#[test]
fn i32_rejects() {
    assert_eq!(err("4294967296", ValType::I32), "out of range");
    assert_eq!(err("0x100000000", ValType::I32), "out of range");
    assert_eq!(err("-2147483649", ValType::I32), "out of range");
    assert_eq!(err("99999999999999999999999999999999999999999", ValType::I32), "out of range");
    for text in ["", "-", "0x", "--1", "-+1", "+-1", "1.5", "abc", "0xg", " 1", "1_000"] {
        assert_eq!(err(text, ValType::I32), "expected a decimal or 0x-hex integer");
    }
}

#[test]
fn i64_forms_and_edges() {
    assert_eq!(ok("-9223372036854775808", ValType::I64), Value::I64(i64::MIN));
    assert_eq!(ok("9223372036854775807", ValType::I64), Value::I64(i64::MAX));
    assert_eq!(ok("18446744073709551615", ValType::I64), Value::I64(-1));
    assert_eq!(ok("0xffffffffffffffff", ValType::I64), Value::I64(-1));
    assert_eq!(err("18446744073709551616", ValType::I64), "out of range");
    assert_eq!(err("-9223372036854775809", ValType::I64), "out of range");
}

#[test]
fn float_forms() {
    assert_eq!(ok("1.5", ValType::F32), Value::from(1.5f32));
    assert_eq!(ok("-0", ValType::F64), Value::from(-0.0f64));
    assert_eq!(ok("1e300", ValType::F64), Value::from(1e300f64));
    assert_eq!(ok("inf", ValType::F32), Value::from(f32::INFINITY));
    assert_eq!(ok("-inf", ValType::F64), Value::from(f64::NEG_INFINITY));
    assert!(ok("nan", ValType::F64).f64().is_some_and(f64::is_nan));
    assert_eq!(ok("nan:0x400000", ValType::F32), Value::F32(F32::from_bits(0x7fc0_0000)));
    assert_eq!(ok("-nan:0x1", ValType::F64), Value::F64(F64::from_bits(0xfff0_0000_0000_0001)));
}

#[test]
fn float_round_trips_through_display() {
    for bits in [0x7fa0_0001u32, 0xffc0_0000, 0x3f80_0000, 0x0000_0001, 0x8000_0000] {
        let v = Value::F32(F32::from_bits(bits));
        assert_eq!(ok(&v.to_string(), ValType::F32), v);
    }
    for bits in [0x7ff8_0000_0000_0001u64, 0x3ff0_0000_0000_0000, 0x0000_0000_0000_0001] {
        let v = Value::F64(F64::from_bits(bits));
        assert_eq!(ok(&v.to_string(), ValType::F64), v);
    }
}

#[test]
fn float_rejects() {
    assert_eq!(err("nan:0x0", ValType::F32), "NaN payload out of range");
    assert_eq!(err("nan:0x800000", ValType::F32), "NaN payload out of range");
    assert_eq!(err("nan:0x", ValType::F64), "expected hex digits after nan:0x");
    for text in ["", "one", "0x1p3", "1.5.2"] {
        assert!(parse_value(text, ValType::F64).is_err(), "{text:?}");
    }
}

#[test]
fn v128_forms() {
    assert_eq!(ok("0x1", ValType::V128), Value::V128(1));
    let all = "0x".to_string() + &"f".repeat(32);
    assert_eq!(ok(&all, ValType::V128), Value::V128(u128::MAX));
    let long = "0x".to_string() + &"0".repeat(33);
    assert!(parse_value(&long, ValType::V128).is_err());
    assert!(parse_value("1", ValType::V128).is_err());
    assert!(parse_value("-0x1", ValType::V128).is_err());
}

#[test]
fn references_accept_only_null() {
    assert_eq!(ok("null", ValType::FuncRef), Value::FuncRef(None));
    assert_eq!(ok("null", ValType::ExternRef), Value::ExternRef(None));
    assert!(parse_value("0", ValType::FuncRef).is_err());
}
