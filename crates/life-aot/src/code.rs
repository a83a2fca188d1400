//! `Code`: a module's native code, and the entry from the host into it.

use crate::vmctx::VmCtx;
use cranelift_jit::JITModule;
use life_interp::{CompiledModule, Store, Trap, native::rt};
use std::{sync::Arc, time::Duration};

/// Signature of the per-shape trampolines: `(vmctx, function, slots, budget)`.
#[cfg(not(all(target_os = "linux", target_arch = "x86_64")))]
type Trampoline = unsafe extern "C" fn(*mut VmCtx, *const u8, *mut u64, i64);

/// The native code of one module.
pub(crate) struct Code {
    /// The IR: the SIMD fallback passes pointers to its ops, so it must outlive the code.
    pub module: Arc<life_decode::Module>,
    /// Owns the executable memory; freed on drop.
    pub jit: Option<JITModule>,
    /// Entry of each defined function.
    pub funcs: Vec<*const u8>,
    /// The trampoline for each defined function's shape.
    pub trampolines: Vec<*const u8>,
    pub compile_time: Duration,
    pub code_size: usize,
    /// Native stack the guest may use, in bytes.
    pub max_stack: usize,
    /// Whether memory accesses are left unchecked for guard pages to catch (`guard.rs`).
    pub guarded: bool,
    /// `(start, end, function)` of each defined function's machine code, by address, to name
    /// the functions of a trace from their return addresses (`signals.rs`).
    #[cfg_attr(not(all(target_os = "linux", target_arch = "x86_64")), allow(dead_code))]
    pub ranges: Vec<(usize, usize, u32)>,
    /// IR whose ops the code points at (the SIMD fallback's; `compile::Compiled::ir`).
    pub ir: Vec<life_decode::ir::FuncBody>,
}

// SAFETY: the code is immutable once finalized and the pointers are to that code; the JIT
// module is only touched again when dropped.
unsafe impl Send for Code {}
// SAFETY: as above.
unsafe impl Sync for Code {}

impl Drop for Code {
    fn drop(&mut self) {
        if let Some(jit) = self.jit.take() {
            // SAFETY: no native code of this module is running: every `Store` that ran it
            // holds an `Arc` of this `Code` through its instances' modules.
            unsafe { jit.free_memory() };
        }
    }
}

impl Code {
    pub(crate) fn func_ptrs(&self) -> *const *const u8 {
        self.funcs.as_ptr()
    }

    pub(crate) fn func_ptr(&self, index: u32) -> *const u8 {
        self.funcs[index as usize]
    }

    pub(crate) fn num_imported_funcs(&self) -> u32 {
        self.module.num_imported_funcs
    }

    /// The defined function whose machine code holds `pc`. Allocation-free: the signal handler
    /// calls it.
    #[cfg_attr(not(all(target_os = "linux", target_arch = "x86_64")), allow(dead_code))]
    pub(crate) fn func_at(&self, pc: usize) -> Option<u32> {
        let i = self.ranges.partition_point(|&(start, ..)| start <= pc).checked_sub(1)?;
        let (_, end, func) = self.ranges[i];
        (pc < end).then_some(func)
    }
}

/// Runs `trampoline(cx, func, slots, budget)`; with guard pages, through the entry stub that
/// turns faults into traps.
///
/// # Safety
///
/// The trampoline and `func` were compiled for the function's shape; `cx` and `slots` outlive
/// the call.
unsafe fn run(trampoline: *const u8, cx: &mut VmCtx, func: *const u8, slots: *mut u64, budget: i64) {
    #[cfg(all(target_os = "linux", target_arch = "x86_64"))]
    // SAFETY: the caller's guarantees.
    unsafe {
        crate::signals::enter(trampoline, cx, func, slots, budget)
    }
    #[cfg(not(all(target_os = "linux", target_arch = "x86_64")))]
    // SAFETY: the caller's guarantees.
    unsafe {
        let trampoline: Trampoline = std::mem::transmute(trampoline);
        trampoline(cx, func, slots, budget)
    }
}

/// An address near the current stack pointer.
#[inline(never)]
fn stack_pointer() -> usize {
    let marker = 0u8;
    std::hint::black_box(&marker) as *const u8 as usize
}

/// Stack kept free below the guest's frames for what runs on top of them: libcalls, host
/// functions, the trap path and the signal handler.
const STACK_MARGIN: usize = 96 << 10;

/// The lowest usable address of the calling thread's stack, if the platform tells.
///
/// Asked once per thread (reading the main thread's bounds opens `/proc/self/maps`).
fn thread_stack_low() -> Option<usize> {
    thread_local! {
        static LOW: std::cell::Cell<Option<Option<usize>>> = const { std::cell::Cell::new(None) };
    }
    LOW.with(|low| {
        if low.get().is_none() {
            low.set(Some(query_stack_low()));
        }
        low.get().flatten()
    })
}

#[cfg(any(target_os = "linux", target_os = "android", target_os = "freebsd"))]
fn query_stack_low() -> Option<usize> {
    // SAFETY: `attr` is initialized by `pthread_getattr_np` (FreeBSD: `pthread_attr_get_np`
    // after `pthread_attr_init`) before it is read, and destroyed once.
    unsafe {
        let mut attr: libc::pthread_attr_t = std::mem::zeroed();
        #[cfg(target_os = "freebsd")]
        {
            if libc::pthread_attr_init(&mut attr) != 0 {
                return None;
            }
            if libc::pthread_attr_get_np(libc::pthread_self(), &mut attr) != 0 {
                libc::pthread_attr_destroy(&mut attr);
                return None;
            }
        }
        #[cfg(not(target_os = "freebsd"))]
        if libc::pthread_getattr_np(libc::pthread_self(), &mut attr) != 0 {
            return None;
        }
        let (mut addr, mut size, mut guard) = (std::ptr::null_mut(), 0usize, 0usize);
        let ok = libc::pthread_attr_getstack(&attr, &mut addr, &mut size) == 0;
        libc::pthread_attr_getguardsize(&attr, &mut guard);
        libc::pthread_attr_destroy(&mut attr);
        // The guard page may or may not be inside the reported range: skip it either way.
        ok.then(|| addr as usize + guard)
    }
}

#[cfg(target_os = "macos")]
fn query_stack_low() -> Option<usize> {
    // SAFETY: plain queries about the calling thread.
    unsafe {
        let this = libc::pthread_self();
        let top = libc::pthread_get_stackaddr_np(this) as usize;
        Some(top.saturating_sub(libc::pthread_get_stacksize_np(this)))
    }
}

#[cfg(not(any(target_os = "linux", target_os = "android", target_os = "freebsd", target_os = "macos")))]
fn query_stack_low() -> Option<usize> {
    None
}

/// Where native code must stop using the stack: `max_stack` below the current frame, but never
/// past the thread's real stack (less a margin), whatever the thread's size.
fn stack_limit(max_stack: usize) -> usize {
    let wanted = stack_pointer().saturating_sub(max_stack);
    match thread_stack_low() {
        Some(low) => wanted.max(low.saturating_add(STACK_MARGIN)),
        None => wanted,
    }
}

impl CompiledModule for Code {
    fn call(&self, store: &mut Store, instance: u32, index: u32, slots: &mut [u64]) -> Result<(), Trap> {
        let frames = *rt::frames(store);
        let outermost = frames.stack_limit == 0;
        let stack_limit = if outermost { stack_limit(self.max_stack) } else { frames.stack_limit };
        // A call from native code through the runtime continues its caller's depth and slots.
        let (depth, base) = if frames.depth == 0 { (1, 0) } else { (frames.depth, frames.base) };
        {
            let f = rt::frames(store);
            f.stack_limit = stack_limit.max(1);
            f.depth = 0;
            f.base = 0;
        }
        if self.guarded && rt::memories_guarded_len(store, instance) < crate::GUARDED_SPAN {
            // Only a store whose memories came from `Polymerase::memory_creator` can run code
            // compiled for guard pages.
            return Err(Trap::host("polymerase: code compiled for guard pages runs on a memory without them"));
        }
        let mut cx = VmCtx::take(store, instance, self, stack_limit);
        let ty = self.module.func_type(self.module.num_imported_funcs + index);
        let need = ty.param_slots().max(ty.result_slots()) as usize;
        assert!(slots.len() >= need, "slot buffer too small");
        // SAFETY: the trampoline and function were compiled for this function's shape; `cx`
        // and `slots` outlive the call; the store is reached only through `cx` meanwhile.
        unsafe {
            let budget = cx.budget(depth, base);
            run(self.trampolines[index as usize], &mut cx, self.funcs[index as usize], slots.as_mut_ptr(), budget);
        }
        rt::set_gas_left(store, cx.gas_left);
        if outermost {
            rt::frames(store).stack_limit = 0;
        }
        let outcome = match cx.trap_value.take() {
            None => Ok(()),
            Some(trap) => {
                if cx.trace.is_empty() && trap.trace().is_empty() {
                    // The entry function's own entry checks failed: the interpreter names it.
                    cx.trace.push(rt::func_addr(store, instance, self.module.num_imported_funcs + index));
                }
                let mut trace = trap.trace().to_vec();
                trace.extend(rt::trace(store, &cx.trace));
                Err(rt::with_trace(trap, trace))
            }
        };
        VmCtx::give_back(cx);
        outcome
    }

    fn memory_creator(&self) -> Option<Arc<dyn life_interp::native::MemoryCreator>> {
        #[cfg(all(target_os = "linux", target_arch = "x86_64"))]
        if self.guarded {
            return Some(Arc::new(crate::guard::GuardedCreator));
        }
        None
    }

    fn compile_time(&self) -> Duration {
        self.compile_time
    }

    fn code_size(&self) -> usize {
        self.code_size
    }
}
