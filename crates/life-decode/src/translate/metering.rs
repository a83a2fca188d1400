//! Gas charges per basic block and NaN canonicalization of float results: the ops the
//! translator adds for `DecodeOptions`'s metering and determinism.

use super::*;

impl Translator {
    /// Adds the cost of `op` to the current basic block's `consume_gas`, opening a block (and
    /// emitting its `consume_gas`) if none is open.
    pub(super) fn charge(&mut self, op: &Operator<'_>) {
        let Some(policy) = &self.gas else { return };
        let cost = policy.cost(crate::gas::operator_name(op));
        let at = match self.gas_block {
            Some(at) => at,
            None => {
                self.ops.push(Op::ConsumeGas { amount: 0 });
                self.gas_block = Some(self.ops.len() - 1);
                self.ops.len() - 1
            }
        };
        if let Op::ConsumeGas { amount } = &mut self.ops[at] {
            *amount = amount.saturating_add(cost);
        }
    }

    /// Ends the current basic block for gas purposes: the next operator starts a new one.
    pub(super) fn end_gas_block(&mut self) {
        self.gas_block = None;
    }

    /// In NaN-canonicalizing mode, canonicalizes the float result on top of the stack.
    pub(super) fn canon_nan(&mut self, op: &Operator<'_>) {
        if !self.canonicalize_nans {
            return;
        }
        let Some(top) = self.stack.last().copied() else { return };
        let name = crate::gas::operator_name(op);
        let arithmetic = [
            "add", "sub", "mul", "div", "sqrt", "min", "max", "ceil", "floor", "trunc", "nearest", "demote", "promote",
        ]
        .iter()
        .any(|k| name.contains(k));
        if !arithmetic || top.src != Src::Temp {
            return;
        }
        let slot = top.canon;
        let canon = if name.starts_with("f32x4") {
            Op::CanonNanF32x4 { slot }
        } else if name.starts_with("f64x2") {
            Op::CanonNanF64x2 { slot }
        } else if top.ty == ValType::F32 {
            Op::CanonNanF32 { slot }
        } else if top.ty == ValType::F64 {
            Op::CanonNanF64 { slot }
        } else {
            return;
        };
        self.emit(canon);
    }
}
