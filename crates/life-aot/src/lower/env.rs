//! What lowering knows of the module and the host: the native signature of a function, the
//! environment (`Env`), what the host's SIMD offers, and the memory flags of each kind of access.

use super::*;

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
    /// The calling convention of compiled functions (`compile::WASM_CALL_CONV`).
    pub call_conv: CallConv,
    /// The host's calling convention, which the libcalls use.
    pub host_call_conv: CallConv,
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

pub(super) const fn flags() -> MemFlagsData {
    MemFlagsData::trusted()
}

/// Guest memory: little-endian, may be unaligned. Never faults when every access is
/// bounds-checked first; faults on a guard page when it is not (`Env::guarded`).
pub(super) fn heap(guarded: bool) -> MemFlagsData {
    let flags = MemFlagsData::new().with_endianness(ir::Endianness::Little);
    if guarded { flags } else { flags.with_notrap() }
}

pub(super) fn vec_flags() -> MemFlagsData {
    MemFlagsData::new().with_endianness(ir::Endianness::Little)
}
