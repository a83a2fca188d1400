//! Running a WASI command: `_start` with arguments, environment, standard streams and
//! preopened directories from the command line, and the program's exit code as `life`'s.

use crate::run::Stats;
use crate::{cli::Cli, error::CliError, host::CliImports};
use life_decode::ExternKind;
use life_interp::{Module, TrapKind, Vm, VmConfig};
use life_wasi::{Wasi, WasiCtx, WasiCtxBuilder};
use std::{
    io::{self, Write},
    path::PathBuf,
    process::ExitCode,
};

/// The entry to run: `--entry`, else `app_main` if exported, else `_start` if exported, else
/// `app_main` (whose absence is then reported).
pub fn entry(cli: &Cli, module: &Module) -> String {
    if let Some(entry) = &cli.entry {
        return entry.clone();
    }
    let exports_func = |name| module.decoded().export(name).is_some_and(|e| e.kind == ExternKind::Func);
    if !exports_func("app_main") && exports_func("_start") { "_start" } else { "app_main" }.to_string()
}

/// Whether `entry` makes the run a WASI command: it is `_start` and takes and returns nothing.
pub fn is_command(module: &Module, entry: &str) -> bool {
    let decoded = module.decoded();
    entry == "_start"
        && decoded.export(entry).is_some_and(|e| {
            let ty = decoded.func_type(e.index);
            e.kind == ExternKind::Func && ty.params().is_empty() && ty.results().is_empty()
        })
}

/// The first WASI-only option given, if any, to refuse it for a run that is not a command.
pub fn wasi_option(cli: &Cli) -> Option<&'static str> {
    [(!cli.dir.is_empty(), "--dir"), (!cli.dir_ro.is_empty(), "--dir-ro"), (!cli.env.is_empty(), "--env")]
        .into_iter()
        .find_map(|(given, name)| given.then_some(name))
}

/// Runs `_start` of `module` as a WASI command and returns its exit status.
///
/// The guest's exit code is passed on as a native program's would be: its low 8 bits.
/// `env.__life_log` is still provided, after WASI.
///
/// # Errors
///
/// A directory that cannot be opened, a malformed `--env`, and the errors of any run.
pub fn run_command(cli: &Cli, module: &Module, config: VmConfig, mut stats: Stats) -> Result<ExitCode, CliError> {
    let ctx = context(cli)?.build();
    let policy = cli.wasi_unknown_imports.policy();
    let mut imports = (Wasi::new(ctx).unknown_imports(policy), CliImports::new(policy));
    let fail = |imports: &(Wasi, CliImports), e| match imports.1.take_output_error() {
        Some(error) => CliError::Output(error),
        None => match CliError::from_interp(&cli.file, e) {
            CliError::Instantiate { path, error } => CliError::InstantiateWasi { path, error },
            other => other,
        },
    };
    let mut vm = Vm::from_module(module, config, &mut imports).map_err(|e| fail(&imports, e))?;
    stats.lap("instantiate");
    let outcome = vm.invoke("_start", &[]);
    stats.lap("run");
    stats.print(&mut vm);
    let status = match outcome {
        Ok(_) => 0,
        Err(e) => match e.trap().map(|t| t.kind()) {
            Some(TrapKind::Exit(code)) => *code as u32 & 0xff,
            _ => return Err(fail(&imports, e)),
        },
    };
    // Output is flushed after each write; this only catches what a failed flush left.
    io::stdout().flush().map_err(CliError::Output)?;
    Ok(ExitCode::from(status as u8))
}

/// The WASI context the command line describes.
fn context(cli: &Cli) -> Result<WasiCtxBuilder, CliError> {
    let mut ctx = WasiCtx::builder().arg(cli.file.to_string_lossy()).args(cli.args.iter().cloned()).inherit_stdio();
    for spec in &cli.env {
        if spec.is_empty() || spec.starts_with('=') {
            return Err(CliError::BadEnv(spec.clone()));
        }
        match spec.split_once('=') {
            Some((key, value)) => ctx = ctx.env(key, value),
            None => {
                if let Ok(value) = std::env::var(spec) {
                    ctx = ctx.env(spec, value);
                }
            }
        }
    }
    let dirs = cli.dir.iter().map(|d| (d, false)).chain(cli.dir_ro.iter().map(|d| (d, true)));
    for (spec, read_only) in dirs {
        let (host, guest) = spec.split_once("::").unwrap_or((spec, spec));
        ctx = ctx
            .preopened_dir(host, guest, read_only)
            .map_err(|error| CliError::Preopen { dir: PathBuf::from(host), error })?;
    }
    Ok(ctx)
}
