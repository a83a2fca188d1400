//! Life's interpreter: a pure-Rust WebAssembly runtime that executes the IR of `life-decode`.
//!
//! This crate is the runtime layer of Life. It owns the [`Store`] (functions, memories, tables,
//! globals, instances), instantiates [`Module`]s against host imports supplied through an
//! [`ImportResolver`], and runs function bodies in a register-style dispatch loop with its own
//! call stack, so guest recursion never grows the host stack.
//! It depends on pure Rust only and contains no platform code.
//!
//! The simplest entry point is [`Vm`], modelled on the original Go `life`'s `VirtualMachine`:
//!
//! ```
//! use life_interp::{FuncType, HostFunc, ImportResolver, Trap, ValType, Value, Vm, VmConfig};
//!
//! /// Supplies `env.__life_log(ptr, len)`, which prints a string from guest memory.
//! struct Resolver;
//!
//! impl ImportResolver for Resolver {
//!     fn resolve_func(&mut self, module: &str, field: &str, _ty: &FuncType) -> Option<HostFunc> {
//!         match (module, field) {
//!             ("env", "__life_log") => Some(HostFunc::new(
//!                 FuncType::new([ValType::I32, ValType::I32], []),
//!                 |caller, args, _results| {
//!                     let (ptr, len) = (args[0].i32().unwrap() as u32, args[1].i32().unwrap() as u32);
//!                     let text = caller.read(ptr, len)?;
//!                     println!("[app] {}", String::from_utf8_lossy(text));
//!                     Ok(())
//!                 },
//!             )),
//!             _ => None,
//!         }
//!     }
//! }
//!
//! let wasm = wat::parse_str(r#"
//!     (module
//!       (import "env" "__life_log" (func $log (param i32 i32)))
//!       (memory 1)
//!       (data (i32.const 16) "Hello, world!")
//!       (func (export "app_main") (result i32)
//!         (call $log (i32.const 16) (i32.const 13))
//!         (i32.const 0)))
//! "#).unwrap();
//! let mut vm = Vm::new(&wasm, VmConfig::default(), &mut Resolver).unwrap();
//! assert_eq!(vm.invoke("app_main", &[]).unwrap(), vec![Value::I32(0)]);
//! ```
//!
//! Host functions can also be closures whose signature comes from their Rust types, and exports
//! can be called with Rust values: see [`HostFunc::wrap`], [`Linker::func_wrap`] and
//! [`TypedFunc`] in the [`typed`] module.
//!
//! Handles ([`Func`], [`Memory`], [`Table`], [`Global`], [`Instance`]) carry the [`StoreId`] of
//! the store that made them; another store refuses them with [`Error::WrongStore`].
//!
//! # WebAssembly support
//!
//! | proposal | status |
//! |---|---|
//! | WebAssembly 1.0 (MVP, mutable globals) | complete |
//! | multi-value | complete: blocks with parameters, several results from functions, host functions and [`Store::invoke`] |
//! | sign-extension operators, non-trapping float-to-int conversions | complete |
//! | bulk memory | complete: `memory.copy/fill/init`, `data.drop`, `table.copy/init`, `elem.drop`, passive and declared segments |
//! | reference types | complete: `funcref`, `externref` ([`Value::ExternRef`] in and out), several tables, `table.*`, typed `select` |
//! | fixed-width SIMD (`v128`) | complete: every WebAssembly 2.0 instruction ([`Value::V128`]) |
//! | extended constant expressions, multi-memory, memory64 (3.0) | complete, off by default (`Features::extended_const`, `Features::multi_memory`, `Features::memory64`): several memories, `memory.copy` between them, 64-bit memories ([`VmConfig::max_memory64_bytes`]) and tables |
//! | tail calls (3.0) | complete, off by default ([`Features::tail_call`](life_decode::Features)): `return_call`, `return_call_indirect`, in constant space |
//! | relaxed SIMD (3.0) | complete, off by default (`Features::relaxed_simd`): the deterministic profile's results on every engine and CPU |
//! | later proposals (function references, GC, threads, exceptions) | not supported: rejected at decode |
//!
//! Every row is checked by the official test suite (`cargo xtask spec --suite all`).
//!
//! # Resource control
//!
//! [`VmConfig`] sets gas ([`GasPolicy`], exact and charged per basic block), memory pages, table
//! elements, call depth, value-stack size, module size limits, a wall-clock timeout, and the
//! deterministic modes (no floats, canonical NaNs). [`Store::invoke_resumable`] pauses a call when
//! gas runs out or a host function returns [`Trap::suspend`]; [`Store::snapshot`] and
//! [`PausedCall::snapshot`] write state to bytes; [`InterruptHandle`] stops guest code from
//! another thread.
//!
//! # Cargo features
//!
//! | feature | default | what it adds |
//! |---|---|---|
//! | `wat` | yes | [`Module::from_wat`] accepts the text format |

mod config;
mod error;
mod exec;
mod host;
mod instantiate;
mod interrupt;
mod memory;
mod module;
pub mod native;
mod snapshot;
mod store;
mod trap;
pub mod typed;
mod vm;

pub use config::VmConfig;
pub use error::{Error, InstantiationError};
pub use exec::{PauseReason, PausedCall, Resumable};
pub use host::{Caller, HostFunc, ImportResolver, Linker, NoImports};
pub use interrupt::InterruptHandle;
pub use life_decode::{
    DefaultGasPolicy, ExternType, F32, F64, Features, FuncRef, FuncType, GasPolicy, GasTable, GlobalType, Limits,
    MemoryType, ModuleLimits, RefType, TableType, TrapCode, UnknownOperator, ValType, Value,
};
pub use module::Module;
pub use native::{CompiledModule, Compiler, Engine};
pub use store::{Extern, Func, Global, Instance, Memory, PAGE_SIZE, Store, StoreId, Table};
pub use trap::{TraceFrame, Trap, TrapKind};
pub use typed::{TypedFunc, WasmList, WasmTy};
pub use vm::Vm;

/// Entry points for Life's native engine, which falls back to the interpreter's code for the ops it
/// does not compile. Not a stable API: they may change with any release.
#[doc(hidden)]
pub mod native_support {
    pub use crate::exec::simd::execute as execute_simd;
}
