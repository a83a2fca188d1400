//! Polymerase: Life's ahead-of-time engine. It compiles every function of a module to native
//! code with Cranelift before the module runs, and plugs into `life-interp`'s runtime through
//! its engine hook ([`life_interp::native`]), so a VM runs on Polymerase with one setting and
//! the same API, results, traps and limits as on the interpreter:
//!
//! ```
//! use life_interp::{Value, Vm, VmConfig, NoImports};
//!
//! let config = VmConfig { engine: life_aot::polymerase(), ..VmConfig::default() };
//! let wasm = wat::parse_str(r#"(module (func (export "fac") (param i64) (result i64)
//!     (if (result i64) (i64.eqz (local.get 0)) (then (i64.const 1))
//!       (else (i64.mul (local.get 0) (call 0 (i64.sub (local.get 0) (i64.const 1))))))))"#).unwrap();
//! let mut vm = Vm::new(&wasm, config, &mut NoImports).unwrap();
//! assert_eq!(vm.invoke("fac", &[Value::I64(20)]).unwrap(), vec![Value::I64(2432902008176640000)]);
//! ```
//!
//! # How it works
//!
//! Polymerase compiles Life's register IR (from `life-decode`), not the WebAssembly operators:
//! gas charges, interrupt checks and NaN canonicalization are ops of that IR, so both engines
//! meter and stop at exactly the same points. See `lower.rs` for the translation, `vmctx.rs`
//! for the state native code reads, `libcalls.rs` for what it asks the runtime to do, and
//! `code.rs` for the entry from the host, and `artifact.rs` for keeping compiled modules
//! ([`Polymerase::compile_artifact`], [`Polymerase::load_artifact`]).
//!
//! Guest code cannot crash the host. On x86-64 Linux, unmetered code leaves memory accesses
//! unchecked: each memory sits at the start of an 8 GiB reservation whose unused pages fault,
//! and a `SIGSEGV` handler turns a fault in compiled code into the `out of bounds memory
//! access` trap (`guard.rs`, `signals.rs`; [`Polymerase::guard_pages`]). Elsewhere, and with
//! gas metering (whose count must be exact at the trap), every access is bounds-checked.
//! There, a trap also leaves the call in one jump to the entry stub, which restores the host's
//! registers; elsewhere traps return through every frame. Each function entry checks call
//! depth, value-stack slots and the native stack pointer, and code pages are never writable
//! and executable at once.

mod artifact;
mod code;
mod compile;
#[cfg(all(target_os = "linux", target_arch = "x86_64"))]
mod guard;
mod libcalls;
mod lower;
#[cfg(all(target_os = "linux", target_arch = "x86_64"))]
mod signals;
mod simd;
mod vmctx;

/// Whether this platform has the signal handling guard pages need.
const GUARD_PAGES_SUPPORTED: bool = cfg!(all(target_os = "linux", target_arch = "x86_64"));

/// Address space reserved for each guarded memory: every address a wasm32 access can form
/// (a 32-bit index plus a 32-bit offset plus at most 16 bytes) and a page more.
const GUARDED_SPAN: usize = (1 << 33) + (1 << 16);

pub use artifact::{FORMAT_VERSION, MAGIC, is_artifact};
use life_interp::{CompiledModule, Compiler, Engine, Error, VmConfig};
use std::sync::Arc;

/// The Polymerase compiler.
#[derive(Debug, Clone)]
pub struct Polymerase {
    /// Native stack guest code may use, in bytes (default 1 MiB). Deeper recursion traps with
    /// `call stack exhausted`. The thread that runs guest code needs this much stack plus what
    /// the host itself uses: Rust's main thread has 8 MiB and spawned threads 2 MiB by default.
    pub max_stack: usize,
    /// Largest [`complexity`] of a function Polymerase agrees to compile (`None`: no limit).
    /// Cranelift's register allocator takes time and memory superlinear in the number of values
    /// live across the points where a function branches, traps or calls, so a small hostile
    /// function could otherwise keep the host compiling for minutes: 8,000 values live across
    /// 8,000 bounds checks, a 56 KB module, took 141 s and 4 GB. A module with a function over
    /// the limit fails to load with [`Error::Compile`] naming the function; the interpreter can
    /// still run it. The default, 2²³, keeps such a function's compile under about 5 s and is
    /// far above what the spec suite and the benchmark programs need (see `life-fuzz`'s hostile
    /// tests for the figures).
    pub max_function_complexity: Option<u64>,
    /// Whether to use the platform's trap support (default on; x86-64 Linux only, ignored
    /// elsewhere). Without gas metering, memories sit in guarded reservations and accesses are
    /// not bounds-checked: a fault becomes the trap. (With metering every access is checked: a
    /// trap must see the exact gas count, which lives in a register until a check is reached.)
    /// With or without metering, a trap leaves the call in one jump to the host entry, so
    /// callers do not test for a trap after each call. Each memory then reserves 8 GiB of
    /// address space (not memory): turn this off where address space is scarce, such as under
    /// a `ulimit -v`; Polymerase then checks every access and returns through every frame.
    pub guard_pages: bool,
}

impl Default for Polymerase {
    fn default() -> Self {
        Polymerase { max_stack: 1 << 20, max_function_complexity: Some(1 << 23), guard_pages: true }
    }
}

impl Polymerase {
    /// Whether code compiled with or without gas metering leaves bounds checks to guard pages.
    fn guarded(&self, metered: bool) -> bool {
        GUARD_PAGES_SUPPORTED && self.guard_pages && !metered
    }

    /// Whether a trap leaves the call in one jump (`Env::unwinds`).
    fn unwinds(&self) -> bool {
        GUARD_PAGES_SUPPORTED && self.guard_pages
    }
}

/// An estimate of the work a function's body gives Cranelift's register allocator: the operand
/// stack's slots (temporaries: the values that may be live at once) times the ops where control
/// may leave straight code (branches, traps, calls, memory accesses), plus a sixteenth of them
/// (register pressure within one block). Locals are left out: functions compiled from C have
/// hundreds, mostly short-lived, and counting them would reject real programs. Set
/// `LIFE_AOT_COMPLEXITY=1` to print it for every function compiled.
pub fn complexity(body: &life_decode::ir::FuncBody) -> u64 {
    lower::complexity(body)
}

impl Compiler for Polymerase {
    fn name(&self) -> &str {
        "polymerase"
    }

    fn compile(&self, module: &Arc<life_decode::Module>, _config: &VmConfig) -> Result<Arc<dyn CompiledModule>, Error> {
        let code = compile::compile(module, self).map_err(Error::Compile)?;
        Ok(Arc::new(code))
    }

    fn memory_creator(&self, config: &VmConfig) -> Option<Arc<dyn life_interp::native::MemoryCreator>> {
        if !self.guarded(config.metered()) {
            return None;
        }
        #[cfg(all(target_os = "linux", target_arch = "x86_64"))]
        return Some(Arc::new(guard::GuardedCreator));
        #[cfg(not(all(target_os = "linux", target_arch = "x86_64")))]
        None
    }
}

/// The engine setting for Polymerase with default settings, for [`VmConfig::engine`].
pub fn polymerase() -> Engine {
    Engine::Native(Arc::new(Polymerase::default()))
}
