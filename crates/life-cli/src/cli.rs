//! The command line, declared with clap's derive API.

use clap::Parser;
use std::path::PathBuf;

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
/// results, traps, limits and exit codes are the same on both engines.
#[derive(Debug, Parser)]
#[command(name = "life", version, after_help = AFTER_HELP)]
pub struct Cli {
    /// The exported function to call [default: app_main, or _start for a WASI command].
    #[arg(short, long, value_name = "NAME")]
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

    /// Run on Polymerase, the ahead-of-time Cranelift engine: every function is compiled to
    /// native code before the program starts.
    #[arg(long)]
    pub polymerase: bool,

    /// Print statistics to stderr: the engine, time to decode (and compile), instantiate and
    /// run, native code size, gas used, memory pages.
    #[arg(long)]
    pub stats: bool,

    /// The module: binary (`\0asm` header) or WebAssembly text, decided by content.
    pub file: PathBuf,

    /// Arguments of the entry function, parsed by its parameter types; for a WASI command,
    /// its command-line arguments (the program name, FILE, comes first). Options of `life`
    /// may come between FILE and the first argument; use `--` before arguments that start
    /// with `-`.
    #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
    pub args: Vec<String>,
}

const AFTER_HELP: &str = "\
Argument syntax by parameter type:
  i32, i64   decimal or 0x-hex, optionally signed (-5, 0xffffffff, -0x10)
  f32, f64   decimal or exponent form, inf, -inf, nan, nan:0x<payload>
  v128       0x followed by up to 32 hex digits
  references null

Exit status: 0 on success, 1 on an error, 134 when the program traps; a WASI command
exits with its own exit code.

WASI example: life --dir data --dir-ro /etc/ssl::certs --env LANG=C prog.wasm input.txt";
