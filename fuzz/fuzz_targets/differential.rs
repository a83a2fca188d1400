//! Fuzz target `differential`: wasm-smith modules on every Life engine (interpreter, Polymerase)
//! and on wasmi, compared call by call (see `life_fuzz::differential`), then on Life's engines
//! with metering on, compared gas unit for gas unit (see `life_fuzz::metered`).

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| life_fuzz::fuzz_differential(data));
