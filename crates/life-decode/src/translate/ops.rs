//! Op translation: one arm per Wasm operator, mapping it onto IR ops through the helpers of
//! the other modules.

use super::*;

impl Translator {
    pub(super) fn unop(&mut self, ty: ValType, make: impl FnOnce(Slot, Slot) -> Op) {
        let src = self.pop();
        let s = self.loc(src);
        self.emit_producer(make(src.canon, s), ty);
    }

    pub(super) fn binop(&mut self, ty: ValType, make: impl FnOnce(Slot, Slot, Slot) -> Op) {
        let b = self.pop();
        let a = self.pop();
        let lb = self.loc(b);
        let la = self.loc(a);
        self.emit_producer(make(a.canon, la, lb), ty);
    }

    /// A binary op, using `rhs_imm` when the right operand is a constant that fits in an `i32`,
    /// and `lhs_imm` (the mirrored op) when the left one is.
    pub(super) fn binop_imm(
        &mut self,
        ty: ValType,
        make: fn(Slot, Slot, Slot) -> Op,
        rhs_imm: Option<fn(Slot, Slot, i32) -> Op>,
        lhs_imm: Option<fn(Slot, Slot, i32) -> Op>,
    ) {
        let b = self.pop();
        let a = self.pop();
        let dst = a.canon;
        if let (Some(f), Some(imm)) = (rhs_imm, imm_of(b)) {
            let la = self.loc(a);
            self.emit_producer(f(dst, la, imm), ty);
        } else if let (Some(f), Some(imm)) = (lhs_imm, imm_of(a)) {
            let lb = self.loc(b);
            self.emit_producer(f(dst, lb, imm), ty);
        } else {
            let lb = self.loc(b);
            let la = self.loc(a);
            self.emit_producer(make(dst, la, lb), ty);
        }
    }

    /// An integer comparison, with a constant operand folded into an immediate when it fits.
    pub(super) fn compare(&mut self, w: Width, c: Cmp) {
        let b = self.pop();
        let a = self.pop();
        let dst = a.canon;
        if let Some(imm) = imm_of(b) {
            let la = self.loc(a);
            self.emit_producer(compare::cmp_imm_op(w, c, dst, la, imm), ValType::I32);
        } else if let Some(imm) = imm_of(a) {
            let lb = self.loc(b);
            self.emit_producer(compare::cmp_imm_op(w, c.mirror(), dst, lb, imm), ValType::I32);
        } else {
            let (lb, la) = (self.loc(b), self.loc(a));
            self.emit_producer(compare::cmp_op(w, c, dst, la, lb), ValType::I32);
        }
    }

    /// `i32.eqz` / `i64.eqz`: a comparison with zero, so it fuses with branches like the others.
    pub(super) fn eqz(&mut self, w: Width) {
        let a = self.pop();
        let la = self.loc(a);
        self.emit_producer(compare::cmp_imm_op(w, Cmp::Eq, a.canon, la, 0), ValType::I32);
    }

    /// `i64.sub`: a constant right operand becomes `i64.add` of its negation when that fits.
    pub(super) fn i64_sub(&mut self) {
        let b = self.stack[self.stack.len() - 1];
        match imm_of(b).and_then(|imm| imm.checked_neg()) {
            Some(neg) => {
                self.pop();
                let a = self.pop();
                let la = self.loc(a);
                self.emit_producer(Op::I64AddImm { dst: a.canon, a: la, imm: neg }, ValType::I64);
            }
            None => self.binop(ValType::I64, |dst, a, b| Op::I64Sub { dst, a, b }),
        }
    }

    pub(super) fn load(&mut self, ty: ValType, memarg: &wasmparser::MemArg, make: impl FnOnce(Slot, Slot, u32) -> Op) {
        let addr = self.pop();
        let a = self.loc(addr);
        let mem = memory_of(memarg);
        let (a, offset) = self.address64(mem, addr.canon, a, memarg.offset);
        self.select_memory(mem);
        self.emit_producer(make(addr.canon, a, offset), ty);
        self.unselect_memory(mem);
    }

    pub(super) fn store(&mut self, memarg: &wasmparser::MemArg, make: impl FnOnce(Slot, Slot, u32) -> Op) {
        let value = self.pop();
        let addr = self.pop();
        let v = self.loc(value);
        let a = self.loc(addr);
        let mem = memory_of(memarg);
        let (a, offset) = self.address64(mem, addr.canon, a, memarg.offset);
        self.select_memory(mem);
        self.emit(make(a, v, offset));
        self.unselect_memory(mem);
    }

    /// Whether memory `mem` is a 64-bit memory.
    pub(super) fn is_memory64(&self, mem: u32) -> bool {
        mem < 128 && self.mem64 >> mem & 1 != 0
    }

    /// The address slot and offset of a 32-bit access that does what an access to memory
    /// `mem` at slot `a` with `offset` does: themselves for a 32-bit memory; for a 64-bit one,
    /// an `addr64` writes the checked effective address to the free slot `at` and the access
    /// has offset 0. An offset above `u32::MAX` always traps, as `u32::MAX` does.
    pub(super) fn address64(&mut self, mem: u32, at: Slot, a: Slot, offset: u64) -> (Slot, u32) {
        if !self.is_memory64(mem) {
            return (a, offset as u32);
        }
        self.emit(Op::Addr64 { dst: at, addr: a, offset: offset.min(u32::MAX as u64) as u32 });
        (at, 0)
    }

    /// Whether table `table` is a 64-bit table.
    pub(super) fn is_table64(&self, table: u32) -> bool {
        table < 128 && self.tab64 >> table & 1 != 0
    }

    /// An `i64` index, size or count of a 64-bit table, saturated to 32 bits into the free slot
    /// `at`: no table has 2^32 elements, so the saturated value fails exactly as the original.
    pub(super) fn clamp64(&mut self, at: Slot, a: Slot) -> Slot {
        self.emit(Op::I64ClampU32 { dst: at, src: a });
        at
    }

    /// An `i64` size or offset operand of a bulk op on a 64-bit memory, narrowed into the
    /// free slot `at` (traps above `u32::MAX`, which is out of bounds of any memory).
    pub(super) fn narrow64(&mut self, at: Slot, a: Slot) -> Slot {
        self.emit(Op::Addr64 { dst: at, addr: a, offset: 0 });
        at
    }

    /// Before an op on memory `mem`: ops address memory 0 unless a `select_memory` says
    /// otherwise, so memory 0 costs nothing more than in a module with one memory.
    pub(super) fn select_memory(&mut self, mem: u32) {
        if mem != 0 {
            self.emit(Op::SelectMemory { mem });
        }
    }

    /// After an op on memory `mem`: back to memory 0 (see [`Self::select_memory`]).
    pub(super) fn unselect_memory(&mut self, mem: u32) {
        if mem != 0 {
            self.emit(Op::SelectMemory { mem: 0 });
        }
    }

    pub(super) fn local_set(&mut self, local: u32, tee: bool) {
        let (ty, slot) = self.locals[local as usize];
        let v = self.pop();
        if self.local_refs > 0 {
            for i in 0..self.stack.len() {
                if self.stack[i].src == Src::Local(slot) {
                    self.materialize(i);
                }
            }
        }
        match v.src {
            Src::Local(s) if s == slot => {}
            Src::Temp
                if self.last.is_some_and(|l| l + 1 == self.ops.len())
                    && self.ops[self.ops.len() - 1].clone().dst_mut().copied() == Some(v.canon) =>
            {
                let last = self.ops.len() - 1;
                if let Some(d) = self.ops[last].dst_mut() {
                    *d = slot;
                }
            }
            _ => self.write_to(v, slot),
        }
        self.last = None;
        if tee {
            self.push(ty, Src::Local(slot));
        }
    }

    /// Materializes the top `n` values (consecutive slots) and pops them; returns the first slot.
    pub(super) fn take_args(&mut self, n: usize) -> Slot {
        self.materialize_top(n);
        let first = self.stack[self.stack.len() - n].canon;
        for _ in 0..n {
            self.pop();
        }
        first
    }

    /// `v128.const`: written into its canonical slots right away (constants are 64-bit only).
    pub(super) fn v128_const(&mut self, value: u128) {
        let dst = self.height;
        self.emit(Op::Const64 { dst, bits: value as u64 });
        self.emit(Op::Const64 { dst: dst + 1, bits: (value >> 64) as u64 });
        self.push(ValType::V128, Src::Temp);
    }

    /// `i8x16.shuffle`: both operands adjacent, the lane indices in scratch slots above the stack.
    pub(super) fn shuffle(&mut self, lanes: u128) {
        self.materialize_top(2);
        let a = self.stack[self.stack.len() - 2].canon;
        let scratch = self.height;
        self.max_height = self.max_height.max(scratch + 2);
        self.emit(Op::Const64 { dst: scratch, bits: lanes as u64 });
        self.emit(Op::Const64 { dst: scratch + 1, bits: (lanes >> 64) as u64 });
        self.pop();
        self.pop();
        self.emit_producer(Op::I8x16Shuffle { dst: a, a, lanes: scratch }, ValType::V128);
    }

    /// `v128.loadN_lane`: the vector is updated in its canonical slots, then moved to the result's.
    pub(super) fn load_lane(&mut self, memarg: &wasmparser::MemArg, make: impl FnOnce(Slot, Slot, u32) -> Op) {
        let top = self.stack.len() - 1;
        self.materialize(top);
        let v = self.pop();
        let addr = self.pop();
        let a = self.loc(addr);
        let mem = memory_of(memarg);
        let (a, offset) = self.address64(mem, addr.canon, a, memarg.offset);
        self.select_memory(mem);
        self.emit(make(v.canon, a, offset));
        self.unselect_memory(mem);
        self.emit(Op::CopyWide { dst: addr.canon, src: v.canon });
        self.push(ValType::V128, Src::Temp);
    }

    pub(super) fn call(&mut self, ty: &FuncType, make: impl FnOnce(Slot) -> Op) {
        let n = ty.params().len();
        self.materialize_top(n);
        let base = if n > 0 { self.stack[self.stack.len() - n].canon } else { self.height };
        for _ in 0..n {
            self.pop();
        }
        self.emit(make(base));
        for &r in ty.results() {
            self.push(r, Src::Temp);
        }
    }

    /// `return_call` and `return_call_indirect`: the arguments as for a call, then the tail call
    /// and a `return` after it, which only a host callee reaches (the op leaves its results in
    /// slot 0 and continues; a wasm callee's frame replaces this one).
    pub(super) fn return_call(&mut self, ty: &FuncType, make: impl FnOnce(Slot) -> Op) {
        let n = ty.params().len();
        self.materialize_top(n);
        let base = if n > 0 { self.stack[self.stack.len() - n].canon } else { self.height };
        for _ in 0..n {
            self.pop();
        }
        // The frame holds the results where a call's would be (a host callee's results are
        // written there, or at slot 0), as for a call, whose results the stack then holds.
        self.max_height = self.max_height.max(base + slots_of(ty.results()));
        self.emit(make(base));
        self.emit(Op::Return {});
        self.reachable = false;
    }

    // ---- The big match ----

    pub(super) fn op(&mut self, env: &ModuleEnv<'_>, op: Operator<'_>, offset: usize) -> Res {
        use Operator as O;
        if self.ctrl.is_empty() {
            return Err(DecodeError::new(DecodeErrorKind::Invalid, offset, "operators after the end of the function"));
        }
        if !self.reachable {
            match op {
                O::Block { .. } | O::Loop { .. } | O::If { .. } => self.dead_depth += 1,
                O::Else if self.dead_depth == 0 => self.else_(),
                O::End if self.dead_depth == 0 => self.end(),
                O::End => self.dead_depth -= 1,
                _ => {}
            }
            return Ok(());
        }
        self.charge(&op);
        let ends_block = matches!(
            op,
            O::BrIf { .. }
                | O::If { .. }
                | O::Call { .. }
                | O::CallIndirect { .. }
                | O::ReturnCall { .. }
                | O::ReturnCallIndirect { .. }
        );
        let canon_check = self.canonicalize_nans.then(|| op.clone());
        self.translate_op(env, op, offset)?;
        if ends_block {
            self.end_gas_block();
        }
        if let Some(op) = canon_check {
            self.canon_nan(&op);
        }
        Ok(())
    }

    pub(super) fn translate_op(&mut self, env: &ModuleEnv<'_>, op: Operator<'_>, offset: usize) -> Res {
        use Operator as O;
        let (i32_, i64_, f32_, f64_, v128) = (ValType::I32, ValType::I64, ValType::F32, ValType::F64, ValType::V128);
        match op {
            // ---- Control ----
            O::Nop => {}
            O::Unreachable => {
                self.emit(Op::Unreachable {});
                self.reachable = false;
            }
            O::Block { blockty } => {
                let (params, results) = env.block_sig(blockty)?;
                self.materialize_locals();
                self.push_ctrl(CtrlKind::Block, params, results);
            }
            O::Loop { blockty } => {
                let (params, results) = env.block_sig(blockty)?;
                self.materialize_locals();
                self.materialize_top(params.len());
                self.push_ctrl(CtrlKind::Loop, params, results);
                self.loop_depth += 1;
                self.bind_label();
                if self.interruptible && self.gas.is_none() {
                    self.emit(Op::ConsumeGas { amount: 0 });
                }
            }
            O::If { blockty } => {
                let (params, results) = env.block_sig(blockty)?;
                let cond = self.pop();
                self.materialize_locals();
                self.materialize_top(params.len());
                let j = self.cond_jump(cond, true);
                self.push_ctrl(CtrlKind::If, params, results);
                let top = self.ctrl.len() - 1;
                self.ctrl[top].else_fixup = Some(j);
            }
            O::Else => self.else_(),
            O::End => self.end(),
            O::Br { relative_depth } => {
                self.branch(relative_depth);
                self.reachable = false;
            }
            O::BrIf { relative_depth } => self.br_if(relative_depth),
            O::BrTable { targets } => self.br_table(&targets)?,
            O::Return => {
                self.emit_return();
                self.reachable = false;
            }
            O::Call { function_index } => {
                let ty = env.module.func_type(function_index).clone();
                self.call(&ty, |base| Op::Call { func: function_index, base });
            }
            O::CallIndirect { type_index, table_index } => {
                let ty = env.module.types[type_index as usize].clone();
                let operand = self.pop();
                let mut index = self.loc(operand);
                if self.is_table64(table_index) {
                    index = self.clamp64(operand.canon, index);
                }
                let table = table_u8(table_index, offset)?;
                self.call(&ty, |base| Op::CallIndirect { index, base, ty: type_index, table });
            }
            O::ReturnCall { function_index } => {
                let ty = env.module.func_type(function_index).clone();
                self.return_call(&ty, |base| Op::ReturnCall { func: function_index, base });
            }
            O::ReturnCallIndirect { type_index, table_index } => {
                let ty = env.module.types[type_index as usize].clone();
                let index = self.pop();
                let index = self.loc(index);
                let table = table_u8(table_index, offset)?;
                self.return_call(&ty, |base| Op::ReturnCallIndirect { index, base, ty: type_index, table });
            }
            O::Drop => {
                self.pop();
            }
            O::Select | O::TypedSelect { .. } => {
                let cond = self.pop();
                let b = self.pop();
                let a = self.stack.len() - 1;
                self.materialize(a);
                let a = self.pop();
                let cond = self.loc(cond);
                let other = self.loc(b);
                let op = if a.ty.slots() == 2 {
                    Op::SelectWide { dst: a.canon, other, cond }
                } else {
                    Op::Select { dst: a.canon, other, cond }
                };
                self.emit(op);
                self.push(a.ty, Src::Temp);
            }

            // ---- Variables ----
            O::LocalGet { local_index } => {
                let (ty, slot) = self.locals[local_index as usize];
                self.push(ty, Src::Local(slot));
            }
            O::LocalSet { local_index } => self.local_set(local_index, false),
            O::LocalTee { local_index } => self.local_set(local_index, true),
            O::GlobalGet { global_index } => {
                let ty = env.module.global_types[global_index as usize].content;
                let dst = self.height;
                let op = if ty.slots() == 2 {
                    Op::GlobalGetWide { dst, global: global_index }
                } else {
                    Op::GlobalGet { dst, global: global_index }
                };
                self.emit_producer(op, ty);
            }
            O::GlobalSet { global_index } => {
                let v = self.pop();
                let src = self.loc(v);
                let op = if v.ty.slots() == 2 {
                    Op::GlobalSetWide { src, global: global_index }
                } else {
                    Op::GlobalSet { src, global: global_index }
                };
                self.emit(op);
            }

            // ---- Reference types and tables ----
            O::RefNull { hty } => {
                let ty = if hty == wasmparser::HeapType::FUNC { ValType::FuncRef } else { ValType::ExternRef };
                self.push(ty, Src::Const(0));
            }
            O::RefIsNull => self.unop(i32_, |dst, src| Op::RefIsNull { dst, src }),
            O::RefFunc { function_index } => {
                let dst = self.height;
                self.emit_producer(Op::RefFunc { dst, func: function_index }, ValType::FuncRef);
            }
            O::TableGet { table } => {
                let ty: ValType = env.module.tables[table as usize].element.into();
                let index = self.pop();
                let mut i = self.loc(index);
                if self.is_table64(table) {
                    i = self.clamp64(index.canon, i);
                }
                self.emit_producer(Op::TableGet { dst: index.canon, index: i, table }, ty);
            }
            O::TableSet { table } => {
                let value = self.pop();
                let index = self.pop();
                let (v, mut i) = (self.loc(value), self.loc(index));
                if self.is_table64(table) {
                    i = self.clamp64(index.canon, i);
                }
                self.emit(Op::TableSet { index: i, value: v, table });
            }
            O::TableSize { table } => {
                let dst = self.height;
                if self.is_table64(table) {
                    self.emit_producer(Op::TableSize { dst, table }, i64_);
                    self.emit(Op::I64ExtendI32U { dst, src: dst });
                } else {
                    self.emit_producer(Op::TableSize { dst, table }, i32_);
                }
            }
            O::TableGrow { table } => {
                let n = self.pop();
                let init = self.pop();
                let (mut ln, li) = (self.loc(n), self.loc(init));
                let wide = self.is_table64(table);
                let table = table_u8(table, offset)?;
                if wide {
                    // The count saturates (any larger grow fails); -1 or the old size widens by sign.
                    ln = self.clamp64(n.canon, ln);
                    self.emit_producer(Op::TableGrow { dst: init.canon, init: li, n: ln, table }, i64_);
                    self.emit(Op::I64ExtendI32S { dst: init.canon, src: init.canon });
                } else {
                    self.emit_producer(Op::TableGrow { dst: init.canon, init: li, n: ln, table }, i32_);
                }
            }
            O::TableFill { table } => {
                let args = self.take_args(3);
                if self.is_table64(table) {
                    self.clamp64(args, args);
                    self.clamp64(args + 2, args + 2);
                }
                self.emit(Op::TableFill { args, table });
            }
            O::TableCopy { dst_table, src_table } => {
                let args = self.take_args(3);
                let (d64, s64) = (self.is_table64(dst_table), self.is_table64(src_table));
                if d64 {
                    self.clamp64(args, args);
                }
                if s64 {
                    self.clamp64(args + 1, args + 1);
                }
                if d64 && s64 {
                    self.clamp64(args + 2, args + 2);
                }
                self.emit(Op::TableCopy { args, dst_table, src_table });
            }
            O::TableInit { elem_index, table } => {
                let args = self.take_args(3);
                if self.is_table64(table) {
                    self.clamp64(args, args);
                }
                self.emit(Op::TableInit { args, table, elem: elem_index });
            }
            O::ElemDrop { elem_index } => {
                self.emit(Op::ElemDrop { elem: elem_index });
            }

            // ---- Bulk memory ----
            O::MemoryCopy { dst_mem, src_mem } => {
                let n = self.pop();
                let src = self.pop();
                let dst = self.pop();
                let (mut n, mut s, mut d) = (self.loc(n), self.loc(src), self.loc(dst));
                let (d64, s64) = (self.is_memory64(dst_mem), self.is_memory64(src_mem));
                if d64 {
                    d = self.narrow64(dst.canon, d);
                }
                if s64 {
                    s = self.narrow64(src.canon, s);
                }
                if d64 && s64 {
                    n = self.narrow64(src.canon + 1, n);
                }
                if dst_mem == 0 && src_mem == 0 {
                    self.emit(Op::MemoryCopy { d, s, n });
                } else {
                    let (dst_mem, src_mem) = (small_index(dst_mem), small_index(src_mem));
                    self.emit(Op::MemoryCopyIn { d, s, n, dst_mem, src_mem });
                }
            }
            O::MemoryFill { mem } => {
                let n = self.pop();
                let val = self.pop();
                let dst = self.pop();
                let (mut n, val, mut d) = (self.loc(n), self.loc(val), self.loc(dst));
                if self.is_memory64(mem) {
                    d = self.narrow64(dst.canon, d);
                    n = self.narrow64(dst.canon + 2, n);
                }
                match mem {
                    0 => self.emit(Op::MemoryFill { d, val, n }),
                    _ => self.emit(Op::MemoryFillIn { d, val, n, mem: small_index(mem) }),
                };
            }
            O::MemoryInit { data_index, mem } => {
                let args = self.take_args(3);
                if self.is_memory64(mem) {
                    self.narrow64(args, args);
                }
                match mem {
                    0 => self.emit(Op::MemoryInit { args, data: data_index }),
                    _ => self.emit(Op::MemoryInitIn { args, data: data_index, mem }),
                };
            }
            O::DataDrop { data_index } => {
                self.emit(Op::DataDrop { data: data_index });
            }

            // ---- Memory ----
            O::MemorySize { mem } => {
                let dst = self.height;
                let (ty, wide) = if self.is_memory64(mem) { (i64_, true) } else { (i32_, false) };
                match mem {
                    0 => self.emit_producer(Op::MemorySize { dst }, ty),
                    _ => self.emit_producer(Op::MemorySizeIn { dst, mem }, ty),
                }
                if wide {
                    self.emit(Op::I64ExtendI32U { dst, src: dst });
                }
            }
            O::MemoryGrow { mem } if self.is_memory64(mem) => {
                // The count saturates to 32 bits (any larger grow fails), and the result, -1 or
                // a page count below 2^16, widens to `i64` by sign.
                let delta = self.pop();
                let d = self.loc(delta);
                let dst = delta.canon;
                self.emit(Op::I64ClampU32 { dst, src: d });
                match mem {
                    0 => self.emit_producer(Op::MemoryGrow { dst, delta: dst }, i64_),
                    _ => self.emit_producer(Op::MemoryGrowIn { dst, delta: dst, mem }, i64_),
                }
                self.emit(Op::I64ExtendI32S { dst, src: dst });
            }
            O::MemoryGrow { mem: 0 } => self.unop(i32_, |dst, delta| Op::MemoryGrow { dst, delta }),
            O::MemoryGrow { mem } => self.unop(i32_, |dst, delta| Op::MemoryGrowIn { dst, delta, mem }),
            O::I32Load { memarg } => self.load(i32_, &memarg, |dst, addr, offset| Op::I32Load { dst, addr, offset }),
            O::I64Load { memarg } => self.load(i64_, &memarg, |dst, addr, offset| Op::I64Load { dst, addr, offset }),
            O::F32Load { memarg } => self.load(f32_, &memarg, |dst, addr, offset| Op::F32Load { dst, addr, offset }),
            O::F64Load { memarg } => self.load(f64_, &memarg, |dst, addr, offset| Op::F64Load { dst, addr, offset }),
            O::I32Load8S { memarg } => {
                self.load(i32_, &memarg, |dst, addr, offset| Op::I32Load8S { dst, addr, offset })
            }
            O::I32Load8U { memarg } => {
                self.load(i32_, &memarg, |dst, addr, offset| Op::I32Load8U { dst, addr, offset })
            }
            O::I32Load16S { memarg } => {
                self.load(i32_, &memarg, |dst, addr, offset| Op::I32Load16S { dst, addr, offset })
            }
            O::I32Load16U { memarg } => {
                self.load(i32_, &memarg, |dst, addr, offset| Op::I32Load16U { dst, addr, offset })
            }
            O::I64Load8S { memarg } => {
                self.load(i64_, &memarg, |dst, addr, offset| Op::I64Load8S { dst, addr, offset })
            }
            O::I64Load8U { memarg } => {
                self.load(i64_, &memarg, |dst, addr, offset| Op::I64Load8U { dst, addr, offset })
            }
            O::I64Load16S { memarg } => {
                self.load(i64_, &memarg, |dst, addr, offset| Op::I64Load16S { dst, addr, offset })
            }
            O::I64Load16U { memarg } => {
                self.load(i64_, &memarg, |dst, addr, offset| Op::I64Load16U { dst, addr, offset })
            }
            O::I64Load32S { memarg } => {
                self.load(i64_, &memarg, |dst, addr, offset| Op::I64Load32S { dst, addr, offset })
            }
            O::I64Load32U { memarg } => {
                self.load(i64_, &memarg, |dst, addr, offset| Op::I64Load32U { dst, addr, offset })
            }
            O::I32Store { memarg } => self.store(&memarg, |addr, value, offset| Op::I32Store { addr, value, offset }),
            O::I64Store { memarg } => self.store(&memarg, |addr, value, offset| Op::I64Store { addr, value, offset }),
            O::F32Store { memarg } => self.store(&memarg, |addr, value, offset| Op::F32Store { addr, value, offset }),
            O::F64Store { memarg } => self.store(&memarg, |addr, value, offset| Op::F64Store { addr, value, offset }),
            O::I32Store8 { memarg } => self.store(&memarg, |addr, value, offset| Op::I32Store8 { addr, value, offset }),
            O::I32Store16 { memarg } => {
                self.store(&memarg, |addr, value, offset| Op::I32Store16 { addr, value, offset })
            }
            O::I64Store8 { memarg } => self.store(&memarg, |addr, value, offset| Op::I64Store8 { addr, value, offset }),
            O::I64Store16 { memarg } => {
                self.store(&memarg, |addr, value, offset| Op::I64Store16 { addr, value, offset })
            }
            O::I64Store32 { memarg } => {
                self.store(&memarg, |addr, value, offset| Op::I64Store32 { addr, value, offset })
            }

            // ---- Constants ----
            O::I32Const { value } => {
                self.push(i32_, Src::Const(value as u32 as u64));
            }
            O::I64Const { value } => {
                self.push(i64_, Src::Const(value as u64));
            }
            O::F32Const { value } => {
                self.push(f32_, Src::Const(value.bits() as u64));
            }
            O::F64Const { value } => {
                self.push(f64_, Src::Const(value.bits()));
            }

            // ---- Numeric: i32 ----
            O::I32Eqz => self.eqz(W32),
            O::I32Eq => self.compare(W32, Cmp::Eq),
            O::I32Ne => self.compare(W32, Cmp::Ne),
            O::I32LtS => self.compare(W32, Cmp::LtS),
            O::I32LtU => self.compare(W32, Cmp::LtU),
            O::I32GtS => self.compare(W32, Cmp::GtS),
            O::I32GtU => self.compare(W32, Cmp::GtU),
            O::I32LeS => self.compare(W32, Cmp::LeS),
            O::I32LeU => self.compare(W32, Cmp::LeU),
            O::I32GeS => self.compare(W32, Cmp::GeS),
            O::I32GeU => self.compare(W32, Cmp::GeU),
            O::I32Clz => self.unop(i32_, |dst, src| Op::I32Clz { dst, src }),
            O::I32Ctz => self.unop(i32_, |dst, src| Op::I32Ctz { dst, src }),
            O::I32Popcnt => self.unop(i32_, |dst, src| Op::I32Popcnt { dst, src }),
            O::I32Add => self.binop_imm(
                i32_,
                |dst, a, b| Op::I32Add { dst, a, b },
                Some(|dst, a, imm| Op::I32AddImm { dst, a, imm }),
                Some(|dst, a, imm| Op::I32AddImm { dst, a, imm }),
            ),
            O::I32Sub => self.binop_imm(
                i32_,
                |dst, a, b| Op::I32Sub { dst, a, b },
                Some(|dst, a, imm| Op::I32AddImm { dst, a, imm: imm.wrapping_neg() }),
                None,
            ),
            O::I32Mul => self.binop_imm(
                i32_,
                |dst, a, b| Op::I32Mul { dst, a, b },
                Some(|dst, a, imm| Op::I32MulImm { dst, a, imm }),
                Some(|dst, a, imm| Op::I32MulImm { dst, a, imm }),
            ),
            O::I32DivS => self.binop(i32_, |dst, a, b| Op::I32DivS { dst, a, b }),
            O::I32DivU => self.binop(i32_, |dst, a, b| Op::I32DivU { dst, a, b }),
            O::I32RemS => self.binop(i32_, |dst, a, b| Op::I32RemS { dst, a, b }),
            O::I32RemU => self.binop(i32_, |dst, a, b| Op::I32RemU { dst, a, b }),
            O::I32And => self.binop_imm(
                i32_,
                |dst, a, b| Op::I32And { dst, a, b },
                Some(|dst, a, imm| Op::I32AndImm { dst, a, imm }),
                Some(|dst, a, imm| Op::I32AndImm { dst, a, imm }),
            ),
            O::I32Or => self.binop_imm(
                i32_,
                |dst, a, b| Op::I32Or { dst, a, b },
                Some(|dst, a, imm| Op::I32OrImm { dst, a, imm }),
                Some(|dst, a, imm| Op::I32OrImm { dst, a, imm }),
            ),
            O::I32Xor => self.binop_imm(
                i32_,
                |dst, a, b| Op::I32Xor { dst, a, b },
                Some(|dst, a, imm| Op::I32XorImm { dst, a, imm }),
                Some(|dst, a, imm| Op::I32XorImm { dst, a, imm }),
            ),
            O::I32Shl => self.binop_imm(
                i32_,
                |dst, a, b| Op::I32Shl { dst, a, b },
                Some(|dst, a, imm| Op::I32ShlImm { dst, a, imm }),
                None,
            ),
            O::I32ShrS => self.binop_imm(
                i32_,
                |dst, a, b| Op::I32ShrS { dst, a, b },
                Some(|dst, a, imm| Op::I32ShrSImm { dst, a, imm }),
                None,
            ),
            O::I32ShrU => self.binop_imm(
                i32_,
                |dst, a, b| Op::I32ShrU { dst, a, b },
                Some(|dst, a, imm| Op::I32ShrUImm { dst, a, imm }),
                None,
            ),
            O::I32Rotl => self.binop(i32_, |dst, a, b| Op::I32Rotl { dst, a, b }),
            O::I32Rotr => self.binop(i32_, |dst, a, b| Op::I32Rotr { dst, a, b }),

            // ---- Numeric: i64 ----
            O::I64Eqz => self.eqz(W64),
            O::I64Eq => self.compare(W64, Cmp::Eq),
            O::I64Ne => self.compare(W64, Cmp::Ne),
            O::I64LtS => self.compare(W64, Cmp::LtS),
            O::I64LtU => self.compare(W64, Cmp::LtU),
            O::I64GtS => self.compare(W64, Cmp::GtS),
            O::I64GtU => self.compare(W64, Cmp::GtU),
            O::I64LeS => self.compare(W64, Cmp::LeS),
            O::I64LeU => self.compare(W64, Cmp::LeU),
            O::I64GeS => self.compare(W64, Cmp::GeS),
            O::I64GeU => self.compare(W64, Cmp::GeU),
            O::I64Clz => self.unop(i64_, |dst, src| Op::I64Clz { dst, src }),
            O::I64Ctz => self.unop(i64_, |dst, src| Op::I64Ctz { dst, src }),
            O::I64Popcnt => self.unop(i64_, |dst, src| Op::I64Popcnt { dst, src }),
            O::I64Add => self.binop_imm(
                i64_,
                |dst, a, b| Op::I64Add { dst, a, b },
                Some(|dst, a, imm| Op::I64AddImm { dst, a, imm }),
                Some(|dst, a, imm| Op::I64AddImm { dst, a, imm }),
            ),
            O::I64Sub => self.i64_sub(),
            O::I64Mul => self.binop_imm(
                i64_,
                |dst, a, b| Op::I64Mul { dst, a, b },
                Some(|dst, a, imm| Op::I64MulImm { dst, a, imm }),
                Some(|dst, a, imm| Op::I64MulImm { dst, a, imm }),
            ),
            O::I64DivS => self.binop(i64_, |dst, a, b| Op::I64DivS { dst, a, b }),
            O::I64DivU => self.binop(i64_, |dst, a, b| Op::I64DivU { dst, a, b }),
            O::I64RemS => self.binop(i64_, |dst, a, b| Op::I64RemS { dst, a, b }),
            O::I64RemU => self.binop(i64_, |dst, a, b| Op::I64RemU { dst, a, b }),
            O::I64And => self.binop_imm(
                i64_,
                |dst, a, b| Op::I64And { dst, a, b },
                Some(|dst, a, imm| Op::I64AndImm { dst, a, imm }),
                Some(|dst, a, imm| Op::I64AndImm { dst, a, imm }),
            ),
            O::I64Or => self.binop_imm(
                i64_,
                |dst, a, b| Op::I64Or { dst, a, b },
                Some(|dst, a, imm| Op::I64OrImm { dst, a, imm }),
                Some(|dst, a, imm| Op::I64OrImm { dst, a, imm }),
            ),
            O::I64Xor => self.binop_imm(
                i64_,
                |dst, a, b| Op::I64Xor { dst, a, b },
                Some(|dst, a, imm| Op::I64XorImm { dst, a, imm }),
                Some(|dst, a, imm| Op::I64XorImm { dst, a, imm }),
            ),
            O::I64Shl => self.binop_imm(
                i64_,
                |dst, a, b| Op::I64Shl { dst, a, b },
                Some(|dst, a, imm| Op::I64ShlImm { dst, a, imm }),
                None,
            ),
            O::I64ShrS => self.binop_imm(
                i64_,
                |dst, a, b| Op::I64ShrS { dst, a, b },
                Some(|dst, a, imm| Op::I64ShrSImm { dst, a, imm }),
                None,
            ),
            O::I64ShrU => self.binop_imm(
                i64_,
                |dst, a, b| Op::I64ShrU { dst, a, b },
                Some(|dst, a, imm| Op::I64ShrUImm { dst, a, imm }),
                None,
            ),
            O::I64Rotl => self.binop(i64_, |dst, a, b| Op::I64Rotl { dst, a, b }),
            O::I64Rotr => self.binop(i64_, |dst, a, b| Op::I64Rotr { dst, a, b }),

            // ---- Numeric: f32 ----
            O::F32Eq => self.binop(i32_, |dst, a, b| Op::F32Eq { dst, a, b }),
            O::F32Ne => self.binop(i32_, |dst, a, b| Op::F32Ne { dst, a, b }),
            O::F32Lt => self.binop(i32_, |dst, a, b| Op::F32Lt { dst, a, b }),
            O::F32Gt => self.binop(i32_, |dst, a, b| Op::F32Gt { dst, a, b }),
            O::F32Le => self.binop(i32_, |dst, a, b| Op::F32Le { dst, a, b }),
            O::F32Ge => self.binop(i32_, |dst, a, b| Op::F32Ge { dst, a, b }),
            O::F32Abs => self.unop(f32_, |dst, src| Op::F32Abs { dst, src }),
            O::F32Neg => self.unop(f32_, |dst, src| Op::F32Neg { dst, src }),
            O::F32Ceil => self.unop(f32_, |dst, src| Op::F32Ceil { dst, src }),
            O::F32Floor => self.unop(f32_, |dst, src| Op::F32Floor { dst, src }),
            O::F32Trunc => self.unop(f32_, |dst, src| Op::F32Trunc { dst, src }),
            O::F32Nearest => self.unop(f32_, |dst, src| Op::F32Nearest { dst, src }),
            O::F32Sqrt => self.unop(f32_, |dst, src| Op::F32Sqrt { dst, src }),
            O::F32Add => self.binop(f32_, |dst, a, b| Op::F32Add { dst, a, b }),
            O::F32Sub => self.binop(f32_, |dst, a, b| Op::F32Sub { dst, a, b }),
            O::F32Mul => self.binop(f32_, |dst, a, b| Op::F32Mul { dst, a, b }),
            O::F32Div => self.binop(f32_, |dst, a, b| Op::F32Div { dst, a, b }),
            O::F32Min => self.binop(f32_, |dst, a, b| Op::F32Min { dst, a, b }),
            O::F32Max => self.binop(f32_, |dst, a, b| Op::F32Max { dst, a, b }),
            O::F32Copysign => self.binop(f32_, |dst, a, b| Op::F32Copysign { dst, a, b }),

            // ---- Numeric: f64 ----
            O::F64Eq => self.binop(i32_, |dst, a, b| Op::F64Eq { dst, a, b }),
            O::F64Ne => self.binop(i32_, |dst, a, b| Op::F64Ne { dst, a, b }),
            O::F64Lt => self.binop(i32_, |dst, a, b| Op::F64Lt { dst, a, b }),
            O::F64Gt => self.binop(i32_, |dst, a, b| Op::F64Gt { dst, a, b }),
            O::F64Le => self.binop(i32_, |dst, a, b| Op::F64Le { dst, a, b }),
            O::F64Ge => self.binop(i32_, |dst, a, b| Op::F64Ge { dst, a, b }),
            O::F64Abs => self.unop(f64_, |dst, src| Op::F64Abs { dst, src }),
            O::F64Neg => self.unop(f64_, |dst, src| Op::F64Neg { dst, src }),
            O::F64Ceil => self.unop(f64_, |dst, src| Op::F64Ceil { dst, src }),
            O::F64Floor => self.unop(f64_, |dst, src| Op::F64Floor { dst, src }),
            O::F64Trunc => self.unop(f64_, |dst, src| Op::F64Trunc { dst, src }),
            O::F64Nearest => self.unop(f64_, |dst, src| Op::F64Nearest { dst, src }),
            O::F64Sqrt => self.unop(f64_, |dst, src| Op::F64Sqrt { dst, src }),
            O::F64Add => self.binop(f64_, |dst, a, b| Op::F64Add { dst, a, b }),
            O::F64Sub => self.binop(f64_, |dst, a, b| Op::F64Sub { dst, a, b }),
            O::F64Mul => self.binop(f64_, |dst, a, b| Op::F64Mul { dst, a, b }),
            O::F64Div => self.binop(f64_, |dst, a, b| Op::F64Div { dst, a, b }),
            O::F64Min => self.binop(f64_, |dst, a, b| Op::F64Min { dst, a, b }),
            O::F64Max => self.binop(f64_, |dst, a, b| Op::F64Max { dst, a, b }),
            O::F64Copysign => self.binop(f64_, |dst, a, b| Op::F64Copysign { dst, a, b }),

            // ---- Conversions ----
            O::I32WrapI64 => self.unop(i32_, |dst, src| Op::I32WrapI64 { dst, src }),
            O::I32TruncF32S => self.unop(i32_, |dst, src| Op::I32TruncF32S { dst, src }),
            O::I32TruncF32U => self.unop(i32_, |dst, src| Op::I32TruncF32U { dst, src }),
            O::I32TruncF64S => self.unop(i32_, |dst, src| Op::I32TruncF64S { dst, src }),
            O::I32TruncF64U => self.unop(i32_, |dst, src| Op::I32TruncF64U { dst, src }),
            O::I64ExtendI32S => self.unop(i64_, |dst, src| Op::I64ExtendI32S { dst, src }),
            O::I64ExtendI32U => self.unop(i64_, |dst, src| Op::I64ExtendI32U { dst, src }),
            O::I64TruncF32S => self.unop(i64_, |dst, src| Op::I64TruncF32S { dst, src }),
            O::I64TruncF32U => self.unop(i64_, |dst, src| Op::I64TruncF32U { dst, src }),
            O::I64TruncF64S => self.unop(i64_, |dst, src| Op::I64TruncF64S { dst, src }),
            O::I64TruncF64U => self.unop(i64_, |dst, src| Op::I64TruncF64U { dst, src }),
            O::F32ConvertI32S => self.unop(f32_, |dst, src| Op::F32ConvertI32S { dst, src }),
            O::F32ConvertI32U => self.unop(f32_, |dst, src| Op::F32ConvertI32U { dst, src }),
            O::F32ConvertI64S => self.unop(f32_, |dst, src| Op::F32ConvertI64S { dst, src }),
            O::F32ConvertI64U => self.unop(f32_, |dst, src| Op::F32ConvertI64U { dst, src }),
            O::F32DemoteF64 => self.unop(f32_, |dst, src| Op::F32DemoteF64 { dst, src }),
            O::F64ConvertI32S => self.unop(f64_, |dst, src| Op::F64ConvertI32S { dst, src }),
            O::F64ConvertI32U => self.unop(f64_, |dst, src| Op::F64ConvertI32U { dst, src }),
            O::F64ConvertI64S => self.unop(f64_, |dst, src| Op::F64ConvertI64S { dst, src }),
            O::F64ConvertI64U => self.unop(f64_, |dst, src| Op::F64ConvertI64U { dst, src }),
            O::F64PromoteF32 => self.unop(f64_, |dst, src| Op::F64PromoteF32 { dst, src }),
            // Reinterpretations change only the type: slots hold raw bits.
            O::I32ReinterpretF32 | O::F32ReinterpretI32 | O::I64ReinterpretF64 | O::F64ReinterpretI64 => {
                let to = match op {
                    O::I32ReinterpretF32 => i32_,
                    O::F32ReinterpretI32 => f32_,
                    O::I64ReinterpretF64 => i64_,
                    _ => f64_,
                };
                let top = self.stack.len() - 1;
                self.stack[top].ty = to;
            }
            O::I32Extend8S => self.unop(i32_, |dst, src| Op::I32Extend8S { dst, src }),
            O::I32Extend16S => self.unop(i32_, |dst, src| Op::I32Extend16S { dst, src }),
            O::I64Extend8S => self.unop(i64_, |dst, src| Op::I64Extend8S { dst, src }),
            O::I64Extend16S => self.unop(i64_, |dst, src| Op::I64Extend16S { dst, src }),
            O::I64Extend32S => self.unop(i64_, |dst, src| Op::I64Extend32S { dst, src }),
            O::I32TruncSatF32S => self.unop(i32_, |dst, src| Op::I32TruncSatF32S { dst, src }),
            O::I32TruncSatF32U => self.unop(i32_, |dst, src| Op::I32TruncSatF32U { dst, src }),
            O::I32TruncSatF64S => self.unop(i32_, |dst, src| Op::I32TruncSatF64S { dst, src }),
            O::I32TruncSatF64U => self.unop(i32_, |dst, src| Op::I32TruncSatF64U { dst, src }),
            O::I64TruncSatF32S => self.unop(i64_, |dst, src| Op::I64TruncSatF32S { dst, src }),
            O::I64TruncSatF32U => self.unop(i64_, |dst, src| Op::I64TruncSatF32U { dst, src }),
            O::I64TruncSatF64S => self.unop(i64_, |dst, src| Op::I64TruncSatF64S { dst, src }),
            O::I64TruncSatF64U => self.unop(i64_, |dst, src| Op::I64TruncSatF64U { dst, src }),

            // ---- SIMD ----
            O::V128Load { memarg } => self.load(v128, &memarg, |dst, addr, offset| Op::V128Load { dst, addr, offset }),
            O::V128Load8x8S { memarg } => {
                self.load(v128, &memarg, |dst, addr, offset| Op::V128Load8x8S { dst, addr, offset })
            }
            O::V128Load8x8U { memarg } => {
                self.load(v128, &memarg, |dst, addr, offset| Op::V128Load8x8U { dst, addr, offset })
            }
            O::V128Load16x4S { memarg } => {
                self.load(v128, &memarg, |dst, addr, offset| Op::V128Load16x4S { dst, addr, offset })
            }
            O::V128Load16x4U { memarg } => {
                self.load(v128, &memarg, |dst, addr, offset| Op::V128Load16x4U { dst, addr, offset })
            }
            O::V128Load32x2S { memarg } => {
                self.load(v128, &memarg, |dst, addr, offset| Op::V128Load32x2S { dst, addr, offset })
            }
            O::V128Load32x2U { memarg } => {
                self.load(v128, &memarg, |dst, addr, offset| Op::V128Load32x2U { dst, addr, offset })
            }
            O::V128Load8Splat { memarg } => {
                self.load(v128, &memarg, |dst, addr, offset| Op::V128Load8Splat { dst, addr, offset })
            }
            O::V128Load16Splat { memarg } => {
                self.load(v128, &memarg, |dst, addr, offset| Op::V128Load16Splat { dst, addr, offset })
            }
            O::V128Load32Splat { memarg } => {
                self.load(v128, &memarg, |dst, addr, offset| Op::V128Load32Splat { dst, addr, offset })
            }
            O::V128Load64Splat { memarg } => {
                self.load(v128, &memarg, |dst, addr, offset| Op::V128Load64Splat { dst, addr, offset })
            }
            O::V128Load32Zero { memarg } => {
                self.load(v128, &memarg, |dst, addr, offset| Op::V128Load32Zero { dst, addr, offset })
            }
            O::V128Load64Zero { memarg } => {
                self.load(v128, &memarg, |dst, addr, offset| Op::V128Load64Zero { dst, addr, offset })
            }
            O::V128Store { memarg } => self.store(&memarg, |addr, value, offset| Op::V128Store { addr, value, offset }),
            O::V128Load8Lane { memarg, lane } => {
                self.load_lane(&memarg, |vec, addr, offset| Op::V128Load8Lane { vec, addr, offset, lane })
            }
            O::V128Load16Lane { memarg, lane } => {
                self.load_lane(&memarg, |vec, addr, offset| Op::V128Load16Lane { vec, addr, offset, lane })
            }
            O::V128Load32Lane { memarg, lane } => {
                self.load_lane(&memarg, |vec, addr, offset| Op::V128Load32Lane { vec, addr, offset, lane })
            }
            O::V128Load64Lane { memarg, lane } => {
                self.load_lane(&memarg, |vec, addr, offset| Op::V128Load64Lane { vec, addr, offset, lane })
            }
            O::V128Store8Lane { memarg, lane } => {
                self.store(&memarg, |addr, vec, offset| Op::V128Store8Lane { addr, vec, offset, lane })
            }
            O::V128Store16Lane { memarg, lane } => {
                self.store(&memarg, |addr, vec, offset| Op::V128Store16Lane { addr, vec, offset, lane })
            }
            O::V128Store32Lane { memarg, lane } => {
                self.store(&memarg, |addr, vec, offset| Op::V128Store32Lane { addr, vec, offset, lane })
            }
            O::V128Store64Lane { memarg, lane } => {
                self.store(&memarg, |addr, vec, offset| Op::V128Store64Lane { addr, vec, offset, lane })
            }
            O::V128Const { value } => self.v128_const(value.i128() as u128),
            O::I8x16Shuffle { lanes } => self.shuffle(u128::from_le_bytes(lanes)),
            O::I8x16ExtractLaneS { lane } => self.unop(i32_, |dst, src| Op::I8x16ExtractLaneS { dst, src, lane }),
            O::I8x16ExtractLaneU { lane } => self.unop(i32_, |dst, src| Op::I8x16ExtractLaneU { dst, src, lane }),
            O::I8x16ReplaceLane { lane } => self.binop(v128, |dst, a, b| Op::I8x16ReplaceLane { dst, a, b, lane }),
            O::I16x8ExtractLaneS { lane } => self.unop(i32_, |dst, src| Op::I16x8ExtractLaneS { dst, src, lane }),
            O::I16x8ExtractLaneU { lane } => self.unop(i32_, |dst, src| Op::I16x8ExtractLaneU { dst, src, lane }),
            O::I16x8ReplaceLane { lane } => self.binop(v128, |dst, a, b| Op::I16x8ReplaceLane { dst, a, b, lane }),
            O::I32x4ExtractLane { lane } => self.unop(i32_, |dst, src| Op::I32x4ExtractLane { dst, src, lane }),
            O::I32x4ReplaceLane { lane } => self.binop(v128, |dst, a, b| Op::I32x4ReplaceLane { dst, a, b, lane }),
            O::I64x2ExtractLane { lane } => self.unop(i64_, |dst, src| Op::I64x2ExtractLane { dst, src, lane }),
            O::I64x2ReplaceLane { lane } => self.binop(v128, |dst, a, b| Op::I64x2ReplaceLane { dst, a, b, lane }),
            O::F32x4ExtractLane { lane } => self.unop(f32_, |dst, src| Op::F32x4ExtractLane { dst, src, lane }),
            O::F32x4ReplaceLane { lane } => self.binop(v128, |dst, a, b| Op::F32x4ReplaceLane { dst, a, b, lane }),
            O::F64x2ExtractLane { lane } => self.unop(f64_, |dst, src| Op::F64x2ExtractLane { dst, src, lane }),
            O::F64x2ReplaceLane { lane } => self.binop(v128, |dst, a, b| Op::F64x2ReplaceLane { dst, a, b, lane }),
            O::I8x16Swizzle => self.binop(v128, |dst, a, b| Op::I8x16Swizzle { dst, a, b }),
            O::I8x16Splat => self.unop(v128, |dst, src| Op::I8x16Splat { dst, src }),
            O::I16x8Splat => self.unop(v128, |dst, src| Op::I16x8Splat { dst, src }),
            O::I32x4Splat => self.unop(v128, |dst, src| Op::I32x4Splat { dst, src }),
            O::I64x2Splat => self.unop(v128, |dst, src| Op::I64x2Splat { dst, src }),
            O::F32x4Splat => self.unop(v128, |dst, src| Op::F32x4Splat { dst, src }),
            O::F64x2Splat => self.unop(v128, |dst, src| Op::F64x2Splat { dst, src }),
            O::I8x16Eq => self.binop(v128, |dst, a, b| Op::I8x16Eq { dst, a, b }),
            O::I8x16Ne => self.binop(v128, |dst, a, b| Op::I8x16Ne { dst, a, b }),
            O::I8x16LtS => self.binop(v128, |dst, a, b| Op::I8x16LtS { dst, a, b }),
            O::I8x16LtU => self.binop(v128, |dst, a, b| Op::I8x16LtU { dst, a, b }),
            O::I8x16GtS => self.binop(v128, |dst, a, b| Op::I8x16GtS { dst, a, b }),
            O::I8x16GtU => self.binop(v128, |dst, a, b| Op::I8x16GtU { dst, a, b }),
            O::I8x16LeS => self.binop(v128, |dst, a, b| Op::I8x16LeS { dst, a, b }),
            O::I8x16LeU => self.binop(v128, |dst, a, b| Op::I8x16LeU { dst, a, b }),
            O::I8x16GeS => self.binop(v128, |dst, a, b| Op::I8x16GeS { dst, a, b }),
            O::I8x16GeU => self.binop(v128, |dst, a, b| Op::I8x16GeU { dst, a, b }),
            O::I16x8Eq => self.binop(v128, |dst, a, b| Op::I16x8Eq { dst, a, b }),
            O::I16x8Ne => self.binop(v128, |dst, a, b| Op::I16x8Ne { dst, a, b }),
            O::I16x8LtS => self.binop(v128, |dst, a, b| Op::I16x8LtS { dst, a, b }),
            O::I16x8LtU => self.binop(v128, |dst, a, b| Op::I16x8LtU { dst, a, b }),
            O::I16x8GtS => self.binop(v128, |dst, a, b| Op::I16x8GtS { dst, a, b }),
            O::I16x8GtU => self.binop(v128, |dst, a, b| Op::I16x8GtU { dst, a, b }),
            O::I16x8LeS => self.binop(v128, |dst, a, b| Op::I16x8LeS { dst, a, b }),
            O::I16x8LeU => self.binop(v128, |dst, a, b| Op::I16x8LeU { dst, a, b }),
            O::I16x8GeS => self.binop(v128, |dst, a, b| Op::I16x8GeS { dst, a, b }),
            O::I16x8GeU => self.binop(v128, |dst, a, b| Op::I16x8GeU { dst, a, b }),
            O::I32x4Eq => self.binop(v128, |dst, a, b| Op::I32x4Eq { dst, a, b }),
            O::I32x4Ne => self.binop(v128, |dst, a, b| Op::I32x4Ne { dst, a, b }),
            O::I32x4LtS => self.binop(v128, |dst, a, b| Op::I32x4LtS { dst, a, b }),
            O::I32x4LtU => self.binop(v128, |dst, a, b| Op::I32x4LtU { dst, a, b }),
            O::I32x4GtS => self.binop(v128, |dst, a, b| Op::I32x4GtS { dst, a, b }),
            O::I32x4GtU => self.binop(v128, |dst, a, b| Op::I32x4GtU { dst, a, b }),
            O::I32x4LeS => self.binop(v128, |dst, a, b| Op::I32x4LeS { dst, a, b }),
            O::I32x4LeU => self.binop(v128, |dst, a, b| Op::I32x4LeU { dst, a, b }),
            O::I32x4GeS => self.binop(v128, |dst, a, b| Op::I32x4GeS { dst, a, b }),
            O::I32x4GeU => self.binop(v128, |dst, a, b| Op::I32x4GeU { dst, a, b }),
            O::I64x2Eq => self.binop(v128, |dst, a, b| Op::I64x2Eq { dst, a, b }),
            O::I64x2Ne => self.binop(v128, |dst, a, b| Op::I64x2Ne { dst, a, b }),
            O::I64x2LtS => self.binop(v128, |dst, a, b| Op::I64x2LtS { dst, a, b }),
            O::I64x2GtS => self.binop(v128, |dst, a, b| Op::I64x2GtS { dst, a, b }),
            O::I64x2LeS => self.binop(v128, |dst, a, b| Op::I64x2LeS { dst, a, b }),
            O::I64x2GeS => self.binop(v128, |dst, a, b| Op::I64x2GeS { dst, a, b }),
            O::F32x4Eq => self.binop(v128, |dst, a, b| Op::F32x4Eq { dst, a, b }),
            O::F32x4Ne => self.binop(v128, |dst, a, b| Op::F32x4Ne { dst, a, b }),
            O::F32x4Lt => self.binop(v128, |dst, a, b| Op::F32x4Lt { dst, a, b }),
            O::F32x4Gt => self.binop(v128, |dst, a, b| Op::F32x4Gt { dst, a, b }),
            O::F32x4Le => self.binop(v128, |dst, a, b| Op::F32x4Le { dst, a, b }),
            O::F32x4Ge => self.binop(v128, |dst, a, b| Op::F32x4Ge { dst, a, b }),
            O::F64x2Eq => self.binop(v128, |dst, a, b| Op::F64x2Eq { dst, a, b }),
            O::F64x2Ne => self.binop(v128, |dst, a, b| Op::F64x2Ne { dst, a, b }),
            O::F64x2Lt => self.binop(v128, |dst, a, b| Op::F64x2Lt { dst, a, b }),
            O::F64x2Gt => self.binop(v128, |dst, a, b| Op::F64x2Gt { dst, a, b }),
            O::F64x2Le => self.binop(v128, |dst, a, b| Op::F64x2Le { dst, a, b }),
            O::F64x2Ge => self.binop(v128, |dst, a, b| Op::F64x2Ge { dst, a, b }),
            O::V128Not => self.unop(v128, |dst, src| Op::V128Not { dst, src }),
            O::V128And => self.binop(v128, |dst, a, b| Op::V128And { dst, a, b }),
            O::V128AndNot => self.binop(v128, |dst, a, b| Op::V128AndNot { dst, a, b }),
            O::V128Or => self.binop(v128, |dst, a, b| Op::V128Or { dst, a, b }),
            O::V128Xor => self.binop(v128, |dst, a, b| Op::V128Xor { dst, a, b }),
            O::V128Bitselect => {
                let args = self.take_args(3);
                self.emit_producer(Op::V128Bitselect { dst: args, args }, v128);
            }
            O::V128AnyTrue => self.unop(i32_, |dst, src| Op::V128AnyTrue { dst, src }),
            O::I8x16Abs => self.unop(v128, |dst, src| Op::I8x16Abs { dst, src }),
            O::I8x16Neg => self.unop(v128, |dst, src| Op::I8x16Neg { dst, src }),
            O::I8x16Popcnt => self.unop(v128, |dst, src| Op::I8x16Popcnt { dst, src }),
            O::I8x16AllTrue => self.unop(i32_, |dst, src| Op::I8x16AllTrue { dst, src }),
            O::I8x16Bitmask => self.unop(i32_, |dst, src| Op::I8x16Bitmask { dst, src }),
            O::I8x16NarrowI16x8S => self.binop(v128, |dst, a, b| Op::I8x16NarrowI16x8S { dst, a, b }),
            O::I8x16NarrowI16x8U => self.binop(v128, |dst, a, b| Op::I8x16NarrowI16x8U { dst, a, b }),
            O::I8x16Shl => self.binop(v128, |dst, a, b| Op::I8x16Shl { dst, a, b }),
            O::I8x16ShrS => self.binop(v128, |dst, a, b| Op::I8x16ShrS { dst, a, b }),
            O::I8x16ShrU => self.binop(v128, |dst, a, b| Op::I8x16ShrU { dst, a, b }),
            O::I8x16Add => self.binop(v128, |dst, a, b| Op::I8x16Add { dst, a, b }),
            O::I8x16AddSatS => self.binop(v128, |dst, a, b| Op::I8x16AddSatS { dst, a, b }),
            O::I8x16AddSatU => self.binop(v128, |dst, a, b| Op::I8x16AddSatU { dst, a, b }),
            O::I8x16Sub => self.binop(v128, |dst, a, b| Op::I8x16Sub { dst, a, b }),
            O::I8x16SubSatS => self.binop(v128, |dst, a, b| Op::I8x16SubSatS { dst, a, b }),
            O::I8x16SubSatU => self.binop(v128, |dst, a, b| Op::I8x16SubSatU { dst, a, b }),
            O::I8x16MinS => self.binop(v128, |dst, a, b| Op::I8x16MinS { dst, a, b }),
            O::I8x16MinU => self.binop(v128, |dst, a, b| Op::I8x16MinU { dst, a, b }),
            O::I8x16MaxS => self.binop(v128, |dst, a, b| Op::I8x16MaxS { dst, a, b }),
            O::I8x16MaxU => self.binop(v128, |dst, a, b| Op::I8x16MaxU { dst, a, b }),
            O::I8x16AvgrU => self.binop(v128, |dst, a, b| Op::I8x16AvgrU { dst, a, b }),
            O::I16x8ExtAddPairwiseI8x16S => self.unop(v128, |dst, src| Op::I16x8ExtAddPairwiseI8x16S { dst, src }),
            O::I16x8ExtAddPairwiseI8x16U => self.unop(v128, |dst, src| Op::I16x8ExtAddPairwiseI8x16U { dst, src }),
            O::I16x8Abs => self.unop(v128, |dst, src| Op::I16x8Abs { dst, src }),
            O::I16x8Neg => self.unop(v128, |dst, src| Op::I16x8Neg { dst, src }),
            O::I16x8Q15MulrSatS => self.binop(v128, |dst, a, b| Op::I16x8Q15MulrSatS { dst, a, b }),
            O::I16x8AllTrue => self.unop(i32_, |dst, src| Op::I16x8AllTrue { dst, src }),
            O::I16x8Bitmask => self.unop(i32_, |dst, src| Op::I16x8Bitmask { dst, src }),
            O::I16x8NarrowI32x4S => self.binop(v128, |dst, a, b| Op::I16x8NarrowI32x4S { dst, a, b }),
            O::I16x8NarrowI32x4U => self.binop(v128, |dst, a, b| Op::I16x8NarrowI32x4U { dst, a, b }),
            O::I16x8ExtendLowI8x16S => self.unop(v128, |dst, src| Op::I16x8ExtendLowI8x16S { dst, src }),
            O::I16x8ExtendHighI8x16S => self.unop(v128, |dst, src| Op::I16x8ExtendHighI8x16S { dst, src }),
            O::I16x8ExtendLowI8x16U => self.unop(v128, |dst, src| Op::I16x8ExtendLowI8x16U { dst, src }),
            O::I16x8ExtendHighI8x16U => self.unop(v128, |dst, src| Op::I16x8ExtendHighI8x16U { dst, src }),
            O::I16x8Shl => self.binop(v128, |dst, a, b| Op::I16x8Shl { dst, a, b }),
            O::I16x8ShrS => self.binop(v128, |dst, a, b| Op::I16x8ShrS { dst, a, b }),
            O::I16x8ShrU => self.binop(v128, |dst, a, b| Op::I16x8ShrU { dst, a, b }),
            O::I16x8Add => self.binop(v128, |dst, a, b| Op::I16x8Add { dst, a, b }),
            O::I16x8AddSatS => self.binop(v128, |dst, a, b| Op::I16x8AddSatS { dst, a, b }),
            O::I16x8AddSatU => self.binop(v128, |dst, a, b| Op::I16x8AddSatU { dst, a, b }),
            O::I16x8Sub => self.binop(v128, |dst, a, b| Op::I16x8Sub { dst, a, b }),
            O::I16x8SubSatS => self.binop(v128, |dst, a, b| Op::I16x8SubSatS { dst, a, b }),
            O::I16x8SubSatU => self.binop(v128, |dst, a, b| Op::I16x8SubSatU { dst, a, b }),
            O::I16x8Mul => self.binop(v128, |dst, a, b| Op::I16x8Mul { dst, a, b }),
            O::I16x8MinS => self.binop(v128, |dst, a, b| Op::I16x8MinS { dst, a, b }),
            O::I16x8MinU => self.binop(v128, |dst, a, b| Op::I16x8MinU { dst, a, b }),
            O::I16x8MaxS => self.binop(v128, |dst, a, b| Op::I16x8MaxS { dst, a, b }),
            O::I16x8MaxU => self.binop(v128, |dst, a, b| Op::I16x8MaxU { dst, a, b }),
            O::I16x8AvgrU => self.binop(v128, |dst, a, b| Op::I16x8AvgrU { dst, a, b }),
            O::I16x8ExtMulLowI8x16S => self.binop(v128, |dst, a, b| Op::I16x8ExtMulLowI8x16S { dst, a, b }),
            O::I16x8ExtMulHighI8x16S => self.binop(v128, |dst, a, b| Op::I16x8ExtMulHighI8x16S { dst, a, b }),
            O::I16x8ExtMulLowI8x16U => self.binop(v128, |dst, a, b| Op::I16x8ExtMulLowI8x16U { dst, a, b }),
            O::I16x8ExtMulHighI8x16U => self.binop(v128, |dst, a, b| Op::I16x8ExtMulHighI8x16U { dst, a, b }),
            O::I32x4ExtAddPairwiseI16x8S => self.unop(v128, |dst, src| Op::I32x4ExtAddPairwiseI16x8S { dst, src }),
            O::I32x4ExtAddPairwiseI16x8U => self.unop(v128, |dst, src| Op::I32x4ExtAddPairwiseI16x8U { dst, src }),
            O::I32x4Abs => self.unop(v128, |dst, src| Op::I32x4Abs { dst, src }),
            O::I32x4Neg => self.unop(v128, |dst, src| Op::I32x4Neg { dst, src }),
            O::I32x4AllTrue => self.unop(i32_, |dst, src| Op::I32x4AllTrue { dst, src }),
            O::I32x4Bitmask => self.unop(i32_, |dst, src| Op::I32x4Bitmask { dst, src }),
            O::I32x4ExtendLowI16x8S => self.unop(v128, |dst, src| Op::I32x4ExtendLowI16x8S { dst, src }),
            O::I32x4ExtendHighI16x8S => self.unop(v128, |dst, src| Op::I32x4ExtendHighI16x8S { dst, src }),
            O::I32x4ExtendLowI16x8U => self.unop(v128, |dst, src| Op::I32x4ExtendLowI16x8U { dst, src }),
            O::I32x4ExtendHighI16x8U => self.unop(v128, |dst, src| Op::I32x4ExtendHighI16x8U { dst, src }),
            O::I32x4Shl => self.binop(v128, |dst, a, b| Op::I32x4Shl { dst, a, b }),
            O::I32x4ShrS => self.binop(v128, |dst, a, b| Op::I32x4ShrS { dst, a, b }),
            O::I32x4ShrU => self.binop(v128, |dst, a, b| Op::I32x4ShrU { dst, a, b }),
            O::I32x4Add => self.binop(v128, |dst, a, b| Op::I32x4Add { dst, a, b }),
            O::I32x4Sub => self.binop(v128, |dst, a, b| Op::I32x4Sub { dst, a, b }),
            O::I32x4Mul => self.binop(v128, |dst, a, b| Op::I32x4Mul { dst, a, b }),
            O::I32x4MinS => self.binop(v128, |dst, a, b| Op::I32x4MinS { dst, a, b }),
            O::I32x4MinU => self.binop(v128, |dst, a, b| Op::I32x4MinU { dst, a, b }),
            O::I32x4MaxS => self.binop(v128, |dst, a, b| Op::I32x4MaxS { dst, a, b }),
            O::I32x4MaxU => self.binop(v128, |dst, a, b| Op::I32x4MaxU { dst, a, b }),
            O::I32x4DotI16x8S => self.binop(v128, |dst, a, b| Op::I32x4DotI16x8S { dst, a, b }),
            O::I32x4ExtMulLowI16x8S => self.binop(v128, |dst, a, b| Op::I32x4ExtMulLowI16x8S { dst, a, b }),
            O::I32x4ExtMulHighI16x8S => self.binop(v128, |dst, a, b| Op::I32x4ExtMulHighI16x8S { dst, a, b }),
            O::I32x4ExtMulLowI16x8U => self.binop(v128, |dst, a, b| Op::I32x4ExtMulLowI16x8U { dst, a, b }),
            O::I32x4ExtMulHighI16x8U => self.binop(v128, |dst, a, b| Op::I32x4ExtMulHighI16x8U { dst, a, b }),
            O::I64x2Abs => self.unop(v128, |dst, src| Op::I64x2Abs { dst, src }),
            O::I64x2Neg => self.unop(v128, |dst, src| Op::I64x2Neg { dst, src }),
            O::I64x2AllTrue => self.unop(i32_, |dst, src| Op::I64x2AllTrue { dst, src }),
            O::I64x2Bitmask => self.unop(i32_, |dst, src| Op::I64x2Bitmask { dst, src }),
            O::I64x2ExtendLowI32x4S => self.unop(v128, |dst, src| Op::I64x2ExtendLowI32x4S { dst, src }),
            O::I64x2ExtendHighI32x4S => self.unop(v128, |dst, src| Op::I64x2ExtendHighI32x4S { dst, src }),
            O::I64x2ExtendLowI32x4U => self.unop(v128, |dst, src| Op::I64x2ExtendLowI32x4U { dst, src }),
            O::I64x2ExtendHighI32x4U => self.unop(v128, |dst, src| Op::I64x2ExtendHighI32x4U { dst, src }),
            O::I64x2Shl => self.binop(v128, |dst, a, b| Op::I64x2Shl { dst, a, b }),
            O::I64x2ShrS => self.binop(v128, |dst, a, b| Op::I64x2ShrS { dst, a, b }),
            O::I64x2ShrU => self.binop(v128, |dst, a, b| Op::I64x2ShrU { dst, a, b }),
            O::I64x2Add => self.binop(v128, |dst, a, b| Op::I64x2Add { dst, a, b }),
            O::I64x2Sub => self.binop(v128, |dst, a, b| Op::I64x2Sub { dst, a, b }),
            O::I64x2Mul => self.binop(v128, |dst, a, b| Op::I64x2Mul { dst, a, b }),
            O::I64x2ExtMulLowI32x4S => self.binop(v128, |dst, a, b| Op::I64x2ExtMulLowI32x4S { dst, a, b }),
            O::I64x2ExtMulHighI32x4S => self.binop(v128, |dst, a, b| Op::I64x2ExtMulHighI32x4S { dst, a, b }),
            O::I64x2ExtMulLowI32x4U => self.binop(v128, |dst, a, b| Op::I64x2ExtMulLowI32x4U { dst, a, b }),
            O::I64x2ExtMulHighI32x4U => self.binop(v128, |dst, a, b| Op::I64x2ExtMulHighI32x4U { dst, a, b }),
            O::F32x4Ceil => self.unop(v128, |dst, src| Op::F32x4Ceil { dst, src }),
            O::F32x4Floor => self.unop(v128, |dst, src| Op::F32x4Floor { dst, src }),
            O::F32x4Trunc => self.unop(v128, |dst, src| Op::F32x4Trunc { dst, src }),
            O::F32x4Nearest => self.unop(v128, |dst, src| Op::F32x4Nearest { dst, src }),
            O::F32x4Abs => self.unop(v128, |dst, src| Op::F32x4Abs { dst, src }),
            O::F32x4Neg => self.unop(v128, |dst, src| Op::F32x4Neg { dst, src }),
            O::F32x4Sqrt => self.unop(v128, |dst, src| Op::F32x4Sqrt { dst, src }),
            O::F32x4Add => self.binop(v128, |dst, a, b| Op::F32x4Add { dst, a, b }),
            O::F32x4Sub => self.binop(v128, |dst, a, b| Op::F32x4Sub { dst, a, b }),
            O::F32x4Mul => self.binop(v128, |dst, a, b| Op::F32x4Mul { dst, a, b }),
            O::F32x4Div => self.binop(v128, |dst, a, b| Op::F32x4Div { dst, a, b }),
            O::F32x4Min => self.binop(v128, |dst, a, b| Op::F32x4Min { dst, a, b }),
            O::F32x4Max => self.binop(v128, |dst, a, b| Op::F32x4Max { dst, a, b }),
            O::F32x4PMin => self.binop(v128, |dst, a, b| Op::F32x4PMin { dst, a, b }),
            O::F32x4PMax => self.binop(v128, |dst, a, b| Op::F32x4PMax { dst, a, b }),
            O::F64x2Ceil => self.unop(v128, |dst, src| Op::F64x2Ceil { dst, src }),
            O::F64x2Floor => self.unop(v128, |dst, src| Op::F64x2Floor { dst, src }),
            O::F64x2Trunc => self.unop(v128, |dst, src| Op::F64x2Trunc { dst, src }),
            O::F64x2Nearest => self.unop(v128, |dst, src| Op::F64x2Nearest { dst, src }),
            O::F64x2Abs => self.unop(v128, |dst, src| Op::F64x2Abs { dst, src }),
            O::F64x2Neg => self.unop(v128, |dst, src| Op::F64x2Neg { dst, src }),
            O::F64x2Sqrt => self.unop(v128, |dst, src| Op::F64x2Sqrt { dst, src }),
            O::F64x2Add => self.binop(v128, |dst, a, b| Op::F64x2Add { dst, a, b }),
            O::F64x2Sub => self.binop(v128, |dst, a, b| Op::F64x2Sub { dst, a, b }),
            O::F64x2Mul => self.binop(v128, |dst, a, b| Op::F64x2Mul { dst, a, b }),
            O::F64x2Div => self.binop(v128, |dst, a, b| Op::F64x2Div { dst, a, b }),
            O::F64x2Min => self.binop(v128, |dst, a, b| Op::F64x2Min { dst, a, b }),
            O::F64x2Max => self.binop(v128, |dst, a, b| Op::F64x2Max { dst, a, b }),
            O::F64x2PMin => self.binop(v128, |dst, a, b| Op::F64x2PMin { dst, a, b }),
            O::F64x2PMax => self.binop(v128, |dst, a, b| Op::F64x2PMax { dst, a, b }),
            O::I32x4TruncSatF32x4S => self.unop(v128, |dst, src| Op::I32x4TruncSatF32x4S { dst, src }),
            O::I32x4TruncSatF32x4U => self.unop(v128, |dst, src| Op::I32x4TruncSatF32x4U { dst, src }),
            O::F32x4ConvertI32x4S => self.unop(v128, |dst, src| Op::F32x4ConvertI32x4S { dst, src }),
            O::F32x4ConvertI32x4U => self.unop(v128, |dst, src| Op::F32x4ConvertI32x4U { dst, src }),
            O::I32x4TruncSatF64x2SZero => self.unop(v128, |dst, src| Op::I32x4TruncSatF64x2SZero { dst, src }),
            O::I32x4TruncSatF64x2UZero => self.unop(v128, |dst, src| Op::I32x4TruncSatF64x2UZero { dst, src }),
            O::F64x2ConvertLowI32x4S => self.unop(v128, |dst, src| Op::F64x2ConvertLowI32x4S { dst, src }),
            O::F64x2ConvertLowI32x4U => self.unop(v128, |dst, src| Op::F64x2ConvertLowI32x4U { dst, src }),
            O::F32x4DemoteF64x2Zero => self.unop(v128, |dst, src| Op::F32x4DemoteF64x2Zero { dst, src }),
            O::F64x2PromoteLowF32x4 => self.unop(v128, |dst, src| Op::F64x2PromoteLowF32x4 { dst, src }),

            // ---- Relaxed SIMD (3.0): the deterministic profile's choice of each ----
            // Where that choice is a 2.0 instruction, the 2.0 op runs it (RATIONALE.md, "Why
            // relaxed SIMD takes the deterministic profile"); gas is priced on the Wasm operator
            // before this (`charge`), so a gas table still prices the relaxed one on its own.
            O::I8x16RelaxedSwizzle => self.binop(v128, |dst, a, b| Op::I8x16Swizzle { dst, a, b }),
            O::I32x4RelaxedTruncF32x4S => self.unop(v128, |dst, src| Op::I32x4TruncSatF32x4S { dst, src }),
            O::I32x4RelaxedTruncF32x4U => self.unop(v128, |dst, src| Op::I32x4TruncSatF32x4U { dst, src }),
            O::I32x4RelaxedTruncF64x2SZero => self.unop(v128, |dst, src| Op::I32x4TruncSatF64x2SZero { dst, src }),
            O::I32x4RelaxedTruncF64x2UZero => self.unop(v128, |dst, src| Op::I32x4TruncSatF64x2UZero { dst, src }),
            O::I8x16RelaxedLaneselect
            | O::I16x8RelaxedLaneselect
            | O::I32x4RelaxedLaneselect
            | O::I64x2RelaxedLaneselect => {
                let args = self.take_args(3);
                self.emit_producer(Op::V128Bitselect { dst: args, args }, v128);
            }
            O::F32x4RelaxedMin => self.binop(v128, |dst, a, b| Op::F32x4Min { dst, a, b }),
            O::F32x4RelaxedMax => self.binop(v128, |dst, a, b| Op::F32x4Max { dst, a, b }),
            O::F64x2RelaxedMin => self.binop(v128, |dst, a, b| Op::F64x2Min { dst, a, b }),
            O::F64x2RelaxedMax => self.binop(v128, |dst, a, b| Op::F64x2Max { dst, a, b }),
            O::I16x8RelaxedQ15mulrS => self.binop(v128, |dst, a, b| Op::I16x8Q15MulrSatS { dst, a, b }),
            O::F32x4RelaxedMadd => {
                let args = self.take_args(3);
                self.emit_producer(Op::F32x4RelaxedMadd { dst: args, args }, v128);
            }
            O::F32x4RelaxedNmadd => {
                let args = self.take_args(3);
                self.emit_producer(Op::F32x4RelaxedNmadd { dst: args, args }, v128);
            }
            O::F64x2RelaxedMadd => {
                let args = self.take_args(3);
                self.emit_producer(Op::F64x2RelaxedMadd { dst: args, args }, v128);
            }
            O::F64x2RelaxedNmadd => {
                let args = self.take_args(3);
                self.emit_producer(Op::F64x2RelaxedNmadd { dst: args, args }, v128);
            }
            O::I16x8RelaxedDotI8x16I7x16S => self.binop(v128, |dst, a, b| Op::I16x8RelaxedDotI8x16I7x16S { dst, a, b }),
            O::I32x4RelaxedDotI8x16I7x16AddS => {
                let args = self.take_args(3);
                self.emit_producer(Op::I32x4RelaxedDotI8x16I7x16AddS { dst: args, args }, v128);
            }

            other => {
                return Err(unsupported(offset, &format!("the `{}` instruction", op_name(&other))));
            }
        }
        Ok(())
    }
}

/// The memory a load or store accesses (validated: a linear memory, not a GC array).
fn memory_of(memarg: &wasmparser::MemArg) -> u32 {
    match memarg.target {
        wasmparser::MemArgTarget::Memory(m) => m,
        wasmparser::MemArgTarget::Array(_) => unreachable!("validated: GC is off, so no access targets an array"),
    }
}

/// A memory index as the `u8` of an op that has no room for more (validated: wasmparser allows
/// at most 100 memories).
fn small_index(mem: u32) -> u8 {
    u8::try_from(mem).expect("validated: wasmparser allows at most 100 memories")
}
