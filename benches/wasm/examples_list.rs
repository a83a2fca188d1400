//! The benchmark workloads as the engines' own examples run them (`life-interp`'s `workload`,
//! `life-aot`'s `compare`), without criterion or the peers: `(name, module, argument of run)`.
//! Included by `#[path]`; the arguments match `benches/src/workloads.rs`.

pub const WORKLOADS: &[(&str, &[u8], i32)] = &[
    ("fib", include_bytes!("fib.wat"), 30),
    ("loop", include_bytes!("loop.wat"), 6_000_000),
    ("dispatch", include_bytes!("dispatch.wat"), 250_000),
    ("call_indirect", include_bytes!("call_indirect.wat"), 2_000_000),
    ("mem_sum", include_bytes!("mem_sum.wat"), 160),
    ("mem_copy", include_bytes!("mem_copy.wat"), 384),
    ("matmul", include_bytes!("matmul.wat"), 16),
    ("mandelbrot", include_bytes!("mandelbrot.wat"), 240),
    ("crc32", include_bytes!("crc32.wat"), 96),
    ("lz77", include_bytes!("lz77.wasm"), 5),
    ("sha256", include_bytes!("sha256.wasm"), 24),
    ("sort", include_bytes!("sort.wasm"), 6),
];
