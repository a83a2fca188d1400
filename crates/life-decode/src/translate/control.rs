//! Control frames and branches: labels, forward-branch fixups, `br`, `br_if`, `br_table`,
//! `block`/`loop`/`if`/`else`/`end`, and returns.

use super::*;

impl Translator {
    pub(super) fn bind_label(&mut self) {
        self.last = None;
        self.label_pc = self.ops.len();
        self.end_gas_block();
    }

    pub(super) fn set_target(&mut self, fixup: Fixup, target: Pc) {
        match fixup {
            Fixup::Table(i) => self.br_tables[i] = target,
            Fixup::Op(i) => {
                let name = self.ops[i].name();
                *self.ops[i].target_mut().unwrap_or_else(|| unreachable!("fixup on a non-branch op {name}")) = target;
            }
        }
    }

    /// Emits the return sequence for the function's results on top of the stack.
    pub(super) fn emit_return(&mut self) {
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
    pub(super) fn branch(&mut self, depth: u32) {
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
    pub(super) fn jump_to(&mut self, depth: u32, loop_pc: Option<Pc>) {
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

    pub(super) fn br_if(&mut self, depth: u32) {
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

    pub(super) fn br_table(&mut self, targets: &wasmparser::BrTable<'_>) -> Res {
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

    pub(super) fn push_ctrl(&mut self, kind: CtrlKind, params: Vec<ValType>, results: Vec<ValType>) {
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
    pub(super) fn reset_stack(&mut self, stack_len: usize, base: Slot, tys: &[ValType]) {
        let dropped =
            self.stack[stack_len.min(self.stack.len())..].iter().filter(|o| matches!(o.src, Src::Local(_))).count();
        self.local_refs -= dropped;
        self.stack.truncate(stack_len);
        self.height = base;
        for &t in tys {
            self.push(t, Src::Temp);
        }
    }

    pub(super) fn end(&mut self) {
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

    pub(super) fn else_(&mut self) {
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
}
