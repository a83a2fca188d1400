#!/bin/sh
# Rebuilds benches/wasm/{lz77,sha256,sort}.wasm from the C sources here.
#
# Needs Debian's clang and lld (wasm-ld): `apt-get install -y clang lld`. The programs are
# freestanding (no libc, no WASI imports): each exports `run(i32) -> i64` and memory, and rt.c
# supplies the memcpy/memset that clang may call. The .wasm files are committed, so running the
# benchmarks needs no clang; run this only after changing a C file, then update the expected
# values in benches/src/workloads.rs if the results change.
#
# The native baseline is not built here: the life-bench build script (benches/build.rs) compiles
# the same sources into the bench binary with the `cc` crate, using clang if present.
set -eu
cd "$(dirname "$0")"
CC="${CC:-clang}"
for prog in lz77 sha256 sort; do
    "$CC" --target=wasm32 -O2 -nostdlib -ffreestanding \
        -Wall -Wextra -Werror \
        -Wl,--no-entry -Wl,--strip-debug \
        -o "../wasm/$prog.wasm" "$prog.c" rt.c
    echo "built ../wasm/$prog.wasm ($(wc -c < "../wasm/$prog.wasm") bytes)"
done
