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

/// Calls `$m!` with every accumulator form: `Form = Base [operand] { fields };`, where
/// `operand` is the field read from the accumulator, and `commutative` marks base ops whose `a`
/// and `b` may be swapped (so `b` can use the `a` form). Every form is also an entry of
/// [`for_each_op!`](crate::for_each_op), with the base op's fields.
#[macro_export]
macro_rules! for_each_acc_op {
    ($m:ident) => {
        $m! {
            I32AddAccA = I32Add [a commutative] { dst, a, b };
            I32SubAccA = I32Sub [a] { dst, a, b };
            I32SubAccB = I32Sub [b] { dst, a, b };
            I32MulAccA = I32Mul [a commutative] { dst, a, b };
            I32AndAccA = I32And [a commutative] { dst, a, b };
            I32OrAccA = I32Or [a commutative] { dst, a, b };
            I32XorAccA = I32Xor [a commutative] { dst, a, b };
            I32ShlAccA = I32Shl [a] { dst, a, b };
            I32ShlAccB = I32Shl [b] { dst, a, b };
            I32ShrSAccA = I32ShrS [a] { dst, a, b };
            I32ShrSAccB = I32ShrS [b] { dst, a, b };
            I32ShrUAccA = I32ShrU [a] { dst, a, b };
            I32ShrUAccB = I32ShrU [b] { dst, a, b };
            I32RotlAccA = I32Rotl [a] { dst, a, b };
            I32RotlAccB = I32Rotl [b] { dst, a, b };
            I32RotrAccA = I32Rotr [a] { dst, a, b };
            I32RotrAccB = I32Rotr [b] { dst, a, b };
            I32AddImmAcc = I32AddImm [a] { dst, a, imm };
            I32MulImmAcc = I32MulImm [a] { dst, a, imm };
            I32AndImmAcc = I32AndImm [a] { dst, a, imm };
            I32OrImmAcc = I32OrImm [a] { dst, a, imm };
            I32XorImmAcc = I32XorImm [a] { dst, a, imm };
            I32ShlImmAcc = I32ShlImm [a] { dst, a, imm };
            I32ShrSImmAcc = I32ShrSImm [a] { dst, a, imm };
            I32ShrUImmAcc = I32ShrUImm [a] { dst, a, imm };
            I64AddAccA = I64Add [a commutative] { dst, a, b };
            I64SubAccA = I64Sub [a] { dst, a, b };
            I64SubAccB = I64Sub [b] { dst, a, b };
            I64MulAccA = I64Mul [a commutative] { dst, a, b };
            I64AndAccA = I64And [a commutative] { dst, a, b };
            I64OrAccA = I64Or [a commutative] { dst, a, b };
            I64XorAccA = I64Xor [a commutative] { dst, a, b };
            I64ShlAccA = I64Shl [a] { dst, a, b };
            I64ShlAccB = I64Shl [b] { dst, a, b };
            I64ShrSAccA = I64ShrS [a] { dst, a, b };
            I64ShrSAccB = I64ShrS [b] { dst, a, b };
            I64ShrUAccA = I64ShrU [a] { dst, a, b };
            I64ShrUAccB = I64ShrU [b] { dst, a, b };
            I64RotlAccA = I64Rotl [a] { dst, a, b };
            I64RotlAccB = I64Rotl [b] { dst, a, b };
            I64RotrAccA = I64Rotr [a] { dst, a, b };
            I64RotrAccB = I64Rotr [b] { dst, a, b };
            I64AddImmAcc = I64AddImm [a] { dst, a, imm };
            I64MulImmAcc = I64MulImm [a] { dst, a, imm };
            I64AndImmAcc = I64AndImm [a] { dst, a, imm };
            I64OrImmAcc = I64OrImm [a] { dst, a, imm };
            I64XorImmAcc = I64XorImm [a] { dst, a, imm };
            I64ShlImmAcc = I64ShlImm [a] { dst, a, imm };
            I64ShrSImmAcc = I64ShrSImm [a] { dst, a, imm };
            I64ShrUImmAcc = I64ShrUImm [a] { dst, a, imm };
            F32AddAccA = F32Add [a] { dst, a, b };
            F32AddAccB = F32Add [b] { dst, a, b };
            F32SubAccA = F32Sub [a] { dst, a, b };
            F32SubAccB = F32Sub [b] { dst, a, b };
            F32MulAccA = F32Mul [a] { dst, a, b };
            F32MulAccB = F32Mul [b] { dst, a, b };
            F32DivAccA = F32Div [a] { dst, a, b };
            F32DivAccB = F32Div [b] { dst, a, b };
            F64AddAccA = F64Add [a] { dst, a, b };
            F64AddAccB = F64Add [b] { dst, a, b };
            F64SubAccA = F64Sub [a] { dst, a, b };
            F64SubAccB = F64Sub [b] { dst, a, b };
            F64MulAccA = F64Mul [a] { dst, a, b };
            F64MulAccB = F64Mul [b] { dst, a, b };
            F64DivAccA = F64Div [a] { dst, a, b };
            F64DivAccB = F64Div [b] { dst, a, b };
            I32LoadAcc = I32Load [addr] { dst, addr, offset };
            I64LoadAcc = I64Load [addr] { dst, addr, offset };
            F32LoadAcc = F32Load [addr] { dst, addr, offset };
            F64LoadAcc = F64Load [addr] { dst, addr, offset };
            I32Load8SAcc = I32Load8S [addr] { dst, addr, offset };
            I32Load8UAcc = I32Load8U [addr] { dst, addr, offset };
            I32Load16SAcc = I32Load16S [addr] { dst, addr, offset };
            I32Load16UAcc = I32Load16U [addr] { dst, addr, offset };
            I64Load8SAcc = I64Load8S [addr] { dst, addr, offset };
            I64Load8UAcc = I64Load8U [addr] { dst, addr, offset };
            I64Load16SAcc = I64Load16S [addr] { dst, addr, offset };
            I64Load16UAcc = I64Load16U [addr] { dst, addr, offset };
            I64Load32SAcc = I64Load32S [addr] { dst, addr, offset };
            I64Load32UAcc = I64Load32U [addr] { dst, addr, offset };
        }
    };
}

macro_rules! acc_fns {
    ($( $acc:ident = $base:ident [$opnd:ident $($comm:ident)?] { $($f:ident),* }; )*) => {
        impl Op {
            /// The base op of an accumulator form; every other op unchanged.
            pub fn without_acc(self) -> Op {
                match self {
                    $( Op::$acc { $($f),* } => Op::$base { $($f),* }, )*
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
                $( Op::$base { $($f),* } if $opnd == produced => Some(Op::$acc { $($f),* }), )*
                $($( Op::$base { dst, a, b } if b == produced => {
                    let _ = stringify!($comm);
                    Some(Op::$acc { dst, a: b, b: a })
                } )?)*
                _ => None,
            }
        }

        /// The slot `op` writes last, with that value left in the accumulator, if `op` is a
        /// producer: a base op or form listed here, a constant or a copy.
        #[allow(unreachable_patterns)] // base ops with two forms are listed twice
        pub fn produced(op: &Op) -> Option<Slot> {
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
    for i in 1..n {
        if targeted[i] {
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
