//! `cargo xtask wasi-testsuite <checkout>`: vendors the preview 1 programs of the official
//! WASI test suite into `crates/life-wasi/tests/wasi-testsuite/`.
//!
//! `<checkout>` is a tree of the suite's `prod/testsuite-base` branch (for example
//! `git archive <commit> | tar -x`). For each of `assemblyscript`, `c` and `rust`, the files
//! of `tests/<lang>/testsuite/wasm32-wasip1/` are copied with their fixture directories; the
//! `.wasm` files lose every custom section except `name` (debug information makes them
//! twenty times larger, and names keep stack traces readable). The suite's `LICENSE` comes
//! along; the README beside them, naming the upstream commit, is written by hand.

use std::{
    fs, io,
    path::{Path, PathBuf},
    process::ExitCode,
};

const LANGUAGES: [&str; 3] = ["assemblyscript", "c", "rust"];

pub fn run(args: Vec<String>) -> ExitCode {
    let [checkout] = args.as_slice() else {
        eprintln!("usage: cargo xtask wasi-testsuite <checkout of WebAssembly/wasi-testsuite prod/testsuite-base>");
        return ExitCode::from(2);
    };
    let dest = crate::project_root().join("crates/life-wasi/tests/wasi-testsuite");
    match vendor(Path::new(checkout), &dest) {
        Ok(n) => {
            println!("vendored {n} test programs into {}", dest.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Copies the three preview 1 directories and the license; returns the number of programs.
fn vendor(checkout: &Path, dest: &Path) -> io::Result<usize> {
    let mut programs = 0;
    for lang in LANGUAGES {
        let from = checkout.join("tests").join(lang).join("testsuite/wasm32-wasip1");
        let to = dest.join(lang);
        if to.exists() {
            fs::remove_dir_all(&to)?;
        }
        programs += copy_dir(&from, &to)?;
    }
    fs::copy(checkout.join("LICENSE"), dest.join("LICENSE"))?;
    Ok(programs)
}

/// Copies `from` to `to` recursively, stripping `.wasm` files; returns how many it stripped.
fn copy_dir(from: &Path, to: &Path) -> io::Result<usize> {
    fs::create_dir_all(to)?;
    let mut programs = 0;
    let mut entries: Vec<PathBuf> = fs::read_dir(from)?.map(|e| e.map(|e| e.path())).collect::<Result<_, _>>()?;
    entries.sort();
    for path in entries {
        let target = to.join(path.file_name().expect("a directory entry has a name"));
        if path.is_dir() {
            programs += copy_dir(&path, &target)?;
        } else if path.extension().is_some_and(|e| e == "wasm") {
            fs::write(
                &target,
                strip(&fs::read(&path)?).map_err(|e| io::Error::other(format!("{}: {e}", path.display())))?,
            )?;
            programs += 1;
        } else {
            fs::copy(&path, &target)?;
        }
    }
    Ok(programs)
}

/// The module without its custom sections other than `name`.
fn strip(wasm: &[u8]) -> Result<Vec<u8>, &'static str> {
    if wasm.len() < 8 || &wasm[..4] != b"\0asm" {
        return Err("not a binary module");
    }
    let mut out = wasm[..8].to_vec();
    let mut at = 8;
    while at < wasm.len() {
        let id = wasm[at];
        let (size, body) = leb128(wasm, at + 1)?;
        let end = body.checked_add(size).filter(|&e| e <= wasm.len()).ok_or("a section runs past the end")?;
        let keep = id != 0 || {
            let (len, name) = leb128(wasm, body)?;
            wasm.get(name..name + len) == Some(b"name".as_slice())
        };
        if keep {
            out.extend_from_slice(&wasm[at..end]);
        }
        at = end;
    }
    Ok(out)
}

/// An unsigned LEB128 `u32` at `at`: its value and the offset after it.
fn leb128(bytes: &[u8], mut at: usize) -> Result<(usize, usize), &'static str> {
    let mut value = 0usize;
    for shift in (0..35).step_by(7) {
        let byte = *bytes.get(at).ok_or("a section size runs past the end")?;
        at += 1;
        value |= usize::from(byte & 0x7f) << shift;
        if byte & 0x80 == 0 {
            return Ok((value, at));
        }
    }
    Err("a section size is longer than 5 bytes")
}

#[cfg(test)]
mod tests {
    use super::strip;

    /// A section: id, size, contents.
    fn section(id: u8, contents: &[u8]) -> Vec<u8> {
        [&[id, contents.len() as u8][..], contents].concat()
    }

    /// A custom section called `name` with `payload`.
    fn custom(name: &str, payload: &[u8]) -> Vec<u8> {
        section(0, &[&[name.len() as u8][..], name.as_bytes(), payload].concat())
    }

    #[test]
    fn strip_keeps_every_section_but_custom_ones_other_than_name() {
        let header = b"\0asm\x01\0\0\0".to_vec();
        let types = section(1, &[1, 0x60, 0, 0]);
        let names = custom("name", &[1, 2, 3]);
        let module =
            [&header[..], &custom(".debug_info", &[0; 100]), &types, &names, &custom("producers", &[7])].concat();
        assert_eq!(strip(&module), Ok([&header[..], &types, &names].concat()));
        assert_eq!(strip(b"\0asm\x01\0\0\0\x01\x05\x01"), Err("a section runs past the end"));
        assert_eq!(strip(b"not wasm"), Err("not a binary module"));
    }
}
