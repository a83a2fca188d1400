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

/// The native signature of a function with `params` argument slots and `results` result slots:
/// `(vmctx, budget, slots...) -> slots...`, every slot an `i64`.
///
/// `budget` packs what the callee may still use, so that the entry checks need no loads:
/// the high 32 bits are the frames that may still be entered below the caller's (negative when
/// the callee itself is one too many), the low 32 bits the value-stack slots left from the
/// callee's frame base. A call passes its own budget minus one frame and the callee's base
/// offset, in one subtraction (the slot half cannot borrow: the caller's frame fits).
pub(crate) fn signature(call_conv: CallConv, params: u32, results: u32) -> Signature {
    let mut sig = Signature::new(call_conv);
    sig.params.push(AbiParam::new(I64));
    sig.params.push(AbiParam::new(I64));
    sig.params.extend((0..params).map(|_| AbiParam::new(I64)));
    sig.returns.extend((0..results).map(|_| AbiParam::new(I64)));
    sig
}

/// What lowering needs to know about the module being compiled.
pub(crate) struct Env<'a> {
    pub module: &'a Module,
    pub call_conv: CallConv,
    pub libcalls: &'a Libcalls,
    /// Whether `consume_gas` ops charge gas (else they only poll for interrupts).
    pub metered: bool,
    pub frontend: cranelift_codegen::isa::TargetFrontendConfig,
    /// Which SIMD ops the host lowers natively (the others run through the interpreter's).
    pub simd: SimdSupport,
    /// `Polymerase::max_function_complexity`.
    pub max_complexity: Option<u64>,
    /// Whether memory 0 is followed by guard pages (`guard.rs`): accesses are then not
    /// bounds-checked, the hardware catches them.
    pub guarded: bool,
    /// Whether a trap leaves the whole call in one jump (`signals.rs`): a call then returns
    /// only without a trap pending, and callers need not test for one after direct calls.
    pub unwinds: bool,
}

/// What the host's instruction set offers the SIMD lowering, as wasmtime asks it: without
/// SSE4.1 Cranelift has no vector rounding on x86, without SSSE3 no byte shuffles.
#[derive(Clone, Copy)]
pub(crate) struct SimdSupport {
    /// Lane arithmetic at all (every op not named below).
    pub lanes: bool,
    /// `ceil`, `floor`, `trunc`, `nearest`, `trunc_sat_f64x2_u_zero`.
    pub round: bool,
    /// `i8x16.shuffle`, `i8x16.swizzle`.
    pub shuffle: bool,
}

/// Imports of direct callees, made on first use.
pub(crate) trait Callees {
    /// A reference to defined function `index` usable from `func`.
    fn func_ref(&mut self, func: &mut ir::Function, index: u32) -> FuncRef;
}

const fn flags() -> MemFlagsData {
    MemFlagsData::trusted()
}

/// Guest memory: little-endian, may be unaligned. Never faults when every access is
/// bounds-checked first; faults on a guard page when it is not (`Env::guarded`).
fn heap(guarded: bool) -> MemFlagsData {
    let flags = MemFlagsData::new().with_endianness(ir::Endianness::Little);
    if guarded { flags } else { flags.with_notrap() }
}

fn vec_flags() -> MemFlagsData {
    MemFlagsData::new().with_endianness(ir::Endianness::Little)
}

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

    /// Entry checks, in the interpreter's order: call depth, value-stack slots, native stack.
    fn prologue(&mut self) {
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
    fn gas_out(&mut self) {
        if self.env.metered {
            let gas = self.b.use_var(self.gas);
            self.b.ins().store(flags(), gas, self.vmctx, offsets::GAS_LEFT);
        }
    }

    /// Reads the gas back after a call out.
    fn gas_in(&mut self) {
        if self.env.metered {
            let gas = self.b.ins().load(I64, flags(), self.vmctx, offsets::GAS_LEFT);
            self.b.def_var(self.gas, gas);
        }
    }

    fn reload_memory(&mut self) {
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
    fn memory_len(&mut self) -> Value {
        if self.env.guarded {
            self.b.ins().load(I64, flags(), self.vmctx, offsets::MEM_LEN)
        } else {
            self.b.use_var(self.mem_len)
        }
    }

    fn libcall(&mut self, addr: usize, args: &[Value]) -> Option<Value> {
        let sig = self.env.libcalls.signature(addr, self.env.call_conv);
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
    fn scratch(&mut self, slots: u32) -> Value {
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

    // ---- Memory ----

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
    fn address(&mut self, addr: u32, offset: u32, size: u32) -> Value {
        let a = self.get32(addr);
        let a = self.b.ins().uextend(I64, a);
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

    /// Marks the accesses after the current one that its check can cover (see `address`) and
    /// returns the largest end offset among them (0 if none).
    fn covered_end(&mut self, addr: u32, mut end: u64) -> u64 {
        let ops = &self.body.ops;
        let mut current = ops[self.pc as usize];
        // A store must happen before a later access traps, so it can only end a group.
        let is_store = scalar_access(&current).is_some_and(|a| a.3);
        if is_store || current.dst_mut().is_some_and(|d| *d == addr || *d + 1 == addr) {
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
    fn load(&mut self, dst: u32, addr: u32, offset: u32, ty: Type, signed: bool, out: Ty) {
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

    fn store(&mut self, addr: u32, value: u32, offset: u32, size: u32) {
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

    // ---- Calls ----

    fn shape_sig(&mut self, params: u32, results: u32) -> SigRef {
        if let Some(&s) = self.sigs.get(&(params, results)) {
            return s;
        }
        let s = self.b.import_signature(signature(self.env.call_conv, params, results));
        self.sigs.insert((params, results), s);
        s
    }

    /// The callee's budget (see [`signature`]) for a frame at slot `cb` of this one.
    fn callee_budget(&mut self, cb: u32) -> Value {
        self.b.ins().iadd_imm_s(self.budget, -((1i64 << 32) + cb as i64))
    }

    /// After a call: gas and memory may have changed, and a callee that returns through the
    /// runtime (`through_runtime`), or any callee unless traps leave the call in one jump
    /// (`Env::unwinds`), may have left a trap pending.
    fn after_call(&mut self, through_runtime: bool) {
        self.gas_in();
        if through_runtime || !self.env.unwinds {
            self.check_trap();
        }
        self.reload_memory();
    }

    fn call(&mut self, func: u32, cb: u32) {
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

    fn call_indirect(&mut self, index: u32, cb: u32, ty: u32, table: u32) {
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

    /// Asks the runtime for the code of `table[elem]` called as type `ty`: native code of this
    /// instance, or 0 for the general path (traps are left pending).
    fn indirect_resolve(&mut self, table: u32, elem: Value, ty: u32) -> Value {
        let table = self.b.ins().iconst(I32, table as i64);
        let tyv = self.b.ins().iconst(I32, ty as i64);
        let vmctx = self.vmctx;
        let code = self.libcall(self.env.libcalls.indirect, &[vmctx, table, elem, tyv]).expect("returns code");
        self.check_trap();
        code
    }

    /// `indirect_resolve` for table 0, answered from the context's cache when the element was
    /// called with this type before.
    fn indirect_cached(&mut self, elem: Value, ty: u32) -> Value {
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

    fn spill_args(&mut self, from: u32, n: u32) -> Value {
        let buf = self.scratch(n.max(16));
        for i in 0..n {
            let v = self.get(from + i);
            self.b.ins().store(flags(), v, buf, (i * 8) as i32);
        }
        buf
    }

    fn fill_results(&mut self, buf: Value, to: u32, n: u32) {
        for i in 0..n {
            let v = self.b.ins().load(I64, flags(), buf, (i * 8) as i32);
            self.set(to + i, v);
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

    fn int_cmp(&mut self, w: Width, c: Cmp, a: u32, rhs: Rhs) -> Value {
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

    fn unary(&mut self, ty: Ty, dst: u32, src: u32, out: Ty, f: impl FnOnce(&mut FunctionBuilder<'b>, Value) -> Value) {
        let x = self.get_ty(ty, src);
        let r = f(&mut self.b, x);
        self.set_ty(out, dst, r);
    }

    fn binary(
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

    fn binary_imm(
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

    fn fcmp(&mut self, ty: Ty, dst: u32, a: u32, b: u32, cc: FloatCC) {
        let x = self.get_ty(ty, a);
        let y = self.get_ty(ty, b);
        let c = self.b.ins().fcmp(cc, x, y);
        self.bool_to_slot(dst, c);
    }

    /// Integer division and remainder with the spec's traps.
    fn divide(&mut self, ty: Ty, dst: u32, a: u32, b: u32, signed: bool, rem: bool) {
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
    fn truncate(&mut self, from: Ty, dst: u32, src: u32, to: Ty, signed: bool) {
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

    fn sat(&mut self, from: Ty, dst: u32, src: u32, to: Ty, signed: bool) {
        let x = self.get_ty(from, src);
        let t = match to {
            Ty::I32 => I32,
            _ => I64,
        };
        let r = if signed { self.b.ins().fcvt_to_sint_sat(t, x) } else { self.b.ins().fcvt_to_uint_sat(t, x) };
        self.set_ty(to, dst, r);
    }

    fn convert(&mut self, from: Ty, dst: u32, src: u32, to: Ty, signed: bool) {
        let x = self.get_ty(from, src);
        let t = match to {
            Ty::F32 => F32,
            _ => F64,
        };
        let r = if signed { self.b.ins().fcvt_from_sint(t, x) } else { self.b.ins().fcvt_from_uint(t, x) };
        self.set_ty(to, dst, r);
    }

    fn extend(&mut self, ty: Ty, dst: u32, src: u32, narrow: Type) {
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
    fn simd_fallback(&mut self, pc: u32, op: Op) {
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

    fn global_ptr(&mut self, global: u32) -> Value {
        let table = self.b.ins().load(I64, flags(), self.vmctx, offsets::GLOBALS);
        self.b.ins().load(I64, flags(), table, (global * 8) as i32)
    }

    fn consume_gas(&mut self, amount: u64) {
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

    fn canon_nan(&mut self, slot: u32, ty: Ty) {
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
    fn runtime(&mut self, addr: usize, args: &[Value]) -> Option<Value> {
        let mut all = vec![self.vmctx];
        all.extend_from_slice(args);
        self.gas_out();
        let r = self.libcall(addr, &all);
        self.gas_in();
        self.check_trap();
        self.reload_memory();
        r
    }

    fn lower_op(&mut self, pc: u32, op: Op) {
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
            for_each_simd_op!(ops_pattern) => {
                if !crate::simd::lower_pure(self, op) {
                    self.simd_fallback(pc, op)
                }
            }
        }
    }
}

const I32_: Type = I32;
const I64_: Type = I64;
const F32_: Type = F32;
const F64_: Type = F64;

/// `(address slot, offset, size, is a store)` of a scalar or `v128` load or store.
fn scalar_access(op: &Op) -> Option<(u32, u32, u32, bool)> {
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
        || matches!(op, Op::ReturnMany { .. })
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
