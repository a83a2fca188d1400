//! Leaving a native call at once: traps and guard-page faults (x86-64 Linux).
//!
//! Code compiled for guarded memories (`guard.rs`) does not check bounds: an access out of
//! bounds touches a page without access rights and the CPU raises `SIGSEGV`. Any trap, faulted
//! or raised by a check, then leaves the whole call in one jump. This module
//!
//! 1. enters native code through [`enter`], a small assembly stub that saves the callee-saved
//!    registers and its own stack and frame pointers in the context's [`Landing`], and notes
//!    the context as this thread's innermost native call;
//! 2. gives compiled code `life_aot_raise` (a libcall that never returns): [`on_raise`] raises
//!    the trap, walks the frame pointers of the compiled frames to record the stack trace (the
//!    frames unwinding through every caller would record), then resumes the entry stub with
//!    its saved stack: the stub restores the callee-saved registers and returns "trapped";
//! 3. installs a `SIGSEGV` handler once per process. The handler claims a fault only when this
//!    thread is in a native call, the faulting instruction is in that call's module's code, and
//!    the faulting address is in the memory's guarded span; it then rewrites the interrupted
//!    context so that, when the handler returns, the thread continues in `life_aot_fault` on
//!    the same stack below the faulting frame, which calls [`on_fault`] (ordinary Rust, outside
//!    the signal handler) and leaves as in 2. Every other fault goes to the handler that was
//!    installed before (Rust's stack-overflow report, a sanitizer's, or the default action).
//!
//! No Rust frame is skipped: the frames between the stub and the trap are all compiled code,
//! which owns nothing to drop. An embedder that installs its own `SIGSEGV` handler afterwards
//! must pass on the faults it does not handle, as ours does.

use crate::vmctx::VmCtx;
use life_decode::TrapCode;
use std::{cell::Cell, ffi::c_void, sync::OnceLock};

/// Where the entry stub resumes when a fault ends the call: its stack and frame pointers.
#[repr(C)]
#[derive(Default)]
pub(crate) struct Landing {
    rsp: usize,
    rbp: usize,
}

thread_local! {
    /// The innermost native call of this thread (null outside native code).
    static ACTIVE: Cell<*mut VmCtx> = const { Cell::new(std::ptr::null_mut()) };
}

// `life_aot_enter(trampoline, vmctx, function, slots, budget, landing) -> trapped`: calls
// `trampoline(vmctx, function, slots, budget)` and returns 0, or 1 when `life_aot_fault`
// resumes it. `life_aot_fault` is entered (by the signal handler) with the context, the
// faulting pc and frame pointer in the argument registers and an aligned stack.
std::arch::global_asm!(
    ".text",
    ".p2align 4",
    ".globl life_aot_enter",
    ".type life_aot_enter,@function",
    "life_aot_enter:",
    "push rbp",
    "mov rbp, rsp",
    "push rbx",
    "push r12",
    "push r13",
    "push r14",
    "push r15",
    "sub rsp, 8",
    "mov [r9], rsp",
    "mov [r9 + 8], rbp",
    "mov rax, rdi",
    "mov rdi, rsi",
    "mov rsi, rdx",
    "mov rdx, rcx",
    "mov rcx, r8",
    "call rax",
    "xor eax, eax",
    "2:",
    "add rsp, 8",
    "pop r15",
    "pop r14",
    "pop r13",
    "pop r12",
    "pop rbx",
    "pop rbp",
    "ret",
    "life_aot_resume_trapped:",
    "mov eax, 1",
    "jmp 2b",
    ".size life_aot_enter, . - life_aot_enter",
    "",
    ".p2align 4",
    ".globl life_aot_raise",
    ".type life_aot_raise,@function",
    "life_aot_raise:",
    "mov rcx, rbp",
    "sub rsp, 8",
    "call {on_raise}",
    "mov rsp, [rax]",
    "mov rbp, [rax + 8]",
    "jmp life_aot_resume_trapped",
    ".size life_aot_raise, . - life_aot_raise",
    "",
    ".p2align 4",
    ".globl life_aot_fault",
    ".type life_aot_fault,@function",
    "life_aot_fault:",
    "call {on_fault}",
    "mov rsp, [rax]",
    "mov rbp, [rax + 8]",
    "jmp life_aot_resume_trapped",
    ".size life_aot_fault, . - life_aot_fault",
    on_fault = sym on_fault,
    on_raise = sym on_raise,
);

unsafe extern "C" {
    fn life_aot_enter(
        trampoline: *const u8,
        vmctx: *mut c_void,
        func: *const u8,
        slots: *mut u64,
        budget: i64,
        landing: *mut Landing,
    ) -> u32;
    fn life_aot_fault();
    /// `life_aot_raise(vmctx, code, func)`, called by compiled code and never returning: see
    /// [`on_raise`].
    pub(crate) fn life_aot_raise(vmctx: *mut c_void, code: u32, func: u32);
}

/// Runs `trampoline(cx, func, slots, budget)` as this thread's innermost native call; a fault
/// in guarded memory ends it with the trap raised in `cx`.
///
/// # Safety
///
/// As for calling the trampoline directly: it and `func` were compiled for this shape, and
/// `cx` and `slots` outlive the call.
pub(crate) unsafe fn enter(trampoline: *const u8, cx: &mut VmCtx, func: *const u8, slots: *mut u64, budget: i64) {
    let cx: *mut VmCtx = cx;
    let outer = ACTIVE.with(|a| a.replace(cx));
    // SAFETY: the caller's guarantees; the stub only adds a frame around the call.
    unsafe { life_aot_enter(trampoline, cx.cast(), func, slots, budget, &raw mut (*cx).landing) };
    ACTIVE.with(|a| a.set(outer));
}

/// Called by `life_aot_fault` after the handler claimed a fault at `pc` with frame pointer
/// `fp`: raises the trap, records the trace, and tells the stub where to resume.
extern "C" fn on_fault(cx: *mut VmCtx, pc: usize, fp: usize) -> *const Landing {
    // SAFETY: the handler passes the context of the running call, whose frames are intact
    // above this one.
    let cx = unsafe { &mut *cx };
    // SAFETY: `pc` and `fp` are the fault's, as the handler read them.
    let done = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| unsafe { record_fault(cx, pc, fp) }));
    if done.is_err() {
        // Nothing can unwind through the stubs and compiled frames.
        std::process::abort();
    }
    &cx.landing
}

/// Called by `life_aot_raise` from the compiled function whose frame pointer is `fp`: raises
/// trap `code` (an index into `TrapCode::ALL`; `u32::MAX` when a trap is already pending),
/// records the function (`func`, unless `u32::MAX`: entry checks leave it to the caller, as
/// the interpreter does) and its callers, and tells the stub where to resume. Compiled code
/// thus leaves the call in one jump, and callers need not test for a trap after each call.
extern "C" fn on_raise(cx: *mut VmCtx, code: u32, func: u32, fp: usize) -> *const Landing {
    // SAFETY: compiled code passes its own context; its frames are intact above this one.
    let cx = unsafe { &mut *cx };
    let done = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        if code != u32::MAX {
            let code = TrapCode::ALL.get(code as usize).copied().unwrap_or(TrapCode::Unreachable);
            cx.raise(code.into());
        }
        if func != u32::MAX {
            crate::libcalls::unwind_frame(cx, func);
        }
        // SAFETY: `fp` is the frame pointer of the compiled function that called the stub.
        unsafe { record_callers(cx, fp) };
    }));
    if done.is_err() {
        std::process::abort();
    }
    &cx.landing
}

/// Raises `out of bounds memory access` and records the faulting function and its callers.
///
/// # Safety
///
/// `pc` and `fp` are the faulting instruction and its frame pointer in a call of `cx`.
unsafe fn record_fault(cx: &mut VmCtx, pc: usize, fp: usize) {
    cx.raise(TrapCode::MemoryOutOfBounds.into());
    // SAFETY: the context's code outlives the call.
    let Some(func) = (unsafe { &*cx.code }).func_at(pc) else { return };
    crate::libcalls::unwind_frame(cx, func);
    // SAFETY: the caller's guarantee.
    unsafe { record_callers(cx, fp) };
}

/// Records the compiled callers of the frame whose frame pointer is `fp`, innermost first,
/// following the frame pointers while return addresses lie in the module's functions (the
/// trampoline's does not: it called the entry function).
///
/// # Safety
///
/// `fp` is the frame pointer of a compiled frame of the call `cx` runs.
unsafe fn record_callers(cx: &mut VmCtx, mut fp: usize) {
    // SAFETY: the context's code outlives the call.
    let code = unsafe { &*cx.code };
    // Compiled frames lie between this one and the entry stub's frame.
    while fp != 0 && fp < cx.landing.rbp && fp.is_multiple_of(8) {
        // SAFETY: every compiled function keeps a frame pointer (`preserve_frame_pointers`):
        // at `fp` its caller's frame pointer, then the return address into the caller.
        let (caller_fp, ret) = unsafe { (*(fp as *const usize), *((fp + 8) as *const usize)) };
        let Some(caller) = code.func_at(ret) else { return };
        crate::libcalls::unwind_frame(cx, caller);
        fp = caller_fp;
    }
}

/// The handler that was installed before ours.
static PREVIOUS: OnceLock<Result<libc::sigaction, String>> = OnceLock::new();

/// Installs the `SIGSEGV` handler (once per process).
///
/// # Errors
///
/// The system's reason if the handler cannot be installed.
pub(crate) fn install() -> Result<(), String> {
    let result = PREVIOUS.get_or_init(|| {
        // SAFETY: plain `sigaction` calls with initialized structures.
        unsafe {
            let mut action: libc::sigaction = std::mem::zeroed();
            action.sa_sigaction = on_signal as *const () as usize;
            action.sa_flags = libc::SA_SIGINFO | libc::SA_ONSTACK;
            libc::sigemptyset(&mut action.sa_mask);
            let mut previous: libc::sigaction = std::mem::zeroed();
            if libc::sigaction(libc::SIGSEGV, &action, &mut previous) != 0 {
                return Err(format!("cannot install the SIGSEGV handler: {}", std::io::Error::last_os_error()));
            }
            Ok(previous)
        }
    });
    result.as_ref().map(|_| ()).map_err(Clone::clone)
}

/// The `SIGSEGV` handler: resumes a claimed fault in `life_aot_fault`, passes on the rest.
unsafe extern "C" fn on_signal(signal: libc::c_int, info: *mut libc::siginfo_t, context: *mut c_void) {
    let cx = ACTIVE.with(Cell::get);
    // SAFETY: the kernel passes a valid `siginfo_t` and `ucontext_t`; `cx`, when set, is the
    // context of the native call running on this thread, which the fault interrupted.
    unsafe {
        if !cx.is_null() {
            let regs = &mut (*context.cast::<libc::ucontext_t>()).uc_mcontext.gregs;
            let pc = regs[libc::REG_RIP as usize] as usize;
            if (*cx).owns_fault(pc, (*info).si_addr() as usize) {
                // Leave the faulting frame (and a red zone) alone; 16-byte aligned for the call.
                let sp = (regs[libc::REG_RSP as usize] as usize - 256) & !15;
                regs[libc::REG_RDI as usize] = cx as i64;
                regs[libc::REG_RSI as usize] = pc as i64;
                regs[libc::REG_RDX as usize] = regs[libc::REG_RBP as usize];
                regs[libc::REG_RSP as usize] = sp as i64;
                regs[libc::REG_RIP as usize] = life_aot_fault as *const () as i64;
                return;
            }
        }
        pass_on(signal, info, context);
    }
}

/// Hands a fault that is not ours to the previous handler. For the default action (or an
/// ignored signal, which for a fault means the same), that handler is reinstated and the
/// fault repeats when this handler returns.
unsafe fn pass_on(signal: libc::c_int, info: *mut libc::siginfo_t, context: *mut c_void) {
    let Some(Ok(previous)) = PREVIOUS.get() else { return };
    // SAFETY: `previous` is what `sigaction` reported; calling it is what the kernel would do.
    unsafe {
        if previous.sa_sigaction == libc::SIG_DFL || previous.sa_sigaction == libc::SIG_IGN {
            libc::sigaction(signal, previous, std::ptr::null_mut());
        } else if previous.sa_flags & libc::SA_SIGINFO != 0 {
            let handler: unsafe extern "C" fn(libc::c_int, *mut libc::siginfo_t, *mut c_void) =
                std::mem::transmute(previous.sa_sigaction);
            handler(signal, info, context);
        } else {
            let handler: unsafe extern "C" fn(libc::c_int) = std::mem::transmute(previous.sa_sigaction);
            handler(signal);
        }
    }
}
