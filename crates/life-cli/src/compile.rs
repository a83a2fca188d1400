//! `life compile`: compiles a module with Polymerase and writes the artifact that `life` runs.

use crate::{cache::write_atomically, cli::CompileCli, error::CliError, load};
use life_interp::VmConfig;

/// Compiles `cli.file` for runs with `cli`'s settings and writes the artifact to `cli.output`.
///
/// # Errors
///
/// Those of reading and decoding the module, [`CliError::BadOption`] for a bad timeout or
/// `--wasm` feature,
/// [`CliError::Other`] when compiling fails, [`CliError::Write`] when the output cannot be
/// written.
pub fn compile(cli: &CompileCli) -> Result<(), CliError> {
    let mut config = VmConfig { gas_limit: cli.gas_limit, engine: life_aot::polymerase(), ..VmConfig::default() };
    if let Some(secs) = cli.timeout {
        config.timeout = Some(crate::run::timeout(secs)?);
    }
    config.features.floats = !cli.no_fp;
    crate::run::apply_wasm_features(&mut config, &cli.wasm)?;
    let wasm = load::read(&cli.file)?;
    if life_aot::is_artifact(&wasm) {
        return Err(CliError::BadOption(format!("{} is already compiled", cli.file.display())));
    }
    let (_, artifact) = life_aot::Polymerase::default()
        .compile_artifact(&wasm, &config)
        .map_err(|e| CliError::from_interp(&cli.file, e))?;
    let output = cli.output.clone().unwrap_or_else(|| cli.file.with_extension("lifec"));
    write_atomically(&output, &artifact).map_err(|error| CliError::Write { path: output, error })
}
