//! The host imports `life` provides: only `env.__life_log`, as in the original Perlin `life`,
//! and, as `--wasi-unknown-imports` asks, stand-ins for the functions it does not provide.

use life_interp::{FuncType, HostFunc, ImportResolver, Trap, ValType, Value};
use life_wasi::UnknownImports;
use std::{
    io::{self, Write},
    sync::{Arc, Mutex},
};

/// Resolves `env.__life_log(ptr: i32, len: i32)`, and every other imported function as the
/// `unknown` policy says (by default, not at all).
///
/// The function is offered whatever type the module asks for; instantiation then reports a
/// module that imports it with another signature as an incompatible import, rather than as
/// an unknown one.
#[derive(Debug, Default)]
pub struct CliImports {
    /// What to do with a function import other than `env.__life_log`.
    pub unknown: UnknownImports,
    /// The first failed write to stdout, kept so that a closed pipe is reported as an output
    /// error rather than as a trap of the program.
    output_error: Arc<Mutex<Option<io::Error>>>,
}

impl CliImports {
    /// Resolves `env.__life_log`, and other functions as `unknown` says.
    pub fn new(unknown: UnknownImports) -> Self {
        CliImports { unknown, ..CliImports::default() }
    }

    /// The error of a failed write to stdout by `__life_log`, if one failed.
    pub fn take_output_error(&self) -> Option<io::Error> {
        self.output_error.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).take()
    }
}

impl ImportResolver for CliImports {
    fn resolve_func(&mut self, module: &str, field: &str, ty: &FuncType) -> Option<HostFunc> {
        match (module, field) {
            ("env", "__life_log") => Some(life_log(self.output_error.clone())),
            _ => self.unknown.stub(module, field, ty),
        }
    }
}

/// `__life_log(ptr, len)`: writes `len` bytes of guest memory at `ptr` and a newline to stdout.
///
/// The bytes are written as they are, not checked for UTF-8.
/// A range outside memory traps with `out of bounds memory access`.
/// A failed write stops the program with a host trap and leaves the error in `output_error`.
fn life_log(output_error: Arc<Mutex<Option<io::Error>>>) -> HostFunc {
    HostFunc::new(FuncType::new([ValType::I32, ValType::I32], []), move |caller, args, _results| {
        // Instantiation checked the import's type, so this `else` only guards against a
        // bug elsewhere, and reports it as a trap rather than a panic.
        let [Value::I32(ptr), Value::I32(len)] = *args else {
            return Err(Trap::host("__life_log expects (i32, i32) arguments"));
        };
        let text = caller.read(ptr as u32, len as u32)?;
        let mut out = io::stdout().lock();
        out.write_all(text).and_then(|()| out.write_all(b"\n")).map_err(|e| {
            let trap = Trap::host(format!("__life_log cannot write to stdout: {e}"));
            let mut slot = output_error.lock().unwrap_or_else(|p| p.into_inner());
            slot.get_or_insert(e);
            trap
        })
    })
}
