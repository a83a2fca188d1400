//! Fuzz target `run_aot`: wasm-smith modules on Polymerase, unmetered and metered, with small
//! limits; every module compiles and every call returns or traps, never panics or crashes (see
//! `life_fuzz::robust`).

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| life_fuzz::fuzz_run_aot(data));
