//! Chooses the interpreter's dispatch loop (`src/exec.rs`, `run`).
//!
//! Threaded dispatch (`src/exec/tail_loop.rs`) ends every handler with a call to the next op's
//! handler, which is only safe when the optimizer turns those calls into jumps: stable Rust
//! cannot ask for that (no `become`), but LLVM's sibling-call optimization does it reliably at
//! `opt-level` 2 and 3 on x86_64, which a test checks (`tests/it/dispatch.rs`). Everything else
//! (debug and `opt-level` 1 builds, other targets) gets the portable `match` loop.
//! `LIFE_DISPATCH=match` forces the `match` loop, for comparisons.
//!
//! Sanitizers defeat the sibling-call optimization (AddressSanitizer gives handlers stack frames
//! with red zones), so a sanitized build gets the `match` loop too: the first `cargo fuzz` run of
//! `run_interp` under ASan overflowed the host stack in a long SIMD loop (tests/regressions/README.md).

fn main() {
    println!("cargo::rustc-check-cfg=cfg(life_threaded)");
    println!("cargo::rerun-if-env-changed=LIFE_DISPATCH");
    let arch = std::env::var("CARGO_CFG_TARGET_ARCH").unwrap_or_default();
    let opt = std::env::var("OPT_LEVEL").unwrap_or_default();
    let forced_match = std::env::var("LIFE_DISPATCH").is_ok_and(|d| d == "match");
    // Cargo sets `CARGO_CFG_SANITIZE` when rustc runs with `-Zsanitizer=...`.
    let sanitized = std::env::var_os("CARGO_CFG_SANITIZE").is_some();
    if arch == "x86_64" && matches!(opt.as_str(), "2" | "3") && !forced_match && !sanitized {
        println!("cargo::rustc-cfg=life_threaded");
    }
}
