//! Which WebAssembly proposals the decoder accepts.

/// The set of WebAssembly features a module may use. Anything else is rejected at decode time.
///
/// ```
/// use life_decode::Features;
/// let mvp = Features::wasm1();
/// assert!(!mvp.simd && !mvp.multi_value);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Features {
    /// Mutable globals may be imported and exported (part of 1.0).
    pub mutable_global: bool,
    /// Several results for functions and blocks, block parameters.
    pub multi_value: bool,
    /// `i32.extend8_s` and friends.
    pub sign_extension: bool,
    /// `*.trunc_sat_*`.
    pub saturating_float_to_int: bool,
    /// `memory.copy`, `memory.fill`, passive segments and friends.
    pub bulk_memory: bool,
    /// `funcref`/`externref` values, several tables.
    pub reference_types: bool,
    /// 128-bit SIMD.
    pub simd: bool,
    /// Float instructions. Turning this off is the `--no-fp` deterministic mode: wasmparser's
    /// `floats` feature refuses the first float instruction, which the error names (float types
    /// alone are accepted; their values are bits).
    pub floats: bool,
}

impl Features {
    /// WebAssembly 1.0 (the MVP plus mutable globals).
    pub const fn wasm1() -> Self {
        Features {
            mutable_global: true,
            multi_value: false,
            sign_extension: false,
            saturating_float_to_int: false,
            bulk_memory: false,
            reference_types: false,
            simd: false,
            floats: true,
        }
    }

    /// WebAssembly 2.0.
    pub const fn wasm2() -> Self {
        Features {
            mutable_global: true,
            multi_value: true,
            sign_extension: true,
            saturating_float_to_int: true,
            bulk_memory: true,
            reference_types: true,
            simd: true,
            floats: true,
        }
    }

    pub(crate) fn to_wasmparser(self) -> wasmparser::WasmFeatures {
        use wasmparser::WasmFeatures as W;
        let mut f = W::GC_TYPES;
        // Float types alone are harmless (values pass through as bits): the module validator
        // accepts them, and `decode` turns `FLOATS` off for function bodies only, so that
        // wasmparser refuses float *instructions*.
        f.set(W::FLOATS, true);
        f.set(W::MUTABLE_GLOBAL, self.mutable_global);
        f.set(W::MULTI_VALUE, self.multi_value);
        f.set(W::SIGN_EXTENSION, self.sign_extension);
        f.set(W::SATURATING_FLOAT_TO_INT, self.saturating_float_to_int);
        f.set(W::BULK_MEMORY, self.bulk_memory);
        f.set(W::REFERENCE_TYPES, self.reference_types);
        f.set(W::SIMD, self.simd);
        f
    }
}

impl Default for Features {
    /// WebAssembly 2.0, all of which the interpreter implements.
    fn default() -> Self {
        Features::wasm2()
    }
}
