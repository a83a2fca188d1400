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
use life_decode::{TrapCode, Value, ir::Op, semantics as sem};

/// A suspended caller.
#[derive(Debug, Clone, Copy)]
struct Frame {
    ops: *const Op,
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
}

// SAFETY: the raw `ops` pointers in `frames` point into `Arc`-owned module bodies and are only
// dereferenced while the executor runs on the thread that owns the store; between runs the
// frame stack is empty.
unsafe impl Send for Executor {}
// SAFETY: as above; a shared `Executor` exposes nothing.
unsafe impl Sync for Executor {}

/// Calls `func` with `args` (already type-checked) and returns its results.
pub(crate) fn call(store: &mut Store, func: u32, args: &[Value]) -> Result<Vec<Value>, Trap> {
    let ty = store.types[store.funcs[func as usize].type_id() as usize].clone();
    if let FuncEntity::Host { func: host, .. } = &store.funcs[func as usize] {
        let host = host.clone();
        let mut results: Vec<Value> = ty.results().iter().map(|&t| Value::default_of(t)).collect();
        host.call(&mut Caller { store, instance: None }, args, &mut results)?;
        return Ok(results);
    }
    let mut ex = store.executor.take().unwrap_or_default();
    ex.stack.clear();
    ex.frames.clear();
    let need = (ty.param_slots().max(ty.result_slots())) as usize;
    ex.stack.resize(need.max(16), 0);
    let mut at = 0;
    for &a in args {
        write_value(a, &mut ex.stack[at..]);
        at += a.ty().slots() as usize;
    }
    let outcome = ex.run(store, func);
    let results = outcome.map(|()| {
        let mut at = 0;
        ty.results()
            .iter()
            .map(|&t| {
                let v = decode(t, ex.stack[at], ex.stack.get(at + 1).copied().unwrap_or(0));
                at += t.slots() as usize;
                v
            })
            .collect()
    });
    ex.frames.clear();
    store.executor = Some(ex);
    results
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
        std::iter::once(current)
            .chain(self.frames.iter().rev().map(|f| f.func))
            .map(|addr| match &store.funcs[addr as usize] {
                FuncEntity::Wasm { instance, index, .. } => {
                    let module = &store.instances[*instance as usize].module.0;
                    let func_index = module.num_imported_funcs + index;
                    TraceFrame { func_index, name: module.func_name(func_index).map(str::to_string) }
                }
                FuncEntity::Host { .. } => TraceFrame { func_index: addr, name: Some("<host>".into()) },
            })
            .collect()
    }

    /// Runs wasm function `func` whose arguments are at slot 0.
    fn run(&mut self, store: &mut Store, func: u32) -> Result<(), Trap> {
        let mut current = func;
        let r = self.execute(store, &mut current);
        r.map_err(|t| {
            let trace = self.trace(store, current);
            t.with_trace(trace)
        })
    }

    /// The dispatch loop. `current` tracks the running function for stack traces.
    #[inline(never)]
    fn execute(&mut self, store: &mut Store, current: &mut u32) -> Result<(), Trap> {
        let FuncEntity::Wasm { instance, index, .. } = store.funcs[*current as usize] else {
            unreachable!("`call` handles host functions before running the loop");
        };
        let mut instance = instance;
        let mut base = 0usize;
        let mut ops: *const Op;
        {
            let module = store.instances[instance as usize].module.0.clone();
            let body = &module.bodies[index as usize];
            self.prepare_frame(store, base, body)?;
            ops = body.ops.as_ptr();
        }
        let mut pc = 0usize;
        let mut sp: *mut u64 = self.stack.as_mut_ptr();
        let mut mem = Mem::of(store, instance);

        // Slot access. SAFETY (for every use): translation guarantees each slot index is below
        // the body's `frame_slots`, and `prepare_frame` made `base + frame_slots` slots exist;
        // `sp` is refreshed whenever the stack may have been reallocated.
        macro_rules! get {
            ($s:expr) => {
                unsafe { *sp.add($s as usize) }
            };
        }
        macro_rules! set {
            ($s:expr, $v:expr) => {{
                let v: u64 = $v;
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
        macro_rules! trap {
            ($code:expr) => {
                return Err(Trap::from($code))
            };
        }
        macro_rules! tri {
            ($e:expr) => {
                match $e {
                    Ok(v) => v,
                    Err(code) => trap!(code),
                }
            };
        }
        macro_rules! jump {
            ($target:expr) => {
                pc = $target as usize
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
                        self.frames.push(Frame { ops, pc, base, func: *current, instance });
                        let module = &store.instances[callee_instance as usize].module.0;
                        // SAFETY: the module is kept alive by its instance, which the store never drops.
                        let body = unsafe { &*(&module.bodies[index as usize] as *const life_decode::ir::FuncBody) };
                        if let Err(code) = self.prepare_frame(store, callee_base, body) {
                            self.frames.pop();
                            trap!(code);
                        }
                        *current = addr;
                        ops = body.ops.as_ptr();
                        pc = 0;
                        base = callee_base;
                        sp = unsafe { self.stack.as_mut_ptr().add(base) };
                        if callee_instance != instance {
                            instance = callee_instance;
                            mem = Mem::of(store, instance);
                        }
                    }
                    FuncEntity::Host { func: host, type_id } => {
                        let host = host.clone();
                        let ty = store.types[*type_id as usize].clone();
                        let caller_frame = *current;
                        *current = addr;
                        self.frames.push(Frame { ops, pc, base, func: caller_frame, instance });
                        let slots = &mut self.stack[callee_base..];
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
                        host.call(&mut Caller { store, instance: Some(Instance(instance)) }, &args, &mut results)?;
                        let need = callee_base + ty.result_slots() as usize;
                        if need > self.stack.len() {
                            self.stack.resize(need, 0);
                        }
                        let mut at = callee_base;
                        for (v, &t) in results.iter().zip(ty.results()) {
                            if v.ty() != t {
                                return Err(Trap::host(format!(
                                    "host function returned a {} for a {t} result",
                                    v.ty()
                                )));
                            }
                            write_value(*v, &mut self.stack[at..]);
                            at += t.slots() as usize;
                        }
                        self.frames.pop();
                        *current = caller_frame;
                        sp = unsafe { self.stack.as_mut_ptr().add(base) };
                        mem = Mem::of(store, instance);
                    }
                }
            }};
        }
        macro_rules! ret {
            () => {{
                match self.frames.pop() {
                    None => return Ok(()),
                    Some(f) => {
                        ops = f.ops;
                        pc = f.pc;
                        base = f.base;
                        *current = f.func;
                        instance = f.instance;
                        sp = unsafe { self.stack.as_mut_ptr().add(base) };
                        mem = Mem::of(store, instance);
                    }
                }
            }};
        }

        loop {
            // SAFETY: translation ends every body with a terminator and resolves every branch
            // target inside the body, so `pc` is always in bounds.
            let op = unsafe { *ops.add(pc) };
            pc += 1;
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
                Op::BrTable { index, table, len } => {
                    let i = u32_!(index).min(len);
                    let module = &store.instances[instance as usize].module.0;
                    let FuncEntity::Wasm { index: body, .. } = store.funcs[*current as usize] else { unreachable!() };
                    jump!(module.bodies[body as usize].br_tables[(table + i) as usize]);
                }
                Op::Return {} => ret!(),
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
                Op::Const32 { dst, value } => set!(dst, value as u64),
                Op::Const64 { dst, value } => set!(dst, value),
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
                Op::RefFunc { dst, func } => set!(dst, store.instances[instance as usize].funcs[func as usize] as u64 + 1),
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
                    let t = store.instances[instance as usize].tables[table as usize];
                    let r = store.tables[t as usize].grow(u32_!(n) as u64, get!(init));
                    set_i32!(dst, r as i32)
                }
                Op::TableFill { args, table } => {
                    let (i, value, n) = (u32_!(args) as usize, get!(args + 1), u32_!(args + 2) as usize);
                    let t = store.instances[instance as usize].tables[table as usize];
                    let Some(dst) = store.tables[t as usize].elements.get_mut(i..i + n) else {
                        trap!(TrapCode::TableOutOfBounds)
                    };
                    dst.fill(value);
                }
                Op::TableCopy { args, dst_table, src_table } => {
                    let (d, s, n) = (u32_!(args) as usize, u32_!(args + 1) as usize, u32_!(args + 2) as usize);
                    let inst = &store.instances[instance as usize];
                    let (dt, st) = (inst.tables[dst_table as usize] as usize, inst.tables[src_table as usize] as usize);
                    if s + n > store.tables[st].elements.len() || d + n > store.tables[dt].elements.len() {
                        trap!(TrapCode::TableOutOfBounds);
                    }
                    if dt == st {
                        store.tables[dt].elements.copy_within(s..s + n, d);
                    } else {
                        let src: Vec<u64> = store.tables[st].elements[s..s + n].to_vec();
                        store.tables[dt].elements[d..d + n].copy_from_slice(&src);
                    }
                }
                Op::TableInit { args, table, elem } => {
                    let (d, s, n) = (u32_!(args) as usize, u32_!(args + 1) as usize, u32_!(args + 2) as usize);
                    let inst = &store.instances[instance as usize];
                    let t = inst.tables[table as usize] as usize;
                    let seg = &inst.elems[elem as usize];
                    let (Some(src), true) = (seg.get(s..s + n), d + n <= store.tables[t].elements.len()) else {
                        trap!(TrapCode::TableOutOfBounds)
                    };
                    let src = src.to_vec();
                    store.tables[t].elements[d..d + n].copy_from_slice(&src);
                }
                Op::ElemDrop { elem } => store.instances[instance as usize].elems[elem as usize] = Vec::new(),

                // ---- Bulk memory ----
                Op::MemoryCopy { d, s, n } => {
                    let (d, s, n) = (u32_!(d) as usize, u32_!(s) as usize, u32_!(n) as usize);
                    if s + n > mem.len || d + n > mem.len {
                        trap!(TrapCode::MemoryOutOfBounds);
                    }
                    // SAFETY: both ranges were just checked against the current memory; `copy`
                    // allows overlap.
                    unsafe { std::ptr::copy(mem.base.add(s), mem.base.add(d), n) };
                }
                Op::MemoryFill { d, val, n } => {
                    let (d, n) = (u32_!(d) as usize, u32_!(n) as usize);
                    if d + n > mem.len {
                        trap!(TrapCode::MemoryOutOfBounds);
                    }
                    let byte = get!(val) as u8;
                    // SAFETY: the range was just checked against the current memory.
                    unsafe { std::ptr::write_bytes(mem.base.add(d), byte, n) };
                }
                Op::MemoryInit { args, data } => {
                    let (d, s, n) = (u32_!(args) as usize, u32_!(args + 1) as usize, u32_!(args + 2) as usize);
                    let inst = &store.instances[instance as usize];
                    let bytes: &[u8] =
                        if inst.dropped_datas[data as usize] { &[] } else { &inst.module.0.datas[data as usize].bytes };
                    let (Some(src), true) = (bytes.get(s..s + n), d + n <= mem.len) else {
                        trap!(TrapCode::MemoryOutOfBounds)
                    };
                    // SAFETY: the destination range was just checked against the current memory.
                    unsafe { std::ptr::copy_nonoverlapping(src.as_ptr(), mem.base.add(d), n) };
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
            }
        }
    }
}
