/* Shared by the C benchmark programs: the export attribute and fixed-width types.
 *
 * Each program defines one entry point, `long long NAME_bench(int n)`. Compiled to Wasm it is
 * exported as "run" (the name every Life benchmark calls); compiled natively by the life-bench
 * build script it keeps its own name, so the three programs link into one binary.
 */
#ifndef LIFE_BENCH_H
#define LIFE_BENCH_H

#if defined(__wasm__)
#define BENCH_EXPORT __attribute__((export_name("run")))
#else
#define BENCH_EXPORT
#endif

typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef unsigned long long u64;
typedef unsigned long usize;

#endif
