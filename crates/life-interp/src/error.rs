//! `Error`: everything that can go wrong outside a trap, and instantiation errors.

use crate::Trap;
use life_decode::{DecodeError, ExternType, Limits, ValType};
use std::fmt;

/// Why a module could not be instantiated.
#[derive(Debug, Clone)]
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
        }
    }
}

impl std::error::Error for InstantiationError {}

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
#[derive(Debug, Clone)]
pub enum Error {
    /// The module did not decode or validate.
    Decode(DecodeError),
    /// The module did not instantiate.
    Instantiation(InstantiationError),
    /// Execution trapped.
    Trap(Trap),
    /// No export of that name and kind.
    Export(String),
    /// Arguments do not match the function's signature.
    Arguments(String),
    /// A memory access from the host was out of bounds, or there is no memory.
    Memory(String),
    /// A native engine could not compile the module.
    Compile(String),
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
            Error::Export(m) | Error::Arguments(m) | Error::Memory(m) => f.write_str(m),
            Error::Compile(m) => write!(f, "compile error: {m}"),
        }
    }
}

impl std::error::Error for Error {}

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
