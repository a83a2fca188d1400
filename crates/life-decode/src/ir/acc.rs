//! Accumulator forms: an op one of whose operands is the value the op just before it wrote.
//!
//! Every interpreter handler that writes a slot also keeps the value in a register, the
//! *accumulator*, which the dispatch loop hands to the next op. An accumulator form reads that
//! operand from the register instead of from its slot, so a chain of dependent ops (`acc = acc
//! * c + i`) does not wait for each value to go through memory (a store-to-load forwarding delay
//! of about five cycles per link). The operand's slot is still named in the op and holds the
//! same value, so an accumulator form means exactly what its base op means: a native engine
//! compiles the base op ([`Op::without_acc`], [`FuncBody::without_accumulator`]).
//!
//! [`use_accumulator`] rewrites a finished body: op `i` becomes an accumulator form when op
//! `i - 1` is a producer ([`produced`]) writing the operand, and no branch lands on op `i` (the
//! only way to reach it is then to fall through from op `i - 1`, whose handler set the
//! accumulator; after a call, a pause or a restored snapshot execution resumes after a `call`
//! or at a `consume_gas`, neither of which is a producer).

use super::{FuncBody, Op, Slot};
use crate::for_each_acc_op;

macro_rules! acc_fns {
    ($( $acc:ident = $base:ident [$opnd:ident $($other:ident)?] $fields:tt; )*) => {
        impl Op {
            /// The base op of an accumulator form; every other op unchanged.
            pub fn without_acc(self) -> Op {
                match self {
                    $( Op::$acc $fields => Op::$base $fields, )*
                    op => op,
                }
            }

            /// Whether this is an accumulator form.
            pub fn is_acc(&self) -> bool {
                matches!(self, $( Op::$acc { .. } )|*)
            }
        }

        /// The accumulator form of `op` that reads `produced` from the accumulator, if any.
        fn acc_form(op: &Op, produced: Slot) -> Option<Op> {
            match *op {
                $( Op::$base $fields if $opnd == produced => Some(Op::$acc $fields), )*
                $($( Op::$base $fields if $other == produced => {
                    let ($opnd, $other) = ($other, $opnd);
                    Some(Op::$acc $fields)
                } )?)*
                _ => None,
            }
        }

        /// The slot `op` writes last, with that value left in the accumulator, if `op` is a
        /// producer: a base op or form listed here, a constant or a copy.
        #[allow(unreachable_patterns)] // base ops with two forms are listed twice
        pub(crate) fn produced(op: &Op) -> Option<Slot> {
            let producer = matches!(op, $( Op::$base { .. } | Op::$acc { .. } )|*)
                || matches!(op, Op::Const32 { .. } | Op::Const64 { .. } | Op::Copy { .. });
            let mut op = *op;
            producer.then(|| op.dst_mut().copied()).flatten()
        }
    };
}
for_each_acc_op!(acc_fns);

/// Rewrites `body` to use accumulator forms wherever op `i - 1` produces an operand of op `i`
/// and no branch targets op `i`.
pub(crate) fn use_accumulator(body: &mut FuncBody) {
    let n = body.ops.len();
    let mut targeted = vec![false; n + 1];
    for op in &mut body.ops {
        if let Some(t) = op.target_mut() {
            targeted[*t as usize] = true;
        }
    }
    for &t in &body.br_tables {
        targeted[t as usize] = true;
    }
    for (i, &targeted) in targeted.iter().enumerate().take(n).skip(1) {
        if targeted {
            continue;
        }
        if let Some(d) = produced(&body.ops[i - 1])
            && let Some(op) = acc_form(&body.ops[i], d)
        {
            body.ops[i] = op;
        }
    }
}

impl FuncBody {
    /// This body with every accumulator form replaced by its base op, for engines that keep no
    /// accumulator.
    pub fn without_accumulator(&self) -> FuncBody {
        FuncBody { ops: self.ops.iter().map(|op| op.without_acc()).collect(), ..self.clone() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every form has its base's fields and name plus a suffix, and maps back to its base.
    #[test]
    fn forms_mirror_their_base_ops() {
        macro_rules! check {
            ($( $acc:ident = $base:ident [$opnd:ident $($comm:ident)?] { $($f:ident),* }; )*) => { $(
                let mut n = 0u32;
                $( let $f = { n += 1; n }; )*
                let _ = n;
                let form = Op::$acc { $($f: $f as _),* };
                let base = Op::$base { $($f: $f as _),* };
                assert_eq!(form.without_acc(), base);
                assert!(form.is_acc() && !base.is_acc());
                assert!(form.name().starts_with(base.name()), "{} vs {}", form.name(), base.name());
            )* };
        }
        for_each_acc_op!(check);
    }

    /// A chain of dependent ops becomes accumulator forms, except where a branch lands.
    #[test]
    fn chains_use_the_accumulator_except_at_branch_targets() {
        let mut body = FuncBody {
            ops: vec![
                Op::I64Mul { dst: 5, a: 3, b: 4 },
                Op::I64Add { dst: 3, a: 1, b: 5 },
                Op::I64ShrUImm { dst: 6, a: 3, imm: 29 },
                Op::I64Sub { dst: 3, a: 3, b: 6 },
                Op::I64Add { dst: 7, a: 3, b: 1 },
                Op::BrIfI64LtU { a: 1, b: 2, target: 4 },
                Op::Return {},
            ],
            ..FuncBody::default()
        };
        use_accumulator(&mut body);
        assert_eq!(
            body.ops[..5],
            [
                Op::I64Mul { dst: 5, a: 3, b: 4 },
                Op::I64AddAccA { dst: 3, a: 5, b: 1 },
                Op::I64ShrUImmAcc { dst: 6, a: 3, imm: 29 },
                Op::I64SubAccB { dst: 3, a: 3, b: 6 },
                Op::I64Add { dst: 7, a: 3, b: 1 },
            ]
        );
    }
}
