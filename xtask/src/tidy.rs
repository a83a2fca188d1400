//! Repository-wide checks that run as tests (`cargo test -p xtask`), after rust-analyzer's
//! `xtask/src/tidy.rs`.
//!
//! - Every `.rs` file under `crates/` and `xtask/` starts with a `//!` line saying what it is.
//! - No file opts out of a test or expects a panic: known failures belong in
//!   `crates/life-spec/src/expected_failures.rs`, and panics are bugs.

use std::{
    fs,
    path::{Path, PathBuf},
};

/// The attribute and the test flag that are forbidden, spelled so this file does not match.
const FORBIDDEN: &[&str] = &[concat!("#[", "ignore", "]"), concat!("should", "_panic")];

#[test]
fn files_start_with_module_docs() {
    let mut missing = Vec::new();
    for path in rust_files() {
        let text = read(&path);
        if !text.starts_with("//!") {
            missing.push(display(&path));
        }
    }
    assert!(
        missing.is_empty(),
        "these files must start with a `//!` line saying what they are for:\n  {}",
        missing.join("\n  ")
    );
}

#[test]
fn no_ignored_or_panicking_tests() {
    let mut offenders = Vec::new();
    for path in rust_files() {
        if path.ends_with("xtask/src/tidy.rs") {
            continue;
        }
        let text = read(&path);
        for pattern in FORBIDDEN {
            if text.contains(pattern) {
                offenders.push(format!("{}: contains `{pattern}`", display(&path)));
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "list known failures in expected_failures.rs instead; panics are bugs:\n  {}",
        offenders.join("\n  ")
    );
}

/// Every `.rs` file under `crates/` and `xtask/`, skipping build output.
fn rust_files() -> Vec<PathBuf> {
    let root = crate::project_root();
    let mut files = Vec::new();
    for dir in ["crates", "xtask"] {
        walk(&root.join(dir), &mut files);
    }
    files.sort();
    assert!(!files.is_empty(), "tidy found no .rs files under {}", root.display());
    files
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>) {
    let entries = fs::read_dir(dir).unwrap_or_else(|err| panic!("reading {}: {err}", dir.display()));
    for entry in entries {
        let entry = entry.unwrap_or_else(|err| panic!("reading {}: {err}", dir.display()));
        let path = entry.path();
        let file_type = entry.file_type().unwrap_or_else(|err| panic!("reading {}: {err}", path.display()));
        if file_type.is_dir() {
            if path.file_name().is_some_and(|name| name == "target") {
                continue;
            }
            walk(&path, files);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            files.push(path);
        }
    }
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|err| panic!("reading {}: {err}", path.display()))
}

/// `path` relative to the workspace root, for messages.
fn display(path: &Path) -> String {
    let root = crate::project_root();
    path.strip_prefix(&root).unwrap_or(path).display().to_string()
}
