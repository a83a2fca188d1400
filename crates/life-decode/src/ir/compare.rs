//! Integer comparisons, described once: their IR forms, immediate forms and branch fusions.
//! The translator builds ops from these descriptions and native engines read them back
//! ([`as_compare`], [`as_branch`]), so no other code lists the comparison ops.

use crate::ir::{Op, Pc, Slot};

/// The ten integer comparisons of Wasm.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(missing_docs)]
pub enum Cmp {
    Eq,
    Ne,
    LtS,
    LtU,
    GtS,
    GtU,
    LeS,
    LeU,
    GeS,
    GeU,
}

/// Operand width.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(missing_docs)]
pub enum Width {
    W32,
    W64,
}

/// The right operand of a comparison op.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rhs {
    /// A slot.
    Slot(Slot),
    /// An inline constant, sign-extended for 64-bit comparisons.
    Imm(i32),
}

impl Cmp {
    /// The comparison that holds exactly when `self` does not.
    pub fn negate(self) -> Cmp {
        use Cmp::*;
        match self {
            Eq => Ne,
            Ne => Eq,
            LtS => GeS,
            LtU => GeU,
            GtS => LeS,
            GtU => LeU,
            LeS => GtS,
            LeU => GtU,
            GeS => LtS,
            GeU => LtU,
        }
    }

    /// The comparison with its operands swapped (`a < b` is `b > a`).
    pub fn mirror(self) -> Cmp {
        use Cmp::*;
        match self {
            Eq | Ne => self,
            LtS => GtS,
            LtU => GtU,
            GtS => LtS,
            GtU => LtU,
            LeS => GeS,
            LeU => GeU,
            GeS => LeS,
            GeU => LeU,
        }
    }
}

/// `dst = a <cmp> b`.
pub fn cmp_op(w: Width, c: Cmp, dst: Slot, a: Slot, b: Slot) -> Op {
    use {Cmp::*, Width::*};
    match (w, c) {
        (W32, Eq) => Op::I32Eq { dst, a, b },
        (W32, Ne) => Op::I32Ne { dst, a, b },
        (W32, LtS) => Op::I32LtS { dst, a, b },
        (W32, LtU) => Op::I32LtU { dst, a, b },
        (W32, GtS) => Op::I32GtS { dst, a, b },
        (W32, GtU) => Op::I32GtU { dst, a, b },
        (W32, LeS) => Op::I32LeS { dst, a, b },
        (W32, LeU) => Op::I32LeU { dst, a, b },
        (W32, GeS) => Op::I32GeS { dst, a, b },
        (W32, GeU) => Op::I32GeU { dst, a, b },
        (W64, Eq) => Op::I64Eq { dst, a, b },
        (W64, Ne) => Op::I64Ne { dst, a, b },
        (W64, LtS) => Op::I64LtS { dst, a, b },
        (W64, LtU) => Op::I64LtU { dst, a, b },
        (W64, GtS) => Op::I64GtS { dst, a, b },
        (W64, GtU) => Op::I64GtU { dst, a, b },
        (W64, LeS) => Op::I64LeS { dst, a, b },
        (W64, LeU) => Op::I64LeU { dst, a, b },
        (W64, GeS) => Op::I64GeS { dst, a, b },
        (W64, GeU) => Op::I64GeU { dst, a, b },
    }
}

/// `dst = a <cmp> imm`.
pub fn cmp_imm_op(w: Width, c: Cmp, dst: Slot, a: Slot, imm: i32) -> Op {
    use {Cmp::*, Width::*};
    match (w, c) {
        (W32, Eq) if imm == 0 => Op::I32Eqz { dst, src: a },
        (W64, Eq) if imm == 0 => Op::I64Eqz { dst, src: a },
        (W32, Eq) => Op::I32EqImm { dst, a, imm },
        (W32, Ne) => Op::I32NeImm { dst, a, imm },
        (W32, LtS) => Op::I32LtSImm { dst, a, imm },
        (W32, LtU) => Op::I32LtUImm { dst, a, imm },
        (W32, GtS) => Op::I32GtSImm { dst, a, imm },
        (W32, GtU) => Op::I32GtUImm { dst, a, imm },
        (W32, LeS) => Op::I32LeSImm { dst, a, imm },
        (W32, LeU) => Op::I32LeUImm { dst, a, imm },
        (W32, GeS) => Op::I32GeSImm { dst, a, imm },
        (W32, GeU) => Op::I32GeUImm { dst, a, imm },
        (W64, Eq) => Op::I64EqImm { dst, a, imm },
        (W64, Ne) => Op::I64NeImm { dst, a, imm },
        (W64, LtS) => Op::I64LtSImm { dst, a, imm },
        (W64, LtU) => Op::I64LtUImm { dst, a, imm },
        (W64, GtS) => Op::I64GtSImm { dst, a, imm },
        (W64, GtU) => Op::I64GtUImm { dst, a, imm },
        (W64, LeS) => Op::I64LeSImm { dst, a, imm },
        (W64, LeU) => Op::I64LeUImm { dst, a, imm },
        (W64, GeS) => Op::I64GeSImm { dst, a, imm },
        (W64, GeU) => Op::I64GeUImm { dst, a, imm },
    }
}

/// Jump to a target patched later if `a <cmp> rhs`.
pub fn branch_op(w: Width, c: Cmp, a: Slot, rhs: Rhs) -> Op {
    use {Cmp::*, Rhs::*, Width::*};
    let target = 0;
    match (w, c, rhs) {
        (W32, Eq, Imm(0)) => Op::BrIfEqz { cond: a, target },
        (W32, Ne, Imm(0)) => Op::BrIfNez { cond: a, target },
        (W32, Eq, Slot(b)) => Op::BrIfI32Eq { a, b, target },
        (W32, Ne, Slot(b)) => Op::BrIfI32Ne { a, b, target },
        (W32, LtS, Slot(b)) => Op::BrIfI32LtS { a, b, target },
        (W32, LtU, Slot(b)) => Op::BrIfI32LtU { a, b, target },
        (W32, GtS, Slot(b)) => Op::BrIfI32GtS { a, b, target },
        (W32, GtU, Slot(b)) => Op::BrIfI32GtU { a, b, target },
        (W32, LeS, Slot(b)) => Op::BrIfI32LeS { a, b, target },
        (W32, LeU, Slot(b)) => Op::BrIfI32LeU { a, b, target },
        (W32, GeS, Slot(b)) => Op::BrIfI32GeS { a, b, target },
        (W32, GeU, Slot(b)) => Op::BrIfI32GeU { a, b, target },
        (W64, Eq, Slot(b)) => Op::BrIfI64Eq { a, b, target },
        (W64, Ne, Slot(b)) => Op::BrIfI64Ne { a, b, target },
        (W64, LtS, Slot(b)) => Op::BrIfI64LtS { a, b, target },
        (W64, LtU, Slot(b)) => Op::BrIfI64LtU { a, b, target },
        (W64, GtS, Slot(b)) => Op::BrIfI64GtS { a, b, target },
        (W64, GtU, Slot(b)) => Op::BrIfI64GtU { a, b, target },
        (W64, LeS, Slot(b)) => Op::BrIfI64LeS { a, b, target },
        (W64, LeU, Slot(b)) => Op::BrIfI64LeU { a, b, target },
        (W64, GeS, Slot(b)) => Op::BrIfI64GeS { a, b, target },
        (W64, GeU, Slot(b)) => Op::BrIfI64GeU { a, b, target },
        (W32, Eq, Imm(imm)) => Op::BrIfI32EqImm { a, imm, target },
        (W32, Ne, Imm(imm)) => Op::BrIfI32NeImm { a, imm, target },
        (W32, LtS, Imm(imm)) => Op::BrIfI32LtSImm { a, imm, target },
        (W32, LtU, Imm(imm)) => Op::BrIfI32LtUImm { a, imm, target },
        (W32, GtS, Imm(imm)) => Op::BrIfI32GtSImm { a, imm, target },
        (W32, GtU, Imm(imm)) => Op::BrIfI32GtUImm { a, imm, target },
        (W32, LeS, Imm(imm)) => Op::BrIfI32LeSImm { a, imm, target },
        (W32, LeU, Imm(imm)) => Op::BrIfI32LeUImm { a, imm, target },
        (W32, GeS, Imm(imm)) => Op::BrIfI32GeSImm { a, imm, target },
        (W32, GeU, Imm(imm)) => Op::BrIfI32GeUImm { a, imm, target },
        (W64, Eq, Imm(imm)) => Op::BrIfI64EqImm { a, imm, target },
        (W64, Ne, Imm(imm)) => Op::BrIfI64NeImm { a, imm, target },
        (W64, LtS, Imm(imm)) => Op::BrIfI64LtSImm { a, imm, target },
        (W64, LtU, Imm(imm)) => Op::BrIfI64LtUImm { a, imm, target },
        (W64, GtS, Imm(imm)) => Op::BrIfI64GtSImm { a, imm, target },
        (W64, GtU, Imm(imm)) => Op::BrIfI64GtUImm { a, imm, target },
        (W64, LeS, Imm(imm)) => Op::BrIfI64LeSImm { a, imm, target },
        (W64, LeU, Imm(imm)) => Op::BrIfI64LeUImm { a, imm, target },
        (W64, GeS, Imm(imm)) => Op::BrIfI64GeSImm { a, imm, target },
        (W64, GeU, Imm(imm)) => Op::BrIfI64GeUImm { a, imm, target },
    }
}

/// The comparison an op computes into its `dst`, if it is one.
pub fn as_compare(op: Op) -> Option<(Width, Cmp, Slot, Rhs)> {
    use {Cmp::*, Rhs::*, Width::*};
    Some(match op {
        Op::I32Eqz { src, .. } => (W32, Eq, src, Imm(0)),
        Op::I64Eqz { src, .. } => (W64, Eq, src, Imm(0)),
        Op::I32Eq { a, b, .. } => (W32, Eq, a, Slot(b)),
        Op::I32Ne { a, b, .. } => (W32, Ne, a, Slot(b)),
        Op::I32LtS { a, b, .. } => (W32, LtS, a, Slot(b)),
        Op::I32LtU { a, b, .. } => (W32, LtU, a, Slot(b)),
        Op::I32GtS { a, b, .. } => (W32, GtS, a, Slot(b)),
        Op::I32GtU { a, b, .. } => (W32, GtU, a, Slot(b)),
        Op::I32LeS { a, b, .. } => (W32, LeS, a, Slot(b)),
        Op::I32LeU { a, b, .. } => (W32, LeU, a, Slot(b)),
        Op::I32GeS { a, b, .. } => (W32, GeS, a, Slot(b)),
        Op::I32GeU { a, b, .. } => (W32, GeU, a, Slot(b)),
        Op::I64Eq { a, b, .. } => (W64, Eq, a, Slot(b)),
        Op::I64Ne { a, b, .. } => (W64, Ne, a, Slot(b)),
        Op::I64LtS { a, b, .. } => (W64, LtS, a, Slot(b)),
        Op::I64LtU { a, b, .. } => (W64, LtU, a, Slot(b)),
        Op::I64GtS { a, b, .. } => (W64, GtS, a, Slot(b)),
        Op::I64GtU { a, b, .. } => (W64, GtU, a, Slot(b)),
        Op::I64LeS { a, b, .. } => (W64, LeS, a, Slot(b)),
        Op::I64LeU { a, b, .. } => (W64, LeU, a, Slot(b)),
        Op::I64GeS { a, b, .. } => (W64, GeS, a, Slot(b)),
        Op::I64GeU { a, b, .. } => (W64, GeU, a, Slot(b)),
        Op::I32EqImm { a, imm, .. } => (W32, Eq, a, Imm(imm)),
        Op::I32NeImm { a, imm, .. } => (W32, Ne, a, Imm(imm)),
        Op::I32LtSImm { a, imm, .. } => (W32, LtS, a, Imm(imm)),
        Op::I32LtUImm { a, imm, .. } => (W32, LtU, a, Imm(imm)),
        Op::I32GtSImm { a, imm, .. } => (W32, GtS, a, Imm(imm)),
        Op::I32GtUImm { a, imm, .. } => (W32, GtU, a, Imm(imm)),
        Op::I32LeSImm { a, imm, .. } => (W32, LeS, a, Imm(imm)),
        Op::I32LeUImm { a, imm, .. } => (W32, LeU, a, Imm(imm)),
        Op::I32GeSImm { a, imm, .. } => (W32, GeS, a, Imm(imm)),
        Op::I32GeUImm { a, imm, .. } => (W32, GeU, a, Imm(imm)),
        Op::I64EqImm { a, imm, .. } => (W64, Eq, a, Imm(imm)),
        Op::I64NeImm { a, imm, .. } => (W64, Ne, a, Imm(imm)),
        Op::I64LtSImm { a, imm, .. } => (W64, LtS, a, Imm(imm)),
        Op::I64LtUImm { a, imm, .. } => (W64, LtU, a, Imm(imm)),
        Op::I64GtSImm { a, imm, .. } => (W64, GtS, a, Imm(imm)),
        Op::I64GtUImm { a, imm, .. } => (W64, GtU, a, Imm(imm)),
        Op::I64LeSImm { a, imm, .. } => (W64, LeS, a, Imm(imm)),
        Op::I64LeUImm { a, imm, .. } => (W64, LeU, a, Imm(imm)),
        Op::I64GeSImm { a, imm, .. } => (W64, GeS, a, Imm(imm)),
        Op::I64GeUImm { a, imm, .. } => (W64, GeU, a, Imm(imm)),
        _ => return None,
    })
}

/// The comparison a conditional branch tests and its target, if `op` is one
/// (`br_if_nez`/`br_if_eqz` read as `cond != 0` / `cond == 0`).
pub fn as_branch(op: Op) -> Option<(Width, Cmp, Slot, Rhs, Pc)> {
    use {Cmp::*, Rhs::*, Width::*};
    Some(match op {
        Op::BrIfEqz { cond, target } => (W32, Eq, cond, Imm(0), target),
        Op::BrIfNez { cond, target } => (W32, Ne, cond, Imm(0), target),
        Op::BrIfI32Eq { a, b, target } => (W32, Eq, a, Slot(b), target),
        Op::BrIfI32Ne { a, b, target } => (W32, Ne, a, Slot(b), target),
        Op::BrIfI32LtS { a, b, target } => (W32, LtS, a, Slot(b), target),
        Op::BrIfI32LtU { a, b, target } => (W32, LtU, a, Slot(b), target),
        Op::BrIfI32GtS { a, b, target } => (W32, GtS, a, Slot(b), target),
        Op::BrIfI32GtU { a, b, target } => (W32, GtU, a, Slot(b), target),
        Op::BrIfI32LeS { a, b, target } => (W32, LeS, a, Slot(b), target),
        Op::BrIfI32LeU { a, b, target } => (W32, LeU, a, Slot(b), target),
        Op::BrIfI32GeS { a, b, target } => (W32, GeS, a, Slot(b), target),
        Op::BrIfI32GeU { a, b, target } => (W32, GeU, a, Slot(b), target),
        Op::BrIfI64Eq { a, b, target } => (W64, Eq, a, Slot(b), target),
        Op::BrIfI64Ne { a, b, target } => (W64, Ne, a, Slot(b), target),
        Op::BrIfI64LtS { a, b, target } => (W64, LtS, a, Slot(b), target),
        Op::BrIfI64LtU { a, b, target } => (W64, LtU, a, Slot(b), target),
        Op::BrIfI64GtS { a, b, target } => (W64, GtS, a, Slot(b), target),
        Op::BrIfI64GtU { a, b, target } => (W64, GtU, a, Slot(b), target),
        Op::BrIfI64LeS { a, b, target } => (W64, LeS, a, Slot(b), target),
        Op::BrIfI64LeU { a, b, target } => (W64, LeU, a, Slot(b), target),
        Op::BrIfI64GeS { a, b, target } => (W64, GeS, a, Slot(b), target),
        Op::BrIfI64GeU { a, b, target } => (W64, GeU, a, Slot(b), target),
        Op::BrIfI32EqImm { a, imm, target } => (W32, Eq, a, Imm(imm), target),
        Op::BrIfI32NeImm { a, imm, target } => (W32, Ne, a, Imm(imm), target),
        Op::BrIfI32LtSImm { a, imm, target } => (W32, LtS, a, Imm(imm), target),
        Op::BrIfI32LtUImm { a, imm, target } => (W32, LtU, a, Imm(imm), target),
        Op::BrIfI32GtSImm { a, imm, target } => (W32, GtS, a, Imm(imm), target),
        Op::BrIfI32GtUImm { a, imm, target } => (W32, GtU, a, Imm(imm), target),
        Op::BrIfI32LeSImm { a, imm, target } => (W32, LeS, a, Imm(imm), target),
        Op::BrIfI32LeUImm { a, imm, target } => (W32, LeU, a, Imm(imm), target),
        Op::BrIfI32GeSImm { a, imm, target } => (W32, GeS, a, Imm(imm), target),
        Op::BrIfI32GeUImm { a, imm, target } => (W32, GeU, a, Imm(imm), target),
        Op::BrIfI64EqImm { a, imm, target } => (W64, Eq, a, Imm(imm), target),
        Op::BrIfI64NeImm { a, imm, target } => (W64, Ne, a, Imm(imm), target),
        Op::BrIfI64LtSImm { a, imm, target } => (W64, LtS, a, Imm(imm), target),
        Op::BrIfI64LtUImm { a, imm, target } => (W64, LtU, a, Imm(imm), target),
        Op::BrIfI64GtSImm { a, imm, target } => (W64, GtS, a, Imm(imm), target),
        Op::BrIfI64GtUImm { a, imm, target } => (W64, GtU, a, Imm(imm), target),
        Op::BrIfI64LeSImm { a, imm, target } => (W64, LeS, a, Imm(imm), target),
        Op::BrIfI64LeUImm { a, imm, target } => (W64, LeU, a, Imm(imm), target),
        Op::BrIfI64GeSImm { a, imm, target } => (W64, GeS, a, Imm(imm), target),
        Op::BrIfI64GeUImm { a, imm, target } => (W64, GeU, a, Imm(imm), target),
        _ => return None,
    })
}

/// The `IncBrIf…` op that adds `step` to the integer of width `w` in `a` and then branches to
/// `target` when `a <c> rhs` (the compare-and-branch fused with the counter update before it).
pub fn inc_branch_op(w: Width, c: Cmp, a: Slot, rhs: Rhs, step: i16, target: Pc) -> Op {
    use {Cmp::*, Rhs::*, Width::*};
    match (w, c, rhs) {
        (W32, Eq, Slot(b)) => Op::IncBrIfI32Eq { a, b, target, step },
        (W32, Ne, Slot(b)) => Op::IncBrIfI32Ne { a, b, target, step },
        (W32, LtS, Slot(b)) => Op::IncBrIfI32LtS { a, b, target, step },
        (W32, LtU, Slot(b)) => Op::IncBrIfI32LtU { a, b, target, step },
        (W32, GtS, Slot(b)) => Op::IncBrIfI32GtS { a, b, target, step },
        (W32, GtU, Slot(b)) => Op::IncBrIfI32GtU { a, b, target, step },
        (W32, LeS, Slot(b)) => Op::IncBrIfI32LeS { a, b, target, step },
        (W32, LeU, Slot(b)) => Op::IncBrIfI32LeU { a, b, target, step },
        (W32, GeS, Slot(b)) => Op::IncBrIfI32GeS { a, b, target, step },
        (W32, GeU, Slot(b)) => Op::IncBrIfI32GeU { a, b, target, step },
        (W32, Eq, Imm(imm)) => Op::IncBrIfI32EqImm { a, imm, target, step },
        (W32, Ne, Imm(imm)) => Op::IncBrIfI32NeImm { a, imm, target, step },
        (W32, LtS, Imm(imm)) => Op::IncBrIfI32LtSImm { a, imm, target, step },
        (W32, LtU, Imm(imm)) => Op::IncBrIfI32LtUImm { a, imm, target, step },
        (W32, GtS, Imm(imm)) => Op::IncBrIfI32GtSImm { a, imm, target, step },
        (W32, GtU, Imm(imm)) => Op::IncBrIfI32GtUImm { a, imm, target, step },
        (W32, LeS, Imm(imm)) => Op::IncBrIfI32LeSImm { a, imm, target, step },
        (W32, LeU, Imm(imm)) => Op::IncBrIfI32LeUImm { a, imm, target, step },
        (W32, GeS, Imm(imm)) => Op::IncBrIfI32GeSImm { a, imm, target, step },
        (W32, GeU, Imm(imm)) => Op::IncBrIfI32GeUImm { a, imm, target, step },
        (W64, Eq, Slot(b)) => Op::IncBrIfI64Eq { a, b, target, step },
        (W64, Ne, Slot(b)) => Op::IncBrIfI64Ne { a, b, target, step },
        (W64, LtS, Slot(b)) => Op::IncBrIfI64LtS { a, b, target, step },
        (W64, LtU, Slot(b)) => Op::IncBrIfI64LtU { a, b, target, step },
        (W64, GtS, Slot(b)) => Op::IncBrIfI64GtS { a, b, target, step },
        (W64, GtU, Slot(b)) => Op::IncBrIfI64GtU { a, b, target, step },
        (W64, LeS, Slot(b)) => Op::IncBrIfI64LeS { a, b, target, step },
        (W64, LeU, Slot(b)) => Op::IncBrIfI64LeU { a, b, target, step },
        (W64, GeS, Slot(b)) => Op::IncBrIfI64GeS { a, b, target, step },
        (W64, GeU, Slot(b)) => Op::IncBrIfI64GeU { a, b, target, step },
        (W64, Eq, Imm(imm)) => Op::IncBrIfI64EqImm { a, imm, target, step },
        (W64, Ne, Imm(imm)) => Op::IncBrIfI64NeImm { a, imm, target, step },
        (W64, LtS, Imm(imm)) => Op::IncBrIfI64LtSImm { a, imm, target, step },
        (W64, LtU, Imm(imm)) => Op::IncBrIfI64LtUImm { a, imm, target, step },
        (W64, GtS, Imm(imm)) => Op::IncBrIfI64GtSImm { a, imm, target, step },
        (W64, GtU, Imm(imm)) => Op::IncBrIfI64GtUImm { a, imm, target, step },
        (W64, LeS, Imm(imm)) => Op::IncBrIfI64LeSImm { a, imm, target, step },
        (W64, LeU, Imm(imm)) => Op::IncBrIfI64LeUImm { a, imm, target, step },
        (W64, GeS, Imm(imm)) => Op::IncBrIfI64GeSImm { a, imm, target, step },
        (W64, GeU, Imm(imm)) => Op::IncBrIfI64GeUImm { a, imm, target, step },
    }
}

/// Reads an `IncBrIf…` op back as `(width, a, step, cmp, rhs, target)`: `a += step`, then the
/// compare-and-branch of [`branch_op`].
pub fn as_inc_branch(op: Op) -> Option<(Width, Slot, i16, Cmp, Rhs, Pc)> {
    use {Cmp::*, Rhs::*, Width::*};
    Some(match op {
        Op::IncBrIfI32Eq { a, b, target, step } => (W32, a, step, Eq, Slot(b), target),
        Op::IncBrIfI32Ne { a, b, target, step } => (W32, a, step, Ne, Slot(b), target),
        Op::IncBrIfI32LtS { a, b, target, step } => (W32, a, step, LtS, Slot(b), target),
        Op::IncBrIfI32LtU { a, b, target, step } => (W32, a, step, LtU, Slot(b), target),
        Op::IncBrIfI32GtS { a, b, target, step } => (W32, a, step, GtS, Slot(b), target),
        Op::IncBrIfI32GtU { a, b, target, step } => (W32, a, step, GtU, Slot(b), target),
        Op::IncBrIfI32LeS { a, b, target, step } => (W32, a, step, LeS, Slot(b), target),
        Op::IncBrIfI32LeU { a, b, target, step } => (W32, a, step, LeU, Slot(b), target),
        Op::IncBrIfI32GeS { a, b, target, step } => (W32, a, step, GeS, Slot(b), target),
        Op::IncBrIfI32GeU { a, b, target, step } => (W32, a, step, GeU, Slot(b), target),
        Op::IncBrIfI32EqImm { a, imm, target, step } => (W32, a, step, Eq, Imm(imm), target),
        Op::IncBrIfI32NeImm { a, imm, target, step } => (W32, a, step, Ne, Imm(imm), target),
        Op::IncBrIfI32LtSImm { a, imm, target, step } => (W32, a, step, LtS, Imm(imm), target),
        Op::IncBrIfI32LtUImm { a, imm, target, step } => (W32, a, step, LtU, Imm(imm), target),
        Op::IncBrIfI32GtSImm { a, imm, target, step } => (W32, a, step, GtS, Imm(imm), target),
        Op::IncBrIfI32GtUImm { a, imm, target, step } => (W32, a, step, GtU, Imm(imm), target),
        Op::IncBrIfI32LeSImm { a, imm, target, step } => (W32, a, step, LeS, Imm(imm), target),
        Op::IncBrIfI32LeUImm { a, imm, target, step } => (W32, a, step, LeU, Imm(imm), target),
        Op::IncBrIfI32GeSImm { a, imm, target, step } => (W32, a, step, GeS, Imm(imm), target),
        Op::IncBrIfI32GeUImm { a, imm, target, step } => (W32, a, step, GeU, Imm(imm), target),
        Op::IncBrIfI64Eq { a, b, target, step } => (W64, a, step, Eq, Slot(b), target),
        Op::IncBrIfI64Ne { a, b, target, step } => (W64, a, step, Ne, Slot(b), target),
        Op::IncBrIfI64LtS { a, b, target, step } => (W64, a, step, LtS, Slot(b), target),
        Op::IncBrIfI64LtU { a, b, target, step } => (W64, a, step, LtU, Slot(b), target),
        Op::IncBrIfI64GtS { a, b, target, step } => (W64, a, step, GtS, Slot(b), target),
        Op::IncBrIfI64GtU { a, b, target, step } => (W64, a, step, GtU, Slot(b), target),
        Op::IncBrIfI64LeS { a, b, target, step } => (W64, a, step, LeS, Slot(b), target),
        Op::IncBrIfI64LeU { a, b, target, step } => (W64, a, step, LeU, Slot(b), target),
        Op::IncBrIfI64GeS { a, b, target, step } => (W64, a, step, GeS, Slot(b), target),
        Op::IncBrIfI64GeU { a, b, target, step } => (W64, a, step, GeU, Slot(b), target),
        Op::IncBrIfI64EqImm { a, imm, target, step } => (W64, a, step, Eq, Imm(imm), target),
        Op::IncBrIfI64NeImm { a, imm, target, step } => (W64, a, step, Ne, Imm(imm), target),
        Op::IncBrIfI64LtSImm { a, imm, target, step } => (W64, a, step, LtS, Imm(imm), target),
        Op::IncBrIfI64LtUImm { a, imm, target, step } => (W64, a, step, LtU, Imm(imm), target),
        Op::IncBrIfI64GtSImm { a, imm, target, step } => (W64, a, step, GtS, Imm(imm), target),
        Op::IncBrIfI64GtUImm { a, imm, target, step } => (W64, a, step, GtU, Imm(imm), target),
        Op::IncBrIfI64LeSImm { a, imm, target, step } => (W64, a, step, LeS, Imm(imm), target),
        Op::IncBrIfI64LeUImm { a, imm, target, step } => (W64, a, step, LeU, Imm(imm), target),
        Op::IncBrIfI64GeSImm { a, imm, target, step } => (W64, a, step, GeS, Imm(imm), target),
        Op::IncBrIfI64GeUImm { a, imm, target, step } => (W64, a, step, GeU, Imm(imm), target),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [Cmp; 10] =
        [Cmp::Eq, Cmp::Ne, Cmp::LtS, Cmp::LtU, Cmp::GtS, Cmp::GtU, Cmp::LeS, Cmp::LeU, Cmp::GeS, Cmp::GeU];

    #[test]
    fn negate_and_mirror_are_involutions() {
        for c in ALL {
            assert_eq!(c.negate().negate(), c);
            assert_eq!(c.mirror().mirror(), c);
            assert_ne!(c.negate(), c);
        }
    }

    #[test]
    fn every_compare_op_decodes_back() {
        for w in [Width::W32, Width::W64] {
            for c in ALL {
                assert_eq!(as_compare(cmp_op(w, c, 9, 1, 2)), Some((w, c, 1, Rhs::Slot(2))));
                assert_eq!(as_compare(cmp_imm_op(w, c, 9, 1, 5)), Some((w, c, 1, Rhs::Imm(5))));
                for rhs in [Rhs::Slot(2), Rhs::Imm(5), Rhs::Imm(0)] {
                    let mut op = branch_op(w, c, 1, rhs);
                    *op.target_mut().unwrap() = 7;
                    let (w2, c2, a, rhs2, t) = as_branch(op).unwrap();
                    // `br_if_eqz`/`br_if_nez` stand for 32-bit tests against zero.
                    assert_eq!((c2, a, t), (c, 1, 7), "{op}");
                    assert!(w2 == w || rhs == Rhs::Imm(0));
                    assert_eq!(rhs2, rhs);
                    let inc = inc_branch_op(w, c, 1, rhs, -3, 7);
                    assert_eq!(as_inc_branch(inc), Some((w, 1, -3, c, rhs, 7)), "{inc}");
                }
            }
        }
    }
}
