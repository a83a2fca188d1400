//! Which WebAssembly proposals the decoder accepts, and their names on the command line.

use crate::{DecodeError, DecodeErrorKind};

/// The set of WebAssembly features a module may use. Anything else is rejected at decode time.
///
/// The WebAssembly 3.0 proposals Life does not run yet (`function_references`, `exceptions`,
/// `gc`) have flags too, so
/// that a module using one is refused with the proposal's name; turning one of them on makes
/// [`decode`](crate::decode) fail with "the ... proposal is not supported yet" (see
/// [`Features::check_supported`]). Proposals also have their names, for `life --wasm NAME`:
/// see [`Features::set`] and [`Features::PROPOSALS`].
///
/// ```
/// use life_decode::Features;
/// let mvp = Features::wasm1();
/// assert!(!mvp.simd && !mvp.multi_value);
/// let mut features = Features::default();
/// features.set("extended-const", true).unwrap();
/// assert!(features.extended_const && features.check_supported().is_ok());
/// features.set("tail-call", true).unwrap();
/// assert!(features.tail_call && features.check_supported().is_ok());
/// features.set("gc", true).unwrap();
/// assert!(features.check_supported().unwrap_err().message().contains("gc"));
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
    /// Extended constant expressions (3.0): `i32`/`i64` `add`, `sub` and `mul` in global
    /// initializers and segment offsets.
    pub extended_const: bool,
    /// `return_call` and `return_call_indirect` (3.0).
    pub tail_call: bool,
    /// Several memories (3.0): any number of memories, a memory index on every memory
    /// instruction, `memory.copy` between two memories.
    pub multi_memory: bool,
    /// 64-bit memories and tables (3.0): `i64` addresses, indices, sizes and offsets.
    pub memory64: bool,
    /// Relaxed SIMD (3.0), with the deterministic profile's result for every relaxed operator,
    /// so results are the same on every engine and CPU (RATIONALE.md has the table).
    pub relaxed_simd: bool,
    /// Typed function references (3.0). Not implemented: must stay off.
    pub function_references: bool,
    /// Exception handling (3.0). Not implemented: must stay off.
    pub exceptions: bool,
    /// Garbage collection (3.0). Not implemented: must stay off.
    pub gc: bool,
}

/// A proposal's command-line name, what it is, and whether Life implements it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Proposal {
    /// The name `--wasm` takes, as wasmtime's `-W` spells it (e.g. `extended-const`).
    pub name: &'static str,
    /// Whether Life runs modules that use it; an unimplemented one cannot be turned on.
    pub implemented: bool,
    /// One line about it.
    pub about: &'static str,
}

macro_rules! proposals {
    ($($field:ident: $name:literal, $implemented:literal, $about:literal;)*) => {
        impl Features {
            /// Every proposal with a flag, in the order `--help` lists them.
            pub const PROPOSALS: &'static [Proposal] =
                &[$(Proposal { name: $name, implemented: $implemented, about: $about }),*];

            fn flag(&mut self, name: &str) -> Option<&mut bool> {
                match name {
                    $($name => Some(&mut self.$field),)*
                    _ => None,
                }
            }

            fn flags(&self) -> impl Iterator<Item = (&'static str, bool, bool)> {
                [$(($name, $implemented, self.$field)),*].into_iter()
            }
        }
    };
}

proposals! {
    mutable_global: "mutable-global", true, "import and export mutable globals (1.0)";
    multi_value: "multi-value", true, "several results, block parameters (2.0)";
    sign_extension: "sign-extension", true, "i32.extend8_s and friends (2.0)";
    saturating_float_to_int: "nontrapping-float-to-int", true, "*.trunc_sat_* (2.0)";
    bulk_memory: "bulk-memory", true, "memory.copy, memory.fill, passive segments (2.0)";
    reference_types: "reference-types", true, "funcref and externref values, several tables (2.0)";
    simd: "simd", true, "128-bit SIMD (2.0)";
    extended_const: "extended-const", true, "add, sub and mul in constant expressions (3.0)";
    tail_call: "tail-call", true, "return_call and friends (3.0)";
    multi_memory: "multi-memory", true, "several memories (3.0)";
    memory64: "memory64", true, "64-bit memories and tables (3.0)";
    relaxed_simd: "relaxed-simd", true, "relaxed SIMD, deterministic results (3.0)";
    function_references: "function-references", false, "typed function references (3.0)";
    exceptions: "exceptions", false, "exception handling (3.0)";
    gc: "gc", false, "garbage collection (3.0)";
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
            extended_const: false,
            tail_call: false,
            multi_memory: false,
            memory64: false,
            relaxed_simd: false,
            function_references: false,
            exceptions: false,
            gc: false,
        }
    }

    /// WebAssembly 2.0.
    pub const fn wasm2() -> Self {
        Features {
            multi_value: true,
            sign_extension: true,
            saturating_float_to_int: true,
            bulk_memory: true,
            reference_types: true,
            simd: true,
            ..Features::wasm1()
        }
    }

    /// Turns the proposal called `name` (one of [`Features::PROPOSALS`]) on or off.
    ///
    /// Turning on a proposal Life does not implement is allowed here and refused by
    /// [`check_supported`](Self::check_supported) and at decode time.
    ///
    /// # Errors
    ///
    /// For an unknown name, a message that lists the known ones.
    pub fn set(&mut self, name: &str, on: bool) -> Result<(), String> {
        match self.flag(name) {
            Some(flag) => {
                *flag = on;
                Ok(())
            }
            None => {
                let known: Vec<&str> = Self::PROPOSALS.iter().map(|p| p.name).collect();
                Err(format!("unknown WebAssembly feature {name:?} (known: {})", known.join(", ")))
            }
        }
    }

    /// Whether the proposal called `name` is on; `None` for an unknown name.
    pub fn get(&self, name: &str) -> Option<bool> {
        self.flags().find(|&(n, _, _)| n == name).map(|(_, _, on)| on)
    }

    /// Checks that every proposal turned on is one Life implements.
    ///
    /// # Errors
    ///
    /// An [`Unsupported`](DecodeErrorKind::Unsupported) error naming the first proposal that is
    /// on but not implemented: "the gc proposal is not supported yet".
    pub fn check_supported(&self) -> Result<(), DecodeError> {
        match self.flags().find(|&(_, implemented, on)| on && !implemented) {
            Some((name, _, _)) => Err(DecodeError::new(
                DecodeErrorKind::Unsupported,
                0usize,
                format!("the {name} proposal is not supported yet"),
            )),
            None => Ok(()),
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
        f.set(W::EXTENDED_CONST, self.extended_const);
        f.set(W::TAIL_CALL, self.tail_call);
        f.set(W::MULTI_MEMORY, self.multi_memory);
        f.set(W::MEMORY64, self.memory64);
        f.set(W::RELAXED_SIMD, self.relaxed_simd);
        f.set(W::FUNCTION_REFERENCES, self.function_references);
        f.set(W::EXCEPTIONS, self.exceptions);
        f.set(W::GC, self.gc);
        f
    }

    /// The proposal a validator message is about when that proposal is off and the message
    /// does not say so itself (wasmparser names most proposals, but not these).
    pub(crate) fn missing_proposal(&self, message: &str) -> Option<&'static str> {
        const EXTENDED: [&str; 6] = ["i32.add", "i32.sub", "i32.mul", "i64.add", "i64.sub", "i64.mul"];
        if !self.extended_const
            && let Some(op) = message.strip_prefix("constant expression required: non-constant operator: ")
            && EXTENDED.contains(&op)
        {
            return Some("extended-const");
        }
        if !self.multi_memory && message == "multiple memories" {
            return Some("multi-memory");
        }
        if !self.relaxed_simd && message == "relaxed SIMD support is not enabled" {
            return Some("relaxed-simd");
        }
        if !self.tail_call && message == "tail calls support is not enabled" {
            return Some("tail-call");
        }
        None
    }
}

impl Default for Features {
    /// WebAssembly 2.0, all of which the interpreter implements.
    fn default() -> Self {
        Features::wasm2()
    }
}
