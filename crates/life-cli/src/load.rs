//! Loading: file bytes to a decoded `Module`, accepting binary, text or a Polymerase artifact
//! by content, through the cache of compiled modules when Polymerase runs.

use crate::{cache, error::CliError};
use life_interp::{Engine, Module, VmConfig};
use std::{fs, path::Path};

/// A loaded module and, when native code was involved, where it came from (for `--stats`).
pub struct Loaded {
    pub module: Module,
    pub origin: Option<String>,
}

/// Whether the file at `path` is a Polymerase artifact (`life compile`), by its magic.
pub fn is_artifact(path: &Path) -> bool {
    use std::io::Read;
    let mut magic = [0; 8];
    fs::File::open(path).and_then(|mut f| f.read_exact(&mut magic)).is_ok() && life_aot::is_artifact(&magic)
}

/// Reads the file at `path` and returns its bytes as a binary module: parses text, accepts
/// an artifact's bytes unchanged.
///
/// # Errors
///
/// [`CliError::Read`], [`CliError::Directory`], [`CliError::Empty`], [`CliError::NotText`] or
/// [`CliError::Parse`].
pub fn read(path: &Path) -> Result<Vec<u8>, CliError> {
    let read_error = |error| CliError::Read { path: path.to_path_buf(), error };
    // Note: `fs::read` of a directory fails only with an OS-specific message, or not at all
    // on some systems, so directories are caught by their metadata first.
    if fs::metadata(path).map_err(read_error)?.is_dir() {
        return Err(CliError::Directory(path.to_path_buf()));
    }
    let bytes = fs::read(path).map_err(read_error)?;
    if bytes.is_empty() {
        return Err(CliError::Empty(path.to_path_buf()));
    }
    if bytes.starts_with(b"\0asm") || life_aot::is_artifact(&bytes) {
        return Ok(bytes);
    }
    let text = std::str::from_utf8(&bytes).map_err(|_| CliError::NotText(path.to_path_buf()))?;
    parse_text(path, text)
}

/// Reads, parses (if text) and decodes the module at `path`, or loads the artifact there.
///
/// A file starting with the `\0asm` magic is binary, one starting with `\0lifeaot` an
/// artifact; anything else is parsed as text, so the file's extension does not matter. With
/// a native engine and a `cache` directory, compiled code comes from and goes to the cache.
///
/// # Errors
///
/// Those of [`read`], [`CliError::Decode`], or [`CliError::Artifact`] for a refused artifact.
pub fn load(path: &Path, config: &VmConfig, cache: Option<&Path>) -> Result<Loaded, CliError> {
    let binary = read(path)?;
    if life_aot::is_artifact(&binary) {
        let module = life_aot::Polymerase::default().load_artifact(&binary, config).map_err(|e| match e {
            life_interp::Error::Compile(message) => CliError::Artifact { path: path.to_path_buf(), message },
            e => CliError::from_interp(path, e),
        })?;
        return Ok(Loaded { module, origin: Some("code: loaded from the artifact".into()) });
    }
    match (&config.engine, cache) {
        (Engine::Native(_), Some(dir)) => {
            let (module, origin) = cache::load(dir, &binary, config).map_err(|e| CliError::from_interp(path, e))?;
            Ok(Loaded { module, origin: Some(origin) })
        }
        (Engine::Native(_), None) => {
            let module = Module::new(&binary, config).map_err(|e| CliError::from_interp(path, e))?;
            Ok(Loaded { module, origin: Some("code: compiled (cache off)".into()) })
        }
        (Engine::Interpreter, _) => {
            let module = Module::new(&binary, config).map_err(|e| CliError::from_interp(path, e))?;
            Ok(Loaded { module, origin: None })
        }
    }
}

/// Parses WebAssembly text into a binary module, with a `name` section for stack traces.
///
/// This uses `wast` rather than `wat` because `wat`'s errors render as a multi-line snippet,
/// while `wast` gives the message and position separately for a one-line error.
fn parse_text(path: &Path, text: &str) -> Result<Vec<u8>, CliError> {
    let parse_error = |e: wast::Error| {
        let (line, column) = e.span().linecol_in(text);
        CliError::Parse { path: path.to_path_buf(), message: e.message(), line: line + 1, column: column + 1 }
    };
    let buf = wast::parser::ParseBuffer::new(text).map_err(parse_error)?;
    let mut wat = wast::parser::parse::<wast::Wat>(&buf).map_err(parse_error)?;
    wat.encode().map_err(parse_error)
}
