//! Translation of validated Wasm function bodies into the register-style IR.
//!
//! # Design
//!
//! One pass over the operators of a body that `validate` (at decode time, with `wasmparser`'s
//! `FuncValidator`) has already accepted, so the translator contains no validation logic. The
//! translator keeps a *virtual* operand stack: every entry knows its *canonical slot* (the frame
//! slot the Wasm stack position maps to: locals first, then one slot per stack value, two for
//! `v128`), and where its value currently is:
//! - `Temp`: already in its canonical slot;
//! - `Local(s)`: still in local slot `s` (a `local.get` emits nothing);
//! - `Const(c)`: a constant not yet written anywhere (an `i32.const` emits nothing).
//!
//! Ops then name their operand slots directly, and constants fold into `…Imm` forms. Values are
//! *materialized* (copied into their canonical slot) only where control flow needs a fixed place:
//! at branches carrying values, block ends, calls (arguments must be consecutive) and before a
//! `local.set` overwrites a local that the stack still refers to.
//!
//! Two peephole rewrites use the last emitted op while no label was bound after it:
//! a `local.set` of a value computed by that op retargets its `dst` to the local, and a `br_if`
//! or `if` on a comparison fuses into a compare-and-branch op.
//!
//! Control frames record the stack shape at entry; branch targets are absolute indices, patched
//! when a forward label is bound. Code after an unconditional branch is skipped (it is still
//! validated).

use crate::ir::compare::{
    self, Cmp,
    Width::{self, W32, W64},
};
use crate::{
    DecodeError, DecodeErrorKind,
    decode::val_type,
    ir::{FuncBody, Op, Pc, Slot},
    module::Module,
    types::{FuncType, ValType},
};
use wasmparser::{BlockType, FuncValidator, FunctionBody, Operator, ValidatorResources};

/// What the translator needs from the module being decoded.
pub(crate) struct ModuleEnv<'a> {
    pub module: &'a Module,
}

impl ModuleEnv<'_> {
    fn block_sig(&self, bt: BlockType) -> Result<(Vec<ValType>, Vec<ValType>), DecodeError> {
        Ok(match bt {
            BlockType::Empty => (Vec::new(), Vec::new()),
            BlockType::Type(t) => (Vec::new(), vec![val_type(t)?]),
            BlockType::FuncType(idx) => {
                let ty = &self.module.types[idx as usize];
                (ty.params().to_vec(), ty.results().to_vec())
            }
        })
    }
}

/// Where a stack value currently lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Src {
    Temp,
    Local(Slot),
    Const(u64),
}

#[derive(Debug, Clone, Copy)]
struct Operand {
    ty: ValType,
    src: Src,
    canon: Slot,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CtrlKind {
    Func,
    Block,
    Loop,
    If,
    Else,
}

/// A place holding a forward branch target to patch when the label is bound.
#[derive(Debug, Clone, Copy)]
enum Fixup {
    Op(usize),
    Table(usize),
}

#[derive(Debug)]
struct Ctrl {
    kind: CtrlKind,
    params: Vec<ValType>,
    results: Vec<ValType>,
    /// Virtual stack length below the parameters.
    stack_len: usize,
    /// Canonical slot where the parameters (and results) start.
    base: Slot,
    /// For loops: the branch target.
    loop_pc: Pc,
    /// Branches to patch with the end of this frame.
    fixups: Vec<Fixup>,
    /// For `if` without `else` yet: the conditional jump to the else branch.
    else_fixup: Option<usize>,
}

impl Ctrl {
    /// Types carried by a branch to this frame's label.
    fn label_types(&self) -> &[ValType] {
        if self.kind == CtrlKind::Loop { &self.params } else { &self.results }
    }
}

/// Translates function bodies; reused across functions to keep its buffers.
#[derive(Default)]
pub(crate) struct Translator {
    ops: Vec<Op>,
    br_tables: Vec<Pc>,
    stack: Vec<Operand>,
    ctrl: Vec<Ctrl>,
    locals: Vec<(ValType, Slot)>,
    height: Slot,
    max_height: Slot,
    reachable: bool,
    /// Blocks opened in unreachable code, skipped wholesale.
    dead_depth: u32,
    /// The last emitted op, if it may still be rewritten (no label bound since).
    last: Option<usize>,
    /// Where the last label was bound: ops before it may not be fused with ops after it.
    label_pc: usize,
    results: Vec<ValType>,
    /// Constants read inside loops, given frame slots written once on entry (see `loc`).
    consts: Vec<u64>,
    const_slots: std::collections::HashMap<u64, Slot>,
    /// How many loops enclose the current position.
    loop_depth: u32,
    /// How many stack entries are `Src::Local`: when none, the scans for them are skipped,
    /// which keeps deep operand stacks and deep nesting linear.
    local_refs: usize,
    /// Gas metering: the policy, and the `consume_gas` op of the basic block being translated.
    gas: Option<std::sync::Arc<dyn crate::GasPolicy>>,
    gas_block: Option<usize>,
    /// Interruption checks at loop headers and function entry (when not metering).
    interruptible: bool,
    canonicalize_nans: bool,
}

/// Placeholder slots for hoisted constants, renumbered past the frame when the body is done.
const CONST_SLOT_BASE: Slot = 0xC000_0000;

type Res<T = ()> = Result<T, DecodeError>;

fn slots_of(tys: &[ValType]) -> Slot {
    tys.iter().map(|t| t.slots()).sum()
}

impl Translator {
    pub(crate) fn new(options: &crate::DecodeOptions) -> Self {
        Translator {
            gas: options.gas.clone(),
            interruptible: options.interruptible,
            canonicalize_nans: options.canonicalize_nans,
            ..Translator::default()
        }
    }

    /// Translates one function body, which decoding has validated already.
    pub(crate) fn translate(
        &mut self,
        env: &ModuleEnv<'_>,
        func_index: usize,
        body: &FunctionBody<'_>,
    ) -> Res<FuncBody> {
        let module = env.module;
        let ty: FuncType =
            module.funcs.get(func_index).and_then(|&t| module.types.get(t as usize)).cloned().ok_or_else(|| {
                DecodeError::new(DecodeErrorKind::Invalid, body.range().start as usize, "function without a type")
            })?;
        self.reset();
        let mut slot = 0;
        for &p in ty.params() {
            self.locals.push((p, slot));
            slot += p.slots();
        }
        let param_slots = slot;
        let mut locals_reader = body.get_locals_reader()?;
        for _ in 0..locals_reader.get_count() {
            let (count, t) = locals_reader.read()?;
            let t = val_type(t)?;
            for _ in 0..count {
                self.locals.push((t, slot));
                slot += t.slots();
            }
        }
        let local_slots = slot;
        self.height = local_slots;
        self.max_height = local_slots;
        self.results = ty.results().to_vec();
        self.ctrl.push(Ctrl {
            kind: CtrlKind::Func,
            params: Vec::new(),
            results: ty.results().to_vec(),
            stack_len: 0,
            base: local_slots,
            loop_pc: 0,
            fixups: Vec::new(),
            else_fixup: None,
        });

        if self.interruptible && self.gas.is_none() {
            self.emit(Op::ConsumeGas { amount: 0 });
        }
        let mut reader = body.get_operators_reader()?;
        while !reader.eof() {
            let offset = reader.original_position();
            let op = reader.read()?;
            self.op(env, op, offset as usize)?;
        }
        reader.finish()?;
        let frame_slots = self.place_consts(local_slots)?;

        let mut body = FuncBody {
            ops: std::mem::take(&mut self.ops),
            br_tables: std::mem::take(&mut self.br_tables),
            param_slots,
            local_slots,
            frame_slots,
            local_types: self.locals.iter().map(|&(t, _)| t).collect(),
            offset: body.range().start as usize,
        };
        crate::ir::thread_jumps(&mut body);
        crate::ir::use_accumulator(&mut body);
        Ok(body)
    }

    fn reset(&mut self) {
        self.ops.clear();
        self.br_tables.clear();
        self.stack.clear();
        self.local_refs = 0;
        self.ctrl.clear();
        self.locals.clear();
        self.height = 0;
        self.max_height = 0;
        self.reachable = true;
        self.dead_depth = 0;
        self.last = None;
        self.label_pc = 0;
        self.consts.clear();
        self.const_slots.clear();
        self.loop_depth = 0;
        self.gas_block = None;
    }

    /// Adds the cost of `op` to the current basic block's `consume_gas`, opening a block (and
    /// emitting its `consume_gas`) if none is open.
    fn charge(&mut self, op: &Operator<'_>) {
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
    fn end_gas_block(&mut self) {
        self.gas_block = None;
    }

    /// In NaN-canonicalizing mode, canonicalizes the float result on top of the stack.
    fn canon_nan(&mut self, op: &Operator<'_>) {
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

    /// Gives hoisted constants real slots right after the locals (temporaries move up to make
    /// room), and prepends the ops that write them on entry. Returns the frame size.
    ///
    /// They must sit below every operand: a call's callee frame starts at its first argument and
    /// overwrites everything above it.
    fn place_consts(&mut self, local_slots: Slot) -> Res<Slot> {
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

    // ---- Emitting and the virtual stack ----

    fn pc(&self) -> Pc {
        self.ops.len() as Pc
    }

    fn emit(&mut self, op: Op) -> usize {
        self.ops.push(op);
        self.last = None;
        self.ops.len() - 1
    }

    /// Emits an op whose `dst` is the canonical slot of a fresh `Temp` of type `ty`.
    fn emit_producer(&mut self, op: Op, ty: ValType) {
        let idx = self.emit(op);
        let canon = self.push(ty, Src::Temp);
        debug_assert_eq!(self.ops[idx].clone().dst_mut().copied(), Some(canon));
        self.last = Some(idx);
    }

    fn push(&mut self, ty: ValType, src: Src) -> Slot {
        let canon = self.height;
        self.stack.push(Operand { ty, src, canon });
        if matches!(src, Src::Local(_)) {
            self.local_refs += 1;
        }
        self.height += ty.slots();
        self.max_height = self.max_height.max(self.height);
        canon
    }

    fn pop(&mut self) -> Operand {
        let o = self.stack.pop().expect("validated: operand stack is not empty");
        if matches!(o.src, Src::Local(_)) {
            self.local_refs -= 1;
        }
        self.height = o.canon;
        o
    }

    fn copy_op(ty: ValType, dst: Slot, src: Slot) -> Op {
        if ty.slots() == 2 { Op::CopyWide { dst, src } } else { Op::Copy { dst, src } }
    }

    fn const_op(dst: Slot, value: u64) -> Op {
        match u32::try_from(value) {
            Ok(bits) => Op::Const32 { dst, bits },
            Err(_) => Op::Const64 { dst, bits: value },
        }
    }

    /// Writes the value of `o` into `dst` (no state change).
    fn write_to(&mut self, o: Operand, dst: Slot) {
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
    fn loc(&mut self, o: Operand) -> Slot {
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
    fn materialize(&mut self, i: usize) {
        let o = self.stack[i];
        if o.src != Src::Temp {
            self.write_to(o, o.canon);
            if matches!(o.src, Src::Local(_)) {
                self.local_refs -= 1;
            }
            self.stack[i].src = Src::Temp;
        }
    }

    fn materialize_top(&mut self, n: usize) {
        let len = self.stack.len();
        for i in len - n..len {
            self.materialize(i);
        }
    }

    /// Materializes every entry that still refers to a local, so control flow cannot observe a
    /// later `local.set` through it.
    fn materialize_locals(&mut self) {
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
    fn in_place(&self, n: usize, dst: Slot) -> bool {
        let first = self.stack.len() - n;
        n == 0 || (self.stack[first].canon == dst && self.stack[first..].iter().all(|o| o.src == Src::Temp))
    }

    /// Emits the copies that put the top `n` values at `dst..`. With more than one value they
    /// must already be materialized. Does not change the translator state.
    fn place_values(&mut self, n: usize, dst: Slot) {
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

    // ---- Control flow ----

    fn bind_label(&mut self) {
        self.last = None;
        self.label_pc = self.ops.len();
        self.end_gas_block();
    }

    fn set_target(&mut self, fixup: Fixup, target: Pc) {
        match fixup {
            Fixup::Table(i) => self.br_tables[i] = target,
            Fixup::Op(i) => {
                let name = self.ops[i].name();
                *self.ops[i].target_mut().unwrap_or_else(|| unreachable!("fixup on a non-branch op {name}")) = target;
            }
        }
    }

    /// Emits a jump to a not-yet-known target taken when `cond` is non-zero (or zero, if
    /// `when_zero`), fusing a comparison just computed into it. Returns the op to patch.
    fn cond_jump(&mut self, cond: Operand, when_zero: bool) -> usize {
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
    fn fuse_step(&mut self, i: usize) -> usize {
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

    /// Emits the return sequence for the function's results on top of the stack.
    fn emit_return(&mut self) {
        let tys = self.results.clone();
        let n = tys.len();
        if n == 0 {
            self.emit(Op::Return {});
        } else if n == 1 && tys[0].slots() == 1 {
            let o = self.stack[self.stack.len() - 1];
            let src = self.loc(o);
            self.emit(Op::ReturnSlot { src });
        } else {
            // The destination, slot 0, is implicit in the op: it must not move with the
            // operand slots when hoisted constants are placed (`place_consts`).
            self.materialize_top(n);
            let first = self.stack[self.stack.len() - n].canon;
            let len = slots_of(&tys);
            self.emit(Op::ReturnMany { src: first, len });
        }
    }

    /// Emits an unconditional branch to the label at `depth`, values included.
    fn branch(&mut self, depth: u32) {
        let frame = &self.ctrl[self.ctrl.len() - 1 - depth as usize];
        if frame.kind == CtrlKind::Func {
            self.emit_return();
            return;
        }
        let n = frame.label_types().len();
        let dst = frame.base;
        let loop_pc = (frame.kind == CtrlKind::Loop).then_some(frame.loop_pc);
        if n > 1 {
            self.materialize_top(n);
        }
        self.place_values(n, dst);
        self.jump_to(depth, loop_pc);
    }

    /// Emits `br` to the label at `depth` (values already placed).
    fn jump_to(&mut self, depth: u32, loop_pc: Option<Pc>) {
        match loop_pc {
            Some(target) => {
                self.emit(Op::Br { target });
            }
            None => {
                let i = self.emit(Op::Br { target: 0 });
                let at = self.ctrl.len() - 1 - depth as usize;
                self.ctrl[at].fixups.push(Fixup::Op(i));
            }
        }
    }

    fn br_if(&mut self, depth: u32) {
        let cond = self.pop();
        let frame = &self.ctrl[self.ctrl.len() - 1 - depth as usize];
        let is_return = frame.kind == CtrlKind::Func;
        let n = frame.label_types().len();
        let dst = frame.base;
        let loop_pc = (frame.kind == CtrlKind::Loop).then_some(frame.loop_pc);
        if !is_return && self.in_place(n, dst) {
            let i = self.cond_jump(cond, false);
            match loop_pc {
                Some(t) => self.set_target(Fixup::Op(i), t),
                None => {
                    let at = self.ctrl.len() - 1 - depth as usize;
                    self.ctrl[at].fixups.push(Fixup::Op(i));
                }
            }
            return;
        }
        if n > 1 {
            self.materialize_top(n);
        }
        let skip = self.cond_jump(cond, true);
        if is_return {
            self.emit_return();
        } else {
            self.place_values(n, dst);
            self.jump_to(depth, loop_pc);
        }
        let here = self.pc();
        self.set_target(Fixup::Op(skip), here);
        self.bind_label();
    }

    fn br_table(&mut self, targets: &wasmparser::BrTable<'_>) -> Res {
        let index = self.pop();
        let index = self.loc(index);
        let mut depths = Vec::with_capacity(targets.len() as usize + 1);
        for t in targets.targets() {
            depths.push(t?);
        }
        depths.push(targets.default());
        let n = self.ctrl[self.ctrl.len() - 1 - depths[0] as usize].label_types().len();
        self.materialize_top(n);
        let table = self.br_tables.len();
        self.emit(Op::BrTable { index, table: table as u32, len: depths.len() as u32 - 1 });
        self.br_tables.resize(table + depths.len(), 0);
        for (i, &depth) in depths.iter().enumerate() {
            let frame = &self.ctrl[self.ctrl.len() - 1 - depth as usize];
            let direct = frame.kind != CtrlKind::Func && self.in_place(n, frame.base);
            if direct {
                if frame.kind == CtrlKind::Loop {
                    self.br_tables[table + i] = frame.loop_pc;
                } else {
                    let at = self.ctrl.len() - 1 - depth as usize;
                    self.ctrl[at].fixups.push(Fixup::Table(table + i));
                }
            } else {
                self.br_tables[table + i] = self.pc();
                self.branch(depth);
            }
        }
        self.reachable = false;
        Ok(())
    }

    fn push_ctrl(&mut self, kind: CtrlKind, params: Vec<ValType>, results: Vec<ValType>) {
        let stack_len = self.stack.len() - params.len();
        let base = self.stack.get(stack_len).map_or(self.height, |o| o.canon);
        self.ctrl.push(Ctrl {
            kind,
            params,
            results,
            stack_len,
            base,
            loop_pc: self.pc(),
            fixups: Vec::new(),
            else_fixup: None,
        });
    }

    /// Resets the virtual stack to `frame`'s entry shape plus `tys` as temporaries.
    fn reset_stack(&mut self, stack_len: usize, base: Slot, tys: &[ValType]) {
        let dropped =
            self.stack[stack_len.min(self.stack.len())..].iter().filter(|o| matches!(o.src, Src::Local(_))).count();
        self.local_refs -= dropped;
        self.stack.truncate(stack_len);
        self.height = base;
        for &t in tys {
            self.push(t, Src::Temp);
        }
    }

    fn end(&mut self) {
        let frame = self.ctrl.pop().expect("validated: control stack is not empty");
        if frame.kind == CtrlKind::Func {
            // The results go straight to the return slots; no need to materialize them first.
            if self.reachable {
                self.emit_return();
            }
            return;
        }
        if frame.kind == CtrlKind::Loop {
            self.loop_depth -= 1;
        }
        if self.reachable {
            self.materialize_top(frame.results.len());
        }
        let here = self.pc();
        if let Some(j) = frame.else_fixup {
            self.set_target(Fixup::Op(j), here);
        }
        for &f in &frame.fixups {
            self.set_target(f, here);
        }
        self.bind_label();
        self.reset_stack(frame.stack_len, frame.base, &frame.results);
        self.reachable = true;
    }

    fn else_(&mut self) {
        let top = self.ctrl.len() - 1;
        if self.reachable {
            let n = self.ctrl[top].results.len();
            self.materialize_top(n);
            let i = self.emit(Op::Br { target: 0 });
            self.ctrl[top].fixups.push(Fixup::Op(i));
        }
        let j = self.ctrl[top].else_fixup.take().expect("validated: else follows if");
        let here = self.pc();
        self.set_target(Fixup::Op(j), here);
        self.bind_label();
        self.ctrl[top].kind = CtrlKind::Else;
        let (stack_len, base, params) = (self.ctrl[top].stack_len, self.ctrl[top].base, self.ctrl[top].params.clone());
        self.reset_stack(stack_len, base, &params);
        self.reachable = true;
    }

    // ---- Operator helpers ----

    fn unop(&mut self, ty: ValType, make: impl FnOnce(Slot, Slot) -> Op) {
        let src = self.pop();
        let s = self.loc(src);
        self.emit_producer(make(src.canon, s), ty);
    }

    fn binop(&mut self, ty: ValType, make: impl FnOnce(Slot, Slot, Slot) -> Op) {
        let b = self.pop();
        let a = self.pop();
        let lb = self.loc(b);
        let la = self.loc(a);
        self.emit_producer(make(a.canon, la, lb), ty);
    }

    /// A binary op, using `rhs_imm` when the right operand is a constant that fits in an `i32`,
    /// and `lhs_imm` (the mirrored op) when the left one is.
    fn binop_imm(
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
    fn compare(&mut self, w: Width, c: Cmp) {
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
    fn eqz(&mut self, w: Width) {
        let a = self.pop();
        let la = self.loc(a);
        self.emit_producer(compare::cmp_imm_op(w, Cmp::Eq, a.canon, la, 0), ValType::I32);
    }

    /// `i64.sub`: a constant right operand becomes `i64.add` of its negation when that fits.
    fn i64_sub(&mut self) {
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

    fn load(&mut self, ty: ValType, memarg: &wasmparser::MemArg, make: impl FnOnce(Slot, Slot, u32) -> Op) {
        let addr = self.pop();
        let a = self.loc(addr);
        self.emit_producer(make(addr.canon, a, memarg.offset as u32), ty);
    }

    fn store(&mut self, memarg: &wasmparser::MemArg, make: impl FnOnce(Slot, Slot, u32) -> Op) {
        let value = self.pop();
        let addr = self.pop();
        let v = self.loc(value);
        let a = self.loc(addr);
        self.emit(make(a, v, memarg.offset as u32));
    }

    fn local_set(&mut self, local: u32, tee: bool) {
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
    fn take_args(&mut self, n: usize) -> Slot {
        self.materialize_top(n);
        let first = self.stack[self.stack.len() - n].canon;
        for _ in 0..n {
            self.pop();
        }
        first
    }

    /// `v128.const`: written into its canonical slots right away (constants are 64-bit only).
    fn v128_const(&mut self, value: u128) {
        let dst = self.height;
        self.emit(Op::Const64 { dst, bits: value as u64 });
        self.emit(Op::Const64 { dst: dst + 1, bits: (value >> 64) as u64 });
        self.push(ValType::V128, Src::Temp);
    }

    /// `i8x16.shuffle`: both operands adjacent, the lane indices in scratch slots above the stack.
    fn shuffle(&mut self, lanes: u128) {
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
    fn load_lane(&mut self, memarg: &wasmparser::MemArg, make: impl FnOnce(Slot, Slot, u32) -> Op) {
        let top = self.stack.len() - 1;
        self.materialize(top);
        let v = self.pop();
        let addr = self.pop();
        let a = self.loc(addr);
        self.emit(make(v.canon, a, memarg.offset as u32));
        self.emit(Op::CopyWide { dst: addr.canon, src: v.canon });
        self.push(ValType::V128, Src::Temp);
    }

    fn call(&mut self, ty: &FuncType, make: impl FnOnce(Slot) -> Op) {
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

    // ---- The big match ----

    fn op(&mut self, env: &ModuleEnv<'_>, op: Operator<'_>, offset: usize) -> Res {
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
        let ends_block = matches!(op, O::BrIf { .. } | O::If { .. } | O::Call { .. } | O::CallIndirect { .. });
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

    fn translate_op(&mut self, env: &ModuleEnv<'_>, op: Operator<'_>, offset: usize) -> Res {
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
                let index = self.pop();
                let index = self.loc(index);
                let table = table_u8(table_index, offset)?;
                self.call(&ty, |base| Op::CallIndirect { index, base, ty: type_index, table });
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
                let i = self.loc(index);
                self.emit_producer(Op::TableGet { dst: index.canon, index: i, table }, ty);
            }
            O::TableSet { table } => {
                let value = self.pop();
                let index = self.pop();
                let (v, i) = (self.loc(value), self.loc(index));
                self.emit(Op::TableSet { index: i, value: v, table });
            }
            O::TableSize { table } => {
                let dst = self.height;
                self.emit_producer(Op::TableSize { dst, table }, i32_);
            }
            O::TableGrow { table } => {
                let n = self.pop();
                let init = self.pop();
                let (ln, li) = (self.loc(n), self.loc(init));
                let table = table_u8(table, offset)?;
                self.emit_producer(Op::TableGrow { dst: init.canon, init: li, n: ln, table }, i32_);
            }
            O::TableFill { table } => {
                let args = self.take_args(3);
                self.emit(Op::TableFill { args, table });
            }
            O::TableCopy { dst_table, src_table } => {
                let args = self.take_args(3);
                self.emit(Op::TableCopy { args, dst_table, src_table });
            }
            O::TableInit { elem_index, table } => {
                let args = self.take_args(3);
                self.emit(Op::TableInit { args, table, elem: elem_index });
            }
            O::ElemDrop { elem_index } => {
                self.emit(Op::ElemDrop { elem: elem_index });
            }

            // ---- Bulk memory ----
            O::MemoryCopy { .. } => {
                let n = self.pop();
                let src = self.pop();
                let dst = self.pop();
                let (n, s, d) = (self.loc(n), self.loc(src), self.loc(dst));
                self.emit(Op::MemoryCopy { d, s, n });
            }
            O::MemoryFill { .. } => {
                let n = self.pop();
                let val = self.pop();
                let dst = self.pop();
                let (n, val, d) = (self.loc(n), self.loc(val), self.loc(dst));
                self.emit(Op::MemoryFill { d, val, n });
            }
            O::MemoryInit { data_index, .. } => {
                let args = self.take_args(3);
                self.emit(Op::MemoryInit { args, data: data_index });
            }
            O::DataDrop { data_index } => {
                self.emit(Op::DataDrop { data: data_index });
            }

            // ---- Memory ----
            O::MemorySize { .. } => {
                let dst = self.height;
                self.emit_producer(Op::MemorySize { dst }, i32_);
            }
            O::MemoryGrow { .. } => self.unop(i32_, |dst, delta| Op::MemoryGrow { dst, delta }),
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

            other => {
                return Err(unsupported(offset, &format!("the `{}` instruction", op_name(&other))));
            }
        }
        Ok(())
    }
}

/// The constant of an integer operand as an `i32` immediate, if it is one and fits.
fn imm_of(o: Operand) -> Option<i32> {
    match (o.src, o.ty) {
        (Src::Const(c), ValType::I32) => Some(c as u32 as i32),
        (Src::Const(c), ValType::I64) => i32::try_from(c as i64).ok(),
        _ => None,
    }
}

/// Table indices are one byte in `CallIndirect` and `TableGrow`, to keep ops at 16 bytes.
fn table_u8(table: u32, offset: usize) -> Res<u8> {
    u8::try_from(table).map_err(|_| DecodeError::new(DecodeErrorKind::LimitExceeded, offset, "more than 256 tables"))
}

/// Validates one function body: `wasmparser`'s checks plus Life's limit on locals and, in
/// deterministic mode without floats, the absence of float instructions.
pub(crate) fn validate(
    validator: &mut FuncValidator<ValidatorResources>,
    body: &FunctionBody<'_>,
    floats: bool,
    max_locals: u32,
    params: usize,
) -> Res {
    let mut locals_reader = body.get_locals_reader()?;
    let mut locals = params as u64;
    for _ in 0..locals_reader.get_count() {
        let offset = locals_reader.original_position();
        let (count, t) = locals_reader.read()?;
        locals += u64::from(count);
        if locals > u64::from(max_locals) {
            return Err(DecodeError::new(
                DecodeErrorKind::LimitExceeded,
                offset,
                format!("more than {max_locals} locals in one function"),
            ));
        }
        validator.define_locals(offset, count, t)?;
    }
    // wasmparser's visitor path, without building an `Operator` per instruction. With floats
    // off, wasmparser's own `floats` feature rejects the float instructions (`Features::floats`).
    let mut reader = body.get_operators_reader()?;
    while !reader.eof() {
        let offset = reader.original_position();
        // Kept only to name a refused instruction; a reader is a slice and a position.
        let before = (!floats).then(|| reader.clone());
        let mut visitor = validator.visitor(offset);
        if let Err(e) = reader.visit_operator(&mut visitor)? {
            return Err(match before {
                Some(mut before) => float_rejected(e, &mut before, offset as usize),
                None => e.into(),
            });
        }
    }
    reader.finish()?;
    Ok(())
}

/// A validation error in the deterministic mode without floats, naming the instruction when
/// wasmparser refused it for being a float instruction.
#[cold]
fn float_rejected(
    e: wasmparser::BinaryReaderError,
    reader: &mut wasmparser::OperatorsReader<'_>,
    offset: usize,
) -> DecodeError {
    let Ok(op) = reader.read() else { return e.into() };
    if !e.message().starts_with("floating-point") {
        return e.into();
    }
    DecodeError::new(
        DecodeErrorKind::Unsupported,
        offset,
        format!(
            "float instruction `{}` is not allowed: floats are disabled (deterministic mode)",
            crate::gas::operator_name(&op).replace('_', ".")
        ),
    )
}

fn op_name(op: &Operator<'_>) -> String {
    let s = format!("{op:?}");
    s.split([' ', '{', '(']).next().unwrap_or("?").to_string()
}

#[cold]
fn unsupported(offset: usize, what: &str) -> DecodeError {
    DecodeError::new(DecodeErrorKind::Unsupported, offset, format!("{what} is not supported yet"))
}
