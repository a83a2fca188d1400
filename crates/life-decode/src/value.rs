//! Runtime values passed between the host and the engines.

use crate::types::ValType;
use std::fmt;

/// A 32-bit float kept as its bit pattern, so NaN payloads survive every copy.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct F32(u32);

/// A 64-bit float kept as its bit pattern, so NaN payloads survive every copy.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct F64(u64);

impl F32 {
    /// From raw IEEE 754 bits.
    pub const fn from_bits(bits: u32) -> Self {
        F32(bits)
    }
    /// The raw IEEE 754 bits.
    pub const fn to_bits(self) -> u32 {
        self.0
    }
    /// As a Rust float (NaN payloads may not survive arithmetic on it).
    pub fn to_float(self) -> f32 {
        f32::from_bits(self.0)
    }
}

impl F64 {
    /// From raw IEEE 754 bits.
    pub const fn from_bits(bits: u64) -> Self {
        F64(bits)
    }
    /// The raw IEEE 754 bits.
    pub const fn to_bits(self) -> u64 {
        self.0
    }
    /// As a Rust float (NaN payloads may not survive arithmetic on it).
    pub fn to_float(self) -> f64 {
        f64::from_bits(self.0)
    }
}

impl From<f32> for F32 {
    fn from(f: f32) -> Self {
        F32(f.to_bits())
    }
}

impl From<f64> for F64 {
    fn from(f: f64) -> Self {
        F64(f.to_bits())
    }
}

impl fmt::Debug for F32 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl fmt::Debug for F64 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl fmt::Display for F32 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let v = self.to_float();
        if v.is_nan() {
            write!(f, "{}nan:0x{:x}", if self.0 >> 31 == 1 { "-" } else { "" }, self.0 & 0x7f_ffff)
        } else {
            write!(f, "{v:?}")
        }
    }
}

impl fmt::Display for F64 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let v = self.to_float();
        if v.is_nan() {
            write!(f, "{}nan:0x{:x}", if self.0 >> 63 == 1 { "-" } else { "" }, self.0 & 0xf_ffff_ffff_ffff)
        } else {
            write!(f, "{v:?}")
        }
    }
}

/// An opaque reference to a function in a store. Only the engine that made it can use it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FuncRef(pub u32);

/// A WebAssembly value of any type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Value {
    /// `i32`.
    I32(i32),
    /// `i64`.
    I64(i64),
    /// `f32`, as bits.
    F32(F32),
    /// `f64`, as bits.
    F64(F64),
    /// `v128`, little-endian lanes in one integer.
    V128(u128),
    /// `funcref`: `None` is `ref.null func`.
    FuncRef(Option<FuncRef>),
    /// `externref`: an opaque host value; `None` is `ref.null extern`.
    ExternRef(Option<u32>),
}

impl Value {
    /// The type of this value.
    pub fn ty(&self) -> ValType {
        match self {
            Value::I32(_) => ValType::I32,
            Value::I64(_) => ValType::I64,
            Value::F32(_) => ValType::F32,
            Value::F64(_) => ValType::F64,
            Value::V128(_) => ValType::V128,
            Value::FuncRef(_) => ValType::FuncRef,
            Value::ExternRef(_) => ValType::ExternRef,
        }
    }

    /// The zero value of a type: what locals and table slots start as.
    pub fn default_of(ty: ValType) -> Value {
        match ty {
            ValType::I32 => Value::I32(0),
            ValType::I64 => Value::I64(0),
            ValType::F32 => Value::F32(F32::default()),
            ValType::F64 => Value::F64(F64::default()),
            ValType::V128 => Value::V128(0),
            ValType::FuncRef => Value::FuncRef(None),
            ValType::ExternRef => Value::ExternRef(None),
        }
    }

    /// The `i32` inside, if this is one.
    pub fn i32(&self) -> Option<i32> {
        match self {
            Value::I32(v) => Some(*v),
            _ => None,
        }
    }

    /// The `i64` inside, if this is one.
    pub fn i64(&self) -> Option<i64> {
        match self {
            Value::I64(v) => Some(*v),
            _ => None,
        }
    }

    /// The `f32` inside, if this is one.
    pub fn f32(&self) -> Option<f32> {
        match self {
            Value::F32(v) => Some(v.to_float()),
            _ => None,
        }
    }

    /// The `f64` inside, if this is one.
    pub fn f64(&self) -> Option<f64> {
        match self {
            Value::F64(v) => Some(v.to_float()),
            _ => None,
        }
    }
}

impl From<i32> for Value {
    fn from(v: i32) -> Self {
        Value::I32(v)
    }
}
impl From<i64> for Value {
    fn from(v: i64) -> Self {
        Value::I64(v)
    }
}
impl From<f32> for Value {
    fn from(v: f32) -> Self {
        Value::F32(v.into())
    }
}
impl From<f64> for Value {
    fn from(v: f64) -> Self {
        Value::F64(v.into())
    }
}

impl fmt::Display for Value {
    /// Prints the value as the CLI does: integers in decimal, floats in Rust's
    /// shortest round-trip form, `v128` in hex, references as `null` or an address.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::I32(v) => write!(f, "{v}"),
            Value::I64(v) => write!(f, "{v}"),
            Value::F32(v) => write!(f, "{v}"),
            Value::F64(v) => write!(f, "{v}"),
            Value::V128(v) => write!(f, "0x{v:032x}"),
            Value::FuncRef(None) | Value::ExternRef(None) => f.write_str("null"),
            Value::FuncRef(Some(r)) => write!(f, "funcref:{}", r.0),
            Value::ExternRef(Some(r)) => write!(f, "externref:{r}"),
        }
    }
}
