//! One run: load the module, check the entry and its arguments, instantiate, invoke, print.

use crate::{args, cli::Cli, error::CliError, host::CliImports, load, wasi};
use life_decode::ExternKind;
use life_interp::{FuncType, Module, Vm, VmConfig};
use std::{
    io::{self, Write},
    path::Path,
    process::ExitCode,
};

/// Runs `cli.entry` of `cli.file` with `cli.args` and prints the results to stdout, or runs
/// the module as a WASI command (see [`wasi::is_command`]).
///
/// The entry and its arguments are checked against the decoded module before instantiation,
/// so a mistyped command line never runs the module's start function.
///
/// # Errors
///
/// Any [`CliError`]; a trap, during instantiation or the call, is [`CliError::Trap`], except
/// when `__life_log` could not write to stdout, which is [`CliError::Output`].
pub fn run(cli: &Cli) -> Result<ExitCode, CliError> {
    let config = VmConfig::default();
    let module = load::load(&cli.file, &config)?;
    let entry = wasi::entry(cli, &module);
    if wasi::is_command(&module, &entry) {
        return wasi::run_command(cli, &module, config);
    }
    if let Some(option) = wasi::wasi_option(cli) {
        return Err(CliError::WasiOption { option, entry });
    }
    let ty = entry_type(&module, &cli.file, &entry)?;
    let args = args::parse_args(&entry, &ty, &cli.args)?;
    let mut imports = CliImports::default();
    // A failed write to stdout in `__life_log` surfaces as a trap; report the write instead.
    let fail = |imports: &CliImports, e| match imports.take_output_error() {
        Some(error) => CliError::Output(error),
        None => CliError::from_interp(&cli.file, e),
    };
    let mut vm = Vm::from_module(&module, config, &mut imports).map_err(|e| fail(&imports, e))?;
    let results = vm.invoke(&entry, &args).map_err(|e| fail(&imports, e))?;
    let mut out = io::stdout().lock();
    for value in &results {
        writeln!(out, "{value}").map_err(CliError::Output)?;
    }
    out.flush().map_err(CliError::Output)?;
    Ok(ExitCode::SUCCESS)
}

/// The signature of exported function `name`.
///
/// # Errors
///
/// [`CliError::MissingExport`] listing the exported functions, or [`CliError::NotAFunction`].
fn entry_type(module: &Module, path: &Path, name: &str) -> Result<FuncType, CliError> {
    let decoded = module.decoded();
    let Some(export) = decoded.export(name) else {
        let funcs = decoded
            .exports
            .iter()
            .filter(|e| e.kind == ExternKind::Func)
            .map(|e| (e.name.clone(), decoded.func_type(e.index).clone()))
            .collect();
        return Err(CliError::MissingExport { path: path.to_path_buf(), name: name.to_string(), funcs });
    };
    let kind = match export.kind {
        ExternKind::Func => return Ok(decoded.func_type(export.index).clone()),
        ExternKind::Table => "table",
        ExternKind::Memory => "memory",
        ExternKind::Global => "global",
    };
    Err(CliError::NotAFunction { path: path.to_path_buf(), name: name.to_string(), kind })
}
