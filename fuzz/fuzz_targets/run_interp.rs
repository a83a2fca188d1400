//! Fuzz target `run_interp`: wasm-smith modules on every Life engine with small limits; every
//! call returns or traps, never panics (see `life_fuzz::robust`).

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| life_fuzz::fuzz_run_interp(data));
