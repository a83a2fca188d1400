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
use wasmparser::{BlockType, FunctionBody, Operator};

mod consts;
mod control;
mod fusion;
mod metering;
mod ops;
mod stack;

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
    /// Bit `m` is set when memory `m` is a 64-bit memory (at most 100 memories).
    mem64: u128,
    /// Bit `t` is set when table `t` is a 64-bit table (at most 100 tables).
    tab64: u128,
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
        self.mem64 = module.memories.iter().enumerate().filter(|(_, m)| m.memory64).fold(0, |b, (i, _)| b | 1 << i);
        self.tab64 = module.tables.iter().enumerate().filter(|(_, t)| t.table64).fold(0, |b, (i, _)| b | 1 << i);
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

fn op_name(op: &Operator<'_>) -> String {
    let s = format!("{op:?}");
    s.split([' ', '{', '(']).next().unwrap_or("?").to_string()
}

#[cold]
fn unsupported(offset: usize, what: &str) -> DecodeError {
    DecodeError::new(DecodeErrorKind::Unsupported, offset, format!("{what} is not supported yet"))
}
