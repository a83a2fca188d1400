//! Script values on both sides of an engine: arguments in, expected results checked.
//!
//! Floats compare by bit pattern, so `-0.0` differs from `0.0` and NaN payloads matter, except
//! where the script asks for a NaN class (`nan:canonical`, `nan:arithmetic`), also inside
//! `v128` lanes.
//! Failure messages print values the way a script writes them, and print a `v128` result in
//! the lane shape of the expected pattern, so the two can be read side by side.

use life_decode::{F32, F64, Value};
use std::fmt::Write as _;
use wast::{
    WastArg, WastRet,
    core::{AbstractHeapType, HeapType, NanPattern, V128Pattern, WastArgCore, WastRetCore},
};

/// Converts an argument of an action to a value.
pub(crate) fn arg_value(arg: &WastArg<'_>) -> Result<Value, String> {
    let WastArg::Core(arg) = arg else {
        return Err("component-model arguments are not supported".to_string());
    };
    Ok(match arg {
        WastArgCore::I32(v) => Value::I32(*v),
        WastArgCore::I64(v) => Value::I64(*v),
        WastArgCore::F32(v) => Value::F32(F32::from_bits(v.bits)),
        WastArgCore::F64(v) => Value::F64(F64::from_bits(v.bits)),
        WastArgCore::V128(v) => Value::V128(u128::from_le_bytes(v.to_le_bytes())),
        WastArgCore::RefNull(heap) if is_abstract(heap, AbstractHeapType::Func) => Value::FuncRef(None),
        WastArgCore::RefNull(heap) if is_abstract(heap, AbstractHeapType::Extern) => Value::ExternRef(None),
        WastArgCore::RefExtern(n) => Value::ExternRef(Some(*n)),
        WastArgCore::RefNull(_) | WastArgCore::RefHost(_) => {
            return Err(format!("unsupported argument {arg:?}"));
        }
    })
}

/// Checks an action's results against the expected ones; `Err` says what differed.
pub(crate) fn check_results(expected: &[WastRet<'_>], actual: &[Value]) -> Result<(), String> {
    let mut ok = expected.len() == actual.len();
    for (expected, actual) in expected.iter().zip(actual) {
        let WastRet::Core(expected) = expected else {
            return Err("component-model results are not supported".to_string());
        };
        ok &= matches(expected, actual)?;
    }
    if ok {
        Ok(())
    } else {
        Err(format!("expected {}, got {}", show_expected(expected), show_values(actual, expected)))
    }
}

/// Whether `actual` satisfies the expectation; `Err` for expectations the runner cannot check.
fn matches(expected: &WastRetCore<'_>, actual: &Value) -> Result<bool, String> {
    Ok(match (expected, actual) {
        (WastRetCore::I32(e), Value::I32(a)) => e == a,
        (WastRetCore::I64(e), Value::I64(a)) => e == a,
        (WastRetCore::F32(e), Value::F32(a)) => f32_matches(e, a.to_bits()),
        (WastRetCore::F64(e), Value::F64(a)) => f64_matches(e, a.to_bits()),
        (WastRetCore::V128(e), Value::V128(a)) => v128_matches(e, *a),
        (WastRetCore::RefNull(None), Value::FuncRef(r)) => r.is_none(),
        (WastRetCore::RefNull(None), Value::ExternRef(r)) => r.is_none(),
        (WastRetCore::RefNull(Some(heap)), _) => {
            if is_abstract(heap, AbstractHeapType::Func) {
                *actual == Value::FuncRef(None)
            } else if is_abstract(heap, AbstractHeapType::Extern) {
                *actual == Value::ExternRef(None)
            } else {
                return Err(format!("unsupported expected result {expected:?}"));
            }
        }
        (WastRetCore::RefExtern(Some(e)), Value::ExternRef(a)) => *a == Some(*e),
        (WastRetCore::RefExtern(None), Value::ExternRef(a)) => a.is_some(),
        // `ref.func` may name a function index, but a funcref is an opaque store address, so
        // only non-null-ness can be checked.
        (WastRetCore::RefFunc(_), Value::FuncRef(a)) => a.is_some(),
        (WastRetCore::Either(alternatives), _) => {
            for alternative in alternatives {
                if matches(alternative, actual)? {
                    return Ok(true);
                }
            }
            false
        }
        (
            WastRetCore::RefHost(_)
            | WastRetCore::RefAny
            | WastRetCore::RefEq
            | WastRetCore::RefArray
            | WastRetCore::RefStruct
            | WastRetCore::RefI31
            | WastRetCore::RefI31Shared,
            _,
        ) => return Err(format!("unsupported expected result {expected:?}")),
        // A value of another type than expected.
        _ => false,
    })
}

fn is_abstract(heap: &HeapType<'_>, ty: AbstractHeapType) -> bool {
    matches!(heap, HeapType::Abstract { shared: false, ty: t } if *t == ty)
}

/// `nan:canonical` has only the quiet bit set in the payload; `nan:arithmetic` has at least it.
/// Either sign is allowed.
/// <https://webassembly.github.io/spec/core/exec/numerics.html#nan-propagation>
fn f32_matches(expected: &NanPattern<wast::token::F32>, bits: u32) -> bool {
    const ABS: u32 = 0x7fff_ffff;
    const QUIET_NAN: u32 = 0x7fc0_0000;
    match expected {
        NanPattern::CanonicalNan => bits & ABS == QUIET_NAN,
        NanPattern::ArithmeticNan => bits & QUIET_NAN == QUIET_NAN,
        NanPattern::Value(e) => e.bits == bits,
    }
}

/// The `f64` twin of [`f32_matches`].
fn f64_matches(expected: &NanPattern<wast::token::F64>, bits: u64) -> bool {
    const ABS: u64 = 0x7fff_ffff_ffff_ffff;
    const QUIET_NAN: u64 = 0x7ff8_0000_0000_0000;
    match expected {
        NanPattern::CanonicalNan => bits & ABS == QUIET_NAN,
        NanPattern::ArithmeticNan => bits & QUIET_NAN == QUIET_NAN,
        NanPattern::Value(e) => e.bits == bits,
    }
}

/// Compares lane by lane.
fn v128_matches(expected: &V128Pattern, actual: u128) -> bool {
    match expected {
        V128Pattern::I8x16(e) => e.iter().enumerate().all(|(i, e)| *e as u8 == lane8(actual, i)),
        V128Pattern::I16x8(e) => e.iter().enumerate().all(|(i, e)| *e as u16 == lane16(actual, i)),
        V128Pattern::I32x4(e) => e.iter().enumerate().all(|(i, e)| *e as u32 == lane32(actual, i)),
        V128Pattern::I64x2(e) => e.iter().enumerate().all(|(i, e)| *e as u64 == lane64(actual, i)),
        V128Pattern::F32x4(e) => e.iter().enumerate().all(|(i, e)| f32_matches(e, lane32(actual, i))),
        V128Pattern::F64x2(e) => e.iter().enumerate().all(|(i, e)| f64_matches(e, lane64(actual, i))),
    }
}

// Lane `i` of a `v128`; lane 0 is the least significant, as in memory (little-endian).
fn lane8(v: u128, i: usize) -> u8 {
    (v >> (8 * i)) as u8
}
fn lane16(v: u128, i: usize) -> u16 {
    (v >> (16 * i)) as u16
}
fn lane32(v: u128, i: usize) -> u32 {
    (v >> (32 * i)) as u32
}
fn lane64(v: u128, i: usize) -> u64 {
    (v >> (64 * i)) as u64
}

/// Shows values as a script writes them: `(i32.const 1) (f32.const nan:0x400000 [0x7fc00000])`.
/// A `v128` takes the lane shape of the corresponding expected pattern in `like`, if any.
pub(crate) fn show_values(values: &[Value], like: &[WastRet<'_>]) -> String {
    if values.is_empty() {
        return "()".to_string();
    }
    let shapes = like.iter().map(|ret| match ret {
        WastRet::Core(WastRetCore::V128(pattern)) => Some(pattern),
        _ => None,
    });
    let shapes = shapes.chain(std::iter::repeat(None));
    let mut out = String::new();
    for (value, shape) in values.iter().zip(shapes) {
        if !out.is_empty() {
            out.push(' ');
        }
        match value {
            Value::I32(v) => write!(out, "(i32.const {v})"),
            Value::I64(v) => write!(out, "(i64.const {v})"),
            Value::F32(v) => write!(out, "(f32.const {})", show_f32(*v)),
            Value::F64(v) => write!(out, "(f64.const {})", show_f64(*v)),
            Value::V128(v) => write!(out, "(v128.const {})", show_v128(*v, shape)),
            Value::FuncRef(None) => write!(out, "(ref.null func)"),
            Value::FuncRef(Some(r)) => write!(out, "(ref.func {})", r.0),
            Value::ExternRef(None) => write!(out, "(ref.null extern)"),
            Value::ExternRef(Some(r)) => write!(out, "(ref.extern {r})"),
        }
        .expect("writing to a String cannot fail");
    }
    out
}

/// Shows expected results; the `wast` types only implement `Debug`.
pub(crate) fn show_expected(expected: &[WastRet<'_>]) -> String {
    if expected.is_empty() {
        return "()".to_string();
    }
    let shown: Vec<String> = expected
        .iter()
        .map(|ret| match ret {
            WastRet::Core(ret) => show_ret(ret),
            other => format!("{other:?}"),
        })
        .collect();
    shown.join(" ")
}

fn show_ret(ret: &WastRetCore<'_>) -> String {
    match ret {
        WastRetCore::I32(v) => format!("(i32.const {v})"),
        WastRetCore::I64(v) => format!("(i64.const {v})"),
        WastRetCore::F32(p) => format!("(f32.const {})", show_f32_pattern(p)),
        WastRetCore::F64(p) => format!("(f64.const {})", show_f64_pattern(p)),
        WastRetCore::V128(p) => format!("(v128.const {})", show_v128_pattern(p)),
        WastRetCore::RefNull(None) => "(ref.null)".to_string(),
        WastRetCore::RefNull(Some(heap)) if is_abstract(heap, AbstractHeapType::Func) => "(ref.null func)".to_string(),
        WastRetCore::RefNull(Some(heap)) if is_abstract(heap, AbstractHeapType::Extern) => {
            "(ref.null extern)".to_string()
        }
        WastRetCore::RefExtern(Some(n)) => format!("(ref.extern {n})"),
        WastRetCore::RefExtern(None) => "(ref.extern)".to_string(),
        WastRetCore::RefFunc(_) => "(ref.func)".to_string(),
        WastRetCore::Either(alternatives) => {
            let shown: Vec<String> = alternatives.iter().map(show_ret).collect();
            format!("(either {})", shown.join(" "))
        }
        other => format!("{other:?}"),
    }
}

/// A float with its bits, since two different NaNs or zeros print alike.
fn show_f32(v: F32) -> String {
    format!("{v} [0x{:08x}]", v.to_bits())
}
fn show_f64(v: F64) -> String {
    format!("{v} [0x{:016x}]", v.to_bits())
}

fn show_f32_pattern(p: &NanPattern<wast::token::F32>) -> String {
    match p {
        NanPattern::CanonicalNan => "nan:canonical".to_string(),
        NanPattern::ArithmeticNan => "nan:arithmetic".to_string(),
        NanPattern::Value(v) => show_f32(F32::from_bits(v.bits)),
    }
}
fn show_f64_pattern(p: &NanPattern<wast::token::F64>) -> String {
    match p {
        NanPattern::CanonicalNan => "nan:canonical".to_string(),
        NanPattern::ArithmeticNan => "nan:arithmetic".to_string(),
        NanPattern::Value(v) => show_f64(F64::from_bits(v.bits)),
    }
}

/// Integer lanes print in hex so that the expected and actual sides line up.
fn show_v128_pattern(p: &V128Pattern) -> String {
    let lanes: Vec<String> = match p {
        V128Pattern::I8x16(l) => l.iter().map(|v| format!("0x{:02x}", *v as u8)).collect(),
        V128Pattern::I16x8(l) => l.iter().map(|v| format!("0x{:04x}", *v as u16)).collect(),
        V128Pattern::I32x4(l) => l.iter().map(|v| format!("0x{:08x}", *v as u32)).collect(),
        V128Pattern::I64x2(l) => l.iter().map(|v| format!("0x{:016x}", *v as u64)).collect(),
        V128Pattern::F32x4(l) => l.iter().map(show_f32_pattern).collect(),
        V128Pattern::F64x2(l) => l.iter().map(show_f64_pattern).collect(),
    };
    format!("{} {}", shape_name(p), lanes.join(" "))
}

/// Shows `v` in the lane shape of `like`, or as `i32x4` without one.
fn show_v128(v: u128, like: Option<&V128Pattern>) -> String {
    let (name, lanes): (&str, Vec<String>) = match like {
        Some(V128Pattern::I8x16(_)) => ("i8x16", (0..16).map(|i| format!("0x{:02x}", lane8(v, i))).collect()),
        Some(V128Pattern::I16x8(_)) => ("i16x8", (0..8).map(|i| format!("0x{:04x}", lane16(v, i))).collect()),
        Some(V128Pattern::I64x2(_)) => ("i64x2", (0..2).map(|i| format!("0x{:016x}", lane64(v, i))).collect()),
        Some(V128Pattern::F32x4(_)) => ("f32x4", (0..4).map(|i| show_f32(F32::from_bits(lane32(v, i)))).collect()),
        Some(V128Pattern::F64x2(_)) => ("f64x2", (0..2).map(|i| show_f64(F64::from_bits(lane64(v, i)))).collect()),
        Some(V128Pattern::I32x4(_)) | None => ("i32x4", (0..4).map(|i| format!("0x{:08x}", lane32(v, i))).collect()),
    };
    format!("{name} {}", lanes.join(" "))
}

fn shape_name(p: &V128Pattern) -> &'static str {
    match p {
        V128Pattern::I8x16(_) => "i8x16",
        V128Pattern::I16x8(_) => "i16x8",
        V128Pattern::I32x4(_) => "i32x4",
        V128Pattern::I64x2(_) => "i64x2",
        V128Pattern::F32x4(_) => "f32x4",
        V128Pattern::F64x2(_) => "f64x2",
    }
}
