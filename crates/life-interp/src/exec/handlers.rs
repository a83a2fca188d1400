//! The handlers: what each IR op does, written once and expanded by both dispatch loops.
//!
//! `handlers!` hands every arm, `Name { fields } => body,`, to a callback macro: the `match` loop
//! (`match_loop.rs`) turns them into the arms of one `match`, the threaded loop (`tail_loop.rs`)
//! into one function per op that ends by calling the next op's handler. The hot state (`ip`, the
//! frame's slot pointer `sp`, the memory view `mem`, the body's `ops`, the accumulator `acc`)
//! lives in the driver's locals, whose names the driver passes in; everything else is in `Cx`,
//! reached through `cx`. `helpers!` defines the small macros the arms use (`get!`, `set!`,
//! `load!`, `jump!`, ...) over those names, so an arm reads the same whichever loop runs it.
//!
//! An arm may list the op's accumulator forms after its fields, `Name { fields } [a: NameAccA]
//! => body,` (the forms are life-decode's `for_each_acc_op!`): the drivers expand the same body
//! for each form with `get!(a)` reading the accumulator, which `set!` keeps equal to the value
//! the previous op wrote.
//!
//! Ops without an arm here (the pure SIMD ops) run out of line in `exec/simd.rs`.

/// Defines the arms' helper macros over the driver's names for the hot state.
macro_rules! helpers {
    ($cx:ident, $ip:ident, $sp:ident, $mem:ident, $ops:ident, $acc:ident) => {
        // Slot access. SAFETY (for every use): translation guarantees each slot index is below
        // the body's `frame_slots`, and `prepare_frame` made `base + frame_slots` slots exist;
        // `sp` is refreshed whenever the stack may have been reallocated.
        //
        // A field read by name (`get!(a)`) comes from the accumulator instead when the running
        // op is an accumulator form for that field: the driver defines the constants `ACC_A`,
        // `ACC_B`, `ACC_ADDR` and so on for each arm (see `ir/acc.rs` in life-decode), so the choice is
        // made at compile time (and likewise `ACC_VALUE`, `ACC_COND` and `ACC_SRC`).
        #[allow(unused_macros)]
        macro_rules! get {
            ($s:ident) => {{
                if acc_is!($s) {
                    $acc
                } else {
                    // SAFETY: the slot is inside the current frame (see above).
                    unsafe { *$sp.add($s as usize) }
                }
            }};
            ($s:expr) => {{
                // SAFETY: the slot is inside the current frame (see above).
                unsafe { *$sp.add($s as usize) }
            }};
        }
        #[allow(unused_macros)]
        macro_rules! acc_is {
            (a) => {
                ACC_A
            };
            (b) => {
                ACC_B
            };
            (addr) => {
                ACC_ADDR
            };
            (value) => {
                ACC_VALUE
            };
            (cond) => {
                ACC_COND
            };
            (src) => {
                ACC_SRC
            };
            ($other:ident) => {
                false
            };
        }
        // Writes a slot and leaves the value in the accumulator for the next op.
        #[allow(unused_macros)]
        macro_rules! set {
            ($s:expr, $v:expr) => {{
                let v: u64 = $v;
                // SAFETY: the slot is inside the current frame (see above).
                unsafe { *$sp.add($s as usize) = v };
                $acc = v;
            }};
        }
        #[allow(unused_macros)]
        macro_rules! i32_ {
            ($s:ident) => {
                get!($s) as u32 as i32
            };
            ($s:expr) => {
                get!($s) as u32 as i32
            };
        }
        #[allow(unused_macros)]
        macro_rules! u32_ {
            ($s:ident) => {
                get!($s) as u32
            };
            ($s:expr) => {
                get!($s) as u32
            };
        }
        #[allow(unused_macros)]
        macro_rules! i64_ {
            ($s:ident) => {
                get!($s) as i64
            };
            ($s:expr) => {
                get!($s) as i64
            };
        }
        #[allow(unused_macros)]
        macro_rules! f32_ {
            ($s:ident) => {
                f32::from_bits(get!($s) as u32)
            };
            ($s:expr) => {
                f32::from_bits(get!($s) as u32)
            };
        }
        #[allow(unused_macros)]
        macro_rules! f64_ {
            ($s:ident) => {
                f64::from_bits(get!($s))
            };
            ($s:expr) => {
                f64::from_bits(get!($s))
            };
        }
        #[allow(unused_macros)]
        macro_rules! set_i32 {
            ($s:expr, $v:expr) => {
                set!($s, ($v) as u32 as u64)
            };
        }
        #[allow(unused_macros)]
        macro_rules! set_i64 {
            ($s:expr, $v:expr) => {
                set!($s, ($v) as u64)
            };
        }
        #[allow(unused_macros)]
        macro_rules! set_f32 {
            ($s:expr, $v:expr) => {
                set!($s, f32::to_bits($v) as u64)
            };
        }
        #[allow(unused_macros)]
        macro_rules! set_f64 {
            ($s:expr, $v:expr) => {
                set!($s, f64::to_bits($v))
            };
        }
        #[allow(unused_macros)]
        macro_rules! v128 {
            ($s:expr) => {
                (get!($s + 1) as u128) << 64 | get!($s) as u128
            };
        }
        #[allow(unused_macros)]
        macro_rules! set_v128 {
            ($s:expr, $v:expr) => {{
                let v: u128 = $v;
                set!($s, v as u64);
                set!($s + 1, (v >> 64) as u64);
            }};
        }
        // Every way out of the loop records the outcome in `cx` and returns `Done`;
        // `Executor::execute` writes the gas back.
        #[allow(unused_macros)]
        macro_rules! exit {
            ($e:expr) => {{
                return $cx.exit($e);
            }};
        }
        #[allow(unused_macros)]
        macro_rules! trap {
            ($code:expr) => {{
                return $cx.trap($code);
            }};
        }
        // Charges bulk operations per byte or element, before the work.
        #[allow(unused_macros)]
        macro_rules! charge_units {
            ($n:expr) => {{
                if $cx.per_unit != 0 {
                    let cost = ($n as u64).saturating_mul($cx.per_unit);
                    if cost > $cx.gas_left {
                        trap!(TrapCode::OutOfGas);
                    }
                    $cx.gas_left -= cost;
                }
            }};
        }
        #[allow(unused_macros)]
        macro_rules! tri {
            ($e:expr) => {
                match $e {
                    Ok(v) => v,
                    Err(code) => trap!(code),
                }
            };
        }
        // The index of the next op, for frames and pauses (which store indices, not pointers).
        #[allow(unused_macros)]
        macro_rules! pc {
            () => {
                // SAFETY: `ip` and `ops` point into the same body.
                unsafe { $ip.offset_from($ops) as usize }
            };
        }
        // A conditional branch. The not-taken side is marked cold so that LLVM keeps a real,
        // predicted branch: as a conditional move, the next op's address would wait for the
        // condition, and every op after it with it.
        #[allow(unused_macros)]
        macro_rules! br_if {
            ($cond:expr, $target:expr) => {
                if $cond {
                    jump!($target)
                } else {
                    std::hint::cold_path()
                }
            };
        }
        #[allow(unused_macros)]
        macro_rules! jump {
            ($target:expr) => {
                // SAFETY: translation resolves every branch target inside the body, and
                // `Code::new` made it the op's byte offset from the first.
                $ip = unsafe { $ops.byte_add($target as usize) }
            };
        }
        // Adds the constant `step` to the `i32` in slot `a`, writes it back and yields it (as `u32`).
        #[allow(unused_macros)]
        macro_rules! inc {
            ($a:expr, $step:expr) => {{
                let v = u32_!($a).wrapping_add($step as i32 as u32);
                set_i32!($a, v);
                v
            }};
        }
        // The same for a 64-bit counter.
        #[allow(unused_macros)]
        macro_rules! inc64 {
            ($a:expr, $step:expr) => {{
                let v = get!($a).wrapping_add($step as i64 as u64);
                set_i64!($a, v);
                v
            }};
        }
        // Memory access: checks `addr + offset + N <= len` in 64-bit arithmetic (cannot overflow).
        #[allow(unused_macros)]
        macro_rules! load {
            ($dst:expr, $addr:tt, $offset:expr, $n:literal, $conv:expr, $set:ident) => {{
                let ea = u32_!($addr) as u64 + $offset as u64;
                if ea + $n > $mem.len as u64 {
                    trap!(TrapCode::MemoryOutOfBounds);
                }
                // SAFETY: `ea + N <= mem.len` was just checked and `mem` is the current memory; a
                // byte array needs no alignment. (A plain read rather than a copy into a local: a
                // local whose address is taken keeps the threaded loop's call to the next handler
                // from being a jump in builds with debug assertions.)
                let bytes = unsafe { *$mem.base.add(ea as usize).cast::<[u8; $n]>() };
                $set!($dst, $conv(bytes));
            }};
        }
        #[allow(unused_macros)]
        macro_rules! store {
            ($addr:tt, $offset:expr, $n:literal, $bytes:expr) => {{
                let ea = u32_!($addr) as u64 + $offset as u64;
                if ea + $n > $mem.len as u64 {
                    trap!(TrapCode::MemoryOutOfBounds);
                }
                let bytes: [u8; $n] = $bytes;
                // SAFETY: `ea + N <= mem.len` was just checked and `mem` is the current memory; a
                // byte array needs no alignment.
                unsafe { *$mem.base.add(ea as usize).cast::<[u8; $n]>() = bytes };
            }};
        }
        // Switches the hot state to another frame, or leaves the loop.
        #[allow(unused_macros)]
        macro_rules! switch {
            ($r:expr) => {{
                match $r {
                    Ok(hot) => {
                        $ip = hot.ip;
                        $sp = hot.sp;
                        $mem = hot.mem;
                        $ops = hot.ops;
                    }
                    Err(done) => return done,
                }
            }};
        }
        // Calls (`call_same_instance`, `call_any!`) or tail-calls (`tail_call_same_instance`,
        // `tail_call_any!`) wasm or host function `addr` with its arguments at `base + $cb`:
        // the common case inline, the rest through the driver's macro.
        #[allow(unused_macros)]
        macro_rules! enter_callee {
            ($fast:ident, $slow:ident, $addr:expr, $cb:expr) => {{
                let addr: u32 = $addr;
                let cb: u32 = $cb;
                match $cx.$fast(addr, cb, $crate::exec::Hot { ip: $ip, sp: $sp, mem: $mem, ops: $ops }) {
                    Some(hot) => {
                        $ip = hot.ip;
                        $sp = hot.sp;
                        $mem = hot.mem;
                        $ops = hot.ops;
                        // A body's first op reads no accumulator: dropping the caller's value
                        // frees its register while the call is set up.
                        $acc = 0;
                    }
                    None => $slow!($cx, addr, cb, $ip, $sp, $mem, $ops, $acc),
                }
            }};
        }
        #[allow(unused_macros)]
        macro_rules! call {
            ($addr:expr, $cb:expr) => {
                enter_callee!(call_same_instance, call_any, $addr, $cb)
            };
        }
        #[allow(unused_macros)]
        macro_rules! tail_call {
            ($addr:expr, $cb:expr) => {
                enter_callee!(tail_call_same_instance, tail_call_any, $addr, $cb)
            };
        }
        // Returns to the caller: the common case inline, the rest through `ret_any!`.
        #[allow(unused_macros)]
        macro_rules! ret {
            () => {
                match $cx.ret_same_instance($mem) {
                    Some(hot) => {
                        $ip = hot.ip;
                        $sp = hot.sp;
                        $mem = hot.mem;
                        $ops = hot.ops;
                    }
                    None => ret_any!($cx, $ip, $sp, $mem, $ops, $acc),
                }
            };
        }
    };
}

/// Defines, in an arm's scope, the constants `get!` consults (see `helpers!`): which field, if any, the op reads
/// from the accumulator.
macro_rules! acc_consts {
    ($which:ident) => {
        #[allow(dead_code)]
        const ACC_A: bool = same(stringify!($which), "a");
        #[allow(dead_code)]
        const ACC_B: bool = same(stringify!($which), "b");
        #[allow(dead_code)]
        const ACC_ADDR: bool = same(stringify!($which), "addr");
        #[allow(dead_code)]
        const ACC_VALUE: bool = same(stringify!($which), "value");
        #[allow(dead_code)]
        const ACC_COND: bool = same(stringify!($which), "cond");
        #[allow(dead_code)]
        const ACC_SRC: bool = same(stringify!($which), "src");
    };
}

/// Calls `$cb!` with the driver's names for the hot state, then every handler arm.
macro_rules! handlers {
    ($cb:ident ! [$cx:ident, $ip:ident, $sp:ident, $mem:ident, $ops:ident, $acc:ident]) => {
        $cb! { [$cx, $ip, $sp, $mem, $ops, $acc]
            // ---- Control ----
            Unreachable {} => trap!(TrapCode::Unreachable),
            Br { target } => jump!(target),
            BrIfNez { cond, target } [cond: BrIfNezAcc] => {
                br_if!(u32_!(cond) != 0, target)
            },
            BrIfEqz { cond, target } [cond: BrIfEqzAcc] => {
                br_if!(u32_!(cond) == 0, target)
            },
            BrIfI32Eq { a, b, target } [a: BrIfI32EqAccA] => {
                br_if!(i32_!(a) == i32_!(b), target)
            },
            BrIfI32Ne { a, b, target } [a: BrIfI32NeAccA] => {
                br_if!(i32_!(a) != i32_!(b), target)
            },
            BrIfI32LtS { a, b, target } [a: BrIfI32LtSAccA] => {
                br_if!(i32_!(a) < i32_!(b), target)
            },
            BrIfI32LtU { a, b, target } [a: BrIfI32LtUAccA] => {
                br_if!(u32_!(a) < u32_!(b), target)
            },
            BrIfI32GtS { a, b, target } [a: BrIfI32GtSAccA] => {
                br_if!(i32_!(a) > i32_!(b), target)
            },
            BrIfI32GtU { a, b, target } [a: BrIfI32GtUAccA] => {
                br_if!(u32_!(a) > u32_!(b), target)
            },
            BrIfI32LeS { a, b, target } [a: BrIfI32LeSAccA] => {
                br_if!(i32_!(a) <= i32_!(b), target)
            },
            BrIfI32LeU { a, b, target } [a: BrIfI32LeUAccA] => {
                br_if!(u32_!(a) <= u32_!(b), target)
            },
            BrIfI32GeS { a, b, target } [a: BrIfI32GeSAccA] => {
                br_if!(i32_!(a) >= i32_!(b), target)
            },
            BrIfI32GeU { a, b, target } [a: BrIfI32GeUAccA] => {
                br_if!(u32_!(a) >= u32_!(b), target)
            },
            BrIfI32EqImm { a, imm, target } [a: BrIfI32EqImmAcc] => {
                br_if!(i32_!(a) == imm, target)
            },
            BrIfI32NeImm { a, imm, target } [a: BrIfI32NeImmAcc] => {
                br_if!(i32_!(a) != imm, target)
            },
            BrIfI32LtSImm { a, imm, target } [a: BrIfI32LtSImmAcc] => {
                br_if!(i32_!(a) < imm, target)
            },
            BrIfI32LtUImm { a, imm, target } [a: BrIfI32LtUImmAcc] => {
                br_if!(u32_!(a) < imm as u32, target)
            },
            BrIfI32GtSImm { a, imm, target } [a: BrIfI32GtSImmAcc] => {
                br_if!(i32_!(a) > imm, target)
            },
            BrIfI32GtUImm { a, imm, target } [a: BrIfI32GtUImmAcc] => {
                br_if!(u32_!(a) > imm as u32, target)
            },
            BrIfI32LeSImm { a, imm, target } [a: BrIfI32LeSImmAcc] => {
                br_if!(i32_!(a) <= imm, target)
            },
            BrIfI32LeUImm { a, imm, target } [a: BrIfI32LeUImmAcc] => {
                br_if!(u32_!(a) <= imm as u32, target)
            },
            BrIfI32GeSImm { a, imm, target } [a: BrIfI32GeSImmAcc] => {
                br_if!(i32_!(a) >= imm, target)
            },
            BrIfI32GeUImm { a, imm, target } [a: BrIfI32GeUImmAcc] => {
                br_if!(u32_!(a) >= imm as u32, target)
            },
            BrIfI64Eq { a, b, target } [a: BrIfI64EqAccA] => {
                br_if!(i64_!(a) == i64_!(b), target)
            },
            BrIfI64EqImm { a, imm, target } [a: BrIfI64EqImmAcc] => {
                br_if!(i64_!(a) == imm as i64, target)
            },
            BrIfI64Ne { a, b, target } [a: BrIfI64NeAccA] => {
                br_if!(i64_!(a) != i64_!(b), target)
            },
            BrIfI64NeImm { a, imm, target } [a: BrIfI64NeImmAcc] => {
                br_if!(i64_!(a) != imm as i64, target)
            },
            BrIfI64LtS { a, b, target } [a: BrIfI64LtSAccA] => {
                br_if!(i64_!(a) < i64_!(b), target)
            },
            BrIfI64LtSImm { a, imm, target } [a: BrIfI64LtSImmAcc] => {
                br_if!(i64_!(a) < imm as i64, target)
            },
            BrIfI64LtU { a, b, target } [a: BrIfI64LtUAccA] => {
                br_if!(get!(a) < get!(b), target)
            },
            BrIfI64LtUImm { a, imm, target } [a: BrIfI64LtUImmAcc] => {
                br_if!(get!(a) < imm as i64 as u64, target)
            },
            BrIfI64GtS { a, b, target } [a: BrIfI64GtSAccA] => {
                br_if!(i64_!(a) > i64_!(b), target)
            },
            BrIfI64GtSImm { a, imm, target } [a: BrIfI64GtSImmAcc] => {
                br_if!(i64_!(a) > imm as i64, target)
            },
            BrIfI64GtU { a, b, target } [a: BrIfI64GtUAccA] => {
                br_if!(get!(a) > get!(b), target)
            },
            BrIfI64GtUImm { a, imm, target } [a: BrIfI64GtUImmAcc] => {
                br_if!(get!(a) > imm as i64 as u64, target)
            },
            BrIfI64LeS { a, b, target } [a: BrIfI64LeSAccA] => {
                br_if!(i64_!(a) <= i64_!(b), target)
            },
            BrIfI64LeSImm { a, imm, target } [a: BrIfI64LeSImmAcc] => {
                br_if!(i64_!(a) <= imm as i64, target)
            },
            BrIfI64LeU { a, b, target } [a: BrIfI64LeUAccA] => {
                br_if!(get!(a) <= get!(b), target)
            },
            BrIfI64LeUImm { a, imm, target } [a: BrIfI64LeUImmAcc] => {
                br_if!(get!(a) <= imm as i64 as u64, target)
            },
            BrIfI64GeS { a, b, target } [a: BrIfI64GeSAccA] => {
                br_if!(i64_!(a) >= i64_!(b), target)
            },
            BrIfI64GeSImm { a, imm, target } [a: BrIfI64GeSImmAcc] => {
                br_if!(i64_!(a) >= imm as i64, target)
            },
            BrIfI64GeU { a, b, target } [a: BrIfI64GeUAccA] => {
                br_if!(get!(a) >= get!(b), target)
            },
            BrIfI64GeUImm { a, imm, target } [a: BrIfI64GeUImmAcc] => {
                br_if!(get!(a) >= imm as i64 as u64, target)
            },
            IncBrIfI32Eq { a, b, target, step } => {
                let v = inc!(a, step);
                br_if!((v as i32) == i32_!(b), target)
            },
            IncBrIfI32Ne { a, b, target, step } => {
                let v = inc!(a, step);
                br_if!((v as i32) != i32_!(b), target)
            },
            IncBrIfI32LtS { a, b, target, step } => {
                let v = inc!(a, step);
                br_if!((v as i32) < i32_!(b), target)
            },
            IncBrIfI32LtU { a, b, target, step } => {
                let v = inc!(a, step);
                br_if!(v < u32_!(b), target)
            },
            IncBrIfI32GtS { a, b, target, step } => {
                let v = inc!(a, step);
                br_if!((v as i32) > i32_!(b), target)
            },
            IncBrIfI32GtU { a, b, target, step } => {
                let v = inc!(a, step);
                br_if!(v > u32_!(b), target)
            },
            IncBrIfI32LeS { a, b, target, step } => {
                let v = inc!(a, step);
                br_if!((v as i32) <= i32_!(b), target)
            },
            IncBrIfI32LeU { a, b, target, step } => {
                let v = inc!(a, step);
                br_if!(v <= u32_!(b), target)
            },
            IncBrIfI32GeS { a, b, target, step } => {
                let v = inc!(a, step);
                br_if!((v as i32) >= i32_!(b), target)
            },
            IncBrIfI32GeU { a, b, target, step } => {
                let v = inc!(a, step);
                br_if!(v >= u32_!(b), target)
            },
            IncBrIfI32EqImm { a, imm, target, step } => {
                let v = inc!(a, step);
                br_if!((v as i32) == imm, target)
            },
            IncBrIfI32NeImm { a, imm, target, step } => {
                let v = inc!(a, step);
                br_if!((v as i32) != imm, target)
            },
            IncBrIfI32LtSImm { a, imm, target, step } => {
                let v = inc!(a, step);
                br_if!((v as i32) < imm, target)
            },
            IncBrIfI32LtUImm { a, imm, target, step } => {
                let v = inc!(a, step);
                br_if!(v < imm as u32, target)
            },
            IncBrIfI32GtSImm { a, imm, target, step } => {
                let v = inc!(a, step);
                br_if!((v as i32) > imm, target)
            },
            IncBrIfI32GtUImm { a, imm, target, step } => {
                let v = inc!(a, step);
                br_if!(v > imm as u32, target)
            },
            IncBrIfI32LeSImm { a, imm, target, step } => {
                let v = inc!(a, step);
                br_if!((v as i32) <= imm, target)
            },
            IncBrIfI32LeUImm { a, imm, target, step } => {
                let v = inc!(a, step);
                br_if!(v <= imm as u32, target)
            },
            IncBrIfI32GeSImm { a, imm, target, step } => {
                let v = inc!(a, step);
                br_if!((v as i32) >= imm, target)
            },
            IncBrIfI32GeUImm { a, imm, target, step } => {
                let v = inc!(a, step);
                br_if!(v >= imm as u32, target)
            },
            IncBrIfI64Eq { a, b, target, step } => {
                let v = inc64!(a, step);
                br_if!(v == get!(b), target)
            },
            IncBrIfI64Ne { a, b, target, step } => {
                let v = inc64!(a, step);
                br_if!(v != get!(b), target)
            },
            IncBrIfI64LtS { a, b, target, step } => {
                let v = inc64!(a, step);
                br_if!((v as i64) < i64_!(b), target)
            },
            IncBrIfI64LtU { a, b, target, step } => {
                let v = inc64!(a, step);
                br_if!(v < get!(b), target)
            },
            IncBrIfI64GtS { a, b, target, step } => {
                let v = inc64!(a, step);
                br_if!((v as i64) > i64_!(b), target)
            },
            IncBrIfI64GtU { a, b, target, step } => {
                let v = inc64!(a, step);
                br_if!(v > get!(b), target)
            },
            IncBrIfI64LeS { a, b, target, step } => {
                let v = inc64!(a, step);
                br_if!((v as i64) <= i64_!(b), target)
            },
            IncBrIfI64LeU { a, b, target, step } => {
                let v = inc64!(a, step);
                br_if!(v <= get!(b), target)
            },
            IncBrIfI64GeS { a, b, target, step } => {
                let v = inc64!(a, step);
                br_if!((v as i64) >= i64_!(b), target)
            },
            IncBrIfI64GeU { a, b, target, step } => {
                let v = inc64!(a, step);
                br_if!(v >= get!(b), target)
            },
            IncBrIfI64EqImm { a, imm, target, step } => {
                let v = inc64!(a, step);
                br_if!(v == imm as i64 as u64, target)
            },
            IncBrIfI64NeImm { a, imm, target, step } => {
                let v = inc64!(a, step);
                br_if!(v != imm as i64 as u64, target)
            },
            IncBrIfI64LtSImm { a, imm, target, step } => {
                let v = inc64!(a, step);
                br_if!((v as i64) < imm as i64, target)
            },
            IncBrIfI64LtUImm { a, imm, target, step } => {
                let v = inc64!(a, step);
                br_if!(v < imm as i64 as u64, target)
            },
            IncBrIfI64GtSImm { a, imm, target, step } => {
                let v = inc64!(a, step);
                br_if!((v as i64) > imm as i64, target)
            },
            IncBrIfI64GtUImm { a, imm, target, step } => {
                let v = inc64!(a, step);
                br_if!(v > imm as i64 as u64, target)
            },
            IncBrIfI64LeSImm { a, imm, target, step } => {
                let v = inc64!(a, step);
                br_if!((v as i64) <= imm as i64, target)
            },
            IncBrIfI64LeUImm { a, imm, target, step } => {
                let v = inc64!(a, step);
                br_if!(v <= imm as i64 as u64, target)
            },
            IncBrIfI64GeSImm { a, imm, target, step } => {
                let v = inc64!(a, step);
                br_if!((v as i64) >= imm as i64, target)
            },
            IncBrIfI64GeUImm { a, imm, target, step } => {
                let v = inc64!(a, step);
                br_if!(v >= imm as i64 as u64, target)
            },
            BrTable { index, table, len } => {
                let i = u32_!(index).min(len);
                // SAFETY: translation made `len + 1` entries from `table` in this body's
                // `br_tables`, and `i <= len`.
                let target = unsafe { *$cx.tables.add((table + i) as usize) };
                jump!(target);
            },
            Return {} => ret!(),
            ReturnMany { src, len } => {
                for i in 0..len {
                    set!(i, get!(src + i));
                }
                ret!()
            },
            ReturnSlot { src } => {
                set!(0, get!(src));
                ret!()
            },
            Call { func, base } => {
                call!($cx.func_addr(func), base)
            },
            CallIndirect { index, base, ty, table } => {
                match $cx.indirect_target(table, u32_!(index), ty) {
                    Ok(addr) => call!(addr, base),
                    Err(code) => trap!(code),
                }
            },
            ReturnCall { func, base } => {
                tail_call!($cx.func_addr(func), base)
            },
            ReturnCallIndirect { index, base, ty, table } => {
                // The index is read before the arguments move: they may overwrite its slot.
                match $cx.indirect_target(table, u32_!(index), ty) {
                    Ok(addr) => tail_call!(addr, base),
                    Err(code) => trap!(code),
                }
            },

            ConsumeGas { amount } => {
                // SAFETY: `interrupt` points into the store's interrupt handle, alive for the call.
                if unsafe { (*$cx.interrupt).load(std::sync::atomic::Ordering::Relaxed) } {
                    trap!(TrapCode::Interrupted);
                }
                if amount > $cx.gas_left {
                    // Stop before the block: resuming re-executes this op with the new gas.
                    $cx.pos.pc = pc!() - 1;
                    $cx.pos.base = $cx.base;
                    exit!(Ok(Exit::Paused(PauseReason::OutOfGas)));
                }
                $cx.gas_left -= amount;
            },
            CanonNanF32 { slot } => {
                if f32_!(slot).is_nan() {
                    set!(slot, 0x7fc0_0000)
                }
            },
            CanonNanF64 { slot } => {
                if f64_!(slot).is_nan() {
                    set!(slot, 0x7ff8_0000_0000_0000)
                }
            },
            CanonNanF32x4 { slot } => set_v128!(slot, sem::canon_nan_f32x4(v128!(slot))),
            CanonNanF64x2 { slot } => set_v128!(slot, sem::canon_nan_f64x2(v128!(slot))),

            // ---- Data movement ----
            Copy { dst, src } [src: CopyAcc] => set!(dst, get!(src)),
            CopyWide { dst, src } => {
                let (lo, hi) = (get!(src), get!(src + 1));
                set!(dst, lo);
                set!(dst + 1, hi);
            },
            Move { dst, src, len } => {
                for i in 0..len {
                    set!(dst + i, get!(src + i));
                }
            },
            Const32 { dst, bits } => set!(dst, bits as u64),
            Const64 { dst, bits } => set!(dst, bits),
            Select { dst, other, cond } => {
                if u32_!(cond) == 0 {
                    set!(dst, get!(other))
                }
            },
            SelectWide { dst, other, cond } => {
                if u32_!(cond) == 0 {
                    set!(dst, get!(other));
                    set!(dst + 1, get!(other + 1));
                }
            },
            GlobalGet { dst, global } => {
                let g = $cx.store.instances[$cx.instance as usize].globals[global as usize];
                set!(dst, $cx.store.globals[g as usize].value as u64)
            },
            GlobalSet { src, global } => {
                let g = $cx.store.instances[$cx.instance as usize].globals[global as usize];
                $cx.store.globals[g as usize].value = get!(src) as u128;
            },

            GlobalGetWide { dst, global } => {
                let g = $cx.store.instances[$cx.instance as usize].globals[global as usize];
                let v = $cx.store.globals[g as usize].value;
                set!(dst, v as u64);
                set!(dst + 1, (v >> 64) as u64);
            },
            GlobalSetWide { src, global } => {
                let g = $cx.store.instances[$cx.instance as usize].globals[global as usize];
                $cx.store.globals[g as usize].value = (get!(src + 1) as u128) << 64 | get!(src) as u128;
            },

            // ---- Reference types and tables ----
            RefIsNull { dst, src } => set_i32!(dst, get!(src) == 0),
            RefFunc { dst, func } => {
                set!(dst, $cx.store.instances[$cx.instance as usize].funcs[func as usize] as u64 + 1)
            },
            TableGet { dst, index, table } => {
                let t = $cx.store.instances[$cx.instance as usize].tables[table as usize];
                let Some(&e) = $cx.store.tables[t as usize].elements.get(u32_!(index) as usize) else {
                    trap!(TrapCode::TableOutOfBounds)
                };
                set!(dst, e)
            },
            TableSet { index, value, table } => {
                let t = $cx.store.instances[$cx.instance as usize].tables[table as usize];
                let Some(e) = $cx.store.tables[t as usize].elements.get_mut(u32_!(index) as usize) else {
                    trap!(TrapCode::TableOutOfBounds)
                };
                *e = get!(value);
            },
            TableSize { dst, table } => {
                let t = $cx.store.instances[$cx.instance as usize].tables[table as usize];
                set_i32!(dst, $cx.store.tables[t as usize].elements.len())
            },
            TableGrow { dst, init, n, table } => {
                charge_units!(u32_!(n));
                let t = $cx.store.instances[$cx.instance as usize].tables[table as usize];
                let r = $cx.store.tables[t as usize].grow(u32_!(n) as u64, get!(init));
                set_i32!(dst, r as i32)
            },
            TableFill { args, table } => {
                let (i, value, n) = (u32_!(args) as usize, get!(args + 1), u32_!(args + 2) as usize);
                charge_units!(n);
                tri!(bulk::table_fill($cx.store, $cx.instance, table, i, value, n));
            },
            TableCopy { args, dst_table, src_table } => {
                let (d, s, n) = (u32_!(args) as usize, u32_!(args + 1) as usize, u32_!(args + 2) as usize);
                charge_units!(n);
                tri!(bulk::table_copy($cx.store, $cx.instance, dst_table, src_table, d, s, n));
            },
            TableInit { args, table, elem } => {
                let (d, s, n) = (u32_!(args) as usize, u32_!(args + 1) as usize, u32_!(args + 2) as usize);
                charge_units!(n);
                tri!(bulk::table_init($cx.store, $cx.instance, table, elem, d, s, n));
            },
            ElemDrop { elem } => $cx.store.instances[$cx.instance as usize].elems[elem as usize] = Vec::new(),

            // ---- Bulk memory ----
            MemoryCopy { d, s, n } => {
                let (d, s, n) = (u32_!(d) as usize, u32_!(s) as usize, u32_!(n) as usize);
                charge_units!(n);
                if s + n > $mem.len || d + n > $mem.len {
                    trap!(TrapCode::MemoryOutOfBounds);
                }
                // SAFETY: both ranges were just checked against the current memory; `copy`
                // allows overlap.
                unsafe { std::ptr::copy($mem.base.add(s), $mem.base.add(d), n) };
            },
            MemoryFill { d, val, n } => {
                let (d, n) = (u32_!(d) as usize, u32_!(n) as usize);
                charge_units!(n);
                if d + n > $mem.len {
                    trap!(TrapCode::MemoryOutOfBounds);
                }
                let byte = get!(val) as u8;
                // SAFETY: the range was just checked against the current memory.
                unsafe { std::ptr::write_bytes($mem.base.add(d), byte, n) };
            },
            MemoryInit { args, data } => {
                let (d, s, n) = (u32_!(args) as usize, u32_!(args + 1) as usize, u32_!(args + 2) as usize);
                charge_units!(n);
                tri!(bulk::memory_init($cx.store, $cx.instance, 0, data, d, s, n));
            },
            DataDrop { data } => $cx.store.instances[$cx.instance as usize].dropped_datas[data as usize] = true,

            // ---- Memory ----
            MemorySize { dst } => set_i32!(dst, $mem.len / crate::store::PAGE_SIZE),
            MemoryGrow { dst, delta } => {
                let m = $cx.store.instances[$cx.instance as usize].memories[0];
                let r = $cx.store.memories[m as usize].grow(u32_!(delta) as u64);
                $mem = $cx.memory();
                set_i32!(dst, r as i32)
            },
            I32Load { dst, addr, offset } [addr: I32LoadAcc] => {
                load!(dst, addr, offset, 4, i32::from_le_bytes, set_i32)
            },
            I64Load { dst, addr, offset } [addr: I64LoadAcc] => {
                load!(dst, addr, offset, 8, i64::from_le_bytes, set_i64)
            },
            F32Load { dst, addr, offset } [addr: F32LoadAcc] => {
                load!(dst, addr, offset, 4, u32::from_le_bytes, set_i32)
            },
            F64Load { dst, addr, offset } [addr: F64LoadAcc] => {
                load!(dst, addr, offset, 8, u64::from_le_bytes, set_i64)
            },
            I32Load8S { dst, addr, offset } [addr: I32Load8SAcc] => {
                load!(dst, addr, offset, 1, i8::from_le_bytes, set_i32)
            },
            I32Load8U { dst, addr, offset } [addr: I32Load8UAcc] => {
                load!(dst, addr, offset, 1, u8::from_le_bytes, set_i32)
            },
            I32Load16S { dst, addr, offset } [addr: I32Load16SAcc] => {
                load!(dst, addr, offset, 2, i16::from_le_bytes, set_i32)
            },
            I32Load16U { dst, addr, offset } [addr: I32Load16UAcc] => {
                load!(dst, addr, offset, 2, u16::from_le_bytes, set_i32)
            },
            I64Load8S { dst, addr, offset } [addr: I64Load8SAcc] => {
                load!(dst, addr, offset, 1, i8::from_le_bytes, set_i64)
            },
            I64Load8U { dst, addr, offset } [addr: I64Load8UAcc] => {
                load!(dst, addr, offset, 1, u8::from_le_bytes, set_i64)
            },
            I64Load16S { dst, addr, offset } [addr: I64Load16SAcc] => {
                load!(dst, addr, offset, 2, i16::from_le_bytes, set_i64)
            },
            I64Load16U { dst, addr, offset } [addr: I64Load16UAcc] => {
                load!(dst, addr, offset, 2, u16::from_le_bytes, set_i64)
            },
            I64Load32S { dst, addr, offset } [addr: I64Load32SAcc] => {
                load!(dst, addr, offset, 4, i32::from_le_bytes, set_i64)
            },
            I64Load32U { dst, addr, offset } [addr: I64Load32UAcc] => {
                load!(dst, addr, offset, 4, u32::from_le_bytes, set_i64)
            },
            I32Store { addr, value, offset } [addr: I32StoreAccAddr, value: I32StoreAccValue] => store!(addr, offset, 4, u32_!(value).to_le_bytes()),
            I64Store { addr, value, offset } [addr: I64StoreAccAddr, value: I64StoreAccValue] => store!(addr, offset, 8, get!(value).to_le_bytes()),
            F32Store { addr, value, offset } [addr: F32StoreAccAddr, value: F32StoreAccValue] => store!(addr, offset, 4, u32_!(value).to_le_bytes()),
            F64Store { addr, value, offset } [addr: F64StoreAccAddr, value: F64StoreAccValue] => store!(addr, offset, 8, get!(value).to_le_bytes()),
            I32Store8 { addr, value, offset } [addr: I32Store8AccAddr, value: I32Store8AccValue] => store!(addr, offset, 1, (get!(value) as u8).to_le_bytes()),
            I32Store16 { addr, value, offset } [addr: I32Store16AccAddr, value: I32Store16AccValue] => store!(addr, offset, 2, (get!(value) as u16).to_le_bytes()),
            I64Store8 { addr, value, offset } [addr: I64Store8AccAddr, value: I64Store8AccValue] => store!(addr, offset, 1, (get!(value) as u8).to_le_bytes()),
            I64Store16 { addr, value, offset } [addr: I64Store16AccAddr, value: I64Store16AccValue] => store!(addr, offset, 2, (get!(value) as u16).to_le_bytes()),
            I64Store32 { addr, value, offset } [addr: I64Store32AccAddr, value: I64Store32AccValue] => store!(addr, offset, 4, (get!(value) as u32).to_le_bytes()),

            // ---- Numeric: i32 ----
            I32Eqz { dst, src } [src: I32EqzAcc] => set_i32!(dst, u32_!(src) == 0),
            I32Eq { dst, a, b } [a: I32EqAccA] => set_i32!(dst, u32_!(a) == u32_!(b)),
            I32Ne { dst, a, b } [a: I32NeAccA] => set_i32!(dst, u32_!(a) != u32_!(b)),
            I32LtS { dst, a, b } [a: I32LtSAccA] => set_i32!(dst, i32_!(a) < i32_!(b)),
            I32LtU { dst, a, b } [a: I32LtUAccA] => set_i32!(dst, u32_!(a) < u32_!(b)),
            I32GtS { dst, a, b } [a: I32GtSAccA] => set_i32!(dst, i32_!(a) > i32_!(b)),
            I32GtU { dst, a, b } [a: I32GtUAccA] => set_i32!(dst, u32_!(a) > u32_!(b)),
            I32LeS { dst, a, b } [a: I32LeSAccA] => set_i32!(dst, i32_!(a) <= i32_!(b)),
            I32LeU { dst, a, b } [a: I32LeUAccA] => set_i32!(dst, u32_!(a) <= u32_!(b)),
            I32GeS { dst, a, b } [a: I32GeSAccA] => set_i32!(dst, i32_!(a) >= i32_!(b)),
            I32GeU { dst, a, b } [a: I32GeUAccA] => set_i32!(dst, u32_!(a) >= u32_!(b)),
            I32Clz { dst, src } => set_i32!(dst, u32_!(src).leading_zeros()),
            I32Ctz { dst, src } => set_i32!(dst, u32_!(src).trailing_zeros()),
            I32Popcnt { dst, src } => set_i32!(dst, u32_!(src).count_ones()),
            I32Add { dst, a, b } [a: I32AddAccA] => set_i32!(dst, u32_!(a).wrapping_add(u32_!(b))),
            I32Sub { dst, a, b } [a: I32SubAccA, b: I32SubAccB] => set_i32!(dst, u32_!(a).wrapping_sub(u32_!(b))),
            I32Mul { dst, a, b } [a: I32MulAccA] => set_i32!(dst, u32_!(a).wrapping_mul(u32_!(b))),
            I32DivS { dst, a, b } => {
                set_i32!(dst, tri!(sem::i32_div_s(i32_!(a), i32_!(b))))
            },
            I32DivU { dst, a, b } => {
                set_i32!(dst, tri!(sem::i32_div_u(u32_!(a), u32_!(b))))
            },
            I32RemS { dst, a, b } => {
                set_i32!(dst, tri!(sem::i32_rem_s(i32_!(a), i32_!(b))))
            },
            I32RemU { dst, a, b } => {
                set_i32!(dst, tri!(sem::i32_rem_u(u32_!(a), u32_!(b))))
            },
            I32And { dst, a, b } [a: I32AndAccA] => set_i32!(dst, u32_!(a) & u32_!(b)),
            I32Or { dst, a, b } [a: I32OrAccA] => set_i32!(dst, u32_!(a) | u32_!(b)),
            I32Xor { dst, a, b } [a: I32XorAccA] => set_i32!(dst, u32_!(a) ^ u32_!(b)),
            I32Shl { dst, a, b } [a: I32ShlAccA, b: I32ShlAccB] => set_i32!(dst, sem::i32_shl(i32_!(a), i32_!(b))),
            I32ShrS { dst, a, b } [a: I32ShrSAccA, b: I32ShrSAccB] => set_i32!(dst, sem::i32_shr_s(i32_!(a), i32_!(b))),
            I32ShrU { dst, a, b } [a: I32ShrUAccA, b: I32ShrUAccB] => set_i32!(dst, sem::i32_shr_u(i32_!(a), i32_!(b))),
            I32Rotl { dst, a, b } [a: I32RotlAccA, b: I32RotlAccB] => set_i32!(dst, sem::i32_rotl(i32_!(a), i32_!(b))),
            I32Rotr { dst, a, b } [a: I32RotrAccA, b: I32RotrAccB] => set_i32!(dst, sem::i32_rotr(i32_!(a), i32_!(b))),
            I32AddImm { dst, a, imm } [a: I32AddImmAcc] => set_i32!(dst, i32_!(a).wrapping_add(imm)),
            I32MulImm { dst, a, imm } [a: I32MulImmAcc] => set_i32!(dst, i32_!(a).wrapping_mul(imm)),
            I32AndImm { dst, a, imm } [a: I32AndImmAcc] => set_i32!(dst, i32_!(a) & imm),
            I32OrImm { dst, a, imm } [a: I32OrImmAcc] => set_i32!(dst, i32_!(a) | imm),
            I32XorImm { dst, a, imm } [a: I32XorImmAcc] => set_i32!(dst, i32_!(a) ^ imm),
            I32ShlImm { dst, a, imm } [a: I32ShlImmAcc] => set_i32!(dst, sem::i32_shl(i32_!(a), imm)),
            I32ShrSImm { dst, a, imm } [a: I32ShrSImmAcc] => set_i32!(dst, sem::i32_shr_s(i32_!(a), imm)),
            I32ShrUImm { dst, a, imm } [a: I32ShrUImmAcc] => set_i32!(dst, sem::i32_shr_u(i32_!(a), imm)),
            I32EqImm { dst, a, imm } [a: I32EqImmAcc] => set_i32!(dst, i32_!(a) == imm),
            I32NeImm { dst, a, imm } [a: I32NeImmAcc] => set_i32!(dst, i32_!(a) != imm),
            I32LtSImm { dst, a, imm } [a: I32LtSImmAcc] => set_i32!(dst, i32_!(a) < imm),
            I32LtUImm { dst, a, imm } [a: I32LtUImmAcc] => set_i32!(dst, u32_!(a) < imm as u32),
            I32GtSImm { dst, a, imm } [a: I32GtSImmAcc] => set_i32!(dst, i32_!(a) > imm),
            I32GtUImm { dst, a, imm } [a: I32GtUImmAcc] => set_i32!(dst, u32_!(a) > imm as u32),
            I32LeSImm { dst, a, imm } [a: I32LeSImmAcc] => set_i32!(dst, i32_!(a) <= imm),
            I32LeUImm { dst, a, imm } [a: I32LeUImmAcc] => set_i32!(dst, u32_!(a) <= imm as u32),
            I32GeSImm { dst, a, imm } [a: I32GeSImmAcc] => set_i32!(dst, i32_!(a) >= imm),
            I32GeUImm { dst, a, imm } [a: I32GeUImmAcc] => set_i32!(dst, u32_!(a) >= imm as u32),

            // ---- Numeric: i64 ----
            I64Eqz { dst, src } [src: I64EqzAcc] => set_i32!(dst, get!(src) == 0),
            I64Eq { dst, a, b } [a: I64EqAccA] => set_i32!(dst, get!(a) == get!(b)),
            I64Ne { dst, a, b } [a: I64NeAccA] => set_i32!(dst, get!(a) != get!(b)),
            I64LtS { dst, a, b } [a: I64LtSAccA] => set_i32!(dst, i64_!(a) < i64_!(b)),
            I64LtU { dst, a, b } [a: I64LtUAccA] => set_i32!(dst, get!(a) < get!(b)),
            I64GtS { dst, a, b } [a: I64GtSAccA] => set_i32!(dst, i64_!(a) > i64_!(b)),
            I64GtU { dst, a, b } [a: I64GtUAccA] => set_i32!(dst, get!(a) > get!(b)),
            I64LeS { dst, a, b } [a: I64LeSAccA] => set_i32!(dst, i64_!(a) <= i64_!(b)),
            I64LeU { dst, a, b } [a: I64LeUAccA] => set_i32!(dst, get!(a) <= get!(b)),
            I64GeS { dst, a, b } [a: I64GeSAccA] => set_i32!(dst, i64_!(a) >= i64_!(b)),
            I64GeU { dst, a, b } [a: I64GeUAccA] => set_i32!(dst, get!(a) >= get!(b)),
            I64Clz { dst, src } => set_i64!(dst, get!(src).leading_zeros()),
            I64Ctz { dst, src } => set_i64!(dst, get!(src).trailing_zeros()),
            I64Popcnt { dst, src } => set_i64!(dst, get!(src).count_ones()),
            I64Add { dst, a, b } [a: I64AddAccA] => set_i64!(dst, get!(a).wrapping_add(get!(b))),
            I64Sub { dst, a, b } [a: I64SubAccA, b: I64SubAccB] => set_i64!(dst, get!(a).wrapping_sub(get!(b))),
            I64Mul { dst, a, b } [a: I64MulAccA] => set_i64!(dst, get!(a).wrapping_mul(get!(b))),
            I64DivS { dst, a, b } => {
                set_i64!(dst, tri!(sem::i64_div_s(i64_!(a), i64_!(b))))
            },
            I64DivU { dst, a, b } => set_i64!(dst, tri!(sem::i64_div_u(get!(a), get!(b)))),
            I64RemS { dst, a, b } => {
                set_i64!(dst, tri!(sem::i64_rem_s(i64_!(a), i64_!(b))))
            },
            I64RemU { dst, a, b } => set_i64!(dst, tri!(sem::i64_rem_u(get!(a), get!(b)))),
            I64And { dst, a, b } [a: I64AndAccA] => set_i64!(dst, get!(a) & get!(b)),
            I64Or { dst, a, b } [a: I64OrAccA] => set_i64!(dst, get!(a) | get!(b)),
            I64Xor { dst, a, b } [a: I64XorAccA] => set_i64!(dst, get!(a) ^ get!(b)),
            I64Shl { dst, a, b } [a: I64ShlAccA, b: I64ShlAccB] => set_i64!(dst, sem::i64_shl(i64_!(a), i64_!(b))),
            I64ShrS { dst, a, b } [a: I64ShrSAccA, b: I64ShrSAccB] => set_i64!(dst, sem::i64_shr_s(i64_!(a), i64_!(b))),
            I64ShrU { dst, a, b } [a: I64ShrUAccA, b: I64ShrUAccB] => set_i64!(dst, sem::i64_shr_u(i64_!(a), i64_!(b))),
            I64Rotl { dst, a, b } [a: I64RotlAccA, b: I64RotlAccB] => set_i64!(dst, sem::i64_rotl(i64_!(a), i64_!(b))),
            I64Rotr { dst, a, b } [a: I64RotrAccA, b: I64RotrAccB] => set_i64!(dst, sem::i64_rotr(i64_!(a), i64_!(b))),
            I64AddImm { dst, a, imm } [a: I64AddImmAcc] => set_i64!(dst, i64_!(a).wrapping_add(imm as i64)),
            I64EqImm { dst, a, imm } [a: I64EqImmAcc] => set_i32!(dst, i64_!(a) == imm as i64),
            I64NeImm { dst, a, imm } [a: I64NeImmAcc] => set_i32!(dst, i64_!(a) != imm as i64),
            I64LtSImm { dst, a, imm } [a: I64LtSImmAcc] => set_i32!(dst, i64_!(a) < imm as i64),
            I64LtUImm { dst, a, imm } [a: I64LtUImmAcc] => set_i32!(dst, get!(a) < imm as i64 as u64),
            I64GtSImm { dst, a, imm } [a: I64GtSImmAcc] => set_i32!(dst, i64_!(a) > imm as i64),
            I64GtUImm { dst, a, imm } [a: I64GtUImmAcc] => set_i32!(dst, get!(a) > imm as i64 as u64),
            I64LeSImm { dst, a, imm } [a: I64LeSImmAcc] => set_i32!(dst, i64_!(a) <= imm as i64),
            I64LeUImm { dst, a, imm } [a: I64LeUImmAcc] => set_i32!(dst, get!(a) <= imm as i64 as u64),
            I64GeSImm { dst, a, imm } [a: I64GeSImmAcc] => set_i32!(dst, i64_!(a) >= imm as i64),
            I64GeUImm { dst, a, imm } [a: I64GeUImmAcc] => set_i32!(dst, get!(a) >= imm as i64 as u64),
            I64MulImm { dst, a, imm } [a: I64MulImmAcc] => set_i64!(dst, i64_!(a).wrapping_mul(imm as i64)),
            I64AndImm { dst, a, imm } [a: I64AndImmAcc] => set_i64!(dst, i64_!(a) & imm as i64),
            I64OrImm { dst, a, imm } [a: I64OrImmAcc] => set_i64!(dst, i64_!(a) | imm as i64),
            I64XorImm { dst, a, imm } [a: I64XorImmAcc] => set_i64!(dst, i64_!(a) ^ imm as i64),
            I64ShlImm { dst, a, imm } [a: I64ShlImmAcc] => set_i64!(dst, sem::i64_shl(i64_!(a), imm as i64)),
            I64ShrSImm { dst, a, imm } [a: I64ShrSImmAcc] => set_i64!(dst, sem::i64_shr_s(i64_!(a), imm as i64)),
            I64ShrUImm { dst, a, imm } [a: I64ShrUImmAcc] => set_i64!(dst, sem::i64_shr_u(i64_!(a), imm as i64)),

            // ---- Numeric: f32 ----
            F32Eq { dst, a, b } [a: F32EqAccA] => set_i32!(dst, f32_!(a) == f32_!(b)),
            F32Ne { dst, a, b } [a: F32NeAccA] => set_i32!(dst, f32_!(a) != f32_!(b)),
            F32Lt { dst, a, b } [a: F32LtAccA] => set_i32!(dst, f32_!(a) < f32_!(b)),
            F32Gt { dst, a, b } [a: F32GtAccA] => set_i32!(dst, f32_!(a) > f32_!(b)),
            F32Le { dst, a, b } [a: F32LeAccA] => set_i32!(dst, f32_!(a) <= f32_!(b)),
            F32Ge { dst, a, b } [a: F32GeAccA] => set_i32!(dst, f32_!(a) >= f32_!(b)),
            F32Abs { dst, src } => set_f32!(dst, sem::f32_abs(f32_!(src))),
            F32Neg { dst, src } => set_f32!(dst, sem::f32_neg(f32_!(src))),
            F32Ceil { dst, src } => set_f32!(dst, sem::f32_ceil(f32_!(src))),
            F32Floor { dst, src } => set_f32!(dst, sem::f32_floor(f32_!(src))),
            F32Trunc { dst, src } => set_f32!(dst, sem::f32_trunc(f32_!(src))),
            F32Nearest { dst, src } => set_f32!(dst, sem::f32_nearest(f32_!(src))),
            F32Sqrt { dst, src } => set_f32!(dst, sem::f32_sqrt(f32_!(src))),
            F32Add { dst, a, b } [a: F32AddAccA, b: F32AddAccB] => set_f32!(dst, f32_!(a) + f32_!(b)),
            F32Sub { dst, a, b } [a: F32SubAccA, b: F32SubAccB] => set_f32!(dst, f32_!(a) - f32_!(b)),
            F32Mul { dst, a, b } [a: F32MulAccA, b: F32MulAccB] => set_f32!(dst, f32_!(a) * f32_!(b)),
            F32Div { dst, a, b } [a: F32DivAccA, b: F32DivAccB] => set_f32!(dst, f32_!(a) / f32_!(b)),
            F32Min { dst, a, b } => set_f32!(dst, sem::f32_min(f32_!(a), f32_!(b))),
            F32Max { dst, a, b } => set_f32!(dst, sem::f32_max(f32_!(a), f32_!(b))),
            F32Copysign { dst, a, b } => {
                set_f32!(dst, sem::f32_copysign(f32_!(a), f32_!(b)))
            },

            // ---- Numeric: f64 ----
            F64Eq { dst, a, b } [a: F64EqAccA] => set_i32!(dst, f64_!(a) == f64_!(b)),
            F64Ne { dst, a, b } [a: F64NeAccA] => set_i32!(dst, f64_!(a) != f64_!(b)),
            F64Lt { dst, a, b } [a: F64LtAccA] => set_i32!(dst, f64_!(a) < f64_!(b)),
            F64Gt { dst, a, b } [a: F64GtAccA] => set_i32!(dst, f64_!(a) > f64_!(b)),
            F64Le { dst, a, b } [a: F64LeAccA] => set_i32!(dst, f64_!(a) <= f64_!(b)),
            F64Ge { dst, a, b } [a: F64GeAccA] => set_i32!(dst, f64_!(a) >= f64_!(b)),
            F64Abs { dst, src } => set_f64!(dst, sem::f64_abs(f64_!(src))),
            F64Neg { dst, src } => set_f64!(dst, sem::f64_neg(f64_!(src))),
            F64Ceil { dst, src } => set_f64!(dst, sem::f64_ceil(f64_!(src))),
            F64Floor { dst, src } => set_f64!(dst, sem::f64_floor(f64_!(src))),
            F64Trunc { dst, src } => set_f64!(dst, sem::f64_trunc(f64_!(src))),
            F64Nearest { dst, src } => set_f64!(dst, sem::f64_nearest(f64_!(src))),
            F64Sqrt { dst, src } => set_f64!(dst, sem::f64_sqrt(f64_!(src))),
            F64Add { dst, a, b } [a: F64AddAccA, b: F64AddAccB] => set_f64!(dst, f64_!(a) + f64_!(b)),
            F64Sub { dst, a, b } [a: F64SubAccA, b: F64SubAccB] => set_f64!(dst, f64_!(a) - f64_!(b)),
            F64Mul { dst, a, b } [a: F64MulAccA, b: F64MulAccB] => set_f64!(dst, f64_!(a) * f64_!(b)),
            F64Div { dst, a, b } [a: F64DivAccA, b: F64DivAccB] => set_f64!(dst, f64_!(a) / f64_!(b)),
            F64Min { dst, a, b } => set_f64!(dst, sem::f64_min(f64_!(a), f64_!(b))),
            F64Max { dst, a, b } => set_f64!(dst, sem::f64_max(f64_!(a), f64_!(b))),
            F64Copysign { dst, a, b } => {
                set_f64!(dst, sem::f64_copysign(f64_!(a), f64_!(b)))
            },

            // ---- Conversions ----
            I32WrapI64 { dst, src } [src: I32WrapI64Acc] => set_i32!(dst, get!(src) as u32),
            I32TruncF32S { dst, src } => {
                set_i32!(dst, tri!(sem::i32_trunc_f32_s(f32_!(src))))
            },
            I32TruncF32U { dst, src } => {
                set_i32!(dst, tri!(sem::i32_trunc_f32_u(f32_!(src))))
            },
            I32TruncF64S { dst, src } => {
                set_i32!(dst, tri!(sem::i32_trunc_f64_s(f64_!(src))))
            },
            I32TruncF64U { dst, src } => {
                set_i32!(dst, tri!(sem::i32_trunc_f64_u(f64_!(src))))
            },
            I64ExtendI32S { dst, src } [src: I64ExtendI32SAcc] => set_i64!(dst, i32_!(src) as i64),
            I64ExtendI32U { dst, src } [src: I64ExtendI32UAcc] => set_i64!(dst, u32_!(src) as u64),
            I64TruncF32S { dst, src } => {
                set_i64!(dst, tri!(sem::i64_trunc_f32_s(f32_!(src))))
            },
            I64TruncF32U { dst, src } => {
                set_i64!(dst, tri!(sem::i64_trunc_f32_u(f32_!(src))))
            },
            I64TruncF64S { dst, src } => {
                set_i64!(dst, tri!(sem::i64_trunc_f64_s(f64_!(src))))
            },
            I64TruncF64U { dst, src } => {
                set_i64!(dst, tri!(sem::i64_trunc_f64_u(f64_!(src))))
            },
            F32ConvertI32S { dst, src } [src: F32ConvertI32SAcc] => {
                set_f32!(dst, sem::f32_convert_i32_s(i32_!(src)))
            },
            F32ConvertI32U { dst, src } [src: F32ConvertI32UAcc] => {
                set_f32!(dst, sem::f32_convert_i32_u(u32_!(src)))
            },
            F32ConvertI64S { dst, src } => {
                set_f32!(dst, sem::f32_convert_i64_s(i64_!(src)))
            },
            F32ConvertI64U { dst, src } => set_f32!(dst, sem::f32_convert_i64_u(get!(src))),
            F32DemoteF64 { dst, src } [src: F32DemoteF64Acc] => set_f32!(dst, sem::f32_demote_f64(f64_!(src))),
            F64ConvertI32S { dst, src } [src: F64ConvertI32SAcc] => {
                set_f64!(dst, sem::f64_convert_i32_s(i32_!(src)))
            },
            F64ConvertI32U { dst, src } [src: F64ConvertI32UAcc] => {
                set_f64!(dst, sem::f64_convert_i32_u(u32_!(src)))
            },
            F64ConvertI64S { dst, src } => {
                set_f64!(dst, sem::f64_convert_i64_s(i64_!(src)))
            },
            F64ConvertI64U { dst, src } => set_f64!(dst, sem::f64_convert_i64_u(get!(src))),
            F64PromoteF32 { dst, src } [src: F64PromoteF32Acc] => set_f64!(dst, sem::f64_promote_f32(f32_!(src))),
            I32Extend8S { dst, src } => set_i32!(dst, sem::i32_extend8_s(i32_!(src))),
            I32Extend16S { dst, src } => set_i32!(dst, sem::i32_extend16_s(i32_!(src))),
            I64Extend8S { dst, src } => set_i64!(dst, sem::i64_extend8_s(i64_!(src))),
            I64Extend16S { dst, src } => set_i64!(dst, sem::i64_extend16_s(i64_!(src))),
            I64Extend32S { dst, src } => set_i64!(dst, sem::i64_extend32_s(i64_!(src))),
            I32TruncSatF32S { dst, src } => {
                set_i32!(dst, sem::i32_trunc_sat_f32_s(f32_!(src)))
            },
            I32TruncSatF32U { dst, src } => {
                set_i32!(dst, sem::i32_trunc_sat_f32_u(f32_!(src)))
            },
            I32TruncSatF64S { dst, src } => {
                set_i32!(dst, sem::i32_trunc_sat_f64_s(f64_!(src)))
            },
            I32TruncSatF64U { dst, src } => {
                set_i32!(dst, sem::i32_trunc_sat_f64_u(f64_!(src)))
            },
            I64TruncSatF32S { dst, src } => {
                set_i64!(dst, sem::i64_trunc_sat_f32_s(f32_!(src)))
            },
            I64TruncSatF32U { dst, src } => {
                set_i64!(dst, sem::i64_trunc_sat_f32_u(f32_!(src)))
            },
            I64TruncSatF64S { dst, src } => {
                set_i64!(dst, sem::i64_trunc_sat_f64_s(f64_!(src)))
            },
            I64TruncSatF64U { dst, src } => {
                set_i64!(dst, sem::i64_trunc_sat_f64_u(f64_!(src)))
            },

            // ---- Memories other than memory 0 ----
            SelectMemory { mem } => $mem = $cx.memory_view(mem),
            MemorySizeIn { dst, mem } => {
                let len = $cx.memory_view(mem).len;
                set_i32!(dst, len / crate::store::PAGE_SIZE)
            },
            MemoryGrowIn { dst, delta, mem } => {
                let r = bulk::memory_grow($cx.store, $cx.instance, mem, u32_!(delta));
                // An instance may import one memory twice: memory 0 may have moved too.
                $mem = $cx.memory();
                set_i32!(dst, r)
            },
            MemoryFillIn { d, val, n, mem } => {
                let (d, n) = (u32_!(d) as usize, u32_!(n) as usize);
                charge_units!(n);
                tri!(bulk::memory_fill($cx.store, $cx.instance, mem as u32, d, get!(val) as u8, n));
            },
            MemoryInitIn { args, data, mem } => {
                let (d, s, n) = (u32_!(args) as usize, u32_!(args + 1) as usize, u32_!(args + 2) as usize);
                charge_units!(n);
                tri!(bulk::memory_init($cx.store, $cx.instance, mem, data, d, s, n));
            },
            Addr64 { dst, addr, offset } => {
                let a = get!(addr);
                if a > (u32::MAX - offset) as u64 {
                    trap!(TrapCode::MemoryOutOfBounds);
                }
                set_i32!(dst, a + offset as u64)
            },
            I64ClampU32 { dst, src } => set_i64!(dst, get!(src).min(u32::MAX as u64)),
            MemoryCopyIn { d, s, n, dst_mem, src_mem } => {
                let (d, s, n) = (u32_!(d) as usize, u32_!(s) as usize, u32_!(n) as usize);
                charge_units!(n);
                tri!(bulk::memory_copy($cx.store, $cx.instance, dst_mem as u32, src_mem as u32, d, s, n));
            },

            // ---- SIMD ----
            V128Load { dst, addr, offset } => load!(dst, addr, offset, 16, (u128::from_le_bytes), set_v128),
            V128Load8x8S { dst, addr, offset } => {
                load!(dst, addr, offset, 8, (|b| sem::simd::v128_load8x8_s(u64::from_le_bytes(b))), set_v128)
            },
            V128Load8x8U { dst, addr, offset } => {
                load!(dst, addr, offset, 8, (|b| sem::simd::v128_load8x8_u(u64::from_le_bytes(b))), set_v128)
            },
            V128Load16x4S { dst, addr, offset } => {
                load!(dst, addr, offset, 8, (|b| sem::simd::v128_load16x4_s(u64::from_le_bytes(b))), set_v128)
            },
            V128Load16x4U { dst, addr, offset } => {
                load!(dst, addr, offset, 8, (|b| sem::simd::v128_load16x4_u(u64::from_le_bytes(b))), set_v128)
            },
            V128Load32x2S { dst, addr, offset } => {
                load!(dst, addr, offset, 8, (|b| sem::simd::v128_load32x2_s(u64::from_le_bytes(b))), set_v128)
            },
            V128Load32x2U { dst, addr, offset } => {
                load!(dst, addr, offset, 8, (|b| sem::simd::v128_load32x2_u(u64::from_le_bytes(b))), set_v128)
            },
            V128Load8Splat { dst, addr, offset } => {
                load!(dst, addr, offset, 1, (|b| sem::simd::i8x16_splat(u8::from_le_bytes(b) as i32)), set_v128)
            },
            V128Load16Splat { dst, addr, offset } => {
                load!(dst, addr, offset, 2, (|b| sem::simd::i16x8_splat(u16::from_le_bytes(b) as i32)), set_v128)
            },
            V128Load32Splat { dst, addr, offset } => {
                load!(dst, addr, offset, 4, (|b| sem::simd::i32x4_splat(u32::from_le_bytes(b) as i32)), set_v128)
            },
            V128Load64Splat { dst, addr, offset } => {
                load!(dst, addr, offset, 8, (|b| sem::simd::i64x2_splat(u64::from_le_bytes(b) as i64)), set_v128)
            },
            V128Load32Zero { dst, addr, offset } => {
                load!(dst, addr, offset, 4, (|b| sem::simd::v128_load32_zero(u32::from_le_bytes(b))), set_v128)
            },
            V128Load64Zero { dst, addr, offset } => {
                load!(dst, addr, offset, 8, (|b| sem::simd::v128_load64_zero(u64::from_le_bytes(b))), set_v128)
            },
            V128Store { addr, value, offset } => store!(addr, offset, 16, v128!(value).to_le_bytes()),
            V128Load8Lane { vec, addr, offset, lane } => {
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
            },
            V128Load16Lane { vec, addr, offset, lane } => {
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
            },
            V128Load32Lane { vec, addr, offset, lane } => {
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
            },
            V128Load64Lane { vec, addr, offset, lane } => {
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
            },
            V128Store8Lane { addr, vec, offset, lane } => {
                let v = v128!(vec);
                store!(addr, offset, 1, (sem::simd::i8x16_extract_lane_u(v, lane) as u8).to_le_bytes())
            },
            V128Store16Lane { addr, vec, offset, lane } => {
                let v = v128!(vec);
                store!(addr, offset, 2, (sem::simd::i16x8_extract_lane_u(v, lane) as u16).to_le_bytes())
            },
            V128Store32Lane { addr, vec, offset, lane } => {
                let v = v128!(vec);
                store!(addr, offset, 4, (sem::simd::i32x4_extract_lane(v, lane) as u32).to_le_bytes())
            },
            V128Store64Lane { addr, vec, offset, lane } => {
                let v = v128!(vec);
                store!(addr, offset, 8, (sem::simd::i64x2_extract_lane(v, lane) as u64).to_le_bytes())
            },
        }
    };
}
