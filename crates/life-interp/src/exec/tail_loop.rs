//! Threaded dispatch: one function per op, each ending with a call to the next op's handler.
//!
//! Every handler has the same signature, takes the hot state (`ip`, `sp`, the memory view and
//! the accumulator; the body's `ops`, needed only by branches, stays in `Cx`) in argument
//! registers and finds the next handler's address beside the next op (`code::Instr`, filled in
//! from `HANDLERS` when the body's code is built), so each op ends in its own indirect jump, which the branch predictor learns per op, and no
//! state is spilled between ops. This relies on LLVM turning the call in tail position into a
//! jump (sibling-call optimization): stable Rust cannot demand it, so `build.rs` enables this
//! loop only where it happens (optimized x86_64 builds), and `tests/it/dispatch.rs` checks that
//! long runs of every kind of op keep the host stack flat. The handlers are the same arms as
//! the `match` loop's (`handlers.rs`).

use super::{Cx, Done, Exit, Hot, Mem, PauseReason, bulk, code::Instr, same, simd};
use life_decode::{TrapCode, ir::Op, semantics as sem};

/// Generates `Code` (every op's position in `for_each_op!`, its index in `HANDLERS`) and `code`.
macro_rules! op_codes {
    ($( $(#[$doc:meta])* $name:ident = $snake:ident $fields:tt $facts:tt; )*) => {
        /// Every op's position in `for_each_op!`.
        #[allow(dead_code)]
        #[derive(Clone, Copy)]
        enum Code {
            $( $name, )*
        }

        /// How many ops there are.
        const COUNT: usize = [$( Code::$name ),*].len();

        /// The op's position in `for_each_op!`: the identity on the enum's tag, so it compiles
        /// to one load.
        #[inline(always)]
        fn code(op: &Op) -> usize {
            match op {
                $( Op::$name { .. } => Code::$name as usize, )*
            }
        }
    };
}
life_decode::for_each_op!(op_codes);

/// A handler: the cold state, then the hot state in registers (`ip` at the handler's op, `sp`,
/// the memory's base and length, the accumulator). Six words: x86_64 passes six in registers.
pub(super) type Handler = unsafe fn(&mut Cx<'_>, *const Instr, *mut u64, *mut u8, usize, u64) -> Done;

/// The handler of `op`, for its `Instr`.
pub(super) fn handler_of(op: &Op) -> Handler {
    HANDLERS[code(op)]
}

/// Calls the handler of the op at `hot.ip`; in tail position, this compiles to a jump.
/// `hot.ops` must already be in `cx.ops`.
///
/// # Safety
///
/// `hot` must be the loop's state at an op of the running body.
#[inline(always)]
unsafe fn next(cx: &mut Cx<'_>, hot: Hot, acc: u64) -> Done {
    // SAFETY: the caller guarantees `ip` points at an op of the running body's code.
    let handler = unsafe { (*hot.ip).handler };
    // SAFETY: the handler of this op, called with the state it expects.
    unsafe { handler(cx, hot.ip, hot.sp, hot.mem.base, hot.mem.len, acc) }
}

/// Runs ops from `hot` until the entry function returns, a trap or a pause.
#[cfg_attr(not(life_threaded), allow(dead_code))]
pub(super) fn run(cx: &mut Cx<'_>, hot: Hot) -> Done {
    // SAFETY: `execute` starts at an op of the running body, which is never an accumulator
    // form (it is the body's first op, a `consume_gas` or the op after a call).
    unsafe { next(cx, hot, 0) }
}

/// The calls `call_same_instance` leaves: the handler stores the operands in `cx` and jumps to
/// `call_any`, so that the handler itself makes no call and needs no stack frame.
macro_rules! call_any {
    ($cx:ident, $addr:expr, $cb:expr, $ip:ident, $sp:ident, $mem:ident, $ops:ident, $acc:ident) => {{
        $cx.pending_call = ($addr, $cb);
        // SAFETY: the loop's state after the call op, as `call_any` expects.
        return unsafe { call_any($cx, $ip, $sp, $mem.base, $mem.len, $acc) };
    }};
}
/// The tail calls `tail_call_same_instance` leaves, likewise through a jump to `tail_call_any`.
macro_rules! tail_call_any {
    ($cx:ident, $addr:expr, $cb:expr, $ip:ident, $sp:ident, $mem:ident, $ops:ident, $acc:ident) => {{
        $cx.pending_call = ($addr, $cb);
        // SAFETY: the loop's state after the tail call op, as `tail_call_any` expects.
        return unsafe { tail_call_any($cx, $ip, $sp, $mem.base, $mem.len, $acc) };
    }};
}
/// The returns `ret_same_instance` leaves, likewise through a jump to `ret_any`.
macro_rules! ret_any {
    ($cx:ident, $ip:ident, $sp:ident, $mem:ident, $ops:ident, $acc:ident) => {{
        // SAFETY: the loop's state at the return, as `ret_any` expects.
        return unsafe { ret_any($cx, $ip, $sp, $mem.base, $mem.len, $acc) };
    }};
}

/// Runs `Cx::call_any` for the call in `cx.pending_call`, then the next op.
///
/// The state goes in and comes back through `cx.resume`, not as an argument and a return value:
/// either would live in this frame and be passed by pointer, which keeps the call to `next`
/// from being a jump.
///
/// # Safety
///
/// As for every handler, with `ip` after the call op.
#[inline(never)]
unsafe fn call_any(cx: &mut Cx<'_>, ip: *const Instr, sp: *mut u64, base: *mut u8, len: usize, _acc: u64) -> Done {
    // Passed through `cx` too: a `Hot` argument would be a pointer to this frame.
    cx.resume = Hot { ip, sp, mem: Mem { base, len }, ops: cx.ops };
    if !cx.call_any_into_resume() {
        return Done;
    }
    // SAFETY: the callee's first op, or the caller's next one after a host function; neither
    // is an accumulator form.
    unsafe { next(cx, cx.resume, 0) }
}

/// Runs `Cx::tail_call_any` for the tail call in `cx.pending_call`, then the next op; the state
/// goes in and comes back as in `call_any`.
///
/// # Safety
///
/// As for every handler, with `ip` after the tail call op.
#[inline(never)]
unsafe fn tail_call_any(cx: &mut Cx<'_>, ip: *const Instr, sp: *mut u64, base: *mut u8, len: usize, _acc: u64) -> Done {
    cx.resume = Hot { ip, sp, mem: Mem { base, len }, ops: cx.ops };
    if !cx.tail_call_any_into_resume() {
        return Done;
    }
    // SAFETY: the callee's first op, or the `return` after the tail call op once a host
    // function returned; neither is an accumulator form.
    unsafe { next(cx, cx.resume, 0) }
}

/// Runs `Cx::ret_any`, then the caller's next op; the state comes back as in `call_any`.
///
/// # Safety
///
/// As for every handler.
#[inline(never)]
unsafe fn ret_any(cx: &mut Cx<'_>, ip: *const Instr, sp: *mut u64, base: *mut u8, len: usize, acc: u64) -> Done {
    let _ = (ip, sp, base, len, acc);
    if !cx.ret_any_into_resume() {
        return Done;
    }
    // SAFETY: the caller's next op, which follows a call and so is no accumulator form.
    unsafe { next(cx, cx.resume, 0) }
}

/// Expands the handler arms into one function each (one more per accumulator form, with the
/// same body reading its operand from the accumulator), and `HANDLERS`.
macro_rules! tail_handlers {
    ([$cx:ident, $ip:ident, $sp:ident, $mem:ident, $ops:ident, $acc:ident]
     $( $name:ident $fields:tt $([ $($which:ident : $form:ident),* ])? => $body:expr ),* $(,)?) => {
        /// One function per op with an arm.
        #[allow(non_snake_case)]
        mod op {
            use super::*;
            $(
                tail_handler!($name, $fields, $body, none, [$cx, $ip, $sp, $mem, $ops, $acc]);
                $($(
                    tail_handler!($form, $fields, $body, $which, [$cx, $ip, $sp, $mem, $ops, $acc]);
                )*)?
            )*
        }

        /// Every op's handler, indexed by `code`: the pure SIMD ops share `simd_op`. Built at
        /// compile time, which fails if an op of the list has no handler.
        static HANDLERS: [Handler; COUNT] = {
            let mut table: [Option<Handler>; COUNT] = [None; COUNT];
            $(
                table[Code::$name as usize] = Some(op::$name);
                $($( table[Code::$form as usize] = Some(op::$form); )*)?
            )*
            let mut k = 0;
            while k < SIMD_CODES.len() {
                table[SIMD_CODES[k]] = Some(simd_op);
                k += 1;
            }
            let mut handlers = [simd_op as Handler; COUNT];
            let mut i = 0;
            while i < COUNT {
                handlers[i] = match table[i] {
                    Some(handler) => handler,
                    None => panic!("an op of `for_each_op!` has no handler in exec/handlers.rs"),
                };
                i += 1;
            }
            handlers
        };
    };
}

/// The codes of the pure SIMD ops, which `simd_op` runs.
macro_rules! simd_codes {
    ($( $(#[$doc:meta])* $name:ident = $snake:ident $fields:tt $facts:tt; )*) => {
        [$( Code::$name as usize ),*]
    };
}
const SIMD_CODES: &[usize] = &life_decode::for_each_simd_op!(simd_codes);

/// One handler function: op `$name`'s fields, then `$body` (reading field `$which` from the
/// accumulator; `none` for a base op), then a jump to the next op.
macro_rules! tail_handler {
    ($name:ident, $fields:tt, $body:expr, $which:ident,
     [$cx:ident, $ip:ident, $sp:ident, $mem:ident, $ops:ident, $acc:ident]) => {
        /// # Safety
        ///
        /// `ip` points at an op of this variant in the running body, and the rest is the
        /// loop's state there.
        #[allow(unused_mut, unused_variables, unused_assignments, unreachable_code, clippy::unnecessary_cast)]
        pub(super) unsafe fn $name(
            $cx: &mut Cx<'_>,
            mut $ip: *const Instr,
            mut $sp: *mut u64,
            mem_base: *mut u8,
            mem_len: usize,
            mut $acc: u64,
        ) -> Done {
            acc_consts!($which);
            let mut $mem = Mem { base: mem_base, len: mem_len };
            let mut $ops = $cx.ops;
            helpers!($cx, $ip, $sp, $mem, $ops, $acc);
            // SAFETY: `HANDLERS` calls this function only for this variant.
            let Op::$name $fields = (unsafe { (*$ip).op }) else {
                // SAFETY: as above.
                unsafe { std::hint::unreachable_unchecked() }
            };
            // SAFETY: translation ends every body with a terminator, so the next op exists.
            $ip = unsafe { $ip.add(1) };
            $body;
            // SAFETY: a handler leaves `ip` at the next op or a branch target, both in the
            // body, or switched the whole state (and `cx.ops`) to another frame.
            unsafe { next($cx, Hot { ip: $ip, sp: $sp, mem: $mem, ops: $ops }, $acc) }
        }
    };
}

handlers!(tail_handlers![cx, ip, sp, mem, ops, acc]);

/// The pure SIMD ops, run out of line in `exec/simd.rs`.
///
/// # Safety
///
/// As for every handler: `ip` points at an op of the running body and the rest is the loop's
/// state there.
unsafe fn simd_op(cx: &mut Cx<'_>, ip: *const Instr, sp: *mut u64, base: *mut u8, len: usize, acc: u64) -> Done {
    // SAFETY: `ip` points at an op; `sp` is the current frame's slot 0, and translation only
    // emits slots inside the frame, two consecutive ones for a `v128`. The op is passed by
    // reference into the body, not copied to the stack, so nothing here keeps the call to the
    // next handler from being a jump.
    let handled = unsafe { simd::execute(&(*ip).op, sp) };
    // SAFETY: as above.
    debug_assert!(handled, "`{}` is in the SIMD group", unsafe { (*ip).op.name() });
    // SAFETY: the body ends with a terminator, so the next op exists.
    unsafe { next(cx, Hot { ip: ip.add(1), sp, mem: Mem { base, len }, ops: cx.ops }, acc) }
}
