//! `VmCtx`: the block of state native code reads through its first argument.
//!
//! Native code reads the fields before `store` at fixed offsets ([`offsets`]); the rest belongs
//! to the runtime side (`libcalls.rs`). Each entry from the host into native code has its own
//! `VmCtx` (a host function that calls back into WebAssembly takes another); finished ones are
//! kept per thread for the next call ([`VmCtx::take`]), so that an entry neither allocates nor
//! rebuilds the `call_indirect` cache and the globals table of an instance it ran before.

use crate::code::Code;
use life_interp::{Store, Trap, native::rt};
use std::sync::atomic::AtomicBool;

/// The context of one native call.
#[repr(C)]
pub(crate) struct VmCtx {
    /// Base of memory 0 (null without memory).
    pub mem_base: *mut u8,
    /// Length of memory 0 in bytes.
    pub mem_len: u64,
    /// Gas left; written back to the store around every call out of native code.
    pub gas_left: u64,
    /// The store's interrupt flag.
    pub interrupt: *const AtomicBool,
    /// Pointers to the values of the instance's globals, by global index.
    pub globals: *const *mut u128,
    /// Native code traps with `call stack exhausted` when the stack pointer goes below this.
    pub stack_limit: usize,
    /// Non-zero once a trap is pending: every frame returns at once.
    pub trap: u32,
    /// `VmConfig::max_call_depth`, saturated to 31 bits (native code sees it through budgets).
    pub max_depth: u32,
    /// `VmConfig::max_value_stack`, saturated to 32 bits.
    pub max_slots: u32,
    _pad: u32,
    /// Native code of the module's defined functions (for same-instance `call_indirect`).
    pub funcs: *const *const u8,
    /// Elements of table 0 (see `rt::table`) and their number.
    pub table0: *const u64,
    pub table0_len: u64,
    /// `call_indirect` targets already checked, by table element (see [`IndirectEntry`]).
    pub indirect_cache: [IndirectEntry; INDIRECT_CACHE],
    /// Base and length of every memory of the instance, by memory index (`memory_views`), for
    /// the accesses to memories other than memory 0; null when the instance has at most one
    /// memory (memory 0 is `mem_base` and `mem_len`).
    pub memories: *const rt::MemoryView,

    // ---- Runtime side only ----
    pub store: *mut Store,
    pub instance: u32,
    pub code: *const Code,
    /// The pending trap.
    pub trap_value: Option<Trap>,
    /// Store addresses of the frames unwound so far, innermost first.
    pub trace: Vec<u32>,
    /// Storage behind `globals`.
    pub global_ptrs: Vec<*mut u128>,
    /// The store's global array when `global_ptrs` was built.
    pub globals_generation: (*const u8, usize),
    /// The callee `call_indirect` found when it is not this instance's native code.
    pub indirect_callee: u32,
    /// The store (by [`life_interp::StoreId`], never reused) and instance that the cache and
    /// `global_ptrs` were filled for.
    owner: (u64, u32),
    /// Storage behind `memories`, refreshed with the rest of the context (only when there are
    /// several memories).
    pub memory_views: Vec<rt::MemoryView>,
    /// Where the entry stub resumes after a fault (`signals.rs`).
    #[cfg(all(target_os = "linux", target_arch = "x86_64"))]
    pub landing: crate::signals::Landing,
}

/// Entries of the `call_indirect` cache (a power of two).
pub(crate) const INDIRECT_CACHE: usize = 64;

/// A `call_indirect` target that passed the type check: table element `element` called with
/// the caller's type `ty` runs `code` (a function of this instance). Store addresses never
/// change meaning, so an entry never goes stale; the cache lives as long as the context.
#[repr(C)]
#[derive(Clone, Copy)]
pub(crate) struct IndirectEntry {
    pub element: u64,
    pub ty: u64,
    pub code: *const u8,
    _pad: u64,
}

impl IndirectEntry {
    pub const EMPTY: IndirectEntry = IndirectEntry { element: 0, ty: 0, code: std::ptr::null(), _pad: 0 };

    pub fn new(element: u64, ty: u32, code: *const u8) -> IndirectEntry {
        IndirectEntry { element, ty: ty as u64, code, _pad: 0 }
    }
}

/// Field offsets native code uses.
pub(crate) mod offsets {
    use super::VmCtx;
    use std::mem::offset_of;
    pub const MEM_BASE: i32 = offset_of!(VmCtx, mem_base) as i32;
    pub const MEM_LEN: i32 = offset_of!(VmCtx, mem_len) as i32;
    pub const GAS_LEFT: i32 = offset_of!(VmCtx, gas_left) as i32;
    pub const INTERRUPT: i32 = offset_of!(VmCtx, interrupt) as i32;
    pub const GLOBALS: i32 = offset_of!(VmCtx, globals) as i32;
    pub const STACK_LIMIT: i32 = offset_of!(VmCtx, stack_limit) as i32;
    pub const TRAP: i32 = offset_of!(VmCtx, trap) as i32;
    pub const TABLE0: i32 = offset_of!(VmCtx, table0) as i32;
    pub const TABLE0_LEN: i32 = offset_of!(VmCtx, table0_len) as i32;
    pub const INDIRECT_CACHE: i32 = offset_of!(VmCtx, indirect_cache) as i32;
    pub const MEMORIES: i32 = offset_of!(VmCtx, memories) as i32;
    /// The size of an entry of `memories`: base, then length.
    pub const MEMORY_ENTRY: i32 = size_of::<life_interp::native::rt::MemoryView>() as i32;
    const _: () = assert!(MEMORY_ENTRY == 16);
    pub const ENTRY_ELEMENT: i32 = offset_of!(super::IndirectEntry, element) as i32;
    pub const ENTRY_TY: i32 = offset_of!(super::IndirectEntry, ty) as i32;
    pub const ENTRY_CODE: i32 = offset_of!(super::IndirectEntry, code) as i32;
    pub const ENTRY_SHIFT: i64 = 5;
    const _: () = assert!(size_of::<super::IndirectEntry>() == 1 << ENTRY_SHIFT);
}

std::thread_local! {
    /// Finished contexts kept for reuse on this thread, at most [`SPARE_CONTEXTS`]. Boxed: a
    /// context in use must not move (native code and the signal handler hold its address).
    #[allow(clippy::vec_box)]
    static SPARE: std::cell::RefCell<Vec<Box<VmCtx>>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Enough for host→guest→host→guest nesting; deeper nests allocate.
const SPARE_CONTEXTS: usize = 4;

impl VmCtx {
    /// A context for running `code` as `instance` of `store`: a spare one of this thread if
    /// there is one, else a new one. A spare keeps its `call_indirect` cache and globals table
    /// only when it last ran this same instance of this same store, whose store addresses mean
    /// the same functions; otherwise both are cleared.
    pub fn take(store: &mut Store, instance: u32, code: &Code, stack_limit: usize) -> Box<VmCtx> {
        let Some(mut cx) = SPARE.with(|s| s.borrow_mut().pop()) else {
            return Box::new(VmCtx::new(store, instance, code, stack_limit));
        };
        let owner = (store.id().as_u64(), instance);
        cx.instance = instance;
        if cx.owner != owner {
            cx.indirect_cache = [IndirectEntry::EMPTY; INDIRECT_CACHE];
            cx.globals_generation = (std::ptr::null(), usize::MAX);
            cx.owner = owner;
        }
        let config = store.config();
        (cx.max_depth, cx.max_slots) =
            (sat32(config.max_call_depth).min(i32::MAX as u32), sat32(config.max_value_stack));
        cx.interrupt = rt::interrupt_flag(store);
        cx.stack_limit = stack_limit;
        cx.trap = 0;
        cx.funcs = code.func_ptrs();
        cx.store = &raw mut *store;
        cx.code = code;
        cx.indirect_callee = 0;
        // The table of memories belongs to the instance, whichever ran before.
        cx.memory_views.clear();
        cx.memories = std::ptr::null();
        if rt::memory_count(store, instance) > 1 {
            rt::memories(store, instance, &mut cx.memory_views);
        }
        cx.refresh(store);
        cx
    }

    /// Keeps a finished context for the next [`VmCtx::take`] on this thread.
    pub fn give_back(mut cx: Box<VmCtx>) {
        cx.trap_value = None;
        cx.trace.clear();
        SPARE.with(|s| {
            let mut spare = s.borrow_mut();
            if spare.len() < SPARE_CONTEXTS {
                spare.push(cx);
            }
        });
    }

    /// A new context for running `code` as `instance` of `store`.
    fn new(store: &mut Store, instance: u32, code: &Code, stack_limit: usize) -> VmCtx {
        let config = store.config();
        // The budget's frame half is signed, its slot half unsigned.
        let (max_depth, max_slots) = (sat32(config.max_call_depth).min(i32::MAX as u32), sat32(config.max_value_stack));
        let mut cx = VmCtx {
            mem_base: std::ptr::null_mut(),
            mem_len: 0,
            gas_left: rt::gas_left(store),
            interrupt: rt::interrupt_flag(store),
            globals: std::ptr::null(),
            stack_limit,
            trap: 0,
            max_depth,
            max_slots,
            _pad: 0,
            funcs: code.func_ptrs(),
            table0: std::ptr::null(),
            table0_len: 0,
            indirect_cache: [IndirectEntry::EMPTY; INDIRECT_CACHE],
            memories: std::ptr::null(),
            store: &raw mut *store,
            instance,
            code,
            trap_value: None,
            trace: Vec::new(),
            global_ptrs: Vec::new(),
            globals_generation: (std::ptr::null(), usize::MAX),
            indirect_callee: 0,
            owner: (store.id().as_u64(), instance),
            memory_views: Vec::new(),
            #[cfg(all(target_os = "linux", target_arch = "x86_64"))]
            landing: Default::default(),
        };
        // Only an instance with several memories needs the table (and its allocation).
        if rt::memory_count(store, instance) > 1 {
            rt::memories(store, instance, &mut cx.memory_views);
        }
        cx.refresh(store);
        cx
    }

    /// Re-reads what host code may have changed: memory (grown), globals (reallocated), gas.
    pub fn refresh(&mut self, store: &mut Store) {
        let (base, len) = rt::memory(store, self.instance);
        self.mem_base = base;
        self.mem_len = len as u64;
        self.gas_left = rt::gas_left(store);
        let (table0, len) = rt::table(store, self.instance, 0);
        self.table0 = table0;
        self.table0_len = len as u64;
        if !self.memory_views.is_empty() {
            rt::memories(store, self.instance, &mut self.memory_views);
            self.memories = self.memory_views.as_ptr();
        }
        let generation = rt::globals_generation(store);
        if generation != self.globals_generation {
            rt::globals(store, self.instance, &mut self.global_ptrs);
            self.globals = self.global_ptrs.as_ptr();
            self.globals_generation = generation;
        }
    }

    /// The budget (see `lower::signature`) of a frame at call depth `depth` (the entry function
    /// is 1) and value-stack slot `base`.
    pub fn budget(&self, depth: u32, base: u32) -> i64 {
        let frames_left = self.max_depth as i64 - depth as i64;
        let slots_left = self.max_slots.saturating_sub(base) as i64;
        (frames_left << 32) | slots_left
    }

    /// Whether a fault at instruction `pc` touching address `addr` is an access of this call's
    /// code to the guard pages of one of its memories (see `signals.rs`). Reads only plain
    /// fields and the table of memories, which nothing changes while guest code runs: it runs
    /// in the signal handler.
    #[cfg(all(target_os = "linux", target_arch = "x86_64"))]
    pub fn owns_fault(&self, pc: usize, addr: usize) -> bool {
        let within = |base: usize| base != 0 && addr.wrapping_sub(base) < crate::guard::GUARDED_SPAN;
        // SAFETY: the code outlives the call.
        let code = unsafe { &*self.code };
        let in_memory = within(self.mem_base as usize) || self.memory_views.iter().any(|m| within(m.base as usize));
        code.guarded && in_memory && code.func_at(pc).is_some()
    }

    /// The depth and base a budget stands for.
    pub fn frame_of(&self, budget: i64) -> (u32, u32) {
        let frames_left = budget >> 32;
        let slots_left = budget & 0xffff_ffff;
        ((self.max_depth as i64 - frames_left) as u32, (self.max_slots as i64 - slots_left) as u32)
    }

    /// Records a trap; native code sees `trap != 0` and unwinds.
    pub fn raise(&mut self, trap: Trap) {
        if self.trap_value.is_none() {
            self.trap_value = Some(trap);
        }
        self.trap = 1;
    }
}

fn sat32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}
