//! The adapter trait between the `.wast` runner and an engine.
//!
//! The runner only ever sees bytes, export names and [`Value`]s, so the same scripts drive the
//! interpreter, a future AOT backend, or (in a scratch crate) a reference engine such as wasmi.
//! Each adapter turns its engine's errors into the three-way [`InstantiateError`] and the
//! two-way [`ExecError`], putting the spec's trap message into the text.

use life_decode::Value;

/// An engine the spec runner can drive. One value per .wast file; it must already provide the
/// `spectest` module (print functions, globals, table, memory) to imports.
pub trait SpecEngine {
    /// Opaque handle of an instance.
    type Instance: Clone;
    /// Decodes, validates and instantiates a binary module.
    ///
    /// # Errors
    ///
    /// Returns [`InstantiateError`] saying which phase rejected the module.
    fn instantiate(&mut self, wasm: &[u8]) -> Result<Self::Instance, InstantiateError>;
    /// Makes `instance`'s exports importable under module name `name`.
    fn register(&mut self, name: &str, instance: &Self::Instance);
    /// Calls exported function `func`.
    ///
    /// # Errors
    ///
    /// Returns [`ExecError::Trap`] when the call traps and [`ExecError::Other`] for anything
    /// else, such as a missing export.
    fn invoke(&mut self, instance: &Self::Instance, func: &str, args: &[Value]) -> Result<Vec<Value>, ExecError>;
    /// Reads exported global `global`.
    ///
    /// # Errors
    ///
    /// Returns [`ExecError::Other`] when there is no such exported global.
    fn get(&mut self, instance: &Self::Instance, global: &str) -> Result<Value, ExecError>;
}

/// Why a module did not instantiate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InstantiateError {
    /// Malformed or invalid (decode/validation failed).
    Decode(String),
    /// An import could not be resolved or had the wrong type.
    Link(String),
    /// Instantiation trapped (start function, or a segment out of bounds).
    Trap(String),
}

/// Why a call failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExecError {
    /// The call trapped; `message` contains the spec message (e.g. "integer divide by zero", "call stack exhausted").
    Trap(String),
    /// Anything else (missing export, wrong argument types).
    Other(String),
}
