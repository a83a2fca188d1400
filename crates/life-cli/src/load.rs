//! Loading: file bytes to a decoded `Module`, accepting binary or text by content.

use crate::error::CliError;
use life_interp::{Module, VmConfig};
use std::{fs, path::Path};

/// Reads, parses (if text) and decodes the module at `path`.
///
/// A file starting with the `\0asm` magic is binary; anything else is parsed as text, so the
/// file's extension does not matter.
///
/// # Errors
///
/// [`CliError::Read`], [`CliError::Directory`], [`CliError::Empty`], [`CliError::NotText`],
/// [`CliError::Parse`] or [`CliError::Decode`].
pub fn load(path: &Path, config: &VmConfig) -> Result<Module, CliError> {
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
    let binary = if bytes.starts_with(b"\0asm") {
        bytes
    } else {
        let text = std::str::from_utf8(&bytes).map_err(|_| CliError::NotText(path.to_path_buf()))?;
        parse_text(path, text)?
    };
    Module::new(&binary, config).map_err(|e| CliError::from_interp(path, e))
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
