#!/usr/bin/env bash
# Builds the test programs for WASI and natively, and records what the native builds print.
#
# Needs Debian's clang, lld, wasi-libc and libclang-rt-14-dev-wasm32 (or any clang with a
# wasm32-wasi sysroot: set WASI_SYSROOT) and a native C compiler (CC, default cc).
# Run it after changing a program or cases.txt; commit the .wasm files and expected/.
#
# For each line of cases.txt, the native build runs in a fresh empty directory with only the
# given environment, the given arguments and standard input, and its standard output, standard
# error and exit status become expected/CASE.{stdout,stderr,status}. The tests run the .wasm
# the same way under Life and compare (crates/life-wasi/tests/it/programs.rs).
set -euo pipefail
cd "$(dirname "$0")"

CLANG=${CLANG:-clang}
CC=${CC:-cc}
WASI_SYSROOT=${WASI_SYSROOT:-/usr}
native=$(mktemp -d)
trap 'rm -rf "$native"' EXIT

for src in *.c; do
    name=${src%.c}
    # --strip-debug keeps the name section, so traps show function names.
    "$CLANG" --target=wasm32-wasi --sysroot="$WASI_SYSROOT" -O2 -Wall -Wno-unused-result \
        -Wl,--strip-debug -o "$name.wasm" "$src"
    if [ "$name" != sandbox ]; then
        "$CC" -O2 -Wall -Wno-unused-result -o "$native/$name" "$src"
    fi
done

mkdir -p expected
rm -f expected/*
while IFS='|' read -r case program args env stdin; do
    case "$case" in '' | '#'*) continue ;; esac
    work=$(mktemp -d)
    input=/dev/null
    [ -n "$stdin" ] && input="$PWD/$stdin"
    # Word splitting of $args and $env is intended: both are space-separated lists.
    # shellcheck disable=SC2086
    (cd "$work" && env -i $env "$native/$program" $args <"$input" \
        >"$OLDPWD/expected/$case.stdout" 2>"$OLDPWD/expected/$case.stderr") && status=0 || status=$?
    echo "$status" >"expected/$case.status"
    rm -rf "$work"
done <cases.txt
echo "built $(ls *.wasm | wc -l) programs, $(ls expected/*.status | wc -l) expected outcomes"
