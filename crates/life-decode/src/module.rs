//! `Module`: the decoded and validated form of a WebAssembly module, whose function bodies are
//! translated to IR on first use (or eagerly, see [`DecodeOptions::lazy`](crate::DecodeOptions)).

use crate::{
    DecodeError, DecodeOptions, Features,
    ir::FuncBody,
    types::{FuncType, GlobalType, MemoryType, RefType, TableType},
    value::Value,
};
use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

/// A decoded module. Every function body has passed validation; its IR is made by
/// [`Module::body`] on first use (at decode time when translation is eager).
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
    /// Bodies of the defined functions: `code[i]` is function `num_imported_funcs + i`.
    pub(crate) code: Vec<LazyBody>,
    /// The code section's bytes, which lazy translation reads.
    pub(crate) code_bytes: Arc<[u8]>,
    /// Byte offset of `code_bytes` in the module, for error messages.
    pub(crate) code_offset: usize,
    /// How bodies are translated (gas, interrupt checks, NaN canonicalization, features).
    pub(crate) options: DecodeOptions,
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
    /// The gas policy the bodies were metered with, if they are.
    pub fn gas_policy(&self) -> Option<&Arc<dyn crate::GasPolicy>> {
        self.options.gas.as_ref()
    }

    /// Whether float results are canonicalized (NaNs made the canonical NaN).
    pub fn canonicalize_nans(&self) -> bool {
        self.options.canonicalize_nans
    }

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

    /// Number of defined functions (function `num_imported_funcs + i` has body `i`).
    pub fn num_bodies(&self) -> usize {
        self.code.len()
    }

    /// Size of the code section in bytes (all function bodies).
    pub fn code_bytes(&self) -> usize {
        self.code_bytes.len()
    }

    /// The IR of body `i` (function `num_imported_funcs + i`), translating it on first use.
    /// Safe to call from several threads: one translation wins, the others are dropped.
    ///
    /// # Errors
    ///
    /// The body was validated when the module was decoded, so this fails only on translation
    /// limits (a frame of more than 3 · 2³⁰ slots, a table index above 255).
    ///
    /// # Panics
    ///
    /// If `i` is not below [`num_bodies`](Self::num_bodies).
    ///
    /// ```
    /// let wasm = wat::parse_str("(module (func (result i32) i32.const 7))").unwrap();
    /// let module = life_decode::decode(&wasm, life_decode::Features::default()).unwrap();
    /// assert_eq!(module.num_bodies(), 1);
    /// assert!(module.body(0).unwrap().disassemble().contains('7'));
    /// ```
    #[inline]
    pub fn body(&self, i: usize) -> Result<&FuncBody, DecodeError> {
        match self.code[i].ir.get() {
            Some(body) => Ok(body),
            None => self.translate_body(i),
        }
    }

    /// The IR of body `i` if it has been translated already.
    #[inline]
    pub fn translated_body(&self, i: usize) -> Option<&FuncBody> {
        self.code.get(i).and_then(|c| c.ir.get())
    }

    /// Translates every body not translated yet, stopping at the first error.
    ///
    /// # Errors
    ///
    /// As [`body`](Self::body).
    pub fn translate_all(&self) -> Result<(), DecodeError> {
        (0..self.code.len()).try_for_each(|i| self.body(i).map(drop))
    }

    #[cold]
    #[inline(never)]
    fn translate_body(&self, i: usize) -> Result<&FuncBody, DecodeError> {
        let code = &self.code[i];
        let bytes = &self.code_bytes[code.start..code.end];
        let offset = (self.code_offset + code.start) as u64;
        let reader = wasmparser::BinaryReader::new_features(bytes, offset, self.features.to_wasmparser());
        let body = wasmparser::FunctionBody::new(reader);
        let env = crate::translate::ModuleEnv { module: self };
        let translated = crate::translate::Translator::new(&self.options).translate(
            &env,
            self.num_imported_funcs as usize + i,
            &body,
        )?;
        // Another thread may have won the race; its body is the same.
        let _ = code.ir.set(translated);
        Ok(code.ir.get().expect("set above"))
    }
}

/// A defined function's body: where its bytes are, and its IR once translated.
#[derive(Debug, Clone, Default)]
pub(crate) struct LazyBody {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) ir: OnceLock<FuncBody>,
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

/// A constant expression, as used by global initializers, segment offsets and element
/// expressions. The validator has checked its types, so it leaves exactly one value of the
/// expected type.
#[derive(Debug, Clone, PartialEq)]
pub enum ConstExpr {
    /// A constant value (numbers, `v128`, `ref.null`).
    Value(Value),
    /// `global.get` of an (imported) global.
    GlobalGet(u32),
    /// `ref.func` of a function index.
    RefFunc(u32),
    /// An extended constant expression (the `extended-const` proposal, WebAssembly 3.0): several
    /// operators, evaluated in order on a stack. Integer arithmetic wraps, as in Wasm.
    Extended(Box<[ConstOp]>),
}

/// One operator of an [extended constant expression](ConstExpr::Extended).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ConstOp {
    /// Pushes a constant.
    Value(Value),
    /// Pushes the value of a global.
    GlobalGet(u32),
    /// Pushes a reference to a function.
    RefFunc(u32),
    /// `i32.add`: pops two `i32`s, pushes their wrapping sum.
    I32Add,
    /// `i32.sub`: pops two `i32`s, pushes their wrapping difference.
    I32Sub,
    /// `i32.mul`: pops two `i32`s, pushes their wrapping product.
    I32Mul,
    /// `i64.add`: pops two `i64`s, pushes their wrapping sum.
    I64Add,
    /// `i64.sub`: pops two `i64`s, pushes their wrapping difference.
    I64Sub,
    /// `i64.mul`: pops two `i64`s, pushes their wrapping product.
    I64Mul,
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
#[derive(Debug, Clone, PartialEq)]
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
#[derive(Debug, Clone, PartialEq)]
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
