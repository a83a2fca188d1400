/* wasi-libc has no setjmp.h (WebAssembly had no way to unwind when it was written). Lua's ldo.c
 * includes it unconditionally but, built with LUAI_THROW and LUAI_TRY defined (build.sh), uses
 * nothing from it, so for the wasm build this empty header stands in. */
