//! Repository-wide checks that run as tests (`cargo test -p xtask`), after rust-analyzer's
//! `xtask/src/tidy.rs`.
//!
//! - Every `.rs` file under `crates/` and `xtask/` starts with a `//!` line saying what it is.
//! - No file opts out of a test or expects a panic: known failures belong in
//!   `crates/life-spec/src/expected_failures.rs`, and panics are bugs.
//! - `unsafe` code appears only in the files of [`UNSAFE_ALLOWED`], and every crate without any
//!   says `#![forbid(unsafe_code)]`.
//! - The docs (README, ARCHITECTURE, RATIONALE, CONTRIBUTING, benches/README) cite only files
//!   and macros that exist.
//!
//! `cargo xtask tidy` runs these tests.

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

/// The files that may hold `unsafe` code: the interpreter's dispatch loops and slot access, the
/// bytes of a creator's memory, Polymerase's entry, calls and signal handling, loading a kept
/// artifact without validating its bodies again, the native benchmark's FFI and wasmtime's
/// deserialize in the warm-start benchmark. Adding a file here is a design decision: say why in ARCHITECTURE.md.
const UNSAFE_ALLOWED: &[&str] = &[
    "benches/examples/warm_start.rs",
    "benches/src/native.rs",
    "crates/life-aot/src/artifact.rs",
    "crates/life-aot/src/code.rs",
    "crates/life-aot/src/guard.rs",
    "crates/life-aot/src/libcalls.rs",
    "crates/life-aot/src/signals.rs",
    "crates/life-aot/src/vmctx.rs",
    "crates/life-interp/src/exec.rs",
    "crates/life-interp/src/exec/calls.rs",
    "crates/life-interp/src/exec/code.rs",
    "crates/life-interp/src/exec/handlers.rs",
    "crates/life-interp/src/exec/match_loop.rs",
    "crates/life-interp/src/exec/paused.rs",
    "crates/life-interp/src/exec/simd.rs",
    "crates/life-interp/src/exec/tail_loop.rs",
    "crates/life-interp/src/memory.rs",
    "crates/life-interp/src/module.rs",
];

/// Whether a line of Rust uses `unsafe` as code (a block, function, impl or trait), outside
/// comments and the lint attributes that name it.
fn uses_unsafe(line: &str) -> bool {
    let code = line.split("//").next().unwrap_or("");
    ["unsafe {", "unsafe fn", "unsafe impl", "unsafe extern", "unsafe trait"].iter().any(|p| code.contains(p))
}

#[test]
fn unsafe_stays_in_its_files() {
    let root = crate::project_root();
    let mut outside = Vec::new();
    let mut used = Vec::new();
    for path in rust_files_in(&["crates", "xtask", "benches"]) {
        let name = display(&path);
        if name.contains("/tests/") || name.ends_with("xtask/src/tidy.rs") {
            continue;
        }
        if read(&path).lines().any(uses_unsafe) {
            used.push(name.clone());
            if !UNSAFE_ALLOWED.contains(&name.as_str()) {
                outside.push(name);
            }
        }
    }
    assert!(outside.is_empty(), "`unsafe` outside the allowed files (xtask/src/tidy.rs):\n  {}", outside.join("\n  "));
    let stale: Vec<_> = UNSAFE_ALLOWED.iter().filter(|f| !used.iter().any(|u| u == *f)).collect();
    assert!(stale.is_empty(), "allowed to hold `unsafe` but holds none (or is gone): {stale:?}");
    assert!(root.join("crates").is_dir());
}

#[test]
fn crates_without_unsafe_forbid_it() {
    let root = crate::project_root();
    let mut missing = Vec::new();
    for krate in
        ["crates/life-decode", "crates/life-cli", "crates/life-spec", "crates/life-wasi", "crates/life-fuzz", "xtask"]
    {
        if UNSAFE_ALLOWED.iter().any(|f| f.starts_with(&format!("{krate}/"))) {
            missing.push(format!("{krate} is listed as unsafe-free but has allowed unsafe files"));
        }
        for root_file in ["src/lib.rs", "src/main.rs"] {
            let path = root.join(krate).join(root_file);
            if path.exists() && !read(&path).contains("#![forbid(unsafe_code)]") {
                missing.push(display(&path));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "crates without unsafe code must say `#![forbid(unsafe_code)]`:\n  {}",
        missing.join("\n  ")
    );
}

/// Macros of the standard library the docs may name.
const STD_MACROS: &[&str] =
    &["asm", "global_asm", "matches", "format", "vec", "println", "concat", "stringify", "include_bytes"];

/// The docs whose file and macro citations are checked.
const DOCS: &[&str] = &["README.md", "ARCHITECTURE.md", "RATIONALE.md", "CONTRIBUTING.md", "benches/README.md"];

#[test]
fn docs_cite_files_and_macros_that_exist() {
    let root = crate::project_root();
    let mut files = rust_files_in(&["crates", "xtask", "benches", "fuzz", "examples", "tests"]);
    files.extend(other_files(&root));
    let names: Vec<String> = files.iter().map(|p| display(p)).collect();
    let macros: Vec<String> = names
        .iter()
        .filter(|n| n.ends_with(".rs"))
        .flat_map(|n| {
            read(&root.join(n))
                .lines()
                .filter_map(|l| {
                    l.trim_start().strip_prefix("macro_rules! ").map(|m| m.trim_end_matches(" {").to_string())
                })
                .collect::<Vec<_>>()
        })
        .collect();
    let mut stale = Vec::new();
    for doc in DOCS {
        let path = root.join(doc);
        if !path.exists() {
            continue;
        }
        let text = read(&path);
        for cited in backticked(&text).into_iter().chain(bare_paths(&text)) {
            let cited = cited.trim_end_matches(['.', ',', ':']);
            if let Some(m) = cited.strip_suffix('!') {
                let m = m.rsplit("::").next().unwrap_or(m);
                if is_ident(m) && !STD_MACROS.contains(&m) && !macros.iter().any(|d| d == m) {
                    stale.push(format!("{doc}: macro `{cited}` is defined nowhere"));
                }
            } else if looks_like_path(cited) {
                let cited = cited.split([' ', ':', '#']).next().unwrap_or(cited);
                let found =
                    names.iter().any(|n| n == cited || n.ends_with(&format!("/{cited}"))) || root.join(cited).exists();
                if !found {
                    stale.push(format!("{doc}: file `{cited}` does not exist"));
                }
            }
        }
    }
    assert!(stale.is_empty(), "the docs cite what is not there:\n  {}", stale.join("\n  "));
}

/// The contents of every `` `...` `` span in `text`, fenced code blocks left out.
fn backticked(text: &str) -> Vec<&str> {
    prose_lines(text).flat_map(|line| line.split('`').skip(1).step_by(2)).collect()
}

/// The lines of a Markdown text outside fenced code blocks.
fn prose_lines(text: &str) -> impl Iterator<Item = &str> {
    let mut fenced = false;
    text.lines().filter(move |line| {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
            return false;
        }
        !fenced
    })
}

/// Words outside backticks that name a Rust or Markdown file (`see RATIONALE.md`), links and
/// paths outside the repository left out.
fn bare_paths(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for line in prose_lines(text) {
        for (i, part) in line.split('`').enumerate() {
            if i % 2 == 1 {
                continue;
            }
            for word in part.split(|c: char| c.is_whitespace() || "()[],;\"'<>".contains(c)) {
                let word = word.trim_end_matches(['.', ':']);
                if (word.ends_with(".rs") || word.ends_with(".md")) && !word.contains("://") && !word.starts_with("..")
                {
                    out.push(word);
                }
            }
        }
    }
    out
}

fn is_ident(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// A relative file path of the repository: words and slashes ending in a known extension.
fn looks_like_path(s: &str) -> bool {
    let s = s.split([' ', ':', '#']).next().unwrap_or(s);
    [".rs", ".md", ".toml", ".sh", ".wat", ".c"].iter().any(|e| s.ends_with(e))
        && s.chars().all(|c| c.is_ascii_alphanumeric() || "_-./".contains(c))
        && !s.starts_with('.')
        && !s.contains("..")
        && !s.starts_with('/')
}

/// Files other than Rust sources that the docs may cite (top-level docs, manifests, scripts,
/// programs), skipping build output.
fn other_files(root: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    walk_all(root, &mut files);
    files
}

fn walk_all(dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        if name == "target" || name == ".git" {
            continue;
        }
        if path.is_dir() {
            walk_all(&path, files);
        } else if path.extension().is_none_or(|e| e != "rs") {
            files.push(path);
        }
    }
}

/// Every `.rs` file under `crates/` and `xtask/`, skipping build output.
fn rust_files() -> Vec<PathBuf> {
    rust_files_in(&["crates", "xtask"])
}

/// Every `.rs` file under the given top-level directories, skipping build output.
fn rust_files_in(dirs: &[&str]) -> Vec<PathBuf> {
    let root = crate::project_root();
    let mut files = Vec::new();
    for dir in dirs {
        if root.join(dir).is_dir() {
            walk(&root.join(dir), &mut files);
        }
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
