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
/// `operand` is the field read from the accumulator; `[a b]` marks a commutative base op, whose
/// `b` may use the form too by swapping it with `a`. Every form is also an entry of
/// [`for_each_op!`](crate::for_each_op), with the base op's fields.
#[macro_export]
macro_rules! for_each_acc_op {
    ($m:ident) => {
        $m! {
            I32AddAccA = I32Add [a b] { dst, a, b };
            I32SubAccA = I32Sub [a] { dst, a, b };
            I32SubAccB = I32Sub [b] { dst, a, b };
            I32MulAccA = I32Mul [a b] { dst, a, b };
            I32AndAccA = I32And [a b] { dst, a, b };
            I32OrAccA = I32Or [a b] { dst, a, b };
            I32XorAccA = I32Xor [a b] { dst, a, b };
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
            I64AddAccA = I64Add [a b] { dst, a, b };
            I64SubAccA = I64Sub [a] { dst, a, b };
            I64SubAccB = I64Sub [b] { dst, a, b };
            I64MulAccA = I64Mul [a b] { dst, a, b };
            I64AndAccA = I64And [a b] { dst, a, b };
            I64OrAccA = I64Or [a b] { dst, a, b };
            I64XorAccA = I64Xor [a b] { dst, a, b };
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
            I32EqAccA = I32Eq [a b] { dst, a, b };
            I32EqImmAcc = I32EqImm [a] { dst, a, imm };
            BrIfI32EqAccA = BrIfI32Eq [a b] { a, b, target };
            BrIfI32EqImmAcc = BrIfI32EqImm [a] { a, imm, target };
            I32NeAccA = I32Ne [a b] { dst, a, b };
            I32NeImmAcc = I32NeImm [a] { dst, a, imm };
            BrIfI32NeAccA = BrIfI32Ne [a b] { a, b, target };
            BrIfI32NeImmAcc = BrIfI32NeImm [a] { a, imm, target };
            I32LtSAccA = I32LtS [a] { dst, a, b };
            I32LtSImmAcc = I32LtSImm [a] { dst, a, imm };
            BrIfI32LtSAccA = BrIfI32LtS [a] { a, b, target };
            BrIfI32LtSImmAcc = BrIfI32LtSImm [a] { a, imm, target };
            I32LtUAccA = I32LtU [a] { dst, a, b };
            I32LtUImmAcc = I32LtUImm [a] { dst, a, imm };
            BrIfI32LtUAccA = BrIfI32LtU [a] { a, b, target };
            BrIfI32LtUImmAcc = BrIfI32LtUImm [a] { a, imm, target };
            I32GtSAccA = I32GtS [a] { dst, a, b };
            I32GtSImmAcc = I32GtSImm [a] { dst, a, imm };
            BrIfI32GtSAccA = BrIfI32GtS [a] { a, b, target };
            BrIfI32GtSImmAcc = BrIfI32GtSImm [a] { a, imm, target };
            I32GtUAccA = I32GtU [a] { dst, a, b };
            I32GtUImmAcc = I32GtUImm [a] { dst, a, imm };
            BrIfI32GtUAccA = BrIfI32GtU [a] { a, b, target };
            BrIfI32GtUImmAcc = BrIfI32GtUImm [a] { a, imm, target };
            I32LeSAccA = I32LeS [a] { dst, a, b };
            I32LeSImmAcc = I32LeSImm [a] { dst, a, imm };
            BrIfI32LeSAccA = BrIfI32LeS [a] { a, b, target };
            BrIfI32LeSImmAcc = BrIfI32LeSImm [a] { a, imm, target };
            I32LeUAccA = I32LeU [a] { dst, a, b };
            I32LeUImmAcc = I32LeUImm [a] { dst, a, imm };
            BrIfI32LeUAccA = BrIfI32LeU [a] { a, b, target };
            BrIfI32LeUImmAcc = BrIfI32LeUImm [a] { a, imm, target };
            I32GeSAccA = I32GeS [a] { dst, a, b };
            I32GeSImmAcc = I32GeSImm [a] { dst, a, imm };
            BrIfI32GeSAccA = BrIfI32GeS [a] { a, b, target };
            BrIfI32GeSImmAcc = BrIfI32GeSImm [a] { a, imm, target };
            I32GeUAccA = I32GeU [a] { dst, a, b };
            I32GeUImmAcc = I32GeUImm [a] { dst, a, imm };
            BrIfI32GeUAccA = BrIfI32GeU [a] { a, b, target };
            BrIfI32GeUImmAcc = BrIfI32GeUImm [a] { a, imm, target };
            I32EqzAcc = I32Eqz [src] { dst, src };
            I64EqAccA = I64Eq [a b] { dst, a, b };
            I64EqImmAcc = I64EqImm [a] { dst, a, imm };
            BrIfI64EqAccA = BrIfI64Eq [a b] { a, b, target };
            BrIfI64EqImmAcc = BrIfI64EqImm [a] { a, imm, target };
            I64NeAccA = I64Ne [a b] { dst, a, b };
            I64NeImmAcc = I64NeImm [a] { dst, a, imm };
            BrIfI64NeAccA = BrIfI64Ne [a b] { a, b, target };
            BrIfI64NeImmAcc = BrIfI64NeImm [a] { a, imm, target };
            I64LtSAccA = I64LtS [a] { dst, a, b };
            I64LtSImmAcc = I64LtSImm [a] { dst, a, imm };
            BrIfI64LtSAccA = BrIfI64LtS [a] { a, b, target };
            BrIfI64LtSImmAcc = BrIfI64LtSImm [a] { a, imm, target };
            I64LtUAccA = I64LtU [a] { dst, a, b };
            I64LtUImmAcc = I64LtUImm [a] { dst, a, imm };
            BrIfI64LtUAccA = BrIfI64LtU [a] { a, b, target };
            BrIfI64LtUImmAcc = BrIfI64LtUImm [a] { a, imm, target };
            I64GtSAccA = I64GtS [a] { dst, a, b };
            I64GtSImmAcc = I64GtSImm [a] { dst, a, imm };
            BrIfI64GtSAccA = BrIfI64GtS [a] { a, b, target };
            BrIfI64GtSImmAcc = BrIfI64GtSImm [a] { a, imm, target };
            I64GtUAccA = I64GtU [a] { dst, a, b };
            I64GtUImmAcc = I64GtUImm [a] { dst, a, imm };
            BrIfI64GtUAccA = BrIfI64GtU [a] { a, b, target };
            BrIfI64GtUImmAcc = BrIfI64GtUImm [a] { a, imm, target };
            I64LeSAccA = I64LeS [a] { dst, a, b };
            I64LeSImmAcc = I64LeSImm [a] { dst, a, imm };
            BrIfI64LeSAccA = BrIfI64LeS [a] { a, b, target };
            BrIfI64LeSImmAcc = BrIfI64LeSImm [a] { a, imm, target };
            I64LeUAccA = I64LeU [a] { dst, a, b };
            I64LeUImmAcc = I64LeUImm [a] { dst, a, imm };
            BrIfI64LeUAccA = BrIfI64LeU [a] { a, b, target };
            BrIfI64LeUImmAcc = BrIfI64LeUImm [a] { a, imm, target };
            I64GeSAccA = I64GeS [a] { dst, a, b };
            I64GeSImmAcc = I64GeSImm [a] { dst, a, imm };
            BrIfI64GeSAccA = BrIfI64GeS [a] { a, b, target };
            BrIfI64GeSImmAcc = BrIfI64GeSImm [a] { a, imm, target };
            I64GeUAccA = I64GeU [a] { dst, a, b };
            I64GeUImmAcc = I64GeUImm [a] { dst, a, imm };
            BrIfI64GeUAccA = BrIfI64GeU [a] { a, b, target };
            BrIfI64GeUImmAcc = BrIfI64GeUImm [a] { a, imm, target };
            I64EqzAcc = I64Eqz [src] { dst, src };
            F32EqAccA = F32Eq [a b] { dst, a, b };
            F32NeAccA = F32Ne [a b] { dst, a, b };
            F32LtAccA = F32Lt [a] { dst, a, b };
            F32GtAccA = F32Gt [a] { dst, a, b };
            F32LeAccA = F32Le [a] { dst, a, b };
            F32GeAccA = F32Ge [a] { dst, a, b };
            F64EqAccA = F64Eq [a b] { dst, a, b };
            F64NeAccA = F64Ne [a b] { dst, a, b };
            F64LtAccA = F64Lt [a] { dst, a, b };
            F64GtAccA = F64Gt [a] { dst, a, b };
            F64LeAccA = F64Le [a] { dst, a, b };
            F64GeAccA = F64Ge [a] { dst, a, b };
            BrIfNezAcc = BrIfNez [cond] { cond, target };
            BrIfEqzAcc = BrIfEqz [cond] { cond, target };
            I32StoreAccAddr = I32Store [addr] { addr, value, offset };
            I32StoreAccValue = I32Store [value] { addr, value, offset };
            I64StoreAccAddr = I64Store [addr] { addr, value, offset };
            I64StoreAccValue = I64Store [value] { addr, value, offset };
            F32StoreAccAddr = F32Store [addr] { addr, value, offset };
            F32StoreAccValue = F32Store [value] { addr, value, offset };
            F64StoreAccAddr = F64Store [addr] { addr, value, offset };
            F64StoreAccValue = F64Store [value] { addr, value, offset };
            I32Store8AccAddr = I32Store8 [addr] { addr, value, offset };
            I32Store8AccValue = I32Store8 [value] { addr, value, offset };
            I32Store16AccAddr = I32Store16 [addr] { addr, value, offset };
            I32Store16AccValue = I32Store16 [value] { addr, value, offset };
            I64Store8AccAddr = I64Store8 [addr] { addr, value, offset };
            I64Store8AccValue = I64Store8 [value] { addr, value, offset };
            I64Store16AccAddr = I64Store16 [addr] { addr, value, offset };
            I64Store16AccValue = I64Store16 [value] { addr, value, offset };
            I64Store32AccAddr = I64Store32 [addr] { addr, value, offset };
            I64Store32AccValue = I64Store32 [value] { addr, value, offset };
            I32WrapI64Acc = I32WrapI64 [src] { dst, src };
            I64ExtendI32SAcc = I64ExtendI32S [src] { dst, src };
            I64ExtendI32UAcc = I64ExtendI32U [src] { dst, src };
            F32ConvertI32SAcc = F32ConvertI32S [src] { dst, src };
            F32ConvertI32UAcc = F32ConvertI32U [src] { dst, src };
            F32DemoteF64Acc = F32DemoteF64 [src] { dst, src };
            F64ConvertI32SAcc = F64ConvertI32S [src] { dst, src };
            F64ConvertI32UAcc = F64ConvertI32U [src] { dst, src };
            F64PromoteF32Acc = F64PromoteF32 [src] { dst, src };
            CopyAcc = Copy [src] { dst, src };
        }
    };
}

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
