//! `enum Op` and its generic accessors, generated from `for_each_op!`: names, facts, groups,
//! slot and target accessors, disassembly.

use super::{Pc, Slot};
use std::fmt;

macro_rules! define_op {
    ($( $(#[$doc:meta])* $name:ident = $snake:ident { $($field:ident : $ty:ty),* $(,)? } [$($fact:ident)*]; )*) => {
        /// One IR instruction. See [`for_each_op!`](crate::for_each_op) for the conventions.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Op {
            $( $(#[$doc])* $name { $( #[allow(missing_docs)] $field: $ty ),* }, )*
        }

        impl Op {
            /// The op's snake-case name, as `life dump` prints it.
            pub const fn name(&self) -> &'static str {
                match self { $( Op::$name { .. } => stringify!($snake), )* }
            }

            /// What the op list says of this op (see [`Facts`]).
            pub const fn facts(&self) -> Facts {
                match self { $( Op::$name { .. } => Facts::NONE $(.with(fact!($fact)))*, )* }
            }

            /// Calls `f` on every slot operand (read or written) of this op.
            #[allow(unused_variables)]
            pub fn for_each_slot_mut(&mut self, mut f: impl FnMut(&mut Slot)) {
                match self { $( Op::$name { $($field),* } => { $( slot_field!($field, f); )* } )* }
            }

            /// The branch target of this op, if it has a `target` field.
            #[allow(unused_variables)]
            pub fn target_mut(&mut self) -> Option<&mut Pc> {
                match self { $( Op::$name { $($field),* } => find_target!($($field),*), )* }
            }

            /// The slot this op writes, if its first field is `dst`.
            #[allow(unused_variables)]
            pub fn dst_mut(&mut self) -> Option<&mut Slot> {
                match self { $( Op::$name { $($field),* } => first_dst!($($field),*), )* }
            }
        }

        impl fmt::Display for Op {
            /// Disassembly: `name field=value ...`.
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                match self {
                    $( Op::$name { $($field),* } => {
                        f.write_str(stringify!($snake))?;
                        $( write!(f, concat!(" ", stringify!($field), "={}"), $field)?; )*
                        Ok(())
                    } )*
                }
            }
        }
    };
}

/// The facts an entry of the op list may state, by name.
macro_rules! fact {
    (trap) => {
        Facts::TRAP
    };
    (mem) => {
        Facts::MEM
    };
    (float) => {
        Facts::FLOAT
    };
    (pure) => {
        Facts::PURE
    };
}

/// What the op list states of an op (`[trap mem float pure]` after its fields).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Facts(u8);

impl Facts {
    const NONE: Facts = Facts(0);
    const TRAP: Facts = Facts(1);
    const MEM: Facts = Facts(2);
    const FLOAT: Facts = Facts(4);
    const PURE: Facts = Facts(8);

    const fn with(self, other: Facts) -> Facts {
        Facts(self.0 | other.0)
    }

    /// The op may trap (or run out of gas).
    pub const fn can_trap(self) -> bool {
        self.0 & Facts::TRAP.0 != 0
    }

    /// The op reads the view (base and length) of the instance's memory: the loads, the stores
    /// and `memory.size`. Bulk memory ops go through the runtime instead.
    pub const fn touches_memory(self) -> bool {
        self.0 & Facts::MEM.0 != 0
    }

    /// The op computes on or with `f32`/`f64` values, lanes included.
    pub const fn uses_floats(self) -> bool {
        self.0 & Facts::FLOAT.0 != 0
    }

    /// The op writes only its `dst`, reads only its operands or a global, and cannot trap: it
    /// may move across a check or be dropped when nothing reads its result.
    pub const fn is_pure(self) -> bool {
        self.0 & Facts::PURE.0 != 0
    }
}

/// Which group of the op list an op belongs to (see `ir/ops.rs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    /// [`for_each_base_op!`](crate::for_each_base_op).
    Base,
    /// [`for_each_compare_op!`](crate::for_each_compare_op).
    Compare,
    /// [`for_each_branch_op!`](crate::for_each_branch_op).
    Branch,
    /// [`for_each_inc_branch_op!`](crate::for_each_inc_branch_op).
    IncBranch,
    /// [`for_each_acc_op!`](crate::for_each_acc_op).
    Acc,
    /// [`for_each_simd_memory_op!`](crate::for_each_simd_memory_op).
    SimdMemory,
    /// [`for_each_simd_op!`](crate::for_each_simd_op).
    Simd,
}

impl Op {
    /// The group of the op list this op belongs to.
    pub const fn group(&self) -> Group {
        use crate::{acc_ops_pattern, ops_pattern};
        match self {
            crate::for_each_base_op!(ops_pattern) => Group::Base,
            crate::for_each_compare_op!(ops_pattern) => Group::Compare,
            crate::for_each_branch_op!(ops_pattern) => Group::Branch,
            crate::for_each_inc_branch_op!(ops_pattern) => Group::IncBranch,
            crate::for_each_acc_op!(acc_ops_pattern) => Group::Acc,
            crate::for_each_simd_memory_op!(ops_pattern) => Group::SimdMemory,
            crate::for_each_simd_op!(ops_pattern) => Group::Simd,
        }
    }
}

/// `Some(dst)` when the first field is named `dst`, else `None`.
macro_rules! first_dst {
    () => { None };
    ($first:ident $(, $rest:ident)*) => { first_dst!(@check $first, $first) };
    (@check dst, $v:ident) => { Some($v) };
    (@check $other:ident, $v:ident) => { None };
}

/// `Some(target)` when one of the fields is named `target`, else `None`.
macro_rules! find_target {
    () => { None };
    ($first:ident $(, $rest:ident)*) => { find_target!(@check $first, $first, [$($rest),*]) };
    (@check target, $v:ident, [$($rest:ident),*]) => { Some($v) };
    (@check $other:ident, $v:ident, [$($rest:ident),*]) => { find_target!($($rest),*) };
}

/// Applies `f` to a field if its name marks it as a [`Slot`]; the other names are listed here.
/// A new non-slot field name must be added to this list (the `slots_are_found` test checks).
macro_rules! slot_field {
    (amount, $f:ident) => {};
    (bits, $f:ident) => {};
    (data, $f:ident) => {};
    (dst_mem, $f:ident) => {};
    (dst_table, $f:ident) => {};
    (elem, $f:ident) => {};
    (func, $f:ident) => {};
    (global, $f:ident) => {};
    (imm, $f:ident) => {};
    (lane, $f:ident) => {};
    (len, $f:ident) => {};
    (mem, $f:ident) => {};
    (offset, $f:ident) => {};
    (src_mem, $f:ident) => {};
    (src_table, $f:ident) => {};
    (step, $f:ident) => {};
    (table, $f:ident) => {};
    (target, $f:ident) => {};
    (ty, $f:ident) => {};
    ($slot:ident, $f:ident) => {
        $f($slot)
    };
}

// The type names in the op list resolve here.
#[allow(unused_imports)]
use {Pc as _, Slot as _};

crate::for_each_op!(define_op);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn op_is_sixteen_bytes() {
        // Instruction size decides cache behaviour in the dispatch loop; keep every op at 16 bytes.
        assert_eq!(std::mem::size_of::<Op>(), 16);
    }

    #[test]
    fn dst_is_found_only_in_first_field() {
        let mut op = Op::I32Add { dst: 3, a: 1, b: 2 };
        *op.dst_mut().unwrap() = 7;
        assert_eq!(op, Op::I32Add { dst: 7, a: 1, b: 2 });
        assert!(Op::I32Store { addr: 0, value: 1, offset: 0 }.clone().dst_mut().is_none());
        assert_eq!(op.to_string(), "i32_add dst=7 a=1 b=2");
        let mut br = Op::BrIfI32LtS { a: 1, b: 2, target: 5 };
        *br.target_mut().unwrap() = 9;
        assert_eq!(br, Op::BrIfI32LtS { a: 1, b: 2, target: 9 });
        assert!(op.target_mut().is_none());
    }

    #[test]
    fn slots_are_found() {
        let mut seen = Vec::new();
        Op::I32Store { addr: 1, value: 2, offset: 3 }.for_each_slot_mut(|s| seen.push(*s));
        Op::BrIfI32LtSImm { a: 4, imm: 5, target: 6 }.for_each_slot_mut(|s| seen.push(*s));
        Op::Const64 { dst: 7, bits: 8 }.for_each_slot_mut(|s| seen.push(*s));
        Op::TableGrow { dst: 9, init: 10, n: 11, table: 12 }.for_each_slot_mut(|s| seen.push(*s));
        assert_eq!(seen, vec![1, 2, 4, 7, 9, 10, 11]);
    }
}
