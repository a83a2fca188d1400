//! Calls: direct calls between compiled functions, `call_indirect` with its cache, calls
//! through the runtime, the budget each callee receives, and tail calls.
//!
//! A tail call to compiled code is Cranelift's `return_call` (or `return_call_indirect`): the
//! callee replaces this frame on the native stack and receives this function's own budget,
//! since it takes this frame's place (same depth, same frame base). A tail call that goes
//! through the runtime (an import, `call_indirect`'s slow path) is a call followed by a return
//! of its results; the interpreter keeps the caller's frame for a host callee too.

use super::*;

impl<'a, 'b, C: Callees> Lower<'a, 'b, C> {
    pub(super) fn shape_sig(&mut self, params: u32, results: u32) -> SigRef {
        if let Some(&s) = self.sigs.get(&(params, results)) {
            return s;
        }
        let s = self.b.import_signature(signature(self.env.call_conv, params, results));
        self.sigs.insert((params, results), s);
        s
    }

    /// The callee's budget (see [`signature`]) for a frame at slot `cb` of this one.
    pub(super) fn callee_budget(&mut self, cb: u32) -> Value {
        self.b.ins().iadd_imm_s(self.budget, -((1i64 << 32) + cb as i64))
    }

    /// After a call: gas and memory may have changed, and a callee that returns through the
    /// runtime (`through_runtime`), or any callee unless traps leave the call in one jump
    /// (`Env::unwinds`), may have left a trap pending.
    pub(super) fn after_call(&mut self, through_runtime: bool) {
        self.gas_in();
        if through_runtime || !self.env.unwinds {
            self.check_trap();
        }
        self.reload_memory();
    }

    pub(super) fn call(&mut self, func: u32, cb: u32) {
        let module = self.env.module;
        let ty = module.func_type(func);
        let (p, r) = (ty.param_slots(), ty.result_slots());
        let budget = self.callee_budget(cb);
        self.gas_out();
        if func < module.num_imported_funcs {
            let buf = self.spill_args(cb, p);
            let f = self.b.ins().iconst(I32, func as i64);
            let vmctx = self.vmctx;
            self.libcall(self.env.libcalls.call_import, &[vmctx, f, buf, budget]);
            self.after_call(true);
            self.fill_results(buf, cb, r);
            return;
        }
        let fref = self.callees.func_ref(self.b.func, func - module.num_imported_funcs);
        let mut args = vec![self.vmctx, budget];
        for i in 0..p {
            args.push(self.get(cb + i));
        }
        let call = self.b.ins().call(fref, &args);
        let results = self.b.inst_results(call).to_vec();
        for (i, v) in results.into_iter().enumerate() {
            self.set(cb + i as u32, v);
        }
        self.after_call(false);
    }

    pub(super) fn call_indirect(&mut self, index: u32, cb: u32, ty: u32, table: u32) {
        let fty = &self.env.module.types[ty as usize];
        let (p, r) = (fty.param_slots(), fty.result_slots());
        let budget = self.callee_budget(cb);
        let elem = self.get32(index);
        let code = if table == 0 { self.indirect_cached(elem, ty) } else { self.indirect_resolve(table, elem, ty) };
        self.gas_out();
        let (fast, slow, join) = (self.b.create_block(), self.b.create_block(), self.b.create_block());
        self.b.ins().brif(code, fast, &[], slow, &[]);

        self.continue_in(fast);
        let sig = self.shape_sig(p, r);
        let mut args = vec![self.vmctx, budget];
        for i in 0..p {
            args.push(self.get(cb + i));
        }
        let call = self.b.ins().call_indirect(sig, code, &args);
        let results = self.b.inst_results(call).to_vec();
        for (i, v) in results.into_iter().enumerate() {
            self.set(cb + i as u32, v);
        }
        self.b.ins().jump(join, &[]);

        self.continue_in(slow);
        let buf = self.spill_args(cb, p);
        let vmctx = self.vmctx;
        self.libcall(self.env.libcalls.call_indirect_slow, &[vmctx, buf, budget]);
        self.check_trap();
        self.fill_results(buf, cb, r);
        self.b.ins().jump(join, &[]);

        // The slow path tested for a trap itself.
        self.continue_in(join);
        self.after_call(false);
    }

    /// `return_call`: a compiled callee replaces this frame; an import is called through the
    /// runtime and its results returned.
    pub(super) fn return_call(&mut self, func: u32, cb: u32) {
        let module = self.env.module;
        if func < module.num_imported_funcs {
            self.call(func, cb);
            self.ret(cb, self.result_slots);
            return;
        }
        let p = module.func_type(func).param_slots();
        let fref = self.callees.func_ref(self.b.func, func - module.num_imported_funcs);
        let mut args = vec![self.vmctx, self.budget];
        for i in 0..p {
            args.push(self.get(cb + i));
        }
        self.gas_out();
        self.b.ins().return_call(fref, &args);
    }

    /// `return_call_indirect`: resolved and checked as by `call_indirect`; compiled code of this
    /// instance replaces this frame, anything else is called through the runtime and its
    /// results returned.
    pub(super) fn return_call_indirect(&mut self, index: u32, cb: u32, ty: u32, table: u32) {
        let fty = &self.env.module.types[ty as usize];
        let (p, r) = (fty.param_slots(), fty.result_slots());
        let elem = self.get32(index);
        let code = if table == 0 { self.indirect_cached(elem, ty) } else { self.indirect_resolve(table, elem, ty) };
        self.gas_out();
        let (fast, slow) = (self.b.create_block(), self.b.create_block());
        self.b.ins().brif(code, fast, &[], slow, &[]);

        self.continue_in(fast);
        let sig = self.shape_sig(p, r);
        let mut args = vec![self.vmctx, self.budget];
        for i in 0..p {
            args.push(self.get(cb + i));
        }
        self.b.ins().return_call_indirect(sig, code, &args);

        self.continue_in(slow);
        let budget = self.callee_budget(cb);
        let buf = self.spill_args(cb, p);
        let vmctx = self.vmctx;
        self.libcall(self.env.libcalls.call_indirect_slow, &[vmctx, buf, budget]);
        self.check_trap();
        self.fill_results(buf, cb, r);
        self.after_call(false);
        self.ret(cb, r);
    }

    /// Asks the runtime for the code of `table[elem]` called as type `ty`: native code of this
    /// instance, or 0 for the general path (traps are left pending).
    pub(super) fn indirect_resolve(&mut self, table: u32, elem: Value, ty: u32) -> Value {
        let table = self.b.ins().iconst(I32, table as i64);
        let tyv = self.b.ins().iconst(I32, ty as i64);
        let vmctx = self.vmctx;
        let code = self.libcall(self.env.libcalls.indirect, &[vmctx, table, elem, tyv]).expect("returns code");
        self.check_trap();
        code
    }

    /// `indirect_resolve` for table 0, answered from the context's cache when the element was
    /// called with this type before.
    pub(super) fn indirect_cached(&mut self, elem: Value, ty: u32) -> Value {
        let elem64 = self.b.ins().uextend(I64, elem);
        let len = self.b.ins().load(I64, flags(), self.vmctx, offsets::TABLE0_LEN);
        let out = self.b.ins().icmp(IntCC::UnsignedGreaterThanOrEqual, elem64, len);
        self.trap_if(out, TrapCode::UndefinedElement);
        let table = self.b.ins().load(I64, flags(), self.vmctx, offsets::TABLE0);
        let at = self.b.ins().ishl_imm_u(elem64, 3);
        let at = self.b.ins().iadd(table, at);
        let element = self.b.ins().load(I64, flags(), at, 0);
        let null = self.b.ins().icmp_imm_s(IntCC::Equal, element, 0);
        self.trap_if(null, TrapCode::UninitializedElement);
        let slot = self.b.ins().band_imm_s(element, crate::vmctx::INDIRECT_CACHE as i64 - 1);
        let slot = self.b.ins().ishl_imm_u(slot, offsets::ENTRY_SHIFT);
        let entry = self.b.ins().iadd(self.vmctx, slot);
        let key = self.b.ins().load(I64, flags(), entry, offsets::INDIRECT_CACHE + offsets::ENTRY_ELEMENT);
        let key_ty = self.b.ins().load(I64, flags(), entry, offsets::INDIRECT_CACHE + offsets::ENTRY_TY);
        let same = self.b.ins().icmp(IntCC::Equal, key, element);
        let same_ty = self.b.ins().icmp_imm_s(IntCC::Equal, key_ty, ty as i64);
        let hit = self.b.ins().band(same, same_ty);
        let (hit_block, miss_block, done) = (self.b.create_block(), self.b.create_block(), self.b.create_block());
        self.b.append_block_param(done, I64);
        self.b.ins().brif(hit, hit_block, &[], miss_block, &[]);
        self.continue_in(hit_block);
        let code = self.b.ins().load(I64, flags(), entry, offsets::INDIRECT_CACHE + offsets::ENTRY_CODE);
        self.b.ins().jump(done, &[BlockArg::Value(code)]);
        self.b.set_cold_block(miss_block);
        self.continue_in(miss_block);
        let code = self.indirect_resolve(0, elem, ty);
        self.b.ins().jump(done, &[BlockArg::Value(code)]);
        self.continue_in(done);
        self.b.block_params(done)[0]
    }

    pub(super) fn spill_args(&mut self, from: u32, n: u32) -> Value {
        let buf = self.scratch(n.max(16));
        for i in 0..n {
            let v = self.get(from + i);
            self.b.ins().store(flags(), v, buf, (i * 8) as i32);
        }
        buf
    }

    pub(super) fn fill_results(&mut self, buf: Value, to: u32, n: u32) {
        for i in 0..n {
            let v = self.b.ins().load(I64, flags(), buf, (i * 8) as i32);
            self.set(to + i, v);
        }
    }
}
