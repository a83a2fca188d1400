//! Fuzz target `run_interp`: wasm-smith modules on the interpreter with small limits; every call
//! returns or traps, never panics (see `life_fuzz::robust`). `run_aot` does the same for Polymerase.

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| life_fuzz::fuzz_run_interp(data));
