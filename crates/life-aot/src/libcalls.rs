//! Libcalls: the runtime functions native code calls, for everything that needs the store.
//!
//! Each takes the [`VmCtx`] first. Before touching the store, a libcall writes native code's gas
//! back to it ([`enter`]); before returning, it re-reads gas, the memory view and the globals
//! ([`leave`]), since host code may have changed any of them. A libcall never unwinds into native
//! code: failures (including a panicking host function) become a pending trap in `VmCtx`.

use crate::vmctx::{INDIRECT_CACHE, IndirectEntry, VmCtx};
use cranelift_codegen::ir::{AbiParam, Signature, types};
use cranelift_codegen::isa::CallConv;
use life_decode::{TrapCode, ir::Op};
use life_interp::{Store, Trap, native::rt};

/// Declares the libcalls once: their Rust names, native signatures and the address table.
macro_rules! libcalls {
    ($($name:ident = $func:ident ( $($p:ident),* ) $(-> $r:ident)? ;)*) => {
        /// Addresses of the libcalls.
        pub(crate) struct Libcalls {
            $(pub $name: usize,)*
        }

        impl Libcalls {
            pub(crate) fn new() -> Libcalls {
                Libcalls { $($name: $func as *const () as usize,)* }
            }

            /// The libcalls' names and addresses, in declaration order: a libcall's index is
            /// its position here, which names it in relocations (kept in artifacts).
            pub(crate) fn table(&self) -> Vec<(&'static str, usize)> {
                vec![$((stringify!($name), self.$name),)*]
            }

            /// The index of the libcall at `addr` in [`Libcalls::table`].
            pub(crate) fn index(&self, addr: usize) -> u32 {
                let mut i = 0;
                $(
                    if addr == self.$name {
                        return i;
                    }
                    i += 1;
                )*
                unreachable!("not a libcall address: {addr:#x} (after {i})")
            }

            /// The native signature of the libcall at `addr`.
            pub(crate) fn signature(&self, addr: usize, call_conv: CallConv) -> Signature {
                let mut sig = Signature::new(call_conv);
                $(
                    if addr == self.$name {
                        $(sig.params.push(AbiParam::new(types::$p));)*
                        $(sig.returns.push(AbiParam::new(types::$r));)?
                        return sig;
                    }
                )*
                unreachable!("not a libcall address")
            }
        }
    };
}

#[cfg(not(all(target_os = "linux", target_arch = "x86_64")))]
use self::lf_trap as lf_raise;
/// Raises a trap and leaves the call at once (`signals.rs`); only where `Env::unwinds`.
#[cfg(all(target_os = "linux", target_arch = "x86_64"))]
use crate::signals::life_aot_raise as lf_raise;

libcalls! {
    trap = lf_trap(I64, I32, I32);
    unwind = lf_unwind(I64, I32);
    raise = lf_raise(I64, I32, I32);
    call_import = lf_call_import(I64, I32, I64, I64);
    indirect = lf_indirect(I64, I32, I32, I32) -> I64;
    call_indirect_slow = lf_call_indirect_slow(I64, I64, I64);
    memory_grow = lf_memory_grow(I64, I32) -> I32;
    memory_copy = lf_memory_copy(I64, I32, I32, I32);
    memory_fill = lf_memory_fill(I64, I32, I32, I32);
    memory_init = lf_memory_init(I64, I32, I32, I32, I32);
    data_drop = lf_data_drop(I64, I32);
    table_get = lf_table_get(I64, I32, I32) -> I64;
    table_set = lf_table_set(I64, I32, I32, I64);
    table_size = lf_table_size(I64, I32) -> I32;
    table_grow = lf_table_grow(I64, I32, I64, I32) -> I32;
    table_fill = lf_table_fill(I64, I32, I32, I64, I32);
    table_copy = lf_table_copy(I64, I32, I32, I32, I32, I32);
    table_init = lf_table_init(I64, I32, I32, I32, I32, I32);
    elem_drop = lf_elem_drop(I64, I32);
    ref_func = lf_ref_func(I64, I32) -> I64;
    simd = lf_simd(I64, I64);
    memory_grow_in = lf_memory_grow_in(I64, I32, I32) -> I32;
    memory_fill_in = lf_memory_fill_in(I64, I32, I32, I32, I32);
    memory_init_in = lf_memory_init_in(I64, I32, I32, I32, I32, I32);
    memory_copy_in = lf_memory_copy_in(I64, I32, I32, I32, I32, I32);
}

/// The context and its store, with native code's gas written back to the store.
///
/// # Safety
///
/// `vmctx` is the live context native code was called with; its store is not otherwise
/// borrowed while native code runs (the entry in `code.rs` holds it only through `vmctx`).
unsafe fn enter<'a>(vmctx: *mut VmCtx) -> (&'a mut VmCtx, &'a mut Store) {
    // SAFETY: see the function's contract.
    let cx = unsafe { &mut *vmctx };
    // SAFETY: as above: the store outlives the call and nothing else borrows it now.
    let store = unsafe { &mut *cx.store };
    rt::set_gas_left(store, cx.gas_left);
    (cx, store)
}

fn leave(cx: &mut VmCtx, store: &mut Store) {
    cx.refresh(store);
}

/// Runs `f` on the context and store, turning a trap or a panic into a pending trap.
fn with<R: Default>(vmctx: *mut VmCtx, f: impl FnOnce(&mut VmCtx, &mut Store) -> Result<R, Trap>) -> R {
    // SAFETY: libcalls are only called by native code, with its context.
    let (cx, store) = unsafe { enter(vmctx) };
    let outcome = rt::catch_panic(|| f(cx, store));
    // SAFETY: as above; `f` has returned, so the reborrow is unique again.
    let (cx, store) = unsafe { (&mut *vmctx, &mut *(*vmctx).store) };
    leave(cx, store);
    match outcome {
        Ok(r) => r,
        Err(trap) => {
            cx.raise(trap);
            R::default()
        }
    }
}

fn code_trap<R>(r: Result<R, TrapCode>) -> Result<R, Trap> {
    r.map_err(Trap::from)
}

/// Raises trap `code` (an index into `TrapCode::ALL`) in defined function `func`, or at the
/// entry of a function (`func == u32::MAX`), which the trace leaves to the caller.
extern "C" fn lf_trap(vmctx: *mut VmCtx, code: u32, func: u32) {
    // SAFETY: called by native code with its context.
    let cx = unsafe { &mut *vmctx };
    let code = TrapCode::ALL.get(code as usize).copied().unwrap_or(TrapCode::Unreachable);
    cx.raise(Trap::from(code));
    if func != u32::MAX {
        unwind_frame(cx, func);
    }
}

/// Records defined function `func` in the stack trace while unwinding.
extern "C" fn lf_unwind(vmctx: *mut VmCtx, func: u32) {
    // SAFETY: called by native code with its context.
    let cx = unsafe { &mut *vmctx };
    unwind_frame(cx, func);
}

pub(crate) fn unwind_frame(cx: &mut VmCtx, func: u32) {
    // SAFETY: the context's store and code are live for the call.
    let (store, code) = unsafe { (&*cx.store, &*cx.code) };
    let index = code.num_imported_funcs() + func;
    cx.trace.push(rt::func_addr(store, cx.instance, index));
}

/// Calls store function `addr` with the slots at `buf`, as a callee with `budget` (see
/// `lower::signature`).
fn call_addr(cx: &mut VmCtx, store: &mut Store, addr: u32, buf: *mut u64, budget: i64) -> Result<(), Trap> {
    let (depth, base) = cx.frame_of(budget);
    let ty = store_func_slots(store, addr);
    // SAFETY: native code passes a scratch buffer of at least 16 slots and at least the callee's
    // parameter and result slots.
    let slots = unsafe { std::slice::from_raw_parts_mut(buf, ty.max(16) as usize) };
    let is_wasm = rt::wasm_func(store, addr).is_some();
    if is_wasm {
        let frames = rt::frames(store);
        frames.depth = depth;
        frames.base = base;
    }
    let r = rt::call(store, cx.instance, addr, slots);
    let frames = rt::frames(store);
    frames.depth = 0;
    frames.base = 0;
    if r.is_err() && !is_wasm {
        // The interpreter's traces name the host function that failed.
        cx.trace.push(addr);
    }
    r
}

fn store_func_slots(store: &Store, addr: u32) -> u32 {
    let ty = rt::func_type(store, addr);
    ty.param_slots().max(ty.result_slots())
}

/// Calls imported function `func` of the instance.
extern "C" fn lf_call_import(vmctx: *mut VmCtx, func: u32, buf: *mut u64, budget: i64) {
    with(vmctx, |cx, store| {
        let addr = rt::func_addr(store, cx.instance, func);
        call_addr(cx, store, addr, buf, budget)
    })
}

/// Resolves `call_indirect`: the native code of a function of this instance, or 0 with the
/// callee left in `indirect_callee` for [`lf_call_indirect_slow`].
extern "C" fn lf_indirect(vmctx: *mut VmCtx, table: u32, elem: u32, ty: u32) -> u64 {
    // SAFETY: called by native code with its context; only reads the store.
    let cx = unsafe { &mut *vmctx };
    // SAFETY: as above.
    let store = unsafe { &*cx.store };
    match rt::indirect_target(store, cx.instance, table, elem, ty) {
        Ok(addr) => match rt::wasm_func(store, addr) {
            // SAFETY: the code outlives the call.
            Some((instance, index)) if instance == cx.instance => {
                // SAFETY: the code outlives the call.
                let code = unsafe { (*cx.code).func_ptr(index) };
                if table == 0 {
                    let element = addr as u64 + 1;
                    cx.indirect_cache[element as usize % INDIRECT_CACHE] = IndirectEntry::new(element, ty, code);
                }
                code as u64
            }
            _ => {
                cx.indirect_callee = addr;
                0
            }
        },
        Err(code) => {
            cx.raise(Trap::from(code));
            0
        }
    }
}

extern "C" fn lf_call_indirect_slow(vmctx: *mut VmCtx, buf: *mut u64, budget: i64) {
    with(vmctx, |cx, store| {
        let addr = cx.indirect_callee;
        call_addr(cx, store, addr, buf, budget)
    })
}

extern "C" fn lf_memory_grow(vmctx: *mut VmCtx, delta: u32) -> u32 {
    with(vmctx, |cx, store| Ok(rt::memory_grow(store, cx.instance, 0, delta) as u32))
}

extern "C" fn lf_memory_grow_in(vmctx: *mut VmCtx, mem: u32, delta: u32) -> u32 {
    with(vmctx, |cx, store| Ok(rt::memory_grow(store, cx.instance, mem, delta) as u32))
}

extern "C" fn lf_memory_fill_in(vmctx: *mut VmCtx, mem: u32, d: u32, val: u32, n: u32) {
    with(vmctx, |cx, store| {
        code_trap(rt::charge_units(store, n as u64))?;
        code_trap(rt::memory_fill(store, cx.instance, mem, d as usize, val as u8, n as usize))
    })
}

extern "C" fn lf_memory_init_in(vmctx: *mut VmCtx, mem: u32, data: u32, d: u32, s: u32, n: u32) {
    with(vmctx, |cx, store| {
        code_trap(rt::charge_units(store, n as u64))?;
        code_trap(rt::memory_init(store, cx.instance, mem, data, d as usize, s as usize, n as usize))
    })
}

extern "C" fn lf_memory_copy_in(vmctx: *mut VmCtx, dst_mem: u32, src_mem: u32, d: u32, s: u32, n: u32) {
    with(vmctx, |cx, store| {
        code_trap(rt::charge_units(store, n as u64))?;
        code_trap(rt::memory_copy(store, cx.instance, dst_mem, src_mem, d as usize, s as usize, n as usize))
    })
}

/// Checks `at + n <= len` for a bulk access of memory 0.
fn in_bounds(cx: &VmCtx, at: u32, n: u32) -> Result<(), TrapCode> {
    if at as u64 + n as u64 > cx.mem_len { Err(TrapCode::MemoryOutOfBounds) } else { Ok(()) }
}

extern "C" fn lf_memory_copy(vmctx: *mut VmCtx, d: u32, s: u32, n: u32) {
    with(vmctx, |cx, store| {
        code_trap(rt::charge_units(store, n as u64))?;
        code_trap(in_bounds(cx, s, n).and(in_bounds(cx, d, n)))?;
        // SAFETY: both ranges were just checked against the current memory; `copy` allows overlap.
        unsafe { std::ptr::copy(cx.mem_base.add(s as usize), cx.mem_base.add(d as usize), n as usize) };
        Ok(())
    })
}

extern "C" fn lf_memory_fill(vmctx: *mut VmCtx, d: u32, val: u32, n: u32) {
    with(vmctx, |cx, store| {
        code_trap(rt::charge_units(store, n as u64))?;
        code_trap(in_bounds(cx, d, n))?;
        // SAFETY: the range was just checked against the current memory.
        unsafe { std::ptr::write_bytes(cx.mem_base.add(d as usize), val as u8, n as usize) };
        Ok(())
    })
}

extern "C" fn lf_memory_init(vmctx: *mut VmCtx, data: u32, d: u32, s: u32, n: u32) {
    with(vmctx, |cx, store| {
        code_trap(rt::charge_units(store, n as u64))?;
        code_trap(rt::memory_init(store, cx.instance, 0, data, d as usize, s as usize, n as usize))
    })
}

extern "C" fn lf_data_drop(vmctx: *mut VmCtx, data: u32) {
    with(vmctx, |cx, store| {
        rt::data_drop(store, cx.instance, data);
        Ok(())
    })
}

extern "C" fn lf_table_get(vmctx: *mut VmCtx, table: u32, i: u32) -> u64 {
    with(vmctx, |cx, store| code_trap(rt::table_get(store, cx.instance, table, i)))
}

extern "C" fn lf_table_set(vmctx: *mut VmCtx, table: u32, i: u32, value: u64) {
    with(vmctx, |cx, store| code_trap(rt::table_set(store, cx.instance, table, i, value)))
}

extern "C" fn lf_table_size(vmctx: *mut VmCtx, table: u32) -> u32 {
    with(vmctx, |cx, store| Ok(rt::table_size(store, cx.instance, table)))
}

extern "C" fn lf_table_grow(vmctx: *mut VmCtx, table: u32, init: u64, n: u32) -> u32 {
    with(vmctx, |cx, store| {
        code_trap(rt::charge_units(store, n as u64))?;
        Ok(rt::table_grow(store, cx.instance, table, n, init) as u32)
    })
}

extern "C" fn lf_table_fill(vmctx: *mut VmCtx, table: u32, i: u32, value: u64, n: u32) {
    with(vmctx, |cx, store| {
        code_trap(rt::charge_units(store, n as u64))?;
        code_trap(rt::table_fill(store, cx.instance, table, i as usize, value, n as usize))
    })
}

extern "C" fn lf_table_copy(vmctx: *mut VmCtx, dt: u32, st: u32, d: u32, s: u32, n: u32) {
    with(vmctx, |cx, store| {
        code_trap(rt::charge_units(store, n as u64))?;
        code_trap(rt::table_copy(store, cx.instance, dt, st, d as usize, s as usize, n as usize))
    })
}

extern "C" fn lf_table_init(vmctx: *mut VmCtx, table: u32, elem: u32, d: u32, s: u32, n: u32) {
    with(vmctx, |cx, store| {
        code_trap(rt::charge_units(store, n as u64))?;
        code_trap(rt::table_init(store, cx.instance, table, elem, d as usize, s as usize, n as usize))
    })
}

extern "C" fn lf_elem_drop(vmctx: *mut VmCtx, elem: u32) {
    with(vmctx, |cx, store| {
        rt::elem_drop(store, cx.instance, elem);
        Ok(())
    })
}

extern "C" fn lf_ref_func(vmctx: *mut VmCtx, func: u32) -> u64 {
    with(vmctx, |cx, store| Ok(rt::ref_func(store, cx.instance, func)))
}

/// Runs a pure SIMD op on a spilled frame.
extern "C" fn lf_simd(op: *const Op, frame: *mut u64) {
    // SAFETY: `op` points into IR the compiled code keeps alive (`Code::ir`), and
    // `frame` is native code's spill buffer holding every slot of the frame.
    unsafe {
        life_interp::native_support::execute_simd(&*op, frame);
    }
}
