//! Compiles the C benchmark programs in `c/` natively, for the `native` baseline entries.
//!
//! The native baseline is optional: with no working C compiler (or with `LIFE_BENCH_NO_NATIVE`
//! set) the build still succeeds and the benches simply have no `native` entries. clang is
//! preferred, since the committed `.wasm` files come from clang too (`c/build.sh`); otherwise
//! the `cc` crate's default compiler (gcc on Debian) is used. `CC` overrides both.

use std::process::Command;

const PROGRAMS: &[&str] = &["c/lz77.c", "c/sha256.c", "c/sort.c"];

fn main() {
    println!("cargo::rustc-check-cfg=cfg(life_bench_native)");
    println!("cargo::rerun-if-changed=c");
    println!("cargo::rerun-if-env-changed=LIFE_BENCH_NO_NATIVE");
    println!("cargo::rerun-if-env-changed=CC");
    if std::env::var_os("LIFE_BENCH_NO_NATIVE").is_some() {
        return;
    }
    let mut build = cc::Build::new();
    if std::env::var_os("CC").is_none() && version_line("clang").is_some() {
        build.compiler("clang");
    }
    // -O2, as for the Wasm builds, whatever the profile's opt-level.
    build.opt_level(2).warnings(false).files(PROGRAMS);
    let compiler = build.get_compiler();
    match build.try_compile("life_bench_native") {
        Ok(()) => {
            let version = version_line(compiler.path().to_str().unwrap_or("cc")).unwrap_or_else(|| "unknown".into());
            println!("cargo::rustc-cfg=life_bench_native");
            println!("cargo::rustc-env=LIFE_BENCH_NATIVE_CC={version} -O2");
        }
        Err(err) => println!("cargo::warning=life-bench: no native baseline ({err})"),
    }
}

/// The first line of `program --version`, if it runs.
fn version_line(program: &str) -> Option<String> {
    let out = Command::new(program).arg("--version").output().ok()?;
    if !out.status.success() {
        return None;
    }
    String::from_utf8_lossy(&out.stdout).lines().next().map(str::to_owned)
}
