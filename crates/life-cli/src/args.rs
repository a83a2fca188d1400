//! Command-line arguments to `Value`s, parsed by the entry function's parameter types.
//!
//! Integers accept the forms of the WebAssembly text format's integer literals without
//! underscores: decimal or `0x` hex, optionally signed, up to the type's unsigned maximum, so
//! `0xffffffff` is the i32 bit pattern -1. Floats use Rust's parser (decimal, exponent,
//! `inf`, `nan`) plus `nan:0x<payload>`, the form `Value`'s `Display` prints, so every printed
//! result can be passed back in. A `v128` is `0x` and up to 32 hex digits.

use crate::error::CliError;
use life_interp::{F32, F64, FuncType, ValType, Value};

#[cfg(test)]
mod tests;

/// Why a text is not a value of the wanted type; shown after the text in the error.
pub type Reason = &'static str;

/// Parses `texts` as the arguments of function `entry` of type `ty`.
///
/// # Errors
///
/// [`CliError::ArgCount`] when there are too many or too few, [`CliError::BadArg`] for the
/// first that does not parse.
pub fn parse_args(entry: &str, ty: &FuncType, texts: &[String]) -> Result<Vec<Value>, CliError> {
    if texts.len() != ty.params().len() {
        return Err(CliError::ArgCount { entry: entry.to_string(), ty: ty.clone(), got: texts.len() });
    }
    texts
        .iter()
        .zip(ty.params())
        .enumerate()
        .map(|(i, (text, &param))| {
            parse_value(text, param).map_err(|reason| CliError::BadArg {
                entry: entry.to_string(),
                index: i + 1,
                text: text.clone(),
                ty: param,
                reason,
            })
        })
        .collect()
}

/// Parses `text` as a value of type `ty`.
///
/// # Errors
///
/// A short reason when `text` is not a valid literal of the type or is out of its range.
pub fn parse_value(text: &str, ty: ValType) -> Result<Value, Reason> {
    match ty {
        ValType::I32 => parse_int(text, 32).map(|bits| Value::I32(bits as u32 as i32)),
        ValType::I64 => parse_int(text, 64).map(|bits| Value::I64(bits as i64)),
        ValType::F32 => parse_f32(text).map(Value::F32),
        ValType::F64 => parse_f64(text).map(Value::F64),
        ValType::V128 => parse_v128(text).map(Value::V128),
        ValType::FuncRef => parse_null(text).map(|()| Value::FuncRef(None)),
        ValType::ExternRef => parse_null(text).map(|()| Value::ExternRef(None)),
    }
}

/// Parses a signed or unsigned integer of `bits` bits and returns its bit pattern.
///
/// Accepts `-2^(bits-1) ..= 2^bits - 1`, like the text format's `iN.const`.
fn parse_int(text: &str, bits: u32) -> Result<u64, Reason> {
    const SYNTAX: Reason = "expected a decimal or 0x-hex integer";
    let (negative, unsigned) = split_sign(text);
    let (digits, radix) = match unsigned.strip_prefix("0x").or_else(|| unsigned.strip_prefix("0X")) {
        Some(hex) => (hex, 16),
        None => (unsigned, 10),
    };
    // `from_str_radix` accepts its own leading sign, which must not follow ours.
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return Err(SYNTAX);
    }
    let magnitude = u128::from_str_radix(digits, radix).map_err(|_| "out of range")?;
    let limit = if negative { 1 << (bits - 1) } else { (1 << bits) - 1 };
    if magnitude > limit {
        return Err("out of range");
    }
    let magnitude = magnitude as u64;
    Ok(if negative { magnitude.wrapping_neg() } else { magnitude })
}

fn parse_f32(text: &str) -> Result<F32, Reason> {
    if let Some(bits) = parse_nan_payload(text, 23)? {
        return Ok(F32::from_bits(bits as u32));
    }
    text.parse::<f32>().map(F32::from).map_err(|_| FLOAT_SYNTAX)
}

fn parse_f64(text: &str) -> Result<F64, Reason> {
    if let Some(bits) = parse_nan_payload(text, 52)? {
        return Ok(F64::from_bits(bits));
    }
    text.parse::<f64>().map(F64::from).map_err(|_| FLOAT_SYNTAX)
}

const FLOAT_SYNTAX: Reason = "expected a decimal number, inf, nan or nan:0x<payload>";

/// Parses `nan:0x<payload>` (optionally signed) into the bits of a NaN with `mantissa_bits`
/// mantissa bits; `None` when the text is not of that form.
fn parse_nan_payload(text: &str, mantissa_bits: u32) -> Result<Option<u64>, Reason> {
    let (negative, unsigned) = split_sign(text);
    let Some(hex) = unsigned.strip_prefix("nan:0x") else {
        return Ok(None);
    };
    let payload = parse_hex(hex).ok_or("expected hex digits after nan:0x")?;
    let mantissa_mask = (1u128 << mantissa_bits) - 1;
    if payload == 0 || payload > mantissa_mask {
        return Err("NaN payload out of range");
    }
    let total_bits = if mantissa_bits == 23 { 32 } else { 64 };
    let exponent = ((1u64 << (total_bits - 1 - mantissa_bits)) - 1) << mantissa_bits;
    let sign = u64::from(negative) << (total_bits - 1);
    Ok(Some(sign | exponent | payload as u64))
}

fn parse_v128(text: &str) -> Result<u128, Reason> {
    const SYNTAX: Reason = "expected 0x followed by up to 32 hex digits";
    let hex = text.strip_prefix("0x").or_else(|| text.strip_prefix("0X")).ok_or(SYNTAX)?;
    if hex.len() > 32 {
        return Err(SYNTAX);
    }
    parse_hex(hex).ok_or(SYNTAX)
}

fn parse_null(text: &str) -> Result<(), Reason> {
    match text {
        "null" => Ok(()),
        _ => Err("only null can be passed for a reference"),
    }
}

/// Hex digits only (no sign, no prefix), at most 32 of them.
fn parse_hex(hex: &str) -> Option<u128> {
    if hex.is_empty() || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    u128::from_str_radix(hex, 16).ok()
}

/// Splits an optional leading `-` or `+` from `text`; the flag says whether it was `-`.
fn split_sign(text: &str) -> (bool, &str) {
    match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    }
}
