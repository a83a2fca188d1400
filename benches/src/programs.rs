//! The real-program suite: whole WASI programs (upstream C libraries with a small driver, in
//! `programs/`), each run the way a user runs it: decode, validate, translate or compile,
//! instantiate with WASI preview 1, run `_start`, exit.
//!
//! [`PROGRAMS`] lists the programs with their size arguments and expected output;
//! [`ProgramEngine::run`] runs one program once on one engine and times it. The harness that
//! pairs the engines and writes the results is `benches/programs.rs`.

use std::{
    path::{Path, PathBuf},
    process::Command,
    time::{Duration, Instant},
};

/// One program of the suite.
#[derive(Debug, Clone, Copy)]
pub struct Program {
    /// The file stem: `programs/<name>.wasm`, `programs/<name>.c`, and the native binary.
    pub name: &'static str,
    /// What the driver does, for the report.
    pub description: &'static str,
    /// The upstream library and the crate its sources come from.
    pub upstream: &'static str,
    /// The size argument of a full run, and what the program then prints.
    pub full: (&'static str, &'static str),
    /// The size argument of a `--quick` run, and what the program then prints.
    pub quick: (&'static str, &'static str),
}

impl Program {
    /// The size argument and expected standard output of a full or quick run.
    pub fn size(&self, quick: bool) -> (&'static str, &'static str) {
        if quick { self.quick } else { self.full }
    }

    /// The committed WebAssembly binary.
    pub fn wasm_path(&self) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("programs").join(format!("{}.wasm", self.name))
    }
}

/// Every program, in report order. The expected lines are what `programs/build.sh`'s native
/// builds print; every engine must print exactly the same.
pub const PROGRAMS: &[Program] = &[
    Program {
        name: "lua",
        description: "the Lua 5.4 interpreter running a script: tables, sorting, string patterns, closures, metatables",
        upstream: "Lua 5.4.9 (crate lua-src 551.1.0)",
        full: ("10", "Lua 5.4.9: 10 rounds, checksum 36ea414c\n"),
        quick: ("2", "Lua 5.4.9: 2 rounds, checksum d4465fd9\n"),
    },
    Program {
        name: "sqlite",
        description: "an in-memory SQLite database: inserts, an index, point lookups, joins, grouping, sorting, updates",
        upstream: "SQLite 3.54.1 (crate libsqlite3-sys 0.40.0, bundled)",
        full: ("30", "sqlite 3.54.1: 30000 rows inserted, 103 rows read, checksum 83e6f8435fb2865b\n"),
        quick: ("6", "sqlite 3.54.1: 6000 rows inserted, 103 rows read, checksum 857ca5a560685f9b\n"),
    },
    Program {
        name: "zstd",
        description: "zstd compression at levels 1, 3 and 9 and decompression of 256 KiB of text per round",
        upstream: "zstd 1.6.0 (crate zstd-sys 2.2.0)",
        full: ("24", "zstd 1.6.0: 24 rounds, 1923066 compressed bytes, checksum b1df5f577dffd433\n"),
        quick: ("5", "zstd 1.6.0: 5 rounds, 404345 compressed bytes, checksum 562debe8e95bac42\n"),
    },
    Program {
        name: "zlib",
        description: "zlib deflate at levels 1, 6 and 9, inflate, CRC-32 and Adler-32 of 256 KiB of text per round",
        upstream: "zlib 1.4 (crate libz-sys 1.1.33)",
        full: ("5", "zlib 1.4: 5 rounds, 415195 compressed bytes, checksum d7b53212bf8aa074\n"),
        quick: ("1", "zlib 1.4: 1 rounds, 93939 compressed bytes, checksum 186047593188f545\n"),
    },
    Program {
        name: "bzip2",
        description: "bzip2 compression (900 KiB blocks) and decompression of 256 KiB of text per round",
        upstream: "bzip2 1.0.8 (crate bzip2-sys 0.1.13)",
        full: ("4", "bzip2 1.0.8: 4 rounds, 220532 compressed bytes, checksum 1ecdfa73d444de2f\n"),
        quick: ("1", "bzip2 1.0.8: 1 rounds, 55126 compressed bytes, checksum 1f3db7f687ea9c72\n"),
    },
    Program {
        name: "lz4",
        description: "lz4 fast and HC (level 9) compression and repeated decompression of 256 KiB of text per round",
        upstream: "lz4 1.10.0 (crate lz4-sys 1.11.1)",
        full: ("8", "lz4 1.10.0: 8 rounds, checksum be576b5baa9e32b1\n"),
        quick: ("2", "lz4 1.10.0: 2 rounds, checksum c2eb62333d1931ca\n"),
    },
    Program {
        name: "monocypher",
        description: "Monocypher: XChaCha20-Poly1305 and BLAKE2b over 256 KiB, X25519 and EdDSA sign/verify per round",
        upstream: "Monocypher 4.0.2 (crate monocypher-sys 4.0.2)",
        full: ("15", "monocypher: 15 rounds, checksum 948c7ce9c789a9e7\n"),
        quick: ("3", "monocypher: 3 rounds, checksum 3abffa5d8a0919af\n"),
    },
];

/// How an engine compares in the report, as in the micro suite: interpreters with wasmi,
/// compilers with wasmtime, and everything with native.
pub use crate::engines::EngineKind;

/// An engine the programs run on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProgramEngine {
    /// Life's interpreter, through life-interp and life-wasi as `life prog.wasm` runs.
    LifeInterp,
    /// Polymerase, as `life --polymerase prog.wasm` runs.
    Polymerase,
    /// wasmi 2.0 with wasmi_wasi.
    Wasmi,
    /// wasmtime 48 with `wasmtime_wasi::p1` (preview 1).
    Wasmtime,
    /// The driver and library compiled natively by `programs/build.sh`, run as a process.
    Native,
}

/// One run of a program.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// Decode, validate and translate or compile: creating the engine's module. For the
    /// interpreters this is decoding and validation (both translate each function on its first
    /// call, inside the run); for the compilers it includes compiling every function. Zero for
    /// native, which is compiled ahead of the run.
    pub load: Duration,
    /// From the start of loading to the program's exit.
    pub total: Duration,
    /// What the program wrote to standard output.
    pub stdout: Vec<u8>,
    /// Its exit status.
    pub status: i32,
}

impl ProgramEngine {
    /// Every engine, in report order.
    pub const ALL: [ProgramEngine; 5] = [
        ProgramEngine::LifeInterp,
        ProgramEngine::Polymerase,
        ProgramEngine::Wasmi,
        ProgramEngine::Wasmtime,
        ProgramEngine::Native,
    ];

    /// The name used in the report (the micro suite's names).
    pub fn name(self) -> &'static str {
        match self {
            ProgramEngine::LifeInterp => "life-interp",
            ProgramEngine::Polymerase => "polymerase",
            ProgramEngine::Wasmi => "wasmi",
            ProgramEngine::Wasmtime => "wasmtime",
            ProgramEngine::Native => "native",
        }
    }

    /// `interpreter`, `compiler` or `native`, as the report groups them.
    pub fn kind(self) -> &'static str {
        match self {
            ProgramEngine::LifeInterp | ProgramEngine::Wasmi => EngineKind::Interpreter.as_str(),
            ProgramEngine::Polymerase | ProgramEngine::Wasmtime => EngineKind::Compiler.as_str(),
            ProgramEngine::Native => "native",
        }
    }

    /// Runs `program` once with `arg` as its only argument (after the program name).
    /// `wasm` is the program's binary; `native` the native binary, for [`ProgramEngine::Native`].
    ///
    /// # Errors
    ///
    /// The engine's error, as text, at any step, or the missing native binary.
    pub fn run(self, program: &Program, wasm: &[u8], native: Option<&Path>, arg: &str) -> Result<Outcome, String> {
        let argv = [format!("{}.wasm", program.name), arg.to_owned()];
        match self {
            ProgramEngine::LifeInterp => run_life(wasm, &argv, life_interp::VmConfig::default()),
            ProgramEngine::Polymerase => run_life(
                wasm,
                &argv,
                life_interp::VmConfig { engine: life_aot::polymerase(), ..life_interp::VmConfig::default() },
            ),
            ProgramEngine::Wasmi => run_wasmi(wasm, &argv),
            ProgramEngine::Wasmtime => run_wasmtime(wasm, &argv).map_err(|e| format!("{e:#}")),
            ProgramEngine::Native => {
                run_native(native.ok_or("no native binary (run programs/build.sh --native)")?, arg)
            }
        }
    }
}

/// As `life [--polymerase] prog.wasm ARG` does (crates/life-cli/src/wasi.rs), with standard
/// output captured in memory.
fn run_life(wasm: &[u8], argv: &[String], config: life_interp::VmConfig) -> Result<Outcome, String> {
    let start = Instant::now();
    let module = life_interp::Module::new(wasm, &config).map_err(|e| e.to_string())?;
    let load = start.elapsed();
    let stdout = life_wasi::OutputBuffer::new();
    let ctx = life_wasi::WasiCtx::builder().args(argv.iter().cloned()).stdout(stdout.clone()).build();
    let mut wasi = life_wasi::Wasi::new(ctx);
    let mut vm = life_interp::Vm::from_module(&module, config, &mut wasi).map_err(|e| e.to_string())?;
    let status = match vm.invoke("_start", &[]) {
        Ok(_) => 0,
        Err(e) => match e.trap().map(|t| t.kind()) {
            Some(life_interp::TrapKind::Exit(code)) => *code,
            _ => return Err(e.to_string()),
        },
    };
    drop(vm);
    let total = start.elapsed();
    Ok(Outcome { load, total, stdout: stdout.contents(), status })
}

/// As the wasmi CLI runs a WASI command: `wasmi_wasi::add_to_linker` on a `Linker`, then
/// `_start`.
fn run_wasmi(wasm: &[u8], argv: &[String]) -> Result<Outcome, String> {
    let text = |e: &dyn std::fmt::Display| e.to_string();
    let start = Instant::now();
    let engine = wasmi::Engine::default();
    let module = wasmi::Module::new(&engine, wasm).map_err(|e| text(&e))?;
    let load = start.elapsed();
    let mut linker = wasmi::Linker::<wasmi_wasi::WasiCtx>::new(&engine);
    wasmi_wasi::add_to_linker(&mut linker, |ctx| ctx).map_err(|e| text(&e))?;
    let stdout = wasmi_wasi::wasi_common::pipe::WritePipe::new_in_memory();
    let ctx =
        wasmi_wasi::WasiCtxBuilder::new().args(argv).map_err(|e| text(&e))?.stdout(Box::new(stdout.clone())).build();
    let mut store = wasmi::Store::new(&engine, ctx);
    let instance = linker.instantiate_and_start(&mut store, &module).map_err(|e| text(&e))?;
    let entry = instance.get_typed_func::<(), ()>(&store, "_start").map_err(|e| text(&e))?;
    let status = match entry.call(&mut store, ()) {
        Ok(()) => 0,
        Err(e) => e.i32_exit_status().ok_or_else(|| text(&e))?,
    };
    drop(store);
    let total = start.elapsed();
    let stdout = stdout.try_into_inner().map_err(|_| "stdout still shared")?.into_inner();
    Ok(Outcome { load, total, stdout, status })
}

/// As `wasmtime run prog.wasm` runs a core module with WASI preview 1: `wasmtime_wasi::p1`.
fn run_wasmtime(wasm: &[u8], argv: &[String]) -> wasmtime::Result<Outcome> {
    let start = Instant::now();
    let engine = wasmtime::Engine::default();
    let module = wasmtime::Module::new(&engine, wasm)?;
    let load = start.elapsed();
    let mut linker = wasmtime::Linker::<wasmtime_wasi::p1::WasiP1Ctx>::new(&engine);
    wasmtime_wasi::p1::add_to_linker_sync(&mut linker, |ctx| ctx)?;
    let stdout = wasmtime_wasi::p2::pipe::MemoryOutputPipe::new(1 << 20);
    let ctx = wasmtime_wasi::WasiCtxBuilder::new().args(argv).stdout(stdout.clone()).build_p1();
    let mut store = wasmtime::Store::new(&engine, ctx);
    let instance = linker.instantiate(&mut store, &module)?;
    let entry = instance.get_typed_func::<(), ()>(&mut store, "_start")?;
    let status = match entry.call(&mut store, ()) {
        Ok(()) => 0,
        Err(e) => match e.downcast_ref::<wasmtime_wasi::I32Exit>() {
            Some(exit) => exit.0,
            None => return Err(e),
        },
    };
    drop(store);
    let total = start.elapsed();
    Ok(Outcome { load, total, stdout: stdout.contents().to_vec(), status })
}

/// Runs the native binary as a process: spawn to exit.
fn run_native(binary: &Path, arg: &str) -> Result<Outcome, String> {
    let start = Instant::now();
    let output = Command::new(binary).arg(arg).output().map_err(|e| format!("{}: {e}", binary.display()))?;
    let total = start.elapsed();
    Ok(Outcome { load: Duration::ZERO, total, stdout: output.stdout, status: output.status.code().unwrap_or(-1) })
}

/// Where `programs/build.sh --native` put the native binaries: `$LIFE_BENCH_NATIVE_DIR`, else
/// `target/life-bench/native` of this workspace.
pub fn native_dir() -> PathBuf {
    std::env::var_os("LIFE_BENCH_NATIVE_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/life-bench/native"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wasm(program: &Program) -> Vec<u8> {
        std::fs::read(program.wasm_path()).unwrap_or_else(|e| panic!("{}: {e}", program.wasm_path().display()))
    }

    #[test]
    fn every_program_is_a_committed_wasi_command() {
        for program in PROGRAMS {
            let module = life_interp::Module::new(&wasm(program), &life_interp::VmConfig::default())
                .unwrap_or_else(|e| panic!("{}: {e}", program.name));
            assert!(module.decoded().export("_start").is_some(), "{} exports no _start", program.name);
            for (arg, line) in [program.full, program.quick] {
                assert!(line.ends_with('\n') && line.contains("checksum "), "{}: {line:?}", program.name);
                assert!(arg.parse::<u32>().is_ok_and(|n| n > 0), "{}: size {arg:?}", program.name);
            }
            assert_ne!(program.full.1, program.quick.1, "{}: both sizes print the same line", program.name);
        }
    }

    #[test]
    fn each_engine_prints_the_expected_line_and_another_size_prints_another() {
        let zlib = PROGRAMS.iter().find(|p| p.name == "zlib").unwrap();
        let bytes = wasm(zlib);
        let (arg, expected) = zlib.quick;
        for engine in
            [ProgramEngine::LifeInterp, ProgramEngine::Polymerase, ProgramEngine::Wasmi, ProgramEngine::Wasmtime]
        {
            let outcome = engine.run(zlib, &bytes, None, arg).unwrap_or_else(|e| panic!("{}: {e}", engine.name()));
            assert_eq!(
                (outcome.status, String::from_utf8_lossy(&outcome.stdout).as_ref()),
                (0, expected),
                "{}",
                engine.name()
            );
            assert!(outcome.load <= outcome.total, "{}", engine.name());
        }
        let other = ProgramEngine::LifeInterp.run(zlib, &bytes, None, "2").unwrap();
        assert_ne!(String::from_utf8_lossy(&other.stdout), expected);
        // A bad size makes the driver exit with status 2, which every engine reports.
        for engine in [ProgramEngine::LifeInterp, ProgramEngine::Wasmi, ProgramEngine::Wasmtime] {
            assert_eq!(engine.run(zlib, &bytes, None, "0").unwrap().status, 2, "{}", engine.name());
        }
        assert!(ProgramEngine::Native.run(zlib, &bytes, None, arg).is_err(), "native needs a binary");
    }
}
