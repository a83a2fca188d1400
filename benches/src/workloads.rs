//! The workloads: each a module exporting `run(i32) -> i64`, called with a fixed argument and
//! checked against a known result before it is timed.
//!
//! The arguments are sized so one call takes roughly 50–200 ms on life-interp (see
//! `benches/README.md`). Changing a module or an argument changes the expected value: run
//! `cargo run -p life-bench --profile bench --example check` to see the new one.

use crate::native;

/// Where a workload's module comes from.
#[derive(Debug, Clone, Copy)]
pub enum Source {
    /// WebAssembly text, parsed with the `wat` crate when the benchmark starts.
    Wat(&'static str),
    /// A binary module (the C programs, compiled by `c/build.sh`).
    Wasm(&'static [u8]),
}

/// One benchmark workload.
#[derive(Debug, Clone, Copy)]
pub struct Workload {
    /// The criterion group name, also the file name under `wasm/`.
    pub name: &'static str,
    /// What it exercises, for the report.
    pub description: &'static str,
    /// The module.
    pub source: Source,
    /// The argument passed to `run`.
    pub arg: i32,
    /// What `run(arg)` must return.
    pub expected: i64,
    /// The same program compiled natively, for the C workloads.
    pub native: Option<fn(i32) -> i64>,
}

impl Workload {
    /// The module's binary encoding.
    ///
    /// # Panics
    ///
    /// If the workload's text does not parse, which is a bug in this crate.
    pub fn wasm(&self) -> Vec<u8> {
        match self.source {
            Source::Wat(text) => {
                wat::parse_str(text).unwrap_or_else(|err| panic!("wasm/{}.wat does not parse: {err}", self.name))
            }
            Source::Wasm(bytes) => bytes.to_vec(),
        }
    }

    /// Checks a result of `run(self.arg)` against the expected value.
    ///
    /// # Errors
    ///
    /// A message naming the workload and engine when the result is wrong or the call failed.
    pub fn check(&self, engine: &str, result: Result<i64, String>) -> Result<(), String> {
        match result {
            Ok(value) if value == self.expected => Ok(()),
            Ok(value) => Err(format!(
                "{}: {engine} returned {value} ({value:#x}) for run({}), expected {} ({:#x})",
                self.name, self.arg, self.expected, self.expected
            )),
            Err(err) => Err(format!("{}: {engine} failed on run({}): {err}", self.name, self.arg)),
        }
    }
}

macro_rules! wat {
    ($name:literal) => {
        Source::Wat(include_str!(concat!("../wasm/", $name, ".wat")))
    };
}

macro_rules! wasm {
    ($name:literal) => {
        Source::Wasm(include_bytes!(concat!("../wasm/", $name, ".wasm")))
    };
}

/// Every execution workload, in report order.
pub const WORKLOADS: &[Workload] = &[
    Workload {
        name: "fib",
        description: "recursive fib(n): calls and returns",
        source: wat!("fib"),
        arg: 30,
        expected: 832_040,
        native: None,
    },
    Workload {
        name: "loop",
        description: "tight i64 multiply/xor/shift loop",
        source: wat!("loop"),
        arg: 6_000_000,
        expected: 468_653_516_843_771_945,
        native: None,
    },
    Workload {
        name: "dispatch",
        description: "br_table bytecode interpreter loop",
        source: wat!("dispatch"),
        arg: 250_000,
        expected: -6_523_420_299_557_841_201,
        native: None,
    },
    Workload {
        name: "call_indirect",
        description: "call_indirect through an 8-entry table in a loop",
        source: wat!("call_indirect"),
        arg: 2_000_000,
        expected: 4_294_967_295,
        native: None,
    },
    Workload {
        name: "mem_sum",
        description: "scan of a 256 KiB buffer (i64.load32_u, i64.load8_u)",
        source: wat!("mem_sum"),
        arg: 160,
        expected: 24_776_239_317_254_144,
        native: None,
    },
    Workload {
        name: "mem_copy",
        description: "memcpy-style loops: 128 KiB by i64 words, 8 KiB by bytes",
        source: wat!("mem_copy"),
        arg: 384,
        expected: -3_002_463_521_133_694_198,
        native: None,
    },
    Workload {
        name: "matmul",
        description: "f64 64x64 matrix multiply",
        source: wat!("matmul"),
        arg: 16,
        expected: 4_689_641_434_712_637_440,
        native: None,
    },
    Workload {
        name: "mandelbrot",
        description: "f64 Mandelbrot escape-time over an n x n grid",
        source: wat!("mandelbrot"),
        arg: 240,
        expected: 3_879_200,
        native: None,
    },
    Workload {
        name: "crc32",
        description: "table-driven CRC-32 over a 64 KiB buffer",
        source: wat!("crc32"),
        arg: 96,
        expected: 4_239_749_126,
        native: None,
    },
    Workload {
        name: "lz77",
        description: "C: LZ77 hash-chain compression and decompression of 64 KiB of text",
        source: wasm!("lz77"),
        arg: 5,
        expected: 1_280_930_369_206_398_361,
        native: native::LZ77,
    },
    Workload {
        name: "sha256",
        description: "C: SHA-256 of a 16 KiB buffer, chained",
        source: wasm!("sha256"),
        arg: 24,
        expected: 5_432_660_065_642_680_501,
        native: native::SHA256,
    },
    Workload {
        name: "sort",
        description: "C: generic quicksort of 16384 records through a comparator pointer",
        source: wasm!("sort"),
        arg: 6,
        expected: 6_436_257_611_043_847_907,
        native: native::SORT,
    },
];
