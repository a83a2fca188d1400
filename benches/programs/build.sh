#!/usr/bin/env bash
# Builds the real-program suite: each driver (*.c here) with the upstream C library it drives,
# to <name>.wasm (wasm32-wasi, WASI preview 1; committed) and natively (for the native column;
# not committed, since a native binary belongs to its machine).
#
#   benches/programs/build.sh            both
#   benches/programs/build.sh --native   only the native binaries, when missing or out of date
#                                        (`cargo xtask bench` runs this)
#
# The library sources come from crates.io: sources/Cargo.toml lists the -sys crates that bundle
# them at exact versions, and `cargo fetch --locked` brings them into cargo's registry.
#
# Toolchain, as the committed .wasm files were built (they are reproducible byte for byte with
# it): Debian 12's clang 14.0.6 (package clang-14 1:14.0.6-12), lld 14, wasi-libc
# 0.0~git20220510.9886d3d-2 and libclang-rt-14-dev-wasm32:
#   apt-get install -y clang lld wasi-libc libclang-rt-14-dev-wasm32
# CLANG and WASI_SYSROOT (default /usr, Debian's layout) override the compiler and the sysroot;
# NATIVE_DIR (default target/life-bench/native) is where the native binaries go.
# Each program prints one line with a checksum; after changing a driver, put the lines that
# the native builds print for the full and quick sizes into benches/src/programs.rs.
set -euo pipefail
cd "$(dirname "$0")"
here=$PWD
root=$(cd ../.. && pwd)

CLANG=${CLANG:-clang}
WASI_SYSROOT=${WASI_SYSROOT:-/usr}
NATIVE_DIR=${NATIVE_DIR:-$root/target/life-bench/native}
only_native=false
case "${1:-}" in
    --native) only_native=true ;;
    "") ;;
    *) echo "usage: $0 [--native]" >&2; exit 2 ;;
esac

cargo fetch --locked --quiet --manifest-path sources/Cargo.toml
metadata=$(cargo metadata --locked --offline --format-version 1 --manifest-path sources/Cargo.toml)
# The source directory of crate $1 at version $2, from cargo's own record of where it is.
crate_dir() {
    local manifest
    manifest=$(grep -o "\"manifest_path\":\"[^\"]*/$1-$2/Cargo.toml\"" <<<"$metadata" | head -n 1 | cut -d'"' -f4)
    [ -n "$manifest" ] || { echo "build.sh: crate $1 $2 not found" >&2; exit 1; }
    dirname "$manifest"
}
lua=$(crate_dir lua-src 551.1.0)/lua-5.4.9
sqlite=$(crate_dir libsqlite3-sys 0.40.0)/sqlite3
zstd=$(crate_dir zstd-sys 2.2.0+zstd.1.6.0)/zstd/lib
zlib=$(crate_dir libz-sys 1.1.33)/src/zlib
bzip2=$(crate_dir bzip2-sys 0.1.13+1.0.8)/bzip2-1.0.8
lz4=$(crate_dir lz4-sys 1.11.1+lz4-1.10.0)/liblz4/lib
monocypher=$(crate_dir monocypher-sys 4.0.2)/Monocypher/src

# Per program: the driver's include directories, defines and library sources.
lua_flags=(-I"$lua" '-DLUAI_THROW(L,c)=abort()' '-DLUAI_TRY(L,c,a)={a}' -Dluai_jmpbuf=int
    '-Dluai_makeseed(L)=0' -Dl_signalT=int)
lua_srcs=()
for f in lapi lcode lctype ldebug ldo ldump lfunc lgc llex lmem lobject lopcodes lparser lstate lstring \
    ltable ltm lundump lvm lzio lauxlib lbaselib lmathlib lstrlib ltablib; do
    lua_srcs+=("$lua/$f.c")
done
sqlite_flags=(-I"$sqlite" -DSQLITE_OS_OTHER=1 -DSQLITE_THREADSAFE=0 -DSQLITE_TEMP_STORE=3
    -DSQLITE_OMIT_LOAD_EXTENSION -DSQLITE_OMIT_WAL -DSQLITE_DEFAULT_MEMSTATUS=0 -DLONGDOUBLE_TYPE=double)
sqlite_srcs=("$sqlite/sqlite3.c")
zstd_flags=(-I"$zstd" -DZSTD_DISABLE_ASM -DZSTD_LEGACY_SUPPORT=0)
zstd_srcs=("$zstd"/common/*.c "$zstd"/compress/*.c "$zstd"/decompress/*.c)
zlib_flags=(-I"$zlib")
zlib_srcs=()
for f in adler32 compress crc32 deflate infback inffast inflate inftrees trees uncompr zutil; do
    zlib_srcs+=("$zlib/$f.c")
done
bzip2_flags=(-I"$bzip2" -DBZ_NO_STDIO)
bzip2_srcs=()
for f in blocksort bzlib compress crctable decompress huffman randtable; do
    bzip2_srcs+=("$bzip2/$f.c")
done
lz4_flags=(-I"$lz4")
lz4_srcs=("$lz4/lz4.c" "$lz4/lz4hc.c")
monocypher_flags=(-I"$monocypher")
monocypher_srcs=("$monocypher/monocypher.c")

# ONLY="lua zlib" limits a build to those programs.
read -r -a programs <<<"${ONLY:-lua sqlite zstd zlib bzip2 lz4 monocypher}"
# -DNDEBUG drops asserts (and with them __FILE__, a path on this machine); the prefix map keeps
# any other path out of the output.
common=(-O2 -DNDEBUG -w -ffile-prefix-map="$HOME"=/home -ffile-prefix-map="$here"=.)

mkdir -p "$NATIVE_DIR"
for name in "${programs[@]}"; do
    flags_var="${name}_flags[@]"
    srcs_var="${name}_srcs[@]"
    flags=("${!flags_var}")
    srcs=("$name.c" "${!srcs_var}")
    if ! $only_native; then
        # A 1 MiB shadow stack (wasm-ld's default is 64 KiB); --strip-all drops the name section.
        "$CLANG" --target=wasm32-wasi --sysroot="$WASI_SYSROOT" "${common[@]}" "${flags[@]}" -Iwasi-shim \
            -Wl,-z,stack-size=1048576 -Wl,--strip-all -o "$name.wasm" "${srcs[@]}"
        echo "built $name.wasm ($(wc -c <"$name.wasm") bytes)"
    fi
    out=$NATIVE_DIR/$name
    if [ ! -e "$out" ] || [ "$name.c" -nt "$out" ] || [ common.h -nt "$out" ] || [ build.sh -nt "$out" ]; then
        "$CLANG" "${common[@]}" "${flags[@]}" -o "$out" "${srcs[@]}" -lm
        echo "built $out"
    fi
done
