//! `Module`: the decoded, validated and translated form of a WebAssembly module.

use crate::{
    Features,
    ir::FuncBody,
    types::{FuncType, GlobalType, MemoryType, RefType, TableType},
    value::Value,
};
use std::collections::HashMap;

/// A decoded module. Every function body has passed validation and is translated to IR.
///
/// Index spaces (functions, tables, memories, globals) count imports first, as in the spec.
#[derive(Debug, Clone, Default)]
pub struct Module {
    /// The type section.
    pub types: Vec<FuncType>,
    /// Imports in declaration order.
    pub imports: Vec<Import>,
    /// Type index of every function, imported ones first.
    pub funcs: Vec<u32>,
    /// Number of imported functions (the first entries of `funcs`).
    pub num_imported_funcs: u32,
    /// Bodies of the defined functions: `bodies[i]` is function `num_imported_funcs + i`.
    pub bodies: Vec<FuncBody>,
    /// Every table, imported ones first.
    pub tables: Vec<TableType>,
    /// Number of imported tables.
    pub num_imported_tables: u32,
    /// Every memory, imported ones first.
    pub memories: Vec<MemoryType>,
    /// Number of imported memories.
    pub num_imported_memories: u32,
    /// Type of every global, imported ones first.
    pub global_types: Vec<GlobalType>,
    /// Defined globals: `globals[i]` is global `num_imported_globals + i`.
    pub globals: Vec<Global>,
    /// Number of imported globals.
    pub num_imported_globals: u32,
    /// Exports in declaration order.
    pub exports: Vec<Export>,
    /// The start function.
    pub start: Option<u32>,
    /// Element segments.
    pub elems: Vec<ElemSegment>,
    /// Data segments.
    pub datas: Vec<DataSegment>,
    /// Names from the `name` custom section.
    pub names: Names,
    /// The features the module was validated against.
    pub features: Features,
    /// Whether bodies start each basic block with a `consume_gas` op.
    pub metered: bool,
    /// Gas per byte or element of bulk operations (0 when not metered).
    pub gas_per_unit: u64,
    /// Whether bodies check for interrupts at loop headers and function entries.
    pub interruptible: bool,
}

impl Module {
    /// The signature of function `func` (imports first).
    pub fn func_type(&self, func: u32) -> &FuncType {
        &self.types[self.funcs[func as usize] as usize]
    }

    /// The function's name from the `name` section, if it has one.
    pub fn func_name(&self, func: u32) -> Option<&str> {
        self.names.funcs.get(&func).map(String::as_str)
    }

    /// The export called `name`.
    pub fn export(&self, name: &str) -> Option<&Export> {
        self.exports.iter().find(|e| e.name == name)
    }
}

/// An import.
#[derive(Debug, Clone, PartialEq)]
pub struct Import {
    /// Module name.
    pub module: String,
    /// Field name.
    pub name: String,
    /// What is imported.
    pub desc: ImportDesc,
}

/// What an import asks for.
#[derive(Debug, Clone, PartialEq)]
pub enum ImportDesc {
    /// A function of the given type index.
    Func(u32),
    /// A table.
    Table(TableType),
    /// A memory.
    Memory(MemoryType),
    /// A global.
    Global(GlobalType),
}

/// A defined global.
#[derive(Debug, Clone, PartialEq)]
pub struct Global {
    /// Its type.
    pub ty: GlobalType,
    /// Its initializer.
    pub init: ConstExpr,
}

/// A constant expression, as used by global initializers and segment offsets.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ConstExpr {
    /// A constant value (numbers, `v128`, `ref.null`).
    Value(Value),
    /// `global.get` of an (imported) global.
    GlobalGet(u32),
    /// `ref.func` of a function index.
    RefFunc(u32),
}

/// The kind of an exported entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExternKind {
    /// A function.
    Func,
    /// A table.
    Table,
    /// A memory.
    Memory,
    /// A global.
    Global,
}

/// An export.
#[derive(Debug, Clone, PartialEq)]
pub struct Export {
    /// Export name.
    pub name: String,
    /// Kind of entity.
    pub kind: ExternKind,
    /// Index in the kind's index space.
    pub index: u32,
}

/// An element segment.
#[derive(Debug, Clone, PartialEq)]
pub struct ElemSegment {
    /// How and when it is applied.
    pub mode: ElemMode,
    /// Element type.
    pub ty: RefType,
    /// The elements.
    pub items: Vec<ConstExpr>,
}

/// When an element segment is applied.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ElemMode {
    /// Used only by `table.init`.
    Passive,
    /// Copied into `table` at `offset` during instantiation.
    Active {
        /// Table index.
        table: u32,
        /// Offset expression.
        offset: ConstExpr,
    },
    /// Only declares functions referenceable by `ref.func`.
    Declared,
}

/// A data segment.
#[derive(Debug, Clone, PartialEq)]
pub struct DataSegment {
    /// How and when it is applied.
    pub mode: DataMode,
    /// The bytes.
    pub bytes: Vec<u8>,
}

/// When a data segment is applied.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum DataMode {
    /// Used only by `memory.init`.
    Passive,
    /// Copied into `memory` at `offset` during instantiation.
    Active {
        /// Memory index.
        memory: u32,
        /// Offset expression.
        offset: ConstExpr,
    },
}

/// Names from the `name` custom section. Malformed name sections are ignored, as the spec allows.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Names {
    /// The module's name.
    pub module: Option<String>,
    /// Function names by function index.
    pub funcs: HashMap<u32, String>,
}
