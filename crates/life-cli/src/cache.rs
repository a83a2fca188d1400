//! The cache of compiled modules: `life --polymerase` keeps each module's Polymerase artifact
//! in a directory and loads it instead of compiling on the next run.
//!
//! The directory is `LIFE_CACHE_DIR`, else `$XDG_CACHE_HOME/life`, else `~/.cache/life`. A
//! file is named by [`life_aot::Polymerase::cache_key`] (the module's SHA-256, Life's
//! version, the CPU features and every setting that changes the code), so a module run with
//! other settings gets its own file. Files are written to a temporary name and renamed into
//! place, so processes sharing the directory see whole files or none; an artifact that fails
//! its checks is deleted and compiled again. The cache never stops a run: when the directory
//! cannot be read or written the module is compiled as without it, and `--stats` says why.

use life_aot::Polymerase;
use life_interp::{Error, Module, VmConfig};
use std::{
    fs,
    path::{Path, PathBuf},
    time::{SystemTime, UNIX_EPOCH},
};

/// The cache directory for this environment; `None` when no home is known.
pub fn dir() -> Option<PathBuf> {
    let var = |name| std::env::var_os(name).filter(|v| !v.is_empty()).map(PathBuf::from);
    var("LIFE_CACHE_DIR")
        .or_else(|| var("XDG_CACHE_HOME").map(|d| d.join("life")))
        .or_else(|| var("HOME").map(|d| d.join(".cache").join("life")))
}

/// This executable's size and modification time, in hex: part of every cache file's name,
/// so a rebuilt `life` (the same version, perhaps other code generation) never loads what an
/// earlier build stored. `0` when unknown.
fn build_id() -> String {
    let meta = std::env::current_exe().and_then(fs::metadata);
    let modified = meta.as_ref().ok().and_then(|m| m.modified().ok()).and_then(|t| t.duration_since(UNIX_EPOCH).ok());
    match (meta, modified) {
        (Ok(meta), Some(t)) => format!("{:x}{:x}", meta.len(), t.as_nanos()),
        _ => "0".into(),
    }
}

/// Writes `bytes` to `path` through a temporary file in the same directory renamed into place.
///
/// # Errors
///
/// The I/O error of creating, writing or renaming the file (the temporary file is removed).
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let nanos = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.subsec_nanos());
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = path.with_file_name(format!(".{name}.{}.{nanos}.tmp", std::process::id()));
    let result = fs::write(&tmp, bytes).and_then(|()| fs::rename(&tmp, path));
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// Loads `wasm`'s compiled code from the cache in `dir`, or compiles it and stores it there.
/// Returns the module and a line for `--stats` saying where the code came from.
///
/// # Errors
///
/// The error of decoding or compiling the module; never one of the cache.
pub fn load(dir: &Path, wasm: &[u8], config: &VmConfig) -> Result<(Module, String), Error> {
    let polymerase = Polymerase::default();
    let key = polymerase.cache_key(wasm, config)?;
    let path = dir.join(format!("{key}-{}.lifec", build_id()));
    let mut note = String::new();
    match fs::read(&path) {
        Ok(bytes) => match polymerase.load_artifact(&bytes, config) {
            Ok(module) => return Ok((module, format!("code: loaded from the cache ({})", path.display()))),
            Err(e) => {
                let _ = fs::remove_file(&path);
                let why = match e {
                    Error::Compile(why) => why,
                    e => e.to_string(),
                };
                note = format!("; the cached file was refused ({why})");
            }
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => note = format!("; cannot read the cache: {e}"),
    }
    let (module, artifact) = match polymerase.compile_artifact(wasm, config) {
        Ok(done) => done,
        // Code that cannot be kept (`compile_artifact`) still runs.
        Err(Error::Compile(why)) if why.contains("cannot be kept") => {
            let module = Module::new(wasm, config)?;
            return Ok((module, format!("code: compiled, not cached: {why}{note}")));
        }
        Err(e) => return Err(e),
    };
    let stored = fs::create_dir_all(dir).and_then(|()| write_atomically(&path, &artifact));
    let line = match stored {
        Ok(()) => format!("code: compiled, stored in the cache ({}){note}", path.display()),
        Err(e) => format!("code: compiled; warning: cannot write the cache {}: {e}{note}", dir.display()),
    };
    Ok((module, line))
}
