//! Fuzz target `differential`: wasm-smith modules on every Life engine and on wasmi, compared
//! call by call (see `life_fuzz::differential`).

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| life_fuzz::fuzz_differential(data));
