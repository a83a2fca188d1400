//! `DecodeOptions`: everything that shapes how a module is decoded and translated.

use crate::{Features, GasPolicy};
use std::sync::Arc;

/// Upper bounds on a module's size, so that a hostile module cannot make decoding take
/// unbounded time or memory. `wasmparser` enforces its own fixed limits on top of these.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ModuleLimits {
    /// Total size of the binary in bytes.
    pub max_module_bytes: usize,
    /// Functions, imported and defined.
    pub max_functions: u32,
    /// Locals of one function, parameters included.
    pub max_locals: u32,
    /// Element plus data segments.
    pub max_segments: u32,
    /// Bytes of one function body.
    pub max_function_bytes: usize,
}

impl Default for ModuleLimits {
    fn default() -> Self {
        ModuleLimits {
            max_module_bytes: 256 << 20,
            max_functions: 1_000_000,
            max_locals: 50_000,
            max_segments: 100_000,
            max_function_bytes: 8 << 20,
        }
    }
}

/// How to decode and translate a module.
///
/// ```
/// use life_decode::{decode_with, DecodeOptions, DefaultGasPolicy};
/// use std::sync::Arc;
/// let options = DecodeOptions { gas: Some(Arc::new(DefaultGasPolicy)), ..DecodeOptions::default() };
/// let wasm = wat::parse_str("(module (func (result i32) i32.const 1))").unwrap();
/// let module = decode_with(&wasm, &options).unwrap();
/// assert!(module.metered);
/// ```
#[derive(Debug, Clone, Default)]
pub struct DecodeOptions {
    /// Accepted proposals.
    pub features: Features,
    /// Gas metering: when set, every basic block starts with a `consume_gas` op.
    pub gas: Option<Arc<dyn GasPolicy>>,
    /// Interruption checks at every loop header and function entry (implied by `gas`).
    pub interruptible: bool,
    /// Make every float result that is a NaN the canonical NaN, for bit-identical results
    /// across platforms and engines.
    pub canonicalize_nans: bool,
    /// Size limits.
    pub limits: ModuleLimits,
    /// Translate function bodies on first use ([`Module::body`](crate::Module::body)) instead of
    /// while decoding. Bodies are validated while decoding either way, so an invalid module is
    /// still rejected at once; lazy translation makes loading a large module cost decoding and
    /// validation only, and functions that never run are never translated (as in wasmi).
    pub lazy: bool,
    /// Validate every function body on the calling thread. By default, with `lazy` set, the
    /// bodies of a module with more than 64 KiB of code are validated on all available cores
    /// (`std::thread::available_parallelism`; where threads cannot be spawned, on the calling
    /// thread). Either way the module and the error reported for an invalid one are the same.
    pub single_threaded: bool,
}
