//! Loads and stores: the address of an access, its bounds check (or none, with guard pages)
//! and the merging of checks across a block.

use super::*;

impl<'a, 'b, C: Callees> Lower<'a, 'b, C> {
    /// The native address of `addr + offset`, after checking `addr + offset + size <= len`.
    ///
    /// One check may cover several accesses: when later accesses in the same block use the same
    /// address slot, unchanged, with only loads and ops that can neither trap nor have effects in
    /// between (and at most one store, the last), this access checks the largest range of the
    /// group and the others check nothing. Trapping early is then unobservable: no effect
    /// happens between the two points, and every out-of-bounds trap is the same trap.
    ///
    /// With guard pages (`Env::guarded`) nothing is checked: `addr + offset + size` is below
    /// 2³³ + 16, inside the memory's guarded span, so an access out of bounds faults and the
    /// signal handler (`signals.rs`) turns the fault into the trap.
    pub(super) fn address(&mut self, addr: u32, offset: u32, size: u32) -> Value {
        let a = self.get32(addr);
        let a = self.b.ins().uextend(I64, a);
        if self.selected != 0 {
            return self.address_in(a, offset, size);
        }
        if !self.env.guarded && !self.covered.contains(&self.pc) {
            let end = offset as u64 + size as u64;
            let end = end.max(self.covered_end(addr, end));
            let end = self.b.ins().iadd_imm_s(a, end as i64);
            let len = self.b.use_var(self.mem_len);
            let oob = self.b.ins().icmp(IntCC::UnsignedGreaterThan, end, len);
            self.trap_if(oob, TrapCode::MemoryOutOfBounds);
        }
        let base = self.b.use_var(self.mem_base);
        let p = self.b.ins().iadd(base, a);
        if offset == 0 { p } else { self.b.ins().iadd_imm_s(p, offset as i64) }
    }

    /// [`Self::address`] in a memory other than memory 0 (after a `select_memory`): its base
    /// and length come from the context's table of memories, read at each access (they are
    /// rare, and a call may have grown the memory), and the check is never merged. With guard
    /// pages every memory of the instance has them (`code.rs` checks), so nothing is checked.
    fn address_in(&mut self, a: Value, offset: u32, size: u32) -> Value {
        let (base, len) = self.memory_in(self.selected);
        if !self.env.guarded {
            let end = self.b.ins().iadd_imm_s(a, offset as i64 + size as i64);
            let oob = self.b.ins().icmp(IntCC::UnsignedGreaterThan, end, len);
            self.trap_if(oob, TrapCode::MemoryOutOfBounds);
        }
        let p = self.b.ins().iadd(base, a);
        if offset == 0 { p } else { self.b.ins().iadd_imm_s(p, offset as i64) }
    }

    /// Base and length in bytes of memory `mem` of the instance, as they are now.
    pub(super) fn memory_in(&mut self, mem: u32) -> (Value, Value) {
        let table = self.b.ins().load(I64, flags(), self.vmctx, offsets::MEMORIES);
        let at = (mem * offsets::MEMORY_ENTRY as u32) as i32;
        let base = self.b.ins().load(I64, flags(), table, at);
        let len = self.b.ins().load(I64, flags(), table, at + 8);
        (base, len)
    }

    /// Marks the accesses after the current one that its check can cover (see `address`) and
    /// returns the largest end offset among them (0 if none).
    pub(super) fn covered_end(&mut self, addr: u32, mut end: u64) -> u64 {
        let ops = &self.body.ops;
        let mut current = ops[self.pc as usize];
        // A store must happen before a later access traps, so it can only end a group.
        let is_store = scalar_access(&current).is_some_and(|a| a.3);
        if is_store || self.selected != 0 || current.dst_mut().is_some_and(|d| *d == addr || *d + 1 == addr) {
            return end;
        }
        let mut pc = self.pc + 1;
        while (pc as usize) < ops.len() && !self.blocks.contains_key(&pc) {
            let op = ops[pc as usize];
            match scalar_access(&op) {
                Some((a, offset, size, store)) => {
                    if a == addr {
                        end = end.max(offset as u64 + size as u64);
                        self.covered.insert(pc);
                    }
                    if store {
                        break;
                    }
                }
                None if !op.facts().is_pure() => break,
                None => {}
            }
            let mut op = op;
            if op.dst_mut().is_some_and(|d| *d == addr || *d + 1 == addr) {
                break;
            }
            pc += 1;
        }
        end
    }

    /// Loads `ty` (the width in memory) and extends it to the slot form of `out`, with the
    /// extending load forms so no separate extension is needed.
    pub(super) fn load(&mut self, dst: u32, addr: u32, offset: u32, ty: Type, signed: bool, out: Ty) {
        let p = self.address(addr, offset, ty.bytes());
        let flags = self.heap_flags();
        let ins = self.b.ins();
        match (out, ty.bytes(), signed) {
            (Ty::F32, ..) => {
                let v = self.b.ins().load(F32, flags, p, 0);
                self.set_ty(Ty::F32, dst, v)
            }
            (Ty::F64, ..) => {
                let v = self.b.ins().load(F64, flags, p, 0);
                self.set_ty(Ty::F64, dst, v)
            }
            (_, 8, _) => {
                let v = ins.load(I64, flags, p, 0);
                self.set(dst, v)
            }
            (_, 4, false) | (Ty::I32, 4, _) => {
                let v = ins.uload32(flags, p, 0);
                self.set(dst, v)
            }
            (_, 2, false) => {
                let v = ins.uload16(I64, flags, p, 0);
                self.set(dst, v)
            }
            (_, _, false) => {
                let v = ins.uload8(I64, flags, p, 0);
                self.set(dst, v)
            }
            (Ty::I64, 4, true) => {
                let v = ins.sload32(flags, p, 0);
                self.set(dst, v)
            }
            (Ty::I64, 2, true) => {
                let v = ins.sload16(I64, flags, p, 0);
                self.set(dst, v)
            }
            (Ty::I64, _, true) => {
                let v = ins.sload8(I64, flags, p, 0);
                self.set(dst, v)
            }
            (_, 2, true) => {
                let v = ins.sload16(I32, flags, p, 0);
                self.set_ty(Ty::I32, dst, v)
            }
            (_, _, true) => {
                let v = ins.sload8(I32, flags, p, 0);
                self.set_ty(Ty::I32, dst, v)
            }
        }
    }

    pub(super) fn store(&mut self, addr: u32, value: u32, offset: u32, size: u32) {
        let p = self.address(addr, offset, size);
        let flags = self.heap_flags();
        let v = self.get(value);
        match size {
            8 => {
                self.b.ins().store(flags, v, p, 0);
            }
            4 => {
                self.b.ins().istore32(flags, v, p, 0);
            }
            2 => {
                self.b.ins().istore16(flags, v, p, 0);
            }
            _ => {
                self.b.ins().istore8(flags, v, p, 0);
            }
        }
    }
}

/// `(address slot, offset, size, is a store)` of a scalar or `v128` load or store.
pub(super) fn scalar_access(op: &Op) -> Option<(u32, u32, u32, bool)> {
    Some(match *op {
        Op::I32Load { addr, offset, .. } | Op::F32Load { addr, offset, .. } => (addr, offset, 4, false),
        Op::I64Load { addr, offset, .. } | Op::F64Load { addr, offset, .. } => (addr, offset, 8, false),
        Op::I32Load8S { addr, offset, .. }
        | Op::I32Load8U { addr, offset, .. }
        | Op::I64Load8S { addr, offset, .. }
        | Op::I64Load8U { addr, offset, .. } => (addr, offset, 1, false),
        Op::I32Load16S { addr, offset, .. }
        | Op::I32Load16U { addr, offset, .. }
        | Op::I64Load16S { addr, offset, .. }
        | Op::I64Load16U { addr, offset, .. } => (addr, offset, 2, false),
        Op::I64Load32S { addr, offset, .. } | Op::I64Load32U { addr, offset, .. } => (addr, offset, 4, false),
        Op::V128Load { addr, offset, .. } => (addr, offset, 16, false),
        Op::I32Store { addr, offset, .. } | Op::F32Store { addr, offset, .. } | Op::I64Store32 { addr, offset, .. } => {
            (addr, offset, 4, true)
        }
        Op::I64Store { addr, offset, .. } | Op::F64Store { addr, offset, .. } => (addr, offset, 8, true),
        Op::I32Store8 { addr, offset, .. } | Op::I64Store8 { addr, offset, .. } => (addr, offset, 1, true),
        Op::I32Store16 { addr, offset, .. } | Op::I64Store16 { addr, offset, .. } => (addr, offset, 2, true),
        Op::V128Store { addr, offset, .. } => (addr, offset, 16, true),
        _ => return None,
    })
}
