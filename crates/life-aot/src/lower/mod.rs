//! Lowering one function body from Life's register IR to Cranelift IR.
//!
//! Every frame slot becomes a Cranelift variable of type `i64` holding exactly the bits the
//! interpreter keeps in that slot (an `i32` zero-extended, an `f32` in the low half, a `v128` in
//! two slots), so untyped data movement (`copy`, `move`, calls, returns) needs no type
//! information and both engines agree on every slot. Locals whose type the IR records are the
//! exception: an `f32` or `f64` local is a float variable, a `v128` local one vector variable
//! for both its slots, converted only where a slot is read or written as bits. Cranelift's SSA
//! construction turns the variables into registers; conversions between `i64` and the op's own
//! type cost nothing for integers and one register move for floats.
//!
//! Traps never use hardware faults: each check branches to a per-function cold block that
//! records the trap through a libcall and returns; callers test `VmCtx::trap` after every call
//! and unwind the same way, recording the stack trace as they go.

use crate::{libcalls::Libcalls, vmctx::offsets};
use cranelift_codegen::ir::{
    self, AbiParam, Block, BlockArg, FuncRef, InstBuilder, JumpTableData, MemFlagsData, SigRef, Signature,
    StackSlotData, StackSlotKind, Type, Value,
    condcodes::{FloatCC, IntCC},
    types::{F32, F32X4, F64, F64X2, I8, I16, I32, I32X4, I64, I64X2},
};
use cranelift_codegen::isa::CallConv;
use cranelift_frontend::{FunctionBuilder, Variable};
use life_decode::{
    Module, TrapCode, ValType, acc_ops_pattern, for_each_acc_op, for_each_branch_op, for_each_compare_op,
    for_each_inc_branch_op, for_each_simd_memory_op, for_each_simd_op,
    ir::{
        FuncBody, Op,
        compare::{self, Cmp, Rhs, Width, as_branch, as_compare},
    },
    ops_pattern,
};
use std::collections::HashMap;

mod calls;
mod env;
mod memory;
mod ops;
mod runtime;

pub(crate) use env::{Callees, Env, SimdSupport, signature};
use env::{flags, heap, vec_flags};

/// The scalar type an op reads or writes.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ty {
    I32,
    I64,
    F32,
    F64,
}

pub(crate) struct Lower<'a, 'b, C: Callees> {
    b: FunctionBuilder<'b>,
    env: &'a Env<'a>,
    callees: &'a mut C,
    body: &'a FuncBody,
    /// Defined-function index of this body.
    index: u32,
    /// Frame slot variables, then the memory view.
    slots: Vec<Variable>,
    /// The type of each slot's variable.
    kinds: Vec<Ty>,
    /// For the slots of a `v128` local, which half of it they are: both halves live in one
    /// `i64x2` variable, the low slot's.
    halves: Vec<Option<u8>>,
    mem_base: Variable,
    mem_len: Variable,
    /// Gas left, kept in a register while metering (see `gas_out`/`gas_in`).
    gas: Variable,
    vmctx: Value,
    budget: Value,
    result_slots: u32,
    /// Cranelift block of each IR pc that starts a basic block.
    blocks: HashMap<u32, Block>,
    /// Cold blocks raising a trap, with whether they record this function in the trace.
    trap_blocks: Vec<(TrapCode, bool, Block)>,
    unwind_block: Option<Block>,
    /// Scratch stack memory for calls through the runtime and SIMD fallbacks.
    scratch: Option<(ir::StackSlot, u32)>,
    sigs: HashMap<(u32, u32), SigRef>,
    /// The typed value behind each slot-form value made by `set_ty`: reading the slot back as
    /// that type reuses it instead of converting twice (which Cranelift does not fold).
    typed: HashMap<(Value, u8), Value>,
    /// The vector each pair of halves made by `set_v128` was split from: reading the pair back
    /// as a vector reuses it, so chains of SIMD ops stay in vector registers. The halves are
    /// computed right after the vector, so it is available wherever both are.
    vectors: HashMap<(Value, Value), Value>,
    /// Vectors built from halves (or splatted) in the current IR block, by the same key: valid
    /// only until the next block starts, since they need not dominate later uses of the halves.
    block_vectors: HashMap<(Value, Value), Value>,
    /// Whether the body touches linear memory; if not, the memory view is never loaded.
    uses_memory: bool,
    /// The op being lowered.
    pc: u32,
    /// Later accesses whose bounds an earlier check of a larger range covers (see `address`).
    covered: std::collections::HashSet<u32>,
    /// The memory loads and stores access: 0, or another one after a `select_memory` (until
    /// the `select_memory 0` right after the access).
    selected: u32,
}

impl<'a, 'b, C: Callees> Lower<'a, 'b, C> {
    /// Lowers defined function `index` into `b`'s function.
    pub(crate) fn run(
        mut b: FunctionBuilder<'b>,
        env: &'a Env<'a>,
        callees: &'a mut C,
        index: u32,
        body: &'a FuncBody,
    ) {
        let module = env.module;
        let ty = module.func_type(module.num_imported_funcs + index);
        let nslots = body.frame_slots as usize + 2;
        // Float locals get float variables and v128 locals one vector variable (in their low
        // slot's place), so loops carry them in float and vector registers; every other slot
        // (temporaries, integers, references) is an `i64`.
        let mut kinds = vec![Ty::I64; nslots];
        let mut halves = vec![None; nslots];
        let mut at = 0usize;
        for &t in &body.local_types {
            match t {
                ValType::F32 => kinds[at] = Ty::F32,
                ValType::F64 => kinds[at] = Ty::F64,
                ValType::V128 => (halves[at], halves[at + 1]) = (Some(0), Some(1)),
                _ => {}
            }
            at += t.slots() as usize;
        }
        let slots: Vec<Variable> = (0..nslots)
            .map(|s| {
                b.declare_var(match (kinds[s], halves[s]) {
                    (_, Some(_)) => I64X2,
                    (Ty::F32, _) => F32,
                    (Ty::F64, _) => F64,
                    _ => I64,
                })
            })
            .collect();
        let mem_base = b.declare_var(I64);
        let mem_len = b.declare_var(I64);
        let gas = b.declare_var(I64);
        let entry = b.create_block();
        b.append_block_params_for_function_params(entry);
        b.switch_to_block(entry);
        let params = b.block_params(entry).to_vec();
        let (vmctx, budget) = (params[0], params[1]);
        let mut this = Lower {
            b,
            env,
            callees,
            body,
            index,
            slots,
            kinds,
            halves,
            mem_base,
            mem_len,
            gas,
            vmctx,
            budget,
            result_slots: ty.result_slots(),
            blocks: HashMap::new(),
            trap_blocks: Vec::new(),
            unwind_block: None,
            scratch: None,
            sigs: HashMap::new(),
            typed: HashMap::new(),
            vectors: HashMap::new(),
            block_vectors: HashMap::new(),
            uses_memory: body.ops.iter().any(|op| op.facts().touches_memory()),
            pc: 0,
            covered: std::collections::HashSet::new(),
            selected: 0,
        };
        let zeros = this.zero_vector();
        for s in 0..body.local_slots as usize {
            if this.halves[s] == Some(0) {
                this.b.def_var(this.slots[s], zeros);
            }
        }
        for (i, &p) in params[2..].iter().enumerate() {
            this.set(i as u32, p);
        }
        let zero = this.b.ins().iconst(I64, 0);
        for s in body.param_slots..body.local_slots {
            if this.halves[s as usize].is_none() {
                this.set(s, zero);
            }
        }
        this.gas_in();
        this.prologue();
        this.reload_memory();
        this.find_blocks();
        this.lower_body();
        this.finish_cold_blocks();
        this.b.seal_all_blocks();
        let frontend = env.frontend;
        this.b.finalize(frontend);
    }

    // ---- Slots ----

    /// Slot `s` in slot form (`i64`).
    fn get(&mut self, s: u32) -> Value {
        if let Some(half) = self.halves[s as usize] {
            let v = self.b.use_var(self.slots[(s - half as u32) as usize]);
            return self.b.ins().extractlane(v, half);
        }
        let v = self.b.use_var(self.slots[s as usize]);
        match self.kinds[s as usize] {
            Ty::F64 => self.b.ins().bitcast(I64, MemFlagsData::new(), v),
            Ty::F32 => {
                let x = self.b.ins().bitcast(I32, MemFlagsData::new(), v);
                self.b.ins().uextend(I64, x)
            }
            _ => v,
        }
    }
    /// Sets slot `s` from slot form (`i64`).
    fn set(&mut self, s: u32, v: Value) {
        if let Some(half) = self.halves[s as usize] {
            let var = self.slots[(s - half as u32) as usize];
            let vector = self.b.use_var(var);
            let vector = self.b.ins().insertlane(vector, v, half);
            self.b.def_var(var, vector);
            return;
        }
        let v = match self.kinds[s as usize] {
            Ty::F64 => self.b.ins().bitcast(F64, MemFlagsData::new(), v),
            Ty::F32 => {
                let x = self.b.ins().ireduce(I32, v);
                self.b.ins().bitcast(F32, MemFlagsData::new(), x)
            }
            _ => v,
        };
        self.b.def_var(self.slots[s as usize], v);
    }
    pub(crate) fn get_ty(&mut self, ty: Ty, s: u32) -> Value {
        if ty == self.kinds[s as usize] && ty != Ty::I64 {
            return self.b.use_var(self.slots[s as usize]);
        }
        let v = self.get(s);
        if let Some(&t) = self.typed.get(&(v, ty as u8)) {
            return t;
        }
        match ty {
            Ty::I64 => v,
            Ty::I32 => self.b.ins().ireduce(I32, v),
            Ty::F32 => {
                let x = self.b.ins().ireduce(I32, v);
                self.b.ins().bitcast(F32, MemFlagsData::new(), x)
            }
            Ty::F64 => self.b.ins().bitcast(F64, MemFlagsData::new(), v),
        }
    }
    pub(crate) fn set_ty(&mut self, ty: Ty, s: u32, typed: Value) {
        if ty == self.kinds[s as usize] && ty != Ty::I64 {
            self.b.def_var(self.slots[s as usize], typed);
            return;
        }
        let v = typed;
        let v = match ty {
            Ty::I64 => v,
            Ty::I32 => self.b.ins().uextend(I64, v),
            Ty::F32 => {
                let x = self.b.ins().bitcast(I32, MemFlagsData::new(), v);
                self.b.ins().uextend(I64, x)
            }
            Ty::F64 => self.b.ins().bitcast(I64, MemFlagsData::new(), v),
        };
        if !matches!(ty, Ty::I64) {
            // `v` is computed right after `typed`, so `typed` is available wherever `v` is.
            self.typed.insert((v, ty as u8), typed);
        }
        self.set(s, v);
    }
    fn get32(&mut self, s: u32) -> Value {
        self.get_ty(Ty::I32, s)
    }
    /// A `v128` from slots `s` and `s + 1`, as a vector of type `ty`: the vector the halves
    /// were split from if known, a constant if both are, else built from the halves.
    pub(crate) fn get_v128(&mut self, ty: Type, s: u32) -> Value {
        if self.halves[s as usize] == Some(0) {
            let v = self.b.use_var(self.slots[s as usize]);
            return self.vector_as(ty, v);
        }
        let (lo, hi) = (self.get(s), self.get(s + 1));
        let v = match self.known_vector(lo, hi) {
            Some(v) => v,
            None => {
                let v = match (self.iconst_of(lo), self.iconst_of(hi)) {
                    (Some(l), Some(h)) => {
                        let bytes = ((h as u64 as u128) << 64 | l as u64 as u128).to_le_bytes();
                        let c = self.b.func.dfg.constants.insert(bytes.to_vec().into());
                        self.b.ins().vconst(ty, c)
                    }
                    _ => {
                        let v = self.b.ins().scalar_to_vector(I64X2, lo);
                        self.b.ins().insertlane(v, hi, 1)
                    }
                };
                self.block_vectors.insert((lo, hi), v);
                v
            }
        };
        self.vector_as(ty, v)
    }
    /// The vector slots `s` and `s + 1` are known to hold (see `vectors`), if any.
    pub(crate) fn cached_v128(&mut self, s: u32) -> Option<Value> {
        if self.halves[s as usize] == Some(0) {
            return Some(self.b.use_var(self.slots[s as usize]));
        }
        let (lo, hi) = (self.get(s), self.get(s + 1));
        self.known_vector(lo, hi)
    }
    fn known_vector(&self, lo: Value, hi: Value) -> Option<Value> {
        self.vectors.get(&(lo, hi)).or_else(|| self.block_vectors.get(&(lo, hi))).copied()
    }
    fn zero_vector(&mut self) -> Value {
        let c = self.b.func.dfg.constants.insert(vec![0u8; 16].into());
        self.b.ins().vconst(I64X2, c)
    }
    fn vector_as(&mut self, ty: Type, v: Value) -> Value {
        if self.b.func.dfg.value_type(v) == ty { v } else { self.b.ins().bitcast(ty, vec_flags(), v) }
    }
    /// The constant `v` is, if it is an `iconst`.
    pub(crate) fn iconst_of(&self, v: Value) -> Option<i64> {
        let ir::ValueDef::Result(inst, _) = self.b.func.dfg.value_def(v) else { return None };
        match self.b.func.dfg.insts[inst] {
            ir::InstructionData::UnaryImm { opcode: ir::Opcode::Iconst, imm } => Some(imm.bits()),
            _ => None,
        }
    }
    /// Sets slots `s` and `s + 1` to the halves of vector `v` (of any 128-bit type). Unused
    /// halves cost nothing: Cranelift drops them.
    pub(crate) fn set_v128(&mut self, s: u32, v: Value) {
        let v64 = self.vector_as(I64X2, v);
        if self.halves[s as usize] == Some(0) {
            self.b.def_var(self.slots[s as usize], v64);
            return;
        }
        let lo = self.b.ins().extractlane(v64, 0);
        let hi = self.b.ins().extractlane(v64, 1);
        self.vectors.insert((lo, hi), v);
        self.set(s, lo);
        self.set(s + 1, hi);
    }
    /// Sets slots `s` and `s + 1` to `lo` and `hi`, remembering for this block that they make
    /// up vector `v`.
    pub(crate) fn set_v128_halves(&mut self, s: u32, lo: Value, hi: Value, v: Value) {
        self.block_vectors.insert((lo, hi), v);
        self.set(s, lo);
        self.set(s + 1, hi);
    }
    fn bool_to_slot(&mut self, s: u32, c: Value) {
        let v = self.b.ins().uextend(I64, c);
        self.set(s, v);
    }

    // ---- Blocks, traps, unwinding ----

    fn find_blocks(&mut self) {
        let ops = &self.body.ops;
        let mut starts = vec![0u32];
        for (pc, op) in ops.iter().enumerate() {
            let pc = pc as u32;
            let mut op = *op;
            if let Some(t) = op.target_mut() {
                starts.push(*t);
            }
            if matches!(op, Op::BrTable { .. }) {
                let Op::BrTable { table, len, .. } = op else { unreachable!() };
                starts.extend(self.body.br_tables[table as usize..=(table + len) as usize].iter().copied());
            }
            if ends_block(&op) && pc + 1 < ops.len() as u32 {
                starts.push(pc + 1);
            }
        }
        for s in starts {
            if !self.blocks.contains_key(&s) {
                let block = self.b.create_block();
                self.blocks.insert(s, block);
            }
        }
    }

    fn block_at(&self, pc: u32) -> Block {
        self.blocks[&pc]
    }

    /// The cold block that raises `code` in this function; `record` puts the function in the
    /// stack trace (entry checks do not: the interpreter raises those in the caller).
    fn trap_block(&mut self, code: TrapCode, record: bool) -> Block {
        if let Some(&(_, _, b)) = self.trap_blocks.iter().find(|(c, r, _)| *c == code && *r == record) {
            return b;
        }
        let b = self.b.create_block();
        self.b.set_cold_block(b);
        self.trap_blocks.push((code, record, b));
        b
    }

    /// Branches to a trap block when `cond` (an `i8` truth value) holds, continuing in a new block.
    fn trap_if(&mut self, cond: Value, code: TrapCode) {
        self.trap_if_in(cond, code, true)
    }

    fn trap_if_in(&mut self, cond: Value, code: TrapCode, record: bool) {
        let trap = self.trap_block(code, record);
        let cont = self.b.create_block();
        self.b.ins().brif(cond, trap, &[], cont, &[]);
        self.continue_in(cont);
    }

    /// Switches to `block`, whose predecessors are all emitted, and seals it: reading a slot
    /// there then finds the value defined before the branch, not a placeholder parameter, so
    /// the typed and vector caches keep working after a check.
    fn continue_in(&mut self, block: Block) {
        self.b.switch_to_block(block);
        self.b.seal_block(block);
    }

    fn trap_now(&mut self, code: TrapCode) {
        let trap = self.trap_block(code, true);
        self.b.ins().jump(trap, &[]);
    }

    /// After a call: unwinds if the callee left a trap pending.
    fn check_trap(&mut self) {
        let t = self.b.ins().load(I32, flags(), self.vmctx, offsets::TRAP);
        let unwind = match self.unwind_block {
            Some(b) => b,
            None => {
                let b = self.b.create_block();
                self.b.set_cold_block(b);
                self.unwind_block = Some(b);
                b
            }
        };
        let cont = self.b.create_block();
        self.b.ins().brif(t, unwind, &[], cont, &[]);
        self.continue_in(cont);
    }

    fn return_zeros(&mut self) {
        let zero = self.b.ins().iconst(I64, 0);
        let rets = vec![zero; self.result_slots as usize];
        self.b.ins().return_(&rets);
    }

    /// The trap blocks raise their trap, the unwind block records this frame; then, where traps
    /// leave the call in one jump (`Env::unwinds`), nothing returns, else this frame returns
    /// and its caller's `check_trap` unwinds further.
    fn finish_cold_blocks(&mut self) {
        let libcalls = self.env.libcalls;
        for (code, record, block) in std::mem::take(&mut self.trap_blocks) {
            self.b.switch_to_block(block);
            let code = TrapCode::ALL.iter().position(|&c| c == code).unwrap_or(0) as i64;
            let code = self.b.ins().iconst(I32, code);
            let index = self.b.ins().iconst(I32, if record { self.index as i64 } else { -1 });
            self.gas_out();
            let vmctx = self.vmctx;
            self.libcall(if self.env.unwinds { libcalls.raise } else { libcalls.trap }, &[vmctx, code, index]);
            self.return_zeros();
        }
        if let Some(block) = self.unwind_block {
            self.b.switch_to_block(block);
            let index = self.b.ins().iconst(I32, self.index as i64);
            self.gas_out();
            let vmctx = self.vmctx;
            if self.env.unwinds {
                let pending = self.b.ins().iconst(I32, -1);
                self.libcall(libcalls.raise, &[vmctx, pending, index]);
            } else {
                self.libcall(libcalls.unwind, &[vmctx, index]);
            }
            self.return_zeros();
        }
    }

    // ---- The body ----

    fn lower_body(&mut self) {
        let ops = &self.body.ops;
        let mut terminated = false;
        for pc in 0..ops.len() as u32 {
            if let Some(&block) = self.blocks.get(&pc) {
                if !terminated {
                    self.b.ins().jump(block, &[]);
                }
                self.b.switch_to_block(block);
                self.block_vectors.clear();
            } else if terminated {
                continue;
            }
            let op = ops[pc as usize];
            self.pc = pc;
            self.lower_op(pc, op);
            terminated = ends_block(&op);
        }
        if !terminated {
            self.ret(0, self.result_slots);
        }
    }

    fn ret(&mut self, from: u32, n: u32) {
        self.gas_out();
        let vals: Vec<Value> = (0..n).map(|i| self.get(from + i)).collect();
        self.b.ins().return_(&vals);
    }
}

/// See [`crate::complexity`].
pub(crate) fn complexity(body: &life_decode::ir::FuncBody) -> u64 {
    let temps = u64::from(body.frame_slots - body.local_slots);
    let points = body.ops.iter().filter(|op| !op.facts().is_pure()).count() as u64;
    temps.saturating_mul(points + temps / 16)
}

/// Whether control never falls through `op` to the next op.
fn ends_block(op: &Op) -> bool {
    let mut op = *op;
    matches!(op, Op::Unreachable {} | Op::Br { .. } | Op::BrTable { .. } | Op::Return {} | Op::ReturnSlot { .. })
        || matches!(op, Op::ReturnMany { .. } | Op::ReturnCall { .. } | Op::ReturnCallIndirect { .. })
        || (op.target_mut().is_some() && !matches!(op, Op::Br { .. }))
}

// Helpers the SIMD module uses.
impl<'b, C: Callees> Lower<'_, 'b, C> {
    pub(crate) fn simd_get(&mut self, s: u32) -> (Value, Value) {
        (self.get(s), self.get(s + 1))
    }
    pub(crate) fn simd_set(&mut self, s: u32, lo: Value, hi: Value) {
        self.set(s, lo);
        self.set(s + 1, hi);
    }
    pub(crate) fn simd_set_vec(&mut self, s: u32, v: Value) {
        self.set_v128(s, v)
    }
    pub(crate) fn simd_address(&mut self, addr: u32, offset: u32, size: u32) -> Value {
        self.address(addr, offset, size)
    }
    pub(crate) fn builder(&mut self) -> &mut FunctionBuilder<'b> {
        &mut self.b
    }
    pub(crate) fn heap_flags(&self) -> MemFlagsData {
        heap(self.env.guarded)
    }
    pub(crate) fn simd_support(&self) -> SimdSupport {
        self.env.simd
    }
}
