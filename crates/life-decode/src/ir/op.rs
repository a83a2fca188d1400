//! `enum Op` and its generic accessors, generated from `for_each_op!`.

use super::{Pc, Slot};
use std::fmt;

macro_rules! define_op {
    ($( $(#[$doc:meta])* $name:ident = $snake:ident { $($field:ident : $ty:ty),* $(,)? }; )*) => {
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
}
