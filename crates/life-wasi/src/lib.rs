//! WASI preview 1 (`wasi_snapshot_preview1`) for Life: run programs built for `wasm32-wasi`
//! with their arguments, environment, standard streams and a sandboxed file system.
//!
//! This crate sits beside the engines: it only supplies host functions through the ordinary
//! [`ImportResolver`] API of `life-interp`, so any engine that instantiates through that API
//! runs WASI programs unchanged.
//! Build a [`WasiCtx`] with what the guest may see, wrap it in a [`Wasi`], and pass that as the
//! resolver (or as the first half of a pair, `(wasi, my_resolver)`, to add host functions of
//! your own).
//! The guest sees only the directories you preopen; paths are resolved with `cap-std`, so
//! `..`, absolute paths and symbolic links cannot lead outside them (see RATIONALE-wasi.md).
//!
//! ```
//! use life_interp::{TrapKind, Vm, VmConfig};
//! use life_wasi::{OutputBuffer, Wasi, WasiCtx};
//!
//! // A command that writes "hi\n" to standard output and exits with code 3.
//! let wasm = wat::parse_str(r#"
//!     (module
//!       (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
//!       (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
//!       (memory (export "memory") 1)
//!       (data (i32.const 8) "\10\00\00\00\03\00\00\00hi\n")
//!       (func (export "_start")
//!         (drop (call $fd_write (i32.const 1) (i32.const 8) (i32.const 1) (i32.const 0)))
//!         (call $proc_exit (i32.const 3))))
//! "#).unwrap();
//! let stdout = OutputBuffer::new();
//! let mut wasi = Wasi::new(WasiCtx::builder().arg("hi.wasm").stdout(stdout.clone()).build());
//! let mut vm = Vm::new(&wasm, VmConfig::default(), &mut wasi).unwrap();
//! let err = vm.invoke("_start", &[]).unwrap_err();
//! assert_eq!(err.trap().map(|t| t.kind()), Some(&TrapKind::Exit(3)));
//! assert_eq!(stdout.contents(), b"hi\n");
//! ```
//!
//! Every function of `wasi_snapshot_preview1` is implemented except the socket functions
//! (`sock_accept`, `sock_recv`, `sock_send`, `sock_shutdown`); those, and any other name in
//! that module, resolve to functions that return `NOSYS`, so instantiation never fails for
//! them. A pointer outside the guest's memory makes a call fail with `FAULT`; nothing a guest
//! passes makes the host panic.

#![forbid(unsafe_code)]

mod ctx;
mod error;
mod funcs;
mod memory;
mod stdio;
mod sys;
mod types;

pub use ctx::{WasiCtx, WasiCtxBuilder};
pub use funcs::MODULE;
pub use stdio::OutputBuffer;
pub use types::Errno;

use life_interp::{FuncType, HostFunc, ImportResolver};
use std::sync::{Arc, Mutex};

/// Resolves `wasi_snapshot_preview1` imports against one shared [`WasiCtx`].
///
/// Clones share the context, so one `Wasi` can resolve the imports of several instances
/// (they then share descriptors, as processes sharing a file table would).
/// Imports of other modules are left unresolved, for the other half of a resolver pair.
#[derive(Debug, Clone)]
pub struct Wasi {
    ctx: Arc<Mutex<WasiCtx>>,
}

impl Wasi {
    /// A resolver for `ctx`.
    pub fn new(ctx: WasiCtx) -> Self {
        Wasi { ctx: Arc::new(Mutex::new(ctx)) }
    }

    /// The names of the functions implemented; every other `wasi_snapshot_preview1` import
    /// returns `NOSYS`.
    pub fn implemented() -> impl Iterator<Item = &'static str> {
        funcs::implemented()
    }
}

impl From<WasiCtx> for Wasi {
    fn from(ctx: WasiCtx) -> Self {
        Wasi::new(ctx)
    }
}

impl ImportResolver for Wasi {
    fn resolve_func(&mut self, module: &str, field: &str, ty: &FuncType) -> Option<HostFunc> {
        (module == MODULE).then(|| funcs::host_func(&self.ctx, field, ty))
    }
}

/// The README's Rust examples, compiled (and, where they need no files, run) as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../../../README.md")]
struct ReadmeDoctests;
