//! The C benchmark programs compiled natively by `build.rs`: the baseline the engines are
//! measured against.

/// The compiler and flags `build.rs` used, or `None` when the native baseline was not built.
pub const COMPILER: Option<&str> = option_env!("LIFE_BENCH_NATIVE_CC");

#[cfg(life_bench_native)]
mod ffi {
    use std::{
        ffi::{c_int, c_longlong},
        sync::Mutex,
    };

    unsafe extern "C" {
        fn lz77_bench(n: c_int) -> c_longlong;
        fn sha256_bench(n: c_int) -> c_longlong;
        fn sort_bench(n: c_int) -> c_longlong;
    }

    /// The C programs work in static buffers, so calls must not overlap; a test harness may run
    /// them from several threads. The lock costs nanoseconds against milliseconds of work.
    static LOCK: Mutex<()> = Mutex::new(());

    pub fn lz77(n: i32) -> i64 {
        let _guard = LOCK.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        // SAFETY: `lz77_bench` takes any int, touches only its own static buffers, and `LOCK`
        // keeps calls from overlapping.
        unsafe { lz77_bench(n) }
    }

    pub fn sha256(n: i32) -> i64 {
        let _guard = LOCK.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        // SAFETY: As for `lz77`.
        unsafe { sha256_bench(n) }
    }

    pub fn sort(n: i32) -> i64 {
        let _guard = LOCK.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        // SAFETY: As for `lz77`.
        unsafe { sort_bench(n) }
    }
}

/// The native `lz77_bench`, if built.
pub const LZ77: Option<fn(i32) -> i64> = native(0);
/// The native `sha256_bench`, if built.
pub const SHA256: Option<fn(i32) -> i64> = native(1);
/// The native `sort_bench`, if built.
pub const SORT: Option<fn(i32) -> i64> = native(2);

#[cfg(life_bench_native)]
const fn native(index: usize) -> Option<fn(i32) -> i64> {
    const FNS: [fn(i32) -> i64; 3] = [ffi::lz77, ffi::sha256, ffi::sort];
    Some(FNS[index])
}

#[cfg(not(life_bench_native))]
const fn native(_index: usize) -> Option<fn(i32) -> i64> {
    None
}
