//! Op lowering: `lower_op`, one arm per op of the list (every group named, so a new op
//! without a lowering is a compile error), and the arithmetic helpers the arms share.

use super::*;

const I32_: Type = I32;
const I64_: Type = I64;
const F32_: Type = F32;
const F64_: Type = F64;

impl<'a, 'b, C: Callees> Lower<'a, 'b, C> {
    pub(super) fn int_cmp(&mut self, w: Width, c: Cmp, a: u32, rhs: Rhs) -> Value {
        let cc = match c {
            Cmp::Eq => IntCC::Equal,
            Cmp::Ne => IntCC::NotEqual,
            Cmp::LtS => IntCC::SignedLessThan,
            Cmp::LtU => IntCC::UnsignedLessThan,
            Cmp::GtS => IntCC::SignedGreaterThan,
            Cmp::GtU => IntCC::UnsignedGreaterThan,
            Cmp::LeS => IntCC::SignedLessThanOrEqual,
            Cmp::LeU => IntCC::UnsignedLessThanOrEqual,
            Cmp::GeS => IntCC::SignedGreaterThanOrEqual,
            Cmp::GeU => IntCC::UnsignedGreaterThanOrEqual,
        };
        let ty = match w {
            Width::W32 => Ty::I32,
            Width::W64 => Ty::I64,
        };
        let x = self.get_ty(ty, a);
        match rhs {
            Rhs::Slot(b) => {
                let y = self.get_ty(ty, b);
                self.b.ins().icmp(cc, x, y)
            }
            Rhs::Imm(imm) => self.b.ins().icmp_imm_s(cc, x, imm as i64),
        }
    }

    pub(super) fn unary(
        &mut self,
        ty: Ty,
        dst: u32,
        src: u32,
        out: Ty,
        f: impl FnOnce(&mut FunctionBuilder<'b>, Value) -> Value,
    ) {
        let x = self.get_ty(ty, src);
        let r = f(&mut self.b, x);
        self.set_ty(out, dst, r);
    }

    pub(super) fn binary(
        &mut self,
        ty: Ty,
        dst: u32,
        a: u32,
        b: u32,
        f: impl FnOnce(&mut FunctionBuilder<'b>, Value, Value) -> Value,
    ) {
        let x = self.get_ty(ty, a);
        let y = self.get_ty(ty, b);
        let r = f(&mut self.b, x, y);
        self.set_ty(ty, dst, r);
    }

    pub(super) fn binary_imm(
        &mut self,
        ty: Ty,
        dst: u32,
        a: u32,
        imm: i32,
        f: impl FnOnce(&mut FunctionBuilder<'b>, Value, Value) -> Value,
    ) {
        let x = self.get_ty(ty, a);
        let t = match ty {
            Ty::I32 => I32,
            _ => I64,
        };
        let y = self.b.ins().iconst(t, if t == I32 { imm as u32 as i64 } else { imm as i64 });
        let r = f(&mut self.b, x, y);
        self.set_ty(ty, dst, r);
    }

    pub(super) fn fcmp(&mut self, ty: Ty, dst: u32, a: u32, b: u32, cc: FloatCC) {
        let x = self.get_ty(ty, a);
        let y = self.get_ty(ty, b);
        let c = self.b.ins().fcmp(cc, x, y);
        self.bool_to_slot(dst, c);
    }

    /// Integer division and remainder with the spec's traps.
    pub(super) fn divide(&mut self, ty: Ty, dst: u32, a: u32, b: u32, signed: bool, rem: bool) {
        let t = match ty {
            Ty::I32 => I32,
            _ => I64,
        };
        let x = self.get_ty(ty, a);
        let y = self.get_ty(ty, b);
        let zero = self.b.ins().icmp_imm_s(IntCC::Equal, y, 0);
        self.trap_if(zero, TrapCode::IntegerDivideByZero);
        let r = match (signed, rem) {
            (false, false) => self.b.ins().udiv(x, y),
            (false, true) => self.b.ins().urem(x, y),
            (true, false) => {
                let min = if t == I32 { i32::MIN as i64 } else { i64::MIN };
                let is_min = self.b.ins().icmp_imm_s(IntCC::Equal, x, min);
                let is_m1 = self.b.ins().icmp_imm_s(IntCC::Equal, y, -1);
                let overflow = self.b.ins().band(is_min, is_m1);
                self.trap_if(overflow, TrapCode::IntegerOverflow);
                self.b.ins().sdiv(x, y)
            }
            (true, true) => {
                // `x rem -1` is 0; dividing by 1 instead avoids the hardware's overflow fault.
                let is_m1 = self.b.ins().icmp_imm_s(IntCC::Equal, y, -1);
                let one = self.b.ins().iconst(t, 1);
                let y = self.b.ins().select(is_m1, one, y);
                self.b.ins().srem(x, y)
            }
        };
        self.set_ty(ty, dst, r);
    }

    /// Float-to-integer truncation with the spec's traps.
    pub(super) fn truncate(&mut self, from: Ty, dst: u32, src: u32, to: Ty, signed: bool) {
        let x = self.get_ty(from, src);
        let nan = self.b.ins().fcmp(FloatCC::Unordered, x, x);
        self.trap_if(nan, TrapCode::InvalidConversionToInteger);
        let bits = match to {
            Ty::I32 => 32,
            _ => 64,
        };
        // In range when `lo < x < hi` (`lo <= x` where `lo` itself truncates exactly).
        let (lo, lo_inclusive, hi): (f64, bool, f64) = match (signed, bits, from) {
            (true, 32, Ty::F64) => (-2147483649.0, false, 2147483648.0),
            (true, 32, _) => (-2147483648.0, true, 2147483648.0),
            (true, _, _) => (-9223372036854775808.0, true, 9223372036854775808.0),
            (false, 32, _) => (-1.0, false, 4294967296.0),
            (false, _, _) => (-1.0, false, 18446744073709551616.0),
        };
        let (lo, hi) = match from {
            Ty::F32 => (self.b.ins().f32const(lo as f32), self.b.ins().f32const(hi as f32)),
            _ => (self.b.ins().f64const(lo), self.b.ins().f64const(hi)),
        };
        let below = self.b.ins().fcmp(if lo_inclusive { FloatCC::LessThan } else { FloatCC::LessThanOrEqual }, x, lo);
        let above = self.b.ins().fcmp(FloatCC::GreaterThanOrEqual, x, hi);
        let out = self.b.ins().bor(below, above);
        self.trap_if(out, TrapCode::IntegerOverflow);
        let t = if bits == 32 { I32 } else { I64 };
        let r = if signed { self.b.ins().fcvt_to_sint_sat(t, x) } else { self.b.ins().fcvt_to_uint_sat(t, x) };
        self.set_ty(to, dst, r);
    }

    pub(super) fn sat(&mut self, from: Ty, dst: u32, src: u32, to: Ty, signed: bool) {
        let x = self.get_ty(from, src);
        let t = match to {
            Ty::I32 => I32,
            _ => I64,
        };
        let r = if signed { self.b.ins().fcvt_to_sint_sat(t, x) } else { self.b.ins().fcvt_to_uint_sat(t, x) };
        self.set_ty(to, dst, r);
    }

    pub(super) fn convert(&mut self, from: Ty, dst: u32, src: u32, to: Ty, signed: bool) {
        let x = self.get_ty(from, src);
        let t = match to {
            Ty::F32 => F32,
            _ => F64,
        };
        let r = if signed { self.b.ins().fcvt_from_sint(t, x) } else { self.b.ins().fcvt_from_uint(t, x) };
        self.set_ty(to, dst, r);
    }

    pub(super) fn extend(&mut self, ty: Ty, dst: u32, src: u32, narrow: Type) {
        let x = self.get_ty(ty, src);
        let n = self.b.ins().ireduce(narrow, x);
        let t = match ty {
            Ty::I32 => I32,
            _ => I64,
        };
        let r = self.b.ins().sextend(t, n);
        self.set_ty(ty, dst, r);
    }

    /// Runs a pure SIMD op through the interpreter's implementation, on a spilled copy of the
    /// slots it names.
    pub(super) fn simd_fallback(&mut self, pc: u32, op: Op) {
        let frame = self.body.frame_slots;
        let buf = self.scratch(frame + 8);
        let mut touched = Vec::new();
        let mut copy = op;
        copy.for_each_slot_mut(|s| touched.push(*s));
        // A v128 operand takes two slots; shuffle-like ops read two v128s from one field.
        let mut spilled = std::collections::BTreeSet::new();
        for &s in &touched {
            for k in s..(s + 6).min(frame) {
                spilled.insert(k);
            }
        }
        for &k in &spilled {
            let v = self.get(k);
            self.b.ins().store(flags(), v, buf, (k * 8) as i32);
        }
        let op_ptr = &self.body.ops[pc as usize] as *const Op as i64;
        let op_ptr = self.b.ins().iconst(I64, op_ptr);
        self.libcall(self.env.libcalls.simd, &[op_ptr, buf]);
        if let Some(&mut dst) = copy.dst_mut() {
            for k in dst..(dst + 2).min(frame) {
                let v = self.b.ins().load(I64, flags(), buf, (k * 8) as i32);
                self.set(k, v);
            }
        }
    }

    pub(super) fn lower_op(&mut self, pc: u32, op: Op) {
        use Ty::*;
        let l = self.env.libcalls;
        match op {
            // ---- Integer comparisons, described by `ir/compare.rs` ----
            for_each_inc_branch_op!(ops_pattern) => {
                let (w, a, step, c, rhs, target) = compare::as_inc_branch(op).expect("an inc-branch op");
                // The counter update, then the compare-and-branch it was fused with.
                let imm = step as i32;
                self.lower_op(
                    pc,
                    if w == Width::W32 { Op::I32AddImm { dst: a, a, imm } } else { Op::I64AddImm { dst: a, a, imm } },
                );
                let mut branch = compare::branch_op(w, c, a, rhs);
                *branch.target_mut().expect("a branch has a target") = target;
                self.lower_op(pc, branch);
            }
            for_each_branch_op!(ops_pattern) => {
                let (w, c, a, rhs, target) = as_branch(op).expect("a conditional branch");
                let cond = self.int_cmp(w, c, a, rhs);
                let (t, f) = (self.block_at(target), self.block_at(pc + 1));
                self.b.ins().brif(cond, t, &[], f, &[]);
            }
            for_each_compare_op!(ops_pattern) => {
                let (w, c, a, rhs) = as_compare(op).expect("a comparison");
                let dst = op.clone().dst_mut().copied().expect("compares write dst");
                let cond = self.int_cmp(w, c, a, rhs);
                self.bool_to_slot(dst, cond);
            }
            // `compile` hands over bodies without them (`FuncBody::without_accumulator`).
            for_each_acc_op!(acc_ops_pattern) => unreachable!("accumulator form `{op}` reached Polymerase"),
            // ---- Control ----
            Op::Unreachable {} => self.trap_now(TrapCode::Unreachable),
            Op::Br { target } => {
                let t = self.block_at(target);
                self.b.ins().jump(t, &[]);
            }
            Op::BrTable { index, table, len } => {
                let i = self.get32(index);
                let targets: Vec<u32> = self.body.br_tables[table as usize..=(table + len) as usize].to_vec();
                let mut calls = Vec::with_capacity(targets.len());
                for &t in &targets[..len as usize] {
                    let block = self.block_at(t);
                    calls.push(self.b.func.dfg.block_call(block, &[] as &[BlockArg]));
                }
                let default = self.block_at(targets[len as usize]);
                let default = self.b.func.dfg.block_call(default, &[] as &[BlockArg]);
                let jt = self.b.create_jump_table(JumpTableData::new(default, &calls));
                self.b.ins().br_table(i, jt);
            }
            Op::Return {} => self.ret(0, self.result_slots),
            Op::ReturnSlot { src } => self.ret(src, 1),
            Op::ReturnMany { src, len } => self.ret(src, len),
            Op::Call { func, base } => self.call(func, base),
            Op::CallIndirect { index, base, ty, table } => self.call_indirect(index, base, ty, table as u32),
            Op::ReturnCall { func, base } => self.return_call(func, base),
            Op::ReturnCallIndirect { index, base, ty, table } => {
                self.return_call_indirect(index, base, ty, table as u32)
            }
            Op::ConsumeGas { amount } => self.consume_gas(amount),
            Op::CanonNanF32 { slot } => self.canon_nan(slot, F32),
            Op::CanonNanF64 { slot } => self.canon_nan(slot, F64),
            Op::CanonNanF32x4 { slot } => {
                let v = self.get_v128(F32X4, slot);
                let nan = self.b.ins().fcmp(FloatCC::Unordered, v, v);
                let c = self.b.ins().iconst(I32_, 0x7fc0_0000);
                let c = self.b.ins().splat(I32X4, c);
                let v = self.b.ins().bitcast(I32X4, vec_flags(), v);
                let r = self.b.ins().bitselect(nan, c, v);
                self.set_v128(slot, r);
            }
            Op::CanonNanF64x2 { slot } => {
                let v = self.get_v128(F64X2, slot);
                let nan = self.b.ins().fcmp(FloatCC::Unordered, v, v);
                let c = self.b.ins().iconst(I64_, 0x7ff8_0000_0000_0000);
                let c = self.b.ins().splat(I64X2, c);
                let v = self.b.ins().bitcast(I64X2, vec_flags(), v);
                let r = self.b.ins().bitselect(nan, c, v);
                self.set_v128(slot, r);
            }

            // ---- Data movement ----
            Op::Copy { dst, src } => {
                let v = self.get(src);
                self.set(dst, v);
            }
            Op::CopyWide { dst, src } => {
                if self.halves[src as usize] == Some(0) || self.halves[dst as usize] == Some(0) {
                    let v = self.get_v128(I64X2, src);
                    self.set_v128(dst, v);
                } else {
                    let (lo, hi) = (self.get(src), self.get(src + 1));
                    self.set(dst, lo);
                    self.set(dst + 1, hi);
                }
            }
            Op::Move { dst, src, len } => {
                let vals: Vec<Value> = (0..len).map(|i| self.get(src + i)).collect();
                for (i, v) in vals.into_iter().enumerate() {
                    self.set(dst + i as u32, v);
                }
            }
            Op::Const32 { dst, bits } => {
                let v = self.b.ins().iconst(I64_, bits as i64);
                self.set(dst, v);
            }
            Op::Const64 { dst, bits } => {
                let v = self.b.ins().iconst(I64_, bits as i64);
                self.set(dst, v);
            }
            Op::Select { dst, other, cond } => {
                let c = self.get32(cond);
                let (x, y) = (self.get(dst), self.get(other));
                let r = self.b.ins().select(c, x, y);
                self.set(dst, r);
            }
            Op::SelectWide { dst, other, cond } => {
                let c = self.get32(cond);
                for k in 0..2 {
                    let (x, y) = (self.get(dst + k), self.get(other + k));
                    let r = self.b.ins().select(c, x, y);
                    self.set(dst + k, r);
                }
            }
            Op::GlobalGet { dst, global } => {
                let p = self.global_ptr(global);
                let v = self.b.ins().load(I64_, flags(), p, 0);
                self.set(dst, v);
            }
            Op::GlobalSet { src, global } => {
                let p = self.global_ptr(global);
                let v = self.get(src);
                self.b.ins().store(flags(), v, p, 0);
                // The high half of a global's 128 bits stays zero for scalars.
            }
            Op::GlobalGetWide { dst, global } => {
                let p = self.global_ptr(global);
                let lo = self.b.ins().load(I64_, flags(), p, 0);
                let hi = self.b.ins().load(I64_, flags(), p, 8);
                self.set(dst, lo);
                self.set(dst + 1, hi);
            }
            Op::GlobalSetWide { src, global } => {
                let p = self.global_ptr(global);
                let (lo, hi) = (self.get(src), self.get(src + 1));
                self.b.ins().store(flags(), lo, p, 0);
                self.b.ins().store(flags(), hi, p, 8);
            }

            // ---- Reference types and tables ----
            Op::RefIsNull { dst, src } => {
                let x = self.get(src);
                let c = self.b.ins().icmp_imm_s(IntCC::Equal, x, 0);
                self.bool_to_slot(dst, c);
            }
            Op::RefFunc { dst, func } => {
                let f = self.b.ins().iconst(I32_, func as i64);
                let r = self.runtime(l.ref_func, &[f]).expect("result");
                self.set(dst, r);
            }
            Op::TableGet { dst, index, table } => {
                let t = self.b.ins().iconst(I32_, table as i64);
                let i = self.get32(index);
                let r = self.runtime(l.table_get, &[t, i]).expect("result");
                self.set(dst, r);
            }
            Op::TableSet { index, value, table } => {
                let t = self.b.ins().iconst(I32_, table as i64);
                let (i, v) = (self.get32(index), self.get(value));
                self.runtime(l.table_set, &[t, i, v]);
            }
            Op::TableSize { dst, table } => {
                let t = self.b.ins().iconst(I32_, table as i64);
                let r = self.runtime(l.table_size, &[t]).expect("result");
                self.set_ty(I32, dst, r);
            }
            Op::TableGrow { dst, init, n, table } => {
                let t = self.b.ins().iconst(I32_, table as i64);
                let (init, n) = (self.get(init), self.get32(n));
                let r = self.runtime(l.table_grow, &[t, init, n]).expect("result");
                self.set_ty(I32, dst, r);
            }
            Op::TableFill { args, table } => {
                let t = self.b.ins().iconst(I32_, table as i64);
                let (i, v, n) = (self.get32(args), self.get(args + 1), self.get32(args + 2));
                self.runtime(l.table_fill, &[t, i, v, n]);
            }
            Op::TableCopy { args, dst_table, src_table } => {
                let dt = self.b.ins().iconst(I32_, dst_table as i64);
                let st = self.b.ins().iconst(I32_, src_table as i64);
                let (d, s, n) = (self.get32(args), self.get32(args + 1), self.get32(args + 2));
                self.runtime(l.table_copy, &[dt, st, d, s, n]);
            }
            Op::TableInit { args, table, elem } => {
                let t = self.b.ins().iconst(I32_, table as i64);
                let e = self.b.ins().iconst(I32_, elem as i64);
                let (d, s, n) = (self.get32(args), self.get32(args + 1), self.get32(args + 2));
                self.runtime(l.table_init, &[t, e, d, s, n]);
            }
            Op::ElemDrop { elem } => {
                let e = self.b.ins().iconst(I32_, elem as i64);
                self.runtime(l.elem_drop, &[e]);
            }

            // ---- Bulk memory ----
            Op::MemoryCopy { d, s, n } => {
                let (d, s, n) = (self.get32(d), self.get32(s), self.get32(n));
                self.runtime(l.memory_copy, &[d, s, n]);
            }
            Op::MemoryFill { d, val, n } => {
                let (d, v, n) = (self.get32(d), self.get32(val), self.get32(n));
                self.runtime(l.memory_fill, &[d, v, n]);
            }
            Op::MemoryInit { args, data } => {
                let data = self.b.ins().iconst(I32_, data as i64);
                let (d, s, n) = (self.get32(args), self.get32(args + 1), self.get32(args + 2));
                self.runtime(l.memory_init, &[data, d, s, n]);
            }
            Op::DataDrop { data } => {
                let data = self.b.ins().iconst(I32_, data as i64);
                self.runtime(l.data_drop, &[data]);
            }
            Op::MemorySize { dst } => {
                let len = self.memory_len();
                let pages = self.b.ins().ushr_imm_u(len, 16);
                self.set(dst, pages);
            }
            Op::MemoryGrow { dst, delta } => {
                let delta = self.get32(delta);
                let r = self.runtime(l.memory_grow, &[delta]).expect("result");
                self.set_ty(I32, dst, r);
            }

            // ---- Memory ----
            Op::I32Load { dst, addr, offset } => self.load(dst, addr, offset, I32_, false, I32),
            Op::I64Load { dst, addr, offset } => self.load(dst, addr, offset, I64_, false, I64),
            Op::F32Load { dst, addr, offset } => self.load(dst, addr, offset, I32_, false, F32),
            Op::F64Load { dst, addr, offset } => self.load(dst, addr, offset, I64_, false, F64),
            Op::I32Load8S { dst, addr, offset } => self.load(dst, addr, offset, I8, true, I32),
            Op::I32Load8U { dst, addr, offset } => self.load(dst, addr, offset, I8, false, I32),
            Op::I32Load16S { dst, addr, offset } => self.load(dst, addr, offset, I16, true, I32),
            Op::I32Load16U { dst, addr, offset } => self.load(dst, addr, offset, I16, false, I32),
            Op::I64Load8S { dst, addr, offset } => self.load(dst, addr, offset, I8, true, I64),
            Op::I64Load8U { dst, addr, offset } => self.load(dst, addr, offset, I8, false, I64),
            Op::I64Load16S { dst, addr, offset } => self.load(dst, addr, offset, I16, true, I64),
            Op::I64Load16U { dst, addr, offset } => self.load(dst, addr, offset, I16, false, I64),
            Op::I64Load32S { dst, addr, offset } => self.load(dst, addr, offset, I32_, true, I64),
            Op::I64Load32U { dst, addr, offset } => self.load(dst, addr, offset, I32_, false, I64),
            Op::I32Store { addr, value, offset } | Op::F32Store { addr, value, offset } => {
                self.store(addr, value, offset, 4)
            }
            Op::I64Store { addr, value, offset } | Op::F64Store { addr, value, offset } => {
                self.store(addr, value, offset, 8)
            }
            Op::I32Store8 { addr, value, offset } | Op::I64Store8 { addr, value, offset } => {
                self.store(addr, value, offset, 1)
            }
            Op::I32Store16 { addr, value, offset } | Op::I64Store16 { addr, value, offset } => {
                self.store(addr, value, offset, 2)
            }
            Op::I64Store32 { addr, value, offset } => self.store(addr, value, offset, 4),

            // ---- Integer arithmetic ----
            Op::I32Clz { dst, src } => self.unary(I32, dst, src, I32, |b, x| b.ins().clz(x)),
            Op::I32Ctz { dst, src } => self.unary(I32, dst, src, I32, |b, x| b.ins().ctz(x)),
            Op::I32Popcnt { dst, src } => self.unary(I32, dst, src, I32, |b, x| b.ins().popcnt(x)),
            Op::I64Clz { dst, src } => self.unary(I64, dst, src, I64, |b, x| b.ins().clz(x)),
            Op::I64Ctz { dst, src } => self.unary(I64, dst, src, I64, |b, x| b.ins().ctz(x)),
            Op::I64Popcnt { dst, src } => self.unary(I64, dst, src, I64, |b, x| b.ins().popcnt(x)),
            Op::I32Add { dst, a, b } => self.binary(I32, dst, a, b, |b, x, y| b.ins().iadd(x, y)),
            Op::I32Sub { dst, a, b } => self.binary(I32, dst, a, b, |b, x, y| b.ins().isub(x, y)),
            Op::I32Mul { dst, a, b } => self.binary(I32, dst, a, b, |b, x, y| b.ins().imul(x, y)),
            Op::I32And { dst, a, b } => self.binary(I32, dst, a, b, |b, x, y| b.ins().band(x, y)),
            Op::I32Or { dst, a, b } => self.binary(I32, dst, a, b, |b, x, y| b.ins().bor(x, y)),
            Op::I32Xor { dst, a, b } => self.binary(I32, dst, a, b, |b, x, y| b.ins().bxor(x, y)),
            Op::I32Shl { dst, a, b } => self.binary(I32, dst, a, b, |b, x, y| b.ins().ishl(x, y)),
            Op::I32ShrS { dst, a, b } => self.binary(I32, dst, a, b, |b, x, y| b.ins().sshr(x, y)),
            Op::I32ShrU { dst, a, b } => self.binary(I32, dst, a, b, |b, x, y| b.ins().ushr(x, y)),
            Op::I32Rotl { dst, a, b } => self.binary(I32, dst, a, b, |b, x, y| b.ins().rotl(x, y)),
            Op::I32Rotr { dst, a, b } => self.binary(I32, dst, a, b, |b, x, y| b.ins().rotr(x, y)),
            Op::I32DivS { dst, a, b } => self.divide(I32, dst, a, b, true, false),
            Op::I32DivU { dst, a, b } => self.divide(I32, dst, a, b, false, false),
            Op::I32RemS { dst, a, b } => self.divide(I32, dst, a, b, true, true),
            Op::I32RemU { dst, a, b } => self.divide(I32, dst, a, b, false, true),
            Op::I64Add { dst, a, b } => self.binary(I64, dst, a, b, |b, x, y| b.ins().iadd(x, y)),
            Op::I64Sub { dst, a, b } => self.binary(I64, dst, a, b, |b, x, y| b.ins().isub(x, y)),
            Op::I64Mul { dst, a, b } => self.binary(I64, dst, a, b, |b, x, y| b.ins().imul(x, y)),
            Op::I64And { dst, a, b } => self.binary(I64, dst, a, b, |b, x, y| b.ins().band(x, y)),
            Op::I64Or { dst, a, b } => self.binary(I64, dst, a, b, |b, x, y| b.ins().bor(x, y)),
            Op::I64Xor { dst, a, b } => self.binary(I64, dst, a, b, |b, x, y| b.ins().bxor(x, y)),
            Op::I64Shl { dst, a, b } => self.binary(I64, dst, a, b, |b, x, y| b.ins().ishl(x, y)),
            Op::I64ShrS { dst, a, b } => self.binary(I64, dst, a, b, |b, x, y| b.ins().sshr(x, y)),
            Op::I64ShrU { dst, a, b } => self.binary(I64, dst, a, b, |b, x, y| b.ins().ushr(x, y)),
            Op::I64Rotl { dst, a, b } => self.binary(I64, dst, a, b, |b, x, y| b.ins().rotl(x, y)),
            Op::I64Rotr { dst, a, b } => self.binary(I64, dst, a, b, |b, x, y| b.ins().rotr(x, y)),
            Op::I64DivS { dst, a, b } => self.divide(I64, dst, a, b, true, false),
            Op::I64DivU { dst, a, b } => self.divide(I64, dst, a, b, false, false),
            Op::I64RemS { dst, a, b } => self.divide(I64, dst, a, b, true, true),
            Op::I64RemU { dst, a, b } => self.divide(I64, dst, a, b, false, true),
            Op::I32AddImm { dst, a, imm } => self.binary_imm(I32, dst, a, imm, |b, x, y| b.ins().iadd(x, y)),
            Op::I32MulImm { dst, a, imm } => self.binary_imm(I32, dst, a, imm, |b, x, y| b.ins().imul(x, y)),
            Op::I32AndImm { dst, a, imm } => self.binary_imm(I32, dst, a, imm, |b, x, y| b.ins().band(x, y)),
            Op::I32OrImm { dst, a, imm } => self.binary_imm(I32, dst, a, imm, |b, x, y| b.ins().bor(x, y)),
            Op::I32XorImm { dst, a, imm } => self.binary_imm(I32, dst, a, imm, |b, x, y| b.ins().bxor(x, y)),
            Op::I32ShlImm { dst, a, imm } => self.binary_imm(I32, dst, a, imm, |b, x, y| b.ins().ishl(x, y)),
            Op::I32ShrSImm { dst, a, imm } => self.binary_imm(I32, dst, a, imm, |b, x, y| b.ins().sshr(x, y)),
            Op::I32ShrUImm { dst, a, imm } => self.binary_imm(I32, dst, a, imm, |b, x, y| b.ins().ushr(x, y)),
            Op::I64AddImm { dst, a, imm } => self.binary_imm(I64, dst, a, imm, |b, x, y| b.ins().iadd(x, y)),
            Op::I64MulImm { dst, a, imm } => self.binary_imm(I64, dst, a, imm, |b, x, y| b.ins().imul(x, y)),
            Op::I64AndImm { dst, a, imm } => self.binary_imm(I64, dst, a, imm, |b, x, y| b.ins().band(x, y)),
            Op::I64OrImm { dst, a, imm } => self.binary_imm(I64, dst, a, imm, |b, x, y| b.ins().bor(x, y)),
            Op::I64XorImm { dst, a, imm } => self.binary_imm(I64, dst, a, imm, |b, x, y| b.ins().bxor(x, y)),
            Op::I64ShlImm { dst, a, imm } => self.binary_imm(I64, dst, a, imm, |b, x, y| b.ins().ishl(x, y)),
            Op::I64ShrSImm { dst, a, imm } => self.binary_imm(I64, dst, a, imm, |b, x, y| b.ins().sshr(x, y)),
            Op::I64ShrUImm { dst, a, imm } => self.binary_imm(I64, dst, a, imm, |b, x, y| b.ins().ushr(x, y)),

            // ---- Floats ----
            Op::F32Eq { dst, a, b } => self.fcmp(F32, dst, a, b, FloatCC::Equal),
            Op::F32Ne { dst, a, b } => self.fcmp(F32, dst, a, b, FloatCC::NotEqual),
            Op::F32Lt { dst, a, b } => self.fcmp(F32, dst, a, b, FloatCC::LessThan),
            Op::F32Gt { dst, a, b } => self.fcmp(F32, dst, a, b, FloatCC::GreaterThan),
            Op::F32Le { dst, a, b } => self.fcmp(F32, dst, a, b, FloatCC::LessThanOrEqual),
            Op::F32Ge { dst, a, b } => self.fcmp(F32, dst, a, b, FloatCC::GreaterThanOrEqual),
            Op::F64Eq { dst, a, b } => self.fcmp(F64, dst, a, b, FloatCC::Equal),
            Op::F64Ne { dst, a, b } => self.fcmp(F64, dst, a, b, FloatCC::NotEqual),
            Op::F64Lt { dst, a, b } => self.fcmp(F64, dst, a, b, FloatCC::LessThan),
            Op::F64Gt { dst, a, b } => self.fcmp(F64, dst, a, b, FloatCC::GreaterThan),
            Op::F64Le { dst, a, b } => self.fcmp(F64, dst, a, b, FloatCC::LessThanOrEqual),
            Op::F64Ge { dst, a, b } => self.fcmp(F64, dst, a, b, FloatCC::GreaterThanOrEqual),
            Op::F32Abs { dst, src } => self.unary(F32, dst, src, F32, |b, x| b.ins().fabs(x)),
            Op::F32Neg { dst, src } => self.unary(F32, dst, src, F32, |b, x| b.ins().fneg(x)),
            Op::F32Ceil { dst, src } => self.unary(F32, dst, src, F32, |b, x| b.ins().ceil(x)),
            Op::F32Floor { dst, src } => self.unary(F32, dst, src, F32, |b, x| b.ins().floor(x)),
            Op::F32Trunc { dst, src } => self.unary(F32, dst, src, F32, |b, x| b.ins().trunc(x)),
            Op::F32Nearest { dst, src } => self.unary(F32, dst, src, F32, |b, x| b.ins().nearest(x)),
            Op::F32Sqrt { dst, src } => self.unary(F32, dst, src, F32, |b, x| b.ins().sqrt(x)),
            Op::F64Abs { dst, src } => self.unary(F64, dst, src, F64, |b, x| b.ins().fabs(x)),
            Op::F64Neg { dst, src } => self.unary(F64, dst, src, F64, |b, x| b.ins().fneg(x)),
            Op::F64Ceil { dst, src } => self.unary(F64, dst, src, F64, |b, x| b.ins().ceil(x)),
            Op::F64Floor { dst, src } => self.unary(F64, dst, src, F64, |b, x| b.ins().floor(x)),
            Op::F64Trunc { dst, src } => self.unary(F64, dst, src, F64, |b, x| b.ins().trunc(x)),
            Op::F64Nearest { dst, src } => self.unary(F64, dst, src, F64, |b, x| b.ins().nearest(x)),
            Op::F64Sqrt { dst, src } => self.unary(F64, dst, src, F64, |b, x| b.ins().sqrt(x)),
            Op::F32Add { dst, a, b } => self.binary(F32, dst, a, b, |b, x, y| b.ins().fadd(x, y)),
            Op::F32Sub { dst, a, b } => self.binary(F32, dst, a, b, |b, x, y| b.ins().fsub(x, y)),
            Op::F32Mul { dst, a, b } => self.binary(F32, dst, a, b, |b, x, y| b.ins().fmul(x, y)),
            Op::F32Div { dst, a, b } => self.binary(F32, dst, a, b, |b, x, y| b.ins().fdiv(x, y)),
            Op::F32Min { dst, a, b } => self.binary(F32, dst, a, b, |b, x, y| b.ins().fmin(x, y)),
            Op::F32Max { dst, a, b } => self.binary(F32, dst, a, b, |b, x, y| b.ins().fmax(x, y)),
            Op::F32Copysign { dst, a, b } => self.binary(F32, dst, a, b, |b, x, y| b.ins().fcopysign(x, y)),
            Op::F64Add { dst, a, b } => self.binary(F64, dst, a, b, |b, x, y| b.ins().fadd(x, y)),
            Op::F64Sub { dst, a, b } => self.binary(F64, dst, a, b, |b, x, y| b.ins().fsub(x, y)),
            Op::F64Mul { dst, a, b } => self.binary(F64, dst, a, b, |b, x, y| b.ins().fmul(x, y)),
            Op::F64Div { dst, a, b } => self.binary(F64, dst, a, b, |b, x, y| b.ins().fdiv(x, y)),
            Op::F64Min { dst, a, b } => self.binary(F64, dst, a, b, |b, x, y| b.ins().fmin(x, y)),
            Op::F64Max { dst, a, b } => self.binary(F64, dst, a, b, |b, x, y| b.ins().fmax(x, y)),
            Op::F64Copysign { dst, a, b } => self.binary(F64, dst, a, b, |b, x, y| b.ins().fcopysign(x, y)),

            // ---- Conversions ----
            Op::I32WrapI64 { dst, src } => self.unary(I64, dst, src, I32, |b, x| b.ins().ireduce(I32_, x)),
            Op::I64ExtendI32S { dst, src } => self.unary(I32, dst, src, I64, |b, x| b.ins().sextend(I64_, x)),
            Op::I64ExtendI32U { dst, src } => self.unary(I32, dst, src, I64, |b, x| b.ins().uextend(I64_, x)),
            Op::I32TruncF32S { dst, src } => self.truncate(F32, dst, src, I32, true),
            Op::I32TruncF32U { dst, src } => self.truncate(F32, dst, src, I32, false),
            Op::I32TruncF64S { dst, src } => self.truncate(F64, dst, src, I32, true),
            Op::I32TruncF64U { dst, src } => self.truncate(F64, dst, src, I32, false),
            Op::I64TruncF32S { dst, src } => self.truncate(F32, dst, src, I64, true),
            Op::I64TruncF32U { dst, src } => self.truncate(F32, dst, src, I64, false),
            Op::I64TruncF64S { dst, src } => self.truncate(F64, dst, src, I64, true),
            Op::I64TruncF64U { dst, src } => self.truncate(F64, dst, src, I64, false),
            Op::I32TruncSatF32S { dst, src } => self.sat(F32, dst, src, I32, true),
            Op::I32TruncSatF32U { dst, src } => self.sat(F32, dst, src, I32, false),
            Op::I32TruncSatF64S { dst, src } => self.sat(F64, dst, src, I32, true),
            Op::I32TruncSatF64U { dst, src } => self.sat(F64, dst, src, I32, false),
            Op::I64TruncSatF32S { dst, src } => self.sat(F32, dst, src, I64, true),
            Op::I64TruncSatF32U { dst, src } => self.sat(F32, dst, src, I64, false),
            Op::I64TruncSatF64S { dst, src } => self.sat(F64, dst, src, I64, true),
            Op::I64TruncSatF64U { dst, src } => self.sat(F64, dst, src, I64, false),
            Op::F32ConvertI32S { dst, src } => self.convert(I32, dst, src, F32, true),
            Op::F32ConvertI32U { dst, src } => self.convert(I32, dst, src, F32, false),
            Op::F32ConvertI64S { dst, src } => self.convert(I64, dst, src, F32, true),
            Op::F32ConvertI64U { dst, src } => self.convert(I64, dst, src, F32, false),
            Op::F64ConvertI32S { dst, src } => self.convert(I32, dst, src, F64, true),
            Op::F64ConvertI32U { dst, src } => self.convert(I32, dst, src, F64, false),
            Op::F64ConvertI64S { dst, src } => self.convert(I64, dst, src, F64, true),
            Op::F64ConvertI64U { dst, src } => self.convert(I64, dst, src, F64, false),
            Op::F32DemoteF64 { dst, src } => self.unary(F64, dst, src, F32, |b, x| b.ins().fdemote(F32_, x)),
            Op::F64PromoteF32 { dst, src } => self.unary(F32, dst, src, F64, |b, x| b.ins().fpromote(F64_, x)),
            Op::I32Extend8S { dst, src } => self.extend(I32, dst, src, I8),
            Op::I32Extend16S { dst, src } => self.extend(I32, dst, src, I16),
            Op::I64Extend8S { dst, src } => self.extend(I64, dst, src, I8),
            Op::I64Extend16S { dst, src } => self.extend(I64, dst, src, I16),
            Op::I64Extend32S { dst, src } => self.extend(I64, dst, src, I32_),

            // ---- SIMD ----
            for_each_simd_memory_op!(ops_pattern) => crate::simd::lower_memory(self, op),

            // ---- Memories other than memory 0 ----
            Op::SelectMemory { mem } => self.selected = mem,
            Op::Addr64 { dst, addr, offset } => {
                let a = self.get(addr);
                let oob = self.b.ins().icmp_imm_u(IntCC::UnsignedGreaterThan, a, (u32::MAX - offset) as i64);
                self.trap_if(oob, TrapCode::MemoryOutOfBounds);
                let ea = self.b.ins().iadd_imm_s(a, offset as i64);
                self.set(dst, ea);
            }
            Op::I64ClampU32 { dst, src } => {
                let a = self.get(src);
                let max = self.b.ins().iconst(I64_, u32::MAX as i64);
                let r = self.b.ins().umin(a, max);
                self.set(dst, r);
            }
            Op::MemorySizeIn { dst, mem } => {
                let (_, len) = self.memory_in(mem);
                let pages = self.b.ins().ushr_imm_u(len, 16);
                self.set(dst, pages);
            }
            Op::MemoryGrowIn { dst, delta, mem } => {
                let mem = self.b.ins().iconst(I32_, mem as i64);
                let delta = self.get32(delta);
                let r = self.runtime(l.memory_grow_in, &[mem, delta]).expect("result");
                self.set_ty(I32, dst, r);
            }
            Op::MemoryFillIn { d, val, n, mem } => {
                let mem = self.b.ins().iconst(I32_, mem as i64);
                let (d, v, n) = (self.get32(d), self.get32(val), self.get32(n));
                self.runtime(l.memory_fill_in, &[mem, d, v, n]);
            }
            Op::MemoryInitIn { args, data, mem } => {
                let mem = self.b.ins().iconst(I32_, mem as i64);
                let data = self.b.ins().iconst(I32_, data as i64);
                let (d, s, n) = (self.get32(args), self.get32(args + 1), self.get32(args + 2));
                self.runtime(l.memory_init_in, &[mem, data, d, s, n]);
            }
            Op::MemoryCopyIn { d, s, n, dst_mem, src_mem } => {
                let dst_mem = self.b.ins().iconst(I32_, dst_mem as i64);
                let src_mem = self.b.ins().iconst(I32_, src_mem as i64);
                let (d, s, n) = (self.get32(d), self.get32(s), self.get32(n));
                self.runtime(l.memory_copy_in, &[dst_mem, src_mem, d, s, n]);
            }
            for_each_simd_op!(ops_pattern) => {
                if !crate::simd::lower_pure(self, op) {
                    self.simd_fallback(pc, op)
                }
            }
        }
    }
}
