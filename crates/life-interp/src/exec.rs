//! The interpreter: a dispatch loop over IR ops, with its own value stack and call frames.
//!
//! Guest calls never recurse on the host stack: a call pushes a [`Frame`] and switches the
//! loop's registers (`ops`, `pc`, `sp`) to the callee; a return pops it. The callee's frame
//! starts at the caller's slot where the arguments were placed, so calls copy nothing, and
//! results come back in the same slots.
//!
//! The loop keeps hot state in locals: the instruction pointer, the frame's slot pointer, and the
//! current instance's memory base and length. They are reloaded after calls, returns, host calls
//! and `memory.grow` (the only events that can move them).
//!
//! Each arm is one line that calls a small macro (`binop!`, `load!`, ...). Numeric semantics
//! that are more than a Rust operator live in `life_decode::semantics`.

use crate::{
    Caller, Store, Trap,
    store::{FuncEntity, decode, write_value},
    trap::TraceFrame,
};
pub(crate) mod bulk;
pub(crate) mod code;
pub(crate) mod simd;

use code::{Code, Instr};

use life_decode::{TrapCode, Value, ir::Pc};

/// A suspended caller.
#[derive(Debug, Clone, Copy)]
struct Frame {
    /// The caller's next op.
    ip: *const Instr,
    /// The caller's code.
    code: *const Code,
    base: usize,
    func: u32,
    instance: u32,
}

impl Frame {
    /// The position of the caller's next op in its body.
    fn pc(&self) -> usize {
        // SAFETY: `ip` points into `code`'s ops, which the caller's module keeps alive.
        unsafe { self.ip.offset_from((*self.code).start()) as usize }
    }
}

/// What a call needs of the function at the same store address, for the interpreter's fast
/// call path: the wasm function's code and its instance, and the function's type for
/// `call_indirect`'s check. `code` is null for host functions and for functions not called
/// yet; calls to those take the slow path, which fills the entry in once the code is built.
#[derive(Debug, Clone, Copy)]
pub(crate) struct CallTarget {
    pub code: *const Code,
    pub instance: u32,
    pub type_id: u32,
}

impl CallTarget {
    /// The entry of a host function, or of a wasm function not translated yet.
    pub fn slow(type_id: u32) -> CallTarget {
        CallTarget { code: std::ptr::null(), instance: u32::MAX, type_id }
    }
}

// SAFETY: `body` points into a module that an instance of the same store owns (the store never
// drops an instance), and a body's code is never changed or replaced (`OnceLock`), so the
// pointer is valid and its target immutable wherever the store goes.
unsafe impl Send for CallTarget {}
// SAFETY: as above.
unsafe impl Sync for CallTarget {}

/// Execution state reused across calls: the value stack and the frame stack.
#[derive(Debug, Default)]
pub(crate) struct Executor {
    stack: Vec<u64>,
    frames: Vec<Frame>,
    /// A host call that suspended: where its results go and its signature.
    pending_host: Option<(usize, std::sync::Arc<life_decode::FuncType>)>,
}

// SAFETY: the raw `ops` pointers in `frames` point into `Arc`-owned module bodies and are only
// dereferenced while the executor runs on the thread that owns the store; between runs the
// frame stack is empty.
unsafe impl Send for Executor {}
// SAFETY: as above; a shared `Executor` exposes nothing.
unsafe impl Sync for Executor {}

/// Where execution is, so that it can start or continue.
#[derive(Debug, Clone, Copy)]
struct Position {
    func: u32,
    pc: usize,
    base: usize,
    /// The function has not started yet: its frame must be prepared.
    fresh: bool,
}

/// How the loop ended without a trap.
enum Exit {
    Returned,
    Paused(PauseReason),
}

/// The cached view of the current instance's default memory.
#[derive(Clone, Copy)]
struct Mem {
    base: *mut u8,
    len: usize,
}

impl Mem {
    /// The bytes of `instance`'s default memory (null if it has none), where they are now.
    fn data_of(store: &mut Store, instance: u32) -> *mut crate::memory::Bytes {
        match store.instances[instance as usize].memories.first() {
            Some(&m) => &mut store.memories[m as usize].data,
            None => std::ptr::null_mut(),
        }
    }

    /// The view of `data` (from `data_of`), which a `memory.grow` may have moved since.
    ///
    /// # Safety
    ///
    /// `data` is null or points into the store's memories, which have not been added to since
    /// (only host functions can add to them).
    #[inline(always)]
    unsafe fn view(data: *mut crate::memory::Bytes) -> Mem {
        if data.is_null() {
            return Mem { base: std::ptr::null_mut(), len: 0 };
        }
        // SAFETY: the caller guarantees `data` points to a live memory's bytes.
        let data = unsafe { &mut *data };
        Mem { base: data.as_mut_ptr(), len: data.len() }
    }
}

impl Executor {
    /// Makes room for a frame of `frame_slots` at `base`, zeroing its declared locals.
    #[inline(always)]
    fn prepare_frame(&mut self, store: &Store, base: usize, body: &Code) -> Result<(), TrapCode> {
        let need = base + body.frame_slots as usize;
        if need > store.config.max_value_stack {
            return Err(TrapCode::StackOverflow);
        }
        if need > self.stack.len() {
            self.grow_stack(store, need);
        }
        // Most functions declare no locals beyond their parameters: skip the call to `memset`.
        if body.local_slots > body.param_slots {
            self.stack[base + body.param_slots as usize..base + body.local_slots as usize].fill(0);
        }
        Ok(())
    }

    /// Grows the value stack to at least `need` slots (at most the configured maximum); rare,
    /// so out of line.
    #[cold]
    #[inline(never)]
    fn grow_stack(&mut self, store: &Store, need: usize) {
        let new_len = need.max(self.stack.len() * 2).min(store.config.max_value_stack.max(need));
        self.stack.resize(new_len, 0);
    }

    fn trace(&self, store: &Store, current: u32) -> Vec<TraceFrame> {
        trace_of(store, std::iter::once(current).chain(self.frames.iter().rev().map(|f| f.func)))
    }

    /// Calls host function `addr` with the arguments at slot `callee_base`, writing its results
    /// there. Kept out of the dispatch loop: it is large and rare, and inlined it would cost the
    /// loop registers. On `Trap::suspend`, records where the results must go.
    #[inline(never)]
    fn call_host(&mut self, store: &mut Store, addr: u32, callee_base: usize, instance: u32) -> Result<(), Trap> {
        let FuncEntity::Host { func: host, type_id } = &store.funcs[addr as usize] else {
            unreachable!("call_host is called for host functions only");
        };
        let (host, type_id) = (host.clone(), *type_id as usize);
        let need = callee_base + store.types[type_id].result_slots() as usize;
        if need > self.stack.len() {
            self.stack.resize(need, 0);
        }
        let outcome =
            crate::host::call_host_in_slots(store, &host, type_id, Some(instance), &mut self.stack[callee_base..]);
        if let Err(trap) = &outcome
            && matches!(trap.kind(), crate::TrapKind::Suspend)
        {
            self.pending_host = Some((callee_base, store.types[type_id].clone()));
        }
        outcome
    }

    /// The dispatch loop: runs from `pos` until the entry function returns, a trap, or a pause
    /// (then `pos` says where to continue). `pos.func` tracks the running function for stack
    /// traces. Gas is kept in `Cx` and written back to the store on every exit and around host
    /// calls.
    #[inline(never)]
    fn execute(&mut self, store: &mut Store, pos: &mut Position) -> Result<Exit, Trap> {
        let FuncEntity::Wasm { instance, index, .. } = store.funcs[pos.func as usize] else {
            unreachable!("`call` handles host functions before running the loop");
        };
        let base = pos.base;
        let ops: *const Instr;
        let tables: *const Pc;
        let running: *const Code;
        {
            let module = store.instances[instance as usize].module.clone();
            let body = module.code(index as usize).map_err(translation_trap)?;
            if pos.fresh {
                self.prepare_frame(store, base, body)?;
                pos.fresh = false;
            }
            ops = body.start();
            tables = body.br_tables();
            running = body;
        }
        // SAFETY: `pos.pc` is inside the body (a fresh call starts at 0, a paused or restored
        // position was checked).
        let ip: *const Instr = unsafe { ops.add(pos.pc) };
        // SAFETY: `base` is inside the stack: the entry frame was prepared at 0, and a paused
        // position keeps the frames it had.
        let sp: *mut u64 = unsafe { self.stack.as_mut_ptr().add(base) };
        // Filled in by `enter_instance` below, with the instance's function list and tables.
        let no_mem = Mem { base: std::ptr::null_mut(), len: 0 };
        let gas_left = store.gas_left;
        let interrupt = store.interrupt.flag();
        let per_unit = store.gas_per_unit;
        let outcome = Ok(Exit::Returned);
        let func = pos.func;
        let mut cx = Cx {
            ex: self,
            store,
            pos,
            tables,
            code: running,
            ops,
            func,
            inst_funcs: std::ptr::null(),
            table0: std::ptr::null(),
            type_ids: std::ptr::null(),
            pending_call: (0, 0),
            resume: Hot { ip, sp, mem: no_mem, ops },
            frame_room: 0,
            stack_room: 0,
            base,
            instance,
            memory: std::ptr::null_mut(),
            gas_left,
            per_unit,
            interrupt,
            outcome,
        };
        cx.refresh_room();
        let mem = cx.enter_instance(instance);
        let Done = run(&mut cx, Hot { ip, sp, mem, ops });
        cx.store.gas_left = cx.gas_left;
        cx.pos.func = cx.func;
        cx.outcome
    }
}

/// How a call ended.
type Outcome = Result<Exit, Trap>;

/// A function whose translation failed on its first call (validation passed at load, so only a
/// translation limit can cause this).
#[cold]
fn translation_trap(e: life_decode::DecodeError) -> Trap {
    Trap::new(crate::TrapKind::Translation(e.to_string()))
}

/// What the dispatch loops return once the call has ended, its outcome being in `Cx::outcome`.
/// Being empty, it keeps the handlers' calls to each other free of a return slot.
struct Done;

/// The hot state of the loop, which the drivers keep in registers: the next op, the frame's
/// slot 0, the current memory and the running body's first op (branch targets index from it).
#[derive(Clone, Copy)]
struct Hot {
    ip: *const Instr,
    sp: *mut u64,
    mem: Mem,
    ops: *const Instr,
}

/// The rest of the loop's state, in memory: what calls, returns, gas and the store need.
struct Cx<'a> {
    ex: &'a mut Executor,
    store: &'a mut Store,
    pos: &'a mut Position,
    /// The running body's `br_tables`.
    tables: *const Pc,
    /// The running body's code.
    code: *const Code,
    /// The running body's first op (branch targets index from it); `Hot::ops` everywhere the
    /// hot state is a value, but the threaded loop's handlers keep it here, not in a register.
    ops: *const Instr,
    /// The running function's store address (`pos.func` once the loop returns).
    func: u32,
    /// The running instance's function addresses.
    inst_funcs: *const u32,
    /// The running instance's table 0 (null if it has none) and its type ids, for
    /// `call_indirect`. Looked up again wherever the memory is (`reload_memory`), as host
    /// functions may add tables to the store.
    table0: *const crate::store::TableEntity,
    type_ids: *const u32,
    /// The `Call` op's operands while the threaded loop jumps to `tail_loop::call_any`.
    pending_call: (u32, u32),
    /// Where the threaded loop's slow calls and returns leave the state to continue with.
    resume: Hot,
    /// `call`'s fast path runs while the frame stack is shorter than this: its capacity, or
    /// one less than the depth limit.
    frame_room: usize,
    /// `call`'s fast path runs while the new frame ends within this many value-stack slots:
    /// the stack's length, at most the limit.
    stack_room: usize,
    /// The running frame's first slot in the value stack.
    base: usize,
    /// The running function's instance.
    instance: u32,
    /// The bytes of the running instance's default memory (`Mem::data_of`): returns and
    /// `memory.grow` take the memory's view from here, calls into another instance and host
    /// functions (which may add memories to the store) look it up again.
    memory: *mut crate::memory::Bytes,
    gas_left: u64,
    per_unit: u64,
    interrupt: *const std::sync::atomic::AtomicBool,
    /// How the call ended, once the loop returns `Done`.
    outcome: Outcome,
}

impl Cx<'_> {
    /// Leaves the loop with `outcome`.
    #[inline(always)]
    fn exit(&mut self, outcome: Outcome) -> Done {
        self.outcome = outcome;
        Done
    }

    /// Leaves the loop with a trap.
    #[cold]
    #[inline(never)]
    fn trap(&mut self, code: TrapCode) -> Done {
        self.outcome = Err(Trap::from(code));
        Done
    }

    /// Makes `instance` the running one; returns its memory's view.
    #[inline(never)]
    fn enter_instance(&mut self, instance: u32) -> Mem {
        self.instance = instance;
        self.inst_funcs = self.store.instances[instance as usize].funcs.as_ptr();
        self.reload_memory()
    }

    /// The running instance's memory, looked up again in the store.
    #[inline(never)]
    fn reload_memory(&mut self) -> Mem {
        self.memory = Mem::data_of(self.store, self.instance);
        let inst = &self.store.instances[self.instance as usize];
        self.type_ids = inst.type_ids.as_ptr();
        self.table0 = inst.tables.first().map_or(std::ptr::null(), |&t| &self.store.tables[t as usize] as *const _);
        self.memory()
    }

    /// The view of memory `mem` of the running instance, for the loads and stores after a
    /// `select_memory` (memory 0 is the cached `memory`).
    #[inline(never)]
    fn memory_view(&mut self, mem: u32) -> Mem {
        if mem == 0 {
            return self.memory();
        }
        let m = self.store.instances[self.instance as usize].memories[mem as usize];
        let data = &mut self.store.memories[m as usize].data;
        Mem { base: data.as_mut_ptr(), len: data.len() }
    }

    /// The running instance's memory, where it is now.
    #[inline(always)]
    fn memory(&self) -> Mem {
        // SAFETY: `memory` is looked up again whenever the instance changes or a host function
        // ran (see `Cx::memory`).
        unsafe { Mem::view(self.memory) }
    }

    /// The function that `call_indirect` with type `ty` reaches through element `index` of
    /// table `table` of the running instance, or the trap it causes.
    #[inline(always)]
    fn indirect_target(&self, table: u8, index: u32, ty: u32) -> Result<u32, TrapCode> {
        // SAFETY: the running instance exists; validation checked `table` and `ty` against the
        // module, whose tables and types the instance lists, and a table address is a table
        // of the store.
        // Table 0 and the type ids come from `Cx`'s copies, which `reload_memory` keeps current
        // (non-null when the module has a table 0, as validation checked).
        let (elements, want) = unsafe {
            let table = if table == 0 {
                &*self.table0
            } else {
                let inst = self.store.instances.get_unchecked(self.instance as usize);
                self.store.tables.get_unchecked(*inst.tables.get_unchecked(table as usize) as usize)
            };
            (&table.elements, *self.type_ids.add(ty as usize))
        };
        let Some(&e) = elements.get(index as usize) else { return Err(TrapCode::UndefinedElement) };
        let Some(addr) = e.checked_sub(1) else { return Err(TrapCode::UninitializedElement) };
        // SAFETY: a table's non-null elements are store function addresses plus one.
        if unsafe { self.store.call_targets.get_unchecked(addr as usize) }.type_id != want {
            return Err(TrapCode::IndirectCallTypeMismatch);
        }
        Ok(addr as u32)
    }

    /// The store address of function `func` of the running instance.
    #[inline(always)]
    fn func_addr(&self, func: u32) -> u32 {
        // SAFETY: `inst_funcs` is the running instance's function list, and validation checked
        // `func` against the module's functions, every one of which the instance lists.
        unsafe { *self.inst_funcs.add(func as usize) }
    }
}

/// Whether two strings are equal, at compile time: the dispatch loops use it to tell which
/// field an accumulator form reads from the accumulator (`stringify!` of the field's name).
const fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

mod calls;
mod entry;
#[macro_use]
mod handlers;
mod paused;

pub(crate) use entry::{call, call_nested, call_slots, resume};
pub use paused::{PauseReason, PausedCall, Resumable};
mod match_loop;
mod tail_loop;

/// Runs the loop from `hot` with the dispatch this build uses: threaded code where the
/// optimizer turns the handlers' calls into jumps (see `build.rs`), unless the store asks for
/// the portable loop (`VmConfig::portable_dispatch`), else the `match` loop.
#[inline(always)]
fn run(cx: &mut Cx<'_>, hot: Hot) -> Done {
    #[cfg(life_threaded)]
    if !cx.store.config.portable_dispatch {
        return tail_loop::run(cx, hot);
    }
    match_loop::run(cx, hot)
}

/// Stack-trace frames for function addresses, innermost first: named by the `name` section,
/// else by an export, and host functions by the import that brought them in.
pub(crate) fn trace_of(store: &Store, addrs: impl Iterator<Item = u32>) -> Vec<TraceFrame> {
    addrs
        .map(|addr| match &store.funcs[addr as usize] {
            FuncEntity::Wasm { instance, index, .. } => {
                let module = &store.instances[*instance as usize].module.decoded;
                let func_index = module.num_imported_funcs + index;
                // Prefer the `name` section; fall back to an export name.
                let name = module.func_name(func_index).map(str::to_string).or_else(|| {
                    module
                        .exports
                        .iter()
                        .find(|e| e.kind == life_decode::ExternKind::Func && e.index == func_index)
                        .map(|e| e.name.clone())
                });
                TraceFrame { func_index, name }
            }
            FuncEntity::Host { .. } => {
                // Name a host function by the import that brought it in.
                let import = store.instances.iter().find_map(|inst| {
                    let m = &inst.module.decoded;
                    let i = inst.funcs[..m.num_imported_funcs as usize].iter().position(|&f| f == addr)?;
                    let name = m
                        .imports
                        .iter()
                        .filter(|imp| matches!(imp.desc, life_decode::ImportDesc::Func(_)))
                        .nth(i)
                        .map(|imp| format!("{}.{} (host)", imp.module, imp.name));
                    Some((i as u32, name))
                });
                let (func_index, name) = import.unwrap_or((addr, Some("<host>".into())));
                TraceFrame { func_index, name }
            }
        })
        .collect()
}
