//! The adapter between the harnesses and an engine: instantiate, list exports, call, observe.
//!
//! Every harness sees engines only through [`Engine`] and [`EngineInstance`], and compares what
//! they report in Life's own vocabulary ([`Value`], [`TrapCode`]). The oracle is wasmi
//! ([`oracle`]); the engines under test are Life's ([`life_engines`]): the interpreter and
//! Polymerase, the Cranelift compiler, both through the [`Life`] adapter. The robustness harness
//! runs each of them, the differential harness compares each with the oracle and with each
//! other, and the metered harness compares them with each other with gas metering on
//! ([`metered_life_engines`]).
//!
//! Every engine runs with the same [`limits`], and every import is satisfied by a dummy of the
//! import's own type (functions return zeros, globals hold zero, memories and tables start at
//! their minimum), so modules with imports can be compared as well.

mod life;
mod wasmi;

pub use self::{
    life::{Life, features},
    wasmi::Wasmi,
};
use life_decode::{ExternKind, FuncType, TrapCode, Value};

/// Resource limits shared by every engine, so a module that hits one hits it everywhere.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Active guest frames (Life's `max_call_depth`, wasmi's recursion depth).
    pub max_call_depth: usize,
    /// Life's value stack in 64-bit slots. wasmi's value stack is sized so the call depth binds first.
    pub max_value_stack: usize,
    /// Linear memory, in 64 KiB pages.
    pub max_memory_pages: u64,
    /// Table size, in elements.
    pub max_table_elements: u64,
    /// Fuel for engines that meter it (the oracle): per call and for instantiation. Running out
    /// makes the call inconclusive, and it is what bounds the running time of mutated modules,
    /// which Life cannot yet interrupt: the oracle runs first, and a call that exhausts it is
    /// never run on Life.
    pub fuel: u64,
}

/// The limits of every harness: small, so fuzzing finds the edges quickly.
pub fn limits() -> Limits {
    Limits {
        max_call_depth: 200,
        max_value_stack: 1 << 16,
        max_memory_pages: 16,
        max_table_elements: 10_000,
        fuel: 2_000_000,
    }
}

/// An engine that can run WebAssembly 2.0 modules.
pub trait Engine {
    /// A short name for reports (`interp`, `polymerase`, `wasmi`).
    fn name(&self) -> &'static str;
    /// Decodes, validates and instantiates `wasm` with dummy imports, running its start function.
    ///
    /// # Errors
    ///
    /// Returns why the module did not instantiate.
    fn instantiate(&self, wasm: &[u8], limits: &Limits) -> Result<Box<dyn EngineInstance>, Rejection>;
}

/// One instantiated module.
pub trait EngineInstance {
    /// The exports, in any order (wasmi sorts them by name; harnesses sort before comparing).
    fn exports(&self) -> Vec<ExportDesc>;
    /// Calls exported function `name`.
    fn call(&mut self, name: &str, args: &[Value]) -> Outcome;
    /// The observable state of every exported memory, global and table, in any order.
    fn state(&mut self) -> Vec<ExportState>;
    /// Gas used so far by this instance's store (instantiation included), for engines that
    /// meter gas; `None` when metering is off.
    fn gas_used(&mut self) -> Option<u64> {
        None
    }
}

/// Why a module did not instantiate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rejection {
    /// The module is malformed or invalid.
    Invalid(String),
    /// The engine does not support something the module uses, or a resource limit was hit:
    /// nothing to compare.
    Unsupported(String),
    /// An import did not link (dummy imports always match, so this is rare).
    Link(String),
    /// A segment initializer or the start function trapped.
    Trap(Trap),
    /// The start function ran out of stack or fuel: nothing to compare.
    Exhausted(String),
    /// A native engine failed to compile a module that decoded: always a bug of that engine.
    Compile(String),
}

impl Rejection {
    /// Whether this outcome says nothing about correctness (an engine limit, not a verdict).
    pub fn is_inconclusive(&self) -> bool {
        matches!(self, Rejection::Unsupported(_) | Rejection::Exhausted(_))
    }
}

/// What a call did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// It returned these values.
    Return(Vec<Value>),
    /// It trapped.
    Trap(Trap),
    /// It ran out of call stack or fuel: the engines' limits differ, so the call is inconclusive
    /// and the rest of the module is not compared.
    Exhausted(String),
    /// The embedding API failed (a missing export, a rejected argument): a harness or engine bug.
    Error(String),
}

/// A trap, with the Life trap codes it is compatible with.
///
/// Life's engines report exactly one code; the oracle's codes are coarser (wasmi's
/// `TableOutOfBounds` is Life's `out of bounds table access` or, for `call_indirect`,
/// `undefined element`), so it reports every Life code it can mean. Two traps agree when the
/// sets meet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trap {
    /// Compatible codes; empty for a host error.
    pub codes: Vec<TrapCode>,
    /// The engine's message, for reports.
    pub message: String,
}

impl Trap {
    /// Whether two traps can be the same trap.
    pub fn agrees_with(&self, other: &Trap) -> bool {
        self.codes.iter().any(|c| other.codes.contains(c))
    }
}

/// One export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportDesc {
    /// Its name.
    pub name: String,
    /// What it is.
    pub kind: ExternKind,
    /// The signature, for a function.
    pub func_type: Option<FuncType>,
}

/// The observable state of one exported memory, global or table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExportState {
    /// A memory: its size in bytes and a hash of its contents.
    Memory {
        /// Export name.
        name: String,
        /// Size in bytes.
        len: usize,
        /// [`hash_bytes`] of the contents.
        hash: u64,
    },
    /// A global and its value, [`normalize`]d.
    Global {
        /// Export name.
        name: String,
        /// Current value.
        value: Value,
    },
    /// A table: its size and a hash of its elements, each [`ref_word`]-encoded.
    Table {
        /// Export name.
        name: String,
        /// Size in elements.
        len: u64,
        /// [`Hasher`] over the encoded elements.
        hash: u64,
    },
}

/// Makes a value comparable across engines: a non-null function reference is a store address,
/// which differs between engines, so only its null-ness is kept.
pub fn normalize(v: Value) -> Value {
    match v {
        Value::FuncRef(Some(_)) => Value::FuncRef(Some(life_decode::FuncRef(u32::MAX))),
        v => v,
    }
}

/// A table element as a word for hashing: 0 for null, 1 for any function, 2 + n for externref n.
pub fn ref_word(v: Value) -> u64 {
    match v {
        Value::FuncRef(None) | Value::ExternRef(None) => 0,
        Value::FuncRef(Some(_)) => 1,
        Value::ExternRef(Some(n)) => 2 + u64::from(n),
        // Tables hold only references; anything else would already be an API bug.
        other => 0xdead_0000_0000_0000 | u64::from(other.ty() as u8),
    }
}

/// A small, fast, deterministic hash (FxHash's multiply-rotate), identical in every engine's
/// adapter so that states compare by hash.
#[derive(Debug, Clone, Copy, Default)]
pub struct Hasher(u64);

impl Hasher {
    /// Mixes in one word.
    pub fn word(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    /// The hash so far.
    pub fn finish(self) -> u64 {
        self.0
    }
}

/// Hashes a byte slice (a linear memory) eight bytes at a time.
pub fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut h = Hasher::default();
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        h.word(u64::from_le_bytes(c.try_into().expect("chunks_exact gives 8 bytes")));
    }
    for &b in chunks.remainder() {
        h.word(u64::from(b));
    }
    h.word(bytes.len() as u64);
    h.finish()
}

/// The reference engine every Life engine is compared with.
pub fn oracle() -> Box<dyn Engine> {
    Box::new(Wasmi)
}

/// Life's engines, unmetered. Add a new engine here (and to [`life_only_engines`] and
/// [`metered_life_engines`]) and every harness runs it.
pub fn life_engines() -> Vec<Box<dyn Engine>> {
    vec![Box::new(Life::interp()), Box::new(Life::polymerase())]
}

/// [`life_engines`] accepting relaxed SIMD too: for the harnesses without the oracle (see
/// [`Proposals`](crate::generate::Proposals)).
pub fn life_only_engines() -> Vec<Box<dyn Engine>> {
    vec![Box::new(Life::interp().relaxed_simd()), Box::new(Life::polymerase().relaxed_simd())]
}

/// Life's engines with metering on, each store given `gas`: what the metered harness compares.
/// No oracle takes part, so they accept relaxed SIMD too.
pub fn metered_life_engines(gas: u64) -> Vec<Box<dyn Engine>> {
    vec![Box::new(Life::interp().metered(gas).relaxed_simd()), Box::new(Life::polymerase().metered(gas).relaxed_simd())]
}
