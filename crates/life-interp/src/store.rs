//! `Store`: owns every runtime entity (functions, memories, tables, globals, instances).
//!
//! Instances refer to entities by store address, so one instance's exports can be another's
//! imports (the spec's linking). Handles such as [`Func`] and [`Memory`] are plain addresses,
//! valid only with the store that made them.

use crate::{
    HostFunc, InterruptHandle, Module, Trap, VmConfig,
    exec::{CallTarget, Executor},
};
use life_decode::{F32, F64, FuncRef, FuncType, GlobalType, MemoryType, TableType, ValType, Value};
use std::collections::HashMap;
use std::sync::Arc;

/// The identity of a [`Store`], unique within the process. Every handle carries the id of the
/// store that made it, and a store refuses handles of another ([`Error::WrongStore`](crate::Error::WrongStore)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct StoreId(u64);

impl StoreId {
    /// The id as a number (for messages and logs).
    pub fn as_u64(&self) -> u64 {
        self.0
    }

    fn next() -> StoreId {
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        StoreId(NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed))
    }
}

macro_rules! handles {
    ($($(#[$doc:meta])* $name:ident = $what:literal;)*) => {$(
        $(#[$doc])*
        ///
        /// A handle is an address in the store that made it, plus that store's [`StoreId`]:
        /// using it with another store is an [`Error::WrongStore`](crate::Error::WrongStore).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub struct $name(pub(crate) u32, pub(crate) StoreId);

        impl $name {
            /// The store the handle belongs to.
            pub fn store_id(&self) -> StoreId {
                self.1
            }
        }

        impl Handle for $name {
            const WHAT: &'static str = $what;
            fn store_id(&self) -> StoreId {
                self.1
            }
            fn index(&self) -> u32 {
                self.0
            }
        }
    )*};
}

/// What [`Store::check`] needs of a handle.
pub(crate) trait Handle {
    const WHAT: &'static str;
    fn store_id(&self) -> StoreId;
    fn index(&self) -> u32;
}

handles! {
    /// A function in a store.
    Func = "function";
    /// A linear memory in a store.
    Memory = "memory";
    /// A table in a store.
    Table = "table";
    /// A global in a store.
    Global = "global";
    /// An instance in a store.
    Instance = "instance";
}

/// Any entity that can be imported or exported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Extern {
    /// A function.
    Func(Func),
    /// A table.
    Table(Table),
    /// A memory.
    Memory(Memory),
    /// A global.
    Global(Global),
}

impl Extern {
    /// The store the entity belongs to.
    pub fn store_id(&self) -> StoreId {
        match self {
            Extern::Func(h) => h.1,
            Extern::Table(h) => h.1,
            Extern::Memory(h) => h.1,
            Extern::Global(h) => h.1,
        }
    }

    /// Its kind, as the text format spells it (`func`, `table`, `memory`, `global`).
    pub fn kind(&self) -> &'static str {
        match self {
            Extern::Func(_) => "func",
            Extern::Table(_) => "table",
            Extern::Memory(_) => "memory",
            Extern::Global(_) => "global",
        }
    }
}

pub(crate) enum FuncEntity {
    Wasm { instance: u32, index: u32, type_id: u32 },
    Host { func: HostFunc, type_id: u32 },
}

impl FuncEntity {
    pub(crate) fn type_id(&self) -> u32 {
        match self {
            FuncEntity::Wasm { type_id, .. } | FuncEntity::Host { type_id, .. } => *type_id,
        }
    }
}

/// Size of a WebAssembly page in bytes.
pub const PAGE_SIZE: usize = 65536;

pub(crate) struct MemoryEntity {
    pub data: crate::memory::Bytes,
    pub ty: MemoryType,
    /// The effective maximum in pages: the type's, capped by the configuration.
    pub max_pages: u64,
}

impl MemoryEntity {
    pub fn pages(&self) -> u64 {
        (self.data.len() / PAGE_SIZE) as u64
    }

    /// Wasm `memory.grow`: the old size in pages, or -1.
    pub fn grow(&mut self, delta: u64) -> i64 {
        let old = self.pages();
        match old.checked_add(delta) {
            Some(new) if new <= self.max_pages => {
                if !self.data.resize(new as usize * PAGE_SIZE) {
                    return -1;
                }
                self.ty.limits.min = new;
                old as i64
            }
            _ => -1,
        }
    }
}

pub(crate) struct TableEntity {
    /// Encoded references: 0 is null, else address + 1 (see `encode_ref`).
    pub elements: Vec<u64>,
    pub ty: TableType,
    pub max: u64,
}

impl TableEntity {
    pub fn grow(&mut self, delta: u64, init: u64) -> i64 {
        let old = self.elements.len() as u64;
        match old.checked_add(delta) {
            Some(new) if new <= self.max => {
                self.elements.resize(new as usize, init);
                self.ty.limits.min = new;
                old as i64
            }
            _ => -1,
        }
    }
}

pub(crate) struct GlobalEntity {
    /// The value in slot form; a `v128` uses all 128 bits, everything else the low 64.
    pub value: u128,
    pub ty: GlobalType,
}

pub(crate) struct InstanceEntity {
    pub module: Module,
    pub funcs: Vec<u32>,
    pub tables: Vec<u32>,
    pub memories: Vec<u32>,
    pub globals: Vec<u32>,
    /// Store type id of each of the module's types, for `call_indirect` checks.
    pub type_ids: Vec<u32>,
    pub exports: HashMap<String, Extern>,
    /// Evaluated element segments; a dropped segment is empty.
    pub elems: Vec<Vec<u64>>,
    /// Whether each data segment was dropped (then it acts as empty).
    pub dropped_datas: Vec<bool>,
}

/// Owns all runtime state. Cheap to create; one per VM, or shared by instances that link.
pub struct Store {
    pub(crate) id: StoreId,
    pub(crate) config: VmConfig,
    /// Interned signatures, shared so that a call can hold its own without copying it.
    pub(crate) types: Vec<Arc<FuncType>>,
    type_index: HashMap<FuncType, u32>,
    pub(crate) funcs: Vec<FuncEntity>,
    /// For each entry of `funcs`, what the interpreter's fast call path needs.
    pub(crate) call_targets: Vec<CallTarget>,
    pub(crate) memories: Vec<MemoryEntity>,
    pub(crate) tables: Vec<TableEntity>,
    pub(crate) globals: Vec<GlobalEntity>,
    pub(crate) instances: Vec<InstanceEntity>,
    /// Reusable execution state (value stack and frames).
    pub(crate) executor: Option<Executor>,
    /// Gas left; `u64::MAX` when not metered.
    pub(crate) gas_left: u64,
    /// All gas ever given to the store (the limit plus additions).
    pub(crate) gas_given: u64,
    /// Gas per byte or element of bulk operations; 0 when not metered.
    pub(crate) gas_per_unit: u64,
    pub(crate) interrupt: InterruptHandle,
    /// Native-code frames active in this store (see `native::rt`).
    pub(crate) native_frames: crate::native::rt::NativeFrames,
    /// The embedder's data ([`Store::set_data`]).
    data: Option<Box<dyn std::any::Any + Send>>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("instances", &self.instances.len())
            .field("funcs", &self.funcs.len())
            .finish_non_exhaustive()
    }
}

impl Store {
    /// An empty store whose VMs obey `config`.
    pub fn new(config: VmConfig) -> Self {
        Store {
            id: StoreId::next(),
            types: Vec::new(),
            type_index: HashMap::new(),
            funcs: Vec::new(),
            call_targets: Vec::new(),
            memories: Vec::new(),
            tables: Vec::new(),
            globals: Vec::new(),
            instances: Vec::new(),
            executor: None,
            gas_left: config.gas_limit.unwrap_or(u64::MAX),
            gas_given: config.gas_limit.unwrap_or(u64::MAX),
            gas_per_unit: if config.metered() { config.gas_policy.as_ref().map_or(1, |p| p.per_unit()) } else { 0 },
            interrupt: InterruptHandle::default(),
            native_frames: Default::default(),
            data: None,
            config,
        }
    }

    /// Gives the store a value of the embedder's, which host functions reach through
    /// [`Caller::data`](crate::Caller::data) (replacing any value set before).
    pub fn set_data<T: std::any::Any + Send>(&mut self, data: T) {
        self.data = Some(Box::new(data));
    }

    /// The embedder's data, if it is a `T`.
    pub fn data<T: std::any::Any>(&self) -> Option<&T> {
        self.data.as_deref().and_then(|d| (d as &dyn std::any::Any).downcast_ref())
    }

    /// The embedder's data, writable, if it is a `T`.
    pub fn data_mut<T: std::any::Any>(&mut self) -> Option<&mut T> {
        self.data.as_deref_mut().and_then(|d| (d as &mut dyn std::any::Any).downcast_mut())
    }

    /// Takes the embedder's data out of the store, if it is a `T`.
    pub fn take_data<T: std::any::Any>(&mut self) -> Option<T> {
        match self.data.take()?.downcast::<T>() {
            Ok(data) => Some(*data),
            Err(other) => {
                self.data = Some(other);
                None
            }
        }
    }

    /// This store's identity, which every handle it makes carries.
    pub fn id(&self) -> StoreId {
        self.id
    }

    /// Error unless `handle` was made by this store.
    pub(crate) fn check<H: Handle>(&self, handle: H) -> Result<u32, crate::Error> {
        if handle.store_id() == self.id {
            Ok(handle.index())
        } else {
            Err(crate::Error::WrongStore { what: H::WHAT, handle_store: handle.store_id(), store: self.id })
        }
    }

    /// A handle that interrupts calls running in this store, from any thread.
    pub fn interrupt_handle(&self) -> InterruptHandle {
        self.interrupt.clone()
    }

    /// Gas left, if metering is on.
    pub fn gas_left(&self) -> Option<u64> {
        self.config.metered().then_some(self.gas_left)
    }

    /// Gas used so far, if metering is on.
    pub fn gas_used(&self) -> Option<u64> {
        self.config.metered().then(|| self.gas_given - self.gas_left)
    }

    /// Adds gas (for example before resuming a call paused for lack of it).
    pub fn add_gas(&mut self, amount: u64) {
        self.gas_left = self.gas_left.saturating_add(amount);
        self.gas_given = self.gas_given.saturating_add(amount);
    }

    /// Charges `amount` gas outside guest code (host functions use `Caller::consume_gas`).
    ///
    /// # Errors
    ///
    /// The `out of gas` trap if too little is left (nothing is charged then).
    pub fn consume_gas(&mut self, amount: u64) -> Result<(), Trap> {
        if !self.config.metered() {
            return Ok(());
        }
        if amount > self.gas_left {
            return Err(life_decode::TrapCode::OutOfGas.into());
        }
        self.gas_left -= amount;
        Ok(())
    }

    /// The configuration.
    pub fn config(&self) -> &VmConfig {
        &self.config
    }

    pub(crate) fn intern_type(&mut self, ty: &FuncType) -> u32 {
        if let Some(&id) = self.type_index.get(ty) {
            return id;
        }
        let id = self.types.len() as u32;
        self.types.push(Arc::new(ty.clone()));
        self.type_index.insert(ty.clone(), id);
        id
    }

    /// Adds a host function to the store.
    pub fn alloc_host_func(&mut self, func: HostFunc) -> Func {
        let type_id = self.intern_type(func.ty());
        self.funcs.push(FuncEntity::Host { func, type_id });
        self.call_targets.push(CallTarget::slow(type_id));
        Func(self.funcs.len() as u32 - 1, self.id)
    }

    /// Refuses a `funcref` among `values` that names no function of this store: engines index
    /// their function tables with it unchecked, so every reference that comes from the host
    /// (arguments, results of host functions, globals, tables, resumes) passes here first.
    pub(crate) fn check_refs(&self, values: &[Value]) -> Result<(), crate::Error> {
        let funcs = self.funcs.len() as u32;
        match values.iter().find_map(|v| match v {
            Value::FuncRef(Some(r)) if r.0 >= funcs => Some(r.0),
            _ => None,
        }) {
            Some(addr) => Err(crate::Error::UnknownFuncRef { addr, funcs }),
            None => Ok(()),
        }
    }

    /// Adds a global holding `value`.
    ///
    /// # Errors
    ///
    /// Fails when the value's type differs from the global's.
    pub fn alloc_global(&mut self, ty: GlobalType, value: Value) -> Result<Global, crate::Error> {
        if value.ty() != ty.content {
            return Err(crate::Error::ValueType { what: "global", expected: ty.content, got: value.ty() });
        }
        self.check_refs(&[value])?;
        self.globals.push(GlobalEntity { value: encode128(value), ty });
        Ok(Global(self.globals.len() as u32 - 1, self.id))
    }

    /// Adds a zero-filled memory of the type's minimum size.
    ///
    /// # Errors
    ///
    /// Fails when the minimum exceeds the configured maximum.
    pub fn alloc_memory(&mut self, ty: MemoryType) -> Result<Memory, crate::Error> {
        let creator = match &self.config.engine {
            crate::Engine::Native(compiler) => compiler.memory_creator(&self.config),
            crate::Engine::Interpreter => None,
        };
        self.alloc_memory_with(ty, creator)
    }

    /// [`Store::alloc_memory`] with the memory made by `creator` (a vector without one).
    pub(crate) fn alloc_memory_with(
        &mut self,
        ty: MemoryType,
        creator: Option<std::sync::Arc<dyn crate::native::MemoryCreator>>,
    ) -> Result<Memory, crate::Error> {
        let mut cap = self.config.max_memory_pages.min(65536);
        if ty.memory64 {
            cap = cap.min(self.config.max_memory64_bytes / PAGE_SIZE as u64);
        }
        let max_pages = ty.limits.max.unwrap_or(65536).min(cap);
        if ty.limits.min > cap {
            return Err(crate::Error::Instantiation(crate::InstantiationError::Limit(format!(
                "memory needs {} pages, more than the maximum of {cap}",
                ty.limits.min
            ))));
        }
        let len = ty.limits.min as usize * PAGE_SIZE;
        let data = match creator {
            Some(creator) => {
                let memory =
                    creator.create(len, max_pages as usize * PAGE_SIZE).map_err(crate::Error::MemoryAllocation)?;
                crate::memory::Bytes::Created(memory)
            }
            None => crate::memory::Bytes::zeroed(len)
                .ok_or_else(|| crate::Error::MemoryAllocation(format!("{len} bytes")))?,
        };
        self.memories.push(MemoryEntity { data, ty, max_pages });
        Ok(Memory(self.memories.len() as u32 - 1, self.id))
    }

    /// Adds a table of the type's minimum size, every element null.
    ///
    /// # Errors
    ///
    /// Fails when the minimum exceeds the configured maximum.
    pub fn alloc_table(&mut self, ty: TableType) -> Result<Table, crate::Error> {
        let cap = self.config.max_table_elements;
        if ty.limits.min > cap {
            return Err(crate::Error::Instantiation(crate::InstantiationError::Limit(format!(
                "table needs {} elements, more than the maximum of {cap}",
                ty.limits.min
            ))));
        }
        let max = ty.limits.max.unwrap_or(u32::MAX as u64).min(cap);
        self.tables.push(TableEntity { elements: vec![0; ty.limits.min as usize], ty, max });
        Ok(Table(self.tables.len() as u32 - 1, self.id))
    }

    /// The signature of a function.
    ///
    /// # Errors
    ///
    /// [`Error::WrongStore`](crate::Error::WrongStore) for a handle of another store (as every
    /// method taking a handle).
    pub fn func_type(&self, func: Func) -> Result<&FuncType, crate::Error> {
        Ok(self.func_ty(self.check(func)?))
    }

    /// The signature of the function at address `addr`.
    pub(crate) fn func_ty(&self, addr: u32) -> &FuncType {
        &self.types[self.funcs[addr as usize].type_id() as usize]
    }

    /// The type of a global.
    ///
    /// # Errors
    ///
    /// [`Error::WrongStore`](crate::Error::WrongStore).
    pub fn global_type(&self, global: Global) -> Result<GlobalType, crate::Error> {
        Ok(self.globals[self.check(global)? as usize].ty)
    }

    /// The current value of a global.
    ///
    /// # Errors
    ///
    /// [`Error::WrongStore`](crate::Error::WrongStore).
    pub fn global_get(&self, global: Global) -> Result<Value, crate::Error> {
        let g = &self.globals[self.check(global)? as usize];
        Ok(decode(g.ty.content, g.value as u64, (g.value >> 64) as u64))
    }

    /// Sets a mutable global.
    ///
    /// # Errors
    ///
    /// [`Error::WrongStore`](crate::Error::WrongStore), or [`Error::ImmutableGlobal`](crate::Error::ImmutableGlobal) or
    /// [`Error::ValueType`](crate::Error::ValueType).
    pub fn global_set(&mut self, global: Global, value: Value) -> Result<(), crate::Error> {
        let i = self.check(global)? as usize;
        self.check_refs(&[value])?;
        let g = &mut self.globals[i];
        if !g.ty.mutable {
            return Err(crate::Error::ImmutableGlobal);
        }
        if g.ty.content != value.ty() {
            return Err(crate::Error::ValueType { what: "global", expected: g.ty.content, got: value.ty() });
        }
        g.value = encode128(value);
        Ok(())
    }

    /// The type of a memory (its `min` is the current size).
    ///
    /// # Errors
    ///
    /// [`Error::WrongStore`](crate::Error::WrongStore).
    pub fn memory_type(&self, memory: Memory) -> Result<MemoryType, crate::Error> {
        Ok(self.memories[self.check(memory)? as usize].ty)
    }

    /// The bytes of a memory.
    ///
    /// # Errors
    ///
    /// [`Error::WrongStore`](crate::Error::WrongStore).
    pub fn memory_data(&self, memory: Memory) -> Result<&[u8], crate::Error> {
        Ok(&self.memories[self.check(memory)? as usize].data)
    }

    /// The bytes of a memory, writable.
    ///
    /// # Errors
    ///
    /// [`Error::WrongStore`](crate::Error::WrongStore).
    pub fn memory_data_mut(&mut self, memory: Memory) -> Result<&mut [u8], crate::Error> {
        let i = self.check(memory)? as usize;
        Ok(&mut self.memories[i].data)
    }

    /// Grows a memory by `delta` pages; returns the old size, or `None` past the maximum.
    ///
    /// # Errors
    ///
    /// [`Error::WrongStore`](crate::Error::WrongStore).
    pub fn memory_grow(&mut self, memory: Memory, delta: u64) -> Result<Option<u64>, crate::Error> {
        let i = self.check(memory)? as usize;
        let r = self.memories[i].grow(delta);
        Ok((r >= 0).then_some(r as u64))
    }

    /// The type of a table (its `min` is the current size).
    ///
    /// # Errors
    ///
    /// [`Error::WrongStore`](crate::Error::WrongStore).
    pub fn table_type(&self, table: Table) -> Result<TableType, crate::Error> {
        Ok(self.tables[self.check(table)? as usize].ty)
    }

    /// Element `index` of a table, or `None` if out of bounds.
    ///
    /// # Errors
    ///
    /// [`Error::WrongStore`](crate::Error::WrongStore).
    pub fn table_get(&self, table: Table, index: u32) -> Result<Option<Value>, crate::Error> {
        let t = &self.tables[self.check(table)? as usize];
        Ok(t.elements.get(index as usize).map(|&e| decode(t.ty.element.into(), e, 0)))
    }

    /// Sets element `index` of a table.
    ///
    /// # Errors
    ///
    /// [`Error::WrongStore`](crate::Error::WrongStore), or [`Error::TableOutOfBounds`](crate::Error::TableOutOfBounds) or
    /// [`Error::ValueType`](crate::Error::ValueType).
    pub fn table_set(&mut self, table: Table, index: u32, value: Value) -> Result<(), crate::Error> {
        let i = self.check(table)? as usize;
        self.check_refs(&[value])?;
        let t = &mut self.tables[i];
        let want: ValType = t.ty.element.into();
        if value.ty() != want {
            return Err(crate::Error::ValueType { what: "table", expected: want, got: value.ty() });
        }
        let size = t.elements.len() as u32;
        match t.elements.get_mut(index as usize) {
            Some(e) => {
                *e = encode(value);
                Ok(())
            }
            None => Err(crate::Error::TableOutOfBounds { index, size }),
        }
    }

    /// Grows a table by `delta` elements set to `init`; returns the old size, or `None` past
    /// the maximum.
    ///
    /// # Errors
    ///
    /// [`Error::WrongStore`](crate::Error::WrongStore), or [`Error::ValueType`](crate::Error::ValueType)
    /// when `init` has the wrong type.
    pub fn table_grow(&mut self, table: Table, delta: u32, init: Value) -> Result<Option<u32>, crate::Error> {
        let i = self.check(table)? as usize;
        self.check_refs(&[init])?;
        let t = &mut self.tables[i];
        let want: ValType = t.ty.element.into();
        if init.ty() != want {
            return Err(crate::Error::ValueType { what: "table", expected: want, got: init.ty() });
        }
        let r = t.grow(delta as u64, encode(init));
        Ok((r >= 0).then_some(r as u32))
    }

    /// The export `name` of `instance`.
    ///
    /// # Errors
    ///
    /// [`Error::WrongStore`](crate::Error::WrongStore), or
    /// [`Error::MissingExport`](crate::Error::MissingExport) (listing the instance's exports).
    pub fn export(&self, instance: Instance, name: &str) -> Result<Extern, crate::Error> {
        let inst = &self.instances[self.check(instance)? as usize];
        inst.exports.get(name).copied().ok_or_else(|| {
            let mut exports: Vec<String> = inst.exports.keys().cloned().collect();
            exports.sort();
            crate::Error::MissingExport { name: name.to_string(), exports }
        })
    }

    /// All exports of `instance`, in no particular order.
    ///
    /// # Errors
    ///
    /// [`Error::WrongStore`](crate::Error::WrongStore).
    pub fn exports(&self, instance: Instance) -> Result<impl Iterator<Item = (&str, Extern)>, crate::Error> {
        let inst = &self.instances[self.check(instance)? as usize];
        Ok(inst.exports.iter().map(|(k, v)| (k.as_str(), *v)))
    }

    /// The module an instance was made from.
    ///
    /// # Errors
    ///
    /// [`Error::WrongStore`](crate::Error::WrongStore).
    pub fn instance_module(&self, instance: Instance) -> Result<&Module, crate::Error> {
        Ok(&self.instances[self.check(instance)? as usize].module)
    }

    /// The first memory of an instance, if it has one.
    ///
    /// # Errors
    ///
    /// [`Error::WrongStore`](crate::Error::WrongStore).
    pub fn instance_memory(&self, instance: Instance) -> Result<Option<Memory>, crate::Error> {
        Ok(self.instances[self.check(instance)? as usize].memories.first().map(|&m| Memory(m, self.id)))
    }
}

/// Encodes a value into its 64-bit slot form (the low half of a `v128`).
pub(crate) fn encode(v: Value) -> u64 {
    match v {
        Value::I32(x) => x as u32 as u64,
        Value::I64(x) => x as u64,
        Value::F32(x) => x.to_bits() as u64,
        Value::F64(x) => x.to_bits(),
        Value::V128(x) => x as u64,
        Value::FuncRef(r) => r.map_or(0, |r| r.0 as u64 + 1),
        Value::ExternRef(r) => r.map_or(0, |r| r as u64 + 1),
    }
}

/// Encodes a value into 128 bits (the two slots of a `v128`, one slot otherwise).
pub(crate) fn encode128(v: Value) -> u128 {
    match v {
        Value::V128(x) => x,
        other => encode(other) as u128,
    }
}

/// Decodes a slot (and, for `v128`, the next slot `hi`) into a value of type `ty`.
pub(crate) fn decode(ty: ValType, lo: u64, hi: u64) -> Value {
    match ty {
        ValType::I32 => Value::I32(lo as u32 as i32),
        ValType::I64 => Value::I64(lo as i64),
        ValType::F32 => Value::F32(F32::from_bits(lo as u32)),
        ValType::F64 => Value::F64(F64::from_bits(lo)),
        ValType::V128 => Value::V128((hi as u128) << 64 | lo as u128),
        ValType::FuncRef => Value::FuncRef(lo.checked_sub(1).map(|a| FuncRef(a as u32))),
        ValType::ExternRef => Value::ExternRef(lo.checked_sub(1).map(|a| a as u32)),
    }
}

/// Writes `v` into `slots` (one slot, two for `v128`).
pub(crate) fn write_value(v: Value, slots: &mut [u64]) {
    slots[0] = encode(v);
    if let Value::V128(x) = v {
        slots[1] = (x >> 64) as u64;
    }
}

/// Reads values of types `tys` from consecutive slots (two per `v128`).
pub(crate) fn read_values(tys: &[ValType], slots: &[u64]) -> Vec<Value> {
    let mut at = 0;
    tys.iter()
        .map(|&t| {
            let v = decode(t, slots[at], slots.get(at + 1).copied().unwrap_or(0));
            at += t.slots() as usize;
            v
        })
        .collect()
}

/// Writes `values` into consecutive slots (two per `v128`).
pub(crate) fn write_values(values: &[Value], slots: &mut [u64]) {
    let mut at = 0;
    for &v in values {
        write_value(v, &mut slots[at..]);
        at += v.ty().slots() as usize;
    }
}
