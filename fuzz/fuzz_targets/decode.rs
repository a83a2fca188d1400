//! Fuzz target `decode`: arbitrary bytes into `life_decode::decode`, which must never panic and
//! must agree with `wasmparser`'s validator (see `life_fuzz::decode`).

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| life_fuzz::fuzz_decode(data));
