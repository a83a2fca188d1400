//! The portable dispatch loop: one `match` over the op, with every handler as an arm.
//!
//! It is what debug builds and targets other than x86_64 run (see `build.rs`): it needs nothing
//! from the optimizer, and a `match` on the op's tag compiles to one jump table.

use super::{Cx, Done, Exit, Hot, PauseReason, bulk, same, simd};
use life_decode::{TrapCode, ir::Op, ops_pattern, semantics as sem};

/// Expands the handler arms into one `match` on the op at `ip`, with an arm for each
/// accumulator form, the pure SIMD ops falling through to `exec/simd.rs`.
macro_rules! match_arms {
    ([$cx:ident, $ip:ident, $sp:ident, $mem:ident, $ops:ident, $acc:ident]
     $( $name:ident $fields:tt $([ $($which:ident : $form:ident),* ])? => $body:expr ),* $(,)?) => {{
        // SAFETY: translation ends every body with a terminator and resolves every branch
        // target inside the body, so `ip` is always in bounds.
        let op = unsafe { (*$ip).op };
        // SAFETY: as above; the next op exists because the body ends with a terminator.
        $ip = unsafe { $ip.add(1) };
        match op {
            $(
                Op::$name $fields => $body,
                $($( Op::$form $fields => {
                    acc_consts!($which);
                    $body
                } )*)?
            )*
            // The pure SIMD ops run out of line, in `exec/simd.rs`. No other arm: an op of the
            // list without a handler is a compile error here.
            life_decode::for_each_simd_op!(ops_pattern) => {
                // SAFETY: `sp` is the current frame's slot 0, and translation only emits slots
                // inside the frame (see `get!`), two consecutive ones for a `v128`.
                let handled = unsafe { simd::execute(&op, $sp) };
                debug_assert!(handled, "`{}` is in the SIMD group", op.name());
            }
        }
    }};
}

/// The calls and returns `call_same_instance` and `ret_same_instance` leave, run in place.
macro_rules! call_any {
    ($cx:ident, $addr:expr, $cb:expr, $ip:ident, $sp:ident, $mem:ident, $ops:ident, $acc:ident) => {
        switch!($cx.call_any($addr, $cb, Hot { ip: $ip, sp: $sp, mem: $mem, ops: $ops }))
    };
}
macro_rules! tail_call_any {
    ($cx:ident, $addr:expr, $cb:expr, $ip:ident, $sp:ident, $mem:ident, $ops:ident, $acc:ident) => {
        switch!($cx.tail_call_any($addr, $cb, Hot { ip: $ip, sp: $sp, mem: $mem, ops: $ops }))
    };
}
macro_rules! ret_any {
    ($cx:ident, $ip:ident, $sp:ident, $mem:ident, $ops:ident, $acc:ident) => {
        switch!($cx.ret_any())
    };
}

/// Runs ops from `hot` until the entry function returns, a trap or a pause.
#[inline(always)]
#[allow(unused_assignments)] // the accumulator is written by every `set!`, read by few arms
pub(super) fn run(cx: &mut Cx<'_>, hot: Hot) -> Done {
    let Hot { mut ip, mut sp, mut mem, mut ops } = hot;
    let mut acc: u64 = 0;
    // No op reads the accumulator but the accumulator forms, whose arms shadow these.
    acc_consts!(none);
    helpers!(cx, ip, sp, mem, ops, acc);
    loop {
        handlers!(match_arms![cx, ip, sp, mem, ops, acc]);
    }
}
