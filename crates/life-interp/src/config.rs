//! `VmConfig`: the features a VM accepts and the resources it may use.

use life_decode::Features;

/// How a VM decodes modules and what guest code may consume.
///
/// ```
/// use life_interp::VmConfig;
/// let config = VmConfig { max_call_depth: 1000, ..VmConfig::default() };
/// assert_eq!(config.max_memory_pages, 65536);
/// ```
#[derive(Debug, Clone)]
pub struct VmConfig {
    /// WebAssembly features accepted at decode time.
    pub features: Features,
    /// Maximum number of active guest frames (the entry function counts as one); a call that
    /// would exceed it traps with `call stack exhausted`.
    pub max_call_depth: usize,
    /// Maximum size of the value stack, in 64-bit slots (8 bytes each).
    pub max_value_stack: usize,
    /// Maximum linear memory size in 64 KiB pages. Instantiation fails if a memory's minimum
    /// exceeds it, and `memory.grow` past it returns -1.
    pub max_memory_pages: u64,
    /// Maximum table size in elements, enforced like `max_memory_pages`.
    pub max_table_elements: u64,
}

impl Default for VmConfig {
    fn default() -> Self {
        VmConfig {
            features: Features::default(),
            max_call_depth: 16 * 1024,
            max_value_stack: 1 << 20,
            max_memory_pages: 65536,
            max_table_elements: 10_000_000,
        }
    }
}
