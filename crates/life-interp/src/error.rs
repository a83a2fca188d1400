//! `Error`: everything that can go wrong outside a trap, and instantiation errors.

use crate::{StoreId, Trap};
use life_decode::{DecodeError, ExternType, Limits, ValType};
use std::fmt;

/// Why a module could not be instantiated.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum InstantiationError {
    /// No definition for an import.
    UnknownImport {
        /// Import module name.
        module: String,
        /// Import field name.
        name: String,
        /// Kind of the import (`func`, `table`, ...).
        kind: &'static str,
        /// The type the module asks for.
        ty: ExternType,
    },
    /// A definition was found, but of another type.
    IncompatibleImport {
        /// Import module name.
        module: String,
        /// Import field name.
        name: String,
        /// What was expected and what was found.
        reason: String,
    },
    /// A configured limit is lower than what the module needs.
    Limit(String),
    /// Initialization trapped (a segment out of bounds, or the start function).
    Trap(Trap),
    /// The module was decoded for other settings than the store runs with (gas, interrupt
    /// checks, features, NaN canonicalization); decode it with the store's `VmConfig`.
    ConfigMismatch {
        /// The setting that differs (`gas metering`, `gas policy`, `interrupt checks`,
        /// `features`, `NaN canonicalization`).
        setting: &'static str,
        /// The module's value.
        module: String,
        /// The store's value.
        store: String,
    },
    /// An import resolved to an entity of another store.
    WrongStore {
        /// Import module name.
        module: String,
        /// Import field name.
        name: String,
    },
}

impl fmt::Display for InstantiationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InstantiationError::UnknownImport { module, name, kind, ty } => {
                write!(f, "unknown import: {kind} \"{module}\" \"{name}\" of type ")?;
                write_type(f, ty)?;
                f.write_str(" is not defined")
            }
            InstantiationError::IncompatibleImport { module, name, reason } => {
                write!(f, "incompatible import type for \"{module}\" \"{name}\": {reason}")
            }
            InstantiationError::Limit(m) => write!(f, "limit exceeded: {m}"),
            InstantiationError::Trap(t) => write!(f, "instantiation trapped: {t}"),
            InstantiationError::ConfigMismatch { setting, module, store } => write!(
                f,
                "the module was decoded with {setting} {module} but the store runs with {store}; decode it with the store's VmConfig"
            ),
            InstantiationError::WrongStore { module, name } => {
                write!(f, "import \"{module}\" \"{name}\" resolved to an entity of another store")
            }
        }
    }
}

impl std::error::Error for InstantiationError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            InstantiationError::Trap(t) => Some(t),
            _ => None,
        }
    }
}

/// Writes an import's type: `(i32) -> (i32)`, `funcref 1..10`, `1.. pages`, `mut i64`.
fn write_type(f: &mut fmt::Formatter<'_>, ty: &ExternType) -> fmt::Result {
    let limits = |f: &mut fmt::Formatter<'_>, l: &Limits| match l.max {
        Some(max) => write!(f, "{}..{max}", l.min),
        None => write!(f, "{}..", l.min),
    };
    match ty {
        ExternType::Func(t) => write!(f, "{t}"),
        ExternType::Table(t) => {
            write!(f, "{} ", ValType::from(t.element))?;
            limits(f, &t.limits)
        }
        ExternType::Memory(m) => {
            limits(f, &m.limits)?;
            f.write_str(" pages")
        }
        ExternType::Global(g) => write!(f, "{}{}", if g.mutable { "mut " } else { "" }, g.content),
    }
}

/// Any error of the embedding API.
///
/// Every variant a host may want to match is structured; new variants may be added, so a
/// `match` needs a wildcard arm. [`std::error::Error::source`] gives the cause where there is one
/// (the decode error, the instantiation error, the trap, a host function's own error).
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum Error {
    /// The module did not decode or validate.
    Decode(DecodeError),
    /// The module did not instantiate.
    Instantiation(InstantiationError),
    /// Execution trapped.
    Trap(Trap),
    /// The instance has no export called `name`.
    MissingExport {
        /// The name asked for.
        name: String,
        /// Every export of the instance, sorted.
        exports: Vec<String>,
    },
    /// The export exists but is of another kind (a memory where a function was wanted).
    ExportKind {
        /// The export's name.
        name: String,
        /// The kind asked for (`func`, `table`, `memory`, `global`).
        expected: &'static str,
        /// The export's kind.
        found: &'static str,
    },
    /// A call got the wrong number of values (arguments, or a suspended host function's
    /// results on resume).
    ArgumentCount {
        /// How many the signature has.
        expected: usize,
        /// How many were given.
        got: usize,
    },
    /// A value given to a call has the wrong type.
    ArgumentType {
        /// Position of the value.
        index: usize,
        /// The signature's type.
        expected: ValType,
        /// The value's type.
        got: ValType,
    },
    /// A function does not have the signature asked for ([`TypedFunc`](crate::TypedFunc)).
    FuncType {
        /// The signature asked for.
        expected: life_decode::FuncType,
        /// The function's signature.
        found: life_decode::FuncType,
    },
    /// A value given to a global or a table has another type than it holds.
    ValueType {
        /// What was written: `global` or `table`.
        what: &'static str,
        /// The type it holds.
        expected: ValType,
        /// The value's type.
        got: ValType,
    },
    /// The host wrote to an immutable global.
    ImmutableGlobal,
    /// A `funcref` from the host names a function this store does not have (a reference made
    /// up, or taken from a larger store: references cannot move between stores).
    UnknownFuncRef {
        /// The store address it names.
        addr: u32,
        /// How many functions the store has.
        funcs: u32,
    },
    /// The host accessed a table element past its end.
    TableOutOfBounds {
        /// The element asked for.
        index: u32,
        /// The table's size.
        size: u32,
    },
    /// [`Store::resume`](crate::Store::resume) was given host results for a call that paused
    /// for gas, not in a host function.
    NotPausedInHost,
    /// A handle of one store was used with another store.
    WrongStore {
        /// What the handle names (`function`, `memory`, `table`, `global`, `instance`).
        what: &'static str,
        /// The store the handle belongs to.
        handle_store: StoreId,
        /// The store it was used with.
        store: StoreId,
    },
    /// A host access to linear memory was out of bounds.
    MemoryOutOfBounds {
        /// Start of the access.
        offset: u64,
        /// Bytes accessed.
        len: usize,
        /// Size of the memory in bytes.
        size: usize,
    },
    /// The instance has no linear memory.
    NoMemory,
    /// Linear memory could not be allocated or resized.
    MemoryAllocation(String),
    /// A native engine could not compile the module.
    Compile(String),
    /// Snapshot bytes are corrupt or do not fit this store or module.
    Snapshot(String),
}

impl Error {
    /// The trap, if this error is one (also when instantiation trapped).
    pub fn trap(&self) -> Option<&Trap> {
        match self {
            Error::Trap(t) | Error::Instantiation(InstantiationError::Trap(t)) => Some(t),
            _ => None,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Decode(e) => write!(f, "{e}"),
            Error::Instantiation(e) => write!(f, "{e}"),
            Error::Trap(t) => write!(f, "trap: {t}"),
            Error::MissingExport { name, exports } => {
                write!(f, "no export named \"{name}\"")?;
                match exports.is_empty() {
                    true => write!(f, " (the module exports nothing)"),
                    false => write!(f, " (exports: {})", exports.join(", ")),
                }
            }
            Error::ExportKind { name, expected, found } => {
                write!(f, "export \"{name}\" is a {found}, not a {expected}")
            }
            Error::ArgumentCount { expected, got } => write!(f, "expected {expected} values, got {got}"),
            Error::ArgumentType { index, expected, got } => {
                write!(f, "value {index} should be {expected}, got {got}")
            }
            Error::FuncType { expected, found } => write!(f, "expected a function {expected}, found {found}"),
            Error::ValueType { what, expected, got } => write!(f, "{what} of type {expected} cannot hold a {got}"),
            Error::ImmutableGlobal => f.write_str("global is immutable"),
            Error::UnknownFuncRef { addr, funcs } => write!(
                f,
                "a funcref names function {addr}, but this store has {funcs} functions (references cannot move between stores)"
            ),
            Error::TableOutOfBounds { index, size } => {
                write!(f, "table index {index} out of bounds (the table has {size} elements)")
            }
            Error::NotPausedInHost => f.write_str("this call did not pause in a host function"),
            Error::WrongStore { what, handle_store, store } => {
                write!(f, "a {what} handle of store {} was used with store {}", handle_store.as_u64(), store.as_u64())
            }
            Error::MemoryOutOfBounds { offset, len, size } => {
                write!(f, "memory access at {offset} of {len} bytes is out of bounds (memory is {size} bytes)")
            }
            Error::NoMemory => f.write_str("the module has no memory"),
            Error::MemoryAllocation(m) => write!(f, "cannot allocate linear memory: {m}"),
            Error::Compile(m) => write!(f, "compile error: {m}"),
            Error::Snapshot(m) => write!(f, "invalid snapshot: {m}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Decode(e) => Some(e),
            Error::Instantiation(e) => Some(e),
            Error::Trap(t) => Some(t),
            _ => None,
        }
    }
}
impl From<DecodeError> for Error {
    fn from(e: DecodeError) -> Self {
        Error::Decode(e)
    }
}

impl From<InstantiationError> for Error {
    fn from(e: InstantiationError) -> Self {
        Error::Instantiation(e)
    }
}

impl From<Trap> for Error {
    fn from(t: Trap) -> Self {
        Error::Trap(t)
    }
}
