//! The command line, declared with clap's derive API.

use clap::{Parser, ValueEnum, error::ErrorKind};
use std::{ffi::OsString, path::PathBuf};

/// Run a WebAssembly program with Life.
///
/// Calls one exported function of FILE and prints its results, one per line.
/// The module may import `env.__life_log(ptr: i32, len: i32)`, which prints that many bytes of
/// guest memory followed by a newline.
///
/// A WASI command (a module that exports `_start` and no `app_main`, or any module run with
/// `--entry _start`) runs with WASI preview 1 instead: ARGS are its command-line arguments,
/// it uses this process's standard input, output and error, sees only the directories given
/// with --dir and --dir-ro and only the variables given with --env, and `life` exits with the
/// program's exit code.
///
/// The program runs on the interpreter or, with --polymerase, compiled to native code first;
/// results, traps, limits and exit codes are the same on both engines. Polymerase keeps
/// compiled modules in a cache (see --no-cache); `life compile FILE -o OUT` writes one to a
/// file that `life OUT` runs without compiling.
#[derive(Debug, Parser)]
#[command(name = "life", version, override_usage = "life [OPTIONS] <FILE> [ARGS]...", after_help = AFTER_HELP)]
pub struct Cli {
    /// The exported function to call [default: app_main, or _start for a WASI command].
    #[arg(short, long, visible_alias = "invoke", value_name = "NAME")]
    pub entry: Option<String>,

    /// WASI: let the program use directory HOST, under the name GUEST (default: HOST).
    #[arg(long, value_name = "HOST[::GUEST]")]
    pub dir: Vec<String>,

    /// WASI: as --dir, but the program cannot change anything in the directory.
    #[arg(long, value_name = "HOST[::GUEST]")]
    pub dir_ro: Vec<String>,

    /// WASI: set an environment variable; KEY alone passes this process's value of KEY.
    #[arg(long, value_name = "KEY[=VALUE]")]
    pub env: Vec<String>,

    /// Meter gas (1 per WebAssembly operator, 1 per byte or element moved by bulk operations)
    /// and trap with `out of gas` after N.
    #[arg(long, value_name = "N")]
    pub gas_limit: Option<u64>,

    /// Largest linear memory in 64 KiB pages; `memory.grow` past it returns -1.
    #[arg(long, value_name = "N")]
    pub max_memory_pages: Option<u64>,

    /// Most guest frames active at once; one more traps with `call stack exhausted`.
    #[arg(long, value_name = "N")]
    pub max_call_depth: Option<usize>,

    /// Stop the program with an `interrupted` trap after this many seconds (fractions allowed).
    #[arg(long, value_name = "SECONDS")]
    pub timeout: Option<f64>,

    /// Deterministic mode: reject modules that use floating point, naming the first float
    /// instruction.
    #[arg(long)]
    pub no_fp: bool,

    /// Turn a WebAssembly proposal on, or off with `=n` (repeatable; also a comma-separated list)
    ///
    /// FEATURE alone, `=y`, `=yes` and `=true` turn it on; `=n`, `=no` and `=false` turn it off
    /// (`--wasm extended-const`, `-W simd=n,multi-value=n`). On by default, the proposals of
    /// WebAssembly 2.0: mutable-global, multi-value, sign-extension, nontrapping-float-to-int,
    /// bulk-memory, reference-types, simd. Off by default: extended-const, relaxed-simd,
    /// tail-call, multi-memory, memory64 (3.0; relaxed SIMD gives the same result on every engine
    /// and CPU). Known but not supported yet, so turning them on is an error:
    /// function-references, exceptions, gc.
    #[arg(short = 'W', long = "wasm", value_name = "FEATURE[=y|n]", value_delimiter = ',')]
    pub wasm: Vec<String>,

    /// Run on Polymerase, the ahead-of-time Cranelift engine: every function is compiled to
    /// native code before the program starts.
    #[arg(long)]
    pub polymerase: bool,

    /// With --polymerase, compile every time instead of keeping compiled code in the cache
    /// (LIFE_CACHE_DIR, else $XDG_CACHE_HOME/life, else ~/.cache/life).
    #[arg(long)]
    pub no_cache: bool,

    /// Print statistics to stderr: the engine, time to decode (and compile), instantiate and
    /// run, native code size and whether it came from the cache, gas used, memory pages.
    #[arg(long)]
    pub stats: bool,

    /// What to do with an imported function that life does not provide
    ///
    /// `deny` refuses to run the module and names the import and its type; `trap` runs it,
    /// and a call of such a function stops the program with a trap; `nosys` runs it, and such
    /// a function returns ENOSYS (52) as its first i32 result, zeros otherwise. This applies
    /// to `wasi_snapshot_preview1` functions Life does not implement and to every other
    /// function import but `env.__life_log`.
    #[arg(long, value_name = "POLICY", value_enum, default_value_t = UnknownImports::Deny)]
    pub wasi_unknown_imports: UnknownImports,

    /// The module, then ARGS: every word after FILE goes to the program unchanged
    ///
    /// FILE is a binary module (with the `\0asm` header) or WebAssembly text, decided by
    /// content. ARGS are the arguments of the entry function, parsed by its parameter types;
    /// for a WASI command, its command-line arguments (the program name, FILE, comes first).
    /// Options of `life` come before FILE: every word after it goes to the program unchanged,
    /// dashes and `--` included (`life lua.wasm -e 'print(1)'`, `life -e f m.wasm -5`).
    #[arg(
        value_name = "FILE",
        required = true,
        num_args = 1..,
        trailing_var_arg = true,
        allow_hyphen_values = true,
    )]
    command: Vec<OsString>,

    /// The module file: the first word of `command`.
    #[arg(skip)]
    pub file: PathBuf,

    /// The arguments after FILE.
    #[arg(skip)]
    pub args: Vec<String>,
}

impl UnknownImports {
    /// The library's name for this policy.
    pub fn policy(self) -> life_wasi::UnknownImports {
        match self {
            UnknownImports::Deny => life_wasi::UnknownImports::Deny,
            UnknownImports::Trap => life_wasi::UnknownImports::Trap,
            UnknownImports::Nosys => life_wasi::UnknownImports::Nosys,
        }
    }
}

impl Cli {
    /// Parses this process's command line, splitting FILE from the arguments after it; exits
    /// with clap's message (status 2) on a malformed command line.
    pub fn from_env() -> Self {
        let mut cli = Cli::parse();
        let mut words = std::mem::take(&mut cli.command).into_iter();
        // clap checked that FILE is there (`required`, `num_args = 1..`).
        cli.file = words.next().map(PathBuf::from).unwrap_or_default();
        for word in words {
            match word.into_string() {
                Ok(arg) => cli.args.push(arg),
                Err(word) => {
                    let message = format!("argument {word:?} is not valid UTF-8, which WASI requires\n");
                    clap::Error::raw(ErrorKind::InvalidUtf8, message).exit();
                }
            }
        }
        cli
    }
}

/// What `--wasi-unknown-imports` asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum UnknownImports {
    /// Refuse to instantiate the module, naming the import and its type.
    Deny,
    /// Provide a function that traps when called.
    Trap,
    /// Provide a function that returns ENOSYS.
    Nosys,
}

const AFTER_HELP: &str = "\
Argument syntax by parameter type:
  i32, i64   decimal or 0x-hex, optionally signed (-5, 0xffffffff, -0x10)
  f32, f64   decimal or exponent form, inf, -inf, nan, nan:0x<payload>
  v128       0x followed by up to 32 hex digits
  references null

Exit status: 0 on success, 1 on an error, 134 when the program traps; a WASI command
exits with its own exit code.

WASI example: life --dir data --dir-ro /etc/ssl::certs --env LANG=C prog.wasm input.txt

Compiling ahead of time: life compile prog.wasm -o prog.lifec, then life prog.lifec
(see life compile --help)";

/// Compile a WebAssembly module with Polymerase into a file `life` runs without compiling.
///
/// The file holds the module and its machine code for this CPU, this version of Life and the
/// settings given here, which must match the run's: `life OUT` with another --gas-limit
/// setting (on or off), --timeout setting (on or off) or --no-fp refuses it, as does another
/// Life or CPU.
#[derive(Debug, Parser)]
#[command(name = "life compile", bin_name = "life compile", version)]
pub struct CompileCli {
    /// The module: binary or WebAssembly text.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// Where to write the compiled module [default: FILE with the extension .lifec].
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,

    /// Compile with gas metering, for runs with --gas-limit (the limit itself is the run's).
    #[arg(long, value_name = "N")]
    pub gas_limit: Option<u64>,

    /// Compile with interrupt checks, for runs with --timeout (the time itself is the run's).
    #[arg(long, value_name = "SECONDS")]
    pub timeout: Option<f64>,

    /// Deterministic mode: reject modules that use floating point, as for runs with --no-fp.
    #[arg(long)]
    pub no_fp: bool,

    /// Turn a WebAssembly proposal on or off, as for runs with the same --wasm (see `life --help`):
    /// the artifact runs only with the same features.
    #[arg(short = 'W', long = "wasm", value_name = "FEATURE[=y|n]", value_delimiter = ',')]
    pub wasm: Vec<String>,
}
