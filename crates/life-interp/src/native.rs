//! The engine hook: how a native-code engine (Polymerase, in `life-aot`) runs modules inside
//! this runtime.
//!
//! This crate stays pure Rust and knows nothing of code generation. It defines two traits: a
//! [`Compiler`] turns a decoded module into a [`CompiledModule`], and a compiled module runs one
//! of its functions given the store. A [`VmConfig`] whose [`engine`](VmConfig::engine) is
//! [`Engine::Native`] makes [`Module::new`](crate::Module::new) compile the module; a call that
//! enters one of its functions from the host then runs native code. Everything else (the
//! store, instantiation, imports and host functions, memories, tables, globals, limits, traps)
//! stays here, which is why the API and the limits are the same on both engines.
//!
//! A compiler may also decide where memories live ([`Compiler::memory_creator`]): Polymerase
//! reserves address space with guard pages after each memory so its code needs no bounds
//! checks.
//!
//! [`rt`] is the runtime interface native code calls back into. It is public for `life-aot`
//! only and is not a stable API.

pub use crate::memory::{LinearMemory, MemoryCreator};
use crate::{Error, Store, Trap, VmConfig};
use std::{fmt, sync::Arc};

/// Which engine runs a VM's code.
#[derive(Clone, Default)]
pub enum Engine {
    /// The interpreter of this crate.
    #[default]
    Interpreter,
    /// A native-code engine: modules are compiled when they are decoded.
    Native(Arc<dyn Compiler>),
}

impl fmt::Debug for Engine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Engine::Interpreter => f.write_str("Interpreter"),
            Engine::Native(c) => write!(f, "Native({})", c.name()),
        }
    }
}

impl Engine {
    /// Whether calls on this engine can pause ([`Store::invoke_resumable`](crate::Store::invoke_resumable)
    /// on gas exhaustion or a host function's [`Trap::suspend`](crate::Trap::suspend)) and
    /// snapshot a paused call. Only the interpreter can; native code traps with `out of gas`
    /// instead, and a suspension is an error.
    pub fn can_pause(&self) -> bool {
        matches!(self, Engine::Interpreter)
    }

    /// A short name: `interp`, or the compiler's name.
    pub fn name(&self) -> &str {
        match self {
            Engine::Interpreter => "interp",
            Engine::Native(c) => c.name(),
        }
    }
}

/// Compiles decoded modules to native code.
pub trait Compiler: Send + Sync {
    /// A short name, such as `polymerase`.
    fn name(&self) -> &str;

    /// Compiles every function of `module`. `config` is the configuration the module was
    /// decoded with; the store that runs the code must use the same limits.
    ///
    /// # Errors
    ///
    /// [`Error::Compile`] when code generation fails.
    fn compile(&self, module: &Arc<life_decode::Module>, config: &VmConfig) -> Result<Arc<dyn CompiledModule>, Error>;

    /// What makes the memories of a store with `config` that runs this engine's code; `None`
    /// (the default) keeps the interpreter's vectors. A compiler whose code relies on guard
    /// pages returns a creator that provides them (see [`LinearMemory::guarded_len`]).
    fn memory_creator(&self, config: &VmConfig) -> Option<Arc<dyn MemoryCreator>> {
        let _ = config;
        None
    }
}

/// A module's native code.
pub trait CompiledModule: Send + Sync {
    /// Runs defined function `index` (not counting imports) of `instance`, whose arguments are
    /// in `slots` in slot form (one slot per value, two for `v128`); the results replace them.
    /// `slots` is at least as long as the larger of the parameters' and results' slots.
    ///
    /// # Errors
    ///
    /// The trap that stopped the call, with its stack trace.
    fn call(&self, store: &mut Store, instance: u32, index: u32, slots: &mut [u64]) -> Result<(), Trap>;

    /// Time spent compiling, for statistics.
    fn compile_time(&self) -> std::time::Duration;

    /// Size of the generated machine code in bytes.
    fn code_size(&self) -> usize;

    /// What makes the memories the module itself defines, when its code needs particular ones
    /// (guard pages); `None` (the default) leaves them to the store's engine. The module may be
    /// instantiated in a store created for another engine: its memories still fit its code.
    fn memory_creator(&self) -> Option<Arc<dyn MemoryCreator>> {
        None
    }
}

/// Runtime services for native code: state it reads and operations it delegates.
///
/// Addresses (`u32`) are store addresses; `instance` is the calling instance. Not a stable API.
#[doc(hidden)]
pub mod rt {
    use crate::{
        Store, TraceFrame, Trap,
        store::{FuncEntity, read_values, write_values},
    };
    use life_decode::TrapCode;
    use std::sync::atomic::AtomicBool;

    pub use crate::exec::bulk::{
        memory_copy, memory_fill, memory_grow, memory_init, table_copy, table_fill, table_init,
    };

    /// Native frames active in the store, carried across host calls so that nested entries keep
    /// counting depth and value-stack slots, and share one native stack limit.
    #[derive(Debug, Clone, Copy, Default)]
    pub struct NativeFrames {
        /// Active guest frames (the interpreter's depth).
        pub depth: u32,
        /// Value-stack slots in use below the next frame (the interpreter's frame base).
        pub base: u32,
        /// Lowest address native code may use for its stack; 0 when no native call is active.
        pub stack_limit: usize,
    }

    /// The native frame state.
    pub fn frames(store: &mut Store) -> &mut NativeFrames {
        &mut store.native_frames
    }

    /// Base and length of `instance`'s memory 0 (null and 0 without memory).
    pub fn memory(store: &mut Store, instance: u32) -> (*mut u8, usize) {
        match store.instances[instance as usize].memories.first() {
            Some(&m) => {
                let data = &mut store.memories[m as usize].data;
                (data.as_mut_ptr(), data.len())
            }
            None => (std::ptr::null_mut(), 0),
        }
    }

    /// Base and length of every memory of `instance`, by memory index, into `out` (cleared
    /// first; its allocation is reused, so a pointer to it stays valid while no memory is added).
    pub fn memories(store: &mut Store, instance: u32, out: &mut Vec<MemoryView>) {
        out.clear();
        for &m in &store.instances[instance as usize].memories {
            let data = &mut store.memories[m as usize].data;
            out.push(MemoryView { base: data.as_mut_ptr(), len: data.len() as u64 });
        }
    }

    /// Where a memory's bytes are now, as native code reads it (see [`memories`]).
    #[repr(C)]
    #[derive(Debug, Clone, Copy)]
    pub struct MemoryView {
        /// The first byte.
        pub base: *mut u8,
        /// The length in bytes.
        pub len: u64,
    }

    /// How many memories `instance` has.
    pub fn memory_count(store: &Store, instance: u32) -> usize {
        store.instances[instance as usize].memories.len()
    }

    /// The smallest [`LinearMemory::guarded_len`](super::LinearMemory::guarded_len) among the
    /// memories of `instance` (`usize::MAX` without memory).
    pub fn memories_guarded_len(store: &Store, instance: u32) -> usize {
        let memories = &store.instances[instance as usize].memories;
        memories.iter().map(|&m| store.memories[m as usize].data.guarded_len()).min().unwrap_or(usize::MAX)
    }

    /// Base and length of `instance`'s table `table` (encoded references: 0 is null, else the
    /// function's store address + 1). Valid until the table grows or the store adds a table.
    pub fn table(store: &mut Store, instance: u32, table: u32) -> (*const u64, usize) {
        match store.instances[instance as usize].tables.get(table as usize) {
            Some(&t) => {
                let elements = &store.tables[t as usize].elements;
                (elements.as_ptr(), elements.len())
            }
            None => (std::ptr::null(), 0),
        }
    }

    /// Wasm `data.drop`.
    pub fn data_drop(store: &mut Store, instance: u32, data: u32) {
        store.instances[instance as usize].dropped_datas[data as usize] = true;
    }

    /// Pointers to the value of each of `instance`'s globals, by global index. Valid until the
    /// store allocates another global.
    pub fn globals(store: &mut Store, instance: u32, out: &mut Vec<*mut u128>) {
        out.clear();
        let inst = &store.instances[instance as usize];
        for &g in &inst.globals {
            out.push(&mut store.globals[g as usize].value as *mut u128);
        }
    }

    /// Address of the store's global array, which changes when it reallocates.
    pub fn globals_generation(store: &Store) -> (*const u8, usize) {
        (store.globals.as_ptr().cast(), store.globals.len())
    }

    /// Gas left (`u64::MAX` when not metered).
    pub fn gas_left(store: &Store) -> u64 {
        store.gas_left
    }

    /// Sets the gas left.
    pub fn set_gas_left(store: &mut Store, gas: u64) {
        store.gas_left = gas;
    }

    /// Charges a bulk operation of `n` bytes or elements, before the work.
    ///
    /// # Errors
    ///
    /// `OutOfGas` if too little is left (nothing is charged then).
    pub fn charge_units(store: &mut Store, n: u64) -> Result<(), TrapCode> {
        if store.gas_per_unit != 0 {
            let cost = n.saturating_mul(store.gas_per_unit);
            if cost > store.gas_left {
                return Err(TrapCode::OutOfGas);
            }
            store.gas_left -= cost;
        }
        Ok(())
    }

    /// The interrupt flag guest code polls.
    pub fn interrupt_flag(store: &Store) -> *const AtomicBool {
        store.interrupt.flag()
    }

    /// The signature of the function at store address `addr`.
    pub fn func_type(store: &Store, addr: u32) -> &life_decode::FuncType {
        store.func_ty(addr)
    }

    /// The handle of the function at store address `addr`.
    pub fn func_handle(store: &Store, addr: u32) -> crate::Func {
        crate::Func(addr, store.id)
    }

    /// Store address of `instance`'s function `func` (imports first).
    pub fn func_addr(store: &Store, instance: u32, func: u32) -> u32 {
        store.instances[instance as usize].funcs[func as usize]
    }

    /// The `(instance, defined index)` of a WebAssembly function, `None` for a host function.
    pub fn wasm_func(store: &Store, addr: u32) -> Option<(u32, u32)> {
        match store.funcs[addr as usize] {
            FuncEntity::Wasm { instance, index, .. } => Some((instance, index)),
            FuncEntity::Host { .. } => None,
        }
    }

    /// The function `call_indirect` reaches through `table[elem]`, type-checked against the
    /// caller's type `ty`.
    ///
    /// # Errors
    ///
    /// The traps of `call_indirect`: undefined or uninitialized element, type mismatch.
    pub fn indirect_target(store: &Store, instance: u32, table: u32, elem: u32, ty: u32) -> Result<u32, TrapCode> {
        let inst = &store.instances[instance as usize];
        let t = &store.tables[inst.tables[table as usize] as usize];
        let &e = t.elements.get(elem as usize).ok_or(TrapCode::UndefinedElement)?;
        let addr = e.checked_sub(1).ok_or(TrapCode::UninitializedElement)?;
        if store.funcs[addr as usize].type_id() != inst.type_ids[ty as usize] {
            return Err(TrapCode::IndirectCallTypeMismatch);
        }
        Ok(addr as u32)
    }

    /// Runs `f`, turning a panic into a trap that names it, as host calls do on every engine.
    pub fn catch_panic<R>(f: impl FnOnce() -> Result<R, Trap>) -> Result<R, Trap> {
        crate::host::catch_panic(f)
    }

    /// Calls any function of the store (host, or WebAssembly on whichever engine runs it) with
    /// arguments in slot form in `slots`, which receives the results. Host functions see
    /// `instance` as their caller.
    ///
    /// # Errors
    ///
    /// The callee's trap.
    pub fn call(store: &mut Store, instance: u32, addr: u32, slots: &mut [u64]) -> Result<(), Trap> {
        let type_id = store.funcs[addr as usize].type_id() as usize;
        if let FuncEntity::Host { func, .. } = &store.funcs[addr as usize] {
            let func = func.clone();
            return crate::host::call_host_in_slots(store, &func, type_id, Some(instance), slots);
        }
        let args = read_values(store.types[type_id].params(), slots);
        let results = match crate::exec::call_nested(store, addr, &args)? {
            crate::Resumable::Finished(results) => results,
            crate::Resumable::Paused(_) => unreachable!("a call that is not resumable never pauses"),
        };
        write_values(&results, slots);
        Ok(())
    }

    /// Wasm `ref.func`: the encoded reference to `instance`'s function `func`.
    pub fn ref_func(store: &Store, instance: u32, func: u32) -> u64 {
        store.instances[instance as usize].funcs[func as usize] as u64 + 1
    }

    /// Wasm `table.get`.
    ///
    /// # Errors
    ///
    /// `TableOutOfBounds`.
    pub fn table_get(store: &Store, instance: u32, table: u32, i: u32) -> Result<u64, TrapCode> {
        let t = store.instances[instance as usize].tables[table as usize];
        store.tables[t as usize].elements.get(i as usize).copied().ok_or(TrapCode::TableOutOfBounds)
    }

    /// Wasm `table.set`.
    ///
    /// # Errors
    ///
    /// `TableOutOfBounds`.
    pub fn table_set(store: &mut Store, instance: u32, table: u32, i: u32, value: u64) -> Result<(), TrapCode> {
        let t = store.instances[instance as usize].tables[table as usize];
        let e = store.tables[t as usize].elements.get_mut(i as usize).ok_or(TrapCode::TableOutOfBounds)?;
        *e = value;
        Ok(())
    }

    /// Wasm `table.size`.
    pub fn table_size(store: &Store, instance: u32, table: u32) -> u32 {
        let t = store.instances[instance as usize].tables[table as usize];
        store.tables[t as usize].elements.len() as u32
    }

    /// Wasm `table.grow`: the old size, or -1.
    pub fn table_grow(store: &mut Store, instance: u32, table: u32, n: u32, init: u64) -> i32 {
        let t = store.instances[instance as usize].tables[table as usize];
        store.tables[t as usize].grow(n as u64, init) as i32
    }

    /// Wasm `elem.drop`.
    pub fn elem_drop(store: &mut Store, instance: u32, elem: u32) {
        store.instances[instance as usize].elems[elem as usize] = Vec::new();
    }

    /// Stack-trace frames for these function addresses, innermost first.
    pub fn trace(store: &Store, addrs: &[u32]) -> Vec<TraceFrame> {
        crate::exec::trace_of(store, addrs.iter().copied())
    }

    /// The trap with its stack trace replaced by `trace`.
    pub fn with_trace(trap: Trap, trace: Vec<TraceFrame>) -> Trap {
        trap.replace_trace(trace)
    }
}
