//! The vmctx and the runtime, as lowered code sees them: the entry checks (call depth,
//! value-stack slots, native stack), gas, the memory view, globals, libcalls and the
//! interpreter fallback for SIMD ops the host cannot lower.

use super::*;

impl<'a, 'b, C: Callees> Lower<'a, 'b, C> {
    /// Entry checks, in the interpreter's order: call depth, value-stack slots, native stack.
    pub(super) fn prologue(&mut self) {
        let too_deep = self.b.ins().icmp_imm_s(IntCC::SignedLessThan, self.budget, 0);
        self.trap_if_in(too_deep, TrapCode::StackOverflow, false);
        // The low half, compared as 32 bits: no mask to load.
        let slots_left = self.b.ins().ireduce(I32, self.budget);
        let too_big = self.b.ins().icmp_imm_u(IntCC::UnsignedLessThan, slots_left, self.body.frame_slots as i64);
        self.trap_if_in(too_big, TrapCode::StackOverflow, false);
        let sp = self.b.ins().get_stack_pointer(I64);
        let limit = self.b.ins().load(I64, flags(), self.vmctx, offsets::STACK_LIMIT);
        let low = self.b.ins().icmp(IntCC::UnsignedLessThan, sp, limit);
        self.trap_if_in(low, TrapCode::StackOverflow, false);
    }

    /// Writes the gas register back to the context, before anything that may read or charge it
    /// (calls, libcalls, returns, traps).
    pub(super) fn gas_out(&mut self) {
        if self.env.metered {
            let gas = self.b.use_var(self.gas);
            self.b.ins().store(flags(), gas, self.vmctx, offsets::GAS_LEFT);
        }
    }

    /// Reads the gas back after a call out.
    pub(super) fn gas_in(&mut self) {
        if self.env.metered {
            let gas = self.b.ins().load(I64, flags(), self.vmctx, offsets::GAS_LEFT);
            self.b.def_var(self.gas, gas);
        }
    }

    pub(super) fn reload_memory(&mut self) {
        if !self.uses_memory {
            return;
        }
        let base = self.b.ins().load(I64, flags(), self.vmctx, offsets::MEM_BASE);
        self.b.def_var(self.mem_base, base);
        // With guard pages only `memory.size` needs the length: it reads it when it runs.
        if !self.env.guarded {
            let len = self.b.ins().load(I64, flags(), self.vmctx, offsets::MEM_LEN);
            self.b.def_var(self.mem_len, len);
        }
    }

    /// The memory's length in bytes.
    pub(super) fn memory_len(&mut self) -> Value {
        if self.env.guarded {
            self.b.ins().load(I64, flags(), self.vmctx, offsets::MEM_LEN)
        } else {
            self.b.use_var(self.mem_len)
        }
    }

    pub(super) fn libcall(&mut self, addr: usize, args: &[Value]) -> Option<Value> {
        let sig = self.env.libcalls.signature(addr, self.env.host_call_conv);
        let signature = self.b.import_signature(sig);
        // Named, not an address: the address is placed by a relocation, so the code can be
        // kept in an artifact and run in another process (`artifact.rs`).
        let index = self.env.libcalls.index(addr);
        let name = self.b.func.declare_imported_user_function(cranelift_codegen::ir::UserExternalName {
            namespace: crate::compile::LIBCALL_NAMESPACE,
            index,
        });
        let callee = self.b.import_function(cranelift_codegen::ir::ExtFuncData {
            name: cranelift_codegen::ir::ExternalName::user(name),
            signature,
            colocated: false,
            patchable: false,
        });
        let call = self.b.ins().call(callee, args);
        self.b.inst_results(call).first().copied()
    }

    /// A scratch buffer of at least `slots` 8-byte slots.
    pub(super) fn scratch(&mut self, slots: u32) -> Value {
        let slots = slots.max(1);
        match self.scratch {
            Some((ss, n)) if n >= slots => self.b.ins().stack_addr(I64, ss, 0),
            _ => {
                let ss = self.b.create_sized_stack_slot(StackSlotData::new(StackSlotKind::ExplicitSlot, slots * 8, 3));
                self.scratch = Some((ss, slots));
                self.b.ins().stack_addr(I64, ss, 0)
            }
        }
    }

    pub(super) fn global_ptr(&mut self, global: u32) -> Value {
        let table = self.b.ins().load(I64, flags(), self.vmctx, offsets::GLOBALS);
        self.b.ins().load(I64, flags(), table, (global * 8) as i32)
    }

    pub(super) fn consume_gas(&mut self, amount: u64) {
        if self.env.module.interruptible {
            let flag = self.b.ins().load(I64, flags(), self.vmctx, offsets::INTERRUPT);
            let set = self.b.ins().atomic_load(I8, MemFlagsData::trusted(), flag);
            self.trap_if(set, TrapCode::Interrupted);
        }
        if self.env.metered && amount > 0 {
            let gas = self.b.use_var(self.gas);
            let short = self.b.ins().icmp_imm_s(IntCC::UnsignedLessThan, gas, amount as i64);
            self.trap_if(short, TrapCode::OutOfGas);
            let left = self.b.ins().iadd_imm_s(gas, (amount as i64).wrapping_neg());
            self.b.def_var(self.gas, left);
        }
    }

    pub(super) fn canon_nan(&mut self, slot: u32, ty: Ty) {
        let x = self.get_ty(ty, slot);
        let nan = self.b.ins().fcmp(FloatCC::Unordered, x, x);
        let bits = self.get(slot);
        let canon = match ty {
            Ty::F32 => 0x7fc0_0000i64,
            _ => 0x7ff8_0000_0000_0000,
        };
        let canon = self.b.ins().iconst(I64, canon);
        let r = self.b.ins().select(nan, canon, bits);
        self.set(slot, r);
    }

    /// A libcall that may trap (and refreshes memory, which it may change).
    pub(super) fn runtime(&mut self, addr: usize, args: &[Value]) -> Option<Value> {
        let mut all = vec![self.vmctx];
        all.extend_from_slice(args);
        self.gas_out();
        let r = self.libcall(addr, &all);
        self.gas_in();
        self.check_trap();
        self.reload_memory();
        r
    }
}
