//! Fusion of a comparison into the conditional jump that tests it (`br_if`, `if`), and of a
//! loop counter's update into that compare-and-branch (`inc_br_if_*`, see `ir/compare.rs`).

use super::*;

impl Translator {
    /// Emits a jump to a not-yet-known target taken when `cond` is non-zero (or zero, if
    /// `when_zero`), fusing a comparison just computed into it. Returns the op to patch.
    pub(super) fn cond_jump(&mut self, cond: Operand, when_zero: bool) -> usize {
        if cond.src == Src::Temp
            && let Some(last) = self.last
            && last + 1 == self.ops.len()
            && self.ops[last].clone().dst_mut().copied() == Some(cond.canon)
            && let Some((w, c, a, rhs)) = compare::as_compare(self.ops[last])
        {
            let fused = compare::branch_op(w, if when_zero { c.negate() } else { c }, a, rhs);
            self.ops[last] = fused;
            self.last = None;
            return self.fuse_step(last);
        }
        let slot = self.loc(cond);
        let i = if when_zero {
            self.emit(Op::BrIfEqz { cond: slot, target: 0 })
        } else {
            self.emit(Op::BrIfNez { cond: slot, target: 0 })
        };
        self.fuse_step(i)
    }

    /// Fuses the conditional branch just emitted at `i` with an `i32_add_imm` (`i64_add_imm`) right
    /// before it that updates the slot the 32-bit (64-bit) branch tests in place (a loop counter's `i += k` and test),
    /// unless a label lies between them. Returns where the branch now is.
    pub(super) fn fuse_step(&mut self, i: usize) -> usize {
        if i == 0 || i != self.ops.len() - 1 || self.label_pc > i - 1 {
            return i;
        }
        let (width, dst, a, imm) = match self.ops[i - 1] {
            Op::I32AddImm { dst, a, imm } => (W32, dst, a, imm),
            Op::I64AddImm { dst, a, imm } => (W64, dst, a, imm),
            _ => return i,
        };
        let Ok(step) = i16::try_from(imm) else { return i };
        match compare::as_branch(self.ops[i]) {
            // `br_if_eqz`/`br_if_nez` read as 32-bit tests: they fuse with a 32-bit step only.
            Some((w, c, x, rhs, target)) if w == width && dst == a && x == a => {
                self.ops[i - 1] = compare::inc_branch_op(w, c, a, rhs, step, target);
                self.ops.pop();
                self.last = None;
                i - 1
            }
            _ => i,
        }
    }
}
