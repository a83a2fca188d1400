//! One run: load the module, check the entry and its arguments, instantiate, invoke, print.

use crate::{args, cli::Cli, error::CliError, host::CliImports, load, wasi};
use life_decode::ExternKind;
use life_interp::{Engine, FuncType, Module, Vm, VmConfig};
use std::time::{Duration, Instant};
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
    let config = config(cli)?;
    let mut stats = Stats::new(cli.stats, &config.engine);
    let cache = if cli.no_cache { None } else { crate::cache::dir() };
    let load::Loaded { module, origin } = load::load(&cli.file, &config, cache.as_deref())?;
    stats.loaded(&module, origin);
    let entry = wasi::entry(cli, &module);
    if wasi::is_command(&module, &entry) {
        return wasi::run_command(cli, &module, config, stats);
    }
    if let Some(option) = wasi::wasi_option(cli) {
        return Err(CliError::WasiOption { option, entry });
    }
    let ty = entry_type(&module, &cli.file, &entry)?;
    let args = args::parse_args(&entry, &ty, &cli.args)?;
    let mut imports = CliImports::new(cli.wasi_unknown_imports.policy());
    // A failed write to stdout in `__life_log` surfaces as a trap; report the write instead.
    let fail = |imports: &CliImports, e| match imports.take_output_error() {
        Some(error) => CliError::Output(error),
        None => CliError::from_interp(&cli.file, e),
    };
    let mut vm = Vm::from_module(&module, config, &mut imports).map_err(|e| fail(&imports, e))?;
    stats.lap("instantiate");
    let outcome = vm.invoke(&entry, &args);
    stats.lap("run");
    stats.print(&mut vm);
    let results = outcome.map_err(|e| fail(&imports, e))?;
    let mut out = io::stdout().lock();
    for value in &results {
        writeln!(out, "{value}").map_err(CliError::Output)?;
    }
    out.flush().map_err(CliError::Output)?;
    Ok(ExitCode::SUCCESS)
}

/// The VM configuration the options describe, engine included: every run builds its VM from it.
///
/// # Errors
///
/// [`CliError::BadOption`] for a timeout that is not a positive number of seconds, and for a
/// `--wasm` feature that is unknown, has a value other than y or n, or is not supported yet.
pub fn config(cli: &Cli) -> Result<VmConfig, CliError> {
    // An artifact (`life compile`) is Polymerase's code: it runs there.
    let polymerase = cli.polymerase || load::is_artifact(&cli.file);
    let engine = if polymerase { life_aot::polymerase() } else { Engine::Interpreter };
    let mut config = VmConfig { gas_limit: cli.gas_limit, engine, ..VmConfig::default() };
    if let Some(pages) = cli.max_memory_pages {
        config.max_memory_pages = pages;
    }
    if let Some(depth) = cli.max_call_depth {
        config.max_call_depth = depth;
    }
    if let Some(secs) = cli.timeout {
        config.timeout = Some(timeout(secs)?);
    }
    config.features.floats = !cli.no_fp;
    apply_wasm_features(&mut config, &cli.wasm)?;
    Ok(config)
}

/// Applies `--wasm` items (`FEATURE[=y|n]`) to `config`'s features, for runs and `life compile`.
///
/// # Errors
///
/// [`CliError::BadOption`] for a feature that is unknown, has a value other than y or n, or is
/// not supported yet.
pub fn apply_wasm_features(config: &mut VmConfig, items: &[String]) -> Result<(), CliError> {
    for item in items {
        let (name, on) = wasm_feature(item)?;
        config.features.set(name, on).map_err(|e| CliError::BadOption(format!("--wasm {item}: {e}")))?;
    }
    let unsupported =
        life_decode::Features::PROPOSALS.iter().find(|p| !p.implemented && config.features.get(p.name) == Some(true));
    if let Some(proposal) = unsupported {
        let name = proposal.name;
        return Err(CliError::BadOption(format!("--wasm {name}: the {name} proposal is not supported yet")));
    }
    Ok(())
}

/// Splits one `--wasm` item, `FEATURE[=y|n]`, into the name and whether to turn it on.
fn wasm_feature(item: &str) -> Result<(&str, bool), CliError> {
    let (name, value) = item.split_once('=').unwrap_or((item, "y"));
    let on = match value {
        "y" | "yes" | "true" => true,
        "n" | "no" | "false" => false,
        _ => {
            return Err(CliError::BadOption(format!("--wasm {item}: expected FEATURE, FEATURE=y or FEATURE=n")));
        }
    };
    Ok((name, on))
}

/// `--stats`: the engine, phase times, native code, gas and memory, printed to stderr.
pub struct Stats {
    enabled: bool,
    last: Instant,
    /// The lines to print, in order, without the `life: ` prefix.
    lines: Vec<String>,
}

impl Stats {
    /// Starts timing now, for a run on `engine`.
    pub fn new(enabled: bool, engine: &Engine) -> Self {
        let engine = match engine {
            Engine::Interpreter => "engine: interpreter".to_string(),
            Engine::Native(compiler) => format!("engine: {} (compiled ahead of time)", compiler.name()),
        };
        Stats { enabled, last: Instant::now(), lines: vec![engine] }
    }

    /// Records the time since the previous lap under `phase`.
    pub fn lap(&mut self, phase: &str) {
        let now = Instant::now();
        self.lines.push(format!("{phase}: {:.3} ms", (now - self.last).as_secs_f64() * 1e3));
        self.last = now;
    }

    /// Records loading `module` as a lap and, when a native engine compiled it, the compile
    /// time (part of that lap), the size of the machine code and where it came from
    /// (`origin`: compiled, the cache, an artifact).
    pub fn loaded(&mut self, module: &Module, origin: Option<String>) {
        let Some(native) = module.native() else {
            self.lap("decode, validate and translate");
            return;
        };
        let cached = origin.as_deref().is_some_and(|o| o.starts_with("code: loaded"));
        let (phase, what) = if cached {
            ("decode and load native code", "load native code")
        } else {
            ("decode, validate, translate and compile", "compile")
        };
        self.lap(phase);
        self.lines.push(format!(
            "{what}: {:.3} ms, {} bytes of native code",
            native.compile_time().as_secs_f64() * 1e3,
            native.code_size()
        ));
        self.lines.extend(origin);
    }

    /// Prints everything recorded, and the VM's gas and memory.
    pub fn print(&self, vm: &mut Vm) {
        if !self.enabled {
            return;
        }
        let mut err = io::stderr().lock();
        for line in &self.lines {
            let _ = writeln!(err, "life: {line}");
        }
        match (vm.store().gas_used(), vm.store().gas_left()) {
            (Some(used), Some(left)) => {
                let _ = writeln!(err, "life: gas used: {used} (left: {left}); 1 gas per WebAssembly operator executed");
            }
            _ => {
                let _ = writeln!(err, "life: gas: not metered (use --gas-limit to count operators)");
            }
        }
        if let Some(mem) = vm.memory() {
            let pages = vm.store().memory_type(mem).map_or(0, |t| t.limits.min);
            let _ = writeln!(err, "life: memory: {pages} pages of 64 KiB at the end (the peak: memory never shrinks)");
        }
    }
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

/// The `--timeout` option's seconds as a duration: positive and finite, or a usage error.
pub fn timeout(secs: f64) -> Result<Duration, CliError> {
    Duration::try_from_secs_f64(secs)
        .ok()
        .filter(|d| !d.is_zero())
        .ok_or_else(|| CliError::BadOption(format!("--timeout {secs}: expected a positive number of seconds")))
}

#[cfg(test)]
mod tests {
    use super::config;
    use crate::cli::Cli;
    use clap::Parser;

    fn features(args: &[&str]) -> Result<life_decode::Features, String> {
        let cli = Cli::try_parse_from(["life"].iter().chain(args).chain(&["m.wasm"])).map_err(|e| e.to_string())?;
        config(&cli).map(|c| c.features).map_err(|e| e.to_string())
    }

    #[test]
    fn wasm_turns_proposals_on_and_off() {
        assert!(!features(&[]).unwrap().extended_const);
        assert!(features(&["--wasm", "extended-const"]).unwrap().extended_const);
        assert!(features(&["-W", "extended-const=y"]).unwrap().extended_const);
        assert!(!features(&["--wasm", "extended-const", "--wasm", "extended-const=n"]).unwrap().extended_const);
        let f = features(&["--wasm", "simd=n,multi-value=no", "-W", "bulk-memory=false,extended-const=yes"]).unwrap();
        assert!(!f.simd && !f.multi_value && !f.bulk_memory && f.extended_const && f.reference_types);
        assert!(features(&["--wasm", "relaxed-simd"]).unwrap().relaxed_simd);
        assert!(!features(&[]).unwrap().relaxed_simd);
        // An unsupported proposal turned on and off again is fine.
        assert!(features(&["--wasm", "gc", "--wasm", "gc=n"]).is_ok());
    }

    /// The option's help is written by hand: it must name every proposal `Features` knows.
    #[test]
    fn help_lists_every_proposal() {
        use clap::CommandFactory;
        let help = Cli::command().render_long_help().to_string();
        let help = help.split_whitespace().collect::<Vec<_>>().join(" ");
        for proposal in life_decode::Features::PROPOSALS {
            let name = proposal.name;
            let listed = [",", ".", " ("].iter().any(|end| help.contains(&format!(" {name}{end}")));
            assert!(listed, "{name}: {help}");
        }
    }

    #[test]
    fn wasm_errors_name_the_problem() {
        let err = features(&["--wasm", "tail-calls"]).unwrap_err();
        assert!(err.starts_with("--wasm tail-calls: unknown WebAssembly feature \"tail-calls\" (known: "), "{err}");
        assert!(err.contains("extended-const") && err.contains("tail-call,"), "{err}");
        assert_eq!(
            features(&["--wasm", "simd=maybe"]).unwrap_err(),
            "--wasm simd=maybe: expected FEATURE, FEATURE=y or FEATURE=n"
        );
        for name in ["function-references", "exceptions", "gc"] {
            assert_eq!(
                features(&["--wasm", name]).unwrap_err(),
                format!("--wasm {name}: the {name} proposal is not supported yet")
            );
        }
    }
}
