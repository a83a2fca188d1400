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
    Caller, Instance, Store, Trap,
    store::{FuncEntity, decode, write_value},
    trap::TraceFrame,
};
pub(crate) mod bulk;
pub(crate) mod simd;

use life_decode::{
    TrapCode, Value,
    ir::{Op, Pc},
    semantics as sem,
};

/// A suspended caller.
#[derive(Debug, Clone, Copy)]
struct Frame {
    ops: *const Op,
    /// The body's `br_tables`, so `br_table` needs no lookup.
    tables: *const Pc,
    pc: usize,
    base: usize,
    func: u32,
    instance: u32,
}

/// Execution state reused across calls: the value stack and the frame stack.
#[derive(Debug, Default)]
pub(crate) struct Executor {
    stack: Vec<u64>,
    frames: Vec<Frame>,
    /// A host call that suspended: where its results go and its signature.
    pending_host: Option<(usize, life_decode::FuncType)>,
}

// SAFETY: the raw `ops` pointers in `frames` point into `Arc`-owned module bodies and are only
// dereferenced while the executor runs on the thread that owns the store; between runs the
// frame stack is empty.
unsafe impl Send for Executor {}
// SAFETY: as above; a shared `Executor` exposes nothing.
unsafe impl Sync for Executor {}

/// Why a call stopped before finishing, with everything needed to continue it.
#[derive(Debug)]
pub struct PausedCall {
    ex: Executor,
    pos: Position,
    ty: life_decode::FuncType,
    reason: PauseReason,
}

/// Why execution paused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PauseReason {
    /// Gas ran out at the start of a basic block; add gas and resume to continue there.
    OutOfGas,
    /// A host function asked to suspend (`Trap::suspend`); resume with its results.
    Host,
}

impl PausedCall {
    /// Why the call paused.
    pub fn reason(&self) -> PauseReason {
        self.reason
    }

    /// The result types a resumed host call must supply (empty unless paused by a host).
    pub fn pending_results(&self) -> &[life_decode::ValType] {
        self.ex.pending_host.as_ref().map_or(&[], |(_, ty)| ty.results())
    }
}

impl PausedCall {
    /// The paused call as bytes: the value stack, the frames and where to continue. Restore it
    /// with [`Store::restore_paused`](crate::Store::restore_paused) into a store restored from a
    /// [`Store::snapshot`](crate::Store::snapshot) taken at the same moment.
    pub fn snapshot(&self) -> Vec<u8> {
        use crate::snapshot::{PAUSED_CALL, Writer, header};
        let mut w = Writer::default();
        header(&mut w, PAUSED_CALL);
        w.u8(match self.reason {
            PauseReason::OutOfGas => 0,
            PauseReason::Host => 1,
        });
        w.func_type(&self.ty);
        w.u32(self.pos.func);
        w.u64(self.pos.pc as u64);
        w.u64(self.pos.base as u64);
        w.u8(self.pos.fresh as u8);
        w.u64(self.ex.frames.len() as u64);
        for f in &self.ex.frames {
            w.u32(f.func);
            w.u64(f.pc as u64);
            w.u64(f.base as u64);
        }
        w.u64s(&self.ex.stack);
        match &self.ex.pending_host {
            None => w.u8(0),
            Some((at, ty)) => {
                w.u8(1);
                w.u64(*at as u64);
                w.func_type(ty);
            }
        }
        w.0
    }

    /// Rebuilds a paused call from [`PausedCall::snapshot`] bytes, checking every function,
    /// position and frame against `store` so that a corrupt snapshot cannot reach outside the
    /// value stack or the code.
    pub(crate) fn restore(store: &Store, bytes: &[u8]) -> Result<PausedCall, crate::Error> {
        use crate::snapshot::{PAUSED_CALL, Reader, bad, check_header};
        let mut r = Reader::new(bytes);
        check_header(&mut r, PAUSED_CALL)?;
        let reason = match r.u8()? {
            0 => PauseReason::OutOfGas,
            1 => PauseReason::Host,
            _ => return Err(bad("unknown pause reason")),
        };
        let ty = r.func_type()?;
        let (func, pc, base, fresh) = (r.u32()?, r.u64()? as usize, r.u64()? as usize, r.u8()? != 0);
        let nframes = r.len(store.config.max_call_depth)?;
        let mut raw = Vec::with_capacity(nframes);
        for _ in 0..nframes {
            raw.push((r.u32()?, r.u64()? as usize, r.u64()? as usize));
        }
        let stack = r.u64s()?;
        if stack.len() > store.config.max_value_stack.max(16) {
            return Err(bad("value stack larger than the store allows"));
        }
        let pending_host = match r.u8()? {
            0 => None,
            1 => Some((r.u64()? as usize, r.func_type()?)),
            _ => return Err(bad("bad pending host call")),
        };
        r.finish()?;
        // A position is valid when it names a wasm function, its pc is inside the body (or at its
        // start for a fresh entry), and its whole frame lies inside the value stack.
        let body_of = |func: u32| -> Result<(u32, &life_decode::ir::FuncBody), crate::Error> {
            match store.funcs.get(func as usize) {
                Some(FuncEntity::Wasm { instance, index, .. }) => {
                    let module = &store.instances[*instance as usize].module.0;
                    Ok((*instance, &module.bodies[*index as usize]))
                }
                _ => Err(bad("a frame names a function that is not WebAssembly")),
            }
        };
        let check = |func: u32, pc: usize, base: usize| -> Result<(u32, *const Op, *const Pc), crate::Error> {
            let (instance, body) = body_of(func)?;
            let end = base.checked_add(body.frame_slots as usize).ok_or_else(|| bad("frame base overflows"))?;
            if pc >= body.ops.len() || end > stack.len() {
                return Err(bad("a frame lies outside its code or the value stack"));
            }
            Ok((instance, body.ops.as_ptr(), body.br_tables.as_ptr()))
        };
        if fresh {
            if pc != 0 || base != 0 || !raw.is_empty() {
                return Err(bad("a fresh call has frames"));
            }
            let (_, body) = body_of(func)?;
            if (body.frame_slots as usize) > store.config.max_value_stack {
                return Err(bad("frame larger than the store allows"));
            }
        } else {
            check(func, pc, base)?;
        }
        let mut frames = Vec::with_capacity(raw.len());
        for (f, pc, base) in raw {
            let (instance, ops, tables) = check(f, pc, base)?;
            frames.push(Frame { ops, tables, pc, base, func: f, instance });
        }
        if let Some((at, host_ty)) = &pending_host
            && at.checked_add(host_ty.result_slots() as usize).is_none_or(|end| end > stack.len())
        {
            return Err(bad("pending host results lie outside the value stack"));
        }
        if reason == PauseReason::Host && pending_host.is_none() {
            return Err(bad("a host pause without a pending host call"));
        }
        let ex = Executor { stack, frames, pending_host };
        Ok(PausedCall { ex, pos: Position { func, pc, base, fresh }, ty, reason })
    }
}

/// The outcome of a resumable call.
#[derive(Debug)]
pub enum Resumable {
    /// The call returned these results.
    Finished(Vec<Value>),
    /// The call paused; pass it to `Store::resume`.
    Paused(PausedCall),
}

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

/// Calls `func` with `args` (already type-checked). Pauses are errors unless `resumable`.
pub(crate) fn call(store: &mut Store, func: u32, args: &[Value], resumable: bool) -> Result<Resumable, Trap> {
    if matches!(store.funcs[func as usize], FuncEntity::Wasm { .. }) {
        store.interrupt.clear();
    }
    call_inner(store, func, args, resumable)
}

/// Calls `func` from native code (through a host call or an import): like [`call`], but an
/// interrupt already raised stays raised.
pub(crate) fn call_nested(store: &mut Store, func: u32, args: &[Value]) -> Result<Resumable, Trap> {
    call_inner(store, func, args, false)
}

fn call_inner(store: &mut Store, func: u32, args: &[Value], resumable: bool) -> Result<Resumable, Trap> {
    let ty = store.types[store.funcs[func as usize].type_id() as usize].clone();
    match &store.funcs[func as usize] {
        FuncEntity::Host { func: host, .. } => {
            let host = host.clone();
            let mut results: Vec<Value> = ty.results().iter().map(|&t| Value::default_of(t)).collect();
            host.call(&mut Caller { store, instance: None }, args, &mut results)?;
            return Ok(Resumable::Finished(results));
        }
        &FuncEntity::Wasm { instance, index, .. } => {
            if let Some(native) = store.instances[instance as usize].module.1.clone() {
                return call_native(store, &*native, instance, index, &ty, args);
            }
        }
    }
    let mut ex = store.executor.take().unwrap_or_default();
    ex.stack.clear();
    ex.frames.clear();
    ex.pending_host = None;
    let need = (ty.param_slots().max(ty.result_slots())) as usize;
    ex.stack.resize(need.max(16), 0);
    let mut at = 0;
    for &a in args {
        write_value(a, &mut ex.stack[at..]);
        at += a.ty().slots() as usize;
    }
    let pos = Position { func, pc: 0, base: 0, fresh: true };
    continue_call(store, ex, pos, ty, resumable)
}

/// Runs a function of a natively compiled module: arguments and results pass in slot form.
fn call_native(
    store: &mut Store,
    native: &dyn crate::CompiledModule,
    instance: u32,
    index: u32,
    ty: &life_decode::FuncType,
    args: &[Value],
) -> Result<Resumable, Trap> {
    let mut slots = vec![0u64; ty.param_slots().max(ty.result_slots()) as usize];
    crate::store::write_values(args, &mut slots);
    native.call(store, instance, index, &mut slots)?;
    Ok(Resumable::Finished(crate::store::read_values(ty.results(), &slots)))
}

/// Continues a paused call; `host_results` answer a host function's suspension.
pub(crate) fn resume(store: &mut Store, paused: PausedCall, host_results: &[Value]) -> Result<Resumable, crate::Error> {
    let PausedCall { mut ex, pos, ty, .. } = paused;
    if let Some((at, host_ty)) = ex.pending_host.take() {
        crate::host::check_values(host_ty.results(), host_results, "host results")?;
        let need = at + host_ty.result_slots() as usize;
        if need > ex.stack.len() {
            ex.stack.resize(need, 0);
        }
        let mut slot = at;
        for &v in host_results {
            write_value(v, &mut ex.stack[slot..]);
            slot += v.ty().slots() as usize;
        }
    } else if !host_results.is_empty() {
        return Err(crate::Error::Arguments("this call did not pause in a host function".into()));
    }
    store.interrupt.clear();
    Ok(continue_call(store, ex, pos, ty, true)?)
}

fn continue_call(
    store: &mut Store,
    mut ex: Executor,
    mut pos: Position,
    ty: life_decode::FuncType,
    resumable: bool,
) -> Result<Resumable, Trap> {
    let outcome = ex.execute(store, &mut pos);
    let outcome = match outcome {
        Ok(Exit::Paused(reason)) if !resumable => Err(match reason {
            PauseReason::OutOfGas => Trap::from(TrapCode::OutOfGas),
            PauseReason::Host => Trap::host("a host function asked to suspend, but the call is not resumable"),
        }),
        other => other,
    };
    match outcome {
        Ok(Exit::Returned) => {
            let mut at = 0;
            let results = ty
                .results()
                .iter()
                .map(|&t| {
                    let v = decode(t, ex.stack[at], ex.stack.get(at + 1).copied().unwrap_or(0));
                    at += t.slots() as usize;
                    v
                })
                .collect();
            ex.frames.clear();
            store.executor = Some(ex);
            Ok(Resumable::Finished(results))
        }
        Ok(Exit::Paused(reason)) => Ok(Resumable::Paused(PausedCall { ex, pos, ty, reason })),
        Err(trap) => {
            let trace = ex.trace(store, pos.func);
            ex.frames.clear();
            ex.pending_host = None;
            store.executor = Some(ex);
            Err(trap.with_trace(trace))
        }
    }
}

/// The cached view of the current instance's default memory.
#[derive(Clone, Copy)]
struct Mem {
    base: *mut u8,
    len: usize,
}

impl Mem {
    fn of(store: &mut Store, instance: u32) -> Mem {
        match store.instances[instance as usize].memories.first() {
            Some(&m) => {
                let data = &mut store.memories[m as usize].data;
                Mem { base: data.as_mut_ptr(), len: data.len() }
            }
            None => Mem { base: std::ptr::null_mut(), len: 0 },
        }
    }
}

impl Executor {
    /// Makes room for a frame of `frame_slots` at `base`, zeroing its declared locals.
    #[inline(always)]
    fn prepare_frame(&mut self, store: &Store, base: usize, body: &life_decode::ir::FuncBody) -> Result<(), TrapCode> {
        let need = base + body.frame_slots as usize;
        if need > store.config.max_value_stack {
            return Err(TrapCode::StackOverflow);
        }
        if need > self.stack.len() {
            let new_len = need.max(self.stack.len() * 2).min(store.config.max_value_stack.max(need));
            self.stack.resize(new_len, 0);
        }
        self.stack[base + body.param_slots as usize..base + body.local_slots as usize].fill(0);
        Ok(())
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
        let host = host.clone();
        let ty = store.types[*type_id as usize].clone();
        let slots = &self.stack[callee_base..];
        let mut at = 0;
        let args: Vec<Value> = ty
            .params()
            .iter()
            .map(|&t| {
                let v = decode(t, slots[at], slots.get(at + 1).copied().unwrap_or(0));
                at += t.slots() as usize;
                v
            })
            .collect();
        let mut results: Vec<Value> = ty.results().iter().map(|&t| Value::default_of(t)).collect();
        if let Err(trap) = host.call(&mut Caller { store, instance: Some(Instance(instance)) }, &args, &mut results) {
            if matches!(trap.kind(), crate::TrapKind::Suspend) {
                self.pending_host = Some((callee_base, ty));
            }
            return Err(trap);
        }
        let need = callee_base + ty.result_slots() as usize;
        if need > self.stack.len() {
            self.stack.resize(need, 0);
        }
        let mut at = callee_base;
        for (v, &t) in results.iter().zip(ty.results()) {
            if v.ty() != t {
                return Err(Trap::host(format!("host function returned a {} for a {t} result", v.ty())));
            }
            write_value(*v, &mut self.stack[at..]);
            at += t.slots() as usize;
        }
        Ok(())
    }

    /// The dispatch loop: runs from `pos` until the entry function returns, a trap, or a pause
    /// (then `pos` says where to continue). `pos.func` tracks the running function for stack
    /// traces. Gas is kept in a local and written back to the store on every exit and around
    /// host calls.
    #[inline(never)]
    fn execute(&mut self, store: &mut Store, pos: &mut Position) -> Result<Exit, Trap> {
        let FuncEntity::Wasm { instance, index, .. } = store.funcs[pos.func as usize] else {
            unreachable!("`call` handles host functions before running the loop");
        };
        let mut instance = instance;
        let mut base = pos.base;
        let ops: *const Op;
        let tables: *const Pc;
        {
            let module = store.instances[instance as usize].module.0.clone();
            let body = &module.bodies[index as usize];
            if pos.fresh {
                self.prepare_frame(store, base, body)?;
                pos.fresh = false;
            }
            ops = body.ops.as_ptr();
            tables = body.br_tables.as_ptr();
        }
        let (mut ops, mut tables) = (ops, tables);
        // SAFETY: `pos.pc` is inside the body (a fresh call starts at 0, a paused or restored
        // position was checked).
        let mut ip: *const Op = unsafe { ops.add(pos.pc) };
        // SAFETY: `base` is inside the stack: the entry frame was prepared at 0, and a paused
        // position keeps the frames it had.
        let mut sp: *mut u64 = unsafe { self.stack.as_mut_ptr().add(base) };
        let mut mem = Mem::of(store, instance);
        let mut gas_left = store.gas_left;
        let interrupt = store.interrupt.flag();
        let per_unit = store.gas_per_unit;
        let current = &mut pos.func;

        // Slot access. SAFETY (for every use): translation guarantees each slot index is below
        // the body's `frame_slots`, and `prepare_frame` made `base + frame_slots` slots exist;
        // `sp` is refreshed whenever the stack may have been reallocated.
        macro_rules! get {
            ($s:expr) => {{
                // SAFETY: the slot is inside the current frame (see above).
                unsafe { *sp.add($s as usize) }
            }};
        }
        macro_rules! set {
            ($s:expr, $v:expr) => {{
                let v: u64 = $v;
                // SAFETY: the slot is inside the current frame (see above).
                unsafe { *sp.add($s as usize) = v }
            }};
        }
        macro_rules! i32_ {
            ($s:expr) => {
                get!($s) as u32 as i32
            };
        }
        macro_rules! u32_ {
            ($s:expr) => {
                get!($s) as u32
            };
        }
        macro_rules! i64_ {
            ($s:expr) => {
                get!($s) as i64
            };
        }
        macro_rules! f32_ {
            ($s:expr) => {
                f32::from_bits(get!($s) as u32)
            };
        }
        macro_rules! f64_ {
            ($s:expr) => {
                f64::from_bits(get!($s))
            };
        }
        macro_rules! set_i32 {
            ($s:expr, $v:expr) => {
                set!($s, ($v) as u32 as u64)
            };
        }
        macro_rules! set_i64 {
            ($s:expr, $v:expr) => {
                set!($s, ($v) as u64)
            };
        }
        macro_rules! set_f32 {
            ($s:expr, $v:expr) => {
                set!($s, f32::to_bits($v) as u64)
            };
        }
        macro_rules! set_f64 {
            ($s:expr, $v:expr) => {
                set!($s, f64::to_bits($v))
            };
        }
        macro_rules! v128 {
            ($s:expr) => {
                (get!($s + 1) as u128) << 64 | get!($s) as u128
            };
        }
        macro_rules! set_v128 {
            ($s:expr, $v:expr) => {{
                let v: u128 = $v;
                set!($s, v as u64);
                set!($s + 1, (v >> 64) as u64);
            }};
        }
        // Every way out of the loop goes through `exit!`, which writes the gas back.
        macro_rules! exit {
            ($e:expr) => {{
                store.gas_left = gas_left;
                return $e;
            }};
        }
        macro_rules! trap {
            ($code:expr) => {
                exit!(Err(Trap::from($code)))
            };
        }
        // Charges bulk operations per byte or element, before the work.
        macro_rules! charge_units {
            ($n:expr) => {{
                if per_unit != 0 {
                    let cost = ($n as u64).saturating_mul(per_unit);
                    if cost > gas_left {
                        trap!(TrapCode::OutOfGas);
                    }
                    gas_left -= cost;
                }
            }};
        }
        macro_rules! tri {
            ($e:expr) => {
                match $e {
                    Ok(v) => v,
                    Err(code) => trap!(code),
                }
            };
        }
        // The index of the next op, for frames and pauses (which store indices, not pointers).
        macro_rules! pc {
            () => {
                // SAFETY: `ip` and `ops` point into the same body.
                unsafe { ip.offset_from(ops) as usize }
            };
        }
        macro_rules! jump {
            ($target:expr) => {
                // SAFETY: translation resolves every branch target inside the body.
                ip = unsafe { ops.add($target as usize) }
            };
        }
        // Memory access: checks `addr + offset + N <= len` in 64-bit arithmetic (cannot overflow).
        macro_rules! load {
            ($dst:expr, $addr:expr, $offset:expr, $n:literal, $conv:expr, $set:ident) => {{
                let ea = u32_!($addr) as u64 + $offset as u64;
                if ea + $n > mem.len as u64 {
                    trap!(TrapCode::MemoryOutOfBounds);
                }
                let mut bytes = [0u8; $n];
                // SAFETY: `ea + N <= mem.len` was just checked and `mem` is the current memory.
                unsafe { std::ptr::copy_nonoverlapping(mem.base.add(ea as usize), bytes.as_mut_ptr(), $n) };
                $set!($dst, $conv(bytes));
            }};
        }
        macro_rules! store {
            ($addr:expr, $offset:expr, $n:literal, $bytes:expr) => {{
                let ea = u32_!($addr) as u64 + $offset as u64;
                if ea + $n > mem.len as u64 {
                    trap!(TrapCode::MemoryOutOfBounds);
                }
                let bytes: [u8; $n] = $bytes;
                // SAFETY: `ea + N <= mem.len` was just checked and `mem` is the current memory.
                unsafe { std::ptr::copy_nonoverlapping(bytes.as_ptr(), mem.base.add(ea as usize), $n) };
            }};
        }
        // Enters wasm or host function `addr` with its frame at `base + $cb`.
        macro_rules! call {
            ($addr:expr, $cb:expr) => {{
                let addr: u32 = $addr;
                let callee_base = base + $cb as usize;
                match &store.funcs[addr as usize] {
                    FuncEntity::Wasm { instance: callee_instance, index, .. } => {
                        let (callee_instance, index) = (*callee_instance, *index);
                        if self.frames.len() + 1 >= store.config.max_call_depth {
                            trap!(TrapCode::StackOverflow);
                        }
                        self.frames.push(Frame { ops, tables, pc: pc!(), base, func: *current, instance });
                        let module = &store.instances[callee_instance as usize].module.0;
                        // SAFETY: the module is kept alive by its instance, which the store never drops.
                        let body = unsafe { &*(&module.bodies[index as usize] as *const life_decode::ir::FuncBody) };
                        if let Err(code) = self.prepare_frame(store, callee_base, body) {
                            self.frames.pop();
                            trap!(code);
                        }
                        *current = addr;
                        ops = body.ops.as_ptr();
                        tables = body.br_tables.as_ptr();
                        ip = ops;
                        base = callee_base;
                        // SAFETY: `base` is within the stack: the frame at `base` was prepared by `prepare_frame`.
                        sp = unsafe { self.stack.as_mut_ptr().add(base) };
                        if callee_instance != instance {
                            instance = callee_instance;
                            mem = Mem::of(store, instance);
                        }
                    }
                    FuncEntity::Host { .. } => {
                        let caller_frame = *current;
                        *current = addr;
                        self.frames.push(Frame { ops, tables, pc: pc!(), base, func: caller_frame, instance });
                        store.gas_left = gas_left;
                        let outcome = self.call_host(store, addr, callee_base, instance);
                        gas_left = store.gas_left;
                        match outcome {
                            Ok(()) => {}
                            Err(trap) if matches!(trap.kind(), crate::TrapKind::Suspend) => {
                                // Continue after the call once the host supplies the results.
                                self.frames.pop();
                                *current = caller_frame;
                                pos.pc = pc!();
                                pos.base = base;
                                exit!(Ok(Exit::Paused(PauseReason::Host)));
                            }
                            Err(trap) => exit!(Err(trap)),
                        }
                        self.frames.pop();
                        *current = caller_frame;
                        // SAFETY: `base` is within the stack: the frame at `base` was prepared by `prepare_frame`.
                        sp = unsafe { self.stack.as_mut_ptr().add(base) };
                        mem = Mem::of(store, instance);
                    }
                }
            }};
        }
        macro_rules! ret {
            () => {{
                match self.frames.pop() {
                    None => exit!(Ok(Exit::Returned)),
                    Some(f) => {
                        ops = f.ops;
                        tables = f.tables;
                        // SAFETY: a frame's pc is inside its body (pushed by a call, or checked on restore).
                        ip = unsafe { f.ops.add(f.pc) };
                        base = f.base;
                        *current = f.func;
                        instance = f.instance;
                        // SAFETY: `base` is within the stack: the frame at `base` was prepared by `prepare_frame`.
                        sp = unsafe { self.stack.as_mut_ptr().add(base) };
                        mem = Mem::of(store, instance);
                    }
                }
            }};
        }

        loop {
            // SAFETY: translation ends every body with a terminator and resolves every branch
            // target inside the body, so `pc` is always in bounds.
            let op = unsafe { *ip };
            // SAFETY: as above; the next op exists because the body ends with a terminator.
            ip = unsafe { ip.add(1) };
            match op {
                // ---- Control ----
                Op::Unreachable {} => trap!(TrapCode::Unreachable),
                Op::Br { target } => jump!(target),
                Op::BrIfNez { cond, target } => {
                    if u32_!(cond) != 0 {
                        jump!(target)
                    }
                }
                Op::BrIfEqz { cond, target } => {
                    if u32_!(cond) == 0 {
                        jump!(target)
                    }
                }
                Op::BrIfI32Eq { a, b, target } => {
                    if i32_!(a) == i32_!(b) {
                        jump!(target)
                    }
                }
                Op::BrIfI32Ne { a, b, target } => {
                    if i32_!(a) != i32_!(b) {
                        jump!(target)
                    }
                }
                Op::BrIfI32LtS { a, b, target } => {
                    if i32_!(a) < i32_!(b) {
                        jump!(target)
                    }
                }
                Op::BrIfI32LtU { a, b, target } => {
                    if u32_!(a) < u32_!(b) {
                        jump!(target)
                    }
                }
                Op::BrIfI32GtS { a, b, target } => {
                    if i32_!(a) > i32_!(b) {
                        jump!(target)
                    }
                }
                Op::BrIfI32GtU { a, b, target } => {
                    if u32_!(a) > u32_!(b) {
                        jump!(target)
                    }
                }
                Op::BrIfI32LeS { a, b, target } => {
                    if i32_!(a) <= i32_!(b) {
                        jump!(target)
                    }
                }
                Op::BrIfI32LeU { a, b, target } => {
                    if u32_!(a) <= u32_!(b) {
                        jump!(target)
                    }
                }
                Op::BrIfI32GeS { a, b, target } => {
                    if i32_!(a) >= i32_!(b) {
                        jump!(target)
                    }
                }
                Op::BrIfI32GeU { a, b, target } => {
                    if u32_!(a) >= u32_!(b) {
                        jump!(target)
                    }
                }
                Op::BrIfI32EqImm { a, imm, target } => {
                    if i32_!(a) == imm {
                        jump!(target)
                    }
                }
                Op::BrIfI32NeImm { a, imm, target } => {
                    if i32_!(a) != imm {
                        jump!(target)
                    }
                }
                Op::BrIfI32LtSImm { a, imm, target } => {
                    if i32_!(a) < imm {
                        jump!(target)
                    }
                }
                Op::BrIfI32LtUImm { a, imm, target } => {
                    if u32_!(a) < imm as u32 {
                        jump!(target)
                    }
                }
                Op::BrIfI32GtSImm { a, imm, target } => {
                    if i32_!(a) > imm {
                        jump!(target)
                    }
                }
                Op::BrIfI32GtUImm { a, imm, target } => {
                    if u32_!(a) > imm as u32 {
                        jump!(target)
                    }
                }
                Op::BrIfI32LeSImm { a, imm, target } => {
                    if i32_!(a) <= imm {
                        jump!(target)
                    }
                }
                Op::BrIfI32LeUImm { a, imm, target } => {
                    if u32_!(a) <= imm as u32 {
                        jump!(target)
                    }
                }
                Op::BrIfI32GeSImm { a, imm, target } => {
                    if i32_!(a) >= imm {
                        jump!(target)
                    }
                }
                Op::BrIfI32GeUImm { a, imm, target } => {
                    if u32_!(a) >= imm as u32 {
                        jump!(target)
                    }
                }
                Op::BrIfI64Eq { a, b, target } => {
                    if i64_!(a) == i64_!(b) {
                        jump!(target)
                    }
                }
                Op::BrIfI64EqImm { a, imm, target } => {
                    if i64_!(a) == imm as i64 {
                        jump!(target)
                    }
                }
                Op::BrIfI64Ne { a, b, target } => {
                    if i64_!(a) != i64_!(b) {
                        jump!(target)
                    }
                }
                Op::BrIfI64NeImm { a, imm, target } => {
                    if i64_!(a) != imm as i64 {
                        jump!(target)
                    }
                }
                Op::BrIfI64LtS { a, b, target } => {
                    if i64_!(a) < i64_!(b) {
                        jump!(target)
                    }
                }
                Op::BrIfI64LtSImm { a, imm, target } => {
                    if i64_!(a) < imm as i64 {
                        jump!(target)
                    }
                }
                Op::BrIfI64LtU { a, b, target } => {
                    if get!(a) < get!(b) {
                        jump!(target)
                    }
                }
                Op::BrIfI64LtUImm { a, imm, target } => {
                    if get!(a) < imm as i64 as u64 {
                        jump!(target)
                    }
                }
                Op::BrIfI64GtS { a, b, target } => {
                    if i64_!(a) > i64_!(b) {
                        jump!(target)
                    }
                }
                Op::BrIfI64GtSImm { a, imm, target } => {
                    if i64_!(a) > imm as i64 {
                        jump!(target)
                    }
                }
                Op::BrIfI64GtU { a, b, target } => {
                    if get!(a) > get!(b) {
                        jump!(target)
                    }
                }
                Op::BrIfI64GtUImm { a, imm, target } => {
                    if get!(a) > imm as i64 as u64 {
                        jump!(target)
                    }
                }
                Op::BrIfI64LeS { a, b, target } => {
                    if i64_!(a) <= i64_!(b) {
                        jump!(target)
                    }
                }
                Op::BrIfI64LeSImm { a, imm, target } => {
                    if i64_!(a) <= imm as i64 {
                        jump!(target)
                    }
                }
                Op::BrIfI64LeU { a, b, target } => {
                    if get!(a) <= get!(b) {
                        jump!(target)
                    }
                }
                Op::BrIfI64LeUImm { a, imm, target } => {
                    if get!(a) <= imm as i64 as u64 {
                        jump!(target)
                    }
                }
                Op::BrIfI64GeS { a, b, target } => {
                    if i64_!(a) >= i64_!(b) {
                        jump!(target)
                    }
                }
                Op::BrIfI64GeSImm { a, imm, target } => {
                    if i64_!(a) >= imm as i64 {
                        jump!(target)
                    }
                }
                Op::BrIfI64GeU { a, b, target } => {
                    if get!(a) >= get!(b) {
                        jump!(target)
                    }
                }
                Op::BrIfI64GeUImm { a, imm, target } => {
                    if get!(a) >= imm as i64 as u64 {
                        jump!(target)
                    }
                }
                Op::BrTable { index, table, len } => {
                    let i = u32_!(index).min(len);
                    // SAFETY: translation made `len + 1` entries from `table` in this body's
                    // `br_tables`, and `i <= len`.
                    let target = unsafe { *tables.add((table + i) as usize) };
                    jump!(target);
                }
                Op::Return {} => ret!(),
                Op::ReturnMany { src, len } => {
                    for i in 0..len {
                        set!(i, get!(src + i));
                    }
                    ret!()
                }
                Op::ReturnSlot { src } => {
                    set!(0, get!(src));
                    ret!()
                }
                Op::Call { func, base: cb } => {
                    call!(store.instances[instance as usize].funcs[func as usize], cb)
                }
                Op::CallIndirect { index, base: cb, ty, table } => {
                    let inst = &store.instances[instance as usize];
                    let t = &store.tables[inst.tables[table as usize] as usize];
                    let Some(&e) = t.elements.get(u32_!(index) as usize) else { trap!(TrapCode::UndefinedElement) };
                    let Some(addr) = e.checked_sub(1) else { trap!(TrapCode::UninitializedElement) };
                    if store.funcs[addr as usize].type_id() != inst.type_ids[ty as usize] {
                        trap!(TrapCode::IndirectCallTypeMismatch);
                    }
                    call!(addr as u32, cb)
                }

                Op::ConsumeGas { amount } => {
                    // SAFETY: `interrupt` points into the store's interrupt handle, alive for the call.
                    if unsafe { (*interrupt).load(std::sync::atomic::Ordering::Relaxed) } {
                        trap!(TrapCode::Interrupted);
                    }
                    if amount > gas_left {
                        // Stop before the block: resuming re-executes this op with the new gas.
                        pos.pc = pc!() - 1;
                        pos.base = base;
                        exit!(Ok(Exit::Paused(PauseReason::OutOfGas)));
                    }
                    gas_left -= amount;
                }
                Op::CanonNanF32 { slot } => {
                    if f32_!(slot).is_nan() {
                        set!(slot, 0x7fc0_0000)
                    }
                }
                Op::CanonNanF64 { slot } => {
                    if f64_!(slot).is_nan() {
                        set!(slot, 0x7ff8_0000_0000_0000)
                    }
                }
                Op::CanonNanF32x4 { slot } => set_v128!(slot, sem::canon_nan_f32x4(v128!(slot))),
                Op::CanonNanF64x2 { slot } => set_v128!(slot, sem::canon_nan_f64x2(v128!(slot))),

                // ---- Data movement ----
                Op::Copy { dst, src } => set!(dst, get!(src)),
                Op::CopyWide { dst, src } => {
                    let (lo, hi) = (get!(src), get!(src + 1));
                    set!(dst, lo);
                    set!(dst + 1, hi);
                }
                Op::Move { dst, src, len } => {
                    for i in 0..len {
                        set!(dst + i, get!(src + i));
                    }
                }
                Op::Const32 { dst, bits } => set!(dst, bits as u64),
                Op::Const64 { dst, bits } => set!(dst, bits),
                Op::Select { dst, other, cond } => {
                    if u32_!(cond) == 0 {
                        set!(dst, get!(other))
                    }
                }
                Op::SelectWide { dst, other, cond } => {
                    if u32_!(cond) == 0 {
                        set!(dst, get!(other));
                        set!(dst + 1, get!(other + 1));
                    }
                }
                Op::GlobalGet { dst, global } => {
                    let g = store.instances[instance as usize].globals[global as usize];
                    set!(dst, store.globals[g as usize].value as u64)
                }
                Op::GlobalSet { src, global } => {
                    let g = store.instances[instance as usize].globals[global as usize];
                    store.globals[g as usize].value = get!(src) as u128;
                }

                Op::GlobalGetWide { dst, global } => {
                    let g = store.instances[instance as usize].globals[global as usize];
                    let v = store.globals[g as usize].value;
                    set!(dst, v as u64);
                    set!(dst + 1, (v >> 64) as u64);
                }
                Op::GlobalSetWide { src, global } => {
                    let g = store.instances[instance as usize].globals[global as usize];
                    store.globals[g as usize].value = (get!(src + 1) as u128) << 64 | get!(src) as u128;
                }

                // ---- Reference types and tables ----
                Op::RefIsNull { dst, src } => set_i32!(dst, get!(src) == 0),
                Op::RefFunc { dst, func } => {
                    set!(dst, store.instances[instance as usize].funcs[func as usize] as u64 + 1)
                }
                Op::TableGet { dst, index, table } => {
                    let t = store.instances[instance as usize].tables[table as usize];
                    let Some(&e) = store.tables[t as usize].elements.get(u32_!(index) as usize) else {
                        trap!(TrapCode::TableOutOfBounds)
                    };
                    set!(dst, e)
                }
                Op::TableSet { index, value, table } => {
                    let t = store.instances[instance as usize].tables[table as usize];
                    let Some(e) = store.tables[t as usize].elements.get_mut(u32_!(index) as usize) else {
                        trap!(TrapCode::TableOutOfBounds)
                    };
                    *e = get!(value);
                }
                Op::TableSize { dst, table } => {
                    let t = store.instances[instance as usize].tables[table as usize];
                    set_i32!(dst, store.tables[t as usize].elements.len())
                }
                Op::TableGrow { dst, init, n, table } => {
                    charge_units!(u32_!(n));
                    let t = store.instances[instance as usize].tables[table as usize];
                    let r = store.tables[t as usize].grow(u32_!(n) as u64, get!(init));
                    set_i32!(dst, r as i32)
                }
                Op::TableFill { args, table } => {
                    let (i, value, n) = (u32_!(args) as usize, get!(args + 1), u32_!(args + 2) as usize);
                    charge_units!(n);
                    tri!(bulk::table_fill(store, instance, table, i, value, n));
                }
                Op::TableCopy { args, dst_table, src_table } => {
                    let (d, s, n) = (u32_!(args) as usize, u32_!(args + 1) as usize, u32_!(args + 2) as usize);
                    charge_units!(n);
                    tri!(bulk::table_copy(store, instance, dst_table, src_table, d, s, n));
                }
                Op::TableInit { args, table, elem } => {
                    let (d, s, n) = (u32_!(args) as usize, u32_!(args + 1) as usize, u32_!(args + 2) as usize);
                    charge_units!(n);
                    tri!(bulk::table_init(store, instance, table, elem, d, s, n));
                }
                Op::ElemDrop { elem } => store.instances[instance as usize].elems[elem as usize] = Vec::new(),

                // ---- Bulk memory ----
                Op::MemoryCopy { d, s, n } => {
                    let (d, s, n) = (u32_!(d) as usize, u32_!(s) as usize, u32_!(n) as usize);
                    charge_units!(n);
                    if s + n > mem.len || d + n > mem.len {
                        trap!(TrapCode::MemoryOutOfBounds);
                    }
                    // SAFETY: both ranges were just checked against the current memory; `copy`
                    // allows overlap.
                    unsafe { std::ptr::copy(mem.base.add(s), mem.base.add(d), n) };
                }
                Op::MemoryFill { d, val, n } => {
                    let (d, n) = (u32_!(d) as usize, u32_!(n) as usize);
                    charge_units!(n);
                    if d + n > mem.len {
                        trap!(TrapCode::MemoryOutOfBounds);
                    }
                    let byte = get!(val) as u8;
                    // SAFETY: the range was just checked against the current memory.
                    unsafe { std::ptr::write_bytes(mem.base.add(d), byte, n) };
                }
                Op::MemoryInit { args, data } => {
                    let (d, s, n) = (u32_!(args) as usize, u32_!(args + 1) as usize, u32_!(args + 2) as usize);
                    charge_units!(n);
                    tri!(bulk::memory_init(store, instance, data, d, s, n));
                }
                Op::DataDrop { data } => store.instances[instance as usize].dropped_datas[data as usize] = true,

                // ---- Memory ----
                Op::MemorySize { dst } => set_i32!(dst, mem.len / crate::store::PAGE_SIZE),
                Op::MemoryGrow { dst, delta } => {
                    let m = store.instances[instance as usize].memories[0];
                    let r = store.memories[m as usize].grow(u32_!(delta) as u64);
                    mem = Mem::of(store, instance);
                    set_i32!(dst, r as i32)
                }
                Op::I32Load { dst, addr, offset } => {
                    load!(dst, addr, offset, 4, i32::from_le_bytes, set_i32)
                }
                Op::I64Load { dst, addr, offset } => {
                    load!(dst, addr, offset, 8, i64::from_le_bytes, set_i64)
                }
                Op::F32Load { dst, addr, offset } => {
                    load!(dst, addr, offset, 4, u32::from_le_bytes, set_i32)
                }
                Op::F64Load { dst, addr, offset } => {
                    load!(dst, addr, offset, 8, u64::from_le_bytes, set_i64)
                }
                Op::I32Load8S { dst, addr, offset } => {
                    load!(dst, addr, offset, 1, i8::from_le_bytes, set_i32)
                }
                Op::I32Load8U { dst, addr, offset } => {
                    load!(dst, addr, offset, 1, u8::from_le_bytes, set_i32)
                }
                Op::I32Load16S { dst, addr, offset } => {
                    load!(dst, addr, offset, 2, i16::from_le_bytes, set_i32)
                }
                Op::I32Load16U { dst, addr, offset } => {
                    load!(dst, addr, offset, 2, u16::from_le_bytes, set_i32)
                }
                Op::I64Load8S { dst, addr, offset } => {
                    load!(dst, addr, offset, 1, i8::from_le_bytes, set_i64)
                }
                Op::I64Load8U { dst, addr, offset } => {
                    load!(dst, addr, offset, 1, u8::from_le_bytes, set_i64)
                }
                Op::I64Load16S { dst, addr, offset } => {
                    load!(dst, addr, offset, 2, i16::from_le_bytes, set_i64)
                }
                Op::I64Load16U { dst, addr, offset } => {
                    load!(dst, addr, offset, 2, u16::from_le_bytes, set_i64)
                }
                Op::I64Load32S { dst, addr, offset } => {
                    load!(dst, addr, offset, 4, i32::from_le_bytes, set_i64)
                }
                Op::I64Load32U { dst, addr, offset } => {
                    load!(dst, addr, offset, 4, u32::from_le_bytes, set_i64)
                }
                Op::I32Store { addr, value, offset } => store!(addr, offset, 4, u32_!(value).to_le_bytes()),
                Op::I64Store { addr, value, offset } => store!(addr, offset, 8, get!(value).to_le_bytes()),
                Op::F32Store { addr, value, offset } => store!(addr, offset, 4, u32_!(value).to_le_bytes()),
                Op::F64Store { addr, value, offset } => store!(addr, offset, 8, get!(value).to_le_bytes()),
                Op::I32Store8 { addr, value, offset } => store!(addr, offset, 1, (get!(value) as u8).to_le_bytes()),
                Op::I32Store16 { addr, value, offset } => store!(addr, offset, 2, (get!(value) as u16).to_le_bytes()),
                Op::I64Store8 { addr, value, offset } => store!(addr, offset, 1, (get!(value) as u8).to_le_bytes()),
                Op::I64Store16 { addr, value, offset } => store!(addr, offset, 2, (get!(value) as u16).to_le_bytes()),
                Op::I64Store32 { addr, value, offset } => store!(addr, offset, 4, (get!(value) as u32).to_le_bytes()),

                // ---- Numeric: i32 ----
                Op::I32Eqz { dst, src } => set_i32!(dst, u32_!(src) == 0),
                Op::I32Eq { dst, a, b } => set_i32!(dst, u32_!(a) == u32_!(b)),
                Op::I32Ne { dst, a, b } => set_i32!(dst, u32_!(a) != u32_!(b)),
                Op::I32LtS { dst, a, b } => set_i32!(dst, i32_!(a) < i32_!(b)),
                Op::I32LtU { dst, a, b } => set_i32!(dst, u32_!(a) < u32_!(b)),
                Op::I32GtS { dst, a, b } => set_i32!(dst, i32_!(a) > i32_!(b)),
                Op::I32GtU { dst, a, b } => set_i32!(dst, u32_!(a) > u32_!(b)),
                Op::I32LeS { dst, a, b } => set_i32!(dst, i32_!(a) <= i32_!(b)),
                Op::I32LeU { dst, a, b } => set_i32!(dst, u32_!(a) <= u32_!(b)),
                Op::I32GeS { dst, a, b } => set_i32!(dst, i32_!(a) >= i32_!(b)),
                Op::I32GeU { dst, a, b } => set_i32!(dst, u32_!(a) >= u32_!(b)),
                Op::I32Clz { dst, src } => set_i32!(dst, u32_!(src).leading_zeros()),
                Op::I32Ctz { dst, src } => set_i32!(dst, u32_!(src).trailing_zeros()),
                Op::I32Popcnt { dst, src } => set_i32!(dst, u32_!(src).count_ones()),
                Op::I32Add { dst, a, b } => set_i32!(dst, u32_!(a).wrapping_add(u32_!(b))),
                Op::I32Sub { dst, a, b } => set_i32!(dst, u32_!(a).wrapping_sub(u32_!(b))),
                Op::I32Mul { dst, a, b } => set_i32!(dst, u32_!(a).wrapping_mul(u32_!(b))),
                Op::I32DivS { dst, a, b } => {
                    set_i32!(dst, tri!(sem::i32_div_s(i32_!(a), i32_!(b))))
                }
                Op::I32DivU { dst, a, b } => {
                    set_i32!(dst, tri!(sem::i32_div_u(u32_!(a), u32_!(b))))
                }
                Op::I32RemS { dst, a, b } => {
                    set_i32!(dst, tri!(sem::i32_rem_s(i32_!(a), i32_!(b))))
                }
                Op::I32RemU { dst, a, b } => {
                    set_i32!(dst, tri!(sem::i32_rem_u(u32_!(a), u32_!(b))))
                }
                Op::I32And { dst, a, b } => set_i32!(dst, u32_!(a) & u32_!(b)),
                Op::I32Or { dst, a, b } => set_i32!(dst, u32_!(a) | u32_!(b)),
                Op::I32Xor { dst, a, b } => set_i32!(dst, u32_!(a) ^ u32_!(b)),
                Op::I32Shl { dst, a, b } => set_i32!(dst, sem::i32_shl(i32_!(a), i32_!(b))),
                Op::I32ShrS { dst, a, b } => set_i32!(dst, sem::i32_shr_s(i32_!(a), i32_!(b))),
                Op::I32ShrU { dst, a, b } => set_i32!(dst, sem::i32_shr_u(i32_!(a), i32_!(b))),
                Op::I32Rotl { dst, a, b } => set_i32!(dst, sem::i32_rotl(i32_!(a), i32_!(b))),
                Op::I32Rotr { dst, a, b } => set_i32!(dst, sem::i32_rotr(i32_!(a), i32_!(b))),
                Op::I32AddImm { dst, a, imm } => set_i32!(dst, i32_!(a).wrapping_add(imm)),
                Op::I32MulImm { dst, a, imm } => set_i32!(dst, i32_!(a).wrapping_mul(imm)),
                Op::I32AndImm { dst, a, imm } => set_i32!(dst, i32_!(a) & imm),
                Op::I32OrImm { dst, a, imm } => set_i32!(dst, i32_!(a) | imm),
                Op::I32XorImm { dst, a, imm } => set_i32!(dst, i32_!(a) ^ imm),
                Op::I32ShlImm { dst, a, imm } => set_i32!(dst, sem::i32_shl(i32_!(a), imm)),
                Op::I32ShrSImm { dst, a, imm } => set_i32!(dst, sem::i32_shr_s(i32_!(a), imm)),
                Op::I32ShrUImm { dst, a, imm } => set_i32!(dst, sem::i32_shr_u(i32_!(a), imm)),
                Op::I32EqImm { dst, a, imm } => set_i32!(dst, i32_!(a) == imm),
                Op::I32NeImm { dst, a, imm } => set_i32!(dst, i32_!(a) != imm),
                Op::I32LtSImm { dst, a, imm } => set_i32!(dst, i32_!(a) < imm),
                Op::I32LtUImm { dst, a, imm } => set_i32!(dst, u32_!(a) < imm as u32),
                Op::I32GtSImm { dst, a, imm } => set_i32!(dst, i32_!(a) > imm),
                Op::I32GtUImm { dst, a, imm } => set_i32!(dst, u32_!(a) > imm as u32),
                Op::I32LeSImm { dst, a, imm } => set_i32!(dst, i32_!(a) <= imm),
                Op::I32LeUImm { dst, a, imm } => set_i32!(dst, u32_!(a) <= imm as u32),
                Op::I32GeSImm { dst, a, imm } => set_i32!(dst, i32_!(a) >= imm),
                Op::I32GeUImm { dst, a, imm } => set_i32!(dst, u32_!(a) >= imm as u32),

                // ---- Numeric: i64 ----
                Op::I64Eqz { dst, src } => set_i32!(dst, get!(src) == 0),
                Op::I64Eq { dst, a, b } => set_i32!(dst, get!(a) == get!(b)),
                Op::I64Ne { dst, a, b } => set_i32!(dst, get!(a) != get!(b)),
                Op::I64LtS { dst, a, b } => set_i32!(dst, i64_!(a) < i64_!(b)),
                Op::I64LtU { dst, a, b } => set_i32!(dst, get!(a) < get!(b)),
                Op::I64GtS { dst, a, b } => set_i32!(dst, i64_!(a) > i64_!(b)),
                Op::I64GtU { dst, a, b } => set_i32!(dst, get!(a) > get!(b)),
                Op::I64LeS { dst, a, b } => set_i32!(dst, i64_!(a) <= i64_!(b)),
                Op::I64LeU { dst, a, b } => set_i32!(dst, get!(a) <= get!(b)),
                Op::I64GeS { dst, a, b } => set_i32!(dst, i64_!(a) >= i64_!(b)),
                Op::I64GeU { dst, a, b } => set_i32!(dst, get!(a) >= get!(b)),
                Op::I64Clz { dst, src } => set_i64!(dst, get!(src).leading_zeros()),
                Op::I64Ctz { dst, src } => set_i64!(dst, get!(src).trailing_zeros()),
                Op::I64Popcnt { dst, src } => set_i64!(dst, get!(src).count_ones()),
                Op::I64Add { dst, a, b } => set_i64!(dst, get!(a).wrapping_add(get!(b))),
                Op::I64Sub { dst, a, b } => set_i64!(dst, get!(a).wrapping_sub(get!(b))),
                Op::I64Mul { dst, a, b } => set_i64!(dst, get!(a).wrapping_mul(get!(b))),
                Op::I64DivS { dst, a, b } => {
                    set_i64!(dst, tri!(sem::i64_div_s(i64_!(a), i64_!(b))))
                }
                Op::I64DivU { dst, a, b } => set_i64!(dst, tri!(sem::i64_div_u(get!(a), get!(b)))),
                Op::I64RemS { dst, a, b } => {
                    set_i64!(dst, tri!(sem::i64_rem_s(i64_!(a), i64_!(b))))
                }
                Op::I64RemU { dst, a, b } => set_i64!(dst, tri!(sem::i64_rem_u(get!(a), get!(b)))),
                Op::I64And { dst, a, b } => set_i64!(dst, get!(a) & get!(b)),
                Op::I64Or { dst, a, b } => set_i64!(dst, get!(a) | get!(b)),
                Op::I64Xor { dst, a, b } => set_i64!(dst, get!(a) ^ get!(b)),
                Op::I64Shl { dst, a, b } => set_i64!(dst, sem::i64_shl(i64_!(a), i64_!(b))),
                Op::I64ShrS { dst, a, b } => set_i64!(dst, sem::i64_shr_s(i64_!(a), i64_!(b))),
                Op::I64ShrU { dst, a, b } => set_i64!(dst, sem::i64_shr_u(i64_!(a), i64_!(b))),
                Op::I64Rotl { dst, a, b } => set_i64!(dst, sem::i64_rotl(i64_!(a), i64_!(b))),
                Op::I64Rotr { dst, a, b } => set_i64!(dst, sem::i64_rotr(i64_!(a), i64_!(b))),
                Op::I64AddImm { dst, a, imm } => set_i64!(dst, i64_!(a).wrapping_add(imm as i64)),
                Op::I64EqImm { dst, a, imm } => set_i32!(dst, i64_!(a) == imm as i64),
                Op::I64NeImm { dst, a, imm } => set_i32!(dst, i64_!(a) != imm as i64),
                Op::I64LtSImm { dst, a, imm } => set_i32!(dst, i64_!(a) < imm as i64),
                Op::I64LtUImm { dst, a, imm } => set_i32!(dst, get!(a) < imm as i64 as u64),
                Op::I64GtSImm { dst, a, imm } => set_i32!(dst, i64_!(a) > imm as i64),
                Op::I64GtUImm { dst, a, imm } => set_i32!(dst, get!(a) > imm as i64 as u64),
                Op::I64LeSImm { dst, a, imm } => set_i32!(dst, i64_!(a) <= imm as i64),
                Op::I64LeUImm { dst, a, imm } => set_i32!(dst, get!(a) <= imm as i64 as u64),
                Op::I64GeSImm { dst, a, imm } => set_i32!(dst, i64_!(a) >= imm as i64),
                Op::I64GeUImm { dst, a, imm } => set_i32!(dst, get!(a) >= imm as i64 as u64),
                Op::I64MulImm { dst, a, imm } => set_i64!(dst, i64_!(a).wrapping_mul(imm as i64)),
                Op::I64AndImm { dst, a, imm } => set_i64!(dst, i64_!(a) & imm as i64),
                Op::I64OrImm { dst, a, imm } => set_i64!(dst, i64_!(a) | imm as i64),
                Op::I64XorImm { dst, a, imm } => set_i64!(dst, i64_!(a) ^ imm as i64),
                Op::I64ShlImm { dst, a, imm } => set_i64!(dst, sem::i64_shl(i64_!(a), imm as i64)),
                Op::I64ShrSImm { dst, a, imm } => set_i64!(dst, sem::i64_shr_s(i64_!(a), imm as i64)),
                Op::I64ShrUImm { dst, a, imm } => set_i64!(dst, sem::i64_shr_u(i64_!(a), imm as i64)),

                // ---- Numeric: f32 ----
                Op::F32Eq { dst, a, b } => set_i32!(dst, f32_!(a) == f32_!(b)),
                Op::F32Ne { dst, a, b } => set_i32!(dst, f32_!(a) != f32_!(b)),
                Op::F32Lt { dst, a, b } => set_i32!(dst, f32_!(a) < f32_!(b)),
                Op::F32Gt { dst, a, b } => set_i32!(dst, f32_!(a) > f32_!(b)),
                Op::F32Le { dst, a, b } => set_i32!(dst, f32_!(a) <= f32_!(b)),
                Op::F32Ge { dst, a, b } => set_i32!(dst, f32_!(a) >= f32_!(b)),
                Op::F32Abs { dst, src } => set_f32!(dst, sem::f32_abs(f32_!(src))),
                Op::F32Neg { dst, src } => set_f32!(dst, sem::f32_neg(f32_!(src))),
                Op::F32Ceil { dst, src } => set_f32!(dst, sem::f32_ceil(f32_!(src))),
                Op::F32Floor { dst, src } => set_f32!(dst, sem::f32_floor(f32_!(src))),
                Op::F32Trunc { dst, src } => set_f32!(dst, sem::f32_trunc(f32_!(src))),
                Op::F32Nearest { dst, src } => set_f32!(dst, sem::f32_nearest(f32_!(src))),
                Op::F32Sqrt { dst, src } => set_f32!(dst, sem::f32_sqrt(f32_!(src))),
                Op::F32Add { dst, a, b } => set_f32!(dst, f32_!(a) + f32_!(b)),
                Op::F32Sub { dst, a, b } => set_f32!(dst, f32_!(a) - f32_!(b)),
                Op::F32Mul { dst, a, b } => set_f32!(dst, f32_!(a) * f32_!(b)),
                Op::F32Div { dst, a, b } => set_f32!(dst, f32_!(a) / f32_!(b)),
                Op::F32Min { dst, a, b } => set_f32!(dst, sem::f32_min(f32_!(a), f32_!(b))),
                Op::F32Max { dst, a, b } => set_f32!(dst, sem::f32_max(f32_!(a), f32_!(b))),
                Op::F32Copysign { dst, a, b } => {
                    set_f32!(dst, sem::f32_copysign(f32_!(a), f32_!(b)))
                }

                // ---- Numeric: f64 ----
                Op::F64Eq { dst, a, b } => set_i32!(dst, f64_!(a) == f64_!(b)),
                Op::F64Ne { dst, a, b } => set_i32!(dst, f64_!(a) != f64_!(b)),
                Op::F64Lt { dst, a, b } => set_i32!(dst, f64_!(a) < f64_!(b)),
                Op::F64Gt { dst, a, b } => set_i32!(dst, f64_!(a) > f64_!(b)),
                Op::F64Le { dst, a, b } => set_i32!(dst, f64_!(a) <= f64_!(b)),
                Op::F64Ge { dst, a, b } => set_i32!(dst, f64_!(a) >= f64_!(b)),
                Op::F64Abs { dst, src } => set_f64!(dst, sem::f64_abs(f64_!(src))),
                Op::F64Neg { dst, src } => set_f64!(dst, sem::f64_neg(f64_!(src))),
                Op::F64Ceil { dst, src } => set_f64!(dst, sem::f64_ceil(f64_!(src))),
                Op::F64Floor { dst, src } => set_f64!(dst, sem::f64_floor(f64_!(src))),
                Op::F64Trunc { dst, src } => set_f64!(dst, sem::f64_trunc(f64_!(src))),
                Op::F64Nearest { dst, src } => set_f64!(dst, sem::f64_nearest(f64_!(src))),
                Op::F64Sqrt { dst, src } => set_f64!(dst, sem::f64_sqrt(f64_!(src))),
                Op::F64Add { dst, a, b } => set_f64!(dst, f64_!(a) + f64_!(b)),
                Op::F64Sub { dst, a, b } => set_f64!(dst, f64_!(a) - f64_!(b)),
                Op::F64Mul { dst, a, b } => set_f64!(dst, f64_!(a) * f64_!(b)),
                Op::F64Div { dst, a, b } => set_f64!(dst, f64_!(a) / f64_!(b)),
                Op::F64Min { dst, a, b } => set_f64!(dst, sem::f64_min(f64_!(a), f64_!(b))),
                Op::F64Max { dst, a, b } => set_f64!(dst, sem::f64_max(f64_!(a), f64_!(b))),
                Op::F64Copysign { dst, a, b } => {
                    set_f64!(dst, sem::f64_copysign(f64_!(a), f64_!(b)))
                }

                // ---- Conversions ----
                Op::I32WrapI64 { dst, src } => set_i32!(dst, get!(src) as u32),
                Op::I32TruncF32S { dst, src } => {
                    set_i32!(dst, tri!(sem::i32_trunc_f32_s(f32_!(src))))
                }
                Op::I32TruncF32U { dst, src } => {
                    set_i32!(dst, tri!(sem::i32_trunc_f32_u(f32_!(src))))
                }
                Op::I32TruncF64S { dst, src } => {
                    set_i32!(dst, tri!(sem::i32_trunc_f64_s(f64_!(src))))
                }
                Op::I32TruncF64U { dst, src } => {
                    set_i32!(dst, tri!(sem::i32_trunc_f64_u(f64_!(src))))
                }
                Op::I64ExtendI32S { dst, src } => set_i64!(dst, i32_!(src) as i64),
                Op::I64ExtendI32U { dst, src } => set_i64!(dst, u32_!(src) as u64),
                Op::I64TruncF32S { dst, src } => {
                    set_i64!(dst, tri!(sem::i64_trunc_f32_s(f32_!(src))))
                }
                Op::I64TruncF32U { dst, src } => {
                    set_i64!(dst, tri!(sem::i64_trunc_f32_u(f32_!(src))))
                }
                Op::I64TruncF64S { dst, src } => {
                    set_i64!(dst, tri!(sem::i64_trunc_f64_s(f64_!(src))))
                }
                Op::I64TruncF64U { dst, src } => {
                    set_i64!(dst, tri!(sem::i64_trunc_f64_u(f64_!(src))))
                }
                Op::F32ConvertI32S { dst, src } => {
                    set_f32!(dst, sem::f32_convert_i32_s(i32_!(src)))
                }
                Op::F32ConvertI32U { dst, src } => {
                    set_f32!(dst, sem::f32_convert_i32_u(u32_!(src)))
                }
                Op::F32ConvertI64S { dst, src } => {
                    set_f32!(dst, sem::f32_convert_i64_s(i64_!(src)))
                }
                Op::F32ConvertI64U { dst, src } => set_f32!(dst, sem::f32_convert_i64_u(get!(src))),
                Op::F32DemoteF64 { dst, src } => set_f32!(dst, sem::f32_demote_f64(f64_!(src))),
                Op::F64ConvertI32S { dst, src } => {
                    set_f64!(dst, sem::f64_convert_i32_s(i32_!(src)))
                }
                Op::F64ConvertI32U { dst, src } => {
                    set_f64!(dst, sem::f64_convert_i32_u(u32_!(src)))
                }
                Op::F64ConvertI64S { dst, src } => {
                    set_f64!(dst, sem::f64_convert_i64_s(i64_!(src)))
                }
                Op::F64ConvertI64U { dst, src } => set_f64!(dst, sem::f64_convert_i64_u(get!(src))),
                Op::F64PromoteF32 { dst, src } => set_f64!(dst, sem::f64_promote_f32(f32_!(src))),
                Op::I32Extend8S { dst, src } => set_i32!(dst, sem::i32_extend8_s(i32_!(src))),
                Op::I32Extend16S { dst, src } => set_i32!(dst, sem::i32_extend16_s(i32_!(src))),
                Op::I64Extend8S { dst, src } => set_i64!(dst, sem::i64_extend8_s(i64_!(src))),
                Op::I64Extend16S { dst, src } => set_i64!(dst, sem::i64_extend16_s(i64_!(src))),
                Op::I64Extend32S { dst, src } => set_i64!(dst, sem::i64_extend32_s(i64_!(src))),
                Op::I32TruncSatF32S { dst, src } => {
                    set_i32!(dst, sem::i32_trunc_sat_f32_s(f32_!(src)))
                }
                Op::I32TruncSatF32U { dst, src } => {
                    set_i32!(dst, sem::i32_trunc_sat_f32_u(f32_!(src)))
                }
                Op::I32TruncSatF64S { dst, src } => {
                    set_i32!(dst, sem::i32_trunc_sat_f64_s(f64_!(src)))
                }
                Op::I32TruncSatF64U { dst, src } => {
                    set_i32!(dst, sem::i32_trunc_sat_f64_u(f64_!(src)))
                }
                Op::I64TruncSatF32S { dst, src } => {
                    set_i64!(dst, sem::i64_trunc_sat_f32_s(f32_!(src)))
                }
                Op::I64TruncSatF32U { dst, src } => {
                    set_i64!(dst, sem::i64_trunc_sat_f32_u(f32_!(src)))
                }
                Op::I64TruncSatF64S { dst, src } => {
                    set_i64!(dst, sem::i64_trunc_sat_f64_s(f64_!(src)))
                }
                Op::I64TruncSatF64U { dst, src } => {
                    set_i64!(dst, sem::i64_trunc_sat_f64_u(f64_!(src)))
                }

                // ---- SIMD ----
                Op::V128Load { dst, addr, offset } => load!(dst, addr, offset, 16, (u128::from_le_bytes), set_v128),
                Op::V128Load8x8S { dst, addr, offset } => {
                    load!(dst, addr, offset, 8, (|b| sem::simd::v128_load8x8_s(u64::from_le_bytes(b))), set_v128)
                }
                Op::V128Load8x8U { dst, addr, offset } => {
                    load!(dst, addr, offset, 8, (|b| sem::simd::v128_load8x8_u(u64::from_le_bytes(b))), set_v128)
                }
                Op::V128Load16x4S { dst, addr, offset } => {
                    load!(dst, addr, offset, 8, (|b| sem::simd::v128_load16x4_s(u64::from_le_bytes(b))), set_v128)
                }
                Op::V128Load16x4U { dst, addr, offset } => {
                    load!(dst, addr, offset, 8, (|b| sem::simd::v128_load16x4_u(u64::from_le_bytes(b))), set_v128)
                }
                Op::V128Load32x2S { dst, addr, offset } => {
                    load!(dst, addr, offset, 8, (|b| sem::simd::v128_load32x2_s(u64::from_le_bytes(b))), set_v128)
                }
                Op::V128Load32x2U { dst, addr, offset } => {
                    load!(dst, addr, offset, 8, (|b| sem::simd::v128_load32x2_u(u64::from_le_bytes(b))), set_v128)
                }
                Op::V128Load8Splat { dst, addr, offset } => {
                    load!(dst, addr, offset, 1, (|b| sem::simd::i8x16_splat(u8::from_le_bytes(b) as i32)), set_v128)
                }
                Op::V128Load16Splat { dst, addr, offset } => {
                    load!(dst, addr, offset, 2, (|b| sem::simd::i16x8_splat(u16::from_le_bytes(b) as i32)), set_v128)
                }
                Op::V128Load32Splat { dst, addr, offset } => {
                    load!(dst, addr, offset, 4, (|b| sem::simd::i32x4_splat(u32::from_le_bytes(b) as i32)), set_v128)
                }
                Op::V128Load64Splat { dst, addr, offset } => {
                    load!(dst, addr, offset, 8, (|b| sem::simd::i64x2_splat(u64::from_le_bytes(b) as i64)), set_v128)
                }
                Op::V128Load32Zero { dst, addr, offset } => {
                    load!(dst, addr, offset, 4, (|b| sem::simd::v128_load32_zero(u32::from_le_bytes(b))), set_v128)
                }
                Op::V128Load64Zero { dst, addr, offset } => {
                    load!(dst, addr, offset, 8, (|b| sem::simd::v128_load64_zero(u64::from_le_bytes(b))), set_v128)
                }
                Op::V128Store { addr, value, offset } => store!(addr, offset, 16, v128!(value).to_le_bytes()),
                Op::V128Load8Lane { vec, addr, offset, lane } => {
                    let v = v128!(vec);
                    load!(
                        vec,
                        addr,
                        offset,
                        1,
                        (|b| {
                            let x = u8::from_le_bytes(b);
                            sem::simd::i8x16_replace_lane(v, lane, x as i32)
                        }),
                        set_v128
                    );
                }
                Op::V128Load16Lane { vec, addr, offset, lane } => {
                    let v = v128!(vec);
                    load!(
                        vec,
                        addr,
                        offset,
                        2,
                        (|b| {
                            let x = u16::from_le_bytes(b);
                            sem::simd::i16x8_replace_lane(v, lane, x as i32)
                        }),
                        set_v128
                    );
                }
                Op::V128Load32Lane { vec, addr, offset, lane } => {
                    let v = v128!(vec);
                    load!(
                        vec,
                        addr,
                        offset,
                        4,
                        (|b| {
                            let x = u32::from_le_bytes(b);
                            sem::simd::i32x4_replace_lane(v, lane, x as i32)
                        }),
                        set_v128
                    );
                }
                Op::V128Load64Lane { vec, addr, offset, lane } => {
                    let v = v128!(vec);
                    load!(
                        vec,
                        addr,
                        offset,
                        8,
                        (|b| {
                            let x = u64::from_le_bytes(b);
                            sem::simd::i64x2_replace_lane(v, lane, x as i64)
                        }),
                        set_v128
                    );
                }
                Op::V128Store8Lane { addr, vec, offset, lane } => {
                    let v = v128!(vec);
                    store!(addr, offset, 1, (sem::simd::i8x16_extract_lane_u(v, lane) as u8).to_le_bytes())
                }
                Op::V128Store16Lane { addr, vec, offset, lane } => {
                    let v = v128!(vec);
                    store!(addr, offset, 2, (sem::simd::i16x8_extract_lane_u(v, lane) as u16).to_le_bytes())
                }
                Op::V128Store32Lane { addr, vec, offset, lane } => {
                    let v = v128!(vec);
                    store!(addr, offset, 4, (sem::simd::i32x4_extract_lane(v, lane) as u32).to_le_bytes())
                }
                Op::V128Store64Lane { addr, vec, offset, lane } => {
                    let v = v128!(vec);
                    store!(addr, offset, 8, (sem::simd::i64x2_extract_lane(v, lane) as u64).to_le_bytes())
                }
                // The pure SIMD ops run out of line, in `exec/simd.rs`.
                _ => {
                    // SAFETY: `sp` is the current frame's slot 0, and translation only emits slots inside the
                    // frame (see `get!`), two consecutive ones for a `v128`.
                    let handled = unsafe { simd::execute(&op, sp) };
                    if !handled {
                        unreachable!("`{}` has no arm in the dispatch loop", op.name());
                    }
                }
            }
        }
    }
}

/// Stack-trace frames for function addresses, innermost first: named by the `name` section,
/// else by an export, and host functions by the import that brought them in.
pub(crate) fn trace_of(store: &Store, addrs: impl Iterator<Item = u32>) -> Vec<TraceFrame> {
    addrs
        .map(|addr| match &store.funcs[addr as usize] {
            FuncEntity::Wasm { instance, index, .. } => {
                let module = &store.instances[*instance as usize].module.0;
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
                    let m = &inst.module.0;
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
