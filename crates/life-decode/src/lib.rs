//! Decoding and validation of WebAssembly modules into Life's IR.
//!
//! This is the first layer of Life: bytes go in, a validated [`Module`] comes out, whose function
//! bodies translate to the register-style IR in [`ir`] that both engines run, at decode time or on
//! first use ([`Module::body`], with [`DecodeOptions::lazy`]).
//! Validation is `wasmparser`'s; this crate adds no checks of its own beyond resource limits.
//! Nothing here executes code.
//!
//! ```
//! use life_decode::{decode, Features};
//! let wasm = wat::parse_str(r#"(module (func (export "add") (param i32 i32) (result i32)
//!     local.get 0 local.get 1 i32.add))"#).unwrap();
//! let module = decode(&wasm, Features::default()).unwrap();
//! assert_eq!(module.exports[0].name, "add");
//! ```

#![forbid(unsafe_code)]

mod error;
mod features;
mod gas;
pub mod ir;
mod module;
mod options;
pub mod semantics;
mod translate;
mod trap;
mod types;
mod validate;
mod value;

mod decode;

pub use decode::{decode, decode_prevalidated, decode_with};
pub use error::{DecodeError, DecodeErrorKind};
pub use features::{Features, Proposal};
pub use gas::{DefaultGasPolicy, GasPolicy, GasTable, UnknownOperator};
pub use module::{
    ConstExpr, ConstOp, DataMode, DataSegment, ElemMode, ElemSegment, Export, ExternKind, Global, Import, ImportDesc,
    Module, Names,
};
pub use options::{DecodeOptions, ModuleLimits};
pub use trap::TrapCode;
pub use types::{ExternType, FuncType, GlobalType, Limits, MemoryType, RefType, TableType, ValType};
pub use value::{F32, F64, FuncRef, Value};
