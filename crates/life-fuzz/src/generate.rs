//! Inputs: wasm-smith modules for WebAssembly 2.0 with tail calls, call arguments, and the
//! seeded byte source of the smoke run.

use arbitrary::{Result, Unstructured};
use life_decode::{F32, F64, FuncType, ValType, Value};
use wasm_smith::{Config, Module};

/// How many times `ensure_termination` lets loops and calls run before the module traps with
/// `unreachable`. It is a global of the module, so it spans every call of one instance.
pub const TERMINATION_FUEL: u32 = 10_000;

/// A wasm-smith configuration drawn from `u`, then pinned to WebAssembly 2.0 (SIMD included)
/// plus the 3.0 proposals Life runs and the harnesses compare (tail calls, and multi-memory: up
/// to four memories), and to sizes that fit the harnesses' [`limits`](crate::engine::limits).
///
/// # Errors
///
/// Only when `u` cannot be read, which `arbitrary` treats as "use defaults" in practice.
pub fn config(u: &mut Unstructured<'_>) -> Result<Config> {
    config_with(u, Proposals::default())
}

/// The WebAssembly 3.0 proposals a generated module may use besides 2.0.
///
/// Only harnesses without the oracle take them: relaxed SIMD leaves results to the
/// implementation, and wasmi chooses differently from Life (a fused `relaxed_madd`, a wrapping
/// `relaxed_dot`), so only Life's engines, which make the same choices, can be compared on it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Proposals {
    /// Relaxed SIMD (wasm-smith's `relaxed_simd_enabled`).
    pub relaxed_simd: bool,
}

impl Proposals {
    /// Every proposal a harness without the oracle runs.
    pub const LIFE_ONLY: Proposals = Proposals { relaxed_simd: true };
}

/// [`config`], with `proposals` allowed too.
///
/// # Errors
///
/// As [`config`].
pub fn config_with(u: &mut Unstructured<'_>, proposals: Proposals) -> Result<Config> {
    let mut c: Config = u.arbitrary()?;
    // Every WebAssembly 2.0 feature ...
    c.multi_value_enabled = true;
    c.bulk_memory_enabled = true;
    c.reference_types_enabled = true;
    c.simd_enabled = true;
    c.saturating_float_to_int_enabled = true;
    c.sign_extension_ops_enabled = true;
    // ... the 3.0 proposals Life runs and wasmi compares (wasm-smith turns multi-memory on
    // when `max_memories` is above 1) ...
    c.tail_call_enabled = true;
    // ... and no other, unless asked for.
    c.relaxed_simd_enabled = proposals.relaxed_simd;
    c.exceptions_enabled = false;
    c.threads_enabled = false;
    c.shared_everything_threads_enabled = false;
    c.gc_enabled = false;
    c.custom_descriptors_enabled = false;
    c.compact_imports_enabled = false;
    c.custom_page_sizes_enabled = false;
    c.memory64_enabled = false;
    c.wide_arithmetic_enabled = false;
    c.extended_const_enabled = false;
    c.acquire_release_atomics_enabled = false;
    c.multibyte_array_access_enabled = false;
    c.max_memories = c.max_memories.min(4);
    c.min_memories = c.min_memories.min(1);
    c.max_tables = c.max_tables.clamp(1, 4);
    c.min_tables = c.min_tables.min(1);
    // Sizes that fit the limits, so most modules instantiate.
    c.max_memory32_bytes = c.max_memory32_bytes.min(16 * 65536);
    c.max_table_elements = c.max_table_elements.min(1_000);
    c.max_imports = c.max_imports.min(8);
    // At least one function with a body worth running.
    c.max_funcs = c.max_funcs.clamp(1, 40);
    c.min_funcs = c.min_funcs.clamp(1, c.max_funcs);
    c.max_instructions = c.max_instructions.clamp(20, 400);
    c.max_data_segments = c.max_data_segments.min(20);
    c.max_element_segments = c.max_element_segments.min(20);
    c.max_elements = c.max_elements.min(100);
    c.max_type_size = c.max_type_size.min(1000);
    // wasm-smith's trap guards compute `select(1, x, i32.eqz(x))`, which wasmi 2.0.0 evaluates
    // wrongly (tests/regressions/wasmi-select-eqz.wat); without guards, traps are compared instead.
    c.disallow_traps = false;
    // Float results are compared bit for bit: wasm-smith canonicalizes NaNs after every float
    // operation whose NaN bits the spec leaves open.
    c.canonicalize_nans = true;
    // Every global, memory and table is exported, so the differential harness compares all state.
    c.export_everything = true;
    c.allow_start_export = true;
    c.allow_invalid_funcs = false;
    Ok(c)
}

/// A module from `u`, instrumented to terminate.
///
/// # Errors
///
/// When wasm-smith gives up on `u` (rare; the caller skips the input).
pub fn module(u: &mut Unstructured<'_>) -> Result<Vec<u8>> {
    module_with(u, Proposals::default())
}

/// [`module`], with `proposals` allowed too.
///
/// # Errors
///
/// As [`module`].
pub fn module_with(u: &mut Unstructured<'_>, proposals: Proposals) -> Result<Vec<u8>> {
    let config = config_with(u, proposals)?;
    let mut module = Module::new(config, u)?;
    module.ensure_termination(TERMINATION_FUEL).map_err(|_| arbitrary::Error::IncorrectFormat)?;
    Ok(module.to_bytes())
}

/// Arguments for a function of type `ty`. Function references are null (their addresses mean
/// nothing across engines); externrefs are null or a small host value.
pub fn args(u: &mut Unstructured<'_>, ty: &FuncType) -> Vec<Value> {
    ty.params().iter().map(|&t| arg(u, t)).collect()
}

fn arg(u: &mut Unstructured<'_>, ty: ValType) -> Value {
    // An exhausted `u` gives zeros, which are good arguments too.
    match ty {
        ValType::I32 => Value::I32(interesting(u, |u| u.arbitrary().unwrap_or(0), &[0, 1, -1, i32::MIN, i32::MAX])),
        ValType::I64 => Value::I64(interesting(u, |u| u.arbitrary().unwrap_or(0), &[0, 1, -1, i64::MIN, i64::MAX])),
        ValType::F32 => Value::F32(F32::from_bits(interesting(
            u,
            |u| u.arbitrary().unwrap_or(0),
            &[0, 0x8000_0000, 0x3f80_0000, 0x7fc0_0000, 0x7f80_0000, 0x4f00_0000],
        ))),
        ValType::F64 => Value::F64(F64::from_bits(interesting(
            u,
            |u| u.arbitrary().unwrap_or(0),
            &[0, 1 << 63, 0x3ff0_0000_0000_0000, 0x7ff8_0000_0000_0000, 0x7ff0_0000_0000_0000, 0x41e0_0000_0000_0000],
        ))),
        ValType::V128 => Value::V128(u.arbitrary().unwrap_or(0)),
        ValType::FuncRef => Value::FuncRef(None),
        ValType::ExternRef => {
            Value::ExternRef(if u.arbitrary().unwrap_or(false) { Some(u.arbitrary().unwrap_or(0)) } else { None })
        }
    }
}

/// Half of the time one of the `special` values, else an arbitrary one.
fn interesting<T: Copy>(u: &mut Unstructured<'_>, any: impl Fn(&mut Unstructured<'_>) -> T, special: &[T]) -> T {
    let pick: u8 = u.arbitrary().unwrap_or(0);
    if pick & 1 == 1 { special[usize::from(pick >> 1) % special.len()] } else { any(u) }
}

/// SplitMix64: the smoke run's deterministic byte source (seed `n` always gives the same bytes).
#[derive(Debug, Clone)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    /// A generator for `seed`.
    pub fn new(seed: u64) -> Self {
        SplitMix64(seed)
    }

    /// The next word.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n`, or 0 when `n` is 0.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64().checked_rem(n).unwrap_or(0)
    }

    /// `len` bytes.
    pub fn bytes(&mut self, len: usize) -> Vec<u8> {
        let mut out = Vec::with_capacity(len + 8);
        while out.len() < len {
            out.extend_from_slice(&self.next_u64().to_le_bytes());
        }
        out.truncate(len);
        out
    }
}
