//! `CliError`: every way a run can fail, worded as one `error: ...` line, with its exit code.

use life_decode::DecodeError;
use life_interp::{FuncType, InstantiationError, Trap, ValType};
use std::{
    fmt, io,
    io::Write,
    path::{Path, PathBuf},
    process::ExitCode,
};

/// Exit status for a trap: 128 + SIGABRT, what a native program that aborts reports.
const TRAP_EXIT: u8 = 134;

/// Why `life` could not run the program to completion.
#[derive(Debug)]
pub enum CliError {
    /// An option has a value that makes no sense.
    BadOption(String),
    /// The file could not be read.
    Read { path: PathBuf, error: io::Error },
    /// The file is a directory.
    Directory(PathBuf),
    /// The file has no bytes at all.
    Empty(PathBuf),
    /// The file has no `\0asm` header and is not UTF-8 text either.
    NotText(PathBuf),
    /// The text did not parse as WebAssembly text (line and column are 1-based).
    Parse { path: PathBuf, message: String, line: usize, column: usize },
    /// The module did not decode or validate.
    Decode { path: PathBuf, error: DecodeError },
    /// The module did not instantiate (a trap during instantiation is [`CliError::Trap`]).
    Instantiate { path: PathBuf, error: Box<InstantiationError> },
    /// No export of that name; carries the exported functions to list.
    MissingExport { path: PathBuf, name: String, funcs: Vec<(String, FuncType)> },
    /// The export exists but is not a function.
    NotAFunction { path: PathBuf, name: String, kind: &'static str },
    /// Too many or too few arguments.
    ArgCount { entry: String, ty: FuncType, got: usize },
    /// An argument does not parse as its parameter type (`index` is 1-based).
    BadArg { entry: String, index: usize, text: String, ty: ValType, reason: &'static str },
    /// The WASI command did not instantiate.
    InstantiateWasi { path: PathBuf, error: Box<InstantiationError> },
    /// A `--dir` or `--dir-ro` directory could not be opened.
    Preopen { dir: PathBuf, error: io::Error },
    /// An `--env` with an empty name.
    BadEnv(String),
    /// A WASI option for a run that is not a WASI command.
    WasiOption { option: &'static str, entry: String },
    /// A Polymerase artifact that failed its checks (it never runs).
    Artifact { path: PathBuf, message: String },
    /// The output of `life compile` could not be written.
    Write { path: PathBuf, error: io::Error },
    /// The program trapped.
    Trap(Trap),
    /// Writing to stdout failed (for example a closed pipe), for a log line or the results.
    Output(io::Error),
    /// Any other error of the library, which the checks above should have made impossible.
    Other(life_interp::Error),
}

impl CliError {
    /// Prints the error to stderr and returns the exit status.
    ///
    /// A failure to write to stderr is ignored: there is nowhere left to report it.
    pub fn report(&self) -> ExitCode {
        let mut stderr = io::stderr().lock();
        let _ = writeln!(stderr, "error: {self}");
        match self {
            CliError::Trap(_) => ExitCode::from(TRAP_EXIT),
            _ => ExitCode::FAILURE,
        }
    }

    /// Classifies an error of `life_interp`, keeping traps (also during instantiation) apart.
    pub fn from_interp(path: &Path, error: life_interp::Error) -> Self {
        if let Some(trap) = error.trap() {
            return CliError::Trap(trap.clone());
        }
        match error {
            life_interp::Error::Decode(error) => CliError::Decode { path: path.to_path_buf(), error },
            life_interp::Error::Instantiation(error) => {
                CliError::Instantiate { path: path.to_path_buf(), error: Box::new(error) }
            }
            other => CliError::Other(other),
        }
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CliError::BadOption(message) => f.write_str(message),
            CliError::Read { path, error } => {
                write!(f, "cannot read {}: {error}", path.display())
            }
            CliError::Directory(path) => {
                write!(f, "{} is a directory, not a module file", path.display())
            }
            CliError::Empty(path) => {
                write!(f, "invalid module {}: the file is empty", path.display())
            }
            CliError::NotText(path) => write!(
                f,
                "invalid module {}: neither a binary module (no \\0asm header) nor UTF-8 text",
                path.display()
            ),
            CliError::Parse { path, message, line, column } => write!(
                f,
                "cannot parse {} as WebAssembly text: {message} at line {line}, column {column}",
                path.display()
            ),
            CliError::Decode { path, error } => {
                write!(f, "{}: {error}", path.display())
            }
            CliError::Instantiate { path, error } => {
                write!(f, "cannot instantiate {}: {error}", path.display())?;
                if let InstantiationError::UnknownImport { kind, .. } = &**error {
                    write!(f, " (life provides only \"env\" \"__life_log\"")?;
                    stub_hint(f, kind)?;
                }
                Ok(())
            }
            CliError::InstantiateWasi { path, error } => {
                write!(f, "cannot instantiate {}: {error}", path.display())?;
                if let InstantiationError::UnknownImport { kind, .. } = &**error {
                    write!(f, " (life provides \"wasi_snapshot_preview1\" and \"env\" \"__life_log\"")?;
                    stub_hint(f, kind)?;
                }
                Ok(())
            }
            CliError::Preopen { dir, error } => {
                write!(f, "cannot open directory {} for the program: {error}", dir.display())
            }
            CliError::BadEnv(spec) => write!(f, "invalid --env {spec:?}: expected KEY=VALUE or KEY"),
            CliError::WasiOption { option, entry } => {
                write!(f, "{option} applies only to WASI commands, which export _start; this run calls {entry}")
            }
            CliError::MissingExport { path, name, funcs } => {
                write!(f, "{} has no export named \"{name}\"", path.display())?;
                if funcs.is_empty() {
                    return write!(f, " and exports no functions");
                }
                write!(f, "; exported functions:")?;
                for (name, ty) in funcs {
                    write!(f, "\n  {name}: {ty}")?;
                }
                Ok(())
            }
            CliError::NotAFunction { path, name, kind } => {
                write!(f, "export \"{name}\" of {} is a {kind}, not a function", path.display())
            }
            CliError::ArgCount { entry, ty, got } => {
                let n = ty.params().len();
                let plural = if n == 1 { "" } else { "s" };
                write!(f, "{entry} expects {n} argument{plural} {ty}, got {got}")
            }
            CliError::BadArg { entry, index, text, ty, reason } => {
                write!(f, "argument {index} of {entry}: \"{text}\" is not a valid {ty} ({reason})")
            }
            CliError::Artifact { path, message } => write!(f, "{}: {message}", path.display()),
            CliError::Write { path, error } => write!(f, "cannot write {}: {error}", path.display()),
            CliError::Trap(trap) => write!(f, "trap: {}", trap.display_with_trace()),
            CliError::Output(error) => write!(f, "cannot write to stdout: {error}"),
            CliError::Other(error) => write!(f, "{error}"),
        }
    }
}

/// Ends the note after an unknown import: for a function, how to run the module anyway.
fn stub_hint(f: &mut fmt::Formatter<'_>, kind: &str) -> fmt::Result {
    if kind == "func" {
        f.write_str("; --wasi-unknown-imports=trap or =nosys runs the module anyway")?;
    }
    f.write_str(")")
}
