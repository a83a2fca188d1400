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
//! `..`, absolute paths and symbolic links cannot lead outside them (see RATIONALE.md).
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
//! Every function of `wasi_snapshot_preview1` is implemented; the socket functions answer
//! `BADF` or `NOTSOCK`, since a guest is granted no sockets.
//! An import of that module that Life does not implement fails instantiation with
//! [`InstantiationError::UnknownImport`](life_interp::InstantiationError::UnknownImport),
//! naming the import and its type, as wasmtime and wasmi do; [`Wasi::unknown_imports`]
//! chooses a stand-in instead ([`UnknownImports::Trap`] or [`UnknownImports::Nosys`]).
//! The official WASI test suite's preview 1 programs pass on both engines
//! (`tests/wasi-testsuite`).
//! A pointer outside the guest's memory makes a call fail with `FAULT`; nothing a guest
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

use life_interp::{FuncType, HostFunc, ImportResolver, Trap, Value};
use std::sync::{Arc, Mutex};

/// Resolves `wasi_snapshot_preview1` imports against one shared [`WasiCtx`].
///
/// Clones share the context, so one `Wasi` can resolve the imports of several instances
/// (they then share descriptors, as processes sharing a file table would).
/// Imports of other modules are left unresolved, for the other half of a resolver pair.
/// An import of a name Life does not implement is left unresolved too, so instantiation fails
/// naming it, unless [`Wasi::unknown_imports`] says otherwise.
#[derive(Debug, Clone)]
pub struct Wasi {
    ctx: Arc<Mutex<WasiCtx>>,
    unknown: UnknownImports,
}

impl Wasi {
    /// A resolver for `ctx` that refuses unknown `wasi_snapshot_preview1` imports.
    pub fn new(ctx: WasiCtx) -> Self {
        Wasi { ctx: Arc::new(Mutex::new(ctx)), unknown: UnknownImports::Deny }
    }

    /// What to do with a `wasi_snapshot_preview1` import Life does not implement (a function
    /// of a later WASI, or a name WASI never had); the default is [`UnknownImports::Deny`].
    ///
    /// ```
    /// use life_interp::{Vm, VmConfig};
    /// use life_wasi::{UnknownImports, Wasi, WasiCtx};
    ///
    /// let wasm = wat::parse_str(r#"(module
    ///     (import "wasi_snapshot_preview1" "no_such_function" (func (param i32) (result i32))))"#).unwrap();
    /// let err = Vm::new(&wasm, VmConfig::default(), &mut Wasi::new(WasiCtx::builder().build())).unwrap_err();
    /// assert!(err.to_string().contains(r#""wasi_snapshot_preview1" "no_such_function""#));
    /// let mut lenient = Wasi::new(WasiCtx::builder().build()).unknown_imports(UnknownImports::Trap);
    /// assert!(Vm::new(&wasm, VmConfig::default(), &mut lenient).is_ok());
    /// ```
    pub fn unknown_imports(mut self, policy: UnknownImports) -> Self {
        self.unknown = policy;
        self
    }

    /// The names of the functions implemented; every other `wasi_snapshot_preview1` import is
    /// unknown (see [`Wasi::unknown_imports`]).
    pub fn implemented() -> impl Iterator<Item = &'static str> {
        funcs::implemented()
    }
}

/// What a resolver does with an imported function it does not provide.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum UnknownImports {
    /// Leave it unresolved: instantiation fails with an error naming the import's module,
    /// field and type.
    #[default]
    Deny,
    /// Provide a function of the import's type that traps when called, naming the import.
    Trap,
    /// Provide a function of the import's type that does nothing and returns `NOSYS` as its
    /// first result if that is an `i32`, and zeros otherwise: Life's behaviour before unknown
    /// imports were refused.
    Nosys,
}

impl UnknownImports {
    /// The stand-in this policy gives for function `module`.`field` of type `ty`: `None` under
    /// [`UnknownImports::Deny`].
    ///
    /// Resolvers other than [`Wasi`] can use it for the imports they do not provide.
    pub fn stub(self, module: &str, field: &str, ty: &FuncType) -> Option<HostFunc> {
        match self {
            UnknownImports::Deny => None,
            UnknownImports::Trap => {
                let message = format!("called \"{module}\" \"{field}\" {ty}, an import the host does not provide");
                Some(HostFunc::new(ty.clone(), move |_caller, _args, _results| Err(Trap::host(message.clone()))))
            }
            UnknownImports::Nosys => Some(HostFunc::new(ty.clone(), |_caller, _args, results| {
                if let Some(first @ Value::I32(_)) = results.first_mut() {
                    *first = Value::I32(Errno::Nosys as i32);
                }
                Ok(())
            })),
        }
    }
}

impl From<WasiCtx> for Wasi {
    fn from(ctx: WasiCtx) -> Self {
        Wasi::new(ctx)
    }
}

impl ImportResolver for Wasi {
    fn resolve_func(&mut self, module: &str, field: &str, ty: &FuncType) -> Option<HostFunc> {
        if module != MODULE {
            return None;
        }
        funcs::host_func(&self.ctx, field).or_else(|| self.unknown.stub(module, field, ty))
    }
}

/// The README's Rust examples, compiled (and, where they need no files, run) as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../../../README.md")]
struct ReadmeDoctests;
