//! Constant hoisting: constants that need a slot get one after the locals, written once on
//! entry, instead of a `const` op wherever they are used.

use super::*;

impl Translator {
    /// Gives hoisted constants real slots right after the locals (temporaries move up to make
    /// room), and prepends the ops that write them on entry. Returns the frame size.
    ///
    /// They must sit below every operand: a call's callee frame starts at its first argument and
    /// overwrites everything above it.
    pub(super) fn place_consts(&mut self, local_slots: Slot) -> Res<Slot> {
        let n = self.consts.len() as Slot;
        if n == 0 {
            return Ok(self.max_height);
        }
        let frame_slots = self.max_height.checked_add(n).filter(|&f| f < CONST_SLOT_BASE).ok_or_else(|| {
            DecodeError::new(DecodeErrorKind::LimitExceeded, 0usize, "function frame needs too many slots")
        })?;
        for op in &mut self.ops {
            op.for_each_slot_mut(|s| {
                if *s >= CONST_SLOT_BASE {
                    *s = *s - CONST_SLOT_BASE + local_slots;
                } else if *s >= local_slots {
                    *s += n;
                }
            });
            if let Some(t) = op.target_mut() {
                *t += n;
            }
        }
        for t in &mut self.br_tables {
            *t += n;
        }
        let first = local_slots;
        let init = self.consts.iter().enumerate().map(|(k, &bits)| Self::const_op(first + k as Slot, bits));
        self.ops.splice(0..0, init);
        Ok(frame_slots)
    }
}
