//! The command line, declared with clap's derive API.

use clap::Parser;
use std::path::PathBuf;

/// Run a WebAssembly program with the Life interpreter.
///
/// Calls one exported function of FILE and prints its results, one per line.
/// The module may import `env.__life_log(ptr: i32, len: i32)`, which prints that many bytes of
/// guest memory followed by a newline; no other import is provided.
#[derive(Debug, Parser)]
#[command(name = "life", version, after_help = AFTER_HELP)]
pub struct Cli {
    /// The exported function to call.
    #[arg(short, long, value_name = "NAME", default_value = "app_main")]
    pub entry: String,

    /// The module: binary (`\0asm` header) or WebAssembly text, decided by content.
    pub file: PathBuf,

    /// Arguments of the entry function, parsed by its parameter types.
    #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
    pub args: Vec<String>,
}

const AFTER_HELP: &str = "\
Argument syntax by parameter type:
  i32, i64   decimal or 0x-hex, optionally signed (-5, 0xffffffff, -0x10)
  f32, f64   decimal or exponent form, inf, -inf, nan, nan:0x<payload>
  v128       0x followed by up to 32 hex digits
  references null

Exit status: 0 on success, 1 on an error, 134 when the program traps.";
