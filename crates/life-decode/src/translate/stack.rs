//! The virtual operand stack: where each Wasm stack value lives (its canonical slot, a local
//! or a pending constant), emitting ops, and materializing values where control flow needs them.

use super::*;

impl Translator {
    pub(super) fn pc(&self) -> Pc {
        self.ops.len() as Pc
    }

    pub(super) fn emit(&mut self, op: Op) -> usize {
        self.ops.push(op);
        self.last = None;
        self.ops.len() - 1
    }

    /// Emits an op whose `dst` is the canonical slot of a fresh `Temp` of type `ty`.
    pub(super) fn emit_producer(&mut self, op: Op, ty: ValType) {
        let idx = self.emit(op);
        let canon = self.push(ty, Src::Temp);
        debug_assert_eq!(self.ops[idx].clone().dst_mut().copied(), Some(canon));
        self.last = Some(idx);
    }

    pub(super) fn push(&mut self, ty: ValType, src: Src) -> Slot {
        let canon = self.height;
        self.stack.push(Operand { ty, src, canon });
        if matches!(src, Src::Local(_)) {
            self.local_refs += 1;
        }
        self.height += ty.slots();
        self.max_height = self.max_height.max(self.height);
        canon
    }

    pub(super) fn pop(&mut self) -> Operand {
        let o = self.stack.pop().expect("validated: operand stack is not empty");
        if matches!(o.src, Src::Local(_)) {
            self.local_refs -= 1;
        }
        self.height = o.canon;
        o
    }

    pub(super) fn copy_op(ty: ValType, dst: Slot, src: Slot) -> Op {
        if ty.slots() == 2 { Op::CopyWide { dst, src } } else { Op::Copy { dst, src } }
    }

    pub(super) fn const_op(dst: Slot, value: u64) -> Op {
        match u32::try_from(value) {
            Ok(bits) => Op::Const32 { dst, bits },
            Err(_) => Op::Const64 { dst, bits: value },
        }
    }

    /// Writes the value of `o` into `dst` (no state change).
    pub(super) fn write_to(&mut self, o: Operand, dst: Slot) {
        match o.src {
            Src::Temp if o.canon == dst => {}
            Src::Local(s) if s == dst => {}
            Src::Temp => {
                self.emit(Self::copy_op(o.ty, dst, o.canon));
            }
            Src::Local(s) => {
                self.emit(Self::copy_op(o.ty, dst, s));
            }
            Src::Const(c) => {
                self.emit(Self::const_op(dst, c));
            }
        }
    }

    /// The slot holding `o`'s value, writing constants to their canonical slot first.
    ///
    /// Inside a loop, a constant gets a slot of its own, written once when the function is
    /// entered, so the loop does not rewrite it on every iteration.
    pub(super) fn loc(&mut self, o: Operand) -> Slot {
        match o.src {
            Src::Temp => o.canon,
            Src::Local(s) => s,
            Src::Const(bits) if self.loop_depth > 0 => {
                let next = CONST_SLOT_BASE + self.consts.len() as Slot;
                *self.const_slots.entry(bits).or_insert_with(|| {
                    self.consts.push(bits);
                    next
                })
            }
            Src::Const(_) => {
                self.write_to(o, o.canon);
                o.canon
            }
        }
    }

    /// Puts stack entry `i` into its canonical slot.
    pub(super) fn materialize(&mut self, i: usize) {
        let o = self.stack[i];
        if o.src != Src::Temp {
            self.write_to(o, o.canon);
            if matches!(o.src, Src::Local(_)) {
                self.local_refs -= 1;
            }
            self.stack[i].src = Src::Temp;
        }
    }

    pub(super) fn materialize_top(&mut self, n: usize) {
        let len = self.stack.len();
        for i in len - n..len {
            self.materialize(i);
        }
    }

    /// Materializes every entry that still refers to a local, so control flow cannot observe a
    /// later `local.set` through it.
    pub(super) fn materialize_locals(&mut self) {
        if self.local_refs == 0 {
            return;
        }
        for i in 0..self.stack.len() {
            if matches!(self.stack[i].src, Src::Local(_)) {
                self.materialize(i);
            }
        }
    }

    /// Whether the top `n` values already sit, as temporaries, at `dst..`.
    pub(super) fn in_place(&self, n: usize, dst: Slot) -> bool {
        let first = self.stack.len() - n;
        n == 0 || (self.stack[first].canon == dst && self.stack[first..].iter().all(|o| o.src == Src::Temp))
    }

    /// Emits the copies that put the top `n` values at `dst..`. With more than one value they
    /// must already be materialized. Does not change the translator state.
    pub(super) fn place_values(&mut self, n: usize, dst: Slot) {
        if self.in_place(n, dst) {
            return;
        }
        let first = self.stack.len() - n;
        if n == 1 {
            let o = self.stack[first];
            self.write_to(o, dst);
        } else {
            let src = self.stack[first].canon;
            let len = slots_of(&self.stack[first..].iter().map(|o| o.ty).collect::<Vec<_>>());
            debug_assert!(dst < src && self.stack[first..].iter().all(|o| o.src == Src::Temp));
            self.emit(Op::Move { dst, src, len });
        }
    }
}
