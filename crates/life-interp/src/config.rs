//! `VmConfig`: the features a VM accepts and the resources it may use.

use life_decode::{DecodeOptions, DefaultGasPolicy, Features, GasPolicy, ModuleLimits};
use std::{sync::Arc, time::Duration};

/// How a VM decodes modules and what guest code may consume.
///
/// ```
/// use life_interp::VmConfig;
/// let config = VmConfig { max_call_depth: 1000, gas_limit: Some(1_000_000), ..VmConfig::default() };
/// assert_eq!(config.max_memory_pages, 65536);
/// ```
#[derive(Debug, Clone)]
pub struct VmConfig {
    /// WebAssembly features accepted at decode time. Turning `floats` off is the `--no-fp`
    /// deterministic mode: modules with float instructions are rejected at load.
    pub features: Features,
    /// Maximum number of active guest frames (the entry function counts as one); a call that
    /// would exceed it traps with `call stack exhausted`.
    pub max_call_depth: usize,
    /// Maximum size of the value stack, in 64-bit slots (8 bytes each).
    pub max_value_stack: usize,
    /// Maximum linear memory size in 64 KiB pages. Instantiation fails if a memory's minimum
    /// exceeds it, and `memory.grow` past it returns -1.
    pub max_memory_pages: u64,
    /// Maximum size of a 64-bit memory (memory64) in bytes, on top of `max_memory_pages`,
    /// enforced the same way (rounded down to whole pages). Life's memories are at most 4 GiB
    /// whatever the memory's type, so a 64-bit memory addresses at most the same bytes.
    pub max_memory64_bytes: u64,
    /// Maximum table size in elements, enforced like `max_memory_pages`.
    pub max_table_elements: u64,
    /// Gas available to each store; `None` turns metering off (no cost at run time).
    /// Running out traps with `out of gas`, or pauses a call made with `invoke_resumable`.
    pub gas_limit: Option<u64>,
    /// Prices of operators when metering; `None` means [`DefaultGasPolicy`] (1 per operator).
    pub gas_policy: Option<Arc<dyn GasPolicy>>,
    /// Compile interruption checks into loops and function entries, so that
    /// [`InterruptHandle::interrupt`](crate::InterruptHandle::interrupt) and `timeout` work.
    /// Implied by metering and by `timeout`. A store with this set (or a timeout) refuses a
    /// module decoded without the checks.
    pub interruptible: bool,
    /// Wall-clock limit for each call from the host; the guest stops with an `interrupted`
    /// trap. One timer thread serves every store of the process, so a timeout costs a call
    /// only a clock read and a few atomic operations.
    pub timeout: Option<Duration>,
    /// Replace every NaN produced by float arithmetic with the canonical NaN, so float programs
    /// give bit-identical results on every platform and engine.
    pub canonicalize_nans: bool,
    /// Limits on module size counts, checked at decode time.
    pub module_limits: ModuleLimits,
    /// The engine that runs the code: the interpreter, or a native compiler such as
    /// Polymerase (`life_aot::polymerase()`), which compiles modules when they are decoded.
    pub engine: crate::Engine,
    /// Translate each function to IR on its first call (default) rather than when the module is
    /// loaded. Validation happens at load either way, so invalid modules are still rejected by
    /// [`Module::new`](crate::Module::new); lazy translation makes loading cost decoding and
    /// validation only. A native engine compiles every function at load regardless.
    pub lazy_translation: bool,
    /// With `lazy_translation`, validate the function bodies of a module with more than 64 KiB
    /// of code on all available cores (the default); `false` keeps loading on the calling
    /// thread. The module, and the error for an invalid one, are the same either way.
    pub parallel_validation: bool,
    /// Run the interpreter's portable `match` loop even in builds that have the threaded one
    /// (optimized x86-64 builds, see `build.rs`). The threaded loop is faster; this switch lets
    /// tests and comparisons run both loops over the same code in one build.
    pub portable_dispatch: bool,
}

impl Default for VmConfig {
    fn default() -> Self {
        VmConfig {
            features: Features::default(),
            max_call_depth: 16 * 1024,
            max_value_stack: 1 << 20,
            max_memory_pages: 65536,
            max_memory64_bytes: 1 << 32,
            max_table_elements: 10_000_000,
            gas_limit: None,
            gas_policy: None,
            interruptible: false,
            timeout: None,
            canonicalize_nans: false,
            module_limits: ModuleLimits::default(),
            engine: crate::Engine::Interpreter,
            lazy_translation: true,
            parallel_validation: true,
            portable_dispatch: false,
        }
    }
}

impl VmConfig {
    /// Whether gas is metered.
    pub fn metered(&self) -> bool {
        self.gas_limit.is_some()
    }

    /// The decoder settings this configuration implies.
    pub fn decode_options(&self) -> DecodeOptions {
        let gas = self.metered().then(|| self.gas_policy.clone().unwrap_or_else(|| Arc::new(DefaultGasPolicy)));
        DecodeOptions {
            features: self.features,
            gas,
            interruptible: self.interruptible || self.timeout.is_some(),
            canonicalize_nans: self.canonicalize_nans,
            limits: self.module_limits,
            lazy: self.lazy_translation,
            single_threaded: !self.parallel_validation,
        }
    }
}
